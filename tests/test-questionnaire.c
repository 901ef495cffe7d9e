/* test-questionnaire.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ebb-questionnaire.h"

#define STRINGS_FILE "questionnaire-strings.c"

static EbbQuestionnaire *
load_factory (void)
{
  g_autoptr(GError) error = NULL;
  EbbQuestionnaire *questionnaire = ebb_questionnaire_new_factory (&error);

  g_assert_no_error (error);
  g_assert_nonnull (questionnaire);
  return questionnaire;
}

static void
test_factory_loads (void)
{
  g_autoptr(EbbQuestionnaire) questionnaire = load_factory ();
  GPtrArray *items = ebb_questionnaire_get_items (questionnaire);
  GPtrArray *rules = ebb_questionnaire_get_rules (questionnaire);
  guint n_items = 0;

  g_assert_cmpstr (ebb_questionnaire_get_id (questionnaire), ==, "ebbflow-factory");
  g_assert_cmpuint (ebb_questionnaire_get_version (questionnaire), ==, 1);

  for (guint i = 0; i < ebb_questionnaire_get_sections (questionnaire)->len; i++)
    n_items += ((EbbQuestionSection *) g_ptr_array_index (ebb_questionnaire_get_sections (questionnaire), i))->items->len;
  g_assert_cmpuint (n_items, ==, items->len);

  /* Every rule names an item or a score, and every item id is unique. */
  for (guint i = 0; i < rules->len; i++)
    {
      const EbbQuestionRule *rule = g_ptr_array_index (rules, i);

      g_assert_true (ebb_questionnaire_lookup_item (questionnaire, rule->item_id) != NULL ||
                     g_strv_contains ((const char * const[]) { "wells", "abi.right", "abi.left", "edinburgh", NULL },
                                      rule->item_id));
      g_assert_nonnull (rule->when);
      g_assert_true (ebb_questionnaire_lookup_rule (questionnaire, rule->id) == rule);
    }
  g_assert_nonnull (ebb_questionnaire_get_unknown_rule (questionnaire));
}

static void
test_instrument_items (void)
{
  g_autoptr(EbbQuestionnaire) questionnaire = load_factory ();
  static const char * const clinician_only[] = {
    "wells.w4", "wells.w5", "wells.w6", "wells.w7", "wells.w8", "wells.w10",
  };
  static const char * const history[] = { "wells.w1", "wells.w2", "wells.w3", "wells.w9" };
  static const char * const abi[] = {
    "abi.brachial_right", "abi.brachial_left", "abi.right_dp", "abi.right_pt", "abi.left_dp", "abi.left_pt",
  };
  const EbbQuestionItem *item;

  for (guint i = 0; i < G_N_ELEMENTS (clinician_only); i++)
    {
      item = ebb_questionnaire_lookup_item (questionnaire, clinician_only[i]);
      g_assert_nonnull (item);
      g_assert_cmpint (item->kind, ==, EBB_ANSWER_KIND_BOOLEAN);
      g_assert_cmpint (item->roles, ==, EBB_ROLE_CLINICIAN);
    }
  for (guint i = 0; i < G_N_ELEMENTS (history); i++)
    {
      item = ebb_questionnaire_lookup_item (questionnaire, history[i]);
      g_assert_nonnull (item);
      g_assert_cmpint (item->roles, ==, EBB_ROLES_ANY);
    }
  for (guint i = 0; i < G_N_ELEMENTS (abi); i++)
    {
      item = ebb_questionnaire_lookup_item (questionnaire, abi[i]);
      g_assert_nonnull (item);
      g_assert_cmpint (item->kind, ==, EBB_ANSWER_KIND_INTEGER);
      g_assert_cmpstr (item->unit, ==, "mmHg");
    }

  item = ebb_questionnaire_lookup_item (questionnaire, "edinburgh.q1");
  g_assert_nonnull (ebb_question_item_lookup_option (item, "unable"));
  item = ebb_questionnaire_lookup_item (questionnaire, "edinburgh.q6");
  g_assert_cmpint (item->kind, ==, EBB_ANSWER_KIND_MULTIPLE_CHOICE);
  g_assert_cmpuint (item->options->len, ==, 8);
  item = ebb_questionnaire_lookup_item (questionnaire, "cardiac.mi_date");
  g_assert_cmpint (item->kind, ==, EBB_ANSWER_KIND_DATE);
}

