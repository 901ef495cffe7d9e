/* ebb-screening.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-screening"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ebb-environment.h"
#include "ebb-questionnaire-private.h"
#include "ebb-screening-private.h"

/* The factory post-infarction window: the longest window among the
 * sources, "acute MI within 3–5 days" [S41b] (screening.md §5, a gap: no
 * INP-specific window exists, so the clinic may only lengthen it). */
#define RECENT_MI_DAYS_FACTORY 5

struct _EbbScreeningAnswers
{
  GObject           parent_instance;

  EbbQuestionnaire   *questionnaire;
  EbbOperatorSession *operator_session; /* nullable: whose trail records a refusal */
  GHashTable         *values; /* item id (borrowed from the questionnaire) → JsonNode */
};

G_DEFINE_FINAL_TYPE (EbbScreeningAnswers, ebb_screening_answers, G_TYPE_OBJECT)

G_DEFINE_QUARK (ebb-screening-error-quark, ebb_screening_error)

/* Every refusal of the screening engine for lack of permission goes through
 * ebb_permissions_refuse(), so it reaches @ctx's audit trail as
 * `permission.denied` naming @action, in the one form the core uses. The
 * error keeps the engine's own domain and code,
 * %EBB_SCREENING_ERROR_PERMISSION_DENIED, which the console and ebbflowctl
 * show as they always did. With @ctx %NULL (answers checked against a bare
 * role, as `ebbflowctl screen --role` evaluates a file; a clearance on a
 * record that is not stored) there is no database to write to, and the
 * refusal is only returned. */
gboolean
_ebb_screening_refuse (EbbOperatorSession  *ctx,
                       EbbAction            action,
                       GError             **error,
                       const char          *message)
{
  g_assert (ctx == NULL || EBB_IS_OPERATOR_SESSION (ctx));
  g_assert (message != NULL);

  ebb_permissions_refuse (ctx != NULL ? ebb_operator_session_get_store (ctx) : NULL,
                          ctx != NULL ? ebb_operator_session_get_operator_id (ctx) : 0,
                          action, NULL, "%s", message);
  g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED, message);
  return FALSE;
}

typedef struct
{
  EbbScreeningAnswers       *answers;
  const EbbScreeningOptions *options;
  EbbScreeningDecision      *decision;
  GDate                      today;
} EvalContext;

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int year, month, day;
  char tail;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gboolean
value_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static const char *
kind_expectation (const EbbQuestionItem *item)
{
  switch (item->kind)
    {
    case EBB_ANSWER_KIND_YES_NO_UNKNOWN:
      return _("expected “yes”, “no” or “unknown”");
    case EBB_ANSWER_KIND_BOOLEAN:
      return _("expected true or false");
    case EBB_ANSWER_KIND_CHOICE:
      return _("expected one of the listed choices as a string");
    case EBB_ANSWER_KIND_MULTIPLE_CHOICE:
      return _("expected an array of distinct listed choices");
    case EBB_ANSWER_KIND_INTEGER:
      return _("expected a whole number");
    case EBB_ANSWER_KIND_DATE:
      return _("expected a date written YYYY-MM-DD");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Checks a value against the item's kind and plausible range; the same
 * check for the GUI, the answers file and the tests. */
static gboolean
check_value (const EbbQuestionItem  *item,
             JsonNode               *value,
             GError                **error)
{
  gboolean ok;
  GDate date;

  switch (item->kind)
    {
    case EBB_ANSWER_KIND_YES_NO_UNKNOWN:
    case EBB_ANSWER_KIND_BOOLEAN:
    case EBB_ANSWER_KIND_CHOICE:
      ok = _ebb_question_item_accepts_scalar (item, value);
      break;

    case EBB_ANSWER_KIND_MULTIPLE_CHOICE:
      ok = JSON_NODE_HOLDS_ARRAY (value);
      for (guint i = 0; ok && i < json_array_get_length (json_node_get_array (value)); i++)
        {
          JsonNode *element = json_array_get_element (json_node_get_array (value), i);

          ok = _ebb_question_item_accepts_scalar (item, element);
          for (guint j = 0; ok && j < i; j++)
            ok = strcmp (json_array_get_string_element (json_node_get_array (value), j),
                         json_node_get_string (element)) != 0;
        }
      break;

    case EBB_ANSWER_KIND_INTEGER:
      ok = _ebb_question_item_accepts_scalar (item, value);
      if (ok && (json_node_get_int (value) < item->min || json_node_get_int (value) > item->max))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, item->min);
          g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, item->max);

          g_set_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_OUT_OF_RANGE,
                       /* Translators: item id, value, unit, min, max, unit; e.g. item “bp.systolic”: 400 mmHg is outside the plausible range 40–300 mmHg */
                       _("item “%s”: %s %s is outside the plausible range %s–%s %s; check the measurement"),
                       item->id, number, item->unit, min, max, item->unit);
          return FALSE;
        }
      break;

    case EBB_ANSWER_KIND_DATE:
      ok = value_is_string (value) && parse_date (json_node_get_string (value), &date);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_set_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE,
                 /* Translators: item id, then what was expected */
                 _("item “%s”: %s"), item->id, kind_expectation (item));

  return ok;
}

static void
ebb_screening_answers_finalize (GObject *object)
{
  EbbScreeningAnswers *self = (EbbScreeningAnswers *) object;

  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_object (&self->operator_session);
  g_clear_object (&self->questionnaire);

  G_OBJECT_CLASS (ebb_screening_answers_parent_class)->finalize (object);
}

