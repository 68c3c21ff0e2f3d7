/* sb-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-library"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-json.h"
#include "sb-library.h"
#include "sb-story-private.h"

/* The user's stories, in the order they were written: a GListModel of
 * SbStory with a look-up by id and one ::changed signal for any edit.
 */
struct _SbLibrary
{
  GObject     parent_instance;
  GPtrArray  *stories;
  GHashTable *by_id;
  /* How many stories each principle has (an id to a guint), counted when
   * first asked after a story was added, removed or filed: %NULL until
   * then.
   */
  GHashTable *principle_counts;
  /* Bumped by each story added, removed or edited. */
  guint64     generation;

  /* Interviews, in the sidebar's order (sb_interview_compare()). */
  GListStore *interviews;
  /* (nullable): the time the order is computed for; %NULL for now */
  GDateTime  *interviews_now;
  /* The data file's interviews are not read yet: @interviews_json holds
   * them, read when first asked for (sb_library_set_interviews_json()).
   */
  gboolean    interviews_pending;
  /* (nullable): the interviews' JSON as last written or given: saves
   * that follow story edits take it again, not the whole list anew.
   */
  char       *interviews_json;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbLibrary, sb_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  CHANGED,
  STORY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GQuark principles_quark;

static GType
sb_library_get_item_type (GListModel *model)
{
  return SB_TYPE_STORY;
}

static guint
sb_library_get_n_items (GListModel *model)
{
  return SB_LIBRARY (model)->stories->len;
}

static gpointer
sb_library_get_item (GListModel *model,
                     guint       position)
{
  SbLibrary *self = SB_LIBRARY (model);

  if (position >= self->stories->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->stories, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_library_get_item_type;
  iface->get_n_items = sb_library_get_n_items;
  iface->get_item = sb_library_get_item;
}

static void
story_edited (SbLibrary *self,
              SbStory   *story,
              GQuark     detail)
{
  if (detail == principles_quark)
    g_clear_pointer (&self->principle_counts, g_hash_table_unref);
  self->generation++;
  g_signal_emit (self, signals[STORY_CHANGED], detail, story);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
story_owner_cb (gpointer    owner,
                SbStory    *story,
                GParamSpec *pspec)
{
  story_edited (owner, story, g_param_spec_get_name_quark (pspec));
}

static void
story_changed_cb (SbLibrary *self,
                  SbStory   *story)
{
  story_edited (self, story, g_signal_get_invocation_hint (story)->detail);
}

/* Stops watching @story, before the library lets go of it. */
static void
sb_library_unwatch (SbLibrary *self,
                    SbStory   *story)
{
  g_hash_table_remove (self->by_id, sb_story_get_id (story));
  if (sb_story_get_owner (story) == self)
    sb_story_set_owner (story, NULL, NULL);
  else
    g_signal_handlers_disconnect_by_func (story, story_changed_cb, self);
}

static void
sb_library_dispose (GObject *object)
{
  SbLibrary *self = (SbLibrary *)object;

  if (self->stories != NULL)
    for (guint i = 0; i < self->stories->len; i++)
      sb_library_unwatch (self, g_ptr_array_index (self->stories, i));
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->stories, g_ptr_array_unref);
  g_clear_pointer (&self->principle_counts, g_hash_table_unref);
  if (self->interviews != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->interviews));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SbInterview) interview = g_list_model_get_item (G_LIST_MODEL (self->interviews), i);

          g_signal_handlers_disconnect_by_data (interview, self);
        }
    }
  g_clear_object (&self->interviews);
  g_clear_pointer (&self->interviews_now, g_date_time_unref);
  g_clear_pointer (&self->interviews_json, g_free);

  G_OBJECT_CLASS (sb_library_parent_class)->dispose (object);
}

static void
sb_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbLibrary *self = SB_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->stories->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_library_class_init (SbLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_library_dispose;
  object_class->get_property = sb_library_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbLibrary::changed:
   *
   * Emitted after any change: a story added, removed or edited.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  /**
   * SbLibrary::story-changed:
   * @story: the story that was edited
   *
   * Emitted after a story of the library was edited, before ::changed,
   * with the detail of the story's own #SbStory::changed: connect to
   * "story-changed::principles" to hear only of principles filed.
   */
  signals[STORY_CHANGED] = g_signal_new ("story-changed",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, SB_TYPE_STORY);

  principles_quark = g_quark_from_static_string ("principles");
}

