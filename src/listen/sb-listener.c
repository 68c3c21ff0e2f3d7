/* sb-listener.c: hears a spoken answer, from the microphone or a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-listener"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <math.h>
/* Its headers declare one function twice. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wredundant-decls"
#include <sphinxbase/err.h>
#include <pocketsphinx.h>
#pragma GCC diagnostic pop
#include <string.h>
#ifdef __linux__
# include <sys/resource.h>
# include <sys/syscall.h>
#endif
#include <unistd.h>

#include "sb-listener.h"
#include "sb-speech-model.h"

/* How it works
 *
 *   source ! audioconvert ! audioresample ! 16 kHz mono S16LE ! tee
 *     tee ! queue ! opusenc ! oggmux ! filesink   (when keeping the recording)
 *     tee ! queue ! appsink
 *
 * The appsink's callbacks run in GStreamer's streaming thread: they
 * measure the input level and hand the samples to a queue. A decoder
 * thread of our own builds the story's language model, starts
 * PocketSphinx, and decodes the samples as they come, cutting the
 * answer into utterances at short silences (so that each is quick to
 * finish) and finding the long pauses from the audio level. Whatever
 * the threads learn is passed to the main context as an idle callback;
 * the listener itself is only ever touched there.
 */

#define SAMPLE_RATE       16000
#define FRAME_SAMPLES     160     /* 10 ms: the level is judged frame by frame */
#define FRAME_MS          10
/* A silence this long ends an utterance (PocketSphinx finishes it and
 * starts the next); one of SB_ANSWER_LONG_PAUSE_MS is a long pause.
 */
#define UTTERANCE_GAP_MS  400
/* Finishing an utterance takes longer the longer it is, and the last one
 * is finished after the answer ends: past this length a shorter
 * silence ends it.
 */
#define UTTERANCE_LONG_MS 8000
#define UTTERANCE_SHORT_GAP_MS 150
/* Fed to the decoder before the voice that starts an utterance, so that
 * its first sound is not cut.
 */
#define PREROLL_FRAMES    30
/* Syllables are counted on the level averaged over this many frames,
 * as peaks at least SYLLABLE_DIP_DB above the dips around them and no
 * more than SYLLABLE_RANGE_DB below the loudest so far.
 */
#define SMOOTH_FRAMES     7
#define SYLLABLE_DIP_DB   4.0
#define SYLLABLE_RANGE_DB 25.0
/* Below this level (dBFS) a frame is silence, unless the room is noisier. */
#define SILENCE_DB        (-45.0)
/* How often the level and the elapsed time are passed on. */
#define NOTIFY_INTERVAL_US (G_USEC_PER_SEC / 15)
/* With a file source the samples come faster than they are decoded:
 * past this many chunks waiting, the streaming thread waits.
 */
#define MAX_QUEUED_CHUNKS 64
/* A main-thread callback longer than this is logged (debug). */
#define SLOW_CALLBACK_US  4000

typedef struct _Session Session;

struct _SbListener
{
  GObject             parent_instance;
  Session            *session;
  GstElement         *pipeline;
  GSource            *bus_watch;
  SbStory            *story;
  char               *language;
  char               *source_uri;
  char               *keep_path;
  char               *partial_text;
  SbAnswerTranscript *transcript;
  double              elapsed;
  double              level;
  SbListenerState     state;
  guint               realtime : 1;
  guint               pipeline_done : 1;
  guint               decoder_done : 1;
  guint               stopping : 1;
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

static void sb_listener_take_transcript (SbListener         *self,
                                         SbAnswerTranscript *transcript);
static void sb_listener_fail            (SbListener         *self,
                                         GError             *error);
static void sb_listener_set_state       (SbListener         *self,
                                         SbListenerState     state);

/* The session: shared by the listener (main thread), the streaming
 * thread and the decoder thread.
 */
struct _Session
{
  gatomicrefcount  ref_count;
  GWeakRef         listener;
  GMainContext    *context;
  SbStory         *story;      /* a copy, only read by the decoder thread */
  char            *language;
  GAsyncQueue     *queue;      /* GBytes of samples; the end marker last */
  gboolean         from_file;
  int              cancelled;  /* atomic */

  gpointer         eos_time;   /* atomic: when the end reached the appsink, in µs */

