/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_TYPE_PRINCIPLE (sb_principle_get_type ())

G_DECLARE_FINAL_TYPE (SbPrinciple, sb_principle, SB, PRINCIPLE, GObject)

/* The framework user-made principles go to unless they name another. */
#define SB_FRAMEWORK_USER "user"

SbPrinciple        *sb_principle_new                   (const char   *id,
                                                        const char   *name,
                                                        const char   *framework_id,
                                                        gboolean      builtin);
SbPrinciple        *sb_principle_new_from_json         (JsonObject   *object,
                                                        gboolean      builtin,
                                                        const char   *framework_id,
                                                        GError      **error);
void                sb_principle_reset_user_wording    (SbPrinciple  *self);
void                sb_principle_apply_user_json       (SbPrinciple  *self,
                                                        JsonObject   *object,
                                                        GError      **error);
gboolean            sb_principle_has_user_content      (SbPrinciple  *self);
void                sb_principle_write_user_json       (SbPrinciple  *self,
                                                        GString      *out,
                                                        guint         indent);
void                sb_principle_write_user_json_full  (SbPrinciple  *self,
                                                        GString      *out,
                                                        guint         indent,
                                                        const char   *framework_name);
char               *sb_principle_slugify               (const char   *name);

const char         *sb_principle_get_id                (SbPrinciple  *self);
const char         *sb_principle_get_name              (SbPrinciple  *self);
void                sb_principle_set_name              (SbPrinciple  *self,
                                                        const char   *name);
const char         *sb_principle_get_name_slug         (SbPrinciple  *self);
const char         *sb_principle_get_framework_id      (SbPrinciple  *self);
void                sb_principle_set_framework_id      (SbPrinciple  *self,
                                                        const char   *framework_id);
gboolean            sb_principle_get_builtin           (SbPrinciple  *self);

/* The built-in text (for a user-made principle: the user's). */
const char         *sb_principle_get_definition        (SbPrinciple  *self);
void                sb_principle_set_definition        (SbPrinciple  *self,
                                                        const char   *definition);
const char         *sb_principle_get_focus_heading     (SbPrinciple  *self);
guint               sb_principle_get_n_focus_areas     (SbPrinciple  *self);
void                sb_principle_get_focus_area        (SbPrinciple  *self,
                                                        guint         position,
                                                        const char  **name,
                                                        const char  **description);
void                sb_principle_set_focus_areas       (SbPrinciple  *self,
                                                        const char   *heading,
                                                        const char * const *names,
                                                        const char * const *descriptions);
const char * const *sb_principle_get_tips              (SbPrinciple  *self);
void                sb_principle_set_tips              (SbPrinciple  *self,
                                                        const char * const *tips);
const char * const *sb_principle_get_questions         (SbPrinciple  *self);
void                sb_principle_set_questions         (SbPrinciple  *self,
                                                        const char * const *questions);
const char * const *sb_principle_get_signals           (SbPrinciple  *self);
const char * const *sb_principle_get_aliases           (SbPrinciple  *self);
char               *sb_principle_match_key             (const char   *name);
gboolean            sb_principle_matches_key           (SbPrinciple  *self,
                                                        const char   *key);

/* The user's own wording for a built-in principle, shown beside the
 * built-in text and never copied into it. Empty when the user wrote none.
 */
const char         *sb_principle_get_user_definition   (SbPrinciple  *self);
const char         *sb_principle_get_user_focus_heading(SbPrinciple  *self);
const char * const *sb_principle_get_user_focus_names  (SbPrinciple  *self);
const char * const *sb_principle_get_user_focus_descriptions (SbPrinciple *self);
const char * const *sb_principle_get_user_tips         (SbPrinciple  *self);
const char         *sb_principle_get_notes             (SbPrinciple  *self);
void                sb_principle_set_notes             (SbPrinciple  *self,
                                                        const char   *notes);
void                sb_principle_set_user_wording      (SbPrinciple  *self,
                                                        const char   *definition,
                                                        const char   *focus_heading,
                                                        const char * const *focus_names,
                                                        const char * const *focus_descriptions,
                                                        const char * const *tips);

G_END_DECLS
