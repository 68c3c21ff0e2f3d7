/* sb-speaking-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-speaking-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sb-coach.h"
#include "sb-speaking-bar.h"

#define UPDATE_DELAY_MS 300
#define BAR_HEIGHT      14
#define TICK_OVERHANG   3

/* How long the story takes to tell, and how its parts split that time
 * against the target split (the ticks), updated as the user types.
 */
struct _SbSpeakingBar
{
  GtkWidget           parent_instance;

  GtkWidget          *summary_label;
  GtkWidget          *bar;
  GtkWidget          *legend_label;

  SbStory            *story;
  GSettings          *settings;
  SbSpeakingEstimate  estimate;
  guint               target_seconds;
  guint               update_id;
};

G_DEFINE_FINAL_TYPE (SbSpeakingBar, sb_speaking_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORY,
  PROP_TARGET_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * sb_format_speaking_time:
 *
 * Returns: (transfer full): @seconds as "45 s", "2 min" or "1 min 40 s"
 */
char *
sb_format_speaking_time (double seconds)
{
  guint s = (guint) MAX (0, round (seconds));

  if (s < 60)
    return g_strdup_printf (_("%u s"), s);
  if (s % 60 == 0)
    return g_strdup_printf (_("%u min"), s / 60);
  return g_strdup_printf (_("%u min %u s"), s / 60, s % 60);
}

static const char *
part_letter (guint part)
{
  /* Translators: the first letters of Situation, Task, Action, Result,
   * Learnings, drawn inside the speaking-time bar
   */
  const char *letters[] = { N_("S"), N_("T"), N_("A"), N_("R"), N_("L") };

  return _(letters[part]);
}

static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  SbSpeakingBar *self = user_data;
  const SbSpeakingEstimate *e = &self->estimate;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  static const double part_alpha[SB_STAR_N_PARTS] = { 0.45, 0.65, 1.0, 0.8, 0.55 };
  GdkRGBA fg, accent, accent_fg;
  double scale, x, y, target_x;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    accent = fg;
  if (!gtk_style_context_lookup_color (style, "accent_fg_color", &accent_fg))
    gdk_rgba_parse (&accent_fg, "white");
  G_GNUC_END_IGNORE_DEPRECATIONS

  y = (height - BAR_HEIGHT) / 2.0;
  scale = MAX (e->total_seconds, e->total_target_seconds);
  if (scale <= 0 || width <= 2)
    return;
  scale = (width - 2) / scale;

  /* The trough, as long as the target when the story is shorter. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.1);
  cairo_rectangle (cr, 1, y, width - 2, BAR_HEIGHT);
  cairo_fill (cr);

  x = 1;
  for (guint i = 0; i < SB_STAR_N_PARTS; i++)
    {
      double w = e->seconds[i] * scale;
      g_autoptr(PangoLayout) layout = NULL;
      int text_width, text_height;

      if (w <= 0)
        continue;

      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, accent.alpha * part_alpha[i]);
      /* A hairline between parts keeps them apart. */
      cairo_rectangle (cr, x, y, MAX (1, w - 1), BAR_HEIGHT);
      cairo_fill (cr);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), part_letter (i));
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      if (w >= text_width + 6)
        {
          cairo_set_source_rgba (cr, accent_fg.red, accent_fg.green, accent_fg.blue, accent_fg.alpha);
          cairo_move_to (cr, x + (w - text_width) / 2.0, y + (BAR_HEIGHT - text_height) / 2.0);
          pango_cairo_show_layout (cr, layout);
        }
      x += w;
    }

  /* Ticks where each part should end, for a story told on target. */
  target_x = 1;
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.7);
  for (guint i = 0; i < SB_STAR_N_PARTS; i++)
    {
      /* Learnings have no share of their own. */
      if (e->target_seconds[i] <= 0)
        continue;
      target_x += e->target_seconds[i] * scale;
      if (i == SB_STAR_RESULT)
        {
          /* The target itself: a line across. */
          cairo_rectangle (cr, round (target_x) - 1, y - TICK_OVERHANG, 2, BAR_HEIGHT + 2 * TICK_OVERHANG);
        }
      else
        {
          /* A split point: notches above and below, leaving the bar readable. */
          cairo_rectangle (cr, round (target_x) - 1, y - TICK_OVERHANG, 1, TICK_OVERHANG + 3);
          cairo_rectangle (cr, round (target_x) - 1, y + BAR_HEIGHT - 3, 1, TICK_OVERHANG + 3);
        }
      cairo_fill (cr);
    }
}

