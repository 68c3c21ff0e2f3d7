/* sb-interview-page.c: one interview loop, from the posting to the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The company, role and date; the pasted job posting with what it
 * stresses; the rounds and the principles each probes. The plan and the
 * log after the interview are in sb-interview-page-plan.c. Every edit
 * goes straight to the SbInterview, which the library saves; the page
 * keeps no copy of it.
 */

#define G_LOG_DOMAIN "sb-interview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sb-interview-page-private.h"
#include "sb-menu-button.h"
#include "sb-posting.h"

G_DEFINE_FINAL_TYPE (SbInterviewPage, sb_interview_page, GTK_TYPE_WIDGET)

/* How many principles of the posting's analysis are shown. */
#define MAX_MATCHES 8
#define ANALYSIS_DELAY_MS 250

static void
remove_rows (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
make_hint_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* Header and date ------------------------------------------------------ */

static void
update_heading (SbInterviewPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL;
  g_autofree char *countdown = NULL;
  g_autofree char *when = NULL;
  g_autofree char *button = NULL;
  GDateTime *date;

  if (self->interview == NULL)
    return;

  title = sb_interview_dup_display_title (self->interview);
  gtk_label_set_text (self->heading_label, title[0] ? title : _("New Interview"));

  date = sb_interview_get_date (self->interview);
  if (date == NULL)
    {
      gtk_label_set_text (self->countdown_label, _("No date yet"));
      gtk_menu_button_set_label (self->date_button, _("Set a Date"));
      return;
    }

  countdown = sb_interview_dup_countdown (self->interview, now);
  /* Translators: the interview's date and time, as in "Tuesday 8 December 2026 at 09:30" */
  when = g_date_time_format (date, _("%A %-d %B %Y at %H:%M"));
  g_strstrip (when);
  {
    /* Translators: "<date> · <countdown>", as in "Tuesday 8 December at 09:30 · In 3 days" */
    g_autofree char *line = g_strdup_printf (_("%s · %s"), when, countdown);

    gtk_label_set_text (self->countdown_label, line);
  }
  /* Translators: the date button's label, short, as in "Tue 8 Dec 2026, 09:30" */
  button = g_date_time_format (date, _("%a %-d %b %Y, %H:%M"));
  gtk_menu_button_set_label (self->date_button, g_strstrip (button));
}

static void
date_popover_show_cb (SbInterviewPage *self)
{
  GDateTime *date = self->interview ? sb_interview_get_date (self->interview) : NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;

  if (date == NULL)
    date = now = g_date_time_new_now_local ();

  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  time = g_date_time_format (date, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry),
                         sb_interview_get_date (self->interview) ? time : "");
  self->loading = FALSE;
}

/* Reads "9:30", "09:30" or "14"; FALSE when it does not read as a time. */
static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  char extra;

  *minute = 0;
  if (sscanf (text, "%d:%d%c", hour, minute, &extra) != 2 &&
      sscanf (text, "%d.%d%c", hour, minute, &extra) != 2 &&
      sscanf (text, "%d%c", hour, &extra) != 1)
    return FALSE;
  return *hour >= 0 && *hour < 24 && *minute >= 0 && *minute < 60;
}

static void
apply_date (SbInterviewPage *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) date = NULL;
  GDateTime *old = sb_interview_get_date (self->interview);
  int hour = old ? g_date_time_get_hour (old) : 9;
  int minute = old ? g_date_time_get_minute (old) : 0;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));

  if (self->loading || self->interview == NULL)
    return;

  if (text[0] != '\0' && !parse_time (text, &hour, &minute))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->time_entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");

  date = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), hour, minute, 0);
  if (old == NULL || !g_date_time_equal (old, date))
    sb_interview_set_date (self->interview, date);
}

static void
calendar_day_cb (SbInterviewPage *self)
{
  apply_date (self);
}

static void
time_activate_cb (SbInterviewPage *self)
{
  apply_date (self);
  if (!gtk_widget_has_css_class (GTK_WIDGET (self->time_entry), "error"))
    gtk_menu_button_popdown (self->date_button);
}

/* A time typed without Enter still counts; opening the popover and
 * closing it again sets no date.
 */
static void
date_popover_closed_cb (SbInterviewPage *self)
{
  if (self->interview == NULL ||
      (sb_interview_get_date (self->interview) == NULL &&
       gtk_editable_get_text (GTK_EDITABLE (self->time_entry))[0] == '\0'))
    return;
  apply_date (self);
}

