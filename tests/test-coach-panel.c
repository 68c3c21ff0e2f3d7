/* test-coach-panel.c: the story coach in the window, as the user meets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sb-application.h"
#include "sb-catalog.h"
#include "sb-coach.h"
#include "sb-coach-panel.h"
#include "sb-speaking-bar.h"
#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-tips-panel.h"
#include "sb-window.h"

static char *data_home;

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_dismiss_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "coach.dismiss") != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_str_equal (g_variant_get_string (target, NULL), data);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static SbFinding *
find_finding (SbCoachPanel *panel,
              const char   *check_id,
              SbStoryField  field)
{
  GPtrArray *findings = sb_coach_panel_get_findings (panel);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (sb_finding_get_check_id (finding), check_id) &&
          sb_finding_get_field (finding) == field)
        return finding;
    }
  return NULL;
}

static SbStory *
make_story_without_result (void)
{
  SbStory *story = sb_story_new ();
  const char *actions[] = { "Wrote a build cache for the slowest jobs.", "Moved the tests to run in parallel.", NULL };
  const char *principles[] = { "deliver-results", NULL };

  sb_story_set_title (story, "Faster deploys");
  sb_story_set_situation (story, "Deploys took a whole day.");
  sb_story_set_task (story, "I had to make them fast.");
  sb_story_set_actions (story, actions);
  sb_story_set_principles (story, principles);
  return story;
}

static void
test_coach_follows_typing (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbStoryEditor *editor = sb_window_get_editor (window);
  GtkBox *extra_box = sb_tips_panel_get_extra_box (sb_window_get_tips_panel (window));
  g_autoptr(SbStory) story = make_story_without_result ();
  g_autoptr(SbLibrary) saved = NULL;
  GtkWidget *result_view = sb_story_editor_get_field (editor, "result");
  SbCoachPanel *panel;
  SbFinding *finding;
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *all_good;
  GPtrArray *findings;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (200);

  /* The coach sits in the tips panel, for the story in the editor. */
  panel = SB_COACH_PANEL (gtk_widget_get_first_child (GTK_WIDGET (extra_box)));
  g_assert_true (SB_IS_COACH_PANEL (panel));

  sb_library_add (sb_application_get_library (app), story);
  sb_story_list_set_selected_story (sb_window_get_story_list (window), story);
  sb_test_ui_iterate (50);
  g_assert_true (sb_story_editor_get_story (editor) == story);
  g_assert_true (sb_coach_panel_get_story (panel) == story);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));

  /* The empty Result is pointed out, warnings first, as a row. */
  finding = find_finding (panel, SB_CHECK_MISSING_PART, SB_STORY_FIELD_RESULT);
  g_assert_nonnull (finding);
  findings = sb_coach_panel_get_findings (panel);
  g_assert_cmpint (sb_finding_get_severity (g_ptr_array_index (findings, 0)), ==, SB_FINDING_WARNING);
  for (guint i = 1; i < findings->len; i++)
    g_assert_cmpint (sb_finding_get_severity (g_ptr_array_index (findings, i - 1)), >=,
                     sb_finding_get_severity (g_ptr_array_index (findings, i)));
  row = sb_test_ui_find_widget (GTK_WIDGET (panel), is_row_titled, sb_finding_get_message (finding));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, sb_finding_get_suggestion (finding));

  /* Activating it takes the cursor to the Result. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  sb_test_ui_iterate (50);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == result_view ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), result_view));

  /* Typing the Result: the list waits for a pause in the typing... */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (result_view)),
                            "Deploys went from a day to 20 minutes.", -1);
  g_assert_cmpstr (sb_story_get_result (story), ==, "Deploys went from a day to 20 minutes.");
  g_assert_nonnull (find_finding (panel, SB_CHECK_MISSING_PART, SB_STORY_FIELD_RESULT));

  /* ...then the finding is gone. */
  sb_test_ui_iterate (600);
  g_assert_null (find_finding (panel, SB_CHECK_MISSING_PART, SB_STORY_FIELD_RESULT));
  g_assert_null (sb_test_ui_find_widget (GTK_WIDGET (panel), is_row_titled, "Add the Result"));

  /* The short story is flagged for its speaking time; the user finds it
   * fine, and the dismissal is saved with the story.
   */
  g_assert_nonnull (find_finding (panel, SB_CHECK_SPEAKING_TIME, SB_STORY_FIELD_WHOLE));
  button = sb_test_ui_find_widget (GTK_WIDGET (panel), is_dismiss_button, SB_CHECK_SPEAKING_TIME);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  sb_test_ui_iterate (50);
  g_assert_true (sb_story_is_dismissed (story, SB_CHECK_SPEAKING_TIME));
  g_assert_null (find_finding (panel, SB_CHECK_SPEAKING_TIME, SB_STORY_FIELD_WHOLE));
  g_assert_nonnull (sb_test_ui_find_widget (GTK_WIDGET (panel), is_label, "Show dismissed (1)"));

  /* Nothing left: the panel says so. */
  g_assert_cmpuint (sb_coach_panel_get_findings (panel)->len, ==, 0);
  all_good = sb_test_ui_find_widget (GTK_WIDGET (panel), is_label, "All checks pass");
  g_assert_nonnull (all_good);
  g_assert_true (gtk_widget_is_visible (all_good));

  /* A pause in the typing that changes no finding keeps the rows: new ones
   * would be measured again, a stall in the typing at 10,000 stories.
   */
  gtk_expander_set_expanded (GTK_EXPANDER (sb_test_ui_find_widget (GTK_WIDGET (panel), sb_test_ui_is_a,
                                                                   GSIZE_TO_POINTER (GTK_TYPE_EXPANDER))),
                             TRUE);
  /* (A reference, so that a new row cannot take the old one's address.) */
  row = g_object_ref (sb_test_ui_find_widget (GTK_WIDGET (panel), is_row_titled,
                                              sb_coach_get_check_title (SB_CHECK_SPEAKING_TIME)));
  sb_story_set_task (story, "I had to make them quick.");
  sb_test_ui_iterate (600);
  g_assert_true (sb_test_ui_find_widget (GTK_WIDGET (panel), is_row_titled,
                                         sb_coach_get_check_title (SB_CHECK_SPEAKING_TIME)) == row);
  g_object_unref (row);

  sb_test_ui_wait_saved (sb_application_get_store (app));
  saved = sb_test_ui_load_saved (data_home);
  g_assert_true (sb_story_is_dismissed (sb_library_find (saved, sb_story_get_id (story)), SB_CHECK_SPEAKING_TIME));

  /* Brought back from the dismissed list, it is listed again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "coach.restore", "s", SB_CHECK_SPEAKING_TIME));
  sb_test_ui_iterate (50);
  g_assert_false (sb_story_is_dismissed (story, SB_CHECK_SPEAKING_TIME));
  g_assert_nonnull (find_finding (panel, SB_CHECK_SPEAKING_TIME, SB_STORY_FIELD_WHOLE));
  g_assert_false (gtk_widget_is_visible (all_good));

  /* The target chosen in the coach is the app's preference. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    GtkWidget *speaking_row;

    button = sb_test_ui_find_widget (GTK_WIDGET (panel), is_dismiss_button, SB_CHECK_SPEAKING_TIME);
    speaking_row = g_object_ref (gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW));
    g_object_set (panel, "target-seconds", 30, NULL);
    g_assert_cmpint (g_settings_get_int (settings, "target-seconds"), ==, 30);
    finding = find_finding (panel, SB_CHECK_SPEAKING_TIME, SB_STORY_FIELD_WHOLE);
    g_assert_nonnull (strstr (sb_finding_get_message (finding), "0:30"));
    /* The same row, its words changed in place. */
    g_assert_true (sb_test_ui_find_widget (GTK_WIDGET (panel), is_row_titled, sb_finding_get_message (finding)) == speaking_row);
    g_object_unref (speaking_row);
    g_settings_reset (settings, "target-seconds");
    g_assert_cmpuint (sb_coach_panel_get_target_seconds (panel), ==, 120);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

