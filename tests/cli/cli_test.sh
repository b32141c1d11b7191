#!/usr/bin/env bash
# cli_test.sh CHISO — the chiso command end to end: every command, its exit
# codes, its messages with positions, and the worked example of the
# language contract compared (semantically, with jq) to its result worked
# out by hand in fixtures/examples/expected/ductho.json.
set -uo pipefail
chiso="$1"
d="tests/cli/data"
rules="rules/examples/huyen-mini.chiso"
sub="fixtures/examples/submissions/ductho.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err

# --- general
run --version;                 check "--version exit 0" test $code -eq 0; check "--version text" has_out "chiso 0.1.0"
run --help;                    check "--help exit 0" test $code -eq 0; check "--help lists verify" has_out "chiso verify"
run;                           check "no command: exit 2" test $code -eq 2
run frobnicate;                check "unknown command: exit 2" test $code -eq 2; check "unknown command named" has_err "unknown command 'frobnicate'"
run help score;                check "help score" has_out "--fail-fast"

# --- check
run check "$rules";            check "check clean: exit 0" test $code -eq 0; check "check summary" has_err "0 errors, 0 warnings"
run check "$d/errors.chiso";   check "check errors: exit 1" test $code -eq 1
check "unreachable band with position" has_err "$d/errors.chiso:7:7: error: band '>= 95%' can never be chosen"
check "duplicate ID with position"     has_err "$d/errors.chiso:10:15: error: duplicate node ID '1.1'"
check "unknown function with hint"     has_err "did you mean 'ratio'?"
check "maxima with position"           has_err "$d/errors.chiso:2:9: error: the fields add up to 4, not to the total 10"
check "a caret line"                   grep -q '^      |       \^~~~' "$work/err"
printf 'index "t" { total 2 field 1 "f" max 2 { criterion 1.1 "c" max 2 { value x band >= 1 -> 1,5 band otherwise -> 0 } } }\n' > "$work/comma.chiso"
run check "$work/comma.chiso"; check "decimal comma in points: a hint" has_err "hint: decimals are written with a point: 1.5"
run check "$d/warn.chiso";     check "warnings only: exit 0" test $code -eq 0; check "gap warning" has_err "warning: no band of '1.1' covers values in [0%, 90%)"
run check --strict "$d/warn.chiso"; check "--strict: warnings fail" test $code -eq 1
# one misspelt keyword: one error, with its hint, and the exit code of rule errors
printf 'chỉ_số "t" {\n  tổng 1\n  lĩnh_vực 1 "f" tối_đa 1 {\n    tiêu_chi 1.1 "c" tối_đa 1 {\n      điểm tối_đa\n    }\n  }\n}\n' > "$work/typo.chiso"
run check "$work/typo.chiso"
check "a keyword typo: exit 1" test $code -eq 1
check "a keyword typo: one error" has_err "typo.chiso: 1 error, 0 warnings"
check "a keyword typo: where it is" has_err "typo.chiso:4:5: error: unexpected identifier 'tiêu_chi'"
check "a keyword typo: did you mean" has_err 'hint: did you mean `tiêu_chí`?'
run check -f json "$work/typo.chiso"
check "a keyword typo in JSON: one diagnostic" test "$(jq '.[0].diagnostics | length' "$work/out")" = 1
run check "$d/nope.chiso";     check "unreadable rules: exit 2" test $code -eq 2; check "unreadable named" has_err "$d/nope.chiso: cannot open"
run check;                     check "check without file: exit 2" test $code -eq 2
run check -f json "$d/errors.chiso"
check "check json: exit 1" test $code -eq 1
check "check json: positions" test "$(jq -r '.[0].diagnostics[] | select(.code == "duplicate-id") | "\(.line):\(.column)"' "$work/out")" = "10:15"

