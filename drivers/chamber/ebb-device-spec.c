/* ebb-device-spec.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-device-spec"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-device-spec.h"
#include "ebb-port-info.h"
#include "ebb-sim-chamber.h"
#include "ebb-tty-transport.h"

#include <string.h>

#define SIMULATOR_KEY "ebb-simulator"

/**
 * ebb_device_spec_parse:
 * @spec: a device string: a path, `auto`, `sim` or `sim:OPTIONS`
 * @kind: (out): what @spec names
 * @argument: (out) (optional) (transfer full): the path, or the simulator
 *   options (possibly empty); %NULL for `auto`
 * @error: return location for a #GError
 *
 * @return: %FALSE with %EBB_CHAMBER_ERROR_INVALID_DEVICE when @spec names
 *   nothing
 */
gboolean
ebb_device_spec_parse (const char     *spec,
                       EbbDeviceKind  *kind,
                       char          **argument,
                       GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  text = g_strstrip (g_strdup (spec));

  if (strcmp (text, "auto") == 0)
    {
      *kind = EBB_DEVICE_KIND_AUTO;
      if (argument != NULL)
        *argument = NULL;
      return TRUE;
    }

  if (strcmp (text, "sim") == 0 || g_str_has_prefix (text, "sim:"))
    {
      *kind = EBB_DEVICE_KIND_SIM;
      if (argument != NULL)
        *argument = g_strdup (text[3] == ':' ? text + 4 : "");
      return TRUE;
    }

  if (text[0] == '/')
    {
      *kind = EBB_DEVICE_KIND_PATH;
      if (argument != NULL)
        *argument = g_steal_pointer (&text);
      return TRUE;
    }

  g_set_error (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_INVALID_DEVICE,
               _("“%s” is not a chamber device. Give a port path such as /dev/ttyACM0, “auto” "
                 "for the first chamber plugged in, or “sim” for the simulated chamber."),
               spec);
  return FALSE;
}

static void
simulator_free (gpointer data)
{
  EbbSimChamber *sim = data;

  ebb_sim_chamber_stop (sim);
  g_object_unref (sim);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  EbbChamber *chamber = EBB_CHAMBER (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!ebb_chamber_connect_finish (chamber, result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (chamber), g_object_unref);
}

/**
 * ebb_chamber_open_device_async:
 * @spec: a device string (see ebb_device_spec_parse())
 * @cancellable: (nullable): cancels the handshake
 * @callback: called with the connected chamber
 * @user_data: for @callback
 *
 * Finds the port @spec names (`auto`: by USB IDs; `sim`: starts an
 * in-process simulated chamber on a new pseudo-terminal, which lives as
 * long as the chamber object), picks its transport and connects. The
 * calling thread's context becomes the chamber's owner context.
 */
void
ebb_chamber_open_device_async (const char          *spec,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(EbbSimChamber) sim = NULL;
  g_autoptr(EbbTransport) transport = NULL;
  g_autoptr(EbbChamber) chamber = NULL;
  g_autofree char *argument = NULL;
  g_autofree char *path = NULL;
  EbbDeviceKind kind;
  GError *error = NULL;

  g_return_if_fail (spec != NULL);

  g_task_set_source_tag (task, ebb_chamber_open_device_async);

  if (!ebb_device_spec_parse (spec, &kind, &argument, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  switch (kind)
    {
    case EBB_DEVICE_KIND_AUTO:
      path = ebb_port_info_find_chamber (&error);
      if (path == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      transport = ebb_transport_new_for_path (path);
      break;

    case EBB_DEVICE_KIND_SIM:
      sim = ebb_sim_chamber_new (argument, &error);
      if (sim == NULL || !ebb_sim_chamber_start (sim, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      transport = EBB_TRANSPORT (ebb_tty_transport_new (ebb_sim_chamber_get_path (sim)));
      break;

    case EBB_DEVICE_KIND_PATH:
    default:
      transport = ebb_transport_new_for_path (argument);
      break;
    }

  chamber = ebb_chamber_new (transport);
  if (sim != NULL)
    g_object_set_data_full (G_OBJECT (chamber), SIMULATOR_KEY, g_steal_pointer (&sim),
                            simulator_free);

  ebb_chamber_connect_async (chamber, cancellable, connect_cb, g_steal_pointer (&task));
}

/**
 * ebb_chamber_open_device_finish:
 * @result: the result
 * @error: return location for a #GError (EBB_CHAMBER_ERROR,
 *   EBB_TRANSPORT_ERROR or EBB_SIM_ERROR)
 *
 * @return: (transfer full): the connected chamber, or %NULL
 */
EbbChamber *
ebb_chamber_open_device_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ebb_chamber_get_simulator:
 * @chamber: a chamber made by ebb_chamber_open_device_async()
 *
 * @return: (transfer none) (nullable): its in-process EbbSimChamber when
 *   the device string was `sim`, for fault injection
 */
gpointer
ebb_chamber_get_simulator (EbbChamber *chamber)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (chamber), NULL);

  return g_object_get_data (G_OBJECT (chamber), SIMULATOR_KEY);
}
