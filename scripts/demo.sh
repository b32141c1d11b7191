#!/usr/bin/env bash
# demo.sh — the main job on the bundled rules and fixtures: installs what is
# missing, builds, checks the Hà Tĩnh district index and scores the 13
# districts of Hà Tĩnh, printing each scorecard and the ranking.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh build >/dev/null
rules="rules/cap-huyen/ha-tinh-2021.chiso"
subs="fixtures/cap-huyen/submissions"
build/chiso check "$rules"
build/chiso score --summary --format text "$rules" "$subs"
