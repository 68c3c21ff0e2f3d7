/* sb-posting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-posting"

#include "config.h"

#include "sb-posting.h"

void
sb_posting_match_free (SbPostingMatch *match)
{
  if (match == NULL)
    return;
  g_clear_object (&match->principle);
  g_strfreev (match->words);
  g_free (match);
}

GPtrArray *
sb_posting_analyse (const char *posting,
                    SbCatalog  *catalog,
                    const char *framework_id)
{
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  return g_ptr_array_new_with_free_func ((GDestroyNotify) sb_posting_match_free);
}

char **
sb_posting_dup_top_ids (GPtrArray *matches,
                        guint      max_ids)
{
  return g_new0 (char *, 1);
}
