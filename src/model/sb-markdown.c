/* sb-markdown.c: writing principle pages in the seed's Markdown format, and
 * how a line of a page reads (shared with sb-markdown-reader.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-markdown"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-markdown-private.h"

/* The words a part's label is written with, lower case. A synonym is
 * another word for a part: "Problem:" after a story's "Situation:" is one
 * more of its notes, where a second "Situation:" starts the next story.
 */
static const struct { const char *word; Field field; gboolean synonym; } label_words[] = {
  { "situation", FIELD_SITUATION },
  { "context", FIELD_SITUATION, TRUE },
  { "situtation", FIELD_SITUATION },
  { "sitaution", FIELD_SITUATION },
  { "situaton", FIELD_SITUATION },
  { "situation/context", FIELD_SITUATION, TRUE },
  { "background", FIELD_SITUATION, TRUE },
  { "problem", FIELD_SITUATION, TRUE },
  { "challenge", FIELD_SITUATION, TRUE },
  { "taks", FIELD_TASK },
  { "tasks", FIELD_TASK },
  { "acton", FIELD_ACTION },
  { "actoin", FIELD_ACTION },
  { "actons", FIELD_ACTION },
  { "reslut", FIELD_RESULT },
  { "resutl", FIELD_RESULT },
  { "resuts", FIELD_RESULT },
  { "task", FIELD_TASK },
  { "my role", FIELD_TASK, TRUE },
  { "responsibility", FIELD_TASK, TRUE },
  { "actions taken", FIELD_ACTION },
  { "actions", FIELD_ACTION },
  { "action", FIELD_ACTION },
  { "what i did", FIELD_ACTION, TRUE },
  { "my actions", FIELD_ACTION },
  { "results", FIELD_RESULT },
  { "result", FIELD_RESULT },
  { "outcomes", FIELD_RESULT, TRUE },
  { "outcome", FIELD_RESULT, TRUE },
  { "impact", FIELD_RESULT, TRUE },
  { "learnings", FIELD_LEARNINGS },
  { "learning", FIELD_LEARNINGS },
  { "lessons learned", FIELD_LEARNINGS },
  { "lessons learnt", FIELD_LEARNINGS },
  { "lesson learned", FIELD_LEARNINGS },
  { "what i learned", FIELD_LEARNINGS },
  { "what i learnt", FIELD_LEARNINGS },
  { "what i'd do differently", FIELD_LEARNINGS },
  { "what i\xe2\x80\x99" "d do differently", FIELD_LEARNINGS },
  { "what i would do differently", FIELD_LEARNINGS },
  { "key takeaways", FIELD_LEARNINGS },
  { "key takeaway", FIELD_LEARNINGS },
  { "takeaways", FIELD_LEARNINGS },
  { "takeaway", FIELD_LEARNINGS },
  { "reflections", FIELD_LEARNINGS },
  { "reflection", FIELD_LEARNINGS },
  { "notes", FIELD_NOTES },
  { "star story", FIELD_STORY },
  { "story", FIELD_STORY },
  { "title", FIELD_STORY, TRUE },  /* names the story its parts follow */
  { "leadership principles", FIELD_PRINCIPLE },
  { "leadership principle", FIELD_PRINCIPLE },
  { "principles", FIELD_PRINCIPLE },
  { "principle", FIELD_PRINCIPLE },
  { "competencies", FIELD_PRINCIPLE },
  { "competency", FIELD_PRINCIPLE },
  { "category", FIELD_PRINCIPLE },
  { "lps", FIELD_PRINCIPLE },
  { "lp", FIELD_PRINCIPLE },
  { "tags", FIELD_TAGS },
  { "investigation", FIELD_OTHER },
  { "key metrics", FIELD_OTHER },
  { "metrics", FIELD_OTHER },
  { "follow-up questions", FIELD_OTHER },
  { "follow up questions", FIELD_OTHER },
};

/* The longest label word @s starts with, as a whole word: its length,
 * or 0.
 */
static gsize
lookup_word (const char *s,
             Field      *field,
             gboolean   *synonym)
{
  gsize best = 0;

  for (guint i = 0; i < G_N_ELEMENTS (label_words); i++)
    {
      gsize len;

      if (g_ascii_tolower (*s) != label_words[i].word[0])
        continue;
      len = strlen (label_words[i].word);

      if (len > best && g_ascii_strncasecmp (s, label_words[i].word, len) == 0 &&
          !g_ascii_isalnum (s[len]) && s[len] != '\'')
        {
          best = len;
          *field = label_words[i].field;
          *synonym = label_words[i].synonym;
        }
    }
  return best;
}

