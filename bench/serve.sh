#!/usr/bin/env bash
# serve.sh [REQUESTS] [CLIENTS] — a bounded load test of `chiso serve`:
# builds a Release tree in build-bench/, starts the service on a free
# loopback port with the Hà Tĩnh district rules, and has CLIENTS (default
# 8) keep-alive clients POST one district's submission to /v1/score,
# REQUESTS times in all (default 10000). Prints requests/s, p50 and p99
# latency, and as a baseline ratio the same submission scored by
# `chiso score -j 1` in one process (units/s), so that the HTTP layer's
# cost shows. Exit 1 if any answer was not 200.
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-10000}"
clients="${2:-8}"
rules=rules/cap-huyen/ha-tinh-2021.chiso
sub=fixtures/cap-huyen/submissions/duc-tho.json
BUILD_TYPE=Release bash scripts/build.sh build-bench > /dev/null
work="$(mktemp -d)"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$work"' EXIT
build-bench/chiso serve -q -p 0 "$rules" > "$work/out" &
pid=$!
for _ in $(seq 50); do grep -q listening "$work/out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$work/out")
echo "chiso serve on port $port, $(nproc) cores, $clients clients, $requests requests"
result=$(build-bench/bench/serve_load "$port" "$sub" "$clients" "$requests")
echo "$result"
# Baseline: the same number of units through one `chiso score` process.
line=$(jq -c . "$sub")
# (each line its own unit ID: a batch of one unit repeated is reported as duplicates)
{ yes "$line" || true; } | head -n "$requests" | awk '{ sub(/"id":"duc-tho"/, "\"id\":\"u" NR "\""); print }' > "$work/batch.ndjson"
start=$(date +%s.%N)
build-bench/chiso score -q -j 1 -f ndjson "$rules" - < "$work/batch.ndjson" > /dev/null 2>&1
end=$(date +%s.%N)
rps=$(echo "$result" | sed -n 's/.* \([0-9]*\) requests\/s.*/\1/p')
awk -v n="$requests" -v s="$start" -v e="$end" -v rps="$rps" \
  'BEGIN { base = n / (e - s); printf "baseline chiso score -j 1: %.0f units/s; serve: %.2fx the baseline\n", base, rps / base }'
