/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

/* What deleting a user-made principle (or a whole user framework) took
 * away: the principles themselves, their places, the framework when it
 * went too, and the principles of every story it changed.
 */
typedef struct _SbPrincipleUndo SbPrincipleUndo;

SbPrincipleUndo *sb_principle_undo_delete_principle (SbCatalog       *catalog,
                                                     SbLibrary       *library,
                                                     SbPrinciple     *principle,
                                                     const char      *move_to_id);
SbPrincipleUndo *sb_principle_undo_delete_framework (SbCatalog       *catalog,
                                                     SbLibrary       *library,
                                                     const char      *framework_id,
                                                     const char      *move_to_id);
guint            sb_principle_undo_get_n_stories    (SbPrincipleUndo *self);
guint            sb_principle_undo_get_n_principles (SbPrincipleUndo *self);
gboolean         sb_principle_undo_restore          (SbPrincipleUndo *self,
                                                     SbCatalog       *catalog,
                                                     SbLibrary       *library);
void             sb_principle_undo_free             (SbPrincipleUndo *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbPrincipleUndo, sb_principle_undo_free)

G_END_DECLS
