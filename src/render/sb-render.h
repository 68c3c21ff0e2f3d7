/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-catalog.h"
#include "sb-document.h"
#include "sb-library.h"

G_BEGIN_DECLS

SbDocument *sb_document_new_for_stories      (SbCatalog   *catalog,
                                              GPtrArray   *stories,
                                              const char  *principle_id);
SbDocument *sb_document_new_cheat_sheet      (SbCatalog   *catalog,
                                              SbLibrary   *library,
                                              const char  *framework_id);

gboolean    sb_render_to_pdf                 (SbDocument  *document,
                                              const char  *path,
                                              GError     **error);
gboolean    sb_render_to_pdf_full            (SbDocument  *document,
                                              double       width,
                                              double       height,
                                              const char  *path,
                                              GError     **error);

gboolean    sb_render_export_pdf             (SbCatalog   *catalog,
                                              SbLibrary   *library,
                                              const char  *principle_id,
                                              const char  *path,
                                              GError     **error);
gboolean    sb_render_export_cheat_sheet_pdf (SbCatalog   *catalog,
                                              SbLibrary   *library,
                                              const char  *framework_id,
                                              const char  *path,
                                              GError     **error);

G_END_DECLS