static void
ebb_screening_answers_class_init (EbbScreeningAnswersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ebb_screening_answers_finalize;
}

static void
ebb_screening_answers_init (EbbScreeningAnswers *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) json_node_unref);
}

/**
 * ebb_screening_answers_new:
 * @questionnaire: the questionnaire being answered
 *
 * Returns: (transfer full): an empty set of answers
 */
EbbScreeningAnswers *
ebb_screening_answers_new (EbbQuestionnaire *questionnaire)
{
  EbbScreeningAnswers *self;

  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (questionnaire), NULL);

  self = g_object_new (EBB_TYPE_SCREENING_ANSWERS, NULL);
  self->questionnaire = g_object_ref (questionnaire);
  return self;
}

EbbQuestionnaire *
ebb_screening_answers_get_questionnaire (EbbScreeningAnswers *self)
{
  g_return_val_if_fail (EBB_IS_SCREENING_ANSWERS (self), NULL);
  return self->questionnaire;
}

/* An examination finding: an item only a clinician may answer (neither
 * the front desk nor a technician). */
static gboolean
is_examination_item (const EbbQuestionItem *item)
{
  return (item->roles & (EBB_ROLE_RECEPTION | EBB_ROLE_TECHNICIAN)) == 0;
}

/* The protected action answering @item is part of, for the audit trail of
 * a refusal: what the front desk may ask is the history; examination
 * findings and measurements (clinician, or clinician and technician) are
 * the examination. */
static EbbAction
item_action (const EbbQuestionItem *item)
{
  return (item->roles & EBB_ROLE_RECEPTION) != 0 ? EBB_ACTION_SCREENING_HISTORY
                                                 : EBB_ACTION_SCREENING_EXAMINATION;
}

/**
 * ebb_screening_answers_set_operator_session:
 * @self: the answers
 * @ctx: (nullable): the operator entering the answers, or %NULL for none
 *
 * Names the operator whose audit trail records a refused answer as
 * `permission.denied` (`screening-examination` for an examination finding
 * or a measurement, `screening-history` otherwise). The roles checked are
 * still the ones each call passes; a caller with an operator session passes
 * ebb_operator_session_get_roles(). Without one a refusal is only returned:
 * there is no database to write it to.
 */
void
ebb_screening_answers_set_operator_session (EbbScreeningAnswers *self,
                                            EbbOperatorSession  *ctx)
{
  g_return_if_fail (EBB_IS_SCREENING_ANSWERS (self));
  g_return_if_fail (ctx == NULL || EBB_IS_OPERATOR_SESSION (ctx));

  g_set_object (&self->operator_session, ctx);
}

/**
 * ebb_screening_answers_set:
 * @self: the answers
 * @item_id: the item answered
 * @value: (nullable): the answer as JSON (the answers-file form); %NULL or a JSON null unsets
 * @role: the roles of the operator entering the answer
 * @error: return location for an %EBB_SCREENING_ERROR
 *
 * Records one answer after checking that the item exists, that @role may
 * answer it (examination items are clinician-only), and that the value fits
 * the item's kind and range. On error the previous answer stays. A refusal
 * for @role is %EBB_SCREENING_ERROR_PERMISSION_DENIED and, when the answers
 * have an operator session (ebb_screening_answers_set_operator_session()),
 * is audited as `permission.denied`.
 *
 * Returns: %TRUE if the answer was recorded
 */
gboolean
ebb_screening_answers_set (EbbScreeningAnswers  *self,
                           const char           *item_id,
                           JsonNode             *value,
                           EbbRoles              role,
                           GError              **error)
{
  const EbbQuestionItem *item;

  g_return_val_if_fail (EBB_IS_SCREENING_ANSWERS (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  item = ebb_questionnaire_lookup_item (self->questionnaire, item_id);
  if (item == NULL)
    {
      g_set_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_UNKNOWN_ITEM,
                   _("item “%s” is not part of questionnaire “%s” version %u"),
                   item_id, ebb_questionnaire_get_id (self->questionnaire),
                   ebb_questionnaire_get_version (self->questionnaire));
      return FALSE;
    }

  if ((item->roles & role) == 0)
    {
      g_autofree char *message = g_strdup_printf (is_examination_item (item)
                                                  ? _("item “%s” is an examination finding: only a clinician may answer it")
                                                  : _("item “%s” is a measurement: only a clinician or a technician may enter it"),
                                                  item->id);

      return _ebb_screening_refuse (self->operator_session, item_action (item), error, message);
    }

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      g_hash_table_remove (self->values, item->id);
      return TRUE;
    }

  if (!check_value (item, value, error))
    return FALSE;

  g_hash_table_replace (self->values, item->id, json_node_copy (value));
  return TRUE;
}

/**
 * ebb_screening_answers_has_examination:
 * @self: the answers
 *
 * Whether any answer is to an examination item, one only a clinician may
 * answer. The front desk asks this before storing a screening, so the
 * restriction holds in the core whoever built the answers.
 *
 * Returns: %TRUE if an examination item is answered
 */
gboolean
ebb_screening_answers_has_examination (EbbScreeningAnswers *self)
{
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (EBB_IS_SCREENING_ANSWERS (self), FALSE);

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const EbbQuestionItem *item = ebb_questionnaire_lookup_item (self->questionnaire, key);

      if (item != NULL && is_examination_item (item))
        return TRUE;
    }

  return FALSE;
}

