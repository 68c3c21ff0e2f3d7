/* sb-markdown.c: principle pages in the seed's Markdown format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-markdown"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-markdown.h"

typedef enum
{
  LINE_BLANK,
  LINE_TEXT,
  LINE_ESCAPED,
  LINE_RULE,
  LINE_HEADING,
  LINE_BULLET,
  LINE_LABEL,
} LineKind;

typedef enum
{
  FIELD_NONE = -1,
  FIELD_SITUATION = 0,
  FIELD_TASK,
  FIELD_ACTION,
  FIELD_RESULT,
  FIELD_LEARNINGS,
  FIELD_NOTES,
  FIELD_STORY,
} Field;

typedef enum
{
  SECTION_NONE,
  SECTION_DEFINITION,
  SECTION_EXAMPLES,
  SECTION_FOCUS,
  SECTION_TIPS,
  SECTION_NOTES,
  SECTION_IGNORE,
} Section;

typedef struct
{
  LineKind    kind;
  guint       level;   /* heading level */
  Field       field;   /* label */
  gboolean    listed;  /* a label written as a list item, "- Task: …" */
  const char *text;    /* points into the line */
} Line;

/* "**Situation**: …", "- **Task:** …", "S: …", "Result — …": a STAR label,
 * perhaps emphasised, perhaps written as a list item, then a colon (or,
 * after a whole word, a dash).
 */
static GRegex *
label_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^[ \\t]*(?<list>[-*+][ \\t]+)?(?:\\*\\*|\\*|__|_)?[ \\t]*"
                               "(?:(?<word>situation|task|actions?|results?|learnings?|notes?|story)|(?<letter>s|t|a|r))"
                               "[ \\t]*(?:\\*\\*|\\*|__|_)?"
                               "(?:[ \\t]*[:\\x{FF1A}]|(?(<word>)[ \\t]+(?:-|\\x{2013}|\\x{2014})(?=[ \\t]|$)|(*FAIL)))"
                               "[ \\t]*(?:\\*\\*|\\*|__|_)?[ \\t]?",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  return regex;
}

/* The start of a story's heading: "Example 2: ", or (when labels follow)
 * "Story — " or "3. ".
 */
static GRegex *
example_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^(?:\\*\\*)?(?:(?<example>example[ \\t]*[0-9]*[ \\t]*(?:[:.)]|-|\\x{2013}|\\x{2014}))"
                               "|(?:star[ \\t]+)?story[ \\t]*[0-9]*[ \\t]*(?:[:.)]|-|\\x{2013}|\\x{2014})"
                               "|[0-9]+[.)](?=[ \\t]))[ \\t]*",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  return regex;
}

static Field
field_from_word (const char *word)
{
  switch (g_ascii_tolower (word[0]))
    {
    case 's':
      return word[1] == '\0' || g_ascii_tolower (word[1]) == 'i' ? FIELD_SITUATION : FIELD_STORY;
    case 't':
      return FIELD_TASK;
    case 'a':
      return FIELD_ACTION;
    case 'r':
      return FIELD_RESULT;
    case 'l':
      return FIELD_LEARNINGS;
    case 'n':
      return FIELD_NOTES;
    default:
      g_assert_not_reached ();
      return FIELD_NONE;
    }
}

static void
classify (const char *line,
          Line       *out)
{
  g_autoptr(GMatchInfo) match = NULL;
  const char *s = line;

  memset (out, 0, sizeof *out);
  out->field = FIELD_NONE;
  out->text = line;

  if (line[0] == '\\')
    {
      out->kind = LINE_ESCAPED;
      out->text = line + 1;
      return;
    }

  while (*s == ' ' || *s == '\t')
    s++;

  if (*s == '\0')
    {
      out->kind = LINE_BLANK;
      return;
    }

  if (*s == '#')
    {
      guint level = 0;

      while (s[level] == '#')
        level++;
      if (s[level] == '\0' || s[level] == ' ' || s[level] == '\t')
        {
          out->kind = LINE_HEADING;
          out->level = level;
          s += level;
          while (*s == ' ' || *s == '\t')
            s++;
          out->text = s;
          return;
        }
    }

  if (g_regex_match (label_regex (), line, 0, &match))
    {
      g_autofree char *word = g_match_info_fetch_named (match, "word");
      g_autofree char *letter = g_match_info_fetch_named (match, "letter");
      g_autofree char *list = g_match_info_fetch_named (match, "list");
      int end = 0;

      g_match_info_fetch_pos (match, 0, NULL, &end);
      out->kind = LINE_LABEL;
      out->field = field_from_word (word != NULL && word[0] != '\0' ? word : letter);
      out->listed = list != NULL && list[0] != '\0';
      out->text = line + end;
      return;
    }

  if ((*s == '-' || *s == '*' || *s == '_') )
    {
      const char *r = s;
      guint n = 0;

      while (*r == *s || *r == ' ' || *r == '\t')
        n += *r++ == *s;
      if (*r == '\0' && n >= 3)
        {
          out->kind = LINE_RULE;
          return;
        }
    }

  if ((*s == '-' || *s == '*' || *s == '+') && (s[1] == ' ' || s[1] == '\t' || s[1] == '\0'))
    {
      out->kind = LINE_BULLET;
      out->text = s[1] == '\0' ? s + 1 : s + 2;
      /* Written by append_item() to keep the text from reading as a label. */
      if (out->text[0] == '\\')
        out->text++;
      return;
    }

  if (g_ascii_isdigit (*s))
    {
      const char *r = s;

      while (g_ascii_isdigit (*r))
        r++;
      if ((*r == '.' || *r == ')') && (r[1] == ' ' || r[1] == '\t'))
        {
          out->kind = LINE_BULLET;
          out->text = r + 2;
          while (*out->text == ' ' || *out->text == '\t')
            out->text++;
          return;
        }
    }

  out->kind = LINE_TEXT;
}

