/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-interview.h"
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
guint64    sb_library_get_generation         (SbLibrary   *self);
void       sb_library_rename_principle       (SbLibrary   *self,
                                              const char  *old_id,
                                              const char  *new_id);

/* Interviews (see sb-interview.h). The list model holds SbInterview in
 * the sidebar's order (sb_interview_compare()): upcoming first, soonest
 * first, then past ones, newest first. Adding, removing or editing an
 * interview emits ::changed, so the store saves it like a story edit.
 * The order follows date edits at once; call
 * sb_library_sort_interviews() when the day changes.
 */
GListModel  *sb_library_get_interviews       (SbLibrary   *self);
void         sb_library_add_interview        (SbLibrary   *self,
                                              SbInterview *interview);
gboolean     sb_library_remove_interview     (SbLibrary   *self,
                                              SbInterview *interview);
SbInterview *sb_library_find_interview       (SbLibrary   *self,
                                              const char  *id);
void         sb_library_set_interviews_json  (SbLibrary   *self,
                                              const char  *json);
void         sb_library_splice_interviews    (SbLibrary   *self,
                                              GPtrArray   *interviews);
void         sb_library_update_interviews    (SbLibrary   *self,
                                              GPtrArray   *interviews);
void         sb_library_sort_interviews      (SbLibrary   *self);
void         sb_library_set_interviews_now   (SbLibrary   *self,
                                              GDateTime   *now);
GPtrArray   *sb_library_dup_interviews_using_story (SbLibrary *self,
                                              const char  *story_id);
GPtrArray   *sb_library_dup_earlier_at_company (SbLibrary *self,
                                              SbInterview *interview);
void         sb_library_log_follow_up        (SbLibrary   *self,
                                              SbInterview *interview,
                                              SbStory     *story,
                                              const char  *question);
char        *sb_library_dup_interviews_json  (SbLibrary   *self,
                                              guint        indent);

G_END_DECLS
