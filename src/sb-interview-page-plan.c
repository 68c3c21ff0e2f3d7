/* sb-interview-page-plan.c: the interview page's plan, and its log after
 * the interview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan (sb-plan.h) is computed again after every edit, so it is
 * shown, never kept: per round, per probed principle, the story to tell
 * with its readiness and next rehearsal, a Swap menu and the gaps. Once
 * the day has come, the log asks which stories were told, how each
 * round went and what was asked next.
 */

#define G_LOG_DOMAIN "sb-interview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-interview-page-private.h"
#include "sb-menu-button.h"
#include "sb-schedule.h"

#define N_RATINGS 5

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
make_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static char *
story_title (SbStory *story)
{
  char *title = sb_story_dup_display_title (story);

  if (title[0] != '\0')
    return title;
  g_free (title);
  return g_strdup (_("Untitled Story"));
}

/* A round's heading above its list: the name, then a dimmer detail. */
GtkWidget *
_sb_interview_page_make_heading (const char *text,
                                 const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (detail != NULL && detail[0] != '\0')
    {
      GtkWidget *more = gtk_label_new (detail);

      gtk_label_set_xalign (GTK_LABEL (more), 0);
      gtk_label_set_ellipsize (GTK_LABEL (more), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (more, "dim-label");
      gtk_box_append (GTK_BOX (box), more);
    }
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static char *
dup_round_detail (SbRound *round)
{
  const char *interviewer = sb_round_get_interviewer (round);
  guint minutes = sb_round_get_minutes (round);

  if (interviewer[0] != '\0' && minutes > 0)
    return g_strdup_printf (_("%s · %u min"), interviewer, minutes);
  if (minutes > 0)
    return g_strdup_printf (_("%u min"), minutes);
  return g_strdup (interviewer);
}

static const char *
round_name (SbRound *round)
{
  const char *name = sb_round_get_name (round);

  return name[0] ? name : _("Untitled Round");
}

/* Plan ----------------------------------------------------------------------- */

static char *
dup_told_before (SbPlanPick *pick)
{
  GDateTime *date;
  g_autofree char *day = NULL;
  const char *company;

  if (!pick->told_before)
    return NULL;
  if (pick->told_at == NULL)
    return g_strdup (_("Told at this company before"));

  company = sb_interview_get_company (pick->told_at);
  date = sb_interview_get_date (pick->told_at);
  if (date == NULL)
    return g_strdup_printf (_("Told at %s before"), company);
  /* Translators: a short date, as in "3 Nov 2026" */
  day = g_date_time_format (date, _("%-d %b %Y"));
  /* Translators: "Told at <company> on <date>" */
  return g_strdup_printf (_("Told at %s on %s"), company, g_strstrip (day));
}

static char *
dup_pick_subtitle (SbInterviewPage *self,
                   SbPlanSlot      *slot)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(SbSchedule) schedule = { 0 };
  SbStory *story = slot->pick->story;
  int confidence = sb_story_get_confidence (story);

  if (slot->principle != NULL)
    g_string_append (text, sb_principle_get_name (slot->principle));

  if (sb_story_get_practice_count (story) == 0 || confidence <= 0)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("Never rehearsed"));
  else
    {
      g_string_append (text, text->len ? " · " : "");
      /* Translators: the story's last rating, 1-5 */
      g_string_append_printf (text, _("Rated %d/5"), confidence);
    }

  sb_schedule_compute (story, sb_interview_get_date (self->interview), now, &schedule);
  g_string_append (text, " · ");
  /* Translators: a story's readiness, as in "Almost ready (60%)" */
  g_string_append_printf (text, _("%s (%u%%)"), sb_readiness_get_label (schedule.level), schedule.readiness);

  if (schedule.due)
    g_string_append_printf (text, " · %s", _("Rehearse today"));
  else if (schedule.next != NULL)
    {
      /* Translators: a short date, as in "Tue 8 Dec" */
      g_autofree char *day = g_date_time_format (schedule.next, _("%a %-d %b"));

      g_string_append (text, " · ");
      /* Translators: the next rehearsal's date */
      g_string_append_printf (text, _("Next rehearsal %s"), g_strstrip (day));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GMenuModel *
make_swap_menu (SbRound    *round,
                SbPlanSlot *slot)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < slot->alternatives->len; i++)
    {
      SbPlanPick *pick = g_ptr_array_index (slot->alternatives, i);
      g_autofree char *title = story_title (pick->story);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (pick->used_elsewhere)
        /* Translators: a story in the Swap menu that another round plans */
        label = g_strdup_printf (_("%s (in another round)"), title);
      else if (pick->told_before)
        /* Translators: a story in the Swap menu told at this company before */
        label = g_strdup_printf (_("%s (told here before)"), title);
      else
        label = g_steal_pointer (&title);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "interview.swap", "(sss)", sb_round_get_id (round),
                                         slot->principle_id, sb_story_get_id (pick->story));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_write_button (SbPlanSlot *slot)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Write a Story"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.new-story-in");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", slot->principle_id);
  return button;
}

