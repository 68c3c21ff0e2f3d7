/* test-csv.c: spreadsheets saved as text, read and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-csv.h"
#include "sb-import.h"
#include "sb-markdown.h"
#include "sb-test-util.h"

typedef struct
{
  GPtrArray *pages;
  GPtrArray *left_out;
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_clear_pointer (&sheet->pages, g_ptr_array_unref);
  g_clear_pointer (&sheet->left_out, g_ptr_array_unref);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

/* Reads @text, which must read, naming @catalog's principles. */
static Sheet *
read_sheet_with (const char *text,
                 gssize      length,
                 SbCatalog  *catalog)
{
  Sheet *sheet = g_new0 (Sheet, 1);
  g_autoptr(GError) error = NULL;

  sheet->pages = sb_csv_read (text, length, catalog, &sheet->left_out, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sheet->pages);
  g_assert_nonnull (sheet->left_out);
  g_assert_cmpuint (sheet->pages->len, ==, 1);
  g_assert_null (((SbMarkdownPage *) g_ptr_array_index (sheet->pages, 0))->name);
  return sheet;
}

/* Reads @text, which must read, naming the built-in principles. */
static Sheet *
read_sheet (const char *text,
            gssize      length)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();

  return read_sheet_with (text, length, catalog);
}

static guint
n_stories (Sheet *sheet)
{
  SbMarkdownPage *page = g_ptr_array_index (sheet->pages, 0);

  return page->stories->len;
}

static SbStory *
story_at (Sheet *sheet,
          guint  i)
{
  SbMarkdownPage *page = g_ptr_array_index (sheet->pages, 0);

  g_assert_cmpuint (i, <, page->stories->len);
  return g_ptr_array_index (page->stories, i);
}

static const char * const *
principles_at (Sheet *sheet,
               guint  i)
{
  SbMarkdownPage *page = g_ptr_array_index (sheet->pages, 0);

  return g_ptr_array_index (page->story_principles, i);
}

static void
assert_strv (const char * const *got,
             const char * const *expected)
{
  guint n = expected ? g_strv_length ((char **) expected) : 0;

  g_assert_cmpuint (got ? g_strv_length ((char **) got) : 0, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (got[i], ==, expected[i]);
}

static void
assert_left_out (Sheet *sheet,
                 guint  index,
                 guint  first,
                 guint  last)
{
  SbLeftOut *left_out;

  g_assert_cmpuint (index, <, sheet->left_out->len);
  left_out = g_ptr_array_index (sheet->left_out, index);
  g_assert_cmpuint (left_out->first_line, ==, first);
  g_assert_cmpuint (left_out->last_line, ==, last);
  g_assert_nonnull (left_out->reason);
  g_assert_cmpstr (left_out->reason, !=, "");
}

static void
test_quoting (void)
{
  const char *text =
    "Title,Situation,Task,Action,Result\n"
    "\"Cut costs, fast\",\"The bill said \"\"urgent\"\" in red.\",Halve it,\"Read the bill\n"
    "Turned off idle boxes\",\"Down 48%, in a week\"\n"
    "Plain one,Our \"\"team\"\" was new,Ship,Did it,It shipped";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  SbStory *story;

  g_assert_cmpuint (n_stories (sheet), ==, 2);
  story = story_at (sheet, 0);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Cut costs, fast");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "The bill said \"urgent\" in red.");
  g_assert_cmpstr (sb_story_get_task (story), ==, "Halve it");
  assert_strv (sb_story_get_actions (story),
               (const char *[]) { "Read the bill", "Turned off idle boxes", NULL });
  g_assert_cmpstr (sb_story_get_result (story), ==, "Down 48%, in a week");

  /* A quote inside an unquoted cell is kept as written. */
  story = story_at (sheet, 1);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Our \"\"team\"\" was new");
  g_assert_cmpuint (sheet->left_out->len, ==, 0);
}

static void
test_line_ends (void)
{
  /* Excel on Windows: a BOM, CRLF, a CRLF inside a quoted cell, no
   * final line end.
   */
  const char *text =
    "\xEF\xBB\xBFTitle,Situation,Task,Actions,Result\r\n"
    "Café rota,\"Two cafés, one rota.\r\nNobody owned it.\",Own it,Drew a rota,Nobody double-booked\r\n"
    "\r\n"
    "Second,Short-staffed in Zürich,Cover shifts,Called in favours,All shifts covered";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  SbStory *story;

  g_assert_cmpuint (n_stories (sheet), ==, 2);
  story = story_at (sheet, 0);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Café rota");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Two cafés, one rota.\nNobody owned it.");
  story = story_at (sheet, 1);
  g_assert_cmpstr (sb_story_get_result (story), ==, "All shifts covered");
  g_assert_cmpuint (sheet->left_out->len, ==, 0);

  /* Old Mac line ends, CR alone. */
  {
    g_autoptr(Sheet) mac = read_sheet ("Title,Situation,Result\rOld,It was slow,It got fast\r", -1);

    g_assert_cmpuint (n_stories (mac), ==, 1);
    g_assert_cmpstr (sb_story_get_result (story_at (mac, 0)), ==, "It got fast");
  }
}

