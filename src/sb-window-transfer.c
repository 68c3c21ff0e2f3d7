/* sb-window-transfer.c: export, print and import from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-transfer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-export-file.h"
#include "sb-page-renderer.h"
#include "sb-render.h"
#include "sb-window-private.h"
#include "sb-window-transfer.h"

#define LAST_IMPORT_KEY "sb-window-transfer-last-import"

static void
show_error (SbWindow   *self,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_toast (SbWindow   *self,
           const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Export */

static const char *
selected_principle_id (SbWindow *self)
{
  return sb_principle_sidebar_get_principle_id (self->sidebar);
}

/* The stories @scope means, as a library of their own (holding the same
 * story objects) or @self's library for every story.
 */
static SbLibrary *
dup_scope_library (SbWindow       *self,
                   SbExportScope   scope,
                   const char    **principle_id,
                   GError        **error)
{
  g_autoptr(SbLibrary) subset = NULL;
  SbStory *story = _sb_window_get_story (self);

  *principle_id = NULL;

  switch (scope)
    {
    case SB_EXPORT_SCOPE_ALL:
      return g_object_ref (self->library);

    case SB_EXPORT_SCOPE_PRINCIPLE:
      if ((*principle_id = selected_principle_id (self)) == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No principle is selected"));
          return NULL;
        }
      return g_object_ref (self->library);

    case SB_EXPORT_SCOPE_STORY:
      if (story == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No story is open"));
          return NULL;
        }
      subset = sb_library_new ();
      sb_library_add (subset, story);
      return g_steal_pointer (&subset);

    default:
      g_assert_not_reached ();
    }
}

/**
 * sb_window_export:
 * @file: the file to write, or the folder for
 *   %SB_EXPORT_FORMAT_MARKDOWN_FOLDER
 * @n_stories: (out) (optional): how many stories were exported
 *
 * Writes the stories @scope means to @file in @format, atomically.
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set and @file
 *   as it was
 */
gboolean
sb_window_export (SbWindow        *self,
                  SbExportScope    scope,
                  SbExportFormat   format,
                  GFile           *file,
                  guint           *n_stories,
                  GError         **error)
{
  g_autoptr(SbLibrary) library = NULL;
  g_autofree char *path = NULL;
  SbExportSelection selection = { NULL, NULL, NULL };

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(library = dup_scope_library (self, scope, &selection.principle_id, error)))
    return FALSE;

  if ((path = g_file_get_path (file)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Storybank can only write to files on this computer"));
      return FALSE;
    }

  /* A backup of the whole library keeps all the data file holds. */
  if (library == self->library)
    sb_store_get_extra (self->store, &selection.extra_keys, &selection.extra_values);

  return sb_export_to_file (library, self->catalog, format, &selection, path, n_stories, error);
}

typedef struct
{
  SbWindow       *window;
  AdwComboRow    *scope_row;
  AdwComboRow    *format_row;
  SbExportScope   scopes[3];
  guint           n_scopes;
  SbExportScope   scope;
  SbExportFormat  format;
} ExportChoice;

static void
export_choice_free (gpointer data)
{
  ExportChoice *choice = data;

  g_clear_object (&choice->window);
  g_free (choice);
}

/* The formats offered, in the order the format row lists them. */
static const struct {
  SbExportFormat  format;
  const char     *label;
  const char     *extension;
  const char     *id;      /* in the "export-format" setting */
} export_formats[] = {
  { SB_EXPORT_FORMAT_TEXT, N_("Plain Text"), ".txt", "text" },
  { SB_EXPORT_FORMAT_MARKDOWN, N_("Markdown"), ".md", "markdown" },
  { SB_EXPORT_FORMAT_MARKDOWN_FOLDER, N_("Markdown Folder"), NULL, "markdown-folder" },
  { SB_EXPORT_FORMAT_PDF, N_("PDF"), ".pdf", "pdf" },
  { SB_EXPORT_FORMAT_CSV, N_("Spreadsheet (CSV)"), ".csv", "csv" },
  { SB_EXPORT_FORMAT_JSON, N_("Storybank Backup"), ".json", "json" },
};

