/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sb-framework.h"
#include "sb-principle.h"

G_BEGIN_DECLS

#define SB_TYPE_CATALOG (sb_catalog_get_type ())

G_DECLARE_FINAL_TYPE (SbCatalog, sb_catalog, SB, CATALOG, GObject)

SbCatalog   *sb_catalog_new                 (void);
GListModel  *sb_catalog_get_frameworks      (SbCatalog   *self);
GListModel  *sb_catalog_get_principles      (SbCatalog   *self);
SbFramework *sb_catalog_lookup_framework    (SbCatalog   *self,
                                             const char  *framework_id);
SbPrinciple *sb_catalog_lookup              (SbCatalog   *self,
                                             const char  *principle_id);
SbPrinciple *sb_catalog_lookup_by_name      (SbCatalog   *self,
                                             const char  *name);
SbPrinciple *sb_catalog_lookup_by_file_name (SbCatalog   *self,
                                             const char  *file_name);
SbPrinciple *sb_catalog_lookup_by_exact_name (SbCatalog  *self,
                                             const char  *name);
SbFramework *sb_catalog_ensure_framework    (SbCatalog   *self,
                                             const char  *framework_id,
                                             const char  *name);
void         sb_catalog_add_principle       (SbCatalog   *self,
                                             SbPrinciple *principle);
gboolean     sb_catalog_remove_principle    (SbCatalog   *self,
                                             SbPrinciple *principle);
char        *sb_catalog_make_id             (SbCatalog   *self,
                                             const char  *name);
gboolean     sb_catalog_load_user_json      (SbCatalog   *self,
                                             JsonArray   *principles,
                                             GError     **error);
char        *sb_catalog_dup_user_json       (SbCatalog   *self,
                                             guint        indent);
void         sb_catalog_reset_user          (SbCatalog   *self);
void         sb_catalog_insert_principle    (SbCatalog   *self,
                                             SbPrinciple *principle,
                                             guint        position);
guint        sb_catalog_get_principle_position (SbCatalog   *self,
                                             SbPrinciple *principle);
void         sb_catalog_move_principle      (SbCatalog   *self,
                                             SbPrinciple *principle,
                                             guint        position);
void         sb_catalog_set_principle_framework (SbCatalog   *self,
                                             SbPrinciple *principle,
                                             const char  *framework_id,
                                             const char  *framework_name);
char        *sb_catalog_make_framework_id   (SbCatalog   *self,
                                             const char  *name);
void         sb_catalog_insert_framework    (SbCatalog   *self,
                                             SbFramework *framework,
                                             guint        position);
guint        sb_catalog_get_framework_position (SbCatalog   *self,
                                             SbFramework *framework);
gboolean     sb_catalog_rename_framework    (SbCatalog   *self,
                                             const char  *framework_id,
                                             const char  *name);
gboolean     sb_catalog_remove_framework    (SbCatalog   *self,
                                             const char  *framework_id);

G_END_DECLS
