/* ebb-session-prepare-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-session-prepare-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ebb-dialogs.h"
#include "ebb-environment.h"
#include "ebb-profile-record.h"
#include "ebb-screening-state.h"
#include "ebb-screening-visit.h"
#include "ebb-session-prepare-page.h"
#include "ebb-units.h"
#include "ebb-vitals-row.h"

/* Preparing a session for one client: the screening as it stands today,
 * the profile, optional vitals and the checklist. The Start button stays
 * insensitive with the first refusal shown in words until the runner's own
 * gates (ebb_session_check) and the checklist pass, so the screen never
 * promises what the runner would refuse. */

/* How often the chamber's flags are read while the page is shown. */
#define DEVICE_POLL_MS 250

/* What the runner's device gates look at; the gates are asked again only
 * when it changes. */
typedef struct
{
  gboolean connected;
  gboolean identified;
  gboolean known;
  guint16  flags;
  guint16  faults;
} DeviceState;

struct _EbbSessionPreparePage
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkLabel           *client_label;
  AdwActionRow       *screening_row;
  GtkImage           *screening_icon;
  GtkBox             *notes_box;
  GtkLabel           *notes_label;
  AdwActionRow       *confirm_row;
  GtkButton          *confirm_button;
  GtkFlowBox         *profiles_box;
  EbbVitalsRow       *vitals_row;
  AdwActionRow       *lid_row;
  GtkImage           *lid_icon;
  GtkCheckButton     *lid_check;
  GtkCheckButton     *briefed_check;
  GtkCheckButton     *hand_switch_check;
  GtkLabel           *blocker_label;
  GtkButton          *start_button;
  GtkButton          *clear_faults_button;

  /* owned */
  EbbOperatorSession *ctx;
  GSettings          *settings;
  EbbPressureUnit     unit;
  gint64              client_id;
  gint64              screening_id;
  gboolean            screening_changed;
  char               *client_name;
  char               *notes_text;
  GPtrArray          *profiles;      /* EbbProfile, in card order */
  GArray             *profile_ids;   /* gint64, 0 for a factory profile */
  EbbSession         *candidate;
  EbbDevice          *device;
  char               *blocker;
  DeviceState         device_state;  /* as of the last refresh */
  guint               device_poll_id;
};

G_DEFINE_FINAL_TYPE (EbbSessionPreparePage, ebb_session_prepare_page, ADW_TYPE_BIN)

enum
{
  START,
  PROFILE_CHANGED,
  BACK,
  SCREENING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_day (gint64 us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%x");
}

static char *
format_clock (gint64 us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%H:%M");
}

static gboolean
same_day (gint64 a_us,
          gint64 b_us)
{
  g_autofree char *a = format_day (a_us);
  g_autofree char *b = format_day (b_us);

  return g_strcmp0 (a, b) == 0;
}

/* The waveform preview of a profile card: one cycle of ramp, hold and
 * release, drawn in the accent colour. */
static void
draw_waveform (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  EbbProfile *profile = user_data;
  double vacuum = ebb_profile_get_vacuum_s (profile);
  double release = ebb_profile_get_release_s (profile);
  double ramp_pa_s = ebb_profile_get_ramp_pa_s (profile);
  double level = -ebb_profile_get_level_pa (profile);
  double ramp = ramp_pa_s > 0 ? MIN (level / ramp_pa_s, vacuum / 2) : vacuum / 20;
  double cycle = MAX (vacuum + release, 1);
  double top = 4, bottom = height - 4;
  GdkRGBA colour;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &colour);
  colour.alpha = 0.35;
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 0, top + 0.5);
  cairo_line_to (cr, width, top + 0.5);
  cairo_stroke (cr);

  colour.alpha = 1;
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_set_line_width (cr, 2);
  /* Two cycles, pressure drawn downwards as the vacuum deepens. */
  for (int c = 0; c < 2; c++)
    {
      double x0 = c * width / 2.0;
      double sx = (width / 2.0) / cycle;

      if (c == 0)
        cairo_move_to (cr, x0, top);
      cairo_line_to (cr, x0 + ramp * sx, bottom);
      cairo_line_to (cr, x0 + vacuum * sx, bottom);
      cairo_line_to (cr, x0 + (vacuum + ramp) * sx, top);
      cairo_line_to (cr, x0 + cycle * sx, top);
    }
  cairo_stroke (cr);
}

