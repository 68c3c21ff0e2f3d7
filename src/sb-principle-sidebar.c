/* sb-principle-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-principle-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-principle-sidebar.h"
#include "sb-tooltip.h"

/* "All stories", the interviews (upcoming first, with their countdown;
 * past ones folded under a row of their own), then every principle
 * grouped under its framework, each with its count of stories; a
 * principle without a story shows as a gap.
 */
struct _SbPrincipleSidebar
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkListBox *list_box;
  GtkWidget  *scroller;

  /* Owned */
  SbCatalog  *catalog;
  SbLibrary  *library;
  char       *principle_id;
  char      **hidden_frameworks;
  GMenuModel *context_menu;
  GtkWidget  *context_popover;
  GListModel  *interviews;
  SbInterview *interview;
  guint       recount_source;
  guint       past_source;
  guint       rebuilding : 1;
  guint       show_past : 1;
};

G_DEFINE_FINAL_TYPE (SbPrincipleSidebar, sb_principle_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRINCIPLE_ID,
  PROP_INTERVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CONTEXT_MENU,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ROW_PRINCIPLE_KEY "sb-principle"
#define ROW_COUNT_KEY "sb-count-label"
#define ROW_INTERVIEW_KEY "sb-interview"
/* Rows of the interviews' section: an interview, the past ones' toggle,
 * New Interview.
 */
#define ROW_SECTION_KEY "sb-interviews-section"
#define INTERVIEWS_SECTION "\x01interviews"

static void
update_count_label (GtkWidget *label,
                    guint      count,
                    gboolean   can_be_gap)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (count == 0 && can_be_gap)
    {
      gtk_widget_add_css_class (label, "gap");
      sb_tooltip_set_text (label, _("No story yet"));
    }
  else
    {
      gtk_widget_remove_css_class (label, "gap");
      sb_tooltip_set_text (label, NULL);
    }
}

static void
update_row (SbPrincipleSidebar *self,
            GtkListBoxRow      *row)
{
  SbPrinciple *principle = g_object_get_data (G_OBJECT (row), ROW_PRINCIPLE_KEY);
  GtkWidget *count_label = g_object_get_data (G_OBJECT (row), ROW_COUNT_KEY);
  guint count;
  g_autofree char *accessible = NULL;
  const char *name;

  if (principle != NULL)
    {
      count = sb_library_count_principle (self->library, sb_principle_get_id (principle));
      name = sb_principle_get_name (principle);
    }
  else
    {
      count = g_list_model_get_n_items (G_LIST_MODEL (self->library));
      name = _("All Stories");
    }

  update_count_label (count_label, count, principle != NULL);
  if (principle != NULL && count == 0)
    gtk_widget_add_css_class (GTK_WIDGET (row), "gap");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "gap");

  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u story", "%s, %u stories", count), name, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
update_all_rows (SbPrincipleSidebar *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_object_get_data (G_OBJECT (child), ROW_COUNT_KEY))
      update_row (self, GTK_LIST_BOX_ROW (child));
}

/* The library counts every principle at once (sb_library_count_principles()),
 * and only after a change: the rows are updated when the window is idle.
 */
static gboolean
recount_cb (gpointer user_data)
{
  SbPrincipleSidebar *self = user_data;

  self->recount_source = 0;
  update_all_rows (self);
  return G_SOURCE_REMOVE;
}

static void
queue_recount (SbPrincipleSidebar *self)
{
  if (self->recount_source == 0)
    self->recount_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, recount_cb, self, NULL);
}

static GtkWidget *
make_row (SbPrincipleSidebar *self,
          SbPrinciple        *principle)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;
  GtkWidget *count;

  label = gtk_label_new (principle ? sb_principle_get_name (principle) : _("All Stories"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "name");
  if (principle != NULL)
    {
      /* Renamed in place: the row follows. */
      g_object_bind_property (principle, "name", label, "label", G_BINDING_DEFAULT);
      sb_tooltip_set_label (label);
    }
  gtk_box_append (GTK_BOX (box), label);

  count = gtk_label_new ("0");
  gtk_widget_add_css_class (count, "count");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), count);

  if (principle == NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("view-list-symbolic");
      gtk_box_prepend (GTK_BOX (box), icon);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (principle != NULL)
    g_object_set_data_full (G_OBJECT (row), ROW_PRINCIPLE_KEY, g_object_ref (principle), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_COUNT_KEY, count);

  return row;
}

