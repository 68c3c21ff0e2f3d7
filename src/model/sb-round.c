/* sb-round.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-round"

#include "config.h"

#include "sb-json.h"
#include "sb-round.h"
#include "sb-text-private.h"

/* A story a round's plan holds for a principle, or one told in it (the
 * story's title as it was then: kept when the story is deleted).
 */
typedef struct
{
  char *key;    /* the principle (planned) or the story (told) */
  char *value;  /* the story (planned) or its title (told) */
} Pair;

/* One round of an interview: what it probes, what the user plans to
 * tell and, afterwards, what was told and how it went.
 */
struct _SbRound
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *interviewer;
  guint       minutes;
  char      **principles;
  GPtrArray  *planned;  /* Pair: principle id, story id */
  GPtrArray  *told;     /* Pair: story id, title */
  int         rating;
  char      **follow_ups;

  /* Members this version does not know, and their JSON text. */
  char      **extra_keys;
  char      **extra_values;
};

G_DEFINE_FINAL_TYPE (SbRound, sb_round, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_INTERVIEWER,
  PROP_MINUTES,
  PROP_PRINCIPLES,
  PROP_N_PLANNED,
  PROP_N_TOLD,
  PROP_RATING,
  PROP_FOLLOW_UPS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_keys[] = {
  "id", "name", "interviewer", "minutes", "principles", "plan", "told",
  "rating", "follow-ups", NULL
};

/* Defaults for a round long enough for two or three stories. */
#define DEFAULT_MINUTES 45
#define MAX_MINUTES (24 * 60)

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_free (pair->key);
  g_free (pair->value);
  g_free (pair);
}

static Pair *
pair_new (const char *key,
          const char *value)
{
  Pair *pair = g_new (Pair, 1);

  pair->key = g_strdup (key);
  pair->value = g_strdup (value ? value : "");
  return pair;
}

static Pair *
pairs_find (GPtrArray  *pairs,
            const char *key,
            guint      *position)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (pairs, i);

      if (g_strcmp0 (pair->key, key) == 0)
        {
          if (position != NULL)
            *position = i;
          return pair;
        }
    }
  return NULL;
}

static void
sb_round_changed (SbRound *self,
                  guint    prop)
{
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

static void
sb_round_finalize (GObject *object)
{
  SbRound *self = (SbRound *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->interviewer);
  g_strfreev (self->principles);
  g_ptr_array_unref (self->planned);
  g_ptr_array_unref (self->told);
  g_strfreev (self->follow_ups);
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);

  G_OBJECT_CLASS (sb_round_parent_class)->finalize (object);
}

