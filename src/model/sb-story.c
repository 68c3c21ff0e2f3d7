/* sb-story.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-story"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-json.h"
#include "sb-story-private.h"

struct _SbStoryData
{
  gatomicrefcount ref_count;
  char       *id;
  char       *title;
  char       *situation;
  char       *task;
  char       *result;
  char       *learnings;
  char       *notes;
  char      **actions;
  char      **principles;
  char      **tags;
  char      **dismissed;
  GDateTime  *created;
  GDateTime  *modified;
  GDateTime  *practice_last;
  guint       practice_count;
  int         confidence;
  /* Keys this version does not know, as member names and their JSON text,
   * written back unchanged.
   */
  char      **extra_keys;
  char      **extra_values;
  /* Members of "practice" this version does not know, kept the same way. */
  char      **practice_extra_keys;
  char      **practice_extra_values;
  /* When not %NULL, the data was read from the cache: one allocation
   * holds the arrays of the actions, principles, tags and dismissed lists,
   * and every string of those and of id, title, situation, task,
   * result, learnings and notes points into @cached, the cache's text, held
   * rather than copied (see sb_story_new_from_fields()): one allocation
   * per story instead of one per string, and no second copy of their
   * text. Such data is never changed in place (sb_story_writable()
   * copies it first).
   */
  char       *packed;
  GVariant   *cached;
};

struct _SbStory
{
  GObject      parent_instance;
  SbStoryData *data;
  /* The id never changes; kept here so that a pointer from
   * sb_story_get_id() stays valid while the data is copied on write.
   */
  char        *id;
  /* When it was created, in microseconds since 1970 (UTC), which never
   * changes either: the story list sorts every story by it at start.
   */
  gint64       created_usec;
  /* What a search reads (sb_story_matches_search()), worked out on first
   * use after each edit: the story's own fields, or when folding them
   * changes more than ASCII letters, @search_text, a case-folded copy.
   */
  gboolean     search_prepared;
  char        *search_text;
  /* Not owned: the library the story is in (sb_story_set_owner()). */
  gpointer          owner;
  SbStoryOwnerFunc  owner_func;
};

