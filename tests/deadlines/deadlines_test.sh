#!/usr/bin/env bash
# deadlines_test.sh CHISO — deadlines as comparisons with dates: the days
# late of every deadline missed in the JSON result, the scorecard and
# explain (worked out by hand below), period_date() in the year of each
# submission's period, its errors at check time with positions, and the
# error result of a period without a year.
set -uo pipefail
chiso="$1"
data="tests/deadlines/data"
rules="$data/han.chiso"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
jqt() { jq -e "$1" "$work/out" > /dev/null; }

run check "$rules"
check "rules check clean" test $code -eq 0
run score "$rules" "$data/a.json" "$data/b.json"
check "score: exit 0" test $code -eq 0
node() { jqt ".[$1].nodes[0].children[] | select(.id == \"$2\") | $3"; }
# A: reports Q1 on the day (on time), Q2 5 days late, Q3 early, Q4 on 16/11
# where `< 16/11` allows 15/11 at the latest: 1 day late; 2 of 4 × 0.5 = 1.
check "A 1.1: 1 point, Q2 and Q4 late" node 0 1.1 '.points == 1 and (.late | length) == 2'
check "A 1.1: Q2 5 days late" \
  node 0 1.1 '.late[0] == {"rule": "bc.q2 <= period_date(5, 15)", "date": "2020-05-20", "due": "2020-05-15", "days_late": 5}'
check "A 1.1: Q4 '< 16/11' shows 15/11 as the due day, 1 day late" \
  node 0 1.1 '.late[1] == {"rule": "bc.q4 < period_date(11, 16)", "date": "2020-11-16", "due": "2020-11-15", "days_late": 1}'
# A: the plan of 10/01/2020 misses 31/12 of the year before (period_date(12, 31, -1)) by 10 days; 0.5 by the second band.
check "A 1.2: the first band is the deadline: 10 days late, 0.5" \
  node 0 1.2 '.points == 0.5 and .late == [{"band": "<= period_date(12, 31, -1)", "date": "2020-01-10", "due": "2019-12-31", "days_late": 10}]'
# A: 1/3 to 4/4 is 34 days, limit 30: 4 days over, 0 points.
check "A 1.3: 34 days against 30: 4 days late" \
  node 0 1.3 '.points == 0 and .late == [{"rule": "days_between(xl.nhận, xl.xong) <= 30", "days_taken": 34, "limit_days": 30, "days_late": 4}]'
# A: a task due 30/06 (written due >= done) done on 2/7: 2 days late.
check "A 1.4: the deadline written the other way round: 2 days late" \
  node 0 1.4 '.points == 0 and .late == [{"rule": "2020-06-30 >= nv.xong", "date": "2020-07-02", "due": "2020-06-30", "days_late": 2}]'
check "A: total 1.5" jqt '.[0].points == 1.5'
# B: everything on the day or earlier: no lateness; the task not done (null) scores 0 by its policy.
check "B: nothing late" jqt '[.[1].nodes[0].children[] | .late] == [null, null, null, null]'
check "B: 2 + 1 + 1 + 0 = 4" jqt '.[1].points == 4'

run score -f text "$rules" "$data/a.json"
check "scorecard: Q2 late" has_out "      ! trễ hạn 5 ngày: 2020-05-20, hạn 2020-05-15 (bc.q2 <= period_date(5, 15))"
check "scorecard: plan late by the band" has_out "      ! trễ hạn 10 ngày: 2020-01-10, hạn 2019-12-31 (<= period_date(12, 31, -1))"
check "scorecard: handling over the limit" \
  has_out "      ! quá hạn 4 ngày: 34 ngày, hạn 30 ngày (days_between(xl.nhận, xl.xong) <= 30)"
run score -f html "$rules" "$data/a.json"
check "html scorecard: days late" has_out '<small class="late">trễ hạn 10 ngày: 2020-01-10, hạn 2019-12-31</small>'
check "html scorecard: days over" has_out '<small class="late">quá hạn 4 ngày: 34 ngày, hạn 30 ngày</small>'
run explain "$rules" "$data/a.json"
check "explain: days late" has_out "      trễ hạn:  2 ngày (2020-07-02, hạn 2020-06-30: 2020-06-30 >= nv.xong)"
check "explain: days over" has_out "      quá hạn:  4 ngày (34 ngày, hạn 30 ngày: days_between(xl.nhận, xl.xong) <= 30)"

# --- period_date() follows the period: the same dates in 2021 are late by a year less a day...
sed -e 's/"2020"/"2021"/' "$data/b.json" > "$work/b-2021.json"
run score "$rules" "$work/b-2021.json"
check "2021: the Q1 report of 1/2/2020 is on time for 15/2/2021" \
  jqt '.[0].nodes[0].children[0] | .points == 2 and .late == null'