/* Whether @word (@len letters) is one edit from @target: a letter more,
 * one less, another, or two next to each other swapped. The first letter
 * stays (or swaps with the second): people mistype inside a word.
 */
static gboolean
one_edit (const char *word,
          gsize       len,
          const char *target)
{
  gsize target_len = strlen (target), i = 0;

  while (i < len && i < target_len && g_ascii_tolower (word[i]) == target[i])
    i++;
  if (i == len && len == target_len)
    return FALSE;  /* the word itself */
  if (i == 0 && !(len >= 2 && target_len >= 2 && g_ascii_tolower (word[0]) == target[1] &&
                  g_ascii_tolower (word[1]) == target[0]))
    return FALSE;
  /* A word of four letters is too like others ("Talk", "Mask"): a swap only. */
  if (target_len <= 4 && len != target_len)
    return FALSE;

  if (len == target_len)
    {
      /* Substituted, or swapped with the next one. */
      if (target_len > 4 && g_ascii_strncasecmp (word + i + 1, target + i + 1, len - i - 1) == 0)
        return TRUE;
      return i + 1 < len && g_ascii_tolower (word[i]) == target[i + 1] &&
             g_ascii_tolower (word[i + 1]) == target[i] &&
             g_ascii_strncasecmp (word + i + 2, target + i + 2, len - i - 2) == 0;
    }
  if (len == target_len + 1)
    return g_ascii_strncasecmp (word + i + 1, target + i, target_len - i) == 0;
  if (len + 1 == target_len)
    return g_ascii_strncasecmp (word + i, target + i + 1, len - i) == 0;
  return FALSE;
}

/* A part's word mistyped, "Situtaion", "Reuslt", "Learnigns": the part,
 * or FIELD_NONE. Real words one edit from a part's ("Auction") are not.
 */
static Field
mistyped_word (const char *word,
               gsize       len)
{
  static const struct { const char *word; Field field; } parts[] = {
    { "situation", FIELD_SITUATION },
    { "task", FIELD_TASK },
    { "action", FIELD_ACTION },
    { "actions", FIELD_ACTION },
    { "result", FIELD_RESULT },
    { "results", FIELD_RESULT },
    { "learnings", FIELD_LEARNINGS },
  };
  static const char * const words[] = {
    "auction", "auctions", "cation", "cations", "actin", "actins", "actinon", "earnings",
  };

  if (len < 4)
    return FIELD_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strlen (words[i]) == len && g_ascii_strncasecmp (word, words[i], len) == 0)
      return FIELD_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (one_edit (word, len, parts[i].word))
      return parts[i].field;
  return FIELD_NONE;
}

/* Past the dash @s starts with, "-", "–" or "—"; %NULL when it starts
 * with none.
 */
const char *
_sb_markdown_skip_dash (const char *s)
{
  if (*s == '-')
    return s + 1;
  if (g_str_has_prefix (s, "\xe2\x80\x93") || g_str_has_prefix (s, "\xe2\x80\x94"))
    return s + 3;
  return NULL;
}

/* A dash between words, " - ", " – ", " — ": where the next word starts. */
static const char *
skip_dash (const char *s)
{
  s = _sb_markdown_skip_dash (_sb_markdown_skip_spaces (s));
  return s != NULL && _sb_markdown_is_space (*s) ? _sb_markdown_skip_spaces (s) : NULL;
}

gboolean
_sb_markdown_is_space (char c)
{
  return c == ' ' || c == '\t';
}

const char *
_sb_markdown_skip_spaces (const char *s)
{
  while (_sb_markdown_is_space (*s))
    s++;
  return s;
}

const char *
_sb_markdown_skip_emphasis (const char *s)
{
  if ((s[0] == '*' && s[1] == '*') || (s[0] == '_' && s[1] == '_'))
    return s + 2;
  if (s[0] == '*' || s[0] == '_')
    return s + 1;
  return s;
}

/* Emoji and marks before a label or a title: "✅ Situation:", "🧩 Story: …". */
const char *
_sb_markdown_skip_symbols (const char *s)
{
  while ((guchar) *s >= 0x80)
    {
      gunichar c = g_utf8_get_char_validated (s, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2 || g_unichar_isalnum (c))
        break;
      s = g_utf8_next_char (s);
      s = _sb_markdown_skip_spaces (s);
    }
  return s;
}

/* A dash that follows a whole word: " - ", " – ", " — " (or at the end),
 * perhaps inside the label's emphasis: "**Situation —** …".
 */
