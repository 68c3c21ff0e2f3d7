/* test-export.c: every export format through sb_export_to_file(), with no
 * window and no SbStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sb-catalog.h"
#include "sb-export-file.h"
#include "sb-library.h"
#include "sb-store.h"
#include "sb-test-util.h"

/* A data file as a hand editor on Windows left it: CRLF, no final
 * newline, a key a newer Storybank wrote and this one does not know, the
 * stamp of the computer that saved it, a principle of the user's own.
 */
static const char data_file[] =
  "{\r\n"
  "  \"format\": \"storybank\",\r\n"
  "  \"version\": 1,\r\n"
  "  \"principles\": [{\"id\": \"kundennaehe\", \"name\": \"Kundennähe\", \"framework\": \"firma\","
  " \"framework-name\": \"Die Firma\", \"definition\": \"Nah am Kunden bleiben — imer.\"}],\r\n"
  "  \"stories\": [\r\n"
  "    {\"id\": \"a1\", \"title\": \"Migrated the bakery's orders off Excel\","
  " \"situation\": \"Orders lived in one spreadsheet on one laptop\", \"task\": \"make it survive a dead laptop\","
  " \"actions\": [\"Moved it to a shared DB\", \"taught Jürgen the new form\"], \"result\": \"0 lost orders in 6 months\","
  " \"principles\": [\"kundennaehe\", \"think-big\"], \"tags\": [\"ops\"]},\r\n"
  "    {\"id\": \"a2\", \"title\": \"Said no to the rewrite\", \"situation\": \"Team wanted to rewrite in Rust\","
  " \"result\": \"shipped the fix in a week instead\", \"principles\": [\"think-big\"]},\r\n"
  "    {\"id\": \"a3\", \"title\": \"Untitled-ish\", \"situation\": \"nothing filed\", \"task\": \"tbd\"}\r\n"
  "  ],\r\n"
  "  \"x-widgets\": {\"colour\": \"teal\", \"n\": [1, 2, 3]},\r\n"
  "  \"saved-by\": {\"host\": \"laptop-von-anna\", \"time\": \"2026-03-01T08:15:00Z\"}\r\n"
  "}";

typedef struct
{
  char      *dir;
  char      *data_path;
  SbCatalog *catalog;
  SbLibrary *library;
  SbStore   *store;     /* reads the data file; exports never use it */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = sb_test_make_tmpdir ();
  f->data_path = g_build_filename (f->dir, "stories.json", NULL);
  sb_test_write_file (f->data_path, data_file, -1);
  f->catalog = sb_catalog_new ();
  f->library = sb_library_new ();
  f->store = sb_store_new (f->data_path, f->library, f->catalog);
  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->library);
  g_clear_object (&f->catalog);
  sb_test_rm_rf (f->dir);
  g_free (f->data_path);
  g_free (f->dir);
}

