/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-story.h"

G_BEGIN_DECLS

/* An immutable, reference-counted copy of a story's fields. The story shares
 * it with any snapshot taken for saving and copies it before its next edit,
 * so taking a snapshot of the whole library costs one reference per story
 * and the worker thread can serialise it while the user keeps typing.
 */
typedef struct _SbStoryData SbStoryData;

SbStoryData *sb_story_snapshot           (SbStory           *self);
SbStoryData *sb_story_data_ref           (SbStoryData       *data);
void         sb_story_data_unref         (SbStoryData       *data);
void         sb_story_data_write_json    (const SbStoryData *data,
                                          GString           *out,
                                          guint              indent);
const char  *sb_story_data_get_id        (const SbStoryData *data);
SbStory     *sb_story_new_from_data      (SbStoryData       *data);
gboolean     sb_story_search_holds_copy  (SbStory           *self);

/* The library a story is in, told of each edit (and the property it set)
 * before ::changed is emitted: a pointer per story where a signal handler
 * would cost a closure and a handler for each of thousands of stories.
 */
typedef void (*SbStoryOwnerFunc) (gpointer    owner,
                                  SbStory    *story,
                                  GParamSpec *pspec);

gpointer     sb_story_get_owner          (SbStory           *self);
void         sb_story_set_owner          (SbStory           *self,
                                          gpointer           owner,
                                          SbStoryOwnerFunc   func);

/* A story's fields, borrowed, as the binary cache (sb-store-cache.c)
 * writes and reads them: the strings are the id, title, situation, task,
 * result, learnings and notes; the lists the actions, principles, tags,
 * dismissed, the unknown keys and their JSON text, and the unknown members
 * of "practice" and theirs (each %NULL-terminated, or %NULL).
 */
#define SB_STORY_N_STRINGS 7
#define SB_STORY_N_LISTS 8

typedef struct
{
  const char         *strings[SB_STORY_N_STRINGS];
  const char * const *lists[SB_STORY_N_LISTS];
  GDateTime          *created;
  GDateTime          *modified;
  GDateTime          *practice_last;
  guint               practice_count;
  int                 confidence;
} SbStoryFields;

void         sb_story_data_get_fields    (const SbStoryData   *data,
                                          SbStoryFields       *fields);
SbStory     *sb_story_new_from_fields    (const SbStoryFields *fields,
                                          GVariant            *keep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoryData, sb_story_data_unref)

G_END_DECLS
