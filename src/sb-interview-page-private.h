/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-interview-page.h"

G_BEGIN_DECLS

struct _SbInterviewPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkButton           *accept_button;
  GtkListBox          *analysis_list;
  GtkCalendar         *calendar;
  AdwEntryRow         *company_row;
  GtkLabel            *countdown_label;
  GtkMenuButton       *date_button;
  GtkLabel            *heading_label;
  GtkBox              *log_box;
  AdwPreferencesGroup *log_group;
  GtkTextView         *notes_view;
  AdwComboRow         *outcome_row;
  GtkBox              *plan_box;
  AdwPreferencesGroup *plan_group;
  GtkTextView         *posting_view;
  AdwEntryRow         *role_row;
  AdwPreferencesGroup *rounds_group;
  GtkListBox          *rounds_list;
  GtkScrolledWindow   *scroller;
  GtkEntry            *time_entry;

  /* Owned */
  SbCatalog           *catalog;
  SbLibrary           *library;
  SbInterview         *interview;
  SbPlan              *plan;
  GPtrArray           *matches;
  GHashTable          *expanded;   /* ids of the rounds and log rows shown open */
  char                *refocus;    /* the log row whose follow-up was just added */
  GtkWidget           *focus_entry; /* its entry, while the log is built */
  guint                analysis_id;
  guint                plan_id;
  guint                loading : 1;
};

/* sb-interview-page-plan.c */
void _sb_interview_page_class_plan_init (SbInterviewPageClass *klass);
void _sb_interview_page_update_plan     (SbInterviewPage      *self);
void _sb_interview_page_update_log      (SbInterviewPage      *self);
GtkWidget *_sb_interview_page_make_heading (const char        *text,
                                            const char        *detail);

G_END_DECLS
