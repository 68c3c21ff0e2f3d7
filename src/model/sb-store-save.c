/* sb-store-save.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-private.h"
#include "sb-store-cache.h"
#include "sb-store-io.h"
#include "sb-story-private.h"

/* What a save writes: taken on the main thread, written on a worker. */
struct _SaveJob
{
  char      *path;
  char      *cache_path;
  GPtrArray *stories;
  char      *principles;
  char     **extra_keys;
  char     **extra_values;
  guint64    generation;
  gboolean   backup;
  gboolean   backup_done;  /* set by the worker */
  char      *checksum;     /* of the bytes written, set by the worker */
  char      *expected;     /* of the file as we last read or wrote it */
  gboolean     stamped;    /* set by the worker: @stamp is of the file written */
  SbFileStamp  stamp;

  /* The worker's result, under @lock: @finished is set once it wrote. */
  GMutex       lock;
  GCond        cond;
  gboolean     finished;
  GError      *error;

  /* Main thread only: taken in (finish_running_save()), and how. */
  gboolean     applied;
  int          outcome;
  GError      *outcome_error;
};

static void
save_job_free (SaveJob *job)
{
  g_free (job->path);
  g_free (job->cache_path);
  g_ptr_array_unref (job->stories);
  g_free (job->principles);
  g_strfreev (job->extra_keys);
  g_strfreev (job->extra_values);
  g_free (job->checksum);
  g_free (job->expected);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_clear_error (&job->error);
  g_clear_error (&job->outcome_error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

/* @stamp: whether the file will say this computer saved it (a save), or
 * keeps what it said (the JSON export)
 */
static SaveJob *
sb_store_take_snapshot (SbStore  *self,
                        gboolean  stamp)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;

  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->path = g_strdup (self->path);
  job->cache_path = g_strdup (self->cache_path);
  job->stories = sb_library_dup_snapshot (self->library);
  job->principles = sb_catalog_dup_user_json (self->catalog, 1);
  _sb_store_take_interviews (self, &keys, &values);
  if (stamp)
    _sb_store_set_saved_by (keys, values, &job->extra_keys, &job->extra_values);
  else
    {
      job->extra_keys = g_steal_pointer (&keys);
      job->extra_values = g_steal_pointer (&values);
    }
  job->generation = self->generation;
  job->expected = g_strdup (self->disk_checksum);
  job->backup = !self->backed_up;

  return job;
}

char *
_sb_store_dup_backups_dir (const char *path)
{
  g_autofree char *real = _sb_store_dup_real_path (path);
  g_autofree char *folder = g_path_get_dirname (real);

  return g_build_filename (folder, "backups", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
_sb_store_list_backup_files (const char *path)
{
  g_autofree char *folder = _sb_store_dup_backups_dir (path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return names;

  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "stories-") && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_build_filename (folder, name, NULL));

  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Copies the data file as it was before this run's first save into
 * backups/, with the same atomic write and mode, and keeps the newest
 * SB_STORE_N_BACKUPS.
 */
static gboolean
write_backup (const char  *path,
              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *folder = _sb_store_dup_backups_dir (path);
  g_autofree char *stamp = _sb_store_dup_timestamp ();
  g_autofree char *target = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!sb_io_read_file (path, SB_STORE_MAX_FILE_SIZE, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!sb_io_mkdir (folder, error))
    return FALSE;

  /* Named so that sorting the names sorts them by age. */
  target = g_strdup_printf ("%s/stories-%s.json", folder, stamp);
  for (guint i = 1; g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s/stories-%s.%02u.json", folder, stamp, i);
    }

  if (!sb_io_write_file_atomic (target, contents, length, error))
    return FALSE;

  names = _sb_store_list_backup_files (path);
  for (guint i = 0; i + SB_STORE_N_BACKUPS < names->len; i++)
    sb_io_unlink (g_ptr_array_index (names, i), NULL);

  return TRUE;
}

/* Whether @path still holds the bytes whose checksum is @expected. A file
 * that is gone or cannot be read counts as unchanged: there is nothing in
 * it to keep, and writing it is what the save would do anyway.
 */
static gboolean
file_is_unchanged (const char *path,
                   const char *expected)
{
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return TRUE;

  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  return g_strcmp0 (checksum, expected) == 0;
}

static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  g_autofree char *real = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GString) out = NULL;

  /* A data file linked into a sync tool's folder: write what the link
   * points to, so the link stays; a link to nothing writes nothing.
   */
  if (!(real = sb_io_resolve_link (job->path, error)))
    return FALSE;

  folder = g_path_get_dirname (real);
  if (!sb_io_mkdir (folder, error))
    return FALSE;

  /* Never write over what another program (a sync tool, a second
   * computer) put there since we last read or wrote the file: the main
   * thread merges it in first, then saves again.
   */
  if (job->expected != NULL && !file_is_unchanged (real, job->expected))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CHANGED,
                           _("Your stories file was changed by another program"));
      return FALSE;
    }

  if (job->backup)
    {
      if (!write_backup (real, error))
        return FALSE;
      /* Made once a run, even if writing the file itself fails next. */
      job->backup_done = TRUE;
    }

  out = _sb_store_write_json (job->stories, job->principles, job->extra_keys, job->extra_values);
  if (!sb_io_write_file_atomic (real, out->str, out->len, error))
    return FALSE;

  job->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) out->str, out->len);

  /* The cache of what was just written; a failure only costs the next
   * start a parse. A file that is not the size we wrote was changed by
   * someone else already: no cache for it.
   */
  job->stamped = sb_file_stamp_get (real, &job->stamp, NULL) && job->stamp.size == out->len;
  if (job->cache_path != NULL)
    {
      g_autoptr(GError) cache_error = NULL;
      SbFileStamp stamp = job->stamp;

      if (!job->stamped)
        g_debug ("Cache not written: %s changed", job->path);
      else if (!sb_store_cache_write (job->cache_path, &stamp, job->checksum, job->principles,
                                      job->extra_keys, job->extra_values, job->stories, &cache_error))
        g_debug ("Cache not written: %s", cache_error->message);
    }

  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  save_job_run (job, &error);

  /* The result stays with the job: the main thread takes it either in
   * save_cb() or, when a synchronous call joins this save first, in
   * _sb_store_join_save().
   */
  g_mutex_lock (&job->lock);
  job->error = error;
  job->finished = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);

  g_task_return_boolean (task, TRUE);
}

