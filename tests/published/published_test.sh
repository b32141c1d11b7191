#!/usr/bin/env bash
# published_test.sh CHISO — the published tables of a round (bảng công bố):
# five provinces in 2023 against four in 2022 (worked out by hand in the
# comments), one unit in error left out; changes in percent and places
# overall and in points and places per field, rose / fell, largest rise
# and fall, the mean and who is above it, the grades (groups A/B/C);
# text and HTML; versions with new, gone and renamed criteria.
set -uo pipefail
chiso="$1"
data="tests/published/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err

# 2022: Một 4+5 = 90%, Hai 3+5 = 80%, Ba 2+5 = 70%, Bốn 4+6 = 100% → ranks Bốn 1, Một 2, Hai 3, Ba 4.
# 2023: Một 4+6 = 100%, Hai 2+5 = 70%, Ba 4+5.5 = 95%, Bốn 100%, Năm 3+4 = 70% (new), Sáu in error
#   → ranks Bốn 1, Một 1, Ba 3, Hai 4, Năm 4.
run score -f text --no-scorecards "$data/tinh.chiso" "$data/2022" "$data/2023"
check "exit 3 (one unit in error)" test $code -eq 3
check "heading" has_out "Bảng công bố (published table) · cấp tỉnh · kỳ 2023 so với kỳ 2022 · 5 đơn vị"
# field 1 (max 4): 2022 ranks Một 1, Bốn 1, Hai 3, Ba 4; 2023 Một, Ba, Bốn 1, Năm 4, Hai 5.
# field 2 (max 6): 2022 Bốn 1, the rest 2; 2023 Một, Bốn 1, Ba 3, Hai 4, Năm 5.
check "Bốn: =, 0.00, fields unchanged" has_out "   1      =  Tỉnh Bốn      100.00      0.00             4.00 0.00 =             6.00 0.00 ="
check "Một: up 1 place, +10, field 2 +1 and up 1" has_out "   1     ↑1  Tỉnh Một      100.00    +10.00             4.00 0.00 =           6.00 +1.00 ↑1"
check "Ba: +25, field 1 +2 up 3, field 2 +0.5 down 1" has_out "   3     ↑1  Tỉnh Ba        95.00    +25.00           4.00 +2.00 ↑3           5.50 +0.50 ↓1"
check "Hai: -10, field 1 -1 down 2, field 2 down 2" has_out "   4     ↓1  Tỉnh Hai       70.00    -10.00           2.00 -1.00 ↓2            5.00 0.00 ↓2"
check "Năm: new" has_out "   4    mới  Tỉnh Năm       70.00         -                  3.00 -                  4.00 -"
sed -n '/^Bảng công bố/,/^$/p' "$work/out" > "$work/table"
check "the table has 5 rows of units and 4 summary lines" test "$(wc -l < "$work/table")" -eq 12
check "the unit in error is left out" bash -c "! grep -q 'Tỉnh Sáu' '$work/table'"
check "rose 2, fell 1, same 1" has_out "  Tăng điểm: 2 · giảm điểm: 1 · không đổi: 1"
check "largest rise and fall" has_out "  Tăng nhiều nhất: Tỉnh Ba +25.00 · Giảm nhiều nhất: Tỉnh Hai -10.00"
# mean 2023 = (100 + 70 + 95 + 100 + 70) / 5 = 87; 2022 = (90 + 80 + 70 + 100) / 4 = 85; above 87: Một, Ba, Bốn.
check "mean, its change, above the mean" has_out "  Trung bình: 87.00% (+2.00) · trên trung bình: 3 đơn vị"
check "grades: A 3, B 0, C 2, D 0" has_out "  Xếp loại (nhóm): A: 3 · B: 0 · C: 2 · D: 0"
run score -f text --no-scorecards --decimal-comma "$data/tinh.chiso" "$data/2022" "$data/2023"
check "decimal comma" has_out "  Trung bình: 87,00% (+2,00) · trên trung bình: 3 đơn vị"

run score -f html "$data/tinh.chiso" "$data/2022" "$data/2023"
check "html: heading" has_out "<h2>Bảng công bố · cấp tỉnh · kỳ 2023 so với kỳ 2022</h2>"
check "html: Ba's row" has_out '<tr><td class="n">3</td><td class="n"><span class="up">↑1</span></td><td>Tỉnh Ba</td><td class="n">95.00</td><td class="n"><span class="up">+25.00</span></td><td class="n">4.00 · <span class="up">+2.00</span> · <span class="up">↑3</span></td><td class="n">5.50 · <span class="up">+0.50</span> · <span class="down">↓1</span></td></tr>'
check "html: new unit" has_out '<td class="n">mới</td><td>Tỉnh Năm</td>'
check "html: summary" has_out '<li>Tăng điểm: 2 · giảm điểm: 1 · không đổi: 1</li>'
check "html: mean" has_out '<li>Trung bình: 87.00% (<span class="up">+2.00</span>) · trên trung bình: 3 đơn vị</li>'
check "html: grades" has_out '<li>Xếp loại (nhóm): A: 3 · B: 0 · C: 2 · D: 0</li>'

run score -f csv --decimal-point --lang en "$data/tinh.chiso" "$data/2022" "$data/2023"
check "csv: the change columns" \
  has_out 'rank,"1 Chỉ đạo, điều hành",2 Thủ tục hành chính,1 rank,2 rank,previous period,percent change,rank change,1 change,1 rank change,2 change,2 rank change,status'
