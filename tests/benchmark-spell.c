/* benchmark-spell.c: what spell checking costs the editor's main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under a display: a field given a 32 KB text (the longest shown whole),
 * with checking off and on, and keys typed at its end.
 *   build/tests/benchmark-spell
 */

#include "config.h"

#include <adwaita.h>

#include "sb-spell-checker.h"
#include "sb-text-view.h"

#define RUNS 7

static const char *sentences[] = {
  "We shiped the new checkout in three weeks, after the old one fell over on Black Friday. ",
  "I talked to every team lead, wrote down what each of them needed, and recieved a lot of pushback. ",
  "The on-call rota was changed so that nobody carried the pager two weeks in a row. ",
  "Latency dropped from 900 ms to 120 ms and we saved $40k a quarter on the API gateway. ",
  "Looking back, I would have involved the support team much ealier in the process. ",
  "O’Brien's team ran `kubectl rollout` twice before anyone noticed the config was wrong. ",
};

static void
iterate (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static char *
make_text (gsize    size,
           gboolean paragraphs)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; text->len < size - 200; i++)
    {
      g_string_append (text, sentences[i % G_N_ELEMENTS (sentences)]);
      if (paragraphs && i % 12 == 11)
        g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

/* Runs the main loop until the view is checked; the longest iteration. */
static double
drain (SbTextView *view,
       guint      *n_iterations)
{
  SbSpellTextAdapter *spell = sb_text_view_get_spell_adapter (view);
  double longest = 0;

  *n_iterations = 0;
  while (sb_spell_text_adapter_get_busy (spell))
    {
      gint64 start = g_get_monotonic_time ();

      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, (g_get_monotonic_time () - start) / 1000.0);
      (*n_iterations)++;
    }

  return longest;
}

/* Runs the main loop for @msec; the longest iteration. */
static double
longest_iteration (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;
  double longest = 0;

  while (g_get_monotonic_time () < end)
    {
      gint64 start = g_get_monotonic_time ();

      if (g_main_context_iteration (NULL, FALSE))
        longest = MAX (longest, (g_get_monotonic_time () - start) / 1000.0);
      else
        g_usleep (500);
    }

  return longest;
}

/* Sets @text, as opening a story does: the synchronous cost, then the
 * longest main-loop iteration in the next second (GTK's layout and
 * drawing, and the check's slices), with checking off and on.
 */
static void
bench_open (GtkWidget  *view,
            const char *name,
            const char *text)
{
  SbSpellChecker *checker = sb_spell_checker_get_default ();
  double set[2][RUNS], longest[2][RUNS], total[RUNS];
  guint n_iterations = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      for (guint on = 0; on < 2; on++)
        {
          gint64 start;

          sb_spell_checker_set_enabled (checker, on);
          sb_text_view_set_text (SB_TEXT_VIEW (view), "");
          iterate (100);

          start = g_get_monotonic_time ();
          sb_text_view_set_text (SB_TEXT_VIEW (view), text);
          set[on][run] = (g_get_monotonic_time () - start) / 1000.0;

          if (on)
            {
              start = g_get_monotonic_time ();
              drain (SB_TEXT_VIEW (view), &n_iterations);
              total[run] = (g_get_monotonic_time () - start) / 1000.0;
              sb_text_view_set_text (SB_TEXT_VIEW (view), "");
              iterate (100);
              sb_text_view_set_text (SB_TEXT_VIEW (view), text);
            }
          longest[on][run] = longest_iteration (1000);
        }
    }

  g_print ("open-%s bytes=%zu set_text_off_ms=%.2f set_text_on_ms=%.2f added_ms=%.2f "
           "longest_iteration_off_ms=%.2f longest_iteration_on_ms=%.2f check_all_ms=%.1f iterations=%u\n",
           name, strlen (text), median (set[0]), median (set[1]), median (set[1]) - median (set[0]),
           median (longest[0]), median (longest[1]), median (total), n_iterations);
}

static void
bench_typing (GtkWidget  *view,
              const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  SbSpellChecker *checker = sb_spell_checker_get_default ();

  for (guint on = 0; on < 2; on++)
    {
      double keys[66];
      guint n_iterations;

      sb_spell_checker_set_enabled (checker, on);
      sb_text_view_set_text (SB_TEXT_VIEW (view), "");
      sb_text_view_set_text (SB_TEXT_VIEW (view), text);
      drain (SB_TEXT_VIEW (view), &n_iterations);
      gtk_widget_grab_focus (view);
      iterate (300);

      /* A key at the end, then all the main loop has to do after it:
       * layout, drawing and the check.
       */
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          GtkTextIter end;
          gint64 start = g_get_monotonic_time ();

          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_place_cursor (buffer, &end);
          gtk_text_buffer_insert_at_cursor (buffer, i % 6 ? "x" : " ", 1);
          while (g_main_context_pending (NULL))
            g_main_context_iteration (NULL, FALSE);
          keys[i] = (g_get_monotonic_time () - start) / 1000.0;
          iterate (30);
        }

      qsort (keys, G_N_ELEMENTS (keys), sizeof (double), compare_doubles);
      g_print ("typing-%s-%s bytes=%zu key_median_ms=%.2f key_max_ms=%.2f\n",
               strchr (text, '\n') ? "paragraphs" : "one-paragraph", on ? "on" : "off",
               strlen (text), keys[G_N_ELEMENTS (keys) / 2], keys[G_N_ELEMENTS (keys) - 1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *paragraphs = make_text (32 * 1024, TRUE);
  g_autofree char *one = make_text (SB_TEXT_VIEW_MAX_PARAGRAPH, FALSE);
  GtkWidget *window, *scroller, *view;

  gtk_init ();
  adw_init ();

  if (!sb_spell_checker_get_active (sb_spell_checker_get_default ()))
    g_printerr ("No dictionary: nothing is checked\n");

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  scroller = gtk_scrolled_window_new ();
  view = sb_text_view_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
  iterate (300);

  bench_open (view, "32k-paragraphs", paragraphs);
  bench_open (view, "32k-one-paragraph", one);
  bench_typing (view, paragraphs);
  bench_typing (view, one);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
