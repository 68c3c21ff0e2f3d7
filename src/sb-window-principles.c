/* sb-window-principles.c: the user's own principles and frameworks in the
 * window: making, editing and deleting them, and hiding a framework from
 * the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-principles"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-menu-button.h"
#include "sb-principle-dialog.h"
#include "sb-principle-undo.h"
#include "sb-window-private.h"

#define UNDO_KEY "sb-principle-undo"
#define UNDO_ID_KEY "sb-principle-undo-id"
#define PRINCIPLE_MENU_KEY "sb-principle-menu"
#define FRAMEWORKS_MENU_KEY "sb-frameworks-menu"
#define CONTEXT_MENU_KEY "sb-context-menu"
#define FRAMEWORK_ACTIONS_KEY "sb-framework-actions"

static SbPrinciple *
selected_principle (SbWindow *self)
{
  return sb_catalog_lookup (self->catalog, sb_principle_sidebar_get_principle_id (self->sidebar));
}

/* The principle an action names, else the selected one. */
static SbPrinciple *
target_principle (SbWindow *self,
                  GVariant *param)
{
  const char *id = param ? g_variant_get_string (param, NULL) : "";

  return id[0] != '\0' ? sb_catalog_lookup (self->catalog, id) : selected_principle (self);
}

static SbFramework *
user_framework_of (SbWindow    *self,
                   SbPrinciple *principle)
{
  SbFramework *framework;

  if (principle == NULL || sb_principle_get_builtin (principle))
    return NULL;
  framework = sb_catalog_lookup_framework (self->catalog, sb_principle_get_framework_id (principle));
  if (framework == NULL || sb_framework_get_builtin (framework))
    return NULL;
  return framework;
}

static void
append_item (GMenu       *menu,
             const char  *label,
             const char  *action,
             SbPrinciple *principle)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (sb_principle_get_id (principle)));
  g_menu_append_item (menu, item);
}

/* The items that act on one principle: for the selected one in the
 * sidebar's menu, for the one clicked in the context menu of its row.
 */
static void
fill_principle_menu (SbWindow    *self,
                     GMenu       *menu,
                     SbPrinciple *principle)
{
  SbFramework *framework = user_framework_of (self, principle);

  g_menu_remove_all (menu);
  if (principle == NULL)
    return;

  if (!sb_principle_get_builtin (principle))
    {
      g_autoptr(GMenu) framework_section = g_menu_new ();

      append_item (menu, _("_Edit Principle…"), "win.edit-principle", principle);
      append_item (menu, _("_Delete Principle…"), "win.delete-principle", principle);
      if (framework != NULL)
        {
          append_item (framework_section, _("_Rename Framework…"), "win.rename-framework", principle);
          append_item (framework_section, _("Delete _Framework…"), "win.delete-framework", principle);
          g_menu_append_section (menu, NULL, G_MENU_MODEL (framework_section));
        }
    }
  else
    {
      append_item (menu, _("Edit _Notes…"), "win.edit-principle", principle);
    }
}

static void
update_principle_menu (SbWindow *self)
{
  GMenu *menu = g_object_get_data (G_OBJECT (self), PRINCIPLE_MENU_KEY);

  if (menu != NULL)
    fill_principle_menu (self, menu, selected_principle (self));
}

static void
context_menu_cb (SbPrincipleSidebar *sidebar,
                 const char         *principle_id,
                 SbWindow           *self)
{
  GMenu *menu = g_object_get_data (G_OBJECT (self), CONTEXT_MENU_KEY);

  fill_principle_menu (self, menu, sb_catalog_lookup (self->catalog, principle_id));
}

static void
show_framework_change_state_cb (GSimpleAction *action,
                                GVariant      *state,
                                SbWindow      *self)
{
  const char *framework_id = g_object_get_data (G_OBJECT (action), "sb-framework-id");
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-frameworks");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) next = NULL;
  gboolean show = g_variant_get_boolean (state);

  for (guint i = 0; hidden[i] != NULL; i++)
    if (!g_str_equal (hidden[i], framework_id))
      g_strv_builder_add (builder, hidden[i]);
  if (!show)
    g_strv_builder_add (builder, framework_id);
  next = g_strv_builder_end (builder);

  g_simple_action_set_state (action, state);
  g_settings_set_strv (self->settings, "hidden-frameworks", (const char * const *) next);
}

