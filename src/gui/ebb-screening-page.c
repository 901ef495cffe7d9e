/* ebb-screening-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-screening-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-dialogs.h"
#include "ebb-environment.h"
#include "ebb-report.h"
#include "ebb-screening-page.h"
#include "ebb-screening-report.h"

/* The front-desk screening form. Every widget change goes straight into
 * EbbScreeningAnswers, which checks kind, range and role; the page then
 * re-evaluates and shows the outcome so far. The page holds no rule. */

#define ITEM_KEY  "ebb-item-id"
#define VALUE_KEY "ebb-answer-value"
#define NONE_VALUE "ebb-none"

struct _EbbScreeningPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  GtkStack             *stack;
  AdwPreferencesPage   *form;
  GtkLabel             *outcome_label;
  GtkLabel             *status_label;
  GtkBox               *reasons_box;
  GtkLabel             *scores_label;
  GtkLabel             *decision_title;
  GtkLabel             *decision_valid_until;
  GtkBox               *decision_reasons_box;
  GtkLabel             *decision_scores;
  GtkWidget            *clearance_group;
  AdwEntryRow          *clearance_name;
  AdwEntryRow          *clearance_note;
  GtkLabel             *clearance_status;
  GtkLabel             *summary_status;

  /* owned */
  EbbQuestionnaire     *questionnaire;
  EbbScreeningAnswers  *answers;
  EbbScreeningDecision *decision;
  EbbScreeningState   *record;
  GPtrArray            *groups;      /* AdwPreferencesGroup added to the form */
  GHashTable           *rows;        /* item id → AdwActionRow (borrowed) */
  GHashTable           *rejected;    /* item id → message of the last rejected value */
  char                 *operator_name;
  char                 *load_error;
  /* the signed-in operator, so a refused answer is recorded in their name */
  EbbOperatorSession   *operator_session;

  /* state */
  EbbRoles              role;
  gboolean              submit_attempted;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (EbbScreeningPage, ebb_screening_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROLE,
  PROP_OPERATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SUBMITTED,
  CLEARED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (EbbScreeningPage *self);

static const char *
outcome_css_class (EbbScreeningOutcome outcome)
{
  switch (outcome)
    {
    case EBB_SCREENING_OUTCOME_CLEAR:
      return "success";
    case EBB_SCREENING_OUTCOME_NOTE:
      return "accent";
    case EBB_SCREENING_OUTCOME_REFER:
      return "warning";
    case EBB_SCREENING_OUTCOME_EXCLUDE:
    case EBB_SCREENING_OUTCOME_INCOMPLETE:
    default:
      return "error";
    }
}

static void
set_outcome_style (GtkWidget           *label,
                   EbbScreeningOutcome  outcome)
{
  static const char * const classes[] = { "success", "accent", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  gtk_widget_add_css_class (label, outcome_css_class (outcome));
}

static void
remember_result (EbbScreeningPage *self,
                 const char       *item_id,
                 gboolean          ok,
                 const GError     *error)
{
  if (ok)
    g_hash_table_remove (self->rejected, item_id);
  else
    g_hash_table_replace (self->rejected, g_strdup (item_id), g_strdup (error->message));
}

static void
choice_toggled_cb (GtkWidget        *button,
                   EbbScreeningPage *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (button), ITEM_KEY);
  const char *value = g_object_get_data (G_OBJECT (button), VALUE_KEY);
  const EbbQuestionItem *item = ebb_questionnaire_lookup_item (self->questionnaire, item_id);
  g_autoptr(GError) error = NULL;
  gboolean active;
  gboolean ok;

  if (self->updating)
    return;

  active = GTK_IS_TOGGLE_BUTTON (button)
    ? gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button))
    : gtk_check_button_get_active (GTK_CHECK_BUTTON (button));
  /* A group reports the button that went inactive too; only the active one answers. */
  if (!active)
    return;

  if (item->kind == EBB_ANSWER_KIND_BOOLEAN)
    ok = ebb_screening_answers_set_boolean (self->answers, item_id, g_str_equal (value, "true"), self->role, &error);
  else
    ok = ebb_screening_answers_set_string (self->answers, item_id, value, self->role, &error);

  remember_result (self, item_id, ok, error);
  refresh (self);
}

