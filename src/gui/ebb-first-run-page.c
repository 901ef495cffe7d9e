/* ebb-first-run-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-first-run-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-admin.h"
#include "ebb-demo.h"
#include "ebb-environment.h"
#include "ebb-first-run-page.h"
#include "ebb-operators.h"

/*
 * The first start on a database without an administrator: the clinic's
 * name, the first administrator, and an offer of a demo client and the
 * simulated chamber so that a new user can run a whole session at once.
 * Every rule (user name, PIN, roles) is the core's; the page only shows
 * the core's messages. On success the administrator is logged in.
 */

struct _EbbFirstRunPage
{
  EbbSessionBin  parent_instance;

  /* template widgets */
  AdwEntryRow          *clinic_row;
  AdwEntryRow          *username_row;
  AdwEntryRow          *display_name_row;
  AdwPasswordEntryRow  *secret_row;
  AdwPasswordEntryRow  *repeat_row;
  GtkSwitch            *all_roles_switch;
  GtkSwitch            *demo_client_switch;
  GtkSwitch            *simulator_switch;

  /* state */
  gint64                demo_client_id;
  GtkLabel             *message_label;
};

G_DEFINE_FINAL_TYPE (EbbFirstRunPage, ebb_first_run_page, EBB_TYPE_SESSION_BIN)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (EbbFirstRunPage *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
mark_row (gpointer row,
          gboolean bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Checks what the core would refuse before anything is written, so a typo
 * never leaves half a first run behind. */
static gboolean
validate (EbbFirstRunPage  *self,
          const char       *display_name,
          GError          **error)
{
  gboolean ok;

  mark_row (self->username_row, FALSE);
  mark_row (self->secret_row, FALSE);
  mark_row (self->repeat_row, FALSE);
  mark_row (self->display_name_row, FALSE);

  ok = ebb_operators_validate_username (row_text (self->username_row), error);
  mark_row (self->username_row, !ok);
  if (!ok)
    return FALSE;

  if (*display_name == '\0')
    {
      mark_row (self->display_name_row, TRUE);
      g_set_error_literal (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_INVALID,
                           _("Enter the administrator’s name as colleagues should see it."));
      return FALSE;
    }

  ok = ebb_operators_validate_secret (row_text (self->secret_row), error);
  mark_row (self->secret_row, !ok);
  if (!ok)
    return FALSE;

  if (g_strcmp0 (row_text (self->secret_row), row_text (self->repeat_row)) != 0)
    {
      mark_row (self->repeat_row, TRUE);
      g_set_error_literal (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_INVALID,
                           _("The two PINs differ. Type the same PIN or password twice."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
create (EbbFirstRunPage  *self,
        GError          **error)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autofree char *clinic = g_strstrip (g_strdup (row_text (self->clinic_row)));
  g_autofree char *display_name = g_strstrip (g_strdup (row_text (self->display_name_row)));
  EbbRoles extra = gtk_switch_get_active (self->all_roles_switch)
                   ? EBB_ROLE_RECEPTION | EBB_ROLE_CLINICIAN | EBB_ROLE_TECHNICIAN
                   : EBB_ROLE_NONE;

  if (!validate (self, display_name, error))
    return FALSE;

  if (ebb_operators_create_first_admin (session, row_text (self->username_row), display_name,
                                        extra, row_text (self->secret_row), error) <= 0 ||
      !ebb_operator_session_login (session, row_text (self->username_row),
                                   row_text (self->secret_row), error))
    return FALSE;

  /* Through the core as the administrator, so the trail shows who named
   * the clinic and chose the chamber. */
  if (*clinic != '\0' &&
      !ebb_admin_change_setting (session, settings, "clinic-name",
                                 g_variant_new_string (clinic), error))
    return FALSE;
  if (gtk_switch_get_active (self->simulator_switch) &&
      !ebb_admin_change_setting (session, settings, "device",
                                 g_variant_new_string ("sim"), error))
    return FALSE;
  /* The demonstration (client, consent, screening, profile) needs the
   * front-desk and technician roles; an administrator-only operator gets
   * none rather than an error. */
  self->demo_client_id = 0;
  if (gtk_switch_get_active (self->demo_client_switch) &&
      (extra & EBB_ROLE_RECEPTION) != 0)
    {
      self->demo_client_id = ebb_demo_set_up (session,
                                              g_settings_get_uint (settings, "screening-validity-days"),
                                              g_settings_get_int (settings, "clinic-limit-pa"),
                                              error);
      if (self->demo_client_id <= 0)
        return FALSE;
    }

  return TRUE;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbbFirstRunPage *self = EBB_FIRST_RUN_PAGE (widget);
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    return;

  if (!create (self, &error))
    {
      show_message (self, error->message);
      return;
    }

  show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  g_signal_emit (self, signals[FINISHED], 0, gtk_switch_get_active (self->simulator_switch));
}

static void
entry_activated_cb (EbbFirstRunPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "first-run.create", NULL);
}

static void
ebb_first_run_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EBB_TYPE_FIRST_RUN_PAGE);

  G_OBJECT_CLASS (ebb_first_run_page_parent_class)->dispose (object);
}

static void
ebb_first_run_page_class_init (EbbFirstRunPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_first_run_page_dispose;

  /**
   * EbbFirstRunPage::finished:
   * @use_simulator: whether the operator chose the simulated chamber
   *
   * The first administrator exists and is logged in.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-first-run-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, clinic_row);
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, all_roles_switch);
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, demo_client_switch);
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, simulator_switch);
  gtk_widget_class_bind_template_child (widget_class, EbbFirstRunPage, message_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "first-run.create", NULL, create_action);
}

static void
ebb_first_run_page_init (EbbFirstRunPage *self)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autofree char *clinic = g_settings_get_string (settings, "clinic-name");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_set_text (GTK_EDITABLE (self->clinic_row), clinic);
}

/**
 * ebb_first_run_page_new:
 * @session: (nullable): the console's operator session
 *
 * Returns: (transfer floating): a first-run page
 */
GtkWidget *
ebb_first_run_page_new (EbbOperatorSession *session)
{
  return g_object_new (EBB_TYPE_FIRST_RUN_PAGE, "session", session, NULL);
}

/**
 * ebb_first_run_page_get_message:
 * @self: the page
 *
 * Returns: the error shown, or "" when none
 */
const char *
ebb_first_run_page_get_message (EbbFirstRunPage *self)
{
  g_return_val_if_fail (EBB_IS_FIRST_RUN_PAGE (self), NULL);

  return gtk_label_get_text (self->message_label);
}

/**
 * ebb_first_run_page_get_demo_client_id:
 * @self: a first-run page
 *
 * Returns: the demo client the set-up added, or 0 if it added none
 */
gint64
ebb_first_run_page_get_demo_client_id (EbbFirstRunPage *self)
{
  g_return_val_if_fail (EBB_IS_FIRST_RUN_PAGE (self), 0);

  return self->demo_client_id;
}
