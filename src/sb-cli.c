/* sb-cli.c: storybank --export / --import, with no window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "sb-cheat-sheet.h"
#include "sb-cli.h"
#include "sb-import.h"
#include "sb-markdown.h"
#include "sb-render.h"
#include "sb-store.h"
#include "sb-text-export.h"

static SbCliPdfExportFunc pdf_export_func;

/**
 * sb_cli_set_pdf_export:
 *
 * Hands the command line the function that writes a PDF file.
 */
void
sb_cli_set_pdf_export (SbCliPdfExportFunc func)
{
  pdf_export_func = func;
}

/**
 * sb_cli_add_options:
 *
 * Adds --export, --format, --principle and --import to @app's options
 * (and so to --help).
 */
void
sb_cli_add_options (GApplication *app)
{
  g_return_if_fail (G_IS_APPLICATION (app));

  g_application_add_main_option (app, "export", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME,
                                 _("Export your stories to PATH (a file, or a folder of Markdown pages) and quit"),
                                 _("PATH"));
  g_application_add_main_option (app, "format", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("Export format: txt, md, json or pdf (default: from PATH’s extension)"),
                                 _("FORMAT"));
  g_application_add_main_option (app, "principle", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("Export only the stories of this principle (its id or name)"),
                                 _("ID"));
  g_application_add_main_option (app, "import", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME,
                                 _("Import Markdown pages or a Storybank file (a file, or every *.md and *.json in a folder) and quit"),
                                 _("PATH"));
  g_application_add_main_option (app, "cheat-sheet", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME,
                                 _("Write a one-page cheat sheet of your stories to PATH (.pdf or .txt) and quit"),
                                 _("PATH"));
  g_application_add_main_option (app, "framework", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("With --cheat-sheet: only this framework’s principles (e.g. amazon)"),
                                 _("ID"));
}

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("storybank: %s\n", message);
}

static const char *
guess_format (const char *path)
{
  g_autofree char *folded = g_ascii_strdown (path, -1);

  if (g_file_test (path, G_FILE_TEST_IS_DIR) || g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    return "md";
  if (g_str_has_suffix (folded, ".txt") || g_str_has_suffix (folded, ".text"))
    return "txt";
  if (g_str_has_suffix (folded, ".md") || g_str_has_suffix (folded, ".markdown"))
    return "md";
  if (g_str_has_suffix (folded, ".json"))
    return "json";
  if (g_str_has_suffix (folded, ".pdf"))
    return "pdf";
  return NULL;
}

static gboolean
write_output (const char  *path,
              const char  *text,
              GError     **error)
{
  if (g_str_equal (path, "-"))
    {
      fputs (text, stdout);
      if (text[0] != '\0' && text[strlen (text) - 1] != '\n')
        fputc ('\n', stdout);
      return fflush (stdout) == 0;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("%s is a folder; only Markdown can be exported to a folder"), path);
      return FALSE;
    }

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

static SbStore *
open_store (SbLibrary  *library,
            SbCatalog  *catalog,
            GError    **error)
{
  g_autofree char *path = sb_store_dup_default_path ();
  g_autoptr(SbStore) store = sb_store_new (path, library, catalog);

  if (!sb_store_load (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

static int
run_export (const char *path,
            const char *format,
            const char *principle_name)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *principle_id = NULL;
  guint n;

  if (format == NULL && (format = guess_format (path)) == NULL)
    {
      print_error (_("Cannot tell the format from “%s”: add --format=txt, md, json or pdf"), path);
      return SB_CLI_EXIT_USAGE;
    }
  if (!g_str_equal (format, "txt") && !g_str_equal (format, "md") &&
      !g_str_equal (format, "json") && !g_str_equal (format, "pdf"))
    {
      print_error (_("Unknown format “%s”: use txt, md, json or pdf"), format);
      return SB_CLI_EXIT_USAGE;
    }

  if (!(store = open_store (library, catalog, &error)))
    {
      print_error ("%s", error->message);
      return SB_CLI_EXIT_FAILED;
    }

  if (principle_name != NULL)
    {
      SbPrinciple *principle = sb_catalog_lookup (catalog, principle_name);

      if (principle == NULL)
        principle = sb_catalog_lookup_by_name (catalog, principle_name);
      if (principle == NULL)
        {
          print_error (_("There is no principle “%s”"), principle_name);
          return SB_CLI_EXIT_USAGE;
        }
      principle_id = sb_principle_get_id (principle);
    }

  n = principle_id ? sb_library_count_principle (library, principle_id)
                   : g_list_model_get_n_items (G_LIST_MODEL (library));

  if (g_str_equal (format, "pdf"))
    {
      if (pdf_export_func == NULL)
        {
          print_error (_("PDF export is not available yet"));
          return SB_CLI_EXIT_FAILED;
        }
      if (!pdf_export_func (library, catalog, principle_id, path, &error))
        {
          print_error ("%s", error->message);
          return SB_CLI_EXIT_FAILED;
        }
    }
  else if (g_str_equal (format, "md") &&
           (g_file_test (path, G_FILE_TEST_IS_DIR) || g_str_has_suffix (path, G_DIR_SEPARATOR_S)))
    {
      guint n_pages = 0;

      if (!sb_markdown_export_folder (library, catalog, principle_id, path, &n_pages, &error))
        {
          print_error ("%s", error->message);
          return SB_CLI_EXIT_FAILED;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u page to %s\n",
                            "Exported %u pages to %s\n", n_pages), n_pages, path);
      return SB_CLI_EXIT_OK;
    }
  else
    {
      if (g_str_equal (format, "md"))
        text = sb_markdown_export (library, catalog, principle_id);
      else if (g_str_equal (format, "txt"))
        text = sb_text_export_library (library, catalog, principle_id);
      else if (principle_id == NULL)
        text = sb_store_serialize (store);
      else
        {
          g_autoptr(SbLibrary) subset = sb_library_new ();
          g_autoptr(GPtrArray) stories = sb_library_dup_stories_for_principle (library, principle_id);
          g_autoptr(SbStore) writer = NULL;

          for (guint i = 0; i < stories->len; i++)
            sb_library_add (subset, g_ptr_array_index (stories, i));
          writer = sb_store_new (path, subset, catalog);
          text = sb_store_serialize (writer);
        }

      if (!write_output (path, text, &error))
        {
          print_error (_("Could not write %s: %s"), path, error->message);
          return SB_CLI_EXIT_FAILED;
        }
    }

  if (!g_str_equal (path, "-"))
    g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u story to %s\n",
                          "Exported %u stories to %s\n", n), n, path);
  return SB_CLI_EXIT_OK;
}

