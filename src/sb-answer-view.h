/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-answer-report.h"
#include "sb-recordings.h"

G_BEGIN_DECLS

#define SB_TYPE_ANSWER_VIEW (sb_answer_view_get_type ())

G_DECLARE_FINAL_TYPE (SbAnswerView, sb_answer_view, SB, ANSWER_VIEW, GtkWidget)

GtkWidget      *sb_answer_view_new           (void);
void            sb_answer_view_set_report    (SbAnswerView   *self,
                                              SbAnswerReport *report,
                                              SbRecording    *recording);
SbAnswerReport *sb_answer_view_get_report    (SbAnswerView   *self);
SbRecording    *sb_answer_view_get_recording (SbAnswerView   *self);
void            sb_answer_view_set_note      (SbAnswerView   *self,
                                              const char     *note);

G_END_DECLS
