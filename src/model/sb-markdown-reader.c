/* sb-markdown-reader.c: reading the Markdown pages people keep
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-markdown"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-catalog-private.h"
#include "sb-markdown-private.h"
#include "sb-text-private.h"

/* Reading */

typedef enum
{
  FATE_NONE,         /* read into nothing */
  FATE_STORY,
  FATE_WORDING,      /* a page's name or wording: kept when the page is */
  FATE_MARKUP,       /* "<details>", a table's rule: never listed */
  FATE_FRONT_MATTER,
  FATE_CODE,
  FATE_ADVICE,
  FATE_PLAN,         /* "## Day 3" over what to do */
  FATE_TEMPLATE,
  FATE_HEADING,
  FATE_FOCUS,        /* a focus areas' heading: kept when areas follow */
} Fate;

typedef struct
{
  GString   *title;
  GString   *fields[N_PARTS];
  gboolean   seen[N_PARTS];
  GPtrArray *steps;       /* GString */
  GPtrArray *principles;  /* char*, as labelled */
  GPtrArray *tags;        /* char* */
  guint      level;       /* its heading's level; 0 when not a heading */
  guint      first_line;
  guint      last_line;
  gboolean   step_block;  /* the current step is a "**Step N: …**" block */
  gboolean   step_bullet; /* the current step is a list item */
  guint      step_indent;
  gboolean   labelled;    /* a part's label was seen */
  char      *opened_by[N_PARTS];  /* the word that began each STAR part, lower case */
} Draft;

typedef struct
{
  GPtrArray      *pages;
  SbMarkdownPage *page;
  GString        *definition;
  GString        *notes;
  GPtrArray      *tips;        /* GString */
  GPtrArray      *focus_descs; /* GString */
  Section         section;
  Draft          *draft;
  Field           field;
  GString        *current;     /* what text lines continue */
  gboolean        para_break;  /* the next text starts a paragraph of @current */
  gboolean        label_open;  /* "Key metrics:" waits for its text */
  GString        *indented;    /* a text whose first line was indented … */
  gsize           indent;      /* … by this many spaces, which its next lines lose too */

  SbCatalog      *catalog;
  char          **lines;
  guint           n_lines;
  guint8         *fate;
  guint           line;        /* the index being read */
  gboolean        took;        /* the line went somewhere */
  guint           page_first_line;
  int             title_line;  /* the page's "# Name", which may be a story's title */
  gboolean        title_known;
  char           *fm_title;
  gboolean        fm_title_used;
  GPtrArray      *page_principles;  /* char*: front matter, a property table */
  GPtrArray      *fm_principles;    /* char*: front matter's, for every page */
  GPtrArray      *page_tags;        /* char* */
  GPtrArray      *fm_tags;          /* char*: front matter's, for every page */
  GHashTable     *table_rows;       /* line → GStrv of parts, a story per row */
  SbStory        *made_title;       /* the last story titled by its first words */
  guint          *next_star;        /* for each line, the next one labelling a STAR part */
} Parser;

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static char *
finish_text (GString *text)
{
  char *str = g_strdup (text ? text->str : "");

  return g_strstrip (str);
}

static void
append_line (GString    *text,
             const char *line)
{
  if (text->len == 0)
    {
      const char *s = line;

      while (*s == ' ' || *s == '\t')
        s++;
      if (*s == '\0')
        return;
    }
  else
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

/* Appends a line of text to what is being read. */
static void
take_line (Parser     *parser,
           const char *line)
{
  if (parser->current == NULL)
    return;
  /* A title is one line: "Story:" over it, or with it. */
  if (parser->field == FIELD_STORY && parser->current->len > 0)
    return;
  /* A list under "- **Result:**" keeps its shape, not its indent: the
   * lines after the first lose as much of it as the first did.
   */
  if ((parser->label_open || parser->para_break || parser->current->len == 0) &&
      !_sb_markdown_is_blank (line))
    {
      parser->indented = parser->current;
      parser->indent = _sb_markdown_skip_spaces (line) - line;
    }

  if (parser->label_open && !_sb_markdown_is_blank (line))
    {
      Line item;

      /* "Key metrics: 40% faster", but a list under the label stays one. */
      _sb_markdown_classify (line, &item);
      g_string_append_c (parser->current, item.kind == LINE_BULLET || item.listed ? '\n' : ' ');
      g_string_append (parser->current, _sb_markdown_skip_spaces (line));
      parser->label_open = FALSE;
    }
  else if (parser->para_break && parser->current->len > 0 && !_sb_markdown_is_blank (line))
    {
      g_string_append (parser->current, "\n\n");
      g_string_append (parser->current, _sb_markdown_skip_spaces (line));
      parser->para_break = FALSE;
    }
  else
    {
      gsize indent = 0;

      if (parser->indented == parser->current)
        while (indent < parser->indent && _sb_markdown_is_space (line[indent]))
          indent++;
      append_line (parser->current, line + indent);
    }
  parser->took = TRUE;
}

static void
draft_free (Draft *draft)
{
  g_string_free (draft->title, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (draft->fields); i++)
    g_string_free (draft->fields[i], TRUE);
  g_ptr_array_unref (draft->steps);
  g_ptr_array_unref (draft->principles);
  g_ptr_array_unref (draft->tags);
  for (guint i = 0; i < G_N_ELEMENTS (draft->opened_by); i++)
    g_free (draft->opened_by[i]);
  g_free (draft);
}

static void
ensure_page (Parser *parser)
{
  if (parser->page == NULL)
    {
      parser->page = sb_markdown_page_new ();
      parser->page_first_line = parser->line;
      parser->title_line = -1;
      parser->title_known = FALSE;
    }
}

static void
set_fate (Parser *parser,
          guint   first,
          guint   last,
          Fate    from,
          Fate    to)
{
  for (guint i = first; i <= last && i < parser->n_lines; i++)
    if (parser->fate[i] == from)
      parser->fate[i] = to;
}

/* Placeholders a template is full of: "[your result]", "…", "XX%",
 * "<metric>", "TBD".
 */
static gboolean
is_placeholder (const char *text)
{
  guint letters = 0, words = 0;
  gboolean marked = FALSE, in_word = FALSE;
  int depth = 0;

  for (const char *s = text; *s != '\0'; s++)
    {
      if (*s == '[' || *s == '<' || *s == '{' || *s == '(')
        {
          depth++, marked = TRUE;
          continue;
        }
      if ((*s == ']' || *s == '>' || *s == '}' || *s == ')') && depth > 0)
        {
          depth--;
          continue;
        }
      if (depth > 0)
        continue;
      if ((s == text || !g_ascii_isalnum (s[-1])) && strchr ("xXtTnN", *s) != NULL &&
          (g_ascii_strncasecmp (s, "xx", 2) == 0 || g_ascii_strncasecmp (s, "tbd", 3) == 0 ||
           g_ascii_strncasecmp (s, "todo", 4) == 0 || g_ascii_strncasecmp (s, "n/a", 3) == 0))
        {
          const char *e = s;

          while (g_ascii_isalpha (*e) || *e == '/')
            e++;
          if (e - s <= 4 && (g_ascii_strncasecmp (s, "xx", 2) == 0 || !g_ascii_isalnum (*e)))
            {
              marked = TRUE;
              s = e - 1;
              in_word = FALSE;
              continue;
            }
        }
      if (g_ascii_isalnum (*s) || (guchar) *s >= 0xc0)
        {
          letters++;
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else if ((guchar) *s < 0x80)
        in_word = FALSE;
    }

  return letters == 0 || (marked && words < 4);
}

/* Advice rather than a story: "Describe the situation", "What did you
 * do?".
 */
static gboolean
is_guidance (const char *text)
{
  static const char * const verbs[] = {
    "describe", "explain", "outline", "share", "quantify", "highlight",
    "mention", "include", "summarize", "summarise", "focus", "emphasize",
    "emphasise", "give", "provide", "state", "detail", "discuss", "walk",
    "tell", "talk", "briefly", "clearly", "specify", "identify",
    "what", "how", "why", "which", "who", "where", "when", NULL,
  };
  const guint first_question = G_N_ELEMENTS (verbs) - 8;
  gsize len = strlen (text);
  const char *e;

  while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '*'))
    len--;
  if (len > 0 && text[len - 1] == '?')
    return TRUE;
  text = _sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (text));
  for (e = text; g_ascii_isalpha (*e); e++)
    ;
  for (guint i = 0; verbs[i] != NULL; i++)
    if ((gsize) (e - text) == strlen (verbs[i]) && g_ascii_strncasecmp (text, verbs[i], e - text) == 0)
      /* "What happened? Quantify it.", not "When conversion fell, …". */
      return i < first_question || strchr (text, '?') != NULL;
  return FALSE;
}

/* How @text speaks: whether in the first person ("I", "we", "my"), and
 * whether it addresses the reader ("you", "your").
 */
static void
scan_person (const char *text,
             gboolean   *first,
             gboolean   *second)
{
  static const char * const firsts[] = {
    "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we", "we're",
    "we've", "we'd", "we'll", "our", "ours", "ourselves", "us", NULL,
  };
  static const char * const seconds[] = {
    "you", "your", "yours", "yourself", "yourselves", "you'd", "you're",
    "you've", "you'll", NULL,
  };
  const char *s = text;
  gboolean quoted = FALSE;

  while (*s != '\0')
    {
      g_autoptr(GString) word = g_string_new (NULL);
      const char *start;

      /* Words in quotes are someone else's: "Use \"I\", not \"we\"". */
      if (*s == '"' || g_str_has_prefix (s, "\xe2\x80\x9c") || g_str_has_prefix (s, "\xe2\x80\x9d"))
        {
          quoted = *s == '"' ? !quoted : s[2] == '\x9c';
          s += *s == '"' ? 1 : 3;
          continue;
        }
      if (!g_ascii_isalpha (*s))
        {
          s++;
          continue;
        }
      start = s;
      while (g_ascii_isalpha (*s) || *s == '\'' || g_str_has_prefix (s, "\xe2\x80\x99"))
        {
          if (*s == '\'' || *s == '\xe2')
            {
              g_string_append_c (word, '\'');
              s += *s == '\'' ? 1 : 3;
            }
          else
            g_string_append_c (word, g_ascii_tolower (*s++));
        }
      /* "I", never "i.e."; "us", never "US"; "you", never "thank-you". */
      if (quoted)
        continue;
      if (s - start == 1 && *start == 'I')
        *first = TRUE;
      else if (!(start[0] == 'U' && start[1] == 'S') && g_strv_contains (firsts, word->str))
        *first = TRUE;
      else if ((start == text || start[-1] != '-') && g_strv_contains (seconds, word->str))
        *second = TRUE;
    }
}

/* How many words of @text tell of the past ("shipped", "took"): a
 * story has them, advice seldom.
 */
static guint
count_past (const char *text)
{
  static const char * const irregular[] = {
    "was", "were", "had", "did", "went", "took", "made", "built", "got", "led", "ran",
    "found", "told", "wrote", "sent", "saw", "gave", "came", "left", "brought", "bought",
    "thought", "felt", "kept", "began", "chose", "fell", "grew", "knew", "lost", "met",
    "paid", "said", "sold", "spent", "stood", "won", "caught", "taught", "drove", "broke",
    "spoke", "became", "held", "understood", "rewrote", "shipped", NULL,
  };
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n,.;:!?()\"*_", -1);
  gboolean after_you = FALSE;
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_ascii_strdown (words[i], -1);
      gsize len = strlen (word);

      if (len == 0)
        continue;
      /* "the steps you took" is the reader's past, not the story's. */
      if (!after_you && ((len >= 4 && g_str_has_suffix (word, "ed") && !g_str_has_suffix (word, "eed")) ||
                         g_strv_contains (irregular, word)))
        n++;
      after_you = g_str_equal (word, "you");
    }
  return n;
}