static char *
profile_timing (EbbProfile *profile)
{
  /* Translators: vacuum seconds, release seconds, session minutes */
  return g_strdup_printf (_("%u s vacuum · %u s release · %u min"),
                          ebb_profile_get_vacuum_s (profile), ebb_profile_get_release_s (profile),
                          ebb_profile_get_duration_s (profile) / 60);
}

static GtkWidget *
profile_card_new (EbbSessionPreparePage *self,
                  EbbProfile            *profile)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (ebb_profile_get_display_name (profile));
  g_autofree char *level = ebb_units_format (ebb_profile_get_level_pa (profile), self->unit);
  g_autofree char *timing = profile_timing (profile);
  GtkWidget *level_label = gtk_label_new (level);
  GtkWidget *timing_label = gtk_label_new (timing);
  GtkWidget *preview = gtk_drawing_area_new ();
  g_autofree char *description = NULL;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "profile-card");
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (level_label, "title-3");
  gtk_widget_add_css_class (level_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (level_label), 0);
  gtk_widget_add_css_class (timing_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (timing_label), 0);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (preview), 36);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (preview), draw_waveform,
                                  g_object_ref (profile), g_object_unref);
  gtk_widget_add_css_class (preview, "accent");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), level_label);
  gtk_box_append (GTK_BOX (box), timing_label);
  gtk_box_append (GTK_BOX (box), preview);

  description = g_strdup_printf ("%s, %s, %s", ebb_profile_get_display_name (profile), level, timing);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  return box;
}

static void
set_blocker (EbbSessionPreparePage *self,
             const char            *text)
{
  if (g_strcmp0 (self->blocker, text) == 0)
    return;
  g_free (self->blocker);
  self->blocker = g_strdup (text);
  gtk_label_set_text (self->blocker_label, text != NULL ? text : _("Ready to start."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), text == NULL);
  if (text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->blocker_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->blocker_label), "warning");
}

/* Whether the lid is the technician's to check: a chamber without a lid
 * sensor cannot report it (ECP-1 capability LID_SENSOR). */
static gboolean
lid_checked_by_hand (EbbSessionPreparePage *self)
{
  return self->device != NULL && !ebb_device_has_lid_sensor (self->device);
}

static void
update_lid (EbbSessionPreparePage *self)
{
  guint16 flags = 0, faults = 0;
  gboolean known = self->device != NULL && ebb_device_get_status (self->device, &flags, &faults);
  gboolean closed = known && (flags & EBB_ECP_FLAG_LID_CLOSED) != 0;
  gboolean by_hand = lid_checked_by_hand (self);

  gtk_widget_set_visible (GTK_WIDGET (self->lid_check), by_hand);
  gtk_widget_set_visible (GTK_WIDGET (self->lid_icon), !by_hand);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->lid_row), by_hand);
  adw_action_row_set_activatable_widget (self->lid_row, by_hand ? GTK_WIDGET (self->lid_check) : NULL);
  if (by_hand)
    {
      adw_action_row_set_subtitle (self->lid_row,
                                   _("This chamber has no lid sensor: check that the lid is closed "
                                     "and sealed"));
      return;
    }

  adw_action_row_set_subtitle (self->lid_row, !known ? _("No status from the chamber")
                                              : closed ? _("Closed") : _("Open: close the lid"));
  gtk_image_set_from_icon_name (self->lid_icon, closed ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->lid_icon), closed ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->lid_icon), closed ? "success" : "warning");
}

