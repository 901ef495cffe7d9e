/* ebb-port-info.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-port-info"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-ecp-types.h"
#include "ebb-port-info.h"
#include "ebb-transport.h"

#include <errno.h>
#include <libserialport.h>
#include <string.h>

G_DEFINE_BOXED_TYPE (EbbPortInfo, ebb_port_info, ebb_port_info_copy, ebb_port_info_free)

EbbPortInfo *
ebb_port_info_copy (const EbbPortInfo *info)
{
  EbbPortInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (EbbPortInfo, 1);
  *copy = *info;
  copy->path = g_strdup (info->path);
  copy->description = g_strdup (info->description);
  copy->manufacturer = g_strdup (info->manufacturer);
  copy->product = g_strdup (info->product);
  copy->serial = g_strdup (info->serial);
  return copy;
}

void
ebb_port_info_free (EbbPortInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info->description);
  g_free (info->manufacturer);
  g_free (info->product);
  g_free (info->serial);
  g_free (info);
}

/**
 * ebb_port_info_is_chamber:
 * @info: a port
 *
 * @return: %TRUE when the port's USB IDs are an ECP/1 chamber's (ECP-1 §1)
 */
gboolean
ebb_port_info_is_chamber (const EbbPortInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return info->kind == EBB_PORT_KIND_USB &&
         info->usb_vid == EBB_ECP_USB_VID &&
         info->usb_pid == EBB_ECP_USB_PID;
}

/**
 * ebb_port_kind_to_string:
 * @kind: a port kind
 *
 * @return: "usb", "native" or "bluetooth", for JSON and logs
 */
const char *
ebb_port_kind_to_string (EbbPortKind kind)
{
  switch (kind)
    {
    case EBB_PORT_KIND_USB:
      return "usb";
    case EBB_PORT_KIND_BLUETOOTH:
      return "bluetooth";
    case EBB_PORT_KIND_NATIVE:
    default:
      return "native";
    }
}

static EbbPortInfo *
port_info_from_sp (const struct sp_port *port)
{
  EbbPortInfo *info = g_new0 (EbbPortInfo, 1);
  const char *description = sp_get_port_description (port);

  info->path = g_strdup (sp_get_port_name (port));
  info->description = g_strdup (description != NULL ? description : "");

  switch (sp_get_port_transport (port))
    {
    case SP_TRANSPORT_USB:
      {
        int vid = 0, pid = 0;

        info->kind = EBB_PORT_KIND_USB;
        if (sp_get_port_usb_vid_pid (port, &vid, &pid) == SP_OK)
          {
            info->usb_vid = vid;
            info->usb_pid = pid;
          }
        info->manufacturer = g_strdup (sp_get_port_usb_manufacturer (port));
        info->product = g_strdup (sp_get_port_usb_product (port));
        info->serial = g_strdup (sp_get_port_usb_serial (port));
      }
      break;

    case SP_TRANSPORT_BLUETOOTH:
      info->kind = EBB_PORT_KIND_BLUETOOTH;
      break;

    case SP_TRANSPORT_NATIVE:
    default:
      info->kind = EBB_PORT_KIND_NATIVE;
      break;
    }

  return info;
}

static int
compare_path (gconstpointer a,
              gconstpointer b)
{
  const EbbPortInfo *pa = *(const EbbPortInfo * const *) a;
  const EbbPortInfo *pb = *(const EbbPortInfo * const *) b;

  return strcmp (pa->path, pb->path);
}

/**
 * ebb_port_info_list:
 * @error: return location for a #GError
 *
 * Lists the serial ports the system knows, sorted by path. Chambers are
 * those for which ebb_port_info_is_chamber() is %TRUE.
 *
 * @return: (transfer full) (element-type EbbPortInfo): the ports, possibly
 *   none; %NULL with @error set when enumeration failed
 */
GPtrArray *
ebb_port_info_list (GError **error)
{
  g_autoptr(GPtrArray) ports = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_port_info_free);
  struct sp_port **list = NULL;
  enum sp_return ret = sp_list_ports (&list);

  if (ret != SP_OK)
    {
      char *message = ret == SP_ERR_FAIL ? sp_last_error_message () : NULL;

      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_FAILED,
                   _("Could not list the serial ports: %s."),
                   message != NULL ? message : g_strerror (ENOMEM));
      if (message != NULL)
        sp_free_error_message (message);
      return NULL;
    }

  for (guint i = 0; list[i] != NULL; i++)
    g_ptr_array_add (ports, port_info_from_sp (list[i]));
  sp_free_port_list (list);

  g_ptr_array_sort (ports, compare_path);
  return g_steal_pointer (&ports);
}

/**
 * ebb_port_info_find_chamber:
 * @error: return location for a #GError
 *
 * The device string `auto`: the first port, by path, whose USB IDs are a
 * chamber's.
 *
 * @return: (transfer full): its path, or %NULL with
 *   %EBB_TRANSPORT_ERROR_NO_SUCH_PORT when no chamber is plugged in
 */
char *
ebb_port_info_find_chamber (GError **error)
{
  g_autoptr(GPtrArray) ports = ebb_port_info_list (error);

  if (ports == NULL)
    return NULL;

  for (guint i = 0; i < ports->len; i++)
    {
      const EbbPortInfo *info = g_ptr_array_index (ports, i);

      if (ebb_port_info_is_chamber (info))
        return g_strdup (info->path);
    }

  g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT,
               _("No chamber is plugged in: no serial port has the USB IDs %04x:%04x. Connect "
                 "the chamber’s USB cable and switch it on, or choose its port by path."),
               EBB_ECP_USB_VID, EBB_ECP_USB_PID);
  return NULL;
}
