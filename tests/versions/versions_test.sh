#!/usr/bin/env bash
# versions_test.sh CHISO — versions of an index by decision and year
# (áp_dụng / applies_to, trước_đây / previously): each submission scored by
# the version of its period (points worked out by hand below), an error
# result naming the period when none applies, overlapping versions and
# malformed periods as positioned errors, exit codes, fmt round trip.
set -uo pipefail
chiso="$1"
data="tests/versions/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
jqt() { jq -e "$1" "$work/out" > /dev/null; }

# --- a directory of versions: each file one version of "Chỉ số CCHC cấp tỉnh"
run check "$data/par"
check "check dir: exit 0" test $code -eq 0
run score "$data/par" "$data/submissions/a-2017.json" "$data/submissions/a-2023.json"
check "score 2017 + 2023: exit 0" test $code -eq 0
# 2017 (2948): 1.1 plan 9/10 = 90% -> 1; 1.2 report on time -> 2; 2.1 980/1000 = 98% -> 6; 9 of 10.
check "2017 scored by 2948: 9 of 10" \
  jqt '.[0] | .version == {"applies_to": "2017", "source": "2948/QĐ-BNV"} and .points == 9 and .max == 10'
check "2017: nodes of the 2017 version" jqt '[.[0].nodes[].children[].id] == ["1.1", "1.2", "2.1"]'
# 2023-Q4 (876): 1.1 inspected 3/10 = 30% -> 1; 1.2 plan 90% -> 1.5; 3.1 960/1000 = 96% -> 3; 5.5.
check "2023-Q4 scored by 876: 5.5 of 10" \
  jqt '.[1] | .version == {"applies_to": "2022 đến 2030", "source": "876/QĐ-BNV"} and .points == 5.5 and .percent == 55'
check "2023: previous IDs in the result" \
  jqt '[.[1].nodes[] | .previously, (.children[] | .previously)] == [null, null, "1.1", "2", "2.1"]'
check "2023: field ranks by the version's own fields" jqt '.[1].field_ranks == {"1": 1, "3": 1}'

# --- no version for the period: an error result naming it; the rest scored; exit 3
run score "$data/par" "$data/submissions"
check "a period without a version: exit 3" test $code -eq 3
check "2019: error names the period and lists the versions" \
  jqt '.[1] | .status == "error" and .errors == ["no version of index \"Chỉ số CCHC cấp tỉnh\" applies to period \"2019\" (its versions: 2017 (2948/QĐ-BNV); 2022 đến 2030 (876/QĐ-BNV))"]'
check "a period naming no year" \
  jqt '.[3].errors[0] | startswith("period \"năm nay\" names no year; index \"Chỉ số CCHC cấp tỉnh\" has a version per period")'
check "no period at all" jqt '.[4].errors[0] | startswith("the submission has no \"period\"")'
check "the other units scored" jqt '[.[] | .status] == ["ok", "error", "ok", "error", "error"]'
check "stderr counts the units in error" has_err "3 of 5 units could not be scored"

# --- text: scorecards and criteria statistics by each period's own version
run score -f text "$data/par" "$data/submissions/a-2017.json" "$data/submissions/a-2023.json"
check "text: the scorecard names its version" has_out "Chỉ số CCHC cấp tỉnh · phiên bản 876/QĐ-BNV, áp dụng 2022 đến 2030"
check "text: 2023 criteria under their 2023 IDs" has_out "3.1      Hồ sơ đúng hạn"
check "text: 2017 criteria under their 2017 IDs" has_out "2.1      Hồ sơ đúng hạn"

run score -f html "$data/par" "$data/submissions/a-2017.json" "$data/submissions/a-2023.json"
check "html: the scorecard names its version" has_out " · phiên bản 876/QĐ-BNV, áp dụng 2022 đến 2030</summary>"

# --- csv of a batch mixing versions: one block of columns per version, each
# header prefixed by its years; a unit fills its own version's block (values
# by hand above: 2017 fields 1 + 2 = 3 and 6, criteria 1, 2, 6; 2023 fields
# 1 + 1.5 = 2.5 and 3, criteria 1, 1.5, 3, changes -0.5 and -3)
run score -f csv --decimal-point --lang en "$data/par" "$data/submissions/a-2017.json" "$data/submissions/a-2023.json"
head -1 "$work/out" | sed 's/^\xEF\xBB\xBF//' | tr -d '\r' > "$work/csv.head"
check "csv mixed: field columns per version" \
  grep -qF 'rank,"[2017] 1 Chỉ đạo, điều hành",[2017] 2 Thủ tục hành chính,"[2022 đến 2030] 1 Chỉ đạo, điều hành",[2022 đến 2030] 3 Thủ tục hành chính,[2017] 1 rank,[2017] 2 rank,[2022 đến 2030] 1 rank,[2022 đến 2030] 3 rank,previous period' "$work/csv.head"
