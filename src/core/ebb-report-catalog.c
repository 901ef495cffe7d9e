/* ebb-report-catalog.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-report-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ebb-report-catalog.h"
#include "ebb-report.h"

/* The GNU .mo format: a header of seven 32-bit words, then two tables of
 * (length, offset) pairs for the original and the translated strings. */
#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U
#define MO_HEADER_WORDS  7

struct _EbbReportCatalog
{
  char       *language;
  char       *contents;      /* the whole .mo file; strings point into it */
  gsize       length;
  GHashTable *messages;      /* msgid (or "context\004msgid") → msgstr */
};

static gboolean
read_word (const char *contents,
           gsize       length,
           gsize       offset,
           gboolean    swapped,
           guint32    *word)
{
  guint32 value;

  if (offset > length || length - offset < 4)
    return FALSE;

  memcpy (&value, contents + offset, 4);
  *word = swapped ? GUINT32_SWAP_LE_BE (value) : value;
  return TRUE;
}

/* Returns the string of table entry @index, checked to lie inside the file
 * and to be NUL-terminated, or NULL. */
static const char *
table_string (const char *contents,
              gsize       length,
              guint32     table,
              guint32     index,
              gboolean    swapped)
{
  guint32 len, offset;
  gsize entry = (gsize) table + (gsize) index * 8;

  if (!read_word (contents, length, entry, swapped, &len) ||
      !read_word (contents, length, entry + 4, swapped, &offset))
    return NULL;
  if ((gsize) offset + len >= length || contents[offset + len] != '\0')
    return NULL;

  return contents + offset;
}

static gboolean
parse_mo (EbbReportCatalog *self)
{
  guint32 magic, n_strings, originals, translations;
  gboolean swapped;

  if (!read_word (self->contents, self->length, 0, FALSE, &magic))
    return FALSE;
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return FALSE;
  swapped = magic == MO_MAGIC_SWAPPED;

  if (self->length < MO_HEADER_WORDS * 4 ||
      !read_word (self->contents, self->length, 8, swapped, &n_strings) ||
      !read_word (self->contents, self->length, 12, swapped, &originals) ||
      !read_word (self->contents, self->length, 16, swapped, &translations))
    return FALSE;

  for (guint32 i = 0; i < n_strings; i++)
    {
      const char *msgid = table_string (self->contents, self->length, originals, i, swapped);
      const char *msgstr = table_string (self->contents, self->length, translations, i, swapped);

      if (msgid == NULL || msgstr == NULL)
        return FALSE;
      /* The empty msgid is the header; empty translations are untranslated. */
      if (*msgid != '\0' && *msgstr != '\0')
        g_hash_table_insert (self->messages, (gpointer) msgid, (gpointer) msgstr);
    }

  return TRUE;
}

static gboolean
is_english (const char *language)
{
  return g_str_equal (language, "C") || g_str_equal (language, "POSIX") ||
         g_str_has_prefix (language, "C.") ||
         g_str_equal (language, "en") || g_str_has_prefix (language, "en_") ||
         g_str_has_prefix (language, "en.") || g_str_has_prefix (language, "en@");
}

/* Where the program's own gettext looks first (the directory
 * ebb_environment_init_i18n bound), then the installed and the build-tree
 * directories. */
static char *
find_mo (const char *language)
{
  const char *dirs[] = { bindtextdomain (GETTEXT_PACKAGE, NULL), LOCALEDIR, BUILD_LOCALEDIR };
  g_auto(GStrv) variants = g_get_locale_variants (language);

  for (guint v = 0; variants[v] != NULL; v++)
    for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
      {
        g_autofree char *path = NULL;

        if (dirs[d] == NULL)
          continue;
        path = g_build_filename (dirs[d], variants[v], "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return g_steal_pointer (&path);
      }

  return NULL;
}

static EbbReportCatalog *
catalog_new_english (void)
{
  EbbReportCatalog *self = g_new0 (EbbReportCatalog, 1);

  self->language = g_strdup ("en");
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

static EbbReportCatalog *
catalog_load (const char  *language,
              const char  *path,
              GError     **error)
{
  g_autoptr(EbbReportCatalog) self = catalog_new_english ();

  g_free (self->language);
  self->language = g_strdup (language);

  if (!g_file_get_contents (path, &self->contents, &self->length, error))
    return NULL;

  if (!parse_mo (self))
    {
      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_LANGUAGE_UNAVAILABLE,
                   _("The translation file %s is damaged. Reinstall Ebbflow."), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ebb_report_catalog_new:
 * @language: (nullable): a language code such as "de" or "de_AT"; %NULL
 *   or "" for the user interface's language
 * @error: return location for an error
 *
 * Loads the messages of @language. English needs no catalogue. For the
 * user interface's language, the first of the process's languages with a
 * catalogue wins, as in gettext, and English is the fallback.
 *
 * Returns: (transfer full): the catalogue, or %NULL with
 *   %EBB_REPORT_ERROR_LANGUAGE_UNAVAILABLE when @language was asked for
 *   explicitly and has no translation
 */
EbbReportCatalog *
ebb_report_catalog_new (const char  *language,
                        GError     **error)
{
  g_autofree char *path = NULL;

  if (language == NULL || *language == '\0')
    {
      const char * const *names = g_get_language_names ();

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *found = NULL;

          if (is_english (names[i]))
            break;
          found = find_mo (names[i]);
          if (found != NULL)
            return catalog_load (names[i], found, error);
        }

      return catalog_new_english ();
    }

  if (is_english (language))
    return catalog_new_english ();

  path = find_mo (language);
  if (path == NULL)
    {
      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_LANGUAGE_UNAVAILABLE,
                   _("Reports cannot be printed in “%s”: there is no translation for it. "
                     "Choose another report language in Preferences."), language);
      return NULL;
    }

  return catalog_load (language, path, error);
}

void
ebb_report_catalog_free (EbbReportCatalog *self)
{
  if (self == NULL)
    return;

  g_free (self->language);
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_free (self->contents);
  g_free (self);
}

/**
 * ebb_report_catalog_language:
 * @self: a catalogue
 *
 * Returns: the language the catalogue translates into ("en" for none)
 */
const char *
ebb_report_catalog_language (EbbReportCatalog *self)
{
  return self->language;
}

/**
 * ebb_report_catalog_get:
 * @self: a catalogue
 * @msgid: an English message
 *
 * Returns: the translation, or @msgid when there is none
 */
const char *
ebb_report_catalog_get (EbbReportCatalog *self,
                        const char       *msgid)
{
  const char *msgstr = g_hash_table_lookup (self->messages, msgid);

  return msgstr != NULL ? msgstr : msgid;
}

/**
 * ebb_report_catalog_pget:
 * @self: a catalogue
 * @context: the message context, as in C_()
 * @msgid: an English message
 *
 * Returns: the translation, or @msgid when there is none
 */
const char *
ebb_report_catalog_pget (EbbReportCatalog *self,
                         const char       *context,
                         const char       *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *msgstr = g_hash_table_lookup (self->messages, key);

  return msgstr != NULL ? msgstr : msgid;
}
