/* sb-store-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-export.h"
#include "sb-json.h"
#include "sb-store-private.h"
#include "sb-story-private.h"

static const char * const known_top_keys[] = {
  "format", "version", "principles", "stories", NULL
};

static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Deeper nesting than this is refused before json-glib, which recurses,
 * sees it. A data file nests four levels.
 */
#define MAX_JSON_DEPTH 256

/* json-glib turns an escaped UTF-16 surrogate without its other half
 * ("\ud83c" alone), and a "\u" without four hex digits, into bytes that are
 * not UTF-8: a story holding them would be saved into a file the next start
 * could not read. This pass over the text replaces each such escape with
 * U+FFFD (*@fixed is the new text, or %NULL when nothing changed) and
 * refuses nesting deeper than MAX_JSON_DEPTH.
 */
static gboolean
sanitize_json_text (const char  *contents,
                    gsize        length,
                    char       **fixed,
                    GError     **error)
{
  const char *end = contents + length;
  const char *copied = contents;
  GString *out = NULL;
  gboolean in_string = FALSE;
  guint depth = 0;

  *fixed = NULL;

  for (const char *p = contents; p < end; p++)
    {
      int unit, next;

      if (!in_string)
        {
          if (*p == '"')
            in_string = TRUE;
          else if (*p == '[' || *p == '{')
            {
              if (++depth > MAX_JSON_DEPTH)
                {
                  if (out != NULL)
                    g_string_free (out, TRUE);
                  g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                                       _("The file is nested too deeply"));
                  return FALSE;
                }
            }
          else if ((*p == ']' || *p == '}') && depth > 0)
            depth--;
          continue;
        }

      if (*p == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (*p != '\\' || p + 1 >= end)
        continue;
      if (p[1] != 'u')
        {
          p++;  /* an escaped character, "\\" and "\"" included */
          continue;
        }

      unit = hex4 (p + 2, end);
      if (unit >= 0 && (unit < 0xD800 || unit > 0xDFFF))
        {
          p += 5;
          continue;
        }

      next = (unit >= 0 && end - p >= 12 && p[6] == '\\' && p[7] == 'u') ? hex4 (p + 8, end) : -1;
      if (unit >= 0xD800 && unit < 0xDC00 && next >= 0xDC00 && next <= 0xDFFF)
        {
          p += 11;  /* a proper pair */
          continue;
        }

      /* Replace the escape: "\u" and the hex digits that follow it. */
      if (out == NULL)
        out = g_string_sized_new (length + 16);
      g_string_append_len (out, copied, p - copied);
      g_string_append (out, "\\ufffd");
      p += 1;
      for (guint i = 0; i < 4 && p + 1 < end && g_ascii_isxdigit (p[1]); i++)
        p++;
      copied = p + 1;
    }

  if (out != NULL)
    {
      g_string_append_len (out, copied, end - copied);
      *fixed = g_string_free (out, FALSE);
    }

  return TRUE;
}

/* Whether every string in @node, member names included, is UTF-8. */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !node_is_utf8 (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static gboolean
parse_with (JsonParser   *parser,
            const char   *contents,
            gsize         length,
            GPtrArray   **stories,
            JsonArray   **principles,
            gint64       *version,
            char       ***extra_keys,
            char       ***extra_values,
            GError      **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;
  g_autofree char *fixed = NULL;
  const char *format = NULL;

  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  if (length == 0)
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT, _("The file is empty"));
      return FALSE;
    }

  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("The file is not text (it is not valid UTF-8)"));
      return FALSE;
    }

  if (!sanitize_json_text (contents, length, &fixed, error))
    return FALSE;
  if (fixed != NULL)
    {
      contents = fixed;
      length = strlen (fixed);
    }

  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("The file is not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("The file is not a Storybank library"));
      return FALSE;
    }
  if (!node_is_utf8 (node))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("The file is not text (it is not valid UTF-8)"));
      return FALSE;
    }
  root = json_node_get_object (node);

  if (!sb_json_get_string (root, "format", &format, &local_error) ||
      (format != NULL && !g_str_equal (format, "storybank")) ||
      (format == NULL && !json_object_has_member (root, "stories")))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("The file is not a Storybank library"));
      return FALSE;
    }

  *version = 1;
  node = json_object_get_member (root, "version");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1)
        {
          g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                               _("The file’s format version is not a number"));
          return FALSE;
        }
      *version = json_node_get_int (node);
    }

  result = g_ptr_array_new_with_free_func (g_object_unref);
  node = json_object_get_member (root, "stories");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                               _("“stories” is not a list"));
          return FALSE;
        }

      array = json_node_get_array (node);
      g_ptr_array_set_size (result, 0);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          SbStory *story;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("Story %u is not an object"), i + 1);
              return FALSE;
            }

          story = sb_story_new_from_json (json_node_get_object (element), &local_error);
          if (story == NULL)
            {
              g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("Story %u: %s"), i + 1, local_error->message);
              return FALSE;
            }
          g_ptr_array_add (result, story);
        }
    }

  node = json_object_get_member (root, "principles");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("“principles” is not a list"));
      return FALSE;
    }

  if (principles != NULL)
    *principles = (node != NULL && JSON_NODE_HOLDS_ARRAY (node)) ? json_array_ref (json_node_get_array (node)) : NULL;

  if (extra_keys != NULL && extra_values != NULL)
    sb_json_collect_extra (root, known_top_keys, extra_keys, extra_values);

  *stories = g_steal_pointer (&result);
  return TRUE;
}

