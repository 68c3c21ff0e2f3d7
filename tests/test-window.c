/* test-window.c: the main window, driven the way a user drives it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-action-steps.h"
#include "sb-application.h"
#include "sb-examples.h"
#include "sb-principle-sidebar.h"
#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-text-view.h"
#include "sb-tips-panel.h"
#include "sb-tooltip.h"
#include "sb-window.h"

static char *data_home;

static void
set_text_view (GtkWidget  *widget,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
}

static guint
n_visible (SbWindow *window)
{
  return g_list_model_get_n_items (sb_story_list_get_visible (sb_window_get_story_list (window)));
}

static void
test_window_write_story (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbStoryEditor *editor = sb_window_get_editor (window);
  SbStory *story;
  g_autoptr(SbLibrary) saved = NULL;
  SbStory *back;
  const char *steps[] = { "Mapped every service boundary", "Wrote the plan — with “quotes”", NULL };
  const char *tags[] = { "backend", "2024", NULL };

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (200);

  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), "think-big");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL));
  sb_test_ui_iterate (50);

  story = sb_story_editor_get_story (editor);
  g_assert_nonnull (story);
  g_assert_true (sb_story_has_principle (story, "think-big"));
  /* The title has the focus, ready to type. */
  g_assert_true (gtk_widget_has_focus (sb_story_editor_get_field (editor, "title")) ||
                 gtk_widget_is_focus (sb_story_editor_get_field (editor, "title")) ||
                 gtk_widget_get_focus_child (sb_story_editor_get_field (editor, "title")) != NULL);

  gtk_editable_set_text (GTK_EDITABLE (sb_story_editor_get_field (editor, "title")), "Scaling the checkout");
  set_text_view (sb_story_editor_get_field (editor, "situation"), "Checkout fell over at 10x traffic.\nTwice.");
  set_text_view (sb_story_editor_get_field (editor, "task"), "Make it hold 1M users");
  sb_action_steps_add_step (SB_ACTION_STEPS (sb_story_editor_get_field (editor, "action")));
  set_text_view (sb_action_steps_get_step (SB_ACTION_STEPS (sb_story_editor_get_field (editor, "action")), 0), steps[0]);
  sb_action_steps_add_step (SB_ACTION_STEPS (sb_story_editor_get_field (editor, "action")));
  set_text_view (sb_action_steps_get_step (SB_ACTION_STEPS (sb_story_editor_get_field (editor, "action")), 1), steps[1]);
  set_text_view (sb_story_editor_get_field (editor, "result"), "2M users, 99.9% uptime");
  gtk_editable_set_text (GTK_EDITABLE (sb_story_editor_get_field (editor, "tags")), "backend, 2024");
  sb_test_ui_iterate (50);

  /* The widgets wrote through to the model... */
  g_assert_cmpstr (sb_story_get_title (story), ==, "Scaling the checkout");
  g_assert_true (g_strv_equal (sb_story_get_actions (story), steps));

  /* ...and autosave wrote it to disk, no Save button involved. */
  sb_test_ui_wait_saved (sb_application_get_store (app));
  saved = sb_test_ui_load_saved (data_home);
  back = sb_library_find (saved, sb_story_get_id (story));
  g_assert_nonnull (back);
  g_assert_cmpstr (sb_story_get_title (back), ==, "Scaling the checkout");
  g_assert_cmpstr (sb_story_get_situation (back), ==, "Checkout fell over at 10x traffic.\nTwice.");
  g_assert_cmpstr (sb_story_get_task (back), ==, "Make it hold 1M users");
  g_assert_true (g_strv_equal (sb_story_get_actions (back), steps));
  g_assert_cmpstr (sb_story_get_result (back), ==, "2M users, 99.9% uptime");
  g_assert_true (g_strv_equal (sb_story_get_tags (back), tags));
  g_assert_true (sb_story_has_principle (back, "think-big"));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

/* What the list should show for @text: every story holding each word
 * of it, or with no text, the stories of @principle_id (all for %NULL).
 */
static guint
count_expected (SbLibrary  *library,
                const char *principle_id,
                const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) parts = g_strsplit_set (g_strstrip (folded), " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));
  guint count = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  words = g_strv_builder_end (builder);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (words[0] != NULL ? sb_story_matches_search (story, (const char * const *) words)
                           : principle_id == NULL || sb_story_has_principle (story, principle_id))
        count++;
    }

  return count;
}

/* Typing on narrows the results and erasing widens them again, so each
 * keystroke filters only part of the list: whatever was typed or erased,
 * in whichever principle, the list shows exactly the stories that match.
 */
