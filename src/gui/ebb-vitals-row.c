/* ebb-vitals-row.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-vitals-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-vitals-row.h"

/* Optional vitals before or after a session: an expander row whose switch
 * says whether they were taken, with blood pressure and heart rate in spin
 * buttons that only accept plausible values. */

struct _EbbVitalsRow
{
  AdwExpanderRow  parent_instance;

  GtkSpinButton  *systolic_spin;
  GtkSpinButton  *diastolic_spin;
  GtkSpinButton  *hr_spin;
};

G_DEFINE_FINAL_TYPE (EbbVitalsRow, ebb_vitals_row, ADW_TYPE_EXPANDER_ROW)

static GtkWidget *
spin_row (const char     *title,
          int             min,
          int             max,
          GtkSpinButton **spin)
{
  GtkWidget *row = adw_action_row_new ();

  *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (min, max, 1));
  gtk_spin_button_set_numeric (*spin, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (*spin), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (*spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (*spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (*spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
ebb_vitals_row_class_init (EbbVitalsRowClass *klass)
{
}

static void
ebb_vitals_row_init (EbbVitalsRow *self)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Vitals"));
  adw_expander_row_set_subtitle (row, _("Optional: blood pressure and heart rate"));
  adw_expander_row_set_show_enable_switch (row, TRUE);
  adw_expander_row_add_row (row, spin_row (_("Blood pressure, systolic (mmHg)"), EBB_VITALS_SYSTOLIC_MIN,
                                           EBB_VITALS_SYSTOLIC_MAX, &self->systolic_spin));
  adw_expander_row_add_row (row, spin_row (_("Blood pressure, diastolic (mmHg)"), EBB_VITALS_DIASTOLIC_MIN,
                                           EBB_VITALS_DIASTOLIC_MAX, &self->diastolic_spin));
  adw_expander_row_add_row (row, spin_row (_("Heart rate (beats per minute)"), EBB_VITALS_HR_MIN,
                                           EBB_VITALS_HR_MAX, &self->hr_spin));
  ebb_vitals_row_reset (self);
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
