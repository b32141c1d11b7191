#!/usr/bin/env bash
# symbols_test.sh LIBCHISO_SO LIBCHISO_A — what libchiso exports: the .so
# exactly the functions the public headers declare (all chiso_*, under the
# version node CHISO_<ABI>) and its SONAME; the .a no global symbol but
# chiso_* (not even the parser's chiso_yy*); neither calls exit().
set -uo pipefail
# (Under pipefail, `cmd | grep -q` fails when grep stops reading at its
# first match and cmd dies of SIGPIPE: matches go to /dev/null instead.)
so="$1"
archive="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
abi=$(sed -n 's/^#define CHISO_ABI_VERSION \([0-9]*\)$/\1/p' include/chiso.h)

grep -ohE '\bchiso_[a-z_0-9]+\(' include/chiso*.h | tr -d '(' | sort -u > "$work/declared"
nm -D --defined-only "$so" | awk '$2 != "A" {print $3}' | sed 's/@.*//' | sort -u > "$work/exported"
echo "libchiso.so exports $(wc -l < "$work/exported") symbols:"
column -c 100 "$work/exported" 2>/dev/null || cat "$work/exported"
if ! cmp -s "$work/declared" "$work/exported"; then
    echo "FAIL: exported symbols differ from the public headers' functions (< declared only, > exported only):"
    diff "$work/declared" "$work/exported"
    fail=1
fi
bad=$(nm -D --defined-only "$so" | awk '$2 != "A" {print $3}' | grep -v "@@CHISO_$abi\$" || true)
[ -z "$bad" ] || { echo "FAIL: symbols outside the version node CHISO_$abi: $bad"; fail=1; }
soname=$(objdump -p "$so" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = "libchiso.so.$abi" ] || { echo "FAIL: SONAME '$soname', expected libchiso.so.$abi"; fail=1; }

nm -g --defined-only "$archive" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u > "$work/archive"
stray=$(grep -v '^chiso_' "$work/archive" | head -20)
[ -z "$stray" ] || { echo "FAIL: global symbols in libchiso.a not named chiso_*:"; echo "$stray"; fail=1; }
grep -q '^chiso_yy' "$work/archive" && { echo "FAIL: the parser's symbols are global in libchiso.a"; fail=1; }
cmp -s "$work/declared" "$work/archive" || { echo "FAIL: libchiso.a's globals differ from the public functions"; diff "$work/declared" "$work/archive" | head; fail=1; }

for lib in "$so" "$archive"; do
    if nm -u "$lib" 2>/dev/null | awk '{print $2}' | grep -E '^(exit|_exit|quick_exit)(@.*)?$' > /dev/null; then
        echo "FAIL: $(basename "$lib") calls exit()"
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "ok: only the public chiso_* functions are global, SONAME $soname, no exit()"
exit $fail
