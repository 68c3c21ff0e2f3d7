/* sb-principle-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-principle-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-principle-dialog.h"

/* Makes a principle of the user's own, or edits one: its name, framework,
 * definition, focus areas, tips, sample questions and notes. For a
 * built-in principle it edits only the user's notes.
 */
struct _SbPrincipleDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  AdwPreferencesGroup  *principle_group;
  AdwEntryRow          *name_row;
  AdwComboRow          *framework_row;
  AdwEntryRow          *framework_name_row;
  AdwPreferencesGroup  *definition_group;
  GtkTextView          *definition_view;
  AdwPreferencesGroup  *focus_group;
  AdwEntryRow          *focus_heading_row;
  AdwPreferencesGroup  *tips_group;
  AdwPreferencesGroup  *questions_group;
  AdwPreferencesGroup  *notes_group;
  GtkTextView          *notes_view;

  /* Owned */
  SbCatalog            *catalog;
  SbPrinciple          *principle;
  /* The framework ids the combo row offers; NULL for "New Framework…" */
  GPtrArray            *framework_ids;
  /* The rows added to each list, in order */
  GPtrArray            *focus_rows;
  GPtrArray            *tip_rows;
  GPtrArray            *question_rows;
};

G_DEFINE_FINAL_TYPE (SbPrincipleDialog, sb_principle_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define FOCUS_NAME_KEY "sb-focus-name"
#define FOCUS_DESCRIPTION_KEY "sb-focus-description"

static gboolean
is_notes_only (SbPrincipleDialog *self)
{
  return self->principle != NULL && sb_principle_get_builtin (self->principle);
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_stripped (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

static const char *
selected_framework_id (SbPrincipleDialog *self,
                       gboolean          *is_new)
{
  guint selected = adw_combo_row_get_selected (self->framework_row);
  const char *id = NULL;

  if (selected < self->framework_ids->len)
    id = g_ptr_array_index (self->framework_ids, selected);
  if (is_new)
    *is_new = (id == NULL);
  return id;
}

static void
validate (SbPrincipleDialog *self)
{
  g_autofree char *name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *framework_name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->framework_name_row)));
  SbPrinciple *same_name = NULL;
  gboolean is_new = FALSE;
  gboolean ok = TRUE;

  if (is_notes_only (self))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
      return;
    }

  if (name[0] != '\0')
    same_name = sb_catalog_lookup_by_exact_name (self->catalog, name);
  if (same_name == self->principle)
    same_name = NULL;

  if (same_name != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_row), _("Another principle has this name"));
      ok = FALSE;
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_row), NULL);
    }

  if (name[0] == '\0')
    ok = FALSE;

  selected_framework_id (self, &is_new);
  if (is_new && framework_name[0] == '\0')
    ok = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), ok);
}

static void
framework_selected_cb (SbPrincipleDialog *self)
{
  gboolean is_new = FALSE;

  if (self->framework_ids == NULL)
    return;

  selected_framework_id (self, &is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->framework_name_row), is_new);
  validate (self);
}

static void
remove_row (GtkButton *button,
            GtkWidget *row)
{
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (row), "sb-group");
  GPtrArray *rows = g_object_get_data (G_OBJECT (row), "sb-rows");

  g_ptr_array_remove (rows, row);
  adw_preferences_group_remove (group, row);
}

static GtkWidget *
make_remove_button (const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
add_list_row (AdwPreferencesGroup *group,
              GPtrArray           *rows,
              GtkWidget           *row,
              GtkWidget           *remove_button)
{
  g_object_set_data (G_OBJECT (row), "sb-group", group);
  g_object_set_data (G_OBJECT (row), "sb-rows", rows);
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (remove_row), row, 0);
  g_ptr_array_add (rows, row);
  adw_preferences_group_add (group, row);
}

static GtkWidget *
add_text_row (AdwPreferencesGroup *group,
              GPtrArray           *rows,
              const char          *title,
              const char          *remove_tooltip,
              const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove_button = make_remove_button (remove_tooltip);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button);
  add_list_row (group, rows, row, remove_button);
  return row;
}

