/* sb-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-catalog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-catalog-private.h"
#include "sb-json.h"
#include "sb-resources.h"
#include "sb-text-private.h"

#define FRAMEWORKS_PATH "/io/github/storybank/Storybank/frameworks/"

/* The built-in frameworks, in the order the sidebar shows them. */
static const char * const builtin_frameworks[] = {
  "amazon.json",
  "competencies.json",
  NULL
};

struct _SbCatalog
{
  GObject     parent_instance;

  /* SbFramework, built-in first */
  GListStore *frameworks;
  /* SbPrinciple, every framework's in order */
  GListStore *principles;
  /* id → SbPrinciple (borrowed from @principles) */
  GHashTable *by_id;
};

G_DEFINE_FINAL_TYPE (SbCatalog, sb_catalog, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sb_catalog_dispose (GObject *object)
{
  SbCatalog *self = (SbCatalog *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->principles);
  g_clear_object (&self->frameworks);

  G_OBJECT_CLASS (sb_catalog_parent_class)->dispose (object);
}

static void
sb_catalog_class_init (SbCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_catalog_dispose;

  /**
   * SbCatalog::changed:
   *
   * Emitted when the user's own principles or notes changed: what the
   * data file must save.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
principle_changed_cb (SbCatalog   *self,
                      SbPrinciple *principle)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* @position is within @framework; past its end appends. */
static void
sb_catalog_insert_at (SbCatalog   *self,
                      SbFramework *framework,
                      guint        position,
                      SbPrinciple *principle)
{
  guint n_frameworks = g_list_model_get_n_items (G_LIST_MODEL (self->frameworks));
  guint flat = 0;

  position = MIN (position, g_list_model_get_n_items (sb_framework_get_principles (framework)));

  /* Keep the flat list in framework order. */
  for (guint i = 0; i < n_frameworks; i++)
    {
      g_autoptr(SbFramework) f = g_list_model_get_item (G_LIST_MODEL (self->frameworks), i);

      if (f == framework)
        break;
      flat += g_list_model_get_n_items (sb_framework_get_principles (f));
    }

  sb_framework_insert_principle (framework, position, principle);
  g_list_store_insert (self->principles, flat + position, principle);
  g_hash_table_insert (self->by_id, (gpointer) sb_principle_get_id (principle), principle);
  g_signal_connect_object (principle, "changed",
                           G_CALLBACK (principle_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
sb_catalog_insert (SbCatalog   *self,
                   SbFramework *framework,
                   SbPrinciple *principle)
{
  sb_catalog_insert_at (self, framework, G_MAXUINT, principle);
}

static void
load_builtin (SbCatalog  *self,
              const char *name)
{
  g_autofree char *path = g_strconcat (FRAMEWORKS_PATH, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(SbFramework) framework = NULL;
  JsonObject *root;
  JsonArray *principles;
  const char *id = NULL, *framework_name = NULL;

  bytes = g_resources_lookup_data (path, 0, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("Built-in framework %s: %s", name, error->message);

  root = json_node_get_object (json_parser_get_root (parser));
  id = json_object_get_string_member (root, "id");
  framework_name = json_object_get_string_member (root, "name");
  principles = json_object_get_array_member (root, "principles");

  framework = sb_framework_new (id, framework_name, TRUE);
  g_list_store_append (self->frameworks, framework);

  for (guint i = 0; i < json_array_get_length (principles); i++)
    {
      JsonObject *object = json_array_get_object_element (principles, i);
      g_autoptr(SbPrinciple) principle = sb_principle_new_from_json (object, TRUE, id, &error);

      if (principle == NULL)
        g_error ("Built-in framework %s: %s", name, error->message);

      sb_catalog_insert (self, framework, principle);
    }
}

static void
sb_catalog_init (SbCatalog *self)
{
  sb_resources_ensure_registered ();

  self->frameworks = g_list_store_new (SB_TYPE_FRAMEWORK);
  self->principles = g_list_store_new (SB_TYPE_PRINCIPLE);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; builtin_frameworks[i] != NULL; i++)
    load_builtin (self, builtin_frameworks[i]);
}

SbCatalog *
sb_catalog_new (void)
{
  return g_object_new (SB_TYPE_CATALOG, NULL);
}

/**
 * sb_catalog_get_frameworks:
 *
 * Returns: (transfer none): a list of #SbFramework
 */
GListModel *
sb_catalog_get_frameworks (SbCatalog *self)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->frameworks);
}

/**
 * sb_catalog_get_principles:
 *
 * Returns: (transfer none): every principle of every framework, a list of
 * #SbPrinciple in framework order
 */
GListModel *
sb_catalog_get_principles (SbCatalog *self)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->principles);
}

/**
 * sb_catalog_lookup:
 *
 * Returns: (transfer none) (nullable): the principle with that id
 */
SbPrinciple *
sb_catalog_lookup (SbCatalog  *self,
                   const char *principle_id)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  if (principle_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, principle_id);
}

/**
 * sb_catalog_lookup_by_exact_name:
 *
 * Returns: (transfer none) (nullable): the principle whose name (or id)
 * is @name, ignoring case, spacing and punctuation
 */
SbPrinciple *
sb_catalog_lookup_by_exact_name (SbCatalog  *self,
                                 const char *name)
{
  g_autofree char *slug = NULL;
  guint n;

  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  slug = sb_principle_slugify (name);
  if (g_hash_table_contains (self->by_id, slug))
    return g_hash_table_lookup (self->by_id, slug);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->principles));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (G_LIST_MODEL (self->principles), i);

      if (g_str_equal (slug, sb_principle_get_name_slug (principle)))
        return principle;
    }

  return NULL;
}

