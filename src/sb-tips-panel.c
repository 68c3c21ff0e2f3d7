/* sb-tips-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-tips-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-tips-panel.h"

/* Beside the story: the principle in view, its definition, focus areas,
 * interview tips and sample questions, the user's own words first.
 */
struct _SbTipsPanel
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkBox      *content;
  GtkWidget   *empty_box;
  GtkBox      *extra_box;

  /* Owned */
  SbCatalog   *catalog;
  SbPrinciple *principle;
  /* A page for each principle shown so far (SbPrinciple to its GtkBox in
   * @content, the one in view visible): going back to a principle, as
   * opening its stories one after another does, shows its page as it was
   * measured instead of making and measuring every label again. All are
   * made again after a change to the catalog (forget_pages()).
   */
  GHashTable  *pages;
  /* A page to make once the frame being drawn is painted (see
   * sb_tips_panel_set_principle()).
   */
  GdkFrameClock *waiting_clock;
  guint          show_source;
};

G_DEFINE_FINAL_TYPE (SbTipsPanel, sb_tips_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRINCIPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  return label;
}

static void
add_heading (GtkBox     *box,
             const char *text)
{
  GtkWidget *label = add_label (box, text, "heading");

  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "tips-heading");
}

static void
add_bullets (GtkBox             *box,
             const char * const *items,
             const char         *bullet)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *mark = gtk_label_new (bullet);
      GtkWidget *label;

      gtk_widget_set_valign (mark, GTK_ALIGN_START);
      gtk_widget_add_css_class (mark, "dim-label");
      gtk_box_append (GTK_BOX (row), mark);
      label = add_label (GTK_BOX (row), items[i], NULL);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (box, row);
    }
}

static void
add_focus_areas (GtkBox             *box,
                 const char         *heading,
                 const char * const *names,
                 const char * const *descriptions)
{
  add_heading (box, heading && heading[0] ? heading : _("Focus Areas"));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_markup_escape_text (names[i], -1);
      g_autofree char *description = g_markup_escape_text (descriptions[i], -1);
      g_autofree char *markup = g_strdup_printf ("<b>%s</b>\n%s", name, description);
      GtkWidget *label = add_label (box, NULL, "focus-area");

      gtk_label_set_markup (GTK_LABEL (label), markup);
    }
}

static GtkWidget *
build_page (SbTipsPanel *self,
            SbPrinciple *p)
{
  GtkBox *page = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  GtkWidget *label;
  SbFramework *framework;
  const char *user_definition;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) descriptions = NULL;

  framework = self->catalog ? sb_catalog_lookup_framework (self->catalog, sb_principle_get_framework_id (p)) : NULL;
  if (framework != NULL)
    add_label (page, sb_framework_get_name (framework), "caption-heading");
  label = add_label (page, sb_principle_get_name (p), "title-3");
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);

  user_definition = sb_principle_get_user_definition (p);
  if (user_definition[0] != '\0')
    {
      add_heading (page, _("Your Definition"));
      add_label (page, user_definition, "definition");
    }
  if (sb_principle_get_definition (p)[0] != '\0')
    {
      add_heading (page, _("Definition"));
      add_label (page, sb_principle_get_definition (p), "definition");
    }

  if (sb_principle_get_user_focus_names (p)[0] != NULL)
    add_focus_areas (page, sb_principle_get_user_focus_heading (p),
                     sb_principle_get_user_focus_names (p),
                     sb_principle_get_user_focus_descriptions (p));

  names = g_ptr_array_new ();
  descriptions = g_ptr_array_new ();
  for (guint i = 0; i < sb_principle_get_n_focus_areas (p); i++)
    {
      const char *name, *description;

      sb_principle_get_focus_area (p, i, &name, &description);
      g_ptr_array_add (names, (gpointer) name);
      g_ptr_array_add (descriptions, (gpointer) description);
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (descriptions, NULL);
  if (names->len > 1 &&
      (sb_principle_get_user_focus_names (p)[0] == NULL ||
       g_strcmp0 (sb_principle_get_user_focus_heading (p), sb_principle_get_focus_heading (p)) != 0))
    add_focus_areas (page, sb_principle_get_focus_heading (p),
                     (const char * const *) names->pdata,
                     (const char * const *) descriptions->pdata);

  if (sb_principle_get_user_tips (p)[0] != NULL)
    {
      add_heading (page, _("Your Interview Tips"));
      add_bullets (page, sb_principle_get_user_tips (p), "•");
    }
  if (sb_principle_get_tips (p)[0] != NULL)
    {
      add_heading (page, _("Interview Tips"));
      add_bullets (page, sb_principle_get_tips (p), "•");
    }

  if (sb_principle_get_questions (p)[0] != NULL)
    {
      add_heading (page, _("Sample Questions"));
      add_bullets (page, sb_principle_get_questions (p), "?");
    }

  if (sb_principle_get_notes (p)[0] != '\0')
    {
      add_heading (page, _("Your Notes"));
      add_label (page, sb_principle_get_notes (p), NULL);
    }

  return GTK_WIDGET (page);
}

