/* ebb-questionnaire.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-questionnaire"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ebb-questionnaire-private.h"

struct _EbbQuestionnaire
{
  GObject          parent_instance;

  char            *id;
  guint            version;
  char            *title;
  GPtrArray       *sections;       /* EbbQuestionSection, owned */
  GPtrArray       *items;          /* EbbQuestionItem, owned, in questionnaire order */
  GHashTable      *items_by_id;    /* borrowed */
  GPtrArray       *rules;          /* EbbQuestionRule, owned */
  GPtrArray       *contradictions; /* EbbQuestionContradiction, owned */
  EbbQuestionRule *unknown_rule;
};

G_DEFINE_FINAL_TYPE (EbbQuestionnaire, ebb_questionnaire, G_TYPE_OBJECT)

G_DEFINE_QUARK (ebb-questionnaire-error-quark, ebb_questionnaire_error)

static const char * const score_names[] = { "wells", "abi.right", "abi.left", "edinburgh", NULL };

static void
condition_free (EbbCondition *condition)
{
  if (condition == NULL)
    return;

  g_clear_pointer (&condition->value, json_node_unref);
  g_clear_pointer (&condition->strings, g_strfreev);
  g_clear_pointer (&condition->children, g_ptr_array_unref);
  g_free (condition->setting);
  g_free (condition->score);
  g_free (condition->property);
  g_free (condition);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbCondition, condition_free)

static void
option_free (EbbQuestionOption *option)
{
  g_free (option->value);
  g_free (option->label);
  g_free (option);
}

static void
item_free (EbbQuestionItem *item)
{
  g_free (item->id);
  g_free (item->text);
  g_free (item->source);
  g_free (item->unit);
  g_clear_pointer (&item->options, g_ptr_array_unref);
  condition_free (item->required_when);
  g_free (item);
}

static void
section_free (EbbQuestionSection *section)
{
  g_free (section->id);
  g_free (section->title);
  g_free (section->description);
  g_clear_pointer (&section->items, g_ptr_array_unref);
  g_free (section);
}

static void
rule_free (EbbQuestionRule *rule)
{
  if (rule == NULL)
    return;

  g_free (rule->id);
  g_free (rule->item_id);
  g_free (rule->text);
  g_free (rule->evidence);
  condition_free (rule->when);
  g_free (rule);
}

static void
contradiction_free (EbbQuestionContradiction *contradiction)
{
  g_free (contradiction->id);
  g_strfreev (contradiction->items);
  g_free (contradiction->text);
  condition_free (contradiction->when);
  g_free (contradiction);
}

static gboolean
invalid (GError    **error,
         const char *where,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError    **error,
         const char *where,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, EBB_QUESTIONNAIRE_ERROR, EBB_QUESTIONNAIRE_ERROR_INVALID,
               "questionnaire definition, %s: %s", where, message);
  return FALSE;
}

/* Reads a required string member; the file is developer-made, so every
 * shape error names where it is. */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char  *where,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return invalid (error, where, "“%s” must be a non-empty string", member);

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
parse_outcome (const char          *name,
               EbbScreeningOutcome *outcome)
{
  static const char * const names[] = { "note", "refer", "exclude" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      {
        *outcome = EBB_SCREENING_OUTCOME_NOTE + i;
        return TRUE;
      }

  return FALSE;
}

const EbbQuestionOption *
ebb_question_item_lookup_option (const EbbQuestionItem *item,
                                 const char            *value)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (item->options == NULL)
    return NULL;

  for (guint i = 0; i < item->options->len; i++)
    {
      const EbbQuestionOption *option = g_ptr_array_index (item->options, i);

      if (strcmp (option->value, value) == 0)
        return option;
    }

  return NULL;
}

/* Whether @value is one single answer this item can hold (an option of a
 * choice, or a yes/no/unknown word, or a boolean). Used for conditions. */
