/* sb-action-steps.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-action-steps"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-action-steps.h"
#include "sb-menu-button.h"
#include "sb-text-view.h"
#include "sb-tooltip.h"

/* The Action of a story as an ordered list of steps: each a text area that
 * grows with its text, with buttons (and Alt+Up/Down) to reorder and remove,
 * Enter at the end of a step starting the next one.
 */
struct _SbActionSteps
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *rows;
  GtkWidget *add_button;
  GtkWidget *more_button;
  guint      limit;

  SbStory   *story;
  guint      updating : 1;
};

G_DEFINE_FINAL_TYPE (SbActionSteps, sb_action_steps, GTK_TYPE_WIDGET)

#define STEP_INDEX_KEY "sb-step-index"
/* Steps shown when a story opens, and how many "Show more" adds. */
#define STEPS_FIRST 40
#define STEPS_BATCH 100

static void rebuild (SbActionSteps *self);

static guint
row_index (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), STEP_INDEX_KEY));
}

static GtkWidget *
nth_row (SbActionSteps *self,
         guint          position)
{
  GtkWidget *child = gtk_widget_get_first_child (self->rows);

  for (guint i = 0; child != NULL && i < position; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

static GtkTextView *
row_text_view (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "sb-text-view");
}

static void
step_text_changed_cb (SbTextView *view,
                      GParamSpec *pspec,
                      GtkWidget  *row)
{
  SbActionSteps *self = SB_ACTION_STEPS (gtk_widget_get_ancestor (row, SB_TYPE_ACTION_STEPS));
  g_autofree char *text = NULL;
  guint index = row_index (row);

  if (self == NULL || self->story == NULL || self->updating)
    return;
  if (index >= sb_story_get_n_actions (self->story))
    return;

  text = sb_text_view_dup_text (view);
  self->updating = TRUE;
  sb_story_set_action (self->story, index, text);
  self->updating = FALSE;
}

void
sb_action_steps_focus_step (SbActionSteps *self,
                            guint          position)
{
  GtkWidget *row;

  if (position >= self->limit)
    {
      self->limit = position + 1;
      rebuild (self);
    }

  row = nth_row (self, position);

  if (row != NULL)
    {
      GtkTextView *view = row_text_view (row);
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
      gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (view), &end);
      gtk_widget_grab_focus (GTK_WIDGET (view));
    }
}

static void
move_step (SbActionSteps *self,
           guint          from,
           int            delta)
{
  guint n = sb_story_get_n_actions (self->story);
  int to = (int) from + delta;

  if (to < 0 || (guint) to >= n)
    return;

  sb_story_move_action (self->story, from, to);
  sb_action_steps_focus_step (self, to);
}

static void
remove_step (SbActionSteps *self,
             guint          index)
{
  guint n = sb_story_get_n_actions (self->story);

  if (index >= n)
    return;

  sb_story_remove_action (self->story, index);
  if (n > 1)
    sb_action_steps_focus_step (self, MIN (index, n - 2));
  else
    gtk_widget_grab_focus (self->add_button);
}

static void
row_action_cb (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  GtkWidget *row = user_data;
  SbActionSteps *self = SB_ACTION_STEPS (gtk_widget_get_ancestor (row, SB_TYPE_ACTION_STEPS));
  const char *name = g_action_get_name (G_ACTION (action));
  guint index = row_index (row);

  if (self == NULL)
    return;
  if (g_str_equal (name, "move-up"))
    move_step (self, index, -1);
  else if (g_str_equal (name, "move-down"))
    move_step (self, index, 1);
  else
    remove_step (self, index);
}

