/* sb-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sb-export.h"
#include "sb-json.h"
#include "sb-merge.h"
#include "sb-store.h"
#include "sb-store-cache.h"
#include "sb-store-io.h"
#include "sb-story-private.h"
#include "sb-sync.h"

/* Autosave waits this long after the last change... */
#define AUTOSAVE_DELAY_MSEC 1000
/* ...but no longer than this after the first unsaved one, so that someone
 * typing without a pause still has their words on disk.
 */
#define AUTOSAVE_MAX_DELAY_MSEC 5000
/* A change on disk is merged once the file has been quiet this long (a
 * sync tool may write it in several steps).
 */
#define MERGE_DELAY_MSEC 300
/* A conflict copy is merged once the folder has been quiet this long. */
#define COPIES_DELAY_MSEC 1000

/* The optional top-level key naming the computer that saved the file
 * last: {"host": "laptop", "time": "2026-12-06T10:10:10Z"}. Kept with the
 * keys this version does not know, so that it round-trips unchanged
 * through the cache and through versions older than this one.
 */
#define SAVED_BY_KEY "saved-by"

static const char * const known_top_keys[] = {
  "format", "version", "principles", "stories", NULL
};

struct _SbStore
{
  GObject     parent_instance;

  char       *path;
  char       *cache_path;  /* nullable: no cache */
  SbLibrary  *library;
  SbCatalog  *catalog;
  GError     *error;

  /* Top-level keys this version does not know, written back unchanged. */
  char      **extra_keys;
  char      **extra_values;

  /* The stories as we last read or wrote them (SbStoryData), and a
   * checksum of those bytes: the base of a three-way merge with a file
   * changed behind our back, and how we know a change is our own write.
   */
  GPtrArray    *base;
  char         *disk_checksum;
  /* The file's stamp when it held those bytes: a file monitor's event for
   * our own write is told apart without reading the whole file again.
   */
  gboolean      disk_stamped;
  SbFileStamp   disk_stamp;
  /* The user's principles as we last read or wrote them: id to the
   * entry's JSON text, the base of merging principles the same way.
   */
  GHashTable   *base_principles;
  GFileMonitor *monitor;
  guint         merge_source;

  /* The folder, for sync tools' conflict copies (sb-sync.c). */
  GFileMonitor *folder_monitor;
  guint         copies_source;
  /* Copies that could not be read, left where they are: their names. */
  char        **unreadable_copies;
  /* What the last merge of conflict copies changed: story id to the
   * story as it was before (SbStoryData), or to %NULL for one it added.
   */
  GHashTable   *copy_undo;
  /* The host name in the file as last read, when it says. */
  char         *saved_by;

  guint       autosave_source;
  guint       autosave_delay;
  gint64      first_unsaved;

  /* Each change bumps @generation; a save records what it wrote. */
  guint64     generation;
  guint64     saved_generation;

  guint       loading : 1;
  guint       read_only : 1;
  guint       saving : 1;
  guint       save_again : 1;
  guint       backed_up : 1;
};

G_DEFINE_FINAL_TYPE (SbStore, sb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-store-error-quark, sb_store_error)

enum {
  PROP_0,
  PROP_DIRTY,
  PROP_ERROR,
  PROP_READ_ONLY,
  PROP_UNREADABLE_COPIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MERGED,
  COPIES_MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a save writes: taken on the main thread, written on a worker. */
typedef struct
{
  char      *path;
  char      *cache_path;
  GPtrArray *stories;
  char      *principles;
  char     **extra_keys;
  char     **extra_values;
  guint64    generation;
  gboolean   backup;
  gboolean   backup_done;  /* set by the worker */
  char      *checksum;     /* of the bytes written, set by the worker */
  char      *expected;     /* of the file as we last read or wrote it */
  gboolean     stamped;    /* set by the worker: @stamp is of the file written */
  SbFileStamp  stamp;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->path);
  g_free (job->cache_path);
  g_ptr_array_unref (job->stories);
  g_free (job->principles);
  g_strfreev (job->extra_keys);
  g_strfreev (job->extra_values);
  g_free (job->checksum);
  g_free (job->expected);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

static void
sb_store_dispose (GObject *object)
{
  SbStore *self = (SbStore *)object;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->merge_source, g_source_remove);
  g_clear_handle_id (&self->copies_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->folder_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->folder_monitor, self);
      g_file_monitor_cancel (self->folder_monitor);
      g_clear_object (&self->folder_monitor);
    }
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_store_parent_class)->dispose (object);
}

static void
sb_store_finalize (GObject *object)
{
  SbStore *self = (SbStore *)object;

  g_free (self->path);
  g_free (self->cache_path);
  g_clear_error (&self->error);
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);
  g_clear_pointer (&self->base, g_ptr_array_unref);
  g_clear_pointer (&self->base_principles, g_hash_table_unref);
  g_free (self->disk_checksum);
  g_strfreev (self->unreadable_copies);
  g_clear_pointer (&self->copy_undo, g_hash_table_unref);
  g_free (self->saved_by);

  G_OBJECT_CLASS (sb_store_parent_class)->finalize (object);
}

static void
sb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbStore *self = SB_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, sb_store_get_dirty (self));
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_UNREADABLE_COPIES:
      g_value_set_boxed (value, self->unreadable_copies);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_store_class_init (SbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_store_dispose;
  object_class->finalize = sb_store_finalize;
  object_class->get_property = sb_store_get_property;

  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREADABLE_COPIES] =
    g_param_spec_boxed ("unreadable-copies", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbStore::merged:
   * @report: (type gpointer): the #SbMergeReport
   *
   * The data file changed on disk (see sb_store_watch()) and the change
   * was merged into the library; sb_merge_report_dup_summary() says what
   * happened, for a toast.
   */
  signals[MERGED] = g_signal_new ("merged",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * SbStore::copies-merged:
   * @report: (type gpointer): the #SbMergeReport
   * @host: (nullable): the computer that saved the copy, when it says
   *
   * Conflict copies a sync tool left beside the data file were merged
   * into the library and moved into backups/ (see
   * sb_store_merge_conflict_copies()); sb_store_undo_copies_merge()
   * takes the stories back out.
   */
  signals[COPIES_MERGED] = g_signal_new ("copies-merged",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
}

static void
sb_store_init (SbStore *self)
{
  self->autosave_delay = AUTOSAVE_DELAY_MSEC;
}

/**
 * sb_store_dup_default_path:
 *
 * Returns: `$XDG_DATA_HOME/storybank/stories.json`
 */
char *
sb_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "storybank", "stories.json", NULL);
}