static void
test_separators (void)
{
  /* European Excel: semicolons, commas inside the text. */
  {
    g_autoptr(Sheet) sheet = read_sheet ("Titel;Situation;Task;Action;Result\n"
                                         "x;Sales fell, 3 months running;Find out why;Called 20 clients;Churn down to 2,5 %\n",
                                         -1);

    g_assert_cmpuint (n_stories (sheet), ==, 1);
    g_assert_cmpstr (sb_story_get_situation (story_at (sheet, 0)), ==, "Sales fell, 3 months running");
    g_assert_cmpstr (sb_story_get_result (story_at (sheet, 0)), ==, "Churn down to 2,5 %");
    /* "Titel" is no column Storybank knows: into the notes. */
    g_assert_cmpstr (sb_story_get_notes (story_at (sheet, 0)), ==, "Titel: x");
  }

  /* Tabs, commas and semicolons in the cells. */
  {
    g_autoptr(Sheet) sheet = read_sheet ("title\tsituation\taction\tresult\n"
                                         "A, B; C\tWe had one, just one, server\tAdded two; then three\tNo outage since\n",
                                         -1);

    g_assert_cmpuint (n_stories (sheet), ==, 1);
    g_assert_cmpstr (sb_story_get_title (story_at (sheet, 0)), ==, "A, B; C");
    assert_strv (sb_story_get_actions (story_at (sheet, 0)),
                 (const char *[]) { "Added two; then three", NULL });
  }

  /* Found by fuzz-csv: a cell's text that would split into more names on
   * another separator does not make a header; the first row that does wins.
   */
  {
    g_autoptr(Sheet) sheet = read_sheet ("Title,Situation,Result\n"
                                         "x,\"S\tT\tA\tR\tNotes\tTags\tLearnings\tTask\",It worked\n",
                                         -1);

    g_assert_cmpuint (n_stories (sheet), ==, 1);
    g_assert_cmpstr (sb_story_get_situation (story_at (sheet, 0)), ==, "S\tT\tA\tR\tNotes\tTags\tLearnings\tTask");
  }

  /* Excel's "sep=" line. */
  {
    g_autoptr(Sheet) sheet = read_sheet ("sep=;\r\nTitle;Situation;Result\r\nOne;Slow, very slow;Fast\r\n", -1);

    g_assert_cmpuint (n_stories (sheet), ==, 1);
    g_assert_cmpstr (sb_story_get_situation (story_at (sheet, 0)), ==, "Slow, very slow");
  }
}

static void
test_synonyms (void)
{
  const char *text =
    "STORY NAME,Background,Objective,What I did,Outcome,Leadership Principle(s),Keywords,Lessons learned,Comments\n"
    "Pager storm,Alerts every night,Quiet the pager,Grouped alerts,Pages down 90%,Ownership; Dive Deep,oncall,Alert on symptoms,Ask me about the dashboard\n";
  const char *headers[][2] = {
    { "Question", "title" }, { "context", "situation" }, { "Problem", "situation" },
    { "Challenge", "situation" }, { "Situation / Context", "situation" }, { "Task/Goal", "task" },
    { "Task & Goal", "task" }, { "Objective", "task" }, { "My role", "task" },
    { "Responsibility", "task" }, { "Approach", "action" }, { "What I did", "action" },
    { "My actions", "action" }, { "Result/Impact", "result" }, { "Results & Impact", "result" },
    { "Results/Outcome", "result" }, { "Outcome(s)", "result" }, { "Story name", "title" },
    { "Headline", "title" }, { "Story", "title" }, { "Amazon LP", "principles" }, { "LPs", "principles" },
    { "Leadership Principle(s)", "principles" },
    { "Goal", "task" }, { "Action(s)", "action" }, { "Steps", "action" },
    { "Results", "result" }, { "Impact", "result" }, { "LP", "principles" },
    { "Competency", "principles" }, { "Category", "principles" }, { "Theme", "principles" },
    { "Labels", "tags" }, { "Tags", "tags" }, { "What I learned", "learnings" },
    { "Reflection", "learnings" }, { "Key Takeaways", "learnings" }, { "Follow-up", "notes" },
    { "Notes", "notes" }, { "S (Situation)", "situation" }, { "4. Result", "result" },
    { "Action 2", "action" }, { "📝 Notes", "notes" },
  };
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  SbStory *story = story_at (sheet, 0);

  g_assert_cmpstr (sb_story_get_title (story), ==, "Pager storm");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Alerts every night");
  g_assert_cmpstr (sb_story_get_task (story), ==, "Quiet the pager");
  assert_strv (sb_story_get_actions (story), (const char *[]) { "Grouped alerts", NULL });
  g_assert_cmpstr (sb_story_get_result (story), ==, "Pages down 90%");
  assert_strv (principles_at (sheet, 0), (const char *[]) { "Ownership", "Dive Deep", NULL });
  assert_strv (sb_story_get_tags (story), (const char *[]) { "oncall", NULL });
  g_assert_cmpstr (sb_story_get_learnings (story), ==, "Alert on symptoms");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Ask me about the dashboard");

  /* Each header alone, beside a Situation and a Result column. */
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      const char *field = headers[i][1];
      /* Two parts besides, neither the one named. */
      const char *others = g_str_equal (field, "situation") || g_str_equal (field, "result")
                           ? "Task,Action" : "Situation,Result";
      g_autofree char *sheet_text = g_strdup_printf ("%s,%s\n"
                                                     "It was late,It shipped,Marker text\n",
                                                     others, headers[i][0]);
      g_autoptr(Sheet) one = read_sheet (sheet_text, -1);
      SbStory *got = story_at (one, 0);
      const char *value = NULL;

      if (g_str_equal (field, "title"))
        value = sb_story_get_title (got);
      else if (g_str_equal (field, "situation"))
        value = strstr (sb_story_get_situation (got), "Marker text");
      else if (g_str_equal (field, "task"))
        value = sb_story_get_task (got);
      else if (g_str_equal (field, "action"))
        value = sb_story_get_actions (got)[0];
      else if (g_str_equal (field, "result"))
        value = strstr (sb_story_get_result (got), "Marker text");
      else if (g_str_equal (field, "principles"))
        value = principles_at (one, 0)[0];
      else if (g_str_equal (field, "tags"))
        value = sb_story_get_tags (got)[0];
      else if (g_str_equal (field, "learnings"))
        value = sb_story_get_learnings (got);
      else if (g_str_equal (field, "notes"))
        value = sb_story_get_notes (got);

      g_test_message ("header %s", headers[i][0]);
      g_assert_nonnull (value);
      g_assert_true (g_str_has_prefix (value, "Marker text"));
    }
}

