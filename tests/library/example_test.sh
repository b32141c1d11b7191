#!/usr/bin/env bash
# example_test.sh RANK_EXAMPLE CHISO — the library example of
# docs/library.md ranks the 13 districts of Hà Tĩnh exactly as the command
# does with --rank-decimals 2, and a rules file with an error stops it with
# exit 1 and a positioned message.
set -uo pipefail
example="$1"
chiso="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rules=rules/cap-huyen/ha-tinh-2021.chiso
subs=(fixtures/cap-huyen/submissions/*.json)
fail=0

"$example" "$rules" "${subs[@]}" > "$work/lib.tsv"
[ $? -eq 0 ] || { echo "FAIL: the example exited $?"; fail=1; }
"$chiso" score -q --rank-decimals 2 "$rules" "${subs[@]}" |
  jq -r '.[] | [(.rank // "-" | tostring), (.percent * 100 | round / 100 | tostring), .unit.id] | @tsv' > "$work/cli.tsv"
# The same ranks for the same units (percent printed with 2 decimals by
# one, as jq rounds by the other: compare rank and unit only).
cut -f1,3 "$work/lib.tsv" | sort > "$work/lib.ranks"
cut -f1,3 "$work/cli.tsv" | sort > "$work/cli.ranks"
cmp -s "$work/lib.ranks" "$work/cli.ranks" || { echo "FAIL: ranks differ"; diff "$work/lib.ranks" "$work/cli.ranks"; fail=1; }
[ "$(wc -l < "$work/lib.tsv")" -eq 13 ] || { echo "FAIL: expected 13 units"; fail=1; }
grep -q $'^1\t95.50\t' "$work/lib.tsv" || { echo "FAIL: the first unit is not at 95.50"; fail=1; }

printf 'index "x" {\n  total 10\n  field 1 "f" max 10 { criterion 1.1 "c" max 5 { score a } }\n}\n' > "$work/bad.chiso"
"$example" "$work/bad.chiso" "${subs[0]}" > /dev/null 2> "$work/bad.err"
code=$?
[ $code -eq 1 ] || { echo "FAIL: rules with errors: exit $code, expected 1"; fail=1; }
grep -q "bad.chiso:3:" "$work/bad.err" || { echo "FAIL: no positioned error"; cat "$work/bad.err"; fail=1; }

# Results in error (an empty and an invalid submission) among ranked ones:
# no crash (chiso_rank_ex once divided by their zero denominator), no rank
# for them, the others ranked as before, exit 3.
: > "$work/empty.json"
echo '{"unit": ' > "$work/invalid.json"
"$example" "$rules" "$work/empty.json" "${subs[@]}" "$work/invalid.json" > "$work/err.tsv" 2> "$work/err.err"
code=$?
[ $code -eq 3 ] || { echo "FAIL: with results in error: exit $code, expected 3"; cat "$work/err.err"; fail=1; }
grep -q $'^-	-	.*empty.json$' "$work/err.tsv" || { echo "FAIL: the empty submission is not unranked"; fail=1; }
grep -q $'^-	-	.*invalid.json$' "$work/err.tsv" || { echo "FAIL: the invalid submission is not unranked"; fail=1; }
grep -q $'^1	95.50	' "$work/err.tsv" || { echo "FAIL: the ranks changed"; fail=1; }

[ $fail -eq 0 ] && echo "library example: ok"
exit $fail
