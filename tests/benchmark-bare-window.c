/* benchmark-bare-window.c: the floor for Storybank's first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bare libadwaita window (AdwApplicationWindow with an AdwHeaderBar),
 * started the way Storybank starts, printing the same line as
 * `STORYBANK_BENCHMARK=1 storybank`: `first-frame ms=N rss_kb=N`.
 */

#include "config.h"

#include <adwaita.h>

#include "sb-benchmark.h"

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);

  sb_benchmark_watch_first_frame (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.storybank.BareWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
