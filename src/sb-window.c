/* sb-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-menu-button.h"
#include "sb-spell-checker.h"
#include "sb-window-private.h"

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)


static void
coach_focus_field_cb (SbWindow   *self,
                      const char *field)
{
  /* A folded tips panel covers the editor: get it out of the way. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  _sb_window_show_pane (self, "editor");
  sb_story_editor_focus_field (self->editor, field);
}

/* Stories that cannot be saved are shown, not edited. */
static void
update_editor_sensitive (SbWindow *self)
{
  if (self->editor != NULL && self->store != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->editor), !sb_store_get_read_only (self->store));
  _sb_window_interviews_update_sensitive (self);
}

/* The editor is made when the first story opens: most starts open none,
 * and it is the largest part of the window.
 */
static SbStoryEditor *
ensure_editor (SbWindow *self)
{
  if (self->editor != NULL)
    return self->editor;

  self->editor = g_object_new (SB_TYPE_STORY_EDITOR, NULL);
  gtk_stack_add_named (self->editor_stack, GTK_WIDGET (self->editor), "editor");
  self->coach_panel = SB_COACH_PANEL (sb_coach_panel_new ());
  gtk_box_append (sb_tips_panel_get_extra_box (self->tips_panel), GTK_WIDGET (self->coach_panel));
  g_signal_connect_object (self->coach_panel, "focus-field", G_CALLBACK (coach_focus_field_cb), self, G_CONNECT_SWAPPED);
  self->recordings_group = SB_RECORDINGS_GROUP (sb_recordings_group_new (self->recordings));
  gtk_box_append (sb_tips_panel_get_extra_box (self->tips_panel), GTK_WIDGET (self->recordings_group));

  if (self->catalog != NULL)
    {
      sb_story_editor_set_catalog (self->editor, self->catalog);
      sb_coach_panel_set_catalog (self->coach_panel, self->catalog);
    }
  update_editor_sensitive (self);

  return self->editor;
}

/**
 * _sb_window_get_story:
 *
 * Returns: (nullable) (transfer none): the story open in the editor
 */
SbStory *
_sb_window_get_story (SbWindow *self)
{
  return self->editor != NULL ? sb_story_editor_get_story (self->editor) : NULL;
}

void
_sb_window_show_pane (SbWindow   *self,
                      const char *name)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, name);
}

static void
update_tips_principle (SbWindow *self)
{
  const char *principle_id = sb_principle_sidebar_get_principle_id (self->sidebar);
  SbStory *story = _sb_window_get_story (self);
  SbPrinciple *principle = NULL;

  /* The selected principle, else the first one the open story serves. */
  if (principle_id != NULL && (story == NULL || sb_story_has_principle (story, principle_id)))
    principle = sb_catalog_lookup (self->catalog, principle_id);
  else if (story != NULL && sb_story_get_principles (story)[0] != NULL)
    principle = sb_catalog_lookup (self->catalog, sb_story_get_principles (story)[0]);
  else if (principle_id != NULL)
    principle = sb_catalog_lookup (self->catalog, principle_id);

  sb_tips_panel_set_principle (self->tips_panel, principle);
}

static void
update_titles (SbWindow *self)
{
  _sb_window_update_titles (self);
}

void
_sb_window_update_titles (SbWindow *self)
{
  const char *principle_id = sb_principle_sidebar_get_principle_id (self->sidebar);
  SbPrinciple *principle = sb_catalog_lookup (self->catalog, principle_id);
  SbStory *story = _sb_window_get_story (self);
  guint count = sb_principle_sidebar_get_count (self->sidebar, principle_id);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story", "%u stories", count), count);

  adw_window_title_set_title (self->list_title, principle ? sb_principle_get_name (principle) : _("All Stories"));
  adw_window_title_set_subtitle (self->list_title, subtitle);

  if (_sb_window_get_interview (self) != NULL)
    {
      g_autofree char *title = sb_interview_dup_display_title (_sb_window_get_interview (self));

      adw_window_title_set_title (self->editor_title, title[0] ? title : _("New Interview"));
    }
  else if (story == NULL)
    adw_window_title_set_title (self->editor_title, "");
  else if (sb_story_get_title (story)[0] == '\0')
    adw_window_title_set_title (self->editor_title, _("Untitled Story"));
  else
    {
      g_autofree char *title = sb_story_dup_display_title (story);

      adw_window_title_set_title (self->editor_title, title);
    }
}

