/* sb-story-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-story-list"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-coach.h"
#include "sb-story-list.h"
#include "sb-story-row.h"

/* The stories of the selected principle (or of a search across all of
 * them), newest first, with the empty states that offer a way forward.
 */
struct _SbStoryList
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkButton          *empty_principle_button;
  AdwStatusPage      *empty_principle_page;
  GtkGridView        *list_view;
  AdwStatusPage      *no_results_page;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;

  /* Owned */
  SbCatalog          *catalog;
  SbLibrary          *library;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  SbStory            *selected_story;
  char               *principle_id;
  char              **search_words;
  /* A story changed since the filter last looked at every story: the
   * next change of the search looks at them all again, not only at those
   * shown (typing on) or hidden (erasing).
   */
  gboolean            filter_stale;
  /* No filter function while every story is shown (see refilter()). */
  gboolean            filter_matches_all;

  /* The coach's mark on each row: computed for bound rows only, when
   * the window is idle, kept for each story shown (until it is
   * finalized), recomputed a moment after the story changes.
   */
  GSettings          *coach_settings;
  GHashTable         *coach_marks;   /* SbStory (weak) → CoachMark */
  GHashTable         *coach_bound;
  GHashTable         *coach_pending;
  guint               coach_update_id;
  guint               coach_generation;
  guint               fold_source;
  guint               fold_next;
};

typedef struct
{
  guint generation;
  guint n_warnings;
  guint n_notes;
} CoachMark;

#define COACH_UPDATE_DELAY_MS 300

G_DEFINE_FINAL_TYPE (SbStoryList, sb_story_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRINCIPLE_ID,
  PROP_SELECTED_STORY,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  SbStoryList *self = user_data;
  SbStory *story = item;

  /* A search looks through every story, whatever principle is selected. */
  if (self->search_words != NULL)
    return sb_story_matches_search (story, (const char * const *) self->search_words);

  if (self->principle_id == NULL)
    return TRUE;

  return sb_story_has_principle (story, self->principle_id);
}

/* Filters again after a change of @change. While every story is shown the
 * filter has no function, so the filter model passes the library through
 * without asking about each story.
 */
static void
refilter (SbStoryList     *self,
          GtkFilterChange  change)
{
  gboolean matches_all = self->search_words == NULL && self->principle_id == NULL;

  g_assert (SB_IS_STORY_LIST (self));

  self->filter_stale = FALSE;
  if (matches_all == self->filter_matches_all)
    {
      gtk_filter_changed (GTK_FILTER (self->filter), change);
      return;
    }

  self->filter_matches_all = matches_all;
  if (matches_all)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  /* Newest first; stable while the user types. */
  return sb_story_compare_created ((SbStory *) b, (SbStory *) a);
}

static void
update_state (SbStoryList *self)
{
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_stories = self->library ? g_list_model_get_n_items (G_LIST_MODEL (self->library)) : 0;
  const char *page = "list";

  if (n_visible == 0)
    {
      if (self->search_words != NULL)
        page = "no-results";
      else if (n_stories == 0)
        page = "empty-library";
      else
        page = "empty-principle";
    }

  if (g_str_equal (page, "empty-principle") && self->catalog != NULL)
    {
      SbPrinciple *principle = sb_catalog_lookup (self->catalog, self->principle_id);
      g_autofree char *title = NULL;
      const char * const *questions;

      if (principle != NULL)
        {
          title = g_strdup_printf (_("No Stories for “%s” Yet"), sb_principle_get_name (principle));
          questions = sb_principle_get_questions (principle);
          adw_status_page_set_title (self->empty_principle_page, title);
          if (questions[0] != NULL)
            {
              g_autofree char *description = g_strdup_printf (_("Interviewers ask: “%s”"), questions[0]);

              adw_status_page_set_description (self->empty_principle_page, description);
              gtk_actionable_set_action_target (GTK_ACTIONABLE (self->empty_principle_button), "s", questions[0]);
            }
          else
            {
              adw_status_page_set_description (self->empty_principle_page, _("Write a story that shows this principle"));
              gtk_actionable_set_action_target (GTK_ACTIONABLE (self->empty_principle_button), "s", "");
            }
        }
    }

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
selection_changed_cb (SbStoryList *self)
{
  SbStory *story = gtk_single_selection_get_selected_item (self->selection);

  if (story == self->selected_story)
    return;

  g_set_object (&self->selected_story, story);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STORY]);
}

static void
items_changed_cb (SbStoryList *self)
{
  update_state (self);

  /* Keep the selection on the story, wherever the filter put it (no need
   * to look through the list for a story the filter hides).
   */
  if (self->selected_story != NULL &&
      gtk_single_selection_get_selected_item (self->selection) != self->selected_story &&
      filter_func (self->selected_story, self))
    {
      g_autoptr(SbStory) keep = g_object_ref (self->selected_story);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

          if (story == keep)
            {
              gtk_single_selection_set_selected (self->selection, i);
              return;
            }
        }
    }
}

