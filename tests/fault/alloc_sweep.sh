#!/usr/bin/env bash
# alloc_sweep.sh CHISO — allocation failure, swept: a small batch (three
# districts, one invalid submission, a directory) is scored again and
# again with its N-th allocation failing (CHISO_FAIL_ALLOC=N, a test build
# with -DCHISO_FAULT_INJECTION=ON), for every N of the first allocations
# and then in steps to the last one, in json and text, with one and with
# two threads (about 500 runs). Each run
# must end cleanly: exit 2 with "chiso: out of memory" and no output file
# (nor its temporary) — or, past the last allocation, exit 3 with the
# output of a run without failures. Under ASan + UBSan any memory error,
# leak or undefined behaviour on the way out fails the sweep.
set -uo pipefail
chiso="$1"
rules=rules/examples/huyen-mini.chiso
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in/sub"
cp fixtures/examples/submissions/*.json "$work/in/"
cp fixtures/examples/submissions/*.json "$work/in/sub/"
echo '{"unit": {"id": "x"}, "metrics": ' > "$work/in/sub/broken.json"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:exitcode=99 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
fails=0
runs=0
# How densely each configuration is swept: every N up to `dense`, then
# `spread` more up to the last allocation (the first carries the most).
for config in "1 json 150 100" "2 text 30 100" "1 text 0 60" "2 json 0 60"; do
  read -r jobs fmt dense spread <<< "$config"
  {
    args=(score -q -j "$jobs" -f "$fmt" -o "$work/out/result" "$rules" "$work/in")
    mkdir -p "$work/out"
    CHISO_COUNT_ALLOC=1 "$chiso" "${args[@]}" 2> "$work/count.err"
    code=$?
    [ $code -eq 3 ] || { echo "FAIL: the batch without failures exits $code, expected 3"; cat "$work/count.err"; exit 1; }
    cp "$work/out/result" "$work/expected"
    total="$(sed -n 's/^chiso: \([0-9]*\) allocations$/\1/p' "$work/count.err")"
    [ -n "$total" ] && [ "$total" -gt 100 ] || { echo "FAIL: no allocation count (not a fault-injection build?)"; exit 1; }
    step=$(( total / spread + 1 ))
    n=1
    [ "$dense" -gt 0 ] || n=$step
    while [ "$n" -le $(( total + 1 )) ]; do
      rm -rf "$work/out"
      mkdir -p "$work/out"
      CHISO_FAIL_ALLOC=$n "$chiso" "${args[@]}" > /dev/null 2> "$work/err"
      code=$?
      runs=$((runs + 1))
      bad=""
      if [ $code -eq 2 ]; then
        grep -qx "chiso: out of memory" "$work/err" || bad="exit 2 without 'out of memory'"
        [ -z "$(ls -A "$work/out")" ] || bad="exit 2 but left $(ls -A "$work/out" | tr '\n' ' ')"
      elif [ $code -eq 3 ]; then
        cmp -s "$work/out/result" "$work/expected" || bad="exit 3 with another output"
        # With two threads the count may differ a little from run to run.
        [ "$n" -gt "$total" ] || [ "$jobs" -gt 1 ] || bad="allocation $n of $total failed, yet exit 3"
      else
        bad="exit $code"
      fi
      if [ -n "$bad" ]; then
        echo "FAIL: -j $jobs -f $fmt, allocation $n of $total: $bad"
        head -20 "$work/err"
        fails=$((fails + 1))
        [ $fails -lt 5 ] || break 2
      fi
      if [ "$n" -lt "$dense" ]; then n=$((n + 1)); else n=$((n + step)); fi
    done
  }
done
echo "allocation sweep: $runs runs, $fails failures"
[ $fails -eq 0 ]