gboolean
ebb_screening_answers_set_string (EbbScreeningAnswers  *self,
                                  const char           *item_id,
                                  const char           *value,
                                  EbbRoles              role,
                                  GError              **error)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  return ebb_screening_answers_set (self, item_id, node, role, error);
}

gboolean
ebb_screening_answers_set_boolean (EbbScreeningAnswers  *self,
                                   const char           *item_id,
                                   gboolean              value,
                                   EbbRoles              role,
                                   GError              **error)
{
  g_autoptr(JsonNode) node = json_node_init_boolean (json_node_alloc (), value);

  return ebb_screening_answers_set (self, item_id, node, role, error);
}

gboolean
ebb_screening_answers_set_integer (EbbScreeningAnswers  *self,
                                   const char           *item_id,
                                   gint64                value,
                                   EbbRoles              role,
                                   GError              **error)
{
  g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (), value);

  return ebb_screening_answers_set (self, item_id, node, role, error);
}

gboolean
ebb_screening_answers_set_strv (EbbScreeningAnswers  *self,
                                const char           *item_id,
                                const char * const   *values,
                                EbbRoles              role,
                                GError              **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  node = json_node_init_array (json_node_alloc (), array);

  return ebb_screening_answers_set (self, item_id, node, role, error);
}

/**
 * ebb_screening_answers_unset:
 * @self: the answers
 * @item_id: an item
 *
 * Forgets the answer to @item_id.
 */
void
ebb_screening_answers_unset (EbbScreeningAnswers *self,
                             const char          *item_id)
{
  g_return_if_fail (EBB_IS_SCREENING_ANSWERS (self));
  g_return_if_fail (item_id != NULL);

  g_hash_table_remove (self->values, item_id);
}

/**
 * ebb_screening_answers_lookup:
 * @self: the answers
 * @item_id: an item
 *
 * Returns: (transfer none) (nullable): the answer, or %NULL if unanswered
 */
JsonNode *
ebb_screening_answers_lookup (EbbScreeningAnswers *self,
                              const char          *item_id)
{
  g_return_val_if_fail (EBB_IS_SCREENING_ANSWERS (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  return g_hash_table_lookup (self->values, item_id);
}

/**
 * ebb_screening_answers_to_json:
 * @self: the answers
 *
 * Returns: (transfer full): the answers in the answers-file format, items in questionnaire order
 */
JsonNode *
ebb_screening_answers_to_json (EbbScreeningAnswers *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *items;

  g_return_val_if_fail (EBB_IS_SCREENING_ANSWERS (self), NULL);

  items = ebb_questionnaire_get_items (self->questionnaire);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "questionnaire");
  json_builder_add_string_value (builder, ebb_questionnaire_get_id (self->questionnaire));
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ebb_questionnaire_get_version (self->questionnaire));
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_object (builder);
  for (guint i = 0; i < items->len; i++)
    {
      const EbbQuestionItem *item = g_ptr_array_index (items, i);
      JsonNode *value = g_hash_table_lookup (self->values, item->id);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, item->id);
      json_builder_add_value (builder, json_node_copy (value));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
file_error (GError    **error,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static gboolean
file_error (GError    **error,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_INVALID_FILE, message);

  return FALSE;
}

/* Reads an answers file for ebb_screening_answers_new_from_data() and
 * ebb_screening_answers_new_from_data_for_operator(); @ctx (nullable)
 * records a refused answer. */
static EbbScreeningAnswers *
new_from_data (EbbQuestionnaire    *questionnaire,
               EbbOperatorSession  *ctx,
               const char          *data,
               gsize                length,
               EbbRoles             role,
               GError             **error)
{
  g_autoptr(EbbScreeningAnswers) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *text = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *node;
  JsonNode *version;

  text = length > 0 ? g_strndup (data, length) : g_strdup ("");
  if (g_strstrip (text)[0] == '\0')
    return (file_error (error, _("the answers file is empty")), NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return (file_error (error, _("the answers file is not valid JSON: %s"), local_error->message), NULL);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return (file_error (error, _("the answers file must contain one JSON object")), NULL);
  object = json_node_get_object (root);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains ((const char * const[]) { "questionnaire", "version", "answers", NULL }, l->data))
      return (file_error (error, _("unknown member “%s” in the answers file"), (const char *) l->data), NULL);

  node = json_object_get_member (object, "questionnaire");
  version = json_object_get_member (object, "version");
  if (node == NULL || !value_is_string (node))
    return (file_error (error, _("“questionnaire” must name the questionnaire as a string")), NULL);
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return (file_error (error, _("“version” must be the questionnaire version as a whole number")), NULL);

  if (strcmp (json_node_get_string (node), ebb_questionnaire_get_id (questionnaire)) != 0 ||
      json_node_get_int (version) != ebb_questionnaire_get_version (questionnaire))
    {
      g_autofree char *file_version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (version));

      g_set_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_QUESTIONNAIRE,
                   /* Translators: questionnaire id and version of the file, then those of the console */
                   _("the answers are for questionnaire “%s” version %s, but this console uses “%s” version %u"),
                   json_node_get_string (node), file_version,
                   ebb_questionnaire_get_id (questionnaire), ebb_questionnaire_get_version (questionnaire));
      return NULL;
    }

  node = json_object_get_member (object, "answers");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return (file_error (error, _("“answers” must be an object of item ids and values")), NULL);

  self = ebb_screening_answers_new (questionnaire);
  ebb_screening_answers_set_operator_session (self, ctx);
  g_clear_pointer (&members, g_list_free);
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    if (!ebb_screening_answers_set (self, l->data, json_object_get_member (json_node_get_object (node), l->data),
                                    role, error))
      return NULL;

  return g_steal_pointer (&self);
}

