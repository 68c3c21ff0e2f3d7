/* sb-cli.c: storybank --export / --import, with no window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "sb-cheat-sheet.h"
#include "sb-cli.h"
#include "sb-coach.h"
#include "sb-import.h"
#include "sb-export-file.h"
#include "sb-plan.h"
#include "sb-render.h"
#include "sb-store.h"
#ifdef HAVE_SPEECH
# include "sb-listener.h"
#endif

/* While the running instance handles a command line it was handed, what
 * the command line prints goes back to the process that sent it.
 */
static GApplicationCommandLine *remote;

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
                                 _("Export format: txt, md, csv, json or pdf (default: from PATH’s extension)"),
                                 _("FORMAT"));
  g_application_add_main_option (app, "principle", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("Export only the stories of this principle (its id or name)"),
                                 _("ID"));
  g_application_add_main_option (app, "import", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME,
                                 _("Import stories from Markdown or text pages, spreadsheets (CSV or TSV) or a Storybank file (a file, or every such file in a folder and the folders in it) and quit"),
                                 _("PATH"));
  g_application_add_main_option (app, "dry-run", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("With --import: print what would come in and what would be left out, and change nothing"),
                                 NULL);
  g_application_add_main_option (app, "cheat-sheet", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME,
                                 _("Write a one-page cheat sheet of your stories to PATH (.pdf or .txt) and quit"),
                                 _("PATH"));
  g_application_add_main_option (app, "framework", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("With --cheat-sheet: only this framework’s principles (e.g. amazon)"),
                                 _("ID"));
  g_application_add_main_option (app, "listen", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME,
                                 _("Listen to a spoken answer in an audio file (English only), compare it with the story given by --story and print the report"),
                                 _("PATH"));
  g_application_add_main_option (app, "story", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("With --listen: the story the answer tells (its id, or its exact title)"),
                                 _("ID"));
  g_application_add_main_option (app, "check", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Run the story coach on your stories (or one principle’s, with --principle), print what it finds and quit: exit status 1 when it finds anything"),
                                 NULL);
  g_application_add_main_option (app, "interviews", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("List your interviews (id, date, company, role, countdown) and quit"),
                                 NULL);
  g_application_add_main_option (app, "plan", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING,
                                 _("With --export: write the plan of this interview (its id, or the start of it) as PDF, Markdown or text"),
                                 _("ID"));
}

/* Where the command line's messages go: this terminal, or the one of the
 * process that handed its command line to the running window.
 */
static void
print_message (gboolean    to_stderr,
               const char *message)
{
  if (remote != NULL && to_stderr)
    g_application_command_line_printerr (remote, "storybank: %s\n", message);
  else if (remote != NULL)
    g_application_command_line_print (remote, "%s", message);
  else if (to_stderr)
    g_printerr ("storybank: %s\n", message);
  else
    g_print ("%s", message);
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
  print_message (TRUE, message);
}