static void
story_finalized_cb (gpointer  user_data,
                    GObject  *story)
{
  SbStoryList *self = user_data;

  g_hash_table_remove (self->coach_marks, story);
  g_hash_table_remove (self->coach_pending, story);
}

/* Keeps @mark (or forgets the story's, when %NULL) for as long as the
 * story lives.
 */
static void
set_coach_mark (SbStoryList *self,
                SbStory     *story,
                CoachMark   *mark)
{
  gboolean known = g_hash_table_contains (self->coach_marks, story);

  if (mark == NULL)
    {
      if (known)
        {
          g_object_weak_unref (G_OBJECT (story), story_finalized_cb, self);
          g_hash_table_remove (self->coach_marks, story);
        }
      return;
    }

  if (!known)
    g_object_weak_ref (G_OBJECT (story), story_finalized_cb, self);
  g_hash_table_replace (self->coach_marks, story, mark);
}

/* The story's mark if it is up to date, else %NULL. */
static const CoachMark *
lookup_coach_mark (SbStoryList *self,
                   SbStory     *story)
{
  const CoachMark *mark = g_hash_table_lookup (self->coach_marks, story);

  return mark != NULL && mark->generation == self->coach_generation ? mark : NULL;
}

static const CoachMark *
get_coach_mark (SbStoryList *self,
                SbStory     *story)
{
  const CoachMark *mark = lookup_coach_mark (self, story);

  if (mark == NULL)
    {
      CoachMark *computed;
      SbCoachOptions options = { 0, FALSE };
      g_autoptr(GPtrArray) findings = NULL;

      options.target_seconds = g_settings_get_int (self->coach_settings, "target-seconds");
      findings = sb_coach_check (story, self->catalog, &options);

      computed = g_new0 (CoachMark, 1);
      computed->generation = self->coach_generation;
      for (guint i = 0; i < findings->len; i++)
        {
          if (sb_finding_get_severity (g_ptr_array_index (findings, i)) == SB_FINDING_WARNING)
            computed->n_warnings++;
          else
            computed->n_notes++;
        }
      set_coach_mark (self, story, computed);
      mark = computed;
    }

  return mark;
}

static void
update_coach_dot (SbStoryList *self,
                  GtkListItem *item)
{
  SbStory *story = gtk_list_item_get_item (item);
  const CoachMark *mark;

  if (story == NULL)
    return;

  mark = get_coach_mark (self, story);
  sb_story_row_set_coach_counts (SB_STORY_ROW (gtk_list_item_get_child (item)), mark->n_warnings, mark->n_notes);
}

static gboolean
coach_update_cb (gpointer user_data)
{
  SbStoryList *self = user_data;
  GHashTableIter iter;
  gpointer item;

  self->coach_update_id = 0;

  g_hash_table_iter_init (&iter, self->coach_bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      SbStory *story = gtk_list_item_get_item (item);

      if (story != NULL && g_hash_table_contains (self->coach_pending, story))
        update_coach_dot (self, item);
    }

  g_hash_table_remove_all (self->coach_pending);
  return G_SOURCE_REMOVE;
}

/* A row just bound shows its story's mark if it is known, else none until
 * an idle moment computes it: binding rows (at start-up, while scrolling)
 * never waits for the coach.
 */
static void
bind_coach_dot (SbStoryList *self,
                GtkListItem *item)
{
  SbStory *story = gtk_list_item_get_item (item);

  if (lookup_coach_mark (self, story) != NULL)
    {
      update_coach_dot (self, item);
      return;
    }

  sb_story_row_set_coach_counts (SB_STORY_ROW (gtk_list_item_get_child (item)), 0, 0);
  g_hash_table_add (self->coach_pending, story);
  if (self->coach_update_id == 0)
    self->coach_update_id = g_idle_add (coach_update_cb, self);
}

static void
coach_story_changed_cb (SbStory     *story,
                        SbStoryList *self)
{
  set_coach_mark (self, story, NULL);
  g_hash_table_add (self->coach_pending, story);
  g_clear_handle_id (&self->coach_update_id, g_source_remove);
  self->coach_update_id = g_timeout_add (COACH_UPDATE_DELAY_MS, coach_update_cb, self);
}