static void
sb_store_set_error (SbStore *self,
                    GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
autosave_cb (gpointer user_data)
{
  SbStore *self = user_data;

  self->autosave_source = 0;
  sb_store_save_async (self, NULL, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
sb_store_schedule_autosave (SbStore *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 waited;
  guint delay = self->autosave_delay;

  if (self->first_unsaved == 0)
    self->first_unsaved = now;

  waited = (now - self->first_unsaved) / 1000;
  if (waited + delay > AUTOSAVE_MAX_DELAY_MSEC)
    delay = waited >= AUTOSAVE_MAX_DELAY_MSEC ? 0 : AUTOSAVE_MAX_DELAY_MSEC - waited;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (delay, autosave_cb, self);
}

static void
changed_cb (SbStore *self)
{
  gboolean was_dirty;

  if (self->loading)
    return;

  was_dirty = sb_store_get_dirty (self);
  self->generation++;
  if (!was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);

  if (!self->read_only)
    sb_store_schedule_autosave (self);
}

/**
 * sb_store_new:
 * @path: (nullable): the data file, or %NULL for the default
 *
 * Returns: (transfer full): a store that saves @library and the user's
 * principles of @catalog to @path, autosaving after every change.
 */
SbStore *
sb_store_new (const char *path,
              SbLibrary  *library,
              SbCatalog  *catalog)
{
  SbStore *self;

  g_return_val_if_fail (SB_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  self = g_object_new (SB_TYPE_STORE, NULL);
  self->path = path ? g_strdup (path) : sb_store_dup_default_path ();
  self->cache_path = sb_store_cache_dup_path (self->path);
  self->library = g_object_ref (library);
  self->catalog = g_object_ref (catalog);

  g_signal_connect_swapped (library, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (catalog, "changed", G_CALLBACK (changed_cb), self);

  return self;
}

/**
 * sb_store_set_cache_path:
 * @cache_path: (nullable): where to keep the binary cache of the data
 *   file, or %NULL for none
 *
 * By default the cache is in `$XDG_CACHE_HOME/storybank/` (see
 * sb-store-cache.c); tests point it elsewhere or turn it off.
 */
void
sb_store_set_cache_path (SbStore    *self,
                         const char *cache_path)
{
  g_return_if_fail (SB_IS_STORE (self));

  g_free (self->cache_path);
  self->cache_path = g_strdup (cache_path);
}

const char *
sb_store_get_cache_path (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->cache_path;
}

const char *
sb_store_get_path (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->path;
}

/**
 * sb_store_get_library:
 *
 * Returns: (transfer none): the library the store saves
 */
SbLibrary *
sb_store_get_library (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->library;
}

/**
 * sb_store_get_catalog:
 *
 * Returns: (transfer none): the catalog whose user principles it saves
 */
SbCatalog *
sb_store_get_catalog (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->catalog;
}

gboolean
sb_store_get_read_only (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * sb_store_get_dirty:
 *
 * Returns: whether there are changes not yet safely on disk
 */
gboolean
sb_store_get_dirty (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return self->generation != self->saved_generation;
}

/**
 * sb_store_get_error:
 *
 * Returns: (nullable): why the last load or save failed, or %NULL
 */
const GError *
sb_store_get_error (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->error;
}

void
sb_store_set_autosave_delay (SbStore *self,
                             guint    msec)
{
  g_return_if_fail (SB_IS_STORE (self));
  self->autosave_delay = msec;
}

static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Deeper nesting than this is refused before json-glib, which recurses,
 * sees it. A data file nests four levels.
 */
#define MAX_JSON_DEPTH 256

/* json-glib turns an escaped UTF-16 surrogate without its other half
 * ("\ud83c" alone), and a "\u" without four hex digits, into bytes that are
 * not UTF-8: a story holding them would be saved into a file the next start
 * could not read. This pass over the text replaces each such escape with
 * U+FFFD (*@fixed is the new text, or %NULL when nothing changed) and
 * refuses nesting deeper than MAX_JSON_DEPTH.
 */
static gboolean
sanitize_json_text (const char  *contents,
                    gsize        length,
                    char       **fixed,
                    GError     **error)
{
  const char *end = contents + length;
  const char *copied = contents;
  GString *out = NULL;
  gboolean in_string = FALSE;
  guint depth = 0;

  *fixed = NULL;

  for (const char *p = contents; p < end; p++)
    {
      int unit, next;

      if (!in_string)
        {
          if (*p == '"')
            in_string = TRUE;
          else if (*p == '[' || *p == '{')
            {
              if (++depth > MAX_JSON_DEPTH)
                {
                  if (out != NULL)
                    g_string_free (out, TRUE);
                  g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                                       _("The file is nested too deeply"));
                  return FALSE;
                }
            }
          else if ((*p == ']' || *p == '}') && depth > 0)
            depth--;
          continue;
        }

      if (*p == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (*p != '\\' || p + 1 >= end)
        continue;
      if (p[1] != 'u')
        {
          p++;  /* an escaped character, "\\" and "\"" included */
          continue;
        }

      unit = hex4 (p + 2, end);
      if (unit >= 0 && (unit < 0xD800 || unit > 0xDFFF))
        {
          p += 5;
          continue;
        }

      next = (unit >= 0 && end - p >= 12 && p[6] == '\\' && p[7] == 'u') ? hex4 (p + 8, end) : -1;
      if (unit >= 0xD800 && unit < 0xDC00 && next >= 0xDC00 && next <= 0xDFFF)
        {
          p += 11;  /* a proper pair */
          continue;
        }

      /* Replace the escape: "\u" and the hex digits that follow it. */
      if (out == NULL)
        out = g_string_sized_new (length + 16);
      g_string_append_len (out, copied, p - copied);
      g_string_append (out, "\\ufffd");
      p += 1;
      for (guint i = 0; i < 4 && p + 1 < end && g_ascii_isxdigit (p[1]); i++)
        p++;
      copied = p + 1;
    }

  if (out != NULL)
    {
      g_string_append_len (out, copied, end - copied);
      *fixed = g_string_free (out, FALSE);
    }

  return TRUE;
}

/* Whether every string in @node, member names included, is UTF-8. */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !node_is_utf8 (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static gboolean
parse_with (JsonParser   *parser,
            const char   *contents,
            gsize         length,
            GPtrArray   **stories,
            JsonArray   **principles,
            gint64       *version,
            char       ***extra_keys,
            char       ***extra_values,
            GError      **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;
  g_autofree char *fixed = NULL;
  const char *format = NULL;

  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  if (length == 0)
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT, _("The file is empty"));
      return FALSE;
    }

  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("The file is not text (it is not valid UTF-8)"));
      return FALSE;
    }

  if (!sanitize_json_text (contents, length, &fixed, error))
    return FALSE;
  if (fixed != NULL)
    {
      contents = fixed;
      length = strlen (fixed);
    }

  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("The file is not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("The file is not a Storybank library"));
      return FALSE;
    }
  if (!node_is_utf8 (node))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("The file is not text (it is not valid UTF-8)"));
      return FALSE;
    }
  root = json_node_get_object (node);

  if (!sb_json_get_string (root, "format", &format, &local_error) ||
      (format != NULL && !g_str_equal (format, "storybank")) ||
      (format == NULL && !json_object_has_member (root, "stories")))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("The file is not a Storybank library"));
      return FALSE;
    }

  *version = 1;
  node = json_object_get_member (root, "version");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1)
        {
          g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                               _("The file’s format version is not a number"));
          return FALSE;
        }
      *version = json_node_get_int (node);
    }

  result = g_ptr_array_new_with_free_func (g_object_unref);
  node = json_object_get_member (root, "stories");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                               _("“stories” is not a list"));
          return FALSE;
        }

      array = json_node_get_array (node);
      g_ptr_array_set_size (result, 0);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          SbStory *story;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("Story %u is not an object"), i + 1);
              return FALSE;
            }

          story = sb_story_new_from_json (json_node_get_object (element), &local_error);
          if (story == NULL)
            {
              g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("Story %u: %s"), i + 1, local_error->message);
              return FALSE;
            }
          g_ptr_array_add (result, story);
        }
    }

  node = json_object_get_member (root, "principles");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                           _("“principles” is not a list"));
      return FALSE;
    }

  if (principles != NULL)
    *principles = (node != NULL && JSON_NODE_HOLDS_ARRAY (node)) ? json_array_ref (json_node_get_array (node)) : NULL;

  if (extra_keys != NULL && extra_values != NULL)
    sb_json_collect_extra (root, known_top_keys, extra_keys, extra_values);

  *stories = g_steal_pointer (&result);
  return TRUE;
}

/* A copy of @array sharing no node with it, or %NULL (written as the data
 * file writes it, so that a number too large for a double survives).
 */
static JsonArray *
array_copy_deep (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);
  g_autofree char *text = sb_json_node_to_string (node);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);

  if (copy == NULL || !JSON_NODE_HOLDS_ARRAY (copy))
    return NULL;
  return json_array_ref (json_node_get_array (copy));
}

static gpointer
unref_thread (gpointer object)
{
  g_object_unref (object);
  return NULL;
}

/* Above this size, a file's parse tree is let go on a thread of its own:
 * freeing a large json-glib tree takes about as long as building the
 * stories from it. Nothing handed back holds a node of it
 * (the principles are a copy: see sb_store_parse()).
 */
#define FREE_BESIDE_SIZE (1024 * 1024)

/**
 * sb_store_parse:
 * @stories: (out) (transfer container): the stories, #SbStory
 * @principles: (out) (transfer full) (nullable): the user's principles
 * @version: (out): the file's format version
 *
 * Reads a data file's text. Shared by the store, the JSON import and the
 * fuzzers. Does not look at the version beyond reporting it.
 */
gboolean
sb_store_parse (const char   *contents,
                gsize         length,
                GPtrArray   **stories,
                JsonArray   **principles,
                gint64       *version,
                char       ***extra_keys,
                char       ***extra_values,
                GError      **error)
{
  JsonParser *parser = json_parser_new_immutable ();
  gboolean parsed = parse_with (parser, contents, length, stories, principles, version,
                                extra_keys, extra_values, error);
  gboolean free_beside = length >= FREE_BESIDE_SIZE;

  /* json-glib counts references without atomics: the principles handed
   * out must share nothing with a tree freed on another thread (or the
   * tree is freed here).
   */
  if (free_beside && parsed && principles != NULL && *principles != NULL)
    {
      JsonArray *copy = array_copy_deep (*principles);

      if (copy != NULL)
        {
          json_array_unref (*principles);
          *principles = copy;
        }
      else
        free_beside = FALSE;
    }

  if (free_beside)
    g_thread_unref (g_thread_new ("sb-store-free", unref_thread, parser));
  else
    g_object_unref (parser);

  return parsed;
}

static char *
dup_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S-%f");
}

/* The file @path names: where a link into a sync tool's folder points, or
 * @path itself when it is no link or a broken one (writing refuses that).
 * The temporary files, backups and conflict copies live beside it.
 */
static char *
dup_real_path (const char *path)
{
  char *real = sb_io_resolve_link (path, NULL);

  return real != NULL ? real : g_strdup (path);
}

/* The keys to write: @keys and @values with SAVED_BY_KEY naming this
 * computer and now.
 */
static void
set_saved_by (char **keys,
              char **values,
              char ***out_keys,
              char ***out_values)
{
  g_autoptr(GStrvBuilder) new_keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) new_values = g_strv_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GString) value = g_string_new ("{\"host\": ");

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!g_str_equal (keys[i], SAVED_BY_KEY))
      {
        g_strv_builder_add (new_keys, keys[i]);
        g_strv_builder_add (new_values, values[i]);
      }

  sb_json_write_string (value, g_get_host_name ());
  g_string_append (value, ", \"time\": ");
  sb_json_write_string (value, time);
  g_string_append_c (value, '}');
  g_strv_builder_add (new_keys, SAVED_BY_KEY);
  g_strv_builder_add (new_values, value->str);

  *out_keys = g_strv_builder_end (new_keys);
  *out_values = g_strv_builder_end (new_values);
}

