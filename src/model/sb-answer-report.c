/* sb-answer-report.c: what a spoken answer said, against the written story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-answer-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-answer-report.h"
#include "sb-coach.h"

struct _SbAnswerReport
{
  GObject             parent_instance;

  SbAnswerTranscript *transcript;
  SbStory            *story;
  GListStore         *findings;
  GArray             *parts;    /* SbAnswerPart */
  GArray             *figures;  /* SbAnswerFigure */
  GArray             *marks;    /* SbAnswerRange */
  char               *text;

  guint               target_seconds;
  double              seconds;
  guint               n_words;
  double              words_per_minute;
  guint               n_long_pauses;
  double              longest_pause;
  guint               n_fillers;
  double              fillers_per_minute;
  double              coverage;
  guint               n_singular;
  guint               n_plural;
  int                 suggested_rating;
  gboolean            nothing_heard;
};

G_DEFINE_FINAL_TYPE (SbAnswerReport, sb_answer_report, G_TYPE_OBJECT)

static const char * const fillers[] = {
  "um", "uh", "like", "you know", "basically", "sort of", "kind of", NULL
};

static void
figure_clear (gpointer data)
{
  SbAnswerFigure *figure = data;

  g_free (figure->written);
  g_free (figure->spoken);
}

static void
compute (SbAnswerReport *self)
{
  self->text = sb_answer_transcript_dup_text (self->transcript);
  self->n_words = sb_answer_transcript_get_n_words (self->transcript);
  self->nothing_heard = self->n_words == 0;
}

static void
sb_answer_report_finalize (GObject *object)
{
  SbAnswerReport *self = (SbAnswerReport *) object;

  g_clear_pointer (&self->transcript, sb_answer_transcript_unref);
  g_clear_object (&self->story);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->figures, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->text);

  G_OBJECT_CLASS (sb_answer_report_parent_class)->finalize (object);
}

static void
sb_answer_report_class_init (SbAnswerReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_answer_report_finalize;
}

static void
sb_answer_report_init (SbAnswerReport *self)
{
  self->findings = g_list_store_new (SB_TYPE_FINDING);
  self->parts = g_array_new (FALSE, TRUE, sizeof (SbAnswerPart));
  self->figures = g_array_new (FALSE, TRUE, sizeof (SbAnswerFigure));
  g_array_set_clear_func (self->figures, figure_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (SbAnswerRange));
}

/**
 * sb_answer_report_new:
 * @transcript: what was heard
 * @story: the story the answer tells
 * @target_seconds: the target length, 0 for the coach's default
 *
 * Returns: (transfer full): the report
 */
SbAnswerReport *
sb_answer_report_new (SbAnswerTranscript *transcript,
                      SbStory            *story,
                      guint               target_seconds)
{
  SbAnswerReport *self;

  g_return_val_if_fail (transcript != NULL, NULL);
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  self = g_object_new (SB_TYPE_ANSWER_REPORT, NULL);
  self->transcript = sb_answer_transcript_ref (transcript);
  self->story = g_object_ref (story);
  self->target_seconds = target_seconds > 0 ? target_seconds
                                            : sb_coach_get_thresholds ()->default_target_seconds;
  compute (self);
  return self;
}

JsonNode *
sb_answer_report_to_json (SbAnswerReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target-seconds");
  json_builder_add_int_value (builder, self->target_seconds);
  json_builder_set_member_name (builder, "transcript");
  json_builder_add_value (builder, sb_answer_transcript_to_json (self->transcript));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

SbAnswerReport *
sb_answer_report_new_from_json (JsonNode  *node,
                                SbStory   *story,
                                GError   **error)
{
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  JsonObject *object;
  gint64 target = 0;

  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The report is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  transcript = sb_answer_transcript_new_from_json (json_object_get_member (object, "transcript"), error);
  if (transcript == NULL)
    return NULL;
  if (json_object_has_member (object, "target-seconds"))
    target = json_object_get_int_member_with_default (object, "target-seconds", 0);

  return sb_answer_report_new (transcript, story, (guint) CLAMP (target, 0, 3600));
}

SbAnswerTranscript *
sb_answer_report_get_transcript (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  return self->transcript;
}

SbStory *
sb_answer_report_get_story (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  return self->story;
}

gboolean
sb_answer_report_get_nothing_heard (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), TRUE);
  return self->nothing_heard;
}

double
sb_answer_report_get_seconds (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->seconds;
}

guint
sb_answer_report_get_target_seconds (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->target_seconds;
}

guint
sb_answer_report_get_n_words (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_words;
}

double
sb_answer_report_get_words_per_minute (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->words_per_minute;
}

guint
sb_answer_report_get_n_long_pauses (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_long_pauses;
}

double
sb_answer_report_get_longest_pause (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->longest_pause;
}

guint
sb_answer_report_get_n_fillers (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_fillers;
}

double
sb_answer_report_get_fillers_per_minute (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->fillers_per_minute;
}

guint
sb_answer_report_get_n_parts (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->parts->len;
}

const SbAnswerPart *
sb_answer_report_get_part (SbAnswerReport *self,
                           guint           position)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  g_return_val_if_fail (position < self->parts->len, NULL);
  return &g_array_index (self->parts, SbAnswerPart, position);
}

