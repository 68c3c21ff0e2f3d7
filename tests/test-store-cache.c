/* test-store-cache.c: the binary cache never loses or alters a story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "sb-store.h"
#include "sb-store-cache.h"
#include "sb-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  char *cache;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sb_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "data", "stories.json", NULL);
  f->cache = g_build_filename (f->dir, "cache", "library.gvariant", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->cache);
}

/* Saves @n generated stories through a store with the cache on. */
static GPtrArray *
save_stories (Fixture *f,
              guint    n,
              guint32  seed)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = sb_store_new (f->path, library, catalog);
  g_autoptr(GError) error = NULL;
  GPtrArray *stories = sb_test_make_stories (n, seed);

  sb_store_set_cache_path (store, f->cache);
  sb_library_splice (library, stories);
  g_assert_true (sb_store_save (store, &error));
  g_assert_no_error (error);
  return stories;
}

typedef struct
{
  SbCatalog *catalog;
  SbLibrary *library;
  SbStore   *store;
} Opened;

static void
opened_free (Opened *o)
{
  g_clear_object (&o->store);
  g_clear_object (&o->library);
  g_clear_object (&o->catalog);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opened, opened_free)

static Opened *
open_store (Fixture    *f,
            const char *cache)
{
  Opened *o = g_new0 (Opened, 1);
  g_autoptr(GError) error = NULL;

  o->catalog = sb_catalog_new ();
  o->library = sb_library_new ();
  o->store = sb_store_new (f->path, o->library, o->catalog);
  sb_store_set_cache_path (o->store, cache);
  g_assert_true (sb_store_load (o->store, &error));
  g_assert_no_error (error);
  return o;
}

static void
assert_library_is (SbLibrary *library,
                   GPtrArray *stories)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, stories->len);
  for (guint i = 0; i < stories->len; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

      g_assert_true (sb_story_content_equal (story, g_ptr_array_index (stories, i)));
    }
}

/* Whether the cache file would be used for the data file as it is now. */
static gboolean
cache_matches (Fixture *f)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(JsonArray) principles = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;
  g_autofree char *checksum = NULL;
  SbFileStamp stamp;

  return sb_file_stamp_get (f->path, &stamp, NULL) &&
         sb_store_cache_read (f->cache, &stamp, &stories, &principles, &keys, &values, &checksum);
}

static void
wait_for_cache (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!cache_matches (f) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_true (cache_matches (f));
}

static char *
make_file (const char *folder,
           const char *name,
           gint64      age_seconds)
{
  char *path = g_build_filename (folder, name, NULL);
  gint64 when = g_get_real_time () / G_USEC_PER_SEC - age_seconds;
  struct timeval times[2] = { { when, 0 }, { when, 0 } };

  g_assert_true (g_file_set_contents (path, "half a cache", -1, NULL));
  g_assert_cmpint (utimes (path, times), ==, 0);
  return path;
}

/* A cache write killed half-way leaves a temporary file as big as the
 * cache; the next write removes it, and only it.
 */
static void
test_cache_stale_writes (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->cache);
  g_autofree char *stale = NULL;
  g_autofree char *live = NULL;
  g_autofree char *other = NULL;
  g_autofree char *unrelated = NULL;
  g_autoptr(GPtrArray) stories = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  stale = make_file (folder, "library.gvariant.Ab3xZ9", 3600);
  live = make_file (folder, "library.gvariant.Qw8rT2", 0);
  other = make_file (folder, "library-0123456789abcdef.gvariant.Ab3xZ9", 3600);
  unrelated = make_file (folder, "library.gvariant.notes", 3600);

  stories = save_stories (f, 3, 7);
  wait_for_cache (f);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  /* Perhaps another instance's write in progress; another library's; not ours. */
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (unrelated, G_FILE_TEST_EXISTS));
}

/* A save writes the cache; the next load reads it and gets every story
 * back exactly.
 */
static void
test_cache_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = save_stories (f, 40, 7);
  g_autoptr(Opened) o = NULL;

  g_assert_true (g_file_test (f->cache, G_FILE_TEST_EXISTS));
  g_assert_true (cache_matches (f));

  o = open_store (f, f->cache);
  assert_library_is (o->library, stories);
}

/* Keys this version does not know, in a story and at the top, come back
 * through the cache and are written back on save.
 */
