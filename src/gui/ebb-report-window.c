/* ebb-report-window.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-report-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poppler.h>

#include "ebb-front-desk.h"
#include "ebb-permissions.h"
#include "ebb-report-window.h"

/* Pages are previewed this many pixels wide, which fills the window's
 * default width; an A4 page is then shown at about 82 dpi. */
#define PREVIEW_WIDTH 680

struct _EbbReportWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *error_page;
  GtkBox          *pages_box;

  /* owned */
  EbbOperatorSession *ctx;         /* nullable: nothing is checked or audited */
  gint64           session_id;
  GCancellable    *cancellable;
  char            *tmp_dir;        /* holds the PDF this window rendered */
  char            *path;           /* the PDF shown */
  char            *suggested_name;
  char            *error_message;
  GtkFileChooserNative *chooser;
  guint            n_pages;
};

G_DEFINE_FINAL_TYPE (EbbReportWindow, ebb_report_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_N_PAGES,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  SAVED,
  PRINTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* One rendered page: premultiplied ARGB32 pixels as cairo makes them. */
typedef struct
{
  GBytes *pixels;
  int     width;
  int     height;
  int     stride;
} PageImage;

static void
page_image_free (PageImage *image)
{
  g_bytes_unref (image->pixels);
  g_free (image);
}

/* Toast titles are markup; messages may contain file names. */
static void
toast (EbbReportWindow *self,
       const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
fail (EbbReportWindow *self,
      const char      *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* Rasterises every page with poppler on a worker thread; the document is
 * opened and used on that thread only. */
static void
render_pages_thread_cb (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document = NULL;
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) page_image_free);
  int n;

  if (uri != NULL)
    document = poppler_document_new_from_file (uri, NULL, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n = poppler_document_get_n_pages (document);
  for (int i = 0; i < n; i++)
    {
      PopplerPage *page;
      PageImage *image;
      cairo_surface_t *surface;
      cairo_t *cr;
      double w, h, scale;

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (document);
          return;
        }

      page = poppler_document_get_page (document, i);
      image = g_new0 (PageImage, 1);
      poppler_page_get_size (page, &w, &h);
      scale = PREVIEW_WIDTH / MAX (w, 1);
      image->width = PREVIEW_WIDTH;
      image->height = (int) (h * scale + 0.5);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, image->width, image->height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render_for_printing (page, cr);
      cairo_destroy (cr);
      g_object_unref (page);
      cairo_surface_flush (surface);

      image->stride = cairo_image_surface_get_stride (surface);
      image->pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                                   (gsize) image->stride * image->height);
      cairo_surface_destroy (surface);
      g_ptr_array_add (images, image);
    }

  g_object_unref (document);
  g_task_return_pointer (task, g_steal_pointer (&images), (GDestroyNotify) g_ptr_array_unref);
}

static void
pages_rendered_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EbbReportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *child;

  if (images == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);

  for (guint i = 0; i < images->len; i++)
    {
      PageImage *image = g_ptr_array_index (images, i);
      g_autoptr(GdkTexture) texture = NULL;
      GtkWidget *picture;

      /* cairo's ARGB32 is premultiplied BGRA in memory on little-endian
       * machines and ARGB on big-endian ones. */
      texture = gdk_memory_texture_new (image->width, image->height,
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
                                        GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
#else
                                        GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
#endif
                                        image->pixels, image->stride);
      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "card");
      gtk_box_append (self->pages_box, picture);
    }

  self->n_pages = images->len;
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "pages");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

static void
load_pages (EbbReportWindow *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, pages_rendered_cb, g_object_ref (self));

  g_task_set_source_tag (task, load_pages);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, render_pages_thread_cb);
}

static void
report_rendered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EbbReportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == ebb_report_render_screening_async)
    ok = ebb_report_render_screening_finish (result, &error);
  else
    ok = ebb_report_render_finish (result, &error);

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error->message);
      return;
    }

  load_pages (self);
}

