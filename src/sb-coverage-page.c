/* sb-coverage-page.c: which principles of a framework have a story told
 * with confidence, and which stories serve too many
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every principle of the chosen framework with its stories and best
 * confidence, gaps marked. A principle with no story asks to write one
 * (the "write-story" signal), the others to be rehearsed
 * ("rehearse-principle"): the window that holds the page does either.
 */

#define G_LOG_DOMAIN "sb-coverage-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-combo-row-private.h"
#include "sb-coverage-page.h"
#include "sb-review.h"

struct _SbCoveragePage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwComboRow         *coverage_framework_row;
  AdwPreferencesGroup *coverage_group;
  GtkListBox          *coverage_list;
  AdwPreferencesGroup *over_used_group;
  GtkListBox          *over_used_list;

  /* Owned */
  SbCatalog           *catalog;
  SbLibrary           *library;
  SbCoverage          *coverage;
  GPtrArray           *framework_ids;
  guint                coverage_idle_id;
};

G_DEFINE_FINAL_TYPE (SbCoveragePage, sb_coverage_page, GTK_TYPE_WIDGET)

enum {
  REHEARSE_PRINCIPLE,
  WRITE_STORY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
rebuild_coverage (SbCoveragePage *self)
{
  const char *framework_id = _sb_combo_row_get_selected_id (self->coverage_framework_row, self->framework_ids);
  g_autofree char *description = NULL;
  guint n_covered = 0;

  g_clear_pointer (&self->coverage, sb_coverage_free);
  self->coverage = sb_coverage_compute (self->library, self->catalog, framework_id);

  clear_list (self->coverage_list);
  for (guint i = 0; i < self->coverage->rows->len; i++)
    {
      SbCoverageRow *cov = g_ptr_array_index (self->coverage->rows, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *subtitle = NULL;
      GtkWidget *icon = NULL;
      GtkWidget *suffix;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_principle_get_name (cov->principle));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row),
                                      cov->gap == SB_COVERAGE_GAP_NO_STORY ? "coverage.write-story"
                                                                           : "coverage.rehearse");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", sb_principle_get_id (cov->principle));

      switch (cov->gap)
        {
        case SB_COVERAGE_GAP_NO_STORY:
          subtitle = g_strdup (_("No story yet"));
          icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (row), "coverage-gap");
          suffix = gtk_label_new (_("Write One"));
          gtk_widget_add_css_class (suffix, "coverage-action");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), _("Start a new story for this principle"));
          break;

        case SB_COVERAGE_GAP_ONLY_WEAK:
          if (cov->best_confidence > 0)
            /* Translators: "2 stories · best confidence 2 of 5" */
            subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story · best confidence %d of 5",
                                                     "%u stories · best confidence %d of 5", cov->n_stories),
                                        cov->n_stories, cov->best_confidence);
          else
            subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story · not rehearsed yet",
                                                     "%u stories · not rehearsed yet", cov->n_stories),
                                        cov->n_stories);
          icon = gtk_image_new_from_icon_name ("emblem-important-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (row), "coverage-weak");
          suffix = gtk_label_new (_("Rehearse"));
          gtk_widget_add_css_class (suffix, "coverage-action");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), _("Rehearse the stories of this principle"));
          break;

        case SB_COVERAGE_GAP_NONE:
        default:
          n_covered++;
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story · best confidence %d of 5",
                                                   "%u stories · best confidence %d of 5", cov->n_stories),
                                      cov->n_stories, cov->best_confidence);
          icon = gtk_image_new_from_icon_name ("object-select-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (row), "coverage-ok");
          suffix = gtk_image_new_from_icon_name ("go-next-symbolic");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), _("Rehearse the stories of this principle"));
          break;
        }

      if (cov->n_over_used > 0)
        {
          g_autofree char *over = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u of them serves many principles",
                                                                "%u of them serve many principles",
                                                                cov->n_over_used), cov->n_over_used);
          g_autofree char *joined = g_strconcat (subtitle, " · ", over, NULL);

          g_free (subtitle);
          subtitle = g_steal_pointer (&joined);
        }

      adw_action_row_set_subtitle (row, subtitle);
      gtk_widget_add_css_class (icon, "coverage-icon");
      adw_action_row_add_prefix (row, icon);
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (row, suffix);
      gtk_list_box_append (self->coverage_list, GTK_WIDGET (row));
    }

  if (self->coverage->rows->len == 0)
    description = g_strdup (_("This framework has no principles."));
  else
    /* Translators: "9 of 16 principles have a story you tell with confidence" */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u of %u principle has a story you tell with confidence",
                                                "%u of %u principles have a story you tell with confidence",
                                                self->coverage->rows->len),
                                   n_covered, self->coverage->rows->len);
  adw_preferences_group_set_description (self->coverage_group, description);

  clear_list (self->over_used_list);
  for (guint i = 0; i < self->coverage->over_used->len; i++)
    {
      SbStory *story = g_ptr_array_index (self->coverage->over_used, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      guint n = g_strv_length ((char **) sb_story_get_principles (story));
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Filed under %u principle",
                                                                "Filed under %u principles", n), n);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      {
        g_autofree char *title = sb_story_dup_title_or_untitled (story);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      }
      adw_action_row_set_subtitle (row, subtitle);
      gtk_list_box_append (self->over_used_list, GTK_WIDGET (row));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->over_used_group), self->coverage->over_used->len > 0);
}

