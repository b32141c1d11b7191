#!/usr/bin/env bash
# run.sh [COUNT] [RULES] — how fast chiso scores a batch, against jansson
# alone parsing the same submissions in the same run. Builds a Release
# tree in build-bench/, generates COUNT (default 100000) seeded submissions
# for RULES, then times: the parse baseline; `chiso score -j 1`; and
# `chiso score -j $(nproc)`, for ndjson and csv output. Prints
# submissions per second and each time as a multiple of the baseline,
# the fastest of ROUNDS (default 5) interleaved rounds. RULES defaults to
# the district index of Hà Tĩnh (29 criteria). Prints wall clock and CPU
# time (user + system, from bench/measure) and the goals: -j 1 -f ndjson
# within 1.0× and -j 1 -f csv within 0.6× of the parse, in CPU time.
# Then the memory a batch keeps per unit (goal: at most 200 bytes), from
# the peaks of the whole batch and of its first hundredth
# (MEMORY_UNITS=N: of N submissions; 0: not measured).
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
cmds=("build-bench/bench/parse_baseline")
for fmt in ndjson csv; do
  for j in 1 "$jobs"; do
    names+=("chiso score -j $j -f $fmt")
    cmds+=("build-bench/chiso score -q -j $j -f $fmt $rules -")
  done
done
wall=(); cpu=()
for ((r = 0; r < rounds; r++)); do
  for i in "${!cmds[@]}"; do
    read -r w c _ _ < <(build-bench/bench/measure -i "$work/batch.ndjson" sh -c "exec ${cmds[$i]}")
    if [ -z "${wall[$i]:-}" ] || [ "$w" -lt "${wall[$i]}" ]; then wall[$i]=$w; fi
    if [ -z "${cpu[$i]:-}" ] || [ "$c" -lt "${cpu[$i]}" ]; then cpu[$i]=$c; fi
  done
done

printf 'rules: %s\nsubmissions: %s (%s MB NDJSON), cores: %s, fastest of %s rounds\n\n' \
  "$rules" "$count" $((size / 1000000)) "$jobs" "$rounds"
printf '%-34s %9s %12s %9s %9s %9s\n' "run" "seconds" "subs/s" "× parse" "CPU s" "CPU ×"
for i in "${!cmds[@]}"; do
  awk -v n="${names[$i]}" -v t="${wall[$i]}" -v c="${cpu[$i]}" -v n_="$count" -v b="${wall[0]}" -v bc="${cpu[0]}" \
    'BEGIN { printf "%-34s %9.3f %12.0f %9.2f %9.3f %9.2f\n", n, t / 1000, n_ / (t / 1000), t / b, c / 1000, c / bc }'
done

# The goals, against the parse alone, on CPU time (user + system): on a
# machine shared with other work, the wall clock of a single-threaded run
# also counts the time it waited for a core.
echo
goal() { # name, index of the run, most × parse
  awk -v n="$1" -v c="${cpu[$2]}" -v b="${cpu[0]}" -v w="${wall[$2]}" -v bw="${wall[0]}" -v g="$3" \
    'BEGIN { r = c / b; printf "goal: %s at most %.1f× the parse: %.2f× CPU (%.2f× wall) — %s\n", n, g, r, w / bw, r <= g ? "met" : "MISSED" }'
}
goal "chiso score -j 1 -f ndjson" 1 1.0
goal "chiso score -j 1 -f csv" 3 0.6
echo "goals against jq and the other peers (the example index): bash bench/peers/run.sh"

# Memory kept per unit (the goal: at most 200 bytes a unit kept for
# ranking, plus a fixed part): the peak resident size of `chiso score -j
# $jobs` over the whole batch and over its first hundredth, the lowest of
# MEMORY_ROUNDS (default 3) runs each (huge pages and the workers' arena
# chunks make single peaks differ by a MiB or two); per unit is the
# growth divided by the units added. MEMORY_UNITS=N measures a batch of N
# submissions instead (made with the same seed); MEMORY_UNITS=0 skips it.
munits="${MEMORY_UNITS:-$count}"
if [ "$munits" -gt 0 ]; then
  if [ "$munits" = "$count" ]; then mbatch="$work/batch.ndjson"
  else mbatch="$work/memory.ndjson"; build-bench/bench/gen_submissions "$rules" "$munits" 42 > "$mbatch"; fi
  small=$((munits / 100))
  head -n "$small" "$mbatch" > "$work/memory-small.ndjson"
  mrounds="${MEMORY_ROUNDS:-3}"
  lowest_peak() { # input, format: the lowest peak in KiB of mrounds runs
    local low="" p
    for ((r = 0; r < mrounds; r++)); do
      read -r _ _ p _ < <(build-bench/bench/measure -i "$1" build-bench/chiso score -q -j "$jobs" -f "$2" "$rules" -)
      if [ -z "$low" ] || [ "$p" -lt "$low" ]; then low=$p; fi
    done
    echo "$low"
  }
  printf '\nmemory (-j %s, lowest of %s runs)    %12s %12s %12s\n' "$jobs" "$mrounds" "$small units" "$munits units" "per unit"
  worst=0
  for fmt in csv ndjson text; do
    lo=$(lowest_peak "$work/memory-small.ndjson" "$fmt")
    hi=$(lowest_peak "$mbatch" "$fmt")
    per=$(( (hi - lo) * 1024 / (munits - small) ))
    [ "$per" -gt "$worst" ] && worst=$per
    printf '%-34s %9s KiB %9s KiB %10s B\n' "chiso score -f $fmt" "$lo" "$hi" "$per"
  done
  echo
  printf 'goal: at most 200 bytes a unit kept for a batch: %s B at most — %s\n' "$worst" \
    "$([ "$worst" -le 200 ] && echo met || echo MISSED)"
fi
