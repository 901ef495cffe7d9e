/* ebb-device-status.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-device-status"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-device-status.h"
#include "ebb-duration.h"
#include "ebb-ecp-types.h"
#include "ebb-environment.h"
#include "ebb-units.h"

/* The chamber, always visible in the header bar: which one is connected
 * (or that none is, and why), the link quality, and a menu to choose the
 * device, reconnect and read the device's details. The details are what
 * the chamber said when it connected (IDENT) and what it answers to
 * GET_STATUS, asked for each time the menu opens and on Refresh, so the
 * technician sees the device's own word rather than a cached copy. */
struct _EbbDeviceStatus
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkMenuButton    *button;
  GtkPopover       *popover;
  GtkImage         *state_icon;
  GtkLabel         *title_label;
  GtkLabel         *link_label;
  GtkLabel         *error_label;
  GtkListBox       *choices_list;
  GtkLabel         *details_label;
  GtkWidget        *identity_grid;
  GtkLabel         *model_value;
  GtkLabel         *serial_value;
  GtkLabel         *firmware_value;
  GtkLabel         *port_value;
  GtkLabel         *floor_value;
  GtkLabel         *watchdog_value;
  GtkLabel         *max_rate_value;
  GtkLabel         *capabilities_value;
  GtkSpinner       *status_spinner;
  GtkWidget        *status_grid;
  GtkLabel         *flags_value;
  GtkLabel         *faults_value;
  GtkLabel         *pressure_value;
  GtkLabel         *target_value;
  GtkLabel         *uptime_value;
  GtkLabel         *rate_value;
  GtkLabel         *frames_value;
  GtkLabel         *status_message;

  /* owned */
  EbbDeviceManager *manager;
  char             *summary;
  GCancellable     *status_cancellable;

  /* state */
  guint             refresh_source;
};

G_DEFINE_FINAL_TYPE (EbbDeviceStatus, ebb_device_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MANAGER,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  DEVICE_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

#define REFRESH_SECONDS 1

static char *
describe_bits (guint                   bits,
               const char * const     *names,
               guint                   n_names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_names; i++)
    {
      if ((bits & (1u << i)) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, _(names[i]));
    }

  if (text->len == 0)
    g_string_append (text, _("none"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ECP-1 §4.2, in bit order. */
static const char * const flag_names[] = {
  N_("regulating"), N_("vent open"), N_("pump on"), N_("lid closed"),
  N_("fault"), N_("streaming"), N_("watchdog armed"), N_("target reached"),
};
static const char * const fault_names[] = {
  N_("watchdog"), N_("over-vacuum"), N_("sensor"), N_("leak"),
  N_("lid opened"), N_("emergency stop"), N_("over-temperature"), N_("power"),
};
static const char * const capability_names[] = {
  N_("lid sensor"), N_("emergency-stop button"), N_("temperature sensor"), N_("leak detection"),
};

/* Pressures in the clinic's unit, as everywhere else in the console. */
static EbbPressureUnit
clinic_unit (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();

  return ebb_environment_pressure_unit (settings);
}

static void
show_identity (EbbDeviceStatus *self,
               EbbChamber      *chamber)
{
  g_autofree char *floor = ebb_units_format (ebb_chamber_get_floor_pa (chamber), clinic_unit ());
  /* Translators: a time in milliseconds */
  g_autofree char *watchdog = g_strdup_printf (_("%u ms"), ebb_chamber_get_watchdog_ms (chamber));
  /* Translators: readings per second */
  g_autofree char *max_rate = g_strdup_printf (_("%u Hz"), ebb_chamber_get_max_rate_hz (chamber));
  g_autofree char *capabilities = describe_bits (ebb_chamber_get_capabilities (chamber),
                                                 capability_names, G_N_ELEMENTS (capability_names));

  gtk_label_set_label (self->model_value, ebb_chamber_get_model (chamber));
  gtk_label_set_label (self->serial_value, ebb_chamber_get_serial (chamber));
  gtk_label_set_label (self->firmware_value, ebb_chamber_get_firmware (chamber));
  gtk_label_set_label (self->port_value, ebb_chamber_get_port (chamber));
  gtk_label_set_label (self->floor_value, floor);
  gtk_label_set_label (self->watchdog_value, watchdog);
  gtk_label_set_label (self->max_rate_value, max_rate);
  gtk_label_set_label (self->capabilities_value, capabilities);
}

/* A status that is not known (yet) shows dashes, never stale values. */
static void
clear_status (EbbDeviceStatus *self)
{
  GtkLabel *values[] = {
    self->flags_value, self->faults_value, self->pressure_value,
    self->target_value, self->uptime_value, self->rate_value, self->frames_value,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    gtk_label_set_label (values[i], "—");
  gtk_widget_remove_css_class (GTK_WIDGET (self->faults_value), "error");
}

static void
show_status (EbbDeviceStatus             *self,
             const EbbDeviceStatusReport *report)
{
  g_autofree char *flags = describe_bits (report->flags, flag_names, G_N_ELEMENTS (flag_names));
  g_autofree char *faults = describe_bits (report->faults, fault_names, G_N_ELEMENTS (fault_names));
  EbbPressureUnit unit = clinic_unit ();
  g_autofree char *pressure = ebb_units_format (report->pressure_pa, unit);
  g_autofree char *target = report->target_pa < 0 ? ebb_units_format (report->target_pa, unit)
                                                  : g_strdup (_("none: open to atmosphere"));
  g_autofree char *uptime = ebb_duration_format (report->uptime_ms);
  g_autofree char *rate = report->stream_rate_hz > 0
                          ? g_strdup_printf (_("%u Hz"), report->stream_rate_hz)
                          : g_strdup (_("off"));
  /* Translators: the chamber's count of good and rejected frames it received */
  g_autofree char *frames = g_strdup_printf (_("%u accepted · %u rejected"),
                                             report->frames_ok, report->frames_bad);

  gtk_label_set_label (self->flags_value, flags);
  gtk_label_set_label (self->faults_value, faults);
  gtk_label_set_label (self->pressure_value, pressure);
  gtk_label_set_label (self->target_value, target);
  gtk_label_set_label (self->uptime_value, uptime);
  gtk_label_set_label (self->rate_value, rate);
  gtk_label_set_label (self->frames_value, frames);
  /* A latched fault keeps the chamber from starting a session. */
  if (report->faults != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->faults_value), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->faults_value), "error");
}

static void
show_status_message (EbbDeviceStatus *self,
                     const char      *message,
                     gboolean         is_error)
{
  gtk_label_set_label (self->status_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_message), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_message), "error");
}