static char *
suggested_name (SbWindow       *self,
                SbExportScope   scope,
                SbExportFormat  format)
{
  const char *base = _("Storybank Stories");
  SbStory *story = _sb_window_get_story (self);
  SbPrinciple *principle = sb_catalog_lookup (self->catalog, selected_principle_id (self));
  g_autofree char *name = NULL;

  if (format == SB_EXPORT_FORMAT_JSON && scope == SB_EXPORT_SCOPE_ALL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

      /* Translators: a backup file's name; %s is today's date */
      return g_strdup_printf (_("Storybank Backup %s.json"), date);
    }

  if (scope == SB_EXPORT_SCOPE_PRINCIPLE && principle != NULL)
    base = sb_principle_get_name (principle);
  else if (scope == SB_EXPORT_SCOPE_STORY && story != NULL && sb_story_get_title (story)[0] != '\0')
    base = sb_story_get_title (story);

  name = g_strdup (base);
  /* A title may hold a slash; a file name may not. */
  g_strdelimit (name, G_DIR_SEPARATOR_S, '-');

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (export_formats[i].format == format && export_formats[i].extension != NULL)
      return g_strconcat (name, export_formats[i].extension, NULL);

  return g_steal_pointer (&name);
}

static void
export_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       gpointer         user_data)
{
  ExportChoice *choice = user_data;
  SbWindow *self = choice->window;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  guint n = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      where = g_file_get_basename (file);
      if (!sb_window_export (self, choice->scope, choice->format, file, &n, &error))
        {
          g_autofree char *body = g_strdup_printf (_("Nothing was written to “%s”: %s"), where, error->message);

          show_error (self, _("Could Not Export"), body);
        }
      else
        {
          g_autofree char *parse_name = g_file_get_parse_name (file);

          g_debug ("Exported %u stories to %s", n, parse_name);
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u story to “%s”",
                                                  "Exported %u stories to “%s”", n), n, where);
          add_toast (self, message);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_choice_free (choice);
}

static void
choose_export_file (ExportChoice *choice)
{
  SbWindow *self = choice->window;
  gboolean folder = choice->format == SB_EXPORT_FORMAT_MARKDOWN_FOLDER;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folder ? _("Export a Markdown Page per Principle") : _("Export"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    {
      g_autofree char *name = suggested_name (self, choice->scope, choice->format);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (export_file_chosen_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  ExportChoice *choice = user_data;
  guint scope = adw_combo_row_get_selected (choice->scope_row);
  guint format = adw_combo_row_get_selected (choice->format_row);

  g_signal_handlers_disconnect_by_data (dialog, choice);

  if (!g_str_equal (response, "export") || scope >= choice->n_scopes ||
      format >= G_N_ELEMENTS (export_formats))
    {
      export_choice_free (choice);
      return;
    }

  choice->scope = choice->scopes[scope];
  choice->format = export_formats[format].format;
  g_settings_set_string (choice->window->settings, "export-format", export_formats[format].id);
  choose_export_file (choice);
}

static GtkWidget *
new_combo_row (const char          *title,
               const char * const  *items)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

/**
 * sb_window_show_export_dialog:
 *
 * Asks what to export and in which format, then where.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
sb_window_show_export_dialog (SbWindow *self)
{
  ExportChoice *choice = g_new0 (ExportChoice, 1);
  SbPrinciple *principle = sb_catalog_lookup (self->catalog, selected_principle_id (self));
  SbStory *story = _sb_window_get_story (self);
  const char *scope_labels[4] = { NULL };
  const char *format_labels[G_N_ELEMENTS (export_formats) + 1] = { NULL };
  g_autofree char *all_label = NULL;
  g_autofree char *story_label = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->library));

  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  choice->window = g_object_ref (self);

  all_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All Stories (%u)", "All Stories (%u)", n_all), n_all);
  choice->scopes[choice->n_scopes] = SB_EXPORT_SCOPE_ALL;
  scope_labels[choice->n_scopes++] = all_label;
  if (principle != NULL)
    {
      choice->scopes[choice->n_scopes] = SB_EXPORT_SCOPE_PRINCIPLE;
      scope_labels[choice->n_scopes++] = sb_principle_get_name (principle);
    }
  if (story != NULL)
    {
      g_autofree char *title = sb_story_dup_display_title (story);

      story_label = g_strdup_printf (_("This Story: %s"), title[0] ? title : _("Untitled Story"));
      choice->scopes[choice->n_scopes] = SB_EXPORT_SCOPE_STORY;
      scope_labels[choice->n_scopes++] = story_label;
    }

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    format_labels[i] = _(export_formats[i].label);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Stories"),
                                   _("Choose the stories and the format, then where to save them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  choice->scope_row = ADW_COMBO_ROW (new_combo_row (_("Stories"), scope_labels));
  choice->format_row = ADW_COMBO_ROW (new_combo_row (_("Format"), format_labels));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (choice->scope_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (choice->format_row));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  /* Start from what the window shows, in the format chosen last. */
  if (principle != NULL)
    adw_combo_row_set_selected (choice->scope_row, 1);
  {
    g_autofree char *format_id = g_settings_get_string (self->settings, "export-format");

    adw_combo_row_set_selected (choice->format_row, 1);
    for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
      if (g_str_equal (export_formats[i].id, format_id))
        adw_combo_row_set_selected (choice->format_row, i);
  }

  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), choice);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  sb_window_show_export_dialog (SB_WINDOW (widget));
}

