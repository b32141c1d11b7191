#!/usr/bin/env bash
# reports_test.sh CHISO — the labels of the reports people read, in the
# language asked for: the text and HTML reports of the Hà Tĩnh districts
# against reviewed golden files in Vietnamese (the default) and English;
# Vietnamese by default whatever the locale; nothing left in Vietnamese in
# an English report but the names it quotes from the rules, the
# submissions and the frame (vietnamese_left.py), over every part of the
# reports (errors, trend, published table, deadlines, appraisal sources).
# Run with UPDATE=1 to rewrite the golden files (then review the diff).
set -uo pipefail
chiso="$1"
here="$(cd "$(dirname "$0")" && pwd)"
golden="$here/golden"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
# The digests of the rules are left out of the comparison: a rules file
# laid out again (fmt) changes them, not the report.
same_as_golden() { # FILE GOLDEN
  sed -E 's/[0-9a-f]{64}/<sha256>/g; s/SHA-256 [0-9a-f]{12}…/SHA-256 <sha256>…/g' "$1" > "$1.cmp"
  if [ "${UPDATE:-}" = 1 ]; then cp "$1.cmp" "$2"; fi
  if ! cmp -s "$1.cmp" "$2"; then diff "$2" "$1.cmp" | head -20; return 1; fi
}
no_vietnamese_left() { # REPORT NAMES...
  python3 "$here/vietnamese_left.py" "$@" > "$work/left" || { head -20 "$work/left"; return 1; }
}

r=rules/cap-huyen/ha-tinh-2021.chiso
s=fixtures/cap-huyen/submissions
three=("$s/cam-xuyen.json" "$s/can-loc.json" "$s/vu-quang.json")
names=(rules/cap-huyen/*.chiso "$s"/*.json)

# --- golden reports, Vietnamese and English
for lang in vi en; do
  LANG=C.UTF-8 "$chiso" score -q --lang $lang -f text "$r" "$s" > "$work/ha-tinh.$lang.txt"
  check "text --lang $lang: exit 0" test $? -eq 0
  check "text --lang $lang: as reviewed" same_as_golden "$work/ha-tinh.$lang.txt" "$golden/ha-tinh.$lang.txt"
  LANG=C.UTF-8 "$chiso" score -q --lang $lang -f html --frame tests/i18n/data/khung.txt "$r" "${three[@]}" > "$work/ha-tinh.$lang.html"
  check "html --lang $lang: exit 0" test $? -eq 0
  check "html --lang $lang: as reviewed" same_as_golden "$work/ha-tinh.$lang.html" "$golden/ha-tinh.$lang.html"
done

# --- Vietnamese by default, whatever the locale
for locale in C.UTF-8 en_US.UTF-8 vi_VN.UTF-8; do
  for f in text html; do
    LANG=$locale LC_ALL= LANGUAGE= "$chiso" score -q -f $f --frame tests/i18n/data/khung.txt "$r" "${three[@]}" > "$work/default.$f"
    LANG=C.UTF-8 "$chiso" score -q --lang vi -f $f --frame tests/i18n/data/khung.txt "$r" "${three[@]}" > "$work/vi.$f"
    check "$f in LANG=$locale: the Vietnamese report, byte for byte" cmp -s "$work/default.$f" "$work/vi.$f"
  done
done

# --- English reports: only names are Vietnamese
check "text --lang en: no Vietnamese label" no_vietnamese_left "$work/ha-tinh.en.txt" "${names[@]}"
check "html --lang en: no Vietnamese label" no_vietnamese_left "$work/ha-tinh.en.html" "${names[@]}" tests/i18n/data/khung.txt
check "the check finds Vietnamese labels (text --lang vi)" bash -c "! python3 '$here/vietnamese_left.py' '$work/ha-tinh.vi.txt' ${names[*]} > /dev/null"
check "the check finds Vietnamese labels (html --lang vi)" bash -c "! python3 '$here/vietnamese_left.py' '$work/ha-tinh.vi.html' ${names[*]} tests/i18n/data/khung.txt > /dev/null"
check "html --lang en: an English page" grep -q '<html lang="en">' "$work/ha-tinh.en.html"
check "html --lang vi: a Vietnamese page" grep -q '<html lang="vi">' "$work/ha-tinh.vi.html"
# every other part of the reports: units in error, the trend and the
# published table of two periods, deadlines, yes/no values, summary
scan() { # LABEL RULES... -- SUBMISSIONS...
  local label="$1"
  shift
  local rules=() subs=()
  while [ "$1" != -- ]; do rules+=("$1"); shift; done
  shift
  subs=("$@")
  local sfiles
  mapfile -t sfiles < <(find "${subs[@]}" -name '*.json' -type f)
  for f in text html; do
    "$chiso" score -q --lang en -f $f "${rules[0]}" "${subs[@]}" > "$work/scan.$f" 2> "$work/scan.err"
    check "$label: $f --lang en: no Vietnamese label" no_vietnamese_left "$work/scan.$f" "${rules[@]}" "${sfiles[@]}"
  done
}
scan "units in error" tests/batch/data/report.chiso -- tests/batch/data/report
scan "trend" tests/batch/data/two-fields.chiso -- tests/batch/data/history
scan "published table" tests/published/data/tinh.chiso -- tests/published/data/2022 tests/published/data/2023
scan "deadlines" tests/deadlines/data/han.chiso -- tests/deadlines/data/a.json tests/deadlines/data/b.json tests/deadlines/data/u-2021.json
scan "yes/no bands" tests/cli/data/yes-no.chiso -- tests/cli/data/yes-no.json
scan "reasons" tests/i18n/data/ty-le.chiso -- tests/i18n/data/units
# verify and the appraisal: their English reports hold only the plans', the
# actuals' and the appraisal files' own texts in Vietnamese
"$chiso" verify --lang en rules/plans/duc-tho-2021.chiso fixtures/plans/actuals/can-loc-2021.json > "$work/v.txt"
check "verify --lang en: no Vietnamese label or reason" no_vietnamese_left "$work/v.txt" rules/plans/*.chiso fixtures/plans/actuals/can-loc-2021.json
check "verify --lang en: English reasons" grep -q "not applicable: a ratio or division has a zero denominator" "$work/v.txt"
"$chiso" verify --lang en rules/plans/duc-tho-2021.chiso > "$work/v2.txt"
check "verify against the parent --lang en: no Vietnamese label" no_vietnamese_left "$work/v2.txt" rules/plans/*.chiso
ar=rules/cap-so/dak-nong-y-te-2020.chiso
af=fixtures/cap-so/appraisal/2020
mapfile -t afiles < <(find "$af" -name '*.json' -type f)
for f in text html; do
  "$chiso" appraise --lang en -f $f "$ar" "$af" > "$work/a.$f"
  check "appraise $f --lang en: no Vietnamese label, reason or finding" no_vietnamese_left "$work/a.$f" rules/cap-so/*.chiso "${afiles[@]}"
  "$chiso" appraise --lang en -f $f --packet stnmt "$ar" "$af" > "$work/p.$f"
  check "appraise packet $f --lang en: no Vietnamese label" no_vietnamese_left "$work/p.$f" rules/cap-so/*.chiso "${afiles[@]}"
done
check "appraise --lang en: English stages" grep -q "Appraisal round 1" "$work/a.text"

"$chiso" score -q --lang en -f text --summary "$r" "$s" > /dev/null 2> "$work/summary"
check "summary --lang en: no Vietnamese label" no_vietnamese_left "$work/summary" "${names[@]}"
check "summary --lang en: English" grep -q "^Summary: 13 units scored, 0 in error" "$work/summary"

echo "i18n reports: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
