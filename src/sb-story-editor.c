/* sb-story-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-story-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-action-steps.h"
#include "sb-speaking-bar.h"
#include "sb-spell-checker.h"
#include "sb-spell-entry-adapter.h"
#include "sb-story-editor.h"
#include "sb-text-view.h"
#include "sb-tooltip.h"

/* The STAR editor: every widget is bound to the story's properties, so
 * what is on screen is the model, and the store saves it as it changes.
 */
struct _SbStoryEditor
{
  GtkWidget       parent_instance;

  /* Template widgets */
  SbActionSteps  *action_steps;
  GtkLabel       *history_label;
  GtkTextView    *learnings_view;
  GtkLabel       *meta_label;
  GtkExpander    *more_expander;
  GtkTextView    *notes_view;
  GtkFlowBox     *principle_chips;
  GtkListBox     *principle_choices;
  GtkLabel       *principles_hint;
  GtkTextView    *result_view;
  GtkScrolledWindow *scroller;
  GtkTextView    *situation_view;
  SbSpeakingBar  *speaking_bar;
  GtkEntry       *tags_entry;
  GtkTextView    *task_view;
  GtkEntry       *title_entry;

  /* Owned */
  SbCatalog      *catalog;
  SbStory        *story;
  GBindingGroup  *bindings;
  SbSpellEntryAdapter *title_spell;
  guint           updating_principles : 1;
};

G_DEFINE_FINAL_TYPE (SbStoryEditor, sb_story_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
tags_to_text (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  const char * const *tags = g_value_get_boxed (from);

  g_value_take_string (to, tags ? g_strjoinv (", ", (char **) tags) : g_strdup (""));
  return TRUE;
}

static gboolean
text_to_tags (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  const char *text = g_value_get_string (from);
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  g_value_take_boxed (to, g_strv_builder_end (builder));
  return TRUE;
}

static void
update_meta (SbStoryEditor *self)
{
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *modified_text = NULL;
  g_autofree char *practice = NULL;
  g_autofree char *text = NULL;
  guint count;

  if (self->story == NULL)
    return;

  created = g_date_time_to_local (sb_story_get_created (self->story));
  modified = g_date_time_to_local (sb_story_get_modified (self->story));
  /* Translators: see g_date_time_format() */
  created_text = g_date_time_format (created, _("%e %B %Y"));
  modified_text = g_date_time_format (modified, _("%e %B %Y, %H:%M"));
  count = sb_story_get_practice_count (self->story);

  if (count == 0)
    practice = g_strdup (_("Not practised yet"));
  else
    practice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Practised once", "Practised %u times", count), count);

  if (count > 0 && sb_story_get_confidence (self->story) != SB_CONFIDENCE_UNSET)
    {
      g_autofree char *times = g_steal_pointer (&practice);

      /* Translators: "Practised 3 times, confidence 4 of 5" */
      practice = g_strdup_printf (_("%s, confidence %d of 5"), times, sb_story_get_confidence (self->story));
    }

  /* Translators: created date · changed date · practice record */
  text = g_strdup_printf (_("Written %s · Changed %s · %s"), g_strstrip (created_text), g_strstrip (modified_text), practice);
  gtk_label_set_text (self->meta_label, text);
}

static void
chip_remove_cb (GtkButton     *button,
                SbStoryEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "sb-principle-id");

  if (self->story != NULL && g_strv_length ((char **) sb_story_get_principles (self->story)) > 1)
    sb_story_remove_principle (self->story, id);
}

