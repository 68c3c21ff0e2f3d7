/* test-cli.c: the storybank command line, run as the user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-csv.h"
#include "sb-interview.h"
#include "sb-store.h"
#include "sb-markdown.h"
#include "sb-speech-model.h"
#include "sb-text-export.h"
#include "sb-test-util.h"

typedef struct
{
  char *dir;
  char *data_home;
  char *data_file;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sb_test_make_tmpdir ();
  f->data_home = g_build_filename (f->dir, "data", NULL);
  f->data_file = g_build_filename (f->data_home, "storybank", "stories.json", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->data_home);
  g_free (f->data_file);
  g_free (f->out);
  g_free (f->err);
}

/* Runs storybank with @args (NULL-terminated) and no display; returns its
 * exit status, its output in f->out and f->err.
 */
static int
run (Fixture *f,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("STORYBANK"));
  va_start (args, f);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->data_home, TRUE);
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &f->out, &f->err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", f->out, f->err);

  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
seed_path (void)
{
  return g_build_filename (g_getenv ("SEED_DIR"), "think-big.md", NULL);
}

static char *
normalize (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* The data file as the app would load it. */
static SbLibrary *
load_library (Fixture    *f,
              SbCatalog **catalog)
{
  SbLibrary *library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  *catalog = sb_catalog_new ();
  store = sb_store_new (f->data_file, library, *catalog);
  sb_store_load (store, &error);
  g_assert_no_error (error);
  return library;
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpint (run (f, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "--export=PATH"));
  g_assert_nonnull (strstr (f->out, "--import=PATH"));
  g_assert_nonnull (strstr (f->out, "--format"));
  g_assert_nonnull (strstr (f->out, "--principle"));
  g_assert_nonnull (strstr (f->out, "--check"));
}

static void
test_import_and_export (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *seed_text = sb_test_read_file (seed);
  g_autofree char *txt = g_build_filename (f->dir, "stories.txt", NULL);
  g_autofree char *md = g_build_filename (f->dir, "stories.md", NULL);
  g_autofree char *json = g_build_filename (f->dir, "stories.json", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *folder_arg = g_strconcat (folder, "/", NULL);
  g_autofree char *page = g_build_filename (folder, "think-big.md", NULL);
  g_autofree char *arg = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(JsonArray) principles = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 version = 0;

  arg = g_strconcat ("--import=", seed, NULL);
  g_assert_cmpint (run (f, arg, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "New story “Scalable Architecture Vision” (Think Big)"));
  g_assert_true (g_file_test (f->data_file, G_FILE_TEST_IS_REGULAR));

  /* A second import adds nothing and leaves the file as it was. */
  saved = sb_test_read_file (f->data_file);
  g_assert_cmpint (run (f, arg, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Nothing new"));
  contents = sb_test_read_file (f->data_file);
  g_assert_cmpstr (contents, ==, saved);
  g_clear_pointer (&contents, g_free);

  /* Plain text: labelled, numbered steps, wrapped to 76 columns. */
  g_clear_pointer (&arg, g_free);
  arg = g_strconcat ("--export=", txt, NULL);
  g_assert_cmpint (run (f, arg, NULL), ==, 0);
  contents = sb_test_read_file (txt);
  g_assert_nonnull (strstr (contents, "THINK BIG\n"));
  g_assert_nonnull (strstr (contents, "SITUATION\n  Current monolithic application"));
  g_assert_nonnull (strstr (contents, "  1. Designed microservices architecture"));
  g_assert_nonnull (strstr (contents, "RESULT\n"));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (sb_text_display_width (lines[i]), <=, SB_TEXT_EXPORT_WIDTH);
  g_clear_pointer (&contents, g_free);

  /* Markdown: the page as it came. */
  g_clear_pointer (&arg, g_free);
  arg = g_strconcat ("--export=", md, NULL);
  g_assert_cmpint (run (f, arg, NULL), ==, 0);
  contents = sb_test_read_file (md);
  {
    g_autofree char *a = normalize (contents);
    g_autofree char *b = normalize (seed_text);

    g_assert_cmpstr (a, ==, b);
  }
  g_clear_pointer (&contents, g_free);

  /* Markdown to a folder, one principle only. */
  g_assert_cmpint (run (f, "--format=md", "--principle=Think Big", "--export", folder_arg, NULL), ==, 0);
  contents = sb_test_read_file (page);
  {
    g_autofree char *a = normalize (contents);
    g_autofree char *b = normalize (seed_text);

    g_assert_cmpstr (a, ==, b);
  }
  g_clear_pointer (&contents, g_free);

  /* JSON: the data file's format. */
  g_clear_pointer (&arg, g_free);
  arg = g_strconcat ("--export=", json, NULL);
  g_assert_cmpint (run (f, arg, NULL), ==, 0);
  contents = sb_test_read_file (json);
  g_assert_true (sb_store_parse (contents, strlen (contents), &stories, &principles,
                                 &version, NULL, NULL, NULL));
  g_assert_cmpuint (stories->len, ==, 3);
  g_assert_cmpstr (contents, ==, saved);

  /* To standard output. */
  g_assert_cmpint (run (f, "--export=-", "--format=txt", "--principle=think-big", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Developer Platform Vision"));
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *import_arg = g_strconcat ("--import=", seed, NULL);
  g_autofree char *csv = g_build_filename (f->dir, "Stories.CSV", NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", csv, NULL);
  g_autofree char *sheet_arg = g_strconcat ("--export=", f->dir, "/sheet", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(SbCatalog) catalog = NULL;
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) left_out = NULL;
  g_autoptr(GError) error = NULL;
  SbMarkdownPage *page;

  g_assert_cmpint (run (f, import_arg, NULL), ==, 0);
  library = load_library (f, &catalog);

  /* The format from the extension, in any case. */
  g_assert_cmpint (run (f, export_arg, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Exported 3 stories"));
  contents = sb_test_read_file (csv);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBFTitle,Situation,Task,Actions,Result,Learnings,Notes,Principles,Tags\r\n"));

  /* A spreadsheet that reads back as the same stories. */
  pages = sb_csv_read (contents, -1, catalog, &left_out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left_out->len, ==, 0);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, g_list_model_get_n_items (G_LIST_MODEL (library)));
  for (guint i = 0; i < page->stories->len; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);
      SbStory *back = g_ptr_array_index (page->stories, i);
      const char * const *names = g_ptr_array_index (page->story_principles, i);

      g_assert_cmpstr (sb_story_get_title (back), ==, sb_story_get_title (story));
      g_assert_cmpstr (sb_story_get_situation (back), ==, sb_story_get_situation (story));
      g_assert_true (g_strv_equal (sb_story_get_actions (back), sb_story_get_actions (story)));
      g_assert_cmpstr (sb_story_get_result (back), ==, sb_story_get_result (story));
      g_assert_cmpstr (names[0], ==, "Think Big");
      g_assert_null (names[1]);
    }

  /* Named rather than guessed, one principle, to standard output. */
  g_assert_cmpint (run (f, "--export=-", "--format=csv", "--principle=Think Big", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "\xEF\xBB\xBFTitle,Situation,"));
  g_assert_nonnull (strstr (f->out, "\r\nDeveloper Platform Vision,"));
  g_assert_cmpint (run (f, sheet_arg, "--format=csv", NULL), ==, 0);
  g_assert_cmpint (run (f, sheet_arg, "--format=xlsx", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "csv"));
}

static void
test_import_folder (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbCatalog) loaded_catalog = NULL;
  g_autoptr(SbLibrary) loaded = NULL;
  g_autoptr(GPtrArray) stories = sb_test_make_stories (30, 11);
  g_autofree char *folder = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *arg = g_strconcat ("--import=", folder, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < stories->len; i++)
    sb_library_add (library, g_ptr_array_index (stories, i));
  g_assert_true (sb_markdown_export_folder (library, catalog, NULL, folder, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run (f, arg, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported: 30 new stories"));

  loaded = load_library (f, &loaded_catalog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, stories->len);
  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *want = g_ptr_array_index (stories, i);
      g_autoptr(SbStory) got = NULL;

      for (guint j = 0; j < stories->len && got == NULL; j++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (loaded), j);

          if (g_str_equal (sb_story_get_title (story), sb_story_get_title (want)))
            got = g_steal_pointer (&story);
        }
      g_assert_nonnull (got);
      g_assert_cmpstr (sb_story_get_situation (got), ==, sb_story_get_situation (want));
      g_assert_cmpstr (sb_story_get_task (got), ==, sb_story_get_task (want));
      g_assert_true (g_strv_equal (sb_story_get_actions (got), sb_story_get_actions (want)));
      g_assert_cmpstr (sb_story_get_result (got), ==, sb_story_get_result (want));
      for (const char * const *id = sb_story_get_principles (want); *id; id++)
        g_assert_true (sb_story_has_principle (got, *id));
    }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *import_seed = g_strconcat ("--import=", seed, NULL);
  g_autofree char *binary = g_build_filename (f->dir, "binary.md", NULL);
  g_autofree char *import_binary = g_strconcat ("--import=", binary, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out_doc = g_build_filename (f->dir, "out.doc", NULL);
  g_autofree char *export_doc = g_strconcat ("--export=", out_doc, NULL);

  g_assert_cmpint (run (f, import_seed, NULL), ==, 0);
  before = sb_test_read_file (f->data_file);

  sb_test_write_file (binary, "### Example 1: x\n\0\0\0binary", 26);
  g_assert_cmpint (run (f, import_binary, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "not a text file"));
  g_assert_cmpint (run (f, "--import=/nonexistent/pages", NULL), ==, 1);
  g_assert_cmpstr (f->err, !=, "");

  g_assert_cmpint (run (f, export_doc, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--format"));
  g_assert_false (g_file_test (out_doc, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (f, export_doc, "--format=docx", NULL), ==, 2);
  g_assert_cmpint (run (f, export_doc, "--format=txt", "--principle=no-such-principle", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "no-such-principle"));
  g_assert_cmpint (run (f, "--export=/nonexistent/dir/out.txt", NULL), ==, 1);
  g_assert_cmpint (run (f, "--export=out.pdf", "--import=x.md", NULL), ==, 2);
  g_assert_cmpint (run (f, "--format=txt", NULL), ==, 2);

  after = sb_test_read_file (f->data_file);
  g_assert_cmpstr (after, ==, before);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* --export=x.pdf with no display: the renderer needs no GTK. */
static void
test_export_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *import = g_strconcat ("--import=", seed, NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "stories.pdf", NULL);
  g_autofree char *export_pdf = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *other = g_build_filename (f->dir, "think-big.out", NULL);
  g_autofree char *export_other = g_strconcat ("--export=", other, NULL);

  g_assert_cmpint (run (f, import, NULL), ==, 0);

  g_assert_cmpint (run (f, export_pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Exported 3 stories"));
  assert_pdf (pdf);

  /* One principle, the format named rather than guessed. */
  g_assert_cmpint (run (f, export_other, "--format=pdf", "--principle=Think Big", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Exported 3 stories"));
  assert_pdf (other);

  /* A folder that is not there: an error, and no file. */
  g_assert_cmpint (run (f, "--export=/nonexistent/dir/out.pdf", NULL), ==, 1);
  g_assert_false (g_file_test ("/nonexistent/dir/out.pdf", G_FILE_TEST_EXISTS));
}

static void
test_cheat_sheet (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *import_arg = g_strconcat ("--import=", seed, NULL);
  g_autofree char *txt = g_build_filename (f->dir, "cheat.txt", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "cheat.pdf", NULL);
  g_autofree char *txt_arg = g_strconcat ("--cheat-sheet=", txt, NULL);
  g_autofree char *pdf_arg = g_strconcat ("--cheat-sheet=", pdf, NULL);
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_cmpint (run (f, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "--cheat-sheet=PATH"));
  g_assert_nonnull (strstr (f->out, "--framework=ID"));

  g_assert_cmpint (run (f, import_arg, NULL), ==, 0);

  /* Plain text by the extension: every story under its principle, one
   * line each of situation, task, action and result.
   */
  g_assert_cmpint (run (f, txt_arg, "--framework=amazon", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, txt));
  contents = sb_test_read_file (txt);
  g_assert_true (g_str_has_prefix (contents, "Cheat Sheet: Amazon"));
  g_assert_nonnull (strstr (contents, "\nThink Big\n---------\n"));
  g_assert_nonnull (strstr (contents, "\nScalable Architecture Vision\n  Situation: Current monolithic application"));
  g_assert_nonnull (strstr (contents, "\nData Platform Transformation\n"));
  g_assert_nonnull (strstr (contents, "\nDeveloper Platform Vision\n"));
  g_assert_nonnull (strstr (contents, "  Result: "));
  g_assert_cmpint (g_stat (txt, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_clear_pointer (&contents, g_free);

  /* Another framework: none of these stories. */
  g_assert_cmpint (run (f, txt_arg, "--framework=competencies", NULL), ==, 0);
  contents = sb_test_read_file (txt);
  g_assert_null (strstr (contents, "Scalable Architecture Vision"));
  g_clear_pointer (&contents, g_free);

  /* To standard output. */
  g_assert_cmpint (run (f, "--cheat-sheet=-", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "Cheat Sheet\n"));
  g_assert_nonnull (strstr (f->out, "Developer Platform Vision"));

  /* Anything else is a PDF. */
  g_assert_cmpint (run (f, pdf_arg, NULL), ==, 0);
  contents = sb_test_read_file (pdf);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* Mistakes are usage errors and write nothing. */
  g_assert_cmpint (g_remove (txt), ==, 0);
  g_assert_cmpint (run (f, txt_arg, "--framework=nope", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "nope"));
  g_assert_cmpint (run (f, "--framework=amazon", NULL), ==, 2);
  g_assert_cmpint (run (f, txt_arg, "--principle=think-big", NULL), ==, 2);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
}

static SbStory *
make_checked_story (const char *title,
                    const char *result,
                    const char *principle)
{
  SbStory *story = sb_story_new ();
  const char *actions[] = { "Wrote a build cache for the slowest jobs.", "Moved the tests to run in parallel.", NULL };
  const char *principles[] = { principle, NULL };
  /* Short on purpose; its length is not what these tests are about. */
  const char *dismissed[] = { "speaking-time", NULL };

  sb_story_set_title (story, title);
  sb_story_set_situation (story, "Deploys took a whole day.");
  sb_story_set_task (story, "I had to make them fast.");
  sb_story_set_actions (story, actions);
  sb_story_set_result (story, result);
  sb_story_set_principles (story, principles);
  sb_story_set_dismissed (story, dismissed);
  return story;
}

/* Writes the data file the way the app would. */
static void
write_stories (Fixture  *f,
               SbStory **stories)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = sb_store_new (f->data_file, library, catalog);
  sb_store_load (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; stories[i] != NULL; i++)
    {
      sb_library_add (library, stories[i]);
      g_object_unref (stories[i]);
    }
  sb_store_save (store, &error);
  g_assert_no_error (error);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  SbStory *stories[] = {
    make_checked_story ("Faster deploys", "Deploys went from a day to 20 minutes.", "deliver-results"),
    make_checked_story ("No ending yet", "", "bias-for-action"),
    NULL,
  };
  g_auto(GStrv) lines = NULL;
  g_autofree char *before = NULL;

  /* No stories: nothing to find. */
  g_assert_cmpint (run (f, "--check", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "No stories to check\n");

  write_stories (f, stories);
  before = sb_test_read_file (f->data_file);

  /* One line per finding, "title: check-id: message", then the summary;
   * any finding fails the run, as a script checking stories relies on.
   */
  g_assert_cmpint (run (f, "--check", NULL), ==, 1);
  lines = g_strsplit (f->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "No ending yet: missing-part: "));
  g_assert_cmpuint (strlen (lines[0]), >, strlen ("No ending yet: missing-part: "));
  g_assert_cmpstr (lines[1], ==, "1 finding in 1 story");
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_null (strstr (f->out, "Faster deploys"));

  /* Only one principle's stories. */
  g_assert_cmpint (run (f, "--check", "--principle=deliver-results", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "The story passes\n");
  g_assert_cmpint (run (f, "--check", "--principle=Bias for Action", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (f->out, "No ending yet: missing-part: "));

  /* Mistakes are usage errors, not findings. */
  g_assert_cmpint (run (f, "--check", "--principle=no-such-principle", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "no-such-principle"));
  g_assert_cmpint (run (f, "--check", "--format=txt", NULL), ==, 2);

  /* Checking never writes the stories. */
  {
    g_autofree char *after = sb_test_read_file (f->data_file);
    g_assert_cmpstr (after, ==, before);
  }
}

/* --listen hears an answer in a file and prints the report for the
 * story given by --story; a file that is not audio, or no speech model,
 * is a clear message and a failure.
 */
static void
test_listen (Fixture       *f,
             gconstpointer  data)
{
  SbStory *stories[] = {
    make_checked_story ("Faster deploys", "Deploys went from a day to 20 minutes.", "deliver-results"),
    NULL,
  };
  g_autofree char *id = g_strdup (sb_story_get_id (stories[0]));
  g_autofree char *story_arg = g_strconcat ("--story=", id, NULL);
  g_autofree char *corrupt = g_build_filename (f->dir, "corrupt.wav", NULL);
  g_autofree char *corrupt_arg = g_strconcat ("--listen=", corrupt, NULL);

  write_stories (f, stories);
  sb_test_write_file (corrupt, "RIFF....WAVEnot really a sound file at all", -1);

  /* Each option needs the other. */
  g_assert_cmpint (run (f, corrupt_arg, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--story"));
  g_assert_cmpint (run (f, story_arg, NULL), ==, 2);
  g_assert_cmpint (run (f, corrupt_arg, story_arg, "--check", NULL), ==, 2);
#ifdef HAVE_SPEECH
  g_assert_cmpint (run (f, corrupt_arg, "--story=No such story", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "No such story"));
#endif

  /* Not audio: refused, with the file's name. */
  g_assert_cmpint (run (f, corrupt_arg, "--story=Faster deploys", NULL), ==, 1);
  g_assert_cmpstr (f->out, ==, "");
#ifdef HAVE_SPEECH
  g_assert_true (strstr (f->err, "corrupt.wav") != NULL || strstr (f->err, "pocketsphinx-en-us") != NULL);

  /* No speech model: said so. */
  g_setenv ("STORYBANK_SPEECH_MODEL_DIR", "/nonexistent/speech-model", TRUE);
  g_assert_cmpint (run (f, corrupt_arg, story_arg, NULL), ==, 1);
  g_unsetenv ("STORYBANK_SPEECH_MODEL_DIR");
  g_assert_nonnull (strstr (f->err, "pocketsphinx-en-us"));

  /* A spoken answer: the report. */
  {
    g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
    SbSpeechModelPaths paths;

    if (espeak != NULL && sb_speech_model_find_paths (NULL, &paths, NULL))
      {
        g_autofree char *wav = g_build_filename (f->dir, "answer.wav", NULL);
        g_autofree char *wav_arg = g_strconcat ("--listen=", wav, NULL);
        const char *argv[] = {
          "espeak-ng", "-v", "en-us", "-w", wav,
          "Deploys took a whole day. I had to make them fast. I wrote a build cache for the "
          "slowest jobs and moved the tests to run in parallel. Deploys went from a day to "
          "twenty minutes.", NULL
        };
        int status = 0;

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                     NULL, NULL, &status, NULL));
        g_assert_cmpint (run (f, wav_arg, story_arg, NULL), ==, 0);
        g_assert_nonnull (strstr (f->out, "words a minute"));
        g_assert_nonnull (strstr (f->out, "*cache*"));
        sb_speech_model_paths_clear (&paths);
      }
  }
#else
  g_assert_nonnull (strstr (f->err, "without listening"));
#endif
}

/* --import --dry-run prints the plan, with what would be left out, and
 * changes nothing; --dry-run alone is a mistake.
 */
static void
test_import_dry_run (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *page = g_build_filename (f->dir, "high_standards.md", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (page,
                       "---\ntitle: Zero defects\n---\n\n"
                       "### Example 1: Zero defects\n"
                       "**Situation**: Bugs everywhere in the billing service.\n"
                       "**Result**: None left after a quarter.\n", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run (f, "--import", page, "--dry-run", NULL), ==, 0);
  /* The note's title is its story's: the file's name files it. */
  g_assert_nonnull (strstr (f->out, "New story “Zero defects” (Insist on the Highest Standards)"));
  g_assert_nonnull (strstr (f->out, "Would import: 1 new story, 0 updated, 0 new principles."));
  g_assert_nonnull (strstr (f->out, "dry run"));
  g_assert_false (g_file_test (f->data_file, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (f, "--dry-run", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--dry-run"));
}

/* --interviews lists them; --plan=ID --export=PATH prints one's plan. */
static void
test_interviews (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *import_arg = g_strconcat ("--import=", seed, NULL);
  g_autofree char *txt = g_build_filename (f->dir, "plan.txt", NULL);
  g_autofree char *md = g_build_filename (f->dir, "plan.md", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autofree char *txt_arg = g_strconcat ("--export=", txt, NULL);
  g_autofree char *md_arg = g_strconcat ("--export=", md, NULL);
  g_autofree char *pdf_arg = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *plan_arg = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpint (run (f, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "--interviews"));
  g_assert_nonnull (strstr (f->out, "--plan=ID"));

  g_assert_cmpint (run (f, import_arg, NULL), ==, 0);
  g_assert_cmpint (run (f, "--interviews", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "No interviews yet.\n");

  /* One interview, in a week, with a round probing Think Big. */
  {
    g_autoptr(SbCatalog) catalog = NULL;
    g_autoptr(SbLibrary) library = load_library (f, &catalog);
    g_autoptr(SbStore) store = sb_store_new (f->data_file, library, catalog);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);
    g_autoptr(GDateTime) date = g_date_time_new_local (g_date_time_get_year (week), g_date_time_get_month (week),
                                                       g_date_time_get_day_of_month (week), 14, 30, 0);
    g_autoptr(SbInterview) interview = sb_interview_new ("Acme", "Staff engineer", date);
    g_autoptr(SbRound) round = sb_round_new ("Bar raiser");
    g_autoptr(GError) error = NULL;

    sb_store_load (store, &error);
    g_assert_no_error (error);
    sb_round_add_principle (round, "think-big");
    sb_interview_add_round (interview, round);
    sb_library_add_interview (library, interview);
    g_assert_true (sb_store_save (store, &error));
    g_assert_no_error (error);
    id = g_strdup (sb_interview_get_id (interview));
  }

  g_assert_cmpint (run (f, "--interviews", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, id));
  g_assert_nonnull (strstr (f->out, " 14:30\tAcme\tStaff engineer\tIn 7 days\n"));

  /* The start of the id is enough. */
  plan_arg = g_strdup_printf ("--plan=%.8s", id);
  g_assert_cmpint (run (f, plan_arg, txt_arg, NULL), ==, 0);
  contents = sb_test_read_file (txt);
  g_assert_true (g_str_has_prefix (contents, "Acme — Staff engineer\n"));
  g_assert_nonnull (strstr (contents, "Bar raiser · 45 min"));
  g_assert_nonnull (strstr (contents, "Think Big — "));
  g_assert_nonnull (strstr (contents, "  Situation: "));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run (f, plan_arg, md_arg, NULL), ==, 0);
  contents = sb_test_read_file (md);
  g_assert_true (g_str_has_prefix (contents, "# Acme — Staff engineer\n"));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run (f, plan_arg, pdf_arg, NULL), ==, 0);
  contents = sb_test_read_file (pdf);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);

  /* --format wins over the extension; "-" is standard output. */
  g_assert_cmpint (run (f, plan_arg, "--export=-", "--format=md", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "# Acme"));

  /* Mistakes are usage errors. */
  g_assert_cmpint (run (f, "--plan=nope", txt_arg, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "nope"));
  g_assert_cmpint (run (f, plan_arg, NULL), ==, 2);
  g_assert_cmpint (run (f, plan_arg, txt_arg, "--format=csv", NULL), ==, 2);
  g_assert_cmpint (run (f, "--interviews", txt_arg, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);
  g_test_add ("/cli/import-and-export", Fixture, NULL, fixture_set_up, test_import_and_export, fixture_tear_down);
  g_test_add ("/cli/export-csv", Fixture, NULL, fixture_set_up, test_export_csv, fixture_tear_down);
  g_test_add ("/cli/import-folder", Fixture, NULL, fixture_set_up, test_import_folder, fixture_tear_down);
  g_test_add ("/cli/import-dry-run", Fixture, NULL, fixture_set_up, test_import_dry_run, fixture_tear_down);
  g_test_add ("/cli/export-pdf", Fixture, NULL, fixture_set_up, test_export_pdf, fixture_tear_down);
  g_test_add ("/cli/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/cli/cheat-sheet", Fixture, NULL, fixture_set_up, test_cheat_sheet, fixture_tear_down);
  g_test_add ("/cli/check", Fixture, NULL, fixture_set_up, test_check, fixture_tear_down);
  g_test_add ("/cli/interviews", Fixture, NULL, fixture_set_up, test_interviews, fixture_tear_down);
  g_test_add ("/cli/listen", Fixture, NULL, fixture_set_up, test_listen, fixture_tear_down);

  return g_test_run ();
}
