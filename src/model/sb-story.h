/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_TYPE_STORY (sb_story_get_type ())

G_DECLARE_FINAL_TYPE (SbStory, sb_story, SB, STORY, GObject)

/* Confidence is 1-5, or SB_CONFIDENCE_UNSET when never rated. */
#define SB_CONFIDENCE_UNSET 0

SbStory             *sb_story_new                 (void);
SbStory             *sb_story_new_from_json       (JsonObject   *object,
                                                   GError      **error);
void                 sb_story_write_json          (SbStory      *self,
                                                   GString      *out,
                                                   guint         indent);
SbStory             *sb_story_duplicate           (SbStory      *self);
SbStory             *sb_story_copy                (SbStory      *self);
gboolean             sb_story_content_equal       (SbStory      *self,
                                                   SbStory      *other);

const char          *sb_story_get_id              (SbStory      *self);
const char          *sb_story_get_title           (SbStory      *self);
void                 sb_story_set_title           (SbStory      *self,
                                                   const char   *title);
const char          *sb_story_get_situation       (SbStory      *self);
void                 sb_story_set_situation       (SbStory      *self,
                                                   const char   *situation);
const char          *sb_story_get_task            (SbStory      *self);
void                 sb_story_set_task            (SbStory      *self,
                                                   const char   *task);
const char * const  *sb_story_get_actions         (SbStory      *self);
guint                sb_story_get_n_actions       (SbStory      *self);
void                 sb_story_set_actions         (SbStory      *self,
                                                   const char * const *actions);
void                 sb_story_set_action          (SbStory      *self,
                                                   guint         position,
                                                   const char   *text);
void                 sb_story_insert_action       (SbStory      *self,
                                                   int           position,
                                                   const char   *text);
void                 sb_story_remove_action       (SbStory      *self,
                                                   guint         position);
void                 sb_story_move_action         (SbStory      *self,
                                                   guint         from,
                                                   guint         to);
const char          *sb_story_get_result          (SbStory      *self);
void                 sb_story_set_result          (SbStory      *self,
                                                   const char   *result);
const char          *sb_story_get_learnings       (SbStory      *self);
void                 sb_story_set_learnings       (SbStory      *self,
                                                   const char   *learnings);
const char          *sb_story_get_notes           (SbStory      *self);
void                 sb_story_set_notes           (SbStory      *self,
                                                   const char   *notes);
const char * const  *sb_story_get_principles      (SbStory      *self);
void                 sb_story_set_principles      (SbStory      *self,
                                                   const char * const *principles);
gboolean             sb_story_has_principle       (SbStory      *self,
                                                   const char   *principle_id);
void                 sb_story_add_principle       (SbStory      *self,
                                                   const char   *principle_id);
void                 sb_story_remove_principle    (SbStory      *self,
                                                   const char   *principle_id);
const char * const  *sb_story_get_tags            (SbStory      *self);
void                 sb_story_set_tags            (SbStory      *self,
                                                   const char * const *tags);
const char * const  *sb_story_get_dismissed       (SbStory      *self);
void                 sb_story_set_dismissed       (SbStory      *self,
                                                   const char * const *check_ids);
gboolean             sb_story_is_dismissed        (SbStory      *self,
                                                   const char   *check_id);
GDateTime           *sb_story_get_created         (SbStory      *self);
int                  sb_story_compare_created     (SbStory      *a,
                                                   SbStory      *b);
GDateTime           *sb_story_get_modified        (SbStory      *self);
guint                sb_story_get_practice_count  (SbStory      *self);
GDateTime           *sb_story_get_practice_last   (SbStory      *self);
int                  sb_story_get_confidence      (SbStory      *self);
void                 sb_story_record_practice     (SbStory      *self,
                                                   int           confidence,
                                                   GDateTime    *when);
void                 sb_story_prepare_search      (SbStory      *self);
gboolean             sb_story_matches_search      (SbStory      *self,
                                                   const char * const *words);
char                *sb_story_dup_first_line      (SbStory      *self);
char                *sb_story_dup_display_title   (SbStory      *self);
char                *sb_story_dup_title_or_untitled (SbStory      *self);

G_END_DECLS
