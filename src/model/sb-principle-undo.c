/* sb-principle-undo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-principle-undo"

#include "config.h"

#include "sb-principle-undo.h"

typedef struct
{
  SbPrinciple *principle;  /* the very object, every field intact */
  guint        position;   /* within its framework */
} Removed;

typedef struct
{
  char  *story_id;
  char **principles;       /* the story's principles before */
} Refiled;

struct _SbPrincipleUndo
{
  GArray      *removed;    /* Removed, in ascending position */
  GPtrArray   *refiled;    /* Refiled */
  SbFramework *framework;  /* when the framework went too */
  guint        framework_position;
};

static void
removed_clear (gpointer data)
{
  Removed *removed = data;

  g_clear_object (&removed->principle);
}

static void
refiled_free (gpointer data)
{
  Refiled *refiled = data;

  g_free (refiled->story_id);
  g_strfreev (refiled->principles);
  g_free (refiled);
}

static SbPrincipleUndo *
sb_principle_undo_new (void)
{
  SbPrincipleUndo *self = g_new0 (SbPrincipleUndo, 1);

  self->removed = g_array_new (FALSE, TRUE, sizeof (Removed));
  g_array_set_clear_func (self->removed, removed_clear);
  self->refiled = g_ptr_array_new_with_free_func (refiled_free);

  return self;
}

void
sb_principle_undo_free (SbPrincipleUndo *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->removed);
  g_ptr_array_unref (self->refiled);
  g_clear_object (&self->framework);
  g_free (self);
}

/* Takes the deleted ids off every story, putting @move_to_id in the place
 * of the first one, and remembers each story's principles before.
 */
static void
refile_stories (SbPrincipleUndo    *self,
                SbLibrary          *library,
                const char * const *deleted,
                const char         *move_to_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char * const *ids = sb_story_get_principles (story);
      g_autoptr(GPtrArray) next = g_ptr_array_new ();
      gboolean touched = FALSE;
      Refiled *refiled;

      for (guint j = 0; ids[j] != NULL; j++)
        {
          if (!g_strv_contains (deleted, ids[j]))
            {
              g_ptr_array_add (next, (gpointer) ids[j]);
              continue;
            }

          if (move_to_id != NULL && !touched && !g_strv_contains (ids, move_to_id))
            g_ptr_array_add (next, (gpointer) move_to_id);
          touched = TRUE;
        }

      if (!touched)
        continue;

      refiled = g_new0 (Refiled, 1);
      refiled->story_id = g_strdup (sb_story_get_id (story));
      refiled->principles = g_strdupv ((char **) ids);
      g_ptr_array_add (self->refiled, refiled);

      g_ptr_array_add (next, NULL);
      sb_story_set_principles (story, (const char * const *) next->pdata);
    }
}

static void
take_principle (SbPrincipleUndo *self,
                SbCatalog       *catalog,
                SbPrinciple     *principle)
{
  Removed removed;

  removed.principle = g_object_ref (principle);
  removed.position = sb_catalog_get_principle_position (catalog, principle);
  g_array_append_val (self->removed, removed);
  sb_catalog_remove_principle (catalog, principle);
}

/* An emptied user framework cannot be saved: it goes with its last
 * principle and comes back with it.
 */
static void
take_framework_if_empty (SbPrincipleUndo *self,
                         SbCatalog       *catalog,
                         const char      *framework_id)
{
  SbFramework *framework = sb_catalog_lookup_framework (catalog, framework_id);

  if (framework == NULL || sb_framework_get_builtin (framework) ||
      g_list_model_get_n_items (sb_framework_get_principles (framework)) > 0)
    return;

  self->framework = g_object_ref (framework);
  self->framework_position = sb_catalog_get_framework_position (catalog, framework);
  sb_catalog_remove_framework (catalog, framework_id);
}

/**
 * sb_principle_undo_delete_principle:
 * @principle: a user-made principle of @catalog
 * @move_to_id: (nullable): the principle its stories move to, or %NULL
 *   to leave them in "All stories" with the principle taken off
 *
 * Deletes @principle, taking it off (or moving) every story of @library
 * filed under it.
 *
 * Returns: (transfer full) (nullable): what sb_principle_undo_restore()
 * needs to bring it all back, or %NULL when @principle cannot be deleted
 */
