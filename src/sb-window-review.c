/* sb-window-review.c: the window's Review, Coverage and Cheat Sheet
 * actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-review"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-cli.h"
#include "sb-review-window.h"
#include "sb-window-private.h"

void
_sb_window_toast (SbWindow   *self,
                  const char *message)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static SbReviewWindow *
open_review (SbWindow *self)
{
  SbReviewWindow *review;

  review = sb_review_window_new (GTK_WINDOW (self), self->catalog, self->library,
                                 sb_principle_sidebar_get_principle_id (self->sidebar));
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

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    goto out;

  /* No extension: a PDF, named so. */
  basename = g_path_get_basename (path);
  if (strrchr (basename, '.') == NULL)
    {
      char *with_pdf = g_strconcat (path, ".pdf", NULL);

      g_free (path);
      path = with_pdf;
    }

  if (sb_cli_export_cheat_sheet (self->catalog, self->library, NULL, path, &error))
    message = g_strdup_printf (_("Cheat sheet saved to %s"), path);
  else
    message = g_strdup_printf (_("Could not save the cheat sheet: %s"), error->message);
  _sb_window_toast (self, message);

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_cheat_sheet_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export Cheat Sheet"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: the suggested file name of the cheat sheet */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Cheat Sheet.pdf"));

  gtk_file_filter_set_name (pdf, _("PDF Document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (text, _("Plain Text (name it .txt)"));
  gtk_file_filter_add_suffix (text, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), text);

  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_sb_window_review_class_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.coverage", NULL, coverage_action);
  gtk_widget_class_install_action (widget_class, "win.new-story-in", "s", new_story_in_action);
  gtk_widget_class_install_action (widget_class, "win.export-cheat-sheet", NULL, export_cheat_sheet_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.review", NULL);
}