G_DEFINE_FINAL_TYPE (SbStory, sb_story, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SITUATION,
  PROP_TASK,
  PROP_ACTIONS,
  PROP_N_ACTIONS,
  PROP_RESULT,
  PROP_LEARNINGS,
  PROP_NOTES,
  PROP_PRINCIPLES,
  PROP_TAGS,
  PROP_DISMISSED,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_PRACTICE_COUNT,
  PROP_PRACTICE_LAST,
  PROP_CONFIDENCE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const empty_strv[] = { NULL };

static const char * const known_keys[] = {
  "id", "title", "situation", "task", "actions", "result", "learnings",
  "notes", "principles", "tags", "dismissed", "created", "modified", "practice", NULL
};

static const char * const practice_keys[] = { "count", "last", "confidence", NULL };

static void
sb_story_data_free (SbStoryData *data)
{
  if (data->packed != NULL)
    {
      g_free (data->packed);
      g_variant_unref (data->cached);
    }
  else
    {
      g_free (data->id);
      g_free (data->title);
      g_free (data->situation);
      g_free (data->task);
      g_free (data->result);
      g_free (data->learnings);
      g_free (data->notes);
      g_strfreev (data->actions);
      g_strfreev (data->principles);
      g_strfreev (data->tags);
      g_strfreev (data->dismissed);
    }
  g_clear_pointer (&data->created, g_date_time_unref);
  g_clear_pointer (&data->modified, g_date_time_unref);
  g_clear_pointer (&data->practice_last, g_date_time_unref);
  g_strfreev (data->extra_keys);
  g_strfreev (data->extra_values);
  g_strfreev (data->practice_extra_keys);
  g_strfreev (data->practice_extra_values);
  g_free (data);
}

static SbStoryData *
sb_story_data_new (void)
{
  SbStoryData *data = g_new0 (SbStoryData, 1);

  g_atomic_ref_count_init (&data->ref_count);

  data->id = g_strdup ("");
  data->title = g_strdup ("");
  data->situation = g_strdup ("");
  data->task = g_strdup ("");
  data->result = g_strdup ("");
  data->learnings = g_strdup ("");
  data->notes = g_strdup ("");
  data->actions = g_new0 (char *, 1);
  data->principles = g_new0 (char *, 1);
  data->tags = g_new0 (char *, 1);
  data->dismissed = g_new0 (char *, 1);

  return data;
}

static SbStoryData *
sb_story_data_copy (const SbStoryData *src)
{
  SbStoryData *data = g_new0 (SbStoryData, 1);

  g_atomic_ref_count_init (&data->ref_count);

  data->id = g_strdup (src->id);
  data->title = g_strdup (src->title);
  data->situation = g_strdup (src->situation);
  data->task = g_strdup (src->task);
  data->result = g_strdup (src->result);
  data->learnings = g_strdup (src->learnings);
  data->notes = g_strdup (src->notes);
  data->actions = g_strdupv (src->actions);
  data->principles = g_strdupv (src->principles);
  data->tags = g_strdupv (src->tags);
  data->dismissed = g_strdupv (src->dismissed);
  data->created = src->created ? g_date_time_ref (src->created) : NULL;
  data->modified = src->modified ? g_date_time_ref (src->modified) : NULL;
  data->practice_last = src->practice_last ? g_date_time_ref (src->practice_last) : NULL;
  data->practice_count = src->practice_count;
  data->confidence = src->confidence;
  data->extra_keys = g_strdupv (src->extra_keys);
  data->extra_values = g_strdupv (src->extra_values);
  data->practice_extra_keys = g_strdupv (src->practice_extra_keys);
  data->practice_extra_values = g_strdupv (src->practice_extra_values);

  return data;
}

SbStoryData *
sb_story_data_ref (SbStoryData *data)
{
  g_atomic_ref_count_inc (&data->ref_count);
  return data;
}

void
sb_story_data_unref (SbStoryData *data)
{
  if (g_atomic_ref_count_dec (&data->ref_count))
    sb_story_data_free (data);
}

const char *
sb_story_data_get_id (const SbStoryData *data)
{
  return data->id;
}

/* Returns the story's data ready to be changed: a private copy when a
 * snapshot still shares it.
 */
static SbStoryData *
sb_story_writable (SbStory *self)
{
  if (!g_atomic_ref_count_compare (&self->data->ref_count, 1) || self->data->packed != NULL)
    {
      SbStoryData *copy = sb_story_data_copy (self->data);

      sb_story_data_unref (self->data);
      self->data = copy;
    }

  return self->data;
}

static void
sb_story_finalize (GObject *object)
{
  SbStory *self = (SbStory *)object;

  g_clear_pointer (&self->data, sb_story_data_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (sb_story_parent_class)->finalize (object);
}

static void
sb_story_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbStory *self = SB_STORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->data->title);
      break;
    case PROP_SITUATION:
      g_value_set_string (value, self->data->situation);
      break;
    case PROP_TASK:
      g_value_set_string (value, self->data->task);
      break;
    case PROP_ACTIONS:
      g_value_set_boxed (value, self->data->actions);
      break;
    case PROP_N_ACTIONS:
      g_value_set_uint (value, sb_story_get_n_actions (self));
      break;
    case PROP_RESULT:
      g_value_set_string (value, self->data->result);
      break;
    case PROP_LEARNINGS:
      g_value_set_string (value, self->data->learnings);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->data->notes);
      break;
    case PROP_PRINCIPLES:
      g_value_set_boxed (value, self->data->principles);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->data->tags);
      break;
    case PROP_DISMISSED:
      g_value_set_boxed (value, self->data->dismissed);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->data->created);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->data->modified);
      break;
    case PROP_PRACTICE_COUNT:
      g_value_set_uint (value, self->data->practice_count);
      break;
    case PROP_PRACTICE_LAST:
      g_value_set_boxed (value, self->data->practice_last);
      break;
    case PROP_CONFIDENCE:
      g_value_set_int (value, self->data->confidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SbStory *self = SB_STORY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      sb_story_set_title (self, g_value_get_string (value));
      break;
    case PROP_SITUATION:
      sb_story_set_situation (self, g_value_get_string (value));
      break;
    case PROP_TASK:
      sb_story_set_task (self, g_value_get_string (value));
      break;
    case PROP_ACTIONS:
      sb_story_set_actions (self, g_value_get_boxed (value));
      break;
    case PROP_RESULT:
      sb_story_set_result (self, g_value_get_string (value));
      break;
    case PROP_LEARNINGS:
      sb_story_set_learnings (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      sb_story_set_notes (self, g_value_get_string (value));
      break;
    case PROP_PRINCIPLES:
      sb_story_set_principles (self, g_value_get_boxed (value));
      break;
    case PROP_TAGS:
      sb_story_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_DISMISSED:
      sb_story_set_dismissed (self, g_value_get_boxed (value));
      break;
    case PROP_ID:
    case PROP_N_ACTIONS:
    case PROP_CREATED:
    case PROP_MODIFIED:
    case PROP_PRACTICE_COUNT:
    case PROP_PRACTICE_LAST:
    case PROP_CONFIDENCE:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_class_init (SbStoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sb_story_finalize;
  object_class->get_property = sb_story_get_property;
  object_class->set_property = sb_story_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_SITUATION] = g_param_spec_string ("situation", NULL, NULL, "", rw);
  properties[PROP_TASK] = g_param_spec_string ("task", NULL, NULL, "", rw);
  properties[PROP_ACTIONS] = g_param_spec_boxed ("actions", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_N_ACTIONS] = g_param_spec_uint ("n-actions", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RESULT] = g_param_spec_string ("result", NULL, NULL, "", rw);
  properties[PROP_LEARNINGS] = g_param_spec_string ("learnings", NULL, NULL, "", rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);
  properties[PROP_PRINCIPLES] = g_param_spec_boxed ("principles", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_DISMISSED] = g_param_spec_boxed ("dismissed", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_PRACTICE_COUNT] = g_param_spec_uint ("practice-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PRACTICE_LAST] = g_param_spec_boxed ("practice-last", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_CONFIDENCE] = g_param_spec_int ("confidence", NULL, NULL, 0, 5, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbStory::changed:
   *
   * Emitted after any field of the story changed, once per edit. The
   * detail is the name of the property the edit set ("principles",
   * "situation", …; "practice-count" for a recorded practice).
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
sb_story_init (SbStory *self)
{
}

static char *
new_uuid (void)
{
  return g_uuid_string_random ();
}

static gint64
unix_usec (GDateTime *date)
{
  static GDateTime *epoch;

  if (g_once_init_enter (&epoch))
    g_once_init_leave (&epoch, g_date_time_new_from_unix_utc (0));

  return date != NULL ? g_date_time_difference (date, epoch) : 0;
}

SbStory *
sb_story_new (void)
{
  SbStory *self = g_object_new (SB_TYPE_STORY, NULL);

  self->data = sb_story_data_new ();
  g_free (self->data->id);
  self->data->id = new_uuid ();
  self->id = g_strdup (self->data->id);
  self->data->created = g_date_time_new_now_utc ();
  self->data->modified = g_date_time_ref (self->data->created);
  self->created_usec = unix_usec (self->data->created);

  return self;
}

SbStory *
sb_story_new_from_data (SbStoryData *data)
{
  SbStory *self = g_object_new (SB_TYPE_STORY, NULL);

  self->data = sb_story_data_ref (data);
  self->id = g_strdup (data->id);
  self->created_usec = unix_usec (data->created);

  return self;
}

/**
 * sb_story_get_owner:
 *
 * Returns: (nullable): the owner sb_story_set_owner() gave @self
 */
gpointer
sb_story_get_owner (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->owner;
}

/**
 * sb_story_set_owner:
 * @owner: (nullable): the library @self is in, or %NULL when it leaves
 * @func: (nullable): called with @owner on each edit, before ::changed
 */
void
sb_story_set_owner (SbStory          *self,
                    gpointer          owner,
                    SbStoryOwnerFunc  func)
{
  g_return_if_fail (SB_IS_STORY (self));
  g_return_if_fail ((owner == NULL) == (func == NULL));

  self->owner = owner;
  self->owner_func = func;
}

SbStoryData *
sb_story_snapshot (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);

  return sb_story_data_ref (self->data);
}

/* Marks the story edited now: @pspec and modified notify, then the owner
 * and ::changed, with @pspec's name as the detail.
 */
static void
sb_story_edited (SbStory    *self,
                 GParamSpec *pspec)
{
  SbStoryData *data = self->data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert (g_atomic_ref_count_compare (&data->ref_count, 1));

  /* Keep modified moving forward even when two edits share a clock tick,
   * so "the newer one wins" always has an answer.
   */
  if (data->modified != NULL && g_date_time_compare (now, data->modified) <= 0)
    {
      g_date_time_unref (now);
      now = g_date_time_add (data->modified, 1);
    }
  g_clear_pointer (&data->modified, g_date_time_unref);
  data->modified = g_steal_pointer (&now);

  g_clear_pointer (&self->search_text, g_free);
  self->search_prepared = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (self->owner_func != NULL)
    self->owner_func (self->owner, self, pspec);
  g_signal_emit (self, signals[CHANGED], g_param_spec_get_name_quark (pspec));
}

static void
set_text (SbStory     *self,
          char      **(*field) (SbStoryData *),
          const char  *value,
          guint        prop_id)
{
  char **slot = field (self->data);
  char *copy;

  if (value == NULL)
    value = "";

  if (g_strcmp0 (*slot, value) == 0)
    return;

  copy = g_strdup (value);
  slot = field (sb_story_writable (self));
  g_free (*slot);
  *slot = copy;
  sb_story_edited (self, properties[prop_id]);
}

static char **field_title (SbStoryData *d) { return &d->title; }
static char **field_situation (SbStoryData *d) { return &d->situation; }
static char **field_task (SbStoryData *d) { return &d->task; }
static char **field_result (SbStoryData *d) { return &d->result; }
static char **field_learnings (SbStoryData *d) { return &d->learnings; }
static char **field_notes (SbStoryData *d) { return &d->notes; }

static char ***strv_actions (SbStoryData *d) { return &d->actions; }
static char ***strv_principles (SbStoryData *d) { return &d->principles; }
static char ***strv_tags (SbStoryData *d) { return &d->tags; }
static char ***strv_dismissed (SbStoryData *d) { return &d->dismissed; }

static void
set_strv (SbStory             *self,
          char            ***(*field) (SbStoryData *),
          const char * const  *value,
          guint                prop_id)
{
  char ***slot = field (self->data);
  char **copy;

  if (value == NULL)
    value = empty_strv;

  if (g_strv_equal ((const char * const *) *slot, value))
    return;

  copy = g_strdupv ((char **) value);
  slot = field (sb_story_writable (self));
  g_strfreev (*slot);
  *slot = copy;

  if (prop_id == PROP_ACTIONS)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACTIONS]);
  sb_story_edited (self, properties[prop_id]);
}