static void
coverage_idle_cb (gpointer data)
{
  SbCoveragePage *self = data;

  g_assert (SB_IS_COVERAGE_PAGE (self));

  self->coverage_idle_id = 0;
  rebuild_coverage (self);
}

static void
coverage_framework_cb (SbCoveragePage *self)
{
  g_assert (SB_IS_COVERAGE_PAGE (self));

  if (self->catalog != NULL)
    sb_coverage_page_refresh (self);
}

static void
rehearse_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  g_signal_emit (widget, signals[REHEARSE_PRINCIPLE], 0, g_variant_get_string (param, NULL));
}

static void
write_story_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_signal_emit (widget, signals[WRITE_STORY], 0, g_variant_get_string (param, NULL));
}

static void
sb_coverage_page_dispose (GObject *object)
{
  SbCoveragePage *self = (SbCoveragePage *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->coverage_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_COVERAGE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->coverage, sb_coverage_free);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_coverage_page_parent_class)->dispose (object);
}

static void
sb_coverage_page_finalize (GObject *object)
{
  SbCoveragePage *self = (SbCoveragePage *) object;

  g_clear_pointer (&self->framework_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_coverage_page_parent_class)->finalize (object);
}

static void
sb_coverage_page_class_init (SbCoveragePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_coverage_page_dispose;
  object_class->finalize = sb_coverage_page_finalize;

  /**
   * SbCoveragePage::rehearse-principle:
   * @principle_id: the principle whose stories to rehearse
   *
   * The user asks to rehearse the stories of a principle.
   */
  signals[REHEARSE_PRINCIPLE] = g_signal_new ("rehearse-principle",
                                              G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SbCoveragePage::write-story:
   * @principle_id: the principle that has no story yet
   *
   * The user asks to write a story for a principle that has none.
   */
  signals[WRITE_STORY] = g_signal_new ("write-story",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-coverage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, coverage_framework_row);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, coverage_group);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, coverage_list);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, over_used_group);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, over_used_list);
  gtk_widget_class_bind_template_callback (widget_class, coverage_framework_cb);

  gtk_widget_class_install_action (widget_class, "coverage.rehearse", "s", rehearse_action);
  gtk_widget_class_install_action (widget_class, "coverage.write-story", "s", write_story_action);
}

static void
sb_coverage_page_init (SbCoveragePage *self)
{
  self->framework_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_coverage_page_set_model:
 *
 * Shows the coverage of @library's stories; call it once. The page
 * starts with Amazon's principles, the framework most asked, and follows
 * the library's changes.
 */
void
sb_coverage_page_set_model (SbCoveragePage *self,
                            SbCatalog      *catalog,
                            SbLibrary      *library)
{
  g_return_if_fail (SB_IS_COVERAGE_PAGE (self));
  g_return_if_fail (SB_IS_CATALOG (catalog));
  g_return_if_fail (SB_IS_LIBRARY (library));
  g_return_if_fail (self->catalog == NULL);

  self->catalog = g_object_ref (catalog);
  self->library = g_object_ref (library);

  _sb_combo_row_set_frameworks (self->coverage_framework_row, catalog, self->framework_ids);
  _sb_combo_row_select_id (self->coverage_framework_row, self->framework_ids, "amazon");

  g_signal_connect_object (library, "items-changed", G_CALLBACK (sb_coverage_page_refresh), self,
                           G_CONNECT_SWAPPED);
  sb_coverage_page_refresh (self);
}

/**
 * sb_coverage_page_refresh:
 *
 * Counts again, soon: ratings may have changed since.
 */
void
sb_coverage_page_refresh (SbCoveragePage *self)
{
  g_return_if_fail (SB_IS_COVERAGE_PAGE (self));

  if (self->catalog != NULL && self->coverage_idle_id == 0)
    self->coverage_idle_id = g_idle_add_once (coverage_idle_cb, self);
}
