/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

#define SB_TYPE_COVERAGE_PAGE (sb_coverage_page_get_type ())

G_DECLARE_FINAL_TYPE (SbCoveragePage, sb_coverage_page, SB, COVERAGE_PAGE, GtkWidget)

void sb_coverage_page_set_model (SbCoveragePage *self,
                                 SbCatalog      *catalog,
                                 SbLibrary      *library);
void sb_coverage_page_refresh   (SbCoveragePage *self);

G_END_DECLS
