/* ebb-window.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ebb-admin.h"
#include "ebb-audit-viewer.h"
#include "ebb-client-editor.h"
#include "ebb-client-list-page.h"
#include "ebb-client-page.h"
#include "ebb-device-status.h"
#include "ebb-emergency-keys.h"
#include "ebb-environment.h"
#include "ebb-first-run-page.h"
#include "ebb-front-desk.h"
#include "ebb-login-page.h"
#include "ebb-operators.h"
#include "ebb-permissions.h"
#include "ebb-preferences-window.h"
#include "ebb-report-load.h"
#include "ebb-report-window.h"
#include "ebb-screening-page.h"
#include "ebb-session-view.h"
#include "ebb-store-path.h"
#include "ebb-window-private.h"
#include "ebb-window.h"

struct _EbbWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwHeaderBar         *header_bar;
  EbbDeviceStatus      *device_status;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *main_stack;

  /* template widgets of the console (store, operators, front desk) */
  GtkMenuButton        *operator_menu_button;
  GtkLabel             *operator_label;
  AdwStatusPage        *store_error_page;
  GtkWidget            *archive_button;
  EbbFirstRunPage      *first_run_page;
  EbbLoginPage         *login_page;
  GtkStack             *desk_stack;
  EbbClientListPage    *client_list_page;
  EbbClientPage        *client_page;
  EbbClientEditor      *client_editor;
  GtkBox               *screening_box;
  GtkLabel             *screening_title;
  GtkRevealer          *lock_session_revealer;
  EbbLoginPage         *lock_page;
  GtkSpinner           *loading_spinner;
  GtkWidget            *session_lock_panel;
  EbbLoginPage         *session_lock_page;
  EbbAuditViewer       *audit_viewer;
  GtkBox               *session_box;

  /* made on first use, children of screening_box and session_box */
  EbbScreeningPage     *screening_page;
  EbbSessionView       *session_view;

  /* owned */
  GSettings            *settings;

  /* owned by the console */
  EbbStore             *store;
  EbbOperatorSession   *operator_session;
  char                 *database_path;
  GCancellable         *cancellable;
  GSimpleActionGroup   *client_actions;
  GMenu                *operator_identity;  /* the operator menu's first section */
  gint64                screened_client_id;
  gint64                screening_id;
  gint64                desk_operator_id;  /* whose work the desk pages hold */
  guint                 idle_source;
  gboolean              backup_running;
  guint                 idle_timeout_ms;   /* 0: the idle-lock-minutes setting */
  char                 *page_before_session;
  char                 *page_before_lock;
  gboolean              session_running;   /* a session is on the chamber */
  gboolean              controls_locked;   /* see update_lock_controls() */
};