  /* Streaming thread only */
  guint64          samples_in;
  gint64           last_notify;
};

/* Pushed after the last samples. */
static GBytes *end_marker;

static Session *
session_ref (Session *session)
{
  g_atomic_ref_count_inc (&session->ref_count);
  return session;
}

static void
session_unref (Session *session)
{
  if (!g_atomic_ref_count_dec (&session->ref_count))
    return;

  g_weak_ref_clear (&session->listener);
  g_main_context_unref (session->context);
  g_clear_object (&session->story);
  g_free (session->language);
  g_async_queue_unref (session->queue);
  g_free (session);
}

static gboolean
session_cancelled (Session *session)
{
  return g_atomic_int_get (&session->cancelled);
}

/* Calling the listener on the main context ------------------------------ */

typedef enum
{
  MESSAGE_READY,
  MESSAGE_PROGRESS,
  MESSAGE_PARTIAL,
  MESSAGE_TRANSCRIPT,
  MESSAGE_ERROR,
} MessageKind;

typedef struct
{
  Session            *session;
  MessageKind         kind;
  double              elapsed;
  double              level;
  char               *text;
  SbAnswerTranscript *transcript;
  GError             *error;
} Message;

static void
message_free (gpointer data)
{
  Message *message = data;

  session_unref (message->session);
  g_free (message->text);
  g_clear_pointer (&message->transcript, sb_answer_transcript_unref);
  g_clear_error (&message->error);
  g_free (message);
}

static gboolean
message_deliver_cb (gpointer data)
{
  Message *message = data;
  g_autoptr(SbListener) self = g_weak_ref_get (&message->session->listener);
  gint64 start = g_get_monotonic_time ();

  if (self == NULL || self->session != message->session || session_cancelled (message->session))
    return G_SOURCE_REMOVE;

  g_assert (SB_IS_LISTENER (self));

  switch (message->kind)
    {
    case MESSAGE_READY:
      if (self->state == SB_LISTENER_STATE_STARTING)
        sb_listener_set_state (self, SB_LISTENER_STATE_LISTENING);
      break;

    case MESSAGE_PROGRESS:
      if (self->elapsed != message->elapsed)
        {
          self->elapsed = message->elapsed;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
        }
      if (self->level != message->level)
        {
          self->level = message->level;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
        }
      break;

    case MESSAGE_PARTIAL:
      if (g_strcmp0 (self->partial_text, message->text) != 0)
        {
          g_free (self->partial_text);
          self->partial_text = g_strdup (message->text);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTIAL_TEXT]);
          g_signal_emit (self, signals[PARTIAL], 0, self->partial_text);
        }
      break;

    case MESSAGE_TRANSCRIPT:
      sb_listener_take_transcript (self, g_steal_pointer (&message->transcript));
      break;

    case MESSAGE_ERROR:
      sb_listener_fail (self, g_steal_pointer (&message->error));
      break;

    default:
      g_assert_not_reached ();
    }

  if (g_get_monotonic_time () - start > SLOW_CALLBACK_US)
    g_debug ("Delivering message %d took %.1f ms", message->kind,
             (g_get_monotonic_time () - start) / 1000.0);

  return G_SOURCE_REMOVE;
}

/* Takes @message and delivers it on the session's main context, never
 * blocking the calling thread.
 */
static void
session_post (Session *session,
              Message *message)
{
  GSource *source;

  message->session = session_ref (session);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, message_deliver_cb, message, message_free);
  g_source_set_static_name (source, "[storybank] listener message");
  g_source_attach (source, session->context);
  g_source_unref (source);
}

static void
session_post_error (Session    *session,
                    GQuark      domain,
                    int         code,
                    const char *message)
{
  Message *m = g_new0 (Message, 1);

  m->kind = MESSAGE_ERROR;
  m->error = g_error_new_literal (domain, code, message);
  session_post (session, m);
}

/* The streaming thread ----------------------------------------------------- */

static double
level_of (const gint16 *samples,
          gsize         n)
{
  double sum = 0;
  double db;

  if (n == 0)
    return 0;
  for (gsize i = 0; i < n; i++)
    sum += (double) samples[i] * samples[i];
  db = 10 * log10 (sum / n / (32768.0 * 32768.0) + 1e-12);
  /* -60 dBFS and below shows as nothing, 0 dBFS as full. */
  return CLAMP ((db + 60) / 60, 0, 1);
}

static GstFlowReturn
appsink_new_sample_cb (GstAppSink *sink,
                       gpointer    user_data)
{
  Session *session = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer;
  GstMapInfo map;
  gint64 now;

  if (sample == NULL)
    return GST_FLOW_EOS;
  if (session_cancelled (session))
    return GST_FLOW_FLUSHING;

  buffer = gst_sample_get_buffer (sample);
  if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_OK;

  session->samples_in += map.size / 2;
  g_async_queue_push (session->queue, g_bytes_new (map.data, map.size - map.size % 2));

  now = g_get_monotonic_time ();
  if (now - session->last_notify >= NOTIFY_INTERVAL_US)
    {
      Message *message = g_new0 (Message, 1);

      message->kind = MESSAGE_PROGRESS;
      message->elapsed = (double) session->samples_in / SAMPLE_RATE;
      message->level = level_of ((const gint16 *) map.data, map.size / 2);
      session->last_notify = now;
      session_post (session, message);
    }
  gst_buffer_unmap (buffer, &map);

  /* A file is read faster than it is decoded: do not hold all of it. */
  while (session->from_file && !session_cancelled (session)
         && g_async_queue_length (session->queue) > MAX_QUEUED_CHUNKS)
    g_usleep (2000);

  return GST_FLOW_OK;
}

static void
appsink_eos_cb (GstAppSink *sink,
                gpointer    user_data)
{
  Session *session = user_data;

  g_atomic_pointer_set (&session->eos_time, GSIZE_TO_POINTER (g_get_monotonic_time ()));
  g_debug ("end of the audio: %.2f s in, %d chunks waiting", (double) session->samples_in / SAMPLE_RATE,
           g_async_queue_length (session->queue));
  g_async_queue_push (session->queue, g_bytes_ref (end_marker));
}

/* The decoder thread ---------------------------------------------------- */

