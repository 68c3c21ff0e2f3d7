/* sb-spell-text-adapter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-spell-text-adapter"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-spell-menu.h"
#include "sb-spell-text-adapter.h"
#include "sb-words.h"

/* Spell checking for one GtkTextView: misspelt words get a tag drawn as
 * a red wavy line in the theme's error colour, and the view's context
 * menu offers spellings for the word clicked.
 *
 * What is left to check is one region of the buffer, between two marks;
 * an edit widens it to take in the text changed. An idle at low priority
 * checks it a slice at a time (at most SLICE_CHARS characters and
 * SLICE_WORDS words), so a long field never holds the main loop, and
 * setting a field's text costs nothing more than moving the marks.
 *
 * The word being typed is not marked until the cursor leaves it.
 */

#define SLICE_CHARS 1024
#define SLICE_WORDS 128
/* How far a slice's ends move to meet a word's boundary, at most. */
#define WORD_REACH  256
/* Misspelt words kept before they are tagged, at most. */
#define MAX_FOUND   4096

typedef struct
{
  int start;   /* characters */
  int end;
} Range;

struct _SbSpellTextAdapter
{
  GObject          parent_instance;

  /* Borrowed: the view owns the adapter. */
  GtkTextView     *view;

  /* Owned */
  GtkTextBuffer   *buffer;
  SbSpellChecker  *checker;
  GtkTextTag      *tag;
  GtkTextMark     *check_start;
  GtkTextMark     *check_end;
  /* Where the next slice starts, in characters, or -1 for check_start. */
  int              scan;
  /* Misspelt words found since check_start, not tagged yet. */
  GArray          *found;
  /* The start of the word left unmarked under the cursor, or NULL. */
  GtkTextMark     *skipped;
  /* The word the menu offers spellings for. */
  GtkTextMark     *word_start;
  GtkTextMark     *word_end;
  SbSpellMenu     *menu;
  GtkGesture      *click;
  GtkEventController *focus;
  GtkEventController *keys;
  guint            idle_source;
  guint            color_source;
  guint            tick_id;
  gboolean         enabled;
};

G_DEFINE_FINAL_TYPE (SbSpellTextAdapter, sb_spell_text_adapter, G_TYPE_OBJECT)

static gboolean
is_active (SbSpellTextAdapter *self)
{
  return self->enabled && self->view != NULL && sb_spell_checker_get_active (self->checker);
}

static gboolean
has_work (SbSpellTextAdapter *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->check_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->check_end);
  return gtk_text_iter_compare (&start, &end) < 0;
}

/* Moves @iter back to the start of the word it is in. */
static void
back_to_word_start (GtkTextIter *iter)
{
  for (guint i = 0; i < WORD_REACH && !gtk_text_iter_starts_line (iter); i++)
    {
      GtkTextIter prev = *iter;

      gtk_text_iter_backward_char (&prev);
      if (g_unichar_isspace (gtk_text_iter_get_char (&prev)))
        break;
      *iter = prev;
    }
}

/* Moves @iter on to the end of the word it is in. */
static void
on_to_word_end (GtkTextIter *iter)
{
  for (guint i = 0; i < WORD_REACH && !gtk_text_iter_is_end (iter); i++)
    {
      if (g_unichar_isspace (gtk_text_iter_get_char (iter)))
        break;
      gtk_text_iter_forward_char (iter);
    }
}

static gboolean
cursor_touches (SbSpellTextAdapter *self,
                const GtkTextIter  *start,
                const GtkTextIter  *end)
{
  GtkTextIter cursor;

  if (!gtk_widget_is_focus (GTK_WIDGET (self->view)))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_in_range (&cursor, start, end) || gtk_text_iter_equal (&cursor, end);
}

/* Makes the tag lie on exactly the words in self->found, between @start
 * and @end: GTK lays out a paragraph again whenever a tag in it changes
 * (the whole paragraph, however long), so a tag already right is not
 * touched, and a run of slices is applied at once.
 */