const char *
sb_story_get_id (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->id;
}

const char *
sb_story_get_title (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->title;
}

void
sb_story_set_title (SbStory    *self,
                    const char *title)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_text (self, field_title, title, PROP_TITLE);
}

const char *
sb_story_get_situation (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->situation;
}

void
sb_story_set_situation (SbStory    *self,
                        const char *situation)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_text (self, field_situation, situation, PROP_SITUATION);
}

const char *
sb_story_get_task (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->task;
}

void
sb_story_set_task (SbStory    *self,
                   const char *task)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_text (self, field_task, task, PROP_TASK);
}

const char *
sb_story_get_result (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->result;
}

void
sb_story_set_result (SbStory    *self,
                     const char *result)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_text (self, field_result, result, PROP_RESULT);
}

/* What the user learned (STAR-L): optional, "" when none. */
const char *
sb_story_get_learnings (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->learnings;
}

void
sb_story_set_learnings (SbStory    *self,
                        const char *learnings)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_text (self, field_learnings, learnings, PROP_LEARNINGS);
}

/* Free notes: anything else about the story, follow-up questions to
 * expect, parts an imported file had that STAR has not. "" when none.
 */
const char *
sb_story_get_notes (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->notes;
}

void
sb_story_set_notes (SbStory    *self,
                    const char *notes)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_text (self, field_notes, notes, PROP_NOTES);
}

const char * const *
sb_story_get_actions (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return (const char * const *) self->data->actions;
}

guint
sb_story_get_n_actions (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), 0);
  return g_strv_length (self->data->actions);
}

void
sb_story_set_actions (SbStory            *self,
                      const char * const *actions)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_strv (self, strv_actions, actions, PROP_ACTIONS);
}

