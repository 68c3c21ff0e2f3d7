/* test-i18n.c: the window speaks German when the user's language is German
 *
 * Runs the real window with LANGUAGE=de and the German catalog built into
 * STORYBANK_LOCALEDIR (tests/meson.build points it at build/po), then reads
 * the texts the window shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "sb-application.h"
#include "sb-examples.h"
#include "sb-principle-sidebar.h"
#include "sb-story-list.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-tooltip.h"
#include "sb-window.h"

static char *data_home;
static const char *german_locale;

static void
add_text (GPtrArray  *texts,
          const char *text)
{
  if (text != NULL && text[0] != '\0')
    g_ptr_array_add (texts, g_strdup (text));
}

/* Every text a widget under @widget shows: labels, status pages, window
 * titles and tooltips, visible or not.
 */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    add_text (texts, gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_INSCRIPTION (widget))
    add_text (texts, gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  if (ADW_IS_STATUS_PAGE (widget))
    {
      add_text (texts, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      add_text (texts, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  if (ADW_IS_WINDOW_TITLE (widget))
    {
      add_text (texts, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
      add_text (texts, adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
    }
  add_text (texts, gtk_widget_get_tooltip_text (widget));
  add_text (texts, sb_tooltip_get_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_text_prefix (GPtrArray  *texts,
                 const char *prefix)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (texts, i), prefix))
      return TRUE;
  return FALSE;
}

/* A text that is still an English message of ours with a German
 * translation means something was not translated on the way to the screen.
 */
static void
assert_no_english (GPtrArray *texts)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      const char *german = g_dgettext (GETTEXT_PACKAGE, text);

      if (g_strcmp0 (german, text) != 0)
        g_error ("The window shows “%s” in English; in German it is “%s”", text, german);
    }
}

static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *button = find_primary_menu_button (child);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static void
test_i18n_window_german (void)
{
  g_autoptr(SbApplication) app = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *first_item = NULL;
  GtkMenuButton *menu_button;
  GMenuModel *menu;
  SbWindow *window;

  if (german_locale == NULL)
    {
      g_test_skip ("Neither de_DE.UTF-8 nor C.UTF-8 is available: gettext ignores LANGUAGE in the C locale "
                   "(tests/dev deps installs a German locale)");
      return;
    }
  g_test_message ("Locale: %s, LANGUAGE=%s", german_locale, g_getenv ("LANGUAGE"));

  app = sb_test_ui_make_app ();
  window = sb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_ui_iterate (200);

  /* A new user's window: "All Stories" and the empty library page. */
  collect_texts (GTK_WIDGET (window), texts);
  g_assert_true (has_text (texts, "Alle Geschichten"));
  g_assert_true (has_text (texts, "Hier beginnen die Geschichten"));
  g_assert_true (has_text (texts, "Erste Geschichte _schreiben"));
  g_assert_true (has_text (texts, "Neue Geschichte (Strg+N)"));
  g_assert_false (has_text (texts, "All Stories"));
  assert_no_english (texts);

  /* The primary menu, from the window template, built as it opens. */
  menu_button = find_primary_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (menu_button);
  sb_test_ui_iterate (100);
  menu = gtk_menu_button_get_menu_model (menu_button);
  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &first_item));
  g_assert_cmpstr (first_item, ==, "_Neue Geschichte");
  g_ptr_array_set_size (texts, 0);
  collect_texts (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)), texts);
  g_assert_true (has_text (texts, "_Neue Geschichte"));
  assert_no_english (texts);
  gtk_menu_button_popdown (menu_button);

  /* With stories, the list, sidebar counts and editor speak German too,
   * plural forms included.
   */
  sb_examples_add (sb_application_get_library (app));
  sb_principle_sidebar_set_principle_id (sb_window_get_sidebar (window), "think-big");
  sb_test_ui_iterate (100);
  sb_story_list_select_position (sb_window_get_story_list (window), 0);
  sb_test_ui_iterate (200);
  g_ptr_array_set_size (texts, 0);
  collect_texts (GTK_WIDGET (window), texts);
  g_assert_true (has_text_prefix (texts, "Geschrieben am "));
  assert_no_english (texts);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_ui_iterate (50);
}

/* Picks a locale in which gettext honours LANGUAGE: a German one if the
 * system has it, else C.UTF-8 (glibc ignores LANGUAGE only in plain C).
 */
static const char *
set_german_locale (void)
{
  const char *candidates[] = { "de_DE.UTF-8", "de_DE.utf8", "C.UTF-8", "C.utf8" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (setlocale (LC_ALL, candidates[i]) != NULL)
      return candidates[i];
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("STORYBANK_LOCALEDIR");
  g_autofree char *catalog = NULL;
  int ret;

  data_home = sb_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* gtk_test_init() sets its own locale: choose ours afterwards, the way
   * main.c does at startup.
   */
  german_locale = set_german_locale ();
  g_assert_nonnull (localedir);
  catalog = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
    g_error ("The German catalog was not built: %s is missing", catalog);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/window-german", test_i18n_window_german);

  ret = g_test_run ();
  sb_test_rm_rf (data_home);
  return ret;
}
