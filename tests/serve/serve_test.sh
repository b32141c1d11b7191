#!/usr/bin/env bash
# serve_test.sh CHISO SERVE_LOAD — `chiso serve` end to end with curl on
# loopback, on a free port the kernel picks: health and provenance (the
# rules' SHA-256), the index listing, one submission and an NDJSON batch
# against the command's own results (byte for byte), explain, check,
# malformed and oversized bodies (with and without Content-Length), unknown
# endpoints and methods, a slow client that never finishes, a reload on
# SIGHUP under load with nothing lost (and a broken reload that keeps the
# rules in service), and a clean stop on SIGTERM.
set -uo pipefail
chiso="$1"
load="$2"
work="$(mktemp -d)"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

mkdir -p "$work/rules/cap-huyen"
cp rules/cap-huyen/*.chiso "$work/rules/cap-huyen/"
subs=(fixtures/cap-huyen/submissions/*.json)
"$chiso" serve -p 0 --max-body 200000 --timeout 2 --threads 2 "$work/rules" > "$work/out" 2> "$work/err" &
pid=$!
for _ in $(seq 50); do grep -q listening "$work/out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$work/out")
[ -n "$port" ] || { echo "FAIL: the service did not start"; cat "$work/out" "$work/err"; exit 1; }
base="http://127.0.0.1:$port"
q="rules=cap-huyen/ha-tinh-2021.chiso"
file_sha=$(sha256sum rules/cap-huyen/ha-tinh-2021.chiso | cut -d' ' -f1)
# status FILE METHOD URL [curl args...]: the body to FILE, the status printed
# A large body waits for the server's answer to "Expect: 100-continue" (a
# 413 comes before the body is sent); on a busy machine curl's 1 s default
# would send it anyway and meet the closed connection.
status() { local out="$1" method="$2" url="$3"; shift 3; curl -s --expect100-timeout 30 -o "$out" -w '%{http_code}' -X "$method" "$@" "$url"; }

# Health and listing, with provenance.
[ "$(status "$work/h" GET "$base/healthz")" = 200 ] || bad "healthz"
jq -e '.status == "ok" and .rule_sets == 1 and (.rules_sha256 | length) == 64' "$work/h" > /dev/null || bad "healthz body: $(cat "$work/h")"
[ "$(status "$work/i" GET "$base/v1/indexes")" = 200 ] || bad "indexes"
# The index and its fields as the command scores them.
"$chiso" --lang vi score -q -f json "$work/rules/cap-huyen/ha-tinh-2021.chiso" "${subs[@]}" > "$work/cli.json"
jq -c '.[0] | {index, fields: [.nodes[] | {id, name, max}]}' "$work/cli.json" > "$work/fields.want"
jq -c '.rules[0].indexes[0] | {index: .name, fields}' "$work/i" > "$work/fields.got"
cmp -s "$work/fields.want" "$work/fields.got" || bad "the listed index and fields differ from the command's results"
jq -e --arg s "$file_sha" '.rules[0].name == "cap-huyen/ha-tinh-2021.chiso" and .rules[0].files[0].sha256 == $s' \
    "$work/i" > /dev/null || bad "indexes body: $(head -c 400 "$work/i")"
sha=$(jq -r '.rules_sha256' "$work/h")

# One submission: the command's result (without ranks), with its provenance.
for s in "${subs[0]}" "${subs[5]}"; do
    code=$(status "$work/one" POST "$base/v1/score?$q&origin=$s" --data-binary "@$s" -H 'Content-Type: application/json')
    [ "$code" = 200 ] || bad "score $s: $code"
    jq -cS . "$work/one" > "$work/one.got"
    jq -cS --arg f "$s" '.[] | select(.file == $f) | del(.field_ranks) | .rank = null' "$work/cli.json" > "$work/one.want"
    cmp -s "$work/one.got" "$work/one.want" || bad "score $s differs from the command's result"
    jq -e --arg f "$file_sha" '.provenance.rules_sha256 == $f and (.provenance.includes | length) == 1' "$work/one" > /dev/null ||
        bad "no provenance in the score answer"
done

# A batch as NDJSON: byte for byte the command's NDJSON for the same lines.
for s in "${subs[@]}"; do jq -c . "$s"; done > "$work/batch.ndjson"
"$chiso" --lang vi score -q -f ndjson "$work/rules/cap-huyen/ha-tinh-2021.chiso" - < "$work/batch.ndjson" > "$work/batch.want"
curl -s -D "$work/batch.headers" -o "$work/batch.got" -X POST -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$work/batch.ndjson" "$base/v1/score?$q"
cmp -s "$work/batch.want" "$work/batch.got" || bad "the NDJSON batch differs from chiso score -f ndjson"
[ "$(wc -l < "$work/batch.got")" -eq 13 ] || bad "the batch has $(wc -l < "$work/batch.got") lines"
grep -qi "^X-Chiso-Rules-SHA256: $sha" "$work/batch.headers" || bad "no rules SHA-256 header on the batch"
grep -qi '^X-Chiso-Units-Failed: 0' "$work/batch.headers" || bad "no failed count header"
"$chiso" --lang vi score -q -f text --rank-decimals 2 "$work/rules/cap-huyen/ha-tinh-2021.chiso" - < "$work/batch.ndjson" > "$work/text.want"
status "$work/text.got" POST "$base/v1/score?$q&format=text&rank_decimals=2" --data-binary "@$work/batch.ndjson" > /dev/null
cmp -s "$work/text.want" "$work/text.got" || bad "the text batch differs from chiso score -f text"
[ "$(status "$work/e" POST "$base/v1/score?$q&format=pdf" --data-binary "@$work/batch.ndjson")" = 400 ] || bad "unknown format not 400"

# Explain: the command's text.
"$chiso" --lang vi explain --node 3.1 "$work/rules/cap-huyen/ha-tinh-2021.chiso" "${subs[0]}" > "$work/explain.want"
[ "$(status "$work/explain" POST "$base/v1/explain?$q&node=3.1&origin=${subs[0]}" --data-binary "@${subs[0]}")" = 200 ] || bad "explain"
jq -j '.text' "$work/explain" > "$work/explain.got"
cmp -s "$work/explain.want" "$work/explain.got" || bad "explain differs from chiso explain"
[ "$(status "$work/e" POST "$base/v1/explain?$q&node=9.9" --data-binary "@${subs[0]}")" = 404 ] || bad "explain of an unknown node not 404"

# Check: diagnostics with positions; includes are not read from the server's disk.
printf 'index "x" {\n  total 10\n  field 1 "f" max 10 { criterion 1.1 "c" max 5 { score a } }\n}\n' > "$work/bad.chiso"
[ "$(status "$work/c" POST "$base/v1/check?name=bad.chiso" --data-binary "@$work/bad.chiso")" = 200 ] || bad "check"
jq -e '.errors == 1 and .diagnostics[0].line == 3 and .diagnostics[0].column == 19 and .diagnostics[0].code == "maxima"
    and (.provenance.rules_sha256 | length) == 64' "$work/c" > /dev/null || bad "check body: $(cat "$work/c")"
printf 'include "../../etc/passwd"\n' > "$work/inc.chiso"
status "$work/c" POST "$base/v1/check" --data-binary "@$work/inc.chiso" > /dev/null
jq -e '.errors >= 1' "$work/c" > /dev/null || bad "an include in posted rules was followed"
grep -q 'root:' "$work/c" && bad "a file of the server leaked"

# Malformed, oversized, unknown.
[ "$(status "$work/m" POST "$base/v1/score?$q" --data-binary '{"unit": ')" = 422 ] || bad "malformed submission not 422"
jq -e '.status == "error" and (.errors[0] | test("dòng 1, cột")) and .provenance.rules_sha256' "$work/m" > /dev/null || bad "malformed: $(cat "$work/m")"
[ "$(status "$work/m" POST "$base/v1/score?$q" --data-binary '')" = 422 ] || bad "empty body not 422"
head -c 300000 /dev/zero | tr '\0' ' ' > "$work/big"
[ "$(status "$work/b" POST "$base/v1/score?$q" --data-binary "@$work/big")" = 413 ] || bad "oversized body not 413"
jq -e '.error.status == 413' "$work/b" > /dev/null || bad "413 body: $(cat "$work/b")"
[ "$(status "$work/b" POST "$base/v1/score?$q" -H 'Transfer-Encoding: chunked' --data-binary "@$work/big")" = 413 ] || bad "oversized chunked body not 413"
[ "$(status "$work/n" GET "$base/v2/nothing")" = 404 ] || bad "unknown endpoint not 404"
jq -e '.error.status == 404' "$work/n" > /dev/null || bad "404 body"
[ "$(status "$work/n" GET "$base/v1/score")" = 405 ] || bad "GET /v1/score not 405"
[ "$(status "$work/n" POST "$base/v1/score?rules=nope.chiso" --data-binary '{}')" = 404 ] || bad "unknown rules not 404"
[ "$(status "$work/n" POST "$base/v1/score?$q&index=nope" --data-binary '{}')" = 404 ] || bad "unknown index not 404"

# A slow client (half a request, then silence) is dropped after --timeout;
# others are served meanwhile.
exec 3<> "/dev/tcp/127.0.0.1/$port"
printf 'POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"un' >&3
[ "$(status "$work/h" GET "$base/healthz")" = 200 ] || bad "not served while a client is slow"
if timeout 6 cat <&3 > /dev/null; then :; else bad "the slow client was not dropped within the timeout"; fi
exec 3<&-

# Reload under load: 4 clients × 500 requests while the rules change and
# SIGHUP arrives; every request answered 200, the new rules in service after.
"$load" "$port" "${subs[0]}" 4 2000 "$q" > "$work/load.out" 2>&1 &
loadpid=$!
sleep 0.2
echo '# reloaded' >> "$work/rules/cap-huyen/ha-tinh-2021.chiso"
kill -HUP "$pid"
wait "$loadpid" || bad "requests lost during the reload: $(cat "$work/load.out")"
for _ in $(seq 50); do grep -q reloaded "$work/err" && break; sleep 0.1; done
grep -q 'rules reloaded' "$work/err" || bad "no reload logged"
status "$work/h2" GET "$base/healthz" > /dev/null
[ "$(jq -r .rules_sha256 "$work/h2")" != "$sha" ] || bad "the reloaded rules are not in service"
sha2=$(jq -r .rules_sha256 "$work/h2")
echo 'index "broken" {' >> "$work/rules/cap-huyen/ha-tinh-2021.chiso"
kill -HUP "$pid"
for _ in $(seq 50); do grep -q 'still serving' "$work/err" && break; sleep 0.1; done
grep -q 'still serving the previous' "$work/err" || bad "a broken reload was not reported"
status "$work/h3" GET "$base/healthz" > /dev/null
[ "$(jq -r .rules_sha256 "$work/h3")" = "$sha2" ] || bad "a broken reload replaced the rules"
[ "$(status "$work/one" POST "$base/v1/score?$q" --data-binary "@${subs[0]}")" = 200 ] || bad "not scoring after a broken reload"

kill -TERM "$pid"
wait "$pid"
code=$?
pid=
[ $code -eq 0 ] || bad "exit $code on SIGTERM"

# --max-connections: a connection over the limit is refused, and served
# again once one closes; the service still stops on SIGTERM.
"$chiso" serve -q -p 0 --max-connections 1 --timeout 5 --max-time 0.001 rules/cap-huyen/ha-tinh-2021.chiso > "$work/out2" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q listening "$work/out2" && break; sleep 0.1; done
port2=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$work/out2")
exec 4<> "/dev/tcp/127.0.0.1/$port2"
sleep 0.2
code=$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port2/healthz")
[ "$code" = 000 ] || bad "a connection over --max-connections was served ($code)"
exec 4<&-
sleep 0.2
code=$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port2/healthz")
[ "$code" = 200 ] || bad "not served again after the connection closed ($code)"
# --max-time: a batch that takes longer than 1 ms (3 MB of submissions) is
# stopped and answered 503; a single submission is not limited.
for _ in $(seq 100); do cat "$work/batch.ndjson"; done > "$work/big.ndjson"
code=$(curl -s -m 20 -o "$work/slow" -w '%{http_code}' -X POST -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$work/big.ndjson" "http://127.0.0.1:$port2/v1/score")
[ "$code" = 503 ] || bad "a batch over --max-time was answered $code"
jq -e '.error.status == 503 and (.error.message | test("smaller parts"))' "$work/slow" > /dev/null || bad "503 body: $(head -c 300 "$work/slow")"
code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -X POST --data-binary "@${subs[0]}" "http://127.0.0.1:$port2/v1/score")
[ "$code" = 200 ] || bad "one submission under --max-time 0.001 was answered $code"
"$chiso" serve --max-time 0 rules/cap-huyen/ha-tinh-2021.chiso > /dev/null 2> "$work/e3"
[ $? -eq 2 ] && grep -q -- "--max-time takes seconds" "$work/e3" || bad "--max-time 0 accepted"
kill -TERM "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2> /dev/null; then bad "SIGTERM did not stop the service"; kill -9 "$pid"; fi
wait "$pid" 2> /dev/null
pid=

# Usage errors: rules with errors, a bad address.
"$chiso" serve -p 0 "$work/bad.chiso" > /dev/null 2> "$work/e1"
[ $? -eq 1 ] || bad "rules with errors: not exit 1"
# the service speaks Vietnamese unless --lang says otherwise
grep -q 'bad.chiso:3:19: lỗi' "$work/e1" || bad "no positioned error at start"
"$chiso" serve --lang en -p 0 "$work/bad.chiso" > /dev/null 2> "$work/e2"
grep -q 'bad.chiso:3:19: error' "$work/e2" || bad "--lang en: no English error at start"
"$chiso" serve -p 0 -a nowhere rules/cap-huyen/ha-tinh-2021.chiso > /dev/null 2>&1
[ $? -eq 2 ] || bad "a bad address: not exit 2"
[ $fail -eq 0 ] && echo "ok: serve on 127.0.0.1:$port — $(cat "$work/load.out")"
exit $fail
