#!/usr/bin/env bash
# test.sh — the whole test suite, as CI runs it: installs dependencies,
# builds with -Wall -Wextra -Werror, runs ctest, runs cppcheck, checks
# docs/cli.md against the help texts, builds again with AddressSanitizer +
# UBSan and runs ctest there, runs each fuzzer of tests/fuzz for 15 s, then
# runs the command line under valgrind (memcheck, and helgrind on the
# threaded batch).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh test
jobs="$(nproc)"

echo "== build (RelWithDebInfo, -Werror)"
bash scripts/build.sh build
echo "== ctest"
ctest --test-dir build --output-on-failure -j "$jobs"
echo "== static analysis"
bash scripts/static-check.sh build
echo "== docs/cli.md matches the help texts"
bash scripts/cli-doc.sh --check build/chiso
echo "== the bundled rules are formatted (chiso fmt --check)"
build/chiso fmt --check rules

echo "== build (AddressSanitizer + UBSan, with fault injection)"
BUILD_TYPE=Debug bash scripts/build.sh build-asan -DCHISO_SANITIZE=ON -DCHISO_FAULT_INJECTION=ON
echo "== ctest under ASan + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== fuzzing: each libFuzzer harness of tests/fuzz for 15 s (clang, ASan + UBSan)"
bash scripts/fuzz.sh 15

echo "== valgrind"
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions=scripts/valgrind.supp)
"${vg[@]}" build/chiso check rules/examples/huyen-mini.chiso
"${vg[@]}" build/chiso score -f text rules/examples/huyen-mini.chiso fixtures/examples/submissions >/dev/null
for f in rules/*/*.chiso; do
  "${vg[@]}" build/chiso check -q "$f" || [ $? -eq 1 ]
done
"${vg[@]}" build/chiso fmt --keywords en tests/fmt/data/messy.chiso > /dev/null
"${vg[@]}" build/chiso fmt --check rules
"${vg[@]}" build/chiso lsp < tests/authoring/data/session.lsp > /dev/null
"${vg[@]}" build/chiso init | "${vg[@]}" build/chiso check --strict -q -
"${vg[@]}" build/chiso appraise -f json rules/cap-so/dak-nong-y-te-2020.chiso fixtures/cap-so/appraisal/2020 >/dev/null
"${vg[@]}" build/chiso appraise -f html rules/cap-so/dak-nong-y-te-2020.chiso fixtures/cap-so/appraisal/2020 >/dev/null
"${vg[@]}" build/chiso appraise --packet stnmt rules/cap-so/dak-nong-y-te-2020.chiso fixtures/cap-so/appraisal/2020 >/dev/null
"${vg[@]}" build/chiso appraise --template round2 --unit syt rules/cap-so/dak-nong-y-te-2020.chiso fixtures/cap-so/appraisal/2020 >/dev/null
# Versions, deadlines and the published tables (exit 3: units in error on purpose).
"${vg[@]}" build/chiso score -f text tests/versions/data/par tests/versions/data/submissions >/dev/null || [ $? -eq 3 ]
"${vg[@]}" build/chiso check -q tests/versions/data/par
"${vg[@]}" build/chiso explain tests/deadlines/data/han.chiso tests/deadlines/data/a.json >/dev/null
"${vg[@]}" build/chiso score -f html tests/published/data/tinh.chiso tests/published/data/2022 tests/published/data/2023 \
  >/dev/null || [ $? -eq 3 ]
# The threaded batch pipeline under helgrind: no data races.
build/bench/gen_submissions rules/examples/huyen-mini.chiso 300 7 > build/helgrind.ndjson
valgrind --quiet --tool=helgrind --error-exitcode=98 --suppressions=scripts/valgrind.supp \
  build/chiso score -q -j 2 -f ndjson rules/examples/huyen-mini.chiso - < build/helgrind.ndjson > /dev/null
valgrind --quiet --tool=helgrind --error-exitcode=98 --suppressions=scripts/valgrind.supp \
  build/chiso score -q -j 2 -f text rules/examples/huyen-mini.chiso - < build/helgrind.ndjson > /dev/null
echo "valgrind: clean (memcheck and helgrind)"
echo "test.sh: all tests passed"