static void
print_out (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static void
print_out (const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  print_message (FALSE, message);
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
  if (g_str_has_suffix (folded, ".csv"))
    return "csv";
  if (g_str_has_suffix (folded, ".pdf"))
    return "pdf";
  return NULL;
}

/* Writes @text to standard output ("-"): this terminal's, or the one of
 * the process that handed its command line over.
 */
static gboolean
write_output (const char  *path,
              const char  *text,
              GError     **error)
{
  g_assert (g_str_equal (path, "-"));

  if (remote != NULL)
    {
      gsize len = strlen (text);

      print_out ("%s%s", text, len > 0 && text[len - 1] != '\n' ? "\n" : "");
      return TRUE;
    }

  fputs (text, stdout);
  if (text[0] != '\0' && text[strlen (text) - 1] != '\n')
    fputc ('\n', stdout);
  if (fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
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

/* Checks --format (or guesses it from @path); returns -1 when it is fine. */
static int
check_format (const char  *path,
              const char **format)
{
  if (*format == NULL && (*format = guess_format (path)) == NULL)
    {
      print_error (_("Cannot tell the format from “%s”: add --format=txt, md, csv, json or pdf"), path);
      return SB_CLI_EXIT_USAGE;
    }
  if (!g_str_equal (*format, "txt") && !g_str_equal (*format, "md") &&
      !g_str_equal (*format, "csv") && !g_str_equal (*format, "json") &&
      !g_str_equal (*format, "pdf"))
    {
      print_error (_("Unknown format “%s”: use txt, md, csv, json or pdf"), *format);
      return SB_CLI_EXIT_USAGE;
    }
  return -1;
}

static int export_library (SbLibrary  *library,
                           SbCatalog  *catalog,
                           SbStore    *store,
                           const char *path,
                           const char *format_name,
                           const char *principle_name);

static int
run_export (const char *path,
            const char *format,
            const char *principle_name)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = check_format (path, &format)) >= 0)
    return status;

  if (!(store = open_store (library, catalog, &error)))
    {
      print_error ("%s", error->message);
      return SB_CLI_EXIT_FAILED;
    }

  return export_library (library, catalog, store, path, format, principle_name);
}

/* Exports @library, which @store saves, in @format_name (already checked). */
static int
export_library (SbLibrary  *library,
                SbCatalog  *catalog,
                SbStore    *store,
                const char *path,
                const char *format_name,
                const char *principle_name)
{
  g_autoptr(GError) error = NULL;
  SbExportSelection selection = { NULL, NULL, NULL };
  SbExportFormat format;
  guint n = 0;

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
      selection.principle_id = sb_principle_get_id (principle);
    }

  if (!sb_export_format_for_name (format_name, path, &format))
    g_return_val_if_reached (SB_CLI_EXIT_USAGE);

  /* A backup of the whole library keeps all the data file holds. */
  sb_store_get_extra (store, &selection.extra_keys, &selection.extra_values);

  if (g_str_equal (path, "-"))
    {
      g_autofree char *text = sb_export_dup_text (library, catalog, format, &selection, &error);

      if (text == NULL || !write_output (path, text, &error))
        {
          print_error (_("Could not write %s: %s"), path, error ? error->message : "");
          return SB_CLI_EXIT_FAILED;
        }
      return SB_CLI_EXIT_OK;
    }

  if (!sb_export_to_file (library, catalog, format, &selection, path, &n, &error))
    {
      print_error (_("Could not write %s: %s"), path, error->message);
      return SB_CLI_EXIT_FAILED;
    }

  print_out (g_dngettext (GETTEXT_PACKAGE, "Exported %u story to %s\n",
                          "Exported %u stories to %s\n", n), n, path);
  return SB_CLI_EXIT_OK;
}

static int
run_import (const char *path,
            gboolean    dry_run)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) summary = NULL;
  g_autofree char *counts = NULL;

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

  if (dry_run)
    {
      counts = sb_import_dup_counts_text (import);
      g_print (_("Would import: %s. This was a dry run: nothing was changed.\n"), counts);
      return SB_CLI_EXIT_OK;
    }

  sb_import_apply (import);
  if (!sb_store_flush (store, &error))
    {
      print_error (_("Could not save your stories; nothing was imported: %s"), error->message);
      return SB_CLI_EXIT_FAILED;
    }

  counts = sb_import_dup_counts_text (import);
  g_print (_("Imported: %s\n"), counts);
  return SB_CLI_EXIT_OK;
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

  if (!sb_export_cheat_sheet_to_file (catalog, library, framework_id, path, &error))
    {
      print_error (_("Could not write %s: %s"), path, error->message);
      return SB_CLI_EXIT_FAILED;
    }

  g_print (_("Wrote the cheat sheet to %s\n"), path);
  return SB_CLI_EXIT_OK;
}

