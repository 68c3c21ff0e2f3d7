/* test-recordings.c: the spoken answers kept beside the stories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sys/stat.h>

#include "sb-export.h"
#include "sb-recordings.h"
#include "sb-store.h"
#include "sb-test-util.h"

#define STORY_ID "3f0c9a64-5e0f-4c36-9f0e-1d2b3c4d5e6f"

static GDateTime *
make_date (int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  return g_date_time_new (tz, 2026, 12, 6, 21, minute, 5);
}

static JsonObject *
make_report (double words_per_minute)
{
  JsonObject *report = json_object_new ();

  json_object_set_double_member (report, "words_per_minute", words_per_minute);
  json_object_set_string_member (report, "note", "kept as written");
  return report;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static SbRecording *
record (SbRecordings *recordings,
        const char   *story_id,
        int           minute,
        gboolean      keep_audio)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = make_date (minute);
  g_autoptr(JsonObject) report = make_report (140 + minute);
  g_autofree char *audio = NULL;
  SbRecording *recording;

  if (keep_audio)
    {
      audio = sb_recordings_begin (recordings, story_id, date, &error);
      g_assert_no_error (error);
      sb_test_write_file (audio, "OggS not really", -1);
    }
  recording = sb_recordings_add (recordings, story_id, date, audio, 47.5, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recording);
  return recording;
}

static void
count_cb (SbRecordings *recordings,
          const char   *story_id,
          guint        *count)
{
  g_assert_cmpstr (story_id, ==, STORY_ID);
  (*count)++;
}

typedef struct
{
  char         *tmpdir;
  char         *data_file;
  char         *dir;
  SbRecordings *recordings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->tmpdir = sb_test_make_tmpdir ();
  fixture->data_file = g_build_filename (fixture->tmpdir, "storybank", "stories.json", NULL);
  fixture->dir = sb_recordings_dup_dir_for_data_file (fixture->data_file);
  fixture->recordings = sb_recordings_new (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->recordings);
  sb_test_rm_rf (fixture->tmpdir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->data_file, g_free);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

/* A kept answer is private to the user, named by its date, and listed
 * newest first with what its report said.
 */
