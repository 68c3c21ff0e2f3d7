/* sb-text-export.c: stories as plain text, readable as is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-text-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-text-export.h"

static guint
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  if (g_unichar_iswide (c))
    return 2;
  return 1;
}

/**
 * sb_text_display_width:
 *
 * Returns: the columns @text takes in a monospace terminal: two for wide
 * (East Asian) characters, none for combining marks.
 */
guint
sb_text_display_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
  return width;
}

static void
wrap_line (GString    *out,
           const char *line,
           guint       width,
           const char *first_indent,
           const char *indent)
{
  g_auto(GStrv) words = g_strsplit_set (line, " \t", -1);
  guint column = sb_text_display_width (first_indent);
  guint indent_width = sb_text_display_width (indent);
  gboolean line_empty = TRUE;

  g_string_append (out, first_indent);

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint word_width;

      if (words[i][0] == '\0')
        continue;

      word_width = sb_text_display_width (words[i]);
      if (!line_empty && column + 1 + word_width > width)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, indent);
          column = indent_width;
          line_empty = TRUE;
        }
      if (!line_empty)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      /* A word longer than the line stays whole, on a line of its own. */
      g_string_append (out, words[i]);
      column += word_width;
      line_empty = FALSE;
    }

  /* No trailing spaces on an empty line. */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

/**
 * sb_text_wrap:
 * @width: the columns a line may take, indent included
 * @first_indent: put before the first line
 * @indent: put before every further line
 *
 * Wraps each line of @text at spaces so that it fits @width columns
 * (display width, so wide characters count twice); never breaks a word,
 * keeps the line breaks @text has.
 *
 * Returns: the wrapped text, with no newline at the end
 */
char *
sb_text_wrap (const char *text,
              guint       width,
              const char *first_indent,
              const char *indent)
{
  g_auto(GStrv) lines = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  if (first_indent == NULL)
    first_indent = "";
  if (indent == NULL)
    indent = "";

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (i > 0)
        g_string_append_c (out, '\n');
      wrap_line (out, lines[i], width, i == 0 ? first_indent : indent, indent);
    }

  return g_string_free (out, FALSE);
}

static void
append_heading (GString    *out,
                const char *text,
                char        underline)
{
  g_autofree char *line = g_strdup (text);
  guint width;

  g_strdelimit (line, "\r\n", ' ');
  width = MIN (sb_text_display_width (line), SB_TEXT_EXPORT_WIDTH);
  g_string_append (out, line);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < MAX (width, 1); i++)
    g_string_append_c (out, underline);
  g_string_append (out, "\n\n");
}

static void
append_section (GString    *out,
                const char *label,
                const char *text)
{
  g_string_append (out, label);
  g_string_append_c (out, '\n');
  if (text != NULL && text[0] != '\0')
    {
      g_autofree char *wrapped = sb_text_wrap (text, SB_TEXT_EXPORT_WIDTH, "  ", "  ");

      g_string_append (out, wrapped);
      g_string_append_c (out, '\n');
    }
  else
    g_string_append (out, "  —\n");
  g_string_append_c (out, '\n');
}

