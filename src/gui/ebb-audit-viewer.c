/* ebb-audit-viewer.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-audit-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-audit-viewer.h"
#include "ebb-audit.h"

/**
 * EbbAuditViewer:
 *
 * The administrators' view of the audit trail, filtered by operator,
 * action, client and date. It reads through ebb_audit_query(), so the
 * permission check (administrators only) and the `audit.view` entry happen
 * in the core; that is also why it reads only on "Show", not on every
 * keystroke.
 */
struct _EbbAuditViewer
{
  EbbSessionBin       parent_instance;

  /* template widgets */
  GtkEntry           *operator_entry;
  GtkEntry           *action_entry;
  GtkEntry           *client_entry;
  GtkEntry           *since_entry;
  GtkLabel           *message_label;
  GtkListBox         *entries_list;

  /* state */
  guint               n_entries;
};

G_DEFINE_FINAL_TYPE (EbbAuditViewer, ebb_audit_viewer, EBB_TYPE_SESSION_BIN)

static char *
filter_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
show_message (EbbAuditViewer *self,
              const char     *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static GtkWidget *
create_row (const EbbAuditEntry *entry,
            GHashTable          *names)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (entry->time_us / G_USEC_PER_SEC);
  g_autofree char *time = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");
  const char *who = entry->operator_id != 0 ? g_hash_table_lookup (names, &entry->operator_id)
                                            : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *detail = ebb_audit_entry_detail (entry);
  gint64 client_id = ebb_audit_entry_client (entry);
  g_autoptr(GString) text = g_string_new (entry->subject);

  /* Translators: an audit entry: time, operator, action id */
  title = g_strdup_printf (_("%s · %s · %s"), time,
                           who != NULL ? who : (entry->operator_id != 0 ? "?" : _("system")),
                           entry->action);
  /* The subject, the client when the subject is another record, the
   * detail: "consent:4 · client 7 · granted treatment v2026-01". */
  if (client_id != 0 && !g_str_has_prefix (text->str, "client:"))
    g_string_append_printf (text, "%s" "client %" G_GINT64_FORMAT,
                            text->len > 0 ? " · " : "", client_id);
  if (detail != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", detail);
  subtitle = g_string_free (g_steal_pointer (&text), FALSE);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  return row;
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EbbAuditViewer *self = EBB_AUDIT_VIEWER (widget);
  g_autoptr(GError) error = NULL;

  if (!ebb_audit_viewer_refresh (self, &error))
    show_message (self, error->message);
}

static void
filter_activate_cb (EbbAuditViewer *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "audit-viewer.refresh", NULL);
}

static void
ebb_audit_viewer_dispose (GObject *object)
{
  EbbAuditViewer *self = (EbbAuditViewer *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_AUDIT_VIEWER);

  G_OBJECT_CLASS (ebb_audit_viewer_parent_class)->dispose (object);
}

static void
ebb_audit_viewer_class_init (EbbAuditViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_audit_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-audit-viewer.ui");
  gtk_widget_class_set_css_name (widget_class, "auditviewer");
  gtk_widget_class_bind_template_child (widget_class, EbbAuditViewer, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbAuditViewer, action_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbAuditViewer, client_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbAuditViewer, since_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbAuditViewer, message_label);
  gtk_widget_class_bind_template_child (widget_class, EbbAuditViewer, entries_list);
  gtk_widget_class_bind_template_callback (widget_class, filter_activate_cb);

  gtk_widget_class_install_action (widget_class, "audit-viewer.refresh", NULL, refresh_action_cb);
}

static void
ebb_audit_viewer_init (EbbAuditViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ebb_audit_viewer_new:
 * @session: (nullable): the console's operator session
 *
 * Returns: (transfer floating): a new, empty audit viewer
 */
GtkWidget *
ebb_audit_viewer_new (EbbOperatorSession *session)
{
  return g_object_new (EBB_TYPE_AUDIT_VIEWER, "session", session, NULL);
}

/**
 * ebb_audit_viewer_refresh:
 * @self: an audit viewer
 * @error: return location for a #GError: a malformed filter, a refusal
 *   (administrators only) or the store's
 *
 * Reads the entries matching the filters, newest first.
 *
 * Returns: %TRUE if the list shows them
 */
gboolean
ebb_audit_viewer_refresh (EbbAuditViewer  *self,
                          GError         **error)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autofree char *username = filter_text (self->operator_entry);
  g_autofree char *action = filter_text (self->action_entry);
  g_autofree char *client = filter_text (self->client_entry);
  g_autofree char *since = filter_text (self->since_entry);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) names = NULL;
  EbbAuditFilter filter = { .username = username, .action = action };
  GtkWidget *row;

  g_return_val_if_fail (EBB_IS_AUDIT_VIEWER (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  show_message (self, NULL);

  /* The client as the front desk knows it: its number or its name. */
  if (client != NULL && !ebb_audit_find_client (session, client, &filter.client_id, error))
    return FALSE;

  if (since != NULL && !ebb_audit_parse_since (since, &filter.since_us))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the first day to show as YYYY-MM-DD."));
      return FALSE;
    }

  entries = ebb_audit_query (session, &filter, error);
  if (entries == NULL)
    return FALSE;

  names = ebb_audit_operator_names (ebb_operator_session_get_store (session), error);
  if (names == NULL)
    return FALSE;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->entries_list, 0))) != NULL)
    gtk_list_box_remove (self->entries_list, row);

  /* Newest first: the entry someone is looking for is usually recent. */
  for (guint i = entries->len; i > 0; i--)
    gtk_list_box_append (self->entries_list,
                         create_row (g_ptr_array_index (entries, i - 1), names));
  self->n_entries = entries->len;

  return TRUE;
}

/**
 * ebb_audit_viewer_get_n_entries:
 * @self: an audit viewer
 *
 * Returns: how many entries the list shows
 */
guint
ebb_audit_viewer_get_n_entries (EbbAuditViewer *self)
{
  g_return_val_if_fail (EBB_IS_AUDIT_VIEWER (self), 0);

  return self->n_entries;
}
