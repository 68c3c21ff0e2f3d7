/* sb-plan.c: which story to tell in which round
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan is computed, never stored: what is stored is the user's choice
 * for a slot (a round's principle), on the round. Choices are placed
 * first; then each open slot, in the order the rounds take place, gets
 * the strongest story not used yet in the loop: filed under its
 * principle first, then one whose title, situation, task or result
 * holds the principle's signal words (the coach's notion of fit).
 *
 * Finding fitting stories reads the whole library; what it found is kept
 * on the library until a story changes (sb_library_get_generation()), so
 * that opening one interview after another reads it once.
 */

#define G_LOG_DOMAIN "sb-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sb-cheat-sheet.h"
#include "sb-plan.h"

/* Fit candidates looked for beyond the filed ones: enough to choose
 * the strongest from, without reading every story of a large library.
 */
#define MAX_FIT_CANDIDATES (4 * (SB_PLAN_MAX_ALTERNATIVES + 1))

typedef struct
{
  SbLibrary   *library;
  SbInterview *interview;
  /* story id → the earlier interview at the company it was told in */
  GHashTable  *told_before;
  /* story id → the slot it is planned for, in this loop */
  GHashTable  *used;
} Planner;

static void
pick_free (SbPlanPick *pick)
{
  if (pick == NULL)
    return;
  g_clear_object (&pick->story);
  g_clear_object (&pick->told_at);
  g_free (pick);
}

static void
slot_free (SbPlanSlot *slot)
{
  g_free (slot->principle_id);
  g_clear_object (&slot->principle);
  pick_free (slot->pick);
  g_clear_pointer (&slot->alternatives, g_ptr_array_unref);
  g_free (slot);
}

static void
plan_round_free (SbPlanRound *round)
{
  g_clear_object (&round->round);
  g_clear_pointer (&round->slots, g_ptr_array_unref);
  g_free (round);
}

static gboolean
is_weak (SbStory *story)
{
  return sb_story_get_practice_count (story) == 0 ||
         sb_story_get_confidence (story) < SB_REVIEW_STRONG_CONFIDENCE;
}

static SbPlanPick *
pick_new (Planner    *planner,
          SbStory    *story,
          SbPlanSlot *slot)
{
  SbPlanPick *pick = g_new0 (SbPlanPick, 1);
  SbInterview *told_at = g_hash_table_lookup (planner->told_before, sb_story_get_id (story));
  SbPlanSlot *user = g_hash_table_lookup (planner->used, sb_story_get_id (story));

  pick->story = g_object_ref (story);
  pick->told_before = told_at != NULL;
  pick->told_at = told_at ? g_object_ref (told_at) : NULL;
  pick->weak = is_weak (story);
  pick->filed = slot->principle_id != NULL && sb_story_has_principle (story, slot->principle_id);
  pick->used_elsewhere = user != NULL && user != slot;
  return pick;
}

/* Strongest first: the higher last rating; never practised last; then
 * the more practised; then the library's order.
 */
typedef struct
{
  guint64  key;
  guint    position;
  SbStory *story;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->key != rb->key)
    return ra->key > rb->key ? -1 : 1;
  return (ra->position > rb->position) - (ra->position < rb->position);
}

static void
sort_by_strength (GPtrArray *stories)
{
  g_autofree Ranked *ranked = g_new (Ranked, MAX (stories->len, 1));

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);
      guint count = sb_story_get_practice_count (story);
      guint64 confidence = count > 0 ? (guint64) sb_story_get_confidence (story) + 1 : 0;

      ranked[i].key = (confidence << 32) | count;
      ranked[i].position = i;
      ranked[i].story = story;
    }
  qsort (ranked, stories->len, sizeof (Ranked), compare_ranked);
  for (guint i = 0; i < stories->len; i++)
    stories->pdata[i] = ranked[i].story;
}

/* The stories a principle's slots choose from: those filed under it,
 * strongest first, then those that fit it.
 */