check "csv mixed: criterion columns per version (1.1 is another criterion in 2023)" \
  grep -qF 'note,[2017] 1.1 Kế hoạch CCHC,[2017] 1.2 Báo cáo CCHC,[2017] 2.1 Hồ sơ đúng hạn,[2022 đến 2030] 1.1 Kiểm tra CCHC,[2022 đến 2030] 1.2 Kế hoạch CCHC,[2022 đến 2030] 3.1 Hồ sơ đúng hạn' "$work/csv.head"
check "csv mixed: 2017 in its block" \
  has_out 'ht,Hà Tĩnh,tỉnh,2017,9,10,90,,1,3,6,,,1,1,,,,,,,,,,,,,,ok,tests/versions/data/submissions/a-2017.json,,,1,2,6,,,'
check "csv mixed: 2023 in its block, its changes under its fields" \
  has_out 'ht,Hà Tĩnh,tỉnh,2023-Q4,5.5,10,55,,1,,,2.5,3,,,1,1,2017,-35,0,,,,,-0.5,0,-3,0,ok,tests/versions/data/submissions/a-2023.json,,,,,,1,1.5,3'
run score -f csv --decimal-point --lang en "$data/par" "$data/submissions/a-2023.json"
check "csv one version: its own columns, no prefix" \
  has_out 'rank,"1 Chỉ đạo, điều hành",3 Thủ tục hành chính,1 rank,3 rank,status,file,error,note,1.1 Kiểm tra CCHC,1.2 Kế hoạch CCHC,3.1 Hồ sơ đúng hạn'
check "csv one version: the 2023 unit's criteria shown" has_out 'a-2023.json,,,1,1.5,3'

run explain "$data/par" "$data/submissions/a-2023.json"
check "explain: the version in the heading" \
  has_out "== Hà Tĩnh [ht] · kỳ 2023-Q4 — Chỉ số CCHC cấp tỉnh · phiên bản 876/QĐ-BNV, áp dụng 2022 đến 2030 =="
# explain's per-node output for the 2023 version: 1.2 (previously 1.1) read 9 of 10
check "explain: nodes of the 2023 version" has_out "1.2  Kế hoạch CCHC"

# --- one file of one version: a submission of another year is an error
run score "$data/par/tinh-2017.chiso" "$data/submissions/a-2023.json"
check "single version, other year: exit 3" test $code -eq 3
check "single version: lists its one version" \
  jqt '.[0].errors == ["no version of index \"Chỉ số CCHC cấp tỉnh\" applies to period \"2023-Q4\" (its versions: 2017 (2948/QĐ-BNV))"]'

# --- overlapping versions: a check error at the periods of the later one, in check and score
mkdir -p "$work/overlap"
cp "$data/par/"*.chiso "$work/overlap/"
cat > "$work/overlap/z-2020.chiso" <<'RULES'
index "Chỉ số CCHC cấp tỉnh" {
  áp_dụng 2017, 2019 đến 2022
  tổng 1
  lĩnh_vực 1 "A" tối_đa 1 { tiêu_chí 1.1 "B" tối_đa 1 { điểm 1 } }
}
RULES
run check "$work/overlap"
check "overlap: check exit 1" test $code -eq 1
check "overlap: positioned error with caret" \
  has_err "$work/overlap/z-2020.chiso:2:11: error: two versions of index \"Chỉ số CCHC cấp tỉnh\" apply to 2017: this one and the one at $work/overlap/tinh-2017.chiso:2"
check "overlap: caret under the span" has_err "  |           ^~~~"
check "overlap: also with the 2022 đến 2030 version" \
  has_err "$work/overlap/z-2020.chiso:2:17: error: two versions of index \"Chỉ số CCHC cấp tỉnh\" apply to 2022: this one and the one at $work/overlap/tinh-2022-2030.chiso:3"
check "overlap: the directory's summary" has_err "$work/overlap (its files together): 2 errors, 0 warnings"
run check -f json "$work/overlap"
check "overlap: json names the directory" \
  jqt '.[] | select(.file | endswith("/overlap")) | .errors == 2 and .diagnostics[0].code == "version-overlap" and .diagnostics[0].line == 2 and .diagnostics[0].column == 11'
