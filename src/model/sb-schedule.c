/* sb-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-schedule"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-schedule.h"

guint
sb_schedule_interval (int   confidence,
                      guint count)
{
  return 1;
}

void
sb_schedule_compute (SbStory    *story,
                     GDateTime  *interview_date,
                     GDateTime  *now,
                     SbSchedule *out)
{
  memset (out, 0, sizeof *out);
}

void
sb_schedule_clear (SbSchedule *schedule)
{
  g_clear_pointer (&schedule->next, g_date_time_unref);
}

const char *
sb_readiness_get_label (SbReadinessLevel level)
{
  return _("Not ready");
}

char **
sb_schedule_dup_due_today (SbLibrary *library,
                           GDateTime *now)
{
  return g_new0 (char *, 1);
}