static void
test_window_search_typed_and_erased (void)
{
  static const char * const principles[] = { NULL, "think-big", NULL };
  static const char * const texts[] = {
    "checkout flow", "checkout f", "flow", "flow checkout", "ch fl", "chx", "ch", "Checkout", "",
  };
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbLibrary *library = sb_application_get_library (app);
  SbStoryList *list = sb_window_get_story_list (window);
  g_autoptr(GPtrArray) stories = sb_test_make_stories (400, 5);

  sb_library_splice (library, stories);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (100);

  for (guint p = 0; p < G_N_ELEMENTS (principles); p++)
    {
      sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), principles[p]);
      sb_test_ui_iterate (20);
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          gsize length = strlen (texts[t]);

          /* Each text typed a letter at a time, then erased the same way. */
          for (gsize i = 1; i <= length; i++)
            {
              g_autofree char *typed = g_strndup (texts[t], i);

              sb_story_list_set_search_text (list, typed);
              g_assert_cmpuint (n_visible (window), ==, count_expected (library, principles[p], typed));
            }
          for (gsize i = length; i-- > 0;)
            {
              g_autofree char *left = g_strndup (texts[t], i);

              sb_story_list_set_search_text (list, left);
              g_assert_cmpuint (n_visible (window), ==, count_expected (library, principles[p], left));
            }
          /* And jumps from one text to the next. */
          sb_story_list_set_search_text (list, texts[t]);
          g_assert_cmpuint (n_visible (window), ==, count_expected (library, principles[p], texts[t]));
        }
      sb_story_list_set_search_text (list, "");
    }
  g_assert_cmpuint (count_expected (library, NULL, "checkout flow"), >, 0);
  g_assert_cmpuint (count_expected (library, NULL, "checkout flow"), <, 400);

  /* A story edited while it is shown: the next keystroke, even one that
   * widens the search, looks at it again.
   */
  {
    g_autoptr(SbStory) story = sb_story_new ();

    sb_story_set_title (story, "Fixing the checkout flow");
    sb_library_add (library, story);
    sb_story_list_set_search_text (list, "checkout flo");
    g_assert_cmpuint (n_visible (window), ==, count_expected (library, NULL, "checkout flo"));
    sb_story_set_title (story, "Nothing to find here");
    sb_story_list_set_search_text (list, "checkout fl");
    g_assert_cmpuint (n_visible (window), ==, count_expected (library, NULL, "checkout fl"));
    sb_story_set_title (story, "The checkout flow again");
    sb_story_list_set_search_text (list, "checkout flow");
    g_assert_cmpuint (n_visible (window), ==, count_expected (library, NULL, "checkout flow"));
    sb_story_list_set_search_text (list, "");
  }

  /* The next test starts from an empty library. */
  g_ptr_array_set_size (stories, 0);
  sb_library_splice (library, stories);
  sb_test_ui_wait_saved (sb_application_get_store (app));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

static void
test_window_filter_search_delete (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbLibrary *library = sb_application_get_library (app);
  g_autoptr(SbStory) deleted = NULL;
  g_autofree char *deleted_id = NULL;
  guint before;

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-examples", NULL));
  sb_test_ui_iterate (100);

  /* Selecting a principle filters the list. */
  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), "think-big");
  sb_test_ui_iterate (20);
  g_assert_cmpuint (n_visible (window), ==, sb_library_count_principle (library, "think-big"));
  g_assert_cmpuint (n_visible (window), >=, 3);
  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), "frugality");
  sb_test_ui_iterate (20);
  g_assert_cmpuint (n_visible (window), ==, 0);
  g_assert_cmpuint (sb_principle_sidebar_get_count (sb_window_get_sidebar (window), "frugality"), ==, 0);
  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), NULL);
  sb_test_ui_iterate (20);
  g_assert_cmpuint (n_visible (window), ==, g_list_model_get_n_items (G_LIST_MODEL (library)));

  /* Search looks through every text field of every story, live. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  sb_story_list_set_search_text (sb_window_get_story_list (window), "KAFKA");
  sb_test_ui_iterate (20);
  g_assert_cmpuint (n_visible (window), ==, 1);
  sb_story_list_set_search_text (sb_window_get_story_list (window), "data platform");
  sb_test_ui_iterate (20);
  g_assert_cmpuint (n_visible (window), ==, 1);
  sb_story_list_set_search_text (sb_window_get_story_list (window), "no such words anywhere");
  sb_test_ui_iterate (20);
  g_assert_cmpuint (n_visible (window), ==, 0);
  sb_story_list_set_search_text (sb_window_get_story_list (window), "");
  sb_test_ui_iterate (20);

  /* Delete, then Undo from the toast: the same story, back in place. */
  before = g_list_model_get_n_items (G_LIST_MODEL (library));
  sb_story_list_select_position (sb_window_get_story_list (window), 0);
  sb_test_ui_iterate (20);
  deleted = g_object_ref (sb_story_editor_get_story (sb_window_get_editor (window)));
  deleted_id = g_strdup (sb_story_get_id (deleted));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-story", NULL));
  sb_test_ui_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, before - 1);
  g_assert_null (sb_library_find (library, deleted_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  sb_test_ui_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, before);
  g_assert_true (sb_library_find (library, deleted_id) == deleted);

  /* Duplicate makes a second, independent story. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-story", NULL));
  sb_test_ui_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, before + 1);

  sb_test_ui_wait_saved (sb_application_get_store (app));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

/* Collects the widgets of @type under @widget that have the CSS class
 * @css_class.
 */
static void
find_css_class (GtkWidget  *widget,
                GType       type,
                const char *css_class,
                GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_css_class (child, type, css_class, found);
}

/* The sidebar's tooltips: a principle with no story says so, a name the
 * sidebar shortens can be read whole, and filing a story clears the gap.
 */
static void
test_window_sidebar_tooltips (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbPrincipleSidebar *sidebar = sb_window_get_sidebar (window);
  g_autoptr(GPtrArray) gaps = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *gap_id = NULL;
  GListModel *principles;
  guint n_gaps;

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (200);

  find_css_class (GTK_WIDGET (sidebar), GTK_TYPE_LABEL, "gap", gaps);
  g_assert_cmpuint (gaps->len, >, 0);
  for (guint i = 0; i < gaps->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (gaps, i);

      g_assert_true (gtk_widget_get_has_tooltip (label));
      g_assert_cmpstr (sb_tooltip_get_text (label), ==, "No story yet");
    }
  n_gaps = gaps->len;

  find_css_class (GTK_WIDGET (sidebar), GTK_TYPE_LABEL, "name", names);
  g_assert_cmpuint (names->len, >, 1);
  /* Every principle's name; "All Stories" is never shortened. */
  for (guint i = 0; i < names->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (names, i);

      g_assert_true (gtk_widget_get_has_tooltip (label) ||
                     g_str_equal (gtk_label_get_text (GTK_LABEL (label)), "All Stories"));
    }

  /* A story for a principle that had none: it is no longer a gap. */
  principles = sb_catalog_get_principles (sb_application_get_catalog (app));
  for (guint i = 0; gap_id == NULL && i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);

      if (sb_principle_sidebar_get_count (sidebar, sb_principle_get_id (principle)) == 0)
        gap_id = g_strdup (sb_principle_get_id (principle));
    }
  g_assert_nonnull (gap_id);
  sb_principle_sidebar_set_principle_id (sidebar, gap_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL));
  sb_test_ui_iterate (100);
  g_assert_cmpuint (sb_principle_sidebar_get_count (sidebar, gap_id), ==, 1);
  g_ptr_array_set_size (gaps, 0);
  find_css_class (GTK_WIDGET (sidebar), GTK_TYPE_LABEL, "gap", gaps);
  g_assert_cmpuint (gaps->len, ==, n_gaps - 1);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