static SbPrinciple *
lookup_by_key (SbCatalog  *self,
               const char *name)
{
  g_autofree char *key = sb_principle_match_key (name);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->principles));

  if (key[0] == '\0')
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (G_LIST_MODEL (self->principles), i);

      if (sb_principle_matches_key (principle, key))
        return principle;
    }
  return NULL;
}

/**
 * sb_catalog_lookup_by_name:
 * @name: a principle's name as people write it
 *
 * Finds a principle by its name loosely, as an imported file or the
 * command line names it: first by its exact name or id (ignoring case,
 * spacing and punctuation), then ignoring numbering, "and"/"&", filler
 * words, plurals, camelCase and a leading "Insist on", by its name or one
 * of its aliases ("High Standards", "Backbone"), and last by the part of
 * @name before or after a colon or dash ("Leadership Principle: Earn
 * Trust").
 *
 * Returns: (transfer none) (nullable): the principle
 */
SbPrinciple *
sb_catalog_lookup_by_name (SbCatalog  *self,
                           const char *name)
{
  static const char * const separators[] = { ":", " - ", " \u2013 ", " \u2014 ", "\u2014", "|", NULL };
  SbPrinciple *found;

  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((found = sb_catalog_lookup_by_exact_name (self, name)) != NULL ||
      (found = lookup_by_key (self, name)) != NULL)
    return found;

  for (guint i = 0; separators[i] != NULL; i++)
    {
      const char *at = strstr (name, separators[i]);
      g_autofree char *before = NULL;

      if (at == NULL)
        continue;
      before = g_strndup (name, at - name);
      if ((found = lookup_by_key (self, at + strlen (separators[i]))) != NULL ||
          (found = lookup_by_key (self, before)) != NULL)
        return found;
    }

  return NULL;
}

/* Names in a principle or tag cell or line, as people write them. */

static gboolean
is_known_name (SbCatalog  *self,
               const char *name)
{
  return self != NULL && name[0] != '\0' &&
         (sb_catalog_lookup_by_exact_name (self, name) != NULL ||
          lookup_by_key (self, name) != NULL);
}

/* "N/A", "TBD", "-", "?", "none": no name, what a template or a tired
 * hand left in its place. A tag is one only when it has no letters or
 * digits: "todo" may be a tag of the user's own.
 */
static gboolean
is_placeholder_name (const char *name,
                     gboolean    tags)
{
  static const char * const words[] = {
    "na", "n a", "tbd", "tba", "tbc", "todo", "to do", "none", "nil", "null",
    "nothing", "unknown", "pending", "wip", "tk", "empty",
  };
  g_autoptr(GString) normalised = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          space = TRUE;
          continue;
        }
      if (space && normalised->len > 0)
        g_string_append_c (normalised, ' ');
      space = FALSE;
      g_string_append_unichar (normalised, g_unichar_tolower (c));
    }

  if (normalised->len == 0)
    return TRUE;
  if (tags)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (normalised->str, words[i]))
      return TRUE;
  return FALSE;
}

/* A piece of a cell or line as a name. A principle's note in parentheses
 * goes ("Ownership (LP #2)": the note alone when it is all there is),
 * Markdown's marks become spaces and runs of space one; a tag keeps its
 * characters but for "#" and marks at either end.
 */