check "2021: the plan of 31/12/2019 is before 31/12/2020" jqt '.[0].nodes[0].children[1].points == 1'
sed -e 's/"2020"/"2019"/' "$data/a.json" > "$work/a-2019.json"
run score "$rules" "$work/a-2019.json"
check "2019: Q1 report of 15/2/2020 is 365 days late" \
  jqt '.[0].nodes[0].children[0].late[0] == {"rule": "bc.q1 <= period_date(2, 15)", "date": "2020-02-15", "due": "2019-02-15", "days_late": 365}'

# --- a period without a year: an error result naming it; exit 3
sed -e 's/"period": "2020"/"period": "năm nay"/' "$data/a.json" > "$work/noyear.json"
run score "$rules" "$work/noyear.json"
check "no year: exit 3" test $code -eq 3
check "no year: the error names the node and the period" \
  jqt '.[0].errors[0] == "cannot compute 1.1: period_date() needs a year in the submission'"'"'s \"period\" (it is \"năm nay\", or that year has no such day)"'

# --- 29 February exists in 2020, not in 2021
cat > "$work/leap.chiso" <<'RULES'
index "Leap" {
  total 1
  field 1 "A" max 1 { criterion 1.1 "B" max 1 { value d.x <= period_date(2, 29) band true -> max band false -> 0 } }
}
RULES
echo '{"unit": {"id": "u"}, "period": "2020", "metrics": {"d": {"x": "2020-02-29"}}}' > "$work/l2020.json"
echo '{"unit": {"id": "u"}, "period": "2021", "metrics": {"d": {"x": "2021-02-28"}}}' > "$work/l2021.json"
run score "$work/leap.chiso" "$work/l2020.json" "$work/l2021.json"
check "29/2: exit 3" test $code -eq 3
check "29/2/2020 scored, 2021 an error" jqt '.[0].points == 1 and .[1].status == "error"'

# --- period_date() errors at check time, each with its position
cat > "$work/bad.chiso" <<'RULES'
index "Bad" {
  total 4
  field 1 "A" max 4 {
    criterion 1.1 "B" max 1 { value d.x <= period_date(13, 1) band true -> max band false -> 0 }
    criterion 1.2 "C" max 1 { value d.x <= period_date(2, 30) band true -> max band false -> 0 }
    criterion 1.3 "D" max 1 { value d.x <= period_date(1, 1, 11) band true -> max band false -> 0 }
    criterion 1.4 "E" max 1 { value d.x <= period_date(n.m, 1) band true -> max band false -> 0 }
  }
}
RULES
run check "$work/bad.chiso"
check "bad period_date: exit 1" test $code -eq 1
check "month 13" has_err "bad.chiso:4:56: error: the month of period_date() must be a whole number from 1 to 12"
check "30 February" has_err "bad.chiso:5:59: error: the day of period_date() must be a day of that month"
check "11 years" has_err "bad.chiso:6:62: error: the years of period_date() must be a whole number from -10 to 10"
check "not a literal" has_err "bad.chiso:7:56: error: the month of period_date() must be a whole number from 1 to 12"
check "caret under the month" has_err "      |                                                        ^~~"
check "arity" bash -c "printf 'index \"X\" { total 1 field 1 \"A\" max 1 { criterion 1.1 \"B\" max 1 { value d.x <= period_date(1) band true -> max band false -> 0 } } }\n' > '$work/ar.chiso'; '$chiso' check '$work/ar.chiso' 2>&1 | grep -qF 'period_date takes at least 2 arguments, not 1'"

# --- plans: dated targets against actuals, the days late in the report
run verify "$data/ke-hoach.chiso" "$data/u-2021.json"
check "plan: exit 1 (targets missed)" test $code -eq 1
check "plan: '< 15/1' met on 15/1 is 1 day late" \
  has_out "  ✗ T1  Ban hành kế hoạch trước 15/1                                2021-01-15 ≥ 2021-01-15: trễ 1 ngày"
check "plan: 34 days for 30" has_out "  ✗ T2  Giải quyết trong 30 ngày                                    34 > 30: vượt 4"
check "plan: on the day is on time" has_out "  ✓ T3  Báo cáo năm chậm nhất 10/11                                 2021-11-10 ≤ 2021-11-10"
run verify -f json "$data/ke-hoach.chiso" "$data/u-2021.json"
check "plan json: shortfall in days, period_date of 2021" \
  jqt '.[0].targets[0] | .actual == "2021-01-15" and .threshold == "2021-01-15" and .shortfall == 1'

# seed 000's dated tasks: proposals of 07/5 due before 05/5 (04/5 at the latest)
run verify rules/plans/tong-ket-cchc-sldtbxh-2020.chiso fixtures/plans/actuals/tong-ket-sldtbxh-2020.json
check "KH 126: 07/5 against 'before 05/5' is 3 days late" has_out "2020-05-07 ≥ 2020-05-05: trễ 3 ngày"

echo "deadlines: $passed passed, $failed failed"
test "$failed" -eq 0
