/* sb-import.c: plan an import, show it, apply it, undo it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-csv.h"
#include "sb-import.h"
#include "sb-json.h"
#include "sb-markdown.h"
#include "sb-store.h"
#include "sb-text-private.h"

/* How an import finds the story it already holds, so importing the same
 * pages twice adds and changes nothing:
 *
 * - Markdown: a page's story is the library's story filed under the same
 *   principle with the same title. When its text differs, the page's text
 *   replaces it (an update, shown in the plan and undone by undo). Failing
 *   that, a story with the same title and the same text filed under other
 *   principles is the same story, now filed under this one too (how a
 *   story exported under several principles comes back as one).
 * - Storybank's JSON: the story with the same id; the one modified last
 *   wins.
 *
 * Nothing is touched until sb_import_apply(): the plan holds new objects,
 * and copies of the library's stories with the changes made.
 */

typedef enum
{
  OP_ADD_PRINCIPLE,
  OP_CHANGE_PRINCIPLE,
  OP_ADD_STORY,
  OP_UPDATE_STORY,
  OP_ADD_INTERVIEW,
} OpKind;

typedef struct
{
  char  *definition;
  char  *focus_heading;
  GStrv  focus_names;
  GStrv  focus_descriptions;
  GStrv  tips;
  char  *notes;
} Wording;

typedef struct
{
  OpKind       kind;
  SbStory     *story;      /* added, or the replacement */
  SbStory     *original;   /* the library's story an update replaces */
  SbPrinciple *principle;  /* added, or changed */
  SbInterview *interview;  /* added */
  Wording     *wording;    /* the change */
  Wording     *undo;       /* as it was when applied */
} Op;

struct _SbImport
{
  GObject     parent_instance;

  SbLibrary  *library;
  SbCatalog  *catalog;
  GPtrArray  *ops;
  GPtrArray  *skipped;    /* char*: "Skipped <file>: <why>", for the preview */
  GPtrArray  *left_out;   /* char*: "file: lines 3–5: why", for the preview */
  /* A principle the plan would add → the catalog's principle the user
   * chose to file its stories under instead.
   */
  GHashTable *mapped;
  /* Not owned: what sb_import_add_files_async() is reading. */
  struct _Reading *reading;
  GHashTable *story_ops;  /* SbStory (added, replacement or original) → Op */
  GHashTable *added_ids;  /* id → Op, for the stories the plan adds */
  GHashTable *by_title;   /* title → GPtrArray of stories as planned; lazy */
  /* id → when (n_claims) a page's story came to it: a story that took
   * one page's story never takes another's text.
   */
  GHashTable *claimed;
  guint       n_claims;
  guint       applied : 1;
};

G_DEFINE_FINAL_TYPE (SbImport, sb_import, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-import-error-quark, sb_import_error)

static void
wording_free (Wording *wording)
{
  if (wording == NULL)
    return;
  g_free (wording->definition);
  g_free (wording->focus_heading);
  g_strfreev (wording->focus_names);
  g_strfreev (wording->focus_descriptions);
  g_strfreev (wording->tips);
  g_free (wording->notes);
  g_free (wording);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Wording, wording_free)

static void
op_free (Op *op)
{
  g_clear_object (&op->story);
  g_clear_object (&op->original);
  g_clear_object (&op->principle);
  g_clear_object (&op->interview);
  wording_free (op->wording);
  wording_free (op->undo);
  g_free (op);
}

static Op *
op_new (SbImport *self,
        OpKind    kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  g_ptr_array_add (self->ops, op);
  return op;
}

static void
sb_import_finalize (GObject *object)
{
  SbImport *self = (SbImport *)object;

  g_clear_pointer (&self->ops, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->left_out, g_ptr_array_unref);
  g_clear_pointer (&self->mapped, g_hash_table_unref);
  g_clear_pointer (&self->story_ops, g_hash_table_unref);
  g_clear_pointer (&self->added_ids, g_hash_table_unref);
  g_clear_pointer (&self->claimed, g_hash_table_unref);
  g_clear_pointer (&self->by_title, g_hash_table_unref);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_import_parent_class)->finalize (object);
}

static void
sb_import_class_init (SbImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_import_finalize;
}

static void
sb_import_init (SbImport *self)
{
  self->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  self->skipped = g_ptr_array_new_with_free_func (g_free);
  self->left_out = g_ptr_array_new_with_free_func (g_free);
  self->mapped = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->story_ops = g_hash_table_new (NULL, NULL);
  self->added_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sb_import_new:
 *
 * Returns: (transfer full): an empty import into @library and @catalog
 */
SbImport *
sb_import_new (SbLibrary *library,
               SbCatalog *catalog)
{
  SbImport *self;

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  self = g_object_new (SB_TYPE_IMPORT, NULL);
  self->library = g_object_ref (library);
  self->catalog = g_object_ref (catalog);

  return self;
}

/* Wording */

static char **
strv_from_array (GPtrArray *array)
{
  char **strv = g_new0 (char *, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (array, i));
  return strv;
}

static Wording *
wording_read (SbPrinciple *principle)
{
  Wording *wording = g_new0 (Wording, 1);

  if (sb_principle_get_builtin (principle))
    {
      wording->definition = g_strdup (sb_principle_get_user_definition (principle));
      wording->focus_heading = g_strdup (sb_principle_get_user_focus_heading (principle));
      wording->focus_names = g_strdupv ((char **) sb_principle_get_user_focus_names (principle));
      wording->focus_descriptions = g_strdupv ((char **) sb_principle_get_user_focus_descriptions (principle));
      wording->tips = g_strdupv ((char **) sb_principle_get_user_tips (principle));
    }
  else
    {
      guint n = sb_principle_get_n_focus_areas (principle);

      wording->definition = g_strdup (sb_principle_get_definition (principle));
      wording->focus_heading = g_strdup (sb_principle_get_focus_heading (principle));
      wording->focus_names = g_new0 (char *, n + 1);
      wording->focus_descriptions = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          const char *name, *description;

          sb_principle_get_focus_area (principle, i, &name, &description);
          wording->focus_names[i] = g_strdup (name);
          wording->focus_descriptions[i] = g_strdup (description);
        }
      wording->tips = g_strdupv ((char **) sb_principle_get_tips (principle));
    }
  wording->notes = g_strdup (sb_principle_get_notes (principle));

  if (wording->definition == NULL)
    wording->definition = g_strdup ("");
  if (wording->focus_heading == NULL)
    wording->focus_heading = g_strdup ("");
  if (wording->tips == NULL)
    wording->tips = g_new0 (char *, 1);

  return wording;
}

/* The built-in text, as a Wording, to tell a page that only repeats it. */
static Wording *
wording_read_builtin (SbPrinciple *principle)
{
  Wording *wording = g_new0 (Wording, 1);
  guint n = sb_principle_get_n_focus_areas (principle);

  wording->definition = g_strdup (sb_principle_get_definition (principle));
  wording->focus_heading = g_strdup (sb_principle_get_focus_heading (principle));
  wording->focus_names = g_new0 (char *, n + 1);
  wording->focus_descriptions = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *name, *description;

      sb_principle_get_focus_area (principle, i, &name, &description);
      wording->focus_names[i] = g_strdup (name);
      wording->focus_descriptions[i] = g_strdup (description);
    }
  wording->tips = g_strdupv ((char **) sb_principle_get_tips (principle));
  if (wording->tips == NULL)
    wording->tips = g_new0 (char *, 1);
  return wording;
}

static void
wording_write (SbPrinciple *principle,
               Wording     *wording)
{
  if (sb_principle_get_builtin (principle))
    sb_principle_set_user_wording (principle,
                                   wording->definition,
                                   wording->focus_heading,
                                   (const char * const *) wording->focus_names,
                                   (const char * const *) wording->focus_descriptions,
                                   (const char * const *) wording->tips);
  else
    {
      sb_principle_set_definition (principle, wording->definition);
      sb_principle_set_focus_areas (principle, wording->focus_heading,
                                    (const char * const *) wording->focus_names,
                                    (const char * const *) wording->focus_descriptions);
      sb_principle_set_tips (principle, (const char * const *) wording->tips);
    }
  sb_principle_set_notes (principle, wording->notes);
}