void
sb_story_set_action (SbStory    *self,
                     guint       position,
                     const char *text)
{
  g_auto(GStrv) actions = NULL;
  guint n;

  g_return_if_fail (SB_IS_STORY (self));
  n = sb_story_get_n_actions (self);
  g_return_if_fail (position < n);

  if (g_strcmp0 (self->data->actions[position], text ? text : "") == 0)
    return;

  actions = g_strdupv (self->data->actions);
  g_free (actions[position]);
  actions[position] = g_strdup (text ? text : "");
  sb_story_set_actions (self, (const char * const *) actions);
}

void
sb_story_insert_action (SbStory    *self,
                        int         position,
                        const char *text)
{
  g_autoptr(GPtrArray) actions = NULL;
  guint n;

  g_return_if_fail (SB_IS_STORY (self));

  n = sb_story_get_n_actions (self);
  if (position < 0 || (guint) position > n)
    position = n;

  actions = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (actions, self->data->actions[i]);
  g_ptr_array_insert (actions, position, (gpointer) (text ? text : ""));
  g_ptr_array_add (actions, NULL);

  sb_story_set_actions (self, (const char * const *) actions->pdata);
}

void
sb_story_remove_action (SbStory *self,
                        guint    position)
{
  g_autoptr(GPtrArray) actions = NULL;
  guint n;

  g_return_if_fail (SB_IS_STORY (self));

  n = sb_story_get_n_actions (self);
  g_return_if_fail (position < n);

  actions = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    if (i != position)
      g_ptr_array_add (actions, self->data->actions[i]);
  g_ptr_array_add (actions, NULL);

  sb_story_set_actions (self, (const char * const *) actions->pdata);
}

void
sb_story_move_action (SbStory *self,
                      guint    from,
                      guint    to)
{
  g_autoptr(GPtrArray) actions = NULL;
  gpointer moved;
  guint n;

  g_return_if_fail (SB_IS_STORY (self));

  n = sb_story_get_n_actions (self);
  g_return_if_fail (from < n);
  g_return_if_fail (to < n);

  if (from == to)
    return;

  actions = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (actions, self->data->actions[i]);
  moved = g_ptr_array_steal_index (actions, from);
  g_ptr_array_insert (actions, to, moved);
  g_ptr_array_add (actions, NULL);

  sb_story_set_actions (self, (const char * const *) actions->pdata);
}

const char * const *
sb_story_get_principles (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return (const char * const *) self->data->principles;
}

void
sb_story_set_principles (SbStory            *self,
                         const char * const *principles)
{
  g_autoptr(GPtrArray) unique = g_ptr_array_new ();

  g_return_if_fail (SB_IS_STORY (self));

  /* A principle listed twice would count the story twice. */
  for (guint i = 0; principles != NULL && principles[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      if (principles[i][0] == '\0')
        continue;
      for (guint j = 0; j < unique->len && !seen; j++)
        seen = g_str_equal (unique->pdata[j], principles[i]);
      if (!seen)
        g_ptr_array_add (unique, (gpointer) principles[i]);
    }
  g_ptr_array_add (unique, NULL);

  set_strv (self, strv_principles, (const char * const *) unique->pdata, PROP_PRINCIPLES);
}

gboolean
sb_story_has_principle (SbStory    *self,
                        const char *principle_id)
{
  g_return_val_if_fail (SB_IS_STORY (self), FALSE);
  g_return_val_if_fail (principle_id != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->data->principles, principle_id);
}

void
sb_story_add_principle (SbStory    *self,
                        const char *principle_id)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) principles = NULL;

  g_return_if_fail (SB_IS_STORY (self));
  g_return_if_fail (principle_id != NULL && principle_id[0] != '\0');

  if (sb_story_has_principle (self, principle_id))
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) self->data->principles);
  g_strv_builder_add (builder, principle_id);
  principles = g_strv_builder_end (builder);
  sb_story_set_principles (self, (const char * const *) principles);
}

void
sb_story_remove_principle (SbStory    *self,
                           const char *principle_id)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) principles = NULL;

  g_return_if_fail (SB_IS_STORY (self));
  g_return_if_fail (principle_id != NULL);

  if (!sb_story_has_principle (self, principle_id))
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; self->data->principles[i] != NULL; i++)
    if (!g_str_equal (self->data->principles[i], principle_id))
      g_strv_builder_add (builder, self->data->principles[i]);
  principles = g_strv_builder_end (builder);
  sb_story_set_principles (self, (const char * const *) principles);
}

const char * const *
sb_story_get_tags (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return (const char * const *) self->data->tags;
}

void
sb_story_set_tags (SbStory            *self,
                   const char * const *tags)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_strv (self, strv_tags, tags, PROP_TAGS);
}

const char * const *
sb_story_get_dismissed (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return (const char * const *) self->data->dismissed;
}

void
sb_story_set_dismissed (SbStory            *self,
                        const char * const *check_ids)
{
  g_return_if_fail (SB_IS_STORY (self));
  set_strv (self, strv_dismissed, check_ids, PROP_DISMISSED);
}

gboolean
sb_story_is_dismissed (SbStory    *self,
                       const char *check_id)
{
  g_return_val_if_fail (SB_IS_STORY (self), FALSE);
  return g_strv_contains ((const char * const *) self->data->dismissed, check_id);
}

GDateTime *
sb_story_get_created (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->created;
}

/**
 * sb_story_compare_created:
 *
 * Returns: less than, equal to or greater than zero as @a was created
 *   before, with or after @b
 */
int
sb_story_compare_created (SbStory *a,
                          SbStory *b)
{
  /* Called for each comparison of a sort: no type checks. */
  return (a->created_usec > b->created_usec) - (a->created_usec < b->created_usec);
}

