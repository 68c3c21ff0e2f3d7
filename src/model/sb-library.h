/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-story.h"

G_BEGIN_DECLS

#define SB_TYPE_LIBRARY (sb_library_get_type ())

G_DECLARE_FINAL_TYPE (SbLibrary, sb_library, SB, LIBRARY, GObject)

SbLibrary *sb_library_new                    (void);
void       sb_library_add                    (SbLibrary   *self,
                                              SbStory     *story);
void       sb_library_insert                 (SbLibrary   *self,
                                              guint        position,
                                              SbStory     *story);
gboolean   sb_library_remove                 (SbLibrary   *self,
                                              SbStory     *story,
                                              guint       *position);
void       sb_library_replace                (SbLibrary   *self,
                                              SbStory     *old_story,
                                              SbStory     *new_story);
gboolean   sb_library_splice                 (SbLibrary   *self,
                                              GPtrArray   *stories);
SbStory   *sb_library_find                   (SbLibrary   *self,
                                              const char  *id);
gboolean   sb_library_find_position          (SbLibrary   *self,
                                              SbStory     *story,
                                              guint       *position);
void       sb_library_count_principles       (SbLibrary   *self);
guint      sb_library_count_principle        (SbLibrary   *self,
                                              const char  *principle_id);
GPtrArray *sb_library_dup_stories_for_principle (SbLibrary  *self,
                                              const char  *principle_id);
GPtrArray *sb_library_dup_snapshot           (SbLibrary   *self);
void       sb_library_rename_principle       (SbLibrary   *self,
                                              const char  *old_id,
                                              const char  *new_id);

G_END_DECLS