/* Company, role and text ------------------------------------------------ */

static void
company_changed_cb (SbInterviewPage *self)
{
  if (!self->loading && self->interview != NULL)
    sb_interview_set_company (self->interview, gtk_editable_get_text (GTK_EDITABLE (self->company_row)));
}

static void
role_changed_cb (SbInterviewPage *self)
{
  if (!self->loading && self->interview != NULL)
    sb_interview_set_role (self->interview, gtk_editable_get_text (GTK_EDITABLE (self->role_row)));
}

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (SbInterviewPage *self,
                 GtkTextView     *view,
                 const char      *text)
{
  g_autofree char *current = dup_buffer_text (view);

  if (g_strcmp0 (current, text ? text : "") == 0)
    return;
  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
  self->loading = FALSE;
}

/* Analysis ---------------------------------------------------------------- */

static GMenuModel *
make_add_to_round_menu (SbInterviewPage *self,
                        const char      *principle_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) rounds = g_menu_new ();
  g_autoptr(GMenuItem) new_round = NULL;
  guint n = sb_interview_get_n_rounds (self->interview);

  for (guint i = 0; i < n; i++)
    {
      SbRound *round = sb_interview_get_round (self->interview, i);
      const char *name = sb_round_get_name (round);
      g_autoptr(GMenuItem) item = NULL;

      if (sb_round_has_principle (round, principle_id))
        continue;
      item = g_menu_item_new (name[0] ? name : _("Untitled Round"), NULL);
      g_menu_item_set_action_and_target (item, "interview.add-principle", "(ss)",
                                         sb_round_get_id (round), principle_id);
      g_menu_append_item (rounds, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (rounds));

  new_round = g_menu_item_new (_("_New Round"), NULL);
  g_menu_item_set_action_and_target (new_round, "interview.add-principle", "(ss)", "", principle_id);
  {
    g_autoptr(GMenu) section = g_menu_new ();

    g_menu_append_item (section, new_round);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }

  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_match_row (SbInterviewPage *self,
                SbPostingMatch  *match)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = make_add_to_round_menu (self, sb_principle_get_id (match->principle));
  g_autofree char *words = g_strjoinv (", ", match->words);
  g_autofree char *subtitle = NULL;
  g_autoptr(GString) probed = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_principle_get_name (match->principle));

  for (guint i = 0; i < sb_interview_get_n_rounds (self->interview); i++)
    {
      SbRound *round = sb_interview_get_round (self->interview, i);

      if (sb_round_has_principle (round, sb_principle_get_id (match->principle)))
        g_string_append_printf (probed, "%s%s", probed->len ? ", " : "", sb_round_get_name (round));
    }

  if (match->named)
    subtitle = g_strdup (_("Named in the posting"));
  else
    /* Translators: the words of a job posting that matched a principle */
    subtitle = g_strdup_printf (_("Matched: %s"), words);
  if (probed->len > 0)
    {
      /* Translators: a principle of the posting some rounds already probe */
      g_autofree char *with = g_strdup_printf (_("%s · in %s"), subtitle, probed->str);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Add to Round…"));
  sb_menu_button_set_menu_model_later (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Probe this principle in a round"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
update_analysis (SbInterviewPage *self)
{
  const char *posting;

  remove_rows (GTK_WIDGET (self->analysis_list));
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  if (self->interview == NULL || self->catalog == NULL)
    return;

  posting = sb_interview_get_posting (self->interview);
  if (posting == NULL || posting[strspn (posting, " \t\n")] == '\0')
    {
      gtk_list_box_append (self->analysis_list,
                           make_hint_row (_("Paste the job posting above to see which principles it stresses")));
      return;
    }

  self->matches = sb_posting_analyse (posting, self->catalog, NULL);
  for (guint i = 0; i < self->matches->len && i < MAX_MATCHES; i++)
    gtk_list_box_append (self->analysis_list, make_match_row (self, g_ptr_array_index (self->matches, i)));

  if (self->matches->len == 0)
    gtk_list_box_append (self->analysis_list,
                         make_hint_row (_("No principle stands out in this posting yet")));
}

static void
analysis_idle_cb (gpointer user_data)
{
  SbInterviewPage *self = user_data;

  self->analysis_id = 0;
  update_analysis (self);
}

static void
queue_analysis (SbInterviewPage *self)
{
  g_clear_handle_id (&self->analysis_id, g_source_remove);
  self->analysis_id = g_timeout_add_once (ANALYSIS_DELAY_MS, analysis_idle_cb, self);
}

static void
posting_changed_cb (SbInterviewPage *self)
{
  g_autofree char *text = NULL;

  if (self->loading || self->interview == NULL)
    return;
  text = dup_buffer_text (self->posting_view);
  sb_interview_set_posting (self->interview, text);
  queue_analysis (self);
}

static void
notes_changed_cb (SbInterviewPage *self)
{
  g_autofree char *text = NULL;

  if (self->loading || self->interview == NULL)
    return;
  text = dup_buffer_text (self->notes_view);
  sb_interview_set_notes (self->interview, text);
}

/* Rounds -------------------------------------------------------------------- */

static char *
dup_round_subtitle (SbInterviewPage *self,
                    SbRound         *round)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *interviewer = sb_round_get_interviewer (round);
  const char * const *principles = sb_round_get_principles (round);
  guint minutes = sb_round_get_minutes (round);

  if (interviewer != NULL && interviewer[0] != '\0')
    g_string_append (text, interviewer);
  if (minutes > 0)
    /* Translators: a round's length */
    g_string_append_printf (text, text->len ? _(" · %u min") : _("%u min"), minutes);

  if (principles == NULL || principles[0] == NULL)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("No principles yet"));
  for (guint i = 0; principles != NULL && principles[i] != NULL; i++)
    {
      SbPrinciple *principle = sb_catalog_lookup (self->catalog, principles[i]);

      g_string_append (text, i == 0 ? (text->len ? " · " : "") : ", ");
      g_string_append (text, principle ? sb_principle_get_name (principle) : principles[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_round_row (GtkWidget *row)
{
  SbInterviewPage *self = SB_INTERVIEW_PAGE (gtk_widget_get_ancestor (row, SB_TYPE_INTERVIEW_PAGE));
  SbRound *round = g_object_get_data (G_OBJECT (row), "sb-round");
  g_autofree char *subtitle = NULL;
  const char *name;

  if (self == NULL || round == NULL)
    return;

  name = sb_round_get_name (round);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name[0] ? name : _("Untitled Round"));
  subtitle = dup_round_subtitle (self, round);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

static GMenuModel *
make_principles_menu (SbInterviewPage *self,
                      SbRound         *round)
{
  GMenu *menu = g_menu_new ();
  GListModel *frameworks = sb_catalog_get_frameworks (self->catalog);
  GListModel *principles = sb_catalog_get_principles (self->catalog);

  for (guint f = 0; f < g_list_model_get_n_items (frameworks); f++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, f);
      g_autoptr(GMenu) submenu = g_menu_new ();

      for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
        {
          g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
          g_autoptr(GMenuItem) item = NULL;

          if (g_strcmp0 (sb_principle_get_framework_id (principle), sb_framework_get_id (framework)) != 0 ||
              sb_round_has_principle (round, sb_principle_get_id (principle)))
            continue;
          item = g_menu_item_new (sb_principle_get_name (principle), NULL);
          g_menu_item_set_action_and_target (item, "interview.add-principle", "(ss)",
                                             sb_round_get_id (round), sb_principle_get_id (principle));
          g_menu_append_item (submenu, item);
        }

      if (g_menu_model_get_n_items (G_MENU_MODEL (submenu)) > 0)
        g_menu_append_submenu (menu, sb_framework_get_name (framework), G_MENU_MODEL (submenu));
    }

  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_icon_button (const char *icon_name,
                  const char *tooltip,
                  const char *action_name,
                  GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* The rows inside a round's expander: built when it first opens, as
 * most rounds stay closed.
 */
static void
fill_round_row (SbInterviewPage *self,
                GtkWidget       *row)
{
  SbRound *round = g_object_get_data (G_OBJECT (row), "sb-round");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sb-position"));
  guint n_rounds = sb_interview_get_n_rounds (self->interview);
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *interviewer = adw_entry_row_new ();
  GtkWidget *length = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 480, 15);
  GtkWidget *add = adw_action_row_new ();
  GtkWidget *add_button = gtk_menu_button_new ();
  GtkWidget *order = adw_action_row_new ();
  g_autoptr(GMenuModel) menu = make_principles_menu (self, round);
  const char * const *principles = sb_round_get_principles (round);
  const char *id = sb_round_get_id (round);

  if (g_object_get_data (G_OBJECT (row), "sb-filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (row), "sb-filled", GINT_TO_POINTER (TRUE));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), sb_round_get_name (round));
  g_object_bind_property (name, "text", round, "name", G_BINDING_DEFAULT);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (interviewer), _("Interviewer"));
  gtk_editable_set_text (GTK_EDITABLE (interviewer), sb_round_get_interviewer (round));
  g_object_bind_property (interviewer, "text", round, "interviewer", G_BINDING_DEFAULT);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), interviewer);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (length), _("Length in Minutes"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), sb_round_get_minutes (round));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_object_bind_property (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)), "value",
                          round, "minutes", G_BINDING_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (length), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (length), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), length);

  for (guint i = 0; principles != NULL && principles[i] != NULL; i++)
    {
      SbPrinciple *principle = sb_catalog_lookup (self->catalog, principles[i]);
      const char *principle_name = principle ? sb_principle_get_name (principle) : principles[i];
      SbFramework *framework = NULL;
      GtkWidget *probed = adw_action_row_new ();
      g_autofree char *remove_label = g_strdup_printf (_("Stop Probing %s"), principle_name);

      if (principle != NULL)
        framework = sb_catalog_lookup_framework (self->catalog, sb_principle_get_framework_id (principle));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (probed), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (probed), principle_name);
      if (framework != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (probed), sb_framework_get_name (framework));
      adw_action_row_add_suffix (ADW_ACTION_ROW (probed),
                                 make_icon_button ("list-remove-symbolic", remove_label, "interview.remove-principle",
                                                   g_variant_new ("(ss)", id, principles[i])));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), probed);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Probed Principles"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (add),
                               principles && principles[0] ? _("Add another principle this round will probe")
                                                           : _("Choose what this round will probe"));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add_button), "list-add-symbolic");
  sb_menu_button_set_menu_model_later (GTK_MENU_BUTTON (add_button), menu);
  gtk_widget_set_valign (add_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add_button, "flat");
  gtk_widget_set_tooltip_text (add_button, _("Add a Principle"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a Principle"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add), add_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (add), add_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), add);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (order), _("Move or Remove"));
  {
    GtkWidget *up = make_icon_button ("go-up-symbolic", _("Move Up"),
                                      "interview.move-round", g_variant_new ("(si)", id, -1));
    GtkWidget *down = make_icon_button ("go-down-symbolic", _("Move Down"),
                                        "interview.move-round", g_variant_new ("(si)", id, 1));
    GtkWidget *remove = make_icon_button ("user-trash-symbolic", _("Remove Round"),
                                          "interview.remove-round", g_variant_new_string (id));

    gtk_widget_set_sensitive (up, position > 0);
    gtk_widget_set_sensitive (down, position + 1 < n_rounds);
    gtk_widget_add_css_class (remove, "error");
    adw_action_row_add_suffix (ADW_ACTION_ROW (order), up);
    adw_action_row_add_suffix (ADW_ACTION_ROW (order), down);
    adw_action_row_add_suffix (ADW_ACTION_ROW (order), remove);
  }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), order);
}

