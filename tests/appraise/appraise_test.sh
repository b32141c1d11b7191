#!/usr/bin/env bash
# appraise_test.sh CHISO — `chiso appraise` end to end: the 20 departments
# of Đắk Nông through every stage (three of them worked out by hand in
# docs/appraisal.md), each check of the process as a finding, the
# explanation packet and the templates, the provenance, every format, and
# bad input (errors naming file and node, the other units kept).
set -uo pipefail
chiso="$1"
rules="rules/cap-so/dak-nong-y-te-2020.chiso"
folder="fixtures/cap-so/appraisal/2020"
mini="tests/appraise/data/mini.chiso"
minif="tests/appraise/data/mini/2021"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
jqt() { jq -e "$1" "$work/out" > /dev/null; } # a jq test on the last output

# --- the fixture: every unit, every stage
export SOURCE_DATE_EPOCH=1617148800 # 2021-03-31: the report's time is reproducible
run appraise -f json "$rules" "$folder"
check "fixture: exit 0" test $code -eq 0
check "fixture: 20 units, all ok" jqt '[.units[] | select(.status == "ok")] | length == 20'
check "provenance: rules, engine, round, time" \
  jqt '.provenance | .rules == "rules/cap-so/dak-nong-y-te-2020.chiso" and (.engine | startswith("chiso ")) and .round == "final" and .generated_at == "2021-03-31T00:00:00Z" and .period == "2020"'
sha="$(sha256sum "$rules" | cut -d' ' -f1)"
check "provenance: SHA-256 of the rules file" jqt ".provenance.rules_sha256 == \"$sha\""
tot() { jqt ".units[] | select(.folder == \"$1\") | .totals.$2 | .points == $3 and .rank == $4"; }
# Sở Y tế (docs/appraisal.md): 93.8 claimed; 91.294174 after round 1 (I.1.1 and
# VIII.3 by the metrics); 92.794174 after round 2 (I.1.1 restored by the date).
check "syt claimed"  tot syt claimed 93.8 2
check "syt round 1"  tot syt round1 91.294174 2
check "syt round 2"  tot syt round2 92.794174 2
check "syt final"    tot syt final 92.794174 2
# Sở Nội vụ: 100 → 98.5 (VII.1.3 corrected metric) → 100 → 99.5 (council on VIII.3).
check "snv claimed"  tot snv claimed 100 1
check "snv round 1"  tot snv round1 98.5 1
check "snv round 2"  tot snv round2 100 1
check "snv final"    tot snv final 99.5 1
# Sở TN&MT: 79.83 → 76.326114 (two claims cut), never answers, ranks 12 → 17 → 20.
check "stnmt claimed" tot stnmt claimed 79.83 12
check "stnmt round 1" tot stnmt round1 76.326114 17
check "stnmt round 2" tot stnmt round2 76.326114 20
check "stnmt final"   tot stnmt final 76.326114 20
check "stnmt rank changes -5, -3, 0" \
  jqt '.units[] | select(.folder == "stnmt") | .totals | .round1.rank_change == -5 and .round2.rank_change == -3 and .final.rank_change == 0'
check "grades per stage" jqt '.units[] | select(.folder == "syt") | [.totals[].grade] == ["Xuất sắc","Xuất sắc","Xuất sắc","Xuất sắc"]'
node() { jqt ".units[] | select(.folder == \"$1\") | .nodes[] | select(.id == \"$2\") | $3"; }
check "syt I.1.1: claimed 1.5, computed 0, round 1 by the metrics with the note" \
  node syt I.1.1 '.claimed == 1.5 and .computed == 0 and .round1.points == 0 and .round1.set_by == "metrics" and .round1.explanation_required and (.round1.note | startswith("Kế hoạch CCHC năm 2020"))'
check "syt I.1.1: the answer with its evidence" node syt I.1.1 '.answer.evidence[0].number == "98/KH-SYT"'
check "syt I.1.1: restored in round 2 by a corrected date, with the reason" \
  node syt I.1.1 '.round2.points == 1.5 and .round2.metrics["plan.issued_on"] == "2019-12-25" and ([.changes[].stage] == ["round1","round2"]) and (.changes[1].reason | startswith("Đã xác minh"))'
