#!/usr/bin/env bash
# fmt_test.sh CHISO — `chiso fmt` end to end.
# 1. Meaning: every *.chiso of rules/ and tests/ is formatted (as written,
#    --keywords en, --keywords vi) in copies of the tree; in each copy every
#    index scores every fixture submission to byte-identical JSON, every plan
#    verifies to byte-identical JSON, every test file passes or fails the
#    same, and `check` finds the same diagnostics (by code). Files with
#    syntax errors are refused and left untouched.
# 2. Idempotence: formatting a formatted tree changes nothing (--check).
# 3. The command: a messy file against its reviewed layout, --check, --diff,
#    -w (atomic: new inode, mode kept), stdin, --stdin-name, errors, usage.
set -uo pipefail
chiso="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(pwd)"
data="tests/fmt/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err

# ---- 1. meaning preserved, in three spellings
copy_tree() { mkdir -p "$1" && cp -r rules tests fixtures "$1"/; }
copy_tree "$work/orig"
find rules tests -name '*.chiso' | sort > "$work/files"
for variant in keep en vi; do
  copy_tree "$work/$variant"
  opt=()
  [ "$variant" != keep ] && opt=(--keywords "$variant")
  "$chiso" fmt -w "${opt[@]}" "$work/$variant/rules" "$work/$variant/tests" 2> "$work/fmt.err"
  # only files that do not parse may be refused, and they stay as they were
  refused=0
  while IFS= read -r f; do
    if grep -qF "$work/$variant/$f not formatted: it has errors" "$work/fmt.err"; then
      refused=$((refused + 1))
      check "$variant: refused $f untouched" cmp -s "$f" "$work/$variant/$f"
    fi
  done < "$work/files"
  check "$variant: only the files with syntax errors are refused ($refused)" test "$refused" -le 3
  check "$variant: every refusal explained" test "$(grep -c 'not formatted' "$work/fmt.err")" -eq "$refused"
done

signature() { # signature TREE: everything the rules mean, as text
  cd "$1" || return
  local files
  mapfile -t files < "$work/files"
  # diagnostics by code (their positions move with the layout)
  "$chiso" check -f json "${files[@]}" 2>/dev/null |
    jq -c '.[] | [.file, .errors, .warnings, [.diagnostics[] | .severity + " " + .code]]'
  : > "$1.verify"
  for f in "${files[@]}"; do
    "$chiso" check -q "$f" > /dev/null 2>&1 || continue
    if grep -qE '^(index|chỉ_số|chi_so) ' "$f"; then
      # the fixtures of its rule set (the examples' for test rules), as JSON results
      set="fixtures/$(basename "$(dirname "$f")")/submissions"
      [ -d "$set" ] || set=fixtures/examples/submissions
      echo "== $f $set"
      # the provenance holds the digest of the rules' bytes, which layout changes
      "$chiso" score -q "$f" "$set" 2>/dev/null | jq -c 'map(del(.provenance))'
      echo "exit ${PIPESTATUS[0]}"
    fi
    if grep -qE '^(plan|kế_hoạch|ke_hoach) ' "$f"; then
      "$chiso" verify -f json "$f" fixtures/plans/actuals 2>/dev/null >> "$1.verify"
      echo "exit $? $f"
      "$chiso" verify -f json "$f" 2>/dev/null >> "$1.verify"
      echo "exit $? $f"
    fi
  done
  # verify reports carry positions, which layout moves
  jq -c 'walk(if type == "object" then with_entries(select(.key != "line" and .key != "column")) else . end)' "$1.verify"
  for t in tests/rules/*.test.json; do
    r=$(ls rules/"$(basename "$t" .test.json)"*/*.chiso rules/examples/"$(basename "$t" .test.json)".chiso 2>/dev/null | head -1)
    [ -n "$r" ] && { "$chiso" test "$r" "$t" 2>&1; echo "exit $?"; }
  done
  cd "$root" || return
}
signature "$work/orig" > "$work/sig.orig"
check "the signature covers scores" grep -q '"percent"' "$work/sig.orig"
check "the signature covers every bundled index" test "$(grep -c '^== rules/' "$work/sig.orig")" -eq 9
check "the signature covers plans" grep -q '"targets"' "$work/sig.orig"
check "the signature covers tests" grep -q '^ok ' "$work/sig.orig"
for variant in keep en vi; do
  signature "$work/$variant" > "$work/sig.$variant"
  check "$variant: every fixture scores identically" cmp -s "$work/sig.orig" "$work/sig.$variant"
  cmp -s "$work/sig.orig" "$work/sig.$variant" || diff "$work/sig.orig" "$work/sig.$variant" | head -20
