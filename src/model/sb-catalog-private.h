/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-catalog.h"

G_BEGIN_DECLS

void _sb_catalog_split_names (SbCatalog  *self,
                              const char *text,
                              gboolean    tags,
                              GPtrArray  *names);

G_END_DECLS
