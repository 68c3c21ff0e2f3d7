/* sb-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-words"

#include "config.h"

#include <string.h>

#include "sb-words.h"

/* The words of a text, as a spell checker (and later the coach) sees
 * them: runs of letters, marks and digits, with an apostrophe between
 * two letters kept inside ("don't", "O’Brien's") and a hyphen splitting
 * ("well-known" is "well" and "known"). Each word says what it is, so
 * that figures, addresses, code and names are left alone.
 *
 * A "chunk" is the run of text between two spaces holding a word: web
 * and e-mail addresses are recognised by their chunk, not their words.
 */

gboolean
sb_word_is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gunichar
char_at (const SbWordIter *iter,
         gsize             pos)
{
  return g_utf8_get_char (iter->text + pos);
}

static inline gsize
next_pos (const SbWordIter *iter,
          gsize             pos)
{
  return g_utf8_next_char (iter->text + pos) - iter->text;
}

static gboolean
has_prefix_at (const char *text,
               gsize       length,
               gsize       pos,
               const char *prefix)
{
  gsize n = strlen (prefix);

  return pos + n <= length && g_ascii_strncasecmp (text + pos, prefix, n) == 0;
}

/* Classifies the chunk starting at iter->pos and finds its end. */
static void
read_chunk (SbWordIter *iter)
{
  const char *text = iter->text;
  gsize pos = iter->pos;
  gsize first_alnum = G_MAXSIZE;
  gboolean url = FALSE;
  gboolean email = FALSE;
  gboolean at_seen = FALSE;
  gunichar prev = 0;

  while (pos < iter->length)
    {
      gunichar c = char_at (iter, pos);
      gsize next;

      if (g_unichar_isspace (c))
        break;

      next = next_pos (iter, pos);
      if (first_alnum == G_MAXSIZE && g_unichar_isalnum (c))
        first_alnum = pos;

      if (c == ':' && has_prefix_at (text, iter->length, pos, "://"))
        url = TRUE;
      else if (c == '@' && g_unichar_isalnum (prev))
        at_seen = TRUE;
      else if (c == '.' && g_unichar_isalpha (prev) && next < iter->length &&
               g_unichar_isalpha (char_at (iter, next)))
        {
          /* example.com, file.txt, e.g.: not prose words. */
          if (at_seen)
            email = TRUE;
          else
            url = TRUE;
        }

      prev = c;
      pos = next;
    }

  if (first_alnum != G_MAXSIZE && has_prefix_at (text, iter->length, first_alnum, "www."))
    url = TRUE;

  iter->chunk_end = pos;
  if (email || at_seen)
    iter->chunk_kind = SB_WORD_EMAIL;
  else if (url)
    iter->chunk_kind = SB_WORD_URL;
  else
    iter->chunk_kind = SB_WORD_PROSE;
}

static SbWordKind
classify (SbWordIter *iter,
          gsize       start,
          gsize       end)
{
  guint letters = 0;
  guint upper = 0;
  gboolean inner_upper = FALSE;
  gunichar prev = 0;

  if (iter->chunk_kind != SB_WORD_PROSE)
    return iter->chunk_kind;
  if (iter->in_code)
    return SB_WORD_CODE;
  /* snake_case identifiers */
  if ((start > 0 && iter->text[start - 1] == '_') || (end < iter->length && iter->text[end] == '_'))
    return SB_WORD_CODE;

  for (gsize pos = start; pos < end; pos = next_pos (iter, pos))
    {
      gunichar c = char_at (iter, pos);

      if (g_unichar_isdigit (c))
        return SB_WORD_NUMBER;
      if (g_unichar_isalpha (c))
        {
          gboolean is_upper = g_unichar_isupper (c) || g_unichar_istitle (c);

          letters++;
          if (is_upper)
            {
              upper++;
              /* O’Brien is a word; iPhone and JavaScript are not. */
              if (pos > start && !sb_word_is_apostrophe (prev))
                inner_upper = TRUE;
            }
        }
      prev = c;
    }

  if (letters >= 2 && upper == letters)
    return SB_WORD_ACRONYM;
  if (inner_upper)
    return SB_WORD_MIXED_CASE;

  if (iter->names != NULL && g_hash_table_size (iter->names) > 0)
    {
      g_autofree char *folded = g_utf8_casefold (iter->text + start, end - start);

      if (g_hash_table_contains (iter->names, folded))
        return SB_WORD_NAME;
    }

  return SB_WORD_PROSE;
}

/**
 * sb_word_iter_init:
 * @text: UTF-8 text
 * @length: its length in bytes, or -1 when nul-terminated
 * @names: (nullable): words not to check, as made by sb_word_names_new()
 *
 * Prepares to go through the words of @text with sb_word_iter_next().
 * @text and @names must outlive the iteration.
 */
void
sb_word_iter_init (SbWordIter *iter,
                   const char *text,
                   gssize      length,
                   GHashTable *names)
{
  g_return_if_fail (iter != NULL);

  if (text == NULL)
    text = "";
  memset (iter, 0, sizeof *iter);
  iter->text = text;
  iter->length = length < 0 ? strlen (text) : (gsize) length;
  iter->names = names;
}

/**
 * sb_word_iter_next:
 * @word: (out): the next word
 *
 * Returns: %FALSE at the end of the text
 */
gboolean
sb_word_iter_next (SbWordIter *iter,
                   SbWord     *word)
{
  g_return_val_if_fail (iter != NULL, FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  while (iter->pos < iter->length)
    {
      gunichar c = char_at (iter, iter->pos);
      gsize start, end;

      if (g_unichar_isspace (c))
        {
          /* A code span does not go on into the next paragraph. */
          if (c == '\n' || c == 0x2029)
            iter->in_code = FALSE;
          iter->pos = next_pos (iter, iter->pos);
          continue;
        }

      if (iter->pos >= iter->chunk_end)
        read_chunk (iter);

      if (c == '`')
        {
          iter->in_code = !iter->in_code;
          iter->pos++;
          continue;
        }

      if (!is_word_char (c) || g_unichar_ismark (c))
        {
          iter->pos = next_pos (iter, iter->pos);
          continue;
        }

      start = iter->pos;
      end = next_pos (iter, start);
      while (end < iter->length)
        {
          gunichar d = char_at (iter, end);
          gsize after = next_pos (iter, end);

          if (is_word_char (d))
            end = after;
          else if (sb_word_is_apostrophe (d) && after < iter->length &&
                   g_unichar_isalpha (char_at (iter, after)))
            end = after;
          else
            break;
        }

      iter->pos = end;
      word->start = start;
      word->end = end;
      word->kind = classify (iter, start, end);
      return TRUE;
    }

  return FALSE;
}

/**
 * sb_word_names_new:
 *
 * Returns: (transfer full): an empty set of words not to check, for
 * sb_word_names_add()
 */
GHashTable *
sb_word_names_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sb_word_names_add:
 * @names: a set made by sb_word_names_new()
 * @name: a name, such as a principle's ("Bias for Action")
 *
 * Adds the words of @name to @names, whatever their case.
 */
void
sb_word_names_add (GHashTable *names,
                   const char *name)
{
  SbWordIter iter;
  SbWord word;

  g_return_if_fail (names != NULL);

  if (name == NULL)
    return;

  sb_word_iter_init (&iter, name, -1, NULL);
  while (sb_word_iter_next (&iter, &word))
    g_hash_table_add (names, g_utf8_casefold (name + word.start, word.end - word.start));
}
