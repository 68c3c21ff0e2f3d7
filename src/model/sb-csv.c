/* sb-csv.c: stories from a spreadsheet saved as text, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-catalog-private.h"
#include "sb-csv.h"
#include "sb-import.h"
#include "sb-markdown.h"
#include "sb-text-private.h"

/* A header is looked for among this many rows at the top (a sheet often
 * has a title or a blank row above it).
 */
#define HEADER_SEARCH_ROWS 12

/* An untitled story's title: at most this many of its first words. */
#define TITLE_WORDS 8

typedef enum
{
  FIELD_UNKNOWN,  /* a column of the user's own: into the notes */
  FIELD_NUMBER,   /* "#": a row's number, left out (other text: notes) */
  FIELD_TITLE,
  FIELD_SITUATION,
  FIELD_TASK,
  FIELD_ACTION,
  FIELD_RESULT,
  FIELD_PRINCIPLES,
  FIELD_TAGS,
  FIELD_LEARNINGS,
  FIELD_NOTES,
} Field;

/* Column names, normalised (case folded, punctuation as spaces). */
static const struct {
  const char *name;
  Field       field;
} column_names[] = {
  { "title", FIELD_TITLE },
  { "name", FIELD_TITLE },
  { "story", FIELD_TITLE },
  { "story title", FIELD_TITLE },
  { "story name", FIELD_TITLE },
  { "question", FIELD_TITLE },
  { "interview question", FIELD_TITLE },
  { "headline", FIELD_TITLE },
  { "situation", FIELD_SITUATION },
  { "context", FIELD_SITUATION },
  { "background", FIELD_SITUATION },
  { "setting", FIELD_SITUATION },
  { "problem", FIELD_SITUATION },
  { "challenge", FIELD_SITUATION },
  { "s", FIELD_SITUATION },
  { "task", FIELD_TASK },
  { "tasks", FIELD_TASK },
  { "goal", FIELD_TASK },
  { "goals", FIELD_TASK },
  { "objective", FIELD_TASK },
  { "objectives", FIELD_TASK },
  { "my role", FIELD_TASK },
  /* Not "Role": a job title ("Senior PM"), a column of the user's own. */
  { "responsibility", FIELD_TASK },
  { "responsibilities", FIELD_TASK },
  { "t", FIELD_TASK },
  { "action", FIELD_ACTION },
  { "actions", FIELD_ACTION },
  { "action taken", FIELD_ACTION },
  { "actions taken", FIELD_ACTION },
  { "what i did", FIELD_ACTION },
  { "my actions", FIELD_ACTION },
  { "my action", FIELD_ACTION },
  { "approach", FIELD_ACTION },
  { "step", FIELD_ACTION },
  { "steps", FIELD_ACTION },
  { "a", FIELD_ACTION },
  { "result", FIELD_RESULT },
  { "results", FIELD_RESULT },
  { "outcome", FIELD_RESULT },
  { "outcomes", FIELD_RESULT },
  { "impact", FIELD_RESULT },
  { "r", FIELD_RESULT },
  { "principle", FIELD_PRINCIPLES },
  { "principles", FIELD_PRINCIPLES },
  { "leadership principle", FIELD_PRINCIPLES },
  { "leadership principles", FIELD_PRINCIPLES },
  { "amazon leadership principle", FIELD_PRINCIPLES },
  { "amazon leadership principles", FIELD_PRINCIPLES },
  { "amazon lp", FIELD_PRINCIPLES },
  { "amazon lps", FIELD_PRINCIPLES },
  { "lp", FIELD_PRINCIPLES },
  { "lps", FIELD_PRINCIPLES },
  { "competency", FIELD_PRINCIPLES },
  { "competencies", FIELD_PRINCIPLES },
  { "category", FIELD_PRINCIPLES },
  { "categories", FIELD_PRINCIPLES },
  { "theme", FIELD_PRINCIPLES },
  { "themes", FIELD_PRINCIPLES },
  { "tags", FIELD_TAGS },
  { "tag", FIELD_TAGS },
  { "labels", FIELD_TAGS },
  { "label", FIELD_TAGS },
  { "keywords", FIELD_TAGS },
  { "keyword", FIELD_TAGS },
  { "learnings", FIELD_LEARNINGS },
  { "learning", FIELD_LEARNINGS },
  { "lessons", FIELD_LEARNINGS },
  { "lessons learned", FIELD_LEARNINGS },
  { "lessons learnt", FIELD_LEARNINGS },
  { "lesson learned", FIELD_LEARNINGS },
  { "lesson learnt", FIELD_LEARNINGS },
  { "what i learned", FIELD_LEARNINGS },
  { "what i learnt", FIELD_LEARNINGS },
  { "what i d do differently", FIELD_LEARNINGS },
  { "reflection", FIELD_LEARNINGS },
  { "reflections", FIELD_LEARNINGS },
  { "takeaway", FIELD_LEARNINGS },
  { "takeaways", FIELD_LEARNINGS },
  { "key takeaway", FIELD_LEARNINGS },
  { "key takeaways", FIELD_LEARNINGS },
  { "l", FIELD_LEARNINGS },
  { "notes", FIELD_NOTES },
  { "note", FIELD_NOTES },
  { "comments", FIELD_NOTES },
  { "comment", FIELD_NOTES },
  { "follow up", FIELD_NOTES },
  { "follow ups", FIELD_NOTES },
  { "followup", FIELD_NOTES },
  { "follow up questions", FIELD_NOTES },
};