static void
sb_library_init (SbLibrary *self)
{
  self->stories = g_ptr_array_new_with_free_func (g_object_unref);
  /* The keys are the stories' own ids (sb_story_get_id(), which stays
   * valid for the story's life, unlike the id in its copy-on-write data):
   * each is removed before the library lets go of its story.
   */
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->interviews = g_list_store_new (SB_TYPE_INTERVIEW);
}

SbLibrary *
sb_library_new (void)
{
  return g_object_new (SB_TYPE_LIBRARY, NULL);
}

static void
sb_library_items_changed (SbLibrary *self,
                          guint      position,
                          guint      removed,
                          guint      added)
{
  g_clear_pointer (&self->principle_counts, g_hash_table_unref);
  self->generation++;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sb_library_watch (SbLibrary *self,
                  SbStory   *story)
{
  g_hash_table_insert (self->by_id, (gpointer) sb_story_get_id (story), story);
  /* Let go when the story leaves (sb_library_unwatch()): no closure or
   * weak reference for each of thousands of stories. A story already in
   * another library is watched with a signal handler instead.
   */
  if (sb_story_get_owner (story) == NULL)
    sb_story_set_owner (story, self, story_owner_cb);
  else
    g_signal_connect_swapped (story, "changed", G_CALLBACK (story_changed_cb), self);
}

/**
 * sb_library_insert:
 * @story: a story whose id is not in the library
 */
void
sb_library_insert (SbLibrary *self,
                   guint      position,
                   SbStory   *story)
{
  g_return_if_fail (SB_IS_LIBRARY (self));
  g_return_if_fail (SB_IS_STORY (story));
  g_return_if_fail (!g_hash_table_contains (self->by_id, sb_story_get_id (story)));

  position = MIN (position, self->stories->len);
  g_ptr_array_insert (self->stories, position, g_object_ref (story));
  sb_library_watch (self, story);
  sb_library_items_changed (self, position, 0, 1);
}

void
sb_library_add (SbLibrary *self,
                SbStory   *story)
{
  g_return_if_fail (SB_IS_LIBRARY (self));

  sb_library_insert (self, self->stories->len, story);
}

gboolean
sb_library_find_position (SbLibrary *self,
                          SbStory   *story,
                          guint     *position)
{
  g_return_val_if_fail (SB_IS_LIBRARY (self), FALSE);

  return g_ptr_array_find (self->stories, story, position);
}

/**
 * sb_library_remove:
 * @position: (out) (optional): where the story was, for undo
 */
gboolean
sb_library_remove (SbLibrary *self,
                   SbStory   *story,
                   guint     *position)
{
  guint index;

  g_return_val_if_fail (SB_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (!g_ptr_array_find (self->stories, story, &index))
    return FALSE;

  sb_library_unwatch (self, story);
  g_ptr_array_remove_index (self->stories, index);
  if (position)
    *position = index;
  sb_library_items_changed (self, index, 1, 0);

  return TRUE;
}

/**
 * sb_library_replace:
 *
 * Puts @new_story where @old_story is (a merge or an import that updates
 * a story with the same id).
 */
void
sb_library_replace (SbLibrary *self,
                    SbStory   *old_story,
                    SbStory   *new_story)
{
  guint index;

  g_return_if_fail (SB_IS_LIBRARY (self));
  g_return_if_fail (SB_IS_STORY (new_story));

  if (!g_ptr_array_find (self->stories, old_story, &index))
    {
      sb_library_add (self, new_story);
      return;
    }

  sb_library_unwatch (self, old_story);
  g_ptr_array_remove_index (self->stories, index);
  g_ptr_array_insert (self->stories, index, g_object_ref (new_story));
  sb_library_watch (self, new_story);
  sb_library_items_changed (self, index, 1, 1);
}

/**
 * sb_library_splice:
 * @stories: (element-type SbStory): the library's new content
 *
 * Replaces every story at once, with one ::items-changed (a load).
 * A second story with an id already taken (a hand-edited or badly synced
 * file) is kept as a copy under a new id, never dropped.
 *
 * Returns: %TRUE when the library now holds @stories as given, in their
 *   order; %FALSE when one was listed twice or had to be copied
 */
gboolean
sb_library_splice (SbLibrary *self,
                   GPtrArray *stories)
{
  gboolean as_given = TRUE;
  guint removed;

  g_return_val_if_fail (SB_IS_LIBRARY (self), FALSE);

  removed = self->stories->len;
  for (guint i = 0; i < removed; i++)
    sb_library_unwatch (self, g_ptr_array_index (self->stories, i));
  g_ptr_array_set_size (self->stories, 0);

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);
      SbStory *taken = g_hash_table_lookup (self->by_id, sb_story_get_id (story));

      if (taken == NULL)
        story = g_object_ref (story);
      else if (taken == story)
        {
          /* The same story twice is one story. */
          as_given = FALSE;
          continue;
        }
      else
        {
          story = sb_story_duplicate (story);
          as_given = FALSE;
        }
      g_ptr_array_add (self->stories, story);
      sb_library_watch (self, story);
    }

  sb_library_items_changed (self, 0, removed, self->stories->len);
  return as_given;
}

