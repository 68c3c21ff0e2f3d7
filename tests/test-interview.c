/* test-interview.c: interviews in the model, the data file and merges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-export.h"
#include "sb-import.h"
#include "sb-interview.h"
#include "sb-json.h"
#include "sb-library.h"
#include "sb-merge.h"
#include "sb-store.h"
#include "sb-store-cache.h"
#include "sb-test-util.h"

static GDateTime *
local_date (int year,
            int month,
            int day,
            int hour)
{
  return g_date_time_new_local (year, month, day, hour, 0, 0);
}

static SbInterview *
make_interview (const char *company,
                const char *role,
                GDateTime  *date)
{
  SbInterview *interview = sb_interview_new (company, role, date);
  g_autoptr(SbRound) screen = sb_round_new ("Phone screen");
  g_autoptr(SbRound) manager = sb_round_new ("Hiring manager");
  const char *screen_ids[] = { "customer-obsession", "ownership", NULL };
  const char *manager_ids[] = { "think-big", "deliver-results", NULL };

  sb_round_set_principles (screen, screen_ids);
  sb_round_set_principles (manager, manager_ids);
  sb_round_set_interviewer (manager, "Dana");
  sb_round_set_minutes (manager, 60);
  sb_interview_add_round (interview, screen);
  sb_interview_add_round (interview, manager);
  sb_interview_set_posting (interview, "We want owners who obsess over customers.");
  return interview;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Every field, and members this version does not know, come back. */
static void
test_interview_round_trip (void)
{
  static const char *json =
    "{ \"id\": \"i-1\", \"company\": \"Acme\", \"role\": \"Staff engineer\","
    "  \"date\": \"2026-12-10T14:00:00Z\", \"posting\": \"Posting text\", \"notes\": \"Bring water\","
    "  \"outcome\": \"offer\", \"salary\": { \"band\": 7 },"
    "  \"rounds\": [ { \"id\": \"r-1\", \"name\": \"Bar raiser\", \"interviewer\": \"Kim\", \"minutes\": 50,"
    "                  \"principles\": [\"dive-deep\", \"earn-trust\"],"
    "                  \"plan\": [ { \"principle\": \"dive-deep\", \"story\": \"s-1\" } ],"
    "                  \"told\": [ { \"story\": \"s-1\", \"title\": \"Outage at 3 a.m.\" } ],"
    "                  \"rating\": 4, \"follow-ups\": [\"What would you do differently?\"],"
    "                  \"room\": \"4.12\" } ] }";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) again_parser = json_parser_new ();
  g_autoptr(SbInterview) interview = sb_interview_new_from_json (parse_object (parser, json), NULL);
  g_autoptr(SbInterview) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  SbRound *round;

  g_assert_cmpstr (sb_interview_get_id (interview), ==, "i-1");
  g_assert_cmpstr (sb_interview_get_company (interview), ==, "Acme");
  g_assert_cmpstr (sb_interview_get_role (interview), ==, "Staff engineer");
  g_assert_cmpint (sb_interview_get_outcome (interview), ==, SB_INTERVIEW_OUTCOME_OFFER);
  g_assert_nonnull (sb_interview_get_date (interview));
  g_assert_cmpint (g_date_time_to_unix (sb_interview_get_date (interview)), ==, 1796911200);
  g_assert_cmpuint (sb_interview_get_n_rounds (interview), ==, 1);

  round = sb_interview_get_round (interview, 0);
  g_assert_cmpstr (sb_round_get_name (round), ==, "Bar raiser");
  g_assert_cmpstr (sb_round_get_interviewer (round), ==, "Kim");
  g_assert_cmpuint (sb_round_get_minutes (round), ==, 50);
  g_assert_true (sb_round_has_principle (round, "earn-trust"));
  g_assert_cmpstr (sb_round_get_planned_story (round, "dive-deep"), ==, "s-1");
  g_assert_cmpuint (sb_round_get_n_told (round), ==, 1);
  g_assert_cmpstr (sb_round_get_told_title (round, 0), ==, "Outage at 3 a.m.");
  g_assert_cmpint (sb_round_get_rating (round), ==, 4);
  g_assert_cmpstr (sb_round_get_follow_ups (round)[0], ==, "What would you do differently?");

  written = sb_interview_dup_json (interview);
  g_assert_nonnull (strstr (written, "\"salary\": {\"band\":7}"));
  g_assert_nonnull (strstr (written, "\"room\": \"4.12\""));

  again = sb_interview_new_from_json (parse_object (again_parser, written), NULL);
  rewritten = sb_interview_dup_json (again);
  g_assert_cmpstr (written, ==, rewritten);
}