static void
update_principles (SbStoryEditor *self)
{
  const char * const *ids;
  GtkListBoxRow *row;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->principle_chips))))
    gtk_flow_box_remove (self->principle_chips, child);

  if (self->story == NULL || self->catalog == NULL)
    return;

  ids = sb_story_get_principles (self->story);
  n = g_strv_length ((char **) ids);
  for (guint i = 0; i < n; i++)
    {
      SbPrinciple *principle = sb_catalog_lookup (self->catalog, ids[i]);
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *label = gtk_label_new (principle ? sb_principle_get_name (principle) : ids[i]);
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), gtk_label_get_text (GTK_LABEL (label)));

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (chip), label);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      sb_tooltip_set_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      /* A story serves at least one principle. */
      gtk_widget_set_visible (remove, n > 1);
      g_object_set_data_full (G_OBJECT (remove), "sb-principle-id", g_strdup (ids[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (chip_remove_cb), self);
      gtk_box_append (GTK_BOX (chip), remove);
      gtk_widget_add_css_class (chip, "chip");
      gtk_flow_box_append (self->principle_chips, chip);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->principles_hint), n == 0);

  /* The choices in the popover follow. */
  self->updating_principles = TRUE;
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->principle_choices, i)); i++)
    {
      GtkWidget *check = gtk_list_box_row_get_child (row);
      const char *id = g_object_get_data (G_OBJECT (check), "sb-principle-id");
      gboolean active = g_strv_contains (ids, id);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      gtk_widget_set_sensitive (check, !(active && n == 1));
    }
  self->updating_principles = FALSE;
}

static void
choice_toggled_cb (GtkCheckButton *check,
                   SbStoryEditor  *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "sb-principle-id");

  if (self->updating_principles || self->story == NULL)
    return;

  if (gtk_check_button_get_active (check))
    sb_story_add_principle (self->story, id);
  else if (g_strv_length ((char **) sb_story_get_principles (self->story)) > 1)
    sb_story_remove_principle (self->story, id);
  else
    update_principles (self);
}

static void
choices_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  SbStoryEditor *self = user_data;
  GtkWidget *check = gtk_list_box_row_get_child (row);
  const char *framework = g_object_get_data (G_OBJECT (check), "sb-framework-id");
  SbFramework *f;
  GtkWidget *label;

  if (before != NULL &&
      g_strcmp0 (framework, g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (before)), "sb-framework-id")) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  f = sb_catalog_lookup_framework (self->catalog, framework);
  label = gtk_label_new (f ? sb_framework_get_name (f) : framework);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "sidebar-heading");
  gtk_list_box_row_set_header (row, label);
}

static void
rebuild_choices (SbStoryEditor *self)
{
  GListModel *principles = sb_catalog_get_principles (self->catalog);
  guint n = g_list_model_get_n_items (principles);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) names_strv = NULL;
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->principle_choices, 0)))
    gtk_list_box_remove (self->principle_choices, GTK_WIDGET (row));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
      GtkWidget *check = gtk_check_button_new_with_label (sb_principle_get_name (principle));

      g_object_set_data_full (G_OBJECT (check), "sb-principle-id", g_strdup (sb_principle_get_id (principle)), g_free);
      g_object_set_data_full (G_OBJECT (check), "sb-framework-id", g_strdup (sb_principle_get_framework_id (principle)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (choice_toggled_cb), self);
      gtk_list_box_append (self->principle_choices, check);
      g_strv_builder_add (names, sb_principle_get_name (principle));
    }

  /* The principles' names are not misspelt, whatever the dictionary says. */
  names_strv = g_strv_builder_end (names);
  sb_spell_checker_set_names (sb_spell_checker_get_default (), (const char * const *) names_strv);

  update_principles (self);
}

static void
bind_text_view (SbStoryEditor *self,
                const char    *property,
                GtkTextView   *view)
{
  g_binding_group_bind (self->bindings, property, view, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
}

static void
sb_story_editor_dispose (GObject *object)
{
  SbStoryEditor *self = (SbStoryEditor *)object;

  if (self->principle_choices != NULL)
    gtk_list_box_set_header_func (self->principle_choices, NULL, NULL, NULL);
  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_clear_object (&self->bindings);
  g_clear_object (&self->story);
  g_clear_object (&self->title_spell);
  /* The choices' header function still looks frameworks up meanwhile. */
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_STORY_EDITOR);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_story_editor_parent_class)->dispose (object);
}