static void
set_row_position (GtkWidget *row,
                  guint      index,
                  guint      n)
{
  GActionMap *actions = g_object_get_data (G_OBJECT (row), "sb-actions");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (actions, "move-up")), index > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (actions, "move-down")), index + 1 < n);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *row)
{
  SbActionSteps *self = SB_ACTION_STEPS (gtk_widget_get_ancestor (row, SB_TYPE_ACTION_STEPS));
  guint index = row_index (row);
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up))
    {
      move_step (self, index, -1);
      return GDK_EVENT_STOP;
    }
  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
    {
      move_step (self, index, 1);
      return GDK_EVENT_STOP;
    }

  if (mods == 0 && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (row_text_view (row));
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      if (gtk_text_iter_is_end (&cursor))
        {
          /* Enter at the end of a step starts the next one;
           * Shift+Enter still breaks the line. */
          sb_story_insert_action (self->story, index + 1, "");
          sb_action_steps_focus_step (self, index + 1);
          return GDK_EVENT_STOP;
        }
    }

  if (mods == 0 && keyval == GDK_KEY_BackSpace)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (row_text_view (row));

      if (gtk_text_buffer_get_char_count (buffer) == 0 && sb_story_get_n_actions (self->story) > 1)
        {
          remove_step (self, index);
          return GDK_EVENT_STOP;
        }
    }

  return GDK_EVENT_PROPAGATE;
}

static GtkWidget *
make_row (SbActionSteps *self,
          guint          index,
          guint          n,
          const char    *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *number;
  GtkWidget *view;
  GtkWidget *frame;
  GtkEventController *keys;
  g_autofree char *label = g_strdup_printf ("%u.", index + 1);
  g_autofree char *accessible = g_strdup_printf (_("Step %u"), index + 1);
  GtkWidget *button;

  g_object_set_data (G_OBJECT (row), STEP_INDEX_KEY, GUINT_TO_POINTER (index));
  gtk_widget_add_css_class (row, "action-step");

  number = gtk_label_new (label);
  gtk_widget_add_css_class (number, "step-number");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_set_valign (number, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), number);

  view = sb_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_hexpand (view, TRUE);
  sb_text_view_set_text (SB_TEXT_VIEW (view), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_object (view, "notify::text", G_CALLBACK (step_text_changed_cb), row, 0);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), row);
  gtk_widget_add_controller (view, keys);
  g_object_set_data (G_OBJECT (row), "sb-text-view", view);

  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "field");
  gtk_widget_set_hexpand (frame, TRUE);
  gtk_box_append (GTK_BOX (row), frame);

  /* Moving and removing live in a menu, so the step keeps the width;
   * Alt+Up/Down move it from the keyboard. */
  {
    static const GActionEntry entries[] = {
      { "move-up", row_action_cb },
      { "move-down", row_action_cb },
      { "remove", row_action_cb },
    };
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autofree char *menu_label = g_strdup_printf (_("Step %u Menu"), index + 1);

    g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), row);
    gtk_widget_insert_action_group (row, "step", G_ACTION_GROUP (group));
    g_object_set_data_full (G_OBJECT (row), "sb-actions", g_object_ref (group), g_object_unref);

    g_menu_append (menu, _("Move _Up"), "step.move-up");
    g_menu_append (menu, _("Move _Down"), "step.move-down");
    g_menu_append (menu, _("_Remove Step"), "step.remove");

    button = gtk_menu_button_new ();
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
    sb_menu_button_set_menu_model_later (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
    gtk_widget_add_css_class (button, "flat");
    gtk_widget_add_css_class (button, "circular");
    gtk_widget_set_valign (button, GTK_ALIGN_START);
    sb_tooltip_set_text (button, menu_label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
    gtk_box_append (GTK_BOX (row), button);
    set_row_position (row, index, n);
  }

  return row;
}

/* Brings the rows in line with the story's steps: rows are only added or
 * removed at the end and every row shows the step at its position, so
 * typing, moving and removing keep the rows (and the cursor) in place. At
 * most @limit steps get rows at first: a story with thousands of steps
 * opens at once, and "Show more" adds the rest in batches.
 */
