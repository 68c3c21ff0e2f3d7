/* sb-store-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A derived, read-only binary copy of the data file, so that a start does
 * not parse the JSON: a GVariant written beside each save (and after
 * a load that had to parse) into $XDG_CACHE_HOME/storybank/, memory-mapped
 * at the next start. stories.json stays the only truth: the cache records
 * the size, modification and change times (to the nanosecond), inode and
 * device of the data file it was made from, and is used only when all of
 * them still match; anything else (missing, stale, truncated, damaged,
 * another format) and the store parses the JSON as before. A hash of the
 * bytes finds damage on disk; the bytes are then read as untrusted
 * (g_variant_new_from_bytes() with trusted = FALSE), its strings proved
 * well-formed before they are believed, and every story is checked as the
 * JSON loader checks it. (A cache forged to pass all of
 * that needs write access to the user's own files, which could as well
 * change stories.json.)
 *
 * The stories read from a cache keep their text in the mapping (see
 * SbStoryData in sb-story.c) until they are edited. A cache is only ever
 * replaced, by renaming a new file over it, so the mapped one stays as it
 * was for as long as it is mapped.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sb-store-cache.h"
#include "sb-store-private.h"
#include "sb-story-private.h"

/* The header (version, the data file's stamp, its checksum, the user's
 * principles as JSON, the data file's unknown keys and their JSON text),
 * then the number of stories and their text, items and records (see
 * ColumnReader).
 */
#define CACHE_TYPE "(utxxxxttssasasuayauau)"

/* The file: this magic, a 64-bit hash of the rest (little-endian), then
 * the GVariant. The hash finds a cache damaged on disk (a flipped bit, a
 * block of zeros) before any of it is believed.
 */
#define CACHE_MAGIC "SBCACHE1"
#define CACHE_PREFIX 16

/* The stories, in three columns: the text, every string ending in a nul
 * ("" at offset 0); the items of the lists, as offsets in the text; and a
 * record for each story of N_SLOTS numbers: the offsets of its id, title,
 * situation, task, result, learnings, notes and its created, modified and
 * last practised dates (ISO 8601 as the data file writes them, "" for
 * none), its practice count and confidence, then where its lists start in
 * the items and how many items they have (in the order of
 * SbStoryFields.lists). Reading a story makes no object for each of its
 * strings, as a GVariant for each would.
 */
enum {
  SLOT_STRINGS,  /* SB_STORY_N_STRINGS of them */
  SLOT_CREATED = SLOT_STRINGS + SB_STORY_N_STRINGS,
  SLOT_MODIFIED,
  SLOT_PRACTICE_LAST,
  SLOT_PRACTICE_COUNT,
  SLOT_CONFIDENCE,
  /* Then a start and a length in the items for each list. */
  SLOT_LISTS,
  N_SLOTS = SLOT_LISTS + 2 * SB_STORY_N_LISTS
};

/* The lists the stories' unknown members are in: keys, then values. */
#define LIST_EXTRA_KEYS 4
#define LIST_PRACTICE_EXTRA_KEYS 6

typedef struct
{
  GByteArray *text;
  GArray     *items;    /* guint32 */
  GArray     *records;  /* guint32 */
} ColumnWriter;

typedef struct
{
  GVariant      *keep;  /* holds the bytes of @text */
  const char    *text;
  gsize          text_size;
  const guint32 *items;
  gsize          n_items;
  /* Where the next record's items and strings must start: the records
   * are read in order, and no two share an item or a string. Zero before
   * the first.
   */
  gsize          next_item;
  guint32        last_text;
} ColumnReader;

/* The offset of @text in @columns' text, added there ("" is always at 0). */
static guint32
add_text (ColumnWriter *columns,
          const char   *text)
{
  guint32 offset = columns->text->len;

  if (text == NULL || text[0] == '\0')
    return 0;
  g_byte_array_append (columns->text, (const guint8 *) text, strlen (text) + 1);
  return offset;
}

static guint32
add_date (ColumnWriter *columns,
          GDateTime    *date)
{
  g_autofree char *text = date != NULL ? g_date_time_format_iso8601 (date) : NULL;

  return add_text (columns, text);
}

