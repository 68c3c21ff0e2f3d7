/* sb-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-private.h"
#include "sb-store-cache.h"
#include "sb-store-io.h"

/* Autosave waits this long after the last change... */
#define AUTOSAVE_DELAY_MSEC 1000
/* ...but no longer than this after the first unsaved one, so that someone
 * typing without a pause still has their words on disk.
 */
#define AUTOSAVE_MAX_DELAY_MSEC 5000

G_DEFINE_FINAL_TYPE (SbStore, sb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-store-error-quark, sb_store_error)

static GParamSpec *properties[N_PROPS];

enum {
  MERGED,
  COPIES_MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sb_store_dispose (GObject *object)
{
  SbStore *self = (SbStore *)object;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->merge_source, g_source_remove);
  g_clear_handle_id (&self->copies_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->folder_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->folder_monitor, self);
      g_file_monitor_cancel (self->folder_monitor);
      g_clear_object (&self->folder_monitor);
    }
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_store_parent_class)->dispose (object);
}

static void
sb_store_finalize (GObject *object)
{
  SbStore *self = (SbStore *)object;

  g_free (self->path);
  g_free (self->cache_path);
  g_clear_error (&self->error);
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);
  g_clear_pointer (&self->base, g_ptr_array_unref);
  g_clear_pointer (&self->base_principles, g_hash_table_unref);
  g_free (self->disk_checksum);
  g_strfreev (self->unreadable_copies);
  g_clear_pointer (&self->copy_undo, g_hash_table_unref);
  g_clear_pointer (&self->copy_merged, g_hash_table_unref);
  g_clear_pointer (&self->copy_undo_interviews, g_hash_table_unref);
  g_free (self->saved_by);

  G_OBJECT_CLASS (sb_store_parent_class)->finalize (object);
}

static void
sb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbStore *self = SB_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, sb_store_get_dirty (self));
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_UNREADABLE_COPIES:
      g_value_set_boxed (value, self->unreadable_copies);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_store_class_init (SbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_store_dispose;
  object_class->finalize = sb_store_finalize;
  object_class->get_property = sb_store_get_property;

  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREADABLE_COPIES] =
    g_param_spec_boxed ("unreadable-copies", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbStore::merged:
   * @report: (type gpointer): the #SbMergeReport
   *
   * The data file changed on disk (see sb_store_watch()) and the change
   * was merged into the library; sb_merge_report_dup_summary() says what
   * happened, for a toast.
   */
  signals[MERGED] = g_signal_new ("merged",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * SbStore::copies-merged:
   * @report: (type gpointer): the #SbMergeReport
   * @host: (nullable): the computer that saved the copy, when it says
   *
   * Conflict copies a sync tool left beside the data file were merged
   * into the library and moved into backups/ (see
   * sb_store_merge_conflict_copies()); sb_store_undo_copies_merge()
   * takes the stories back out.
   */
  signals[COPIES_MERGED] = g_signal_new ("copies-merged",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
}

static void
sb_store_init (SbStore *self)
{
  self->autosave_delay = AUTOSAVE_DELAY_MSEC;
}

/**
 * sb_store_dup_default_path:
 *
 * Returns: `$XDG_DATA_HOME/storybank/stories.json`
 */
char *
sb_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "storybank", "stories.json", NULL);
}