gboolean
_ebb_question_item_accepts_scalar (const EbbQuestionItem *item,
                                   JsonNode              *value)
{
  switch (item->kind)
    {
    case EBB_ANSWER_KIND_YES_NO_UNKNOWN:
      return node_is_string (value) &&
             g_strv_contains ((const char * const[]) { "yes", "no", "unknown", NULL },
                              json_node_get_string (value));
    case EBB_ANSWER_KIND_BOOLEAN:
      return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
             json_node_get_value_type (value) == G_TYPE_BOOLEAN;
    case EBB_ANSWER_KIND_CHOICE:
    case EBB_ANSWER_KIND_MULTIPLE_CHOICE:
      return node_is_string (value) &&
             ebb_question_item_lookup_option (item, json_node_get_string (value)) != NULL;
    case EBB_ANSWER_KIND_INTEGER:
      return node_is_integer (value);
    case EBB_ANSWER_KIND_DATE:
    default:
      return FALSE;
    }
}

static GStrv
parse_string_list (JsonNode   *node,
                   const char *where,
                   GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node_is_string (node))
    {
      g_strv_builder_add (builder, json_node_get_string (node));
      return g_strv_builder_end (builder);
    }

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      invalid (error, where, "expected a string or a non-empty array of strings");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (!node_is_string (element))
        {
          invalid (error, where, "expected an array of strings");
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

static gboolean
score_value_valid (const char *score,
                   const char *property,
                   const char *value)
{
  if (strcmp (score, "wells") == 0)
    return strcmp (property, "category") == 0 &&
           g_strv_contains ((const char * const[]) { "likely", "unlikely", NULL }, value);

  if (g_str_has_prefix (score, "abi."))
    return (strcmp (property, "class") == 0 &&
            g_strv_contains ((const char * const[]) { "abnormal", "borderline", "normal",
                                                      "noncompressible", NULL }, value)) ||
           (strcmp (property, "severe") == 0 &&
            g_strv_contains ((const char * const[]) { "true", "false", NULL }, value));

  return strcmp (property, "result") == 0 &&
         g_strv_contains ((const char * const[]) { "definite", "atypical", "not-claudication",
                                                   "negative", "unclassifiable", NULL }, value);
}

static EbbCondition *parse_condition (EbbQuestionnaire *self,
                                      JsonNode         *node,
                                      const char       *where,
                                      GError          **error);

static EbbCondition *
parse_score_condition (JsonObject *object,
                       const char *where,
                       GError    **error)
{
  g_autoptr(EbbCondition) condition = g_new0 (EbbCondition, 1);
  g_autoptr(GList) members = json_object_get_members (object);

  condition->type = EBB_CONDITION_SCORE;
  condition->score = g_strdup (json_object_get_string_member (object, "score"));
  if (condition->score == NULL || !g_strv_contains (score_names, condition->score))
    return (invalid (error, where, "unknown score"), NULL);

  if (json_object_get_size (object) != 2)
    return (invalid (error, where, "a score condition has exactly one property"), NULL);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value;

      if (strcmp (l->data, "score") == 0)
        continue;

      condition->property = g_strdup (l->data);
      value = json_object_get_member (object, l->data);
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        {
          condition->strings = g_new0 (char *, 2);
          condition->strings[0] = g_strdup (json_node_get_boolean (value) ? "true" : "false");
        }
      else if ((condition->strings = parse_string_list (value, where, error)) == NULL)
        return NULL;
    }

  for (guint i = 0; condition->strings[i] != NULL; i++)
    if (!score_value_valid (condition->score, condition->property, condition->strings[i]))
      return (invalid (error, where, "“%s: %s” is not a value of score “%s”",
                       condition->property, condition->strings[i], condition->score), NULL);

  return g_steal_pointer (&condition);
}

static EbbCondition *
parse_group_condition (EbbQuestionnaire *self,
                       EbbConditionType  type,
                       JsonNode         *node,
                       const char       *where,
                       GError          **error)
{
  g_autoptr(EbbCondition) condition = g_new0 (EbbCondition, 1);

  condition->type = type;
  condition->children = g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);

  if (type == EBB_CONDITION_NOT)
    {
      EbbCondition *child = parse_condition (self, node, where, error);

      if (child == NULL)
        return NULL;
      g_ptr_array_add (condition->children, child);
      return g_steal_pointer (&condition);
    }

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    return (invalid (error, where, "“all” and “any” take a non-empty array"), NULL);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      EbbCondition *child = parse_condition (self,
                                             json_array_get_element (json_node_get_array (node), i),
                                             where, error);
      if (child == NULL)
        return NULL;
      g_ptr_array_add (condition->children, child);
    }

  return g_steal_pointer (&condition);
}