static char *
clean_name (const char *piece,
            gsize       length,
            gboolean    tags)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  guint depth = 0;
  gboolean alnum = FALSE;
  gsize start = 0, end;
  GString *text;

  for (gsize i = 0; i < length; i++)
    {
      char c = piece[i];

      if (!tags && c == '(')
        {
          if (depth++ > 0)
            g_string_append_c (note, c);
          else
            g_string_append_c (note, ' ');
          continue;
        }
      if (!tags && c == ')' && depth > 0)
        {
          if (--depth > 0)
            g_string_append_c (note, c);
          continue;
        }
      if (depth > 0)
        {
          g_string_append_c (note, c);
          continue;
        }
      if (!tags && strchr ("[]*\"`", c) != NULL)
        c = ' ';
      alnum |= g_ascii_isalnum (c) || (guchar) c >= 0x80;
      g_string_append_c (out, c);
    }

  text = alnum || tags ? out : note;

  /* One space for each run (a tag's spaces are its own). */
  if (!tags)
    {
      gsize j = 0;

      for (gsize i = 0; i < text->len; i++)
        {
          char c = g_ascii_isspace (text->str[i]) ? ' ' : text->str[i];

          if (c == ' ' && (j == 0 || text->str[j - 1] == ' '))
            continue;
          text->str[j++] = c;
        }
      g_string_truncate (text, j);
    }

  end = text->len;
  while (start < end && (g_ascii_isspace (text->str[start]) || text->str[start] == '#' ||
                         (tags && strchr ("[*\"`", text->str[start]) != NULL) ||
                         (!tags && strchr ("-*", text->str[start]) != NULL)))
    start++;
  while (end > start && (g_ascii_isspace (text->str[end - 1]) || strchr (",;:.", text->str[end - 1]) != NULL ||
                         (tags && strchr ("]*\"`", text->str[end - 1]) != NULL)))
    end--;

  return g_strndup (text->str + start, end - start);
}

typedef struct
{
  gsize    start;
  gsize    end;
  gboolean line_end;  /* a line end follows it */
} Piece;

/* @text cut on ";", ",", "|", "•" and line ends (a principle's not
 * inside parentheses, when they close), a tag's also before a "#" after
 * a space ("#reliability #kafka").
 */
static GArray *
split_pieces (const char *text,
              gboolean    tags,
              gboolean    parens)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  Piece piece = { 0, 0, FALSE };
  guint depth = 0;
  gsize i = 0;

  while (text[i] != '\0')
    {
      char c = text[i];
      gsize sep = 0;

      if (parens && c == '(')
        depth++;
      else if (parens && c == ')' && depth > 0)
        depth--;

      if (c == '\n' || c == '\r')
        {
          sep = 1;
          depth = 0;
          piece.line_end = TRUE;
        }
      else if (depth == 0 && (c == ';' || c == ',' || c == '|'))
        sep = 1;
      else if (depth == 0 && strncmp (text + i, "•", strlen ("•")) == 0)
        sep = strlen ("•");
      else if (tags && c == '#' && i > piece.start && g_ascii_isspace (text[i - 1]))
        {
          piece.end = i;
          g_array_append_val (pieces, piece);
          piece.start = i;
          piece.line_end = FALSE;
          i++;
          continue;
        }

      if (sep == 0)
        {
          i++;
          continue;
        }
      piece.end = i;
      g_array_append_val (pieces, piece);
      i += sep;
      piece.start = i;
      piece.line_end = FALSE;
    }

  /* "Ownership (LP" with no ")": its parentheses are no note's. */
  if (depth > 0)
    {
      g_array_unref (pieces);
      return split_pieces (text, tags, FALSE);
    }

  piece.end = i;
  g_array_append_val (pieces, piece);
  return pieces;
}

static void
add_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return;
  g_ptr_array_add (names, g_strdup (name));
}

/* "Ownership and Dive Deep", "Ownership/Dive Deep" or "Ownership +
 * Dive Deep" as two names, when each side is a principle (and the whole
 * is none: "Invent and Simplify" is one). A name of the user's own stays
 * whole: "Sales/Marketing Alignment", "Trust + Safety".
 */