/* A sheet of other words for every column; a second word for a part
 * ("Impact" after "Result") goes to the notes, as in Markdown.
 */
static void
test_other_words (void)
{
  const char *text =
    "#,Story name,Problem,My role,Approach,Result,Impact,Amazon LP\n"
    "1,Pager storm,Alerts every night,Quiet the pager,Grouped alerts,Pages down 90%,Sleep again,Ownership\n";
  const char *slashes =
    "Story name,Problem,My role,Approach,Result/Impact,Amazon LP\n"
    "Pager storm,Alerts every night,Quiet the pager,Grouped alerts,Pages down 90%,Ownership\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  g_autoptr(Sheet) other = read_sheet (slashes, -1);
  SbStory *story = story_at (sheet, 0);

  g_assert_cmpstr (sb_story_get_title (story), ==, "Pager storm");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Alerts every night");
  g_assert_cmpstr (sb_story_get_task (story), ==, "Quiet the pager");
  assert_strv (sb_story_get_actions (story), (const char *[]) { "Grouped alerts", NULL });
  g_assert_cmpstr (sb_story_get_result (story), ==, "Pages down 90%");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Impact: Sleep again");
  assert_strv (principles_at (sheet, 0), (const char *[]) { "Ownership", NULL });

  story = story_at (other, 0);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Pager storm");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Alerts every night");
  g_assert_cmpstr (sb_story_get_task (story), ==, "Quiet the pager");
  g_assert_cmpstr (sb_story_get_result (story), ==, "Pages down 90%");
  assert_strv (principles_at (other, 0), (const char *[]) { "Ownership", NULL });
}

/* A column named by the part's own word wins that part over a synonym
 * column, whatever their order; the synonym's text goes to the notes.
 */
static void
test_own_words_win (void)
{
  const char *text =
    "Question,Title,Company,Role,Principle,Competency,Situation,Task,Approach,Action,Outcome,Result\n"
    "Tell me about a time,Pager storm,Acme,Senior PM,Ownership,Customer Obsession,Alerts every night,"
    "Quiet the pager,Listen first,Grouped alerts,Happier team,Pages down 90%\n";
  const char *synonyms =
    "Story,Background,Goal,Objective,Steps,Approach,Outcome,Impact\n"
    "Pager storm,Alerts every night,Quiet the pager,Sleep,Grouped alerts,Tuned them,Pages down 90%,Sleep again\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  g_autoptr(Sheet) other = read_sheet (synonyms, -1);
  SbStory *story = story_at (sheet, 0);

  g_assert_cmpstr (sb_story_get_title (story), ==, "Pager storm");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Alerts every night");
  g_assert_cmpstr (sb_story_get_task (story), ==, "Quiet the pager");
  assert_strv (sb_story_get_actions (story), (const char *[]) { "Grouped alerts", NULL });
  g_assert_cmpstr (sb_story_get_result (story), ==, "Pages down 90%");
  assert_strv (principles_at (sheet, 0), (const char *[]) { "Ownership", NULL });
  g_assert_cmpstr (sb_story_get_notes (story), ==,
                   "Question: Tell me about a time\n\n"
                   "Company: Acme\n\n"
                   "Role: Senior PM\n\n"
                   "Competency: Customer Obsession\n\n"
                   "Approach: Listen first\n\n"
                   "Outcome: Happier team");

  /* With no column named by its own word, the first synonym takes the
   * part (every one, for the steps).
   */
  story = story_at (other, 0);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Pager storm");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Alerts every night");
  g_assert_cmpstr (sb_story_get_task (story), ==, "Quiet the pager");
  assert_strv (sb_story_get_actions (story), (const char *[]) { "Grouped alerts", "Tuned them", NULL });
  g_assert_cmpstr (sb_story_get_result (story), ==, "Pages down 90%");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Objective: Sleep\n\nImpact: Sleep again");
}

