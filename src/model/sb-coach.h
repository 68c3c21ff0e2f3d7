/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-finding.h"
#include "sb-story.h"

G_BEGIN_DECLS

/* Stable check ids: stored in a story's "dismissed" list, so never rename. */
#define SB_CHECK_MISSING_PART      "missing-part"
#define SB_CHECK_UNMEASURED_RESULT "unmeasured-result"
#define SB_CHECK_WE_NOT_I          "we-not-i"
#define SB_CHECK_VAGUE             "vague"
#define SB_CHECK_LONG_SETUP        "long-setup"
#define SB_CHECK_SPEAKING_TIME     "speaking-time"
#define SB_CHECK_PRINCIPLE_FIT     "principle-fit"
#define SB_CHECK_OVER_USED         "over-used"

/* Parts of the spoken story, in the order they are told: STAR, and the
 * optional Learnings (STAR-L). A story's notes are not spoken.
 */
typedef enum
{
  SB_STAR_SITUATION,
  SB_STAR_TASK,
  SB_STAR_ACTION,
  SB_STAR_RESULT,
  SB_STAR_LEARNINGS,
  SB_STAR_N_PARTS,
} SbStarPart;

/* The coach's thresholds, all in one place (see sb-coach.c for why each
 * has its value). Read-only.
 */
typedef struct
{
  guint words_per_minute;
  guint default_target_seconds;
  guint min_action_steps;
  guint setup_max_percent;
  guint min_words_to_judge;
  guint max_principles;
  guint target_percent[SB_STAR_N_PARTS];
} SbCoachThresholds;

typedef struct
{
  /* Target speaking time in seconds; 0 means the default (120). A story
   * under half of it or over one and a half times it is flagged.
   */
  guint    target_seconds;
  /* Also return findings of dismissed checks, with dismissed=TRUE. */
  gboolean include_dismissed;
} SbCoachOptions;

typedef struct
{
  guint  words[SB_STAR_N_PARTS];
  double seconds[SB_STAR_N_PARTS];
  /* The target split over the parts (about 15/10/55/20/0 percent). */
  double target_seconds[SB_STAR_N_PARTS];
  guint  total_words;
  double total_seconds;
  double total_target_seconds;
} SbSpeakingEstimate;

const SbCoachThresholds *sb_coach_get_thresholds   (void);
const char * const      *sb_coach_get_check_ids    (void);
const char              *sb_coach_get_check_title  (const char               *check_id);
GPtrArray               *sb_coach_check            (SbStory                  *story,
                                                    SbCatalog                *catalog,
                                                    const SbCoachOptions     *options);
void                     sb_coach_estimate         (SbStory                  *story,
                                                    guint                     target_seconds,
                                                    SbSpeakingEstimate       *out);
guint                    sb_coach_count_words      (const char               *text);
char                    *sb_coach_stem             (const char               *word);
void                     sb_coach_count_pronouns   (const char               *text,
                                                    guint                    *singular,
                                                    guint                    *plural);

G_END_DECLS
