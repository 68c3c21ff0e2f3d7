/* sb-coach-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-coach-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-coach.h"
#include "sb-coach-panel.h"
#include "sb-speaking-bar.h"

/* How long after the last keystroke the story is checked again. A check
 * takes well under a millisecond, so this only keeps the list still while
 * the user types.
 */
#define RECHECK_DELAY_MS 300

/* The coach's findings for the story in the editor, warnings first, each
 * a row that takes the cursor to the part it is about.
 */
struct _SbCoachPanel
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkBox        *all_good_box;
  GtkListBox    *dismissed_list;
  GtkExpander   *dismissed_expander;
  GtkListBox    *findings_list;
  GtkSpinButton *target_spin;

  /* Owned */
  SbCatalog     *catalog;
  SbStory       *story;
  GSettings     *settings;
  GPtrArray     *findings;
  guint          recheck_id;
  guint          target_seconds;
};

G_DEFINE_FINAL_TYPE (SbCoachPanel, sb_coach_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORY,
  PROP_TARGET_SECONDS,
  N_PROPS
};

enum {
  FOCUS_FIELD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
field_name (SbStoryField field)
{
  switch (field)
    {
    case SB_STORY_FIELD_TITLE:      return "title";
    case SB_STORY_FIELD_SITUATION:  return "situation";
    case SB_STORY_FIELD_TASK:       return "task";
    case SB_STORY_FIELD_ACTION:     return "action";
    case SB_STORY_FIELD_RESULT:     return "result";
    case SB_STORY_FIELD_PRINCIPLES: return "principles";
    case SB_STORY_FIELD_WHOLE:
    default:                        return NULL;
    }
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static void
row_activated_cb (AdwActionRow *row,
                  SbCoachPanel *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "sb-field");

  if (field != NULL)
    g_signal_emit (self, signals[FOCUS_FIELD], 0, field);
}

static GtkWidget *
make_finding_row (SbCoachPanel *self,
                  SbFinding    *finding)
{
  gboolean warning = sb_finding_get_severity (finding) == SB_FINDING_WARNING;
  const char *field = field_name (sb_finding_get_field (finding));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (warning ? "dialog-warning-symbolic"
                                                          : "dialog-information-symbolic");
  GtkWidget *dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_finding_get_message (finding));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sb_finding_get_suggestion (finding));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "coach-finding");

  gtk_widget_add_css_class (icon, warning ? "warning" : "dim-label");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  warning ? _("Warning") : _("Note"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_add_css_class (dismiss, "circular");
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dismiss, _("This One Is Fine"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dismiss), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("This one is fine: stop pointing it out for this story"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss), "coach.dismiss");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (dismiss), "s", sb_finding_get_check_id (finding));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);

  if (field != NULL)
    {
      g_object_set_data (G_OBJECT (row), "sb-field", (gpointer) field);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
    }

  return row;
}

static const char *
dismissed_subtitle (SbFinding *finding)
{
  return finding ? sb_finding_get_message (finding) : _("Nothing to point out now");
}

static GtkWidget *
make_dismissed_row (const char *check_id,
                    SbFinding  *finding)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  g_autofree char *restore_label = NULL;
  const char *title = sb_coach_get_check_title (check_id);

  g_object_set_data_full (G_OBJECT (row), "sb-check-id", g_strdup (check_id), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dismissed_subtitle (finding));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  restore_label = g_strdup_printf (_("Bring Back “%s”"), title);
  gtk_widget_add_css_class (restore, "flat");
  gtk_widget_add_css_class (restore, "circular");
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (restore, restore_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (restore), GTK_ACCESSIBLE_PROPERTY_LABEL, restore_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "coach.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (restore), "s", check_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);

  return row;
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  SbFinding *fa = *(SbFinding **) a;
  SbFinding *fb = *(SbFinding **) b;

  /* Warnings first; g_ptr_array_sort is stable, so checks keep their order. */
  return (int) sb_finding_get_severity (fb) - (int) sb_finding_get_severity (fa);
}

/* Whether @shown lists the same checks, in the same order and with the
 * same kind and field, as the rows now on screen: then only their words
 * can differ (a count, a time), and the rows are kept.
 */
static gboolean
same_findings (SbCoachPanel *self,
               GPtrArray    *shown)
{
  if (self->findings == NULL || self->findings->len != shown->len)
    return FALSE;

  for (guint i = 0; i < shown->len; i++)
    {
      SbFinding *a = g_ptr_array_index (self->findings, i);
      SbFinding *b = g_ptr_array_index (shown, i);

      if (!g_str_equal (sb_finding_get_check_id (a), sb_finding_get_check_id (b)) ||
          sb_finding_get_severity (a) != sb_finding_get_severity (b) ||
          sb_finding_get_field (a) != sb_finding_get_field (b))
        return FALSE;
    }
  return TRUE;
}