check "syt VIII.3: kept cut in round 2" node syt VIII.3 '.round1.points == 1 and .round2.points == 1 and (.round2.note | contains("giữ 1 điểm"))'
check "snv VII.1.3: corrected metric, then put right" \
  node snv VII.1.3 '.round1.points == 1.5 and .round1.metrics["docs.electronic"] == 5500 and .round2.points == 3'
check "snv VIII.3: the council's change" node snv VIII.3 '.final.points == 1.5 and .final.set_by == "appraiser" and .changes[0].stage == "final"'
check "an automatic reason names the band (JSON in the locale's language: English)" node stnmt VI.2 '.changes[0].reason | startswith("scored by the data")'
cp "$work/out" "$work/report.json"
run appraise --lang vi -f json "$rules" "$folder"
check "an automatic reason in Vietnamese with --lang vi" node stnmt VI.2 '.changes[0].reason | startswith("chấm theo số liệu")'
check "findings in Vietnamese with --lang vi, kinds unchanged" \
  jqt '[.units[].findings[] | select(.kind == "evidence_missing")] | length > 0 and all(.message | startswith("tự chấm"))'
cp "$work/report.json" "$work/out"
check "sources per stage" jqt '.units[0].totals.final.sources.appraisal.max == 100 and .units[0].totals.final.sources.survey.max == 0'
# every check of the process, where the fixture puts it
finding() { jqt "[.units[] | select(.folder == \"$1\") | .findings[] | select(.stage == \"$2\" and .node == \"$3\" and .kind == \"$4\")] | length == 1"; }
check "evidence missing (explained)"      finding syt self VII.1.4 evidence_missing
check "evidence missing, unexplained"     finding stnmt self III.3.1 missing_evidence_unexplained
check "no explanation finding when explained" jqt '[.units[] | select(.folder == "syt") | .findings[] | select(.kind == "missing_evidence_unexplained")] | length == 0'
check "evidence outside the period"      finding stp self I.1.3 evidence_out_of_period
check "evidence after the deadline"      finding syt explanation VIII.3 evidence_late
check "change without a note"            finding sgtvt round1 II.1.1 change_without_note
check "explanation required, no answer"  finding stnmt explanation III.1.1 explanation_missing
check "explanation required, no answer (2)" finding stnmt explanation III.3.1 explanation_missing
check "an answer nobody asked for"       finding sxd explanation IX.2 answer_unasked
check "round 2 carried when the file is absent: never (every unit has one)" jqt '[.units[].totals.round2.carried // false] | all | not'

# --- text, html, csv
run appraise "$rules" "$folder"
check "text: exit 0" test $code -eq 0
check "text: provenance line" has_out "(SHA-256 $sha)"
check "text: a change with its reason" has_out "Thẩm định lần 2: 0.00 → 1.50 — Đã xác minh Kế hoạch 98/KH-SYT ngày 25/12/2019: đủ điểm"
check "text: a kept cut with its note" has_out "Thẩm định lần 2: giữ 1.00 — Quyết định công nhận"
check "text: rank changes" has_out "17 (↓5)"
check "text: a small difference shown whole" has_out "0.32 → 0.316901"
check "text: ranking across stages" has_out "BẢNG XẾP HẠNG QUA CÁC BƯỚC"
run appraise -f html "$rules" "$folder"
check "html: exit 0" test $code -eq 0
check "html: ranking table and provenance" bash -c "grep -q '<table class=\"ranking\">' '$work/out' && grep -q '$sha' '$work/out' && grep -q '</html>' '$work/out'"
run appraise -f csv "$rules" "$folder"
check "csv: BOM and header" bash -c "head -c 3 '$work/out' | od -An -tx1 | grep -q 'ef bb bf' && head -1 '$work/out' | grep -q 'final rank change'"
check "csv: 20 units" test "$(tail -n +2 "$work/out" | wc -l)" -eq 20
check "csv: stnmt row" has_out "stnmt,Sở Tài nguyên và Môi trường tỉnh Đắk Nông,ok,79.83,79.83,Khá,12,,76.33,76.33,Khá,17,-5,76.33,76.33,Khá,20,-3,76.33,76.33,Khá,20,0,76.33,100.00,0.00,0.00,4,"
run appraise -f html "$mini" "$minif"
check "html: points by origin" has_out "Kết quả trong đó: thẩm định 5.00 / 7.00 · điều tra xã hội học 1.50 / 3.00"
run appraise --unit syt -f json "$rules" "$folder"
check "--unit: one unit, ranks among all" jqt '(.units | length) == 1 and .units[0].totals.final.rank == 2'
run appraise --unit nobody "$rules" "$folder"
check "--unit unknown: exit 2" test $code -eq 2