/* A file a person edited by hand: wrong types are read as absent, the
 * rest of the interview stays.
 */
static void
test_interview_malformed (void)
{
  static const char *json =
    "[ 7, \"text\", null,"
    "  { \"company\": 12, \"role\": \"PM\", \"date\": \"not a date\", \"rounds\": { \"a\": 1 } },"
    "  { \"id\": \"x\", \"company\": \"Twice\", \"outcome\": \"hired-on-the-spot\","
    "    \"rounds\": [ 3, { \"minutes\": \"sixty\", \"principles\": [1, 2], \"rating\": 9,"
    "                       \"plan\": [ 5, { \"story\": \"no principle\" } ], \"told\": \"all\" } ] },"
    "  { \"id\": \"x\", \"company\": \"Second with the same id\" } ]";
  g_autoptr(GPtrArray) interviews = sb_interview_list_from_text (json);
  g_autoptr(GPtrArray) none = sb_interview_list_from_text ("{ \"not\": \"a list\" }");
  g_autoptr(GPtrArray) broken = sb_interview_list_from_text ("[ { \"id\": ");
  SbInterview *first, *second;
  SbRound *round;
  g_autofree char *written = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (broken->len, ==, 0);
  g_assert_cmpuint (interviews->len, ==, 2);

  first = g_ptr_array_index (interviews, 0);
  g_assert_cmpstr (sb_interview_get_company (first), ==, "");
  g_assert_cmpstr (sb_interview_get_role (first), ==, "PM");
  g_assert_null (sb_interview_get_date (first));
  g_assert_cmpuint (strlen (sb_interview_get_id (first)), >, 0);
  g_assert_cmpuint (sb_interview_get_n_rounds (first), ==, 0);

  second = g_ptr_array_index (interviews, 1);
  g_assert_cmpstr (sb_interview_get_company (second), ==, "Twice");
  g_assert_cmpint (sb_interview_get_outcome (second), ==, SB_INTERVIEW_OUTCOME_NONE);
  g_assert_cmpuint (sb_interview_get_n_rounds (second), ==, 1);
  round = sb_interview_get_round (second, 0);
  g_assert_cmpuint (sb_round_get_minutes (round), ==, 45);
  g_assert_cmpuint (g_strv_length ((char **) sb_round_get_principles (round)), ==, 0);
  g_assert_cmpint (sb_round_get_rating (round), ==, SB_ROUND_RATING_UNSET);
  g_assert_cmpuint (sb_round_get_n_planned (round), ==, 0);
  g_assert_cmpuint (sb_round_get_n_told (round), ==, 0);

  /* An outcome this version does not know is written back as it was. */
  written = sb_interview_dup_json (second);
  g_assert_nonnull (strstr (written, "\"hired-on-the-spot\""));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Upcoming first, soonest first, then past ones, newest first; the order
 * follows a date edit at once.
 */
static void
test_library_order (void)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(GDateTime) now = local_date (2026, 12, 6, 12);
  g_autoptr(GDateTime) d1 = local_date (2026, 12, 20, 9);
  g_autoptr(GDateTime) d2 = local_date (2026, 12, 8, 9);
  g_autoptr(GDateTime) d3 = local_date (2026, 11, 1, 9);
  g_autoptr(GDateTime) d4 = local_date (2026, 12, 1, 9);
  g_autoptr(GDateTime) d5 = local_date (2027, 1, 5, 9);
  g_autoptr(SbInterview) late = sb_interview_new ("Late", NULL, d1);
  g_autoptr(SbInterview) soon = sb_interview_new ("Soon", NULL, d2);
  g_autoptr(SbInterview) old = sb_interview_new ("Old", NULL, d3);
  g_autoptr(SbInterview) recent = sb_interview_new ("Recent", NULL, d4);
  GListModel *model = sb_library_get_interviews (library);
  guint changes = 0;

  sb_library_set_interviews_now (library, now);
  g_signal_connect_swapped (library, "changed", G_CALLBACK (count_cb), &changes);
  sb_library_add_interview (library, old);
  sb_library_add_interview (library, late);
  sb_library_add_interview (library, recent);
  sb_library_add_interview (library, soon);
  g_assert_cmpuint (changes, ==, 4);

  {
    const char *expected[] = { "Soon", "Late", "Recent", "Old" };

    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(SbInterview) interview = g_list_model_get_item (model, i);

        g_assert_cmpstr (sb_interview_get_company (interview), ==, expected[i]);
      }
  }

  /* "Soon" moves after "Late". */
  sb_interview_set_date (soon, d5);
  g_assert_cmpuint (changes, ==, 5);
  {
    g_autoptr(SbInterview) first = g_list_model_get_item (model, 0);
    g_autoptr(SbInterview) second = g_list_model_get_item (model, 1);

    g_assert_true (first == late);
    g_assert_true (second == soon);
  }

  /* A round's edit is the library's change too. */
  {
    g_autoptr(SbRound) round = sb_round_new ("Lunch");

    sb_interview_add_round (late, round);
    g_assert_cmpuint (changes, ==, 6);
    sb_round_set_minutes (round, 30);
    g_assert_cmpuint (changes, ==, 7);
    sb_round_set_minutes (round, 30);
    g_assert_cmpuint (changes, ==, 7);
  }

  g_assert_true (sb_library_find_interview (library, sb_interview_get_id (old)) == old);
  g_assert_true (sb_library_remove_interview (library, old));
  g_assert_null (sb_library_find_interview (library, sb_interview_get_id (old)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

static void
test_countdown (void)
{
  g_autoptr(GDateTime) now = local_date (2026, 12, 6, 23);
  g_autoptr(GDateTime) tomorrow = local_date (2026, 12, 7, 8);
  g_autoptr(GDateTime) later = local_date (2026, 12, 9, 8);
  g_autoptr(GDateTime) past = local_date (2026, 12, 1, 8);
  g_autoptr(SbInterview) interview = sb_interview_new ("Acme", "PM", tomorrow);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *title = NULL;

  a = sb_interview_dup_countdown (interview, now);
  g_assert_cmpint (sb_interview_get_days_until (interview, now), ==, 1);
  sb_interview_set_date (interview, later);
  b = sb_interview_dup_countdown (interview, now);
  sb_interview_set_date (interview, past);
  c = sb_interview_dup_countdown (interview, now);
  g_assert_false (sb_interview_is_upcoming (interview, now));
  title = sb_interview_dup_display_title (interview);

  g_assert_cmpstr (a, ==, "Tomorrow");
  g_assert_cmpstr (b, ==, "In 3 days");
  g_assert_cmpstr (c, ==, "5 days ago");
  g_assert_cmpstr (title, ==, "Acme — PM");
}

/* What the UI asks before deleting a story; past logs keep its title. */
static void
test_using_story (void)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(GDateTime) date = local_date (2026, 12, 10, 9);
  g_autoptr(SbInterview) interview = make_interview ("Acme", "PM", date);
  g_autoptr(SbInterview) other = make_interview ("Other", "PM", date);
  g_autoptr(GPtrArray) using = NULL;
  SbRound *round = sb_interview_get_round (interview, 0);

  sb_story_set_title (story, "The migration");
  sb_library_add (library, story);
  sb_library_add_interview (library, interview);
  sb_library_add_interview (library, other);

  using = sb_library_dup_interviews_using_story (library, sb_story_get_id (story));
  g_assert_cmpuint (using->len, ==, 0);
  g_clear_pointer (&using, g_ptr_array_unref);

  sb_round_add_told (round, sb_story_get_id (story), sb_story_get_title (story));
  using = sb_library_dup_interviews_using_story (library, sb_story_get_id (story));
  g_assert_cmpuint (using->len, ==, 1);
  g_assert_true (using->pdata[0] == interview);

  /* Deleted: the log still names it. */
  sb_library_remove (library, story, NULL);
  g_assert_cmpstr (sb_round_get_told_title (round, 0), ==, "The migration");

  /* A follow-up question goes to the story's notes. */
  sb_library_log_follow_up (library, interview, story, "How did you measure it?");
  g_assert_nonnull (strstr (sb_story_get_notes (story), "How did you measure it?"));
  g_assert_nonnull (strstr (sb_story_get_notes (story), "Acme — PM, 2026-12-10"));
}

typedef struct
{
  char      *dir;
  char      *path;
  SbCatalog *catalog;
} Files;

static void
files_set_up (Files         *f,
              gconstpointer  data)
{
  f->dir = sb_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "stories.json", NULL);
  f->catalog = sb_catalog_new ();
}