static void
round_expanded_cb (AdwExpanderRow  *row,
                   GParamSpec      *pspec,
                   SbInterviewPage *self)
{
  SbRound *round = g_object_get_data (G_OBJECT (row), "sb-round");

  if (adw_expander_row_get_expanded (row))
    {
      fill_round_row (self, GTK_WIDGET (row));
      g_hash_table_add (self->expanded, g_strdup (sb_round_get_id (round)));
    }
  else
    g_hash_table_remove (self->expanded, sb_round_get_id (round));
}

static GtkWidget *
make_round_row (SbInterviewPage *self,
                SbRound         *round,
                guint            position)
{
  GtkWidget *row = adw_expander_row_new ();

  g_object_set_data_full (G_OBJECT (row), "sb-round", g_object_ref (round), g_object_unref);
  g_object_set_data (G_OBJECT (row), "sb-position", GUINT_TO_POINTER (position));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (g_hash_table_contains (self->expanded, sb_round_get_id (round)))
    {
      fill_round_row (self, row);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (round_expanded_cb), self, 0);
  g_signal_connect_object (round, "notify::name", G_CALLBACK (update_round_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (round, "notify::interviewer", G_CALLBACK (update_round_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (round, "notify::minutes", G_CALLBACK (update_round_row), row, G_CONNECT_SWAPPED);

  return row;
}

static void
update_rounds (SbInterviewPage *self)
{
  guint n;

  remove_rows (GTK_WIDGET (self->rounds_list));
  if (self->interview == NULL)
    return;

  n = sb_interview_get_n_rounds (self->interview);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = make_round_row (self, sb_interview_get_round (self->interview, i), i);

      gtk_list_box_append (self->rounds_list, row);
      update_round_row (row);
    }

  if (n == 0)
    gtk_list_box_append (self->rounds_list,
                         make_hint_row (_("No rounds yet: add one, or add a principle from the posting")));
}

/* Recomputed when the window is idle: an edit often changes several
 * things at once.
 */
static void
plan_idle_cb (gpointer user_data)
{
  SbInterviewPage *self = user_data;

  self->plan_id = 0;
  _sb_interview_page_update_plan (self);
  _sb_interview_page_update_log (self);
}

static void
queue_plan (SbInterviewPage *self)
{
  if (self->plan_id == 0)
    self->plan_id = g_idle_add_once (plan_idle_cb, self);
}

static void
rounds_changed_cb (SbInterviewPage *self)
{
  update_rounds (self);
  update_analysis (self);
  queue_plan (self);
}

static void
round_principles_cb (SbInterviewPage *self)
{
  rounds_changed_cb (self);
}

static void
connect_rounds (SbInterviewPage *self)
{
  GListModel *rounds = sb_interview_get_rounds (self->interview);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, i);

      g_signal_handlers_disconnect_by_func (round, round_principles_cb, self);
      g_signal_connect_object (round, "notify::principles", G_CALLBACK (round_principles_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
rounds_items_changed_cb (SbInterviewPage *self)
{
  connect_rounds (self);
  rounds_changed_cb (self);
}

/* Actions ------------------------------------------------------------------ */

static SbRound *
add_round (SbInterviewPage *self)
{
  guint n = sb_interview_get_n_rounds (self->interview);
  g_autofree char *name = g_strdup_printf (_("Round %u"), n + 1);
  g_autoptr(SbRound) round = sb_round_new (name);

  sb_round_set_minutes (round, 45);
  g_hash_table_add (self->expanded, g_strdup (sb_round_get_id (round)));
  sb_interview_add_round (self->interview, round);
  return round;
}

static void
add_round_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SbInterviewPage *self = SB_INTERVIEW_PAGE (widget);

  if (self->interview != NULL)
    add_round (self);
}

static void
remove_round_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SbInterviewPage *self = SB_INTERVIEW_PAGE (widget);
  SbRound *round;

  if (self->interview == NULL)
    return;
  round = sb_interview_find_round (self->interview, g_variant_get_string (param, NULL));
  if (round != NULL)
    sb_interview_remove_round (self->interview, round);
}

static void
move_round_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SbInterviewPage *self = SB_INTERVIEW_PAGE (widget);
  g_autoptr(SbRound) round = NULL;
  const char *id;
  int delta;
  guint n;

  if (self->interview == NULL)
    return;
  g_variant_get (param, "(&si)", &id, &delta);
  n = sb_interview_get_n_rounds (self->interview);
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (sb_round_get_id (sb_interview_get_round (self->interview, i)), id) != 0)
        continue;
      if ((delta < 0 && i == 0) || (delta > 0 && i + 1 >= n))
        return;
      round = g_object_ref (sb_interview_get_round (self->interview, i));
      sb_interview_remove_round (self->interview, round);
      sb_interview_insert_round (self->interview, delta < 0 ? i - 1 : i + 1, round);
      return;
    }
}

