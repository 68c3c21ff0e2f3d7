/* sb-export-file.c: one function that writes every export format
 *
 * The text formats come from the model (sb-export.c); PDF needs cairo,
 * which the model never links, so the one function every export goes
 * through lives here, beside the PDF renderer, and the window, the
 * command line and the running instance's hand-off all call it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-export-file"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cheat-sheet.h"
#include "sb-export-file.h"
#include "sb-markdown.h"
#include "sb-render.h"

/**
 * sb_export_to_file:
 * @selection: (nullable): which stories, or %NULL for all of them
 * @path: the file to write, or the folder for
 *   %SB_EXPORT_FORMAT_MARKDOWN_FOLDER
 * @n_stories: (out) (optional): how many stories were exported
 *
 * Writes the stories @selection means to @path in @format, atomically:
 * on failure @path is as it was.
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set
 */
gboolean
sb_export_to_file (SbLibrary                *library,
                   SbCatalog                *catalog,
                   SbExportFormat            format,
                   const SbExportSelection  *selection,
                   const char               *path,
                   guint                    *n_stories,
                   GError                  **error)
{
  const char *principle_id = selection != NULL ? selection->principle_id : NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SB_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_stories != NULL)
    *n_stories = sb_export_count_stories (library, principle_id);

  switch (format)
    {
    case SB_EXPORT_FORMAT_PDF:
      return sb_render_export_pdf (catalog, library, principle_id, path, error);

    case SB_EXPORT_FORMAT_MARKDOWN_FOLDER:
      return sb_markdown_export_folder (library, catalog, principle_id, path, NULL, error);

    case SB_EXPORT_FORMAT_TEXT:
    case SB_EXPORT_FORMAT_MARKDOWN:
    case SB_EXPORT_FORMAT_CSV:
    case SB_EXPORT_FORMAT_JSON:
    default:
      if (!(text = sb_export_dup_text (library, catalog, format, selection, error)))
        return FALSE;
      return sb_export_write_file (path, text, error);
    }
}

static gboolean
is_text_path (const char *path)
{
  g_autofree char *folded = g_ascii_strdown (path, -1);

  return g_str_has_suffix (folded, ".txt") || g_str_has_suffix (folded, ".text");
}

/**
 * sb_export_cheat_sheet_to_file:
 * @framework_id: (nullable): only this framework's principles, or %NULL
 *   for every principle with stories
 * @path: where to write: plain text when it ends in .txt, else PDF
 *
 * Writes the cheat sheet, for the command line and the window alike.
 */
gboolean
sb_export_cheat_sheet_to_file (SbCatalog   *catalog,
                               SbLibrary   *library,
                               const char  *framework_id,
                               const char  *path,
                               GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (SB_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!is_text_path (path))
    return sb_render_export_cheat_sheet_pdf (catalog, library, framework_id, path, error);

  text = sb_cheat_sheet_to_text (catalog, library, framework_id);
  return sb_export_write_file (path, text, error);
}

/**
 * sb_export_plan_to_file:
 * @format: %SB_EXPORT_FORMAT_PDF, %SB_EXPORT_FORMAT_MARKDOWN or
 *   %SB_EXPORT_FORMAT_TEXT
 * @path: where to write
 *
 * Writes an interview's plan, for the command line and the window alike.
 */
gboolean
sb_export_plan_to_file (SbPlan          *plan,
                        SbExportFormat   format,
                        const char      *path,
                        GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (format)
    {
    case SB_EXPORT_FORMAT_PDF:
      return sb_render_export_plan_pdf (plan, path, error);
    case SB_EXPORT_FORMAT_MARKDOWN:
      text = sb_plan_to_markdown (plan);
      break;
    case SB_EXPORT_FORMAT_TEXT:
      text = sb_plan_to_text (plan);
      break;
    case SB_EXPORT_FORMAT_MARKDOWN_FOLDER:
    case SB_EXPORT_FORMAT_JSON:
    case SB_EXPORT_FORMAT_CSV:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A plan is exported as PDF, Markdown or text"));
      return FALSE;
    }
  return sb_export_write_file (path, text, error);
}
