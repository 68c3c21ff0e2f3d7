/* sb-recordings.c: the spoken answers kept for each story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rehearsal spoken aloud leaves, in the story's folder under the data
 * folder (`recordings/<story id>/`), an Ogg Opus recording
 * `YYYYMMDD-HHMMSS.ogg` (when the user keeps recordings) and beside it a
 * small JSON file with the date, the length and the report's summary,
 * which the story page reads for its trend. Folders are 0700 and files
 * 0600: a voice is as private as the stories.
 *
 * Deleting a story moves its folder into `recordings/.trash/`, from
 * where the story's Undo brings it back; the trash is emptied when the
 * Undo is gone and at the next start. Nothing here is ever exported or
 * backed up: those read the data file only.
 */

#define G_LOG_DOMAIN "sb-recordings"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-recordings.h"

#define TRASH_NAME ".trash"
#define AUDIO_SUFFIX ".ogg"
#define REPORT_SUFFIX ".json"
/* A sidecar larger than this is not a sidecar of ours. */
#define MAX_SIDECAR_SIZE (1024 * 1024)

struct _SbRecording
{
  gatomicrefcount  ref_count;
  char            *id;          /* the file name without its suffix */
  char            *story_id;
  char            *folder;
  GDateTime       *date;
  double           seconds;
  char            *audio_path;  /* NULL when the audio was not kept */
  JsonObject      *report;      /* NULL when the sidecar had none */
};

G_DEFINE_BOXED_TYPE (SbRecording, sb_recording, sb_recording_ref, sb_recording_unref)

/* A folder of recordings for every story, and a trash. */
struct _SbRecordings
{
  GObject  parent_instance;

  /* Owned */
  char    *dir;
};

G_DEFINE_FINAL_TYPE (SbRecordings, sb_recordings, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* SbRecording ------------------------------------------------------------ */

SbRecording *
sb_recording_ref (SbRecording *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sb_recording_unref (SbRecording *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->story_id);
  g_free (self->folder);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self->audio_path);
  g_clear_pointer (&self->report, json_object_unref);
  g_free (self);
}

/**
 * sb_recording_get_id:
 *
 * Returns: the recording's name, its file name without the suffix
 */
const char *
sb_recording_get_id (SbRecording *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
sb_recording_get_story_id (SbRecording *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->story_id;
}

/**
 * sb_recording_get_date:
 *
 * Returns: (transfer none): when the answer was spoken
 */
GDateTime *
sb_recording_get_date (SbRecording *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->date;
}

/**
 * sb_recording_get_seconds:
 *
 * Returns: how long the answer took
 */
double
sb_recording_get_seconds (SbRecording *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->seconds;
}

/**
 * sb_recording_get_audio_path:
 *
 * Returns: (nullable): the Ogg Opus file, or %NULL when the audio was not
 *   kept (only the report was)
 */
const char *
sb_recording_get_audio_path (SbRecording *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->audio_path;
}

/**
 * sb_recording_get_report:
 *
 * Returns: (transfer none) (nullable): the report's summary as it was
 *   saved
 */
JsonObject *
sb_recording_get_report (SbRecording *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->report;
}

/**
 * sb_recording_get_report_number:
 * @member: a member of the report's summary, such as "words_per_minute"
 *
 * Returns: the number, or NAN when the summary has none by that name
 */
double
sb_recording_get_report_number (SbRecording *self,
                                const char  *member)
{
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (member != NULL, NAN);

  if (self->report == NULL || !(node = json_object_get_member (self->report, member)))
    return NAN;
  if (JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64))
    return json_node_get_double (node);
  return NAN;
}

/* Reads a sidecar; NULL when it is not one of ours. */
static SbRecording *
recording_read (const char *folder,
                const char *story_id,
                const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *contents = NULL;
  SbRecording *self;
  JsonObject *object;
  JsonNode *root;
  const char *date;
  const char *audio;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length > MAX_SIDECAR_SIZE)
    return NULL;
  if (!json_parser_load_from_data (parser, contents, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  date = json_object_get_string_member_with_default (object, "date", NULL);

  self = g_new0 (SbRecording, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strndup (name, strlen (name) - strlen (REPORT_SUFFIX));
  self->story_id = g_strdup (story_id);
  self->folder = g_strdup (folder);
  self->date = date ? g_date_time_new_from_iso8601 (date, NULL) : NULL;
  if (self->date == NULL)
    self->date = g_date_time_new_from_unix_utc (0);
  self->seconds = MAX (0, json_object_get_double_member_with_default (object, "seconds", 0));

  audio = json_object_get_string_member_with_default (object, "audio", NULL);
  if (audio != NULL && strchr (audio, G_DIR_SEPARATOR) == NULL && audio[0] != '.')
    {
      g_autofree char *audio_path = g_build_filename (folder, audio, NULL);

      if (g_file_test (audio_path, G_FILE_TEST_IS_REGULAR))
        self->audio_path = g_steal_pointer (&audio_path);
    }

  if (json_object_has_member (object, "report")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "report")))
    self->report = json_object_ref (json_object_get_object_member (object, "report"));

  return self;
}

