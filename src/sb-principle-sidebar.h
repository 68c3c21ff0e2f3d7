/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-interview.h"
#include "sb-library.h"

G_BEGIN_DECLS

#define SB_TYPE_PRINCIPLE_SIDEBAR (sb_principle_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (SbPrincipleSidebar, sb_principle_sidebar, SB, PRINCIPLE_SIDEBAR, GtkWidget)

void        sb_principle_sidebar_set_model        (SbPrincipleSidebar *self,
                                                   SbCatalog          *catalog,
                                                   SbLibrary          *library);
const char *sb_principle_sidebar_get_principle_id (SbPrincipleSidebar *self);
void        sb_principle_sidebar_set_principle_id (SbPrincipleSidebar *self,
                                                   const char         *principle_id);
guint       sb_principle_sidebar_get_count        (SbPrincipleSidebar *self,
                                                   const char         *principle_id);
void        sb_principle_sidebar_set_hidden_frameworks (SbPrincipleSidebar *self,
                                                   const char * const *framework_ids);

void        sb_principle_sidebar_set_context_menu (SbPrincipleSidebar *self,
                                                   GMenuModel         *menu);
gboolean    sb_principle_sidebar_shows_principle (SbPrincipleSidebar *self,
                                                   const char         *principle_id);

void        sb_principle_sidebar_set_interviews   (SbPrincipleSidebar *self,
                                                   GListModel         *interviews);
void        sb_principle_sidebar_refresh_interviews (SbPrincipleSidebar *self);
SbInterview *sb_principle_sidebar_get_interview   (SbPrincipleSidebar *self);
void        sb_principle_sidebar_set_interview    (SbPrincipleSidebar *self,
                                                   SbInterview        *interview);

G_END_DECLS
