/* ebb-chamber.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-chamber"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-chamber-private.h"

#include <string.h>

/* §5.4: link loss after max(500 ms, 3 telemetry periods) of silence. */
#define LINK_LOSS_MIN_MS      500
#define LINK_LOSS_PERIODS     3

typedef enum
{
  STATE_IDLE,
  STATE_CONNECTING,
  STATE_CONNECTED,
  STATE_FAILED,     /* link failed or port vanished: only close remains */
  STATE_CLOSED,
} State;

typedef struct
{
  EbbChamber *self;        /* borrowed: commands die with the chamber */
  guint16     seq;
  guint8      type;
  guint       attempts;
  GSource    *timer;
  GTask      *task;        /* NULL for fire-and-forget (vent_now) */
  gsize       len;
  guint8      frame[EBB_ECP_MAX_ENCODED_FRAME];
} Command;

struct _EbbChamber
{
  GObject       parent_instance;

  /* owned */
  EbbTransport *transport;
  EbbChamberIo *io;
  GMainContext *owner_context;
  GHashTable   *commands;         /* seq → Command */
  GTask        *connect_task;
  GTask        *close_task;
  GSource      *hello_timer;
  GSource      *heartbeat;
  char         *model;
  char         *serial;
  char         *firmware;

  /* state */
  State         state;
  guint         seq;              /* next host sequence number */
  guint32       nonce;
  guint         hello_attempts;
  int           floor_pa;
  guint         watchdog_ms;
  guint         max_rate_hz;
  guint         capabilities;
  guint         flags;
  guint         faults;
  gboolean      have_faults;
  guint         stream_rate;
  guint32       last_device_ms;
  gboolean      have_device_ms;
  gboolean      heartbeats_enabled;
  gboolean      link_lost;
  guint64       retransmissions;
  EbbChamberLinkStats last_stats;  /* kept when the I/O half goes */
};

G_DEFINE_FINAL_TYPE (EbbChamber, ebb_chamber, G_TYPE_OBJECT)

G_DEFINE_QUARK (ebb-chamber-error-quark, ebb_chamber_error)

enum {
  PROP_0,
  PROP_TRANSPORT,
  PROP_PORT,
  PROP_CONNECTED,
  PROP_MODEL,
  PROP_SERIAL,
  PROP_FIRMWARE,
  PROP_FLOOR_PA,
  PROP_WATCHDOG_MS,
  PROP_MAX_RATE_HZ,
  PROP_CAPABILITIES,
  PROP_FLAGS,
  PROP_FAULTS,
  N_PROPS
};

enum {
  TELEMETRY,
  FAULTS_RAISED,
  FAULTS_CLEARED,
  EVENT,
  REBOOTED,
  LINK_LOST,
  LINK_RESTORED,
  LINK_FAILED,
  PORT_VANISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void command_free (gpointer data);

static GSource *
add_timeout (EbbChamber  *self,
             guint        interval_ms,
             GSourceFunc  func,
             gpointer     data)
{
  GSource *source = g_timeout_source_new (interval_ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->owner_context);
  return source;
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static guint16
next_seq (EbbChamber *self)
{
  return (guint16) g_atomic_int_add (&self->seq, 1);
}

static gsize
encode (EbbChamber   *self,
        EbbEcpPacket *packet,
        guint8       *frame)
{
  gsize len;

  packet->seq = next_seq (self);
  len = ebb_ecp_frame_encode (packet, frame, EBB_ECP_MAX_ENCODED_FRAME);
  g_assert (len > 0);
  return len;
}

static void
send_simple (EbbChamber *self,
             guint8      type)
{
  EbbEcpPacket packet = { .type = type };
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  gsize len = encode (self, &packet, frame);

  _ebb_chamber_io_send (self->io, frame, len, FALSE);
}

static void
set_string (EbbChamber         *self,
            char              **field,
            const EbbEcpString *s,
            guint               prop)
{
  g_autofree char *valid = g_utf8_make_valid (s->str, -1);

  if (g_strcmp0 (*field, valid) == 0)
    return;

  g_free (*field);
  *field = g_steal_pointer (&valid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_uint (EbbChamber *self,
          guint      *field,
          guint       value,
          guint       prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static GError *
error_for_result (guint8      result,
                  guint8      type,
                  const char *port)
{
  const char *name = ebb_ecp_message_type_name (type);

  switch (result)
    {
    case EBB_ECP_RESULT_BAD_PAYLOAD:
      return g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_BAD_PAYLOAD,
                          _("The chamber on %s rejected %s as malformed."), port, name);
    case EBB_ECP_RESULT_OUT_OF_RANGE:
      return g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_OUT_OF_RANGE,
                          _("The chamber on %s refused %s: the value is outside its range."),
                          port, name);
    case EBB_ECP_RESULT_FAULT_ACTIVE:
      return g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_FAULT_ACTIVE,
                          _("The chamber on %s refused %s: a fault is active. Remove its cause "
                            "and clear the faults."), port, name);
    case EBB_ECP_RESULT_UNSUPPORTED:
      return g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_UNSUPPORTED,
                          _("The chamber on %s does not support %s."), port, name);
    case EBB_ECP_RESULT_LID_OPEN:
      return g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_LID_OPEN,
                          _("The chamber on %s refused %s: the lid is open. Close and seal the "
                            "lid."), port, name);
    default:
      return g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_PROTOCOL,
                          _("The chamber on %s answered %s with the unknown result %u."),
                          port, name, result);
    }
}

