/* benchmark-window.c: the real window at 10,000 stories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under a display with XDG_DATA_HOME holding a generated library
 * (tests/benchmark.sh does): build/tests/benchmark-window
 *
 * A 1 ms high-priority ticker watches the main thread: the most CPU time
 * the main thread used between two ticks is the longest stall (CPU time
 * rather than the wall-clock gap, so that another process taking the core
 * away does not count as our stall; the wall-clock gap is printed too).
 * The frame clock gives each frame's time from before-paint to after-paint.
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <time.h>

#include "sb-application.h"
#include "sb-principle-sidebar.h"
#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-window.h"

static gint64 last_tick;
static gint64 last_cpu;
static gint64 max_gap;      /* main-thread CPU time between two ticks */
static gint64 max_wall_gap; /* wall-clock time between two ticks */
static gint64 frame_start;
static gint64 max_frame;

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  if (last_tick != 0)
    {
      max_gap = MAX (max_gap, cpu - last_cpu);
      max_wall_gap = MAX (max_wall_gap, now - last_tick);
    }
  last_tick = now;
  last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
before_paint_cb (GdkFrameClock *clock)
{
  frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  if (frame_start != 0)
    max_frame = MAX (max_frame, g_get_monotonic_time () - frame_start);
  frame_start = 0;
}

static void
watch_reset (void)
{
  last_tick = 0;
  max_gap = 0;
  max_wall_gap = 0;
  max_frame = 0;
}

static gboolean
timeout_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @msec without sleeping outside it. */
static void
iterate (guint msec)
{
  gboolean done = FALSE;

  g_timeout_add (msec, timeout_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
maximum (GArray *values)
{
  double m = 0;

  for (guint i = 0; i < values->len; i++)
    m = MAX (m, g_array_index (values, double, i));
  return m;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
n_visible (SbWindow *window)
{
  return g_list_model_get_n_items (sb_story_list_get_visible (sb_window_get_story_list (window)));
}

static gint64 search_start;
static double search_ms;
static guint search_count;

static void
search_after_cb (GtkSearchEntry *entry)
{
  search_ms = (g_get_monotonic_time () - search_start) / 1000.0;
  search_count++;
}

/* Types @word into the search entry one character at a time, then erases
 * it: for each keystroke, the time from the text change to the end of the
 * entry's ::search-changed (sent with no delay; its handler applies the
 * filter, and the list model and the list view update synchronously).
 * No frame is drawn in between: the redraw runs at a lower priority.
 */
static void
bench_search (SbWindow *window)
{
  SbStoryList *list = sb_window_get_story_list (window);
  GtkWidget *entry = find_widget (GTK_WIDGET (list), GTK_TYPE_SEARCH_ENTRY);
  static const char word[] = "checkout flow";
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) erase = g_array_new (FALSE, FALSE, sizeof (double));
  double first = 0, frames = 0;
  guint narrowed = 0;

  g_assert (entry != NULL);
  sb_story_list_focus_search (list);
  iterate (300);
  g_object_set (entry, "search-delay", 0, NULL);
  g_signal_connect_after (entry, "search-changed", G_CALLBACK (search_after_cb), NULL);

  for (guint round = 0; round < 2; round++)
    {
      GArray *into = round == 0 ? times : erase;

      for (guint i = 1; i <= strlen (word); i++)
        {
          guint count = search_count;
          int length = strlen (gtk_editable_get_text (GTK_EDITABLE (entry)));

          /* A key typed or erased at the end, as a user does (replacing
           * the whole text would search for "" in between).
           */
          search_start = g_get_monotonic_time ();
          if (round == 0)
            gtk_editable_insert_text (GTK_EDITABLE (entry), word + i - 1, 1, &length);
          else
            gtk_editable_delete_text (GTK_EDITABLE (entry), length - 1, length);
          while (search_count == count)
            g_main_context_iteration (NULL, TRUE);

          if (round == 0 && i == 1)
            first = search_ms;
          else
            g_array_append_val (into, search_ms);
          if (round == 0 && i == strlen (word))
            narrowed = n_visible (window);

          watch_reset ();
          iterate (150);
          frames = MAX (frames, max_frame / 1000.0);
        }
    }

  g_print ("search-keystroke median_ms=%.2f max_ms=%.2f first_ms=%.2f erase_median_ms=%.2f erase_max_ms=%.2f longest_frame_ms=%.1f matches=%u\n",
           median (times), maximum (times), first, median (erase), maximum (erase), frames, narrowed);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  iterate (300);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sb_store_save_finish (SB_STORE (object), result, &error))
    g_error ("%s", error->message);
  *(gboolean *) user_data = TRUE;
}

/* One autosave: its synchronous part, and the longest main-thread stall
 * from it starting until it has finished.
 */
static void
bench_autosave (SbApplication *app)
{
  SbStore *store = sb_application_get_store (app);
  SbLibrary *library = sb_application_get_library (app);
  g_autoptr(GArray) sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < 7; r++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), 5000 + r);
      g_autofree char *title = g_strdup_printf ("Edited %u", r);
      gboolean done = FALSE;
      gint64 start;
      double ms;

      sb_story_set_title (story, title);
      iterate (150);  /* the row repaints: not the save */

      watch_reset ();
      start = g_get_monotonic_time ();
      sb_store_save_async (store, NULL, save_done_cb, &done);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (sync, ms);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (total, ms);
      iterate (50);
      ms = MAX (max_gap / 1000.0, g_array_index (sync, double, sync->len - 1));
      g_array_append_val (stall, ms);
      ms = max_wall_gap / 1000.0;
      g_array_append_val (wall, ms);
    }

  g_print ("autosave sync_median_ms=%.2f stall_median_ms=%.2f stall_max_ms=%.2f wall_gap_median_ms=%.1f total_median_ms=%.1f\n",
           median (sync), median (stall), maximum (stall), median (wall), median (total));
}

