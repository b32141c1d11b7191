#!/usr/bin/env bash
# sources_test.sh CHISO — maxima backed by a source: `tối_đa N giả_định`
# (`max N assumed`, `toi_da N gia_dinh`) says no source gives a maximum;
# in an index that cites its legal basis, a maximum that neither its node
# nor a node above it cites, and that is not marked, is the warning
# `unsourced-max` at the number (exit 0, 1 under --strict). The bundled
# rules mark every guessed maximum and check clean under --strict.
set -uo pipefail
chiso="$1"
data="tests/sources/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err

# ---- the warning: only the maxima of field 2 and 2.1 (neither cited nor marked)
run check "$data/cited.chiso"
check "warnings only: exit 0" test $code -eq 0
check "two warnings" has_err "cited.chiso: 0 errors, 2 warnings"
check "field 2 at its maximum, in English" \
  has_err 'cited.chiso:12:31: warning: the maximum 3 of 2 has no source: the index cites "Quyết định 1/QĐ-X", neither the node nor a node above it cites anything'
check "the caret under the number" has_err '   12 |   lĩnh_vực 2 "Neither" tối_đa 3 {'
check "the hint shows the marker" has_err 'or say that no source gives it: `tối_đa 2 giả_định`'
run check --strict "$data/cited.chiso"
check "--strict: exit 1" test $code -eq 1
run check -f json "$data/cited.chiso"
check "json: code, line, column" \
  test "$(jq -c '[.[].diagnostics[] | [.code, .severity, .line, .column]]' "$work/out")" = '[["unsourced-max","warning",12,31],["unsourced-max","warning",13,42]]'
run check --lang vi "$data/cited.chiso"
check "Vietnamese" \
  has_err 'cited.chiso:13:42: cảnh báo: điểm tối đa 2 của 2.1 không có căn cứ: chỉ số dẫn "Quyết định 1/QĐ-X", nhưng cả mục này lẫn các mục chứa nó đều không dẫn căn cứ nào'

# ---- an index that cites nothing promises nothing
sed '/căn_cứ "Quyết định 1/d' "$data/cited.chiso" > "$work/uncited.chiso"
run check --strict "$work/uncited.chiso"
check "no legal basis: no warning" test $code -eq 0

# ---- citing the node, or marking it, silences the warning
sed -e 's/"Neither" tối_đa 3 {/"Neither" tối_đa 3 {\n    căn_cứ "Hướng dẫn, mục 2"/' \
  -e 's/"Neither either" tối_đa 2 {/"Neither either" tối_đa 2 giả_định {/' "$data/cited.chiso" > "$work/fixed.chiso"
run check --strict "$work/fixed.chiso"
check "cited and marked: clean under --strict" test $code -eq 0
# the mark changes no score: the same points with and without it
printf '{"unit": {"id": "a"}, "period": "2024", "metrics": {}}\n' > "$work/a.json"
run score "$work/fixed.chiso" "$work/a.json"
check "scores as before: 4 + 1 + 1 + 1 + 1 = 8" jq -e '.[0] | .points == 8 and .max == 10' "$work/out" > /dev/null

# ---- where the word may stand
printf 'chỉ_số "x" {\n  tổng 1 giả_định\n  tiêu_chí 1 "a" tối_đa 1 { điểm 1 }\n}\n' > "$work/total.chiso"
run check "$work/total.chiso"
check "after the total: a syntax error" test $code -eq 1
check "after the total: positioned" has_err "total.chiso:2:10: error:"
printf 'chỉ_số "x" {\n  tổng 1\n  tiêu_chí 1 "a" tối_đa 1 { điểm giả_định }\n}\n' > "$work/name.chiso"
run check "$work/name.chiso"
check "a reserved word: giả_định alone is not a metric" test $code -eq 1
printf 'chỉ_số "x" {\n  tổng 1\n  tiêu_chí 1 "a" tối_đa 1 { điểm min(1, `giả_định` + đo.gia_dinh) }\n}\n' > "$work/quoted.chiso"
run check "$work/quoted.chiso"
check "backquoted or in a path it is a name" test $code -eq 0

# ---- fmt keeps it and translates it
run fmt --keywords en "$data/cited.chiso"
check "fmt en: assumed" grep -qF 'criterion 2.2 "A guess, said so" max 1 assumed {' "$work/out"
check "fmt en: gia_dinh too" grep -qF 'criterion 3.2 "Không dấu" max 2 assumed {' "$work/out"
"$chiso" fmt --keywords vi "$work/out" > "$work/back" 2> /dev/null
check "fmt back to vi" grep -qF 'tiêu_chí 3.1 "English" tối_đa 1 giả_định {' "$work/back"

# ---- the bundled rules: guesses marked, all clean under --strict
check "tinh-2017: every criterion below the fields marked (52)" \
  test "$(grep -cE '^ +tiêu_chí .* tối_đa [0-9.]+ giả_định \{' rules/par-index/tinh-2017.chiso)" -eq 52
check "tinh-2017: the fields' maxima are 2948's, not marked" \
  test "$(grep -cE '^  lĩnh_vực .* giả_định' rules/par-index/tinh-2017.chiso)" -eq 0
check "cap-xa: field 9 (the 30 survey points) is sourced" grep -qE '^  lĩnh_vực 9 .* tối_đa 30 \{' rules/cap-xa/lam-dong-2025.chiso
for f in $(find rules -name '*.chiso' | sort); do
  run check --strict "$f"
  check "$f: clean under --strict" test $code -eq 0
done

echo "sources: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
