/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-story.h"

G_BEGIN_DECLS

#define SB_TYPE_SPEAKING_BAR (sb_speaking_bar_get_type ())

G_DECLARE_FINAL_TYPE (SbSpeakingBar, sb_speaking_bar, SB, SPEAKING_BAR, GtkWidget)

GtkWidget  *sb_speaking_bar_new                (void);
SbStory    *sb_speaking_bar_get_story          (SbSpeakingBar *self);
void        sb_speaking_bar_set_story          (SbSpeakingBar *self,
                                                SbStory       *story);
guint       sb_speaking_bar_get_target_seconds (SbSpeakingBar *self);
void        sb_speaking_bar_set_target_seconds (SbSpeakingBar *self,
                                                guint          target_seconds);
const char *sb_speaking_bar_get_summary        (SbSpeakingBar *self);
char       *sb_format_speaking_time            (double         seconds);

G_END_DECLS