static void
files_tear_down (Files         *f,
                 gconstpointer  data)
{
  g_clear_object (&f->catalog);
  sb_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static SbLibrary *
load (Files      *f,
      const char *cache_path,
      SbStore   **out_store)
{
  SbLibrary *library = sb_library_new ();
  g_autoptr(SbStore) store = sb_store_new (f->path, library, f->catalog);
  g_autoptr(GError) error = NULL;

  if (cache_path != NULL)
    sb_store_set_cache_path (store, cache_path);
  g_assert_true (sb_store_load (store, &error));
  g_assert_no_error (error);
  if (out_store != NULL)
    *out_store = g_steal_pointer (&store);
  return library;
}

static char *
interviews_json (SbLibrary *library)
{
  char *json = sb_library_dup_interviews_json (library, 1);

  return json ? json : g_strdup ("");
}

/* Saved through the store, loaded back; an edit marks the store dirty;
 * a file without interviews has no "interviews" key.
 */
static void
test_store_round_trip (Files         *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = sb_test_make_stories (5, 7);
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = sb_store_new (f->path, library, f->catalog);
  g_autoptr(GDateTime) date = local_date (2026, 12, 10, 14);
  g_autoptr(SbInterview) interview = make_interview ("Acme", "Staff engineer", date);
  g_autoptr(SbLibrary) loaded = NULL;
  g_autoptr(SbStore) loaded_store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  sb_library_splice (library, stories);
  g_assert_true (sb_store_save (store, &error));
  contents = sb_test_read_file (f->path);
  g_assert_null (strstr (contents, "\"interviews\""));

  sb_store_set_autosave_delay (store, 60000);
  sb_library_add_interview (library, interview);
  g_assert_true (sb_store_get_dirty (store));
  g_assert_true (sb_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_false (sb_store_get_dirty (store));

  sb_round_set_rating (sb_interview_get_round (interview, 1), 5);
  g_assert_true (sb_store_get_dirty (store));
  g_assert_true (sb_store_flush (store, &error));

  g_clear_pointer (&contents, g_free);
  contents = sb_test_read_file (f->path);
  g_assert_nonnull (strstr (contents, "\"interviews\": ["));

  loaded = load (f, NULL, &loaded_store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (loaded)), ==, 1);
  before = interviews_json (library);
  after = interviews_json (loaded);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (sb_store_get_dirty (loaded_store));

  /* The JSON export keeps them, as they are now. */
  sb_interview_set_notes (sb_library_find_interview (loaded, sb_interview_get_id (interview)), "Not saved yet");
  {
    g_autofree char *exported = sb_store_serialize (loaded_store);

    g_assert_nonnull (strstr (exported, "Not saved yet"));
  }
  {
    SbExportSelection selection = { NULL, NULL, NULL };
    g_autofree char *exported = NULL;

    sb_store_get_extra (loaded_store, &selection.extra_keys, &selection.extra_values);
    exported = sb_export_dup_text (loaded, f->catalog, SB_EXPORT_FORMAT_JSON, &selection, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (exported, "Not saved yet"));
    g_assert_nonnull (strstr (exported, "Hiring manager"));
  }
}

/* The binary cache carries interviews: a start from it has them. */
static void
test_store_cache (Files         *f,
                  gconstpointer  data)
{
  g_autofree char *cache = g_build_filename (f->dir, "stories.cache", NULL);
  g_autoptr(GPtrArray) stories = sb_test_make_stories (3, 9);
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = sb_store_new (f->path, library, f->catalog);
  g_autoptr(GDateTime) date = local_date (2027, 1, 12, 10);
  g_autoptr(SbInterview) interview = make_interview ("Initech", "Manager", date);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  sb_store_set_cache_path (store, cache);
  sb_library_splice (library, stories);
  sb_library_add_interview (library, interview);
  g_assert_true (sb_store_save (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (cache, G_FILE_TEST_EXISTS));
  expected = interviews_json (library);

  /* The JSON cannot be read now: only the cache can have them. */
  {
    g_autoptr(SbLibrary) from_cache = NULL;
    g_autofree char *got = NULL;
    g_auto(GStrv) keys = NULL;
    g_auto(GStrv) values = NULL;
    g_autoptr(GPtrArray) cached = NULL;
    g_autoptr(JsonArray) principles = NULL;
    g_autofree char *checksum = NULL;
    SbFileStamp stamp;

    g_assert_true (sb_file_stamp_get (f->path, &stamp, NULL));
    g_assert_true (sb_store_cache_read (cache, &stamp, &cached, &principles, &keys, &values, &checksum));
    g_assert_nonnull (sb_json_extra_lookup ((const char * const *) keys, (const char * const *) values,
                                            "interviews"));

    from_cache = load (f, cache, NULL);
    got = interviews_json (from_cache);
    g_assert_cmpstr (got, ==, expected);
  }

  /* A damaged cache's interviews (they are checked when read, not when
   * the cache is): none come in, and nothing damaged goes out.
   */
  {
    char *keys[] = { (char *) "interviews", NULL };
    char *values[] = { (char *) "[ { \"id\": \"broken", NULL };
    g_autoptr(SbLibrary) from_cache = NULL;
    g_autoptr(SbStore) cached_store = NULL;
    g_autoptr(GPtrArray) snapshot = sb_library_dup_snapshot (library);
    g_autofree char *written = NULL;
    SbFileStamp stamp;

    g_assert_true (sb_file_stamp_get (f->path, &stamp, NULL));
    g_assert_true (sb_store_cache_write (cache, &stamp, NULL, "[]", keys, values, snapshot, &error));
    g_assert_no_error (error);
    from_cache = load (f, cache, &cached_store);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (from_cache)), ==, 3);
    written = sb_store_serialize (cached_store);
    g_assert_null (strstr (written, "broken"));
    g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (from_cache)), ==, 0);
  }
}

