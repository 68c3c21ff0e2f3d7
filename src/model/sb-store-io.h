/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every file operation of the store goes through here: one small seam where
 * a test makes the Nth operation fail, the way SQLite tests itself.
 */
typedef enum
{
  SB_IO_OP_READ,
  SB_IO_OP_CREATE,
  SB_IO_OP_WRITE,
  SB_IO_OP_FSYNC,
  SB_IO_OP_CLOSE,
  SB_IO_OP_RENAME,
  SB_IO_OP_MKDIR,
  SB_IO_OP_UNLINK,
} SbIoOp;

char    *sb_io_resolve_link       (const char  *path,
                                   GError     **error);
gboolean sb_io_read_file          (const char  *path,
                                   gsize        max_size,
                                   char       **contents,
                                   gsize       *length,
                                   GError     **error);
gboolean sb_io_write_file_atomic  (const char  *path,
                                   const char  *contents,
                                   gsize        length,
                                   GError     **error);
gboolean sb_io_rename             (const char  *from,
                                   const char  *to,
                                   GError     **error);
gboolean sb_io_unlink             (const char  *path,
                                   GError     **error);
gboolean sb_io_mkdir              (const char  *path,
                                   GError     **error);
guint    sb_io_remove_stale_temps (const char  *folder,
                                   const char  *prefix);

/* For tests: the @nth operation from now fails with @error_code (an errno
 * value); 0 turns faults off. Returns how many operations ran since the
 * last call.
 */
void     sb_io_inject_fault       (guint        nth,
                                   int          error_code);
guint    sb_io_get_op_count       (void);
SbIoOp   sb_io_get_failed_op      (void);

G_END_DECLS
