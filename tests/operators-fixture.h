/* operators-fixture.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-operator-session.h"
#include "ebb-screening.h"

G_BEGIN_DECLS

/* A real SQLite store in the test's isolated directory, a virtual clock,
 * and cheap Argon2id hashing so the unit suite stays fast. */
typedef struct
{
  char               *dir;
  char               *path;
  EbbStore           *store;
  EbbOperatorSession *ctx;
  gint64              now_us;
} OperatorsFixture;

/* The PIN every fixture operator gets. */
#define FIXTURE_PIN "246810"

void     operators_fixture_set_up    (OperatorsFixture   *fixture,
                                      gconstpointer       data);
void     operators_fixture_tear_down (OperatorsFixture   *fixture,
                                      gconstpointer       data);
void     operators_fixture_reopen    (OperatorsFixture   *fixture);
gint64   operators_fixture_clock_cb  (gpointer            user_data);
gint64   operators_fixture_insert    (EbbStore           *store,
                                      const char         *username,
                                      EbbRoles            roles);
gint64   operators_fixture_add       (OperatorsFixture   *fixture,
                                      const char         *username,
                                      EbbRoles            roles);
void     operators_fixture_login     (OperatorsFixture   *fixture,
                                      const char         *username);
guint    operators_fixture_count     (OperatorsFixture   *fixture,
                                      const char         *action);
EbbAuditEntry *operators_fixture_last (OperatorsFixture  *fixture);
GSettings *operators_fixture_default_settings (void);
gint64   operators_fixture_record_consent (OperatorsFixture *fixture,
                                           gint64            client_id);
gint64   operators_fixture_record_session (OperatorsFixture *fixture,
                                           gint64            client_id);
EbbScreeningAnswers *operators_fixture_screening (gboolean               examination,
                                                  EbbScreeningDecision **decision);
char    *operators_fixture_cheap_hash (const char        *secret,
                                       GError           **error);

G_END_DECLS
