/* test-window-transfer.c: import, export and print from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sb-cli.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"
#include "sb-window-transfer.h"

static char *tmpdir;
static SbApplication *app;
static SbWindow *window;

static void
iterate (void)
{
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static SbLibrary *
library (void)
{
  return sb_application_get_library (app);
}

static guint
n_stories (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (library ()));
}

static char *
seed_path (void)
{
  return g_build_filename (g_getenv ("SEED_DIR"), "think-big.md", NULL);
}

static void
clear_library (void)
{
  while (n_stories () > 0)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library ()), 0);

      sb_library_remove (library (), story, NULL);
    }
}

static AdwMessageDialog *
import_paths (const char *first_path,
              ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  AdwMessageDialog *dialog;
  va_list args;

  va_start (args, first_path);
  for (const char *path = first_path; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (files, g_file_new_for_path (path));
  va_end (args);

  sb_window_import_files (window, (GFile * const *) files->pdata, files->len);
  while ((dialog = sb_window_get_import_dialog (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  iterate ();
  return dialog;
}

static void
close_dialog (AdwMessageDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
}

/* The seed page: previewed before anything changes, imported into Think
 * Big when the user says so, and gone again on Undo.
 */
static void
test_import_seed (void)
{
  g_autofree char *seed = seed_path ();
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  clear_library ();

  /* Cancel changes nothing. */
  dialog = import_paths (seed, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import 3 Stories?");
  g_assert_true (adw_message_dialog_has_response (dialog, "import"));
  g_assert_cmpuint (n_stories (), ==, 0);
  adw_message_dialog_response (dialog, "cancel");
  iterate ();
  g_assert_cmpuint (n_stories (), ==, 0);

  dialog = import_paths (seed, NULL);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (body, "think-big.md"));
  g_assert_cmpuint (n_stories (), ==, 0);
  adw_message_dialog_response (dialog, "import");
  iterate ();

  g_assert_cmpuint (n_stories (), ==, 3);
  g_assert_cmpuint (sb_library_count_principle (library (), "think-big"), ==, 3);
  g_assert_nonnull (sb_window_get_last_import (window));
  g_assert_true (sb_store_get_dirty (sb_application_get_store (app)));

  /* The same page again: nothing new, nothing to press. */
  dialog = import_paths (seed, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Nothing New to Import");
  g_assert_false (adw_message_dialog_has_response (dialog, "import"));
  close_dialog (dialog);
  g_assert_cmpuint (n_stories (), ==, 3);

  /* Undo, as the toast's button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-import", NULL));
  iterate ();
  g_assert_cmpuint (n_stories (), ==, 0);
  g_assert_null (sb_window_get_last_import (window));
}

/* Bad files: a clear error, no Import button, the library unchanged,
 * also when a good file comes with them.
 */
static void
test_import_errors (void)
{
  static const char binary[] = { '\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autofree char *seed = seed_path ();
  g_autofree char *png = g_build_filename (tmpdir, "photo.md", NULL);
  g_autofree char *latin1 = g_build_filename (tmpdir, "latin1.md", NULL);
  g_autofree char *empty = g_build_filename (tmpdir, "notes.md", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.md", NULL);
  const char *bad[] = { png, latin1, empty, missing };

  clear_library ();
  sb_test_write_file (png, binary, sizeof binary);
  sb_test_write_file (latin1, "# Think Big\n\n### Caf\xe9 Launch\n**Situation:** ok\n", -1);
  sb_test_write_file (empty, "Some notes with no stories in them.\n", -1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *name = g_path_get_basename (bad[i]);
      AdwMessageDialog *dialog = import_paths (seed, bad[i], NULL);

      g_test_message ("%s: %s", name, adw_message_dialog_get_body (dialog));
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), name));
      g_assert_false (adw_message_dialog_has_response (dialog, "import"));
      close_dialog (dialog);
      g_assert_cmpuint (n_stories (), ==, 0);
    }
}

/* A match for sb_test_ui_find_widget(): a label whose text holds @data. */
static gboolean
label_has_text (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* A picture of @dialog in $SB_SHOTS_DIR, when it is set, to look at. */
static void
shoot_dialog (AdwMessageDialog *dialog,
              const char       *name)
{
  const char *dir = g_getenv ("SB_SHOTS_DIR");
  g_autofree char *file = NULL;

  if (dir == NULL)
    return;
  iterate ();
  file = g_strdup_printf ("%s/%s.png", dir, name);
  sb_test_ui_save_picture (GTK_WIDGET (dialog), file);
}

/* A folder of pages imports like the files in it. */
static void
test_import_folder (void)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *seed_text = sb_test_read_file (seed);
  g_autofree char *folder = g_build_filename (tmpdir, "pages", NULL);
  g_autofree char *page = g_build_filename (folder, "think-big.md", NULL);
  AdwMessageDialog *dialog;

  g_autofree char *photo = g_build_filename (folder, "photo.md", NULL);

  clear_library ();
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  sb_test_write_file (page, seed_text, -1);
  /* A picture among the pages is skipped, and the preview says why. */
  sb_test_write_file (photo, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

  dialog = import_paths (folder, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import 3 Stories?");
  shoot_dialog (dialog, "import-folder-skipped");
  g_assert_nonnull (sb_test_ui_find_widget (adw_message_dialog_get_extra_child (dialog), label_has_text,
                                            "Skipped: photo.md is not a text file"));
  adw_message_dialog_response (dialog, "import");
  iterate ();
  g_assert_cmpuint (n_stories (), ==, 3);
  clear_library ();
}

/* A principle the page names that the user does not have is listed in the
 * preview, and filing it under one of theirs instead leaves no new
 * principle behind.
 */
static void
test_import_map_principle (void)
{
  g_autofree char *page = g_build_filename (tmpdir, "quality.md", NULL);
  SbCatalog *catalog = sb_application_get_catalog (app);
  SbPrinciple *standards = sb_catalog_lookup (catalog, "insist-on-the-highest-standards");
  AdwMessageDialog *dialog;
  GtkWidget *row;
  GListModel *names;
  guint position = G_MAXUINT;
  g_autoptr(SbStory) story = NULL;

  clear_library ();
  sb_test_write_file (page,
                      "# Quality Above All\n\n"
                      "### Example 1: Zero defects\n"
                      "**Situation**: The billing service shipped a bug a week.\n"
                      "**Result**: No escaped bug for a quarter.\n", -1);

  dialog = import_paths (page, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import 1 Story?");
  row = sb_test_ui_find_widget (adw_message_dialog_get_extra_child (dialog), sb_test_ui_is_a,
                                GSIZE_TO_POINTER (ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Quality Above All");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), sb_principle_get_name (standards)))
      position = i;
  g_assert_cmpuint (position, !=, G_MAXUINT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);

  adw_message_dialog_response (dialog, "import");
  iterate ();
  g_assert_cmpuint (n_stories (), ==, 1);
  story = g_list_model_get_item (G_LIST_MODEL (library ()), 0);
  g_assert_true (sb_story_has_principle (story, "insist-on-the-highest-standards"));
  g_assert_null (sb_catalog_lookup_by_exact_name (catalog, "Quality Above All"));
  clear_library ();
}

static char *
export_to (SbExportScope   scope,
           SbExportFormat  format,
           const char     *name,
           guint           expect_n)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint n = 0;

  g_assert_true (sb_window_export (window, scope, format, file, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expect_n);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if (S_ISREG (st.st_mode))
    {
      g_assert_cmpint (st.st_mode & 0777, ==, 0644);
      return sb_test_read_file (path);
    }
  return g_steal_pointer (&path);
}

static void
test_export (void)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/folder/out.txt");
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  SbStory *story;
  gint64 version = 0;

  clear_library ();
  dialog = import_paths (seed, NULL);
  adw_message_dialog_response (dialog, "import");
  iterate ();
  g_assert_cmpuint (n_stories (), ==, 3);

  text = export_to (SB_EXPORT_SCOPE_ALL, SB_EXPORT_FORMAT_TEXT, "all.txt", 3);
  g_assert_nonnull (strstr (text, "Scalable Architecture Vision"));
  g_clear_pointer (&text, g_free);

  text = export_to (SB_EXPORT_SCOPE_ALL, SB_EXPORT_FORMAT_MARKDOWN, "all.md", 3);
  g_assert_nonnull (strstr (text, "Data Platform Transformation"));
  g_clear_pointer (&text, g_free);

  text = export_to (SB_EXPORT_SCOPE_ALL, SB_EXPORT_FORMAT_PDF, "all.pdf", 3);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_clear_pointer (&text, g_free);

  text = export_to (SB_EXPORT_SCOPE_ALL, SB_EXPORT_FORMAT_JSON, "backup.json", 3);
  g_assert_true (sb_store_parse (text, strlen (text), &stories, NULL, &version, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stories->len, ==, 3);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&stories, g_ptr_array_unref);

  text = export_to (SB_EXPORT_SCOPE_ALL, SB_EXPORT_FORMAT_CSV, "all.csv", 3);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFTitle,Situation,Task,Actions,Result,"));
  g_assert_nonnull (strstr (text, "\r\nData Platform Transformation,"));
  g_clear_pointer (&text, g_free);

  text = export_to (SB_EXPORT_SCOPE_ALL, SB_EXPORT_FORMAT_MARKDOWN_FOLDER, "pages-out", 3);
  {
    g_autofree char *page = g_build_filename (text, "think-big.md", NULL);

    g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
  }
  g_clear_pointer (&text, g_free);

  /* The selected principle; then the open story alone. */
  sb_principle_sidebar_set_principle_id (window->sidebar, "think-big");
  iterate ();
  text = export_to (SB_EXPORT_SCOPE_PRINCIPLE, SB_EXPORT_FORMAT_JSON, "think-big.json", 3);
  g_assert_true (sb_store_parse (text, strlen (text), &stories, NULL, &version, NULL, NULL, &error));
  g_assert_cmpuint (stories->len, ==, 3);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&stories, g_ptr_array_unref);

  story = g_list_model_get_item (G_LIST_MODEL (library ()), 1);
  g_object_unref (story);
  sb_story_list_set_selected_story (window->story_list, story);
  iterate ();
  g_assert_true (sb_story_editor_get_story (window->editor) == story);
  text = export_to (SB_EXPORT_SCOPE_STORY, SB_EXPORT_FORMAT_MARKDOWN, "one.md", 1);
  g_assert_nonnull (strstr (text, sb_story_get_title (story)));
  for (guint i = 0; i < n_stories (); i++)
    {
      g_autoptr(SbStory) other = g_list_model_get_item (G_LIST_MODEL (library ()), i);

      if (other != story)
        g_assert_null (strstr (text, sb_story_get_title (other)));
    }
  g_clear_pointer (&text, g_free);

  /* A folder that is not there: an error, nothing written. */
  g_assert_false (sb_window_export (window, SB_EXPORT_SCOPE_ALL, SB_EXPORT_FORMAT_TEXT, nowhere, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The dialog offers the selected principle and the open story too, in
   * the format chosen last.
   */
  g_settings_set_string (window->settings, "export-format", "pdf");
  {
    GtkWidget *export_dialog = sb_window_show_export_dialog (window);
    GtkWidget *list = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (export_dialog));
    GtkListBoxRow *format_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1);

    g_assert_true (ADW_IS_MESSAGE_DIALOG (export_dialog));
    g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (export_dialog), "export"));
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (format_row)), ==, 3);
    iterate ();
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (export_dialog), "cancel");
    iterate ();
  }
  /* A spreadsheet is offered too. */
  g_settings_set_string (window->settings, "export-format", "csv");
  {
    GtkWidget *export_dialog = sb_window_show_export_dialog (window);
    GtkWidget *list = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (export_dialog));
    GtkListBoxRow *format_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1);
    AdwComboRow *combo = ADW_COMBO_ROW (format_row);
    g_autoptr(GtkStringObject) item = NULL;

    item = g_list_model_get_item (adw_combo_row_get_model (combo), adw_combo_row_get_selected (combo));
    g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Spreadsheet (CSV)");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (export_dialog), "cancel");
    iterate ();
  }
  g_settings_reset (window->settings, "export-format");

  sb_principle_sidebar_set_principle_id (window->sidebar, NULL);
  clear_library ();
}

