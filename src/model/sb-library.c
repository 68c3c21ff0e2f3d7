/* sb-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-library"

#include "config.h"

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
