/* sb-rehearse-page.c: rehearse stories card by card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choose the stories and a target time, then one card at a time: answer
 * the question aloud, reveal the story, rate how it went; a summary at the
 * end. Ratings are recorded on the stories through SbReviewSession, so the
 * store saves them like any edit. The keys on a card (R, Space, 1-5,
 * Right) come from the window, through sb_rehearse_page_handle_key(), so
 * they work wherever the focus is.
 *
 * Where Storybank listens (built with speech, a model installed), Record
 * captures the answer while the timer runs (SbListener); once it stops,
 * the story is revealed beside the report of what was said
 * (SbAnswerView), the report suggests a rating, and the recording and
 * its summary are kept with the story's others (SbRecordings). Without a
 * microphone or a model, the card says so and works as before.
 */

#define G_LOG_DOMAIN "sb-rehearse-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-combo-row-private.h"
#include "sb-answer-view.h"
#include "sb-rehearse-page.h"
#include "sb-schedule.h"
#include "sb-text-view.h"
#ifdef HAVE_SPEECH
# include "sb-listener.h"
#endif

#define N_RATINGS 5
#define TICK_MS 200
/* Listening stops this long after the target time. */
#define GRACE_SECONDS 15
/* Wide enough for the story and the report side by side. */
#define CARD_WIDTH 640
#define CARD_WIDTH_REPORT 1080
/* From this width of the page on, the report is beside the story, not
 * under it.
 */
#define SIDE_BY_SIDE_WIDTH 700

struct _SbRehearsePage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  SbAnswerView         *answer_view;
  AdwClamp             *card_clamp;
  AdwStatusPage        *empty_page;
  AdwComboRow          *framework_row;
  GtkLabel             *heard_label;
  GtkLabel             *keys_label;
  GtkLevelBar          *level_bar;
  GtkLabel             *listen_note_label;
  GtkBox               *listening_box;
  GtkLabel             *listening_label;
  GtkButton            *next_button;
  AdwPreferencesGroup  *pick_group;
  GtkListBox           *pick_list;
  GtkLabel             *principle_label;
  AdwComboRow          *principle_row;
  GtkLabel             *progress_label;
  GtkLabel             *prompt_label;
  GtkBox               *rating_box;
  GtkLabel             *rating_heading_label;
  GtkButton            *record_button;
  AdwButtonContent     *record_content;
  GtkStack             *rehearse_stack;
  GtkButton            *reveal_button;
  GtkLabel             *scope_count_label;
  AdwComboRow          *scope_row;
  GtkButton            *start_button;
  GtkBox               *story_box;
  GtkBox               *story_pair;
  GtkRevealer          *story_revealer;
  GtkLabel             *summary_label;
  GtkListBox           *summary_list;
  GtkSpinButton        *target_spin;
  GtkLevelBar          *timer_bar;
  GtkLabel             *timer_label;

  /* Borrowed: built in init, children of rating_box */
  GtkWidget            *rating_buttons[N_RATINGS];

  /* Owned */
  SbCatalog            *catalog;
  SbLibrary            *library;
  GSettings            *settings;
  SbReviewSession      *session;
  GPtrArray            *framework_ids;
  GPtrArray            *principle_ids;
  GHashTable           *picked;
  guint                 tick_id;
  guint                 pair_idle_id;
  SbRecordings         *recordings;
#ifdef HAVE_SPEECH
  SbListener           *listener;
#endif
  char                 *keep_path;     /* the recording being made, if kept */
  GDateTime            *listen_date;
  int                   suggested_rating;
  gboolean              cannot_listen;  /* no speech model: Record is off */
};

G_DEFINE_FINAL_TYPE (SbRehearsePage, sb_rehearse_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rehearsal scope kinds, in the order of the scope row's items. */
enum {
  SCOPE_ROW_ALL,
  SCOPE_ROW_FRAMEWORK,
  SCOPE_ROW_PRINCIPLE,
  SCOPE_ROW_STORIES,
  SCOPE_ROW_DUE,      /* stories planned for an interview, due today */
};

static const char *
rating_label (int rating)
{
  switch (rating)
    {
    /* Translators: confidence ratings after rehearsing a story, 1 to 5 */
    case 1: return C_("confidence", "Shaky");
    case 2: return C_("confidence", "Unsure");
    case 3: return C_("confidence", "Okay");
    case 4: return C_("confidence", "Solid");
    case 5: return C_("confidence", "Nailed it");
    default: return "";
    }
}

static char *
format_time (double seconds)
{
  guint s = (guint) MAX (seconds, 0);

  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

static gboolean
on_card_page (SbRehearsePage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->rehearse_stack), "card") == 0
         && self->session != NULL;
}

static void
remove_all (GtkWidget *box)
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

/* Scope ---------------------------------------------------------------- */

/* Fills @scope from the setup page; @story_ids keeps the picked ids alive. */
static void
get_scope (SbRehearsePage *self,
           SbReviewScope  *scope,
           GStrv          *story_ids)
{
  memset (scope, 0, sizeof *scope);
  *story_ids = NULL;

  switch (adw_combo_row_get_selected (self->scope_row))
    {
    case SCOPE_ROW_FRAMEWORK:
      scope->id = _sb_combo_row_get_selected_id (self->framework_row, self->framework_ids);
      scope->kind = scope->id ? SB_REVIEW_SCOPE_FRAMEWORK : SB_REVIEW_SCOPE_ALL;
      break;

    case SCOPE_ROW_PRINCIPLE:
      scope->id = _sb_combo_row_get_selected_id (self->principle_row, self->principle_ids);
      scope->kind = scope->id ? SB_REVIEW_SCOPE_PRINCIPLE : SB_REVIEW_SCOPE_ALL;
      break;

    case SCOPE_ROW_STORIES:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        /* In library order, so the same picks give the same session. */
        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->library)); i++)
          {
            g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->library), i);

            if (g_hash_table_contains (self->picked, sb_story_get_id (story)))
              g_strv_builder_add (builder, sb_story_get_id (story));
          }
        *story_ids = g_strv_builder_end (builder);
        scope->kind = SB_REVIEW_SCOPE_STORIES;
        scope->story_ids = (const char * const *) *story_ids;
      }
      break;

    case SCOPE_ROW_DUE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();

        *story_ids = sb_schedule_dup_due_today (self->library, now);
        scope->kind = SB_REVIEW_SCOPE_STORIES;
        scope->story_ids = (const char * const *) *story_ids;
      }
      break;

    case SCOPE_ROW_ALL:
    default:
      scope->kind = SB_REVIEW_SCOPE_ALL;
      break;
    }
}

