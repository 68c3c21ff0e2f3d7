/* test-import.c: the import corpus, documents people really write; plans,
 * filing, merging and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus
 * ==========
 *
 * tests/data/import/ holds documents written the way people keep their
 * stories: Markdown pages in many shapes, notes-app exports, spreadsheets
 * saved as CSV or TSV, and pages that hold no story at all. Each is
 *
 *   <name>.md, <name>.markdown, <name>.txt, <name>.csv or <name>.tsv, or
 *   <name>/   a folder of pages, as Notion or Obsidian export them,
 *
 * with <name>.expected beside it: what a careful person would want
 * imported from it, not what any version of the readers happens to do.
 *
 * /import/corpus imports every document into an empty library with the
 * built-in catalog (sb_import_add_path(), sb_import_apply()), writes what
 * came in in the format below, and compares it with <name>.expected line
 * by line, printing a diff of the first differences of each document that
 * differs, and fails when any does. With SB_IMPORT_CORPUS_WRITE=1 it
 * writes <name>.actual beside each document instead of failing (for
 * review; .actual files are ignored by git and never committed). Either
 * way it prints the corpus's figures: stories expected, found, complete.
 *
 * The .expected format (UTF-8, "\n" line ends):
 *
 *   # A comment line starts with "#"; blank lines separate blocks and are
 *   # otherwise ignored.
 *   story: <title as imported>
 *   principles: <catalog name>; <catalog name>
 *   situation: <text>
 *   task: <text>
 *   action: <one step>           (one line per step, in order)
 *   result: <text>
 *   learnings: <text>
 *   notes: <text>
 *   tags: <tag>; <tag>
 *
 * - One block per story, in the order the stories appear in the document
 *   (for a folder: its files in name order). "principles:" names the
 *   principles the story is filed under, in the catalog's order, and is
 *   left out when the story is filed under none.
 * - A line whose field is empty is left out (a story with no task has no
 *   "task:" line). Fields are trimmed of leading and trailing white
 *   space; a newline inside a field is written "\n", a backslash "\\"
 *   (and a carriage return, which no field should keep, "\r").
 * - After the stories: "new-principle: <name>" for each principle the
 *   import creates, in the catalog's order; then "left-out: <first>-<last>"
 *   (1-based, inclusive) for each run of lines the Markdown reader left
 *   out, in the order of the file; for a folder, with the file's name in
 *   front: "left-out: page.md 3-5".
 * - A left-out run starts and ends on a line with text: blank lines
 *   around it are not in it, blank lines between two left-out lines join
 *   them into one run. Front matter is left out (fences included) even
 *   when its title names the page. A heading that only groups stories
 *   ("## STAR Pattern Examples", a stray "## Example" or an empty "#"
 *   right above a story) is structure, not left out; a heading over text
 *   that is left out is left out with it.
 * - A document with no story has no story block, and its lines are all
 *   left out; the import of it fails with SB_IMPORT_ERROR_NOTHING, which is
 *   what it should do. Any other error is written as an "error:" line,
 *   which no .expected file holds.
 *
 * Left-out lines come from sb_markdown_read(), so they are compared for
 * Markdown documents only (.md, .markdown, .txt and a folder's pages):
 * the CSV reader does not report the lines it leaves out.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sb-catalog.h"
#include "sb-import.h"
#include "sb-csv.h"
#include "sb-library.h"
#include "sb-markdown.h"
#include "sb-principle.h"
#include "sb-store.h"
#include "sb-story.h"
#include "sb-test-util.h"

/* At most this many changed lines of one document are printed. */
#define MAX_DIFF_LINES 24

static const char * const document_extensions[] = {
  ".md", ".markdown", ".txt", ".csv", ".tsv", NULL
};

typedef struct
{
  guint n_documents;
  guint n_failed;
  guint n_expected;   /* stories the .expected files hold */
  guint n_found;      /* stories imported */
  guint n_complete;   /* imported exactly as expected */
  GString *failed;    /* the names of the documents that differ */
} Report;

static gboolean
is_markdown_name (const char *name)
{
  return g_str_has_suffix (name, ".md") ||
         g_str_has_suffix (name, ".markdown") ||
         g_str_has_suffix (name, ".txt");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Appends "key: value" to @out, @value trimmed and escaped; nothing when
 * @value is empty.
 */
static void
add_field (GPtrArray  *out,
           const char *key,
           const char *value)
{
  g_autofree char *trimmed = NULL;
  GString *line;

  if (value == NULL)
    return;
  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    return;

  line = g_string_new (key);
  g_string_append (line, ": ");
  for (const char *s = trimmed; *s != '\0'; s++)
    {
      if (*s == '\\')
        g_string_append (line, "\\\\");
      else if (*s == '\n')
        g_string_append (line, "\\n");
      else if (*s == '\r')
        g_string_append (line, "\\r");
      else
        g_string_append_c (line, *s);
    }
  g_ptr_array_add (out, g_string_free (line, FALSE));
}

static void
add_list_field (GPtrArray          *out,
                const char         *key,
                const char * const *values)
{
  g_autoptr(GPtrArray) trimmed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      char *value = g_strstrip (g_strdup (values[i]));

      if (*value != '\0')
        g_ptr_array_add (trimmed, value);
      else
        g_free (value);
    }
  if (trimmed->len == 0)
    return;
  g_ptr_array_add (trimmed, NULL);
  joined = g_strjoinv ("; ", (char **) trimmed->pdata);
  add_field (out, key, joined);
}

static void
write_story (GPtrArray *out,
             SbStory   *story,
             SbCatalog *catalog)
{
  GListModel *principles = sb_catalog_get_principles (catalog);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char * const *ids = sb_story_get_principles (story);
  const char * const *actions = sb_story_get_actions (story);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  if (out->len > 0)
    g_ptr_array_add (out, g_strdup (""));

  /* Always a "story:" line, so an untitled story is seen too. */
  if (sb_story_get_title (story) == NULL || *sb_story_get_title (story) == '\0')
    g_ptr_array_add (out, g_strdup ("story:"));
  else
    add_field (out, "story", sb_story_get_title (story));

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);

      if (sb_story_has_principle (story, sb_principle_get_id (principle)))
        {
          g_ptr_array_add (names, (gpointer) sb_principle_get_name (principle));
          g_ptr_array_add (kept, g_steal_pointer (&principle));
        }
    }
  /* A principle the catalog does not hold shows as its id. */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (sb_catalog_lookup (catalog, ids[i]) == NULL)
      g_ptr_array_add (names, (gpointer) ids[i]);
  g_ptr_array_add (names, NULL);
  add_list_field (out, "principles", (const char * const *) names->pdata);

  add_field (out, "situation", sb_story_get_situation (story));
  add_field (out, "task", sb_story_get_task (story));
  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    add_field (out, "action", actions[i]);
  add_field (out, "result", sb_story_get_result (story));
  add_field (out, "learnings", sb_story_get_learnings (story));
  add_field (out, "notes", sb_story_get_notes (story));
  add_list_field (out, "tags", sb_story_get_tags (story));
}

