/* sb-menu-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_menu_button_set_menu_model() builds the whole popover menu at once,
 * a widget for every item, for a menu that may never open. The window has
 * a few such buttons and every step of an action a button of its own, so
 * their menus are built the first time they open instead.
 */

#define G_LOG_DOMAIN "sb-menu-button"

#include "config.h"

#include "sb-menu-button.h"

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GMenuModel *menu_model = user_data;

  /* Called at every opening: the first one builds the popover. */
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, menu_model);
}

/**
 * sb_menu_button_set_menu_model_later:
 * @menu_model: (nullable): the menu, or %NULL for none
 *
 * Like gtk_menu_button_set_menu_model(), but builds the popover only when
 * @button first opens it.
 */
void
sb_menu_button_set_menu_model_later (GtkMenuButton *button,
                                     GMenuModel    *menu_model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (menu_model == NULL || G_IS_MENU_MODEL (menu_model));

  gtk_menu_button_set_menu_model (button, NULL);
  if (menu_model == NULL)
    gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  else
    gtk_menu_button_set_create_popup_func (button, create_popup_cb, g_object_ref (menu_model), g_object_unref);
}