G_DEFINE_FINAL_TYPE (EbbWindow, ebb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
bind_window_state (EbbWindow *self)
{
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static GSettings *console_settings (EbbWindow *self);

/* A device chosen in the header's menu becomes the clinic's setting, as in
 * Preferences: through the core, so only an administrator at an unlocked
 * console can change it and the change is audited (docs/gui.md). The
 * application follows the setting, but not under a running session. */
static void
device_selected_cb (EbbWindow  *self,
                    const char *spec)
{
  g_autoptr(GError) error = NULL;

  if (self->operator_session == NULL)
    return;

  if (!ebb_admin_change_setting (self->operator_session, console_settings (self), "device",
                                 g_variant_new_string (spec), &error))
    ebb_window_show_toast (self, error->message);
}

/* GtkWindow's "application" is an ordinary property, set after
 * constructed(), so the window picks up the application's settings and
 * chamber when it is attached. */
static void
application_changed_cb (EbbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->settings != NULL || !EBB_IS_APPLICATION (app) ||
      ebb_application_get_settings (EBB_APPLICATION (app)) == NULL)
    return;

  self->settings = g_object_ref (ebb_application_get_settings (EBB_APPLICATION (app)));
  bind_window_state (self);
  ebb_device_status_set_manager (self->device_status,
                                 ebb_application_get_device_manager (EBB_APPLICATION (app)));
  /* The running console always has a path (resolved from --database, the
   * setting or the default); a window attached to an application that was
   * never run (the session screens' tests) gets its store from
   * ebb_window_set_operator_session() instead. */
  if (ebb_application_get_database_path (EBB_APPLICATION (app)) != NULL)
    ebb_window_open_database (self, ebb_application_get_database_path (EBB_APPLICATION (app)));
}

/* ---------------------------------------------------------------------
 * The console: the database, the operators and the front desk.
 *
 * Pages of main_stack: "loading" while the database opens, "store-error"
 * when it cannot be used, "first-run" on a database without an
 * administrator, "login", "desk" (client list ⇄ client page, editor,
 * screening), "lock", "session" and "audit". Locked while this window
 * shows a running session, the console stays on "session" with the lock
 * panel beside the live screen instead of switching to "lock". Every rule
 * lives in the core; these functions only route between pages and show the
 * core's messages.
 * ------------------------------------------------------------------- */

static void show_desk_page        (EbbWindow  *self,
                                   const char *name);
static gboolean show_client       (EbbWindow  *self,
                                   gint64      client_id);
static void restart_idle_timer    (EbbWindow  *self);
static void update_console_state  (EbbWindow  *self);
static void update_lock_controls  (EbbWindow  *self,
                                   gboolean    locked);

static void client_screen_cb          (GSimpleAction *action, GVariant *parameter, gpointer user_data);
static void client_edit_cb            (GSimpleAction *action, GVariant *parameter, gpointer user_data);
static void client_archive_cb         (GSimpleAction *action, GVariant *parameter, gpointer user_data);
static void client_export_history_cb  (GSimpleAction *action, GVariant *parameter, gpointer user_data);
static void client_open_report_cb     (GSimpleAction *action, GVariant *parameter, gpointer user_data);
static void client_start_session_cb   (GSimpleAction *action, GVariant *parameter, gpointer user_data);

/* The `client` group the client page's buttons name. */
static const GActionEntry client_action_entries[] = {
  { "start-session", client_start_session_cb, "x" },
  { "screen", client_screen_cb, "x" },
  { "edit", client_edit_cb, "x" },
  { "archive", client_archive_cb, "x" },
  { "export-history", client_export_history_cb, "x" },
  { "open-report", client_open_report_cb, "x" },
};

/* What each client.* action needs, in the order above: an operator
 * without the role sees the button disabled (the core refuses anyway). */
static const EbbAction client_action_needs[] = {
  EBB_ACTION_SESSION_START,
  EBB_ACTION_SCREENING_HISTORY,
  EBB_ACTION_CLIENT_CHANGE,
  EBB_ACTION_CLIENT_ARCHIVE,
  EBB_ACTION_EXPORT,
  EBB_ACTION_CLIENT_VIEW,
};
G_STATIC_ASSERT (G_N_ELEMENTS (client_action_needs) == G_N_ELEMENTS (client_action_entries));
static GSettings *
console_settings (EbbWindow *self)
{
  /* A window without an application (the tests) reads the same schema. */
  if (self->settings == NULL)
    self->settings = ebb_environment_settings ();

  return self->settings;
}

/* Switches the console's page. The focus moves into the new page (the PIN
 * entry, the search field…), so typing goes on at once and never into a
 * page that is hidden. */
static void
show_page (EbbWindow  *self,
           const char *name)
{
  GtkWidget *page;

  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  /* A spinning spinner keeps the frame clock going even on a hidden page,
   * which costs a software renderer a full frame at 60 Hz. */
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  adw_view_stack_set_visible_child_name (self->main_stack, name);
  page = adw_view_stack_get_visible_child (self->main_stack);
  if (page != NULL && gtk_widget_get_mapped (page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
show_error_toast (EbbWindow    *self,
                  const GError *error)
{
  ebb_window_show_toast (self, error->message);
}

/* -- Opening the database ------------------------------------------- */

/* The heading and the advice for each way a database can fail to open;
 * the store's own message (naming the file) goes between them. */
static void
describe_store_error (const GError  *error,
                      const char   **title,
                      const char   **advice)
{
  *title = _("The Database Cannot Be Opened");
  *advice = _("Restore the latest backup, or choose another database file. Nothing has been changed.");

  if (error->domain != EBB_STORE_ERROR)
    return;

  switch ((EbbStoreError) error->code)
    {
    case EBB_STORE_ERROR_CORRUPT:
      *title = _("The Database Is Damaged");
      *advice = _("To continue, restore the latest backup with the first button below.");
      break;
    case EBB_STORE_ERROR_NOT_A_DATABASE:
      *title = _("This Is Not an Ebbflow Database");
      *advice = _("Choose the clinic’s database file, or restore a backup.");
      break;
    case EBB_STORE_ERROR_LOCKED:
      *title = _("The Database Is in Use");
      *advice = _("Close the other Ebbflow window or program that uses it, then start Ebbflow again.");
      break;
    case EBB_STORE_ERROR_READ_ONLY:
      *title = _("The Database Is Read-Only");
      *advice = _("Ask the administrator of this computer to allow writing to the file and its folder.");
      break;
    case EBB_STORE_ERROR_PERMISSION:
      *title = _("The Database Cannot Be Read");
      *advice = _("Ask the administrator of this computer to give this user access to the file.");
      break;
    case EBB_STORE_ERROR_NEWER_SCHEMA:
      *title = _("The Database Is From a Newer Ebbflow");
      *advice = _("Or continue with a backup made by this version: the first button below.");
      break;
    case EBB_STORE_ERROR_NOT_FOUND:
      *title = _("The Database Does Not Exist");
      *advice = _("Check the database setting or the --database option, or choose the file.");
      break;
    case EBB_STORE_ERROR_IO:
      *title = _("The Disk Failed");
      *advice = _("Free some space or check the disk, then start Ebbflow again.");
      break;
    case EBB_STORE_ERROR_OLDER_SCHEMA:
    case EBB_STORE_ERROR_CONSTRAINT:
    case EBB_STORE_ERROR_INVALID:
    case EBB_STORE_ERROR_IN_USE:
    case EBB_STORE_ERROR_AUDIT_BROKEN:
    case EBB_STORE_ERROR_FAILED:
    default:
      break;
    }
}

static void
show_store_error (EbbWindow    *self,
                  const GError *error)
{
  const char *title;
  const char *advice;
  g_autofree char *description = NULL;

  describe_store_error (error, &title, &advice);
  description = g_strdup_printf ("%s\n\n%s", error->message, advice);
  adw_status_page_set_title (self->store_error_page, title);
  adw_status_page_set_description (self->store_error_page, description);
  show_page (self, "store-error");
}

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, object);
  return weak;
}

static void
weak_ref_free (gpointer data)
{
  GWeakRef *weak = data;

  g_weak_ref_clear (weak);
  g_free (weak);
}

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EbbWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  weak_ref_free (user_data);
  if (self != NULL)
    self->backup_running = FALSE;

  path = ebb_admin_backup_daily_finish (EBB_STORE (object), result, &error);
  /* NULL without an error: today's backup exists already. */
  if (error != NULL && self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The daily backup failed: %s"), error->message);

      ebb_window_show_toast (self, text);
    }
}

/* The first thing after a successful open: today's backup, on a worker
 * thread, before anybody changes anything. The window may close before
 * it ends, hence the weak reference. */
static void
start_daily_backup (EbbWindow *self)
{
  g_autofree char *directory = ebb_store_path_backup_dir (self->database_path);

  self->backup_running = TRUE;
  ebb_admin_backup_daily_async (self->store, directory, ebb_store_path_backup_keep (),
                                self->cancellable, backup_done_cb, weak_ref_new (self));
}

static void
set_pages_session (EbbWindow          *self,
                   EbbOperatorSession *session)
{
  EbbSessionBin *pages[] = {
    EBB_SESSION_BIN (self->first_run_page), EBB_SESSION_BIN (self->login_page),
    EBB_SESSION_BIN (self->lock_page), EBB_SESSION_BIN (self->session_lock_page),
    EBB_SESSION_BIN (self->client_list_page),
    EBB_SESSION_BIN (self->client_page), EBB_SESSION_BIN (self->client_editor),
    EBB_SESSION_BIN (self->audit_viewer),
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    ebb_session_bin_set_session (pages[i], session);
}

/* The window follows its operator session whoever changes it: a login,
 * lock, unlock, logout or lockout through the core notifies, and that
 * notification is the one path to the header and the actions. Code that
 * calls those core functions does not update the window again. */
static void
set_operator_session (EbbWindow          *self,
                      EbbOperatorSession *ctx)
{
  if (self->operator_session != NULL)
    g_signal_handlers_disconnect_by_data (self->operator_session, self);
  g_set_object (&self->operator_session, ctx);
  if (ctx != NULL)
    {
      g_signal_connect_object (ctx, "notify::operator-id",
                               G_CALLBACK (update_console_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (ctx, "notify::locked",
                               G_CALLBACK (update_console_state), self, G_CONNECT_SWAPPED);
    }
  set_pages_session (self, ctx);
  update_console_state (self);
}

static void
store_opened (EbbWindow *self,
              EbbStore  *store)
{
  g_autoptr(GError) error = NULL;
  gboolean first_run;

  g_autoptr(EbbOperatorSession) ctx = ebb_operator_session_new (store);

  g_set_object (&self->store, store);
  set_operator_session (self, ctx);
  start_daily_backup (self);

  first_run = ebb_operators_needs_first_admin (store, &error);
  if (error != NULL)
    {
      show_store_error (self, error);
      return;
    }

  show_page (self, first_run ? "first-run" : "login");
}

static void
open_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *default_path = ebb_store_path_default ();
  EbbStoreOpenFlags flags = EBB_STORE_OPEN_NONE;
  GError *error = NULL;
  EbbStore *store;

  /* Only the default file is created when missing: a mistyped --database
   * or a file that vanished must not become a new, empty clinic. */
  if (g_strcmp0 (path, default_path) == 0)
    flags |= EBB_STORE_OPEN_CREATE;

  store = ebb_store_open (path, flags, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  EbbWindow *self = EBB_WINDOW (object);
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (store == NULL)
    show_store_error (self, error);
  else
    store_opened (self, store);
}

/**
 * ebb_window_open_database:
 * @self: the window
 * @path: the database file
 *
 * Opens the database on a worker thread (checking a large file takes a
 * while) and then shows the first-run page, the login page or a page
 * naming the problem with a way out. Only the default database file is
 * created when missing.
 */
void
ebb_window_open_database (EbbWindow  *self,
                          const char *path)
{
  g_autoptr(GTask) task = NULL;
  char *new_path;

  g_return_if_fail (EBB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->operator_session != NULL)
    ebb_operator_session_logout (self->operator_session);
  set_operator_session (self, NULL);
  g_clear_object (&self->store);

  /* @path may be self->database_path itself (reopening after a restore). */
  new_path = g_strdup (path);
  g_free (self->database_path);
  self->database_path = new_path;
  show_page (self, "loading");

  task = g_task_new (self, self->cancellable, open_done_cb, NULL);
  g_task_set_source_tag (task, ebb_window_open_database);
  g_task_set_task_data (task, g_strdup (new_path), g_free);
  g_task_run_in_thread (task, open_thread_cb);
}

/* Every file the console asks for goes through one native chooser; the
 * chosen file (never a cancelled dialog) goes to @func with @id. */
typedef void (*FileChosenFunc) (EbbWindow *self,
                                GFile     *file,
                                gint64     id);

typedef struct
{
  EbbWindow      *window;
  FileChosenFunc  func;
  gint64          id;
} FileRequest;

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                FileRequest     *request)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file != NULL)
    request->func (request->window, file, request->id);
  g_object_unref (request->window);
  g_free (request);
}

static void
ask_for_file (EbbWindow            *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept,
              const char           *folder,
              const char           *name,
              FileChosenFunc        func,
              gint64                id)
{
  GtkFileChooserNative *chooser;
  FileRequest *request = g_new0 (FileRequest, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL);
    }
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  request->window = g_object_ref (self);
  request->func = func;
  request->id = id;
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
restore_chosen (EbbWindow *self,
                GFile     *file,
                gint64     unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_file_get_path (file);
  g_autofree char *aside = NULL;

  if (backup == NULL)
    return;

  /* The backup is verified before the current file moves aside, so a bad
   * choice changes nothing. Over an open database the logged-in operator
   * must be an administrator; from the error page, where nobody can log
   * in, the core allows it only while the file really cannot be opened.
   * Either way the restored database records the restore. */
  if (!(self->store != NULL && self->operator_session != NULL
        ? ebb_admin_restore (self->operator_session, backup, &aside, &error)
        : ebb_admin_restore_unopenable (self->database_path, backup, &aside, &error)))
    {
      show_error_toast (self, error);
      return;
    }

  if (aside != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Backup restored. The previous file is kept as %s."),
                                               aside);
      ebb_window_show_toast (self, text);
    }
  ebb_window_open_database (self, self->database_path);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EbbWindow *self = EBB_WINDOW (widget);
  g_autofree char *directory = ebb_store_path_backup_dir (self->database_path);

  ask_for_file (self, _("Restore from a Backup"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"),
                directory, NULL, restore_chosen, 0);
}

static void
database_chosen (EbbWindow *self,
                 GFile     *file,
                 gint64     unused)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    ebb_window_open_database (self, path);
}

