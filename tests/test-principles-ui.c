/* test-principles-ui.c
 *
 * A principle made in the window shows in the sidebar with its count, and
 * a story filed under it is still there after a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sb-application.h"
#include "sb-principle-undo.h"
#include "sb-test-util.h"
#include "sb-window-private.h"

static void
iterate (void)
{
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static SbApplication *
start_app (SbWindow   **window,
           const char  *restart_id)
{
  SbApplication *app = sb_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  /* The first application stays exported on the session bus in this
   * process; the second one takes another object path. Its data file is
   * the same: it depends on XDG_DATA_HOME only.
   */
  if (restart_id != NULL)
    g_application_set_application_id (G_APPLICATION (app), restart_id);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  *window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (*window));
  iterate ();
  return app;
}

static void
stop_app (SbApplication *app,
          SbWindow      *window)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_flush (sb_application_get_store (app), &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_object_unref (app);
}

static char *data_dir;

static void
test_principles_ui_made_in_window (void)
{
  g_autofree char *principle_id = NULL;
  SbApplication *app;
  SbWindow *window;
  SbPrincipleDialog *dialog;
  SbPrinciple *principle;
  SbPrincipleSidebar *sidebar;
  g_autoptr(SbStory) story = sb_story_new ();
  const char *name, *description;

  g_assert_cmpstr (g_get_user_data_dir (), ==, data_dir);

  app = start_app (&window, NULL);
  sidebar = sb_window_get_sidebar (window);

  /* Made through the dialog, in a framework of its own. */
  dialog = _sb_window_principles_open_dialog (window, NULL);
  iterate ();
  g_assert_false (sb_principle_dialog_can_save (dialog));
  sb_principle_dialog_set_name (dialog, "Think Big");
  g_assert_false (sb_principle_dialog_can_save (dialog));   /* a built-in's name */
  sb_principle_dialog_set_name (dialog, "Craftsmanship");
  sb_principle_dialog_set_framework (dialog, NULL, "My Company");
  sb_principle_dialog_set_definition (dialog, "Build things that last.");
  sb_principle_dialog_set_focus_heading (dialog, "Signals");
  sb_principle_dialog_add_focus_area (dialog, "Care", "Sweats the details");
  sb_principle_dialog_add_focus_area (dialog, "", "");
  sb_principle_dialog_add_tip (dialog, "Show the before and after");
  sb_principle_dialog_add_question (dialog, "What are you proudest of?");
  sb_principle_dialog_set_notes (dialog, "Lead with the rewrite.");
  g_assert_true (sb_principle_dialog_can_save (dialog));
  principle = sb_principle_dialog_save (dialog);
  g_assert_nonnull (principle);
  principle_id = g_strdup (sb_principle_get_id (principle));
  iterate ();

  g_assert_true (sb_principle_sidebar_shows_principle (sidebar, principle_id));
  g_assert_cmpstr (sb_principle_sidebar_get_principle_id (sidebar), ==, principle_id);
  g_assert_cmpuint (sb_principle_sidebar_get_count (sidebar, principle_id), ==, 0);
  g_assert_cmpuint (sb_principle_get_n_focus_areas (principle), ==, 1);

  /* A story filed under it counts. */
  sb_story_set_title (story, "Rewrote the importer");
  sb_story_add_principle (story, principle_id);
  sb_library_add (sb_application_get_library (app), story);
  iterate ();
  g_assert_cmpuint (sb_principle_sidebar_get_count (sidebar, principle_id), ==, 1);

  /* Its notes on a built-in principle. */
  dialog = _sb_window_principles_open_dialog (window, sb_catalog_lookup (sb_application_get_catalog (app), "think-big"));
  sb_principle_dialog_set_notes (dialog, "Mention the migration.");
  g_assert_nonnull (sb_principle_dialog_save (dialog));
  iterate ();

  /* Hiding the framework hides the row, and is remembered. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    const char * const hidden[] = { "amazon", NULL };

    g_settings_set_strv (settings, "hidden-frameworks", hidden);
    iterate ();
    g_assert_false (sb_principle_sidebar_shows_principle (sidebar, "think-big"));
    g_assert_true (sb_principle_sidebar_shows_principle (sidebar, principle_id));
  }

  stop_app (app, window);

  /* Started again: the principle, its framework and its story are back. */
  app = start_app (&window, APPLICATION_ID ".Restarted");
  sidebar = sb_window_get_sidebar (window);
  principle = sb_catalog_lookup (sb_application_get_catalog (app), principle_id);
  g_assert_nonnull (principle);
  g_assert_cmpstr (sb_principle_get_name (principle), ==, "Craftsmanship");
  g_assert_cmpstr (sb_principle_get_definition (principle), ==, "Build things that last.");
  sb_principle_get_focus_area (principle, 0, &name, &description);
  g_assert_cmpstr (name, ==, "Care");
  g_assert_cmpstr (description, ==, "Sweats the details");
  g_assert_cmpstr (sb_principle_get_notes (principle), ==, "Lead with the rewrite.");
  g_assert_cmpstr (sb_framework_get_name (sb_catalog_lookup_framework (sb_application_get_catalog (app),
                                                                        sb_principle_get_framework_id (principle))),
                   ==, "My Company");
  g_assert_cmpstr (sb_principle_get_notes (sb_catalog_lookup (sb_application_get_catalog (app), "think-big")),
                   ==, "Mention the migration.");
  g_assert_true (sb_principle_sidebar_shows_principle (sidebar, principle_id));
  g_assert_false (sb_principle_sidebar_shows_principle (sidebar, "think-big"));
  g_assert_cmpuint (sb_principle_sidebar_get_count (sidebar, principle_id), ==, 1);

  /* Deleted with its story kept in All Stories, then undone. */
  sb_principle_sidebar_set_principle_id (sidebar, principle_id);
  _sb_window_principles_delete (window, principle, NULL);
  iterate ();
  g_assert_false (sb_principle_sidebar_shows_principle (sidebar, principle_id));
  g_assert_null (sb_principle_sidebar_get_principle_id (sidebar));
  g_assert_cmpuint (sb_principle_sidebar_get_count (sidebar, NULL), ==, 1);
  g_assert_cmpuint (sb_principle_sidebar_get_count (sidebar, principle_id), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete-principle", NULL);
  iterate ();
  g_assert_true (sb_principle_sidebar_shows_principle (sidebar, principle_id));
  g_assert_cmpuint (sb_principle_sidebar_get_count (sidebar, principle_id), ==, 1);

  stop_app (app, window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GTK reads it (and GLib caches it): the store writes there. */
  data_dir = sb_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/principles-ui/made-in-window", test_principles_ui_made_in_window);

  status = g_test_run ();
  sb_test_rm_rf (data_dir);
  g_free (data_dir);
  return status;
}
