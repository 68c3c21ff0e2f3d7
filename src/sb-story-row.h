/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sb-story.h"

G_BEGIN_DECLS

#define SB_TYPE_STORY_ROW (sb_story_row_get_type ())

G_DECLARE_FINAL_TYPE (SbStoryRow, sb_story_row, SB, STORY_ROW, GtkWidget)

GtkWidget *sb_story_row_new              (void);
SbStory   *sb_story_row_get_story        (SbStoryRow *self);
void       sb_story_row_set_story        (SbStoryRow *self,
                                          SbStory    *story);
void       sb_story_row_set_coach_counts (SbStoryRow *self,
                                          guint       n_warnings,
                                          guint       n_notes);

G_END_DECLS
