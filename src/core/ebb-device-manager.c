/* ebb-device-manager.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-device-manager"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-device-manager.h"
#include "ebb-device-spec.h"
#include "ebb-port-info.h"

/* The console's one chamber connection: opens the configured device,
 * reports what happened, and reconnects on its own when the chamber is
 * unplugged and comes back. A running session keeps its own reference to
 * the chamber and ends as the runner decides (architecture.md). */
struct _EbbDeviceManager
{
  GObject         parent_instance;

  /* owned */
  char           *spec;
  EbbChamber     *chamber;
  GError         *error;
  GCancellable   *cancellable;

  /* state */
  EbbDeviceState  state;
  guint           retry_source;
};

G_DEFINE_FINAL_TYPE (EbbDeviceManager, ebb_device_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEVICE,
  PROP_STATE,
  PROP_CHAMBER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void start_connecting (EbbDeviceManager *self);

void
ebb_device_choice_free (EbbDeviceChoice *choice)
{
  if (choice == NULL)
    return;

  g_free (choice->label);
  g_free (choice->detail);
  g_free (choice->spec);
  g_free (choice);
}

static void
set_state (EbbDeviceManager *self,
           EbbDeviceState    state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static gboolean
retry_cb (gpointer user_data)
{
  EbbDeviceManager *self = user_data;

  self->retry_source = 0;
  start_connecting (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (EbbDeviceManager *self)
{
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (EBB_DEVICE_MANAGER_RETRY_SECONDS, retry_cb, self);
}

static void
drop_chamber (EbbDeviceManager *self)
{
  if (self->chamber == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->chamber, self);
  g_clear_object (&self->chamber);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHAMBER]);
}

static void
fail (EbbDeviceManager *self,
      GError           *error)
{
  g_clear_error (&self->error);
  self->error = error;
  drop_chamber (self);
  set_state (self, EBB_DEVICE_STATE_DISCONNECTED);
  schedule_retry (self);
}

static void
port_vanished_cb (EbbChamber       *chamber,
                  const GError     *error,
                  EbbDeviceManager *self)
{
  fail (self, g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_DISCONNECTED,
                           _("The chamber was disconnected (%s). Check its USB cable and power; "
                             "Ebbflow reconnects by itself when it comes back."),
                           ebb_chamber_get_port (chamber)));
}

static void
link_failed_cb (EbbChamber       *chamber,
                EbbDeviceManager *self)
{
  fail (self, g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_LINK_FAILED,
                           _("The chamber on %s stopped answering. Check its cable and power; "
                             "Ebbflow reconnects by itself when it answers again."),
                           ebb_chamber_get_port (chamber)));
}

static void
stream_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Without telemetry the lid and fault flags are not live; the session
   * runner asks again at its own rate, so this is only worth a log line. */
  if (!ebb_chamber_stream_finish (EBB_CHAMBER (object), result, &error) &&
      !g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_CANCELLED))
    g_debug ("Cannot start idle telemetry: %s", error->message);
}

static void
open_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EbbDeviceManager) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbChamber) chamber = ebb_chamber_open_device_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_CANCELLED))
    return;

  if (chamber == NULL)
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  g_clear_error (&self->error);
  self->chamber = g_steal_pointer (&chamber);
  g_signal_connect (self->chamber, "port-vanished", G_CALLBACK (port_vanished_cb), self);
  g_signal_connect (self->chamber, "link-failed", G_CALLBACK (link_failed_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHAMBER]);
  set_state (self, EBB_DEVICE_STATE_CONNECTED);

  ebb_chamber_stream_async (self->chamber, EBB_DEVICE_MANAGER_IDLE_RATE_HZ,
                            NULL, stream_ready_cb, NULL);
}

static void
start_connecting (EbbDeviceManager *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  drop_chamber (self);

  if (self->spec == NULL || *self->spec == '\0')
    {
      set_state (self, EBB_DEVICE_STATE_DISCONNECTED);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_state (self, EBB_DEVICE_STATE_CONNECTING);
  ebb_chamber_open_device_async (self->spec, self->cancellable, open_ready_cb, g_object_ref (self));
}

static void
close_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ebb_chamber_close_finish (EBB_CHAMBER (object), result, &error))
    g_debug ("Closing %s: %s", ebb_chamber_get_port (EBB_CHAMBER (object)), error->message);
}