static DeviceState
read_device_state (EbbSessionPreparePage *self)
{
  DeviceState state = { 0 };

  if (self->device != NULL)
    {
      state.connected = ebb_device_is_connected (self->device);
      state.identified = ebb_device_get_serial (self->device) != NULL;
      state.known = ebb_device_get_status (self->device, &state.flags, &state.faults);
    }
  return state;
}

/**
 * ebb_session_prepare_page_refresh:
 * @self: the page
 *
 * Reads the chamber's flags and asks every gate again. The page does this
 * itself when it is shown, when the client, the profile, the checklist,
 * the client's screening (ebb_session_prepare_page_screening_changed())
 * or the chamber's state changes; the screening gate reads the database,
 * so it is not asked on a timer.
 */
void
ebb_session_prepare_page_refresh (EbbSessionPreparePage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self));

  update_lid (self);
  self->device_state = read_device_state (self);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_faults_button), FALSE);
  /* The core's lid gate asks for it when the chamber has no lid sensor. */
  if (self->candidate != NULL)
    ebb_session_set_lid_confirmed (self->candidate, gtk_check_button_get_active (self->lid_check));

  if (ebb_session_prepare_page_get_profile (self, NULL) == NULL)
    set_blocker (self, _("Choose a profile."));
  else if (self->candidate == NULL)
    set_blocker (self, _("No chamber is connected. Choose one in the device menu in the header."));
  else if (!ebb_session_check (self->candidate, &error))
    {
      set_blocker (self, error->message);
      /* Latched faults are cleared here once their cause is gone. */
      gtk_widget_set_visible (GTK_WIDGET (self->clear_faults_button),
                              g_error_matches (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_FAULTS_LATCHED));
    }
  else if (!gtk_check_button_get_active (self->briefed_check))
    set_blocker (self, _("Brief the client, then tick “Client briefed”."));
  else if (!gtk_check_button_get_active (self->hand_switch_check))
    set_blocker (self, _("Give the client the hand switch, then tick “Client holds the hand switch”."));
  else
    set_blocker (self, NULL);
}

/* The chamber reports its flags with no signal of their own: the lid row
 * follows them from here, and the gates are asked again only when what
 * they look at changed. */
static gboolean
device_poll_cb (gpointer data)
{
  EbbSessionPreparePage *self = data;
  DeviceState state = read_device_state (self);

  if (state.connected != self->device_state.connected ||
      state.identified != self->device_state.identified ||
      state.known != self->device_state.known ||
      state.flags != self->device_state.flags ||
      state.faults != self->device_state.faults)
    ebb_session_prepare_page_refresh (self);
  else
    update_lid (self);
  return G_SOURCE_CONTINUE;
}

static void
checklist_toggled_cb (EbbSessionPreparePage *self)
{
  ebb_session_prepare_page_refresh (self);
}

static void
clear_faults_clicked_cb (EbbSessionPreparePage *self)
{
  if (self->device != NULL)
    ebb_device_clear_faults (self->device);
}

static void
start_clicked_cb (EbbSessionPreparePage *self)
{
  ebb_session_prepare_page_refresh (self);
  if (self->blocker == NULL)
    g_signal_emit (self, signals[START], 0);
}

static void
back_clicked_cb (EbbSessionPreparePage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
profile_activated_cb (EbbSessionPreparePage *self)
{
  g_signal_emit (self, signals[PROFILE_CHANGED], 0);
  ebb_session_prepare_page_refresh (self);
}

static void
clear_profile_cards (EbbSessionPreparePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->profiles_box))) != NULL)
    gtk_flow_box_remove (self->profiles_box, child);
}

/* The screening engine's reasons are [{"outcome": "note", "text": …}, …];
 * NOTE items are what the technician must keep in mind during the session. */
