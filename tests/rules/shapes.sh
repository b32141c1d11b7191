#!/usr/bin/env bash
# shapes.sh CHISO — the bundled indexes have the shape their sources give
# (fields, their maxima, criteria per field), read from scored results:
# 2948/QĐ-BNV for 2017, 876/QĐ-BNV for 2022–2030 (68 + 32), the commune
# index in Hà Tĩnh's commune shape (9 fields, 34 criteria, 70 + 30).
set -uo pipefail
chiso="$1"
fail=0
shape() { # RULES SUBMISSION JQ-EXPR EXPECTED WHAT
  local got
  got="$("$chiso" score -q "$1" "$2" 2>/dev/null | jq -c ".[0] | $3")"
  if [ "$got" = "$4" ]; then echo "ok: $5"; else echo "FAIL: $5: expected $4, got $got"; fail=1; fi
}
p17=rules/par-index/tinh-2017.chiso; s17=fixtures/par-index/submissions/quang-ninh.json
shape $p17 $s17 '[.nodes[].max]' '[10,10,14.5,11,16,7,16,15.5]' "2948: the fields' maxima"
shape $p17 $s17 '[.nodes[] | .children | length]' '[6,4,5,4,9,3,5,3]' "2948: criteria per field (39; the decision states 38)"
shape $p17 $s17 '.max' '100' "2948: 100 points"
p22=rules/par-index/tinh-2022-2030.chiso; s22=fixtures/par-index-2022-2030/submissions/quang-ninh.json
shape $p22 $s22 '[.nodes[] | [.id, .max]]' '[["TD",68],["DT",32]]' "876: 68 appraised + 32 survey"
shape $p22 $s22 '[.sources[] | [.origin, .max]]' '[["appraisal",68],["survey",32]]' "876: the two parts by origin"
px=rules/cap-xa/lam-dong-2025.chiso; sx=fixtures/cap-xa/submissions/phuong-xuan-huong-da-lat.json
shape $px $sx '[(.nodes | length), ([.nodes[] | .children | length] | add)]' '[9,34]' "commune index: 9 fields, 34 criteria"
shape $px $sx '[.sources[] | [.origin, .max]]' '[["appraisal",70],["survey",30]]' "commune index: 70 appraised + 30 survey"
exit $fail
