/* test-interview-ui.c: planning an interview loop in the window, as a
 * user does: from the posting to the plan, the day's rehearsals and the
 * log after the interview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With SB_SHOTS_DIR set, the test also saves pictures of each screen
 * there (light and dark, wide and narrow) for a designer's eye.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-interview-page.h"
#include "sb-plan.h"
#include "sb-posting.h"
#include "sb-principle-sidebar.h"
#include "sb-rehearse-page.h"
#include "sb-review-window.h"
#include "sb-schedule.h"
#include "sb-story-editor.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"
#include "sb-window-transfer.h"
#include "sb-window.h"

static char *data_home;

static const char *posting =
  "Senior Software Engineer, Payments\n\n"
  "We are looking for an engineer with a strong sense of Ownership who will "
  "Dive Deep into our systems. You take ownership of services end to end, "
  "dig into metrics and root causes, and deliver results for customers "
  "under tight deadlines. You earn trust by being candid and you insist on "
  "the highest standards for code review and operational excellence.";

static SbStory *
add_story (SbLibrary  *library,
           const char *title,
           const char *principle_id,
           int         confidence,
           int         days_ago)
{
  g_autoptr(SbStory) story = sb_story_new ();
  const char *actions[] = { "Traced the failing path", "Shipped the fix", NULL };

  sb_story_set_title (story, title);
  sb_story_set_situation (story, "Payments were failing at peak");
  sb_story_set_task (story, "Find the cause before the weekend");
  sb_story_set_actions (story, actions);
  sb_story_set_result (story, "Failures fell from 2% to 0.1%");
  sb_story_add_principle (story, principle_id);
  if (confidence > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);

      sb_story_record_practice (story, confidence, when);
    }
  sb_library_add (library, story);
  return story;
}

/* Scrolls the page so that @target's top shows. */
static void
scroll_to (GtkWidget *target)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (target, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  /* Measured from the scrolled window's top, which has scrolled already. */
  if (gtk_widget_compute_point (target, scroller, &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
}

/* Pictures for a designer, when asked for: the window showing @pane,
 * scrolled to @target when given.
 */
static void
shoot_at (GtkWidget  *window,
          const char *name,
          const char *pane,
          GtkWidget  *target)
{
  const char *dir = g_getenv ("SB_SHOTS_DIR");
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *schemes[] = { "light", "dark" };
  const int widths[] = { 1280, 400 };

  GLogLevelFlags fatal;

  if (dir == NULL)
    return;

  /* Pictures only: a widget a frame behind in a busy Xvfb is no failure. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        g_autofree char *file = g_strdup_printf ("%s/%s-%s-%s.png", dir, name, schemes[s], w == 0 ? "wide" : "narrow");
        int height = w == 0 ? 800 : 760;

        adw_style_manager_set_color_scheme (style, s == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT : ADW_COLOR_SCHEME_FORCE_DARK);
        gtk_window_set_default_size (GTK_WINDOW (window), widths[w], height);
        sb_test_ui_iterate (300);
        gtk_widget_activate_action (window, pane, NULL);
        sb_test_ui_iterate (300);
        if (target != NULL)
          {
            scroll_to (target);
            sb_test_ui_iterate (200);
          }

        /* A busy machine may be a frame behind: let it catch up. */
        sb_test_ui_iterate (300);
        sb_test_ui_save_picture (window, file);
      }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  sb_test_ui_iterate (200);
  g_log_set_always_fatal (fatal);
}

static void
shoot (GtkWidget  *window,
       const char *name,
       const char *pane)
{
  shoot_at (window, name, pane, NULL);
}

static GtkWidget *
page_child (SbInterviewPage *page,
            const char      *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_INTERVIEW_PAGE, name));
}

static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_entry_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget);
}

static gboolean
is_check_for_story (GtkWidget     *widget,
                    gconstpointer  story_id)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "sb-story-id"), story_id) == 0;
}

static gboolean
is_other_told_for (GtkWidget     *widget,
                   gconstpointer  round)
{
  return GTK_IS_MENU_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "sb-round") == round;
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

static gboolean
is_row_for (GtkWidget     *widget,
            gconstpointer  interview)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_object_get_data (G_OBJECT (widget), "sb-interview") == interview;
}

static gboolean
is_past_toggle (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_object_get_data (G_OBJECT (widget), "sb-past-toggle") != NULL;
}

