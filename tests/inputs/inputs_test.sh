#!/usr/bin/env bash
# inputs_test.sh CHISO — submissions read as they were meant: keys typed
# with combining marks (NFD) are the keys of the rules, keys equal once
# normalized are a duplicate-key error, numbers are read exactly.
set -uo pipefail
chiso="$1"
d="tests/inputs/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
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

# --- exact numbers: the average of five survey groups' satisfaction ratios
# (1 237, 2 099, 3 119, 4 127 and 5 101 respondents) once failed with
# "arithmetic overflow computing the percent". Worked out with fractions:
# value (Σ yes/n) / 5 × 10 = 1650948543184888574/170485444160363219 =
# 9.683809379…; 1.1 = 2 (v − 5)/5 = 1.873523751…; 1.2 = 2 (v >= 9);
# 2.1 = 3 (5778/5926 = 97.5 % >= 95 %); points 6.873523751… of 7;
# percent 98.193196452… (tests/unit/test_exact.c checks them exactly).
ex="$d/exact"
run score "$ex/survey.chiso" "$ex/survey.json"
check "survey: exit 0" test $code -eq 0
check "survey: points, percent and grade" \
  test "$(jq -c '.[0] | [.status, .points, .max, .percent, .grade]' "$work/out")" = '["ok",6.873524,7,98.193196,"Xuất sắc"]'
check "survey: the average, 6 decimals" test "$(grep -o '"value":9.683809,' "$work/out")" = '"value":9.683809,'
run score -f text "$ex/survey.chiso" "$ex/survey.json"
check "survey: the scorecard" has_out "Tổng điểm: 6.87 / 7.00 (98.19%) · Xếp loại: Xuất sắc · Hạng: 1"

# Numbers read as written; beyond the bound, an error naming the metric
# while the rest of the batch is scored.
printf '{"unit":{"id":"tiny"},"period":"2021","metrics":{"hồ_sơ":{"đúng_hạn":1e-400,"tổng_số":1e-400}}}\n' > "$work/tiny.json"
printf '{"unit":{"id":"huge"},"period":"2021","metrics":{"hồ_sơ":{"đúng_hạn":1e1001,"tổng_số":1}}}\n' > "$work/huge.json"
cat > "$work/ratio.chiso" <<'RULES'
index "t" { total 1 field 1 "f" max 1 { criterion 1.1 "c" max 1 {
  value ratio(hồ_sơ.đúng_hạn, hồ_sơ.tổng_số) band >= 100% -> 1 band otherwise -> 0 } } }
RULES
run score "$work/ratio.chiso" "$work/tiny.json" "$work/huge.json"
check "numbers: exit 3 (one unit in error)" test $code -eq 3
check "1e-400 / 1e-400 is 1, not a zero denominator" test "$(jq -c '.[0] | [.status, .points]' "$work/out")" = '["ok",1]'
check "1e1001: an error naming the metric and the bound" \
  test "$(jq -r '.[1].errors[0]' "$work/out")" = "metric 'hồ_sơ.đúng_hạn' = 1e1001 is beyond the numbers chiso reads exactly: at most 1000 digits and an exponent within ±1000"

# Values beyond 64 bits in each format: exact in NDJSON (".0" on a whole
# one, a string of digits from 10^300 on), 6 significant digits in text.
cat > "$work/value.chiso" <<'RULES'
index "t" { total 1 field 1 "f" max 1 { criterion 1.1 "c" max 1 { value a.x band > 0 -> 1 band otherwise -> 0 } } }
RULES
printf '{"unit":{"id":"big"},"period":"2021","metrics":{"a":{"x":12345678901234567890123}}}\n' > "$work/big.json"
printf '{"unit":{"id":"vast"},"period":"2021","metrics":{"a":{"x":1e400}}}\n' > "$work/vast.json"
run score -f ndjson "$work/value.chiso" "$work/big.json" "$work/vast.json"
check "a whole number past 64 bits: exact, with .0" has_out '"value":12345678901234567890123.0,'
check "a number from 10^300 on: a string of its 401 digits" \
  test "$(jq -r 'select(.unit.id == "vast") | .nodes[0].children[0].value | length' "$work/out")" = 401
run explain -f json "$work/value.chiso" "$work/big.json"
check "explain -f json: a number past 64 bits exact, as score writes it" has_out '"value": 12345678901234567890123.0,'
check "explain -f json: laid out like the other JSON" has_out '      "children": ['
run explain -f json "$work/value.chiso" "$work/vast.json"
check "explain -f json: from 10^300 on, a string of its 401 digits" \
  test "$(jq -r '.nodes[0].children[0].value | length' "$work/out")" = 401
