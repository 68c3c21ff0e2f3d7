/* sb-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-app-resources.h"
#include "sb-application.h"
#include "sb-benchmark.h"
#include "sb-cli.h"
#include "sb-import.h"
#include "sb-window.h"
#include "sb-window-transfer.h"

struct _SbApplication
{
  AdwApplication  parent_instance;

  SbCatalog      *catalog;
  SbLibrary      *library;
  SbStore        *store;
  SbStorePreload *preload;
  SbRecordings   *recordings;
};

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, ADW_TYPE_APPLICATION)

SbApplication *
sb_application_new (void)
{
  return g_object_new (SB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/storybank/Storybank",
                       NULL);
}

static void
sb_application_ensure_store (SbApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    return;

  /* The preload thread made the catalog and the library too, when there
   * is one.
   */
  self->catalog = self->preload != NULL ? sb_store_preload_take_catalog (self->preload) : sb_catalog_new ();
  self->library = self->preload != NULL ? sb_store_preload_take_library (self->preload) : NULL;
  if (self->library == NULL)
    self->library = sb_library_new ();
  self->store = sb_store_new (NULL, self->library, self->catalog);

  /* The window shows any error, with a way out. */
  if (self->preload != NULL)
    {
      g_autoptr(SbStorePreload) preload = g_steal_pointer (&self->preload);

      if (!sb_store_load_preloaded (self->store, preload, &error))
        g_message ("%s", error->message);
    }
  else if (!sb_store_load (self->store, &error))
    g_message ("%s", error->message);
}

/**
 * sb_application_preload:
 *
 * Starts reading the stories on a thread of their own, to be ready by the
 * time the window is made (call it first thing in main()).
 */
void
sb_application_preload (SbApplication *self)
{
  g_return_if_fail (SB_IS_APPLICATION (self));

  if (self->preload == NULL && self->store == NULL)
    self->preload = sb_store_preload_start (NULL);
}

static void
sb_application_activate (GApplication *app)
{
  SbApplication *self = SB_APPLICATION (app);
  GtkWindow *window;

  /* The window's template is built while the stories finish loading;
   * sb_window_new() waits for them when it needs them.
   */
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (sb_window_new (self));
      if (sb_benchmark_enabled ())
        sb_benchmark_watch_first_frame (window);
    }

  gtk_window_present (window);
}

/* The command line of another storybank process */

static int
remote_import (GApplicationCommandLine *command_line,
               const char              *path,
               gpointer                 user_data)
{
  SbApplication *app = user_data;
  SbStore *store = sb_application_get_store (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(SbImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) summary = NULL;
  g_autofree char *counts = NULL;

  if (sb_store_get_read_only (store))
    {
      const GError *store_error = sb_store_get_error (store);

      g_application_command_line_printerr (command_line,
                                           "storybank: %s\n", store_error ? store_error->message : "");
      g_application_command_line_printerr (command_line, "storybank: %s\n",
                                           _("Your stories are open read-only, so nothing was imported"));
      return SB_CLI_EXIT_FAILED;
    }

  import = sb_import_new (sb_application_get_library (app), sb_application_get_catalog (app));
  if (!sb_import_add_path (import, path, &error))
    {
      g_application_command_line_printerr (command_line, "storybank: %s\n", error->message);
      return SB_CLI_EXIT_FAILED;
    }

  summary = sb_import_dup_summary (import);
  for (guint i = 0; summary[i] != NULL; i++)
    g_application_command_line_print (command_line, "%s\n", summary[i]);

  if (sb_import_is_empty (import))
    {
      g_application_command_line_print (command_line, _("Nothing new to import from %s\n"), path);
      return SB_CLI_EXIT_OK;
    }

  /* Straight in, as the command line asked; the window offers Undo. */
  if (SB_IS_WINDOW (window))
    sb_window_apply_import (SB_WINDOW (window), import);
  else
    sb_import_apply (import);

  if (!sb_store_flush (store, &error))
    {
      /* The stories stay in the window, which keeps trying to save. */
      g_application_command_line_printerr (command_line, "storybank: %s: %s\n",
                                           _("Imported, but could not save yet"), error->message);
      return SB_CLI_EXIT_FAILED;
    }

  counts = sb_import_dup_counts_text (import);
  g_application_command_line_print (command_line, _("Imported into the open Storybank window: %s\n"), counts);
  return SB_CLI_EXIT_OK;
}

/* In the instance that owns the data file: runs an --import or --export
 * another storybank process handed over, on the live library. Returns -1
 * when @command_line asks for neither (present the window), else the exit
 * code for the other process.
 */
static int
handle_remote_command_line (SbApplication           *app,
                            GApplicationCommandLine *command_line)
{
  g_assert (SB_IS_APPLICATION (app));

  /* A plain start: the stories go on loading while the window is built. */
  if (!sb_cli_has_work (g_application_command_line_get_options_dict (command_line)))
    return -1;

  return sb_cli_handle_remote (command_line,
                               sb_application_get_library (app),
                               sb_application_get_catalog (app),
                               sb_application_get_store (app),
                               remote_import, app);
}

static int
sb_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  int status = handle_remote_command_line (SB_APPLICATION (app), command_line);

  if (status >= 0)
    return status;

  g_application_activate (app);
  return 0;
}

