/* test-listen-ui.c: rehearsing aloud in the Review window, a file of
 * synthesised speech in place of the microphone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answer is spoken by espeak-ng at test time; the tests skip when it
 * or the speech model is missing, or when Storybank was built without
 * listening. With STORYBANK_SHOT_DIR set, the report is also saved as
 * pictures there: light and dark, wide and narrow.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sb-answer-view.h"
#include "sb-application.h"
#include "sb-recordings-group.h"
#include "sb-rehearse-page.h"
#include "sb-review-window.h"
#include "sb-store.h"
#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window.h"
#ifdef HAVE_SPEECH
# include "sb-listener.h"
#endif

static char *tmpdir;
static char *answer_wav;
/* One application for the whole program, as a user has one. */
static SbApplication *app;

static const char *story_actions[] = {
  "Designed microservices architecture with clear service boundaries",
  "Planned for horizontal scaling with load balancing and auto-scaling",
  "Implemented event-driven architecture using message queues",
  NULL
};

static SbStory *
add_story (SbLibrary *library)
{
  g_autoptr(SbStory) story = sb_story_new ();

  sb_story_set_title (story, "Scalable Architecture Vision");
  sb_story_set_situation (story, "Our monolithic application was struggling to handle ten times the user growth.");
  sb_story_set_task (story, "I had to design a scalable architecture to support a million users.");
  sb_story_set_actions (story, story_actions);
  sb_story_set_result (story, "The system now handles two million users with 99.9% uptime.");
  sb_story_add_principle (story, "think-big");
  sb_library_add (library, story);
  return story;
}

/* The whole story, spoken: what a good answer sounds like. */
static const char answer_text[] =
  "Our monolithic application was struggling to handle ten times the user growth. "
  "I had to design a scalable architecture to support a million users. "
  "I designed a microservices architecture with clear service boundaries. "
  "I planned for horizontal scaling with load balancing and auto scaling. "
  "I implemented an event driven architecture using message queues. "
  "The system now handles two million users with ninety nine point nine percent uptime.";

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Saves what @widget shows, for a person to look at. */
static void
save_picture (GtkWidget  *widget,
              const char *name)
{
  const char *dir = g_getenv ("STORYBANK_SHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL || dir[0] == '\0')
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  sb_test_ui_save_picture (widget, path);
}

/* A label the user can see that says @text somewhere in it. */
static gboolean
label_says (GtkWidget     *widget,
            gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* Scrolls the page holding @widget to its end, to see what is below. */
static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  sb_test_ui_iterate (200);
}

static void
show_at_size (GtkWindow *window,
              int        width,
              int        height)
{
  gtk_window_set_default_size (window, width, height);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  sb_test_ui_iterate (300);
}

static gboolean
can_listen (void)
{
#ifdef HAVE_SPEECH
  g_autoptr(GError) error = NULL;

  if (answer_wav == NULL)
    {
      g_test_skip ("espeak-ng could not speak the answer");
      return FALSE;
    }
  if (!sb_listener_check_available (NULL, &error))
    {
      g_test_skip (error->message);
      return FALSE;
    }
  return TRUE;
#else
  g_test_skip ("Built without listening");
  return FALSE;
#endif
}

static SbReviewWindow *
open_card (SbWindow *window)
{
  SbReviewWindow *review;
  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL);
  sb_test_ui_iterate (50);
  review = SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));
  g_assert_nonnull (review);
  page = GTK_WIDGET (sb_review_window_get_rehearse_page (review));
  gtk_widget_activate_action (page, "rehearse.start", NULL);
  sb_test_ui_iterate (50);
  g_assert_cmpstr (sb_review_window_get_visible_page (review), ==, "card");
  return review;
}

