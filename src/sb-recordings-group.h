/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sb-recordings.h"
#include "sb-story.h"

G_BEGIN_DECLS

#define SB_TYPE_RECORDINGS_GROUP (sb_recordings_group_get_type ())

G_DECLARE_FINAL_TYPE (SbRecordingsGroup, sb_recordings_group, SB, RECORDINGS_GROUP, GtkWidget)

GtkWidget *sb_recordings_group_new           (SbRecordings      *recordings);
void       sb_recordings_group_set_story     (SbRecordingsGroup *self,
                                              SbStory           *story);
guint      sb_recordings_group_get_n_shown   (SbRecordingsGroup *self);

G_END_DECLS
