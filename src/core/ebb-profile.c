/* ebb-profile.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-profile-private.h"

#define FACTORY_RESOURCE APP_RESOURCE_PATH "/data/profiles/factory.json"

struct _EbbProfile
{
  GObject parent_instance;

  /* owned */
  char *name;
  char *description;
  char *approved_by;
  char *source;

  /* state */
  gint64 id;
  guint version;
  gint32 level_pa;
  guint vacuum_s;
  guint release_s;
  guint ramp_pa_s;
  guint duration_s;
  guint clinician_approved : 1;
  guint factory : 1;
  guint short_duration_for_tests : 1;
};

G_DEFINE_FINAL_TYPE (EbbProfile, ebb_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (ebb-profile-error-quark, ebb_profile_error)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_VERSION,
  PROP_LEVEL_PA,
  PROP_VACUUM_S,
  PROP_RELEASE_S,
  PROP_RAMP_PA_S,
  PROP_DURATION_S,
  PROP_CLINICIAN_APPROVED,
  PROP_APPROVED_BY,
  PROP_FACTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ebb_profile_finalize (GObject *object)
{
  EbbProfile *self = (EbbProfile *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->approved_by, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (ebb_profile_parent_class)->finalize (object);
}

static void
ebb_profile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EbbProfile *self = EBB_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    case PROP_LEVEL_PA:
      g_value_set_int (value, self->level_pa);
      break;
    case PROP_VACUUM_S:
      g_value_set_uint (value, self->vacuum_s);
      break;
    case PROP_RELEASE_S:
      g_value_set_uint (value, self->release_s);
      break;
    case PROP_RAMP_PA_S:
      g_value_set_uint (value, self->ramp_pa_s);
      break;
    case PROP_DURATION_S:
      g_value_set_uint (value, self->duration_s);
      break;
    case PROP_CLINICIAN_APPROVED:
      g_value_set_boolean (value, self->clinician_approved);
      break;
    case PROP_APPROVED_BY:
      g_value_set_string (value, self->approved_by);
      break;
    case PROP_FACTORY:
      g_value_set_boolean (value, self->factory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_profile_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EbbProfile *self = EBB_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      ebb_profile_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      ebb_profile_set_description (self, g_value_get_string (value));
      break;
    case PROP_VERSION:
      ebb_profile_set_version (self, g_value_get_uint (value));
      break;
    case PROP_LEVEL_PA:
      ebb_profile_set_level_pa (self, g_value_get_int (value));
      break;
    case PROP_VACUUM_S:
      ebb_profile_set_vacuum_s (self, g_value_get_uint (value));
      break;
    case PROP_RELEASE_S:
      ebb_profile_set_release_s (self, g_value_get_uint (value));
      break;
    case PROP_RAMP_PA_S:
      ebb_profile_set_ramp_pa_s (self, g_value_get_uint (value));
      break;
    case PROP_DURATION_S:
      ebb_profile_set_duration_s (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_profile_class_init (EbbProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ebb_profile_finalize;
  object_class->get_property = ebb_profile_get_property;
  object_class->set_property = ebb_profile_set_property;

  /* The ranges only keep the numbers representable; ebb_profile_validate()
   * decides what may run, so an editor can hold an invalid value and
   * show why. */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", rw);
  properties[PROP_VERSION] = g_param_spec_uint ("version", NULL, NULL, 1, G_MAXUINT, 1, rw);
  properties[PROP_LEVEL_PA] = g_param_spec_int ("level-pa", NULL, NULL, G_MININT32, G_MAXINT32,
                                                EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA, rw);
  properties[PROP_VACUUM_S] = g_param_spec_uint ("vacuum-s", NULL, NULL, 0, G_MAXUINT, 10, rw);
  properties[PROP_RELEASE_S] = g_param_spec_uint ("release-s", NULL, NULL, 0, G_MAXUINT, 7, rw);
  properties[PROP_RAMP_PA_S] = g_param_spec_uint ("ramp-pa-s", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_DURATION_S] = g_param_spec_uint ("duration-s", NULL, NULL, 0, G_MAXUINT, 1800, rw);
  properties[PROP_CLINICIAN_APPROVED] = g_param_spec_boolean ("clinician-approved", NULL, NULL, FALSE, ro);
  properties[PROP_APPROVED_BY] = g_param_spec_string ("approved-by", NULL, NULL, NULL, ro);
  properties[PROP_FACTORY] = g_param_spec_boolean ("factory", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ebb_profile_init (EbbProfile *self)
{
  /* The factory "Standard" values, so a new custom profile starts valid. */
  self->version = 1;
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->level_pa = EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA;
  self->vacuum_s = 10;
  self->release_s = 7;
  self->duration_s = 1800;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          gint64       min,
          gint64       max,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE,
                   _("The profile definition needs the whole number “%s”."), member);
      return FALSE;
    }

  *value = json_node_get_int (node);
  /* Ranges here only keep the numbers representable; validation decides
   * whether they are allowed. */
  if (*value < min || *value > max)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE,
                   _("The value of “%s” in the profile definition is out of range."), member);
      return FALSE;
    }

  return TRUE;
}

static const char *
read_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * ebb_profile_new:
 * @name: the profile's name
 *
 * Creates a custom profile with the factory standard settings.
 *
 * Returns: (transfer full): a new profile
 */
EbbProfile *
ebb_profile_new (const char *name)
{
  EbbProfile *self = g_object_new (EBB_TYPE_PROFILE, NULL);

  ebb_profile_set_name (self, name);
  return self;
}

/**
 * ebb_profile_new_from_json:
 * @object: a profile definition as written by ebb_profile_to_json()
 * @error: return location for an %EBB_PROFILE_ERROR_PARSE error
 *
 * Reads a profile definition. The result is not validated: call
 * ebb_profile_validate() with the clinic's current limit.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL
 */
EbbProfile *
ebb_profile_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(EbbProfile) self = NULL;
  const char *name;
  const char *text;
  gint64 level, vacuum, release, ramp, duration;

  g_return_val_if_fail (object != NULL, NULL);

  name = read_string (object, "name");
  if (name == NULL)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE,
                   _("The profile definition has no name."));
      return NULL;
    }

  if (!read_int (object, "level-pa", G_MININT32, G_MAXINT32, &level, error)
      || !read_int (object, "vacuum-s", 0, G_MAXUINT32, &vacuum, error)
      || !read_int (object, "release-s", 0, G_MAXUINT32, &release, error)
      || !read_int (object, "ramp-pa-s", 0, G_MAXUINT32, &ramp, error)
      || !read_int (object, "duration-s", 0, G_MAXUINT32, &duration, error))
    return NULL;

  self = ebb_profile_new (name);
  self->level_pa = (gint32) level;
  self->vacuum_s = (guint) vacuum;
  self->release_s = (guint) release;
  self->ramp_pa_s = (guint) ramp;
  self->duration_s = (guint) duration;

  if ((text = read_string (object, "description")) != NULL)
    ebb_profile_set_description (self, text);
  if ((text = read_string (object, "source")) != NULL)
    self->source = g_strdup (text);
  if (json_object_has_member (object, "version"))
    {
      gint64 version;

      if (!read_int (object, "version", 1, G_MAXUINT32, &version, error))
        return NULL;
      self->version = (guint) version;
    }
  if (json_object_has_member (object, "clinician-approved"))
    ebb_profile_set_approval (self,
                              json_object_get_boolean_member_with_default (object, "clinician-approved", FALSE),
                              read_string (object, "approved-by"));

  return g_steal_pointer (&self);
}

