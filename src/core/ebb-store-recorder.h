/* ebb-store-recorder.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-clock.h"
#include "ebb-recorder.h"
#include "ebb-store.h"

G_BEGIN_DECLS

#define EBB_TYPE_STORE_RECORDER (ebb_store_recorder_get_type())

G_DECLARE_FINAL_TYPE (EbbStoreRecorder, ebb_store_recorder, EBB, STORE_RECORDER, GObject)

EbbStoreRecorder *ebb_store_recorder_new (EbbStore   *store,
                                          gint64      client_id,
                                          gint64      operator_id,
                                          gint64      screening_id,
                                          gint64      profile_id,
                                          const char *chamber_model,
                                          const char *chamber_firmware) G_GNUC_WARN_UNUSED_RESULT;
void              ebb_store_recorder_set_clock (EbbStoreRecorder *self,
                                                EbbClock         *clock);

G_END_DECLS
