/* test-render.c: pages, PDF files and the cheat sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "sb-catalog.h"
#include "sb-cheat-sheet.h"
#include "sb-document.h"
#include "sb-library.h"
#include "sb-page-renderer.h"
#include "sb-render.h"
#include "sb-test-util.h"

/* The three examples of the seed page, think-big.md. */
static const struct {
  const char *title;
  const char *situation;
  const char *task;
  const char *actions[7];
  const char *result;
} seeds[] = {
  {
    "Scalable Architecture Vision",
    "Current monolithic application struggling to handle 10x user growth projected for next year",
    "Design and implement scalable architecture to support 1M+ users",
    {
      "Designed microservices architecture with clear service boundaries",
      "Planned for horizontal scaling with load balancing and auto-scaling",
      "Implemented event-driven architecture using message queues",
      "Designed for multi-region deployment for global availability",
      "Created comprehensive monitoring and observability strategy",
      "Established CI/CD pipeline for rapid deployment and rollback",
      NULL
    },
    "System now handles 2M+ users, 99.9% uptime, supports global deployment, reduced deployment time by 90%",
  },
  {
    "Data Platform Transformation",
    "Fragmented data storage across multiple databases causing analytics and reporting challenges",
    "Design unified data platform to support real-time analytics and machine learning",
    {
      "Designed data lake architecture with centralized data storage",
      "Implemented real-time data streaming with Kafka and Spark",
      "Created data pipeline for ETL processes and data quality checks",
      "Designed API layer for data access and analytics",
      "Planned for machine learning model deployment and serving",
      "Established data governance and security framework",
      NULL
    },
    "Enabled real-time analytics, improved data quality by 95%, reduced reporting time from days to minutes",
  },
  {
    "Developer Platform Vision",
    "Development teams struggling with inconsistent tools and deployment processes",
    "Create comprehensive developer platform to improve productivity and code quality",
    {
      "Designed self-service platform for service creation and deployment",
      "Implemented standardized CI/CD pipelines with quality gates",
      "Created developer portal with API documentation and testing tools",
      "Designed monitoring and alerting framework for all services",
      "Implemented security scanning and compliance checks",
      "Established developer onboarding and training programs",
      NULL
    },
    "Reduced time-to-market by 70%, improved code quality, standardized development practices across teams",
  },
};

static SbLibrary *
make_seed_library (void)
{
  SbLibrary *library = sb_library_new ();
  const char *think_big[] = { "think-big", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(SbStory) story = sb_story_new ();

      sb_story_set_title (story, seeds[i].title);
      sb_story_set_situation (story, seeds[i].situation);
      sb_story_set_task (story, seeds[i].task);
      sb_story_set_actions (story, seeds[i].actions);
      sb_story_set_result (story, seeds[i].result);
      sb_story_set_principles (story, think_big);
      sb_library_add (library, story);
    }

  return library;
}

static SbLibrary *
make_generated_library (guint n)
{
  SbLibrary *library = sb_library_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (n, 42);

  for (guint i = 0; i < stories->len; i++)
    sb_library_add (library, g_ptr_array_index (stories, i));

  return library;
}

/* Where the PDFs go: a temporary folder, or $SB_RENDER_KEEP_DIR to look at them. */
static char *
output_path (const char *tmpdir,
             const char *name)
{
  const char *keep = g_getenv ("SB_RENDER_KEEP_DIR");

  return g_build_filename (keep ? keep : tmpdir, name, NULL);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
  g_assert_nonnull (g_strrstr_len (contents + length - 32, 32, "%%EOF"));
}