static void
sb_story_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbStoryEditor *self = SB_STORY_EDITOR (object);

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
sb_story_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbStoryEditor *self = SB_STORY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORY:
      sb_story_editor_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_editor_class_init (SbStoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_story_editor_dispose;
  object_class->get_property = sb_story_editor_get_property;
  object_class->set_property = sb_story_editor_set_property;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_ACTION_STEPS);
  g_type_ensure (SB_TYPE_TEXT_VIEW);
  g_type_ensure (SB_TYPE_SPEAKING_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-story-editor.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "storyeditor");
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, action_steps);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, learnings_view);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, meta_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, more_expander);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, history_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, principle_chips);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, principle_choices);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, principles_hint);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, result_view);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, situation_view);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, speaking_bar);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, task_view);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, title_entry);
}

static void
sb_story_editor_init (SbStoryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "title", self->title_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  bind_text_view (self, "situation", self->situation_view);
  bind_text_view (self, "task", self->task_view);
  bind_text_view (self, "result", self->result_view);
  bind_text_view (self, "learnings", self->learnings_view);
  bind_text_view (self, "notes", self->notes_view);
  g_binding_group_bind_full (self->bindings, "tags", self->tags_entry, "text",
                             G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                             tags_to_text, text_to_tags, NULL, NULL);

  gtk_list_box_set_header_func (self->principle_choices, choices_header_func, self, NULL);

  /* The text views check their own spelling. */
  self->title_spell = sb_spell_entry_adapter_new (self->title_entry, sb_spell_checker_get_default ());
}

void
sb_story_editor_set_catalog (SbStoryEditor *self,
                             SbCatalog     *catalog)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));

  if (!g_set_object (&self->catalog, catalog))
    return;

  g_signal_connect_object (sb_catalog_get_principles (catalog), "items-changed",
                           G_CALLBACK (rebuild_choices), self, G_CONNECT_SWAPPED);
  rebuild_choices (self);
}

/**
 * sb_story_editor_get_story:
 *
 * Returns: (transfer none) (nullable): the story being edited
 */
SbStory *
sb_story_editor_get_story (SbStoryEditor *self)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);
  return self->story;
}

void
sb_story_editor_set_story (SbStoryEditor *self,
                           SbStory       *story)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));

  if (self->story == story)
    return;

  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_set_object (&self->story, story);

  g_binding_group_set_source (self->bindings, story);
  /* Undo in a field must not bring back the last story's text. */
  sb_text_view_reset_undo (SB_TEXT_VIEW (self->situation_view));
  sb_text_view_reset_undo (SB_TEXT_VIEW (self->task_view));
  sb_text_view_reset_undo (SB_TEXT_VIEW (self->result_view));
  sb_text_view_reset_undo (SB_TEXT_VIEW (self->learnings_view));
  sb_text_view_reset_undo (SB_TEXT_VIEW (self->notes_view));
  sb_action_steps_set_story (self->action_steps, story);
  sb_speaking_bar_set_story (self->speaking_bar, story);

  if (story != NULL)
    {
      g_signal_connect_object (story, "notify::principles", G_CALLBACK (update_principles), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (story, "notify::modified", G_CALLBACK (update_meta), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (story, "notify::practice-count", G_CALLBACK (update_meta), self, G_CONNECT_SWAPPED);
    }

  /* The optional parts stay folded away until a story has them. */
  gtk_expander_set_expanded (self->more_expander,
                             story != NULL &&
                             (sb_story_get_learnings (story)[0] != '\0' ||
                              sb_story_get_notes (story)[0] != '\0'));

  update_principles (self);
  update_meta (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

void
sb_story_editor_focus_title (SbStoryEditor *self)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
}

/**
 * sb_story_editor_get_field:
 * @field: "title", "situation", "task", "action", "result", "learnings",
 *   "notes", "tags" or "principles"
 *
 * Returns: (transfer none) (nullable): the widget editing that field
 */
GtkWidget *
sb_story_editor_get_field (SbStoryEditor *self,
                           const char    *field)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);

  if (g_strcmp0 (field, "title") == 0)
    return GTK_WIDGET (self->title_entry);
  if (g_strcmp0 (field, "situation") == 0)
    return GTK_WIDGET (self->situation_view);
  if (g_strcmp0 (field, "task") == 0)
    return GTK_WIDGET (self->task_view);
  if (g_strcmp0 (field, "action") == 0)
    return GTK_WIDGET (self->action_steps);
  if (g_strcmp0 (field, "result") == 0)
    return GTK_WIDGET (self->result_view);
  if (g_strcmp0 (field, "learnings") == 0)
    return GTK_WIDGET (self->learnings_view);
  if (g_strcmp0 (field, "notes") == 0)
    return GTK_WIDGET (self->notes_view);
  if (g_strcmp0 (field, "tags") == 0)
    return GTK_WIDGET (self->tags_entry);
  if (g_strcmp0 (field, "principles") == 0)
    return GTK_WIDGET (self->principle_chips);
  return NULL;
}

