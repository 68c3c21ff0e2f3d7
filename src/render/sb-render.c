/* sb-render.c: documents built from stories, and PDF files made of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "sb-cheat-sheet.h"
#include "sb-document-private.h"
#include "sb-page-renderer.h"
#include "sb-render.h"

static char *
dup_subtitle (guint n_stories)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: the export date under a PDF's title; see g_date_time_format() */
  g_autofree char *date = g_date_time_format (now, _("%-d %B %Y"));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u story", "%u stories",
                                                         n_stories),
                                            n_stories);

  /* Translators: "12 stories · 24 November 2026" */
  return g_strdup_printf (_("%s · %s"), count, date ? date : "");
}

static char *
dup_one_line (const char *text)
{
  char *line = g_strdup (text ? text : "");

  return g_strstrip (g_strdelimit (line, "\r\n\t", ' '));
}

static const char *
principle_definition (SbPrinciple *principle)
{
  const char *mine = sb_principle_get_user_definition (principle);

  if (mine != NULL && *mine != '\0')
    return mine;
  return sb_principle_get_definition (principle);
}

static void
add_story (SbDocument  *document,
           SbCatalog   *catalog,
           SbStory     *story,
           SbPrinciple *under)
{
  g_autofree char *title = dup_one_line (sb_story_get_title (story));
  const char * const *principles = sb_story_get_principles (story);
  const char * const *tags = sb_story_get_tags (story);
  const char * const *actions = sb_story_get_actions (story);
  g_autoptr(GString) also = g_string_new (NULL);

  sb_document_add_heading (document, 2, *title ? title : _("Untitled story"));

  /* Where else this story serves, so a reader sees its reach. */
  for (guint i = 0; principles != NULL && principles[i] != NULL; i++)
    {
      SbPrinciple *principle = sb_catalog_lookup (catalog, principles[i]);

      if (principle == NULL || principle == under)
        continue;
      if (also->len > 0)
        g_string_append (also, " · ");
      g_string_append (also, sb_principle_get_name (principle));
    }
  if (also->len > 0)
    {
      /* Translators: the other principles a story is filed under */
      g_autofree char *meta = g_strdup_printf (_("Also for %s"), also->str);

      sb_document_add_meta (document, meta);
    }
  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) tags);
      /* Translators: a story's tags */
      g_autofree char *meta = g_strdup_printf (_("Tags: %s"), joined);

      sb_document_add_meta (document, meta);
    }

  if (*sb_story_get_situation (story) != '\0')
    sb_document_add_labelled (document, _("Situation:"), sb_story_get_situation (story));
  if (*sb_story_get_task (story) != '\0')
    sb_document_add_labelled (document, _("Task:"), sb_story_get_task (story));
  if (actions != NULL && actions[0] != NULL)
    {
      sb_document_add_labelled (document, _("Action:"), NULL);
      sb_document_add_bullets (document, actions, TRUE);
    }
  if (*sb_story_get_result (story) != '\0')
    sb_document_add_labelled (document, _("Result:"), sb_story_get_result (story));
  if (*sb_story_get_learnings (story) != '\0')
    sb_document_add_labelled (document, _("Learnings:"), sb_story_get_learnings (story));
  if (*sb_story_get_notes (story) != '\0')
    sb_document_add_labelled (document, _("Notes:"), sb_story_get_notes (story));
}

/**
 * sb_document_new_for_stories:
 * @catalog: the principles
 * @stories: (element-type SbStory): the stories to export
 * @principle_id: (nullable): the principle they were chosen for, or %NULL
 *   to group them under every principle they are filed under
 *
 * The full export: per principle a heading and its definition, then each
 * story with its title, situation, task, numbered action steps and result,
 * then its learnings and notes when it has them.
 *
 * Returns: (transfer full): the document
 */