/* "Role" is a job title, not the Task: with no Task column it goes to
 * the notes; "My role" and "Responsibility" are still the Task.
 */
static void
test_role_is_no_task (void)
{
  const char *text =
    "Title,Role,Situation,Action,Result\n"
    "Pager storm,Senior PM,Alerts every night,Grouped alerts,Pages down 90%\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  SbStory *story = story_at (sheet, 0);

  g_assert_cmpstr (sb_story_get_task (story), ==, "");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Role: Senior PM");
}

static void
test_unknown_columns (void)
{
  const char *text =
    "Date,Title,Situation,Result,Interviewer,,Notes,Key metrics\n"
    "2024-03-01,Flaky CI,Builds failed at random,Green for a month,\"Priya (panel 2)\",stray,Practise the ending,\"p95 build 11 min\n"
    "flakes 0.2%\"\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  SbStory *story = story_at (sheet, 0);

  g_assert_cmpstr (sb_story_get_notes (story), ==,
                   "Date: 2024-03-01\n\n"
                   "Interviewer: Priya (panel 2)\n\n"
                   "stray\n\n"
                   "Practise the ending\n\n"
                   "Key metrics: p95 build 11 min\nflakes 0.2%");
}

static void
test_actions (void)
{
  struct {
    const char *cell;
    const char *steps[5];
  } cases[] = {
    { "Talked to the team", { "Talked to the team" } },
    { "Talked to the team\nWrote a plan\nShipped it", { "Talked to the team", "Wrote a plan", "Shipped it" } },
    { "- Talked to the team\n- Wrote a plan", { "Talked to the team", "Wrote a plan" } },
    { "* one\n* two\n*  three", { "one", "two", "three" } },
    { "• one\n•two", { "one", "two" } },
    { "1. one\n2) two\n10. ten", { "one", "two", "ten" } },
    { "Step 1: Looked\nStep 2: Fixed", { "Looked", "Fixed" } },
    { "I started by asking why the nightly job\nran so long, and found the\nlock contention.",
      { "I started by asking why the nightly job", "ran so long, and found the", "lock contention." } },
    /* Blank lines between lines: still a step a line. */
    { "First I asked around.\nIt took a week.\n\nThen I wrote the fix.",
      { "First I asked around.", "It took a week.", "Then I wrote the fix." } },
    { "Talked to the team\n\nWrote a plan\n\n\nShipped it", { "Talked to the team", "Wrote a plan", "Shipped it" } },
    { "- Designed the fix\n  - split the queue\n  - added a retry\n- Rolled it out",
      { "Designed the fix\n- split the queue\n- added a retry", "Rolled it out" } },
    { "Some context first:\n- did a\n- did b", { "Some context first:", "did a", "did b" } },
    { "- did a\n  and more about a\n\n- did b", { "did a\nand more about a", "did b" } },
    { "1.5x faster was the aim", { "1.5x faster was the aim" } },
    { "-1 bugs sounds odd", { "-1 bugs sounds odd" } },
    /* Found by fuzz-csv: lines are trimmed, as an item's are. */
    { "First\n   indented\n\nSecond", { "First", "indented", "Second" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new ("Situation,Action,Result\nA real situation,\"");

      for (const char *p = cases[i].cell; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (text, '"');
          g_string_append_c (text, *p);
        }
      g_string_append (text, "\",A real result\n");
      {
        g_autoptr(Sheet) sheet = read_sheet (text->str, -1);

        g_test_message ("cell %u: %s", i, cases[i].cell);
        assert_strv (sb_story_get_actions (story_at (sheet, 0)), cases[i].steps);
      }
    }
}

static void
test_left_out (void)
{
  const char *text =
    "My STAR stories (draft)\n"                             /* 1 */
    ",,,,\n"                                                /* 2 */
    "Title,Situation,Task,Action,Result\n"                  /* 3 */
    "Just an idea,,,,\n"                                    /* 4 */
    "Template,[your situation],<task>,TBD,XX%\n"            /* 5 */
    ",,,,\n"                                                /* 6 */
    "Real one,\"It was\n"                                   /* 7 */
    "bad\",Fix it,Fixed it,It got fixed\n"                  /* 8 */
    "Only result,,,,\"It went\n"                            /* 9 */
    "well\"\n"                                              /* 10 */
    "Title,Situation,Task,Action,Result\n"                  /* 11 */
    "Thin,N/A,,…,Done and dusted\n"                         /* 12 */
    "\n"                                                    /* 13 */
    "Last,It was late,,,It shipped";                        /* 14 */
  g_autoptr(Sheet) sheet = read_sheet (text, -1);

  g_assert_cmpuint (n_stories (sheet), ==, 2);
  g_assert_cmpstr (sb_story_get_title (story_at (sheet, 0)), ==, "Real one");
  g_assert_cmpstr (sb_story_get_title (story_at (sheet, 1)), ==, "Last");

  g_assert_cmpuint (sheet->left_out->len, ==, 5);
  assert_left_out (sheet, 0, 1, 1);     /* above the header; line 2 is blank */
  assert_left_out (sheet, 1, 4, 5);     /* two thin rows, one run */
  assert_left_out (sheet, 2, 9, 10);    /* a thin row over two lines */
  assert_left_out (sheet, 3, 11, 11);   /* the header again: another reason */
  assert_left_out (sheet, 4, 12, 12);
}

/* A comma inside a cell, not quoted: the row keeps all its text, makes
 * no principle or tag of a shifted cell, and is listed.
 */
static void
test_extra_cells (void)
{
  const char *text =
    "Title,Situation,Task,Action,Result,Principles,Tags\n"
    "Costs,Spend grew,Cut it,Renegotiated,Cut costs by 20%, saving $1M,Frugality,finance\n"
    "Pager,Alerts,Quiet them,Grouped alerts,Pages down,Ownership,oncall\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  SbStory *story = story_at (sheet, 0);
  const char *notes = sb_story_get_notes (story);

  g_assert_cmpuint (n_stories (sheet), ==, 2);
  g_assert_cmpuint (sheet->left_out->len, ==, 1);
  assert_left_out (sheet, 0, 2, 2);
  g_assert_nonnull (strstr (((SbLeftOut *) g_ptr_array_index (sheet->left_out, 0))->reason, "8 cells"));
  g_assert_cmpstr (sb_story_get_result (story), ==, "Cut costs by 20%");
  g_assert_true (principles_at (sheet, 0) == NULL || principles_at (sheet, 0)[0] == NULL);
  assert_strv (sb_story_get_tags (story), NULL);
  g_assert_nonnull (strstr (notes, "saving $1M"));
  g_assert_nonnull (strstr (notes, "Frugality"));
  g_assert_nonnull (strstr (notes, "finance"));
  assert_strv (principles_at (sheet, 1), (const char *[]) { "Ownership", NULL });
}

/* A quote never closed is a plain character, listed: the rows after it
 * are read, not swallowed into its cell.
 */
static void
test_unclosed_quote (void)
{
  const char *text =
    "Title,Situation,Result\n"
    "Late,\"The vendor slipped,We shipped anyway\n"
    "Pager,Alerts every night,Pages down 90%\n";
  const char *in_header =
    "Title,\"Situation,Result\n"
    "Pager,Alerts every night,Pages down 90%\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  g_autoptr(Sheet) other = read_sheet (in_header, -1);

  g_assert_cmpuint (n_stories (sheet), ==, 2);
  g_assert_cmpstr (sb_story_get_situation (story_at (sheet, 0)), ==, "\"The vendor slipped");
  g_assert_cmpstr (sb_story_get_result (story_at (sheet, 0)), ==, "We shipped anyway");
  g_assert_cmpstr (sb_story_get_title (story_at (sheet, 1)), ==, "Pager");
  g_assert_cmpuint (sheet->left_out->len, ==, 1);
  assert_left_out (sheet, 0, 2, 2);
  g_assert_nonnull (strstr (((SbLeftOut *) g_ptr_array_index (sheet->left_out, 0))->reason, "quote"));

  g_assert_cmpuint (n_stories (other), ==, 1);
  g_assert_cmpstr (sb_story_get_situation (story_at (other, 0)), ==, "Alerts every night");
  g_assert_cmpuint (other->left_out->len, ==, 1);
  assert_left_out (other, 0, 1, 1);
}

static void
test_untitled (void)
{
  const char *text =
    "Title,Situation,Result,Tags\n"
    ",\"Our  release train\nstalled for three weeks because nobody owned the branch\",We ship weekly again,release\n"
    ",Short one,Done,\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);
  SbStory *story = story_at (sheet, 0);

  g_assert_cmpstr (sb_story_get_title (story), ==, "Our release train stalled for three weeks because…");
  assert_strv (sb_story_get_tags (story), (const char *[]) { "release", SB_MARKDOWN_UNTITLED_TAG, NULL });
  story = story_at (sheet, 1);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Short one");
  assert_strv (sb_story_get_tags (story), (const char *[]) { SB_MARKDOWN_UNTITLED_TAG, NULL });
}

static void
test_names (void)
{
  const char *text =
    "Title,Situation,Result,Principles,Tags\n"
    "a,It was slow,It got fast,\"Ownership, Bias for Action;Earn Trust\",#perf #backend\n"
    "b,It was slow,It got fast,\"Have Backbone; Disagree and Commit\n\",\"ops;ops; db\"\n"
    "c,It was slow,It got fast,\"Customer Obsession\nDeliver Results, ,\",\n"
    "d,It was slow,It got fast,,\n"
    "e,It was slow,It got fast,,\"#\tops\t\"\n"
    "f,It was slow,It got fast,,\"###\f\f#####\"\n"
    "g,It was slow,It got fast,,\"#\f#db\"\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);

  assert_strv (principles_at (sheet, 0), (const char *[]) { "Ownership", "Bias for Action", "Earn Trust", NULL });
  assert_strv (sb_story_get_tags (story_at (sheet, 0)), (const char *[]) { "perf", "backend", NULL });
  assert_strv (principles_at (sheet, 1), (const char *[]) { "Have Backbone; Disagree and Commit", NULL });
  assert_strv (sb_story_get_tags (story_at (sheet, 1)), (const char *[]) { "ops", "db", NULL });
  assert_strv (principles_at (sheet, 2), (const char *[]) { "Customer Obsession", "Deliver Results", NULL });
  g_assert_null (principles_at (sheet, 3));
  /* A tag after "#" and a tab is the tag alone, as a sheet written back
   * reads it (found by the fuzzer).
   */
  assert_strv (sb_story_get_tags (story_at (sheet, 4)), (const char *[]) { "ops", NULL });
  /* Every "#" before a tag goes, spaces of any kind between them too:
   * "#####" would be no tag when written back and read again.
   */
  assert_strv (sb_story_get_tags (story_at (sheet, 5)), NULL);
  assert_strv (sb_story_get_tags (story_at (sheet, 6)), (const char *[]) { "db", NULL });
}

/* Principles as people write them: every one kept, none made up. */
static void
test_principle_separators (void)
{
  struct {
    const char *cell;
    const char *names[4];
  } cases[] = {
    { "Dive Deep | Ownership", { "Dive Deep", "Ownership" } },
    { "Ownership/Dive Deep", { "Ownership", "Dive Deep" } },
    { "Dive deep / Bias for action", { "Dive deep", "Bias for action" } },
    { "Ownership + Dive Deep", { "Ownership", "Dive Deep" } },
    { "Ownership • Dive Deep", { "Ownership", "Dive Deep" } },
    { "Ownership and Dive Deep", { "Ownership", "Dive Deep" } },
    { "Ownership & Dive Deep & Earn Trust", { "Ownership", "Dive Deep", "Earn Trust" } },
    { "Ownership (LP #2)", { "Ownership" } },
    { "Customer Obsession (primary), Ownership (secondary)", { "Customer Obsession", "Ownership" } },
    { "N/A", { NULL } },
    { "TBD", { NULL } },
    { "-", { NULL } },
    { "none", { NULL } },
    { "?", { NULL } },
    { "Ownership, N/A", { "Ownership" } },
    { "Are Right, A Lot", { "Are Right, A Lot" } },
    { "Ownership, Are Right, A Lot", { "Ownership", "Are Right, A Lot" } },
    { "Hire and Develop the Best", { "Hire and Develop the Best" } },
    { "Invent and Simplify; Learn and Be Curious", { "Invent and Simplify", "Learn and Be Curious" } },
    { "Have Backbone; Disagree and Commit", { "Have Backbone; Disagree and Commit" } },
    { "Ownership\nHave Backbone; Disagree and Commit", { "Ownership", "Have Backbone; Disagree and Commit" } },
    /* Not known: as written, split only on its separators. */
    { "Rock and Roll", { "Rock and Roll" } },
    /* A name of the user's own with "/" or "+" stays whole, even when a
     * side names a principle ("Trust" is Earn Trust's). */
    { "Sales/Marketing Alignment", { "Sales/Marketing Alignment" } },
    { "Trust + Safety", { "Trust + Safety" } },
    { "Ownership, Trust + Safety", { "Ownership", "Trust + Safety" } },
    { "Ownership/Dive Deep + Earn Trust", { "Ownership", "Dive Deep", "Earn Trust" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(Sheet) sheet = NULL;

      g_test_message ("cell %u: %s", i, cases[i].cell);
      text = g_strdup_printf ("Title,Situation,Result,Principles\nA,It was slow,It got fast,\"%s\"\n", cases[i].cell);
      sheet = read_sheet (text, -1);
      g_assert_cmpuint (n_stories (sheet), ==, 1);
      assert_strv (principles_at (sheet, 0), cases[i].names[0] ? cases[i].names : NULL);
    }
}

/* Tags: "#reliability #kafka" is two, and a tag keeps its characters. */
static void
test_tag_separators (void)
{
  const char *text =
    "Title,Situation,Result,Tags\n"
    "a,It was slow,It got fast,#reliability #kafka\n"
    "b,It was slow,It got fast,\"CI/CD, C++ | on-call\"\n"
    "c,It was slow,It got fast,-\n";
  g_autoptr(Sheet) sheet = read_sheet (text, -1);

  assert_strv (sb_story_get_tags (story_at (sheet, 0)), (const char *[]) { "reliability", "kafka", NULL });
  assert_strv (sb_story_get_tags (story_at (sheet, 1)), (const char *[]) { "CI/CD", "C++", "on-call", NULL });
  assert_strv (sb_story_get_tags (story_at (sheet, 2)), NULL);
}

static void
test_not_a_sheet (void)
{
  const char *texts[] = {
    "",
    "\n\n",
    "just, some, words\nmore, words, here\n",
    "# Think Big\n\n## Definition\n\nSituation: a\n",
    "Situation\nIt was late\n",
    "Name,Email\nAda,ada@example.com\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *left_out = (GPtrArray *) 0x1;
      g_autoptr(GPtrArray) pages = sb_csv_read (texts[i], -1, NULL, &left_out, &error);

      g_assert_null (pages);
      g_assert_null (left_out);
      g_assert_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING);
      g_assert_false (sb_csv_looks_like_sheet (texts[i], -1));
    }

  /* An empty file says so. */
  for (guint i = 0; i < 3; i++)
    {
      const char *empty[] = { "", " \r\n\t\n", "\xEF\xBB\xBF\n" };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) pages = sb_csv_read (empty[i], -1, NULL, NULL, &error);

      g_assert_null (pages);
      g_assert_error (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING);
      g_assert_cmpstr (error->message, ==, "The file is empty");
    }

  g_assert_true (sb_csv_looks_like_sheet ("Story\tS\tT\tA\tR\n", -1));
  g_assert_true (sb_csv_looks_like_sheet ("Interview prep\n\nQuestion;Answer;Outcome\n", -1));
}

static void
test_encodings (void)
{
  /* Excel's "CSV" on Windows writes Windows-1252. */
  {
    const char text[] = "Title,Situation,Result\r\nCaf\xE9,Na\xEFve plan \x96 no owner,\x93" "Fixed\x94\r\n";
    g_autoptr(Sheet) sheet = read_sheet (text, sizeof text - 1);

    g_assert_cmpstr (sb_story_get_title (story_at (sheet, 0)), ==, "Café");
    g_assert_cmpstr (sb_story_get_situation (story_at (sheet, 0)), ==, "Naïve plan – no owner");
    g_assert_cmpstr (sb_story_get_result (story_at (sheet, 0)), ==, "“Fixed”");
  }

  /* Its "Unicode Text": UTF-16 with a BOM, tabs. */
  {
    const char *utf8 = "Title\tSituation\tResult\r\nÜber\tIt was slow\tIt got fast\r\n";
    gsize written = 0;
    g_autofree char *utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &written, NULL);
    g_autofree char *text = g_malloc (written + 2);
    g_autoptr(Sheet) sheet = NULL;

    text[0] = (char) 0xFF;
    text[1] = (char) 0xFE;
    memcpy (text + 2, utf16, written);
    sheet = read_sheet (text, written + 2);
    g_assert_cmpstr (sb_story_get_title (story_at (sheet, 0)), ==, "Über");
  }
}

/* Text that a careless writer would break: separators, quotes, line
 * ends, tabs, lines that look like list items or a header.
 */
static const char * const hostile[] = {
  "He said \"no\", then left",
  "a,b;c",
  "first line\nsecond line",
  "tab\there",
  "\"quoted\"",
  "=SUM(A1:A9)",
  "- looks like a bullet",
  "1. numbered",
  "Ünïcødé — ✓ 日本語",
  "ends with a quote\"",
  ",,,",
  "\"\"\"",
  "sep=;",
  "Title,Situation,Task",
  "para one\n\npara two",
  "Step 3: sounds like a step",
  "• dot",
  "trailing backslash \\",
};

static char *
hostile_text (GRand      *rand,
              const char *prefix,
              guint       index)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 4);

  g_string_append_printf (text, "%s %u", prefix, index);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (text, g_rand_boolean (rand) ? " " : "\n");
      g_string_append (text, hostile[g_rand_int_range (rand, 0, G_N_ELEMENTS (hostile))]);
    }
  return g_string_free (text, FALSE);
}