# --- the explanation packet
run appraise --packet stnmt "$rules" "$folder"
check "packet text: exit 0" test $code -eq 0
check "packet text: the note and the missing evidence" bash -c "grep -qF 'Ý kiến thẩm định: Chưa công khai đầy đủ TTHC; không có Quyết định công bố' '$work/out' && grep -qF '· Quyết định công bố TTHC' '$work/out'"
check "packet text: room for the answer" has_out "Nội dung giải trình của đơn vị:"
run appraise --packet stnmt -f html "$rules" "$folder"
check "packet html" bash -c "grep -qF 'Văn bản giải trình — Sở Tài nguyên' '$work/out' && grep -qF 'class=\"answer\"' '$work/out'"
run appraise --packet stnmt -f json "$rules" "$folder"
check "packet json: the explanation-file skeleton" \
  jqt '.unit == "stnmt" and (.nodes | keys) == ["III.1.1","III.3.1","VI.2","VII.1.6c"] and .nodes["III.3.1"]._evidence_missing == ["Quyết định công bố TTHC"] and .nodes["III.1.1"].answer == ""'
# the skeleton, answered, is a valid giai-trinh.json: the findings go away
cp -r "$folder" "$work/f"
jq '.nodes["III.1.1"].answer = "Kế hoạch 12/KH ngày 20/12/2019" | .nodes["III.3.1"].answer = "Đã công bố" | del(.nodes["VI.2"], .nodes["VII.1.6c"])' "$work/out" > "$work/f/stnmt/giai-trinh.json"
run appraise -f json "$rules" "$work/f"
check "answered skeleton: exit 0" test $code -eq 0
check "answered skeleton: no explanation_missing" jqt '[.units[] | select(.folder == "stnmt") | .findings[] | select(.kind == "explanation_missing")] | length == 0'
run appraise --packet nobody "$rules" "$folder"
check "packet of an unknown unit: exit 2" test $code -eq 2

# --- templates
for k in period self round1 explanation round2 final; do
  run appraise --template $k "$rules"
  check "template $k: exit 0 and JSON" bash -c "[ $code -eq 0 ] && jq -e . '$work/out' > /dev/null"
done
run appraise --template self "$rules"
check "self template: every scoring criterion with its evidence" \
  jqt '(.self_assessment | length) == 58 and .self_assessment["I.1.1"]._evidence_required == ["Kế hoạch CCHC năm"] and .self_assessment["I.1.1"].points == null and (.metrics.plan.issued_on | startswith("<điền"))'
run appraise --template self "$mini"
check "self template: no survey node" jqt '.self_assessment | has("2.1") | not'
run appraise --template round1 --unit syt "$rules" "$folder"
check "round 1 template of a unit: claimed and current points" jqt '.unit == "syt" and .nodes["I.1.1"]._claimed == 1.5 and .nodes["I.1.1"].points == null and .nodes["I.1.1"].explanation_required == false'
# an untouched round-1 template changes nothing
cp -r "$folder/snv" "$work/snv-only" && mkdir -p "$work/g" && mv "$work/snv-only" "$work/g/snv" && rm "$work/g/snv/"{giai-trinh,tham-dinh-2,hoi-dong}.json
cp "$work/out" "$work/g/snv/tham-dinh-1.json"; sed -i 's/"unit": "syt"/"unit": "snv"/' "$work/g/snv/tham-dinh-1.json"
run appraise -f json "$rules" "$work/g"
check "untouched template: no change, no finding" jqt '.units[0].totals.round1.points == 100 and (.units[0].findings | length) == 0'
run appraise --template bogus "$rules"
check "unknown template: exit 2" bash -c "[ $code -eq 2 ] && grep -qF \"unknown template 'bogus'\" '$work/err'"