/* Without a chamber there is nothing to tabulate, only what to do. */
static void
show_not_connected (EbbDeviceStatus *self)
{
  clear_status (self);
  gtk_widget_set_visible (self->status_grid, FALSE);
  show_status_message (self, _("No chamber is connected, so there is no status to show. "
                               "Choose a device above, or press Reconnect."), TRUE);
}

static void
status_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EbbDeviceStatus) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EbbDeviceStatusReport report;

  if (!ebb_device_manager_get_status_finish (EBB_DEVICE_MANAGER (object), result, &report, &error) &&
      (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
       g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_CANCELLED)))
    /* A newer request, or the widget going away, cancelled this one. */
    return;

  g_clear_object (&self->status_cancellable);
  gtk_spinner_stop (self->status_spinner);

  if (error == NULL)
    {
      show_status (self, &report);
      show_status_message (self, NULL, FALSE);
      return;
    }

  if (g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED))
    {
      show_not_connected (self);
      return;
    }

  g_debug ("STATUS request failed: %s", error->message);
  clear_status (self);
  /* The chamber's own message already says what to check. */
  /* Translators: %s is the chamber's explanation, a full sentence */
  message = g_strdup_printf (_("The chamber did not answer the status request. %s"), error->message);
  show_status_message (self, message, TRUE);
}

/* Asks the chamber for STATUS; an answer still on its way is dropped. */
static void
request_status (EbbDeviceStatus *self)
{
  g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->status_cancellable);

  if (self->manager == NULL)
    {
      show_not_connected (self);
      return;
    }

  self->status_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->status_grid, TRUE);
  gtk_spinner_start (self->status_spinner);
  show_status_message (self, _("Asking the chamber for its status…"), FALSE);
  ebb_device_manager_get_status_async (self->manager, self->status_cancellable,
                                       status_ready_cb, g_object_ref (self));
}

static void
set_summary (EbbDeviceStatus *self,
             const char      *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_label_set_label (self->title_label, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUMMARY]);
}