static int
compare_left_out (gconstpointer a,
                  gconstpointer b)
{
  const SbLeftOut *la = *(const SbLeftOut * const *) a;
  const SbLeftOut *lb = *(const SbLeftOut * const *) b;

  if (la->first_line != lb->first_line)
    return la->first_line < lb->first_line ? -1 : 1;
  return la->last_line < lb->last_line ? -1 : la->last_line > lb->last_line;
}

/* Appends the lines of the page at @path that the Markdown reader leaves
 * out, @prefix (the file's name in a folder, or NULL) in front.
 */
static void
write_left_out (GPtrArray  *out,
                const char *path,
                const char *prefix)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) left_out = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, &error))
    {
      g_ptr_array_add (out, g_strdup_printf ("error: %s", error->message));
      return;
    }
  if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".tsv"))
    pages = sb_csv_read (text, length, catalog, &left_out, NULL);
  else
    pages = sb_markdown_read (text, length, catalog, &left_out);
  if (pages == NULL)
    return;

  g_ptr_array_sort (left_out, compare_left_out);
  for (guint i = 0; i < left_out->len; i++)
    {
      SbLeftOut *lo = g_ptr_array_index (left_out, i);

      g_ptr_array_add (out, g_strdup_printf ("left-out: %s%s%u-%u",
                                             prefix ? prefix : "",
                                             prefix ? " " : "",
                                             lo->first_line, lo->last_line));
    }
}

/* Imports the document at @path; returns its lines in the .expected
 * format, blank lines between stories included; adds the number of
 * stories to *@n_found.
 */
static GPtrArray *
import_document (const char *path,
                 guint      *n_found)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbImport) import = NULL;
  g_autoptr(GHashTable) builtin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *principles = sb_catalog_get_principles (catalog);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) left_out = g_ptr_array_new_with_free_func (g_free);
  gboolean first_extra = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);

      g_hash_table_add (builtin, g_strdup (sb_principle_get_id (principle)));
    }

  import = sb_import_new (library, catalog);
  if (sb_import_add_path (import, path, &error))
    sb_import_apply (import);
  else if (!g_error_matches (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING))
    g_ptr_array_add (out, g_strdup_printf ("error: %s", error->message));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

      write_story (out, story, catalog);
      (*n_found)++;
    }

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);

      if (g_hash_table_contains (builtin, sb_principle_get_id (principle)))
        continue;
      if (first_extra && out->len > 0)
        g_ptr_array_add (out, g_strdup (""));
      first_extra = FALSE;
      g_ptr_array_add (out, g_strdup_printf ("new-principle: %s",
                                             sb_principle_get_name (principle)));
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_strings);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *page = g_build_filename (path, g_ptr_array_index (names, i), NULL);

          write_left_out (left_out, page, g_ptr_array_index (names, i));
        }
    }
  else if (is_markdown_name (path) || g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".tsv"))
    write_left_out (left_out, path, NULL);

  /* A blank line before them, for the eye. */
  if (left_out->len > 0 && out->len > 0)
    g_ptr_array_add (out, g_strdup (""));
  for (guint i = 0; i < left_out->len; i++)
    g_ptr_array_add (out, g_strdup (g_ptr_array_index (left_out, i)));

  return out;
}

/* The lines that count: neither blank nor a comment. */
static GPtrArray *
significant_lines (GPtrArray *lines)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (*line != '\0' && *line != '#')
        g_ptr_array_add (kept, (gpointer) line);
    }
  return kept;
}

static GPtrArray *
split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      /* An editor may have saved it with "\r\n". */
      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
      g_ptr_array_add (array, g_strdup (lines[i]));
    }
  return array;
}

static guint
count_stories (GPtrArray *lines)
{
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (lines, i), "story:"))
      n++;
  return n;
}

/* The stories of @actual found, line for line, in @expected. */
static guint
count_complete (GPtrArray *expected,
                GPtrArray *actual)
{
  g_autoptr(GHashTable) blocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *both[2] = { expected, actual };
  guint n = 0;

  for (guint k = 0; k < 2; k++)
    {
      GString *block = NULL;

      for (guint i = 0; i <= both[k]->len; i++)
        {
          const char *line = i < both[k]->len ? g_ptr_array_index (both[k], i) : NULL;
          gboolean ends = line == NULL || g_str_has_prefix (line, "story:") ||
                          g_str_has_prefix (line, "new-principle:") ||
                          g_str_has_prefix (line, "left-out:") ||
                          g_str_has_prefix (line, "error:");

          if (ends && block != NULL)
            {
              char *text = g_string_free (g_steal_pointer (&block), FALSE);

              if (k == 0)
                g_hash_table_add (blocks, text);
              else
                g_ptr_array_add (found, text);
            }
          if (line != NULL && g_str_has_prefix (line, "story:"))
            block = g_string_new (NULL);
          if (block != NULL)
            {
              g_string_append (block, line);
              g_string_append_c (block, '\n');
            }
        }
    }

  for (guint i = 0; i < found->len; i++)
    if (g_hash_table_remove (blocks, g_ptr_array_index (found, i)))
      n++;
  return n;
}

/* Prints a diff of @expected and @actual (longest common subsequence),
 * at most MAX_DIFF_LINES changed lines with a line of context each side.
 */
static void
print_diff (const char *name,
            GPtrArray  *expected,
            GPtrArray  *actual)
{
  guint n = expected->len, m = actual->len;
  g_autofree guint *lcs = g_new0 (guint, (gsize) (n + 1) * (m + 1));
  g_autoptr(GString) diff = g_string_new (NULL);
  guint i = 0, j = 0, changed = 0;
  const char *previous = NULL;

#define LCS(a, b) lcs[(gsize) (a) * (m + 1) + (b)]
  for (guint a = n; a-- > 0;)
    for (guint b = m; b-- > 0;)
      {
        if (strcmp (g_ptr_array_index (expected, a), g_ptr_array_index (actual, b)) == 0)
          LCS (a, b) = LCS (a + 1, b + 1) + 1;
        else
          LCS (a, b) = MAX (LCS (a + 1, b), LCS (a, b + 1));
      }

  g_string_append_printf (diff, "--- %s.expected\n+++ %s (imported)\n", name, name);
  while ((i < n || j < m) && changed < MAX_DIFF_LINES)
    {
      if (i < n && j < m &&
          strcmp (g_ptr_array_index (expected, i), g_ptr_array_index (actual, j)) == 0)
        {
          previous = g_ptr_array_index (expected, i);
          i++, j++;
          continue;
        }

      if (previous != NULL)
        g_string_append_printf (diff, " %s\n", previous);
      previous = NULL;
      while ((i < n || j < m) && changed < MAX_DIFF_LINES &&
             !(i < n && j < m &&
               strcmp (g_ptr_array_index (expected, i), g_ptr_array_index (actual, j)) == 0))
        {
          if (j >= m || (i < n && LCS (i + 1, j) >= LCS (i, j + 1)))
            g_string_append_printf (diff, "-%s\n", (char *) g_ptr_array_index (expected, i++));
          else
            g_string_append_printf (diff, "+%s\n", (char *) g_ptr_array_index (actual, j++));
          changed++;
        }
      if (i < n && j < m)
        g_string_append_printf (diff, " %s\n", (char *) g_ptr_array_index (expected, i));
    }
  if (i < n || j < m)
    g_string_append (diff, "…\n");
#undef LCS

  fprintf (stderr, "%s", diff->str);
}