/* Whether @title names a day or a time and nothing more, as a plan's
 * headings do: "Day 3", "Monday", "Week 2", "9:00–10:00".
 */
static gboolean
is_time_slot (const char *title)
{
  static const char * const days[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "morning", "afternoon", "evening", "today", "tomorrow", "tonight", NULL,
  };
  const char *s = _sb_markdown_skip_spaces (title);
  const char *e = s, *dash;
  g_autofree char *word = NULL;

  while (g_ascii_isalpha (*e))
    e++;
  word = g_ascii_strdown (s, e - s);
  if (g_strv_contains (days, word))
    s = e;
  else if (g_str_equal (word, "day") || g_str_equal (word, "week"))
    {
      s = _sb_markdown_skip_spaces (e);
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  else if (g_ascii_isdigit (*s))
    {
      while (g_ascii_isdigit (*s))
        s++;
      if (*s == ':' && g_ascii_isdigit (s[1]))
        for (s++; g_ascii_isdigit (*s); s++)
          ;
      else if (g_ascii_strncasecmp (_sb_markdown_skip_spaces (s), "am", 2) == 0 ||
               g_ascii_strncasecmp (_sb_markdown_skip_spaces (s), "pm", 2) == 0)
        s = _sb_markdown_skip_spaces (s) + 2;
      else
        return FALSE;
    }
  else
    return FALSE;

  /* Nothing after it but a time's end ("9:00–10:00"): "Friday: the
   * payments outage" and "Day 1 at Acme" are stories' titles.
   */
  s = _sb_markdown_skip_spaces (s);
  if ((dash = _sb_markdown_skip_dash (s)) != NULL)
    {
      s = _sb_markdown_skip_spaces (dash);
      while (g_ascii_isdigit (*s) || *s == ':')
        s++;
      s = _sb_markdown_skip_spaces (s);
      if (g_ascii_strncasecmp (s, "am", 2) == 0 || g_ascii_strncasecmp (s, "pm", 2) == 0)
        s += 2;
    }
  while (*s == ':' || *s == '.' || *s == ' ')
    s++;
  return *s == '\0';
}

/* An untitled story's title: its first words, at most eight. */
static char *
first_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  GString *out = g_string_new (NULL);
  guint n = 0, i;

  for (i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n == 8)
        break;
      if (n++ > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  for (; words[i] != NULL && words[i][0] == '\0'; i++)
    ;
  if (words[i] != NULL)
    {
      while (out->len > 0 && strchr (",;:.-", out->str[out->len - 1]) != NULL)
        g_string_truncate (out, out->len - 1);
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

/* Whether @s starts an HTML tag a notes app writes around a title,
 * "<b>", "</strong>", "<span class=…>"; returns its end, past the ">".
 */
static const char *
skip_html_tag (const char *s)
{
  static const char * const tags[] = {
    "b", "i", "u", "s", "em", "strong", "code", "mark", "span", "del", "ins",
    "strike", "small", "big", "sup", "sub", "kbd", "font", "a", "p", "div", "br",
    NULL,
  };
  const char *name = s + 1, *end, *close;

  if (*s != '<')
    return NULL;
  if (*name == '/')
    name++;
  for (end = name; g_ascii_isalpha (*end); end++)
    ;
  if (end == name || (*end != '>' && *end != ' ' && *end != '/'))
    return NULL;
  close = strchr (end, '>');
  if (close == NULL)
    return NULL;
  for (guint i = 0; tags[i] != NULL; i++)
    if (strlen (tags[i]) == (gsize) (end - name) && g_ascii_strncasecmp (name, tags[i], end - name) == 0)
      return close + 1;
  return NULL;
}

/* Marks in @drop the runs of @title that open and close emphasis, code
 * or an HTML tag in pairs ("**X**", "`X`", "~~X~~", "<b>X</b>"), and a
 * run of "*" or "_" that ends it, closing what a label opened
 * ("**Story: X**"). A mark with no partner stays: "*nix", "**kwargs",
 * "__init__.py", "Ship it * now", "Why <br> tags broke".
 */
static void
mark_pairs (const char *title,
            guint8     *drop)
{
  gsize len = strlen (title);

  for (gsize i = 0; i < len; i++)
    {
      char c = title[i];
      gsize run = 1, j;
      const char *end;

      if (drop[i])
        continue;
      if (c == '<' && (end = skip_html_tag (title + i)) != NULL && title[i + 1] != '/')
        {
          gsize name_len = strspn (title + i + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
          g_autofree char *close = g_strdup_printf ("</%.*s>", (int) name_len, title + i + 1);
          const char *at = strstr (end, close);

          if (at != NULL)
            {
              memset (drop + i, TRUE, end - (title + i));
              memset (drop + (at - title), TRUE, strlen (close));
            }
          continue;
        }
      if (c != '*' && c != '_' && c != '`' && c != '~')
        continue;
      while (title[i + run] == c)
        run++;
      if ((c == '~' && run != 2) || (i > 0 && g_ascii_isalnum (title[i - 1]) && c != '`') ||
          title[i + run] == '\0' || g_ascii_isspace (title[i + run]))
        {
          /* A run that ends the title closes what a label opened. */
          if ((c == '*' || c == '_') && title[i + run] == '\0' && i > 0 && !g_ascii_isspace (title[i - 1]))
            memset (drop + i, TRUE, run);
          i += run - 1;
          continue;
        }
      for (j = i + run; j < len; j++)
        {
          gsize close_run = 0;

          while (title[j + close_run] == c)
            close_run++;
          if (close_run == 0)
            continue;
          if (close_run == run && !g_ascii_isspace (title[j - 1]) &&
              (c == '`' || (!g_ascii_isalnum (title[j + run]) && title[j + run] != '.')))
            {
              memset (drop + i, TRUE, run);
              memset (drop + j, TRUE, run);
              break;
            }
          j += close_run - 1;
        }
      i += run - 1;
    }
}

/* A title as plain text: its emphasis ("**X**", "_X_", "~~X~~"), code
 * ticks and HTML tags ("<b>X</b>") go when they come in pairs, a link
 * keeps its text ("[X](url)", "[[X]]", or the alias of "[[Page|X]]"); a
 * backslash before a mark keeps the mark.
 */
static char *
plain_title (const char *title)
{
  GString *out = g_string_new (NULL);
  g_autofree guint8 *drop = g_new0 (guint8, strlen (title) + 1);
  const char *s = title;

  /* "\*" is a star, as Storybank writes one: no pair's. */
  {
    g_autofree char *unescaped = g_strdup (title);

    for (char *e = unescaped; *e != '\0'; e++)
      if (e[0] == '\\' && g_ascii_ispunct (e[1]))
        e[0] = 'x', e[1] = 'x';
    mark_pairs (unescaped, drop);
  }

  while (*s != '\0')
    {
      const char *end;

      if (drop[s - title])
        {
          s++;
          continue;
        }
      if (s[0] == '\\' && g_ascii_ispunct (s[1]))
        {
          g_string_append_c (out, s[1]);
          s += 2;
          continue;
        }
      if (s[0] == '[' && s[1] == '[' && (end = strstr (s + 2, "]]")) != NULL)
        {
          const char *text = s + 2, *bar;

          for (bar = text; bar < end; bar++)
            if (*bar == '|')
              text = bar + 1;
          g_string_append_len (out, text, end - text);
          s = end + 2;
          continue;
        }
      if (s[0] == '[' && (end = strstr (s + 1, "](")) != NULL && strchr (end + 2, ')') != NULL &&
          memchr (s + 1, '[', end - s - 1) == NULL)
        {
          g_string_append_len (out, s + 1, end - s - 1);
          s = strchr (end + 2, ')') + 1;
          continue;
        }
      g_string_append_c (out, *s++);
    }

  {
    char *text = g_string_free (out, FALSE);
    g_auto(GStrv) words = g_strsplit_set (g_strstrip (text), " \t", -1);
    g_autoptr(GString) joined = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (words[i][0] == '\0')
          continue;
        if (joined->len > 0)
          g_string_append_c (joined, ' ');
        g_string_append (joined, words[i]);
      }
    g_free (text);
    return g_strdup (joined->str);
  }
}

/* A "Principle:", "LP:" or "Tags:" line's names, split as a sheet's
 * cell is (_sb_catalog_split_names()).
 */
static void
add_names (Parser     *parser,
           GPtrArray  *names,
           const char *text,
           gboolean    tags)
{
  _sb_catalog_split_names (parser->catalog, text, tags, names);
}

static void
finish_draft (Parser *parser)
{
  Draft *draft = parser->draft;
  g_autoptr(SbStory) story = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *title = NULL;
  g_autofree char *raw_title = NULL;
  char *parts[N_PARTS];
  guint n_real = 0, n_guidance = 0, n_placeholder = 0, n_seen = 0;
  gboolean real_steps = FALSE, guidance_steps = FALSE, first_person = FALSE, addressed = FALSE;
  gboolean made_title = FALSE;
  guint n_addressed = 0, n_past = 0;
  Fate plan = FATE_NONE;
  GPtrArray *principles;

  parser->current = NULL;
  parser->indented = NULL;  /* its text is freed below */
  parser->field = FIELD_NONE;
  parser->para_break = FALSE;
  parser->label_open = FALSE;
  if (draft == NULL)
    return;
  parser->draft = NULL;

  steps = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < draft->steps->len; i++)
    {
      char *step = finish_text (g_ptr_array_index (draft->steps, i));

      if (step[0] != '\0')
        {
          if (!is_placeholder (step))
            real_steps = TRUE;
          else
            n_placeholder++;
          if (!guidance_steps && is_guidance (step))
            guidance_steps = TRUE;
          g_ptr_array_add (steps, step);
        }
      else
        g_free (step);
    }
  g_ptr_array_add (steps, NULL);

  raw_title = finish_text (draft->title);
  g_strdelimit (raw_title, "\n", ' ');  /* a table's cell's line breaks */
  title = plain_title (raw_title);
  for (guint i = 0; i < N_PARTS; i++)
    {
      parts[i] = finish_text (draft->fields[i]);
      if (i > FIELD_RESULT || i == FIELD_ACTION)
        continue;
      if (parts[i][0] != '\0' && is_placeholder (parts[i]))
        n_placeholder++;
      else if (parts[i][0] != '\0')
        {
          n_real++;
          n_guidance += is_guidance (parts[i]);
        }
    }
  if (real_steps)
    n_real++, n_guidance += guidance_steps;
  for (guint i = 0; i <= FIELD_RESULT; i++)
    n_seen += draft->seen[i];

  /* Parts that never speak in the first person are advice when they
   * address the reader ("keep it to two sentences; say what was expected
   * of you") and a plan under a day's or a time's heading. A story told
   * tersely ("Rolled back the deploy.") addresses nobody.
   */
  scan_person (title, &first_person, &addressed);
  addressed = FALSE;
  for (guint i = 0; i <= FIELD_LEARNINGS; i++)
    {
      gboolean second = FALSE;

      scan_person (parts[i], &first_person, &second);
      n_addressed += second;
    }
  {
    gboolean second = FALSE;

    for (guint i = 0; steps->pdata[i] != NULL; i++)
      scan_person (steps->pdata[i], &first_person, &second);
    n_addressed += second;
  }
  for (guint i = 0; i <= FIELD_LEARNINGS; i++)
    n_past += count_past (parts[i]);
  for (guint i = 0; steps->pdata[i] != NULL; i++)
    n_past += count_past (steps->pdata[i]);
  /* A story that tells of what happened is no advice, however often it
   * says "you" ("if you skip load tests, you find out the hard way").
   */
  if (!first_person && n_past <= 3 && n_addressed >= 2)
    plan = FATE_ADVICE;
  /* A title made from a story's words (tagged untitled when Storybank
   * wrote the page) is no heading of a plan.
   */
  else if (!first_person && is_time_slot (title) &&
           !g_ptr_array_find_with_equal_func (draft->tags, SB_MARKDOWN_UNTITLED_TAG, g_str_equal, NULL))
    plan = FATE_PLAN;

  if (plan != FATE_NONE ||
      (n_guidance >= 2 && 2 * n_guidance > n_real) ||
      (n_real < 2 && (n_seen < 4 || (n_placeholder > 0 && n_real == 0) || title[0] == '\0' || is_placeholder (raw_title))))
    {
      Fate reason = plan != FATE_NONE ? plan :
                    n_guidance >= 2 && 2 * n_guidance > n_real ? FATE_ADVICE :
                    n_real + n_placeholder == 0 && !draft->labelled ? FATE_HEADING : FATE_TEMPLATE;

      set_fate (parser, draft->first_line, draft->last_line, FATE_STORY, reason);
      for (guint i = 0; i < N_PARTS; i++)
        g_free (parts[i]);
      draft_free (draft);
      return;
    }

  tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < draft->tags->len; i++)
    g_ptr_array_add (tags, g_strdup (g_ptr_array_index (draft->tags, i)));
  if (draft->tags->len == 0 && parser->page_tags != NULL)
    for (guint i = 0; i < parser->page_tags->len; i++)
      g_ptr_array_add (tags, g_strdup (g_ptr_array_index (parser->page_tags, i)));

  if (title[0] == '\0')
    {
      const char *from = parts[FIELD_SITUATION][0] ? parts[FIELD_SITUATION] :
                         parts[FIELD_TASK][0] ? parts[FIELD_TASK] :
                         steps->len > 1 ? (const char *) g_ptr_array_index (steps, 0) :
                         parts[FIELD_RESULT];

      g_free (title);
      title = first_words (from);
      made_title = TRUE;
      if (!g_ptr_array_find_with_equal_func (tags, SB_MARKDOWN_UNTITLED_TAG, g_str_equal, NULL))
        g_ptr_array_add (tags, g_strdup (SB_MARKDOWN_UNTITLED_TAG));
    }
  g_ptr_array_add (tags, NULL);

  story = sb_story_new ();
  if (made_title)
    parser->made_title = story;
  sb_story_set_title (story, title);
  sb_story_set_situation (story, parts[FIELD_SITUATION]);
  sb_story_set_task (story, parts[FIELD_TASK]);
  sb_story_set_actions (story, (const char * const *) steps->pdata);
  sb_story_set_result (story, parts[FIELD_RESULT]);
  if (parts[FIELD_LEARNINGS][0] != '\0')
    sb_story_set_learnings (story, parts[FIELD_LEARNINGS]);
  if (parts[FIELD_NOTES][0] != '\0')
    sb_story_set_notes (story, parts[FIELD_NOTES]);
  if (tags->len > 1)
    sb_story_set_tags (story, (const char * const *) tags->pdata);
  for (guint i = 0; i < N_PARTS; i++)
    g_free (parts[i]);

  principles = draft->principles->len > 0 ? draft->principles : parser->page_principles;
  if (principles != NULL && principles->len > 0)
    g_ptr_array_add (principles, NULL);
  ensure_page (parser);
  sb_markdown_page_add_story (parser->page, story,
                              principles != NULL && principles->len > 0 ?
                              (const char * const *) principles->pdata : NULL);
  if (principles != NULL && principles->len > 0)
    g_ptr_array_remove_index (principles, principles->len - 1);
  draft_free (draft);
}

static void
start_draft (Parser     *parser,
             const char *title,
             guint       level)
{
  finish_draft (parser);
  parser->draft = g_new0 (Draft, 1);
  parser->draft->title = g_string_new (title);
  for (guint i = 0; i < G_N_ELEMENTS (parser->draft->fields); i++)
    parser->draft->fields[i] = g_string_new (NULL);
  parser->draft->steps = g_ptr_array_new_with_free_func (string_free);
  parser->draft->principles = g_ptr_array_new_with_free_func (g_free);
  parser->draft->tags = g_ptr_array_new_with_free_func (g_free);
  parser->draft->level = level;
  parser->draft->first_line = parser->line;
  parser->draft->last_line = parser->line;
  parser->took = TRUE;
}

static gboolean
is_known (Parser     *parser,
          const char *name)
{
  return parser->catalog != NULL && name[0] != '\0' &&
         sb_catalog_lookup_by_name (parser->catalog, name) != NULL;
}

/* Whether one of @page's stories is called @title, in any case. */
static gboolean
has_story_titled (SbMarkdownPage *page,
                  const char     *title)
{
  g_autofree char *folded = g_utf8_casefold (title, -1);

  for (guint i = 0; i < page->stories->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (sb_story_get_title (g_ptr_array_index (page->stories, i)), -1);

      if (g_str_equal (folded, other))
        return TRUE;
    }
  return FALSE;
}

static void
finish_page (Parser *parser)
{
  SbMarkdownPage *page;

  finish_draft (parser);
  page = g_steal_pointer (&parser->page);

  if (page != NULL)
    {
      gboolean keep_wording;

      if (parser->definition != NULL)
        {
          char *definition = finish_text (parser->definition);
          gsize len = strlen (definition);

          if (len >= 4 && g_str_has_prefix (definition, "**") && g_str_has_suffix (definition, "**"))
            {
              memmove (definition, definition + 2, len - 4);
              definition[len - 4] = '\0';
            }
          page->definition = definition;
        }
      if (parser->notes != NULL)
        page->notes = finish_text (parser->notes);
      if (parser->tips != NULL)
        {
          page->has_tips = TRUE;
          for (guint i = 0; i < parser->tips->len; i++)
            g_ptr_array_add (page->tips, finish_text (g_ptr_array_index (parser->tips, i)));
        }
      if (parser->focus_descs != NULL)
        for (guint i = 0; i < parser->focus_descs->len; i++)
          g_ptr_array_add (page->focus_descriptions,
                           finish_text (g_ptr_array_index (parser->focus_descs, i)));
      /* A heading with no areas under it ("## Dive Deep" over the
       * stories) is no list of focus areas.
       */
      if (page->focus_names->len == 0)
        {
          g_clear_pointer (&page->focus_heading, g_free);
          set_fate (parser, parser->page_first_line, parser->line, FATE_FOCUS, FATE_HEADING);
        }
      set_fate (parser, parser->page_first_line, parser->line, FATE_FOCUS, FATE_WORDING);
      /* A note's title that is its story's ("title: Zero defects" over
       * "### Example 1: Zero defects") names no principle: the file's
       * name may.
       */
      if (page->name == NULL && parser->fm_title != NULL && !parser->fm_title_used &&
          !is_known (parser, parser->fm_title) && has_story_titled (page, parser->fm_title))
        parser->fm_title_used = TRUE;
      if (page->name == NULL && parser->fm_title != NULL && !parser->fm_title_used)
        {
          page->name = g_strdup (parser->fm_title);
          parser->fm_title_used = TRUE;
        }

      /* An advice page is no principle: a page of a name nobody knows,
       * with no story and no definition, is not kept.
       */
      if (page->name != NULL && page->stories->len > 0 && parser->title_line >= 0 && !parser->title_known &&
          (page->definition == NULL || page->definition[0] == '\0'))
        {
          gboolean all_labelled = TRUE;

          for (guint i = 0; i < page->story_principles->len && all_labelled; i++)
            all_labelled = g_ptr_array_index (page->story_principles, i) != NULL;
          if (all_labelled)
            {
              g_clear_pointer (&page->name, g_free);
              if (parser->fate[parser->title_line] == FATE_WORDING)
                parser->fate[parser->title_line] = FATE_HEADING;
            }
        }

      keep_wording = page->name != NULL;
      if (parser->catalog != NULL && page->stories->len == 0 && page->name != NULL &&
          (page->definition == NULL || page->definition[0] == '\0') && !is_known (parser, page->name))
        {
          keep_wording = FALSE;
          g_clear_pointer (&page->name, g_free);
          set_fate (parser, parser->page_first_line, parser->line, FATE_WORDING, FATE_ADVICE);
        }
      if (!keep_wording)
        {
          set_fate (parser, parser->page_first_line, parser->line, FATE_WORDING, FATE_NONE);
          g_clear_pointer (&page->definition, g_free);
          g_clear_pointer (&page->focus_heading, g_free);
          g_clear_pointer (&page->notes, g_free);
          g_ptr_array_set_size (page->focus_names, 0);
          g_ptr_array_set_size (page->focus_descriptions, 0);
          g_ptr_array_set_size (page->tips, 0);
          page->has_tips = FALSE;
        }
      if (sb_markdown_page_is_empty (page))
        set_fate (parser, parser->page_first_line, parser->line, FATE_WORDING, FATE_NONE);
      if (parser->catalog != NULL && page->stories->len == 0 && page->name == NULL)
        sb_markdown_page_free (page);
      else
        g_ptr_array_add (parser->pages, page);
    }

  if (parser->definition)
    g_string_free (g_steal_pointer (&parser->definition), TRUE);
  if (parser->notes)
    g_string_free (g_steal_pointer (&parser->notes), TRUE);
  g_clear_pointer (&parser->tips, g_ptr_array_unref);
  g_clear_pointer (&parser->focus_descs, g_ptr_array_unref);
  parser->section = SECTION_NONE;
  parser->current = NULL;
  parser->indented = NULL;
  parser->title_line = -1;
  /* A page's own properties are its own; the front matter's stay. */
  g_clear_pointer (&parser->page_principles, g_ptr_array_unref);
  g_clear_pointer (&parser->page_tags, g_ptr_array_unref);
  if (parser->fm_principles != NULL)
    parser->page_principles = g_ptr_array_copy (parser->fm_principles, (GCopyFunc) g_strdup, NULL);
  if (parser->fm_tags != NULL)
    parser->page_tags = g_ptr_array_copy (parser->fm_tags, (GCopyFunc) g_strdup, NULL);
}

static Section
section_from_heading (const char *heading)
{
  static const struct { const char *name; Section section; } known[] = {
    { "definition", SECTION_DEFINITION },
    { "star pattern examples", SECTION_EXAMPLES },
    { "star examples", SECTION_EXAMPLES },
    { "star stories", SECTION_EXAMPLES },
    { "examples", SECTION_EXAMPLES },
    { "stories", SECTION_EXAMPLES },
    { "interview tips", SECTION_TIPS },
    { "tips", SECTION_TIPS },
    { "notes", SECTION_NOTES },
    { "my notes", SECTION_NOTES },
  };
  g_autofree char *folded = g_ascii_strdown (heading, -1);

  g_strstrip (folded);
  if (g_str_has_suffix (folded, ":"))
    folded[strlen (folded) - 1] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (folded, known[i].name))
      return known[i].section;

  return SECTION_NONE;
}