static void
test_round_trip (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (2126);
  g_autoptr(SbPrinciple) mine = sb_principle_new ("mine", "Calm, Under Pressure", SB_FRAMEWORK_USER, FALSE);
  GListModel *principles;
  g_autofree char *text = NULL;
  g_autoptr(Sheet) sheet = NULL;
  const guint n = 1000;
  static const char * const tag_pool[] = {
    "ops", "two words", "日本", "q\"uote", "a,b", "semi;colon", "=1+1", "x",
  };

  sb_catalog_add_principle (catalog, mine);
  principles = sb_catalog_get_principles (catalog);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) story = sb_story_new ();
      g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autofree char *title = hostile_text (rand, "Title", i);
      g_autofree char *situation = hostile_text (rand, "Situation", i);
      g_autofree char *task = g_rand_boolean (rand) ? hostile_text (rand, "Task", i) : g_strdup ("");
      g_autofree char *result = hostile_text (rand, "Result", i);
      g_autofree char *learnings = g_rand_boolean (rand) ? hostile_text (rand, "Learnt", i) : g_strdup ("");
      g_autofree char *notes = g_rand_boolean (rand) ? hostile_text (rand, "Note", i) : g_strdup ("");
      guint n_actions = g_rand_int_range (rand, 0, 5);
      guint n_tags = g_rand_int_range (rand, 0, 4);
      guint n_principles = g_rand_int_range (rand, 0, 4);

      for (guint j = 0; j < n_actions; j++)
        g_ptr_array_add (actions, hostile_text (rand, "Step", j));
      g_ptr_array_add (actions, NULL);
      for (guint j = 0; j < n_tags; j++)
        {
          const char *tag = tag_pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (tag_pool))];

          if (!g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
            g_ptr_array_add (tags, (gpointer) tag);
        }
      g_ptr_array_add (tags, NULL);
      for (guint j = 0; j < n_principles; j++)
        {
          g_autoptr(SbPrinciple) principle =
            g_list_model_get_item (principles, g_rand_int_range (rand, 0, g_list_model_get_n_items (principles)));
          const char *id = sb_principle_get_id (principle);

          if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
            g_ptr_array_add (ids, (gpointer) id);
        }
      g_ptr_array_add (ids, NULL);

      sb_story_set_title (story, title);
      sb_story_set_situation (story, situation);
      sb_story_set_task (story, task);
      sb_story_set_actions (story, (const char * const *) actions->pdata);
      sb_story_set_result (story, result);
      sb_story_set_learnings (story, learnings);
      sb_story_set_notes (story, notes);
      sb_story_set_tags (story, (const char * const *) tags->pdata);
      sb_story_set_principles (story, (const char * const *) ids->pdata);
      sb_library_add (library, story);
    }

  text = sb_csv_export (library, catalog, NULL);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFTitle,Situation,Task,Actions,Result,Learnings,Notes,Principles,Tags\r\n"));
  sheet = read_sheet_with (text, -1, catalog);
  g_assert_cmpuint (sheet->left_out->len, ==, 0);
  g_assert_cmpuint (n_stories (sheet), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);
      SbStory *back = story_at (sheet, i);
      const char * const *ids = sb_story_get_principles (story);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      g_test_message ("story %u: %s", i, sb_story_get_title (story));
      g_assert_cmpstr (sb_story_get_title (back), ==, sb_story_get_title (story));
      g_assert_cmpstr (sb_story_get_situation (back), ==, sb_story_get_situation (story));
      g_assert_cmpstr (sb_story_get_task (back), ==, sb_story_get_task (story));
      assert_strv (sb_story_get_actions (back), sb_story_get_actions (story));
      g_assert_cmpstr (sb_story_get_result (back), ==, sb_story_get_result (story));
      g_assert_cmpstr (sb_story_get_learnings (back), ==, sb_story_get_learnings (story));
      g_assert_cmpstr (sb_story_get_notes (back), ==, sb_story_get_notes (story));
      assert_strv (sb_story_get_tags (back), sb_story_get_tags (story));
      for (guint j = 0; ids[j] != NULL; j++)
        g_ptr_array_add (names, (gpointer) sb_principle_get_name (sb_catalog_lookup (catalog, ids[j])));
      g_ptr_array_add (names, NULL);
      assert_strv (principles_at (sheet, i), (const char * const *) names->pdata);
    }
}