/* The host named by SAVED_BY_KEY among @keys, if any. */
static char *
dup_saved_by (char **keys,
              char **values)
{
  for (guint i = 0; keys != NULL && values != NULL && keys[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *root;
      const char *host;

      if (!g_str_equal (keys[i], SAVED_BY_KEY))
        continue;

      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, values[i], -1, NULL) ||
          !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
        return NULL;
      host = json_object_get_string_member_with_default (json_node_get_object (root), "host", NULL);
      return host != NULL && *host != '\0' && g_utf8_validate (host, -1, NULL) ? g_strdup (host) : NULL;
    }

  return NULL;
}

/* Moves an unreadable data file out of the way, so nothing is ever written
 * over it: stories.json.corrupt-<timestamp>. A linked file is moved, not
 * the link.
 */
static char *
set_aside (SbStore  *self,
           GError  **error)
{
  g_autofree char *real = dup_real_path (self->path);
  g_autofree char *stamp = dup_timestamp ();
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", real, stamp);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", real, stamp, i);
    }

  if (!sb_io_rename (real, aside, error))
    return NULL;

  return g_steal_pointer (&aside);
}

static char *backups_dir (const char *path);

/* @base: (nullable) (element-type SbStoryData): what is on disk now, as we
 * read or wrote it; @checksum: of its bytes
 */
static void
sb_store_set_base (SbStore    *self,
                   GPtrArray  *base,
                   const char *checksum)
{
  g_clear_pointer (&self->base, g_ptr_array_unref);
  self->base = base ? g_ptr_array_ref (base) : NULL;
  g_free (self->disk_checksum);
  self->disk_checksum = g_strdup (checksum);
  self->disk_stamped = FALSE;
}

/* A "principles" array as id -> the entry's JSON text (entries without an
 * id are left out: they cannot be told apart).
 */
static GHashTable *
principles_by_id (JsonArray *principles)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; principles != NULL && i < json_array_get_length (principles); i++)
    {
      JsonNode *node = json_array_get_element (principles, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
      if (id != NULL && !g_hash_table_contains (table, id))
        g_hash_table_insert (table, g_strdup (id), json_to_string (node, FALSE));
    }

  return table;
}

/* The same from the text of such an array (empty when it is not one). */
static GHashTable *
principles_by_id_from_text (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return principles_by_id (NULL);
  return principles_by_id (json_node_get_array (root));
}

/* The same from the catalog as it would be saved now. */
static GHashTable *
catalog_principles_by_id (SbCatalog *catalog)
{
  g_autofree char *json = sb_catalog_dup_user_json (catalog, 0);

  return principles_by_id_from_text (json);
}

static void
sb_store_set_base_principles (SbStore    *self,
                              GHashTable *principles)
{
  g_clear_pointer (&self->base_principles, g_hash_table_unref);
  self->base_principles = principles;
}

/* Their entry for a principle both sides changed, as a copy beside ours:
 * a new id, the name marked.
 */
static JsonNode *
conflict_copy (SbCatalog  *catalog,
               GHashTable *taken,
               JsonNode   *node)
{
  JsonNode *copy = json_node_copy (node);
  JsonObject *object = json_node_get_object (copy);
  const char *name = json_object_get_string_member_with_default (object, "name", NULL);
  g_autofree char *marked = NULL;
  g_autofree char *base_id = NULL;
  char *id;

  if (name == NULL)
    name = json_object_get_string_member (object, "id");
  /* Translators: a principle changed in two places; %s is its name */
  marked = g_strdup_printf (_("%s (conflict)"), name);
  /* Not the id of one in the catalog, in the file or merged just now. */
  base_id = sb_catalog_make_id (catalog, marked);
  id = g_strdup (base_id);
  for (guint n = 2; g_hash_table_contains (taken, id) || sb_catalog_lookup (catalog, id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base_id, n);
    }
  g_hash_table_add (taken, id);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", marked);
  return copy;
}

/* Merges the user's principles of the file (@theirs) into the catalog,
 * three ways against @base (id to JSON text; %NULL: two ways, nothing
 * counts as deleted), the way stories merge: what only they
 * added, changed or deleted comes in; what only we did stays; a change
 * wins over a deletion; when both changed one, ours stays and theirs is
 * added beside it as "… (conflict)" (for the wording of a built-in one,
 * ours stays alone). A built-in principle is never removed: its wording
 * is what is merged. Stories filed under a deleted
 * principle keep its id.
 */
static void
merge_principles_from (SbStore    *self,
                       GHashTable *base,
                       JsonArray  *theirs_array)
{
  g_autoptr(GHashTable) theirs = principles_by_id (theirs_array);
  g_autoptr(GHashTable) ours = catalog_principles_by_id (self->catalog);
  g_autoptr(JsonArray) incoming = json_array_new ();
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id, text;

  g_hash_table_iter_init (&iter, theirs);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (taken, g_strdup (id));

  for (guint i = 0; theirs_array != NULL && i < json_array_get_length (theirs_array); i++)
    {
      JsonNode *node = json_array_get_element (theirs_array, i);
      const char *their_id, *ours_text, *base_text;
      SbPrinciple *existing;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      their_id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
      if (their_id == NULL)
        continue;

      ours_text = g_hash_table_lookup (ours, their_id);
      base_text = base ? g_hash_table_lookup (base, their_id) : NULL;
      text = g_hash_table_lookup (theirs, their_id);

      if (g_strcmp0 (ours_text, text) == 0 || g_strcmp0 (base_text, text) == 0)
        continue;  /* the same, or only we changed (or deleted) it */

      existing = sb_catalog_lookup (self->catalog, their_id);
      if (ours_text != NULL && g_strcmp0 (ours_text, base_text) != 0)
        {
          /* Both changed it, or both added one with this id: ours stays.
           * Theirs goes beside it, unless it is the wording of a built-in
           * principle, which has no place for a second one.
           */
          if (existing == NULL || !sb_principle_get_builtin (existing))
            json_array_add_element (incoming, conflict_copy (self->catalog, taken, node));
          continue;
        }

      /* Only they changed or added it (a change wins over our deletion). */
      if (existing != NULL && sb_principle_get_builtin (existing))
        sb_principle_reset_user_wording (existing);
      json_array_add_element (incoming, json_node_copy (node));
    }

  if (json_array_get_length (incoming) > 0 &&
      !sb_catalog_load_user_json (self->catalog, incoming, &error))
    g_message ("Principles merged from %s: %s", self->path, error->message);

  /* Deleted there and untouched here: deleted (a built-in principle loses
   * the user's wording).
   */
  g_hash_table_iter_init (&iter, ours);
  while (g_hash_table_iter_next (&iter, &id, &text))
    {
      SbPrinciple *principle = sb_catalog_lookup (self->catalog, id);

      if (principle == NULL || g_hash_table_contains (theirs, id) || base == NULL ||
          g_strcmp0 (text, g_hash_table_lookup (base, id)) != 0)
        continue;
      if (sb_principle_get_builtin (principle))
        sb_principle_reset_user_wording (principle);
      else
        sb_catalog_remove_principle (self->catalog, principle);
    }
}

/* The same against the principles as we last read or wrote them, which
 * @theirs then becomes. Returns whether the catalog now differs from the
 * file.
 */
static gboolean
merge_principles (SbStore   *self,
                  JsonArray *theirs_array)
{
  g_autoptr(GHashTable) ours = NULL;
  GHashTableIter iter;
  gpointer id, text;

  merge_principles_from (self, self->base_principles, theirs_array);
  sb_store_set_base_principles (self, principles_by_id (theirs_array));

  /* Whether a save has something to add to the file. */
  ours = catalog_principles_by_id (self->catalog);
  if (g_hash_table_size (ours) != g_hash_table_size (self->base_principles))
    return TRUE;
  g_hash_table_iter_init (&iter, ours);
  while (g_hash_table_iter_next (&iter, &id, &text))
    if (g_strcmp0 (text, g_hash_table_lookup (self->base_principles, id)) != 0)
      return TRUE;
  return FALSE;
}

/* A save killed half-way (power cut, SIGKILL) leaves its temporary file;
 * the next load removes those, in the data file's folder and in backups/
 * (see sb_io_remove_stale_temps() for how a live writer's file is kept).
 */
static void
remove_stale_temps (const char *path)
{
  g_autofree char *real = dup_real_path (path);
  g_autofree char *folder = g_path_get_dirname (real);
  g_autofree char *basename = g_path_get_basename (real);
  g_autofree char *backups = backups_dir (path);

  sb_io_remove_stale_temps (folder, basename);
  sb_io_remove_stale_temps (backups, "stories-");
}

/* What reading the data file found: made on any thread, applied to the
 * store on the main thread.
 */
