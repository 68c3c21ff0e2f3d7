/* sb-review-window.c: rehearse stories card by card, and see which
 * principles still lack a story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two views in one modal window: "Rehearse" (SbRehearsePage) and
 * "Coverage" (SbCoveragePage). The window holds the view switcher, its
 * size and the keys, and wires the pages together: a principle chosen in
 * the coverage is rehearsed on the other page, or written in the main
 * window.
 */

#define G_LOG_DOMAIN "sb-review-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-coverage-page.h"
#include "sb-rehearse-page.h"
#include "sb-review-window.h"

struct _SbReviewWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  SbCoveragePage *coverage_page;
  SbRehearsePage *rehearse_page;
  AdwViewStack   *view_stack;
};

G_DEFINE_FINAL_TYPE (SbReviewWindow, sb_review_window, ADW_TYPE_WINDOW)

static gboolean
rehearse_visible (SbReviewWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "rehearse") == 0;
}

static void
view_changed_cb (SbReviewWindow *self)
{
  g_assert (SB_IS_REVIEW_WINDOW (self));

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "coverage") == 0)
    sb_coverage_page_refresh (self->coverage_page); /* ratings may have changed since */
}

static void
rehearse_principle_cb (SbReviewWindow *self,
                       const char     *principle_id)
{
  g_assert (SB_IS_REVIEW_WINDOW (self));

  sb_rehearse_page_rehearse_principle (self->rehearse_page, principle_id);
  adw_view_stack_set_visible_child_name (self->view_stack, "rehearse");
}

/* Write the missing story in the main window. */
static void
write_story_cb (SbReviewWindow *self,
                const char     *principle_id)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  g_assert (SB_IS_REVIEW_WINDOW (self));

  if (parent == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.new-story-in", "s", principle_id);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SbReviewWindow        *self)
{
  g_assert (SB_IS_REVIEW_WINDOW (self));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  if (keyval == GDK_KEY_Escape)
    {
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    }

  if (!rehearse_visible (self))
    return FALSE;
  return sb_rehearse_page_handle_key (self->rehearse_page, keyval);
}

static gboolean
toggle_recording_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  SbReviewWindow *self = SB_REVIEW_WINDOW (widget);

  return rehearse_visible (self) && sb_rehearse_page_toggle_recording (self->rehearse_page);
}

/* Enter on the setup page starts at once, whatever has the focus, rather
 * than after the 250 ms a button takes to look pressed.
 */
static void
sb_review_window_activate_default (GtkWindow *window)
{
  SbReviewWindow *self = SB_REVIEW_WINDOW (window);

  if (rehearse_visible (self) && sb_rehearse_page_activate_default (self->rehearse_page))
    return;

  GTK_WINDOW_CLASS (sb_review_window_parent_class)->activate_default (window);
}

static void
sb_review_window_dispose (GObject *object)
{
  SbReviewWindow *self = (SbReviewWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_REVIEW_WINDOW);

  G_OBJECT_CLASS (sb_review_window_parent_class)->dispose (object);
}

static void
sb_review_window_class_init (SbReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_review_window_dispose;

  window_class->activate_default = sb_review_window_activate_default;

  g_type_ensure (SB_TYPE_COVERAGE_PAGE);
  g_type_ensure (SB_TYPE_REHEARSE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbReviewWindow, coverage_page);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWindow, rehearse_page);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWindow, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, rehearse_principle_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, write_story_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK, toggle_recording_cb, NULL);
}

static void
sb_review_window_init (SbReviewWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Capture, so Space reveals even while a button has the focus. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * sb_review_window_new:
 * @parent: (nullable): the main window; a gap in the coverage activates
 *   its `win.new-story-in` action
 * @principle_id: (nullable): the principle to rehearse first, e.g. the
 *   one selected in the sidebar
 *
 * Returns: (transfer full): a new modal review window
 */
SbReviewWindow *
sb_review_window_new (GtkWindow  *parent,
                      SbCatalog  *catalog,
                      SbLibrary  *library,
                      const char *principle_id)
{
  SbReviewWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);

  self = g_object_new (SB_TYPE_REVIEW_WINDOW, "transient-for", parent, NULL);
  if (parent != NULL)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (parent));
      int height = gtk_widget_get_height (GTK_WIDGET (parent));

      /* Never larger than the window it belongs to (a phone's screen). */
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), MIN (720, width), MIN (680, height));
    }
  sb_rehearse_page_set_model (self->rehearse_page, catalog, library, principle_id);
  sb_coverage_page_set_model (self->coverage_page, catalog, library);
  /* Start can be focused only now that there is something to rehearse:
   * Ctrl+R then Enter starts.
   */
  sb_rehearse_page_focus_start (self->rehearse_page);

  return self;
}

/**
 * sb_review_window_show_coverage:
 *
 * Switches to the Coverage view.
 */
void
sb_review_window_show_coverage (SbReviewWindow *self)
{
  g_return_if_fail (SB_IS_REVIEW_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "coverage");
}

/**
 * sb_review_window_get_session:
 *
 * Returns: (transfer none) (nullable): the rehearsal under way, if any
 */
SbReviewSession *
sb_review_window_get_session (SbReviewWindow *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_WINDOW (self), NULL);

  return sb_rehearse_page_get_session (self->rehearse_page);
}

/**
 * sb_review_window_get_visible_page:
 *
 * Returns: "setup", "card", "summary" or "empty" on the Rehearse view,
 *   "coverage" on the Coverage view
 */
const char *
sb_review_window_get_visible_page (SbReviewWindow *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_WINDOW (self), NULL);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "coverage") == 0)
    return "coverage";
  return sb_rehearse_page_get_visible_page (self->rehearse_page);
}

/**
 * sb_review_window_get_rehearse_page:
 *
 * Returns: (transfer none): the Rehearse view
 */
SbRehearsePage *
sb_review_window_get_rehearse_page (SbReviewWindow *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_WINDOW (self), NULL);

  return self->rehearse_page;
}

/**
 * sb_review_window_set_recordings:
 * @recordings: (nullable): where the answers heard in a rehearsal are kept
 */
void
sb_review_window_set_recordings (SbReviewWindow *self,
                                 SbRecordings   *recordings)
{
  g_return_if_fail (SB_IS_REVIEW_WINDOW (self));

  sb_rehearse_page_set_recordings (self->rehearse_page, recordings);
}
