/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-merge.h"

G_BEGIN_DECLS

#define SB_STORE_ERROR (sb_store_error_quark ())

typedef enum
{
  SB_STORE_ERROR_INVALID,        /* unused: the JSON readers report SB_JSON_ERROR */
  SB_STORE_ERROR_CORRUPT,        /* the data file could not be read; set aside */
  SB_STORE_ERROR_NEWER_VERSION,  /* written by a newer Storybank: read-only */
  SB_STORE_ERROR_READ_ONLY,      /* saving is refused to protect the file */
  SB_STORE_ERROR_IO,             /* the disk said no */
  SB_STORE_ERROR_CHANGED,        /* the file changed on disk since we read it */
} SbStoreError;

/* The data file format this version reads and writes. */
#define SB_STORE_FORMAT_VERSION 1
/* Backups kept in backups/ beside the data file. */
#define SB_STORE_N_BACKUPS 10
/* A data file larger than this is refused rather than read. */
#define SB_STORE_MAX_FILE_SIZE (512 * 1024 * 1024)

#define SB_TYPE_STORE (sb_store_get_type ())

G_DECLARE_FINAL_TYPE (SbStore, sb_store, SB, STORE, GObject)

typedef struct _SbStorePreload SbStorePreload;

GQuark        sb_store_error_quark        (void);
char         *sb_store_dup_default_path   (void);
SbStore      *sb_store_new                (const char          *path,
                                           SbLibrary           *library,
                                           SbCatalog           *catalog);
const char   *sb_store_get_path           (SbStore             *self);
void          sb_store_set_cache_path     (SbStore             *self,
                                           const char          *cache_path);
const char   *sb_store_get_cache_path     (SbStore             *self);
SbLibrary    *sb_store_get_library        (SbStore             *self);
SbCatalog    *sb_store_get_catalog        (SbStore             *self);
gboolean      sb_store_load               (SbStore             *self,
                                           GError             **error);
gboolean      sb_store_get_read_only      (SbStore             *self);
gboolean      sb_store_get_dirty          (SbStore             *self);
const GError *sb_store_get_error          (SbStore             *self);
void          sb_store_set_autosave_delay (SbStore             *self,
                                           guint                msec);
void          sb_store_save_async         (SbStore             *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      sb_store_save_finish        (SbStore             *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gboolean      sb_store_save               (SbStore             *self,
                                           GError             **error);
gboolean      sb_store_flush              (SbStore             *self,
                                           GError             **error);
char         *sb_store_serialize          (SbStore             *self);
void          sb_store_get_extra          (SbStore             *self,
                                           const char * const **keys,
                                           const char * const **values);
GPtrArray    *sb_store_list_backups       (SbStore             *self);
gboolean      sb_store_parse              (const char          *contents,
                                           gsize                length,
                                           GPtrArray          **stories,
                                           JsonArray          **principles,
                                           gint64              *version,
                                           char              ***extra_keys,
                                           char              ***extra_values,
                                           GError             **error);
gboolean      sb_store_merge_from_disk    (SbStore             *self,
                                           SbMergeReport       *report,
                                           GError             **error);
void          sb_store_watch              (SbStore             *self);
gboolean      sb_store_merge_conflict_copies (SbStore          *self,
                                           SbMergeReport       *report,
                                           char               **host,
                                           GError             **error);
gboolean      sb_store_undo_copies_merge  (SbStore             *self);
const char * const *
              sb_store_get_unreadable_copies (SbStore          *self);
const char   *sb_store_get_saved_by       (SbStore             *self);
int           sb_store_count_backup       (const char          *path);
gboolean      sb_store_restore_backup     (SbStore             *self,
                                           const char          *backup,
                                           GError             **error);

SbStorePreload *sb_store_preload_start        (const char      *path);
SbCatalog      *sb_store_preload_take_catalog (SbStorePreload  *preload);
SbLibrary      *sb_store_preload_take_library (SbStorePreload  *preload);
gboolean        sb_store_load_preloaded       (SbStore         *self,
                                               SbStorePreload  *preload,
                                               GError         **error);
void            sb_store_preload_free         (SbStorePreload  *preload);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStorePreload, sb_store_preload_free)

G_END_DECLS
