/* sb-answer-transcript.c: the words heard in a spoken answer, with times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-answer-transcript"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-answer-report.h"

struct _SbAnswerTranscript
{
  gatomicrefcount  ref_count;
  GArray          *words;   /* SbAnswerWord */
  GArray          *pauses;  /* SbAnswerPause */
  guint            total_ms;
  guint            voiced_ms;
  guint            n_syllables;
};

G_DEFINE_BOXED_TYPE (SbAnswerTranscript, sb_answer_transcript,
                     sb_answer_transcript_ref, sb_answer_transcript_unref)

static void
word_clear (gpointer data)
{
  SbAnswerWord *word = data;

  g_free (word->text);
}

/**
 * sb_answer_transcript_new:
 *
 * Returns: (transfer full): an empty transcript: nothing heard
 */
SbAnswerTranscript *
sb_answer_transcript_new (void)
{
  SbAnswerTranscript *self = g_new0 (SbAnswerTranscript, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->words = g_array_new (FALSE, FALSE, sizeof (SbAnswerWord));
  g_array_set_clear_func (self->words, word_clear);
  self->pauses = g_array_new (FALSE, FALSE, sizeof (SbAnswerPause));
  return self;
}

SbAnswerTranscript *
sb_answer_transcript_ref (SbAnswerTranscript *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sb_answer_transcript_unref (SbAnswerTranscript *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->words);
      g_array_unref (self->pauses);
      g_free (self);
    }
}

/**
 * sb_answer_transcript_add_word:
 * @text: the word as recognised
 *
 * Appends a word, lower-cased; words come in the order they were said.
 */
void
sb_answer_transcript_add_word (SbAnswerTranscript *self,
                               const char         *text,
                               guint               start_ms,
                               guint               end_ms)
{
  SbAnswerWord word;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  if (!g_utf8_validate (text, -1, NULL) || *text == '\0')
    return;

  word.text = g_utf8_strdown (text, -1);
  word.start_ms = start_ms;
  word.end_ms = MAX (start_ms, end_ms);
  g_array_append_val (self->words, word);
  self->total_ms = MAX (self->total_ms, word.end_ms);
}

void
sb_answer_transcript_add_pause (SbAnswerTranscript *self,
                                guint               start_ms,
                                guint               end_ms)
{
  SbAnswerPause pause;

  g_return_if_fail (self != NULL);
  g_return_if_fail (end_ms >= start_ms);

  pause.start_ms = start_ms;
  pause.end_ms = end_ms;
  g_array_append_val (self->pauses, pause);
}

void
sb_answer_transcript_set_duration (SbAnswerTranscript *self,
                                   guint               total_ms,
                                   guint               voiced_ms)
{
  g_return_if_fail (self != NULL);

  self->total_ms = total_ms;
  self->voiced_ms = MIN (voiced_ms, total_ms);
}

void
sb_answer_transcript_set_syllables (SbAnswerTranscript *self,
                                    guint               n_syllables)
{
  g_return_if_fail (self != NULL);

  self->n_syllables = n_syllables;
}

guint
sb_answer_transcript_get_syllables (SbAnswerTranscript *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_syllables;
}

guint
sb_answer_transcript_get_n_words (SbAnswerTranscript *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->words->len;
}

const SbAnswerWord *
sb_answer_transcript_get_word (SbAnswerTranscript *self,
                               guint               position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->words->len, NULL);

  return &g_array_index (self->words, SbAnswerWord, position);
}

guint
sb_answer_transcript_get_n_pauses (SbAnswerTranscript *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pauses->len;
}

const SbAnswerPause *
sb_answer_transcript_get_pause (SbAnswerTranscript *self,
                                guint               position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->pauses->len, NULL);

  return &g_array_index (self->pauses, SbAnswerPause, position);
}

guint
sb_answer_transcript_get_total_ms (SbAnswerTranscript *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total_ms;
}