static void
sb_round_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbRound *self = SB_ROUND (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_INTERVIEWER:
      g_value_set_string (value, self->interviewer);
      break;
    case PROP_MINUTES:
      g_value_set_uint (value, self->minutes);
      break;
    case PROP_PRINCIPLES:
      g_value_set_boxed (value, self->principles);
      break;
    case PROP_N_PLANNED:
      g_value_set_uint (value, self->planned->len);
      break;
    case PROP_N_TOLD:
      g_value_set_uint (value, self->told->len);
      break;
    case PROP_RATING:
      g_value_set_int (value, self->rating);
      break;
    case PROP_FOLLOW_UPS:
      g_value_set_boxed (value, self->follow_ups);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_round_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SbRound *self = SB_ROUND (object);

  switch (prop_id)
    {
    case PROP_NAME:
      sb_round_set_name (self, g_value_get_string (value));
      break;
    case PROP_INTERVIEWER:
      sb_round_set_interviewer (self, g_value_get_string (value));
      break;
    case PROP_MINUTES:
      sb_round_set_minutes (self, g_value_get_uint (value));
      break;
    case PROP_PRINCIPLES:
      sb_round_set_principles (self, g_value_get_boxed (value));
      break;
    case PROP_RATING:
      sb_round_set_rating (self, g_value_get_int (value));
      break;
    case PROP_FOLLOW_UPS:
      sb_round_set_follow_ups (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_round_class_init (SbRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sb_round_finalize;
  object_class->get_property = sb_round_get_property;
  object_class->set_property = sb_round_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_INTERVIEWER] = g_param_spec_string ("interviewer", NULL, NULL, "", rw);
  properties[PROP_MINUTES] = g_param_spec_uint ("minutes", NULL, NULL, 0, MAX_MINUTES, DEFAULT_MINUTES, rw);
  properties[PROP_PRINCIPLES] = g_param_spec_boxed ("principles", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_N_PLANNED] = g_param_spec_uint ("n-planned", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_TOLD] = g_param_spec_uint ("n-told", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RATING] = g_param_spec_int ("rating", NULL, NULL, 0, 5, SB_ROUND_RATING_UNSET, rw);
  properties[PROP_FOLLOW_UPS] = g_param_spec_boxed ("follow-ups", NULL, NULL, G_TYPE_STRV, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbRound::changed:
   *
   * Emitted after any edit of the round, its plan and log included.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
sb_round_init (SbRound *self)
{
  self->name = g_strdup ("");
  self->interviewer = g_strdup ("");
  self->minutes = DEFAULT_MINUTES;
  self->principles = g_new0 (char *, 1);
  self->planned = g_ptr_array_new_with_free_func (pair_free);
  self->told = g_ptr_array_new_with_free_func (pair_free);
  self->follow_ups = g_new0 (char *, 1);
}

/**
 * sb_round_new:
 * @name: (nullable): "Hiring manager", "Bar raiser", …
 *
 * Returns: (transfer full): a new round with a new id
 */
SbRound *
sb_round_new (const char *name)
{
  SbRound *self = g_object_new (SB_TYPE_ROUND, NULL);

  self->id = g_uuid_string_random ();
  g_free (self->name);
  self->name = g_strdup (name ? name : "");
  return self;
}

/* Reads a list of {"a": …, "b": …} objects, skipping any that is not one
 * or lacks @a: a hand-edited file loses only the broken entry.
 */
static void
read_pairs (JsonObject *object,
            const char *member,
            const char *a,
            const char *b,
            GPtrArray  *pairs)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *key = NULL, *value = NULL;
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      if (!sb_json_get_string (entry, a, &key, NULL) || key == NULL || key[0] == '\0'
          || !sb_json_get_string (entry, b, &value, NULL))
        continue;
      if (pairs_find (pairs, key, NULL) == NULL)
        g_ptr_array_add (pairs, pair_new (key, value));
    }
}

/* A member of the wrong type is read as absent: the round loads with
 * the rest, and a file a person edited by hand still opens.
 */
static void
get_string_or_skip (JsonObject  *object,
                    const char  *member,
                    char       **value)
{
  const char *text = NULL;

  if (sb_json_get_string (object, member, &text, NULL) && text != NULL)
    {
      g_free (*value);
      *value = g_strdup (text);
    }
}

static void
get_strv_or_skip (JsonObject   *object,
                  const char   *member,
                  char       ***value)
{
  if (!sb_json_get_strv (object, member, value, NULL))
    g_debug ("Ignoring the round's “%s”: not a list of text", member);
}

static gint64
get_int_or (JsonObject *object,
            const char *member,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value >= G_MININT32 && value <= G_MAXINT32)
        return (gint64) value;
    }
  return fallback;
}

/**
 * sb_round_new_from_json:
 *
 * Reads a round as the data file holds it. Members of the wrong type are
 * ignored; a round without an id gets a new one.
 *
 * Returns: (transfer full): the round
 */