typedef struct
{
  SbPrinciple *principle;  /* (nullable) borrowed from the catalog */
  GPtrArray   *filed;      /* SbStory, owned */
  GPtrArray   *fit;        /* SbStory, owned */
  guint        n_slots;    /* slots of the loop probing it */
  gboolean     wants_fit;
} Candidates;

static void
candidates_free (Candidates *candidates)
{
  g_ptr_array_unref (candidates->filed);
  g_ptr_array_unref (candidates->fit);
  g_free (candidates);
}

/* A signal word of a principle that needs stories that fit it. */
typedef struct
{
  char  *word;  /* lowercase */
  gsize  len;
  guint  index; /* of the principle, in the pass's list */
} Signal;

static void
add_signals (GArray      *by_letter[256],
             SbPrinciple *principle,
             guint        index)
{
  const char * const *words = principle ? sb_principle_get_signals (principle) : NULL;
  g_auto(GStrv) names = NULL;

  /* A principle the user made has no signal words: its name's longer
   * words stand in.
   */
  if ((words == NULL || words[0] == NULL) && principle != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit_set (sb_principle_get_name (principle), " -/,;", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (g_utf8_strlen (parts[i], -1) >= 4)
          g_strv_builder_add (builder, parts[i]);
      names = g_strv_builder_end (builder);
      words = (const char * const *) names;
    }

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      Signal signal;
      guchar first;

      signal.word = g_utf8_strdown (words[i], -1);
      signal.len = strlen (signal.word);
      signal.index = index;
      if (signal.len == 0)
        {
          g_free (signal.word);
          continue;
        }
      first = (guchar) signal.word[0];
      if (by_letter[first] == NULL)
        by_letter[first] = g_array_new (FALSE, FALSE, sizeof (Signal));
      g_array_append_val (by_letter[first], signal);
    }
}

/* Bytes of a word: ASCII letters and digits, and any byte of a UTF-8
 * sequence (so "é" does not start a word in the middle of one).
 */
static gboolean
is_word_byte (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80;
}