/**
 * ebb_screening_answers_new_from_data:
 * @questionnaire: the questionnaire the file must be for
 * @data: the answers file's contents
 * @length: its length in bytes
 * @role: the roles under which the answers are entered
 * @error: return location for an %EBB_SCREENING_ERROR naming the offending item
 *
 * Reads an answers file: `{"questionnaire": ID, "version": N, "answers": {…}}`
 * (docs/screening.md). Every answer goes through ebb_screening_answers_set(),
 * so a file obeys the same kinds, ranges and roles as the screen. No
 * operator session is known here, so an answer refused for @role is not
 * audited; ebb_screening_answers_new_from_data_for_operator() records it.
 *
 * Returns: (transfer full): the answers, or %NULL
 */
EbbScreeningAnswers *
ebb_screening_answers_new_from_data (EbbQuestionnaire  *questionnaire,
                                     const char        *data,
                                     gsize              length,
                                     EbbRoles           role,
                                     GError           **error)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (questionnaire), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return new_from_data (questionnaire, NULL, data, length, role, error);
}

/**
 * ebb_screening_answers_new_from_data_for_operator:
 * @questionnaire: the questionnaire the file must be for
 * @data: the answers file's contents
 * @length: its length in bytes
 * @ctx: the operator entering the file, whose roles the answers are checked
 *   against
 * @error: return location for an %EBB_SCREENING_ERROR naming the offending item
 *
 * Reads an answers file as ebb_screening_answers_new_from_data() does, for
 * @ctx's roles. An answer @ctx may not give is refused with
 * %EBB_SCREENING_ERROR_PERMISSION_DENIED and written to @ctx's audit trail
 * as `permission.denied`; the answers returned keep @ctx for later answers
 * (ebb_screening_answers_set_operator_session()).
 *
 * Returns: (transfer full): the answers, or %NULL
 */
EbbScreeningAnswers *
ebb_screening_answers_new_from_data_for_operator (EbbQuestionnaire    *questionnaire,
                                                  const char          *data,
                                                  gsize                length,
                                                  EbbOperatorSession  *ctx,
                                                  GError             **error)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (questionnaire), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), NULL);

  return new_from_data (questionnaire, ctx, data, length, ebb_operator_session_get_roles (ctx), error);
}

/**
 * ebb_screening_options_new:
 *
 * Returns: (transfer full): the factory options: no stricter rules, the factory post-infarction window
 */
EbbScreeningOptions *
ebb_screening_options_new (void)
{
  EbbScreeningOptions *options = g_new0 (EbbScreeningOptions, 1);

  options->recent_mi_days = RECENT_MI_DAYS_FACTORY;
  return options;
}

/**
 * ebb_screening_options_new_from_settings:
 *
 * Reads the clinic's `stricter-rules` and `screening-recent-mi-days`.
 * The window never falls below the factory value, whatever the setting.
 *
 * Returns: (transfer full): the options
 */
EbbScreeningOptions *
ebb_screening_options_new_from_settings (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  EbbScreeningOptions *options = ebb_screening_options_new ();

  options->stricter_rules = g_settings_get_strv (settings, "stricter-rules");
  options->recent_mi_days = MAX (RECENT_MI_DAYS_FACTORY,
                                 g_settings_get_uint (settings, EBB_SETTING_RECENT_MI_DAYS));
  return options;
}

void
ebb_screening_options_free (EbbScreeningOptions *options)
{
  if (options == NULL)
    return;

  g_strfreev (options->stricter_rules);
  g_free (options);
}

static gboolean eval_condition (EvalContext        *ctx,
                                const EbbCondition *condition);

static const char *
score_property (EvalContext        *ctx,
                const EbbCondition *condition)
{
  const EbbScreeningDecision *decision = ctx->decision;

  if (strcmp (condition->score, "wells") == 0)
    return decision->wells.present ? ebb_wells_category_to_string (decision->wells.category) : NULL;

  if (g_str_has_prefix (condition->score, "abi."))
    {
      const EbbScreeningAbiLeg *leg = strcmp (condition->score, "abi.right") == 0
        ? &decision->abi_right : &decision->abi_left;

      if (!leg->present)
        return NULL;
      if (strcmp (condition->property, "severe") == 0)
        return leg->abi.severe ? "true" : "false";
      return ebb_abi_class_to_string (leg->abi.klass);
    }

  return decision->edinburgh.present ? ebb_edinburgh_result_to_string (decision->edinburgh.result) : NULL;
}

