/* sb-interview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-interview"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-interview.h"
#include "sb-json.h"
#include "sb-text-private.h"

G_DEFINE_ENUM_TYPE (SbInterviewOutcome, sb_interview_outcome,
  G_DEFINE_ENUM_VALUE (SB_INTERVIEW_OUTCOME_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SB_INTERVIEW_OUTCOME_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (SB_INTERVIEW_OUTCOME_NEXT, "next"),
  G_DEFINE_ENUM_VALUE (SB_INTERVIEW_OUTCOME_OFFER, "offer"),
  G_DEFINE_ENUM_VALUE (SB_INTERVIEW_OUTCOME_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (SB_INTERVIEW_OUTCOME_WITHDREW, "withdrew"))

/* The data file's words for the outcomes, in the enum's order. */
static const char * const outcome_names[] = {
  "", "waiting", "next", "offer", "rejected", "withdrew"
};

/* An interview loop at one company: the posting, the rounds, the
 * outcome. Each round is watched, so an edit of a round is an edit of
 * the interview (::changed) and the library saves it.
 */
struct _SbInterview
{
  GObject             parent_instance;

  char               *id;
  char               *company;
  char               *role;
  GDateTime          *date;
  char               *posting;
  char               *notes;
  SbInterviewOutcome  outcome;
  /* An outcome this version does not know, written back as it was. */
  char               *unknown_outcome;
  GListStore         *rounds;

  /* Members this version does not know, and their JSON text. */
  char              **extra_keys;
  char              **extra_values;
};

G_DEFINE_FINAL_TYPE (SbInterview, sb_interview, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_COMPANY,
  PROP_ROLE,
  PROP_DATE,
  PROP_POSTING,
  PROP_NOTES,
  PROP_OUTCOME,
  PROP_N_ROUNDS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_keys[] = {
  "id", "company", "role", "date", "posting", "notes", "outcome", "rounds", NULL
};

/**
 * sb_interview_outcome_to_string:
 *
 * Returns: the outcome as the data file writes it ("" for none)
 */
const char *
sb_interview_outcome_to_string (SbInterviewOutcome outcome)
{
  g_return_val_if_fail (outcome <= SB_INTERVIEW_OUTCOME_WITHDREW, "");

  return outcome_names[outcome];
}

const char *
sb_interview_outcome_get_label (SbInterviewOutcome outcome)
{
  switch (outcome)
    {
    case SB_INTERVIEW_OUTCOME_WAITING:
      return _("Waiting to hear");
    case SB_INTERVIEW_OUTCOME_NEXT:
      return _("Invited to a next round");
    case SB_INTERVIEW_OUTCOME_OFFER:
      return _("Offer");
    case SB_INTERVIEW_OUTCOME_REJECTED:
      return _("Not selected");
    case SB_INTERVIEW_OUTCOME_WITHDREW:
      return _("Withdrew");
    case SB_INTERVIEW_OUTCOME_NONE:
    default:
      return _("Not known yet");
    }
}

static void
sb_interview_changed (SbInterview *self,
                      guint        prop)
{
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
round_changed_cb (SbInterview *self,
                  SbRound     *round)
{
  g_assert (SB_IS_INTERVIEW (self));
  g_assert (SB_IS_ROUND (round));

  sb_interview_changed (self, PROP_0);
}

static void
sb_interview_dispose (GObject *object)
{
  SbInterview *self = (SbInterview *)object;

  if (self->rounds != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rounds));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SbRound) round = g_list_model_get_item (G_LIST_MODEL (self->rounds), i);

          g_signal_handlers_disconnect_by_func (round, round_changed_cb, self);
        }
    }
  g_clear_object (&self->rounds);

  G_OBJECT_CLASS (sb_interview_parent_class)->dispose (object);
}

static void
sb_interview_finalize (GObject *object)
{
  SbInterview *self = (SbInterview *)object;

  g_free (self->id);
  g_free (self->company);
  g_free (self->role);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self->posting);
  g_free (self->notes);
  g_free (self->unknown_outcome);
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);

  G_OBJECT_CLASS (sb_interview_parent_class)->finalize (object);
}