static guchar
ascii_lower (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Marks in @fits the principles whose signal starts a word of @text,
 * ignoring ASCII case ("Automated" holds "automat"). Every story of a
 * large library goes through this loop: it skips from word to word, and
 * compares two bytes of a signal before the rest.
 */
static void
mark_fits (const char *text,
           GArray     *by_letter[256],
           gboolean   *fits)
{
  const guchar *p = (const guchar *) text;

  if (p == NULL)
    return;
  for (;;)
    {
      GArray *signals;

      while (*p != '\0' && !is_word_byte (*p))
        p++;
      if (*p == '\0')
        return;

      signals = by_letter[ascii_lower (*p)];
      for (guint i = 0; signals != NULL && i < signals->len; i++)
        {
          Signal *signal = &g_array_index (signals, Signal, i);

          if (fits[signal->index])
            continue;
          if (signal->len > 1 && ascii_lower (p[1]) != (guchar) signal->word[1])
            continue;
          if (g_ascii_strncasecmp ((const char *) p, signal->word, signal->len) == 0)
            fits[signal->index] = TRUE;
        }

      while (is_word_byte (*p))
        p++;
    }
}

/* The stories found to fit each principle, while the library's stories
 * stay as they were (sb_library_get_generation()).
 */
typedef struct
{
  guint64     generation;
  GHashTable *fit;  /* principle id → GPtrArray of SbStory */
} FitCache;

static void
fit_cache_free (FitCache *cache)
{
  g_hash_table_unref (cache->fit);
  g_free (cache);
}

static GQuark
fit_cache_quark (void)
{
  return g_quark_from_static_string ("sb-plan-fit-cache");
}

/* One pass over the library: the stories filed under each probed
 * principle; then, for the principles with too few of those to fill
 * their slots and alternatives, a second pass for stories whose title,
 * situation, task or result holds one of its signal words, until there
 * are enough to choose the strongest from.
 */
static GHashTable *
collect_candidates (SbLibrary  *library,
                    SbCatalog  *catalog,
                    GHashTable *n_slots)
{
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) candidates_free);
  g_autoptr(GPtrArray) wanting = g_ptr_array_new ();
  GListModel *stories = G_LIST_MODEL (library);
  guint n = g_list_model_get_n_items (stories);
  GHashTableIter iter;
  gpointer key, value;
  FitCache *cache;

  g_hash_table_iter_init (&iter, n_slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Candidates *candidates = g_new0 (Candidates, 1);

      candidates->principle = sb_catalog_lookup (catalog, key);
      candidates->filed = g_ptr_array_new_with_free_func (g_object_unref);
      candidates->fit = g_ptr_array_new_with_free_func (g_object_unref);
      candidates->n_slots = GPOINTER_TO_UINT (value);
      g_hash_table_insert (all, key, candidates);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      const char * const *ids = sb_story_get_principles (story);

      for (guint j = 0; ids[j] != NULL; j++)
        {
          Candidates *candidates = g_hash_table_lookup (all, ids[j]);

          /* Once, however often the story lists it. */
          if (candidates != NULL && (candidates->filed->len == 0 ||
                                     g_ptr_array_index (candidates->filed, candidates->filed->len - 1) != story))
            g_ptr_array_add (candidates->filed, g_object_ref (story));
        }
    }

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Candidates *candidates = value;

      sort_by_strength (candidates->filed);
      candidates->wants_fit = candidates->filed->len < candidates->n_slots + SB_PLAN_MAX_ALTERNATIVES + 1;
      if (candidates->wants_fit)
        g_ptr_array_add (wanting, key);
    }

  /* Fitting stories found for an earlier plan hold while no story
   * changed: opening the next interview does not read them all again.
   */
  cache = g_object_get_qdata (G_OBJECT (library), fit_cache_quark ());
  if (cache == NULL || cache->generation != sb_library_get_generation (library))
    {
      cache = g_new0 (FitCache, 1);
      cache->generation = sb_library_get_generation (library);
      cache->fit = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
      g_object_set_qdata_full (G_OBJECT (library), fit_cache_quark (), cache, (GDestroyNotify) fit_cache_free);
    }
  for (guint k = wanting->len; k > 0; k--)
    {
      GPtrArray *fit = g_hash_table_lookup (cache->fit, wanting->pdata[k - 1]);

      if (fit == NULL)
        continue;
      g_ptr_array_extend (((Candidates *) g_hash_table_lookup (all, wanting->pdata[k - 1]))->fit, fit,
                          (GCopyFunc) g_object_ref, NULL);
      g_ptr_array_remove_index (wanting, k - 1);
    }

  if (wanting->len > 0)
    {
      GArray *by_letter[256] = { NULL, };
      g_autofree gboolean *fits = g_new0 (gboolean, wanting->len);
      guint n_full = 0;

      for (guint k = 0; k < wanting->len; k++)
        add_signals (by_letter, ((Candidates *) g_hash_table_lookup (all, wanting->pdata[k]))->principle, k);

      for (guint i = 0; i < n && n_full < wanting->len; i++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (stories, i);

          memset (fits, 0, sizeof (gboolean) * wanting->len);
          mark_fits (sb_story_get_title (story), by_letter, fits);
          mark_fits (sb_story_get_situation (story), by_letter, fits);
          mark_fits (sb_story_get_task (story), by_letter, fits);
          mark_fits (sb_story_get_result (story), by_letter, fits);

          for (guint k = 0; k < wanting->len; k++)
            {
              Candidates *candidates = g_hash_table_lookup (all, wanting->pdata[k]);

              if (!fits[k] || candidates->fit->len >= MAX_FIT_CANDIDATES
                  || sb_story_has_principle (story, wanting->pdata[k]))
                continue;
              g_ptr_array_add (candidates->fit, g_object_ref (story));
              if (candidates->fit->len == MAX_FIT_CANDIDATES)
                n_full++;
            }
        }

      for (guint c = 0; c < G_N_ELEMENTS (by_letter); c++)
        {
          for (guint i = 0; by_letter[c] != NULL && i < by_letter[c]->len; i++)
            g_free (g_array_index (by_letter[c], Signal, i).word);
          g_clear_pointer (&by_letter[c], g_array_unref);
        }

      for (guint k = 0; k < wanting->len; k++)
        {
          Candidates *candidates = g_hash_table_lookup (all, wanting->pdata[k]);

          sort_by_strength (candidates->fit);
          g_hash_table_insert (cache->fit, g_strdup (wanting->pdata[k]),
                               g_ptr_array_copy (candidates->fit, (GCopyFunc) g_object_ref, NULL));
        }
    }

  return all;
}