static void
refresh (EbbDeviceStatus *self)
{
  EbbDeviceState state = self->manager ? ebb_device_manager_get_state (self->manager)
                                       : EBB_DEVICE_STATE_DISCONNECTED;
  EbbChamber *chamber = self->manager ? ebb_device_manager_get_chamber (self->manager) : NULL;
  const GError *error = self->manager ? ebb_device_manager_get_error (self->manager) : NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "connected");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "disconnected");

  if (state == EBB_DEVICE_STATE_CONNECTED && chamber != NULL)
    {
      EbbChamberLinkStats stats;
      g_autofree char *summary = NULL;
      g_autofree char *link = NULL;

      ebb_chamber_get_link_stats (chamber, &stats);
      /* Translators: chamber model, serial number and firmware version */
      summary = g_strdup_printf (_("%s · %s · firmware %s"), ebb_chamber_get_model (chamber),
                                 ebb_chamber_get_serial (chamber), ebb_chamber_get_firmware (chamber));
      /* Translators: link quality counters of the chamber's serial link */
      {
        g_autofree char *rejected = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.frames_rejected_total);
        g_autofree char *lost = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.packets_lost);

        link = g_strdup_printf (_("%s rejected frames · %s lost packets"), rejected, lost);
      }
      set_summary (self, summary);
      gtk_label_set_label (self->link_label, link);
      gtk_widget_set_visible (GTK_WIDGET (self->link_label), TRUE);
      /* The details are read only while someone looks at them. */
      if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
        show_identity (self, chamber);
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
      gtk_widget_set_visible (self->identity_grid, TRUE);
      gtk_image_set_from_icon_name (self->state_icon, "network-wired-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self), "connected");
    }
  else
    {
      set_summary (self, state == EBB_DEVICE_STATE_CONNECTING ? _("Connecting to the chamber…")
                                                              : _("No chamber"));
      gtk_widget_set_visible (GTK_WIDGET (self->link_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), TRUE);
      gtk_widget_set_visible (self->identity_grid, FALSE);
      gtk_image_set_from_icon_name (self->state_icon, "network-offline-symbolic");
      if (state == EBB_DEVICE_STATE_DISCONNECTED)
        gtk_widget_add_css_class (GTK_WIDGET (self), "disconnected");
    }

  /* Permission and busy errors carry the whole guidance; show all of it. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_label_set_label (self->error_label, error ? error->message : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), error ? error->message : NULL);
}

static gboolean
refresh_cb (gpointer user_data)
{
  refresh (EBB_DEVICE_STATUS (user_data));
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
create_choice_row (const EbbDeviceChoice *choice,
                   const char            *current)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choice->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), choice->detail);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "device.select");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", choice->spec);

  if (g_strcmp0 (choice->spec, current) == 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("object-select-symbolic"));

  return row;
}

/* Ports are re-scanned each time the menu opens, so a chamber plugged in
 * a moment ago is listed. */
static void
rescan (EbbDeviceStatus *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = ebb_device_manager_list_choices (&error);
  const char *current = self->manager ? ebb_device_manager_get_device (self->manager) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_list))) != NULL)
    gtk_list_box_remove (self->choices_list, child);

  if (choices == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Cannot list the serial ports"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->choices_list, row);
      return;
    }

  for (guint i = 0; i < choices->len; i++)
    gtk_list_box_append (self->choices_list,
                         create_choice_row (g_ptr_array_index (choices, i), current));
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbbDeviceStatus *self = EBB_DEVICE_STATUS (widget);
  const char *spec = g_variant_get_string (parameter, NULL);

  /* The window decides: a device is a clinic setting, changed through
   * the core, which the application then connects to. */
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals [DEVICE_SELECTED], 0, spec);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EbbDeviceStatus *self = EBB_DEVICE_STATUS (widget);

  gtk_popover_popdown (self->popover);
  if (self->manager != NULL)
    ebb_device_manager_reconnect (self->manager);
}

/* A chamber that connects while the details are open is asked at once.
 * One that goes away takes its status with it, but the reason a request
 * just failed ("did not answer") stays: it says more than "no chamber". */
static void
chamber_changed_cb (EbbDeviceStatus *self)
{
  refresh (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return;

  if (ebb_device_manager_get_chamber (self->manager) != NULL)
    request_status (self);
  else if (self->status_cancellable == NULL &&
           !gtk_widget_has_css_class (GTK_WIDGET (self->status_message), "error"))
    show_not_connected (self);
}

static void
refresh_status_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  request_status (EBB_DEVICE_STATUS (widget));
}

