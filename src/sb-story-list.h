/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

#define SB_TYPE_STORY_LIST (sb_story_list_get_type ())

G_DECLARE_FINAL_TYPE (SbStoryList, sb_story_list, SB, STORY_LIST, GtkWidget)

void        sb_story_list_set_model          (SbStoryList *self,
                                              SbCatalog   *catalog,
                                              SbLibrary   *library);
SbStory    *sb_story_list_get_selected_story (SbStoryList *self);
void        sb_story_list_set_selected_story (SbStoryList *self,
                                              SbStory     *story);
const char *sb_story_list_get_principle_id   (SbStoryList *self);
void        sb_story_list_set_principle_id   (SbStoryList *self,
                                              const char  *principle_id);
void        sb_story_list_set_search_text    (SbStoryList *self,
                                              const char  *text);
void        sb_story_list_focus_search       (SbStoryList *self);
GListModel *sb_story_list_get_visible        (SbStoryList *self);
void        sb_story_list_select_position    (SbStoryList *self,
                                              guint        position);

G_END_DECLS