static GtkWidget *
make_slot_row (SbInterviewPage *self,
               SbRound         *round,
               SbPlanSlot      *slot)
{
  GtkWidget *row = adw_action_row_new ();
  const char *principle_name = slot->principle ? sb_principle_get_name (slot->principle) : slot->principle_id;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  if (slot->pick == NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), principle_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No story for this principle yet"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_write_button (slot));
      gtk_widget_add_css_class (row, "plan-gap");
      return row;
    }

  {
    g_autofree char *title = story_title (slot->pick->story);
    g_autofree char *subtitle = dup_pick_subtitle (self, slot);
    g_autofree char *told = dup_told_before (slot->pick);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    if (told != NULL)
      {
        g_autofree char *with = g_strdup_printf ("%s\n%s", subtitle, told);

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), with);
        gtk_widget_add_css_class (row, "told-before");
      }
    else
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  }

  /* Chosen by the user, or proposed. */
  {
    GtkWidget *icon = gtk_image_new_from_icon_name (slot->chosen ? "object-select-symbolic"
                                                                 : "starred-symbolic");
    const char *what = slot->chosen ? _("In your plan") : _("Proposed");

    gtk_widget_set_tooltip_text (icon, what);
    gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
    if (!slot->chosen)
      gtk_widget_add_css_class (icon, "dim-label");
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  }

  if (slot->gap == SB_COVERAGE_GAP_ONLY_WEAK || slot->pick->told_before)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      const char *why = slot->pick->told_before ? _("Told at this company before")
                                                : _("Only weak stories for this principle");

      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_valign (warning, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (warning, why);
      gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL, why, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
    }
  if (slot->gap == SB_COVERAGE_GAP_ONLY_WEAK)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_write_button (slot));

  if (slot->alternatives->len > 0)
    {
      GtkWidget *swap = gtk_menu_button_new ();
      g_autoptr(GMenuModel) menu = make_swap_menu (round, slot);

      gtk_menu_button_set_label (GTK_MENU_BUTTON (swap), _("Swap"));
      sb_menu_button_set_menu_model_later (GTK_MENU_BUTTON (swap), menu);
      gtk_widget_set_valign (swap, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (swap, _("Tell Another Story"));
      gtk_widget_add_css_class (swap, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), swap);
    }

  /* Opens the story, to work on it. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-story");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", sb_story_get_id (slot->pick->story));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static GtkWidget *
make_due_row (SbInterviewPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_auto(GStrv) ids = sb_plan_dup_story_ids (self->plan);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  guint n_due = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      SbStory *story = sb_library_find (self->library, ids[i]);
      g_auto(SbSchedule) schedule = { 0 };

      if (story == NULL)
        continue;
      sb_schedule_compute (story, sb_interview_get_date (self->interview), now, &schedule);
      if (schedule.due)
        n_due++;
    }

  if (n_due == 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing to rehearse today"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Each story's next rehearsal is below it"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("object-select-symbolic"));
      return row;
    }

  {
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story to rehearse today",
                                                           "%u stories to rehearse today", n_due), n_due);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Rehearsals spaced out up to the day before"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("alarm-symbolic"));
  button = gtk_button_new_with_mnemonic (_("_Rehearse"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.rehearse-due");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static gboolean
plan_all_chosen (SbPlan *plan)
{
  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

      for (guint s = 0; s < plan_round->slots->len; s++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, s);

          if (slot->pick != NULL && !slot->chosen)
            return FALSE;
        }
    }
  return TRUE;
}

void
_sb_interview_page_update_plan (SbInterviewPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  remove_children (self->plan_box);
  g_clear_pointer (&self->plan, sb_plan_free);
  if (self->interview == NULL || self->library == NULL)
    return;

  self->plan = sb_plan_compute (self->interview, self->library, self->catalog);

  if (self->plan->rounds->len == 0)
    {
      GtkWidget *list = make_list ();
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No plan yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add the rounds and the principles they probe: Storybank proposes a story for each"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      gtk_box_append (self->plan_box, list);
      gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button), FALSE);
      gtk_button_set_label (self->accept_button, _("Acce_pt Plan"));
      return;
    }

  if (sb_interview_is_upcoming (self->interview, now) && self->plan->n_stories > 0)
    {
      GtkWidget *list = make_list ();

      gtk_list_box_append (GTK_LIST_BOX (list), make_due_row (self));
      gtk_box_append (self->plan_box, list);
    }

  for (guint r = 0; r < self->plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (self->plan->rounds, r);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *list = make_list ();
      g_autofree char *detail = dup_round_detail (plan_round->round);

      gtk_box_append (GTK_BOX (box), _sb_interview_page_make_heading (round_name (plan_round->round), detail));
      for (guint s = 0; s < plan_round->slots->len; s++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             make_slot_row (self, plan_round->round, g_ptr_array_index (plan_round->slots, s)));
      if (plan_round->slots->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Choose the principles this round probes"));
          gtk_widget_add_css_class (row, "dim-label");
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      gtk_box_append (GTK_BOX (box), list);
      gtk_box_append (self->plan_box, box);
    }

  {
    gboolean accepted = self->plan->n_stories > 0 && plan_all_chosen (self->plan);

    gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button), self->plan->n_stories > 0 && !accepted);
    gtk_button_set_label (self->accept_button, accepted ? _("Plan Accepted") : _("Acce_pt Plan"));
  }
}

static void
accept_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbInterviewPage *self = SB_INTERVIEW_PAGE (widget);
  SbPlan *plan = sb_interview_page_get_plan (self);

  if (plan != NULL)
    sb_plan_accept (plan);
}

static void
swap_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbInterviewPage *self = SB_INTERVIEW_PAGE (widget);
  const char *round_id, *principle_id, *story_id;
  SbRound *round;

  if (self->interview == NULL)
    return;
  g_variant_get (param, "(&s&s&s)", &round_id, &principle_id, &story_id);
  round = sb_interview_find_round (self->interview, round_id);
  if (round != NULL)
    sb_round_set_planned_story (round, principle_id, story_id);
}

/* Log ------------------------------------------------------------------------ */