/* A copy of @array sharing no node with it, or %NULL (written as the data
 * file writes it, so that a number too large for a double survives).
 */
static JsonArray *
array_copy_deep (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);
  g_autofree char *text = sb_json_node_to_string (node);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);

  if (copy == NULL || !JSON_NODE_HOLDS_ARRAY (copy))
    return NULL;
  return json_array_ref (json_node_get_array (copy));
}

static gpointer
unref_thread (gpointer object)
{
  g_object_unref (object);
  return NULL;
}

/* Above this size, a file's parse tree is let go on a thread of its own:
 * freeing json-glib's tree takes about as long as building the stories
 * from it. Nothing handed back holds a node of it
 * (the principles are a copy: see sb_store_parse()).
 */
#define FREE_BESIDE_SIZE (1024 * 1024)

/**
 * sb_store_parse:
 * @stories: (out) (transfer container): the stories, #SbStory
 * @principles: (out) (transfer full) (nullable): the user's principles
 * @version: (out): the file's format version
 *
 * Reads a data file's text. Shared by the store, the JSON import and the
 * fuzzers. Does not look at the version beyond reporting it.
 */
gboolean
sb_store_parse (const char   *contents,
                gsize         length,
                GPtrArray   **stories,
                JsonArray   **principles,
                gint64       *version,
                char       ***extra_keys,
                char       ***extra_values,
                GError      **error)
{
  JsonParser *parser = json_parser_new_immutable ();
  gboolean parsed = parse_with (parser, contents, length, stories, principles, version,
                                extra_keys, extra_values, error);
  gboolean free_beside = length >= FREE_BESIDE_SIZE;

  /* json-glib counts references without atomics: the principles handed
   * out must share nothing with a tree freed on another thread (or the
   * tree is freed here).
   */
  if (free_beside && parsed && principles != NULL && *principles != NULL)
    {
      JsonArray *copy = array_copy_deep (*principles);

      if (copy != NULL)
        {
          json_array_unref (*principles);
          *principles = copy;
        }
      else
        free_beside = FALSE;
    }

  if (free_beside)
    g_thread_unref (g_thread_new ("sb-store-free", unref_thread, parser));
  else
    g_object_unref (parser);

  return parsed;
}

/* The keys to write: @keys and @values with SAVED_BY_KEY naming this
 * computer and now.
 */
void
_sb_store_set_saved_by (char **keys,
                        char **values,
                        char ***out_keys,
                        char ***out_values)
{
  g_autoptr(GStrvBuilder) new_keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) new_values = g_strv_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GString) value = g_string_new ("{\"host\": ");

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!g_str_equal (keys[i], SAVED_BY_KEY))
      {
        g_strv_builder_add (new_keys, keys[i]);
        g_strv_builder_add (new_values, values[i]);
      }

  sb_json_write_string (value, g_get_host_name ());
  g_string_append (value, ", \"time\": ");
  sb_json_write_string (value, time);
  g_string_append_c (value, '}');
  g_strv_builder_add (new_keys, SAVED_BY_KEY);
  g_strv_builder_add (new_values, value->str);

  *out_keys = g_strv_builder_end (new_keys);
  *out_values = g_strv_builder_end (new_values);
}

/* The host named by SAVED_BY_KEY among @keys, if any. */
char *
_sb_store_dup_saved_by (char **keys,
                        char **values)
{
  for (guint i = 0; keys != NULL && values != NULL && keys[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *root;
      const char *host;

      if (!g_str_equal (keys[i], SAVED_BY_KEY))
        continue;

      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, values[i], -1, NULL) ||
          !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
        return NULL;
      host = json_object_get_string_member_with_default (json_node_get_object (root), "host", NULL);
      return host != NULL && *host != '\0' && g_utf8_validate (host, -1, NULL) ? g_strdup (host) : NULL;
    }

  return NULL;
}

/* The data file's text: @principles is the user's principles as a JSON
 * array's text, @stories the snapshot (SbStoryData) to write. Runs on the
 * save thread.
 */
GString *
_sb_store_write_json (GPtrArray   *stories,
                      const char  *principles,
                      char       **extra_keys,
                      char       **extra_values)
{
  GString *out = g_string_sized_new (1024 + stories->len * 1536);

  sb_export_write_data_file (out, stories, principles,
                             (const char * const *) extra_keys,
                             (const char * const *) extra_values);
  return out;
}

/**
 * _sb_store_take_interviews:
 * @keys: (out): the store's unknown top-level keys, with "interviews" as
 *   the library holds them now
 * @values: (out): their values
 *
 * What a save or an export writes beside the stories (main thread).
 */
void
_sb_store_take_interviews (SbStore   *self,
                           char    ***keys,
                           char    ***values)
{
  g_autofree char *interviews = sb_library_dup_interviews_json (self->library, 1);

  sb_json_extra_replace ((const char * const *) self->extra_keys,
                         (const char * const *) self->extra_values,
                         INTERVIEWS_KEY, interviews, keys, values);
}
