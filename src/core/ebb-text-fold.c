/* ebb-text-fold.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-text-fold"

#include "config.h"

#include "ebb-text-fold.h"

#include <string.h>

/* Letters that do not decompose into a base letter plus marks, so neither
 * NFD nor SQLite's unicode61 tokenizer strips them. Each folds to what a
 * receptionist without the key types: "Odegard" must find "Ødegård". */
static const struct
{
  gunichar    c;
  const char *ascii;
} special_letters[] = {
  { 0x00C6, "ae" }, { 0x00E6, "ae" },   /* Æ æ */
  { 0x00D0, "d" },  { 0x00F0, "d" },    /* Ð ð */
  { 0x00D8, "o" },  { 0x00F8, "o" },    /* Ø ø */
  { 0x00DE, "th" }, { 0x00FE, "th" },   /* Þ þ */
  { 0x00DF, "ss" }, { 0x1E9E, "ss" },   /* ß ẞ */
  { 0x0110, "d" },  { 0x0111, "d" },    /* Đ đ */
  { 0x0126, "h" },  { 0x0127, "h" },    /* Ħ ħ */
  { 0x0131, "i" },                      /* ı */
  { 0x0141, "l" },  { 0x0142, "l" },    /* Ł ł */
  { 0x0152, "oe" }, { 0x0153, "oe" },   /* Œ œ */
  { 0x0166, "t" },  { 0x0167, "t" },    /* Ŧ ŧ */
};

static const char *
special_letter (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (special_letters); i++)
    if (special_letters[i].c == c)
      return special_letters[i].ascii;

  return NULL;
}

/**
 * ebb_text_fold:
 * @text: UTF-8 text
 *
 * Folds text for accent- and case-insensitive matching: decomposes it,
 * drops combining marks, maps letters without a decomposition (Ø, Ł, ß, …)
 * to their usual Latin spelling and lower-cases the rest. Letters of other
 * scripts are kept (lower-cased), so any name stays searchable.
 *
 * Returns: (transfer full): the folded text
 */
char *
ebb_text_fold (const char *text)
{
  g_autofree char *nfd = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (nfd == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (nfd));

  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *ascii;

      if (g_unichar_ismark (c))
        continue;

      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else if ((ascii = special_letter (c)) != NULL)
        g_string_append (out, ascii);
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}
