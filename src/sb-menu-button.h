/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sb_menu_button_set_menu_model_later (GtkMenuButton *button,
                                          GMenuModel    *menu_model);

G_END_DECLS