/* Writing */

/* How many @c @line is made of, when it is an underline: three or more
 * of them, spaces around allowed; else 0.
 */
static guint
underline_length (const char *line,
                  char        c)
{
  guint n = 0;

  while (*line == ' ' || *line == '\t')
    line++;
  while (*line == c)
    line++, n++;
  while (*line == ' ' || *line == '\t')
    line++;
  return n >= 3 && *line == '\0' ? n : 0;
}

static gboolean
is_underline (const char *line,
              char        c)
{
  return underline_length (line, c) > 0;
}

static gboolean
needs_escape (const char *line)
{
  Line parsed;

  classify (line, &parsed);
  return (parsed.kind != LINE_TEXT && parsed.kind != LINE_BLANK) ||
         is_underline (line, '=') || is_underline (line, '-');
}

/* Appends @text: its first line as is (it follows a label or a bullet
 * on the same line), every further line escaped when it would read as
 * structure.
 */
static void
append_text (GString    *out,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        {
          g_string_append_c (out, '\n');
          if (needs_escape (lines[i]))
            g_string_append_c (out, '\\');
        }
      g_string_append (out, lines[i]);
    }
}

/* "- " and @text, as a list item that reads back as @text: a backslash
 * after the marker keeps a text such as "Result: …" from reading as a
 * label (and one that starts with a backslash from losing it).
 */
static void
append_item (GString    *out,
             const char *text)
{
  g_autofree char *first = g_strdup_printf ("- %s", text ? text : "");
  char *newline = strchr (first, '\n');
  Line parsed;

  if (newline != NULL)
    *newline = '\0';
  classify (first, &parsed);
  g_string_append (out, "- ");
  if (parsed.kind != LINE_BULLET || (text != NULL && text[0] == '\\'))
    g_string_append_c (out, '\\');
  append_text (out, text);
  g_string_append_c (out, '\n');
}

static void
append_field (GString    *out,
              const char *label,
              const char *text)
{
  g_string_append_printf (out, "**%s**:", label);
  if (text != NULL && text[0] != '\0')
    {
      g_string_append_c (out, ' ');
      append_text (out, text);
    }
  g_string_append_c (out, '\n');
}

static void
append_story (GString *out,
              SbStory *story,
              guint    number)
{
  g_autofree char *title = g_strdup (sb_story_get_title (story));
  const char * const *actions = sb_story_get_actions (story);

  g_strdelimit (title, "\r\n", ' ');
  g_string_append_printf (out, "### Example %u: %s\n", number, title);
  append_field (out, "Situation", sb_story_get_situation (story));
  append_field (out, "Task", sb_story_get_task (story));
  g_string_append (out, "**Action**:\n");
  for (guint i = 0; actions[i] != NULL; i++)
    append_item (out, actions[i]);
  append_field (out, "Result", sb_story_get_result (story));
  /* The optional parts, only when the story has them. */
  if (sb_story_get_learnings (story)[0] != '\0')
    append_field (out, "Learnings", sb_story_get_learnings (story));
  if (sb_story_get_notes (story)[0] != '\0')
    append_field (out, "Notes", sb_story_get_notes (story));
}

static gboolean
has_user_focus (SbPrinciple *principle)
{
  return sb_principle_get_user_focus_heading (principle)[0] != '\0' ||
         sb_principle_get_user_focus_names (principle)[0] != NULL;
}

/**
 * sb_markdown_write_page:
 * @principle: (nullable): the page's principle; %NULL for stories filed
 *   under none
 * @name: (nullable): the page's title when @principle is %NULL
 * @stories: (element-type SbStory): the page's stories, in order
 *
 * Returns: the page: the user's own wording where they have some, else
 * the built-in text.
 */
