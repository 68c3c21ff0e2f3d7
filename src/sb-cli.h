/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-store.h"

G_BEGIN_DECLS

/* Exit codes of the command line. */
#define SB_CLI_EXIT_OK     0
#define SB_CLI_EXIT_FAILED 1   /* the export or import failed */
#define SB_CLI_EXIT_USAGE  2   /* the options do not make sense */

/* Imports the file or folder at @path into the running instance's
 * library for @command_line; returns the exit code.
 */
typedef int (*SbCliImportFunc) (GApplicationCommandLine *command_line,
                                const char              *path,
                                gpointer                 user_data);

void  sb_cli_add_options        (GApplication       *app);
gboolean sb_cli_has_work        (GVariantDict       *options);
int   sb_cli_handle             (GVariantDict       *options);
int   sb_cli_handle_local       (GApplication       *app,
                                 GVariantDict       *options);
int   sb_cli_handle_remote      (GApplicationCommandLine *command_line,
                                 SbLibrary          *library,
                                 SbCatalog          *catalog,
                                 SbStore            *store,
                                 SbCliImportFunc     import_func,
                                 gpointer            user_data);


G_END_DECLS
