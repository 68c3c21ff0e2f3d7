/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-markdown.h"

G_BEGIN_DECLS

/* How a line of a page reads (sb-markdown.c), shared by the writer, which
 * escapes what would read as structure, and the reader
 * (sb-markdown-reader.c).
 */
typedef enum
{
  LINE_BLANK,
  LINE_TEXT,
  LINE_ESCAPED,
  LINE_RULE,
  LINE_HEADING,
  LINE_BULLET,
  LINE_LABEL,
  LINE_FENCE,
  LINE_TABLE,
} LineKind;

typedef enum
{
  FIELD_NONE = -1,
  FIELD_SITUATION = 0,
  FIELD_TASK,
  FIELD_ACTION,
  FIELD_RESULT,
  FIELD_LEARNINGS,
  FIELD_NOTES,
  FIELD_STORY,
  FIELD_PRINCIPLE,
  FIELD_TAGS,
  FIELD_OTHER,  /* a labelled part the model has no field for: notes */
} Field;

#define N_PARTS 6  /* situation to notes */
#define IS_STAR(f) ((f) >= FIELD_SITUATION && (f) <= FIELD_RESULT)

typedef enum
{
  SECTION_NONE,
  SECTION_DEFINITION,
  SECTION_EXAMPLES,
  SECTION_FOCUS,
  SECTION_TIPS,
  SECTION_NOTES,
  SECTION_IGNORE,
} Section;

typedef struct
{
  LineKind    kind;
  guint       level;      /* heading level */
  Field       field;      /* label */
  gboolean    listed;     /* a label written as a list item, "- Task: …" */
  gboolean    synonym;    /* another word for a part: "Problem", "Impact" */
  gboolean    bold_only;  /* "**Step 2: Designed the fix**" */
  gboolean    numbered;   /* "2. …" */
  guint       indent;     /* a list item's */
  const char *text;       /* points into the line */
  const char *label;      /* FIELD_OTHER: the label as written … */
  guint       label_len;  /* … and its length */
} Line;


void         _sb_markdown_classify          (const char *line,
                                             Line       *out);
gboolean     _sb_markdown_match_label       (const char *line,
                                             Line       *out);
GRegex      *_sb_markdown_example_regex     (void);
gboolean     _sb_markdown_is_blank          (const char *line);
gboolean     _sb_markdown_is_details_markup (const char *line);
gboolean     _sb_markdown_is_fence          (const char *line);
gboolean     _sb_markdown_is_space          (char        c);
gboolean     _sb_markdown_is_step           (const char *line);
gboolean     _sb_markdown_is_underline      (const char *line,
                                             char        c);
guint        _sb_markdown_underline_length  (const char *line,
                                             char        c);
const char  *_sb_markdown_skip_dash         (const char *s);
const char  *_sb_markdown_skip_emphasis     (const char *s);
const char  *_sb_markdown_skip_spaces       (const char *s);
const char  *_sb_markdown_skip_symbols      (const char *s);
gboolean     _sb_markdown_is_note_label     (const char *text);

G_END_DECLS