/* The slot's proposal (unless the user chose) and alternatives. */
static void
fill_slot (Planner    *planner,
           SbPlanSlot *slot,
           Candidates *candidates)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; i < candidates->filed->len; i++)
    g_ptr_array_add (all, candidates->filed->pdata[i]);
  for (guint i = 0; i < candidates->fit->len; i++)
    g_ptr_array_add (all, candidates->fit->pdata[i]);

  /* The proposal: the strongest not told elsewhere in the loop. */
  if (slot->pick == NULL)
    for (guint i = 0; i < all->len; i++)
      {
        SbStory *story = g_ptr_array_index (all, i);

        if (g_hash_table_contains (planner->used, sb_story_get_id (story)))
          continue;
        slot->pick = pick_new (planner, story, slot);
        g_hash_table_insert (planner->used, (gpointer) sb_story_get_id (story), slot);
        break;
      }

  slot->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) pick_free);
  for (guint i = 0; i < all->len && slot->alternatives->len < SB_PLAN_MAX_ALTERNATIVES; i++)
    {
      SbStory *story = g_ptr_array_index (all, i);

      if (slot->pick == NULL || slot->pick->story != story)
        g_ptr_array_add (slot->alternatives, pick_new (planner, story, slot));
    }

  if (slot->pick == NULL)
    slot->gap = SB_COVERAGE_GAP_NO_STORY;
  else if (slot->pick->weak)
    slot->gap = SB_COVERAGE_GAP_ONLY_WEAK;
  else
    slot->gap = SB_COVERAGE_GAP_NONE;
}

/* The stories told at the company before: those logged as told in an
 * earlier interview's rounds, or, for a round with no log, planned.
 */
static void
collect_told_before (Planner *planner)
{
  g_autoptr(GPtrArray) earlier = sb_library_dup_earlier_at_company (planner->library, planner->interview);

  /* Newest first: a story told twice names the latest time. */
  for (guint i = 0; i < earlier->len; i++)
    {
      SbInterview *interview = g_ptr_array_index (earlier, i);
      guint n_rounds = sb_interview_get_n_rounds (interview);

      for (guint r = 0; r < n_rounds; r++)
        {
          SbRound *round = sb_interview_get_round (interview, r);
          guint n_told = sb_round_get_n_told (round);

          for (guint k = 0; k < n_told; k++)
            if (!g_hash_table_contains (planner->told_before, sb_round_get_told_story (round, k)))
              g_hash_table_insert (planner->told_before, (gpointer) sb_round_get_told_story (round, k), interview);
          if (n_told > 0)
            continue;
          for (guint k = 0; k < sb_round_get_n_planned (round); k++)
            {
              const char *id = sb_round_get_planned_story_at (round, k);

              if (!g_hash_table_contains (planner->told_before, id))
                g_hash_table_insert (planner->told_before, (gpointer) id, interview);
            }
        }
    }
  /* The interviews stay alive in the library while the plan is made. */
}

/**
 * sb_plan_compute:
 *
 * Plans @interview: for every principle each round probes, the story to
 * tell (the user's choice, else the strongest not told elsewhere in the
 * loop) and the alternatives for a swap. Costs a pass over the library
 * for the stories filed under the probed principles and, for a principle
 * with few of those, one over their text (kept until a story changes).
 *
 * Returns: (transfer full): the plan; free with sb_plan_free()
 */
