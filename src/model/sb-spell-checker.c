/* sb-spell-checker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-spell-checker"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#ifdef HAVE_ENCHANT
# include <enchant.h>
#endif

#include "sb-spell-checker.h"
#include "sb-words.h"

/* Spelling, over enchant-2: one dictionary at a time, the locale's unless
 * the user chose another. Words added go to enchant's own personal word
 * list (so other applications share them); words ignored are ignored
 * until the program ends, whatever the language. Without enchant, or
 * without a dictionary, every word is right.
 *
 * "changed" is emitted whenever a word checked before may now be judged
 * differently (another language, a word added or ignored, checking turned
 * on or off), for the views to check their text again.
 */

/* Hunspell's dictionaries first, as GNOME's editors use them. */
#define PROVIDERS "hunspell,nuspell,aspell"

struct _SbSpellChecker
{
  GObject        parent_instance;

#ifdef HAVE_ENCHANT
  EnchantBroker *broker;
  EnchantDict   *dict;
#endif
  /* The dictionary in use, or NULL. */
  char          *language;
  /* What the user chose, or NULL for the locale's. */
  char          *wanted;
  GHashTable    *ignored;
  GHashTable    *names;
  /* The installed dictionaries' languages, sorted. */
  GStrv          languages;
  guint          load_source;
  guint          enabled : 1;
  guint          loaded : 1;
  guint          loading : 1;
};

G_DEFINE_FINAL_TYPE (SbSpellChecker, sb_spell_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_ENABLED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#ifdef HAVE_ENCHANT
/* @word with typographic apostrophes made plain, as dictionaries spell
 * them, or NULL when it has none.
 */
static char *
dup_plain (const char *word,
           gsize       length)
{
  GString *plain;

  if (g_strstr_len (word, length, "’") == NULL && g_strstr_len (word, length, "ʼ") == NULL)
    return NULL;

  plain = g_string_sized_new (length);
  for (const char *p = word; p < word + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (sb_word_is_apostrophe (c))
        g_string_append_c (plain, '\'');
      else
        g_string_append_unichar (plain, c);
    }

  return g_string_free (plain, FALSE);
}
#endif

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

#ifdef HAVE_ENCHANT
static void
add_language_cb (const char * const  lang_tag,
                 const char * const  provider_name,
                 const char * const  provider_desc,
                 const char * const  provider_file,
                 void               *user_data)
{
  GPtrArray *languages = user_data;

  for (guint i = 0; i < languages->len; i++)
    if (g_str_equal (g_ptr_array_index (languages, i), lang_tag))
      return;
  g_ptr_array_add (languages, g_strdup (lang_tag));
}

static gboolean
has_dict (EnchantBroker *broker,
          const char    *tag)
{
  return tag[0] != '\0' && enchant_broker_dict_exists (broker, tag) > 0;
}

/* The first of the locale's languages (@names, as g_get_language_names()
 * gives them) a dictionary is installed for.
 */
static char *
find_locale_language (EnchantBroker      *broker,
                      const char * const *names)
{
  static const char *c_fallbacks[] = { "en_US", "en_GB", "en" };
  gboolean only_c = TRUE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *tag = g_strdup (names[i]);

      /* en_GB.UTF-8@euro → en_GB */
      tag[strcspn (tag, ".@")] = '\0';
      if (g_str_equal (tag, "C") || g_str_equal (tag, "POSIX"))
        continue;
      only_c = FALSE;
      if (has_dict (broker, tag))
        return g_steal_pointer (&tag);
    }

  /* The C locale speaks English. */
  if (only_c)
    for (guint i = 0; i < G_N_ELEMENTS (c_fallbacks); i++)
      if (has_dict (broker, c_fallbacks[i]))
        return g_strdup (c_fallbacks[i]);

  return NULL;
}
#endif

/* What loading a dictionary needs and gives, on any one thread: enchant
 * takes about 10 ms to start and hunspell 60 ms to read a dictionary,
 * too long for the window's first frame.
 */
typedef struct
{
  char          *wanted;
  GStrv          locale_names;
#ifdef HAVE_ENCHANT
  EnchantBroker *broker;
  EnchantDict   *dict;
#endif
  char          *language;
  GStrv          languages;
} Load;

static void
load_free (Load *load)
{
#ifdef HAVE_ENCHANT
  if (load->dict != NULL)
    enchant_broker_free_dict (load->broker, load->dict);
  if (load->broker != NULL)
    enchant_broker_free (load->broker);
#endif
  g_free (load->wanted);
  g_strfreev (load->locale_names);
  g_free (load->language);
  g_strfreev (load->languages);
  g_free (load);
}