/* Finds the document <base>.<ext> or folder <base>/ in @dir. */
static char *
find_document (const char *dir,
               const char *base)
{
  g_autofree char *folder = g_build_filename (dir, base, NULL);

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&folder);

  for (guint i = 0; document_extensions[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (folder, document_extensions[i], NULL);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&file);
    }
  return NULL;
}

static gboolean
is_document_name (const char *dir,
                  const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;
  for (guint i = 0; document_extensions[i] != NULL; i++)
    if (g_str_has_suffix (name, document_extensions[i]))
      return TRUE;
  return FALSE;
}

static void
fail_document (Report     *report,
               const char *name)
{
  report->n_failed++;
  g_string_append_printf (report->failed, " %s", name);
}

/* Imports every document of the corpus in @dir and compares it with its
 * .expected file, or (@write) writes what came in to <name>.actual.
 */
static void
run_corpus (const char *dir,
            gboolean    write,
            Report     *report)
{
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *entry;

  gdir = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (gdir)) != NULL)
    g_ptr_array_add (entries, g_strdup (entry));
  g_ptr_array_sort (entries, compare_strings);

  for (guint e = 0; e < entries->len; e++)
    {
      const char *name = g_ptr_array_index (entries, e);
      g_autofree char *base = NULL;
      g_autofree char *document = NULL;
      g_autofree char *expected_path = NULL;
      g_autofree char *expected_text = NULL;
      g_autoptr(GPtrArray) expected_lines = NULL;
      g_autoptr(GPtrArray) actual_lines = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GPtrArray) actual = NULL;
      guint n_found = 0;
      gboolean same;

      /* Every document has its .expected; each .expected its document. */
      if (!g_str_has_suffix (name, ".expected"))
        {
          const char *dot = strrchr (name, '.');
          g_autofree char *stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
          g_autofree char *wanted = g_strconcat (stem, ".expected", NULL);
          g_autofree char *wanted_path = g_build_filename (dir, wanted, NULL);

          if (is_document_name (dir, name) && !g_file_test (wanted_path, G_FILE_TEST_EXISTS) &&
              !write)
            {
              fprintf (stderr, "%s has no %s\n", name, wanted);
              fail_document (report, name);
            }
          if (!is_document_name (dir, name) || g_file_test (wanted_path, G_FILE_TEST_EXISTS))
            continue;
          base = g_steal_pointer (&stem);
        }
      else
        base = g_strndup (name, strlen (name) - strlen (".expected"));

      document = find_document (dir, base);
      if (document == NULL)
        {
          fprintf (stderr, "%s has no document beside it\n", name);
          fail_document (report, name);
          continue;
        }

      report->n_documents++;
      actual_lines = import_document (document, &n_found);
      report->n_found += n_found;

      expected_path = g_build_filename (dir, name, NULL);
      if (g_str_has_suffix (name, ".expected") &&
          g_file_get_contents (expected_path, &expected_text, NULL, NULL))
        expected_lines = split_lines (expected_text);
      else
        expected_lines = g_ptr_array_new_with_free_func (g_free);

      expected = significant_lines (expected_lines);
      actual = significant_lines (actual_lines);
      report->n_expected += count_stories (expected);
      report->n_complete += count_complete (expected, actual);

      same = expected->len == actual->len;
      for (guint i = 0; same && i < expected->len; i++)
        same = strcmp (g_ptr_array_index (expected, i), g_ptr_array_index (actual, i)) == 0;

      if (write)
        {
          g_autofree char *actual_path = g_strconcat (dir, G_DIR_SEPARATOR_S, base, ".actual", NULL);
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint i = 0; i < actual_lines->len; i++)
            {
              g_string_append (text, g_ptr_array_index (actual_lines, i));
              g_string_append_c (text, '\n');
            }
          sb_test_write_file (actual_path, text->str, text->len);
        }
      else if (!same)
        {
          print_diff (base, expected, actual);
          fail_document (report, base);
        }
    }
}

static void
print_report (Report *report)
{
  fprintf (stderr, "import corpus: %u documents, %u stories expected, %u found, "
              "%u complete; %u documents differ%s\n",
              report->n_documents, report->n_expected, report->n_found,
              report->n_complete, report->n_failed, report->failed->str);
}

static void
test_corpus (void)
{
  g_autofree char *dir = NULL;
  Report report = { 0, };
  gboolean write = g_strcmp0 (g_getenv ("SB_IMPORT_CORPUS_WRITE"), "1") == 0;

  if (g_getenv ("SEED_DIR") != NULL)
    dir = g_build_filename (g_getenv ("SEED_DIR"), "import", NULL);
  else
    dir = g_test_build_filename (G_TEST_DIST, "data", "import", NULL);

  report.failed = g_string_new (NULL);
  run_corpus (dir, write, &report);
  print_report (&report);
  if (report.n_documents < 32)
    g_test_fail_printf ("the import corpus holds %u documents, not at least 32",
                        report.n_documents);

  if (report.n_failed > 0)
    g_test_fail_printf ("%u of %u documents of the import corpus differ from "
                        "their .expected files:%s",
                        report.n_failed, report.n_documents, report.failed->str);
  g_string_free (report.failed, TRUE);
}

/* The harness itself: a document in the seed's own format, which every
 * reader reads, passes against its expected file and fails against a
 * wrong one; a document with no story is compared too.
 */
static const char page[] =
  "# Earn Trust\n"
  "\n"
  "## STAR Pattern Examples\n"
  "\n"
  "### Example 1: Owned the outage\n"
  "\n"
  "**Situation**: Checkout failed for an hour.\n"
  "**Task**: Tell the customers \\ the team what happened.\n"
  "**Action**:\n"
  "- Wrote the timeline\n"
  "- Called the three biggest customers\n"
  "**Result**: All three renewed.\n";

