/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-catalog.h"

G_BEGIN_DECLS

/* What a pasted job posting stresses: for each principle or competency
 * of the catalog, how strongly the posting speaks of it and the words
 * that matched (the principle's signal words, as the coach uses them,
 * and its framework's own words: its name, aliases and focus areas).
 * A posting that names a principle ("Customer Obsession") maps to it
 * directly, whatever else it says.
 */
typedef struct
{
  SbPrinciple *principle;  /* owned reference */
  /* 0-100, relative to the posting's length; a named principle is 100 */
  double       score;
  /* The posting named the principle (or one of its aliases). */
  gboolean     named;
  /* Matched words as the posting wrote them, lowercase, most frequent
   * first, each once (NULL-terminated, never NULL).
   */
  char       **words;
  /* How many times a signal word matched, all words together. */
  guint        hits;
} SbPostingMatch;

void       sb_posting_match_free (SbPostingMatch *match);

/* Returns: (transfer full) (element-type SbPostingMatch): the principles
 * the posting speaks of (score > 0), strongest first; of
 * @framework_id's principles only when given, else of every framework.
 */
GPtrArray *sb_posting_analyse    (const char     *posting,
                                  SbCatalog      *catalog,
                                  const char     *framework_id);
/* The ids of the first @max_ids matches, for a round's focus. */
char     **sb_posting_dup_top_ids (GPtrArray     *matches,
                                  guint           max_ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbPostingMatch, sb_posting_match_free)

G_END_DECLS