/* The library @live has, or the saved one (opened into @library). */
static gboolean
open_or_live (SbLibrary **library,
              SbCatalog **catalog,
              SbStore   **store,
              gpointer    live_data)
{
  g_autoptr(GError) error = NULL;

  if (live_data != NULL)
    return TRUE;
  *catalog = sb_catalog_new ();
  *library = sb_library_new ();
  if (!(*store = open_store (*library, *catalog, &error)))
    {
      print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
list_interviews (SbLibrary *library)
{
  GListModel *interviews = sb_library_get_interviews (library);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint n = g_list_model_get_n_items (interviews);

  if (n == 0)
    {
      print_out ("%s\n", _("No interviews yet."));
      return SB_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (interviews, i);
      GDateTime *date = sb_interview_get_date (interview);
      g_autofree char *when = date ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup ("-");
      g_autofree char *countdown = sb_interview_dup_countdown (interview, now);

      /* One line each, tab-separated, for people and scripts alike. */
      print_out ("%s\t%s\t%s\t%s\t%s\n", sb_interview_get_id (interview), when,
                 sb_interview_get_company (interview), sb_interview_get_role (interview), countdown);
    }
  return SB_CLI_EXIT_OK;
}

/* The interview with @id, or the only one whose id starts with it. */
static SbInterview *
find_interview (SbLibrary  *library,
                const char *id)
{
  GListModel *interviews = sb_library_get_interviews (library);
  SbInterview *found = sb_library_find_interview (library, id);
  guint n = g_list_model_get_n_items (interviews);

  if (found != NULL || id[0] == '\0')
    return found;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (interviews, i);

      if (!g_str_has_prefix (sb_interview_get_id (interview), id))
        continue;
      if (found != NULL)
        return NULL;
      found = interview;
    }
  return found;
}

static int
export_plan (SbLibrary  *library,
             SbCatalog  *catalog,
             const char *id,
             const char *path,
             const char *format_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPlan) plan = NULL;
  SbExportFormat format = SB_EXPORT_FORMAT_TEXT;
  SbInterview *interview;

  if (format_name == NULL && g_str_equal (path, "-"))
    format_name = "txt";
  if (format_name == NULL && (format_name = guess_format (path)) == NULL)
    {
      print_error (_("Cannot tell the format from “%s”: add --format=txt, md or pdf"), path);
      return SB_CLI_EXIT_USAGE;
    }
  if (g_str_equal (format_name, "txt"))
    format = SB_EXPORT_FORMAT_TEXT;
  else if (g_str_equal (format_name, "md"))
    format = SB_EXPORT_FORMAT_MARKDOWN;
  else if (g_str_equal (format_name, "pdf") && !g_str_equal (path, "-"))
    format = SB_EXPORT_FORMAT_PDF;
  else
    {
      print_error (_("A plan is written as txt, md or pdf (pdf to a file)"));
      return SB_CLI_EXIT_USAGE;
    }

  interview = find_interview (library, id);
  if (interview == NULL)
    {
      print_error (_("There is no interview “%s”: see --interviews"), id);
      return SB_CLI_EXIT_USAGE;
    }

  plan = sb_plan_compute (interview, library, catalog);
  if (g_str_equal (path, "-"))
    {
      g_autofree char *text = format == SB_EXPORT_FORMAT_MARKDOWN ? sb_plan_to_markdown (plan) : sb_plan_to_text (plan);

      return write_output (path, text, &error) ? SB_CLI_EXIT_OK : SB_CLI_EXIT_FAILED;
    }
  if (!sb_export_plan_to_file (plan, format, path, &error))
    {
      print_error (_("Could not write %s: %s"), path, error->message);
      return SB_CLI_EXIT_FAILED;
    }
  print_out (_("Wrote the plan to %s\n"), path);
  return SB_CLI_EXIT_OK;
}

/* The running instance's library, for a command line it was handed. */
typedef struct
{
  GApplicationCommandLine *command_line;
  SbLibrary               *library;
  SbCatalog               *catalog;
  SbStore                 *store;
  SbCliImportFunc          import_func;
  gpointer                 user_data;
} Live;