static void
finish_command (EbbChamber *self,
                guint16     seq,
                GError     *error,
                gpointer    status)
{
  Command *cmd = g_hash_table_lookup (self->commands, GUINT_TO_POINTER (seq));
  g_autoptr(GTask) task = NULL;

  if (cmd == NULL)
    {
      g_clear_error (&error);
      g_free (status);
      return;
    }

  task = g_steal_pointer (&cmd->task);
  g_hash_table_remove (self->commands, GUINT_TO_POINTER (seq));

  if (task == NULL)
    {
      if (error != NULL)
        g_debug ("%s", error->message);
      g_clear_error (&error);
      g_free (status);
    }
  else if (error != NULL)
    g_task_return_error (task, error);
  else if (status != NULL)
    g_task_return_pointer (task, status, g_free);
  else
    g_task_return_boolean (task, TRUE);
}

static void
fail_all_commands (EbbChamber *self,
                   int         code,
                   const char *message)
{
  g_autoptr(GList) seqs = g_hash_table_get_keys (self->commands);

  for (const GList *l = seqs; l != NULL; l = l->next)
    finish_command (self, GPOINTER_TO_UINT (l->data),
                    g_error_new_literal (EBB_CHAMBER_ERROR, code, message), NULL);
}

static void
stop_heartbeats (EbbChamber *self)
{
  clear_source (&self->heartbeat);
}

static void
update_link_timeout (EbbChamber *self)
{
  guint timeout = 0;

  if (self->stream_rate > 0)
    timeout = MAX (LINK_LOSS_MIN_MS, LINK_LOSS_PERIODS * 1000 / self->stream_rate);

  _ebb_chamber_io_set_link_timeout (self->io, timeout);
}

/* The link is unusable: fail what waits, stop feeding the watchdog (the
 * device vents on its own, §5.2) and leave only close to do. */
static void
enter_failed (EbbChamber *self,
              int         code,
              const char *message)
{
  gboolean was_connected = self->state == STATE_CONNECTED;

  self->state = STATE_FAILED;
  stop_heartbeats (self);
  fail_all_commands (self, code, message);
  if (was_connected)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static gboolean
command_timeout_cb (gpointer data)
{
  Command *cmd = data;
  EbbChamber *self = cmd->self;
  g_autofree char *message = NULL;

  clear_source (&cmd->timer);

  if (cmd->attempts < EBB_ECP_ATTEMPTS)
    {
      /* §5.3: the same bytes, the same sequence number. */
      cmd->attempts++;
      self->retransmissions++;
      g_debug ("retransmitting %s seq=%u, attempt %u",
               ebb_ecp_message_type_name (cmd->type), cmd->seq, cmd->attempts);
      _ebb_chamber_io_send (self->io, cmd->frame, cmd->len, cmd->type == EBB_ECP_MSG_VENT);
      cmd->timer = add_timeout (self, EBB_ECP_ACK_TIMEOUT_MS, command_timeout_cb, cmd);
      return G_SOURCE_REMOVE;
    }

  message = g_strdup_printf (_("The chamber on %s did not answer %s %u times: the link has "
                               "failed. Check the cable and the chamber, then connect again."),
                             ebb_transport_get_path (self->transport),
                             ebb_ecp_message_type_name (cmd->type), EBB_ECP_ATTEMPTS);
  finish_command (self, cmd->seq,
                  g_error_new_literal (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_LINK_FAILED, message),
                  NULL);

  if (self->state == STATE_CONNECTED)
    {
      enter_failed (self, EBB_CHAMBER_ERROR_LINK_FAILED, message);
      g_signal_emit (self, signals[LINK_FAILED], 0);
    }

  return G_SOURCE_REMOVE;
}

static void
command_free (gpointer data)
{
  Command *cmd = data;

  clear_source (&cmd->timer);
  if (cmd->task != NULL)
    g_task_return_new_error (g_steal_pointer (&cmd->task), EBB_CHAMBER_ERROR,
                             EBB_CHAMBER_ERROR_CANCELLED,
                             _("The chamber connection closed before the command finished."));
  g_free (cmd);
}

static void
send_command (EbbChamber   *self,
              EbbEcpPacket *packet,
              GTask        *task)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->self = self;
  cmd->type = packet->type;
  cmd->len = encode (self, packet, cmd->frame);
  cmd->seq = packet->seq;
  cmd->attempts = 1;
  cmd->task = task;

  g_hash_table_replace (self->commands, GUINT_TO_POINTER (cmd->seq), cmd);
  _ebb_chamber_io_send (self->io, cmd->frame, cmd->len, cmd->type == EBB_ECP_MSG_VENT);
  cmd->timer = add_timeout (self, EBB_ECP_ACK_TIMEOUT_MS, command_timeout_cb, cmd);
}

