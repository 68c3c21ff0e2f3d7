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

#include "sb-json.h"
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
         report->deleted == 0 && report->conflicts == 0 &&
         report->interviews == 0 && report->interview_conflicts == 0;
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
  if (report->interviews > 0 || report->interview_conflicts > 0)
    {
      guint n = report->interviews + report->interview_conflicts;

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interview updated",
                                                            "%u interviews updated", n), n));
    }
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between the parts of the sentence below */
  list = g_strjoinv (_(", "), (char **) parts->pdata);
  /* Translators: shown when the stories file was changed by another
   * program (e.g. a sync tool); %s is a list like "2 added, 1 updated" */
  return g_strdup_printf (_("Your stories changed on disk and were merged: %s"), list);
}


/* Interviews: merged member by member, rounds by id and member by
 * member, on their JSON (so members this version does not know merge
 * too).
 */

static gboolean
node_equal0 (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static JsonNode *merge_lists (JsonNode      *base,
                              JsonNode      *ours,
                              JsonNode      *theirs,
                              guint         *changed,
                              SbMergeReport *counts);

/* A member both sides changed differently: ours, the user's latest
 * typing, wins; for notes, theirs is kept below ours.
 */
static JsonNode *
merge_conflict (const char *name,
                JsonNode   *ours,
                JsonNode   *theirs)
{
  if (g_str_equal (name, "notes") && ours != NULL && theirs != NULL &&
      JSON_NODE_HOLDS_VALUE (ours) && json_node_get_value_type (ours) == G_TYPE_STRING &&
      JSON_NODE_HOLDS_VALUE (theirs) && json_node_get_value_type (theirs) == G_TYPE_STRING)
    {
      g_autofree char *both = g_strconcat (json_node_get_string (ours), "\n\n",
                                           json_node_get_string (theirs), NULL);

      return json_node_init_string (json_node_alloc (), both);
    }
  return ours ? json_node_copy (ours) : NULL;
}

/* Absent, null, or empty text. */
static gboolean
is_blank (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         json_node_get_string (node)[0] == '\0';
}

static void
add_names (GPtrArray  *names,
           JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return;
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
      g_ptr_array_add (names, (gpointer) name);
}

static JsonObject *
merge_objects (JsonObject    *base,
               JsonObject    *ours,
               JsonObject    *theirs,
               SbMergeReport *counts)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonObject *merged = json_object_new ();

  add_names (names, ours);
  add_names (names, theirs);
  add_names (names, base);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *b = base ? json_object_get_member (base, name) : NULL;
      JsonNode *o = json_object_get_member (ours, name);
      JsonNode *t = json_object_get_member (theirs, name);
      JsonNode *m;

      if (g_str_equal (name, "rounds") && (o == NULL || JSON_NODE_HOLDS_ARRAY (o))
          && (t == NULL || JSON_NODE_HOLDS_ARRAY (t)))
        {
          guint rounds_changed = 0;

          m = merge_lists (b, o, t, &rounds_changed, counts);
        }
      else if (node_equal0 (o, t) || node_equal0 (t, b))
        m = o ? json_node_copy (o) : NULL;
      else if (node_equal0 (o, b))
        m = t ? json_node_copy (t) : NULL;
      else if (is_blank (o) && !is_blank (t))
        m = json_node_copy (t);  /* one side filled it in (no base to say who) */
      else if (is_blank (t))
        m = o ? json_node_copy (o) : NULL;
      else
        {
          m = merge_conflict (name, o, t);
          counts->interview_conflicts++;
        }
      if (m != NULL)
        json_object_set_member (merged, name, m);
    }
  return merged;
}

static const char *
object_id (JsonNode *node)
{
  JsonNode *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  id = json_object_get_member (json_node_get_object (node), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (id);
}

static GHashTable *
index_objects (JsonNode *list)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return index;
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id = object_id (element);

      if (id != NULL && !g_hash_table_contains (index, id))
        g_hash_table_insert (index, (gpointer) id, element);
    }
  return index;
}

/* Lists of objects with ids (interviews, rounds), merged as stories are:
 * added or changed on one side, that side's; deleted on one side and
 * untouched on the other, deleted; deleted on one side and changed on
 * the other, kept; changed on both, merged member by member. Ours' order,
 * theirs' new ones after. @changed counts the entries theirs added,
 * changed or deleted; @counts the members both changed.
 */
