/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-document.h"

G_BEGIN_DECLS

typedef enum
{
  SB_BLOCK_TITLE,
  SB_BLOCK_HEADING,
  SB_BLOCK_PARAGRAPH,
  SB_BLOCK_QUOTE,
  SB_BLOCK_BULLETS,
  SB_BLOCK_NUMBERED,
  SB_BLOCK_LABELLED,
  SB_BLOCK_LABELLED_LINE,
  SB_BLOCK_META,
  SB_BLOCK_RULE,
  SB_BLOCK_PAGE_BREAK,
} SbBlockKind;

typedef struct
{
  SbBlockKind   kind;
  /* 1-3 for a heading */
  guint         level;
  /* the label of a labelled block, the subtitle of a title */
  char         *label;
  char         *text;
  /* the items of a list */
  char        **items;
} SbBlock;

const SbBlock *_sb_document_get_block (SbDocument *self,
                                       guint       position);

G_END_DECLS
