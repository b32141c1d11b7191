#!/usr/bin/env bash
# versions.sh CHISO — one rules directory, five versions of the provincial
# PAR INDEX: a batch of submissions of 2017 to 2023 is scored each by the
# decision of its year — 2017 by 2948/QĐ-BNV, 2018 by 2636, 2019 by 1150,
# 2020 and 2021 by 1149, 2022 and 2023 by 876 — and a 2016 one (no version)
# is an error naming the period, while the others are scored (needs jq).
set -uo pipefail
chiso="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
jq '.period = "2016"' fixtures/par-index/submissions/ha-noi.json > "$work/ha-noi-2016.json"
jq '.period = "2022"' fixtures/par-index-2022-2030/submissions/hai-phong.json > "$work/hai-phong-2022.json"
"$chiso" score -q rules/par-index fixtures/par-index/submissions/quang-ninh.json \
  fixtures/par-index-2022-2030/submissions/quang-ninh.json "$work/ha-noi-2016.json" \
  fixtures/par-index-2019/submissions/quang-ninh.json \
  fixtures/par-index-2018/submissions/quang-ninh.json \
  fixtures/par-index-2020-2021/submissions/da-nang-2020.json \
  fixtures/par-index-2020-2021/submissions/hai-phong-2021.json \
  "$work/hai-phong-2022.json" > "$work/out" 2>/dev/null
code=$?
check "a unit without a version: exit 3" '[ $code -eq 3 ]'
check "2017 scored by 2948: 96.85 of 100" \
  '[ "$(jq -c ".[0] | [.period, .points, .max, (.version.source | startswith(\"Quyết định 2948/QĐ-BNV\"))]" "$work/out")" = "[\"2017\",96.85,100,true]" ]'
check "2023 scored by 876: 61.5 + 28.74 = 90.24" \
  '[ "$(jq -c ".[1] | [.period, .points, (.version.source | startswith(\"Quyết định 876/QĐ-BNV\"))]" "$work/out")" = "[\"2023\",90.24,true]" ]'
check "2016: an error naming the period" \
  'jq -e ".[2].status == \"error\" and (.[2].errors[0] | contains(\"applies to period \\\"2016\\\"\"))" "$work/out" > /dev/null'
check "2016: the error lists the five versions" \
  'jq -e ".[2].errors[0] | contains(\"(its versions: 2017 (Quyết định 2948/QĐ-BNV\") and contains(\"; 2018 (Quyết định 2636/QĐ-BNV\") and contains(\"; 2020 đến 2021 (Quyết định 1149/QĐ-BNV\")" "$work/out" > /dev/null'
check "2019 scored by 1150: 91.5" \
  '[ "$(jq -c ".[3] | [.period, .points, (.version.source | startswith(\"Quyết định 1150/QĐ-BNV\"))]" "$work/out")" = "[\"2019\",91.5,true]" ]'
check "2018 scored by 2636: 90" \
  '[ "$(jq -c ".[4] | [.period, .points, .grade, .version.applies_to, (.version.source | startswith(\"Quyết định 2636/QĐ-BNV\"))]" "$work/out")" = "[\"2018\",90,\"A\",\"2018\",true]" ]'
check "2020 scored by 1149: 84.75" \
  '[ "$(jq -c ".[5] | [.period, .points, .version.applies_to, (.version.source | startswith(\"Quyết định 1149/QĐ-BNV\"))]" "$work/out")" = "[\"2020\",84.75,\"2020 đến 2021\",true]" ]'
check "2021 scored by 1149: 91.8" \
  '[ "$(jq -c ".[6] | [.period, .points, (.version.source | startswith(\"Quyết định 1149/QĐ-BNV\"))]" "$work/out")" = "[\"2021\",91.8,true]" ]'
# Hải Phòng's 2023 figures as a 2022 submission: 876 again, 89.9 as in its snapshot
check "2022 scored by 876: 89.9" \
  '[ "$(jq -c ".[7] | [.period, .points, .version.applies_to]" "$work/out")" = "[\"2022\",89.9,\"2022 đến 2030\"]" ]'
check "every year its own decision" \
  '[ "$(jq -c "[.[] | select(.status == \"ok\") | [.period, (.version.source | capture(\"(?<d>[0-9]+)/QĐ-BNV\").d)]] | sort" "$work/out")" = "[[\"2017\",\"2948\"],[\"2018\",\"2636\"],[\"2019\",\"1150\"],[\"2020\",\"1149\"],[\"2021\",\"1149\"],[\"2022\",\"876\"],[\"2023\",\"876\"]]" ]'
exit $fail