/* The header row the export writes, in this order. */
static const char * const export_header[] = {
  "Title", "Situation", "Task", "Actions", "Result",
  "Learnings", "Notes", "Principles", "Tags",
};

typedef struct
{
  GPtrArray *cells;       /* char*, as written, quotes undone */
  guint      first_line;  /* 1-based */
  guint      last_line;   /* inclusive */
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->cells);
  g_free (record);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
record_is_blank (Record *record)
{
  for (guint i = 0; i < record->cells->len; i++)
    if (!is_blank (g_ptr_array_index (record->cells, i)))
      return FALSE;
  return TRUE;
}

static gboolean
is_literal (GArray *literal,
            gsize   at)
{
  for (guint i = 0; literal != NULL && i < literal->len; i++)
    if (g_array_index (literal, gsize, i) == at)
      return TRUE;
  return FALSE;
}

/* Splits @text into records the way RFC 4180 reads them, and forgives
 * what people and programs write besides: LF, CRLF or CR line ends, no
 * final line end, spaces before an opening quote, text after a closing
 * one. A line end inside quotes is kept as "\n". Stops after
 * @max_records when not 0. A quote at an offset in @literal is a plain
 * character; one left open (the cell then runs to the end) is given in
 * @unclosed and @unclosed_line, else @unclosed is G_MAXSIZE.
 */
static GPtrArray *
split_records (const char *text,
               gsize       length,
               char        separator,
               guint       max_records,
               guint       first_line,
               GArray     *literal,
               gsize      *unclosed,
               guint      *unclosed_line)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  guint line = first_line, quote_line = 0;
  gsize i = 0, quote_at = 0;

  *unclosed = G_MAXSIZE;

  while (i < length && (max_records == 0 || records->len < max_records))
    {
      Record *record = g_new0 (Record, 1);
      GString *cell = g_string_new (NULL);
      gboolean in_quotes = FALSE;
      gboolean quoted = FALSE;

      record->cells = g_ptr_array_new_with_free_func (g_free);
      record->first_line = line;

      for (;;)
        {
          char c;

          if (i >= length)
            {
              g_ptr_array_add (record->cells, g_string_free (cell, FALSE));
              record->last_line = line;
              if (in_quotes)
                {
                  *unclosed = quote_at;
                  *unclosed_line = quote_line;
                }
              break;
            }

          c = text[i];
          if (in_quotes)
            {
              if (c == '"' && i + 1 < length && text[i + 1] == '"')
                {
                  g_string_append_c (cell, '"');
                  i += 2;
                }
              else if (c == '"')
                {
                  in_quotes = FALSE;
                  i++;
                }
              else if (c == '\r' || c == '\n')
                {
                  g_string_append_c (cell, '\n');
                  line++;
                  i += (c == '\r' && i + 1 < length && text[i + 1] == '\n') ? 2 : 1;
                }
              else
                {
                  g_string_append_c (cell, c);
                  i++;
                }
              continue;
            }

          if (c == '"' && !quoted && is_blank (cell->str) && !is_literal (literal, i))
            {
              g_string_truncate (cell, 0);
              in_quotes = quoted = TRUE;
              quote_at = i;
              quote_line = line;
              i++;
            }
          else if (c == separator)
            {
              g_ptr_array_add (record->cells, g_string_free (cell, FALSE));
              cell = g_string_new (NULL);
              quoted = FALSE;
              i++;
            }
          else if (c == '\r' || c == '\n')
            {
              g_ptr_array_add (record->cells, g_string_free (cell, FALSE));
              record->last_line = line;
              line++;
              i += (c == '\r' && i + 1 < length && text[i + 1] == '\n') ? 2 : 1;
              break;
            }
          else
            {
              g_string_append_c (cell, c);
              i++;
            }
        }

      g_ptr_array_add (records, record);
    }

  return records;
}

/* split_records(), with a quote that is never closed read as a plain
 * character (not as a cell running to the end of the file, swallowing
 * the rows after it). The lines of such quotes go in @unclosed_lines
 * (guint), when not %NULL.
 */
static GPtrArray *
read_records (const char *text,
              gsize       length,
              char        separator,
              guint       max_records,
              guint       first_line,
              GArray     *unclosed_lines)
{
  g_autoptr(GArray) literal = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint pass = 0;; pass++)
    {
      GPtrArray *records;
      gsize at;
      guint line = 0;

      records = split_records (text, length, separator, max_records, first_line, literal, &at, &line);
      if (at == G_MAXSIZE)
        return records;
      if (unclosed_lines != NULL)
        g_array_append_val (unclosed_lines, line);
      /* Each pass is the whole text again: enough for what people write. */
      if (pass == 32)
        return records;
      g_ptr_array_unref (records);
      g_array_append_val (literal, at);
    }
}

/* "Action(s)", "LESSONS LEARNED", "what_i_did", "📝 Notes" → words in
 * lower case with single spaces between them.
 */
static char *
normalise_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
      else
        space = TRUE;
    }

  return g_string_free (out, FALSE);
}

static Field
lookup_name (const char *normalised)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    if (g_str_equal (column_names[i].name, normalised))
      return column_names[i].field;
  return FIELD_UNKNOWN;
}