static void
add_list (ColumnWriter       *columns,
          guint32            *record,
          guint               list,
          const char * const *strv)
{
  record[SLOT_LISTS + 2 * list] = columns->items->len;
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      guint32 offset = add_text (columns, strv[i]);

      g_array_append_val (columns->items, offset);
    }
  record[SLOT_LISTS + 2 * list + 1] = columns->items->len - record[SLOT_LISTS + 2 * list];
}

static void
column_writer_init (ColumnWriter *columns)
{
  columns->text = g_byte_array_new ();
  g_byte_array_append (columns->text, (const guint8 *) "", 1);
  columns->items = g_array_new (FALSE, FALSE, sizeof (guint32));
  columns->records = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/* @column: 0 for the text, 1 for the items, 2 for the records. Returns it
 * as a floating GVariant ("ay" or "au"), taken from @columns (call once
 * for each).
 */
static GVariant *
column_writer_end (ColumnWriter *columns,
                   guint         column)
{
  g_autoptr(GBytes) bytes = NULL;

  if (column == 0)
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&columns->text));
  else
    {
      GArray **array = column == 1 ? &columns->items : &columns->records;
      gsize length;
      gpointer data = g_array_steal (*array, &length);

      g_clear_pointer (array, g_array_unref);
      bytes = g_bytes_new_take (data, length * sizeof (guint32));
    }

  return g_variant_new_from_bytes (column == 0 ? G_VARIANT_TYPE_BYTESTRING : G_VARIANT_TYPE ("au"), bytes, TRUE);
}

/* Adds a story's record to @columns, its text to the text and its lists'
 * items to the items.
 */
static void
add_story (ColumnWriter      *columns,
           const SbStoryData *data)
{
  guint32 record[N_SLOTS];
  SbStoryFields fields;

  sb_story_data_get_fields (data, &fields);
  for (guint i = 0; i < SB_STORY_N_STRINGS; i++)
    record[SLOT_STRINGS + i] = add_text (columns, fields.strings[i]);
  record[SLOT_CREATED] = add_date (columns, fields.created);
  record[SLOT_MODIFIED] = add_date (columns, fields.modified);
  record[SLOT_PRACTICE_LAST] = add_date (columns, fields.practice_last);
  record[SLOT_PRACTICE_COUNT] = fields.practice_count;
  record[SLOT_CONFIDENCE] = fields.confidence;
  for (guint list = 0; list < SB_STORY_N_LISTS; list++)
    add_list (columns, record, list, fields.lists[list]);
  g_array_append_vals (columns->records, record, N_SLOTS);
}

/* The string at @offset in the text: where one starts, and the text (its
 * last byte a nul) has been checked to be UTF-8.
 */
static const char *
column_text (const ColumnReader *columns,
             guint32             offset)
{
  if (offset >= columns->text_size || (offset > 0 && columns->text[offset - 1] != '\0'))
    return NULL;
  return columns->text + offset;
}

/* The offsets of the strings (other than "") come in the order they were
 * written in, each after the last.
 */
static gboolean
text_in_order (ColumnReader *columns,
               guint32       offset)
{
  if (offset == 0)
    return TRUE;
  if (offset <= columns->last_text)
    return FALSE;
  columns->last_text = offset;
  return TRUE;
}

/* A list's items, as pointers into the text to be freed (not their
 * strings); %NULL when the record's list is not one of @columns'.
 */
static const char **
column_list (const ColumnReader *columns,
             const guint32      *record,
             guint               list,
             gsize              *length)
{
  guint32 start = record[SLOT_LISTS + 2 * list];
  guint32 n = record[SLOT_LISTS + 2 * list + 1];
  g_autofree const char **items = NULL;

  if (start > columns->n_items || n > columns->n_items - start)
    return NULL;
  items = g_new (const char *, n + 1);
  for (guint32 i = 0; i < n; i++)
    if ((items[i] = column_text (columns, columns->items[start + i])) == NULL)
      return NULL;
  items[n] = NULL;
  *length = n;

  return g_steal_pointer (&items);
}

/* What one record reads as: the lists' arrays and the dates are owned. */
typedef struct
{
  SbStoryFields fields;
} RecordFields;

