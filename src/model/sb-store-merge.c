/* sb-store-merge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sb-json.h"
#include "sb-merge.h"
#include "sb-store-private.h"
#include "sb-store-io.h"
#include "sb-story-private.h"
#include "sb-sync.h"

/* A change on disk is merged once the file has been quiet this long (a
 * sync tool may write it in several steps).
 */
#define MERGE_DELAY_MSEC 300
/* A conflict copy is merged once the folder has been quiet this long. */
#define COPIES_DELAY_MSEC 1000

/* Makes the library hold @merged, story by story, so that a window keeps
 * its selection and scroll position: removals, replacements in place, then
 * insertions where the merge put them.
 */
static void
apply_merge (SbLibrary *library,
             GPtrArray *merged)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) current = sb_library_dup_stories_for_principle (library, NULL);

  for (guint i = 0; i < merged->len; i++)
    {
      SbStory *story = g_ptr_array_index (merged, i);
      g_hash_table_insert (wanted, (gpointer) sb_story_get_id (story), story);
    }

  for (guint i = 0; i < current->len; i++)
    {
      SbStory *story = g_ptr_array_index (current, i);
      SbStory *replacement = g_hash_table_lookup (wanted, sb_story_get_id (story));

      if (replacement == NULL)
        sb_library_remove (library, story, NULL);
      else if (replacement != story)
        sb_library_replace (library, story, replacement);
    }

  for (guint i = 0; i < merged->len; i++)
    {
      SbStory *story = g_ptr_array_index (merged, i);

      if (sb_library_find (library, sb_story_get_id (story)) == NULL)
        sb_library_insert (library, i, story);
    }
}

static gboolean
same_stories (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!sb_story_content_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/* Whether two JSON texts (either %NULL for none) hold the same value. */
static gboolean
json_text_equal (const char *a,
                 const char *b)
{
  g_autoptr(JsonParser) parser_a = NULL;
  g_autoptr(JsonParser) parser_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  if (g_str_equal (a, b))
    return TRUE;
  parser_a = json_parser_new_immutable ();
  parser_b = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser_a, a, -1, NULL) || !json_parser_load_from_data (parser_b, b, -1, NULL))
    return FALSE;
  return json_node_equal (json_parser_get_root (parser_a), json_parser_get_root (parser_b));
}

/**
 * sb_store_merge_from_disk:
 * @report: (out caller-allocates) (optional): what the merge did
 *
 * Reads the data file and, when it is not what we last read or wrote
 * (our own saves are told apart by a checksum of their bytes), merges it
 * three ways into the library: the base is the last state we read or
 * wrote, ours the library, theirs the file (see sb_merge_three_way()).
 * Changes reach the library as single inserts, removals and replacements,
 * so views update; a save follows when the result differs from the file.
 * The user's own principles are merged the same way (see
 * _sb_store_merge_principles()); unknown top-level keys stay ours.
 *
 * A file that cannot be read or parsed leaves the library as it is and
 * returns %FALSE (a sync tool may be half-way through writing it). A file
 * from a newer version makes the store read-only, as at load.
 *
 * Returns: %TRUE when the library is up to date with the file
 */