static char *
note_items (const EbbStoredScreening *screening)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *root;

  if (screening->reasons_json == NULL ||
      !json_parser_load_from_data (parser, screening->reasons_json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (root), i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *outcome = object ? json_object_get_string_member_with_default (object, "outcome", NULL) : NULL;
      const char *rule = object ? json_object_get_string_member_with_default (object, "rule", NULL) : NULL;
      const char *stored = object ? json_object_get_string_member_with_default (object, "text", NULL) : NULL;
      /* In the console's language, whatever language it was stored in. */
      g_autofree char *item = ebb_screening_reason_translate (screening->questionnaire_id, rule, stored);

      if (item == NULL || (g_strcmp0 (outcome, "note") != 0 && g_strcmp0 (outcome, "refer") != 0))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, item);
    }
  if (screening->clearance_note != NULL && *screening->clearance_note != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s is the clinician's note on a clearance */
      g_string_append_printf (text, _("Clearance: %s"), screening->clearance_note);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
show_confirmation (EbbSessionPreparePage *self)
{
  EbbStore *store = ebb_operator_session_get_store (self->ctx);
  gint64 now = ebb_operator_session_now (self->ctx);
  g_autoptr(GPtrArray) confirmations = NULL;
  EbbScreeningConfirmation *today = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row),
                          self->screening_id != 0 && !self->screening_changed);
  if (self->screening_id == 0 || self->screening_changed)
    return;

  confirmations = ebb_store_screening_confirmations (store, self->screening_id, NULL);
  for (guint i = 0; confirmations != NULL && i < confirmations->len; i++)
    {
      EbbScreeningConfirmation *c = g_ptr_array_index (confirmations, i);

      if (same_day (c->confirmed_us, now) && (today == NULL || c->confirmed_us > today->confirmed_us))
        today = c;
    }

  if (today != NULL)
    {
      g_autoptr(EbbOperator) op = ebb_store_operator_get (store, today->operator_id, NULL);
      g_autofree char *at = format_clock (today->confirmed_us);
      g_autofree char *subtitle = NULL;

      /* Translators: operator name, time of day */
      subtitle = g_strdup_printf (_("Confirmed by %s at %s"),
                                  op != NULL ? op->display_name : "?", at);
      adw_action_row_set_subtitle (self->confirm_row, subtitle);
      gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), FALSE);
    }
  else
    {
      adw_action_row_set_subtitle (self->confirm_row,
                                   _("Ask the client, then confirm. The answer is recorded with your name."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), TRUE);
    }
}

static void
show_screening (EbbSessionPreparePage *self)
{
  EbbStore *store = ebb_operator_session_get_store (self->ctx);
  g_autoptr(EbbStoredScreening) latest = ebb_store_screening_latest (store, self->client_id, NULL);
  gint64 now = ebb_operator_session_now (self->ctx);
  g_autofree char *subtitle = NULL;
  g_autofree char *notes = NULL;
  const char *title;
  gboolean ok = FALSE;

  g_clear_pointer (&self->notes_text, g_free);
  self->screening_id = latest != NULL ? latest->id : 0;

  if (latest == NULL)
    {
      title = _("Not screened yet");
      subtitle = g_strdup (_("Screen the client before the first session."));
    }
  else if (latest->valid_until_us != 0 && latest->valid_until_us < now)
    {
      g_autofree char *until = format_day (latest->valid_until_us);

      title = _("Screening expired");
      subtitle = g_strdup_printf (_("Expired on %s. Screen the client again."), until);
    }
  else if (latest->changed_by != 0)
    {
      title = _("Client reported a change in their health");
      subtitle = ebb_stored_screening_describe_change (latest);
    }
  else
    {
      if (g_strcmp0 (latest->outcome, "exclude") == 0)
        title = _("Excluded: no session today");
      else if (g_strcmp0 (latest->outcome, "refer") == 0 && latest->cleared_by == 0)
        title = _("Needs a clinician’s clearance before a session");
      else
        {
          title = _("Screening valid");
          ok = TRUE;
        }

      subtitle = ebb_stored_screening_describe_dates (latest);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->screening_row), title);
  adw_action_row_set_subtitle (self->screening_row, subtitle);
  gtk_image_set_from_icon_name (self->screening_icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->screening_icon), ok ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), ok ? "success" : "warning");

  notes = latest != NULL ? note_items (latest) : NULL;
  gtk_label_set_text (self->notes_label, notes != NULL ? notes : "");
  self->notes_text = g_steal_pointer (&notes);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_box), self->notes_text != NULL);

  /* Nothing to confirm once the client reported a change: the screening
   * itself has to be done again. */
  self->screening_changed = latest != NULL && latest->changed_by != 0;
  show_confirmation (self);
}

