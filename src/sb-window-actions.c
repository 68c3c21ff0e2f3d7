/* sb-window-actions.c: everything the window does, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-examples.h"
#include "sb-window-private.h"
#include "sb-window-transfer.h"

static SbStory *
new_story (SbWindow   *self,
           const char *title)
{
  g_autoptr(SbStory) story = sb_story_new ();
  const char *principle_id = sb_principle_sidebar_get_principle_id (self->sidebar);

  if (principle_id != NULL)
    sb_story_add_principle (story, principle_id);
  if (title != NULL)
    sb_story_set_title (story, title);

  sb_library_add (self->library, story);
  _sb_window_open_story (self, story, TRUE);

  return story;
}

static void
new_story_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  new_story (SB_WINDOW (widget), NULL);
}

static void
new_story_for_question_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  const char *question = g_variant_get_string (param, NULL);

  new_story (SB_WINDOW (widget), question[0] ? question : NULL);
}

static void
add_examples_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  guint added = sb_examples_add (self->library);
  g_autofree char *message = NULL;

  if (added == 0)
    message = g_strdup (_("The example stories are already in your library"));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u example story under Think Big",
                                            "Added %u example stories under Think Big", added), added);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));

  if (added > 0)
    {
      sb_principle_sidebar_set_principle_id (self->sidebar, "think-big");
      sb_story_list_select_position (self->story_list, 0);
    }
}

static void
duplicate_story_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(SbStory) copy = NULL;

  if (_sb_window_get_story (self) == NULL)
    return;

  copy = sb_story_duplicate (_sb_window_get_story (self));
  sb_library_add (self->library, copy);
  _sb_window_open_story (self, copy, TRUE);
}

static void
delete_story_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(SbStory) story = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *name;

  if (_sb_window_get_story (self) == NULL)
    return;
  /* A story an interview plans or logged: asked first. */
  if (_sb_window_interviews_confirm_delete (self, _sb_window_get_story (self)))
    return;

  story = g_object_ref (_sb_window_get_story (self));
  if (!sb_library_remove (self->library, story, &self->deleted_position))
    return;

  /* The story before can no longer be brought back, nor its recordings;
   * this one's go to the trash, for its Undo.
   */
  if (self->deleted_story != NULL)
    sb_recordings_purge_trash (self->recordings, sb_story_get_id (self->deleted_story));
  if (!sb_recordings_trash_story (self->recordings, sb_story_get_id (story), &error))
    g_warning ("%s", error->message);
  g_set_object (&self->deleted_story, story);
  _sb_window_open_story (self, NULL, FALSE);

  name = sb_story_get_title (story);
  title = g_strdup_printf (_("“%s” deleted"), name[0] ? name : _("Untitled Story"));

  if (self->delete_toast != NULL)
    adw_toast_dismiss (self->delete_toast);
  self->delete_toast = adw_toast_new (title);
  g_object_add_weak_pointer (G_OBJECT (self->delete_toast), (gpointer *) &self->delete_toast);
  adw_toast_set_button_label (self->delete_toast, _("_Undo"));
  adw_toast_set_action_name (self->delete_toast, "win.undo-delete");
  adw_toast_set_priority (self->delete_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, self->delete_toast);

  _sb_window_update_actions (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(SbStory) story = g_steal_pointer (&self->deleted_story);
  g_autoptr(GError) error = NULL;

  if (story == NULL)
    return;

  if (!sb_recordings_restore_story (self->recordings, sb_story_get_id (story), &error))
    _sb_window_toast (self, error->message);

  if (sb_library_find (self->library, sb_story_get_id (story)) == NULL)
    sb_library_insert (self->library, self->deleted_position, story);
  _sb_window_open_story (self, story, FALSE);
  _sb_window_update_actions (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  _sb_window_show_pane (self, "list");
  sb_story_list_focus_search (self->story_list);
}

static void
toggle_tips_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
show_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  if (g_str_equal (action_name, "win.show-sidebar"))
    _sb_window_show_pane (self, "sidebar");
  else if (g_str_equal (action_name, "win.show-list"))
    _sb_window_show_pane (self, "list");
  else
    _sb_window_show_pane (self, "editor");
}

