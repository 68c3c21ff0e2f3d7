/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-coach-panel.h"
#include "sb-interview-page.h"
#include "sb-principle-dialog.h"
#include "sb-principle-sidebar.h"
#include "sb-recordings-group.h"
#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-tips-panel.h"
#include "sb-window.h"

G_BEGIN_DECLS

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkRevealer          *banner_revealer;
  GtkButton            *banner_button;
  GtkButton            *banner_restore_button;
  GtkLabel             *banner_label;
  AdwWindowTitle       *editor_title;
  GtkStack             *editor_stack;
  AdwFlap              *flap;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  AdwWindowTitle       *list_title;
  GtkWidget            *sidebar_pane;
  GtkToggleButton      *search_button;
  SbPrincipleSidebar   *sidebar;
  SbStoryList          *story_list;
  SbTipsPanel          *tips_panel;
  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *principles_menu_button;  /* bound in sb-window-principles.c */

  /* Made when the first story opens (sb_window_get_editor()), then held by
   * the widget tree like the template's widgets: not references.
   */
  SbStoryEditor        *editor;
  SbCoachPanel         *coach_panel;
  SbRecordingsGroup    *recordings_group;
  SbInterviewPage      *interview_page;   /* made when the first interview opens */

  /* Borrowed from the application */
  SbCatalog            *catalog;
  SbLibrary            *library;
  SbStore              *store;
  SbRecordings         *recordings;

  /* Owned */
  GSettings            *settings;
  SbStory              *deleted_story;
  guint                 deleted_position;
  AdwToast             *delete_toast;
  gboolean              close_anyway;
  gboolean              can_restore;      /* a backup can replace a file that went wrong */
  GtkWindow            *shortcuts_window;
  SbInterview          *interview;        /* the one shown, to follow its title */
  int                   interviews_day;   /* the day the countdowns are for */
  gboolean              delete_confirmed; /* deleting a story the user was asked about */
};

void _sb_window_class_actions_init (SbWindowClass *klass);
void _sb_window_recovery_class_init (SbWindowClass *klass);
void _sb_window_recovery_set_up    (SbWindow      *self);
void _sb_window_recovery_update    (SbWindow      *self);
char *_sb_window_recovery_dup_copies_message (SbWindow *self);
void _sb_window_update_actions     (SbWindow      *self);
void _sb_window_show_pane          (SbWindow      *self,
                                    const char    *name);
SbStory *_sb_window_get_story      (SbWindow      *self);
void _sb_window_open_story         (SbWindow      *self,
                                    SbStory       *story,
                                    gboolean       focus_title);
void _sb_window_toast              (SbWindow      *self,
                                    const char    *message);
void _sb_window_review_class_init  (SbWindowClass *klass);
void _sb_window_update_titles      (SbWindow      *self);

/* sb-window-interviews.c */
void _sb_window_interviews_class_init (SbWindowClass *klass);
void _sb_window_interviews_set_up     (SbWindow      *self);
void _sb_window_interviews_update_sensitive (SbWindow *self);
void _sb_window_interviews_story_opened (SbWindow    *self);
SbInterview *_sb_window_get_interview (SbWindow      *self);
gboolean _sb_window_interviews_confirm_delete (SbWindow *self,
                                               SbStory  *story);
char *_sb_window_interviews_dup_told  (SbWindow      *self,
                                       SbStory       *story);
gboolean _sb_window_export_plan_to    (SbWindow      *self,
                                       const char    *path,
                                       GError       **error);

/* sb-window-transfer.c */
void _sb_window_transfer_class_init (SbWindowClass *klass);
void _sb_window_transfer_init       (SbWindow      *self);
char *_sb_window_dup_chosen_pdf_path (GtkNativeDialog *dialog);

/* sb-window-principles.c */
void _sb_window_principles_class_init (SbWindowClass *klass);
void _sb_window_principles_set_up     (SbWindow      *self);
SbPrincipleDialog *_sb_window_principles_open_dialog (SbWindow    *self,
                                                      SbPrinciple *principle);
void _sb_window_principles_delete     (SbWindow      *self,
                                       SbPrinciple   *principle,
                                       const char    *move_to_id);
gboolean _sb_window_principles_can_undo (SbWindow    *self);

G_END_DECLS
