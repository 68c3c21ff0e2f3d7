/* test-story.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-json.h"
#include "sb-story.h"
#include "sb-story-private.h"
#include "sb-test-util.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_changed (SbStory *story,
               guint   *count)
{
  (*count)++;
}

static void
test_story_new (void)
{
  g_autoptr(SbStory) a = sb_story_new ();
  g_autoptr(SbStory) b = sb_story_new ();

  g_assert_true (g_uuid_string_is_valid (sb_story_get_id (a)));
  g_assert_cmpstr (sb_story_get_id (a), !=, sb_story_get_id (b));
  g_assert_cmpstr (sb_story_get_title (a), ==, "");
  g_assert_cmpuint (sb_story_get_n_actions (a), ==, 0);
  g_assert_cmpint (sb_story_get_confidence (a), ==, SB_CONFIDENCE_UNSET);
  g_assert_cmpuint (sb_story_get_practice_count (a), ==, 0);
  g_assert_null (sb_story_get_practice_last (a));
  g_assert_nonnull (sb_story_get_created (a));
  g_assert_true (g_date_time_equal (sb_story_get_created (a), sb_story_get_modified (a)));
}

static void
test_story_notify_on_real_change (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  guint title_notifies = 0, changed = 0;
  g_autoptr(GDateTime) before = NULL;

  g_signal_connect (story, "notify::title", G_CALLBACK (count_notify), &title_notifies);
  g_signal_connect (story, "changed", G_CALLBACK (count_changed), &changed);

  before = g_date_time_ref (sb_story_get_modified (story));
  sb_story_set_title (story, "Scalable Architecture Vision");
  g_assert_cmpuint (title_notifies, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (g_date_time_compare (sb_story_get_modified (story), before), >, 0);

  sb_story_set_title (story, "Scalable Architecture Vision");
  g_assert_cmpuint (title_notifies, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  g_object_set (story, "title", "Other", NULL);
  g_assert_cmpuint (title_notifies, ==, 2);
}

static void
test_story_every_field_updates_modified (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  const char *actions[] = { "one", "two", NULL };
  const char *principles[] = { "think-big", NULL };
  const char *tags[] = { "backend", NULL };
  GDateTime *last;

#define CHECK_MODIFIED(expr) G_STMT_START { \
    g_autoptr(GDateTime) was = g_date_time_ref (sb_story_get_modified (story)); \
    expr; \
    last = sb_story_get_modified (story); \
    g_assert_cmpint (g_date_time_compare (last, was), >, 0); \
  } G_STMT_END

  CHECK_MODIFIED (sb_story_set_title (story, "t"));
  CHECK_MODIFIED (sb_story_set_situation (story, "s"));
  CHECK_MODIFIED (sb_story_set_task (story, "k"));
  CHECK_MODIFIED (sb_story_set_actions (story, actions));
  CHECK_MODIFIED (sb_story_set_action (story, 0, "first"));
  CHECK_MODIFIED (sb_story_insert_action (story, 1, "middle"));
  CHECK_MODIFIED (sb_story_move_action (story, 2, 0));
  CHECK_MODIFIED (sb_story_remove_action (story, 0));
  CHECK_MODIFIED (sb_story_set_result (story, "r"));
  CHECK_MODIFIED (sb_story_set_principles (story, principles));
  CHECK_MODIFIED (sb_story_add_principle (story, "ownership"));
  CHECK_MODIFIED (sb_story_remove_principle (story, "ownership"));
  CHECK_MODIFIED (sb_story_set_tags (story, tags));
  CHECK_MODIFIED (sb_story_record_practice (story, 4, NULL));
#undef CHECK_MODIFIED
  (void) last;
}

static void
test_story_actions (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  const char *actions[] = { "a", "b", "c", NULL };
  const char *moved[] = { "c", "a", "b", NULL };
  const char *removed[] = { "c", "b", NULL };
  guint n_notifies = 0;

  g_signal_connect (story, "notify::n-actions", G_CALLBACK (count_notify), &n_notifies);

  sb_story_set_actions (story, actions);
  g_assert_cmpuint (sb_story_get_n_actions (story), ==, 3);
  g_assert_cmpuint (n_notifies, ==, 1);
  sb_story_move_action (story, 2, 0);
  g_assert_true (g_strv_equal (sb_story_get_actions (story), moved));
  sb_story_remove_action (story, 1);
  g_assert_true (g_strv_equal (sb_story_get_actions (story), removed));
  sb_story_insert_action (story, -1, "d");
  g_assert_cmpstr (sb_story_get_actions (story)[2], ==, "d");
}

static void
test_story_principles (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  const char *twice[] = { "think-big", "think-big", "", "ownership", NULL };

  sb_story_set_principles (story, twice);
  g_assert_cmpuint (g_strv_length ((char **) sb_story_get_principles (story)), ==, 2);
  g_assert_true (sb_story_has_principle (story, "think-big"));
  g_assert_true (sb_story_has_principle (story, "ownership"));
  sb_story_add_principle (story, "think-big");
  g_assert_cmpuint (g_strv_length ((char **) sb_story_get_principles (story)), ==, 2);
  sb_story_remove_principle (story, "think-big");
  g_assert_false (sb_story_has_principle (story, "think-big"));
}

static void
test_story_practice (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 1, 2, 3, 4, 5);

  sb_story_record_practice (story, 3, when);
  sb_story_record_practice (story, 5, when);
  g_assert_cmpuint (sb_story_get_practice_count (story), ==, 2);
  g_assert_cmpint (sb_story_get_confidence (story), ==, 5);
  g_assert_true (g_date_time_equal (sb_story_get_practice_last (story), when));
}

/* Asserts that a search finds @story by each of @found and not by any of
 * @missed (each a line of words as typed), and whether it needs a folded
 * copy of the story's text for that.
 */