/* Print */

typedef struct
{
  SbDocument     *document;
  SbPageRenderer *renderer;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_object (&job->renderer);
  g_clear_object (&job->document);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  /* The whole sheet: the renderer keeps its own margins, so print and
   * PDF look the same.
   */
  g_clear_object (&job->renderer);
  job->renderer = sb_page_renderer_new (job->document,
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, MAX (1, sb_page_renderer_paginate (job->renderer)));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  g_return_if_fail (job->renderer != NULL);

  if ((guint) page < sb_page_renderer_get_n_pages (job->renderer))
    sb_page_renderer_draw_page (job->renderer, gtk_print_context_get_cairo_context (context), page);
}

/**
 * sb_window_new_print_operation:
 *
 * A print operation for the plan of the interview shown, else for the
 * selected principle's stories, or every story when none is selected.
 *
 * Returns: (transfer full): the operation, ready to run
 */
GtkPrintOperation *
sb_window_new_print_operation (SbWindow *self)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GPtrArray) stories = NULL;
  const char *principle_id;
  PrintJob *job;

  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  principle_id = selected_principle_id (self);
  if (principle_id != NULL && sb_catalog_lookup (self->catalog, principle_id) == NULL)
    principle_id = NULL;

  job = g_new0 (PrintJob, 1);
  if (_sb_window_get_interview (self) != NULL)
    {
      g_autoptr(SbPlan) plan = sb_plan_compute (_sb_window_get_interview (self), self->library, self->catalog);

      job->document = sb_document_new_for_plan (plan);
    }
  else
    {
      stories = sb_library_dup_stories_for_principle (self->library, principle_id);
      job->document = sb_document_new_for_stories (self->catalog, stories, principle_id);
    }
  g_object_set_data_full (G_OBJECT (operation), "sb-print-job", job, print_job_free);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, sb_document_get_title (job->document));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);

  return g_steal_pointer (&operation);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               SbWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, _("Could Not Print"), error ? error->message : _("The printer reported an error"));
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = sb_window_new_print_operation (self);
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("Could Not Print"), error->message);
}

/* Import */

/**
 * sb_window_get_last_import:
 *
 * Returns: (transfer none) (nullable): the import the Undo of the last
 *   "Imported" toast undoes
 */
SbImport *
sb_window_get_last_import (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return g_object_get_data (G_OBJECT (self), LAST_IMPORT_KEY);
}

/**
 * sb_window_apply_import:
 * @import: a planned import of files into the window's library
 *
 * Applies @import to the library, with a toast offering to undo it.
 */
void
sb_window_apply_import (SbWindow *self,
                        SbImport *import)
{
  guint n = sb_import_get_n_new_stories (import) + sb_import_get_n_updated_stories (import);
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (SB_IS_IMPORT (import));

  sb_import_apply (import);
  g_object_set_data_full (G_OBJECT (self), LAST_IMPORT_KEY, g_object_ref (import), g_object_unref);
  _sb_window_update_actions (self);

  if (n > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u story", "Imported %u stories", n), n);
  else
    message = g_strdup (_("Imported principle notes"));

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-import");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(SbImport) import = NULL;
  SbStory *open;

  import = g_object_steal_data (G_OBJECT (self), LAST_IMPORT_KEY);
  _sb_window_update_actions (self);
  if (import == NULL || !sb_import_get_applied (import))
    return;

  sb_import_undo (import);

  /* The editor may show a story the undo took away. */
  open = _sb_window_get_story (self);
  if (open != NULL && sb_library_find (self->library, sb_story_get_id (open)) != open)
    _sb_window_open_story (self, NULL, FALSE);

  add_toast (self, _("Import undone"));
}

static void
import_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbImport         *import)
{
  SbWindow *self = SB_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  if (g_str_equal (response, "import") && !sb_import_get_applied (import))
    sb_window_apply_import (self, import);
}