GDateTime *
sb_story_get_modified (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->modified;
}

guint
sb_story_get_practice_count (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), 0);
  return self->data->practice_count;
}

GDateTime *
sb_story_get_practice_last (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->data->practice_last;
}

int
sb_story_get_confidence (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), 0);
  return self->data->confidence;
}

/**
 * sb_story_record_practice:
 * @confidence: 1-5, how well the rehearsal went
 * @when: (nullable): when it was practised, or %NULL for now
 *
 * Counts one rehearsal of the story and keeps its confidence rating.
 */
void
sb_story_record_practice (SbStory   *self,
                          int        confidence,
                          GDateTime *when)
{
  SbStoryData *data;

  g_return_if_fail (SB_IS_STORY (self));
  g_return_if_fail (confidence >= 1 && confidence <= 5);

  data = sb_story_writable (self);
  data->practice_count++;
  data->confidence = confidence;
  g_clear_pointer (&data->practice_last, g_date_time_unref);
  data->practice_last = when ? g_date_time_ref (when) : g_date_time_new_now_utc ();

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE_LAST]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
  sb_story_edited (self, properties[PROP_PRACTICE_COUNT]);
}

typedef gboolean (*SearchFieldFunc) (const char *text,
                                     gpointer    user_data);

/* Calls @func on each field a search reads (title, situation, task, the
 * actions, result, learnings, notes, the tags) while it returns %TRUE.
 *
 * Returns: %TRUE when @func returned %TRUE for every field
 */
static gboolean
every_search_field (SbStoryData     *data,
                    SearchFieldFunc  func,
                    gpointer         user_data)
{
  if (!func (data->title, user_data) || !func (data->situation, user_data) || !func (data->task, user_data))
    return FALSE;
  for (guint i = 0; data->actions[i] != NULL; i++)
    if (!func (data->actions[i], user_data))
      return FALSE;
  if (!func (data->result, user_data) || !func (data->learnings, user_data) || !func (data->notes, user_data))
    return FALSE;
  for (guint i = 0; data->tags[i] != NULL; i++)
    if (!func (data->tags[i], user_data))
      return FALSE;

  return TRUE;
}

/* Whether case folding @text changes nothing but ASCII letters: a search
 * for folded words can then read @text itself, ASCII letters compared
 * without case.
 */
static gboolean
folds_as_ascii (const char *text,
                gpointer    user_data)
{
  g_autofree char *folded = NULL;
  g_autofree char *lowered = NULL;
  const char *p;

  if (text == NULL)
    return TRUE;
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return TRUE;

  folded = g_utf8_casefold (text, -1);
  lowered = g_ascii_strdown (text, -1);
  return g_str_equal (folded, lowered);
}

static gboolean
append_folded (const char *text,
               gpointer    user_data)
{
  GString *out = user_data;
  g_autofree char *folded = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;

  folded = g_utf8_casefold (text, -1);
  g_string_append (out, folded);
  g_string_append_c (out, '\n');
  return TRUE;
}

/**
 * sb_story_prepare_search:
 *
 * Works out what sb_story_matches_search() reads, so that the first
 * search after an edit does not have to (see #SbStory.search_prepared).
 */
void
sb_story_prepare_search (SbStory *self)
{
  g_return_if_fail (SB_IS_STORY (self));

  if (self->search_prepared)
    return;

  self->search_prepared = TRUE;
  if (!every_search_field (self->data, folds_as_ascii, NULL))
    {
      GString *out = g_string_new (NULL);

      every_search_field (self->data, append_folded, out);
      self->search_text = g_string_free (out, FALSE);
    }
}

static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Where in @word a search looks first: its least common letter in
 * English text (any other byte counts as rarer still), so that strchr()
 * stops at few places that are not a match.
 */
static gsize
anchor_of (const char *word)
{
  static const char by_frequency[] = "etaoinshrdlcumwfgypbvkjxqz";
  gsize anchor = 0;
  gsize best = 0;

  for (gsize i = 0; word[i] != '\0'; i++)
    {
      const char *found = word[i] >= 'a' && word[i] <= 'z' ? strchr (by_frequency, word[i]) : NULL;
      gsize rank = found ? (gsize) (found - by_frequency) : sizeof by_frequency;

      if (rank > best || i == 0)
        {
          best = rank;
          anchor = i;
        }
      if (rank == sizeof by_frequency)
        break;
    }

  return anchor;
}

/* Whether @text contains @word (case-folded, not empty), ASCII letters of
 * @text compared without case and every other byte as it is.
 */
