#!/usr/bin/env bash
# snapshot.sh CHISO RULES SUBMISSIONS EXPECTED — scores a fixture batch and
# compares the results with a reviewed snapshot (semantically, with jq).
# Exit 0 or 3 from chiso are both expected: a fixture batch may hold units
# in error on purpose; anything else fails.
set -uo pipefail
chiso="$1" rules="$2" subs="$3" expected="$4"
got="$(mktemp)"
trap 'rm -f "$got"' EXIT
"$chiso" score -q "$rules" "$subs" > "$got" 2>/dev/null
code=$?
if [ $code -ne 0 ] && [ $code -ne 3 ]; then echo "FAIL: chiso exited $code"; exit 1; fi
# The provenance (rules digests, engine version, time) is tested on its own.
strip='map(del(.provenance))'
if ! diff <(jq -S "$strip" "$expected") <(jq -S "$strip" "$got") > /dev/null; then
  echo "FAIL: results differ from $expected:"
  diff <(jq -S "$strip" "$expected") <(jq -S "$strip" "$got") | head -40
  exit 1
fi
echo "snapshot: $(jq length "$got") units as in $expected"
