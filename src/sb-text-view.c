/* sb-text-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-text-view"

#include "config.h"

#include "sb-text-view.h"

/* A wrapping text area that grows and shrinks with its text. GtkTextView
 * reports the height of its text as laid out at its last width, so when it
 * gets wider (the first allocation, a window resize) it would keep the
 * taller height of the narrower layout: this asks for a new size then.
 */
struct _SbTextView
{
  GtkTextView parent_instance;
  int         last_width;
  guint       resize_source;
};

G_DEFINE_FINAL_TYPE (SbTextView, sb_text_view, GTK_TYPE_TEXT_VIEW)

static gboolean
resize_cb (gpointer user_data)
{
  SbTextView *self = user_data;

  self->resize_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
sb_text_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SbTextView *self = SB_TEXT_VIEW (widget);

  GTK_WIDGET_CLASS (sb_text_view_parent_class)->size_allocate (widget, width, height, baseline);

  if (width != self->last_width)
    {
      self->last_width = width;
      /* After the layout has been validated at the new width. */
      if (self->resize_source == 0)
        self->resize_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE + 1, resize_cb, self, NULL);
    }
}

static void
sb_text_view_dispose (GObject *object)
{
  SbTextView *self = SB_TEXT_VIEW (object);

  g_clear_handle_id (&self->resize_source, g_source_remove);

  G_OBJECT_CLASS (sb_text_view_parent_class)->dispose (object);
}

static void
sb_text_view_class_init (SbTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_text_view_dispose;
  widget_class->size_allocate = sb_text_view_size_allocate;
}

static void
sb_text_view_init (SbTextView *self)
{
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self), FALSE);
}

GtkWidget *
sb_text_view_new (void)
{
  return g_object_new (SB_TYPE_TEXT_VIEW, NULL);
}
