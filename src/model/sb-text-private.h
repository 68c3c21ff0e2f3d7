/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Stores a copy of @text in *@slot, %NULL standing for "", and says whether
 * the text changed, so a setter notifies only when something did.
 */
static inline gboolean
_sb_set_text (char       **slot,
              const char  *text)
{
  if (text == NULL)
    text = "";
  if (g_strcmp0 (*slot, text) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (text);
  return TRUE;
}

char *_sb_text_to_utf8 (const char *text,
                        gsize       length,
                        gsize      *out_length);
char *_sb_text_dup_file_stem (const char *file_name);

G_END_DECLS