#define IMPORT_DIALOG_KEY "sb-window-transfer-import-dialog"

static void
set_summary_text (GtkLabel *label,
                  SbImport *import)
{
  g_auto(GStrv) lines = sb_import_dup_summary (import);
  g_autofree char *text = g_strjoinv ("\n", lines);

  gtk_label_set_text (label, text);
}

static void
principle_mapped_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     SbImport    *import)
{
  SbPrinciple *principle = g_object_get_data (G_OBJECT (row), "sb-principle");
  GPtrArray *targets = g_object_get_data (G_OBJECT (row), "sb-targets");
  guint selected = adw_combo_row_get_selected (row);
  GtkLabel *summary = g_object_get_data (G_OBJECT (row), "sb-summary");

  g_assert (SB_IS_IMPORT (import));

  sb_import_map_principle (import, principle,
                           selected > 0 && selected <= targets->len ? g_ptr_array_index (targets, selected - 1) : NULL);
  set_summary_text (summary, import);
}

/* For each principle the import would add, a row to file its stories
 * under one the user has instead.
 */
static GtkWidget *
new_mapping_list (SbWindow *self,
                  SbImport *import,
                  GtkLabel *summary)
{
  g_autoptr(GPtrArray) added = sb_import_dup_new_principles (import);
  GListModel *principles = sb_catalog_get_principles (self->catalog);
  GtkWidget *list;

  if (added->len == 0)
    return NULL;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < added->len; i++)
    {
      SbPrinciple *principle = g_ptr_array_index (added, i);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      GPtrArray *targets = g_ptr_array_new_with_free_func (g_object_unref);
      GtkWidget *row = adw_combo_row_new ();

      gtk_string_list_append (names, _("Add as a new principle"));
      for (guint j = 0; j < g_list_model_get_n_items (principles); j++)
        {
          SbPrinciple *target = g_list_model_get_item (principles, j);

          g_ptr_array_add (targets, target);
          gtk_string_list_append (names, sb_principle_get_name (target));
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_principle_get_name (principle));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not one of your principles yet"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      g_object_set_data_full (G_OBJECT (row), "sb-principle", g_object_ref (principle), g_object_unref);
      g_object_set_data_full (G_OBJECT (row), "sb-targets", targets, (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data (G_OBJECT (row), "sb-summary", summary);
      g_signal_connect_data (row, "notify::selected", G_CALLBACK (principle_mapped_cb),
                             g_object_ref (import), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return list;
}

static GtkWidget *
new_summary_view (SbWindow *self,
                  SbImport *import)
{
  g_auto(GStrv) lines = sb_import_dup_summary (import);
  guint n_lines = g_strv_length (lines);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *mapping;

  set_summary_text (GTK_LABEL (label), import);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "import-summary");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  /* A wrapped label asks for too little height in a scrolled window:
   * room for each line to wrap once, up to a screenful.
   */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), MIN (12 + n_lines * 40, 200));
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_widget_add_css_class (scrolled, "card");

  if ((mapping = new_mapping_list (self, import, GTK_LABEL (label))) != NULL)
    gtk_box_append (GTK_BOX (box), mapping);
  gtk_box_append (GTK_BOX (box), scrolled);

  return box;
}

/* @files' names for the dialog: one name, or how many. */
static char *
describe_files (GFile * const *files,
                guint          n_files)
{
  g_autofree char *name = NULL;

  if (n_files != 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n_files), n_files);

  name = g_file_get_basename (files[0]);
  return g_strdup_printf ("“%s”", name);
}