/* Multiple choice: the checked options, or an explicit "none of these". */
static void
multiple_toggled_cb (GtkCheckButton   *button,
                     EbbScreeningPage *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (button), ITEM_KEY);
  const char *value = g_object_get_data (G_OBJECT (button), VALUE_KEY);
  GPtrArray *buttons = g_object_get_data (G_OBJECT (gtk_widget_get_parent (GTK_WIDGET (button))), "ebb-buttons");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any = FALSE;
  gboolean ok;

  if (self->updating)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkCheckButton *other = g_ptr_array_index (buttons, i);
      const char *other_value = g_object_get_data (G_OBJECT (other), VALUE_KEY);

      /* "None of these" and the options exclude each other. */
      if (gtk_check_button_get_active (button) && other != button &&
          (g_str_equal (value, NONE_VALUE) || g_str_equal (other_value, NONE_VALUE)))
        gtk_check_button_set_active (other, FALSE);

      if (gtk_check_button_get_active (other))
        {
          any = TRUE;
          if (!g_str_equal (other_value, NONE_VALUE))
            g_strv_builder_add (builder, other_value);
        }
    }
  self->updating = FALSE;

  values = g_strv_builder_end (builder);
  if (any)
    ok = ebb_screening_answers_set_strv (self->answers, item_id, (const char * const *) values, self->role, &error);
  else
    ok = ebb_screening_answers_set (self->answers, item_id, NULL, self->role, &error);

  remember_result (self, item_id, ok, error);
  refresh (self);
}

static void
entry_changed_cb (GtkEditable      *editable,
                  EbbScreeningPage *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (editable), ITEM_KEY);
  const EbbQuestionItem *item = ebb_questionnaire_lookup_item (self->questionnaire, item_id);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->updating)
    return;

  if (text[0] == '\0')
    ok = ebb_screening_answers_set (self->answers, item_id, NULL, self->role, &error);
  else if (item->kind == EBB_ANSWER_KIND_INTEGER)
    {
      gint64 number;

      ok = g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, &error);
      if (ok)
        ok = ebb_screening_answers_set_integer (self->answers, item_id, number, self->role, &error);
      else
        {
          g_clear_error (&error);
          g_set_error (&error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE,
                       _("item “%s”: %s"), item_id, _("expected a whole number"));
        }
    }
  else
    ok = ebb_screening_answers_set_string (self->answers, item_id, text, self->role, &error);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");

  remember_result (self, item_id, ok, error);
  refresh (self);
}