static gboolean
strv_eq (char **a,
         char **b)
{
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
focus_equal (const char  *heading_a,
             char       **names_a,
             char       **descriptions_a,
             const char  *heading_b,
             char       **names_b,
             char       **descriptions_b)
{
  return g_strcmp0 (heading_a, heading_b) == 0 &&
         strv_eq (names_a, names_b) &&
         strv_eq (descriptions_a, descriptions_b);
}

static gboolean
wording_equal (Wording *a,
               Wording *b)
{
  return g_strcmp0 (a->definition, b->definition) == 0 &&
         focus_equal (a->focus_heading, a->focus_names, a->focus_descriptions,
                      b->focus_heading, b->focus_names, b->focus_descriptions) &&
         strv_eq (a->tips, b->tips) &&
         g_strcmp0 (a->notes, b->notes) == 0;
}

/* What @principle's wording becomes with @page read over it: each part
 * the page has replaces the user's, unless it only repeats the user's
 * or, when the user wrote none, the built-in text.
 */
static Wording *
wording_merge_page (SbPrinciple    *principle,
                    Wording        *current,
                    SbMarkdownPage *page)
{
  g_autoptr(Wording) builtin = NULL;
  Wording *merged = g_new0 (Wording, 1);

  if (sb_principle_get_builtin (principle))
    builtin = wording_read_builtin (principle);

  merged->definition = g_strdup (current->definition);
  merged->focus_heading = g_strdup (current->focus_heading);
  merged->focus_names = g_strdupv (current->focus_names);
  merged->focus_descriptions = g_strdupv (current->focus_descriptions);
  merged->tips = g_strdupv (current->tips);
  merged->notes = g_strdup (current->notes);

  if (page->definition != NULL && page->definition[0] != '\0' &&
      !g_str_equal (page->definition, current->definition) &&
      !(builtin != NULL && current->definition[0] == '\0' &&
        g_strcmp0 (page->definition, builtin->definition) == 0))
    {
      g_free (merged->definition);
      merged->definition = g_strdup (page->definition);
    }

  if (page->focus_heading != NULL)
    {
      g_auto(GStrv) names = NULL;
      g_auto(GStrv) descriptions = NULL;
      gboolean user_has = current->focus_heading[0] != '\0' || current->focus_names[0] != NULL;

      g_ptr_array_add (page->focus_names, NULL);
      g_ptr_array_add (page->focus_descriptions, NULL);
      names = g_strdupv ((char **) page->focus_names->pdata);
      descriptions = g_strdupv ((char **) page->focus_descriptions->pdata);
      g_ptr_array_remove_index (page->focus_names, page->focus_names->len - 1);
      g_ptr_array_remove_index (page->focus_descriptions, page->focus_descriptions->len - 1);

      if (!focus_equal (page->focus_heading, names, descriptions,
                        current->focus_heading, current->focus_names, current->focus_descriptions) &&
          !(builtin != NULL && !user_has &&
            focus_equal (page->focus_heading, names, descriptions,
                         builtin->focus_heading, builtin->focus_names, builtin->focus_descriptions)))
        {
          g_free (merged->focus_heading);
          merged->focus_heading = g_strdup (page->focus_heading);
          g_strfreev (merged->focus_names);
          merged->focus_names = g_steal_pointer (&names);
          g_strfreev (merged->focus_descriptions);
          merged->focus_descriptions = g_steal_pointer (&descriptions);
        }
    }

  if (page->tips->len > 0)
    {
      g_auto(GStrv) tips = strv_from_array (page->tips);

      if (!strv_eq (tips, current->tips) &&
          !(builtin != NULL && current->tips[0] == NULL && strv_eq (tips, builtin->tips)))
        {
          g_strfreev (merged->tips);
          merged->tips = g_steal_pointer (&tips);
        }
    }

  if (page->notes != NULL && page->notes[0] != '\0')
    {
      g_free (merged->notes);
      merged->notes = g_strdup (page->notes);
    }

  return merged;
}

/* Planning */

static Op *
find_story_op (SbImport *self,
               SbStory  *story)
{
  return g_hash_table_lookup (self->story_ops, story);
}

static void
track_story_op (SbImport *self,
                Op       *op)
{
  g_hash_table_insert (self->story_ops, op->story, op);
  if (op->original != NULL)
    g_hash_table_insert (self->story_ops, op->original, op);
  else
    g_hash_table_insert (self->added_ids, (gpointer) sb_story_get_id (op->story), op);
}

/* After ops were dropped or a story's title may have changed. */
static void
reindex (SbImport *self)
{
  g_hash_table_remove_all (self->story_ops);
  g_hash_table_remove_all (self->added_ids);
  g_clear_pointer (&self->by_title, g_hash_table_unref);
  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = g_ptr_array_index (self->ops, i);

      if (op->kind == OP_ADD_STORY || op->kind == OP_UPDATE_STORY)
        track_story_op (self, op);
    }
}

static Op *
find_principle_op (SbImport    *self,
                   SbPrinciple *principle)
{
  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = g_ptr_array_index (self->ops, i);

      if ((op->kind == OP_ADD_PRINCIPLE || op->kind == OP_CHANGE_PRINCIPLE) &&
          op->principle == principle)
        return op;
    }
  return NULL;
}

/* The principle with that name (or id), in the catalog or new in the plan. */
static SbPrinciple *
lookup_principle (SbImport   *self,
                  const char *name,
                  gboolean    by_id)
{
  g_autofree char *slug = sb_principle_slugify (name);
  SbPrinciple *found;

  found = by_id ? sb_catalog_lookup (self->catalog, name)
                : sb_catalog_lookup_by_name (self->catalog, name);
  if (found != NULL)
    return found;

  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = g_ptr_array_index (self->ops, i);

      if (op->kind != OP_ADD_PRINCIPLE)
        continue;
      if (g_str_equal (sb_principle_get_id (op->principle), by_id ? name : slug))
        return op->principle;
      if (!by_id && g_str_equal (slug, sb_principle_get_name_slug (op->principle)))
        return op->principle;
    }

  return NULL;
}

static char *
make_principle_id (SbImport   *self,
                   const char *name)
{
  g_autofree char *base = sb_catalog_make_id (self->catalog, name);
  char *id = g_strdup (base);

  for (guint i = 2; lookup_principle (self, id, TRUE) != NULL; i++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, i);
    }
  return id;
}

static void
index_title (SbImport *self,
             SbStory  *story)
{
  GPtrArray *stories = g_hash_table_lookup (self->by_title, sb_story_get_title (story));

  if (stories == NULL)
    {
      stories = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->by_title, g_strdup (sb_story_get_title (story)), stories);
    }
  g_ptr_array_add (stories, g_object_ref (story));
}

/* The stories called @title as they will be: the plan's replacement for
 * a story it updates, then the plan's new stories.
 */
static GPtrArray *
get_planned_stories (SbImport   *self,
                     const char *title)
{
  if (self->by_title == NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library));

      self->by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->library), i);
          Op *op = find_story_op (self, story);

          index_title (self, op ? op->story : story);
        }
      for (guint i = 0; i < self->ops->len; i++)
        {
          Op *op = g_ptr_array_index (self->ops, i);

          if (op->kind == OP_ADD_STORY)
            index_title (self, op->story);
        }
    }

  return g_hash_table_lookup (self->by_title, title);
}

/* A story of the plan's own (new, or a replacement) to change, for @story. */
static SbStory *
ensure_writable (SbImport *self,
                 SbStory  *story)
{
  Op *op = find_story_op (self, story);

  if (op != NULL)
    return op->story;

  op = op_new (self, OP_UPDATE_STORY);
  op->original = g_object_ref (story);
  op->story = sb_story_copy (story);
  track_story_op (self, op);

  /* The title stays: the replacement takes the story's place in the index. */
  if (self->by_title != NULL)
    {
      GPtrArray *stories = g_hash_table_lookup (self->by_title, sb_story_get_title (story));
      guint position;

      if (stories != NULL && g_ptr_array_find (stories, story, &position))
        {
          g_object_unref (stories->pdata[position]);
          stories->pdata[position] = g_object_ref (op->story);
        }
    }
  return op->story;
}

