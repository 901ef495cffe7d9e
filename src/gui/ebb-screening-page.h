/* ebb-screening-page.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-screening-state.h"

G_BEGIN_DECLS

#define EBB_TYPE_SCREENING_PAGE (ebb_screening_page_get_type ())

G_DECLARE_FINAL_TYPE (EbbScreeningPage, ebb_screening_page, EBB, SCREENING_PAGE, GtkWidget)

GtkWidget                  *ebb_screening_page_new              (void);
EbbRoles                    ebb_screening_page_get_role         (EbbScreeningPage *self);
void                        ebb_screening_page_set_role         (EbbScreeningPage *self,
                                                                 EbbRoles          role);
const char                 *ebb_screening_page_get_operator     (EbbScreeningPage *self);
void                        ebb_screening_page_set_operator     (EbbScreeningPage *self,
                                                                 const char       *operator_name);
void                        ebb_screening_page_set_operator_session (EbbScreeningPage   *self,
                                                                     EbbOperatorSession *ctx);
const EbbScreeningDecision *ebb_screening_page_get_decision     (EbbScreeningPage *self);
const EbbScreeningState   *ebb_screening_page_get_record       (EbbScreeningPage *self);
EbbScreeningAnswers        *ebb_screening_page_get_answers      (EbbScreeningPage *self);
const char                 *ebb_screening_page_get_clearance_note (EbbScreeningPage *self);
void                        ebb_screening_page_reset            (EbbScreeningPage *self);
void                        ebb_screening_page_save_summary_async  (EbbScreeningPage    *self,
                                                                    GFile               *file,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
gboolean                    ebb_screening_page_save_summary_finish (EbbScreeningPage    *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

G_END_DECLS
