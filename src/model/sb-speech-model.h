/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-story.h"

G_BEGIN_DECLS

/* The only language with a model today (Debian's pocketsphinx-en-us). */
#define SB_SPEECH_DEFAULT_LANGUAGE "en-us"

#define SB_SPEECH_MODEL_ERROR (sb_speech_model_error_quark ())

typedef enum
{
  SB_SPEECH_MODEL_ERROR_NO_MODEL,        /* the language's model is not installed */
  SB_SPEECH_MODEL_ERROR_NO_LANGUAGE,     /* no such language known */
  SB_SPEECH_MODEL_ERROR_FAILED,
} SbSpeechModelError;

GQuark      sb_speech_model_error_quark (void);

/* A language's installed model: where its acoustic model and its full
 * pronunciation dictionary are. The folder is the one pkg-config's
 * pocketsphinx "modeldir" gave at build time, or $STORYBANK_SPEECH_MODEL_DIR.
 */
typedef struct
{
  char *language;
  char *dir;             /* e.g. <modeldir>/en-us */
  char *acoustic_model;  /* e.g. <modeldir>/en-us/en-us */
  char *dictionary;      /* e.g. <modeldir>/en-us/cmudict-en-us.dict */
} SbSpeechModelPaths;

gboolean    sb_speech_model_find_paths  (const char          *language,
                                         SbSpeechModelPaths  *paths,
                                         GError             **error);
void        sb_speech_model_paths_clear (SbSpeechModelPaths  *paths);

/* Numbers and figures as they are spoken, in @language: "99.9%" is
 * "ninety nine point nine percent", "2M+" "two million", "10x" "ten
 * times", "$3k" "three thousand dollars", "2019" "twenty nineteen",
 * "24/7" "twenty four seven". Other words are kept as they are. Never
 * fails: text it cannot read is left out.
 */
char       *sb_speech_spell_numbers     (const char          *text,
                                         const char          *language);
/* The spoken words of @text, lower case, numbers spelled, punctuation
 * dropped: how a sentence goes into the language model.
 */
GStrv       sb_speech_split_words       (const char          *text,
                                         const char          *language);
/* An ARPA back-off language model (unigrams and bigrams, absolute
 * discounting) of @sentences, each a string of words split by spaces.
 */
char       *sb_speech_build_arpa        (const char * const  *sentences);

#define SB_TYPE_SPEECH_MODEL (sb_speech_model_get_type ())

G_DECLARE_FINAL_TYPE (SbSpeechModel, sb_speech_model, SB, SPEECH_MODEL, GObject)

/* The per-story model: the story's title, parts and steps as sentences,
 * plus fillers and common words, with a dictionary cut down to those
 * words (a word missing from the language's dictionary is left out).
 * Reads the language's dictionary, so call it off the main thread.
 */
SbSpeechModel *sb_speech_model_new              (SbStory        *story,
                                                 const char     *language,
                                                 GError        **error);
/* Same, from sentences given directly (for tests and the benchmark). */
SbSpeechModel *sb_speech_model_new_for_sentences (const char * const *sentences,
                                                  const char     *language,
                                                  GError        **error);
const char    *sb_speech_model_get_language     (SbSpeechModel  *self);
const SbSpeechModelPaths *
               sb_speech_model_get_paths        (SbSpeechModel  *self);
const char    *sb_speech_model_get_arpa         (SbSpeechModel  *self);
/* The cut-down dictionary, in the pocketsphinx dictionary format. */
const char    *sb_speech_model_get_dictionary   (SbSpeechModel  *self);
guint          sb_speech_model_get_n_words      (SbSpeechModel  *self);
gboolean       sb_speech_model_has_word         (SbSpeechModel  *self,
                                                 const char     *word);
/* Writes the ARPA file and the dictionary into @dir (mode 0600) and
 * returns their paths.
 */
gboolean       sb_speech_model_write            (SbSpeechModel  *self,
                                                 const char     *dir,
                                                 char          **arpa_path,
                                                 char          **dictionary_path,
                                                 GError        **error);

G_END_DECLS