static void
show_findings (SbCoachPanel *self,
               GPtrArray    *shown)
{
  if (!same_findings (self, shown))
    {
      clear_list (self->findings_list);
      for (guint i = 0; i < shown->len; i++)
        gtk_list_box_append (self->findings_list, make_finding_row (self, g_ptr_array_index (shown, i)));
      return;
    }

  /* Typing mostly changes nothing here, or a number in a message: new
   * rows each time would measure every label of the panel again.
   */
  for (guint i = 0; i < shown->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (shown, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->findings_list, i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_finding_get_message (finding));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sb_finding_get_suggestion (finding));
    }
}

static SbFinding *
find_check (GPtrArray  *findings,
            const char *check_id)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (sb_finding_get_check_id (g_ptr_array_index (findings, i)), check_id))
      return g_ptr_array_index (findings, i);
  return NULL;
}

/* Every dismissed check this coach knows, firing now or not, so the user
 * can always bring it back. Returns how many there are.
 */
static guint
show_dismissed (SbCoachPanel *self,
                GPtrArray    *all)
{
  const char * const *dismissed = sb_story_get_dismissed (self->story);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  gboolean same;

  for (guint i = 0; dismissed[i] != NULL; i++)
    if (sb_coach_get_check_title (dismissed[i]) != NULL)
      g_ptr_array_add (ids, (gpointer) dismissed[i]);

  same = gtk_list_box_get_row_at_index (self->dismissed_list, ids->len) == NULL;
  for (guint i = 0; same && i < ids->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->dismissed_list, i);

      same = row != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "sb-check-id"), ids->pdata[i]) == 0;
    }

  if (!same)
    clear_list (self->dismissed_list);
  for (guint i = 0; i < ids->len; i++)
    {
      SbFinding *finding = find_check (all, ids->pdata[i]);

      if (same)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (self->dismissed_list, i)),
                                     dismissed_subtitle (finding));
      else
        gtk_list_box_append (self->dismissed_list, make_dismissed_row (ids->pdata[i], finding));
    }
  return ids->len;
}

static void
recheck (SbCoachPanel *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  SbCoachOptions options = { 0, TRUE };
  guint n_dismissed;
  g_autofree char *expander_label = NULL;

  g_clear_handle_id (&self->recheck_id, g_source_remove);

  if (self->story == NULL)
    {
      clear_list (self->findings_list);
      clear_list (self->dismissed_list);
      g_clear_pointer (&self->findings, g_ptr_array_unref);
      gtk_widget_set_visible (GTK_WIDGET (self->findings_list), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->all_good_box), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->dismissed_expander), FALSE);
      return;
    }

  options.target_seconds = self->target_seconds;
  all = sb_coach_check (self->story, self->catalog, &options);

  for (guint i = 0; i < all->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (all, i);

      if (!sb_finding_get_dismissed (finding))
        g_ptr_array_add (shown, g_object_ref (finding));
    }
  g_ptr_array_sort (shown, compare_severity);

  show_findings (self, shown);
  n_dismissed = show_dismissed (self, all);

  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), shown->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->all_good_box), shown->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->dismissed_expander), n_dismissed > 0);
  expander_label = g_strdup_printf (_("Show dismissed (%u)"), n_dismissed);
  /* The expander makes a new label each time it is given one. */
  if (g_strcmp0 (gtk_expander_get_label (self->dismissed_expander), expander_label) != 0)
    gtk_expander_set_label (self->dismissed_expander, expander_label);

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = g_steal_pointer (&shown);
}

static gboolean
recheck_timeout_cb (gpointer user_data)
{
  SbCoachPanel *self = user_data;

  self->recheck_id = 0;
  recheck (self);
  return G_SOURCE_REMOVE;
}

static void
story_changed_cb (SbCoachPanel *self)
{
  /* Debounced: typing restarts the wait. */
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  self->recheck_id = g_timeout_add (RECHECK_DELAY_MS, recheck_timeout_cb, self);
}

static void
set_dismissed (SbCoachPanel *self,
               const char   *check_id,
               gboolean      dismissed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  const char * const *current;

  if (self->story == NULL || sb_story_is_dismissed (self->story, check_id) == dismissed)
    return;

  current = sb_story_get_dismissed (self->story);
  for (guint i = 0; current[i] != NULL; i++)
    if (!g_str_equal (current[i], check_id))
      g_strv_builder_add (builder, current[i]);
  if (dismissed)
    g_strv_builder_add (builder, check_id);
  ids = g_strv_builder_end (builder);

  sb_story_set_dismissed (self->story, (const char * const *) ids);
  /* Show it at once, not after the typing delay. */
  recheck (self);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  set_dismissed (SB_COACH_PANEL (widget), g_variant_get_string (param, NULL), TRUE);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  set_dismissed (SB_COACH_PANEL (widget), g_variant_get_string (param, NULL), FALSE);
}

/* The spin shows minutes and seconds ("2:30") and reads either that or
 * plain seconds.
 */
