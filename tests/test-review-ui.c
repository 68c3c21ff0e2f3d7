/* test-review-ui.c: rehearsing in the Review window, as a user does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sb-application.h"
#include "sb-review-window.h"
#include "sb-store.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window.h"

static char *tmpdir;
/* One application for the whole program, as a user has one. */
static SbApplication *app;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static SbStory *
add_story (SbLibrary  *library,
           const char *title)
{
  g_autoptr(SbStory) story = sb_story_new ();
  const char *actions[] = { "Mapped the problem", "Proposed a plan", NULL };

  sb_story_set_title (story, title);
  sb_story_set_situation (story, "The situation");
  sb_story_set_task (story, "The task");
  sb_story_set_actions (story, actions);
  sb_story_set_result (story, "The result");
  sb_story_add_principle (story, "think-big");
  sb_library_add (library, story);
  return story;
}

/* A label the user can see, reading @text. */
static gboolean
label_reads (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static SbStory *
find_parsed (GPtrArray  *stories,
             const char *id)
{
  for (guint i = 0; i < stories->len; i++)
    if (g_str_equal (sb_story_get_id (g_ptr_array_index (stories, i)), id))
      return g_ptr_array_index (stories, i);
  return NULL;
}

static void
test_rehearse_three_cards (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *contents = NULL;
  g_autoptr(JsonArray) principles = NULL;
  g_auto(GStrv) extra_keys = NULL;
  g_auto(GStrv) extra_values = NULL;
  gint64 version = 0;
  SbLibrary *library;
  SbStore *store;
  SbWindow *window;
  SbReviewWindow *review;
  GtkWidget *page;
  SbReviewSession *session;
  SbReviewSummary summary;
  const char *ids[3] = { NULL };
  int ratings[3] = { 0 };
  guint n_with_learnings = 0;
  gsize length;


  library = sb_application_get_library (app);
  store = sb_application_get_store (app);
  add_story (library, "Scalable Architecture Vision");
  {
    SbStory *story = add_story (library, "Data Platform Transformation");

    sb_story_set_learnings (story, "Migrate one team first, then the rest.");
    sb_story_set_notes (story, "They may ask about the cost — ~€40k/yr saved.");
  }
  add_story (library, "Developer Platform Vision");
  g_assert_true (sb_store_flush (store, &error));
  g_assert_no_error (error);

  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* Ctrl+R's action opens the Review window on its setup page. */
  g_assert_null (SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL);
  iterate ();
  review = SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));
  g_assert_nonnull (review);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (review)) == GTK_WINDOW (window));
  g_assert_cmpstr (sb_review_window_get_visible_page (review), ==, "setup");
  g_assert_null (sb_review_window_get_session (review));

  page = GTK_WIDGET (sb_review_window_get_rehearse_page (review));
  gtk_widget_activate_action (page, "rehearse.start", NULL);
  iterate ();
  session = sb_review_window_get_session (review);
  g_assert_nonnull (session);
  g_assert_cmpuint (sb_review_session_get_n_cards (session), ==, 3);
  g_assert_cmpstr (sb_review_window_get_visible_page (review), ==, "card");

  for (guint i = 0; i < 3; i++)
    {
      SbReviewCard *card = sb_review_session_get_current_card (session);

      g_assert_nonnull (card);
      g_assert_cmpuint (sb_review_session_get_position (session), ==, i);
      g_assert_false (sb_review_card_get_revealed (card));
      ids[i] = sb_story_get_id (sb_review_card_get_story (card));
      ratings[i] = 2 + i;

      /* Space: reveal. */
      gtk_widget_activate_action (page, "rehearse.reveal", NULL);
      iterate ();
      g_assert_true (sb_review_card_get_revealed (card));
      /* The story's learnings and notes are shown with it, after the
       * result, when it has them.
       */
      if (sb_story_get_learnings (sb_review_card_get_story (card))[0] != '\0')
        {
          GtkWidget *learnings = sb_test_ui_find_widget (GTK_WIDGET (review), label_reads, "Learnings");
          GtkWidget *notes = sb_test_ui_find_widget (GTK_WIDGET (review), label_reads, "Notes");

          g_assert_nonnull (learnings);
          g_assert_nonnull (notes);
          n_with_learnings++;
          g_assert_true (gtk_widget_get_prev_sibling (learnings) ==
                         sb_test_ui_find_widget (GTK_WIDGET (review), label_reads, "The result"));
          g_assert_true (gtk_widget_get_prev_sibling (notes) ==
                         sb_test_ui_find_widget (GTK_WIDGET (review), label_reads, "Migrate one team first, then the rest."));
          g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (review), label_reads,
                                                    "They may ask about the cost — ~€40k/yr saved."));
        }
      else
        g_assert_null (sb_test_ui_find_widget (GTK_WIDGET (review), label_reads, "Learnings"));

      /* 2, 3, 4: rate; a second rating of the same card is ignored. */
      gtk_widget_activate_action (page, "rehearse.rate", "i", ratings[i]);
      gtk_widget_activate_action (page, "rehearse.rate", "i", 1);
      iterate ();
      g_assert_cmpint (sb_review_card_get_rating (card), ==, ratings[i]);

      /* Right: the next card (the summary after the last). */
      gtk_widget_activate_action (page, "rehearse.next", NULL);
      iterate ();
    }

  g_assert_cmpuint (n_with_learnings, ==, 1);
  g_assert_cmpstr (ids[0], !=, ids[1]);
  g_assert_cmpstr (ids[1], !=, ids[2]);
  g_assert_cmpstr (ids[0], !=, ids[2]);
  g_assert_true (sb_review_session_get_finished (session));
  g_assert_cmpstr (sb_review_window_get_visible_page (review), ==, "summary");
  sb_review_session_get_summary (session, &summary);
  g_assert_cmpuint (summary.n_done, ==, 3);
  g_assert_cmpfloat_with_epsilon (summary.average_confidence, 3.0, 0.001);

  /* The practice is saved with the stories, like any edit. */
  g_assert_true (sb_store_flush (store, &error));
  g_assert_no_error (error);
  g_file_get_contents (sb_store_get_path (store), &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (sb_store_get_path (store), tmpdir));
  sb_store_parse (contents, length, &parsed, &principles, &version, &extra_keys, &extra_values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      SbStory *story = find_parsed (parsed, ids[i]);
      GDateTime *last;

      g_assert_nonnull (story);
      g_assert_cmpuint (sb_story_get_practice_count (story), ==, 1);
      g_assert_cmpint (sb_story_get_confidence (story), ==, ratings[i]);
      last = sb_story_get_practice_last (story);
      g_assert_nonnull (last);
      g_assert_cmpint (g_date_time_difference (last, before), >=, -G_USEC_PER_SEC);
      g_assert_cmpint (g_date_time_difference (last, before), <, 600 * G_USEC_PER_SEC);
    }

  /* Escape (window.close) leaves; the main window stays. */
  gtk_widget_activate_action (GTK_WIDGET (review), "window.close", NULL);
  iterate ();
  g_assert_null (SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW)));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_coverage_gap_starts_story (void)
{
  SbLibrary *library;
  SbWindow *window;
  SbReviewWindow *review;
  guint n_before;
  g_autoptr(SbStory) story = NULL;

  library = sb_application_get_library (app);

  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.coverage", NULL);
  iterate ();
  review = SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));
  g_assert_nonnull (review);
  g_assert_cmpstr (sb_review_window_get_visible_page (review), ==, "coverage");
  gtk_window_destroy (GTK_WINDOW (review));
  iterate ();

  /* What a click on a gap does: a story under that principle, titled
   * with its first sample question.
   */
  n_before = g_list_model_get_n_items (G_LIST_MODEL (library));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story-in", "s", "ownership");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_before + 1);
  story = g_list_model_get_item (G_LIST_MODEL (library), n_before);
  g_assert_true (sb_story_has_principle (story, "ownership"));
  g_assert_cmpstr (sb_story_get_title (story), !=, "");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
