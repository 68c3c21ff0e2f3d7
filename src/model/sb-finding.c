/* sb-finding.c: one thing the story coach noticed about a story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-finding"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-finding.h"

struct _SbFinding
{
  GObject            parent_instance;
  char              *check_id;
  char              *message;
  char              *suggestion;
  SbStoryField       field;
  SbFindingSeverity  severity;
  int                step;
  guint              dismissed : 1;
};

G_DEFINE_FINAL_TYPE (SbFinding, sb_finding, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SbStoryField, sb_story_field,
  G_DEFINE_ENUM_VALUE (SB_STORY_FIELD_TITLE, "title"),
  G_DEFINE_ENUM_VALUE (SB_STORY_FIELD_SITUATION, "situation"),
  G_DEFINE_ENUM_VALUE (SB_STORY_FIELD_TASK, "task"),
  G_DEFINE_ENUM_VALUE (SB_STORY_FIELD_ACTION, "action"),
  G_DEFINE_ENUM_VALUE (SB_STORY_FIELD_RESULT, "result"),
  G_DEFINE_ENUM_VALUE (SB_STORY_FIELD_PRINCIPLES, "principles"),
  G_DEFINE_ENUM_VALUE (SB_STORY_FIELD_WHOLE, "whole"))

G_DEFINE_ENUM_TYPE (SbFindingSeverity, sb_finding_severity,
  G_DEFINE_ENUM_VALUE (SB_FINDING_INFO, "info"),
  G_DEFINE_ENUM_VALUE (SB_FINDING_WARNING, "warning"))

enum {
  PROP_0,
  PROP_CHECK_ID,
  PROP_FIELD,
  PROP_STEP,
  PROP_SEVERITY,
  PROP_MESSAGE,
  PROP_SUGGESTION,
  PROP_DISMISSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_finding_finalize (GObject *object)
{
  SbFinding *self = (SbFinding *) object;

  g_free (self->check_id);
  g_free (self->message);
  g_free (self->suggestion);

  G_OBJECT_CLASS (sb_finding_parent_class)->finalize (object);
}

static void
sb_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbFinding *self = SB_FINDING (object);

  switch (prop_id)
    {
    case PROP_CHECK_ID:
      g_value_set_string (value, self->check_id);
      break;

    case PROP_FIELD:
      g_value_set_enum (value, self->field);
      break;

    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_SUGGESTION:
      g_value_set_string (value, self->suggestion);
      break;

    case PROP_DISMISSED:
      g_value_set_boolean (value, self->dismissed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_finding_class_init (SbFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_finding_finalize;
  object_class->get_property = sb_finding_get_property;

  properties[PROP_CHECK_ID] =
    g_param_spec_string ("check-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIELD] =
    g_param_spec_enum ("field", NULL, NULL,
                       SB_TYPE_STORY_FIELD, SB_STORY_FIELD_WHOLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       SB_TYPE_FINDING_SEVERITY, SB_FINDING_INFO,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUGGESTION] =
    g_param_spec_string ("suggestion", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DISMISSED] =
    g_param_spec_boolean ("dismissed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_finding_init (SbFinding *self)
{
  self->step = -1;
}

/**
 * sb_finding_new:
 * @check_id: the coach check that made it, e.g. "missing-part"
 * @field: the part of the story it is about
 * @step: the Action step it is about (0-based), or -1
 * @message: (nullable): what is wrong, translated
 * @suggestion: (nullable): what to do about it, translated
 * @dismissed: whether the user dismissed this check for the story
 *
 * Returns: (transfer full): a new immutable finding
 */
SbFinding *
sb_finding_new (const char        *check_id,
                SbStoryField       field,
                int                step,
                SbFindingSeverity  severity,
                const char        *message,
                const char        *suggestion,
                gboolean           dismissed)
{
  SbFinding *self;

  g_return_val_if_fail (check_id != NULL, NULL);

  self = g_object_new (SB_TYPE_FINDING, NULL);
  self->check_id = g_strdup (check_id);
  self->field = field;
  self->step = step;
  self->severity = severity;
  self->message = g_strdup (message ? message : "");
  self->suggestion = g_strdup (suggestion ? suggestion : "");
  self->dismissed = !!dismissed;

  return self;
}

const char *
sb_finding_get_check_id (SbFinding *self)
{
  g_return_val_if_fail (SB_IS_FINDING (self), NULL);
  return self->check_id;
}

SbStoryField
sb_finding_get_field (SbFinding *self)
{
  g_return_val_if_fail (SB_IS_FINDING (self), SB_STORY_FIELD_WHOLE);
  return self->field;
}

/* The 0-based Action step the finding is about, or -1 for none. */
int
sb_finding_get_step (SbFinding *self)
{
  g_return_val_if_fail (SB_IS_FINDING (self), -1);
  return self->step;
}

SbFindingSeverity
sb_finding_get_severity (SbFinding *self)
{
  g_return_val_if_fail (SB_IS_FINDING (self), SB_FINDING_INFO);
  return self->severity;
}

const char *
sb_finding_get_message (SbFinding *self)
{
  g_return_val_if_fail (SB_IS_FINDING (self), NULL);
  return self->message;
}

const char *
sb_finding_get_suggestion (SbFinding *self)
{
  g_return_val_if_fail (SB_IS_FINDING (self), NULL);
  return self->suggestion;
}

gboolean
sb_finding_get_dismissed (SbFinding *self)
{
  g_return_val_if_fail (SB_IS_FINDING (self), FALSE);
  return self->dismissed;
}