# --- every check on the small index (hand-worked in docs/appraisal.md)
run appraise -f json "$mini" "$minif"
check "mini: exit 0" test $code -eq 0
mf() { jqt "[.units[] | select(.folder == \"$1\") | .findings[] | select(.stage == \"$2\" and .node == \"$3\" and .kind == \"$4\")] | length == 1"; }
check "claims without the required evidence"  mf a self 1.1 evidence_missing
check "missing evidence without explanation"  mf a self 1.1 missing_evidence_unexplained
check "claimed points above the maximum"      mf a self 1.2 points_out_of_range
check "a self-scored survey node"             mf a self 2.1 survey_self_scored
check "appraised points above the maximum"    mf a round1 1.2 points_out_of_range
check "an appraisal change without a note"    mf a round1 1.1 change_without_note
check "explanation required, no file"         mf a explanation 1.1 explanation_missing
check "evidence after the self-assessment deadline" mf b self 1.1 evidence_late
check "evidence outside the period's window"  mf b self 1.1 evidence_out_of_period
check "an answer to a node nobody asked about" mf b explanation 1.2 answer_unasked
check "for: names the required document" jqt '[.units[] | select(.folder == "b") | .findings[] | select(.kind == "evidence_missing")] | length == 0'
check "mini a: 10 → 6.5 (1 + 4 + 1.5)" jqt '.units[] | select(.folder == "a") | .totals.claimed.points == 10 and .totals.round1.points == 6.5 and .totals.round1.grade == "Khá"'
check "mini a: appraisal 5 + survey 1.5" jqt '.units[] | select(.folder == "a") | .totals.round1.sources == {"appraisal": {"points": 5, "max": 7}, "survey": {"points": 1.5, "max": 3}}'