/**
 * sb_library_find:
 *
 * Returns: (transfer none) (nullable): the story with that id
 */
SbStory *
sb_library_find (SbLibrary  *self,
                 const char *id)
{
  g_return_val_if_fail (SB_IS_LIBRARY (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

static gboolean
filed_before (const char * const *ids,
              guint               j)
{
  for (guint i = 0; i < j; i++)
    if (g_str_equal (ids[i], ids[j]))
      return TRUE;
  return FALSE;
}

/**
 * sb_library_count_principles:
 *
 * Counts the stories filed under each principle, all in one pass, unless
 * that is done already: sb_library_count_principle() then answers from
 * the counts until a story is added, removed or filed. A thread that
 * fills a library can count it before handing it over.
 */
void
sb_library_count_principles (SbLibrary *self)
{
  g_return_if_fail (SB_IS_LIBRARY (self));

  if (self->principle_counts != NULL)
    return;

  /* A key is copied once per principle, not once per story. */
  self->principle_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < self->stories->len; i++)
    {
      const char * const *ids = sb_story_get_principles (g_ptr_array_index (self->stories, i));

      for (guint j = 0; ids[j] != NULL; j++)
        {
          guint *count;

          /* A story, not each time it lists the principle. */
          if (filed_before (ids, j))
            continue;
          count = g_hash_table_lookup (self->principle_counts, ids[j]);
          if (count == NULL)
            {
              count = g_new0 (guint, 1);
              g_hash_table_insert (self->principle_counts, g_strdup (ids[j]), count);
            }
          (*count)++;
        }
    }
}

/**
 * sb_library_count_principle:
 *
 * Returns: how many stories are filed under @principle_id
 */
guint
sb_library_count_principle (SbLibrary  *self,
                            const char *principle_id)
{
  guint *count;

  g_return_val_if_fail (SB_IS_LIBRARY (self), 0);

  if (principle_id == NULL)
    return 0;
  sb_library_count_principles (self);
  count = g_hash_table_lookup (self->principle_counts, principle_id);
  return count != NULL ? *count : 0;
}

/**
 * sb_library_dup_stories_for_principle:
 * @principle_id: (nullable): a principle, or %NULL for every story
 *
 * Returns: (transfer container) (element-type SbStory): the stories filed
 * under the principle, in library order
 */
GPtrArray *
sb_library_dup_stories_for_principle (SbLibrary  *self,
                                      const char *principle_id)
{
  GPtrArray *stories;

  g_return_val_if_fail (SB_IS_LIBRARY (self), NULL);

  stories = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (self->stories, i);

      if (principle_id == NULL || sb_story_has_principle (story, principle_id))
        g_ptr_array_add (stories, g_object_ref (story));
    }

  return stories;
}

/**
 * sb_library_dup_snapshot:
 *
 * Returns: (transfer container): the library's stories as immutable
 * #SbStoryData, for a save on another thread. Costs one reference per story.
 */
GPtrArray *
sb_library_dup_snapshot (SbLibrary *self)
{
  GPtrArray *snapshot;

  g_return_val_if_fail (SB_IS_LIBRARY (self), NULL);

  snapshot = g_ptr_array_new_full (self->stories->len, (GDestroyNotify) sb_story_data_unref);
  for (guint i = 0; i < self->stories->len; i++)
    g_ptr_array_add (snapshot, sb_story_snapshot (g_ptr_array_index (self->stories, i)));

  return snapshot;
}

/**
 * sb_library_get_generation:
 *
 * Returns: a number that changes whenever a story is added, removed or
 *   edited: what was computed from the stories at one value holds while
 *   it stays
 */
guint64
sb_library_get_generation (SbLibrary *self)
{
  g_return_val_if_fail (SB_IS_LIBRARY (self), 0);

  return self->generation;
}

/**
 * sb_library_rename_principle:
 * @new_id: (nullable): the principle the stories move to, or %NULL to
 *   take the principle off them
 *
 * Files every story of @old_id under @new_id instead.
 */
void
sb_library_rename_principle (SbLibrary  *self,
                             const char *old_id,
                             const char *new_id)
{
  g_autoptr(GPtrArray) stories = NULL;

  g_return_if_fail (SB_IS_LIBRARY (self));
  g_return_if_fail (old_id != NULL);

  stories = sb_library_dup_stories_for_principle (self, old_id);
  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);

      if (new_id != NULL)
        sb_story_add_principle (story, new_id);
      sb_story_remove_principle (story, old_id);
    }
}