char *
sb_markdown_write_page (SbPrinciple *principle,
                        const char  *name,
                        GPtrArray   *stories)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (principle == NULL || SB_IS_PRINCIPLE (principle), NULL);

  if (principle != NULL)
    name = sb_principle_get_name (principle);

  if (name != NULL)
    {
      g_autofree char *heading = g_strdup (name);

      g_strdelimit (heading, "\r\n", ' ');
      g_string_append_printf (out, "# %s\n\n", heading);
    }

  if (principle != NULL)
    {
      const char *definition = sb_principle_get_user_definition (principle);

      if (definition[0] == '\0')
        definition = sb_principle_get_definition (principle);
      if (definition != NULL && definition[0] != '\0')
        {
          g_string_append (out, "## Definition\n**");
          append_text (out, definition);
          g_string_append (out, "**\n\n");
        }
    }

  if (stories != NULL && stories->len > 0)
    {
      g_string_append (out, "## STAR Pattern Examples\n\n");
      for (guint i = 0; i < stories->len; i++)
        {
          append_story (out, g_ptr_array_index (stories, i), i + 1);
          g_string_append_c (out, '\n');
        }
    }

  if (principle != NULL)
    {
      const char * const *names = NULL;
      const char * const *descriptions = NULL;
      const char * const *tips;
      const char *heading = NULL;
      const char *notes;
      g_autoptr(GPtrArray) builtin_names = NULL;
      g_autoptr(GPtrArray) builtin_descriptions = NULL;

      if (has_user_focus (principle))
        {
          heading = sb_principle_get_user_focus_heading (principle);
          names = sb_principle_get_user_focus_names (principle);
          descriptions = sb_principle_get_user_focus_descriptions (principle);
        }
      else if (sb_principle_get_n_focus_areas (principle) > 0)
        {
          guint n = sb_principle_get_n_focus_areas (principle);

          heading = sb_principle_get_focus_heading (principle);
          builtin_names = g_ptr_array_new ();
          builtin_descriptions = g_ptr_array_new ();
          for (guint i = 0; i < n; i++)
            {
              const char *area_name, *description;

              sb_principle_get_focus_area (principle, i, &area_name, &description);
              g_ptr_array_add (builtin_names, (gpointer) area_name);
              g_ptr_array_add (builtin_descriptions, (gpointer) description);
            }
          g_ptr_array_add (builtin_names, NULL);
          g_ptr_array_add (builtin_descriptions, NULL);
          names = (const char * const *) builtin_names->pdata;
          descriptions = (const char * const *) builtin_descriptions->pdata;
        }

      if (names != NULL)
        {
          g_autofree char *line = g_strdup (heading && heading[0] ? heading : _("Focus Areas"));

          g_strdelimit (line, "\r\n", ' ');
          g_string_append_printf (out, "## %s\n", line);
          for (guint i = 0; names[i] != NULL; i++)
            {
              g_autofree char *area = g_strdup (names[i]);

              g_autofree char *item = NULL;
              Line parsed;

              g_strdelimit (area, "\r\n", ' ');
              /* An area called "Results" must not read as a label. */
              item = g_strdup_printf ("- **%s**:", area);
              classify (item, &parsed);
              g_string_append (out, parsed.kind == LINE_BULLET ? "- " : "- \\");
              g_string_append_printf (out, "**%s**:", area);
              if (descriptions[i][0] != '\0')
                {
                  g_string_append_c (out, ' ');
                  append_text (out, descriptions[i]);
                }
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
        }

      tips = sb_principle_get_user_tips (principle);
      if (tips[0] == NULL)
        tips = sb_principle_get_tips (principle);
      if (tips != NULL && tips[0] != NULL)
        {
          g_string_append (out, "## Interview Tips\n");
          for (guint i = 0; tips[i] != NULL; i++)
            append_item (out, tips[i]);
          g_string_append_c (out, '\n');
        }

      notes = sb_principle_get_notes (principle);
      if (notes[0] != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (notes, "\n", -1);

          g_string_append (out, "## Notes\n");
          for (guint i = 0; lines[i] != NULL; i++)
            {
              if (needs_escape (lines[i]))
                g_string_append_c (out, '\\');
              g_string_append (out, lines[i]);
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
        }
    }

  /* One newline at the end, as a text file has. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

typedef struct
{
  SbPrinciple *principle;  /* NULL: unfiled, or an id the catalog lacks */
  char        *id;
  GPtrArray   *stories;
} Page;

static void
page_free (Page *page)
{
  g_clear_object (&page->principle);
  g_free (page->id);
  g_clear_pointer (&page->stories, g_ptr_array_unref);
  g_free (page);
}

/* The pages an export writes: the principles with stories or with the
 * user's own wording or notes, in the catalog's order, then principles
 * the catalog does not know, then the stories filed under none.
 */
static GPtrArray *
collect_pages (SbLibrary  *library,
               SbCatalog  *catalog,
               const char *principle_id)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  GListModel *principles = sb_catalog_get_principles (catalog);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autoptr(GPtrArray) unfiled = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_stories = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
      const char *id = sb_principle_get_id (principle);
      g_autoptr(GPtrArray) stories = NULL;
      Page *page;

      g_hash_table_add (seen, (gpointer) id);
      if (principle_id != NULL && !g_str_equal (principle_id, id))
        continue;

      stories = sb_library_dup_stories_for_principle (library, id);
      if (stories->len == 0 && principle_id == NULL &&
          (sb_principle_get_builtin (principle) && !sb_principle_has_user_content (principle)))
        continue;

      page = g_new0 (Page, 1);
      page->principle = g_object_ref (principle);
      page->id = g_strdup (id);
      page->stories = g_steal_pointer (&stories);
      g_ptr_array_add (pages, page);
    }

  for (guint i = 0; i < n_stories; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char * const *ids = sb_story_get_principles (story);

      if (ids[0] == NULL)
        g_ptr_array_add (unfiled, g_steal_pointer (&story));
      for (guint j = 0; ids[j] != NULL; j++)
        if (!g_hash_table_contains (seen, ids[j]))
          {
            g_hash_table_add (seen, (gpointer) ids[j]);
            g_ptr_array_add (unknown, g_strdup (ids[j]));
          }
    }

  for (guint i = 0; i < unknown->len; i++)
    {
      char *id = g_ptr_array_index (unknown, i);
      Page *page;

      if (principle_id != NULL && !g_str_equal (principle_id, id))
        {
          g_free (id);
          continue;
        }
      page = g_new0 (Page, 1);
      page->id = id;
      page->stories = sb_library_dup_stories_for_principle (library, id);
      g_ptr_array_add (pages, page);
    }

  if (principle_id == NULL && unfiled->len > 0)
    {
      Page *page = g_new0 (Page, 1);

      page->stories = g_steal_pointer (&unfiled);
      /* Written first in a single file: a page with no "# Name" must not
       * follow another page, or it would read as part of it.
       */
      g_ptr_array_insert (pages, 0, page);
    }

  return pages;
}