static gboolean
eval_item_condition (EvalContext        *ctx,
                     const EbbCondition *condition,
                     JsonNode           *value)
{
  JsonNode *other;
  GDate date;

  switch (condition->type)
    {
    case EBB_CONDITION_ANSWERED:
      return TRUE;
    case EBB_CONDITION_EQUALS:
      return json_node_equal (value, condition->value);
    case EBB_CONDITION_IN:
      return g_strv_contains ((const char * const *) condition->strings, json_node_get_string (value));
    case EBB_CONDITION_CONTAINS:
      for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
        if (g_strv_contains ((const char * const *) condition->strings,
                             json_array_get_string_element (json_node_get_array (value), i)))
          return TRUE;
      return FALSE;
    case EBB_CONDITION_AT_LEAST:
      return json_node_get_int (value) >= condition->number;
    case EBB_CONDITION_BELOW:
      return json_node_get_int (value) < condition->number;
    case EBB_CONDITION_AT_LEAST_ITEM:
      other = g_hash_table_lookup (ctx->answers->values, condition->other->id);
      return other != NULL && json_node_get_int (value) >= json_node_get_int (other);
    case EBB_CONDITION_WITHIN_DAYS:
      /* The only window is the post-infarction one: "within N days" means
       * at most N days before today. */
      if (!parse_date (json_node_get_string (value), &date))
        return FALSE;
      return g_date_days_between (&date, &ctx->today) <= (int) ctx->options->recent_mi_days;
    case EBB_CONDITION_ALL:
    case EBB_CONDITION_ANY:
    case EBB_CONDITION_NOT:
    case EBB_CONDITION_SCORE:
    default:
      g_assert_not_reached ();
    }
}

/* An unanswered item satisfies no test, so a rule never fires on a guess. */
static gboolean
eval_condition (EvalContext        *ctx,
                const EbbCondition *condition)
{
  JsonNode *value;
  const char *property;

  switch (condition->type)
    {
    case EBB_CONDITION_ALL:
      for (guint i = 0; i < condition->children->len; i++)
        if (!eval_condition (ctx, g_ptr_array_index (condition->children, i)))
          return FALSE;
      return TRUE;

    case EBB_CONDITION_ANY:
      for (guint i = 0; i < condition->children->len; i++)
        if (eval_condition (ctx, g_ptr_array_index (condition->children, i)))
          return TRUE;
      return FALSE;

    case EBB_CONDITION_NOT:
      return !eval_condition (ctx, g_ptr_array_index (condition->children, 0));

    case EBB_CONDITION_SCORE:
      property = score_property (ctx, condition);
      return property != NULL && g_strv_contains ((const char * const *) condition->strings, property);

    case EBB_CONDITION_EQUALS:
    case EBB_CONDITION_IN:
    case EBB_CONDITION_CONTAINS:
    case EBB_CONDITION_AT_LEAST:
    case EBB_CONDITION_BELOW:
    case EBB_CONDITION_AT_LEAST_ITEM:
    case EBB_CONDITION_ANSWERED:
    case EBB_CONDITION_WITHIN_DAYS:
    default:
      value = g_hash_table_lookup (ctx->answers->values, condition->item->id);
      return value != NULL && eval_item_condition (ctx, condition, value);
    }
}

static JsonNode *
answer (EvalContext *ctx,
        const char  *item_id)
{
  return g_hash_table_lookup (ctx->answers->values, item_id);
}

static gboolean
is_yes (JsonNode *node)
{
  return strcmp (json_node_get_string (node), "yes") == 0;
}

static void
compute_wells (EvalContext *ctx)
{
  gboolean criteria[EBB_WELLS_N_CRITERIA];

  for (guint i = 0; i < EBB_WELLS_N_CRITERIA; i++)
    {
      g_autofree char *id = g_strdup_printf ("wells.w%u", i + 1);
      JsonNode *node = answer (ctx, id);

      if (node == NULL)
        return;
      criteria[i] = json_node_get_boolean (node);
    }

  ctx->decision->wells.present = TRUE;
  ctx->decision->wells.score = ebb_wells_score (criteria);
  ctx->decision->wells.category = ebb_wells_categorise (ctx->decision->wells.score);
}

static void
compute_abi_leg (EvalContext        *ctx,
                 const char         *dp_id,
                 const char         *pt_id,
                 EbbScreeningAbiLeg *leg)
{
  JsonNode *right_arm = answer (ctx, "abi.brachial_right");
  JsonNode *left_arm = answer (ctx, "abi.brachial_left");
  JsonNode *dp = answer (ctx, dp_id);
  JsonNode *pt = answer (ctx, pt_id);

  if (right_arm == NULL || left_arm == NULL || dp == NULL || pt == NULL)
    return;

  /* The questionnaire's ranges keep every pressure non-negative and the
   * arm pressures above 0, so the index always exists here. */
  leg->present = ebb_abi_compute ((guint) json_node_get_int (right_arm), (guint) json_node_get_int (left_arm),
                                  (guint) json_node_get_int (dp), (guint) json_node_get_int (pt),
                                  &leg->abi);
}

