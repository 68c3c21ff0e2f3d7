/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-application.h"

G_BEGIN_DECLS

void           sb_test_ui_iterate    (guint    msec);
SbApplication *sb_test_ui_make_app   (void);
void           sb_test_ui_wait_saved (SbStore *store);
SbLibrary     *sb_test_ui_load_saved (const char *data_home);

G_END_DECLS