/* An empty round id adds a new round probing the principle. */
static void
add_principle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SbInterviewPage *self = SB_INTERVIEW_PAGE (widget);
  const char *round_id;
  const char *principle_id;
  SbRound *round;

  if (self->interview == NULL)
    return;
  g_variant_get (param, "(&s&s)", &round_id, &principle_id);
  if (round_id[0] == '\0')
    round = add_round (self);
  else
    round = sb_interview_find_round (self->interview, round_id);
  if (round != NULL)
    sb_round_add_principle (round, principle_id);
}

static void
remove_principle_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  SbInterviewPage *self = SB_INTERVIEW_PAGE (widget);
  const char *round_id;
  const char *principle_id;
  SbRound *round;

  if (self->interview == NULL)
    return;
  g_variant_get (param, "(&s&s)", &round_id, &principle_id);
  round = sb_interview_find_round (self->interview, round_id);
  if (round != NULL)
    sb_round_remove_principle (round, principle_id);
}

static void
outcome_changed_cb (SbInterviewPage *self)
{
  guint selected = adw_combo_row_get_selected (self->outcome_row);

  if (!self->loading && self->interview != NULL && selected != GTK_INVALID_LIST_POSITION)
    sb_interview_set_outcome (self->interview, (SbInterviewOutcome) selected);
}

