/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-story.h"

G_BEGIN_DECLS

/* What a merge did to the library in memory ("ours"). */
typedef struct
{
  guint added;      /* stories that came from the other side */
  guint updated;    /* stories replaced by the other side's version */
  guint deleted;    /* stories the other side deleted */
  guint conflicts;  /* stories both changed: the older kept as a copy */
  /* Interviews the other side added, changed or deleted. */
  guint interviews;
  /* Interview fields both sides changed: ours kept (notes: both). */
  guint interview_conflicts;
} SbMergeReport;

GPtrArray *sb_merge_three_way          (GPtrArray           *base,
                                        GPtrArray           *ours,
                                        GPtrArray           *theirs,
                                        SbMergeReport       *report);
char      *sb_merge_interviews         (const char          *base,
                                        const char          *ours,
                                        const char          *theirs,
                                        SbMergeReport       *report);
gboolean   sb_merge_report_is_empty    (const SbMergeReport *report);
char      *sb_merge_report_dup_summary (const SbMergeReport *report);

G_END_DECLS