/**
 * ebb_profile_to_json:
 * @self: a profile
 *
 * Serialises the profile; this is also the snapshot each session keeps of
 * what it ran.
 *
 * Returns: (transfer full): a JSON object
 */
JsonObject *
ebb_profile_to_json (EbbProfile *self)
{
  JsonObject *object;

  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (object, "description", self->description);
  json_object_set_int_member (object, "version", self->version);
  json_object_set_int_member (object, "level-pa", self->level_pa);
  json_object_set_int_member (object, "vacuum-s", self->vacuum_s);
  json_object_set_int_member (object, "release-s", self->release_s);
  json_object_set_int_member (object, "ramp-pa-s", self->ramp_pa_s);
  json_object_set_int_member (object, "duration-s", self->duration_s);
  json_object_set_boolean_member (object, "clinician-approved", self->clinician_approved);
  if (self->approved_by != NULL)
    json_object_set_string_member (object, "approved-by", self->approved_by);
  json_object_set_boolean_member (object, "factory", self->factory);
  if (self->source != NULL)
    json_object_set_string_member (object, "source", self->source);

  return object;
}

/**
 * ebb_profile_copy:
 * @self: a profile
 *
 * Returns: (transfer full): an independent copy, including id and version
 */
EbbProfile *
ebb_profile_copy (EbbProfile *self)
{
  EbbProfile *copy;

  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);

  copy = ebb_profile_new (self->name);
  copy->id = self->id;
  copy->version = self->version;
  ebb_profile_set_description (copy, self->description);
  copy->approved_by = g_strdup (self->approved_by);
  copy->source = g_strdup (self->source);
  copy->level_pa = self->level_pa;
  copy->vacuum_s = self->vacuum_s;
  copy->release_s = self->release_s;
  copy->ramp_pa_s = self->ramp_pa_s;
  copy->duration_s = self->duration_s;
  copy->clinician_approved = self->clinician_approved;
  copy->factory = self->factory;
  copy->short_duration_for_tests = self->short_duration_for_tests;

  return copy;
}