static void
apply_found (SbSpellTextAdapter *self,
             const GtkTextIter  *start,
             const GtkTextIter  *end)
{
  GtkTextIter iter = *start;
  guint next = 0;

  /* Tagged text that is no longer misspelt */
  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      GtkTextIter tag_end;
      int from, to;

      if (!gtk_text_iter_has_tag (&iter, self->tag) &&
          (!gtk_text_iter_forward_to_tag_toggle (&iter, self->tag) || gtk_text_iter_compare (&iter, end) >= 0))
        break;

      tag_end = iter;
      gtk_text_iter_forward_to_tag_toggle (&tag_end, self->tag);
      if (gtk_text_iter_compare (&tag_end, end) > 0)
        tag_end = *end;

      from = gtk_text_iter_get_offset (&iter);
      to = gtk_text_iter_get_offset (&tag_end);
      while (next < self->found->len && g_array_index (self->found, Range, next).end <= from)
        next++;
      if (next >= self->found->len ||
          g_array_index (self->found, Range, next).start != from ||
          g_array_index (self->found, Range, next).end != to)
        gtk_text_buffer_remove_tag (self->buffer, self->tag, &iter, &tag_end);
      iter = tag_end;
    }

  /* Misspelt words not tagged yet */
  for (guint i = 0; i < self->found->len; i++)
    {
      Range *range = &g_array_index (self->found, Range, i);
      GtkTextIter word_start, word_end, toggle;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_start, range->start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_end, range->end);
      toggle = word_start;
      if (gtk_text_iter_starts_tag (&word_start, self->tag) &&
          gtk_text_iter_forward_to_tag_toggle (&toggle, self->tag) &&
          gtk_text_iter_equal (&toggle, &word_end))
        continue;
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &word_start, &word_end);
    }

  g_array_set_size (self->found, 0);
}

/* Checks one slice of the region left to check; FALSE when it is done.
 *
 * The words found misspelt are kept in self->found until the end of the
 * region or of a paragraph, then tagged at once; the region's start mark
 * stays where the run began, self->scan tells where the next slice starts.
 */
static gboolean
check_slice (SbSpellTextAdapter *self)
{
  GHashTable *names = sb_spell_checker_get_names (self->checker);
  GtkTextIter run_start, start, end, limit, at;
  g_autofree char *text = NULL;
  const char *last;
  SbWordIter words;
  SbWord word;
  guint n_words = 0;
  gboolean done;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &run_start, self->check_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &limit, self->check_end);
  if (gtk_text_iter_compare (&run_start, &limit) >= 0)
    return FALSE;

  if (self->scan < 0)
    {
      back_to_word_start (&run_start);
      gtk_text_buffer_move_mark (self->buffer, self->check_start, &run_start);
      g_array_set_size (self->found, 0);
      start = run_start;
    }
  else
    gtk_text_buffer_get_iter_at_offset (self->buffer, &start, self->scan);

  end = start;
  gtk_text_iter_forward_chars (&end, SLICE_CHARS);
  if (gtk_text_iter_compare (&end, &limit) > 0)
    end = limit;
  on_to_word_end (&end);

  /* Children and images are U+FFFC, so offsets stay in characters. */
  text = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);

  at = start;
  last = text;
  sb_word_iter_init (&words, text, -1, names);
  while (sb_word_iter_next (&words, &word))
    {
      const char *spelling = text + word.start;
      gsize length = word.end - word.start;
      GtkTextIter word_end;
      Range range;

      gtk_text_iter_forward_chars (&at, g_utf8_pointer_to_offset (last, spelling));
      last = spelling;

      if (++n_words > SLICE_WORDS)
        {
          /* The rest in the next slice. */
          end = at;
          break;
        }

      if (!sb_word_should_check (&word) ||
          sb_spell_checker_check_word (self->checker, spelling, length))
        continue;

      word_end = at;
      gtk_text_iter_forward_chars (&word_end, g_utf8_strlen (spelling, length));
      if (cursor_touches (self, &at, &word_end))
        {
          /* Being typed: marked once the cursor leaves it. */
          if (self->skipped == NULL)
            self->skipped = gtk_text_buffer_create_mark (self->buffer, NULL, &at, TRUE);
          else
            gtk_text_buffer_move_mark (self->buffer, self->skipped, &at);
          continue;
        }

      range.start = gtk_text_iter_get_offset (&at);
      range.end = gtk_text_iter_get_offset (&word_end);
      g_array_append_val (self->found, range);
    }

  done = gtk_text_iter_compare (&end, &limit) >= 0;
  if (done || strchr (text, '\n') != NULL || self->found->len >= MAX_FOUND)
    {
      apply_found (self, &run_start, &end);
      if (done)
        gtk_text_buffer_move_mark (self->buffer, self->check_end, &end);
      gtk_text_buffer_move_mark (self->buffer, self->check_start, &end);
      self->scan = -1;
      return !done;
    }

  self->scan = gtk_text_iter_get_offset (&end);
  return TRUE;
}

