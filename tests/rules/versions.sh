#!/usr/bin/env bash
# versions.sh CHISO — one rules directory, two versions of the provincial
# PAR INDEX: a 2017 submission is scored by 2948/QĐ-BNV, a 2023 one by
# 876/QĐ-BNV, a 2019 one by 1150/QĐ-BNV, and a 2020 one (no version
# encoded) is an error naming the period, while the others are scored
# (needs jq).
set -uo pipefail
chiso="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
jq '.period = "2020"' fixtures/par-index/submissions/ha-noi.json > "$work/ha-noi-2020.json"
"$chiso" score -q rules/par-index fixtures/par-index/submissions/quang-ninh.json \
  fixtures/par-index-2022-2030/submissions/quang-ninh.json "$work/ha-noi-2020.json" \
  fixtures/par-index-2019/submissions/quang-ninh.json > "$work/out" 2>/dev/null
code=$?
check "a unit without a version: exit 3" '[ $code -eq 3 ]'
check "2017 scored by 2948: 96.85 of 100" \
  '[ "$(jq -c ".[0] | [.period, .points, .max, (.version.source | startswith(\"Quyết định 2948/QĐ-BNV\"))]" "$work/out")" = "[\"2017\",96.85,100,true]" ]'
check "2023 scored by 876: 61.5 + 28.74 = 90.24" \
  '[ "$(jq -c ".[1] | [.period, .points, (.version.source | startswith(\"Quyết định 876/QĐ-BNV\"))]" "$work/out")" = "[\"2023\",90.24,true]" ]'
check "2020: an error naming the period" \
  'jq -e ".[2].status == \"error\" and (.[2].errors[0] | contains(\"applies to period \\\"2020\\\"\"))" "$work/out" > /dev/null'
check "2019 scored by 1150: 91.5" \
  '[ "$(jq -c ".[3] | [.period, .points, (.version.source | startswith(\"Quyết định 1150/QĐ-BNV\"))]" "$work/out")" = "[\"2019\",91.5,true]" ]'
exit $fail