static void
update_scope_count (SbRehearsePage *self)
{
  SbReviewScope scope;
  g_auto(GStrv) story_ids = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autofree char *text = NULL;

  get_scope (self, &scope, &story_ids);
  stories = sb_review_collect (self->library, self->catalog, &scope);

  if (stories->len == 0 && adw_combo_row_get_selected (self->scope_row) == SCOPE_ROW_DUE)
    text = g_strdup (_("No planned story is due today"));
  else if (stories->len == 0 && scope.kind == SB_REVIEW_SCOPE_STORIES)
    text = g_strdup (_("Pick the stories to rehearse"));
  else if (stories->len == 0)
    text = g_strdup (_("No stories here yet"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story to rehearse", "%u stories to rehearse",
                                         stories->len), stories->len);
  gtk_label_set_text (self->scope_count_label, text);
}

static void
picked_toggled_cb (GtkCheckButton *check,
                   SbRehearsePage *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "story-id");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->picked, g_strdup (id));
  else
    g_hash_table_remove (self->picked, id);
  update_scope_count (self);
}

static void
rebuild_pick_list (SbRehearsePage *self)
{
  GListModel *stories = G_LIST_MODEL (self->library);

  remove_all (GTK_WIDGET (self->pick_list));

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *check = gtk_check_button_new ();
      const char * const *principles = sb_story_get_principles (story);
      SbPrinciple *principle = principles[0] ? sb_catalog_lookup (self->catalog, principles[0]) : NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      {
        g_autofree char *title = sb_story_dup_title_or_untitled (story);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      }
      if (principle != NULL)
        adw_action_row_set_subtitle (row, sb_principle_get_name (principle));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (self->picked, sb_story_get_id (story)));
      g_object_set_data_full (G_OBJECT (check), "story-id", g_strdup (sb_story_get_id (story)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (picked_toggled_cb), self);
      adw_action_row_add_prefix (row, check);
      adw_action_row_set_activatable_widget (row, check);
      gtk_list_box_append (self->pick_list, GTK_WIDGET (row));
    }

  if (g_list_model_get_n_items (stories) == 0)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No stories yet"));
      gtk_list_box_append (self->pick_list, GTK_WIDGET (row));
    }
}

static void
scope_changed_cb (SbRehearsePage *self)
{
  guint kind = adw_combo_row_get_selected (self->scope_row);

  gtk_widget_set_visible (GTK_WIDGET (self->framework_row), kind == SCOPE_ROW_FRAMEWORK);
  gtk_widget_set_visible (GTK_WIDGET (self->principle_row), kind == SCOPE_ROW_PRINCIPLE);
  gtk_widget_set_visible (GTK_WIDGET (self->pick_group), kind == SCOPE_ROW_STORIES);
  if (kind == SCOPE_ROW_STORIES && gtk_widget_get_first_child (GTK_WIDGET (self->pick_list)) == NULL)
    rebuild_pick_list (self);
  update_scope_count (self);
}

static gboolean
target_output_cb (SbRehearsePage *self,
                  GtkSpinButton  *spin)
{
  g_autofree char *text = format_time (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Reads "m:ss", or plain seconds. */
static int
target_input_cb (SbRehearsePage *self,
                 double         *new_value,
                 GtkSpinButton  *spin)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  guint64 minutes = 0, seconds = 0;

  if (parts[0] == NULL)
    return GTK_INPUT_ERROR;
  if (parts[1] == NULL)
    {
      if (!g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 3600, &seconds, NULL))
        return GTK_INPUT_ERROR;
    }
  else if (!g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 60, &minutes, NULL)
           || !g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 0, 59, &seconds, NULL))
    return GTK_INPUT_ERROR;

  *new_value = minutes * 60 + seconds;
  return TRUE;
}

/* The card -------------------------------------------------------------- */

static void
stop_tick (SbRehearsePage *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
update_timer (SbRehearsePage *self)
{
  SbReviewCard *card = self->session ? sb_review_session_get_current_card (self->session) : NULL;
  guint target = self->session ? sb_review_session_get_target_seconds (self->session) : 120;
  g_autofree char *elapsed_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *text = NULL;
  double elapsed = 0;
  gboolean over;

  if (card != NULL && sb_review_card_get_revealed (card))
    elapsed = sb_review_card_get_seconds (card);
  else if (card != NULL && sb_review_card_get_started (card) != 0)
    elapsed = (g_get_monotonic_time () - sb_review_card_get_started (card)) / (double) G_USEC_PER_SEC;

  over = elapsed > target;
  elapsed_text = format_time (elapsed);
  target_text = format_time (target);
  /* Translators: the rehearsal timer, "elapsed / target", e.g. "0:42 / 2:00" */
  text = g_strdup_printf (_("%s / %s"), elapsed_text, target_text);
  gtk_label_set_text (self->timer_label, text);

  gtk_level_bar_set_max_value (self->timer_bar, target);
  gtk_level_bar_set_value (self->timer_bar, MIN (elapsed, target));
  if (over)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->timer_bar), "over-target");
      gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->timer_bar), "over-target");
      gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "warning");
    }
}

static gboolean
tick_cb (gpointer data)
{
  SbRehearsePage *self = data;

  update_timer (self);
  return G_SOURCE_CONTINUE;
}

