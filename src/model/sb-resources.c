/* sb-resources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-resources"

#include "config.h"

#include "sb-resources.h"
#include "sb-data-resources.h"

/**
 * sb_resources_ensure_registered:
 *
 * Registers the model's resources (the built-in frameworks) once. Called
 * by whatever needs them, so that the static library works the same in
 * the app, the tests and the command line.
 */
void
sb_resources_ensure_registered (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      sb_data_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