/**
 * ebb_profile_new_version:
 * @self: a custom profile that past sessions have used
 * @error: return location for %EBB_PROFILE_ERROR_READ_ONLY
 *
 * Starts the next version of a profile for editing. A profile that sessions
 * ran is never changed in place, so each session's record keeps meaning
 * what it said; the edit becomes a new row with the same name and the
 * version number one higher, not yet stored (id 0).
 *
 * Returns: (transfer full) (nullable): the editable new version
 */
EbbProfile *
ebb_profile_new_version (EbbProfile  *self,
                         GError     **error)
{
  EbbProfile *next;

  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);

  if (self->factory)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_READ_ONLY,
                   _("The factory profile “%s” cannot be changed. Create a custom profile instead."),
                   ebb_profile_get_display_name (self));
      return NULL;
    }

  next = ebb_profile_copy (self);
  next->id = 0;
  next->version = self->version + 1;
  /* An approval covers the settings the clinician saw, not the edit. */
  next->clinician_approved = FALSE;
  g_clear_pointer (&next->approved_by, g_free);

  return next;
}

gint64
ebb_profile_get_id (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);
  return self->id;
}

void
ebb_profile_set_id (EbbProfile *self,
                    gint64      id)
{
  g_return_if_fail (EBB_IS_PROFILE (self));
  self->id = id;
}

guint
ebb_profile_get_version (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);
  return self->version;
}

void
ebb_profile_set_version (EbbProfile *self,
                         guint       version)
{
  g_return_if_fail (EBB_IS_PROFILE (self));
  g_return_if_fail (version >= 1);

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

const char *
ebb_profile_get_name (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);
  return self->name;
}

void
ebb_profile_set_name (EbbProfile *self,
                      const char *name)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (EBB_IS_PROFILE (self));
  g_return_if_fail (name != NULL);

  stripped = g_strstrip (g_strdup (name));
  if (g_strcmp0 (self->name, stripped) == 0)
    return;

  g_free (self->name);
  self->name = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * ebb_profile_get_display_name:
 * @self: a profile
 *
 * Returns: the name in the user's language (factory profiles are
 *   translated; custom names are shown as the clinic wrote them)
 */
const char *
ebb_profile_get_display_name (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);

  if (self->factory && self->name[0] != '\0')
    return g_dgettext (GETTEXT_PACKAGE, self->name);
  return self->name;
}

const char *
ebb_profile_get_description (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);
  return self->description;
}

void
ebb_profile_set_description (EbbProfile *self,
                             const char *description)
{
  g_return_if_fail (EBB_IS_PROFILE (self));

  if (description == NULL)
    description = "";
  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
ebb_profile_get_display_description (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);

  if (self->factory && self->description[0] != '\0')
    return g_dgettext (GETTEXT_PACKAGE, self->description);
  return self->description;
}

