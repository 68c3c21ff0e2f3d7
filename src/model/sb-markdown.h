/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

/* One principle's page in the seed's format (tests/data/think-big.md):
 * "# Name", "## Definition", "## STAR Pattern Examples" with
 * "### Example N: Title" and its Situation, Task, Action and Result,
 * a focus-area section under its own heading, "## Interview Tips" and,
 * Storybank's own, "## Notes". A field's text may run over several lines;
 * a line of text that would read as structure (a heading, a bullet, a
 * label such as "S:" or "**Task**:", or a line starting with a backslash)
 * is written with a backslash in front, which the reader drops.
 */
typedef struct
{
  char      *name;                /* NULL when the page has no "# Name" */
  char      *definition;          /* NULL when the page has no definition */
  char      *focus_heading;       /* NULL when the page has no focus areas */
  GPtrArray *focus_names;         /* char* */
  GPtrArray *focus_descriptions;  /* char* */
  GPtrArray *tips;                /* char*; empty when there are none */
  gboolean   has_tips;
  char      *notes;               /* NULL when the page has no notes */
  GPtrArray *stories;             /* SbStory, with no principles */
  /* Parallel to @stories: for each, a GStrv of the principle (or
   * competency) names the story itself was labelled with ("Principle:
   * Earn Trust", a table's or spreadsheet's column), as written; %NULL
   * when it names none and is filed under the page's name.
   */
  GPtrArray *story_principles;
} SbMarkdownPage;

/* Lines of an imported file that went into no story, no principle's
 * wording and nothing else the import keeps (front matter, advice, a code
 * block outside a story, a template): listed in the import's preview.
 */
typedef struct
{
  guint  first_line;  /* 1-based */
  guint  last_line;   /* inclusive */
  char  *reason;      /* for people, translated: “front matter”, “advice” */
} SbLeftOut;

/* The tag an imported story without a title of its own gets, its title
 * made from its first words, so the user can find it and rename it.
 */
#define SB_MARKDOWN_UNTITLED_TAG "untitled"

SbMarkdownPage *sb_markdown_page_new   (void);
void       sb_markdown_page_free       (SbMarkdownPage      *page);
gboolean   sb_markdown_page_is_empty   (SbMarkdownPage      *page);
void       sb_markdown_page_add_story  (SbMarkdownPage      *page,
                                        SbStory             *story,
                                        const char * const  *principle_names);
SbLeftOut *sb_left_out_new             (guint                first_line,
                                        guint                last_line,
                                        const char          *reason);
void       sb_left_out_free            (SbLeftOut           *left_out);
GPtrArray *sb_markdown_parse           (const char          *text,
                                        gssize               length);
GPtrArray *sb_markdown_read            (const char          *text,
                                        gssize               length,
                                        SbCatalog           *catalog,
                                        GPtrArray          **left_out);
GPtrArray *sb_markdown_read_file       (const char          *text,
                                        gssize               length,
                                        SbCatalog           *catalog,
                                        const char          *file_name,
                                        GPtrArray          **left_out);
char      *sb_markdown_write_page      (SbPrinciple         *principle,
                                        const char          *name,
                                        GPtrArray           *stories);
char      *sb_markdown_export          (SbLibrary           *library,
                                        SbCatalog           *catalog,
                                        const char          *principle_id);
gboolean   sb_markdown_export_folder   (SbLibrary           *library,
                                        SbCatalog           *catalog,
                                        const char          *principle_id,
                                        const char          *folder,
                                        guint               *n_pages,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbMarkdownPage, sb_markdown_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbLeftOut, sb_left_out_free)

G_END_DECLS
