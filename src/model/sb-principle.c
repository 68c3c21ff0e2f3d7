/* sb-principle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-principle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-json.h"
#include "sb-principle.h"
#include "sb-text-private.h"

struct _SbPrinciple
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  /* sb_principle_slugify (name), made when first asked for. */
  char     *name_slug;
  char     *framework_id;
  char     *definition;
  char     *focus_heading;
  char    **focus_names;
  char    **focus_descriptions;
  char    **tips;
  char    **questions;
  char    **signals;
  /* Other names people give it ("High Standards"): built-in only. */
  char    **aliases;
  /* sb_principle_match_key() of the name and of each alias, made when
   * first asked for.
   */
  char    **match_keys;

  char     *user_definition;
  char     *user_focus_heading;
  char    **user_focus_names;
  char    **user_focus_descriptions;
  char    **user_tips;
  char     *notes;

  char    **extra_keys;
  char    **extra_values;

  guint     builtin : 1;
};

G_DEFINE_FINAL_TYPE (SbPrinciple, sb_principle, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FRAMEWORK_ID,
  PROP_BUILTIN,
  PROP_DEFINITION,
  PROP_NOTES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_keys[] = {
  "id", "name", "framework", "definition", "focus-areas-heading", "focus-areas",
  "tips", "questions", "signals", "aliases", "notes", "framework-name", NULL
};

static void
sb_principle_finalize (GObject *object)
{
  SbPrinciple *self = (SbPrinciple *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->name_slug);
  g_free (self->framework_id);
  g_free (self->definition);
  g_free (self->focus_heading);
  g_strfreev (self->focus_names);
  g_strfreev (self->focus_descriptions);
  g_strfreev (self->tips);
  g_strfreev (self->questions);
  g_strfreev (self->signals);
  g_strfreev (self->aliases);
  g_strfreev (self->match_keys);
  g_free (self->user_definition);
  g_free (self->user_focus_heading);
  g_strfreev (self->user_focus_names);
  g_strfreev (self->user_focus_descriptions);
  g_strfreev (self->user_tips);
  g_free (self->notes);
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);

  G_OBJECT_CLASS (sb_principle_parent_class)->finalize (object);
}

static void
sb_principle_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbPrinciple *self = SB_PRINCIPLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FRAMEWORK_ID:
      g_value_set_string (value, self->framework_id);
      break;
    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;
    case PROP_DEFINITION:
      g_value_set_string (value, self->definition);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_principle_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbPrinciple *self = SB_PRINCIPLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      sb_principle_set_name (self, g_value_get_string (value));
      break;
    case PROP_DEFINITION:
      sb_principle_set_definition (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      sb_principle_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_principle_class_init (SbPrincipleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sb_principle_finalize;
  object_class->get_property = sb_principle_get_property;
  object_class->set_property = sb_principle_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_FRAMEWORK_ID] = g_param_spec_string ("framework-id", NULL, NULL, NULL, ro);
  properties[PROP_BUILTIN] = g_param_spec_boolean ("builtin", NULL, NULL, FALSE, ro);
  properties[PROP_DEFINITION] = g_param_spec_string ("definition", NULL, NULL, NULL, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbPrinciple::changed:
   *
   * Emitted after the user changed any of the principle's text.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
sb_principle_init (SbPrinciple *self)
{
  self->definition = g_strdup ("");
  self->focus_heading = g_strdup ("");
  self->focus_names = g_new0 (char *, 1);
  self->focus_descriptions = g_new0 (char *, 1);
  self->tips = g_new0 (char *, 1);
  self->questions = g_new0 (char *, 1);
  self->signals = g_new0 (char *, 1);
  self->user_definition = g_strdup ("");
  self->user_focus_heading = g_strdup ("");
  self->user_focus_names = g_new0 (char *, 1);
  self->user_focus_descriptions = g_new0 (char *, 1);
  self->user_tips = g_new0 (char *, 1);
  self->notes = g_strdup ("");
}

SbPrinciple *
sb_principle_new (const char *id,
                  const char *name,
                  const char *framework_id,
                  gboolean    builtin)
{
  SbPrinciple *self;

  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);

  self = g_object_new (SB_TYPE_PRINCIPLE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : id);
  self->framework_id = g_strdup (framework_id ? framework_id : SB_FRAMEWORK_USER);
  self->builtin = !!builtin;

  return self;
}

/**
 * sb_principle_slugify:
 * @name: a principle's name, such as "Have Backbone; Disagree and Commit"
 *
 * Returns: its id: lower case ASCII letters and digits joined by '-'
 * ("have-backbone-disagree-and-commit"). Letters outside ASCII are kept.
 */
char *
sb_principle_slugify (const char *name)
{
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\'' || c == 0x2019)
        continue;

      if (g_unichar_isalnum (c))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          dash = FALSE;
          g_string_append_unichar (slug, g_unichar_tolower (c));
        }
      else
        dash = TRUE;
    }

  return g_string_free (slug, FALSE);
}

