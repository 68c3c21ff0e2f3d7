/* sb-text-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-text-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-spell-checker.h"
#include "sb-spell-text-adapter.h"
#include "sb-text-view.h"

/* A wrapping text area that grows and shrinks with its text, holding one
 * field of a story.
 *
 * GtkTextView reports the height of its text as laid out at its last
 * width, so when it gets wider (the first allocation, a window resize) it
 * would keep the taller height of the narrower layout: this asks for a new
 * size then.
 *
 * GTK lays a paragraph out whole, and a very long one freezes the window
 * each time the width or the text changes. A text with a paragraph longer than
 * SB_TEXT_VIEW_MAX_PARAGRAPH is therefore shown shortened and read-only,
 * with a note under it; the field keeps the whole text (the "text"
 * property), and "Edit Anyway" puts it all in the buffer. Pasting such a
 * paragraph does the same instead of freezing the window.
 */

/* Bytes of the first part shown of a text too long to edit. */
#define PREVIEW_BYTES 600

struct _SbTextView
{
  GtkTextView  parent_instance;
  int          last_width;
  guint        resize_source;

  /* The whole text while it is shown shortened, or NULL. */
  char        *long_text;
  GtkWidget   *note;
  /* The user chose to edit this text whatever its length. */
  gboolean     edit_anyway;
  gboolean     setting;
  /* The text a paste of a huge paragraph made, applied from an idle. */
  char        *pasted;
  guint        paste_source;
  /* A hint drawn while the field is empty, or NULL. */
  char        *placeholder;
  /* Underlines misspelt words. */
  SbSpellTextAdapter *spell;
};

G_DEFINE_FINAL_TYPE (SbTextView, sb_text_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SHORTENED,
  PROP_PLACEHOLDER_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * sb_text_is_too_long_to_edit:
 * @text: (nullable): a text
 * @length: its length in bytes, or -1 when nul-terminated
 *
 * Returns: whether one of @text's paragraphs is longer than
 * %SB_TEXT_VIEW_MAX_PARAGRAPH bytes, too long to lay out at once
 */
gboolean
sb_text_is_too_long_to_edit (const char *text,
                             gssize      length)
{
  const char *end;

  if (text == NULL)
    return FALSE;
  if (length < 0)
    length = strlen (text);
  if ((gsize) length <= SB_TEXT_VIEW_MAX_PARAGRAPH)
    return FALSE;

  end = text + length;
  while (text < end)
    {
      const char *newline = memchr (text, '\n', end - text);
      const char *stop = newline ? newline : end;

      if (stop - text > SB_TEXT_VIEW_MAX_PARAGRAPH)
        return TRUE;
      text = stop + 1;
    }

  return FALSE;
}

/**
 * sb_text_dup_preview:
 * @text: a field's text
 *
 * Returns: @text, or its start followed by an ellipsis when it is too long
 * to edit (or to show in a label)
 */
char *
sb_text_dup_preview (const char *text)
{
  const char *cut;

  if (!sb_text_is_too_long_to_edit (text, -1))
    return g_strdup (text);

  cut = g_utf8_find_prev_char (text, text + PREVIEW_BYTES + 1);
  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

static GtkTextBuffer *
get_buffer (SbTextView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

static char *
dup_buffer_text (SbTextView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
}

static void
set_buffer_text (SbTextView *self,
                 const char *text)
{
  self->setting = TRUE;
  gtk_text_buffer_set_text (get_buffer (self), text, -1);
  self->setting = FALSE;
}

static void
set_shortened_look (SbTextView *self,
                    gboolean    shortened)
{
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self), !shortened);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self), !shortened);
  /* Only the start is shown, with a note that is not the user's. */
  if (self->spell != NULL)
    sb_spell_text_adapter_set_enabled (self->spell, !shortened);
}

/* The start of the text, then a note saying why, then the buttons. */
static void
show_long_text (SbTextView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autofree char *size = g_format_size (strlen (self->long_text));
  g_autofree char *note = NULL;
  g_autofree char *preview = sb_text_dup_preview (self->long_text);
  GtkTextChildAnchor *anchor;
  GtkTextIter end;

  /* Translators: %s is a size such as "1.0 MB" */
  note = g_strdup_printf (_("Only the start is shown: this text is %s, with a paragraph too long to edit here without freezing the window. All of it is kept, and exports include it."),
                          size);

  set_buffer_text (self, preview);
  self->setting = TRUE;
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n", -1);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, note, -1, "sb-note", NULL);
  gtk_text_buffer_insert (buffer, &end, "\n", -1);
  anchor = gtk_text_buffer_create_child_anchor (buffer, &end);
  gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self), self->note, anchor);
  self->setting = FALSE;

  set_shortened_look (self, TRUE);
}

/* Returns the whole text that was shown shortened, or NULL. */
static char *
leave_long_text (SbTextView *self)
{
  if (self->long_text == NULL)
    return NULL;

  set_shortened_look (self, FALSE);
  return g_steal_pointer (&self->long_text);
}