done

# ---- 2. idempotent
for variant in keep en vi; do
  opt=()
  [ "$variant" != keep ] && opt=(--keywords "$variant")
  "$chiso" fmt --check "${opt[@]}" "$work/$variant/rules" > "$work/out" 2>&1
  check "$variant: formatting again changes nothing" test $? -eq 0
done
check "the bundled rules are formatted" "$chiso" fmt --check rules
run fmt --keywords en "$work/en/rules/cap-huyen/ha-tinh-2021.chiso"
check "--keywords en: no Vietnamese keyword left" bash -c "! grep -qE '^ *(tiêu_chí|mức|giá_trị|lĩnh_vực|căn_cứ) ' '$work/out'"
check "--keywords en: strings untouched" has_out '"Tối thiểu 98% hồ sơ TTHC được giải quyết trước và đúng hạn"'
check "--keywords en: policy words" has_out "policy not_applicable = full"

# ---- 3. the command
run fmt "$data/messy.chiso"
check "messy: exit 0" test $code -eq 0
check "messy: the reviewed layout" cmp -s "$work/out" "$data/messy.expected.chiso"
run fmt --keywords en "$data/messy.chiso"
check "messy in English" cmp -s "$work/out" "$data/messy.en.chiso"
check "messy: comments kept" test "$(grep -c '#' "$work/out")" -eq 4
run fmt --keywords vi "$data/messy.en.chiso"
check "back to Vietnamese" has_out "quy_tắc không_phát_sinh = đủ_điểm"
check "back to Vietnamese: names untouched" has_out 'giá_trị ratio(`hồ sơ`.đúng_hạn, `hồ sơ`.tổng)'
check "back to Vietnamese: strings untouched" has_out '"Chỉ số thử: index, band, total"'
run fmt --keywords en "$data/declarations.chiso"
check "declarations in English: kinds, from, to, required" cmp -s "$work/out" "$data/declarations.en.chiso"
check "declarations in English: a metric named like a kind untouched" has_out 'metric dem       "Một số liệu tên là dem"      count'
check "declarations in English: a constraint's metric untouched" has_out '    >= dem'
run fmt --keywords vi "$data/declarations.en.chiso"
check "declarations back to Vietnamese" has_out 'số_liệu kho.số    "Số hàng trong kho (từ, đến)" số "cái" từ 0 đến 100 bắt_buộc'
check "declarations back to Vietnamese: ratio is tỷ_lệ" has_out '"Tỷ lệ"                       tỷ_lệ'
run check --strict "$data/declarations.en.chiso"
check "declarations in English check clean" test $code -eq 0

run fmt - < "$data/messy.chiso"
check "stdin: exit 0" test $code -eq 0
check "stdin: same layout" cmp -s "$work/out" "$data/messy.expected.chiso"
run fmt --check "$data/messy.chiso" "$data/messy.expected.chiso"
check "--check: exit 1" test $code -eq 1
check "--check: names the file to format" test "$(cat "$work/out")" = "$data/messy.chiso"
run fmt --check "$data/messy.expected.chiso"
check "--check of a formatted file: exit 0, silent" test $code -eq 0 -a ! -s "$work/out"
run fmt --diff "$data/messy.chiso"
check "--diff: exit 1" test $code -eq 1
check "--diff: unified diff" has_out "+++ $data/messy.chiso (formatted)"
check "--diff: a changed line" has_out "+  quy_tắc không_phát_sinh = đủ_điểm"
run fmt --diff "$data/messy.expected.chiso"
check "--diff of a formatted file: exit 0, empty" test $code -eq 0 -a ! -s "$work/out"