/* The part a heading names, "### Situation", "#### **Result**", "###
 * Key metrics:", or FIELD_NONE. A bold heading of other words,
 * "### **Outage**:", names no part.
 */
static Field
heading_part (const char *text)
{
  Line label;

  if (_sb_markdown_match_label (text, &label) && label.text[0] == '\0' && label.field != FIELD_STORY &&
      label.field != FIELD_PRINCIPLE && label.field != FIELD_TAGS &&
      (label.field != FIELD_OTHER || label.label == text || label.label[-1] != '*'))
    return label.field;
  return FIELD_NONE;
}

/* Whether a part's label comes before the next heading: one written as
 * is, or, written as list items, two of different fields (a list of
 * focus areas may hold one called "Results"). A "Story:" line first
 * starts a story of its own.
 */
static gboolean
story_follows_full (Parser    *parser,
                    guint      from,
                    gboolean   part_headings,
                    guint      limit)
{
  char **lines = parser->lines;
  int listed_field = FIELD_NONE;

  /* No part's label anywhere near: no need to look. */
  if (from >= parser->n_lines || parser->next_star[from] >= from + limit)
    return FALSE;

  for (guint i = from; lines[i] != NULL && i < from + limit; i++)
    {
      Line line;

      if (lines[i][0] == '\0')
        continue;
      _sb_markdown_classify (lines[i], &line);
      if (line.kind == LINE_HEADING && line.text[0] != '\0')
        return part_headings && IS_STAR (heading_part (line.text));
      if (line.kind == LINE_FENCE)
        return FALSE;
      if (line.kind != LINE_LABEL || !IS_STAR (line.field))
        {
          /* "Story: …" starts its own; "Title: Senior PM" is a note. */
          if (line.kind == LINE_LABEL && line.field == FIELD_STORY && !line.synonym)
            return FALSE;
          continue;
        }
      if (!line.listed)
        return TRUE;
      if (listed_field != FIELD_NONE && listed_field != (int) line.field)
        return TRUE;
      listed_field = line.field;
    }
  return FALSE;
}

