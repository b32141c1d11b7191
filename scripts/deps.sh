#!/usr/bin/env bash
# deps.sh [test] — installs the Debian packages chiso builds with (and,
# with "test", those its tests need too: valgrind, cppcheck, jq,
# chromium for the HTML report test, clang with its sanitizer and
# libFuzzer runtimes for scripts/fuzz.sh, nodejs and npm to run the
# editors' highlighting grammar in VS Code's engine, vim for its syntax
# file; dpkg-dev, file, groff-base and man-db for the install and .deb tests), when
# any is missing. Used by scripts/demo.sh,
# scripts/test.sh and .ci/run.
set -euo pipefail

packages=(build-essential cmake pkg-config flex bison libjansson-dev libcmocka-dev
          libutf8proc-dev libgmp-dev nettle-dev gettext libxlsxwriter-dev libmicrohttpd-dev libsimdjson-dev)
if [ "${1:-}" = test ]; then
  packages+=(valgrind chromium jq cppcheck clang libclang-rt-14-dev vim
             dpkg-dev file groff-base man-db python3 curl poppler-utils)
  # node and npm may come from elsewhere than Debian (nodesource): only when absent
  command -v node > /dev/null || packages+=(nodejs)
  command -v npm > /dev/null || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" > /dev/null || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: run as root or install sudo" >&2; exit 2; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