/* A round nothing was logged for yet shows the plan as told; the first
 * change writes that down before it is applied.
 */
static gboolean
round_is_prefilled (SbRound *round)
{
  return sb_round_get_n_told (round) == 0 && sb_round_get_rating (round) == SB_ROUND_RATING_UNSET;
}

static void
materialise_prefill (SbInterviewPage *self,
                     SbRound         *round)
{
  if (!round_is_prefilled (round))
    return;
  for (guint i = 0; i < sb_round_get_n_planned (round); i++)
    {
      SbStory *story = sb_library_find (self->library, sb_round_get_planned_story_at (round, i));

      if (story != NULL && !sb_round_has_told (round, sb_story_get_id (story)))
        sb_round_add_told (round, sb_story_get_id (story), sb_story_get_title (story));
    }
}

static void
told_toggled_cb (GtkCheckButton  *check,
                 SbInterviewPage *self)
{
  SbRound *round = g_object_get_data (G_OBJECT (check), "sb-round");
  const char *story_id = g_object_get_data (G_OBJECT (check), "sb-story-id");
  SbStory *story = sb_library_find (self->library, story_id);

  if (self->loading)
    return;

  materialise_prefill (self, round);
  if (gtk_check_button_get_active (check) && !sb_round_has_told (round, story_id))
    sb_round_add_told (round, story_id, story ? sb_story_get_title (story) : "");
  else if (!gtk_check_button_get_active (check) && sb_round_has_told (round, story_id))
    sb_round_remove_told (round, story_id);
}

static void
follow_up_apply_cb (AdwEntryRow     *entry,
                    SbInterviewPage *self)
{
  SbRound *round = g_object_get_data (G_OBJECT (entry), "sb-round");
  const char *story_id = g_object_get_data (G_OBJECT (entry), "sb-story-id");
  SbStory *story = sb_library_find (self->library, story_id);
  g_autofree char *question = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (question[0] == '\0')
    return;

  materialise_prefill (self, round);
  if (!sb_round_has_told (round, story_id))
    sb_round_add_told (round, story_id, story ? sb_story_get_title (story) : "");
  sb_round_add_follow_up (round, question);
  if (story != NULL)
    sb_library_log_follow_up (self->library, self->interview, story, question);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  /* The log is built again: the next question goes in the same place. */
  g_free (self->refocus);
  self->refocus = g_strdup (g_object_get_data (G_OBJECT (entry), "sb-key"));
}