static gboolean
story_follows (Parser *parser,
               guint   from)
{
  return story_follows_full (parser, from, TRUE, 400);
}
static void
parse_focus_area (Parser     *parser,
                  const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  static GRegex *regex;
  g_autofree char *name = NULL;
  GString *description;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^\\*\\*(.+?)(?:\\*\\*[ \\t]*:|:\\*\\*)[ \\t]?(.*)$",
                               G_REGEX_OPTIMIZE | G_REGEX_DOTALL, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  if (g_regex_match (regex, text, 0, &match))
    {
      g_autofree char *rest = g_match_info_fetch (match, 2);

      name = g_match_info_fetch (match, 1);
      description = g_string_new (NULL);
      append_line (description, rest);
    }
  else
    {
      const char *colon = strstr (text, ": ");

      description = g_string_new (NULL);
      if (colon != NULL)
        {
          name = g_strndup (text, colon - text);
          append_line (description, colon + 2);
        }
      else
        name = g_strdup (text);
    }

  g_ptr_array_add (parser->page->focus_names, g_strstrip (g_steal_pointer (&name)));
  if (parser->focus_descs == NULL)
    parser->focus_descs = g_ptr_array_new_with_free_func (string_free);
  g_ptr_array_add (parser->focus_descs, description);
  parser->current = description;
}

static void new_step (Parser     *parser,
                      const char *text);

/* A part of a story starts: a label, or a heading naming it. */
static void
begin_part (Parser     *parser,
            Field       field,
            const char *text,
            const char *label,
            guint       label_len)
{
  Draft *draft;

  parser->took = TRUE;
  if (field == FIELD_STORY)
    {
      start_draft (parser, text, 0);
      parser->current = parser->draft->title;
      parser->field = FIELD_STORY;
      return;
    }

  if (field == FIELD_PRINCIPLE || field == FIELD_TAGS)
    {
      GPtrArray **names;

      if (parser->draft != NULL)
        names = field == FIELD_PRINCIPLE ? &parser->draft->principles : &parser->draft->tags;
      else
        {
          names = field == FIELD_PRINCIPLE ? &parser->page_principles : &parser->page_tags;
          if (*names == NULL)
            *names = g_ptr_array_new_with_free_func (g_free);
          parser->fate[parser->line] = FATE_STORY;
        }
      add_names (parser, *names, text, field == FIELD_TAGS);
      parser->current = NULL;
      return;
    }

  if (parser->draft == NULL ||
      (field < N_PARTS && field != FIELD_LEARNINGS && field != FIELD_NOTES && parser->draft->seen[field]))
    {
      /* A page whose "# Name" is followed by a story's parts is that
       * story, unless it names a principle.
       */
      if (parser->draft == NULL && parser->page != NULL && parser->title_line >= 0 &&
          !parser->title_known && parser->page->stories->len == 0 &&
          parser->section == SECTION_NONE && parser->page->name != NULL)
        {
          guint line = parser->line;

          parser->line = parser->title_line;
          start_draft (parser, parser->page->name, 1);
          parser->fate[parser->title_line] = FATE_STORY;
          parser->line = line;
          g_clear_pointer (&parser->page->name, g_free);
          parser->title_line = -1;
        }
      else if (parser->draft == NULL && parser->fm_title != NULL && !parser->fm_title_used &&
               (parser->page == NULL || (parser->page->name == NULL && parser->page->stories->len == 0)) &&
               !is_known (parser, parser->fm_title))
        {
          start_draft (parser, parser->fm_title, 1);
          parser->fm_title_used = TRUE;
        }
      else
        start_draft (parser, "", 0);
    }

  draft = parser->draft;
  draft->labelled = TRUE;
  parser->field = field;
  parser->current = NULL;
  parser->para_break = FALSE;
  parser->label_open = FALSE;

  if (IS_STAR (field) && draft->opened_by[field] == NULL && label != NULL)
    draft->opened_by[field] = g_ascii_strdown (label, label_len);

  if (field == FIELD_ACTION)
    {
      draft->seen[field] = TRUE;
      draft->step_block = FALSE;
      draft->step_bullet = FALSE;
      if (strchr (text, '\n') != NULL)
        {
          g_auto(GStrv) steps = g_strsplit (text, "\n", -1);

          for (guint j = 0; steps[j] != NULL; j++)
            {
              Line item;

              _sb_markdown_classify (steps[j], &item);
              if (item.kind != LINE_BLANK)
                new_step (parser, item.kind == LINE_BULLET ? item.text : _sb_markdown_skip_spaces (steps[j]));
            }
        }
      else if (text[0] != '\0')
        {
          GString *step = g_string_new (NULL);

          append_line (step, text);
          g_ptr_array_add (draft->steps, step);
          parser->current = step;
        }
      return;
    }

  if (field == FIELD_OTHER)
    {
      GString *notes = draft->fields[FIELD_NOTES];

      /* The blank lines before it are one paragraph break. */
      while (notes->len > 0 && g_ascii_isspace (notes->str[notes->len - 1]))
        g_string_truncate (notes, notes->len - 1);
      if (notes->len > 0)
        g_string_append (notes, "\n\n");
      g_string_append_len (notes, label, label_len);
      g_string_append_c (notes, ':');
      if (text[0] != '\0')
        {
          g_string_append_c (notes, ' ');
          g_string_append (notes, text);
        }
      parser->field = FIELD_NOTES;
      parser->current = notes;
      parser->indented = NULL;
      parser->label_open = text[0] == '\0';
      return;
    }

  draft->seen[field] = TRUE;
  parser->current = draft->fields[field];
  parser->para_break = parser->current->len > 0;
  if (text[0] != '\0')
    take_line (parser, text);
}

/* "Problem:" after the story's "Situation:", "Impact:" after its
 * "Result:": another word for a part the story has is one more of its
 * notes. The same word again ("Context:" after "Context:") starts the
 * next story, as a part's own name does.
 */
static Field
part_or_note (Parser     *parser,
              const Line *label)
{
  const char *opened_by;

  if (!label->synonym || parser->draft == NULL || !IS_STAR (label->field) ||
      !parser->draft->seen[label->field])
    return label->field;
  opened_by = parser->draft->opened_by[label->field];
  if (opened_by != NULL && strlen (opened_by) == label->label_len &&
      g_ascii_strncasecmp (opened_by, label->label, label->label_len) == 0)
    return label->field;
  return FIELD_OTHER;
}

/* "Example 2: ", "Story #4 — ", "🧩 Q7: " before a story's title: whether
 * they are there, and where the title starts after them (@text when they
 * are not).
 */
static gboolean
match_example (const char  *text,
               GMatchInfo **match,
               const char **title)
{
  const char *words = _sb_markdown_skip_symbols (text);
  int end = 0;

  *title = text;
  if (!g_regex_match (_sb_markdown_example_regex (), words, 0, match))
    return FALSE;
  g_match_info_fetch_pos (*match, 0, NULL, &end);
  *title = words + end;
  return TRUE;
}