static void
retry_save_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_store_save_finish (SB_STORE (object), result, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Still could not save")));
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Saved")));
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_store_save_async (self->store, NULL, retry_save_cb, g_object_ref (self));
}

/* Built the first time it is asked for. At gtk/help-overlay.ui
 * GtkApplication would build it, a window of its own, with every main
 * window as it starts.
 */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/storybank/Storybank/sb-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }

  gtk_window_present (self->shortcuts_window);
}

/**
 * _sb_window_update_actions:
 *
 * Sets every `win.*` action's enabled state from the window's state: the
 * one place that does. Call it whenever that state changes.
 */
void
_sb_window_update_actions (SbWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_story = _sb_window_get_story (self) != NULL;
  gboolean has_interview = _sb_window_get_interview (self) != NULL;
  /* A file from a newer Storybank is shown, never changed. */
  gboolean writable = self->store != NULL && !sb_store_get_read_only (self->store);
  SbImport *last_import = sb_window_get_last_import (self);

  g_assert (SB_IS_WINDOW (self));

  /* Stories */
  gtk_widget_action_set_enabled (widget, "win.new-story", writable);
  gtk_widget_action_set_enabled (widget, "win.new-story-for-question", writable);
  gtk_widget_action_set_enabled (widget, "win.new-story-in", writable);
  gtk_widget_action_set_enabled (widget, "win.add-examples", writable);
  gtk_widget_action_set_enabled (widget, "win.duplicate-story", has_story && writable);
  gtk_widget_action_set_enabled (widget, "win.delete-story", has_story && writable);
  gtk_widget_action_set_enabled (widget, "win.undo-delete", self->deleted_story != NULL && writable);

  /* Principles and frameworks; those taking an id act on the row they
   * name, which the action itself checks.
   */
  gtk_widget_action_set_enabled (widget, "win.new-principle", writable);
  gtk_widget_action_set_enabled (widget, "win.edit-principle", writable);
  gtk_widget_action_set_enabled (widget, "win.delete-principle", writable);
  gtk_widget_action_set_enabled (widget, "win.rename-framework", writable);
  gtk_widget_action_set_enabled (widget, "win.delete-framework", writable);
  gtk_widget_action_set_enabled (widget, "win.undo-delete-principle",
                                 _sb_window_principles_can_undo (self) && writable);

  /* Interviews; exporting a plan only reads. */
  gtk_widget_action_set_enabled (widget, "win.new-interview", writable);
  gtk_widget_action_set_enabled (widget, "win.delete-interview", has_interview && writable);
  gtk_widget_action_set_enabled (widget, "win.export-plan", has_interview);

  /* Import; export and print only read. */
  gtk_widget_action_set_enabled (widget, "win.import", writable);
  gtk_widget_action_set_enabled (widget, "win.import-folder", writable);
  gtk_widget_action_set_enabled (widget, "win.undo-import",
                                 last_import != NULL && sb_import_get_applied (last_import) && writable);

  /* The file */
  gtk_widget_action_set_enabled (widget, "win.retry-save", writable);
  gtk_widget_action_set_enabled (widget, "win.restore-backup", self->can_restore);

  /* Panes */
  gtk_widget_action_set_enabled (widget, "win.show-editor", has_story || has_interview);
}

void
_sb_window_class_actions_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-story", NULL, new_story_action);
  gtk_widget_class_install_action (widget_class, "win.new-story-for-question", "s", new_story_for_question_action);
  gtk_widget_class_install_action (widget_class, "win.add-examples", NULL, add_examples_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-story", NULL, duplicate_story_action);
  gtk_widget_class_install_action (widget_class, "win.delete-story", NULL, delete_story_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-tips", NULL, toggle_tips_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_pane_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_pane_action);
  gtk_widget_class_install_action (widget_class, "win.show-editor", NULL, show_pane_action);
  gtk_widget_class_install_action (widget_class, "win.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-story", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate-story", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "win.delete-story", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-tips", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
}
