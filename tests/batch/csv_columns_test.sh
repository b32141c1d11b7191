#!/usr/bin/env bash
# csv_columns_test.sh CHISO — every cell of `chiso score -f csv` in the
# column its header names, checked against the NDJSON results of the same
# batch (csv_columns.py): the example and district indexes over their
# fixtures, a batch mixing versions of an index, and units read from
# standard input that are in error, repeated, unranked, without an id or
# with names to quote; with ';' and decimal commas (the default) and with
# --decimal-point.
set -uo pipefail
chiso="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
compare() { # name, inputs (file arguments, or - for $work/in.ndjson), rules
  local name="$1" rules="$2"
  shift 2
  for style in default point; do
    local opts=() sep=';' point=','
    [ "$style" = point ] && opts=(--decimal-point) sep=',' point='.'
    "$chiso" score -q --lang en -f ndjson "$rules" "$@" < "$work/in.ndjson" > "$work/out.ndjson" 2> /dev/null
    "$chiso" score -q --lang en -f csv "${opts[@]}" "$rules" "$@" < "$work/in.ndjson" > "$work/out.csv" 2> /dev/null
    if python3 "$here/csv_columns.py" "$work/out.csv" "$work/out.ndjson" "$sep" "$point" > "$work/check.out"; then
      echo "$name ($style): $(tail -1 "$work/check.out")"
    else
      echo "FAIL: $name ($style)"
      cat "$work/check.out"
      failed=$((failed + 1))
    fi
  done
}
: > "$work/in.ndjson"
compare "example index, fixtures" "$root/rules/examples/huyen-mini.chiso" "$root/fixtures/examples/submissions"
compare "district index, fixtures" "$root/rules/cap-huyen/ha-tinh-2021.chiso" "$root/fixtures/cap-huyen/submissions"
compare "versions mixed" "$root/tests/versions/data/par" "$root/tests/versions/data/submissions/a-2017.json" \
  "$root/tests/versions/data/submissions/a-2023.json"
# units of standard input: in error, a name with ';', ',', quotes, a new
# line, a formula; unranked; repeated; neither id nor name; a level of
# their own
m='"metrics":{"plan":{"tasks":10,"issued_on":"2020-12-02","done":9},"communes":{"total":10,"inspected":5},"dossiers":{"total":100,"on_time":99},"reports":{"late":1},"survey":{"satisfaction":7}}'
{
  printf '{"unit":{"id":"E1","name":"lỗi; \\"một\\""},"metrics":{"b":1}}\n'
  printf '{"unit":{"id":"u1","name":"=1+1","level":"huyện"},"period":"2021",%s}\n' "$m"
  printf '{"unit":{"id":"u2","name":"Đơn vị \\"hai\\"\\nxuống dòng, ; cả hai","level":"xã","ranked":false},"period":"2021",%s}\n' "$m"
  printf '{"unit":{"id":"u1","name":"lặp lại","level":"huyện"},"period":"2021",%s}\n' "$m"
  printf '{"unit":{"level":"huyện"},"period":"2021",%s}\n' "$m"
  printf '{"unit":{"id":"-u4","name":"@x","level":"sở"},"period":"2022",%s}\n' "${m/\"late\":1/\"late\":0}"
  printf 'not json\n'
  printf '{"unit":{"id":"u5","name":"không đủ","level":"huyện"},"period":"2021","metrics":{"plan":{"tasks":10,"issued_on":null,"done":null},"communes":{"total":null,"inspected":null},"dossiers":{"total":null,"on_time":null},"reports":{"late":null},"survey":{"satisfaction":null}}}\n'
} > "$work/in.ndjson"
compare "standard input" "$root/rules/examples/huyen-mini.chiso" -
# generated units, when the generator is built beside the command
gen="$(dirname "$chiso")/bench/gen_submissions"
if [ -x "$gen" ]; then
  "$gen" "$root/rules/cap-huyen/ha-tinh-2021.chiso" 300 5 > "$work/in.ndjson"
  compare "district index, generated" "$root/rules/cap-huyen/ha-tinh-2021.chiso" -
  "$gen" "$root/rules/examples/huyen-mini.chiso" 300 9 --corrupt > "$work/in.ndjson"
  compare "example index, damaged uploads" "$root/rules/examples/huyen-mini.chiso" -
fi
[ $failed = 0 ] && echo "csv columns: every cell in its column" 
exit $((failed > 0))