SbRound *
sb_round_new_from_json (JsonObject  *object,
                        GError     **error)
{
  SbRound *self;
  gint64 minutes, rating;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (SB_TYPE_ROUND, NULL);
  get_string_or_skip (object, "id", &self->id);
  if (self->id == NULL || self->id[0] == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
  get_string_or_skip (object, "name", &self->name);
  get_string_or_skip (object, "interviewer", &self->interviewer);
  minutes = get_int_or (object, "minutes", DEFAULT_MINUTES);
  self->minutes = CLAMP (minutes, 0, MAX_MINUTES);
  get_strv_or_skip (object, "principles", &self->principles);
  read_pairs (object, "plan", "principle", "story", self->planned);
  read_pairs (object, "told", "story", "title", self->told);
  rating = get_int_or (object, "rating", SB_ROUND_RATING_UNSET);
  self->rating = rating >= 1 && rating <= 5 ? (int) rating : SB_ROUND_RATING_UNSET;
  get_strv_or_skip (object, "follow-ups", &self->follow_ups);
  sb_json_collect_extra (object, known_keys, &self->extra_keys, &self->extra_values);

  return self;
}

static void
write_pairs (GString    *out,
             GPtrArray  *pairs,
             const char *a,
             const char *b)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (pairs, i);

      g_string_append (out, i > 0 ? ", { " : "{ ");
      sb_json_write_string (out, a);
      g_string_append (out, ": ");
      sb_json_write_string (out, pair->key);
      g_string_append (out, ", ");
      sb_json_write_string (out, b);
      g_string_append (out, ": ");
      sb_json_write_string (out, pair->value);
      g_string_append (out, " }");
    }
  g_string_append_c (out, ']');
}

/**
 * sb_round_write_json:
 * @indent: the depth of the round's opening brace
 *
 * Appends the round as a JSON object, unknown members kept.
 */
void
sb_round_write_json (SbRound *self,
                     GString *out,
                     guint    indent)
{
  g_return_if_fail (SB_IS_ROUND (self));

  g_string_append_c (out, '{');
  sb_json_write_member (out, indent + 1, "id");
  sb_json_write_string (out, self->id);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "name");
  sb_json_write_string (out, self->name);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "interviewer");
  sb_json_write_string (out, self->interviewer);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "minutes");
  g_string_append_printf (out, "%u,", self->minutes);
  sb_json_write_member (out, indent + 1, "principles");
  sb_json_write_strv (out, (const char * const *) self->principles);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "plan");
  write_pairs (out, self->planned, "principle", "story");
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "told");
  write_pairs (out, self->told, "story", "title");
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "rating");
  if (self->rating == SB_ROUND_RATING_UNSET)
    g_string_append (out, "null,");
  else
    g_string_append_printf (out, "%d,", self->rating);
  sb_json_write_member (out, indent + 1, "follow-ups");
  sb_json_write_strv (out, (const char * const *) self->follow_ups);
  sb_json_write_extra (out, indent + 1,
                       (const char * const *) self->extra_keys,
                       (const char * const *) self->extra_values);
  sb_json_write_indent (out, indent);
  g_string_append_c (out, '}');
}

/**
 * sb_round_copy:
 *
 * Returns: (transfer full): a round with the same id and content
 */
SbRound *
sb_round_copy (SbRound *self)
{
  SbRound *copy;

  g_return_val_if_fail (SB_IS_ROUND (self), NULL);

  copy = g_object_new (SB_TYPE_ROUND, NULL);
  copy->id = g_strdup (self->id);
  g_free (copy->name);
  copy->name = g_strdup (self->name);
  g_free (copy->interviewer);
  copy->interviewer = g_strdup (self->interviewer);
  copy->minutes = self->minutes;
  g_strfreev (copy->principles);
  copy->principles = g_strdupv (self->principles);
  for (guint i = 0; i < self->planned->len; i++)
    {
      Pair *pair = g_ptr_array_index (self->planned, i);

      g_ptr_array_add (copy->planned, pair_new (pair->key, pair->value));
    }
  for (guint i = 0; i < self->told->len; i++)
    {
      Pair *pair = g_ptr_array_index (self->told, i);

      g_ptr_array_add (copy->told, pair_new (pair->key, pair->value));
    }
  copy->rating = self->rating;
  g_strfreev (copy->follow_ups);
  copy->follow_ups = g_strdupv (self->follow_ups);
  copy->extra_keys = g_strdupv (self->extra_keys);
  copy->extra_values = g_strdupv (self->extra_values);

  return copy;
}

const char *
sb_round_get_id (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);

  return self->id;
}

const char *
sb_round_get_name (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);

  return self->name;
}

void
sb_round_set_name (SbRound    *self,
                   const char *name)
{
  g_return_if_fail (SB_IS_ROUND (self));

  if (_sb_set_text (&self->name, name))
    sb_round_changed (self, PROP_NAME);
}