static void
update_actions (SbRehearsePage *self)
{
  SbReviewCard *card = NULL;
  gboolean card_page = on_card_page (self);

  if (card_page)
    card = sb_review_session_get_current_card (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearse.reveal",
                                 card != NULL && !sb_review_card_get_revealed (card));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearse.rate",
                                 card != NULL && sb_review_card_get_rating (card) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearse.next", card != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearse.record", card_page && !self->cannot_listen);
}

static void
add_story_text (GtkBox     *box,
                const char *text,
                const char *css_class)
{
  g_autofree char *preview = sb_text_dup_preview (text);
  GtkWidget *label = gtk_label_new (preview);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
}

static void
add_story_section (GtkBox     *box,
                   const char *heading,
                   const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  add_story_text (box, heading, "review-heading");
  add_story_text (box, text, NULL);
}

static void
fill_story (SbRehearsePage *self,
            SbStory        *story)
{
  const char * const *actions = sb_story_get_actions (story);
  gboolean empty = TRUE;

  remove_all (GTK_WIDGET (self->story_box));
  {
    g_autofree char *title = sb_story_dup_title_or_untitled (story);

    add_story_text (self->story_box, title, "title-3");
  }

  add_story_section (self->story_box, _("Situation"), sb_story_get_situation (story));
  add_story_section (self->story_box, _("Task"), sb_story_get_task (story));
  if (actions[0] != NULL)
    {
      add_story_text (self->story_box, _("Action"), "review-heading");
      for (guint i = 0; actions[i] != NULL; i++)
        {
          /* Translators: a numbered action step, e.g. "1. Designed the plan" */
          g_autofree char *step = g_strdup_printf (_("%u. %s"), i + 1, actions[i]);

          add_story_text (self->story_box, step, NULL);
        }
    }
  add_story_section (self->story_box, _("Result"), sb_story_get_result (story));
  add_story_section (self->story_box, _("Learnings"), sb_story_get_learnings (story));
  add_story_section (self->story_box, _("Notes"), sb_story_get_notes (story));

  empty = sb_story_get_situation (story)[0] == '\0' && sb_story_get_task (story)[0] == '\0'
          && actions[0] == NULL && sb_story_get_result (story)[0] == '\0'
          && sb_story_get_learnings (story)[0] == '\0' && sb_story_get_notes (story)[0] == '\0';
  if (empty)
    add_story_text (self->story_box, _("This story has no text yet. Write it down after you rehearse it."), "dim-label");
}

static void
update_card_state (SbRehearsePage *self)
{
  SbReviewCard *card = sb_review_session_get_current_card (self->session);
  gboolean last;
  int rating;

  if (card == NULL)
    return;

  rating = sb_review_card_get_rating (card);
  last = sb_review_session_get_position (self->session) + 1 >= sb_review_session_get_n_cards (self->session);

  gtk_revealer_set_reveal_child (self->story_revealer, sb_review_card_get_revealed (card));
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), !sb_review_card_get_revealed (card));

  for (int i = 0; i < N_RATINGS; i++)
    {
      if (rating == i + 1)
        gtk_widget_add_css_class (self->rating_buttons[i], "chosen");
      else
        gtk_widget_remove_css_class (self->rating_buttons[i], "chosen");
      if (rating == 0 && self->suggested_rating == i + 1)
        gtk_widget_add_css_class (self->rating_buttons[i], "suggested");
      else
        gtk_widget_remove_css_class (self->rating_buttons[i], "suggested");
    }

  if (rating == 0 && self->suggested_rating > 0)
    {
      /* Translators: above the ratings once an answer was heard, e.g.
       * "How did it go? From what was heard: 4, Solid"
       */
      g_autofree char *heading = g_strdup_printf (_("How did it go? From what was heard: %d, %s"),
                                                  self->suggested_rating, rating_label (self->suggested_rating));

      gtk_label_set_text (self->rating_heading_label, heading);
    }
  else
    gtk_label_set_text (self->rating_heading_label, _("How did it go?"));

  if (rating == 0)
    gtk_button_set_label (self->next_button, _("_Skip"));
  else if (last)
    gtk_button_set_label (self->next_button, _("_Finish"));
  else
    gtk_button_set_label (self->next_button, _("_Next"));

  if (rating != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->next_button), "suggested-action");

  update_timer (self);
  update_actions (self);
}


/* Listening ------------------------------------------------------------- */

static void
set_listen_note (SbRehearsePage *self,
                 const char     *note,
                 gboolean        warning)
{
  gtk_label_set_text (self->listen_note_label, note);
  if (warning)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->listen_note_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->listen_note_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->listen_note_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->listen_note_label), "dim-label");
    }
}

/* The report beside the story, or the story alone. */
static void
show_answer (SbRehearsePage *self,
             gboolean        show)
{
  gtk_widget_set_visible (GTK_WIDGET (self->answer_view), show);
  adw_clamp_set_maximum_size (self->card_clamp, show ? CARD_WIDTH_REPORT : CARD_WIDTH);
  if (!show)
    sb_answer_view_set_report (self->answer_view, NULL, NULL);
}

/* The file a recording was begun in, when it holds nothing to keep. */
static void
discard_keep_path (SbRehearsePage *self)
{
  if (self->keep_path != NULL)
    g_unlink (self->keep_path);
  g_clear_pointer (&self->keep_path, g_free);
}

#ifdef HAVE_SPEECH

static void
set_default_note (SbRehearsePage *self)
{
  set_listen_note (self, _("English only · nothing leaves this computer"), FALSE);
}

/* Why the answer cannot be heard, and that the card works without. */
static void
set_problem_note (SbRehearsePage *self,
                  const GError   *error)
{
  g_autofree char *note = NULL;

  /* Translators: why Storybank cannot listen, then what still works */
  note = g_strdup_printf (_("%s\nAnswer aloud and rate yourself as before."), error->message);
  set_listen_note (self, note, TRUE);
}

static gboolean
is_listening (SbRehearsePage *self)
{
  SbListenerState state;

  if (self->listener == NULL)
    return FALSE;
  state = sb_listener_get_state (self->listener);
  return state == SB_LISTENER_STATE_STARTING || state == SB_LISTENER_STATE_LISTENING
         || state == SB_LISTENER_STATE_FINISHING;
}

