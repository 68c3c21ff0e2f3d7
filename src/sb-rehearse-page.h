/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-recordings.h"
#include "sb-review-session.h"

G_BEGIN_DECLS

#define SB_TYPE_REHEARSE_PAGE (sb_rehearse_page_get_type ())

G_DECLARE_FINAL_TYPE (SbRehearsePage, sb_rehearse_page, SB, REHEARSE_PAGE, GtkWidget)

void             sb_rehearse_page_set_model          (SbRehearsePage *self,
                                                      SbCatalog      *catalog,
                                                      SbLibrary      *library,
                                                      const char     *principle_id);
void             sb_rehearse_page_rehearse_principle (SbRehearsePage *self,
                                                      const char     *principle_id);
void             sb_rehearse_page_rehearse_due       (SbRehearsePage *self);
void             sb_rehearse_page_focus_start        (SbRehearsePage *self);
gboolean         sb_rehearse_page_activate_default   (SbRehearsePage *self);
gboolean         sb_rehearse_page_handle_key         (SbRehearsePage *self,
                                                      guint           keyval);
SbReviewSession *sb_rehearse_page_get_session        (SbRehearsePage *self);
const char      *sb_rehearse_page_get_visible_page   (SbRehearsePage *self);
void             sb_rehearse_page_set_recordings     (SbRehearsePage *self,
                                                      SbRecordings   *recordings);
gboolean         sb_rehearse_page_toggle_recording   (SbRehearsePage *self);
gboolean         sb_rehearse_page_get_listening      (SbRehearsePage *self);

G_END_DECLS