const char *
sb_round_get_interviewer (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);

  return self->interviewer;
}

void
sb_round_set_interviewer (SbRound    *self,
                          const char *interviewer)
{
  g_return_if_fail (SB_IS_ROUND (self));

  if (_sb_set_text (&self->interviewer, interviewer))
    sb_round_changed (self, PROP_INTERVIEWER);
}

guint
sb_round_get_minutes (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), 0);

  return self->minutes;
}

void
sb_round_set_minutes (SbRound *self,
                      guint    minutes)
{
  g_return_if_fail (SB_IS_ROUND (self));

  minutes = MIN (minutes, MAX_MINUTES);
  if (self->minutes == minutes)
    return;
  self->minutes = minutes;
  sb_round_changed (self, PROP_MINUTES);
}

/**
 * sb_round_get_principles:
 *
 * Returns: (transfer none): the ids of the principles the round probes,
 *   in the user's order
 */
const char * const *
sb_round_get_principles (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);

  return (const char * const *) self->principles;
}

/**
 * sb_round_set_principles:
 *
 * Sets the principles probed, each once. The plan keeps its stories for
 * the principles still probed.
 */
void
sb_round_set_principles (SbRound            *self,
                         const char * const *principle_ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (SB_IS_ROUND (self));

  for (guint i = 0; principle_ids != NULL && principle_ids[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      if (principle_ids[i][0] == '\0')
        continue;
      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (principle_ids[i], principle_ids[j]);
      if (!seen)
        g_strv_builder_add (builder, principle_ids[i]);
    }
  ids = g_strv_builder_end (builder);
  if (strv_equal0 ((const char * const *) ids, (const char * const *) self->principles))
    return;

  g_strfreev (self->principles);
  self->principles = g_steal_pointer (&ids);
  sb_round_changed (self, PROP_PRINCIPLES);
}

gboolean
sb_round_has_principle (SbRound    *self,
                        const char *principle_id)
{
  g_return_val_if_fail (SB_IS_ROUND (self), FALSE);

  return principle_id != NULL && g_strv_contains ((const char * const *) self->principles, principle_id);
}

void
sb_round_add_principle (SbRound    *self,
                        const char *principle_id)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (SB_IS_ROUND (self));
  g_return_if_fail (principle_id != NULL);

  if (sb_round_has_principle (self, principle_id))
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) self->principles);
  g_strv_builder_add (builder, principle_id);
  ids = g_strv_builder_end (builder);
  sb_round_set_principles (self, (const char * const *) ids);
}

void
sb_round_remove_principle (SbRound    *self,
                           const char *principle_id)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (SB_IS_ROUND (self));

  if (!sb_round_has_principle (self, principle_id))
    return;
  builder = g_strv_builder_new ();
  for (guint i = 0; self->principles[i] != NULL; i++)
    if (!g_str_equal (self->principles[i], principle_id))
      g_strv_builder_add (builder, self->principles[i]);
  ids = g_strv_builder_end (builder);
  sb_round_set_principles (self, (const char * const *) ids);
}

guint
sb_round_get_n_planned (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), 0);

  return self->planned->len;
}

const char *
sb_round_get_planned_principle (SbRound *self,
                                guint    position)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);
  g_return_val_if_fail (position < self->planned->len, NULL);

  return ((Pair *) g_ptr_array_index (self->planned, position))->key;
}

const char *
sb_round_get_planned_story_at (SbRound *self,
                               guint    position)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);
  g_return_val_if_fail (position < self->planned->len, NULL);

  return ((Pair *) g_ptr_array_index (self->planned, position))->value;
}

/**
 * sb_round_get_planned_story:
 *
 * Returns: (nullable): the id of the story planned for @principle_id
 */
const char *
sb_round_get_planned_story (SbRound    *self,
                            const char *principle_id)
{
  Pair *pair;

  g_return_val_if_fail (SB_IS_ROUND (self), NULL);

  pair = pairs_find (self->planned, principle_id, NULL);
  return pair != NULL && pair->value[0] != '\0' ? pair->value : NULL;
}

