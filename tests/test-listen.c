/* test-listen.c: hearing spoken answers, end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answers are spoken at test time by espeak-ng and go through the
 * same SbListener pipeline as the microphone, with a file in its place.
 * Skipped when espeak-ng or the speech model is missing.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-listener.h"
#include "sb-speech-model.h"
#include "sb-test-util.h"

static char *tmpdir;

static SbStory *
make_story (void)
{
  SbStory *story = sb_story_new ();
  const char *actions[] = {
    "I reproduced the crash on a borrowed tablet and traced it to image caching.",
    "I replaced the caching library and added a memory test to the build.",
    "I briefed the clinic managers every morning so they could plan staff training.",
    NULL
  };

  sb_story_set_title (story, "Shipping the clinic booking app on time");
  sb_story_set_situation (story, "Two weeks before launch, our clinic booking app crashed on older Android phones.");
  sb_story_set_task (story, "I owned the release and had to fix the crashes without moving the launch date.");
  sb_story_set_actions (story, actions);
  sb_story_set_result (story, "We launched on the planned day, crashes dropped by 90% and bookings rose 30% in the first month.");
  return story;
}

static const char *setup_answer =
  "Two weeks before launch, our clinic booking app crashed on older Android phones. "
  "I owned the release, and I had to fix the crashes without moving the launch date. "
  "First, I reproduced the crash on a borrowed tablet and traced it to image caching. "
  "Then I replaced the caching library and added a memory test to the build. "
  "I also briefed the clinic managers every morning, so they could plan staff training. ";

static const char *result_answer =
  "We launched on the planned day. Crashes dropped by ninety percent, "
  "and bookings rose thirty percent in the first month.";

static gboolean
can_listen (void)
{
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autoptr(GError) error = NULL;

  if (espeak == NULL)
    {
      g_test_skip ("espeak-ng is not installed");
      return FALSE;
    }
  if (!sb_listener_check_available (NULL, &error))
    {
      g_test_skip (error->message);
      return FALSE;
    }
  return TRUE;
}

/* Speaks @text at @speed words a minute into a WAV file; returns its path. */
static char *
speak (const char *name,
       const char *text,
       guint       speed)
{
  g_autofree char *file = g_strconcat (name, ".wav", NULL);
  char *path = g_build_filename (tmpdir, file, NULL);
  g_autofree char *speed_arg = g_strdup_printf ("%u", speed);
  const char *argv[] = { "espeak-ng", "-v", "en-us", "-s", speed_arg, "-w", path, text, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return path;
}

static SbAnswerReport *
listen (SbStory    *story,
        const char *path,
        const char *keep_path)
{
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  SbAnswerReport *report;

  g_assert_true (sb_listener_listen_file (story, path, keep_path, &transcript, &error));
  g_assert_no_error (error);
  g_assert_nonnull (transcript);

  report = sb_answer_report_new (transcript, story, 60);
  {
    g_autofree char *text = sb_answer_report_dup_text_report (report);

    g_test_message ("%s", text);
  }
  return report;
}

static gboolean
has_warning (SbAnswerReport *report,
             const char     *check_id,
             SbStoryField    field)
{
  GListModel *findings = sb_answer_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(SbFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (sb_finding_get_check_id (finding), check_id)
          && sb_finding_get_severity (finding) == SB_FINDING_WARNING
          && (field == SB_STORY_FIELD_WHOLE || sb_finding_get_field (finding) == field))
        return TRUE;
    }
  return FALSE;
}