static void
assert_search (SbStory            *story,
               const char * const *found,
               const char * const *missed,
               gboolean            copy)
{
  for (guint n = 0; n < 2; n++)
    {
      const char * const *lines = n == 0 ? found : missed;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *folded = g_utf8_casefold (lines[i], -1);
          g_auto(GStrv) words = g_strsplit (folded, " ", -1);

          g_assert_cmpint (sb_story_matches_search (story, (const char * const *) words), ==, n == 0);
        }
    }
  g_assert_cmpint (sb_story_search_holds_copy (story), ==, copy);
}

/* A search matches folded words against every text field. Only a story
 * whose folding changes more than ASCII letters holds a folded copy of
 * its text; the others are searched in place.
 */
static void
test_story_search (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(SbStory) cjk = sb_story_new ();
  const char *actions[] = { "Moved the checkout to Kafka", "Wrote the runbook", NULL };
  const char *tags[] = { "Platform", NULL };

  sb_story_set_title (story, "Scaled the Checkout FLOW");
  sb_story_set_actions (story, actions);
  sb_story_set_tags (story, tags);
  assert_search (story,
                 (const char *[]) { "checkout flow", "KAFKA runbook platform", "flow", "he chec", NULL },
                 (const char *[]) { "flows", "checkout nowhere", NULL },
                 FALSE);

  /* An edit is searched at once, whatever its letters. */
  sb_story_set_result (story, "Cut COSTS at the Straße office by 30 µs");
  assert_search (story,
                 (const char *[]) { "cut costs", "STRASSE", "30 µs", "kafka", NULL },
                 (const char *[]) { "strasser", NULL },
                 TRUE);
  sb_story_set_result (story, "Migrated the ÜBER service");
  assert_search (story, (const char *[]) { "über", "ÜBER", NULL }, (const char *[]) { "uber", NULL }, TRUE);
  sb_story_set_result (story, "Moved über to the new plan");
  assert_search (story, (const char *[]) { "ÜBER", "plan", NULL }, (const char *[]) { "uber", NULL }, FALSE);

  /* Text without case needs no copy either. */
  sb_story_set_title (cjk, "用户增长十倍");
  assert_search (cjk, (const char *[]) { "增长", NULL }, (const char *[]) { "增加", NULL }, FALSE);
}

static void
test_story_first_line (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autofree char *line = NULL;

  sb_story_set_situation (story, "\nFirst line\nsecond line");
  line = sb_story_dup_first_line (story);
  g_assert_cmpstr (line, ==, "First line");
}

/* Every list and card names a story, even one without a title. */
static void
test_story_title_or_untitled (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autofree char *untitled = NULL;
  g_autofree char *titled = NULL;

  untitled = sb_story_dup_title_or_untitled (story);
  g_assert_cmpstr (untitled, ==, "Untitled Story");

  sb_story_set_title (story, "Scalable Architecture Vision");
  titled = sb_story_dup_title_or_untitled (story);
  g_assert_cmpstr (titled, ==, "Scalable Architecture Vision");
}

static void
test_story_copy_and_duplicate (void)
{
  g_autoptr(GPtrArray) stories = sb_test_make_stories (1, 7);
  SbStory *story = g_ptr_array_index (stories, 0);
  g_autoptr(SbStory) copy = sb_story_copy (story);
  g_autoptr(SbStory) dup = sb_story_duplicate (story);

  g_assert_true (sb_story_content_equal (story, copy));
  sb_story_set_title (copy, "changed");
  g_assert_false (sb_story_content_equal (story, copy));
  g_assert_cmpstr (sb_story_get_title (story), !=, "changed");

  g_assert_cmpstr (sb_story_get_id (dup), !=, sb_story_get_id (story));
  g_assert_true (g_str_has_prefix (sb_story_get_title (dup), sb_story_get_title (story)));
  g_assert_cmpstr (sb_story_get_situation (dup), ==, sb_story_get_situation (story));
  g_assert_true (g_strv_equal (sb_story_get_actions (dup), sb_story_get_actions (story)));
  g_assert_cmpuint (sb_story_get_practice_count (dup), ==, 0);
}

static SbStory *
parse_story (const char  *json,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_parser_load_from_data (parser, json, -1, NULL);
  return sb_story_new_from_json (json_node_get_object (json_parser_get_root (parser)), error);
}

/* The list's order: as g_date_time_compare() orders the dates, whatever
 * their time zones, to the microsecond.
 */
