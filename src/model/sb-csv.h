/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

/* Spreadsheets saved as text (CSV or TSV): a header row names the
 * columns, one story per row after it. See sb-csv.c for what is read.
 */

gboolean   sb_csv_looks_like_sheet  (const char  *text,
                                     gssize       length);
GPtrArray *sb_csv_read              (const char  *text,
                                     gssize       length,
                                     SbCatalog   *catalog,
                                     GPtrArray  **left_out,
                                     GError     **error);
char      *sb_csv_export            (SbLibrary   *library,
                                     SbCatalog   *catalog,
                                     const char  *principle_id);

G_END_DECLS
