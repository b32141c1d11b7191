#!/usr/bin/env bash
# published_api_test.sh PUBLISHED_EXAMPLE CHISO — the published tables
# through the library (chiso_batch_published_json) are those of `chiso
# score -f published`, and hold the figures worked out by hand in
# tests/published/published_test.sh (Tỉnh Ba 95 %, +25, up one place).
set -uo pipefail
example="$1"
chiso="$2"
data=tests/published/data
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
"$example" "$data/tinh.chiso" "$data/2022" "$data/2023" > "$work/lib.json"
[ $? -eq 0 ] || { echo "FAIL: the example exited non-zero"; fail=1; }
"$chiso" score -q -f published "$data/tinh.chiso" "$data/2022" "$data/2023" > "$work/cli.json"
cmp -s <(jq -S . "$work/lib.json") <(jq -S . "$work/cli.json") || { echo "FAIL: library and command differ"; fail=1; }
jq -e '.[0].units[2] | .id == "u3" and .percent == 95 and .change == 25 and .places_gained == 1' "$work/lib.json" > /dev/null ||
  { echo "FAIL: Tỉnh Ba's row"; fail=1; }
"$example" "$data/tinh.chiso" "$data/2023" > "$work/one.json"
[ "$(cat "$work/one.json")" = "[]" ] || { echo "FAIL: one period gives tables"; fail=1; }
[ $fail -eq 0 ] && echo "published api: ok"
exit $fail
