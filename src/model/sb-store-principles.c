/* sb-store-principles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-private.h"

/* A "principles" array as id -> the entry's JSON text (entries without an
 * id are left out: they cannot be told apart).
 */
GHashTable *
_sb_store_principles_by_id (JsonArray *principles)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; principles != NULL && i < json_array_get_length (principles); i++)
    {
      JsonNode *node = json_array_get_element (principles, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
      if (id != NULL && !g_hash_table_contains (table, id))
        g_hash_table_insert (table, g_strdup (id), json_to_string (node, FALSE));
    }

  return table;
}

/* The same from the text of such an array (empty when it is not one). */
GHashTable *
_sb_store_principles_by_id_from_text (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return _sb_store_principles_by_id (NULL);
  return _sb_store_principles_by_id (json_node_get_array (root));
}

/* The same from the catalog as it would be saved now. */
static GHashTable *
catalog_principles_by_id (SbCatalog *catalog)
{
  g_autofree char *json = sb_catalog_dup_user_json (catalog, 0);

  return _sb_store_principles_by_id_from_text (json);
}

void
_sb_store_set_base_principles (SbStore    *self,
                               GHashTable *principles)
{
  g_clear_pointer (&self->base_principles, g_hash_table_unref);
  self->base_principles = principles;
}

/* Their entry for a principle both sides changed, as a copy beside ours:
 * a new id, the name marked.
 */
static JsonNode *
conflict_copy (SbCatalog  *catalog,
               GHashTable *taken,
               JsonNode   *node)
{
  JsonNode *copy = json_node_copy (node);
  JsonObject *object = json_node_get_object (copy);
  const char *name = json_object_get_string_member_with_default (object, "name", NULL);
  g_autofree char *marked = NULL;
  g_autofree char *base_id = NULL;
  char *id;

  if (name == NULL)
    name = json_object_get_string_member (object, "id");
  /* Translators: a principle changed in two places; %s is its name */
  marked = g_strdup_printf (_("%s (conflict)"), name);
  /* Not the id of one in the catalog, in the file or merged just now. */
  base_id = sb_catalog_make_id (catalog, marked);
  id = g_strdup (base_id);
  for (guint n = 2; g_hash_table_contains (taken, id) || sb_catalog_lookup (catalog, id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base_id, n);
    }
  g_hash_table_add (taken, id);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", marked);
  return copy;
}

/* Merges the user's principles of the file (@theirs) into the catalog,
 * three ways against @base (id to JSON text; %NULL: two ways, nothing
 * counts as deleted), the way stories merge: what only they
 * added, changed or deleted comes in; what only we did stays; a change
 * wins over a deletion; when both changed one, ours stays and theirs is
 * added beside it as "… (conflict)" (for the wording of a built-in one,
 * ours stays alone). A built-in principle is never removed: its wording
 * is what is merged. Stories filed under a deleted
 * principle keep its id.
 */
void
_sb_store_merge_principles_from (SbStore    *self,
                                 GHashTable *base,
                                 JsonArray  *theirs_array)
{
  g_autoptr(GHashTable) theirs = _sb_store_principles_by_id (theirs_array);
  g_autoptr(GHashTable) ours = catalog_principles_by_id (self->catalog);
  g_autoptr(JsonArray) incoming = json_array_new ();
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id, text;

  g_hash_table_iter_init (&iter, theirs);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (taken, g_strdup (id));

  for (guint i = 0; theirs_array != NULL && i < json_array_get_length (theirs_array); i++)
    {
      JsonNode *node = json_array_get_element (theirs_array, i);
      const char *their_id, *ours_text, *base_text;
      SbPrinciple *existing;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      their_id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
      if (their_id == NULL)
        continue;

      ours_text = g_hash_table_lookup (ours, their_id);
      base_text = base ? g_hash_table_lookup (base, their_id) : NULL;
      text = g_hash_table_lookup (theirs, their_id);

      if (g_strcmp0 (ours_text, text) == 0 || g_strcmp0 (base_text, text) == 0)
        continue;  /* the same, or only we changed (or deleted) it */

      existing = sb_catalog_lookup (self->catalog, their_id);
      if (ours_text != NULL && g_strcmp0 (ours_text, base_text) != 0)
        {
          /* Both changed it, or both added one with this id: ours stays.
           * Theirs goes beside it, unless it is the wording of a built-in
           * principle, which has no place for a second one.
           */
          if (existing == NULL || !sb_principle_get_builtin (existing))
            json_array_add_element (incoming, conflict_copy (self->catalog, taken, node));
          continue;
        }

      /* Only they changed or added it (a change wins over our deletion). */
      if (existing != NULL && sb_principle_get_builtin (existing))
        sb_principle_reset_user_wording (existing);
      json_array_add_element (incoming, json_node_copy (node));
    }

  if (json_array_get_length (incoming) > 0 &&
      !sb_catalog_load_user_json (self->catalog, incoming, &error))
    g_message ("Principles merged from %s: %s", self->path, error->message);

  /* Deleted there and untouched here: deleted (a built-in principle loses
   * the user's wording).
   */
  g_hash_table_iter_init (&iter, ours);
  while (g_hash_table_iter_next (&iter, &id, &text))
    {
      SbPrinciple *principle = sb_catalog_lookup (self->catalog, id);

      if (principle == NULL || g_hash_table_contains (theirs, id) || base == NULL ||
          g_strcmp0 (text, g_hash_table_lookup (base, id)) != 0)
        continue;
      if (sb_principle_get_builtin (principle))
        sb_principle_reset_user_wording (principle);
      else
        sb_catalog_remove_principle (self->catalog, principle);
    }
}

/* The same against the principles as we last read or wrote them, which
 * @theirs then becomes. Returns whether the catalog now differs from the
 * file.
 */
gboolean
_sb_store_merge_principles (SbStore   *self,
                            JsonArray *theirs_array)
{
  g_autoptr(GHashTable) ours = NULL;
  GHashTableIter iter;
  gpointer id, text;

  _sb_store_merge_principles_from (self, self->base_principles, theirs_array);
  _sb_store_set_base_principles (self, _sb_store_principles_by_id (theirs_array));

  /* Whether a save has something to add to the file. */
  ours = catalog_principles_by_id (self->catalog);
  if (g_hash_table_size (ours) != g_hash_table_size (self->base_principles))
    return TRUE;
  g_hash_table_iter_init (&iter, ours);
  while (g_hash_table_iter_next (&iter, &id, &text))
    if (g_strcmp0 (text, g_hash_table_lookup (self->base_principles, id)) != 0)
      return TRUE;
  return FALSE;
}
