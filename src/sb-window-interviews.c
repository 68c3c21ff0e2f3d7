/* sb-window-interviews.c: the window's interviews: the page, its actions,
 * and what they change elsewhere (deleting a story, a story's history)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-interviews"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-export-file.h"
#include "sb-interview-page.h"
#include "sb-menu-button.h"
#include "sb-plan.h"
#include "sb-review-window.h"
#include "sb-window-private.h"

/* The page is made when the first interview opens, as the editor is. */
static SbInterviewPage *
ensure_interview_page (SbWindow *self)
{
  if (self->interview_page != NULL)
    return self->interview_page;

  self->interview_page = SB_INTERVIEW_PAGE (sb_interview_page_new ());
  sb_interview_page_set_model (self->interview_page, self->catalog, self->library);
  gtk_stack_add_named (self->editor_stack, GTK_WIDGET (self->interview_page), "interview");
  _sb_window_interviews_update_sensitive (self);
  return self->interview_page;
}

void
_sb_window_interviews_update_sensitive (SbWindow *self)
{
  if (self->interview_page != NULL && self->store != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->interview_page), !sb_store_get_read_only (self->store));
}

/**
 * _sb_window_get_interview:
 *
 * Returns: (nullable) (transfer none): the interview shown in the
 *   content area
 */
SbInterview *
_sb_window_get_interview (SbWindow *self)
{
  return sb_principle_sidebar_get_interview (self->sidebar);
}

static void
set_story_menu (SbWindow   *self,
                const char *menu_id)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (self), SB_TYPE_WINDOW, "story_menu_button");
  GObject *menu = gtk_widget_get_template_child (GTK_WIDGET (self), SB_TYPE_WINDOW, menu_id);

  sb_menu_button_set_menu_model_later (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), g_str_equal (menu_id, "interview_menu") ? _("Interview Menu")
                                                                                            : _("Story Menu"));
}

/* The sidebar selected an interview, or went back to the stories. */
static void
sidebar_interview_cb (SbWindow *self)
{
  SbInterview *interview = _sb_window_get_interview (self);
  SbStory *story = _sb_window_get_story (self);

  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_func (self->interview, _sb_window_update_titles, self);
  g_set_object (&self->interview, interview);
  if (interview != NULL)
    g_signal_connect_object (interview, "notify", G_CALLBACK (_sb_window_update_titles), self, G_CONNECT_SWAPPED);

  if (interview != NULL)
    {
      /* The story closes, so that choosing it again in the list opens it. */
      if (story != NULL)
        _sb_window_open_story (self, NULL, FALSE);
      sb_interview_page_set_interview (ensure_interview_page (self), interview);
      gtk_stack_set_visible_child_name (self->editor_stack, "interview");
      set_story_menu (self, "interview_menu");
      _sb_window_show_pane (self, "editor");
    }
  else
    {
      if (self->interview_page != NULL)
        sb_interview_page_set_interview (self->interview_page, NULL);
      gtk_stack_set_visible_child_name (self->editor_stack, story ? "editor" : "empty");
      set_story_menu (self, "story_menu");
    }

  _sb_window_update_titles (self);
  _sb_window_update_actions (self);
}

/* Actions ------------------------------------------------------------------ */

static void
new_interview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(SbInterview) interview = sb_interview_new ("", "", NULL);

  sb_library_add_interview (self->library, interview);
  sb_principle_sidebar_set_interview (self->sidebar, interview);
  gtk_widget_grab_focus (GTK_WIDGET (ensure_interview_page (self)));
}

static void
delete_interview_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              SbWindow         *self)
{
  SbInterview *interview = g_object_get_data (G_OBJECT (dialog), "sb-interview");

  if (!g_str_equal (response, "delete") || interview == NULL)
    return;

  sb_library_remove_interview (self->library, interview);
  if (_sb_window_get_interview (self) == interview)
    sb_principle_sidebar_set_interview (self->sidebar, NULL);
}

