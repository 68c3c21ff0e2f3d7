/* sb-review.c: which stories to rehearse, in what order, and which
 * principles still lack a story told with confidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-review"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-coach.h"
#include "sb-review.h"

static gboolean
never_practised (SbStory *story)
{
  return sb_story_get_practice_count (story) == 0
         || sb_story_get_practice_last (story) == NULL
         || sb_story_get_confidence (story) == SB_CONFIDENCE_UNSET;
}

static GTimeSpan
since_practised (SbStory   *story,
                 GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, sb_story_get_practice_last (story));

  /* A practice dated in the future (a clock that was wrong) counts as
   * just now, not as a long time ago.
   */
  return MAX (span, 0);
}

static int
compare_strings (const char *a,
                 const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  int cmp = strcmp (fa, fb);

  return cmp != 0 ? cmp : strcmp (a, b);
}

/**
 * sb_review_compare:
 * @now: the time the rehearsal starts
 *
 * The rehearsal order, weakest first:
 *
 * 1. stories never practised come before any practised one;
 * 2. then lower confidence first (the last rating, 1-5);
 * 3. then the one practised longest ago first;
 * 4. ties broken by title (case-insensitive), then by id, so the order is
 *    the same every time.
 *
 * Returns: <0 when @a comes first, >0 when @b does
 */
int
sb_review_compare (SbStory   *a,
                   SbStory   *b,
                   GDateTime *now)
{
  gboolean new_a, new_b;
  int cmp;

  g_return_val_if_fail (SB_IS_STORY (a), 0);
  g_return_val_if_fail (SB_IS_STORY (b), 0);
  g_return_val_if_fail (now != NULL, 0);

  new_a = never_practised (a);
  new_b = never_practised (b);
  if (new_a != new_b)
    return new_a ? -1 : 1;

  if (!new_a)
    {
      int ca = sb_story_get_confidence (a);
      int cb = sb_story_get_confidence (b);
      GTimeSpan sa, sb;

      if (ca != cb)
        return ca < cb ? -1 : 1;

      sa = since_practised (a, now);
      sb = since_practised (b, now);
      if (sa != sb)
        return sa > sb ? -1 : 1;
    }

  cmp = compare_strings (sb_story_get_title (a), sb_story_get_title (b));
  if (cmp != 0)
    return cmp;

  return strcmp (sb_story_get_id (a), sb_story_get_id (b));
}

static int
compare_with_now (gconstpointer a,
                  gconstpointer b,
                  gpointer      now)
{
  return sb_review_compare (*(SbStory **) a, *(SbStory **) b, now);
}

/**
 * sb_review_order:
 * @stories: (element-type SbStory): the stories to rehearse
 * @now: (nullable): the time the rehearsal starts, or %NULL for now
 *
 * Returns: (transfer container) (element-type SbStory): a new array of the
 * same stories in rehearsal order (see sb_review_compare())
 */
GPtrArray *
sb_review_order (GPtrArray *stories,
                 GDateTime *now)
{
  g_autoptr(GDateTime) owned_now = NULL;
  GPtrArray *ordered;

  g_return_val_if_fail (stories != NULL, NULL);

  if (now == NULL)
    now = owned_now = g_date_time_new_now_utc ();

  ordered = g_ptr_array_new_full (stories->len, g_object_unref);
  for (guint i = 0; i < stories->len; i++)
    g_ptr_array_add (ordered, g_object_ref (g_ptr_array_index (stories, i)));

  g_ptr_array_sort_with_data (ordered, compare_with_now, now);

  return ordered;
}

