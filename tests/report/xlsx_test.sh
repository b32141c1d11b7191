#!/usr/bin/env bash
# xlsx_test.sh CHISO — `chiso score -f xlsx`: the workbook of the 13
# districts of Hà Tĩnh (and a damaged file) read back by xlsx_check.py and
# compared value by value with the JSON results of the same batch, in
# Vietnamese and in English; reproducible bytes; --round; bad uses.
set -uo pipefail
chiso="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
export SOURCE_DATE_EPOCH=1700000000
r=rules/cap-huyen/ha-tinh-2021.chiso
subs=(fixtures/cap-huyen/submissions tests/batch/data/report/b-truncated.json)

"$chiso" score -q -f xlsx -o "$work/vi.xlsx" "$r" "${subs[@]}" 2> "$work/err"
check "xlsx: exit 3 (one unit in error)" test $? -eq 3
"$chiso" score -q --lang vi "$r" "${subs[@]}" > "$work/vi.json" 2>/dev/null
python3 "$here/xlsx_check.py" "$work/vi.xlsx" "$work/vi.json" > "$work/check.vi"
rc=$?
check "xlsx (Vietnamese) read back equals the JSON: $(tail -1 "$work/check.vi")" test $rc -eq 0
grep FAIL "$work/check.vi" | head -5

"$chiso" score -q --lang en -f xlsx -o "$work/en.xlsx" "$r" "${subs[@]}" 2>/dev/null
"$chiso" score -q --lang en "$r" "${subs[@]}" > "$work/en.json" 2>/dev/null
python3 "$here/xlsx_check.py" "$work/en.xlsx" "$work/en.json" en > "$work/check.en"
rc=$?
check "xlsx --lang en read back equals the JSON: $(tail -1 "$work/check.en")" test $rc -eq 0
grep FAIL "$work/check.en" | head -5

# the published tables: a sheet "Công bố" when the batch has two periods,
# read back and compared with -f published and the figures worked by hand
pd=tests/published/data
"$chiso" score -q -f xlsx -o "$work/pub.xlsx" "$pd/tinh.chiso" "$pd/2022" "$pd/2023" 2>/dev/null
"$chiso" score -q -f published "$pd/tinh.chiso" "$pd/2022" "$pd/2023" > "$work/pub.json" 2>/dev/null
python3 "$here/xlsx_published_check.py" "$work/pub.xlsx" "$work/pub.json" > "$work/check.pub"
pubcode=$?
check "xlsx: the published sheet read back: $(tail -1 "$work/check.pub")" test $pubcode -eq 0
grep FAIL "$work/check.pub" | head -5
check "xlsx, one period: no published sheet" python3 -c "import sys, zipfile; sys.exit('Công bố' in zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode())" "$work/vi.xlsx"

# the same run gives the same bytes (SOURCE_DATE_EPOCH), to stdout as to -o
"$chiso" score -q -f xlsx "$r" "${subs[@]}" > "$work/stdout.xlsx" 2>/dev/null
check "reproducible, and the same on stdout" cmp -s "$work/vi.xlsx" "$work/stdout.xlsx"
check "a zip (xlsx) file" test "$(head -c 2 "$work/vi.xlsx")" = "PK"

# --round: the number format of points and percents, the value kept exact
"$chiso" score -q -f xlsx --round 1 -o "$work/r1.xlsx" "$r" "${subs[@]}" 2>/dev/null
python3 - "$work/r1.xlsx" > "$work/r1.formats" <<'PY'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
print(" ".join(sorted(set(re.findall(r'formatCode="([^"]*)"', z.read("xl/styles.xml").decode())))))
PY
check "--round 1: points as 0.0, percents as 0.0%" grep -q '0\.0 0\.0%' "$work/r1.formats"
XLSX_DECIMALS=1 python3 "$here/xlsx_check.py" "$work/r1.xlsx" "$work/vi.json" > "$work/check.r1"
rc=$?
check "--round 1: shown with 1 decimal, every value still exact: $(tail -1 "$work/check.r1")" test $rc -eq 0

run score -f xlsx --round 7 "$r" "${subs[@]}"
check "--round 7: exit 2" test $code -eq 2
check "--round 7: said" grep -q -- "--round takes a number from 0 to 6" "$work/err"
run score -q -f xlsx -o "$work/no/such/dir/a.xlsx" "$r" "${subs[@]}"
check "missing directory: exit 2" test $code -eq 2
check "missing directory: nothing written" test ! -e "$work/no"
if command -v script > /dev/null; then
  script -qec "'$chiso' score -q -f xlsx '$r' fixtures/cap-huyen/submissions" /dev/null > "$work/tty" 2>&1
  check "to a terminal: exit 2" test $? -eq 2
  check "to a terminal: said" grep -q "a workbook is not written to a terminal" "$work/tty"
fi
# every unit in error: a workbook still, with the units in error
run score -q -f xlsx -o "$work/bad.xlsx" "$r" tests/batch/data/report/b-truncated.json
check "all in error: exit 3" test $code -eq 3
check "all in error: written" test -s "$work/bad.xlsx"

# verify -f xlsx: every target of every unit read back and compared with the JSON
"$chiso" verify -f xlsx -o "$work/v.xlsx" rules/plans/ha-tinh-2021.chiso fixtures/plans/actuals 2>/dev/null
code=$?
"$chiso" verify -f json rules/plans/ha-tinh-2021.chiso fixtures/plans/actuals > "$work/v.json" 2>/dev/null
check "verify xlsx: the exit status of verify ($code)" test $code -eq $?
python3 "$here/xlsx_verify_check.py" "$work/v.xlsx" "$work/v.json" > "$work/check.v"
rc=$?
check "verify xlsx read back equals the JSON: $(tail -1 "$work/check.v")" test $rc -eq 0
grep FAIL "$work/check.v" | head -5
"$chiso" verify -f xlsx -o "$work/a.xlsx" --against rules/plans/ha-tinh-2021.chiso rules/plans/duc-tho-2021.chiso 2>/dev/null
check "verify --against xlsx: a sheet of checks" bash -c "python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); sys.exit(0 if \"So với cấp trên\" in z.read(\"xl/workbook.xml\").decode() else 1)' '$work/a.xlsx'"

# appraise -f xlsx: totals at every step and every criterion's points, compared with the JSON
ap=(rules/cap-so/dak-nong-y-te-2020.chiso fixtures/cap-so/appraisal/2020)
"$chiso" appraise -f xlsx -o "$work/ap.xlsx" "${ap[@]}" 2>/dev/null
code=$?
"$chiso" appraise -f json "${ap[@]}" > "$work/ap.json" 2>/dev/null
check "appraise xlsx: the exit status of appraise ($code)" test $code -eq $?
python3 "$here/xlsx_appraise_check.py" "$work/ap.xlsx" "$work/ap.json" > "$work/check.ap"
rc=$?
check "appraise xlsx read back equals the JSON: $(tail -1 "$work/check.ap")" test $rc -eq 0
grep FAIL "$work/check.ap" | head -5

echo "xlsx: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