static void
skip_no_display (void)
{
  g_test_skip ("No display (run under xvfb-run)");
}

static gboolean
plan_uses_story_twice (SbPlan *plan)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *round = g_ptr_array_index (plan->rounds, r);

      for (guint s = 0; s < round->slots->len; s++)
        {
          SbPlanSlot *slot = g_ptr_array_index (round->slots, s);

          if (slot->pick == NULL)
            continue;
          if (!g_hash_table_add (seen, (gpointer) sb_story_get_id (slot->pick->story)))
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_interview_loop (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbLibrary *library = sb_application_get_library (app);
  SbWindow *window;
  SbPrincipleSidebar *sidebar;
  SbInterviewPage *page;
  SbInterview *interview;
  GPtrArray *matches;
  SbPlan *plan;
  SbRound *first, *second;
  SbStory *told;
  SbReviewWindow *review;
  SbRehearsePage *rehearse;
  SbReviewSession *session;
  GtkWidget *widget;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_three_days = g_date_time_add_days (now, 3);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_auto(GStrv) due = NULL;
  guint n_due;

  add_story (library, "Owned the payments outage", "ownership", 4, 3);
  add_story (library, "Took over the orphaned billing service", "ownership", 3, 2);
  add_story (library, "Found the root cause in the metrics", "dive-deep", 4, 4);
  add_story (library, "Traced the slow checkout to one query", "dive-deep", 2, 1);
  add_story (library, "Shipped the migration before the deadline", "deliver-results", 5, 6);

  window = sb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (200);
  sidebar = sb_window_get_sidebar (window);

  /* No interview yet: the sidebar offers to plan one. */
  shoot (GTK_WIDGET (window), "sidebar-empty", "win.show-sidebar");

  /* New Interview opens an empty page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-interview", NULL));
  sb_test_ui_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (library)), ==, 1);
  interview = sb_principle_sidebar_get_interview (sidebar);
  g_assert_nonnull (interview);
  page = sb_window_get_interview_page (window);
  g_assert_nonnull (page);
  g_assert_true (sb_interview_page_get_interview (page) == interview);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  shoot (GTK_WIDGET (window), "interview-new", "win.show-editor");

  /* The date's popover is a surface of its own: the screen is grabbed. */
  if (g_getenv ("SB_SHOTS_DIR") != NULL)
    {
      g_autofree char *file = g_build_filename (g_getenv ("SB_SHOTS_DIR"), "interview-date-light-wide.png", NULL);
      const char *argv[] = { "import", "-window", "root", file, NULL };

      gtk_menu_button_popup (GTK_MENU_BUTTON (page_child (page, "date_button")));
      sb_test_ui_iterate (500);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (page_child (page, "date_button")));
      sb_test_ui_iterate (100);
    }
  /* Opened and closed, the date's popover sets no date. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (page_child (page, "date_button")));
  sb_test_ui_iterate (50);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (page_child (page, "date_button")));
  sb_test_ui_iterate (50);
  g_assert_null (sb_interview_get_date (interview));

  /* Company and role, typed; the date from its popover's calendar. */
  gtk_editable_set_text (GTK_EDITABLE (page_child (page, "company_row")), "Acme");
  gtk_editable_set_text (GTK_EDITABLE (page_child (page, "role_row")), "Senior Engineer");
  gtk_editable_set_text (GTK_EDITABLE (page_child (page, "time_entry")), "10:30");
  gtk_calendar_select_day (GTK_CALENDAR (page_child (page, "calendar")), in_three_days);
  g_signal_emit_by_name (page_child (page, "calendar"), "day-selected");
  g_assert_cmpstr (sb_interview_get_company (interview), ==, "Acme");
  g_assert_cmpstr (sb_interview_get_role (interview), ==, "Senior Engineer");
  g_assert_nonnull (sb_interview_get_date (interview));
  g_assert_cmpint (sb_interview_get_days_until (interview, now), ==, 3);
  g_assert_cmpint (g_date_time_get_hour (sb_interview_get_date (interview)), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (sb_interview_get_date (interview)), ==, 30);

  /* The posting, pasted: what it stresses shows below it. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (page_child (page, "posting_view"))), posting, -1);
  g_assert_cmpstr (sb_interview_get_posting (interview), ==, posting);
  matches = sb_interview_page_get_matches (page);
  g_assert_nonnull (matches);
  g_assert_cmpuint (matches->len, >=, 2);

  /* Rounds from the analysis: the first match makes a round, the second
   * joins it; another round probes Deliver Results.
   */
  {
    SbPostingMatch *top = g_ptr_array_index (matches, 0);
    SbPostingMatch *next = g_ptr_array_index (matches, 1);
    g_autofree char *top_id = g_strdup (sb_principle_get_id (top->principle));
    g_autofree char *next_id = g_strdup (sb_principle_get_id (next->principle));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interview.add-principle", "(ss)", "", top_id));
    g_assert_cmpuint (sb_interview_get_n_rounds (interview), ==, 1);
    first = sb_interview_get_round (interview, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interview.add-principle", "(ss)",
                                               sb_round_get_id (first), next_id));
    g_assert_true (sb_round_has_principle (first, top_id));
    g_assert_true (sb_round_has_principle (first, next_id));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interview.add-round", NULL));
  g_assert_cmpuint (sb_interview_get_n_rounds (interview), ==, 2);
  second = sb_interview_get_round (interview, 1);
  sb_round_set_name (second, "Bar raiser");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interview.add-principle", "(ss)",
                                             sb_round_get_id (second), "deliver-results"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interview.add-principle", "(ss)",
                                             sb_round_get_id (second), "ownership"));
  sb_test_ui_iterate (100);

  /* The plan: a story per probed principle, none told twice in the loop. */
  plan = sb_interview_page_get_plan (page);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->rounds->len, ==, 2);
  g_assert_cmpuint (plan->n_stories, >=, 3);
  g_assert_false (plan_uses_story_twice (plan));
  shoot_at (GTK_WIDGET (window), "interview-analysis", "win.show-editor", page_child (page, "analysis_list"));
  shoot_at (GTK_WIDGET (window), "interview-rounds", "win.show-editor", page_child (page, "rounds_group"));
  shoot_at (GTK_WIDGET (window), "interview-plan", "win.show-editor", page_child (page, "plan_group"));

  /* Accept it: each round keeps its stories. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interview.accept-plan", NULL));
  sb_test_ui_iterate (50);
  g_assert_cmpuint (sb_round_get_n_planned (first), >=, 1);
  g_assert_cmpuint (sb_round_get_n_planned (second), >=, 1);
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "accept_button")));

  /* Print (Ctrl+P) on the interview's page prints its plan. */
  {
    g_autoptr(GtkPrintOperation) operation = sb_window_new_print_operation (window);
    g_autofree char *job_name = NULL;

    g_object_get (operation, "job-name", &job_name, NULL);
    g_assert_cmpstr (job_name, ==, "Acme — Senior Engineer");
  }

  /* Export Plan writes what the page shows, as the name says. */
  {
    const char *names[] = { "plan.pdf", "plan.md", "plan.txt" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (data_home, names[i], NULL);
        g_autoptr(GError) error = NULL;
        g_autofree char *contents = NULL;

        g_assert_true (_sb_window_export_plan_to (window, path, &error));
        g_assert_no_error (error);
        contents = sb_test_read_file (path);
        if (i == 0)
          g_assert_true (g_str_has_prefix (contents, "%PDF"));
        else
          g_assert_nonnull (strstr (contents, "Acme"));
        g_remove (path);
      }
  }

  /* Due today: the planned stories whose rehearsal is now, rehearsed in
   * the rehearsal window; their ratings move their schedule on.
   */
  due = sb_schedule_dup_due_today (library, now);
  n_due = g_strv_length (due);
  g_assert_cmpuint (n_due, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rehearse-due", NULL));
  sb_test_ui_iterate (100);
  review = SB_REVIEW_WINDOW (sb_test_ui_find_toplevel (SB_TYPE_REVIEW_WINDOW));
  g_assert_nonnull (review);
  rehearse = sb_review_window_get_rehearse_page (review);
  g_assert_cmpstr (sb_rehearse_page_get_visible_page (rehearse), ==, "setup");
  g_assert_true (sb_rehearse_page_activate_default (rehearse));
  sb_test_ui_iterate (50);
  session = sb_rehearse_page_get_session (rehearse);
  g_assert_nonnull (session);
  g_assert_cmpuint (sb_review_session_get_n_cards (session), ==, n_due);
  for (guint i = 0; i < n_due; i++)
    {
      g_assert_true (sb_rehearse_page_handle_key (rehearse, GDK_KEY_space));
      g_assert_true (sb_rehearse_page_handle_key (rehearse, GDK_KEY_5));
      g_assert_true (sb_rehearse_page_handle_key (rehearse, GDK_KEY_Right));
      sb_test_ui_iterate (20);
    }
  g_assert_true (sb_review_session_get_finished (session));
  {
    g_auto(GStrv) still_due = sb_schedule_dup_due_today (library, now);

    for (guint i = 0; due[i] != NULL; i++)
      g_assert_false (g_strv_contains ((const char * const *) still_due, due[i]));
  }
  gtk_window_destroy (GTK_WINDOW (review));
  sb_test_ui_iterate (50);

  /* The day has passed: the log, pre-filled from the plan. */
  sb_interview_set_date (interview, yesterday);
  sb_test_ui_iterate (100);
  (void) sb_interview_page_get_plan (page);
  g_assert_true (gtk_widget_get_visible (page_child (page, "log_group")));
  told = sb_library_find (library, sb_round_get_planned_story_at (first, 0));
  g_assert_nonnull (told);
  widget = sb_test_ui_find_widget (page_child (page, "log_box"), is_check_for_story, sb_story_get_id (told));
  g_assert_nonnull (widget);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));
  g_assert_cmpuint (sb_round_get_n_told (first), ==, 0);

  /* How the first round went: 4. The plan is written down as told. */
  widget = sb_test_ui_find_widget (page_child (page, "log_box"), is_toggle_labelled, "4");
  g_assert_nonnull (widget);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), TRUE);
  g_assert_cmpint (sb_round_get_rating (first), ==, 4);
  g_assert_true (sb_round_has_told (first, sb_story_get_id (told)));
  sb_test_ui_iterate (50);
  shoot_at (GTK_WIDGET (window), "interview-log", "win.show-editor", page_child (page, "log_group"));

  /* A follow-up question goes into the story's notes. */
  widget = sb_test_ui_find_widget (page_child (page, "log_box"), is_entry_row, NULL);
  g_assert_nonnull (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), "What would you do differently?");
  g_signal_emit_by_name (widget, "apply");
  g_assert_nonnull (strstr (sb_story_get_notes (told), "What would you do differently?"));
  g_assert_true (g_strv_contains (sb_round_get_follow_ups (first), "What would you do differently?"));
  /* The log is built again, the next question typed in the same place. */
  sb_test_ui_iterate (100);
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, page_child (page, "log_box")));
    g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW));
  }

  /* A story the plan did not have: searched for among them all, logged. */
  {
    SbStory *other = NULL;
    GtkWidget *button, *popover, *entry, *view;
    GListModel *found;
    guint position = G_MAXUINT;

    for (guint i = 0; other == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
      {
        g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

        if (!sb_round_has_told (first, sb_story_get_id (story)) && sb_story_get_title (story)[0] != '\0')
          other = story;
      }
    g_assert_nonnull (other);
    button = sb_test_ui_find_widget (page_child (page, "log_box"), is_other_told_for, first);
    g_assert_nonnull (button);
    /* On screen first: a popover points at what is shown. */
    gtk_widget_grab_focus (button);
    sb_test_ui_iterate (100);
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    sb_test_ui_iterate (100);
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    entry = sb_test_ui_find_widget (popover, sb_test_ui_is_a, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
    view = sb_test_ui_find_widget (popover, sb_test_ui_is_a, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW));
    g_assert_nonnull (entry);
    g_assert_nonnull (view);
    found = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
    g_assert_cmpuint (g_list_model_get_n_items (found), ==, g_list_model_get_n_items (G_LIST_MODEL (library)));
    gtk_editable_set_text (GTK_EDITABLE (entry), sb_story_get_title (other));
    g_signal_emit_by_name (entry, "search-changed");
    sb_test_ui_iterate (300);
    g_assert_cmpuint (g_list_model_get_n_items (found), >=, 1);
    g_assert_cmpuint (g_list_model_get_n_items (found), <, g_list_model_get_n_items (G_LIST_MODEL (library)));
    if (g_getenv ("SB_SHOTS_DIR") != NULL)
      {
        g_autofree char *file = g_build_filename (g_getenv ("SB_SHOTS_DIR"), "interview-told-picker-light-wide.png", NULL);
        const char *argv[] = { "import", "-window", "root", file, NULL };

        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
      }
    for (guint i = 0; i < g_list_model_get_n_items (found); i++)
      {
        g_autoptr(SbStory) story = g_list_model_get_item (found, i);

        if (story == other)
          position = i;
      }
    g_assert_cmpuint (position, !=, G_MAXUINT);
    g_signal_emit_by_name (view, "activate", position);
    g_assert_true (sb_round_has_told (first, sb_story_get_id (other)));
    g_assert_true (sb_round_has_told (first, sb_story_get_id (told)));
    g_assert_false (gtk_widget_get_visible (popover));
    sb_test_ui_iterate (100);  /* the log is built again, the picker with it */
    widget = sb_test_ui_find_widget (page_child (page, "log_box"), is_check_for_story, sb_story_get_id (other));
    g_assert_nonnull (widget);
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));
    shoot_at (GTK_WIDGET (window), "interview-log-other", "win.show-editor", page_child (page, "log_group"));

    /* Typed and Enter, at once: the first story found. */
    button = sb_test_ui_find_widget (page_child (page, "log_box"), is_other_told_for, second);
    g_assert_nonnull (button);
    gtk_widget_grab_focus (button);
    sb_test_ui_iterate (100);
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    sb_test_ui_iterate (100);
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    entry = sb_test_ui_find_widget (popover, sb_test_ui_is_a, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
    gtk_editable_set_text (GTK_EDITABLE (entry), sb_story_get_title (told));
    g_signal_emit_by_name (entry, "activate");
    g_assert_true (sb_round_has_told (second, sb_story_get_id (told)));
    sb_test_ui_iterate (100);
  }

  /* The outcome. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (page_child (page, "outcome_row")), SB_INTERVIEW_OUTCOME_OFFER);
  g_assert_cmpint (sb_interview_get_outcome (interview), ==, SB_INTERVIEW_OUTCOME_OFFER);

  /* The story says where it was told. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-story", "s", sb_story_get_id (told));
  sb_test_ui_iterate (50);
  g_assert_null (sb_principle_sidebar_get_interview (sidebar));
  g_assert_true (sb_story_editor_get_story (sb_window_get_editor (window)) == told);
  widget = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (sb_window_get_editor (window)),
                                                      SB_TYPE_STORY_EDITOR, "history_label"));
  g_assert_true (gtk_widget_get_visible (widget));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Told at Acme on "));
  shoot (GTK_WIDGET (window), "story-told", "win.show-editor");

  /* Deleting it asks first, naming the interview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-story", NULL));
  sb_test_ui_iterate (50);
  g_assert_nonnull (sb_library_find (library, sb_story_get_id (told)));
  {
    GtkWindow *dialog = sb_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Acme"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
    sb_test_ui_iterate (50);
  }
  g_assert_null (sb_library_find (library, sb_story_get_id (told)));
  /* The log keeps the title. */
  g_assert_cmpstr (sb_round_get_told_title (first, 0), !=, "");

  /* More interviews: upcoming ones first, with their countdown; the past
   * one folded away, shown again when selected.
   */
  {
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 12);
    g_autoptr(SbInterview) globex = sb_interview_new ("Globex", "Staff Engineer", tomorrow);
    g_autoptr(SbInterview) initech = sb_interview_new ("Initech", "Engineering Manager", later);

    sb_library_add_interview (library, initech);
    sb_library_add_interview (library, globex);
    sb_test_ui_iterate (50);
    {
      g_autoptr(SbInterview) soonest = g_list_model_get_item (sb_library_get_interviews (library), 0);

      g_assert_true (soonest == globex);
    }
    g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (sidebar), is_row_for, globex));
    /* The past one went on showing; its section folds. */
    widget = sb_test_ui_find_widget (GTK_WIDGET (sidebar), is_past_toggle, NULL);
    g_assert_nonnull (widget);
    g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (sidebar), is_row_for, interview));
    gtk_widget_activate (widget);
    sb_test_ui_iterate (50);
    g_assert_null (sb_test_ui_find_widget (GTK_WIDGET (sidebar), is_row_for, interview));
    sb_principle_sidebar_set_interview (sidebar, interview);
    sb_test_ui_iterate (50);
    g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (sidebar), is_row_for, interview));
    /* The deletion's toast is not part of the picture. */
    if (window->delete_toast != NULL)
      adw_toast_dismiss (window->delete_toast);
    shoot (GTK_WIDGET (window), "sidebar-interviews", "win.show-sidebar");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (sb_store_flush (sb_application_get_store (app), NULL));
}