static void
sb_interview_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbInterview *self = SB_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;
    case PROP_POSTING:
      g_value_set_string (value, self->posting);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case PROP_N_ROUNDS:
      g_value_set_uint (value, sb_interview_get_n_rounds (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_interview_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbInterview *self = SB_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_COMPANY:
      sb_interview_set_company (self, g_value_get_string (value));
      break;
    case PROP_ROLE:
      sb_interview_set_role (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      sb_interview_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_POSTING:
      sb_interview_set_posting (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      sb_interview_set_notes (self, g_value_get_string (value));
      break;
    case PROP_OUTCOME:
      sb_interview_set_outcome (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_interview_class_init (SbInterviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sb_interview_dispose;
  object_class->finalize = sb_interview_finalize;
  object_class->get_property = sb_interview_get_property;
  object_class->set_property = sb_interview_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, "", rw);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "", rw);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_POSTING] = g_param_spec_string ("posting", NULL, NULL, "", rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);
  properties[PROP_OUTCOME] = g_param_spec_enum ("outcome", NULL, NULL, SB_TYPE_INTERVIEW_OUTCOME,
                                                SB_INTERVIEW_OUTCOME_NONE, rw);
  properties[PROP_N_ROUNDS] = g_param_spec_uint ("n-rounds", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbInterview::changed:
   *
   * Emitted after any edit of the interview or of one of its rounds.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
sb_interview_init (SbInterview *self)
{
  self->company = g_strdup ("");
  self->role = g_strdup ("");
  self->posting = g_strdup ("");
  self->notes = g_strdup ("");
  self->rounds = g_list_store_new (SB_TYPE_ROUND);
}

/**
 * sb_interview_new:
 * @company: (nullable): the company
 * @role: (nullable): the role applied for
 * @date: (nullable): when it takes place; kept in local time
 *
 * Returns: (transfer full): a new interview with a new id and no rounds
 */
SbInterview *
sb_interview_new (const char *company,
                  const char *role,
                  GDateTime  *date)
{
  SbInterview *self = g_object_new (SB_TYPE_INTERVIEW, NULL);

  self->id = g_uuid_string_random ();
  g_free (self->company);
  self->company = g_strdup (company ? company : "");
  g_free (self->role);
  self->role = g_strdup (role ? role : "");
  self->date = date ? g_date_time_to_local (date) : NULL;
  return self;
}

static void
get_string_or_skip (JsonObject  *object,
                    const char  *member,
                    char       **value)
{
  const char *text = NULL;

  if (sb_json_get_string (object, member, &text, NULL) && text != NULL)
    {
      g_free (*value);
      *value = g_strdup (text);
    }
}

static void
attach_round (SbInterview *self,
              SbRound     *round)
{
  g_signal_connect_object (round, "changed", G_CALLBACK (round_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * sb_interview_new_from_json:
 *
 * Reads an interview as the data file's "interviews" array holds it.
 * Members of the wrong type are ignored (the interview loads with the
 * rest), an interview without an id gets a new one, and members this
 * version does not know are kept.
 *
 * Returns: (transfer full): the interview
 */
SbInterview *
sb_interview_new_from_json (JsonObject  *object,
                            GError     **error)
{
  SbInterview *self;
  const char *outcome = NULL;
  JsonNode *rounds;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (SB_TYPE_INTERVIEW, NULL);
  get_string_or_skip (object, "id", &self->id);
  if (self->id == NULL || self->id[0] == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
  get_string_or_skip (object, "company", &self->company);
  get_string_or_skip (object, "role", &self->role);
  if (sb_json_get_date (object, "date", &self->date, NULL) && self->date != NULL)
    {
      GDateTime *local = g_date_time_to_local (self->date);

      g_date_time_unref (self->date);
      self->date = local;
    }
  get_string_or_skip (object, "posting", &self->posting);
  get_string_or_skip (object, "notes", &self->notes);

  if (sb_json_get_string (object, "outcome", &outcome, NULL) && outcome != NULL && outcome[0] != '\0')
    {
      self->unknown_outcome = g_strdup (outcome);
      for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
        if (g_str_equal (outcome, outcome_names[i]))
          {
            self->outcome = i;
            g_clear_pointer (&self->unknown_outcome, g_free);
          }
    }

  rounds = json_object_get_member (object, "rounds");
  if (rounds != NULL && JSON_NODE_HOLDS_ARRAY (rounds))
    {
      JsonArray *array = json_node_get_array (rounds);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autoptr(SbRound) round = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          round = sb_round_new_from_json (json_node_get_object (element), NULL);
          if (sb_interview_find_round (self, sb_round_get_id (round)) != NULL)
            continue;
          attach_round (self, round);
          g_list_store_append (self->rounds, round);
        }
    }

  sb_json_collect_extra (object, known_keys, &self->extra_keys, &self->extra_values);
  return self;
}

/**
 * sb_interview_write_json:
 * @indent: the depth of the interview's opening brace
 *
 * Appends the interview as a JSON object, unknown members kept.
 */
void
sb_interview_write_json (SbInterview *self,
                         GString     *out,
                         guint        indent)
{
  guint n;

  g_return_if_fail (SB_IS_INTERVIEW (self));

  g_string_append_c (out, '{');
  sb_json_write_member (out, indent + 1, "id");
  sb_json_write_string (out, self->id);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "company");
  sb_json_write_string (out, self->company);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "role");
  sb_json_write_string (out, self->role);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "date");
  sb_json_write_date (out, self->date);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "posting");
  sb_json_write_string (out, self->posting);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "notes");
  sb_json_write_string (out, self->notes);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "outcome");
  sb_json_write_string (out, self->unknown_outcome ? self->unknown_outcome : outcome_names[self->outcome]);
  g_string_append_c (out, ',');
  sb_json_write_member (out, indent + 1, "rounds");
  g_string_append_c (out, '[');
  n = sb_interview_get_n_rounds (self);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      sb_json_write_indent (out, indent + 2);
      sb_round_write_json (sb_interview_get_round (self, i), out, indent + 2);
    }
  if (n > 0)
    sb_json_write_indent (out, indent + 1);
  g_string_append_c (out, ']');
  sb_json_write_extra (out, indent + 1,
                       (const char * const *) self->extra_keys,
                       (const char * const *) self->extra_values);
  sb_json_write_indent (out, indent);
  g_string_append_c (out, '}');
}