run score "$work/overlap" "$data/submissions/a-2017.json"
check "overlap: score exit 1, nothing scored" test $code -eq 1
check "overlap: score says so" has_err "2 errors in the rules; nothing scored"
# the later span 2019 đến 2022 meets 2022 đến 2030: reported with its year
sed -i 's/2017, 2019 đến 2022/2019 đến 2022/' "$work/overlap/z-2020.chiso"
run check "$work/overlap"
check "overlap of spans: the first shared year" has_err "apply to 2022: this one and the one at"

# --- the same name without periods stays an error, now with the way out
cat > "$work/dup.chiso" <<'RULES'
index "X" { total 1 field 1 "A" max 1 { criterion 1.1 "B" max 1 { score 1 } } }
index "X" { applies_to 2020 total 1 field 1 "A" max 1 { criterion 1.1 "B" max 1 { score 1 } } }
RULES
run check "$work/dup.chiso"
check "same name, one without periods: exit 1" test $code -eq 1
check "duplicate-index hints at versions" has_err "or make them versions of one index"

# --- previously naming no node of the previous version: a warning
cp -r "$data/par" "$work/prev"
sed -i 's/previously "2.1"/previously "2.9"/' "$work/prev/tinh-2022-2030.chiso"
run check "$work/prev"
check "previously-unknown: exit 0 (a warning)" test $code -eq 0
check "previously-unknown: positioned warning" \
  has_err "$work/prev/tinh-2022-2030.chiso:27:18: warning: the previous version of \"Chỉ số CCHC cấp tỉnh\" (áp_dụng 2017, $work/prev/tinh-2017.chiso:2) has no node 2.9"
run check --strict "$work/prev"
check "previously-unknown: --strict exit 1" test $code -eq 1

# --- malformed periods: every error with its position
run check "$data/bad.chiso"
check "bad periods: exit 1" test $code -eq 1
for want in \
  "bad.chiso:2:11: error: '17' is not a year" \
  "bad.chiso:2:15: error: the span of years 2020 đến 2018 is empty (it ends before it starts)" \
  "bad.chiso:3:3: error: the periods (áp_dụng / applies_to) given twice" \
  "bad.chiso:4:3: error: what a node was called in the previous version (trước_đây / previously) belongs to a node, not to the index" \
  "bad.chiso:7:5: error: the periods a version applies to belong to the index, not to a node" \
  "bad.chiso:10:7: error: the previous ID (trước_đây / previously) given twice" \
  "bad.chiso:16:19: error: unknown word 'until' in a span of years" \
  "bad.chiso:16:31: error: unknown word 'since' before a year" \
  "bad.chiso:16:43: error: this span of years overlaps one listed before it on this line" \
  "bad.chiso:16:57: error: this span of years overlaps one listed before it on this line"; do
  check "bad periods: $want" has_err "$want"
done
check "bad periods: ten errors" has_err "bad.chiso: 10 errors, 0 warnings"

# --- fmt: the new keywords round-trip, in every spelling
for f in "$data/par/tinh-2017.chiso" "$data/par/tinh-2022-2030.chiso"; do
  run fmt "$f"
  check "fmt keeps $f" cmp -s "$f" "$work/out"
  "$chiso" fmt --keywords en "$f" > "$work/en.chiso"
  "$chiso" fmt --keywords vi "$work/en.chiso" > "$work/vi.chiso"
  check "fmt en: applies_to / previously" grep -q "^  applies_to 20" "$work/en.chiso"
  check "fmt vi: áp_dụng" grep -q "^  áp_dụng 20" "$work/vi.chiso"
done
grep -q "previously 1.1" "$work/en.chiso" && grep -q "trước_đây 1.1" "$work/vi.chiso"
check "fmt translates previously" test $? -eq 0
mkdir -p "$work/ascii"
sed -e 's/áp_dụng/ap_dung/; s/căn_cứ/can_cu/' "$data/par/tinh-2017.chiso" > "$work/ascii/tinh-2017.chiso"
sed -e 's/applies_to 2022 to 2030/ap_dung tu 2022/; s/previously/truoc_day/g' "$data/par/tinh-2022-2030.chiso" \
  > "$work/ascii/tinh-2022.chiso"
run score "$work/ascii" "$data/submissions/a-2023.json"
check "without diacritics, from 2022 on (từ): 2023 by the second version" \
  jqt '.[0] | .version.applies_to == "từ 2022" and .points == 5.5'

echo "versions: $passed passed, $failed failed"
test "$failed" -eq 0