static void
update (SbSpeakingBar *self)
{
  g_autofree char *total = NULL;
  g_autofree char *target = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *legend = NULL;
  g_autofree char *parts[SB_STAR_N_PARTS] = { NULL, };
  gboolean off_target;

  g_clear_handle_id (&self->update_id, g_source_remove);

  if (self->story == NULL)
    {
      memset (&self->estimate, 0, sizeof self->estimate);
      gtk_widget_queue_draw (self->bar);
      return;
    }

  sb_coach_estimate (self->story, self->target_seconds, &self->estimate);

  target = sb_format_speaking_time (self->estimate.total_target_seconds);
  if (self->estimate.total_words == 0)
    {
      /* Translators: %s is a time such as "2 min" */
      summary = g_strdup_printf (_("Nothing to time yet · target %s"), target);
      off_target = FALSE;
    }
  else
    {
      /* Rounded to 5 s: the estimate is not more precise than that. */
      total = sb_format_speaking_time (round (self->estimate.total_seconds / 5.0) * 5.0);
      /* Translators: "About 1 min 40 s of speaking · target 2 min" */
      summary = g_strdup_printf (_("About %s of speaking · target %s"), total, target);
      /* Flagged as the coach flags it, unless the user found it fine. */
      off_target = (self->estimate.total_seconds < self->estimate.total_target_seconds / 2 ||
                    self->estimate.total_seconds > self->estimate.total_target_seconds * 3 / 2) &&
                   !sb_story_is_dismissed (self->story, SB_CHECK_SPEAKING_TIME);
    }
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  if (off_target)
    gtk_widget_add_css_class (self->summary_label, "warning");
  else
    gtk_widget_remove_css_class (self->summary_label, "warning");

  for (guint i = 0; i < SB_STAR_N_PARTS; i++)
    parts[i] = sb_format_speaking_time (self->estimate.seconds[i]);
  if (self->estimate.words[SB_STAR_LEARNINGS] > 0)
    /* Translators: each part's speaking time */
    legend = g_strdup_printf (_("Situation %s · Task %s · Action %s · Result %s · Learnings %s"),
                              parts[0], parts[1], parts[2], parts[3], parts[4]);
  else
    /* Translators: each part's speaking time */
    legend = g_strdup_printf (_("Situation %s · Task %s · Action %s · Result %s"),
                              parts[0], parts[1], parts[2], parts[3]);
  gtk_label_set_text (GTK_LABEL (self->legend_label), legend);

  gtk_widget_set_visible (self->bar, self->estimate.total_words > 0);
  gtk_widget_set_visible (self->legend_label, self->estimate.total_words > 0);
  gtk_widget_queue_draw (self->bar);
}