static gboolean
contains_ascii_folded (const char *text,
                       const char *word,
                       gsize       anchor)
{
  char lower = word[anchor];
  char upper = g_ascii_toupper (lower);
  const char *next_lower, *next_upper;

  if (text == NULL)
    return FALSE;

  /* The next place of the anchor in each case, each found by strchr(),
   * which reads many bytes at a time.
   */
  next_lower = strchr (text, lower);
  next_upper = upper != lower ? strchr (text, upper) : NULL;
  while (next_lower != NULL || next_upper != NULL)
    {
      const char *at;
      gsize i = 0;

      if (next_upper == NULL || (next_lower != NULL && next_lower < next_upper))
        {
          at = next_lower;
          next_lower = strchr (at + 1, lower);
        }
      else
        {
          at = next_upper;
          next_upper = strchr (at + 1, upper);
        }

      if ((gsize) (at - text) < anchor)
        continue;
      at -= anchor;
      while (word[i] != '\0' && ascii_lower (at[i]) == word[i])
        i++;
      if (word[i] == '\0')
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  const char *word;
  gsize       anchor;
} Lookup;

static gboolean
lacks_word (const char *text,
            gpointer    user_data)
{
  const Lookup *lookup = user_data;

  return !contains_ascii_folded (text, lookup->word, lookup->anchor);
}

/**
 * sb_story_matches_search:
 * @words: case-folded words (g_utf8_casefold()), none empty
 *
 * Returns: whether every one of @words is in the story's title, situation,
 *   task, actions, result, learnings, notes or tags, whatever their case
 */
gboolean
sb_story_matches_search (SbStory            *self,
                         const char * const *words)
{
  g_return_val_if_fail (SB_IS_STORY (self), FALSE);
  g_return_val_if_fail (words != NULL, FALSE);

  sb_story_prepare_search (self);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found;

      if (self->search_text != NULL)
        found = strstr (self->search_text, words[i]) != NULL;
      else
        {
          Lookup lookup = { words[i], anchor_of (words[i]) };

          found = !every_search_field (self->data, lacks_word, &lookup);
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* For the tests: whether the story holds a folded copy of its text. */
gboolean
sb_story_search_holds_copy (SbStory *self)
{
  sb_story_prepare_search (self);
  return self->search_text != NULL;
}

/* A label lays out its whole text even to show the start of it: what a
 * row or a title shows of a field is cut to this many bytes.
 */
#define DISPLAY_BYTES 300

static char *
dup_head (const char *text,
          gsize       length)
{
  const char *cut;

  if (length <= DISPLAY_BYTES)
    return g_strndup (text, length);

  cut = g_utf8_find_prev_char (text, text + DISPLAY_BYTES + 1);
  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

/**
 * sb_story_dup_first_line:
 *
 * Returns: the first line of the situation, for a list row (its start
 * when it is long).
 */
char *
sb_story_dup_first_line (SbStory *self)
{
  const char *text;
  const char *end;

  g_return_val_if_fail (SB_IS_STORY (self), NULL);

  text = self->data->situation;
  while (*text == '\n' || *text == '\r' || *text == ' ')
    text++;
  end = strpbrk (text, "\r\n");

  return dup_head (text, end ? (gsize) (end - text) : strlen (text));
}

/**
 * sb_story_dup_display_title:
 *
 * Returns: the title, for a list row or a window title (its start when it
 * is long); empty when there is none.
 */
char *
sb_story_dup_display_title (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);

  return dup_head (self->data->title, strlen (self->data->title));
}

/**
 * sb_story_dup_title_or_untitled:
 *
 * Returns: the display title (sb_story_dup_display_title()), or
 * "Untitled Story" when there is none, for a row or a card that must
 * name the story
 */
char *
sb_story_dup_title_or_untitled (SbStory *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (SB_IS_STORY (self), NULL);

  title = sb_story_dup_display_title (self);
  if (title[0] == '\0')
    return g_strdup (_("Untitled Story"));
  return g_steal_pointer (&title);
}

/**
 * sb_story_copy:
 *
 * Returns: (transfer full): a story with the same id and every field equal,
 * independent of @self from now on (for undo and merges).
 */
SbStory *
sb_story_copy (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);

  return sb_story_new_from_data (self->data);
}

/**
 * sb_story_duplicate:
 *
 * Returns: (transfer full): a new story (new id, created now, never
 * practised) with the text and principles of @self.
 */
SbStory *
sb_story_duplicate (SbStory *self)
{
  SbStory *copy;
  SbStoryData *data;

  g_return_val_if_fail (SB_IS_STORY (self), NULL);

  copy = sb_story_new ();
  data = copy->data;
  g_free (data->title);
  data->title = g_strdup_printf (_("%s (copy)"), self->data->title);
  g_free (data->situation);
  data->situation = g_strdup (self->data->situation);
  g_free (data->task);
  data->task = g_strdup (self->data->task);
  g_free (data->result);
  data->result = g_strdup (self->data->result);
  g_free (data->learnings);
  data->learnings = g_strdup (self->data->learnings);
  g_free (data->notes);
  data->notes = g_strdup (self->data->notes);
  g_strfreev (data->actions);
  data->actions = g_strdupv (self->data->actions);
  g_strfreev (data->principles);
  data->principles = g_strdupv (self->data->principles);
  g_strfreev (data->tags);
  data->tags = g_strdupv (self->data->tags);

  return copy;
}

static gboolean
date_equal (GDateTime *a,
            GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static gboolean
strv_equal_or_null (char **a,
                    char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/**
 * sb_story_content_equal:
 *
 * Returns: whether the two stories hold the same id and fields, the
 * unknown keys included.
 */
gboolean
sb_story_content_equal (SbStory *self,
                        SbStory *other)
{
  const SbStoryData *a, *b;

  g_return_val_if_fail (SB_IS_STORY (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (other), FALSE);

  a = self->data;
  b = other->data;
  if (a == b)
    return TRUE;

  return g_str_equal (a->id, b->id) &&
         g_str_equal (a->title, b->title) &&
         g_str_equal (a->situation, b->situation) &&
         g_str_equal (a->task, b->task) &&
         g_str_equal (a->result, b->result) &&
         g_str_equal (a->learnings, b->learnings) &&
         g_str_equal (a->notes, b->notes) &&
         g_strv_equal ((const char * const *) a->actions, (const char * const *) b->actions) &&
         g_strv_equal ((const char * const *) a->principles, (const char * const *) b->principles) &&
         g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags) &&
         g_strv_equal ((const char * const *) a->dismissed, (const char * const *) b->dismissed) &&
         date_equal (a->created, b->created) &&
         date_equal (a->modified, b->modified) &&
         date_equal (a->practice_last, b->practice_last) &&
         a->practice_count == b->practice_count &&
         a->confidence == b->confidence &&
         strv_equal_or_null (a->extra_keys, b->extra_keys) &&
         strv_equal_or_null (a->extra_values, b->extra_values) &&
         strv_equal_or_null (a->practice_extra_keys, b->practice_extra_keys) &&
         strv_equal_or_null (a->practice_extra_values, b->practice_extra_values);
}

/**
 * sb_story_new_from_json:
 * @object: one entry of the data file's "stories"
 *
 * Returns: (transfer full) (nullable): the story, or %NULL with @error set
 * when a member has the wrong type. Members this version does not know are
 * kept and written back by sb_story_write_json().
 */
SbStory *
sb_story_new_from_json (JsonObject  *object,
                        GError     **error)
{
  g_autoptr(SbStoryData) data = sb_story_data_new ();
  const char *id = NULL;
  const char *title = NULL, *situation = NULL, *task = NULL, *result = NULL;
  const char *learnings = NULL, *notes = NULL;
  JsonNode *practice;

  g_return_val_if_fail (object != NULL, NULL);

  if (!sb_json_get_string (object, "id", &id, error) ||
      !sb_json_get_string (object, "title", &title, error) ||
      !sb_json_get_string (object, "situation", &situation, error) ||
      !sb_json_get_string (object, "task", &task, error) ||
      !sb_json_get_string (object, "result", &result, error) ||
      !sb_json_get_string (object, "learnings", &learnings, error) ||
      !sb_json_get_string (object, "notes", &notes, error) ||
      !sb_json_get_strv (object, "actions", &data->actions, error) ||
      !sb_json_get_strv (object, "principles", &data->principles, error) ||
      !sb_json_get_strv (object, "tags", &data->tags, error) ||
      !sb_json_get_strv (object, "dismissed", &data->dismissed, error) ||
      !sb_json_get_date (object, "created", &data->created, error) ||
      !sb_json_get_date (object, "modified", &data->modified, error))
    return NULL;

#define TAKE(field, value) G_STMT_START { if (value) { g_free (data->field); data->field = g_strdup (value); } } G_STMT_END
  TAKE (id, id);
  TAKE (title, title);
  TAKE (situation, situation);
  TAKE (task, task);
  TAKE (result, result);
  TAKE (learnings, learnings);
  TAKE (notes, notes);
#undef TAKE

  if (data->id[0] == '\0')
    {
      g_free (data->id);
      data->id = new_uuid ();
    }
  if (data->created == NULL)
    data->created = data->modified ? g_date_time_ref (data->modified) : g_date_time_new_now_utc ();
  if (data->modified == NULL)
    data->modified = g_date_time_ref (data->created);

  practice = json_object_get_member (object, "practice");
  if (practice != NULL && JSON_NODE_HOLDS_OBJECT (practice))
    {
      JsonObject *record = json_node_get_object (practice);
      JsonNode *count = json_object_get_member (record, "count");
      JsonNode *confidence = json_object_get_member (record, "confidence");

      if (count != NULL && !JSON_NODE_HOLDS_NULL (count))
        {
          gint64 value;

          if (!JSON_NODE_HOLDS_VALUE (count) || json_node_get_value_type (count) != G_TYPE_INT64 ||
              (value = json_node_get_int (count)) < 0 || value > G_MAXINT)
            {
              g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID,
                           _("“%s” must be a whole number"), "practice.count");
              return NULL;
            }
          data->practice_count = value;
        }

      if (confidence != NULL && !JSON_NODE_HOLDS_NULL (confidence))
        {
          gint64 value;

          if (!JSON_NODE_HOLDS_VALUE (confidence) || json_node_get_value_type (confidence) != G_TYPE_INT64 ||
              (value = json_node_get_int (confidence)) < 1 || value > 5)
            {
              g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID,
                           _("“%s” must be a number from 1 to 5"), "practice.confidence");
              return NULL;
            }
          data->confidence = value;
        }

      if (!sb_json_get_date (record, "last", &data->practice_last, error))
        return NULL;

      sb_json_collect_extra (record, practice_keys, &data->practice_extra_keys, &data->practice_extra_values);
    }
  else if (practice != NULL && !JSON_NODE_HOLDS_NULL (practice))
    {
      g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID,
                   _("“%s” must be an object"), "practice");
      return NULL;
    }

  sb_json_collect_extra (object, known_keys, &data->extra_keys, &data->extra_values);

  return sb_story_new_from_data (data);
}

/**
 * sb_story_data_get_fields:
 *
 * Fills @fields with @data's fields, borrowed from it (the binary cache
 * writes them).
 */
void
sb_story_data_get_fields (const SbStoryData *data,
                          SbStoryFields     *fields)
{
  fields->strings[0] = data->id;
  fields->strings[1] = data->title;
  fields->strings[2] = data->situation;
  fields->strings[3] = data->task;
  fields->strings[4] = data->result;
  fields->strings[5] = data->learnings;
  fields->strings[6] = data->notes;
  fields->lists[0] = (const char * const *) data->actions;
  fields->lists[1] = (const char * const *) data->principles;
  fields->lists[2] = (const char * const *) data->tags;
  fields->lists[3] = (const char * const *) data->dismissed;
  fields->lists[4] = (const char * const *) data->extra_keys;
  fields->lists[5] = (const char * const *) data->extra_values;
  fields->lists[6] = (const char * const *) data->practice_extra_keys;
  fields->lists[7] = (const char * const *) data->practice_extra_values;
  fields->created = data->created;
  fields->modified = data->modified;
  fields->practice_last = data->practice_last;
  fields->practice_count = data->practice_count;
  fields->confidence = data->confidence;
}

/* Packing the lists' arrays: a first pass measures, a second fills. */
typedef struct
{
  char  *block;
  gsize  used;
} Packer;

static char **
pack_strv (Packer             *packer,
           const char * const *items)
{
  gsize n = items ? g_strv_length ((char **) items) : 0;
  char **strv = packer->block ? (char **) (gpointer) (packer->block + packer->used) : NULL;

  packer->used += (n + 1) * sizeof (char *);
  if (strv != NULL)
    {
      if (n > 0)
        memcpy (strv, items, n * sizeof (char *));
      strv[n] = NULL;
    }

  return strv;
}

static void
pack_fields (Packer              *packer,
             SbStoryData         *data,
             const SbStoryFields *fields)
{
  data->actions = pack_strv (packer, fields->lists[0]);
  data->principles = pack_strv (packer, fields->lists[1]);
  data->tags = pack_strv (packer, fields->lists[2]);
  data->dismissed = pack_strv (packer, fields->lists[3]);
  /* Never written through: see the comment on SbStoryData.packed. */
  data->id = (char *) fields->strings[0];
  data->title = (char *) fields->strings[1];
  data->situation = (char *) fields->strings[2];
  data->task = (char *) fields->strings[3];
  data->result = (char *) fields->strings[4];
  data->learnings = (char *) fields->strings[5];
  data->notes = (char *) fields->strings[6];
}

/* Unknown members as a copy, %NULL for none. */
static gboolean
dup_extra (const char * const  *keys,
           const char * const  *values,
           const char * const  *known,
           char              ***out_keys,
           char              ***out_values)
{
  if (keys == NULL || keys[0] == NULL)
    return TRUE;
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strv_contains (known, keys[i]))
      return FALSE;
  *out_keys = g_strdupv ((char **) keys);
  *out_values = g_strdupv ((char **) values);
  return TRUE;
}