static gboolean
split_on_and (SbCatalog  *self,
              const char *name,
              GPtrArray  *out)
{
  for (const char *p = name; *p != '\0'; p++)
    {
      g_autofree char *left = NULL;
      g_autofree char *right = NULL;
      g_autoptr(GPtrArray) rest = NULL;
      gsize len;

      if (g_ascii_strncasecmp (p, " and ", 5) == 0)
        len = 5;
      else if (strncmp (p, " & ", 3) == 0)
        len = 3;
      else if (*p == '/' || *p == '+')
        len = 1;
      else
        continue;

      left = g_strstrip (g_strndup (name, p - name));
      if (!is_known_name (self, left))
        continue;
      right = g_strstrip (g_strdup (p + len));
      rest = g_ptr_array_new_with_free_func (g_free);
      if (is_known_name (self, right))
        g_ptr_array_add (rest, g_steal_pointer (&right));
      else if (!split_on_and (self, right, rest))
        continue;

      g_ptr_array_add (out, g_steal_pointer (&left));
      for (guint i = 0; i < rest->len; i++)
        g_ptr_array_add (out, g_strdup (g_ptr_array_index (rest, i)));
      return TRUE;
    }

  return FALSE;
}

/**
 * _sb_catalog_split_names:
 * @self: (nullable): the principles a name may be
 * @text: a Principles or Tags cell, or the text of a "Principle:",
 *   "LP:" or "Tags:" line
 * @tags: whether @text names tags
 * @names: (element-type utf8): where the names go, repeats left out
 *
 * Splits @text into the names it holds the way people write them, for
 * the spreadsheet and Markdown readers alike: on ";", ",", "|", "•" and
 * line ends, a principle's also on "/", "+", " and " or " & " when the
 * whole is no principle and each side is one ("Ownership/Dive Deep", but
 * "Sales/Marketing Alignment" and "Trust + Safety" stay whole). Pieces that
 * together name a principle stay one ("Are Right, A Lot", "Have
 * Backbone; Disagree and Commit"), a principle's note in parentheses
 * goes ("Ownership (LP #2)"), placeholders ("N/A", "TBD", "-", "?",
 * "none") name nothing, and "#reliability #kafka" is two tags.
 * Without @self nothing is known: names are only split.
 */
