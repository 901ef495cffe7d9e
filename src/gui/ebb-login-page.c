/* ebb-login-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-login-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-login-page.h"
#include "ebb-operators.h"
#include "ebb-permissions.h"

/**
 * EbbLoginPage:
 *
 * The login and lock screen: the list of operators and a PIN pad usable
 * with mouse, touch or keyboard. Choosing the logged-in operator on a
 * locked console unlocks it; choosing someone else switches operator.
 * Emits #EbbLoginPage::logged-in when the console is ready for use.
 */
struct _EbbLoginPage
{
  EbbSessionBin       parent_instance;

  /* template widgets */
  GtkBox             *columns;
  GtkLabel           *title_label;
  GtkListBox         *operator_list;
  GtkLabel           *empty_label;
  GtkLabel           *operator_label;
  GtkPasswordEntry   *pin_entry;
  GtkLabel           *message_label;

  char               *username;
  char               *locked_out_username;

  /* state */
  guint               countdown_id;
  guint               focus_id;
  gboolean            narrow;
};

G_DEFINE_FINAL_TYPE (EbbLoginPage, ebb_login_page, EBB_TYPE_SESSION_BIN)

enum {
  LOGGED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_message (EbbLoginPage *self,
              const char   *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
stop_countdown (EbbLoginPage *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_pointer (&self->locked_out_username, g_free);
}

/* Refreshes "try again in m:ss" once a second while the chosen operator is
 * locked out, and clears it when the lockout ends. */
static gboolean
countdown_cb (gpointer user_data)
{
  EbbLoginPage *self = user_data;
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autofree char *message = NULL;
  gint64 remaining;
  gint64 seconds;

  if (session == NULL || self->locked_out_username == NULL)
    {
      self->countdown_id = 0;
      stop_countdown (self);
      return G_SOURCE_REMOVE;
    }

  remaining = ebb_operator_session_lockout_remaining (session, self->locked_out_username);
  if (remaining <= 0)
    {
      self->countdown_id = 0;
      stop_countdown (self);
      show_message (self, NULL);
      return G_SOURCE_REMOVE;
    }

  seconds = (remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
  message = g_strdup_printf (/* Translators: %s is a name, %d:%02d minutes and seconds */
                             _("%s is locked after too many wrong attempts. "
                               "Try again in %d:%02d, or ask an administrator."),
                             gtk_label_get_label (self->operator_label),
                             (int) (seconds / 60), (int) (seconds % 60));
  show_message (self, message);
  return G_SOURCE_CONTINUE;
}

static void
start_countdown (EbbLoginPage *self,
                 const char   *username)
{
  stop_countdown (self);
  self->locked_out_username = g_strdup (username);
  if (countdown_cb (self))
    self->countdown_id = g_timeout_add_seconds (1, countdown_cb, self);
}

static gboolean
focus_pin_cb (gpointer user_data)
{
  EbbLoginPage *self = EBB_LOGIN_PAGE (user_data);

  self->focus_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->pin_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
  return G_SOURCE_REMOVE;
}

static void
row_selected_cb (EbbLoginPage  *self,
                 GtkListBoxRow *row)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_clear_pointer (&self->username, g_free);
  stop_countdown (self);
  show_message (self, NULL);

  if (row == NULL)
    {
      gtk_label_set_label (self->operator_label, _("Choose your name"));
      return;
    }

  self->username = g_strdup (g_object_get_data (G_OBJECT (row), "username"));
  gtk_label_set_label (self->operator_label,
                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
  /* A click selects the row and then focuses it, after this handler: the
   * PIN entry takes the focus back once the click is done, so the digits
   * typed next go into it. */
  if (self->focus_id == 0)
    self->focus_id = g_idle_add (focus_pin_cb, self);

  if (session != NULL &&
      ebb_operator_session_lockout_remaining (session, self->username) > 0)
    start_countdown (self, self->username);
}

static void
submit (EbbLoginPage *self)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  const EbbOperator *current;
  gboolean ok;

  if (session == NULL)
    return;

  if (self->username == NULL)
    {
      show_message (self, _("Choose your name in the list first."));
      return;
    }

  secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  if (*secret == '\0')
    {
      show_message (self, _("Enter your PIN or password."));
      return;
    }

  current = ebb_operator_session_get_operator (session);
  if (current != NULL && ebb_operator_session_is_locked (session) &&
      g_ascii_strcasecmp (current->username, self->username) == 0)
    ok = ebb_operator_session_unlock (session, secret, &error);
  else
    ok = ebb_operator_session_login (session, self->username, secret, &error);

  if (!ok)
    {
      if (g_error_matches (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_LOCKED_OUT))
        start_countdown (self, self->username);
      else
        show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return;
    }

  stop_countdown (self);
  show_message (self, NULL);
  g_signal_emit (self, signals[LOGGED_IN], 0);
}

static void
pin_activate_cb (EbbLoginPage *self)
{
  submit (self);
}

static void
digit_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EbbLoginPage *self = EBB_LOGIN_PAGE (widget);
  g_autofree char *text = g_strconcat (gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)),
                                       g_variant_get_string (parameter, NULL), NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->pin_entry), -1);
}

