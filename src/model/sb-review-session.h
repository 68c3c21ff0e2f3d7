/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-review.h"
#include "sb-review-card.h"

G_BEGIN_DECLS

#define SB_TYPE_REVIEW_SESSION (sb_review_session_get_type ())

G_DECLARE_FINAL_TYPE (SbReviewSession, sb_review_session, SB, REVIEW_SESSION, GObject)

typedef struct
{
  guint  n_cards;
  guint  n_done;              /* cards rated */
  guint  n_over_target;       /* rated cards that took longer than the target */
  double average_confidence;  /* over the rated cards, 0 when none */
  double average_seconds;     /* over the rated cards, 0 when none */
  double total_seconds;       /* over the rated cards */
} SbReviewSummary;

SbReviewSession *sb_review_session_new                (SbLibrary           *library,
                                                       SbCatalog           *catalog,
                                                       const SbReviewScope *scope,
                                                       GDateTime           *now);
GListModel      *sb_review_session_get_cards          (SbReviewSession     *self);
SbReviewCard    *sb_review_session_get_current_card   (SbReviewSession     *self);
guint            sb_review_session_get_position       (SbReviewSession     *self);
guint            sb_review_session_get_n_cards        (SbReviewSession     *self);
gboolean         sb_review_session_get_revealed       (SbReviewSession     *self);
gboolean         sb_review_session_get_finished       (SbReviewSession     *self);
guint            sb_review_session_get_target_seconds (SbReviewSession     *self);
void             sb_review_session_set_target_seconds (SbReviewSession     *self,
                                                       guint                target_seconds);
void             sb_review_session_start_at           (SbReviewSession     *self,
                                                       gint64               time_us);
gboolean         sb_review_session_reveal             (SbReviewSession     *self);
gboolean         sb_review_session_reveal_at          (SbReviewSession     *self,
                                                       gint64               time_us);
gboolean         sb_review_session_rate               (SbReviewSession     *self,
                                                       int                  confidence);
gboolean         sb_review_session_rate_at            (SbReviewSession     *self,
                                                       int                  confidence,
                                                       gint64               time_us,
                                                       GDateTime           *when);
gboolean         sb_review_session_next               (SbReviewSession     *self);
gboolean         sb_review_session_next_at            (SbReviewSession     *self,
                                                       gint64               time_us);
void             sb_review_session_get_summary        (SbReviewSession     *self,
                                                       SbReviewSummary     *summary);

G_END_DECLS