/* Records, and waits for the report. */
static SbAnswerView *
record_answer (SbReviewWindow *review)
{
  SbRehearsePage *page = sb_review_window_get_rehearse_page (review);
  SbAnswerView *view = SB_ANSWER_VIEW (sb_test_ui_find_widget (GTK_WIDGET (review), sb_test_ui_is_a,
                                                              GSIZE_TO_POINTER (SB_TYPE_ANSWER_VIEW)));

  g_assert_nonnull (view);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "rehearse.record", NULL));
  g_assert_true (sb_rehearse_page_get_listening (page));
  sb_test_ui_iterate (1500);
  if (sb_rehearse_page_get_listening (page))
    save_picture (GTK_WIDGET (review), "listening-light.png");

  /* However slow the machine (a sanitizer build), within two minutes. */
  for (guint i = 0; i < 1200 && sb_rehearse_page_get_listening (page); i++)
    sb_test_ui_iterate (100);
  g_assert_false (sb_rehearse_page_get_listening (page));
  sb_test_ui_iterate (100);

  return view;
}

/* The whole rehearsal aloud: the report beside the story, a rating
 * suggested, the recording kept (0600), played back from the window,
 * gone with its story and back with its Undo.
 */
static void
test_listen_report_and_recording (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recordings = NULL;
  g_autofree char *audio = NULL;
  g_autofree char *story_id = NULL;
  SbRecordings *store_recordings;
  SbAnswerReport *report;
  SbRecording *recording;
  SbLibrary *library;
  SbWindow *window;
  SbReviewWindow *review;
  SbAnswerView *view;
  SbReviewCard *card;
  SbStory *story;

  if (!can_listen ())
    return;

  library = sb_application_get_library (app);
  story = add_story (library);
  story_id = g_strdup (sb_story_get_id (story));
  store_recordings = sb_application_get_recordings (app);

  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
  review = open_card (window);
  show_at_size (GTK_WINDOW (review), 1000, 760);
  view = record_answer (review);

  /* The report, beside the story revealed. */
  report = sb_answer_view_get_report (view);
  g_assert_nonnull (report);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (view)));
  card = sb_review_session_get_current_card (sb_review_window_get_session (review));
  g_assert_true (sb_review_card_get_revealed (card));
  g_assert_false (sb_answer_report_get_nothing_heard (report));
  g_assert_cmpuint (g_list_model_get_n_items (sb_answer_report_get_findings (report)), >, 0);
  g_assert_cmpint (sb_answer_report_get_suggested_rating (report), >=, 1);
  /* The rating stays the user's: suggested, not given. */
  g_assert_cmpint (sb_review_card_get_rating (card), ==, 0);

  /* The recording, private, listed with the story, playable. */
  recording = sb_answer_view_get_recording (view);
  g_assert_nonnull (recording);
  audio = g_strdup (sb_recording_get_audio_path (recording));
  g_assert_nonnull (audio);
  g_assert_true (g_str_has_prefix (audio, tmpdir));
  g_assert_true (g_str_has_suffix (audio, ".ogg"));
  g_assert_cmphex (mode_of (audio), ==, 0600);
  recordings = sb_recordings_list (store_recordings, story_id);
  g_assert_cmpuint (recordings->len, ==, 1);
  g_assert_cmpfloat (sb_recording_get_seconds (g_ptr_array_index (recordings, 0)), >, 5);
  g_assert_cmpfloat (sb_recording_get_report_number (g_ptr_array_index (recordings, 0), "words-per-minute"), >, 0);
  g_clear_pointer (&recordings, g_ptr_array_unref);
  g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (view), sb_test_ui_is_a,
                                            GSIZE_TO_POINTER (GTK_TYPE_MEDIA_CONTROLS)));

  /* The rating the report suggests is marked, not given. */
  g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (review), label_says, "From what was heard"));

  save_picture (GTK_WIDGET (review), "report-wide-light.png");
  show_at_size (GTK_WINDOW (review), 720, 680);
  save_picture (GTK_WIDGET (review), "report-default-light.png");
  show_at_size (GTK_WINDOW (review), 1000, 760);
  scroll_to_end (GTK_WIDGET (view));
  save_picture (GTK_WIDGET (review), "report-wide-light-end.png");
  show_at_size (GTK_WINDOW (review), 400, 760);
  scroll_to_end (GTK_WIDGET (view));
  save_picture (GTK_WIDGET (review), "report-narrow-light-end.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  sb_test_ui_iterate (300);
  save_picture (GTK_WIDGET (review), "report-narrow-dark-end.png");
  show_at_size (GTK_WINDOW (review), 1000, 760);
  save_picture (GTK_WIDGET (review), "report-wide-dark-end.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_widget_activate_action (GTK_WIDGET (sb_review_window_get_rehearse_page (review)), "rehearse.rate", "i", 4);
  gtk_window_close (GTK_WINDOW (review));
  sb_test_ui_iterate (50);

  /* The story page lists its recordings, with the trend of their
   * reports (an older answer added for it).
   */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
    g_autoptr(JsonObject) summary = json_object_new ();
    g_autoptr(SbRecording) older = NULL;

    json_object_set_double_member (summary, "words-per-minute", 176);
    json_object_set_double_member (summary, "coverage", 0.5);
    older = sb_recordings_add (store_recordings, story_id, yesterday, NULL, 74, summary, &error);
    g_assert_no_error (error);
  }
  sb_story_list_select_position (sb_window_get_story_list (window), 0);
  sb_test_ui_iterate (200);
  g_assert_true (sb_story_editor_get_story (sb_window_get_editor (window)) == story);
  {
    GtkWidget *group = sb_test_ui_find_widget (GTK_WIDGET (window), sb_test_ui_is_a,
                                               GSIZE_TO_POINTER (SB_TYPE_RECORDINGS_GROUP));

    g_assert_nonnull (group);
    g_assert_true (gtk_widget_get_visible (group));
    g_assert_cmpuint (sb_recordings_group_get_n_shown (SB_RECORDINGS_GROUP (group)), ==, 2);
    g_assert_nonnull (sb_test_ui_find_widget (group, label_says, "Last 2: 1:14 → "));
    save_picture (GTK_WIDGET (sb_window_get_tips_panel (window)), "story-page-light.png");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    sb_test_ui_iterate (300);
    save_picture (GTK_WIDGET (sb_window_get_tips_panel (window)), "story-page-dark.png");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  }

  /* Deleting the story deletes its recording; Undo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-story", NULL));
  sb_test_ui_iterate (20);
  g_assert_false (g_file_test (audio, G_FILE_TEST_EXISTS));
  recordings = sb_recordings_list (store_recordings, story_id);
  g_assert_cmpuint (recordings->len, ==, 0);
  g_clear_pointer (&recordings, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  sb_test_ui_iterate (20);
  g_assert_true (g_file_test (audio, G_FILE_TEST_IS_REGULAR));
  g_assert_cmphex (mode_of (audio), ==, 0600);
  recordings = sb_recordings_list (store_recordings, story_id);
  g_assert_cmpuint (recordings->len, ==, 2);
  g_clear_pointer (&recordings, g_ptr_array_unref);

  /* Deleted again, and the Undo gone (another deletion): gone for good. */
  sb_story_list_select_position (sb_window_get_story_list (window), 0);
  sb_test_ui_iterate (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-story", NULL));
  sb_test_ui_iterate (20);
  {
    g_autoptr(SbStory) other = sb_story_new ();

    sb_story_set_title (other, "Another story");
    sb_library_add (library, other);
    sb_story_list_select_position (sb_window_get_story_list (window), 0);
    sb_test_ui_iterate (50);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-story", NULL));
    sb_test_ui_iterate (20);
  }
  g_assert_true (sb_recordings_restore_story (store_recordings, story_id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (audio, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (20);
}

/* With "Keep Spoken Answers" off, the report is given and kept for the
 * trend, and no audio is written.
 */
static void
test_listen_without_keeping (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GPtrArray) recordings = NULL;
  g_autofree char *story_id = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  SbWindow *window;
  SbReviewWindow *review;
  SbAnswerView *view;
  SbStory *story;

  if (!can_listen ())
    return;

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_boolean (settings, "keep-recordings", FALSE);
  story = add_story (sb_application_get_library (app));
  story_id = g_strdup (sb_story_get_id (story));

  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
  review = open_card (window);
  view = record_answer (review);

  g_assert_nonnull (sb_answer_view_get_report (view));
  g_assert_nonnull (sb_answer_view_get_recording (view));
  g_assert_null (sb_recording_get_audio_path (sb_answer_view_get_recording (view)));
  recordings = sb_recordings_list (sb_application_get_recordings (app), story_id);
  g_assert_cmpuint (recordings->len, ==, 1);

  folder = g_build_filename (sb_recordings_get_dir (sb_application_get_recordings (app)), story_id, NULL);
  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    g_assert_false (g_str_has_suffix (name, ".ogg"));

  g_settings_reset (settings, "keep-recordings");
  gtk_window_close (GTK_WINDOW (review));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (20);
}

/* No speech model (or a Storybank built without listening): the card
 * says so, and the rehearsal goes on as before.
 */
static void
test_listen_no_model (void)
{
  g_autofree char *empty = g_build_filename (tmpdir, "no-model", NULL);
  SbRehearsePage *page;
  SbReviewWindow *review;
  SbReviewCard *card;
  SbWindow *window;

  g_mkdir_with_parents (empty, 0700);
  g_setenv ("STORYBANK_SPEECH_MODEL_DIR", empty, TRUE);
  add_story (sb_application_get_library (app));

  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
  review = open_card (window);
  page = sb_review_window_get_rehearse_page (review);

  /* Said on the card at once; Record is off. */
#ifdef HAVE_SPEECH
  g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (review), label_says, "pocketsphinx-en-us"));
  g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (review), label_says, "rate yourself as before"));