static void
record_fields_clear (RecordFields *record)
{
  for (guint i = 0; i < SB_STORY_N_LISTS; i++)
    g_free ((gpointer) record->fields.lists[i]);
  g_clear_pointer (&record->fields.created, g_date_time_unref);
  g_clear_pointer (&record->fields.modified, g_date_time_unref);
  g_clear_pointer (&record->fields.practice_last, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RecordFields, record_fields_clear)

static gboolean
date_from_text (const char  *text,
                GTimeZone   *utc,
                GDateTime  **date)
{
  if (text[0] == '\0')
    return TRUE;
  *date = g_date_time_new_from_iso8601 (text, utc);
  return *date != NULL;
}

/* Whether @text is one JSON value, as an unknown key's text must be. */
static gboolean
is_json_value (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  return json_parser_load_from_data (parser, text, -1, NULL) &&
         json_parser_get_root (parser) != NULL;
}

/* Unknown members (names in the list @list, JSON texts in the next):
 * FALSE when they are not what this version could have written.
 */
static gboolean
extra_in_order (const SbStoryFields *fields,
                guint                list)
{
  const char * const *keys = fields->lists[list];
  const char * const *values = fields->lists[list + 1];

  if (g_strv_length ((char **) keys) != g_strv_length ((char **) values))
    return FALSE;
  for (guint i = 0; values[i] != NULL; i++)
    if (!is_json_value (values[i]))
      return FALSE;
  return TRUE;
}

/* Whether @record takes its text and items where the stories before it
 * left off, as they were written: no two stories (or fields) share a
 * string or an item. A cache that shared them could make a small file
 * cost gigabytes, as no data file of its size could.
 */
static gboolean
record_in_order (ColumnReader  *columns,
                 const guint32 *record)
{
  for (guint slot = SLOT_STRINGS; slot <= SLOT_PRACTICE_LAST; slot++)
    if (!text_in_order (columns, record[slot]))
      return FALSE;

  for (guint list = 0; list < SB_STORY_N_LISTS; list++)
    {
      guint32 start = record[SLOT_LISTS + 2 * list];
      guint32 n = record[SLOT_LISTS + 2 * list + 1];

      if (start != columns->next_item || n > columns->n_items - start)
        return FALSE;
      for (guint32 i = 0; i < n; i++)
        if (!text_in_order (columns, columns->items[start + i]))
          return FALSE;
      columns->next_item = start + n;
    }

  return TRUE;
}

/* The story of @record (N_SLOTS numbers, untrusted), its text held in
 * @columns->keep rather than copied; %NULL when @record is not a story
 * this version could have written. @columns' text has been checked to be
 * UTF-8 strings; the records are read in order, each after the one before.
 */
static SbStory *
read_story (ColumnReader  *columns,
            const guint32 *record)
{
  g_auto(RecordFields) read = { { { NULL, }, }, };
  SbStoryFields *fields = &read.fields;
  g_autoptr(GTimeZone) utc = NULL;
  const char *created, *modified, *practice_last;
  guint32 count = record[SLOT_PRACTICE_COUNT];
  guint32 confidence = record[SLOT_CONFIDENCE];

  if (!record_in_order (columns, record))
    return NULL;
  for (guint i = 0; i < SB_STORY_N_STRINGS; i++)
    if ((fields->strings[i] = column_text (columns, record[SLOT_STRINGS + i])) == NULL)
      return NULL;
  for (guint i = 0; i < SB_STORY_N_LISTS; i++)
    {
      gsize length;

      if ((fields->lists[i] = column_list (columns, record, i, &length)) == NULL)
        return NULL;
    }
  if ((created = column_text (columns, record[SLOT_CREATED])) == NULL ||
      (modified = column_text (columns, record[SLOT_MODIFIED])) == NULL ||
      (practice_last = column_text (columns, record[SLOT_PRACTICE_LAST])) == NULL)
    return NULL;

  if (fields->strings[0][0] == '\0' || count > G_MAXINT || confidence > 5 ||
      created[0] == '\0' || modified[0] == '\0')
    return NULL;
  fields->practice_count = count;
  fields->confidence = confidence;

  utc = g_time_zone_new_utc ();
  if (!date_from_text (created, utc, &fields->created) ||
      !date_from_text (modified, utc, &fields->modified) ||
      !date_from_text (practice_last, utc, &fields->practice_last))
    return NULL;

  if (!extra_in_order (fields, LIST_EXTRA_KEYS) || !extra_in_order (fields, LIST_PRACTICE_EXTRA_KEYS))
    return NULL;

  return sb_story_new_from_fields (fields, columns->keep);
}

static guint64
cache_hash (const guint8 *data,
            gsize         length)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      h = (h ^ word) * G_GUINT64_CONSTANT (0x100000001b3);
      h ^= h >> 29;
    }
  for (; i < length; i++)
    h = (h ^ data[i]) * G_GUINT64_CONSTANT (0x100000001b3);

  return h ^ length;
}