typedef struct
{
  Session            *session;
  ps_decoder_t       *ps;
  SbAnswerTranscript *transcript;
  GString            *heard;         /* the words of the finished utterances */

  guint64             frames;        /* 10 ms frames seen */
  gint16              frame[FRAME_SAMPLES];
  guint               frame_fill;
  gint16              preroll[PREROLL_FRAMES][FRAME_SAMPLES];  /* a ring of the last frames */
  guint64             preroll_count;
  double              noise_db;      /* the quietest the room has been */

  gboolean            in_utterance;
  guint64             utterance_start;  /* in frames */
  guint               n_utterances;
  guint64             silent_frames;    /* the current run of silence */
  guint64             samples_since_partial;

  /* Syllables: peaks of the smoothed level, with a dip on either side. */
  double              recent_db[SMOOTH_FRAMES];
  double              loudest_db;
  double              peak_db;
  double              valley_db;
  gboolean            rising;
  guint               n_syllables;

  gint64              first_voice;      /* frame, -1 before any */
  guint64             last_voice_end;   /* frame */
  guint64             pause_frames;     /* in long pauses */
} Decoder;

static gboolean
decoder_init (Decoder  *decoder,
              GError  **error)
{
  g_autoptr(SbSpeechModel) model = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *arpa_path = NULL;
  g_autofree char *dict_path = NULL;
  const SbSpeechModelPaths *paths;
  cmd_ln_t *config;

  model = sb_speech_model_new (decoder->session->story, decoder->session->language, error);
  if (model == NULL)
    return FALSE;

  dir = g_dir_make_tmp ("storybank-listen-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  if (!sb_speech_model_write (model, dir, &arpa_path, &dict_path, error))
    {
      g_rmdir (dir);
      return FALSE;
    }

  paths = sb_speech_model_get_paths (model);
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();

    g_ptr_array_add (argv, (char *) "storybank");
    g_ptr_array_add (argv, (char *) "-hmm");
    g_ptr_array_add (argv, paths->acoustic_model);
    g_ptr_array_add (argv, (char *) "-lm");
    g_ptr_array_add (argv, arpa_path);
    g_ptr_array_add (argv, (char *) "-dict");
    g_ptr_array_add (argv, dict_path);
    config = cmd_ln_parse_r (NULL, ps_args (), argv->len, (char **) argv->pdata, TRUE);
  }
  decoder->ps = config != NULL ? ps_init (config) : NULL;
  if (config != NULL)
    cmd_ln_free_r (config);

  g_remove (arpa_path);
  g_remove (dict_path);
  g_rmdir (dir);

  if (decoder->ps == NULL)
    {
      g_set_error_literal (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MODEL,
                           _("The speech model could not be loaded: reinstall the “pocketsphinx-en-us” package."));
      return FALSE;
    }
  return TRUE;
}

/* Adds the words of the utterance that just ended, which began at frame
 * @offset, to the transcript.
 */
static void
decoder_collect (Decoder *decoder,
                 guint64  offset)
{
  for (ps_seg_t *seg = ps_seg_iter (decoder->ps); seg != NULL; seg = ps_seg_next (seg))
    {
      const char *word = ps_seg_word (seg);
      g_autofree char *text = NULL;
      const char *paren;
      int sf, ef;

      /* <s>, </s>, <sil>, [NOISE], ++BREATH++: not words */
      if (word == NULL || word[0] == '<' || word[0] == '[' || word[0] == '+')
        continue;
      paren = strchr (word, '(');
      text = paren != NULL ? g_strndup (word, paren - word) : g_strdup (word);
      if (*text == '\0')
        continue;

      ps_seg_frames (seg, &sf, &ef);
      sb_answer_transcript_add_word (decoder->transcript, text,
                                     (guint) ((offset + MAX (sf, 0)) * FRAME_MS),
                                     (guint) ((offset + MAX (ef + 1, 0)) * FRAME_MS));
      if (decoder->heard->len > 0)
        g_string_append_c (decoder->heard, ' ');
      g_string_append (decoder->heard, text);
    }
}

static void
decoder_post_partial (Decoder *decoder)
{
  const char *hyp = decoder->in_utterance ? ps_get_hyp (decoder->ps, NULL) : NULL;
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_PARTIAL;
  if (hyp != NULL && *hyp != '\0')
    message->text = decoder->heard->len > 0 ? g_strconcat (decoder->heard->str, " ", hyp, NULL)
                                            : g_strdup (hyp);
  else
    message->text = g_strdup (decoder->heard->str);
  session_post (decoder->session, message);
  decoder->samples_since_partial = 0;
}

static void
decoder_end_utterance (Decoder *decoder)
{
  if (!decoder->in_utterance)
    return;
  ps_end_utt (decoder->ps);
  decoder->n_utterances++;
  decoder_collect (decoder, decoder->utterance_start);
  decoder->in_utterance = FALSE;
}

static void
decoder_count_syllables (Decoder *decoder,
                         double   db)
{
  double level = 0;
  guint n = MIN (decoder->frames + 1, SMOOTH_FRAMES);

  decoder->recent_db[decoder->frames % SMOOTH_FRAMES] = db;
  for (guint i = 0; i < n; i++)
    level += decoder->recent_db[i];
  level /= n;
  decoder->loudest_db = MAX (decoder->loudest_db, level);

  if (decoder->rising)
    {
      if (level > decoder->peak_db)
        decoder->peak_db = level;
      else if (level < decoder->peak_db - SYLLABLE_DIP_DB)
        {
          if (decoder->peak_db > MAX (SILENCE_DB, decoder->loudest_db - SYLLABLE_RANGE_DB)
              && decoder->peak_db - decoder->valley_db >= SYLLABLE_DIP_DB)
            decoder->n_syllables++;
          decoder->rising = FALSE;
          decoder->valley_db = level;
        }
    }
  else
    {
      if (level < decoder->valley_db)
        decoder->valley_db = level;
      else if (level > decoder->valley_db + SYLLABLE_DIP_DB)
        {
          decoder->rising = TRUE;
          decoder->peak_db = level;
        }
    }
}

