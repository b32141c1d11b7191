#!/usr/bin/env bash
# hardening_test.sh CHISO GEN_SUBMISSIONS — hostile files, failing disks and
# outputs: nothing lost, nothing hangs, nothing reaches outside. Every case
# names the exit code and the message it expects. Hangs are caught by
# `timeout` (exit 124). The full disk is a small tmpfs mounted in a private
# mount namespace (unshare -m, as root); where that cannot be done the
# cases say so with a visible SKIP line. Devices are made in the work directory, never /dev itself.
set -uo pipefail
chiso="$(realpath "$1")"
gen="$(realpath "$2")"
rules=rules/examples/huyen-mini.chiso
district=rules/cap-huyen/ha-tinh-2021.chiso
sub=fixtures/examples/submissions/ductho.json
work="$(mktemp -d)"
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
run() { # run ARGS...: sets $code, $work/out, $work/err; 10 s at most
  timeout 10 "$chiso" "$@" > "$work/out" 2> "$work/err" < /dev/null
  code=$?
}
units() { jq length "$work/out" 2>/dev/null || echo -1; }

# --- 1. A full temporary disk never drops units silently
can_mount=false
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null &&
   unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$work' && umount '$work'" 2>/dev/null; then
  can_mount=true
fi
"$gen" "$rules" 1500 5 > "$work/batch.ndjson"
if $can_mount; then
  for fmt in json ndjson text html; do
    mkdir -p "$work/small"
    timeout 60 unshare -m sh -c "mount -t tmpfs -o size=256k tmpfs '$work/small' &&
      TMPDIR='$work/small' '$chiso' score -q -j 2 -f $fmt '$rules' - < '$work/batch.ndjson' > '$work/out' 2> '$work/err'"
    code=$?
    check "full spool disk ($fmt): exit 2" test $code -eq 2
    check "full spool disk ($fmt): says why" has_err "cannot write the temporary file in $work/small: No space left on device"
    check "full spool disk ($fmt): no output" test ! -s "$work/out"
  done
  # The same batch with room: all 3000 units.
  timeout 60 unshare -m sh -c "mount -t tmpfs -o size=64m tmpfs '$work/small' &&
    TMPDIR='$work/small' '$chiso' score -q -j 2 -f ndjson '$rules' - < '$work/batch.ndjson' > '$work/out' 2> '$work/err'"
  check "spool with room: every unit" test "$(wc -l < "$work/out")" -eq 1500
  # -o on a full disk: the temporary file cannot be written out.
  timeout 60 unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$work/small' &&
    '$chiso' score -q -o '$work/small/out.json' '$rules' - < '$work/batch.ndjson' 2> '$work/err';
    echo \$? > '$work/code'; ls -A '$work/small' > '$work/left'"
  check "-o on a full disk: exit 2" test "$(cat "$work/code")" -eq 2
  check "-o on a full disk: says why" has_err "No space left on device"
  check "-o on a full disk: no file, no temporary" test ! -s "$work/left"
else
  echo "SKIP: full spool disk (needs root and unshare -m to mount a small tmpfs)"
fi
TMPDIR="$work/missing" timeout 10 "$chiso" score -q "$rules" "$sub" > "$work/out" 2> "$work/err"
code=$?
check "spool dir missing: exit 2" test $code -eq 2
check "spool dir missing: names TMPDIR's dir" has_err "cannot create a temporary file in $work/missing"
# The spool is made in TMPDIR (and unlinked at once): an unwritable TMPDIR is an error.
mkdir -p "$work/tmpdir"
TMPDIR="$work/tmpdir" timeout 10 "$chiso" score -q "$rules" "$sub" > "$work/out"
check "spool in TMPDIR: scored" test "$(units)" -eq 1
check "spool in TMPDIR: nothing left behind" test -z "$(ls -A "$work/tmpdir")"

# --- 2. chiso_rank_ex on results in error: see tests/library/example_test.sh