static void
test_cache_unknown_keys (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = save_stories (f, 3, 8);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  JsonObject *root, *story;

  /* Another (newer) program adds keys. */
  g_assert_true (json_parser_load_from_file (parser, f->path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  story = json_array_get_object_element (json_object_get_array_member (root, "stories"), 1);
  json_object_set_string_member (story, "mood", "proud");
  json_object_set_int_member (json_object_get_object_member (story, "practice"), "streak", 7);
  json_object_set_int_member (root, "sync-generation", 42);
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  sb_test_write_file (f->path, text, -1);
  g_assert_false (cache_matches (f));

  /* Loading parses the JSON and writes the cache on a worker... */
  {
    g_autoptr(Opened) o = open_store (f, f->cache);
    wait_for_cache (f);
  }

  /* ...which the next load reads; a save from it keeps the keys. */
  {
    g_autoptr(Opened) o = open_store (f, f->cache);
    g_autoptr(SbStory) first = g_list_model_get_item (G_LIST_MODEL (o->library), 0);

    sb_story_set_title (first, "Edited after a load from the cache");
    g_assert_true (sb_store_save (o->store, &error));
    g_assert_no_error (error);
  }

  saved = sb_test_read_file (f->path);
  g_assert_nonnull (strstr (saved, "\"mood\": \"proud\""));
  g_assert_nonnull (strstr (saved, "\"streak\": 7"));
  g_assert_nonnull (strstr (saved, "\"sync-generation\": 42"));
  g_assert_nonnull (strstr (saved, "Edited after a load from the cache"));
}

/* A cache of an older version of the file is never used. */
static void
test_cache_stale (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) old = save_stories (f, 10, 1);
  g_autofree char *old_cache = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (f->cache, &old_cache, &length, NULL));
  stories = save_stories (f, 12, 2);
  g_assert_true (g_file_set_contents (f->cache, old_cache, length, NULL));
  g_assert_false (cache_matches (f));

  {
    g_autoptr(Opened) o = open_store (f, f->cache);
    assert_library_is (o->library, stories);
  }
}

/* Changed behind our back with the same size and the modification time
 * put back (as some sync tools do): the change time still tells.
 */
static void
test_cache_same_size_same_mtime (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = save_stories (f, 5, 3);
  g_autofree char *text = sb_test_read_file (f->path);
  char *title;
  struct stat st;
  struct timespec times[2];
  int fd;

  g_assert_cmpint (stat (f->path, &st), ==, 0);
  title = strstr (text, "Story 2: ");
  g_assert_nonnull (title);
  title[6] = '9';  /* "Story 9: ", same length */

  /* Rewritten in place, same inode, same size. */
  fd = open (f->path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  g_assert_cmpint (futimens (fd, times), ==, 0);
  close (fd);

  {
    g_autoptr(Opened) o = open_store (f, f->cache);
    g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (o->library), 2);

    g_assert_true (g_str_has_prefix (sb_story_get_title (story), "Story 9: "));
  }
}

/* Whether the reader believes @bytes are a cache of the file @stamp
 * describes (%NULL: of any file).
 */
static gboolean
cache_believed (GBytes            *bytes,
                const SbFileStamp *stamp)
{
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(JsonArray) principles = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;
  g_autofree char *checksum = NULL;

  return sb_store_cache_read_bytes (bytes, stamp, &got, &principles, &keys, &values, &checksum);
}

/* A truncated cache, at every length from nothing to one byte short, is
 * ignored.
 */
static void
test_cache_truncated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = save_stories (f, 6, 4);
  g_autofree char *cache = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  SbFileStamp stamp;

  g_assert_true (g_file_get_contents (f->cache, &cache, &length, NULL));
  g_assert_true (sb_file_stamp_get (f->path, &stamp, NULL));

  for (gsize cut = 0; cut < length; cut += (cut < 64 ? 1 : 97))
    {
      g_autoptr(GBytes) part = g_bytes_new (cache, cut);

      g_assert_false (cache_believed (part, &stamp));
    }

  /* And through the store: the JSON is read instead. */
  g_assert_true (g_file_set_contents (f->cache, cache, length / 2, NULL));
  {
    g_autoptr(Opened) o = open_store (f, f->cache);
    assert_library_is (o->library, stories);
  }
}

/* Garbage, and a good cache with any one byte changed, is never believed:
 * what loads is always exactly the JSON.
 */