static int
run_import (const char *path)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) summary = NULL;

  if (!(store = open_store (library, catalog, &error)))
    {
      print_error ("%s", error->message);
      return SB_CLI_EXIT_FAILED;
    }
  if (sb_store_get_read_only (store))
    {
      const GError *store_error = sb_store_get_error (store);

      print_error (_("Your stories are open read-only, so nothing was imported: %s"),
                   store_error ? store_error->message : "");
      return SB_CLI_EXIT_FAILED;
    }

  import = sb_import_new (library, catalog);
  if (!sb_import_add_path (import, path, &error))
    {
      print_error ("%s", error->message);
      return SB_CLI_EXIT_FAILED;
    }

  summary = sb_import_dup_summary (import);
  for (guint i = 0; summary[i] != NULL; i++)
    g_print ("%s\n", summary[i]);

  if (sb_import_is_empty (import))
    {
      g_print (_("Nothing new to import from %s\n"), path);
      return SB_CLI_EXIT_OK;
    }

  sb_import_apply (import);
  if (!sb_store_flush (store, &error))
    {
      print_error (_("Could not save your stories; nothing was imported: %s"), error->message);
      return SB_CLI_EXIT_FAILED;
    }

  g_print (_("Imported: %u new stories, %u updated, %u new principles\n"),
           sb_import_get_n_new_stories (import),
           sb_import_get_n_updated_stories (import),
           sb_import_get_n_new_principles (import));
  return SB_CLI_EXIT_OK;
}

static gboolean
is_text_path (const char *path)
{
  g_autofree char *folded = g_ascii_strdown (path, -1);

  return g_str_has_suffix (folded, ".txt") || g_str_has_suffix (folded, ".text");
}

/**
 * sb_cli_export_cheat_sheet:
 * @framework_id: (nullable): only this framework's principles, or %NULL
 *   for every principle with stories
 * @path: where to write: plain text when it ends in .txt, else PDF
 *
 * Writes the cheat sheet, for the command line and the window alike.
 */