static Load *
load_new (SbSpellChecker *self)
{
  Load *load = g_new0 (Load, 1);

  load->wanted = g_strdup (self->wanted);
  load->locale_names = g_strdupv ((char **) g_get_language_names ());
  return load;
}

static void
load_run (Load *load)
{
#ifdef HAVE_ENCHANT
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);

  load->broker = enchant_broker_init ();
  /* Debian's enchant prefers aspell for English when it is installed
   * too, and aspell keeps a word list of its own besides enchant's.
   */
  enchant_broker_set_ordering (load->broker, "*", PROVIDERS);

  enchant_broker_list_dicts (load->broker, add_language_cb, languages);
  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_add (languages, NULL);
  load->languages = (GStrv) g_ptr_array_steal (languages, NULL);

  if (load->wanted != NULL && has_dict (load->broker, load->wanted))
    load->language = g_strdup (load->wanted);
  else
    load->language = find_locale_language (load->broker, (const char * const *) load->locale_names);

  if (load->language != NULL)
    {
      /* Debian's enchant.ordering names aspell first for English. */
      enchant_broker_set_ordering (load->broker, load->language, PROVIDERS);
      load->dict = enchant_broker_request_dict (load->broker, load->language);
      if (load->dict == NULL)
        {
          g_debug ("No dictionary for %s: %s", load->language, enchant_broker_get_error (load->broker));
          g_clear_pointer (&load->language, g_free);
        }
    }
#else
  load->languages = g_new0 (char *, 1);
#endif
}

static void load_dict (SbSpellChecker *self);