/* At 10,000 stories and 200 interviews, opening an interview's page
 * (its analysis, rounds, plan and log built) stays quick on the main
 * thread: the page's own work (all but computing the plan, which the
 * model's tests time) under 50 ms. Run with -m perf: the figures go to
 * the README.
 */
static void
test_open_speed (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbLibrary *library = sb_application_get_library (app);
  g_autoptr(GPtrArray) stories = sb_test_make_stories (10000, 24);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *probes[] = { "ownership", "dive-deep", "deliver-results", "earn-trust", "customer-obsession" };
  SbWindow *window;
  SbInterviewPage *page;
  double best = G_MAXDOUBLE;
  double best_compute = G_MAXDOUBLE;
  g_autoptr(SbInterview) last = NULL;

  if (!g_test_perf ())
    {
      g_test_skip ("A speed figure: run with -m perf");
      return;
    }

  sb_library_splice (library, stories);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (now, (int) i - 100);
      g_autofree char *company = g_strdup_printf ("Company %u", i % 40);
      g_autoptr(SbInterview) interview = sb_interview_new (company, "Engineer", date);

      sb_interview_set_posting (interview, posting);
      for (guint r = 0; r < 4; r++)
        {
          g_autofree char *name = g_strdup_printf ("Round %u", r + 1);
          g_autoptr(SbRound) round = sb_round_new (name);

          sb_round_add_principle (round, probes[r]);
          sb_round_add_principle (round, probes[(r + 1) % G_N_ELEMENTS (probes)]);
          sb_interview_add_round (interview, round);
        }
      sb_library_add_interview (library, interview);
      g_set_object (&last, interview);
    }

  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (200);

  for (guint i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(SbPlan) plan = sb_plan_compute (last, library, sb_application_get_catalog (app));

      best_compute = MIN (best_compute, (g_get_monotonic_time () - start) / 1000.0);
    }

  for (guint i = 0; i < 5; i++)
    {
      gint64 start;
      double ms;

      sb_principle_sidebar_set_interview (sb_window_get_sidebar (window), NULL);
      sb_test_ui_iterate (50);
      start = g_get_monotonic_time ();
      sb_principle_sidebar_set_interview (sb_window_get_sidebar (window), last);
      page = sb_window_get_interview_page (window);
      (void) sb_interview_page_get_plan (page);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      best = MIN (best, ms);
      sb_test_ui_iterate (50);
    }

  g_test_minimized_result (best, "opening an interview at 10,000 stories and 200 interviews: %.1f ms, "
                           "of which computing its plan %.1f ms", best, best_compute);
  g_assert_cmpfloat (best - best_compute, <, 50.0);
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