static void
choose_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ask_for_file (EBB_WINDOW (widget), _("Choose a Database"), GTK_FILE_CHOOSER_ACTION_OPEN,
                _("_Open"), NULL, NULL, database_chosen, 0);
}

/* -- Operators: first run, login, lock ------------------------------ */

/* Changing settings is the administrators' (docs/operators.md): the
 * application's Preferences follow the operator of the console. */
static void
update_preferences_action (EbbWindow *self,
                           gboolean   allowed)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GAction *action = app != NULL ? g_action_map_lookup_action (G_ACTION_MAP (app), "preferences") : NULL;

  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), allowed);
}

static void session_done_cb (EbbWindow *self);
static void screening_changed_cb (EbbWindow *self,
                                 gint64     client_id);

/* The session view (preparation, live screen, summary, graph) is built
 * when the first session is prepared, not with the window, so that it
 * does not delay the first frame of every start. */
static EbbSessionView *
ensure_session_view (EbbWindow *self)
{
  if (self->session_view != NULL)
    return self->session_view;

  self->session_view = EBB_SESSION_VIEW (ebb_session_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->session_view), TRUE);
  g_signal_connect_swapped (self->session_view, "done", G_CALLBACK (session_done_cb), self);
  g_signal_connect_swapped (ebb_session_view_get_prepare_page (self->session_view), "screening-changed",
                            G_CALLBACK (screening_changed_cb), self);
  gtk_box_prepend (self->session_box, GTK_WIDGET (self->session_view));
  ebb_session_live_page_set_locked (ebb_session_view_get_live_page (self->session_view),
                                    self->controls_locked);
  return self->session_view;
}