static gboolean
heartbeat_cb (gpointer data)
{
  EbbChamber *self = data;

  if (self->heartbeats_enabled && self->state == STATE_CONNECTED)
    send_simple (self, EBB_ECP_MSG_HEARTBEAT);

  return G_SOURCE_CONTINUE;
}

static void
start_heartbeats (EbbChamber *self)
{
  /* ECP-1 §5.2: a frame at least every watchdog_ms / 4, however short the
   * device's watchdog; only a nonsensical watchdog below 4 ms is rounded. */
  guint interval = MAX (1, self->watchdog_ms / 4);

  stop_heartbeats (self);
  /* On the owner's context, never the I/O thread: a hung owner must stop
   * feeding the watchdog (§5.2). */
  self->heartbeat = add_timeout (self, interval, heartbeat_cb, self);
}

static void
send_hello (EbbChamber *self)
{
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_HELLO };
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  gsize len;

  packet.hello.proto_major = EBB_ECP_PROTO_MAJOR;
  packet.hello.proto_minor = EBB_ECP_PROTO_MINOR;
  packet.hello.host_nonce = self->nonce;
  len = encode (self, &packet, frame);
  self->hello_attempts++;
  _ebb_chamber_io_send (self->io, frame, len, FALSE);
}

static void
connect_failed (EbbChamber *self,
                GError     *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

  clear_source (&self->hello_timer);
  self->state = STATE_CLOSED;
  g_clear_pointer (&self->io, _ebb_chamber_io_free);

  if (task != NULL)
    g_task_return_error (task, error);
  else
    g_clear_error (&error);
}

static gboolean
hello_timeout_cb (gpointer data)
{
  EbbChamber *self = data;
  GCancellable *cancellable = g_task_get_cancellable (self->connect_task);

  clear_source (&self->hello_timer);

  if (g_cancellable_is_cancelled (cancellable))
    {
      connect_failed (self, g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_CANCELLED,
                                         _("Connecting to %s was cancelled."),
                                         ebb_transport_get_path (self->transport)));
      return G_SOURCE_REMOVE;
    }

  if (self->hello_attempts < EBB_ECP_ATTEMPTS)
    {
      send_hello (self);
      self->hello_timer = add_timeout (self, EBB_ECP_HELLO_TIMEOUT_MS, hello_timeout_cb, self);
      return G_SOURCE_REMOVE;
    }

  connect_failed (self, g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NO_ANSWER,
                                     _("No ECP/1 chamber answers on %s. Check that this is the "
                                       "chamber’s port and that the chamber is switched on."),
                                     ebb_transport_get_path (self->transport)));
  return G_SOURCE_REMOVE;
}

static void
handle_ident (EbbChamber         *self,
              const EbbEcpIdent  *ident)
{
  g_autoptr(GTask) task = NULL;

  if (self->state != STATE_CONNECTING || ident->host_nonce != self->nonce)
    {
      g_debug ("ignoring an IDENT that answers no HELLO of ours");
      return;
    }

  if (ident->proto_major != EBB_ECP_PROTO_MAJOR)
    {
      connect_failed (self, g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_PROTOCOL,
                                         _("The device on %s speaks ECP/%u, not ECP/1. Update "
                                           "Ebbflow or use a chamber with ECP/1 firmware."),
                                         ebb_transport_get_path (self->transport),
                                         ident->proto_major));
      return;
    }

  clear_source (&self->hello_timer);
  task = g_steal_pointer (&self->connect_task);

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->model, &ident->model, PROP_MODEL);
  set_string (self, &self->serial, &ident->serial, PROP_SERIAL);
  set_string (self, &self->firmware, &ident->firmware, PROP_FIRMWARE);
  if (self->floor_pa != ident->floor_pa)
    {
      self->floor_pa = ident->floor_pa;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOOR_PA]);
    }
  set_uint (self, &self->watchdog_ms, ident->watchdog_ms, PROP_WATCHDOG_MS);
  set_uint (self, &self->max_rate_hz, ident->max_rate_hz, PROP_MAX_RATE_HZ);
  set_uint (self, &self->capabilities, ident->capabilities, PROP_CAPABILITIES);
  self->state = STATE_CONNECTED;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  g_object_thaw_notify (G_OBJECT (self));

  g_debug ("connected to %s %s (firmware %s) on %s", self->model, self->serial,
           self->firmware, ebb_transport_get_path (self->transport));

  start_heartbeats (self);
  g_task_return_boolean (task, TRUE);
}

