/* sb-review-card.c: one story in a rehearsal, with its prompt and timing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-review-card"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-review-card.h"

struct _SbReviewCard
{
  GObject      parent_instance;
  SbStory     *story;
  SbPrinciple *principle;
  char        *prompt;
  /* Monotonic times in µs (g_get_monotonic_time()), 0 when not yet. */
  gint64       started;
  gint64       revealed;
  gint64       rated;
  int          rating;
};

G_DEFINE_FINAL_TYPE (SbReviewCard, sb_review_card, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORY,
  PROP_PRINCIPLE,
  PROP_PROMPT,
  PROP_RATING,
  PROP_REVEALED,
  PROP_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_review_card_dispose (GObject *object)
{
  SbReviewCard *self = (SbReviewCard *) object;

  g_clear_object (&self->story);
  g_clear_object (&self->principle);

  G_OBJECT_CLASS (sb_review_card_parent_class)->dispose (object);
}

static void
sb_review_card_finalize (GObject *object)
{
  SbReviewCard *self = (SbReviewCard *) object;

  g_free (self->prompt);

  G_OBJECT_CLASS (sb_review_card_parent_class)->finalize (object);
}

static void
sb_review_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbReviewCard *self = SB_REVIEW_CARD (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;

    case PROP_PRINCIPLE:
      g_value_set_object (value, self->principle);
      break;

    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;

    case PROP_RATING:
      g_value_set_int (value, self->rating);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed != 0);
      break;

    case PROP_SECONDS:
      g_value_set_double (value, sb_review_card_get_seconds (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_review_card_class_init (SbReviewCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_review_card_dispose;
  object_class->finalize = sb_review_card_finalize;
  object_class->get_property = sb_review_card_get_property;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRINCIPLE] =
    g_param_spec_object ("principle", NULL, NULL, SB_TYPE_PRINCIPLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROMPT] =
    g_param_spec_string ("prompt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RATING] =
    g_param_spec_int ("rating", NULL, NULL, 0, 5, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SECONDS] =
    g_param_spec_double ("seconds", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_review_card_init (SbReviewCard *self)
{
}

/**
 * sb_review_card_new:
 * @principle: (nullable): the principle the story is rehearsed for
 *
 * Returns: (transfer full): a card not yet started
 */
SbReviewCard *
sb_review_card_new (SbStory     *story,
                    SbPrinciple *principle,
                    const char  *prompt)
{
  SbReviewCard *self;

  g_return_val_if_fail (SB_IS_STORY (story), NULL);
  g_return_val_if_fail (principle == NULL || SB_IS_PRINCIPLE (principle), NULL);

  self = g_object_new (SB_TYPE_REVIEW_CARD, NULL);
  self->story = g_object_ref (story);
  self->principle = principle ? g_object_ref (principle) : NULL;
  self->prompt = g_strdup (prompt ? prompt : "");

  return self;
}

SbStory *
sb_review_card_get_story (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), NULL);
  return self->story;
}

SbPrinciple *
sb_review_card_get_principle (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), NULL);
  return self->principle;
}

const char *
sb_review_card_get_prompt (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), NULL);
  return self->prompt;
}

/* The rating given, 1-5, or 0 while not rated (skipped or not reached). */
int
sb_review_card_get_rating (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), 0);
  return self->rating;
}

gboolean
sb_review_card_get_revealed (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), FALSE);
  return self->revealed != 0;
}

/**
 * sb_review_card_get_seconds:
 *
 * Returns: how long the answer took: from the card's start to the reveal
 * of the story (the user answers aloud, then looks), or 0 before that
 */
double
sb_review_card_get_seconds (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), 0);

  if (self->started == 0 || self->revealed == 0)
    return 0;
  return MAX (self->revealed - self->started, 0) / (double) G_USEC_PER_SEC;
}

gint64
sb_review_card_get_started (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), 0);
  return self->started;
}

gint64
sb_review_card_get_revealed_at (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), 0);
  return self->revealed;
}

gint64
sb_review_card_get_rated_at (SbReviewCard *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_CARD (self), 0);
  return self->rated;
}

void
_sb_review_card_start (SbReviewCard *self,
                       gint64        time_us)
{
  g_assert (SB_IS_REVIEW_CARD (self));

  /* A zero time means "not yet": keep a real start distinguishable. */
  self->started = MAX (time_us, 1);
}

void
_sb_review_card_reveal (SbReviewCard *self,
                        gint64        time_us)
{
  g_assert (SB_IS_REVIEW_CARD (self));

  if (self->revealed != 0)
    return;

  if (self->started == 0)
    self->started = MAX (time_us, 1);
  self->revealed = MAX (time_us, self->started);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS]);
}

void
_sb_review_card_rate (SbReviewCard *self,
                      int           rating,
                      gint64        time_us)
{
  g_assert (SB_IS_REVIEW_CARD (self));
  g_assert (rating >= 1 && rating <= 5);

  _sb_review_card_reveal (self, time_us);
  self->rated = MAX (time_us, self->revealed);
  if (self->rating != rating)
    {
      self->rating = rating;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATING]);
    }
}
