#!/usr/bin/env bash
# install_test.sh BUILD_DIR — `cmake --install` into a temporary prefix puts
# every piece in place (command, libchiso.so with its SONAME, libchiso.a,
# headers, chiso.pc, the CMake package, man pages, bash completion, the
# bundled rules and fixtures); the installed command finds the bundled
# rules from any directory and scores the 13 Hà Tĩnh districts as the
# build tree does; docs/library.md's example builds against the install
# with pkg-config and with find_package(chiso) (shared and static) and
# ranks as the command does. With DEB=1 also builds the .deb with cpack
# and checks its contents and control fields.
set -uo pipefail
# (Under pipefail, `cmd | grep -q` fails when grep stops reading at its
# first match and cmd dies of SIGPIPE: matches go to /dev/null instead.)
build="$(cd "$1" && pwd)"
src="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
fail=0
abi=$(sed -n 's/^#define CHISO_ABI_VERSION \([0-9]*\)$/\1/p' include/chiso.h)
version=$(sed -n 's/^#define CHISO_VERSION_STRING "\(.*\)"$/\1/p' include/chiso.h)

cmake --install "$build" --prefix "$prefix" > "$work/install.log" 2>&1 || { echo "FAIL: cmake --install"; cat "$work/install.log"; exit 1; }
libdir=$(cd "$prefix" && ls -d lib lib/*-linux-gnu 2>/dev/null | while read -r d; do [ -e "$prefix/$d/libchiso.so" ] && echo "$d"; done | head -1)
[ -n "$libdir" ] || { echo "FAIL: no libchiso.so installed"; find "$prefix" | head -40; exit 1; }
for f in bin/chiso "$libdir/libchiso.so" "$libdir/libchiso.so.$abi" "$libdir/libchiso.a" \
         include/chiso.h include/chiso_batch.h "$libdir/pkgconfig/chiso.pc" \
         "$libdir/cmake/chiso/chisoConfig.cmake" "$libdir/cmake/chiso/chisoConfigVersion.cmake" \
         share/man/man1/chiso.1.gz share/man/man5/chiso-rules.5.gz \
         share/bash-completion/completions/chiso share/chiso/rules/cap-huyen/ha-tinh-2021.chiso \
         share/chiso/fixtures/cap-huyen/submissions/duc-tho.json; do
    [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; fail=1; }
done
soname=$(objdump -p "$prefix/$libdir/libchiso.so.$abi" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = "libchiso.so.$abi" ] || { echo "FAIL: SONAME $soname"; fail=1; }
[ "$("$prefix/bin/chiso" --version)" = "chiso $version" ] || { echo "FAIL: chiso --version says $("$prefix/bin/chiso" --version)"; fail=1; }
for m in share/man/man1/chiso.1.gz share/man/man5/chiso-rules.5.gz; do
    warnings=$(zcat "$prefix/$m" | groff -k -man -Tutf8 -ww -z 2>&1)
    [ -z "$warnings" ] || { echo "FAIL: $m: $warnings"; fail=1; }
done
# The completion: commands, options, formats, rules files.
complete_words() {
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _chiso; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$prefix/share/bash-completion/completions/chiso" "$@" 2> /dev/null | sort | tr '\n' ' '
}
[ "$(complete_words chiso sc)" = "score " ] || { echo "FAIL: completion of 'chiso sc': $(complete_words chiso sc)"; fail=1; }
[ "$(complete_words chiso score -f "")" = "csv html json ndjson text " ] || { echo "FAIL: completion of formats: $(complete_words chiso score -f "")"; fail=1; }
complete_words chiso serve --ma | grep -- "--max-body" > /dev/null || { echo "FAIL: completion of serve options"; fail=1; }
(cd rules/cap-huyen && complete_words chiso check ha) | grep "ha-tinh-2021.chiso" > /dev/null || { echo "FAIL: completion of .chiso files"; fail=1; }

# The installed command, run from elsewhere, finds the bundled rules.
subs=("$prefix"/share/chiso/fixtures/cap-huyen/submissions/*.json)
(cd "$work" && "$prefix/bin/chiso" score -q -f ndjson cap-huyen/ha-tinh-2021.chiso "${subs[@]}") |
    jq -cS 'del(.file) | .provenance |= (del(.rules, .scored_at) | .includes |= map(del(.file)))' > "$work/installed.ndjson" || { echo "FAIL: the installed command did not score with the bundled rules"; fail=1; }
"$build/chiso" score -q -f ndjson rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/*.json |
    jq -cS 'del(.file) | .provenance |= (del(.rules, .scored_at) | .includes |= map(del(.file)))' > "$work/build.ndjson"
[ "$(wc -l < "$work/installed.ndjson")" -eq 13 ] || { echo "FAIL: the installed command scored $(wc -l < "$work/installed.ndjson") districts"; fail=1; }
cmp -s "$work/installed.ndjson" "$work/build.ndjson" || { echo "FAIL: installed and build results differ"; fail=1; }
# results name the installed rules by their real path
(cd "$work" && "$prefix/bin/chiso" score -q -f ndjson cap-huyen/ha-tinh-2021.chiso "${subs[0]}") |
    jq -e --arg r "$(realpath "$prefix")/share/chiso/rules/cap-huyen/ha-tinh-2021.chiso" '.provenance.rules == $r' > /dev/null ||
    { echo "FAIL: the installed rules are not named by their real path"; fail=1; }
(cd "$work" && CHISO_RULES_PATH="$src/tests/install/data" "$prefix/bin/chiso" check only-here.chiso > /dev/null 2>&1) ||
    { echo "FAIL: CHISO_RULES_PATH not searched"; fail=1; }
(cd "$work" && "$prefix/bin/chiso" check no-such/rules.chiso > /dev/null 2> "$work/missing.err")
[ $? -eq 2 ] || { echo "FAIL: a rules file found nowhere is not exit 2"; fail=1; }
grep -q "no-such/rules.chiso" "$work/missing.err" || { echo "FAIL: the message does not name the file"; cat "$work/missing.err"; fail=1; }

# docs/library.md's example, built against the install.
"$build/tests/rank_example" rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/*.json > "$work/expected.tsv"
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
cc -o "$work/example-pc" tests/library/rank_example.c $(pkg-config --cflags --libs chiso) ||
    { echo "FAIL: the example does not build with pkg-config"; fail=1; }
LD_LIBRARY_PATH="$prefix/$libdir" "$work/example-pc" rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/*.json > "$work/pc.tsv"
cmp -s "$work/expected.tsv" "$work/pc.tsv" || { echo "FAIL: the pkg-config build ranks otherwise"; fail=1; }
ldd "$work/example-pc" | grep "$prefix/$libdir/libchiso.so.$abi" > /dev/null || LD_LIBRARY_PATH="$prefix/$libdir" ldd "$work/example-pc" | grep "libchiso.so.$abi" > /dev/null ||
    { echo "FAIL: the example is not linked with libchiso.so.$abi"; fail=1; }
cc -o "$work/example-static" tests/library/rank_example.c $(pkg-config --static --cflags --libs chiso | sed 's/-lchiso/-l:libchiso.a/') ||
    { echo "FAIL: the example does not link statically with pkg-config --static"; fail=1; }
"$work/example-static" rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/*.json > "$work/static.tsv"
cmp -s "$work/expected.tsv" "$work/static.tsv" || { echo "FAIL: the static build ranks otherwise"; fail=1; }

mkdir -p "$work/cmake-example"
cp tests/library/rank_example.c "$work/cmake-example/"
cat > "$work/cmake-example/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(rank_example C)
find_package(chiso 0.1 REQUIRED)
add_executable(rank_example rank_example.c)
target_link_libraries(rank_example PRIVATE chiso::chiso)
add_executable(rank_example_static rank_example.c)
target_link_libraries(rank_example_static PRIVATE chiso::chiso_static)
CMAKE
if cmake -S "$work/cmake-example" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" > "$work/cmake.log" 2>&1 &&
   cmake --build "$work/cmake-build" >> "$work/cmake.log" 2>&1; then
    for exe in rank_example rank_example_static; do
        "$work/cmake-build/$exe" rules/cap-huyen/ha-tinh-2021.chiso fixtures/cap-huyen/submissions/*.json > "$work/$exe.tsv"
        cmp -s "$work/expected.tsv" "$work/$exe.tsv" || { echo "FAIL: the CMake build $exe ranks otherwise"; fail=1; }
    done
else
    echo "FAIL: the example does not build with find_package(chiso)"; tail -20 "$work/cmake.log"; fail=1
fi
# The installed Python binding (no PYTHONPATH into the sources, no
# LD_LIBRARY_PATH): it finds the library of its own prefix and scores the
# 13 districts as the installed command does.
(cd "$work" && "$prefix/bin/chiso" --lang vi score -q -f ndjson cap-huyen/ha-tinh-2021.chiso "${subs[@]}") > "$work/py.want"
(cd "$work" && PYTHONPATH="$prefix/lib/python3/dist-packages" PYTHONDONTWRITEBYTECODE=1 python3 - "$prefix" "${subs[@]}" > "$work/py.got") <<'PY' ||
import os, sys
import chiso
# found beside the installed library, as the command finds it
found = chiso.find_rules("cap-huyen/ha-tinh-2021.chiso")
assert found == os.path.realpath(sys.argv[1]) + "/share/chiso/rules/cap-huyen/ha-tinh-2021.chiso", found
rules = chiso.Rules(found)
subs = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
text, failed = rules.score_batch_text(subs, format="ndjson")
sys.stdout.write(text)
PY
    { echo "FAIL: the installed Python binding did not score"; fail=1; }
jq -cS 'del(.file) | .provenance |= del(.rules, .scored_at, .includes)' "$work/py.want" > "$work/py.want.n"
jq -cS 'del(.file) | .provenance |= del(.rules, .scored_at, .includes)' "$work/py.got" > "$work/py.got.n"
[ "$(wc -l < "$work/py.got.n")" -eq 13 ] && cmp -s "$work/py.want.n" "$work/py.got.n" ||
    { echo "FAIL: the installed Python binding scores otherwise than the installed command"; fail=1; }
[ "$(wc -l < "$work/expected.tsv")" -eq 13 ] || { echo "FAIL: the example ranked $(wc -l < "$work/expected.tsv") districts"; fail=1; }

if [ "${DEB:-0}" = 1 ]; then
    (cd "$build" && cpack -G DEB -B "$work/deb" > "$work/cpack.log" 2>&1) || { echo "FAIL: cpack -G DEB"; tail -20 "$work/cpack.log"; fail=1; }
    deb=$(ls "$work"/deb/*.deb 2>/dev/null | head -1)
    if [ -n "$deb" ]; then
        dpkg-deb -c "$deb" > "$work/contents"
        for f in ./usr/bin/chiso "libchiso.so.$abi" ./usr/include/chiso.h chiso.pc ./usr/share/man/man1/chiso.1.gz \
                 ./usr/share/chiso/rules/cap-huyen/ha-tinh-2021.chiso ./usr/share/bash-completion/completions/chiso; do
            grep -q -- "$f" "$work/contents" || { echo "FAIL: the .deb lacks $f"; fail=1; }
        done
        depends=$(dpkg-deb -f "$deb" Depends)
        # libxlsxwriter and libmicrohttpd are opened with dlopen(): named by CMake, not by shlibdeps
        for d in libjansson4 libutf8proc libgmp libnettle libxlsxwriter libmicrohttpd; do
            echo "$depends" | grep "$d" > /dev/null || { echo "FAIL: Depends lacks $d: $depends"; fail=1; }
        done
        dpkg-deb -x "$deb" "$work/root"
        (cd "$work" && LD_LIBRARY_PATH="$work/root/usr/lib:$(ls -d "$work"/root/usr/lib/*-linux-gnu 2>/dev/null | tr '\n' :)" \
            "$work/root/usr/bin/chiso" score -q -f ndjson cap-huyen/ha-tinh-2021.chiso "$work"/root/usr/share/chiso/fixtures/cap-huyen/submissions/*.json) |
            jq -cS 'del(.file) | .provenance |= (del(.rules, .scored_at) | .includes |= map(del(.file)))' > "$work/deb.ndjson"
        cmp -s "$work/deb.ndjson" "$work/build.ndjson" || { echo "FAIL: the packaged command scores otherwise"; fail=1; }
    else
        echo "FAIL: no .deb built"; fail=1
    fi
fi
[ $fail -eq 0 ] && echo "ok: installed under a temporary prefix; the command, the example (pkg-config, CMake, shared and static) score as the build does"
exit $fail
