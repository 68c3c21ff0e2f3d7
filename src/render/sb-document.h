/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SB_TYPE_DOCUMENT (sb_document_get_type ())

G_DECLARE_FINAL_TYPE (SbDocument, sb_document, SB, DOCUMENT, GObject)

SbDocument *sb_document_new               (const char         *title);
const char *sb_document_get_title         (SbDocument         *self);
guint       sb_document_get_n_blocks      (SbDocument         *self);
void        sb_document_set_one_page      (SbDocument         *self,
                                           gboolean            one_page);
gboolean    sb_document_get_one_page      (SbDocument         *self);
void        sb_document_add_title         (SbDocument         *self,
                                           const char         *title,
                                           const char         *subtitle);
void        sb_document_add_heading       (SbDocument         *self,
                                           guint               level,
                                           const char         *text);
void        sb_document_add_paragraph     (SbDocument         *self,
                                           const char         *text);
void        sb_document_add_quote         (SbDocument         *self,
                                           const char         *text);
void        sb_document_add_bullets       (SbDocument         *self,
                                           const char * const *items,
                                           gboolean            numbered);
void        sb_document_add_labelled      (SbDocument         *self,
                                           const char         *label,
                                           const char         *text);
void        sb_document_add_labelled_line (SbDocument         *self,
                                           const char         *label,
                                           const char         *text);
void        sb_document_add_meta          (SbDocument         *self,
                                           const char         *text);
void        sb_document_add_rule          (SbDocument         *self);
void        sb_document_add_page_break    (SbDocument         *self);

G_END_DECLS
