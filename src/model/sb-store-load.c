/* sb-store-load.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-json.h"
#include "sb-store-private.h"
#include "sb-store-cache.h"
#include "sb-store-io.h"
#include "sb-story-private.h"

/* Moves an unreadable data file out of the way, so nothing is ever written
 * over it: stories.json.corrupt-<timestamp>. A linked file is moved, not
 * the link.
 */
static char *
set_aside (SbStore  *self,
           GError  **error)
{
  g_autofree char *real = _sb_store_dup_real_path (self->path);
  g_autofree char *stamp = _sb_store_dup_timestamp ();
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", real, stamp);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", real, stamp, i);
    }

  if (!sb_io_rename (real, aside, error))
    return NULL;

  return g_steal_pointer (&aside);
}

/* A save killed half-way (power cut, SIGKILL) leaves its temporary file;
 * the next load removes those, in the data file's folder and in backups/
 * (see sb_io_remove_stale_temps() for how a live writer's file is kept).
 */
static void
remove_stale_temps (const char *path)
{
  g_autofree char *real = _sb_store_dup_real_path (path);
  g_autofree char *folder = g_path_get_dirname (real);
  g_autofree char *basename = g_path_get_basename (real);
  g_autofree char *backups = _sb_store_dup_backups_dir (path);

  sb_io_remove_stale_temps (folder, basename);
  sb_io_remove_stale_temps (backups, "stories-");
}

/* What reading the data file found: made on any thread, applied to the
 * store on the main thread.
 */
typedef struct
{
  char        *path;
  char        *cache_path;
  gboolean     missing;       /* no data file: an empty library */
  GError      *read_error;    /* could not read it */
  GError      *parse_error;   /* read, but damaged */
  gboolean     from_cache;
  gboolean     stamped;       /* @stamp describes the bytes read */
  SbFileStamp  stamp;
  GPtrArray   *stories;
  GPtrArray   *base;          /* @stories' data, as read */
  SbLibrary   *library;       /* when not %NULL, holding @stories already */
  JsonArray   *principles;
  gint64       version;
  char       **extra_keys;
  char       **extra_values;
  char        *checksum;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_free (result->path);
  g_free (result->cache_path);
  g_clear_error (&result->read_error);
  g_clear_error (&result->parse_error);
  g_clear_pointer (&result->stories, g_ptr_array_unref);
  g_clear_pointer (&result->base, g_ptr_array_unref);
  g_clear_object (&result->library);
  g_clear_pointer (&result->principles, json_array_unref);
  g_strfreev (result->extra_keys);
  g_strfreev (result->extra_values);
  g_free (result->checksum);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/* What the library will hold once @result is applied, taken where the
 * stories were made: touching each one again on the main thread would
 * delay the window's first frame.
 */
static LoadResult *
load_take_base (LoadResult *result)
{

  result->base = g_ptr_array_new_full (result->stories->len, (GDestroyNotify) sb_story_data_unref);
  for (guint i = 0; i < result->stories->len; i++)
    g_ptr_array_add (result->base, sb_story_snapshot (g_ptr_array_index (result->stories, i)));

  return result;
}

/* Puts @result's stories into @library, and takes the saved state again
 * when they did not go in as read: two stories with one id come out of
 * the splice as one, or as two with new ids.
 */
static void
load_splice (LoadResult *result,
             SbLibrary  *library)
{
  if (!sb_library_splice (library, result->stories))
    {
      g_ptr_array_unref (result->base);
      result->base = sb_library_dup_snapshot (library);
    }
  /* Kept as text among the unknown keys, read when first asked for. */
  sb_library_set_interviews_json (library, sb_json_extra_lookup ((const char * const *) result->extra_keys,
                                                                 (const char * const *) result->extra_values,
                                                                 INTERVIEWS_KEY));
}

typedef struct
{
  const char *contents;
  gsize       length;
} ChecksumJob;

static gpointer
checksum_thread (gpointer data)
{
  ChecksumJob *job = data;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) job->contents, job->length);
}