static GtkWidget *
add_toggle_row (EbbScreeningPage      *self,
                AdwPreferencesGroup   *group,
                const EbbQuestionItem *item,
                const char * const    *values,
                const char * const    *labels)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *first = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_dgettext (GETTEXT_PACKAGE, item->text));
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  for (guint i = 0; values[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (labels[i]);
      g_autofree char *name = g_strdup_printf ("%s=%s", item->id, values[i]);

      gtk_widget_set_name (button, name);
      g_object_set_data_full (G_OBJECT (button), ITEM_KEY, g_strdup (item->id), g_free);
      g_object_set_data_full (G_OBJECT (button), VALUE_KEY, g_strdup (values[i]), g_free);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (choice_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
add_option_rows (EbbScreeningPage      *self,
                 AdwPreferencesGroup   *group,
                 const EbbQuestionItem *item)
{
  gboolean multiple = item->kind == EBB_ANSWER_KIND_MULTIPLE_CHOICE;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GPtrArray *buttons = g_ptr_array_new ();
  GtkCheckButton *first = NULL;
  guint n = item->options->len + (multiple ? 1 : 0);

  /* Expanded from the start: the options are the question. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_dgettext (GETTEXT_PACKAGE, item->text));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (box), "ebb-buttons", buttons, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < n; i++)
    {
      const EbbQuestionOption *option = i < item->options->len ? g_ptr_array_index (item->options, i) : NULL;
      const char *value = option != NULL ? option->value : NONE_VALUE;
      const char *label = option != NULL ? g_dgettext (GETTEXT_PACKAGE, option->label) : _("None of these");
      GtkWidget *button = gtk_check_button_new_with_label (label);
      g_autofree char *name = g_strdup_printf ("%s=%s", item->id, value);

      gtk_widget_set_name (button, name);
      gtk_widget_set_margin_start (button, 12);
      gtk_widget_set_margin_top (button, 3);
      gtk_widget_set_margin_bottom (button, 3);
      g_object_set_data_full (G_OBJECT (button), ITEM_KEY, g_strdup (item->id), g_free);
      g_object_set_data_full (G_OBJECT (button), VALUE_KEY, g_strdup (value), g_free);
      if (!multiple)
        {
          if (first != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), first);
          else
            first = GTK_CHECK_BUTTON (button);
          g_signal_connect (button, "toggled", G_CALLBACK (choice_toggled_cb), self);
        }
      else
        g_signal_connect (button, "toggled", G_CALLBACK (multiple_toggled_cb), self);
      g_ptr_array_add (buttons, button);
      gtk_box_append (GTK_BOX (box), button);
    }

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
add_entry_row (EbbScreeningPage      *self,
               AdwPreferencesGroup   *group,
               const EbbQuestionItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_dgettext (GETTEXT_PACKAGE, item->text));
  gtk_widget_set_name (entry, item->id);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (entry), ITEM_KEY, g_strdup (item->id), g_free);

  if (item->kind == EBB_ANSWER_KIND_INTEGER)
    {
      g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, item->min);
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, item->max);

      /* Translators: plausible range of a measurement: min, max, unit; e.g. "40–300 mmHg" */
      subtitle = g_strdup_printf (_("%s–%s %s"), min, max, item->unit);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (item->unit));
    }
  else
    {
      subtitle = g_strdup (_("Date as YYYY-MM-DD"));
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "YYYY-MM-DD");
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
  adw_preferences_group_add (group, row);
  return row;
}

static void
update_sensitivity (EbbScreeningPage *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const EbbQuestionItem *item = ebb_questionnaire_lookup_item (self->questionnaire, key);

      gtk_widget_set_sensitive (value, (item->roles & self->role) != 0);
      gtk_widget_set_tooltip_text (value, (item->roles & self->role) != 0 ? NULL
                                   : (item->roles & (EBB_ROLE_RECEPTION | EBB_ROLE_TECHNICIAN)) == 0
                                   ? _("A clinician answers this examination finding")
                                   : _("A clinician or technician enters this measurement"));
    }
}

static void
build_form (EbbScreeningPage *self)
{
  static const char * const ynu_values[] = { "yes", "no", "unknown", NULL };
  static const char * const bool_values[] = { "true", "false", NULL };
  const char *ynu_labels[] = { _("Yes"), _("No"), _("Unknown"), NULL };
  const char *bool_labels[] = { _("Yes"), _("No"), NULL };
  GPtrArray *sections = ebb_questionnaire_get_sections (self->questionnaire);

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->form, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_hash_table_remove_all (self->rows);

  for (guint i = 0; i < sections->len; i++)
    {
      const EbbQuestionSection *section = g_ptr_array_index (sections, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, g_dgettext (GETTEXT_PACKAGE, section->title));
      if (section->description != NULL)
        adw_preferences_group_set_description (group, g_dgettext (GETTEXT_PACKAGE, section->description));
      for (guint j = 0; j < section->items->len; j++)
        {
          const EbbQuestionItem *item = g_ptr_array_index (section->items, j);
          GtkWidget *row;

          switch (item->kind)
            {
            case EBB_ANSWER_KIND_YES_NO_UNKNOWN:
              row = add_toggle_row (self, group, item, ynu_values, ynu_labels);
              break;
            case EBB_ANSWER_KIND_BOOLEAN:
              row = add_toggle_row (self, group, item, bool_values, bool_labels);
              break;
            case EBB_ANSWER_KIND_CHOICE:
            case EBB_ANSWER_KIND_MULTIPLE_CHOICE:
              row = add_option_rows (self, group, item);
              break;
            case EBB_ANSWER_KIND_INTEGER:
            case EBB_ANSWER_KIND_DATE:
            default:
              row = add_entry_row (self, group, item);
              break;
            }
          g_hash_table_insert (self->rows, item->id, row);
        }

      adw_preferences_page_add (self->form, group);
      g_ptr_array_add (self->groups, group);
    }

  update_sensitivity (self);
}

