/* sb-cheat-sheet.c: the condensed page for the last hour before an interview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-cheat-sheet.h"

/* A line of the plain-text sheet stays readable in a terminal. */
#define TEXT_LINE_CHARS 100

static void
sb_story_group_free (SbStoryGroup *group)
{
  g_clear_object (&group->principle);
  g_clear_pointer (&group->stories, g_ptr_array_unref);
  g_free (group);
}

static SbStoryGroup *
sb_story_group_new (SbPrinciple *principle)
{
  SbStoryGroup *group = g_new0 (SbStoryGroup, 1);

  group->principle = principle ? g_object_ref (principle) : NULL;
  group->stories = g_ptr_array_new_with_free_func (g_object_unref);
  return group;
}

/**
 * sb_story_groups_new:
 * @catalog: the principles
 * @stories: (element-type SbStory): the stories to group
 * @framework_id: (nullable): only this framework's principles, or %NULL for
 *   every principle plus a last group (principle %NULL) for the stories
 *   filed under no principle the catalog knows
 *
 * Groups @stories by principle in catalog order. A story filed under two
 * principles is in both groups; a principle with no story has no group.
 *
 * Returns: (transfer full) (element-type SbStoryGroup): the groups
 */
GPtrArray *
sb_story_groups_new (SbCatalog  *catalog,
                     GPtrArray  *stories,
                     const char *framework_id)
{
  g_autoptr(GHashTable) filed = NULL;
  GPtrArray *groups;
  GListModel *principles = NULL;
  guint n_principles;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (stories != NULL, NULL);

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_story_group_free);

  if (framework_id != NULL)
    {
      SbFramework *framework = sb_catalog_lookup_framework (catalog, framework_id);

      if (framework == NULL)
        return groups;
      principles = sb_framework_get_principles (framework);
    }
  else
    principles = sb_catalog_get_principles (catalog);

  filed = g_hash_table_new (NULL, NULL);
  n_principles = g_list_model_get_n_items (principles);

  for (guint i = 0; i < n_principles; i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
      const char *id = sb_principle_get_id (principle);
      SbStoryGroup *group = NULL;

      for (guint j = 0; j < stories->len; j++)
        {
          SbStory *story = g_ptr_array_index (stories, j);

          if (!sb_story_has_principle (story, id))
            continue;
          if (group == NULL)
            group = sb_story_group_new (principle);
          g_ptr_array_add (group->stories, g_object_ref (story));
          g_hash_table_add (filed, story);
        }

      if (group != NULL)
        g_ptr_array_add (groups, group);
    }

  if (framework_id == NULL)
    {
      SbStoryGroup *unfiled = NULL;

      for (guint j = 0; j < stories->len; j++)
        {
          SbStory *story = g_ptr_array_index (stories, j);

          if (g_hash_table_contains (filed, story))
            continue;
          if (unfiled == NULL)
            unfiled = sb_story_group_new (NULL);
          g_ptr_array_add (unfiled->stories, g_object_ref (story));
        }

      if (unfiled != NULL)
        g_ptr_array_add (groups, unfiled);
    }

  return groups;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/**
 * sb_cheat_sheet_summarize:
 * @text: (nullable): a story field
 *
 * Returns: (transfer full): the first sentence or the first line of @text,
 * whichever ends first (of a list, its first item, without the marker),
 * with runs of spaces and tabs made one space; "" for an empty field
 */
char *
sb_cheat_sheet_summarize (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  while (is_space (*text))
    text++;
  /* A Result written as a list: its first item, without the marker. */
  if ((*text == '-' || *text == '*' || *text == '+') && (text[1] == ' ' || text[1] == '\t'))
    text += 2;
  else if (g_str_has_prefix (text, "\xe2\x80\xa2 "))
    text += 4;
  else if (g_ascii_isdigit (*text))
    {
      for (p = text; g_ascii_isdigit (*p); p++)
        ;
      if ((*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t'))
        text = p + 2;
    }
  while (is_space (*text))
    text++;

  out = g_string_new (NULL);
  for (p = text; *p != '\0' && *p != '\n' && *p != '\r'; p++)
    {
      if (*p == ' ' || *p == '\t')
        {
          while (p[1] == ' ' || p[1] == '\t')
            p++;
          g_string_append_c (out, ' ');
          continue;
        }

      g_string_append_c (out, *p);

      /* A sentence ends at . ! or ? followed by a space (so "99.9%" and
       * "v2.1" do not end one).
       */
      if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == '\0' || is_space (p[1])))
        break;
    }

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * sb_cheat_sheet_summarize_actions:
 * @actions: (nullable) (array zero-terminated=1): the action steps
 *
 * Returns: (transfer full): the first sentence of every step, joined by
 * "; " into one line
 */
char *
sb_cheat_sheet_summarize_actions (const char * const *actions)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    {
      g_autofree char *step = sb_cheat_sheet_summarize (actions[i]);
      gsize len = strlen (step);

      if (len == 0)
        continue;
      /* The separator already ends the step. */
      if (step[len - 1] == '.')
        step[--len] = '\0';
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, step);
    }

  return g_string_free (out, FALSE);
}

