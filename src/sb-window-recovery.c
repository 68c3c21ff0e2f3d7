/* sb-window-recovery.c: getting stories back when the file went wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-recovery"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-merge.h"
#include "sb-window-private.h"

/* Restoring helps when the data file could not be used as it is. */
static gboolean
store_needs_restore (SbWindow *self)
{
  const GError *error = sb_store_get_error (self->store);

  return error != NULL &&
         (g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT) ||
          g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION) ||
          g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY));
}

void
_sb_window_recovery_update (SbWindow *self)
{
  g_autoptr(GPtrArray) backups = NULL;
  gboolean show = FALSE;

  if (self->store != NULL && store_needs_restore (self))
    {
      backups = sb_store_list_backups (self->store);
      show = backups->len > 0;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->banner_restore_button), show);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", show);
}

static char *
describe_backup (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, 0, NULL, NULL);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  int count = sb_store_count_backup (path);

  if (info != NULL)
    when = g_file_info_get_modification_date_time (info);
  if (when != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);
      /* Translators: a backup's date, see g_date_time_format() */
      date = g_date_time_format (local, _("%e %B %Y, %H:%M"));
      g_strstrip (date);
    }
  else
    date = g_path_get_basename (path);

  if (count < 0)
    return g_strdup_printf (_("%s — cannot be read"), date);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %d story", "%s — %d stories", count), date, count);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SbWindow         *self)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "sb-list");
  GtkListBoxRow *row;
  g_autoptr(GError) error = NULL;
  const char *path;

  if (!g_str_equal (response, "restore"))
    return;

  row = gtk_list_box_get_selected_row (list);
  if (row == NULL)
    return;

  path = g_object_get_data (G_OBJECT (row), "sb-path");
  if (!sb_store_restore_backup (self->store, path, &error))
    {
      GtkWidget *failed = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Restore the Backup"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failed), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Backup restored")));
  _sb_window_open_story (self, NULL, FALSE);
}

/**
 * sb_window_show_restore_dialog:
 *
 * Lists the backups, newest first, with their dates and story counts, and
 * restores the one chosen. The damaged file stays on disk beside them.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
sb_window_show_restore_dialog (SbWindow *self)
{
  g_autoptr(GPtrArray) backups = sb_store_list_backups (self->store);
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *scroller;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore from a Backup?"),
                                   _("Storybank keeps a copy of your stories from before each session’s first change. Choose the one to go back to; the damaged file is kept aside, not deleted."));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backups"), -1);

  for (guint i = backups->len; i > 0; i--)
    {
      const char *path = g_ptr_array_index (backups, i - 1);
      g_autofree char *title = describe_backup (path);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data_full (G_OBJECT (row), "sb-path", g_strdup (path), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  g_object_set_data (G_OBJECT (dialog), "sb-list", list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  sb_window_show_restore_dialog (SB_WINDOW (widget));
}

static void
merged_cb (SbWindow            *self,
           const SbMergeReport *report)
{
  g_autofree char *summary = NULL;

  if (report == NULL || sb_merge_report_is_empty (report))
    return;

  summary = sb_merge_report_dup_summary (report);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (summary));
}

void
_sb_window_recovery_set_up (SbWindow *self)
{
  /* Changes made to the file by anything else (a sync tool, an editor)
   * are merged in, not written over.
   */
  g_signal_connect_object (self->store, "merged", G_CALLBACK (merged_cb), self, G_CONNECT_SWAPPED);
  sb_store_watch (self->store);
  _sb_window_recovery_update (self);
}

void
_sb_window_recovery_class_init (SbWindowClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.restore-backup", NULL, restore_backup_action);
}