/**
 * sb_story_new_from_fields:
 * @fields: the story's fields: the strings and the first four lists point
 *   into text that @keep holds, and are held rather than copied (the
 *   lists' arrays are copied into one block); the dates are referenced,
 *   the unknown members copied
 * @keep: what holds the text
 *
 * Makes a story of what the binary cache read.
 *
 * Returns: (transfer full) (nullable): the story, or %NULL when an
 *   unknown member has the name of one this version knows
 */
SbStory *
sb_story_new_from_fields (const SbStoryFields *fields,
                          GVariant            *keep)
{
  g_autoptr(SbStoryData) data = g_new0 (SbStoryData, 1);
  Packer packer = { NULL, 0 };

  g_atomic_ref_count_init (&data->ref_count);
  pack_fields (&packer, data, fields);
  packer.block = g_malloc (packer.used);
  packer.used = 0;
  pack_fields (&packer, data, fields);
  data->packed = packer.block;
  data->cached = g_variant_ref (keep);

  data->practice_count = fields->practice_count;
  data->confidence = fields->confidence;
  data->created = fields->created ? g_date_time_ref (fields->created) : NULL;
  data->modified = fields->modified ? g_date_time_ref (fields->modified) : NULL;
  data->practice_last = fields->practice_last ? g_date_time_ref (fields->practice_last) : NULL;

  if (!dup_extra (fields->lists[4], fields->lists[5], known_keys, &data->extra_keys, &data->extra_values) ||
      !dup_extra (fields->lists[6], fields->lists[7], practice_keys,
                  &data->practice_extra_keys, &data->practice_extra_values))
    return NULL;

  return sb_story_new_from_data (data);
}

