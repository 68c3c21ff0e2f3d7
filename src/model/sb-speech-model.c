/* sb-speech-model.c: a small language model made from one story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-speech-model"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-speech-model.h"

struct _SbSpeechModel
{
  GObject             parent_instance;
  char               *language;
  SbSpeechModelPaths  paths;
  char               *arpa;
  char               *dictionary;
  GHashTable         *words;
};

G_DEFINE_FINAL_TYPE (SbSpeechModel, sb_speech_model, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-speech-model-error-quark, sb_speech_model_error)

/* The languages with a model: the folder under the model directory, the
 * acoustic model in it and the dictionary in it.
 */
typedef struct
{
  const char *language;
  const char *folder;
  const char *acoustic_model;
  const char *dictionary;
} Language;

static const Language languages[] = {
  { "en-us", "en-us", "en-us", "cmudict-en-us.dict" },
};

static const Language *
find_language (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].language, language) == 0)
      return &languages[i];
  return NULL;
}

/**
 * sb_speech_model_find_paths:
 * @language: (nullable): a language such as "en-us"; %NULL for the default
 * @paths: (out caller-allocates): where the model is; clear it with
 *   sb_speech_model_paths_clear()
 *
 * Returns: %FALSE with SB_SPEECH_MODEL_ERROR_NO_MODEL when the language's
 * model is not installed
 */
gboolean
sb_speech_model_find_paths (const char          *language,
                            SbSpeechModelPaths  *paths,
                            GError             **error)
{
  const char *root = g_getenv ("STORYBANK_SPEECH_MODEL_DIR");
  const Language *lang;
  g_autofree char *dir = NULL;
  g_autofree char *acoustic = NULL;
  g_autofree char *dict = NULL;

  g_return_val_if_fail (paths != NULL, FALSE);

  memset (paths, 0, sizeof *paths);
  if (language == NULL)
    language = SB_SPEECH_DEFAULT_LANGUAGE;

  lang = find_language (language);
  if (lang == NULL)
    {
      g_set_error (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_NO_LANGUAGE,
                   _("Storybank cannot listen in “%s” yet: only English is supported"), language);
      return FALSE;
    }

  if (root == NULL || *root == '\0')
    root = SB_SPEECH_MODEL_DIR;

  dir = g_build_filename (root, lang->folder, NULL);
  acoustic = g_build_filename (dir, lang->acoustic_model, NULL);
  dict = g_build_filename (dir, lang->dictionary, NULL);
  if (!g_file_test (acoustic, G_FILE_TEST_IS_DIR) || !g_file_test (dict, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_NO_MODEL,
                   _("No speech model is installed (looked in %s): install the “pocketsphinx-en-us” package"),
                   dir);
      return FALSE;
    }

  paths->language = g_strdup (language);
  paths->dir = g_steal_pointer (&dir);
  paths->acoustic_model = g_steal_pointer (&acoustic);
  paths->dictionary = g_steal_pointer (&dict);
  return TRUE;
}

void
sb_speech_model_paths_clear (SbSpeechModelPaths *paths)
{
  g_return_if_fail (paths != NULL);

  g_clear_pointer (&paths->language, g_free);
  g_clear_pointer (&paths->dir, g_free);
  g_clear_pointer (&paths->acoustic_model, g_free);
  g_clear_pointer (&paths->dictionary, g_free);
}

char *
sb_speech_spell_numbers (const char *text,
                         const char *language)
{
  return g_strdup (text != NULL ? text : "");
}

GStrv
sb_speech_split_words (const char *text,
                       const char *language)
{
  return g_strsplit (text != NULL ? text : "", " ", -1);
}

char *
sb_speech_build_arpa (const char * const *sentences)
{
  return g_strdup ("\\data\\\n\n\\end\\\n");
}

static void
sb_speech_model_finalize (GObject *object)
{
  SbSpeechModel *self = (SbSpeechModel *) object;

  g_free (self->language);
  sb_speech_model_paths_clear (&self->paths);
  g_free (self->arpa);
  g_free (self->dictionary);
  g_clear_pointer (&self->words, g_hash_table_unref);

  G_OBJECT_CLASS (sb_speech_model_parent_class)->finalize (object);
}

static void
sb_speech_model_class_init (SbSpeechModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_speech_model_finalize;
}

static void
sb_speech_model_init (SbSpeechModel *self)
{
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

SbSpeechModel *
sb_speech_model_new_for_sentences (const char * const  *sentences,
                                   const char          *language,
                                   GError             **error)
{
  g_set_error_literal (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_FAILED,
                       "Not implemented yet");
  return NULL;
}

SbSpeechModel *
sb_speech_model_new (SbStory     *story,
                     const char  *language,
                     GError     **error)
{
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  return sb_speech_model_new_for_sentences (NULL, language, error);
}

const char *
sb_speech_model_get_language (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), NULL);
  return self->language;
}

const SbSpeechModelPaths *
sb_speech_model_get_paths (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), NULL);
  return &self->paths;
}

const char *
sb_speech_model_get_arpa (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), NULL);
  return self->arpa;
}

const char *
sb_speech_model_get_dictionary (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), NULL);
  return self->dictionary;
}

guint
sb_speech_model_get_n_words (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), 0);
  return g_hash_table_size (self->words);
}

gboolean
sb_speech_model_has_word (SbSpeechModel *self,
                          const char    *word)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), FALSE);
  return word != NULL && g_hash_table_contains (self->words, word);
}

gboolean
sb_speech_model_write (SbSpeechModel  *self,
                       const char     *dir,
                       char          **arpa_path,
                       char          **dictionary_path,
                       GError        **error)
{
  g_autofree char *arpa = NULL;
  g_autofree char *dict = NULL;

  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  arpa = g_build_filename (dir, "story.lm", NULL);
  dict = g_build_filename (dir, "story.dict", NULL);
  if (!g_file_set_contents_full (arpa, self->arpa, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error)
      || !g_file_set_contents_full (dict, self->dictionary, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  if (arpa_path != NULL)
    *arpa_path = g_steal_pointer (&arpa);
  if (dictionary_path != NULL)
    *dictionary_path = g_steal_pointer (&dict);
  return TRUE;
}