SbPlan *
sb_plan_compute (SbInterview *interview,
                 SbLibrary   *library,
                 SbCatalog   *catalog)
{
  Planner planner = { library, interview, NULL, NULL };
  GHashTable *n_slots;
  GHashTable *candidates;
  SbPlan *plan;
  guint n_rounds;

  g_return_val_if_fail (SB_IS_INTERVIEW (interview), NULL);
  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  planner.told_before = g_hash_table_new (g_str_hash, g_str_equal);
  planner.used = g_hash_table_new (g_str_hash, g_str_equal);
  collect_told_before (&planner);

  plan = g_new0 (SbPlan, 1);
  plan->interview = g_object_ref (interview);
  plan->library = g_object_ref (library);
  plan->catalog = g_object_ref (catalog);
  plan->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_round_free);

  /* The slots, with the user's choices placed first. */
  n_rounds = sb_interview_get_n_rounds (interview);
  for (guint r = 0; r < n_rounds; r++)
    {
      SbRound *round = sb_interview_get_round (interview, r);
      const char * const *principles = sb_round_get_principles (round);
      SbPlanRound *plan_round = g_new0 (SbPlanRound, 1);

      plan_round->round = g_object_ref (round);
      plan_round->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
      g_ptr_array_add (plan->rounds, plan_round);

      for (guint i = 0; principles[i] != NULL; i++)
        {
          SbPlanSlot *slot = g_new0 (SbPlanSlot, 1);
          SbStory *chosen = sb_library_find (library, sb_round_get_planned_story (round, principles[i]));

          slot->principle_id = g_strdup (principles[i]);
          slot->principle = sb_catalog_lookup (catalog, principles[i]);
          if (slot->principle != NULL)
            g_object_ref (slot->principle);
          g_ptr_array_add (plan_round->slots, slot);

          if (chosen != NULL)
            {
              slot->pick = pick_new (&planner, chosen, slot);
              slot->chosen = TRUE;
              g_hash_table_insert (planner.used, (gpointer) sb_story_get_id (chosen), slot);
            }
        }
    }

  /* The candidates of every probed principle, in one or two passes. */
  n_slots = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (n_slots, slot->principle_id));

          g_hash_table_insert (n_slots, slot->principle_id, GUINT_TO_POINTER (count + 1));
        }
    }
  candidates = collect_candidates (library, catalog, n_slots);

  /* Then the proposals, in the order the rounds take place. */
  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);

          fill_slot (&planner, slot, g_hash_table_lookup (candidates, slot->principle_id));
          if (slot->gap != SB_COVERAGE_GAP_NONE)
            plan->n_gaps++;
          if (slot->pick != NULL)
            plan->n_stories++;
        }
    }

  /* "Used elsewhere" is known only once every slot is filled. */
  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);

          for (guint k = 0; k < slot->alternatives->len; k++)
            {
              SbPlanPick *pick = g_ptr_array_index (slot->alternatives, k);
              SbPlanSlot *user = g_hash_table_lookup (planner.used, sb_story_get_id (pick->story));

              pick->used_elsewhere = user != NULL && user != slot;
            }
        }
    }

  g_hash_table_unref (candidates);
  g_hash_table_unref (n_slots);
  g_hash_table_unref (planner.told_before);
  g_hash_table_unref (planner.used);
  return plan;
}

void
sb_plan_free (SbPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->interview);
  g_clear_object (&plan->library);
  g_clear_object (&plan->catalog);
  g_clear_pointer (&plan->rounds, g_ptr_array_unref);
  g_free (plan);
}

/**
 * sb_plan_find_slot:
 *
 * Returns: (transfer none) (nullable): the slot of @round for
 *   @principle_id
 */
SbPlanSlot *
sb_plan_find_slot (SbPlan     *plan,
                   SbRound    *round,
                   const char *principle_id)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (SB_IS_ROUND (round), NULL);

  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

      if (plan_round->round != round)
        continue;
      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);

          if (g_strcmp0 (slot->principle_id, principle_id) == 0)
            return slot;
        }
    }
  return NULL;
}

