/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_TYPE_RECORDING  (sb_recording_get_type ())
#define SB_TYPE_RECORDINGS (sb_recordings_get_type ())

typedef struct _SbRecording SbRecording;

GType        sb_recording_get_type       (void) G_GNUC_CONST;
SbRecording *sb_recording_ref            (SbRecording *self);
void         sb_recording_unref          (SbRecording *self);
const char  *sb_recording_get_id         (SbRecording *self);
const char  *sb_recording_get_story_id   (SbRecording *self);
GDateTime   *sb_recording_get_date       (SbRecording *self);
double       sb_recording_get_seconds    (SbRecording *self);
const char  *sb_recording_get_audio_path (SbRecording *self);
JsonObject  *sb_recording_get_report     (SbRecording *self);
double       sb_recording_get_report_number (SbRecording *self,
                                             const char  *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbRecording, sb_recording_unref)

G_DECLARE_FINAL_TYPE (SbRecordings, sb_recordings, SB, RECORDINGS, GObject)

char         *sb_recordings_dup_dir_for_data_file (const char    *data_path);
SbRecordings *sb_recordings_new              (const char    *dir);
const char   *sb_recordings_get_dir          (SbRecordings  *self);
char         *sb_recordings_begin            (SbRecordings  *self,
                                              const char    *story_id,
                                              GDateTime     *date,
                                              GError       **error);
SbRecording  *sb_recordings_add              (SbRecordings  *self,
                                              const char    *story_id,
                                              GDateTime     *date,
                                              const char    *audio_path,
                                              double         seconds,
                                              JsonObject    *report,
                                              GError       **error);
GPtrArray    *sb_recordings_list             (SbRecordings  *self,
                                              const char    *story_id);
gboolean      sb_recordings_delete           (SbRecordings  *self,
                                              SbRecording   *recording,
                                              GError       **error);
gboolean      sb_recordings_trash_story      (SbRecordings  *self,
                                              const char    *story_id,
                                              GError       **error);
gboolean      sb_recordings_restore_story    (SbRecordings  *self,
                                              const char    *story_id,
                                              GError       **error);
void          sb_recordings_purge_trash      (SbRecordings  *self,
                                              const char    *story_id);

G_END_DECLS
