/* benchmark-listen.c: hearing a two-minute answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run (release build): build-release/tests/benchmark-listen
 *
 * Speaks a story of about 300 words with espeak-ng (about two minutes),
 * then listens to it twice through SbListener:
 * - as fast as it decodes: CPU seconds and real-time factor (CPU
 *   seconds over the length of the audio), peak resident memory growth;
 * - at the pace of speech, as from the microphone: the time from the end
 *   of the audio to the transcript, and the longest main-loop stall.
 * Exits 77 (skipped) without espeak-ng or the speech model.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <gst/gst.h>

#include "sb-listener.h"
#include "sb-test-util.h"

static const char *situation =
  "Last spring the city library's online renewals kept failing at night, and thousands of "
  "borrowers woke up to late fees they had tried to avoid.";
static const char *task =
  "As the only developer on the digital services team, I had to find the cause and stop "
  "the failures before the summer reading programme started in six weeks.";
static const char *actions[] = {
  "I collected a month of server logs and matched every failed renewal to the nightly "
  "catalogue import, which locked the loans table for almost an hour.",
  "I rewrote the import to update records in small batches, so renewals could run between "
  "them, and tested it against a copy of the full catalogue.",
  "I added an alert that warns the team when any renewal takes longer than two seconds, "
  "and wrote a short guide so the evening staff know what to check.",
  "I met the branch managers every Friday to show the failure count, and asked them to "
  "tell borrowers that fees from the bad nights would be refunded.",
  NULL
};
static const char *result =
  "Failed renewals fell from about 400 a week to fewer than 5, we refunded $12k in fees, "
  "and the summer programme opened with 30% more sign-ups online.";

static SbStory *
make_story (void)
{
  SbStory *story = sb_story_new ();

  sb_story_set_title (story, "Fixing the library's night-time renewals");
  sb_story_set_situation (story, situation);
  sb_story_set_task (story, task);
  sb_story_set_actions (story, actions);
  sb_story_set_result (story, result);
  return story;
}

static char *
make_answer (void)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s %s ", situation, task);
  g_string_append (text, "First, ");
  for (guint i = 0; actions[i] != NULL; i++)
    g_string_append_printf (text, "%s%s ", i == 1 ? "Then " : i == 2 ? "Next, " : i == 3 ? "Finally, " : "",
                            actions[i]);
  g_string_append (text, "In the end, failed renewals fell from about four hundred a week to fewer than "
                         "five, we refunded twelve thousand dollars in fees, and the summer programme "
                         "opened with thirty percent more sign-ups online. ");
  g_string_append (text, "Looking back, I learned to measure before I change anything, and to keep the "
                         "people at the front desk informed, because they are the ones who answer the "
                         "borrowers. I would also set up the alert on the first day next time, since it "
                         "would have shown the pattern weeks earlier, and I now review the nightly jobs "
                         "with the team every quarter so that a slow import never surprises us again. "
                         "The borrowers noticed too: complaints about renewals at the front desk "
                         "almost stopped, and two branches asked me to look at their booking "
                         "system in the same way. That is the part I am proudest of, because the "
                         "fix came from patient measurement rather than a guess, and the whole team "
                         "now starts from the logs when something breaks at night.");
  return g_string_free (text, FALSE);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* VmRSS or VmHWM of this process, in kB. */
static gint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoll (line + strlen (field) + 1, NULL, 10) : 0;
}

typedef struct
{
  GMainLoop *loop;
  gint64     audio_start;   /* monotonic µs when the audio began, estimated */
  gint64     finished;
  gint64     last_tick;
  gint64     longest_stall;
  gint64     longest_stall_at;
  guint      n_stalls;
  gint64     finish_gap;
  gboolean   failed;
} Run;

static void
elapsed_cb (SbListener *listener,
            GParamSpec *pspec,
            Run        *run)
{
  if (run->audio_start == 0)
    run->audio_start = g_get_monotonic_time () - (gint64) (sb_listener_get_elapsed (listener) * G_USEC_PER_SEC);
}

static void
finished_cb (SbListener         *listener,
             SbAnswerTranscript *transcript,
             Run                *run)
{
  run->finished = g_get_monotonic_time ();
  run->finish_gap = run->finished - run->last_tick;
  g_main_loop_quit (run->loop);
}

static void
error_cb (SbListener *listener,
          GError     *error,
          Run        *run)
{
  g_printerr ("%s\n", error->message);
  run->failed = TRUE;
  g_main_loop_quit (run->loop);
}

static gboolean
tick_cb (gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time ();

  if (run->last_tick != 0 && now - run->last_tick > run->longest_stall)
    {
      run->longest_stall = now - run->last_tick;
      run->longest_stall_at = now;
    }
  if (run->last_tick != 0 && now - run->last_tick > 20000)
    run->n_stalls++;
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
}

