/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"

G_BEGIN_DECLS

#define SB_TYPE_TIPS_PANEL (sb_tips_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbTipsPanel, sb_tips_panel, SB, TIPS_PANEL, GtkWidget)

void         sb_tips_panel_set_catalog   (SbTipsPanel *self,
                                          SbCatalog   *catalog);
SbPrinciple *sb_tips_panel_get_principle (SbTipsPanel *self);
void         sb_tips_panel_set_principle (SbTipsPanel *self,
                                          SbPrinciple *principle);
GtkBox      *sb_tips_panel_get_extra_box (SbTipsPanel *self);

G_END_DECLS
