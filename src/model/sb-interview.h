/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sb-round.h"

G_BEGIN_DECLS

/* An interview loop: a company, a role, a date, the job posting and the
 * rounds, each probing a few principles. Kept in the library
 * (sb_library_get_interviews()) and in the data file's optional
 * top-level "interviews" array. Members of an interview or a round this
 * version does not know are kept and written back unchanged.
 *
 * Every property notifies on a real change only, so widgets can bind to
 * them; an interview also emits ::changed after any edit of itself or of
 * one of its rounds (the library saves on it).
 *
 * For a window, in short:
 * - the sidebar: sb_library_get_interviews() (a sorted GListModel),
 *   sb_interview_dup_countdown(), sb_interview_dup_display_title();
 *   sb_library_add_interview() / sb_library_remove_interview();
 * - the posting: sb_posting_analyse() (sb-posting.h), then
 *   sb_round_set_principles() with the ids the user picks;
 * - the plan: sb_plan_compute() (sb-plan.h) each time the page shows or
 *   something changes; a swap is sb_round_set_planned_story(), "accept"
 *   is sb_plan_accept(); gaps are the slots' SbCoverageGap, as in the
 *   coverage view;
 * - rehearsing: sb_schedule_compute() for a story's next rehearsal and
 *   readiness, sb_schedule_dup_due_today() for the "Due today" scope
 *   (SB_REVIEW_SCOPE_STORIES with those ids);
 * - after it: sb_round_add_told(), sb_round_set_rating(),
 *   sb_round_add_follow_up() and sb_library_log_follow_up() (the story's
 *   notes), sb_interview_set_outcome();
 * - before deleting a story: sb_library_dup_interviews_using_story();
 * - printing: sb_document_new_for_plan() and sb_export_plan_to_file()
 *   (src/render/).
 */

typedef enum
{
  SB_INTERVIEW_OUTCOME_NONE,      /* not known yet */
  SB_INTERVIEW_OUTCOME_WAITING,   /* done, waiting to hear */
  SB_INTERVIEW_OUTCOME_NEXT,      /* moved on to a further round */
  SB_INTERVIEW_OUTCOME_OFFER,
  SB_INTERVIEW_OUTCOME_REJECTED,
  SB_INTERVIEW_OUTCOME_WITHDREW,
} SbInterviewOutcome;

#define SB_TYPE_INTERVIEW_OUTCOME (sb_interview_outcome_get_type ())
GType        sb_interview_outcome_get_type   (void) G_GNUC_CONST;
/* "", "waiting", "next", "offer", "rejected", "withdrew": the data file's words */
const char  *sb_interview_outcome_to_string  (SbInterviewOutcome outcome);
/* A translated label for the outcome ("Offer", "Not selected", …) */
const char  *sb_interview_outcome_get_label  (SbInterviewOutcome outcome);

#define SB_TYPE_INTERVIEW (sb_interview_get_type ())

G_DECLARE_FINAL_TYPE (SbInterview, sb_interview, SB, INTERVIEW, GObject)

/* Properties: "id" (read-only), "company", "role", "date" (GDateTime,
 * local, nullable), "posting", "notes", "outcome" (SbInterviewOutcome),
 * "n-rounds" (read-only). Signal: ::changed, after any edit of the
 * interview or one of its rounds.
 */
SbInterview        *sb_interview_new              (const char         *company,
                                                   const char         *role,
                                                   GDateTime          *date);
SbInterview        *sb_interview_new_from_json    (JsonObject         *object,
                                                   GError            **error);
void                sb_interview_write_json       (SbInterview        *self,
                                                   GString            *out,
                                                   guint               indent);
char               *sb_interview_dup_json         (SbInterview        *self);
SbInterview        *sb_interview_copy             (SbInterview        *self);
void                sb_interview_update_from      (SbInterview        *self,
                                                   SbInterview        *other);
GPtrArray          *sb_interview_list_from_json   (JsonNode           *node);
GPtrArray          *sb_interview_list_from_text   (const char         *json);

const char         *sb_interview_get_id           (SbInterview        *self);
const char         *sb_interview_get_company      (SbInterview        *self);
void                sb_interview_set_company      (SbInterview        *self,
                                                   const char         *company);
const char         *sb_interview_get_role         (SbInterview        *self);
void                sb_interview_set_role         (SbInterview        *self,
                                                   const char         *role);
GDateTime          *sb_interview_get_date         (SbInterview        *self);
void                sb_interview_set_date         (SbInterview        *self,
                                                   GDateTime          *date);
const char         *sb_interview_get_posting      (SbInterview        *self);
void                sb_interview_set_posting      (SbInterview        *self,
                                                   const char         *posting);
const char         *sb_interview_get_notes        (SbInterview        *self);
void                sb_interview_set_notes        (SbInterview        *self,
                                                   const char         *notes);
SbInterviewOutcome  sb_interview_get_outcome      (SbInterview        *self);
void                sb_interview_set_outcome      (SbInterview        *self,
                                                   SbInterviewOutcome  outcome);

/* The rounds, in the order they take place: a GListModel of SbRound. */
GListModel         *sb_interview_get_rounds       (SbInterview        *self);
guint               sb_interview_get_n_rounds     (SbInterview        *self);
SbRound            *sb_interview_get_round        (SbInterview        *self,
                                                   guint               position);
SbRound            *sb_interview_find_round       (SbInterview        *self,
                                                   const char         *round_id);
void                sb_interview_add_round        (SbInterview        *self,
                                                   SbRound            *round);
void                sb_interview_insert_round     (SbInterview        *self,
                                                   guint               position,
                                                   SbRound            *round);
gboolean            sb_interview_remove_round     (SbInterview        *self,
                                                   SbRound            *round);

/* Whether the interview is still to come at @now (no date: upcoming). */
gboolean            sb_interview_is_upcoming      (SbInterview        *self,
                                                   GDateTime          *now);
/* Whole days from @now's day to the interview's day (negative: past). */
int                 sb_interview_get_days_until   (SbInterview        *self,
                                                   GDateTime          *now);
/* "Today", "Tomorrow", "In 3 days", "2 days ago", translated. */
char               *sb_interview_dup_countdown    (SbInterview        *self,
                                                   GDateTime          *now);
/* "Acme — Staff engineer" or what of it is set. */
char               *sb_interview_dup_display_title (SbInterview       *self);
/* The sidebar's order at @now: upcoming first, soonest first; then past
 * ones, newest first; then by company.
 */
int                 sb_interview_compare          (SbInterview        *a,
                                                   SbInterview        *b,
                                                   GDateTime          *now);
gboolean            sb_interview_uses_story       (SbInterview        *self,
                                                   const char         *story_id);
gboolean            sb_interview_is_same_company  (SbInterview        *self,
                                                   SbInterview        *other);

G_END_DECLS