static void
test_cache_garbage (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = save_stories (f, 4, 5);
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autofree char *cache = NULL;
  gsize length;
  SbFileStamp stamp;

  g_assert_true (g_file_get_contents (f->cache, &cache, &length, NULL));
  g_assert_true (sb_file_stamp_get (f->path, &stamp, NULL));

  for (guint round = 0; round < 2000; round++)
    {
      g_autofree char *copy = g_memdup2 (cache, length);
      g_autoptr(GBytes) bytes = NULL;
      gsize at = g_rand_int_range (rand, 0, length);

      copy[at] ^= 1 << g_rand_int_range (rand, 0, 8);
      bytes = g_bytes_new (copy, length);
      g_assert_false (cache_believed (bytes, &stamp));
    }

  for (guint round = 0; round < 200; round++)
    {
      gsize size = g_rand_int_range (rand, 0, 4096);
      g_autofree guint8 *noise = g_malloc (size + 1);
      g_autoptr(GBytes) bytes = NULL;

      for (gsize i = 0; i < size; i++)
        noise[i] = g_rand_int (rand);
      if (size >= 8 && round % 2 == 0)
        memcpy (noise, "SBCACHE1", 8);
      bytes = g_bytes_new (noise, size);
      g_assert_false (cache_believed (bytes, &stamp));
    }

  g_assert_true (g_file_set_contents (f->cache, "garbage", -1, NULL));
  {
    g_autoptr(Opened) o = open_store (f, f->cache);
    assert_library_is (o->library, stories);
  }
}

/* The cache's body, the GVariant after the magic and the hash. */
#define CACHE_TYPE "(utxxxxttssasasuayauau)"
#define SLOTS 28

typedef struct
{
  GByteArray *text;
  GArray     *items;
  GArray     *records;
} Columns;

/* Reads @columns back, as from a cache whose hash is right (a hostile
 * one, say): whether the reader believes it.
 */
static gboolean
read_columns (GVariant      *header,
              const Columns *columns)
{
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  GVariant *children[16];

  for (guint i = 0; i < 13; i++)
    children[i] = g_variant_get_child_value (header, i);
  children[13] = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, columns->text->data, columns->text->len, 1);
  children[14] = g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, columns->items->data,
                                            columns->items->len, sizeof (guint32));
  children[15] = g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, columns->records->data,
                                            columns->records->len, sizeof (guint32));
  body = g_variant_ref_sink (g_variant_new_tuple (children, 16));
  for (guint i = 0; i < 13; i++)
    g_variant_unref (children[i]);
  bytes = g_variant_get_data_as_bytes (body);
  wrapped = sb_store_cache_wrap (bytes);

  return cache_believed (wrapped, NULL);
}

