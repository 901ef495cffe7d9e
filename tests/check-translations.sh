#!/bin/sh
# Fails when a language in po/LINGUAS misses or has fuzzy translations for
# any message of a freshly generated template.
set -eu
top=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top"

# The same keywords and flags as meson's i18n 'glib' preset.
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$work/files"
xgettext --package-name=ebbflow --from-code=UTF-8 --add-comments --sort-output \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format \
  --files-from="$work/files" --output="$work/ebbflow.pot"

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/ebbflow.pot" -o "$work/$lang.po"
  # "N translated messages, M fuzzy translations, K untranslated messages."
  stats=$(LC_ALL=C msgfmt --statistics --output-file=/dev/null "$work/$lang.po" 2>&1)
  # msgfmt names only the categories that are not empty.
  if printf '%s' "$stats" | grep -qE 'fuzzy|untranslated'; then
    echo "po/$lang.po is incomplete: $stats"
    msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -A1 '^msgid ' | head -60
    msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -A1 '^msgid ' | head -30
    status=1
  else
    echo "po/$lang.po: complete ($stats)"
  fi
  msgfmt --check --output-file=/dev/null "po/$lang.po" || status=1
done
exit $status