static gboolean
handle_heading (Parser  *parser,
                char   **lines,
                guint    index,
                Line    *line)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = g_strstrip (g_strdup (line->text));
  Section section;
  gboolean example;
  const char *title;
  Field part;
  Line label = { 0, };

  /* "## Heading ##": a closing run of as many "#" after a space goes
   * ("C#" stays, and so does "## Go #").
   */
  {
    gsize len = strlen (text), end = len;

    while (len > 0 && text[len - 1] == '#')
      len--;
    if (end - len == line->level && (len == 0 || _sb_markdown_is_space (text[len - 1])))
      {
        text[len] = '\0';
        g_strchomp (text);
      }
  }
  if (text[0] == '\0')
    {
      parser->fate[index] = FATE_HEADING;
      return TRUE;  /* a stray "#" */
    }

  part = heading_part (text);
  if (part != FIELD_NONE)
    _sb_markdown_match_label (text, &label);
  if (part != FIELD_NONE && parser->draft != NULL &&
      (parser->draft->level == 0 || line->level > parser->draft->level) &&
      (IS_STAR (part) || part == FIELD_LEARNINGS || parser->draft->level > 0))
    {
      begin_part (parser, part_or_note (parser, &label), "", label.label, label.label_len);
      return TRUE;
    }
  /* "## Background" on a principle's page is no story's part, unless
   * the story's other parts follow it.
   */
  if ((IS_STAR (part) && (!label.synonym || story_follows (parser, index + 1))) ||
      (part == FIELD_LEARNINGS && parser->draft != NULL))
    {
      if (parser->draft != NULL && line->level <= parser->draft->level)
        finish_draft (parser);
      begin_part (parser, part, "", label.label, label.label_len);
      return TRUE;
    }

  example = match_example (text, &match, &title);
  if (example)
    {
      g_autofree char *word = g_match_info_fetch_named (match, "example");

      /* "3. …" or "Story — …" is a story's heading only over its labels. */
      if ((word == NULL || word[0] == '\0') && !story_follows (parser, index + 1))
        {
          example = FALSE;
          title = text;
        }
    }

  section = example ? SECTION_NONE : section_from_heading (text);

  /* A heading inside a story ("#### Investigation") is one of its notes. */
  if (!example && section == SECTION_NONE && parser->draft != NULL && parser->draft->level > 0 &&
      line->level > parser->draft->level && !is_known (parser, text) &&
      !story_follows_full (parser, index + 1, FALSE, 400))
    {
      g_autofree char *name = g_strdup (text);

      g_strdelimit (name, "*_", ' ');
      g_strstrip (name);
      if (g_str_has_suffix (name, ":"))
        name[strlen (name) - 1] = '\0';
      g_strchomp (name);  /* "**Outage**:" */
      begin_part (parser, FIELD_OTHER, "", name, strlen (name));
      return TRUE;
    }

  finish_draft (parser);

  if ((line->level == 1 && !example) ||
      (!example && section == SECTION_NONE && is_known (parser, text)))
    {
      finish_page (parser);
      ensure_page (parser);
      parser->page_first_line = index;
      parser->title_line = index;
      parser->title_known = is_known (parser, text);
      parser->page->name = g_steal_pointer (&text);
      parser->fate[index] = FATE_WORDING;
      return TRUE;
    }

  ensure_page (parser);
  if (section != SECTION_NONE)
    {
      parser->section = section;
      if (section == SECTION_DEFINITION && parser->definition == NULL)
        parser->definition = g_string_new (NULL);
      else if (section == SECTION_NOTES && parser->notes == NULL)
        parser->notes = g_string_new (NULL);
      else if (section == SECTION_TIPS && parser->tips == NULL)
        parser->tips = g_ptr_array_new_with_free_func (string_free);
      parser->current = section == SECTION_DEFINITION ? parser->definition :
                        section == SECTION_NOTES ? parser->notes : NULL;
      parser->fate[index] = FATE_WORDING;
      return TRUE;
    }

  if (example || story_follows (parser, index + 1))
    {
      parser->section = SECTION_EXAMPLES;
      start_draft (parser, title, line->level);
      return TRUE;
    }

  if (line->level == 2)
    {
      parser->section = SECTION_FOCUS;
      if (parser->page->focus_heading == NULL)
        parser->page->focus_heading = g_steal_pointer (&text);
      parser->current = NULL;
      parser->fate[index] = FATE_FOCUS;
      return TRUE;
    }

  parser->section = SECTION_IGNORE;
  parser->current = NULL;
  parser->fate[index] = FATE_HEADING;
  return TRUE;
}

/* "Step 2: Designed the fix", "2. Designed the fix": the step's own words. */
static const char *
step_title (const char *text)
{
  const char *s = text, *dash;

  if (g_ascii_strncasecmp (s, "step", 4) == 0)
    {
      s = _sb_markdown_skip_spaces (s + 4);
      while (g_ascii_isdigit (*s))
        s++;
      s = _sb_markdown_skip_spaces (s);
      if (*s == ':' || *s == '.' || *s == ')')
        return _sb_markdown_skip_spaces (s + 1);
      if ((dash = _sb_markdown_skip_dash (s)) != NULL)
        return _sb_markdown_skip_spaces (dash);
      return text;
    }
  if (g_ascii_isdigit (*s))
    {
      while (g_ascii_isdigit (*s))
        s++;
      if (*s == '.' || *s == ')' || *s == ':')
        return _sb_markdown_skip_spaces (s + 1);
    }
  return text;
}

static char *
bold_inner (const char *line)
{
  char *inner = g_strdup (_sb_markdown_skip_spaces (line) + 2);

  g_strchomp (inner);
  inner[strlen (inner) - 2] = '\0';
  return g_strstrip (inner);
}

static void
new_step (Parser     *parser,
          const char *text)
{
  GString *step = g_string_new (NULL);

  append_line (step, text);
  g_ptr_array_add (parser->draft->steps, step);
  parser->current = step;
  parser->took = TRUE;
}

static void
handle_text (Parser     *parser,
             const char *text,
             gboolean    blank)
{
  Draft *draft = parser->draft;

  if (draft != NULL && parser->field == FIELD_ACTION)
    {
      if (blank)
        {
          /* A paragraph is a step; a list item's goes on. */
          if (!draft->step_bullet && !draft->step_block)
            parser->current = NULL;
          else if (parser->current != NULL)
            append_line (parser->current, text);
          return;
        }
      if (parser->current == NULL)
        {
          draft->step_bullet = FALSE;
          draft->step_block = FALSE;
          new_step (parser, text);
          return;
        }
    }
  else if (draft == NULL && parser->section == SECTION_TIPS &&
           parser->current == NULL && !blank)
    {
      parser->current = g_string_new (NULL);
      g_ptr_array_add (parser->tips, parser->current);
    }

  if (parser->current != NULL)
    {
      if (blank)
        append_line (parser->current, text);
      else
        take_line (parser, text);
    }
}

static void
handle_bullet (Parser     *parser,
               const char *raw,
               Line       *line)
{
  Draft *draft = parser->draft;

  if (draft != NULL)
    {
      if (parser->field == FIELD_ACTION)
        {
          if ((draft->step_block && parser->current != NULL) ||
              (draft->step_bullet && !line->numbered && parser->current != NULL &&
               line->indent > draft->step_indent + 1))
            {
              g_string_append (parser->current, "\n- ");
              g_string_append (parser->current, line->text);
              parser->took = TRUE;
              return;
            }
          draft->step_block = FALSE;
          draft->step_bullet = TRUE;
          draft->step_indent = line->indent;
          new_step (parser, line->text);
        }
      else
        handle_text (parser, raw, FALSE);
      return;
    }

  switch (parser->section)
    {
    case SECTION_TIPS:
      parser->current = g_string_new (NULL);
      append_line (parser->current, line->text);
      g_ptr_array_add (parser->tips, parser->current);
      parser->took = TRUE;
      break;
    case SECTION_FOCUS:
      /* A list under some heading is no list of focus areas. */
      if (parser->catalog != NULL && !g_str_has_prefix (line->text, "**"))
        break;
      parse_focus_area (parser, line->text);
      parser->took = TRUE;
      break;
    case SECTION_DEFINITION:
    case SECTION_NOTES:
      handle_text (parser, raw, FALSE);
      break;
    case SECTION_NONE:
    case SECTION_EXAMPLES:
    case SECTION_IGNORE:
    default:
      break;
    }
}

/* A list item's text, whatever it holds. */
static void
classify_item (const char *line,
               Line       *out)
{
  const char *s = line;

  while (*s == ' ' || *s == '\t')
    s++;
  memset (out, 0, sizeof *out);
  out->kind = LINE_BULLET;
  out->field = FIELD_NONE;
  out->text = s + 1;
  while (*out->text == ' ' || *out->text == '\t')
    out->text++;
}

/* "Title" over "=====" or "-----" (setext headings) become "# Title" and
 * "## Title", the underline a blank line: a text line with text before it
 * is a paragraph's end, not a heading, and stays as it is.
 */
static void
underlined_headings (char   **lines,
                     guint8  *opaque)
{
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      gboolean level_one = _sb_markdown_is_underline (lines[i + 1], '=');
      Line line;

      if (opaque[i] || opaque[i + 1])
        continue;
      if (!level_one && !_sb_markdown_is_underline (lines[i + 1], '-'))
        continue;
      _sb_markdown_classify (lines[i], &line);
      if (line.kind != LINE_TEXT || (i > 0 && !_sb_markdown_is_blank (lines[i - 1])))
        continue;
      /* "Title" over a short "---" is more likely a paragraph and a rule. */
      if (!level_one && 2 * _sb_markdown_underline_length (lines[i + 1], '-') < (guint) g_utf8_strlen (lines[i], -1))
        continue;

      {
        char *heading = g_strconcat (level_one ? "# " : "## ", lines[i], NULL);

        g_free (lines[i]);
        lines[i] = heading;
        lines[i + 1][0] = '\0';
      }
    }
}

/* Front matter: "---" (YAML) or "+++" (TOML) lines at the very top. Its
 * title names the page; its principle, category, competency or a tag
 * that names one names the stories' principle; its other tags are the
 * stories' tags.
 */
static void
read_front_matter (Parser  *parser,
                   guint8  *skip)
{
  char **lines = parser->lines;
  const char *fence;
  guint end;
  GPtrArray *target = NULL;
  gboolean tags = FALSE;

  if (parser->n_lines < 2)
    return;
  fence = g_str_equal (lines[0], "---") ? "---" : g_str_equal (lines[0], "+++") ? "+++" : NULL;
  if (fence == NULL)
    return;
  for (end = 1; end < parser->n_lines; end++)
    if (g_str_equal (g_strchomp (lines[end]), fence) ||
        (fence[0] == '-' && g_str_equal (lines[end], "...")))
      break;
  if (end == parser->n_lines)
    return;

  for (guint i = 0; i <= end; i++)
    {
      const char *s = _sb_markdown_skip_spaces (lines[i]);
      const char *sep;

      parser->fate[i] = FATE_FRONT_MATTER;
      skip[i] = TRUE;
      if (i == 0 || i == end)
        continue;
      if (*s == '-' && target != NULL && lines[i][0] != s[0])
        {
          g_autofree char *value = g_strstrip (g_strdup (s + 1));

          if (!tags || is_known (parser, value))
            add_names (parser, target, value, FALSE);
          else
            add_names (parser, parser->page_tags, value, TRUE);
          continue;
        }
      target = NULL;
      sep = strpbrk (s, ":=");
      if (sep == NULL || s != lines[i])
        continue;
      {
        g_autofree char *key = g_ascii_strdown (s, sep - s);
        g_autofree char *value = g_strdup (sep + 1);

        g_strstrip (key);
        g_strstrip (value);
        if (value[0] == '"' || value[0] == '\'')
          {
            gsize len = strlen (value);

            if (len >= 2 && value[len - 1] == value[0])
              value[len - 1] = '\0';
            memmove (value, value + 1, strlen (value));
          }
        tags = FALSE;
        if (g_str_equal (key, "title"))
          {
            g_free (parser->fm_title);
            parser->fm_title = value[0] ? g_strdup (value) : NULL;
            continue;
          }
        if (g_str_equal (key, "tags") || g_str_equal (key, "tag"))
          tags = TRUE;
        else if (!g_str_equal (key, "principle") && !g_str_equal (key, "principles") &&
                 !g_str_equal (key, "category") && !g_str_equal (key, "competency") &&
                 !g_str_equal (key, "leadership principle") && !g_str_equal (key, "lp"))
          continue;
        if (parser->page_principles == NULL)
          parser->page_principles = g_ptr_array_new_with_free_func (g_free);
        if (parser->page_tags == NULL)
          parser->page_tags = g_ptr_array_new_with_free_func (g_free);
        target = parser->page_principles;
        if (tags)
          {
            g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

            add_names (parser, names, value, TRUE);
            for (guint j = 0; j < names->len; j++)
              g_ptr_array_add (is_known (parser, g_ptr_array_index (names, j)) ? parser->page_principles
                                                                               : parser->page_tags,
                               g_strdup (g_ptr_array_index (names, j)));
          }
        else
          add_names (parser, target, value, FALSE);
      }
    }
}

