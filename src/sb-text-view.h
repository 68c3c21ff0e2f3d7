/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sb-spell-text-adapter.h"

G_BEGIN_DECLS

/* Bytes in one paragraph beyond which a text is shown shortened. */
#define SB_TEXT_VIEW_MAX_PARAGRAPH 32768

#define SB_TYPE_TEXT_VIEW (sb_text_view_get_type ())

G_DECLARE_FINAL_TYPE (SbTextView, sb_text_view, SB, TEXT_VIEW, GtkTextView)

GtkWidget  *sb_text_view_new                  (void);
char       *sb_text_view_dup_text             (SbTextView *self);
void        sb_text_view_set_text             (SbTextView *self,
                                               const char *text);
gboolean    sb_text_view_get_shortened        (SbTextView *self);
void        sb_text_view_edit_anyway          (SbTextView *self);
void        sb_text_view_reset_undo           (SbTextView *self);
SbSpellTextAdapter *
            sb_text_view_get_spell_adapter    (SbTextView *self);
const char *sb_text_view_get_placeholder_text (SbTextView *self);
void        sb_text_view_set_placeholder_text (SbTextView *self,
                                               const char *text);

gboolean    sb_text_is_too_long_to_edit       (const char *text,
                                               gssize      length);
char       *sb_text_dup_preview               (const char *text);

G_END_DECLS