static void
start_loading (EbbReportWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->error_message, g_free);
  self->n_pages = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "rendering");
}

/* Saving and printing a report are protected, audited actions: the
 * core refuses an operator without the role (and records the refusal)
 * before anything leaves the window. */
static gboolean
may (EbbReportWindow *self,
     EbbAction        action)
{
  g_autoptr(GError) error = NULL;

  if (self->ctx == NULL || ebb_permissions_check (self->ctx, action, &error))
    return TRUE;

  toast (self, error->message);
  return FALSE;
}

/* Who, what (the session, with its client) and where it went. */
static void
audit (EbbReportWindow *self,
       EbbAction        action,
       const char      *destination)
{
  g_autoptr(GError) error = NULL;

  if (self->ctx == NULL)
    return;

  if (!ebb_front_desk_record_report (self->ctx, action, self->session_id, destination, &error))
    {
      g_autofree char *message = g_strdup_printf (_("This was not recorded in the audit trail: %s"),
                                                  error->message);

      g_warning ("Audit of %s failed: %s", ebb_permissions_audit_id (action), error->message);
      toast (self, message);
    }
}

static void
copy_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EbbReportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = NULL;

  if (!g_file_copy_finish (G_FILE (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The report could not be saved: %s"), error->message);

      toast (self, message);
      return;
    }

  destination = g_object_steal_data (G_OBJECT (object), "destination");
  toast (self, _("Report saved"));
  audit (self, EBB_ACTION_REPORT_SAVE, destination);
  g_signal_emit (self, signals[SAVED], 0, destination);
}

static void
chooser_response_cb (EbbReportWindow      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GFile) source = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    destination = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (destination == NULL || self->path == NULL || !may (self, EBB_ACTION_REPORT_SAVE))
    return;

  source = g_file_new_for_path (self->path);
  g_object_set_data_full (G_OBJECT (source), "destination", g_file_get_path (destination), g_free);
  g_file_copy_async (source, destination, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT,
                     self->cancellable, NULL, NULL, copy_done_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EbbReportWindow *self = EBB_REPORT_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     self->suggested_name != NULL ? self->suggested_name : "report.pdf");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
job_sent_cb (GtkPrintJob  *job,
             gpointer      user_data,
             const GError *error)
{
  EbbReportWindow *self = user_data;

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The report could not be printed: %s"), error->message);

      toast (self, message);
      return;
    }

  toast (self, _("Report sent to the printer"));
  audit (self, EBB_ACTION_REPORT_PRINT, gtk_printer_get_name (gtk_print_job_get_printer (job)));
  g_signal_emit (self, signals[PRINTED], 0, gtk_printer_get_name (gtk_print_job_get_printer (job)));
}

