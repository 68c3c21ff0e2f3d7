/* test-crash.c: the data file survives the app being killed mid-save
 *
 * A child process (this program, run with --crash-child PATH) saves a
 * library of 2,000 stories over and over, a small edit each time, while
 * this process kills it with SIGKILL at random moments. After every kill
 * the file must load and hold exactly one state the child wrote, whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sb-store.h"
#include "sb-test-util.h"

#define N_STORIES 2000
#define MAX_KILLS 300
#define MAX_SECONDS 60

static const char *self_exe;
static char *work_dir;

/* A checksum of every story but the first, which holds it (in its task)
 * and the generation (in its title): a file that mixed two saves fails it.
 */
static char *
library_checksum (SbLibrary *library)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char *id = sb_story_get_id (story);
      const char *result = sb_story_get_result (story);

      g_checksum_update (sum, (const guchar *) id, strlen (id) + 1);
      g_checksum_update (sum, (const guchar *) result, strlen (result) + 1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static guint64
library_generation (SbLibrary *library)
{
  g_autoptr(SbStory) first = g_list_model_get_item (G_LIST_MODEL (library), 0);
  const char *title = sb_story_get_title (first);

  g_assert_true (g_str_has_prefix (title, "generation "));
  return g_ascii_strtoull (title + strlen ("generation "), NULL, 10);
}

/* The child: carries on from what the file holds, saving until killed. */
static int
run_child (const char *path)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStore) store = sb_store_new (path, library, catalog);
  g_autoptr(GError) error = NULL;
  guint64 generation;

  if (!sb_store_load (store, &error))
    g_error ("child: %s", error->message);

  if (g_list_model_get_n_items (G_LIST_MODEL (library)) == 0)
    {
      g_autoptr(GPtrArray) stories = sb_test_make_stories (N_STORIES, 42);
      g_autofree char *sum = NULL;

      sb_library_splice (library, stories);
      sum = library_checksum (library);
      sb_story_set_title (g_ptr_array_index (stories, 0), "generation 0");
      sb_story_set_task (g_ptr_array_index (stories, 0), sum);
    }
  generation = library_generation (library);

  /* Ready: the parent starts its clock. */
  if (write (STDOUT_FILENO, "r", 1) != 1)
    return 1;

  for (;;)
    {
      g_autofree char *title = NULL;
      g_autofree char *result = NULL;
      g_autofree char *sum = NULL;
      g_autoptr(SbStory) edited = NULL;
      g_autoptr(SbStory) first = g_list_model_get_item (G_LIST_MODEL (library), 0);

      generation++;
      edited = g_list_model_get_item (G_LIST_MODEL (library), 1 + generation % (N_STORIES - 1));
      result = g_strdup_printf ("edited in generation %" G_GUINT64_FORMAT, generation);
      sb_story_set_result (edited, result);
      sum = library_checksum (library);
      title = g_strdup_printf ("generation %" G_GUINT64_FORMAT, generation);
      sb_story_set_title (first, title);
      sb_story_set_task (first, sum);

      if (!sb_store_save (store, &error))
        g_error ("child: %s", error->message);

      /* Saved: the parent may be waiting for the first one. */
      if (write (STDOUT_FILENO, "s", 1) != 1)
        return 1;
    }

  return 0;
}

static guint
count_temps (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".tmp"))
      n++;
  return n;
}

