#!/usr/bin/env bash
# provenance_test.sh CHISO — every result says where it comes from: the
# rules file and each file it includes with their SHA-256 (as sha256sum
# computes them), the engine's version and the time of scoring, which
# SOURCE_DATE_EPOCH fixes for reproducible outputs (needs jq).
set -uo pipefail
chiso="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
unset SOURCE_DATE_EPOCH
r=rules/cap-huyen/ha-tinh-2021.chiso
inc=rules/cap-huyen/so-lieu-ha-tinh-2021.chiso
version="$("$chiso" --version)"

SOURCE_DATE_EPOCH=1700000000 "$chiso" score -q "$r" fixtures/cap-huyen/submissions tests/batch/data/report/b-truncated.json > "$work/a.json"
check "exit 3 (one unit in error)" test $? -eq 3
check "every result has a provenance" test "$(jq '[.[] | select(.provenance == null)] | length' "$work/a.json")" = 0
check "the unit in error too" test "$(jq -r '.[] | select(.status == "error") | .provenance.rules' "$work/a.json")" = "$r"
check "rules file named" test "$(jq -r '.[0].provenance.rules' "$work/a.json")" = "$r"
check "rules SHA-256 as sha256sum says" test "$(jq -r '.[0].provenance.rules_sha256' "$work/a.json")" = "$(sha256sum "$r" | cut -d' ' -f1)"
check "the included file and its SHA-256" test "$(jq -r '.[0].provenance.includes | map(.file + " " + .sha256) | join(";")' "$work/a.json")" = "$inc $(sha256sum "$inc" | cut -d' ' -f1)"
check "engine version" test "$(jq -r '.[0].provenance.engine' "$work/a.json")" = "$version"
check "SOURCE_DATE_EPOCH gives the time" test "$(jq -r '.[0].provenance.scored_at' "$work/a.json")" = "2023-11-14T22:13:20Z"
check "one provenance for the whole batch" test "$(jq '[.[].provenance] | unique | length' "$work/a.json")" = 1
sleep 1
SOURCE_DATE_EPOCH=1700000000 "$chiso" score -q "$r" fixtures/cap-huyen/submissions tests/batch/data/report/b-truncated.json > "$work/b.json"
check "reproducible: two runs byte for byte" cmp -s "$work/a.json" "$work/b.json"
SOURCE_DATE_EPOCH=1700000000 "$chiso" score -q -f ndjson "$r" fixtures/cap-huyen/submissions > "$work/a.ndjson"
check "ndjson: each line" test "$(jq -s '[.[] | select(.provenance.scored_at == "2023-11-14T22:13:20Z")] | length' "$work/a.ndjson")" = 13

before=$(date -u +%s)
"$chiso" score -q "$r" fixtures/cap-huyen/submissions/duc-tho.json > "$work/now.json"
check "one unit scored" test $? -eq 0
after=$(date -u +%s)
t=$(date -u -d "$(jq -r '.[0].provenance.scored_at' "$work/now.json")" +%s)
check "without SOURCE_DATE_EPOCH: now" test "$t" -ge "$before" -a "$t" -le "$after"
SOURCE_DATE_EPOCH=yesterday "$chiso" score -q "$r" fixtures/cap-huyen/submissions/duc-tho.json > "$work/bad.json" 2>/dev/null
t=$(date -u -d "$(jq -r '.[0].provenance.scored_at' "$work/bad.json")" +%s)
check "SOURCE_DATE_EPOCH not a number: now" test "$t" -ge "$before"

# a rules file changed by one byte changes its digest
cp "$r" "$inc" "$work/"
printf '\n' >> "$work/$(basename "$inc")"
SOURCE_DATE_EPOCH=0 "$chiso" score -q "$work/$(basename "$r")" fixtures/cap-huyen/submissions/duc-tho.json > "$work/c.json"
check "an include changed: its digest changes, the rules' does not" test \
  "$(jq -r '.[0].provenance | .rules_sha256 + " " + .includes[0].sha256' "$work/c.json")" = \
  "$(sha256sum "$r" | cut -d' ' -f1) $(sha256sum "$work/$(basename "$inc")" | cut -d' ' -f1)"
check "SOURCE_DATE_EPOCH=0" test "$(jq -r '.[0].provenance.scored_at' "$work/c.json")" = "1970-01-01T00:00:00Z"

echo "provenance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