/* The interview ------------------------------------------------------------- */

static void
load_interview (SbInterviewPage *self)
{
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->company_row), sb_interview_get_company (self->interview));
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), sb_interview_get_role (self->interview));
  adw_combo_row_set_selected (self->outcome_row, sb_interview_get_outcome (self->interview));
  self->loading = FALSE;
  set_buffer_text (self, self->posting_view, sb_interview_get_posting (self->interview));
  set_buffer_text (self, self->notes_view, sb_interview_get_notes (self->interview));

  update_heading (self);
  connect_rounds (self);
  update_rounds (self);
  update_analysis (self);
  _sb_interview_page_update_plan (self);
  _sb_interview_page_update_log (self);
}

/* The interview changed under the page (a merge, the undo of an edit):
 * only what differs is set again, so typing is never disturbed.
 */
static void
set_row_text (GtkEditable *row,
              const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (row), text) != 0)
    gtk_editable_set_text (row, text);
}

static void
interview_notify_cb (SbInterviewPage *self,
                     GParamSpec      *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  self->loading = TRUE;
  if (g_str_equal (name, "company"))
    set_row_text (GTK_EDITABLE (self->company_row), sb_interview_get_company (self->interview));
  else if (g_str_equal (name, "role"))
    set_row_text (GTK_EDITABLE (self->role_row), sb_interview_get_role (self->interview));
  else if (g_str_equal (name, "outcome"))
    adw_combo_row_set_selected (self->outcome_row, sb_interview_get_outcome (self->interview));
  self->loading = FALSE;

  if (g_str_equal (name, "posting"))
    {
      set_buffer_text (self, self->posting_view, sb_interview_get_posting (self->interview));
      queue_analysis (self);
    }
  else if (g_str_equal (name, "notes"))
    set_buffer_text (self, self->notes_view, sb_interview_get_notes (self->interview));

  update_heading (self);
}

