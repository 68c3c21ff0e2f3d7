/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sb-spell-checker.h"

G_BEGIN_DECLS

#define SB_TYPE_SPELL_MENU (sb_spell_menu_get_type ())

G_DECLARE_FINAL_TYPE (SbSpellMenu, sb_spell_menu, SB, SPELL_MENU, GObject)

SbSpellMenu *sb_spell_menu_new            (SbSpellChecker  *checker);
GMenuModel  *sb_spell_menu_get_menu_model (SbSpellMenu     *self);
void         sb_spell_menu_attach         (SbSpellMenu     *self,
                                           GtkWidget       *widget);
void         sb_spell_menu_detach         (SbSpellMenu     *self,
                                           GtkWidget       *widget);
const char  *sb_spell_menu_get_word       (SbSpellMenu     *self);
void         sb_spell_menu_set_word       (SbSpellMenu     *self,
                                           const char      *word);
gboolean     sb_spell_menu_is_menu_key    (guint            keyval,
                                           GdkModifierType  state);

G_END_DECLS