static gboolean
is_menu_button_with_icon (GtkWidget     *widget,
                          gconstpointer  icon_name)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0;
}

/* A menu button's popover appears when it opens, and the same one the
 * next time.
 */
static void
assert_menu_opens (SbWindow   *window,
                   const char *icon_name)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (sb_test_ui_find_widget (GTK_WIDGET (window), is_menu_button_with_icon, icon_name));
  GtkPopover *popover;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_null (gtk_menu_button_get_popover (button));

  gtk_menu_button_popup (button);
  sb_test_ui_iterate (50);
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_nonnull (gtk_menu_button_get_menu_model (button));

  gtk_menu_button_popdown (button);
  sb_test_ui_iterate (50);
  gtk_menu_button_popup (button);
  sb_test_ui_iterate (50);
  g_assert_true (gtk_menu_button_get_popover (button) == popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_menu_button_popdown (button);
  sb_test_ui_iterate (50);
}

/* What a start seldom needs (the editor with no story open, the menus) is
 * made when it is first used, and works then.
 */
static void
test_window_built_when_needed (void)
{
  g_autoptr(SbApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SbWindow *window;
  SbPrincipleSidebar *sidebar;
  GtkWidget *popover;
  GtkWindow *shortcuts;

  /* A start with no story to reopen (the tests before left one). */
  g_settings_reset (settings, "last-story");
  app = sb_test_ui_make_app ();
  window = sb_window_new (app);
  sidebar = sb_window_get_sidebar (window);

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (200);

  /* The keyboard shortcuts, in a window of their own over this one. */
  g_assert_null (sb_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  sb_test_ui_iterate (100);
  shortcuts = sb_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  gtk_window_close (shortcuts);
  sb_test_ui_iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  sb_test_ui_iterate (50);
  g_assert_true (sb_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_window_close (shortcuts);
  sb_test_ui_iterate (50);

  assert_menu_opens (window, "open-menu-symbolic");
  assert_menu_opens (window, "view-list-bullet-symbolic");
  assert_menu_opens (window, "view-more-symbolic");

  /* No story, no editor; the first story opened makes it. */
  g_assert_null (sb_test_ui_find_widget (GTK_WIDGET (window), sb_test_ui_is_a, GSIZE_TO_POINTER (SB_TYPE_STORY_EDITOR)));
  sb_examples_add (sb_application_get_library (app));
  sb_principle_sidebar_set_principle_id (sidebar, "think-big");
  sb_test_ui_iterate (100);
  g_assert_null (sb_test_ui_find_widget (GTK_WIDGET (window), sb_test_ui_is_a, GSIZE_TO_POINTER (SB_TYPE_STORY_EDITOR)));
  sb_story_list_select_position (sb_window_get_story_list (window), 0);
  sb_test_ui_iterate (200);
  g_assert_true (sb_test_ui_find_widget (GTK_WIDGET (window), sb_test_ui_is_a, GSIZE_TO_POINTER (SB_TYPE_STORY_EDITOR)) == GTK_WIDGET (sb_window_get_editor (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sb_window_get_editor (window))));
  g_assert_nonnull (sb_story_editor_get_story (sb_window_get_editor (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-story", NULL));
  sb_test_ui_iterate (100);

  /* The sidebar's context menu, from the keyboard. */
  g_assert_null (sb_test_ui_find_widget (GTK_WIDGET (sidebar), sb_test_ui_is_a, GSIZE_TO_POINTER (GTK_TYPE_POPOVER_MENU)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.popup-menu", NULL));
  sb_test_ui_iterate (100);
  popover = sb_test_ui_find_widget (GTK_WIDGET (sidebar), sb_test_ui_is_a, GSIZE_TO_POINTER (GTK_TYPE_POPOVER_MENU));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* No save of this test's may land in the next one's file. */
  sb_test_ui_wait_saved (sb_application_get_store (app));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
  g_assert_null (sb_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
}

/* The visible coach marks of the story list's rows. */
static guint
count_coach_dots (SbWindow *window)
{
  g_autoptr(GPtrArray) dots = g_ptr_array_new ();
  guint n = 0;

  find_css_class (GTK_WIDGET (sb_window_get_story_list (window)), GTK_TYPE_WIDGET, "coach-dot", dots);
  for (guint i = 0; i < dots->len; i++)
    {
      GtkWidget *dot = g_ptr_array_index (dots, i);

      if (gtk_widget_get_mapped (dot))
        {
          g_assert_true (g_str_has_prefix (sb_tooltip_get_text (dot), "The coach has "));
          n++;
        }
    }
  return n;
}

/* Rows show the coach's mark once the window has had a moment, not
 * before it shows the rows; a story that changes gets a new mark.
 */
static void
test_window_coach_dots (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  g_autoptr(SbStory) story = sb_story_new ();
  guint before;

  gtk_window_present (GTK_WINDOW (window));
  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), NULL);
  sb_test_ui_iterate (100);
  before = count_coach_dots (window);

  /* A bare story: the coach has plenty to say. */
  sb_story_set_title (story, "Only a title");
  sb_library_add (sb_application_get_library (app), story);
  sb_test_ui_iterate (100);
  g_assert_cmpuint (count_coach_dots (window), ==, before + 1);

  sb_test_ui_wait_saved (sb_application_get_store (app));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

static void
test_window_restores_selection (void)
{
  g_autofree char *story_id = NULL;

  {
    g_autoptr(SbApplication) app = sb_test_ui_make_app ();
    SbWindow *window = sb_window_new (app);
    SbStory *story;

    gtk_window_present (GTK_WINDOW (window));
    sb_test_ui_iterate (100);
    sb_examples_add (sb_application_get_library (app));
    sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), "think-big");
    sb_test_ui_iterate (20);
    sb_story_list_select_position (sb_window_get_story_list (window), 1);
    sb_test_ui_iterate (20);
    story = sb_story_editor_get_story (sb_window_get_editor (window));
    g_assert_nonnull (story);
    story_id = g_strdup (sb_story_get_id (story));
    sb_test_ui_wait_saved (sb_application_get_store (app));
    gtk_window_close (GTK_WINDOW (window));
    sb_test_ui_iterate (50);
  }

  {
    g_autoptr(SbApplication) app = sb_test_ui_make_app ();
    SbWindow *window = sb_window_new (app);
    SbStory *story;

    gtk_window_present (GTK_WINDOW (window));
    sb_test_ui_iterate (100);
    g_assert_cmpstr (sb_principle_sidebar_get_principle_id (sb_window_get_sidebar (window)), ==, "think-big");
    story = sb_story_editor_get_story (sb_window_get_editor (window));
    g_assert_nonnull (story);
    g_assert_cmpstr (sb_story_get_id (story), ==, story_id);
    gtk_window_destroy (GTK_WINDOW (window));
    sb_test_ui_iterate (50);
  }
}

/* A damaged data file: the window says so, and a backup brings the stories
 * back, with the damaged file kept aside.
 */
static void
test_window_restore_backup (void)
{
  g_autofree char *dir = g_build_filename (data_home, "storybank", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *path = g_build_filename (dir, "stories.json", NULL);
  g_autofree char *backup = g_build_filename (backups, "stories-20260101-120000-000000.json", NULL);
  g_autoptr(SbApplication) app = NULL;
  g_autoptr(GDir) listing = NULL;
  SbWindow *window;
  GtkWidget *dialog;
  const char *name;
  gboolean kept_aside = FALSE;

  sb_test_rm_rf (dir);
  g_mkdir_with_parents (backups, 0700);
  sb_test_write_file (backup,
                      "{\"format\": \"storybank\", \"version\": 1, \"stories\": ["
                      "{\"id\": \"b1\", \"title\": \"Saved by the backup\", \"principles\": [\"ownership\"]}]}", -1);
  sb_test_write_file (path, "{\"format\": \"storybank\", \"stories\": [{\"title\": ", -1);

  app = sb_test_ui_make_app ();
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (100);

  g_assert_true (sb_window_get_banner_visible (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sb_application_get_library (app))), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  sb_test_ui_iterate (50);

  dialog = sb_window_show_restore_dialog (window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* However slow the machine (a sanitizer build), within ten seconds. */
  for (guint i = 0; i < 100 && sb_library_find (sb_application_get_library (app), "b1") == NULL; i++)
    sb_test_ui_iterate (100);

  g_assert_nonnull (sb_library_find (sb_application_get_library (app), "b1"));
  g_assert_false (sb_window_get_banner_visible (window));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    kept_aside |= g_str_has_prefix (name, "stories.json.corrupt-");
  g_assert_true (kept_aside);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

/* Both computers changed the stories while apart: the sync tool's copy of
 * the other one's version is merged at start, with Undo; a copy that
 * cannot be read is named in the banner and left alone.
 */
static void
test_window_conflict_copy (void)
{
  g_autofree char *dir = g_build_filename (data_home, "storybank", NULL);
  g_autofree char *path = g_build_filename (dir, "stories.json", NULL);
  g_autofree char *copy = g_build_filename (dir, "stories (conflicted copy 2026-12-06).json", NULL);
  g_autofree char *broken = g_build_filename (dir, "stories.sync-conflict-20261206-101010-ABC1234.json", NULL);
  g_autoptr(SbApplication) app = NULL;
  SbLibrary *library;
  SbWindow *window;

  sb_test_rm_rf (dir);
  g_mkdir_with_parents (dir, 0700);
  sb_test_write_file (path,
                      "{\"format\": \"storybank\", \"version\": 1, \"stories\": ["
                      "{\"id\": \"a1\", \"title\": \"Written here\", \"principles\": [\"ownership\"]}]}", -1);
  sb_test_write_file (copy,
                      "{\"format\": \"storybank\", \"version\": 1,"
                      " \"saved-by\": {\"host\": \"laptop\", \"time\": \"2026-12-06T10:10:10Z\"}, \"stories\": ["
                      "{\"id\": \"a1\", \"title\": \"Written here\", \"principles\": [\"ownership\"]},"
                      "{\"id\": \"a2\", \"title\": \"Written on the laptop\", \"principles\": [\"ownership\"]}]}", -1);
  sb_test_write_file (broken, "{\"format\": \"storybank\", \"version\": 1, \"stories\": [{\"id\": ", -1);

  app = sb_test_ui_make_app ();
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (300);

  library = sb_application_get_library (app);
  g_assert_nonnull (sb_library_find (library, "a2"));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (broken, G_FILE_TEST_EXISTS));
  g_assert_true (sb_window_get_banner_visible (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-copies-merge", NULL));
  sb_test_ui_iterate (50);
  g_assert_null (sb_library_find (library, "a2"));
  g_assert_nonnull (sb_library_find (library, "a1"));

  /* The unreadable one taken away: the banner goes. */
  g_unlink (broken);
  sb_test_ui_iterate (1500);
  g_assert_false (sb_window_get_banner_visible (window));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

static GtkWindow *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return window;
    }
  return NULL;
}

/* Edits that cannot be written (here: a file from a newer Storybank, open
 * read-only) are never thrown away on close without asking.
 */
static void
test_window_close_asks_about_unsaved (void)
{
  g_autofree char *dir = g_build_filename (data_home, "storybank", NULL);
  g_autofree char *path = g_build_filename (dir, "stories.json", NULL);
  g_autoptr(SbApplication) app = NULL;
  SbWindow *window;
  GtkWindow *dialog;

  sb_test_rm_rf (dir);
  g_mkdir_with_parents (dir, 0700);
  sb_test_write_file (path, "{\"format\": \"storybank\", \"version\": 7, \"stories\": [{\"id\": \"f1\", \"title\": \"Future\"}]}", -1);

  app = sb_test_ui_make_app ();
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (100);
  g_assert_true (sb_store_get_read_only (sb_application_get_store (app)));

  /* The story opens to be read, not edited. */
  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), NULL);
  sb_test_ui_iterate (50);
  sb_story_list_select_position (sb_window_get_story_list (window), 0);
  sb_test_ui_iterate (100);
  g_assert_cmpstr (sb_story_get_id (sb_story_editor_get_story (sb_window_get_editor (window))), ==, "f1");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sb_window_get_editor (window))));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sb_window_get_editor (window))));

  sb_story_set_title (sb_library_find (sb_application_get_library (app), "f1"), "Edited anyway");
  g_assert_true (sb_store_get_dirty (sb_application_get_store (app)));

  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  sb_test_ui_iterate (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  sb_test_ui_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);

  /* The file was never touched. */
  {
    g_autofree char *after = sb_test_read_file (path);
    g_assert_null (strstr (after, "Edited anyway"));
  }
  sb_test_rm_rf (dir);
}

/* Whether a button for @name (with @target, for an action taking a
 * principle's id) would be sensitive: what the user sees of an action.
 */
static gboolean
action_enabled (SbWindow   *window,
                const char *name,
                const char *target)
{
  GtkBox *box = sb_tips_panel_get_extra_box (sb_window_get_tips_panel (window));
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), g_variant_new_string (target));
  gtk_box_append (box, probe);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_box_remove (box, probe);

  return enabled;
}