static EbbCondition *
parse_item_condition (EbbQuestionnaire *self,
                      JsonObject       *object,
                      const char       *where,
                      GError          **error)
{
  g_autoptr(EbbCondition) condition = g_new0 (EbbCondition, 1);
  const char *item_id = json_object_get_string_member (object, "item");
  const EbbQuestionItem *item;
  JsonNode *node;

  item = item_id != NULL ? g_hash_table_lookup (self->items_by_id, item_id) : NULL;
  if (item == NULL)
    return (invalid (error, where, "condition refers to unknown item “%s”",
                     item_id != NULL ? item_id : "(none)"), NULL);
  condition->item = item;

  if (json_object_get_size (object) != 2)
    return (invalid (error, where, "an item condition has exactly one test"), NULL);

  if ((node = json_object_get_member (object, "equals")) != NULL)
    {
      condition->type = EBB_CONDITION_EQUALS;
      if (item->kind == EBB_ANSWER_KIND_MULTIPLE_CHOICE || !_ebb_question_item_accepts_scalar (item, node))
        return (invalid (error, where, "“equals” value is not an answer of “%s”", item->id), NULL);
      condition->value = json_node_copy (node);
    }
  else if ((node = json_object_get_member (object, "in")) != NULL ||
           (node = json_object_get_member (object, "contains")) != NULL)
    {
      gboolean contains = json_object_has_member (object, "contains");

      condition->type = contains ? EBB_CONDITION_CONTAINS : EBB_CONDITION_IN;
      if (contains != (item->kind == EBB_ANSWER_KIND_MULTIPLE_CHOICE))
        return (invalid (error, where, "“contains” is for multiple-choice items, “in” for others"), NULL);
      if ((condition->strings = parse_string_list (node, where, error)) == NULL)
        return NULL;
      for (guint i = 0; condition->strings[i] != NULL; i++)
        {
          g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), condition->strings[i]);

          if (!_ebb_question_item_accepts_scalar (item, value))
            return (invalid (error, where, "“%s” is not an answer of “%s”",
                             condition->strings[i], item->id), NULL);
        }
    }
  else if ((node = json_object_get_member (object, "at-least")) != NULL ||
           (node = json_object_get_member (object, "below")) != NULL)
    {
      condition->type = json_object_has_member (object, "below") ? EBB_CONDITION_BELOW : EBB_CONDITION_AT_LEAST;
      if (item->kind != EBB_ANSWER_KIND_INTEGER || !node_is_integer (node))
        return (invalid (error, where, "“at-least” and “below” compare integer items with integers"), NULL);
      condition->number = json_node_get_int (node);
    }
  else if ((node = json_object_get_member (object, "at-least-item")) != NULL)
    {
      condition->type = EBB_CONDITION_AT_LEAST_ITEM;
      condition->other = node_is_string (node)
        ? g_hash_table_lookup (self->items_by_id, json_node_get_string (node)) : NULL;
      if (condition->other == NULL || item->kind != EBB_ANSWER_KIND_INTEGER ||
          condition->other->kind != EBB_ANSWER_KIND_INTEGER)
        return (invalid (error, where, "“at-least-item” compares two integer items"), NULL);
    }
  else if ((node = json_object_get_member (object, "answered")) != NULL)
    {
      condition->type = EBB_CONDITION_ANSWERED;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN ||
          !json_node_get_boolean (node))
        return (invalid (error, where, "“answered” must be true"), NULL);
    }
  else if ((node = json_object_get_member (object, "within-days")) != NULL)
    {
      condition->type = EBB_CONDITION_WITHIN_DAYS;
      if (item->kind != EBB_ANSWER_KIND_DATE || !node_is_string (node) ||
          strcmp (json_node_get_string (node), EBB_SETTING_RECENT_MI_DAYS) != 0)
        return (invalid (error, where, "“within-days” takes a date item and the setting “%s”",
                         EBB_SETTING_RECENT_MI_DAYS), NULL);
      condition->setting = g_strdup (json_node_get_string (node));
    }
  else
    return (invalid (error, where, "unknown test in condition on “%s”", item->id), NULL);

  return g_steal_pointer (&condition);
}