typedef struct
{
  GtkTextBuffer *buffer;
  guint          left;
} Typing;

static gboolean
type_cb (gpointer data)
{
  Typing *typing = data;
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (typing->buffer, &end);
  gtk_text_buffer_place_cursor (typing->buffer, &end);
  gtk_text_buffer_insert_at_cursor (typing->buffer, typing->left % 6 ? "x" : " ", 1);

  if (--typing->left == 0)
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

/* Types into the open story's situation, a key every 60 ms for four
 * seconds (an autosave falls in it), then waits for the autosave.
 */
static void
bench_typing (SbWindow *window)
{
  SbStoryList *list = sb_window_get_story_list (window);
  SbStoryEditor *editor = sb_window_get_editor (window);
  GtkWidget *view;
  Typing typing = { NULL, 66 };

  sb_story_list_select_position (list, 10);
  iterate (300);
  view = sb_story_editor_get_field (editor, "situation");
  g_assert (GTK_IS_TEXT_VIEW (view));
  gtk_widget_grab_focus (view);
  typing.buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  iterate (200);

  watch_reset ();
  g_timeout_add (60, type_cb, &typing);
  while (typing.left > 0)
    g_main_context_iteration (NULL, TRUE);
  iterate (1500);

  g_print ("typing longest_stall_ms=%.1f longest_wall_gap_ms=%.1f longest_frame_ms=%.1f\n",
           max_gap / 1000.0, max_wall_gap / 1000.0, max_frame / 1000.0);
}

static void
bench_scroll (SbWindow *window)
{
  GtkWidget *view = find_widget (GTK_WIDGET (sb_window_get_story_list (window)), GTK_TYPE_GRID_VIEW);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  watch_reset ();
  for (guint i = 0; i < 120; i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 400);
      iterate (16);
    }
  iterate (100);
  g_print ("scroll longest_stall_ms=%.1f longest_wall_gap_ms=%.1f longest_frame_ms=%.1f\n",
           max_gap / 1000.0, max_wall_gap / 1000.0, max_frame / 1000.0);
}

static void
bench_principles (SbWindow *window)
{
  SbPrincipleSidebar *sidebar = sb_window_get_sidebar (window);
  static const char * const ids[] = { "think-big", "ownership", "dive-deep", "earn-trust", NULL };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double stalls = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      watch_reset ();
      sb_principle_sidebar_set_principle_id (sidebar, ids[i]);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      iterate (300);
      stalls = MAX (stalls, max_gap / 1000.0);
    }
  g_print ("switch-principle median_ms=%.2f longest_stall_ms=%.1f visible=%u\n",
           median (times), stalls, n_visible (window));
  sb_principle_sidebar_set_principle_id (sidebar, NULL);
  iterate (300);
}

/* Opens seven stories far apart in the list: all stories, then one
 * principle's (where each story brings the same tips).
 */
static void
bench_open (SbWindow *window)
{
  SbStoryList *list = sb_window_get_story_list (window);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));

      if (round == 1)
        {
          sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), "think-big");
          iterate (300);
        }
      for (guint i = 0; i < 7; i++)
        {
          double ms;

          watch_reset ();
          sb_story_list_select_position (list, 100 + i * (round == 0 ? 500 : 200));
          iterate (250);
          ms = max_gap / 1000.0;
          g_array_append_val (stalls, ms);
        }
      g_print ("%s stall_median_ms=%.1f stall_max_ms=%.1f\n", round == 0 ? "open-story" : "open-story-in-principle",
               median (stalls), maximum (stalls));
    }
  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), NULL);
  iterate (300);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  SbWindow *window;
  GdkFrameClock *clock;

  gtk_init ();
  adw_init ();
  /* A blinking cursor would draw a frame twice a second in every figure. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  app = sb_application_new ();
  g_application_set_application_id (G_APPLICATION (app), "io.github.storybank.Storybank.Benchmark");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  iterate (1000);
  g_print ("stories %u\n", n_visible (window));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, NULL, NULL);

  if (argc < 2 || strstr (argv[1], "search"))
    bench_search (window);
  if (argc < 2 || strstr (argv[1], "autosave"))
    bench_autosave (app);
  if (argc < 2 || strstr (argv[1], "typing"))
    bench_typing (window);
  if (argc < 2 || strstr (argv[1], "scroll"))
    bench_scroll (window);
  if (argc < 2 || strstr (argv[1], "principle"))
    bench_principles (window);
  if (argc < 2 || strstr (argv[1], "open"))
    bench_open (window);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
  return 0;
}