gboolean
sb_store_merge_from_disk (SbStore        *self,
                          SbMergeReport  *report,
                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(GPtrArray) snapshot = NULL;
  g_autoptr(JsonArray) their_principles = NULL;
  g_auto(GStrv) their_keys = NULL;
  g_auto(GStrv) their_values = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  SbMergeReport counts = { 0, };
  gboolean principles_differ;
  g_autofree char *merged_interviews = NULL;
  gboolean interviews_differ;
  gsize length = 0;
  gint64 version = 0;
  gboolean was_dirty;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (report != NULL)
    *report = counts;

  if (self->read_only)
    return TRUE;

  /* The file a save is writing is ours: wait for it. */
  _sb_store_join_save (self);

  /* Not touched since we read or wrote it (our own write's event). */
  {
    SbFileStamp now;

    if (self->disk_stamped && sb_file_stamp_get (self->path, &now, NULL) &&
        sb_file_stamp_equal (&now, &self->disk_stamp))
      return TRUE;
  }

  if (!sb_io_read_file (self->path, SB_STORE_MAX_FILE_SIZE, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          /* Removed or moved away: never follow that by emptying the
           * library; write it back instead.
           */
          if (g_list_model_get_n_items (G_LIST_MODEL (self->library)) > 0)
            {
              _sb_store_mark_changed (self);
              return TRUE;
            }
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  if (g_strcmp0 (checksum, self->disk_checksum) == 0)
    return TRUE;

  if (!sb_store_parse (contents, length, &theirs, &their_principles, &version,
                       &their_keys, &their_values, error))
    return FALSE;

  g_free (self->saved_by);
  self->saved_by = _sb_store_dup_saved_by (their_keys, their_values);

  if (version > SB_STORE_FORMAT_VERSION)
    {
      g_autofree char *format = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      self->read_only = TRUE;
      _sb_store_notify (self, PROP_READ_ONLY);
      g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
                   /* Translators: %s is the file's format version number */
                   _("Your stories were saved by a newer version of Storybank (format %s). Storybank will not save over them; update it to edit them."),
                   format);
      _sb_store_set_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  base = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; self->base != NULL && i < self->base->len; i++)
    g_ptr_array_add (base, sb_story_new_from_data (g_ptr_array_index (self->base, i)));
  ours = sb_library_dup_stories_for_principle (self->library, NULL);
  merged = sb_merge_three_way (base, ours, theirs, &counts);

  /* The file is the new common ground. */
  snapshot = g_ptr_array_new_full (theirs->len, (GDestroyNotify) sb_story_data_unref);
  for (guint i = 0; i < theirs->len; i++)
    g_ptr_array_add (snapshot, sb_story_snapshot (g_ptr_array_index (theirs, i)));
  _sb_store_set_base (self, snapshot, checksum);

  /* Interviews: three ways by id and member; the file's are the new
   * common ground too.
   */
  {
    const char *base_text = sb_json_extra_lookup ((const char * const *) self->extra_keys,
                                                  (const char * const *) self->extra_values, INTERVIEWS_KEY);
    const char *their_text = sb_json_extra_lookup ((const char * const *) their_keys,
                                                   (const char * const *) their_values, INTERVIEWS_KEY);
    g_autofree char *ours_text = sb_library_dup_interviews_json (self->library, 1);
    char **keys = NULL, **values = NULL;

    merged_interviews = sb_merge_interviews (base_text, ours_text, their_text, &counts);
    interviews_differ = !json_text_equal (merged_interviews, their_text);
    sb_json_extra_replace ((const char * const *) self->extra_keys, (const char * const *) self->extra_values,
                           INTERVIEWS_KEY, their_text, &keys, &values);
    g_strfreev (self->extra_keys);
    g_strfreev (self->extra_values);
    self->extra_keys = keys;
    self->extra_values = values;
  }

  was_dirty = sb_store_get_dirty (self);
  self->loading = TRUE;
  principles_differ = _sb_store_merge_principles (self, their_principles);
  apply_merge (self->library, merged);
  {
    g_autoptr(GPtrArray) interviews = sb_interview_list_from_text (merged_interviews);

    sb_library_update_interviews (self->library, interviews);
  }
  self->loading = FALSE;

  /* Write what the file lacks: our edits, conflict copies, principles. */
  if (was_dirty || principles_differ || interviews_differ || !same_stories (merged, theirs))
    {
      self->generation++;
      if (!was_dirty)
        _sb_store_notify (self, PROP_DIRTY);
      _sb_store_schedule_autosave (self);
    }

  g_debug ("Merged %s: %u added, %u updated, %u deleted, %u conflicts",
           self->path, counts.added, counts.updated, counts.deleted, counts.conflicts);

  if (report != NULL)
    *report = counts;
  return TRUE;
}


/* Conflict copies: the other computer's version, kept by a sync tool. */

static void
set_unreadable_copies (SbStore *self,
                       char   **names)
{
  gboolean none_before = self->unreadable_copies == NULL || self->unreadable_copies[0] == NULL;

  if ((none_before && names[0] == NULL) ||
      (!none_before && g_strv_equal ((const char * const *) self->unreadable_copies,
                                     (const char * const *) names)))
    {
      g_strfreev (names);
      return;
    }

  g_strfreev (self->unreadable_copies);
  self->unreadable_copies = names;
  _sb_store_notify (self, PROP_UNREADABLE_COPIES);
}

/* The newest backup made before @copy was last written: what both
 * computers most likely had before they went apart. %NULL when there is
 * none or it cannot be read: the merge is then two-way.
 */
static GPtrArray *
read_base_for_copy (SbStore     *self,
                    const char  *copy,
                    JsonArray  **principles,
                    char       **interviews)
{
  g_autoptr(GPtrArray) backups = _sb_store_list_backup_files (self->path);
  g_autofree char *folder = _sb_store_dup_backups_dir (self->path);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *key = NULL;
  GStatBuf st;

  *principles = NULL;
  *interviews = NULL;
  if (g_stat (copy, &st) != 0)
    return NULL;

  /* Backups are named by local time, so that names sort by age. */
  when = g_date_time_new_from_unix_local (st.st_mtime);
  stamp = g_date_time_format (when, "%Y%m%d-%H%M%S-999999");
  key = g_strdup_printf ("%s/stories-%s", folder, stamp);

  for (guint i = backups->len; i > 0; i--)
    {
      const char *backup = g_ptr_array_index (backups, i - 1);
      g_autofree char *contents = NULL;
      g_auto(GStrv) keys = NULL;
      g_auto(GStrv) values = NULL;
      GPtrArray *stories = NULL;
      gint64 version = 0;
      gsize length;

      if (strcmp (backup, key) > 0)
        continue;

      if (sb_io_read_file (backup, SB_STORE_MAX_FILE_SIZE, &contents, &length, NULL) &&
          sb_store_parse (contents, length, &stories, principles, &version, &keys, &values, NULL))
        {
          g_debug ("Merging %s against %s", copy, backup);
          *interviews = g_strdup (sb_json_extra_lookup ((const char * const *) keys,
                                                        (const char * const *) values, INTERVIEWS_KEY));
          return stories;
        }
      return NULL;
    }

  return NULL;
}

/* Merges one conflict copy into the library. */
static gboolean
merge_copy (SbStore        *self,
            const char     *copy,
            SbMergeReport  *report,
            char          **host,
            GError        **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(JsonArray) their_principles = NULL;
  g_autoptr(JsonArray) base_principles = NULL;
  g_autoptr(GHashTable) base_by_id = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;
  g_autofree char *base_interviews = NULL;
  g_autofree char *ours_interviews = NULL;
  g_autofree char *merged_interviews = NULL;
  gint64 version = 0;
  gsize length;

  if (!sb_io_read_file (copy, SB_STORE_MAX_FILE_SIZE, &contents, &length, error) ||
      !sb_store_parse (contents, length, &theirs, &their_principles, &version, &keys, &values, error))
    return FALSE;

  if (version > SB_STORE_FORMAT_VERSION)
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
                           _("It was saved by a newer version of Storybank"));
      return FALSE;
    }

  *host = _sb_store_dup_saved_by (keys, values);
  base = read_base_for_copy (self, copy, &base_principles, &base_interviews);
  if (base_principles != NULL)
    base_by_id = _sb_store_principles_by_id (base_principles);

  ours = sb_library_dup_stories_for_principle (self->library, NULL);
  merged = sb_merge_three_way (base, ours, theirs, report);

  /* The copy's interviews, against the same backup (two ways without). */
  ours_interviews = sb_library_dup_interviews_json (self->library, 1);
  merged_interviews = sb_merge_interviews (base_interviews, ours_interviews,
                                           sb_json_extra_lookup ((const char * const *) keys,
                                                                 (const char * const *) values, INTERVIEWS_KEY),
                                           report);

  self->loading = TRUE;
  _sb_store_merge_principles_from (self, base_by_id, their_principles);
  apply_merge (self->library, merged);
  {
    g_autoptr(GPtrArray) interviews = sb_interview_list_from_text (merged_interviews);

    sb_library_update_interviews (self->library, interviews);
  }
  self->loading = FALSE;

  g_debug ("Merged %s: %u added, %u updated, %u deleted, %u conflicts",
           copy, report->added, report->updated, report->deleted, report->conflicts);
  return TRUE;
}