/* Every action that changes stories or principles, with its target. */
static const struct {
  const char *name;
  const char *target;
} changing_actions[] = {
  { "win.new-story", NULL },
  { "win.new-story-for-question", "Tell me about a time you took a risk." },
  { "win.new-story-in", "think-big" },
  { "win.add-examples", NULL },
  { "win.duplicate-story", NULL },
  { "win.delete-story", NULL },
  { "win.import", NULL },
  { "win.import-folder", NULL },
  { "win.new-principle", NULL },
  { "win.edit-principle", "" },
  { "win.delete-principle", "" },
  { "win.delete-principle", "gumption" },
  { "win.rename-framework", "" },
  { "win.delete-framework", "" },
  { "win.new-interview", NULL },
};

/* A user's own framework with one principle, and two stories: one of them
 * filed under it, written by hand (a Windows editor, no final newline).
 */
static void
write_library (const char *path,
               int         version)
{
  g_autofree char *json = g_strdup_printf (
    "{\r\n  \"format\": \"storybank\",\r\n  \"version\": %d,\r\n"
    "  \"principles\": [{\"id\": \"gumption\", \"name\": \"Gumption\", \"framework\": \"kaffee-co\","
    " \"framework-name\": \"Kaffee & Co\", \"definition\": \"Getting on with it, whatevr it takes.\"}],\r\n"
    "  \"stories\": [\r\n"
    "    {\"id\": \"s1\", \"title\": \"Rolled back the café's POS at 6am\", \"situation\": \"Tills down, queue out the door\","
    " \"task\": \"get them taking orders\", \"actions\": [\"rolled back\", \"told the baristas\"],"
    " \"result\": \"Open by 6:20, no lost sales\", \"principles\": [\"gumption\"]},\r\n"
    "    {\"id\": \"s2\", \"title\": \"Zürich data-centre move\", \"situation\": \"lease ending\", \"principles\": []}\r\n"
    "  ]\r\n}", version);

  sb_test_write_file (path, json, -1);
}