static gboolean label_shows (GtkWidget     *widget,
                             gconstpointer  text);

static void
test_speaking_bar (void)
{
  g_autoptr(SbStory) story = make_story_without_result ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *bar = g_object_ref_sink (sb_speaking_bar_new ());
  g_autofree char *long_text = NULL;
  GString *words = g_string_new (NULL);

  sb_speaking_bar_set_story (SB_SPEAKING_BAR (bar), story);
  g_assert_true (g_str_has_prefix (sb_speaking_bar_get_summary (SB_SPEAKING_BAR (bar)), "About "));
  g_assert_nonnull (strstr (sb_speaking_bar_get_summary (SB_SPEAKING_BAR (bar)), "target 2 min"));

  /* 280 words at 140 a minute: two minutes, after the typing pause. */
  for (guint i = 0; i < 280 - 24; i++)
    g_string_append (words, "word ");
  long_text = g_string_free (words, FALSE);
  sb_story_set_result (story, long_text);
  sb_test_ui_iterate (600);
  g_assert_cmpstr (sb_speaking_bar_get_summary (SB_SPEAKING_BAR (bar)), ==, "About 2 min of speaking · target 2 min");

  /* Learnings are spoken, notes are not; the legend lists learnings
   * only when there are some.
   */
  g_assert_null (sb_test_ui_find_widget (bar, label_shows, "Learnings"));
  sb_story_set_notes (story, long_text);
  sb_story_set_learnings (story, long_text);
  sb_test_ui_iterate (600);
  g_assert_cmpstr (sb_speaking_bar_get_summary (SB_SPEAKING_BAR (bar)), ==, "About 3 min 50 s of speaking · target 2 min");
  g_assert_nonnull (sb_test_ui_find_widget (bar, label_shows, "· Learnings 1 min 50 s"));
  sb_story_set_learnings (story, "");
  sb_test_ui_iterate (600);
  g_assert_null (sb_test_ui_find_widget (bar, label_shows, "Learnings"));

  /* The target follows the preference. */
  g_settings_set_int (settings, "target-seconds", 90);
  sb_test_ui_iterate (50);
  g_assert_cmpuint (sb_speaking_bar_get_target_seconds (SB_SPEAKING_BAR (bar)), ==, 90);
  g_assert_nonnull (strstr (sb_speaking_bar_get_summary (SB_SPEAKING_BAR (bar)), "target 1 min 30 s"));
  g_settings_reset (settings, "target-seconds");

  g_object_unref (bar);
}