gint32
ebb_profile_get_level_pa (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);
  return self->level_pa;
}

void
ebb_profile_set_level_pa (EbbProfile *self,
                          gint32      level_pa)
{
  g_return_if_fail (EBB_IS_PROFILE (self));

  if (self->level_pa == level_pa)
    return;

  self->level_pa = level_pa;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_PA]);
}

guint
ebb_profile_get_vacuum_s (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);
  return self->vacuum_s;
}

void
ebb_profile_set_vacuum_s (EbbProfile *self,
                          guint       vacuum_s)
{
  g_return_if_fail (EBB_IS_PROFILE (self));

  if (self->vacuum_s == vacuum_s)
    return;

  self->vacuum_s = vacuum_s;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VACUUM_S]);
}

guint
ebb_profile_get_release_s (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);
  return self->release_s;
}

void
ebb_profile_set_release_s (EbbProfile *self,
                           guint       release_s)
{
  g_return_if_fail (EBB_IS_PROFILE (self));

  if (self->release_s == release_s)
    return;

  self->release_s = release_s;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEASE_S]);
}

guint
ebb_profile_get_ramp_pa_s (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);
  return self->ramp_pa_s;
}

void
ebb_profile_set_ramp_pa_s (EbbProfile *self,
                           guint       ramp_pa_s)
{
  g_return_if_fail (EBB_IS_PROFILE (self));

  if (self->ramp_pa_s == ramp_pa_s)
    return;

  self->ramp_pa_s = ramp_pa_s;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAMP_PA_S]);
}

guint
ebb_profile_get_duration_s (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);
  return self->duration_s;
}

void
ebb_profile_set_duration_s (EbbProfile *self,
                            guint       duration_s)
{
  g_return_if_fail (EBB_IS_PROFILE (self));

  if (self->duration_s == duration_s)
    return;

  self->duration_s = duration_s;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_S]);
}

gboolean
ebb_profile_get_clinician_approved (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), FALSE);
  return self->clinician_approved;
}

const char *
ebb_profile_get_approved_by (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);
  return self->approved_by;
}

/**
 * ebb_profile_set_approval:
 * @self: a profile
 * @approved: whether a clinician approved the profile
 * @approved_by: (nullable): the approving clinician's name
 *
 * Records a clinician's approval, needed for levels beyond the clinic's
 * limit. Validation refuses an approval without a name.
 */
void
ebb_profile_set_approval (EbbProfile *self,
                          gboolean    approved,
                          const char *approved_by)
{
  g_return_if_fail (EBB_IS_PROFILE (self));

  self->clinician_approved = !!approved;
  g_free (self->approved_by);
  self->approved_by = approved ? g_strstrip (g_strdup (approved_by != NULL ? approved_by : "")) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLINICIAN_APPROVED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROVED_BY]);
}

gboolean
ebb_profile_get_factory (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), FALSE);
  return self->factory;
}

/**
 * ebb_profile_get_source:
 * @self: a profile
 *
 * Returns: (nullable): where a factory profile's numbers come from
 */
const char *
ebb_profile_get_source (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), NULL);
  return self->source;
}

/**
 * ebb_profile_get_cycle_s:
 * @self: a profile
 *
 * Returns: the length of one vacuum phase plus one release phase
 */
guint
ebb_profile_get_cycle_s (EbbProfile *self)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);
  return self->vacuum_s + self->release_s;
}

/**
 * ebb_profile_get_n_cycles:
 * @self: a profile
 *
 * The planned cycle count, which a completed session runs exactly: the
 * session starts a vacuum phase only when its full length fits before the
 * end of the duration, and spends whatever time is left after the last one
 * in release (docs/session.md, "Cycles"). A cycle counts when its vacuum
 * phase is complete; its release phase may be cut short by the end. With a
 * duration shorter than one vacuum phase (refused by validation) the one
 * vacuum phase the session would run, cut short, is the single planned
 * cycle.
 *
 * Returns: how many full vacuum phases fit into the duration
 */