typedef struct
{
  char        *path;
  char        *cache_path;
  gboolean     missing;       /* no data file: an empty library */
  GError      *read_error;    /* could not read it */
  GError      *parse_error;   /* read, but damaged */
  gboolean     from_cache;
  gboolean     stamped;       /* @stamp describes the bytes read */
  SbFileStamp  stamp;
  GPtrArray   *stories;
  GPtrArray   *base;          /* @stories' data, as read */
  SbLibrary   *library;       /* when not %NULL, holding @stories already */
  JsonArray   *principles;
  gint64       version;
  char       **extra_keys;
  char       **extra_values;
  char        *checksum;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_free (result->path);
  g_free (result->cache_path);
  g_clear_error (&result->read_error);
  g_clear_error (&result->parse_error);
  g_clear_pointer (&result->stories, g_ptr_array_unref);
  g_clear_pointer (&result->base, g_ptr_array_unref);
  g_clear_object (&result->library);
  g_clear_pointer (&result->principles, json_array_unref);
  g_strfreev (result->extra_keys);
  g_strfreev (result->extra_values);
  g_free (result->checksum);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/* What the library will hold once @result is applied, taken where the
 * stories were made: in a large library, touching each one again on the
 * main thread would hold back the window's first frame.
 */
static LoadResult *
load_take_base (LoadResult *result)
{
  result->base = g_ptr_array_new_full (result->stories->len, (GDestroyNotify) sb_story_data_unref);
  for (guint i = 0; i < result->stories->len; i++)
    g_ptr_array_add (result->base, sb_story_snapshot (g_ptr_array_index (result->stories, i)));

  return result;
}

/* Puts @result's stories into @library, and takes the saved state again
 * when they did not go in as read: two stories with one id come out of
 * the splice as one, or as two with new ids.
 */
static void
load_splice (LoadResult *result,
             SbLibrary  *library)
{
  if (!sb_library_splice (library, result->stories))
    {
      g_ptr_array_unref (result->base);
      result->base = sb_library_dup_snapshot (library);
    }
}

typedef struct
{
  const char *contents;
  gsize       length;
} ChecksumJob;

static gpointer
checksum_thread (gpointer data)
{
  ChecksumJob *job = data;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) job->contents, job->length);
}

/* Reads @path, from its cache when that provably matches it. Touches no
 * store: safe on any thread.
 */
static LoadResult *
load_read (const char *path,
           const char *cache_path)
{
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  SbFileStamp before, after;
  gboolean have_before;
  gsize length = 0;

  result->path = g_strdup (path);
  result->cache_path = g_strdup (cache_path);

  have_before = sb_file_stamp_get (path, &before, NULL);
  if (have_before && cache_path != NULL &&
      sb_store_cache_read (cache_path, &before, &result->stories, &result->principles,
                           &result->extra_keys, &result->extra_values, &result->checksum))
    {
      result->from_cache = TRUE;
      result->stamped = TRUE;
      result->stamp = before;
      result->version = SB_STORE_FORMAT_VERSION;
      return load_take_base (result);
    }

  if (!sb_io_read_file (path, SB_STORE_MAX_FILE_SIZE, &contents, &length, &local_error))
    {
      g_autofree char *real = NULL;

      /* A link to nothing (the sync folder not mounted) is not a new,
       * empty library: saving one would write over the stories there.
       */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
          (real = sb_io_resolve_link (path, NULL)) != NULL)
        result->missing = TRUE;
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        sb_io_resolve_link (path, &result->read_error);
      else
        result->read_error = g_steal_pointer (&local_error);
      return result;
    }

  /* Unchanged while we read it: the cache written from it may say so. */
  if (have_before && sb_file_stamp_get (path, &after, NULL) && sb_file_stamp_equal (&before, &after))
    {
      result->stamped = TRUE;
      result->stamp = after;
    }

  /* The checksum on a thread of its own while the text is parsed: both
   * grow with the file, and neither needs the other.
   */
  {
    ChecksumJob job = { contents, length };
    GThread *thread = g_thread_new ("sb-store-checksum", checksum_thread, &job);
    gboolean parsed = sb_store_parse (contents, length, &result->stories, &result->principles, &result->version,
                                      &result->extra_keys, &result->extra_values, &result->parse_error);

    g_autofree char *checksum = g_thread_join (thread);

    if (!parsed)
      return result;
    result->checksum = g_steal_pointer (&checksum);
  }

  return load_take_base (result);
}

typedef struct
{
  char        *cache_path;
  SbFileStamp  stamp;
  char        *checksum;
  char        *principles;
  char       **extra_keys;
  char       **extra_values;
  GPtrArray   *snapshot;
} CacheJob;

static void
cache_job_free (CacheJob *job)
{
  g_free (job->cache_path);
  g_free (job->checksum);
  g_free (job->principles);
  g_strfreev (job->extra_keys);
  g_strfreev (job->extra_values);
  g_clear_pointer (&job->snapshot, g_ptr_array_unref);
  g_free (job);
}

static void
cache_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CacheJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!sb_store_cache_write (job->cache_path, &job->stamp, job->checksum, job->principles,
                             job->extra_keys, job->extra_values, job->snapshot, &error))
    g_debug ("Cache not written: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* After a load that had to parse the JSON: writes the cache on a worker,
 * so that the next start need not.
 */
static void
sb_store_write_cache_later (SbStore           *self,
                            const SbFileStamp *stamp)
{
  g_autoptr(GTask) task = NULL;
  CacheJob *job;

  if (self->cache_path == NULL || self->base == NULL)
    return;

  job = g_new0 (CacheJob, 1);
  job->cache_path = g_strdup (self->cache_path);
  job->stamp = *stamp;
  job->checksum = g_strdup (self->disk_checksum);
  job->principles = sb_catalog_dup_user_json (self->catalog, 1);
  job->extra_keys = g_strdupv (self->extra_keys);
  job->extra_values = g_strdupv (self->extra_values);
  job->snapshot = g_ptr_array_ref (self->base);

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, sb_store_write_cache_later);
  g_task_set_task_data (task, job, (GDestroyNotify) cache_job_free);
  g_task_run_in_thread (task, cache_thread);
}

/* Puts what load_read() found into the store (main thread). */
static gboolean
load_apply (SbStore     *self,
            LoadResult  *result,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  remove_stale_temps (self->path);

  if (result->missing)
    {
      sb_store_set_base (self, NULL, NULL);
      return TRUE;
    }

  if (result->read_error != NULL)
    {
      /* We could not read it, so we must not write over it. */
      self->read_only = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
      g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                   _("Your stories could not be read, so Storybank will not save over them: %s"),
                   result->read_error->message);
      sb_store_set_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (result->parse_error != NULL)
    {
      g_autoptr(GError) rename_error = NULL;
      g_autofree char *aside = set_aside (self, &rename_error);
      g_autoptr(GError) report = NULL;

      if (aside == NULL)
        {
          self->read_only = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
          report = g_error_new (SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                                _("Your stories file is damaged (%s) and could not be set aside (%s). Storybank will not save over it."),
                                result->parse_error->message, rename_error->message);
        }
      else
        {
          g_autofree char *basename = g_path_get_basename (aside);

          g_message ("%s could not be read: %s", self->path, result->parse_error->message);
          report = g_error_new (SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                                _("Your stories file is damaged and could not be opened. It was kept as “%s”, untouched: restore a backup to get your stories back."),
                                basename);
        }

      sb_store_set_error (self, report);
      g_propagate_error (error, g_steal_pointer (&report));
      return FALSE;
    }

  self->loading = TRUE;
  if (result->principles != NULL)
    {
      sb_catalog_reset_user (self->catalog);
      if (!sb_catalog_load_user_json (self->catalog, result->principles, &local_error))
        {
          g_message ("Principles: %s", local_error->message);
          g_clear_error (&local_error);
        }
    }
  if (result->library != self->library)
    load_splice (result, self->library);
  self->loading = FALSE;

  sb_store_set_base (self, result->base, result->checksum);
  sb_store_set_base_principles (self, principles_by_id (result->principles));
  self->disk_stamped = result->stamped;
  self->disk_stamp = result->stamp;

  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);
  self->extra_keys = g_steal_pointer (&result->extra_keys);
  self->extra_values = g_steal_pointer (&result->extra_values);
  g_free (self->saved_by);
  self->saved_by = dup_saved_by (self->extra_keys, self->extra_values);

  if (result->version > SB_STORE_FORMAT_VERSION)
    {
      g_autofree char *format = g_strdup_printf ("%" G_GINT64_FORMAT, result->version);

      self->read_only = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
      g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
                   /* Translators: %s is the file's format version number */
                   _("Your stories were saved by a newer version of Storybank (format %s). They are open read-only so nothing is lost; update Storybank to edit them."),
                   format);
      sb_store_set_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!result->from_cache && result->stamped && result->version == SB_STORE_FORMAT_VERSION)
    sb_store_write_cache_later (self, &result->stamp);

  return TRUE;
}

/**
 * sb_store_load:
 *
 * Reads the data file into the library and the catalog. A missing file is
 * an empty library. An unreadable one is set aside (renamed to
 * `stories.json.corrupt-<timestamp>`) and reported; one from a newer
 * version is loaded read-only and never overwritten. The library keeps
 * what it had when the load fails.
 *
 * When the binary cache (sb-store-cache.c) provably matches the data file,
 * it is read instead of the JSON.
 */