static void
update_faults (EbbChamber *self,
               guint       faults)
{
  guint raised, cleared;

  if (!self->have_faults)
    {
      self->have_faults = TRUE;
      raised = faults;
      cleared = 0;
    }
  else
    {
      raised = faults & ~self->faults;
      cleared = self->faults & ~faults;
    }

  if (raised == 0 && cleared == 0)
    return;

  self->faults = faults;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAULTS]);

  if (raised != 0)
    g_signal_emit (self, signals[FAULTS_RAISED], 0, raised);
  if (cleared != 0)
    g_signal_emit (self, signals[FAULTS_CLEARED], 0, cleared);
}

static void
emit_batch (EbbChamber *self,
            GArray     *batch)
{
  if (batch->len == 0)
    return;

  g_signal_emit (self, signals[TELEMETRY], 0, batch);
  g_array_set_size (batch, 0);
}

static void
note_reboot (EbbChamber *self)
{
  g_debug ("the chamber on %s restarted", ebb_transport_get_path (self->transport));
  self->have_device_ms = FALSE;
  g_signal_emit (self, signals[REBOOTED], 0);
}

static void
handle_telemetry (EbbChamber            *self,
                  GArray                *batch,
                  const EbbEcpTelemetry *sample)
{
  /* §5.4: device_ms going backwards means the device restarted. A wrap
   * after 49.7 days is a small forward step in modular arithmetic. */
  if (self->have_device_ms && (gint32) (sample->device_ms - self->last_device_ms) < 0)
    {
      emit_batch (self, batch);
      note_reboot (self);
    }
  self->have_device_ms = TRUE;
  self->last_device_ms = sample->device_ms;

  if (self->have_faults && sample->faults != self->faults)
    emit_batch (self, batch);

  g_array_append_val (batch, *sample);
  update_faults (self, sample->faults);
  if (self->flags != sample->flags)
    {
      self->flags = sample->flags;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS]);
    }
}

static void
handle_ack (EbbChamber      *self,
            const EbbEcpAck *ack)
{
  Command *cmd = g_hash_table_lookup (self->commands, GUINT_TO_POINTER (ack->acked_seq));

  if (cmd == NULL || cmd->type != ack->acked_type)
    {
      /* A late ACK of a retransmitted command that already finished. */
      g_debug ("ACK of seq=%u matches no open command", ack->acked_seq);
      return;
    }

  if (ack->result == EBB_ECP_RESULT_OK)
    {
      if (cmd->type == EBB_ECP_MSG_STREAM)
        update_link_timeout (self);
      finish_command (self, cmd->seq, NULL, NULL);
    }
  else
    finish_command (self, cmd->seq,
                    error_for_result (ack->result, cmd->type,
                                      ebb_transport_get_path (self->transport)),
                    NULL);
}

static void
handle_status (EbbChamber         *self,
               const EbbEcpStatus *status)
{
  GHashTableIter iter;
  gpointer value;
  Command *oldest = NULL;

  update_faults (self, status->faults);
  if (self->flags != status->flags)
    {
      self->flags = status->flags;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS]);
    }

  /* STATUS names no sequence number: it answers the oldest GET_STATUS. */
  g_hash_table_iter_init (&iter, self->commands);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Command *cmd = value;

      if (cmd->type == EBB_ECP_MSG_GET_STATUS &&
          (oldest == NULL || (gint16) (cmd->seq - oldest->seq) < 0))
        oldest = cmd;
    }

  if (oldest != NULL)
    finish_command (self, oldest->seq, NULL, g_memdup2 (status, sizeof *status));
}

static void
handle_port_vanished (EbbChamber *self,
                      GError     *error)
{
  g_autofree char *message = g_strdup_printf (_("The chamber on %s was disconnected. Check the "
                                                "USB cable and the chamber’s power, then connect "
                                                "again."),
                                              ebb_transport_get_path (self->transport));

  if (self->state == STATE_CONNECTING)
    {
      connect_failed (self, g_error_new_literal (EBB_CHAMBER_ERROR,
                                                 EBB_CHAMBER_ERROR_DISCONNECTED, message));
      return;
    }

  if (self->state != STATE_CONNECTED && self->state != STATE_FAILED)
    return;

  enter_failed (self, EBB_CHAMBER_ERROR_DISCONNECTED, message);
  g_signal_emit (self, signals[PORT_VANISHED], 0, error);
}