/**
 * sb_cheat_sheet_truncate:
 * @text: valid UTF-8
 * @max_chars: at least 2
 *
 * Returns: (transfer full): @text when it has at most @max_chars
 * characters, otherwise its start cut at a word where it can be, ending
 * in "…", at most @max_chars characters in all
 */
char *
sb_cheat_sheet_truncate (const char *text,
                         guint       max_chars)
{
  const char *end;
  const char *cut;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_chars >= 2, NULL);

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  /* Room for the ellipsis. */
  end = g_utf8_offset_to_pointer (text, max_chars - 1);

  /* Back up to a word boundary, unless that loses over a third of the line. */
  cut = end;
  while (cut > text && *cut != ' ')
    cut--;
  if (cut - text < (end - text) * 2 / 3)
    cut = end;

  out = g_string_new_len (text, cut - text);
  while (out->len > 0 && strchr (" ,;:.-", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static void
append_line (GString    *out,
             const char *label,
             const char *summary)
{
  g_autofree char *line = g_strdup_printf ("%s %s", label, *summary ? summary : "—");
  g_autofree char *cut = sb_cheat_sheet_truncate (line, TEXT_LINE_CHARS);

  g_string_append_printf (out, "  %s\n", cut);
}

static void
append_underlined (GString    *out,
                   const char *text,
                   char        mark)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append_printf (out, "%s\n", text);
  for (glong i = 0; i < n; i++)
    g_string_append_c (out, mark);
  g_string_append_c (out, '\n');
}

/**
 * sb_cheat_sheet_to_text:
 * @catalog: the principles
 * @library: the stories
 * @framework_id: (nullable): only this framework's principles, or %NULL
 *   for all of them
 *
 * The cheat sheet as plain text: for every principle with stories, each
 * story's title and one line each of situation, task, action and result,
 * and of learnings when the story has them (never its notes).
 *
 * Returns: (transfer full): the text, UTF-8, ending in a newline
 */
char *
sb_cheat_sheet_to_text (SbCatalog  *catalog,
                        SbLibrary  *library,
                        const char *framework_id)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *title = NULL;
  SbFramework *framework = NULL;
  GString *out;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);

  if (framework_id != NULL)
    framework = sb_catalog_lookup_framework (catalog, framework_id);

  stories = sb_library_dup_stories_for_principle (library, NULL);
  groups = sb_story_groups_new (catalog, stories, framework_id);

  out = g_string_new (NULL);
  if (framework != NULL)
    /* Translators: the title of the cheat sheet for one framework */
    title = g_strdup_printf (_("Cheat Sheet: %s"), sb_framework_get_name (framework));
  else
    title = g_strdup (_("Cheat Sheet"));
  append_underlined (out, title, '=');

  if (groups->len == 0)
    g_string_append_printf (out, "\n%s\n", _("No stories yet."));

  for (guint i = 0; i < groups->len; i++)
    {
      SbStoryGroup *group = g_ptr_array_index (groups, i);

      g_string_append_c (out, '\n');
      append_underlined (out,
                         group->principle ? sb_principle_get_name (group->principle)
                                          : _("Not Filed Under a Principle"),
                         '-');

      for (guint j = 0; j < group->stories->len; j++)
        {
          SbStory *story = g_ptr_array_index (group->stories, j);
          const char *story_title = sb_story_get_title (story);
          g_autofree char *situation = sb_cheat_sheet_summarize (sb_story_get_situation (story));
          g_autofree char *task = sb_cheat_sheet_summarize (sb_story_get_task (story));
          g_autofree char *actions = sb_cheat_sheet_summarize_actions (sb_story_get_actions (story));
          g_autofree char *result = sb_cheat_sheet_summarize (sb_story_get_result (story));
          g_autofree char *learnings = sb_cheat_sheet_summarize (sb_story_get_learnings (story));
          g_autofree char *one_line_title = g_strstrip (g_strdelimit (g_strdup (story_title ? story_title : ""), "\r\n\t", ' '));

          g_string_append_printf (out, "\n%s\n",
                                  *one_line_title ? one_line_title : _("Untitled story"));
          append_line (out, _("Situation:"), situation);
          append_line (out, _("Task:"), task);
          append_line (out, _("Action:"), actions);
          append_line (out, _("Result:"), result);
          if (*learnings != '\0')
            append_line (out, _("Learnings:"), learnings);
        }
    }

  return g_string_free (out, FALSE);
}