# --- score
run score "$rules" "$sub";     check "score: exit 0" test $code -eq 0
check "score: the contract example, worked by hand" test "$(jq -S 'map(del(.provenance))' "$work/out")" = "$(jq -S . fixtures/examples/expected/ductho.json)"
printf '{"unit":{"id":"x"},"metrics":' > "$work/broken.json"
run score "$rules" "$sub" "$work/broken.json"
check "score with a malformed unit: exit 3" test $code -eq 3
check "the good unit is still scored" test "$(jq -r '.[0].status' "$work/out")" = ok
check "the bad one names the problem" test "$(jq -r '.[1].errors[0]' "$work/out" | grep -c 'invalid JSON at line 1')" = 1
run score -f text "$rules" "$sub"; check "text scorecard" has_out "Tổng điểm: 9.25 / 10.00 (92.50%) · Xếp loại: Tốt · Hạng: 1"
check "text: value and band as the rules write it" has_out "95.00% → ≥ 80%"
run score -f text --decimal-comma "$rules" "$sub"; check "text with decimal commas" has_out "Tổng điểm: 9,25 / 10,00 (92,50%)"
check "node IDs keep their dots" has_out "    1.2  Mức độ hoàn thành kế hoạch"
run score "$d/errors.chiso" "$sub"; check "score with broken rules: exit 1" test $code -eq 1
run score "$rules";            check "score without submissions: exit 2" test $code -eq 2
run score -f yaml "$rules" "$sub"; check "unknown format: exit 2" test $code -eq 2

# --- explain
run explain "$rules" "$sub";   check "explain: exit 0" test $code -eq 0
check "explain: ratio shown" has_out "11820 / 12000 = 98.50%"
check "explain: bands tried, as the rules write them (band >= 100%)" has_out "≥ 100%          không"
check "explain: totals" has_out "Tổng     = 3.25 + 6 = 9.25 / 10 → 92.50% → Tốt"
run explain rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/cam-xuyen.json
check "explain: mức ≥ 50% shown as written" grep -qx '      mức:      ≥ 50%           không' "$work/out"
check "explain: mức còn_lại shown as words" grep -qx '                còn lại         có → 0 điểm' "$work/out"
run explain --lang en rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/cam-xuyen.json
check "explain --lang en: còn_lại is 'otherwise'" grep -qx '                otherwise       yes → 0 points' "$work/out"
run explain --node 1.2 "$rules" "$sub"; check "explain --node: only that node" test "$(grep -c '^1\.' "$work/out")" = 1
run explain --node 1.9 "$rules" "$sub"; check "explain unknown node: exit 2" test $code -eq 2; check "closest ID suggested" has_err "did you mean '1.1'?"
run explain "$rules" "$work/broken.json"; check "explain an errored unit: exit 3" test $code -eq 3; check "the error explained" has_out "Không chấm được điểm vì"
# The rule, not only the result: the formula as written and with the values
# put in, each condition with its truth (2020-05-10 < 2020-05-10 is false),
# linear(17/20 = 0.85, 0, 30%) = 1 → 2 × 1 = 2; policies named as the file
# writes them (đủ_điểm written in the node; the index's default for a
# Vietnamese file is đủ_điểm too; an English file says full).
run explain "$d/explain-vi.chiso" "$d/explain-vi.json"; check "explain vi: exit 0" test $code -eq 0
check "explain: a score's formula as written" grep -qx '      công thức: nếu kh.ngay < 2020-05-10 thì 1 ngược_lại 0' "$work/out"
check "explain: the condition's truth and the branch" grep -qx '      thay số:   2020-05-10 < 2020-05-10: sai → 0' "$work/out"
check "explain: a call with its values and result" grep -qx '      thay số:   2 \* \[linear(\[ratio(17, 20) = 0.85\], 0, 30%) = 1\] = 2' "$work/out"
check "explain: the formula keeps its comment out" grep -qx '      công thức: tối_đa \* linear(ratio(a.x, a.y), 0, 30%)' "$work/out"
check "explain: a value not applicable, as written and with values" grep -qx '      giá trị:  (s.a + s.b) / 2 → (null + 3) / 2 = null' "$work/out"
check "explain: policy as the file writes it" has_out "→ quy tắc đủ_điểm: đủ điểm tối đa"
printf 'chi_so "T" {\n  tong 1\n  tieu_chi 1 "A" toi_da 1 { diem linear(x, 0, 10) }\n}\n' > "$work/default-vi.chiso"
sed 's/chi_so/index/; s/tong/total/; s/tieu_chi/criterion/; s/toi_da/max/; s/diem/score/' "$work/default-vi.chiso" > "$work/default-en.chiso"
echo '{"unit":{"id":"u"},"metrics":{"x":null}}' > "$work/null-x.json"
run explain "$work/default-vi.chiso" "$work/null-x.json"; check "explain: the default policy of a Vietnamese file" has_out "→ quy tắc đủ_điểm (mặc định): đủ điểm tối đa"
run explain "$work/default-en.chiso" "$work/null-x.json"; check "explain: the default policy of an English file" has_out "→ quy tắc full (mặc định): đủ điểm tối đa"
run explain "$rules" "$sub"
check "explain: an if with its truth" grep -qx '      thay số:   2020-12-25 <= 2020-12-31: đúng → 1' "$work/out"
run explain -f json "$d/explain-vi.chiso" "$d/explain-vi.json"
check "explain json: formula and formula_values" test "$(jq -r '.nodes[0].children[0].explain | .formula + " | " + .formula_values' "$work/out")" = "nếu kh.ngay < 2020-05-10 thì 1 ngược_lại 0 | 2020-05-10 < 2020-05-10: sai → 0"

