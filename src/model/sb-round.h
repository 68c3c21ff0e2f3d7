/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One round of an interview loop (sb-interview.h): its name ("Hiring
 * manager", "Bar raiser"), interviewer, length, the principles it
 * probes, the accepted plan and, afterwards, the log of what was told.
 * Members of a round this version does not know are kept.
 */

/* How a round went: 1-5, or this when not said. */
#define SB_ROUND_RATING_UNSET 0

#define SB_TYPE_ROUND (sb_round_get_type ())

G_DECLARE_FINAL_TYPE (SbRound, sb_round, SB, ROUND, GObject)

/* Properties: "id" (read-only), "name", "interviewer", "minutes",
 * "principles" (GStrv of principle ids it probes), "rating" (how it went,
 * 1-5 or SB_ROUND_RATING_UNSET), "follow-ups" (GStrv), "n-told"
 * (read-only) and "n-planned" (read-only). Signal: ::changed, after
 * any edit (the plan and the told stories included).
 */
SbRound            *sb_round_new                  (const char         *name);
SbRound            *sb_round_new_from_json        (JsonObject         *object,
                                                   GError            **error);
void                sb_round_write_json           (SbRound            *self,
                                                   GString            *out,
                                                   guint               indent);
SbRound            *sb_round_copy                 (SbRound            *self);
void                sb_round_update_from          (SbRound            *self,
                                                   SbRound            *other);
gboolean            sb_round_content_equal        (SbRound            *self,
                                                   SbRound            *other);

const char         *sb_round_get_id               (SbRound            *self);
const char         *sb_round_get_name             (SbRound            *self);
void                sb_round_set_name             (SbRound            *self,
                                                   const char         *name);
const char         *sb_round_get_interviewer      (SbRound            *self);
void                sb_round_set_interviewer      (SbRound            *self,
                                                   const char         *interviewer);
guint               sb_round_get_minutes          (SbRound            *self);
void                sb_round_set_minutes          (SbRound            *self,
                                                   guint               minutes);
const char * const *sb_round_get_principles       (SbRound            *self);
void                sb_round_set_principles       (SbRound            *self,
                                                   const char * const *principle_ids);
gboolean            sb_round_has_principle        (SbRound            *self,
                                                   const char         *principle_id);
void                sb_round_add_principle        (SbRound            *self,
                                                   const char         *principle_id);
void                sb_round_remove_principle     (SbRound            *self,
                                                   const char         *principle_id);

/* The accepted plan: for a probed principle, the story the user will
 * tell (chosen by sb_plan_accept() or swapped in by hand). Stored as
 * {"principle": id, "story": id} pairs; a story id may name a story
 * since deleted (the plan then skips it).
 */
guint               sb_round_get_n_planned        (SbRound            *self);
const char         *sb_round_get_planned_principle (SbRound           *self,
                                                   guint               position);
const char         *sb_round_get_planned_story_at (SbRound            *self,
                                                   guint               position);
const char         *sb_round_get_planned_story    (SbRound            *self,
                                                   const char         *principle_id);
void                sb_round_set_planned_story    (SbRound            *self,
                                                   const char         *principle_id,
                                                   const char         *story_id);
void                sb_round_clear_planned        (SbRound            *self);
gboolean            sb_round_plans_story          (SbRound            *self,
                                                   const char         *story_id);

/* The log after the interview: the stories told (each with its title at
 * the time, kept when the story is deleted), how it went, the follow-up
 * questions asked.
 */
guint               sb_round_get_n_told           (SbRound            *self);
const char         *sb_round_get_told_story       (SbRound            *self,
                                                   guint               position);
const char         *sb_round_get_told_title       (SbRound            *self,
                                                   guint               position);
gboolean            sb_round_has_told             (SbRound            *self,
                                                   const char         *story_id);
void                sb_round_add_told             (SbRound            *self,
                                                   const char         *story_id,
                                                   const char         *title);
void                sb_round_remove_told          (SbRound            *self,
                                                   const char         *story_id);
int                 sb_round_get_rating           (SbRound            *self);
void                sb_round_set_rating           (SbRound            *self,
                                                   int                 rating);
const char * const *sb_round_get_follow_ups       (SbRound            *self);
void                sb_round_set_follow_ups       (SbRound            *self,
                                                   const char * const *questions);
void                sb_round_add_follow_up        (SbRound            *self,
                                                   const char         *question);

G_END_DECLS