static void
sb_interview_page_dispose (GObject *object)
{
  SbInterviewPage *self = (SbInterviewPage *)object;

  sb_interview_page_set_interview (self, NULL);
  g_clear_handle_id (&self->analysis_id, g_source_remove);
  g_clear_handle_id (&self->plan_id, g_source_remove);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_INTERVIEW_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->plan, sb_plan_free);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_interview_page_parent_class)->dispose (object);
}

static void
sb_interview_page_finalize (GObject *object)
{
  SbInterviewPage *self = (SbInterviewPage *)object;

  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->refocus, g_free);

  G_OBJECT_CLASS (sb_interview_page_parent_class)->finalize (object);
}

static void
sb_interview_page_class_init (SbInterviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_interview_page_dispose;
  object_class->finalize = sb_interview_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-interview-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "interviewpage");
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, accept_button);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, analysis_list);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, company_row);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, log_box);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, log_group);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, plan_box);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, posting_view);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, rounds_group);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, rounds_list);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SbInterviewPage, time_entry);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_cb);
  gtk_widget_class_bind_template_callback (widget_class, company_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, outcome_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_activate_cb);

  gtk_widget_class_install_action (widget_class, "interview.add-round", NULL, add_round_action);
  gtk_widget_class_install_action (widget_class, "interview.remove-round", "s", remove_round_action);
  gtk_widget_class_install_action (widget_class, "interview.move-round", "(si)", move_round_action);
  gtk_widget_class_install_action (widget_class, "interview.add-principle", "(ss)", add_principle_action);
  gtk_widget_class_install_action (widget_class, "interview.remove-principle", "(ss)", remove_principle_action);

  _sb_interview_page_class_plan_init (klass);
}

