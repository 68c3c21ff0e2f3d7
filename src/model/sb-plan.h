/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-catalog.h"
#include "sb-interview.h"
#include "sb-library.h"
#include "sb-review.h"

G_BEGIN_DECLS

/* The plan for an interview: for every principle each round probes, the
 * story to tell and the alternatives. A proposal is the strongest story
 * by its last rating (never practised last), filed under the principle
 * first, then others the coach finds fit; a story is never proposed for
 * two rounds of one loop (nor twice in one round). What the user chose
 * (sb_round_set_planned_story(), sb_plan_accept()) is kept and wins over
 * a proposal. A plan is a computed value: compute it again after an edit.
 */

/* At most this many alternatives are offered for a slot. */
#define SB_PLAN_MAX_ALTERNATIVES 8

typedef struct
{
  SbStory     *story;         /* owned reference */
  /* Told at the same company in an earlier interview. */
  gboolean     told_before;
  /* (nullable): that earlier interview, owned reference */
  SbInterview *told_at;
  /* Rated below SB_REVIEW_STRONG_CONFIDENCE, or never practised. */
  gboolean     weak;
  /* Filed under the slot's principle (else the coach found it fit). */
  gboolean     filed;
  /* Planned for another slot of this loop (alternatives only). */
  gboolean     used_elsewhere;
} SbPlanPick;

typedef struct
{
  char          *principle_id;
  SbPrinciple   *principle;    /* (nullable) owned; NULL when unknown */
  /* (nullable) the story to tell: the user's choice or the proposal */
  SbPlanPick    *pick;
  /* The user chose @pick (a swap or an accepted plan). */
  gboolean       chosen;
  /* SbPlanPick: other stories that fit, strongest first */
  GPtrArray     *alternatives;
  /* NO_STORY: nothing to tell; ONLY_WEAK: @pick is weak. */
  SbCoverageGap  gap;
} SbPlanSlot;

typedef struct
{
  SbRound   *round;  /* owned reference */
  GPtrArray *slots;  /* SbPlanSlot, in the round's principle order */
} SbPlanRound;

typedef struct
{
  SbInterview *interview;  /* owned reference */
  SbLibrary   *library;    /* owned reference */
  SbCatalog   *catalog;    /* owned reference */
  GPtrArray   *rounds;     /* SbPlanRound, in the interview's order */
  guint        n_gaps;     /* slots with a gap */
  guint        n_stories;  /* slots with a story */
} SbPlan;

SbPlan     *sb_plan_compute         (SbInterview *interview,
                                     SbLibrary   *library,
                                     SbCatalog   *catalog);
void        sb_plan_free            (SbPlan      *plan);
SbPlanSlot *sb_plan_find_slot       (SbPlan      *plan,
                                     SbRound     *round,
                                     const char  *principle_id);
/* Stores every slot's story on its round (the plan as accepted). */
void        sb_plan_accept          (SbPlan      *plan);
/* The story ids of the plan, each once, in plan order (NULL-terminated). */
char      **sb_plan_dup_story_ids   (SbPlan      *plan);
/* A plain text and a Markdown page for printing the plan, with each
 * story's one-line S/T/A/R summaries as the cheat sheet has them.
 */
char       *sb_plan_to_text         (SbPlan      *plan);
/* Pieces of the printed plan, for any other page that shows it. */
char       *sb_plan_dup_when        (SbPlan      *plan);
char       *sb_plan_dup_round_heading (SbPlanRound *plan_round,
                                     guint        position);
char       *sb_plan_dup_slot_note   (SbPlanSlot  *slot);
char       *sb_plan_to_markdown     (SbPlan      *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbPlan, sb_plan_free)

G_END_DECLS
