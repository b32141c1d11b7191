#!/usr/bin/env bash
# cap-xa-generator.sh — the generated submissions of the commune index are
# what scripts/gen-cap-xa-fixtures.sh writes (byte for byte), and the
# fixture set holds at least 60 communes, each a valid JSON submission.
set -uo pipefail
subs=fixtures/cap-xa/submissions
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/gen-cap-xa-fixtures.sh "$work" || { echo "FAIL: the generator failed"; exit 1; }
fail=0
generated=0
for f in "$work"/*.json; do
  generated=$((generated + 1))
  if ! cmp -s "$f" "$subs/$(basename "$f")"; then
    echo "FAIL: $subs/$(basename "$f") differs from what the generator writes"; fail=1
  fi
done
total=$(ls "$subs"/*.json | wc -l)
[ "$generated" -eq 61 ] || { echo "FAIL: the generator wrote $generated units, not 61"; fail=1; }
[ "$total" -ge 60 ] || { echo "FAIL: only $total communes"; fail=1; }
bad="$(jq -r 'select((.unit.id and .unit.level == "xã" and .period == "2025") | not) | input_filename' "$subs"/*.json)" \
  || { echo "FAIL: a submission is not JSON"; fail=1; }
[ -z "$bad" ] || { echo "FAIL: not a commune submission of 2025: $bad"; fail=1; }
[ $fail -eq 0 ] && echo "generator: $generated generated units as checked in; $total communes in all"
exit $fail
