/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sb-library.h"

G_BEGIN_DECLS

guint sb_examples_add (SbLibrary *library);

G_END_DECLS