static void
confirm_clicked_cb (EbbSessionPreparePage *self)
{
  g_autoptr(GError) error = NULL;

  /* Through the core, so the operator's role is checked and the
   * confirmation is audited like every other record. */
  if (self->screening_id == 0 ||
      !ebb_screening_visit_confirm_unchanged (self->ctx, self->client_id, &error))
    {
      ebb_dialogs_show_message (GTK_WIDGET (self), _("The confirmation was not recorded"),
                                error != NULL ? error->message : NULL);
      return;
    }

  show_confirmation (self);
  ebb_session_prepare_page_refresh (self);
  g_signal_emit (self, signals[SCREENING_CHANGED], 0, self->client_id);
}

static void
ebb_session_prepare_page_dispose (GObject *object)
{
  EbbSessionPreparePage *self = EBB_SESSION_PREPARE_PAGE (object);

  g_clear_handle_id (&self->device_poll_id, g_source_remove);
  /* First, while the cards' profiles are still there for the flow box's
   * last selection change. */
  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_SESSION_PREPARE_PAGE);
  g_clear_object (&self->candidate);
  g_clear_object (&self->device);
  g_clear_object (&self->ctx);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->profile_ids, g_array_unref);

  G_OBJECT_CLASS (ebb_session_prepare_page_parent_class)->dispose (object);
}

static void
ebb_session_prepare_page_finalize (GObject *object)
{
  EbbSessionPreparePage *self = EBB_SESSION_PREPARE_PAGE (object);

  g_free (self->client_name);
  g_free (self->notes_text);
  g_free (self->blocker);

  G_OBJECT_CLASS (ebb_session_prepare_page_parent_class)->finalize (object);
}

/* Only while it is on screen: during the session the live page shows. */
static void
ebb_session_prepare_page_map (GtkWidget *widget)
{
  EbbSessionPreparePage *self = EBB_SESSION_PREPARE_PAGE (widget);

  GTK_WIDGET_CLASS (ebb_session_prepare_page_parent_class)->map (widget);
  /* A screening recorded elsewhere (ebbflowctl, another process) or one
   * that expired while the page was away is read again when it shows. */
  if (self->ctx != NULL && self->client_id != 0)
    show_screening (self);
  ebb_session_prepare_page_refresh (self);
  if (self->device_poll_id == 0)
    self->device_poll_id = g_timeout_add (DEVICE_POLL_MS, device_poll_cb, self);
}

static void
ebb_session_prepare_page_unmap (GtkWidget *widget)
{
  EbbSessionPreparePage *self = EBB_SESSION_PREPARE_PAGE (widget);

  g_clear_handle_id (&self->device_poll_id, g_source_remove);
  GTK_WIDGET_CLASS (ebb_session_prepare_page_parent_class)->unmap (widget);
}

