/* sb-store-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libgen.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-store-io.h"

static gint op_count;
static gint fault_at;
static gint fault_code;
static gint failed_op = -1;

void
sb_io_inject_fault (guint nth,
                    int   error_code)
{
  g_atomic_int_set (&op_count, 0);
  g_atomic_int_set (&failed_op, -1);
  g_atomic_int_set (&fault_code, error_code);
  g_atomic_int_set (&fault_at, error_code != 0 ? (int) nth : 0);
}

guint
sb_io_get_op_count (void)
{
  return g_atomic_int_get (&op_count);
}

SbIoOp
sb_io_get_failed_op (void)
{
  return g_atomic_int_get (&failed_op);
}

/* Counts one operation; returns an errno value when it must fail. */
static int
sb_io_step (SbIoOp op)
{
  int n = g_atomic_int_add (&op_count, 1) + 1;
  int at = g_atomic_int_get (&fault_at);

  if (at != 0 && n == at)
    {
      g_atomic_int_set (&failed_op, op);
      return g_atomic_int_get (&fault_code);
    }

  return 0;
}

/* @format is one of the translated messages below, with a %s for the path
 * and one for the reason.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *format,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               format, display, g_strerror (saved_errno));
  return FALSE;
}
#pragma GCC diagnostic pop

/* How many links in a row are followed before giving up, as Linux does. */
#define MAX_LINK_HOPS 40

/**
 * sb_io_resolve_link:
 *
 * Follows @path's last component while it is a symbolic link (a data file
 * linked into a sync tool's folder), a relative link against the folder
 * the link is in. A file that does not exist yet resolves to @path itself,
 * so a first save can create it. Does not go through the fault seam.
 *
 * Returns: the path of the file to write, or %NULL with @error set for a
 * link to nothing, a loop of links, or a link that cannot be looked at
 */
char *
sb_io_resolve_link (const char  *path,
                    GError     **error)
{
  g_autofree char *current = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  current = g_strdup (path);
  for (guint hops = 0; hops < MAX_LINK_HOPS; hops++)
    {
      g_autofree char *target = NULL;
      g_autoptr(GError) local_error = NULL;
      struct stat st;

      if (g_lstat (current, &st) != 0)
        {
          int saved_errno = errno;

          if (saved_errno == ENOENT && hops == 0)
            return g_steal_pointer (&current);

          if (saved_errno == ENOENT)
            {
              g_autofree char *display = g_filename_display_name (path);
              g_autofree char *display_target = g_filename_display_name (current);

              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                           _("“%s” is a link to “%s”, which does not exist"),
                           display, display_target);
              return NULL;
            }

          set_errno_error (error, saved_errno, _("Could not read “%s”: %s"), current);
          return NULL;
        }

      if (!S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      if (!(target = g_file_read_link (current, &local_error)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (g_path_is_absolute (target))
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
      else
        {
          g_autofree char *folder = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (folder, target, NULL);
        }
    }

  set_errno_error (error, ELOOP, _("Could not read “%s”: %s"), path);
  return NULL;
}

/**
 * sb_io_read_file:
 * @max_size: refuse a larger file with %G_FILE_ERROR_FAILED
 *
 * Reads a whole file; a missing one fails with %G_FILE_ERROR_NOENT.
 */
gboolean
sb_io_read_file (const char  *path,
                 gsize        max_size,
                 char       **contents,
                 gsize       *length,
                 GError     **error)
{
  struct stat st;
  int fault;

  if ((fault = sb_io_step (SB_IO_OP_READ)) != 0)
    return set_errno_error (error, fault, _("Could not read “%s”: %s"), path);

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("“%s” is too large (%s; at most %s)"), display, size, limit);
      return FALSE;
    }

  return g_file_get_contents (path, contents, length, error);
}

static gboolean
write_all (int          fd,
           const char  *contents,
           gsize        length,
           const char  *path,
           GError     **error)
{
  int fault;

  if ((fault = sb_io_step (SB_IO_OP_WRITE)) != 0)
    return set_errno_error (error, fault, _("Could not write “%s”: %s"), path);

  while (length > 0)
    {
      gssize written = write (fd, contents, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return set_errno_error (error, errno, _("Could not write “%s”: %s"), path);
        }

      contents += written;
      length -= written;
    }

  return TRUE;
}

