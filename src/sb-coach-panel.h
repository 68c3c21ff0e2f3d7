/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-story.h"

G_BEGIN_DECLS

#define SB_TYPE_COACH_PANEL (sb_coach_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbCoachPanel, sb_coach_panel, SB, COACH_PANEL, GtkWidget)

GtkWidget *sb_coach_panel_new                (void);
void       sb_coach_panel_set_catalog        (SbCoachPanel *self,
                                              SbCatalog    *catalog);
SbStory   *sb_coach_panel_get_story          (SbCoachPanel *self);
void       sb_coach_panel_set_story          (SbCoachPanel *self,
                                              SbStory      *story);
GPtrArray *sb_coach_panel_get_findings       (SbCoachPanel *self);
guint      sb_coach_panel_get_target_seconds (SbCoachPanel *self);
void       sb_coach_panel_set_target_seconds (SbCoachPanel *self,
                                              guint         target_seconds);

G_END_DECLS