/* One check per framework; action names are by position, since a user
 * framework's id may hold letters an action name cannot.
 */
static void
rebuild_frameworks_menu (SbWindow *self)
{
  GMenu *menu = g_object_get_data (G_OBJECT (self), FRAMEWORKS_MENU_KEY);
  GListModel *frameworks = sb_catalog_get_frameworks (self->catalog);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-frameworks");

  g_menu_remove_all (menu);
  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);
      g_autofree char *name = g_strdup_printf ("show-%u", i);
      g_autofree char *detailed = g_strdup_printf ("frameworks.%s", name);
      gboolean shown = !g_strv_contains ((const char * const *) hidden, sb_framework_get_id (framework));
      g_autoptr(GSimpleAction) action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (shown));

      g_object_set_data_full (G_OBJECT (action), "sb-framework-id",
                              g_strdup (sb_framework_get_id (framework)), g_free);
      g_signal_connect_object (action, "change-state", G_CALLBACK (show_framework_change_state_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      g_menu_append (menu, sb_framework_get_name (framework), detailed);
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "frameworks", G_ACTION_GROUP (group));
}

static void
hidden_frameworks_changed_cb (SbWindow *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-frameworks");
  SbPrinciple *principle = selected_principle (self);

  /* A hidden principle cannot stay selected. */
  if (principle != NULL &&
      g_strv_contains ((const char * const *) hidden, sb_principle_get_framework_id (principle)))
    sb_principle_sidebar_set_principle_id (self->sidebar, NULL);

  sb_principle_sidebar_set_hidden_frameworks (self->sidebar, (const char * const *) hidden);
  rebuild_frameworks_menu (self);
}

static void
frameworks_changed_cb (SbWindow *self)
{
  rebuild_frameworks_menu (self);
  update_principle_menu (self);
}

static void
dialog_saved_cb (SbPrincipleDialog *dialog,
                 SbPrinciple       *principle,
                 SbWindow          *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-frameworks");

  /* Show what was just made, even in a hidden framework. */
  if (g_strv_contains ((const char * const *) hidden, sb_principle_get_framework_id (principle)))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) next = NULL;

      for (guint i = 0; hidden[i] != NULL; i++)
        if (!g_str_equal (hidden[i], sb_principle_get_framework_id (principle)))
          g_strv_builder_add (builder, hidden[i]);
      next = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, "hidden-frameworks", (const char * const *) next);
    }

  sb_principle_sidebar_set_principle_id (self->sidebar, sb_principle_get_id (principle));
  /* Renamed while selected: the list's title follows. */
  adw_window_title_set_title (self->list_title, sb_principle_get_name (principle));
  update_principle_menu (self);
}

/**
 * _sb_window_principles_open_dialog:
 * @principle: (nullable): the principle to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the dialog, presented
 */
SbPrincipleDialog *
_sb_window_principles_open_dialog (SbWindow    *self,
                                   SbPrinciple *principle)
{
  SbPrincipleDialog *dialog = sb_principle_dialog_new (self->catalog, principle);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
new_principle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _sb_window_principles_open_dialog (SB_WINDOW (widget), NULL);
}

static void
edit_principle_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbPrinciple *principle = target_principle (self, param);

  if (principle != NULL)
    _sb_window_principles_open_dialog (self, principle);
}

