/* sb-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-merge.h"
#include "sb-store.h"
#include "sb-store-cache.h"

G_BEGIN_DECLS

/* The store is one object split by job: sb-store.c (the object, its
 * properties and autosave), sb-store-json.c (reading, cleaning and writing
 * the data file's JSON), sb-store-principles.c (merging the user's
 * principles), sb-store-load.c (loading, with the cache and the preload
 * thread), sb-store-save.c (saving and backups), sb-store-merge.c (merging
 * changes from disk and conflict copies) and sb-store-restore.c (restoring
 * a backup). They share the struct and the _sb_store_ functions below.
 */

/* The optional top-level key naming the computer that saved the file
 * last: {"host": "laptop", "time": "2026-12-06T10:10:10Z"}. Kept with the
 * keys this version does not know, so that it round-trips unchanged
 * through the cache and through versions older than this one.
 */
#define SAVED_BY_KEY "saved-by"

/* The optional top-level array of interviews (sb-interview.h). The store
 * carries its JSON text among the top-level keys it does not read itself
 * (so the cache and the JSON export carry it unchanged): read into the
 * library at load (on the loading thread), taken from the library into
 * the keys at each save, merged by id and member (sb_merge_interviews())
 * when the file changes on disk. The keys hold it as last read or
 * written: the base of that merge.
 */
#define INTERVIEWS_KEY "interviews"

/* The operations that wait for a save being written (sb-store-save.c). */
typedef enum
{
  SB_STORE_OP_SAVE   = 1 << 0,
  SB_STORE_OP_MERGE  = 1 << 1,
  SB_STORE_OP_COPIES = 1 << 2,
} SbStoreOp;

typedef struct _SaveJob SaveJob;

struct _SbStore
{
  GObject     parent_instance;

  char       *path;
  char       *cache_path;  /* nullable: no cache */
  SbLibrary  *library;
  SbCatalog  *catalog;
  GError     *error;

  /* Top-level keys this version does not know, written back unchanged. */
  char      **extra_keys;
  char      **extra_values;

  /* The stories as we last read or wrote them (SbStoryData), and a
   * checksum of those bytes: the base of a three-way merge with a file
   * changed behind our back, and how we know a change is our own write.
   */
  GPtrArray    *base;
  char         *disk_checksum;
  /* The file's stamp when it held those bytes: a file monitor's event for
   * our own write is told apart without reading the whole file again.
   */
  gboolean      disk_stamped;
  SbFileStamp   disk_stamp;
  /* The user's principles as we last read or wrote them: id to the
   * entry's JSON text, the base of merging principles the same way.
   */
  GHashTable   *base_principles;
  GFileMonitor *monitor;
  guint         merge_source;

  /* The folder, for sync tools' conflict copies (sb-sync.c). */
  GFileMonitor *folder_monitor;
  guint         copies_source;
  /* Copies that could not be read, left where they are: their names. */
  char        **unreadable_copies;
  /* What the last merge of conflict copies changed: story id to the
   * story as it was before (SbStoryData), or to %NULL for one it added.
   */
  GHashTable   *copy_undo;
  /* … and to the story as the merge left it, %NULL for one it removed:
   * the undo leaves a story changed since as it is.
   */
  GHashTable   *copy_merged;
  /* The same for interviews: interview id to a CopyUndoInterview. */
  GHashTable   *copy_undo_interviews;
  /* The host name in the file as last read, when it says. */
  char         *saved_by;

  guint       autosave_source;
  guint       autosave_delay;
  gint64      first_unsaved;

  /* Each change bumps @generation; a save records what it wrote. */
  guint64     generation;
  guint64     saved_generation;

  guint       loading : 1;
  guint       read_only : 1;
  /* The save a worker is writing, while @saving; what waits for it. */
  SaveJob    *running;
  guint       pending;  /* SbStoreOp */

  guint       saving : 1;
  guint       backed_up : 1;
};

typedef enum
{
  PROP_0,
  PROP_DIRTY,
  PROP_ERROR,
  PROP_READ_ONLY,
  PROP_UNREADABLE_COPIES,
  N_PROPS
} SbStoreProp;

/* sb-store.c */
void        _sb_store_notify                (SbStore        *self,
                                             SbStoreProp     prop);
void        _sb_store_emit_merged           (SbStore        *self,
                                             SbMergeReport  *report);
void        _sb_store_emit_copies_merged    (SbStore        *self,
                                             SbMergeReport  *report,
                                             const char     *host);
void        _sb_store_set_error             (SbStore        *self,
                                             GError         *error);
void        _sb_store_mark_changed          (SbStore        *self);
void        _sb_store_schedule_autosave     (SbStore        *self);
void        _sb_store_set_base              (SbStore        *self,
                                             GPtrArray      *base,
                                             const char     *checksum);
char       *_sb_store_dup_timestamp         (void);
char       *_sb_store_dup_real_path         (const char     *path);

/* sb-store-json.c */
void        _sb_store_set_saved_by          (char          **keys,
                                             char          **values,
                                             char         ***out_keys,
                                             char         ***out_values);
char       *_sb_store_dup_saved_by          (char          **keys,
                                             char          **values);
GString    *_sb_store_write_json            (GPtrArray      *stories,
                                             const char     *principles,
                                             char          **extra_keys,
                                             char          **extra_values);

void        _sb_store_take_interviews       (SbStore        *self,
                                             char         ***keys,
                                             char         ***values);

/* sb-store-merge.c */
void        _sb_store_run_merge             (SbStore        *self);
void        _sb_store_run_copies            (SbStore        *self);

/* sb-store-principles.c */
GHashTable *_sb_store_principles_by_id      (JsonArray      *principles);
GHashTable *_sb_store_principles_by_id_from_text (const char *json);
void        _sb_store_set_base_principles   (SbStore        *self,
                                             GHashTable     *principles);
void        _sb_store_merge_principles_from (SbStore        *self,
                                             GHashTable     *base,
                                             JsonArray      *theirs_array);
gboolean    _sb_store_merge_principles      (SbStore        *self,
                                             JsonArray      *theirs_array);

/* sb-store-save.c */
void        _sb_store_join_save             (SbStore        *self);
void        _sb_store_queue                 (SbStore        *self,
                                             SbStoreOp       op);
char       *_sb_store_dup_backups_dir       (const char     *path);
GPtrArray  *_sb_store_list_backup_files     (const char     *path);

G_END_DECLS
