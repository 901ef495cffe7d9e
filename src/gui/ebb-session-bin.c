/* ebb-session-bin.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-session-bin"

#include "config.h"

#include "ebb-session-bin.h"

typedef struct
{
  EbbOperatorSession *session;
} EbbSessionBinPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (EbbSessionBin, ebb_session_bin, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ebb_session_bin_dispose (GObject *object)
{
  EbbSessionBin *self = (EbbSessionBin *) object;
  EbbSessionBinPrivate *priv = ebb_session_bin_get_instance_private (self);

  g_clear_object (&priv->session);

  G_OBJECT_CLASS (ebb_session_bin_parent_class)->dispose (object);
}

static void
ebb_session_bin_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbbSessionBin *self = EBB_SESSION_BIN (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, ebb_session_bin_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_session_bin_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EbbSessionBin *self = EBB_SESSION_BIN (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ebb_session_bin_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_session_bin_class_init (EbbSessionBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ebb_session_bin_dispose;
  object_class->get_property = ebb_session_bin_get_property;
  object_class->set_property = ebb_session_bin_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         EBB_TYPE_OPERATOR_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ebb_session_bin_init (EbbSessionBin *self)
{
}

/**
 * ebb_session_bin_get_session:
 * @self: a front-desk page
 *
 * Returns: (transfer none) (nullable): the operator session the page acts as
 */
EbbOperatorSession *
ebb_session_bin_get_session (EbbSessionBin *self)
{
  EbbSessionBinPrivate *priv;

  g_return_val_if_fail (EBB_IS_SESSION_BIN (self), NULL);

  priv = ebb_session_bin_get_instance_private (self);
  return priv->session;
}

/**
 * ebb_session_bin_set_session:
 * @self: a front-desk page
 * @session: (nullable): the console's operator session
 */
void
ebb_session_bin_set_session (EbbSessionBin      *self,
                             EbbOperatorSession *session)
{
  EbbSessionBinPrivate *priv;

  g_return_if_fail (EBB_IS_SESSION_BIN (self));
  g_return_if_fail (session == NULL || EBB_IS_OPERATOR_SESSION (session));

  priv = ebb_session_bin_get_instance_private (self);
  if (!g_set_object (&priv->session, session))
    return;

  if (EBB_SESSION_BIN_GET_CLASS (self)->session_changed != NULL)
    EBB_SESSION_BIN_GET_CLASS (self)->session_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
