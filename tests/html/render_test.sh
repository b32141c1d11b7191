#!/usr/bin/env bash
# render_test.sh CHISO — the HTML report as a person sees it: scores the
# bundled example batch to one page, renders it in headless Chromium, and
# checks that the page shows the ranking, both charts and the scorecards
# (text in the rendered DOM, a non-trivial screenshot). Chromium is a test
# dependency (scripts/deps.sh test): without it this test fails, it does not skip.
set -euo pipefail
chiso="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "FAIL: chromium is not installed (bash scripts/deps.sh test)"; exit 1; }

"$chiso" score -q -f html -o "$work/report.html" rules/examples/huyen-mini.chiso \
  fixtures/examples/submissions tests/html/data || [ $? -eq 3 ]
[ -s "$work/report.html" ] || { echo "FAIL: no report written"; exit 1; }

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$work/profile" --window-size=1200,1600)
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2>/dev/null
timeout 120 "$browser" "${flags[@]}" --screenshot="$work/shot.png" "file://$work/report.html" >/dev/null 2>&1

fail=0
expect() {
  if ! grep -qF -- "$1" "$work/dom.html"; then echo "FAIL: the rendered page lacks: $1"; fail=1; fi
}
expect "Bảng xếp hạng"
expect "UBND huyện Đức Thọ"
expect "UBND huyện Vũ Quang"
expect "92.50%"
expect "<svg class=\"chart\""
expect "<svg class=\"heatmap\""
expect "Phiếu điểm chi tiết"
expect "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn"
expect "lỗi"
expect "Thống kê theo tiêu chí"
expect "<table class=\"criteria\">"
size=$(stat -c %s "$work/shot.png" 2>/dev/null || echo 0)
if [ "$size" -lt 20000 ]; then echo "FAIL: screenshot is $size bytes, expected a rendered page"; fail=1; fi
# The bars are drawn: count the rect elements of the bar chart in the DOM.
bars=$(sed -n '/<svg class="chart"/,/<\/svg>/p' "$work/dom.html" | grep -c '<rect' || true)
if [ "$bars" -lt 2 ]; then echo "FAIL: the bar chart has $bars bars, expected 2"; fail=1; fi
# Several years of a level: the trend table renders too.
"$chiso" score -q -f html -o "$work/history.html" tests/batch/data/two-fields.chiso tests/batch/data/history || [ $? -eq 3 ]
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/history.html" > "$work/history-dom.html" 2>/dev/null
for text in "Diễn biến qua các kỳ · cấp huyện" "Kỳ 2020 (hạng)" "+20.00 · ↑1"; do
  grep -qF -- "$text" "$work/history-dom.html" || { echo "FAIL: the rendered trend lacks: $text"; fail=1; }
done
[ $fail -eq 0 ] && echo "html render: ok (screenshot $size bytes, $bars bars)"
exit $fail
