# lib.sh — what the shell suites of tests/ share. Sourced after a suite
# sets $chiso (the command under test) and $work (its temporary directory):
#   check NAME CMD...  runs CMD; counts it in $passed or $failed, and
#                      prints "FAIL: NAME" when it fails
#   run ARGS...        runs $chiso ARGS: $code, $work/out, $work/err
#   has_out TEXT, has_err TEXT   whether $work/out or $work/err holds TEXT
# A suite with a run of its own defines it after sourcing this file.
passed=0
failed=0
check() {
  local name="$1"
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
run() { # run ARGS...: sets $code, $work/out, $work/err
  "$chiso" "$@" > "$work/out" 2> "$work/err"
  code=$?
}
has_out() { grep -qF -- "$1" "$work/out"; }
has_err() { grep -qF -- "$1" "$work/err"; }
