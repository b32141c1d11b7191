#!/usr/bin/env bash
# check.sh [CRITERIA...] — how fast, and in how much memory, `chiso check`
# reads a generated index (bench/gen_rules.sh) of CRITERIA criteria
# (default: 10000 and 100000), with and without metric declarations,
# measured in the same run as two baselines on the same machine:
#   - reading the file (cat): the floor;
#   - jansson parsing the same index written as JSON, into a tree
#     (bench/parse_baseline --whole): what reading a document this size
#     costs with the JSON library the engine uses.
# Builds a Release tree in build-bench/. Each run is repeated ROUNDS times
# (default 5), interleaved, and the least wall clock and CPU (user + system:
# on a shared machine the steadier figure) are kept; the peak resident size
# is the largest seen. Prints each against the budgets — 10 µs of CPU per
# criterion (100 ms for 10 000, 1 s for 100 000) and a peak of 10 times the
# file's size — as ratios with "met" or "missed", and as a multiple of
# jansson's CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000)
rounds="${ROUNDS:-5}"
BUILD_TYPE=Release bash scripts/build.sh build-bench >/dev/null
measure=build-bench/bench/measure
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '%-30s %7s %9s %9s %14s %8s %16s %9s\n' "run" "MB" "wall ms" "CPU ms" "CPU/budget" "peak MB" "peak/file" "CPU ×json"
for n in "${sizes[@]}"; do
  bash bench/gen_rules.sh "$n" 0 > "$work/plain.chiso"
  bash bench/gen_rules.sh "$n" 1 > "$work/declared.chiso"
  bash bench/gen_rules.sh "$n" 0 json > "$work/index.json"
  for f in plain declared; do
    build-bench/chiso check --strict "$work/$f.chiso" > /dev/null 2>&1 || { echo "$f: check did not pass" >&2; exit 1; }
  done
  runs=(cat json plain declared)
  declare -A wall=() cpu=() peak=()
  for ((r = 0; r < rounds; r++)); do
    for run in "${runs[@]}"; do
      case "$run" in
        cat) out=$("$measure" cat "$work/plain.chiso") ;;
        json) out=$("$measure" -i "$work/index.json" build-bench/bench/parse_baseline --whole) ;;
        *) out=$("$measure" build-bench/chiso check -q "$work/$run.chiso") ;;
      esac
      read -r w c p code <<< "$out"
      [ "$code" = 0 ] || { echo "$run failed (exit $code)" >&2; exit 1; }
      if [ -z "${wall[$run]:-}" ] || [ "$w" -lt "${wall[$run]}" ]; then wall[$run]=$w; fi
      if [ -z "${cpu[$run]:-}" ] || [ "$c" -lt "${cpu[$run]}" ]; then cpu[$run]=$c; fi
      if [ -z "${peak[$run]:-}" ] || [ "$p" -gt "${peak[$run]}" ]; then peak[$run]=$p; fi
    done
  done
  budget=$((n / 100)) # 10 µs per criterion, in ms
  echo "$n criteria:"
  for run in "${runs[@]}"; do
    case "$run" in
      cat) file="$work/plain.chiso"; name="cat (reading)" ;;
      json) file="$work/index.json"; name="jansson (same index, JSON)" ;;
      *) file="$work/$run.chiso"; name="chiso check ($run)" ;;
    esac
    bytes=$(stat -c %s "$file")
    awk -v name="$name" -v b="$bytes" -v w="${wall[$run]}" -v c="${cpu[$run]}" -v p="${peak[$run]}" \
        -v budget="$budget" -v jc="${cpu[json]}" -v chk="$run" \
      'BEGIN {
        over = (chk == "plain" || chk == "declared");
        ratio = p * 1024 / b;
        printf "%-30s %7.1f %9d %9d %14s %8.1f %16s %9s\n", name, b / 1048576, w, c,
          over ? sprintf("%.2f× %s", c / budget, c <= budget ? "met" : "missed") : "", p / 1024,
          over ? sprintf("%.1f× %s", ratio, ratio < 10 ? "met" : "missed") : sprintf("%.1f×", ratio),
          (jc > 0 ? sprintf("%.2f", c / jc) : "-")
      }'
  done
  echo
done
echo "CPU/budget: CPU as a multiple of 10 µs per criterion (met when ≤ 1.00×); peak/file: peak resident size over the file's size (met when < 10×)"