static const char *
row_framework_id (GtkListBoxRow *row)
{
  SbPrinciple *principle = g_object_get_data (G_OBJECT (row), ROW_PRINCIPLE_KEY);

  if (g_object_get_data (G_OBJECT (row), ROW_SECTION_KEY) != NULL)
    return INTERVIEWS_SECTION;
  return principle ? sb_principle_get_framework_id (principle) : NULL;
}

static void rebuild (SbPrincipleSidebar *self);

static gboolean
past_toggled_cb (gpointer user_data)
{
  SbPrincipleSidebar *self = user_data;

  self->past_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Not at once: the row asking may be among those rebuilt. */
static void
queue_interviews_rebuild (SbPrincipleSidebar *self)
{
  if (self->past_source == 0)
    self->past_source = g_idle_add (past_toggled_cb, self);
}

static gboolean
is_past (SbInterview *interview)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Today's interview stays up with the upcoming ones. */
  return !sb_interview_is_upcoming (interview, now) && sb_interview_get_days_until (interview, now) != 0;
}

static void
interview_date_cb (SbInterview        *interview,
                   GParamSpec         *pspec,
                   SbPrincipleSidebar *self)
{
  /* The interview shown, moved to the past, stays in sight. */
  if (interview == self->interview && is_past (interview))
    self->show_past = TRUE;
  queue_interviews_rebuild (self);
}

static gboolean
is_interviews_row (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), ROW_SECTION_KEY) != NULL;
}

static void
update_interview_row (GtkListBoxRow *row)
{
  SbInterview *interview = g_object_get_data (G_OBJECT (row), ROW_INTERVIEW_KEY);
  GtkWidget *title = g_object_get_data (G_OBJECT (row), "sb-title-label");
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (row), "sb-subtitle-label");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = sb_interview_dup_display_title (interview);
  g_autofree char *when = NULL;
  g_autofree char *accessible = NULL;
  GDateTime *date = sb_interview_get_date (interview);

  gtk_label_set_text (GTK_LABEL (title), name[0] ? name : _("New Interview"));

  /* Upcoming: the countdown. Past: the date it was. */
  if (date == NULL)
    when = g_strdup (_("No date yet"));
  else if (!is_past (interview))
    when = sb_interview_dup_countdown (interview, now);
  else
    {
      /* Translators: a past interview's date in the sidebar, as in "3 Nov 2026" */
      when = g_date_time_format (date, _("%-d %b %Y"));
      g_strstrip (when);
    }
  gtk_label_set_text (GTK_LABEL (subtitle), when);

  accessible = g_strdup_printf ("%s, %s", gtk_label_get_text (GTK_LABEL (title)), when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
make_interview_row (SbPrincipleSidebar *self,
                    SbInterview        *interview,
                    gboolean            past)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  const char *icon_name = past ? "document-open-recent-symbolic" : "x-office-calendar-symbolic";
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "name");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "interview-row");
  if (past)
    gtk_widget_add_css_class (row, "past");

  g_object_set_data_full (G_OBJECT (row), ROW_INTERVIEW_KEY, g_object_ref (interview), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_SECTION_KEY, GINT_TO_POINTER (TRUE));
  g_object_set_data (G_OBJECT (row), "sb-title-label", title);
  g_object_set_data (G_OBJECT (row), "sb-subtitle-label", subtitle);
  update_interview_row (GTK_LIST_BOX_ROW (row));
  g_signal_connect_object (interview, "notify", G_CALLBACK (update_interview_row), row, G_CONNECT_SWAPPED);
  /* A new date may move it between the upcoming and the past ones. */
  g_signal_connect_object (interview, "notify::date", G_CALLBACK (interview_date_cb), self, 0);

  return row;
}

static GtkWidget *
make_section_row (const char *icon_name,
                  const char *label_text,
                  const char *action_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), ROW_SECTION_KEY, GINT_TO_POINTER (TRUE));
  g_object_set_data (G_OBJECT (row), "sb-label", label);
  if (action_name != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
  return row;
}