static void
rebuild (SbActionSteps *self)
{
  const char * const *actions = self->story ? sb_story_get_actions (self->story) : NULL;
  guint n = actions ? g_strv_length ((char **) actions) : 0;
  guint shown = MIN (n, self->limit);
  guint n_rows = 0;
  GtkWidget *child;
  guint i;

  for (child = gtk_widget_get_first_child (self->rows); child; child = gtk_widget_get_next_sibling (child))
    n_rows++;

  self->updating = TRUE;

  while (n_rows > shown)
    {
      gtk_box_remove (GTK_BOX (self->rows), gtk_widget_get_last_child (self->rows));
      n_rows--;
    }
  for (; n_rows < shown; n_rows++)
    gtk_box_append (GTK_BOX (self->rows), make_row (self, n_rows, n, actions[n_rows]));

  for (child = gtk_widget_get_first_child (self->rows), i = 0; child; child = gtk_widget_get_next_sibling (child), i++)
    {
      sb_text_view_set_text (SB_TEXT_VIEW (row_text_view (child)), actions[i]);
      set_row_position (child, i, n);
    }

  if (n > shown)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More Step", "Show %u More Steps", MIN (n - shown, STEPS_BATCH)),
                                                MIN (n - shown, STEPS_BATCH));
      g_autofree char *hidden = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step not shown yet", "%u steps not shown yet", n - shown), n - shown);

      gtk_button_set_label (GTK_BUTTON (self->more_button), label);
      gtk_widget_set_tooltip_text (self->more_button, hidden);
    }
  gtk_widget_set_visible (self->more_button, n > shown);

  self->updating = FALSE;
}

static void
more_clicked_cb (SbActionSteps *self)
{
  self->limit += STEPS_BATCH;
  rebuild (self);
}

static void
actions_changed_cb (SbActionSteps *self)
{
  if (!self->updating)
    rebuild (self);
}

static void
add_clicked_cb (SbActionSteps *self)
{
  sb_action_steps_add_step (self);
}

static void
sb_action_steps_dispose (GObject *object)
{
  SbActionSteps *self = (SbActionSteps *)object;

  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_clear_object (&self->story);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (sb_action_steps_parent_class)->dispose (object);
}

static void
sb_action_steps_class_init (SbActionStepsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_action_steps_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actionsteps");
}

static void
sb_action_steps_init (SbActionSteps *self)
{
  GtkWidget *content;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->rows);

  self->more_button = gtk_button_new ();
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->more_button, "flat");
  gtk_widget_set_visible (self->more_button, FALSE);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (more_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->more_button);

  self->add_button = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add _Step"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->add_button), content);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->add_button, "flat");
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->add_button);
}

GtkWidget *
sb_action_steps_new (void)
{
  return g_object_new (SB_TYPE_ACTION_STEPS, NULL);
}

void
sb_action_steps_set_story (SbActionSteps *self,
                           SbStory       *story)
{
  GtkWidget *child;

  g_return_if_fail (SB_IS_ACTION_STEPS (self));

  if (self->story == story)
    return;

  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_set_object (&self->story, story);

  /* Another story: fresh rows, fresh undo history. */
  self->limit = STEPS_FIRST;
  while ((child = gtk_widget_get_first_child (self->rows)))
    gtk_box_remove (GTK_BOX (self->rows), child);

  if (story != NULL)
    g_signal_connect_object (story, "notify::actions", G_CALLBACK (actions_changed_cb), self, G_CONNECT_SWAPPED);

  rebuild (self);
}

void
sb_action_steps_add_step (SbActionSteps *self)
{
  g_return_if_fail (SB_IS_ACTION_STEPS (self));

  if (self->story == NULL)
    return;

  sb_story_insert_action (self->story, -1, "");
  sb_action_steps_focus_step (self, sb_story_get_n_actions (self->story) - 1);
}

/**
 * sb_action_steps_get_step:
 *
 * Returns: (transfer none) (nullable): the text view of a step
 */
GtkWidget *
sb_action_steps_get_step (SbActionSteps *self,
                          guint          position)
{
  GtkWidget *row = nth_row (self, position);

  return row ? GTK_WIDGET (row_text_view (row)) : NULL;
}
