/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The part of a story a finding is about, so the editor can point at it. */
typedef enum
{
  SB_STORY_FIELD_TITLE,
  SB_STORY_FIELD_SITUATION,
  SB_STORY_FIELD_TASK,
  SB_STORY_FIELD_ACTION,
  SB_STORY_FIELD_RESULT,
  SB_STORY_FIELD_PRINCIPLES,
  SB_STORY_FIELD_WHOLE,
} SbStoryField;

typedef enum
{
  SB_FINDING_INFO,
  SB_FINDING_WARNING,
} SbFindingSeverity;

#define SB_TYPE_STORY_FIELD      (sb_story_field_get_type ())
#define SB_TYPE_FINDING_SEVERITY (sb_finding_severity_get_type ())
#define SB_TYPE_FINDING          (sb_finding_get_type ())

GType sb_story_field_get_type      (void) G_GNUC_CONST;
GType sb_finding_severity_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (SbFinding, sb_finding, SB, FINDING, GObject)

SbFinding         *sb_finding_new            (const char        *check_id,
                                              SbStoryField       field,
                                              int                step,
                                              SbFindingSeverity  severity,
                                              const char        *message,
                                              const char        *suggestion,
                                              gboolean           dismissed);
const char        *sb_finding_get_check_id   (SbFinding         *self);
SbStoryField       sb_finding_get_field      (SbFinding         *self);
int                sb_finding_get_step       (SbFinding         *self);
SbFindingSeverity  sb_finding_get_severity   (SbFinding         *self);
const char        *sb_finding_get_message    (SbFinding         *self);
const char        *sb_finding_get_suggestion (SbFinding         *self);
gboolean           sb_finding_get_dismissed  (SbFinding         *self);

G_END_DECLS