static GtkWidget *
add_focus_row (SbPrincipleDialog *self,
               const char        *name,
               const char        *description)
{
  /* A preferences row, so the group puts it in its boxed list. */
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entries = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *name_entry = gtk_entry_new ();
  GtkWidget *description_entry = gtk_entry_new ();
  GtkWidget *remove_button = make_remove_button (_("Remove Focus Area"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name ? name : "");
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (entries, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("Name"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (description_entry), _("Description"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Focus area name"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (description_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Focus area description"), -1);
  gtk_editable_set_text (GTK_EDITABLE (name_entry), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (description_entry), description ? description : "");
  gtk_box_append (GTK_BOX (entries), name_entry);
  gtk_box_append (GTK_BOX (entries), description_entry);
  gtk_box_append (GTK_BOX (box), entries);
  gtk_box_append (GTK_BOX (box), remove_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), FOCUS_NAME_KEY, name_entry);
  g_object_set_data (G_OBJECT (row), FOCUS_DESCRIPTION_KEY, description_entry);
  add_list_row (self->focus_group, self->focus_rows, row, remove_button);
  return name_entry;
}

static void
add_focus_clicked_cb (SbPrincipleDialog *self)
{
  gtk_widget_grab_focus (add_focus_row (self, NULL, NULL));
}

static void
add_tip_clicked_cb (SbPrincipleDialog *self)
{
  gtk_widget_grab_focus (add_text_row (self->tips_group, self->tip_rows, _("Tip"), _("Remove Tip"), NULL));
}

static void
add_question_clicked_cb (SbPrincipleDialog *self)
{
  gtk_widget_grab_focus (add_text_row (self->questions_group, self->question_rows, _("Question"), _("Remove Question"), NULL));
}

/* The non-blank texts of @rows, in order. */
static GStrv
collect_texts (GPtrArray *rows)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (rows, i))));

      if (text[0] != '\0')
        g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

static void
apply_fields (SbPrincipleDialog *self,
              SbPrinciple       *principle)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) descriptions = g_strv_builder_new ();
  g_auto(GStrv) focus_names = NULL;
  g_auto(GStrv) focus_descriptions = NULL;
  g_auto(GStrv) tips = NULL;
  g_auto(GStrv) questions = NULL;
  g_autofree char *name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *definition = dup_text (self->definition_view);
  g_autofree char *heading = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->focus_heading_row)));

  for (guint i = 0; i < self->focus_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->focus_rows, i);
      g_autofree char *focus_name = dup_stripped (gtk_editable_get_text (g_object_get_data (row, FOCUS_NAME_KEY)));
      g_autofree char *description = dup_stripped (gtk_editable_get_text (g_object_get_data (row, FOCUS_DESCRIPTION_KEY)));

      if (focus_name[0] == '\0' && description[0] == '\0')
        continue;
      g_strv_builder_add (names, focus_name);
      g_strv_builder_add (descriptions, description);
    }
  focus_names = g_strv_builder_end (names);
  focus_descriptions = g_strv_builder_end (descriptions);
  tips = collect_texts (self->tip_rows);
  questions = collect_texts (self->question_rows);

  /* A heading is needed for the focus areas to show on the page. */
  if (heading[0] == '\0' && focus_names[0] != NULL)
    {
      g_free (heading);
      heading = g_strdup (_("Focus Areas"));
    }

  sb_principle_set_name (principle, name);
  sb_principle_set_definition (principle, g_strstrip (definition));
  sb_principle_set_focus_areas (principle, heading,
                                (const char * const *) focus_names,
                                (const char * const *) focus_descriptions);
  sb_principle_set_tips (principle, (const char * const *) tips);
  sb_principle_set_questions (principle, (const char * const *) questions);
}

/**
 * sb_principle_dialog_save:
 *
 * Does what the Save button does: applies the fields to the principle
 * (making it, and its new framework, when the dialog makes one), emits
 * ::saved and closes.
 *
 * Returns: (transfer none) (nullable): the principle, or %NULL when the
 * fields cannot be saved (no name, or another principle's name)
 */
SbPrinciple *
sb_principle_dialog_save (SbPrincipleDialog *self)
{
  g_autofree char *notes = NULL;
  g_autofree char *framework_name = NULL;
  g_autofree char *new_framework_id = NULL;
  const char *framework_id;
  gboolean is_new_framework = FALSE;
  SbPrinciple *principle;

  g_return_val_if_fail (SB_IS_PRINCIPLE_DIALOG (self), NULL);

  if (!sb_principle_dialog_can_save (self))
    return NULL;

  notes = dup_text (self->notes_view);
  g_strstrip (notes);

  if (is_notes_only (self))
    {
      sb_principle_set_notes (self->principle, notes);
      principle = self->principle;
      g_signal_emit (self, signals[SAVED], 0, principle);
      /* Closing disposes the dialog; the catalog holds the principle. */
      gtk_window_close (GTK_WINDOW (self));
      return principle;
    }

  framework_id = selected_framework_id (self, &is_new_framework);
  if (is_new_framework)
    {
      framework_name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->framework_name_row)));
      new_framework_id = sb_catalog_make_framework_id (self->catalog, framework_name);
      framework_id = new_framework_id;
    }

  if (self->principle == NULL)
    {
      g_autofree char *name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
      g_autofree char *id = sb_catalog_make_id (self->catalog, name);

      self->principle = sb_principle_new (id, name, framework_id, FALSE);
      apply_fields (self, self->principle);
      sb_principle_set_notes (self->principle, notes);
      sb_catalog_ensure_framework (self->catalog, framework_id, framework_name);
      sb_catalog_add_principle (self->catalog, self->principle);
    }
  else
    {
      apply_fields (self, self->principle);
      sb_principle_set_notes (self->principle, notes);
      sb_catalog_set_principle_framework (self->catalog, self->principle, framework_id, framework_name);
    }

  principle = self->principle;
  g_signal_emit (self, signals[SAVED], 0, principle);
  gtk_window_close (GTK_WINDOW (self));
  return principle;
}

