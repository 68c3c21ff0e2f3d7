/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-application.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

typedef struct _SbStoryList SbStoryList;
typedef struct _SbStoryEditor SbStoryEditor;
typedef struct _SbPrincipleSidebar SbPrincipleSidebar;
typedef struct _SbTipsPanel SbTipsPanel;
typedef struct _SbInterviewPage SbInterviewPage;

SbWindow           *sb_window_new                (SbApplication *application);
SbStoryList        *sb_window_get_story_list     (SbWindow      *self);
SbStoryEditor      *sb_window_get_editor         (SbWindow      *self);
SbPrincipleSidebar *sb_window_get_sidebar        (SbWindow      *self);
SbTipsPanel        *sb_window_get_tips_panel     (SbWindow      *self);
gboolean            sb_window_get_banner_visible (SbWindow      *self);
SbInterviewPage    *sb_window_get_interview_page (SbWindow      *self);
GtkWidget          *sb_window_show_restore_dialog (SbWindow     *self);

G_END_DECLS