static void
check_changing_actions (SbApplication *app,
                        gboolean       writable)
{
  SbWindow *window = sb_window_new (app);
  SbPrincipleSidebar *sidebar = sb_window_get_sidebar (window);

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (100);
  g_assert_cmpint (sb_store_get_read_only (sb_application_get_store (app)), ==, !writable);
  g_assert_nonnull (sb_catalog_lookup (sb_application_get_catalog (app), "gumption"));

  /* The user's own principle selected, a story open. */
  sb_principle_sidebar_set_principle_id (sidebar, "gumption");
  sb_test_ui_iterate (50);
  sb_story_list_select_position (sb_window_get_story_list (window), 0);
  sb_test_ui_iterate (50);
  g_assert_nonnull (sb_story_editor_get_story (sb_window_get_editor (window)));

  for (guint i = 0; i < G_N_ELEMENTS (changing_actions); i++)
    {
      gboolean enabled = action_enabled (window, changing_actions[i].name, changing_actions[i].target);

      if (enabled != writable)
        g_error ("%s is %s on a %s library", changing_actions[i].name,
                 enabled ? "enabled" : "disabled", writable ? "writable" : "read-only");
    }

  /* Reading, exporting and looking around stay open to everyone. */
  g_assert_true (action_enabled (window, "win.export", NULL));
  g_assert_true (action_enabled (window, "win.print", NULL));
  g_assert_true (action_enabled (window, "win.search", NULL));
  g_assert_true (action_enabled (window, "win.review", NULL));
  g_assert_true (action_enabled (window, "win.show-editor", NULL));

  /* Ctrl+N does nothing to a read-only library. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL);
  sb_test_ui_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sb_application_get_library (app))), ==, writable ? 3 : 2);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

/* A file from a newer Storybank is open read-only: nothing that would
 * change its stories or principles can be started, from a menu, a
 * shortcut or a button; the same file at this version can be changed.
 */
static void
test_window_read_only_actions (void)
{
  g_autofree char *dir = g_build_filename (data_home, "storybank", NULL);
  g_autofree char *path = g_build_filename (dir, "stories.json", NULL);

  sb_test_rm_rf (dir);
  g_mkdir_with_parents (dir, 0700);
  write_library (path, 99);
  {
    g_autoptr(SbApplication) app = sb_test_ui_make_app ();

    check_changing_actions (app, FALSE);
  }

  sb_test_rm_rf (dir);
  g_mkdir_with_parents (dir, 0700);
  write_library (path, 1);
  {
    g_autoptr(SbApplication) app = sb_test_ui_make_app ();

    check_changing_actions (app, TRUE);
    g_assert_true (sb_store_flush (sb_application_get_store (app), NULL));
  }
  sb_test_rm_rf (dir);

  /* The next window starts where no one left off. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    g_settings_reset (settings, "last-principle");
    g_settings_reset (settings, "last-story");
  }
}

/* One paragraph of @n_bytes words, no line break. */
static char *
make_paragraph (gsize n_bytes)
{
  GString *text = g_string_sized_new (n_bytes + 16);

  while (text->len < n_bytes)
    g_string_append (text, "shipped faster with fewer outages and ");
  g_string_truncate (text, n_bytes);
  return g_string_free (text, FALSE);
}

/* A 1 MB Result and 5,000 steps open at once and stay whole: the Result is
 * shown shortened and read-only, 40 steps are made, a paste of a huge
 * paragraph is kept without going into a text view, and saving writes
 * every byte.
 */
static void
test_window_huge_story (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbLibrary *library = sb_application_get_library (app);
  SbStoryEditor *editor = sb_window_get_editor (window);
  g_autoptr(SbStory) story = sb_story_new ();
  g_autofree char *result = make_paragraph (1024 * 1024);
  g_autofree char *pasted = make_paragraph (100 * 1000);
  g_autofree char *long_step = make_paragraph (40 * 1000);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SbLibrary) saved = NULL;
  SbTextView *result_view;
  SbTextView *situation_view;
  SbStory *back;
  GtkWidget *step;

  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (steps, g_strdup_printf ("Step %u: called the owner", i + 1));
  g_ptr_array_add (steps, NULL);

  sb_story_set_title (story, "Huge");
  sb_story_set_situation (story, result);
  sb_story_set_result (story, result);
  sb_story_set_actions (story, (const char * const *) steps->pdata);
  sb_story_add_principle (story, "think-big");
  sb_library_add (library, story);

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (100);
  sb_story_list_set_selected_story (sb_window_get_story_list (window), story);
  sb_test_ui_iterate (100);
  g_assert_true (sb_story_editor_get_story (editor) == story);

  /* The Result: the start, read-only, its whole text still the field's. */
  result_view = SB_TEXT_VIEW (sb_story_editor_get_field (editor, "result"));
  g_assert_true (sb_text_view_get_shortened (result_view));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (result_view)));
  g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (result_view))), <, 2000);
  {
    g_autofree char *text = sb_text_view_dup_text (result_view);
    g_assert_cmpstr (text, ==, result);
  }

  /* The list row shows the start of the situation, not a megabyte. */
  {
    g_autofree char *line = sb_story_dup_first_line (story);
    g_assert_cmpuint (strlen (line), <, 400);
  }

  /* 40 step rows, not 5,000. */
  g_assert_nonnull (sb_action_steps_get_step (SB_ACTION_STEPS (sb_story_editor_get_field (editor, "action")), 39));
  g_assert_null (sb_action_steps_get_step (SB_ACTION_STEPS (sb_story_editor_get_field (editor, "action")), 40));

  /* A step too long to edit, shown shortened among the others. */
  sb_story_set_action (story, 1, long_step);
  sb_test_ui_iterate (20);
  step = sb_action_steps_get_step (SB_ACTION_STEPS (sb_story_editor_get_field (editor, "action")), 1);
  g_assert_true (sb_text_view_get_shortened (SB_TEXT_VIEW (step)));

  /* A paste of a 100 KB paragraph into the task: kept, shown shortened. */
  set_text_view (sb_story_editor_get_field (editor, "task"), pasted);
  sb_test_ui_iterate (50);
  g_assert_cmpstr (sb_story_get_task (story), ==, pasted);
  g_assert_true (sb_text_view_get_shortened (SB_TEXT_VIEW (sb_story_editor_get_field (editor, "task"))));

  /* Typing where the text is short still writes through. */
  situation_view = SB_TEXT_VIEW (sb_story_editor_get_field (editor, "situation"));
  g_assert_true (sb_text_view_get_shortened (situation_view));
  sb_story_set_situation (story, "Checkout fell over.");
  sb_test_ui_iterate (20);
  g_assert_false (sb_text_view_get_shortened (situation_view));
  set_text_view (GTK_WIDGET (situation_view), "Checkout fell over twice.");
  sb_test_ui_iterate (20);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Checkout fell over twice.");

  /* "Edit Anyway" puts the whole text in the buffer, to be edited. */
  sb_text_view_edit_anyway (SB_TEXT_VIEW (step));
  sb_test_ui_iterate (20);
  g_assert_false (sb_text_view_get_shortened (SB_TEXT_VIEW (step)));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (step)));
  g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (step))), ==, 40 * 1000);
  g_assert_cmpstr (sb_story_get_actions (story)[1], ==, long_step);

  /* Every byte reaches the disk. */
  sb_test_ui_wait_saved (sb_application_get_store (app));
  saved = sb_test_ui_load_saved (data_home);
  back = sb_library_find (saved, sb_story_get_id (story));
  g_assert_nonnull (back);
  g_assert_cmpstr (sb_story_get_result (back), ==, result);
  g_assert_cmpstr (sb_story_get_task (back), ==, pasted);
  g_assert_cmpuint (sb_story_get_n_actions (back), ==, 5000);
  g_assert_cmpstr (sb_story_get_actions (back)[1], ==, long_step);
  g_assert_cmpstr (sb_story_get_actions (back)[4999], ==, "Step 5000: called the owner");

  sb_library_remove (library, story, NULL);
  sb_test_ui_wait_saved (sb_application_get_store (app));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

