/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-recordings.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION (sb_application_get_type ())

G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, AdwApplication)

SbApplication *sb_application_new         (void);
void           sb_application_preload     (SbApplication *self);
SbStore       *sb_application_get_store   (SbApplication *self);
SbLibrary     *sb_application_get_library (SbApplication *self);
SbCatalog     *sb_application_get_catalog (SbApplication *self);
SbRecordings  *sb_application_get_recordings (SbApplication *self);

G_END_DECLS