static void
update_listening (SbRehearsePage *self)
{
  SbListenerState state = self->listener ? sb_listener_get_state (self->listener) : SB_LISTENER_STATE_IDLE;
  gboolean listening = is_listening (self);
  const char *partial = self->listener ? sb_listener_get_partial_text (self->listener) : NULL;

  if (state == SB_LISTENER_STATE_STARTING || state == SB_LISTENER_STATE_LISTENING)
    {
      adw_button_content_set_label (self->record_content, _("_Stop"));
      adw_button_content_set_icon_name (self->record_content, "media-playback-stop-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->record_button), "destructive-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_button), _("Stop and see the report (R)"));
    }
  else
    {
      adw_button_content_set_label (self->record_content, _("_Record Answer"));
      adw_button_content_set_icon_name (self->record_content, "media-record-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->record_button), "destructive-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_button),
                                   _("Record your answer and hear what it missed (R or Ctrl+Shift+R). English only; nothing leaves this computer."));
    }

  if (state == SB_LISTENER_STATE_STARTING)
    gtk_label_set_text (self->listening_label, _("Starting…"));
  else if (state == SB_LISTENER_STATE_FINISHING)
    gtk_label_set_text (self->listening_label, _("Working out what you said…"));
  else
    gtk_label_set_text (self->listening_label, _("Listening…"));

  gtk_widget_set_visible (GTK_WIDGET (self->listening_box), listening);
  gtk_widget_set_visible (GTK_WIDGET (self->heard_label), listening && partial != NULL && partial[0] != '\0');
  if (!listening)
    gtk_level_bar_set_value (self->level_bar, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearse.record",
                                 on_card_page (self) && !self->cannot_listen
                                 && state != SB_LISTENER_STATE_FINISHING);
}

/* Says at once, on each card, when there is no model to listen with. */
static void
check_can_listen (SbRehearsePage *self)
{
  g_autoptr(GError) error = NULL;

  self->cannot_listen = !sb_listener_check_available (NULL, &error);
  if (self->cannot_listen)
    set_problem_note (self, error);
  else
    set_default_note (self);
  update_listening (self);
}

/* Lets the listener go; @cancel abandons an answer still being heard. */
static void
stop_listening (SbRehearsePage *self,
                gboolean        cancel)
{
  if (self->listener != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->listener, self);
      if (cancel && is_listening (self))
        sb_listener_cancel (self->listener);
      g_clear_object (&self->listener);
    }
  if (cancel)
    discard_keep_path (self);
  g_clear_pointer (&self->listen_date, g_date_time_unref);
  update_listening (self);
}

static void
listener_state_cb (SbRehearsePage *self)
{
  g_assert (SB_IS_REHEARSE_PAGE (self));

  update_listening (self);
}

static void
listener_level_cb (SbRehearsePage *self)
{
  g_assert (SB_IS_REHEARSE_PAGE (self));

  gtk_level_bar_set_value (self->level_bar, CLAMP (sb_listener_get_level (self->listener), 0, 1));
}

/* The words heard so far; past the target and its grace, the answer ends. */
static void
listener_elapsed_cb (SbRehearsePage *self)
{
  guint target;

  g_assert (SB_IS_REHEARSE_PAGE (self));

  target = self->session ? sb_review_session_get_target_seconds (self->session) : 120;
  if (sb_listener_get_state (self->listener) == SB_LISTENER_STATE_LISTENING
      && sb_listener_get_elapsed (self->listener) > target + GRACE_SECONDS)
    sb_listener_stop (self->listener);
}

static void
listener_partial_cb (SbRehearsePage *self,
                     const char     *text)
{
  g_assert (SB_IS_REHEARSE_PAGE (self));

  gtk_label_set_text (self->heard_label, text);
  update_listening (self);
}

static void
listener_error_cb (SbRehearsePage *self,
                   const GError   *error)
{
  g_assert (SB_IS_REHEARSE_PAGE (self));

  stop_listening (self, TRUE);
  set_problem_note (self, error);
}

static void
listener_finished_cb (SbRehearsePage     *self,
                      SbAnswerTranscript *transcript)
{
  g_autoptr(SbAnswerReport) report = NULL;
  g_autoptr(SbRecording) recording = NULL;
  g_autoptr(JsonNode) summary_node = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep_path = NULL;
  SbAnswerSummary summary;
  SbStory *story;
  const char *note = NULL;

  g_assert (SB_IS_REHEARSE_PAGE (self));

  story = sb_listener_get_story (self->listener);
  report = sb_answer_report_new (transcript, story,
                                 self->session ? sb_review_session_get_target_seconds (self->session) : 0);
  sb_answer_report_get_summary (report, &summary);
  date = g_date_time_ref (self->listen_date);
  keep_path = g_steal_pointer (&self->keep_path);
  stop_listening (self, FALSE);

  /* A recording is kept only when something was written into it. */
  if (keep_path != NULL)
    {
      GStatBuf st;

      if (g_stat (keep_path, &st) != 0 || st.st_size == 0)
        {
          g_unlink (keep_path);
          g_clear_pointer (&keep_path, g_free);
        }
    }
  else
    note = _("The recording was not kept: “Keep Spoken Answers” is off in the main menu.");

  if (self->recordings != NULL)
    {
      summary_node = sb_answer_summary_to_json (&summary, date);
      recording = sb_recordings_add (self->recordings, sb_story_get_id (story), date, keep_path,
                                     summary.seconds, json_node_get_object (summary_node), &error);
      if (recording == NULL)
        {
          g_warning ("Could not keep the recording: %s", error->message);
          note = error->message;
        }
    }

  self->suggested_rating = summary.suggested_rating;
  if (self->session != NULL)
    sb_review_session_reveal (self->session);
  sb_answer_view_set_report (self->answer_view, report, recording);
  sb_answer_view_set_note (self->answer_view, note);
  show_answer (self, TRUE);
  set_default_note (self);
  update_card_state (self);
  if (self->suggested_rating > 0 && self->suggested_rating <= N_RATINGS)
    gtk_widget_grab_focus (self->rating_buttons[self->suggested_rating - 1]);
}

