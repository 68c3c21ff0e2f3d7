/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Start-up measurement, shared by the app (STORYBANK_BENCHMARK=1) and the
 * benchmark programs in tests/.
 */
gboolean sb_benchmark_enabled            (void);
double   sb_benchmark_ms_since_start     (void);
gint64   sb_benchmark_rss_kb             (void);
void     sb_benchmark_watch_first_frame  (GtkWindow *window);

G_END_DECLS