/* SbRecordings ----------------------------------------------------------- */

/* A story id names a folder: never a path, a dot file or the trash. */
static gboolean
is_story_id (const char *story_id)
{
  return story_id != NULL && story_id[0] != '\0' && story_id[0] != '.'
         && strchr (story_id, '/') == NULL && strchr (story_id, '\\') == NULL
         && strlen (story_id) < 256;
}

static char *
dup_story_dir (SbRecordings *self,
               const char   *story_id)
{
  return g_build_filename (self->dir, story_id, NULL);
}

static char *
dup_trash_dir (SbRecordings *self,
               const char   *story_id)
{
  return g_build_filename (self->dir, TRASH_NAME, story_id, NULL);
}

/* Sets @error to @message (taken) and what errno said. */
static gboolean
set_errno_error (GError **error,
                 int      saved_errno,
                 char    *message)
{
  /* Translators: an error, "Could not delete /path: Permission denied" */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("%s: %s"),
               message, g_strerror (saved_errno));
  g_free (message);
  return FALSE;
}

static gboolean
ensure_dir (const char  *path,
            GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      return set_errno_error (error, saved_errno, g_strdup_printf (_("Could not make the folder %s"), path));
    }
  return TRUE;
}

/* Removes the files of a folder, then the folder: one level, no links
 * followed.
 */
static gboolean
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return g_rmdir (folder) == 0 || errno == ENOENT;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
        remove_folder (path);
      else if (g_unlink (path) != 0)
        g_debug ("Could not remove %s: %s", path, g_strerror (errno));
    }
  return g_rmdir (folder) == 0;
}

/* A name for a new recording of @date that neither file has yet. */
static char *
dup_free_stem (const char *folder,
               GDateTime  *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  g_autofree char *base = g_date_time_format (local, "%Y%m%d-%H%M%S");

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *stem = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      g_autofree char *audio = g_strconcat (folder, G_DIR_SEPARATOR_S, stem, AUDIO_SUFFIX, NULL);
      g_autofree char *report = g_strconcat (folder, G_DIR_SEPARATOR_S, stem, REPORT_SUFFIX, NULL);

      if (!g_file_test (audio, G_FILE_TEST_EXISTS) && !g_file_test (report, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&stem);
    }
  return NULL;
}

static void
sb_recordings_finalize (GObject *object)
{
  SbRecordings *self = (SbRecordings *) object;

  g_free (self->dir);

  G_OBJECT_CLASS (sb_recordings_parent_class)->finalize (object);
}

static void
sb_recordings_class_init (SbRecordingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_recordings_finalize;

  /**
   * SbRecordings::changed:
   * @story_id: the story whose recordings changed
   *
   * A recording was added or deleted, or a story's recordings went to the
   * trash or came back.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sb_recordings_init (SbRecordings *self)
{
}

/**
 * sb_recordings_dup_dir_for_data_file:
 * @data_path: the data file, e.g. `$XDG_DATA_HOME/storybank/stories.json`
 *
 * Returns: the folder of recordings beside it
 */
char *
sb_recordings_dup_dir_for_data_file (const char *data_path)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (data_path != NULL, NULL);

  folder = g_path_get_dirname (data_path);
  return g_build_filename (folder, "recordings", NULL);
}

/**
 * sb_recordings_new:
 * @dir: the folder of recordings (sb_recordings_dup_dir_for_data_file());
 *   made when the first recording is
 *
 * Empties the trash a previous run left (its Undo is gone with it).
 *
 * Returns: (transfer full): the recordings under @dir
 */
SbRecordings *
sb_recordings_new (const char *dir)
{
  SbRecordings *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (SB_TYPE_RECORDINGS, NULL);
  self->dir = g_strdup (dir);
  sb_recordings_purge_trash (self, NULL);

  return self;
}

const char *
sb_recordings_get_dir (SbRecordings *self)
{
  g_return_val_if_fail (SB_IS_RECORDINGS (self), NULL);
  return self->dir;
}