guint
sb_answer_transcript_get_voiced_ms (SbAnswerTranscript *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->voiced_ms;
}

/**
 * sb_answer_transcript_dup_text:
 *
 * Returns: (transfer full): the words joined by single spaces, "" when
 * nothing was heard
 */
char *
sb_answer_transcript_dup_text (SbAnswerTranscript *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->words->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_array_index (self->words, SbAnswerWord, i).text);
    }
  return g_string_free (text, FALSE);
}

/**
 * sb_answer_transcript_to_json:
 *
 * Returns: (transfer full): an object with "total-ms", "voiced-ms",
 * "syllables", "words" ([text, start, end] each) and "pauses" ([start, end] each)
 */
JsonNode *
sb_answer_transcript_to_json (SbAnswerTranscript *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total-ms");
  json_builder_add_int_value (builder, self->total_ms);
  json_builder_set_member_name (builder, "voiced-ms");
  json_builder_add_int_value (builder, self->voiced_ms);
  json_builder_set_member_name (builder, "syllables");
  json_builder_add_int_value (builder, self->n_syllables);
  json_builder_set_member_name (builder, "words");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->words->len; i++)
    {
      const SbAnswerWord *word = &g_array_index (self->words, SbAnswerWord, i);

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, word->text);
      json_builder_add_int_value (builder, word->start_ms);
      json_builder_add_int_value (builder, word->end_ms);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pauses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->pauses->len; i++)
    {
      const SbAnswerPause *pause = &g_array_index (self->pauses, SbAnswerPause, i);

      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, pause->start_ms);
      json_builder_add_int_value (builder, pause->end_ms);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static guint
read_ms (JsonNode *node)
{
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  value = json_node_get_int (node);
  return (guint) CLAMP (value, 0, G_MAXINT);
}

/**
 * sb_answer_transcript_new_from_json:
 *
 * Reads what sb_answer_transcript_to_json() wrote; entries it cannot
 * read are skipped.
 *
 * Returns: (transfer full) (nullable): the transcript, or %NULL when
 * @node is not an object
 */
SbAnswerTranscript *
sb_answer_transcript_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(SbAnswerTranscript) self = NULL;
  JsonObject *object;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The transcript is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (node);
  self = sb_answer_transcript_new ();

  if (json_object_has_member (object, "words")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "words")))
    {
      array = json_object_get_array_member (object, "words");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonArray *word;
          const char *text;

          if (!JSON_NODE_HOLDS_ARRAY (item))
            continue;
          word = json_node_get_array (item);
          if (json_array_get_length (word) != 3
              || !JSON_NODE_HOLDS_VALUE (json_array_get_element (word, 0))
              || json_node_get_value_type (json_array_get_element (word, 0)) != G_TYPE_STRING)
            continue;
          text = json_array_get_string_element (word, 0);
          sb_answer_transcript_add_word (self, text,
                                         read_ms (json_array_get_element (word, 1)),
                                         read_ms (json_array_get_element (word, 2)));
        }
    }

  if (json_object_has_member (object, "pauses")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "pauses")))
    {
      array = json_object_get_array_member (object, "pauses");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonArray *pause;
          guint start, end;

          if (!JSON_NODE_HOLDS_ARRAY (item))
            continue;
          pause = json_node_get_array (item);
          if (json_array_get_length (pause) != 2)
            continue;
          start = read_ms (json_array_get_element (pause, 0));
          end = read_ms (json_array_get_element (pause, 1));
          if (end >= start)
            sb_answer_transcript_add_pause (self, start, end);
        }
    }

  sb_answer_transcript_set_duration (self,
                                     MAX (read_ms (json_object_get_member (object, "total-ms")),
                                          self->total_ms),
                                     read_ms (json_object_get_member (object, "voiced-ms")));
  sb_answer_transcript_set_syllables (self, read_ms (json_object_get_member (object, "syllables")));
  return g_steal_pointer (&self);
}