/**
 * sb_markdown_export:
 * @principle_id: (nullable): only this principle's page
 *
 * Returns: every page, one after the other, in one document.
 */
char *
sb_markdown_export (SbLibrary  *library,
                    SbCatalog  *catalog,
                    const char *principle_id)
{
  g_autoptr(GPtrArray) pages = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  pages = collect_pages (library, catalog, principle_id);
  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      g_autofree char *text = sb_markdown_write_page (page->principle, page->id, page->stories);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

/**
 * sb_markdown_export_folder:
 * @principle_id: (nullable): only this principle's page
 * @n_pages: (out) (optional): how many pages were written
 *
 * Writes one `<principle-id>.md` per principle with stories or the user's
 * own wording or notes (`unfiled-stories.md` for stories filed under
 * none) into @folder, made when missing.
 */
gboolean
sb_markdown_export_folder (SbLibrary   *library,
                           SbCatalog   *catalog,
                           const char  *principle_id,
                           const char  *folder,
                           guint       *n_pages,
                           GError     **error)
{
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (SB_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not make the folder %s: %s"), folder, g_strerror (saved));
      return FALSE;
    }

  pages = collect_pages (library, catalog, principle_id);
  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      g_autofree char *text = sb_markdown_write_page (page->principle, page->id, page->stories);
      g_autofree char *base = g_strdup (page->id ? page->id : "unfiled-stories");
      g_autofree char *file_name = NULL;
      g_autofree char *path = NULL;

      g_strdelimit (base, "/\\:", '-');
      file_name = g_strconcat (base, ".md", NULL);
      path = g_build_filename (folder, file_name, NULL);
      if (!g_file_set_contents_full (path, text, -1,
                                     G_FILE_SET_CONTENTS_CONSISTENT,
                                     0644, error))
        return FALSE;
    }

  if (n_pages != NULL)
    *n_pages = pages->len;

  return TRUE;
}

/* Reading */

typedef struct
{
  GString   *title;
  GString   *fields[FIELD_STORY];
  gboolean   seen[FIELD_STORY];
  GPtrArray *steps;       /* GString */
} Draft;

typedef struct
{
  GPtrArray      *pages;
  SbMarkdownPage *page;
  GString        *definition;
  GString        *notes;
  GPtrArray      *tips;        /* GString */
  GPtrArray      *focus_descs; /* GString */
  Section         section;
  Draft          *draft;
  Field           field;
  GString        *current;     /* what text lines continue */
} Parser;

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static char *
finish_text (GString *text)
{
  char *str = g_strdup (text ? text->str : "");

  return g_strstrip (str);
}