void
_sb_window_open_story (SbWindow *self,
                       SbStory  *story,
                       gboolean  focus_title)
{
  SbStory *previous = _sb_window_get_story (self);

  if (previous != NULL)
    g_signal_handlers_disconnect_by_data (previous, self);

  sb_story_list_set_selected_story (self->story_list, story);
  if (story != NULL)
    ensure_editor (self);
  if (self->editor != NULL)
    {
      sb_story_editor_set_story (self->editor, story);
      sb_coach_panel_set_story (self->coach_panel, story);
      sb_recordings_group_set_story (self->recordings_group, story);
    }
  if (story != NULL || _sb_window_get_interview (self) == NULL)
    gtk_stack_set_visible_child_name (self->editor_stack, story ? "editor" : "empty");
  _sb_window_interviews_story_opened (self);

  if (story != NULL)
    {
      g_signal_connect_object (story, "notify::title", G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (story, "notify::principles", G_CALLBACK (update_tips_principle), self, G_CONNECT_SWAPPED);
      g_settings_set_string (self->settings, "last-story", sb_story_get_id (story));
      if (focus_title)
        {
          _sb_window_show_pane (self, "editor");
          sb_story_editor_focus_title (self->editor);
        }
    }

  update_titles (self);
  update_tips_principle (self);
  _sb_window_update_actions (self);
}

static void
selected_story_cb (SbWindow *self)
{
  SbStory *story = sb_story_list_get_selected_story (self->story_list);

  if (story != _sb_window_get_story (self))
    {
      _sb_window_open_story (self, story, FALSE);
      if (story != NULL)
        _sb_window_show_pane (self, "editor");
    }
}

static void
sidebar_principle_cb (SbWindow *self)
{
  const char *principle_id = sb_principle_sidebar_get_principle_id (self->sidebar);

  sb_story_list_set_principle_id (self->story_list, principle_id);
  g_settings_set_string (self->settings, "last-principle", principle_id ? principle_id : "");
  update_titles (self);
  update_tips_principle (self);
  _sb_window_show_pane (self, "list");
}

static void
store_error_cb (SbWindow *self)
{
  const GError *error = sb_store_get_error (self->store);
  g_autofree char *copies = _sb_window_recovery_dup_copies_message (self);
  const char *message = error != NULL ? error->message : copies;

  /* The file's own trouble first; then sync tools' copies we cannot read. */
  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
  /* Retrying cannot help a file Storybank must not write. */
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button),
                          error != NULL && g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_IO) &&
                          !sb_store_get_read_only (self->store));
  _sb_window_recovery_update (self);
  update_editor_sensitive (self);
  _sb_window_update_actions (self);
}

static void
flap_folded_cb (SbWindow *self)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  else
    adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "show-tips"));
}