/* The session this window shows, started; none before the view exists. */
static EbbSession *
shown_session (EbbWindow *self)
{
  return self->session_view != NULL ? ebb_session_view_get_session (self->session_view) : NULL;
}

/* What a lock disables beyond the login-bound actions: the shortcuts
 * window, and on the live screen everything but the emergency stop
 * (win.emergency-stop and the live page's own button stay enabled, as do
 * Escape and F12). Disabled, never hidden, so
 * the screen does not change shape under the operator's eyes. */
static void
update_lock_controls (EbbWindow *self,
                      gboolean   locked)
{
  GAction *help = g_action_map_lookup_action (G_ACTION_MAP (self), "show-help-overlay");

  if (G_IS_SIMPLE_ACTION (help))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (help), !locked);
  self->controls_locked = locked;
  if (self->session_view != NULL)
    ebb_session_live_page_set_locked (ebb_session_view_get_live_page (self->session_view), locked);
}

/* The header's operator menu and the actions that need a login follow
 * the session: who is in, and whether the console is locked. */
static void
update_console_state (EbbWindow *self)
{
  EbbOperatorSession *session = self->operator_session;
  gboolean in = session != NULL && ebb_operator_session_is_logged_in (session);
  gboolean unlocked = in && !ebb_operator_session_is_locked (session);
  const EbbOperator *op = in ? ebb_operator_session_get_operator (session) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->operator_menu_button), in);
  if (op != NULL)
    {
      g_autofree char *roles = ebb_permissions_describe_roles (op->roles);
      g_autofree char *tooltip = g_strdup_printf ("%s — %s", op->display_name, roles);

      gtk_label_set_text (self->operator_label, op->display_name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->operator_menu_button), tooltip);
      /* Who is at the console and with which roles, atop the menu. */
      g_menu_remove_all (self->operator_identity);
      g_menu_append (self->operator_identity, op->display_name, NULL);
      g_menu_append (self->operator_identity, roles, NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-operator", unlocked);
  /* Logging out would leave a running session without its live screen;
   * switching operator goes through the lock instead. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.logout", unlocked && !self->session_running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-clients", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-client", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit-trail",
                                 unlocked && (op->roles & EBB_ROLE_ADMIN) != 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->desk_stack), unlocked);
  update_preferences_action (self, unlocked && (op->roles & EBB_ROLE_ADMIN) != 0);
  update_lock_controls (self, in && !unlocked);
  /* The chamber menu acts for an operator at the console: choosing the
   * device is a clinic setting (administrators), reconnecting anyone's;
   * nobody logged in or a locked console can do neither. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self->device_status), "device.select",
                                 unlocked && (op->roles & EBB_ROLE_ADMIN) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->device_status), "device.reconnect", unlocked);

  /* The client page's buttons only act for an operator at the console;
   * the core refuses the rest anyway. */
  for (guint i = 0; self->client_actions != NULL && i < G_N_ELEMENTS (client_action_entries); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->client_actions),
                                                    client_action_entries[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                                   unlocked && ebb_permissions_allows (op->roles, client_action_needs[i]));
    }

  restart_idle_timer (self);
}

static void screening_submitted_cb (EbbWindow *self);
static void screening_cleared_cb (EbbWindow *self);

/* The screening form is built the first time a screening opens, not with
 * the window: its questionnaire is the largest part of the console and
 * would otherwise delay the first frame of every start. */
static void
ensure_screening_page (EbbWindow *self)
{
  if (self->screening_page != NULL)
    return;

  self->screening_page = EBB_SCREENING_PAGE (ebb_screening_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->screening_page), TRUE);
  g_signal_connect_swapped (self->screening_page, "submitted", G_CALLBACK (screening_submitted_cb), self);
  g_signal_connect_swapped (self->screening_page, "cleared", G_CALLBACK (screening_cleared_cb), self);
  gtk_box_append (self->screening_box, GTK_WIDGET (self->screening_page));
}

/* A form never built holds nobody's answers. */
static void
reset_screening_page (EbbWindow *self)
{
  if (self->screening_page == NULL)
    return;

  /* Nor keeps the operator (and their database) after they left. */
  ebb_screening_page_set_operator_session (self->screening_page, NULL);
  ebb_screening_page_reset (self->screening_page);
}

static void
logged_in_cb (EbbWindow *self)
{
  const EbbOperator *op = ebb_operator_session_get_operator (self->operator_session);
  g_autofree char *before = g_steal_pointer (&self->page_before_lock);
  gboolean same = op->id == self->desk_operator_id;
  const char *page = "desk";

  gtk_widget_set_visible (self->session_lock_panel, FALSE);
  /* Unlocking returns to the page the operator left; another operator
   * starts afresh at the client list and never sees the previous one's
   * half-filled forms, but takes over a session on the chamber (or its
   * summary) where the previous one left it. */
  if (before != NULL && (same || (g_str_equal (before, "session") &&
                                  shown_session (self) != NULL)))
    page = before;
  show_page (self, page);
  /* Alarms acknowledged from now on are the new operator's. */
  if (self->session_view != NULL)
    ebb_session_live_page_set_operator_name (ebb_session_view_get_live_page (self->session_view),
                                             op->username);
  if (!same)
    {
      self->desk_operator_id = op->id;
      ebb_client_editor_set_client (self->client_editor, NULL);
      reset_screening_page (self);
      show_desk_page (self, "list");
    }
}