/* A data file whose interviews are broken still gives every story. */
static void
test_store_malformed (Files         *f,
                      gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(SbLibrary) library = NULL;
  g_autofree char *contents = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (big, "long ");

  contents = g_strdup_printf ("{ \"format\": \"storybank\", \"version\": 1,"
                              "  \"stories\": [ { \"id\": \"a\", \"title\": \"First\" },"
                              "                 { \"id\": \"b\", \"title\": \"Second\" } ],"
                              "  \"interviews\": [ { \"rounds\": 5, \"company\": [1] }, 3,"
                              "                    { \"id\": \"big\", \"posting\": \"%s\", \"date\": 12 } ] }",
                              big->str);
  sb_test_write_file (f->path, contents, -1);

  library = load (f, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  g_assert_nonnull (sb_library_find (library, "a"));
  g_assert_nonnull (sb_library_find (library, "b"));
  g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (library)), ==, 2);
  g_assert_cmpuint (strlen (sb_interview_get_posting (sb_library_find_interview (library, "big"))), ==, big->len);

  /* Not a list at all: no interviews, the stories all there. */
  sb_test_write_file (f->path,
                      "{ \"format\": \"storybank\", \"version\": 1, \"stories\": [ { \"id\": \"a\" } ],"
                      "  \"interviews\": \"soon\" }", -1);
  g_clear_object (&library);
  library = load (f, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (library)), ==, 0);
}