/**
 * sb_file_stamp_get:
 * @saved_errno: (out) (optional): why not, when it fails
 *
 * Returns: whether @path could be looked at
 */
gboolean
sb_file_stamp_get (const char  *path,
                   SbFileStamp *stamp,
                   int         *saved_errno)
{
  struct stat st;

  memset (stamp, 0, sizeof *stamp);
  if (stat (path, &st) != 0)
    {
      if (saved_errno != NULL)
        *saved_errno = errno;
      return FALSE;
    }

  stamp->size = st.st_size;
  stamp->mtime_sec = st.st_mtim.tv_sec;
  stamp->mtime_nsec = st.st_mtim.tv_nsec;
  stamp->ctime_sec = st.st_ctim.tv_sec;
  stamp->ctime_nsec = st.st_ctim.tv_nsec;
  stamp->inode = st.st_ino;
  stamp->device = st.st_dev;
  return TRUE;
}

gboolean
sb_file_stamp_equal (const SbFileStamp *a,
                     const SbFileStamp *b)
{
  return a->size == b->size &&
         a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec &&
         a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec &&
         a->inode == b->inode && a->device == b->device;
}

/**
 * sb_store_cache_dup_path:
 *
 * Returns: the cache of @data_path: one file per data file, named after a
 * checksum of its path
 */
char *
sb_store_cache_dup_path (const char *data_path)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, data_path, -1);
  g_autofree char *name = g_strdup_printf ("library-%.16s.gvariant", sum);

  return g_build_filename (g_get_user_cache_dir (), "storybank", name, NULL);
}

/* Whether @name is "<prefix>" and six more characters: the temporary file
 * g_file_set_contents_full() makes beside the cache.
 */
static gboolean
is_write_temp (const char *name,
               const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  if (strlen (name) != prefix_len + 7 || !g_str_has_prefix (name, prefix) || name[prefix_len] != '.')
    return FALSE;
  for (guint i = prefix_len + 1; i < prefix_len + 7; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return TRUE;
}

/* A cache write cut short (the app killed, the machine off) leaves its
 * temporary file, as big as the cache, each time.
 * Those older than a write can take are removed before the next write;
 * a younger one may be another instance's write in progress, and losing
 * it would only cost that instance its cache.
 */
static void
remove_stale_writes (const char *cache_path)
{
  g_autofree char *folder = g_path_get_dirname (cache_path);
  g_autofree char *prefix = g_path_get_basename (cache_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 before = g_get_real_time () / G_USEC_PER_SEC - 60;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!is_write_temp (name, prefix))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_mtime < before && g_unlink (path) == 0)
        g_debug ("Removed %s, left by a cache write that did not finish", path);
    }
}

/**
 * sb_store_cache_write:
 * @stamp: the data file as it is after writing what @snapshot holds
 * @checksum: of the data file's bytes
 * @principles_json: the user's principles as the data file writes them
 * @snapshot: (element-type SbStoryData): the stories
 *
 * Writes the cache atomically (a new file renamed over the old one), and
 * removes what earlier writes cut short left behind.
 */
gboolean
sb_store_cache_write (const char         *cache_path,
                      const SbFileStamp  *stamp,
                      const char         *checksum,
                      const char         *principles_json,
                      char              **extra_keys,
                      char              **extra_values,
                      GPtrArray          *snapshot,
                      GError            **error)
{
  static const char * const none[] = { NULL };
  g_autofree char *folder = g_path_get_dirname (cache_path);
  g_autoptr(GVariant) cache = NULL;
  ColumnWriter stories;

  column_writer_init (&stories);
  for (guint i = 0; i < snapshot->len; i++)
    add_story (&stories, g_ptr_array_index (snapshot, i));

  cache = g_variant_ref_sink (g_variant_new ("(utxxxxttss^as^asu@ay@au@au)",
                                             (guint32) SB_STORE_CACHE_VERSION,
                                             stamp->size,
                                             stamp->mtime_sec, stamp->mtime_nsec,
                                             stamp->ctime_sec, stamp->ctime_nsec,
                                             stamp->inode, stamp->device,
                                             checksum ? checksum : "",
                                             principles_json ? principles_json : "",
                                             extra_keys ? (const char * const *) extra_keys : none,
                                             extra_values ? (const char * const *) extra_values : none,
                                             snapshot->len,
                                             column_writer_end (&stories, 0),
                                             column_writer_end (&stories, 1),
                                             column_writer_end (&stories, 2)));

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }
  remove_stale_writes (cache_path);

  {
    gsize size = g_variant_get_size (cache);
    g_autofree guint8 *contents = g_malloc (CACHE_PREFIX + size);
    guint64 hash;

    memcpy (contents, CACHE_MAGIC, 8);
    g_variant_store (cache, contents + CACHE_PREFIX);
    hash = GUINT64_TO_LE (cache_hash (contents + CACHE_PREFIX, size));
    memcpy (contents + 8, &hash, 8);

    return g_file_set_contents_full (cache_path, (const char *) contents, CACHE_PREFIX + size,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  }
}