static void
append_interview_rows (SbPrincipleSidebar *self)
{
  GtkWidget *toggle;
  guint n_past = 0;
  guint n;

  if (self->interviews == NULL)
    return;

  n = g_list_model_get_n_items (self->interviews);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (self->interviews, i);

      if (!is_past (interview))
        gtk_list_box_append (self->list_box, make_interview_row (self, interview, FALSE));
      else
        n_past++;
    }

  if (n_past > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Past Interview", "%u Past Interviews",
                                                             n_past), n_past);
      GtkWidget *arrow;

      toggle = make_section_row ("document-open-recent-symbolic", label, NULL);
      arrow = gtk_image_new_from_icon_name (self->show_past ? "pan-down-symbolic" : "pan-end-symbolic");
      gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (toggle))), arrow);
      g_object_set_data (G_OBJECT (toggle), "sb-past-toggle", GINT_TO_POINTER (TRUE));
      gtk_widget_add_css_class (toggle, "past-toggle");
      gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_EXPANDED,
                                   (gboolean) self->show_past, -1);
      gtk_list_box_append (self->list_box, toggle);

      for (guint i = 0; i < n && self->show_past; i++)
        {
          g_autoptr(SbInterview) interview = g_list_model_get_item (self->interviews, i);

          if (is_past (interview))
            gtk_list_box_append (self->list_box, make_interview_row (self, interview, TRUE));
        }
    }

  gtk_list_box_append (self->list_box,
                       make_section_row ("list-add-symbolic", n == 0 ? _("Plan an Interview…") : _("New Interview"),
                                         "win.new-interview"));
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  SbPrincipleSidebar *self = user_data;
  const char *framework_id = row_framework_id (row);
  SbFramework *framework;
  GtkWidget *header;

  if (framework_id == NULL ||
      (before != NULL && g_strcmp0 (framework_id, row_framework_id (before)) == 0))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  framework = sb_catalog_lookup_framework (self->catalog, framework_id);
  if (g_str_equal (framework_id, INTERVIEWS_SECTION))
    header = gtk_label_new (_("Interviews"));
  else
    header = gtk_label_new (framework ? sb_framework_get_name (framework) : framework_id);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "sidebar-heading");
  gtk_list_box_row_set_header (row, header);
}

static void
select_current (SbPrincipleSidebar *self)
{
  GtkListBoxRow *first = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SbPrinciple *principle;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;
      if (is_interviews_row (child))
        {
          if (self->interview != NULL &&
              g_object_get_data (G_OBJECT (child), ROW_INTERVIEW_KEY) == self->interview)
            {
              gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
              return;
            }
          continue;
        }
      if (first == NULL)
        first = GTK_LIST_BOX_ROW (child);
      if (self->interview != NULL)
        continue;

      principle = g_object_get_data (G_OBJECT (child), ROW_PRINCIPLE_KEY);
      if ((principle == NULL && self->principle_id == NULL) ||
          (principle != NULL && g_strcmp0 (sb_principle_get_id (principle), self->principle_id) == 0))
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          return;
        }
    }

  /* The principle is gone (deleted, or its framework hidden), or the
   * interview's row is folded away.
   */
  if (self->interview != NULL)
    gtk_list_box_unselect_all (self->list_box);
  else if (first != NULL)
    gtk_list_box_select_row (self->list_box, first);
}

static void
rebuild (SbPrincipleSidebar *self)
{
  GListModel *principles;
  GtkListBoxRow *row;
  guint n;

  self->rebuilding = TRUE;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)))
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));

  gtk_list_box_append (self->list_box, make_row (self, NULL));
  append_interview_rows (self);

  principles = sb_catalog_get_principles (self->catalog);
  n = g_list_model_get_n_items (principles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);

      if (self->hidden_frameworks != NULL &&
          g_strv_contains ((const char * const *) self->hidden_frameworks,
                           sb_principle_get_framework_id (principle)))
        continue;

      gtk_list_box_append (self->list_box, make_row (self, principle));
    }

  recount_cb (self);
  select_current (self);
  self->rebuilding = FALSE;
}