gboolean
sb_store_load (SbStore  *self,
               GError  **error)
{
  g_autoptr(LoadResult) result = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  result = load_read (self->path, self->cache_path);
  return load_apply (self, result, error);
}

struct _SbStorePreload
{
  char       *path;
  char       *cache_path;
  GThread    *thread;
  LoadResult *result;
  SbCatalog  *catalog;
};

static gpointer
preload_thread (gpointer data)
{
  SbStorePreload *preload = data;
  LoadResult *result = load_read (preload->path, preload->cache_path);

  /* The library too, while the stories are at hand: taking each one in
   * on the main thread would hold back the window's first frame.
   */
  if (result->stories != NULL && result->read_error == NULL && result->parse_error == NULL)
    {
      result->library = sb_library_new ();
      load_splice (result, result->library);
      /* The sidebar's counts, too. */
      sb_library_count_principles (result->library);
    }

  /* Nothing else has it until the thread is joined. */
  preload->catalog = sb_catalog_new ();

  return result;
}

/**
 * sb_store_preload_start:
 * @path: (nullable): the data file, or %NULL for the default
 *
 * Starts reading the data file (and building its stories) on a thread of
 * its own, so that it happens while the rest of the program starts, and
 * building a catalog of the built-in principles there too. Hand the
 * result to sb_store_load_preloaded(), after sb_store_preload_take_catalog()
 * if the store is to use that catalog.
 */
SbStorePreload *
sb_store_preload_start (const char *path)
{
  SbStorePreload *preload = g_new0 (SbStorePreload, 1);

  preload->path = path ? g_strdup (path) : sb_store_dup_default_path ();
  preload->cache_path = sb_store_cache_dup_path (preload->path);
  preload->thread = g_thread_new ("sb-store-preload", preload_thread, preload);

  return preload;
}

static void
preload_join (SbStorePreload *preload)
{
  if (preload->thread != NULL)
    {
      preload->result = g_thread_join (preload->thread);
      preload->thread = NULL;
    }
}

static LoadResult *
preload_take_result (SbStorePreload *preload)
{
  preload_join (preload);
  return g_steal_pointer (&preload->result);
}

/**
 * sb_store_preload_take_library:
 *
 * Waits for @preload and gives the library it filled, for the store that
 * sb_store_load_preloaded() then loads @preload into.
 *
 * Returns: (transfer full) (nullable): the library, or %NULL when the
 *   thread read no stories
 */
SbLibrary *
sb_store_preload_take_library (SbStorePreload *preload)
{
  g_return_val_if_fail (preload != NULL, NULL);

  preload_join (preload);
  if (preload->result == NULL || preload->result->library == NULL)
    return NULL;
  return g_object_ref (preload->result->library);
}

/**
 * sb_store_preload_take_catalog:
 *
 * Waits for @preload and takes the catalog it built.
 *
 * Returns: (transfer full) (nullable): the catalog, %NULL once taken
 */
SbCatalog *
sb_store_preload_take_catalog (SbStorePreload *preload)
{
  g_return_val_if_fail (preload != NULL, NULL);

  preload_join (preload);
  return g_steal_pointer (&preload->catalog);
}

void
sb_store_preload_free (SbStorePreload *preload)
{
  g_autoptr(LoadResult) result = NULL;

  if (preload == NULL)
    return;

  result = preload_take_result (preload);
  g_clear_object (&preload->catalog);
  g_free (preload->path);
  g_free (preload->cache_path);
  g_free (preload);
}

/**
 * sb_store_load_preloaded:
 * @preload: from sb_store_preload_start()
 *
 * Like sb_store_load(), with what @preload read: waits for it, and reads
 * again here when it was for another file or the file has changed since.
 */
gboolean
sb_store_load_preloaded (SbStore         *self,
                         SbStorePreload  *preload,
                         GError         **error)
{
  g_autoptr(LoadResult) result = NULL;
  SbFileStamp now;
  gboolean exists;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (preload != NULL, FALSE);

  result = preload_take_result (preload);
  exists = sb_file_stamp_get (self->path, &now, NULL);

  if (result == NULL ||
      g_strcmp0 (result->path, self->path) != 0 ||
      g_strcmp0 (result->cache_path, self->cache_path) != 0 ||
      (result->missing && exists) ||
      (!result->missing && (!result->stamped || !exists || !sb_file_stamp_equal (&result->stamp, &now))))
    {
      g_clear_pointer (&result, load_result_free);
      result = load_read (self->path, self->cache_path);
    }

  return load_apply (self, result, error);
}

/* @stamp: whether the file will say this computer saved it (a save), or
 * keeps what it said (the JSON export)
 */
static SaveJob *
sb_store_take_snapshot (SbStore  *self,
                        gboolean  stamp)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->path = g_strdup (self->path);
  job->cache_path = g_strdup (self->cache_path);
  job->stories = sb_library_dup_snapshot (self->library);
  job->principles = sb_catalog_dup_user_json (self->catalog, 1);
  if (stamp)
    set_saved_by (self->extra_keys, self->extra_values, &job->extra_keys, &job->extra_values);
  else
    {
      job->extra_keys = g_strdupv (self->extra_keys);
      job->extra_values = g_strdupv (self->extra_values);
    }
  job->generation = self->generation;
  job->expected = g_strdup (self->disk_checksum);
  job->backup = !self->backed_up;

  return job;
}

static GString *
save_job_serialize (SaveJob *job)
{
  GString *out = g_string_sized_new (1024 + job->stories->len * 1536);

  sb_export_write_data_file (out, job->stories, job->principles,
                             (const char * const *) job->extra_keys,
                             (const char * const *) job->extra_values);
  return out;
}