static void
append_line (GString    *text,
             const char *line)
{
  if (text->len == 0)
    {
      const char *s = line;

      while (*s == ' ' || *s == '\t')
        s++;
      if (*s == '\0')
        return;
    }
  else
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

static void
draft_free (Draft *draft)
{
  g_string_free (draft->title, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (draft->fields); i++)
    g_string_free (draft->fields[i], TRUE);
  g_ptr_array_unref (draft->steps);
  g_free (draft);
}

static void
ensure_page (Parser *parser)
{
  if (parser->page == NULL)
    parser->page = sb_markdown_page_new ();
}

static void
finish_draft (Parser *parser)
{
  Draft *draft = parser->draft;
  g_autoptr(SbStory) story = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *title = NULL;
  g_autofree char *situation = NULL;
  g_autofree char *task = NULL;
  g_autofree char *result = NULL;
  g_autofree char *learnings = NULL;
  g_autofree char *notes = NULL;

  parser->current = NULL;
  parser->field = FIELD_NONE;
  if (draft == NULL)
    return;
  parser->draft = NULL;

  steps = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < draft->steps->len; i++)
    {
      char *step = finish_text (g_ptr_array_index (draft->steps, i));

      if (step[0] != '\0')
        g_ptr_array_add (steps, step);
      else
        g_free (step);
    }
  g_ptr_array_add (steps, NULL);

  title = finish_text (draft->title);
  situation = finish_text (draft->fields[FIELD_SITUATION]);
  task = finish_text (draft->fields[FIELD_TASK]);
  result = finish_text (draft->fields[FIELD_RESULT]);
  learnings = finish_text (draft->fields[FIELD_LEARNINGS]);
  notes = finish_text (draft->fields[FIELD_NOTES]);
  draft_free (draft);

  story = sb_story_new ();
  sb_story_set_title (story, title);
  sb_story_set_situation (story, situation);
  sb_story_set_task (story, task);
  sb_story_set_actions (story, (const char * const *) steps->pdata);
  sb_story_set_result (story, result);
  sb_story_set_learnings (story, learnings);
  sb_story_set_notes (story, notes);

  ensure_page (parser);
  sb_markdown_page_add_story (parser->page, story, NULL);
}

static void
start_draft (Parser     *parser,
             const char *title)
{
  finish_draft (parser);
  parser->draft = g_new0 (Draft, 1);
  parser->draft->title = g_string_new (title);
  for (guint i = 0; i < G_N_ELEMENTS (parser->draft->fields); i++)
    parser->draft->fields[i] = g_string_new (NULL);
  parser->draft->steps = g_ptr_array_new_with_free_func (string_free);
}

static void
finish_page (Parser *parser)
{
  SbMarkdownPage *page;

  finish_draft (parser);
  page = g_steal_pointer (&parser->page);

  if (page != NULL)
    {
      if (parser->definition != NULL)
        {
          char *definition = finish_text (parser->definition);
          gsize len = strlen (definition);

          if (len >= 4 && g_str_has_prefix (definition, "**") && g_str_has_suffix (definition, "**"))
            {
              memmove (definition, definition + 2, len - 4);
              definition[len - 4] = '\0';
            }
          page->definition = definition;
        }
      if (parser->notes != NULL)
        page->notes = finish_text (parser->notes);
      if (parser->tips != NULL)
        {
          page->has_tips = TRUE;
          for (guint i = 0; i < parser->tips->len; i++)
            g_ptr_array_add (page->tips, finish_text (g_ptr_array_index (parser->tips, i)));
        }
      if (parser->focus_descs != NULL)
        for (guint i = 0; i < parser->focus_descs->len; i++)
          g_ptr_array_add (page->focus_descriptions,
                           finish_text (g_ptr_array_index (parser->focus_descs, i)));
      /* A heading with no areas under it ("## Dive Deep" over the
       * stories) is no list of focus areas.
       */
      if (page->focus_names->len == 0)
        g_clear_pointer (&page->focus_heading, g_free);
      g_ptr_array_add (parser->pages, page);
    }

  if (parser->definition)
    g_string_free (g_steal_pointer (&parser->definition), TRUE);
  if (parser->notes)
    g_string_free (g_steal_pointer (&parser->notes), TRUE);
  g_clear_pointer (&parser->tips, g_ptr_array_unref);
  g_clear_pointer (&parser->focus_descs, g_ptr_array_unref);
  parser->section = SECTION_NONE;
  parser->current = NULL;
}

static Section
section_from_heading (const char *heading)
{
  static const struct { const char *name; Section section; } known[] = {
    { "definition", SECTION_DEFINITION },
    { "star pattern examples", SECTION_EXAMPLES },
    { "star examples", SECTION_EXAMPLES },
    { "star stories", SECTION_EXAMPLES },
    { "examples", SECTION_EXAMPLES },
    { "stories", SECTION_EXAMPLES },
    { "interview tips", SECTION_TIPS },
    { "tips", SECTION_TIPS },
    { "notes", SECTION_NOTES },
    { "my notes", SECTION_NOTES },
  };
  g_autofree char *folded = g_ascii_strdown (heading, -1);

  g_strstrip (folded);
  if (g_str_has_suffix (folded, ":"))
    folded[strlen (folded) - 1] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (folded, known[i].name))
      return known[i].section;

  return SECTION_NONE;
}