double
sb_answer_report_get_coverage (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->coverage;
}

guint
sb_answer_report_get_n_figures (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->figures->len;
}

const SbAnswerFigure *
sb_answer_report_get_figure (SbAnswerReport *self,
                             guint           position)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  g_return_val_if_fail (position < self->figures->len, NULL);
  return &g_array_index (self->figures, SbAnswerFigure, position);
}

guint
sb_answer_report_get_n_singular (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_singular;
}

guint
sb_answer_report_get_n_plural (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_plural;
}

int
sb_answer_report_get_suggested_rating (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->suggested_rating;
}

/**
 * sb_answer_report_get_findings:
 *
 * Returns: (transfer none): the report's lines, SbFinding items
 */
GListModel *
sb_answer_report_get_findings (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

const char *
sb_answer_report_get_text (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  return self->text;
}

const SbAnswerRange *
sb_answer_report_get_marks (SbAnswerReport *self,
                            guint          *n_marks)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  g_return_val_if_fail (n_marks != NULL, NULL);

  *n_marks = self->marks->len;
  return (const SbAnswerRange *) (gpointer) self->marks->data;
}

void
sb_answer_report_get_summary (SbAnswerReport  *self,
                              SbAnswerSummary *summary)
{
  g_return_if_fail (SB_IS_ANSWER_REPORT (self));
  g_return_if_fail (summary != NULL);

  summary->seconds = self->seconds;
  summary->target_seconds = self->target_seconds;
  summary->words_per_minute = self->words_per_minute;
  summary->coverage = self->coverage;
  summary->fillers_per_minute = self->fillers_per_minute;
  summary->n_long_pauses = self->n_long_pauses;
  summary->suggested_rating = self->suggested_rating;
}

char *
sb_answer_report_dup_text_report (SbAnswerReport *self)
{
  GString *out;

  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->findings)); i++)
    {
      g_autoptr(SbFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      g_string_append_printf (out, "%s %s\n",
                              sb_finding_get_severity (finding) == SB_FINDING_WARNING ? "!" : "-",
                              sb_finding_get_message (finding));
      if (sb_finding_get_suggestion (finding) != NULL)
        g_string_append_printf (out, "    %s\n", sb_finding_get_suggestion (finding));
    }
  return g_string_free (out, FALSE);
}

const char * const *
sb_answer_report_get_fillers (void)
{
  return fillers;
}

/* Summary ------------------------------------------------------------- */

/**
 * sb_answer_summary_to_json:
 * @date: (nullable): when the answer was given
 *
 * Returns: (transfer full): the summary as a JSON object
 */
JsonNode *
sb_answer_summary_to_json (const SbAnswerSummary *summary,
                           GDateTime             *date)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (builder);
  if (date != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (date);

      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, iso);
    }
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, summary->seconds);
  json_builder_set_member_name (builder, "target-seconds");
  json_builder_add_double_value (builder, summary->target_seconds);
  json_builder_set_member_name (builder, "words-per-minute");
  json_builder_add_double_value (builder, summary->words_per_minute);
  json_builder_set_member_name (builder, "coverage");
  json_builder_add_double_value (builder, summary->coverage);
  json_builder_set_member_name (builder, "fillers-per-minute");
  json_builder_add_double_value (builder, summary->fillers_per_minute);
  json_builder_set_member_name (builder, "long-pauses");
  json_builder_add_int_value (builder, summary->n_long_pauses);
  json_builder_set_member_name (builder, "suggested-rating");
  json_builder_add_int_value (builder, summary->suggested_rating);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static double
read_number (JsonObject *object,
             const char *name,
             double      lo,
             double      hi)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return lo;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return lo;
  if (!(value >= lo))  /* also NaN */
    return lo;
  return MIN (value, hi);
}

/**
 * sb_answer_summary_from_json:
 * @date: (out) (optional) (nullable): when the answer was given
 *
 * Reads what sb_answer_summary_to_json() wrote; a missing or odd value
 * reads as 0.
 */
gboolean
sb_answer_summary_from_json (JsonNode         *node,
                             SbAnswerSummary  *summary,
                             GDateTime       **date,
                             GError          **error)
{
  JsonObject *object;

  g_return_val_if_fail (summary != NULL, FALSE);

  if (date != NULL)
    *date = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The report summary is not a JSON object"));
      return FALSE;
    }

  object = json_node_get_object (node);
  summary->seconds = read_number (object, "seconds", 0, 24 * 3600);
  summary->target_seconds = read_number (object, "target-seconds", 0, 24 * 3600);
  summary->words_per_minute = read_number (object, "words-per-minute", 0, 1000);
  summary->coverage = read_number (object, "coverage", 0, 1);
  summary->fillers_per_minute = read_number (object, "fillers-per-minute", 0, 1000);
  summary->n_long_pauses = (guint) read_number (object, "long-pauses", 0, 100000);
  summary->suggested_rating = (int) read_number (object, "suggested-rating", 0, 5);

  if (date != NULL)
    {
      JsonNode *member = json_object_get_member (object, "date");

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
          && json_node_get_value_type (member) == G_TYPE_STRING)
        *date = g_date_time_new_from_iso8601 (json_node_get_string (member), NULL);
    }
  return TRUE;
}