static void
backspace_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EbbLoginPage *self = EBB_LOGIN_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->pin_entry));
  glong length = g_utf8_strlen (text, -1);

  if (length > 0)
    gtk_editable_delete_text (GTK_EDITABLE (self->pin_entry), length - 1, length);
}

static void
submit_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  submit (EBB_LOGIN_PAGE (widget));
}

static gboolean
clear_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  EbbLoginPage *self = EBB_LOGIN_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  return TRUE;
}

static GtkWidget *
create_row (const EbbOperator *op)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *roles = ebb_permissions_describe_roles (op->roles);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), op->display_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), roles);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE,
                                           "icon-name", "avatar-default-symbolic",
                                           NULL));
  g_object_set_data_full (G_OBJECT (row), "username", g_strdup (op->username), g_free);
  return row;
}

static void
ebb_login_page_dispose (GObject *object)
{
  EbbLoginPage *self = (EbbLoginPage *) object;

  stop_countdown (self);
  g_clear_handle_id (&self->focus_id, g_source_remove);
  /* Removing the rows would report a selection change to a half-disposed
   * page. */
  g_signal_handlers_disconnect_by_data (self->operator_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_LOGIN_PAGE);

  G_OBJECT_CLASS (ebb_login_page_parent_class)->dispose (object);
}

static void
ebb_login_page_finalize (GObject *object)
{
  EbbLoginPage *self = (EbbLoginPage *) object;

  g_free (self->username);

  G_OBJECT_CLASS (ebb_login_page_parent_class)->finalize (object);
}

static void
ebb_login_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EbbLoginPage *self = EBB_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_login_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EbbLoginPage *self = EBB_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      ebb_login_page_set_narrow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_login_page_session_changed (EbbSessionBin *bin)
{
  ebb_login_page_reload (EBB_LOGIN_PAGE (bin));
}