static void
compute_edinburgh (EvalContext *ctx)
{
  EbbEdinburghAnswers ecq = { 0 };
  JsonNode *q1 = answer (ctx, "edinburgh.q1");
  JsonNode *q[7] = { NULL };

  if (q1 == NULL)
    return;

  if (strcmp (json_node_get_string (q1), "unable") == 0)
    ecq.q1_walk_pain = EBB_EDINBURGH_Q1_UNABLE;
  else if (is_yes (q1))
    ecq.q1_walk_pain = EBB_EDINBURGH_Q1_YES;
  else
    ecq.q1_walk_pain = EBB_EDINBURGH_Q1_NO;

  /* Past a "no" or "unable" the questionnaire stops; otherwise every
   * further answer is needed. */
  if (ecq.q1_walk_pain == EBB_EDINBURGH_Q1_YES)
    {
      for (guint i = 2; i <= 6; i++)
        {
          g_autofree char *id = g_strdup_printf ("edinburgh.q%u", i);

          if ((q[i] = answer (ctx, id)) == NULL)
            return;
        }

      ecq.q2_begins_at_rest = is_yes (q[2]);
      ecq.q3_uphill_or_hurry = is_yes (q[3]);
      ecq.q4_ordinary_pace = is_yes (q[4]);
      ecq.q5_disappears_in_10_min = strcmp (json_node_get_string (q[5]), "disappears") == 0;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (q[6])); i++)
        ecq.q6_sites |= ebb_edinburgh_site_from_string (json_array_get_string_element (json_node_get_array (q[6]), i));
    }

  ctx->decision->edinburgh.present = TRUE;
  ctx->decision->edinburgh.result = ebb_edinburgh_classify (&ecq, &ctx->decision->edinburgh.grade);
}

static void
reason_free (EbbScreeningReason *reason)
{
  g_free (reason->rule_id);
  g_free (reason->item_id);
  g_free (reason->text);
  g_free (reason->evidence);
  g_free (reason);
}

static void
add_reason (EvalContext           *ctx,
            const EbbQuestionRule *rule,
            const char            *item_id)
{
  EbbScreeningReason *reason = g_new0 (EbbScreeningReason, 1);

  reason->rule_id = g_strdup (rule->id);
  reason->item_id = g_strdup (item_id);
  reason->outcome = rule->outcome;
  reason->text = g_strdup (g_dgettext (GETTEXT_PACKAGE, rule->text));
  reason->evidence = g_strdup (rule->evidence);

  /* A clinic may turn a REFER into an EXCLUDE, never the other way. */
  if (reason->outcome == EBB_SCREENING_OUTCOME_REFER && ctx->options->stricter_rules != NULL &&
      g_strv_contains ((const char * const *) ctx->options->stricter_rules, rule->id))
    {
      reason->outcome = EBB_SCREENING_OUTCOME_EXCLUDE;
      reason->made_stricter = TRUE;
    }

  ctx->decision->rule_outcome = MAX (ctx->decision->rule_outcome, reason->outcome);
  g_ptr_array_add (ctx->decision->reasons, reason);
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const EbbScreeningReason *ra = *(EbbScreeningReason * const *) a;
  const EbbScreeningReason *rb = *(EbbScreeningReason * const *) b;

  return (int) rb->outcome - (int) ra->outcome;
}

