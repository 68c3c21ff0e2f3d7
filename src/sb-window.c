/* sb-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-window.h"

struct _SbWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
sb_window_class_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-window.ui");
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SbWindow *
sb_window_new (SbApplication *application)
{
  return g_object_new (SB_TYPE_WINDOW, "application", application, NULL);
}