/* Reads @path, from its cache when that provably matches it. Touches no
 * store: safe on any thread.
 */
static LoadResult *
load_read (const char *path,
           const char *cache_path)
{
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  SbFileStamp before, after;
  gboolean have_before;
  gsize length = 0;

  result->path = g_strdup (path);
  result->cache_path = g_strdup (cache_path);

  have_before = sb_file_stamp_get (path, &before, NULL);
  if (have_before && cache_path != NULL &&
      sb_store_cache_read (cache_path, &before, &result->stories, &result->principles,
                           &result->extra_keys, &result->extra_values, &result->checksum))
    {
      result->from_cache = TRUE;
      result->stamped = TRUE;
      result->stamp = before;
      result->version = SB_STORE_FORMAT_VERSION;
      return load_take_base (result);
    }

  if (!sb_io_read_file (path, SB_STORE_MAX_FILE_SIZE, &contents, &length, &local_error))
    {
      g_autofree char *real = NULL;

      /* A link to nothing (the sync folder not mounted) is not a new,
       * empty library: saving one would write over the stories there.
       */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
          (real = sb_io_resolve_link (path, NULL)) != NULL)
        result->missing = TRUE;
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        sb_io_resolve_link (path, &result->read_error);
      else
        result->read_error = g_steal_pointer (&local_error);
      return result;
    }

  /* Unchanged while we read it: the cache written from it may say so. */
  if (have_before && sb_file_stamp_get (path, &after, NULL) && sb_file_stamp_equal (&before, &after))
    {
      result->stamped = TRUE;
      result->stamp = after;
    }

  /* The checksum on a thread of its own while the text is parsed: for a
   * large library each takes a while.
   */
  {
    ChecksumJob job = { contents, length };
    GThread *thread = g_thread_new ("sb-store-checksum", checksum_thread, &job);
    gboolean parsed = sb_store_parse (contents, length, &result->stories, &result->principles, &result->version,
                                      &result->extra_keys, &result->extra_values, &result->parse_error);

    g_autofree char *checksum = g_thread_join (thread);

    if (!parsed)
      return result;
    result->checksum = g_steal_pointer (&checksum);
  }

  return load_take_base (result);
}

typedef struct
{
  char        *cache_path;
  SbFileStamp  stamp;
  char        *checksum;
  char        *principles;
  char       **extra_keys;
  char       **extra_values;
  GPtrArray   *snapshot;
} CacheJob;

static void
cache_job_free (CacheJob *job)
{
  g_free (job->cache_path);
  g_free (job->checksum);
  g_free (job->principles);
  g_strfreev (job->extra_keys);
  g_strfreev (job->extra_values);
  g_clear_pointer (&job->snapshot, g_ptr_array_unref);
  g_free (job);
}

static void
cache_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CacheJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!sb_store_cache_write (job->cache_path, &job->stamp, job->checksum, job->principles,
                             job->extra_keys, job->extra_values, job->snapshot, &error))
    g_debug ("Cache not written: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* After a load that had to parse the JSON: writes the cache on a worker,
 * so that the next start need not.
 */
static void
sb_store_write_cache_later (SbStore           *self,
                            const SbFileStamp *stamp)
{
  g_autoptr(GTask) task = NULL;
  CacheJob *job;

  if (self->cache_path == NULL || self->base == NULL)
    return;

  job = g_new0 (CacheJob, 1);
  job->cache_path = g_strdup (self->cache_path);
  job->stamp = *stamp;
  job->checksum = g_strdup (self->disk_checksum);
  job->principles = sb_catalog_dup_user_json (self->catalog, 1);
  job->extra_keys = g_strdupv (self->extra_keys);
  job->extra_values = g_strdupv (self->extra_values);
  job->snapshot = g_ptr_array_ref (self->base);

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, sb_store_write_cache_later);
  g_task_set_task_data (task, job, (GDestroyNotify) cache_job_free);
  g_task_run_in_thread (task, cache_thread);
}