static void
save_clicked_cb (SbPrincipleDialog *self)
{
  sb_principle_dialog_save (self);
}

static void
fill_frameworks (SbPrincipleDialog *self)
{
  GListModel *frameworks = sb_catalog_get_frameworks (self->catalog);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = self->principle ? sb_principle_get_framework_id (self->principle) : NULL;
  guint selected = 0;
  gboolean has_user = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      if (sb_framework_get_builtin (framework))
        continue;
      if (g_strcmp0 (sb_framework_get_id (framework), current) == 0)
        selected = self->framework_ids->len;
      if (g_str_equal (sb_framework_get_id (framework), SB_FRAMEWORK_USER))
        has_user = TRUE;
      g_ptr_array_add (self->framework_ids, g_strdup (sb_framework_get_id (framework)));
      gtk_string_list_append (names, sb_framework_get_name (framework));
    }

  /* The default home of the user's principles, even before it exists. */
  if (!has_user)
    {
      g_ptr_array_add (self->framework_ids, g_strdup (SB_FRAMEWORK_USER));
      gtk_string_list_append (names, _("My Principles"));
    }

  g_ptr_array_add (self->framework_ids, NULL);
  gtk_string_list_append (names, _("New Framework…"));

  adw_combo_row_set_model (self->framework_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->framework_row, selected);
}

static void
fill_fields (SbPrincipleDialog *self)
{
  SbPrinciple *p = self->principle;

  if (p == NULL)
    {
      adw_window_title_set_title (self->window_title, _("New Principle"));
      gtk_button_set_label (self->save_button, _("_Create"));
      add_text_row (self->tips_group, self->tip_rows, _("Tip"), _("Remove Tip"), NULL);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), sb_principle_get_notes (p), -1);

  if (is_notes_only (self))
    {
      adw_window_title_set_title (self->window_title, _("Your Notes"));
      adw_window_title_set_subtitle (self->window_title, sb_principle_get_name (p));
      adw_preferences_group_set_title (self->notes_group, sb_principle_get_name (p));
      adw_preferences_group_set_description (self->notes_group,
                                             _("Shown in the tips panel below the built-in text"));
      gtk_widget_set_visible (GTK_WIDGET (self->principle_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->definition_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->focus_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->tips_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->questions_group), FALSE);
      gtk_window_set_default_size (GTK_WINDOW (self), 480, 400);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->notes_view));
      return;
    }

  adw_window_title_set_title (self->window_title, _("Edit Principle"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sb_principle_get_name (p));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->definition_view), sb_principle_get_definition (p), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->focus_heading_row), sb_principle_get_focus_heading (p));
  for (guint i = 0; i < sb_principle_get_n_focus_areas (p); i++)
    {
      const char *name, *description;

      sb_principle_get_focus_area (p, i, &name, &description);
      add_focus_row (self, name, description);
    }
  for (guint i = 0; sb_principle_get_tips (p)[i] != NULL; i++)
    add_text_row (self->tips_group, self->tip_rows, _("Tip"), _("Remove Tip"), sb_principle_get_tips (p)[i]);
  for (guint i = 0; sb_principle_get_questions (p)[i] != NULL; i++)
    add_text_row (self->questions_group, self->question_rows, _("Question"), _("Remove Question"),
                  sb_principle_get_questions (p)[i]);
}

static void
sb_principle_dialog_dispose (GObject *object)
{
  SbPrincipleDialog *self = (SbPrincipleDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PRINCIPLE_DIALOG);
  g_clear_object (&self->principle);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_principle_dialog_parent_class)->dispose (object);
}