static void
test_story_compare_created (void)
{
  static const char * const dates[] = {
    "2024-03-01T09:00:00Z", "2024-03-01T09:00:00.000001Z", "2024-03-01T10:30:00+02:00",
    "1969-12-31T23:59:59.5Z", "1970-01-01T00:00:00.2Z", "2024-03-01T09:00:00Z", "2031-07-04T12:00:00-07:00",
  };
  SbStory *stories[G_N_ELEMENTS (dates)];

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": \"s%u\", \"created\": \"%s\", \"modified\": \"%s\"}",
                                               i, dates[i], dates[i]);
      g_autoptr(GError) error = NULL;

      stories[i] = parse_story (json, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    for (guint j = 0; j < G_N_ELEMENTS (dates); j++)
      {
        int expected = g_date_time_compare (sb_story_get_created (stories[i]), sb_story_get_created (stories[j]));
        int got = sb_story_compare_created (stories[i], stories[j]);

        g_assert_cmpint ((got > 0) - (got < 0), ==, expected);
      }

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_object_unref (stories[i]);
}

static void
test_story_json_round_trip (void)
{
  g_autoptr(GPtrArray) stories = sb_test_make_stories (20, 42);

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(SbStory) back = NULL;
      g_autoptr(GError) error = NULL;

      sb_story_write_json (story, out, 0);
      back = parse_story (out->str, &error);
      g_assert_no_error (error);
      g_assert_true (sb_story_content_equal (story, back));
    }
}

/* Learnings and notes are optional: a story without them (every story an
 * older version wrote) reads and writes as before; with them they come
 * back, and a search finds their words.
 */
static void
test_story_learnings_and_notes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) old = parse_story ("{\"id\": \"x1\", \"title\": \"T\", \"result\": \"R\"}", &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(SbStory) back = NULL;
  const char *words[] = { "retrospective", NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (sb_story_get_learnings (old), ==, "");
  g_assert_cmpstr (sb_story_get_notes (old), ==, "");
  sb_story_write_json (old, out, 0);
  g_assert_null (strstr (out->str, "learnings"));
  g_assert_null (strstr (out->str, "notes"));
  g_assert_false (sb_story_matches_search (old, words));

  sb_story_set_learnings (old, "Run a retrospective before the next launch.");
  sb_story_set_notes (old, "Investigation: two weeks of logs.");
  g_assert_true (sb_story_matches_search (old, words));
  g_string_truncate (out, 0);
  sb_story_write_json (old, out, 0);
  back = parse_story (out->str, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_story_get_learnings (back), ==, "Run a retrospective before the next launch.");
  g_assert_cmpstr (sb_story_get_notes (back), ==, "Investigation: two weeks of logs.");
  g_assert_true (sb_story_content_equal (old, back));

  sb_story_set_notes (back, "");
  g_assert_false (sb_story_content_equal (old, back));
}

static void
test_story_json_unknown_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) story = parse_story ("{\"id\": \"x1\", \"title\": \"T\", "
                                          "\"mood\": {\"level\": [1, 2, \"three\"]}, "
                                          "\"future\": null}", &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  sb_story_write_json (story, out, 0);
  g_assert_nonnull (strstr (out->str, "\"mood\": {\"level\":[1,2,\"three\"]}"));
  g_assert_nonnull (strstr (out->str, "\"future\": null"));
}

static void
test_story_json_wrong_types (void)
{
  const char *bad[] = {
    "{\"title\": 5}",
    "{\"actions\": \"one step\"}",
    "{\"actions\": [1, 2]}",
    "{\"principles\": {\"a\": 1}}",
    "{\"created\": \"yesterday\"}",
    "{\"practice\": {\"count\": -1}}",
    "{\"practice\": {\"confidence\": 9}}",
    "{\"practice\": [1]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbStory) story = parse_story (bad[i], &error);

      g_assert_null (story);
      g_assert_error (error, SB_JSON_ERROR, SB_JSON_ERROR_INVALID);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/story/new", test_story_new);
  g_test_add_func ("/story/notify-on-real-change", test_story_notify_on_real_change);
  g_test_add_func ("/story/every-field-updates-modified", test_story_every_field_updates_modified);
  g_test_add_func ("/story/actions", test_story_actions);
  g_test_add_func ("/story/principles", test_story_principles);
  g_test_add_func ("/story/practice", test_story_practice);
  g_test_add_func ("/story/search", test_story_search);
  g_test_add_func ("/story/first-line", test_story_first_line);
  g_test_add_func ("/story/title-or-untitled", test_story_title_or_untitled);
  g_test_add_func ("/story/copy-and-duplicate", test_story_copy_and_duplicate);
  g_test_add_func ("/story/compare-created", test_story_compare_created);
  g_test_add_func ("/story/json/round-trip", test_story_json_round_trip);
  g_test_add_func ("/story/json/unknown-keys", test_story_json_unknown_keys);
  g_test_add_func ("/story/json/wrong-types", test_story_json_wrong_types);
  g_test_add_func ("/story/learnings-and-notes", test_story_learnings_and_notes);

  return g_test_run ();
}
