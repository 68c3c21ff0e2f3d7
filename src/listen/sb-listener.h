/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-answer-report.h"
#include "sb-story.h"

G_BEGIN_DECLS

#define SB_LISTENER_ERROR (sb_listener_error_quark ())

typedef enum
{
  SB_LISTENER_ERROR_NO_MICROPHONE,  /* no audio input found */
  SB_LISTENER_ERROR_DENIED,         /* the microphone was refused (sandbox, permissions) */
  SB_LISTENER_ERROR_NO_MODEL,       /* the speech model is not installed */
  SB_LISTENER_ERROR_BAD_FILE,       /* the file is missing or not audio GStreamer can decode */
  SB_LISTENER_ERROR_RECORDING,      /* the recording could not be kept */
  SB_LISTENER_ERROR_FAILED,
} SbListenerError;

typedef enum
{
  SB_LISTENER_STATE_IDLE,       /* made, not started */
  SB_LISTENER_STATE_STARTING,   /* opening the source, loading the model */
  SB_LISTENER_STATE_LISTENING,
  SB_LISTENER_STATE_FINISHING,  /* stopped; the last words are being decoded */
  SB_LISTENER_STATE_FINISHED,   /* ::finished was emitted */
  SB_LISTENER_STATE_FAILED,     /* ::error was emitted */
} SbListenerState;

#define SB_TYPE_LISTENER_STATE (sb_listener_state_get_type ())
#define SB_TYPE_LISTENER       (sb_listener_get_type ())

GType  sb_listener_state_get_type (void) G_GNUC_CONST;
GQuark sb_listener_error_quark    (void);

/**
 * SbListener:
 *
 * Listens to a spoken answer: from the microphone (autoaudiosrc) or a
 * file (uridecodebin), decoded against the story's own language model
 * off the main thread. Everything it tells (notifications, ::partial,
 * ::finished, ::error) arrives on the main context of the thread that
 * called sb_listener_start().
 *
 * Properties (all read-only but the construct ones): "story",
 * "language", "source-uri", "keep-path", "state", "elapsed" (seconds,
 * double), "level" (input level 0-1, double), "partial-text".
 *
 * Signals:
 * - ::partial (const char *text): the words recognised so far
 * - ::finished (SbAnswerTranscript *transcript)
 * - ::error (GError *error): a message for the user in error->message
 */
G_DECLARE_FINAL_TYPE (SbListener, sb_listener, SB, LISTENER, GObject)

/* @language: NULL for SB_SPEECH_DEFAULT_LANGUAGE */
SbListener         *sb_listener_new               (SbStory      *story,
                                                   const char   *language);
SbStory            *sb_listener_get_story         (SbListener   *self);
const char         *sb_listener_get_language      (SbListener   *self);
/* NULL (the default) listens to the microphone. Set before starting. */
void                sb_listener_set_source_uri    (SbListener   *self,
                                                   const char   *uri);
const char         *sb_listener_get_source_uri    (SbListener   *self);
/* With a file source: give the file at the pace of speech, as the
 * microphone would (for tests of the window and the benchmark); by
 * default a file is read as fast as it decodes. Set before starting.
 */
void                sb_listener_set_realtime      (SbListener   *self,
                                                   gboolean      realtime);
/* Where to keep the recording (Ogg Opus, created mode 0600), or NULL to
 * keep nothing. Set before starting.
 */
void                sb_listener_set_keep_path     (SbListener   *self,
                                                   const char   *path);
const char         *sb_listener_get_keep_path     (SbListener   *self);
/* Returns FALSE (with @error) only when listening cannot even begin,
 * e.g. no speech model; later failures arrive as ::error.
 */
gboolean            sb_listener_start             (SbListener   *self,
                                                   GError      **error);
/* Ends the answer: the rest is decoded and ::finished follows. */
void                sb_listener_stop              (SbListener   *self);
/* Abandons the answer: no ::finished, the kept file is removed. */
void                sb_listener_cancel            (SbListener   *self);
SbListenerState     sb_listener_get_state         (SbListener   *self);
double              sb_listener_get_elapsed       (SbListener   *self);
double              sb_listener_get_level         (SbListener   *self);
const char         *sb_listener_get_partial_text  (SbListener   *self);
/* After ::finished; NULL before. */
SbAnswerTranscript *sb_listener_get_transcript    (SbListener   *self);

/* Whether listening in @language can work here: the model is installed. */
gboolean            sb_listener_check_available   (const char   *language,
                                                   GError      **error);

/* Listens to the file at @path to its end, through the same pipeline,
 * running a main loop of its own meanwhile (for the command line, the
 * tests and the benchmark). @keep_path: NULL to keep nothing.
 */
gboolean            sb_listener_listen_file       (SbStory             *story,
                                                   const char          *path,
                                                   const char          *keep_path,
                                                   SbAnswerTranscript **transcript,
                                                   GError             **error);

G_END_DECLS
