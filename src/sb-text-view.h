/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_TEXT_VIEW (sb_text_view_get_type ())

G_DECLARE_FINAL_TYPE (SbTextView, sb_text_view, SB, TEXT_VIEW, GtkTextView)

GtkWidget *sb_text_view_new (void);

G_END_DECLS
