#!/usr/bin/env bash
# demo.sh — the main job on the bundled rules and fixtures: installs what is
# missing, builds, checks the rules and scores the bundled submissions,
# printing each unit's scorecard and the ranking.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh build >/dev/null
rules="rules/examples/huyen-mini.chiso"
subs="fixtures/examples/submissions"
build/chiso check "$rules"
build/chiso score --format text "$rules" "$subs"