static void
handle_item (EbbChamber       *self,
             GArray           *batch,
             EbbChamberIoItem *item)
{
  const EbbEcpPacket *p = &item->packet;

  if (item->kind != EBB_CHAMBER_IO_PACKET || p->type != EBB_ECP_MSG_TELEMETRY)
    emit_batch (self, batch);

  switch (item->kind)
    {
    case EBB_CHAMBER_IO_OPENED:
      if (self->state != STATE_CONNECTING)
        break;
      if (item->error != NULL)
        {
          connect_failed (self, g_steal_pointer (&item->error));
          break;
        }
      self->nonce = g_random_int ();
      send_hello (self);
      self->hello_timer = add_timeout (self, EBB_ECP_HELLO_TIMEOUT_MS, hello_timeout_cb, self);
      break;

    case EBB_CHAMBER_IO_DISCONNECTED:
      handle_port_vanished (self, item->error);
      break;

    case EBB_CHAMBER_IO_LINK_LOST:
      if (self->state == STATE_CONNECTED && !self->link_lost)
        {
          self->link_lost = TRUE;
          g_signal_emit (self, signals[LINK_LOST], 0);
        }
      break;

    case EBB_CHAMBER_IO_LINK_RESTORED:
      if (self->link_lost)
        {
          self->link_lost = FALSE;
          g_signal_emit (self, signals[LINK_RESTORED], 0);
        }
      break;

    case EBB_CHAMBER_IO_PACKET:
      switch (p->type)
        {
        case EBB_ECP_MSG_IDENT:
          handle_ident (self, &p->ident);
          break;
        case EBB_ECP_MSG_TELEMETRY:
          if (self->state == STATE_CONNECTED)
            handle_telemetry (self, batch, &p->telemetry);
          break;
        case EBB_ECP_MSG_ACK:
          handle_ack (self, &p->ack);
          break;
        case EBB_ECP_MSG_STATUS:
          handle_status (self, &p->status);
          break;
        case EBB_ECP_MSG_EVENT:
          if (self->state != STATE_CONNECTED)
            break;
          g_signal_emit (self, signals[EVENT], 0,
                         (guint) p->event.code, (int) p->event.value, (guint) p->event.device_ms);
          if (p->event.code == EBB_ECP_EVENT_BOOT)
            note_reboot (self);
          break;
        default:
          g_debug ("ignoring %s from the device", ebb_ecp_message_type_name (p->type));
          break;
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Owner's context: everything the I/O thread saw, in order. Telemetry goes
 * out in one batch per delivery, cut where anything else happened between
 * samples so that signals keep the device's order. */
static void
items_cb (GArray   *items,
          gpointer  user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(EbbChamber) self = g_weak_ref_get (weak);
  g_autoptr(GArray) owned = items;
  g_autoptr(GArray) batch = NULL;

  if (self == NULL)
    return;

  batch = g_array_sized_new (FALSE, FALSE, sizeof (EbbEcpTelemetry), items->len);
  for (guint i = 0; i < items->len && self->io != NULL; i++)
    handle_item (self, batch, &g_array_index (items, EbbChamberIoItem, i));
  emit_batch (self, batch);
}

static void
weak_ref_free (gpointer data)
{
  GWeakRef *weak = data;

  g_weak_ref_clear (weak);
  g_free (weak);
}

/* Stops everything; @last_words go out before the port closes. */
static void
shut_down (EbbChamber   *self,
           const guint8 *last_words,
           gsize         len)
{
  stop_heartbeats (self);
  clear_source (&self->hello_timer);
  if (self->io != NULL)
    {
      _ebb_chamber_io_stop (self->io, last_words, len);
      _ebb_chamber_io_get_stats (self->io, &self->last_stats);
    }
  g_hash_table_remove_all (self->commands);
  g_clear_pointer (&self->io, _ebb_chamber_io_free);
}

/* VENT and BYE written without waiting for their ACKs, then the port
 * closed: for a chamber dropped while connected, or closed after its link
 * failed, when nobody can wait for answers (§5.6 otherwise). */
static void
shut_down_with_goodbye (EbbChamber *self)
{
  guint8 frames[2 * EBB_ECP_MAX_ENCODED_FRAME];
  EbbEcpPacket vent = { .type = EBB_ECP_MSG_VENT };
  EbbEcpPacket bye = { .type = EBB_ECP_MSG_BYE };
  gsize len = encode (self, &vent, frames);

  len += encode (self, &bye, frames + len);
  shut_down (self, frames, len);
}

static void
ebb_chamber_dispose (GObject *object)
{
  EbbChamber *self = EBB_CHAMBER (object);

  if (self->io != NULL && (self->state == STATE_CONNECTED || self->state == STATE_FAILED))
    shut_down_with_goodbye (self);
  else
    shut_down (self, NULL, 0);

  self->state = STATE_CLOSED;

  G_OBJECT_CLASS (ebb_chamber_parent_class)->dispose (object);
}

static void
ebb_chamber_finalize (GObject *object)
{
  EbbChamber *self = EBB_CHAMBER (object);

  g_clear_pointer (&self->commands, g_hash_table_unref);
  g_clear_object (&self->transport);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_free (self->model);
  g_free (self->serial);
  g_free (self->firmware);

  G_OBJECT_CLASS (ebb_chamber_parent_class)->finalize (object);
}

static void
ebb_chamber_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EbbChamber *self = EBB_CHAMBER (object);

  switch (prop_id)
    {
    case PROP_TRANSPORT:
      g_value_set_object (value, self->transport);
      break;
    case PROP_PORT:
      g_value_set_string (value, ebb_chamber_get_port (self));
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, ebb_chamber_get_connected (self));
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_SERIAL:
      g_value_set_string (value, self->serial);
      break;
    case PROP_FIRMWARE:
      g_value_set_string (value, self->firmware);
      break;
    case PROP_FLOOR_PA:
      g_value_set_int (value, self->floor_pa);
      break;
    case PROP_WATCHDOG_MS:
      g_value_set_uint (value, self->watchdog_ms);
      break;
    case PROP_MAX_RATE_HZ:
      g_value_set_uint (value, self->max_rate_hz);
      break;
    case PROP_CAPABILITIES:
      g_value_set_uint (value, self->capabilities);
      break;
    case PROP_FLAGS:
      g_value_set_uint (value, self->flags);
      break;
    case PROP_FAULTS:
      g_value_set_uint (value, self->faults);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_chamber_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EbbChamber *self = EBB_CHAMBER (object);

  switch (prop_id)
    {
    case PROP_TRANSPORT:
      self->transport = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_chamber_class_init (EbbChamberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ebb_chamber_dispose;
  object_class->finalize = ebb_chamber_finalize;
  object_class->get_property = ebb_chamber_get_property;
  object_class->set_property = ebb_chamber_set_property;

  properties[PROP_TRANSPORT] =
    g_param_spec_object ("transport", NULL, NULL, EBB_TYPE_TRANSPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] = g_param_spec_string ("port", NULL, NULL, NULL, ro);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, ro);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, ro);
  properties[PROP_SERIAL] = g_param_spec_string ("serial", NULL, NULL, NULL, ro);
  properties[PROP_FIRMWARE] = g_param_spec_string ("firmware", NULL, NULL, NULL, ro);
  properties[PROP_FLOOR_PA] = g_param_spec_int ("floor-pa", NULL, NULL, G_MININT32, 0, 0, ro);
  properties[PROP_WATCHDOG_MS] = g_param_spec_uint ("watchdog-ms", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_MAX_RATE_HZ] = g_param_spec_uint ("max-rate-hz", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_CAPABILITIES] = g_param_spec_uint ("capabilities", NULL, NULL, 0, G_MAXUINT32, 0, ro);
  properties[PROP_FLAGS] = g_param_spec_uint ("flags", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_FAULTS] = g_param_spec_uint ("faults", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbbChamber::telemetry:
   * @samples: (element-type EbbEcpTelemetry): samples in the device's order
   */
  signals[TELEMETRY] =
    g_signal_new ("telemetry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[FAULTS_RAISED] =
    g_signal_new ("faults-raised", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[FAULTS_CLEARED] =
    g_signal_new ("faults-cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT, G_TYPE_UINT);
  signals[REBOOTED] =
    g_signal_new ("rebooted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LINK_LOST] =
    g_signal_new ("link-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LINK_RESTORED] =
    g_signal_new ("link-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LINK_FAILED] =
    g_signal_new ("link-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PORT_VANISHED] =
    g_signal_new ("port-vanished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
ebb_chamber_init (EbbChamber *self)
{
  self->commands = g_hash_table_new_full (NULL, NULL, NULL, command_free);
  self->heartbeats_enabled = TRUE;
  self->seq = 1;
}

/**
 * ebb_chamber_new:
 * @transport: a closed transport to the chamber's port
 *
 * @return: (transfer full): a chamber, not yet connected
 */
EbbChamber *
ebb_chamber_new (EbbTransport *transport)
{
  g_return_val_if_fail (EBB_IS_TRANSPORT (transport), NULL);

  return g_object_new (EBB_TYPE_CHAMBER, "transport", transport, NULL);
}

const char *
ebb_chamber_get_port (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), NULL);

  return ebb_transport_get_path (self->transport);
}

gboolean
ebb_chamber_get_connected (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), FALSE);

  return self->state == STATE_CONNECTED;
}

const char *
ebb_chamber_get_model (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), NULL);

  return self->model;
}

const char *
ebb_chamber_get_serial (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), NULL);

  return self->serial;
}

const char *
ebb_chamber_get_firmware (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), NULL);

  return self->firmware;
}

int
ebb_chamber_get_floor_pa (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->floor_pa;
}

guint
ebb_chamber_get_watchdog_ms (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->watchdog_ms;
}

guint
ebb_chamber_get_max_rate_hz (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->max_rate_hz;
}

guint
ebb_chamber_get_capabilities (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->capabilities;
}

guint
ebb_chamber_get_flags (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->flags;
}

guint
ebb_chamber_get_faults (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->faults;
}

guint
ebb_chamber_get_stream_rate (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->stream_rate;
}

/**
 * ebb_chamber_get_link_stats:
 * @self: a chamber
 * @stats: (out caller-allocates): frames good and rejected, packets lost
 *
 * Still answers after close, with the figures of the whole connection, so
 * a session record can keep them.
 */
void
ebb_chamber_get_link_stats (EbbChamber          *self,
                            EbbChamberLinkStats *stats)
{
  g_return_if_fail (EBB_IS_CHAMBER (self));
  g_return_if_fail (stats != NULL);

  if (self->io != NULL)
    _ebb_chamber_io_get_stats (self->io, stats);
  else
    *stats = self->last_stats;
  stats->retransmissions = self->retransmissions;
}

/**
 * ebb_chamber_connect_async:
 * @self: a chamber, not connected
 * @cancellable: (nullable): cancels between HELLO attempts
 * @callback: called on the caller's thread-default context
 * @user_data: for @callback
 *
 * Opens the port on the chamber's I/O thread, discards pending input and
 * sends HELLO with a random nonce, up to 3 times at 500 ms (ECP-1 §5.1).
 * On success the identity properties are set and heartbeats run on the
 * context this was called from, which becomes the owner's context: every
 * signal is emitted there.
 */
void
ebb_chamber_connect_async (EbbChamber          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak;

  g_return_if_fail (EBB_IS_CHAMBER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ebb_chamber_connect_async);

  if (self->state != STATE_IDLE)
    {
      g_task_return_new_error (task, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED,
                               _("This chamber connection was already used; make a new one."));
      return;
    }

  g_clear_pointer (&self->owner_context, g_main_context_unref);
  self->owner_context = g_main_context_ref_thread_default ();
  self->state = STATE_CONNECTING;
  self->connect_task = g_steal_pointer (&task);
  self->hello_attempts = 0;

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->io = _ebb_chamber_io_new (self->transport, self->owner_context, items_cb, weak,
                                  weak_ref_free);
  _ebb_chamber_io_start (self->io);
}

gboolean
ebb_chamber_connect_finish (EbbChamber    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
check_connected (EbbChamber *self,
                 GTask      *task)
{
  if (self->state == STATE_CONNECTED)
    return TRUE;

  g_task_return_new_error (task, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED,
                           _("The chamber is not connected. Connect it first."));
  return FALSE;
}

static void
start_command (EbbChamber          *self,
               EbbEcpPacket        *packet,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (!check_connected (self, task))
    return;

  send_command (self, packet, g_steal_pointer (&task));
}

/**
 * ebb_chamber_stream_async:
 * @self: a connected chamber
 * @rate_hz: telemetry rate, 1 to max-rate-hz; 0 stops
 * @cancellable: (nullable): unused; commands always run to their ACK
 * @callback: called when the ACK arrived or the link failed
 * @user_data: for @callback
 *
 * Sends STREAM (§5.4). While streaming, a silence of max(500 ms, 3
 * periods) emits #EbbChamber::link-lost.
 */
void
ebb_chamber_stream_async (EbbChamber          *self,
                          guint                rate_hz,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_STREAM };

  g_return_if_fail (EBB_IS_CHAMBER (self));
  g_return_if_fail (rate_hz <= G_MAXUINT16);

  packet.stream.rate_hz = rate_hz;
  if (self->state == STATE_CONNECTED)
    self->stream_rate = rate_hz;
  start_command (self, &packet, ebb_chamber_stream_async, cancellable, callback, user_data);
}

gboolean
ebb_chamber_stream_finish (EbbChamber    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ebb_chamber_set_target_async:
 * @self: a connected chamber
 * @target_pa: gauge pressure, floor-pa to 0
 * @ramp_pa_per_s: ramp rate; 0 as fast as the pump can
 * @cancellable: (nullable): unused
 * @callback: called when the ACK arrived or the link failed
 * @user_data: for @callback
 *
 * Sends SET_TARGET; refusals arrive as %EBB_CHAMBER_ERROR_OUT_OF_RANGE,
 * %EBB_CHAMBER_ERROR_FAULT_ACTIVE or %EBB_CHAMBER_ERROR_LID_OPEN (§5.3).
 */
void
ebb_chamber_set_target_async (EbbChamber          *self,
                              int                  target_pa,
                              guint                ramp_pa_per_s,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_SET_TARGET };

  g_return_if_fail (EBB_IS_CHAMBER (self));
  g_return_if_fail (ramp_pa_per_s <= G_MAXUINT16);

  packet.set_target.target_pa = target_pa;
  packet.set_target.ramp_pa_per_s = ramp_pa_per_s;
  start_command (self, &packet, ebb_chamber_set_target_async, cancellable, callback, user_data);
}

gboolean
ebb_chamber_set_target_finish (EbbChamber    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ebb_chamber_vent_async (EbbChamber          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_VENT };

  g_return_if_fail (EBB_IS_CHAMBER (self));

  start_command (self, &packet, ebb_chamber_vent_async, cancellable, callback, user_data);
}

gboolean
ebb_chamber_vent_finish (EbbChamber    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ebb_chamber_clear_faults_async (EbbChamber          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_CLEAR_FAULTS };

  g_return_if_fail (EBB_IS_CHAMBER (self));

  start_command (self, &packet, ebb_chamber_clear_faults_async, cancellable, callback, user_data);
}

gboolean
ebb_chamber_clear_faults_finish (EbbChamber    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ebb_chamber_get_status_async (EbbChamber          *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_GET_STATUS };

  g_return_if_fail (EBB_IS_CHAMBER (self));

  start_command (self, &packet, ebb_chamber_get_status_async, cancellable, callback, user_data);
}

/**
 * ebb_chamber_get_status_finish:
 * @self: a chamber
 * @result: the result
 * @status: (out caller-allocates) (optional): the STATUS as received
 *   (ECP-1 §4.7: flags, latched faults, pressure, target, uptime,
 *   telemetry rate and the device's own frame counters)
 * @error: return location for a #GError
 *
 * @return: %TRUE when STATUS arrived
 */
gboolean
ebb_chamber_get_status_finish (EbbChamber    *self,
                               GAsyncResult  *result,
                               EbbEcpStatus  *status,
                               GError       **error)
{
  g_autofree EbbEcpStatus *received = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  received = g_task_propagate_pointer (G_TASK (result), error);
  if (received == NULL)
    return FALSE;

  if (status != NULL)
    *status = *received;
  return TRUE;
}

/**
 * ebb_chamber_vent_now:
 * @self: a chamber
 *
 * The emergency stop: queues VENT for writing on the I/O thread at once,
 * waiting for nothing. It is retransmitted like any command until acked.
 * Works in every state while the port is open, even after the link failed.
 */
void
ebb_chamber_vent_now (EbbChamber *self)
{
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_VENT };

  g_return_if_fail (EBB_IS_CHAMBER (self));

  if (self->io == NULL)
    return;

  if (self->state == STATE_CONNECTED)
    {
      send_command (self, &packet, NULL);
      return;
    }

  {
    guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
    gsize len = encode (self, &packet, frame);

    _ebb_chamber_io_send (self->io, frame, len, TRUE);
  }
}

static void
close_done (EbbChamber *self,
            GError     *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->close_task);
  gboolean was_connected = self->state == STATE_CONNECTED;

  shut_down (self, NULL, 0);
  self->state = STATE_CLOSED;
  if (was_connected)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
bye_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  EbbChamber *self = EBB_CHAMBER (object);
  g_autoptr(GError) error = NULL;
  GError *vent_error = user_data;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("BYE: %s", error->message);

  close_done (self, vent_error);
}