static const char page_expected[] =
  "# The seed's own format.\n"
  "story: Owned the outage\n"
  "principles: Earn Trust\n"
  "situation: Checkout failed for an hour.\n"
  "task: Tell the customers \\\\ the team what happened.\n"
  "\n"
  "action: Wrote the timeline\n"
  "action: Called the three biggest customers\n"
  "result: All three renewed.\n";

static void
test_harness (void)
{
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *md = g_build_filename (dir, "page.md", NULL);
  g_autofree char *expected = g_build_filename (dir, "page.expected", NULL);
  g_autofree char *actual = g_build_filename (dir, "page.actual", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.txt", NULL);
  g_autofree char *empty_expected = g_build_filename (dir, "empty.expected", NULL);
  g_autofree char *written = NULL;
  g_autofree char *wrong = NULL;
  Report report = { 0, };

  sb_test_write_file (md, page, -1);
  sb_test_write_file (expected, page_expected, -1);
  sb_test_write_file (empty, "", 0);
  sb_test_write_file (empty_expected, "# Nothing in it.\n", -1);

  report.failed = g_string_new (NULL);
  run_corpus (dir, FALSE, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_failed, ==, 0);
  g_assert_cmpuint (report.n_expected, ==, 1);
  g_assert_cmpuint (report.n_found, ==, 1);
  g_assert_cmpuint (report.n_complete, ==, 1);
  g_string_free (report.failed, TRUE);

  /* Writing: the .actual file holds what came in, and nothing fails. */
  memset (&report, 0, sizeof report);
  report.failed = g_string_new (NULL);
  run_corpus (dir, TRUE, &report);
  g_assert_cmpuint (report.n_failed, ==, 0);
  written = sb_test_read_file (actual);
  g_assert_nonnull (strstr (written, "task: Tell the customers \\\\ the team what happened.\n"));
  g_assert_nonnull (strstr (written, "\naction: Called the three biggest customers\n"));
  g_string_free (report.failed, TRUE);
  g_unlink (actual);
  g_unlink (empty_expected);
  {
    g_autofree char *empty_actual = g_build_filename (dir, "empty.actual", NULL);

    g_unlink (empty_actual);
  }

  /* A document without its .expected fails, as does a wrong one. */
  wrong = g_strdup (page_expected);
  *strstr (wrong, "renewed") = 'R';
  sb_test_write_file (expected, wrong, -1);
  memset (&report, 0, sizeof report);
  report.failed = g_string_new (NULL);
  run_corpus (dir, FALSE, &report);
  g_assert_cmpuint (report.n_failed, ==, 2);
  g_assert_cmpuint (report.n_complete, ==, 0);
  g_assert_nonnull (strstr (report.failed->str, "empty.txt"));
  g_assert_nonnull (strstr (report.failed->str, "page"));
  g_string_free (report.failed, TRUE);

  sb_test_rm_rf (dir);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!sb_import_add_files_finish (SB_IMPORT (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  *(gboolean *) g_object_get_data (object, "done") = TRUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Reading on a thread and planning in slices plans what reading in one
 * go does, lets the main loop run while it works, and says how far it
 * is; cancelled, it plans nothing.
 */
static void
test_async (void)
{
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *folder = sb_test_make_import_folder (dir, 300);
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbImport) sync = sb_import_new (library, catalog);
  g_autoptr(SbImport) async = sb_import_new (library, catalog);
  g_autoptr(SbImport) cancelled = sb_import_new (library, catalog);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) summary = NULL;
  gboolean done = FALSE;
  double progress = 0, last = 0;
  guint ticks = 0, tick_id;

  g_assert_true (sb_import_add_file (sync, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_import_get_n_new_stories (sync), ==, 3000);
  expected = sb_import_dup_summary (sync);

  g_object_set_data (G_OBJECT (async), "done", &done);
  tick_id = g_timeout_add (1, tick_cb, &ticks);
  sb_import_add_files_async (async, &file, 1, NULL, added_cb, &error);
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
      if (done)
        break;
      progress = sb_import_get_progress (async);
      g_assert_cmpfloat (progress, >=, last);
      g_assert_cmpfloat (progress, <=, 1.0);
      last = MAX (last, progress);
    }
  g_source_remove (tick_id);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, >, 0.5);
  /* The main loop ran while the files were read and planned. */
  g_assert_cmpuint (ticks, >, 1);
  summary = sb_import_dup_summary (async);
  g_assert_cmpstrv (summary, expected);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);

  done = FALSE;
  g_object_set_data (G_OBJECT (cancelled), "done", &done);
  sb_import_add_files_async (cancelled, &file, 1, cancellable, added_cb, &error);
  g_cancellable_cancel (cancellable);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (sb_import_is_empty (cancelled));

  sb_test_rm_rf (dir);
}

/* Plans, applies and undoes imports into a library, and reads what it
 * holds back through sb_store_serialize().
 */
typedef struct
{
  SbCatalog *catalog;
  SbLibrary *library;
  SbStore   *store;   /* never saves: for sb_store_serialize() */
} Lib;

static Lib *
lib_new (void)
{
  Lib *lib = g_new0 (Lib, 1);

  lib->catalog = sb_catalog_new ();
  lib->library = sb_library_new ();
  lib->store = sb_store_new ("/nonexistent/storybank/stories.json", lib->library, lib->catalog);
  sb_store_set_autosave_delay (lib->store, G_MAXINT / 2);
  return lib;
}

static void
lib_free (Lib *lib)
{
  g_clear_object (&lib->store);
  g_clear_object (&lib->library);
  g_clear_object (&lib->catalog);
  g_free (lib);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lib, lib_free)

static void
test_import_twice (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autofree char *seed = sb_test_read_seed ();
  g_autoptr(SbImport) first = sb_test_import_markdown (lib->library, lib->catalog, seed);
  g_autoptr(SbImport) second = sb_import_new (lib->library, lib->catalog);
  g_autofree char *before = sb_store_serialize (lib->store);
  g_autofree char *after = NULL;
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "pages", NULL);
  g_autoptr(SbImport) third = sb_import_new (lib->library, lib->catalog);

  g_assert_true (sb_import_add_markdown (second, seed, -1, "think-big.md", NULL));
  g_assert_true (sb_import_is_empty (second));
  sb_import_apply (second);

  /* The same through a folder export, and with a JSON export of itself. */
  g_assert_true (sb_markdown_export_folder (lib->library, lib->catalog, NULL, folder, NULL, NULL));
  {
    g_autofree char *json_path = g_build_filename (folder, "stories.json", NULL);
    sb_test_write_file (json_path, before, -1);
  }
  g_assert_true (sb_import_add_path (third, folder, NULL));
  g_assert_true (sb_import_is_empty (third));
  sb_import_apply (third);

  after = sb_store_serialize (lib->store);
  g_assert_cmpstr (after, ==, before);
  sb_test_rm_rf (dir);
}