static void
fill_reasons (GtkBox                     *box,
              const EbbScreeningDecision *decision)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  for (guint i = 0; decision != NULL && i < decision->reasons->len; i++)
    {
      const EbbScreeningReason *reason = g_ptr_array_index (decision->reasons, i);
      /* Translators: outcome, reason text, evidence; e.g. "REFER — Pacemaker or ICD (§2.5 #14; S41)" */
      g_autofree char *text = g_strdup_printf (_("%s — %s (%s)"), ebb_screening_outcome_get_label (reason->outcome),
                                               reason->text, reason->evidence);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      set_outcome_style (label, reason->outcome);
      gtk_box_append (box, label);
    }
}

static void
highlight_missing (EbbScreeningPage *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean missing = FALSE;

      for (guint i = 0; self->submit_attempted && self->decision != NULL && i < self->decision->missing->len; i++)
        missing = missing || g_str_equal (g_ptr_array_index (self->decision->missing, i), key);

      if (missing || g_hash_table_contains (self->rejected, key))
        gtk_widget_add_css_class (value, "missing");
      else
        gtk_widget_remove_css_class (value, "missing");
    }
}

static void
refresh (EbbScreeningPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(EbbScreeningOptions) options = ebb_screening_options_new_from_settings ();
  g_autoptr(GError) error = NULL;
  g_autofree char *scores = NULL;
  g_autofree char *status = NULL;

  if (self->load_error != NULL)
    {
      gtk_label_set_text (self->status_label, self->load_error);
      return;
    }

  g_clear_pointer (&self->decision, ebb_screening_decision_free);
  self->decision = ebb_screening_evaluate (self->answers, options, now, &error);

  if (g_hash_table_size (self->rejected) > 0 || self->decision == NULL)
    {
      GHashTableIter iter;
      gpointer message = NULL;

      g_hash_table_iter_init (&iter, self->rejected);
      if (!g_hash_table_iter_next (&iter, NULL, &message))
        message = error->message;
      gtk_label_set_text (self->outcome_label, _("Check the answers"));
      set_outcome_style (GTK_WIDGET (self->outcome_label), EBB_SCREENING_OUTCOME_INCOMPLETE);
      gtk_label_set_text (self->status_label, message);
      fill_reasons (self->reasons_box, self->decision);
      highlight_missing (self);
      return;
    }

  gtk_label_set_text (self->outcome_label, ebb_screening_outcome_get_label (self->decision->outcome));
  set_outcome_style (GTK_WIDGET (self->outcome_label), self->decision->outcome);

  if (self->decision->missing->len > 0)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer missing", "%u answers missing",
                                           self->decision->missing->len),
                              self->decision->missing->len);
  else
    status = g_strdup (_("All required answers are given."));
  gtk_label_set_text (self->status_label, status);

  fill_reasons (self->reasons_box, self->decision);
  scores = ebb_screening_decision_format_scores (self->decision);
  gtk_label_set_text (self->scores_label, g_strchomp (scores));
  highlight_missing (self);
}

