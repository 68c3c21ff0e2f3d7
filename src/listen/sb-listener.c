/* sb-listener.c: hears a spoken answer, from the microphone or a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-listener"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-listener.h"
#include "sb-speech-model.h"

struct _SbListener
{
  GObject             parent_instance;
  SbStory            *story;
  char               *language;
  char               *source_uri;
  char               *keep_path;
  char               *partial_text;
  SbAnswerTranscript *transcript;
  double              elapsed;
  double              level;
  SbListenerState     state;
};

G_DEFINE_FINAL_TYPE (SbListener, sb_listener, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-listener-error-quark, sb_listener_error)

G_DEFINE_ENUM_TYPE (SbListenerState, sb_listener_state,
  G_DEFINE_ENUM_VALUE (SB_LISTENER_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SB_LISTENER_STATE_STARTING, "starting"),
  G_DEFINE_ENUM_VALUE (SB_LISTENER_STATE_LISTENING, "listening"),
  G_DEFINE_ENUM_VALUE (SB_LISTENER_STATE_FINISHING, "finishing"),
  G_DEFINE_ENUM_VALUE (SB_LISTENER_STATE_FINISHED, "finished"),
  G_DEFINE_ENUM_VALUE (SB_LISTENER_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STORY,
  PROP_LANGUAGE,
  PROP_SOURCE_URI,
  PROP_KEEP_PATH,
  PROP_STATE,
  PROP_ELAPSED,
  PROP_LEVEL,
  PROP_PARTIAL_TEXT,
  N_PROPS
};

enum {
  PARTIAL,
  FINISHED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
set_str (char       **str,
         const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;
  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

static void
sb_listener_finalize (GObject *object)
{
  SbListener *self = (SbListener *) object;

  g_clear_object (&self->story);
  g_free (self->language);
  g_free (self->source_uri);
  g_free (self->keep_path);
  g_free (self->partial_text);
  g_clear_pointer (&self->transcript, sb_answer_transcript_unref);

  G_OBJECT_CLASS (sb_listener_parent_class)->finalize (object);
}

static void
sb_listener_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SbListener *self = SB_LISTENER (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_SOURCE_URI:
      g_value_set_string (value, self->source_uri);
      break;
    case PROP_KEEP_PATH:
      g_value_set_string (value, self->keep_path);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, self->elapsed);
      break;
    case PROP_LEVEL:
      g_value_set_double (value, self->level);
      break;
    case PROP_PARTIAL_TEXT:
      g_value_set_string (value, self->partial_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_listener_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SbListener *self = SB_LISTENER (object);

  switch (prop_id)
    {
    case PROP_STORY:
      self->story = g_value_dup_object (value);
      break;
    case PROP_LANGUAGE:
      g_free (self->language);
      self->language = g_strdup (g_value_get_string (value) ? g_value_get_string (value)
                                                            : SB_SPEECH_DEFAULT_LANGUAGE);
      break;
    case PROP_SOURCE_URI:
      sb_listener_set_source_uri (self, g_value_get_string (value));
      break;
    case PROP_KEEP_PATH:
      sb_listener_set_keep_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_listener_class_init (SbListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_listener_finalize;
  object_class->get_property = sb_listener_get_property;
  object_class->set_property = sb_listener_set_property;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, SB_SPEECH_DEFAULT_LANGUAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_URI] =
    g_param_spec_string ("source-uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEP_PATH] =
    g_param_spec_string ("keep-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SB_TYPE_LISTENER_STATE, SB_LISTENER_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_double ("level", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTIAL_TEXT] =
    g_param_spec_string ("partial-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PARTIAL] =
    g_signal_new ("partial", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_ANSWER_TRANSCRIPT);
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sb_listener_init (SbListener *self)
{
  self->language = g_strdup (SB_SPEECH_DEFAULT_LANGUAGE);
}

SbListener *
sb_listener_new (SbStory    *story,
                 const char *language)
{
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  return g_object_new (SB_TYPE_LISTENER,
                       "story", story,
                       "language", language,
                       NULL);
}

SbStory *
sb_listener_get_story (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);
  return self->story;
}

const char *
sb_listener_get_language (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);
  return self->language;
}

void
sb_listener_set_source_uri (SbListener *self,
                            const char *uri)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  if (set_str (&self->source_uri, uri))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_URI]);
}

const char *
sb_listener_get_source_uri (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);
  return self->source_uri;
}

void
sb_listener_set_keep_path (SbListener *self,
                           const char *path)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  if (set_str (&self->keep_path, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_PATH]);
}

const char *
sb_listener_get_keep_path (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);
  return self->keep_path;
}

gboolean
sb_listener_check_available (const char  *language,
                             GError     **error)
{
  SbSpeechModelPaths paths;

  if (!sb_speech_model_find_paths (language, &paths, error))
    return FALSE;
  sb_speech_model_paths_clear (&paths);
  return TRUE;
}

gboolean
sb_listener_start (SbListener  *self,
                   GError     **error)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);

  g_set_error_literal (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_FAILED, "Not implemented yet");
  return FALSE;
}

void
sb_listener_stop (SbListener *self)
{
  g_return_if_fail (SB_IS_LISTENER (self));
}

void
sb_listener_cancel (SbListener *self)
{
  g_return_if_fail (SB_IS_LISTENER (self));
}

SbListenerState
sb_listener_get_state (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), SB_LISTENER_STATE_IDLE);
  return self->state;
}

double
sb_listener_get_elapsed (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);
  return self->elapsed;
}

double
sb_listener_get_level (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);
  return self->level;
}

const char *
sb_listener_get_partial_text (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);
  return self->partial_text;
}

SbAnswerTranscript *
sb_listener_get_transcript (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);
  return self->transcript;
}

gboolean
sb_listener_listen_file (SbStory             *story,
                         const char          *path,
                         const char          *keep_path,
                         SbAnswerTranscript **transcript,
                         GError             **error)
{
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_set_error_literal (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_FAILED, "Not implemented yet");
  return FALSE;
}