/* The fuzzers' seeds with interviews load, every story with them. */
static void
test_store_fuzz_seeds (Files         *f,
                       gconstpointer  data)
{
  const char *seeds[] = { "interviews.json", "bad-interviews-wrong-types.json", "bad-interviews-not-list.json" };
  guint n_interviews[] = { 2, 3, 0 };
  guint n_stories[] = { 1, 1, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-store", seeds[i], NULL);
      g_autofree char *contents = sb_test_read_file (seed);
      g_autoptr(SbLibrary) library = NULL;
      g_autoptr(SbStore) store = NULL;
      g_autoptr(GError) error = NULL;

      sb_test_write_file (f->path, contents, -1);
      library = load (f, NULL, &store);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_stories[i]);
      g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (library)), ==, n_interviews[i]);

      /* Saved again, it loads the same. */
      if (n_interviews[i] > 0)
        {
          g_autoptr(SbInterview) first = g_list_model_get_item (sb_library_get_interviews (library), 0);

          sb_interview_set_notes (first, "edited");
        }
      g_assert_true (sb_store_flush (store, &error));
      g_assert_no_error (error);
      {
        g_autoptr(SbLibrary) again = load (f, NULL, NULL);
        g_autofree char *a = interviews_json (library);
        g_autofree char *b = interviews_json (again);

        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, n_stories[i]);
        g_assert_cmpstr (a, ==, b);
      }
    }
}

