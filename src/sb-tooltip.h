/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

const char *sb_tooltip_get_text  (GtkWidget  *widget);
void        sb_tooltip_set_text  (GtkWidget  *widget,
                                  const char *text);
void        sb_tooltip_set_label (GtkWidget  *label);

G_END_DECLS
