#!/usr/bin/env bash
# po-update.sh [--merge] [POT] — extracts every message chiso says to people
# (GNU xgettext) into a template, build/chiso.pot by default. With --merge,
# po/vi.po is brought up to date with it (msgmerge): new messages appear
# untranslated, changed ones fuzzy, for a translator to fill in; the test
# i18n.catalogue fails until none is left.
#
# Messages are found where they are made: the functions that take one
# translate their format themselves (diag_add, diag_hint, result_add_error,
# result_add_finding, lex_error, aunit_finding, aunit_error, fail (chiso test), ...), _() marks any other text and N_() a
# constant translated where it is used.
set -euo pipefail
cd "$(dirname "$0")/.."
merge=0
if [ "${1:-}" = --merge ]; then merge=1; shift; fi
pot="${1:-build/chiso.pot}"
mkdir -p "$(dirname "$pot")"
mapfile -t sources < <(find engine grammar -name '*.c' -o -name '*.h' -o -name '*.y' | LC_ALL=C sort)
# The lexer's patterns are not C: xgettext reads a copy with each pattern
# blanked out (lines and columns kept), under the lexer's own name.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/grammar"
for l in grammar/*.l; do
  python3 - "$l" > "$tmp/$l" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^([^\s/#%{}]\S*)(\s+)(\{.*|\|)$", line.rstrip("\n"))
    print(" " * len(m.group(1)) + m.group(2) + m.group(3) if m else line.rstrip("\n"))
PY
  sources+=("$l")
done
xgettext --from-code=UTF-8 --language=C --no-wrap --sort-by-file --add-location=file \
  --package-name=chiso --msgid-bugs-address= \
  -k_ -kN_ -kchiso_ngettext:1,2 \
  -kdiag_add:5 -kdiag_hint:2 -kresult_add_error:2 -kresult_add_finding:4 \
  -klex_error:5 -kexpect:4 -kmisplaced:5 -kaunit_finding:5 -kaunit_error:4 -kfail:3 \
  -D "$tmp" -D . -o "$pot" "${sources[@]}"
if [ $merge = 1 ]; then
  msgmerge --quiet --update --backup=none --no-wrap --add-location=file po/vi.po "$pot"
  msgattrib --no-obsolete --no-wrap -o po/vi.po po/vi.po
fi
