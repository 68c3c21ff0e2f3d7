/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sb-finding.h"
#include "sb-story.h"

G_BEGIN_DECLS

/* Stable ids of the report's findings (SbFinding:check-id). */
#define SB_ANSWER_CHECK_NOTHING_HEARD "answer-nothing-heard"
#define SB_ANSWER_CHECK_LENGTH        "answer-length"
#define SB_ANSWER_CHECK_PACE          "answer-pace"
#define SB_ANSWER_CHECK_PAUSES        "answer-pauses"
#define SB_ANSWER_CHECK_FILLERS       "answer-fillers"
#define SB_ANSWER_CHECK_COVERAGE      "answer-coverage"
#define SB_ANSWER_CHECK_FIGURES       "answer-figures"
#define SB_ANSWER_CHECK_WE_NOT_I      "answer-we-not-i"

/* A silence at least this long inside an answer is a long pause. */
#define SB_ANSWER_LONG_PAUSE_MS 3000

/* The transcript of a spoken answer ---------------------------------- */

/* One recognised word, lower case, with its time in the recording. */
typedef struct
{
  char  *text;
  guint  start_ms;
  guint  end_ms;
} SbAnswerWord;

/* A silence longer than the pause threshold, taken from the audio level. */
typedef struct
{
  guint start_ms;
  guint end_ms;
} SbAnswerPause;

#define SB_TYPE_ANSWER_TRANSCRIPT (sb_answer_transcript_get_type ())

typedef struct _SbAnswerTranscript SbAnswerTranscript;

GType                sb_answer_transcript_get_type      (void) G_GNUC_CONST;
SbAnswerTranscript  *sb_answer_transcript_new           (void);
SbAnswerTranscript  *sb_answer_transcript_new_from_json (JsonNode            *node,
                                                         GError             **error);
SbAnswerTranscript  *sb_answer_transcript_ref           (SbAnswerTranscript  *self);
void                 sb_answer_transcript_unref         (SbAnswerTranscript  *self);
JsonNode            *sb_answer_transcript_to_json       (SbAnswerTranscript  *self);
void                 sb_answer_transcript_add_word      (SbAnswerTranscript  *self,
                                                         const char          *text,
                                                         guint                start_ms,
                                                         guint                end_ms);
void                 sb_answer_transcript_add_pause     (SbAnswerTranscript  *self,
                                                         guint                start_ms,
                                                         guint                end_ms);
void                 sb_answer_transcript_set_duration  (SbAnswerTranscript  *self,
                                                         guint                total_ms,
                                                         guint                voiced_ms);
/* The syllables counted in the audio (peaks of its level), 0 when not
 * known: the pace is judged on them, as the recogniser drops or adds
 * short words.
 */
void                 sb_answer_transcript_set_syllables (SbAnswerTranscript  *self,
                                                         guint                n_syllables);
guint                sb_answer_transcript_get_syllables (SbAnswerTranscript  *self);
guint                sb_answer_transcript_get_n_words   (SbAnswerTranscript  *self);
const SbAnswerWord  *sb_answer_transcript_get_word      (SbAnswerTranscript  *self,
                                                         guint                position);
guint                sb_answer_transcript_get_n_pauses  (SbAnswerTranscript  *self);
const SbAnswerPause *sb_answer_transcript_get_pause     (SbAnswerTranscript  *self,
                                                         guint                position);
/* The whole recording, and the time spent speaking (without the silence
 * before and after the answer and without the long pauses).
 */
guint                sb_answer_transcript_get_total_ms  (SbAnswerTranscript  *self);
guint                sb_answer_transcript_get_voiced_ms (SbAnswerTranscript  *self);
/* The words joined by single spaces. */
char                *sb_answer_transcript_dup_text      (SbAnswerTranscript  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbAnswerTranscript, sb_answer_transcript_unref)

/* The report ------------------------------------------------------------ */

/* A part of the written story and how much of it was heard: the
 * Situation, the Task, each Action step (@step from 0), the Result.
 */
typedef struct
{
  SbStoryField field;
  int          step;      /* -1 unless an Action step */
  guint        n_words;   /* content words (stems) in the written part */
  guint        n_heard;   /* of those, heard in the answer */
  gboolean     heard;     /* enough of them heard to call the part told */
} SbAnswerPart;

/* A figure of the Result ("40%", "two weeks", "10x") and whether it was said. */
typedef struct
{
  char     *written;      /* as in the story */
  char     *spoken;       /* as it is said ("forty percent") */
  gboolean  heard;
} SbAnswerFigure;

