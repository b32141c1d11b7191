#!/usr/bin/env bash
# check.sh [CRITERIA] — how fast `chiso check` is on a generated index of
# CRITERIA (default 10000) criteria (bench/gen_rules.sh), with and without
# metric declarations. Builds a Release tree in build-bench/ and prints the
# fastest of ROUNDS (default 5) runs, as milliseconds and as a ratio to the
# budget of 100 ms; also the time to read the file (cat), as a floor.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
rounds="${ROUNDS:-5}"
BUILD_TYPE=Release bash scripts/build.sh build-bench >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash bench/gen_rules.sh "$n" 0 > "$work/plain.chiso"
bash bench/gen_rules.sh "$n" 1 > "$work/declared.chiso"
fastest() { # fastest CMD...: milliseconds of the fastest of $rounds runs
  local best=""
  for ((r = 0; r < rounds; r++)); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    t1=$(date +%s%N)
    local ms=$(((t1 - t0) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}
for kind in plain declared; do
  f="$work/$kind.chiso"
  build-bench/chiso check --strict "$f" > /dev/null 2>&1 || { echo "$kind: check did not pass" >&2; exit 1; }
  ms=$(fastest build-bench/chiso check "$f")
  floor=$(fastest cat "$f")
  printf '%-9s %6d criteria  %8d bytes  chiso check %5d ms  (%.2f of the 100 ms budget; reading it: %d ms)\n' \
    "$kind" "$n" "$(stat -c %s "$f")" "$ms" "$(echo "$ms" | awk '{print $1 / 100}')" "$floor"
done
