/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-interview.h"
#include "sb-library.h"
#include "sb-plan.h"

G_BEGIN_DECLS

#define SB_TYPE_INTERVIEW_PAGE (sb_interview_page_get_type ())

G_DECLARE_FINAL_TYPE (SbInterviewPage, sb_interview_page, SB, INTERVIEW_PAGE, GtkWidget)

GtkWidget   *sb_interview_page_new           (void);
void         sb_interview_page_set_model     (SbInterviewPage *self,
                                              SbCatalog       *catalog,
                                              SbLibrary       *library);
SbInterview *sb_interview_page_get_interview (SbInterviewPage *self);
void         sb_interview_page_set_interview (SbInterviewPage *self,
                                              SbInterview     *interview);
SbPlan      *sb_interview_page_get_plan      (SbInterviewPage *self);
GPtrArray   *sb_interview_page_get_matches   (SbInterviewPage *self);
void         sb_interview_page_refresh       (SbInterviewPage *self);

G_END_DECLS