static void
append_story (GString   *out,
              SbStory   *story,
              SbCatalog *catalog,
              gboolean   with_principles)
{
  const char * const *actions = sb_story_get_actions (story);
  const char *title = sb_story_get_title (story);

  append_heading (out, title[0] ? title : _("Untitled story"), '-');

  if (with_principles && sb_story_get_principles (story)[0] != NULL)
    {
      const char * const *ids = sb_story_get_principles (story);
      GString *names = g_string_new (NULL);
      g_autofree char *joined = NULL;
      g_autofree char *wrapped = NULL;

      for (guint i = 0; ids[i] != NULL; i++)
        {
          SbPrinciple *principle = catalog ? sb_catalog_lookup (catalog, ids[i]) : NULL;

          if (i > 0)
            g_string_append (names, ", ");
          g_string_append (names, principle ? sb_principle_get_name (principle) : ids[i]);
        }
      joined = g_string_free (names, FALSE);
      wrapped = sb_text_wrap (joined, SB_TEXT_EXPORT_WIDTH, _("Principles: "), "  ");
      g_string_append (out, wrapped);
      g_string_append (out, "\n\n");
    }

  append_section (out, _("SITUATION"), sb_story_get_situation (story));
  append_section (out, _("TASK"), sb_story_get_task (story));

  g_string_append (out, _("ACTION"));
  g_string_append_c (out, '\n');
  if (actions[0] == NULL)
    g_string_append (out, "  —\n");
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autofree char *number = g_strdup_printf ("%3u. ", i + 1);
      g_autofree char *wrapped = sb_text_wrap (actions[i], SB_TEXT_EXPORT_WIDTH, number, "     ");

      g_string_append (out, wrapped);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  append_section (out, _("RESULT"), sb_story_get_result (story));

  /* The optional parts only when the story has them. */
  if (sb_story_get_learnings (story)[0] != '\0')
    append_section (out, _("LEARNINGS"), sb_story_get_learnings (story));
  if (sb_story_get_notes (story)[0] != '\0')
    append_section (out, _("NOTES"), sb_story_get_notes (story));
}

/**
 * sb_text_export_story:
 * @catalog: (nullable): to name the story's principles
 *
 * Returns: one story as plain text
 */
char *
sb_text_export_story (SbStory   *story,
                      SbCatalog *catalog)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  append_story (out, story, catalog, TRUE);
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
append_principle (GString     *out,
                  SbPrinciple *principle,
                  GPtrArray   *stories)
{
  g_autofree char *upper = g_utf8_strup (sb_principle_get_name (principle), -1);
  const char *definition = sb_principle_get_user_definition (principle);

  append_heading (out, upper, '=');
  if (definition[0] == '\0')
    definition = sb_principle_get_definition (principle);
  if (definition != NULL && definition[0] != '\0')
    {
      g_autofree char *wrapped = sb_text_wrap (definition, SB_TEXT_EXPORT_WIDTH, NULL, NULL);

      g_string_append (out, wrapped);
      g_string_append (out, "\n\n");
    }

  for (guint i = 0; i < stories->len; i++)
    append_story (out, g_ptr_array_index (stories, i), NULL, FALSE);
}

/**
 * sb_text_export_library:
 * @principle_id: (nullable): only this principle's stories
 *
 * Returns: the stories as plain text, under each principle they are
 * filed under (in the catalog's order), then those filed under none.
 */
char *
sb_text_export_library (SbLibrary  *library,
                        SbCatalog  *catalog,
                        const char *principle_id)
{
  GListModel *principles;
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  guint n_stories;

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  principles = sb_catalog_get_principles (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
      g_autoptr(GPtrArray) stories = NULL;

      if (principle_id != NULL && !g_str_equal (principle_id, sb_principle_get_id (principle)))
        continue;
      stories = sb_library_dup_stories_for_principle (library, sb_principle_get_id (principle));
      if (stories->len > 0 || principle_id != NULL)
        append_principle (out, principle, stories);
    }

  /* Stories filed under no principle the catalog knows. */
  n_stories = g_list_model_get_n_items (G_LIST_MODEL (library));
  for (guint i = 0; principle_id == NULL && i < n_stories; i++)
    {
      SbStory *story = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char * const *ids = sb_story_get_principles (story);
      gboolean known = FALSE;

      for (guint j = 0; ids[j] != NULL && !known; j++)
        known = sb_catalog_lookup (catalog, ids[j]) != NULL;
      if (!known)
        g_ptr_array_add (others, story);
      g_object_unref (story);  /* the library holds it */
    }

  if (others->len > 0)
    {
      g_autofree char *upper = g_utf8_strup (_("Other stories"), -1);

      append_heading (out, upper, '=');
      for (guint i = 0; i < others->len; i++)
        append_story (out, g_ptr_array_index (others, i), catalog, TRUE);
    }

  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
