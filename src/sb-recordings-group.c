/* sb-recordings-group.c: a story's answers spoken aloud, beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under the coach on the story's page: the trend of the story's last
 * spoken answers (length, pace, parts told), then each recording with its
 * date and figures, to play or delete. Hidden while the story has none.
 */

#define G_LOG_DOMAIN "sb-recordings-group"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sb-recordings-group.h"

/* Reports the trend compares, the newest first. */
#define TREND_LENGTH 5
/* Rows listed; older recordings stay on disk, their reports in the trend. */
#define MAX_ROWS 8

struct _SbRecordingsGroup
{
  GtkWidget       parent_instance;

  /* Built in init */
  GtkBox         *box;
  GtkLabel       *trend_label;
  GtkListBox     *list;

  /* Owned */
  SbRecordings   *recordings;
  SbStory        *story;
  GPtrArray      *shown;         /* SbRecording, one per row */
  GtkMediaStream *media;
  SbRecording    *playing;
};

G_DEFINE_FINAL_TYPE (SbRecordingsGroup, sb_recordings_group, GTK_TYPE_WIDGET)

static char *
format_time (double seconds)
{
  guint s = (guint) MAX (seconds + 0.5, 0);

  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

static char *
dup_figures (SbRecording *recording)
{
  g_autofree char *length = format_time (sb_recording_get_seconds (recording));
  double pace = sb_recording_get_report_number (recording, "words-per-minute");
  double coverage = sb_recording_get_report_number (recording, "coverage");

  if (isnan (pace) || pace <= 0)
    /* Translators: a spoken answer in which no words were recognised */
    return g_strdup_printf (_("%s · nothing heard"), length);
  if (isnan (coverage))
    /* Translators: a spoken answer's length and pace, "1:42 · 138 wpm" */
    return g_strdup_printf (_("%s · %.0f wpm"), length, pace);
  /* Translators: a spoken answer's length, pace and how much of the
   * story it told, "1:42 · 138 wpm · 80% told"
   */
  return g_strdup_printf (_("%s · %.0f wpm · %.0f%% told"), length, pace, coverage * 100);
}

/* From the oldest of the last few answers to the newest. */
static char *
dup_trend (GPtrArray *recordings)
{
  guint n = MIN (recordings->len, TREND_LENGTH);
  SbRecording *newest;
  SbRecording *oldest;
  g_autofree char *from_length = NULL;
  g_autofree char *to_length = NULL;
  double from_pace, to_pace, from_told, to_told;

  if (n < 2)
    return NULL;

  newest = g_ptr_array_index (recordings, 0);
  oldest = g_ptr_array_index (recordings, n - 1);
  from_length = format_time (sb_recording_get_seconds (oldest));
  to_length = format_time (sb_recording_get_seconds (newest));
  from_pace = sb_recording_get_report_number (oldest, "words-per-minute");
  to_pace = sb_recording_get_report_number (newest, "words-per-minute");
  from_told = sb_recording_get_report_number (oldest, "coverage");
  to_told = sb_recording_get_report_number (newest, "coverage");

  if (isnan (from_pace) || isnan (to_pace) || isnan (from_told) || isnan (to_told))
    /* Translators: the trend of the last answers, "Last 3: 0:58 → 1:42" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u: %s → %s", "Last %u: %s → %s", n),
                            n, from_length, to_length);

  /* Translators: the trend of the last answers: length, pace, story told,
   * "Last 3: 0:58 → 1:42 · 170 → 140 wpm · 40% → 100% told"
   */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Last %u: %s → %s · %.0f → %.0f wpm · %.0f%% → %.0f%% told",
                                       "Last %u: %s → %s · %.0f → %.0f wpm · %.0f%% → %.0f%% told", n),
                          n, from_length, to_length, from_pace, to_pace, from_told * 100, to_told * 100);
}

static void
stop_playing (SbRecordingsGroup *self)
{
  if (self->media != NULL)
    gtk_media_stream_pause (self->media);
  g_clear_object (&self->media);
  g_clear_pointer (&self->playing, sb_recording_unref);
}

static void
media_playing_cb (GtkMediaStream *media,
                  GParamSpec     *pspec,
                  GtkButton      *button)
{
  gtk_button_set_icon_name (button, gtk_media_stream_get_playing (media) ? "media-playback-pause-symbolic"
                                                                         : "media-playback-start-symbolic");
}

static void
play_clicked_cb (GtkButton         *button,
                 SbRecordingsGroup *self)
{
  SbRecording *recording = g_object_get_data (G_OBJECT (button), "sb-recording");
  gboolean was_playing = self->playing == recording && self->media != NULL
                         && gtk_media_stream_get_playing (self->media);

  g_assert (SB_IS_RECORDINGS_GROUP (self));

  if (self->playing != recording)
    {
      stop_playing (self);
      self->playing = sb_recording_ref (recording);
      self->media = gtk_media_file_new_for_filename (sb_recording_get_audio_path (recording));
      /* The button shows Play again when the answer has played to its end. */
      g_signal_connect_object (self->media, "notify::playing", G_CALLBACK (media_playing_cb), button, 0);
    }
  gtk_media_stream_set_playing (self->media, !was_playing);
}