/**
 * sb_interview_dup_json:
 *
 * Returns: (transfer full): the interview as one JSON object
 */
char *
sb_interview_dup_json (SbInterview *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  sb_interview_write_json (self, out, 0);
  return g_string_free (out, FALSE);
}

/**
 * sb_interview_copy:
 *
 * Returns: (transfer full): an interview with the same id and content,
 *   its rounds copied
 */
SbInterview *
sb_interview_copy (SbInterview *self)
{
  SbInterview *copy;
  guint n;

  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  copy = g_object_new (SB_TYPE_INTERVIEW, NULL);
  copy->id = g_strdup (self->id);
  g_free (copy->company);
  copy->company = g_strdup (self->company);
  g_free (copy->role);
  copy->role = g_strdup (self->role);
  copy->date = self->date ? g_date_time_ref (self->date) : NULL;
  g_free (copy->posting);
  copy->posting = g_strdup (self->posting);
  g_free (copy->notes);
  copy->notes = g_strdup (self->notes);
  copy->outcome = self->outcome;
  copy->unknown_outcome = g_strdup (self->unknown_outcome);
  copy->extra_keys = g_strdupv (self->extra_keys);
  copy->extra_values = g_strdupv (self->extra_values);

  n = sb_interview_get_n_rounds (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbRound) round = sb_round_copy (sb_interview_get_round (self, i));

      attach_round (copy, round);
      g_list_store_append (copy->rounds, round);
    }

  return copy;
}

const char *
sb_interview_get_id (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  return self->id;
}

const char *
sb_interview_get_company (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  return self->company;
}

void
sb_interview_set_company (SbInterview *self,
                          const char  *company)
{
  g_return_if_fail (SB_IS_INTERVIEW (self));

  if (_sb_set_text (&self->company, company))
    sb_interview_changed (self, PROP_COMPANY);
}

const char *
sb_interview_get_role (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  return self->role;
}

void
sb_interview_set_role (SbInterview *self,
                       const char  *role)
{
  g_return_if_fail (SB_IS_INTERVIEW (self));

  if (_sb_set_text (&self->role, role))
    sb_interview_changed (self, PROP_ROLE);
}