/* @path as the sending process meant it: relative to its folder. */
static char *
resolve_path (Live       *live,
              const char *path)
{
  const char *cwd;

  if (live == NULL || g_str_equal (path, "-") || g_path_is_absolute (path) ||
      (cwd = g_application_command_line_get_cwd (live->command_line)) == NULL)
    return g_strdup (path);

  /* Not g_build_filename(): a trailing separator means a folder. */
  return g_strconcat (cwd, G_DIR_SEPARATOR_S, path, NULL);
}

/* The target speaking time the user chose in the window, when the
 * settings schema is installed; else the coach's default.
 */
static guint
lookup_target_seconds (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL ||
      !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) ||
      !g_settings_schema_has_key (schema, "target-seconds"))
    return 0;

  settings = g_settings_new_full (schema, NULL, NULL);
  return (guint) MAX (0, g_settings_get_int (settings, "target-seconds"));
}

/* Prints one line per finding, "Story title: check-id: message", and a
 * summary; fails when there is any finding, for scripts.
 */
static int
check_library (SbLibrary  *library,
               SbCatalog  *catalog,
               const char *principle_name)
{
  g_autoptr(GPtrArray) stories = NULL;
  SbCoachOptions options = { 0, FALSE };
  guint n_findings = 0;
  guint n_stories_with = 0;

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
      stories = sb_library_dup_stories_for_principle (library, sb_principle_get_id (principle));
    }
  else
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

      stories = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (stories, g_list_model_get_item (G_LIST_MODEL (library), i));
    }

  options.target_seconds = lookup_target_seconds ();

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);
      g_autoptr(GPtrArray) findings = sb_coach_check (story, catalog, &options);
      const char *title = sb_story_get_title (story);

      if (title[0] == '\0')
        title = _("Untitled Story");

      for (guint j = 0; j < findings->len; j++)
        {
          SbFinding *finding = g_ptr_array_index (findings, j);

          print_out ("%s: %s: %s\n", title, sb_finding_get_check_id (finding), sb_finding_get_message (finding));
        }

      n_findings += findings->len;
      if (findings->len > 0)
        n_stories_with++;
    }

  if (n_findings > 0)
    {
      g_autofree char *findings_text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n_findings), n_findings);

      /* Translators: "3 findings in 2 stories" */
      print_out (g_dngettext (GETTEXT_PACKAGE, "%s in %u story\n", "%s in %u stories\n", n_stories_with),
                 findings_text, n_stories_with);
      return SB_CLI_EXIT_FAILED;
    }

  if (stories->len == 0)
    print_out (_("No stories to check\n"));
  else
    print_out (g_dngettext (GETTEXT_PACKAGE, "The story passes\n", "All %u stories pass\n", stories->len),
               stories->len);
  return SB_CLI_EXIT_OK;
}

static int
run_check (const char *principle_name)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = open_store (library, catalog, &error)))
    {
      print_error ("%s", error->message);
      return SB_CLI_EXIT_FAILED;
    }

  return check_library (library, catalog, principle_name);
}

#ifdef HAVE_SPEECH
/* The story whose id, or else whose title, is @key. */
static SbStory *
find_story (SbLibrary  *library,
            const char *key)
{
  SbStory *story = sb_library_find (library, key);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  if (story != NULL)
    return g_object_ref (story);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) candidate = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (g_strcmp0 (sb_story_get_title (candidate), key) == 0)
        return g_steal_pointer (&candidate);
    }
  return NULL;
}
#endif