/* One 10 ms frame: is it speech, does a pause begin or end. */
static void
decoder_frame (Decoder *decoder)
{
  double sum = 0, db;
  gboolean voiced;

  for (guint i = 0; i < FRAME_SAMPLES; i++)
    sum += (double) decoder->frame[i] * decoder->frame[i];
  db = 10 * log10 (sum / FRAME_SAMPLES / (32768.0 * 32768.0) + 1e-12);
  decoder_count_syllables (decoder, db);

  /* The room's noise floor: follows the level down at once and up slowly. */
  if (db < decoder->noise_db)
    decoder->noise_db = db;
  else
    decoder->noise_db += 0.002;
  voiced = db > MAX (SILENCE_DB, MIN (decoder->noise_db + 15, -30));

  if (voiced)
    {
      if (decoder->first_voice < 0)
        decoder->first_voice = decoder->frames;
      else if (decoder->silent_frames * FRAME_MS >= SB_ANSWER_LONG_PAUSE_MS)
        {
          sb_answer_transcript_add_pause (decoder->transcript,
                                          (guint) (decoder->last_voice_end * FRAME_MS),
                                          (guint) (decoder->frames * FRAME_MS));
          decoder->pause_frames += decoder->silent_frames;
        }
      decoder->silent_frames = 0;
      decoder->last_voice_end = decoder->frames + 1;

      if (!decoder->in_utterance)
        {
          guint64 n = MIN (decoder->preroll_count, PREROLL_FRAMES);

          ps_start_utt (decoder->ps);
          decoder->in_utterance = TRUE;
          decoder->utterance_start = decoder->frames - n;
          for (guint64 i = decoder->preroll_count - n; i < decoder->preroll_count; i++)
            ps_process_raw (decoder->ps, decoder->preroll[i % PREROLL_FRAMES], FRAME_SAMPLES, FALSE, FALSE);
        }
    }
  else
    {
      decoder->silent_frames++;
      if (decoder->in_utterance
          && (decoder->silent_frames * FRAME_MS >= UTTERANCE_GAP_MS
              || ((decoder->frames - decoder->utterance_start) * FRAME_MS >= UTTERANCE_LONG_MS
                  && decoder->silent_frames * FRAME_MS >= UTTERANCE_SHORT_GAP_MS)))
        {
          ps_process_raw (decoder->ps, decoder->frame, FRAME_SAMPLES, FALSE, FALSE);
          decoder_end_utterance (decoder);
          decoder_post_partial (decoder);
          decoder->frames++;
          return;
        }
    }

  if (decoder->in_utterance)
    ps_process_raw (decoder->ps, decoder->frame, FRAME_SAMPLES, FALSE, FALSE);
  else
    memcpy (decoder->preroll[decoder->preroll_count++ % PREROLL_FRAMES], decoder->frame, sizeof decoder->frame);
  decoder->frames++;
}

static void
decoder_feed (Decoder      *decoder,
              const gint16 *samples,
              gsize         n)
{
  while (n > 0)
    {
      gsize take = MIN (n, FRAME_SAMPLES - decoder->frame_fill);

      memcpy (decoder->frame + decoder->frame_fill, samples, take * sizeof (gint16));
      decoder->frame_fill += take;
      samples += take;
      n -= take;
      decoder->samples_since_partial += take;

      if (decoder->frame_fill == FRAME_SAMPLES)
        {
          decoder_frame (decoder);
          decoder->frame_fill = 0;
        }
    }

  /* Twice a second, the words so far. */
  if (decoder->in_utterance && decoder->samples_since_partial >= SAMPLE_RATE / 2)
    decoder_post_partial (decoder);
}

static gpointer
decoder_thread (gpointer data)
{
  Session *session = data;
  Decoder decoder = { 0, };
  g_autoptr(GError) error = NULL;
  Message *message;
  guint total_ms, voiced_ms = 0;

#ifdef __linux__
  /* Recognition keeps up with speech with time to spare, so it can wait
   * for the CPU: the window's main thread (and the audio) come first.
   * On Linux a thread has a nice value of its own.
   */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) != 0)
    g_debug ("Could not lower the recogniser's priority: %s", g_strerror (errno));