static void
story_data_unref0 (gpointer data)
{
  if (data != NULL)
    sb_story_data_unref (data);
}

/* An interview the merge of copies added, changed or removed. */
typedef struct
{
  SbInterview *before;  /* %NULL: the merge added it */
  char        *after;   /* its JSON as the merge left it; %NULL: removed */
} CopyUndoInterview;

static void
copy_undo_interview_free (CopyUndoInterview *undo)
{
  g_clear_object (&undo->before);
  g_free (undo->after);
  g_free (undo);
}

static void
add_interview_undo (GHashTable  *undo,
                    const char  *id,
                    SbInterview *before,
                    char        *after)
{
  CopyUndoInterview *entry = g_new0 (CopyUndoInterview, 1);

  entry->before = before ? g_object_ref (before) : NULL;
  entry->after = after;
  g_hash_table_insert (undo, g_strdup (id), entry);
}

/* The interviews the merge of copies added, changed or removed. */
static GHashTable *
interviews_undo (SbStore    *self,
                 const char *before_json)
{
  g_autoptr(GPtrArray) before = sb_interview_list_from_text (before_json);
  g_autoptr(GHashTable) before_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *undo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) copy_undo_interview_free);
  GListModel *now = sb_library_get_interviews (self->library);
  GHashTableIter iter;
  gpointer id, was;

  for (guint i = 0; i < before->len; i++)
    g_hash_table_insert (before_by_id, (gpointer) sb_interview_get_id (before->pdata[i]), before->pdata[i]);

  for (guint i = 0; i < g_list_model_get_n_items (now); i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (now, i);
      g_autofree char *json = sb_interview_dup_json (interview);
      SbInterview *old = NULL;
      g_autofree char *old_json = NULL;

      if (g_hash_table_steal_extended (before_by_id, sb_interview_get_id (interview), NULL, (gpointer *) &old))
        old_json = sb_interview_dup_json (old);
      if (g_strcmp0 (json, old_json) != 0)
        add_interview_undo (undo, sb_interview_get_id (interview), old, g_steal_pointer (&json));
    }

  /* Those it removed. */
  g_hash_table_iter_init (&iter, before_by_id);
  while (g_hash_table_iter_next (&iter, &id, &was))
    add_interview_undo (undo, id, was, NULL);

  return undo;
}

