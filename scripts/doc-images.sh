#!/usr/bin/env bash
# doc-images.sh [CHISO] — remakes the pictures of docs/batch-scoring.md from
# the bundled Hà Tĩnh districts: the first two pages of the printed report
# (the HTML page printed to PDF by headless Chromium, each page drawn by
# pdftoppm) and the first sheet of the workbook (drawn from its XML by
# scripts/xlsx-sheet-html.py, then photographed by Chromium). Needs
# chromium and poppler-utils (scripts/deps.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
chiso="$(realpath "${1:-build/chiso}")"
browser="$(command -v chromium || command -v chromium-browser)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1642636800 # 2022-01-20, the date of the report
r=rules/cap-huyen/ha-tinh-2021.chiso
subs=fixtures/cap-huyen/submissions
chrome() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars "$@" \
    > /dev/null 2>&1
}

# the printed report, in its document frame, numbers with the decimal comma
"$chiso" score -q -f html --decimal-comma --frame tests/i18n/data/khung.txt -o "$work/r.html" "$r" "$subs"
chrome --no-pdf-header-footer --print-to-pdf="$work/r.pdf" "file://$work/r.html"
pdftoppm -png -r 70 -f 1 -l 2 "$work/r.pdf" "$work/page"
cp "$work/page-01.png" docs/img/bao-cao-in-trang-1.png
cp "$work/page-02.png" docs/img/bao-cao-in-trang-2.png

# the workbook's first sheet (the ranking) and a unit's scorecard sheet
"$chiso" score -q -f xlsx -o "$work/k.xlsx" "$r" "$subs"
python3 scripts/xlsx-sheet-html.py "$work/k.xlsx" "" 17 > "$work/sheet.html"
chrome --window-size=1010,420 --screenshot="$work/sheet.png" "file://$work/sheet.html"
cp "$work/sheet.png" docs/img/bang-tinh-xep-hang.png
python3 scripts/xlsx-sheet-html.py "$work/k.xlsx" "duc-tho" 22 > "$work/card.html"
chrome --window-size=1010,500 --screenshot="$work/card.png" "file://$work/card.html"
cp "$work/card.png" docs/img/bang-tinh-phieu-diem.png
ls -l docs/img/
