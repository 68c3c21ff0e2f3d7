/* sb-test-ui.c: helpers shared by the tests that drive the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "sb-test-ui.h"

/* Runs the main loop for @msec, handling whatever comes up meanwhile. */
void
sb_test_ui_iterate (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* A registered application; one process may make several, so each gets
 * its own bus name.
 */
SbApplication *
sb_test_ui_make_app (void)
{
  SbApplication *app = sb_application_new ();
  g_autoptr(GError) error = NULL;
  static guint n_apps;
  g_autofree char *id = g_strdup_printf ("io.github.storybank.Storybank.Test%u.P%d", ++n_apps, (int) getpid ());

  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* The first widget under @root (itself included) that @match accepts. */
GtkWidget *
sb_test_ui_find_widget (GtkWidget        *root,
                        SbTestWidgetMatch match,
                        gconstpointer     data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sb_test_ui_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A match for sb_test_ui_find_widget(): @data is a GType. */
gboolean
sb_test_ui_is_a (GtkWidget     *widget,
                 gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

/* The first open toplevel window of @type, or %NULL. */
GtkWindow *
sb_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* Waits for the autosave to have written every change. */
void
sb_test_ui_wait_saved (SbStore *store)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (sb_store_get_dirty (store) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_store_get_dirty (store));
}

/* The stories as the next start of the app would read them from disk. */
SbLibrary *
sb_test_ui_load_saved (const char *data_home)
{
  g_autofree char *path = g_build_filename (data_home, "storybank", "stories.json", NULL);
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SbLibrary *library = sb_library_new ();

  store = sb_store_new (path, library, catalog);
  g_assert_true (sb_store_load (store, &error));
  g_assert_no_error (error);
  return library;
}

/* Saves what @widget shows as a PNG at @path, for a person to look at. */
void
sb_test_ui_save_picture (GtkWidget  *widget,
                         const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_test_message ("Nothing to see for %s", path);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}
