/* test-spell-ui.c: misspelt words underlined in the editor, and put right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sb-action-steps.h"
#include "sb-application.h"
#include "sb-principle-sidebar.h"
#include "sb-spell-checker.h"
#include "sb-story-editor.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-text-view.h"
#include "sb-window.h"

static char *data_home;
static char *enchant_dir;
static gboolean have_en_us;

#define SKIP_WITHOUT_DICTIONARY() \
  if (!have_en_us) \
    { \
      g_test_skip ("No en_US dictionary installed (hunspell-en-us)"); \
      return; \
    }

/* Runs the main loop until @view's spelling is checked. */
static void
wait_checked (GtkWidget *view)
{
  SbSpellTextAdapter *spell = sb_text_view_get_spell_adapter (SB_TEXT_VIEW (view));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sb_spell_text_adapter_get_busy (spell) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_spell_text_adapter_get_busy (spell));
}

/* Iters around the first @word in @view. */
static void
find_word (GtkWidget   *view,
           const char  *word,
           GtkTextIter *start,
           GtkTextIter *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, word, 0, start, end, NULL));
}

/* Whether @word, all of it and only it, is marked misspelt. */
static gboolean
is_underlined (GtkWidget  *view,
               const char *word)
{
  GtkTextTag *tag = sb_spell_text_adapter_get_tag (sb_text_view_get_spell_adapter (SB_TEXT_VIEW (view)));
  GtkTextIter start, end, toggle;

  find_word (view, word, &start, &end);
  if (!gtk_text_iter_starts_tag (&start, tag))
    return FALSE;
  toggle = start;
  gtk_text_iter_forward_to_tag_toggle (&toggle, tag);
  g_assert_true (gtk_text_iter_equal (&toggle, &end));
  return TRUE;
}

static gboolean
has_any_underline (GtkWidget *view)
{
  GtkTextTag *tag = sb_spell_text_adapter_get_tag (sb_text_view_get_spell_adapter (SB_TEXT_VIEW (view)));
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &iter);
  return gtk_text_iter_has_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag);
}

/* Opens the context menu's spelling part for @word. */
static GMenuModel *
menu_for (GtkWidget  *view,
          const char *word)
{
  GtkTextIter start, end;
  GMenuModel *menu = gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (view));

  find_word (view, word, &start, &end);
  gtk_text_iter_forward_char (&start);
  sb_spell_text_adapter_update_menu_at (sb_text_view_get_spell_adapter (SB_TEXT_VIEW (view)), &start);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  return g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
}

static char *
item_string (GMenuModel *menu,
             int         index,
             const char *attribute)
{
  char *value = NULL;

  g_menu_model_get_item_attribute (menu, index, attribute, "s", &value);
  return value;
}