static void
columns_clear (Columns *columns)
{
  g_clear_pointer (&columns->text, g_byte_array_unref);
  g_clear_pointer (&columns->items, g_array_unref);
  g_clear_pointer (&columns->records, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Columns, columns_clear)

static void
columns_copy (Columns       *to,
              const Columns *from)
{
  to->text = g_byte_array_new ();
  g_byte_array_append (to->text, from->text->data, from->text->len);
  to->items = g_array_copy (from->items);
  to->records = g_array_copy (from->records);
}

#define RECORD(columns, story, slot) g_array_index ((columns)->records, guint32, (story) * SLOTS + (slot))

/* A cache whose hash is right but whose stories are not what this
 * version writes (a string's offset in the middle of another, a list past
 * the items, text that is not UTF-8 or not ended, a count out of range, a
 * story fewer than the header says, a string or list shared by two stories,
 * which could make a small file cost gigabytes) is
 * not believed; the same cache unchanged is.
 */
static void
test_cache_hostile (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = save_stories (f, 3, 11);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GVariant) header = NULL;
  g_auto(Columns) good = { NULL, };
  gsize length;

  g_assert_true (g_file_get_contents (f->cache, &contents, &length, NULL));
  body = g_bytes_new (contents + 16, length - 16);
  header = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (CACHE_TYPE), body, FALSE));
  g_assert_true (g_variant_is_normal_form (header));

  {
    g_autoptr(GVariant) text = g_variant_get_child_value (header, 13);
    g_autoptr(GVariant) items = g_variant_get_child_value (header, 14);
    g_autoptr(GVariant) records = g_variant_get_child_value (header, 15);
    gsize n;
    gconstpointer p;

    good.text = g_byte_array_new ();
    p = g_variant_get_fixed_array (text, &n, 1);
    g_byte_array_append (good.text, p, n);
    good.items = g_array_new (FALSE, FALSE, sizeof (guint32));
    p = g_variant_get_fixed_array (items, &n, sizeof (guint32));
    g_array_append_vals (good.items, p, n);
    good.records = g_array_new (FALSE, FALSE, sizeof (guint32));
    p = g_variant_get_fixed_array (records, &n, sizeof (guint32));
    g_array_append_vals (good.records, p, n);
  }
  g_assert_cmpuint (good.records->len, ==, 3 * SLOTS);
  g_assert_cmpuint (good.items->len, >, 0);
  g_assert_true (read_columns (header, &good));

  for (guint c = 0; c < 18; c++)
    {
      g_auto(Columns) bad = { NULL, };

      columns_copy (&bad, &good);
      switch (c)
        {
        case 0: RECORD (&bad, 1, 1)++; break;                             /* title inside a string */
        case 1: RECORD (&bad, 1, 1) = bad.text->len; break;               /* title past the text */
        case 2: RECORD (&bad, 2, 0) = 0; break;                           /* no id */
        case 3: RECORD (&bad, 0, 12) = bad.items->len + 1; break;         /* actions past the items */
        case 4: RECORD (&bad, 0, 13) = G_MAXUINT32; break;                /* too many actions */
        case 5: g_array_index (bad.items, guint32, 0)++; break;           /* an item inside a string */
        case 6: RECORD (&bad, 0, 11) = 6; break;                           /* confidence 6 */
        case 7: RECORD (&bad, 0, 10) = (guint32) G_MAXINT + 1; break;      /* practised too often */
        case 8: bad.text->data[bad.text->len - 1] = 'x'; break;          /* text not ended */
        case 9: bad.text->data[RECORD (&bad, 0, 1)] = 0xff; break;       /* not UTF-8 */
        case 10: g_array_set_size (bad.records, bad.records->len - 1); break; /* a record cut short */
        case 11: RECORD (&bad, 0, 7) = 0; break;                          /* no created date */
        case 12: g_array_set_size (bad.records, bad.records->len - SLOTS); break; /* a story fewer */
        case 13: RECORD (&bad, 1, 1) = RECORD (&bad, 0, 1); break;       /* one title for two stories */
        case 14: RECORD (&bad, 1, 12) = RECORD (&bad, 0, 12); break;     /* one list of actions for two */
        case 15: g_array_append_val (bad.items, g_array_index (bad.items, guint32, 0)); break; /* an item no story has */
        case 16: bad.text->data[RECORD (&bad, 2, 1) + 9] = 0xff; break;   /* not UTF-8, past eight ASCII bytes */
        case 17: bad.text->data[RECORD (&bad, 2, 1) + 9] = 0xc3; break;   /* a character cut short */
        default: g_assert_not_reached ();
        }
      g_test_message ("change %u", c);
      g_assert_false (read_columns (header, &bad));
    }

  /* Text beyond ASCII is believed when it is UTF-8, wherever it stands. */
  {
    g_auto(Columns) accented = { NULL, };
    guint32 title;

    columns_copy (&accented, &good);
    title = RECORD (&accented, 2, 1);
    g_assert_cmpuint (strlen ((const char *) accented.text->data + title), >, 11);
    accented.text->data[title + 9] = 0xc3;   /* ü */
    accented.text->data[title + 10] = 0xbc;
    g_assert_true (read_columns (header, &accented));
  }
}

/* A preload (the app's start-up thread) gives the same library, and a file
 * changed after it read is read again.
 */