#endif

  decoder.session = session;
  decoder.transcript = sb_answer_transcript_new ();
  decoder.heard = g_string_new (NULL);
  decoder.first_voice = -1;
  decoder.noise_db = 0;
  decoder.loudest_db = -120;
  decoder.valley_db = -120;
  decoder.rising = TRUE;
  decoder.peak_db = -120;

  if (!decoder_init (&decoder, &error))
    {
      if (g_error_matches (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_NO_MODEL)
          || g_error_matches (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_NO_LANGUAGE))
        session_post_error (session, SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MODEL, error->message);
      else if (!g_error_matches (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MODEL))
        session_post_error (session, SB_LISTENER_ERROR, SB_LISTENER_ERROR_FAILED, error->message);
      else
        session_post_error (session, error->domain, error->code, error->message);
      goto out;
    }

  message = g_new0 (Message, 1);
  message->kind = MESSAGE_READY;
  session_post (session, message);

  for (;;)
    {
      g_autoptr(GBytes) bytes = g_async_queue_pop (session->queue);
      gsize size;
      const gint16 *samples;

      if (bytes == end_marker || session_cancelled (session))
        break;
      samples = g_bytes_get_data (bytes, &size);
      decoder_feed (&decoder, samples, size / sizeof (gint16));
    }

  if (session_cancelled (session))
    goto out;

  {
    gint64 start = g_get_monotonic_time ();

    decoder_end_utterance (&decoder);
    g_debug ("%u utterances; the last finished in %.0f ms, %.0f ms after the end of the audio",
             decoder.n_utterances, (g_get_monotonic_time () - start) / 1000.0,
             (g_get_monotonic_time () - (gint64) GPOINTER_TO_SIZE (g_atomic_pointer_get (&session->eos_time))) / 1000.0);
  }
  decoder_post_partial (&decoder);

  total_ms = (guint) (decoder.frames * FRAME_MS);
  if (decoder.first_voice >= 0)
    voiced_ms = (guint) ((decoder.last_voice_end - decoder.first_voice - decoder.pause_frames) * FRAME_MS);
  sb_answer_transcript_set_duration (decoder.transcript, total_ms, voiced_ms);
  sb_answer_transcript_set_syllables (decoder.transcript, decoder.n_syllables);

  message = g_new0 (Message, 1);
  message->kind = MESSAGE_TRANSCRIPT;
  message->transcript = g_steal_pointer (&decoder.transcript);
  session_post (session, message);

out:
  if (decoder.ps != NULL)
    ps_free (decoder.ps);
  g_clear_pointer (&decoder.transcript, sb_answer_transcript_unref);
  g_string_free (decoder.heard, TRUE);
  /* Whatever is still queued goes with the session. */
  session_unref (session);
  return NULL;
}

/* The pipeline ---------------------------------------------------------- */

static void
decodebin_pad_added_cb (GstElement *decodebin,
                        GstPad     *pad,
                        GstElement *convert)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (convert, "sink");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const GstStructure *structure;

  if (gst_pad_is_linked (sink))
    return;
  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  structure = caps != NULL && gst_caps_get_size (caps) > 0 ? gst_caps_get_structure (caps, 0) : NULL;
  if (structure == NULL || !g_str_has_prefix (gst_structure_get_name (structure), "audio/"))
    return;
  gst_pad_link (pad, sink);
}

/* A file with no sound in it (a picture, a silent video) never links. */
static void
decodebin_no_more_pads_cb (GstElement *decodebin,
                           GstElement *convert)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (convert, "sink");

  if (!gst_pad_is_linked (sink))
    GST_ELEMENT_ERROR (decodebin, STREAM, WRONG_TYPE, ("The file has no sound"), (NULL));
}

static GstElement *
make (const char  *factory,
      GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_FAILED,
                 /* Translators: %s is a GStreamer element such as "opusenc" */
                 _("A part of GStreamer is missing (%s): install the “gstreamer1.0-plugins-base” and “gstreamer1.0-plugins-good” packages"),
                 factory);
  return element;
}

static GstElement *
build_pipeline (SbListener  *self,
                Session     *session,
                GError     **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("storybank-listener");
  GstElement *source, *convert, *resample, *filter, *tee, *queue, *sink;
  g_autoptr(GstCaps) caps = NULL;
  GstAppSinkCallbacks callbacks = { 0, };

  if (self->source_uri != NULL)
    source = make ("uridecodebin", error);
  else
    source = make ("autoaudiosrc", error);
  if (source == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), source);

  if ((convert = make ("audioconvert", error)) == NULL
      || !gst_bin_add (GST_BIN (pipeline), convert)
      || (resample = make ("audioresample", error)) == NULL
      || !gst_bin_add (GST_BIN (pipeline), resample)
      || (filter = make ("capsfilter", error)) == NULL
      || !gst_bin_add (GST_BIN (pipeline), filter)
      || (tee = make ("tee", error)) == NULL
      || !gst_bin_add (GST_BIN (pipeline), tee)
      || (queue = make ("queue", error)) == NULL
      || !gst_bin_add (GST_BIN (pipeline), queue)
      || (sink = make ("appsink", error)) == NULL
      || !gst_bin_add (GST_BIN (pipeline), sink))
    return NULL;

  caps = gst_caps_new_simple ("audio/x-raw",
                              "format", G_TYPE_STRING, "S16LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, SAMPLE_RATE,
                              "channels", G_TYPE_INT, 1,
                              NULL);
  g_object_set (filter, "caps", caps, NULL);

  if (self->source_uri != NULL)
    {
      g_object_set (source, "uri", self->source_uri, NULL);
      g_signal_connect_object (source, "pad-added", G_CALLBACK (decodebin_pad_added_cb), convert, 0);
      g_signal_connect_object (source, "no-more-pads", G_CALLBACK (decodebin_no_more_pads_cb), convert, 0);
    }
  else if (!gst_element_link (source, convert))
    goto link_failed;

  if (!gst_element_link_many (convert, resample, filter, tee, queue, sink, NULL))
    goto link_failed;

  /* Nothing is dropped: a file is decoded whole, and the streaming thread
   * never blocks on the decoder for the microphone.
   */
  g_object_set (sink, "sync", self->source_uri == NULL ? FALSE : (gboolean) self->realtime,
                "emit-signals", FALSE, "max-buffers", 0, NULL);
  callbacks.eos = appsink_eos_cb;
  callbacks.new_sample = appsink_new_sample_cb;
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, session_ref (session),
                              (GDestroyNotify) session_unref);

  if (self->keep_path != NULL)
    {
      GstElement *keep_queue, *encoder, *mux, *file;

      if ((keep_queue = make ("queue", error)) == NULL
          || !gst_bin_add (GST_BIN (pipeline), keep_queue)
          || (encoder = make ("opusenc", error)) == NULL
          || !gst_bin_add (GST_BIN (pipeline), encoder)
          || (mux = make ("oggmux", error)) == NULL
          || !gst_bin_add (GST_BIN (pipeline), mux)
          || (file = make ("filesink", error)) == NULL
          || !gst_bin_add (GST_BIN (pipeline), file))
        return NULL;
      g_object_set (file, "location", self->keep_path, "sync", FALSE, NULL);
      if (!gst_element_link_many (tee, keep_queue, encoder, mux, file, NULL))
        goto link_failed;
    }

  return g_steal_pointer (&pipeline);

