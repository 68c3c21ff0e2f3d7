/* sb-sync.c: the conflict copies sync tools leave beside the data file
 *
 * When two computers change a synced file while apart, the sync tool
 * keeps one version under the file's name and the other beside it, named
 * the tool's way. Those names are recognised here, so the store can merge
 * the other computer's stories in instead of leaving them unseen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-sync"

#include "config.h"

#include <string.h>

#include "sb-sync.h"

/* Windows computer names, as OneDrive appends them: at most 15 capital
 * letters, digits and hyphens, with a letter among them.
 */
#define MAX_MACHINE_NAME 15

static gboolean
all_of (const char *s,
        gsize       len,
        const char *allowed)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] == '\0' || strchr (allowed, s[i]) == NULL)
      return FALSE;
  return TRUE;
}

#define DIGITS "0123456789"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

/* .sync-conflict-YYYYMMDD-HHMMSS-DEVICE */
static gboolean
is_syncthing (const char *rest,
              gsize       len)
{
  static const char prefix[] = ".sync-conflict-";
  gsize n = sizeof prefix - 1;

  if (len < n + 8 + 1 + 6 + 2 || strncmp (rest, prefix, n) != 0)
    return FALSE;
  rest += n;
  len -= n;

  return all_of (rest, 8, DIGITS) && rest[8] == '-' &&
         all_of (rest + 9, 6, DIGITS) && rest[15] == '-' &&
         all_of (rest + 16, len - 16, DIGITS UPPER "abcdefghijklmnopqrstuvwxyz");
}

/* " (… conflicted copy …)": Dropbox, Nextcloud */
static gboolean
is_conflicted_copy (const char *rest,
                    gsize       len)
{
  g_autofree char *inner = NULL;

  if (len < 3 || strncmp (rest, " (", 2) != 0 || rest[len - 1] != ')')
    return FALSE;

  inner = g_strndup (rest + 2, len - 3);
  return strstr (inner, "conflicted copy") != NULL && strchr (inner, '/') == NULL;
}

/* "_conflict-YYYYMMDD-HHMMSS": ownCloud */
static gboolean
is_owncloud (const char *rest,
             gsize       len)
{
  static const char prefix[] = "_conflict-";
  gsize n = sizeof prefix - 1;

  return len > n && strncmp (rest, prefix, n) == 0 &&
         g_ascii_isdigit (rest[n]) && all_of (rest + n, len - n, DIGITS "-");
}

/* "-MACHINE": OneDrive */
static gboolean
is_onedrive (const char *rest,
             gsize       len)
{
  gboolean letter = FALSE;

  if (len < 2 || len > MAX_MACHINE_NAME + 1 || rest[0] != '-' || rest[1] == '-')
    return FALSE;
  if (!all_of (rest + 1, len - 1, UPPER DIGITS "-"))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    letter |= g_ascii_isupper (rest[i]);
  return letter;
}

/* " (N)": Google Drive */
static gboolean
is_google (const char *rest,
           gsize       len)
{
  return len >= 4 && strncmp (rest, " (", 2) == 0 && rest[len - 1] == ')' &&
         all_of (rest + 2, len - 3, DIGITS);
}

/**
 * sb_sync_match_conflict_name:
 * @data_name: the data file's name, "stories.json"
 * @name: a file's name in the same folder
 *
 * Whether @name is a conflict copy of @data_name as a sync tool names
 * them: the data file's name with the tool's mark between its stem and
 * its extension. The data file itself, its temporary files, backups and
 * files of other names are not.
 *
 * Returns: the tool whose way @name is, or %SB_SYNC_TOOL_NONE
 */
SbSyncTool
sb_sync_match_conflict_name (const char *data_name,
                             const char *name)
{
  const char *dot;
  gsize stem_len, ext_len, len;
  const char *rest;
  gsize rest_len;

  g_return_val_if_fail (data_name != NULL, SB_SYNC_TOOL_NONE);
  g_return_val_if_fail (name != NULL, SB_SYNC_TOOL_NONE);

  dot = strrchr (data_name, '.');
  if (dot == NULL || dot == data_name)
    dot = data_name + strlen (data_name);
  stem_len = dot - data_name;
  ext_len = strlen (dot);
  len = strlen (name);

  if (len <= stem_len + ext_len ||
      strncmp (name, data_name, stem_len) != 0 ||
      strcmp (name + len - ext_len, dot) != 0)
    return SB_SYNC_TOOL_NONE;

  rest = name + stem_len;
  rest_len = len - stem_len - ext_len;

  if (is_syncthing (rest, rest_len))
    return SB_SYNC_TOOL_SYNCTHING;
  if (is_conflicted_copy (rest, rest_len))
    return SB_SYNC_TOOL_DROPBOX;
  if (is_owncloud (rest, rest_len))
    return SB_SYNC_TOOL_OWNCLOUD;
  if (is_onedrive (rest, rest_len))
    return SB_SYNC_TOOL_ONEDRIVE;
  if (is_google (rest, rest_len))
    return SB_SYNC_TOOL_GOOGLE;

  return SB_SYNC_TOOL_NONE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * sb_sync_list_conflict_copies:
 * @data_path: the data file, as it really is (links resolved)
 *
 * Returns: (transfer container) (element-type filename): the paths of the
 * regular files beside @data_path that are conflict copies of it, sorted
 */
GPtrArray *
sb_sync_list_conflict_copies (const char *data_path)
{
  g_autofree char *folder = NULL;
  g_autofree char *data_name = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (data_path != NULL, paths);

  folder = g_path_get_dirname (data_path);
  data_name = g_path_get_basename (data_path);
  if (!(dir = g_dir_open (folder, 0, NULL)))
    return paths;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;

      if (sb_sync_match_conflict_name (data_name, name) == SB_SYNC_TOOL_NONE)
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }

  g_ptr_array_sort (paths, compare_paths);
  return paths;
}