# A yes/no criterion with bands (mức đúng -> tối_đa, mức sai -> 0), and the
# two readings of "trước ngày 31/12/2020" for a plan issued on 31/12: by
# that day (<=) earns 1, strictly before it (<) earns 0.
run score -f json "$d/yes-no.chiso" "$d/yes-no.json"; check "yes/no bands: exit 0" test $code -eq 0
check "yes/no bands: points and bands" test "$(jq -c '[.[0].nodes[0].children[] | [.id, .points, .band, .value]]' "$work/out")" = '[["1.1",1,"đúng",true],["1.2",0,"sai",false]]'
run score -f text "$d/yes-no.chiso" "$d/yes-no.json"; check "yes/no bands: the scorecard" has_out "1.00 /   1.00  đúng → mức đúng"
run explain "$d/yes-no.chiso" "$d/yes-no.json"
check "yes/no bands: explain shows the boundary reading" grep -qx '      giá trị:  kế_hoạch.ngày_ban_hành < 2020-12-31 → 2020-12-31 < 2020-12-31: sai' "$work/out"

# --- test
run test "$rules" "$d/tests-pass.json"; check "test pass: exit 0" test $code -eq 0; check "TAP ok" has_out "ok 1 - Đức Thọ: 9,25 điểm, Tốt"
run test "$rules" "$d/tests-fail.json"; check "test fail: exit 1" test $code -eq 1
check "expected vs actual" has_out "points: expected 9.5, got 9.25"
check "node expected vs actual" has_out "node 1.2 points: expected 1, got 0.5"
check "failure shows the explain trace" has_out "38 / 40 = 95.00%"
check "failure: the trace of the failing node, not the whole unit" test "$(grep -c '^    [0-9]\.[0-9]  ' "$work/out")" = 1
check "failure: the totals' sum for a wrong total" has_out "      Total    = 3.25 + 6 = 9.25 / 10 → 92.50% → Tốt"
run test --lang vi "$rules" "$d/tests-fail.json"; check "test fail --lang vi: exit 1" test $code -eq 1
check "failure: the totals' sum in Vietnamese" has_out "      Tổng     = 3.25 + 6 = 9.25 / 10 → 92.50% → Tốt"
# Two wrong expectations among four: the trace holds those two leaves only.
run test "$rules" "$d/tests-fail-nodes.json"; check "two failing nodes: exit 1" test $code -eq 1
check "two failing nodes: traced" test "$(grep -o '^    [0-9]\.[0-9]  ' "$work/out" | tr -d ' ' | tr '\n' ,)" = "1.2,3.1,"
check "two failing nodes: the passing ones are not" test "$(grep -c '^    1\.[13]  ' "$work/out")" = 0
check "expected an error, got a score" has_out 'status: expected \"error\", got \"ok\"'
# A case may expect the submission's error: inline broken bytes, a broken
# file, wrong types and missing metrics, each with its message.
run test "$rules" "$d/tests-errors.json"; check "expected submission errors: exit 0" test $code -eq 0
check "expected submission errors: all pass" test "$(grep -c '^ok ' "$work/out")" = 3
run test "$rules" "$d/tests-broken.json"; check "broken test file: exit 2" test $code -eq 2
check "wrong type named" has_out "expect.points must be a number"
check "unknown node, closest named" has_out "no node '1.9' in the index; did you mean '1.1'?"
check "missing submission named" has_out "cannot read the submission"
run test -f junit "$rules" "$d/tests-fail.json"; check "junit" has_out '<testsuites name="chiso test" tests="1" failures="1">'
run test --coverage "$rules" "$d/tests-pass.json"; check "coverage" has_out "# not exercised: 1.2: band '>= 100%' never chosen"