void
_sb_catalog_split_names (SbCatalog  *self,
                         const char *text,
                         gboolean    tags,
                         GPtrArray  *names)
{
  g_autoptr(GArray) pieces = NULL;
  g_autofree char *whole = NULL;

  g_return_if_fail (self == NULL || SB_IS_CATALOG (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (names != NULL);

  whole = clean_name (text, strlen (text), tags);
  if (is_placeholder_name (whole, tags))
    return;
  if (!tags && strpbrk (text, "\r\n") == NULL && is_known_name (self, whole))
    {
      add_name (names, whole);
      return;
    }

  pieces = split_pieces (text, tags, !tags);
  for (guint i = 0; i < pieces->len;)
    {
      Piece *first = &g_array_index (pieces, Piece, i);
      g_autofree char *name = NULL;
      guint last = i;

      /* The longest run of pieces on one line that names a principle. */
      for (guint k = i + 1; !tags && k < pieces->len && k <= i + 3; k++)
        {
          Piece *piece = &g_array_index (pieces, Piece, k);
          g_autofree char *joined = NULL;

          if (g_array_index (pieces, Piece, k - 1).line_end)
            break;
          joined = clean_name (text + first->start, piece->end - first->start, FALSE);
          if (is_known_name (self, joined) || is_placeholder_name (joined, FALSE))
            last = k;
        }

      name = clean_name (text + first->start, g_array_index (pieces, Piece, last).end - first->start, tags);
      i = last + 1;

      if (is_placeholder_name (name, tags))
        continue;
      if (!tags && !is_known_name (self, name))
        {
          g_autoptr(GPtrArray) sides = g_ptr_array_new_with_free_func (g_free);

          if (split_on_and (self, name, sides))
            {
              for (guint j = 0; j < sides->len; j++)
                add_name (names, g_ptr_array_index (sides, j));
              continue;
            }
        }
      add_name (names, name);
    }
}

static gboolean
is_filler_word (const char *word,
                gboolean    leading)
{
  static const char * const trailing[] = { "stories", "story", "notes", "examples", "answers", "star", NULL };

  if (word[0] == '\0')
    return TRUE;
  if (leading)
    return g_ascii_strcasecmp (word, "lp") == 0 || strspn (word, "0123456789") == strlen (word);
  for (guint i = 0; trailing[i] != NULL; i++)
    if (g_ascii_strcasecmp (word, trailing[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * sb_catalog_lookup_by_file_name:
 * @file_name: (nullable): a page's or sheet's file name or path
 *
 * The principle a file's name names, in any style: "earnTrust.md",
 * "earn_trust.md", "02 - Earn Trust.md", "LP_05_learn_and_be_curious.md",
 * "Earn Trust stories.md", "Earn Trust 1a2b…6d.md" (Notion's): the name
 * without its folder, extension, Notion's id, "LP", numbers and a word
 * such as "stories", found with sb_catalog_lookup_by_name().
 *
 * Returns: (transfer none) (nullable): the principle
 */
SbPrinciple *
sb_catalog_lookup_by_file_name (SbCatalog  *self,
                                const char *file_name)
{
  g_autofree char *stem = _sb_text_dup_file_stem (file_name);
  g_autoptr(GString) rest = NULL;
  g_auto(GStrv) words = NULL;
  SbPrinciple *found;
  guint first = 0, last;

  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  if (stem == NULL)
    return NULL;
  if ((found = sb_catalog_lookup_by_name (self, stem)) != NULL)
    return found;

  /* Without "LP", numbers and a word such as "stories" around the name. */
  words = g_strsplit_set (stem, " _-", -1);
  last = g_strv_length (words);
  while (first < last && is_filler_word (words[first], TRUE))
    first++;
  while (last > first && is_filler_word (words[last - 1], FALSE))
    last--;
  if (first == last || (first == 0 && last == g_strv_length (words)))
    return NULL;
  rest = g_string_new (words[first]);
  for (guint i = first + 1; i < last; i++)
    g_string_append_printf (rest, " %s", words[i]);
  return sb_catalog_lookup_by_name (self, rest->str);
}

/**
 * sb_catalog_lookup_framework:
 *
 * Returns: (transfer none) (nullable): the framework with that id
 */
SbFramework *
sb_catalog_lookup_framework (SbCatalog  *self,
                             const char *framework_id)
{
  guint n;

  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->frameworks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (G_LIST_MODEL (self->frameworks), i);

      if (g_strcmp0 (sb_framework_get_id (framework), framework_id) == 0)
        return framework;
    }

  return NULL;
}

/**
 * sb_catalog_ensure_framework:
 * @name: (nullable): its name, when it has to be made
 *
 * Returns: (transfer none): the framework with that id, made as a
 * user framework when there is none yet.
 */
SbFramework *
sb_catalog_ensure_framework (SbCatalog  *self,
                             const char *framework_id,
                             const char *name)
{
  g_autoptr(SbFramework) framework = NULL;
  SbFramework *found;

  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  if (framework_id == NULL || framework_id[0] == '\0')
    framework_id = SB_FRAMEWORK_USER;

  if ((found = sb_catalog_lookup_framework (self, framework_id)))
    return found;

  if (name == NULL)
    name = g_str_equal (framework_id, SB_FRAMEWORK_USER) ? _("My Principles") : framework_id;

  framework = sb_framework_new (framework_id, name, FALSE);
  g_list_store_append (self->frameworks, framework);

  return framework;
}

/* A slug of @name (or @fallback) that @taken does not know yet: "name",
 * else "name-2", "name-3"…
 */
static char *
make_unique_id (SbCatalog  *self,
                const char *name,
                const char *fallback,
                gboolean  (*taken) (SbCatalog *, const char *))
{
  g_autofree char *slug = sb_principle_slugify (name ? name : "");
  char *id;

  if (slug[0] == '\0')
    {
      g_free (slug);
      slug = g_strdup (fallback);
    }

  id = g_strdup (slug);
  for (guint i = 2; taken (self, id); i++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", slug, i);
    }

  return id;
}

static gboolean
principle_id_taken (SbCatalog  *self,
                    const char *id)
{
  return g_hash_table_contains (self->by_id, id);
}

static gboolean
framework_id_taken (SbCatalog  *self,
                    const char *id)
{
  return sb_catalog_lookup_framework (self, id) != NULL;
}

/**
 * sb_catalog_make_id:
 *
 * Returns: an id for a new principle called @name, unused in the catalog.
 */
char *
sb_catalog_make_id (SbCatalog  *self,
                    const char *name)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  return make_unique_id (self, name, "principle", principle_id_taken);
}

/**
 * sb_catalog_add_principle:
 * @principle: a user-made principle with an id not in the catalog
 *
 * Files it under its framework, made when missing.
 */
void
sb_catalog_add_principle (SbCatalog   *self,
                          SbPrinciple *principle)
{
  SbFramework *framework;

  g_return_if_fail (SB_IS_CATALOG (self));
  g_return_if_fail (SB_IS_PRINCIPLE (principle));
  g_return_if_fail (!sb_principle_get_builtin (principle));
  g_return_if_fail (sb_catalog_lookup (self, sb_principle_get_id (principle)) == NULL);

  framework = sb_catalog_ensure_framework (self, sb_principle_get_framework_id (principle), NULL);
  sb_catalog_insert (self, framework, principle);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
sb_catalog_remove_principle (SbCatalog   *self,
                             SbPrinciple *principle)
{
  g_autoptr(SbPrinciple) hold = NULL;
  SbFramework *framework;
  guint position;

  g_return_val_if_fail (SB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (SB_IS_PRINCIPLE (principle), FALSE);

  if (sb_principle_get_builtin (principle) ||
      !g_list_store_find (self->principles, principle, &position))
    return FALSE;

  hold = g_object_ref (principle);
  g_signal_handlers_disconnect_by_func (principle, principle_changed_cb, self);
  g_hash_table_remove (self->by_id, sb_principle_get_id (principle));
  g_list_store_remove (self->principles, position);

  framework = sb_catalog_lookup_framework (self, sb_principle_get_framework_id (principle));
  if (framework != NULL)
    sb_framework_remove_principle (framework, principle);

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * sb_catalog_reset_user:
 *
 * Forgets every user-made principle, and the user's wording of the
 * built-in ones (before a reload).
 */
void
sb_catalog_reset_user (SbCatalog *self)
{
  guint n;

  g_return_if_fail (SB_IS_CATALOG (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->principles));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (G_LIST_MODEL (self->principles), i - 1);

      if (!sb_principle_get_builtin (principle))
        sb_catalog_remove_principle (self, principle);
      else
        sb_principle_reset_user_wording (principle);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->frameworks));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (G_LIST_MODEL (self->frameworks), i - 1);

      if (!sb_framework_get_builtin (framework))
        g_list_store_remove (self->frameworks, i - 1);
    }
}

/**
 * sb_catalog_load_user_json:
 * @principles: the data file's "principles"
 *
 * Adds the user's own principles and applies their wording for built-in
 * ones.
 *
 * Returns: %FALSE with @error when an entry is not a principle
 */
gboolean
sb_catalog_load_user_json (SbCatalog  *self,
                           JsonArray  *principles,
                           GError    **error)
{
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (SB_IS_CATALOG (self), FALSE);

  /* A damaged entry is reported but does not stop the ones after it. */
#define SKIP(e) { if (first_error == NULL) first_error = g_steal_pointer (&e); g_clear_error (&e); continue; }
  for (guint i = 0; i < json_array_get_length (principles); i++)
    {
      JsonNode *node = json_array_get_element (principles, i);
      g_autoptr(SbPrinciple) principle = NULL;
      JsonObject *object;
      SbPrinciple *existing;
      const char *id = NULL;
      const char *framework_name = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (&local_error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID,
                       _("Principle %u is not an object"), i + 1);
          SKIP (local_error);
        }

      object = json_node_get_object (node);
      if (!sb_json_get_string (object, "id", &id, &local_error))
        SKIP (local_error);

      existing = sb_catalog_lookup (self, id);
      if (existing != NULL && sb_principle_get_builtin (existing))
        {
          sb_principle_apply_user_json (existing, object, &local_error);
          if (local_error != NULL)
            SKIP (local_error);
          continue;
        }

      principle = sb_principle_new_from_json (object, FALSE, SB_FRAMEWORK_USER, &local_error);
      if (principle == NULL)
        SKIP (local_error);

      /* A user framework's name rides along in each of its principles
       * (see sb_catalog_dup_user_json()); older files lack it.
       */
      if (!sb_json_get_string (object, "framework-name", &framework_name, &local_error))
        SKIP (local_error);
      if (framework_name != NULL && framework_name[0] != '\0')
        sb_catalog_ensure_framework (self, sb_principle_get_framework_id (principle), framework_name);

      if (existing != NULL)
        sb_catalog_remove_principle (self, existing);

      sb_catalog_add_principle (self, principle);
    }
#undef SKIP

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * sb_catalog_dup_user_json:
 *
 * Returns: the data file's "principles" array: the user-made principles
 * and the user's wording for built-in ones, never the built-in text.
 *
 * Format version 1 has no list of frameworks, so a user-made principle
 * carries its framework's id as "framework" and its name as
 * "framework-name"; the frameworks come back in the order their first
 * principle appears. A user framework without principles is not saved.
 * Files written before "framework-name" existed still load: such a
 * framework is named after its id ("user" as "My Principles").
 */
char *
sb_catalog_dup_user_json (SbCatalog *self,
                          guint      indent)
{
  GString *out = g_string_new ("[");
  guint n;
  gboolean first = TRUE;

  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->principles));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (G_LIST_MODEL (self->principles), i);

      if (!sb_principle_has_user_content (principle))
        continue;

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      sb_json_write_indent (out, indent + 1);
      if (sb_principle_get_builtin (principle))
        sb_principle_write_user_json (principle, out, indent + 1);
      else
        {
          SbFramework *framework = sb_catalog_lookup_framework (self, sb_principle_get_framework_id (principle));

          sb_principle_write_user_json_full (principle, out, indent + 1,
                                             framework ? sb_framework_get_name (framework) : NULL);
        }
    }

  if (!first)
    sb_json_write_indent (out, indent);
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

/**
 * sb_catalog_insert_principle:
 * @principle: a user-made principle with an id not in the catalog
 * @position: its place within its framework; past the end appends
 *
 * Like sb_catalog_add_principle(), at a given place (to undo a removal).
 */
void
sb_catalog_insert_principle (SbCatalog   *self,
                             SbPrinciple *principle,
                             guint        position)
{
  SbFramework *framework;

  g_return_if_fail (SB_IS_CATALOG (self));
  g_return_if_fail (SB_IS_PRINCIPLE (principle));
  g_return_if_fail (!sb_principle_get_builtin (principle));
  g_return_if_fail (sb_catalog_lookup (self, sb_principle_get_id (principle)) == NULL);

  framework = sb_catalog_ensure_framework (self, sb_principle_get_framework_id (principle), NULL);
  sb_catalog_insert_at (self, framework, position, principle);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_catalog_get_principle_position:
 *
 * Returns: the principle's place within its framework, or %G_MAXUINT when
 * it is not in the catalog
 */
guint
sb_catalog_get_principle_position (SbCatalog   *self,
                                   SbPrinciple *principle)
{
  SbFramework *framework;
  guint position;

  g_return_val_if_fail (SB_IS_CATALOG (self), G_MAXUINT);
  g_return_val_if_fail (SB_IS_PRINCIPLE (principle), G_MAXUINT);

  framework = sb_catalog_lookup_framework (self, sb_principle_get_framework_id (principle));
  if (framework == NULL ||
      !g_list_store_find (G_LIST_STORE (sb_framework_get_principles (framework)), principle, &position))
    return G_MAXUINT;

  return position;
}

/* Takes @principle out of both lists, without a signal. */
static void
sb_catalog_take_out (SbCatalog   *self,
                     SbPrinciple *principle)
{
  SbFramework *framework;
  guint position;

  if (g_list_store_find (self->principles, principle, &position))
    g_list_store_remove (self->principles, position);
  framework = sb_catalog_lookup_framework (self, sb_principle_get_framework_id (principle));
  if (framework != NULL)
    sb_framework_remove_principle (framework, principle);
}

/**
 * sb_catalog_move_principle:
 * @position: its new place within its framework
 *
 * Reorders a user-made principle within its framework.
 */
void
sb_catalog_move_principle (SbCatalog   *self,
                           SbPrinciple *principle,
                           guint        position)
{
  g_autoptr(SbPrinciple) hold = NULL;
  SbFramework *framework;

  g_return_if_fail (SB_IS_CATALOG (self));
  g_return_if_fail (SB_IS_PRINCIPLE (principle));
  g_return_if_fail (!sb_principle_get_builtin (principle));
  g_return_if_fail (sb_catalog_lookup (self, sb_principle_get_id (principle)) == principle);

  if (sb_catalog_get_principle_position (self, principle) == position)
    return;

  hold = g_object_ref (principle);
  framework = sb_catalog_lookup_framework (self, sb_principle_get_framework_id (principle));
  sb_catalog_take_out (self, principle);
  sb_catalog_insert_at (self, framework, position, principle);
  /* sb_catalog_insert_at() connected ::changed once more. */
  g_signal_handlers_disconnect_by_func (principle, principle_changed_cb, self);
  g_signal_connect_object (principle, "changed",
                           G_CALLBACK (principle_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_catalog_set_principle_framework:
 * @framework_id: a framework of the catalog, or a new user framework's id
 * @framework_name: (nullable): the name of a framework made for it
 *
 * Files a user-made principle under another user framework, at its end.
 */
void
sb_catalog_set_principle_framework (SbCatalog   *self,
                                    SbPrinciple *principle,
                                    const char  *framework_id,
                                    const char  *framework_name)
{
  g_autoptr(SbPrinciple) hold = NULL;
  SbFramework *framework;

  g_return_if_fail (SB_IS_CATALOG (self));
  g_return_if_fail (SB_IS_PRINCIPLE (principle));
  g_return_if_fail (!sb_principle_get_builtin (principle));
  g_return_if_fail (sb_catalog_lookup (self, sb_principle_get_id (principle)) == principle);

  if (framework_id == NULL || framework_id[0] == '\0')
    framework_id = SB_FRAMEWORK_USER;
  if (g_strcmp0 (framework_id, sb_principle_get_framework_id (principle)) == 0)
    return;

  framework = sb_catalog_lookup_framework (self, framework_id);
  g_return_if_fail (framework == NULL || !sb_framework_get_builtin (framework));

  hold = g_object_ref (principle);
  sb_catalog_take_out (self, principle);
  g_signal_handlers_disconnect_by_func (principle, principle_changed_cb, self);
  g_hash_table_remove (self->by_id, sb_principle_get_id (principle));
  sb_principle_set_framework_id (principle, framework_id);
  framework = sb_catalog_ensure_framework (self, framework_id, framework_name);
  sb_catalog_insert (self, framework, principle);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_catalog_make_framework_id:
 *
 * Returns: an id for a new framework called @name, unused in the catalog.
 */
char *
sb_catalog_make_framework_id (SbCatalog  *self,
                              const char *name)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  return make_unique_id (self, name, "framework", framework_id_taken);
}

/**
 * sb_catalog_insert_framework:
 * @framework: a user framework not in the catalog; its principles are
 *   not added
 * @position: its place among the frameworks; past the end appends
 */
void
sb_catalog_insert_framework (SbCatalog   *self,
                             SbFramework *framework,
                             guint        position)
{
  guint n;

  g_return_if_fail (SB_IS_CATALOG (self));
  g_return_if_fail (SB_IS_FRAMEWORK (framework));
  g_return_if_fail (!sb_framework_get_builtin (framework));
  g_return_if_fail (sb_catalog_lookup_framework (self, sb_framework_get_id (framework)) == NULL);
  g_return_if_fail (g_list_model_get_n_items (sb_framework_get_principles (framework)) == 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->frameworks));
  g_list_store_insert (self->frameworks, MIN (position, n), framework);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_catalog_get_framework_position:
 *
 * Returns: the framework's place among the frameworks, or %G_MAXUINT
 */
guint
sb_catalog_get_framework_position (SbCatalog   *self,
                                   SbFramework *framework)
{
  guint position;

  g_return_val_if_fail (SB_IS_CATALOG (self), G_MAXUINT);

  if (!g_list_store_find (self->frameworks, framework, &position))
    return G_MAXUINT;
  return position;
}

/**
 * sb_catalog_rename_framework:
 *
 * Renames a user framework; built-in ones keep their names.
 *
 * Returns: whether it was renamed
 */
gboolean
sb_catalog_rename_framework (SbCatalog  *self,
                             const char *framework_id,
                             const char *name)
{
  SbFramework *framework;

  g_return_val_if_fail (SB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  framework = sb_catalog_lookup_framework (self, framework_id);
  if (framework == NULL || sb_framework_get_builtin (framework) || name[0] == '\0')
    return FALSE;
  if (g_strcmp0 (sb_framework_get_name (framework), name) == 0)
    return TRUE;

  sb_framework_set_name (framework, name);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * sb_catalog_remove_framework:
 *
 * Removes a user framework with all its principles. Stories keep the
 * principles' ids: see sb_principle_undo_delete_framework() for removing
 * them as the user asks, with undo.
 *
 * Returns: whether it was removed
 */
gboolean
sb_catalog_remove_framework (SbCatalog  *self,
                             const char *framework_id)
{
  g_autoptr(SbFramework) framework = NULL;
  GListModel *principles;
  guint position;

  g_return_val_if_fail (SB_IS_CATALOG (self), FALSE);

  framework = sb_catalog_lookup_framework (self, framework_id);
  if (framework == NULL || sb_framework_get_builtin (framework))
    return FALSE;

  g_object_ref (framework);
  principles = sb_framework_get_principles (framework);
  while (g_list_model_get_n_items (principles) > 0)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, 0);

      sb_catalog_remove_principle (self, principle);
    }

  if (g_list_store_find (self->frameworks, framework, &position))
    g_list_store_remove (self->frameworks, position);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}