static void
test_whole_story (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *keep = NULL;
  g_autoptr(SbAnswerReport) report = NULL;
  g_autofree char *head = NULL;
  GStatBuf st;
  guint n_heard = 0;

  if (!can_listen ())
    return;

  story = make_story ();
  text = g_strconcat (setup_answer, result_answer, NULL);
  path = speak ("whole", text, 150);
  keep = g_build_filename (tmpdir, "kept.ogg", NULL);
  report = listen (story, path, keep);

  g_assert_false (sb_answer_report_get_nothing_heard (report));
  for (guint i = 0; i < sb_answer_report_get_n_parts (report); i++)
    n_heard += sb_answer_report_get_part (report, i)->heard;
  g_test_message ("parts heard: %u of %u", n_heard, sb_answer_report_get_n_parts (report));
  g_assert_cmpuint (n_heard, ==, sb_answer_report_get_n_parts (report));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_COVERAGE, SB_STORY_FIELD_WHOLE));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_FIGURES, SB_STORY_FIELD_WHOLE));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_PAUSES, SB_STORY_FIELD_WHOLE));
  g_assert_cmpint (sb_answer_report_get_suggested_rating (report), >=, 4);

  /* The recording is kept, as Ogg, for its owner only. */
  g_assert_cmpint (g_stat (keep, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 1000);
  head = sb_test_read_file (keep);
  g_assert_true (g_str_has_prefix (head, "OggS"));
}

static void
test_skipped_result (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SbAnswerReport) report = NULL;
  const SbAnswerPart *result;

  if (!can_listen ())
    return;

  story = make_story ();
  path = speak ("no-result", setup_answer, 150);
  report = listen (story, path, NULL);

  result = sb_answer_report_get_part (report, sb_answer_report_get_n_parts (report) - 1);
  g_assert_cmpint (result->field, ==, SB_STORY_FIELD_RESULT);
  g_assert_false (result->heard);
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_COVERAGE, SB_STORY_FIELD_RESULT));
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_FIGURES, SB_STORY_FIELD_RESULT));
  g_assert_false (sb_answer_report_get_part (report, 0)->heard == FALSE
                  && sb_answer_report_get_part (report, 1)->heard == FALSE);
}

static void
test_fillers (void)
{
  const char *text =
    "So, our clinic booking app crashed on older Android phones, two weeks before launch. "
    "I owned the release, you know. "
    "Basically, I reproduced the crash on a borrowed tablet, and traced it to image caching. "
    "Then, um, I replaced the caching library. "
    "We launched on the planned day, and, uh, crashes dropped by ninety percent.";
  g_autoptr(SbStory) story = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SbAnswerReport) report = NULL;
  guint n;

  if (!can_listen ())
    return;

  story = make_story ();
  path = speak ("fillers", text, 150);
  report = listen (story, path, NULL);

  /* you know, basically, um, uh */
  n = sb_answer_report_get_n_fillers (report);
  g_test_message ("fillers heard: %u of 4", n);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n, <=, 5);
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_FILLERS, SB_STORY_FIELD_WHOLE));
}

static void
test_no_fillers (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SbAnswerReport) report = NULL;

  if (!can_listen ())
    return;

  story = make_story ();
  path = speak ("plain", setup_answer, 150);
  report = listen (story, path, NULL);
  g_assert_cmpuint (sb_answer_report_get_n_fillers (report), <=, 1);
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_FILLERS, SB_STORY_FIELD_WHOLE));
}

static void
test_pace (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fast_path = NULL;
  g_autofree char *slow_path = NULL;
  g_autoptr(SbAnswerReport) fast = NULL;
  g_autoptr(SbAnswerReport) slow = NULL;

  if (!can_listen ())
    return;

  story = make_story ();
  text = g_strconcat (setup_answer, result_answer, NULL);
  fast_path = speak ("fast", text, 230);
  slow_path = speak ("slow", text, 90);
  fast = listen (story, fast_path, NULL);
  slow = listen (story, slow_path, NULL);

  g_test_message ("fast: %.0f, slow: %.0f words a minute",
                  sb_answer_report_get_words_per_minute (fast),
                  sb_answer_report_get_words_per_minute (slow));
  g_assert_cmpfloat (sb_answer_report_get_words_per_minute (fast), >, 180);
  g_assert_true (has_warning (fast, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE));
  g_assert_cmpfloat (sb_answer_report_get_words_per_minute (slow), <, 110);
  g_assert_true (has_warning (slow, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE));
}