static char *
dup_all_text (SbPageRenderer *renderer)
{
  GString *all = g_string_new (NULL);
  guint n_pages = sb_page_renderer_paginate (renderer);

  for (guint page = 0; page < n_pages; page++)
    {
      g_autofree char *text = sb_page_renderer_dup_page_text (renderer, page);

      g_string_append (all, text);
      g_string_append_c (all, '\n');
    }

  return g_string_free (all, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_render_seed_pdf (void)
{
  g_autofree char *tmpdir = sb_test_make_tmpdir ();
  g_autofree char *path = output_path (tmpdir, "think-big.pdf");
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = make_seed_library ();
  g_autoptr(GPtrArray) stories = sb_library_dup_stories_for_principle (library, "think-big");
  g_autoptr(SbDocument) document = NULL;
  g_autoptr(SbPageRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (sb_render_export_pdf (catalog, library, "think-big", path, &error));
  g_assert_no_error (error);
  assert_pdf (path);

  /* Everything the seed page says about a story is on the pages. */
  document = sb_document_new_for_stories (catalog, stories, "think-big");
  renderer = sb_page_renderer_new (document, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
  text = dup_all_text (renderer);
  g_assert_nonnull (strstr (text, "Think Big"));
  g_assert_nonnull (strstr (text, "Create bold direction."));
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *flat = g_strdelimit (g_strdup (text), "\n", ' ');

      g_assert_nonnull (strstr (text, seeds[i].title));
      g_assert_nonnull (strstr (flat, seeds[i].result));
      for (guint j = 0; seeds[i].actions[j] != NULL; j++)
        g_assert_nonnull (strstr (flat, seeds[i].actions[j]));
    }
  g_assert_cmpuint (count_occurrences (text, "Situation:"), ==, 3);

  if (!g_getenv ("SB_RENDER_KEEP_DIR"))
    sb_test_rm_rf (tmpdir);
}

static void
test_render_library_pdf (void)
{
  g_autofree char *tmpdir = sb_test_make_tmpdir ();
  g_autofree char *path = output_path (tmpdir, "library.pdf");
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = make_generated_library (120);
  g_autoptr(GPtrArray) stories = sb_library_dup_stories_for_principle (library, NULL);
  g_autoptr(SbDocument) document = NULL;
  g_autoptr(SbPageRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  g_assert_true (sb_render_export_pdf (catalog, library, NULL, path, &error));
  g_assert_no_error (error);
  assert_pdf (path);

  document = sb_document_new_for_stories (catalog, stories, NULL);
  renderer = sb_page_renderer_new (document, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
  n_pages = sb_page_renderer_paginate (renderer);
  g_assert_cmpuint (n_pages, >, 10);
  g_test_message ("120 stories: %u A4 pages", n_pages);

  /* No story is lost: each title is on a page, and every page has text. */
  text = dup_all_text (renderer);
  for (guint i = 0; i < stories->len; i++)
    g_assert_nonnull (strstr (text, sb_story_get_title (g_ptr_array_index (stories, i))));
  for (guint page = 0; page < n_pages; page++)
    g_assert_cmpuint (sb_page_renderer_get_n_lines (renderer, page), >, 5);
  /* The optional parts, labelled, for the stories that have them. */
  g_assert_nonnull (strstr (text, "Learnings: Measure before fixing"));
  g_assert_nonnull (strstr (text, "Notes: Follow-up to expect"));
  g_assert_nonnull (strstr (text, "Key metrics: p99, error rate."));

  if (!g_getenv ("SB_RENDER_KEEP_DIR"))
    sb_test_rm_rf (tmpdir);
}

static char **
split_words (const char *text)
{
  g_auto(GStrv) pieces = g_strsplit_set (text, " \n", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (guint i = 0; pieces[i] != NULL; i++)
    if (*pieces[i] != '\0')
      g_ptr_array_add (words, g_strdup (pieces[i]));
  g_ptr_array_add (words, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

static void
test_render_long_paragraph (void)
{
  g_autoptr(SbDocument) document = sb_document_new ("Long");
  g_autoptr(SbPageRenderer) renderer = NULL;
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) laid_out = NULL;
  guint n_pages, n_lines = 0;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (paragraph, "%sword%u", i ? " " : "", i);

  sb_document_add_heading (document, 1, "Heading");
  sb_document_add_paragraph (document, paragraph->str);
  renderer = sb_page_renderer_new (document, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
  n_pages = sb_page_renderer_paginate (renderer);
  g_assert_cmpuint (n_pages, >, 3);

  /* Every word is laid out once, in order, across the pages. */
  text = dup_all_text (renderer);
  expected = split_words (paragraph->str);
  laid_out = split_words (text);
  g_assert_cmpstr (laid_out[0], ==, "Heading");
  g_assert_cmpuint (g_strv_length (laid_out), ==, g_strv_length (expected) + 1);
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (laid_out[i + 1], ==, expected[i]);

  /* The pages are full (every page but the last holds a fair share of
   * the lines) and no page overflows the text area.
   */
  for (guint page = 0; page < n_pages; page++)
    {
      guint lines = sb_page_renderer_get_n_lines (renderer, page);

      n_lines += lines;
      if (page + 1 < n_pages)
        g_assert_cmpuint (lines, >, 40);
      g_assert_cmpuint (lines, <, 70);
    }
  g_assert_cmpuint (n_lines, >, 5000 / 14);
}

/* A document asked on one page: a little over it fits, smaller; far over
 * it stays full size on several pages; every line is drawn either way.
 */
static void
test_render_one_page (void)
{
  const struct { guint lines; gboolean one_page; } cases[] = {
    { 40, TRUE }, { 58, TRUE }, { 58, FALSE }, { 200, TRUE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(SbDocument) document = sb_document_new ("Plan");
      g_autoptr(SbPageRenderer) renderer = NULL;
      g_autoptr(SbPageRenderer) full = NULL;
      g_autofree char *text = NULL;
      guint n_pages, n_full;
      double scale;

      for (guint i = 0; i < cases[c].lines; i++)
        {
          g_autofree char *line = g_strdup_printf ("Line %u of the plan", i);

          sb_document_add_labelled_line (document, "Situation:", line);
        }
      full = sb_page_renderer_new (document, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
      n_full = sb_page_renderer_paginate (full);
      sb_document_set_one_page (document, cases[c].one_page);
      renderer = sb_page_renderer_new (document, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
      n_pages = sb_page_renderer_paginate (renderer);
      scale = sb_page_renderer_get_scale (renderer);
      g_test_message ("%u lines%s: %u pages at %.2f (%u at full size)", cases[c].lines,
                      cases[c].one_page ? ", one page asked" : "", n_pages, scale, n_full);

      if (n_full == 1 || !cases[c].one_page)
        {
          g_assert_cmpuint (n_pages, ==, n_full);
          g_assert_cmpfloat (scale, ==, 1.0);
        }
      else if (cases[c].lines < 100)
        {
          g_assert_cmpuint (n_full, ==, 2);
          g_assert_cmpuint (n_pages, ==, 1);
          g_assert_cmpfloat (scale, <, 1.0);
          g_assert_cmpfloat (scale, >=, 0.6);
        }
      else
        {
          g_assert_cmpuint (n_pages, ==, n_full);
          g_assert_cmpfloat (scale, ==, 1.0);
        }

      text = dup_all_text (renderer);
      for (guint i = 0; i < cases[c].lines; i++)
        {
          g_autofree char *line = g_strdup_printf ("Line %u of the plan\n", i);

          g_assert_nonnull (strstr (text, line));
        }
      /* Drawn at that scale onto the paper. */
      {
        cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
        cairo_t *cr = cairo_create (surface);

        for (guint page = 0; page < n_pages; page++)
          sb_page_renderer_draw_page (renderer, cr, page);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
    }
}

/* A heading is never the last line of a page: whatever comes before it,
 * it moves to the next page with its paragraph.
 */
static void
test_render_keep_heading (void)
{
  for (guint fill = 1; fill < 80; fill++)
    {
      g_autoptr(SbDocument) document = sb_document_new (NULL);
      g_autoptr(SbPageRenderer) renderer = NULL;
      guint n_pages;

      for (guint i = 0; i < fill; i++)
        sb_document_add_paragraph (document, "Filler text that takes up a line.");
      sb_document_add_heading (document, 2, "The Heading");
      sb_document_add_labelled (document, "Action:", NULL);
      sb_document_add_paragraph (document,
                                 "The first paragraph after the heading, long enough to wrap "
                                 "onto a second line so that orphan control has something to do "
                                 "when the page runs out.");

      renderer = sb_page_renderer_new (document, SB_PAGE_LETTER_WIDTH, SB_PAGE_LETTER_HEIGHT);
      n_pages = sb_page_renderer_paginate (renderer);

      for (guint page = 0; page < n_pages; page++)
        {
          g_autofree char *text = sb_page_renderer_dup_page_text (renderer, page);

          g_assert_false (g_str_has_suffix (text, "The Heading"));
          g_assert_false (g_str_has_suffix (text, "Action:"));
          if (strstr (text, "The Heading") != NULL)
            g_assert_nonnull (strstr (text, "The first paragraph"));
        }
    }
}

static void
test_render_page_sizes (void)
{
  g_autoptr(SbDocument) document = sb_document_new ("Sizes");
  g_autoptr(SbPageRenderer) a4 = NULL;
  g_autoptr(SbPageRenderer) letter = NULL;
  g_autoptr(SbPageRenderer) narrow = NULL;
  guint block_page;
  double y;

  for (guint i = 0; i < 200; i++)
    sb_document_add_paragraph (document, "A paragraph of some length that fills about one line.");

  a4 = sb_page_renderer_new (document, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
  letter = sb_page_renderer_new (document, SB_PAGE_LETTER_WIDTH, SB_PAGE_LETTER_HEIGHT);
  /* A4 is taller: more lines on a page. */
  g_assert_cmpfloat (sb_page_renderer_get_height (letter), ==, SB_PAGE_LETTER_HEIGHT);
  g_assert_cmpuint (sb_page_renderer_get_n_lines (a4, 0), >, sb_page_renderer_get_n_lines (letter, 0));

  /* Wider margins, more pages; every block still placed below the top margin. */
  narrow = sb_page_renderer_new (document, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
  sb_page_renderer_set_margins (narrow, 144, 144, 144, 144);
  g_assert_cmpuint (sb_page_renderer_paginate (narrow), >, sb_page_renderer_paginate (a4));
  for (guint i = 0; i < 200; i++)
    {
      g_assert_true (sb_page_renderer_get_block_position (narrow, i, &block_page, &y));
      g_assert_cmpfloat (y, >=, 144);
      g_assert_cmpfloat (y, <, SB_PAGE_A4_HEIGHT - 144);
    }
}

static guint
count_dark_pixels (cairo_surface_t *surface,
                   int              x0,
                   int              y0,
                   int              x1,
                   int              y1)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if ((pixel & 0xff) < 0x80)
          n++;
      }

  return n;
}

/* Print hands the renderer a cairo context scaled to the printer's
 * resolution, in points: the page is drawn at that scale, text in the
 * text area and the page number in the footer, nothing outside the page.
 */
static void
test_render_draw_scaled (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = make_seed_library ();
  g_autoptr(SbDocument) document = sb_document_new_cheat_sheet (catalog, library, NULL);
  g_autoptr(SbDocument) empty = sb_document_new (NULL);
  g_autoptr(SbPageRenderer) renderer = NULL;
  g_autoptr(SbPageRenderer) empty_renderer = NULL;
  double scale = 150.0 / 72.0;
  int width = (int) (SB_PAGE_LETTER_WIDTH * scale);
  int height = (int) (SB_PAGE_LETTER_HEIGHT * scale);
  cairo_surface_t *surface;
  cairo_t *cr;
  double matrix_before[6], matrix_after[6];

  renderer = sb_page_renderer_new (document, SB_PAGE_LETTER_WIDTH, SB_PAGE_LETTER_HEIGHT);
  g_assert_cmpuint (sb_page_renderer_paginate (renderer), ==, 1);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_get_matrix (cr, (cairo_matrix_t *) matrix_before);
  sb_page_renderer_draw_page (renderer, cr, 0);
  cairo_get_matrix (cr, (cairo_matrix_t *) matrix_after);
  g_assert_true (memcmp (matrix_before, matrix_after, sizeof matrix_before) == 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The title in the top part of the text area, the footer at the foot,
   * blank margins at the sides.
   */
  g_assert_cmpuint (count_dark_pixels (surface, width / 8, height / 16, width / 2, height / 8), >, 500);
  g_assert_cmpuint (count_dark_pixels (surface, 0, 0, width / 20, height), ==, 0);
  g_assert_cmpuint (count_dark_pixels (surface, width - width / 20, 0, width, height), ==, 0);
  cairo_surface_destroy (surface);

  /* Invalid UTF-8 is drawn, not dropped with the rest of the page. */
  {
    g_autoptr(SbDocument) broken = sb_document_new (NULL);
    g_autoptr(SbPageRenderer) broken_renderer = NULL;
    const char *items[] = { "step \xff one", NULL };
    g_autofree char *text = NULL;

    sb_document_add_paragraph (broken, "before \xc3 after");
    sb_document_add_bullets (broken, items, FALSE);
    broken_renderer = sb_page_renderer_new (broken, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
    text = sb_page_renderer_dup_page_text (broken_renderer, 0);
    g_assert_true (g_str_has_prefix (text, "before "));
    g_assert_true (g_str_has_suffix (text, " one"));
  }

  /* An empty document is one page with only its footer. */
  empty_renderer = sb_page_renderer_new (empty, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
  g_assert_cmpuint (sb_page_renderer_paginate (empty_renderer), ==, 1);
  g_assert_cmpuint (sb_page_renderer_get_n_lines (empty_renderer, 0), ==, 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
  cr = cairo_create (surface);
  sb_page_renderer_draw_page (empty_renderer, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_render_unwritable (void)
{
  g_autofree char *tmpdir = sb_test_make_tmpdir ();
  g_autofree char *existing = g_build_filename (tmpdir, "existing.pdf", NULL);
  g_autofree char *blocker = g_build_filename (tmpdir, "not-a-folder", NULL);
  g_autofree char *inside_file = g_build_filename (blocker, "out.pdf", NULL);
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = make_generated_library (60);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  struct rlimit saved, small;
  void (*saved_handler) (int);

  /* A folder that cannot exist. */
  sb_test_write_file (blocker, "x", -1);
  g_assert_false (sb_render_export_pdf (catalog, library, NULL, inside_file, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* An unknown principle writes nothing. */
  g_assert_false (sb_render_export_pdf (catalog, library, "no-such-principle", existing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (existing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (sb_render_export_cheat_sheet_pdf (catalog, library, "no-such-framework", existing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A write that fails half way (here: the file size limit, which stops
   * root too) leaves the existing file as it was and no temporary file.
   */
  sb_test_write_file (existing, "the old export", -1);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 8192;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (sb_render_export_pdf (catalog, library, NULL, existing, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = sb_test_read_file (existing);
  g_assert_cmpstr (after, ==, "the old export");
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    guint n_files = 0;

    while (g_dir_read_name (dir) != NULL)
      n_files++;
    g_assert_cmpuint (n_files, ==, 2);
  }

  /* A read-only folder, for a user who is not root. */
  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (tmpdir, "locked", NULL);
      g_autofree char *target = g_build_filename (locked, "out.pdf", NULL);
      g_autofree char *kept = NULL;

      g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
      sb_test_write_file (target, "kept", -1);
      g_assert_cmpint (g_chmod (locked, 0500), ==, 0);
      g_assert_false (sb_render_export_pdf (catalog, library, NULL, target, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      kept = sb_test_read_file (target);
      g_assert_cmpstr (kept, ==, "kept");
    }

  sb_test_rm_rf (tmpdir);
}

static void
test_cheat_sheet_summarize (void)
{
  const char *steps[] = { "Measured it. Then more.", "  Fixed   it\nfor good", "", NULL };
  g_autofree char *a = sb_cheat_sheet_summarize ("  Uptime rose to 99.9% in v2.1. Then the rest.");
  g_autofree char *b = sb_cheat_sheet_summarize ("First line\nsecond line");
  g_autofree char *c = sb_cheat_sheet_summarize ("Did it!  Really");
  g_autofree char *d = sb_cheat_sheet_summarize ("");
  g_autofree char *e = sb_cheat_sheet_summarize_actions (steps);
  g_autofree char *f = sb_cheat_sheet_truncate ("one two three four five six seven", 16);
  g_autofree char *g = sb_cheat_sheet_truncate ("short", 16);
  g_autofree char *h = sb_cheat_sheet_summarize ("- Live 4 days early\n- Partner stayed");
  g_autofree char *i = sb_cheat_sheet_summarize ("  2) Cut costs 18%. Then more.");
  g_autofree char *j = sb_cheat_sheet_summarize ("-5% churn");

  g_assert_cmpstr (a, ==, "Uptime rose to 99.9% in v2.1.");
  g_assert_cmpstr (b, ==, "First line");
  g_assert_cmpstr (c, ==, "Did it!");
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpstr (e, ==, "Measured it; Fixed it");
  g_assert_cmpstr (f, ==, "one two three…");
  g_assert_cmpuint (g_utf8_strlen (f, -1), <=, 16);
  g_assert_cmpstr (g, ==, "short");
  g_assert_cmpstr (h, ==, "Live 4 days early");
  g_assert_cmpstr (i, ==, "Cut costs 18%.");
  g_assert_cmpstr (j, ==, "-5% churn");
}

/* Checks the story blocks of a plain-text cheat sheet: a title line, then
 * exactly one Situation, Task, Action and Result line, then a Learnings
 * line for a story that has some (@n_learnings counts them), never notes.
 */
static guint
check_text_stories (const char *text,
                    guint      *n_learnings)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *labels[] = { "  Situation: ", "  Task: ", "  Action: ", "  Result: " };
  guint n_stories = 0;

  if (n_learnings != NULL)
    *n_learnings = 0;
  g_assert_null (strstr (text, "  Notes: "));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint end = i + 4;

      if (!g_str_has_prefix (lines[i], "  Situation: "))
        continue;

      g_assert_cmpuint (i, >, 0);
      g_assert_cmpstr (lines[i - 1], !=, "");
      g_assert_false (g_str_has_prefix (lines[i - 1], " "));
      for (guint k = 0; k < 4; k++)
        {
          g_assert_nonnull (lines[i + k]);
          g_assert_true (g_str_has_prefix (lines[i + k], labels[k]));
          g_assert_cmpuint (g_utf8_strlen (lines[i + k], -1), <=, 102);
        }
      if (g_str_has_prefix (lines[end], "  Learnings: "))
        {
          g_assert_cmpuint (g_utf8_strlen (lines[end], -1), <=, 102);
          if (n_learnings != NULL)
            (*n_learnings)++;
          end++;
        }
      g_assert_cmpstr (lines[end], ==, "");
      n_stories++;
    }

  return n_stories;
}

static void
test_cheat_sheet_text (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = make_seed_library ();
  g_autoptr(SbStory) unfiled = sb_story_new ();
  g_autofree char *amazon = NULL;
  g_autofree char *all = NULL;
  g_autofree char *competencies = NULL;
  g_autofree char *expected = NULL;

  sb_story_set_title (unfiled, "Unfiled Story");
  sb_story_set_situation (unfiled, "A situation on\ntwo lines. And a second sentence.");
  sb_story_set_learnings (unfiled, "  Say no early. Then the rest of what I learnt, which is long.\nAnd more");
  sb_story_set_notes (unfiled, "Notes are only for me: not on the sheet");
  sb_library_add (library, unfiled);

  amazon = sb_cheat_sheet_to_text (catalog, library, "amazon");
  g_assert_nonnull (strstr (amazon, "\nThink Big\n---------\n"));
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    g_assert_nonnull (strstr (amazon, seeds[i].title));
  g_assert_cmpuint (check_text_stories (amazon, NULL), ==, 3);
  /* A short field whole, a long one cut at a word; the steps condensed to one line. */
  expected = g_strdup_printf ("  Task: %s\n", seeds[0].task);
  g_assert_nonnull (strstr (amazon, expected));
  if (g_test_verbose ())
    g_printerr ("%s", amazon);
  g_assert_nonnull (strstr (amazon, "  Situation: Current monolithic application struggling to handle 10x user growth projected for next…\n"));
  g_assert_nonnull (strstr (amazon, "  Action: Designed microservices architecture with clear service boundaries; Planned"));
  g_assert_null (strstr (amazon, "Unfiled Story"));

  /* All principles: the story filed nowhere is not lost. */
  all = sb_cheat_sheet_to_text (catalog, library, NULL);
  g_assert_cmpuint (check_text_stories (all, NULL), ==, 4);
  g_assert_nonnull (strstr (all, "Unfiled Story\n  Situation: A situation on\n  Task: —\n"));
  /* Its learnings on one line of their own; its notes nowhere. */
  g_assert_nonnull (strstr (all, "  Result: —\n  Learnings: Say no early.\n"));
  g_assert_null (strstr (all, "only for me"));

  /* A framework with none of these stories. */
  competencies = sb_cheat_sheet_to_text (catalog, library, "competencies");
  g_assert_cmpuint (check_text_stories (competencies, NULL), ==, 0);
}

static void
test_cheat_sheet_pdf (void)
{
  g_autofree char *tmpdir = sb_test_make_tmpdir ();
  g_autofree char *path = output_path (tmpdir, "cheat-sheet.pdf");
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = make_generated_library (40);
  g_autoptr(SbLibrary) seed_library = make_seed_library ();
  g_autoptr(SbDocument) document = NULL;
  g_autoptr(SbPageRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sheet = NULL;
  guint n_pages, n_lines = 0;
  guint n_stories = 0;
  guint n_learnings = 0;

  g_assert_true (sb_render_export_cheat_sheet_pdf (catalog, library, "amazon", path, &error));
  g_assert_no_error (error);
  assert_pdf (path);

  /* The PDF holds what the text sheet holds, one line per S/T/A/R. */
  document = sb_document_new_cheat_sheet (catalog, library, "amazon");
  renderer = sb_page_renderer_new (document, SB_PAGE_A4_WIDTH, SB_PAGE_A4_HEIGHT);
  n_pages = sb_page_renderer_paginate (renderer);
  text = dup_all_text (renderer);
  sheet = sb_cheat_sheet_to_text (catalog, library, "amazon");
  n_stories = check_text_stories (sheet, &n_learnings);
  g_assert_cmpuint (n_stories, >, 40);
  g_assert_cmpuint (n_learnings, >, 0);
  g_assert_cmpuint (count_occurrences (text, "\nLearnings: "), ==, n_learnings);
  g_assert_null (strstr (text, "Notes: "));
  g_assert_cmpuint (count_occurrences (text, "\nSituation: "), ==, n_stories);
  g_assert_cmpuint (count_occurrences (text, "\nResult: "), ==, n_stories);
  for (guint page = 0; page < n_pages; page++)
    n_lines += sb_page_renderer_get_n_lines (renderer, page);
  /* The title, a heading per principle, and per story its title and
   * four lines, five with learnings: no line wraps, however long its
   * field.
   */
  {
    g_auto(GStrv) lines = g_strsplit (sheet, "\n", -1);
    g_auto(GStrv) page_lines = g_strsplit (text, "\n", -1);
    const char *first_principle = NULL;
    guint n_principles = 0;
    guint n_header = 0;

    for (guint i = 1; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "---"))
        {
          first_principle = first_principle ? first_principle : lines[i - 1];
          n_principles++;
        }
    g_assert_nonnull (first_principle);
    while (page_lines[n_header] != NULL && g_strcmp0 (page_lines[n_header], first_principle) != 0)
      n_header++;
    g_assert_cmpuint (n_header, >=, 2);
    g_assert_cmpuint (n_header, <=, 4);
    g_assert_cmpuint (n_lines, ==, n_header + n_principles + 5 * n_stories + n_learnings);
  }

  if (g_getenv ("SB_RENDER_KEEP_DIR"))
    {
      g_autofree char *seed_path = output_path (tmpdir, "cheat-sheet-seed.pdf");

      g_assert_true (sb_render_export_cheat_sheet_pdf (catalog, seed_library, NULL, seed_path, &error));
      g_assert_no_error (error);
    }
  else
    sb_test_rm_rf (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/pdf/seed", test_render_seed_pdf);
  g_test_add_func ("/render/pdf/library", test_render_library_pdf);
  g_test_add_func ("/render/pdf/unwritable", test_render_unwritable);
  g_test_add_func ("/render/paginate/long-paragraph", test_render_long_paragraph);
  g_test_add_func ("/render/paginate/keep-heading", test_render_keep_heading);
  g_test_add_func ("/render/paginate/one-page", test_render_one_page);
  g_test_add_func ("/render/paginate/page-sizes", test_render_page_sizes);
  g_test_add_func ("/render/draw/scaled", test_render_draw_scaled);
  g_test_add_func ("/cheat-sheet/summarize", test_cheat_sheet_summarize);
  g_test_add_func ("/cheat-sheet/text", test_cheat_sheet_text);
  g_test_add_func ("/cheat-sheet/pdf", test_cheat_sheet_pdf);

  return g_test_run ();
}