/* A label the user can see, holding @text. */
static gboolean
label_shows (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* A label the user can see, reading @text and nothing else. */
static gboolean
label_reads (GtkWidget     *widget,
             gconstpointer  text)
{
  return label_shows (widget, text) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* Whether a label under @widget that the user can see reads @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  return sb_test_ui_find_widget (widget, label_shows, text) != NULL;
}

/* The visible label reading @text, to tell one page from another. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return sb_test_ui_find_widget (widget, label_reads, text);
}

/* A page made for the first time shows after the next frame: waits for
 * it (a second at most).
 */
static void
wait_for_text (SbTipsPanel *panel,
               const char  *text)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (!shows_text (GTK_WIDGET (panel), text) && g_get_monotonic_time () < deadline)
    sb_test_ui_iterate (10);
}

/* Going back to a principle shows its page as it was; a principle or a
 * framework changed shows the change.
 */
static void
test_tips_panel_pages (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  GtkWidget *window = gtk_window_new ();
  SbTipsPanel *panel = g_object_new (SB_TYPE_TIPS_PANEL, NULL);
  SbPrinciple *think_big = sb_catalog_lookup (catalog, "think-big");
  SbPrinciple *ownership = sb_catalog_lookup (catalog, "ownership");
  GtkWidget *title;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  sb_tips_panel_set_catalog (panel, catalog);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
  g_assert_true (shows_text (GTK_WIDGET (panel), "Choose a principle"));

  sb_tips_panel_set_principle (panel, think_big);
  wait_for_text (panel, "Think Big");
  title = find_label (GTK_WIDGET (panel), "Think Big");
  g_assert_nonnull (title);
  g_assert_false (shows_text (GTK_WIDGET (panel), "Choose a principle"));

  sb_tips_panel_set_principle (panel, ownership);
  wait_for_text (panel, "Ownership");
  g_assert_nonnull (find_label (GTK_WIDGET (panel), "Ownership"));
  g_assert_null (find_label (GTK_WIDGET (panel), "Think Big"));

  /* The same page, not a new one, and at once. */
  sb_tips_panel_set_principle (panel, think_big);
  g_assert_true (find_label (GTK_WIDGET (panel), "Think Big") == title);
  g_assert_null (find_label (GTK_WIDGET (panel), "Ownership"));

  /* Notes written for a principle out of view show when it is back. */
  sb_principle_set_notes (ownership, "Lead with the pager story");
  sb_principle_set_notes (think_big, "Mention the roadmap");
  sb_test_ui_iterate (20);
  g_assert_true (shows_text (GTK_WIDGET (panel), "Mention the roadmap"));
  sb_tips_panel_set_principle (panel, ownership);
  wait_for_text (panel, "Lead with the pager story");
  g_assert_true (shows_text (GTK_WIDGET (panel), "Lead with the pager story"));
  g_assert_false (shows_text (GTK_WIDGET (panel), "Mention the roadmap"));

  sb_tips_panel_set_principle (panel, NULL);
  sb_test_ui_iterate (20);
  g_assert_true (shows_text (GTK_WIDGET (panel), "Choose a principle"));
  g_assert_false (shows_text (GTK_WIDGET (panel), "Lead with the pager story"));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (20);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = sb_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/coach-panel/follows-typing", test_coach_follows_typing);
  g_test_add_func ("/coach-panel/speaking-bar", test_speaking_bar);
  g_test_add_func ("/tips-panel/pages", test_tips_panel_pages);

  ret = g_test_run ();
  sb_test_rm_rf (data_home);
  return ret;
}