static gboolean
read_focus_areas (JsonObject   *object,
                  char       ***names,
                  char       ***descriptions,
                  GError      **error)
{
  JsonNode *node = json_object_get_member (object, "focus-areas");
  g_autoptr(GStrvBuilder) name_builder = NULL;
  g_autoptr(GStrvBuilder) description_builder = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto invalid;

  name_builder = g_strv_builder_new ();
  description_builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name = NULL, *description = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto invalid;
      if (!sb_json_get_string (json_node_get_object (element), "name", &name, error) ||
          !sb_json_get_string (json_node_get_object (element), "description", &description, error))
        return FALSE;

      g_strv_builder_add (name_builder, name ? name : "");
      g_strv_builder_add (description_builder, description ? description : "");
    }

  g_strfreev (*names);
  g_strfreev (*descriptions);
  *names = g_strv_builder_end (name_builder);
  *descriptions = g_strv_builder_end (description_builder);
  return TRUE;

invalid:
  g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID,
               _("“%s” must be a list of names and descriptions"), "focus-areas");
  return FALSE;
}

static void
replace_string (char       **slot,
                const char  *value)
{
  if (value == NULL)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
}

/**
 * sb_principle_new_from_json:
 * @object: a principle of a framework file, or a user-made principle of
 *   the data file
 * @framework_id: (nullable): the framework, when the object does not name one
 *
 * Returns: (transfer full) (nullable): the principle, or %NULL with @error
 */
SbPrinciple *
sb_principle_new_from_json (JsonObject  *object,
                            gboolean     builtin,
                            const char  *framework_id,
                            GError     **error)
{
  g_autoptr(SbPrinciple) self = NULL;
  const char *id = NULL, *name = NULL, *framework = NULL;
  const char *definition = NULL, *heading = NULL, *notes = NULL;

  if (!sb_json_get_string (object, "id", &id, error) ||
      !sb_json_get_string (object, "name", &name, error) ||
      !sb_json_get_string (object, "framework", &framework, error) ||
      !sb_json_get_string (object, "definition", &definition, error) ||
      !sb_json_get_string (object, "focus-areas-heading", &heading, error) ||
      !sb_json_get_string (object, "notes", &notes, error))
    return NULL;

  if (id == NULL || id[0] == '\0')
    {
      g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID,
                   _("A principle has no “%s”"), "id");
      return NULL;
    }

  self = sb_principle_new (id, name, framework ? framework : framework_id, builtin);
  replace_string (&self->definition, definition);
  replace_string (&self->focus_heading, heading);
  replace_string (&self->notes, notes);

  if (!read_focus_areas (object, &self->focus_names, &self->focus_descriptions, error) ||
      !sb_json_get_strv (object, "tips", &self->tips, error) ||
      !sb_json_get_strv (object, "questions", &self->questions, error) ||
      !sb_json_get_strv (object, "signals", &self->signals, error) ||
      (builtin && !sb_json_get_strv (object, "aliases", &self->aliases, error)))
    return NULL;

  if (!builtin)
    sb_json_collect_extra (object, known_keys, &self->extra_keys, &self->extra_values);

  return g_steal_pointer (&self);
}