static gboolean
check_cb (gpointer user_data)
{
  SbSpellTextAdapter *self = user_data;

  if (is_active (self) && check_slice (self))
    return G_SOURCE_CONTINUE;

  self->idle_source = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_check (SbSpellTextAdapter *self)
{
  if (self->idle_source == 0 && is_active (self))
    self->idle_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
}

/* Adds [start, end) to the region left to check. */
static void
invalidate (SbSpellTextAdapter *self,
            const GtkTextIter  *start,
            const GtkTextIter  *end)
{
  GtkTextIter old_start, old_end;

  /* Offsets found so far may have moved: the run starts again. */
  self->scan = -1;
  g_array_set_size (self->found, 0);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &old_start, self->check_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &old_end, self->check_end);

  if (gtk_text_iter_compare (&old_start, &old_end) >= 0)
    {
      gtk_text_buffer_move_mark (self->buffer, self->check_start, start);
      gtk_text_buffer_move_mark (self->buffer, self->check_end, end);
    }
  else
    {
      if (gtk_text_iter_compare (start, &old_start) < 0)
        gtk_text_buffer_move_mark (self->buffer, self->check_start, start);
      if (gtk_text_iter_compare (end, &old_end) > 0)
        gtk_text_buffer_move_mark (self->buffer, self->check_end, end);
    }

  queue_check (self);
}

static void
invalidate_all (SbSpellTextAdapter *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  self->scan = -1;
  g_array_set_size (self->found, 0);
  if (!is_active (self))
    {
      GtkTextIter tagged = start;

      /* Even removing nothing would lay every paragraph out again. */
      if (gtk_text_iter_has_tag (&tagged, self->tag) || gtk_text_iter_forward_to_tag_toggle (&tagged, self->tag))
        gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
      g_clear_handle_id (&self->idle_source, g_source_remove);
      gtk_text_buffer_move_mark (self->buffer, self->check_start, &end);
      gtk_text_buffer_move_mark (self->buffer, self->check_end, &end);
      return;
    }

  gtk_text_buffer_move_mark (self->buffer, self->check_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->check_end, &end);
  queue_check (self);
}

static void
insert_text_after_cb (GtkTextBuffer      *buffer,
                      GtkTextIter        *location,
                      const char         *text,
                      int                 length,
                      SbSpellTextAdapter *self)
{
  GtkTextIter start = *location;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  invalidate (self, &start, location);
}

static void
delete_range_after_cb (GtkTextBuffer      *buffer,
                       GtkTextIter        *start,
                       GtkTextIter        *end,
                       SbSpellTextAdapter *self)
{
  invalidate (self, start, end);
}

/* The cursor left the word being typed: check it now. */
static void
cursor_moved_cb (SbSpellTextAdapter *self)
{
  GtkTextIter start, end;

  if (self->skipped == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->skipped);
  end = start;
  on_to_word_end (&end);
  if (cursor_touches (self, &start, &end))
    return;

  gtk_text_buffer_delete_mark (self->buffer, g_steal_pointer (&self->skipped));
  invalidate (self, &start, &end);
}

static void
focus_changed_cb (SbSpellTextAdapter *self)
{
  cursor_moved_cb (self);
}

static void
update_color (SbSpellTextAdapter *self)
{
  GtkStyleContext *context;
  GdkRGBA color = { 0.88, 0.11, 0.14, 1.0 };

  if (self->view == NULL)
    return;

  context = gtk_widget_get_style_context (GTK_WIDGET (self->view));
  if (!gtk_style_context_lookup_color (context, "error_color", &color))
    gtk_style_context_lookup_color (context, "error_fg_color", &color);
  g_object_set (self->tag, "underline-rgba", &color, NULL);
}

static gboolean
update_color_cb (gpointer user_data)
{
  SbSpellTextAdapter *self = user_data;

  self->color_source = 0;
  update_color (self);
  return G_SOURCE_REMOVE;
}

