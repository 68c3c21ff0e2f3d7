/* sb-spell-entry-adapter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-spell-entry-adapter"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-spell-entry-adapter.h"
#include "sb-spell-menu.h"
#include "sb-words.h"

/* Spell checking for a one-line GtkEntry (the story's title): misspelt
 * words are underlined through the entry's Pango attributes, in the
 * theme's error colour, and its context menu offers spellings for the
 * word right-clicked.
 *
 * A title is short: it is checked whole, from an idle after each change,
 * up to MAX_WORDS words. The word being typed is left alone until the
 * cursor leaves it.
 */

#define MAX_WORDS 256

typedef struct
{
  int start;   /* characters */
  int end;
} Range;

struct _SbSpellEntryAdapter
{
  GObject          parent_instance;

  /* Borrowed: the entry owns the adapter. */
  GtkEntry        *entry;

  /* Owned */
  SbSpellChecker  *checker;
  GArray          *misspelt;  /* of Range */
  SbSpellMenu     *menu;
  GtkGesture      *click;
  GtkEventController *focus;
  GtkEventController *keys;
  Range            word_range;
  GdkRGBA          color;
  guint            idle_source;
  guint            color_source;
  guint            tick_id;
  /* Skipped while typed: its start, or -1. */
  int              skipped;
};

G_DEFINE_FINAL_TYPE (SbSpellEntryAdapter, sb_spell_entry_adapter, G_TYPE_OBJECT)

static void
apply_attributes (SbSpellEntryAdapter *self,
                  const char          *text)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  for (guint i = 0; i < self->misspelt->len; i++)
    {
      Range *range = &g_array_index (self->misspelt, Range, i);
      guint start = g_utf8_offset_to_pointer (text, range->start) - text;
      guint end = g_utf8_offset_to_pointer (text, range->end) - text;
      PangoAttribute *attr;

      attr = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);

      attr = pango_attr_underline_color_new (self->color.red * 65535, self->color.green * 65535, self->color.blue * 65535);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
    }

  gtk_entry_set_attributes (self->entry, attrs);
}

static void
check (SbSpellEntryAdapter *self)
{
  const char *text;
  SbWordIter words;
  SbWord word;
  int cursor = -1;
  int offset = 0;
  const char *last;
  guint n_words = 0;

  if (self->entry == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_array_set_size (self->misspelt, 0);
  self->skipped = -1;

  if (gtk_widget_is_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)))))
    cursor = gtk_editable_get_position (GTK_EDITABLE (self->entry));

  last = text;
  sb_word_iter_init (&words, text, -1, sb_spell_checker_get_names (self->checker));
  while (sb_spell_checker_get_active (self->checker) &&
         n_words++ < MAX_WORDS && sb_word_iter_next (&words, &word))
    {
      const char *spelling = text + word.start;
      gsize length = word.end - word.start;
      Range range;

      offset += g_utf8_pointer_to_offset (last, spelling);
      last = spelling;

      if (!sb_word_should_check (&word) ||
          sb_spell_checker_check_word (self->checker, spelling, length))
        continue;

      range.start = offset;
      range.end = offset + g_utf8_strlen (spelling, length);
      if (cursor >= range.start && cursor <= range.end)
        {
          self->skipped = range.start;
          continue;
        }
      g_array_append_val (self->misspelt, range);
    }

  apply_attributes (self, text);
}

static gboolean
check_cb (gpointer user_data)
{
  SbSpellEntryAdapter *self = user_data;

  self->idle_source = 0;
  check (self);
  return G_SOURCE_REMOVE;
}

static void
queue_check (SbSpellEntryAdapter *self)
{
  if (self->idle_source == 0)
    self->idle_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
}

static void
cursor_moved_cb (SbSpellEntryAdapter *self)
{
  if (self->skipped >= 0)
    queue_check (self);
}

static void
update_color (SbSpellEntryAdapter *self)
{
  GtkStyleContext *context;

  if (self->entry == NULL)
    return;

  context = gtk_widget_get_style_context (GTK_WIDGET (self->entry));
  if (!gtk_style_context_lookup_color (context, "error_color", &self->color))
    self->color = (GdkRGBA) { 0.88, 0.11, 0.14, 1.0 };
  queue_check (self);
}

