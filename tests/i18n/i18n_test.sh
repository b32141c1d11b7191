#!/usr/bin/env bash
# i18n_test.sh CHISO — Vietnamese messages: the catalogue po/vi.po holds a
# translation of every message the sources make (none missing, none
# untranslated, none fuzzy, format strings matching), and the language is
# chosen by --lang, then the locale, while the codes of JSON diagnostics
# and findings stay the same in every language.
set -uo pipefail
chiso="$1"
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

# --- the catalogue is complete
bash scripts/po-update.sh "$work/chiso.pot" 2> "$work/xgettext.err"
check "messages extracted" test -s "$work/chiso.pot"
if ! msgcmp po/vi.po "$work/chiso.pot" 2> "$work/msgcmp.err"; then
  failed=$((failed + 1))
  echo "FAIL: po/vi.po lacks a translation of these messages (run scripts/po-update.sh --merge, then translate them in po/vi.po):"
  sed 's/^/  /' "$work/msgcmp.err" | head -40
else
  passed=$((passed + 1))
fi
msgfmt --check --statistics -o /dev/null po/vi.po 2> "$work/stats"
check "po/vi.po compiles, formats match" test $? -eq 0
check "no message untranslated or fuzzy: $(cat "$work/stats")" \
  bash -c "! grep -qE 'untranslated|fuzzy' '$work/stats'"
check "no fuzzy entry" bash -c "! grep -q '^#, .*fuzzy' po/vi.po"
check "the catalogue is built beside the program" test -s "$(dirname "$chiso")/locale/vi/LC_MESSAGES/chiso.mo"

# --- choosing the language
printf 'index "X" {\n  total 10\n  lĩnh_vực 1 "A" tối_đa 4 {\n    giá_trị ratio(a.b, a.c)\n    mức >= 98 -> 4\n    mức còn_lại -> 0\n  }\n  foo\n}\n' > "$work/bad.chiso"
LANG=C.UTF-8 run check "$work/bad.chiso"
check "C locale: English" has_err "bad.chiso:8:3: error: unexpected identifier 'foo'"
LANG=C.UTF-8 run check --lang vi "$work/bad.chiso"
check "--lang vi: Vietnamese" has_err "bad.chiso:8:3: lỗi: không mong đợi tên 'foo'"
check "--lang vi: exit 1" test $code -eq 1
LANG=vi_VN.UTF-8 LC_ALL= LANGUAGE= run check "$work/bad.chiso"
check "LANG=vi_VN.UTF-8: Vietnamese" has_err "lỗi: không mong đợi tên 'foo'"
LANG=vi_VN.UTF-8 LC_ALL= LANGUAGE= run check --lang=en "$work/bad.chiso"
check "--lang=en over the locale: English" has_err "error: unexpected identifier 'foo'"
LANG=en_US.UTF-8 LC_ALL= LANGUAGE= run check "$work/bad.chiso"
check "LANG=en_US.UTF-8: English" has_err "error: unexpected identifier 'foo'"
run check --lang fr "$work/bad.chiso"
check "--lang fr: exit 2" test $code -eq 2
check "--lang fr: said" has_err "--lang takes vi or en, not fr"
CHISO_LOCALEDIR="$work/none" run check --lang vi "$work/bad.chiso"
check "no catalogue: warned" has_err "no Vietnamese message catalogue in $work/none"
check "no catalogue: English" has_err "error: unexpected identifier 'foo'"

# a hint, a type error and a band check in Vietnamese
printf 'index "X" {\n  total 4\n  lĩnh_vực 1 "A" tối_đa 4 {\n    giá_trị ratio(a.b, a.c)\n    mức >= 98 -> 4\n    mức >= 50%% -> 2\n    mức còn_lại -> 0\n  }\n}\n' > "$work/bands.chiso"
run check --lang vi "$work/bands.chiso"
check "unit-percent in Vietnamese" has_err "bands.chiso:5:12: lỗi: ratio(a.b, a.c) là một tỷ lệ (từ 0 đến 1), ở đây được so sánh với 98"
check "its hint in Vietnamese" has_err "= gợi ý: có phải ý bạn là 98%?"

# --- codes stay the same in every language
for f in "$work/bad.chiso" "$work/bands.chiso" tests/cli/data/errors.chiso; do
  "$chiso" check -f json --lang en "$f" 2>/dev/null | jq -c '[.[].diagnostics[] | [.line, .column, .severity, .code]]' > "$work/en.codes"
  "$chiso" check -f json --lang vi "$f" 2>/dev/null | jq -c '[.[].diagnostics[] | [.line, .column, .severity, .code]]' > "$work/vi.codes"
  "$chiso" check -f json --lang vi "$f" 2>/dev/null | jq -r '.[].diagnostics[].message' > "$work/vi.msgs"
  check "$(basename "$f"): codes, severities and positions the same in vi and en" cmp -s "$work/en.codes" "$work/vi.codes"
  check "$(basename "$f"): diagnostics found" test "$(jq length "$work/en.codes")" -gt 0
  check "$(basename "$f"): Vietnamese messages" grep -q '[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữự]' "$work/vi.msgs"
done

# --- results: reasons and errors in the language asked for; JSON codes kept
r=tests/i18n/data/ty-le.chiso   # a zero denominator (not applicable) and a damaged file
s=tests/i18n/data/units
"$chiso" score --lang en "$r" "$s" 2>/dev/null | jq -c '[.[] | [.status, ([.findings[]?.kind] | join(","))]]' > "$work/en.kinds"
"$chiso" score --lang vi "$r" "$s" 2>/dev/null > "$work/vi.json"
jq -c '[.[] | [.status, ([.findings[]?.kind] | join(","))]]' "$work/vi.json" > "$work/vi.kinds"
check "score JSON: status and finding kinds the same in vi and en" cmp -s "$work/en.kinds" "$work/vi.kinds"
check "score JSON --lang vi: a reason in Vietnamese" grep -q "một tỷ lệ hoặc phép chia có mẫu số bằng 0" "$work/vi.json"
LANG=C.UTF-8 "$chiso" score "$r" "$s" 2>/dev/null > "$work/c.json"
check "score JSON in the C locale: English" grep -q "a ratio or division has a zero denominator" "$work/c.json"
LANG=C.UTF-8 "$chiso" score -f text "$r" "$s" > "$work/card.txt" 2> "$work/card.err"
check "scorecards are Vietnamese by default" grep -q "không áp dụng (đủ điểm): một tỷ lệ hoặc phép chia có mẫu số bằng 0" "$work/card.txt"
check "an error result in Vietnamese" grep -q "JSON không hợp lệ ở dòng" "$work/card.txt"
check "scorecards: no English reason left" bash -c "! grep -q 'zero denominator\|did not arise\|invalid JSON' '$work/card.txt'"
check "stderr stays in the locale's language" grep -q "units could not be scored" "$work/card.err"
"$chiso" score --lang en -f text "$r" "$s" > "$work/card-en.txt" 2>/dev/null
check "scorecards --lang en: English reasons" grep -q "a ratio or division has a zero denominator" "$work/card-en.txt"

echo "i18n: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
