#!/usr/bin/env bash
# lazy_libraries_test.sh CHISO LIBCHISO_SO FAKE_XLSX_DIR FAKE_MHD_DIR —
# libxlsxwriter and libmicrohttpd (with libcrypto and GnuTLS behind them)
# are loaded only when a workbook or the service needs them
# (engine/support/dynlib.h): neither the command nor libchiso.so needs them
# at start-up, `check` and `score -f json` never load them, `-f xlsx` does;
# and a wrong library in their place is an error naming it and the missing
# function, exit 2, with an existing output file left as it was.
set -uo pipefail
chiso="$1" libso="$2" fake_xlsx="$3" fake_mhd="$4"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh"
rules=rules/cap-huyen/ha-tinh-2021.chiso
subs=(fixtures/cap-huyen/submissions/*.json)

# Linked: nothing of the four (ldd lists what is loaded at start-up, transitively).
for f in "$chiso" "$libso"; do
    ldd "$f" > "$work/ldd" 2>&1
    for lib in libxlsxwriter libmicrohttpd libgnutls libcrypto; do
        check "$(basename "$f") does not load $lib at start-up" bash -c "! grep -F '$lib' '$work/ldd' > /dev/null"
    done
    check "$(basename "$f") loads libjansson (ldd works here)" grep -F libjansson "$work/ldd" > /dev/null
done

# Loaded: only by the command that needs it (LD_DEBUG=files names each object opened).
LD_DEBUG=files "$chiso" check "$rules" > /dev/null 2> "$work/check.debug"
check "check opens no libxlsxwriter" bash -c "! grep -F libxlsxwriter '$work/check.debug' > /dev/null"
check "check opens no libmicrohttpd" bash -c "! grep -F libmicrohttpd '$work/check.debug' > /dev/null"
LD_DEBUG=files "$chiso" score -q -f json -o "$work/r.json" "$rules" "${subs[@]}" 2> "$work/score.debug"
check "score -f json opens no libxlsxwriter" bash -c "! grep -F libxlsxwriter '$work/score.debug' > /dev/null"
LD_DEBUG=files "$chiso" score -q -f xlsx -o "$work/r.xlsx" "$rules" "${subs[@]}" 2> "$work/xlsx.debug"
code=$?
check "score -f xlsx: exit 0" test $code -eq 0
check "score -f xlsx opens libxlsxwriter" grep -F "file=libxlsxwriter" "$work/xlsx.debug" > /dev/null
check "score -f xlsx opens no libmicrohttpd" bash -c "! grep -F libmicrohttpd '$work/xlsx.debug' > /dev/null"
check "the workbook is a zip file" bash -c "head -c 2 '$work/r.xlsx' | grep -F PK > /dev/null"

# A wrong library: an error that names it, exit 2, nothing written.
printf 'earlier bytes\n' > "$work/old.xlsx"
LD_LIBRARY_PATH="$fake_xlsx" "$chiso" --lang en score -q -f xlsx -o "$work/old.xlsx" "$rules" "${subs[@]}" \
    > "$work/out" 2> "$work/err"
code=$?
check "wrong libxlsxwriter: exit 2" test $code -eq 2
check "wrong libxlsxwriter: named, with the function" \
    has_err "xlsx output needs the library libxlsxwriter.so."
check "wrong libxlsxwriter: the missing function" has_err "has no function workbook_new_opt"
check "wrong libxlsxwriter: the output file is untouched" test "$(cat "$work/old.xlsx")" = "earlier bytes"
check "wrong libxlsxwriter: nothing on stdout" test ! -s "$work/out"
LD_LIBRARY_PATH="$fake_xlsx" "$chiso" --lang vi score -q -f xlsx -o "$work/new.xlsx" "$rules" "${subs[@]}" \
    > "$work/out" 2> "$work/err"
code=$?
check "wrong libxlsxwriter (vi): exit 2" test $code -eq 2
check "wrong libxlsxwriter (vi): in Vietnamese" has_err "xuất xlsx cần thư viện libxlsxwriter.so."
check "wrong libxlsxwriter (vi): no file made" test ! -e "$work/new.xlsx"

LD_LIBRARY_PATH="$fake_mhd" timeout 20 "$chiso" serve --lang en --port 0 "$rules" > "$work/out" 2> "$work/err"
code=$?
check "wrong libmicrohttpd: serve exits 2" test $code -eq 2
check "wrong libmicrohttpd: named" has_err "chiso serve needs the library libmicrohttpd.so."
check "wrong libmicrohttpd: the missing function" has_err "has no function MHD_start_daemon"
check "wrong libmicrohttpd: never listened" bash -c "! grep -F listening '$work/out' > /dev/null"

echo "lazy libraries: $passed passed, $failed failed"
[ $failed -eq 0 ]
