/* sb-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-plan"

#include "config.h"

#include "sb-plan.h"

SbPlan *
sb_plan_compute (SbInterview *interview,
                 SbLibrary   *library,
                 SbCatalog   *catalog)
{
  SbPlan *plan = g_new0 (SbPlan, 1);

  plan->interview = g_object_ref (interview);
  plan->rounds = g_ptr_array_new ();
  return plan;
}

void
sb_plan_free (SbPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->interview);
  g_ptr_array_unref (plan->rounds);
  g_free (plan);
}

SbPlanSlot *
sb_plan_find_slot (SbPlan     *plan,
                   SbRound    *round,
                   const char *principle_id)
{
  return NULL;
}

void
sb_plan_accept (SbPlan *plan)
{
}

char **
sb_plan_dup_story_ids (SbPlan *plan)
{
  return g_new0 (char *, 1);
}

char *
sb_plan_to_text (SbPlan *plan)
{
  return g_strdup ("");
}

char *
sb_plan_to_markdown (SbPlan *plan)
{
  return g_strdup ("");
}