/* Whether a label line comes before the next heading: one written as is,
 * or, written as list items, two of different fields (a list of focus
 * areas may hold one called "Results").
 */
static gboolean
story_follows (char  **lines,
               guint   from)
{
  int listed_field = FIELD_NONE;

  for (guint i = from; lines[i] != NULL; i++)
    {
      Line line;

      classify (lines[i], &line);
      if (line.kind == LINE_HEADING && line.text[0] != '\0')
        return FALSE;
      /* Learnings and notes only follow a story's own parts. */
      if (line.kind != LINE_LABEL || line.field == FIELD_STORY ||
          line.field == FIELD_LEARNINGS || line.field == FIELD_NOTES)
        continue;
      if (!line.listed)
        return TRUE;
      if (listed_field != FIELD_NONE && listed_field != (int) line.field)
        return TRUE;
      listed_field = line.field;
    }
  return FALSE;
}

static void
parse_focus_area (Parser     *parser,
                  const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  static GRegex *regex;
  g_autofree char *name = NULL;
  GString *description;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^\\*\\*(.+?)(?:\\*\\*[ \\t]*:|:\\*\\*)[ \\t]?(.*)$",
                               G_REGEX_OPTIMIZE | G_REGEX_DOTALL, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  if (g_regex_match (regex, text, 0, &match))
    {
      g_autofree char *rest = g_match_info_fetch (match, 2);

      name = g_match_info_fetch (match, 1);
      description = g_string_new (NULL);
      append_line (description, rest);
    }
  else
    {
      const char *colon = strstr (text, ": ");

      description = g_string_new (NULL);
      if (colon != NULL)
        {
          name = g_strndup (text, colon - text);
          append_line (description, colon + 2);
        }
      else
        name = g_strdup (text);
    }

  g_ptr_array_add (parser->page->focus_names, g_strstrip (g_steal_pointer (&name)));
  if (parser->focus_descs == NULL)
    parser->focus_descs = g_ptr_array_new_with_free_func (string_free);
  g_ptr_array_add (parser->focus_descs, description);
  parser->current = description;
}

static void
handle_heading (Parser  *parser,
                char   **lines,
                guint    index,
                Line    *line)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = g_strstrip (g_strdup (line->text));
  Section section;
  gboolean example;

  if (text[0] == '\0')
    return;  /* a stray "#" */

  finish_draft (parser);
  example = g_regex_match (example_regex (), text, 0, &match);
  if (example)
    {
      g_autofree char *word = g_match_info_fetch_named (match, "example");

      /* "3. …" or "Story — …" is a story's heading only over its labels. */
      if ((word == NULL || word[0] == '\0') && !story_follows (lines, index + 1))
        {
          example = FALSE;
          g_clear_pointer (&match, g_match_info_free);
        }
    }

  section = example ? SECTION_NONE : section_from_heading (text);

  if (line->level == 1 && !example)
    {
      finish_page (parser);
      ensure_page (parser);
      parser->page->name = g_steal_pointer (&text);
      return;
    }

  ensure_page (parser);
  if (section != SECTION_NONE)
    {
      parser->section = section;
      if (section == SECTION_DEFINITION && parser->definition == NULL)
        parser->definition = g_string_new (NULL);
      else if (section == SECTION_NOTES && parser->notes == NULL)
        parser->notes = g_string_new (NULL);
      else if (section == SECTION_TIPS && parser->tips == NULL)
        parser->tips = g_ptr_array_new_with_free_func (string_free);
      parser->current = section == SECTION_DEFINITION ? parser->definition :
                        section == SECTION_NOTES ? parser->notes : NULL;
      return;
    }

  if (example || story_follows (lines, index + 1))
    {
      const char *title = text;
      int end = 0;

      if (example)
        {
          g_match_info_fetch_pos (match, 0, NULL, &end);
          title = text + end;
        }
      parser->section = SECTION_EXAMPLES;
      start_draft (parser, title);
      return;
    }

  if (line->level == 2)
    {
      parser->section = SECTION_FOCUS;
      if (parser->page->focus_heading == NULL)
        parser->page->focus_heading = g_steal_pointer (&text);
      parser->current = NULL;
      return;
    }

  parser->section = SECTION_IGNORE;
  parser->current = NULL;
}

