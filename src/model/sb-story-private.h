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

/* The stories in the binary cache (sb-store-cache.c), in three arrays:
 * the text, every string ending in a nul ("" at offset 0); the items of
 * the lists, as offsets in the text; and a record for each story of
 * SB_STORY_CACHE_SLOTS numbers: the offsets of its id, title, situation,
 * task, result, learnings, notes and its created, modified and last practised dates (ISO 8601
 * as the data file writes them, "" for none), its practice count and
 * confidence, then where its lists start in the items and how many items
 * they have: actions, principles, tags, dismissed, unknown keys and their
 * JSON text, the unknown members of "practice" and theirs. Reading a story
 * makes no object for each of its strings, as a GVariant for each would.
 */
#define SB_STORY_CACHE_SLOTS 28

typedef struct
{
  GByteArray *text;
  GArray     *items;    /* guint32 */
  GArray     *records;  /* guint32 */
} SbStoryCacheWriter;

typedef struct
{
  GVariant      *keep;  /* holds the bytes of @text */
  const char    *text;
  gsize          text_size;
  const guint32 *items;
  gsize          n_items;
  /* Where the next record's items and strings must start: the records
   * are read in order, and no two share an item or a string. Zero before
   * the first.
   */
  gsize          next_item;
  guint32        last_text;
} SbStoryCache;

void         sb_story_cache_writer_init  (SbStoryCacheWriter *cache);
GVariant    *sb_story_cache_writer_end   (SbStoryCacheWriter *cache,
                                          guint               column);
void         sb_story_data_add_to_cache  (const SbStoryData  *data,
                                          SbStoryCacheWriter *cache);
SbStory     *sb_story_new_from_cache     (SbStoryCache       *cache,
                                          const guint32      *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoryData, sb_story_data_unref)

G_END_DECLS