static void
test_export_principle (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStory) a = sb_story_new ();
  g_autoptr(SbStory) b = sb_story_new ();
  g_autofree char *text = NULL;

  sb_story_set_title (a, "Filed");
  sb_story_set_situation (a, "S");
  sb_story_set_actions (a, (const char *[]) { "one", "two", NULL });
  sb_story_set_principles (a, (const char *[]) { "think-big", "earn-trust", NULL });
  sb_story_set_tags (a, (const char *[]) { "x", "y", NULL });
  sb_story_set_title (b, "Elsewhere");
  sb_library_add (library, a);
  sb_library_add (library, b);

  text = sb_csv_export (library, catalog, "think-big");
  g_assert_cmpstr (text, ==,
                   "\xEF\xBB\xBFTitle,Situation,Task,Actions,Result,Learnings,Notes,Principles,Tags\r\n"
                   "Filed,S,,\"one\ntwo\",,,,\"Think Big; Earn Trust\",\"x; y\"\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/separators", test_separators);
  g_test_add_func ("/csv/synonyms", test_synonyms);
  g_test_add_func ("/csv/other-words", test_other_words);
  g_test_add_func ("/csv/own-words-win", test_own_words_win);
  g_test_add_func ("/csv/role-is-no-task", test_role_is_no_task);
  g_test_add_func ("/csv/unknown-columns", test_unknown_columns);
  g_test_add_func ("/csv/actions", test_actions);
  g_test_add_func ("/csv/left-out", test_left_out);
  g_test_add_func ("/csv/extra-cells", test_extra_cells);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/untitled", test_untitled);
  g_test_add_func ("/csv/names", test_names);
  g_test_add_func ("/csv/principle-separators", test_principle_separators);
  g_test_add_func ("/csv/tag-separators", test_tag_separators);
  g_test_add_func ("/csv/not-a-sheet", test_not_a_sheet);
  g_test_add_func ("/csv/encodings", test_encodings);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/export-principle", test_export_principle);

  return g_test_run ();
}
