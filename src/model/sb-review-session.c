/* sb-review-session.c: one rehearsal, card by card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session is built from a scope (all stories, a framework, a principle or
 * a list) and shows its stories weakest first (see sb_review_compare()).
 * For each card the user answers the prompt aloud, reveals the story to
 * compare, and rates how it went from 1 to 5; the rating is recorded on
 * the story with sb_story_record_practice(), so it is saved like any edit.
 *
 * Times are monotonic microseconds. Every call that moves the session on
 * has an _at() variant taking the time, for tests and for a caller with its
 * own clock; the plain ones read g_get_monotonic_time().
 */

#define G_LOG_DOMAIN "sb-review-session"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-review-session.h"

#define DEFAULT_TARGET_SECONDS 120

struct _SbReviewSession
{
  GObject     parent_instance;
  GListStore *cards;
  guint       position;
  guint       n_cards;
  guint       target_seconds;
};

G_DEFINE_FINAL_TYPE (SbReviewSession, sb_review_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CARDS,
  PROP_CURRENT_CARD,
  PROP_POSITION,
  PROP_N_CARDS,
  PROP_REVEALED,
  PROP_FINISHED,
  PROP_TARGET_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_review_session_dispose (GObject *object)
{
  SbReviewSession *self = (SbReviewSession *) object;

  g_clear_object (&self->cards);

  G_OBJECT_CLASS (sb_review_session_parent_class)->dispose (object);
}

static void
sb_review_session_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbReviewSession *self = SB_REVIEW_SESSION (object);

  switch (prop_id)
    {
    case PROP_CARDS:
      g_value_set_object (value, self->cards);
      break;

    case PROP_CURRENT_CARD:
      g_value_set_object (value, sb_review_session_get_current_card (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_N_CARDS:
      g_value_set_uint (value, self->n_cards);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, sb_review_session_get_revealed (self));
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, sb_review_session_get_finished (self));
      break;

    case PROP_TARGET_SECONDS:
      g_value_set_uint (value, self->target_seconds);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_review_session_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbReviewSession *self = SB_REVIEW_SESSION (object);

  switch (prop_id)
    {
    case PROP_TARGET_SECONDS:
      sb_review_session_set_target_seconds (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_review_session_class_init (SbReviewSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_review_session_dispose;
  object_class->get_property = sb_review_session_get_property;
  object_class->set_property = sb_review_session_set_property;

  properties[PROP_CARDS] =
    g_param_spec_object ("cards", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURRENT_CARD] =
    g_param_spec_object ("current-card", NULL, NULL, SB_TYPE_REVIEW_CARD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_CARDS] =
    g_param_spec_uint ("n-cards", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TARGET_SECONDS] =
    g_param_spec_uint ("target-seconds", NULL, NULL, 1, G_MAXUINT, DEFAULT_TARGET_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_review_session_init (SbReviewSession *self)
{
  self->cards = g_list_store_new (SB_TYPE_REVIEW_CARD);
  self->target_seconds = DEFAULT_TARGET_SECONDS;
}

/**
 * sb_review_session_new:
 * @scope: which stories to rehearse
 * @now: (nullable): the time the session starts, for the order; %NULL for now
 *
 * Returns: (transfer full): a session on its first card, its timer running
 */
SbReviewSession *
sb_review_session_new (SbLibrary           *library,
                       SbCatalog           *catalog,
                       const SbReviewScope *scope,
                       GDateTime           *now)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  SbReviewSession *self;

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  self = g_object_new (SB_TYPE_REVIEW_SESSION, NULL);

  stories = sb_review_collect (library, catalog, scope);
  ordered = sb_review_order (stories, now);

  for (guint i = 0; i < ordered->len; i++)
    {
      SbStory *story = g_ptr_array_index (ordered, i);
      SbPrinciple *principle = sb_review_pick_principle (story, catalog, scope);
      g_autofree char *prompt = sb_review_dup_prompt (story, principle);
      g_autoptr(SbReviewCard) card = sb_review_card_new (story, principle, prompt);

      g_list_store_append (self->cards, card);
    }
  self->n_cards = ordered->len;

  sb_review_session_start_at (self, g_get_monotonic_time ());

  return self;
}

/**
 * sb_review_session_get_cards:
 *
 * Returns: (transfer none): the cards (#SbReviewCard) in rehearsal order
 */
GListModel *
sb_review_session_get_cards (SbReviewSession *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), NULL);
  return G_LIST_MODEL (self->cards);
}

/**
 * sb_review_session_get_current_card:
 *
 * Returns: (transfer none) (nullable): the card shown, %NULL once finished
 */
SbReviewCard *
sb_review_session_get_current_card (SbReviewSession *self)
{
  SbReviewCard *card;

  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), NULL);

  if (self->position >= self->n_cards)
    return NULL;

  /* The store keeps its own reference: hand out a borrowed one. */
  card = g_list_model_get_item (G_LIST_MODEL (self->cards), self->position);
  g_object_unref (card);
  return card;
}

guint
sb_review_session_get_position (SbReviewSession *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), 0);
  return self->position;
}

guint
sb_review_session_get_n_cards (SbReviewSession *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), 0);
  return self->n_cards;
}

gboolean
sb_review_session_get_revealed (SbReviewSession *self)
{
  SbReviewCard *card;

  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), FALSE);

  card = sb_review_session_get_current_card (self);
  return card != NULL && sb_review_card_get_revealed (card);
}

gboolean
sb_review_session_get_finished (SbReviewSession *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), FALSE);
  return self->position >= self->n_cards;
}

