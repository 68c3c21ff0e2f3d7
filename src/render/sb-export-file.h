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

G_END_DECLS
