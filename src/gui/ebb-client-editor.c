/* ebb-client-editor.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-client-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-client-editor.h"

/**
 * EbbClientEditor:
 *
 * Registers a new client or edits one. Every field is checked by the
 * front-desk rules in the core (ebb-front-desk.c) and a problem is shown
 * right below its field; the entry is marked too. "Save" goes through
 * ebb_front_desk_register_client() or ebb_front_desk_update_client(), so
 * the permission check and the audit entry cannot be skipped. Emits
 * #EbbClientEditor::saved or #EbbClientEditor::cancelled.
 */
struct _EbbClientEditor
{
  EbbSessionBin       parent_instance;

  /* template widgets */
  GtkLabel           *title_label;
  GtkEntry           *family_entry;
  GtkLabel           *family_error;
  GtkEntry           *given_entry;
  GtkLabel           *given_error;
  GtkEntry           *dob_entry;
  GtkLabel           *dob_error;
  GtkDropDown        *sex_dropdown;
  GtkEntry           *phone_entry;
  GtkLabel           *phone_error;
  GtkEntry           *email_entry;
  GtkLabel           *email_error;
  GtkEntry           *external_entry;
  GtkEntry           *notes_entry;
  GtkLabel           *general_error;

  EbbClient          *client;
};

G_DEFINE_FINAL_TYPE (EbbClientEditor, ebb_client_editor, EBB_TYPE_SESSION_BIN)