static gboolean
same_text (SbStory *a,
           SbStory *b)
{
  return g_str_equal (sb_story_get_title (a), sb_story_get_title (b)) &&
         g_str_equal (sb_story_get_situation (a), sb_story_get_situation (b)) &&
         g_str_equal (sb_story_get_task (a), sb_story_get_task (b)) &&
         g_strv_equal (sb_story_get_actions (a), sb_story_get_actions (b)) &&
         g_str_equal (sb_story_get_result (a), sb_story_get_result (b)) &&
         g_str_equal (sb_story_get_learnings (a), sb_story_get_learnings (b)) &&
         g_str_equal (sb_story_get_notes (a), sb_story_get_notes (b));
}

static gboolean
is_untitled (SbStory *story)
{
  return g_strv_contains (sb_story_get_tags (story), SB_MARKDOWN_UNTITLED_TAG);
}

static void
claim (SbImport *self,
       SbStory  *story)
{
  if (!g_hash_table_contains (self->claimed, sb_story_get_id (story)))
    g_hash_table_insert (self->claimed, g_strdup (sb_story_get_id (story)),
                         GUINT_TO_POINTER (++self->n_claims));
}

static gboolean
filed_under (SbStory    *story,
             const char *principle_id)
{
  if (principle_id == NULL)
    return sb_story_get_principles (story)[0] == NULL;
  return sb_story_has_principle (story, principle_id);
}

static void
plan_markdown_story (SbImport           *self,
                     SbStory            *incoming,
                     const char * const *principle_ids)
{
  const char *principle_id = principle_ids ? principle_ids[0] : NULL;
  GPtrArray *stories = get_planned_stories (self, sb_story_get_title (incoming));
  SbStory *match = NULL;
  Op *op;

  for (guint i = 0; stories != NULL && i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);

      if (filed_under (story, principle_id) && same_text (story, incoming))
        {
          claim (self, story);
          return;
        }
    }

  /* Two stories of one title (two "Production outage", two untitled
   * ones that start alike) are two stories: one that already took a
   * story of this import takes no other's text, and an untitled one is
   * only ever the same text.
   */
  for (guint i = 0; stories != NULL && i < stories->len && match == NULL; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);

      if (filed_under (story, principle_id) && !is_untitled (incoming) &&
          !g_hash_table_contains (self->claimed, sb_story_get_id (story)))
        match = story;
    }

  if (match != NULL)
    {
      SbStory *target;

      claim (self, match);
      target = ensure_writable (self, match);
      sb_story_set_situation (target, sb_story_get_situation (incoming));
      sb_story_set_task (target, sb_story_get_task (incoming));
      sb_story_set_actions (target, sb_story_get_actions (incoming));
      sb_story_set_result (target, sb_story_get_result (incoming));
      sb_story_set_learnings (target, sb_story_get_learnings (incoming));
      sb_story_set_notes (target, sb_story_get_notes (incoming));
      return;
    }

  /* The same story, filed under other principles too. */
  if (principle_id != NULL)
    for (guint i = 0; stories != NULL && i < stories->len; i++)
      {
        SbStory *story = g_ptr_array_index (stories, i);

        if (same_text (story, incoming))
          {
            claim (self, story);
            sb_story_add_principle (ensure_writable (self, story), principle_id);
            return;
          }
      }

  op = op_new (self, OP_ADD_STORY);
  op->story = g_object_ref (incoming);
  claim (self, op->story);
  for (guint i = 0; principle_ids != NULL && principle_ids[i] != NULL; i++)
    sb_story_add_principle (op->story, principle_ids[i]);
  track_story_op (self, op);
  if (self->by_title != NULL)
    index_title (self, op->story);
}

static void
plan_principle_wording (SbImport       *self,
                        SbPrinciple    *principle,
                        SbMarkdownPage *page)
{
  Op *op = find_principle_op (self, principle);
  g_autoptr(Wording) current = NULL;
  g_autoptr(Wording) merged = NULL;

  if (op != NULL && op->kind == OP_ADD_PRINCIPLE)
    {
      /* The plan's own: change it in place. */
      current = wording_read (principle);
      merged = wording_merge_page (principle, current, page);
      wording_write (principle, merged);
      return;
    }

  current = op ? op->wording : wording_read (principle);
  merged = wording_merge_page (principle, current, page);
  if (op != NULL)
    {
      current = NULL;
      wording_free (op->wording);
      op->wording = g_steal_pointer (&merged);
      return;
    }

  if (wording_equal (current, merged))
    return;

  op = op_new (self, OP_CHANGE_PRINCIPLE);
  op->principle = g_object_ref (principle);
  op->wording = g_steal_pointer (&merged);
}

/* The principle called @name, found loosely, or new in the plan. */
static SbPrinciple *
ensure_principle (SbImport   *self,
                  const char *name)
{
  SbPrinciple *principle = lookup_principle (self, name, FALSE);
  g_autofree char *id = NULL;
  Op *op;

  if (principle != NULL)
    return principle;

  id = make_principle_id (self, name);
  op = op_new (self, OP_ADD_PRINCIPLE);
  op->principle = sb_principle_new (id, name, SB_FRAMEWORK_USER, FALSE);
  return op->principle;
}

/* Whether @name, a page's that names no principle, is a name for a set
 * of notes ("Story bank", "Interview prep", "Day 3", "STAR cheat sheet")
 * rather than a principle of the user's own ("Calm Under Fire").
 */
static gboolean
is_notes_name (const char *name)
{
  static const char * const words[] = {
    "story", "stories", "star", "interview", "interviews", "prep", "preparation", "behavioral",
    "behavioural", "notes", "answers", "cheat", "template", "templates", "purpose", "overview",
    "introduction", "readme", "draft", "todo", "principles", "examples", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", NULL
  };
  g_autofree char *folded = g_utf8_strdown (name, -1);
  g_auto(GStrv) parts = NULL;
  const char *last = "";

  g_strcanon (folded, "abcdefghijklmnopqrstuvwxyz0123456789", ' ');
  parts = g_strsplit (folded, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (g_strv_contains (words, parts[i]))
        return TRUE;
      /* "Day 3", "Week 2"; not "Day-to-Day Operations". */
      if ((g_str_equal (last, "day") || g_str_equal (last, "week")) && g_ascii_isdigit (parts[i][0]))
        return TRUE;
      last = parts[i];
    }
  return FALSE;
}

/* The principle @page files its stories under, its wording planned.
 * @only_page: whether it is its file's only page with stories.
 */
static SbPrinciple *
plan_page_principle (SbImport       *self,
                     SbMarkdownPage *page,
                     gboolean        only_page,
                     const char     *source_name)
{
  SbPrinciple *principle = NULL;
  const char *name = page->name;
  gboolean known = name != NULL && lookup_principle (self, name, FALSE) != NULL;

  /* Only a page's name (or a story's own label, below) makes a new
   * principle, and not one that names a set of notes ("Interview prep");
   * a file's name only finds one, and one it finds wins over a new name
   * on the file's only page ("Hiring notes" in hire_and_develop.md).
   */
  if (name != NULL && !known && is_notes_name (name))
    name = NULL;
  if (name != NULL && only_page && !known)
    principle = sb_catalog_lookup_by_file_name (self->catalog, source_name);
  if (principle == NULL && name != NULL)
    principle = ensure_principle (self, name);
  else if (principle == NULL)
    principle = sb_catalog_lookup_by_file_name (self->catalog, source_name);

  if (principle != NULL)
    plan_principle_wording (self, principle, page);
  return principle;
}

/* Plans @page's story @i: filed under the principles it names itself,
 * else under @principle, the page's.
 */
static void
plan_page_story (SbImport       *self,
                 SbMarkdownPage *page,
                 guint           i,
                 SbPrinciple    *principle)
{
  const char * const *names = i < page->story_principles->len ? g_ptr_array_index (page->story_principles, i) : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint j = 0; names != NULL && names[j] != NULL; j++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[j]));
      const char *id;

      if (name[0] == '\0')
        continue;
      id = sb_principle_get_id (ensure_principle (self, name));
      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer) id);
    }
  if (ids->len == 0 && principle != NULL)
    g_ptr_array_add (ids, (gpointer) sb_principle_get_id (principle));
  g_ptr_array_add (ids, NULL);

  plan_markdown_story (self, g_ptr_array_index (page->stories, i),
                       (const char * const *) ids->pdata);
}