/**
 * sb_round_set_planned_story:
 * @story_id: (nullable): the story to tell for @principle_id, or %NULL
 *   to let the plan propose one again
 */
void
sb_round_set_planned_story (SbRound    *self,
                            const char *principle_id,
                            const char *story_id)
{
  guint position;
  Pair *pair;

  g_return_if_fail (SB_IS_ROUND (self));
  g_return_if_fail (principle_id != NULL);

  pair = pairs_find (self->planned, principle_id, &position);
  if (story_id == NULL || story_id[0] == '\0')
    {
      if (pair == NULL)
        return;
      g_ptr_array_remove_index (self->planned, position);
    }
  else if (pair != NULL)
    {
      if (!_sb_set_text (&pair->value, story_id))
        return;
    }
  else
    g_ptr_array_add (self->planned, pair_new (principle_id, story_id));

  sb_round_changed (self, PROP_N_PLANNED);
}

void
sb_round_clear_planned (SbRound *self)
{
  g_return_if_fail (SB_IS_ROUND (self));

  if (self->planned->len == 0)
    return;
  g_ptr_array_set_size (self->planned, 0);
  sb_round_changed (self, PROP_N_PLANNED);
}

gboolean
sb_round_plans_story (SbRound    *self,
                      const char *story_id)
{
  g_return_val_if_fail (SB_IS_ROUND (self), FALSE);

  if (story_id == NULL)
    return FALSE;
  for (guint i = 0; i < self->planned->len; i++)
    if (g_str_equal (((Pair *) g_ptr_array_index (self->planned, i))->value, story_id))
      return TRUE;
  return FALSE;
}

guint
sb_round_get_n_told (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), 0);

  return self->told->len;
}

const char *
sb_round_get_told_story (SbRound *self,
                         guint    position)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);
  g_return_val_if_fail (position < self->told->len, NULL);

  return ((Pair *) g_ptr_array_index (self->told, position))->key;
}

/**
 * sb_round_get_told_title:
 *
 * Returns: the story's title when it was logged as told, kept after the
 *   story is renamed or deleted
 */
const char *
sb_round_get_told_title (SbRound *self,
                         guint    position)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);
  g_return_val_if_fail (position < self->told->len, NULL);

  return ((Pair *) g_ptr_array_index (self->told, position))->value;
}

gboolean
sb_round_has_told (SbRound    *self,
                   const char *story_id)
{
  g_return_val_if_fail (SB_IS_ROUND (self), FALSE);

  return story_id != NULL && pairs_find (self->told, story_id, NULL) != NULL;
}

/**
 * sb_round_add_told:
 * @title: the story's title now, kept with the log
 *
 * Logs @story_id as told in this round (once; a second call updates the
 * title).
 */
void
sb_round_add_told (SbRound    *self,
                   const char *story_id,
                   const char *title)
{
  Pair *pair;

  g_return_if_fail (SB_IS_ROUND (self));
  g_return_if_fail (story_id != NULL && story_id[0] != '\0');

  pair = pairs_find (self->told, story_id, NULL);
  if (pair != NULL)
    {
      if (_sb_set_text (&pair->value, title))
        sb_round_changed (self, PROP_0);
      return;
    }
  g_ptr_array_add (self->told, pair_new (story_id, title));
  sb_round_changed (self, PROP_N_TOLD);
}

void
sb_round_remove_told (SbRound    *self,
                      const char *story_id)
{
  guint position;

  g_return_if_fail (SB_IS_ROUND (self));

  if (pairs_find (self->told, story_id, &position) == NULL)
    return;
  g_ptr_array_remove_index (self->told, position);
  sb_round_changed (self, PROP_N_TOLD);
}

int
sb_round_get_rating (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), SB_ROUND_RATING_UNSET);

  return self->rating;
}

/**
 * sb_round_set_rating:
 * @rating: how the round went, 1-5, or %SB_ROUND_RATING_UNSET
 */
void
sb_round_set_rating (SbRound *self,
                     int      rating)
{
  g_return_if_fail (SB_IS_ROUND (self));
  g_return_if_fail (rating >= 0 && rating <= 5);

  if (self->rating == rating)
    return;
  self->rating = rating;
  sb_round_changed (self, PROP_RATING);
}

