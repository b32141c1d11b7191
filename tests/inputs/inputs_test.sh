#!/usr/bin/env bash
# inputs_test.sh CHISO — submissions read as they were meant: keys typed
# with combining marks (NFD) are the keys of the rules, keys equal once
# normalized are a duplicate-key error, numbers are read exactly.
set -uo pipefail
chiso="$1"
d="tests/inputs/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {
  local name="$1"
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
run() { # run ARGS...: sets $code, $work/out, $work/err
  "$chiso" "$@" > "$work/out" 2> "$work/err"
  code=$?
}
has_out() { grep -qF -- "$1" "$work/out"; }
has_err() { grep -qF -- "$1" "$work/err"; }
# Every result without where it was read from.
scores() { jq -S 'map(del(.file))' "$1"; }

# --- NFC of keys: the district index with Vietnamese metric names, its 13
# submissions typed precomposed and entirely with combining marks.
vi="$d/vi-keys"
check "the NFD files really are NFD" grep -q "$(printf 'ho\xcc\x82\xcc\x80')" "$vi/nfd/duc-tho.json"
check "the NFC files have no combining marks" test "$(grep -c "$(printf '\xcc[\x80-\xbf]')" "$vi"/nfc/*.json | grep -vc ':0$')" = 0
run score "$vi/rules.chiso" "$vi/nfc"; cp "$work/out" "$work/nfc.json"
check "NFC submissions: exit 0" test $code -eq 0
run score "$vi/rules.chiso" "$vi/nfd"; cp "$work/out" "$work/nfd.json"
check "NFD submissions: exit 0 (every metric found)" test $code -eq 0
check "NFD submissions score identically to NFC ones" test "$(scores "$work/nfd.json")" = "$(scores "$work/nfc.json")"
check "13 units scored" test "$(jq '[.[] | select(.status == "ok")] | length' "$work/nfd.json")" = 13
run score rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions
check "and identically to the English-keyed index" \
  test "$(jq -c 'map([.unit.id, .points, .percent, .grade, .rank])' "$work/out")" = \
       "$(jq -c 'map([.unit.id, .points, .percent, .grade, .rank])' "$work/nfd.json")"
check "Đức Thọ: 95.5 points, as in the reviewed snapshot" \
  test "$(jq '.[] | select(.unit.id == "duc-tho") | .points' "$work/nfd.json")" = 95.5

# Two keys that are one name once normalized: an error naming both, while
# the rest of the batch is scored.
nfd_tong="$(printf 'to\xcc\x82\xcc\x89ng_so\xcc\x82\xcc\x81')"
printf '{"unit":{"id":"dup"},"period":"2021","metrics":{"hồ_sơ":{"tổng_số":50,"đúng_hạn":49,"%s":51}}}\n' "$nfd_tong" > "$work/dup.json"
run score "$vi/rules.chiso" "$vi/nfc/duc-tho.json" "$work/dup.json"
check "duplicate after NFC: exit 3" test $code -eq 3
check "the other unit is scored" test "$(jq -r '.[0].status' "$work/out")" = ok
check "the duplicate is an error naming both keys as written" \
  test "$(jq -r '.[1].errors[0]' "$work/out")" = "duplicate key in \"metrics.hồ_sơ\": \"tổng_số\" and \"$nfd_tong\" (typed with combining marks) are the same name once normalized (Unicode NFC)"
printf '{"unit":{"id":"dup"},"metrics":{"%s":{"a":1},"hồ_sơ":{"b":2}}}\n' "$(printf 'ho\xcc\x82\xcc\x80_so\xcc\x9b')" > "$work/dup2.json"
run score "$vi/rules.chiso" "$work/dup2.json"
check "duplicate group, NFD first: named" \
  test "$(jq -r '.[0].errors[0]' "$work/out")" = "duplicate key in \"metrics\": \"$(printf 'ho\xcc\x82\xcc\x80_so\xcc\x9b')\" (typed with combining marks) and \"hồ_sơ\" are the same name once normalized (Unicode NFC)"

echo "inputs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