static EbbCondition *
parse_condition (EbbQuestionnaire *self,
                 JsonNode         *node,
                 const char       *where,
                 GError          **error)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return (invalid (error, where, "a condition must be an object"), NULL);

  object = json_node_get_object (node);

  if (json_object_has_member (object, "all"))
    return parse_group_condition (self, EBB_CONDITION_ALL, json_object_get_member (object, "all"), where, error);
  if (json_object_has_member (object, "any"))
    return parse_group_condition (self, EBB_CONDITION_ANY, json_object_get_member (object, "any"), where, error);
  if (json_object_has_member (object, "not"))
    return parse_group_condition (self, EBB_CONDITION_NOT, json_object_get_member (object, "not"), where, error);
  if (json_object_has_member (object, "score"))
    return parse_score_condition (object, where, error);

  return parse_item_condition (self, object, where, error);
}

static gboolean
parse_kind (const char    *name,
            EbbAnswerKind *kind)
{
  static const char * const names[] = {
    "yes-no-unknown", "boolean", "choice", "multiple-choice", "integer", "date",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      {
        *kind = EBB_ANSWER_KIND_YES_NO_UNKNOWN + i;
        return TRUE;
      }

  return FALSE;
}

static gboolean
parse_roles (JsonNode   *node,
             const char *where,
             EbbRoles   *roles,
             GError    **error)
{
  g_auto(GStrv) names = parse_string_list (node, where, error);

  if (names == NULL)
    return FALSE;

  *roles = EBB_ROLE_NONE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      EbbRoles role = strcmp (names[i], "any") == 0 ? EBB_ROLES_ANY : ebb_role_from_id (names[i]);

      if (role == EBB_ROLE_NONE)
        return invalid (error, where, "unknown role “%s”", names[i]);
      *roles |= role;
    }

  return TRUE;
}

static gboolean
parse_options (EbbQuestionItem *item,
               JsonNode        *node,
               GError         **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    return invalid (error, item->id, "choice items need a non-empty “options” array");

  item->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;
      EbbQuestionOption *option;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, item->id, "an option must be an object");
      if (!get_string (json_node_get_object (element), "value", item->id, &value, error) ||
          !get_string (json_node_get_object (element), "label", item->id, &label, error))
        return FALSE;
      if (ebb_question_item_lookup_option (item, value) != NULL)
        return invalid (error, item->id, "duplicate option “%s”", value);

      option = g_new0 (EbbQuestionOption, 1);
      option->value = g_steal_pointer (&value);
      option->label = g_steal_pointer (&label);
      g_ptr_array_add (item->options, option);
    }

  return TRUE;
}

/* Items are parsed in two passes: first their shape, so that the
 * "required-when" conditions (which may refer to later items) can be
 * parsed once every item is known. */