/* Whether @text is strings, each ending in a nul, each UTF-8. */
static gboolean
text_is_valid (const char *text,
               gsize       size)
{
  const char *end = text + size;

  if (size == 0 || text[size - 1] != '\0')
    return FALSE;
  while (text < end)
    {
      const char *stop;

      if (!g_utf8_validate (text, -1, &stop))
        return FALSE;
      text = stop + 1;
    }
  return TRUE;
}

static char **
dup_strv_child (GVariant *variant,
                gsize     index)
{
  g_autoptr(GVariant) child = g_variant_get_child_value (variant, index);

  return g_variant_dup_strv (child, NULL);
}

/**
 * sb_store_cache_read_bytes:
 * @bytes: a cache's bytes, never trusted
 * @stamp: (nullable): the data file as it is now (%NULL, for the fuzzer
 *   only, skips that check)
 * @stories: (out) (transfer container): the stories, #SbStory
 *
 * Returns: %TRUE with every out argument set when @bytes is a cache this
 * version wrote for the data file @stamp describes and every story in it
 * is valid; %FALSE, setting nothing, otherwise
 */
gboolean
sb_store_cache_read_bytes (GBytes             *bytes,
                           const SbFileStamp  *stamp,
                           GPtrArray         **stories,
                           JsonArray         **principles,
                           char             ***extra_keys,
                           char             ***extra_values,
                           char              **checksum)
{
  g_autoptr(GVariant) cache = NULL;
  g_autoptr(GVariant) text = NULL;
  g_autoptr(GVariant) items = NULL;
  g_autoptr(GVariant) records = NULL;
  ColumnReader story_cache;
  const guint32 *record;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;
  SbFileStamp recorded;
  const char *sum, *principles_json;
  guint32 version, n_stories;
  JsonNode *root;
  gsize n;

  {
    gsize size;
    const guint8 *data = g_bytes_get_data (bytes, &size);
    guint64 hash;

    if (size < CACHE_PREFIX || memcmp (data, CACHE_MAGIC, 8) != 0)
      return FALSE;
    memcpy (&hash, data + 8, 8);
    if (GUINT64_FROM_LE (hash) != cache_hash (data + CACHE_PREFIX, size - CACHE_PREFIX))
      return FALSE;
    body = g_bytes_new_from_bytes (bytes, CACHE_PREFIX, size - CACHE_PREFIX);
  }

  cache = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (CACHE_TYPE), body, FALSE));

  /* The header first: a stale cache is set aside without reading on. */
  g_variant_get (cache, "(utxxxxtt&s&s@as@asu@ay@au@au)",
                 &version, &recorded.size,
                 &recorded.mtime_sec, &recorded.mtime_nsec,
                 &recorded.ctime_sec, &recorded.ctime_nsec,
                 &recorded.inode, &recorded.device,
                 NULL, NULL, NULL, NULL, &n_stories, NULL, NULL, NULL);
  if (version != SB_STORE_CACHE_VERSION || (stamp != NULL && !sb_file_stamp_equal (&recorded, stamp)))
    return FALSE;

  /* The header's strings and lists must be well-formed as they are: a
   * string that is not is read as "" from untrusted bytes. (Not the whole
   * value at once: g_variant_is_normal_form() looks at each byte of the
   * text as a value of its own.)
   */
  for (guint i = 8; i < 12; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (cache, i);

      if (!g_variant_is_normal_form (child))
        return FALSE;
    }
  g_variant_get_child (cache, 8, "&s", &sum);
  g_variant_get_child (cache, 9, "&s", &principles_json);

  /* The principles, as the data file writes them: a JSON list. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, principles_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;

  keys = dup_strv_child (cache, 10);
  values = dup_strv_child (cache, 11);
  if (g_strv_length (keys) != g_strv_length (values))
    return FALSE;
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autoptr(JsonParser) value_parser = NULL;

      /* The interviews are many and read later, by the library, which
       * checks them then and writes back only what it could read.
       */
      if (g_str_equal (keys[i], INTERVIEWS_KEY))
        {
          if (!g_utf8_validate (values[i], -1, NULL))
            return FALSE;
          continue;
        }
      value_parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (value_parser, values[i], -1, NULL) ||
          json_parser_get_root (value_parser) == NULL)
        return FALSE;
    }

  /* The stories: their text checked once, then each record. Each array
   * must be whole (g_variant_get_fixed_array() gives none of one that is
   * not) and hold as many records as the header says there are stories.
   */
  text = g_variant_get_child_value (cache, 13);
  items = g_variant_get_child_value (cache, 14);
  records = g_variant_get_child_value (cache, 15);
  story_cache = (ColumnReader) { .keep = text };
  story_cache.text = g_variant_get_fixed_array (text, &story_cache.text_size, 1);
  story_cache.items = g_variant_get_fixed_array (items, &story_cache.n_items, sizeof (guint32));
  record = g_variant_get_fixed_array (records, &n, sizeof (guint32));
  if (!text_is_valid (story_cache.text, story_cache.text_size) ||
      story_cache.n_items * sizeof (guint32) != g_variant_get_size (items) ||
      n % N_SLOTS != 0 || n / N_SLOTS != n_stories ||
      n * sizeof (guint32) != g_variant_get_size (records))
    return FALSE;
  n = n_stories;
  result = g_ptr_array_new_full (n, g_object_unref);
  for (gsize i = 0; i < n; i++)
    {
      SbStory *story = read_story (&story_cache, record + i * N_SLOTS);

      if (story == NULL)
        return FALSE;
      g_ptr_array_add (result, story);
    }
  /* Every item is a story's. */
  if (story_cache.next_item != story_cache.n_items)
    return FALSE;

  *stories = g_steal_pointer (&result);
  *principles = json_array_ref (json_node_get_array (root));
  if (keys[0] == NULL)
    {
      *extra_keys = NULL;
      *extra_values = NULL;
    }
  else
    {
      *extra_keys = g_steal_pointer (&keys);
      *extra_values = g_steal_pointer (&values);
    }
  *checksum = sum[0] != '\0' ? g_strdup (sum) : NULL;
  return TRUE;
}