static char *
backups_dir (const char *path)
{
  g_autofree char *real = dup_real_path (path);
  g_autofree char *folder = g_path_get_dirname (real);

  return g_build_filename (folder, "backups", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_backups (const char *path)
{
  g_autofree char *folder = backups_dir (path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return names;

  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "stories-") && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_build_filename (folder, name, NULL));

  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Copies the data file as it was before this run's first save into
 * backups/, with the same atomic write and mode, and keeps the newest
 * SB_STORE_N_BACKUPS.
 */
static gboolean
write_backup (const char  *path,
              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *folder = backups_dir (path);
  g_autofree char *stamp = dup_timestamp ();
  g_autofree char *target = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!sb_io_read_file (path, SB_STORE_MAX_FILE_SIZE, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!sb_io_mkdir (folder, error))
    return FALSE;

  /* Named so that sorting the names sorts them by age. */
  target = g_strdup_printf ("%s/stories-%s.json", folder, stamp);
  for (guint i = 1; g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s/stories-%s.%02u.json", folder, stamp, i);
    }

  if (!sb_io_write_file_atomic (target, contents, length, error))
    return FALSE;

  names = list_backups (path);
  for (guint i = 0; i + SB_STORE_N_BACKUPS < names->len; i++)
    sb_io_unlink (g_ptr_array_index (names, i), NULL);

  return TRUE;
}

/* Whether @path still holds the bytes whose checksum is @expected. A file
 * that is gone or cannot be read counts as unchanged: there is nothing in
 * it to keep, and writing it is what the save would do anyway.
 */
static gboolean
file_is_unchanged (const char *path,
                   const char *expected)
{
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return TRUE;

  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  return g_strcmp0 (checksum, expected) == 0;
}

static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  g_autofree char *real = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GString) out = NULL;

  /* A data file linked into a sync tool's folder: write what the link
   * points to, so the link stays; a link to nothing writes nothing.
   */
  if (!(real = sb_io_resolve_link (job->path, error)))
    return FALSE;

  folder = g_path_get_dirname (real);
  if (!sb_io_mkdir (folder, error))
    return FALSE;

  /* Never write over what another program (a sync tool, a second
   * computer) put there since we last read or wrote the file: the main
   * thread merges it in first, then saves again.
   */
  if (job->expected != NULL && !file_is_unchanged (real, job->expected))
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_CHANGED,
                           _("Your stories file was changed by another program"));
      return FALSE;
    }

  if (job->backup)
    {
      if (!write_backup (real, error))
        return FALSE;
      /* Made once a run, even if writing the file itself fails next. */
      job->backup_done = TRUE;
    }

  out = save_job_serialize (job);
  if (!sb_io_write_file_atomic (real, out->str, out->len, error))
    return FALSE;

  job->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) out->str, out->len);

  /* The cache of what was just written; a failure only costs the next
   * start a parse. A file that is not the size we wrote was changed by
   * someone else already: no cache for it.
   */
  job->stamped = sb_file_stamp_get (real, &job->stamp, NULL) && job->stamp.size == out->len;
  if (job->cache_path != NULL)
    {
      g_autoptr(GError) cache_error = NULL;
      SbFileStamp stamp = job->stamp;

      if (!job->stamped)
        g_debug ("Cache not written: %s changed", job->path);
      else if (!sb_store_cache_write (job->cache_path, &stamp, job->checksum, job->principles,
                                      job->extra_keys, job->extra_values, job->stories, &cache_error))
        g_debug ("Cache not written: %s", cache_error->message);
    }

  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (!save_job_run (job, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
sb_store_save_done (SbStore  *self,
                    SaveJob  *job,
                    GError   *error)
{
  gboolean was_dirty = sb_store_get_dirty (self);

  self->saving = FALSE;

  if (job->backup_done)
    self->backed_up = TRUE;

  if (error != NULL)
    {
      g_autoptr(GError) report = g_error_new (SB_STORE_ERROR, SB_STORE_ERROR_IO,
                                              _("Your changes could not be saved: %s"),
                                              error->message);
      sb_store_set_error (self, report);
      return;
    }

  self->backed_up = TRUE;
  self->saved_generation = job->generation;
  sb_store_set_base (self, job->stories, job->checksum);
  self->disk_stamped = job->stamped;
  self->disk_stamp = job->stamp;
  sb_store_set_base_principles (self, principles_by_id_from_text (job->principles));
  /* The keys as the file now has them: saved by this computer. */
  g_strfreev (self->extra_keys);
  g_strfreev (self->extra_values);
  self->extra_keys = g_strdupv (job->extra_keys);
  self->extra_values = g_strdupv (job->extra_values);
  g_free (self->saved_by);
  self->saved_by = dup_saved_by (self->extra_keys, self->extra_values);
  if (!sb_store_get_dirty (self))
    self->first_unsaved = 0;
  sb_store_set_error (self, NULL);

  if (was_dirty != sb_store_get_dirty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/* Merges the file's outside changes into the library, telling the window
 * what came in.
 */
static gboolean
merge_and_report (SbStore  *self,
                  GError  **error)
{
  SbMergeReport report = { 0, };

  if (!sb_store_merge_from_disk (self, &report, error))
    return FALSE;

  if (!sb_merge_report_is_empty (&report))
    g_signal_emit (self, signals[MERGED], 0, &report);
  return TRUE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SbStore *self = SB_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GTask *inner = G_TASK (result);
  SaveJob *job = g_task_get_task_data (inner);

  if (!g_task_propagate_boolean (inner, &error))
    {
      if (g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_CHANGED))
        {
          /* Take their changes in, then write everything. */
          self->saving = FALSE;
          self->save_again = FALSE;
          g_clear_error (&error);
          if (merge_and_report (self, &error))
            {
              sb_store_save_async (self, NULL, NULL, NULL);
              g_task_return_boolean (task, TRUE);
              return;
            }
        }

      sb_store_save_done (self, job, error);
      self->save_again = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sb_store_save_done (self, job, NULL);
  g_task_return_boolean (task, TRUE);

  /* Changes came in while we wrote: write them too. */
  if (self->save_again)
    {
      self->save_again = FALSE;
      if (sb_store_get_dirty (self))
        sb_store_save_async (self, NULL, NULL, NULL);
    }
}

/**
 * sb_store_save_async:
 *
 * Saves now: takes a snapshot on this thread (one reference per story),
 * serialises and writes it atomically on a worker thread. A save asked for
 * while one runs follows it.
 */
void
sb_store_save_async (SbStore             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (SB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_store_save_async);

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (self->read_only)
    {
      g_task_return_new_error (task, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                               _("Your stories are open read-only"));
      return;
    }

  if (self->saving)
    {
      self->save_again = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->saving = TRUE;
  inner = g_task_new (self, NULL, save_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, sb_store_save_async);
  g_task_set_task_data (inner, sb_store_take_snapshot (self, TRUE), (GDestroyNotify) save_job_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
sb_store_save_finish (SbStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sb_store_save:
 *
 * Saves now, on this thread, after any save under way has finished.
 */
gboolean
sb_store_save (SbStore  *self,
               GError  **error)
{
  g_autoptr(SaveJob) job = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (self->read_only)
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                           _("Your stories are open read-only"));
      return FALSE;
    }

  while (self->saving)
    g_main_context_iteration (NULL, TRUE);
  self->save_again = FALSE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);

  job = sb_store_take_snapshot (self, TRUE);
  self->saving = TRUE;
  if (!save_job_run (job, &local_error) &&
      g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_CHANGED))
    {
      /* Take their changes in, then write everything. */
      self->saving = FALSE;
      g_clear_error (&local_error);
      if (merge_and_report (self, &local_error))
        {
          g_clear_pointer (&job, save_job_free);
          job = sb_store_take_snapshot (self, TRUE);
          self->saving = TRUE;
          save_job_run (job, &local_error);
        }
    }
  if (local_error != NULL)
    {
      sb_store_save_done (self, job, local_error);
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  sb_store_save_done (self, job, NULL);
  return TRUE;
}

/**
 * sb_store_flush:
 *
 * Writes whatever is not yet on disk (on quit).
 */
gboolean
sb_store_flush (SbStore  *self,
                GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  while (self->saving)
    g_main_context_iteration (NULL, TRUE);

  if (!sb_store_get_dirty (self) || self->read_only)
    return TRUE;

  return sb_store_save (self, error);
}

/**
 * sb_store_serialize:
 *
 * Returns: the data file's text for the library as it is now (the JSON
 * export).
 */
char *
sb_store_serialize (SbStore *self)
{
  g_autoptr(SaveJob) job = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  job = sb_store_take_snapshot (self, FALSE);
  return g_string_free (save_job_serialize (job), FALSE);
}

/**
 * sb_store_get_extra:
 * @keys: (out) (transfer none) (nullable): the data file's top-level keys
 *   this version does not know
 * @values: (out) (transfer none) (nullable): their values, as JSON
 *
 * What a JSON export of the whole library keeps of the data file beyond
 * its stories and principles (see #SbExportSelection).
 */
void
sb_store_get_extra (SbStore             *self,
                    const char * const **keys,
                    const char * const **values)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_return_if_fail (keys != NULL && values != NULL);

  *keys = (const char * const *) self->extra_keys;
  *values = (const char * const *) self->extra_values;
}

/**
 * sb_store_list_backups:
 *
 * Returns: (transfer container) (element-type utf8): the backups' paths,
 * oldest first
 */
GPtrArray *
sb_store_list_backups (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return list_backups (self->path);
}

/* Makes the library hold @merged, story by story, so that a window keeps
 * its selection and scroll position: removals, replacements in place, then
 * insertions where the merge put them.
 */
static void
apply_merge (SbLibrary *library,
             GPtrArray *merged)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) current = sb_library_dup_stories_for_principle (library, NULL);

  for (guint i = 0; i < merged->len; i++)
    {
      SbStory *story = g_ptr_array_index (merged, i);
      g_hash_table_insert (wanted, (gpointer) sb_story_get_id (story), story);
    }

  for (guint i = 0; i < current->len; i++)
    {
      SbStory *story = g_ptr_array_index (current, i);
      SbStory *replacement = g_hash_table_lookup (wanted, sb_story_get_id (story));

      if (replacement == NULL)
        sb_library_remove (library, story, NULL);
      else if (replacement != story)
        sb_library_replace (library, story, replacement);
    }

  for (guint i = 0; i < merged->len; i++)
    {
      SbStory *story = g_ptr_array_index (merged, i);

      if (sb_library_find (library, sb_story_get_id (story)) == NULL)
        sb_library_insert (library, i, story);
    }
}

static gboolean
same_stories (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!sb_story_content_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/**
 * sb_store_merge_from_disk:
 * @report: (out caller-allocates) (optional): what the merge did
 *
 * Reads the data file and, when it is not what we last read or wrote
 * (our own saves are told apart by a checksum of their bytes), merges it
 * three ways into the library: the base is the last state we read or
 * wrote, ours the library, theirs the file (see sb_merge_three_way()).
 * Changes reach the library as single inserts, removals and replacements,
 * so views update; a save follows when the result differs from the file.
 * The user's own principles are merged the same way (see
 * merge_principles()); unknown top-level keys stay ours.
 *
 * A file that cannot be read or parsed leaves the library as it is and
 * returns %FALSE (a sync tool may be half-way through writing it). A file
 * from a newer version makes the store read-only, as at load.
 *
 * Returns: %TRUE when the library is up to date with the file
 */
gboolean
sb_store_merge_from_disk (SbStore        *self,
                          SbMergeReport  *report,
                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(GPtrArray) snapshot = NULL;
  g_autoptr(JsonArray) their_principles = NULL;
  g_auto(GStrv) their_keys = NULL;
  g_auto(GStrv) their_values = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  SbMergeReport counts = { 0, };
  gboolean principles_differ;
  gsize length = 0;
  gint64 version = 0;
  gboolean was_dirty;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (report != NULL)
    *report = counts;

  if (self->read_only)
    return TRUE;

  /* The file a save is writing is ours: wait for it. */
  while (self->saving)
    g_main_context_iteration (NULL, TRUE);

  /* Not touched since we read or wrote it (our own write's event). */
  {
    SbFileStamp now;

    if (self->disk_stamped && sb_file_stamp_get (self->path, &now, NULL) &&
        sb_file_stamp_equal (&now, &self->disk_stamp))
      return TRUE;
  }

  if (!sb_io_read_file (self->path, SB_STORE_MAX_FILE_SIZE, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          /* Removed or moved away: never follow that by emptying the
           * library; write it back instead.
           */
          if (g_list_model_get_n_items (G_LIST_MODEL (self->library)) > 0)
            {
              changed_cb (self);
              return TRUE;
            }
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  if (g_strcmp0 (checksum, self->disk_checksum) == 0)
    return TRUE;

  if (!sb_store_parse (contents, length, &theirs, &their_principles, &version,
                       &their_keys, &their_values, error))
    return FALSE;

  g_free (self->saved_by);
  self->saved_by = dup_saved_by (their_keys, their_values);

  if (version > SB_STORE_FORMAT_VERSION)
    {
      g_autofree char *format = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      self->read_only = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
      g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
                   /* Translators: %s is the file's format version number */
                   _("Your stories were saved by a newer version of Storybank (format %s). Storybank will not save over them; update it to edit them."),
                   format);
      sb_store_set_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  base = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; self->base != NULL && i < self->base->len; i++)
    g_ptr_array_add (base, sb_story_new_from_data (g_ptr_array_index (self->base, i)));
  ours = sb_library_dup_stories_for_principle (self->library, NULL);
  merged = sb_merge_three_way (base, ours, theirs, &counts);

  /* The file is the new common ground. */
  snapshot = g_ptr_array_new_full (theirs->len, (GDestroyNotify) sb_story_data_unref);
  for (guint i = 0; i < theirs->len; i++)
    g_ptr_array_add (snapshot, sb_story_snapshot (g_ptr_array_index (theirs, i)));
  sb_store_set_base (self, snapshot, checksum);

  was_dirty = sb_store_get_dirty (self);
  self->loading = TRUE;
  principles_differ = merge_principles (self, their_principles);
  apply_merge (self->library, merged);
  self->loading = FALSE;

  /* Write what the file lacks: our edits, conflict copies, principles. */
  if (was_dirty || principles_differ || !same_stories (merged, theirs))
    {
      self->generation++;
      if (!was_dirty)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
      sb_store_schedule_autosave (self);
    }

  g_debug ("Merged %s: %u added, %u updated, %u deleted, %u conflicts",
           self->path, counts.added, counts.updated, counts.deleted, counts.conflicts);

  if (report != NULL)
    *report = counts;
  return TRUE;
}


/* Conflict copies: the other computer's version, kept by a sync tool. */

static void
set_unreadable_copies (SbStore *self,
                       char   **names)
{
  gboolean none_before = self->unreadable_copies == NULL || self->unreadable_copies[0] == NULL;

  if ((none_before && names[0] == NULL) ||
      (!none_before && g_strv_equal ((const char * const *) self->unreadable_copies,
                                     (const char * const *) names)))
    {
      g_strfreev (names);
      return;
    }

  g_strfreev (self->unreadable_copies);
  self->unreadable_copies = names;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREADABLE_COPIES]);
}

/* The newest backup made before @copy was last written: what both
 * computers most likely had before they went apart. %NULL when there is
 * none or it cannot be read: the merge is then two-way.
 */
static GPtrArray *
read_base_for_copy (SbStore     *self,
                    const char  *copy,
                    JsonArray  **principles)
{
  g_autoptr(GPtrArray) backups = list_backups (self->path);
  g_autofree char *folder = backups_dir (self->path);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *key = NULL;
  GStatBuf st;

  *principles = NULL;
  if (g_stat (copy, &st) != 0)
    return NULL;

  /* Backups are named by local time, so that names sort by age. */
  when = g_date_time_new_from_unix_local (st.st_mtime);
  stamp = g_date_time_format (when, "%Y%m%d-%H%M%S-999999");
  key = g_strdup_printf ("%s/stories-%s", folder, stamp);

  for (guint i = backups->len; i > 0; i--)
    {
      const char *backup = g_ptr_array_index (backups, i - 1);
      g_autofree char *contents = NULL;
      GPtrArray *stories = NULL;
      gint64 version = 0;
      gsize length;

      if (strcmp (backup, key) > 0)
        continue;

      if (sb_io_read_file (backup, SB_STORE_MAX_FILE_SIZE, &contents, &length, NULL) &&
          sb_store_parse (contents, length, &stories, principles, &version, NULL, NULL, NULL))
        {
          g_debug ("Merging %s against %s", copy, backup);
          return stories;
        }
      return NULL;
    }

  return NULL;
}

/* Merges one conflict copy into the library. */
static gboolean
merge_copy (SbStore        *self,
            const char     *copy,
            SbMergeReport  *report,
            char          **host,
            GError        **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(JsonArray) their_principles = NULL;
  g_autoptr(JsonArray) base_principles = NULL;
  g_autoptr(GHashTable) base_by_id = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) values = NULL;
  gint64 version = 0;
  gsize length;

  if (!sb_io_read_file (copy, SB_STORE_MAX_FILE_SIZE, &contents, &length, error) ||
      !sb_store_parse (contents, length, &theirs, &their_principles, &version, &keys, &values, error))
    return FALSE;

  if (version > SB_STORE_FORMAT_VERSION)
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
                           _("It was saved by a newer version of Storybank"));
      return FALSE;
    }

  *host = dup_saved_by (keys, values);
  base = read_base_for_copy (self, copy, &base_principles);
  if (base_principles != NULL)
    base_by_id = principles_by_id (base_principles);

  ours = sb_library_dup_stories_for_principle (self->library, NULL);
  merged = sb_merge_three_way (base, ours, theirs, report);

  self->loading = TRUE;
  merge_principles_from (self, base_by_id, their_principles);
  apply_merge (self->library, merged);
  self->loading = FALSE;

  g_debug ("Merged %s: %u added, %u updated, %u deleted, %u conflicts",
           copy, report->added, report->updated, report->deleted, report->conflicts);
  return TRUE;
}