void
sb_story_data_write_json (const SbStoryData *data,
                          GString           *out,
                          guint              indent)
{
  g_string_append_c (out, '{');
  sb_json_write_member (out, indent + 1, "id");
  sb_json_write_string (out, data->id);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "title");
  sb_json_write_string (out, data->title);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "situation");
  sb_json_write_string (out, data->situation);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "task");
  sb_json_write_string (out, data->task);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "actions");
  sb_json_write_strv (out, (const char * const *) data->actions);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "result");
  sb_json_write_string (out, data->result);
  if (data->learnings[0] != '\0')
    {
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "learnings");
      sb_json_write_string (out, data->learnings);
    }
  if (data->notes[0] != '\0')
    {
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "notes");
      sb_json_write_string (out, data->notes);
    }
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "principles");
  sb_json_write_strv (out, (const char * const *) data->principles);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "tags");
  sb_json_write_strv (out, (const char * const *) data->tags);
  if (data->dismissed[0] != NULL)
    {
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "dismissed");
      sb_json_write_strv (out, (const char * const *) data->dismissed);
    }
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "created");
  sb_json_write_date (out, data->created);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "modified");
  sb_json_write_date (out, data->modified);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "practice");
  g_string_append_printf (out, "{ \"count\": %u, \"last\": ", data->practice_count);
  sb_json_write_date (out, data->practice_last);
  g_string_append (out, ", \"confidence\": ");
  if (data->confidence == SB_CONFIDENCE_UNSET)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%d", data->confidence);
  for (guint i = 0; data->practice_extra_keys != NULL && data->practice_extra_keys[i] != NULL; i++)
    {
      g_string_append (out, ", ");
      sb_json_write_string (out, data->practice_extra_keys[i]);
      g_string_append (out, ": ");
      g_string_append (out, data->practice_extra_values[i]);
    }
  g_string_append (out, " }");
  sb_json_write_extra (out, indent + 1,
                       (const char * const *) data->extra_keys,
                       (const char * const *) data->extra_values);
  sb_json_write_indent (out, indent);
  g_string_append_c (out, '}');
}

void
sb_story_write_json (SbStory *self,
                     GString *out,
                     guint    indent)
{
  g_return_if_fail (SB_IS_STORY (self));

  sb_story_data_write_json (self->data, out, indent);
}