/* Also "1. Situation" and "Action 2": a number before or after. */
static Field
lookup_words (const char *normalised)
{
  g_auto(GStrv) words = g_strsplit (normalised, " ", -1);
  guint first = 0, last = g_strv_length (words);
  g_autofree char *joined = NULL;
  Field field;

  if ((field = lookup_name (normalised)) != FIELD_UNKNOWN)
    return field;

  while (first < last && g_ascii_isdigit (words[first][0]))
    first++;
  while (last > first && g_ascii_isdigit (words[last - 1][0]))
    last--;
  if (first == last)
    return FIELD_UNKNOWN;

  {
    char *save = words[last];

    words[last] = NULL;
    joined = g_strjoinv (" ", words + first);
    words[last] = save;
  }
  return lookup_name (joined);
}

static Field field_from_header (const char *header);

/* "Task/Goal", "Results & Impact", "Situation and context": the first
 * part that names a column.
 */
static Field
field_from_parts (const char *header)
{
  g_autoptr(GString) marked = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;

  for (const char *p = header; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, " and ", 5) == 0)
        {
          g_string_append (marked, "&");
          p += 4;
          continue;
        }
      g_string_append_c (marked, *p);
    }

  parts = g_strsplit_set (marked->str, "/&+,|", -1);
  if (g_strv_length (parts) < 2)
    return FIELD_UNKNOWN;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      Field field;

      if (is_blank (parts[i]))
        continue;
      if ((field = field_from_header (parts[i])) != FIELD_UNKNOWN)
        return field;
    }
  return FIELD_UNKNOWN;
}

/* "#", "No.", "Nr", "Row": a column of row numbers. */
static gboolean
is_number_header (const char *header)
{
  g_autofree char *normalised = normalise_name (header);

  if (normalised[0] == '\0')
    return strchr (header, '#') != NULL;
  return g_str_equal (normalised, "no") || g_str_equal (normalised, "nr") ||
         g_str_equal (normalised, "row");
}

/* What a header cell names: "Action(s)", "Situation (context)",
 * "S (Situation)", "Key takeaways", "LP".
 */
static Field
field_from_header (const char *header)
{
  GString *outside = g_string_new (NULL);
  GString *inside = g_string_new (NULL);
  g_autofree char *whole = NULL;
  g_autofree char *without = NULL;
  g_autofree char *within = NULL;
  g_autofree char *plural = NULL;
  guint depth = 0;
  Field field;

  if (is_number_header (header))
    {
      g_string_free (outside, TRUE);
      g_string_free (inside, TRUE);
      return FIELD_NUMBER;
    }

  /* "Action(s)" and "Principle(s)": the plural's marker goes. */
  plural = g_strdup (header);
  for (char *p = strstr (plural, "(s)"); p != NULL; p = strstr (plural, "(s)"))
    memmove (p, p + 3, strlen (p + 3) + 1);

  for (const char *p = plural; *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else
        g_string_append_c (depth > 0 ? inside : outside, *p);
      if (depth > 0 && (*p == '(' || *p == '['))
        g_string_append_c (inside, ' ');
    }

  whole = normalise_name (plural);
  without = normalise_name (outside->str);
  within = normalise_name (inside->str);
  g_string_free (outside, TRUE);
  g_string_free (inside, TRUE);

  if ((field = lookup_words (whole)) != FIELD_UNKNOWN)
    return field;
  if (without[0] != '\0' && (field = lookup_words (without)) != FIELD_UNKNOWN)
    return field;
  if (within[0] != '\0' && (field = lookup_words (within)) != FIELD_UNKNOWN)
    return field;

  return field_from_parts (plural);
}

/* Whether @header names @field by the part's own word ("Task/Goal",
 * "Action(s)", "S (Situation)", "Story title"), not by a synonym only
 * ("Goal", "Approach", "Outcome", "Competency").
 */
static gboolean
names_own_word (const char *header,
                Field       field)
{
  static const struct {
    Field       field;
    const char *words[3];
  } own[] = {
    { FIELD_TITLE, { "title", NULL } },
    { FIELD_SITUATION, { "situation", "situations", NULL } },
    { FIELD_TASK, { "task", "tasks", NULL } },
    { FIELD_ACTION, { "action", "actions", NULL } },
    { FIELD_RESULT, { "result", "results", NULL } },
    { FIELD_PRINCIPLES, { "principle", "principles", NULL } },
    { FIELD_LEARNINGS, { "learnings", "learning", NULL } },
    { FIELD_NOTES, { "notes", "note", NULL } },
  };
  g_autofree char *normalised = normalise_name (header);
  g_auto(GStrv) words = g_strsplit (normalised, " ", -1);

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    {
      if (own[i].field != field)
        continue;
      for (guint j = 0; words[j] != NULL; j++)
        if (g_strv_contains (own[i].words, words[j]))
          return TRUE;
    }
  return FALSE;
}

static gboolean
field_is_part (Field field)
{
  return field == FIELD_SITUATION || field == FIELD_TASK ||
         field == FIELD_ACTION || field == FIELD_RESULT;
}

/* How many cells of @record name a column; 0 unless one names a STAR part. */
static guint
count_known (Record *record)
{
  guint known = 0;
  gboolean part = FALSE;

  for (guint i = 0; i < record->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (record->cells, i);
      Field field;

      /* A header cell is a short name, not a sentence. */
      if (strlen (cell) > 64 || strchr (cell, '\n') != NULL)
        continue;
      field = field_from_header (cell);
      if (field != FIELD_UNKNOWN && field != FIELD_NUMBER)
        known++;
      part |= field_is_part (field);
    }

  return part && known >= 2 ? known : 0;
}