static void
handle_label (Parser *parser,
              Line   *line)
{
  Draft *draft;

  if (line->field == FIELD_STORY)
    {
      start_draft (parser, line->text);
      parser->current = parser->draft->title;
      parser->field = FIELD_STORY;
      return;
    }

  if (parser->draft == NULL || parser->draft->seen[line->field])
    start_draft (parser, "");

  draft = parser->draft;
  draft->seen[line->field] = TRUE;
  parser->field = line->field;
  parser->current = NULL;

  if (line->field == FIELD_ACTION)
    {
      if (line->text[0] != '\0')
        {
          GString *step = g_string_new (NULL);

          append_line (step, line->text);
          g_ptr_array_add (draft->steps, step);
          parser->current = step;
        }
      return;
    }

  parser->current = draft->fields[line->field];
  append_line (parser->current, line->text);
}

static void
handle_text (Parser     *parser,
             const char *text,
             gboolean    blank)
{
  if (parser->draft != NULL && parser->field == FIELD_ACTION && parser->current == NULL)
    {
      GString *step;

      if (blank)
        return;
      step = g_string_new (NULL);
      g_ptr_array_add (parser->draft->steps, step);
      parser->current = step;
    }
  else if (parser->draft == NULL && parser->section == SECTION_TIPS &&
           parser->current == NULL && !blank)
    {
      parser->current = g_string_new (NULL);
      g_ptr_array_add (parser->tips, parser->current);
    }

  if (parser->current != NULL)
    append_line (parser->current, text);
}

static void
handle_bullet (Parser     *parser,
               const char *raw,
               Line       *line)
{
  if (parser->draft != NULL)
    {
      if (parser->field == FIELD_ACTION)
        {
          GString *step = g_string_new (NULL);

          append_line (step, line->text);
          g_ptr_array_add (parser->draft->steps, step);
          parser->current = step;
        }
      else
        handle_text (parser, raw, FALSE);
      return;
    }

  switch (parser->section)
    {
    case SECTION_TIPS:
      parser->current = g_string_new (NULL);
      append_line (parser->current, line->text);
      g_ptr_array_add (parser->tips, parser->current);
      break;
    case SECTION_FOCUS:
      parse_focus_area (parser, line->text);
      break;
    case SECTION_DEFINITION:
    case SECTION_NOTES:
      handle_text (parser, raw, FALSE);
      break;
    case SECTION_NONE:
    case SECTION_EXAMPLES:
    case SECTION_IGNORE:
    default:
      break;
    }
}

static gboolean
is_blank (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  return *line == '\0';
}

/* A list item's text, whatever it holds. */
static void
classify_item (const char *line,
               Line       *out)
{
  const char *s = line;

  while (*s == ' ' || *s == '\t')
    s++;
  memset (out, 0, sizeof *out);
  out->kind = LINE_BULLET;
  out->field = FIELD_NONE;
  out->text = s + 1;
  while (*out->text == ' ' || *out->text == '\t')
    out->text++;
}


/* "Title" over "=====" or "-----" (setext headings) become "# Title" and
 * "## Title", the underline a blank line: a text line with text before it
 * is a paragraph's end, not a heading, and stays as it is.
 */
static void
underlined_headings (char **lines)
{
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      gboolean level_one = is_underline (lines[i + 1], '=');
      Line line;

      if (!level_one && !is_underline (lines[i + 1], '-'))
        continue;
      classify (lines[i], &line);
      if (line.kind != LINE_TEXT || (i > 0 && !is_blank (lines[i - 1])))
        continue;
      /* "Title" over a short "---" is more likely a paragraph and a rule. */
      if (!level_one && 2 * underline_length (lines[i + 1], '-') < (guint) g_utf8_strlen (lines[i], -1))
        continue;

      {
        char *heading = g_strconcat (level_one ? "# " : "## ", lines[i], NULL);

        g_free (lines[i]);
        lines[i] = heading;
        lines[i + 1][0] = '\0';
      }
    }
}

/**
 * sb_markdown_parse:
 * @length: the length of @text in bytes, or -1 when nul-terminated
 *
 * Reads @text, valid UTF-8, as one or more pages (each "# Name" starts
 * one). Never fails: what it does not understand it leaves out; the
 * caller decides whether what is left is enough.
 *
 * Returns: (transfer full) (element-type SbMarkdownPage): the pages
 */