static void
sb_store_save_done (SbStore  *self,
                    SaveJob  *job,
                    GError   *error)
{
  gboolean was_dirty = sb_store_get_dirty (self);

  if (job->backup_done)
    self->backed_up = TRUE;

  if (error != NULL)
    {
      g_autoptr(GError) report = g_error_new (SB_STORE_ERROR, SB_STORE_ERROR_IO,
                                              _("Your changes could not be saved: %s"),
                                              error->message);
      _sb_store_set_error (self, report);
      return;
    }

  self->backed_up = TRUE;
  self->saved_generation = job->generation;
  _sb_store_set_base (self, job->stories, job->checksum);
  self->disk_stamped = job->stamped;
  self->disk_stamp = job->stamp;
  _sb_store_set_base_principles (self, _sb_store_principles_by_id_from_text (job->principles));
  /* The keys as the file now has them: saved by this computer. */
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);
  self->extra_keys = g_strdupv (job->extra_keys);
  self->extra_values = g_strdupv (job->extra_values);
  g_free (self->saved_by);
  self->saved_by = _sb_store_dup_saved_by (self->extra_keys, self->extra_values);
  if (!sb_store_get_dirty (self))
    self->first_unsaved = 0;
  _sb_store_set_error (self, NULL);

  if (was_dirty != sb_store_get_dirty (self))
    _sb_store_notify (self, PROP_DIRTY);
}

typedef enum
{
  WRITE_DONE,
  WRITE_FAILED,
  WRITE_AGAIN,
} WriteOutcome;

/* Takes in what a write of @job found (main thread), whichever way it ran.
 * This is the one place where "the file changed on disk" is handled: when
 * @may_retry, their changes are merged into the library (and ::merged
 * emitted), and WRITE_AGAIN asks the caller to write everything again. On
 * WRITE_FAILED, @error is the store's error.
 */
static WriteOutcome
finish_write (SbStore   *self,
              SaveJob   *job,
              GError    *write_error,
              gboolean   may_retry,
              GError   **error)
{
  g_autoptr(GError) local_error = write_error ? g_error_copy (write_error) : NULL;

  self->saving = FALSE;

  if (may_retry && g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_CHANGED))
    {
      SbMergeReport report = { 0, };

      /* Take their changes in, then write everything. */
      g_clear_error (&local_error);
      if (sb_store_merge_from_disk (self, &report, &local_error))
        {
          if (!sb_merge_report_is_empty (&report))
            _sb_store_emit_merged (self, &report);
          return WRITE_AGAIN;
        }
    }

  sb_store_save_done (self, job, local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return WRITE_FAILED;
    }
  return WRITE_DONE;
}

/* Takes in the worker's write of @job, once. */
static WriteOutcome
finish_running_save (SbStore *self,
                     SaveJob *job)
{
  g_assert (job == self->running);
  g_assert (job->finished);

  self->running = NULL;
  job->applied = TRUE;
  job->outcome = finish_write (self, job, job->error, TRUE, &job->outcome_error);

  /* Written again once the worker is free: their changes merged in, or
   * changes made while it wrote.
   */
  if (job->outcome == WRITE_AGAIN)
    self->pending |= SB_STORE_OP_SAVE;
  else if (job->outcome == WRITE_FAILED)
    self->pending &= ~SB_STORE_OP_SAVE;

  return job->outcome;
}