/**
 * sb_principle_reset_user_wording:
 *
 * Forgets the user's wording and notes (of a built-in principle, before
 * its entry of the data file is read again).
 */
void
sb_principle_reset_user_wording (SbPrinciple *self)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));

  if (self->user_definition[0] == '\0' && self->user_focus_heading[0] == '\0' &&
      self->user_focus_names[0] == NULL && self->user_tips[0] == NULL &&
      self->notes[0] == '\0' && self->extra_keys == NULL)
    return;

  g_free (self->user_definition);
  self->user_definition = g_strdup ("");
  g_free (self->user_focus_heading);
  self->user_focus_heading = g_strdup ("");
  g_strfreev (self->user_focus_names);
  self->user_focus_names = g_new0 (char *, 1);
  g_strfreev (self->user_focus_descriptions);
  self->user_focus_descriptions = g_new0 (char *, 1);
  g_strfreev (self->user_tips);
  self->user_tips = g_new0 (char *, 1);
  g_free (self->notes);
  self->notes = g_strdup ("");
  g_clear_pointer (&self->extra_keys, g_strfreev);
  g_clear_pointer (&self->extra_values, g_strfreev);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_principle_apply_user_json:
 * @object: the data file's entry with this built-in principle's id
 *
 * Takes the user's own wording for a built-in principle. A member of the
 * wrong type is skipped and reported in @error; the rest still applies.
 */
void
sb_principle_apply_user_json (SbPrinciple  *self,
                              JsonObject   *object,
                              GError      **error)
{
  const char *definition = NULL, *heading = NULL, *notes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_if_fail (SB_IS_PRINCIPLE (self));

  if (sb_json_get_string (object, "definition", &definition, &local_error))
    replace_string (&self->user_definition, definition);
  if (local_error == NULL && sb_json_get_string (object, "focus-areas-heading", &heading, &local_error))
    replace_string (&self->user_focus_heading, heading);
  if (local_error == NULL && sb_json_get_string (object, "notes", &notes, &local_error))
    replace_string (&self->notes, notes);
  if (local_error == NULL)
    read_focus_areas (object, &self->user_focus_names, &self->user_focus_descriptions, &local_error);
  if (local_error == NULL)
    sb_json_get_strv (object, "tips", &self->user_tips, &local_error);

  sb_json_collect_extra (object, known_keys, &self->extra_keys, &self->extra_values);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_principle_has_user_content:
 *
 * Returns: whether the data file must hold an entry for this principle: it
 * is user-made, or the user wrote their own wording or notes for it.
 */
gboolean
sb_principle_has_user_content (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), FALSE);

  return !self->builtin ||
         self->user_definition[0] != '\0' ||
         self->user_focus_heading[0] != '\0' ||
         self->user_focus_names[0] != NULL ||
         self->user_tips[0] != NULL ||
         self->notes[0] != '\0' ||
         self->extra_keys != NULL;
}

static void
write_focus_areas (GString            *out,
                   guint               indent,
                   const char * const *names,
                   const char * const *descriptions)
{
  g_string_append_c (out, '[');
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      sb_json_write_indent (out, indent + 1);
      g_string_append (out, "{ \"name\": ");
      sb_json_write_string (out, names[i]);
      g_string_append (out, ", \"description\": ");
      sb_json_write_string (out, descriptions[i]);
      g_string_append (out, " }");
    }
  if (names[0] != NULL)
    sb_json_write_indent (out, indent);
  g_string_append_c (out, ']');
}

void
sb_principle_write_user_json (SbPrinciple *self,
                              GString     *out,
                              guint        indent)
{
  sb_principle_write_user_json_full (self, out, indent, NULL);
}

/**
 * sb_principle_write_user_json_full:
 * @framework_name: (nullable): the name of a user-made principle's
 *   framework, written as "framework-name" beside its "framework" id so
 *   that a user's own framework keeps its name in the data file
 */
