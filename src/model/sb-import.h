/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

#define SB_IMPORT_ERROR (sb_import_error_quark ())

typedef enum
{
  SB_IMPORT_ERROR_NOT_TEXT,   /* binary, or not valid UTF-8 */
  SB_IMPORT_ERROR_TOO_LARGE,  /* larger than SB_IMPORT_MAX_FILE_SIZE */
  SB_IMPORT_ERROR_NOTHING,    /* no story (nor principle wording) in it */
  SB_IMPORT_ERROR_INVALID,    /* a Storybank data file that does not read */
} SbImportError;

/* A file larger than this is refused before it is read. */
#define SB_IMPORT_MAX_FILE_SIZE ((goffset) 100 * 1024 * 1024)

#define SB_TYPE_IMPORT (sb_import_get_type ())

G_DECLARE_FINAL_TYPE (SbImport, sb_import, SB, IMPORT, GObject)

GQuark              sb_import_error_quark           (void);
SbImport           *sb_import_new                   (SbLibrary    *library,
                                                     SbCatalog    *catalog);
gboolean            sb_import_add_markdown          (SbImport     *self,
                                                     const char   *text,
                                                     gssize        length,
                                                     const char   *source_name,
                                                     GError      **error);
gboolean            sb_import_add_json              (SbImport     *self,
                                                     const char   *text,
                                                     gssize        length,
                                                     const char   *source_name,
                                                     GError      **error);
gboolean            sb_import_add_path              (SbImport     *self,
                                                     const char   *path,
                                                     GError      **error);
gboolean            sb_import_add_file              (SbImport     *self,
                                                     GFile        *file,
                                                     GError      **error);
void                sb_import_add_files_async       (SbImport            *self,
                                                     GFile * const       *files,
                                                     guint                n_files,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean            sb_import_add_files_finish      (SbImport     *self,
                                                     GAsyncResult *result,
                                                     GError      **error);
double              sb_import_get_progress          (SbImport     *self);
guint               sb_import_get_n_new_stories     (SbImport     *self);
guint               sb_import_get_n_updated_stories (SbImport     *self);
guint               sb_import_get_n_new_principles  (SbImport     *self);
char               *sb_import_dup_counts_text       (SbImport     *self);
guint               sb_import_get_n_changed_principles (SbImport  *self);
GPtrArray          *sb_import_dup_new_principles    (SbImport     *self);
void                sb_import_map_principle         (SbImport     *self,
                                                     SbPrinciple  *principle,
                                                     SbPrinciple  *target);
SbPrinciple        *sb_import_get_mapped_principle  (SbImport     *self,
                                                     SbPrinciple  *principle);
GStrv               sb_import_dup_left_out          (SbImport     *self);
gboolean            sb_import_is_empty              (SbImport     *self);
GStrv               sb_import_dup_summary           (SbImport     *self);
gboolean            sb_import_get_applied           (SbImport     *self);
void                sb_import_apply                 (SbImport     *self);
void                sb_import_undo                  (SbImport     *self);

G_END_DECLS