/* Shows @text (taking it), shortened when too long; FALSE when it was
 * there already.
 */
static gboolean
take_text (SbTextView *self,
           char       *text)
{
  gboolean was_long = self->long_text != NULL;
  g_autofree char *current = was_long ? g_strdup (self->long_text) : dup_buffer_text (self);
  g_autofree char *owned = text;

  if (g_str_equal (current, owned))
    return FALSE;

  /* Another text (another story's, say): its own length decides. */
  self->edit_anyway = FALSE;
  if (sb_text_is_too_long_to_edit (owned, -1))
    {
      g_free (self->long_text);
      self->long_text = g_steal_pointer (&owned);
      show_long_text (self);
    }
  else
    {
      g_free (leave_long_text (self));
      set_buffer_text (self, owned);
    }

  if (was_long != (self->long_text != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHORTENED]);
  return TRUE;
}

static void
buffer_changed_cb (SbTextView *self)
{
  if (self->setting || self->long_text != NULL)
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* A paste of a huge paragraph goes to the field, shown shortened, instead
 * of into the buffer.
 */
static gboolean
take_pasted_cb (gpointer user_data)
{
  SbTextView *self = user_data;
  char *pasted = g_steal_pointer (&self->pasted);

  self->paste_source = 0;
  if (pasted != NULL && take_text (self, pasted))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  return G_SOURCE_REMOVE;
}

static void
insert_text_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                const char    *text,
                int            length,
                SbTextView    *self)
{
  GtkTextIter start, end;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (self->setting || self->edit_anyway || !sb_text_is_too_long_to_edit (text, length))
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  before = gtk_text_buffer_get_text (buffer, &start, location, FALSE);
  after = gtk_text_buffer_get_text (buffer, location, &end, FALSE);

  /* Later, when GTK has finished with the buffer it was changing. */
  g_free (self->pasted);
  self->pasted = g_strdup_printf ("%s%.*s%s", before, length, text, after);
  if (self->paste_source == 0)
    self->paste_source = g_idle_add_full (G_PRIORITY_HIGH, take_pasted_cb, self, NULL);
}

static void
edit_anyway_cb (SbTextView *self)
{
  g_autofree char *text = leave_long_text (self);

  if (text == NULL)
    return;

  self->edit_anyway = TRUE;
  set_buffer_text (self, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHORTENED]);
}

static void
copy_all_cb (SbTextView *self)
{
  if (self->long_text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->long_text);
}

static GtkWidget *
make_note (SbTextView *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy All"));
  GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit Anyway"));

  gtk_widget_add_css_class (buttons, "long-text-buttons");
  gtk_widget_set_tooltip_text (edit, _("Put the whole text here: the window may stop responding for a while"));
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (copy_all_cb), self);
  g_signal_connect_swapped (edit, "clicked", G_CALLBACK (edit_anyway_cb), self);
  gtk_box_append (GTK_BOX (buttons), copy);
  gtk_box_append (GTK_BOX (buttons), edit);

  return g_object_ref_sink (buttons);
}

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

/* The hint, dimmed, where the first line would start: drawn rather than
 * a child widget, so that it never changes the field's size.
 */