static void
ebb_session_prepare_page_class_init (EbbSessionPreparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_session_prepare_page_dispose;
  object_class->finalize = ebb_session_prepare_page_finalize;
  widget_class->map = ebb_session_prepare_page_map;
  widget_class->unmap = ebb_session_prepare_page_unmap;

  /**
   * EbbSessionPreparePage::start:
   *
   * Every gate passed and the operator pressed Start.
   */
  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EbbSessionPreparePage::back:
   *
   * The operator goes back to the client without starting.
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EbbSessionPreparePage::profile-changed:
   *
   * Another profile card was chosen; the owner builds the candidate
   * session for it.
   */
  signals[PROFILE_CHANGED] = g_signal_new ("profile-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EbbSessionPreparePage::screening-changed:
   * @client_id: the client whose visit confirmation was recorded here
   *
   * The owner tells the other windows' prepare pages, whose gates read
   * the same record.
   */
  signals[SCREENING_CHANGED] = g_signal_new ("screening-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (EBB_TYPE_VITALS_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-session-prepare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, client_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, screening_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, screening_icon);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, profiles_box);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, vitals_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, lid_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, lid_icon);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, lid_check);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, briefed_check);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, hand_switch_check);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, blocker_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionPreparePage, clear_faults_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, checklist_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_faults_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "sessionpreparepage");
}

static void
ebb_session_prepare_page_init (EbbSessionPreparePage *self)
{
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
  self->profile_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->unit = EBB_PRESSURE_UNIT_MMHG;
  gtk_widget_init_template (GTK_WIDGET (self));
  set_blocker (self, _("Choose a profile."));
}

GtkWidget *
ebb_session_prepare_page_new (void)
{
  return g_object_new (EBB_TYPE_SESSION_PREPARE_PAGE, NULL);
}

/**
 * ebb_session_prepare_page_load:
 * @self: the page
 * @ctx: the logged-in operator and the store
 * @settings: the application settings (pressure unit)
 * @client_id: the client
 * @error: return location for a store error
 *
 * Shows the client's screening and the profiles, with the checklist
 * cleared.
 *
 * Returns: %TRUE if the client was found
 */
gboolean
ebb_session_prepare_page_load (EbbSessionPreparePage  *self,
                               EbbOperatorSession     *ctx,
                               GSettings              *settings,
                               gint64                  client_id,
                               GError                **error)
{
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GPtrArray) profiles = NULL;

  g_return_val_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self), FALSE);
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  client = ebb_store_client_get (ebb_operator_session_get_store (ctx), client_id, error);
  if (client == NULL)
    return FALSE;
  profiles = ebb_profile_list_all (ebb_operator_session_get_store (ctx), error);
  if (profiles == NULL)
    return FALSE;

  g_set_object (&self->ctx, ctx);
  g_set_object (&self->settings, settings);
  self->unit = ebb_environment_pressure_unit (settings);

  self->client_id = client_id;
  g_free (self->client_name);
  self->client_name = (client->given_name != NULL && *client->given_name != '\0')
                      ? g_strdup_printf ("%s %s", client->given_name, client->family_name)
                      : g_strdup (client->family_name);
  gtk_label_set_text (self->client_label, self->client_name);

  show_screening (self);

  g_ptr_array_set_size (self->profiles, 0);
  g_array_set_size (self->profile_ids, 0);
  clear_profile_cards (self);
  for (guint i = 0; i < profiles->len; i++)
    ebb_session_prepare_page_add_profile (self, g_ptr_array_index (profiles, i),
                                          ebb_profile_get_id (g_ptr_array_index (profiles, i)));

  gtk_check_button_set_active (self->lid_check, FALSE);
  gtk_check_button_set_active (self->briefed_check, FALSE);
  gtk_check_button_set_active (self->hand_switch_check, FALSE);
  ebb_vitals_row_reset (self->vitals_row);
  ebb_session_prepare_page_refresh (self);
  return TRUE;
}

/**
 * ebb_session_prepare_page_add_profile:
 * @self: the page
 * @profile: a profile
 * @profile_id: its stored version's id, 0 for a factory profile
 *
 * Adds a card for @profile.
 */
void
ebb_session_prepare_page_add_profile (EbbSessionPreparePage *self,
                                      EbbProfile            *profile,
                                      gint64                 profile_id)
{
  g_return_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self));
  g_return_if_fail (EBB_IS_PROFILE (profile));

  g_ptr_array_add (self->profiles, g_object_ref (profile));
  g_array_append_val (self->profile_ids, profile_id);
  gtk_flow_box_append (self->profiles_box, profile_card_new (self, profile));
}

/**
 * ebb_session_prepare_page_select_profile:
 * @self: the page
 * @index: the card's position
 *
 * Chooses a profile card as a click would.
 */