/* The header: the first row, among the first few, that names at least
 * two columns, one of them a STAR part; the separator, the one that
 * splits that row into the most names (a row further down never wins
 * over one above it: a cell's text may look like a header when split
 * on another separator). @header is the row's index among the records.
 */
static gboolean
guess_separator (const char *text,
                 gsize       length,
                 char       *separator,
                 guint      *header)
{
  static const char separators[] = { ',', ';', '\t' };
  guint best_known = 0, best_line = G_MAXUINT;

  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_autoptr(GPtrArray) records = read_records (text, length, separators[s],
                                                   HEADER_SEARCH_ROWS, 1, NULL);

      for (guint i = 0; i < records->len; i++)
        {
          Record *record = g_ptr_array_index (records, i);
          guint known = count_known (record);

          if (known == 0)
            continue;
          if (record->first_line < best_line ||
              (record->first_line == best_line && known > best_known))
            {
              best_known = known;
              best_line = record->first_line;
              *separator = separators[s];
              *header = i;
            }
          break;
        }
    }

  return best_known > 0;
}

/* Excel's own first line, "sep=;", names the separator. */
static gsize
skip_sep_line (const char *text,
               gsize       length,
               char       *separator)
{
  gsize end;

  if (length < 5 || g_ascii_strncasecmp (text, "sep=", 4) != 0)
    return 0;
  if (text[4] != ',' && text[4] != ';' && text[4] != '\t')
    return 0;
  end = 5;
  if (end < length && text[end] == '\r')
    end++;
  if (end < length && text[end] == '\n')
    end++;
  if (end < length && text[end - 1] != '\n' && text[end - 1] != '\r')
    return 0;
  *separator = text[4];
  return end;
}

/* Text that says something, not a placeholder a template left: "TBD",
 * "[your result]", "<metric>", "XX%", "…".
 */
static gboolean
is_real_text (const char *text)
{
  static const char * const placeholders[] = {
    "tbd", "tba", "todo", "to do", "n a", "na", "none", "nil", "null", "tk", "wip",
    "lorem ipsum", "fill in", "fill me in", "add later",
  };
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normalised = NULL;
  gsize len = strlen (stripped);
  guint alnum = 0;
  gboolean only_x = TRUE;

  if (len == 0)
    return FALSE;
  if ((stripped[0] == '[' && stripped[len - 1] == ']') ||
      (stripped[0] == '<' && stripped[len - 1] == '>') ||
      (stripped[0] == '{' && stripped[len - 1] == '}'))
    return FALSE;

  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          alnum++;
          if (c != 'x' && c != 'X')
            only_x = FALSE;
        }
      if (alnum >= 2 && !only_x && len > 32)
        return TRUE;
    }
  if (alnum < 2 || only_x)
    return FALSE;

  if (len > 32)
    return TRUE;
  normalised = normalise_name (stripped);
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (g_str_equal (normalised, placeholders[i]))
      return FALSE;
  return TRUE;
}

/* The length of a list marker at the start of @line ("- ", "* ", "• ",
 * "1. ", "2) ", "Step 3: "), spaces before it included; 0 when none.
 */
static gsize
marker_length (const char *line)
{
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;

  if (g_str_has_prefix (p, "•") || g_str_has_prefix (p, "◦") || g_str_has_prefix (p, "‣"))
    p = g_utf8_next_char (p);
  else if (g_str_has_prefix (p, "–") && (p[3] == ' ' || p[3] == '\t'))
    p += 3;
  else if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\t'))
    p++;
  else if (g_ascii_isdigit (*p))
    {
      const char *digits = p;

      while (g_ascii_isdigit (*p) && p - digits < 3)
        p++;
      if ((*p != '.' && *p != ')') || (p[1] != ' ' && p[1] != '\t'))
        return 0;
      p++;
    }
  else if (g_ascii_strncasecmp (p, "step ", 5) == 0 && g_ascii_isdigit (p[5]))
    {
      p += 5;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p != ':' && *p != '.' && *p != ')')
        return 0;
      p++;
    }
  else
    return 0;

  while (*p == ' ' || *p == '\t')
    p++;
  return p - line;
}

static guint
indent_of (const char *line)
{
  guint indent = 0;

  for (; *line == ' ' || *line == '\t'; line++)
    indent += *line == '\t' ? 4 : 1;
  return indent;
}

static void
add_step (GPtrArray *steps,
          GString   *step)
{
  g_autofree char *text = g_strstrip (g_strdup (step->str));

  if (text[0] != '\0')
    g_ptr_array_add (steps, g_steal_pointer (&text));
  g_string_truncate (step, 0);
}

/* An Action cell's steps: its list items without their markers (an
 * indented item, or a line under an item that is not one, stays inside
 * its item); with no list, its lines, blank lines between them or not.
 * A step's lines are trimmed.
 */