SbDocument *
sb_document_new_for_stories (SbCatalog  *catalog,
                             GPtrArray  *stories,
                             const char *principle_id)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *subtitle = NULL;
  SbPrinciple *principle = NULL;
  SbDocument *document;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (stories != NULL, NULL);

  if (principle_id != NULL)
    principle = sb_catalog_lookup (catalog, principle_id);

  subtitle = dup_subtitle (stories->len);

  if (principle != NULL)
    {
      const char *definition = principle_definition (principle);

      document = sb_document_new (sb_principle_get_name (principle));
      sb_document_add_title (document, sb_principle_get_name (principle), subtitle);
      if (definition != NULL && *definition != '\0')
        sb_document_add_quote (document, definition);
      for (guint i = 0; i < stories->len; i++)
        add_story (document, catalog, g_ptr_array_index (stories, i), principle);
      if (stories->len == 0)
        sb_document_add_paragraph (document, _("No stories yet."));

      return document;
    }

  document = sb_document_new (_("Interview Stories"));
  sb_document_add_title (document, _("Interview Stories"), subtitle);

  groups = sb_story_groups_new (catalog, stories, NULL);
  if (groups->len == 0)
    sb_document_add_paragraph (document, _("No stories yet."));

  for (guint i = 0; i < groups->len; i++)
    {
      SbStoryGroup *group = g_ptr_array_index (groups, i);

      if (group->principle != NULL)
        {
          const char *definition = principle_definition (group->principle);

          sb_document_add_heading (document, 1, sb_principle_get_name (group->principle));
          if (definition != NULL && *definition != '\0')
            sb_document_add_quote (document, definition);
        }
      else
        sb_document_add_heading (document, 1, _("Not Filed Under a Principle"));

      for (guint j = 0; j < group->stories->len; j++)
        add_story (document, catalog, g_ptr_array_index (group->stories, j), group->principle);
    }

  return document;
}

/**
 * sb_document_new_cheat_sheet:
 * @catalog: the principles
 * @library: the stories
 * @framework_id: (nullable): only this framework's principles, or %NULL
 *   for all of them
 *
 * The condensed sheet for the last hour before an interview: per
 * principle with stories, each story's title and one line each of
 * situation, task, action and result, and of learnings when there are
 * some (the same content as
 * sb_cheat_sheet_to_text(), each line ellipsized to the page's width).
 *
 * Returns: (transfer full): the document
 */
SbDocument *
sb_document_new_cheat_sheet (SbCatalog  *catalog,
                             SbLibrary  *library,
                             const char *framework_id)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  SbFramework *framework = NULL;
  SbDocument *document;
  guint n_stories = 0;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);

  if (framework_id != NULL)
    framework = sb_catalog_lookup_framework (catalog, framework_id);

  stories = sb_library_dup_stories_for_principle (library, NULL);
  groups = sb_story_groups_new (catalog, stories, framework_id);

  if (framework != NULL)
    title = g_strdup_printf (_("Cheat Sheet: %s"), sb_framework_get_name (framework));
  else
    title = g_strdup (_("Cheat Sheet"));

  /* Count each story once, however many principles it serves. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < groups->len; i++)
      {
        SbStoryGroup *group = g_ptr_array_index (groups, i);

        for (guint j = 0; j < group->stories->len; j++)
          g_hash_table_add (seen, g_ptr_array_index (group->stories, j));
      }
    n_stories = g_hash_table_size (seen);
  }

  subtitle = dup_subtitle (n_stories);
  document = sb_document_new (title);
  sb_document_add_title (document, title, subtitle);

  if (groups->len == 0)
    sb_document_add_paragraph (document, _("No stories yet."));

  for (guint i = 0; i < groups->len; i++)
    {
      SbStoryGroup *group = g_ptr_array_index (groups, i);

      sb_document_add_heading (document, 1,
                               group->principle ? sb_principle_get_name (group->principle)
                                                : _("Not Filed Under a Principle"));

      for (guint j = 0; j < group->stories->len; j++)
        {
          SbStory *story = g_ptr_array_index (group->stories, j);
          g_autofree char *story_title = dup_one_line (sb_story_get_title (story));
          g_autofree char *situation = sb_cheat_sheet_summarize (sb_story_get_situation (story));
          g_autofree char *task = sb_cheat_sheet_summarize (sb_story_get_task (story));
          g_autofree char *actions = sb_cheat_sheet_summarize_actions (sb_story_get_actions (story));
          g_autofree char *result = sb_cheat_sheet_summarize (sb_story_get_result (story));
          g_autofree char *learnings = sb_cheat_sheet_summarize (sb_story_get_learnings (story));

          sb_document_add_heading (document, 3, *story_title ? story_title : _("Untitled story"));
          sb_document_add_labelled_line (document, _("Situation:"), *situation ? situation : "—");
          sb_document_add_labelled_line (document, _("Task:"), *task ? task : "—");
          sb_document_add_labelled_line (document, _("Action:"), *actions ? actions : "—");
          sb_document_add_labelled_line (document, _("Result:"), *result ? result : "—");
          if (*learnings != '\0')
            sb_document_add_labelled_line (document, _("Learnings:"), learnings);
        }
    }

  return document;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Bookmarks for the principles and stories, so a long export can be
 * navigated from the viewer's sidebar.
 */