/* Whether @interview (%NULL: none) is as the merge of copies left it. */
static gboolean
interview_is_as_merged (SbInterview *interview,
                        const char  *after)
{
  g_autofree char *json = interview ? sb_interview_dup_json (interview) : NULL;

  return g_strcmp0 (json, after) == 0;
}

/* Whether @story (%NULL: none) is as the merge of copies left it. */
static gboolean
story_is_as_merged (SbStory     *story,
                    SbStoryData *after)
{
  g_autoptr(SbStory) merged = NULL;

  if (story == NULL || after == NULL)
    return story == NULL && after == NULL;
  merged = sb_story_new_from_data (after);
  return sb_story_content_equal (story, merged);
}

/* Keeps what the merge of copies changed, for sb_store_undo_copies_merge(). */
static void
record_copy_undo (SbStore    *self,
                  GHashTable *before,
                  const char *interviews_before)
{
  g_autoptr(GPtrArray) now = sb_library_dup_stories_for_principle (self->library, NULL);
  g_autoptr(GHashTable) now_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *undo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, story_data_unref0);
  GHashTable *merged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, story_data_unref0);
  GHashTableIter iter;
  gpointer id, story;

  for (guint i = 0; i < now->len; i++)
    {
      SbStory *after = g_ptr_array_index (now, i);
      SbStory *was = g_hash_table_lookup (before, sb_story_get_id (after));

      g_hash_table_add (now_ids, (gpointer) sb_story_get_id (after));
      if (was != after)
        {
          g_hash_table_insert (undo, g_strdup (sb_story_get_id (after)), was ? sb_story_snapshot (was) : NULL);
          g_hash_table_insert (merged, g_strdup (sb_story_get_id (after)), sb_story_snapshot (after));
        }
    }

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &id, &story))
    if (!g_hash_table_contains (now_ids, id))
      {
        g_hash_table_insert (undo, g_strdup (id), sb_story_snapshot (story));
        g_hash_table_insert (merged, g_strdup (id), NULL);
      }

  g_clear_pointer (&self->copy_undo, g_hash_table_unref);
  self->copy_undo = undo;
  g_clear_pointer (&self->copy_merged, g_hash_table_unref);
  self->copy_merged = merged;
  g_clear_pointer (&self->copy_undo_interviews, g_hash_table_unref);
  self->copy_undo_interviews = interviews_undo (self, interviews_before);
}