static const char *
match_dash (const char *s)
{
  const char *r = s, *end;

  if (!_sb_markdown_is_space (*r))
    return NULL;
  if ((r = _sb_markdown_skip_dash (_sb_markdown_skip_spaces (r))) == NULL)
    return NULL;
  end = _sb_markdown_skip_emphasis (r);
  if (*end != '\0' && !_sb_markdown_is_space (*end))
    return NULL;
  return r;
}

/* "**Situation**: …", "- **Task:** …", "S: …", "Result — …", "✅ Action
 * (what I did):", "SITUATION": a label, perhaps emphasised, perhaps
 * written as a list item, then a colon, a dash after a whole word, or
 * nothing more on the line.
 */
gboolean
_sb_markdown_match_label (const char *line,
             Line       *out)
{
  const char *s = _sb_markdown_skip_spaces (line);
  const char *start, *word_end = NULL, *r, *dash, *after = NULL;
  Field field = FIELD_NONE;
  gboolean listed = FALSE, numbered = FALSE, letter = FALSE, bold = FALSE, generic = FALSE, typo = FALSE;
  gsize best = 0;
  gboolean synonym = FALSE;

  if ((*s == '-' || *s == '*' || *s == '+') && _sb_markdown_is_space (s[1]))
    {
      listed = TRUE;
      s = _sb_markdown_skip_spaces (s + 1);
    }
  else if (g_ascii_isdigit (*s))
    {
      /* "1. **Situation:** …" */
      r = s;
      while (g_ascii_isdigit (*r) && r - s < 3)
        r++;
      if ((*r == '.' || *r == ')') && _sb_markdown_is_space (r[1]))
        {
          listed = numbered = TRUE;
          s = _sb_markdown_skip_spaces (r + 1);
        }
    }
  s = _sb_markdown_skip_symbols (s);
  bold = *s == '*' || *s == '_';
  s = _sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (s));
  start = s;

  best = lookup_word (s, &field, &synonym);
  /* "Situtaion:": a part's word mistyped, when a colon follows it. */
  if (best == 0)
    {
      gsize len = 0;

      while (g_ascii_isalpha (s[len]) && len < 16)
        len++;
      if (!g_ascii_isalnum (s[len]) && s[len] != '\'' && (field = mistyped_word (s, len)) != FIELD_NONE)
        {
          best = len;
          typo = TRUE;
        }
    }
  if (best == 0 && strchr ("sStTaArRlL", *s) != NULL && *s != '\0' && !g_ascii_isalnum (s[1]))
    {
      const char *word;
      Field word_field = FIELD_NONE;
      gboolean word_synonym = FALSE;
      gsize len;

      letter = TRUE;
      best = 1;
      switch (g_ascii_tolower (*s))
        {
        case 's': field = FIELD_SITUATION; break;
        case 't': field = FIELD_TASK; break;
        case 'a': field = FIELD_ACTION; break;
        case 'r': field = FIELD_RESULT; break;
        default: field = FIELD_LEARNINGS; break;
        }

      /* "S – Situation:", "S (Situation):": the letter, then its word. */
      word = skip_dash (s + 1);
      if (word == NULL && *_sb_markdown_skip_spaces (s + 1) == '(')
        word = _sb_markdown_skip_spaces (_sb_markdown_skip_spaces (s + 1) + 1);
      if (word != NULL && (len = lookup_word (word, &word_field, &word_synonym)) > 0 && word_field == field)
        {
          after = word + len;
          if (*_sb_markdown_skip_spaces (s + 1) == '(')
            {
              after = _sb_markdown_skip_spaces (after);
              after = *after == ')' ? after + 1 : NULL;
            }
          /* "S - Situation was bad." is the letter's label still. */
          if (after != NULL)
            {
              const char *next = _sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (_sb_markdown_skip_spaces (after)));

              if (*next != ':' && *next != '\0' && !g_str_has_prefix (next, "\xef\xbc\x9a"))
                after = NULL;
            }
          if (after != NULL)
            {
              letter = FALSE;
              s = start = word;
              best = len;
              synonym = word_synonym;
            }
        }
    }
  else if (best > 0)
    {
      /* "Task/Goal:", "Result & Impact:": the first part names it. */
      const char *r2 = _sb_markdown_skip_spaces (s + best);
      Field second_field = FIELD_NONE;
      gboolean second_synonym = FALSE;
      gsize len;

      if (*r2 == '/' || *r2 == '&' || *r2 == '+')
        r2 = _sb_markdown_skip_spaces (r2 + 1);
      else if (g_ascii_strncasecmp (r2, "and ", 4) == 0)
        r2 = _sb_markdown_skip_spaces (r2 + 4);
      else
        r2 = NULL;
      if (r2 != NULL && (len = lookup_word (r2, &second_field, &second_synonym)) > 0 &&
          (IS_STAR (field) || field == FIELD_LEARNINGS) && second_field != FIELD_STORY &&
          second_field != FIELD_PRINCIPLE && second_field != FIELD_TAGS)
        after = r2 + len;
      else if (r2 != NULL && (IS_STAR (field) || field == FIELD_LEARNINGS))
        {
          /* Any one word after it, when a colon follows: "Task/Goal:". */
          for (len = 0; g_ascii_isalpha (r2[len]) && len < 16; len++)
            ;
          if (len > 0 && *_sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (_sb_markdown_skip_spaces (r2 + len))) == ':')
            after = r2 + len;
        }
    }
  if (best == 0)
    {
      /* "**Investigation**:": any short bold label, when it is one. */
      if (!bold)
        return FALSE;
      for (r = s; *r != '\0' && *r != '*' && *r != '_' && *r != ':' && r - s < 40; r++)
        ;
      if (r == s || (*r != '*' && *r != '_' && *r != ':'))
        return FALSE;
      field = FIELD_OTHER;
      generic = TRUE;
      best = r - s;
    }
  /* "1. **Situation:** …" is a label, where "1. Context: …" and
   * "1. **Fixed it**: …" are the steps of an Action.
   */
  if (numbered && (!bold || letter || generic || synonym))
    return FALSE;
  word_end = s + best;
  r = _sb_markdown_skip_spaces (after != NULL ? after : word_end);
  r = _sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (r));
  if (*r == '(' && !letter)
    {
      const char *close = strchr (r, ')');

      if (close == NULL)
        return FALSE;
      r = _sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (_sb_markdown_skip_spaces (close + 1)));
    }

  if (*r == ':' || g_str_has_prefix (r, "\xef\xbc\x9a"))
    {
      r += *r == ':' ? 1 : 3;
      if (*r == ':')
        r++;  /* Dataview's "Situation::" */
      /* "**Step 1: Cut the scope**" is no label. */
      if (generic && word_end[0] == ':' && !(r[0] == '*' || r[0] == '_'))
        return FALSE;
    }
  else if (typo)
    return FALSE;
  else if ((letter || field != FIELD_OTHER) &&
           (dash = match_dash (r - (r > word_end && _sb_markdown_is_space (r[-1]) ? 1 : 0))) != NULL)
    r = dash;
  else if (bold && !letter && !generic && *r == '.' && (r[1] == '*' || r[1] == '_'))
    r++;  /* "**Situation.** …" */
  else if (*r == '\0' && !letter && field != FIELD_OTHER && field != FIELD_STORY &&
           field != FIELD_TAGS && field != FIELD_PRINCIPLE)
    ;  /* "SITUATION" on a line of its own */
  else
    return FALSE;

  r = _sb_markdown_skip_spaces (r);
  if (bold)
    r = _sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (r));

  memset (out, 0, sizeof *out);
  out->kind = LINE_LABEL;
  out->field = field;
  out->listed = listed;
  out->synonym = synonym;
  out->text = r;
  out->label = start;
  out->label_len = word_end - start;
  return TRUE;
}

