/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-application.h"

G_BEGIN_DECLS

typedef gboolean (*SbTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);

void           sb_test_ui_iterate       (guint       msec);
SbApplication *sb_test_ui_make_app      (void);
GtkWidget     *sb_test_ui_find_widget   (GtkWidget        *root,
                                         SbTestWidgetMatch match,
                                         gconstpointer     data);
gboolean       sb_test_ui_is_a          (GtkWidget        *widget,
                                         gconstpointer     data);
GtkWindow     *sb_test_ui_find_toplevel (GType       type);
void           sb_test_ui_wait_saved    (SbStore    *store);
SbLibrary     *sb_test_ui_load_saved    (const char *data_home);
void           sb_test_ui_save_picture  (GtkWidget  *widget,
                                         const char *path);

G_END_DECLS