/* Moves a merged copy into backups/ as merged-<timestamp>-<its name>: it is
 * never merged twice, never deleted, and never taken for a backup.
 */
static gboolean
put_copy_away (SbStore     *self,
               const char  *copy,
               GError     **error)
{
  g_autofree char *folder = _sb_store_dup_backups_dir (self->path);
  g_autofree char *name = g_path_get_basename (copy);
  g_autofree char *stamp = _sb_store_dup_timestamp ();
  g_autofree char *target = NULL;

  if (!sb_io_mkdir (folder, error))
    return FALSE;

  target = g_strdup_printf ("%s/merged-%s-%s", folder, stamp, name);
  for (guint i = 2; g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s/merged-%s-%u-%s", folder, stamp, i, name);
    }

  return sb_io_rename (copy, target, error);
}

/**
 * sb_store_merge_conflict_copies:
 * @report: (out caller-allocates) (optional): what the merges did, summed
 * @host: (out) (optional) (nullable) (transfer full): the computer that
 *   saved a merged copy, when the copy says
 *
 * Looks beside the data file (where a link points) for the conflict copies
 * sync tools leave (see sb_sync_match_conflict_name()) and merges each
 * into the library with the merge used for the file itself: three ways
 * against the newest backup made before the copy was written, else two
 * ways, keeping both versions of a story edited on both sides. Then saves,
 * and moves each merged copy into backups/ (`merged-<timestamp>-<name>`),
 * so that it is never merged twice and never lost. A copy that cannot be
 * read is left where it is and named in #SbStore:unreadable-copies.
 *
 * Returns: %FALSE when the merged library could not be saved (the copies
 * then stay, and merge again next time)
 */