static void
show_undo_toast (SbWindow   *self,
                 const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete-principle");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
keep_undo (SbWindow        *self,
           SbPrincipleUndo *undo,
           const char      *select_id)
{
  g_object_set_data_full (G_OBJECT (self), UNDO_KEY, undo, (GDestroyNotify) sb_principle_undo_free);
  g_object_set_data_full (G_OBJECT (self), UNDO_ID_KEY, g_strdup (select_id), g_free);
  _sb_window_update_actions (self);
}

/**
 * _sb_window_principles_can_undo:
 *
 * Returns: whether a deleted principle or framework can be brought back
 */
gboolean
_sb_window_principles_can_undo (SbWindow *self)
{
  return g_object_get_data (G_OBJECT (self), UNDO_KEY) != NULL;
}

/**
 * _sb_window_principles_delete:
 * @move_to_id: (nullable): where its stories go, or %NULL to leave them
 *   in All Stories
 *
 * Deletes a user-made principle, with a toast to undo it.
 */
void
_sb_window_principles_delete (SbWindow    *self,
                              SbPrinciple *principle,
                              const char  *move_to_id)
{
  g_autoptr(SbPrinciple) hold = g_object_ref (principle);
  g_autofree char *title = NULL;
  SbPrincipleUndo *undo;
  SbPrinciple *move_to = sb_catalog_lookup (self->catalog, move_to_id);
  guint n_stories;

  if (g_strcmp0 (sb_principle_sidebar_get_principle_id (self->sidebar), sb_principle_get_id (principle)) == 0)
    sb_principle_sidebar_set_principle_id (self->sidebar, move_to_id);

  undo = sb_principle_undo_delete_principle (self->catalog, self->library, principle, move_to_id);
  if (undo == NULL)
    return;

  n_stories = sb_principle_undo_get_n_stories (undo);
  keep_undo (self, undo, sb_principle_get_id (principle));

  if (move_to != NULL && n_stories > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "“%s” deleted, %u story moved to “%s”",
                                          "“%s” deleted, %u stories moved to “%s”", n_stories),
                             sb_principle_get_name (principle), n_stories, sb_principle_get_name (move_to));
  else
    title = g_strdup_printf (_("“%s” deleted"), sb_principle_get_name (principle));
  show_undo_toast (self, title);
  update_principle_menu (self);
}

static void
undo_delete_principle_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbPrincipleUndo *undo = g_object_get_data (G_OBJECT (self), UNDO_KEY);
  g_autofree char *select_id = g_strdup (g_object_get_data (G_OBJECT (self), UNDO_ID_KEY));

  if (undo == NULL)
    return;

  if (!sb_principle_undo_restore (undo, self->catalog, self->library))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Could not undo: the name is taken by a new principle")));
      return;
    }

  keep_undo (self, NULL, NULL);
  if (select_id != NULL)
    sb_principle_sidebar_set_principle_id (self->sidebar, select_id);
  update_principle_menu (self);
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  SbWindow         *self)
{
  SbPrinciple *principle = g_object_get_data (G_OBJECT (dialog), "sb-principle");
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), "sb-ids");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (g_str_equal (response, "move") && selected < ids->len)
    _sb_window_principles_delete (self, principle, g_ptr_array_index (ids, selected));
}

/* Asks which principle the stories move to. */
static void
choose_move_to (SbWindow    *self,
                SbPrinciple *principle)
{
  GListModel *principles = sb_catalog_get_principles (self->catalog);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-frameworks");
  GtkWidget *dialog;
  GtkWidget *drop_down;
  g_autoptr(GtkExpression) expression = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) other = g_list_model_get_item (principles, i);

      if (other == principle ||
          g_strv_contains ((const char * const *) hidden, sb_principle_get_framework_id (other)))
        continue;
      g_ptr_array_add (ids, g_strdup (sb_principle_get_id (other)));
      gtk_string_list_append (names, sb_principle_get_name (other));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Move Stories To"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The stories filed under “%s” will be filed under the principle you choose."),
                                  sb_principle_get_name (principle));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), g_steal_pointer (&expression));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Principle"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move and Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move", ids->len > 0);

  g_object_set_data_full (G_OBJECT (dialog), "sb-principle", g_object_ref (principle), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "sb-ids", ids, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (move_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbWindow         *self)
{
  SbPrinciple *principle = g_object_get_data (G_OBJECT (dialog), "sb-principle");

  if (g_str_equal (response, "keep"))
    _sb_window_principles_delete (self, principle, NULL);
  else if (g_str_equal (response, "move"))
    choose_move_to (self, principle);
}

static void
delete_principle_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbPrinciple *principle = target_principle (self, param);
  GtkWidget *dialog;
  guint count;

  if (principle == NULL || sb_principle_get_builtin (principle))
    return;

  count = sb_library_count_principle (self->library, sb_principle_get_id (principle));
  if (count == 0)
    {
      _sb_window_principles_delete (self, principle, NULL);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), sb_principle_get_name (principle));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u story is filed under it. Move it to another principle, or keep it in All Stories without this principle. No story is deleted.",
                                               "%u stories are filed under it. Move them to another principle, or keep them in All Stories without this principle. No story is deleted.",
                                               count),
                                  count);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep in All Stories"),
                                    "move", _("_Move Stories…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sb-principle", g_object_ref (principle), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbWindow         *self)
{
  const char *framework_id = g_object_get_data (G_OBJECT (dialog), "sb-framework-id");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "rename") && name[0] != '\0')
    sb_catalog_rename_framework (self->catalog, framework_id, name);
}

