/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "sb-document.h"

G_BEGIN_DECLS

/* Paper sizes in points (1/72 inch). */
#define SB_PAGE_A4_WIDTH      595.2756
#define SB_PAGE_A4_HEIGHT     841.8898
#define SB_PAGE_LETTER_WIDTH  612.0
#define SB_PAGE_LETTER_HEIGHT 792.0

#define SB_TYPE_PAGE_RENDERER (sb_page_renderer_get_type ())

G_DECLARE_FINAL_TYPE (SbPageRenderer, sb_page_renderer, SB, PAGE_RENDERER, GObject)

SbPageRenderer *sb_page_renderer_new            (SbDocument     *document,
                                                 double          width,
                                                 double          height);
SbDocument     *sb_page_renderer_get_document   (SbPageRenderer *self);
double          sb_page_renderer_get_width      (SbPageRenderer *self);
double          sb_page_renderer_get_height     (SbPageRenderer *self);
void            sb_page_renderer_set_margins    (SbPageRenderer *self,
                                                 double          top,
                                                 double          right,
                                                 double          bottom,
                                                 double          left);
guint           sb_page_renderer_paginate       (SbPageRenderer *self);
guint           sb_page_renderer_get_n_pages    (SbPageRenderer *self);
double          sb_page_renderer_get_scale      (SbPageRenderer *self);
void            sb_page_renderer_draw_page      (SbPageRenderer *self,
                                                 cairo_t        *cr,
                                                 guint           page);
gboolean        sb_page_renderer_get_block_position (SbPageRenderer *self,
                                                 guint           block,
                                                 guint          *page,
                                                 double         *y);
char           *sb_page_renderer_dup_page_text  (SbPageRenderer *self,
                                                 guint           page);
guint           sb_page_renderer_get_n_lines    (SbPageRenderer *self,
                                                 guint           page);

void            sb_page_get_default_size        (double         *width,
                                                 double         *height);

G_END_DECLS