static gboolean
target_output_cb (GtkSpinButton *spin,
                  gpointer       user_data)
{
  int value = (int) gtk_spin_button_get_value (spin);
  g_autofree char *text = g_strdup_printf ("%d:%02d", value / 60, value % 60);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
target_input_cb (GtkSpinButton *spin,
                 double        *new_value,
                 gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_auto(GStrv) parts = g_strsplit (text, ":", 3);
  guint64 minutes = 0, seconds = 0;

  if (g_strv_length (parts) == 1 &&
      g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 6000, &seconds, NULL))
    {
      *new_value = seconds;
      return TRUE;
    }
  if (g_strv_length (parts) == 2 &&
      g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 100, &minutes, NULL) &&
      g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 0, 59, &seconds, NULL))
    {
      *new_value = minutes * 60 + seconds;
      return TRUE;
    }
  return GTK_INPUT_ERROR;
}

static void
sb_coach_panel_dispose (GObject *object)
{
  SbCoachPanel *self = (SbCoachPanel *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_clear_object (&self->story);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_COACH_PANEL);
  /* The template's outer box has no id, so is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_coach_panel_parent_class)->dispose (object);
}

static void
sb_coach_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbCoachPanel *self = SB_COACH_PANEL (object);

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
sb_coach_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbCoachPanel *self = SB_COACH_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORY:
      sb_coach_panel_set_story (self, g_value_get_object (value));
      break;
    case PROP_TARGET_SECONDS:
      sb_coach_panel_set_target_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_coach_panel_class_init (SbCoachPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_coach_panel_dispose;
  object_class->get_property = sb_coach_panel_get_property;
  object_class->set_property = sb_coach_panel_set_property;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET_SECONDS] =
    g_param_spec_uint ("target-seconds", NULL, NULL, 0, 3600, 120,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbCoachPanel::focus-field:
   * @field: "title", "situation", "task", "action", "result" or "principles"
   *
   * The user activated a finding about @field.
   */
  signals[FOCUS_FIELD] = g_signal_new ("focus-field",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "coach.dismiss", "s", dismiss_action);
  gtk_widget_class_install_action (widget_class, "coach.restore", "s", restore_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-coach-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "coachpanel");
  gtk_widget_class_bind_template_child (widget_class, SbCoachPanel, all_good_box);
  gtk_widget_class_bind_template_child (widget_class, SbCoachPanel, dismissed_expander);
  gtk_widget_class_bind_template_child (widget_class, SbCoachPanel, dismissed_list);
  gtk_widget_class_bind_template_child (widget_class, SbCoachPanel, findings_list);
  gtk_widget_class_bind_template_child (widget_class, SbCoachPanel, target_spin);
  gtk_widget_class_bind_template_callback (widget_class, target_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_output_cb);
}

static void
sb_coach_panel_init (SbCoachPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  self->target_seconds = sb_coach_get_thresholds ()->default_target_seconds;

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "target-seconds", self, "target-seconds", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self, "target-seconds",
                          gtk_spin_button_get_adjustment (self->target_spin), "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  recheck (self);
}

GtkWidget *
sb_coach_panel_new (void)
{
  return g_object_new (SB_TYPE_COACH_PANEL, NULL);
}

void
sb_coach_panel_set_catalog (SbCoachPanel *self,
                            SbCatalog    *catalog)
{
  g_return_if_fail (SB_IS_COACH_PANEL (self));
  g_return_if_fail (catalog == NULL || SB_IS_CATALOG (catalog));

  if (g_set_object (&self->catalog, catalog))
    recheck (self);
}

/**
 * sb_coach_panel_get_story:
 *
 * Returns: (transfer none) (nullable): the story being coached
 */
SbStory *
sb_coach_panel_get_story (SbCoachPanel *self)
{
  g_return_val_if_fail (SB_IS_COACH_PANEL (self), NULL);
  return self->story;
}

void
sb_coach_panel_set_story (SbCoachPanel *self,
                          SbStory      *story)
{
  g_return_if_fail (SB_IS_COACH_PANEL (self));
  g_return_if_fail (story == NULL || SB_IS_STORY (story));

  if (self->story == story)
    return;

  if (self->story != NULL)
    g_signal_handlers_disconnect_by_data (self->story, self);
  g_set_object (&self->story, story);
  if (story != NULL)
    g_signal_connect_object (story, "changed", G_CALLBACK (story_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_expander_set_expanded (self->dismissed_expander, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), story != NULL);
  recheck (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

/**
 * sb_coach_panel_get_findings:
 *
 * Returns: (transfer none) (nullable) (element-type SbFinding): the
 * findings listed, in the order shown
 */
GPtrArray *
sb_coach_panel_get_findings (SbCoachPanel *self)
{
  g_return_val_if_fail (SB_IS_COACH_PANEL (self), NULL);
  return self->findings;
}

guint
sb_coach_panel_get_target_seconds (SbCoachPanel *self)
{
  g_return_val_if_fail (SB_IS_COACH_PANEL (self), 0);
  return self->target_seconds;
}

void
sb_coach_panel_set_target_seconds (SbCoachPanel *self,
                                   guint         target_seconds)
{
  g_return_if_fail (SB_IS_COACH_PANEL (self));

  if (self->target_seconds == target_seconds)
    return;

  self->target_seconds = target_seconds;
  recheck (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_SECONDS]);
}