static guint
count_prefix (const char *folder,
              const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

/* SIGKILL leaves the page cache alone, so what this test checks (the
 * rename protocol, the clean-up) does not depend on fsync reaching the
 * disk. On a tmpfs the fsyncs cost nothing, and the kills come several
 * times as often as on a disk.
 */
static char *
make_dir (void)
{
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    {
      g_autofree char *template = g_build_filename ("/dev/shm", "storybank-crash-XXXXXX", NULL);

      if (g_mkdtemp (template) != NULL)
        return g_steal_pointer (&template);
    }

  return sb_test_make_tmpdir ();
}

static void
test_crash_kill_while_saving (void)
{
  const char *dir = work_dir;
  g_autofree char *path = g_build_filename (dir, "stories.json", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 deadline = g_get_monotonic_time () + MAX_SECONDS * G_USEC_PER_SEC;
  guint64 last_generation = 0;
  guint kills = 0, unsaved_kills = 0;
  gint64 start_usec = 0, first_save_usec = 0, verify_usec = 0;

  while (kills < MAX_KILLS && g_get_monotonic_time () < deadline)
    {
      const char *argv[] = { self_exe, "--crash-child", path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(SbLibrary) library = sb_library_new ();
      g_autoptr(SbCatalog) catalog = sb_catalog_new ();
      g_autoptr(SbStore) store = NULL;
      g_autofree char *sum = NULL;
      GPid pid;
      int out_fd;
      char ready;
      int status;
      guint64 generation;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      /* Wait until it has loaded. Half the kills then come at once,
       * somewhere in its first save (the backup, then the file); the
       * others after that save, somewhere in the next ones. On a slow
       * machine (sanitizers) the first save alone outlasts the delays.
       */
      {
        gint64 t0 = g_get_monotonic_time ();

        g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
        g_assert_cmpint (ready, ==, 'r');
        start_usec += g_get_monotonic_time () - t0;
      }
      if (g_rand_boolean (rand))
        {
          gint64 t0 = g_get_monotonic_time ();

          g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
          g_assert_cmpint (ready, ==, 's');
          first_save_usec += g_get_monotonic_time () - t0;
        }
      g_usleep (g_rand_int_range (rand, 0, 80 * 1000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      close (out_fd);
      /* It must have died of the kill, not of an error of its own. */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      kills++;

      /* At most the one temporary file of the save it was killed in. */
      g_assert_cmpuint (count_temps (dir) + count_temps (backups), <=, 1);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Killed before its first save ever finished. */
          g_assert_cmpuint (last_generation, ==, 0);
          unsaved_kills++;
          continue;
        }

      verify_usec -= g_get_monotonic_time ();
      /* Every tenth kill the file is opened the way the app opens it,
       * which must also clear what the kill left behind. Otherwise it is
       * only read: the next child's load does the clearing, and the count
       * of temporary files after its kill shows whether it did.
       */
      if (kills % 10 == 0)
        {
          store = sb_store_new (path, library, catalog);
          /* No cache written behind the test's back (the child's own
           * loads keep theirs).
           */
          sb_store_set_cache_path (store, NULL);
          g_assert_true (sb_store_load (store, &error));
          g_assert_no_error (error);
          g_assert_null (sb_store_get_error (store));
          g_assert_false (sb_store_get_read_only (store));
          g_assert_cmpuint (count_temps (dir), ==, 0);
          g_assert_cmpuint (count_temps (backups), ==, 0);
        }
      else
        {
          g_autofree char *contents = NULL;
          g_autoptr(GPtrArray) stories = NULL;
          gsize length;
          gint64 version;

          g_assert_true (g_file_get_contents (path, &contents, &length, &error));
          g_assert_true (sb_store_parse (contents, length, &stories, NULL, &version, NULL, NULL, &error));
          g_assert_no_error (error);
          sb_library_splice (library, stories);
        }
      g_assert_cmpuint (count_prefix (dir, "stories.json.corrupt"), ==, 0);

      /* One whole state: every story, and the checksum the child wrote
       * with them.
       */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, N_STORIES);
      generation = library_generation (library);
      sum = library_checksum (library);
      {
        g_autoptr(SbStory) first = g_list_model_get_item (G_LIST_MODEL (library), 0);
        g_assert_cmpstr (sum, ==, sb_story_get_task (first));
      }
      /* Never older than a state already seen on disk. */
      g_assert_cmpuint (generation, >=, last_generation);
      if (generation == last_generation)
        unsaved_kills++;
      last_generation = generation;

      verify_usec += g_get_monotonic_time ();
    }

  g_test_message ("%u kills survived in %d s at most (%u before the child's save finished); "
                  "%" G_GUINT64_FORMAT " saves reached the disk",
                  kills, MAX_SECONDS, unsaved_kills, last_generation);
  if (kills > 0)
    g_test_message ("per kill: %" G_GINT64_FORMAT " ms for the child to start and load, "
                    "%" G_GINT64_FORMAT " ms for its first save (when waited for), "
                    "%" G_GINT64_FORMAT " ms to check the file",
                    start_usec / 1000 / kills, first_save_usec / 1000 / MAX (1, kills / 2),
                    verify_usec / 1000 / kills);
  g_assert_cmpuint (kills, >=, 10);
  g_assert_cmpuint (last_generation, >=, kills / 4);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return run_child (argv[2]);

  self_exe = argv[0];
  g_test_init (&argc, &argv, NULL);

  /* The binary cache too goes to the tmpfs, for the child (which inherits
   * the environment) as for this process: on a disk its fsyncs would cost
   * more than everything else a kill does.
   */
  work_dir = make_dir ();
  {
    g_autofree char *cache = g_build_filename (work_dir, "cache", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }

  g_test_add_func ("/crash/kill-while-saving", test_crash_kill_while_saving);

  status = g_test_run ();
  sb_test_rm_rf (work_dir);
  g_free (work_dir);
  return status;
}