/* Importing a Storybank file brings the interviews the library lacks. */
static void
test_import_json (Files         *f,
                  gconstpointer  data)
{
  g_autoptr(SbLibrary) source = sb_library_new ();
  g_autoptr(SbStore) store = sb_store_new (f->path, source, f->catalog);
  g_autoptr(GDateTime) date = local_date (2026, 12, 10, 14);
  g_autoptr(SbInterview) interview = make_interview ("Acme", "PM", date);
  g_autoptr(SbInterview) second = make_interview ("Globex", "PM", date);
  g_autoptr(SbLibrary) target = sb_library_new ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbImport) import = NULL;
  g_autoptr(SbInterview) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) summary = NULL;

  sb_library_add_interview (source, interview);
  sb_library_add_interview (source, second);
  text = sb_store_serialize (store);

  /* The target has the first already, edited: it stays as it is. */
  existing = sb_interview_copy (interview);
  sb_interview_set_notes (existing, "Mine");
  sb_library_add_interview (target, existing);

  import = sb_import_new (target, catalog);
  g_assert_true (sb_import_add_json (import, text, -1, "backup.json", &error));
  g_assert_no_error (error);
  summary = sb_import_dup_summary (import);
  g_assert_cmpuint (g_strv_length (summary), ==, 1);
  g_assert_cmpstr (summary[0], ==, "Interview “Globex — PM”");

  sb_import_apply (import);
  g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (target)), ==, 2);
  g_assert_cmpstr (sb_interview_get_notes (sb_library_find_interview (target, sb_interview_get_id (interview))),
                   ==, "Mine");
  sb_import_undo (import);
  g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (target)), ==, 1);
}

/* Merges */

typedef struct
{
  char      *dir;
  char      *path;
  SbCatalog *catalog;
  SbLibrary *here;
  SbStore   *store;
  SbLibrary *there;
  SbStore   *other;
  char      *id;  /* an interview both have */
} Writers;

static void
writers_set_up (Writers       *w,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = sb_test_make_stories (4, 3);
  g_autoptr(GDateTime) date = local_date (2026, 12, 10, 14);
  g_autoptr(SbInterview) interview = make_interview ("Acme", "PM", date);
  g_autoptr(GError) error = NULL;

  w->dir = sb_test_make_tmpdir ();
  w->path = g_build_filename (w->dir, "stories.json", NULL);
  w->catalog = sb_catalog_new ();
  w->id = g_strdup (sb_interview_get_id (interview));

  w->here = sb_library_new ();
  w->store = sb_store_new (w->path, w->here, w->catalog);
  sb_store_set_autosave_delay (w->store, 60000);
  sb_library_splice (w->here, stories);
  sb_library_add_interview (w->here, interview);
  g_assert_true (sb_store_save (w->store, &error));
  g_assert_no_error (error);

  w->there = sb_library_new ();
  w->other = sb_store_new (w->path, w->there, w->catalog);
  sb_store_set_autosave_delay (w->other, 60000);
  g_assert_true (sb_store_load (w->other, &error));
  g_assert_no_error (error);
}

static void
writers_tear_down (Writers       *w,
                   gconstpointer  data)
{
  g_clear_object (&w->store);
  g_clear_object (&w->other);
  g_clear_object (&w->here);
  g_clear_object (&w->there);
  g_clear_object (&w->catalog);
  sb_test_rm_rf (w->dir);
  g_free (w->dir);
  g_free (w->path);
  g_free (w->id);
}

static SbInterview *
here_interview (Writers *w)
{
  return sb_library_find_interview (w->here, w->id);
}

static SbInterview *
there_interview (Writers *w)
{
  return sb_library_find_interview (w->there, w->id);
}

static void
save_there_merge_here (Writers       *w,
                       SbMergeReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_save (w->other, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_merge_from_disk (w->store, report, &error));
  g_assert_no_error (error);
}

/* Each side edited a different field (and a different round's field):
 * both edits stay, on the same objects, and the result is saved.
 */