static gboolean
update_timeout_cb (gpointer user_data)
{
  SbSpeakingBar *self = user_data;

  self->update_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
story_changed_cb (SbSpeakingBar *self)
{
  g_clear_handle_id (&self->update_id, g_source_remove);
  self->update_id = g_timeout_add (UPDATE_DELAY_MS, update_timeout_cb, self);
}

static void
sb_speaking_bar_dispose (GObject *object)
{
  SbSpeakingBar *self = (SbSpeakingBar *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_clear_object (&self->story);
  g_clear_object (&self->settings);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_speaking_bar_parent_class)->dispose (object);
}

static void
sb_speaking_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbSpeakingBar *self = SB_SPEAKING_BAR (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    case PROP_TARGET_SECONDS:
      g_value_set_uint (value, self->target_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_speaking_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbSpeakingBar *self = SB_SPEAKING_BAR (object);

  switch (prop_id)
    {
    case PROP_STORY:
      sb_speaking_bar_set_story (self, g_value_get_object (value));
      break;
    case PROP_TARGET_SECONDS:
      sb_speaking_bar_set_target_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_speaking_bar_class_init (SbSpeakingBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_speaking_bar_dispose;
  object_class->get_property = sb_speaking_bar_get_property;
  object_class->set_property = sb_speaking_bar_set_property;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET_SECONDS] =
    g_param_spec_uint ("target-seconds", NULL, NULL, 0, 3600, 120,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "speakingbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sb_speaking_bar_init (SbSpeakingBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->summary_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary_label), TRUE);
  gtk_widget_add_css_class (self->summary_label, "speaking-summary");
  gtk_widget_set_parent (self->summary_label, GTK_WIDGET (self));

  self->bar = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->bar), BAR_HEIGHT + 2 * TICK_OVERHANG);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->bar), draw_bar, self, NULL);
  gtk_widget_set_hexpand (self->bar, TRUE);
  gtk_widget_set_tooltip_text (self->bar, _("The marks show the target split: about 15 % situation, "
                                            "10 % task, 55 % action and 20 % result; learnings, "
                                            "when you tell them, fit in the same time"));
  gtk_widget_add_css_class (self->bar, "speaking-bar");
  gtk_widget_set_parent (self->bar, GTK_WIDGET (self));

  self->legend_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->legend_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->legend_label), TRUE);
  gtk_widget_add_css_class (self->legend_label, "caption");
  gtk_widget_add_css_class (self->legend_label, "dim-label");
  gtk_widget_set_parent (self->legend_label, GTK_WIDGET (self));

  self->target_seconds = sb_coach_get_thresholds ()->default_target_seconds;
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "target-seconds", self, "target-seconds", G_SETTINGS_BIND_GET);

  update (self);
}

GtkWidget *
sb_speaking_bar_new (void)
{
  return g_object_new (SB_TYPE_SPEAKING_BAR, NULL);
}

/**
 * sb_speaking_bar_get_story:
 *
 * Returns: (transfer none) (nullable): the story timed
 */
SbStory *
sb_speaking_bar_get_story (SbSpeakingBar *self)
{
  g_return_val_if_fail (SB_IS_SPEAKING_BAR (self), NULL);
  return self->story;
}

void
sb_speaking_bar_set_story (SbSpeakingBar *self,
                           SbStory       *story)
{
  g_return_if_fail (SB_IS_SPEAKING_BAR (self));
  g_return_if_fail (story == NULL || SB_IS_STORY (story));

  if (self->story == story)
    return;

  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_set_object (&self->story, story);
  if (story != NULL)
    g_signal_connect_object (story, "changed", G_CALLBACK (story_changed_cb), self, G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

guint
sb_speaking_bar_get_target_seconds (SbSpeakingBar *self)
{
  g_return_val_if_fail (SB_IS_SPEAKING_BAR (self), 0);
  return self->target_seconds;
}

void
sb_speaking_bar_set_target_seconds (SbSpeakingBar *self,
                                    guint          target_seconds)
{
  g_return_if_fail (SB_IS_SPEAKING_BAR (self));

  if (self->target_seconds == target_seconds)
    return;

  self->target_seconds = target_seconds;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_SECONDS]);
}

/**
 * sb_speaking_bar_get_summary:
 *
 * Returns: the line shown, e.g. "About 1 min 40 s of speaking · target 2 min"
 */
const char *
sb_speaking_bar_get_summary (SbSpeakingBar *self)
{
  g_return_val_if_fail (SB_IS_SPEAKING_BAR (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->summary_label));
}
