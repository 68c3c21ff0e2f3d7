/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The binary cache format this version reads and writes. */
#define SB_STORE_CACHE_VERSION 4

/* What identifies one version of the data file on disk. */
typedef struct
{
  guint64 size;
  gint64  mtime_sec;
  gint64  mtime_nsec;
  gint64  ctime_sec;
  gint64  ctime_nsec;
  guint64 inode;
  guint64 device;
} SbFileStamp;

gboolean  sb_file_stamp_get        (const char         *path,
                                    SbFileStamp        *stamp,
                                    int                *saved_errno);
gboolean  sb_file_stamp_equal      (const SbFileStamp  *a,
                                    const SbFileStamp  *b);
char     *sb_store_cache_dup_path  (const char         *data_path);
gboolean  sb_store_cache_write     (const char         *cache_path,
                                    const SbFileStamp  *stamp,
                                    const char         *checksum,
                                    const char         *principles_json,
                                    char              **extra_keys,
                                    char              **extra_values,
                                    GPtrArray          *snapshot,
                                    GError            **error);
gboolean  sb_store_cache_read      (const char         *cache_path,
                                    const SbFileStamp  *stamp,
                                    GPtrArray         **stories,
                                    JsonArray         **principles,
                                    char             ***extra_keys,
                                    char             ***extra_values,
                                    char              **checksum);
gboolean  sb_store_cache_read_bytes (GBytes            *bytes,
                                    const SbFileStamp  *stamp,
                                    GPtrArray         **stories,
                                    JsonArray         **principles,
                                    char             ***extra_keys,
                                    char             ***extra_values,
                                    char              **checksum);

GBytes   *sb_store_cache_wrap       (GBytes             *body);

G_END_DECLS