void
_sb_store_set_error (SbStore *self,
                     GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
autosave_cb (gpointer user_data)
{
  SbStore *self = user_data;

  self->autosave_source = 0;
  sb_store_save_async (self, NULL, NULL, NULL);

  return G_SOURCE_REMOVE;
}

void
_sb_store_schedule_autosave (SbStore *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 waited;
  guint delay = self->autosave_delay;

  if (self->first_unsaved == 0)
    self->first_unsaved = now;

  waited = (now - self->first_unsaved) / 1000;
  if (waited + delay > AUTOSAVE_MAX_DELAY_MSEC)
    delay = waited >= AUTOSAVE_MAX_DELAY_MSEC ? 0 : AUTOSAVE_MAX_DELAY_MSEC - waited;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (delay, autosave_cb, self);
}

void
_sb_store_notify (SbStore     *self,
                  SbStoreProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_sb_store_emit_merged (SbStore       *self,
                       SbMergeReport *report)
{
  g_signal_emit (self, signals[MERGED], 0, report);
}

void
_sb_store_emit_copies_merged (SbStore       *self,
                              SbMergeReport *report,
                              const char    *host)
{
  g_signal_emit (self, signals[COPIES_MERGED], 0, report, host);
}

/* A change to the library or the catalog: dirty, and saved soon. */
void
_sb_store_mark_changed (SbStore *self)
{
  gboolean was_dirty;

  if (self->loading)
    return;

  was_dirty = sb_store_get_dirty (self);
  self->generation++;
  if (!was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);

  if (!self->read_only)
    _sb_store_schedule_autosave (self);
}

static void
changed_cb (SbStore *self)
{
  _sb_store_mark_changed (self);
}

/**
 * sb_store_new:
 * @path: (nullable): the data file, or %NULL for the default
 *
 * Returns: (transfer full): a store that saves @library and the user's
 * principles of @catalog to @path, autosaving after every change.
 */
SbStore *
sb_store_new (const char *path,
              SbLibrary  *library,
              SbCatalog  *catalog)
{
  SbStore *self;

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  self = g_object_new (SB_TYPE_STORE, NULL);
  self->path = path ? g_strdup (path) : sb_store_dup_default_path ();
  self->cache_path = sb_store_cache_dup_path (self->path);
  self->library = g_object_ref (library);
  self->catalog = g_object_ref (catalog);

  g_signal_connect_swapped (library, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (catalog, "changed", G_CALLBACK (changed_cb), self);

  return self;
}

/**
 * sb_store_set_cache_path:
 * @cache_path: (nullable): where to keep the binary cache of the data
 *   file, or %NULL for none
 *
 * By default the cache is in `$XDG_CACHE_HOME/storybank/` (see
 * sb-store-cache.c); tests point it elsewhere or turn it off.
 */
void
sb_store_set_cache_path (SbStore    *self,
                         const char *cache_path)
{
  g_return_if_fail (SB_IS_STORE (self));

  g_free (self->cache_path);
  self->cache_path = g_strdup (cache_path);
}

const char *
sb_store_get_cache_path (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->cache_path;
}

const char *
sb_store_get_path (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->path;
}

/**
 * sb_store_get_library:
 *
 * Returns: (transfer none): the library the store saves
 */
SbLibrary *
sb_store_get_library (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->library;
}

/**
 * sb_store_get_catalog:
 *
 * Returns: (transfer none): the catalog whose user principles it saves
 */
SbCatalog *
sb_store_get_catalog (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->catalog;
}

gboolean
sb_store_get_read_only (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * sb_store_get_dirty:
 *
 * Returns: whether there are changes not yet safely on disk
 */
gboolean
sb_store_get_dirty (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return self->generation != self->saved_generation;
}

/**
 * sb_store_get_error:
 *
 * Returns: (nullable): why the last load or save failed, or %NULL
 */
const GError *
sb_store_get_error (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->error;
}

void
sb_store_set_autosave_delay (SbStore *self,
                             guint    msec)
{
  g_return_if_fail (SB_IS_STORE (self));
  self->autosave_delay = msec;
}

char *
_sb_store_dup_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S-%f");
}

/* The file @path names: where a link into a sync tool's folder points, or
 * @path itself when it is no link or a broken one (writing refuses that).
 * The temporary files, backups and conflict copies live beside it.
 */
char *
_sb_store_dup_real_path (const char *path)
{
  char *real = sb_io_resolve_link (path, NULL);

  return real != NULL ? real : g_strdup (path);
}

/* @base: (nullable) (element-type SbStoryData): what is on disk now, as we
 * read or wrote it; @checksum: of its bytes
 */
void
_sb_store_set_base (SbStore    *self,
                    GPtrArray  *base,
                    const char *checksum)
{
  g_clear_pointer (&self->base, g_ptr_array_unref);
  self->base = base ? g_ptr_array_ref (base) : NULL;
  g_free (self->disk_checksum);
  self->disk_checksum = g_strdup (checksum);
  self->disk_stamped = FALSE;
}

/**
 * sb_store_get_unreadable_copies:
 *
 * Returns: (transfer none) (nullable): the names of the conflict copies
 *   beside the data file that could not be read, left where they are
 */
const char * const *
sb_store_get_unreadable_copies (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return (const char * const *) self->unreadable_copies;
}

/**
 * sb_store_get_saved_by:
 *
 * Returns: (nullable): the host name of the computer that saved the data
 *   file as it was last read, when the file says
 */
const char *
sb_store_get_saved_by (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return self->saved_by;
}

/**
 * sb_store_get_extra:
 * @keys: (out) (transfer none) (nullable): the data file's top-level keys
 *   this version does not know
 * @values: (out) (transfer none) (nullable): their values, as JSON
 *
 * What a JSON export of the whole library keeps of the data file beyond
 * its stories and principles (see #SbExportSelection).
 */
void
sb_store_get_extra (SbStore             *self,
                    const char * const **keys,
                    const char * const **values)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_return_if_fail (keys != NULL && values != NULL);

  *keys = (const char * const *) self->extra_keys;
  *values = (const char * const *) self->extra_values;
}