/* Undo in a field never brings back another story's text, even when the
 * two fields hold the same text.
 */
static void
test_window_undo_per_story (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbLibrary *library = sb_application_get_library (app);
  SbStoryEditor *editor = sb_window_get_editor (window);
  g_autoptr(SbStory) first = sb_story_new ();
  g_autoptr(SbStory) second = sb_story_new ();
  GtkTextBuffer *buffer;

  sb_story_set_title (first, "First");
  sb_story_set_title (second, "Second");
  sb_library_add (library, first);
  sb_library_add (library, second);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (50);

  sb_story_list_set_selected_story (sb_window_get_story_list (window), first);
  sb_test_ui_iterate (20);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (sb_story_editor_get_field (editor, "situation")));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_at_cursor (buffer, "Typed into the first story", -1);
  gtk_text_buffer_end_user_action (buffer);
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  }
  sb_test_ui_iterate (20);
  g_assert_cmpstr (sb_story_get_situation (first), ==, "");

  sb_story_list_set_selected_story (sb_window_get_story_list (window), second);
  sb_test_ui_iterate (20);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  sb_test_ui_iterate (20);
  g_assert_cmpstr (sb_story_get_situation (second), ==, "");

  sb_library_remove (library, first, NULL);
  sb_library_remove (library, second, NULL);
  sb_test_ui_wait_saved (sb_application_get_store (app));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