/* The theme changed: its colours are there once the style is updated. */
static void
queue_update_color (SbSpellTextAdapter *self)
{
  if (self->color_source == 0)
    self->color_source = g_idle_add (update_color_cb, self);
}

/* The menu: spellings of the word at @iter, if it is marked misspelt. */
void
sb_spell_text_adapter_update_menu_at (SbSpellTextAdapter *self,
                                      const GtkTextIter  *iter)
{
  g_autofree char *word = NULL;
  GtkTextIter start, end;

  g_return_if_fail (SB_IS_SPELL_TEXT_ADAPTER (self));
  g_return_if_fail (iter != NULL);

  start = end = *iter;
  if (is_active (self) &&
      (gtk_text_iter_has_tag (&start, self->tag) ||
       (gtk_text_iter_backward_char (&start) && gtk_text_iter_has_tag (&start, self->tag))))
    {
      if (!gtk_text_iter_starts_tag (&start, self->tag))
        gtk_text_iter_backward_to_tag_toggle (&start, self->tag);
      end = start;
      gtk_text_iter_forward_to_tag_toggle (&end, self->tag);
      gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
      gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
      word = gtk_text_iter_get_slice (&start, &end);
    }
  sb_spell_menu_set_word (self->menu, word);
}

/* A right click on a word that is not selected puts the cursor there
 * first, as GNOME Text Editor does, so the menu is about that word.
 */
static void
click_pressed_cb (GtkGestureClick    *gesture,
                  int                 n_press,
                  double              x,
                  double              y,
                  SbSpellTextAdapter *self)
{
  GtkTextIter iter, sel_start, sel_end;
  int buffer_x, buffer_y;

  if (self->view == NULL)
    return;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &buffer_x, &buffer_y);
  gtk_text_view_get_iter_at_location (self->view, &iter, buffer_x, buffer_y);

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end) ||
      !gtk_text_iter_in_range (&iter, &sel_start, &sel_end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);

  sb_spell_text_adapter_update_menu_at (self, &iter);
}

/* The menu opened from the keyboard is about the word at the cursor. */
static gboolean
key_pressed_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SbSpellTextAdapter    *self)
{
  GtkTextIter cursor;

  if (sb_spell_menu_is_menu_key (keyval, state))
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
      sb_spell_text_adapter_update_menu_at (self, &cursor);
    }

  return GDK_EVENT_PROPAGATE;
}

/* The user picked a spelling for the word the menu is about. */
static void
correct_cb (SbSpellMenu        *menu,
            const char         *spelling,
            SbSpellTextAdapter *self)
{
  GtkTextIter start, end;

  g_assert (SB_IS_SPELL_MENU (menu));
  g_assert (SB_IS_SPELL_TEXT_ADAPTER (self));

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, spelling, -1);
  gtk_text_buffer_end_user_action (self->buffer);
}

/* The dictionary is loaded once the window has shown its first frame. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  SbSpellTextAdapter *self = user_data;

  self->tick_id = 0;
  sb_spell_checker_load_in_background (self->checker);
  return G_SOURCE_REMOVE;
}

static void
sb_spell_text_adapter_dispose (GObject *object)
{
  SbSpellTextAdapter *self = SB_SPELL_TEXT_ADAPTER (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->color_source, g_source_remove);

  if (self->view != NULL)
    {
      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->tick_id);
      self->tick_id = 0;
      sb_spell_menu_detach (self->menu, GTK_WIDGET (self->view));
      gtk_widget_remove_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (self->click));
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->focus);
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->keys);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }

  g_clear_object (&self->click);
  g_clear_object (&self->focus);
  g_clear_object (&self->keys);
  g_clear_object (&self->menu);
  g_clear_object (&self->checker);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (sb_spell_text_adapter_parent_class)->dispose (object);
}

static void
sb_spell_text_adapter_finalize (GObject *object)
{
  SbSpellTextAdapter *self = SB_SPELL_TEXT_ADAPTER (object);

  g_array_unref (self->found);

  G_OBJECT_CLASS (sb_spell_text_adapter_parent_class)->finalize (object);
}

static void
sb_spell_text_adapter_class_init (SbSpellTextAdapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_spell_text_adapter_dispose;
  object_class->finalize = sb_spell_text_adapter_finalize;
}

static void
sb_spell_text_adapter_init (SbSpellTextAdapter *self)
{
  self->enabled = TRUE;
  self->scan = -1;
  self->found = g_array_new (FALSE, FALSE, sizeof (Range));
}

/**
 * sb_spell_text_adapter_new:
 * @view: the view to check, which must keep the adapter and drop it
 *   when disposed
 * @checker: the checker to use
 *
 * Returns: (transfer full): an adapter checking @view's text
 */
