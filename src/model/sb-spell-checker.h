/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Suggestions offered for a misspelt word, at most. */
#define SB_SPELL_CHECKER_MAX_SUGGESTIONS 5

#define SB_TYPE_SPELL_CHECKER (sb_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (SbSpellChecker, sb_spell_checker, SB, SPELL_CHECKER, GObject)

SbSpellChecker  *sb_spell_checker_new             (void);
SbSpellChecker  *sb_spell_checker_get_default     (void);
void             sb_spell_checker_load_in_background
                                                  (SbSpellChecker     *self);
gboolean         sb_spell_checker_get_loading     (SbSpellChecker     *self);
char           **sb_spell_checker_list_languages  (SbSpellChecker     *self);
const char      *sb_spell_checker_get_language    (SbSpellChecker     *self);
void             sb_spell_checker_set_language    (SbSpellChecker     *self,
                                                   const char         *language);
gboolean         sb_spell_checker_get_enabled     (SbSpellChecker     *self);
void             sb_spell_checker_set_enabled     (SbSpellChecker     *self,
                                                   gboolean            enabled);
gboolean         sb_spell_checker_get_active      (SbSpellChecker     *self);
GHashTable      *sb_spell_checker_get_names       (SbSpellChecker     *self);
void             sb_spell_checker_set_names       (SbSpellChecker     *self,
                                                   const char * const *names);
gboolean         sb_spell_checker_check_word      (SbSpellChecker     *self,
                                                   const char         *word,
                                                   gssize              length);
char           **sb_spell_checker_suggest         (SbSpellChecker     *self,
                                                   const char         *word,
                                                   gssize              length);
void             sb_spell_checker_add_word        (SbSpellChecker     *self,
                                                   const char         *word);
void             sb_spell_checker_ignore_word     (SbSpellChecker     *self,
                                                   const char         *word);

G_END_DECLS