static void
plan_page (SbImport       *self,
           SbMarkdownPage *page,
           gboolean        only_page,
           const char     *source_name)
{
  SbPrinciple *principle = plan_page_principle (self, page, only_page, source_name);

  for (guint i = 0; i < page->stories->len; i++)
    plan_page_story (self, page, i, principle);
}

/* Tells the preview which lines of @source_name came in nowhere. */
static void
note_left_out (SbImport   *self,
               GPtrArray  *left_out,
               const char *source_name)
{
  g_autofree char *name = source_name ? g_path_get_basename (source_name) : g_strdup (_("The text"));

  for (guint i = 0; left_out != NULL && i < left_out->len; i++)
    {
      SbLeftOut *range = g_ptr_array_index (left_out, i);

      if (range->first_line == range->last_line)
        /* Translators: "<file>: line <number>: <why it was left out>" */
        g_ptr_array_add (self->left_out, g_strdup_printf (_("%s: line %u: %s"), name,
                                                          range->first_line, range->reason));
      else
        /* Translators: "<file>: lines <first>–<last>: <why they were left out>" */
        g_ptr_array_add (self->left_out, g_strdup_printf (_("%s: lines %u–%u: %s"), name,
                                                          range->first_line, range->last_line,
                                                          range->reason));
    }
}

static gboolean
check_text (const char  *text,
            gsize        length,
            const char  *source_name,
            GError     **error)
{
  const char *name = source_name ? source_name : _("The text");

  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOT_TEXT,
                   _("%s is not a text file"), name);
      return FALSE;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOT_TEXT,
                   _("%s is not valid UTF-8 text"), name);
      return FALSE;
    }
  return TRUE;
}

/* One file of an import, read (and parsed) off the main thread when the
 * import runs in the background: what planning it needs.
 */
typedef struct
{
  char       *name;        /* for messages */
  gboolean    json;
  GPtrArray  *pages;       /* SbMarkdownPage: Markdown or a spreadsheet */
  GPtrArray  *left_out;    /* SbLeftOut */
  GPtrArray  *stories;     /* SbStory: a Storybank file */
  JsonArray  *principles;  /* a Storybank file's */
  GPtrArray  *interviews;  /* SbInterview: a Storybank file's */
} Document;

static Document *
document_new (const char *name,
              gboolean    json)
{
  Document *document = g_new0 (Document, 1);

  document->name = g_strdup (name);
  document->json = json;
  return document;
}

static void
document_free (Document *document)
{
  g_free (document->name);
  g_clear_pointer (&document->pages, g_ptr_array_unref);
  g_clear_pointer (&document->left_out, g_ptr_array_unref);
  g_clear_pointer (&document->stories, g_ptr_array_unref);
  g_clear_pointer (&document->principles, json_array_unref);
  g_clear_pointer (&document->interviews, g_ptr_array_unref);
  g_free (document);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Document, document_free)

/* Whether at most one of its pages holds stories. */
static gboolean
has_one_story_page (Document *document)
{
  guint n = 0;

  for (guint i = 0; i < document->pages->len; i++)
    n += ((SbMarkdownPage *) g_ptr_array_index (document->pages, i))->stories->len > 0;
  return n <= 1;
}

static void     plan_interviews (SbImport  *self,
                                 GPtrArray *interviews);
static gboolean plan_json (SbImport    *self,
                           GPtrArray   *stories,
                           JsonArray   *principles,
                           const char  *source_name,
                           GError     **error);

/* Any thread. */
static gboolean
read_json (Document    *document,
           const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;
  gint64 version = 0;

  if (!check_text (text, length, document->name, error))
    return FALSE;
  if (!sb_store_parse (text, length, &document->stories, &document->principles, &version, &keys, &values,
                       &local_error))
    {
      g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_INVALID,
                   _("%s is not a Storybank file: %s"),
                   document->name ? document->name : _("The text"), local_error->message);
      return FALSE;
    }
  document->interviews = sb_interview_list_from_text (sb_json_extra_lookup ((const char * const *) keys,
                                                                            (const char * const *) values,
                                                                            "interviews"));
  return TRUE;
}

/* @text, mostly UTF-8 with bytes of Windows-1252 among it (a note edited
 * in two editors), as UTF-8: each stray byte read as Windows-1252, or as
 * "�" where it means nothing there. %NULL when @text is not mostly UTF-8
 * (Windows-1252 text makes a UTF-8 sequence now and then: "é»").
 */
static char *
dup_mostly_utf8 (const char *text,
                 gsize       length)
{
  guint valid = 0, stray = 0;
  GString *out;

  for (gsize i = 0; i < length;)
    {
      gunichar c;

      if ((guchar) text[i] < 0x80)
        {
          i++;
          continue;
        }
      c = g_utf8_get_char_validated (text + i, length - i);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        stray++, i++;
      else
        valid++, i = g_utf8_next_char (text + i) - text;
    }
  if (valid <= 2 * stray)
    return NULL;

  out = g_string_sized_new (length + 2 * stray);
  for (gsize i = 0; i < length;)
    {
      const char *start = text + i;
      gunichar c = (guchar) text[i] < 0x80 ? (gunichar) text[i] : g_utf8_get_char_validated (start, length - i);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_autofree char *byte = g_convert (start, 1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);

          g_string_append (out, byte != NULL ? byte : "\xef\xbf\xbd");
          i++;
        }
      else
        {
          i = g_utf8_next_char (start) - text;
          g_string_append_len (out, start, text + i - start);
        }
    }
  return g_string_free (out, FALSE);
}

/* Any thread: @catalog is only asked for principles' names. */
static gboolean
read_markdown (Document    *document,
               const char  *text,
               gsize        length,
               SbCatalog   *catalog,
               GError     **error)
{
  g_autofree char *base_name = document->name ? g_path_get_basename (document->name) : NULL;
  g_autofree char *utf8 = NULL;
  gsize utf8_length = 0;
  gboolean empty = TRUE;

  if (text == NULL)
    text = "";
  /* UTF-8 with a stray byte, or notes saved by an older editor on
   * Windows: they come in as they read there.
   */
  if (length >= 2 && memchr (text, '\0', length) == NULL && !g_utf8_validate_len (text, length, NULL) &&
      !((guchar) text[0] == 0xFF && (guchar) text[1] == 0xFE) &&
      !((guchar) text[0] == 0xFE && (guchar) text[1] == 0xFF) &&
      (utf8 = dup_mostly_utf8 (text, length)) != NULL)
    utf8_length = strlen (utf8);
  else
    utf8 = _sb_text_to_utf8 (text, length, &utf8_length);
  if (utf8 == NULL)
    {
      g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOT_TEXT,
                   _("%s is not a text file"), document->name ? document->name : _("The text"));
      return FALSE;
    }

  document->pages = sb_markdown_read_file (utf8, utf8_length, catalog, base_name, &document->left_out);
  for (guint i = 0; i < document->pages->len; i++)
    empty &= sb_markdown_page_is_empty (g_ptr_array_index (document->pages, i));

  if (empty)
    {
      g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING,
                   _("%s holds no story: a story starts with a heading such as "
                     "“### Example 1: Title” or a “Story:” line, followed by "
                     "“**Situation**:”, “**Task**:”, “**Action**:” and “**Result**:”"),
                   document->name ? document->name : _("The text"));
      return FALSE;
    }
  return TRUE;
}

static void
plan_pages (SbImport *self,
            Document *document)
{
  for (guint i = 0; i < document->pages->len; i++)
    {
      SbMarkdownPage *page = g_ptr_array_index (document->pages, i);

      plan_page (self, page, page->stories->len > 0 && has_one_story_page (document), document->name);
    }
  note_left_out (self, document->left_out, document->name);
}

/**
 * sb_import_add_markdown:
 * @length: bytes in @text, or -1 when nul-terminated
 * @source_name: (nullable): the file it came from, for messages; a page
 *   with no "# Name" is filed under the principle its file is named after
 *
 * Adds the pages in @text to the plan. Fails, adding nothing, when the
 * text holds no story nor any principle's wording.
 */
gboolean
sb_import_add_markdown (SbImport    *self,
                        const char  *text,
                        gssize       length,
                        const char  *source_name,
                        GError     **error)
{
  g_autoptr(Document) document = NULL;

  g_return_val_if_fail (SB_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->applied, FALSE);

  if (length < 0)
    length = strlen (text);
  document = document_new (source_name, FALSE);
  if (!read_markdown (document, text, length, self->catalog, error))
    return FALSE;
  plan_pages (self, document);
  return TRUE;
}