static void
add_outline (cairo_surface_t *surface,
             SbPageRenderer  *renderer,
             SbDocument      *document)
{
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  guint n_blocks = sb_document_get_n_blocks (document);

  for (guint i = 0; i < n_blocks; i++)
    {
      const SbBlock *block = _sb_document_get_block (document, i);
      g_autofree char *link = NULL;
      guint page;
      double y;
      int id;

      if (block->kind != SB_BLOCK_HEADING || block->level > 2)
        continue;
      if (!sb_page_renderer_get_block_position (renderer, i, &page, &y))
        continue;

      /* Integers, so no locale writes a decimal comma into the PDF. */
      link = g_strdup_printf ("page=%u pos=[0 %d]", page + 1, (int) y);
      id = cairo_pdf_surface_add_outline (surface,
                                          block->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                          block->text, link, 0);
      if (block->level == 1)
        parent = id;
    }
}

/**
 * sb_render_to_pdf_full:
 * @width: the page's width in points
 * @height: the page's height in points
 * @path: the file to write, replaced whole or not at all
 *
 * Renders @document to a PDF file. The file is written to a temporary
 * name beside @path and renamed over it only once complete, so a failed
 * export never leaves half a file where a good one was.
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set
 */
gboolean
sb_render_to_pdf_full (SbDocument  *document,
                       double       width,
                       double       height,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(SbPageRenderer) renderer = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  const char *title;
  guint n_pages;

  g_return_val_if_fail (SB_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  renderer = sb_page_renderer_new (document, width, height);
  n_pages = sb_page_renderer_paginate (renderer);
  width = sb_page_renderer_get_width (renderer);
  height = sb_page_renderer_get_height (renderer);

  bytes = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, width, height);

  title = sb_document_get_title (document);
  if (title != NULL && *title != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Storybank");

  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      sb_page_renderer_draw_page (renderer, cr, page);
      cairo_show_page (cr);
    }
  add_outline (surface, renderer, document);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}

/**
 * sb_render_to_pdf:
 * @path: the file to write, replaced whole or not at all
 *
 * Renders @document to a PDF file on the paper size of the user's locale
 * (A4, or US Letter where that is the custom).
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set
 */
gboolean
sb_render_to_pdf (SbDocument  *document,
                  const char  *path,
                  GError     **error)
{
  double width, height;

  sb_page_get_default_size (&width, &height);
  return sb_render_to_pdf_full (document, width, height, path, error);
}

/**
 * sb_render_export_pdf:
 * @principle_id: (nullable): export only this principle's stories, or
 *   %NULL for every story
 * @path: the PDF file to write
 *
 * The command line's `--format=pdf`: the full export of @library.
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set (also
 * %G_IO_ERROR_NOT_FOUND for an unknown principle)
 */