static GPtrArray *
table_cells (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  const char *s = _sb_markdown_skip_spaces (line);
  GString *cell = g_string_new (NULL);

  if (*s == '|')
    s++;
  for (; ; s++)
    {
      if (*s == '\\' && s[1] == '|')
        {
          g_string_append_c (cell, '|');
          s++;
          continue;
        }
      if (*s == '|' || *s == '\0')
        {
          char *text = g_strstrip (g_strdup (cell->str));

          if (*s == '\0' && text[0] == '\0')
            g_free (text);
          else
            g_ptr_array_add (cells, text);
          g_string_truncate (cell, 0);
          if (*s == '\0')
            break;
          continue;
        }
      if (g_ascii_strncasecmp (s, "<br>", 4) == 0 || g_ascii_strncasecmp (s, "<br/>", 5) == 0 ||
          g_ascii_strncasecmp (s, "<br />", 6) == 0)
        {
          g_string_append_c (cell, '\n');
          s = strchr (s, '>');
          continue;
        }
      g_string_append_c (cell, *s);
    }
  g_string_free (cell, TRUE);
  return cells;
}

static gboolean
is_table_rule (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const char *c = g_ptr_array_index (cells, i);

      if (c[0] == '\0' || strspn (c, "-: ") != strlen (c))
        return FALSE;
    }
  return cells->len > 0;
}

/* The part a table's header or first cell names, or FIELD_NONE. */
static Field
cell_field (const char *cell)
{
  g_autofree char *label = g_strdup_printf ("%s:", cell);
  g_autofree char *plain = g_strdelimit (g_strstrip (g_strdup (cell)), "*_", ' ');
  Line line;

  g_strstrip (plain);
  if (g_ascii_strcasecmp (plain, "title") == 0 || g_ascii_strcasecmp (plain, "name") == 0 ||
      g_ascii_strcasecmp (plain, "question") == 0)
    return FIELD_STORY;
  if (_sb_markdown_match_label (label, &line) && line.text[0] == '\0' && line.field != FIELD_OTHER)
    return line.field;
  return FIELD_NONE;
}

/* Tables: a story as a two-column table ("| **Situation** | … |") reads
 * as labels; a table with a story per row and a column per part is
 * kept for the reader; their header and rule are markup.
 */
static void
read_tables (Parser *parser,
             guint8 *opaque,
             guint8 *skip)
{
  char **lines = parser->lines;

  for (guint i = 0; i < parser->n_lines; i++)
    {
      guint end = i, n_label_rows = 0;
      g_autoptr(GPtrArray) header = NULL;
      Field fields[32];
      guint n_star = 0, n_fields;

      if (opaque[i] || lines[i][0] == '\\' || *_sb_markdown_skip_spaces (lines[i]) != '|')
        continue;
      while (end < parser->n_lines && !opaque[end] && *_sb_markdown_skip_spaces (lines[end]) == '|')
        end++;

      for (guint j = i; j < end; j++)
        {
          g_autoptr(GPtrArray) cells = table_cells (lines[j]);

          if (cells->len == 2 && cell_field (g_ptr_array_index (cells, 0)) != FIELD_NONE)
            n_label_rows++;
        }

      header = table_cells (lines[i]);
      n_fields = MIN (header->len, G_N_ELEMENTS (fields));
      for (guint k = 0; k < n_fields; k++)
        {
          fields[k] = cell_field (g_ptr_array_index (header, k));
          n_star += IS_STAR (fields[k]);
        }

      if (n_star >= 2 && header->len >= 3)
        {
          for (guint j = i; j < end; j++)
            {
              g_autoptr(GPtrArray) cells = table_cells (lines[j]);

              if (j == i || is_table_rule (cells))
                {
                  parser->fate[j] = FATE_MARKUP;
                  skip[j] = TRUE;
                  continue;
                }
              g_ptr_array_set_size (cells, n_fields);
              for (guint k = 0; k < n_fields; k++)
                if (g_ptr_array_index (cells, k) == NULL)
                  g_ptr_array_index (cells, k) = g_strdup ("");
              {
                /* Each cell as its field ('0' + field + 1) and its text. */
                GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

                for (guint k = 0; k < n_fields; k++)
                  g_ptr_array_add (row, g_strdup_printf ("%c%s", '0' + fields[k] + 1,
                                                         (char *) g_ptr_array_index (cells, k)));
                if (parser->table_rows == NULL)
                  parser->table_rows = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
                g_hash_table_insert (parser->table_rows, GUINT_TO_POINTER (j), row);
              }
            }
        }
      else if (n_label_rows > 0)
        {
          for (guint j = i; j < end; j++)
            {
              g_autoptr(GPtrArray) cells = table_cells (lines[j]);

              if (cells->len == 2 && cell_field (g_ptr_array_index (cells, 0)) != FIELD_NONE)
                {
                  g_autofree char *label = g_strdelimit (g_strdup (g_ptr_array_index (cells, 0)), "*_", ' ');

                  g_free (lines[j]);
                  lines[j] = g_strdup_printf ("%s: %s", g_strstrip (label),
                                              (char *) g_ptr_array_index (cells, 1));
                }
              else
                {
                  if (j == i || is_table_rule (cells))
                    parser->fate[j] = FATE_MARKUP;
                  skip[j] = TRUE;
                }
            }
        }
      i = end > i ? end - 1 : i;
    }
}

static void
read_table_row (Parser    *parser,
                GPtrArray *row)
{
  gboolean titled = FALSE;

  finish_draft (parser);
  for (guint k = 0; k < row->len; k++)
    {
      const char *cell = g_ptr_array_index (row, k);

      if (cell[0] - '0' - 1 == FIELD_STORY && cell[1] != '\0')
        {
          begin_part (parser, FIELD_STORY, cell + 1, NULL, 0);
          titled = TRUE;
          break;
        }
    }
  if (!titled)
    start_draft (parser, "", 0);
  for (guint k = 0; k < row->len; k++)
    {
      const char *cell = g_ptr_array_index (row, k);
      Field field = cell[0] - '0' - 1;

      if (field == FIELD_NONE || field == FIELD_STORY || cell[1] == '\0')
        continue;
      if (field == FIELD_ACTION)
        {
          g_auto(GStrv) steps = g_strsplit (cell + 1, "\n", -1);

          begin_part (parser, FIELD_ACTION, "", NULL, 0);
          for (guint j = 0; steps[j] != NULL; j++)
            {
              Line item;

              _sb_markdown_classify (steps[j], &item);
              if (item.kind == LINE_BLANK)
                continue;
              new_step (parser, item.kind == LINE_BULLET ? item.text : _sb_markdown_skip_spaces (steps[j]));
            }
          continue;
        }
      begin_part (parser, field, cell + 1, NULL, 0);
    }
  parser->draft->last_line = parser->line;
  parser->fate[parser->line] = FATE_STORY;
  finish_draft (parser);
}

/* "<details><summary>Story: Title</summary>" is a story's title line;
 * the rest of the markup is none of the text.
 */
static void
read_details (Parser *parser,
              guint8 *opaque,
              guint8 *skip)
{
  for (guint i = 0; i < parser->n_lines; i++)
    {
      char *line = parser->lines[i];
      const char *open, *close;

      if (opaque[i] || line[0] == '\\' || !_sb_markdown_is_details_markup (line))
        continue;
      open = strstr (line, "<summary>");
      close = open ? strstr (open, "</summary>") : NULL;
      if (close != NULL)
        {
          g_autofree char *markup = g_strndup (open + 9, close - open - 9);
          g_autofree char *inner = plain_title (markup);
          Line label;

          g_free (parser->lines[i]);
          if (_sb_markdown_match_label (inner, &label) && label.field == FIELD_STORY)
            parser->lines[i] = g_strdup_printf ("Story: %s", label.text);
          else
            parser->lines[i] = g_strdup_printf ("Story: %s", inner);
          continue;
        }
      {
        g_autofree char *stripped = g_strstrip (g_strdup (line));

        if (g_str_equal (stripped, "</details>") ||
            (g_str_has_prefix (stripped, "<details") && strchr (stripped, '>') == stripped + strlen (stripped) - 1))
          {
            parser->fate[i] = FATE_MARKUP;
            skip[i] = TRUE;
          }
      }
    }
}

static const char *
fate_reason (Fate fate)
{
  switch (fate)
    {
    case FATE_FRONT_MATTER:
      return _("front matter");
    case FATE_CODE:
      return _("code block outside a story");
    case FATE_ADVICE:
      return _("advice, not a story");
    case FATE_PLAN:
      return _("plan, not a story");
    case FATE_TEMPLATE:
      return _("template or unfinished story");
    case FATE_HEADING:
      return _("heading with no story");
    case FATE_NONE:
    case FATE_STORY:
    case FATE_WORDING:
    case FATE_MARKUP:
    case FATE_FOCUS:
    default:
      return _("not part of a story");
    }
}

/* Whether the lines after @index, past blank lines and other headings,
 * are a story's: a heading that only sits above stories leaves nothing
 * out.
 */
static gboolean
heads_a_story (Parser *parser,
               guint   index)
{
  for (guint i = index + 1; i < parser->n_lines && i < index + 50; i++)
    {
      const char *s = _sb_markdown_skip_spaces (parser->lines[i]);

      if (*s == '\0' || parser->fate[i] == FATE_MARKUP)
        continue;
      if (parser->fate[i] == FATE_STORY)
        return TRUE;
      if (*s != '#')
        return FALSE;
    }
  return FALSE;
}

/* One run of lines left out: its range, and why, each reason its lines
 * have once, in the order they come.
 */
static void
add_left_out (GPtrArray    *left_out,
              guint         first,
              guint         last,
              const Fate   *fates,
              guint         n_fates)
{
  g_autoptr(GString) reason = g_string_new (NULL);
  g_autoptr(GPtrArray) said = g_ptr_array_new ();

  for (guint i = 0; i < n_fates; i++)
    {
      const char *why = fate_reason (fates[i]);

      if (g_ptr_array_find (said, why, NULL))
        continue;
      g_ptr_array_add (said, (gpointer) why);
      if (reason->len > 0)
        g_string_append (reason, ", ");
      g_string_append (reason, why);
    }
  g_ptr_array_add (left_out, sb_left_out_new (first + 1, last + 1, reason->str));
}

static GPtrArray *
collect_left_out (Parser *parser)
{
  GPtrArray *left_out = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_left_out_free);
  g_autoptr(GArray) fates = g_array_new (FALSE, FALSE, sizeof (Fate));
  guint first = 0, last = 0;

#define CLOSE_RUN() G_STMT_START { \
    if (fates->len > 0) \
      add_left_out (left_out, first, last, (const Fate *) (gpointer) fates->data, fates->len); \
    g_array_set_size (fates, 0); \
  } G_STMT_END

  for (guint i = 0; i < parser->n_lines; i++)
    {
      Fate fate = parser->fate[i];

      if (fate == FATE_STORY || fate == FATE_WORDING || fate == FATE_MARKUP)
        {
          CLOSE_RUN ();
          continue;
        }
      if (_sb_markdown_is_blank (parser->lines[i]))
        continue;
      if (fate == FATE_HEADING && heads_a_story (parser, i))
        {
          parser->fate[i] = FATE_MARKUP;
          CLOSE_RUN ();
          continue;
        }
      /* One run of lines that went into nothing is one range, whatever
       * each line is; its reason names what they are.
       */
      if (fates->len == 0)
        first = i;
      last = i;
      g_array_append_val (fates, fate);
    }
  CLOSE_RUN ();