static void
start_listening (SbRehearsePage *self)
{
  SbReviewCard *card = sb_review_session_get_current_card (self->session);
  const char *source = g_getenv ("STORYBANK_LISTEN_SOURCE");
  g_autoptr(GError) error = NULL;
  SbStory *story;

  stop_listening (self, TRUE);
  show_answer (self, FALSE);
  self->suggested_rating = 0;
  if (card == NULL)
    return;
  story = sb_review_card_get_story (card);

  if (!sb_listener_check_available (NULL, &error))
    {
      self->cannot_listen = TRUE;
      set_problem_note (self, error);
      update_listening (self);
      return;
    }

  self->listener = sb_listener_new (story, NULL);
  /* The tests listen to a file in place of the microphone. */
  if (source != NULL && source[0] != '\0')
    sb_listener_set_source_uri (self->listener, source);
  self->listen_date = g_date_time_new_now_local ();
  if (self->recordings != NULL && g_settings_get_boolean (self->settings, "keep-recordings"))
    {
      self->keep_path = sb_recordings_begin (self->recordings, sb_story_get_id (story), self->listen_date, &error);
      if (self->keep_path == NULL)
        {
          g_warning ("Listening without keeping the recording: %s", error->message);
          g_clear_error (&error);
        }
      else
        sb_listener_set_keep_path (self->listener, self->keep_path);
    }

  g_signal_connect_object (self->listener, "notify::state", G_CALLBACK (listener_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->listener, "notify::level", G_CALLBACK (listener_level_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->listener, "notify::elapsed", G_CALLBACK (listener_elapsed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->listener, "partial", G_CALLBACK (listener_partial_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->listener, "finished", G_CALLBACK (listener_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->listener, "error", G_CALLBACK (listener_error_cb), self, G_CONNECT_SWAPPED);

  if (!sb_listener_start (self->listener, &error))
    {
      stop_listening (self, TRUE);
      set_problem_note (self, error);
      return;
    }

  /* The timer times the answer from here. */
  if (!sb_review_card_get_revealed (card))
    sb_review_session_start_at (self->session, g_get_monotonic_time ());
  gtk_label_set_text (self->heard_label, "");
  set_default_note (self);
  update_listening (self);
  update_timer (self);
}

#else /* !HAVE_SPEECH */

static void
check_can_listen (SbRehearsePage *self)
{
}

static gboolean
is_listening (SbRehearsePage *self)
{
  return FALSE;
}

static void
stop_listening (SbRehearsePage *self,
                gboolean        cancel)
{
  discard_keep_path (self);
}

#endif /* HAVE_SPEECH */

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SbRehearsePage *self = SB_REHEARSE_PAGE (widget);

  if (!on_card_page (self))
    return;

#ifdef HAVE_SPEECH
  if (is_listening (self))
    {
      if (sb_listener_get_state (self->listener) != SB_LISTENER_STATE_FINISHING)
        sb_listener_stop (self->listener);
      update_listening (self);
      return;
    }
  start_listening (self);
#endif
}

static void
delete_recording_cb (SbRehearsePage *self,
                     SbRecording    *recording)
{
  g_autoptr(GError) error = NULL;
  SbAnswerReport *report;

  g_assert (SB_IS_REHEARSE_PAGE (self));

  if (self->recordings == NULL)
    return;
  if (!sb_recordings_delete (self->recordings, recording, &error))
    {
      sb_answer_view_set_note (self->answer_view, error->message);
      return;
    }
  report = sb_answer_view_get_report (self->answer_view);
  sb_answer_view_set_report (self->answer_view, report, NULL);
  sb_answer_view_set_note (self->answer_view, _("Recording deleted."));
}

static void
show_summary (SbRehearsePage *self)
{
  GListModel *cards = sb_review_session_get_cards (self->session);
  SbReviewSummary summary;
  g_autofree char *average_time = NULL;
  g_autofree char *text = NULL;

  stop_tick (self);
  stop_listening (self, TRUE);
  sb_review_session_get_summary (self->session, &summary);
  average_time = format_time (summary.average_seconds);

  if (summary.n_done == 0)
    text = g_strdup (_("No card was rated this time."));
  else
    /* Translators: "3 of 4 cards rated · average confidence 3.7 · 1:12 per card" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u card rated · average confidence %.1f · %s per card",
                                         "%u of %u cards rated · average confidence %.1f · %s per card",
                                         summary.n_cards),
                            summary.n_done, summary.n_cards, summary.average_confidence, average_time);
  gtk_label_set_text (self->summary_label, text);

  remove_all (GTK_WIDGET (self->summary_list));
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(SbReviewCard) card = g_list_model_get_item (cards, i);
      SbPrinciple *principle = sb_review_card_get_principle (card);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      int rating = sb_review_card_get_rating (card);
      GtkWidget *label;
      g_autofree char *detail = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      {
        g_autofree char *title = sb_story_dup_title_or_untitled (sb_review_card_get_story (card));

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      }
      if (principle != NULL)
        adw_action_row_set_subtitle (row, sb_principle_get_name (principle));

      if (rating == 0)
        detail = g_strdup (C_("review card", "Skipped"));
      else
        {
          g_autofree char *time = format_time (sb_review_card_get_seconds (card));

          /* Translators: a rated card in the summary, e.g. "4 Solid · 1:05" */
          detail = g_strdup_printf (_("%d %s · %s"), rating, rating_label (rating), time);
        }
      label = gtk_label_new (detail);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "review-timer");
      if (rating == 0)
        gtk_widget_add_css_class (label, "dim-label");
      else if (sb_review_card_get_seconds (card) > sb_review_session_get_target_seconds (self->session))
        {
          gtk_widget_add_css_class (label, "warning");
          gtk_widget_set_tooltip_text (label, _("Longer than the target time"));
        }
      adw_action_row_add_suffix (row, label);
      gtk_list_box_append (self->summary_list, GTK_WIDGET (row));
    }

  gtk_stack_set_visible_child_name (self->rehearse_stack, "summary");
  update_actions (self);
}

static void
show_card (SbRehearsePage *self)
{
  SbReviewCard *card = sb_review_session_get_current_card (self->session);
  SbPrinciple *principle;
  g_autofree char *progress = NULL;
  guint duration;

  if (card == NULL)
    {
      show_summary (self);
      return;
    }

  principle = sb_review_card_get_principle (card);
  progress = g_strdup_printf (_("Card %u of %u"), sb_review_session_get_position (self->session) + 1,
                              sb_review_session_get_n_cards (self->session));
  gtk_label_set_text (self->progress_label, progress);
  gtk_label_set_text (self->principle_label, principle ? sb_principle_get_name (principle) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->principle_label), principle != NULL);
  gtk_label_set_text (self->prompt_label, sb_review_card_get_prompt (card));

  /* Hide the previous story at once rather than sliding it away. */
  duration = gtk_revealer_get_transition_duration (self->story_revealer);
  gtk_revealer_set_transition_duration (self->story_revealer, 0);
  gtk_revealer_set_reveal_child (self->story_revealer, FALSE);
  gtk_revealer_set_transition_duration (self->story_revealer, duration);
  fill_story (self, sb_review_card_get_story (card));
  stop_listening (self, TRUE);
  show_answer (self, FALSE);
  self->suggested_rating = 0;

  gtk_stack_set_visible_child_name (self->rehearse_stack, "card");
  gtk_widget_grab_focus (GTK_WIDGET (self->reveal_button));
  update_card_state (self);
  check_can_listen (self);

  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
}