/**
 * sb_interview_get_date:
 *
 * Returns: (transfer none) (nullable): when the interview takes place,
 *   in local time
 */
GDateTime *
sb_interview_get_date (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  return self->date;
}

void
sb_interview_set_date (SbInterview *self,
                       GDateTime   *date)
{
  g_return_if_fail (SB_IS_INTERVIEW (self));

  if (self->date == date || (self->date != NULL && date != NULL && g_date_time_equal (self->date, date)))
    return;
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = date ? g_date_time_to_local (date) : NULL;
  sb_interview_changed (self, PROP_DATE);
}

const char *
sb_interview_get_posting (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  return self->posting;
}

void
sb_interview_set_posting (SbInterview *self,
                          const char  *posting)
{
  g_return_if_fail (SB_IS_INTERVIEW (self));

  if (_sb_set_text (&self->posting, posting))
    sb_interview_changed (self, PROP_POSTING);
}

const char *
sb_interview_get_notes (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  return self->notes;
}

void
sb_interview_set_notes (SbInterview *self,
                        const char  *notes)
{
  g_return_if_fail (SB_IS_INTERVIEW (self));

  if (_sb_set_text (&self->notes, notes))
    sb_interview_changed (self, PROP_NOTES);
}

SbInterviewOutcome
sb_interview_get_outcome (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), SB_INTERVIEW_OUTCOME_NONE);

  return self->outcome;
}

void
sb_interview_set_outcome (SbInterview        *self,
                          SbInterviewOutcome  outcome)
{
  g_return_if_fail (SB_IS_INTERVIEW (self));
  g_return_if_fail (outcome <= SB_INTERVIEW_OUTCOME_WITHDREW);

  if (self->outcome == outcome && self->unknown_outcome == NULL)
    return;
  self->outcome = outcome;
  g_clear_pointer (&self->unknown_outcome, g_free);
  sb_interview_changed (self, PROP_OUTCOME);
}

/**
 * sb_interview_get_rounds:
 *
 * Returns: (transfer none): the rounds, a #GListModel of #SbRound
 */
GListModel *
sb_interview_get_rounds (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  return G_LIST_MODEL (self->rounds);
}

guint
sb_interview_get_n_rounds (SbInterview *self)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rounds));
}

/**
 * sb_interview_get_round:
 *
 * Returns: (transfer none) (nullable): the round at @position
 */
SbRound *
sb_interview_get_round (SbInterview *self,
                        guint        position)
{
  g_autoptr(SbRound) round = NULL;

  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  /* The store holds a reference for as long as the round is in it. */
  round = g_list_model_get_item (G_LIST_MODEL (self->rounds), position);
  return round;
}

/**
 * sb_interview_find_round:
 *
 * Returns: (transfer none) (nullable): the round with that id
 */
SbRound *
sb_interview_find_round (SbInterview *self,
                         const char  *round_id)
{
  guint n;

  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  if (round_id == NULL)
    return NULL;
  n = sb_interview_get_n_rounds (self);
  for (guint i = 0; i < n; i++)
    {
      SbRound *round = sb_interview_get_round (self, i);

      if (g_str_equal (sb_round_get_id (round), round_id))
        return round;
    }
  return NULL;
}

void
sb_interview_insert_round (SbInterview *self,
                           guint        position,
                           SbRound     *round)
{
  g_return_if_fail (SB_IS_INTERVIEW (self));
  g_return_if_fail (SB_IS_ROUND (round));
  g_return_if_fail (sb_interview_find_round (self, sb_round_get_id (round)) == NULL);

  position = MIN (position, sb_interview_get_n_rounds (self));
  attach_round (self, round);
  g_list_store_insert (self->rounds, position, round);
  sb_interview_changed (self, PROP_N_ROUNDS);
}

void
sb_interview_add_round (SbInterview *self,
                        SbRound     *round)
{
  g_return_if_fail (SB_IS_INTERVIEW (self));

  sb_interview_insert_round (self, sb_interview_get_n_rounds (self), round);
}