run score -f text "$work/value.chiso" "$work/big.json" "$work/vast.json"
check "text: 6 significant digits" has_out "1.23457e+22 → > 0"
check "text: both units scored" test "$(grep -c 'Tổng điểm: 1.00 / 1.00' "$work/out")" = 2

# Numbers in the unit object are echoed as the submission wrote them, in
# every format, also when a unit's result is read back from the spool (a
# duplicate, pretty JSON, the text, HTML and workbook reports).
printf '{"unit":{"id":"code","code":123456789012345678901234,"area":1.23456789012345678,"far":1e400},"period":"2021","metrics":{"a":{"x":1}}}\n' > "$work/unitnum.json"
unit_echo='"unit":{"id":"code","code":123456789012345678901234,"area":1.23456789012345678,"far":1e400}'
run score -f ndjson "$work/value.chiso" "$work/unitnum.json"
check "unit numbers: as written" has_out "$unit_echo"
check "unit numbers: no marked string" sh -c "! grep -q 'u0000' '$work/out'"
run score -f ndjson "$work/value.chiso" "$work/unitnum.json" "$work/unitnum.json"
check "unit numbers: a duplicate, read back from the spool, as written" \
  test "$(grep -c -F "$unit_echo" "$work/out")" = 2
run score -f json --pretty "$work/value.chiso" "$work/unitnum.json"
check "unit numbers: pretty JSON as written" has_out '"code": 123456789012345678901234,'
check "unit numbers: pretty JSON, beyond a double" has_out '"far": 1e400'
for f in text html csv; do
  run score -f $f "$work/value.chiso" "$work/unitnum.json" "$work/big.json"
  check "unit numbers: -f $f exit 0" test $code -eq 0
  check "unit numbers: -f $f no damaged spool" sh -c "! grep -q 'damaged' '$work/err'"
done
run score -f xlsx -o "$work/unitnum.xlsx" "$work/value.chiso" "$work/unitnum.json" "$work/big.json"
check "unit numbers: -f xlsx exit 0, a workbook" test $code -eq 0 -a -s "$work/unitnum.xlsx"
run explain -f json "$work/value.chiso" "$work/unitnum.json"
check "unit numbers: explain -f json as written" has_out '"code": 123456789012345678901234,'

# verify reads actuals the same way: keys in NFC, numbers as written.
cat > "$work/plan.chiso" <<'RULES'
kế_hoạch "Kế hoạch thử" {
  chỉ_tiêu 1 "Hồ sơ đúng hạn ≥ 98%" lĩnh_vực tthc hồ_sơ.đúng_hạn / hồ_sơ.tổng_số >= 98%
  chỉ_tiêu 2 "Bình phương" lĩnh_vực tthc hồ_sơ.tổng_số * hồ_sơ.tổng_số >= 999999999999 * 999999999999
}
RULES
printf '{"unit":{"id":"nfd"},"period":"2021","metrics":{"%s":{"%s":999999999999,"%s":999999999999}}}\n' \
  "$(printf 'ho\xcc\x82\xcc\x80_so\xcc\x9b')" "$(printf '\xc4\x91u\xcc\x81ng_ha\xcc\xa3n')" "$nfd_tong" > "$work/actuals.json"
run verify -f json "$work/plan.chiso" "$work/actuals.json"
check "verify: NFD keys found, a product past 64 bits compared exactly" \
  test "$(jq -c '.[0] | [.status, .summary.met, .summary.missing]' "$work/out")" = '["ok",2,0]'
check "verify -f json: the product written exactly" has_out '"actual": 999999999998000000000001.0,'
check "verify -f json: the threshold too" has_out '"threshold": 999999999998000000000001.0,'
check "verify -f json: short numbers as before" has_out '"threshold": 0.98,'
printf '{"unit":{"id":"nfd","code":123456789012345678901234},"period":"2021","metrics":{"hồ_sơ":{"đúng_hạn":999999999999,"tổng_số":999999999999}}}\n' > "$work/actuals-code.json"
run verify -f json "$work/plan.chiso" "$work/actuals-code.json"
check "verify -f json: unit numbers as written" has_out '"code": 123456789012345678901234'

printf 'kế_hoạch "p" {\n  chỉ_tiêu 1 "t" lĩnh_vực tthc hồ_sơ.tổng_số * hồ_sơ.tổng_số >= 999999999999 * 999999999999 + 0.5\n}\n' > "$work/short.chiso"
run verify -f json "$work/short.chiso" "$work/actuals.json"
check "verify -f json: a threshold with a half, exact" has_out '"threshold": 999999999998000000000001.5,'
check "verify -f json: the shortfall" has_out '"shortfall": 0.5,'
run verify "$work/short.chiso" "$work/actuals.json"
check "verify text: rounded for reading, exit 1" test $code -eq 1
check "verify text: the shortfall" has_out "còn thiếu 0.5"

echo "inputs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