guint
ebb_profile_get_n_cycles (EbbProfile *self)
{
  guint cycle;

  g_return_val_if_fail (EBB_IS_PROFILE (self), 0);

  cycle = ebb_profile_get_cycle_s (self);
  if (cycle == 0 || self->duration_s == 0)
    return 0;
  if (self->duration_s < self->vacuum_s)
    return 1;
  return (self->duration_s - self->vacuum_s) / cycle + 1;
}

void
_ebb_profile_set_factory (EbbProfile *self,
                          gboolean    factory)
{
  g_return_if_fail (EBB_IS_PROFILE (self));

  if (self->factory == !!factory)
    return;

  self->factory = !!factory;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACTORY]);
}

void
_ebb_profile_allow_short_duration_for_tests (EbbProfile *self)
{
  g_return_if_fail (EBB_IS_PROFILE (self));
  self->short_duration_for_tests = TRUE;
}

/**
 * ebb_profile_effective_clinic_limit:
 * @setting_pa: the `clinic-limit-pa` setting
 *
 * The clinic may only tighten the override limit towards 0; a value deeper
 * than the factory limit (−5000 Pa) is treated as −5000 Pa, so no edited
 * settings file can widen it.
 *
 * Returns: the limit in force, in [−5000, 0]
 */
gint32
ebb_profile_effective_clinic_limit (gint32 setting_pa)
{
  return CLAMP (setting_pa, EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA, 0);
}

/**
 * ebb_profile_get_clinic_limit:
 * @settings: the application settings
 *
 * Returns: the clinic's override limit in force
 */
gint32
ebb_profile_get_clinic_limit (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA);

  return ebb_profile_effective_clinic_limit (g_settings_get_int (settings, "clinic-limit-pa"));
}

/**
 * ebb_profile_set_clinic_limit:
 * @settings: the application settings
 * @limit_pa: the new limit, in [−5000, 0]
 * @error: return location for %EBB_PROFILE_ERROR_CLINIC_LIMIT
 *
 * Sets the clinic's override limit. Refuses any value deeper than the
 * factory limit: only a clinician's approval of a single profile can go
 * beyond it, never a setting.
 *
 * Returns: %TRUE if set
 */
gboolean
ebb_profile_set_clinic_limit (GSettings  *settings,
                              gint32      limit_pa,
                              GError    **error)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  if (!ebb_profile_check_clinic_limit (limit_pa, error))
    return FALSE;

  return g_settings_set_int (settings, "clinic-limit-pa", limit_pa);
}

/**
 * ebb_profile_check_clinic_limit:
 * @limit_pa: a proposed `clinic-limit-pa`
 * @error: return location for %EBB_PROFILE_ERROR_CLINIC_LIMIT
 *
 * The clinic's override limit may only be tightened from the factory
 * limit towards 0, never widened beyond it: only a clinician's approval of
 * a single profile can go deeper.
 *
 * Returns: %TRUE if @limit_pa lies in [−5000, 0]
 */
gboolean
ebb_profile_check_clinic_limit (gint32   limit_pa,
                                GError **error)
{
  if (limit_pa < EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA || limit_pa > 0)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_CLINIC_LIMIT,
                   _("The clinic limit must lie between −5000 Pa and 0 Pa: it can only be "
                     "tightened. Profiles that need a deeper level need a clinician’s approval."));
      return FALSE;
    }

  return TRUE;
}

/**
 * ebb_profile_target_is_safe:
 * @target_pa: a target about to be sent to the chamber
 *
 * The last check before any SET_TARGET: within the hard limit and not
 * above atmosphere.
 *
 * Returns: %TRUE if @target_pa lies in [−7000, 0]
 */
gboolean
ebb_profile_target_is_safe (gint32 target_pa)
{
  return target_pa >= EBB_PROFILE_HARD_LIMIT_PA && target_pa <= 0;
}

/* The rules of ebb_profile_validate(); @approval_rule FALSE leaves out the
 * clinic limit's approval rule for ebb_profile_validate_definition(). */