static void
test_spell_underline_and_correct (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbStoryEditor *editor = sb_window_get_editor (window);
  GtkWidget *situation = sb_story_editor_get_field (editor, "situation");
  GtkWidget *title = sb_story_editor_get_field (editor, "title");
  GtkWidget *steps = sb_story_editor_get_field (editor, "action");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (situation));
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *dic_path = NULL;
  g_autofree char *dic = NULL;
  g_autofree char *target = NULL;
  PangoAttrList *attrs;
  GtkWidget *step;
  int n;

  SKIP_WITHOUT_DICTIONARY ();

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (200);
  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), "think-big");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL));
  sb_test_ui_iterate (50);

  /* Typed, as someone in a hurry types */
  gtk_widget_grab_focus (situation);
  gtk_text_buffer_insert_at_cursor (buffer, "We shiped the fix on Fridy, 10x faster than the Zorblatt team; ", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "see `kubectl rollout` and our API at www.exmaple.com. ", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "Think Big and Deliver Results, O’Brien says we recieved", -1);
  wait_checked (situation);

  g_assert_true (is_underlined (situation, "shiped"));
  g_assert_true (is_underlined (situation, "Fridy"));
  g_assert_true (is_underlined (situation, "Zorblatt"));
  g_assert_false (is_underlined (situation, "We"));
  g_assert_false (is_underlined (situation, "10x"));
  g_assert_false (is_underlined (situation, "kubectl"));
  g_assert_false (is_underlined (situation, "API"));
  g_assert_false (is_underlined (situation, "exmaple"));
  /* the word under the cursor is still being typed */
  g_assert_false (is_underlined (situation, "recieved"));

  /* A suggestion from the menu puts the word right */
  section = menu_for (situation, "shiped");
  n = g_menu_model_get_n_items (section);
  g_assert_cmpint (n, >=, 3);
  g_assert_cmpint (n, <=, 5 + 2);
  target = item_string (section, 0, G_MENU_ATTRIBUTE_TARGET);
  g_assert_nonnull (target);
  for (int i = 0; i < n - 2; i++)
    {
      g_autofree char *label = item_string (section, i, G_MENU_ATTRIBUTE_LABEL);
      g_autofree char *action = item_string (section, i, G_MENU_ATTRIBUTE_ACTION);

      g_assert_cmpstr (action, ==, "spell.correct");
      if (g_str_equal (label, "shipped"))
        {
          g_free (target);
          target = g_strdup (label);
        }
    }
  g_assert_cmpstr (target, ==, "shipped");
  g_assert_true (gtk_widget_activate_action (situation, "spell.correct", "s", target));
  wait_checked (situation);
  g_assert_true (is_underlined (situation, "Fridy"));
  g_assert_false (is_underlined (situation, "shipped"));
  g_assert_cmpstr (sb_story_get_situation (sb_story_editor_get_story (editor)), ==,
                   "We shipped the fix on Fridy, 10x faster than the Zorblatt team; "
                   "see `kubectl rollout` and our API at www.exmaple.com. "
                   "Think Big and Deliver Results, O’Brien says we recieved");

  /* Add to Dictionary: gone here, and in enchant's own word list */
  g_clear_object (&section);
  section = menu_for (situation, "Zorblatt");
  g_assert_true (gtk_widget_activate_action (situation, "spell.add", NULL));
  wait_checked (situation);
  g_assert_false (is_underlined (situation, "Zorblatt"));
  g_assert_true (is_underlined (situation, "Fridy"));
  dic_path = g_build_filename (enchant_dir, "en_US.dic", NULL);
  g_assert_true (g_file_get_contents (dic_path, &dic, NULL, NULL));
  g_assert_nonnull (strstr (dic, "Zorblatt"));

  /* Ignore All: in every field, for this run */
  g_clear_object (&section);
  section = menu_for (situation, "Fridy");
  g_assert_true (gtk_widget_activate_action (situation, "spell.ignore", NULL));
  wait_checked (situation);
  g_assert_false (is_underlined (situation, "Fridy"));

  /* Moving the cursor away underlines the word it was in */
  gtk_widget_grab_focus (situation);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
  }
  wait_checked (situation);
  g_assert_true (is_underlined (situation, "recieved"));

  /* A word that is right has nothing to offer */
  g_clear_object (&section);
  section = menu_for (situation, "team");
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 0);

  /* Action steps are checked too */
  sb_action_steps_add_step (SB_ACTION_STEPS (steps));
  step = sb_action_steps_get_step (SB_ACTION_STEPS (steps), 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (step)), "Wrote a runbok for the on-call rota", -1);
  wait_checked (step);
  g_assert_true (is_underlined (step, "runbok"));
  g_assert_false (is_underlined (step, "call"));

  /* The title, through its Pango attributes */
  gtk_editable_set_text (GTK_EDITABLE (title), "Teh outage that wasn't");
  sb_test_ui_iterate (100);
  attrs = gtk_entry_get_attributes (GTK_ENTRY (title));
  g_assert_nonnull (attrs);
  {
    g_autoptr(GSList) list = pango_attr_list_get_attributes (attrs);
    gboolean found = FALSE;

    for (GSList *l = list; l != NULL; l = l->next)
      {
        PangoAttribute *attr = l->data;

        if (attr->klass->type == PANGO_ATTR_UNDERLINE)
          {
            g_assert_cmpint (((PangoAttrInt *) attr)->value, ==, PANGO_UNDERLINE_ERROR);
            g_assert_cmpuint (attr->start_index, ==, 0);
            g_assert_cmpuint (attr->end_index, ==, 3);
            g_assert_false (found);
            found = TRUE;
          }
      }
    g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
    g_assert_true (found);
  }

  /* Check Spelling off: no underline anywhere; on: back again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.spellcheck", NULL));
  sb_test_ui_iterate (50);
  g_assert_false (has_any_underline (situation));
  g_assert_false (has_any_underline (step));
  g_assert_false (sb_spell_text_adapter_get_busy (sb_text_view_get_spell_adapter (SB_TEXT_VIEW (situation))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.spellcheck", NULL));
  wait_checked (step);
  g_assert_true (is_underlined (step, "runbok"));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (20);
}

/* A long field is checked on idle, a slice at a time, to its end. */
static void
test_spell_long_field (void)
{
  GtkWidget *window;
  GtkWidget *view;
  SbSpellTextAdapter *spell;
  g_autoptr(GString) text = g_string_new (NULL);
  guint slices = 0;

  SKIP_WITHOUT_DICTIONARY ();

  window = gtk_window_new ();
  view = sb_text_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (50);

  /* One paragraph of about 30 KB, then a second one */
  while (text->len < 30000)
    g_string_append (text, "The release went out on time and nobody was paged overnight. ");
  g_string_append (text, "Ending with a tpyo\r\nand anothr one");
  sb_text_view_set_text (SB_TEXT_VIEW (view), text->str);

  spell = sb_text_view_get_spell_adapter (SB_TEXT_VIEW (view));
  /* Nothing checked yet: setting a text only marks it to check */
  g_assert_true (sb_spell_text_adapter_get_busy (spell));
  g_assert_false (has_any_underline (view));
  while (sb_spell_text_adapter_get_busy (spell))
    {
      g_main_context_iteration (NULL, TRUE);
      slices++;
    }
  g_assert_cmpuint (slices, >, 10);
  g_assert_true (is_underlined (view, "tpyo"));
  g_assert_true (is_underlined (view, "anothr"));
  g_assert_false (is_underlined (view, "release"));

  /* An edit far away checks only around it: a mark taken off by hand
   * at the end stays off.
   */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter start, end;

    find_word (view, "tpyo", &start, &end);
    gtk_text_buffer_remove_tag (buffer, sb_spell_text_adapter_get_tag (spell), &start, &end);
    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_insert (buffer, &start, "Frist ", -1);
    while (sb_spell_text_adapter_get_busy (spell))
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (is_underlined (view, "Frist"));
    g_assert_false (is_underlined (view, "tpyo"));
    g_assert_true (is_underlined (view, "anothr"));
  }

  /* The theme's error colour, light and dark */
  {
    AdwStyleManager *style = adw_style_manager_get_default ();
    g_autoptr(GdkRGBA) light = NULL;
    g_autoptr(GdkRGBA) dark = NULL;

    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
    sb_test_ui_iterate (100);
    g_object_get (sb_spell_text_adapter_get_tag (spell), "underline-rgba", &light, NULL);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    sb_test_ui_iterate (100);
    g_object_get (sb_spell_text_adapter_get_tag (spell), "underline-rgba", &dark, NULL);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

    g_assert_nonnull (light);
    g_assert_nonnull (dark);
    /* reddish both times, and not the same red */
    g_assert_cmpfloat (light->red, >, light->green);
    g_assert_cmpfloat (dark->red, >, dark->blue);
    g_assert_false (gdk_rgba_equal (light, dark));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (20);
}

