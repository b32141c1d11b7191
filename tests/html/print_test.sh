#!/usr/bin/env bash
# print_test.sh CHISO — the HTML report as it prints: the 13 districts of
# Hà Tĩnh in a document frame, with --decimal-comma, printed to PDF by
# headless Chromium; the PDF must be A4, hold every unit's scorecard (its
# summary line and its criteria, pdftotext), the frame, the colour legend
# and the provenance footer; and the page must show bands as the rules
# write them and rounded values with the exact one in a tooltip.
set -uo pipefail
chiso="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "FAIL: chromium is not installed (bash scripts/deps.sh test)"; exit 1; }
command -v pdftotext > /dev/null || { echo "FAIL: pdftotext is not installed (poppler-utils)"; exit 1; }
export SOURCE_DATE_EPOCH=1700000000
r=rules/cap-huyen/ha-tinh-2021.chiso
subs=fixtures/cap-huyen/submissions
cat > "$work/frame.txt" <<'FRAME'
# khung văn bản của báo cáo
co_quan_chu_quan: UBND TỈNH HÀ TĨNH
co_quan: SỞ NỘI VỤ
so: 15/BC-SNV
dia_danh: Hà Tĩnh
ngay: 2022-01-20
tieu_de: BÁO CÁO
  Kết quả xác định Chỉ số cải cách hành chính năm 2021
quyen_han: KT. GIÁM ĐỐC
chuc_vu: PHÓ GIÁM ĐỐC
nguoi_ky: Nguyễn Văn An
noi_nhan: UBND tỉnh (b/c); Các huyện, thị xã, thành phố; Lưu: VT, CCHC.
FRAME
"$chiso" score -q -f html --decimal-comma --frame "$work/frame.txt" --frame-set "nguoi_ky=Trần Thị Bình" \
  -o "$work/r.html" "$r" "$subs"
check "html: exit 0" test $? -eq 0
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --no-pdf-header-footer \
  --print-to-pdf="$work/r.pdf" "file://$work/r.html" > /dev/null 2>&1
check "printed to PDF" test -s "$work/r.pdf"
pdfinfo "$work/r.pdf" > "$work/info"
check "A4 ($(grep 'Page size' "$work/info"))" grep -q "Page size:.*(A4)" "$work/info"
pages=$(awk '/^Pages:/ {print $2}' "$work/info")
check "a page per scorecard at least ($pages pages)" test "${pages:-0}" -ge 14
pdftotext "$work/r.pdf" - | tr -s ' \n' '  ' > "$work/text"
"$chiso" score -q --lang vi "$r" "$subs" > "$work/r.json"
while IFS=$'\t' read -r name pts max; do
  check "scorecard of $name in the PDF" grep -qF "$name · kỳ 2021 — $pts / $max" "$work/text"
done < <(jq -r '.[] | [.unit.name, (.points * 100 | round / 100 | tostring), (.max | tostring)] | @tsv' "$work/r.json" |
         awk -F'\t' '{ split($2, a, "."); d = (a[2] == "" ? "00" : substr(a[2] "0", 1, 2)); m = $3 ",00";
                       printf "%s\t%s,%s\t%s\n", $1, a[1], d, m }')
# every criterion of every unit, by name (the PDF may wrap a long name: its first words)
while read -r crit; do
  check "criterion '$crit' printed 13 times" test "$(grep -oF "$crit" "$work/text" | wc -l)" -ge 13
done < <(jq -r '[.[0].nodes[].children[]?.name | split(" ")[0:3] | join(" ")] | unique[]' "$work/r.json")
check "frame: issuing body" grep -qF "SỞ NỘI VỤ" "$work/text"
check "frame: number" grep -qF "Số: 15/BC-SNV" "$work/text"
check "frame: motto" grep -qF "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$work/text"
check "frame: place and date" grep -qF "Hà Tĩnh, ngày 20 tháng 01 năm 2022" "$work/text"
check "frame: signer set on the command line" grep -qF "Trần Thị Bình" "$work/text"
check "frame: recipients" grep -qF "Lưu: VT, CCHC." "$work/text"
check "legend" grep -qF "Chú giải màu" "$work/text"
check "footer: rules file and SHA-256" grep -qF "$(sha256sum "$r" | cut -c1-64)" "$work/text"
check "footer on every page" test "$(grep -oF "trang " "$work/text" | wc -l)" -ge "$pages"
check "footer: the time of scoring" grep -qF "14/11/2023" "$work/text"
check "footer: engine" grep -qF "$("$chiso" --version)" "$work/text"
check "decimal comma: the ranking" grep -qF "95,50%" "$work/text"
check "no decimal point left in the ranking" bash -c "! grep -q '95\.50%' '$work/text'"
# the page itself
check "scorecards open" test "$(grep -c '<details class="card" open>' "$work/r.html")" -eq 13
check "@page A4" grep -q '@page{size:A4' "$work/r.html"
check "bands as written: ≥" grep -qF '<td>≥ 95%</td>' "$work/r.html"
check "bands as written: còn lại" grep -qF '<td>còn lại</td>' "$work/r.html"
check "no band in the normalized form" bash -c "! grep -q '<td>&gt;= \|<td>otherwise' '$work/r.html'"
# a total with more than 2 decimals, from the JSON: shown rounded, exact in its tooltip
exact=$(jq -r '[.[] | .points | tostring | select(test("\\.[0-9]{3,}"))][0] // empty' "$work/r.json")
check "a total with more than 2 decimals to look at ($exact)" test -n "$exact"
shown=$(printf '%.2f' "$exact")
check "rounded ($shown), the exact value in a tooltip" grep -qF "<span title=\"${exact/./,}\">${shown/./,}</span>" "$work/r.html"
check "no six decimals shown" bash -c "! grep -qE '>[0-9]+,[0-9]{3,}(%)?<' '$work/r.html'"
# without --decimal-comma: points
"$chiso" score -q -f html -o "$work/p.html" "$r" "$subs"
check "decimal point without --decimal-comma" grep -qF "<span title=\"$exact\">$shown</span>" "$work/p.html"
check "no frame without --frame" bash -c "! grep -q 'class=\"frame\"' '$work/p.html'"
# bad frames
"$chiso" score -q -f html --frame-set "chu_ky=x" "$r" "$subs" > /dev/null 2> "$work/err"
check "unknown frame key: exit 2" test $? -eq 2
check "unknown frame key: said" grep -q "unknown key 'chu_ky'" "$work/err"
"$chiso" score -q -f html --frame "$work/none.txt" "$r" "$subs" > /dev/null 2> "$work/err"
check "missing frame file: exit 2" test $? -eq 2

echo "html print: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