static EbbQuestionItem *
parse_item (EbbQuestionnaire   *self,
            EbbQuestionSection *section,
            JsonNode           *node,
            GError            **error)
{
  EbbQuestionItem *item;
  JsonObject *object;
  g_autofree char *kind = NULL;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return (invalid (error, section->id, "an item must be an object"), NULL);
  object = json_node_get_object (node);

  item = g_new0 (EbbQuestionItem, 1);
  item->section = section;
  g_ptr_array_add (self->items, item);

  if (!get_string (object, "id", section->id, &item->id, error) ||
      !get_string (object, "text", item->id, &item->text, error) ||
      !get_string (object, "source", item->id, &item->source, error) ||
      !get_string (object, "kind", item->id, &kind, error))
    return NULL;

  if (g_hash_table_contains (self->items_by_id, item->id))
    return (invalid (error, item->id, "duplicate item id"), NULL);
  g_hash_table_insert (self->items_by_id, item->id, item);

  if (!parse_kind (kind, &item->kind))
    return (invalid (error, item->id, "unknown kind “%s”", kind), NULL);

  if (!parse_roles (json_object_get_member (object, "roles"), item->id, &item->roles, error))
    return NULL;

  if (item->kind == EBB_ANSWER_KIND_CHOICE || item->kind == EBB_ANSWER_KIND_MULTIPLE_CHOICE)
    {
      if (!parse_options (item, json_object_get_member (object, "options"), error))
        return NULL;
    }

  if (item->kind == EBB_ANSWER_KIND_INTEGER)
    {
      JsonNode *min = json_object_get_member (object, "min");
      JsonNode *max = json_object_get_member (object, "max");

      if (!node_is_integer (min) || !node_is_integer (max) ||
          json_node_get_int (min) > json_node_get_int (max))
        return (invalid (error, item->id, "integer items need integers “min” ≤ “max”"), NULL);
      item->min = json_node_get_int (min);
      item->max = json_node_get_int (max);
      if (!get_string (object, "unit", item->id, &item->unit, error))
        return NULL;
    }

  member = json_object_get_member (object, "required");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        return (invalid (error, item->id, "“required” must be true or false"), NULL);
      item->required = json_node_get_boolean (member);
    }

  if (json_object_has_member (object, "required-when") && item->required)
    return (invalid (error, item->id, "an item is either required or required-when"), NULL);

  return item;
}

