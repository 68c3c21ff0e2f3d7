/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-story.h"

G_BEGIN_DECLS

#define SB_TYPE_STORY_EDITOR (sb_story_editor_get_type ())

G_DECLARE_FINAL_TYPE (SbStoryEditor, sb_story_editor, SB, STORY_EDITOR, GtkWidget)

void       sb_story_editor_set_catalog  (SbStoryEditor *self,
                                         SbCatalog     *catalog);
SbStory   *sb_story_editor_get_story    (SbStoryEditor *self);
void       sb_story_editor_set_story    (SbStoryEditor *self,
                                         SbStory       *story);
void       sb_story_editor_focus_title  (SbStoryEditor *self);
void       sb_story_editor_focus_field  (SbStoryEditor *self,
                                         const char    *field);
GtkWidget *sb_story_editor_get_field    (SbStoryEditor *self,
                                         const char    *field);
void       sb_story_editor_set_history  (SbStoryEditor *self,
                                         const char    *history);

G_END_DECLS