static void
sb_text_view_snapshot_layer (GtkTextView      *view,
                             GtkTextViewLayer  layer,
                             GtkSnapshot      *snapshot)
{
  SbTextView *self = SB_TEXT_VIEW (view);
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color;
  int width;

  if (GTK_TEXT_VIEW_CLASS (sb_text_view_parent_class)->snapshot_layer != NULL)
    GTK_TEXT_VIEW_CLASS (sb_text_view_parent_class)->snapshot_layer (view, layer, snapshot);

  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT || self->placeholder == NULL ||
      gtk_text_buffer_get_char_count (get_buffer (self)) > 0)
    return;

  width = gtk_widget_get_width (GTK_WIDGET (view)) -
          gtk_text_view_get_left_margin (view) - gtk_text_view_get_right_margin (view);
  if (width <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (view)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= 0.5;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), self->placeholder);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  /* In buffer coordinates the top margin is counted, the left one not. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (gtk_text_view_get_left_margin (view), 0));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
sb_text_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbTextView *self = SB_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_take_string (value, sb_text_view_dup_text (self));
      break;

    case PROP_SHORTENED:
      g_value_set_boolean (value, sb_text_view_get_shortened (self));
      break;

    case PROP_PLACEHOLDER_TEXT:
      g_value_set_string (value, sb_text_view_get_placeholder_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_text_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbTextView *self = SB_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      sb_text_view_set_text (self, g_value_get_string (value));
      break;

    case PROP_PLACEHOLDER_TEXT:
      sb_text_view_set_placeholder_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_text_view_dispose (GObject *object)
{
  SbTextView *self = SB_TEXT_VIEW (object);

  g_clear_handle_id (&self->resize_source, g_source_remove);
  g_clear_handle_id (&self->paste_source, g_source_remove);
  g_clear_pointer (&self->pasted, g_free);
  g_clear_object (&self->note);
  g_clear_object (&self->spell);

  G_OBJECT_CLASS (sb_text_view_parent_class)->dispose (object);
}

static void
sb_text_view_finalize (GObject *object)
{
  SbTextView *self = SB_TEXT_VIEW (object);

  g_free (self->long_text);
  g_free (self->placeholder);

  G_OBJECT_CLASS (sb_text_view_parent_class)->finalize (object);
}

static void
sb_text_view_class_init (SbTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sb_text_view_get_property;
  object_class->set_property = sb_text_view_set_property;
  object_class->dispose = sb_text_view_dispose;
  object_class->finalize = sb_text_view_finalize;
  widget_class->size_allocate = sb_text_view_size_allocate;
  GTK_TEXT_VIEW_CLASS (klass)->snapshot_layer = sb_text_view_snapshot_layer;

  /**
   * SbTextView:text:
   *
   * The whole text of the field, also while it is shown shortened.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbTextView:shortened:
   *
   * Whether only the start of a text too long to edit is shown.
   */
  properties[PROP_SHORTENED] =
    g_param_spec_boolean ("shortened", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbTextView:placeholder-text:
   *
   * A hint shown, dimmed, while the field is empty.
   */
  properties[PROP_PLACEHOLDER_TEXT] =
    g_param_spec_string ("placeholder-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_text_view_init (SbTextView *self)
{
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self), FALSE);

  self->note = make_note (self);
  gtk_text_buffer_create_tag (get_buffer (self), "sb-note",
                              "style", PANGO_STYLE_ITALIC,
                              "pixels-above-lines", 12,
                              "pixels-below-lines", 6,
                              NULL);
  g_signal_connect_object (get_buffer (self), "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_buffer (self), "insert-text", G_CALLBACK (insert_text_cb), self, 0);
  self->spell = sb_spell_text_adapter_new (GTK_TEXT_VIEW (self), sb_spell_checker_get_default ());
}

GtkWidget *
sb_text_view_new (void)
{
  return g_object_new (SB_TYPE_TEXT_VIEW, NULL);
}

/**
 * sb_text_view_dup_text:
 *
 * Returns: (transfer full): the whole text, also while it is shown
 * shortened
 */
char *
sb_text_view_dup_text (SbTextView *self)
{
  g_return_val_if_fail (SB_IS_TEXT_VIEW (self), NULL);

  if (self->long_text != NULL)
    return g_strdup (self->long_text);
  return dup_buffer_text (self);
}

/**
 * sb_text_view_set_text:
 * @text: (nullable): the field's text
 *
 * Shows @text, shortened and read-only when it has a paragraph too long
 * to edit.
 */
void
sb_text_view_set_text (SbTextView *self,
                       const char *text)
{
  g_return_if_fail (SB_IS_TEXT_VIEW (self));

  /* A paste not applied yet was made in the text this replaces. */
  g_clear_handle_id (&self->paste_source, g_source_remove);
  g_clear_pointer (&self->pasted, g_free);

  if (take_text (self, g_strdup (text ? text : "")))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * sb_text_view_reset_undo:
 *
 * Forgets what Undo would undo (when the view shows another story's
 * field, whose text may happen to be the same).
 */
void
sb_text_view_reset_undo (SbTextView *self)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (SB_IS_TEXT_VIEW (self));

  buffer = get_buffer (self);
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_end_irreversible_action (buffer);
}

gboolean
sb_text_view_get_shortened (SbTextView *self)
{
  g_return_val_if_fail (SB_IS_TEXT_VIEW (self), FALSE);
  return self->long_text != NULL;
}

/**
 * sb_text_view_edit_anyway:
 *
 * Puts the whole of a shortened text in the buffer, to be edited however
 * slow that is (what the note's "Edit Anyway" does).
 */
void
sb_text_view_edit_anyway (SbTextView *self)
{
  g_return_if_fail (SB_IS_TEXT_VIEW (self));
  edit_anyway_cb (self);
}

/**
 * sb_text_view_get_spell_adapter:
 *
 * Returns: (transfer none): what checks the spelling of the text
 */
SbSpellTextAdapter *
sb_text_view_get_spell_adapter (SbTextView *self)
{
  g_return_val_if_fail (SB_IS_TEXT_VIEW (self), NULL);
  return self->spell;
}

/**
 * sb_text_view_get_placeholder_text:
 *
 * Returns: (nullable): the hint shown while the field is empty
 */
const char *
sb_text_view_get_placeholder_text (SbTextView *self)
{
  g_return_val_if_fail (SB_IS_TEXT_VIEW (self), NULL);
  return self->placeholder;
}

/**
 * sb_text_view_set_placeholder_text:
 * @text: (nullable): a hint, or %NULL for none
 *
 * Shows @text, dimmed, where the text goes while the field is empty.
 */
void
sb_text_view_set_placeholder_text (SbTextView *self,
                                   const char *text)
{
  g_return_if_fail (SB_IS_TEXT_VIEW (self));

  if (g_strcmp0 (text, self->placeholder) == 0)
    return;

  g_free (self->placeholder);
  self->placeholder = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER_TEXT]);
}
