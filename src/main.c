/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* STORYBANK_LOCALEDIR is for tests and development: it points at the
   * translations of a build tree (e.g. build/po) instead of the installed ones.
   */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STORYBANK_LOCALEDIR") ? g_getenv ("STORYBANK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sb_application_new ();
  /* The stories are read while GTK starts. */
  sb_application_preload (app);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
