#!/usr/bin/env bash
# demo.sh — the main job on the bundled rules and fixtures: installs what is
# missing, builds, checks the Hà Tĩnh district index and scores the 13
# districts of Hà Tĩnh. It prints what a leader reads first — the ranking,
# the units that could not be scored, the criteria the districts lose the
# most points on — and writes every district's scorecard to files, naming
# where they are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh build >/dev/null
rules="rules/cap-huyen/ha-tinh-2021.chiso"
subs="fixtures/cap-huyen/submissions"
out="build/demo"
mkdir -p "$out"
build/chiso check "$rules"
build/chiso score -q --format text -o "$out/phieu-diem.txt" "$rules" "$subs"
build/chiso score -q --format html -o "$out/ket-qua.html" "$rules" "$subs"
build/chiso score --summary --no-scorecards --format text "$rules" "$subs"
echo "Phiếu điểm chi tiết của từng huyện (scorecards): $out/phieu-diem.txt ($(wc -l < "$out/phieu-diem.txt") dòng), trang HTML: $out/ket-qua.html"