static void
first_run_finished_cb (EbbWindow *self,
                       gboolean   use_simulator)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  gint64 demo_client_id = ebb_first_run_page_get_demo_client_id (self->first_run_page);

  /* The application follows the device setting the page changed; this
   * covers a run started with --device when the setting was "sim" already. */
  if (use_simulator && EBB_IS_APPLICATION (app) &&
      g_strcmp0 (ebb_device_manager_get_device (ebb_application_get_device_manager (EBB_APPLICATION (app))),
                 "sim") != 0)
    ebb_device_manager_set_device (ebb_application_get_device_manager (EBB_APPLICATION (app)),
                                   "sim");
  ebb_login_page_reload (self->login_page);
  ebb_login_page_reload (self->lock_page);
  ebb_login_page_reload (self->session_lock_page);
  logged_in_cb (self);
  /* A new user starts at the demo client, one click from a session. */
  if (demo_client_id > 0)
    show_client (self, demo_client_id);
}

/* Whether this window shows a session that runs: then a lock keeps it in
 * view. */
static gboolean
showing_running_session (EbbWindow *self)
{
  EbbSession *session = shown_session (self);

  return session != NULL && !ebb_session_is_finished (session);
}

/* The whole-window lock page. A session on the chamber that this window
 * does not show (another window's) still gets its emergency stop above
 * the PIN pad. */
static void
show_lock_page (EbbWindow *self)
{
  gtk_widget_set_visible (self->session_lock_panel, FALSE);
  gtk_revealer_set_reveal_child (self->lock_session_revealer, self->session_running);
  show_page (self, "lock");
  /* Reloaded once shown, it preselects the logged-in operator and puts the
   * focus in the PIN entry, not on the emergency stop above it. */
  ebb_login_page_reload (self->lock_page);
}

/* The lock beside the live screen: the session stays in view, updating,
 * with its emergency stop; the PIN pad is in the panel. */
static void
show_session_lock_panel (EbbWindow *self)
{
  adw_view_stack_set_visible_child_name (self->main_stack, "session");
  gtk_widget_set_visible (self->session_lock_panel, TRUE);
  /* As on the lock page: the focus goes to the PIN entry. Escape and F12
   * are the emergency stop there too, caught before the entry sees them. */
  ebb_login_page_reload (self->session_lock_page);
}

/* Preferences opened from this window act as its operator: they never
 * stay open over the lock or after a logout. What the operator changed but
 * had not committed yet is committed first, while the core still takes it
 * (a refused value is dropped: its field showed the refusal already). */
static void
close_preferences (EbbWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (EBB_IS_PREFERENCES_WINDOW (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        g_ptr_array_add (found, g_steal_pointer (&window));
    }

  for (guint i = 0; i < found->len; i++)
    {
      EbbPreferencesWindow *prefs = g_ptr_array_index (found, i);

      ebb_preferences_window_commit_pending (prefs);
      gtk_window_destroy (GTK_WINDOW (prefs));
    }
}

/* Also the way to switch operator: the lock page lets any operator log in
 * over the current one, and until then nobody works under the previous
 * name. */
static void
lock_console (EbbWindow *self)
{
  if (self->operator_session == NULL ||
      !ebb_operator_session_is_logged_in (self->operator_session))
    return;

  close_preferences (self);

  if (!ebb_operator_session_is_locked (self->operator_session))
    ebb_operator_session_lock (self->operator_session);
  if (self->page_before_lock == NULL)
    self->page_before_lock = g_strdup (adw_view_stack_get_visible_child_name (self->main_stack));
  /* A running session is never stopped by a lock, nor hidden by it. */
  if (showing_running_session (self))
    show_session_lock_panel (self);
  else
    show_lock_page (self);
}

/* Ctrl+L in a window opened from this one (ebb_window_watch_activity()).
 * The shortcut holds this window weakly: the other window must not keep
 * it alive once it is closed, and does nothing then. */
static gboolean
lock_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  g_autoptr(EbbWindow) self = g_weak_ref_get (user_data);

  return self != NULL && gtk_widget_activate_action (GTK_WIDGET (self), "win.lock", NULL);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lock_console (EBB_WINDOW (widget));
}

static void
logout_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbbWindow *self = EBB_WINDOW (widget);

  if (self->operator_session == NULL)
    return;

  close_preferences (self);
  ebb_operator_session_logout (self->operator_session);
  self->desk_operator_id = 0;
  ebb_client_editor_set_client (self->client_editor, NULL);
  reset_screening_page (self);
  ebb_login_page_reload (self->login_page);
  show_page (self, "login");
}

static void
audit_trail_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EbbWindow *self = EBB_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!ebb_audit_viewer_refresh (self->audit_viewer, &error))
    {
      show_error_toast (self, error);
      return;
    }
  show_page (self, "audit");
}

/* -- Idle lock ------------------------------------------------------- */

static gboolean
idle_timeout_cb (gpointer user_data)
{
  EbbWindow *self = EBB_WINDOW (user_data);

  self->idle_source = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.lock", NULL);
  return G_SOURCE_REMOVE;
}

static void
restart_idle_timer (EbbWindow *self)
{
  guint timeout_ms = self->idle_timeout_ms;

  g_clear_handle_id (&self->idle_source, g_source_remove);

  if (self->operator_session == NULL ||
      !ebb_operator_session_is_logged_in (self->operator_session) ||
      ebb_operator_session_is_locked (self->operator_session))
    return;

  if (timeout_ms == 0)
    {
      guint minutes = g_settings_get_uint (console_settings (self), "idle-lock-minutes");

      /* 0 minutes: the clinic turned the idle lock off. */
      if (minutes == 0)
        return;
      timeout_ms = minutes * 60 * 1000;
    }

  self->idle_source = g_timeout_add (timeout_ms, idle_timeout_cb, self);
}

/* Any input counts as activity; the event is never consumed. */
static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                EbbWindow                *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if ((type == GDK_MOTION_NOTIFY || type == GDK_BUTTON_PRESS || type == GDK_KEY_PRESS ||
       type == GDK_SCROLL || type == GDK_TOUCH_BEGIN || type == GDK_TOUCH_UPDATE) &&
      self->idle_source != 0)
    restart_idle_timer (self);

  return GDK_EVENT_PROPAGATE;
}