static void
told_expanded_cb (AdwExpanderRow  *row,
                  GParamSpec      *pspec,
                  SbInterviewPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "sb-key");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);
}

static GtkWidget *
make_told_row (SbInterviewPage *self,
               SbRound         *round,
               const char      *story_id,
               const char      *title,
               gboolean         told)
{
  SbStory *story = sb_library_find (self->library, story_id);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *key = g_strdup_printf ("told:%s:%s", sb_round_get_id (round), story_id);
  g_autofree char *current = story ? story_title (story) : g_strdup (title[0] ? title : _("Untitled Story"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), current);
  if (story == NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Deleted since"));
  else if (told)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Told · open to add their follow-up questions"));
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Planned, not told"));

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Told in this round"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Told in this round"), -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), told);
  gtk_widget_set_sensitive (check, story != NULL || told);
  g_object_set_data_full (G_OBJECT (check), "sb-round", g_object_ref (round), g_object_unref);
  g_object_set_data_full (G_OBJECT (check), "sb-story-id", g_strdup (story_id), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (told_toggled_cb), self);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);

  if (story != NULL)
    {
      GtkWidget *entry = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Follow-Up Question They Asked"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
      g_object_set_data_full (G_OBJECT (entry), "sb-round", g_object_ref (round), g_object_unref);
      g_object_set_data_full (G_OBJECT (entry), "sb-story-id", g_strdup (story_id), g_free);
      g_object_set_data_full (G_OBJECT (entry), "sb-key", g_strdup (key), g_free);
      g_signal_connect (entry, "apply", G_CALLBACK (follow_up_apply_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);

      g_object_set_data_full (G_OBJECT (row), "sb-key", g_strdup (key), g_free);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, key));
      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (told_expanded_cb), self, 0);
      if (g_strcmp0 (self->refocus, key) == 0)
        {
          g_clear_pointer (&self->refocus, g_free);
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          self->focus_entry = entry;
        }
    }
  else
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);

  return row;
}

/* Another story told: one the plan did not have, picked from them all. */
static void
other_told_activate_cb (GtkListView     *view,
                        guint            position,
                        SbInterviewPage *self)
{
  SbRound *round = g_object_get_data (G_OBJECT (view), "sb-round");
  g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);
  GtkWidget *button = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON);

  if (button != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  if (story == NULL)
    return;
  materialise_prefill (self, round);
  if (!sb_round_has_told (round, sb_story_get_id (story)))
    sb_round_add_told (round, sb_story_get_id (story), sb_story_get_title (story));
}

static void
other_told_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
other_told_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  g_autofree char *title = story_title (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), title);
}

static void
other_told_search_cb (GtkSearchEntry  *entry,
                      GtkStringFilter *filter)
{
  gtk_string_filter_set_search (filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter in the search: the first story found, as typed so far. */
static void
other_told_enter_cb (GtkSearchEntry  *entry,
                     SbInterviewPage *self)
{
  GtkListView *view = g_object_get_data (G_OBJECT (entry), "sb-view");

  other_told_search_cb (entry, g_object_get_data (G_OBJECT (entry), "sb-filter"));
  if (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view))) > 0)
    other_told_activate_cb (view, 0, self);
}

/* Built when it opens: a search and a list of every story. */
static void
other_told_create_popup (GtkMenuButton *button,
                         gpointer       user_data)
{
  SbInterviewPage *self = user_data;
  GtkStringFilter *filter = gtk_string_filter_new (gtk_property_expression_new (SB_TYPE_STORY, NULL, "title"));
  GtkFilterListModel *stories = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->library)),
                                                           GTK_FILTER (filter));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view;

  g_signal_connect (factory, "setup", G_CALLBACK (other_told_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (other_told_bind_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (stories))), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "navigation-sidebar");
  g_object_set_data_full (G_OBJECT (view), "sb-round",
                          g_object_ref (g_object_get_data (G_OBJECT (button), "sb-round")), g_object_unref);
  g_signal_connect_object (view, "activate", G_CALLBACK (other_told_activate_cb), self, 0);

  g_object_set (entry, "placeholder-text", _("Search Stories"), NULL);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (entry), view);
  g_signal_connect_object (entry, "search-changed", G_CALLBACK (other_told_search_cb), filter, 0);
  g_object_set_data (G_OBJECT (entry), "sb-view", view);
  g_object_set_data (G_OBJECT (entry), "sb-filter", filter);
  g_signal_connect_object (entry, "activate", G_CALLBACK (other_told_enter_cb), self, 0);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_size_request (scroller, 300, -1);

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