static gboolean
check_dates_and_contradictions (EvalContext  *ctx,
                                GError      **error)
{
  GPtrArray *items = ebb_questionnaire_get_items (ctx->answers->questionnaire);
  GPtrArray *contradictions = ebb_questionnaire_get_contradictions (ctx->answers->questionnaire);

  for (guint i = 0; i < items->len; i++)
    {
      const EbbQuestionItem *item = g_ptr_array_index (items, i);
      JsonNode *value = answer (ctx, item->id);
      GDate date;

      if (item->kind != EBB_ANSWER_KIND_DATE || value == NULL)
        continue;
      if (parse_date (json_node_get_string (value), &date) && g_date_compare (&date, &ctx->today) > 0)
        {
          g_set_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_OUT_OF_RANGE,
                       _("item “%s”: the date %s is in the future"), item->id, json_node_get_string (value));
          return FALSE;
        }
    }

  for (guint i = 0; i < contradictions->len; i++)
    {
      const EbbQuestionContradiction *contradiction = g_ptr_array_index (contradictions, i);

      if (eval_condition (ctx, contradiction->when))
        {
          g_set_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_CONTRADICTORY,
                       /* Translators: item id, other item id, explanation */
                       _("item “%s” contradicts item “%s”: %s; correct one of them"),
                       contradiction->items[0],
                       contradiction->items[1] != NULL ? contradiction->items[1] : contradiction->items[0],
                       g_dgettext (GETTEXT_PACKAGE, contradiction->text));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * ebb_screening_evaluate:
 * @answers: the answers so far
 * @options: (nullable): clinic options; %NULL for the factory options
 * @now: the time of the evaluation (dates are checked against its day)
 * @error: return location for an %EBB_SCREENING_ERROR naming the item
 *
 * Turns answers into a decision: the outcome, every reason, the scores and
 * the missing required items. Missing answers make the decision INCOMPLETE,
 * never CLEAR; the reasons and scores found so far are still reported.
 *
 * Returns: (transfer full): the decision, or %NULL if answers contradict
 *   each other or a date lies in the future
 */
EbbScreeningDecision *
ebb_screening_evaluate (EbbScreeningAnswers        *answers,
                        const EbbScreeningOptions  *options,
                        GDateTime                  *now,
                        GError                    **error)
{
  g_autoptr(EbbScreeningDecision) decision = g_new0 (EbbScreeningDecision, 1);
  g_autoptr(EbbScreeningOptions) factory = NULL;
  EbbQuestionnaire *questionnaire;
  const EbbQuestionRule *unknown_rule;
  GPtrArray *items;
  GPtrArray *rules;
  EvalContext ctx = { 0 };
  int year, month, day;

  g_return_val_if_fail (EBB_IS_SCREENING_ANSWERS (answers), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (options == NULL)
    options = factory = ebb_screening_options_new ();

  questionnaire = answers->questionnaire;
  decision->questionnaire_id = g_strdup (ebb_questionnaire_get_id (questionnaire));
  decision->questionnaire_version = ebb_questionnaire_get_version (questionnaire);
  decision->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  decision->missing = g_ptr_array_new_with_free_func (g_free);

  ctx.answers = answers;
  ctx.options = options;
  ctx.decision = decision;
  g_date_time_get_ymd (now, &year, &month, &day);
  g_date_clear (&ctx.today, 1);
  g_date_set_dmy (&ctx.today, day, month, year);

  if (!check_dates_and_contradictions (&ctx, error))
    return NULL;

  compute_wells (&ctx);
  compute_abi_leg (&ctx, "abi.right_dp", "abi.right_pt", &decision->abi_right);
  compute_abi_leg (&ctx, "abi.left_dp", "abi.left_pt", &decision->abi_left);
  compute_edinburgh (&ctx);

  items = ebb_questionnaire_get_items (questionnaire);
  unknown_rule = ebb_questionnaire_get_unknown_rule (questionnaire);
  for (guint i = 0; i < items->len; i++)
    {
      const EbbQuestionItem *item = g_ptr_array_index (items, i);
      JsonNode *value = answer (&ctx, item->id);

      if (value == NULL &&
          (item->required || (item->required_when != NULL && eval_condition (&ctx, item->required_when))))
        g_ptr_array_add (decision->missing, g_strdup (item->id));
    }

  rules = ebb_questionnaire_get_rules (questionnaire);
  for (guint i = 0; i < rules->len; i++)
    {
      const EbbQuestionRule *rule = g_ptr_array_index (rules, i);

      if (eval_condition (&ctx, rule->when))
        add_reason (&ctx, rule, rule->item_id);
    }

  /* "Unknown" is not "no": it needs a clinician to clarify it. */
  for (guint i = 0; i < items->len; i++)
    {
      const EbbQuestionItem *item = g_ptr_array_index (items, i);
      JsonNode *value = answer (&ctx, item->id);

      if (item->kind == EBB_ANSWER_KIND_YES_NO_UNKNOWN && value != NULL &&
          strcmp (json_node_get_string (value), "unknown") == 0)
        add_reason (&ctx, unknown_rule, item->id);
    }

  g_ptr_array_sort (decision->reasons, compare_reasons);

  decision->outcome = decision->missing->len > 0 ? EBB_SCREENING_OUTCOME_INCOMPLETE : decision->rule_outcome;

  return g_steal_pointer (&decision);
}

void
ebb_screening_decision_free (EbbScreeningDecision *decision)
{
  if (decision == NULL)
    return;

  g_free (decision->questionnaire_id);
  g_clear_pointer (&decision->reasons, g_ptr_array_unref);
  g_clear_pointer (&decision->missing, g_ptr_array_unref);
  g_free (decision);
}

static void
add_abi_leg (JsonBuilder              *builder,
             const char               *name,
             const EbbScreeningAbiLeg *leg)
{
  g_autofree char *value = NULL;

  json_builder_set_member_name (builder, name);
  if (!leg->present)
    {
      json_builder_add_null_value (builder);
      return;
    }

  value = ebb_abi_format (leg->abi.hundredths);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, value);
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, ebb_abi_class_to_string (leg->abi.klass));
  json_builder_set_member_name (builder, "severe");
  json_builder_add_boolean_value (builder, leg->abi.severe);
  json_builder_end_object (builder);
}

static void
add_scores (JsonBuilder                *builder,
            const EbbScreeningDecision *decision)
{
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "wells");
  if (decision->wells.present)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "score");
      json_builder_add_int_value (builder, decision->wells.score);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, ebb_wells_category_to_string (decision->wells.category));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "abi");
  json_builder_begin_object (builder);
  add_abi_leg (builder, "right", &decision->abi_right);
  add_abi_leg (builder, "left", &decision->abi_left);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "edinburgh");
  if (decision->edinburgh.present)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, ebb_edinburgh_result_to_string (decision->edinburgh.result));
      json_builder_set_member_name (builder, "grade");
      if (decision->edinburgh.grade > 0)
        json_builder_add_int_value (builder, decision->edinburgh.grade);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
}

/**
 * ebb_screening_decision_scores_to_json:
 * @decision: a decision
 *
 * Returns: (transfer full): `{"wells": …, "abi": {"right": …, "left": …}, "edinburgh": …}`;
 *   a score whose inputs are missing is null
 */
JsonNode *
ebb_screening_decision_scores_to_json (const EbbScreeningDecision *decision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (decision != NULL, NULL);

  add_scores (builder, decision);
  return json_builder_get_root (builder);
}

/**
 * ebb_screening_decision_to_json:
 * @decision: a decision
 *
 * Returns: (transfer full): the whole decision as printed by `ebbflowctl screen --json`
 */