/* A run of the transcript text (byte offsets [start, end) in
 * sb_answer_report_get_text()) that is a word of the story.
 */
typedef struct
{
  guint start;
  guint end;
} SbAnswerRange;

/* What the window keeps per recording for the trend. */
typedef struct
{
  double seconds;             /* length of the answer */
  double target_seconds;
  double words_per_minute;    /* 0 when nothing was heard */
  double coverage;            /* parts heard / parts, 0-1 */
  double fillers_per_minute;
  guint  n_long_pauses;
  int    suggested_rating;    /* 1-5, 0 when nothing was heard */
} SbAnswerSummary;

JsonNode *sb_answer_summary_to_json   (const SbAnswerSummary  *summary,
                                       GDateTime              *date);
gboolean  sb_answer_summary_from_json (JsonNode               *node,
                                       SbAnswerSummary        *summary,
                                       GDateTime             **date,
                                       GError                **error);

#define SB_TYPE_ANSWER_REPORT (sb_answer_report_get_type ())

G_DECLARE_FINAL_TYPE (SbAnswerReport, sb_answer_report, SB, ANSWER_REPORT, GObject)

/* @target_seconds: 0 for the coach's default (two minutes) */
SbAnswerReport       *sb_answer_report_new                    (SbAnswerTranscript  *transcript,
                                                               SbStory             *story,
                                                               guint                target_seconds);
/* The report's JSON holds the transcript and the target: reading it
 * back computes the report again against @story.
 */
JsonNode             *sb_answer_report_to_json                (SbAnswerReport      *self);
SbAnswerReport       *sb_answer_report_new_from_json          (JsonNode            *node,
                                                               SbStory             *story,
                                                               GError             **error);

SbAnswerTranscript   *sb_answer_report_get_transcript         (SbAnswerReport      *self);
SbStory              *sb_answer_report_get_story              (SbAnswerReport      *self);
gboolean              sb_answer_report_get_nothing_heard      (SbAnswerReport      *self);
double                sb_answer_report_get_seconds            (SbAnswerReport      *self);
guint                 sb_answer_report_get_target_seconds     (SbAnswerReport      *self);
guint                 sb_answer_report_get_n_words            (SbAnswerReport      *self);
double                sb_answer_report_get_words_per_minute   (SbAnswerReport      *self);
guint                 sb_answer_report_get_n_long_pauses      (SbAnswerReport      *self);
double                sb_answer_report_get_longest_pause      (SbAnswerReport      *self);
guint                 sb_answer_report_get_n_fillers          (SbAnswerReport      *self);
double                sb_answer_report_get_fillers_per_minute (SbAnswerReport      *self);
guint                 sb_answer_report_get_n_parts            (SbAnswerReport      *self);
const SbAnswerPart   *sb_answer_report_get_part               (SbAnswerReport      *self,
                                                               guint                position);
double                sb_answer_report_get_coverage           (SbAnswerReport      *self);
guint                 sb_answer_report_get_n_figures          (SbAnswerReport      *self);
const SbAnswerFigure *sb_answer_report_get_figure             (SbAnswerReport      *self,
                                                               guint                position);
guint                 sb_answer_report_get_n_singular         (SbAnswerReport      *self);
guint                 sb_answer_report_get_n_plural           (SbAnswerReport      *self);
int                   sb_answer_report_get_suggested_rating   (SbAnswerReport      *self);
/* SbFinding items, in the order of the report: nothing heard, length,
 * pace, pauses, fillers, coverage, figures, I or we. A line that is fine
 * is an SB_FINDING_INFO saying so; a problem is an SB_FINDING_WARNING.
 */
GListModel           *sb_answer_report_get_findings           (SbAnswerReport      *self);
/* The transcript's text, and the runs of it that are words of the story. */
const char           *sb_answer_report_get_text               (SbAnswerReport      *self);
const SbAnswerRange  *sb_answer_report_get_marks              (SbAnswerReport      *self,
                                                               guint               *n_marks);
void                  sb_answer_report_get_summary            (SbAnswerReport      *self,
                                                               SbAnswerSummary     *summary);
/* The report as plain text, one finding a line with its reason, then
 * the transcript: what `storybank --listen` prints.
 */
char                 *sb_answer_report_dup_text_report        (SbAnswerReport      *self);

/* The spoken fillers the report counts: um, uh, like, you know, ... */
const char * const   *sb_answer_report_get_fillers            (void);

G_END_DECLS
