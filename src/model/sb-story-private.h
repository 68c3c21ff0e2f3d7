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

/* A story in the binary cache (sb-store-cache.c): id, title, situation,
 * task, result, actions, principles, tags, dismissed, created, modified,
 * practice last (ISO 8601 dates as the data file writes them, "" for none),
 * practice count, confidence, unknown keys and their JSON text, then the
 * unknown members of "practice" the same way.
 */
#define SB_STORY_VARIANT_TYPE "(sssssasasasassssuiasasasas)"

GVariant    *sb_story_data_to_variant    (const SbStoryData *data);
SbStory     *sb_story_new_from_variant   (GVariant          *variant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoryData, sb_story_data_unref)

G_END_DECLS