static int
listen_to_file (SbLibrary  *library,
                const char *path,
                const char *story_key)
{
#ifdef HAVE_SPEECH
  g_autoptr(SbStory) story = NULL;
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(SbAnswerReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if ((story = find_story (library, story_key)) == NULL)
    {
      print_error (_("There is no story “%s”"), story_key);
      return SB_CLI_EXIT_USAGE;
    }

  if (!sb_listener_listen_file (story, path, NULL, &transcript, &error))
    {
      print_error ("%s", error->message);
      return SB_CLI_EXIT_FAILED;
    }

  report = sb_answer_report_new (transcript, story, lookup_target_seconds ());
  text = sb_answer_report_dup_text_report (report);
  print_out ("%s", text);
  return SB_CLI_EXIT_OK;
#else
  print_error (_("This Storybank was built without listening (GStreamer and PocketSphinx)"));
  return SB_CLI_EXIT_FAILED;
#endif
}

static int
run_listen (Live       *live,
            const char *path,
            const char *story_key)
{
  g_autoptr(SbCatalog) catalog = NULL;
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved = resolve_path (live, path);

  if (live != NULL)
    return listen_to_file (live->library, resolved, story_key);

  catalog = sb_catalog_new ();
  library = sb_library_new ();
  if (!(store = open_store (library, catalog, &error)))
    {
      print_error ("%s", error->message);
      return SB_CLI_EXIT_FAILED;
    }
  return listen_to_file (library, resolved, story_key);
}

static int
handle (GVariantDict *options,
        Live         *live)
{
  const char *export_path = NULL;
  const char *import_path = NULL;
  const char *format = NULL;
  const char *principle = NULL;
  g_autofree char *resolved = NULL;
  gboolean dry_run;
  int status;

  g_return_val_if_fail (options != NULL, SB_CLI_EXIT_USAGE);

  g_variant_dict_lookup (options, "export", "^&ay", &export_path);
  g_variant_dict_lookup (options, "import", "^&ay", &import_path);
  g_variant_dict_lookup (options, "format", "&s", &format);
  g_variant_dict_lookup (options, "principle", "&s", &principle);
  dry_run = g_variant_dict_contains (options, "dry-run");

  if (dry_run && import_path == NULL)
    {
      print_error (_("--dry-run goes with --import"));
      return SB_CLI_EXIT_USAGE;
    }

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

  if (g_variant_dict_contains (options, "interviews"))
    {
      g_autoptr(SbLibrary) library = NULL;
      g_autoptr(SbCatalog) catalog = NULL;
      g_autoptr(SbStore) store = NULL;

      if (export_path != NULL || import_path != NULL || format != NULL || principle != NULL ||
          g_variant_dict_contains (options, "plan"))
        {
          print_error (_("--interviews goes alone"));
          return SB_CLI_EXIT_USAGE;
        }
      if (!open_or_live (&library, &catalog, &store, live))
        return SB_CLI_EXIT_FAILED;
      return list_interviews (live ? live->library : library);
    }

  if (g_variant_dict_contains (options, "plan"))
    {
      g_autoptr(SbLibrary) library = NULL;
      g_autoptr(SbCatalog) catalog = NULL;
      g_autoptr(SbStore) store = NULL;
      const char *id = NULL;

      g_variant_dict_lookup (options, "plan", "&s", &id);
      if (export_path == NULL || export_path[0] == '\0' || import_path != NULL || principle != NULL)
        {
          print_error (_("--plan goes with --export=PATH (and --format if you like)"));
          return SB_CLI_EXIT_USAGE;
        }
      if (!open_or_live (&library, &catalog, &store, live))
        return SB_CLI_EXIT_FAILED;
      resolved = resolve_path (live, export_path);
      return export_plan (live ? live->library : library, live ? live->catalog : catalog, id, resolved, format);
    }

  if (g_variant_dict_contains (options, "listen") || g_variant_dict_contains (options, "story"))
    {
      const char *listen_path = NULL;
      const char *story_key = NULL;

      g_variant_dict_lookup (options, "listen", "^&ay", &listen_path);
      g_variant_dict_lookup (options, "story", "&s", &story_key);
      if (listen_path == NULL || story_key == NULL || listen_path[0] == '\0')
        {
          print_error (_("--listen=PATH goes with --story=ID"));
          return SB_CLI_EXIT_USAGE;
        }
      if (export_path != NULL || import_path != NULL || format != NULL || principle != NULL
          || g_variant_dict_contains (options, "check"))
        {
          print_error (_("Give --listen and --story on their own"));
          return SB_CLI_EXIT_USAGE;
        }
      return run_listen (live, listen_path, story_key);
    }

  if (g_variant_dict_contains (options, "check"))
    {
      if (export_path != NULL || import_path != NULL || format != NULL)
        {
          print_error (_("--check goes alone, or with --principle"));
          return SB_CLI_EXIT_USAGE;
        }
      /* A running window has the stories as they are on screen. */
      if (live != NULL)
        return check_library (live->library, live->catalog, principle);
      return run_check (principle);
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
      if (live == NULL || dry_run)
        return run_import (import_path, dry_run);

      resolved = resolve_path (live, import_path);
      return live->import_func (live->command_line, resolved, live->user_data);
    }

  if (live == NULL)
    return run_export (export_path, format, principle);

  resolved = resolve_path (live, export_path);
  if ((status = check_format (resolved, &format)) >= 0)
    return status;
  return export_library (live->library, live->catalog, live->store, resolved, format, principle);
}

/**
 * sb_cli_has_work:
 *
 * Returns: whether @options ask for anything beyond starting the app:
 *   when they do not, sb_cli_handle() and sb_cli_handle_remote() return -1
 *   without looking at the stories
 */
gboolean
sb_cli_has_work (GVariantDict *options)
{
  static const char * const names[] = {
    "export", "import", "dry-run", "format", "principle", "cheat-sheet", "framework", "check",
    "interviews", "plan", "listen", "story", NULL
  };

  g_return_val_if_fail (options != NULL, FALSE);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_variant_dict_contains (options, names[i]))
      return TRUE;
  return FALSE;
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
  return handle (options, NULL);
}