static void
row_selected_cb (SbPrincipleSidebar *self,
                 GtkListBoxRow      *row)
{
  SbPrinciple *principle;

  if (row == NULL || self->rebuilding)
    return;

  if (is_interviews_row (GTK_WIDGET (row)))
    {
      SbInterview *interview = g_object_get_data (G_OBJECT (row), ROW_INTERVIEW_KEY);

      if (interview != NULL)
        sb_principle_sidebar_set_interview (self, interview);
      return;
    }

  principle = g_object_get_data (G_OBJECT (row), ROW_PRINCIPLE_KEY);
  /* Back from an interview to the same principle still says so. */
  if (self->interview != NULL)
    {
      g_clear_object (&self->interview);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
    }
  sb_principle_sidebar_set_principle_id (self, principle ? sb_principle_get_id (principle) : NULL);
}

static void
row_activated_cb (SbPrincipleSidebar *self,
                  GtkListBoxRow      *row)
{
  if (g_object_get_data (G_OBJECT (row), "sb-past-toggle") == NULL)
    return;
  self->show_past = !self->show_past;
  queue_interviews_rebuild (self);
}

static gboolean
popup_context_menu (SbPrincipleSidebar *self,
                    GtkListBoxRow      *row,
                    double              x,
                    double              y)
{
  SbPrinciple *principle;
  graphene_point_t point;

  if (self->context_menu == NULL || row == NULL)
    return FALSE;
  principle = g_object_get_data (G_OBJECT (row), ROW_PRINCIPLE_KEY);
  if (principle == NULL)
    return FALSE;

  /* Not selected: in a narrow window that would move on to the list. */
  g_signal_emit (self, signals[CONTEXT_MENU], 0, sb_principle_get_id (principle));

  if (x < 0 || y < 0)
    {
      /* From the keyboard: below the row's name. */
      if (!gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self),
                                     &GRAPHENE_POINT_INIT (24, gtk_widget_get_height (GTK_WIDGET (row))),
                                     &point))
        return FALSE;
      x = point.x;
      y = point.y;
    }

  /* Built when first needed, as most sessions never open it. */
  if (self->context_popover == NULL)
    {
      self->context_popover = gtk_popover_menu_new_from_model (self->context_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), FALSE);
      gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
  return TRUE;
}

static void
secondary_click_cb (GtkGestureClick    *gesture,
                    int                 n_press,
                    double              x,
                    double              y,
                    SbPrincipleSidebar *self)
{
  graphene_point_t in_list;
  GtkListBoxRow *row;

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->list_box),
                                 &GRAPHENE_POINT_INIT (x, y), &in_list))
    return;
  row = gtk_list_box_get_row_at_y (self->list_box, (int) in_list.y);
  if (popup_context_menu (self, row, x, y) && gesture != NULL)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
long_press_cb (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               SbPrincipleSidebar  *self)
{
  secondary_click_cb (NULL, 1, x, y, self);
}

static void
popup_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SbPrincipleSidebar *self = SB_PRINCIPLE_SIDEBAR (widget);

  popup_context_menu (self, gtk_list_box_get_selected_row (self->list_box), -1, -1);
}

static void
sb_principle_sidebar_dispose (GObject *object)
{
  SbPrincipleSidebar *self = (SbPrincipleSidebar *)object;

  g_clear_pointer (&self->context_popover, gtk_widget_unparent);
  g_clear_object (&self->context_menu);
  g_clear_handle_id (&self->recount_source, g_source_remove);
  g_clear_handle_id (&self->past_source, g_source_remove);
  if (self->list_box != NULL)
    gtk_list_box_set_header_func (self->list_box, NULL, NULL, NULL);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  /* The header function still looks frameworks up meanwhile. */
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PRINCIPLE_SIDEBAR);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  if (self->interviews != NULL)
    g_signal_handlers_disconnect_by_data (self->interviews, self);
  g_clear_object (&self->interviews);
  g_clear_object (&self->interview);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_principle_sidebar_parent_class)->dispose (object);
}

static void
sb_principle_sidebar_finalize (GObject *object)
{
  SbPrincipleSidebar *self = (SbPrincipleSidebar *)object;

  g_clear_pointer (&self->principle_id, g_free);
  g_clear_pointer (&self->hidden_frameworks, g_strfreev);

  G_OBJECT_CLASS (sb_principle_sidebar_parent_class)->finalize (object);
}

