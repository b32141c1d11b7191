#!/usr/bin/env bash
# fuzz.sh [SECONDS] [HARNESS...] — builds the libFuzzer harnesses of
# tests/fuzz/ with clang, AddressSanitizer and UBSan (into build-fuzz, or
# $FUZZ_BUILD) and runs each for SECONDS (default 60) over its corpus:
# rules (rules text), submission (a unit's JSON against the district
# index), plan (a plan and actuals), check_json (the check report).
# Harnesses: all four by default. The corpus grows in build-fuzz/corpus/
# (kept between runs), seeded from rules/ and fixtures/; the dictionary is
# made from the keyword table of grammar/keywords.c and the built-in
# functions, so a new keyword is in it at the next run. An input that
# crashes, leaks or hangs a harness is copied to tests/fuzz/regressions/
# HARNESS/, which ctest replays, and the script exits 1.
#
#   bash scripts/fuzz.sh 15            # CI: 15 s each, a minute in all
#   bash scripts/fuzz.sh 3600 rules    # an hour on the rules text
#   FUZZ_JOBS=2 bash scripts/fuzz.sh 28800   # a night, two processes each
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(rules submission plan check_json)
dir="${FUZZ_BUILD:-build-fuzz}"
jobs="${FUZZ_JOBS:-1}"

command -v clang >/dev/null || { echo "fuzz.sh: clang is needed (scripts/deps.sh test installs it)" >&2; exit 2; }
echo "== building the fuzzers (clang, ASan + UBSan) in $dir"
CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHISO_FUZZ=ON -DCHISO_WERROR=OFF > /dev/null
cmake --build "$dir" -j "$(nproc)" --target "${harnesses[@]/#/fuzz_}" > /dev/null

# The dictionary: every keyword spelling of the table, built-in functions,
# operators, and the JSON a submission is made of.
dict="$dir/chiso.dict"
{
  sed -n '/keywords\[\] = {/,/^};/p' grammar/keywords.c | grep -o '"[^"]*"'
  grep -o '= {"[a-z_]*"' engine/check/builtins.c | grep -o '"[^"]*"'
  printf '"%s"\n' '{' '}' '(' ')' '->' '→' '>=' '≥' '<=' '≤' '!=' '≠' '==' '%' '2021-12-31' '1.5' '"' \
    '"unit"' '"metrics"' '"period"' '"id"' '"name"' '"level"' '"ranked"' '"self_assessment"' \
    'null' 'true' 'false' '1e308' '-0' '\u0000' '\ud800'
} | sort -u | perl -ne 'chomp; s/^"(.*)"$/$1/; s/([\\"])/\\$1/g;
                     s/([\x80-\xff])/sprintf("\\x%02X", ord($1))/ge; print "kw$.=\"$_\"\n"' > "$dict"

seeds="$dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{rules,check_json,submission,plan}
for f in rules/*/*.chiso tests/cli/data/*.chiso; do
  [ -f "$f" ] || continue
  cp "$f" "$seeds/rules/$(echo "$f" | tr / _)"
  cp "$f" "$seeds/check_json/$(echo "$f" | tr / _)"
done
for f in fixtures/*/submissions/*.json; do cp "$f" "$seeds/submission/$(echo "$f" | tr / _)"; done
for p in rules/plans/*.chiso; do
  cp "$p" "$seeds/plan/$(basename "$p")"
  for a in fixtures/plans/actuals/*.json; do
    { cat "$p"; printf '\0'; cat "$a"; } > "$seeds/plan/$(basename "$p" .chiso)+$(basename "$a")"
  done
done

status=0
for h in "${harnesses[@]}"; do
  crashes="$dir/crashes/$h"
  mkdir -p "$dir/corpus/$h" "$crashes"
  echo "== fuzz_$h: ${secs}s"
  log="$dir/fuzz_$h.log"
  parallel=()
  [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
  if (cd "$dir" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "./tests/fuzz/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -dict="chiso.dict" -artifact_prefix="crashes/$h/" -print_final_stats=1 "${parallel[@]}" \
        "corpus/$h" "seeds/$h") > "$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -2 || true
  else
    status=1
    echo "fuzz_$h FAILED: see $log" >&2
    grep -E 'ERROR:|SUMMARY:|runtime error' "$log" | head -5 >&2 || true
  fi
  shopt -s nullglob
  for a in "$crashes"/crash-* "$crashes"/leak-* "$crashes"/timeout-* "$crashes"/oom-*; do
    mkdir -p "tests/fuzz/regressions/$h"
    cp "$a" "tests/fuzz/regressions/$h/"
    echo "kept $(basename "$a") in tests/fuzz/regressions/$h/ (replayed by ctest)" >&2
    status=1
  done
  shopt -u nullglob
done
exit $status