static GStrv
split_actions (const char *cell)
{
  g_auto(GStrv) lines = g_strsplit (cell, "\n", -1);
  GPtrArray *steps = g_ptr_array_new ();
  g_autoptr(GString) step = g_string_new (NULL);
  gboolean list = FALSE;
  guint n_lines = 0, item_indent = 0, pending_blanks = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (lines[i][0] != '\0')
        n_lines++;
      if (!list && marker_length (lines[i]) > 0)
        {
          list = TRUE;
          item_indent = indent_of (lines[i]);
        }
    }

  if (list)
    {
      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *line = lines[i];
          gsize marker = marker_length (line);

          if (line[0] == '\0')
            {
              pending_blanks += step->len > 0;
              continue;
            }
          if (marker > 0 && indent_of (line) <= item_indent)
            {
              add_step (steps, step);
              pending_blanks = 0;
              g_string_append (step, line + marker);
              continue;
            }
          if (step->len > 0)
            {
              for (; pending_blanks > 0; pending_blanks--)
                g_string_append_c (step, '\n');
              g_string_append_c (step, '\n');
            }
          pending_blanks = 0;
          /* A sub-item keeps its marker, as written. */
          g_string_append (step, line + strspn (line, " \t"));
        }
      add_step (steps, step);
    }
  else
    {
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_string_append (step, lines[i]);
          add_step (steps, step);
        }
    }

  g_ptr_array_add (steps, NULL);
  return (GStrv) g_ptr_array_free (steps, FALSE);
}

/* A Principles or Tags cell, as _sb_catalog_split_names() splits it;
 * but one name a line, as written, when it ends with a line end: the
 * export writes names so when one holds what would split it.
 */
static void
split_names (SbCatalog  *catalog,
             const char *cell,
             gboolean    tags,
             GPtrArray  *names)
{
  gsize len = strlen (cell);
  g_auto(GStrv) lines = NULL;

  while (len > 0 && (cell[len - 1] == ' ' || cell[len - 1] == '\t'))
    len--;
  if (len == 0 || cell[len - 1] != '\n')
    {
      _sb_catalog_split_names (catalog, cell, tags, names);
      return;
    }

  lines = g_strsplit (cell, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *name = g_strstrip (lines[i]);
      gboolean seen = FALSE;

      /* "## #tag", and "#" after a form feed: all of it goes, or a
       * tag written back as "#…" would read as another.
       */
      while (tags && (name[0] == '#' || g_ascii_isspace (name[0])))
        name++;
      if (name[0] == '\0')
        continue;
      for (guint j = 0; j < names->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (names, j), name);
      if (!seen)
        g_ptr_array_add (names, g_strdup (name));
    }
}

/* An untitled story's title: its first words, "…" when cut. */
static char *
title_from_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  GString *title = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n == TITLE_WORDS)
        {
          g_string_append (title, "…");
          break;
        }
      if (n > 0)
        g_string_append_c (title, ' ');
      g_string_append (title, words[i]);
      n++;
    }

  return g_string_free (title, FALSE);
}

static void
append_paragraph (GString    *out,
                  const char *text)
{
  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append (out, text);
}

static void
add_left_out (GPtrArray  *left_out,
              guint       first_line,
              guint       last_line,
              const char *reason)
{
  if (left_out->len > 0)
    {
      SbLeftOut *last = g_ptr_array_index (left_out, left_out->len - 1);

      /* One run of lines for rows one after the other. */
      if (last->last_line + 1 == first_line && g_str_equal (last->reason, reason))
        {
          last->last_line = last_line;
          return;
        }
    }
  g_ptr_array_add (left_out, sb_left_out_new (first_line, last_line, reason));
}

/* Whether @record only repeats the header's column names, every one of
 * them (a sheet pasted under another).
 */
static gboolean
repeats_header (Record *record,
                Record *header)
{
  guint same = 0;

  for (guint i = 0; i < MAX (record->cells->len, header->cells->len); i++)
    {
      const char *cell = i < record->cells->len ? g_ptr_array_index (record->cells, i) : "";
      const char *name = i < header->cells->len ? g_ptr_array_index (header->cells, i) : "";
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      /* A header cell is a short name, not a sentence. */
      if (strlen (cell) > 64)
        return FALSE;
      a = normalise_name (cell);
      b = normalise_name (name);
      if (!g_str_equal (a, b))
        return FALSE;
      same += a[0] != '\0';
    }
  return same >= 2;
}

/* Makes a story of @record; NULL when it has real text in fewer than
 * two parts. When @shifted, the row has more cells than the header: its
 * Principles and Tags cells go to the notes as other columns do.
 */