static void
sb_principle_sidebar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SbPrincipleSidebar *self = SB_PRINCIPLE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE_ID:
      g_value_set_string (value, self->principle_id);
      break;
    case PROP_INTERVIEW:
      g_value_set_object (value, self->interview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_principle_sidebar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SbPrincipleSidebar *self = SB_PRINCIPLE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE_ID:
      sb_principle_sidebar_set_principle_id (self, g_value_get_string (value));
      break;
    case PROP_INTERVIEW:
      sb_principle_sidebar_set_interview (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_principle_sidebar_class_init (SbPrincipleSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_principle_sidebar_dispose;
  object_class->finalize = sb_principle_sidebar_finalize;
  object_class->get_property = sb_principle_sidebar_get_property;
  object_class->set_property = sb_principle_sidebar_set_property;

  /**
   * SbPrincipleSidebar:principle-id:
   *
   * The selected principle, or %NULL for all stories.
   */
  properties[PROP_PRINCIPLE_ID] =
    g_param_spec_string ("principle-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbPrincipleSidebar:interview:
   *
   * The selected interview, or %NULL when a principle's row is selected.
   */
  properties[PROP_INTERVIEW] =
    g_param_spec_object ("interview", NULL, NULL, SB_TYPE_INTERVIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbPrincipleSidebar::context-menu:
   * @principle_id: the principle whose row asked for it
   *
   * Emitted just before the context menu pops up for a principle's row,
   * to fill the menu for it.
   */
  signals[CONTEXT_MENU] = g_signal_new ("context-menu",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-principle-sidebar.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "principlesidebar");
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleSidebar, list_box);
  gtk_widget_class_bind_template_child (widget_class, SbPrincipleSidebar, scroller);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_install_action (widget_class, "sidebar.popup-menu", NULL, popup_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "sidebar.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "sidebar.popup-menu", NULL);
}

static void
sb_principle_sidebar_init (SbPrincipleSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, header_func, self, NULL);

  {
    GtkGesture *click = gtk_gesture_click_new ();
    GtkGesture *long_press = gtk_gesture_long_press_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (secondary_click_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
    gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
    g_signal_connect (long_press, "pressed", G_CALLBACK (long_press_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
  }
}

void
sb_principle_sidebar_set_model (SbPrincipleSidebar *self,
                                SbCatalog          *catalog,
                                SbLibrary          *library)
{
  g_return_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self));
  g_return_if_fail (SB_IS_CATALOG (catalog));
  g_return_if_fail (SB_IS_LIBRARY (library));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->library, library);

  g_signal_connect_object (sb_catalog_get_principles (catalog), "items-changed",
                           G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "items-changed",
                           G_CALLBACK (queue_recount), self, G_CONNECT_SWAPPED);
  /* A renamed framework shows in its heading. */
  g_signal_connect_object (catalog, "changed",
                           G_CALLBACK (gtk_list_box_invalidate_headers), self->list_box, G_CONNECT_SWAPPED);
  /* Only filing counts: typing in a story must not recount the library. */
  g_signal_connect_object (library, "story-changed::principles",
                           G_CALLBACK (queue_recount), self, G_CONNECT_SWAPPED);

  rebuild (self);
}

const char *
sb_principle_sidebar_get_principle_id (SbPrincipleSidebar *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self), NULL);
  return self->principle_id;
}

void
sb_principle_sidebar_set_principle_id (SbPrincipleSidebar *self,
                                       const char         *principle_id)
{
  g_return_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self));

  if (principle_id != NULL && principle_id[0] == '\0')
    principle_id = NULL;
  if (g_strcmp0 (self->principle_id, principle_id) == 0)
    return;

  g_free (self->principle_id);
  self->principle_id = g_strdup (principle_id);

  if (self->catalog != NULL && !self->rebuilding)
    {
      self->rebuilding = TRUE;
      select_current (self);
      self->rebuilding = FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINCIPLE_ID]);
}

guint
sb_principle_sidebar_get_count (SbPrincipleSidebar *self,
                                const char         *principle_id)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self), 0);

  if (self->recount_source != 0)
    {
      g_clear_handle_id (&self->recount_source, g_source_remove);
      recount_cb (self);
    }
  if (self->library == NULL)
    return 0;
  if (principle_id == NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (self->library));
  return sb_library_count_principle (self->library, principle_id);
}