/* Writes @seconds of near silence (a faint hiss) as a 16 kHz WAV file. */
static char *
write_silence (const char *name,
               guint       seconds)
{
  g_autofree char *file = g_strconcat (name, ".wav", NULL);
  char *path = g_build_filename (tmpdir, file, NULL);
  guint n = 16000 * seconds;
  guint32 data_size = n * 2;
  g_autoptr(GByteArray) wav = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  struct __attribute__ ((packed))
  {
    char     riff[4];
    guint32  size;
    char     wave[8];
    guint32  fmt_size;
    guint16  format, channels;
    guint32  rate, byte_rate;
    guint16  align, bits;
    char     data[4];
    guint32  data_size;
  } header = {
    { 'R', 'I', 'F', 'F' }, GUINT32_TO_LE (36 + data_size), { 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ' },
    GUINT32_TO_LE (16), GUINT16_TO_LE (1), GUINT16_TO_LE (1), GUINT32_TO_LE (16000),
    GUINT32_TO_LE (32000), GUINT16_TO_LE (2), GUINT16_TO_LE (16), { 'd', 'a', 't', 'a' },
    GUINT32_TO_LE (data_size),
  };

  g_byte_array_append (wav, (const guint8 *) &header, sizeof header);
  for (guint i = 0; i < n; i++)
    {
      gint16 sample = GINT16_TO_LE ((gint16) g_rand_int_range (rand, -8, 9));

      g_byte_array_append (wav, (const guint8 *) &sample, 2);
    }
  sb_test_write_file (path, (const char *) wav->data, wav->len);
  return path;
}

static void
test_silence (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SbAnswerReport) report = NULL;

  if (!can_listen ())
    return;

  story = make_story ();
  path = write_silence ("silence", 6);
  report = listen (story, path, NULL);
  g_assert_true (sb_answer_report_get_nothing_heard (report));
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_NOTHING_HEARD, SB_STORY_FIELD_WHOLE));
  g_assert_cmpuint (sb_answer_transcript_get_total_ms (sb_answer_report_get_transcript (report)), >=, 5900);
}

static void
test_bad_files (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autofree char *corrupt = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *keep = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GByteArray) noise = g_byte_array_new ();
  const char *files[3];

  if (!can_listen ())
    return;

  story = make_story ();
  corrupt = g_build_filename (tmpdir, "corrupt.wav", NULL);
  for (guint i = 0; i < 20000; i++)
    {
      guint8 byte = g_rand_int_range (rand, 0, 256);

      g_byte_array_append (noise, &byte, 1);
    }
  sb_test_write_file (corrupt, (const char *) noise->data, noise->len);
  truncated = g_build_filename (tmpdir, "truncated.wav", NULL);
  sb_test_write_file (truncated, "RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00", 22);
  missing = g_build_filename (tmpdir, "missing.wav", NULL);
  keep = g_build_filename (tmpdir, "refused.ogg", NULL);

  files[0] = corrupt;
  files[1] = truncated;
  files[2] = missing;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(SbAnswerTranscript) transcript = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *base = g_path_get_basename (files[i]);

      g_assert_false (sb_listener_listen_file (story, files[i], keep, &transcript, &error));
      g_assert_error (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_BAD_FILE);
      g_assert_null (transcript);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, base));
      /* Nothing is kept of a refused file. */
      g_assert_false (g_file_test (keep, G_FILE_TEST_EXISTS));
    }
}

static void
test_no_model (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_silence ("no-model", 1);

  g_setenv ("STORYBANK_SPEECH_MODEL_DIR", "/nonexistent/model", TRUE);
  g_assert_false (sb_listener_listen_file (story, path, NULL, &transcript, &error));
  g_unsetenv ("STORYBANK_SPEECH_MODEL_DIR");
  g_assert_error (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MODEL);
  g_assert_nonnull (strstr (error->message, "pocketsphinx-en-us"));
}

