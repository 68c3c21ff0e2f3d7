/* sb-answer-view.c: the report of a spoken answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown beside the story on a rehearsal card once the answer is heard:
 * a line of figures, the findings with their reasons (as the coach shows
 * its own), the transcript with the story's words in bold, and the
 * recording to play back or delete.
 */

#define G_LOG_DOMAIN "sb-answer-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-answer-view.h"

/* A report: what the answer did well and what it missed. */
struct _SbAnswerView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkButton        *delete_button;
  GtkListBox       *findings_list;
  GtkMediaControls *media_controls;
  GtkLabel         *note_label;
  GtkBox           *playback_box;
  GtkLabel         *summary_label;
  GtkLabel         *transcript_label;

  /* Owned */
  SbAnswerReport   *report;
  SbRecording      *recording;
  GtkMediaStream   *media;
};

G_DEFINE_FINAL_TYPE (SbAnswerView, sb_answer_view, GTK_TYPE_WIDGET)

enum {
  DELETE_RECORDING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_time (double seconds)
{
  guint s = (guint) MAX (seconds + 0.5, 0);

  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
make_finding_row (SbFinding *finding)
{
  gboolean warning = sb_finding_get_severity (finding) == SB_FINDING_WARNING;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (warning ? "dialog-warning-symbolic"
                                                          : "object-select-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_finding_get_message (finding));
  if (sb_finding_get_suggestion (finding) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sb_finding_get_suggestion (finding));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "answer-finding");

  gtk_widget_add_css_class (icon, warning ? "warning" : "success");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  warning ? _("To work on") : _("Done well"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

/* The transcript, the story's words in bold and the rest a little dimmer,
 * so that what was heard of the story stands out in light and dark.
 */
static char *
dup_transcript_markup (SbAnswerReport *report)
{
  const char *text = sb_answer_report_get_text (report);
  const SbAnswerRange *marks;
  GString *markup = g_string_new ("<span alpha=\"72%\">");
  guint n_marks = 0;
  gsize done = 0;
  gsize length;

  if (text == NULL || text[0] == '\0')
    {
      g_string_free (markup, TRUE);
      return g_markup_printf_escaped ("<i>%s</i>", _("No words were recognised."));
    }

  length = strlen (text);
  marks = sb_answer_report_get_marks (report, &n_marks);
  for (guint i = 0; i < n_marks; i++)
    {
      gsize start = MIN (marks[i].start, length);
      gsize end = MIN (marks[i].end, length);
      g_autofree char *before = NULL;
      g_autofree char *word = NULL;

      if (start < done || end <= start)
        continue;
      before = g_markup_escape_text (text + done, start - done);
      word = g_markup_escape_text (text + start, end - start);
      g_string_append_printf (markup, "%s</span><b>%s</b><span alpha=\"72%%\">", before, word);
      done = end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + done, length - done);

    g_string_append_printf (markup, "%s</span>", rest);
  }

  return g_string_free (markup, FALSE);
}

static char *
dup_summary (SbAnswerReport *report)
{
  g_autofree char *length = format_time (sb_answer_report_get_seconds (report));
  g_autofree char *target = format_time (sb_answer_report_get_target_seconds (report));
  g_autofree char *pace = NULL;
  guint n_parts = sb_answer_report_get_n_parts (report);
  guint n_heard = 0;

  if (sb_answer_report_get_nothing_heard (report))
    /* Translators: the report's figures when nothing was heard, "0:12 of 2:00" */
    return g_strdup_printf (_("%s of %s · nothing heard"), length, target);

  for (guint i = 0; i < n_parts; i++)
    if (sb_answer_report_get_part (report, i)->heard)
      n_heard++;

  /* Translators: words a minute, e.g. "142 wpm" */
  pace = g_strdup_printf (_("%.0f wpm"), sb_answer_report_get_words_per_minute (report));
  /* Translators: the report's figures, "1:42 of 2:00 · 142 wpm · 4 of 6 parts told" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s · %s · %u of %u part told",
                                       "%s of %s · %s · %u of %u parts told", n_parts),
                          length, target, pace, n_heard, n_parts);
}

static void
update (SbAnswerView *self)
{
  GListModel *findings;
  const char *audio;
  g_autofree char *summary = NULL;
  g_autofree char *markup = NULL;

  remove_rows (self->findings_list);
  gtk_media_controls_set_media_stream (self->media_controls, NULL);
  if (self->media != NULL)
    gtk_media_stream_pause (self->media);
  g_clear_object (&self->media);

  if (self->report == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      gtk_label_set_text (self->transcript_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->playback_box), FALSE);
      return;
    }

  summary = dup_summary (self->report);
  gtk_label_set_text (self->summary_label, summary);

  findings = sb_answer_report_get_findings (self->report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(SbFinding) finding = g_list_model_get_item (findings, i);

      gtk_list_box_append (self->findings_list, make_finding_row (finding));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), g_list_model_get_n_items (findings) > 0);

  markup = dup_transcript_markup (self->report);
  gtk_label_set_markup (self->transcript_label, markup);

  audio = self->recording ? sb_recording_get_audio_path (self->recording) : NULL;
  if (audio != NULL)
    {
      self->media = gtk_media_file_new_for_filename (audio);
      gtk_media_controls_set_media_stream (self->media_controls, self->media);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->playback_box), audio != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "answer.delete", self->recording != NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SbAnswerView *self = SB_ANSWER_VIEW (widget);
  g_autoptr(SbRecording) recording = NULL;

  if (self->recording == NULL)
    return;

  /* Let go of the file before it goes. */
  recording = sb_recording_ref (self->recording);
  gtk_media_controls_set_media_stream (self->media_controls, NULL);
  if (self->media != NULL)
    gtk_media_stream_pause (self->media);
  g_clear_object (&self->media);

  g_signal_emit (self, signals[DELETE_RECORDING], 0, recording);
}

static void
sb_answer_view_dispose (GObject *object)
{
  SbAnswerView *self = (SbAnswerView *) object;
  GtkWidget *child;

  if (self->media_controls != NULL)
    gtk_media_controls_set_media_stream (self->media_controls, NULL);
  if (self->media != NULL)
    gtk_media_stream_pause (self->media);
  g_clear_object (&self->media);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ANSWER_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->report);
  g_clear_pointer (&self->recording, sb_recording_unref);

  G_OBJECT_CLASS (sb_answer_view_parent_class)->dispose (object);
}

static void
sb_answer_view_class_init (SbAnswerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_answer_view_dispose;

  /**
   * SbAnswerView::delete-recording:
   * @recording: the recording shown
   *
   * The user asked to delete the recording; its player has let go of it.
   */
  signals[DELETE_RECORDING] = g_signal_new ("delete-recording",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, SB_TYPE_RECORDING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "answerview");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-answer-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbAnswerView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SbAnswerView, findings_list);
  gtk_widget_class_bind_template_child (widget_class, SbAnswerView, media_controls);
  gtk_widget_class_bind_template_child (widget_class, SbAnswerView, note_label);
  gtk_widget_class_bind_template_child (widget_class, SbAnswerView, playback_box);
  gtk_widget_class_bind_template_child (widget_class, SbAnswerView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SbAnswerView, transcript_label);

  gtk_widget_class_install_action (widget_class, "answer.delete", NULL, delete_action);
}

static void
sb_answer_view_init (SbAnswerView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "answer.delete", FALSE);
}