static void
show_decision (EbbScreeningPage *self)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  guint validity_days = g_settings_get_uint (settings, "screening-validity-days");
  g_autoptr(GDateTime) until = ebb_screening_state_get_valid_until (self->record, validity_days);
  g_autofree char *until_text = g_date_time_format (until, "%x");
  g_autofree char *valid = NULL;
  g_autofree char *scores = ebb_screening_decision_format_scores (self->decision);
  EbbScreeningOutcome outcome = self->decision->outcome;

  gtk_label_set_text (self->decision_title, ebb_screening_outcome_get_label (outcome));
  set_outcome_style (GTK_WIDGET (self->decision_title), outcome);

  if (outcome == EBB_SCREENING_OUTCOME_EXCLUDE)
    valid = g_strdup (_("No session today. An EXCLUDE cannot be overridden."));
  else
    /* Translators: %s is a date */
    valid = g_strdup_printf (_("Valid until %s, as long as the client confirms at each visit that nothing has changed."),
                             until_text);
  gtk_label_set_text (self->decision_valid_until, valid);

  fill_reasons (self->decision_reasons_box, self->decision);
  gtk_label_set_text (self->decision_scores, g_strchomp (scores));

  gtk_widget_set_visible (self->clearance_group, outcome == EBB_SCREENING_OUTCOME_REFER);
  gtk_label_set_text (self->clearance_status, "");
  gtk_label_set_text (self->summary_status, "");
  gtk_stack_set_visible_child_name (self->stack, "decision");
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbbScreeningPage *self = EBB_SCREENING_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *status = NULL;

  self->submit_attempted = TRUE;
  refresh (self);

  if (self->decision == NULL || g_hash_table_size (self->rejected) > 0)
    return;

  if (self->decision->outcome == EBB_SCREENING_OUTCOME_INCOMPLETE)
    {
      const char *first = g_ptr_array_index (self->decision->missing, 0);
      GtkWidget *row = g_hash_table_lookup (self->rows, first);

      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Not submitted: %u answer is missing; it is marked.",
                                             "Not submitted: %u answers are missing; they are marked.",
                                             self->decision->missing->len),
                                self->decision->missing->len);
      gtk_label_set_text (self->status_label, status);
      if (row != NULL)
        gtk_widget_grab_focus (row);
      return;
    }

  g_clear_pointer (&self->record, ebb_screening_state_free);
  self->record = ebb_screening_state_new (self->decision,
                                           self->operator_name != NULL ? self->operator_name : "",
                                           now);
  show_decision (self);
  g_signal_emit (self, signals[SUBMITTED], 0);
}

static void
record_clearance_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EbbScreeningPage *self = EBB_SCREENING_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (self->record == NULL)
    return;

  if (!ebb_screening_state_clear (self->record,
                                   gtk_editable_get_text (GTK_EDITABLE (self->clearance_name)),
                                   self->role, now,
                                   gtk_editable_get_text (GTK_EDITABLE (self->clearance_note)),
                                   &error))
    {
      gtk_label_set_text (self->clearance_status, error->message);
      set_outcome_style (GTK_WIDGET (self->clearance_status), EBB_SCREENING_OUTCOME_EXCLUDE);
      return;
    }

  date = g_date_time_format (now, "%x");
  /* Translators: clinician name, date */
  text = g_strdup_printf (_("Cleared by %s on %s."), self->record->clearance_by, date);
  gtk_label_set_text (self->clearance_status, text);
  set_outcome_style (GTK_WIDGET (self->clearance_status), EBB_SCREENING_OUTCOME_CLEAR);
  g_signal_emit (self, signals[CLEARED], 0);
}

/* Fresh answers for the signed-in operator: the engine records a refused
 * answer in the audit trail in their name. */
static void
new_answers (EbbScreeningPage *self)
{
  g_clear_object (&self->answers);
  self->answers = ebb_screening_answers_new (self->questionnaire);
  if (self->operator_session != NULL)
    ebb_screening_answers_set_operator_session (self->answers, self->operator_session);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EbbScreeningPage *self = EBB_SCREENING_PAGE (widget);

  g_clear_object (&self->answers);
  g_clear_pointer (&self->record, ebb_screening_state_free);
  g_hash_table_remove_all (self->rejected);
  self->submit_attempted = FALSE;
  if (self->questionnaire != NULL)
    {
      new_answers (self);
      build_form (self);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->clearance_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->clearance_note), "");
  refresh (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
}

static void
summary_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EbbScreeningPage *self = EBB_SCREENING_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!ebb_screening_page_save_summary_finish (self, result, &error))
    {
      gtk_label_set_text (self->summary_status, error->message);
      set_outcome_style (GTK_WIDGET (self->summary_status), EBB_SCREENING_OUTCOME_EXCLUDE);
      return;
    }

  gtk_label_set_text (self->summary_status, _("Summary saved."));
  set_outcome_style (GTK_WIDGET (self->summary_status), EBB_SCREENING_OUTCOME_CLEAR);
}

static void
summary_chooser_response_cb (GtkNativeDialog  *chooser,
                             int               response,
                             EbbScreeningPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    ebb_screening_page_save_summary_async (self, file, NULL, summary_saved_cb, NULL);

  g_object_unref (chooser);
}