check "csv: Ba against 2022" has_out 'u3,Tỉnh Ba,tỉnh,2023,9.5,10,95,A,3,4,5.5,1,3,2022,25,1,2,3,0.5,-1,ok'
check "csv: Hai against 2022" has_out 'u2,Tỉnh Hai,tỉnh,2023,7,10,70,C,4,2,5,5,4,2022,-10,-1,-1,-2,0,-2,ok'
check "csv: a new unit has no changes" has_out 'u5,Tỉnh Năm,tỉnh,2023,7,10,70,C,4,3,4,4,5,,,,,,,,ok'
check "csv: 2022 rows have no changes" has_out 'u1,Tỉnh Một,tỉnh,2022,9,10,90,A,2,4,5,1,2,,,,,,,,ok'
run score -f csv --decimal-comma "$data/tinh.chiso" "$data/2022" "$data/2023"
check "csv ; and decimal comma" has_out 'u3;Tỉnh Ba;tỉnh;2023;9,5;10;95;A;3;4;5,5;1;3;2022;25;1;2;3;0,5;-1;ok'
run score -f csv --decimal-point --lang en "$data/tinh.chiso" "$data/2023"
check "csv, one period: no change columns" bash -c "! grep -q 'percent change' '$work/out'"

# one period only: no published table
run score -f text --no-scorecards "$data/tinh.chiso" "$data/2023"
check "one period: no table" bash -c "! grep -q 'Bảng công bố' '$work/out'"

# versions: criteria new, gone and renamed between 2017 and 2023
v="tests/versions/data"
run score -f text --no-scorecards "$v/par" "$v/submissions/a-2017.json" "$v/submissions/a-2023.json"
check "versions: the new version named" has_out "  Phiên bản mới: 876/QĐ-BNV, Chỉ số CCHC cấp tỉnh (kỳ trước: 2948/QĐ-BNV)"
check "versions: renamed IDs" has_out "  Đổi mã: 1.1 → 1.2, 2 → 3, 2.1 → 3.1"
check "versions: a new criterion (its ID was another's before)" has_out "  Mới (new): 1.1 Kiểm tra CCHC"
check "versions: a criterion gone" has_out "  Bỏ (gone): 1.2 Báo cáo CCHC"
# field 1: 1 + 2 = 3 → 1 + 1.5 = 2.5 (-0.5); field 2 → 3: 6 → 3 (-3)
check "versions: fields compared through previously" \
  has_out "   1      =  Hà Tĩnh        55.00    -35.00            2.50 -0.50 =            3.00 -3.00 ="

# ---- the same tables as JSON (-f published), the same figures as above
run score -f published "$data/tinh.chiso" "$data/2022" "$data/2023"
check "published json: exit 3 (one unit in error)" test $code -eq 3
jqt() { jq -e "$1" "$work/out" > /dev/null; }
check "published json: one table, 2023 against 2022" \
  jqt 'length == 1 and (.[0] | .level == "tỉnh" and .period == "2023" and .previous == "2022" and .version == null)'
check "published json: units by rank" \
  jqt '[.[0].units[] | [.id, .rank]] == [["u4", 1], ["u1", 1], ["u3", 3], ["u2", 4], ["u5", 4]]'
check "published json: Ba +25, up 1; field 1 +2 up 3, field 2 +0.5 down 1" \
  jqt '.[0].units[2] | .percent == 95 and .change == 25 and .places_gained == 1 and .new == false and .fields == [{"id": "1", "points": 4, "change": 2, "places_gained": 3, "new": false}, {"id": "2", "points": 5.5, "change": 0.5, "places_gained": -1, "new": false}]'
check "published json: Hai -10, down 1" jqt '.[0].units[3] | .id == "u2" and .change == -10 and .places_gained == -1'
check "published json: Năm is new, no changes" \
  jqt '.[0].units[4] | .new and .change == null and .places_gained == null and ([.fields[].change] == [null, null]) and ([.fields[].points] == [3, 4])'
check "published json: rose 2, fell 1, same 1" jqt '.[0] | .rose == 2 and .fell == 1 and .same == 1'
check "published json: largest rise and fall" \
  jqt '.[0] | .largest_rise == {"id": "u3", "name": "Tỉnh Ba", "change": 25} and .largest_fall == {"id": "u2", "name": "Tỉnh Hai", "change": -10}'
check "published json: mean 87 (+2 on 85), 3 above" \
  jqt '.[0] | .mean == 87 and .previous_mean == 85 and .mean_change == 2 and .above_mean == 3'
check "published json: grades A 3, B 0, C 2, D 0" \
  jqt '.[0] | .grades == [{"grade": "A", "units": 3}, {"grade": "B", "units": 0}, {"grade": "C", "units": 2}, {"grade": "D", "units": 0}] and .no_grade == 0'
check "published json: Sáu (in error) left out" jqt '[.[0].units[].id] | index("u6") == null'
run score -f published "$data/tinh.chiso" "$data/2023"
check "published json, one period: an empty array" test "$(cat "$work/out")" = "[]"
run score -f published "$v/par" "$v/submissions/a-2017.json" "$v/submissions/a-2023.json"
check "published json: versions, new, gone, renamed" \
  jqt '.[0] | .version == {"applies_to": "2022 đến 2030", "source": "876/QĐ-BNV"} and .previous_version == {"applies_to": "2017", "source": "2948/QĐ-BNV"} and .renamed == [{"from": "1.1", "to": "1.2"}, {"from": "2", "to": "3"}, {"from": "2.1", "to": "3.1"}] and ([.new_nodes[].id] == ["1.1"]) and ([.gone_nodes[].id] == ["1.2"])'
check "published json: fields compared through previously" \
  jqt '.[0].units[0] | .change == -35 and ([.fields[] | [.id, .points, .change]] == [["1", 2.5, -0.5], ["3", 3, -3]])'

echo "published: $passed passed, $failed failed"
test "$failed" -eq 0
