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
  self->can_restore = show;
  _sb_window_update_actions (self);
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

/* The computer that saved @host's file, when it is not this one. */
static const char *
other_host (const char *host)
{
  if (host == NULL || *host == '\0' || g_strcmp0 (host, g_get_host_name ()) == 0)
    return NULL;
  return host;
}

static void
merged_cb (SbWindow            *self,
           const SbMergeReport *report)
{
  g_autofree char *summary = NULL;
  const char *host;

  if (report == NULL || sb_merge_report_is_empty (report))
    return;

  summary = sb_merge_report_dup_summary (report);
  host = other_host (sb_store_get_saved_by (self->store));
  if (host != NULL)
    {
      /* Translators: %s is a sentence like "Your stories changed on disk
       * and were merged: 2 added", then the other computer's name */
      g_autofree char *named = g_strdup_printf (_("%s (saved on “%s”)"), summary, host);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (named));
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (summary));
}

static void
copies_merged_cb (SbWindow            *self,
                  const SbMergeReport *report,
                  const char          *host)
{
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint n;

  if (report == NULL || sb_merge_report_is_empty (report))
    return;

  n = report->added + report->updated + report->conflicts;
  host = other_host (host);
  if (n == 0)
    title = sb_merge_report_dup_summary (report);
  else if (host != NULL)
    /* Translators: a sync tool kept the other computer's version of the
     * stories file as a copy, which was merged; %s is that computer's name */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u story from a copy made by “%s”",
                                          "%u stories from a copy made by “%s”", n),
                             n, host);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u story from a copy made by your other computer",
                                          "%u stories from a copy made by your other computer", n),
                             n);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-copies-merge");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_copies_merge_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_store_undo_copies_merge (self->store);
}

/**
 * _sb_window_recovery_dup_copies_message:
 *
 * Returns: (nullable): for the banner, the conflict copies that could not
 *   be read, or %NULL when there are none
 */
char *
_sb_window_recovery_dup_copies_message (SbWindow *self)
{
  const char * const *names;
  g_autofree char *list = NULL;
  guint n;

  if (self->store == NULL)
    return NULL;

  names = sb_store_get_unreadable_copies (self->store);
  if (names == NULL || names[0] == NULL)
    return NULL;

  n = g_strv_length ((char **) names);
  if (n == 1)
    /* Translators: %s is a file name like "stories (conflicted copy).json" */
    return g_strdup_printf (_("A sync tool left a copy of your stories, “%s”, that Storybank cannot read. It was left where it is, untouched."),
                            names[0]);

  /* Translators: the separator between file names in the sentence below */
  list = g_strjoinv (_("”, “"), (char **) names);
  /* Translators: %s is a list of file names */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A sync tool left %u copies of your stories that Storybank cannot read: “%s”. They were left where they are, untouched.",
                                       "A sync tool left %u copies of your stories that Storybank cannot read: “%s”. They were left where they are, untouched.",
                                       n),
                          n, list);
}

void
_sb_window_recovery_set_up (SbWindow *self)
{
  /* Changes made to the file by anything else (a sync tool, an editor)
   * are merged in, not written over.
   */
  g_signal_connect_object (self->store, "merged", G_CALLBACK (merged_cb), self, G_CONNECT_SWAPPED);
  /* So are the copies sync tools keep when both computers changed it. */
  g_signal_connect_object (self->store, "copies-merged", G_CALLBACK (copies_merged_cb), self, G_CONNECT_SWAPPED);
  sb_store_watch (self->store);
  _sb_window_recovery_update (self);
}

void
_sb_window_recovery_class_init (SbWindowClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.undo-copies-merge", NULL, undo_copies_merge_action);
}
