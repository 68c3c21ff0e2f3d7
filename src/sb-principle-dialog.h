/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-catalog.h"

G_BEGIN_DECLS

#define SB_TYPE_PRINCIPLE_DIALOG (sb_principle_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbPrincipleDialog, sb_principle_dialog, SB, PRINCIPLE_DIALOG, AdwWindow)

SbPrincipleDialog *sb_principle_dialog_new            (SbCatalog         *catalog,
                                                       SbPrinciple       *principle);
SbPrinciple       *sb_principle_dialog_get_principle  (SbPrincipleDialog *self);
void               sb_principle_dialog_set_name       (SbPrincipleDialog *self,
                                                       const char        *name);
void               sb_principle_dialog_set_definition (SbPrincipleDialog *self,
                                                       const char        *definition);
void               sb_principle_dialog_set_framework  (SbPrincipleDialog *self,
                                                       const char        *framework_id,
                                                       const char        *new_name);
void               sb_principle_dialog_set_focus_heading (SbPrincipleDialog *self,
                                                       const char        *heading);
void               sb_principle_dialog_add_focus_area (SbPrincipleDialog *self,
                                                       const char        *name,
                                                       const char        *description);
void               sb_principle_dialog_add_tip        (SbPrincipleDialog *self,
                                                       const char        *tip);
void               sb_principle_dialog_add_question   (SbPrincipleDialog *self,
                                                       const char        *question);
void               sb_principle_dialog_set_notes      (SbPrincipleDialog *self,
                                                       const char        *notes);
gboolean           sb_principle_dialog_can_save       (SbPrincipleDialog *self);
SbPrinciple       *sb_principle_dialog_save           (SbPrincipleDialog *self);

G_END_DECLS