static EbbQuestionRule *
parse_rule (EbbQuestionnaire *self,
            JsonNode         *node,
            gboolean          needs_condition,
            GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  EbbQuestionRule *rule;
  JsonObject *object;
  g_autofree char *outcome = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return (invalid (error, "rules", "a rule must be an object"), NULL);
  object = json_node_get_object (node);

  rule = g_new0 (EbbQuestionRule, 1);
  if (!get_string (object, "id", "rules", &rule->id, &local_error) ||
      !get_string (object, "outcome", rule->id, &outcome, &local_error) ||
      !get_string (object, "text", rule->id, &rule->text, &local_error) ||
      !get_string (object, "evidence", rule->id, &rule->evidence, &local_error))
    goto failed;

  if (!parse_outcome (outcome, &rule->outcome))
    {
      invalid (&local_error, rule->id, "outcome must be note, refer or exclude");
      goto failed;
    }

  if (!needs_condition)
    return rule;

  if (!get_string (object, "item", rule->id, &rule->item_id, &local_error))
    goto failed;
  if (!g_hash_table_contains (self->items_by_id, rule->item_id) &&
      !g_strv_contains (score_names, rule->item_id))
    {
      invalid (&local_error, rule->id, "rule names unknown item “%s”", rule->item_id);
      goto failed;
    }

  rule->when = parse_condition (self, json_object_get_member (object, "when"), rule->id, &local_error);
  if (rule->when == NULL)
    goto failed;

  return rule;

failed:
  rule_free (rule);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static gboolean
parse_contradictions (EbbQuestionnaire *self,
                      JsonNode         *node,
                      GError          **error)
{
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, "contradictions", "must be an array");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      EbbQuestionContradiction *contradiction;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, "contradictions", "an entry must be an object");
      object = json_node_get_object (element);

      contradiction = g_new0 (EbbQuestionContradiction, 1);
      g_ptr_array_add (self->contradictions, contradiction);
      if (!get_string (object, "id", "contradictions", &contradiction->id, error) ||
          !get_string (object, "text", contradiction->id, &contradiction->text, error))
        return FALSE;
      contradiction->items = parse_string_list (json_object_get_member (object, "items"),
                                                contradiction->id, error);
      if (contradiction->items == NULL)
        return FALSE;
      for (guint j = 0; contradiction->items[j] != NULL; j++)
        if (!g_hash_table_contains (self->items_by_id, contradiction->items[j]))
          return invalid (error, contradiction->id, "unknown item “%s”", contradiction->items[j]);
      contradiction->when = parse_condition (self, json_object_get_member (object, "when"),
                                             contradiction->id, error);
      if (contradiction->when == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_sections (EbbQuestionnaire *self,
                JsonNode         *node,
                GError          **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    return invalid (error, "sections", "must be a non-empty array");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      EbbQuestionSection *section;
      JsonNode *items;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, "sections", "a section must be an object");

      section = g_new0 (EbbQuestionSection, 1);
      section->items = g_ptr_array_new ();
      g_ptr_array_add (self->sections, section);
      if (!get_string (json_node_get_object (element), "id", "sections", &section->id, error) ||
          !get_string (json_node_get_object (element), "title", section->id, &section->title, error))
        return FALSE;
      if (json_object_has_member (json_node_get_object (element), "description") &&
          !get_string (json_node_get_object (element), "description", section->id, &section->description, error))
        return FALSE;

      items = json_object_get_member (json_node_get_object (element), "items");
      if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items) ||
          json_array_get_length (json_node_get_array (items)) == 0)
        return invalid (error, section->id, "“items” must be a non-empty array");

      for (guint j = 0; j < json_array_get_length (json_node_get_array (items)); j++)
        {
          EbbQuestionItem *item = parse_item (self, section,
                                              json_array_get_element (json_node_get_array (items), j),
                                              error);
          if (item == NULL)
            return FALSE;
          g_ptr_array_add (section->items, item);
        }
    }

  /* Second pass: the conditions of conditionally required items, which may
   * refer to items of later sections. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonArray *items = json_object_get_array_member (json_node_get_object (json_array_get_element (array, i)),
                                                       "items");

      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonObject *object = json_node_get_object (json_array_get_element (items, j));
          EbbQuestionItem *item = g_hash_table_lookup (self->items_by_id,
                                                       json_object_get_string_member (object, "id"));
          JsonNode *when = json_object_get_member (object, "required-when");

          if (when == NULL)
            continue;
          item->required_when = parse_condition (self, when, item->id, error);
          if (item->required_when == NULL)
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load (EbbQuestionnaire *self,
      const char       *data,
      gssize            length,
      GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonNode *version;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return invalid (error, "file", "%s", local_error->message);

  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return invalid (error, "file", "the top level must be an object");
  root = json_node_get_object (json_parser_get_root (parser));

  if (!get_string (root, "questionnaire", "file", &self->id, error) ||
      !get_string (root, "title", "file", &self->title, error))
    return FALSE;

  version = json_object_get_member (root, "version");
  if (!node_is_integer (version) || json_node_get_int (version) < 1 ||
      json_node_get_int (version) > G_MAXINT)
    return invalid (error, "file", "“version” must be a positive integer");
  self->version = (guint) json_node_get_int (version);

  if (!parse_sections (self, json_object_get_member (root, "sections"), error))
    return FALSE;

  if (!parse_contradictions (self, json_object_get_member (root, "contradictions"), error))
    return FALSE;

  self->unknown_rule = parse_rule (self, json_object_get_member (root, "unknown-rule"), FALSE, error);
  if (self->unknown_rule == NULL)
    return FALSE;

  node = json_object_get_member (root, "rules");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    return invalid (error, "rules", "must be a non-empty array");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      EbbQuestionRule *rule = parse_rule (self, json_array_get_element (json_node_get_array (node), i),
                                          TRUE, error);

      if (rule == NULL)
        return FALSE;
      if (ebb_questionnaire_lookup_rule (self, rule->id) != NULL ||
          strcmp (rule->id, self->unknown_rule->id) == 0)
        {
          invalid (error, rule->id, "duplicate rule id");
          rule_free (rule);
          return FALSE;
        }
      g_ptr_array_add (self->rules, rule);
    }

  return TRUE;
}

static void
ebb_questionnaire_finalize (GObject *object)
{
  EbbQuestionnaire *self = (EbbQuestionnaire *) object;

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->contradictions, g_ptr_array_unref);
  g_clear_pointer (&self->unknown_rule, rule_free);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->items_by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->id);
  g_free (self->title);

  G_OBJECT_CLASS (ebb_questionnaire_parent_class)->finalize (object);
}

static void
ebb_questionnaire_class_init (EbbQuestionnaireClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ebb_questionnaire_finalize;
}

static void
ebb_questionnaire_init (EbbQuestionnaire *self)
{
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->items_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->contradictions = g_ptr_array_new_with_free_func ((GDestroyNotify) contradiction_free);
}

/**
 * ebb_questionnaire_new_from_data:
 * @data: the JSON definition
 * @length: its length, or -1 if nul-terminated
 * @error: return location for an %EBB_QUESTIONNAIRE_ERROR
 *
 * Loads and checks a questionnaire definition: every condition must refer
 * to existing items with answers those items can hold.
 *
 * Returns: (transfer full): the questionnaire, or %NULL
 */
