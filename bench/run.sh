#!/usr/bin/env bash
# run.sh [COUNT] [RULES] — how fast chiso scores a batch, against jansson
# alone parsing the same submissions in the same run. Builds a Release
# tree in build-bench/, generates COUNT (default 100000) seeded submissions
# for RULES, then times: the parse baseline; `chiso score -j 1`; and
# `chiso score -j $(nproc)`, for ndjson and csv output. Prints
# submissions per second and each time as a multiple of the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
rules="${2:-rules/examples/huyen-mini.chiso}"
BUILD_TYPE=Release bash scripts/build.sh build-bench >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build-bench/bench/gen_submissions "$rules" "$count" 42 > "$work/batch.ndjson"
size=$(stat -c %s "$work/batch.ndjson")
jobs=$(nproc)

seconds() { # best of 3 wall-clock seconds of a command
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    t1=$(date +%s.%N)
    best=$(echo "$t0 $t1 $best" | awk '{d=$2-$1; if ($3=="" || d<$3) print d; else print $3}')
  done
  echo "$best"
}

base=$(seconds sh -c "build-bench/bench/parse_baseline < $work/batch.ndjson")
printf 'rules: %s\nsubmissions: %s (%s MB NDJSON), cores: %s\n\n' "$rules" "$count" $((size / 1000000)) "$jobs"
printf '%-34s %9s %12s %9s\n' "run" "seconds" "subs/s" "× parse"
row() {
  local name="$1" t="$2"
  awk -v n="$name" -v t="$t" -v c="$count" -v b="$base" \
    'BEGIN { printf "%-34s %9.3f %12.0f %9.2f\n", n, t, c / t, t / b }'
}
row "jansson parse only (baseline)" "$base"
for fmt in ndjson csv; do
  t1=$(seconds sh -c "build-bench/chiso score -q -j 1 -f $fmt $rules - < $work/batch.ndjson")
  row "chiso score -j 1 -f $fmt" "$t1"
  tn=$(seconds sh -c "build-bench/chiso score -q -j $jobs -f $fmt $rules - < $work/batch.ndjson")
  row "chiso score -j $jobs -f $fmt" "$tn"
done