#undef CLOSE_RUN

  return left_out;
}

/* A file that holds one story, with no title of its own (@made_title's
 * made from its words), is titled by the file's name (an Obsidian note's
 * title).
 */
static void
title_from_file (GPtrArray  *pages,
                 SbStory    *made_title,
                 const char *file_title)
{
  SbMarkdownPage *only = NULL;
  SbStory *story;
  g_autoptr(GPtrArray) tags = NULL;
  const char * const *old;

  for (guint i = 0; i < pages->len; i++)
    {
      SbMarkdownPage *page = g_ptr_array_index (pages, i);

      if (page->stories->len == 0)
        continue;
      if (only != NULL || page->stories->len > 1)
        return;
      only = page;
    }
  if (only == NULL)
    return;
  story = g_ptr_array_index (only->stories, 0);
  old = sb_story_get_tags (story);
  if (story != made_title)
    return;

  tags = g_ptr_array_new ();
  for (guint i = 0; old[i] != NULL; i++)
    if (!g_str_equal (old[i], SB_MARKDOWN_UNTITLED_TAG))
      g_ptr_array_add (tags, (gpointer) old[i]);
  g_ptr_array_add (tags, NULL);
  sb_story_set_title (story, file_title);
  sb_story_set_tags (story, (const char * const *) tags->pdata);
}

/* Where a quoted line's text starts, past its ">" markers. */
static const char *
skip_quote (const char *line)
{
  const char *s = _sb_markdown_skip_spaces (line);

  while (*s == '>')
    {
      s++;
      if (*s == ' ')
        s++;
      if (*_sb_markdown_skip_spaces (s) == '>')
        s = _sb_markdown_skip_spaces (s);
    }
  return s;
}

/* An Obsidian callout's first line, "[!note] Situation" (its ">" gone),
 * over the quoted lines after @index: a part's name is its label
 * ("Situation:"), a "Story: Title" or a title over a story's parts
 * titles the story; else the line stays as it is. Only a part's own
 * name counts: "[!info] Background" over a story's parts is no part.
 */
static void
read_callout (char  **lines,
              guint   index,
              guint   n_lines)
{
  const char *s = _sb_markdown_skip_spaces (lines[index]);
  const char *close;
  g_autofree char *title = NULL;
  g_autofree char *label_text = NULL;
  Line label;

  if (s[0] != '[' || s[1] != '!' || (close = strchr (s, ']')) == NULL)
    return;
  for (const char *c = s + 2; c < close; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      return;
  close++;
  if (*close == '+' || *close == '-')
    close++;
  title = g_strstrip (g_strdup (close));
  label_text = g_strconcat (title, ":", NULL);

  if (title[0] == '\0')
    {
      lines[index][0] = '\0';
      return;
    }
  if (_sb_markdown_match_label (title, &label) && label.field == FIELD_STORY && label.text[0] != '\0')
    {
      g_free (lines[index]);
      lines[index] = g_steal_pointer (&title);
      return;
    }
  if (_sb_markdown_match_label (label_text, &label) && label.text[0] == '\0' && !label.synonym &&
      label.field != FIELD_STORY && label.field != FIELD_PRINCIPLE && label.field != FIELD_TAGS)
    {
      g_free (lines[index]);
      lines[index] = g_steal_pointer (&label_text);
      return;
    }
  for (guint i = index + 1; i < n_lines && *_sb_markdown_skip_spaces (lines[i]) == '>'; i++)
    {
      Line line;

      _sb_markdown_classify (skip_quote (lines[i]), &line);
      if (line.kind == LINE_LABEL && IS_STAR (line.field))
        {
          g_free (lines[index]);
          lines[index] = g_strconcat ("Story: ", title, NULL);
          return;
        }
    }
}

/* "INVENT AND SIMPLIFY - quick notes" as a file's first line: a
 * principle's name in capitals names the page, as its "# Name" would.
 */
static void
capitals_heading (Parser *parser,
                  guint8 *opaque,
                  guint8 *skip)
{
  guint i;
  gboolean upper = FALSE;
  gsize end;
  g_autofree char *name = NULL;

  for (i = 0; i < parser->n_lines && (skip[i] || _sb_markdown_is_blank (parser->lines[i])); i++)
    ;
  if (i == parser->n_lines || opaque[i] || parser->catalog == NULL)
    return;
  {
    Line line;

    _sb_markdown_classify (parser->lines[i], &line);
    if (line.kind != LINE_TEXT)
      return;
  }
  end = strcspn (parser->lines[i], ":(\xe2");
  for (const char *dash = parser->lines[i]; (dash = strstr (dash, " - ")) != NULL && (gsize) (dash - parser->lines[i]) < end; dash++)
    end = dash - parser->lines[i];
  name = g_strstrip (g_strndup (parser->lines[i], end));
  for (const char *c = name; *c != '\0'; c++)
    {
      if (g_ascii_islower (*c))
        return;
      upper |= g_ascii_isupper (*c);
    }
  if (!upper || !is_known (parser, name))
    return;
  g_free (parser->lines[i]);
  parser->lines[i] = g_strconcat ("# ", sb_principle_get_name (sb_catalog_lookup_by_name (parser->catalog, name)), NULL);
}

/* "Definition (my words): …", "**Definition:** …": the text after the
 * label, or NULL.
 */
static const char *
definition_text (const char *line)
{
  const char *s = _sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (_sb_markdown_skip_spaces (line)));

  if (g_ascii_strncasecmp (s, "definition", 10) != 0 || g_ascii_isalnum (s[10]))
    return NULL;
  s = _sb_markdown_skip_spaces (s + 10);
  if (*s == '(')
    {
      s = strchr (s, ')');
      if (s == NULL)
        return NULL;
      s = _sb_markdown_skip_spaces (s + 1);
    }
  s = _sb_markdown_skip_emphasis (s);
  if (*s != ':')
    return NULL;
  return _sb_markdown_skip_spaces (_sb_markdown_skip_emphasis (_sb_markdown_skip_spaces (s + 1)));
}

