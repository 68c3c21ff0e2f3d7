/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What the readers of the data file's JSON (stories, principles, the
 * catalog) report: a member of the wrong type, a date that is not one.
 */
#define SB_JSON_ERROR (sb_json_error_quark ())

typedef enum
{
  SB_JSON_ERROR_INVALID,  /* a member of the wrong type */
} SbJsonError;

GQuark       sb_json_error_quark    (void);

/* Small helpers shared by the readers and writers of the data file. The
 * writer is a plain GString printer: it runs on the save thread over
 * immutable snapshots, with no json-glib tree in between.
 */
void         sb_json_write_string   (GString     *out,
                                     const char  *str);
void         sb_json_write_indent   (GString     *out,
                                     guint        indent);
void         sb_json_write_strv     (GString     *out,
                                     const char * const *strv);
void         sb_json_write_member   (GString     *out,
                                     guint        indent,
                                     const char  *name);
char        *sb_json_node_to_string (JsonNode    *node);
gboolean     sb_json_get_string     (JsonObject  *object,
                                     const char  *member,
                                     const char **value,
                                     GError     **error);
gboolean     sb_json_get_strv       (JsonObject  *object,
                                     const char  *member,
                                     char      ***value,
                                     GError     **error);
gboolean     sb_json_get_date       (JsonObject  *object,
                                     const char  *member,
                                     GDateTime  **value,
                                     GError     **error);
void         sb_json_write_date     (GString     *out,
                                     GDateTime   *date);
void         sb_json_collect_extra  (JsonObject  *object,
                                     const char * const *known,
                                     char      ***keys,
                                     char      ***values);
void         sb_json_write_extra    (GString     *out,
                                     guint        indent,
                                     const char * const *keys,
                                     const char * const *values);

const char  *sb_json_extra_lookup   (const char * const *keys,
                                     const char * const *values,
                                     const char  *key);
void         sb_json_extra_replace  (const char * const *keys,
                                     const char * const *values,
                                     const char  *key,
                                     const char  *value,
                                     char      ***out_keys,
                                     char      ***out_values);

G_END_DECLS
