/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SbWordKind:
 * @SB_WORD_PROSE: a word of prose, to be checked
 * @SB_WORD_NUMBER: a number or a figure ("10x", "99.9%", "Q3", "$40k")
 * @SB_WORD_URL: part of a web address
 * @SB_WORD_EMAIL: part of an e-mail address
 * @SB_WORD_CODE: inside a `code` span
 * @SB_WORD_MIXED_CASE: CamelCase or iPhone-like
 * @SB_WORD_ACRONYM: capitals only (API, SRE)
 * @SB_WORD_NAME: one of the words of a name the caller gave
 *
 * What a word is, and so whether a spell checker should look at it.
 */
typedef enum
{
  SB_WORD_PROSE = 0,
  SB_WORD_NUMBER,
  SB_WORD_URL,
  SB_WORD_EMAIL,
  SB_WORD_CODE,
  SB_WORD_MIXED_CASE,
  SB_WORD_ACRONYM,
  SB_WORD_NAME,
} SbWordKind;

typedef struct
{
  /* Byte offsets of the word in the text: [start, end). */
  gsize      start;
  gsize      end;
  SbWordKind kind;
} SbWord;

typedef struct
{
  /*< private >*/
  const char *text;
  gsize       length;
  gsize       pos;
  GHashTable *names;
  /* The run of text between spaces holding the current position. */
  gsize       chunk_end;
  SbWordKind  chunk_kind;
  gboolean    in_code;
} SbWordIter;

void        sb_word_iter_init     (SbWordIter  *iter,
                                   const char  *text,
                                   gssize       length,
                                   GHashTable  *names);
gboolean    sb_word_iter_next     (SbWordIter  *iter,
                                   SbWord      *word);

GHashTable *sb_word_names_new     (void);
void        sb_word_names_add     (GHashTable  *names,
                                   const char  *name);

static inline gboolean
sb_word_should_check (const SbWord *word)
{
  return word->kind == SB_WORD_PROSE;
}

gboolean    sb_word_is_apostrophe (gunichar     c);

G_END_DECLS