SbPrincipleUndo *
sb_principle_undo_delete_principle (SbCatalog   *catalog,
                                    SbLibrary   *library,
                                    SbPrinciple *principle,
                                    const char  *move_to_id)
{
  g_autoptr(SbPrinciple) hold = NULL;
  SbPrincipleUndo *self;
  const char *deleted[2] = { NULL, NULL };
  g_autofree char *framework_id = NULL;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_PRINCIPLE (principle), NULL);

  if (sb_principle_get_builtin (principle) ||
      sb_catalog_lookup (catalog, sb_principle_get_id (principle)) != principle)
    return NULL;
  if (g_strcmp0 (move_to_id, sb_principle_get_id (principle)) == 0)
    move_to_id = NULL;

  hold = g_object_ref (principle);
  framework_id = g_strdup (sb_principle_get_framework_id (principle));
  deleted[0] = sb_principle_get_id (principle);

  self = sb_principle_undo_new ();
  refile_stories (self, library, deleted, move_to_id);
  take_principle (self, catalog, principle);
  take_framework_if_empty (self, catalog, framework_id);

  return self;
}

/**
 * sb_principle_undo_delete_framework:
 * @framework_id: a user framework of @catalog
 * @move_to_id: (nullable): a principle of another framework for the
 *   stories filed under the framework's principles, or %NULL to leave
 *   them in "All stories"
 *
 * Deletes a user framework with all its principles.
 *
 * Returns: (transfer full) (nullable): the undo record, or %NULL when
 * there is no such user framework
 */
SbPrincipleUndo *
sb_principle_undo_delete_framework (SbCatalog  *catalog,
                                    SbLibrary  *library,
                                    const char *framework_id,
                                    const char *move_to_id)
{
  SbFramework *framework;
  SbPrinciple *move_to;
  GListModel *principles;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  SbPrincipleUndo *self;
  g_autofree char *id = NULL;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);

  framework = sb_catalog_lookup_framework (catalog, framework_id);
  if (framework == NULL || sb_framework_get_builtin (framework))
    return NULL;

  move_to = sb_catalog_lookup (catalog, move_to_id);
  if (move_to != NULL && g_strcmp0 (sb_principle_get_framework_id (move_to), framework_id) == 0)
    move_to_id = NULL;

  id = g_strdup (framework_id);
  principles = sb_framework_get_principles (framework);
  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);

      g_ptr_array_add (ids, g_strdup (sb_principle_get_id (principle)));
    }
  g_ptr_array_add (ids, NULL);

  self = sb_principle_undo_new ();
  refile_stories (self, library, (const char * const *) ids->pdata, move_to_id);

  /* First to last, each one is at position 0 when it is taken. */
  while (g_list_model_get_n_items (principles) > 0)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, 0);
      Removed removed;

      removed.principle = g_object_ref (principle);
      removed.position = self->removed->len;
      g_array_append_val (self->removed, removed);
      sb_catalog_remove_principle (catalog, principle);
    }
  take_framework_if_empty (self, catalog, id);

  return self;
}

/**
 * sb_principle_undo_get_n_stories:
 *
 * Returns: how many stories the deletion changed
 */
guint
sb_principle_undo_get_n_stories (SbPrincipleUndo *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->refiled->len;
}

guint
sb_principle_undo_get_n_principles (SbPrincipleUndo *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->removed->len;
}

/**
 * sb_principle_undo_restore:
 *
 * Puts back the framework, each principle (the same object, at the same
 * place) and every changed story's principles exactly as they were. A
 * story deleted since is skipped.
 *
 * Returns: %FALSE, changing nothing, when a principle's id or the
 * framework's id has been taken since
 */
gboolean
sb_principle_undo_restore (SbPrincipleUndo *self,
                           SbCatalog       *catalog,
                           SbLibrary       *library)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (SB_IS_LIBRARY (library), FALSE);

  if (self->framework != NULL &&
      sb_catalog_lookup_framework (catalog, sb_framework_get_id (self->framework)) != NULL)
    return FALSE;
  for (guint i = 0; i < self->removed->len; i++)
    {
      Removed *removed = &g_array_index (self->removed, Removed, i);

      if (sb_catalog_lookup (catalog, sb_principle_get_id (removed->principle)) != NULL)
        return FALSE;
    }

  if (self->framework != NULL)
    sb_catalog_insert_framework (catalog, self->framework, self->framework_position);

  for (guint i = 0; i < self->removed->len; i++)
    {
      Removed *removed = &g_array_index (self->removed, Removed, i);

      sb_catalog_insert_principle (catalog, removed->principle, removed->position);
    }

  for (guint i = 0; i < self->refiled->len; i++)
    {
      Refiled *refiled = g_ptr_array_index (self->refiled, i);
      SbStory *story = sb_library_find (library, refiled->story_id);

      if (story != NULL)
        sb_story_set_principles (story, (const char * const *) refiled->principles);
    }

  return TRUE;
}