typedef struct
{
  GMainLoop          *loop;
  GPtrArray          *states;
  guint               n_partial;
  guint               n_elapsed;
  SbAnswerTranscript *transcript;
  gboolean            failed;
  GThread            *main_thread;
} Watch;

static void
watch_init (Watch *watch)
{
  *watch = (Watch) { NULL, };
  watch->loop = g_main_loop_new (NULL, FALSE);
  watch->states = g_ptr_array_new ();
  watch->main_thread = g_thread_self ();
}

static void
watch_clear (Watch *watch)
{
  g_clear_pointer (&watch->states, g_ptr_array_unref);
  g_clear_pointer (&watch->loop, g_main_loop_unref);
  g_clear_pointer (&watch->transcript, sb_answer_transcript_unref);
}

/* Speaks the set-up answer into @name.wav; returns its URI, and in @keep
 * where a listener would keep its recording.
 */
static char *
speak_setup_uri (const char  *name,
                 char       **keep)
{
  g_autofree char *path = speak (name, setup_answer, 150);
  g_autofree char *ogg = g_strconcat (name, ".ogg", NULL);

  *keep = g_build_filename (tmpdir, ogg, NULL);
  return g_filename_to_uri (path, NULL, NULL);
}

static void
state_cb (SbListener *listener,
          GParamSpec *pspec,
          Watch      *watch)
{
  g_assert_true (g_thread_self () == watch->main_thread);
  g_ptr_array_add (watch->states, GINT_TO_POINTER (sb_listener_get_state (listener)));
}

static void
elapsed_cb (SbListener *listener,
            GParamSpec *pspec,
            Watch      *watch)
{
  g_assert_true (g_thread_self () == watch->main_thread);
  watch->n_elapsed++;
}

static void
partial_cb (SbListener *listener,
            const char *text,
            Watch      *watch)
{
  g_assert_true (g_thread_self () == watch->main_thread);
  g_assert_cmpstr (text, ==, sb_listener_get_partial_text (listener));
  watch->n_partial++;
}

static void
finished_cb (SbListener         *listener,
             SbAnswerTranscript *transcript,
             Watch              *watch)
{
  g_assert_true (g_thread_self () == watch->main_thread);
  watch->transcript = sb_answer_transcript_ref (transcript);
  g_main_loop_quit (watch->loop);
}

static void
error_cb (SbListener *listener,
          GError     *error,
          Watch      *watch)
{
  g_test_message ("%s", error->message);
  watch->failed = TRUE;
  g_main_loop_quit (watch->loop);
}

static gboolean
stop_cb (gpointer data)
{
  sb_listener_stop (data);
  return G_SOURCE_REMOVE;
}

/* The object the window uses: signals on the main thread, in order;
 * stopping part way gives what was heard so far, and a whole recording.
 */
static void
test_listener_object (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autoptr(SbListener) listener = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *head = NULL;
  Watch watch;

  if (!can_listen ())
    return;

  story = make_story ();
  uri = speak_setup_uri ("object", &keep);
  watch_init (&watch);

  listener = sb_listener_new (story, NULL);
  sb_listener_set_source_uri (listener, uri);
  sb_listener_set_keep_path (listener, keep);
  g_signal_connect (listener, "notify::state", G_CALLBACK (state_cb), &watch);
  g_signal_connect (listener, "notify::elapsed", G_CALLBACK (elapsed_cb), &watch);
  g_signal_connect (listener, "partial", G_CALLBACK (partial_cb), &watch);
  g_signal_connect (listener, "finished", G_CALLBACK (finished_cb), &watch);
  g_signal_connect (listener, "error", G_CALLBACK (error_cb), &watch);

  g_assert_true (sb_listener_start (listener, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_STATE_STARTING);
  /* A file is read faster than real time: stop after a moment. */
  g_timeout_add (700, stop_cb, listener);
  g_main_loop_run (watch.loop);

  g_assert_false (watch.failed);
  g_assert_nonnull (watch.transcript);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_STATE_FINISHED);
  g_assert_true (sb_listener_get_transcript (listener) == watch.transcript);
  g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (watch.states, 0)), ==, SB_LISTENER_STATE_STARTING);
  g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (watch.states, watch.states->len - 1)), ==,
                   SB_LISTENER_STATE_FINISHED);
  g_assert_cmpuint (watch.n_elapsed, >, 0);
  g_assert_cmpfloat (sb_listener_get_elapsed (listener), >, 0);

  head = sb_test_read_file (keep);
  g_assert_true (g_str_has_prefix (head, "OggS"));

  watch_clear (&watch);
}