static void
flap_revealed_cb (SbWindow *self)
{
  /* Only a choice made with room for both is remembered. */
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "show-tips", adw_flap_get_reveal_flap (self->flap));
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SbWindow         *self)
{
  if (g_str_equal (response, "export"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export", NULL);
  else if (g_str_equal (response, "quit"))
    {
      self->close_anyway = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Edits that could not be written are never thrown away without asking. */
static gboolean
confirm_unsaved (SbWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  const char *reason;

  if (self->close_anyway || self->store == NULL || !sb_store_get_dirty (self->store))
    return FALSE;

  if (!sb_store_get_read_only (self->store) && sb_store_flush (self->store, &error))
    return FALSE;

  reason = error != NULL ? error->message : _("Your stories are open read-only.");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Your Latest Changes Are Not Saved"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nIf you quit now, they are lost. Export a copy to keep them."),
                                  reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Open"),
                                    "export", _("_Export a Copy…"),
                                    "quit", _("_Quit Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static gboolean
sb_window_close_request (GtkWindow *window)
{
  SbWindow *self = SB_WINDOW (window);
  int width, height;

  if (confirm_unsaved (self))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

/* Connects the window to the application's model, once it has one. */
static void
sb_window_set_up (SbWindow      *self,
                  SbApplication *app)
{
  g_autofree char *last_principle = NULL;
  g_autofree char *last_story = NULL;
  g_auto(GStrv) hidden = NULL;

  self->catalog = sb_application_get_catalog (app);
  self->library = sb_application_get_library (app);
  self->store = sb_application_get_store (app);
  self->recordings = sb_application_get_recordings (app);

  hidden = g_settings_get_strv (self->settings, "hidden-frameworks");
  sb_principle_sidebar_set_hidden_frameworks (self->sidebar, (const char * const *) hidden);
  sb_principle_sidebar_set_model (self->sidebar, self->catalog, self->library);
  sb_story_list_set_model (self->story_list, self->catalog, self->library);
  sb_tips_panel_set_catalog (self->tips_panel, self->catalog);

  g_signal_connect_object (self->store, "notify::error", G_CALLBACK (store_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::unreadable-copies", G_CALLBACK (store_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "items-changed", G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
  store_error_cb (self);
  _sb_window_recovery_set_up (self);
  _sb_window_interviews_set_up (self);

  /* Back where the user left off. */
  last_principle = g_settings_get_string (self->settings, "last-principle");
  if (last_principle[0] != '\0' && sb_catalog_lookup (self->catalog, last_principle) != NULL)
    sb_principle_sidebar_set_principle_id (self->sidebar, last_principle);
  last_story = g_settings_get_string (self->settings, "last-story");
  _sb_window_open_story (self, sb_library_find (self->library, last_story), FALSE);

  /* Folded (a narrow window), start on the deepest pane restored. */
  if (_sb_window_get_story (self) != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  else if (sb_principle_sidebar_get_principle_id (self->sidebar) != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  _sb_window_principles_set_up (self);
}

/* A short message at the bottom of the window. */
void
_sb_window_toast (SbWindow   *self,
                  const char *message)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = (SbWindow *)object;

  if (self->delete_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->delete_toast), (gpointer *) &self->delete_toast);
  self->delete_toast = NULL;
  g_clear_object (&self->deleted_story);
  /* A settings action outlives the window's action group otherwise, and
   * tells it of the next change.
   */
  g_action_map_remove_action (G_ACTION_MAP (self), "keep-recordings");
  g_clear_object (&self->interview);
  g_clear_pointer (&self->shortcuts_window, gtk_window_destroy);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);
  self->editor = NULL;
  self->coach_panel = NULL;
  self->recordings_group = NULL;
  self->interview_page = NULL;

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_finalize (GObject *object)
{
  SbWindow *self = (SbWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_window_parent_class)->finalize (object);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  object_class->finalize = sb_window_finalize;
  window_class->close_request = sb_window_close_request;

  g_type_ensure (SB_TYPE_PRINCIPLE_SIDEBAR);
  g_type_ensure (SB_TYPE_STORY_LIST);
  g_type_ensure (SB_TYPE_TIPS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, banner_restore_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, editor_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, list_title);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "spelling_languages", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, story_list);
  gtk_widget_class_bind_template_child_full (widget_class, "story_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "story_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, tips_panel);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, selected_story_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_principle_cb);

  _sb_window_class_actions_init (klass);
  _sb_window_recovery_class_init (klass);
  _sb_window_transfer_class_init (klass);
  _sb_window_review_class_init (klass);
  _sb_window_principles_class_init (klass);
  _sb_window_interviews_class_init (klass);
}

static void
spelling_language_changed_cb (GSettings      *settings,
                              const char     *key,
                              SbSpellChecker *checker)
{
  g_autofree char *language = g_settings_get_string (settings, key);

  sb_spell_checker_set_language (checker, language);
}

static void
set_menu_later (SbWindow   *self,
                const char *button_id,
                const char *menu_id)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (self), SB_TYPE_WINDOW, button_id);
  GObject *menu = gtk_widget_get_template_child (GTK_WIDGET (self), SB_TYPE_WINDOW, menu_id);

  sb_menu_button_set_menu_model_later (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
}

/* The installed dictionaries, in the primary menu's Spelling Language,
 * once the checker has found them.
 */
static void
update_spelling_languages (SbWindow *self)
{
  GMenu *languages = G_MENU (gtk_widget_get_template_child (GTK_WIDGET (self), SB_TYPE_WINDOW, "spelling_languages"));
  g_auto(GStrv) tags = sb_spell_checker_list_languages (sb_spell_checker_get_default ());

  if ((guint) g_menu_model_get_n_items (G_MENU_MODEL (languages)) == g_strv_length (tags))
    return;

  g_menu_remove_all (languages);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (tags[i], NULL);

      g_menu_item_set_action_and_target (item, "win.spellcheck-language", "s", tags[i]);
      g_menu_append_item (languages, item);
    }
}

/* Check Spelling and the spelling language, in the primary menu; the
 * settings decide what the shared checker does.
 */
static void
set_up_spelling (SbWindow *self)
{
  SbSpellChecker *checker = sb_spell_checker_get_default ();
  g_autoptr(GAction) check = g_settings_create_action (self->settings, "spellcheck");
  g_autoptr(GAction) language = g_settings_create_action (self->settings, "spellcheck-language");
  g_autofree char *wanted = g_settings_get_string (self->settings, "spellcheck-language");

  g_settings_bind (self->settings, "spellcheck", checker, "enabled", G_SETTINGS_BIND_GET);
  sb_spell_checker_set_language (checker, wanted);
  g_signal_connect_object (self->settings, "changed::spellcheck-language",
                           G_CALLBACK (spelling_language_changed_cb), checker, 0);

  g_action_map_add_action (G_ACTION_MAP (self), check);
  g_action_map_add_action (G_ACTION_MAP (self), language);

  /* The dictionaries are found on a worker thread, never before the first
   * frame: the menu fills in when the checker says it has them.
   */
  g_signal_connect_object (checker, "changed", G_CALLBACK (update_spelling_languages), self, G_CONNECT_SWAPPED);
  sb_spell_checker_load_in_background (checker);
  update_spelling_languages (self);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_menu_later (self, "primary_menu_button", "primary_menu");
  set_menu_later (self, "story_menu_button", "story_menu");
  _sb_window_transfer_init (self);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  /* The panes' widths, which also decide where the window folds. */
  g_settings_bind (self->settings, "sidebar-width", self->sidebar_pane, "width-request", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "list-width", self->list_pane, "width-request", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "tips-width", self->tips_panel, "width-request", G_SETTINGS_BIND_GET);
  /* Locked, so that folding does not flip the user's choice; a folded
   * flap starts hidden and would cover the story.
   */
  adw_flap_set_locked (self->flap, TRUE);
  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "show-tips"));
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (flap_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed_cb), self, G_CONNECT_SWAPPED);
  set_up_spelling (self);
  {
    /* Whether a rehearsal spoken aloud keeps its audio (the review
     * window's setup page has the same switch).
     */
    g_autoptr(GAction) keep = g_settings_create_action (self->settings, "keep-recordings");

    g_action_map_add_action (G_ACTION_MAP (self), keep);
  }
}

SbWindow *
sb_window_new (SbApplication *application)
{
  SbWindow *self;

  g_return_val_if_fail (SB_IS_APPLICATION (application), NULL);

  self = g_object_new (SB_TYPE_WINDOW, "application", application, NULL);
  sb_window_set_up (self, application);

  return self;
}

/**
 * sb_window_get_story_list:
 *
 * Returns: (transfer none): the story list (for tests)
 */
SbStoryList *
sb_window_get_story_list (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->story_list;
}

/**
 * sb_window_get_editor:
 *
 * Returns: (transfer none): the story editor, made now if no story has
 * been open yet
 */
SbStoryEditor *
sb_window_get_editor (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return ensure_editor (self);
}

SbPrincipleSidebar *
sb_window_get_sidebar (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->sidebar;
}

SbTipsPanel *
sb_window_get_tips_panel (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->tips_panel;
}

/**
 * sb_window_get_interview_page:
 *
 * Returns: (transfer none) (nullable): the interview page, once an
 *   interview has been open (for tests)
 */
SbInterviewPage *
sb_window_get_interview_page (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->interview_page;
}

gboolean
sb_window_get_banner_visible (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->banner_revealer);
}