/* A library from a newer Storybank is only shown: no new interview. */
static void
test_read_only (void)
{
  g_autofree char *dir = g_build_filename (data_home, "storybank", NULL);
  g_autofree char *path = g_build_filename (dir, "stories.json", NULL);

  sb_test_rm_rf (dir);
  g_mkdir_with_parents (dir, 0700);
  sb_test_write_file (path, "{\"format\": \"storybank\", \"version\": 99, \"stories\": []}", -1);
  {
    g_autoptr(SbApplication) app = sb_test_ui_make_app ();
    SbWindow *window = sb_window_new (app);
    GtkWidget *row;

    gtk_window_present (GTK_WINDOW (window));
    sb_test_ui_iterate (100);

    g_assert_true (sb_store_get_read_only (sb_application_get_store (app)));
    /* The sidebar's row is there, greyed out; the action does nothing. */
    row = sb_test_ui_find_widget (GTK_WIDGET (sb_window_get_sidebar (window)), has_action, "win.new-interview");
    g_assert_nonnull (row);
    g_assert_false (gtk_widget_get_sensitive (row));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-interview", NULL);
    sb_test_ui_iterate (50);
    g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (sb_application_get_library (app))), ==, 0);
    gtk_window_destroy (GTK_WINDOW (window));
  }
  sb_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = sb_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/interview-ui/no-display", skip_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/interview-ui/loop", test_interview_loop);
  g_test_add_func ("/interview-ui/read-only", test_read_only);
  g_test_add_func ("/interview-ui/open-speed", test_open_speed);

  ret = g_test_run ();
  sb_test_rm_rf (data_home);
  g_free (data_home);
  return ret;
}