const char * const *
sb_round_get_follow_ups (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);

  return (const char * const *) self->follow_ups;
}

void
sb_round_set_follow_ups (SbRound            *self,
                         const char * const *questions)
{
  g_return_if_fail (SB_IS_ROUND (self));

  if (strv_equal0 (questions, (const char * const *) self->follow_ups))
    return;
  g_strfreev (self->follow_ups);
  self->follow_ups = questions ? g_strdupv ((char **) questions) : g_new0 (char *, 1);
  sb_round_changed (self, PROP_FOLLOW_UPS);
}

void
sb_round_add_follow_up (SbRound    *self,
                        const char *question)
{
  guint n;

  g_return_if_fail (SB_IS_ROUND (self));
  g_return_if_fail (question != NULL);

  n = g_strv_length (self->follow_ups);
  self->follow_ups = g_renew (char *, self->follow_ups, n + 2);
  self->follow_ups[n] = g_strdup (question);
  self->follow_ups[n + 1] = NULL;
  sb_round_changed (self, PROP_FOLLOW_UPS);
}

static gboolean
pairs_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      Pair *pa = g_ptr_array_index (a, i);
      Pair *pb = g_ptr_array_index (b, i);

      if (!g_str_equal (pa->key, pb->key) || !g_str_equal (pa->value, pb->value))
        return FALSE;
    }
  return TRUE;
}

static void
pairs_copy_into (GPtrArray *to,
                 GPtrArray *from)
{
  g_ptr_array_set_size (to, 0);
  for (guint i = 0; i < from->len; i++)
    {
      Pair *pair = g_ptr_array_index (from, i);

      g_ptr_array_add (to, pair_new (pair->key, pair->value));
    }
}

/**
 * sb_round_content_equal:
 *
 * Returns: whether both rounds hold the same id and content
 */
gboolean
sb_round_content_equal (SbRound *self,
                        SbRound *other)
{
  g_return_val_if_fail (SB_IS_ROUND (self), FALSE);
  g_return_val_if_fail (SB_IS_ROUND (other), FALSE);

  return g_str_equal (self->id, other->id) &&
         g_str_equal (self->name, other->name) &&
         g_str_equal (self->interviewer, other->interviewer) &&
         self->minutes == other->minutes &&
         strv_equal0 ((const char * const *) self->principles, (const char * const *) other->principles) &&
         pairs_equal (self->planned, other->planned) &&
         pairs_equal (self->told, other->told) &&
         self->rating == other->rating &&
         strv_equal0 ((const char * const *) self->follow_ups, (const char * const *) other->follow_ups) &&
         strv_equal0 ((const char * const *) self->extra_keys, (const char * const *) other->extra_keys) &&
         strv_equal0 ((const char * const *) self->extra_values, (const char * const *) other->extra_values);
}

/**
 * sb_round_update_from:
 *
 * Makes @self hold @other's content (a merge from disk), notifying what
 * changed, so that widgets bound to @self follow. The id stays.
 */
void
sb_round_update_from (SbRound *self,
                      SbRound *other)
{
  g_return_if_fail (SB_IS_ROUND (self));
  g_return_if_fail (SB_IS_ROUND (other));

  if (sb_round_content_equal (self, other))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_signal_handlers_block_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);
  sb_round_set_name (self, other->name);
  sb_round_set_interviewer (self, other->interviewer);
  sb_round_set_minutes (self, other->minutes);
  sb_round_set_principles (self, (const char * const *) other->principles);
  sb_round_set_rating (self, other->rating);
  sb_round_set_follow_ups (self, (const char * const *) other->follow_ups);
  g_signal_handlers_unblock_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);
  if (!pairs_equal (self->planned, other->planned))
    {
      pairs_copy_into (self->planned, other->planned);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PLANNED]);
    }
  if (!pairs_equal (self->told, other->told))
    {
      pairs_copy_into (self->told, other->told);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOLD]);
    }
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);
  self->extra_keys = g_strdupv (other->extra_keys);
  self->extra_values = g_strdupv (other->extra_values);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