static void
ebb_device_manager_dispose (GObject *object)
{
  EbbDeviceManager *self = EBB_DEVICE_MANAGER (object);

  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* Close politely (VENT, BYE; ECP-1 §5.6); the chamber keeps itself
   * alive until that is done. */
  if (self->chamber != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chamber, self);
      ebb_chamber_close_async (self->chamber, NULL, close_ready_cb, NULL);
      g_clear_object (&self->chamber);
    }

  G_OBJECT_CLASS (ebb_device_manager_parent_class)->dispose (object);
}

static void
ebb_device_manager_finalize (GObject *object)
{
  EbbDeviceManager *self = EBB_DEVICE_MANAGER (object);

  g_free (self->spec);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (ebb_device_manager_parent_class)->finalize (object);
}

static void
ebb_device_manager_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EbbDeviceManager *self = EBB_DEVICE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_string (value, self->spec);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_CHAMBER:
      g_value_set_object (value, self->chamber);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_device_manager_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EbbDeviceManager *self = EBB_DEVICE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      ebb_device_manager_set_device (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_device_manager_class_init (EbbDeviceManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ebb_device_manager_dispose;
  object_class->finalize = ebb_device_manager_finalize;
  object_class->get_property = ebb_device_manager_get_property;
  object_class->set_property = ebb_device_manager_set_property;

  properties [PROP_DEVICE] =
    g_param_spec_string ("device", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      EBB_DEVICE_STATE_DISCONNECTED, EBB_DEVICE_STATE_CONNECTED,
                      EBB_DEVICE_STATE_DISCONNECTED,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CHAMBER] =
    g_param_spec_object ("chamber", NULL, NULL, EBB_TYPE_CHAMBER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ebb_device_manager_init (EbbDeviceManager *self)
{
  self->state = EBB_DEVICE_STATE_DISCONNECTED;
}

/**
 * ebb_device_manager_new:
 *
 * Returns: (transfer full): a manager with no device selected
 */
EbbDeviceManager *
ebb_device_manager_new (void)
{
  return g_object_new (EBB_TYPE_DEVICE_MANAGER, NULL);
}

/**
 * ebb_device_manager_get_device:
 * @self: the manager
 *
 * Returns: (nullable): the device string in use
 */
const char *
ebb_device_manager_get_device (EbbDeviceManager *self)
{
  g_return_val_if_fail (EBB_IS_DEVICE_MANAGER (self), NULL);

  return self->spec;
}

/**
 * ebb_device_manager_set_device:
 * @self: the manager
 * @spec: (nullable): a device string: a port path, `auto`, `sim` or `sim:OPTIONS`
 *
 * Closes the current chamber, if any, and connects to @spec.
 */
void
ebb_device_manager_set_device (EbbDeviceManager *self,
                               const char       *spec)
{
  g_return_if_fail (EBB_IS_DEVICE_MANAGER (self));

  if (g_strcmp0 (self->spec, spec) != 0)
    {
      g_free (self->spec);
      self->spec = g_strdup (spec);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEVICE]);
    }

  g_clear_error (&self->error);
  start_connecting (self);
}

/**
 * ebb_device_manager_get_state:
 * @self: the manager
 *
 * Returns: whether a chamber is connected
 */
EbbDeviceState
ebb_device_manager_get_state (EbbDeviceManager *self)
{
  g_return_val_if_fail (EBB_IS_DEVICE_MANAGER (self), EBB_DEVICE_STATE_DISCONNECTED);

  return self->state;
}

/**
 * ebb_device_manager_get_chamber:
 * @self: the manager
 *
 * Returns: (transfer none) (nullable): the connected chamber
 */
EbbChamber *
ebb_device_manager_get_chamber (EbbDeviceManager *self)
{
  g_return_val_if_fail (EBB_IS_DEVICE_MANAGER (self), NULL);

  return self->chamber;
}

/**
 * ebb_device_manager_get_error:
 * @self: the manager
 *
 * Returns: (nullable): why the last attempt to connect failed, or why the
 *   chamber went away; its message tells the operator what to do
 */
const GError *
ebb_device_manager_get_error (EbbDeviceManager *self)
{
  g_return_val_if_fail (EBB_IS_DEVICE_MANAGER (self), NULL);

  return self->error;
}

static void
status_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree EbbDeviceStatusReport *report = g_new0 (EbbDeviceStatusReport, 1);
  GError *error = NULL;

  if (!ebb_chamber_get_status_finish (EBB_CHAMBER (object), result, report, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&report), g_free);
}