skip_no_display (void)
{
  g_test_skip ("No display (run under xvfb-run)");
}

/* Ctrl+R then Enter starts rehearsing: the setup page's Start button has
 * the focus and is the default, not the view switcher.
 */
static void
test_enter_starts (void)
{
  SbLibrary *library = sb_application_get_library (app);
  SbWindow *window;
  SbReviewWindow *review;
  GtkWidget *focus;

  add_story (library, "Enter Starts It");
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL);
  iterate ();
  review = SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));
  g_assert_nonnull (review);
  sb_test_ui_iterate (100);

  focus = gtk_window_get_focus (GTK_WINDOW (review));
  g_assert_nonnull (focus);
  /* The scope is counted when the window is idle. */
  for (guint i = 0; i < 100 && !gtk_widget_is_sensitive (focus); i++)
    sb_test_ui_iterate (100);
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "rehearse.start");

  /* Enter on the focused default button. */
  g_signal_emit_by_name (review, "activate-default");
  iterate ();
  g_assert_nonnull (sb_review_window_get_session (review));
  g_assert_cmpstr (sb_review_window_get_visible_page (review), ==, "card");

  gtk_window_destroy (GTK_WINDOW (review));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* A row of the coverage as a user's click activates it. */
static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A principle's row in the coverage does what it says: rehearse its
 * stories when it has some, write one in the main window when it has none.
 */