static void
sb_interview_page_init (SbInterviewPage *self)
{
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (SbInterviewOutcome o = SB_INTERVIEW_OUTCOME_NONE; o <= SB_INTERVIEW_OUTCOME_WITHDREW; o++)
    gtk_string_list_append (outcomes, sb_interview_outcome_get_label (o));
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (outcomes));

  g_signal_connect_object (gtk_text_view_get_buffer (self->posting_view), "changed",
                           G_CALLBACK (posting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_menu_button_get_popover (self->date_button), "show",
                           G_CALLBACK (date_popover_show_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sb_interview_page_new (void)
{
  return g_object_new (SB_TYPE_INTERVIEW_PAGE, NULL);
}

static void
library_story_changed_cb (SbInterviewPage *self)
{
  if (self->interview != NULL)
    queue_plan (self);
}

void
sb_interview_page_set_model (SbInterviewPage *self,
                             SbCatalog       *catalog,
                             SbLibrary       *library)
{
  g_return_if_fail (SB_IS_INTERVIEW_PAGE (self));
  g_return_if_fail (SB_IS_CATALOG (catalog));
  g_return_if_fail (SB_IS_LIBRARY (library));
  g_return_if_fail (self->library == NULL);

  self->catalog = g_object_ref (catalog);
  self->library = g_object_ref (library);

  /* Ratings and filing change the plan; so do stories added or deleted. */
  g_signal_connect_object (library, "story-changed", G_CALLBACK (library_story_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "items-changed", G_CALLBACK (library_story_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * sb_interview_page_get_interview:
 *
 * Returns: (nullable) (transfer none): the interview shown
 */
SbInterview *
sb_interview_page_get_interview (SbInterviewPage *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW_PAGE (self), NULL);
  return self->interview;
}

void
sb_interview_page_set_interview (SbInterviewPage *self,
                                 SbInterview     *interview)
{
  g_return_if_fail (SB_IS_INTERVIEW_PAGE (self));
  g_return_if_fail (interview == NULL || SB_IS_INTERVIEW (interview));

  if (self->interview == interview)
    return;

  if (self->interview != NULL)
    {
      GListModel *rounds = sb_interview_get_rounds (self->interview);

      for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
        {
          g_autoptr(SbRound) round = g_list_model_get_item (rounds, i);

          g_signal_handlers_disconnect_by_func (round, round_principles_cb, self);
        }
      g_signal_handlers_disconnect_by_data (rounds, self);
      g_signal_handlers_disconnect_by_data (self->interview, self);
    }

  g_set_object (&self->interview, interview);
  g_hash_table_remove_all (self->expanded);
  g_clear_pointer (&self->plan, sb_plan_free);

  if (interview == NULL)
    {
      remove_rows (GTK_WIDGET (self->rounds_list));
      remove_rows (GTK_WIDGET (self->analysis_list));
      remove_rows (GTK_WIDGET (self->plan_box));
      remove_rows (GTK_WIDGET (self->log_box));
      return;
    }

  g_signal_connect_object (interview, "notify", G_CALLBACK (interview_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (interview, "changed", G_CALLBACK (queue_plan), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sb_interview_get_rounds (interview), "items-changed",
                           G_CALLBACK (rounds_items_changed_cb), self, G_CONNECT_SWAPPED);

  load_interview (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/**
 * sb_interview_page_get_plan:
 *
 * Returns: (nullable) (transfer none): the plan as shown, brought up to
 *   date first
 */
SbPlan *
sb_interview_page_get_plan (SbInterviewPage *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW_PAGE (self), NULL);

  if (self->plan_id != 0)
    {
      g_clear_handle_id (&self->plan_id, g_source_remove);
      plan_idle_cb (self);
    }
  return self->plan;
}

/**
 * sb_interview_page_get_matches:
 *
 * Returns: (nullable) (transfer none) (element-type SbPostingMatch): what
 *   the posting stresses, brought up to date first
 */
GPtrArray *
sb_interview_page_get_matches (SbInterviewPage *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW_PAGE (self), NULL);

  if (self->analysis_id != 0)
    {
      g_clear_handle_id (&self->analysis_id, g_source_remove);
      update_analysis (self);
    }
  return self->matches;
}

/* The day changed, or the window came back: countdowns and due dates. */
void
sb_interview_page_refresh (SbInterviewPage *self)
{
  g_return_if_fail (SB_IS_INTERVIEW_PAGE (self));

  if (self->interview == NULL)
    return;
  update_heading (self);
  queue_plan (self);
}