static void
story_data_unref0 (gpointer data)
{
  if (data != NULL)
    sb_story_data_unref (data);
}

/* Keeps what the merge of copies changed, for sb_store_undo_copies_merge(). */
static void
record_copy_undo (SbStore    *self,
                  GHashTable *before)
{
  g_autoptr(GPtrArray) now = sb_library_dup_stories_for_principle (self->library, NULL);
  g_autoptr(GHashTable) now_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *undo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, story_data_unref0);
  GHashTableIter iter;
  gpointer id, story;

  for (guint i = 0; i < now->len; i++)
    {
      SbStory *after = g_ptr_array_index (now, i);
      SbStory *was = g_hash_table_lookup (before, sb_story_get_id (after));

      g_hash_table_add (now_ids, (gpointer) sb_story_get_id (after));
      if (was != after)
        g_hash_table_insert (undo, g_strdup (sb_story_get_id (after)), was ? sb_story_snapshot (was) : NULL);
    }

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &id, &story))
    if (!g_hash_table_contains (now_ids, id))
      g_hash_table_insert (undo, g_strdup (id), sb_story_snapshot (story));

  g_clear_pointer (&self->copy_undo, g_hash_table_unref);
  self->copy_undo = undo;
}

/* Moves a merged copy into backups/ as merged-<timestamp>-<its name>: it is
 * never merged twice, never deleted, and never taken for a backup.
 */
static gboolean
put_copy_away (SbStore     *self,
               const char  *copy,
               GError     **error)
{
  g_autofree char *folder = backups_dir (self->path);
  g_autofree char *name = g_path_get_basename (copy);
  g_autofree char *stamp = dup_timestamp ();
  g_autofree char *target = NULL;

  if (!sb_io_mkdir (folder, error))
    return FALSE;

  target = g_strdup_printf ("%s/merged-%s-%s", folder, stamp, name);
  for (guint i = 2; g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s/merged-%s-%u-%s", folder, stamp, i, name);
    }

  return sb_io_rename (copy, target, error);
}

/**
 * sb_store_merge_conflict_copies:
 * @report: (out caller-allocates) (optional): what the merges did, summed
 * @host: (out) (optional) (nullable) (transfer full): the computer that
 *   saved a merged copy, when the copy says
 *
 * Looks beside the data file (where a link points) for the conflict copies
 * sync tools leave (see sb_sync_match_conflict_name()) and merges each
 * into the library with the merge used for the file itself: three ways
 * against the newest backup made before the copy was written, else two
 * ways, keeping both versions of a story edited on both sides. Then saves,
 * and moves each merged copy into backups/ (`merged-<timestamp>-<name>`),
 * so that it is never merged twice and never lost. A copy that cannot be
 * read is left where it is and named in #SbStore:unreadable-copies.
 *
 * Returns: %FALSE when the merged library could not be saved (the copies
 * then stay, and merge again next time)
 */
