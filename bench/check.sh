#!/usr/bin/env bash
# check.sh [CRITERIA] — how fast `chiso check` is on a generated index of
# CRITERIA (default 10000) criteria (bench/gen_rules.sh), with and without
# metric declarations. Builds a Release tree in build-bench/ and prints the
# fastest of ROUNDS (default 5) runs, wall clock and CPU (user + system: on
# a shared machine the steadier figure), in milliseconds and as a ratio to
# the budget of 100 ms; also the time to read the file (cat), as a floor.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
rounds="${ROUNDS:-5}"
BUILD_TYPE=Release bash scripts/build.sh build-bench >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash bench/gen_rules.sh "$n" 0 > "$work/plain.chiso"
bash bench/gen_rules.sh "$n" 1 > "$work/declared.chiso"
fastest() { # fastest CMD...: "WALL CPU" milliseconds, each the least of $rounds runs
  local best="" bestcpu=""
  for ((r = 0; r < rounds; r++)); do
    local t0 t1 cpu
    t0=$(date +%s%N)
    cpu=$( { TIMEFORMAT='%3U %3S'; time "$@" > /dev/null 2>&1; } 2>&1 | awk '{printf "%d", ($1 + $2) * 1000}')
    t1=$(date +%s%N)
    local ms=$(((t1 - t0) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    if [ -z "$bestcpu" ] || [ "$cpu" -lt "$bestcpu" ]; then bestcpu=$cpu; fi
  done
  echo "$best $bestcpu"
}
for kind in plain declared; do
  f="$work/$kind.chiso"
  build-bench/chiso check --strict "$f" > /dev/null 2>&1 || { echo "$kind: check did not pass" >&2; exit 1; }
  read -r ms cpu < <(fastest build-bench/chiso check "$f")
  read -r floor _ < <(fastest cat "$f")
  printf '%-9s %6d criteria %8d bytes  chiso check: %5d ms wall, %5d ms CPU (%.2f × the 100 ms budget); cat: %d ms\n' \
    "$kind" "$n" "$(stat -c %s "$f")" "$ms" "$cpu" "$(echo "$cpu" | awk '{print $1 / 100}')" "$floor"
done