static SbStory *
story_from_record (Record     *record,
                   Record     *header,
                   Field      *fields,
                   gboolean    shifted,
                   SbCatalog  *catalog,
                   GPtrArray  *principles)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) situation = g_string_new (NULL);
  g_autoptr(GString) task = g_string_new (NULL);
  g_autoptr(GString) result = g_string_new (NULL);
  g_autoptr(GString) learnings = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  guint parts = 0;
  gboolean real_actions = FALSE;

  for (guint i = 0; i < record->cells->len; i++)
    {
      const char *raw = g_ptr_array_index (record->cells, i);
      g_autofree char *cell = g_strstrip (g_strdup (raw));
      Field field = i < header->cells->len ? fields[i] : FIELD_UNKNOWN;

      if (cell[0] == '\0')
        continue;
      /* A second title column is one of the user's own. */
      if (field == FIELD_TITLE && title->len > 0)
        field = FIELD_UNKNOWN;
      /* Cells shifted by a separator that was not quoted: no principle
       * or tag is made of what may be another column's text.
       */
      if (shifted && (field == FIELD_PRINCIPLES || field == FIELD_TAGS))
        field = FIELD_UNKNOWN;

      switch (field)
        {
        case FIELD_TITLE:
          g_string_append (title, cell);
          break;

        case FIELD_SITUATION:
          append_paragraph (situation, cell);
          break;

        case FIELD_TASK:
          append_paragraph (task, cell);
          break;

        case FIELD_ACTION:
          {
            g_auto(GStrv) steps = split_actions (cell);

            for (guint j = 0; steps[j] != NULL; j++)
              {
                real_actions |= is_real_text (steps[j]);
                g_ptr_array_add (actions, g_steal_pointer (&steps[j]));
              }
          }
          break;

        case FIELD_RESULT:
          append_paragraph (result, cell);
          break;

        case FIELD_LEARNINGS:
          append_paragraph (learnings, cell);
          break;

        case FIELD_NOTES:
          append_paragraph (notes, cell);
          break;

        case FIELD_PRINCIPLES:
          split_names (catalog, raw, FALSE, principles);
          break;

        case FIELD_TAGS:
          split_names (catalog, raw, TRUE, tags);
          break;

        case FIELD_NUMBER:
          /* "1", "#2", "3.": the row's number, nothing of the story. */
          if (strspn (cell, "#0123456789.") == strlen (cell))
            break;
          G_GNUC_FALLTHROUGH;

        case FIELD_UNKNOWN:
        default:
          {
            g_autofree char *name = NULL;

            if (i < header->cells->len)
              name = g_strstrip (g_strdup (g_ptr_array_index (header->cells, i)));
            if (name != NULL && name[0] != '\0')
              {
                g_autofree char *labelled = g_strdup_printf ("%s: %s", name, cell);

                append_paragraph (notes, labelled);
              }
            else
              append_paragraph (notes, cell);
          }
          break;
        }
    }

  parts = is_real_text (situation->str) + is_real_text (task->str) + real_actions +
          is_real_text (result->str) + is_real_text (learnings->str);
  if (parts < 2)
    return NULL;

  if (title->len == 0)
    {
      const char *from = situation->len > 0 ? situation->str :
                         task->len > 0 ? task->str :
                         actions->len > 0 ? g_ptr_array_index (actions, 0) :
                         result->len > 0 ? result->str : learnings->str;
      g_autofree char *made = title_from_words (from);
      gboolean seen = FALSE;

      g_string_assign (title, made);
      for (guint j = 0; j < tags->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (tags, j), SB_MARKDOWN_UNTITLED_TAG);
      if (!seen)
        g_ptr_array_add (tags, g_strdup (SB_MARKDOWN_UNTITLED_TAG));
    }

  g_ptr_array_add (actions, NULL);
  g_ptr_array_add (tags, NULL);
  sb_story_set_title (story, title->str);
  sb_story_set_situation (story, situation->str);
  sb_story_set_task (story, task->str);
  sb_story_set_actions (story, (const char * const *) actions->pdata);
  sb_story_set_result (story, result->str);
  sb_story_set_learnings (story, learnings->str);
  sb_story_set_notes (story, notes->str);
  sb_story_set_tags (story, (const char * const *) tags->pdata);
  return g_steal_pointer (&story);
}

/**
 * sb_csv_looks_like_sheet:
 *
 * Returns: whether @text starts like a spreadsheet Storybank reads: a
 *   header row, at the top or a few rows below it, naming at least two
 *   columns, a Situation, Task, Action or Result among them, separated
 *   by commas, semicolons or tabs. For a `.txt` file that may be one.
 */
gboolean
sb_csv_looks_like_sheet (const char *text,
                         gssize      length)
{
  g_autofree char *utf8 = NULL;
  gsize len = 0;
  gsize start;
  char separator = ',';
  guint header = 0;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (text);
  if (!(utf8 = _sb_text_to_utf8 (text, length, &len)))
    return FALSE;
  start = skip_sep_line (utf8, len, &separator);
  return guess_separator (utf8 + start, len - start, &separator, &header);
}

/**
 * sb_csv_read:
 * @text: a spreadsheet saved as CSV or TSV
 * @length: its length in bytes, or -1 when nul-terminated
 * @catalog: (nullable): the principles a Principles cell may name
 * @left_out: (out) (optional) (element-type SbLeftOut): the rows that
 *   became no story, as runs of lines
 * @error: %SB_IMPORT_ERROR_NOT_TEXT or %SB_IMPORT_ERROR_NOTHING (also
 *   "The file is empty")
 *
 * Reads a header row naming the columns (in any case, with the usual
 * synonyms: Title, Question or Story name, Situation, Context or Problem,
 * Task, Goal or My role, Action(s), Steps or Approach, Result, Outcome or
 * Impact, Principle(s), Amazon LP, Competency or Category, Tags,
 * Learnings or Takeaways, Notes or Comments; of "Task/Goal" or "Results &
 * Impact", the first part known; a column named by a synonym beside one
 * named by the part's own word, whatever their order, and a second column
 * for a Situation, Task or Result go to the notes as "Column: text") and
 * makes a story of each row after it that has real text in at least two
 * of its parts. The header is the first row (of the first twelve) that names
 * two columns or more, a STAR part among them; the separator, a comma,
 * semicolon or tab, the one that splits it into the most known names (or
 * the one Excel's "sep=" line names).
 * Cells follow RFC 4180 (quotes, doubled quotes, line ends inside
 * quotes); a BOM, CRLF, CR and a missing final line end are fine. A
 * quote never closed is read as a plain character, the rows after it as
 * rows, and its line listed in @left_out.
 *
 * A column Storybank does not know goes into the story's notes as
 * "Column: text"; a "#" column of row numbers is left out. An Action cell is split into steps on its list items or
 * its lines; a Principles or Tags cell as _sb_catalog_split_names()
 * splits it, with @catalog (or one name a line, as written, when the cell
 * ends with a line end, as the export writes it). A story with no title is named after its first
 * words and tagged %SB_MARKDOWN_UNTITLED_TAG. Blank rows are skipped;
 * rows above the header, rows with too little text and repeated header
 * rows are listed in @left_out, and so is a row with more cells than the
 * header (a separator inside a cell not quoted): it is read, all its
 * text kept, its Principles and Tags cells into its notes. Line numbers
 * count LF, CRLF and CR.
 *
 * Returns: (transfer full) (element-type SbMarkdownPage): one page with
 *   no name holding the stories, each with the principle names its row
 *   gave; %NULL with @error set when @text is not text or has no header
 *   row (nothing is then listed in @left_out)
 */