void
ebb_session_prepare_page_select_profile (EbbSessionPreparePage *self,
                                         guint                  index)
{
  GtkFlowBoxChild *child;

  g_return_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self));

  child = gtk_flow_box_get_child_at_index (self->profiles_box, index);
  if (child != NULL)
    gtk_flow_box_select_child (self->profiles_box, child);
}

/**
 * ebb_session_prepare_page_get_profile:
 * @self: the page
 * @profile_id: (out) (optional): the stored version's id
 *
 * Returns: (transfer none) (nullable): the chosen profile
 */
EbbProfile *
ebb_session_prepare_page_get_profile (EbbSessionPreparePage *self,
                                      gint64                *profile_id)
{
  g_autoptr(GList) selected = NULL;
  int index;

  g_return_val_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self), NULL);

  selected = gtk_flow_box_get_selected_children (self->profiles_box);
  if (selected == NULL)
    return NULL;
  index = gtk_flow_box_child_get_index (selected->data);
  if (index < 0 || (guint) index >= self->profiles->len)
    return NULL;
  if (profile_id != NULL)
    *profile_id = g_array_index (self->profile_ids, gint64, index);
  return g_ptr_array_index (self->profiles, index);
}

/**
 * ebb_session_prepare_page_set_session:
 * @self: the page
 * @candidate: (nullable): the session the Start button would start
 * @device: (nullable): the chamber, for the lid
 *
 * The page asks @candidate's gates and reads @device's flags.
 */
void
ebb_session_prepare_page_set_session (EbbSessionPreparePage *self,
                                      EbbSession            *candidate,
                                      EbbDevice             *device)
{
  g_return_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self));

  g_set_object (&self->candidate, candidate);
  g_set_object (&self->device, device);
  ebb_session_prepare_page_refresh (self);
}

/**
 * ebb_session_prepare_page_screening_changed:
 * @self: the page
 * @client_id: the client whose screening record changed
 *
 * A screening, clearance or reported change was recorded for @client_id
 * (in this window or another): if it is this page's client, the page reads
 * the screening and asks the gates again.
 */
void
ebb_session_prepare_page_screening_changed (EbbSessionPreparePage *self,
                                            gint64                 client_id)
{
  g_return_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self));

  if (self->ctx == NULL || client_id != self->client_id)
    return;
  show_screening (self);
  ebb_session_prepare_page_refresh (self);
}

const char *
ebb_session_prepare_page_get_client_name (EbbSessionPreparePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self), NULL);

  return self->client_name;
}

/**
 * ebb_session_prepare_page_get_notes_text:
 * @self: the page
 *
 * Returns: (nullable): the screening's NOTE items, one a line
 */
const char *
ebb_session_prepare_page_get_notes_text (EbbSessionPreparePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self), NULL);

  return self->notes_text;
}

gint64
ebb_session_prepare_page_get_screening_id (EbbSessionPreparePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self), 0);

  return self->screening_id;
}

/**
 * ebb_session_prepare_page_get_vitals:
 * @self: the page
 * @vitals: (out caller-allocates): the vitals before the session; recorded
 *   says whether the operator took them
 */
void
ebb_session_prepare_page_get_vitals (EbbSessionPreparePage *self,
                                     EbbVitals             *vitals)
{
  g_return_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self));

  ebb_vitals_row_get_vitals (self->vitals_row, vitals);
}

/**
 * ebb_session_prepare_page_get_blocker:
 * @self: the page
 *
 * Returns: (nullable): why Start is not possible, as shown; %NULL when it is
 */
const char *
ebb_session_prepare_page_get_blocker (EbbSessionPreparePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self), NULL);

  return self->blocker;
}

gboolean
ebb_session_prepare_page_can_start (EbbSessionPreparePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_PREPARE_PAGE (self), FALSE);

  return gtk_widget_get_sensitive (GTK_WIDGET (self->start_button));
}