/* Puts what load_read() found into the store (main thread). */
static gboolean
load_apply (SbStore     *self,
            LoadResult  *result,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  remove_stale_temps (self->path);

  if (result->missing)
    {
      _sb_store_set_base (self, NULL, NULL);
      return TRUE;
    }

  if (result->read_error != NULL)
    {
      /* We could not read it, so we must not write over it. */
      self->read_only = TRUE;
      _sb_store_notify (self, PROP_READ_ONLY);
      g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                   _("Your stories could not be read, so Storybank will not save over them: %s"),
                   result->read_error->message);
      _sb_store_set_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (result->parse_error != NULL)
    {
      g_autoptr(GError) rename_error = NULL;
      g_autofree char *aside = set_aside (self, &rename_error);
      g_autoptr(GError) report = NULL;

      if (aside == NULL)
        {
          self->read_only = TRUE;
          _sb_store_notify (self, PROP_READ_ONLY);
          report = g_error_new (SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                                _("Your stories file is damaged (%s) and could not be set aside (%s). Storybank will not save over it."),
                                result->parse_error->message, rename_error->message);
        }
      else
        {
          g_autofree char *basename = g_path_get_basename (aside);

          g_message ("%s could not be read: %s", self->path, result->parse_error->message);
          report = g_error_new (SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                                _("Your stories file is damaged and could not be opened. It was kept as “%s”, untouched: restore a backup to get your stories back."),
                                basename);
        }

      _sb_store_set_error (self, report);
      g_propagate_error (error, g_steal_pointer (&report));
      return FALSE;
    }

  self->loading = TRUE;
  if (result->principles != NULL)
    {
      sb_catalog_reset_user (self->catalog);
      if (!sb_catalog_load_user_json (self->catalog, result->principles, &local_error))
        {
          g_message ("Principles: %s", local_error->message);
          g_clear_error (&local_error);
        }
    }
  if (result->library != self->library)
    load_splice (result, self->library);
  self->loading = FALSE;

  _sb_store_set_base (self, result->base, result->checksum);
  _sb_store_set_base_principles (self, _sb_store_principles_by_id (result->principles));
  self->disk_stamped = result->stamped;
  self->disk_stamp = result->stamp;

  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);
  self->extra_keys = g_steal_pointer (&result->extra_keys);
  self->extra_values = g_steal_pointer (&result->extra_values);
  g_free (self->saved_by);
  self->saved_by = _sb_store_dup_saved_by (self->extra_keys, self->extra_values);

  if (result->version > SB_STORE_FORMAT_VERSION)
    {
      g_autofree char *format = g_strdup_printf ("%" G_GINT64_FORMAT, result->version);

      self->read_only = TRUE;
      _sb_store_notify (self, PROP_READ_ONLY);
      g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
                   /* Translators: %s is the file's format version number */
                   _("Your stories were saved by a newer version of Storybank (format %s). They are open read-only so nothing is lost; update Storybank to edit them."),
                   format);
      _sb_store_set_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!result->from_cache && result->stamped && result->version == SB_STORE_FORMAT_VERSION)
    sb_store_write_cache_later (self, &result->stamp);

  return TRUE;
}

/**
 * sb_store_load:
 *
 * Reads the data file into the library and the catalog. A missing file is
 * an empty library. An unreadable one is set aside (renamed to
 * `stories.json.corrupt-<timestamp>`) and reported; one from a newer
 * version is loaded read-only and never overwritten. The library keeps
 * what it had when the load fails.
 *
 * When the binary cache (sb-store-cache.c) provably matches the data file,
 * it is read instead of the JSON.
 */
gboolean
sb_store_load (SbStore  *self,
               GError  **error)
{
  g_autoptr(LoadResult) result = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  result = load_read (self->path, self->cache_path);
  return load_apply (self, result, error);
}

struct _SbStorePreload
{
  char       *path;
  char       *cache_path;
  GThread    *thread;
  LoadResult *result;
  SbCatalog  *catalog;
};