static GPtrArray *
markdown_read (const char  *text,
               gssize       length,
               SbCatalog   *catalog,
               const char  *file_title,
               GPtrArray  **left_out)
{
  Parser parser = { 0, };
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree guint8 *opaque = NULL;
  g_autofree guint8 *skip = NULL;
  g_autofree guint8 *fate = NULL;
  guint n;
  gsize fence_len = 0;
  gsize fence_indent = 0;
  char fence_char = 0;

  copy = length < 0 ? g_strdup (text) : g_strndup (text, length);
  /* A carriage return alone (an old Mac's line end) ends a line too. */
  for (char *c = strchr (copy, '\r'); c != NULL; c = strchr (c + 1, '\r'))
    if (c[1] != '\n')
      *c = '\n';
  lines = g_strsplit (g_str_has_prefix (copy, "\xef\xbb\xbf") ? copy + 3 : copy, "\n", -1);
  n = g_strv_length (lines);
  parser.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_markdown_page_free);
  parser.field = FIELD_NONE;
  parser.catalog = catalog;
  parser.lines = lines;
  parser.n_lines = n;
  parser.title_line = -1;
  fate = parser.fate = g_new0 (guint8, n + 1);
  opaque = g_new0 (guint8, n + 1);
  skip = g_new0 (guint8, n + 1);

  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }

  read_front_matter (&parser, skip);
  if (parser.page_principles != NULL && parser.page_principles->len > 0)
    parser.fm_principles = g_ptr_array_copy (parser.page_principles, (GCopyFunc) g_strdup, NULL);
  if (parser.page_tags != NULL && parser.page_tags->len > 0)
    parser.fm_tags = g_ptr_array_copy (parser.page_tags, (GCopyFunc) g_strdup, NULL);

  /* Code blocks: nothing in them is structure. */
  for (guint i = 0; i < n; i++)
    {
      const char *s = _sb_markdown_skip_spaces (lines[i]);

      if (skip[i])
        continue;
      if (fence_char != 0)
        {
          /* Indented as its list item: the item's indent goes. */
          gsize indent = 0;

          while (indent < fence_indent && _sb_markdown_is_space (lines[i][indent]))
            indent++;
          memmove (lines[i], lines[i] + indent, strlen (lines[i] + indent) + 1);
          s = _sb_markdown_skip_spaces (lines[i]);
          opaque[i] = TRUE;
          if (s[0] == fence_char && strspn (s, (char[]) { fence_char, 0 }) >= fence_len &&
              *_sb_markdown_skip_spaces (s + strspn (s, (char[]) { fence_char, 0 })) == '\0')
            fence_char = 0;
          continue;
        }
      if (lines[i][0] != '\\' && _sb_markdown_is_fence (s))
        {
          opaque[i] = TRUE;
          fence_char = s[0];
          fence_len = strspn (s, (char[]) { fence_char, 0 });
          fence_indent = s - lines[i];
          memmove (lines[i], s, strlen (s) + 1);
          continue;
        }
      /* Blockquote markers go; a callout's first line reads as what it
       * names.
       */
      if (*s == '>' && lines[i][0] != '\\')
        {
          s = skip_quote (s);
          memmove (lines[i], s, strlen (s) + 1);
          read_callout (lines, i, n);
        }
    }

  read_details (&parser, opaque, skip);
  read_tables (&parser, opaque, skip);
  underlined_headings (lines, opaque);
  capitals_heading (&parser, opaque, skip);

  parser.next_star = g_new (guint, n + 1);
  parser.next_star[n] = G_MAXUINT;
  for (guint i = n; i-- > 0;)
    {
      Line line;

      parser.next_star[i] = parser.next_star[i + 1];
      if (opaque[i] || skip[i])
        continue;
      _sb_markdown_classify (lines[i], &line);
      if ((line.kind == LINE_LABEL && IS_STAR (line.field)) ||
          (line.kind == LINE_HEADING && IS_STAR (heading_part (line.text))))
        parser.next_star[i] = i;
    }

  for (guint i = 0; i < n; i++)
    {
      Line line;

      parser.line = i;
      parser.took = FALSE;
      if (skip[i])
        continue;

      if (parser.table_rows != NULL && g_hash_table_contains (parser.table_rows, GUINT_TO_POINTER (i)))
        {
          read_table_row (&parser, g_hash_table_lookup (parser.table_rows, GUINT_TO_POINTER (i)));
          continue;
        }

      if (opaque[i])
        {
          if (parser.draft != NULL && parser.field == FIELD_ACTION && parser.current == NULL)
            {
              parser.draft->step_bullet = FALSE;
              parser.draft->step_block = TRUE;
              new_step (&parser, lines[i]);
            }
          else if (parser.current != NULL)
            {
              g_string_append_c (parser.current, '\n');
              g_string_append (parser.current, lines[i]);
              parser.took = TRUE;
            }
          else
            fate[i] = FATE_CODE;
        }
      else
        {
          _sb_markdown_classify (lines[i], &line);

          if (parser.section == SECTION_DEFINITION || parser.section == SECTION_NOTES)
            {
              if (line.kind == LINE_LABEL || line.kind == LINE_BULLET || line.kind == LINE_RULE ||
                  line.kind == LINE_TABLE || line.kind == LINE_FENCE)
                line.kind = LINE_TEXT, line.text = lines[i];
            }
          /* "- Action: …" among tips or focus areas is one of them. */
          if (line.kind == LINE_LABEL && line.listed && parser.draft == NULL &&
              (parser.section == SECTION_TIPS || parser.section == SECTION_FOCUS))
            classify_item (lines[i], &line);
          /* "- **Name**: …" is a list item. */
          if (line.kind == LINE_LABEL && line.listed && line.field == FIELD_OTHER)
            classify_item (lines[i], &line);
          /* "**Investigation**:" outside a story is text. */
          if (line.kind == LINE_LABEL && parser.draft == NULL &&
              (line.field == FIELD_OTHER || line.field == FIELD_NOTES))
            line.kind = LINE_TEXT, line.text = lines[i];

          switch (line.kind)
            {
            case LINE_HEADING:
              handle_heading (&parser, lines, i, &line);
              break;
            case LINE_LABEL:
              /* "**Title:** …" names an untitled story whose parts
               * follow it, or starts the next one after a story's
               * parts; in a story with a title (a job's "Title: Senior
               * PM") it is one of its notes.
               */
              if (line.field == FIELD_STORY && line.synonym && parser.draft != NULL)
                {
                  gboolean has_part = FALSE;

                  for (guint f = 0; f <= FIELD_RESULT; f++)
                    has_part |= parser.draft->seen[f];
                  if (!has_part && parser.draft->title->len == 0)
                    {
                      if (line.text[0] != '\0')
                        g_string_assign (parser.draft->title, line.text);
                      parser.took = TRUE;
                      break;
                    }
                  if (!has_part || !story_follows_full (&parser, i + 1, TRUE, 20))
                    {
                      begin_part (&parser, FIELD_OTHER, line.text, line.label, line.label_len);
                      break;
                    }
                }
              begin_part (&parser, part_or_note (&parser, &line), line.text, line.label, line.label_len);
              break;
            case LINE_BULLET:
              handle_bullet (&parser, lines[i], &line);
              break;
            case LINE_BLANK:
              handle_text (&parser, lines[i], TRUE);
              break;
            case LINE_TEXT:
              /* "Definition (my words): …" on a principle's page. */
              if (parser.draft == NULL && parser.page != NULL && parser.page->name != NULL &&
                  parser.section == SECTION_NONE && parser.definition == NULL &&
                  definition_text (lines[i]) != NULL)
                {
                  parser.definition = g_string_new (NULL);
                  parser.current = parser.definition;
                  take_line (&parser, definition_text (lines[i]));
                  break;
                }
              /* "**Follow-up questions to expect**" in a story: its notes
               * (in an Action, "**Investigation**" is a step's name, but
               * "**Key metrics**" and the questions are notes still).
               */
              if (line.bold_only && parser.draft != NULL && parser.draft->labelled)
                {
                  g_autofree char *inner = bold_inner (lines[i]);
                  const char *name = _sb_markdown_skip_symbols (inner);
                  g_autofree char *folded = g_ascii_strdown (name, -1);
                  gsize len = strlen (name);

                  if (_sb_markdown_is_note_label (name) &&
                      (parser.field != FIELD_ACTION || g_str_has_prefix (folded, "key metrics") ||
                       strstr (folded, "question") != NULL))
                    {
                      while (len > 0 && (name[len - 1] == ':' || _sb_markdown_is_space (name[len - 1])))
                        len--;
                      begin_part (&parser, FIELD_OTHER, "", name, len);
                      break;
                    }
                }
              /* "Step 2: Designed the fix" is a step of its own, as its
               * bold block is.
               */
              if (parser.draft != NULL && parser.field == FIELD_ACTION && _sb_markdown_is_step (lines[i]))
                {
                  parser.draft->step_bullet = FALSE;
                  parser.draft->step_block = TRUE;
                  new_step (&parser, step_title (_sb_markdown_skip_spaces (lines[i])));
                  break;
                }
              if (line.bold_only && parser.draft != NULL && parser.field == FIELD_ACTION)
                {
                  g_autofree char *inner = bold_inner (lines[i]);

                  parser.draft->step_bullet = FALSE;
                  parser.draft->step_block = TRUE;
                  new_step (&parser, step_title (inner));
                  break;
                }
              /* A bold line's parts follow it closely. */
              if (line.bold_only && (parser.draft == NULL || parser.draft->labelled) &&
                  story_follows_full (&parser, i + 1, TRUE, 20))
                {
                  g_autoptr(GMatchInfo) match = NULL;
                  g_autofree char *inner = bold_inner (lines[i]);
                  const char *title;

                  match_example (inner, &match, &title);
                  ensure_page (&parser);
                  start_draft (&parser, title, 0);
                  break;
                }
              G_GNUC_FALLTHROUGH;
            case LINE_ESCAPED:
            case LINE_TABLE:
            case LINE_FENCE:
              handle_text (&parser, line.text, FALSE);
              break;
            case LINE_RULE:
            default:
              fate[i] = FATE_MARKUP;
              break;
            }
        }

      if (parser.took && fate[i] == FATE_NONE)
        fate[i] = parser.draft != NULL ? FATE_STORY : FATE_WORDING;
      if (parser.took && parser.draft != NULL)
        parser.draft->last_line = i;
    }

  parser.line = n > 0 ? n - 1 : 0;
  finish_page (&parser);

  if (left_out != NULL)
    *left_out = collect_left_out (&parser);
  if (file_title != NULL && file_title[0] != '\0')
    title_from_file (parser.pages, parser.made_title, file_title);

  g_free (parser.fm_title);
  g_clear_pointer (&parser.page_principles, g_ptr_array_unref);
  g_clear_pointer (&parser.fm_principles, g_ptr_array_unref);
  g_clear_pointer (&parser.fm_tags, g_ptr_array_unref);
  g_clear_pointer (&parser.page_tags, g_ptr_array_unref);
  g_clear_pointer (&parser.table_rows, g_hash_table_unref);
  g_clear_pointer (&parser.next_star, g_free);
  parser.fate = NULL;

  return parser.pages;
}

/**
 * sb_markdown_parse:
 * @length: the length of @text in bytes, or -1 when nul-terminated
 *
 * Reads @text, valid UTF-8, as one or more pages (each "# Name" starts
 * one). Never fails: what it does not understand it leaves out; the
 * caller decides whether what is left is enough.
 *
 * Returns: (transfer full) (element-type SbMarkdownPage): the pages
 */
GPtrArray *
sb_markdown_parse (const char *text,
                   gssize      length)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  return markdown_read (text ? text : "", length, NULL, NULL, NULL);
}

/**
 * sb_markdown_read:
 * @catalog: (nullable): the principles whose names a heading may give
 * @left_out: (out) (optional) (element-type SbLeftOut): the lines that
 *   went into nothing, merged into ranges
 *
 * Reads the Markdown pages people keep: every spelling of a part's
 * label, parts as headings, story headings of every shape, tables,
 * front matter, code blocks kept as text. A heading names a page's
 * principle only when it is the page's "# Name" or @catalog knows it.
 *
 * Returns: (transfer full) (element-type SbMarkdownPage): the pages
 */
GPtrArray *
sb_markdown_read (const char  *text,
                  gssize       length,
                  SbCatalog   *catalog,
                  GPtrArray  **left_out)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (catalog == NULL || SB_IS_CATALOG (catalog), NULL);

  return markdown_read (text ? text : "", length, catalog, NULL, left_out);
}

/**
 * sb_markdown_read_file:
 * @catalog: (nullable): the principles whose names a heading may give
 * @file_name: (nullable): the file's name or path
 * @left_out: (out) (optional) (element-type SbLeftOut): the lines that
 *   went into nothing, merged into ranges
 *
 * Like sb_markdown_read(), for a file: when it holds one story with no
 * title of its own (an Obsidian note's parts, with no "# Title"), the
 * story is titled by the file's name, without its folder, extension or
 * Notion's id, unless that names a principle.
 *
 * Returns: (transfer full) (element-type SbMarkdownPage): the pages
 */
GPtrArray *
sb_markdown_read_file (const char  *text,
                       gssize       length,
                       SbCatalog   *catalog,
                       const char  *file_name,
                       GPtrArray  **left_out)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (catalog == NULL || SB_IS_CATALOG (catalog), NULL);

  /* "think_big.md" names a principle, not a story. */
  title = _sb_text_dup_file_stem (file_name);
  if (title != NULL && catalog != NULL && sb_catalog_lookup_by_file_name (catalog, file_name) != NULL)
    g_clear_pointer (&title, g_free);

  return markdown_read (text ? text : "", length, catalog, title, left_out);
}

/**
 * sb_markdown_page_new:
 *
 * Returns: (transfer full): a page with no name and nothing in it
 */
SbMarkdownPage *
sb_markdown_page_new (void)
{
  SbMarkdownPage *page = g_new0 (SbMarkdownPage, 1);

  page->stories = g_ptr_array_new_with_free_func (g_object_unref);
  page->story_principles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  page->focus_names = g_ptr_array_new_with_free_func (g_free);
  page->focus_descriptions = g_ptr_array_new_with_free_func (g_free);
  page->tips = g_ptr_array_new_with_free_func (g_free);
  return page;
}

/**
 * sb_markdown_page_add_story:
 * @principle_names: (nullable): the names the story was labelled with
 *
 * Adds @story (a reference is taken) to @page.
 */
void
sb_markdown_page_add_story (SbMarkdownPage     *page,
                            SbStory            *story,
                            const char * const *principle_names)
{
  g_return_if_fail (page != NULL);
  g_return_if_fail (SB_IS_STORY (story));

  g_ptr_array_add (page->stories, g_object_ref (story));
  g_ptr_array_add (page->story_principles,
                   principle_names && principle_names[0] ? g_strdupv ((char **) principle_names) : NULL);
}

SbLeftOut *
sb_left_out_new (guint       first_line,
                 guint       last_line,
                 const char *reason)
{
  SbLeftOut *left_out = g_new0 (SbLeftOut, 1);

  left_out->first_line = first_line;
  left_out->last_line = last_line;
  left_out->reason = g_strdup (reason);
  return left_out;
}

void
sb_left_out_free (SbLeftOut *left_out)
{
  if (left_out == NULL)
    return;
  g_free (left_out->reason);
  g_free (left_out);
}

void
sb_markdown_page_free (SbMarkdownPage *page)
{
  if (page == NULL)
    return;

  g_free (page->name);
  g_free (page->definition);
  g_free (page->focus_heading);
  g_clear_pointer (&page->focus_names, g_ptr_array_unref);
  g_clear_pointer (&page->focus_descriptions, g_ptr_array_unref);
  g_clear_pointer (&page->tips, g_ptr_array_unref);
  g_free (page->notes);
  g_clear_pointer (&page->stories, g_ptr_array_unref);
  g_clear_pointer (&page->story_principles, g_ptr_array_unref);
  g_free (page);
}

/**
 * sb_markdown_page_is_empty:
 *
 * Returns: whether the page holds nothing to import: no story and none
 * of a principle's wording.
 */
gboolean
sb_markdown_page_is_empty (SbMarkdownPage *page)
{
  g_return_val_if_fail (page != NULL, TRUE);

  return page->stories->len == 0 &&
         (page->name == NULL ||
          ((page->definition == NULL || page->definition[0] == '\0') &&
           page->focus_names->len == 0 &&
           page->tips->len == 0 &&
           (page->notes == NULL || page->notes[0] == '\0')));
}