link_failed:
  g_set_error_literal (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_FAILED,
                       _("The audio pipeline could not be built"));
  return NULL;
}

/* Creates the recording's file, readable by its owner only, before
 * GStreamer writes into it.
 */
static gboolean
create_keep_file (const char  *path,
                  GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (fd >= 0)
        {
          saved_errno = errno;
          close (fd);
        }
      g_set_error (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_RECORDING,
                   _("Could not keep the recording in %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static GError *
translate_gst_error (SbListener *self,
                     GError     *gst_error)
{
  if (self->source_uri != NULL)
    {
      g_autofree char *path = g_filename_from_uri (self->source_uri, NULL, NULL);
      g_autofree char *display = g_filename_display_name (path != NULL ? path : self->source_uri);

      if (g_error_matches (gst_error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND))
        return g_error_new (SB_LISTENER_ERROR, SB_LISTENER_ERROR_BAD_FILE,
                            _("%s does not exist"), display);
      if (gst_error->domain == GST_RESOURCE_ERROR && self->keep_path != NULL
          && (gst_error->code == GST_RESOURCE_ERROR_OPEN_WRITE || gst_error->code == GST_RESOURCE_ERROR_WRITE
              || gst_error->code == GST_RESOURCE_ERROR_NO_SPACE_LEFT))
        return g_error_new (SB_LISTENER_ERROR, SB_LISTENER_ERROR_RECORDING,
                            _("Could not keep the recording: %s"), gst_error->message);
      return g_error_new (SB_LISTENER_ERROR, SB_LISTENER_ERROR_BAD_FILE,
                          _("Could not read %s as audio: it is damaged or not a sound file (%s)"),
                          display, gst_error->message);
    }

  if (g_error_matches (gst_error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_AUTHORIZED))
    return g_error_new_literal (SB_LISTENER_ERROR, SB_LISTENER_ERROR_DENIED,
                                _("Storybank may not use the microphone: allow it in Settings, Privacy"));
  if (gst_error->domain == GST_RESOURCE_ERROR
      && (gst_error->code == GST_RESOURCE_ERROR_NOT_FOUND || gst_error->code == GST_RESOURCE_ERROR_OPEN_READ
          || gst_error->code == GST_RESOURCE_ERROR_OPEN_READ_WRITE || gst_error->code == GST_RESOURCE_ERROR_BUSY
          || gst_error->code == GST_RESOURCE_ERROR_READ || gst_error->code == GST_RESOURCE_ERROR_SETTINGS))
    return g_error_new (SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MICROPHONE,
                        _("No microphone could be opened: plug one in or check the sound settings (%s)"),
                        gst_error->message);
  return g_error_new (SB_LISTENER_ERROR, SB_LISTENER_ERROR_FAILED,
                      _("Listening failed: %s"), gst_error->message);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  SbListener *self = user_data;

  g_assert (SB_IS_LISTENER (self));

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &gst_error, &debug);
      g_debug ("%s (%s)", gst_error->message, debug ? debug : "");
      sb_listener_fail (self, translate_gst_error (self, gst_error));
      return G_SOURCE_REMOVE;
    }

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    {
      self->pipeline_done = TRUE;
      if (self->decoder_done)
        sb_listener_take_transcript (self, NULL);
    }

  return G_SOURCE_CONTINUE;
}

/* When it finds no sound card, autoaudiosrc quietly plays silence from
 * a test source instead: that is no microphone.
 */
static gboolean
is_fake_microphone (GstElement *pipeline)
{
  g_autoptr(GstIterator) iter = gst_bin_iterate_recurse (GST_BIN (pipeline));
  GValue item = G_VALUE_INIT;
  gboolean fake = FALSE;

  while (gst_iterator_next (iter, &item) == GST_ITERATOR_OK)
    {
      GstElement *element = g_value_get_object (&item);
      GstElementFactory *factory = gst_element_get_factory (element);
      const char *name = factory != NULL ? gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)) : "";

      if (g_str_equal (name, "audiotestsrc") || g_str_equal (name, "fakesrc")
          || g_str_equal (name, "fakeaudiosrc"))
        fake = TRUE;
      g_value_reset (&item);
    }
  g_value_unset (&item);
  return fake;
}

