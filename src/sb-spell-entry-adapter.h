/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sb-spell-checker.h"

G_BEGIN_DECLS

#define SB_TYPE_SPELL_ENTRY_ADAPTER (sb_spell_entry_adapter_get_type ())

G_DECLARE_FINAL_TYPE (SbSpellEntryAdapter, sb_spell_entry_adapter, SB, SPELL_ENTRY_ADAPTER, GObject)

SbSpellEntryAdapter *sb_spell_entry_adapter_new             (GtkEntry            *entry,
                                                             SbSpellChecker      *checker);
void                 sb_spell_entry_adapter_check_now       (SbSpellEntryAdapter *self);
gboolean             sb_spell_entry_adapter_is_misspelt_at  (SbSpellEntryAdapter *self,
                                                             int                  position);
void                 sb_spell_entry_adapter_update_menu_at  (SbSpellEntryAdapter *self,
                                                             int                  position);

G_END_DECLS