GtkWidget *
sb_answer_view_new (void)
{
  return g_object_new (SB_TYPE_ANSWER_VIEW, NULL);
}

/**
 * sb_answer_view_set_report:
 * @report: (nullable): the report to show
 * @recording: (nullable): the answer's recording, with its audio when
 *   it was kept
 */
void
sb_answer_view_set_report (SbAnswerView   *self,
                           SbAnswerReport *report,
                           SbRecording    *recording)
{
  g_return_if_fail (SB_IS_ANSWER_VIEW (self));
  g_return_if_fail (report == NULL || SB_IS_ANSWER_REPORT (report));

  g_set_object (&self->report, report);
  if (recording != NULL)
    sb_recording_ref (recording);
  g_clear_pointer (&self->recording, sb_recording_unref);
  self->recording = recording;
  update (self);
}

/**
 * sb_answer_view_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown
 */
SbAnswerReport *
sb_answer_view_get_report (SbAnswerView *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_VIEW (self), NULL);
  return self->report;
}

/**
 * sb_answer_view_get_recording:
 *
 * Returns: (transfer none) (nullable): the recording shown
 */
SbRecording *
sb_answer_view_get_recording (SbAnswerView *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_VIEW (self), NULL);
  return self->recording;
}

/**
 * sb_answer_view_set_note:
 * @note: (nullable): a line under the report, such as why there is no
 *   recording to play
 */
void
sb_answer_view_set_note (SbAnswerView *self,
                         const char   *note)
{
  g_return_if_fail (SB_IS_ANSWER_VIEW (self));

  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && note[0] != '\0');
}
