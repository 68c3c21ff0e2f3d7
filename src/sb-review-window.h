/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-rehearse-page.h"
#include "sb-review-session.h"

G_BEGIN_DECLS

#define SB_TYPE_REVIEW_WINDOW (sb_review_window_get_type ())

G_DECLARE_FINAL_TYPE (SbReviewWindow, sb_review_window, SB, REVIEW_WINDOW, AdwWindow)

SbReviewWindow  *sb_review_window_new               (GtkWindow      *parent,
                                                     SbCatalog      *catalog,
                                                     SbLibrary      *library,
                                                     const char     *principle_id);
void             sb_review_window_show_coverage     (SbReviewWindow *self);
SbReviewSession *sb_review_window_get_session       (SbReviewWindow *self);
const char      *sb_review_window_get_visible_page  (SbReviewWindow *self);
SbRehearsePage  *sb_review_window_get_rehearse_page (SbReviewWindow *self);
void             sb_review_window_set_recordings    (SbReviewWindow *self,
                                                     SbRecordings   *recordings);

G_END_DECLS
