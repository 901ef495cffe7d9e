/* ebb-vitals-row.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-vitals-row"

#include "config.h"

#include "ebb-vitals-row.h"

/* Optional vitals before or after a session: an expander row whose switch
 * says whether they were taken, with blood pressure and heart rate in spin
 * buttons that only accept plausible values (their ranges are in the
 * template). */

struct _EbbVitalsRow
{
  AdwExpanderRow  parent_instance;

  /* template widgets */
  GtkSpinButton  *systolic_spin;
  GtkSpinButton  *diastolic_spin;
  GtkSpinButton  *hr_spin;
};

G_DEFINE_FINAL_TYPE (EbbVitalsRow, ebb_vitals_row, ADW_TYPE_EXPANDER_ROW)

static void
ebb_vitals_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EBB_TYPE_VITALS_ROW);

  G_OBJECT_CLASS (ebb_vitals_row_parent_class)->dispose (object);
}

static void
ebb_vitals_row_class_init (EbbVitalsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_vitals_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-vitals-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbVitalsRow, systolic_spin);
  gtk_widget_class_bind_template_child (widget_class, EbbVitalsRow, diastolic_spin);
  gtk_widget_class_bind_template_child (widget_class, EbbVitalsRow, hr_spin);
}

static void
ebb_vitals_row_init (EbbVitalsRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ebb_vitals_row_new (void)
{
  return g_object_new (EBB_TYPE_VITALS_ROW, NULL);
}

/**
 * ebb_vitals_row_get_vitals:
 * @self: the row
 * @vitals: (out caller-allocates): the vitals; recorded is whether the
 *   operator switched them on
 */
void
ebb_vitals_row_get_vitals (EbbVitalsRow *self,
                           EbbVitals    *vitals)
{
  g_return_if_fail (EBB_IS_VITALS_ROW (self));
  g_return_if_fail (vitals != NULL);

  vitals->recorded = adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self));
  vitals->bp_systolic = gtk_spin_button_get_value_as_int (self->systolic_spin);
  vitals->bp_diastolic = gtk_spin_button_get_value_as_int (self->diastolic_spin);
  vitals->heart_rate = gtk_spin_button_get_value_as_int (self->hr_spin);
}

/**
 * ebb_vitals_row_reset:
 * @self: the row
 *
 * Switches the vitals off, with typical values to start from.
 */
void
ebb_vitals_row_reset (EbbVitalsRow *self)
{
  g_return_if_fail (EBB_IS_VITALS_ROW (self));

  gtk_spin_button_set_value (self->systolic_spin, 120);
  gtk_spin_button_set_value (self->diastolic_spin, 80);
  gtk_spin_button_set_value (self->hr_spin, 70);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), FALSE);
}