JsonNode *
ebb_screening_decision_to_json (const EbbScreeningDecision *decision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (decision != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "questionnaire");
  json_builder_add_string_value (builder, decision->questionnaire_id);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, decision->questionnaire_version);
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, ebb_screening_outcome_to_string (decision->outcome));

  json_builder_set_member_name (builder, "missing");
  json_builder_begin_array (builder);
  for (guint i = 0; i < decision->missing->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (decision->missing, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < decision->reasons->len; i++)
    {
      const EbbScreeningReason *reason = g_ptr_array_index (decision->reasons, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, reason->rule_id);
      json_builder_set_member_name (builder, "item");
      json_builder_add_string_value (builder, reason->item_id);
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, ebb_screening_outcome_to_string (reason->outcome));
      json_builder_set_member_name (builder, "made-stricter");
      json_builder_add_boolean_value (builder, reason->made_stricter);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, reason->text);
      json_builder_set_member_name (builder, "evidence");
      json_builder_add_string_value (builder, reason->evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "scores");
  add_scores (builder, decision);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_score (GPtrArray  *pairs,
           const char *name,
           char       *value)
{
  g_ptr_array_add (pairs, g_strdup (name));
  g_ptr_array_add (pairs, value);
}

static void
add_abi_score (GPtrArray                *pairs,
               const char               *name,
               const EbbScreeningAbiLeg *leg)
{
  g_autofree char *value = NULL;

  if (!leg->present)
    {
      add_score (pairs, name, g_strdup (_("not measured")));
      return;
    }

  value = ebb_abi_format (leg->abi.hundredths);
  add_score (pairs, name, g_strdup_printf ("%s, %s%s", value, ebb_abi_class_get_label (leg->abi.klass),
                                           leg->abi.severe ? _(", severe (below 0.40)") : ""));
}

/**
 * ebb_screening_decision_describe_scores:
 * @decision: a decision
 *
 * Names and describes the scores for operators and the printed summary:
 * Wells, ABI right, ABI left, Edinburgh, each translated.
 *
 * Returns: (transfer container) (element-type utf8): name, value, name, value, …
 */
GPtrArray *
ebb_screening_decision_describe_scores (const EbbScreeningDecision *decision)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (decision != NULL, NULL);

  if (decision->wells.present)
    add_score (pairs, _("Wells"), g_strdup_printf ("%d, %s", decision->wells.score,
                                                   ebb_wells_category_get_label (decision->wells.category)));
  else
    add_score (pairs, _("Wells"), g_strdup (_("not scored")));

  add_abi_score (pairs, _("ABI right"), &decision->abi_right);
  add_abi_score (pairs, _("ABI left"), &decision->abi_left);

  if (!decision->edinburgh.present)
    add_score (pairs, _("Edinburgh"), g_strdup (_("not scored")));
  else if (decision->edinburgh.grade > 0)
    /* Translators: Edinburgh result and grade, e.g. "definite claudication, grade 1" */
    add_score (pairs, _("Edinburgh"), g_strdup_printf (_("%s, grade %u"),
                                                       ebb_edinburgh_result_get_label (decision->edinburgh.result),
                                                       decision->edinburgh.grade));
  else
    add_score (pairs, _("Edinburgh"), g_strdup (ebb_edinburgh_result_get_label (decision->edinburgh.result)));

  return pairs;
}

/**
 * ebb_screening_decision_format_scores:
 * @decision: a decision
 *
 * Describes the scores for operators, one translated line per score
 * (Wells, ABI right, ABI left, Edinburgh), each ending in a newline.
 *
 * Returns: (transfer full): the text
 */
char *
ebb_screening_decision_format_scores (const EbbScreeningDecision *decision)
{
  g_autoptr(GPtrArray) pairs = NULL;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (decision != NULL, NULL);

  pairs = ebb_screening_decision_describe_scores (decision);
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    /* Translators: a score line: name, value; e.g. "ABI right: 0.97, borderline" */
    g_string_append_printf (text, _("%s: %s\n"), (const char *) g_ptr_array_index (pairs, i),
                            (const char *) g_ptr_array_index (pairs, i + 1));

  return g_string_free (text, FALSE);
}

/* The factory questionnaire, loaded once for the rule texts: it is
 * immutable, and parsing it for every screening shown would be waste. */
static gpointer
load_factory (gpointer data)
{
  g_autoptr(GError) error = NULL;
  EbbQuestionnaire *factory = ebb_questionnaire_new_factory (&error);

  if (factory == NULL)
    g_warning ("Loading the factory questionnaire for its rule texts: %s", error->message);

  return factory;
}

static EbbQuestionnaire *
factory_questionnaire (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_factory, NULL);
}

/**
 * ebb_screening_reason_translate:
 * @questionnaire_id: (nullable): the stored screening's questionnaire
 * @rule_id: (nullable): a stored reason's rule id
 * @stored_text: (nullable): the text stored with the reason
 *
 * A stored reason's text in the current language. The text was stored in
 * the language of whoever screened (the command line runs in English), so
 * a rule of the factory questionnaire is looked up by its id and its text
 * translated now; anything else (another questionnaire's rule, a reason
 * without a rule id) keeps its stored text.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if there is none
 */
char *
ebb_screening_reason_translate (const char *questionnaire_id,
                                const char *rule_id,
                                const char *stored_text)
{
  EbbQuestionnaire *factory;
  const EbbQuestionRule *rule;

  if (rule_id == NULL || (factory = factory_questionnaire ()) == NULL ||
      g_strcmp0 (questionnaire_id, ebb_questionnaire_get_id (factory)) != 0 ||
      (rule = ebb_questionnaire_lookup_rule (factory, rule_id)) == NULL || rule->text == NULL)
    return g_strdup (stored_text);

  return g_strdup (g_dgettext (GETTEXT_PACKAGE, rule->text));
}
