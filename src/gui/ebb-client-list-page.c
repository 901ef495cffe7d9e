/* ebb-client-list-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-client-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-client-list-page.h"
#include "ebb-front-desk.h"

/* How many matches the list shows; a longer list means "type more". */
#define MAX_RESULTS 50

/**
 * EbbClientListPage:
 *
 * The front desk's client search: results appear as the operator types
 * (debounced by the search entry), with name, date of birth and the
 * clinic's client number. Activating a row emits
 * #EbbClientListPage::client-activated; "New Client" emits
 * #EbbClientListPage::register-requested.
 */
struct _EbbClientListPage
{
  EbbSessionBin       parent_instance;

  /* template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  AdwStatusPage      *error_page;
  GtkListBox         *results_list;

  /* state */
  guint               n_results;
};

G_DEFINE_FINAL_TYPE (EbbClientListPage, ebb_client_list_page, EBB_TYPE_SESSION_BIN)

enum {
  CLIENT_ACTIVATED,
  REGISTER_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
client_title (const EbbClient *client)
{
  if (client->given_name == NULL || *client->given_name == '\0')
    return g_strdup (client->family_name);

  /* Translators: a client's name in lists, "Family, Given" */
  return g_strdup_printf (_("%s, %s"), client->family_name, client->given_name);
}

static GtkWidget *
create_row (const EbbClient *client)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = client_title (client);
  g_autofree char *born = NULL;

  if (client->date_of_birth != NULL)
    /* Translators: %s is a date of birth such as 1984-03-12 */
    born = g_strdup_printf (_("born %s"), client->date_of_birth);
  else
    born = g_strdup (_("date of birth unknown"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), born);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (client->archived)
    {
      GtkWidget *tag = gtk_label_new (_("archived"));

      gtk_widget_add_css_class (tag, "dim-label");
      gtk_widget_add_css_class (tag, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }

  if (client->external_id != NULL && *client->external_id != '\0')
    {
      GtkWidget *number = gtk_label_new (client->external_id);

      gtk_widget_add_css_class (number, "numeric");
      gtk_widget_set_tooltip_text (number, _("Client number"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), number);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic", NULL));

  g_object_set_data_full (G_OBJECT (row), "client-id",
                          g_memdup2 (&client->id, sizeof client->id), g_free);
  return row;
}

static void
clear_results (EbbClientListPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  self->n_results = 0;
}

static void
search_changed_cb (EbbClientListPage *self)
{
  ebb_client_list_page_refresh (self);
}

static void
row_activated_cb (EbbClientListPage *self,
                  GtkListBoxRow     *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "client-id");

  if (id != NULL)
    g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, *id);
}

/* Enter opens the only match, so a unique client number is one keystroke
 * away. */
static void
search_activate_cb (EbbClientListPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (self->n_results == 1 && first != NULL)
    row_activated_cb (self, first);
}

static void
register_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[REGISTER_REQUESTED], 0);
}

static void
ebb_client_list_page_dispose (GObject *object)
{
  EbbClientListPage *self = (EbbClientListPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_CLIENT_LIST_PAGE);

  G_OBJECT_CLASS (ebb_client_list_page_parent_class)->dispose (object);
}

static void
ebb_client_list_page_session_changed (EbbSessionBin *bin)
{
  ebb_client_list_page_refresh (EBB_CLIENT_LIST_PAGE (bin));
}

static void
ebb_client_list_page_class_init (EbbClientListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_client_list_page_dispose;
  EBB_SESSION_BIN_CLASS (klass)->session_changed = ebb_client_list_page_session_changed;

  /**
   * EbbClientListPage::client-activated:
   * @self: the page
   * @client_id: the client's id
   *
   * The operator opened a client from the list.
   */
  signals[CLIENT_ACTIVATED] = g_signal_new ("client-activated",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * EbbClientListPage::register-requested:
   *
   * The operator wants to register a new client.
   */
  signals[REGISTER_REQUESTED] = g_signal_new ("register-requested",
                                              G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-client-list-page.ui");
  gtk_widget_class_set_css_name (widget_class, "clientlistpage");
  gtk_widget_class_bind_template_child (widget_class, EbbClientListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EbbClientListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EbbClientListPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, EbbClientListPage, results_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "client-list.register", NULL, register_action_cb);
}

static void
ebb_client_list_page_init (EbbClientListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "hint");
}

/**
 * ebb_client_list_page_new:
 * @session: (nullable): the console's operator session
 *
 * Returns: (transfer floating): a new client list page
 */
GtkWidget *
ebb_client_list_page_new (EbbOperatorSession *session)
{
  return g_object_new (EBB_TYPE_CLIENT_LIST_PAGE, "session", session, NULL);
}

/**
 * ebb_client_list_page_get_n_results:
 * @self: a client list page
 *
 * Returns: how many clients the list shows
 */
guint
ebb_client_list_page_get_n_results (EbbClientListPage *self)
{
  g_return_val_if_fail (EBB_IS_CLIENT_LIST_PAGE (self), 0);

  return self->n_results;
}

/**
 * ebb_client_list_page_refresh:
 * @self: a client list page
 *
 * Runs the search for the text in the entry again, e.g. after a client was
 * registered or changed.
 */
void
ebb_client_list_page_refresh (EbbClientListPage *self)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (EBB_IS_CLIENT_LIST_PAGE (self));

  clear_results (self);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (session == NULL || *text == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  clients = ebb_front_desk_search_clients (session, text, FALSE, MAX_RESULTS, &error);
  if (clients == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  for (guint i = 0; i < clients->len; i++)
    gtk_list_box_append (self->results_list, create_row (g_ptr_array_index (clients, i)));
  self->n_results = clients->len;

  gtk_stack_set_visible_child_name (self->stack, clients->len > 0 ? "results" : "empty");
}