enum {
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The drop-down lists the sexes in EbbSex order. */
G_STATIC_ASSERT (EBB_SEX_UNSPECIFIED == 0 && EBB_SEX_FEMALE == 1 &&
                 EBB_SEX_MALE == 2 && EBB_SEX_OTHER == 3);

static void
field_widgets (EbbClientEditor    *self,
               EbbFrontDeskError   field,
               GtkEntry          **entry,
               GtkLabel          **label)
{
  switch (field)
    {
    case EBB_FRONT_DESK_ERROR_FAMILY_NAME:
      *entry = self->family_entry;
      *label = self->family_error;
      break;

    case EBB_FRONT_DESK_ERROR_GIVEN_NAME:
      *entry = self->given_entry;
      *label = self->given_error;
      break;

    case EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH:
      *entry = self->dob_entry;
      *label = self->dob_error;
      break;

    case EBB_FRONT_DESK_ERROR_EMAIL:
      *entry = self->email_entry;
      *label = self->email_error;
      break;

    case EBB_FRONT_DESK_ERROR_PHONE:
      *entry = self->phone_entry;
      *label = self->phone_error;
      break;

    case EBB_FRONT_DESK_ERROR_CONSENT:
    default:
      *entry = NULL;
      *label = NULL;
      break;
    }
}

static void
show_field_error (EbbClientEditor   *self,
                  EbbFrontDeskError  field,
                  const char        *message)
{
  GtkEntry *entry;
  GtkLabel *label;

  field_widgets (self, field, &entry, &label);
  g_assert (entry != NULL);

  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
show_general_error (EbbClientEditor *self,
                    const char      *message)
{
  gtk_label_set_label (self->general_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), message != NULL);
}

static const char *
entry_text (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* Checks one field with the core's rule and shows the outcome beside it. */
static gboolean
check_field (EbbClientEditor   *self,
             EbbFrontDeskError  field)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *dob = NULL;
  g_autofree char *trimmed = NULL;
  gboolean ok;

  switch (field)
    {
    case EBB_FRONT_DESK_ERROR_FAMILY_NAME:
      ok = ebb_front_desk_check_family_name (entry_text (self->family_entry), &error);
      break;

    case EBB_FRONT_DESK_ERROR_GIVEN_NAME:
      ok = ebb_front_desk_check_given_name (entry_text (self->given_entry), &error);
      break;

    case EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH:
      dob = ebb_front_desk_parse_date_of_birth (entry_text (self->dob_entry),
                                                session != NULL
                                                  ? ebb_operator_session_now (session)
                                                  : g_get_real_time (),
                                                &error);
      ok = error == NULL;
      break;

    case EBB_FRONT_DESK_ERROR_EMAIL:
      trimmed = g_strstrip (g_strdup (entry_text (self->email_entry)));
      ok = ebb_front_desk_check_email (trimmed, &error);
      break;

    case EBB_FRONT_DESK_ERROR_PHONE:
      ok = ebb_front_desk_check_phone (entry_text (self->phone_entry), &error);
      break;

    case EBB_FRONT_DESK_ERROR_CONSENT:
    default:
      g_assert_not_reached ();
    }

  show_field_error (self, field, ok ? NULL : error->message);
  return ok;
}

/* Once a problem is shown, it goes away as soon as the text is fixed. */
static void
field_changed_cb (EbbClientEditor *self,
                  GtkEditable     *editable)
{
  static const EbbFrontDeskError fields[] = {
    EBB_FRONT_DESK_ERROR_FAMILY_NAME, EBB_FRONT_DESK_ERROR_GIVEN_NAME,
    EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH, EBB_FRONT_DESK_ERROR_EMAIL, EBB_FRONT_DESK_ERROR_PHONE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkEntry *entry;
      GtkLabel *label;

      field_widgets (self, fields[i], &entry, &label);
      if (GTK_EDITABLE (entry) == editable && gtk_widget_get_visible (GTK_WIDGET (label)))
        check_field (self, fields[i]);
    }
}

static char *
optional_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (entry)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static EbbClient *
client_from_fields (EbbClientEditor *self)
{
  EbbClient *client = self->client != NULL ? ebb_client_copy (self->client) : ebb_client_new ();

  g_free (client->family_name);
  client->family_name = g_strdup (entry_text (self->family_entry));
  g_free (client->given_name);
  client->given_name = g_strstrip (g_strdup (entry_text (self->given_entry)));
  g_free (client->date_of_birth);
  client->date_of_birth = optional_text (self->dob_entry);
  client->sex = (EbbSex) gtk_drop_down_get_selected (self->sex_dropdown);
  g_free (client->phone);
  client->phone = optional_text (self->phone_entry);
  g_free (client->email);
  client->email = optional_text (self->email_entry);
  g_free (client->external_id);
  client->external_id = optional_text (self->external_entry);
  g_free (client->notes);
  client->notes = optional_text (self->notes_entry);

  return client;
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EbbClientEditor *self = EBB_CLIENT_EDITOR (widget);
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  static const EbbFrontDeskError fields[] = {
    EBB_FRONT_DESK_ERROR_FAMILY_NAME, EBB_FRONT_DESK_ERROR_GIVEN_NAME,
    EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH, EBB_FRONT_DESK_ERROR_PHONE, EBB_FRONT_DESK_ERROR_EMAIL,
  };
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *first_bad = NULL;
  gint64 id;

  show_general_error (self, NULL);

  /* Every field is checked, so all problems show at once; the first one
   * gets the focus. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!check_field (self, fields[i]) && first_bad == NULL)
        {
          GtkEntry *entry;
          GtkLabel *label;

          field_widgets (self, fields[i], &entry, &label);
          first_bad = GTK_WIDGET (entry);
        }
    }

  if (first_bad != NULL)
    {
      gtk_widget_grab_focus (first_bad);
      return;
    }

  if (session == NULL)
    return;

  client = client_from_fields (self);
  if (client->id > 0)
    id = ebb_front_desk_update_client (session, client, &error) ? client->id : 0;
  else
    id = ebb_front_desk_register_client (session, client, &error);

  if (id == 0)
    {
      if (error->domain == EBB_FRONT_DESK_ERROR && error->code != EBB_FRONT_DESK_ERROR_CONSENT)
        show_field_error (self, error->code, error->message);
      else
        show_general_error (self, error->message);
      return;
    }

  client->id = id;
  g_clear_pointer (&self->client, ebb_client_free);
  self->client = g_steal_pointer (&client);
  gtk_label_set_label (self->title_label, _("Edit Client"));
  g_signal_emit (self, signals[SAVED], 0, id);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCELLED], 0);
}

static void
ebb_client_editor_dispose (GObject *object)
{
  EbbClientEditor *self = (EbbClientEditor *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_CLIENT_EDITOR);

  G_OBJECT_CLASS (ebb_client_editor_parent_class)->dispose (object);
}

static void
ebb_client_editor_finalize (GObject *object)
{
  EbbClientEditor *self = (EbbClientEditor *) object;

  g_clear_pointer (&self->client, ebb_client_free);

  G_OBJECT_CLASS (ebb_client_editor_parent_class)->finalize (object);
}

static void
ebb_client_editor_class_init (EbbClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_client_editor_dispose;
  object_class->finalize = ebb_client_editor_finalize;

  /**
   * EbbClientEditor::saved:
   * @self: the editor
   * @client_id: the registered or changed client
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * EbbClientEditor::cancelled:
   *
   * The operator left the editor without saving.
   */
  signals[CANCELLED] = g_signal_new ("cancelled",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-client-editor.ui");
  gtk_widget_class_set_css_name (widget_class, "clienteditor");
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, family_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, family_error);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, given_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, given_error);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, dob_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, dob_error);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, sex_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, phone_error);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, email_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, email_error);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, external_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbClientEditor, general_error);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action_cb);
}