static void
coach_target_changed_cb (SbStoryList *self)
{
  GHashTableIter iter;
  gpointer item;

  self->coach_generation++;
  g_hash_table_iter_init (&iter, self->coach_bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_coach_dot (self, item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SbStoryList              *self)
{
  gtk_list_item_set_child (item, sb_story_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SbStoryList              *self)
{
  SbStory *story = gtk_list_item_get_item (item);

  sb_story_row_set_story (SB_STORY_ROW (gtk_list_item_get_child (item)), story);
  g_signal_connect_object (story, "changed", G_CALLBACK (coach_story_changed_cb), self, 0);
  g_hash_table_add (self->coach_bound, item);
  bind_coach_dot (self, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SbStoryList              *self)
{
  SbStory *story = gtk_list_item_get_item (item);

  sb_story_row_set_story (SB_STORY_ROW (gtk_list_item_get_child (item)), NULL);
  if (story != NULL)
    g_signal_handlers_disconnect_by_func (story, coach_story_changed_cb, self);
  g_hash_table_remove (self->coach_bound, item);
}

static void
search_changed_cb (SbStoryList    *self,
                   GtkSearchEntry *entry)
{
  sb_story_list_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (SbStoryList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
activate_cb (SbStoryList *self,
             guint        position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-editor", NULL);
}

/* Prepares every story for a search (sb_story_prepare_search()) a few
 * milliseconds at a time when nothing else runs, so that the first search
 * keystroke does not case-fold the whole library.
 */
static gboolean
fold_idle_cb (gpointer user_data)
{
  SbStoryList *self = user_data;
  gint64 deadline = g_get_monotonic_time () + 2000;
  guint n = self->library ? g_list_model_get_n_items (G_LIST_MODEL (self->library)) : 0;

  while (self->fold_next < n)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->library), self->fold_next++);

      sb_story_prepare_search (story);
      if ((self->fold_next & 15) == 0 && g_get_monotonic_time () > deadline)
        return G_SOURCE_CONTINUE;
    }

  self->fold_source = 0;
  return G_SOURCE_REMOVE;
}

static void
sb_story_list_dispose (GObject *object)
{
  SbStoryList *self = (SbStoryList *)object;

  g_clear_handle_id (&self->coach_update_id, g_source_remove);
  g_clear_handle_id (&self->fold_source, g_source_remove);

  if (self->coach_marks != NULL)
    {
      GHashTableIter iter;
      gpointer story;

      g_hash_table_iter_init (&iter, self->coach_marks);
      while (g_hash_table_iter_next (&iter, &story, NULL))
        g_object_weak_unref (story, story_finalized_cb, self);
      g_hash_table_remove_all (self->coach_marks);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_STORY_LIST);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->selected_story);
  g_clear_object (&self->library);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_story_list_parent_class)->dispose (object);
}

static void
sb_story_list_finalize (GObject *object)
{
  SbStoryList *self = (SbStoryList *)object;

  g_free (self->principle_id);
  g_strfreev (self->search_words);
  g_clear_object (&self->coach_settings);
  g_clear_pointer (&self->coach_marks, g_hash_table_unref);
  g_clear_pointer (&self->coach_bound, g_hash_table_unref);
  g_clear_pointer (&self->coach_pending, g_hash_table_unref);

  G_OBJECT_CLASS (sb_story_list_parent_class)->finalize (object);
}

static void
sb_story_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbStoryList *self = SB_STORY_LIST (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE_ID:
      g_value_set_string (value, self->principle_id);
      break;
    case PROP_SELECTED_STORY:
      g_value_set_object (value, self->selected_story);
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->search_words != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbStoryList *self = SB_STORY_LIST (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE_ID:
      sb_story_list_set_principle_id (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_STORY:
      sb_story_list_set_selected_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_list_class_init (SbStoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_story_list_dispose;
  object_class->finalize = sb_story_list_finalize;
  object_class->get_property = sb_story_list_get_property;
  object_class->set_property = sb_story_list_set_property;

  properties[PROP_PRINCIPLE_ID] =
    g_param_spec_string ("principle-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_STORY] =
    g_param_spec_object ("selected-story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storybank/Storybank/sb-story-list.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "storylist");
  g_type_ensure (SB_TYPE_STORY_ROW);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, empty_principle_button);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, empty_principle_page);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, list_view);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, stack);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
}

static void
sb_story_list_init (SbStoryList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->coach_marks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->coach_bound = g_hash_table_new (NULL, NULL);
  self->coach_pending = g_hash_table_new (NULL, NULL);
  self->coach_settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->coach_settings, "changed::target-seconds",
                           G_CALLBACK (coach_target_changed_cb), self, G_CONNECT_SWAPPED);

  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filter_matches_all = TRUE;
  /* Sorted once, then filtered: a search keystroke filters a list already
   * in order instead of sorting its results again.
   */
  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (sort_func, NULL, NULL)));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

static void
story_changed_cb (SbStoryList *self)
{
  self->filter_stale = TRUE;
}