static void
stop_pipeline_cb (GstElement *pipeline,
                  gpointer    user_data)
{
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

/* Stops the threads and the pipeline; nothing more is delivered. */
static void
sb_listener_teardown (SbListener *self)
{
  if (self->bus_watch != NULL)
    {
      g_source_destroy (self->bus_watch);
      g_clear_pointer (&self->bus_watch, g_source_unref);
    }
  if (self->session != NULL)
    {
      g_atomic_int_set (&self->session->cancelled, TRUE);
      g_async_queue_push (self->session->queue, g_bytes_ref (end_marker));
    }
  if (self->pipeline != NULL)
    {
      /* Stopping joins GStreamer's threads, which can take a while on a
       * busy machine: not on the main thread.
       */
      GstElement *pipeline = g_steal_pointer (&self->pipeline);

      /* Our reference goes with the call, so the pipeline lives until it is stopped. */
      gst_element_call_async (pipeline, stop_pipeline_cb, pipeline, gst_object_unref);
    }
  g_clear_pointer (&self->session, session_unref);
}

static void
sb_listener_set_state (SbListener      *self,
                       SbListenerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
sb_listener_fail (SbListener *self,
                  GError     *error)
{
  g_autoptr(GError) owned = error;
  g_autoptr(GObject) hold = g_object_ref (G_OBJECT (self));

  sb_listener_teardown (self);
  if (self->keep_path != NULL)
    g_remove (self->keep_path);
  if (self->state == SB_LISTENER_STATE_FAILED || self->state == SB_LISTENER_STATE_FINISHED)
    return;
  sb_listener_set_state (self, SB_LISTENER_STATE_FAILED);
  g_signal_emit (self, signals[ERROR], 0, owned);
}

/* With @transcript, the decoder is done; with NULL, the pipeline is. Once
 * both are, ::finished.
 */
static void
sb_listener_take_transcript (SbListener         *self,
                             SbAnswerTranscript *transcript)
{
  g_autoptr(GObject) hold = g_object_ref (G_OBJECT (self));

  if (transcript != NULL)
    {
      g_clear_pointer (&self->transcript, sb_answer_transcript_unref);
      self->transcript = transcript;
      self->decoder_done = TRUE;
    }
  if (!self->decoder_done || !self->pipeline_done)
    return;

  sb_listener_teardown (self);
  sb_listener_set_state (self, SB_LISTENER_STATE_FINISHED);
  g_signal_emit (self, signals[FINISHED], 0, self->transcript);
}

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
sb_listener_dispose (GObject *object)
{
  SbListener *self = (SbListener *) object;

  sb_listener_teardown (self);

  G_OBJECT_CLASS (sb_listener_parent_class)->dispose (object);
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

  object_class->dispose = sb_listener_dispose;
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
  static gsize once;

  if (g_once_init_enter (&once))
    {
      /* PocketSphinx logs every step to stderr; the errors that matter
       * are told through GError.
       */
      err_set_logfp (NULL);
      end_marker = g_bytes_new_static ("", 0);
      g_once_init_leave (&once, 1);
    }

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

void
sb_listener_set_realtime (SbListener *self,
                          gboolean    realtime)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  self->realtime = !!realtime;
}

const char *
sb_listener_get_keep_path (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);
  return self->keep_path;
}

/**
 * sb_listener_check_available:
 * @language: (nullable): the language, %NULL for the default
 *
 * Returns: %FALSE with SB_LISTENER_ERROR_NO_MODEL (and a message saying
 * what to install) when the language's speech model is not installed
 */
gboolean
sb_listener_check_available (const char  *language,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SbSpeechModelPaths paths;

  if (!sb_speech_model_find_paths (language, &paths, &local_error))
    {
      /* Told as the listener's own error: the window only knows those. */
      g_set_error_literal (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MODEL, local_error->message);
      return FALSE;
    }
  sb_speech_model_paths_clear (&paths);
  return TRUE;
}

/**
 * sb_listener_start:
 *
 * Starts listening. The model is built and loaded off the main thread;
 * the state goes to %SB_LISTENER_STATE_LISTENING once it is ready (the
 * audio heard meanwhile is kept and decoded).
 *
 * Returns: %FALSE when listening cannot begin (no speech model, the
 * file does not exist, the recording cannot be created)
 */
gboolean
sb_listener_start (SbListener  *self,
                   GError     **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GError) gst_error = NULL;
  Session *session;
  GThread *thread;

  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (self->state == SB_LISTENER_STATE_IDLE, FALSE);

  if (!sb_listener_check_available (self->language, error))
    return FALSE;

  if (!gst_init_check (NULL, NULL, &gst_error))
    {
      g_set_error (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_FAILED,
                   _("GStreamer could not start: %s"), gst_error->message);
      return FALSE;
    }

  if (self->source_uri != NULL && g_str_has_prefix (self->source_uri, "file:"))
    {
      g_autofree char *path = g_filename_from_uri (self->source_uri, NULL, NULL);

      if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *display = g_filename_display_name (path ? path : self->source_uri);

          g_set_error (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_BAD_FILE,
                       _("%s does not exist or is not a file"), display);
          return FALSE;
        }
    }

  if (self->keep_path != NULL && !create_keep_file (self->keep_path, error))
    return FALSE;

  session = g_new0 (Session, 1);
  g_atomic_ref_count_init (&session->ref_count);
  g_weak_ref_init (&session->listener, self);
  session->context = g_main_context_ref_thread_default ();
  session->story = sb_story_copy (self->story);
  session->language = g_strdup (self->language);
  session->queue = g_async_queue_new_full ((GDestroyNotify) g_bytes_unref);
  session->from_file = self->source_uri != NULL && !self->realtime;

  pipeline = build_pipeline (self, session, error);
  if (pipeline == NULL)
    {
      session_unref (session);
      if (self->keep_path != NULL)
        g_remove (self->keep_path);
      return FALSE;
    }

  self->session = session;
  self->pipeline = g_steal_pointer (&pipeline);
  self->decoder_done = FALSE;
  self->pipeline_done = FALSE;

  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_watch, G_SOURCE_FUNC (bus_message_cb), self, NULL);
  g_source_attach (self->bus_watch, session->context);

  thread = g_thread_new ("sb-listener", decoder_thread, session_ref (session));
  g_thread_unref (thread);

  sb_listener_set_state (self, SB_LISTENER_STATE_STARTING);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      /* The bus has the reason, unless there is none. */
      GstMessage *message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        {
          g_autoptr(GError) reason = NULL;

          gst_message_parse_error (message, &reason, NULL);
          gst_message_unref (message);
          g_propagate_error (error, translate_gst_error (self, reason));
        }
      else if (self->source_uri == NULL)
        g_set_error_literal (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MICROPHONE,
                             _("No microphone could be opened: plug one in or check the sound settings"));
      else
        g_set_error_literal (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_BAD_FILE,
                             _("The file could not be read as audio"));
      sb_listener_teardown (self);
      if (self->keep_path != NULL)
        g_remove (self->keep_path);
      sb_listener_set_state (self, SB_LISTENER_STATE_FAILED);
      return FALSE;
    }

  if (self->source_uri == NULL && is_fake_microphone (self->pipeline))
    {
      g_set_error_literal (error, SB_LISTENER_ERROR, SB_LISTENER_ERROR_NO_MICROPHONE,
                           _("No microphone was found: plug one in or check the sound settings"));
      sb_listener_teardown (self);
      if (self->keep_path != NULL)
        g_remove (self->keep_path);
      sb_listener_set_state (self, SB_LISTENER_STATE_FAILED);
      return FALSE;
    }

  return TRUE;
}