static gint64
story_modified (SbStory *story)
{
  GDateTime *modified = sb_story_get_modified (story);

  return modified ? g_date_time_to_unix (modified) * G_USEC_PER_SEC +
                    g_date_time_get_microsecond (modified) : 0;
}

/**
 * sb_import_add_json:
 *
 * Adds a Storybank data file to the plan: stories merged by id (the one
 * modified last wins), the user's principles it has that the catalog
 * lacks, and the user's wording for a built-in principle that has none.
 */
gboolean
sb_import_add_json (SbImport    *self,
                    const char  *text,
                    gssize       length,
                    const char  *source_name,
                    GError     **error)
{
  g_autoptr(Document) document = NULL;

  g_return_val_if_fail (SB_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (!self->applied, FALSE);

  if (length < 0)
    length = strlen (text);
  document = document_new (source_name, TRUE);
  if (!read_json (document, text, length, error) ||
      !plan_json (self, document->stories, document->principles, source_name, error))
    return FALSE;
  plan_interviews (self, document->interviews);
  return TRUE;
}

/* A Storybank file's interviews that the library lacks are added; one
 * it has already stays as it is (interviews are merged with a copy of
 * the same library when the file changes on disk, not here).
 */
static void
plan_interviews (SbImport  *self,
                 GPtrArray *interviews)
{
  for (guint i = 0; interviews != NULL && i < interviews->len; i++)
    {
      SbInterview *interview = g_ptr_array_index (interviews, i);
      const char *id = sb_interview_get_id (interview);
      gboolean planned = FALSE;

      if (sb_library_find_interview (self->library, id) != NULL)
        continue;
      for (guint j = 0; j < self->ops->len && !planned; j++)
        {
          Op *op = g_ptr_array_index (self->ops, j);

          planned = op->kind == OP_ADD_INTERVIEW && g_str_equal (sb_interview_get_id (op->interview), id);
        }
      if (!planned)
        op_new (self, OP_ADD_INTERVIEW)->interview = g_object_ref (interview);
    }
}

/* Plans a Storybank file's stories and principles, read by read_json(). */
static gboolean
plan_json (SbImport    *self,
           GPtrArray   *stories,
           JsonArray   *principles,
           const char  *source_name,
           GError     **error)
{
  g_autoptr(GPtrArray) new_principles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) wordings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;

  /* Read every principle before planning any, so a bad one adds nothing. */
  for (guint i = 0; principles != NULL && i < json_array_get_length (principles); i++)
    {
      JsonNode *node = json_array_get_element (principles, i);
      JsonObject *object;
      SbPrinciple *existing;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = json_object_get_string_member_with_default (object, "id", "");
      existing = id[0] ? lookup_principle (self, id, TRUE) : NULL;

      if (existing == NULL)
        {
          SbPrinciple *principle = sb_principle_new_from_json (object, FALSE, SB_FRAMEWORK_USER, &local_error);

          if (principle == NULL)
            {
              g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_INVALID,
                           _("%s is not a Storybank file: %s"),
                           source_name ? source_name : _("The text"), local_error->message);
              return FALSE;
            }
          g_ptr_array_add (new_principles, principle);
        }
      else if (sb_principle_get_builtin (existing) && !sb_principle_has_user_content (existing) &&
               find_principle_op (self, existing) == NULL)
        {
          g_autoptr(SbPrinciple) scratch = sb_principle_new (id, sb_principle_get_name (existing),
                                                             sb_principle_get_framework_id (existing), TRUE);

          sb_principle_apply_user_json (scratch, object, &local_error);
          if (local_error != NULL)
            {
              g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_INVALID,
                           _("%s is not a Storybank file: %s"),
                           source_name ? source_name : _("The text"), local_error->message);
              return FALSE;
            }
          g_object_set_data (G_OBJECT (scratch), "sb-import-target", existing);
          g_ptr_array_add (wordings, g_steal_pointer (&scratch));
        }
    }

  for (guint i = 0; i < new_principles->len; i++)
    {
      Op *op = op_new (self, OP_ADD_PRINCIPLE);

      op->principle = g_object_ref (g_ptr_array_index (new_principles, i));
    }

  for (guint i = 0; i < wordings->len; i++)
    {
      SbPrinciple *scratch = g_ptr_array_index (wordings, i);
      SbPrinciple *target = g_object_get_data (G_OBJECT (scratch), "sb-import-target");
      Op *op;

      if (!sb_principle_has_user_content (scratch))
        continue;
      op = op_new (self, OP_CHANGE_PRINCIPLE);
      op->principle = g_object_ref (target);
      op->wording = wording_read (scratch);
    }

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *incoming = g_ptr_array_index (stories, i);
      SbStory *existing = sb_library_find (self->library, sb_story_get_id (incoming));
      SbStory *current = NULL;
      Op *op = NULL;

      if (existing != NULL)
        {
          op = find_story_op (self, existing);
          current = op ? op->story : existing;
        }
      else if ((op = g_hash_table_lookup (self->added_ids, sb_story_get_id (incoming))))
        current = op->story;

      if (current == NULL)
        {
          op = op_new (self, OP_ADD_STORY);
          op->story = g_object_ref (incoming);
          track_story_op (self, op);
          continue;
        }

      if (sb_story_content_equal (current, incoming) ||
          story_modified (incoming) <= story_modified (current))
        continue;

      if (op == NULL)
        {
          op = op_new (self, OP_UPDATE_STORY);
          op->original = g_object_ref (existing);
        }
      g_hash_table_remove (self->story_ops, op->story);
      g_set_object (&op->story, incoming);
      track_story_op (self, op);
    }

  /* Titles may have changed: the title index is made again when needed. */
  g_clear_pointer (&self->by_title, g_hash_table_unref);

  return TRUE;
}

static gboolean
is_json_name (const char *name)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return g_str_has_suffix (folded, ".json");
}

static gboolean
is_markdown_name (const char *name)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return g_str_has_suffix (folded, ".md") || g_str_has_suffix (folded, ".markdown") ||
         g_str_has_suffix (folded, ".txt");
}

static gboolean
is_sheet_name (const char *name)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return g_str_has_suffix (folded, ".csv") || g_str_has_suffix (folded, ".tsv");
}

static gboolean
is_importable_name (const char *name)
{
  return is_json_name (name) || is_markdown_name (name) || is_sheet_name (name);
}

/* Any thread: a spreadsheet saved as text (its own encoding checks). */
static gboolean
read_sheet (Document    *document,
            const char  *text,
            gsize        length,
            SbCatalog   *catalog,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean empty = TRUE;

  document->pages = sb_csv_read (text, length, catalog, &document->left_out, &local_error);
  if (document->pages == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: "<file name>: <why it could not be imported>" */
                   _("%s: %s"), document->name, local_error->message);
      return FALSE;
    }
  for (guint i = 0; i < document->pages->len; i++)
    empty &= sb_markdown_page_is_empty (g_ptr_array_index (document->pages, i));
  if (empty)
    {
      g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING,
                   _("%s holds no story: a spreadsheet needs a header row naming its columns "
                     "(Title, Situation, Task, Action, Result…) and a story on each row below it"),
                   document->name);
      return FALSE;
    }
  return TRUE;
}

/* Any thread: reads @file into a document. */
static Document *
read_document (GFile      *file,
               SbCatalog  *catalog,
               GError    **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(Document) document = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *contents = NULL;
  const char *s;
  gsize length = 0;
  gboolean ok;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > SB_IMPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_TOO_LARGE,
                   _("%s is too large to import (more than %d MB)"),
                   name, (int) (SB_IMPORT_MAX_FILE_SIZE / (1024 * 1024)));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  for (s = contents; s < contents + length && g_ascii_isspace (*s); s++)
    ;
  document = document_new (name, is_json_name (name) ||
                                 (!is_markdown_name (name) && !is_sheet_name (name) &&
                                  s < contents + length && *s == '{'));
  if (document->json)
    ok = read_json (document, contents, length, error);
  else if (is_sheet_name (name) ||
           (g_str_has_suffix (name, ".txt") && sb_csv_looks_like_sheet (contents, length)))
    ok = read_sheet (document, contents, length, catalog, error);
  else
    ok = read_markdown (document, contents, length, catalog, error);
  return ok ? g_steal_pointer (&document) : NULL;
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *path_a = g_file_get_path (*(GFile * const *) a);
  g_autofree char *path_b = g_file_get_path (*(GFile * const *) b);

  return g_strcmp0 (path_a, path_b);
}