/* Brings @widget into view: the viewport does not follow focus moved
 * from outside the editor (the coach's findings).
 */
static void
scroll_to_field (SbStoryEditor *self,
                 GtkWidget     *widget)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;

  if (viewport == NULL || !gtk_widget_compute_bounds (widget, viewport, &bounds))
    return;

  /* Bounds are in the visible area's coordinates; keep the heading above. */
  if (bounds.origin.y < 0 || bounds.origin.y + MIN (bounds.size.height, page) > page)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y - 48);
}

typedef struct
{
  GtkWidget *widget;
  guint      frames;
} ScrollRequest;

static void
scroll_request_free (gpointer data)
{
  ScrollRequest *request = data;

  g_object_unref (request->widget);
  g_free (request);
}

static gboolean
scroll_to_field_cb (GtkWidget     *editor,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  ScrollRequest *request = user_data;

  /* The fields grow to their text over the next frames: follow them a
   * little while, as the page settles.
   */
  if (!gtk_widget_is_ancestor (request->widget, editor))
    return G_SOURCE_REMOVE;
  scroll_to_field (SB_STORY_EDITOR (editor), request->widget);
  return ++request->frames < 10 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
scroll_to_field_later (SbStoryEditor *self,
                       GtkWidget     *widget)
{
  ScrollRequest *request = g_new0 (ScrollRequest, 1);

  request->widget = g_object_ref (widget);
  scroll_to_field (self, widget);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_field_cb, request, scroll_request_free);
}

/**
 * sb_story_editor_focus_field:
 *
 * Moves the cursor to a field (the coach's findings point there).
 */
void
sb_story_editor_focus_field (SbStoryEditor *self,
                             const char    *field)
{
  GtkWidget *widget;

  g_return_if_fail (SB_IS_STORY_EDITOR (self));

  if (g_strcmp0 (field, "action") == 0 && self->story != NULL)
    {
      if (sb_story_get_n_actions (self->story) == 0)
        sb_action_steps_add_step (self->action_steps);
      else
        sb_action_steps_focus_step (self->action_steps, 0);
      scroll_to_field_later (self, GTK_WIDGET (self->action_steps));
      return;
    }

  widget = sb_story_editor_get_field (self, field);
  if (widget != NULL)
    {
      /* A folded expander holds its child out of the window. */
      if (widget == GTK_WIDGET (self->learnings_view) || widget == GTK_WIDGET (self->notes_view))
        gtk_expander_set_expanded (self->more_expander, TRUE);
      gtk_widget_grab_focus (widget);
      scroll_to_field_later (self, widget);
    }
}

/**
 * sb_story_editor_set_history:
 * @history: (nullable): where and when the story was told, a line each
 *
 * Shows the interviews the story was told at, under its title.
 */
void
sb_story_editor_set_history (SbStoryEditor *self,
                             const char    *history)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));

  if (g_strcmp0 (gtk_label_get_text (self->history_label), history ? history : "") != 0)
    gtk_label_set_text (self->history_label, history ? history : "");
  gtk_widget_set_visible (GTK_WIDGET (self->history_label), history != NULL && history[0] != '\0');
}