GPtrArray *
sb_markdown_parse (const char *text,
                   gssize      length)
{
  Parser parser = { 0, };
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  copy = length < 0 ? g_strdup (text) : g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  parser.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_markdown_page_free);
  parser.field = FIELD_NONE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }
  underlined_headings (lines);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      Line line;

      classify (lines[i], &line);

      if (parser.section == SECTION_DEFINITION || parser.section == SECTION_NOTES)
        {
          if (line.kind == LINE_LABEL || line.kind == LINE_BULLET || line.kind == LINE_RULE)
            line.kind = LINE_TEXT, line.text = lines[i];
        }
      /* "- Action: …" among tips or focus areas is one of them. */
      if (line.kind == LINE_LABEL && line.listed && parser.draft == NULL &&
          (parser.section == SECTION_TIPS || parser.section == SECTION_FOCUS))
        classify_item (lines[i], &line);
      /* "Notes: …" outside a story, or a second one, is just text. */
      if (line.kind == LINE_LABEL &&
          (line.field == FIELD_LEARNINGS || line.field == FIELD_NOTES) &&
          (parser.draft == NULL || parser.draft->seen[line.field]))
        line.kind = LINE_TEXT, line.text = lines[i];

      switch (line.kind)
        {
        case LINE_HEADING:
          handle_heading (&parser, lines, i, &line);
          break;
        case LINE_LABEL:
          handle_label (&parser, &line);
          break;
        case LINE_BULLET:
          handle_bullet (&parser, lines[i], &line);
          break;
        case LINE_BLANK:
          handle_text (&parser, lines[i], TRUE);
          break;
        case LINE_TEXT:
        case LINE_ESCAPED:
          handle_text (&parser, line.text, FALSE);
          break;
        case LINE_RULE:
        default:
          break;
        }
    }

  finish_page (&parser);

  return parser.pages;
}

/**
 * sb_markdown_read:
 * @catalog: (nullable): the principles whose names a heading may give
 * @left_out: (out) (optional) (element-type SbLeftOut): the lines that
 *   went into nothing
 *
 * Like sb_markdown_parse(), telling what was left out.
 *
 * Returns: (transfer full) (element-type SbMarkdownPage): the pages
 */
GPtrArray *
sb_markdown_read (const char  *text,
                  gssize       length,
                  SbCatalog   *catalog,
                  GPtrArray  **left_out)
{
  g_return_val_if_fail (catalog == NULL || SB_IS_CATALOG (catalog), NULL);

  if (left_out != NULL)
    *left_out = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_left_out_free);
  return sb_markdown_parse (text, length);
}

/**
 * sb_markdown_page_new:
 *
 * Returns: (transfer full): a page with no name and nothing in it
 */
SbMarkdownPage *
sb_markdown_page_new (void)
{
  SbMarkdownPage *page = g_new0 (SbMarkdownPage, 1);

  page->stories = g_ptr_array_new_with_free_func (g_object_unref);
  page->story_principles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  page->focus_names = g_ptr_array_new_with_free_func (g_free);
  page->focus_descriptions = g_ptr_array_new_with_free_func (g_free);
  page->tips = g_ptr_array_new_with_free_func (g_free);
  return page;
}

/**
 * sb_markdown_page_add_story:
 * @principle_names: (nullable): the names the story was labelled with
 *
 * Adds @story (a reference is taken) to @page.
 */
void
sb_markdown_page_add_story (SbMarkdownPage     *page,
                            SbStory            *story,
                            const char * const *principle_names)
{
  g_return_if_fail (page != NULL);
  g_return_if_fail (SB_IS_STORY (story));

  g_ptr_array_add (page->stories, g_object_ref (story));
  g_ptr_array_add (page->story_principles,
                   principle_names && principle_names[0] ? g_strdupv ((char **) principle_names) : NULL);
}

SbLeftOut *
sb_left_out_new (guint       first_line,
                 guint       last_line,
                 const char *reason)
{
  SbLeftOut *left_out = g_new0 (SbLeftOut, 1);

  left_out->first_line = first_line;
  left_out->last_line = last_line;
  left_out->reason = g_strdup (reason);
  return left_out;
}

void
sb_left_out_free (SbLeftOut *left_out)
{
  if (left_out == NULL)
    return;
  g_free (left_out->reason);
  g_free (left_out);
}

void
sb_markdown_page_free (SbMarkdownPage *page)
{
  if (page == NULL)
    return;

  g_free (page->name);
  g_free (page->definition);
  g_free (page->focus_heading);
  g_clear_pointer (&page->focus_names, g_ptr_array_unref);
  g_clear_pointer (&page->focus_descriptions, g_ptr_array_unref);
  g_clear_pointer (&page->tips, g_ptr_array_unref);
  g_free (page->notes);
  g_clear_pointer (&page->stories, g_ptr_array_unref);
  g_clear_pointer (&page->story_principles, g_ptr_array_unref);
  g_free (page);
}

/**
 * sb_markdown_page_is_empty:
 *
 * Returns: whether the page holds nothing to import: no story and none
 * of a principle's wording.
 */
gboolean
sb_markdown_page_is_empty (SbMarkdownPage *page)
{
  g_return_val_if_fail (page != NULL, TRUE);

  return page->stories->len == 0 &&
         (page->name == NULL ||
          ((page->definition == NULL || page->definition[0] == '\0') &&
           page->focus_names->len == 0 &&
           page->tips->len == 0 &&
           (page->notes == NULL || page->notes[0] == '\0')));
}
