/* sb-story-row.c: one story in the story list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-story-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-story-row.h"
#include "sb-tooltip.h"

/* A story's title, when it was last changed and its first line, and a
 * dot when the coach has something to say about it. The list says what
 * the coach found (sb_story_row_set_coach_counts()): the row only shows it.
 */
struct _SbStoryRow
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *coach_dot;
  GtkLabel       *date_label;
  GtkInscription *line_label;
  GtkInscription *title_label;

  /* Owned */
  SbStory        *story;
};

G_DEFINE_FINAL_TYPE (SbStoryRow, sb_story_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a date this year, see g_date_time_format() */
    return g_date_time_format (local, _("%e %b"));

  /* Translators: a date in another year, see g_date_time_format() */
  return g_date_time_format (local, _("%e %b %Y"));
}

static void
update (SbStoryRow *self)
{
  g_autofree char *first_line = NULL;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;

  if (self->story == NULL)
    return;

  first_line = sb_story_dup_first_line (self->story);
  when = format_date (sb_story_get_modified (self->story));
  title = sb_story_dup_display_title (self->story);

  if (title[0] == '\0')
    {
      gtk_inscription_set_text (self->title_label, _("Untitled Story"));
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
    }
  else
    {
      gtk_inscription_set_text (self->title_label, title);
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
    }

  gtk_inscription_set_text (self->line_label, first_line[0] ? first_line : _("No situation yet"));
  gtk_label_set_text (self->date_label, when);
}

static void
story_notify_cb (SbStoryRow *self,
                 GParamSpec *pspec,
                 SbStory    *story)
{
  g_assert (SB_IS_STORY_ROW (self));
  g_assert (SB_IS_STORY (story));

  update (self);
}

static void
sb_story_row_dispose (GObject *object)
{
  SbStoryRow *self = (SbStoryRow *)object;

  GtkWidget *child;

  sb_story_row_set_story (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_STORY_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_story_row_parent_class)->dispose (object);
}

static void
sb_story_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbStoryRow *self = SB_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbStoryRow *self = SB_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_STORY:
      sb_story_row_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_row_class_init (SbStoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_story_row_dispose;
  object_class->get_property = sb_story_row_get_property;
  object_class->set_property = sb_story_row_set_property;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-story-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbStoryRow, coach_dot);
  gtk_widget_class_bind_template_child (widget_class, SbStoryRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryRow, line_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryRow, title_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sb_story_row_init (SbStoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sb_story_row_new (void)
{
  return g_object_new (SB_TYPE_STORY_ROW, NULL);
}

/**
 * sb_story_row_get_story:
 *
 * Returns: (transfer none) (nullable): the story the row shows
 */
SbStory *
sb_story_row_get_story (SbStoryRow *self)
{
  g_return_val_if_fail (SB_IS_STORY_ROW (self), NULL);
  return self->story;
}

/**
 * sb_story_row_set_story:
 * @story: (nullable): the story to show, kept up to date as it changes
 */
void
sb_story_row_set_story (SbStoryRow *self,
                        SbStory    *story)
{
  g_return_if_fail (SB_IS_STORY_ROW (self));
  g_return_if_fail (story == NULL || SB_IS_STORY (story));

  if (self->story == story)
    return;

  if (self->story != NULL)
    g_signal_handlers_disconnect_by_func (self->story, story_notify_cb, self);
  g_set_object (&self->story, story);
  if (story != NULL)
    {
      g_signal_connect_object (story, "notify::title", G_CALLBACK (story_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (story, "notify::situation", G_CALLBACK (story_notify_cb), self, G_CONNECT_SWAPPED);
      update (self);
    }
  else
    gtk_widget_set_visible (self->coach_dot, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

/**
 * sb_story_row_set_coach_counts:
 *
 * Shows what the coach found in the row's story: a dot when it found
 * anything, marked as a note when it found no warning.
 */
void
sb_story_row_set_coach_counts (SbStoryRow *self,
                               guint       n_warnings,
                               guint       n_notes)
{
  g_autofree char *tooltip = NULL;
  guint n = n_warnings + n_notes;

  g_return_if_fail (SB_IS_STORY_ROW (self));

  if (n > 0)
    tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The coach has %u suggestion",
                                            "The coach has %u suggestions", n), n);
  gtk_widget_set_visible (self->coach_dot, n > 0);
  if (g_strcmp0 (sb_tooltip_get_text (self->coach_dot), tooltip) != 0)
    {
      sb_tooltip_set_text (self->coach_dot, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->coach_dot), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip ? tooltip : "", -1);
    }
  if (n_warnings > 0)
    gtk_widget_remove_css_class (self->coach_dot, "note");
  else
    gtk_widget_add_css_class (self->coach_dot, "note");
}
