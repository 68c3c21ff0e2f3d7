/* sb-schedule.c: rehearsals toward an interview's date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SuperMemo's SM-2 spaces repetitions by an "easiness" that rises and
 * falls with each answer's grade, and starts again after a poor one. A
 * story keeps only its last rating (1-5), how often it was practised and
 * when (sb-story.h), so the interval here comes from those: the rating
 * sets the easiness, the practice count the repetition. An interview
 * adds a deadline the classic algorithm lacks: the last rehearsal falls
 * on the day before it, however far the spacing would reach.
 */

#define G_LOG_DOMAIN "sb-schedule"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-schedule.h"

/* No interval grows past this: an interview is weeks away, not years. */
#define MAX_INTERVAL_DAYS 30
/* Readiness lost for each day a rehearsal is overdue, in points. */
#define OVERDUE_PENALTY 5

/* The local calendar day of @date in @tz, as GDate's Julian day number
 * (1 for 1 January of year 1), without making a GDateTime for it.
 */
static gint64
day_of (GDateTime *date,
        GTimeZone *tz)
{
  gint64 t = g_date_time_to_unix (date);
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);
  gint64 local = t + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);
  gint64 days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);

  /* 1 January 1970 is GDate's day 719163. */
  return days + 719163;
}

static GDateTime *
date_of_day (gint64 julian)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_julian (&day, (guint32) julian);
  return g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 0, 0, 0);
}

/**
 * sb_schedule_interval:
 * @confidence: the last rating, 1-5
 * @count: which practice it was (1 for the first)
 *
 * SM-2's spacing from the last rating alone: after a poor rating (1-2)
 * the story comes back the next day, whatever came before; otherwise the
 * first interval is a day, the second 2-4 days by rating, and each
 * after that grows by the rating's easiness (1.5 for 3, 2.0 for 4, 2.5
 * for 5), up to 30 days.
 *
 * Returns: days until the next rehearsal
 */
guint
sb_schedule_interval (int   confidence,
                      guint count)
{
  double easiness, interval;

  if (confidence < 3 || count <= 1)
    return 1;

  confidence = MIN (confidence, 5);
  easiness = 1.5 + (confidence - 3) * 0.5;
  interval = confidence - 1;  /* the second: 2, 3 or 4 days */
  for (guint i = 2; i < count && interval < MAX_INTERVAL_DAYS; i++)
    interval *= easiness;

  return (guint) MIN (interval + 0.5, MAX_INTERVAL_DAYS);
}

/* sb_schedule_compute(), in @tz. */
static void
compute (SbStory    *story,
         GDateTime  *interview_date,
         GDateTime  *now,
         GTimeZone  *tz,
         SbSchedule *out)
{
  GDateTime *last = sb_story_get_practice_last (story);
  int confidence = sb_story_get_confidence (story);
  guint count = sb_story_get_practice_count (story);
  gint64 today, last_day = G_MAXINT64, next = 0;
  int readiness = 0;

  memset (out, 0, sizeof *out);
  today = day_of (now, tz);
  if (interview_date != NULL)
    last_day = day_of (interview_date, tz) - 1;

  if (last == NULL || confidence == SB_CONFIDENCE_UNSET)
    {
      out->interval_days = 0;
      next = today;
    }
  else
    {
      gint64 practised = day_of (last, tz);
      gint64 overdue;

      out->interval_days = sb_schedule_interval (confidence, MAX (count, 1));
      next = practised + out->interval_days;
      overdue = today - next;
      readiness = confidence * 20;
      if (overdue > 0)
        readiness -= (int) MIN (overdue * OVERDUE_PENALTY, readiness / 2);
      next = MAX (next, today);
      /* The last rehearsal is the day before; none twice in a day. */
      if (next > last_day)
        next = practised < last_day ? MAX (last_day, today) : G_MAXINT64;
    }

  if (today > last_day || next > last_day)
    next = 0;

  if (next != 0)
    {
      out->next = date_of_day (next);
      out->due = next <= today;
    }
  out->readiness = (guint) CLAMP (readiness, 0, 100);
  if (out->readiness >= 75)
    out->level = SB_READINESS_READY;
  else if (out->readiness >= 50)
    out->level = SB_READINESS_ALMOST;
  else
    out->level = SB_READINESS_NOT_READY;
}

