/* sb-export.c: the stories as a file of one of the formats Storybank
 * writes, with no window and no SbStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-export"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-csv.h"
#include "sb-export.h"
#include "sb-json.h"
#include "sb-markdown.h"
#include "sb-store.h"
#include "sb-story-private.h"
#include "sb-text-export.h"

/* Files Storybank writes are the user's documents: readable by them and,
 * like any document, by the group and others their umask allows.
 */
#define EXPORT_MODE 0644

/**
 * sb_export_format_for_name:
 * @name: "txt", "md", "csv", "json" or "pdf", as the command line says it
 * @path: (nullable): where it goes: Markdown to a folder (one that is
 *   there, or a path ending in a separator) is a page per principle
 * @format: (out): the format
 *
 * Returns: whether @name is a format Storybank writes
 */
gboolean
sb_export_format_for_name (const char     *name,
                           const char     *path,
                           SbExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_str_equal (name, "txt"))
    *format = SB_EXPORT_FORMAT_TEXT;
  else if (g_str_equal (name, "md") && path != NULL &&
           (g_file_test (path, G_FILE_TEST_IS_DIR) || g_str_has_suffix (path, G_DIR_SEPARATOR_S)))
    *format = SB_EXPORT_FORMAT_MARKDOWN_FOLDER;
  else if (g_str_equal (name, "md"))
    *format = SB_EXPORT_FORMAT_MARKDOWN;
  else if (g_str_equal (name, "csv"))
    *format = SB_EXPORT_FORMAT_CSV;
  else if (g_str_equal (name, "json"))
    *format = SB_EXPORT_FORMAT_JSON;
  else if (g_str_equal (name, "pdf"))
    *format = SB_EXPORT_FORMAT_PDF;
  else
    return FALSE;

  return TRUE;
}

/**
 * sb_export_count_stories:
 * @principle_id: (nullable): only this principle's stories
 *
 * Returns: how many stories an export of @library holds
 */
guint
sb_export_count_stories (SbLibrary  *library,
                         const char *principle_id)
{
  g_return_val_if_fail (SB_IS_LIBRARY (library), 0);

  return principle_id != NULL ? sb_library_count_principle (library, principle_id)
                              : g_list_model_get_n_items (G_LIST_MODEL (library));
}

/**
 * sb_export_write_data_file:
 * @stories: (element-type SbStoryData): the stories' data, as
 *   sb_library_dup_snapshot() takes it
 * @principles: the user's principles as a JSON array, as
 *   sb_catalog_dup_user_json() writes it
 * @extra_keys: (nullable): top-level keys to write after the stories
 * @extra_values: (nullable): their values, as JSON
 *
 * Appends the data file (format version %SB_STORE_FORMAT_VERSION) to
 * @out: what the store saves and a JSON export writes.
 */
void
sb_export_write_data_file (GString            *out,
                           GPtrArray          *stories,
                           const char         *principles,
                           const char * const *extra_keys,
                           const char * const *extra_values)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (stories != NULL);
  g_return_if_fail (principles != NULL);

  g_string_append (out, "{");
  sb_json_write_member (out, 1, "format");
  sb_json_write_string (out, "storybank");
  g_string_append_c (out, ',');
  sb_json_write_member (out, 1, "version");
  g_string_append_printf (out, "%d,", SB_STORE_FORMAT_VERSION);
  sb_json_write_member (out, 1, "principles");
  g_string_append (out, principles);
  g_string_append_c (out, ',');
  sb_json_write_member (out, 1, "stories");
  g_string_append_c (out, '[');
  for (guint i = 0; i < stories->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      sb_json_write_indent (out, 2);
      sb_story_data_write_json (g_ptr_array_index (stories, i), out, 2);
    }
  if (stories->len > 0)
    sb_json_write_indent (out, 1);
  g_string_append_c (out, ']');
  sb_json_write_extra (out, 1, extra_keys, extra_values);
  g_string_append (out, "\n}\n");
}

static char *
dup_json (SbLibrary               *library,
          SbCatalog               *catalog,
          const SbExportSelection *selection)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autofree char *principles = sb_catalog_dup_user_json (catalog, 1);
  GString *out;

  if (selection->principle_id == NULL)
    stories = sb_library_dup_snapshot (library);
  else
    {
      g_autoptr(SbLibrary) subset = sb_library_new ();
      g_autoptr(GPtrArray) filed = sb_library_dup_stories_for_principle (library, selection->principle_id);

      for (guint i = 0; i < filed->len; i++)
        sb_library_add (subset, g_ptr_array_index (filed, i));
      stories = sb_library_dup_snapshot (subset);
    }

  out = g_string_sized_new (1024 + stories->len * 1536);
  /* The data file's own keys go with all of it, not with a part. */
  if (selection->principle_id == NULL)
    {
      g_autofree char *interviews = sb_library_dup_interviews_json (library, 1);
      g_auto(GStrv) keys = NULL;
      g_auto(GStrv) values = NULL;

      /* The interviews as the library holds them now, not as last saved. */
      sb_json_extra_replace (selection->extra_keys, selection->extra_values, "interviews", interviews,
                             &keys, &values);
      sb_export_write_data_file (out, stories, principles,
                                 (const char * const *) keys, (const char * const *) values);
    }
  else
    sb_export_write_data_file (out, stories, principles, NULL, NULL);

  return g_string_free (out, FALSE);
}

/**
 * sb_export_dup_text:
 * @format: %SB_EXPORT_FORMAT_TEXT, %SB_EXPORT_FORMAT_MARKDOWN,
 *   %SB_EXPORT_FORMAT_CSV or %SB_EXPORT_FORMAT_JSON
 * @selection: (nullable): which stories, or %NULL for all of them
 *
 * Returns: (transfer full) (nullable): the stories @selection means in
 *   @format, or %NULL with @error set for a format that is not one text
 */
char *
sb_export_dup_text (SbLibrary                *library,
                    SbCatalog                *catalog,
                    SbExportFormat            format,
                    const SbExportSelection  *selection,
                    GError                  **error)
{
  static const SbExportSelection everything = { NULL, NULL, NULL };

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  if (selection == NULL)
    selection = &everything;

  switch (format)
    {
    case SB_EXPORT_FORMAT_TEXT:
      return sb_text_export_library (library, catalog, selection->principle_id);

    case SB_EXPORT_FORMAT_MARKDOWN:
      return sb_markdown_export (library, catalog, selection->principle_id);

    case SB_EXPORT_FORMAT_CSV:
      return sb_csv_export (library, catalog, selection->principle_id);

    case SB_EXPORT_FORMAT_JSON:
      return dup_json (library, catalog, selection);

    case SB_EXPORT_FORMAT_MARKDOWN_FOLDER:
    case SB_EXPORT_FORMAT_PDF:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This format is not written as one text"));
      return NULL;
    }
}

/**
 * sb_export_write_file:
 *
 * Writes @text to @path atomically and durably, as a document of the
 * user's: the old file stays whole when the write fails.
 *
 * Returns: whether it was written
 */
gboolean
sb_export_write_file (const char  *path,
                      const char  *text,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("%s is a folder; only Markdown can be exported to a folder"), path);
      return FALSE;
    }

  return g_file_set_contents_full (path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   EXPORT_MODE, error);
}