static void
save_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EbbScreeningPage *self = EBB_SCREENING_PAGE (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Screening Summary"),
                                         ebb_dialogs_parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("screening-summary.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (summary_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ebb_screening_page_dispose (GObject *object)
{
  EbbScreeningPage *self = (EbbScreeningPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_SCREENING_PAGE);
  g_clear_object (&self->answers);
  g_clear_object (&self->questionnaire);
  g_clear_object (&self->operator_session);

  G_OBJECT_CLASS (ebb_screening_page_parent_class)->dispose (object);
}

static void
ebb_screening_page_finalize (GObject *object)
{
  EbbScreeningPage *self = (EbbScreeningPage *) object;

  g_clear_pointer (&self->decision, ebb_screening_decision_free);
  g_clear_pointer (&self->record, ebb_screening_state_free);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->rejected, g_hash_table_unref);
  g_free (self->operator_name);
  g_free (self->load_error);

  G_OBJECT_CLASS (ebb_screening_page_parent_class)->finalize (object);
}

static void
ebb_screening_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EbbScreeningPage *self = EBB_SCREENING_PAGE (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_uint (value, self->role);
      break;
    case PROP_OPERATOR:
      g_value_set_string (value, self->operator_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_screening_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EbbScreeningPage *self = EBB_SCREENING_PAGE (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      ebb_screening_page_set_role (self, g_value_get_uint (value));
      break;
    case PROP_OPERATOR:
      ebb_screening_page_set_operator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_screening_page_class_init (EbbScreeningPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_screening_page_dispose;
  object_class->finalize = ebb_screening_page_finalize;
  object_class->get_property = ebb_screening_page_get_property;
  object_class->set_property = ebb_screening_page_set_property;

  /* The roles of the signed-in operator, an EbbRoles bitmask. */
  properties[PROP_ROLE] =
    g_param_spec_uint ("role", NULL, NULL, 0, EBB_ROLES_ANY, EBB_ROLE_RECEPTION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR] =
    g_param_spec_string ("operator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbbScreeningPage::submitted:
   *
   * A complete screening was submitted and its decision is shown; the
   * answers and decision are ebb_screening_page_get_answers() and
   * ebb_screening_page_get_decision(). The window records it.
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EbbScreeningPage::cleared:
   *
   * A clinician cleared the submitted REFER screening on the decision page.
   */
  signals[CLEARED] = g_signal_new ("cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-screening-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, form);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, scores_label);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, decision_title);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, decision_valid_until);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, decision_reasons_box);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, decision_scores);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, clearance_group);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, clearance_name);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, clearance_note);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, clearance_status);
  gtk_widget_class_bind_template_child (widget_class, EbbScreeningPage, summary_status);

  gtk_widget_class_install_action (widget_class, "screening.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "screening.record-clearance", NULL, record_clearance_action);
  gtk_widget_class_install_action (widget_class, "screening.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "screening.save-summary", NULL, save_summary_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "screeningpage");
}

static void
ebb_screening_page_init (EbbScreeningPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->role = EBB_ROLE_RECEPTION;
  self->groups = g_ptr_array_new ();
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->questionnaire = ebb_questionnaire_new_factory (&error);
  if (self->questionnaire == NULL)
    {
      /* Only a broken build gets here; say so instead of showing an empty form. */
      self->load_error = g_strdup (error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "screening.submit", FALSE);
      refresh (self);
      return;
    }

  new_answers (self);
  build_form (self);
  refresh (self);
}

/**
 * ebb_screening_page_new:
 *
 * Returns: (transfer floating): a front-desk screening page with the factory questionnaire
 */
GtkWidget *
ebb_screening_page_new (void)
{
  return g_object_new (EBB_TYPE_SCREENING_PAGE, NULL);
}

EbbRoles
ebb_screening_page_get_role (EbbScreeningPage *self)
{
  g_return_val_if_fail (EBB_IS_SCREENING_PAGE (self), EBB_ROLE_NONE);
  return self->role;
}

/**
 * ebb_screening_page_set_role:
 * @self: the page
 * @role: the roles of the signed-in operator
 *
 * Items the role may not answer become insensitive; the engine enforces
 * the same rule for every answer.
 */
void
ebb_screening_page_set_role (EbbScreeningPage *self,
                             EbbRoles          role)
{
  g_return_if_fail (EBB_IS_SCREENING_PAGE (self));

  if (self->role == role)
    return;

  self->role = role;
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

const char *
ebb_screening_page_get_operator (EbbScreeningPage *self)
{
  g_return_val_if_fail (EBB_IS_SCREENING_PAGE (self), NULL);
  return self->operator_name;
}

/**
 * ebb_screening_page_set_operator_session:
 * @self: the page
 * @ctx: (nullable): the signed-in operator's session
 *
 * The operator whose answers the page takes: the engine records an answer
 * their roles may not give as `permission.denied` in their name. The
 * role and the name shown are set with ebb_screening_page_set_role() and
 * ebb_screening_page_set_operator().
 */
void
ebb_screening_page_set_operator_session (EbbScreeningPage   *self,
                                         EbbOperatorSession *ctx)
{
  g_return_if_fail (EBB_IS_SCREENING_PAGE (self));
  g_return_if_fail (ctx == NULL || EBB_IS_OPERATOR_SESSION (ctx));

  g_set_object (&self->operator_session, ctx);
  if (self->answers != NULL)
    ebb_screening_answers_set_operator_session (self->answers, ctx);
}

void
ebb_screening_page_set_operator (EbbScreeningPage *self,
                                 const char       *operator_name)
{
  g_return_if_fail (EBB_IS_SCREENING_PAGE (self));

  if (g_strcmp0 (self->operator_name, operator_name) == 0)
    return;

  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

/**
 * ebb_screening_page_get_decision:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the decision for the answers so far
 */
const EbbScreeningDecision *
ebb_screening_page_get_decision (EbbScreeningPage *self)
{
  g_return_val_if_fail (EBB_IS_SCREENING_PAGE (self), NULL);
  return self->decision;
}

/**
 * ebb_screening_page_get_record:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the submitted screening, with its clearance
 */
const EbbScreeningState *
ebb_screening_page_get_record (EbbScreeningPage *self)
{
  g_return_val_if_fail (EBB_IS_SCREENING_PAGE (self), NULL);
  return self->record;
}

/**
 * ebb_screening_page_get_answers:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the answers given so far
 */
EbbScreeningAnswers *
ebb_screening_page_get_answers (EbbScreeningPage *self)
{
  g_return_val_if_fail (EBB_IS_SCREENING_PAGE (self), NULL);
  return self->answers;
}

/**
 * ebb_screening_page_get_clearance_note:
 * @self: the page
 *
 * Returns: the note typed in the clearance form
 */
const char *
ebb_screening_page_get_clearance_note (EbbScreeningPage *self)
{
  g_return_val_if_fail (EBB_IS_SCREENING_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->clearance_note));
}

/**
 * ebb_screening_page_reset:
 * @self: the page
 *
 * Starts a new, empty screening (as the decision page's "New screening").
 */
void
ebb_screening_page_reset (EbbScreeningPage *self)
{
  g_return_if_fail (EBB_IS_SCREENING_PAGE (self));
  new_action (GTK_WIDGET (self), "screening.new", NULL);
}

static void
summary_rendered_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (ebb_report_render_screening_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ebb_screening_page_save_summary_async:
 * @self: the page, showing a decision
 * @file: where to write the PDF
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Prints the one-page summary of the submitted screening through the
 * report module, off the UI thread.
 */
void
ebb_screening_page_save_summary_async (EbbScreeningPage    *self,
                                       GFile               *file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(EbbReportOptions) options = NULL;
  g_autoptr(EbbReportScreening) screening = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (EBB_IS_SCREENING_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ebb_screening_page_save_summary_async);

  path = g_file_get_path (file);
  if (self->record == NULL || self->decision == NULL || path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Submit the screening before saving its summary to a local file"));
      return;
    }

  screening = ebb_screening_report_new (self->decision, self->record,
                                        g_settings_get_uint (settings, "screening-validity-days"),
                                        settings, NULL, NULL, &error);
  if (screening == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  options = ebb_report_options_new_from_settings (settings);
  ebb_report_render_screening_async (screening, path, options, cancellable,
                                     summary_rendered_cb, g_steal_pointer (&task));
}

gboolean
ebb_screening_page_save_summary_finish (EbbScreeningPage  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