/* Whether @text, a bold line's, names a part the model keeps in a
 * story's notes: "Key metrics", "Investigation:", and "Follow-up
 * questions" with words after it ("… to expect"). "**Metrics up 20%**"
 * and "**Investigation of a leak**" are text.
 */
gboolean
_sb_markdown_is_note_label (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_words); i++)
    {
      gsize len = strlen (label_words[i].word);
      const char *rest = text + len;

      if (label_words[i].field != FIELD_OTHER ||
          g_ascii_strncasecmp (text, label_words[i].word, len) != 0 || g_ascii_isalnum (*rest))
        continue;
      while (*rest == ':' || _sb_markdown_is_space (*rest))
        rest++;
      if (*rest == '\0' || strstr (label_words[i].word, "question") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The start of a story's heading: "Example 2: ", "Story #4 — ", "Q7: ",
 * or (when labels follow) "3. ".
 */
GRegex *
_sb_markdown_example_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^(?:\\*\\*)?(?:(?<example>(?:example|(?:star[ \\t]+)?story|scenario|question|q)[ \\t]*#?[0-9]*[ \\t]*(?:[:.)]|-|\\x{2013}|\\x{2014}))"
                               "|(?:star[ \\t]+)?story[ \\t]*[0-9]*[ \\t]*(?:[:.)]|-|\\x{2013}|\\x{2014})"
                               "|[0-9]+[.)](?=[ \\t]))[ \\t]*",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  return regex;
}

gboolean
_sb_markdown_is_fence (const char *line)
{
  const char *s = _sb_markdown_skip_spaces (line);

  return (s[0] == '`' && s[1] == '`' && s[2] == '`') || (s[0] == '~' && s[1] == '~' && s[2] == '~');
}

void
_sb_markdown_classify (const char *line,
          Line       *out)
{
  const char *s = line;

  memset (out, 0, sizeof *out);
  out->field = FIELD_NONE;
  out->text = line;

  if (line[0] == '\\')
    {
      out->kind = LINE_ESCAPED;
      out->text = line + 1;
      return;
    }

  s = _sb_markdown_skip_spaces (s);

  if (*s == '\0')
    {
      out->kind = LINE_BLANK;
      return;
    }

  if (*s == '#')
    {
      guint level = 0;

      while (s[level] == '#')
        level++;
      if (s[level] == '\0' || s[level] == ' ' || s[level] == '\t')
        {
          out->kind = LINE_HEADING;
          out->level = level;
          s += level;
          out->text = _sb_markdown_skip_spaces (s);
          return;
        }
    }

  if (_sb_markdown_is_fence (s))
    {
      out->kind = LINE_FENCE;
      return;
    }
  if (*s == '|' || *s == '>')
    {
      out->kind = LINE_TABLE;
      return;
    }

  if (_sb_markdown_match_label (line, out))
    return;

  if ((*s == '-' || *s == '*' || *s == '_') )
    {
      const char *r = s;
      guint n = 0;

      while (*r == *s || *r == ' ' || *r == '\t')
        n += *r++ == *s;
      if (*r == '\0' && n >= 3)
        {
          out->kind = LINE_RULE;
          return;
        }
    }

  if ((*s == '-' || *s == '*' || *s == '+') && (s[1] == ' ' || s[1] == '\t' || s[1] == '\0'))
    {
      out->kind = LINE_BULLET;
      out->indent = s - line;
      out->text = s[1] == '\0' ? s + 1 : s + 2;
      /* Written by append_item() to keep the text from reading as a label. */
      if (out->text[0] == '\\')
        out->text++;
      return;
    }

  if (g_ascii_isdigit (*s))
    {
      const char *r = s;

      while (g_ascii_isdigit (*r))
        r++;
      if ((*r == '.' || *r == ')') && (r[1] == ' ' || r[1] == '\t'))
        {
          out->kind = LINE_BULLET;
          out->numbered = TRUE;
          out->indent = s - line;
          out->text = _sb_markdown_skip_spaces (r + 2);
          return;
        }
    }

  out->kind = LINE_TEXT;
  if (s[0] == '*' && s[1] == '*')
    {
      gsize len = strlen (s);

      while (len > 0 && _sb_markdown_is_space (s[len - 1]))
        len--;
      if (len > 4 && s[len - 1] == '*' && s[len - 2] == '*')
        out->bold_only = TRUE;
    }
}

/* Writing */

/* How many @c @line is made of, when it is an underline: three or more
 * of them, spaces around allowed; else 0.
 */
guint
_sb_markdown_underline_length (const char *line,
                  char        c)
{
  guint n = 0;

  while (*line == ' ' || *line == '\t')
    line++;
  while (*line == c)
    line++, n++;
  while (*line == ' ' || *line == '\t')
    line++;
  return n >= 3 && *line == '\0' ? n : 0;
}

gboolean
_sb_markdown_is_underline (const char *line,
              char        c)
{
  return _sb_markdown_underline_length (line, c) > 0;
}

/* Whether @line is HTML the reader takes for a <details> block's. */
gboolean
_sb_markdown_is_details_markup (const char *line)
{
  const char *s = _sb_markdown_skip_spaces (line);

  return g_str_has_prefix (s, "<summary>") || g_str_has_prefix (s, "<details") ||
         g_str_has_prefix (s, "</details>");
}

/* "Step 2: …", "Step 3 - …": a step of an Action, in a line of its own. */
gboolean
_sb_markdown_is_step (const char *line)
{
  const char *s = _sb_markdown_skip_spaces (line);

  if (g_ascii_strncasecmp (s, "step", 4) != 0)
    return FALSE;
  s = _sb_markdown_skip_spaces (s + 4);
  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    s++;
  s = _sb_markdown_skip_spaces (s);
  return *s == ':' || *s == '.' || *s == ')' || _sb_markdown_skip_dash (s) != NULL;
}

static gboolean
needs_escape (const char *line)
{
  Line parsed;

  _sb_markdown_classify (line, &parsed);
  return (parsed.kind != LINE_TEXT && parsed.kind != LINE_BLANK) || parsed.bold_only || _sb_markdown_is_step (line) ||
         _sb_markdown_is_underline (line, '=') || _sb_markdown_is_underline (line, '-') || _sb_markdown_is_details_markup (line);
}

/* Appends @text: its first line as is (it follows a label or a bullet
 * on the same line), every further line escaped when it would read as
 * structure.
 */
static void
append_text (GString    *out,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        {
          g_string_append_c (out, '\n');
          if (needs_escape (lines[i]))
            g_string_append_c (out, '\\');
        }
      g_string_append (out, lines[i]);
    }
}

/* "- " and @text, as a list item that reads back as @text: a backslash
 * after the marker keeps a text such as "Result: …" from reading as a
 * label (and one that starts with a backslash from losing it).
 */
static void
append_item (GString    *out,
             const char *text)
{
  g_autofree char *first = g_strdup_printf ("- %s", text ? text : "");
  char *newline = strchr (first, '\n');
  Line parsed;

  if (newline != NULL)
    *newline = '\0';
  _sb_markdown_classify (first, &parsed);
  g_string_append (out, "- ");
  /* "- **Name**: …" is a list item (of steps, of focus areas). */
  if ((parsed.kind != LINE_BULLET && !(parsed.kind == LINE_LABEL && parsed.listed && parsed.field == FIELD_OTHER)) ||
      (text != NULL && text[0] == '\\'))
    g_string_append_c (out, '\\');
  append_text (out, text);
  g_string_append_c (out, '\n');
}

static void
append_field (GString    *out,
              const char *label,
              const char *text)
{
  g_string_append_printf (out, "**%s**:", label);
  if (text != NULL && (text[0] == '*' || text[0] == '_'))
    {
      /* Emphasis right after the label would read as the label's own:
       * the text starts on the next line.
       */
      g_autofree char *first = g_strndup (text, strcspn (text, "\n"));

      g_string_append_c (out, '\n');
      if (needs_escape (first))
        g_string_append_c (out, '\\');
      append_text (out, text);
    }
  else if (text != NULL && text[0] != '\0')
    {
      g_string_append_c (out, ' ');
      append_text (out, text);
    }
  g_string_append_c (out, '\n');
}

static void
append_story (GString *out,
              SbStory *story,
              guint    number)
{
  g_autoptr(GString) title = g_string_new (NULL);
  const char * const *actions = sb_story_get_actions (story);

  /* The reader takes a title's marks for markup: "\*" keeps one. */
  for (const char *s = sb_story_get_title (story); *s != '\0'; s++)
    {
      if (*s == '\r' || *s == '\n')
        {
          g_string_append_c (title, ' ');
          continue;
        }
      if (strchr ("\\*_`~[<", *s) != NULL)
        g_string_append_c (title, '\\');
      g_string_append_c (title, *s);
    }
  /* A title ending in "#" gets a closing run, which the reader drops. */
  g_string_append_printf (out, "### Example %u: %s%s\n", number, title->str,
                          g_str_has_suffix (title->str, "#") ? " ###" : "");
  append_field (out, "Situation", sb_story_get_situation (story));
  append_field (out, "Task", sb_story_get_task (story));
  g_string_append (out, "**Action**:\n");
  for (guint i = 0; actions[i] != NULL; i++)
    append_item (out, actions[i]);
  append_field (out, "Result", sb_story_get_result (story));
  /* The optional parts, only when the story has them. */
  if (sb_story_get_learnings (story)[0] != '\0')
    append_field (out, "Learnings", sb_story_get_learnings (story));
  if (sb_story_get_notes (story)[0] != '\0')
    append_field (out, "Notes", sb_story_get_notes (story));
  if (sb_story_get_tags (story)[0] != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", (char **) sb_story_get_tags (story));

      g_strdelimit (tags, "\r\n", ' ');
      append_field (out, "Tags", tags);
    }
}

static gboolean
has_user_focus (SbPrinciple *principle)
{
  return sb_principle_get_user_focus_heading (principle)[0] != '\0' ||
         sb_principle_get_user_focus_names (principle)[0] != NULL;
}

/**
 * sb_markdown_write_page:
 * @principle: (nullable): the page's principle; %NULL for stories filed
 *   under none
 * @name: (nullable): the page's title when @principle is %NULL
 * @stories: (element-type SbStory): the page's stories, in order
 *
 * Returns: the page: the user's own wording where they have some, else
 * the built-in text.
 */
char *
sb_markdown_write_page (SbPrinciple *principle,
                        const char  *name,
                        GPtrArray   *stories)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (principle == NULL || SB_IS_PRINCIPLE (principle), NULL);

  if (principle != NULL)
    name = sb_principle_get_name (principle);

  if (name != NULL)
    {
      g_autofree char *heading = g_strdup (name);

      g_strdelimit (heading, "\r\n", ' ');
      g_string_append_printf (out, "# %s\n\n", heading);
    }

  if (principle != NULL)
    {
      const char *definition = sb_principle_get_user_definition (principle);

      if (definition[0] == '\0')
        definition = sb_principle_get_definition (principle);
      if (definition != NULL && definition[0] != '\0')
        {
          g_string_append (out, "## Definition\n**");
          append_text (out, definition);
          g_string_append (out, "**\n\n");
        }
    }

  if (stories != NULL && stories->len > 0)
    {
      g_string_append (out, "## STAR Pattern Examples\n\n");
      for (guint i = 0; i < stories->len; i++)
        {
          append_story (out, g_ptr_array_index (stories, i), i + 1);
          g_string_append_c (out, '\n');
        }
    }

  if (principle != NULL)
    {
      const char * const *names = NULL;
      const char * const *descriptions = NULL;
      const char * const *tips;
      const char *heading = NULL;
      const char *notes;
      g_autoptr(GPtrArray) builtin_names = NULL;
      g_autoptr(GPtrArray) builtin_descriptions = NULL;

      if (has_user_focus (principle))
        {
          heading = sb_principle_get_user_focus_heading (principle);
          names = sb_principle_get_user_focus_names (principle);
          descriptions = sb_principle_get_user_focus_descriptions (principle);
        }
      else if (sb_principle_get_n_focus_areas (principle) > 0)
        {
          guint n = sb_principle_get_n_focus_areas (principle);

          heading = sb_principle_get_focus_heading (principle);
          builtin_names = g_ptr_array_new ();
          builtin_descriptions = g_ptr_array_new ();
          for (guint i = 0; i < n; i++)
            {
              const char *area_name, *description;

              sb_principle_get_focus_area (principle, i, &area_name, &description);
              g_ptr_array_add (builtin_names, (gpointer) area_name);
              g_ptr_array_add (builtin_descriptions, (gpointer) description);
            }
          g_ptr_array_add (builtin_names, NULL);
          g_ptr_array_add (builtin_descriptions, NULL);
          names = (const char * const *) builtin_names->pdata;
          descriptions = (const char * const *) builtin_descriptions->pdata;
        }

      if (names != NULL)
        {
          g_autofree char *line = g_strdup (heading && heading[0] ? heading : _("Focus Areas"));

          g_strdelimit (line, "\r\n", ' ');
          g_string_append_printf (out, "## %s\n", line);
          for (guint i = 0; names[i] != NULL; i++)
            {
              g_autofree char *area = g_strdup (names[i]);

              g_autofree char *item = NULL;
              Line parsed;

              g_strdelimit (area, "\r\n", ' ');
              /* An area called "Results" must not read as a label. */
              item = g_strdup_printf ("- **%s**:", area);
              _sb_markdown_classify (item, &parsed);
              g_string_append (out, parsed.kind == LINE_BULLET ||
                                    (parsed.kind == LINE_LABEL && parsed.field == FIELD_OTHER) ? "- " : "- \\");
              g_string_append_printf (out, "**%s**:", area);
              if (descriptions[i][0] != '\0')
                {
                  g_string_append_c (out, ' ');
                  append_text (out, descriptions[i]);
                }
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
        }

      tips = sb_principle_get_user_tips (principle);
      if (tips[0] == NULL)
        tips = sb_principle_get_tips (principle);
      if (tips != NULL && tips[0] != NULL)
        {
          g_string_append (out, "## Interview Tips\n");
          for (guint i = 0; tips[i] != NULL; i++)
            append_item (out, tips[i]);
          g_string_append_c (out, '\n');
        }

      notes = sb_principle_get_notes (principle);
      if (notes[0] != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (notes, "\n", -1);

          g_string_append (out, "## Notes\n");
          for (guint i = 0; lines[i] != NULL; i++)
            {
              if (needs_escape (lines[i]))
                g_string_append_c (out, '\\');
              g_string_append (out, lines[i]);
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
        }
    }

  /* One newline at the end, as a text file has. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

typedef struct
{
  SbPrinciple *principle;  /* NULL: unfiled, or an id the catalog lacks */
  char        *id;
  GPtrArray   *stories;
} Page;

static void
page_free (Page *page)
{
  g_clear_object (&page->principle);
  g_free (page->id);
  g_clear_pointer (&page->stories, g_ptr_array_unref);
  g_free (page);
}

/* The pages an export writes: the principles with stories or with the
 * user's own wording or notes, in the catalog's order, then principles
 * the catalog does not know, then the stories filed under none.
 */
static GPtrArray *
collect_pages (SbLibrary  *library,
               SbCatalog  *catalog,
               const char *principle_id)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  GListModel *principles = sb_catalog_get_principles (catalog);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autoptr(GPtrArray) unfiled = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_stories = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
      const char *id = sb_principle_get_id (principle);
      g_autoptr(GPtrArray) stories = NULL;
      Page *page;

      g_hash_table_add (seen, (gpointer) id);
      if (principle_id != NULL && !g_str_equal (principle_id, id))
        continue;

      stories = sb_library_dup_stories_for_principle (library, id);
      if (stories->len == 0 && principle_id == NULL &&
          (sb_principle_get_builtin (principle) && !sb_principle_has_user_content (principle)))
        continue;

      page = g_new0 (Page, 1);
      page->principle = g_object_ref (principle);
      page->id = g_strdup (id);
      page->stories = g_steal_pointer (&stories);
      g_ptr_array_add (pages, page);
    }

  for (guint i = 0; i < n_stories; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char * const *ids = sb_story_get_principles (story);

      if (ids[0] == NULL)
        g_ptr_array_add (unfiled, g_steal_pointer (&story));
      for (guint j = 0; ids[j] != NULL; j++)
        if (!g_hash_table_contains (seen, ids[j]))
          {
            g_hash_table_add (seen, (gpointer) ids[j]);
            g_ptr_array_add (unknown, g_strdup (ids[j]));
          }
    }

  for (guint i = 0; i < unknown->len; i++)
    {
      char *id = g_ptr_array_index (unknown, i);
      Page *page;

      if (principle_id != NULL && !g_str_equal (principle_id, id))
        {
          g_free (id);
          continue;
        }
      page = g_new0 (Page, 1);
      page->id = id;
      page->stories = sb_library_dup_stories_for_principle (library, id);
      g_ptr_array_add (pages, page);
    }

  if (principle_id == NULL && unfiled->len > 0)
    {
      Page *page = g_new0 (Page, 1);

      page->stories = g_steal_pointer (&unfiled);
      /* Written first in a single file: a page with no "# Name" must not
       * follow another page, or it would read as part of it.
       */
      g_ptr_array_insert (pages, 0, page);
    }

  return pages;
}

/**
 * sb_markdown_export:
 * @principle_id: (nullable): only this principle's page
 *
 * Returns: every page, one after the other, in one document.
 */
char *
sb_markdown_export (SbLibrary  *library,
                    SbCatalog  *catalog,
                    const char *principle_id)
{
  g_autoptr(GPtrArray) pages = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  pages = collect_pages (library, catalog, principle_id);
  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      g_autofree char *text = sb_markdown_write_page (page->principle, page->id, page->stories);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

/**
 * sb_markdown_export_folder:
 * @principle_id: (nullable): only this principle's page
 * @n_pages: (out) (optional): how many pages were written
 *
 * Writes one `<principle-id>.md` per principle with stories or the user's
 * own wording or notes (`unfiled-stories.md` for stories filed under
 * none) into @folder, made when missing.
 */
gboolean
sb_markdown_export_folder (SbLibrary   *library,
                           SbCatalog   *catalog,
                           const char  *principle_id,
                           const char  *folder,
                           guint       *n_pages,
                           GError     **error)
{
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (SB_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not make the folder %s: %s"), folder, g_strerror (saved));
      return FALSE;
    }

  pages = collect_pages (library, catalog, principle_id);
  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      g_autofree char *text = sb_markdown_write_page (page->principle, page->id, page->stories);
      g_autofree char *base = g_strdup (page->id ? page->id : "unfiled-stories");
      g_autofree char *file_name = NULL;
      g_autofree char *path = NULL;

      g_strdelimit (base, "/\\:", '-');
      file_name = g_strconcat (base, ".md", NULL);
      path = g_build_filename (folder, file_name, NULL);
      if (!g_file_set_contents_full (path, text, -1,
                                     G_FILE_SET_CONTENTS_CONSISTENT,
                                     0644, error))
        return FALSE;
    }

  if (n_pages != NULL)
    *n_pages = pages->len;

  return TRUE;
}

gboolean
_sb_markdown_is_blank (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  return *line == '\0';
}