/* Cancelling, or dropping the listener while it listens, leaves nothing
 * behind and calls nothing back.
 */
static void
test_cancel (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *keep = NULL;
  Watch watch;

  if (!can_listen ())
    return;

  story = make_story ();
  uri = speak_setup_uri ("cancel", &keep);
  watch_init (&watch);

  for (guint round = 0; round < 2; round++)
    {
      SbListener *listener = sb_listener_new (story, NULL);

      sb_listener_set_source_uri (listener, uri);
      sb_listener_set_keep_path (listener, keep);
      g_signal_connect (listener, "finished", G_CALLBACK (finished_cb), &watch);
      g_signal_connect (listener, "error", G_CALLBACK (error_cb), &watch);
      g_assert_true (sb_listener_start (listener, NULL));
      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);

      if (round == 0)
        {
          sb_listener_cancel (listener);
          g_assert_false (g_file_test (keep, G_FILE_TEST_EXISTS));
          g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_STATE_IDLE);
        }
      g_object_unref (listener);

      /* Whatever the threads had queued is delivered to no one. */
      for (guint i = 0; i < 50; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (10000);
        }
      g_assert_null (watch.transcript);
      g_assert_false (watch.failed);
    }

  watch_clear (&watch);
}

static void
timeout_cb (gpointer data)
{
  g_main_loop_quit (data);
}

/* The microphone: either it listens, or it says clearly why not (on a
 * test machine there is usually no sound card at all).
 */
static void
test_microphone (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autoptr(SbListener) listener = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch;

  if (!can_listen ())
    return;

  story = make_story ();
  watch_init (&watch);
  listener = sb_listener_new (story, NULL);
  g_signal_connect (listener, "error", G_CALLBACK (error_cb), &watch);

  if (sb_listener_start (listener, &error))
    {
      guint timeout = g_timeout_add_once (3000, timeout_cb, watch.loop);

      g_main_loop_run (watch.loop);
      g_test_message ("state after 3 s: %d", sb_listener_get_state (listener));
      if (!watch.failed)
        {
          g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_STATE_LISTENING);
          sb_listener_cancel (listener);
        }
      else
        {
          g_source_remove (timeout);
          g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_STATE_FAILED);
        }
    }
  else
    {
      g_test_message ("%s", error->message);
      g_assert_true (g_error_matches (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MICROPHONE)
                     || g_error_matches (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_DENIED));
      g_assert_cmpuint (strlen (error->message), >, 20);
    }

  watch_clear (&watch);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = sb_test_make_tmpdir ();

  g_test_add_func ("/listen/whole-story", test_whole_story);
  g_test_add_func ("/listen/skipped-result", test_skipped_result);
  g_test_add_func ("/listen/fillers", test_fillers);
  g_test_add_func ("/listen/no-fillers", test_no_fillers);
  g_test_add_func ("/listen/pace", test_pace);
  g_test_add_func ("/listen/silence", test_silence);
  g_test_add_func ("/listen/bad-files", test_bad_files);
  g_test_add_func ("/listen/no-model", test_no_model);
  g_test_add_func ("/listen/listener", test_listener_object);
  g_test_add_func ("/listen/cancel", test_cancel);
  g_test_add_func ("/listen/microphone", test_microphone);

  status = g_test_run ();
  sb_test_rm_rf (tmpdir);
  g_free (tmpdir);
  return status;
}
