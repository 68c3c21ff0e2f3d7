/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sb-spell-checker.h"

G_BEGIN_DECLS

#define SB_TYPE_SPELL_TEXT_ADAPTER (sb_spell_text_adapter_get_type ())

G_DECLARE_FINAL_TYPE (SbSpellTextAdapter, sb_spell_text_adapter, SB, SPELL_TEXT_ADAPTER, GObject)

SbSpellTextAdapter *sb_spell_text_adapter_new            (GtkTextView        *view,
                                                          SbSpellChecker     *checker);
gboolean            sb_spell_text_adapter_get_enabled    (SbSpellTextAdapter *self);
void                sb_spell_text_adapter_set_enabled    (SbSpellTextAdapter *self,
                                                          gboolean            enabled);
gboolean            sb_spell_text_adapter_get_busy       (SbSpellTextAdapter *self);
void                sb_spell_text_adapter_check_now      (SbSpellTextAdapter *self);
void                sb_spell_text_adapter_update_menu_at (SbSpellTextAdapter *self,
                                                          const GtkTextIter  *iter);
GtkTextTag         *sb_spell_text_adapter_get_tag        (SbSpellTextAdapter *self);

G_END_DECLS