# --- bad input: an error naming file and node; the other units are kept
bad() { # bad NAME EXPECTED-MESSAGE: runs on $work/b (a copy being damaged)
  run appraise -f json "$rules" "$work/b"
  check "$1: exit 3" test $code -eq 3
  check "$1: message" jqt "[.units[] | select(.status == \"error\") | .errors[] | select(contains(\"$2\"))] | length >= 1"
  check "$1: the others scored" jqt '[.units[] | select(.status == "ok")] | length >= 2'
}
fresh() { rm -rf "$work/b"; mkdir "$work/b"; cp -r "$folder/ky-danh-gia.json" "$folder/sct" "$folder/syt" "$folder/snv" "$work/b"; }
fresh; mkdir "$work/b/sxx"; echo '{"unit": "sxx", "nodes": {}}' > "$work/b/sxx/tham-dinh-1.json"
bad "a round for a unit that does not exist" "tham-dinh-1.json: a round for unit 'sxx', which has no self-assessment"
fresh; rm "$work/b/sct/tham-dinh-1.json"
bad "round 2 without round 1" "tham-dinh-2.json: round out of order: there is no round 1"
fresh; printf '{"unit": "sct", "nodes": {"I.1.2": {"points": 1, "note": "a"}, "I.1.2": {"points": 0, "note": "b"}}}\n' > "$work/b/sct/tham-dinh-1.json"
bad "two appraisals of one node" "tham-dinh-1.json: line 1: duplicate object key near '\\\"I.1.2\\\"' (two entries for the same node"
fresh; jq '.nodes["III.3.2"].points = "một"' "$folder/sct/tham-dinh-1.json" > "$work/t" && mv "$work/t" "$work/b/sct/tham-dinh-1.json"
bad "points that are not a number" "tham-dinh-1.json: node III.3.2: the appraised points are not a number"
fresh; jq '.self_assessment["I.1.2"].points = "1,5"' "$folder/sct/tu-danh-gia.json" > "$work/t" && mv "$work/t" "$work/b/sct/tu-danh-gia.json"
bad "claimed points that are not a number" "tu-danh-gia.json: node I.1.2: the claimed points are not a number"
fresh; jq '.self_assessment["I.1.2"].evidence[0].title = ""' "$folder/sct/tu-danh-gia.json" > "$work/t" && mv "$work/t" "$work/b/sct/tu-danh-gia.json"
bad "evidence without a title" "tu-danh-gia.json: node I.1.2: evidence 1 has no title"
fresh; jq '.nodes["III.3.2"].evidence = [{"number": "1/BS"}]' "$folder/sct/giai-trinh.json" > "$work/t" && mv "$work/t" "$work/b/sct/giai-trinh.json"
bad "supplementary evidence without a title" "giai-trinh.json: node III.3.2: evidence 1 has no title"
fresh; jq '.nodes["IX.9"] = {"points": 1, "note": "x"}' "$folder/sct/tham-dinh-2.json" > "$work/t" && mv "$work/t" "$work/b/sct/tham-dinh-2.json"
bad "a node that does not exist" "tham-dinh-2.json: node IX.9: not a node of the index"
fresh; jq '.unit = "syt"' "$folder/sct/hoi-dong.json" > "$work/t" && mv "$work/t" "$work/b/sct/hoi-dong.json"
bad "a round for another unit" "hoi-dong.json: is for unit 'syt', but this folder's self-assessment is unit 'sct'"
fresh; cp "$folder/sct/tham-dinh-2.json" "$work/b/sct/tham-dinh-3.json"
bad "an unknown file" "tham-dinh-3.json: unknown file"
fresh; jq '.nodes["I.1.4"] = {"points": 1, "note": "x"}' "$folder/sct/tham-dinh-1.json" > "$work/t" && mv "$work/t" "$work/b/sct/tham-dinh-1.json"
bad "points on a group" "node I.1.4: points can be set on criteria that score (leaves) only"
fresh; jq '.nodes["VII.1.3"] = {"metrics": {"docs.scanned": 3}, "note": "x"}' "$folder/sct/tham-dinh-1.json" > "$work/t" && mv "$work/t" "$work/b/sct/tham-dinh-1.json"
bad "an unknown metric" "node VII.1.3: metric 'docs.scanned' is not read by the rules"
fresh; jq '.nodes["VII.1.3"] = {"metrics": {"docs.electronic": "nhiều"}, "note": "x"}' "$folder/sct/tham-dinh-1.json" > "$work/t" && mv "$work/t" "$work/b/sct/tham-dinh-1.json"
bad "a corrected metric of the wrong type" "tham-dinh-1.json: after its corrections:"
fresh; echo '{"unit": "sct", "nodes": ' > "$work/b/sct/giai-trinh.json"
bad "invalid JSON" "giai-trinh.json: invalid JSON at line 2"
fresh; jq '.self_assessment["I.1.2"].evidence[0].date = "31/12/2020"' "$folder/sct/tu-danh-gia.json" > "$work/t" && mv "$work/t" "$work/b/sct/tu-danh-gia.json"
bad "a date not written YYYY-MM-DD" "node I.1.2: evidence 1: date '31/12/2020' is not a date written YYYY-MM-DD"
run appraise -f text "$rules" "$work/b"
check "text with a unit in error: exit 3 and the error shown" bash -c "[ $code -eq 3 ] && grep -qF 'LỖI — không thẩm định được' '$work/out'"

# --- usage
run appraise "$rules" "$work/none"
check "missing folder: exit 2" bash -c "[ $code -eq 2 ] && grep -qF 'the folder cannot be read' '$work/err'"
run appraise -f pdf "$rules" "$folder"
check "unknown format: exit 2" test $code -eq 2
run appraise "$rules"
check "no folder: exit 2" test $code -eq 2
run appraise tests/cli/data/errors.chiso "$folder"
check "rules with errors: exit 1" test $code -eq 1
echo '{"period": "2020", "deadline": "15/01/2021"}' > "$work/b/ky-danh-gia.json"
run appraise "$rules" "$work/b"
check "a bad period file: exit 2 naming the key" bash -c "[ $code -eq 2 ] && grep -qF \"'deadline' must be a date\" '$work/err'"
run appraise -o "$work/report.html" -f html "$rules" "$folder"
check "-o writes the file" bash -c "[ $code -eq 0 ] && grep -q '</html>' '$work/report.html'"

echo "appraise: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