/* The files to import in @folder and the folders in it (a Notion export
 * nests its pages), hidden ones (".obsidian") left alone, in name order.
 */
static gboolean
list_folder (GFile      *folder,
             guint       depth,
             GPtrArray  *files,
             GError    **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_object_unref);

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, error))
        return FALSE;
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (name[0] == '.')
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && is_importable_name (name))
        g_ptr_array_add (found, g_object_ref (child));
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY && depth < 8)
        g_ptr_array_add (folders, g_object_ref (child));
    }

  g_ptr_array_sort (found, compare_files);
  g_ptr_array_sort (folders, compare_files);
  g_ptr_array_extend_and_steal (files, g_steal_pointer (&found));
  for (guint i = 0; i < folders->len; i++)
    if (!list_folder (g_ptr_array_index (folders, i), depth + 1, files, error))
      return FALSE;
  return TRUE;
}

/* What reading one file or folder gave: its documents, and the files of
 * a folder with no story in them.
 */
typedef struct _Reading
{
  GPtrArray *documents;  /* Document */
  GPtrArray *skipped;    /* char*: "Skipped <file>: <why>" */
  /* For the progress shown: files read, of how many; documents planned
   * (on the main thread).
   */
  guint      n_read;
  guint      n_files;
  guint      n_planned;
  /* Planning, a story at a time: the page and story next in document
   * n_planned, and that page's principle.
   */
  guint        page;
  guint        story;
  SbPrinciple *principle;
} Reading;

static Reading *
reading_new (void)
{
  Reading *reading = g_new0 (Reading, 1);

  reading->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  reading->skipped = g_ptr_array_new_with_free_func (g_free);
  return reading;
}

static void
reading_free (Reading *reading)
{
  g_ptr_array_unref (reading->documents);
  g_ptr_array_unref (reading->skipped);
  g_free (reading);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reading, reading_free)

/* Any thread: reads @file, or every file a folder holds, into @reading.
 * A folder's file that holds no story or does not read (a picture named
 * .md, a damaged Storybank file) is skipped and named with the reason;
 * the folder fails only when none of its files reads.
 */
static gboolean
read_file_or_folder (GFile       *file,
                     SbCatalog   *catalog,
                     Reading     *reading,
                     GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *parse_name = g_file_get_parse_name (file);
  guint n_documents = reading->documents->len;
  Document *document;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_atomic_int_inc (&reading->n_files);
      if ((document = read_document (file, catalog, error)) == NULL)
        return FALSE;
      g_ptr_array_add (reading->documents, document);
      g_atomic_int_inc (&reading->n_read);
      return TRUE;
    }

  if (!list_folder (file, 0, files, error))
    return FALSE;
  g_atomic_int_add (&reading->n_files, files->len);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *child = g_ptr_array_index (files, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *full = NULL;
      g_autofree char *name = NULL;

      if ((document = read_document (child, catalog, &local_error)) != NULL)
        {
          g_ptr_array_add (reading->documents, document);
          g_atomic_int_inc (&reading->n_read);
          continue;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* "notes/photo.md", from the folder the user picked. */
      full = g_file_get_parse_name (child);
      if ((name = g_file_get_relative_path (file, child)) == NULL || !g_utf8_validate (name, -1, NULL))
        {
          g_free (name);
          name = g_strdup (full);
        }
      if (g_error_matches (local_error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING))
        g_ptr_array_add (reading->skipped, g_strdup_printf (_("Skipped %s: no story in it"), name));
      else if (g_str_has_prefix (local_error->message, full))
        /* Translators: "Skipped: <file> is not a text file" */
        g_ptr_array_add (reading->skipped, g_strdup_printf (_("Skipped: %s%s"), name,
                                                            local_error->message + strlen (full)));
      else
        /* Translators: "Skipped <file>: <why it does not read>" */
        g_ptr_array_add (reading->skipped, g_strdup_printf (_("Skipped %s: %s"), name, local_error->message));
      g_atomic_int_inc (&reading->n_read);
    }

  if (reading->documents->len == n_documents)
    {
      g_set_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING,
                   _("%s holds no Markdown page (*.md), text file or Storybank file (*.json) with a story in it"),
                   parse_name);
      return FALSE;
    }
  return TRUE;
}

/* Plans one story of what was read (or a Storybank file, or what a
 * document left out): FALSE when there is nothing left, or with @error
 * set when a Storybank file's principles do not read.
 */
static gboolean
plan_next (SbImport  *self,
           Reading   *reading,
           GError   **error)
{
  Document *document;
  SbMarkdownPage *page;

  if (reading->n_planned >= reading->documents->len)
    return FALSE;
  document = g_ptr_array_index (reading->documents, reading->n_planned);

  if (document->json || reading->page >= document->pages->len)
    {
      if (document->json && !plan_json (self, document->stories, document->principles, document->name, error))
        return FALSE;
      if (document->json)
        plan_interviews (self, document->interviews);
      else
        note_left_out (self, document->left_out, document->name);
      reading->n_planned++;
      reading->page = reading->story = 0;
      return TRUE;
    }

  page = g_ptr_array_index (document->pages, reading->page);
  if (reading->story == 0)
    reading->principle = plan_page_principle (self, page, page->stories->len > 0 && has_one_story_page (document),
                                              document->name);
  if (reading->story < page->stories->len)
    plan_page_story (self, page, reading->story++, reading->principle);
  if (reading->story >= page->stories->len)
    {
      reading->page++;
      reading->story = 0;
      reading->principle = NULL;
    }
  return TRUE;
}

/* Drops what was planned since the plan had @n_ops operations and
 * @n_claims claims.
 */
static void
unplan (SbImport *self,
        guint     n_ops,
        guint     n_claims)
{
  GHashTableIter iter;
  gpointer at;

  if (self->ops->len > n_ops)
    g_ptr_array_remove_range (self->ops, n_ops, self->ops->len - n_ops);
  g_hash_table_iter_init (&iter, self->claimed);
  while (g_hash_table_iter_next (&iter, NULL, &at))
    if (GPOINTER_TO_UINT (at) > n_claims)
      g_hash_table_iter_remove (&iter);
  reindex (self);
}

static void
add_skipped (SbImport *self,
             Reading  *reading)
{
  for (guint i = 0; i < reading->skipped->len; i++)
    g_ptr_array_add (self->skipped, g_strdup (g_ptr_array_index (reading->skipped, i)));
}