gboolean
sb_store_merge_conflict_copies (SbStore        *self,
                                SbMergeReport  *report,
                                char          **host,
                                GError        **error)
{
  g_autofree char *real = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) unreadable = g_strv_builder_new ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autofree char *interviews_before = NULL;
  g_autofree char *first_host = NULL;
  SbMergeReport total = { 0, };
  gboolean was_dirty;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (report != NULL)
    *report = total;
  if (host != NULL)
    *host = NULL;

  if (self->read_only)
    return TRUE;

  _sb_store_join_save (self);

  real = _sb_store_dup_real_path (self->path);
  copies = sb_sync_list_conflict_copies (real);
  if (copies->len == 0)
    {
      set_unreadable_copies (self, g_strv_builder_end (unreadable));
      return TRUE;
    }

  stories = sb_library_dup_stories_for_principle (self->library, NULL);
  before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);

      if (!g_hash_table_contains (before, sb_story_get_id (story)))
        g_hash_table_insert (before, (gpointer) sb_story_get_id (story), g_object_ref (story));
    }
  interviews_before = sb_library_dup_interviews_json (self->library, 1);

  for (guint i = 0; i < copies->len; i++)
    {
      const char *copy = g_ptr_array_index (copies, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *copy_host = NULL;
      SbMergeReport counts = { 0, };

      if (!merge_copy (self, copy, &counts, &copy_host, &local_error))
        {
          g_autofree char *name = g_path_get_basename (copy);

          g_message ("Conflict copy %s not merged: %s", copy, local_error->message);
          g_strv_builder_add (unreadable, name);
          continue;
        }

      g_ptr_array_add (merged, (gpointer) copy);
      total.added += counts.added;
      total.updated += counts.updated;
      total.deleted += counts.deleted;
      total.conflicts += counts.conflicts;
      if (first_host == NULL)
        first_host = g_steal_pointer (&copy_host);
    }

  set_unreadable_copies (self, g_strv_builder_end (unreadable));
  if (merged->len == 0)
    return TRUE;

  record_copy_undo (self, before, interviews_before);

  /* Written before the copies go: they are the only other place the
   * merged stories are until then.
   */
  was_dirty = sb_store_get_dirty (self);
  self->generation++;
  if (!was_dirty)
    _sb_store_notify (self, PROP_DIRTY);
  if (!sb_store_save (self, error))
    return FALSE;

  for (guint i = 0; i < merged->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!put_copy_away (self, g_ptr_array_index (merged, i), &local_error))
        g_warning ("Conflict copy merged but not moved: %s", local_error->message);
    }

  if (report != NULL)
    *report = total;
  if (host != NULL)
    *host = g_steal_pointer (&first_host);
  return TRUE;
}

/**
 * sb_store_undo_copies_merge:
 *
 * Takes back what the last sb_store_merge_conflict_copies() did to the
 * stories and the interviews: the ones it added go, the ones it changed or
 * removed come back as they were. One edited (or deleted) since the merge
 * is left as it is, as are the others. The copies stay in backups/.
 * Principles are not taken back.
 *
 * Returns: whether there was a merge to take back
 */
gboolean
sb_store_undo_copies_merge (SbStore *self)
{
  g_autoptr(GHashTable) undo = NULL;
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(GHashTable) undo_interviews = NULL;
  GHashTableIter iter;
  gpointer id, data;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (self->copy_undo == NULL || self->read_only)
    return FALSE;

  undo = g_steal_pointer (&self->copy_undo);
  merged = g_steal_pointer (&self->copy_merged);
  undo_interviews = g_steal_pointer (&self->copy_undo_interviews);
  g_hash_table_iter_init (&iter, undo);
  while (g_hash_table_iter_next (&iter, &id, &data))
    {
      SbStory *current = sb_library_find (self->library, id);

      if (!story_is_as_merged (current, g_hash_table_lookup (merged, id)))
        continue;  /* edited since: the edit stays */
      if (data == NULL)
        {
          if (current != NULL)
            sb_library_remove (self->library, current, NULL);
        }
      else
        {
          g_autoptr(SbStory) was = sb_story_new_from_data (data);

          if (current != NULL)
            sb_library_replace (self->library, current, was);
          else
            sb_library_add (self->library, was);
        }
    }

  g_hash_table_iter_init (&iter, undo_interviews);
  while (g_hash_table_iter_next (&iter, &id, &data))
    {
      CopyUndoInterview *entry = data;
      SbInterview *current = sb_library_find_interview (self->library, id);

      if (!interview_is_as_merged (current, entry->after))
        continue;
      if (entry->before == NULL && current != NULL)
        sb_library_remove_interview (self->library, current);
      else if (entry->before != NULL && current != NULL)
        sb_interview_update_from (current, entry->before);
      else if (entry->before != NULL)
        sb_library_add_interview (self->library, entry->before);
    }

  return TRUE;
}

/**
 * _sb_store_run_copies:
 *
 * Merges the conflict copies beside the data file and emits
 * ::copies-merged when that changed anything (queued: see _sb_store_queue()).
 */