gboolean
sb_interview_remove_round (SbInterview *self,
                           SbRound     *round)
{
  guint position;

  g_return_val_if_fail (SB_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (SB_IS_ROUND (round), FALSE);

  if (!g_list_store_find (self->rounds, round, &position))
    return FALSE;
  g_signal_handlers_disconnect_by_func (round, round_changed_cb, self);
  g_list_store_remove (self->rounds, position);
  sb_interview_changed (self, PROP_N_ROUNDS);
  return TRUE;
}

/**
 * sb_interview_is_upcoming:
 *
 * Returns: whether the interview is still to come at @now; one with no
 *   date is
 */
gboolean
sb_interview_is_upcoming (SbInterview *self,
                          GDateTime   *now)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return self->date == NULL || g_date_time_compare (self->date, now) >= 0;
}

static gint64
day_number (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  return g_date_get_julian (&day);
}

/**
 * sb_interview_get_days_until:
 *
 * Returns: calendar days from @now's day to the interview's (0 today,
 *   1 tomorrow, negative when past; 0 with no date)
 */
int
sb_interview_get_days_until (SbInterview *self,
                             GDateTime   *now)
{
  g_return_val_if_fail (SB_IS_INTERVIEW (self), 0);
  g_return_val_if_fail (now != NULL, 0);

  if (self->date == NULL)
    return 0;
  return (int) (day_number (self->date) - day_number (now));
}

/**
 * sb_interview_dup_countdown:
 *
 * Returns: (transfer full): "Today", "Tomorrow", "In 3 days",
 *   "Yesterday", "5 days ago", or "No date"
 */
char *
sb_interview_dup_countdown (SbInterview *self,
                            GDateTime   *now)
{
  int days;

  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (self->date == NULL)
    return g_strdup (_("No date"));

  days = sb_interview_get_days_until (self, now);
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));
  if (days == -1)
    return g_strdup (_("Yesterday"));
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %d day", "In %d days", days), days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days), -days);
}

/**
 * sb_interview_dup_display_title:
 *
 * Returns: (transfer full): "Company — Role", or what of it is set, or
 *   "New Interview"
 */
char *
sb_interview_dup_display_title (SbInterview *self)
{
  g_autofree char *company = NULL;
  g_autofree char *role = NULL;

  g_return_val_if_fail (SB_IS_INTERVIEW (self), NULL);

  company = g_strstrip (g_strdup (self->company));
  role = g_strstrip (g_strdup (self->role));
  if (company[0] != '\0' && role[0] != '\0')
    /* Translators: an interview's title: company — role */
    return g_strdup_printf (_("%s — %s"), company, role);
  if (company[0] != '\0')
    return g_steal_pointer (&company);
  if (role[0] != '\0')
    return g_steal_pointer (&role);
  return g_strdup (_("New Interview"));
}

/**
 * sb_interview_compare:
 *
 * The sidebar's order at @now: upcoming interviews first, soonest first
 * (one with no date after them); then past ones, newest first; ties by
 * company, then id, so the order is total.
 */
int
sb_interview_compare (SbInterview *a,
                      SbInterview *b,
                      GDateTime   *now)
{
  gboolean a_up, b_up;
  int order;

  g_return_val_if_fail (SB_IS_INTERVIEW (a), 0);
  g_return_val_if_fail (SB_IS_INTERVIEW (b), 0);
  g_return_val_if_fail (now != NULL, 0);

  a_up = sb_interview_is_upcoming (a, now);
  b_up = sb_interview_is_upcoming (b, now);
  if (a_up != b_up)
    return a_up ? -1 : 1;

  if (a->date == NULL || b->date == NULL)
    order = (a->date == NULL) - (b->date == NULL);
  else
    order = g_date_time_compare (a->date, b->date);
  if (!a_up)
    order = -order;
  if (order != 0)
    return order;

  order = g_utf8_collate (a->company, b->company);
  if (order != 0)
    return order;
  return strcmp (a->id, b->id);
}

/**
 * sb_interview_uses_story:
 *
 * Returns: whether a round plans @story_id or logged it as told
 */