/**
 * sb_schedule_compute:
 * @interview_date: (nullable): when the interview is; %NULL for none
 *   (the spacing alone)
 * @now: the current time
 * @out: (out caller-allocates): the schedule; free with
 *   sb_schedule_clear()
 *
 * A story never practised is due today. After a practice, the next is
 * sb_schedule_interval() days later, today when that has passed, and
 * never later than the day before the interview. On the interview's day
 * and after it, no rehearsal is left. Readiness is the last rating
 * (20 points each), less 5 a day overdue (at most half of it): 75 and
 * over is ready, 50 and over almost. Days are local calendar days.
 */
void
sb_schedule_compute (SbStory    *story,
                     GDateTime  *interview_date,
                     GDateTime  *now,
                     SbSchedule *out)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_if_fail (SB_IS_STORY (story));
  g_return_if_fail (now != NULL);
  g_return_if_fail (out != NULL);

  tz = g_time_zone_new_local ();
  compute (story, interview_date, now, tz, out);
}

void
sb_schedule_clear (SbSchedule *schedule)
{
  g_return_if_fail (schedule != NULL);

  g_clear_pointer (&schedule->next, g_date_time_unref);
}

const char *
sb_readiness_get_label (SbReadinessLevel level)
{
  switch (level)
    {
    case SB_READINESS_READY:
      return _("Ready");
    case SB_READINESS_ALMOST:
      return _("Almost ready");
    case SB_READINESS_NOT_READY:
    default:
      return _("Not ready");
    }
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  return g_date_time_compare (sb_interview_get_date (*(SbInterview **) a),
                              sb_interview_get_date (*(SbInterview **) b));
}

/**
 * sb_schedule_dup_due_today:
 * @now: the current time
 *
 * The stories to rehearse today: those planned (sb_round_set_planned_story())
 * in the rounds of interviews after today whose next rehearsal is today
 * or overdue. Stories since deleted are left out.
 *
 * Returns: (transfer full): their ids, each once, soonest interview first
 */
char **
sb_schedule_dup_due_today (SbLibrary *library,
                           GDateTime *now)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GListModel *interviews;
  guint n;

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  interviews = sb_library_get_interviews (library);
  n = g_list_model_get_n_items (interviews);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (interviews, i);
      GDateTime *date = sb_interview_get_date (interview);

      if (date != NULL && sb_interview_get_days_until (interview, now) >= 1)
        g_ptr_array_add (upcoming, g_steal_pointer (&interview));
    }
  /* Soonest first, whatever order the library is in. */
  g_ptr_array_sort (upcoming, compare_dates);

  for (guint i = 0; i < upcoming->len; i++)
    {
      SbInterview *interview = g_ptr_array_index (upcoming, i);
      guint n_rounds = sb_interview_get_n_rounds (interview);

      for (guint r = 0; r < n_rounds; r++)
        {
          SbRound *round = sb_interview_get_round (interview, r);
          guint n_planned = sb_round_get_n_planned (round);

          for (guint p = 0; p < n_planned; p++)
            {
              const char *id = sb_round_get_planned_story_at (round, p);
              SbStory *story = sb_library_find (library, id);
              g_auto(SbSchedule) schedule = { 0, };

              if (story == NULL || g_hash_table_contains (seen, id))
                continue;
              compute (story, sb_interview_get_date (interview), now, tz, &schedule);
              if (schedule.due)
                {
                  g_hash_table_add (seen, (gpointer) sb_story_get_id (story));
                  g_strv_builder_add (builder, sb_story_get_id (story));
                }
            }
        }
    }

  return g_strv_builder_end (builder);
}
