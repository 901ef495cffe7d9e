/* ebb-credentials.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "ebb-credentials.h"

/* Operator PINs and passwords are stored only as Argon2id hashes
 * (libsodium's crypto_pwhash_str, interactive limits: a login must stay
 * quick on the clinic's PC; the lockout after failed attempts, kept by the
 * operators module, limits guessing). */

G_DEFINE_QUARK (ebb-credentials-error-quark, ebb_credentials_error)

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }

  if (!ok)
    g_set_error_literal (error, EBB_CREDENTIALS_ERROR, EBB_CREDENTIALS_ERROR_FAILED,
                         _("The cryptography library could not be started."));
  return ok;
}

static gboolean
all_digits (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;

  return TRUE;
}

/**
 * ebb_credentials_check_strength:
 * @secret: a PIN or password
 * @error: return location for %EBB_CREDENTIALS_ERROR_TOO_WEAK
 *
 * A PIN has at least 6 digits; a password at least 8 characters.
 *
 * Returns: %TRUE if @secret is acceptable
 */
gboolean
ebb_credentials_check_strength (const char  *secret,
                                GError     **error)
{
  g_return_val_if_fail (secret != NULL, FALSE);

  if (*secret != '\0' && all_digits (secret))
    {
      if (strlen (secret) >= 6)
        return TRUE;
      g_set_error_literal (error, EBB_CREDENTIALS_ERROR, EBB_CREDENTIALS_ERROR_TOO_WEAK,
                           _("A PIN needs at least 6 digits."));
      return FALSE;
    }

  if (g_utf8_validate (secret, -1, NULL) && g_utf8_strlen (secret, -1) >= 8)
    return TRUE;

  g_set_error_literal (error, EBB_CREDENTIALS_ERROR, EBB_CREDENTIALS_ERROR_TOO_WEAK,
                       _("Use a PIN of at least 6 digits or a password of at least 8 characters."));
  return FALSE;
}

/**
 * ebb_credentials_hash:
 * @secret: a PIN or password that passed ebb_credentials_check_strength()
 * @error: return location for an #EBB_CREDENTIALS_ERROR
 *
 * Returns: (transfer full): the encoded Argon2id hash, or %NULL
 */
char *
ebb_credentials_hash (const char  *secret,
                      GError     **error)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (secret != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  if (crypto_pwhash_str (out, secret, strlen (secret),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, EBB_CREDENTIALS_ERROR, EBB_CREDENTIALS_ERROR_FAILED,
                           _("Not enough memory to protect the PIN."));
      return NULL;
    }

  return g_strdup (out);
}

/* Constant-time comparison inside libsodium. */
gboolean
ebb_credentials_verify (const char *hash,
                        const char *secret)
{
  if (hash == NULL || secret == NULL || !ensure_sodium (NULL))
    return FALSE;

  return crypto_pwhash_str_verify (hash, secret, strlen (secret)) == 0;
}