/* Interviews */

static GDateTime *
interviews_dup_now (SbLibrary *self)
{
  if (self->interviews_now != NULL)
    return g_date_time_ref (self->interviews_now);
  return g_date_time_new_now_local ();
}

static int
compare_interviews_cb (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  return sb_interview_compare ((SbInterview *) a, (SbInterview *) b, user_data);
}

/* g_ptr_array_sort_with_data() passes pointers to the elements. */
static int
compare_interview_ptrs_cb (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  return sb_interview_compare (*(SbInterview **) a, *(SbInterview **) b, user_data);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  SbInterview *ia = *(SbInterview **) a;
  SbInterview *ib = *(SbInterview **) b;

  return g_date_time_compare (sb_interview_get_date (ib), sb_interview_get_date (ia));
}

static guint
interview_position (SbLibrary   *self,
                    SbInterview *interview)
{
  guint position = G_MAXUINT;

  g_list_store_find (self->interviews, interview, &position);
  return position;
}

/* Moves @interview where the order wants it after an edit of its date. */
static void
interview_changed_cb (SbLibrary   *self,
                      SbInterview *interview)
{
  g_autoptr(GDateTime) now = NULL;
  GListModel *model = G_LIST_MODEL (self->interviews);
  guint position, n;
  gboolean in_order = TRUE;

  g_assert (SB_IS_LIBRARY (self));
  g_assert (SB_IS_INTERVIEW (interview));

  g_clear_pointer (&self->interviews_json, g_free);
  position = interview_position (self, interview);
  n = g_list_model_get_n_items (model);
  now = interviews_dup_now (self);
  if (position != G_MAXUINT)
    {
      g_autoptr(SbInterview) before = position > 0 ? g_list_model_get_item (model, position - 1) : NULL;
      g_autoptr(SbInterview) after = position + 1 < n ? g_list_model_get_item (model, position + 1) : NULL;

      in_order = (before == NULL || sb_interview_compare (before, interview, now) < 0)
                 && (after == NULL || sb_interview_compare (interview, after, now) < 0);
    }
  if (!in_order)
    {
      g_object_ref (interview);
      g_list_store_remove (self->interviews, position);
      g_list_store_insert_sorted (self->interviews, interview, compare_interviews_cb, now);
      g_object_unref (interview);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
watch_interview (SbLibrary   *self,
                 SbInterview *interview)
{
  g_signal_connect_object (interview, "changed", G_CALLBACK (interview_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Replaces every interview, telling only the list model's watchers. */
static void
splice_interviews_quietly (SbLibrary *self,
                           GPtrArray *interviews)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GDateTime) now = NULL;
  GListModel *model = G_LIST_MODEL (self->interviews);
  guint removed = g_list_model_get_n_items (model);

  g_clear_pointer (&self->interviews_json, g_free);
  for (guint i = 0; i < removed; i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_func (interview, interview_changed_cb, self);
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  sorted = g_ptr_array_new ();
  for (guint i = 0; i < interviews->len; i++)
    {
      SbInterview *interview = g_ptr_array_index (interviews, i);

      if (!g_hash_table_add (seen, (gpointer) sb_interview_get_id (interview)))
        continue;
      g_ptr_array_add (sorted, interview);
      watch_interview (self, interview);
    }
  now = interviews_dup_now (self);
  g_ptr_array_sort_with_data (sorted, compare_interview_ptrs_cb, now);
  g_list_store_splice (self->interviews, 0, removed, sorted->pdata, sorted->len);
}

/* Reads the interviews the data file gave, the first time they are
 * asked for.
 */
static void
ensure_interviews (SbLibrary *self)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autofree char *json = NULL;
  JsonNode *root;

  if (!self->interviews_pending)
    return;
  self->interviews_pending = FALSE;
  json = g_strdup (self->interviews_json);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    g_clear_pointer (&json, g_free);
  root = json ? json_parser_get_root (parser) : NULL;
  interviews = sb_interview_list_from_json (root);
  splice_interviews_quietly (self, interviews);
  /* Read as the file has them, the same text serves the next save; what
   * is not a list is not written back.
   */
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    self->interviews_json = g_steal_pointer (&json);
}

/**
 * sb_library_get_interviews:
 *
 * Returns: (transfer none): the interviews, a #GListModel of
 *   #SbInterview: upcoming first, soonest first, then past ones, newest
 *   first
 */
GListModel *
sb_library_get_interviews (SbLibrary *self)
{
  g_return_val_if_fail (SB_IS_LIBRARY (self), NULL);
  ensure_interviews (self);

  return G_LIST_MODEL (self->interviews);
}


/**
 * sb_library_add_interview:
 * @interview: an interview whose id is not in the library
 */
void
sb_library_add_interview (SbLibrary   *self,
                          SbInterview *interview)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (SB_IS_LIBRARY (self));
  ensure_interviews (self);
  g_return_if_fail (SB_IS_INTERVIEW (interview));
  g_return_if_fail (sb_library_find_interview (self, sb_interview_get_id (interview)) == NULL);

  now = interviews_dup_now (self);
  g_clear_pointer (&self->interviews_json, g_free);
  watch_interview (self, interview);
  g_list_store_insert_sorted (self->interviews, interview, compare_interviews_cb, now);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
sb_library_remove_interview (SbLibrary   *self,
                             SbInterview *interview)
{
  guint position;

  g_return_val_if_fail (SB_IS_LIBRARY (self), FALSE);
  ensure_interviews (self);
  g_return_val_if_fail (SB_IS_INTERVIEW (interview), FALSE);

  position = interview_position (self, interview);
  if (position == G_MAXUINT)
    return FALSE;
  g_signal_handlers_disconnect_by_func (interview, interview_changed_cb, self);
  g_clear_pointer (&self->interviews_json, g_free);
  g_list_store_remove (self->interviews, position);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * sb_library_find_interview:
 *
 * Returns: (transfer none) (nullable): the interview with that id
 */
SbInterview *
sb_library_find_interview (SbLibrary  *self,
                           const char *id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (SB_IS_LIBRARY (self), NULL);
  ensure_interviews (self);

  if (id == NULL)
    return NULL;
  model = G_LIST_MODEL (self->interviews);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (model, i);

      if (g_str_equal (sb_interview_get_id (interview), id))
        return interview;
    }
  return NULL;
}

/**
 * sb_library_set_interviews_json:
 * @json: (nullable): the data file's "interviews" array, as JSON text
 *
 * Gives the library the interviews of a data file being loaded, read
 * only when first asked for: a start that shows no interview yet does
 * not pay for reading them, and a save before then writes them back as
 * they were. Replaces any interviews, with no ::changed (a load is not
 * an edit).
 */
void
sb_library_set_interviews_json (SbLibrary  *self,
                                const char *json)
{
  g_autoptr(GPtrArray) none = NULL;

  g_return_if_fail (SB_IS_LIBRARY (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->interviews)) > 0)
    {
      none = g_ptr_array_new ();
      splice_interviews_quietly (self, none);
    }
  g_free (self->interviews_json);
  self->interviews_json = g_strdup (json);
  self->interviews_pending = json != NULL;
}

/**
 * sb_library_splice_interviews:
 * @interviews: (element-type SbInterview): the library's new interviews
 *
 * Replaces every interview at once (a load or a merge), with one
 * ::changed. A second one with an id already taken is dropped.
 */
void
sb_library_splice_interviews (SbLibrary *self,
                              GPtrArray *interviews)
{
  gboolean had;

  g_return_if_fail (SB_IS_LIBRARY (self));
  g_return_if_fail (interviews != NULL);

  self->interviews_pending = FALSE;
  had = g_list_model_get_n_items (G_LIST_MODEL (self->interviews)) > 0;
  splice_interviews_quietly (self, interviews);
  if (had || interviews->len > 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_library_update_interviews:
 * @interviews: (element-type SbInterview): what the library should hold
 *
 * Makes the library hold @interviews (a merge from disk), keeping the
 * interview objects it has for the ids in both, updated in place
 * (sb_interview_update_from()), so that the views bound to them stay.
 */
void
sb_library_update_interviews (SbLibrary *self,
                              GPtrArray *interviews)
{
  g_autoptr(GHashTable) wanted = NULL;
  GListModel *model;

  g_return_if_fail (SB_IS_LIBRARY (self));
  ensure_interviews (self);
  g_return_if_fail (interviews != NULL);

  wanted = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < interviews->len; i++)
    g_hash_table_insert (wanted, (gpointer) sb_interview_get_id (interviews->pdata[i]), interviews->pdata[i]);

  model = G_LIST_MODEL (self->interviews);
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (model, i - 1);

      if (!g_hash_table_contains (wanted, sb_interview_get_id (interview)))
        sb_library_remove_interview (self, interview);
    }

  for (guint i = 0; i < interviews->len; i++)
    {
      SbInterview *theirs = g_ptr_array_index (interviews, i);
      SbInterview *ours = sb_library_find_interview (self, sb_interview_get_id (theirs));

      if (ours == NULL)
        sb_library_add_interview (self, theirs);
      else if (ours != theirs)
        sb_interview_update_from (ours, theirs);
    }
}

/**
 * sb_library_sort_interviews:
 *
 * Puts the interviews in order again: an upcoming interview becomes a
 * past one as time passes. Call it when the day changes.
 */
void
sb_library_sort_interviews (SbLibrary *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GListModel *model;
  guint n;
  gboolean in_order = TRUE;

  g_return_if_fail (SB_IS_LIBRARY (self));
  ensure_interviews (self);

  model = G_LIST_MODEL (self->interviews);
  n = g_list_model_get_n_items (model);
  now = interviews_dup_now (self);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  for (guint i = 1; i < n && in_order; i++)
    in_order = sb_interview_compare (items->pdata[i - 1], items->pdata[i], now) < 0;
  if (in_order)
    return;

  g_clear_pointer (&self->interviews_json, g_free);
  g_list_store_sort (self->interviews, compare_interviews_cb, now);
}

/**
 * sb_library_set_interviews_now:
 * @now: (nullable): the time to order interviews for, or %NULL for the
 *   clock's (tests and benchmarks set one)
 */
void
sb_library_set_interviews_now (SbLibrary *self,
                               GDateTime *now)
{
  g_return_if_fail (SB_IS_LIBRARY (self));
  ensure_interviews (self);

  g_clear_pointer (&self->interviews_now, g_date_time_unref);
  self->interviews_now = now ? g_date_time_ref (now) : NULL;
  sb_library_sort_interviews (self);
}

/**
 * sb_library_dup_interviews_using_story:
 *
 * What to tell the user before deleting a story: the interviews whose
 * plan holds it or whose log says it was told (the log keeps the
 * story's title when it is deleted; the plan proposes another).
 *
 * Returns: (transfer container) (element-type SbInterview): those
 *   interviews, in the sidebar's order
 */
GPtrArray *
sb_library_dup_interviews_using_story (SbLibrary  *self,
                                       const char *story_id)
{
  GPtrArray *using;
  GListModel *model;
  guint n;

  g_return_val_if_fail (SB_IS_LIBRARY (self), NULL);
  ensure_interviews (self);

  using = g_ptr_array_new_with_free_func (g_object_unref);
  model = G_LIST_MODEL (self->interviews);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n && story_id != NULL; i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (model, i);

      if (sb_interview_uses_story (interview, story_id))
        g_ptr_array_add (using, g_steal_pointer (&interview));
    }
  return using;
}

/**
 * sb_library_dup_earlier_at_company:
 *
 * Returns: (transfer container) (element-type SbInterview): the other
 *   interviews at @interview's company (ignoring case) that took place
 *   before it, newest first
 */
GPtrArray *
sb_library_dup_earlier_at_company (SbLibrary   *self,
                                   SbInterview *interview)
{
  GPtrArray *earlier;
  GListModel *model;
  GDateTime *date;
  guint n;

  g_return_val_if_fail (SB_IS_LIBRARY (self), NULL);
  ensure_interviews (self);
  g_return_val_if_fail (SB_IS_INTERVIEW (interview), NULL);

  earlier = g_ptr_array_new_with_free_func (g_object_unref);
  date = sb_interview_get_date (interview);
  model = G_LIST_MODEL (self->interviews);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbInterview) other = g_list_model_get_item (model, i);
      GDateTime *other_date = sb_interview_get_date (other);

      if (other == interview || other_date == NULL || !sb_interview_is_same_company (other, interview))
        continue;
      if (date != NULL && g_date_time_compare (other_date, date) >= 0)
        continue;
      g_ptr_array_add (earlier, g_steal_pointer (&other));
    }
  g_ptr_array_sort (earlier, compare_newest_first);
  return earlier;
}

