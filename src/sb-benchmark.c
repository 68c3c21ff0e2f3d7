/* sb-benchmark.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How start-up is timed: the kernel records when the process started in
 * /proc/self/stat (field 22, "starttime", in clock ticks since boot). The
 * time since boot now is CLOCK_BOOTTIME, the clock that field counts on.
 * Their difference is the time since the process started, exec and the
 * dynamic linker included, in steps of one clock tick (10 ms at the usual
 * 100 Hz: benchmark.sh takes the median of several runs). The resident
 * memory is VmRSS from /proc/self/status.
 */

#define G_LOG_DOMAIN "sb-benchmark"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sb-benchmark.h"

/**
 * sb_benchmark_enabled:
 *
 * Returns: whether STORYBANK_BENCHMARK=1 is set
 */
gboolean
sb_benchmark_enabled (void)
{
  return g_strcmp0 (g_getenv ("STORYBANK_BENCHMARK"), "1") == 0;
}

static gint64
process_start_ticks (void)
{
  g_autofree char *contents = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/stat", &contents, NULL, NULL))
    return -1;

  /* The command name (field 2) may hold spaces: count after its ')'. */
  p = strrchr (contents, ')');
  if (p == NULL)
    return -1;
  p++;
  /* p is before field 3; skip to field 22. */
  for (guint field = 3; field < 22 && p != NULL; field++)
    {
      p = strchr (p + 1, ' ');
    }
  if (p == NULL)
    return -1;

  return g_ascii_strtoll (p + 1, NULL, 10);
}

/**
 * sb_benchmark_ms_since_start:
 *
 * Returns: milliseconds since the kernel started this process
 */
double
sb_benchmark_ms_since_start (void)
{
  struct timespec now;
  gint64 ticks = process_start_ticks ();
  long hz = sysconf (_SC_CLK_TCK);

  if (ticks < 0 || hz <= 0 || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;

  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6 - ticks * 1000.0 / hz;
}

/**
 * sb_benchmark_rss_kb:
 *
 * Returns: the resident set size (VmRSS) in KiB, or -1
 */
gint64
sb_benchmark_rss_kb (void)
{
  g_autofree char *contents = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return -1;

  p = strstr (contents, "\nVmRSS:");
  if (p == NULL)
    return -1;

  return g_ascii_strtoll (p + strlen ("\nVmRSS:"), NULL, 10);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  GApplication *app = g_application_get_default ();

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);

  g_print ("first-frame ms=%.0f rss_kb=%" G_GINT64_FORMAT "\n",
           sb_benchmark_ms_since_start (), sb_benchmark_rss_kb ());
  fflush (stdout);

  if (app != NULL)
    g_application_quit (app);
  else
    gtk_window_destroy (window);
}

static void
realize_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, realize_cb, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), widget);
}

/**
 * sb_benchmark_watch_first_frame:
 *
 * When @window's first frame has been painted, prints
 * `first-frame ms=N rss_kb=N` and quits the application.
 */
void
sb_benchmark_watch_first_frame (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realize_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}