cp "$data/messy.chiso" "$work/w.chiso"
chmod 640 "$work/w.chiso"
ino_before=$(stat -c %i "$work/w.chiso")
run fmt -w "$work/w.chiso"
check "-w: exit 0, nothing on stdout" test $code -eq 0 -a ! -s "$work/out"
check "-w: rewritten" cmp -s "$work/w.chiso" "$data/messy.expected.chiso"
check "-w: mode kept" test "$(stat -c %a "$work/w.chiso")" = 640
check "-w: replaced by rename (new inode)" test "$(stat -c %i "$work/w.chiso")" != "$ino_before"
check "-w: no temporary file left" test "$(ls "$work" | grep -c 'w.chiso')" -eq 1
ln -s w.chiso "$work/link.chiso"
cp "$data/messy.chiso" "$work/w.chiso"
run fmt -w "$work/link.chiso"
check "-w through a symbolic link: the link stays" test -L "$work/link.chiso"
check "-w through a symbolic link: the file is formatted" cmp -s "$work/w.chiso" "$data/messy.expected.chiso"
mkdir "$work/ro" && cp "$data/messy.chiso" "$work/ro/" && chmod 555 "$work/ro"
if [ "$(id -u)" -ne 0 ]; then
  run fmt -w "$work/ro/messy.chiso"
  check "-w in a read-only directory: exit 2" test $code -eq 2
  check "-w in a read-only directory: the file is untouched" cmp -s "$work/ro/messy.chiso" "$data/messy.chiso"
fi
chmod 755 "$work/ro"

# -w on a FIFO: refused before anything is read, the FIFO left as it is
mkfifo "$work/fifo.chiso"
run fmt -w "$work/fifo.chiso"
check "-w on a FIFO: exit 2" test $code -eq 2
check "-w on a FIFO: said so" has_err "chiso fmt: -w cannot rewrite $work/fifo.chiso: not a regular file"
check "-w on a FIFO: still a FIFO" test -p "$work/fifo.chiso"
rm -f "$work/fifo.chiso"

printf 'index "x" {\n  total 1\n  field 1 "a" max {\n  }\n}\n' > "$work/bad.chiso"
cp "$work/bad.chiso" "$work/bad.orig"
run fmt -w "$work/bad.chiso"
check "syntax error: exit 1" test $code -eq 1
check "syntax error: position" has_err "$work/bad.chiso:3:19: error: unexpected '{', expected number"
check "syntax error: file untouched" cmp -s "$work/bad.chiso" "$work/bad.orig"
run fmt --stdin-name quy-tac.chiso - < "$work/bad.chiso"
check "--stdin-name in messages" has_err "quy-tac.chiso:3:19: error:"
run fmt --check "$work/bad.chiso"
check "--check of a broken file: exit 1" test $code -eq 1
printf 'index "x" { total 1 "stray \xff" }\n' > "$work/utf.chiso"
run fmt "$work/utf.chiso"
check "invalid UTF-8: exit 1" test $code -eq 1
check "invalid UTF-8: position" has_err "utf.chiso:1:"
run fmt "$work/none.chiso"
check "missing file: exit 2" test $code -eq 2
check "missing file: named" has_err "cannot read $work/none.chiso"
run fmt --keywords fr "$data/messy.chiso"
check "--keywords fr: exit 2" test $code -eq 2
run fmt -w -
check "-w of stdin: exit 2" test $code -eq 2
run fmt -w --check "$data/messy.chiso"
check "-w with --check: exit 2" test $code -eq 2
run fmt --check "$data"
check "a directory: every *.chiso below, sorted" test "$(cat "$work/out" | tr '\n' ' ')" = "$data/columns.chiso $data/messy.chiso "
mkdir "$work/empty"
run fmt "$work/empty"
check "a directory without rules: exit 2" test $code -eq 2
printf 'index "x" {\n  total 0 # nothing\n\n\n}\n' > "$work/c.chiso"
run fmt "$work/c.chiso"
check "comment after code, blank lines before } dropped" test "$(cat "$work/out")" = "$(printf 'index "x" {\n  total 0  # nothing\n}')"
printf 'plan "p" {\n  target T1 "t" field f\n  a.b / a.c >= -5%%\n  target T2 "u" x >= 1 source "s"\n}\n' > "$work/p.chiso"
run fmt "$work/p.chiso"
check "continuation lines, statements split, unary minus" test "$(cat "$work/out")" = "$(printf 'plan "p" {\n  target T1 "t" field f\n      a.b / a.c >= -5%%\n  target T2 "u" x >= 1\n  source "s"\n}')"
run fmt "$data/columns.chiso"
check "columns: strings and what follows them aligned in runs of one keyword" cmp -s "$work/out" "$data/columns.expected.chiso"
run help fmt
check "help fmt" has_out "Usage: chiso fmt"

echo "fmt: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