static void
delete_clicked_cb (GtkButton         *button,
                   SbRecordingsGroup *self)
{
  SbRecording *recording = g_object_get_data (G_OBJECT (button), "sb-recording");
  g_autoptr(GError) error = NULL;

  g_assert (SB_IS_RECORDINGS_GROUP (self));

  if (self->playing == recording)
    stop_playing (self);
  if (!sb_recordings_delete (self->recordings, recording, &error))
    g_warning ("%s", error->message);
}

static GtkWidget *
make_button (SbRecordingsGroup *self,
             SbRecording       *recording,
             const char        *icon_name,
             const char        *tooltip,
             GCallback          callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "sb-recording", recording);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
make_row (SbRecordingsGroup *self,
          SbRecording       *recording)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) local = g_date_time_to_local (sb_recording_get_date (recording));
  /* Translators: when an answer was spoken, as in "6 Dec, 21:05"; see
   * g_date_time_format() for the codes
   */
  g_autofree char *date = g_date_time_format (local, _("%-d %b, %H:%M"));
  g_autofree char *figures = dup_figures (recording);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), figures);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  if (sb_recording_get_audio_path (recording) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_button (self, recording, "media-playback-start-symbolic",
                                            _("Play"), G_CALLBACK (play_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_button (self, recording, "user-trash-symbolic",
                                          _("Delete Recording"), G_CALLBACK (delete_clicked_cb)));
  return row;
}

static void
rebuild (SbRecordingsGroup *self)
{
  g_autoptr(GPtrArray) recordings = NULL;
  g_autofree char *trend = NULL;
  GtkWidget *child;

  stop_playing (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->shown, 0);

  if (self->story != NULL && self->recordings != NULL)
    recordings = sb_recordings_list (self->recordings, sb_story_get_id (self->story));

  gtk_widget_set_visible (GTK_WIDGET (self), recordings != NULL && recordings->len > 0);
  if (recordings == NULL || recordings->len == 0)
    return;

  trend = dup_trend (recordings);
  gtk_label_set_text (self->trend_label, trend ? trend : "");
  gtk_widget_set_visible (GTK_WIDGET (self->trend_label), trend != NULL);

  for (guint i = 0; i < MIN (recordings->len, MAX_ROWS); i++)
    {
      SbRecording *recording = g_ptr_array_index (recordings, i);

      g_ptr_array_add (self->shown, sb_recording_ref (recording));
      gtk_list_box_append (self->list, make_row (self, recording));
    }
}

static void
recordings_changed_cb (SbRecordingsGroup *self,
                       const char        *story_id)
{
  g_assert (SB_IS_RECORDINGS_GROUP (self));

  if (self->story != NULL && g_strcmp0 (story_id, sb_story_get_id (self->story)) == 0)
    rebuild (self);
}

static void
sb_recordings_group_dispose (GObject *object)
{
  SbRecordingsGroup *self = (SbRecordingsGroup *) object;
  GtkWidget *child;

  stop_playing (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->recordings);
  g_clear_object (&self->story);

  G_OBJECT_CLASS (sb_recordings_group_parent_class)->dispose (object);
}

static void
sb_recordings_group_finalize (GObject *object)
{
  SbRecordingsGroup *self = (SbRecordingsGroup *) object;

  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_recordings_group_parent_class)->finalize (object);
}

static void
sb_recordings_group_class_init (SbRecordingsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_recordings_group_dispose;
  object_class->finalize = sb_recordings_group_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recordingsgroup");
}

static void
sb_recordings_group_init (SbRecordingsGroup *self)
{
  GtkWidget *heading = gtk_label_new (_("Rehearsals Aloud"));

  self->shown = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_recording_unref);

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 12);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_box_append (self->box, heading);

  self->trend_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->trend_label, 0);
  gtk_label_set_wrap (self->trend_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->trend_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->trend_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->trend_label), "numeric");
  gtk_box_append (self->box, GTK_WIDGET (self->trend_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recordings of this story"), -1);
  gtk_box_append (self->box, GTK_WIDGET (self->list));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * sb_recordings_group_new:
 * @recordings: (nullable): where the answers are kept
 */
GtkWidget *
sb_recordings_group_new (SbRecordings *recordings)
{
  SbRecordingsGroup *self;

  g_return_val_if_fail (recordings == NULL || SB_IS_RECORDINGS (recordings), NULL);

  self = g_object_new (SB_TYPE_RECORDINGS_GROUP, NULL);
  if (recordings != NULL)
    {
      self->recordings = g_object_ref (recordings);
      g_signal_connect_object (recordings, "changed", G_CALLBACK (recordings_changed_cb), self, G_CONNECT_SWAPPED);
    }
  return GTK_WIDGET (self);
}

/**
 * sb_recordings_group_set_story:
 * @story: (nullable): the story on the page
 */
void
sb_recordings_group_set_story (SbRecordingsGroup *self,
                               SbStory           *story)
{
  g_return_if_fail (SB_IS_RECORDINGS_GROUP (self));
  g_return_if_fail (story == NULL || SB_IS_STORY (story));

  if (story == self->story)
    return;
  g_set_object (&self->story, story);
  rebuild (self);
}

/**
 * sb_recordings_group_get_n_shown:
 *
 * Returns: how many recordings are listed
 */
guint
sb_recordings_group_get_n_shown (SbRecordingsGroup *self)
{
  g_return_val_if_fail (SB_IS_RECORDINGS_GROUP (self), 0);

  return self->shown->len;
}