static JsonNode *
merge_lists (JsonNode      *base,
             JsonNode      *ours,
             JsonNode      *theirs,
             guint         *changed,
             SbMergeReport *counts)
{
  g_autoptr(GHashTable) base_ids = index_objects (base);
  g_autoptr(GHashTable) their_ids = index_objects (theirs);
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *merged = json_array_new ();
  JsonArray *ours_array = ours && JSON_NODE_HOLDS_ARRAY (ours) ? json_node_get_array (ours) : NULL;
  JsonArray *theirs_array = theirs && JSON_NODE_HOLDS_ARRAY (theirs) ? json_node_get_array (theirs) : NULL;
  JsonNode *node;

  for (guint i = 0; ours_array != NULL && i < json_array_get_length (ours_array); i++)
    {
      JsonNode *o = json_array_get_element (ours_array, i);
      const char *id = object_id (o);
      JsonNode *b, *t;

      if (id == NULL || !g_hash_table_add (done, (gpointer) id))
        continue;
      b = g_hash_table_lookup (base_ids, id);
      t = g_hash_table_lookup (their_ids, id);

      if (t == NULL)
        {
          if (b == NULL || !json_node_equal (o, b))
            json_array_add_element (merged, json_node_copy (o));
          else
            (*changed)++;
        }
      else if (json_node_equal (o, t) || json_node_equal (t, b ? b : o))
        json_array_add_element (merged, json_node_copy (o));
      else
        {
          JsonObject *object = merge_objects (b ? json_node_get_object (b) : NULL,
                                              json_node_get_object (o), json_node_get_object (t), counts);

          json_array_add_element (merged, json_node_init_object (json_node_alloc (), object));
          json_object_unref (object);
          if (b == NULL || !json_node_equal (t, b))
            (*changed)++;
        }
    }

  for (guint i = 0; theirs_array != NULL && i < json_array_get_length (theirs_array); i++)
    {
      JsonNode *t = json_array_get_element (theirs_array, i);
      const char *id = object_id (t);
      JsonNode *b;

      if (id == NULL || !g_hash_table_add (done, (gpointer) id))
        continue;
      b = g_hash_table_lookup (base_ids, id);
      if (b == NULL || !json_node_equal (t, b))
        {
          json_array_add_element (merged, json_node_copy (t));
          (*changed)++;
        }
    }

  node = json_node_init_array (json_node_alloc (), merged);
  json_array_unref (merged);
  return node;
}

static JsonNode *
parse_or_null (JsonParser *parser,
               const char *text)
{
  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_parser_get_root (parser);
}

/**
 * sb_merge_interviews:
 * @base: (nullable): the "interviews" array's JSON as last read or written
 * @ours: (nullable): the library's interviews as JSON
 * @theirs: (nullable): the file's
 * @report: (inout): counts interviews changed and conflicts into
 *   @report's interview fields
 *
 * Merges interviews three ways by id, and member by member inside an
 * interview and its rounds (rounds matched by id): an edit of the date on
 * one side and of the notes on the other both stay. A member both sides
 * changed keeps ours (for notes, both texts).
 *
 * Returns: (transfer full) (nullable): the merged "interviews" array's
 *   JSON, or %NULL when there are none
 */
char *
sb_merge_interviews (const char    *base,
                     const char    *ours,
                     const char    *theirs,
                     SbMergeReport *report)
{
  g_autoptr(JsonParser) base_parser = json_parser_new_immutable ();
  g_autoptr(JsonParser) ours_parser = json_parser_new_immutable ();
  g_autoptr(JsonParser) theirs_parser = json_parser_new_immutable ();
  g_autoptr(JsonNode) merged = NULL;
  SbMergeReport counts = { 0, };

  merged = merge_lists (parse_or_null (base_parser, base),
                        parse_or_null (ours_parser, ours),
                        parse_or_null (theirs_parser, theirs),
                        &counts.interviews, &counts);
  if (report != NULL)
    {
      report->interviews += counts.interviews;
      report->interview_conflicts += counts.interview_conflicts;
    }
  if (json_array_get_length (json_node_get_array (merged)) == 0)
    return NULL;
  return sb_json_node_to_string (merged);
}
