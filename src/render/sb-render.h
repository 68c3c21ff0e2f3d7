/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-catalog.h"
#include "sb-document.h"
#include "sb-library.h"
#include "sb-plan.h"

G_BEGIN_DECLS

SbDocument *sb_document_new_for_stories      (SbCatalog   *catalog,
                                              GPtrArray   *stories,
                                              const char  *principle_id);
SbDocument *sb_document_new_cheat_sheet      (SbCatalog   *catalog,
                                              SbLibrary   *library,
                                              const char  *framework_id);
/* One page for an interview: company, date, rounds and each round's
 * stories with their one-line S/T/A/R summaries. Print it with the page
 * renderer as any document.
 */
SbDocument *sb_document_new_for_plan         (SbPlan      *plan);

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

gboolean    sb_render_export_plan_pdf        (SbPlan      *plan,
                                              const char  *path,
                                              GError     **error);

G_END_DECLS