static void
set_session (SbRehearsePage  *self,
             SbReviewSession *session)
{
  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SbRehearsePage *self = SB_REHEARSE_PAGE (widget);
  g_autoptr(SbReviewSession) session = NULL;
  SbReviewScope scope;
  g_auto(GStrv) story_ids = NULL;
  guint target;

  gtk_spin_button_update (self->target_spin);
  target = (guint) gtk_spin_button_get_value_as_int (self->target_spin);
  g_settings_set_int (self->settings, "target-seconds", (int) target);

  get_scope (self, &scope, &story_ids);
  session = sb_review_session_new (self->library, self->catalog, &scope, NULL);
  sb_review_session_set_target_seconds (session, target);
  set_session (self, session);

  if (sb_review_session_get_n_cards (self->session) == 0)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->library)) == 0)
        adw_status_page_set_description (self->empty_page,
                                         _("Write a story first: close this window and press Ctrl+N."));
      else if (adw_combo_row_get_selected (self->scope_row) == SCOPE_ROW_DUE)
        adw_status_page_set_description (self->empty_page,
                                         _("No story planned for an interview is due today. Come back tomorrow, or rehearse others."));
      else if (scope.kind == SB_REVIEW_SCOPE_STORIES)
        adw_status_page_set_description (self->empty_page, _("Tick the stories you want to rehearse."));
      else
        adw_status_page_set_description (self->empty_page,
                                         _("No story is filed here yet. Choose other stories, or write one for this principle."));
      gtk_stack_set_visible_child_name (self->rehearse_stack, "empty");
      update_actions (self);
      return;
    }

  show_card (self);
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SbRehearsePage *self = SB_REHEARSE_PAGE (widget);

  stop_tick (self);
  stop_listening (self, TRUE);
  set_session (self, NULL);
  update_scope_count (self);
  gtk_stack_set_visible_child_name (self->rehearse_stack, "setup");
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SbRehearsePage *self = SB_REHEARSE_PAGE (widget);

  if (!on_card_page (self))
    return;
  sb_review_session_reveal (self->session);
  update_card_state (self);
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbRehearsePage *self = SB_REHEARSE_PAGE (widget);
  int rating = g_variant_get_int32 (param);

  if (!on_card_page (self) || rating < 1 || rating > N_RATINGS)
    return;
  if (sb_review_session_rate (self->session, rating))
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  update_card_state (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbRehearsePage *self = SB_REHEARSE_PAGE (widget);

  if (!on_card_page (self))
    return;
  sb_review_session_next (self->session);
  show_card (self);
}

static void
library_changed_cb (SbRehearsePage *self)
{
  g_assert (SB_IS_REHEARSE_PAGE (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->pick_group)))
    rebuild_pick_list (self);
  else
    remove_all (GTK_WIDGET (self->pick_list));
  update_scope_count (self);
}

/* Set-up ---------------------------------------------------------------- */

static void
lay_out_pair_cb (gpointer data)
{
  SbRehearsePage *self = data;
  gboolean wide = gtk_widget_get_width (GTK_WIDGET (self)) >= SIDE_BY_SIDE_WIDTH;

  self->pair_idle_id = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->story_pair),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  /* Two columns of the same width; one under the other, each its height. */
  gtk_box_set_homogeneous (self->story_pair, wide);
}

/* The page holds its stack as a bin does. */
static GtkSizeRequestMode
sb_rehearse_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
sb_rehearse_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

/* The story and its report side by side when the page is wide enough,
 * one under the other when not; changed after this allocation, never
 * during it.
 */
static void
sb_rehearse_page_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  SbRehearsePage *self = SB_REHEARSE_PAGE (widget);
  GtkOrientation wanted = width >= SIDE_BY_SIDE_WIDTH ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (wanted != gtk_orientable_get_orientation (GTK_ORIENTABLE (self->story_pair)) && self->pair_idle_id == 0)
    self->pair_idle_id = g_idle_add_once (lay_out_pair_cb, self);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