void
sb_principle_sidebar_set_hidden_frameworks (SbPrincipleSidebar *self,
                                            const char * const *framework_ids)
{
  g_return_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self));

  g_strfreev (self->hidden_frameworks);
  self->hidden_frameworks = g_strdupv ((char **) framework_ids);
  if (self->catalog != NULL)
    rebuild (self);
}

/**
 * sb_principle_sidebar_set_context_menu:
 * @menu: (nullable): the menu a principle's row pops up (right click, long
 *   press, Shift+F10 or Menu), filled on ::context-menu
 */
void
sb_principle_sidebar_set_context_menu (SbPrincipleSidebar *self,
                                       GMenuModel         *menu)
{
  g_return_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self));

  g_return_if_fail (menu == NULL || G_IS_MENU_MODEL (menu));

  g_clear_pointer (&self->context_popover, gtk_widget_unparent);
  g_set_object (&self->context_menu, menu);
}

/**
 * sb_principle_sidebar_shows_principle:
 *
 * Returns: whether the principle has a row (it exists and its framework
 * is not hidden)
 */
gboolean
sb_principle_sidebar_shows_principle (SbPrincipleSidebar *self,
                                      const char         *principle_id)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SbPrinciple *principle = GTK_IS_LIST_BOX_ROW (child) ? g_object_get_data (G_OBJECT (child), ROW_PRINCIPLE_KEY) : NULL;

      if (principle != NULL && g_strcmp0 (sb_principle_get_id (principle), principle_id) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * sb_principle_sidebar_set_interviews:
 * @interviews: (nullable): the library's interviews (SbInterview), in the
 *   sidebar's order
 */
void
sb_principle_sidebar_set_interviews (SbPrincipleSidebar *self,
                                     GListModel         *interviews)
{
  g_return_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self));
  g_return_if_fail (interviews == NULL || G_IS_LIST_MODEL (interviews));

  if (self->interviews != NULL)
    g_signal_handlers_disconnect_by_data (self->interviews, self);
  g_set_object (&self->interviews, interviews);
  if (interviews != NULL)
    g_signal_connect_object (interviews, "items-changed", G_CALLBACK (sb_principle_sidebar_refresh_interviews),
                             self, G_CONNECT_SWAPPED);
  if (self->catalog != NULL)
    rebuild (self);
}

/**
 * sb_principle_sidebar_refresh_interviews:
 *
 * Builds the interviews' rows again: the list changed, or the day did
 * (an interview moves to the past ones).
 */
void
sb_principle_sidebar_refresh_interviews (SbPrincipleSidebar *self)
{
  g_return_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self));

  /* An interview deleted while shown: back to the stories. */
  if (self->interview != NULL && self->interviews != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; !found && i < g_list_model_get_n_items (self->interviews); i++)
        {
          g_autoptr(SbInterview) interview = g_list_model_get_item (self->interviews, i);

          found = interview == self->interview;
        }
      if (!found)
        {
          g_clear_object (&self->interview);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
        }
    }

  if (self->catalog != NULL)
    rebuild (self);
}

/**
 * sb_principle_sidebar_get_interview:
 *
 * Returns: (nullable) (transfer none): the selected interview
 */
SbInterview *
sb_principle_sidebar_get_interview (SbPrincipleSidebar *self)
{
  g_return_val_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self), NULL);
  return self->interview;
}

/**
 * sb_principle_sidebar_set_interview:
 * @interview: (nullable): the interview to select; %NULL selects the
 *   principle again
 */
void
sb_principle_sidebar_set_interview (SbPrincipleSidebar *self,
                                    SbInterview        *interview)
{
  g_return_if_fail (SB_IS_PRINCIPLE_SIDEBAR (self));
  g_return_if_fail (interview == NULL || SB_IS_INTERVIEW (interview));

  if (self->interview == interview)
    return;

  g_set_object (&self->interview, interview);

  /* A past interview's row shows, so that it can be selected. */
  if (interview != NULL && !self->show_past && is_past (interview))
    {
      self->show_past = TRUE;
      if (self->catalog != NULL)
        rebuild (self);
    }

  if (self->catalog != NULL && !self->rebuilding)
    {
      self->rebuilding = TRUE;
      select_current (self);
      self->rebuilding = FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}