static AdwMessageDialog *
present_message (SbWindow   *self,
                 const char *heading,
                 const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_object_set_data (G_OBJECT (self), IMPORT_DIALOG_KEY, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Shows what @import would do, or why @files could not be imported. */
static void
present_plan (SbWindow     *self,
              SbImport     *import,
              const char   *what,
              const GError *error)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n;

  if (error != NULL)
    {
      body = g_strdup_printf (_("Nothing was imported from %s, and your stories are unchanged.\n\n%s"),
                              what, error->message);
      present_message (self, _("Could Not Import"), body);
      return;
    }

  if (sb_import_is_empty (import))
    {
      body = g_strdup_printf (_("Everything in %s is already in your library."), what);
      adw_message_dialog_set_extra_child (present_message (self, _("Nothing New to Import"), body),
                                          new_summary_view (self, import));
      return;
    }

  n = sb_import_get_n_new_stories (import) + sb_import_get_n_updated_stories (import);
  if (n > 0)
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u Story?", "Import %u Stories?", n), n);
  else
    heading = g_strdup (_("Import Principle Notes?"));
  /* Translators: %s is a file's name in quotes, or "3 files" */
  body = g_strdup_printf (_("From %s. You can undo the import afterwards."), what);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), new_summary_view (self, import));
  g_signal_connect_data (dialog, "response", G_CALLBACK (import_response_cb),
                         g_object_ref (import), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_object_set_data (G_OBJECT (self), IMPORT_DIALOG_KEY, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* While the files are read: a dialog with their progress, shown only
 * when the reading takes long enough to be noticed.
 */
typedef struct
{
  SbWindow     *window;
  SbImport     *import;
  char         *what;
  GCancellable *cancellable;
  GtkWidget    *dialog;
  GtkWidget    *bar;
  guint         timeout_id;
} Reading;

static void
reading_free (Reading *reading)
{
  g_clear_handle_id (&reading->timeout_id, g_source_remove);
  if (reading->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (reading->dialog));
  g_clear_object (&reading->window);
  g_clear_object (&reading->import);
  g_clear_object (&reading->cancellable);
  g_free (reading->what);
  g_free (reading);
}

static void
reading_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Reading          *reading)
{
  g_cancellable_cancel (reading->cancellable);
  g_clear_handle_id (&reading->timeout_id, g_source_remove);
  reading->dialog = NULL;
}

static gboolean
reading_progress_cb (gpointer user_data)
{
  Reading *reading = user_data;
  g_autofree char *body = NULL;

  if (reading->dialog == NULL)
    {
      /* Translators: %s is a file's name in quotes, or "3 files" */
      body = g_strdup_printf (_("Reading %s…"), reading->what);
      reading->dialog = adw_message_dialog_new (GTK_WINDOW (reading->window), _("Importing"), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (reading->dialog), "cancel", _("_Cancel"));
      reading->bar = gtk_progress_bar_new ();
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (reading->dialog), reading->bar);
      g_signal_connect (reading->dialog, "response", G_CALLBACK (reading_response_cb), reading);
      gtk_window_present (GTK_WINDOW (reading->dialog));
    }
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (reading->bar), sb_import_get_progress (reading->import));

  return G_SOURCE_CONTINUE;
}

static void
files_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  sb_import_add_files_finish (reading->import, result, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (!cancelled && !gtk_widget_in_destruction (GTK_WIDGET (reading->window)))
    present_plan (reading->window, reading->import, reading->what, error);
  reading_free (reading);
}

/**
 * sb_window_import_files:
 * @files: (array length=n_files): Markdown pages, text files, Storybank
 *   files or folders of them
 *
 * Plans one import of all of @files, reading them on another thread (with
 * a progress dialog when that takes a moment), and shows what it would do
 * (sb_window_get_import_dialog()), changing nothing until the user
 * presses Import; or says why they cannot be imported.
 */
void
sb_window_import_files (SbWindow      *self,
                        GFile * const *files,
                        guint          n_files)
{
  g_autofree char *what = NULL;
  Reading *reading;

  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  g_object_set_data (G_OBJECT (self), IMPORT_DIALOG_KEY, NULL);
  what = describe_files (files, n_files);

  if (sb_store_get_read_only (self->store))
    {
      const GError *store_error = sb_store_get_error (self->store);
      g_autofree char *body = NULL;

      body = g_strdup_printf (_("Your stories are open read-only, so nothing can be added to them. %s"),
                              store_error ? store_error->message : "");
      present_message (self, _("Could Not Import"), body);
      return;
    }

  if (n_files == 0)
    {
      g_autoptr(GError) error = g_error_new_literal (SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING,
                                                     _("No file was given."));

      present_plan (self, NULL, what, error);
      return;
    }

  reading = g_new0 (Reading, 1);
  reading->window = g_object_ref (self);
  reading->import = sb_import_new (self->library, self->catalog);
  reading->what = g_steal_pointer (&what);
  reading->cancellable = g_cancellable_new ();
  reading->timeout_id = g_timeout_add (300, reading_progress_cb, reading);
  sb_import_add_files_async (reading->import, files, n_files, reading->cancellable, files_read_cb, reading);
}

