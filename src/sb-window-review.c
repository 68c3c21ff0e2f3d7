/* sb-window-review.c: the window's Review and Coverage actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-review"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-review-window.h"
#include "sb-window-private.h"

static SbReviewWindow *
open_review (SbWindow *self)
{
  SbReviewWindow *review;

  review = sb_review_window_new (GTK_WINDOW (self), self->catalog, self->library,
                                 sb_principle_sidebar_get_principle_id (self->sidebar));
  sb_review_window_set_recordings (review, self->recordings);
  gtk_window_present (GTK_WINDOW (review));
  return review;
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  open_review (SB_WINDOW (widget));
}

static void
coverage_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  sb_review_window_show_coverage (open_review (SB_WINDOW (widget)));
}

/* A new story filed under a principle, titled with its first question. */
static void
new_story_in_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *principle_id = g_variant_get_string (param, NULL);
  SbPrinciple *principle = sb_catalog_lookup (self->catalog, principle_id);
  const char * const *questions;

  if (principle == NULL)
    return;

  sb_principle_sidebar_set_principle_id (self->sidebar, principle_id);
  questions = sb_principle_get_questions (principle);
  gtk_widget_activate_action (widget, "win.new-story-for-question", "s",
                              questions && questions[0] ? questions[0] : "");
}

void
_sb_window_review_class_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.coverage", NULL, coverage_action);
  gtk_widget_class_install_action (widget_class, "win.new-story-in", "s", new_story_in_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.review", NULL);
}
