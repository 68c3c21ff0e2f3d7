/* sb-text.c: text as the model keeps it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-text-private.h"

/* @text as UTF-8: UTF-16 with its BOM (Excel's "Unicode Text", Notepad's
 * "Unicode") is converted, a UTF-8 BOM dropped, and text that is not
 * UTF-8 read as Windows-1252 (Excel's "CSV" and Notepad's "ANSI" on
 * Windows). %NULL when it is not text: it holds a nul or bytes that mean
 * nothing in either.
 */
char *
_sb_text_to_utf8 (const char *text,
                  gsize       length,
                  gsize      *out_length)
{
  g_autofree char *converted = NULL;
  gsize written = 0;

  if (length >= 2 && ((guchar) text[0] == 0xFF && (guchar) text[1] == 0xFE))
    converted = g_convert (text + 2, length - 2, "UTF-8", "UTF-16LE", NULL, &written, NULL);
  else if (length >= 2 && ((guchar) text[0] == 0xFE && (guchar) text[1] == 0xFF))
    converted = g_convert (text + 2, length - 2, "UTF-8", "UTF-16BE", NULL, &written, NULL);
  else
    {
      if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
        {
          text += 3;
          length -= 3;
        }
      if (g_utf8_validate (text, length, NULL))
        {
          *out_length = length;
          return g_strndup (text, length);
        }
      converted = g_convert (text, length, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
    }

  if (converted == NULL || !g_utf8_validate (converted, written, NULL))
    return NULL;
  if (written >= 3 && memcmp (converted, "\xEF\xBB\xBF", 3) == 0)
    {
      memmove (converted, converted + 3, written - 3 + 1);
      written -= 3;
    }
  *out_length = written;
  return g_steal_pointer (&converted);
}

/* The name a file gives its page: @file_name without its folder, its
 * extension, the id Notion puts after a page's name ("Earn Trust
 * 1a2b…6d.md") or the number a second download gets ("Earn Trust (1).md").
 * %NULL when nothing is left or it is not UTF-8.
 */
char *
_sb_text_dup_file_stem (const char *file_name)
{
  g_autofree char *stem = NULL;
  char *dot;
  gsize len;

  if (file_name == NULL)
    return NULL;
  stem = g_path_get_basename (file_name);
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    *dot = '\0';
  g_strstrip (stem);

  len = strlen (stem);
  if (len > 33 && stem[len - 33] == ' ')
    {
      gboolean hex = TRUE;

      for (gsize i = len - 32; i < len && hex; i++)
        hex = g_ascii_isxdigit (stem[i]);
      if (hex)
        stem[len - 33] = '\0';
    }
  len = strlen (stem);
  if (len > 3 && stem[len - 1] == ')')
    {
      gsize i = len - 2;

      while (i > 0 && g_ascii_isdigit (stem[i]))
        i--;
      if (i < len - 2 && stem[i] == '(' && i > 0 && stem[i - 1] == ' ')
        stem[i] = '\0';
    }
  g_strstrip (stem);

  if (stem[0] == '\0' || g_str_equal (stem, ".") || g_str_equal (stem, G_DIR_SEPARATOR_S) ||
      !g_utf8_validate (stem, -1, NULL))
    return NULL;
  return g_steal_pointer (&stem);
}