/**
 * ebb_window_set_session_running:
 * @self: the window
 * @running: whether a session is on the chamber
 *
 * The application tells every window when the session on the chamber
 * starts and ends. While one runs, logging out is disabled and the lock
 * page offers its emergency stop; when it ends behind the lock panel, the
 * console shows the ordinary lock page, and unlocking returns to the
 * session's summary.
 */
void
ebb_window_set_session_running (EbbWindow *self,
                                gboolean   running)
{
  g_return_if_fail (EBB_IS_WINDOW (self));

  self->session_running = !!running;
  update_console_state (self);
  if (gtk_widget_get_visible (self->session_lock_panel) && !showing_running_session (self))
    show_lock_page (self);
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->main_stack), "lock") == 0)
    gtk_revealer_set_reveal_child (self->lock_session_revealer, self->session_running);
}

/* -- Front desk ------------------------------------------------------ */

static void
show_desk_page (EbbWindow  *self,
                const char *name)
{
  GtkWidget *page;

  if (g_str_equal (name, "list"))
    ebb_client_list_page_refresh (self->client_list_page);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->desk_stack, name);
  page = gtk_stack_get_visible_child (self->desk_stack);
  if (gtk_widget_get_mapped (page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static gboolean
show_client (EbbWindow  *self,
             gint64      client_id)
{
  g_autoptr(GError) error = NULL;

  if (!ebb_client_page_load (self->client_page, client_id, &error))
    {
      show_error_toast (self, error);
      return FALSE;
    }
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->archive_button), "x", client_id);
  show_desk_page (self, "client");
  return TRUE;
}

static void
client_activated_cb (EbbWindow *self,
                     gint64     client_id)
{
  show_client (self, client_id);
}

static void
register_requested_cb (EbbWindow *self)
{
  ebb_client_editor_set_client (self->client_editor, NULL);
  show_desk_page (self, "editor");
}

static void
client_saved_cb (EbbWindow *self,
                 gint64     client_id)
{
  show_client (self, client_id);
}

static void
editor_cancelled_cb (EbbWindow *self)
{
  show_desk_page (self, ebb_client_page_get_client_id (self->client_page) != 0 &&
                        ebb_client_editor_get_client_id (self->client_editor) != 0
                        ? "client" : "list");
}

static void
show_clients_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EbbWindow *self = EBB_WINDOW (widget);

  show_page (self, "desk");
  show_desk_page (self, "list");
}

static void
show_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EbbWindow *self = EBB_WINDOW (widget);

  show_client (self, ebb_client_page_get_client_id (self->client_page));
}

static void
client_screen_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  EbbWindow *self = EBB_WINDOW (user_data);
  gint64 client_id = g_variant_get_int64 (parameter);
  const EbbOperator *op = ebb_operator_session_get_operator (self->operator_session);
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!ebb_permissions_check (self->operator_session, EBB_ACTION_SCREENING_HISTORY, &error) ||
      (client = ebb_store_client_get (self->store, client_id, &error)) == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  self->screened_client_id = client_id;
  self->screening_id = 0;
  ensure_screening_page (self);
  ebb_screening_page_set_role (self->screening_page, op->roles);
  ebb_screening_page_set_operator (self->screening_page, op->display_name);
  ebb_screening_page_set_operator_session (self->screening_page, self->operator_session);
  ebb_screening_page_reset (self->screening_page);
  /* Translators: the client's given and family name */
  title = g_strdup_printf (_("Screening of %s %s"),
                           client->given_name != NULL ? client->given_name : "",
                           client->family_name);
  gtk_label_set_text (self->screening_title, g_strstrip (title));
  show_desk_page (self, "screening");
}

/* Submitted screenings go into the client's record at once; the client
 * page shows the new status when the operator returns to it. */
static void
screening_submitted_cb (EbbWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->screening_id =
    ebb_front_desk_record_screening (self->operator_session, self->screened_client_id,
                                     ebb_screening_page_get_answers (self->screening_page),
                                     ebb_screening_page_get_decision (self->screening_page),
                                     g_settings_get_uint (console_settings (self),
                                                          "screening-validity-days"),
                                     &error);
  if (self->screening_id == 0)
    {
      show_error_toast (self, error);
      return;
    }

  ebb_window_show_toast (self, _("Screening recorded."));
  screening_changed_cb (self, self->screened_client_id);
  if (!ebb_client_page_load (self->client_page, self->screened_client_id, &error))
    show_error_toast (self, error);
}

/* The session gates of every window's prepare page read the screening;
 * a record made here changes them there too, without the page polling
 * the database. */
static void
screening_changed_cb (EbbWindow *self,
                      gint64     client_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (EBB_IS_WINDOW (window) && EBB_WINDOW (window)->session_view != NULL)
        ebb_session_prepare_page_screening_changed (
          ebb_session_view_get_prepare_page (EBB_WINDOW (window)->session_view), client_id);
    }
}

static void
screening_cleared_cb (EbbWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->screening_id == 0)
    return;

  if (!ebb_front_desk_record_clearance (self->operator_session, self->screened_client_id,
                                        self->screening_id,
                                        ebb_screening_page_get_clearance_note (self->screening_page),
                                        &error) ||
      !ebb_client_page_load (self->client_page, self->screened_client_id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  ebb_window_show_toast (self, _("Clearance recorded."));
  screening_changed_cb (self, self->screened_client_id);
}

static void
client_edit_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EbbWindow *self = EBB_WINDOW (user_data);
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = ebb_front_desk_view_client (self->operator_session, g_variant_get_int64 (parameter),
                                       &error);
  if (client == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  ebb_client_editor_set_client (self->client_editor, client);
  show_desk_page (self, "editor");
}

static void
client_archive_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  EbbWindow *self = EBB_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!ebb_front_desk_archive_client (self->operator_session, g_variant_get_int64 (parameter),
                                      TRUE, &error))
    {
      show_error_toast (self, error);
      return;
    }
  ebb_window_show_toast (self, _("Client archived. The records are kept."));
  show_desk_page (self, "list");
}