# --- metrics
run metrics "$rules";          check "metrics: exit 0" test $code -eq 0; check "metrics lists a path" grep -q '^dossiers.on_time  *count  *3.1' "$work/out"
check "metrics shows its declaration" grep -q '^  *Số hồ sơ giải quyết trước và đúng hạn · hồ sơ · 0 … $' "$work/out"
run metrics --template "$rules"; check "template: a placeholder per metric" test "$(jq -c '.metrics.survey' "$work/out")" = '{"satisfaction":"<điền: Điểm hài lòng của người dân (thang 0–10) — số, đơn vị: điểm, từ 0 đến 10; null nếu không phát sinh>"}'
printf 'index "t" { total 1 field 1 "f" max 1 { criterion 1.1 "c" max 1 { score if a.b > 0 and d.e <= 2021-12-31 then 1 else 0 } } }\n' > "$work/undeclared.chiso"
run metrics --template "$work/undeclared.chiso"; check "template of undeclared metrics: the type used" test "$(jq -c '[.metrics.a.b, .metrics.d.e]' "$work/out")" = '["<điền: số; null nếu không phát sinh>","<điền: ngày \"YYYY-MM-DD\"; null nếu không phát sinh>"]'

# --- declared metrics, units, the template (tests/cli/data/declared)
dd="$d/declared"
run check "$dd/slip.chiso"; check "≥ 98 on a ratio: exit 1" test $code -eq 1
check "≥ 98 on a ratio: positioned" has_err "slip.chiso:6:13: error: ratio(hồ_sơ.đúng_hạn, hồ_sơ.tổng_số) is a ratio (from 0 to 1), compared here with 98"
check "≥ 98 on a ratio: hint" has_err "= hint: did you mean 98%?"
run check --strict "$dd/huyen.chiso"; check "declared rules check clean under --strict" test $code -eq 0
run metrics "$dd/huyen.chiso"; check "metrics shows the label" has_out "Tỷ lệ người dân hài lòng · 0 … 1"
run metrics --template -o "$work/template.json" "$dd/huyen.chiso"
check "template: label, kind, unit, range" test "$(jq -r '.metrics."hồ_sơ"."đúng_hạn"' "$work/template.json")" = "<điền: Số hồ sơ giải quyết đúng hạn — số đếm (số nguyên), đơn vị: hồ sơ, từ 0 trở lên; null nếu không phát sinh>"
mkdir -p "$work/batch" && cp "$dd"/units/*.json "$work/template.json" "$work/batch/"
run score "$dd/huyen.chiso" "$work/batch"; check "template in a batch: exit 3" test $code -eq 3
check "template: every unfilled metric listed" test "$(jq -r '.[] | select(.file | endswith("template.json")) | .errors[-1]' "$work/out")" = '4 metrics still hold the template'"'"'s placeholder "<điền: …>" (not filled in): hồ_sơ.tổng_số, hồ_sơ.đúng_hạn, khảo_sát.hài_lòng, văn_bản.trễ'
check "template: never scored" test "$(jq -r '.[] | select(.file | endswith("template.json")) | .points' "$work/out")" = null
check "85 for a ratio: error naming metric, value, declaration" test "$(jq -r '.[] | select(.unit.id == "B") | .errors[0]' "$work/out")" = "metric 'khảo_sát.hài_lòng' = 85 is outside its declared range, from 0 to 1 (tỷ_lệ, declared at $dd/huyen.chiso:4)"
check "the rest of the batch is scored" test "$(jq -c '[.[] | select(.status == "ok") | [.unit.id, .points, .rank]]' "$work/out")" = '[["A",3,1],["C",3,1]]'
check "mostly null: json finding" test "$(jq -r '.[] | select(.unit.id == "C") | .findings[0] | .kind + ": " + .message' "$work/out")" = "mostly_null: 3 of the 4 metrics read are null (không phát sinh): most criteria are scored as not arisen; check that the submission was filled in"
for f in text csv html; do
  run score -q -f "$f" "$dd/huyen.chiso" "$dd/units"
  check "mostly null shown in $f (in Vietnamese)" has_out "3 trong 4 số liệu được đọc là null"
done
run score -q -f ndjson "$dd/huyen.chiso" "$dd/units"
check "mostly null shown in ndjson" has_out "3 of the 4 metrics read are null"
run score -q -f csv "$dd/huyen.chiso" "$dd/units"
check "mostly null: csv note column" grep -q $'^C;Đơn vị C;huyện;2021;3;3;100;Tốt;1;3;1;ok;.*c.json;;"3 trong 4 số liệu được đọc là null' "$work/out"

# --- verify
run verify "$d/child.chiso" "$d/actual-ok.json"; check "verify met: exit 0" test $code -eq 0
check "verify met text" has_out "✓ T1  Hồ sơ đúng hạn ≥ 98%"
run verify "$d/child.chiso" "$d/actual-ok.json" "$d/actual-miss.json"; check "verify missed: exit 1" test $code -eq 1
check "shortfall: 'còn thiếu' below a floor" has_out "97% < 98%: còn thiếu 1%"
check "not applicable" has_out "không áp dụng"
check "missing metric reported per target, in Vietnamese" has_out "không kiểm tra được: thiếu số liệu 'plan.issued_on'"
check "not applicable reason in Vietnamese" has_out "không áp dụng: số liệu 'dossiers.late' không phát sinh (null)"
run verify --lang en "$d/child.chiso" "$d/actual-ok.json" "$d/actual-miss.json"; check "verify --lang en: exit 1" test $code -eq 1
check "--lang en: the English report" has_out "cannot verify: missing metric 'plan.issued_on'"
check "--lang en: shortfall" has_out "97% < 98%: short by 1%"
check "--lang en: summary line" has_out "4 targets: 0 met, 2 missed, 1 not applicable, 1 missing data"
check "'thiếu' only as 'còn thiếu' (a shortfall) or 'thiếu số liệu' (missing data)" \
  test "$(grep -o 'thiếu' "$work/out" | wc -l)" = "$(( $(grep -o 'còn thiếu' "$work/out" | wc -l) + $(grep -o 'thiếu số liệu' "$work/out" | wc -l) ))"
run verify --decimal-comma "$d/child.chiso" "$d/actual-miss.json"
check "--decimal-comma" has_out "97% < 98%: còn thiếu 1%"
printf '{"unit":{"id":"x","name":"Đơn vị X"},"metrics":{"dossiers":{"on_time":9712,"total":10000},"plan":{"issued_on":"2021-01-01"}}}' > "$work/comma.json"
run verify --decimal-comma "$d/child.chiso" "$work/comma.json"
check "--decimal-comma: 97,12% < 98%: còn thiếu 0,88%" has_out "97,12% < 98%: còn thiếu 0,88%"
printf '{"unit":{"id":"y"},"metrics":{"dossiers":{"on_time":99,"late":3,"total":100},"communes":{"inspected":1,"total":1},"plan":{"issued_on":"2020-01-01"}}}' > "$work/over.json"
run verify "$d/child.chiso" "$work/over.json"
check "above a ceiling: 'vượt', not 'thiếu'" has_out "3% > 2%: vượt 1%"
run verify -f json --decimal-comma "$d/child.chiso" "$work/comma.json"
check "json keeps exact numbers with --decimal-comma" test "$(jq '.[0].targets[0].actual' "$work/out")" = 0.9712
check "json is UTF-8, not \\u escapes" grep -q '"name": "Đơn vị X"' "$work/out"
check "json has no \\u escape" test "$(grep -c '\\u' "$work/out")" = 0
run verify -f json "$d/child.chiso" "$d/actual-miss.json"
check "json shortfall" test "$(jq '.[0].targets[0].shortfall' "$work/out")" = 0.01
run verify -f junit "$d/child.chiso" "$d/actual-miss.json"; check "junit failure" has_out '<failure message="97% &lt; 98%: short by 1%">'
run verify -f github "$d/child.chiso" "$d/actual-miss.json"; check "github annotation" has_out "::error file=$d/child.chiso,line=3,col=3,title=T1 missed"
run verify "$d/child.chiso";   check "chain: at least as strict: exit 0" test $code -eq 0
run verify --lang en --against "$d/parent.chiso" "$d/weak.chiso"; check "weaker: exit 1" test $code -eq 1
check "weaker floor" has_out "T1 >= 90% is weaker than the parent's >= 95%"
check "weaker ceiling (a <= target is stricter when lower)" has_out "T2 <= 8% is weaker than the parent's <= 5%"
check "absent target" has_out "the plan has no target T3"
check "uncovered field" has_out "field chi_dao: no target covers this field"
check "--lang en: the verdict" has_out "=> FAILED"
run verify --against "$d/parent.chiso" "$d/weak.chiso"; check "weaker (Vietnamese): exit 1" test $code -eq 1
check "weaker floor in Vietnamese" has_out "T1 >= 90% thấp hơn chỉ tiêu của cấp trên >= 95%"
check "absent target in Vietnamese" has_out "kế hoạch không có chỉ tiêu T3"
check "uncovered field in Vietnamese" has_out "lĩnh vực chi_dao: không có chỉ tiêu nào"
check "the verdict in Vietnamese" has_out "=> KHÔNG ĐẠT (failed)"
run verify "$d/orphan.chiso";  check "missing parent: exit 2" test $code -eq 2; check "missing parent position" has_err "$d/orphan.chiso:2:10: error: parent plan"
run verify "$d/loop-a.chiso";  check "parent cycle: exit 2" test $code -eq 2; check "cycle named" has_err "comes back to"

# Plans written apart, with their own target IDs and metric names: each
# child target says which parent target it implements (thực_hiện /
# thuc_hien / implements, before or after lĩnh_vực). 99% ≥ 98% holds; 25%
# is weaker than 30%; a link to a target the parent lacks is an error.
run verify --lang en --against "$d/link-parent.chiso" "$d/link-child.chiso"; check "implements: exit 1" test $code -eq 1
check "implements: matched across metric names" has_out "1 >= 99% is at least as strict as >= 98% (1 implements TINH_TTHC)"
check "implements: weaker still found" has_out "2 >= 25% is weaker than the parent's >= 30% (2 implements TINH_KT)"
check "implements: unknown parent target" has_out "✗ 3 implements TINH_KHONG_CO: the parent plan has no target TINH_KHONG_CO"
check "implements: its position" has_out "$d/link-child.chiso:10:49 (plan)"
run verify --against "$d/link-parent.chiso" "$d/link-child.chiso"; check "implements (Vietnamese): exit 1" test $code -eq 1
check "implements in Vietnamese" has_out "1 >= 99% chặt chẽ ít nhất bằng >= 98% (1 thực hiện TINH_TTHC)"
check "implements: unknown parent target in Vietnamese" has_out "✗ 3 thực hiện TINH_KHONG_CO: cấp trên không có chỉ tiêu này"
check "implements: its position in Vietnamese" has_out "$d/link-child.chiso:10:49 (kế hoạch / plan)"
run verify -f json "$d/link-child.chiso"
check "implements: json marks the link" test "$(jq -c '[.[0].checks[] | [.child_target, .status, .implements]]' "$work/out")" = '[["1","ok",true],["2","weaker",true]]'
check "implements: json lists the broken link" test "$(jq -c '[.[0].unknown_links[] | [.target, .implements]]' "$work/out")" = '[["3","TINH_KHONG_CO"]]'
run verify -f junit "$d/link-child.chiso"; check "implements: junit failure for the broken link" has_out '<testcase classname="Kế hoạch CCHC Sở (thử)" name="3 implements TINH_KHONG_CO"'
grep -v 'cấp_trên' "$d/link-child.chiso" | sed 's/ thực_hiện TINH_TTHC//; s/ thuc_hien TINH_KT//; s/ implements TINH_KHONG_CO//' > "$work/unlinked.chiso"
run verify --lang en --against "$d/link-parent.chiso" "$work/unlinked.chiso"
check "without the links, nothing matches" test "$(grep -c 'the plan has no target' "$work/out")" = 2

# strictness in each direction: > against >=, and ==
run verify --against "$d/strict-parent.chiso" "$d/strict-ok.chiso"; check "> 6% is stricter than > 5%; == same: exit 0" test $code -eq 0
run verify --lang en --against "$d/strict-parent.chiso" "$d/strict-weak.chiso"; check "weaker: exit 1" test $code -eq 1
check ">= 5% is weaker than > 5%" has_out "S1 >= 5% is weaker than the parent's > 5%"
check "== 4 is not == 3" has_out "S2 == 4 is weaker than the parent's == 3"
run verify "$d/not-comparison.chiso" "$d/actual-ok.json"; check "a target that is not a comparison: exit 2" test $code -eq 2
check "named at its position" has_err "$d/not-comparison.chiso:2:34: error: a target must be a comparison"
run check "$d/percent-date.chiso"; check "percent compared with a date: exit 1" test $code -eq 1
check "named" has_err "cannot compare a number with a date"

# --- every bundled rule set and plan checks clean, without a warning
for f in rules/*/*.chiso; do
  run check --strict "$f"; check "$f checks clean, no warnings" test $code -eq 0