/* Plans what @reading read, all of it or, on a failure, none. */
static gboolean
plan_reading (SbImport  *self,
              Reading   *reading,
              GError   **error)
{
  guint n_ops = self->ops->len, n_claims = self->n_claims;
  GError *local_error = NULL;

  while (plan_next (self, reading, &local_error))
    ;
  if (local_error != NULL)
    {
      unplan (self, n_ops, n_claims);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  add_skipped (self, reading);
  return TRUE;
}

/**
 * sb_import_add_file:
 *
 * Adds a file (a Markdown page, a text file, or Storybank's JSON when
 * named *.json), or every such file of a folder and the folders in it, to
 * the plan. A folder's files that hold no story are skipped and named in
 * the summary; any other failure adds nothing of the folder.
 */
gboolean
sb_import_add_file (SbImport  *self,
                    GFile     *file,
                    GError   **error)
{
  g_autoptr(Reading) reading = reading_new ();

  g_return_val_if_fail (SB_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!self->applied, FALSE);

  return read_file_or_folder (file, self->catalog, reading, error) &&
         plan_reading (self, reading, error);
}

/**
 * sb_import_add_path:
 *
 * Like sb_import_add_file(), for a path.
 */
gboolean
sb_import_add_path (SbImport    *self,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (SB_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_commandline_arg (path);
  return sb_import_add_file (self, file, error);
}

/* In the background */

typedef struct
{
  GPtrArray   *files;      /* GFile */
  SbCatalog   *names;      /* the catalog's names, for the reading thread */
  Reading     *reading;
  /* The plan's length before planning in slices began. */
  guint        n_ops;
  guint        n_claims;
  guint        idle_id;
} AddFiles;

static void
add_files_free (AddFiles *add)
{
  g_clear_handle_id (&add->idle_id, g_source_remove);
  g_ptr_array_unref (add->files);
  g_clear_object (&add->names);
  reading_free (add->reading);
  g_free (add);
}

/* A catalog with @catalog's principles' names and ids, all a reader
 * asks of it, for another thread.
 */
static SbCatalog *
copy_names (SbCatalog *catalog)
{
  SbCatalog *copy = sb_catalog_new ();
  GListModel *principles = sb_catalog_get_principles (catalog);

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
      g_autoptr(SbPrinciple) name = NULL;

      if (sb_principle_get_builtin (principle))
        continue;
      name = sb_principle_new (sb_principle_get_id (principle), sb_principle_get_name (principle),
                               SB_FRAMEWORK_USER, FALSE);
      sb_catalog_add_principle (copy, name);
    }
  return copy;
}

static void
add_files_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AddFiles *add = task_data;

  for (guint i = 0; i < add->files->len; i++)
    {
      GError *error = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (!read_file_or_folder (g_ptr_array_index (add->files, i), add->names, add->reading, &error))
        {
          GFile *file = g_ptr_array_index (add->files, i);
          g_autofree char *name = g_file_get_basename (file);

          /* Say which file, unless the message does. */
          if (name != NULL && strstr (error->message, name) == NULL)
            g_prefix_error (&error, _("%s: "), name);
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* Plans for at most a few milliseconds, then lets the window draw. */
static gboolean
plan_slice_cb (gpointer user_data)
{
  GTask *task = user_data;
  SbImport *self = g_task_get_source_object (task);
  AddFiles *add = g_task_get_task_data (task);
  gint64 end = g_get_monotonic_time () + 8 * G_TIME_SPAN_MILLISECOND;
  GError *error = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      add->idle_id = 0;
      unplan (self, add->n_ops, add->n_claims);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  while (g_get_monotonic_time () < end)
    if (!plan_next (self, add->reading, &error))
      {
        add->idle_id = 0;
        if (error != NULL)
          {
            unplan (self, add->n_ops, add->n_claims);
            g_task_return_error (task, error);
          }
        else
          {
            add_skipped (self, add->reading);
            g_task_return_boolean (task, TRUE);
          }
        g_object_unref (task);
        return G_SOURCE_REMOVE;
      }

  return G_SOURCE_CONTINUE;
}

static void
files_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SbImport *self = SB_IMPORT (object);
  AddFiles *add = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  add->n_ops = self->ops->len;
  add->n_claims = self->n_claims;
  add->idle_id = g_idle_add (plan_slice_cb, g_steal_pointer (&task));
}

/**
 * sb_import_add_files_async:
 * @files: (array length=n_files): files or folders, as sb_import_add_file()
 *
 * Adds @files to the plan as sb_import_add_file() does, reading and
 * parsing them on another thread, so that a folder of a thousand pages
 * leaves the window free; sb_import_get_progress() says how far it is.
 * Planning (which compares with the library) then runs on the main thread
 * in slices of a few milliseconds. All or nothing: on an error or when
 * cancelled, nothing of @files is added.
 */
void
sb_import_add_files_async (SbImport            *self,
                           GFile * const       *files,
                           guint                n_files,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) reading = NULL;
  AddFiles *add;

  g_return_if_fail (SB_IS_IMPORT (self));
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (!self->applied);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_import_add_files_async);

  add = g_new0 (AddFiles, 1);
  add->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (add->files, g_object_ref (files[i]));
  add->names = copy_names (self->catalog);
  add->reading = reading_new ();
  g_task_set_task_data (task, add, (GDestroyNotify) add_files_free);
  self->reading = add->reading;

  /* The outer task owns what the thread fills. */
  reading = g_task_new (self, cancellable, files_read_cb, g_object_ref (task));
  g_task_set_task_data (reading, add, NULL);
  g_task_run_in_thread (reading, add_files_thread);
}

/**
 * sb_import_add_files_finish:
 *
 * Returns: whether @files were added to the plan
 */
gboolean
sb_import_add_files_finish (SbImport      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  self->reading = NULL;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sb_import_get_progress:
 *
 * Returns: how far sb_import_add_files_async() has got, from 0 to 1:
 * reading the files is most of it, planning what they hold the rest
 */
double
sb_import_get_progress (SbImport *self)
{
  guint n_files, n_read, n_documents;
  double progress;

  g_return_val_if_fail (SB_IS_IMPORT (self), 0);

  if (self->reading == NULL)
    return 0;
  n_files = g_atomic_int_get (&self->reading->n_files);
  n_read = g_atomic_int_get (&self->reading->n_read);
  progress = n_files > 0 ? 0.8 * n_read / n_files : 0;
  /* Planning starts when the thread is done with the documents. */
  n_documents = self->reading->n_planned > 0 ? self->reading->documents->len : 0;
  if (n_documents > 0)
    progress += 0.2 * self->reading->n_planned / n_documents;
  return progress;
}

/* The plan */

static guint
count_ops (SbImport *self,
           OpKind    kind)
{
  guint n = 0;

  for (guint i = 0; i < self->ops->len; i++)
    n += ((Op *) g_ptr_array_index (self->ops, i))->kind == kind;
  return n;
}

guint
sb_import_get_n_new_stories (SbImport *self)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), 0);
  return count_ops (self, OP_ADD_STORY);
}

guint
sb_import_get_n_updated_stories (SbImport *self)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), 0);
  return count_ops (self, OP_UPDATE_STORY);
}

guint
sb_import_get_n_new_principles (SbImport *self)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), 0);
  return count_ops (self, OP_ADD_PRINCIPLE) - g_hash_table_size (self->mapped);
}

/**
 * sb_import_dup_counts_text:
 *
 * Returns: (transfer full): what the plan would change, for the command
 * line: "2 new stories, 1 updated, 1 new principle"
 */
char *
sb_import_dup_counts_text (SbImport *self)
{
  guint n_new, n_updated, n_principles;
  g_autofree char *stories = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *principles = NULL;

  g_return_val_if_fail (SB_IS_IMPORT (self), NULL);

  n_new = sb_import_get_n_new_stories (self);
  n_updated = sb_import_get_n_updated_stories (self);
  n_principles = sb_import_get_n_new_principles (self);
  stories = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new story", "%u new stories", n_new), n_new);
  /* Translators: stories updated, as in "2 new stories, 1 updated" */
  updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", n_updated), n_updated);
  principles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new principle", "%u new principles", n_principles),
                                n_principles);
  /* Translators: the counts of an import: "2 new stories, 1 updated, 1 new principle" */
  return g_strdup_printf (_("%s, %s, %s"), stories, updated, principles);
}

/**
 * sb_import_dup_new_principles:
 *
 * Returns: (transfer full) (element-type SbPrinciple): the principles the
 * plan would add, in the order it found them, mapped ones included
 */
GPtrArray *
sb_import_dup_new_principles (SbImport *self)
{
  GPtrArray *principles = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SB_IS_IMPORT (self), principles);

  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = g_ptr_array_index (self->ops, i);

      if (op->kind == OP_ADD_PRINCIPLE)
        g_ptr_array_add (principles, g_object_ref (op->principle));
    }
  return principles;
}

/**
 * sb_import_map_principle:
 * @principle: one of sb_import_dup_new_principles()
 * @target: (nullable): a principle of the catalog to file its stories
 *   under instead of adding @principle, or %NULL to add it after all
 *
 * Lets the user say that a principle an imported file names is one they
 * already have (“Quality” is their “Insist on the Highest Standards”).
 */
void
sb_import_map_principle (SbImport    *self,
                         SbPrinciple *principle,
                         SbPrinciple *target)
{
  g_return_if_fail (SB_IS_IMPORT (self));
  g_return_if_fail (SB_IS_PRINCIPLE (principle));
  g_return_if_fail (target == NULL || SB_IS_PRINCIPLE (target));
  g_return_if_fail (!self->applied);
  g_return_if_fail (target == NULL || sb_catalog_lookup (self->catalog, sb_principle_get_id (target)) == target);

  if (target == NULL)
    g_hash_table_remove (self->mapped, principle);
  else
    g_hash_table_replace (self->mapped, g_object_ref (principle), g_object_ref (target));
}

