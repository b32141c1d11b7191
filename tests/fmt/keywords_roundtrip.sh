#!/usr/bin/env bash
# keywords_roundtrip.sh CHISO — `chiso fmt --keywords` translates every word
# of the language both ways, on every bundled rules file:
# 1. in the English spelling no word of the language is left in Vietnamese
#    (keywords, policy words, the words of declarations, the span words of
#    `áp_dụng 2022 đến 2030`, the origins after `nguồn`) outside strings,
#    comments and metric paths;
# 2. Vietnamese → English → Vietnamese gives back the Vietnamese spelling
#    byte for byte, and English → Vietnamese → English the English one;
# 3. the English spelling checks with the same diagnostics (by code), read
#    where the bundled file is (its includes are found beside it).
set -uo pipefail
chiso="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err

"$chiso" lsp --keywords > "$work/table.json"
check "the table lists the words read by their place" \
  jq -e '[.context_words[].vi] | index("đến") != null and index("từ") != null and index("thẩm_định") != null and index("đếm") != null' "$work/table.json" > /dev/null
check "the table lists giả_định" jq -e '[.keywords[] | select(.en == "assumed")] == [{"en": "assumed", "vi": "giả_định", "ascii": "gia_dinh"}]' "$work/table.json" > /dev/null

# the Vietnamese spellings (with and without diacritics) that differ from the English one
jq -r '(.keywords + .policy_words + .context_words)[] | select(.vi != .en) | .vi, .ascii' "$work/table.json" |
  sort -u > "$work/vietnamese-words"

# words outside strings, comments, backquotes and dotted paths
bare_words() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r'"(?:[^"\\\n]|\\.)*"|`[^`\n]*`|#[^\n]*', " ", text)
for m in re.finditer(r"[^\W\d][\w]*(?:\.[\w]+)*", text):
    w = m.group(0)
    if "." in w or text[m.start() - 1:m.start()] == ".":
        continue
    print(w)
PY
}

diag_codes() { # diag_codes FILE [AS]: the codes of check's diagnostics, FILE read in AS's place
  local f="$1" as="${2:-$1}"
  "$chiso" check -f json --stdin-name "$as" - < "$f" 2>/dev/null | jq -c '[.[].diagnostics[] | .severity + " " + .code]'
}

mapfile -t files < <(find rules -name '*.chiso' | sort)
check "every bundled file is covered (${#files[@]})" test "${#files[@]}" -ge 19
for f in "${files[@]}"; do
  name="${f//\//_}"
  "$chiso" fmt --keywords vi "$f" > "$work/$name.vi" 2> "$work/err" || { check "$f: fmt vi" false; continue; }
  "$chiso" fmt --keywords en "$work/$name.vi" > "$work/$name.en" 2> "$work/err"
  "$chiso" fmt --keywords vi "$work/$name.en" > "$work/$name.vi2" 2> "$work/err"
  "$chiso" fmt --keywords en "$work/$name.vi2" > "$work/$name.en2" 2> "$work/err"
  left="$(bare_words "$work/$name.en" | grep -Fxf "$work/vietnamese-words" | sort -u | tr '\n' ' ')"
  check "$f: nothing left in Vietnamese in English (${left:-none})" test -z "$left"
  check "$f: vi -> en -> vi is the same file" cmp -s "$work/$name.vi" "$work/$name.vi2"
  check "$f: en -> vi -> en is the same file" cmp -s "$work/$name.en" "$work/$name.en2"
  check "$f: the English spelling checks alike" cmp -s <(diag_codes "$f") <(diag_codes "$work/$name.en" "$f")
done

echo "keywords round trip: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