sb_rehearse_page_dispose (GObject *object)
{
  SbRehearsePage *self = (SbRehearsePage *) object;
  GtkWidget *child;

  stop_tick (self);
  g_clear_handle_id (&self->pair_idle_id, g_source_remove);
#ifdef HAVE_SPEECH
  if (self->listener != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->listener, self);
      sb_listener_cancel (self->listener);
      g_clear_object (&self->listener);
    }
#endif
  discard_keep_path (self);
  g_clear_pointer (&self->listen_date, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_REHEARSE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_object (&self->recordings);

  G_OBJECT_CLASS (sb_rehearse_page_parent_class)->dispose (object);
}

static void
sb_rehearse_page_finalize (GObject *object)
{
  SbRehearsePage *self = (SbRehearsePage *) object;

  g_clear_pointer (&self->framework_ids, g_ptr_array_unref);
  g_clear_pointer (&self->principle_ids, g_ptr_array_unref);
  g_clear_pointer (&self->picked, g_hash_table_unref);

  G_OBJECT_CLASS (sb_rehearse_page_parent_class)->finalize (object);
}

static void
sb_rehearse_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbRehearsePage *self = SB_REHEARSE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_rehearse_page_class_init (SbRehearsePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_rehearse_page_dispose;
  object_class->finalize = sb_rehearse_page_finalize;
  object_class->get_property = sb_rehearse_page_get_property;

  widget_class->get_request_mode = sb_rehearse_page_get_request_mode;
  widget_class->measure = sb_rehearse_page_measure;
  widget_class->size_allocate = sb_rehearse_page_size_allocate;

  /**
   * SbRehearsePage:session: (nullable)
   *
   * The rehearsal under way, from Start until the user chooses other
   * stories.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SB_TYPE_REVIEW_SESSION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-rehearse-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, answer_view);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, card_clamp);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, framework_row);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, heard_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, keys_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, level_bar);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, listen_note_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, listening_box);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, listening_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, next_button);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, pick_group);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, pick_list);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, principle_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, principle_row);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, rating_box);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, rating_heading_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, record_button);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, record_content);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, rehearse_stack);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, scope_count_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, scope_row);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, story_box);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, story_pair);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, story_revealer);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, summary_list);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, target_spin);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, timer_bar);
  gtk_widget_class_bind_template_child (widget_class, SbRehearsePage, timer_label);
  gtk_widget_class_bind_template_callback (widget_class, delete_recording_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_output_cb);

  gtk_widget_class_install_action (widget_class, "rehearse.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "rehearse.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "rehearse.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "rehearse.rate", "i", rate_action);
  gtk_widget_class_install_action (widget_class, "rehearse.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "rehearse.record", NULL, record_action);

  g_type_ensure (SB_TYPE_ANSWER_VIEW);
}

static void
sb_rehearse_page_init (SbRehearsePage *self)
{
  self->framework_ids = g_ptr_array_new_with_free_func (g_free);
  self->principle_ids = g_ptr_array_new_with_free_func (g_free);
  self->picked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bar fills toward the target; its colour is ours, not the offsets'. */
  gtk_level_bar_remove_offset_value (self->timer_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->timer_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->timer_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  for (int i = 0; i < N_RATINGS; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_autofree char *number = g_strdup_printf ("%d", i + 1);
      g_autofree char *tooltip = g_strdup_printf ("%d %s (%d)", i + 1, rating_label (i + 1), i + 1);
      GtkWidget *number_label = gtk_label_new (number);
      GtkWidget *word_label = gtk_label_new (rating_label (i + 1));

      gtk_widget_add_css_class (number_label, "title-3");
      gtk_widget_add_css_class (word_label, "caption");
      gtk_label_set_wrap (GTK_LABEL (word_label), TRUE);
      gtk_label_set_justify (GTK_LABEL (word_label), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (box), number_label);
      gtk_box_append (GTK_BOX (box), word_label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "rating-button");
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "rehearse.rate");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", i + 1);
      gtk_box_append (self->rating_box, button);
      self->rating_buttons[i] = button;
    }

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_spin_button_set_value (self->target_spin, g_settings_get_int (self->settings, "target-seconds"));

  show_answer (self, FALSE);
#ifndef HAVE_SPEECH
  self->cannot_listen = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->record_button), FALSE);
  set_listen_note (self, _("This Storybank was built without listening: answer aloud and rate yourself."), FALSE);
  gtk_label_set_text (self->keys_label, _("Space reveals · 1–5 rates · Right or N moves on · Escape leaves"));
#endif
}


/**
 * sb_rehearse_page_set_model:
 * @principle_id: (nullable): the principle to rehearse first, e.g. the
 *   one selected in the sidebar
 *
 * Rehearses the stories of @library; call it once.
 */
void
sb_rehearse_page_set_model (SbRehearsePage *self,
                            SbCatalog      *catalog,
                            SbLibrary      *library,
                            const char     *principle_id)
{
  GListModel *principles;
  g_autoptr(GtkStringList) principle_names = gtk_string_list_new (NULL);
  SbPrinciple *principle;

  g_return_if_fail (SB_IS_REHEARSE_PAGE (self));
  g_return_if_fail (SB_IS_CATALOG (catalog));
  g_return_if_fail (SB_IS_LIBRARY (library));
  g_return_if_fail (self->catalog == NULL);

  self->catalog = g_object_ref (catalog);
  self->library = g_object_ref (library);

  _sb_combo_row_set_frameworks (self->framework_row, catalog, self->framework_ids);

  principles = sb_catalog_get_principles (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) p = g_list_model_get_item (principles, i);

      g_ptr_array_add (self->principle_ids, g_strdup (sb_principle_get_id (p)));
      gtk_string_list_append (principle_names, sb_principle_get_name (p));
    }

  adw_combo_row_set_model (self->principle_row, G_LIST_MODEL (principle_names));

  /* Rehearse the principle the user is looking at, if any. */
  principle = principle_id ? sb_catalog_lookup (catalog, principle_id) : NULL;
  if (principle != NULL)
    {
      _sb_combo_row_select_id (self->principle_row, self->principle_ids, principle_id);
      _sb_combo_row_select_id (self->framework_row, self->framework_ids, sb_principle_get_framework_id (principle));
      adw_combo_row_set_selected (self->scope_row, SCOPE_ROW_PRINCIPLE);
    }
  else
    _sb_combo_row_select_id (self->framework_row, self->framework_ids, "amazon");

  g_signal_connect_object (library, "items-changed", G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);

  scope_changed_cb (self);
  update_actions (self);
}