/**
 * sb_import_get_mapped_principle:
 *
 * Returns: (transfer none) (nullable): the principle @principle is
 * mapped onto, or %NULL when the plan adds it
 */
SbPrinciple *
sb_import_get_mapped_principle (SbImport    *self,
                                SbPrinciple *principle)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), NULL);
  return g_hash_table_lookup (self->mapped, principle);
}

/* @story's principles with the mapped ones replaced by their targets. */
static void
file_under_mapped (SbImport *self,
                   SbStory  *story)
{
  const char * const *ids = sb_story_get_principles (story);
  g_autoptr(GPtrArray) mapped = g_ptr_array_new ();
  gboolean changed = FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      SbPrinciple *principle = lookup_principle (self, ids[i], TRUE);
      SbPrinciple *target = principle ? g_hash_table_lookup (self->mapped, principle) : NULL;
      const char *id = target ? sb_principle_get_id (target) : ids[i];

      changed |= target != NULL;
      if (!g_ptr_array_find_with_equal_func (mapped, id, g_str_equal, NULL))
        g_ptr_array_add (mapped, (gpointer) id);
    }
  if (!changed)
    return;
  g_ptr_array_add (mapped, NULL);
  sb_story_set_principles (story, (const char * const *) mapped->pdata);
}

/**
 * sb_import_dup_left_out:
 *
 * Returns: (transfer full): one line for each run of lines of the
 * imported files that came in nowhere (“notes.md: lines 1–4: front
 * matter”)
 */
GStrv
sb_import_dup_left_out (SbImport *self)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), NULL);

  g_ptr_array_add (self->left_out, NULL);
  {
    GStrv lines = g_strdupv ((char **) self->left_out->pdata);

    g_ptr_array_set_size (self->left_out, self->left_out->len - 1);
    return lines;
  }
}

guint
sb_import_get_n_changed_principles (SbImport *self)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), 0);
  return count_ops (self, OP_CHANGE_PRINCIPLE);
}

/**
 * sb_import_is_empty:
 *
 * Returns: whether applying the plan would change nothing
 */
gboolean
sb_import_is_empty (SbImport *self)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), TRUE);
  return self->ops->len == 0;
}

static char *
dup_principle_names (SbImport *self,
                     SbStory  *story)
{
  const char * const *ids = sb_story_get_principles (story);
  GString *out = g_string_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      SbPrinciple *principle = lookup_principle (self, ids[i], TRUE);

      if (principle != NULL && g_hash_table_contains (self->mapped, principle))
        principle = g_hash_table_lookup (self->mapped, principle);
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, principle ? sb_principle_get_name (principle) : ids[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * sb_import_dup_summary:
 *
 * Returns: (transfer full): one line per change the plan makes, for the
 * preview, then one per file skipped
 */
GStrv
sb_import_dup_summary (SbImport *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  g_return_val_if_fail (SB_IS_IMPORT (self), NULL);

  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = g_ptr_array_index (self->ops, i);
      g_autofree char *names = NULL;

      switch (op->kind)
        {
        case OP_ADD_PRINCIPLE:
          if (g_hash_table_contains (self->mapped, op->principle))
            g_ptr_array_add (lines, g_strdup_printf (_("“%s” filed under “%s”"),
                                                     sb_principle_get_name (op->principle),
                                                     sb_principle_get_name (g_hash_table_lookup (self->mapped,
                                                                                                 op->principle))));
          else
            g_ptr_array_add (lines, g_strdup_printf (_("New principle “%s”"),
                                                     sb_principle_get_name (op->principle)));
          break;
        case OP_CHANGE_PRINCIPLE:
          g_ptr_array_add (lines, g_strdup_printf (_("Your own wording for “%s”"),
                                                   sb_principle_get_name (op->principle)));
          break;
        case OP_ADD_STORY:
          names = dup_principle_names (self, op->story);
          if (is_untitled (op->story) && names[0] != '\0')
            g_ptr_array_add (lines, g_strdup_printf (_("New story “%s” (%s), untitled: rename it"),
                                                     sb_story_get_title (op->story), names));
          else if (is_untitled (op->story))
            g_ptr_array_add (lines, g_strdup_printf (_("New story “%s”, untitled: rename it"),
                                                     sb_story_get_title (op->story)));
          else if (names[0] != '\0')
            g_ptr_array_add (lines, g_strdup_printf (_("New story “%s” (%s)"),
                                                     sb_story_get_title (op->story), names));
          else
            g_ptr_array_add (lines, g_strdup_printf (_("New story “%s”"),
                                                     sb_story_get_title (op->story)));
          break;
        case OP_UPDATE_STORY:
          g_ptr_array_add (lines, g_strdup_printf (_("Updated story “%s”"),
                                                   sb_story_get_title (op->story)));
          break;
        case OP_ADD_INTERVIEW:
          {
            g_autofree char *title = sb_interview_dup_display_title (op->interview);

            g_ptr_array_add (lines, g_strdup_printf (_("Interview “%s”"), title));
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (guint i = 0; i < self->skipped->len; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (self->skipped, i)));
  for (guint i = 0; i < self->left_out->len; i++)
    /* Translators: "Left out <file>: lines 3–5: <why>" */
    g_ptr_array_add (lines, g_strdup_printf (_("Left out %s"), (char *) g_ptr_array_index (self->left_out, i)));

  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

gboolean
sb_import_get_applied (SbImport *self)
{
  g_return_val_if_fail (SB_IS_IMPORT (self), FALSE);
  return self->applied;
}

/**
 * sb_import_apply:
 *
 * Makes the plan's changes to the library and catalog: principles first,
 * then stories. Once only.
 */
void
sb_import_apply (SbImport *self)
{
  g_return_if_fail (SB_IS_IMPORT (self));
  g_return_if_fail (!self->applied);

  self->applied = TRUE;

  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = g_ptr_array_index (self->ops, i);

      if (op->kind == OP_ADD_PRINCIPLE && !g_hash_table_contains (self->mapped, op->principle))
        sb_catalog_add_principle (self->catalog, op->principle);
      else if (op->kind == OP_CHANGE_PRINCIPLE)
        {
          wording_free (op->undo);
          op->undo = wording_read (op->principle);
          wording_write (op->principle, op->wording);
        }
    }

  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = g_ptr_array_index (self->ops, i);

      if (op->kind == OP_ADD_STORY || op->kind == OP_UPDATE_STORY)
        file_under_mapped (self, op->story);
      if (op->kind == OP_ADD_STORY)
        sb_library_add (self->library, op->story);
      else if (op->kind == OP_UPDATE_STORY)
        sb_library_replace (self->library, op->original, op->story);
      else if (op->kind == OP_ADD_INTERVIEW && sb_library_find_interview (self->library,
                                                                          sb_interview_get_id (op->interview)) == NULL)
        sb_library_add_interview (self->library, op->interview);
    }
}

/**
 * sb_import_undo:
 *
 * Takes back what sb_import_apply() did: the stories it updated come
 * back as they were (the same objects), what it added goes.
 */
void
sb_import_undo (SbImport *self)
{
  g_return_if_fail (SB_IS_IMPORT (self));
  g_return_if_fail (self->applied);

  self->applied = FALSE;

  for (guint i = self->ops->len; i > 0; i--)
    {
      Op *op = g_ptr_array_index (self->ops, i - 1);

      if (op->kind == OP_ADD_STORY)
        sb_library_remove (self->library, op->story, NULL);
      else if (op->kind == OP_UPDATE_STORY)
        sb_library_replace (self->library, op->story, op->original);
      else if (op->kind == OP_ADD_INTERVIEW)
        sb_library_remove_interview (self->library, op->interview);
    }

  for (guint i = self->ops->len; i > 0; i--)
    {
      Op *op = g_ptr_array_index (self->ops, i - 1);

      if (op->kind == OP_ADD_PRINCIPLE && !g_hash_table_contains (self->mapped, op->principle))
        sb_catalog_remove_principle (self->catalog, op->principle);
      else if (op->kind == OP_CHANGE_PRINCIPLE && op->undo != NULL)
        wording_write (op->principle, op->undo);
    }
}