EbbQuestionnaire *
ebb_questionnaire_new_from_data (const char  *data,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(EbbQuestionnaire) self = g_object_new (EBB_TYPE_QUESTIONNAIRE, NULL);

  g_return_val_if_fail (data != NULL, NULL);

  if (!load (self, data, length, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ebb_questionnaire_new_factory:
 * @error: return location for an error
 *
 * Loads the factory questionnaire from the resource bundle.
 *
 * Returns: (transfer full): the questionnaire, or %NULL
 */
EbbQuestionnaire *
ebb_questionnaire_new_factory (GError **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (EBB_QUESTIONNAIRE_FACTORY_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;

  return ebb_questionnaire_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

const char *
ebb_questionnaire_get_id (EbbQuestionnaire *self)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  return self->id;
}

guint
ebb_questionnaire_get_version (EbbQuestionnaire *self)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), 0);
  return self->version;
}

const char *
ebb_questionnaire_get_title (EbbQuestionnaire *self)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  return self->title;
}

/**
 * ebb_questionnaire_get_sections:
 * @self: a questionnaire
 *
 * Returns: (transfer none) (element-type EbbQuestionSection): the sections in order
 */
GPtrArray *
ebb_questionnaire_get_sections (EbbQuestionnaire *self)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  return self->sections;
}

/**
 * ebb_questionnaire_get_items:
 * @self: a questionnaire
 *
 * Returns: (transfer none) (element-type EbbQuestionItem): every item in questionnaire order
 */
GPtrArray *
ebb_questionnaire_get_items (EbbQuestionnaire *self)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  return self->items;
}

const EbbQuestionItem *
ebb_questionnaire_lookup_item (EbbQuestionnaire *self,
                               const char       *item_id)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  return g_hash_table_lookup (self->items_by_id, item_id);
}

/**
 * ebb_questionnaire_get_rules:
 * @self: a questionnaire
 *
 * Returns: (transfer none) (element-type EbbQuestionRule): the rules in order
 */
GPtrArray *
ebb_questionnaire_get_rules (EbbQuestionnaire *self)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  return self->rules;
}

const EbbQuestionRule *
ebb_questionnaire_lookup_rule (EbbQuestionnaire *self,
                               const char       *rule_id)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const EbbQuestionRule *rule = g_ptr_array_index (self->rules, i);

      if (strcmp (rule->id, rule_id) == 0)
        return rule;
    }

  if (self->unknown_rule != NULL && strcmp (self->unknown_rule->id, rule_id) == 0)
    return self->unknown_rule;

  return NULL;
}

/**
 * ebb_questionnaire_get_unknown_rule:
 * @self: a questionnaire
 *
 * Returns: (transfer none): the rule applied to every yes/no/unknown item answered "unknown"
 */
const EbbQuestionRule *
ebb_questionnaire_get_unknown_rule (EbbQuestionnaire *self)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  return self->unknown_rule;
}

/**
 * ebb_questionnaire_get_contradictions:
 * @self: a questionnaire
 *
 * Returns: (transfer none) (element-type EbbQuestionContradiction): the contradiction checks
 */
GPtrArray *
ebb_questionnaire_get_contradictions (EbbQuestionnaire *self)
{
  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);
  return self->contradictions;
}

static void
add_unique (GPtrArray  *strings,
            const char *text)
{
  for (guint i = 0; i < strings->len; i++)
    if (strcmp (g_ptr_array_index (strings, i), text) == 0)
      return;

  g_ptr_array_add (strings, (gpointer) text);
}

/**
 * ebb_questionnaire_collect_strings:
 * @self: a questionnaire
 *
 * Lists every translatable text of the definition once, in file order:
 * title, section titles, item texts, option labels, contradiction texts,
 * the unknown rule and the rules. The strings file for po/ is made from it.
 *
 * Returns: (transfer container) (element-type utf8): borrowed strings
 */
