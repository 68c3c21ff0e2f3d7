/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-principle.h"

G_BEGIN_DECLS

#define SB_TYPE_FRAMEWORK (sb_framework_get_type ())

G_DECLARE_FINAL_TYPE (SbFramework, sb_framework, SB, FRAMEWORK, GObject)

SbFramework *sb_framework_new              (const char  *id,
                                            const char  *name,
                                            gboolean     builtin);
const char  *sb_framework_get_id           (SbFramework *self);
const char  *sb_framework_get_name         (SbFramework *self);
void         sb_framework_set_name         (SbFramework *self,
                                            const char  *name);
gboolean     sb_framework_get_builtin      (SbFramework *self);
GListModel  *sb_framework_get_principles   (SbFramework *self);
void         sb_framework_add_principle    (SbFramework *self,
                                            SbPrinciple *principle);
void         sb_framework_insert_principle (SbFramework *self,
                                            guint        position,
                                            SbPrinciple *principle);
gboolean     sb_framework_remove_principle (SbFramework *self,
                                            SbPrinciple *principle);

G_END_DECLS