/* The machine's load over the last minute (other work on the cores). */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return 0;
  return g_ascii_strtod (text, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autofree char *dir = NULL;
  g_autofree char *wav = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(SbStory) story = NULL;
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(SbAnswerReport) report = NULL;
  g_autoptr(SbListener) listener = NULL;
  g_autoptr(GError) error = NULL;
  double audio_seconds, cpu_before, cpu_after, wall;
  gint64 rss_before, hwm_after, start, idle_stall;
  Run run = { NULL, };
  guint tick_id;
  int status = 0;

  if (espeak == NULL || !sb_listener_check_available (NULL, &error))
    {
      g_printerr ("skipped: %s\n", espeak == NULL ? "espeak-ng is not installed" : error->message);
      return 77;
    }

  dir = sb_test_make_tmpdir ();
  wav = g_build_filename (dir, "answer.wav", NULL);
  answer = make_answer ();
  {
    const char *speak[] = { "espeak-ng", "-v", "en-us", "-s", "150", "-w", wav, answer, NULL };

    if (!g_spawn_sync (NULL, (char **) speak, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, &error) || !g_spawn_check_wait_status (status, &error))
      g_error ("espeak-ng: %s", error->message);
  }

  story = make_story ();
  gst_init (NULL, NULL);

  /* 1. As fast as it decodes. */
  rss_before = status_kb ("VmRSS:");
  cpu_before = cpu_seconds ();
  start = g_get_monotonic_time ();
  if (!sb_listener_listen_file (story, wav, NULL, &transcript, &error))
    g_error ("%s", error->message);
  wall = (g_get_monotonic_time () - start) / 1e6;
  cpu_after = cpu_seconds ();
  hwm_after = status_kb ("VmHWM:");
  audio_seconds = sb_answer_transcript_get_total_ms (transcript) / 1000.0;

  report = sb_answer_report_new (transcript, story, 120);
  g_print ("listen-file audio_s=%.1f words=%u wall_s=%.2f cpu_s=%.2f rtf=%.3f rss_growth_mb=%.1f "
           "coverage=%.2f wpm=%.0f\n",
           audio_seconds, sb_answer_transcript_get_n_words (transcript), wall,
           cpu_after - cpu_before, (cpu_after - cpu_before) / audio_seconds,
           (hwm_after - rss_before) / 1024.0,
           sb_answer_report_get_coverage (report), sb_answer_report_get_words_per_minute (report));

  /* The floor: how long this machine's load alone stalls an idle main
   * loop over ten seconds.
   */
  run.loop = g_main_loop_new (NULL, FALSE);
  tick_id = g_timeout_add (1, tick_cb, &run);
  g_timeout_add_once (10000, quit_cb, run.loop);
  g_main_loop_run (run.loop);
  g_source_remove (tick_id);
  idle_stall = run.longest_stall;
  run.longest_stall = 0;
  run.last_tick = 0;

  /* 2. At the pace of speech, with a main loop that must keep ticking. */
  uri = g_filename_to_uri (wav, NULL, NULL);
  listener = sb_listener_new (story, NULL);
  sb_listener_set_source_uri (listener, uri);
  sb_listener_set_realtime (listener, TRUE);
  g_signal_connect (listener, "notify::elapsed", G_CALLBACK (elapsed_cb), &run);
  g_signal_connect (listener, "finished", G_CALLBACK (finished_cb), &run);
  g_signal_connect (listener, "error", G_CALLBACK (error_cb), &run);
  tick_id = g_timeout_add (1, tick_cb, &run);
  cpu_before = cpu_seconds ();
  if (!sb_listener_start (listener, &error))
    g_error ("%s", error->message);
  g_main_loop_run (run.loop);
  cpu_after = cpu_seconds ();
  g_source_remove (tick_id);
  if (run.failed)
    return 1;

  g_print ("listen-live audio_s=%.1f cpu_s=%.2f rtf=%.3f end_to_transcript_ms=%.0f longest_stall_ms=%.1f "
           "idle_stall_ms=%.1f load=%.1f stall_at_s=%.1f stalls_over_20ms=%u finish_gap_ms=%.1f\n",
           audio_seconds, cpu_after - cpu_before, (cpu_after - cpu_before) / audio_seconds,
           (run.finished - (run.audio_start + (gint64) (audio_seconds * G_USEC_PER_SEC))) / 1000.0,
           run.longest_stall / 1000.0, idle_stall / 1000.0, load_average (),
           (run.longest_stall_at - run.audio_start) / 1e6, run.n_stalls, run.finish_gap / 1000.0);


  g_main_loop_unref (run.loop);
  sb_test_rm_rf (dir);
  return 0;
}
