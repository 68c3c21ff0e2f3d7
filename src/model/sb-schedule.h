/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-interview.h"
#include "sb-library.h"
#include "sb-story.h"

G_BEGIN_DECLS

/* Rehearsals toward an interview, SM-2 style: from a story's last
 * rating (1-5) and how often it was practised, the next rehearsal is
 * further off as ratings rise and the next day again after a poor one;
 * the last falls on the day before the interview. A story stores only
 * its last rating, practice count and last practice (sb-story.h), so
 * the schedule is computed from those, never stored.
 */

typedef enum
{
  SB_READINESS_NOT_READY,  /* never practised, or rated 1-2 */
  SB_READINESS_ALMOST,     /* rated 3, or 4-5 but not lately */
  SB_READINESS_READY,      /* rated 4-5, practised in time */
} SbReadinessLevel;

typedef struct
{
  /* (nullable): the day of the next rehearsal (local midnight); NULL
   * when no rehearsal is left before the interview.
   */
  GDateTime        *next;
  /* The next rehearsal is today or overdue. */
  gboolean          due;
  /* 0-100: how ready the story is to tell without notes. */
  guint             readiness;
  SbReadinessLevel  level;
  /* Days between rehearsals the ratings have reached. */
  guint             interval_days;
} SbSchedule;

/* Days until the next rehearsal after a practice rated @confidence
 * (1-5) that was the @count-th: SM-2's intervals, 1 after a poor one.
 */
guint        sb_schedule_interval        (int              confidence,
                                          guint            count);
void         sb_schedule_compute         (SbStory         *story,
                                          GDateTime       *interview_date,
                                          GDateTime       *now,
                                          SbSchedule      *out);
void         sb_schedule_clear           (SbSchedule      *schedule);
const char  *sb_readiness_get_label      (SbReadinessLevel level);
/* The ids of the stories planned for upcoming interviews (each round's
 * planned stories) whose rehearsal is due at @now, each once, soonest
 * interview first: the "Due today" scope (SB_REVIEW_SCOPE_STORIES).
 */
char       **sb_schedule_dup_due_today   (SbLibrary       *library,
                                          GDateTime       *now);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SbSchedule, sb_schedule_clear)

G_END_DECLS