/* Takes what @load found, on the main thread. */
static void
finish_load (SbSpellChecker *self,
             Load           *load)
{
  gboolean changed;

#ifdef HAVE_ENCHANT
  self->broker = g_steal_pointer (&load->broker);
  self->dict = g_steal_pointer (&load->dict);
#endif
  self->languages = g_steal_pointer (&load->languages);
  changed = g_strcmp0 (self->language, load->language) != 0;
  g_free (self->language);
  self->language = g_steal_pointer (&load->language);
  self->loaded = TRUE;
  self->loading = FALSE;

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  g_signal_emit (self, signals[CHANGED], 0);

  /* Another language chosen meanwhile */
  if (g_strcmp0 (self->wanted, load->wanted) != 0)
    load_dict (self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  load_run (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  finish_load (SB_SPELL_CHECKER (object), g_task_get_task_data (G_TASK (result)));
}

static gboolean
start_load_cb (gpointer user_data)
{
  SbSpellChecker *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->load_source = 0;
  self->loading = TRUE;
  task = g_task_new (self, NULL, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load_cb);
  g_task_set_task_data (task, load_new (self), (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
  return G_SOURCE_REMOVE;
}

/* Loads on this thread, unless a load in the background is under way:
 * FALSE then.
 */
static gboolean
ensure_loaded (SbSpellChecker *self)
{
  Load *load;

  if (self->loaded)
    return TRUE;
  if (self->loading || self->load_source != 0)
    return FALSE;

  load = load_new (self);
  load_run (load);
  finish_load (self, load);
  load_free (load);
  return TRUE;
}

/* Chooses the dictionary again, on the main thread, once loaded. */
static void
load_dict (SbSpellChecker *self)
{
  g_autofree char *language = NULL;

  if (!self->loaded)
    return;

#ifdef HAVE_ENCHANT
  if (self->wanted != NULL && has_dict (self->broker, self->wanted))
    language = g_strdup (self->wanted);
  else
    language = find_locale_language (self->broker, g_get_language_names ());

  if (g_strcmp0 (language, self->language) == 0)
    return;

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, g_steal_pointer (&self->dict));
  if (language != NULL)
    {
      enchant_broker_set_ordering (self->broker, language, PROVIDERS);
      self->dict = enchant_broker_request_dict (self->broker, language);
      if (self->dict == NULL)
        {
          g_debug ("No dictionary for %s: %s", language, enchant_broker_get_error (self->broker));
          g_clear_pointer (&language, g_free);
        }
    }
#endif

  if (g_strcmp0 (language, self->language) == 0)
    return;

  g_free (self->language);
  self->language = g_steal_pointer (&language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sb_spell_checker_finalize (GObject *object)
{
  SbSpellChecker *self = SB_SPELL_CHECKER (object);

  g_clear_handle_id (&self->load_source, g_source_remove);
#ifdef HAVE_ENCHANT
  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  if (self->broker != NULL)
    enchant_broker_free (self->broker);
#endif
  g_strfreev (self->languages);
  g_free (self->language);
  g_free (self->wanted);
  g_hash_table_unref (self->ignored);
  g_hash_table_unref (self->names);

  G_OBJECT_CLASS (sb_spell_checker_parent_class)->finalize (object);
}

static void
sb_spell_checker_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbSpellChecker *self = SB_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_spell_checker_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbSpellChecker *self = SB_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      sb_spell_checker_set_language (self, g_value_get_string (value));
      break;

    case PROP_ENABLED:
      sb_spell_checker_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_spell_checker_class_init (SbSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_spell_checker_finalize;
  object_class->get_property = sb_spell_checker_get_property;
  object_class->set_property = sb_spell_checker_set_property;

  /**
   * SbSpellChecker:language:
   *
   * The dictionary in use ("en_US"), %NULL when there is none. Setting it
   * chooses one; %NULL or "" chooses the locale's.
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbSpellChecker:enabled:
   *
   * Whether words are checked at all.
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_spell_checker_init (SbSpellChecker *self)
{
  self->enabled = TRUE;
  self->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->names = sb_word_names_new ();
}

/**
 * sb_spell_checker_new:
 *
 * Returns: (transfer full): a checker with the locale's dictionary,
 * loaded at once
 */
SbSpellChecker *
sb_spell_checker_new (void)
{
  SbSpellChecker *self = g_object_new (SB_TYPE_SPELL_CHECKER, NULL);

  ensure_loaded (self);
  return self;
}

/**
 * sb_spell_checker_get_default:
 *
 * The checker every field shares. Its dictionary is loaded by
 * sb_spell_checker_load_in_background() (the fields call it after their
 * first frame): until then it checks nothing.
 *
 * Returns: (transfer none): the checker every field shares
 */
SbSpellChecker *
sb_spell_checker_get_default (void)
{
  static SbSpellChecker *instance;

  if (instance == NULL)
    {
      instance = g_object_new (SB_TYPE_SPELL_CHECKER, NULL);
      g_object_add_weak_pointer (G_OBJECT (instance), (gpointer *) &instance);
    }

  return instance;
}

/**
 * sb_spell_checker_load_in_background:
 *
 * Loads the dictionary on a worker thread, starting when the main loop is
 * idle, unless it is loaded or loading already. Until it is ready the
 * checker checks nothing; #SbSpellChecker::changed says when it is.
 */
void
sb_spell_checker_load_in_background (SbSpellChecker *self)
{
  g_return_if_fail (SB_IS_SPELL_CHECKER (self));

  if (self->loaded || self->loading || self->load_source != 0)
    return;
  self->load_source = g_idle_add_full (G_PRIORITY_LOW, start_load_cb, self, NULL);
}

/**
 * sb_spell_checker_get_loading:
 *
 * Returns: whether the dictionary is still to be loaded in the background
 */
gboolean
sb_spell_checker_get_loading (SbSpellChecker *self)
{
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (self), FALSE);
  return !self->loaded && (self->loading || self->load_source != 0);
}

/**
 * sb_spell_checker_list_languages:
 *
 * Returns: (transfer full): the languages a dictionary is installed for,
 * sorted (none while the default checker is still loading)
 */
char **
sb_spell_checker_list_languages (SbSpellChecker *self)
{
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (self), NULL);

  /* None yet while loading in the background */
  if (!ensure_loaded (self))
    return g_new0 (char *, 1);
  return g_strdupv (self->languages);
}

const char *
sb_spell_checker_get_language (SbSpellChecker *self)
{
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (self), NULL);
  return self->language;
}

/**
 * sb_spell_checker_set_language:
 * @language: (nullable): a dictionary's language ("de_DE"), or %NULL or ""
 *   for the locale's
 *
 * Checks in @language from now on; when it has no dictionary, in the
 * locale's language.
 */
void
sb_spell_checker_set_language (SbSpellChecker *self,
                               const char     *language)
{
  g_return_if_fail (SB_IS_SPELL_CHECKER (self));

  if (language != NULL && language[0] == '\0')
    language = NULL;

  g_free (self->wanted);
  self->wanted = g_strdup (language);
  load_dict (self);
}

gboolean
sb_spell_checker_get_enabled (SbSpellChecker *self)
{
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (self), FALSE);
  return self->enabled;
}

void
sb_spell_checker_set_enabled (SbSpellChecker *self,
                              gboolean        enabled)
{
  g_return_if_fail (SB_IS_SPELL_CHECKER (self));

  enabled = !!enabled;
  if (enabled == self->enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_spell_checker_get_active:
 *
 * Returns: whether checking is on and there is a dictionary: when not,
 * views need not look for words at all
 */
gboolean
sb_spell_checker_get_active (SbSpellChecker *self)
{
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (self), FALSE);
  return self->enabled && self->language != NULL;
}

/**
 * sb_spell_checker_get_names:
 *
 * Returns: (transfer none): the words never checked, as a set for
 * sb_word_iter_init()
 */
GHashTable *
sb_spell_checker_get_names (SbSpellChecker *self)
{
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (self), NULL);
  return self->names;
}

/**
 * sb_spell_checker_set_names:
 * @names: (nullable): names, such as the principles' ("Bias for Action")
 *
 * Leaves the words of @names unchecked.
 */
void
sb_spell_checker_set_names (SbSpellChecker     *self,
                            const char * const *names)
{
  g_return_if_fail (SB_IS_SPELL_CHECKER (self));

  g_hash_table_remove_all (self->names);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    sb_word_names_add (self->names, names[i]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_spell_checker_check_word:
 * @word: a word, as sb_word_iter_next() finds them
 * @length: its length in bytes, or -1 when nul-terminated
 *
 * Returns: %FALSE when @word is misspelt; %TRUE when it is right, ignored,
 * or not checked (checking off, no dictionary)
 */
gboolean
sb_spell_checker_check_word (SbSpellChecker *self,
                             const char     *word,
                             gssize          length)
{
  g_return_val_if_fail (SB_IS_SPELL_CHECKER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (!sb_spell_checker_get_active (self))
    return TRUE;
  if (length < 0)
    length = strlen (word);
  if (length == 0)
    return TRUE;

  if (g_hash_table_size (self->ignored) > 0)
    {
      g_autofree char *copy = g_strndup (word, length);

      if (g_hash_table_contains (self->ignored, copy))
        return TRUE;
    }

#ifdef HAVE_ENCHANT
  {
    g_autofree char *plain = dup_plain (word, length);

    if (plain != NULL)
      return enchant_dict_check (self->dict, plain, -1) <= 0;
    return enchant_dict_check (self->dict, word, length) <= 0;
  }
#else
  return TRUE;
#endif
}

/**
 * sb_spell_checker_suggest:
 * @word: a misspelt word
 * @length: its length in bytes, or -1 when nul-terminated
 *
 * Returns: (transfer full): up to %SB_SPELL_CHECKER_MAX_SUGGESTIONS
 * spellings, best first; none when nothing is checked
 */
char **
sb_spell_checker_suggest (SbSpellChecker *self,
                          const char     *word,
                          gssize          length)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SB_IS_SPELL_CHECKER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (length < 0)
    length = strlen (word);

#ifdef HAVE_ENCHANT
  if (sb_spell_checker_get_active (self) && length > 0)
    {
      g_autofree char *plain = dup_plain (word, length);
      size_t n = 0;
      char **suggestions;

      if (plain != NULL)
        suggestions = enchant_dict_suggest (self->dict, plain, -1, &n);
      else
        suggestions = enchant_dict_suggest (self->dict, word, length, &n);

      for (size_t i = 0; i < n && i < SB_SPELL_CHECKER_MAX_SUGGESTIONS; i++)
        g_strv_builder_add (builder, suggestions[i]);
      if (suggestions != NULL)
        enchant_dict_free_string_list (self->dict, suggestions);
    }
#endif

  return g_strv_builder_end (builder);
}

/**
 * sb_spell_checker_add_word:
 * @word: a word
 *
 * Adds @word to the personal word list of the dictionary in use, which
 * enchant keeps for every application.
 */
void
sb_spell_checker_add_word (SbSpellChecker *self,
                           const char     *word)
{
  g_return_if_fail (SB_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

#ifdef HAVE_ENCHANT
  if (self->dict == NULL || word[0] == '\0')
    return;

  enchant_dict_add (self->dict, word, -1);
  g_signal_emit (self, signals[CHANGED], 0);
#endif
}

/**
 * sb_spell_checker_ignore_word:
 * @word: a word
 *
 * Takes @word as right, in every language, until the program ends.
 */
void
sb_spell_checker_ignore_word (SbSpellChecker *self,
                              const char     *word)
{
  g_return_if_fail (SB_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  if (word[0] == '\0' || g_hash_table_contains (self->ignored, word))
    return;

  g_hash_table_add (self->ignored, g_strdup (word));
  g_signal_emit (self, signals[CHANGED], 0);
}