/**
 * sb_window_get_import_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog the last
 *   sb_window_import_files() showed when the files were read: the preview
 *   (its "import" response applies the import), or an error or "nothing
 *   new" message; %NULL while they are being read
 */
AdwMessageDialog *
sb_window_get_import_dialog (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), IMPORT_DIALOG_KEY);
}

static void
import_files_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        SbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      if (files->len > 0)
        sb_window_import_files (self, (GFile * const *) files->pdata, files->len);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *first_pattern,
            ...)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *pattern = first_pattern;
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (; pattern != NULL; pattern = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, pattern);
  va_end (args);

  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  gboolean folder = g_str_equal (action_name, "win.import-folder");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder") : _("Import"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folder)
    {
      add_filter (GTK_FILE_CHOOSER (chooser), _("Stories in Any Form Storybank Reads"),
                  "*.md", "*.markdown", "*.txt", "*.csv", "*.tsv", "*.json", NULL);
      add_filter (GTK_FILE_CHOOSER (chooser), _("Markdown Pages and Text"), "*.md", "*.markdown", "*.txt", NULL);
      add_filter (GTK_FILE_CHOOSER (chooser), _("Spreadsheets (CSV or TSV)"), "*.csv", "*.tsv", NULL);
      add_filter (GTK_FILE_CHOOSER (chooser), _("Storybank Files"), "*.json", NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (import_files_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SbWindow      *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  for (GSList *l = gdk_file_list_get_files (g_value_get_boxed (value)); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;

  sb_window_import_files (self, (GFile * const *) files->pdata, files->len);
  return TRUE;
}

/* Setup */

static void
add_menu_item (GMenu      *menu,
               const char *label,
               const char *action,
               const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

void
_sb_window_transfer_init (SbWindow *self)
{
  GObject *tools = gtk_widget_get_template_child (GTK_WIDGET (self), SB_TYPE_WINDOW, "primary_menu_tools");
  GtkDropTarget *target;

  if (G_IS_MENU (tools))
    {
      add_menu_item (G_MENU (tools), _("_Import…"), "win.import", "<Control>o");
      add_menu_item (G_MENU (tools), _("Import _Folder…"), "win.import-folder", NULL);
      add_menu_item (G_MENU (tools), _("_Export…"), "win.export", "<Control>e");
      add_menu_item (G_MENU (tools), _("_Print…"), "win.print", "<Control>p");
    }

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* The cheat sheet */

/* The chosen file's path; with no extension, a PDF named so. */
char *
_sb_window_dup_chosen_pdf_path (GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return NULL;

  basename = g_path_get_basename (path);
  if (strrchr (basename, '.') == NULL)
    return g_strconcat (path, ".pdf", NULL);
  return g_steal_pointer (&path);
}

static void
cheat_sheet_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  path = _sb_window_dup_chosen_pdf_path (dialog);
  if (path == NULL)
    goto out;

  if (sb_export_cheat_sheet_to_file (self->catalog, self->library, NULL, path, &error))
    message = g_strdup_printf (_("Cheat sheet saved to %s"), path);
  else
    message = g_strdup_printf (_("Could not save the cheat sheet: %s"), error->message);
  _sb_window_toast (self, message);

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_cheat_sheet_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export Cheat Sheet"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: the suggested file name of the cheat sheet */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Cheat Sheet.pdf"));

  gtk_file_filter_set_name (pdf, _("PDF Document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (text, _("Plain Text (name it .txt)"));
  gtk_file_filter_add_suffix (text, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), text);

  g_signal_connect (dialog, "response", G_CALLBACK (cheat_sheet_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_sb_window_transfer_class_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The menu's empty section for tools: filled in by _sb_window_transfer_init(). */
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_tools", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.export-cheat-sheet", NULL, export_cheat_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.undo-import", NULL, undo_import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
}
