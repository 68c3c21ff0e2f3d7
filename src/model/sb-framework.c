/* sb-framework.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-framework"

#include "config.h"

#include "sb-framework.h"

struct _SbFramework
{
  GObject     parent_instance;
  char       *id;
  char       *name;
  GListStore *principles;
  guint       builtin : 1;
};

G_DEFINE_FINAL_TYPE (SbFramework, sb_framework, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BUILTIN,
  PROP_PRINCIPLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_framework_dispose (GObject *object)
{
  SbFramework *self = (SbFramework *)object;

  g_clear_object (&self->principles);

  G_OBJECT_CLASS (sb_framework_parent_class)->dispose (object);
}

static void
sb_framework_finalize (GObject *object)
{
  SbFramework *self = (SbFramework *)object;

  g_free (self->id);
  g_free (self->name);

  G_OBJECT_CLASS (sb_framework_parent_class)->finalize (object);
}

static void
sb_framework_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbFramework *self = SB_FRAMEWORK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;
    case PROP_PRINCIPLES:
      g_value_set_object (value, self->principles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_framework_class_init (SbFrameworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_framework_dispose;
  object_class->finalize = sb_framework_finalize;
  object_class->get_property = sb_framework_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUILTIN] = g_param_spec_boolean ("builtin", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRINCIPLES] = g_param_spec_object ("principles", NULL, NULL, G_TYPE_LIST_MODEL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_framework_init (SbFramework *self)
{
  self->principles = g_list_store_new (SB_TYPE_PRINCIPLE);
}

SbFramework *
sb_framework_new (const char *id,
                  const char *name,
                  gboolean    builtin)
{
  SbFramework *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (SB_TYPE_FRAMEWORK, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : id);
  self->builtin = !!builtin;

  return self;
}

const char *
sb_framework_get_id (SbFramework *self)
{
  g_return_val_if_fail (SB_IS_FRAMEWORK (self), NULL);
  return self->id;
}

const char *
sb_framework_get_name (SbFramework *self)
{
  g_return_val_if_fail (SB_IS_FRAMEWORK (self), NULL);
  return self->name;
}

void
sb_framework_set_name (SbFramework *self,
                       const char  *name)
{
  g_return_if_fail (SB_IS_FRAMEWORK (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gboolean
sb_framework_get_builtin (SbFramework *self)
{
  g_return_val_if_fail (SB_IS_FRAMEWORK (self), FALSE);
  return self->builtin;
}

/**
 * sb_framework_get_principles:
 *
 * Returns: (transfer none): the framework's principles, a list of
 * #SbPrinciple in their order.
 */
GListModel *
sb_framework_get_principles (SbFramework *self)
{
  g_return_val_if_fail (SB_IS_FRAMEWORK (self), NULL);
  return G_LIST_MODEL (self->principles);
}

void
sb_framework_add_principle (SbFramework *self,
                            SbPrinciple *principle)
{
  g_return_if_fail (SB_IS_FRAMEWORK (self));
  g_return_if_fail (SB_IS_PRINCIPLE (principle));

  g_list_store_append (self->principles, principle);
}

/**
 * sb_framework_insert_principle:
 * @position: where, or a position past the end to append
 */
void
sb_framework_insert_principle (SbFramework *self,
                               guint        position,
                               SbPrinciple *principle)
{
  g_return_if_fail (SB_IS_FRAMEWORK (self));
  g_return_if_fail (SB_IS_PRINCIPLE (principle));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->principles)));
  g_list_store_insert (self->principles, position, principle);
}

gboolean
sb_framework_remove_principle (SbFramework *self,
                               SbPrinciple *principle)
{
  guint position;

  g_return_val_if_fail (SB_IS_FRAMEWORK (self), FALSE);

  if (!g_list_store_find (self->principles, principle, &position))
    return FALSE;

  g_list_store_remove (self->principles, position);
  return TRUE;
}