static gboolean
story_in_framework (SbStory    *story,
                    SbCatalog  *catalog,
                    const char *framework_id)
{
  const char * const *principles = sb_story_get_principles (story);

  for (guint i = 0; principles[i] != NULL; i++)
    {
      SbPrinciple *principle = sb_catalog_lookup (catalog, principles[i]);

      if (principle != NULL
          && g_strcmp0 (sb_principle_get_framework_id (principle), framework_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * sb_review_collect:
 * @scope: which stories: all, a framework's, a principle's or a list
 *
 * Returns: (transfer container) (element-type SbStory): the stories in
 * @scope, each once, in library order (for a list: the list's order;
 * ids not in the library are skipped)
 */
GPtrArray *
sb_review_collect (SbLibrary           *library,
                   SbCatalog           *catalog,
                   const SbReviewScope *scope)
{
  GPtrArray *stories;

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  switch (scope->kind)
    {
    case SB_REVIEW_SCOPE_ALL:
      return sb_library_dup_stories_for_principle (library, NULL);

    case SB_REVIEW_SCOPE_PRINCIPLE:
      g_return_val_if_fail (scope->id != NULL, NULL);
      return sb_library_dup_stories_for_principle (library, scope->id);

    case SB_REVIEW_SCOPE_FRAMEWORK:
      g_return_val_if_fail (scope->id != NULL, NULL);
      stories = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

          if (story_in_framework (story, catalog, scope->id))
            g_ptr_array_add (stories, g_steal_pointer (&story));
        }
      return stories;

    case SB_REVIEW_SCOPE_STORIES:
      stories = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; scope->story_ids != NULL && scope->story_ids[i] != NULL; i++)
        {
          SbStory *story = sb_library_find (library, scope->story_ids[i]);

          if (story != NULL && !g_ptr_array_find (stories, story, NULL))
            g_ptr_array_add (stories, g_object_ref (story));
        }
      return stories;

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * sb_review_pick_principle:
 *
 * The principle a story is rehearsed for: the scope's principle, else the
 * story's first principle in the scope's framework, else its first
 * principle the catalog knows.
 *
 * Returns: (transfer none) (nullable): the principle, or %NULL
 */
SbPrinciple *
sb_review_pick_principle (SbStory             *story,
                          SbCatalog           *catalog,
                          const SbReviewScope *scope)
{
  const char * const *principles;

  g_return_val_if_fail (SB_IS_STORY (story), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  if (scope != NULL && scope->kind == SB_REVIEW_SCOPE_PRINCIPLE && scope->id != NULL)
    {
      SbPrinciple *principle = sb_catalog_lookup (catalog, scope->id);

      if (principle != NULL)
        return principle;
    }

  principles = sb_story_get_principles (story);

  if (scope != NULL && scope->kind == SB_REVIEW_SCOPE_FRAMEWORK && scope->id != NULL)
    for (guint i = 0; principles[i] != NULL; i++)
      {
        SbPrinciple *principle = sb_catalog_lookup (catalog, principles[i]);

        if (principle != NULL
            && g_strcmp0 (sb_principle_get_framework_id (principle), scope->id) == 0)
          return principle;
      }

  for (guint i = 0; principles[i] != NULL; i++)
    {
      SbPrinciple *principle = sb_catalog_lookup (catalog, principles[i]);

      if (principle != NULL)
        return principle;
    }

  return NULL;
}

/**
 * sb_review_dup_prompt:
 * @principle: (nullable): the principle the story is rehearsed for
 *
 * The question a rehearsal card asks: one of the principle's sample
 * questions, chosen by how often the story was practised so that each
 * rehearsal asks the next one; the story's title when the principle has
 * no questions (or there is no principle).
 *
 * Returns: (transfer full): the prompt
 */
char *
sb_review_dup_prompt (SbStory     *story,
                      SbPrinciple *principle)
{
  const char * const *questions = NULL;
  guint n = 0;

  g_return_val_if_fail (SB_IS_STORY (story), NULL);
  g_return_val_if_fail (principle == NULL || SB_IS_PRINCIPLE (principle), NULL);

  if (principle != NULL)
    questions = sb_principle_get_questions (principle);
  if (questions != NULL)
    n = g_strv_length ((char **) questions);

  if (n > 0)
    return g_strdup (questions[sb_story_get_practice_count (story) % n]);

  if (sb_story_get_title (story)[0] != '\0')
    return g_strdup (sb_story_get_title (story));

  return g_strdup (_("Untitled story"));
}

/* Coverage ------------------------------------------------------------ */

static void
coverage_row_free (gpointer data)
{
  SbCoverageRow *row = data;

  g_clear_object (&row->principle);
  g_clear_pointer (&row->stories, g_ptr_array_unref);
  g_free (row);
}

void
sb_coverage_free (SbCoverage *coverage)
{
  if (coverage == NULL)
    return;

  g_clear_pointer (&coverage->rows, g_ptr_array_unref);
  g_clear_pointer (&coverage->over_used, g_ptr_array_unref);
  g_free (coverage);
}

static gboolean
is_over_used (SbStory *story)
{
  const char * const *principles = sb_story_get_principles (story);

  return g_strv_length ((char **) principles) > sb_coach_get_thresholds ()->max_principles;
}

/**
 * sb_coverage_compute:
 * @framework_id: (nullable): a framework, or %NULL for every principle
 *
 * For each principle of the framework: how many stories are filed under
 * it, the best confidence any of them was last rated with, and its gap:
 * no story at all, or only weak ones (never practised or rated below 3).
 * Stories filed under more principles than the coach allows are listed in
 * @over_used and counted per row.
 *
 * Returns: (transfer full): the coverage; free with sb_coverage_free()
 */
SbCoverage *
sb_coverage_compute (SbLibrary  *library,
                     SbCatalog  *catalog,
                     const char *framework_id)
{
  g_autoptr(SbCoverage) coverage = g_new0 (SbCoverage, 1);
  GListModel *principles;

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  coverage->rows = g_ptr_array_new_with_free_func (coverage_row_free);
  coverage->over_used = g_ptr_array_new_with_free_func (g_object_unref);

  if (framework_id != NULL)
    {
      SbFramework *framework = sb_catalog_lookup_framework (catalog, framework_id);

      if (framework == NULL)
        return g_steal_pointer (&coverage);
      principles = sb_framework_get_principles (framework);
    }
  else
    principles = sb_catalog_get_principles (catalog);

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      SbCoverageRow *row = g_new0 (SbCoverageRow, 1);

      row->principle = g_list_model_get_item (principles, i);
      row->stories = sb_library_dup_stories_for_principle (library, sb_principle_get_id (row->principle));
      row->n_stories = row->stories->len;

      for (guint j = 0; j < row->stories->len; j++)
        {
          SbStory *story = g_ptr_array_index (row->stories, j);

          if (!never_practised (story))
            row->best_confidence = MAX (row->best_confidence, sb_story_get_confidence (story));

          if (is_over_used (story))
            {
              row->n_over_used++;
              if (!g_ptr_array_find (coverage->over_used, story, NULL))
                g_ptr_array_add (coverage->over_used, g_object_ref (story));
            }
        }

      if (row->n_stories == 0)
        row->gap = SB_COVERAGE_GAP_NO_STORY;
      else if (row->best_confidence < SB_REVIEW_STRONG_CONFIDENCE)
        row->gap = SB_COVERAGE_GAP_ONLY_WEAK;
      else
        row->gap = SB_COVERAGE_GAP_NONE;

      if (row->gap != SB_COVERAGE_GAP_NONE)
        coverage->n_gaps++;

      g_ptr_array_add (coverage->rows, row);
    }

  return g_steal_pointer (&coverage);
}

/**
 * sb_coverage_is_over_used:
 *
 * Returns: whether @story is filed under more principles than the coach
 * allows, among the stories @coverage looked at
 */
gboolean
sb_coverage_is_over_used (SbCoverage *coverage,
                          SbStory    *story)
{
  g_return_val_if_fail (coverage != NULL, FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  return g_ptr_array_find (coverage->over_used, story, NULL);
}