/**
 * sb_listener_stop:
 *
 * Ends the answer: what was heard so far is decoded and ::finished
 * follows (at once when nothing is left to decode).
 */
void
sb_listener_stop (SbListener *self)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  if (self->pipeline == NULL || self->stopping)
    return;
  if (self->state != SB_LISTENER_STATE_STARTING && self->state != SB_LISTENER_STATE_LISTENING)
    return;

  self->stopping = TRUE;
  sb_listener_set_state (self, SB_LISTENER_STATE_FINISHING);
  /* The end of stream goes through both branches: the recording is
   * closed properly and the decoder gets its end marker.
   */
  gst_element_send_event (self->pipeline, gst_event_new_eos ());
}

/**
 * sb_listener_cancel:
 *
 * Abandons the answer: nothing more is emitted and the recording, if it
 * was being kept, is removed.
 */
void
sb_listener_cancel (SbListener *self)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  if (self->session == NULL)
    return;
  sb_listener_teardown (self);
  if (self->keep_path != NULL)
    g_remove (self->keep_path);
  sb_listener_set_state (self, SB_LISTENER_STATE_IDLE);
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

typedef struct
{
  GMainLoop          *loop;
  SbAnswerTranscript *transcript;
  GError             *error;
} ListenFile;

static void
listen_file_finished_cb (SbListener         *listener,
                         SbAnswerTranscript *transcript,
                         ListenFile         *state)
{
  state->transcript = sb_answer_transcript_ref (transcript);
  g_main_loop_quit (state->loop);
}

static void
listen_file_error_cb (SbListener *listener,
                      GError     *error,
                      ListenFile *state)
{
  g_clear_error (&state->error);
  state->error = g_error_copy (error);
  g_main_loop_quit (state->loop);
}

/**
 * sb_listener_listen_file:
 * @story: the story the answer tells
 * @path: an audio file (any format GStreamer decodes)
 * @keep_path: (nullable): where to keep an Ogg Opus copy
 * @transcript: (out): what was heard
 *
 * Returns: %FALSE with @error when the file cannot be listened to
 */
gboolean
sb_listener_listen_file (SbStory             *story,
                         const char          *path,
                         const char          *keep_path,
                         SbAnswerTranscript **transcript,
                         GError             **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SbListener) listener = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  ListenFile state = { NULL, };
  gboolean ok;

  g_return_val_if_fail (SB_IS_STORY (story), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (transcript != NULL, FALSE);

  *transcript = NULL;
  file = g_file_new_for_commandline_arg (path);
  uri = g_file_get_uri (file);

  g_main_context_push_thread_default (context);
  listener = sb_listener_new (story, NULL);
  sb_listener_set_source_uri (listener, uri);
  sb_listener_set_keep_path (listener, keep_path);
  g_signal_connect (listener, "finished", G_CALLBACK (listen_file_finished_cb), &state);
  g_signal_connect (listener, "error", G_CALLBACK (listen_file_error_cb), &state);

  ok = sb_listener_start (listener, error);
  if (ok)
    {
      state.loop = g_main_loop_new (context, FALSE);
      g_main_loop_run (state.loop);
      g_main_loop_unref (state.loop);
    }
  g_signal_handlers_disconnect_by_data (listener, &state);
  g_clear_object (&listener);
  /* Let what the threads posted be freed with the context. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  if (!ok)
    return FALSE;
  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      g_clear_pointer (&state.transcript, sb_answer_transcript_unref);
      return FALSE;
    }
  *transcript = state.transcript;
  return TRUE;
}