static gboolean
check (EbbProfile  *self,
       gboolean     approval_rule,
       gint32       limit,
       GError     **error)
{
  guint min_duration = EBB_PROFILE_MIN_DURATION_S;

  if (self->name[0] == '\0' || g_utf8_strlen (self->name, -1) > EBB_PROFILE_MAX_NAME)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NAME,
                   _("Give the profile a name of 1 to %d characters."), EBB_PROFILE_MAX_NAME);
      return FALSE;
    }

  if (g_utf8_strlen (self->description, -1) > EBB_PROFILE_MAX_DESCRIPTION)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_DESCRIPTION,
                   _("Shorten the description to at most %d characters."),
                   EBB_PROFILE_MAX_DESCRIPTION);
      return FALSE;
    }

  if (self->level_pa >= 0)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_LEVEL_NOT_NEGATIVE,
                   _("The level must be a negative pressure (below 0 Pa)."));
      return FALSE;
    }

  if (self->level_pa < EBB_PROFILE_HARD_LIMIT_PA)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_BEYOND_HARD_LIMIT,
                   _("The level %d Pa is beyond the hard limit of %d Pa, which nothing can "
                     "override. Choose a level of %d Pa or above."),
                   self->level_pa, EBB_PROFILE_HARD_LIMIT_PA, EBB_PROFILE_HARD_LIMIT_PA);
      return FALSE;
    }

  if (self->clinician_approved && (self->approved_by == NULL || self->approved_by[0] == '\0'))
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_APPROVER_MISSING,
                   _("Enter the name of the clinician who approved the profile."));
      return FALSE;
    }

  if (approval_rule && self->level_pa < limit && !self->clinician_approved)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NEEDS_APPROVAL,
                   _("The level %d Pa is deeper than the clinic’s limit of %d Pa. A clinician "
                     "must approve the profile, or choose a level of %d Pa or above."),
                   self->level_pa, limit, limit);
      return FALSE;
    }

  if (self->release_s == 0)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_CONTINUOUS_HOLD,
                   _("A continuous hold is not a therapy mode: give the profile a release "
                     "phase of %d to %d seconds."),
                   EBB_PROFILE_MIN_PHASE_S, EBB_PROFILE_MAX_PHASE_S);
      return FALSE;
    }

  if (self->vacuum_s < EBB_PROFILE_MIN_PHASE_S || self->vacuum_s > EBB_PROFILE_MAX_PHASE_S
      || self->release_s < EBB_PROFILE_MIN_PHASE_S || self->release_s > EBB_PROFILE_MAX_PHASE_S)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PHASE,
                   _("Vacuum and release phases must each last %d to %d seconds."),
                   EBB_PROFILE_MIN_PHASE_S, EBB_PROFILE_MAX_PHASE_S);
      return FALSE;
    }

  if (self->short_duration_for_tests)
    min_duration = ebb_profile_get_cycle_s (self);

  if (self->duration_s < min_duration || self->duration_s > EBB_PROFILE_MAX_DURATION_S)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_DURATION,
                   _("The session must last 1 to 60 minutes."));
      return FALSE;
    }

  if (self->duration_s < self->vacuum_s)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_DURATION,
                   _("The session must last at least one vacuum phase (%u s). Shorten the vacuum "
                     "phase or lengthen the session."), self->vacuum_s);
      return FALSE;
    }

  if (self->ramp_pa_s > EBB_PROFILE_MAX_RAMP_PA_S)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_RAMP,
                   _("The ramp rate must lie between 0 (as fast as the pump can) and %d Pa/s."),
                   EBB_PROFILE_MAX_RAMP_PA_S);
      return FALSE;
    }

  /* A ramp that takes the whole vacuum phase never reaches the level: the
   * client gets no therapy and the supervisor cannot tell a leak from the
   * ramp (docs/session.md). */
  if (self->ramp_pa_s > 0
      && (gint64) ABS (self->level_pa) >= (gint64) self->ramp_pa_s * self->vacuum_s)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_RAMP_TOO_SLOW,
                   _("At %u Pa/s the ramp to %d Pa does not end within the %u-second vacuum "
                     "phase: choose a faster ramp or a longer vacuum phase."),
                   self->ramp_pa_s, self->level_pa, self->vacuum_s);
      return FALSE;
    }

  return TRUE;
}

