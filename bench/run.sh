#!/usr/bin/env bash
# run.sh [COUNT] [RULES] — how fast chiso scores a batch, against jansson
# alone parsing the same submissions in the same run. Builds a Release
# tree in build-bench/, generates COUNT (default 100000) seeded submissions
# for RULES, then times: the parse baseline; `chiso score -j 1`; and
# `chiso score -j $(nproc)`, for ndjson and csv output. Prints
# submissions per second and each time as a multiple of the baseline,
# the fastest of ROUNDS (default 5) interleaved rounds. RULES defaults to
# the district index of Hà Tĩnh (29 criteria). With MEMORY_UNITS=N, also
# the peak memory of a batch of N submissions (and of N/100).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
rules="${2:-rules/cap-huyen/ha-tinh-2021.chiso}"
BUILD_TYPE=Release bash scripts/build.sh build-bench >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build-bench/bench/gen_submissions "$rules" "$count" 42 > "$work/batch.ndjson"
size=$(stat -c %s "$work/batch.ndjson")
jobs=$(nproc)

rounds="${ROUNDS:-5}"
# The runs, measured in turn, `rounds` times over; each keeps its fastest
# time. Interleaving keeps a slow spell of a shared machine from falling
# on one run only.
names=("jansson parse only (baseline)")
cmds=("build-bench/bench/parse_baseline < $work/batch.ndjson")
for fmt in ndjson csv; do
  for j in 1 "$jobs"; do
    names+=("chiso score -j $j -f $fmt")
    cmds+=("build-bench/chiso score -q -j $j -f $fmt $rules - < $work/batch.ndjson")
  done
done
best=()
for ((r = 0; r < rounds; r++)); do
  for i in "${!cmds[@]}"; do
    t0=$(date +%s.%N)
    sh -c "${cmds[$i]}" > /dev/null 2>&1 || true
    t1=$(date +%s.%N)
    best[$i]=$(echo "$t0 $t1 ${best[$i]:-}" | awk '{d=$2-$1; if ($3=="" || d<$3) print d; else print $3}')
  done
done

base="${best[0]}"
printf 'rules: %s\nsubmissions: %s (%s MB NDJSON), cores: %s, fastest of %s rounds\n\n' \
  "$rules" "$count" $((size / 1000000)) "$jobs" "$rounds"
printf '%-34s %9s %12s %9s\n' "run" "seconds" "subs/s" "× parse"
for i in "${!cmds[@]}"; do
  awk -v n="${names[$i]}" -v t="${best[$i]}" -v c="$count" -v b="$base" \
    'BEGIN { printf "%-34s %9.3f %12.0f %9.2f\n", n, t, c / t, t / b }'
done

# Memory as the batch grows (MEMORY_UNITS=1000000 bash bench/run.sh): the
# peak resident size `chiso score --summary` reports for a batch of that
# many example submissions, next to one a hundredth of its size.
if [ -n "${MEMORY_UNITS:-}" ]; then
  printf '\n%-34s %9s\n' "memory (-j $jobs -f csv, example)" "peak MB"
  for n in $((MEMORY_UNITS / 100)) "$MEMORY_UNITS"; do
    build-bench/bench/gen_submissions rules/examples/huyen-mini.chiso "$n" 42 > "$work/memory.ndjson"
    peak=$(build-bench/chiso score -q --summary -j "$jobs" -f csv rules/examples/huyen-mini.chiso - \
             < "$work/memory.ndjson" 2>&1 >/dev/null | sed -n 's/.*peak memory) \([0-9]*\) MB.*/\1/p')
    printf '%-34s %9s\n' "$n submissions" "$peak"
  done
fi
