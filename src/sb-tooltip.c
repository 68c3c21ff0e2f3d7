/* sb-tooltip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tooltips for widgets made by the hundred (list rows, sidebar rows).
 * gtk_widget_set_tooltip_text() asks the display server where the pointer
 * is, in case the tooltip under it should change: a round trip for every
 * row bound while the list scrolls and for every sidebar row at start-up.
 * These keep the text on the widget and give it to GTK only when GTK asks
 * for a tooltip, which needs no round trip.
 */

#define G_LOG_DOMAIN "sb-tooltip"

#include "config.h"

#include "sb-tooltip.h"

#define TEXT_KEY "sb-tooltip-text"

static gboolean
query_text_cb (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard_mode,
               GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TEXT_KEY);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * sb_tooltip_get_text:
 *
 * Returns: (nullable): the text sb_tooltip_set_text() gave @widget
 */
const char *
sb_tooltip_get_text (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), TEXT_KEY);
}

/**
 * sb_tooltip_set_text:
 * @text: (nullable): the tooltip, or %NULL for none
 *
 * Like gtk_widget_set_tooltip_text(), without asking the display server
 * anything. The text also describes @widget to assistive technologies.
 */
void
sb_tooltip_set_text (GtkWidget  *widget,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (sb_tooltip_get_text (widget), text) == 0)
    return;

  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_text_cb, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_text_cb), NULL);

  g_object_set_data_full (G_OBJECT (widget), TEXT_KEY, g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
query_label_cb (GtkWidget  *widget,
                int         x,
                int         y,
                gboolean    keyboard_mode,
                GtkTooltip *tooltip)
{
  const char *text = gtk_label_get_text (GTK_LABEL (widget));

  if (text[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * sb_tooltip_set_label:
 * @label: a #GtkLabel
 *
 * Makes @label's own text its tooltip, whatever the text becomes: for a
 * label that may be shortened with an ellipsis.
 */
void
sb_tooltip_set_label (GtkWidget *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_label_cb), NULL);
}
