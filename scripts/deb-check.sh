#!/usr/bin/env bash
# deb-check.sh [BUILD_DIR] — the Debian package as a Debian user meets it:
# builds it with cpack, installs it with dpkg (apt resolving its
# dependencies), then from an empty directory runs the installed command
# (--version, man pages, scoring the 13 Hà Tĩnh districts with the bundled
# rules, Vietnamese messages), the installed Python binding and docs/
# library.md's example built with pkg-config against /usr, compares each
# with the build tree's own results, and removes the package again.
# Needs root (dpkg -i); .ci/run calls it after scripts/test.sh.
set -uo pipefail
# (Under pipefail, `cmd | grep -q` fails when grep stops reading at its
# first match and cmd dies of SIGPIPE: matches go to /dev/null instead.)
cd "$(dirname "$0")/.."
src=$PWD
build=$(realpath "${1:-build}")
[ "$(id -u)" -eq 0 ] || { echo "deb-check: installing a package needs root" >&2; exit 2; }
if dpkg-query -W -f='${Status}' chiso 2>/dev/null | grep "install ok installed" > /dev/null; then
    echo "deb-check: a chiso package is installed already; not replacing it" >&2
    exit 2
fi
work=$(mktemp -d)
installed=0
cleanup() {
    [ $installed -eq 1 ] && dpkg --purge chiso > /dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

(cd "$build" && cpack -G DEB -B "$work/deb" > "$work/cpack.log" 2>&1) || { tail -20 "$work/cpack.log"; bad "cpack -G DEB"; exit 1; }
deb=$(ls "$work"/deb/*.deb | head -1)
echo "deb-check: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"
apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "$deb" > "$work/apt.log" 2>&1 ||
    { tail -20 "$work/apt.log"; bad "the package does not install"; exit 1; }
installed=1

cd "$work"
[ "$(command -v chiso)" = /usr/bin/chiso ] || bad "chiso is not /usr/bin/chiso: $(command -v chiso)"
[ "$(chiso --version)" = "$("$build/chiso" --version)" ] || bad "chiso --version: $(chiso --version)"
[ "$(man -w chiso 2>/dev/null)" = /usr/share/man/man1/chiso.1.gz ] || bad "man -w chiso: $(man -w chiso 2>&1)"
MANWIDTH=80 man chiso 2> /dev/null | grep "chiso score" > /dev/null || bad "man chiso shows no chiso score"
MANWIDTH=80 man 5 chiso-rules 2> /dev/null | grep -i "tiêu_chí" > /dev/null || bad "man 5 chiso-rules shows no tiêu_chí"
for f in /usr/share/doc/chiso/copyright /usr/share/doc/chiso/changelog.gz /usr/share/bash-completion/completions/chiso \
         /usr/share/locale/vi/LC_MESSAGES/chiso.mo /usr/include/chiso.h; do
    [ -f "$f" ] || bad "$f not installed"
done

# Scoring with the installed rules, found by name from an empty directory.
norm='del(.file) | .provenance |= del(.rules, .scored_at, .includes)'
subs=(/usr/share/chiso/fixtures/cap-huyen/submissions/*.json)
chiso --lang vi score -q -f ndjson cap-huyen/ha-tinh-2021.chiso "${subs[@]}" | jq -cS "$norm" > installed.ndjson
(cd "$src" && "$build/chiso" --lang vi score -q -f ndjson rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/*.json) |
    jq -cS "$norm" > build.ndjson
[ "$(wc -l < installed.ndjson)" -eq 13 ] || bad "the installed command scored $(wc -l < installed.ndjson) districts"
cmp -s installed.ndjson build.ndjson || bad "the installed command scores otherwise than the build"
# libxlsxwriter is opened only for a workbook (dlopen): the package must depend on it.
dpkg-deb -f "$deb" Depends | grep -E "libxlsxwriter.*libmicrohttpd|libmicrohttpd.*libxlsxwriter" > /dev/null ||
    bad "the package does not depend on libxlsxwriter and libmicrohttpd: $(dpkg-deb -f "$deb" Depends)"
chiso --lang vi score -q -f xlsx -o installed.xlsx cap-huyen/ha-tinh-2021.chiso "${subs[@]}" 2> xlsx.err ||
    bad "the installed command writes no workbook: $(cat xlsx.err)"
[ "$(head -c 2 installed.xlsx 2> /dev/null)" = PK ] || bad "the installed command's workbook is not a zip file"
chiso --lang vi check no-such.chiso 2> missing.err
grep -q "no-such.chiso" missing.err || bad "no message naming a missing rules file"
printf 'index "x" {\n  total 10\n  field 1 "f" max 10 { criterion 1.1 "c" max 5 { score a } }\n}\n' > bad.chiso
chiso --lang vi check bad.chiso 2> bad.err
grep -q "bad.chiso:3:19: lỗi" bad.err || bad "the installed catalogue is not used: $(head -1 bad.err)"

# The Python binding, as installed (no PYTHONPATH, no LD_LIBRARY_PATH).
# Debian's python3, which reads /usr/lib/python3/dist-packages
PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 - "${subs[@]}" > python.ndjson <<'PY' || bad "the installed Python binding does not score"
import sys
import chiso
found = chiso.find_rules("cap-huyen/ha-tinh-2021.chiso")
assert found == "/usr/share/chiso/rules/cap-huyen/ha-tinh-2021.chiso", found
rules = chiso.Rules(found)
text, failed = rules.score_batch_text([open(p, encoding="utf-8").read() for p in sys.argv[1:]])
sys.stdout.write(text)
PY
jq -cS "$norm" python.ndjson > python.n
cmp -s python.n build.ndjson || bad "the installed Python binding scores otherwise than the command"

# docs/library.md's example against /usr, with pkg-config.
cc -o example "$src/tests/library/rank_example.c" $(pkg-config --cflags --libs chiso) || bad "the example does not build"
./example /usr/share/chiso/rules/cap-huyen/ha-tinh-2021.chiso "${subs[@]}" > example.tsv
(cd "$src" && "$build/tests/rank_example" rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/*.json) > want.tsv
[ "$(wc -l < example.tsv)" -eq 13 ] && cmp -s example.tsv want.tsv || bad "the example built against /usr ranks otherwise"

dpkg --purge chiso > /dev/null 2>&1 || bad "dpkg --purge chiso"
installed=0
[ ! -e /usr/bin/chiso ] && ! dpkg-query -W chiso > /dev/null 2>&1 && ! ls /usr/lib/*/libchiso.so.1 > /dev/null 2>&1 || bad "files left after dpkg --purge"
[ $fail -eq 0 ] && echo "deb-check: ok — installed with dpkg, the command, man pages, Python and C scored the 13 districts alike, removed cleanly"
exit $fail