/**
 * sb_plan_accept:
 *
 * Stores each slot's story on its round (sb_round_set_planned_story()),
 * so that the plan stays as it is when stories are rated or added, and
 * the rehearsal schedule knows what to rehearse.
 */
void
sb_plan_accept (SbPlan *plan)
{
  g_return_if_fail (plan != NULL);

  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);

          if (slot->pick == NULL)
            continue;
          sb_round_set_planned_story (plan_round->round, slot->principle_id, sb_story_get_id (slot->pick->story));
          slot->chosen = TRUE;
        }
    }
}

/**
 * sb_plan_dup_story_ids:
 *
 * Returns: (transfer full): the ids of the plan's stories, each once
 */
char **
sb_plan_dup_story_ids (SbPlan *plan)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (plan != NULL, NULL);

  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);

          if (slot->pick != NULL && g_hash_table_add (seen, (gpointer) sb_story_get_id (slot->pick->story)))
            g_strv_builder_add (builder, sb_story_get_id (slot->pick->story));
        }
    }
  return g_strv_builder_end (builder);
}

/* Printing */

/**
 * sb_plan_dup_when:
 *
 * Returns: (transfer full): the interview's date and time as the plan
 *   prints it ("Thursday 10 December 2026, 14:00"), or %NULL
 */
char *
sb_plan_dup_when (SbPlan *plan)
{
  GDateTime *date;

  g_return_val_if_fail (plan != NULL, NULL);

  date = sb_interview_get_date (plan->interview);
  if (date == NULL)
    return NULL;
  /* Translators: an interview's date and time, see g_date_time_format() */
  return g_date_time_format (date, _("%A %-d %B %Y, %H:%M"));
}

/**
 * sb_plan_dup_round_heading:
 *
 * Returns: (transfer full): "Hiring manager · 45 min · Jane Doe"
 */
char *
sb_plan_dup_round_heading (SbPlanRound *plan_round,
                           guint        position)
{
  SbRound *round;
  GString *out;
  const char *name;

  g_return_val_if_fail (plan_round != NULL, NULL);

  round = plan_round->round;
  name = sb_round_get_name (round);
  out = g_string_new (NULL);
  if (name[0] != '\0')
    g_string_append (out, name);
  else
    /* Translators: a round with no name: "Round 2" */
    g_string_append_printf (out, _("Round %u"), position + 1);
  if (sb_round_get_minutes (round) > 0)
    {
      g_string_append (out, " · ");
      /* Translators: a round's length in minutes, "45 min" */
      g_string_append_printf (out, _("%u min"), sb_round_get_minutes (round));
    }
  if (sb_round_get_interviewer (round)[0] != '\0')
    g_string_append_printf (out, " · %s", sb_round_get_interviewer (round));
  return g_string_free (out, FALSE);
}

/**
 * sb_plan_dup_slot_note:
 *
 * Returns: (transfer full) (nullable): what the plan says beside a slot's
 *   story: a gap, a weak story, one told at the company before
 */
char *
sb_plan_dup_slot_note (SbPlanSlot *slot)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (slot != NULL, NULL);

  if (slot->gap == SB_COVERAGE_GAP_NO_STORY)
    return g_strdup (_("No story yet: write one"));
  if (slot->gap == SB_COVERAGE_GAP_ONLY_WEAK)
    g_ptr_array_add (notes, g_strdup (_("not rehearsed to confidence yet")));
  if (slot->pick->told_before)
    {
      GDateTime *date = sb_interview_get_date (slot->pick->told_at);
      g_autofree char *day = date ? g_date_time_format (date, "%Y-%m-%d") : NULL;

      if (day != NULL)
        /* Translators: "told at Acme on 2026-03-01" */
        g_ptr_array_add (notes, g_strdup_printf (_("told at %s on %s"),
                                                 sb_interview_get_company (slot->pick->told_at), day));
      else
        g_ptr_array_add (notes, g_strdup_printf (_("told at %s before"),
                                                 sb_interview_get_company (slot->pick->told_at)));
    }
  if (notes->len == 0)
    return NULL;
  g_ptr_array_add (notes, NULL);
  return g_strjoinv ("; ", (char **) notes->pdata);
}