static void
sb_principle_dialog_finalize (GObject *object)
{
  SbPrincipleDialog *self = (SbPrincipleDialog *)object;

  g_clear_pointer (&self->framework_ids, g_ptr_array_unref);
  g_clear_pointer (&self->focus_rows, g_ptr_array_unref);
  g_clear_pointer (&self->tip_rows, g_ptr_array_unref);
  g_clear_pointer (&self->question_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_principle_dialog_parent_class)->finalize (object);
}

static void
sb_principle_dialog_class_init (SbPrincipleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_principle_dialog_dispose;
  object_class->finalize = sb_principle_dialog_finalize;

  /**
   * SbPrincipleDialog::saved:
   * @principle: the principle made or edited
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, SB_TYPE_PRINCIPLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-principle-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, principle_group);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, framework_row);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, framework_name_row);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, definition_group);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, definition_view);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, focus_group);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, focus_heading_row);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, tips_group);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, questions_group);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleDialog, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, framework_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_focus_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_tip_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_question_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_principle_dialog_init (SbPrincipleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->framework_ids = g_ptr_array_new_with_free_func (g_free);
  self->focus_rows = g_ptr_array_new ();
  self->tip_rows = g_ptr_array_new ();
  self->question_rows = g_ptr_array_new ();
}

/**
 * sb_principle_dialog_new:
 * @principle: (nullable): the principle to edit (for a built-in one, its
 *   notes), or %NULL to make a new one
 */
SbPrincipleDialog *
sb_principle_dialog_new (SbCatalog   *catalog,
                         SbPrinciple *principle)
{
  SbPrincipleDialog *self;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (principle == NULL || SB_IS_PRINCIPLE (principle), NULL);

  self = g_object_new (SB_TYPE_PRINCIPLE_DIALOG, NULL);
  self->catalog = g_object_ref (catalog);
  g_set_object (&self->principle, principle);

  fill_frameworks (self);
  fill_fields (self);
  framework_selected_cb (self);
  validate (self);

  return self;
}

/**
 * sb_principle_dialog_get_principle:
 *
 * Returns: (transfer none) (nullable): the principle edited, or made once
 * saved
 */
SbPrinciple *
sb_principle_dialog_get_principle (SbPrincipleDialog *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE_DIALOG (self), NULL);
  return self->principle;
}

void
sb_principle_dialog_set_name (SbPrincipleDialog *self,
                              const char        *name)
{
  g_return_if_fail (SB_IS_PRINCIPLE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
}

void
sb_principle_dialog_set_definition (SbPrincipleDialog *self,
                                    const char        *definition)
{
  g_return_if_fail (SB_IS_PRINCIPLE_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->definition_view), definition ? definition : "", -1);
}

/**
 * sb_principle_dialog_set_framework:
 * @framework_id: (nullable): a user framework, or %NULL for a new one
 * @new_name: (nullable): the new framework's name
 */
void
sb_principle_dialog_set_framework (SbPrincipleDialog *self,
                                   const char        *framework_id,
                                   const char        *new_name)
{
  g_return_if_fail (SB_IS_PRINCIPLE_DIALOG (self));

  for (guint i = 0; i < self->framework_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->framework_ids, i), framework_id) == 0)
      {
        adw_combo_row_set_selected (self->framework_row, i);
        break;
      }
  if (framework_id == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->framework_name_row), new_name ? new_name : "");
}

void
sb_principle_dialog_set_focus_heading (SbPrincipleDialog *self,
                                       const char        *heading)
{
  g_return_if_fail (SB_IS_PRINCIPLE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->focus_heading_row), heading ? heading : "");
}

void
sb_principle_dialog_add_focus_area (SbPrincipleDialog *self,
                                    const char        *name,
                                    const char        *description)
{
  g_return_if_fail (SB_IS_PRINCIPLE_DIALOG (self));
  add_focus_row (self, name, description);
}

void
sb_principle_dialog_add_tip (SbPrincipleDialog *self,
                             const char        *tip)
{
  g_return_if_fail (SB_IS_PRINCIPLE_DIALOG (self));
  add_text_row (self->tips_group, self->tip_rows, _("Tip"), _("Remove Tip"), tip);
}

void
sb_principle_dialog_add_question (SbPrincipleDialog *self,
                                  const char        *question)
{
  g_return_if_fail (SB_IS_PRINCIPLE_DIALOG (self));
  add_text_row (self->questions_group, self->question_rows, _("Question"), _("Remove Question"), question);
}

void
sb_principle_dialog_set_notes (SbPrincipleDialog *self,
                               const char        *notes)
{
  g_return_if_fail (SB_IS_PRINCIPLE_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
}

gboolean
sb_principle_dialog_can_save (SbPrincipleDialog *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE_DIALOG (self), FALSE);

  validate (self);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->save_button));
}