static void
test_cache_preload (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) first = save_stories (f, 8, 6);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = sb_store_new (f->path, library, catalog);
  g_autoptr(SbStorePreload) preload = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *default_cache = sb_store_cache_dup_path (f->path);

  /* Unchanged: what the thread read is what loads, with the catalog and
   * the library it filled, and nothing to save.
   */
  {
    g_autoptr(SbStorePreload) preload1 = sb_store_preload_start (f->path);
    g_autoptr(SbCatalog) catalog1 = sb_store_preload_take_catalog (preload1);
    g_autoptr(SbLibrary) library1 = sb_store_preload_take_library (preload1);
    g_autoptr(SbStore) store1 = NULL;

    g_assert_nonnull (library1);
    assert_library_is (library1, first);
    store1 = sb_store_new (f->path, library1, catalog1);

    g_assert_nonnull (catalog1);
    g_assert_null (sb_store_preload_take_catalog (preload1));
    g_assert_cmpuint (g_list_model_get_n_items (sb_catalog_get_principles (catalog1)), ==,
                      g_list_model_get_n_items (sb_catalog_get_principles (catalog)));
    g_assert_nonnull (sb_catalog_lookup (catalog1, "think-big"));
    g_assert_cmpstr (sb_store_get_cache_path (store1), ==, default_cache);
    g_assert_true (sb_store_load_preloaded (store1, preload1, &error));
    g_assert_no_error (error);
    assert_library_is (library1, first);
    g_assert_false (sb_store_get_dirty (store1));

    /* Its stories tell the store of an edit like any others. */
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library1), 0);

      sb_story_set_title (story, "Edited");
      g_assert_true (sb_store_get_dirty (store1));
    }
  }

  /* Changed after the thread filled its library: the library is filled
   * again from the file as it is now.
   */
  {
    g_autoptr(GPtrArray) changed = NULL;
    g_autoptr(SbStorePreload) preload2 = sb_store_preload_start (f->path);
    g_autoptr(SbCatalog) catalog2 = sb_store_preload_take_catalog (preload2);
    g_autoptr(SbLibrary) library2 = sb_store_preload_take_library (preload2);
    g_autoptr(SbStore) store2 = NULL;

    g_usleep (100000);
    changed = save_stories (f, 5, 8);
    store2 = sb_store_new (f->path, library2, catalog2);
    g_assert_true (sb_store_load_preloaded (store2, preload2, &error));
    g_assert_no_error (error);
    assert_library_is (library2, changed);
    g_assert_false (sb_store_get_dirty (store2));
  }

  /* Changed after the thread read it: read again. */
  preload = sb_store_preload_start (f->path);
  g_usleep (100000);
  second = save_stories (f, 9, 7);

  g_assert_true (sb_store_load_preloaded (store, preload, &error));
  g_assert_no_error (error);
  assert_library_is (library, second);
  g_unlink (default_cache);
}

/* A story read from the cache keeps its text in the mapped cache: it stays
 * readable, edited or not, after saves have replaced that cache file and
 * the snapshot that held the first data is gone.
 */
static void
test_cache_text_outlives_file (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = save_stories (f, 30, 11);
  g_autoptr(Opened) o = open_store (f, f->cache);
  g_autoptr(GError) error = NULL;
  SbStory *edited = sb_library_find (o->library, sb_story_get_id (g_ptr_array_index (stories, 4)));

  sb_story_set_title (edited, "Edited after a load from the cache");
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (sb_store_save (o->store, &error));
      g_assert_no_error (error);
      wait_for_cache (f);
    }

  /* The edited story, then the others, and the new cache reads back the
   * same.
   */
  g_assert_cmpstr (sb_story_get_title (edited), ==, "Edited after a load from the cache");
  g_assert_cmpstr (sb_story_get_situation (edited), ==,
                   sb_story_get_situation (g_ptr_array_index (stories, 4)));
  g_ptr_array_remove_index (stories, 4);
  g_ptr_array_insert (stories, 4, g_object_ref (edited));
  assert_library_is (o->library, stories);
  {
    g_autoptr(Opened) again = open_store (f, f->cache);

    assert_library_is (again->library, stories);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-cache/round-trip", test_cache_round_trip);
  ADD ("/store-cache/unknown-keys", test_cache_unknown_keys);
  ADD ("/store-cache/stale", test_cache_stale);
  ADD ("/store-cache/same-size-same-mtime", test_cache_same_size_same_mtime);
  ADD ("/store-cache/truncated", test_cache_truncated);
  ADD ("/store-cache/garbage", test_cache_garbage);
  ADD ("/store-cache/hostile", test_cache_hostile);
  ADD ("/store-cache/preload", test_cache_preload);
  ADD ("/store-cache/stale-writes", test_cache_stale_writes);
  ADD ("/store-cache/text-outlives-file", test_cache_text_outlives_file);
#undef ADD

  return g_test_run ();
}
