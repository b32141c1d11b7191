#!/usr/bin/env bash
# run.sh [COUNT] — chiso against the tools a secretariat could reach for,
# doing the same job: COUNT (default 100000) seeded submissions of the
# example index (rules/examples/huyen-mini.chiso, five criteria) as NDJSON
# in, each unit's points and grade out. The peers: jq (score.jq), a plain
# Node.js loop (score_node.js), Python with floats and with fractions
# (score_python.py), and DuckDB on one thread (score_duckdb.js, from npm:
# installed into build-bench/peers/ when the registry is reachable; when it
# is not, the table says so). Each peer's results are checked against
# chiso's, unit by unit (the units a peer gets wrong are counted: floats
# may land on the wrong side of a band's boundary). The runs are measured
# in turn, ROUNDS (default 3) times over, fastest of each kept; each time
# is printed as a multiple of `chiso score -j 1 -f ndjson` measured in the
# same run, wall clock and CPU (user + system), then the goals: chiso
# at -j 1 faster than every peer, and at -j 2 at least 10 times faster
# than jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-100000}"
rounds="${ROUNDS:-3}"
rules=rules/examples/huyen-mini.chiso
peers=bench/peers
BUILD_TYPE=Release bash scripts/build.sh build-bench >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build-bench/bench/gen_submissions "$rules" "$count" 42 > "$work/batch.ndjson"
measure=build-bench/bench/measure

# DuckDB from npm, once, into the build tree.
duck_dir=build-bench/peers
duckdb_note=""
if ! NODE_PATH="$duck_dir/node_modules" node -e "require('@duckdb/node-api')" 2>/dev/null; then
  mkdir -p "$duck_dir"
  if ! npm install --prefix "$duck_dir" --no-audit --no-fund --silent @duckdb/node-api >"$work/npm.log" 2>&1; then
    duckdb_note="DuckDB: not run — @duckdb/node-api could not be installed from npm ($(tail -1 "$work/npm.log"))"
  fi
fi

names=("chiso score -j 1 -f ndjson" "chiso score -j 2 -f ndjson" "jq" "Node.js loop" "Python, floats"
       "Python, fractions" "DuckDB (1 thread)")
cmds=("build-bench/chiso score -q -j 1 -f ndjson $rules -"
      "build-bench/chiso score -q -j 2 -f ndjson $rules -"
      "jq -r -f $peers/score.jq"
      "node $peers/score_node.js"
      "python3 $peers/score_python.py float"
      "python3 $peers/score_python.py fractions"
      "env NODE_PATH=$duck_dir/node_modules node $peers/score_duckdb.js $work/batch.ndjson")
skip=()
[ -z "$duckdb_note" ] || skip[6]=1

# The results of each peer against chiso's (not timed).
build-bench/chiso score -q -j 2 -f csv --decimal-point "$rules" - < "$work/batch.ndjson" |
  tail -n +2 | awk -F, '{ print ($5 == "" ? $1 ",error" : $1 "," $5 "," $8) }' > "$work/chiso.csv" || true
wrong=()
for i in 2 3 4 5 6; do
  [ -z "${skip[$i]:-}" ] || continue
  sh -c "${cmds[$i]}" < "$work/batch.ndjson" > "$work/peer$i.csv" 2> "$work/peer$i.err" || true
  wrong[$i]=$(paste -d'|' "$work/chiso.csv" "$work/peer$i.csv" | awk -F'|' '$1 != $2' | wc -l)
  if [ "$(wc -l < "$work/peer$i.csv")" -ne "$count" ]; then wrong[$i]="all (it failed: $(head -c 200 "$work/peer$i.err"))"; fi
done

wall=(); cpu=()
for ((r = 0; r < rounds; r++)); do
  for i in "${!cmds[@]}"; do
    [ -z "${skip[$i]:-}" ] || continue
    read -r w c _ code < <($measure -i "$work/batch.ndjson" sh -c "exec ${cmds[$i]}")
    if [ -z "${wall[$i]:-}" ] || [ "$w" -lt "${wall[$i]}" ]; then wall[$i]=$w; fi
    if [ -z "${cpu[$i]:-}" ] || [ "$c" -lt "${cpu[$i]}" ]; then cpu[$i]=$c; fi
  done
done

printf 'example index, %s submissions (%s MB NDJSON), %s cores, fastest of %s interleaved rounds\n\n' \
  "$count" $(($(stat -c %s "$work/batch.ndjson") / 1000000)) "$(nproc)" "$rounds"
printf '%-28s %9s %9s %10s %10s  %s\n' "run" "wall s" "CPU s" "× chiso" "CPU ×" "units unlike chiso's"
for i in "${!names[@]}"; do
  if [ -n "${skip[$i]:-}" ]; then printf '%-28s %s\n' "${names[$i]}" "$duckdb_note"; continue; fi
  awk -v n="${names[$i]}" -v w="${wall[$i]}" -v c="${cpu[$i]}" -v bw="${wall[0]}" -v bc="${cpu[0]}" -v x="${wrong[$i]:--}" \
    'BEGIN { printf "%-28s %9.3f %9.3f %10.2f %10.2f  %s\n", n, w / 1000, c / 1000, w / bw, c / bc, x }'
done

echo
verdict() { if [ "$1" = 1 ]; then echo met; else echo MISSED; fi; }
slowest_peer=1
for i in 2 3 4 5 6; do
  [ -z "${skip[$i]:-}" ] || continue
  [ "${wall[$i]}" -gt "${wall[0]}" ] || slowest_peer=0
done
printf 'goal: chiso -j 1 -f ndjson faster than every peer (wall clock): %s\n' "$(verdict $slowest_peer)"
jq_ratio=$(awk -v a="${wall[2]}" -v b="${wall[1]}" 'BEGIN { printf "%.1f", a / b }')
printf 'goal: chiso -j 2 at least 10× faster than jq: %s× — %s\n' "$jq_ratio" \
  "$(verdict "$(awk -v r="$jq_ratio" 'BEGIN { print (r >= 10) }')")"
[ -z "$duckdb_note" ] || echo "$duckdb_note"