static gpointer
preload_thread (gpointer data)
{
  SbStorePreload *preload = data;
  LoadResult *result = load_read (preload->path, preload->cache_path);

  /* The library too, while the stories are at hand: taking each one in
   * on the main thread would delay the window's first frame.
   */
  if (result->stories != NULL && result->read_error == NULL && result->parse_error == NULL)
    {
      result->library = sb_library_new ();
      load_splice (result, result->library);
      /* The sidebar's counts, too, and its interviews. */
      sb_library_count_principles (result->library);
      sb_library_get_interviews (result->library);
    }

  /* Nothing else has it until the thread is joined. */
  preload->catalog = sb_catalog_new ();

  return result;
}

/**
 * sb_store_preload_start:
 * @path: (nullable): the data file, or %NULL for the default
 *
 * Starts reading the data file (and building its stories) on a thread of
 * its own, so that it happens while the rest of the program starts, and
 * building a catalog of the built-in principles there too. Hand the
 * result to sb_store_load_preloaded(), after sb_store_preload_take_catalog()
 * if the store is to use that catalog.
 */
SbStorePreload *
sb_store_preload_start (const char *path)
{
  SbStorePreload *preload = g_new0 (SbStorePreload, 1);

  preload->path = path ? g_strdup (path) : sb_store_dup_default_path ();
  preload->cache_path = sb_store_cache_dup_path (preload->path);
  preload->thread = g_thread_new ("sb-store-preload", preload_thread, preload);

  return preload;
}

static void
preload_join (SbStorePreload *preload)
{
  if (preload->thread != NULL)
    {
      preload->result = g_thread_join (preload->thread);
      preload->thread = NULL;
    }
}

static LoadResult *
preload_take_result (SbStorePreload *preload)
{
  preload_join (preload);
  return g_steal_pointer (&preload->result);
}

/**
 * sb_store_preload_take_library:
 *
 * Waits for @preload and gives the library it filled, for the store that
 * sb_store_load_preloaded() then loads @preload into.
 *
 * Returns: (transfer full) (nullable): the library, or %NULL when the
 *   thread read no stories
 */
SbLibrary *
sb_store_preload_take_library (SbStorePreload *preload)
{
  g_return_val_if_fail (preload != NULL, NULL);

  preload_join (preload);
  if (preload->result == NULL || preload->result->library == NULL)
    return NULL;
  return g_object_ref (preload->result->library);
}

/**
 * sb_store_preload_take_catalog:
 *
 * Waits for @preload and takes the catalog it built.
 *
 * Returns: (transfer full) (nullable): the catalog, %NULL once taken
 */
SbCatalog *
sb_store_preload_take_catalog (SbStorePreload *preload)
{
  g_return_val_if_fail (preload != NULL, NULL);

  preload_join (preload);
  return g_steal_pointer (&preload->catalog);
}

void
sb_store_preload_free (SbStorePreload *preload)
{
  g_autoptr(LoadResult) result = NULL;

  if (preload == NULL)
    return;

  result = preload_take_result (preload);
  g_clear_object (&preload->catalog);
  g_free (preload->path);
  g_free (preload->cache_path);
  g_free (preload);
}

/**
 * sb_store_load_preloaded:
 * @preload: from sb_store_preload_start()
 *
 * Like sb_store_load(), with what @preload read: waits for it, and reads
 * again here when it was for another file or the file has changed since.
 */
gboolean
sb_store_load_preloaded (SbStore         *self,
                         SbStorePreload  *preload,
                         GError         **error)
{
  g_autoptr(LoadResult) result = NULL;
  SbFileStamp now;
  gboolean exists;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (preload != NULL, FALSE);

  result = preload_take_result (preload);
  exists = sb_file_stamp_get (self->path, &now, NULL);

  if (result == NULL ||
      g_strcmp0 (result->path, self->path) != 0 ||
      g_strcmp0 (result->cache_path, self->cache_path) != 0 ||
      (result->missing && exists) ||
      (!result->missing && (!result->stamped || !exists || !sb_file_stamp_equal (&result->stamp, &now))))
    {
      g_clear_pointer (&result, load_result_free);
      result = load_read (self->path, self->cache_path);
    }

  return load_apply (self, result, error);
}