static void
print_response_cb (EbbReportWindow    *self,
                   int                 response,
                   GtkPrintUnixDialog *dialog)
{
  if (response == GTK_RESPONSE_OK)
    ebb_report_window_print_to (self, gtk_print_unix_dialog_get_selected_printer (dialog),
                                gtk_print_unix_dialog_get_settings (dialog),
                                gtk_print_unix_dialog_get_page_setup (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EbbReportWindow *self = EBB_REPORT_WINDOW (widget);
  GtkWidget *dialog = gtk_print_unix_dialog_new (_("Print Report"), GTK_WINDOW (self));

  /* The PDF goes to the printer as it is; the dialog offers only what
   * applies to a finished document. */
  gtk_print_unix_dialog_set_manual_capabilities (GTK_PRINT_UNIX_DIALOG (dialog),
                                                 GTK_PRINT_CAPABILITY_COPIES |
                                                 GTK_PRINT_CAPABILITY_COLLATE |
                                                 GTK_PRINT_CAPABILITY_PAGE_SET);
  gtk_print_unix_dialog_set_embed_page_setup (GTK_PRINT_UNIX_DIALOG (dialog), FALSE);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (print_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ebb_report_window_dispose (GObject *object)
{
  EbbReportWindow *self = (EbbReportWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ctx);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_REPORT_WINDOW);

  G_OBJECT_CLASS (ebb_report_window_parent_class)->dispose (object);
}

static void
ebb_report_window_finalize (GObject *object)
{
  EbbReportWindow *self = (EbbReportWindow *)object;

  /* The rendered copy is private to this window; saved copies live on. */
  if (self->tmp_dir != NULL)
    {
      g_autofree char *file = g_build_filename (self->tmp_dir, "report.pdf", NULL);

      g_unlink (file);
      g_rmdir (self->tmp_dir);
    }
  g_free (self->tmp_dir);
  g_free (self->path);
  g_free (self->suggested_name);
  g_free (self->error_message);

  G_OBJECT_CLASS (ebb_report_window_parent_class)->finalize (object);
}

static void
ebb_report_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EbbReportWindow *self = EBB_REPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_report_window_class_init (EbbReportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_report_window_dispose;
  object_class->finalize = ebb_report_window_finalize;
  object_class->get_property = ebb_report_window_get_property;

  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbbReportWindow::saved:
   * @path: where the report was saved
   *
   * The report was saved; the owner records it in the audit trail.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * EbbReportWindow::printed:
   * @printer: the printer's name
   *
   * The report was handed to the printer; the owner records it in the
   * audit trail.
   */
  signals[PRINTED] = g_signal_new ("printed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-report-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbReportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EbbReportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbbReportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EbbReportWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, EbbReportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, EbbReportWindow, pages_box);

  gtk_widget_class_install_action (widget_class, "report.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "report.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "report.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ebb_report_window_init (EbbReportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", FALSE);
}

/**
 * ebb_report_window_new:
 * @parent: (nullable): the window the preview belongs to
 *
 * Returns: (transfer full): a report preview with "Save as…" and "Print…"
 */
EbbReportWindow *
ebb_report_window_new (GtkWindow *parent)
{
  return g_object_new (EBB_TYPE_REPORT_WINDOW, "transient-for", parent, NULL);
}

guint
ebb_report_window_get_n_pages (EbbReportWindow *self)
{
  g_return_val_if_fail (EBB_IS_REPORT_WINDOW (self), 0);
  return self->n_pages;
}

/**
 * ebb_report_window_get_error_message:
 * @self: a report window
 *
 * Returns: (nullable): why the report could not be shown
 */
const char *
ebb_report_window_get_error_message (EbbReportWindow *self)
{
  g_return_val_if_fail (EBB_IS_REPORT_WINDOW (self), NULL);
  return self->error_message;
}

/**
 * ebb_report_window_get_path:
 * @self: a report window
 *
 * Returns: (nullable): the PDF the window shows
 */
const char *
ebb_report_window_get_path (EbbReportWindow *self)
{
  g_return_val_if_fail (EBB_IS_REPORT_WINDOW (self), NULL);
  return self->path;
}

void
ebb_report_window_set_suggested_name (EbbReportWindow *self,
                                      const char      *name)
{
  g_return_if_fail (EBB_IS_REPORT_WINDOW (self));
  g_free (self->suggested_name);
  self->suggested_name = g_strdup (name);
}

/**
 * ebb_report_window_set_audit:
 * @self: a report window
 * @ctx: (nullable): the console's operator session; %NULL checks and
 *   records nothing (a preview outside the console)
 * @session_id: the session the report is of
 *
 * Makes "Save as…" and "Print…" protected, audited actions: the operator
 * at the console at that moment needs the role (ebb_permissions_check()),
 * and each is recorded by ebb_front_desk_record_report() ("report.save"
 * with the file, "report.print" with the printer, and the client).
 */
void
ebb_report_window_set_audit (EbbReportWindow    *self,
                             EbbOperatorSession *ctx,
                             gint64              session_id)
{
  g_return_if_fail (EBB_IS_REPORT_WINDOW (self));
  g_return_if_fail (ctx == NULL || EBB_IS_OPERATOR_SESSION (ctx));

  g_set_object (&self->ctx, ctx);
  self->session_id = session_id;
}

/**
 * ebb_report_window_show_session:
 * @self: a report window
 * @data: the session's report model; copied
 * @options: how to render it; copied
 *
 * Renders the report on a worker thread into a private file, then shows
 * its pages.
 */
/* Prepares the private file a report is rendered into. */
static gboolean
start_rendering (EbbReportWindow *self)
{
  g_autoptr(GError) error = NULL;

  start_loading (self);
  if (self->tmp_dir == NULL)
    self->tmp_dir = g_dir_make_tmp ("ebbflow-report-XXXXXX", &error);
  if (self->tmp_dir == NULL)
    {
      fail (self, error->message);
      return FALSE;
    }

  g_free (self->path);
  self->path = g_build_filename (self->tmp_dir, "report.pdf", NULL);
  return TRUE;
}

void
ebb_report_window_show_session (EbbReportWindow        *self,
                                const EbbReportData    *data,
                                const EbbReportOptions *options)
{
  g_return_if_fail (EBB_IS_REPORT_WINDOW (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (options != NULL);

  if (start_rendering (self))
    ebb_report_render_async (data, self->path, options, self->cancellable, report_rendered_cb,
                             g_object_ref (self));
}

/**
 * ebb_report_window_show_screening:
 * @self: a report window
 * @screening: the screening to summarise; copied
 * @options: how to render it; copied
 *
 * Renders the one-page screening summary on a worker thread, then shows it.
 */
void
ebb_report_window_show_screening (EbbReportWindow          *self,
                                  const EbbReportScreening *screening,
                                  const EbbReportOptions   *options)
{
  g_return_if_fail (EBB_IS_REPORT_WINDOW (self));
  g_return_if_fail (screening != NULL);
  g_return_if_fail (options != NULL);

  if (start_rendering (self))
    ebb_report_render_screening_async (screening, self->path, options, self->cancellable,
                                       report_rendered_cb, g_object_ref (self));
}

/**
 * ebb_report_window_show_file:
 * @self: a report window
 * @path: a PDF file
 *
 * Shows the pages of a report that is already rendered.
 */
void
ebb_report_window_show_file (EbbReportWindow *self,
                             const char      *path)
{
  g_return_if_fail (EBB_IS_REPORT_WINDOW (self));
  g_return_if_fail (path != NULL);

  start_loading (self);
  g_free (self->path);
  self->path = g_strdup (path);
  load_pages (self);
}

/**
 * ebb_report_window_print_to:
 * @self: a report window
 * @printer: the printer, as chosen in the print dialog
 * @settings: the print settings
 * @page_setup: the page setup
 *
 * Sends the PDF to @printer as it is (GtkPrintJob with the file as its
 * source), so the paper shows exactly what the preview shows. Emits
 * #EbbReportWindow::printed when the job is handed over.
 */
void
ebb_report_window_print_to (EbbReportWindow  *self,
                            GtkPrinter       *printer,
                            GtkPrintSettings *settings,
                            GtkPageSetup     *page_setup)
{
  g_autoptr(GtkPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (EBB_IS_REPORT_WINDOW (self));
  g_return_if_fail (GTK_IS_PRINTER (printer));
  g_return_if_fail (self->path != NULL);

  if (!may (self, EBB_ACTION_REPORT_PRINT))
    return;

  if (!gtk_printer_accepts_pdf (printer))
    {
      toast (self, _("This printer cannot print PDF documents. Choose another printer."));
      return;
    }

  job = gtk_print_job_new (adw_window_title_get_title (self->window_title), printer, settings, page_setup);
  if (!gtk_print_job_set_source_file (job, self->path, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The report could not be printed: %s"), error->message);

      toast (self, message);
      return;
    }

  gtk_print_job_send (job, job_sent_cb, g_object_ref (self), g_object_unref);
}
