/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-export.h"

G_BEGIN_DECLS

gboolean sb_export_to_file (SbLibrary                *library,
                            SbCatalog                *catalog,
                            SbExportFormat            format,
                            const SbExportSelection  *selection,
                            const char               *path,
                            guint                    *n_stories,
                            GError                  **error);

gboolean sb_export_cheat_sheet_to_file (SbCatalog   *catalog,
                                        SbLibrary   *library,
                                        const char  *framework_id,
                                        const char  *path,
                                        GError     **error);

G_END_DECLS