# --- 3. A FIFO hangs nothing
mkdir -p "$work/fifo/sub"
cp "$sub" "$work/fifo/sub/a.json"
mkfifo "$work/fifo/sub/b.json"
run score -q "$rules" "$work/fifo/sub"
check "FIFO in a directory: no hang, exit 3" test $code -eq 3
check "FIFO in a directory: its error result" test "$(jq -r '.[] | select(.file | endswith("b.json")) | .errors[0]' "$work/out")" = "cannot read: a FIFO, not a regular file"
check "FIFO in a directory: the rest scored" test "$(jq '[.[] | select(.status == "ok")] | length' "$work/out")" -eq 1
run score -q "$rules" "$work/fifo/sub/b.json"
check "FIFO named: no hang, exit 3" test $code -eq 3
run explain "$rules" "$work/fifo/sub/b.json"
check "FIFO explain: no hang" test $code -ne 124
run verify rules/plans/ha-tinh-2021.chiso "$work/fifo/sub/b.json"
check "FIFO verify actuals: no hang" test $code -ne 124
mkfifo "$work/fifo/inc.chiso"
printf 'include "inc.chiso"\n' > "$work/fifo/top.chiso"
cat "$rules" >> "$work/fifo/top.chiso"
run check "$work/fifo/top.chiso"
check "FIFO include: no hang, exit 1" test $code -eq 1
check "FIFO include: positioned error" has_err "top.chiso:1:9: error: cannot include \"inc.chiso\": a FIFO, not a regular file"
mkfifo "$work/fifo/parent.chiso"
cp rules/plans/so-lieu-ke-hoach.chiso "$work/fifo/" 2>/dev/null
sed 's/cấp_trên "ha-tinh-2021.chiso"/cấp_trên "parent.chiso"/' rules/plans/duc-tho-2021.chiso > "$work/fifo/child.chiso"
run verify "$work/fifo/child.chiso"
check "FIFO parent: no hang, exit 2" test $code -eq 2
check "FIFO parent: says what it is" has_err "parent.chiso: a FIFO, not a rules file"

# --- 10. A plan's parent is confined like an include
mkdir -p "$work/plans"
cp rules/plans/so-lieu-ke-hoach.chiso "$work/plans/" 2>/dev/null
cp rules/plans/so-lieu-ke-hoach.chiso "$work/" 2>/dev/null
pline="$(grep -n 'cấp_trên "ha-tinh-2021.chiso"' rules/plans/duc-tho-2021.chiso | cut -d: -f1)"
sed 's|cấp_trên "ha-tinh-2021.chiso"|cấp_trên "/etc/passwd"|' rules/plans/duc-tho-2021.chiso > "$work/plans/abs.chiso"
sed 's|cấp_trên "ha-tinh-2021.chiso"|cấp_trên "../outside.chiso"|' rules/plans/duc-tho-2021.chiso > "$work/plans/up.chiso"
cp rules/plans/ha-tinh-2021.chiso "$work/outside.chiso"
run check "$work/plans/abs.chiso"
check "parent outside: check exit 1" test $code -eq 1
check "parent outside: positioned error" has_err "abs.chiso:$pline:12: error: parent plan \"/etc/passwd\" is outside the rules directory"
run verify "$work/plans/abs.chiso"
check "parent outside: verify exit 2" test $code -eq 2
check "parent outside: nothing of the file echoed" bash -c "! grep -q root: '$work/err'"
run verify "$work/plans/up.chiso"
check "parent above: verify exit 2" test $code -eq 2
check "parent above: refused" has_err "parent plan \"../outside.chiso\" is outside the rules directory"
grep -v 'cấp_trên "ha-tinh-2021.chiso"' rules/plans/duc-tho-2021.chiso > "$work/plans/none.chiso"
run verify --against "$work/outside.chiso" "$work/plans/none.chiso"
check "parent elsewhere by --against: compared" test $code -ne 2
check "parent elsewhere by --against: report" has_out "Kế hoạch CCHC tỉnh Hà Tĩnh năm 2021"
cp rules/plans/ha-tinh-2021.chiso "$work/plans/ha-tinh-2021.chiso"
cp rules/plans/duc-tho-2021.chiso "$work/plans/inside.chiso"
run verify "$work/plans/inside.chiso"
check "parent inside: verified" test $code -ne 2

# --- 11. Hard links: one file included once
mkdir -p "$work/hl"
cp "$rules" "$work/hl/common.chiso"
ln "$work/hl/common.chiso" "$work/hl/same.chiso"
printf 'include "common.chiso"\ninclude "same.chiso"\n' > "$work/hl/top.chiso"
run check "$work/hl/top.chiso"
check "hard links: loaded once, clean" test $code -eq 0