done
run verify rules/plans/duc-tho-2021.chiso; check "Đức Thọ at least as strict as Hà Tĩnh" test $code -eq 0
run verify rules/plans/ha-tinh-sldtbxh-2021.chiso; check "Sở LĐTBXH at least as strict as Hà Tĩnh" test $code -eq 0
run verify rules/plans/duc-tho-2021.chiso fixtures/plans/actuals/duc-tho-2021.json; check "Đức Thọ meets its 27 targets" test $code -eq 0
check "27 met" has_out "27 chỉ tiêu: 27 đạt, 0 không đạt, 0 không áp dụng, 0 thiếu số liệu"
run verify -f json rules/plans/duc-tho-2021.chiso fixtures/plans/actuals/can-loc-2021.json
check "Can Lộc: exit 1" test $code -eq 1
check "Can Lộc: 17 met, 7 missed, 2 n/a, 1 missing" test "$(jq -c '.[0].summary' "$work/out")" = '{"met":17,"missed":7,"not_applicable":2,"missing":1}'
check "Can Lộc: 2650 of 10000 dossiers online (26.5%) is not over 30%" test "$(jq -c '[.[0].targets[] | select(.id == "III.7.1") | .status, .actual, .threshold]' "$work/out")" = '["missed",0.265,0.3]'
check "Can Lộc: 40.91% inspected, short of 50%" test "$(jq -c '[.[0].targets[] | select(.id == "II.3") | .actual, .threshold]' "$work/out")" = '[0.409091,0.5]'
run verify rules/plans/dak-nong-y-te-2020.chiso fixtures/plans/actuals/dak-nong-y-te-2020.json
check "Sở Y tế Đắk Nông: 6 targets missed" has_out "29 chỉ tiêu: 23 đạt, 6 không đạt"
check "Sở Y tế Đắk Nông: 3 articles, short of the 04 of I.1.9" has_out "3 < 4: còn thiếu 1"

run verify rules/plans/ha-tinh-sldtbxh-2021.chiso fixtures/plans/actuals/sldtbxh-2021.json
check "Sở LĐTBXH meets its 10 targets (I.1 and II.1)" has_out "10 chỉ tiêu: 10 đạt, 0 không đạt, 0 không áp dụng, 0 thiếu số liệu"
run verify rules/plans/tong-ket-cchc-sldtbxh-2020.chiso fixtures/plans/actuals/tong-ket-sldtbxh-2020.json
check "KH 126 (dated tasks): exit 1" test $code -eq 1
check "KH 126: 17 tasks, 2 late" has_out "17 chỉ tiêu: 15 đạt, 2 không đạt, 0 không áp dụng, 0 thiếu số liệu"
check "KH 126: 'chậm nhất 25/4' met on 25/4" has_out "2020-04-25 ≤ 2020-04-25"
check "KH 126: 'trước ngày 20/4' missed on 20/4" has_out "2020-04-20 ≥ 2020-04-20"
check "KH 126: proposals of 07/5, due before 05/5: missed" has_out "2020-05-07 ≥ 2020-05-05: "
check "KH 126: the 2021–2030 plan after the province's" has_out "2021-03-05 ≥ 2021-01-20"
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