/* Shows the page of the principle in view, made if it is not yet. */
static void
show_page (SbTipsPanel *self)
{
  SbPrinciple *p = self->principle;
  GtkWidget *page = p != NULL ? g_hash_table_lookup (self->pages, p) : NULL;

  if (p != NULL && page == NULL)
    {
      page = build_page (self, p);
      gtk_box_append (self->content, page);
      g_hash_table_insert (self->pages, g_object_ref (p), page);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->content));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, child == page);
  gtk_widget_set_visible (GTK_WIDGET (self->content), p != NULL);
  gtk_widget_set_visible (self->empty_box, p == NULL);
}

/* Every page again, after any change to the catalog: the catalog tells of
 * each change to one of its principles, and a framework's name is on each
 * of its principles' pages.
 */
static void
forget_pages (SbTipsPanel *self)
{
  GHashTableIter iter;
  gpointer page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    gtk_box_remove (self->content, page);
  g_hash_table_remove_all (self->pages);
  show_page (self);
}

static void
stop_waiting (SbTipsPanel *self)
{
  if (self->waiting_clock != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->waiting_clock, self);
      g_clear_object (&self->waiting_clock);
    }
  g_clear_handle_id (&self->show_source, g_source_remove);
}

static gboolean
show_page_cb (gpointer user_data)
{
  SbTipsPanel *self = user_data;

  self->show_source = 0;
  show_page (self);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                SbTipsPanel   *self)
{
  stop_waiting (self);
  /* Once the painting is done with. */
  self->show_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_page_cb, self, NULL);
}

static void
show_page_after_paint (SbTipsPanel *self)
{
  if (self->waiting_clock != NULL || self->show_source != 0)
    return;
  self->waiting_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  g_signal_connect (self->waiting_clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sb_tips_panel_unmap (GtkWidget *widget)
{
  SbTipsPanel *self = SB_TIPS_PANEL (widget);

  GTK_WIDGET_CLASS (sb_tips_panel_parent_class)->unmap (widget);

  /* No frame to wait for: the page is there when the panel shows again. */
  if (self->waiting_clock != NULL || self->show_source != 0)
    {
      stop_waiting (self);
      show_page (self);
    }
}

static void
sb_tips_panel_dispose (GObject *object)
{
  SbTipsPanel *self = (SbTipsPanel *)object;

  stop_waiting (self);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->principle);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, forget_pages, self);
  g_clear_object (&self->catalog);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_TIPS_PANEL);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (sb_tips_panel_parent_class)->dispose (object);
}

static void
sb_tips_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbTipsPanel *self = SB_TIPS_PANEL (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE:
      g_value_set_object (value, self->principle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_tips_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbTipsPanel *self = SB_TIPS_PANEL (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE:
      sb_tips_panel_set_principle (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_tips_panel_class_init (SbTipsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_tips_panel_dispose;
  object_class->get_property = sb_tips_panel_get_property;
  object_class->set_property = sb_tips_panel_set_property;
  widget_class->unmap = sb_tips_panel_unmap;

  properties[PROP_PRINCIPLE] =
    g_param_spec_object ("principle", NULL, NULL, SB_TYPE_PRINCIPLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-tips-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tipspanel");
  gtk_widget_class_bind_template_child (widget_class, SbTipsPanel, content);
  gtk_widget_class_bind_template_child (widget_class, SbTipsPanel, empty_box);
  gtk_widget_class_bind_template_child (widget_class, SbTipsPanel, extra_box);
}

static void
sb_tips_panel_init (SbTipsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  show_page (self);
}

void
sb_tips_panel_set_catalog (SbTipsPanel *self,
                           SbCatalog   *catalog)
{
  g_return_if_fail (SB_IS_TIPS_PANEL (self));

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, forget_pages, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "changed", G_CALLBACK (forget_pages), self, G_CONNECT_SWAPPED);
  forget_pages (self);
}

/**
 * sb_tips_panel_get_principle:
 *
 * Returns: (transfer none) (nullable): the principle in view
 */
SbPrinciple *
sb_tips_panel_get_principle (SbTipsPanel *self)
{
  g_return_val_if_fail (SB_IS_TIPS_PANEL (self), NULL);
  return self->principle;
}

void
sb_tips_panel_set_principle (SbTipsPanel *self,
                             SbPrinciple *principle)
{
  g_return_if_fail (SB_IS_TIPS_PANEL (self));

  if (self->principle == principle)
    return;

  g_set_object (&self->principle, principle);

  /* A page made for the first time is made and measured after the frame
   * this change is drawn in: the list or the story beside shows first,
   * each in a frame of its own rather than one long one. A page made
   * before, or none, shows at once.
   */
  if (principle != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      !g_hash_table_contains (self->pages, principle))
    show_page_after_paint (self);
  else
    {
      stop_waiting (self);
      show_page (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINCIPLE]);
}

/**
 * sb_tips_panel_get_extra_box:
 *
 * Returns: (transfer none): a box below the principle's text, for the
 * story coach
 */
GtkBox *
sb_tips_panel_get_extra_box (SbTipsPanel *self)
{
  g_return_val_if_fail (SB_IS_TIPS_PANEL (self), NULL);
  return self->extra_box;
}
