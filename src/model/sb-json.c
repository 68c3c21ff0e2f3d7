/* sb-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-json"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sb-json.h"

G_DEFINE_QUARK (sb-json-error-quark, sb_json_error)

void
sb_json_write_string (GString    *out,
                      const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const char *p;

  g_string_append_c (out, '"');
  for (p = str ? str : ""; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[c >> 4]);
              g_string_append_c (out, hex[c & 0xf]);
            }
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

void
sb_json_write_indent (GString *out,
                      guint    indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

void
sb_json_write_member (GString    *out,
                      guint       indent,
                      const char *name)
{
  sb_json_write_indent (out, indent);
  sb_json_write_string (out, name);
  g_string_append (out, ": ");
}

void
sb_json_write_strv (GString            *out,
                    const char * const *strv)
{
  g_string_append_c (out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      sb_json_write_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
}

void
sb_json_write_date (GString   *out,
                    GDateTime *date)
{
  g_autofree char *text = NULL;

  if (date == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  text = g_date_time_format_iso8601 (date);
  sb_json_write_string (out, text);
}

/* json-glib reads a number too large for a double (1e999) as infinity,
 * and writes that back as "inf.0", which is no JSON: the file would not
 * load again. Such numbers are written as the largest double of their
 * sign, from a copy (the parser's nodes may be sealed).
 */
static gboolean
has_non_finite (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (has_non_finite (member))
            return TRUE;
        return FALSE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (has_non_finite (json_array_get_element (array, i)))
            return TRUE;
        return FALSE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node));

    case JSON_NODE_NULL:
    default:
      return FALSE;
    }
}

static JsonNode *
finite_copy (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (object, name, finite_copy (member));
        return json_node_init_object (json_node_alloc (), object);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, finite_copy (json_array_get_element (array, i)));
        return json_node_init_array (json_node_alloc (), copy);
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node)))
        {
          double value = json_node_get_double (node);

          return json_node_init_double (json_node_alloc (), isnan (value) ? 0 : value > 0 ? G_MAXDOUBLE : -G_MAXDOUBLE);
        }
      return json_node_copy (node);

    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

char *
sb_json_node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) copy = has_non_finite (node) ? finite_copy (node) : NULL;

  json_generator_set_root (generator, copy ? copy : node);
  return json_generator_to_data (generator, NULL);
}

static gboolean
type_error (const char  *member,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID,
               /* Translators: "title" must be text */
               _("“%s” must be %s"), member, expected);
  return FALSE;
}

/* Reads an optional string member: absent or null leaves @value alone. */
gboolean
sb_json_get_string (JsonObject  *object,
                    const char  *member,
                    const char **value,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return type_error (member, _("text"), error);

  *value = json_node_get_string (node);
  return TRUE;
}

/* Reads an optional array of strings: absent or null leaves @value alone. */
gboolean
sb_json_get_strv (JsonObject   *object,
                  const char   *member,
                  char       ***value,
                  GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  char **strv;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return type_error (member, _("a list of text"), error);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return type_error (member, _("a list of text"), error);
    }

  strv = g_new (char *, n + 1);
  for (guint i = 0; i < n; i++)
    strv[i] = g_strdup (json_array_get_string_element (array, i));
  strv[n] = NULL;

  g_strfreev (*value);
  *value = strv;
  return TRUE;
}

gboolean
sb_json_get_date (JsonObject  *object,
                  const char  *member,
                  GDateTime  **value,
                  GError     **error)
{
  const char *text = NULL;
  GDateTime *date;
  g_autoptr(GTimeZone) utc = NULL;

  if (!sb_json_get_string (object, member, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  utc = g_time_zone_new_utc ();
  date = g_date_time_new_from_iso8601 (text, utc);
  if (date == NULL)
    {
      g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID,
                   _("“%s” is not a date: %s"), member, text);
      return FALSE;
    }

  g_clear_pointer (value, g_date_time_unref);
  *value = date;
  return TRUE;
}

/* Keeps every member of @object not in @known as its JSON text. */
void
sb_json_collect_extra (JsonObject          *object,
                       const char * const  *known,
                       char              ***keys,
                       char              ***values)
{
  g_autoptr(GStrvBuilder) key_builder = NULL;
  g_autoptr(GStrvBuilder) value_builder = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_strv_contains (known, name))
        continue;

      if (key_builder == NULL)
        {
          key_builder = g_strv_builder_new ();
          value_builder = g_strv_builder_new ();
        }
      {
        g_autofree char *text = sb_json_node_to_string (node);

        g_strv_builder_add (key_builder, name);
        g_strv_builder_add (value_builder, text);
      }
    }

  g_clear_pointer (keys, g_strfreev);
  g_clear_pointer (values, g_strfreev);
  if (key_builder != NULL)
    {
      *keys = g_strv_builder_end (key_builder);
      *values = g_strv_builder_end (value_builder);
    }
}

void
sb_json_write_extra (GString            *out,
                     guint               indent,
                     const char * const *keys,
                     const char * const *values)
{
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_string_append_c (out, ',');
      sb_json_write_member (out, indent, keys[i]);
      g_string_append (out, values[i]);
    }
}

/**
 * sb_json_extra_lookup:
 *
 * Returns: (nullable): the JSON text kept for @key among unknown members
 */
const char *
sb_json_extra_lookup (const char * const *keys,
                      const char * const *values,
                      const char         *key)
{
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (g_str_equal (keys[i], key))
      return values[i];
  return NULL;
}

/**
 * sb_json_extra_replace:
 * @value: (nullable): the JSON text for @key, or %NULL to leave it out
 * @out_keys: (out): @keys with @key set to @value: in its place when it
 *   was there, else last
 * @out_values: (out): their values
 */
void
sb_json_extra_replace (const char * const  *keys,
                       const char * const  *values,
                       const char          *key,
                       const char          *value,
                       char              ***out_keys,
                       char              ***out_values)
{
  g_autoptr(GStrvBuilder) key_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) value_builder = g_strv_builder_new ();
  gboolean placed = FALSE;

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (!g_str_equal (keys[i], key))
        {
          g_strv_builder_add (key_builder, keys[i]);
          g_strv_builder_add (value_builder, values[i]);
        }
      else if (value != NULL && !placed)
        {
          g_strv_builder_add (key_builder, key);
          g_strv_builder_add (value_builder, value);
          placed = TRUE;
        }
    }
  if (value != NULL && !placed)
    {
      g_strv_builder_add (key_builder, key);
      g_strv_builder_add (value_builder, value);
    }

  *out_keys = g_strv_builder_end (key_builder);
  *out_values = g_strv_builder_end (value_builder);
  if ((*out_keys)[0] == NULL)
    {
      g_clear_pointer (out_keys, g_strfreev);
      g_clear_pointer (out_values, g_strfreev);
    }
}