/**
 * sb_rehearse_page_rehearse_principle:
 *
 * Goes back to the setup page with the stories of @principle_id chosen.
 */
void
sb_rehearse_page_rehearse_principle (SbRehearsePage *self,
                                     const char     *principle_id)
{
  g_return_if_fail (SB_IS_REHEARSE_PAGE (self));
  g_return_if_fail (principle_id != NULL);

  adw_combo_row_set_selected (self->scope_row, SCOPE_ROW_PRINCIPLE);
  _sb_combo_row_select_id (self->principle_row, self->principle_ids, principle_id);
  restart_action (GTK_WIDGET (self), NULL, NULL);
}

/**
 * sb_rehearse_page_focus_start:
 *
 * Gives the Start button the focus and makes it the default of the page's
 * window, so Enter starts. Call it once the page is in its window and has
 * something to rehearse (sb_rehearse_page_set_model()).
 */
void
sb_rehearse_page_focus_start (SbRehearsePage *self)
{
  GtkRoot *root;

  g_return_if_fail (SB_IS_REHEARSE_PAGE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (self->start_button));
      gtk_window_set_focus (GTK_WINDOW (root), GTK_WIDGET (self->start_button));
    }
}

/**
 * sb_rehearse_page_activate_default:
 *
 * What Enter does when the page's window has it activate its default:
 * on the setup page, start rehearsing.
 *
 * Returns: %TRUE if the page did something
 */
gboolean
sb_rehearse_page_activate_default (SbRehearsePage *self)
{
  g_return_val_if_fail (SB_IS_REHEARSE_PAGE (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->rehearse_stack), "setup") != 0)
    return FALSE;
  start_action (GTK_WIDGET (self), NULL, NULL);
  return TRUE;
}

/**
 * sb_rehearse_page_handle_key:
 * @keyval: a key pressed without modifiers
 *
 * On a card, Space reveals the story, 1 to 5 rate it, Right or N moves on.
 * The window calls this from its key controller (capture phase), so the
 * keys work even while a button has the focus.
 *
 * Returns: %TRUE if the key was used
 */
gboolean
sb_rehearse_page_handle_key (SbRehearsePage *self,
                             guint           keyval)
{
  g_return_val_if_fail (SB_IS_REHEARSE_PAGE (self), FALSE);

  if (!on_card_page (self))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_r:
    case GDK_KEY_R:
      gtk_widget_activate_action (GTK_WIDGET (self), "rehearse.record", NULL);
      return TRUE;

    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      gtk_widget_activate_action (GTK_WIDGET (self), "rehearse.reveal", NULL);
      return TRUE;

    case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4: case GDK_KEY_5:
      gtk_widget_activate_action (GTK_WIDGET (self), "rehearse.rate", "i", (int) (keyval - GDK_KEY_0));
      return TRUE;

    case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4: case GDK_KEY_KP_5:
      gtk_widget_activate_action (GTK_WIDGET (self), "rehearse.rate", "i", (int) (keyval - GDK_KEY_KP_0));
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_n:
    case GDK_KEY_N:
      gtk_widget_activate_action (GTK_WIDGET (self), "rehearse.next", NULL);
      return TRUE;

    default:
      return FALSE;
    }
}

/**
 * sb_rehearse_page_get_session:
 *
 * Returns: (transfer none) (nullable): the rehearsal under way, if any
 */
SbReviewSession *
sb_rehearse_page_get_session (SbRehearsePage *self)
{
  g_return_val_if_fail (SB_IS_REHEARSE_PAGE (self), NULL);

  return self->session;
}

/**
 * sb_rehearse_page_get_visible_page:
 *
 * Returns: "setup", "card", "summary" or "empty"
 */
const char *
sb_rehearse_page_get_visible_page (SbRehearsePage *self)
{
  g_return_val_if_fail (SB_IS_REHEARSE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->rehearse_stack);
}

/**
 * sb_rehearse_page_set_recordings:
 * @recordings: (nullable): where the answers heard are kept
 */
void
sb_rehearse_page_set_recordings (SbRehearsePage *self,
                                 SbRecordings   *recordings)
{
  g_return_if_fail (SB_IS_REHEARSE_PAGE (self));
  g_return_if_fail (recordings == NULL || SB_IS_RECORDINGS (recordings));

  g_set_object (&self->recordings, recordings);
}

/**
 * sb_rehearse_page_toggle_recording:
 *
 * On a card, starts listening to the answer, or stops (Ctrl+Shift+R).
 *
 * Returns: %TRUE if the page did something
 */
gboolean
sb_rehearse_page_toggle_recording (SbRehearsePage *self)
{
  g_return_val_if_fail (SB_IS_REHEARSE_PAGE (self), FALSE);

  if (!on_card_page (self))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "rehearse.record", NULL);
}

/**
 * sb_rehearse_page_get_listening:
 *
 * Returns: whether an answer is being heard (or worked out)
 */
gboolean
sb_rehearse_page_get_listening (SbRehearsePage *self)
{
  g_return_val_if_fail (SB_IS_REHEARSE_PAGE (self), FALSE);

  return is_listening (self);
}

/**
 * sb_rehearse_page_rehearse_due:
 *
 * Goes back to the setup page with the Due today scope chosen: the
 * stories planned for an interview whose rehearsal is today or overdue.
 */
void
sb_rehearse_page_rehearse_due (SbRehearsePage *self)
{
  g_return_if_fail (SB_IS_REHEARSE_PAGE (self));

  adw_combo_row_set_selected (self->scope_row, SCOPE_ROW_DUE);
  restart_action (GTK_WIDGET (self), NULL, NULL);
}