static GtkWidget *
make_other_told_row (SbInterviewPage *self,
                     SbRound         *round,
                     gboolean         first)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 first ? _("A Story You Told") : _("Another Story You Told"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               first ? _("No story was planned for this round") : _("One the plan did not have"));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Log Another Story"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Log Another Story"), -1);
  g_object_set_data_full (G_OBJECT (button), "sb-round", g_object_ref (round), g_object_unref);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), other_told_create_popup, self, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
rating_toggled_cb (GtkToggleButton *button,
                   SbInterviewPage *self)
{
  SbRound *round = g_object_get_data (G_OBJECT (button), "sb-round");
  int rating = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "sb-rating"));

  if (self->loading || !gtk_toggle_button_get_active (button))
    return;
  materialise_prefill (self, round);
  sb_round_set_rating (round, rating);
}

static GtkWidget *
make_rating_row (SbInterviewPage *self,
                 SbRound         *round)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *first = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("How It Went"));
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  for (int i = 1; i <= N_RATINGS; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);
      g_autofree char *accessible = g_strdup_printf (_("Went %d of 5"), i);

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      /* Translators: how an interview round went, 1 and 5 of 5 */
      if (i == 1 || i == N_RATINGS)
        gtk_widget_set_tooltip_text (button, i == 1 ? _("Rough") : _("Great"));
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      else
        first = button;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), sb_round_get_rating (round) == i);
      g_object_set_data_full (G_OBJECT (button), "sb-round", g_object_ref (round), g_object_unref);
      g_object_set_data (G_OBJECT (button), "sb-rating", GINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (rating_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

static GtkWidget *
make_log_round (SbInterviewPage *self,
                SbRound         *round)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *list = make_list ();
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean prefilled = round_is_prefilled (round);
  const char * const *follow_ups = sb_round_get_follow_ups (round);

  gtk_box_append (GTK_BOX (box), _sb_interview_page_make_heading (round_name (round), NULL));

  /* The stories told (as logged), then the planned ones not told. */
  for (guint i = 0; i < sb_round_get_n_told (round); i++)
    {
      const char *id = sb_round_get_told_story (round, i);

      g_hash_table_add (shown, (gpointer) id);
      gtk_list_box_append (GTK_LIST_BOX (list),
                           make_told_row (self, round, id, sb_round_get_told_title (round, i), TRUE));
    }
  for (guint i = 0; i < sb_round_get_n_planned (round); i++)
    {
      const char *id = sb_round_get_planned_story_at (round, i);
      SbStory *story = id ? sb_library_find (self->library, id) : NULL;

      if (story == NULL || g_hash_table_contains (shown, id))
        continue;
      g_hash_table_add (shown, (gpointer) id);
      gtk_list_box_append (GTK_LIST_BOX (list), make_told_row (self, round, id, sb_story_get_title (story), prefilled));
    }
  gtk_list_box_append (GTK_LIST_BOX (list), make_other_told_row (self, round, g_hash_table_size (shown) == 0));
  gtk_list_box_append (GTK_LIST_BOX (list), make_rating_row (self, round));

  for (guint i = 0; follow_ups != NULL && follow_ups[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), follow_ups[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Follow-up question, in the story’s notes"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-question-symbolic"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_box_append (GTK_BOX (box), list);
  return box;
}

void
_sb_interview_page_update_log (SbInterviewPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean shown;
  guint n;

  remove_children (self->log_box);
  if (self->interview == NULL)
    return;

  /* From the day itself: a morning interview is logged that evening. */
  shown = sb_interview_get_date (self->interview) != NULL &&
          sb_interview_get_days_until (self->interview, now) <= 0;
  gtk_widget_set_visible (GTK_WIDGET (self->log_group), shown);
  if (!shown)
    return;

  self->loading = TRUE;
  n = sb_interview_get_n_rounds (self->interview);
  for (guint i = 0; i < n; i++)
    gtk_box_append (self->log_box, make_log_round (self, sb_interview_get_round (self->interview, i)));
  if (n == 0)
    {
      GtkWidget *list = make_list ();
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add the rounds you had to log what you told"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      gtk_box_append (self->log_box, list);
    }
  self->loading = FALSE;

  if (self->focus_entry != NULL)
    gtk_widget_grab_focus (self->focus_entry);
  self->focus_entry = NULL;
}

void
_sb_interview_page_class_plan_init (SbInterviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "interview.accept-plan", NULL, accept_plan_action);
  gtk_widget_class_install_action (widget_class, "interview.swap", "(sss)", swap_action);
}