gboolean
sb_interview_uses_story (SbInterview *self,
                         const char  *story_id)
{
  guint n;

  g_return_val_if_fail (SB_IS_INTERVIEW (self), FALSE);

  n = sb_interview_get_n_rounds (self);
  for (guint i = 0; i < n; i++)
    {
      SbRound *round = sb_interview_get_round (self, i);

      if (sb_round_plans_story (round, story_id) || sb_round_has_told (round, story_id))
        return TRUE;
    }
  return FALSE;
}

/**
 * sb_interview_is_same_company:
 *
 * Returns: whether both name the same company, ignoring case and spaces
 *   around it (never for an empty name)
 */
gboolean
sb_interview_is_same_company (SbInterview *self,
                              SbInterview *other)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (SB_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (SB_IS_INTERVIEW (other), FALSE);

  a = g_utf8_casefold (self->company, -1);
  b = g_utf8_casefold (other->company, -1);
  g_strstrip (a);
  g_strstrip (b);
  return a[0] != '\0' && g_str_equal (a, b);
}

/**
 * sb_interview_update_from:
 *
 * Makes @self hold @other's content (a merge from disk), round by round,
 * notifying what changed, so that widgets bound to it and to its rounds
 * follow. Emits ::changed once, when anything changed.
 */
void
sb_interview_update_from (SbInterview *self,
                          SbInterview *other)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n;

  g_return_if_fail (SB_IS_INTERVIEW (self));
  g_return_if_fail (SB_IS_INTERVIEW (other));

  before = sb_interview_dup_json (self);
  after = sb_interview_dup_json (other);
  if (g_str_equal (before, after))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_signal_handlers_block_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);

  sb_interview_set_company (self, other->company);
  sb_interview_set_role (self, other->role);
  sb_interview_set_date (self, other->date);
  sb_interview_set_posting (self, other->posting);
  sb_interview_set_notes (self, other->notes);
  sb_interview_set_outcome (self, other->outcome);
  g_free (self->unknown_outcome);
  self->unknown_outcome = g_strdup (other->unknown_outcome);
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);
  self->extra_keys = g_strdupv (other->extra_keys);
  self->extra_values = g_strdupv (other->extra_values);

  /* Rounds: the other's, in its order; one with an id we have is the
   * same object, updated.
   */
  n = sb_interview_get_n_rounds (other);
  for (guint i = 0; i < n; i++)
    {
      SbRound *theirs = sb_interview_get_round (other, i);
      SbRound *ours = sb_interview_find_round (self, sb_round_get_id (theirs));
      guint position;

      if (ours == NULL)
        {
          g_autoptr(SbRound) copy = sb_round_copy (theirs);

          sb_interview_insert_round (self, i, copy);
          continue;
        }
      sb_round_update_from (ours, theirs);
      if (g_list_store_find (self->rounds, ours, &position) && position != i)
        {
          g_object_ref (ours);
          g_list_store_remove (self->rounds, position);
          g_list_store_insert (self->rounds, i, ours);
          g_object_unref (ours);
        }
    }
  while (sb_interview_get_n_rounds (self) > n)
    sb_interview_remove_round (self, sb_interview_get_round (self, n));

  g_signal_handlers_unblock_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_interview_list_from_json:
 * @node: (nullable): the data file's "interviews" member
 *
 * Reads the interviews of a data file. Anything but a list of objects is
 * left out, never an error: the stories load whatever this holds. A
 * second interview with an id taken is left out.
 *
 * Returns: (transfer container) (element-type SbInterview): the interviews
 */
GPtrArray *
sb_interview_list_from_json (JsonNode *node)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *interviews = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return interviews;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      SbInterview *interview;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      interview = sb_interview_new_from_json (json_node_get_object (element), NULL);
      if (!g_hash_table_add (ids, (gpointer) sb_interview_get_id (interview)))
        {
          g_object_unref (interview);
          continue;
        }
      g_ptr_array_add (interviews, interview);
    }
  return interviews;
}

/**
 * sb_interview_list_from_text:
 * @json: (nullable): the JSON text of the data file's "interviews" member
 *
 * Returns: (transfer container) (element-type SbInterview): the
 *   interviews, none when @json is not a list of objects
 */
GPtrArray *
sb_interview_list_from_text (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;

  if (json == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return g_ptr_array_new_with_free_func (g_object_unref);
  return sb_interview_list_from_json (json_parser_get_root (parser));
}