static void
test_coverage_rows (void)
{
  SbLibrary *library = sb_application_get_library (app);
  SbWindow *window;
  SbReviewWindow *review;
  SbReviewSession *session;
  GtkWidget *row;
  guint n_before;
  g_autoptr(SbStory) story = NULL;

  add_story (library, "Bet the Quarter on Search — and Won");
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.coverage", NULL);
  iterate ();
  review = SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));
  g_assert_nonnull (review);
  sb_test_ui_iterate (100);

  /* Think Big has stories: its row leads to rehearsing them, and only them. */
  row = sb_test_ui_find_widget (GTK_WIDGET (review), row_titled, "Think Big");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  iterate ();
  g_assert_cmpstr (sb_review_window_get_visible_page (review), ==, "setup");
  gtk_widget_activate_action (GTK_WIDGET (sb_review_window_get_rehearse_page (review)), "rehearse.start", NULL);
  iterate ();
  g_assert_cmpstr (sb_review_window_get_visible_page (review), ==, "card");
  session = sb_review_window_get_session (review);
  g_assert_nonnull (session);
  g_assert_cmpuint (sb_review_session_get_n_cards (session), >=, 1);
  for (guint i = 0; i < sb_review_session_get_n_cards (session); i++)
    {
      g_autoptr(SbReviewCard) card = g_list_model_get_item (sb_review_session_get_cards (session), i);

      g_assert_true (sb_story_has_principle (sb_review_card_get_story (card), "think-big"));
    }

  /* Customer Obsession has none: its row writes one and leaves. */
  sb_review_window_show_coverage (review);
  sb_test_ui_iterate (100);
  row = sb_test_ui_find_widget (GTK_WIDGET (review), row_titled, "Customer Obsession");
  g_assert_nonnull (row);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (library));
  gtk_widget_activate (row);
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_before + 1);
  story = g_list_model_get_item (G_LIST_MODEL (library), n_before);
  g_assert_true (sb_story_has_principle (story, "customer-obsession"));
  g_assert_null (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* A key pressed in @window, as its key controller sees it. */
static gboolean
press_key (GtkWidget *window,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          if (handled)
            break;
        }
    }
  iterate ();
  return handled;
}

/* On a card, the keys the card names: Space reveals, 1-5 rate, Right moves
 * on, Escape leaves; on the Coverage view they are left to the list.
 */
static void
test_card_keys (void)
{
  SbLibrary *library = sb_application_get_library (app);
  SbWindow *window;
  SbReviewWindow *review;
  SbReviewSession *session;
  SbReviewCard *card;

  add_story (library, "Keys: Rebuilt the Ledger in a Weekend");
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL);
  iterate ();
  review = SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));
  g_assert_nonnull (review);

  /* Space on the setup page is the focused button's, not the card's. */
  g_assert_false (press_key (GTK_WIDGET (review), GDK_KEY_space));
  gtk_widget_activate_action (GTK_WIDGET (sb_review_window_get_rehearse_page (review)), "rehearse.start", NULL);
  iterate ();
  session = sb_review_window_get_session (review);
  g_assert_nonnull (session);
  card = sb_review_session_get_current_card (session);
  g_assert_nonnull (card);

  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_space));
  g_assert_true (sb_review_card_get_revealed (card));
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_4));
  g_assert_cmpint (sb_review_card_get_rating (card), ==, 4);
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_Right));
  g_assert_cmpuint (sb_review_session_get_position (session), ==, 1);
  g_assert_true (sb_review_session_get_current_card (session) != card);

  /* Not on the Coverage view. */
  sb_review_window_show_coverage (review);
  iterate ();
  g_assert_false (press_key (GTK_WIDGET (review), GDK_KEY_space));
  g_assert_false (press_key (GTK_WIDGET (review), GDK_KEY_Right));
  g_assert_cmpuint (sb_review_session_get_position (session), ==, 1);

  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_Escape));
  g_assert_null (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
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
      g_test_add_func ("/review-ui/no-display", skip_no_display);
      return g_test_run ();
    }

  adw_init ();
  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/review-ui/rehearse-three-cards", test_rehearse_three_cards);
  g_test_add_func ("/review-ui/coverage-gap-starts-story", test_coverage_gap_starts_story);
  g_test_add_func ("/review-ui/enter-starts", test_enter_starts);
  g_test_add_func ("/review-ui/coverage-rows", test_coverage_rows);
  g_test_add_func ("/review-ui/card-keys", test_card_keys);

  ret = g_test_run ();
  g_clear_object (&app);
  sb_test_rm_rf (tmpdir);
  g_free (tmpdir);
  return ret;
}
