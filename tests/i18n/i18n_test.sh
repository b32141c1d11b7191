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
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err

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
# a damaged catalogue (not one, empty, cut short) is none
mo="$(dirname "$chiso")/locale/vi/LC_MESSAGES/chiso.mo"
mkdir -p "$work/cat/vi/LC_MESSAGES"
for damage in "not a catalogue, but longer than its header" "" "short"; do
  printf '%s' "$damage" > "$work/cat/vi/LC_MESSAGES/chiso.mo"
  CHISO_LOCALEDIR="$work/cat" run check --lang vi "$work/bad.chiso"
  check "damaged catalogue (${#damage} bytes): warned" has_err "no Vietnamese message catalogue in $work/cat"
  check "damaged catalogue (${#damage} bytes): English" has_err "error: unexpected identifier 'foo'"
done
head -c 20 "$mo" > "$work/cat/vi/LC_MESSAGES/chiso.mo"
CHISO_LOCALEDIR="$work/cat" run check --lang vi "$work/bad.chiso"
check "a catalogue's first 20 bytes: English" has_err "error: unexpected identifier 'foo'"
# the catalogue mapped from elsewhere, and read from a pipe (which cannot be mapped)
cp "$mo" "$work/cat/vi/LC_MESSAGES/chiso.mo"
CHISO_LOCALEDIR="$work/cat" run check --lang vi "$work/bad.chiso"
check "a catalogue elsewhere: Vietnamese" has_err "bad.chiso:8:3: lỗi: không mong đợi tên 'foo'"
rm "$work/cat/vi/LC_MESSAGES/chiso.mo"
mkfifo "$work/cat/vi/LC_MESSAGES/chiso.mo"
timeout 20 cp "$mo" /dev/stdout > "$work/cat/vi/LC_MESSAGES/chiso.mo" &
CHISO_LOCALEDIR="$work/cat" run check --lang vi "$work/bad.chiso"
wait
check "a catalogue read from a pipe: Vietnamese" has_err "bad.chiso:8:3: lỗi: không mong đợi tên 'foo'"

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

# --- the command's own messages (usage, options, files) in both languages, with their exit codes
ht=rules/cap-huyen/ha-tinh-2021.chiso
hs=fixtures/cap-huyen/submissions
cli_case() { # NAME EXIT ENGLISH VIETNAMESE -- ARGS...
  local name="$1" want="$2" en="$3" vi="$4"
  shift 5
  LANG=C.UTF-8 LC_ALL= LANGUAGE= run "$@"
  check "$name (C locale): exit $want" test $code -eq "$want"
  check "$name (C locale): English" has_err "$en"
  LANG=C.UTF-8 LC_ALL= LANGUAGE= run --lang vi "$@"
  check "$name (--lang vi): exit $want" test $code -eq "$want"
  check "$name (--lang vi): Vietnamese" has_err "$vi"
  LANG=vi_VN.UTF-8 LC_ALL= LANGUAGE= run "$@"
  check "$name (LANG=vi_VN.UTF-8): Vietnamese" has_err "$vi"
  LANG=vi_VN.UTF-8 LC_ALL= LANGUAGE= run --lang en "$@"
  check "$name (--lang en over the locale): English" has_err "$en"
}
cli_case "unknown command" 2 "chiso: unknown command 'bogus'" "chiso: không có lệnh 'bogus'" -- bogus
cli_case "score without rules" 2 "chiso score: no rules file given" "chiso score: chưa cho tệp quy tắc" -- score
cli_case "score without submissions" 2 "chiso score: no submission given" "chiso score: chưa cho tệp số liệu nào" -- score "$ht"
cli_case "unknown format" 2 "chiso verify: unknown format 'bogus' (text, json, junit, github or xlsx)" \
  "chiso verify: không có định dạng 'bogus' (text, json, junit, github hoặc xlsx)" -- verify -f bogus tests/cli/data/child.chiso
