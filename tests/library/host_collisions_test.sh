#!/usr/bin/env bash
# host_collisions_test.sh CHISO HOST... — every HOST (host_collisions.c
# linked against libchiso.so, and against libchiso.a) loads the Hà Tĩnh
# district rules and scores the 13 districts exactly as `chiso score`
# does, although it defines yyparse, yylex, xmalloc and json_arena_new.
set -uo pipefail
chiso="$1"
shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rules=rules/cap-huyen/ha-tinh-2021.chiso
subs=(fixtures/cap-huyen/submissions/*.json)
fail=0

# The command's results, without the ranks per field (chiso_rank gives
# the overall rank only).
# the library speaks Vietnamese by default, as the command's reports
"$chiso" --lang vi score -q -f ndjson "$rules" "${subs[@]}" | jq -cS 'del(.field_ranks)' > "$work/cli.ndjson"
[ "$(wc -l < "$work/cli.ndjson")" -eq 13 ] || { echo "FAIL: the command gave $(wc -l < "$work/cli.ndjson") results"; fail=1; }
for host in "$@"; do
    name=$(basename "$host")
    "$host" "$rules" "${subs[@]}" > "$work/$name.raw" 2> "$work/$name.err"
    code=$?
    [ $code -eq 0 ] || { echo "FAIL: $name exited $code"; cat "$work/$name.err"; fail=1; continue; }
    jq -cS . "$work/$name.raw" > "$work/$name.ndjson"
    if ! cmp -s "$work/cli.ndjson" "$work/$name.ndjson"; then
        echo "FAIL: $name's results differ from the command's"
        diff "$work/cli.ndjson" "$work/$name.ndjson" | head -4 | cut -c1-300
        fail=1
    fi
    grep -q '"rank":1,' "$work/$name.ndjson" || { echo "FAIL: $name: no unit ranked first"; fail=1; }
done
[ $fail -eq 0 ] && echo "ok: $# hosts with their own yyparse, yylex, xmalloc and json_arena_new score as the command does"
exit $fail