static void
close_vent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  EbbChamber *self = EBB_CHAMBER (object);
  GError *error = NULL;
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_BYE };
  g_autoptr(GTask) task = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  if (self->state != STATE_CONNECTED)
    {
      close_done (self, error);
      return;
    }

  task = g_task_new (self, NULL, bye_cb, error);
  send_command (self, &packet, g_steal_pointer (&task));
}

/**
 * ebb_chamber_close_async:
 * @self: a chamber
 * @cancellable: (nullable): unused; closing is bounded
 * @callback: called once the port is closed
 * @user_data: for @callback
 *
 * §5.6: VENT, wait for its ACK (at most 3 attempts of 200 ms), BYE, close.
 * Fails with the VENT's error when the chamber did not confirm venting;
 * the port is closed either way.
 */
void
ebb_chamber_close_async (EbbChamber          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EbbEcpPacket packet = { .type = EBB_ECP_MSG_VENT };

  g_return_if_fail (EBB_IS_CHAMBER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ebb_chamber_close_async);

  if (self->close_task != NULL)
    {
      g_task_return_new_error (task, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_CANCELLED,
                               _("The chamber is already closing."));
      return;
    }

  self->close_task = g_steal_pointer (&task);

  if (self->state == STATE_CONNECTING)
    connect_failed (self, g_error_new_literal (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_CANCELLED,
                                               _("The connection was closed while connecting.")));

  /* After a link failure the port may still carry bytes: try anyway. */
  if (self->state == STATE_FAILED && self->io != NULL)
    shut_down_with_goodbye (self);

  if (self->state != STATE_CONNECTED)
    {
      close_done (self, NULL);
      return;
    }

  stop_heartbeats (self);
  send_command (self, &packet, g_task_new (self, NULL, close_vent_cb, NULL));
}

gboolean
ebb_chamber_close_finish (EbbChamber    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Tests simulate a hung owner with this (ECP-1 §5.2). */
void
_ebb_chamber_set_heartbeats_enabled (EbbChamber *self,
                                     gboolean    enabled)
{
  g_return_if_fail (EBB_IS_CHAMBER (self));

  self->heartbeats_enabled = enabled;
}

/* When the last VENT reached the port (g_get_monotonic_time), 0 if never. */
gint64
_ebb_chamber_get_vent_now_written (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->io != NULL ? _ebb_chamber_io_get_vent_written (self->io) : 0;
}

/* When any frame last reached the port, 0 if never. */
gint64
_ebb_chamber_get_last_write (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), 0);

  return self->io != NULL ? _ebb_chamber_io_get_last_write (self->io) : 0;
}

gint64
_ebb_chamber_get_io_thread_cpu_us (EbbChamber *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER (self), -1);

  return self->io != NULL ? _ebb_chamber_io_get_io_thread_cpu_us (self->io) : -1;
}