static void
test_spell_language_menu (void)
{
  g_autoptr(SbApplication) app = sb_test_ui_make_app ();
  SbWindow *window = sb_window_new (app);
  SbSpellChecker *checker = sb_spell_checker_get_default ();
  g_autoptr(GVariant) state = NULL;

  SKIP_WITHOUT_DICTIONARY ();

  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
  while (sb_spell_checker_get_loading (checker))
    g_main_context_iteration (NULL, TRUE);

  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "spellcheck-language");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "");
  g_assert_cmpstr (sb_spell_checker_get_language (checker), ==, "en_US");

  /* A language with no dictionary: the locale's stays */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.spellcheck-language", "s", "xx_XX"));
  g_assert_cmpstr (sb_spell_checker_get_language (checker), ==, "en_US");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.spellcheck-language", "s", ""));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (20);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = sb_test_make_tmpdir ();
  enchant_dir = sb_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("ENCHANT_CONFIG_DIR", enchant_dir, TRUE);
  g_setenv ("LANGUAGE", "en_US", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  {
    g_autoptr(SbSpellChecker) checker = sb_spell_checker_new ();
    g_auto(GStrv) languages = sb_spell_checker_list_languages (checker);

    have_en_us = g_strv_contains ((const char * const *) languages, "en_US");
  }

  g_test_add_func ("/spell-ui/underline-and-correct", test_spell_underline_and_correct);
  g_test_add_func ("/spell-ui/long-field", test_spell_long_field);
  g_test_add_func ("/spell-ui/language-menu", test_spell_language_menu);

  ret = g_test_run ();
  sb_test_rm_rf (data_home);
  sb_test_rm_rf (enchant_dir);
  return ret;
}