gboolean
sb_cli_export_cheat_sheet (SbCatalog   *catalog,
                           SbLibrary   *library,
                           const char  *framework_id,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (SB_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!is_text_path (path))
    return sb_render_export_cheat_sheet_pdf (catalog, library, framework_id, path, error);

  text = sb_cheat_sheet_to_text (catalog, library, framework_id);
  return g_file_set_contents_full (path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}

static int
run_cheat_sheet (const char *path,
                 const char *framework_id)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (path[0] == '\0')
    {
      print_error (_("The path is empty"));
      return SB_CLI_EXIT_USAGE;
    }

  if (!(store = open_store (library, catalog, &error)))
    {
      print_error ("%s", error->message);
      return SB_CLI_EXIT_FAILED;
    }

  if (framework_id != NULL && sb_catalog_lookup_framework (catalog, framework_id) == NULL)
    {
      print_error (_("There is no framework “%s”"), framework_id);
      return SB_CLI_EXIT_USAGE;
    }

  if (g_str_equal (path, "-"))
    {
      g_autofree char *text = sb_cheat_sheet_to_text (catalog, library, framework_id);

      return write_output (path, text, &error) ? SB_CLI_EXIT_OK : SB_CLI_EXIT_FAILED;
    }

  if (!sb_cli_export_cheat_sheet (catalog, library, framework_id, path, &error))
    {
      print_error (_("Could not write %s: %s"), path, error->message);
      return SB_CLI_EXIT_FAILED;
    }

  g_print (_("Wrote the cheat sheet to %s\n"), path);
  return SB_CLI_EXIT_OK;
}

/**
 * sb_cli_handle:
 *
 * Runs the command line's export or import, with no window and no display.
 *
 * Returns: -1 when @options ask for neither (start the app), else the
 * exit code
 */
int
sb_cli_handle (GVariantDict *options)
{
  const char *export_path = NULL;
  const char *import_path = NULL;
  const char *format = NULL;
  const char *principle = NULL;

  g_return_val_if_fail (options != NULL, SB_CLI_EXIT_USAGE);

  g_variant_dict_lookup (options, "export", "^&ay", &export_path);
  g_variant_dict_lookup (options, "import", "^&ay", &import_path);
  g_variant_dict_lookup (options, "format", "&s", &format);
  g_variant_dict_lookup (options, "principle", "&s", &principle);

  if (g_variant_dict_contains (options, "cheat-sheet") || g_variant_dict_contains (options, "framework"))
    {
      const char *cheat_sheet_path = NULL;
      const char *framework = NULL;

      g_variant_dict_lookup (options, "cheat-sheet", "^&ay", &cheat_sheet_path);
      g_variant_dict_lookup (options, "framework", "&s", &framework);
      if (cheat_sheet_path == NULL)
        {
          print_error (_("--framework goes with --cheat-sheet"));
          return SB_CLI_EXIT_USAGE;
        }
      if (export_path != NULL || import_path != NULL || format != NULL || principle != NULL)
        {
          print_error (_("Give --cheat-sheet on its own (with --framework if you like)"));
          return SB_CLI_EXIT_USAGE;
        }
      return run_cheat_sheet (cheat_sheet_path, framework);
    }

  if (export_path == NULL && import_path == NULL)
    {
      if (format != NULL || principle != NULL)
        {
          print_error (_("--format and --principle go with --export"));
          return SB_CLI_EXIT_USAGE;
        }
      return -1;
    }

  if (export_path != NULL && import_path != NULL)
    {
      print_error (_("Give --export or --import, not both"));
      return SB_CLI_EXIT_USAGE;
    }

  if ((export_path && export_path[0] == '\0') || (import_path && import_path[0] == '\0'))
    {
      print_error (_("The path is empty"));
      return SB_CLI_EXIT_USAGE;
    }

  if (import_path != NULL)
    {
      if (format != NULL || principle != NULL)
        {
          print_error (_("--format and --principle go with --export"));
          return SB_CLI_EXIT_USAGE;
        }
      return run_import (import_path);
    }

  return run_export (export_path, format, principle);
}

/* Whether a Storybank process owns its name on the session bus. Asked
 * without registering @app, which would start GTK (and need a display).
 */
static gboolean
is_running (GApplication *app)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *id = g_application_get_application_id (app);
  gboolean owned = FALSE;

  if (id == NULL)
    return FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", id), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/**
 * sb_cli_handle_local:
 *
 * For #GApplication::handle-local-options: like sb_cli_handle(), but an
 * import is refused while a Storybank window runs, which would write over
 * it on its next save.
 */
int
sb_cli_handle_local (GApplication *app,
                     GVariantDict *options)
{
  g_return_val_if_fail (G_IS_APPLICATION (app), SB_CLI_EXIT_USAGE);

  if (g_variant_dict_contains (options, "import") && is_running (app))
    {
      print_error (_("Storybank is running: import from its window, or close it and try again"));
      return SB_CLI_EXIT_FAILED;
    }

  return sb_cli_handle (options);
}
