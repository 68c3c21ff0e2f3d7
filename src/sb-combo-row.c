/* sb-combo-row.c: combo rows that list things by name and keep their ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-combo-row"

#include "config.h"

#include "sb-combo-row-private.h"

/**
 * _sb_combo_row_set_frameworks:
 * @ids: (element-type utf8): filled with the frameworks' ids
 *
 * Lists the names of @catalog's frameworks in @row, and their ids in @ids,
 * in the catalog's order.
 */
void
_sb_combo_row_set_frameworks (AdwComboRow *row,
                              SbCatalog   *catalog,
                              GPtrArray   *ids)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *frameworks;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (SB_IS_CATALOG (catalog));
  g_return_if_fail (ids != NULL);

  g_ptr_array_set_size (ids, 0);
  frameworks = sb_catalog_get_frameworks (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      g_ptr_array_add (ids, g_strdup (sb_framework_get_id (framework)));
      gtk_string_list_append (names, sb_framework_get_name (framework));
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
}

/**
 * _sb_combo_row_get_selected_id:
 * @ids: (nullable): the ids of @row's items
 *
 * Returns: (nullable): the id of the item selected in @row, if any
 */
const char *
_sb_combo_row_get_selected_id (AdwComboRow *row,
                               GPtrArray   *ids)
{
  guint selected;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), NULL);

  selected = adw_combo_row_get_selected (row);
  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return NULL;
  return g_ptr_array_index (ids, selected);
}

/**
 * _sb_combo_row_select_id:
 * @ids: (nullable): the ids of @row's items
 * @id: (nullable): the id to select
 *
 * Selects the item whose id is @id; leaves the selection alone when
 * there is none.
 *
 * Returns: whether @id was found
 */
gboolean
_sb_combo_row_select_id (AdwComboRow *row,
                         GPtrArray   *ids,
                         const char  *id)
{
  guint index;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), FALSE);

  if (id == NULL || ids == NULL || !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, &index))
    return FALSE;
  adw_combo_row_set_selected (row, index);
  return TRUE;
}
