/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"

G_BEGIN_DECLS

/* A combo row listing things by name, with their ids in a GPtrArray of
 * strings, item for item (the rehearsal window's pages).
 */
void        _sb_combo_row_set_frameworks  (AdwComboRow *row,
                                           SbCatalog   *catalog,
                                           GPtrArray   *ids);
const char *_sb_combo_row_get_selected_id (AdwComboRow *row,
                                           GPtrArray   *ids);
gboolean    _sb_combo_row_select_id       (AdwComboRow *row,
                                           GPtrArray   *ids,
                                           const char  *id);

G_END_DECLS