static void
export_chosen (EbbWindow *self,
               GFile     *file,
               gint64     client_id)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  /* The export closes the file before recording it. */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (out == NULL ||
      !ebb_front_desk_export_history (self->operator_session, client_id,
                                      G_OUTPUT_STREAM (out), NULL, &error))
    {
      /* No half-written or unrecorded copy of health data stays behind
       * (as ebbflowctl export does). */
      if (out != NULL)
        {
          g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
          g_file_delete (file, NULL, NULL);
        }
      show_error_toast (self, error);
    }
  else
    ebb_window_show_toast (self, _("History exported."));
}

static void
client_export_history_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  EbbWindow *self = EBB_WINDOW (user_data);
  gint64 client_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id_text = NULL;

  /* Refuse before asking for a file name the operator cannot use. */
  if (!ebb_permissions_check (self->operator_session, EBB_ACTION_EXPORT, &error))
    {
      show_error_toast (self, error);
      return;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  /* Translators: file name of a client's exported session history; %s is the client id */
  name = g_strdup_printf (_("client-%s-history.csv"), id_text);
  ask_for_file (self, _("Export History"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                NULL, name, export_chosen, client_id);
}

static void
client_open_report_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  EbbWindow *self = EBB_WINDOW (user_data);
  gint64 session_id = g_variant_get_int64 (parameter);
  g_autoptr(EbbReportData) data = NULL;
  g_autoptr(EbbReportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *name = NULL;
  EbbReportWindow *report;

  data = ebb_report_data_load (self->store, session_id, &error);
  if (data == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  ebb_report_data_apply_settings (data, console_settings (self));
  options = ebb_report_options_new_from_settings (console_settings (self));

  subject = g_strdup_printf ("session:%" G_GINT64_FORMAT, session_id);
  /* Translators: file name of a session report; %s is the session id */
  name = g_strdup_printf (_("session-%s-report.pdf"), subject + strlen ("session:"));
  report = ebb_report_window_new (GTK_WINDOW (self));
  ebb_report_window_set_audit (report, self->operator_session, session_id);
  ebb_report_window_set_suggested_name (report, name);
  ebb_report_window_show_session (report, data, options);
  gtk_window_present (GTK_WINDOW (report));
}


/* -- Set-up ---------------------------------------------------------- */

static void
console_init (EbbWindow *self)
{
  GtkEventController *legacy = gtk_event_controller_legacy_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->cancellable = g_cancellable_new ();
  self->operator_identity = g_menu_new ();
  g_menu_prepend_section (G_MENU (gtk_menu_button_get_menu_model (self->operator_menu_button)),
                          NULL, G_MENU_MODEL (self->operator_identity));
  self->client_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->client_actions), client_action_entries,
                                   G_N_ELEMENTS (client_action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "client", G_ACTION_GROUP (self->client_actions));
  g_signal_connect_swapped (self->client_page, "screening-changed", G_CALLBACK (screening_changed_cb), self);

  /* Ctrl+L from every page, also while a text entry has the focus. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>l"),
                                                          gtk_named_action_new ("win.lock")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);

  show_page (self, "loading");
  update_console_state (self);
}

static void
console_dispose (EbbWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->client_actions != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self), "client", NULL);
  g_clear_object (&self->client_actions);
  g_clear_object (&self->operator_identity);
  if (self->operator_session != NULL)
    g_signal_handlers_disconnect_by_data (self->operator_session, self);
  g_clear_object (&self->operator_session);
  g_clear_object (&self->store);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->page_before_lock, g_free);
}

static void
console_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (EBB_TYPE_AUDIT_VIEWER);
  g_type_ensure (EBB_TYPE_CLIENT_EDITOR);
  g_type_ensure (EBB_TYPE_CLIENT_LIST_PAGE);
  g_type_ensure (EBB_TYPE_CLIENT_PAGE);
  g_type_ensure (EBB_TYPE_FIRST_RUN_PAGE);
  g_type_ensure (EBB_TYPE_LOGIN_PAGE);

  gtk_widget_class_bind_template_child (widget_class, EbbWindow, operator_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, operator_label);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, store_error_page);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, archive_button);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, first_run_page);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, login_page);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, desk_stack);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, client_list_page);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, client_page);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, client_editor);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, screening_box);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, screening_title);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, lock_session_revealer);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, lock_page);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, session_lock_panel);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, session_lock_page);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, audit_viewer);
  gtk_widget_class_bind_template_callback (widget_class, first_run_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, logged_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_cancelled_cb);

  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.choose-database", NULL, choose_database_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.switch-operator", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.logout", NULL, logout_action);
  gtk_widget_class_install_action (widget_class, "win.audit-trail", NULL, audit_trail_action);
  gtk_widget_class_install_action (widget_class, "win.show-clients", NULL, show_clients_action);
  gtk_widget_class_install_action (widget_class, "win.show-client", NULL, show_client_action);

}

/* -- Sessions --------------------------------------------------------- */

static EbbSession *
active_session (EbbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return EBB_IS_APPLICATION (app) ? ebb_application_get_active_session (EBB_APPLICATION (app)) : NULL;
}

/* Architecture safety principle 4: straight into the active session's
 * emergency stop, no dialog, whatever screen or widget has the focus. The
 * session is the application's, so a second window or the lock page
 * reaches it too. */
static void
emergency_stop_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  EbbWindow *self = EBB_WINDOW (user_data);
  EbbSession *session = active_session (self);

  if (session != NULL)
    ebb_session_emergency_stop (session);
  else if (self->session_view != NULL)
    ebb_session_view_emergency_stop (self->session_view);
}

static void
session_done_cb (EbbWindow *self)
{
  adw_view_stack_set_visible_child_name (self->main_stack,
                                         self->page_before_session != NULL ? self->page_before_session
                                                                           : "desk");
}

static void
client_start_session_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  ebb_window_start_session (EBB_WINDOW (user_data), g_variant_get_int64 (parameter));
}

static const GActionEntry win_actions[] = {
  { "emergency-stop", emergency_stop_action_cb },
};

static void
sessions_init (EbbWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  /* While a session runs, the keys are the emergency stop before any
   * widget sees them (a search entry would otherwise take Escape for
   * itself); with no session they keep their ordinary meaning. */
  ebb_emergency_keys_attach (GTK_WINDOW (self));
}