static void
fsync_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (sb_io_step (SB_IO_OP_FSYNC) != 0)
    return;

  fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * sb_io_write_file_atomic:
 *
 * Writes @path as a whole or not at all: a temporary file beside it
 * (mode 0600), written, fsynced and closed, then renamed over @path and
 * the folder fsynced. On any failure the temporary file is removed and
 * @path is untouched. The temporary file is flock()ed while it is written,
 * so that a process killed half-way leaves one that
 * sb_io_remove_stale_temps() can tell apart from one being written. The same steps as g_file_set_contents_full() with
 * CONSISTENT | DURABLE, each through the fault seam.
 *
 * When @path is a symbolic link, the file it points to is written (the
 * temporary file in that file's folder) and the link stays a link; a link
 * to nothing is refused (see sb_io_resolve_link()).
 */
gboolean
sb_io_write_file_atomic (const char  *path,
                         const char  *contents,
                         gsize        length,
                         GError     **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *real_path = NULL;
  int fd = -1;
  int fault;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(real_path = sb_io_resolve_link (path, error)))
    return FALSE;
  path = real_path;

  tmp_path = g_strdup_printf ("%s.%08x.tmp", path, g_random_int ());

  if ((fault = sb_io_step (SB_IO_OP_CREATE)) != 0)
    return set_errno_error (error, fault, _("Could not create “%s”: %s"), tmp_path);

  fd = open (tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not create “%s”: %s"), tmp_path);

  /* Held until close: tells sb_io_remove_stale_temps() that a live
   * process is writing this one.
   */
  flock (fd, LOCK_EX);

  if (!write_all (fd, contents, length, tmp_path, error))
    goto failed;

  if ((fault = sb_io_step (SB_IO_OP_FSYNC)) != 0 || fsync (fd) != 0)
    {
      set_errno_error (error, fault ? fault : errno, _("Could not write “%s”: %s"), tmp_path);
      goto failed;
    }

  fault = sb_io_step (SB_IO_OP_CLOSE);
  if (close (fd) != 0 || fault != 0)
    {
      fd = -1;
      set_errno_error (error, fault ? fault : errno, _("Could not write “%s”: %s"), tmp_path);
      goto failed;
    }
  fd = -1;

  if ((fault = sb_io_step (SB_IO_OP_RENAME)) != 0 || rename (tmp_path, path) != 0)
    {
      set_errno_error (error, fault ? fault : errno, _("Could not replace “%s”: %s"), path);
      goto failed;
    }

  fsync_folder (path);
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return FALSE;
}

gboolean
sb_io_rename (const char  *from,
              const char  *to,
              GError     **error)
{
  int fault;

  if ((fault = sb_io_step (SB_IO_OP_RENAME)) != 0 || rename (from, to) != 0)
    return set_errno_error (error, fault ? fault : errno, _("Could not rename “%s”: %s"), from);

  fsync_folder (to);
  return TRUE;
}

gboolean
sb_io_unlink (const char  *path,
              GError     **error)
{
  int fault;

  if ((fault = sb_io_step (SB_IO_OP_UNLINK)) != 0 || (g_unlink (path) != 0 && errno != ENOENT))
    return set_errno_error (error, fault ? fault : errno, _("Could not remove “%s”: %s"), path);

  return TRUE;
}

/* Makes @path and its parents, new folders with mode 0700. */
gboolean
sb_io_mkdir (const char  *path,
             GError     **error)
{
  int fault;

  if ((fault = sb_io_step (SB_IO_OP_MKDIR)) != 0 || g_mkdir_with_parents (path, 0700) != 0)
    return set_errno_error (error, fault ? fault : errno, _("Could not create the folder “%s”: %s"), path);

  return TRUE;
}

/* <prefix>….XXXXXXXX.tmp, as sb_io_write_file_atomic() names them */
static gboolean
is_temp_name (const char *name,
              const char *prefix)
{
  gsize prefix_len = strlen (prefix);
  gsize len = strlen (name);
  const char *hex;

  if (len < prefix_len + 13 || !g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".tmp"))
    return FALSE;

  hex = name + len - 12;
  if (hex[-1] != '.')
    return FALSE;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;

  return TRUE;
}

/**
 * sb_io_remove_stale_temps:
 * @folder: where to look
 * @prefix: what the temporary files' names start with, e.g. "stories.json"
 *
 * Removes the temporary files that sb_io_write_file_atomic() left behind
 * when its process was killed mid-save. Which ones are stale is told by
 * their lock, not their age: a writer holds flock() on its temporary file
 * until it closes it, and the kernel drops the lock when a process dies, so
 * a file we can lock belongs to nobody alive (whatever the clock says, and
 * even right after the kill). One being written by another live process
 * stays. Does not go through the fault seam: a failure here only leaves a
 * file behind.
 *
 * Returns: how many were removed
 */
guint
sb_io_remove_stale_temps (const char *folder,
                          const char *prefix)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (folder != NULL, 0);
  g_return_val_if_fail (prefix != NULL, 0);

  if (!(dir = g_dir_open (folder, 0, NULL)))
    return 0;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      int fd;

      if (!is_temp_name (name, prefix))
        continue;

      path = g_build_filename (folder, name, NULL);
      fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0)
        continue;

      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (g_unlink (path) == 0)
            {
              g_debug ("Removed %s, left by a save that did not finish", path);
              removed++;
            }
        }
      close (fd);
    }

  return removed;
}