GPtrArray *
ebb_questionnaire_collect_strings (EbbQuestionnaire *self)
{
  GPtrArray *strings = g_ptr_array_new ();

  g_return_val_if_fail (EBB_IS_QUESTIONNAIRE (self), NULL);

  add_unique (strings, self->title);
  for (guint i = 0; i < self->sections->len; i++)
    {
      const EbbQuestionSection *section = g_ptr_array_index (self->sections, i);

      add_unique (strings, section->title);
      if (section->description != NULL)
        add_unique (strings, section->description);
      for (guint j = 0; j < section->items->len; j++)
        {
          const EbbQuestionItem *item = g_ptr_array_index (section->items, j);

          add_unique (strings, item->text);
          for (guint k = 0; item->options != NULL && k < item->options->len; k++)
            add_unique (strings, ((EbbQuestionOption *) g_ptr_array_index (item->options, k))->label);
        }
    }

  for (guint i = 0; i < self->contradictions->len; i++)
    add_unique (strings, ((EbbQuestionContradiction *) g_ptr_array_index (self->contradictions, i))->text);

  add_unique (strings, self->unknown_rule->text);
  for (guint i = 0; i < self->rules->len; i++)
    add_unique (strings, ((EbbQuestionRule *) g_ptr_array_index (self->rules, i))->text);

  return strings;
}

/**
 * ebb_screening_outcome_to_string:
 * @outcome: an outcome
 *
 * Returns: the stable name used in files: "clear", "note", "refer", "exclude", "incomplete"
 */
const char *
ebb_screening_outcome_to_string (EbbScreeningOutcome outcome)
{
  switch (outcome)
    {
    case EBB_SCREENING_OUTCOME_CLEAR:
      return "clear";
    case EBB_SCREENING_OUTCOME_NOTE:
      return "note";
    case EBB_SCREENING_OUTCOME_REFER:
      return "refer";
    case EBB_SCREENING_OUTCOME_EXCLUDE:
      return "exclude";
    case EBB_SCREENING_OUTCOME_INCOMPLETE:
      return "incomplete";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ebb_screening_outcome_from_string:
 * @name: a name as written by ebb_screening_outcome_to_string()
 * @outcome: (out): the outcome
 *
 * Returns: %FALSE if @name is not an outcome
 */
gboolean
ebb_screening_outcome_from_string (const char          *name,
                                   EbbScreeningOutcome *outcome)
{
  g_return_val_if_fail (outcome != NULL, FALSE);

  for (EbbScreeningOutcome o = EBB_SCREENING_OUTCOME_CLEAR; o <= EBB_SCREENING_OUTCOME_INCOMPLETE; o++)
    if (g_strcmp0 (name, ebb_screening_outcome_to_string (o)) == 0)
      {
        *outcome = o;
        return TRUE;
      }

  return FALSE;
}

/**
 * ebb_screening_outcome_get_label:
 * @outcome: an outcome
 *
 * Returns: the translated outcome for operators
 */
const char *
ebb_screening_outcome_get_label (EbbScreeningOutcome outcome)
{
  switch (outcome)
    {
    case EBB_SCREENING_OUTCOME_CLEAR:
      /* Translators: screening outcome: no contraindication found */
      return C_("outcome", "CLEAR");
    case EBB_SCREENING_OUTCOME_NOTE:
      /* Translators: screening outcome: proceed, the note is shown and printed */
      return C_("outcome", "NOTE");
    case EBB_SCREENING_OUTCOME_REFER:
      /* Translators: screening outcome: a clinician must clear the client first */
      return C_("outcome", "REFER");
    case EBB_SCREENING_OUTCOME_EXCLUDE:
      /* Translators: screening outcome: no session today */
      return C_("outcome", "EXCLUDE");
    case EBB_SCREENING_OUTCOME_INCOMPLETE:
      /* Translators: screening outcome: required answers are missing */
      return C_("outcome", "INCOMPLETE");
    default:
      g_return_val_if_reached (NULL);
    }
}
