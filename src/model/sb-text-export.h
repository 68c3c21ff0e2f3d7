/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

/* Plain text lines are wrapped to this many columns. */
#define SB_TEXT_EXPORT_WIDTH 76

guint  sb_text_display_width     (const char  *text);
char  *sb_text_wrap              (const char  *text,
                                  guint        width,
                                  const char  *first_indent,
                                  const char  *indent);
char  *sb_text_export_story      (SbStory     *story,
                                  SbCatalog   *catalog);
char  *sb_text_export_library    (SbLibrary   *library,
                                  SbCatalog   *catalog,
                                  const char  *principle_id);

G_END_DECLS