static void
test_merge_different_fields (Writers       *w,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) moved = local_date (2026, 12, 11, 9);
  SbInterview *interview = here_interview (w);
  SbRound *round = sb_interview_get_round (interview, 1);
  SbMergeReport report = { 0, };
  g_autoptr(GError) error = NULL;

  sb_interview_set_date (there_interview (w), moved);
  sb_round_set_interviewer (sb_interview_get_round (there_interview (w), 0), "Sam");
  sb_interview_set_notes (interview, "Ask about the team");
  sb_round_set_rating (round, 4);

  save_there_merge_here (w, &report);
  g_assert_cmpuint (report.interviews, ==, 1);
  g_assert_cmpuint (report.interview_conflicts, ==, 0);
  g_assert_false (sb_merge_report_is_empty (&report));

  g_assert_true (here_interview (w) == interview);
  g_assert_true (sb_interview_get_round (interview, 1) == round);
  g_assert_true (g_date_time_equal (sb_interview_get_date (interview), moved));
  g_assert_cmpstr (sb_round_get_interviewer (sb_interview_get_round (interview, 0)), ==, "Sam");
  g_assert_cmpstr (sb_interview_get_notes (interview), ==, "Ask about the team");
  g_assert_cmpint (sb_round_get_rating (round), ==, 4);
  g_assert_true (sb_store_get_dirty (w->store));

  /* Saved, the other side gets ours. */
  g_assert_true (sb_store_flush (w->store, &error));
  g_assert_true (sb_store_merge_from_disk (w->other, &report, &error));
  g_assert_cmpstr (sb_interview_get_notes (there_interview (w)), ==, "Ask about the team");
  g_assert_false (sb_store_get_dirty (w->other));
}

/* Deleted on one side and edited on the other: the edit wins. Deleted on
 * one side and untouched on the other: deleted.
 */
static void
test_merge_deleted_edited (Writers       *w,
                           gconstpointer  data)
{
  SbMergeReport report = { 0, };

  sb_library_remove_interview (w->there, there_interview (w));
  sb_interview_set_role (here_interview (w), "Senior PM");
  save_there_merge_here (w, &report);
  g_assert_nonnull (here_interview (w));
  g_assert_cmpstr (sb_interview_get_role (here_interview (w)), ==, "Senior PM");

  /* Now ours is saved; they delete it again, we leave it alone. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (sb_store_flush (w->store, &error));
    g_assert_true (sb_store_merge_from_disk (w->other, &report, &error));
    g_assert_nonnull (there_interview (w));
  }
  sb_library_remove_interview (w->there, there_interview (w));
  memset (&report, 0, sizeof report);
  save_there_merge_here (w, &report);
  g_assert_null (here_interview (w));
  g_assert_cmpuint (report.interviews, ==, 1);
}

/* Both added one: both kept. */
static void
test_merge_both_added (Writers       *w,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) date = local_date (2027, 2, 1, 9);
  g_autoptr(SbInterview) ours = make_interview ("Ours Inc", "Lead", date);
  g_autoptr(SbInterview) theirs = make_interview ("Theirs Ltd", "Lead", date);
  SbMergeReport report = { 0, };

  sb_library_add_interview (w->here, ours);
  sb_library_add_interview (w->there, theirs);
  save_there_merge_here (w, &report);

  g_assert_cmpuint (g_list_model_get_n_items (sb_library_get_interviews (w->here)), ==, 3);
  g_assert_true (sb_library_find_interview (w->here, sb_interview_get_id (ours)) == ours);
  g_assert_nonnull (sb_library_find_interview (w->here, sb_interview_get_id (theirs)));
  g_assert_cmpuint (report.interviews, ==, 1);
}

/* Both changed the same field: ours stays (notes keep both texts), the
 * conflict is reported, nothing is lost.
 */
static void
test_merge_conflict (Writers       *w,
                     gconstpointer  data)
{
  SbMergeReport report = { 0, };
  g_autofree char *summary = NULL;

  sb_interview_set_role (there_interview (w), "Their role");
  sb_interview_set_notes (there_interview (w), "Their notes");
  sb_interview_set_role (here_interview (w), "Our role");
  sb_interview_set_notes (here_interview (w), "Our notes");
  save_there_merge_here (w, &report);

  g_assert_cmpuint (report.interview_conflicts, ==, 2);
  g_assert_cmpstr (sb_interview_get_role (here_interview (w)), ==, "Our role");
  g_assert_cmpstr (sb_interview_get_notes (here_interview (w)), ==, "Our notes\n\nTheir notes");
  summary = sb_merge_report_dup_summary (&report);
  g_assert_nonnull (strstr (summary, "interview"));
}