/* An edited page updates the story it names, and undo brings it back. */
static void
test_update_and_undo (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autofree char *seed = sb_test_read_seed ();
  g_autoptr(SbImport) first = sb_test_import_markdown (lib->library, lib->catalog, seed);
  g_autoptr(SbImport) second = sb_import_new (lib->library, lib->catalog);
  g_autofree char *before = sb_store_serialize (lib->store);
  g_autofree char *after = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GString) text = g_string_new (seed);
  g_auto(GStrv) summary = NULL;
  SbStory *original = sb_test_story_at (lib->library, 0);

  g_string_replace (text, "supports global deployment", "supports three regions", 1);
  g_string_replace (text, "## Definition\n**Create bold direction.", "## Definition\n**Go big.", 1);
  g_string_append (text, "\n\n### Example 4: A new one\n**Situation**: s\n**Task**: t\n**Action**:\n- a\n**Result**: r\n");
  g_string_append (text, "\n# Brand New Principle\n\n### Example 1: Elsewhere\n**Situation**: s2\n**Task**: t2\n**Action**:\n- a2\n**Result**: r2\n");
  edited = g_string_free (g_steal_pointer (&text), FALSE);

  g_assert_true (sb_import_add_markdown (second, edited, -1, NULL, NULL));
  g_assert_cmpuint (sb_import_get_n_new_stories (second), ==, 2);
  g_assert_cmpuint (sb_import_get_n_updated_stories (second), ==, 1);
  g_assert_cmpuint (sb_import_get_n_new_principles (second), ==, 1);
  g_assert_cmpuint (sb_import_get_n_changed_principles (second), ==, 1);
  summary = sb_import_dup_summary (second);
  g_assert_cmpuint (g_strv_length (summary), ==, 5);
  g_assert_true (g_strv_contains ((const char * const *) summary, "Updated story “Scalable Architecture Vision”"));
  g_assert_true (g_strv_contains ((const char * const *) summary, "New story “A new one” (Think Big)"));

  /* Planning changed nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 3);
  g_assert_true (strstr (sb_story_get_result (original), "global deployment") != NULL);
  {
    g_autofree char *planned = sb_store_serialize (lib->store);
    g_assert_cmpstr (planned, ==, before);
  }

  sb_import_apply (second);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 5);
  g_assert_true (strstr (sb_story_get_result (sb_test_story_at (lib->library, 0)), "three regions") != NULL);
  g_assert_cmpstr (sb_story_get_id (sb_test_story_at (lib->library, 0)), ==, sb_story_get_id (original));
  g_assert_nonnull (sb_catalog_lookup_by_name (lib->catalog, "Brand New Principle"));
  g_assert_true (g_str_has_prefix (sb_principle_get_user_definition (sb_catalog_lookup (lib->catalog, "think-big")),
                                   "Go big."));

  sb_import_undo (second);
  after = sb_store_serialize (lib->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (sb_test_story_at (lib->library, 0) == original);
  g_assert_null (sb_catalog_lookup_by_name (lib->catalog, "Brand New Principle"));
}

/* Two stories of one title, in one page, two pages or a sheet, are two
 * stories; imported again they change nothing, and an edit to the second
 * updates the second. Untitled ones that start alike never replace each
 * other.
 */
static void
test_same_title (void)
{
  g_autoptr(Lib) lib = lib_new ();
  const char *page_text =
    "# Ownership\n\n## Story 1: Production outage\n**Situation:** The payments database ran out of disk.\n"
    "**Task:** Bring payments back.\n**Action:** Freed space and added an alert.\n**Result:** Back in 20 minutes.\n\n"
    "## Story 2: Production outage\n**Situation:** A bad DNS change took the API down.\n"
    "**Task:** Restore the API.\n**Action:** Reverted the record.\n**Result:** Back in 5 minutes.\n";
  const char *sheet =
    "Title,Situation,Task,Action,Result,Principle\n"
    "Disagreed with my manager,Manager wanted to cut testing,Keep quality,Showed defect data,Testing kept,Have Backbone\n"
    "Disagreed with my manager,Manager wanted a contractor,Hire full-time,Built a cost model,We hired two,Have Backbone\n";
  const char *untitled_a =
    "Situation: When I joined the payments team at my previous company, deploys took a day.\n"
    "Task: Make them faster.\nAction: Automated the checks.\nResult: Deploys took an hour.\n";
  const char *untitled_b =
    "Situation: When I joined the payments team at my previous company, nobody owned on-call.\n"
    "Task: Set up a rotation.\nAction: Wrote the runbook.\nResult: Pages answered in minutes.\n";
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *sheet_path = g_build_filename (dir, "sheet.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GString) text = NULL;

  {
    g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);

    sb_test_write_file (sheet_path, sheet, -1);
    g_assert_true (sb_import_add_markdown (import, page_text, -1, "ownership.md", NULL));
    g_assert_true (sb_import_add_path (import, sheet_path, NULL));
    g_assert_true (sb_import_add_markdown (import, untitled_a, -1, "a.md", NULL));
    g_assert_true (sb_import_add_markdown (import, untitled_b, -1, "b.md", NULL));
    g_assert_cmpuint (sb_import_get_n_new_stories (import), ==, 6);
    g_assert_cmpuint (sb_import_get_n_updated_stories (import), ==, 0);
    sb_import_apply (import);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 6);
  before = sb_store_serialize (lib->store);

  /* Again: nothing. */
  {
    g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);

    g_assert_true (sb_import_add_markdown (import, page_text, -1, "ownership.md", NULL));
    g_assert_true (sb_import_add_path (import, sheet_path, NULL));
    g_assert_true (sb_import_add_markdown (import, untitled_b, -1, "b.md", NULL));
    g_assert_true (sb_import_add_markdown (import, untitled_a, -1, "a.md", NULL));
    g_assert_true (sb_import_is_empty (import));
  }

  /* The second outage edited: it, and only it, is updated. */
  text = g_string_new (page_text);
  g_string_replace (text, "Back in 5 minutes.", "Back in 4 minutes.", 1);
  edited = g_string_free (g_steal_pointer (&text), FALSE);
  {
    g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);
    g_autofree char *after = NULL;

    g_assert_true (sb_import_add_markdown (import, edited, -1, "ownership.md", NULL));
    g_assert_cmpuint (sb_import_get_n_new_stories (import), ==, 0);
    g_assert_cmpuint (sb_import_get_n_updated_stories (import), ==, 1);
    sb_import_apply (import);
    after = sb_store_serialize (lib->store);
    g_assert_nonnull (strstr (after, "Back in 20 minutes."));
    g_assert_nonnull (strstr (after, "Back in 4 minutes."));
    g_assert_null (strstr (after, "Back in 5 minutes."));
  }

  /* A third untitled story that starts the same way is a new one. */
  {
    g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);

    g_assert_true (sb_import_add_markdown (import,
                                           "Situation: When I joined the payments team at my previous company, "
                                           "tests were flaky.\nTask: Fix them.\nAction: Quarantined them.\n"
                                           "Result: Green builds.\n", -1, "c.md", NULL));
    g_assert_cmpuint (sb_import_get_n_new_stories (import), ==, 1);
    g_assert_cmpuint (sb_import_get_n_updated_stories (import), ==, 0);
  }
  sb_test_rm_rf (dir);
}