GPtrArray *
sb_csv_read (const char  *text,
             gssize       length,
             SbCatalog   *catalog,
             GPtrArray  **left_out,
             GError     **error)
{
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GArray) unclosed = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree Field *fields = NULL;
  g_autofree gboolean *own = NULL;
  SbMarkdownPage *page;
  Record *header;
  gsize len = 0, start;
  guint header_index = 0, first_line = 1;
  char separator = 0;
  gboolean have_header;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (catalog == NULL || SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (left_out != NULL)
    *left_out = NULL;
  if (length < 0)
    length = strlen (text);

  if (!(utf8 = _sb_text_to_utf8 (text ? text : "", length, &len)))
    {
      g_set_error_literal (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOT_TEXT,
                           _("The file is not text"));
      return NULL;
    }

  if (is_blank (utf8))
    {
      g_set_error_literal (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING, _("The file is empty"));
      return NULL;
    }

  if ((start = skip_sep_line (utf8, len, &separator)) > 0)
    {
      first_line = 2;
      records = read_records (utf8 + start, len - start, separator, HEADER_SEARCH_ROWS, first_line, NULL);
      have_header = FALSE;
      for (guint i = 0; i < records->len && !have_header; i++)
        if (count_known (g_ptr_array_index (records, i)) > 0)
          {
            header_index = i;
            have_header = TRUE;
          }
      g_clear_pointer (&records, g_ptr_array_unref);
    }
  else
    have_header = guess_separator (utf8, len, &separator, &header_index);

  if (!have_header)
    {
      g_set_error_literal (error, SB_IMPORT_ERROR, SB_IMPORT_ERROR_NOTHING,
                           _("No header row names the columns (Title, Situation, Task, Action, Result)"));
      return NULL;
    }

  unclosed = g_array_new (FALSE, FALSE, sizeof (guint));
  records = read_records (utf8 + start, len - start, separator, 0, first_line, unclosed);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_left_out_free);
  for (guint i = 0; i < unclosed->len; i++)
    {
      guint line = g_array_index (unclosed, guint, i);

      add_left_out (out, line, line, _("a quote is never closed: read as a plain character"));
    }
  header = g_ptr_array_index (records, header_index);
  fields = g_new0 (Field, header->cells->len);
  own = g_new0 (gboolean, header->cells->len);
  for (guint i = 0; i < header->cells->len; i++)
    {
      fields[i] = field_from_header (g_ptr_array_index (header->cells, i));
      own[i] = names_own_word (g_ptr_array_index (header->cells, i), fields[i]);
    }
  for (guint i = 0; i < header->cells->len; i++)
    {
      /* A column named by a synonym ("Goal", "Outcome", "Approach")
       * beside one named by the part's own word: into the notes under
       * its own name, whatever the order of the columns.
       */
      if (!own[i] && fields[i] > FIELD_NUMBER)
        for (guint j = 0; j < header->cells->len; j++)
          if (own[j] && fields[j] == fields[i])
            {
              fields[i] = FIELD_UNKNOWN;
              break;
            }
    }
  for (guint i = 0; i < header->cells->len; i++)
    {
      /* A second Situation, Task or Result ("Impact" after "Outcome"):
       * into the notes under its own name, as in Markdown.
       */
      for (guint j = 0; j < i; j++)
        if (fields[j] == fields[i] && fields[i] != FIELD_ACTION && field_is_part (fields[i]))
          {
            fields[i] = FIELD_UNKNOWN;
            break;
          }
    }

  for (guint i = 0; i < header_index; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      if (!record_is_blank (record))
        add_left_out (out, record->first_line, record->last_line, _("text above the header row"));
    }

  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_markdown_page_free);
  page = sb_markdown_page_new ();
  g_ptr_array_add (pages, page);

  for (guint i = header_index + 1; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      g_autoptr(GPtrArray) principles = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(SbStory) story = NULL;
      guint n_cells;
      gboolean shifted;

      if (record_is_blank (record))
        continue;
      if (repeats_header (record, header))
        {
          add_left_out (out, record->first_line, record->last_line, _("repeated header row"));
          continue;
        }
      n_cells = record->cells->len;
      while (n_cells > 0 && is_blank (g_ptr_array_index (record->cells, n_cells - 1)))
        n_cells--;
      shifted = n_cells > header->cells->len;
      if (!(story = story_from_record (record, header, fields, shifted, catalog, principles)))
        {
          add_left_out (out, record->first_line, record->last_line, _("row with too little text"));
          continue;
        }
      if (shifted)
        {
          g_autofree char *reason =
            /* Translators: a row read with a separator that was not quoted inside a cell */
            g_strdup_printf (_("row has %u cells, the header %u: a separator inside a cell is not quoted; "
                               "read with its principles and tags in its notes"),
                             n_cells, header->cells->len);

          add_left_out (out, record->first_line, record->last_line, reason);
        }
      g_ptr_array_add (principles, NULL);
      sb_markdown_page_add_story (page, story, (const char * const *) principles->pdata);
    }

  if (left_out != NULL)
    *left_out = g_steal_pointer (&out);
  return g_steal_pointer (&pages);
}

