/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-catalog.h"
#include "sb-library.h"

G_BEGIN_DECLS

/* Stories grouped under one principle, for exports and the cheat sheet. */
typedef struct
{
  /* (nullable): NULL for stories filed under no known principle */
  SbPrinciple *principle;
  /* SbStory, in the order they were given */
  GPtrArray   *stories;
} SbStoryGroup;

GPtrArray *sb_story_groups_new              (SbCatalog          *catalog,
                                             GPtrArray          *stories,
                                             const char         *framework_id);
char      *sb_cheat_sheet_summarize         (const char         *text);
char      *sb_cheat_sheet_summarize_actions (const char * const *actions);
char      *sb_cheat_sheet_truncate          (const char         *text,
                                             guint               max_chars);
char      *sb_cheat_sheet_to_text           (SbCatalog          *catalog,
                                             SbLibrary          *library,
                                             const char         *framework_id);

G_END_DECLS
