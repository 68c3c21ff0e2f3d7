/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sb-import.h"
#include "sb-story.h"

G_BEGIN_DECLS

char      *sb_test_make_tmpdir        (void);
void       sb_test_rm_rf              (const char *path);
SbStory   *sb_test_make_story         (GRand      *rand,
                                       guint       index);
GPtrArray *sb_test_make_stories       (guint       n,
                                       guint32     seed);
void       sb_test_write_file         (const char *path,
                                       const char *contents,
                                       gssize      length);
char      *sb_test_read_file          (const char *path);

char      *sb_test_make_import_folder (const char *dir,
                                       guint       n_pages);

char      *sb_test_read_seed          (void);
SbImport  *sb_test_import_markdown    (SbLibrary  *library,
                                       SbCatalog  *catalog,
                                       const char *text);
SbStory   *sb_test_story_at           (SbLibrary  *library,
                                       guint       position);

G_END_DECLS