/**
 * ebb_device_manager_get_status_async:
 * @self: the manager
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks the connected chamber for STATUS (ECP-1 §4.1 GET_STATUS). Without a
 * connected chamber it fails at once with %EBB_CHAMBER_ERROR_NOT_CONNECTED.
 */
void
ebb_device_manager_get_status_async (EbbDeviceManager    *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EBB_IS_DEVICE_MANAGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ebb_device_manager_get_status_async);

  if (self->state != EBB_DEVICE_STATE_CONNECTED || self->chamber == NULL)
    {
      g_task_return_new_error (task, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED,
                               "No chamber is connected");
      return;
    }

  ebb_chamber_get_status_async (self->chamber, cancellable, status_ready_cb, g_steal_pointer (&task));
}

/**
 * ebb_device_manager_get_status_finish:
 * @self: the manager
 * @result: the result
 * @report: (out caller-allocates): the chamber's STATUS
 * @error: return location for an #EBB_CHAMBER_ERROR
 *
 * Returns: %TRUE when the chamber answered
 */
gboolean
ebb_device_manager_get_status_finish (EbbDeviceManager       *self,
                                      GAsyncResult           *result,
                                      EbbDeviceStatusReport  *report,
                                      GError                **error)
{
  g_autofree EbbDeviceStatusReport *answer = NULL;

  g_return_val_if_fail (EBB_IS_DEVICE_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return FALSE;

  *report = *answer;
  return TRUE;
}

/**
 * ebb_device_manager_reconnect:
 * @self: the manager
 *
 * Closes and opens the device again at once.
 */
void
ebb_device_manager_reconnect (EbbDeviceManager *self)
{
  g_return_if_fail (EBB_IS_DEVICE_MANAGER (self));

  g_clear_error (&self->error);
  start_connecting (self);
}

static EbbDeviceChoice *
choice_new (const char *label,
            const char *detail,
            const char *spec,
            gboolean    is_chamber)
{
  EbbDeviceChoice *choice = g_new0 (EbbDeviceChoice, 1);

  choice->label = g_strdup (label);
  choice->detail = g_strdup (detail);
  choice->spec = g_strdup (spec);
  choice->is_chamber = is_chamber;
  return choice;
}

static int
chambers_first_cb (gconstpointer a,
                   gconstpointer b)
{
  const EbbDeviceChoice *ca = *(EbbDeviceChoice * const *) a;
  const EbbDeviceChoice *cb = *(EbbDeviceChoice * const *) b;

  if (ca->is_chamber != cb->is_chamber)
    return ca->is_chamber ? -1 : 1;

  return g_strcmp0 (ca->spec, cb->spec);
}

/**
 * ebb_device_manager_list_choices:
 * @error: where to put an enumeration failure
 *
 * Lists what the operator can choose: chambers recognised by their USB
 * identifiers first, then the other serial ports with their descriptions,
 * then the built-in simulated chamber.
 *
 * Returns: (transfer full) (element-type EbbDeviceChoice): the choices
 */
GPtrArray *
ebb_device_manager_list_choices (GError **error)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_device_choice_free);
  g_autoptr(GPtrArray) ports = ebb_port_info_list (error);

  if (ports == NULL)
    return NULL;

  for (guint i = 0; i < ports->len; i++)
    {
      const EbbPortInfo *info = g_ptr_array_index (ports, i);
      gboolean is_chamber = ebb_port_info_is_chamber (info);
      g_autofree char *detail = NULL;

      if (is_chamber && info->serial != NULL)
        /* Translators: a serial port path and a chamber's serial number */
        detail = g_strdup_printf (_("%s, serial number %s"), info->path, info->serial);
      else
        detail = g_strdup (info->path);

      g_ptr_array_add (choices,
                       choice_new (is_chamber ? _("Ebbflow INP chamber")
                                              : (info->description ? info->description : info->path),
                                   detail, info->path, is_chamber));
    }

  g_ptr_array_sort (choices, chambers_first_cb);
  g_ptr_array_add (choices, choice_new (_("Simulated chamber"),
                                        _("Built in: try everything without hardware"),
                                        "sim", FALSE));
  return g_steal_pointer (&choices);
}
