/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-export.h"
#include "sb-import.h"
#include "sb-window.h"

G_BEGIN_DECLS

typedef enum
{
  SB_EXPORT_SCOPE_ALL,        /* every story */
  SB_EXPORT_SCOPE_PRINCIPLE,  /* the selected principle's stories */
  SB_EXPORT_SCOPE_STORY,      /* the open story */
} SbExportScope;

GtkWidget         *sb_window_show_export_dialog     (SbWindow                *self);
gboolean           sb_window_export                 (SbWindow                *self,
                                                     SbExportScope            scope,
                                                     SbExportFormat           format,
                                                     GFile                   *file,
                                                     guint                   *n_stories,
                                                     GError                 **error);
GtkPrintOperation *sb_window_new_print_operation    (SbWindow                *self);
void               sb_window_import_files           (SbWindow                *self,
                                                     GFile * const           *files,
                                                     guint                    n_files);
void               sb_window_apply_import           (SbWindow                *self,
                                                     SbImport                *import);
AdwMessageDialog  *sb_window_get_import_dialog      (SbWindow                *self);
SbImport          *sb_window_get_last_import        (SbWindow                *self);

G_END_DECLS