SbSpellTextAdapter *
sb_spell_text_adapter_new (GtkTextView    *view,
                           SbSpellChecker *checker)
{
  SbSpellTextAdapter *self;
  GtkTextIter end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (checker), NULL);

  self = g_object_new (SB_TYPE_SPELL_TEXT_ADAPTER, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->checker = g_object_ref (checker);

  self->tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                          "underline", PANGO_UNDERLINE_ERROR,
                                          NULL);
  gtk_text_buffer_get_end_iter (self->buffer, &end);
  self->check_start = gtk_text_buffer_create_mark (self->buffer, NULL, &end, TRUE);
  self->check_end = gtk_text_buffer_create_mark (self->buffer, NULL, &end, FALSE);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &end, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &end, FALSE);

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (insert_text_after_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (delete_range_after_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "notify::cursor-position", G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
  self->focus = g_object_ref (gtk_event_controller_focus_new ());
  g_signal_connect_object (self->focus, "leave", G_CALLBACK (focus_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (self->focus));
  g_signal_connect_object (view, "map", G_CALLBACK (update_color), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (queue_update_color), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (queue_update_color), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (checker, "changed", G_CALLBACK (invalidate_all), self, G_CONNECT_SWAPPED);
  update_color (self);

  self->menu = sb_spell_menu_new (checker);
  g_signal_connect_object (self->menu, "correct", G_CALLBACK (correct_cb), self, 0);
  sb_spell_menu_attach (self->menu, GTK_WIDGET (view));
  gtk_text_view_set_extra_menu (view, sb_spell_menu_get_menu_model (self->menu));

  self->click = g_object_ref (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->click, "pressed", G_CALLBACK (click_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (self->click));

  self->keys = g_object_ref (gtk_event_controller_key_new ());
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), self->keys);

  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view), first_frame_cb, self, NULL);
  invalidate_all (self);
  return self;
}

gboolean
sb_spell_text_adapter_get_enabled (SbSpellTextAdapter *self)
{
  g_return_val_if_fail (SB_IS_SPELL_TEXT_ADAPTER (self), FALSE);
  return self->enabled;
}

/**
 * sb_spell_text_adapter_set_enabled:
 *
 * Checks the view's text, or not (a text shown only in part, say).
 */
void
sb_spell_text_adapter_set_enabled (SbSpellTextAdapter *self,
                                   gboolean            enabled)
{
  g_return_if_fail (SB_IS_SPELL_TEXT_ADAPTER (self));

  enabled = !!enabled;
  if (enabled == self->enabled)
    return;

  self->enabled = enabled;
  invalidate_all (self);
}

/**
 * sb_spell_text_adapter_get_busy:
 *
 * Returns: whether some text is still to be checked (or the dictionary
 * still to be loaded)
 */
gboolean
sb_spell_text_adapter_get_busy (SbSpellTextAdapter *self)
{
  g_return_val_if_fail (SB_IS_SPELL_TEXT_ADAPTER (self), FALSE);

  /* The dictionary is on its way: the whole text will be checked then. */
  if (self->enabled && sb_spell_checker_get_enabled (self->checker) &&
      sb_spell_checker_get_loading (self->checker))
    return TRUE;
  return is_active (self) && has_work (self);
}

/**
 * sb_spell_text_adapter_check_now:
 *
 * Checks all that is left to check, at once (for tests and benchmarks).
 */
void
sb_spell_text_adapter_check_now (SbSpellTextAdapter *self)
{
  g_return_if_fail (SB_IS_SPELL_TEXT_ADAPTER (self));

  while (is_active (self) && check_slice (self))
    ;
  g_clear_handle_id (&self->idle_source, g_source_remove);
}

/**
 * sb_spell_text_adapter_get_tag:
 *
 * Returns: (transfer none): the tag on misspelt words
 */
GtkTextTag *
sb_spell_text_adapter_get_tag (SbSpellTextAdapter *self)
{
  g_return_val_if_fail (SB_IS_SPELL_TEXT_ADAPTER (self), NULL);
  return self->tag;
}