gboolean
sb_render_export_pdf (SbCatalog   *catalog,
                      SbLibrary   *library,
                      const char  *principle_id,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(SbDocument) document = NULL;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (SB_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (principle_id != NULL && sb_catalog_lookup (catalog, principle_id) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no principle “%s”"), principle_id);
      return FALSE;
    }

  stories = sb_library_dup_stories_for_principle (library, principle_id);
  document = sb_document_new_for_stories (catalog, stories, principle_id);

  return sb_render_to_pdf (document, path, error);
}

/**
 * sb_render_export_cheat_sheet_pdf:
 * @framework_id: (nullable): only this framework's principles, or %NULL
 *   for all of them
 * @path: the PDF file to write
 *
 * The command line's `--cheat-sheet` with `--format=pdf`.
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set (also
 * %G_IO_ERROR_NOT_FOUND for an unknown framework)
 */
gboolean
sb_render_export_cheat_sheet_pdf (SbCatalog   *catalog,
                                  SbLibrary   *library,
                                  const char  *framework_id,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr(SbDocument) document = NULL;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (SB_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (framework_id != NULL && sb_catalog_lookup_framework (catalog, framework_id) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no framework “%s”"), framework_id);
      return FALSE;
    }

  document = sb_document_new_cheat_sheet (catalog, library, framework_id);

  return sb_render_to_pdf (document, path, error);
}

/**
 * sb_document_new_for_plan:
 *
 * The plan of an interview on one page, to take along: the company,
 * role and date, then each round (name, length, interviewer) with the
 * story for each principle it probes and that story's one-line
 * situation, task, action and result, as the cheat sheet has them. Gaps
 * and stories told at the company before are said.
 *
 * Returns: (transfer full): the document
 */
SbDocument *
sb_document_new_for_plan (SbPlan *plan)
{
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  SbDocument *document;

  g_return_val_if_fail (plan != NULL, NULL);

  title = sb_interview_dup_display_title (plan->interview);
  when = sb_plan_dup_when (plan);
  document = sb_document_new (title);
  sb_document_set_one_page (document, TRUE);
  sb_document_add_title (document, title, when);

  if (plan->rounds->len == 0)
    sb_document_add_paragraph (document, _("No rounds yet."));

  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);
      g_autofree char *heading = sb_plan_dup_round_heading (plan_round, r);

      sb_document_add_heading (document, 1, heading);
      if (plan_round->slots->len == 0)
        sb_document_add_meta (document, _("No principles chosen for this round."));

      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);
          const char *principle = slot->principle ? sb_principle_get_name (slot->principle) : slot->principle_id;
          g_autofree char *note = sb_plan_dup_slot_note (slot);
          g_autofree char *story_title = NULL;
          g_autofree char *line = NULL;
          SbStory *story;

          if (slot->pick == NULL)
            {
              sb_document_add_heading (document, 3, principle);
              sb_document_add_meta (document, note);
              continue;
            }

          story = slot->pick->story;
          story_title = dup_one_line (sb_story_get_title (story));
          /* Translators: a plan's line: principle — story title */
          line = g_strdup_printf (_("%s — %s"), principle, *story_title ? story_title : _("Untitled story"));
          sb_document_add_heading (document, 3, line);
          if (note != NULL)
            sb_document_add_meta (document, note);
          {
            g_autofree char *situation = sb_cheat_sheet_summarize (sb_story_get_situation (story));
            g_autofree char *task = sb_cheat_sheet_summarize (sb_story_get_task (story));
            g_autofree char *actions = sb_cheat_sheet_summarize_actions (sb_story_get_actions (story));
            g_autofree char *result = sb_cheat_sheet_summarize (sb_story_get_result (story));

            sb_document_add_labelled_line (document, _("Situation:"), *situation ? situation : "—");
            sb_document_add_labelled_line (document, _("Task:"), *task ? task : "—");
            sb_document_add_labelled_line (document, _("Action:"), *actions ? actions : "—");
            sb_document_add_labelled_line (document, _("Result:"), *result ? result : "—");
          }
        }
    }

  return document;
}

/**
 * sb_render_export_plan_pdf:
 * @path: the PDF file to write
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set
 */
gboolean
sb_render_export_plan_pdf (SbPlan      *plan,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(SbDocument) document = NULL;

  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  document = sb_document_new_for_plan (plan);
  return sb_render_to_pdf (document, path, error);
}