#else
  g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (review), label_says, "built without listening"));
#endif
  gtk_widget_activate_action (GTK_WIDGET (page), "rehearse.record", NULL);
  sb_test_ui_iterate (50);
  g_assert_false (sb_rehearse_page_get_listening (page));
  show_at_size (GTK_WINDOW (review), 720, 680);
#ifdef HAVE_SPEECH
  save_picture (GTK_WIDGET (review), "no-model-light.png");
#else
  save_picture (GTK_WIDGET (review), "no-speech-light.png");
#endif

  card = sb_review_session_get_current_card (sb_review_window_get_session (review));
  gtk_widget_activate_action (GTK_WIDGET (page), "rehearse.reveal", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "rehearse.rate", "i", 3);
  sb_test_ui_iterate (20);
  g_assert_true (sb_review_card_get_revealed (card));
  g_assert_cmpint (sb_review_card_get_rating (card), ==, 3);

  g_unsetenv ("STORYBANK_SPEECH_MODEL_DIR");
  gtk_window_close (GTK_WINDOW (review));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (20);
}

static void
skip_no_display (void)
{
  g_test_skip ("No display");
}

/* The answer, spoken by espeak-ng; NULL when it cannot speak. */
static char *
speak_answer (void)
{
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autofree char *path = g_build_filename (tmpdir, "answer.wav", NULL);
  const char *argv[] = { NULL, "-v", "en-us", "-s", "150", "-w", NULL, answer_text, NULL };
  int status = -1;

  if (espeak == NULL)
    return NULL;
  argv[0] = espeak;
  argv[6] = path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Before anything asks GLib for the data folder. */
  tmpdir = sb_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", tmpdir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/listen-ui/no-display", skip_no_display);
      return g_test_run ();
    }

  answer_wav = speak_answer ();
  if (answer_wav != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (answer_wav, NULL, NULL);

      g_setenv ("STORYBANK_LISTEN_SOURCE", uri, TRUE);
    }

  adw_init ();
  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/listen-ui/report-and-recording", test_listen_report_and_recording);
  g_test_add_func ("/listen-ui/without-keeping", test_listen_without_keeping);
  g_test_add_func ("/listen-ui/no-model", test_listen_no_model);

  ret = g_test_run ();
  g_clear_object (&app);
  sb_test_rm_rf (tmpdir);
  g_free (tmpdir);
  g_free (answer_wav);
  return ret;
}