static void
sessions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, session_box);

  /* On the window class, so they work from every screen and focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.emergency-stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "win.emergency-stop", NULL);
}

static void
ebb_window_dispose (GObject *object)
{
  EbbWindow *self = EBB_WINDOW (object);

  console_dispose (self);
  /* Both are their boxes', disposed with the template. */
  self->screening_page = NULL;
  self->session_view = NULL;
  g_clear_pointer (&self->page_before_session, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ebb_window_parent_class)->dispose (object);
}

static void
ebb_window_class_init (EbbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (EBB_TYPE_DEVICE_STATUS);

  object_class->dispose = ebb_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, device_status);
  gtk_widget_class_bind_template_callback (widget_class, device_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, main_stack);

  console_class_init (widget_class);
  sessions_class_init (widget_class);
}

static void
ebb_window_init (EbbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  console_init (self);
  sessions_init (self);
}

/**
 * ebb_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
EbbWindow *
ebb_window_new (EbbApplication *application)
{
  g_return_val_if_fail (EBB_IS_APPLICATION (application), NULL);

  return g_object_new (EBB_TYPE_WINDOW, "application", application, NULL);
}

/**
 * ebb_window_show_toast:
 * @self: the window
 * @message: the translated text to show
 *
 * Shows a short, non-blocking notice at the bottom of the window.
 */
void
ebb_window_show_toast (EbbWindow  *self,
                       const char *message)
{
  g_return_if_fail (EBB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
ebb_window_set_idle_timeout_ms (EbbWindow *self,
                                guint      timeout_ms)
{
  g_return_if_fail (EBB_IS_WINDOW (self));

  self->idle_timeout_ms = timeout_ms;
  restart_idle_timer (self);
}

/* The visible page of the main stack: "loading", "store-error",
 * "first-run", "login", "desk", "lock" or "audit". */
const char *
ebb_window_get_page_name (EbbWindow *self)
{
  g_return_val_if_fail (EBB_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->main_stack);
}

/* The front desk's page: "list", "client", "editor" or "screening". */
const char *
ebb_window_get_desk_page_name (EbbWindow *self)
{
  g_return_val_if_fail (EBB_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->desk_stack);
}

/**
 * ebb_window_get_store:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the database the window shows, or
 *   %NULL while none is open
 */
EbbStore *
ebb_window_get_store (EbbWindow *self)
{
  g_return_val_if_fail (EBB_IS_WINDOW (self), NULL);

  return self->store;
}

gboolean
ebb_window_get_backup_running (EbbWindow *self)
{
  g_return_val_if_fail (EBB_IS_WINDOW (self), FALSE);

  return self->backup_running;
}

/**
 * ebb_window_get_operator_session:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): who works in this window, once the
 *   database is open
 */
EbbOperatorSession *
ebb_window_get_operator_session (EbbWindow *self)
{
  g_return_val_if_fail (EBB_IS_WINDOW (self), NULL);

  return self->operator_session;
}

/**
 * ebb_window_set_operator_session:
 * @self: the window
 * @ctx: the logged-in operator and the store
 *
 * Sets who works in this window, for a window whose database was opened
 * elsewhere (the session screens' tests); the console sets it itself when
 * it opens the database. The login pages, the enabled actions and the idle
 * lock follow @ctx from then on, as they do in the running console.
 */
void
ebb_window_set_operator_session (EbbWindow          *self,
                                 EbbOperatorSession *ctx)
{
  g_return_if_fail (EBB_IS_WINDOW (self));
  g_return_if_fail (ctx == NULL || EBB_IS_OPERATOR_SESSION (ctx));

  if (ctx == self->operator_session)
    return;
  /* The window's own lookups (a client to screen, a report) use the
   * session's store. */
  g_clear_object (&self->store);
  if (ctx != NULL)
    self->store = g_object_ref (ebb_operator_session_get_store (ctx));
  set_operator_session (self, ctx);
}

/**
 * ebb_window_start_session:
 * @self: the window
 * @client_id: the client
 *
 * Shows the preparation of a session for @client_id (the client page's
 * `client.start-session`); problems show as a toast.
 */
void
ebb_window_start_session (EbbWindow *self,
                          gint64     client_id)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *current;

  g_return_if_fail (EBB_IS_WINDOW (self));

  if (self->operator_session == NULL || !EBB_IS_APPLICATION (app))
    {
      ebb_window_show_toast (self, _("Log in to start a session."));
      return;
    }

  ensure_session_view (self);
  ebb_session_view_set_context (self->session_view, self->operator_session,
                                ebb_application_get_device_manager (EBB_APPLICATION (app)),
                                console_settings (self));
  if (!ebb_session_view_prepare (self->session_view, client_id, &error))
    {
      ebb_window_show_toast (self, error->message);
      return;
    }

  current = adw_view_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (current, "session") != 0)
    {
      g_free (self->page_before_session);
      self->page_before_session = g_strdup (current);
    }
  adw_view_stack_set_visible_child_name (self->main_stack, "session");
}

/**
 * ebb_window_watch_activity:
 * @self: the window
 * @other: a window opened from it, such as Preferences
 *
 * Input in @other counts as activity for @self's idle lock, and Ctrl+L in
 * it locks @self, so working in a dialog neither locks the console under
 * the operator nor keeps it from being locked.
 */
void
ebb_window_watch_activity (EbbWindow *self,
                           GtkWindow *other)
{
  GtkEventController *legacy;
  GtkEventController *shortcuts;

  g_return_if_fail (EBB_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WINDOW (other));

  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect_object (legacy, "event", G_CALLBACK (input_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (other), legacy);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>l"),
                                                          gtk_callback_action_new (lock_shortcut_cb,
                                                                                   weak_ref_new (self),
                                                                                   weak_ref_free)));
  gtk_widget_add_controller (GTK_WIDGET (other), shortcuts);
}

/**
 * ebb_window_get_session_view:
 * @self: the window
 *
 * The session view, built now if no session was prepared in this window
 * yet (for tests and benchmarks that drive it directly).
 *
 * Returns: (transfer none): the window's session view
 */
EbbSessionView *
ebb_window_get_session_view (EbbWindow *self)
{
  g_return_val_if_fail (EBB_IS_WINDOW (self), NULL);

  return ensure_session_view (self);
}
