#!/usr/bin/env bash
# static-check.sh [BUILD_DIR] — cppcheck over the engine, the grammar
# support, the benchmarks and the tests: warnings (undefined behaviour such
# as a NULL passed to qsort, leaks, misuse of the standard library),
# performance and portability. Any finding fails. Needs a configured build
# directory (default build/) for the generated parser headers.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
cppcheck --enable=warning,performance,portability --std=c11 --quiet --error-exitcode=1 \
  --include=scripts/cppcheck-macros.h -I include -I . -I "$build" \
  --suppress=missingIncludeSystem \
  engine grammar/keywords.c grammar/parse.c grammar/tokens.c bench tests/unit tests/library
echo "cppcheck: clean"