void
sb_principle_write_user_json_full (SbPrinciple *self,
                                   GString     *out,
                                   guint        indent,
                                   const char  *framework_name)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));

  g_string_append_c (out, '{');
  sb_json_write_member (out, indent + 1, "id");
  sb_json_write_string (out, self->id);

  if (!self->builtin)
    {
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "name");
      sb_json_write_string (out, self->name);
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "framework");
      sb_json_write_string (out, self->framework_id);
      if (framework_name != NULL)
        {
          g_string_append_c (out, ',');
          sb_json_write_member (out, indent + 1, "framework-name");
          sb_json_write_string (out, framework_name);
        }
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "definition");
      sb_json_write_string (out, self->definition);
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "focus-areas-heading");
      sb_json_write_string (out, self->focus_heading);
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "focus-areas");
      write_focus_areas (out, indent + 1,
                         (const char * const *) self->focus_names,
                         (const char * const *) self->focus_descriptions);
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "tips");
      sb_json_write_strv (out, (const char * const *) self->tips);
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "questions");
      sb_json_write_strv (out, (const char * const *) self->questions);
    }
  else
    {
      if (self->user_definition[0] != '\0')
        {
          g_string_append_c (out, ',');
          sb_json_write_member (out, indent + 1, "definition");
          sb_json_write_string (out, self->user_definition);
        }
      if (self->user_focus_heading[0] != '\0')
        {
          g_string_append_c (out, ',');
          sb_json_write_member (out, indent + 1, "focus-areas-heading");
          sb_json_write_string (out, self->user_focus_heading);
        }
      if (self->user_focus_names[0] != NULL)
        {
          g_string_append_c (out, ',');
          sb_json_write_member (out, indent + 1, "focus-areas");
          write_focus_areas (out, indent + 1,
                             (const char * const *) self->user_focus_names,
                             (const char * const *) self->user_focus_descriptions);
        }
      if (self->user_tips[0] != NULL)
        {
          g_string_append_c (out, ',');
          sb_json_write_member (out, indent + 1, "tips");
          sb_json_write_strv (out, (const char * const *) self->user_tips);
        }
    }

  if (self->notes[0] != '\0')
    {
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent + 1, "notes");
      sb_json_write_string (out, self->notes);
    }

  sb_json_write_extra (out, indent + 1,
                       (const char * const *) self->extra_keys,
                       (const char * const *) self->extra_values);
  sb_json_write_indent (out, indent);
  g_string_append_c (out, '}');
}

static void
sb_principle_changed (SbPrinciple *self,
                      GParamSpec  *pspec)
{
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
set_strv (char               ***slot,
          const char * const   *value)
{
  static const char * const empty[] = { NULL };

  if (value == NULL)
    value = empty;
  if (g_strv_equal ((const char * const *) *slot, value))
    return FALSE;
  g_strfreev (*slot);
  *slot = g_strdupv ((char **) value);
  return TRUE;
}

const char *
sb_principle_get_id (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return self->id;
}

const char *
sb_principle_get_name (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return self->name;
}

void
sb_principle_set_name (SbPrinciple *self,
                       const char  *name)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));
  if (_sb_set_text (&self->name, name))
    {
      g_clear_pointer (&self->name_slug, g_free);
      g_clear_pointer (&self->match_keys, g_strfreev);
      sb_principle_changed (self, properties[PROP_NAME]);
    }
}

/**
 * sb_principle_get_name_slug:
 *
 * Returns: the name as sb_principle_slugify() makes it, to match names
 * ignoring case, spacing and punctuation
 */
const char *
sb_principle_get_name_slug (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);

  if (self->name_slug == NULL)
    self->name_slug = sb_principle_slugify (self->name);
  return self->name_slug;
}

const char *
sb_principle_get_framework_id (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return self->framework_id;
}