static char *
dup_text_view (GtkWidget *widget)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
type_into (GtkWidget  *widget,
           const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

  gtk_widget_grab_focus (widget);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
}

/* The optional Learnings and Notes are folded away under a story that has
 * neither, open under one that has them, and written to the story and
 * the disk like the other parts.
 */
static void
test_window_learnings_and_notes (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbLibrary *library = sb_application_get_library (app);
  SbStoryEditor *editor = sb_window_get_editor (window);
  g_autoptr(SbStory) first = sb_story_new ();
  g_autoptr(SbStory) second = sb_story_new ();
  g_autoptr(SbLibrary) saved = NULL;
  GtkWidget *learnings, *notes;
  GtkWidget *expander;
  g_autofree char *shown = NULL;
  SbStory *back;
  const char *typed_learnings = "Should've asked for help on day 2, not day 9.";
  const char *typed_notes = "Q: why not roll back?\nA: the schema had moved on — ça arrive.";

  sb_story_set_title (first, "Teh launch");
  sb_story_set_title (second, "Hiring loop");
  sb_library_add (library, first);
  sb_library_add (library, second);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (50);

  learnings = sb_story_editor_get_field (editor, "learnings");
  notes = sb_story_editor_get_field (editor, "notes");
  g_assert_true (SB_IS_TEXT_VIEW (learnings));
  g_assert_true (SB_IS_TEXT_VIEW (notes));
  expander = sb_test_ui_find_widget (GTK_WIDGET (editor), sb_test_ui_is_a, GSIZE_TO_POINTER (GTK_TYPE_EXPANDER));
  g_assert_nonnull (expander);
  /* An empty field says what goes in it. */
  g_assert_nonnull (sb_text_view_get_placeholder_text (SB_TEXT_VIEW (learnings)));
  g_assert_nonnull (sb_text_view_get_placeholder_text (SB_TEXT_VIEW (notes)));

  sb_story_list_set_selected_story (sb_window_get_story_list (window), first);
  sb_test_ui_iterate (20);
  g_assert_true (sb_story_editor_get_story (editor) == first);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));

  /* Going to the field (as the coach does) opens the section. */
  sb_story_editor_focus_field (editor, "learnings");
  sb_test_ui_iterate (20);
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_true (gtk_widget_is_ancestor (learnings, expander));
  g_assert_true (gtk_widget_is_ancestor (notes, expander));
  type_into (learnings, typed_learnings);
  type_into (notes, typed_notes);
  sb_test_ui_iterate (20);
  g_assert_cmpstr (sb_story_get_learnings (first), ==, typed_learnings);
  g_assert_cmpstr (sb_story_get_notes (first), ==, typed_notes);

  /* Another story without them: folded, empty, nothing to undo. */
  sb_story_list_set_selected_story (sb_window_get_story_list (window), second);
  sb_test_ui_iterate (20);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  shown = dup_text_view (learnings);
  g_assert_cmpstr (shown, ==, "");
  g_clear_pointer (&shown, g_free);
  g_assert_false (gtk_text_buffer_get_can_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes))));
  g_assert_cmpstr (sb_story_get_learnings (second), ==, "");

  /* Back to the first: open, with what was typed. */
  sb_story_list_set_selected_story (sb_window_get_story_list (window), first);
  sb_test_ui_iterate (20);
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  shown = dup_text_view (learnings);
  g_assert_cmpstr (shown, ==, typed_learnings);
  g_clear_pointer (&shown, g_free);
  shown = dup_text_view (notes);
  g_assert_cmpstr (shown, ==, typed_notes);

  /* A change made elsewhere (an import) shows at once. */
  sb_story_set_notes (first, "");
  sb_test_ui_iterate (20);
  g_clear_pointer (&shown, g_free);
  shown = dup_text_view (notes);
  g_assert_cmpstr (shown, ==, "");
  sb_story_set_notes (first, typed_notes);

  sb_test_ui_wait_saved (sb_application_get_store (app));
  saved = sb_test_ui_load_saved (data_home);
  back = sb_library_find (saved, sb_story_get_id (first));
  g_assert_nonnull (back);
  g_assert_cmpstr (sb_story_get_learnings (back), ==, typed_learnings);
  g_assert_cmpstr (sb_story_get_notes (back), ==, typed_notes);

  sb_library_remove (library, first, NULL);
  sb_library_remove (library, second, NULL);
  sb_test_ui_wait_saved (sb_application_get_store (app));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = sb_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/write-story", test_window_write_story);
  g_test_add_func ("/window/filter-search-delete", test_window_filter_search_delete);
  g_test_add_func ("/window/search-typed-and-erased", test_window_search_typed_and_erased);
  g_test_add_func ("/window/restores-selection", test_window_restores_selection);
  g_test_add_func ("/window/sidebar-tooltips", test_window_sidebar_tooltips);
  g_test_add_func ("/window/built-when-needed", test_window_built_when_needed);
  g_test_add_func ("/window/coach-dots", test_window_coach_dots);
  g_test_add_func ("/window/restore-backup", test_window_restore_backup);
  g_test_add_func ("/window/conflict-copy", test_window_conflict_copy);
  g_test_add_func ("/window/close-asks-about-unsaved", test_window_close_asks_about_unsaved);
  g_test_add_func ("/window/huge-story", test_window_huge_story);
  g_test_add_func ("/window/undo-per-story", test_window_undo_per_story);
  g_test_add_func ("/window/learnings-and-notes", test_window_learnings_and_notes);
  g_test_add_func ("/window/read-only-actions", test_window_read_only_actions);

  ret = g_test_run ();
  sb_test_rm_rf (data_home);
  return ret;
}