/* Opening the menu is opening the details: the ports are listed again and
 * the chamber is asked for its status. */
static void
popover_show_cb (EbbDeviceStatus *self)
{
  rescan (self);
  refresh (self);
  request_status (self);
}

static void
ebb_device_status_dispose (GObject *object)
{
  EbbDeviceStatus *self = EBB_DEVICE_STATUS (object);

  g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->status_cancellable);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_DEVICE_STATUS);

  G_OBJECT_CLASS (ebb_device_status_parent_class)->dispose (object);
}

static void
ebb_device_status_finalize (GObject *object)
{
  EbbDeviceStatus *self = EBB_DEVICE_STATUS (object);

  g_free (self->summary);

  G_OBJECT_CLASS (ebb_device_status_parent_class)->finalize (object);
}

static void
ebb_device_status_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EbbDeviceStatus *self = EBB_DEVICE_STATUS (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_device_status_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EbbDeviceStatus *self = EBB_DEVICE_STATUS (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      ebb_device_status_set_manager (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_device_status_class_init (EbbDeviceStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_device_status_dispose;
  object_class->finalize = ebb_device_status_finalize;
  object_class->get_property = ebb_device_status_get_property;
  object_class->set_property = ebb_device_status_set_property;

  properties [PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, EBB_TYPE_DEVICE_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbbDeviceStatus::device-selected:
   * @spec: the device string the operator chose
   *
   * The operator chose a device in the menu; the window stores it
   * through the core, and the application connects to it.
   */
  signals [DEVICE_SELECTED] =
    g_signal_new ("device-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "device.select", "s", select_action);
  gtk_widget_class_install_action (widget_class, "device.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "device.refresh-status", NULL, refresh_status_action);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-device-status.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, button);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, popover);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, state_icon);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, link_label);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, error_label);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, choices_list);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, details_label);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, identity_grid);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, model_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, serial_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, firmware_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, port_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, floor_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, watchdog_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, max_rate_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, capabilities_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, status_grid);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, flags_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, faults_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, pressure_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, target_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, uptime_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, rate_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, frames_value);
  gtk_widget_class_bind_template_child (widget_class, EbbDeviceStatus, status_message);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "devicestatus");
}

static void
ebb_device_status_init (EbbDeviceStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->popover, "show", G_CALLBACK (popover_show_cb), self, G_CONNECT_SWAPPED);
  self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
  refresh (self);
}

/**
 * ebb_device_status_new:
 *
 * Returns: (transfer floating): a device status with no manager
 */
GtkWidget *
ebb_device_status_new (void)
{
  return g_object_new (EBB_TYPE_DEVICE_STATUS, NULL);
}

/**
 * ebb_device_status_get_manager:
 * @self: the status
 *
 * Returns: (transfer none) (nullable): the device manager shown
 */
EbbDeviceManager *
ebb_device_status_get_manager (EbbDeviceStatus *self)
{
  g_return_val_if_fail (EBB_IS_DEVICE_STATUS (self), NULL);

  return self->manager;
}

/**
 * ebb_device_status_set_manager:
 * @self: the status
 * @manager: (nullable): the device manager to show
 */
void
ebb_device_status_set_manager (EbbDeviceStatus  *self,
                               EbbDeviceManager *manager)
{
  g_return_if_fail (EBB_IS_DEVICE_STATUS (self));
  g_return_if_fail (manager == NULL || EBB_IS_DEVICE_MANAGER (manager));

  if (self->manager == manager)
    return;

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_set_object (&self->manager, manager);
  if (manager != NULL)
    {
      g_signal_connect_object (manager, "notify::state", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (manager, "notify::chamber", G_CALLBACK (chamber_changed_cb), self, G_CONNECT_SWAPPED);
    }

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MANAGER]);
}

/**
 * ebb_device_status_get_summary:
 * @self: the status
 *
 * Returns: what the header shows: the chamber's model, serial and firmware,
 *   or that there is none
 */
const char *
ebb_device_status_get_summary (EbbDeviceStatus *self)
{
  g_return_val_if_fail (EBB_IS_DEVICE_STATUS (self), NULL);

  return self->summary;
}
