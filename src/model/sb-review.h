/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-story.h"

G_BEGIN_DECLS

typedef enum
{
  SB_REVIEW_SCOPE_ALL,        /* every story */
  SB_REVIEW_SCOPE_FRAMEWORK,  /* stories under any principle of framework @id */
  SB_REVIEW_SCOPE_PRINCIPLE,  /* stories under principle @id */
  SB_REVIEW_SCOPE_STORIES,    /* the stories listed in @story_ids */
} SbReviewScopeKind;

typedef struct
{
  SbReviewScopeKind   kind;
  const char         *id;
  const char * const *story_ids;
} SbReviewScope;

/* A story's confidence below this (or never practised) is weak. */
#define SB_REVIEW_STRONG_CONFIDENCE 3

int          sb_review_compare          (SbStory             *a,
                                         SbStory             *b,
                                         GDateTime           *now);
GPtrArray   *sb_review_order            (GPtrArray           *stories,
                                         GDateTime           *now);
GPtrArray   *sb_review_collect          (SbLibrary           *library,
                                         SbCatalog           *catalog,
                                         const SbReviewScope *scope);
SbPrinciple *sb_review_pick_principle   (SbStory             *story,
                                         SbCatalog           *catalog,
                                         const SbReviewScope *scope);
char        *sb_review_dup_prompt       (SbStory             *story,
                                         SbPrinciple         *principle);

typedef enum
{
  SB_COVERAGE_GAP_NONE,      /* at least one story rehearsed with confidence */
  SB_COVERAGE_GAP_NO_STORY,  /* no story filed under the principle */
  SB_COVERAGE_GAP_ONLY_WEAK, /* stories, but none practised to confidence 3+ */
} SbCoverageGap;

typedef struct
{
  SbPrinciple   *principle;        /* owned reference */
  guint          n_stories;
  int            best_confidence;  /* 1-5, or 0 when none was practised */
  SbCoverageGap  gap;
  GPtrArray     *stories;          /* SbStory, library order, owned */
  guint          n_over_used;      /* of @stories, those over-used */
} SbCoverageRow;

typedef struct
{
  GPtrArray *rows;       /* SbCoverageRow, in the framework's order */
  GPtrArray *over_used;  /* SbStory filed under too many principles */
  guint      n_gaps;     /* rows with a gap */
} SbCoverage;

SbCoverage  *sb_coverage_compute        (SbLibrary           *library,
                                         SbCatalog           *catalog,
                                         const char          *framework_id);
gboolean     sb_coverage_is_over_used   (SbCoverage          *coverage,
                                         SbStory             *story);
void         sb_coverage_free           (SbCoverage          *coverage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCoverage, sb_coverage_free)

G_END_DECLS