/* A sync tool's conflict copy: its interviews come in too. */
static void
test_merge_conflict_copy (Writers       *w,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) date = local_date (2027, 3, 1, 9);
  g_autoptr(SbInterview) theirs = make_interview ("From the laptop", "Lead", date);
  g_autofree char *copy = g_build_filename (w->dir, "stories (conflicted copy).json", NULL);
  g_autofree char *host = NULL;
  g_autoptr(GError) error = NULL;
  SbMergeReport report = { 0, };

  /* The other computer's version, written beside the file. */
  sb_library_add_interview (w->there, theirs);
  sb_interview_set_notes (there_interview (w), "Laptop notes");
  {
    g_autofree char *text = sb_store_serialize (w->other);

    sb_test_write_file (copy, text, -1);
  }
  sb_interview_set_role (here_interview (w), "Our role");

  g_assert_true (sb_store_merge_conflict_copies (w->store, &report, &host, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sb_library_find_interview (w->here, sb_interview_get_id (theirs)));
  g_assert_cmpstr (sb_interview_get_notes (here_interview (w)), ==, "Laptop notes");
  g_assert_cmpstr (sb_interview_get_role (here_interview (w)), ==, "Our role");
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

/* The three-way merge of the JSON alone: rounds by id and field. */
static void
test_merge_rounds (void)
{
  static const char *base =
    "[ { \"id\": \"i\", \"company\": \"A\", \"rounds\": [ { \"id\": \"r1\", \"name\": \"One\", \"minutes\": 45 },"
    "                                                { \"id\": \"r2\", \"name\": \"Two\" } ] } ]";
  static const char *ours =
    "[ { \"id\": \"i\", \"company\": \"A\", \"rounds\": [ { \"id\": \"r1\", \"name\": \"One!\", \"minutes\": 45 },"
    "                                                { \"id\": \"r2\", \"name\": \"Two\" },"
    "                                                { \"id\": \"r3\", \"name\": \"Ours\" } ] } ]";
  static const char *theirs =
    "[ { \"id\": \"i\", \"company\": \"A\", \"rounds\": [ { \"id\": \"r1\", \"name\": \"One\", \"minutes\": 60 } ] } ]";
  g_autofree char *merged = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  SbMergeReport report = { 0, };
  SbInterview *interview;

  merged = sb_merge_interviews (base, ours, theirs, &report);
  interviews = sb_interview_list_from_text (merged);
  g_assert_cmpuint (interviews->len, ==, 1);
  interview = interviews->pdata[0];
  /* r1: both edits; r2: deleted by them, untouched here; r3: ours, new. */
  g_assert_cmpuint (sb_interview_get_n_rounds (interview), ==, 2);
  g_assert_cmpstr (sb_round_get_name (sb_interview_get_round (interview, 0)), ==, "One!");
  g_assert_cmpuint (sb_round_get_minutes (sb_interview_get_round (interview, 0)), ==, 60);
  g_assert_cmpstr (sb_round_get_name (sb_interview_get_round (interview, 1)), ==, "Ours");
  g_assert_cmpuint (report.interview_conflicts, ==, 0);

  /* Nothing on either side. */
  g_assert_null (sb_merge_interviews (NULL, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interview/round-trip", test_interview_round_trip);
  g_test_add_func ("/interview/malformed", test_interview_malformed);
  g_test_add_func ("/interview/library-order", test_library_order);
  g_test_add_func ("/interview/countdown", test_countdown);
  g_test_add_func ("/interview/using-story", test_using_story);
  g_test_add ("/interview/store/round-trip", Files, NULL, files_set_up, test_store_round_trip, files_tear_down);
  g_test_add ("/interview/store/cache", Files, NULL, files_set_up, test_store_cache, files_tear_down);
  g_test_add ("/interview/store/malformed", Files, NULL, files_set_up, test_store_malformed, files_tear_down);
  g_test_add ("/interview/store/fuzz-seeds", Files, NULL, files_set_up, test_store_fuzz_seeds, files_tear_down);
  g_test_add ("/interview/store/import-json", Files, NULL, files_set_up, test_import_json, files_tear_down);
  g_test_add_func ("/interview/merge/rounds", test_merge_rounds);
  g_test_add ("/interview/merge/different-fields", Writers, NULL, writers_set_up, test_merge_different_fields,
              writers_tear_down);
  g_test_add ("/interview/merge/deleted-edited", Writers, NULL, writers_set_up, test_merge_deleted_edited,
              writers_tear_down);
  g_test_add ("/interview/merge/both-added", Writers, NULL, writers_set_up, test_merge_both_added,
              writers_tear_down);
  g_test_add ("/interview/merge/conflict-copy", Writers, NULL, writers_set_up, test_merge_conflict_copy,
              writers_tear_down);
  g_test_add ("/interview/merge/conflict", Writers, NULL, writers_set_up, test_merge_conflict, writers_tear_down);

  return g_test_run ();
}