static char *
dup_slot_title (SbPlanSlot *slot)
{
  const char *principle = slot->principle ? sb_principle_get_name (slot->principle) : slot->principle_id;
  g_autofree char *story = NULL;

  if (slot->pick == NULL)
    return g_strdup (principle);
  story = sb_story_dup_display_title (slot->pick->story);
  /* Translators: a plan's line: principle — story title */
  return g_strdup_printf (_("%s — %s"), principle, story);
}

typedef void (*LineFunc) (GString    *out,
                          const char *label,
                          const char *text);

static void
text_line (GString    *out,
           const char *label,
           const char *text)
{
  if (text != NULL && text[0] != '\0')
    g_string_append_printf (out, "  %s %s\n", label, text);
}

static void
markdown_line (GString    *out,
               const char *label,
               const char *text)
{
  if (text != NULL && text[0] != '\0')
    g_string_append_printf (out, "- **%s** %s\n", label, text);
}

static void
append_summary (GString    *out,
                SbStory    *story,
                LineFunc    line)
{
  g_autofree char *situation = sb_cheat_sheet_summarize (sb_story_get_situation (story));
  g_autofree char *task = sb_cheat_sheet_summarize (sb_story_get_task (story));
  g_autofree char *actions = sb_cheat_sheet_summarize_actions (sb_story_get_actions (story));
  g_autofree char *result = sb_cheat_sheet_summarize (sb_story_get_result (story));

  line (out, _("Situation:"), situation);
  line (out, _("Task:"), task);
  line (out, _("Action:"), actions);
  line (out, _("Result:"), result);
}

static char *
plan_to (SbPlan   *plan,
         gboolean  markdown)
{
  g_autofree char *title = sb_interview_dup_display_title (plan->interview);
  g_autofree char *when = sb_plan_dup_when (plan);
  GString *out = g_string_new (NULL);

  if (markdown)
    g_string_append_printf (out, "# %s\n\n", title);
  else
    {
      g_string_append_printf (out, "%s\n", title);
      for (glong i = g_utf8_strlen (title, -1); i > 0; i--)
        g_string_append_c (out, '=');
      g_string_append (out, "\n\n");
    }
  if (when != NULL)
    g_string_append_printf (out, "%s\n", when);
  if (plan->rounds->len == 0)
    g_string_append_printf (out, "\n%s\n", _("No rounds yet."));

  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);
      g_autofree char *heading = sb_plan_dup_round_heading (plan_round, r);

      if (markdown)
        g_string_append_printf (out, "\n## %s\n", heading);
      else
        {
          g_string_append_printf (out, "\n%s\n", heading);
          for (glong i = g_utf8_strlen (heading, -1); i > 0; i--)
            g_string_append_c (out, '-');
          g_string_append_c (out, '\n');
        }
      if (plan_round->slots->len == 0)
        g_string_append_printf (out, "\n%s\n", _("No principles chosen for this round."));

      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);
          g_autofree char *slot_title = dup_slot_title (slot);
          g_autofree char *note = sb_plan_dup_slot_note (slot);

          if (markdown)
            g_string_append_printf (out, "\n### %s\n\n", slot_title);
          else
            g_string_append_printf (out, "\n%s\n", slot_title);
          if (note != NULL)
            g_string_append_printf (out, markdown ? "*%s*\n\n" : "  (%s)\n", note);
          if (slot->pick != NULL)
            append_summary (out, slot->pick->story, markdown ? markdown_line : text_line);
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * sb_plan_to_text:
 *
 * Returns: (transfer full): the plan as plain text, for printing on one
 *   page: the interview, each round and its stories' one-line summaries
 */
char *
sb_plan_to_text (SbPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  return plan_to (plan, FALSE);
}

/**
 * sb_plan_to_markdown:
 *
 * Returns: (transfer full): the plan as Markdown
 */
char *
sb_plan_to_markdown (SbPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  return plan_to (plan, TRUE);
}