static char *
export_path (Fixture    *f,
             const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* A backup of every story is the data file the store would write, to the
 * byte, its unknown keys and stamp kept; one principle's stories are that
 * file for them alone, without the keys.
 */
static void
test_export_json_bytes (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = export_path (f, "Storybank Backup 2026-03-02.json");
  g_autofree char *expected = sb_store_serialize (f->store);
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  SbExportSelection selection = { NULL, NULL, NULL };
  guint n = 0;

  sb_store_get_extra (f->store, &selection.extra_keys, &selection.extra_values);
  g_assert_true (sb_export_to_file (f->library, f->catalog, SB_EXPORT_FORMAT_JSON, &selection, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  written = sb_test_read_file (path);
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (written, "\"x-widgets\""));
  g_assert_nonnull (strstr (written, "laptop-von-anna"));
  g_assert_nonnull (strstr (written, "Kundennähe"));
  g_clear_pointer (&written, g_free);

  /* One principle: as a store of just its stories would write them. */
  selection.principle_id = "kundennaehe";
  written = sb_export_dup_text (f->library, f->catalog, SB_EXPORT_FORMAT_JSON, &selection, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SbLibrary) subset = sb_library_new ();
    g_autoptr(SbStore) writer = NULL;
    g_autofree char *subset_expected = NULL;

    sb_library_add (subset, sb_library_find (f->library, "a1"));
    writer = sb_store_new (path, subset, f->catalog);
    subset_expected = sb_store_serialize (writer);
    g_assert_cmpstr (written, ==, subset_expected);
  }
  g_assert_null (strstr (written, "x-widgets"));
  g_assert_null (strstr (written, "Said no to the rewrite"));
}

/* Every format, to a file (or a folder), with its count of stories. */
static void
test_export_formats (Fixture       *f,
                     gconstpointer  data)
{
  static const struct {
    SbExportFormat  format;
    const char     *name;
    const char     *starts;
  } cases[] = {
    { SB_EXPORT_FORMAT_TEXT, "all.txt", NULL },
    { SB_EXPORT_FORMAT_MARKDOWN, "all.md", NULL },
    { SB_EXPORT_FORMAT_CSV, "all.csv", "\xEF\xBB\xBFTitle," },
    { SB_EXPORT_FORMAT_JSON, "all.json", "{" },
    { SB_EXPORT_FORMAT_PDF, "all.pdf", "%PDF-" },
  };
  SbExportSelection think_big = { "think-big", NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = export_path (f, cases[i].name);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      GStatBuf st;
      guint n = 0;

      g_assert_true (sb_export_to_file (f->library, f->catalog, cases[i].format, NULL, path, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 3);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0644);
      text = sb_test_read_file (path);
      if (cases[i].starts != NULL)
        g_assert_true (g_str_has_prefix (text, cases[i].starts));
      if (cases[i].format != SB_EXPORT_FORMAT_PDF)
        g_assert_nonnull (strstr (text, "Migrated the bakery"));
      g_clear_pointer (&text, g_free);

      /* The same format for one principle's stories. */
      g_assert_true (sb_export_to_file (f->library, f->catalog, cases[i].format, &think_big, path, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 2);
      text = sb_test_read_file (path);
      if (cases[i].format != SB_EXPORT_FORMAT_PDF)
        g_assert_null (strstr (text, "nothing filed"));
    }

  /* A page per principle, in a folder that is made. */
  {
    g_autofree char *folder = export_path (f, "Seiten");
    g_autofree char *page = g_build_filename (folder, "think-big.md", NULL);
    g_autoptr(GError) error = NULL;
    guint n = 0;

    g_assert_true (sb_export_to_file (f->library, f->catalog, SB_EXPORT_FORMAT_MARKDOWN_FOLDER, NULL, folder, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 3);
    g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
  }
}

/* A failed export says why and leaves what was there. */
static void
test_export_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = export_path (f, "a folder");
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "out.txt", NULL);
  g_autofree char *kept = export_path (f, "kept.csv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (sb_export_to_file (f->library, f->catalog, SB_EXPORT_FORMAT_TEXT, NULL, folder, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  g_assert_false (sb_export_to_file (f->library, f->catalog, SB_EXPORT_FORMAT_MARKDOWN, NULL, nowhere, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* PDF and a folder are not one text. */
  g_assert_null (sb_export_dup_text (f->library, f->catalog, SB_EXPORT_FORMAT_PDF, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* An unknown principle: nothing of it, an empty page. */
  {
    SbExportSelection none = { "no-such-principle", NULL, NULL };
    guint n = 99;

    sb_test_write_file (kept, "Title\r\nold", -1);
    g_assert_true (sb_export_to_file (f->library, f->catalog, SB_EXPORT_FORMAT_CSV, &none, kept, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 0);
    text = sb_test_read_file (kept);
    g_assert_null (strstr (text, "bakery"));
  }
}

/* The command line's names for the formats. */
static void
test_export_format_names (void)
{
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *slash = g_strconcat (dir, G_DIR_SEPARATOR_S, "pages", G_DIR_SEPARATOR_S, NULL);
  SbExportFormat format;

  g_assert_true (sb_export_format_for_name ("txt", "out.txt", &format));
  g_assert_cmpint (format, ==, SB_EXPORT_FORMAT_TEXT);
  g_assert_true (sb_export_format_for_name ("md", "Notes.md", &format));
  g_assert_cmpint (format, ==, SB_EXPORT_FORMAT_MARKDOWN);
  g_assert_true (sb_export_format_for_name ("md", dir, &format));
  g_assert_cmpint (format, ==, SB_EXPORT_FORMAT_MARKDOWN_FOLDER);
  g_assert_true (sb_export_format_for_name ("md", slash, &format));
  g_assert_cmpint (format, ==, SB_EXPORT_FORMAT_MARKDOWN_FOLDER);
  g_assert_true (sb_export_format_for_name ("csv", "-", &format));
  g_assert_cmpint (format, ==, SB_EXPORT_FORMAT_CSV);
  g_assert_true (sb_export_format_for_name ("json", NULL, &format));
  g_assert_cmpint (format, ==, SB_EXPORT_FORMAT_JSON);
  g_assert_true (sb_export_format_for_name ("pdf", "x.PDF", &format));
  g_assert_cmpint (format, ==, SB_EXPORT_FORMAT_PDF);
  g_assert_false (sb_export_format_for_name ("docx", "x.docx", &format));
  g_assert_false (sb_export_format_for_name ("MD", "x.md", &format));

  sb_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/json-bytes", Fixture, NULL, fixture_set_up, test_export_json_bytes, fixture_tear_down);
  g_test_add ("/export/formats", Fixture, NULL, fixture_set_up, test_export_formats, fixture_tear_down);
  g_test_add ("/export/errors", Fixture, NULL, fixture_set_up, test_export_errors, fixture_tear_down);
  g_test_add_func ("/export/format-names", test_export_format_names);

  return g_test_run ();
}