# --- 11. A BOM before a submission, a mistyped date, negative counts
{ printf '\xEF\xBB\xBF'; cat "$sub"; } > "$work/bom.json"
run score -q "$rules" "$work/bom.json"
check "BOM before a submission: exit 0" test $code -eq 0
check "BOM before a submission: scored" test "$(jq -r '.[0].status' "$work/out")" = ok
printf '\xEF\xBB\xBF%s\n' "$(jq -c . "$sub")" | timeout 10 "$chiso" score -q "$rules" - > "$work/out"
check "BOM before a stdin line: scored" test "$(jq -r '.[0].status' "$work/out")" = ok
dline="$(grep -n '2019-12-31' rules/cap-so/dak-nong-y-te-2020.chiso | head -1 | cut -d: -f1)"
dcol="$(grep -m1 '2019-12-31' rules/cap-so/dak-nong-y-te-2020.chiso | sed 's/2019-12-31.*//' | wc -m)"
cp rules/cap-so/*.chiso "$work/" 2>/dev/null
sed "${dline}s/2019-12-31/2019-1-5/" rules/cap-so/dak-nong-y-te-2020.chiso > "$work/date.chiso"
run check "$work/date.chiso"
check "date 2019-1-5: exit 1" test $code -eq 1
check "date 2019-1-5: positioned error" has_err "date.chiso:$dline:$dcol: error: date '2019-1-5' needs two-digit month and day: 2019-01-05"
# (rules without declared ranges: declared counts make a negative one an error)
printf 'index "n" {\n  total 10\n  field 1 "f" max 10 {\n    criterion 1.1 "c" max 10 {\n      value ratio(dossiers.on_time, dossiers.total)\n      band >= 98%% -> 10\n      band otherwise -> 0\n    }\n  }\n}\n' > "$work/neg.chiso"
printf '{"unit": {"id": "u"}, "metrics": {"dossiers": {"total": -12000, "on_time": -11820}}}' > "$work/neg.json"
run score -q "$work/neg.chiso" "$work/neg.json"
check "negative counts: findings" test "$(jq -r '[.[0].findings[] | select(.kind == "negative_count")] | length' "$work/out")" -eq 2
check "negative counts: named" has_out "the denominator of the ratio is negative (-12000)"

# --- 11. Two indexes of one name are an error
{ cat "$rules"; cat "$rules"; } > "$work/twice.chiso"
run check "$work/twice.chiso"
check "index twice: exit 1" test $code -eq 1
check "index twice: positioned" has_err "twice.chiso:$(( $(wc -l < "$rules") + $(grep -n '^index' "$rules" | head -1 | cut -d: -f1) )):1: error: a second index named"


# A read that fails (EIO): an error result, the rest scored.
mkdir -p "$work/eio"
cp "$sub" "$work/eio/a.json"
ln -s /proc/self/mem "$work/eio/b.json"
run score -q "$rules" "$work/eio"
check "read error: exit 3" test $code -eq 3
check "read error: its error result" test "$(jq -r '.[1].errors[0]' "$work/out")" = "read error: Input/output error"
check "read error: the rest scored" test "$(jq -r '.[0].status' "$work/out")" = ok

# --- 4. Symbolic links: each real file once, loops end
mkdir -p "$work/links/d"
cp "$sub" "$work/links/d/a.json"
ln -s . "$work/links/d/self"
ln -s .. "$work/links/d/up"
ln -s a.json "$work/links/d/b.json"
run score -q "$rules" "$work/links"
check "link loops: no hang, exit 0" test $code -eq 0
check "link loops: the file scored once" test "$(units)" -eq 1
check "link loops: by its first path" test "$(jq -r '.[0].file' "$work/out")" = "$work/links/d/a.json"
ln -s /nonexistent "$work/links/d/gone.json"
run score -q "$rules" "$work/links"
check "dangling link: exit 3" test $code -eq 3
check "dangling link: its error result" test "$(jq -r '.[] | select(.file | endswith("gone.json")) | .errors[0]' "$work/out")" = "cannot read: No such file or directory"

# --- 5. An unreadable directory is an error, not skipped (root reads anything: a directory without x is still unreadable as non-root only)
mkdir -p "$work/perm/a" "$work/perm/b"
cp "$sub" "$work/perm/a/x.json"
cp "$sub" "$work/perm/b/y.json"
chmod 000 "$work/perm/b"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  # The unprivileged user gets its own copies of the program and the rules:
  # the checkout may sit below a directory only root may enter.
  mkdir -p "$work/nobody"
  cp "$chiso" "$work/nobody/chiso"; cp "$rules" "$work/nobody/rules.chiso"
  chmod 755 "$work" "$work/perm" "$work/perm/a" "$work/nobody" "$work/nobody/chiso"
  chmod 644 "$work/perm/a/x.json" "$work/nobody/rules.chiso"
  timeout 10 setpriv --reuid=65534 --regid=65534 --clear-groups "$work/nobody/chiso" score -q "$work/nobody/rules.chiso" "$work/perm" > "$work/out" 2> "$work/err" < /dev/null
  code=$?
else
  run score -q "$rules" "$work/perm"
fi
check "unreadable directory: exit 3" test $code -eq 3
check "unreadable directory: its error result" test "$(jq -r '.[] | select(.status == "error") | .errors[0]' "$work/out")" = "cannot read the directory: Permission denied"
check "unreadable directory: the rest scored" test "$(jq '[.[] | select(.status == "ok")] | length' "$work/out")" -eq 1
chmod 755 "$work/perm/b"

# --- 6. -o: through links, devices directly, refusals, long names, signals
mkdir -p "$work/o"
touch "$work/o/real.json"
ln -s real.json "$work/o/link.json"
run score -q -o "$work/o/link.json" "$rules" "$sub"
check "-o link: exit 0" test $code -eq 0
check "-o link: still a link" test -L "$work/o/link.json"
check "-o link: target written" test "$(jq length "$work/o/real.json")" -eq 1
# Devices of our own (never /dev/null itself: a chiso that replaced its
# output would replace the machine's): a null and a full device, and a
# link to standard output, made in the work directory.
if mknod -m 666 "$work/o/null" c 1 3 2>/dev/null && mknod -m 666 "$work/o/full" c 1 7 2>/dev/null; then
  run score -q -o "$work/o/null" "$rules" "$sub"
  check "-o a null device: exit 0" test $code -eq 0
  check "-o a null device: still a device" test -c "$work/o/null"
  run score -q -o "$work/o/full" "$rules" "$sub"
  check "-o a full device: exit 2" test $code -eq 2
  check "-o a full device: says why" has_err "No space left on device"
  check "-o a full device: still a device" test -c "$work/o/full"
  full="$work/o/full"
else
  echo "SKIP: -o to a device node (mknod needs root)"
  full=/dev/full
fi
ln -s /proc/self/fd/1 "$work/o/stdout"
timeout 10 "$chiso" score -q -o "$work/o/stdout" "$rules" "$sub" > "$work/stdout.json"
check "-o a link to stdout: written through" test "$(jq length "$work/stdout.json")" -eq 1
check "-o a link to stdout: still a link" test -L "$work/o/stdout"
echo keep > "$work/o/ro.json"
chmod 444 "$work/o/ro.json"
if [ "$(id -u)" -ne 0 ]; then
  run score -q -o "$work/o/ro.json" "$rules" "$sub"
  check "-o read-only file: exit 2" test $code -eq 2
  check "-o read-only file: kept" test "$(cat "$work/o/ro.json")" = keep
else # root may write anything with `>`; as another user it may not
  chmod 777 "$work/o"
  mkdir -p "$work/nobody"
  cp "$chiso" "$work/nobody/chiso"; cp "$rules" "$work/nobody/rules.chiso"; cp "$sub" "$work/nobody/sub.json"
  chmod 755 "$work" "$work/nobody" "$work/nobody/chiso"; chmod 644 "$work/nobody/rules.chiso" "$work/nobody/sub.json"
  timeout 10 setpriv --reuid=65534 --regid=65534 --clear-groups "$work/nobody/chiso" score -q -o "$work/o/ro.json" "$work/nobody/rules.chiso" "$work/nobody/sub.json" > /dev/null 2> "$work/err"
  code=$?
  check "-o another's read-only file: exit 2" test $code -eq 2
  check "-o another's read-only file: Permission denied" has_err "ro.json': Permission denied"
  check "-o another's read-only file: kept" test "$(cat "$work/o/ro.json")" = keep
fi
chmod 640 "$work/o/real.json"
run score -q -o "$work/o/real.json" "$rules" "$sub"
check "-o replaced file keeps its mode" test "$(stat -c %a "$work/o/real.json")" = 640
long="$work/o/$(printf 'a%.0s' $(seq 245)).json"
run score -q -o "$long" "$rules" "$sub"
check "-o a 250-byte name: exit 0" test $code -eq 0
check "-o a 250-byte name: written" test "$(jq length "$long")" -eq 1
check "-o leaves no temporary file" test -z "$(ls -A "$work/o" | grep -v -e '^real.json$' -e '^link.json$' -e '^ro.json$' -e '^aaaa' -e '^null$' -e '^full$' -e '^stdout$')"
# A signal in the middle of a batch: standard input is a FIFO kept open
# after 1 500 units, so the batch is surely under way and waiting.
mkfifo "$work/feed"
for sig in INT TERM; do
  { cat "$work/batch.ndjson"; exec sleep 20; } > "$work/feed" 2> /dev/null &
  feeder=$!
  env --default-signal=INT "$chiso" score -q -j 2 -f text -o "$work/o/killed.txt" "$rules" - < "$work/feed" > /dev/null 2>&1 &
  pid=$!
  sleep 2
  check "SIG$sig in a batch: still running before the signal" kill -0 $pid
  kill -s $sig $pid
  wait $pid
  code=$?
  kill $feeder 2>/dev/null
  wait $feeder 2>/dev/null
  check "SIG$sig in a batch: killed by it" test $code -gt 128
  check "SIG$sig in a batch: no output, no temporary file" test -z "$(ls -A "$work/o" | grep -e killed -e '^\.chiso')"
done

# --- 7. Write errors of check --format json and score -f text
timeout 10 "$chiso" check -f json "$rules" > "$full" 2> "$work/err"
code=$?
check "check json to a full disk: exit 2" test $code -eq 2
check "check json to a full disk: says so" has_err "cannot write the standard output: No space left on device"
timeout 10 "$chiso" score -q -f text "$rules" "$sub" > "$full" 2> "$work/err"
code=$?
check "score text to a full disk: exit 2" test $code -eq 2
check "score text to a full disk: says so" has_err "No space left on device"

# --- 8. Standard input: the same cap as files; a read error is not the end
"$chiso" score -q "$rules" - <&- > "$work/out" 2> "$work/err"
code=$?
check "closed stdin: exit 2" test $code -eq 2
check "closed stdin: says so" has_err "cannot read standard input (after line 0): Bad file descriptor"
check "closed stdin: no output" test ! -s "$work/out"
{ head -c 270000000 /dev/zero | tr '\0' ' '; echo; cat "$sub" | jq -c .; } |
  timeout 60 "$chiso" score -q "$rules" - > "$work/out" 2> "$work/err"
code=$?
check "huge stdin line: exit 3" test $code -eq 3
check "huge stdin line: error result like a file's" test "$(jq -r '.[0].errors[0]' "$work/out")" = "larger than 256 MiB"
check "huge stdin line: the next line scored" test "$(jq -r '.[1].status' "$work/out")" = ok
truncate -s 270000000 "$work/huge.json"
run score -q "$rules" "$work/huge.json"
check "huge file: the same error" test "$(jq -r '.[0].errors[0]' "$work/out")" = "larger than 256 MiB"

# --- 9. Untrusted strings reach neither Excel formulas nor terminals raw
mkdir -p "$work/evil"
jq '.unit.name = "=HYPERLINK(\"http://x\")" | .unit.id = "\u001b]0;pwned\u0007id\r" | .unit.level = "@SUM(1)"' "$sub" > "$work/evil/a.json"
jq '.unit.name = "+1" | .unit.id = "-2"' "$sub" > "$work/evil/b.json"
cp "$work/evil/a.json" "$work/evil/c.json"
run score -q -f csv --decimal-point "$rules" "$work/evil"
check "csv: = becomes text" has_out "\"'=HYPERLINK(\"\"http://x\"\")\""
check "csv: @ becomes text" has_out ",'@SUM(1),"
check "csv: + and - become text" has_out "'-2,'+1,"
check "csv: numbers keep their sign" bash -c "! grep -q \"'[0-9]\" '$work/out'"
run score -q -f csv "$rules" "$work/evil"
check "csv (';', the default): @ becomes text" has_out ";'@SUM(1);"
check "csv (';', the default): + and - become text" has_out "'-2;'+1;"
run score -q -f text "$rules" "$work/evil"
check "text: no raw ESC, BEL or CR" bash -c "! grep -q \$'[\x1b\x07\r]' '$work/out'"
check "text: the controls shown escaped" has_out '[\x1B]0;pwned\x07id\x0D]'
check "text warning: no raw ESC" bash -c "! grep -q \$'\x1b' '$work/err'"
check "text warning: escaped" has_err "unit '\x1B]0;pwned\x07id\x0D' of period 2021 appears more than once"
run explain "$rules" "$work/evil/a.json"
check "explain: no raw ESC" bash -c "! grep -q \$'[\x1b\x07\r]' '$work/out'"
jq '.unit.name = "x\u009b2J"' "$sub" > "$work/evil/d.json"
run score -q -f text "$rules" "$work/evil/d.json"
check "text: C1 controls escaped" has_out 'x\u009B2J'

echo "hardening: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
