/* sb-merge.c: three-way merge of story lists
 *
 * When the data file changes on disk behind our back (a sync tool, a
 * second copy of the app), the library in memory ("ours") and the file
 * ("theirs") both started from the last state we read or wrote ("base").
 * The merge keeps every addition and edit of either side and never drops
 * an edit silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-merge"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-merge.h"

static GHashTable *
index_by_id (GPtrArray *stories)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; stories != NULL && i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);

      /* The first of two with one id wins, as in sb_library_splice(). */
      if (!g_hash_table_contains (index, sb_story_get_id (story)))
        g_hash_table_insert (index, (gpointer) sb_story_get_id (story), story);
    }

  return index;
}

static gboolean
changed_since (SbStory *story,
               SbStory *base)
{
  return base == NULL || !sb_story_content_equal (story, base);
}

/* The newer by modification time; @ours on a tie. */
static gboolean
theirs_is_newer (SbStory *ours,
                 SbStory *theirs)
{
  GDateTime *a = sb_story_get_modified (ours);
  GDateTime *b = sb_story_get_modified (theirs);

  if (a == NULL || b == NULL)
    return a == NULL && b != NULL;
  return g_date_time_compare (b, a) > 0;
}

static SbStory *
conflict_copy (SbStory *story)
{
  SbStory *copy = sb_story_duplicate (story);
  /* Translators: the title of the second version of a story that was
   * edited in two places at once, e.g. "Scalable Architecture (conflict)" */
  g_autofree char *title = g_strdup_printf (_("%s (conflict)"), sb_story_get_title (story));

  sb_story_set_title (copy, title);
  return copy;
}

/**
 * sb_merge_three_way:
 * @base: (element-type SbStory) (nullable): the stories as last read or
 *   written by us
 * @ours: (element-type SbStory): the stories in memory
 * @theirs: (element-type SbStory): the stories now on disk
 * @report: (out caller-allocates) (optional): what the merge did to @ours
 *
 * Stories are matched by id:
 *
 * - added or changed on one side only: that side's version;
 * - changed on both sides, differently: the newer (by modified) in place,
 *   the other kept as a new story (new id) titled "… (conflict)";
 * - deleted on one side, untouched on the other: deleted;
 * - deleted on one side, changed on the other: the changed one is kept.
 *
 * The result is in @ours' order, with the other side's new stories after,
 * in their order; conflict copies follow the story they copy. Stories that
 * come from @ours or @theirs are the same objects, not copies.
 *
 * Returns: (transfer container) (element-type SbStory): the merged stories
 */
GPtrArray *
sb_merge_three_way (GPtrArray     *base,
                    GPtrArray     *ours,
                    GPtrArray     *theirs,
                    SbMergeReport *report)
{
  g_autoptr(GHashTable) base_ids = index_by_id (base);
  g_autoptr(GHashTable) their_ids = index_by_id (theirs);
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  SbMergeReport counts = { 0, };
  GPtrArray *merged;

  g_return_val_if_fail (ours != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);

  merged = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ours->len; i++)
    {
      SbStory *o = g_ptr_array_index (ours, i);
      const char *id = sb_story_get_id (o);
      SbStory *b = g_hash_table_lookup (base_ids, id);
      SbStory *t = g_hash_table_lookup (their_ids, id);

      if (!g_hash_table_add (done, (gpointer) id))
        continue;  /* the id came twice */

      if (t == NULL)
        {
          /* Theirs deleted it (or never had it): keep ours if it is new or
           * changed, otherwise follow the deletion.
           */
          if (b == NULL || changed_since (o, b))
            g_ptr_array_add (merged, g_object_ref (o));
          else
            counts.deleted++;
          continue;
        }

      if (sb_story_content_equal (o, t) || !changed_since (t, b))
        {
          /* The same on both sides, or only ours changed. */
          g_ptr_array_add (merged, g_object_ref (o));
        }
      else if (!changed_since (o, b))
        {
          /* Only theirs changed. */
          g_ptr_array_add (merged, g_object_ref (t));
          counts.updated++;
        }
      else
        {
          /* Both changed, differently: nothing is dropped. */
          SbStory *winner = theirs_is_newer (o, t) ? t : o;
          SbStory *loser = winner == t ? o : t;

          g_ptr_array_add (merged, g_object_ref (winner));
          g_ptr_array_add (merged, conflict_copy (loser));
          counts.conflicts++;
        }
    }

  for (guint i = 0; i < theirs->len; i++)
    {
      SbStory *t = g_ptr_array_index (theirs, i);
      const char *id = sb_story_get_id (t);
      SbStory *b = g_hash_table_lookup (base_ids, id);

      if (!g_hash_table_add (done, (gpointer) id))
        continue;  /* handled above, or the id came twice */

      /* Not in ours: added by them, or deleted by us. A deletion of ours
       * stands unless they changed the story since.
       */
      if (b == NULL || changed_since (t, b))
        {
          g_ptr_array_add (merged, g_object_ref (t));
          counts.added++;
        }
    }

  if (report != NULL)
    *report = counts;

  return merged;
}

gboolean
sb_merge_report_is_empty (const SbMergeReport *report)
{
  g_return_val_if_fail (report != NULL, TRUE);

  return report->added == 0 && report->updated == 0 &&
         report->deleted == 0 && report->conflicts == 0;
}

/**
 * sb_merge_report_dup_summary:
 *
 * Returns: (transfer full) (nullable): one translated sentence for a
 * toast, e.g. "Stories changed on disk: 2 added, 1 updated", or %NULL
 * when the merge changed nothing
 */
char *
sb_merge_report_dup_summary (const SbMergeReport *report)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (sb_merge_report_is_empty (report))
    return NULL;

  if (report->added > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added", report->added),
                                             report->added));
  if (report->updated > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", report->updated),
                                             report->updated));
  if (report->deleted > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed", "%u removed", report->deleted),
                                             report->deleted));
  if (report->conflicts > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u edited in both places (both versions kept)",
                                                          "%u edited in both places (both versions kept)",
                                                          report->conflicts),
                                             report->conflicts));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between the parts of the sentence below */
  list = g_strjoinv (_(", "), (char **) parts->pdata);
  /* Translators: shown when the stories file was changed by another
   * program (e.g. a sync tool); %s is a list like "2 added, 1 updated" */
  return g_strdup_printf (_("Your stories changed on disk and were merged: %s"), list);
}
