/* sb-store-restore.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-private.h"
#include "sb-store-io.h"

/**
 * sb_store_count_backup:
 * @path: a backup's path, from sb_store_list_backups()
 *
 * Returns: how many stories the backup holds, or -1 when it cannot be read
 */
int
sb_store_count_backup (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  gsize length;
  gint64 version;

  g_return_val_if_fail (path != NULL, -1);

  if (!sb_io_read_file (path, SB_STORE_MAX_FILE_SIZE, &contents, &length, NULL) ||
      !sb_store_parse (contents, length, &stories, NULL, &version, NULL, NULL, NULL))
    return -1;

  return stories->len;
}

/**
 * sb_store_restore_backup:
 * @backup: a backup's path, from sb_store_list_backups()
 *
 * Makes @backup the data file and loads it. A data file still in the way
 * (one from a newer version, or one that could not be set aside) is kept
 * beside it as `stories.json.replaced-<timestamp>`, never deleted. The
 * library is unchanged when this fails.
 */
gboolean
sb_store_restore_backup (SbStore     *self,
                         const char  *backup,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *real = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  gint64 version;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  /* A save still being written would land over the restored file. */
  _sb_store_join_save (self);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->pending &= ~SB_STORE_OP_SAVE;

  if (!sb_io_read_file (backup, SB_STORE_MAX_FILE_SIZE, &contents, &length, error))
    return FALSE;

  if (!sb_store_parse (contents, length, &stories, NULL, &version, NULL, NULL, &local_error))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("This backup cannot be read either: %s"), local_error->message);
      return FALSE;
    }

  /* A linked data file: the file it points to is set aside and written. */
  real = _sb_store_dup_real_path (self->path);
  if (g_file_test (real, G_FILE_TEST_EXISTS))
    {
      g_autofree char *stamp = _sb_store_dup_timestamp ();
      g_autofree char *aside = g_strdup_printf ("%s.replaced-%s", real, stamp);

      if (!sb_io_rename (real, aside, error))
        return FALSE;
    }

  if (!sb_io_write_file_atomic (real, contents, length, error))
    return FALSE;

  /* A fresh start on the restored file. */
  self->read_only = FALSE;
  _sb_store_notify (self, PROP_READ_ONLY);
  _sb_store_set_error (self, NULL);

  return sb_store_load (self, error);
}