/**
 * sb_store_cache_wrap:
 * @body: a GVariant's bytes
 *
 * Returns: (transfer full): @body as a cache file holds it, behind the
 * magic and its hash (for the fuzzer and tests)
 */
GBytes *
sb_store_cache_wrap (GBytes *body)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (body, &size);
  guint8 *contents = g_malloc (CACHE_PREFIX + size);
  guint64 hash = GUINT64_TO_LE (cache_hash (data, size));

  memcpy (contents, CACHE_MAGIC, 8);
  memcpy (contents + 8, &hash, 8);
  if (size > 0)
    memcpy (contents + CACHE_PREFIX, data, size);

  return g_bytes_new_take (contents, CACHE_PREFIX + size);
}

/**
 * sb_store_cache_read:
 *
 * Maps @cache_path and reads it (see sb_store_cache_read_bytes()).
 * Returns: %FALSE when there is no usable cache
 */
gboolean
sb_store_cache_read (const char         *cache_path,
                     const SbFileStamp  *stamp,
                     GPtrArray         **stories,
                     JsonArray         **principles,
                     char             ***extra_keys,
                     char             ***extra_values,
                     char              **checksum)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  mapped = g_mapped_file_new (cache_path, FALSE, &error);
  if (mapped == NULL)
    {
      g_debug ("No cache: %s", error->message);
      return FALSE;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  if (!sb_store_cache_read_bytes (bytes, stamp, stories, principles, extra_keys, extra_values, checksum))
    {
      g_debug ("Cache %s is stale or damaged: not used", cache_path);
      return FALSE;
    }

  return TRUE;
}
