#!/usr/bin/env bash
# authoring_test.sh CHISO — the conveniences of `chiso check` (standard
# input with --stdin-name, directories, GitHub annotations, --watch run
# against files changed under it) and `chiso init` (the skeleton checks
# clean with --strict, is formatted, never overwrites).
set -uo pipefail
chiso="$1"
d="tests/cli/data"
work="$(mktemp -d)"
watcher=""
cleanup() {
  [ -n "$watcher" ] && kill "$watcher" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
jqq() { jq -e "$@" > /dev/null; }

# ---- check -
run check - < "$d/errors.chiso"
check "stdin: exit 1" test $code -eq 1
check "stdin: named <stdin>" has_err "<stdin>:2:9: error: the fields add up to 4, not to the total 10"
run check --stdin-name quy-tac.chiso - < "$d/errors.chiso"
check "--stdin-name in messages" has_err "quy-tac.chiso:10:41: error: unknown function 'raito'"
check "--stdin-name in the summary" has_err "quy-tac.chiso: 4 errors, 0 warnings"
run check --stdin-name tests/data/include/top.chiso - < tests/data/include/top.chiso
check "--stdin-name: includes found next to it: exit 0" test $code -eq 0
run check - < tests/data/include/top.chiso
check "without --stdin-name, includes are relative to the current directory: exit 1" test $code -eq 1
check "... and the missing include is named" has_err 'cannot include "sub/plan.chiso"'
run check - - < "$d/errors.chiso"
check "stdin twice: exit 2" test $code -eq 2
run check -f json --stdin-name x.chiso - < "$d/warn.chiso"
check "stdin, json: the file name" test "$(jq -r '.[0].file' "$work/out")" = x.chiso

# ---- check DIR
mkdir -p "$work/dir/b" "$work/dir/a" "$work/dir/.hidden"
cp "$d/warn.chiso" "$work/dir/b/w.chiso"
cp "$d/errors.chiso" "$work/dir/a/e.chiso"
cp rules/examples/huyen-mini.chiso "$work/dir/m.chiso"
cp "$d/errors.chiso" "$work/dir/.hidden/skip.chiso"
echo "not rules" > "$work/dir/notes.txt"
ln -s .. "$work/dir/a/loop"
run check -f json "$work/dir"
check "DIR: exit 1 (one file has errors)" test $code -eq 1
check "DIR: every *.chiso below, sorted, no hidden ones, no link loop" \
  test "$(jq -r '.[].file' "$work/out" | tr '\n' ' ')" = "$work/dir/a/e.chiso $work/dir/b/w.chiso $work/dir/m.chiso "
run check "$work/dir/b" "$work/dir/m.chiso"
check "DIR and a file: exit 0 (warnings only)" test $code -eq 0
check "DIR: the warning" has_err "$work/dir/b/w.chiso:5:7: warning: no band of '1.1' covers"
run check --strict "$work/dir/b"
check "DIR --strict: exit 1" test $code -eq 1
mkdir "$work/nothing"
run check "$work/nothing"
check "DIR without rules: exit 2" test $code -eq 2
check "DIR without rules: said" has_err "no *.chiso file in $work/nothing"

# ---- check -f github
run check -f github "$d/errors.chiso" "$d/warn.chiso"
check "github: exit 1" test $code -eq 1
check "github: error annotation with position and span" \
  has_out "::error file=$d/errors.chiso,line=10,col=41,endLine=10,endColumn=52,title=unknown-function::unknown function 'raito' (hint: did you mean 'ratio'?)"
check "github: percent escaped" has_out "band '>= 95%25' can never be chosen"
check "github: warning annotation" has_out "::warning file=$d/warn.chiso,line=5,col=7,"
check "github: one line per diagnostic" test "$(wc -l < "$work/out")" -eq 5
check "github: nothing on stderr" test ! -s "$work/err"
run check -f github rules/examples/huyen-mini.chiso
check "github clean: exit 0, no annotation" test $code -eq 0 -a ! -s "$work/out"
run check -f xml "$d/warn.chiso"
check "unknown format: exit 2" test $code -eq 2

# ---- check --watch: a bounded session
wait_for() { # wait_for TEXT FILE: up to 20 s
  for _ in $(seq 200); do grep -qF -- "$1" "$2" && return 0; sleep 0.1; done
  return 1
}
mkdir "$work/w"
cp rules/examples/huyen-mini.chiso "$work/w/r.chiso"
"$chiso" check --watch "$work/w/r.chiso" > "$work/watch.out" 2> "$work/watch.err" &
watcher=$!
check "watch: first check" wait_for "r.chiso: 0 errors, 0 warnings" "$work/watch.err"
check "watch: then waits" wait_for "watching; Ctrl-C to stop" "$work/watch.err"
sed 's/tối_đa 6 giả_định {/tối_đa 7 giả_định {/' "$work/w/r.chiso" > "$work/w/r.chiso.new" && mv "$work/w/r.chiso.new" "$work/w/r.chiso"
check "watch: a save by rename is seen" wait_for "r.chiso changed, checking again" "$work/watch.err"
check "watch: the new error" wait_for "error: the fields add up to 11, not to the total 10" "$work/watch.err"
cp rules/examples/huyen-mini.chiso "$work/w/r.chiso"
count_at_least() { # count_at_least TEXT N FILE: up to 20 s
  for _ in $(seq 200); do [ "$(grep -cF -- "$1" "$3")" -ge "$2" ] && return 0; sleep 0.1; done
  return 1
}
check "watch: fixed in place, checked again and clean" count_at_least "r.chiso: 0 errors, 0 warnings" 2 "$work/watch.err"
kill -TERM "$watcher"
wait "$watcher"
code=$?
watcher=""
check "watch: stops on SIGTERM with the last result (0)" test $code -eq 0
run check --watch - < "$d/warn.chiso"
check "watch of stdin: exit 2" test $code -eq 2

# ---- init
run init
check "init: exit 0" test $code -eq 0
cp "$work/out" "$work/skel.chiso"
run check --strict "$work/skel.chiso"
check "init: clean under --strict" test $code -eq 0
check "init: no warning" has_err "skel.chiso: 0 errors, 0 warnings"
run fmt --check "$work/skel.chiso"
check "init: already formatted" test $code -eq 0
for what in "lĩnh_vực 1" "tiêu_chí 1.1" "mức ≥ 100%" "ratio(" "trừ \"" "xếp_loại {" "quy_tắc không_phát_sinh" "# " \
  "số_liệu hồ_sơ.đúng_hạn" "đếm \"hồ sơ\" <= hồ_sơ.tổng_số" "bắt_buộc" "tỷ_lệ" "ngày từ 2024-01-01"; do
  check "init: has $what" grep -qF -- "$what" "$work/skel.chiso"
done
run metrics "$work/skel.chiso"
check "init: reads Vietnamese metric names" has_out "hồ_sơ.đúng_hạn"
run init "$work/new.chiso"
check "init FILE: exit 0" test $code -eq 0
check "init FILE: the same skeleton" cmp -s "$work/new.chiso" "$work/skel.chiso"
check "init FILE: says what next" has_err "next: chiso check --strict $work/new.chiso"
echo "# mine" > "$work/mine.chiso"
run init "$work/mine.chiso"
check "init over an existing file: exit 2" test $code -eq 2
check "init over an existing file: untouched" test "$(cat "$work/mine.chiso")" = "# mine"
check "init over an existing file: said" has_err "it exists already"
run init --keywords en
check "init --keywords en: English" has_out "criterion 1.1"
check "init --keywords en: declarations in English" has_out 'metric hồ_sơ.đúng_hạn'
check "init --keywords en: clause words in English" grep -qE '^metric hồ_sơ.đúng_hạn +"Số hồ sơ giải quyết đúng hạn" +count "hồ sơ" <= hồ_sơ.tổng_số$' "$work/out"
run metrics --template "$work/skel.chiso"
check "init: the template explains each metric" has_out "Số hồ sơ giải quyết đúng hạn"
"$chiso" init --keywords en | "$chiso" check --strict - 2> "$work/err"
check "init --keywords en: clean under --strict" test $? -eq 0
run init "$work/no/such/dir/x.chiso"
check "init in a missing directory: exit 2" test $code -eq 2
run init a b
check "init of two files: exit 2" test $code -eq 2

# ---- lsp over stdio (the full session is tests/unit/test_lsp.c)
"$chiso" lsp < tests/authoring/data/session.lsp > "$work/lsp.raw" 2> "$work/err"
code=$?
check "lsp: exit 0 after shutdown and exit" test $code -eq 0
tr -d '\r' < "$work/lsp.raw" | sed 's/Content-Length: [0-9]*/\n/g' | sed '/^$/d' | jq -s . > "$work/lsp.json"
check "lsp: framed JSON-RPC answers" test "$(jq length "$work/lsp.json")" -eq 9
check "lsp: the error as typed" test "$(jq -r '[.[] | select(.method == "textDocument/publishDiagnostics")][0].params.diagnostics[0] | "\(.code) \(.range.start.line):\(.range.start.character)"' "$work/lsp.json")" = "maxima 2:8"
check "lsp: fixed" test "$(jq '[.[] | select(.method == "textDocument/publishDiagnostics")][1].params.diagnostics | length' "$work/lsp.json")" -eq 0
check "lsp: hover" jqq '.[] | select(.id == 2) | .result.contents.value | contains("Ban hành kế hoạch CCHC năm đúng hạn")' "$work/lsp.json"
check "lsp: completion of metrics" jqq '.[] | select(.id == 3) | .result | map(.label) | index("dossiers.on_time")' "$work/lsp.json"
check "lsp: symbols" test "$(jq -r '.[] | select(.id == 4) | .result[0].children | map(.name) | join("|")' "$work/lsp.json")" = "1 Công tác chỉ đạo, điều hành CCHC|3 Cải cách thủ tục hành chính"
check "lsp: formatting" jqq '.[] | select(.id == 5) | .result[0].newText | startswith("# Chỉ số CCHC")' "$work/lsp.json"
check "lsp: definition" test "$(jq -r '.[] | select(.id == 6) | .result.range.start.line' "$work/lsp.json")" -eq 8
check "lsp: shutdown answered" jqq '.[] | select(.id == 7) | has("result")' "$work/lsp.json"
printf '' | "$chiso" lsp > /dev/null
check "lsp: input ends without exit: 1" test $? -eq 1
run lsp --keywords
check "lsp --keywords: the table" test "$(jq -r '.keywords[] | select(.en == "criterion") | .vi' "$work/out")" = "tiêu_chí"
run lsp --tokens rules/examples/huyen-mini.chiso
check "lsp --tokens: classes" test "$(jq -r '[.[] | select(.text == "98%")][0].class' "$work/out")" = percent
run lsp extra
check "lsp with an argument: exit 2" test $code -eq 2

echo "authoring: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