/* Print, to a PDF file as "Print to File" does. */
static void
test_print (void)
{
  g_autofree char *seed = seed_path ();
  g_autofree char *pdf = g_build_filename (tmpdir, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;
  GtkPrintOperationResult result;
  int n_pages = 0;

  clear_library ();
  dialog = import_paths (seed, NULL);
  adw_message_dialog_response (dialog, "import");
  iterate ();

  operation = sb_window_new_print_operation (window);
  g_assert_true (GTK_IS_PRINT_OPERATION (operation));
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  iterate ();

  g_object_get (operation, "n-pages", &n_pages, NULL);
  g_assert_cmpint (n_pages, >=, 1);
  contents = sb_test_read_file (pdf);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (strlen (contents), >, 4);

  clear_library ();
}

/* GTK's own timing warning when a busy (sanitized) run snapshots a
 * widget the frame clock has not laid out yet: not this test's subject,
 * so not fatal. GTK logs structured, so a writer, not a fatal handler.
 */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "Gtk") == 0 &&
      message != NULL && strstr (message, "without a current allocation") != NULL)
    {
      g_test_message ("ignored: %s", message);
      return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Which command lines a running window must act on, and which only ask
 * for the window (and so need not wait for the stories to load).
 */
static void
test_command_line_has_work (void)
{
  static const char * const with_work[] = {
    "export", "import", "format", "principle", "cheat-sheet", "framework", "check", NULL
  };

  {
    g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);

    g_assert_false (sb_cli_has_work (options));
    g_variant_dict_insert (options, "version", "b", TRUE);
    g_assert_false (sb_cli_has_work (options));
  }
  for (guint i = 0; with_work[i] != NULL; i++)
    {
      g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);

      g_variant_dict_insert (options, with_work[i], "s", "x");
      g_assert_true (sb_cli_has_work (options));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  tmpdir = sb_test_make_tmpdir ();
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_init ();
  adw_init ();

  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = g_object_ref_sink (sb_window_new (app));
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  g_test_add_func ("/window-transfer/command-line-has-work", test_command_line_has_work);
  g_test_add_func ("/window-transfer/import-seed", test_import_seed);
  g_test_add_func ("/window-transfer/import-errors", test_import_errors);
  g_test_add_func ("/window-transfer/import-folder", test_import_folder);
  g_test_add_func ("/window-transfer/import-map-principle", test_import_map_principle);
  g_test_add_func ("/window-transfer/export", test_export);
  g_test_add_func ("/window-transfer/print", test_print);

  status = g_test_run ();

  /* The window is left to the end of the process: destroying it warns
   * about the tips panel's own children (not this test's business).
   */
  sb_test_rm_rf (tmpdir);
  g_free (tmpdir);

  return status;
}
