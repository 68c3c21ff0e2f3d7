/* sb-spell-menu.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-spell-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-spell-menu.h"

/* The spelling section of a text field's context menu, shared by the
 * entry and text view adapters: the spellings of the word the menu is
 * about, then Add to Dictionary and Ignore All, as the "spell" action
 * group of the field. The adapter says which word that is
 * (sb_spell_menu_set_word()) and replaces it when the user picks a
 * spelling (the #SbSpellMenu::correct signal); adding and ignoring words
 * are the checker's.
 */

struct _SbSpellMenu
{
  GObject             parent_instance;

  /* Owned */
  SbSpellChecker     *checker;
  GMenu              *menu;
  GMenu              *section;
  GSimpleActionGroup *actions;
  char               *word;
};

G_DEFINE_FINAL_TYPE (SbSpellMenu, sb_spell_menu, G_TYPE_OBJECT)

enum {
  CORRECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_word (SbSpellMenu *self)
{
  g_assert (SB_IS_SPELL_MENU (self));

  g_clear_pointer (&self->word, g_free);
  g_menu_remove_all (self->section);
}

static void
correct_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SbSpellMenu *self = user_data;

  g_assert (SB_IS_SPELL_MENU (self));

  if (self->word == NULL)
    return;

  g_signal_emit (self, signals[CORRECT], 0, g_variant_get_string (param, NULL));
  clear_word (self);
}

/* Add to Dictionary and Ignore All: the checker learns the word. */
static void
learn_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SbSpellMenu *self = user_data;
  g_autofree char *word = NULL;

  g_assert (SB_IS_SPELL_MENU (self));

  word = g_steal_pointer (&self->word);
  clear_word (self);
  if (word == NULL)
    return;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "add"))
    sb_spell_checker_add_word (self->checker, word);
  else
    sb_spell_checker_ignore_word (self->checker, word);
}

static const GActionEntry spell_actions[] = {
  { "correct", correct_action, "s" },
  { "add", learn_action },
  { "ignore", learn_action },
};

static void
sb_spell_menu_dispose (GObject *object)
{
  SbSpellMenu *self = SB_SPELL_MENU (object);

  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_object (&self->section);
  g_clear_object (&self->checker);

  G_OBJECT_CLASS (sb_spell_menu_parent_class)->dispose (object);
}

static void
sb_spell_menu_finalize (GObject *object)
{
  SbSpellMenu *self = SB_SPELL_MENU (object);

  g_free (self->word);

  G_OBJECT_CLASS (sb_spell_menu_parent_class)->finalize (object);
}

static void
sb_spell_menu_class_init (SbSpellMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_spell_menu_dispose;
  object_class->finalize = sb_spell_menu_finalize;

  /**
   * SbSpellMenu::correct:
   * @spelling: the spelling the user picked
   *
   * Replace the word the menu is about with @spelling.
   */
  signals[CORRECT] = g_signal_new ("correct",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sb_spell_menu_init (SbSpellMenu *self)
{
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), spell_actions, G_N_ELEMENTS (spell_actions), self);

  self->section = g_menu_new ();
  self->menu = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->section));
}

/**
 * sb_spell_menu_new:
 * @checker: the checker that suggests spellings and learns words
 *
 * Returns: (transfer full): an empty spelling menu
 */
SbSpellMenu *
sb_spell_menu_new (SbSpellChecker *checker)
{
  SbSpellMenu *self;

  g_return_val_if_fail (SB_IS_SPELL_CHECKER (checker), NULL);

  self = g_object_new (SB_TYPE_SPELL_MENU, NULL);
  self->checker = g_object_ref (checker);
  return self;
}

/**
 * sb_spell_menu_get_menu_model:
 *
 * Returns: (transfer none): the menu, for the field's extra menu
 */
GMenuModel *
sb_spell_menu_get_menu_model (SbSpellMenu *self)
{
  g_return_val_if_fail (SB_IS_SPELL_MENU (self), NULL);

  return G_MENU_MODEL (self->menu);
}

/**
 * sb_spell_menu_attach:
 *
 * Gives @widget the menu's actions, as its "spell" action group.
 */
void
sb_spell_menu_attach (SbSpellMenu *self,
                      GtkWidget   *widget)
{
  g_return_if_fail (SB_IS_SPELL_MENU (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_insert_action_group (widget, "spell", G_ACTION_GROUP (self->actions));
}

/**
 * sb_spell_menu_detach:
 *
 * Takes the menu's actions from @widget again.
 */
void
sb_spell_menu_detach (SbSpellMenu *self,
                      GtkWidget   *widget)
{
  g_return_if_fail (SB_IS_SPELL_MENU (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_insert_action_group (widget, "spell", NULL);
}

/**
 * sb_spell_menu_get_word:
 *
 * Returns: (nullable): the word the menu is about, if any
 */
const char *
sb_spell_menu_get_word (SbSpellMenu *self)
{
  g_return_val_if_fail (SB_IS_SPELL_MENU (self), NULL);

  return self->word;
}

/**
 * sb_spell_menu_set_word:
 * @word: (nullable): a misspelt word, or %NULL
 *
 * Fills the menu with the spellings of @word, Add to Dictionary and
 * Ignore All; or, for %NULL, empties it and disables its actions.
 */
void
sb_spell_menu_set_word (SbSpellMenu *self,
                        const char  *word)
{
  const char *names[] = { "correct", "add", "ignore" };

  g_return_if_fail (SB_IS_SPELL_MENU (self));

  clear_word (self);

  if (word != NULL)
    {
      g_auto(GStrv) suggestions = sb_spell_checker_suggest (self->checker, word, -1);

      self->word = g_strdup (word);
      for (guint i = 0; suggestions[i] != NULL; i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

          g_menu_item_set_action_and_target (item, "spell.correct", "s", suggestions[i]);
          g_menu_append_item (self->section, item);
        }
      if (suggestions[0] == NULL)
        g_menu_append (self->section, _("No Suggestions"), "spell.none");
      g_menu_append (self->section, _("_Add to Dictionary"), "spell.add");
      g_menu_append (self->section, _("_Ignore All"), "spell.ignore");
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), word != NULL);
    }
}

/**
 * sb_spell_menu_is_menu_key:
 *
 * Returns: whether the key opens a context menu (Menu, Shift+F10), which
 * is then about the word at the cursor
 */
gboolean
sb_spell_menu_is_menu_key (guint           keyval,
                           GdkModifierType state)
{
  return keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK));
}