static void
delete_interview_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbInterview *interview = _sb_window_get_interview (self);
  g_autofree char *title = NULL;
  GtkWidget *dialog;

  if (interview == NULL)
    return;

  title = sb_interview_dup_display_title (interview);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Interview?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s”, its rounds, its plan and what you logged after it are deleted. "
                                    "Your stories stay."),
                                  title[0] ? title : _("New Interview"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sb-interview", g_object_ref (interview), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_interview_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _sb_window_export_plan_to:
 *
 * Writes the plan of the interview shown to @path: PDF, Markdown (.md)
 * or text (.txt), by its extension.
 */
gboolean
_sb_window_export_plan_to (SbWindow    *self,
                           const char  *path,
                           GError     **error)
{
  SbInterview *interview = _sb_window_get_interview (self);
  g_autoptr(SbPlan) plan = NULL;
  SbExportFormat format = SB_EXPORT_FORMAT_PDF;

  g_return_val_if_fail (interview != NULL, FALSE);

  if (g_str_has_suffix (path, ".md") || g_str_has_suffix (path, ".markdown"))
    format = SB_EXPORT_FORMAT_MARKDOWN;
  else if (g_str_has_suffix (path, ".txt"))
    format = SB_EXPORT_FORMAT_TEXT;

  plan = sb_plan_compute (interview, self->library, self->catalog);
  return sb_export_plan_to_file (plan, format, path, error);
}

static void
export_plan_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         gpointer         user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT || _sb_window_get_interview (self) == NULL)
    goto out;

  path = _sb_window_dup_chosen_pdf_path (dialog);
  if (path == NULL)
    goto out;

  if (_sb_window_export_plan_to (self, path, &error))
    message = g_strdup_printf (_("Plan saved to %s"), path);
  else
    message = g_strdup_printf (_("Could not save the plan: %s"), error->message);
  _sb_window_toast (self, message);

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbInterview *interview = _sb_window_get_interview (self);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  const char *company;
  g_autofree char *name = NULL;

  if (interview == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Plan"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  company = sb_interview_get_company (interview);
  /* Translators: the suggested file name of an interview's plan; %s is the company */
  name = company[0] ? g_strdup_printf (_("%s Plan.pdf"), company) : g_strdup (_("Interview Plan.pdf"));
  g_strdelimit (name, G_DIR_SEPARATOR_S, '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  gtk_file_filter_set_name (pdf, _("PDF Document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (markdown, _("Markdown (name it .md)"));
  gtk_file_filter_add_suffix (markdown, "md");
  gtk_file_filter_set_name (text, _("Plain Text (name it .txt)"));
  gtk_file_filter_add_suffix (text, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), markdown);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), text);

  g_signal_connect (dialog, "response", G_CALLBACK (export_plan_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The rehearsal window, on the planned stories due today. */
static void
rehearse_due_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbReviewWindow *review;

  review = sb_review_window_new (GTK_WINDOW (self), self->catalog, self->library, NULL);
  sb_rehearse_page_rehearse_due (sb_review_window_get_rehearse_page (review));
  gtk_window_present (GTK_WINDOW (review));
}

/* A story of the plan, opened from its row. */
static void
open_story_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  SbStory *story = sb_library_find (self->library, g_variant_get_string (param, NULL));

  if (story == NULL)
    return;
  _sb_window_open_story (self, story, FALSE);
  _sb_window_show_pane (self, "editor");
}

/* Deleting a story ----------------------------------------------------------- */

static void
delete_story_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SbWindow         *self)
{
  SbStory *story = g_object_get_data (G_OBJECT (dialog), "sb-story");

  if (g_str_equal (response, "delete") && story == _sb_window_get_story (self))
    {
      self->delete_confirmed = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-story", NULL);
      self->delete_confirmed = FALSE;
    }
}

/**
 * _sb_window_interviews_confirm_delete:
 *
 * Asks before a story an interview plans or logged is deleted, naming
 * the interviews.
 *
 * Returns: %TRUE if it asked (the deletion waits for the answer)
 */