static void
rename_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", name[0] != '\0');
}

static void
rename_framework_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbFramework *framework = user_framework_of (self, target_principle (self, param));
  GtkWidget *dialog;
  GtkWidget *entry;

  if (framework == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Framework"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), sb_framework_get_name (framework));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Framework name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sb-framework-id", g_strdup (sb_framework_get_id (framework)), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_framework_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              SbWindow         *self)
{
  const char *framework_id = g_object_get_data (G_OBJECT (dialog), "sb-framework-id");
  SbFramework *framework = sb_catalog_lookup_framework (self->catalog, framework_id);
  g_autofree char *title = NULL;
  SbPrincipleUndo *undo;

  if (!g_str_equal (response, "delete") || framework == NULL)
    return;

  title = g_strdup_printf (_("“%s” deleted"), sb_framework_get_name (framework));
  sb_principle_sidebar_set_principle_id (self->sidebar, NULL);
  undo = sb_principle_undo_delete_framework (self->catalog, self->library, framework_id, NULL);
  if (undo == NULL)
    return;

  keep_undo (self, undo, NULL);
  show_undo_toast (self, title);
  update_principle_menu (self);
}

static void
delete_framework_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbFramework *framework = user_framework_of (self, target_principle (self, param));
  GListModel *principles;
  GtkWidget *dialog;
  guint n;

  if (framework == NULL)
    return;

  principles = sb_framework_get_principles (framework);
  n = g_list_model_get_n_items (principles);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), sb_framework_get_name (framework));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Its %u principle is deleted with it. Stories filed under it stay in All Stories.",
                                               "Its %u principles are deleted with it. Stories filed under them stay in All Stories.",
                                               n),
                                  n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sb-framework-id", g_strdup (sb_framework_get_id (framework)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_framework_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_window_principles_class_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child_full (widget_class, "principles_menu_button", FALSE,
                                             G_STRUCT_OFFSET (SbWindow, principles_menu_button));

  gtk_widget_class_install_action (widget_class, "win.new-principle", NULL, new_principle_action);
  /* These take a principle's id; "" is the selected one. */
  gtk_widget_class_install_action (widget_class, "win.edit-principle", "s", edit_principle_action);
  gtk_widget_class_install_action (widget_class, "win.delete-principle", "s", delete_principle_action);
  gtk_widget_class_install_action (widget_class, "win.rename-framework", "s", rename_framework_action);
  gtk_widget_class_install_action (widget_class, "win.delete-framework", "s", delete_framework_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete-principle", NULL, undo_delete_principle_action);
}

/* Once the window has its model. */
void
_sb_window_principles_set_up (SbWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) new_section = g_menu_new ();
  GMenu *principle_menu = g_menu_new ();
  GMenu *frameworks_menu = g_menu_new ();
  GMenu *context_menu = g_menu_new ();

  g_object_set_data_full (G_OBJECT (self), PRINCIPLE_MENU_KEY, principle_menu, g_object_unref);
  g_object_set_data_full (G_OBJECT (self), FRAMEWORKS_MENU_KEY, frameworks_menu, g_object_unref);
  g_object_set_data_full (G_OBJECT (self), CONTEXT_MENU_KEY, context_menu, g_object_unref);

  g_menu_append (new_section, _("_New Principle…"), "win.new-principle");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (new_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (principle_menu));
  g_menu_append_section (menu, _("Show Frameworks"), G_MENU_MODEL (frameworks_menu));
  sb_menu_button_set_menu_model_later (self->principles_menu_button, G_MENU_MODEL (menu));
  sb_principle_sidebar_set_context_menu (self->sidebar, G_MENU_MODEL (context_menu));
  g_signal_connect_object (self->sidebar, "context-menu", G_CALLBACK (context_menu_cb), self, 0);

  g_signal_connect_object (self->settings, "changed::hidden-frameworks",
                           G_CALLBACK (hidden_frameworks_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sb_catalog_get_frameworks (self->catalog), "items-changed",
                           G_CALLBACK (frameworks_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->catalog, "changed",
                           G_CALLBACK (frameworks_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "notify::principle-id",
                           G_CALLBACK (update_principle_menu), self, G_CONNECT_SWAPPED);

  rebuild_frameworks_menu (self);
  update_principle_menu (self);
}
