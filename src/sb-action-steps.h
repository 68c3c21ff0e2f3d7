/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-story.h"

G_BEGIN_DECLS

#define SB_TYPE_ACTION_STEPS (sb_action_steps_get_type ())

G_DECLARE_FINAL_TYPE (SbActionSteps, sb_action_steps, SB, ACTION_STEPS, GtkWidget)

GtkWidget *sb_action_steps_new        (void);
void       sb_action_steps_set_story  (SbActionSteps *self,
                                       SbStory       *story);
void       sb_action_steps_add_step   (SbActionSteps *self);
GtkWidget *sb_action_steps_get_step   (SbActionSteps *self,
                                       guint          position);
void       sb_action_steps_focus_step (SbActionSteps *self,
                                       guint          position);

G_END_DECLS