/**
 * sb_cli_handle_remote:
 * @command_line: a command line another `storybank` process handed to
 *   this one, which owns the data file
 * @store: saves @library
 * @import_func: imports a file or folder into @library
 *
 * Runs @command_line's export on the live @library, or its import through
 * @import_func, printing to the sending process.
 *
 * Returns: -1 when @command_line asks for neither, else the exit code
 */
int
sb_cli_handle_remote (GApplicationCommandLine *command_line,
                      SbLibrary               *library,
                      SbCatalog               *catalog,
                      SbStore                 *store,
                      SbCliImportFunc          import_func,
                      gpointer                 user_data)
{
  Live live = { command_line, library, catalog, store, import_func, user_data };
  GVariantDict *options;
  int status;

  g_return_val_if_fail (G_IS_APPLICATION_COMMAND_LINE (command_line), SB_CLI_EXIT_USAGE);
  g_return_val_if_fail (SB_IS_STORE (store), SB_CLI_EXIT_USAGE);
  g_return_val_if_fail (import_func != NULL, SB_CLI_EXIT_USAGE);

  options = g_application_command_line_get_options_dict (command_line);

  g_return_val_if_fail (remote == NULL, SB_CLI_EXIT_FAILED);
  remote = command_line;
  status = handle (options, &live);
  remote = NULL;

  return status;
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
 * For #GApplication::handle-local-options: like sb_cli_handle(), but
 * while a Storybank window runs, an import or export is handed to it
 * (returns -1, so #GApplication forwards the command line): importing
 * behind its back would be written over by its next save, and only it
 * knows the latest stories.
 */
int
sb_cli_handle_local (GApplication *app,
                     GVariantDict *options)
{
  g_return_val_if_fail (G_IS_APPLICATION (app), SB_CLI_EXIT_USAGE);

  /* A dry run changes nothing: it reads the data file as saved. */
  if ((g_variant_dict_contains (options, "import") || g_variant_dict_contains (options, "export")) &&
      !g_variant_dict_contains (options, "dry-run") && is_running (app))
    return -1;

  return sb_cli_handle (options);
}