/* Every §2.5 row has a rule. */
static void
test_every_table_row_has_a_rule (void)
{
  g_autoptr(EbbQuestionnaire) questionnaire = load_factory ();
  GPtrArray *rules = ebb_questionnaire_get_rules (questionnaire);

  for (guint row = 1; row <= 25; row++)
    {
      g_autofree char *tag = g_strdup_printf ("§2.5 #%u", row);
      g_autofree char *tag_more = g_strdup_printf ("#%u ", row);
      g_autofree char *tag_end = g_strdup_printf ("#%u;", row);
      gboolean found = FALSE;

      for (guint i = 0; i < rules->len && !found; i++)
        {
          const char *evidence = ((EbbQuestionRule *) g_ptr_array_index (rules, i))->evidence;

          found = g_str_has_prefix (evidence, "§2.5") &&
                  (strstr (evidence, tag_more) != NULL || strstr (evidence, tag_end) != NULL ||
                   strstr (evidence, tag) != NULL);
        }
      if (!found)
        g_test_message ("no rule cites row %u", row);
      g_assert_true (found);
    }
}

static char *
c_quote (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static char *
expected_strings_file (EbbQuestionnaire *questionnaire)
{
  g_autoptr(GPtrArray) strings = ebb_questionnaire_collect_strings (questionnaire);
  GString *out = g_string_new (NULL);

  g_string_append (out,
                   "/* " STRINGS_FILE "\n"
                   " *\n"
                   " * Copyright 2026 The Ebbflow developers\n"
                   " *\n"
                   " * SPDX-License-Identifier: GPL-3.0-or-later\n"
                   " *\n"
                   " * Generated from factory.json, whose texts xgettext cannot read; it is\n"
                   " * listed in po/POTFILES.in and never compiled. tests/test-questionnaire.c\n"
                   " * fails when the two differ; regenerate with\n"
                   " *   EBB_WRITE_QUESTIONNAIRE_STRINGS=1 meson test -C build test-questionnaire\n"
                   " */\n"
                   "\n"
                   "static const char *questionnaire_strings[] = {\n");
  for (guint i = 0; i < strings->len; i++)
    {
      g_autofree char *quoted = c_quote (g_ptr_array_index (strings, i));

      g_string_append_printf (out, "  N_(%s),\n", quoted);
    }
  g_string_append (out, "};\n");

  return g_string_free (out, FALSE);
}

static void
test_strings_file_matches (void)
{
  g_autoptr(EbbQuestionnaire) questionnaire = load_factory ();
  g_autofree char *expected = expected_strings_file (questionnaire);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "questionnaire",
                                                 STRINGS_FILE, NULL);
  g_autofree char *actual = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("EBB_WRITE_QUESTIONNAIRE_STRINGS") != NULL)
    {
      g_file_set_contents (path, expected, -1, &error);
      g_assert_no_error (error);
    }

  g_file_get_contents (path, &actual, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_strings_cover_every_text (void)
{
  g_autoptr(EbbQuestionnaire) questionnaire = load_factory ();
  g_autoptr(GPtrArray) strings = ebb_questionnaire_collect_strings (questionnaire);
  GPtrArray *items = ebb_questionnaire_get_items (questionnaire);

  for (guint i = 0; i < items->len; i++)
    {
      const EbbQuestionItem *item = g_ptr_array_index (items, i);
      gboolean found = FALSE;

      for (guint j = 0; j < strings->len && !found; j++)
        found = strcmp (g_ptr_array_index (strings, j), item->text) == 0;
      g_assert_true (found);
    }
}

static const struct
{
  const char *name;
  const char *json;
  const char *message;
} broken[] = {
  { "not-json", "{", "questionnaire definition, file" },
  { "no-version", "{\"questionnaire\":\"q\",\"title\":\"t\"}", "version" },
  { "unknown-kind",
    "{\"questionnaire\":\"q\",\"version\":1,\"title\":\"t\",\"sections\":[{\"id\":\"s\",\"title\":\"S\",\"items\":["
    "{\"id\":\"a\",\"kind\":\"colour\",\"text\":\"A\",\"source\":\"x\",\"roles\":[\"any\"]}]}]}",
    "unknown kind" },
  { "rule-unknown-item",
    "{\"questionnaire\":\"q\",\"version\":1,\"title\":\"t\",\"sections\":[{\"id\":\"s\",\"title\":\"S\",\"items\":["
    "{\"id\":\"a\",\"kind\":\"yes-no-unknown\",\"text\":\"A\",\"source\":\"x\",\"roles\":[\"any\"],\"required\":true}]}],"
    "\"unknown-rule\":{\"id\":\"u\",\"outcome\":\"refer\",\"text\":\"U\",\"evidence\":\"e\"},"
    "\"rules\":[{\"id\":\"r\",\"outcome\":\"exclude\",\"item\":\"a\",\"text\":\"R\",\"evidence\":\"e\","
    "\"when\":{\"item\":\"b\",\"equals\":\"yes\"}}]}",
    "unknown item “b”" },
  { "rule-bad-value",
    "{\"questionnaire\":\"q\",\"version\":1,\"title\":\"t\",\"sections\":[{\"id\":\"s\",\"title\":\"S\",\"items\":["
    "{\"id\":\"a\",\"kind\":\"yes-no-unknown\",\"text\":\"A\",\"source\":\"x\",\"roles\":[\"any\"],\"required\":true}]}],"
    "\"unknown-rule\":{\"id\":\"u\",\"outcome\":\"refer\",\"text\":\"U\",\"evidence\":\"e\"},"
    "\"rules\":[{\"id\":\"r\",\"outcome\":\"exclude\",\"item\":\"a\",\"text\":\"R\",\"evidence\":\"e\","
    "\"when\":{\"item\":\"a\",\"equals\":\"maybe\"}}]}",
    "not an answer" },
  { "rule-bad-outcome",
    "{\"questionnaire\":\"q\",\"version\":1,\"title\":\"t\",\"sections\":[{\"id\":\"s\",\"title\":\"S\",\"items\":["
    "{\"id\":\"a\",\"kind\":\"yes-no-unknown\",\"text\":\"A\",\"source\":\"x\",\"roles\":[\"any\"],\"required\":true}]}],"
    "\"unknown-rule\":{\"id\":\"u\",\"outcome\":\"refer\",\"text\":\"U\",\"evidence\":\"e\"},"
    "\"rules\":[{\"id\":\"r\",\"outcome\":\"clear\",\"item\":\"a\",\"text\":\"R\",\"evidence\":\"e\","
    "\"when\":{\"item\":\"a\",\"equals\":\"yes\"}}]}",
    "outcome must be" },
  { "duplicate-item",
    "{\"questionnaire\":\"q\",\"version\":1,\"title\":\"t\",\"sections\":[{\"id\":\"s\",\"title\":\"S\",\"items\":["
    "{\"id\":\"a\",\"kind\":\"boolean\",\"text\":\"A\",\"source\":\"x\",\"roles\":[\"any\"]},"
    "{\"id\":\"a\",\"kind\":\"boolean\",\"text\":\"A\",\"source\":\"x\",\"roles\":[\"any\"]}]}]}",
    "duplicate item id" },
  { "bad-range",
    "{\"questionnaire\":\"q\",\"version\":1,\"title\":\"t\",\"sections\":[{\"id\":\"s\",\"title\":\"S\",\"items\":["
    "{\"id\":\"a\",\"kind\":\"integer\",\"text\":\"A\",\"source\":\"x\",\"roles\":[\"any\"],\"min\":5,\"max\":1,\"unit\":\"u\"}]}]}",
    "min" },
  { "unknown-role",
    "{\"questionnaire\":\"q\",\"version\":1,\"title\":\"t\",\"sections\":[{\"id\":\"s\",\"title\":\"S\",\"items\":["
    "{\"id\":\"a\",\"kind\":\"boolean\",\"text\":\"A\",\"source\":\"x\",\"roles\":[\"janitor\"]}]}]}",
    "unknown role" },
};

static void
test_broken_definition (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbQuestionnaire) questionnaire = ebb_questionnaire_new_from_data (broken[i].json, -1, &error);

  g_assert_null (questionnaire);
  g_assert_error (error, EBB_QUESTIONNAIRE_ERROR, EBB_QUESTIONNAIRE_ERROR_INVALID);
  if (strstr (error->message, broken[i].message) == NULL)
    g_test_message ("message: %s", error->message);
  g_assert_nonnull (strstr (error->message, broken[i].message));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/questionnaire/factory-loads", test_factory_loads);
  g_test_add_func ("/ebb/questionnaire/instrument-items", test_instrument_items);
  g_test_add_func ("/ebb/questionnaire/every-table-row-has-a-rule", test_every_table_row_has_a_rule);
  g_test_add_func ("/ebb/questionnaire/strings-file-matches", test_strings_file_matches);
  g_test_add_func ("/ebb/questionnaire/strings-cover-every-text", test_strings_cover_every_text);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/questionnaire/broken/%s", broken[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_broken_definition);
    }

  return g_test_run ();
}