void
_sb_store_run_copies (SbStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  SbMergeReport report;

  if (!sb_store_merge_conflict_copies (self, &report, &host, &error))
    {
      g_debug ("Conflict copies not merged: %s", error->message);
      return;
    }

  if (!sb_merge_report_is_empty (&report))
    _sb_store_emit_copies_merged (self, &report, host);
}

static gboolean
copies_timeout_cb (gpointer user_data)
{
  SbStore *self = user_data;

  self->copies_source = 0;
  _sb_store_queue (self, SB_STORE_OP_COPIES);

  return G_SOURCE_REMOVE;
}

static void
schedule_copies (SbStore *self,
                 guint    delay)
{
  g_clear_handle_id (&self->copies_source, g_source_remove);
  self->copies_source = g_timeout_add (delay, copies_timeout_cb, self);
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   SbStore           *self)
{
  g_autofree char *real = _sb_store_dup_real_path (self->path);
  g_autofree char *data_name = g_path_get_basename (real);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *other_name = other_file ? g_file_get_basename (other_file) : NULL;

  if (event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_OUT ||
      event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    {
      /* One we could not read may be gone: say so. */
      if (self->unreadable_copies != NULL && self->unreadable_copies[0] != NULL &&
          g_strv_contains ((const char * const *) self->unreadable_copies, name))
        schedule_copies (self, COPIES_DELAY_MSEC);
      return;
    }

  if (sb_sync_match_conflict_name (data_name, name) != SB_SYNC_TOOL_NONE ||
      (other_name != NULL && sb_sync_match_conflict_name (data_name, other_name) != SB_SYNC_TOOL_NONE))
    schedule_copies (self, COPIES_DELAY_MSEC);
}

/**
 * _sb_store_run_merge:
 *
 * Merges the data file changed on disk and emits ::merged when that
 * changed anything (queued: see _sb_store_queue()).
 */
void
_sb_store_run_merge (SbStore *self)
{
  g_autoptr(GError) error = NULL;
  SbMergeReport report;

  if (!sb_store_merge_from_disk (self, &report, &error))
    {
      /* Half-written by a sync tool, most likely: the next change retries. */
      g_debug ("Not merged: %s", error->message);
      return;
    }

  if (!sb_merge_report_is_empty (&report))
    _sb_store_emit_merged (self, &report);
}

static gboolean
merge_timeout_cb (gpointer user_data)
{
  SbStore *self = user_data;

  self->merge_source = 0;
  _sb_store_queue (self, SB_STORE_OP_MERGE);

  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    SbStore           *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  g_clear_handle_id (&self->merge_source, g_source_remove);
  self->merge_source = g_timeout_add (MERGE_DELAY_MSEC, merge_timeout_cb, self);
}

/**
 * sb_store_watch:
 *
 * Watches the data file: when another program changes it, the change is
 * merged into the library (sb_store_merge_from_disk()) once the file has
 * been quiet for a moment, and ::merged is emitted when that changed
 * anything. Our own saves are recognised and ignored. Conflict copies
 * beside it are merged now and whenever one comes
 * (sb_store_merge_conflict_copies()), and ::copies-merged emitted.
 */
void
sb_store_watch (SbStore *self)
{
  g_autofree char *real = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_STORE (self));

  if (self->monitor != NULL)
    return;

  /* A linked data file changes where the link points. */
  real = _sb_store_dup_real_path (self->path);
  file = g_file_new_for_path (real);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_warning ("Cannot watch %s for changes: %s", real, error->message);
      return;
    }

  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);

  /* Conflict copies appear beside it: look now, and when they come. */
  folder = g_file_get_parent (file);
  self->folder_monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->folder_monitor == NULL)
    g_warning ("Cannot watch %s for conflict copies: %s", real, error->message);
  else
    g_signal_connect (self->folder_monitor, "changed", G_CALLBACK (folder_changed_cb), self);
  schedule_copies (self, 0);
}