/* A note with no title of its own is titled by its file's name, without
 * Notion's id; when the name is a principle's, it files the story, which
 * is titled by its first words and marked untitled.
 */
static void
test_file_names (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);
  const char *note = "Situation: Checkout conversion dropped two percent after a release.\n"
                     "Task: Find out why.\nAction: Compared the funnel by browser.\nResult: Fixed a Safari bug.\n";
  g_auto(GStrv) summary = NULL;

  g_assert_true (sb_import_add_markdown (import, note, -1, "Checkout drop 0123456789abcdef0123456789abcdef.md", NULL));
  g_assert_true (sb_import_add_markdown (import, note, -1, "LP_05_dive_deep (1).md", NULL));
  summary = sb_import_dup_summary (import);
  g_assert_cmpuint (g_strv_length (summary), ==, 2);
  g_assert_cmpstr (summary[0], ==, "New story “Checkout drop”");
  g_assert_cmpstr (summary[1], ==,
                   "New story “Checkout conversion dropped two percent after a release.” (Dive Deep), untitled: rename it");
}

/* Pages file their stories under the built-in principle their name,
 * however written, means; a file's name finds a principle but never makes
 * one; a principle the page names that the catalog lacks is listed, and
 * the user can file its stories under one of theirs instead.
 */
static void
test_import_filing (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) summary = NULL;
  const char *story = "### Example 1: The release train\n"
                      "**Situation**: Releases slipped every month.\n"
                      "**Task**: I owned the release.\n"
                      "**Action**:\n- Cut scope\n\n"
                      "**Result**: On time for a year.\n";
  g_autofree char *high = g_strconcat ("# High Standards\n\n", story, NULL);
  g_autofree char *quality = g_strdup ("# Quality Above All\n\n"
                                       "### Example 1: Zero defects\n"
                                       "**Situation**: Bugs everywhere.\n"
                                       "**Result**: None left.\n");

  g_assert_true (sb_import_add_markdown (import, high, -1, "high.md", &error));
  g_assert_no_error (error);
  g_assert_true (sb_import_add_markdown (import, story, -1, "/notes/earnTrust.md", &error));
  g_assert_no_error (error);
  g_assert_true (sb_import_add_markdown (import, story, -1, "/notes/my_day_3.md", &error));
  g_assert_no_error (error);
  g_assert_true (sb_import_add_markdown (import, quality, -1, "q.md", &error));
  g_assert_no_error (error);

  added = sb_import_dup_new_principles (import);
  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpstr (sb_principle_get_name (g_ptr_array_index (added, 0)), ==, "Quality Above All");
  g_assert_cmpuint (sb_import_get_n_new_principles (import), ==, 1);

  sb_import_map_principle (import, g_ptr_array_index (added, 0),
                           sb_catalog_lookup (lib->catalog, "insist-on-the-highest-standards"));
  g_assert_cmpuint (sb_import_get_n_new_principles (import), ==, 0);
  summary = sb_import_dup_summary (import);
  g_assert_true (g_strv_contains ((const char * const *) summary,
                                  "“Quality Above All” filed under “Insist on the Highest Standards”"));
  g_assert_true (g_strv_contains ((const char * const *) summary,
                                  "New story “Zero defects” (Insist on the Highest Standards)"));

  sb_import_apply (import);
  g_assert_null (sb_catalog_lookup_by_exact_name (lib->catalog, "Quality Above All"));
  g_assert_null (sb_catalog_lookup_by_exact_name (lib->catalog, "High Standards"));
  /* The release train is one story, filed under both principles its
   * pages named; the page named after no principle leaves its copy
   * unfiled.
   */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 3);
  {
    guint unfiled = 0;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lib->library)); i++)
      {
        SbStory *s = sb_test_story_at (lib->library, i);

        if (sb_story_get_principles (s)[0] == NULL)
          unfiled++;
        else if (g_str_equal (sb_story_get_title (s), "Zero defects"))
          g_assert_cmpstrv (sb_story_get_principles (s), ((const char * const []) { "insist-on-the-highest-standards", NULL }));
        else
          g_assert_cmpstrv (sb_story_get_principles (s),
                            ((const char * const []) { "insist-on-the-highest-standards", "earn-trust", NULL }));
      }
    g_assert_cmpuint (unfiled, ==, 1);
  }

  sb_import_undo (import);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 0);
  g_assert_nonnull (sb_catalog_lookup (lib->catalog, "insist-on-the-highest-standards"));

  /* A note's own title, no principle's, in a file named after one: the
   * file's name files it. With a second page of stories, each page's
   * name does.
   */
  {
    g_autoptr(SbImport) hiring = sb_import_new (lib->library, lib->catalog);
    g_autofree char *notes = g_strconcat ("---\ntitle: Hiring notes\n---\n\n", story, NULL);
    g_autofree char *two = g_strconcat ("# Hiring\n\n", story, "\n# Coaching\n\n", story, NULL);

    g_assert_true (sb_import_add_markdown (hiring, notes, -1, "/notes/hire_and_develop.md", &error));
    g_assert_cmpuint (sb_import_get_n_new_principles (hiring), ==, 0);
    sb_import_apply (hiring);
    g_assert_cmpstrv (sb_story_get_principles (sb_test_story_at (lib->library, 0)),
                      ((const char * const []) { "hire-and-develop-the-best", NULL }));
    sb_import_undo (hiring);

    g_clear_object (&hiring);
    hiring = sb_import_new (lib->library, lib->catalog);
    g_assert_true (sb_import_add_markdown (hiring, two, -1, "/notes/hire_and_develop.md", &error));
    g_assert_cmpuint (sb_import_get_n_new_principles (hiring), ==, 2);
  }

  /* A page named for a set of notes makes no principle; its stories are
   * filed by the file's name, or not at all.
   */
  {
    const char *names[] = { "Day 3", "Purpose", "Interview prep \u2014 answers", "STAR cheat sheet",
                            "Leadership Principles", "Week 2: Stories" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(SbImport) notes = sb_import_new (lib->library, lib->catalog);
        g_autofree char *page_text = g_strconcat ("# ", names[i], "\n\n", story, NULL);
        g_auto(GStrv) lines = NULL;

        g_test_message ("%s", names[i]);
        g_assert_true (sb_import_add_markdown (notes, page_text, -1, "prep.md", &error));
        g_assert_cmpuint (sb_import_get_n_new_principles (notes), ==, 0);
        lines = sb_import_dup_summary (notes);
        g_assert_null (strchr (lines[0], '('));
        g_clear_object (&notes);

        notes = sb_import_new (lib->library, lib->catalog);
        g_assert_true (sb_import_add_markdown (notes, page_text, -1, "earn_trust.md", &error));
        g_assert_cmpuint (sb_import_get_n_new_principles (notes), ==, 0);
        g_strfreev (lines);
        lines = sb_import_dup_summary (notes);
        g_assert_nonnull (strstr (lines[0], "(Earn Trust)"));
      }
  }

  /* A principle of the user's own whose name shares a word with such
   * pages is one.
   */
  {
    const char *names[] = { "Matrix Management", "Day-to-Day Operations", "Asking Good Questions" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(SbImport) own = sb_import_new (lib->library, lib->catalog);
        g_autofree char *page_text = g_strconcat ("# ", names[i], "\n\n", story, NULL);

        g_test_message ("%s", names[i]);
        g_assert_true (sb_import_add_markdown (own, page_text, -1, "mine.md", &error));
        g_assert_cmpuint (sb_import_get_n_new_principles (own), ==, 1);
      }
  }
}