/**
 * _sb_store_join_save:
 *
 * Waits for the worker's save under way, if any, and takes its result in
 * (main thread). The operations queued behind it stay queued: they run
 * from the save's callback, in the main loop. This blocks on the worker
 * thread and never iterates the main context, so no unrelated callback
 * runs inside the caller.
 */
void
_sb_store_join_save (SbStore *self)
{
  SaveJob *job = self->running;

  if (job == NULL)
    return;

  g_mutex_lock (&job->lock);
  while (!job->finished)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);

  finish_running_save (self, job);
}

/* Runs what was queued while the worker wrote, in order: a merge of the
 * file changed on disk, a merge of conflict copies, then a save of what
 * is still unsaved.
 */
static void
run_pending (SbStore *self)
{
  if (self->saving)
    return;

  if (self->pending & SB_STORE_OP_MERGE)
    {
      self->pending &= ~SB_STORE_OP_MERGE;
      _sb_store_run_merge (self);
    }
  if (!self->saving && (self->pending & SB_STORE_OP_COPIES))
    {
      self->pending &= ~SB_STORE_OP_COPIES;
      _sb_store_run_copies (self);
    }
  if (!self->saving && (self->pending & SB_STORE_OP_SAVE))
    {
      self->pending &= ~SB_STORE_OP_SAVE;
      if (sb_store_get_dirty (self) && !self->read_only)
        sb_store_save_async (self, NULL, NULL, NULL);
    }
}

/**
 * _sb_store_queue:
 * @op: one operation
 *
 * Runs @op now when no save is being written, else after it.
 */
void
_sb_store_queue (SbStore   *self,
                 SbStoreOp  op)
{
  if (self->saving)
    {
      self->pending |= op;
      return;
    }

  self->pending |= op;
  run_pending (self);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SbStore *self = SB_STORE (object);
  g_autoptr(GTask) task = user_data;
  GTask *inner = G_TASK (result);
  SaveJob *job = g_task_get_task_data (inner);

  /* A synchronous call may have joined this save and taken it in. */
  if (!job->applied)
    finish_running_save (self, job);

  if (job->outcome == WRITE_FAILED)
    g_task_return_error (task, g_error_copy (job->outcome_error));
  else
    g_task_return_boolean (task, TRUE);

  run_pending (self);
}

/**
 * sb_store_save_async:
 *
 * Saves now: takes a snapshot on this thread (one reference per story),
 * serialises and writes it atomically on a worker thread. A save asked for
 * while one runs follows it.
 */
void
sb_store_save_async (SbStore             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  SaveJob *job;

  g_return_if_fail (SB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_store_save_async);

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (self->read_only)
    {
      g_task_return_new_error (task, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                               _("Your stories are open read-only"));
      return;
    }

  if (self->saving)
    {
      self->pending |= SB_STORE_OP_SAVE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->saving = TRUE;
  self->pending &= ~SB_STORE_OP_SAVE;
  job = sb_store_take_snapshot (self, TRUE);
  self->running = job;
  inner = g_task_new (self, NULL, save_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, sb_store_save_async);
  g_task_set_task_data (inner, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
sb_store_save_finish (SbStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sb_store_save:
 *
 * Saves now, on this thread, after any save under way has finished (this
 * waits for the worker; it does not run the main loop).
 */
gboolean
sb_store_save (SbStore  *self,
               GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (self->read_only)
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                           _("Your stories are open read-only"));
      return FALSE;
    }

  _sb_store_join_save (self);
  self->pending &= ~SB_STORE_OP_SAVE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);

  /* Once more when the file had changed: their changes are merged in
   * first. A second change is an error.
   */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(SaveJob) job = sb_store_take_snapshot (self, TRUE);
      g_autoptr(GError) write_error = NULL;

      self->saving = TRUE;
      save_job_run (job, &write_error);
      switch (finish_write (self, job, write_error, attempt == 0, error))
        {
        case WRITE_DONE:
          return TRUE;
        case WRITE_FAILED:
          return FALSE;
        case WRITE_AGAIN:
        default:
          break;
        }
    }
}

/**
 * sb_store_flush:
 *
 * Writes whatever is not yet on disk (on quit), after any save under way
 * (this waits for the worker; it does not run the main loop).
 */
gboolean
sb_store_flush (SbStore  *self,
                GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  _sb_store_join_save (self);

  if (!sb_store_get_dirty (self) || self->read_only)
    return TRUE;

  return sb_store_save (self, error);
}

/**
 * sb_store_serialize:
 *
 * Returns: the data file's text for the library as it is now (the JSON
 * export).
 */
char *
sb_store_serialize (SbStore *self)
{
  g_autoptr(SaveJob) job = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  job = sb_store_take_snapshot (self, FALSE);
  return g_string_free (_sb_store_write_json (job->stories, job->principles, job->extra_keys, job->extra_values), FALSE);
}

/**
 * sb_store_list_backups:
 *
 * Returns: (transfer container) (element-type utf8): the backups' paths,
 * oldest first
 */
GPtrArray *
sb_store_list_backups (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return _sb_store_list_backup_files (self->path);
}