static void
ebb_login_page_class_init (EbbLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_login_page_dispose;
  EBB_SESSION_BIN_CLASS (klass)->session_changed = ebb_login_page_session_changed;
  object_class->finalize = ebb_login_page_finalize;
  object_class->get_property = ebb_login_page_get_property;
  object_class->set_property = ebb_login_page_set_property;

  /**
   * EbbLoginPage:narrow:
   *
   * The operator list above the PIN pad rather than beside it, and no
   * heading, for the lock panel beside a running session.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbbLoginPage::logged-in:
   *
   * An operator logged in, switched in or unlocked the console.
   */
  signals[LOGGED_IN] = g_signal_new ("logged-in",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-login-page.ui");
  gtk_widget_class_set_css_name (widget_class, "loginpage");
  gtk_widget_class_bind_template_child (widget_class, EbbLoginPage, columns);
  gtk_widget_class_bind_template_child (widget_class, EbbLoginPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, EbbLoginPage, operator_list);
  gtk_widget_class_bind_template_child (widget_class, EbbLoginPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, EbbLoginPage, operator_label);
  gtk_widget_class_bind_template_child (widget_class, EbbLoginPage, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbLoginPage, message_label);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_activate_cb);

  gtk_widget_class_install_action (widget_class, "login.digit", "s", digit_action_cb);
  gtk_widget_class_install_action (widget_class, "login.backspace", NULL, backspace_action_cb);
  gtk_widget_class_install_action (widget_class, "login.submit", NULL, submit_action_cb);

  /* The keypad's digits on a keyboard go to the entry by themselves;
   * Escape clears it. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, clear_cb, NULL);
}

static void
ebb_login_page_init (EbbLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ebb_login_page_new:
 * @session: (nullable): the console's operator session
 *
 * Returns: (transfer floating): a new login page
 */
GtkWidget *
ebb_login_page_new (EbbOperatorSession *session)
{
  return g_object_new (EBB_TYPE_LOGIN_PAGE, "session", session, NULL);
}

/**
 * ebb_login_page_reload:
 * @self: a login page
 *
 * Reads the active operators again (after operators were added or
 * deactivated) and preselects the logged-in operator on a locked console.
 */
void
ebb_login_page_reload (EbbLoginPage *self)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autoptr(GPtrArray) operators = NULL;
  g_autoptr(GError) error = NULL;
  const EbbOperator *current = NULL;
  GtkWidget *child;

  g_return_if_fail (EBB_IS_LOGIN_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->operator_list))) != NULL)
    gtk_list_box_remove (self->operator_list, child);

  if (session == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
      return;
    }

  operators = ebb_operators_list_for_login (ebb_operator_session_get_store (session),
                                            &error);
  if (operators == NULL)
    {
      show_message (self, error->message);
      return;
    }

  current = ebb_operator_session_get_operator (session);
  for (guint i = 0; i < operators->len; i++)
    gtk_list_box_append (self->operator_list, create_row (g_ptr_array_index (operators, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), operators->len == 0);

  if (current != NULL)
    ebb_login_page_select (self, current->username);
}

/**
 * ebb_login_page_select:
 * @self: a login page
 * @username: an operator's user name
 *
 * Chooses @username in the list, as a click on their name would.
 *
 * Returns: %TRUE if @username is in the list
 */
gboolean
ebb_login_page_select (EbbLoginPage *self,
                       const char   *username)
{
  GtkWidget *child;

  g_return_val_if_fail (EBB_IS_LOGIN_PAGE (self), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->operator_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = g_object_get_data (G_OBJECT (child), "username");

      if (name != NULL && g_ascii_strcasecmp (name, username) == 0)
        {
          gtk_list_box_select_row (self->operator_list, GTK_LIST_BOX_ROW (child));
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ebb_login_page_get_message:
 * @self: a login page
 *
 * Returns: (nullable): the wrong-PIN or locked-out message shown, or %NULL
 */
const char *
ebb_login_page_get_message (EbbLoginPage *self)
{
  g_return_val_if_fail (EBB_IS_LOGIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_label (self->message_label);
}

gboolean
ebb_login_page_get_narrow (EbbLoginPage *self)
{
  g_return_val_if_fail (EBB_IS_LOGIN_PAGE (self), FALSE);

  return self->narrow;
}

void
ebb_login_page_set_narrow (EbbLoginPage *self,
                           gboolean      narrow)
{
  g_return_if_fail (EBB_IS_LOGIN_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_homogeneous (self->columns, !narrow);
  gtk_box_set_spacing (self->columns, narrow ? 18 : 36);
  /* The panel that holds a narrow page has a heading of its own. */
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), !narrow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}
