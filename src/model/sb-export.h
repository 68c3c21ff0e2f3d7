/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

typedef enum
{
  SB_EXPORT_FORMAT_TEXT,
  SB_EXPORT_FORMAT_MARKDOWN,
  SB_EXPORT_FORMAT_MARKDOWN_FOLDER,  /* one page per principle */
  SB_EXPORT_FORMAT_PDF,
  SB_EXPORT_FORMAT_JSON,             /* a Storybank backup */
  SB_EXPORT_FORMAT_CSV,              /* a spreadsheet, one story a row */
} SbExportFormat;

/* Which stories an export holds, and what else it keeps. */
typedef struct
{
  const char         *principle_id;  /* only its stories, or NULL for all */
  /* JSON of every story: the data file's top-level keys this version
   * does not know, and their values as JSON, written back as they are.
   */
  const char * const *extra_keys;
  const char * const *extra_values;
} SbExportSelection;

gboolean  sb_export_format_for_name (const char               *name,
                                     const char               *path,
                                     SbExportFormat           *format);
guint     sb_export_count_stories   (SbLibrary                *library,
                                     const char               *principle_id);
char     *sb_export_dup_text        (SbLibrary                *library,
                                     SbCatalog                *catalog,
                                     SbExportFormat            format,
                                     const SbExportSelection  *selection,
                                     GError                  **error);
gboolean  sb_export_write_file      (const char               *path,
                                     const char               *text,
                                     GError                  **error);
void      sb_export_write_data_file (GString                  *out,
                                     GPtrArray                *stories,
                                     const char               *principles,
                                     const char * const       *extra_keys,
                                     const char * const       *extra_values);

G_END_DECLS