guint
sb_review_session_get_target_seconds (SbReviewSession *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), DEFAULT_TARGET_SECONDS);
  return self->target_seconds;
}

/**
 * sb_review_session_set_target_seconds:
 * @target_seconds: how long an answer should take, or 0 for the default
 *   (120 s)
 */
void
sb_review_session_set_target_seconds (SbReviewSession *self,
                                      guint            target_seconds)
{
  g_return_if_fail (SB_IS_REVIEW_SESSION (self));

  if (target_seconds == 0)
    target_seconds = DEFAULT_TARGET_SECONDS;

  if (self->target_seconds != target_seconds)
    {
      self->target_seconds = target_seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_SECONDS]);
    }
}

/**
 * sb_review_session_start_at:
 * @time_us: a monotonic time
 *
 * (Re)starts the current card's timer, e.g. when the rehearsal page is
 * shown some time after the session was built.
 */
void
sb_review_session_start_at (SbReviewSession *self,
                            gint64           time_us)
{
  SbReviewCard *card;

  g_return_if_fail (SB_IS_REVIEW_SESSION (self));

  card = sb_review_session_get_current_card (self);
  if (card != NULL && !sb_review_card_get_revealed (card))
    _sb_review_card_start (card, time_us);
}

gboolean
sb_review_session_reveal (SbReviewSession *self)
{
  return sb_review_session_reveal_at (self, g_get_monotonic_time ());
}

/**
 * sb_review_session_reveal_at:
 *
 * Shows the story of the current card: the answer's time stops here.
 *
 * Returns: %TRUE if the card was revealed now, %FALSE if it already was or
 * the session is finished
 */
gboolean
sb_review_session_reveal_at (SbReviewSession *self,
                             gint64           time_us)
{
  SbReviewCard *card;

  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), FALSE);

  card = sb_review_session_get_current_card (self);
  if (card == NULL || sb_review_card_get_revealed (card))
    return FALSE;

  _sb_review_card_reveal (card, time_us);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
  return TRUE;
}

gboolean
sb_review_session_rate (SbReviewSession *self,
                        int              confidence)
{
  return sb_review_session_rate_at (self, confidence, g_get_monotonic_time (), NULL);
}

/**
 * sb_review_session_rate_at:
 * @confidence: how well it went, 1-5
 * @time_us: a monotonic time
 * @when: (nullable): the wall-clock time recorded on the story, %NULL for now
 *
 * Rates the current card and records the practice on its story (count,
 * last practised, confidence). Reveals the card first if it was not.
 * A card is rated once; use sb_review_session_next() to move on.
 *
 * Returns: %TRUE if the rating was recorded
 */
gboolean
sb_review_session_rate_at (SbReviewSession *self,
                           int              confidence,
                           gint64           time_us,
                           GDateTime       *when)
{
  SbReviewCard *card;
  gboolean was_revealed;

  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), FALSE);
  g_return_val_if_fail (confidence >= 1 && confidence <= 5, FALSE);

  card = sb_review_session_get_current_card (self);
  if (card == NULL || sb_review_card_get_rating (card) != 0)
    return FALSE;

  was_revealed = sb_review_card_get_revealed (card);
  _sb_review_card_rate (card, confidence, time_us);
  sb_story_record_practice (sb_review_card_get_story (card), confidence, when);

  if (!was_revealed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);

  return TRUE;
}

gboolean
sb_review_session_next (SbReviewSession *self)
{
  return sb_review_session_next_at (self, g_get_monotonic_time ());
}

/**
 * sb_review_session_next_at:
 * @time_us: a monotonic time: the next card's timer starts here
 *
 * Moves to the next card (the current one may be left unrated: skipped).
 * After the last card the session is finished.
 *
 * Returns: %TRUE if there is a next card
 */
gboolean
sb_review_session_next_at (SbReviewSession *self,
                           gint64           time_us)
{
  gboolean was_revealed;

  g_return_val_if_fail (SB_IS_REVIEW_SESSION (self), FALSE);

  if (self->position >= self->n_cards)
    return FALSE;

  was_revealed = sb_review_session_get_revealed (self);
  self->position++;
  sb_review_session_start_at (self, time_us);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_CARD]);
  if (was_revealed != sb_review_session_get_revealed (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
  if (self->position == self->n_cards)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);

  return self->position < self->n_cards;
}

/**
 * sb_review_session_get_summary:
 * @summary: (out caller-allocates): the figures so far
 *
 * Sums up the rated cards; the seconds of each card are on the cards
 * (sb_review_card_get_seconds()).
 */
void
sb_review_session_get_summary (SbReviewSession *self,
                               SbReviewSummary *summary)
{
  guint confidence_sum = 0;

  g_return_if_fail (SB_IS_REVIEW_SESSION (self));
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->n_cards = self->n_cards;

  for (guint i = 0; i < self->n_cards; i++)
    {
      g_autoptr(SbReviewCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);
      double seconds;

      if (sb_review_card_get_rating (card) == 0)
        continue;

      seconds = sb_review_card_get_seconds (card);
      summary->n_done++;
      confidence_sum += sb_review_card_get_rating (card);
      summary->total_seconds += seconds;
      if (seconds > self->target_seconds)
        summary->n_over_target++;
    }

  if (summary->n_done > 0)
    {
      summary->average_confidence = (double) confidence_sum / summary->n_done;
      summary->average_seconds = summary->total_seconds / summary->n_done;
    }
}