gboolean
sb_store_merge_conflict_copies (SbStore        *self,
                                SbMergeReport  *report,
                                char          **host,
                                GError        **error)
{
  g_autofree char *real = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) unreadable = g_strv_builder_new ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autofree char *first_host = NULL;
  SbMergeReport total = { 0, };
  gboolean was_dirty;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (report != NULL)
    *report = total;
  if (host != NULL)
    *host = NULL;

  if (self->read_only)
    return TRUE;

  while (self->saving)
    g_main_context_iteration (NULL, TRUE);

  real = dup_real_path (self->path);
  copies = sb_sync_list_conflict_copies (real);
  if (copies->len == 0)
    {
      set_unreadable_copies (self, g_strv_builder_end (unreadable));
      return TRUE;
    }

  stories = sb_library_dup_stories_for_principle (self->library, NULL);
  before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);

      if (!g_hash_table_contains (before, sb_story_get_id (story)))
        g_hash_table_insert (before, (gpointer) sb_story_get_id (story), g_object_ref (story));
    }

  for (guint i = 0; i < copies->len; i++)
    {
      const char *copy = g_ptr_array_index (copies, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *copy_host = NULL;
      SbMergeReport counts = { 0, };

      if (!merge_copy (self, copy, &counts, &copy_host, &local_error))
        {
          g_autofree char *name = g_path_get_basename (copy);

          g_message ("Conflict copy %s not merged: %s", copy, local_error->message);
          g_strv_builder_add (unreadable, name);
          continue;
        }

      g_ptr_array_add (merged, (gpointer) copy);
      total.added += counts.added;
      total.updated += counts.updated;
      total.deleted += counts.deleted;
      total.conflicts += counts.conflicts;
      if (first_host == NULL)
        first_host = g_steal_pointer (&copy_host);
    }

  set_unreadable_copies (self, g_strv_builder_end (unreadable));
  if (merged->len == 0)
    return TRUE;

  record_copy_undo (self, before);

  /* Written before the copies go: they are the only other place the
   * merged stories are until then.
   */
  was_dirty = sb_store_get_dirty (self);
  self->generation++;
  if (!was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  if (!sb_store_save (self, error))
    return FALSE;

  for (guint i = 0; i < merged->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!put_copy_away (self, g_ptr_array_index (merged, i), &local_error))
        g_warning ("Conflict copy merged but not moved: %s", local_error->message);
    }

  if (report != NULL)
    *report = total;
  if (host != NULL)
    *host = g_steal_pointer (&first_host);
  return TRUE;
}

/**
 * sb_store_undo_copies_merge:
 *
 * Takes back what the last sb_store_merge_conflict_copies() did to the
 * stories: the ones it added go, the ones it changed or removed come back
 * as they were; later edits of other stories stay. The copies stay in
 * backups/. Principles are not taken back.
 *
 * Returns: whether there was a merge to take back
 */
gboolean
sb_store_undo_copies_merge (SbStore *self)
{
  g_autoptr(GHashTable) undo = NULL;
  GHashTableIter iter;
  gpointer id, data;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (self->copy_undo == NULL || self->read_only)
    return FALSE;

  undo = g_steal_pointer (&self->copy_undo);
  g_hash_table_iter_init (&iter, undo);
  while (g_hash_table_iter_next (&iter, &id, &data))
    {
      SbStory *current = sb_library_find (self->library, id);

      if (data == NULL)
        {
          if (current != NULL)
            sb_library_remove (self->library, current, NULL);
        }
      else
        {
          g_autoptr(SbStory) was = sb_story_new_from_data (data);

          if (current != NULL)
            sb_library_replace (self->library, current, was);
          else
            sb_library_add (self->library, was);
        }
    }

  return TRUE;
}

/**
 * sb_store_get_unreadable_copies:
 *
 * Returns: (transfer none) (nullable): the names of the conflict copies
 *   beside the data file that could not be read, left where they are
 */
const char * const *
sb_store_get_unreadable_copies (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return (const char * const *) self->unreadable_copies;
}

/**
 * sb_store_get_saved_by:
 *
 * Returns: (nullable): the host name of the computer that saved the data
 *   file as it was last read, when the file says
 */
const char *
sb_store_get_saved_by (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return self->saved_by;
}

static gboolean
copies_timeout_cb (gpointer user_data)
{
  SbStore *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  SbMergeReport report;

  self->copies_source = 0;

  if (!sb_store_merge_conflict_copies (self, &report, &host, &error))
    {
      g_debug ("Conflict copies not merged: %s", error->message);
      return G_SOURCE_REMOVE;
    }

  if (!sb_merge_report_is_empty (&report))
    g_signal_emit (self, signals[COPIES_MERGED], 0, &report, host);

  return G_SOURCE_REMOVE;
}

static void
schedule_copies (SbStore *self,
                 guint    delay)
{
  g_clear_handle_id (&self->copies_source, g_source_remove);
  self->copies_source = g_timeout_add (delay, copies_timeout_cb, self);
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   SbStore           *self)
{
  g_autofree char *real = dup_real_path (self->path);
  g_autofree char *data_name = g_path_get_basename (real);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *other_name = other_file ? g_file_get_basename (other_file) : NULL;

  if (event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_OUT ||
      event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    {
      /* One we could not read may be gone: say so. */
      if (self->unreadable_copies != NULL && self->unreadable_copies[0] != NULL &&
          g_strv_contains ((const char * const *) self->unreadable_copies, name))
        schedule_copies (self, COPIES_DELAY_MSEC);
      return;
    }

  if (sb_sync_match_conflict_name (data_name, name) != SB_SYNC_TOOL_NONE ||
      (other_name != NULL && sb_sync_match_conflict_name (data_name, other_name) != SB_SYNC_TOOL_NONE))
    schedule_copies (self, COPIES_DELAY_MSEC);
}

static gboolean
merge_timeout_cb (gpointer user_data)
{
  SbStore *self = user_data;
  g_autoptr(GError) error = NULL;
  SbMergeReport report;

  self->merge_source = 0;

  if (!sb_store_merge_from_disk (self, &report, &error))
    {
      /* Half-written by a sync tool, most likely: the next change retries. */
      g_debug ("Not merged: %s", error->message);
      return G_SOURCE_REMOVE;
    }

  if (!sb_merge_report_is_empty (&report))
    g_signal_emit (self, signals[MERGED], 0, &report);

  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    SbStore           *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  g_clear_handle_id (&self->merge_source, g_source_remove);
  self->merge_source = g_timeout_add (MERGE_DELAY_MSEC, merge_timeout_cb, self);
}

/**
 * sb_store_watch:
 *
 * Watches the data file: when another program changes it, the change is
 * merged into the library (sb_store_merge_from_disk()) once the file has
 * been quiet for a moment, and ::merged is emitted when that changed
 * anything. Our own saves are recognised and ignored. Conflict copies
 * beside it are merged now and whenever one comes
 * (sb_store_merge_conflict_copies()), and ::copies-merged emitted.
 */
void
sb_store_watch (SbStore *self)
{
  g_autofree char *real = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_STORE (self));

  if (self->monitor != NULL)
    return;

  /* A linked data file changes where the link points. */
  real = dup_real_path (self->path);
  file = g_file_new_for_path (real);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_warning ("Cannot watch %s for changes: %s", real, error->message);
      return;
    }

  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);

  /* Conflict copies appear beside it: look now, and when they come. */
  folder = g_file_get_parent (file);
  self->folder_monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->folder_monitor == NULL)
    g_warning ("Cannot watch %s for conflict copies: %s", real, error->message);
  else
    g_signal_connect (self->folder_monitor, "changed", G_CALLBACK (folder_changed_cb), self);
  schedule_copies (self, 0);
}

/**
 * sb_store_count_backup:
 * @path: a backup's path, from sb_store_list_backups()
 *
 * Returns: how many stories the backup holds, or -1 when it cannot be read
 */
int
sb_store_count_backup (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  gsize length;
  gint64 version;

  g_return_val_if_fail (path != NULL, -1);

  if (!sb_io_read_file (path, SB_STORE_MAX_FILE_SIZE, &contents, &length, NULL) ||
      !sb_store_parse (contents, length, &stories, NULL, &version, NULL, NULL, NULL))
    return -1;

  return stories->len;
}

/**
 * sb_store_restore_backup:
 * @backup: a backup's path, from sb_store_list_backups()
 *
 * Makes @backup the data file and loads it. A data file still in the way
 * (one from a newer version, or one that could not be set aside) is kept
 * beside it as `stories.json.replaced-<timestamp>`, never deleted. The
 * library is unchanged when this fails.
 */
gboolean
sb_store_restore_backup (SbStore     *self,
                         const char  *backup,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *real = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  gint64 version;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  /* A save still being written would land over the restored file. */
  while (self->saving)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (!sb_io_read_file (backup, SB_STORE_MAX_FILE_SIZE, &contents, &length, error))
    return FALSE;

  if (!sb_store_parse (contents, length, &stories, NULL, &version, NULL, NULL, &local_error))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("This backup cannot be read either: %s"), local_error->message);
      return FALSE;
    }

  /* A linked data file: the file it points to is set aside and written. */
  real = dup_real_path (self->path);
  if (g_file_test (real, G_FILE_TEST_EXISTS))
    {
      g_autofree char *stamp = dup_timestamp ();
      g_autofree char *aside = g_strdup_printf ("%s.replaced-%s", real, stamp);

      if (!sb_io_rename (real, aside, error))
        return FALSE;
    }

  if (!sb_io_write_file_atomic (real, contents, length, error))
    return FALSE;

  /* A fresh start on the restored file. */
  self->read_only = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  sb_store_set_error (self, NULL);

  return sb_store_load (self, error);
}