/**
 * ebb_profile_validate:
 * @self: a profile
 * @clinic_limit_pa: the `clinic-limit-pa` setting (widening values are
 *   treated as the factory limit)
 * @error: return location for an #EbbProfileError
 *
 * Checks the profile against the hard limit, the clinic's limit and the
 * therapy envelope of clinical/screening.md §1.4. Runs when a session
 * prepares, because the clinic's limit may have been tightened since the
 * profile was saved (saving checks ebb_profile_validate_definition()).
 *
 * Returns: %TRUE if the profile may run
 */
gboolean
ebb_profile_validate (EbbProfile  *self,
                      gint32       clinic_limit_pa,
                      GError     **error)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), FALSE);

  return check (self, TRUE, ebb_profile_effective_clinic_limit (clinic_limit_pa), error);
}

/**
 * ebb_profile_validate_definition:
 * @self: a profile
 * @error: return location for an #EbbProfileError
 *
 * Checks every rule of ebb_profile_validate() except the clinic limit's
 * approval rule: what a profile needs to be stored. A profile beyond the
 * clinic's limit may be stored unapproved, because only the clinician can
 * approve it, and only once it is stored (ebb_profile_approve()); until then
 * ebb_profile_validate() refuses it to every session.
 *
 * Returns: %TRUE if the profile may be stored
 */
gboolean
ebb_profile_validate_definition (EbbProfile  *self,
                                 GError     **error)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), FALSE);

  return check (self, FALSE, 0, error);
}

/**
 * ebb_profile_needs_approval:
 * @self: a profile
 * @clinic_limit_pa: the `clinic-limit-pa` setting
 *
 * Returns: whether @self lies beyond the clinic's limit without a
 *   clinician's approval, so no session may run it
 */
gboolean
ebb_profile_needs_approval (EbbProfile *self,
                            gint32      clinic_limit_pa)
{
  g_return_val_if_fail (EBB_IS_PROFILE (self), FALSE);

  return self->level_pa < ebb_profile_effective_clinic_limit (clinic_limit_pa)
         && !self->clinician_approved;
}

/**
 * ebb_profile_load_factory:
 * @error: return location for an error
 *
 * Reads the read-only factory profiles from the application's resources.
 *
 * Returns: (transfer full) (element-type EbbProfile): the factory profiles
 */
GPtrArray *
ebb_profile_load_factory (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *root;
  JsonArray *array;

  bytes = g_resources_lookup_data (FACTORY_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "profiles")
      || (array = json_object_get_array_member (json_node_get_object (root), "profiles")) == NULL)
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE,
                   "The factory profiles resource has no “profiles” array");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      EbbProfile *profile;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE,
                       "Factory profile %u is not an object", i);
          return NULL;
        }

      profile = ebb_profile_new_from_json (json_node_get_object (node), error);
      if (profile == NULL)
        return NULL;
      profile->factory = TRUE;
      g_ptr_array_add (profiles, profile);
    }

  return g_steal_pointer (&profiles);
}

/**
 * ebb_profile_find_factory:
 * @name: an untranslated factory profile name
 * @error: return location for %EBB_PROFILE_ERROR_NOT_FOUND
 *
 * Returns: (transfer full) (nullable): the factory profile
 */
EbbProfile *
ebb_profile_find_factory (const char  *name,
                          GError     **error)
{
  g_autoptr(GPtrArray) profiles = ebb_profile_load_factory (error);

  g_return_val_if_fail (name != NULL, NULL);

  if (profiles == NULL)
    return NULL;

  for (guint i = 0; i < profiles->len; i++)
    {
      EbbProfile *profile = g_ptr_array_index (profiles, i);

      if (g_strcmp0 (profile->name, name) == 0
          || g_strcmp0 (ebb_profile_get_display_name (profile), name) == 0)
        return g_object_ref (profile);
    }

  g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NOT_FOUND,
               _("There is no profile named “%s”."), name);
  return NULL;
}
