/* ebb-vitals-row.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-store.h"

G_BEGIN_DECLS

#define EBB_TYPE_VITALS_ROW (ebb_vitals_row_get_type())

G_DECLARE_FINAL_TYPE (EbbVitalsRow, ebb_vitals_row, EBB, VITALS_ROW, AdwExpanderRow)

GtkWidget *ebb_vitals_row_new        (void);
void       ebb_vitals_row_get_vitals (EbbVitalsRow *self,
                                      EbbVitals    *vitals);
void       ebb_vitals_row_reset      (EbbVitalsRow *self);

G_END_DECLS
