/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which sync tool left a conflict copy. */
typedef enum
{
  SB_SYNC_TOOL_NONE,
  SB_SYNC_TOOL_SYNCTHING,  /* stories.sync-conflict-20261206-101010-ABC1234.json */
  SB_SYNC_TOOL_DROPBOX,    /* stories (conflicted copy 2026-12-06).json, Nextcloud too */
  SB_SYNC_TOOL_OWNCLOUD,   /* stories_conflict-20261206-101010.json */
  SB_SYNC_TOOL_ONEDRIVE,   /* stories-LAPTOP-7H2K3L9.json */
  SB_SYNC_TOOL_GOOGLE,     /* stories (1).json */
} SbSyncTool;

SbSyncTool  sb_sync_match_conflict_name (const char *data_name,
                                         const char *name);
GPtrArray  *sb_sync_list_conflict_copies (const char *data_path);

G_END_DECLS