static char *
make_json (GPtrArray *stories)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(SbPrinciple) theirs = sb_principle_new ("their-own", "Their Own", SB_FRAMEWORK_USER, FALSE);
  const char *tips[] = { "Their tip", NULL };
  const char *none[] = { NULL };

  sb_principle_set_definition (theirs, "Theirs.");
  sb_catalog_add_principle (lib->catalog, theirs);
  sb_principle_set_user_wording (sb_catalog_lookup (lib->catalog, "ownership"),
                                 "Own words", NULL, none, none, tips);

  for (guint i = 0; i < stories->len; i++)
    sb_library_add (lib->library, g_ptr_array_index (stories, i));
  return sb_store_serialize (lib->store);
}

static void
test_json_merge (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (4, 99);
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);
  g_autoptr(SbStory) newer = NULL;
  g_autoptr(SbStory) older = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < 3; i++)
    sb_library_add (lib->library, g_ptr_array_index (stories, i));

  /* Theirs: story 0 edited later, story 1 edited earlier, story 2 as is,
   * story 3 new.
   */
  newer = sb_story_copy (g_ptr_array_index (stories, 0));
  g_usleep (2000);
  sb_story_set_title (newer, "Edited later");
  older = sb_story_copy (g_ptr_array_index (stories, 1));
  sb_story_set_title (older, "Edited earlier");
  g_usleep (2000);
  sb_story_set_title (g_ptr_array_index (stories, 1), "Mine, edited last");
  g_ptr_array_add (theirs, g_object_ref (newer));
  g_ptr_array_add (theirs, g_object_ref (older));
  g_ptr_array_add (theirs, sb_story_copy (g_ptr_array_index (stories, 2)));
  g_ptr_array_add (theirs, g_object_ref (g_ptr_array_index (stories, 3)));
  json = make_json (theirs);

  before = sb_store_serialize (lib->store);
  g_assert_true (sb_import_add_json (import, json, -1, "theirs.json", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_import_get_n_new_stories (import), ==, 1);
  g_assert_cmpuint (sb_import_get_n_updated_stories (import), ==, 1);
  g_assert_cmpuint (sb_import_get_n_new_principles (import), ==, 1);
  g_assert_cmpuint (sb_import_get_n_changed_principles (import), ==, 1);

  sb_import_apply (import);
  g_assert_cmpstr (sb_principle_get_definition (sb_catalog_lookup (lib->catalog, "their-own")), ==, "Theirs.");
  g_assert_cmpstr (sb_principle_get_user_definition (sb_catalog_lookup (lib->catalog, "ownership")), ==, "Own words");
  g_assert_cmpstr (sb_principle_get_user_tips (sb_catalog_lookup (lib->catalog, "ownership"))[0], ==, "Their tip");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 4);
  g_assert_cmpstr (sb_story_get_title (sb_library_find (lib->library, sb_story_get_id (newer))), ==, "Edited later");
  g_assert_cmpstr (sb_story_get_title (sb_library_find (lib->library, sb_story_get_id (older))), ==, "Mine, edited last");
  g_assert_true (sb_story_content_equal (sb_library_find (lib->library, sb_story_get_id (newer)), newer));

  sb_import_undo (import);
  after = sb_store_serialize (lib->store);
  g_assert_cmpstr (after, ==, before);
}

/* Pages saved on Windows by an older editor: Windows-1252 ("ANSI"),
 * UTF-16 with its BOM ("Unicode"), UTF-8 with a BOM.
 */
static void
test_encodings (void)
{
  g_autofree char *dir = sb_test_make_tmpdir ();
  const char *utf8 = "Story: Caf\xc3\xa9 menu \xe2\x80\x9c" "fix\xe2\x80\x9d\r\nSituation: The menu\xe2\x80\x99s prices were wrong.\r\n"
                     "Task: Fix them.\r\nAction: Checked each one.\r\nResult: Right by noon.\r\n";
  const char *cp1252 = "Story: Caf\xe9 menu \x93" "fix\x94\r\nSituation: The menu\x92s prices were wrong.\r\n"
                       "Task: Fix them.\r\nAction: Checked each one.\r\nResult: Right by noon.\r\n";
  gsize utf16_length = 0;
  g_autofree char *utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, NULL);
  g_autofree char *utf16_bom = g_malloc (utf16_length + 2);
  g_autofree char *utf8_bom = g_strconcat ("\xef\xbb\xbf", utf8, NULL);
  /* UTF-8 with one stray byte: read as UTF-8, the byte as Windows-1252. */
  const char *stray = "Story: Caf\xc3\xa9 menu \xe2\x80\x9c" "fix\xe2\x80\x9d\nSituation: The menu\xe2\x80\x99s prices were wrong.\x92\n"
                      "Task: Fix them.\nAction: Checked each one.\nResult: Right by noon.\n";
  struct { const char *name; const char *bytes; gssize length; } files[] = {
    { "stray.md", stray, -1 },
    { "ansi.md", cp1252, -1 },
    { "unicode.txt", utf16_bom, utf16_length + 2 },
    { "bom.md", utf8_bom, -1 },
  };

  memcpy (utf16_bom, "\xff\xfe", 2);
  memcpy (utf16_bom + 2, utf16, utf16_length);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(Lib) lib = lib_new ();
      g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);
      g_autoptr(SbStory) story = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);

      g_test_message ("%s", files[i].name);
      sb_test_write_file (path, files[i].bytes, files[i].length);
      g_assert_true (sb_import_add_path (import, path, &error));
      g_assert_no_error (error);
      sb_import_apply (import);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 1);
      story = g_list_model_get_item (G_LIST_MODEL (lib->library), 0);
      g_assert_cmpstr (sb_story_get_title (story), ==, "Caf\xc3\xa9 menu \xe2\x80\x9c" "fix\xe2\x80\x9d");
      g_assert_true (g_str_has_prefix (sb_story_get_situation (story), "The menu\xe2\x80\x99s prices were wrong."));
      g_assert_cmpstr (sb_story_get_situation (story) + strlen ("The menu\xe2\x80\x99s prices were wrong."), ==,
                       i == 0 ? "\xe2\x80\x99" : "");
    }
}