/**
 * sb_recordings_begin:
 * @date: when the answer starts
 *
 * Makes the empty file a recording of @story_id will be written into,
 * readable by the user only, and its folder.
 *
 * Returns: (transfer full) (nullable): the file's path, or %NULL and
 *   @error set
 */
char *
sb_recordings_begin (SbRecordings  *self,
                     const char    *story_id,
                     GDateTime     *date,
                     GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *path = NULL;
  int fd;

  g_return_val_if_fail (SB_IS_RECORDINGS (self), NULL);
  g_return_val_if_fail (is_story_id (story_id), NULL);
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = dup_story_dir (self, story_id);
  if (!ensure_dir (folder, error))
    return NULL;
  if (!(stem = dup_free_stem (folder, date)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Too many recordings at the same time"));
      return NULL;
    }

  path = g_strconcat (folder, G_DIR_SEPARATOR_S, stem, AUDIO_SUFFIX, NULL);
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, g_strdup_printf (_("Could not make the file %s"), path));
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&path);
}

/**
 * sb_recordings_add:
 * @date: when the answer was spoken
 * @audio_path: (nullable): the recording sb_recordings_begin() made, or
 *   %NULL to keep only the report
 * @seconds: the answer's length
 * @report: (nullable): the report's summary
 *
 * Writes the recording's report beside it.
 *
 * Returns: (transfer full) (nullable): the recording, or %NULL and @error
 *   set
 */
SbRecording *
sb_recordings_add (SbRecordings  *self,
                   const char    *story_id,
                   GDateTime     *date,
                   const char    *audio_path,
                   double         seconds,
                   JsonObject    *report,
                   GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *audio_name = NULL;
  g_autofree char *report_name = NULL;
  g_autofree char *report_path = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SB_IS_RECORDINGS (self), NULL);
  g_return_val_if_fail (is_story_id (story_id), NULL);
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = dup_story_dir (self, story_id);
  if (!ensure_dir (folder, error))
    return NULL;

  if (audio_path != NULL)
    {
      g_autofree char *audio_folder = g_path_get_dirname (audio_path);

      audio_name = g_path_get_basename (audio_path);
      g_return_val_if_fail (g_str_equal (audio_folder, folder), NULL);
      g_return_val_if_fail (g_str_has_suffix (audio_name, AUDIO_SUFFIX), NULL);
      stem = g_strndup (audio_name, strlen (audio_name) - strlen (AUDIO_SUFFIX));
      if (g_chmod (audio_path, 0600) != 0)
        g_debug ("Could not make %s private: %s", audio_path, g_strerror (errno));
    }
  else if (!(stem = dup_free_stem (folder, date)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Too many recordings at the same time"));
      return NULL;
    }

  utc = g_date_time_to_utc (date);
  iso = g_date_time_format_iso8601 (utc);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, MAX (seconds, 0));
  json_builder_set_member_name (builder, "audio");
  if (audio_name != NULL)
    json_builder_add_string_value (builder, audio_name);
  else
    json_builder_add_null_value (builder);
  if (report != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, report);
      json_builder_set_member_name (builder, "report");
      json_builder_add_value (builder, json_node_copy (node));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  report_name = g_strconcat (stem, REPORT_SUFFIX, NULL);
  report_path = g_build_filename (folder, report_name, NULL);
  if (!g_file_set_contents_full (report_path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return NULL;

  g_signal_emit (self, signals[CHANGED], 0, story_id);

  return recording_read (folder, story_id, report_name);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  SbRecording *ra = *(SbRecording * const *) a;
  SbRecording *rb = *(SbRecording * const *) b;
  int by_date = g_date_time_compare (rb->date, ra->date);

  return by_date != 0 ? by_date : g_strcmp0 (rb->id, ra->id);
}

/**
 * sb_recordings_list:
 *
 * Returns: (transfer container) (element-type SbRecording): the story's
 *   recordings, newest first; an audio file without its report is not
 *   one
 */
GPtrArray *
sb_recordings_list (SbRecordings *self,
                    const char   *story_id)
{
  GPtrArray *recordings = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_recording_unref);
  g_autofree char *folder = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (SB_IS_RECORDINGS (self), recordings);
  g_return_val_if_fail (is_story_id (story_id), recordings);

  folder = dup_story_dir (self, story_id);
  if (!(dir = g_dir_open (folder, 0, NULL)))
    return recordings;

  while ((name = g_dir_read_name (dir)))
    {
      SbRecording *recording;

      if (name[0] == '.' || !g_str_has_suffix (name, REPORT_SUFFIX))
        continue;
      if ((recording = recording_read (folder, story_id, name)))
        g_ptr_array_add (recordings, recording);
    }

  g_ptr_array_sort (recordings, compare_newest_first);
  return recordings;
}