void
sb_principle_set_framework_id (SbPrinciple *self,
                               const char  *framework_id)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));
  g_return_if_fail (!self->builtin);
  if (_sb_set_text (&self->framework_id, framework_id ? framework_id : SB_FRAMEWORK_USER))
    sb_principle_changed (self, properties[PROP_FRAMEWORK_ID]);
}

gboolean
sb_principle_get_builtin (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), FALSE);
  return self->builtin;
}

const char *
sb_principle_get_definition (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return self->definition;
}

void
sb_principle_set_definition (SbPrinciple *self,
                             const char  *definition)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));
  g_return_if_fail (!self->builtin);
  if (_sb_set_text (&self->definition, definition))
    sb_principle_changed (self, properties[PROP_DEFINITION]);
}

const char *
sb_principle_get_focus_heading (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return self->focus_heading;
}

guint
sb_principle_get_n_focus_areas (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), 0);
  return g_strv_length (self->focus_names);
}

void
sb_principle_get_focus_area (SbPrinciple  *self,
                             guint         position,
                             const char  **name,
                             const char  **description)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));
  g_return_if_fail (position < g_strv_length (self->focus_names));

  if (name)
    *name = self->focus_names[position];
  if (description)
    *description = self->focus_descriptions[position];
}

void
sb_principle_set_focus_areas (SbPrinciple        *self,
                              const char         *heading,
                              const char * const *names,
                              const char * const *descriptions)
{
  gboolean changed;

  g_return_if_fail (SB_IS_PRINCIPLE (self));
  g_return_if_fail (!self->builtin);
  g_return_if_fail (g_strv_length ((char **) names) == g_strv_length ((char **) descriptions));

  changed = _sb_set_text (&self->focus_heading, heading);
  changed |= set_strv (&self->focus_names, names);
  changed |= set_strv (&self->focus_descriptions, descriptions);
  if (changed)
    sb_principle_changed (self, NULL);
}

const char * const *
sb_principle_get_tips (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return (const char * const *) self->tips;
}

void
sb_principle_set_tips (SbPrinciple        *self,
                       const char * const *tips)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));
  g_return_if_fail (!self->builtin);
  if (set_strv (&self->tips, tips))
    sb_principle_changed (self, NULL);
}

const char * const *
sb_principle_get_questions (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return (const char * const *) self->questions;
}

void
sb_principle_set_questions (SbPrinciple        *self,
                            const char * const *questions)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));
  g_return_if_fail (!self->builtin);
  if (set_strv (&self->questions, questions))
    sb_principle_changed (self, NULL);
}

const char * const *
sb_principle_get_signals (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return (const char * const *) self->signals;
}

/**
 * sb_principle_get_aliases:
 *
 * Returns: (transfer none) (nullable): the other names people give a
 * built-in principle ("High Standards", "Backbone"), for matching names
 * in imported files
 */
const char * const *
sb_principle_get_aliases (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return (const char * const *) self->aliases;
}

/* Words that tell principles' names nothing apart: "Bias for Action" is
 * "Bias to Action", "Learn & Be Curious" is "Learn and Be Curious".
 */
static const char * const filler_words[] = {
  "a", "an", "and", "are", "be", "for", "is", "of", "on", "the", "to", NULL
};

static void
add_match_word (GString *key,
                GString *word,
                guint   *n_words)
{
  if (word->len == 0)
    return;

  /* Numbering ("1.", "LP7") before a name says nothing of it. */
  if (key->len == 0 && strpbrk (word->str, "0123456789") != NULL)
    {
      g_string_truncate (word, 0);
      return;
    }
  /* "Insist on the Highest Standards" is "Highest Standards". */
  if (!(*n_words == 0 && g_str_equal (word->str, "insist")) &&
      !g_strv_contains (filler_words, word->str))
    {
      /* One standard, many standards. */
      if (word->len > 3 && word->str[word->len - 1] == 's' && word->str[word->len - 2] != 's')
        g_string_truncate (word, word->len - 1);
      if (key->len > 0)
        g_string_append_c (key, '-');
      g_string_append_len (key, word->str, word->len);
    }
  (*n_words)++;
  g_string_truncate (word, 0);
}