static void
test_recordings_keep_and_list (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(SbRecording) first = NULL;
  g_autoptr(SbRecording) second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *story_dir = NULL;
  g_autofree char *name = NULL;
  guint changed = 0;

  g_assert_true (g_str_has_suffix (fixture->dir, "/storybank/recordings"));
  g_signal_connect (fixture->recordings, "changed", G_CALLBACK (count_cb), &changed);

  first = record (fixture->recordings, STORY_ID, 1, TRUE);
  second = record (fixture->recordings, STORY_ID, 2, TRUE);
  g_assert_cmpuint (changed, ==, 2);

  story_dir = g_build_filename (fixture->dir, STORY_ID, NULL);
  g_assert_cmphex (mode_of (fixture->dir), ==, 0700);
  g_assert_cmphex (mode_of (story_dir), ==, 0700);
  g_assert_cmpstr (sb_recording_get_id (first), ==, "20261206-210105");
  name = g_path_get_basename (sb_recording_get_audio_path (first));
  g_assert_cmpstr (name, ==, "20261206-210105.ogg");
  g_assert_cmphex (mode_of (sb_recording_get_audio_path (first)), ==, 0600);
  {
    g_autofree char *sidecar = g_build_filename (story_dir, "20261206-210105.json", NULL);

    g_assert_cmphex (mode_of (sidecar), ==, 0600);
  }

  list = sb_recordings_list (fixture->recordings, STORY_ID);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (sb_recording_get_id (g_ptr_array_index (list, 0)), ==, "20261206-210205");
  g_assert_cmpstr (sb_recording_get_id (g_ptr_array_index (list, 1)), ==, "20261206-210105");
  g_assert_cmpfloat_with_epsilon (sb_recording_get_seconds (g_ptr_array_index (list, 0)), 47.5, 0.001);
  g_assert_cmpfloat_with_epsilon (sb_recording_get_report_number (g_ptr_array_index (list, 0), "words_per_minute"),
                                  142, 0.001);
  g_assert_true (isnan (sb_recording_get_report_number (g_ptr_array_index (list, 0), "note")));
  g_assert_true (isnan (sb_recording_get_report_number (g_ptr_array_index (list, 0), "missing")));
  g_assert_cmpint (g_date_time_compare (sb_recording_get_date (g_ptr_array_index (list, 1)),
                                        sb_recording_get_date (first)), ==, 0);

  /* Another story has none. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sb_recordings_list (fixture->recordings, "another-story");
  g_assert_cmpuint (list->len, ==, 0);
}

/* With "Keep recordings" off, the report is kept for the trend and no
 * audio is written.
 */
static void
test_recordings_report_only (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(SbRecording) one = record (fixture->recordings, STORY_ID, 1, FALSE);
  g_autoptr(SbRecording) two = record (fixture->recordings, STORY_ID, 1, FALSE);
  g_autoptr(GPtrArray) list = sb_recordings_list (fixture->recordings, STORY_ID);
  g_autofree char *story_dir = g_build_filename (fixture->dir, STORY_ID, NULL);
  g_autoptr(GDir) folder = g_dir_open (story_dir, 0, NULL);
  const char *name;

  g_assert_null (sb_recording_get_audio_path (one));
  /* Two answers in the same second do not overwrite each other. */
  g_assert_cmpstr (sb_recording_get_id (two), ==, "20261206-210105-2");
  g_assert_cmpuint (list->len, ==, 2);

  while ((name = g_dir_read_name (folder)))
    g_assert_true (g_str_has_suffix (name, ".json"));
}

static void
test_recordings_delete_one (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(SbRecording) first = record (fixture->recordings, STORY_ID, 1, TRUE);
  g_autoptr(SbRecording) second = record (fixture->recordings, STORY_ID, 2, TRUE);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audio = g_strdup (sb_recording_get_audio_path (first));

  g_assert_true (sb_recordings_delete (fixture->recordings, first, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (audio, G_FILE_TEST_EXISTS));

  list = sb_recordings_list (fixture->recordings, STORY_ID);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (sb_recording_get_id (g_ptr_array_index (list, 0)), ==, sb_recording_get_id (second));
}

/* Deleting a story takes its recordings away; its Undo brings them back;
 * once the Undo is gone (or at the next start) they are gone for good.
 */
static void
test_recordings_trash_and_undo (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(SbRecording) first = record (fixture->recordings, STORY_ID, 1, TRUE);
  g_autofree char *audio = g_strdup (sb_recording_get_audio_path (first));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_recordings_trash_story (fixture->recordings, STORY_ID, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (audio, G_FILE_TEST_EXISTS));
  list = sb_recordings_list (fixture->recordings, STORY_ID);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (sb_recordings_restore_story (fixture->recordings, STORY_ID, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (audio, G_FILE_TEST_IS_REGULAR));
  list = sb_recordings_list (fixture->recordings, STORY_ID);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Undo after a new recording was made keeps both. */
  g_assert_true (sb_recordings_trash_story (fixture->recordings, STORY_ID, &error));
  {
    g_autoptr(SbRecording) newer = record (fixture->recordings, STORY_ID, 3, TRUE);
  }
  g_assert_true (sb_recordings_restore_story (fixture->recordings, STORY_ID, &error));
  g_assert_no_error (error);
  list = sb_recordings_list (fixture->recordings, STORY_ID);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The Undo gone: purged. */
  g_assert_true (sb_recordings_trash_story (fixture->recordings, STORY_ID, &error));
  sb_recordings_purge_trash (fixture->recordings, STORY_ID);
  g_assert_true (sb_recordings_restore_story (fixture->recordings, STORY_ID, &error));
  list = sb_recordings_list (fixture->recordings, STORY_ID);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A story with no recordings has nothing to trash. */
  g_assert_true (sb_recordings_trash_story (fixture->recordings, "no-recordings", &error));
  g_assert_no_error (error);
}

/* The trash a previous run left is emptied when the next run starts. */
static void
test_recordings_purge_at_start (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *trash = g_build_filename (fixture->dir, ".trash", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SbRecording) first = record (fixture->recordings, STORY_ID, 1, TRUE);

    g_assert_true (sb_recordings_trash_story (fixture->recordings, STORY_ID, &error));
    g_assert_true (g_file_test (trash, G_FILE_TEST_IS_DIR));
  }
  g_clear_object (&fixture->recordings);
  {
    g_autoptr(SbRecordings) recordings = sb_recordings_new (fixture->dir);
    g_autoptr(GPtrArray) list = NULL;

    g_assert_false (g_file_test (trash, G_FILE_TEST_EXISTS));
    g_assert_true (sb_recordings_restore_story (recordings, STORY_ID, &error));
    list = sb_recordings_list (recordings, STORY_ID);
    g_assert_cmpuint (list->len, ==, 0);
  }
}

/* A sidecar that is not ours, or an audio file without its report, is
 * not a recording; an audio name pointing elsewhere is not followed.
 */
static void
test_recordings_foreign_files (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(SbRecording) first = record (fixture->recordings, STORY_ID, 1, TRUE);
  g_autofree char *story_dir = g_build_filename (fixture->dir, STORY_ID, NULL);
  g_autofree char *bad = g_build_filename (story_dir, "bad.json", NULL);
  g_autofree char *escape = g_build_filename (story_dir, "escape.json", NULL);
  g_autofree char *lonely = g_build_filename (story_dir, "lonely.ogg", NULL);
  g_autoptr(GPtrArray) list = NULL;

  sb_test_write_file (bad, "{ not json", -1);
  sb_test_write_file (escape, "{\"date\": \"2026-12-06T20:00:00Z\", \"audio\": \"../../stories.json\"}", -1);
  sb_test_write_file (lonely, "OggS", -1);

  list = sb_recordings_list (fixture->recordings, STORY_ID);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (sb_recording_get_id (g_ptr_array_index (list, 1)), ==, "escape");
  g_assert_null (sb_recording_get_audio_path (g_ptr_array_index (list, 1)));
  g_assert_true (isnan (sb_recording_get_report_number (g_ptr_array_index (list, 1), "words_per_minute")));
}

/* Recordings are never exported or backed up: a Storybank backup (JSON
 * export) and the data file's backups hold the stories only.
 */
static void
test_recordings_not_exported (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStore) store = sb_store_new (fixture->data_file, library, catalog);
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(SbRecording) recording = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  SbExportSelection selection = { 0 };

  sb_story_set_title (story, "Spoken about");
  sb_library_add (library, story);
  g_assert_true (sb_store_save (store, &error));
  g_assert_no_error (error);
  recording = record (fixture->recordings, sb_story_get_id (story), 1, TRUE);
  sb_story_set_title (story, "Spoken about, again");
  g_assert_true (sb_store_save (store, &error));
  g_assert_no_error (error);

  json = sb_export_dup_text (library, catalog, SB_EXPORT_FORMAT_JSON, &selection, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (json, "recordings"));
  g_assert_null (strstr (json, sb_recording_get_id (recording)));

  backups = sb_store_list_backups (store);
  for (guint i = 0; i < backups->len; i++)
    g_assert_false (g_str_has_suffix (g_ptr_array_index (backups, i), ".ogg"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/recordings/keep-and-list", Fixture, NULL,
              fixture_set_up, test_recordings_keep_and_list, fixture_tear_down);
  g_test_add ("/recordings/report-only", Fixture, NULL,
              fixture_set_up, test_recordings_report_only, fixture_tear_down);
  g_test_add ("/recordings/delete-one", Fixture, NULL,
              fixture_set_up, test_recordings_delete_one, fixture_tear_down);
  g_test_add ("/recordings/trash-and-undo", Fixture, NULL,
              fixture_set_up, test_recordings_trash_and_undo, fixture_tear_down);
  g_test_add ("/recordings/purge-at-start", Fixture, NULL,
              fixture_set_up, test_recordings_purge_at_start, fixture_tear_down);
  g_test_add ("/recordings/foreign-files", Fixture, NULL,
              fixture_set_up, test_recordings_foreign_files, fixture_tear_down);
  g_test_add ("/recordings/not-exported", Fixture, NULL,
              fixture_set_up, test_recordings_not_exported, fixture_tear_down);

  return g_test_run ();
}
