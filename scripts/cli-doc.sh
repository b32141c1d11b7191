#!/usr/bin/env bash
# cli-doc.sh [CHISO] — refreshes the help texts in docs/cli.md from the
# program itself: each "## chiso COMMAND" section's code block becomes the
# output of `chiso COMMAND --help` (the first, of `chiso --help`).
# `scripts/cli-doc.sh --check` fails when docs/cli.md is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
if [ "${1:-}" = --check ]; then check=true; shift; fi
chiso="${1:-build/chiso}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
awk -v chiso="$chiso" '
  /^## chiso/ { cmd = $3; insec = 1; print; next }
  /^```$/ && insec && !inblock {
    print; inblock = 1
    c = cmd == "" ? chiso " --help" : chiso " " cmd " --help"
    while ((c | getline line) > 0) print line
    close(c)
    next
  }
  /^```$/ && inblock { inblock = 0; insec = 0; print; next }
  inblock { next }
  { print }
' docs/cli.md > "$out"
if $check; then
  diff -u docs/cli.md "$out" && echo "docs/cli.md is up to date"
else
  cp "$out" docs/cli.md
fi