void
sb_story_list_set_model (SbStoryList *self,
                         SbCatalog   *catalog,
                         SbLibrary   *library)
{
  g_return_if_fail (SB_IS_STORY_LIST (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->library, library);
  gtk_sort_list_model_set_model (self->sorted, G_LIST_MODEL (library));
  self->fold_next = 0;
  if (self->fold_source == 0 && library != NULL)
    self->fold_source = g_idle_add_full (G_PRIORITY_LOW, fold_idle_cb, self, NULL);
  g_signal_connect_object (library, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "story-changed", G_CALLBACK (story_changed_cb), self, G_CONNECT_SWAPPED);
  update_state (self);
}

/**
 * sb_story_list_get_selected_story:
 *
 * Returns: (transfer none) (nullable): the story open in the editor
 */
SbStory *
sb_story_list_get_selected_story (SbStoryList *self)
{
  g_return_val_if_fail (SB_IS_STORY_LIST (self), NULL);
  return self->selected_story;
}

void
sb_story_list_set_selected_story (SbStoryList *self,
                                  SbStory     *story)
{
  guint n;

  g_return_if_fail (SB_IS_STORY_LIST (self));

  if (story == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      selection_changed_cb (self);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (item == story)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return;
        }
    }

  /* Not among the visible stories: open it all the same. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (g_set_object (&self->selected_story, story))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STORY]);
}

void
sb_story_list_select_position (SbStoryList *self,
                               guint        position)
{
  g_return_if_fail (SB_IS_STORY_LIST (self));

  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    gtk_single_selection_set_selected (self->selection, position);
}

const char *
sb_story_list_get_principle_id (SbStoryList *self)
{
  g_return_val_if_fail (SB_IS_STORY_LIST (self), NULL);
  return self->principle_id;
}

void
sb_story_list_set_principle_id (SbStoryList *self,
                                const char  *principle_id)
{
  g_return_if_fail (SB_IS_STORY_LIST (self));

  if (g_strcmp0 (self->principle_id, principle_id) == 0)
    return;

  g_free (self->principle_id);
  self->principle_id = g_strdup (principle_id);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINCIPLE_ID]);
}

/* Whether every story that holds all of @words holds all of @others too:
 * each of @others is in one of @words.
 */
static gboolean
words_imply (char **words,
             char **others)
{
  for (guint i = 0; others[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; words[j] != NULL && !found; j++)
        found = strstr (words[j], others[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* How the filter changes from searching for @old_words (%NULL: not
 * searching) to the words now. Typing on narrows the results: only the
 * stories shown need a look. Erasing widens them: only the hidden ones
 * do.
 */
static GtkFilterChange
search_change (SbStoryList  *self,
               char        **old_words)
{
  char **words = self->search_words;

  if (old_words != NULL && words != NULL)
    {
      if (words_imply (words, old_words))
        return GTK_FILTER_CHANGE_MORE_STRICT;
      if (words_imply (old_words, words))
        return GTK_FILTER_CHANGE_LESS_STRICT;
      return GTK_FILTER_CHANGE_DIFFERENT;
    }

  /* A search, or its end, in All Stories; else another principle's. */
  if (self->principle_id != NULL)
    return GTK_FILTER_CHANGE_DIFFERENT;
  return old_words == NULL ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT;
}

void
sb_story_list_set_search_text (SbStoryList *self,
                               const char  *text)
{
  g_auto(GStrv) old_words = NULL;
  g_autofree char *folded = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
  gboolean was_searching;

  g_return_if_fail (SB_IS_STORY_LIST (self));

  was_searching = self->search_words != NULL;
  old_words = g_steal_pointer (&self->search_words);

  folded = g_utf8_casefold (text ? text : "", -1);
  g_strstrip (folded);
  if (folded[0] != '\0')
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit_set (folded, " \t", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_strv_builder_add (builder, parts[i]);
      self->search_words = g_strv_builder_end (builder);
    }

  if (old_words == NULL && self->search_words == NULL)
    return;
  if (old_words != NULL && self->search_words != NULL &&
      g_strv_equal ((const char * const *) old_words, (const char * const *) self->search_words))
    return;

  if (!self->filter_stale)
    change = search_change (self, old_words);

  refilter (self, change);
  update_state (self);

  if (was_searching != (self->search_words != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

void
sb_story_list_focus_search (SbStoryList *self)
{
  g_return_if_fail (SB_IS_STORY_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * sb_story_list_get_visible:
 *
 * Returns: (transfer none): the stories shown, in their order
 */
GListModel *
sb_story_list_get_visible (SbStoryList *self)
{
  g_return_val_if_fail (SB_IS_STORY_LIST (self), NULL);
  return G_LIST_MODEL (self->selection);
}
