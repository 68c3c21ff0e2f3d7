/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-principle.h"
#include "sb-story.h"

G_BEGIN_DECLS

#define SB_TYPE_REVIEW_CARD (sb_review_card_get_type ())

G_DECLARE_FINAL_TYPE (SbReviewCard, sb_review_card, SB, REVIEW_CARD, GObject)

SbReviewCard *sb_review_card_new           (SbStory      *story,
                                            SbPrinciple  *principle,
                                            const char   *prompt);
SbStory      *sb_review_card_get_story     (SbReviewCard *self);
SbPrinciple  *sb_review_card_get_principle (SbReviewCard *self);
const char   *sb_review_card_get_prompt    (SbReviewCard *self);
int           sb_review_card_get_rating    (SbReviewCard *self);
gboolean      sb_review_card_get_revealed  (SbReviewCard *self);
double        sb_review_card_get_seconds   (SbReviewCard *self);
gint64        sb_review_card_get_started   (SbReviewCard *self);
gint64        sb_review_card_get_revealed_at (SbReviewCard *self);
gint64        sb_review_card_get_rated_at  (SbReviewCard *self);

/* For SbReviewSession. */
void          _sb_review_card_start        (SbReviewCard *self,
                                            gint64        time_us);
void          _sb_review_card_reveal       (SbReviewCard *self,
                                            gint64        time_us);
void          _sb_review_card_rate         (SbReviewCard *self,
                                            int           rating,
                                            gint64        time_us);

G_END_DECLS