/**
 * sb_principle_match_key:
 * @name: a principle's name as people write it: "High standards",
 *   "earnTrust", "Learn & Be Curious", "3. Think Big"
 *
 * Returns: (transfer full): what names that mean the same principle have
 * in common: its words in lower case, camelCase split, with no
 * punctuation, numbering, filler words ("and", "the", "to") or plural s
 */
char *
sb_principle_match_key (const char *name)
{
  g_autoptr(GString) word = g_string_new (NULL);
  GString *key = g_string_new (NULL);
  gunichar previous = 0;
  guint n_words = 0;

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\'' || c == 0x2019)
        continue;
      if (c == '&')
        {
          add_match_word (key, word, &n_words);
          previous = 0;
          continue;
        }
      if (!g_unichar_isalnum (c))
        {
          add_match_word (key, word, &n_words);
          previous = 0;
          continue;
        }
      if (g_unichar_isupper (c) && previous != 0 && g_unichar_islower (previous))
        add_match_word (key, word, &n_words);
      g_string_append_unichar (word, g_unichar_tolower (c));
      previous = c;
    }
  add_match_word (key, word, &n_words);

  return g_string_free (key, FALSE);
}

/**
 * sb_principle_matches_key:
 * @key: a name's sb_principle_match_key()
 *
 * Returns: whether @key is the key of the principle's name or of one of
 * its aliases
 */
gboolean
sb_principle_matches_key (SbPrinciple *self,
                          const char  *key)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->match_keys == NULL)
    {
      GPtrArray *keys = g_ptr_array_new ();

      g_ptr_array_add (keys, sb_principle_match_key (self->name));
      for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
        g_ptr_array_add (keys, sb_principle_match_key (self->aliases[i]));
      g_ptr_array_add (keys, NULL);
      self->match_keys = (char **) g_ptr_array_free (keys, FALSE);
    }

  return key[0] != '\0' && g_strv_contains ((const char * const *) self->match_keys, key);
}

const char *
sb_principle_get_user_definition (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return self->user_definition;
}

const char *
sb_principle_get_user_focus_heading (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return self->user_focus_heading;
}

const char * const *
sb_principle_get_user_focus_names (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return (const char * const *) self->user_focus_names;
}

const char * const *
sb_principle_get_user_focus_descriptions (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return (const char * const *) self->user_focus_descriptions;
}

const char * const *
sb_principle_get_user_tips (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return (const char * const *) self->user_tips;
}

const char *
sb_principle_get_notes (SbPrinciple *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE (self), NULL);
  return self->notes;
}

void
sb_principle_set_notes (SbPrinciple *self,
                        const char  *notes)
{
  g_return_if_fail (SB_IS_PRINCIPLE (self));
  if (_sb_set_text (&self->notes, notes))
    sb_principle_changed (self, properties[PROP_NOTES]);
}

/**
 * sb_principle_set_user_wording:
 *
 * Sets the user's own definition, focus areas (with their heading) and
 * tips for a built-in principle, as an imported page words them.
 */
void
sb_principle_set_user_wording (SbPrinciple        *self,
                               const char         *definition,
                               const char         *focus_heading,
                               const char * const *focus_names,
                               const char * const *focus_descriptions,
                               const char * const *tips)
{
  gboolean changed;

  g_return_if_fail (SB_IS_PRINCIPLE (self));
  g_return_if_fail (g_strv_length ((char **) focus_names) == g_strv_length ((char **) focus_descriptions));

  changed = _sb_set_text (&self->user_definition, definition);
  changed |= _sb_set_text (&self->user_focus_heading, focus_heading);
  changed |= set_strv (&self->user_focus_names, focus_names);
  changed |= set_strv (&self->user_focus_descriptions, focus_descriptions);
  changed |= set_strv (&self->user_tips, tips);
  if (changed)
    sb_principle_changed (self, NULL);
}