cli_case "--jobs out of range" 2 "chiso score: --jobs takes a number from 1 to 256" "chiso score: --jobs nhận một số từ 1 đến 256" -- score -j 0 "$ht" "$hs"
cli_case "contradicting options" 2 "--decimal-comma and --decimal-point contradict each other" "--decimal-comma và --decimal-point mâu thuẫn nhau" \
  -- score --decimal-comma --decimal-point "$ht" "$hs"
cli_case "rules that cannot be opened" 2 "chiso: error: $work/none.chiso: cannot open" "chiso: lỗi: $work/none.chiso: không mở được" -- score "$work/none.chiso" "$hs"
cli_case "output that cannot be written" 2 "chiso: cannot write '$work/no/dir/x.json'" "chiso: không ghi được '$work/no/dir/x.json'" \
  -- score -o "$work/no/dir/x.json" "$ht" "$hs"
cli_case "rules with errors" 1 "tests/cli/data/errors.chiso: 4 errors in the rules; nothing scored" \
  "tests/cli/data/errors.chiso: 4 lỗi trong tệp quy tắc; không chấm điểm" -- score tests/cli/data/errors.chiso "$hs"
cli_case "units in error" 3 "chiso score: 2 of 4 units could not be scored" "chiso score: 2 trong 4 đơn vị không chấm được điểm" \
  -- score -f csv -o "$work/r.csv" tests/batch/data/report.chiso tests/batch/data/report
cli_case "explain: unknown node" 2 "chiso explain: no node '9.9' in the index; did you mean '1.1'?" \
  "chiso explain: bộ chỉ số không có mục '9.9'; có phải ý bạn là '1.1'?" -- explain --node 9.9 "$ht" "$hs/cam-xuyen.json"
cli_case "verify without a plan" 2 "chiso verify: no plan given" "chiso verify: chưa cho kế hoạch nào" -- verify
cli_case "verify: a parent plan that cannot be read" 2 "error: parent plan" "lỗi: không đọc được kế hoạch cấp trên" -- verify tests/cli/data/orphan.chiso
cli_case "check without files" 2 "chiso check: no rules file given" "chiso check: chưa cho tệp quy tắc nào" -- check
cli_case "check: the count of diagnostics" 1 "4 errors, 0 warnings" "4 lỗi, 0 cảnh báo" -- check tests/cli/data/errors.chiso
cli_case "fmt: bad keywords" 2 "chiso fmt: --keywords is vi or en, not 'fr'" "chiso fmt: --keywords là vi hoặc en, không phải 'fr'" -- fmt --keywords fr "$ht"
cli_case "appraise: missing folder" 2 "chiso appraise: give a rules file and a period folder" \
  "chiso appraise: hãy cho một tệp quy tắc và một thư mục của kỳ đánh giá" -- appraise "$ht"
# chiso test: a failing case in the language of messages
LANG=C.UTF-8 LC_ALL= LANGUAGE= run test rules/examples/huyen-mini.chiso tests/cli/data/tests-fail.json
check "test failure (C locale): exit 1" test $code -eq 1
check "test failure (C locale): English" has_out '"points: expected 9.5, got 9.25"'
LANG=C.UTF-8 LC_ALL= LANGUAGE= run test --lang vi rules/examples/huyen-mini.chiso tests/cli/data/tests-fail.json
check "test failure (--lang vi): exit 1" test $code -eq 1
check "test failure (--lang vi): Vietnamese" has_out '"points: kỳ vọng 9.5, kết quả 9.25"'
check "test failure (--lang vi): the trace in Vietnamese" has_out "Cộng điểm (how the totals add up):"
# a report is Vietnamese, what goes to stderr stays in the user's language
LANG=C.UTF-8 LC_ALL= LANGUAGE= run score -f text tests/batch/data/report.chiso tests/batch/data/report
check "report Vietnamese, its stderr English (C locale)" bash -c "grep -q 'Xếp hạng (ranking)' '$work/out' && grep -q 'units could not be scored' '$work/err'"

echo "i18n: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