/**
 * sb_library_log_follow_up:
 * @question: a follow-up question the interviewer asked about @story
 *
 * Adds the question to @story's notes, saying where and when it was
 * asked, so the next rehearsal can prepare an answer.
 */
void
sb_library_log_follow_up (SbLibrary   *self,
                          SbInterview *interview,
                          SbStory     *story,
                          const char  *question)
{
  g_autofree char *title = NULL;
  g_autofree char *day = NULL;
  g_autofree char *line = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *trimmed = NULL;
  const char *old;

  g_return_if_fail (SB_IS_LIBRARY (self));
  g_return_if_fail (SB_IS_INTERVIEW (interview));
  g_return_if_fail (SB_IS_STORY (story));
  g_return_if_fail (question != NULL);

  trimmed = g_strstrip (g_strdup (question));
  if (trimmed[0] == '\0')
    return;
  title = sb_interview_dup_display_title (interview);
  if (sb_interview_get_date (interview) != NULL)
    day = g_date_time_format (sb_interview_get_date (interview), "%Y-%m-%d");
  if (day != NULL)
    /* Translators: added to a story's notes: "Follow-up (Acme — PM, 2026-12-10): question" */
    line = g_strdup_printf (_("Follow-up (%s, %s): %s"), title, day, trimmed);
  else
    line = g_strdup_printf (_("Follow-up (%s): %s"), title, trimmed);

  old = sb_story_get_notes (story);
  if (old == NULL || old[0] == '\0')
    notes = g_strdup (line);
  else if (g_str_has_suffix (old, "\n"))
    notes = g_strconcat (old, line, NULL);
  else
    notes = g_strconcat (old, "\n", line, NULL);
  sb_story_set_notes (story, notes);
}

/**
 * sb_library_dup_interviews_json:
 * @indent: the depth of the array's opening bracket
 *
 * Returns: (transfer full) (nullable): the interviews as the data file's
 *   "interviews" array, or %NULL when there are none (the key is then
 *   left out, as files without interviews have it)
 */
char *
sb_library_dup_interviews_json (SbLibrary *self,
                                guint      indent)
{
  GListModel *model;
  GString *out;
  guint n;

  g_return_val_if_fail (SB_IS_LIBRARY (self), NULL);

  /* Read before it is written back: what could not be read is not. */
  ensure_interviews (self);
  /* Not changed since read or written: the same text. */
  if (self->interviews_json != NULL && indent == 1)
    return g_strdup (self->interviews_json);

  model = G_LIST_MODEL (self->interviews);
  n = g_list_model_get_n_items (model);
  if (n == 0)
    return NULL;

  out = g_string_new ("[");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (out, ',');
      sb_json_write_indent (out, indent + 1);
      sb_interview_write_json (interview, out, indent + 1);
    }
  sb_json_write_indent (out, indent);
  g_string_append_c (out, ']');
  if (indent == 1)
    self->interviews_json = g_strdup (out->str);
  return g_string_free (out, FALSE);
}