static void
ebb_client_editor_init (EbbClientEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ebb_client_editor_new:
 * @session: (nullable): the console's operator session
 *
 * Returns: (transfer floating): an editor for a new client
 */
GtkWidget *
ebb_client_editor_new (EbbOperatorSession *session)
{
  return g_object_new (EBB_TYPE_CLIENT_EDITOR, "session", session, NULL);
}

static void
set_entry (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

/**
 * ebb_client_editor_set_client:
 * @self: a client editor
 * @client: (nullable): the client to edit; %NULL for a new one
 *
 * Fills the form and clears any shown problem.
 */
void
ebb_client_editor_set_client (EbbClientEditor *self,
                              const EbbClient *client)
{
  static const EbbFrontDeskError fields[] = {
    EBB_FRONT_DESK_ERROR_FAMILY_NAME, EBB_FRONT_DESK_ERROR_GIVEN_NAME,
    EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH, EBB_FRONT_DESK_ERROR_PHONE, EBB_FRONT_DESK_ERROR_EMAIL,
  };

  g_return_if_fail (EBB_IS_CLIENT_EDITOR (self));

  g_clear_pointer (&self->client, ebb_client_free);
  if (client != NULL)
    self->client = ebb_client_copy (client);

  set_entry (self->family_entry, client != NULL ? client->family_name : NULL);
  set_entry (self->given_entry, client != NULL ? client->given_name : NULL);
  set_entry (self->dob_entry, client != NULL ? client->date_of_birth : NULL);
  gtk_drop_down_set_selected (self->sex_dropdown, client != NULL ? (guint) client->sex : 0);
  set_entry (self->phone_entry, client != NULL ? client->phone : NULL);
  set_entry (self->email_entry, client != NULL ? client->email : NULL);
  set_entry (self->external_entry, client != NULL ? client->external_id : NULL);
  set_entry (self->notes_entry, client != NULL ? client->notes : NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    show_field_error (self, fields[i], NULL);
  show_general_error (self, NULL);

  gtk_label_set_label (self->title_label,
                       client != NULL && client->id > 0 ? _("Edit Client") : _("New Client"));
}

/**
 * ebb_client_editor_get_client_id:
 * @self: a client editor
 *
 * Returns: the edited client's id; 0 for a client not saved yet
 */
gint64
ebb_client_editor_get_client_id (EbbClientEditor *self)
{
  g_return_val_if_fail (EBB_IS_CLIENT_EDITOR (self), 0);

  return self->client != NULL ? self->client->id : 0;
}

/**
 * ebb_client_editor_get_error:
 * @self: a client editor
 * @field: which field
 *
 * Returns: (nullable): the problem shown below @field, or %NULL
 */
const char *
ebb_client_editor_get_error (EbbClientEditor   *self,
                             EbbFrontDeskError  field)
{
  GtkEntry *entry;
  GtkLabel *label;

  g_return_val_if_fail (EBB_IS_CLIENT_EDITOR (self), NULL);

  field_widgets (self, field, &entry, &label);
  if (label == NULL || !gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;

  return gtk_label_get_label (label);
}