/**
 * sb_recordings_delete:
 *
 * Deletes a recording and its report, for good.
 *
 * Returns: %TRUE when both are gone
 */
gboolean
sb_recordings_delete (SbRecordings  *self,
                      SbRecording   *recording,
                      GError       **error)
{
  g_autofree char *audio = NULL;
  g_autofree char *report = NULL;

  g_return_val_if_fail (SB_IS_RECORDINGS (self), FALSE);
  g_return_val_if_fail (recording != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  audio = g_strconcat (recording->folder, G_DIR_SEPARATOR_S, recording->id, AUDIO_SUFFIX, NULL);
  report = g_strconcat (recording->folder, G_DIR_SEPARATOR_S, recording->id, REPORT_SUFFIX, NULL);

  if (g_unlink (audio) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      return set_errno_error (error, saved_errno, g_strdup_printf (_("Could not delete %s"), audio));
    }
  if (g_unlink (report) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      return set_errno_error (error, saved_errno, g_strdup_printf (_("Could not delete %s"), report));
    }
  g_rmdir (recording->folder); /* only when it was the last */

  g_signal_emit (self, signals[CHANGED], 0, recording->story_id);
  return TRUE;
}

/**
 * sb_recordings_trash_story:
 *
 * Moves a deleted story's recordings into the trash, where
 * sb_recordings_restore_story() finds them for its Undo.
 *
 * Returns: %TRUE when they are in the trash (or there were none)
 */
gboolean
sb_recordings_trash_story (SbRecordings  *self,
                           const char    *story_id,
                           GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *trash = NULL;
  g_autofree char *trash_parent = NULL;

  g_return_val_if_fail (SB_IS_RECORDINGS (self), FALSE);
  g_return_val_if_fail (is_story_id (story_id), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folder = dup_story_dir (self, story_id);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;

  trash = dup_trash_dir (self, story_id);
  trash_parent = g_path_get_dirname (trash);
  if (!ensure_dir (trash_parent, error))
    return FALSE;
  remove_folder (trash); /* an older deletion of the same story */

  if (g_rename (folder, trash) != 0)
    {
      int saved_errno = errno;

      return set_errno_error (error, saved_errno, g_strdup_printf (_("Could not move %s to the trash"), folder));
    }

  g_signal_emit (self, signals[CHANGED], 0, story_id);
  return TRUE;
}

/**
 * sb_recordings_restore_story:
 *
 * Brings back the recordings sb_recordings_trash_story() moved away,
 * beside any made since.
 *
 * Returns: %TRUE when they are back (or there were none)
 */
gboolean
sb_recordings_restore_story (SbRecordings  *self,
                             const char    *story_id,
                             GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *trash = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (SB_IS_RECORDINGS (self), FALSE);
  g_return_val_if_fail (is_story_id (story_id), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folder = dup_story_dir (self, story_id);
  trash = dup_trash_dir (self, story_id);
  if (!g_file_test (trash, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_rename (trash, folder) == 0)
    {
      g_signal_emit (self, signals[CHANGED], 0, story_id);
      return TRUE;
    }
  if (errno != EEXIST && errno != ENOTEMPTY)
    {
      int saved_errno = errno;

      return set_errno_error (error, saved_errno, g_strdup_printf (_("Could not bring back %s"), folder));
    }

  /* New recordings were made since: put the old ones beside them. */
  if (!(dir = g_dir_open (trash, 0, error)))
    return FALSE;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *from = g_build_filename (trash, name, NULL);
      g_autofree char *to = g_build_filename (folder, name, NULL);

      if (!g_file_test (to, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          return set_errno_error (error, saved_errno, g_strdup_printf (_("Could not bring back %s"), to));
        }
    }
  remove_folder (trash);

  g_signal_emit (self, signals[CHANGED], 0, story_id);
  return TRUE;
}

/**
 * sb_recordings_purge_trash:
 * @story_id: (nullable): the story whose Undo is gone, or %NULL for the
 *   whole trash
 *
 * Deletes recordings in the trash for good.
 */
void
sb_recordings_purge_trash (SbRecordings *self,
                           const char   *story_id)
{
  g_autofree char *trash = NULL;

  g_return_if_fail (SB_IS_RECORDINGS (self));
  g_return_if_fail (story_id == NULL || is_story_id (story_id));

  if (story_id != NULL)
    trash = dup_trash_dir (self, story_id);
  else
    trash = g_build_filename (self->dir, TRASH_NAME, NULL);

  if (g_file_test (trash, G_FILE_TEST_IS_DIR))
    remove_folder (trash);
}