gboolean
_sb_window_interviews_confirm_delete (SbWindow *self,
                                      SbStory  *story)
{
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  GtkWidget *dialog;

  if (self->delete_confirmed)
    return FALSE;

  interviews = sb_library_dup_interviews_using_story (self->library, sb_story_get_id (story));
  if (interviews == NULL || interviews->len == 0)
    return FALSE;

  for (guint i = 0; i < interviews->len; i++)
    {
      g_autofree char *name = sb_interview_dup_display_title (g_ptr_array_index (interviews, i));

      g_string_append_printf (names, "\n• %s", name[0] ? name : _("New Interview"));
    }

  title = sb_story_dup_display_title (story);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete a Story You Plan to Tell?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "“%s” is in the plan or the log of this interview:%s\n\n"
                                               "The plan will propose another story; what you logged keeps its title.",
                                               "“%s” is in the plans or the logs of these interviews:%s\n\n"
                                               "The plans will propose other stories; what you logged keeps its title.",
                                               interviews->len),
                                  title[0] ? title : _("Untitled Story"), names->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sb-story", g_object_ref (story), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_story_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Where a story was told ------------------------------------------------------ */

/**
 * _sb_window_interviews_dup_told:
 *
 * Returns: (nullable): "Told at Acme on 3 Nov 2026 (Hiring manager)",
 *   one line per time, or %NULL when the story was never told
 */
char *
_sb_window_interviews_dup_told (SbWindow *self,
                                SbStory  *story)
{
  GListModel *interviews = sb_library_get_interviews (self->library);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *id = sb_story_get_id (story);

  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (interviews, i);
      GDateTime *date = sb_interview_get_date (interview);
      g_autofree char *day = date ? g_date_time_format (date, _("%-d %b %Y")) : NULL;
      const char *company = sb_interview_get_company (interview);

      for (guint r = 0; r < sb_interview_get_n_rounds (interview); r++)
        {
          SbRound *round = sb_interview_get_round (interview, r);

          if (!sb_round_has_told (round, id))
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          if (day != NULL)
            /* Translators: where and when a story was told: company, date, round */
            g_string_append_printf (text, _("Told at %s on %s (%s)"), company[0] ? company : _("an interview"),
                                    g_strstrip (day), sb_round_get_name (round));
          else
            g_string_append_printf (text, _("Told at %s (%s)"), company[0] ? company : _("an interview"),
                                    sb_round_get_name (round));
        }
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
update_told (SbWindow *self)
{
  SbStory *story = _sb_window_get_story (self);
  g_autofree char *told = story ? _sb_window_interviews_dup_told (self, story) : NULL;

  if (self->editor != NULL)
    sb_story_editor_set_history (self->editor, told);
}

void
_sb_window_interviews_story_opened (SbWindow *self)
{
  SbStory *story = _sb_window_get_story (self);

  update_told (self);
  /* A story opened from the list or the plan leaves the interview. */
  if (story != NULL && _sb_window_get_interview (self) != NULL)
    sb_principle_sidebar_set_interview (self->sidebar, NULL);
}

/* The day changed while the window was open, or it came back to it:
 * countdowns, past interviews, due rehearsals.
 */
static void
window_active_cb (SbWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int day = g_date_time_get_day_of_year (now);

  if (!gtk_window_is_active (GTK_WINDOW (self)) || day == self->interviews_day)
    return;
  self->interviews_day = day;
  sb_library_set_interviews_now (self->library, now);
  sb_principle_sidebar_refresh_interviews (self->sidebar);
  if (self->interview_page != NULL)
    sb_interview_page_refresh (self->interview_page);
}

void
_sb_window_interviews_set_up (SbWindow *self)
{
  GListModel *interviews = sb_library_get_interviews (self->library);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->interviews_day = g_date_time_get_day_of_year (now);
  sb_principle_sidebar_set_interviews (self->sidebar, interviews);
  g_signal_connect_object (self->sidebar, "notify::interview",
                           G_CALLBACK (sidebar_interview_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (interviews, "items-changed", G_CALLBACK (update_told), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "changed", G_CALLBACK (update_told), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (window_active_cb), self, G_CONNECT_SWAPPED);
}

void
_sb_window_interviews_class_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child_full (widget_class, "interview_menu", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.new-interview", NULL, new_interview_action);
  gtk_widget_class_install_action (widget_class, "win.delete-interview", NULL, delete_interview_action);
  gtk_widget_class_install_action (widget_class, "win.export-plan", NULL, export_plan_action);
  gtk_widget_class_install_action (widget_class, "win.rehearse-due", NULL, rehearse_due_action);
  gtk_widget_class_install_action (widget_class, "win.open-story", "s", open_story_action);
}