/* Handles --version; TRUE when it did and the process should exit. */
static gboolean
sb_application_handle_version (GVariantDict *options)
{
  if (!g_variant_dict_contains (options, "version"))
    return FALSE;

  g_print ("storybank %s\n", PACKAGE_VERSION);
  return TRUE;
}

static int
sb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (sb_application_handle_version (options))
    return 0;

  return sb_cli_handle_local (app, options);
}

static void
sb_application_shutdown (GApplication *app)
{
  SbApplication *self = SB_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !sb_store_flush (self->store, &error))
    g_warning ("%s", error->message);
  /* The Undo of a deleted story's recordings goes with the windows. */
  if (self->recordings != NULL)
    sb_recordings_purge_trash (self->recordings, NULL);

  G_APPLICATION_CLASS (sb_application_parent_class)->shutdown (app);
}

static void
sb_application_dispose (GObject *object)
{
  SbApplication *self = (SbApplication *)object;

  g_clear_pointer (&self->preload, sb_store_preload_free);
  g_clear_object (&self->recordings);
  g_clear_object (&self->store);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_application_parent_class)->dispose (object);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SbApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window saves its state; the store flushes on shutdown.
   * A window with edits that could not be saved asks first and stays
   * open, and so does the application.
   */
  windows = g_list_copy_deep (windows, (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
  if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
    g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SbApplication *self = user_data;
  static const char *developers[] = { "The Storybank developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Storybank"),
                        "developer-name", _("The Storybank developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Write, file and rehearse your STAR stories for behavioral interviews. Everything stays on your computer."),
                        "website", "https://github.com/storybank/storybank",
                        "issue-url", "https://github.com/storybank/storybank/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
sb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (sb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sb_application_dispose;
  app_class->activate = sb_application_activate;
  app_class->startup = sb_application_startup;
  app_class->command_line = sb_application_command_line;
  app_class->handle_local_options = sb_application_handle_local_options;
  app_class->shutdown = sb_application_shutdown;
}

static void
sb_application_init (SbApplication *self)
{
  static gsize registered;

  /* A static library drops the automatic registration: do it here. */
  if (g_once_init_enter (&registered))
    {
      sb_app_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  g_application_add_main_option (G_APPLICATION (self), "version", 0,
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Show the version and quit"), NULL);
  sb_cli_add_options (G_APPLICATION (self));
}

SbStore *
sb_application_get_store (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  sb_application_ensure_store (self);
  return self->store;
}

SbLibrary *
sb_application_get_library (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  sb_application_ensure_store (self);
  return self->library;
}

SbCatalog *
sb_application_get_catalog (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  sb_application_ensure_store (self);
  return self->catalog;
}

/**
 * sb_application_get_recordings:
 *
 * Returns: (transfer none): the spoken answers kept beside the data file;
 *   made (and the trash a previous run left emptied) when first asked for
 */
SbRecordings *
sb_application_get_recordings (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);

  if (self->recordings == NULL)
    {
      g_autofree char *dir = sb_recordings_dup_dir_for_data_file (sb_store_get_path (sb_application_get_store (self)));

      self->recordings = sb_recordings_new (dir);
    }
  return self->recordings;
}
