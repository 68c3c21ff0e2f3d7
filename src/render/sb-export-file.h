/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-export.h"
#include "sb-plan.h"

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

/* The plan as PDF, Markdown or text, by @path's extension unless
 * @format says (SB_EXPORT_FORMAT_PDF, _MARKDOWN or _TEXT).
 */
gboolean sb_export_plan_to_file (SbPlan                   *plan,
                                 SbExportFormat            format,
                                 const char               *path,
                                 GError                  **error);

G_END_DECLS