/* RFC 4180: quoted when it holds a separator, a quote, a line end, or
 * space at either end; quotes doubled.
 */
static void
append_cell (GString    *out,
             const char *text)
{
  gsize len = strlen (text);

  if (len == 0)
    return;
  if (strpbrk (text, ",;\"\r\n\t") == NULL &&
      !g_ascii_isspace (text[0]) && !g_ascii_isspace (text[len - 1]))
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      /* One line end inside a cell, whatever the story held. */
      if (*p == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
          continue;
        }
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The steps one a line; as "- step" items, with the lines of a step
 * indented under it, when a line alone would not read back as one step.
 */
static char *
join_actions (const char * const *actions)
{
  GString *out = g_string_new (NULL);
  gboolean as_list = FALSE;

  for (guint i = 0; actions[i] != NULL; i++)
    if (strpbrk (actions[i], "\r\n") != NULL || marker_length (actions[i]) > 0)
      as_list = TRUE;

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autofree char *step = g_strstrip (g_strdup (actions[i]));
      g_auto(GStrv) lines = NULL;

      if (step[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (!as_list)
        {
          g_string_append (out, step);
          continue;
        }

      lines = g_strsplit (step, "\n", -1);
      g_string_append (out, "- ");
      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (out, "\n  ");
          g_string_append (out, lines[j]);
        }
    }

  return g_string_free (out, FALSE);
}

/* "; " between the names when they read back as they are; else one a
 * line, with a line end after the last: such a cell is read a line a name.
 */
static void
join_names (GString            *out,
            const char * const *names,
            guint               n,
            gboolean            tags,
            SbCatalog          *catalog)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GPtrArray) back = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (joined, "; ");
      g_string_append (joined, names[i]);
    }
  _sb_catalog_split_names (catalog, joined->str, tags, back);
  same = back->len == n;
  for (guint i = 0; i < n && same; i++)
    same = g_str_equal (g_ptr_array_index (back, i), names[i]);
  if (same)
    {
      g_string_append (out, joined->str);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, names[i]);
      g_string_append_c (out, '\n');
    }
}

static void
append_story (GString   *out,
              SbStory   *story,
              SbCatalog *catalog)
{
  const char * const *ids = sb_story_get_principles (story);
  const char * const *tags = sb_story_get_tags (story);
  g_autofree char *actions = join_actions (sb_story_get_actions (story));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) principles = g_string_new (NULL);
  g_autoptr(GString) tag_text = g_string_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      SbPrinciple *principle = sb_catalog_lookup (catalog, ids[i]);

      g_ptr_array_add (names, (gpointer) (principle ? sb_principle_get_name (principle) : ids[i]));
    }
  join_names (principles, (const char * const *) names->pdata, names->len, FALSE, catalog);
  join_names (tag_text, tags, g_strv_length ((char **) tags), TRUE, catalog);

  append_cell (out, sb_story_get_title (story));
  g_string_append_c (out, ',');
  append_cell (out, sb_story_get_situation (story));
  g_string_append_c (out, ',');
  append_cell (out, sb_story_get_task (story));
  g_string_append_c (out, ',');
  append_cell (out, actions);
  g_string_append_c (out, ',');
  append_cell (out, sb_story_get_result (story));
  g_string_append_c (out, ',');
  append_cell (out, sb_story_get_learnings (story));
  g_string_append_c (out, ',');
  append_cell (out, sb_story_get_notes (story));
  g_string_append_c (out, ',');
  append_cell (out, principles->str);
  g_string_append_c (out, ',');
  append_cell (out, tag_text->str);
  g_string_append (out, "\r\n");
}

/**
 * sb_csv_export:
 * @principle_id: (nullable): only this principle's stories
 *
 * Writes one row per story under the header
 * `Title,Situation,Task,Actions,Result,Learnings,Notes,Principles,Tags`,
 * as RFC 4180 has it (CRLF between rows), after a UTF-8 BOM so that
 * Excel reads it as UTF-8. The steps are one a line in their cell, the
 * principles (by name) and tags separated by "; " (one a line, after
 * each, when they would not read back so). sb_csv_read(), with the same
 * catalog, reads it back whole.
 *
 * Returns: (transfer full): the sheet
 */
char *
sb_csv_export (SbLibrary  *library,
               SbCatalog  *catalog,
               const char *principle_id)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (export_header); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, export_header[i]);
    }
  g_string_append (out, "\r\n");

  if (principle_id != NULL)
    {
      g_autoptr(GPtrArray) stories = sb_library_dup_stories_for_principle (library, principle_id);

      for (guint i = 0; i < stories->len; i++)
        append_story (out, g_ptr_array_index (stories, i), catalog);
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

          append_story (out, story, catalog);
        }
    }

  return g_string_free (out, FALSE);
}