static gboolean
update_color_cb (gpointer user_data)
{
  SbSpellEntryAdapter *self = user_data;

  self->color_source = 0;
  update_color (self);
  return G_SOURCE_REMOVE;
}

/* The theme changed: its colours are there once the style is updated. */
static void
queue_update_color (SbSpellEntryAdapter *self)
{
  if (self->color_source == 0)
    self->color_source = g_idle_add (update_color_cb, self);
}

/**
 * sb_spell_entry_adapter_is_misspelt_at:
 * @position: a position in characters
 *
 * Returns: whether the word at @position is underlined
 */
gboolean
sb_spell_entry_adapter_is_misspelt_at (SbSpellEntryAdapter *self,
                                       int                  position)
{
  g_return_val_if_fail (SB_IS_SPELL_ENTRY_ADAPTER (self), FALSE);

  for (guint i = 0; i < self->misspelt->len; i++)
    {
      Range *range = &g_array_index (self->misspelt, Range, i);

      if (position >= range->start && position <= range->end)
        {
          self->word_range = *range;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sb_spell_entry_adapter_update_menu_at:
 * @position: a position in characters
 *
 * Fills the context menu with spellings of the word at @position, when it
 * is underlined, or empties it.
 */
void
sb_spell_entry_adapter_update_menu_at (SbSpellEntryAdapter *self,
                                       int                  position)
{
  g_autofree char *word = NULL;

  g_return_if_fail (SB_IS_SPELL_ENTRY_ADAPTER (self));

  if (self->entry != NULL && sb_spell_entry_adapter_is_misspelt_at (self, position))
    word = gtk_editable_get_chars (GTK_EDITABLE (self->entry), self->word_range.start, self->word_range.end);
  sb_spell_menu_set_word (self->menu, word);
}

/* The character under @x, found from the cursor's place at each word's
 * ends (GtkText keeps its layout to itself).
 */
static void
click_pressed_cb (GtkGestureClick     *gesture,
                  int                  n_press,
                  double               x,
                  double               y,
                  SbSpellEntryAdapter *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  int position = -1;

  if (self->entry == NULL || !GTK_IS_TEXT (widget))
    return;

  for (guint i = 0; i < self->misspelt->len && position < 0; i++)
    {
      Range *range = &g_array_index (self->misspelt, Range, i);
      graphene_rect_t start, end;

      gtk_text_compute_cursor_extents (GTK_TEXT (widget), range->start, &start, NULL);
      gtk_text_compute_cursor_extents (GTK_TEXT (widget), range->end, &end, NULL);
      if (x >= MIN (start.origin.x, end.origin.x) && x <= MAX (start.origin.x, end.origin.x))
        position = range->start;
    }

  sb_spell_entry_adapter_update_menu_at (self, position);
}

/* The menu opened from the keyboard is about the word at the cursor. */
static gboolean
key_pressed_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SbSpellEntryAdapter   *self)
{
  if (self->entry != NULL && sb_spell_menu_is_menu_key (keyval, state))
    sb_spell_entry_adapter_update_menu_at (self, gtk_editable_get_position (GTK_EDITABLE (self->entry)));

  return GDK_EVENT_PROPAGATE;
}

/* The user picked a spelling for the word the menu is about. */
static void
correct_cb (SbSpellMenu         *menu,
            const char          *spelling,
            SbSpellEntryAdapter *self)
{
  GtkEditable *editable;
  int position;

  g_assert (SB_IS_SPELL_MENU (menu));
  g_assert (SB_IS_SPELL_ENTRY_ADAPTER (self));

  if (self->entry == NULL)
    return;

  editable = GTK_EDITABLE (self->entry);
  position = self->word_range.start;
  gtk_editable_delete_text (editable, self->word_range.start, self->word_range.end);
  gtk_editable_insert_text (editable, spelling, -1, &position);
}

/* The dictionary is loaded once the window has shown its first frame. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  SbSpellEntryAdapter *self = user_data;

  self->tick_id = 0;
  sb_spell_checker_load_in_background (self->checker);
  return G_SOURCE_REMOVE;
}

static void
sb_spell_entry_adapter_dispose (GObject *object)
{
  SbSpellEntryAdapter *self = SB_SPELL_ENTRY_ADAPTER (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->color_source, g_source_remove);

  if (self->entry != NULL)
    {
      GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)));

      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->entry), self->tick_id);
      self->tick_id = 0;
      sb_spell_menu_detach (self->menu, GTK_WIDGET (self->entry));
      if (text != NULL)
        {
          gtk_widget_remove_controller (text, GTK_EVENT_CONTROLLER (self->click));
          gtk_widget_remove_controller (text, self->focus);
          gtk_widget_remove_controller (text, self->keys);
        }
      g_object_remove_weak_pointer (G_OBJECT (self->entry), (gpointer *) &self->entry);
      self->entry = NULL;
    }

  g_clear_object (&self->click);
  g_clear_object (&self->focus);
  g_clear_object (&self->keys);
  g_clear_object (&self->menu);
  g_clear_object (&self->checker);

  G_OBJECT_CLASS (sb_spell_entry_adapter_parent_class)->dispose (object);
}

static void
sb_spell_entry_adapter_finalize (GObject *object)
{
  SbSpellEntryAdapter *self = SB_SPELL_ENTRY_ADAPTER (object);

  g_array_unref (self->misspelt);

  G_OBJECT_CLASS (sb_spell_entry_adapter_parent_class)->finalize (object);
}

static void
sb_spell_entry_adapter_class_init (SbSpellEntryAdapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_spell_entry_adapter_dispose;
  object_class->finalize = sb_spell_entry_adapter_finalize;
}

static void
sb_spell_entry_adapter_init (SbSpellEntryAdapter *self)
{
  self->misspelt = g_array_new (FALSE, FALSE, sizeof (Range));
  self->skipped = -1;
}

/**
 * sb_spell_entry_adapter_new:
 * @entry: the entry to check, which must keep the adapter
 * @checker: the checker to use
 *
 * Returns: (transfer full): an adapter checking @entry's text
 */
SbSpellEntryAdapter *
sb_spell_entry_adapter_new (GtkEntry       *entry,
                            SbSpellChecker *checker)
{
  SbSpellEntryAdapter *self;
  GtkWidget *text;

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (checker), NULL);

  self = g_object_new (SB_TYPE_SPELL_ENTRY_ADAPTER, NULL);
  self->entry = entry;
  g_object_add_weak_pointer (G_OBJECT (entry), (gpointer *) &self->entry);
  self->checker = g_object_ref (checker);
  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry)));

  g_signal_connect_object (entry, "changed", G_CALLBACK (queue_check), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "notify::cursor-position", G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
  self->focus = g_object_ref (gtk_event_controller_focus_new ());
  g_signal_connect_object (self->focus, "leave", G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
  self->keys = g_object_ref (gtk_event_controller_key_new ());
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  g_signal_connect_object (entry, "map", G_CALLBACK (update_color), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (queue_update_color), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (queue_update_color), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (checker, "changed", G_CALLBACK (queue_check), self, G_CONNECT_SWAPPED);

  self->menu = sb_spell_menu_new (checker);
  g_signal_connect_object (self->menu, "correct", G_CALLBACK (correct_cb), self, 0);
  sb_spell_menu_attach (self->menu, GTK_WIDGET (entry));
  gtk_entry_set_extra_menu (entry, sb_spell_menu_get_menu_model (self->menu));

  self->click = g_object_ref (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->click, "pressed", G_CALLBACK (click_pressed_cb), self, 0);
  if (text != NULL)
    {
      gtk_widget_add_controller (text, GTK_EVENT_CONTROLLER (self->click));
      gtk_widget_add_controller (text, self->focus);
      gtk_widget_add_controller (text, self->keys);
    }

  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (entry), first_frame_cb, self, NULL);
  update_color (self);
  return self;
}

/**
 * sb_spell_entry_adapter_check_now:
 *
 * Checks the text at once (for tests).
 */
void
sb_spell_entry_adapter_check_now (SbSpellEntryAdapter *self)
{
  g_return_if_fail (SB_IS_SPELL_ENTRY_ADAPTER (self));

  g_clear_handle_id (&self->idle_source, g_source_remove);
  check (self);
}