/* Windows-1252 that happens to hold a UTF-8 sequence ("é" then a
 * non-breaking space and "»") is still read as Windows-1252.
 */
static void
test_encodings_accident (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);
  g_autoptr(SbStory) story = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "Story: R\xe9gl\xe9\xa0\xbb\nSituation: Caf\xe9 \xe0 c\xf4t\xe9.\nTask: R\xe9gler.\n"
                     "Action: Appel\xe9.\nResult: R\xe9gl\xe9.\n";

  g_assert_true (sb_import_add_markdown (import, text, -1, "notes.txt", &error));
  g_assert_no_error (error);
  sb_import_apply (import);
  story = g_list_model_get_item (G_LIST_MODEL (lib->library), 0);
  g_assert_cmpstr (sb_story_get_title (story), ==, "R\xc3\xa9gl\xc3\xa9\xc2\xa0\xc2\xbb");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Caf\xc3\xa9 \xc3\xa0 c\xc3\xb4t\xc3\xa9.");
}

static void
test_bad_input (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autofree char *seed = sb_test_read_seed ();
  g_autoptr(SbImport) ok = sb_test_import_markdown (lib->library, lib->catalog, seed);
  g_autofree char *before = sb_store_serialize (lib->store);
  g_autofree char *after = NULL;
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *binary = g_build_filename (dir, "binary.md", NULL);
  g_autofree char *meaningless = g_build_filename (dir, "meaningless.md", NULL);
  g_autofree char *empty = g_build_filename (dir, "nothing.md", NULL);
  g_autofree char *large = g_build_filename (dir, "large.md", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  struct { const char *path; int code; const char *words; } cases[] = {
    { binary, SB_IMPORT_ERROR_NOT_TEXT, "not a text file" },
    { meaningless, SB_IMPORT_ERROR_NOT_TEXT, "not a text file" },
    { empty, SB_IMPORT_ERROR_NOTHING, "no story" },
    { large, SB_IMPORT_ERROR_TOO_LARGE, "too large" },
    { broken, SB_IMPORT_ERROR_INVALID, "not a Storybank file" },
    { folder, SB_IMPORT_ERROR_NOTHING, "no Markdown page" },
  };
  int fd;

  sb_test_write_file (binary, "# Think Big\n\0\1\2### Example 1: x\n**Situation**: y\n", 40);
  /* Bytes that are neither UTF-8 nor Windows-1252. */
  sb_test_write_file (meaningless, "# Think Big\n### Example 1: Z\x81rich\n**Situation**: y\n", -1);
  sb_test_write_file (empty, "# A README\n\nSome words, and no story at all.\n\n- a list\n", -1);
  sb_test_write_file (broken, "{ \"format\": \"storybank\", \"stories\": [ ", -1);
  fd = g_open (large, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, SB_IMPORT_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  {
    g_autofree char *readme = g_build_filename (folder, "README.md", NULL);
    sb_test_write_file (readme, "# Notes to self\nNothing here.\n", -1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].path);
      g_assert_false (sb_import_add_path (import, cases[i].path, &error));
      g_assert_error (error, SB_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_true (sb_import_is_empty (import));
    }

  /* A folder's file that does not read, or holds no story, is skipped
   * and named with the reason; the others come in.
   */
  {
    g_autoptr(SbImport) import = sb_import_new (lib->library, lib->catalog);
    g_autofree char *good = g_build_filename (folder, "good.md", NULL);
    g_autofree char *bad = g_build_filename (folder, "zz-bad.md", NULL);
    g_autofree char *bad_json = g_build_filename (folder, "zz-stories.json", NULL);
    g_auto(GStrv) summary = NULL;

    sb_test_write_file (good, "Story: Fine\nS: s\nT: t\nA: a\nR: r\n", -1);
    sb_test_write_file (bad, "Story: \x8f\x90\n", -1);
    sb_test_write_file (bad_json, "{ \"format\": \"storybank\", \"stories\": [ ", -1);
    g_assert_true (sb_import_add_path (import, folder, NULL));
    g_assert_cmpuint (sb_import_get_n_new_stories (import), ==, 1);
    summary = sb_import_dup_summary (import);
    g_assert_cmpuint (g_strv_length (summary), ==, 4);
    g_assert_true (g_str_has_prefix (summary[1], "Skipped ") && strstr (summary[1], "README.md: no story in it"));
    g_assert_true (g_str_has_prefix (summary[2], "Skipped: ") && strstr (summary[2], "zz-bad.md is not a text file"));
    g_assert_true (g_str_has_prefix (summary[3], "Skipped: ") && strstr (summary[3], "not a Storybank file"));
  }

  after = sb_store_serialize (lib->store);
  g_assert_cmpstr (after, ==, before);
  sb_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/harness", test_harness);
  g_test_add_func ("/import/corpus", test_corpus);
  g_test_add_func ("/import/async", test_async);
  g_test_add_func ("/import/twice", test_import_twice);
  g_test_add_func ("/import/update-and-undo", test_update_and_undo);
  g_test_add_func ("/import/json-merge", test_json_merge);
  g_test_add_func ("/import/bad-input", test_bad_input);
  g_test_add_func ("/import/encodings", test_encodings);
  g_test_add_func ("/import/encodings-accident", test_encodings_accident);
  g_test_add_func ("/import/filing", test_import_filing);
  g_test_add_func ("/import/same-title", test_same_title);
  g_test_add_func ("/import/file-names", test_file_names);

  return g_test_run ();
}
