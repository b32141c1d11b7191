#!/usr/bin/env bash
# editors_test.sh CHISO — the editor support of editors/: the grammars are
# what editors/generate.js makes from the keyword table (no keyword
# missing); the TextMate grammar, run by VS Code's own engine
# (vscode-textmate + vscode-oniguruma, installed from npm into the build
# directory), gives every token of the bundled rules its class; Vim's syntax
# file does the same in Vim; the extension manifest, the problem matchers
# and Vim's compiler file read real `chiso check` output.
set -uo pipefail
chiso="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
build="$(dirname "$chiso")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../lib.sh" # check, run, has_out, has_err
command -v node > /dev/null && command -v npm > /dev/null || { echo "FAIL: node and npm are needed (scripts/deps.sh test)"; exit 1; }
command -v vim > /dev/null || { echo "FAIL: vim is needed (scripts/deps.sh test)"; exit 1; }

# ---- generated from the keyword table
node editors/generate.js "$chiso" "$work/gen"
check "TextMate grammar up to date with grammar/keywords.c (node editors/generate.js build/chiso)" \
  cmp -s "$work/gen/vscode/syntaxes/chiso.tmLanguage.json" editors/vscode/syntaxes/chiso.tmLanguage.json
check "Vim syntax up to date with grammar/keywords.c (node editors/generate.js build/chiso)" \
  cmp -s "$work/gen/vim/syntax/chiso.vim" editors/vim/syntax/chiso.vim

# ---- the TextMate grammar in VS Code's engine
mods="$build/editors-node/node_modules"
if [ ! -d "$mods/vscode-textmate" ] || [ ! -d "$mods/vscode-oniguruma" ]; then
  mkdir -p "$build/editors-node"
  (cd "$build/editors-node" && npm install --no-audit --no-fund --loglevel=error \
     vscode-textmate@9.3.2 vscode-oniguruma@2.0.1 > /dev/null) || { echo "FAIL: npm install"; exit 1; }
fi
"$chiso" init > "$work/skeleton.chiso"
"$chiso" init --keywords en > "$work/skeleton-en.chiso"
"$chiso" fmt --keywords en tests/fmt/data/messy.chiso > "$work/messy-en.chiso"
printf 'index "x" {\n  total 1\n  criterion 1 "a" max 1 {\n    value `hồ sơ`.`đúng hạn` / x\n    band >= 99,9%% -> 1\n    band otherwise -> 0\n  }\n}\n' > "$work/keys.chiso"
files=(rules/*/*.chiso tests/fmt/data/*.chiso "$work/skeleton.chiso" "$work/skeleton-en.chiso" "$work/messy-en.chiso" "$work/keys.chiso")
node tests/editors/highlight.js "$chiso" "$mods" "$work/all.vim" "${files[@]}" > "$work/tm.out" 2>&1
check "TextMate: every token of every file has its class" test $? -eq 0
cat "$work/tm.out"

# ---- Vim's syntax file (a few files: Vim's regex engine is slow)
node tests/editors/highlight.js "$chiso" "$mods" "$work/some.vim" rules/examples/huyen-mini.chiso \
  tests/fmt/data/messy.chiso "$work/skeleton.chiso" "$work/messy-en.chiso" "$work/keys.chiso" > /dev/null 2>&1
timeout 300 vim -N -u NONE -i NONE -n -es -c 'set rtp^=editors/vim' -c 'filetype plugin on' -c 'syntax on' \
  -S "$work/some.vim" < /dev/null
check "vim ran" test -s "$work/some.vim.result"
bad=$(node -e '
  const fs = require("fs");
  const exp = JSON.parse(fs.readFileSync(process.argv[1] + ".expected", "utf8"));
  const lines = fs.readFileSync(process.argv[1] + ".result", "utf8").trim().split("\n");
  const bad = lines.filter((l) => { const [where, cls, group] = l.split("\t"); return !new RegExp(exp[cls]).test(group || ""); });
  bad.slice(0, 20).forEach((l) => console.error("vim: " + l));
  console.log(lines.length > 300 ? bad.length : "too few");' "$work/some.vim")
check "Vim: every token has its syntax group ($bad wrong)" test "$bad" = 0
check "Vim: ftdetect" grep -q 'setfiletype chiso' editors/vim/ftdetect/chiso.vim

# ---- the VS Code manifest
check "package.json: the language" test "$(jq -r '.contributes.languages[0] | .id + " " + .extensions[0]' editors/vscode/package.json)" = "chiso .chiso"
check "package.json: the grammar file exists" test -f "editors/vscode/$(jq -r '.contributes.grammars[0].path' editors/vscode/package.json)"
check "package.json: the entry point exists" test -f "editors/vscode/$(jq -r '.main' editors/vscode/package.json)"
check "language-configuration: comments and brackets" \
  test "$(jq -c '[.comments.lineComment, .brackets]' editors/vscode/language-configuration.json)" = '["#",[["{","}"],["(",")"]]]'

# ---- problem matchers and Vim's compiler file on real output
"$chiso" check tests/cli/data/errors.chiso tests/cli/data/warn.chiso > /dev/null 2> "$work/text.out"
"$chiso" check -f github tests/cli/data/errors.chiso tests/cli/data/warn.chiso > "$work/github.out" 2>/dev/null
node tests/editors/matchers.js "$work/text.out" "$work/github.out" > "$work/matched"
check "problem matcher (text): every diagnostic" test "$(grep -c '"matcher":"chiso"' "$work/matched")" -eq 5
check "problem matcher (text): file, line, column, severity, message" \
  grep -qF '{"matcher":"chiso","file":"tests/cli/data/errors.chiso","line":"10","column":"41","severity":"error","message":"unknown function '"'"'raito'"'"'"}' "$work/matched"
check "problem matcher (github): every diagnostic" test "$(grep -c '"matcher":"chiso-github"' "$work/matched")" -eq 5
check "problem matcher (github): with the span and code" \
  grep -qF '"file":"tests/cli/data/warn.chiso","line":"5","column":"7","endLine":"5","endColumn":"12","severity":"warning","code":"band-gap"' "$work/matched"
cat > "$work/qf.vim" <<VIM
compiler chiso
cgetfile $work/text.out
call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . ':' . e.lnum . ':' . e.col . ':' . e.type . ':' . e.text}), '$work/qf.out')
qall!
VIM
timeout 60 vim -N -u NONE -i NONE -n -es -c 'set rtp^=editors/vim' -S "$work/qf.vim" < /dev/null
check "Vim compiler: every diagnostic in the quickfix list" test "$(grep -c . "$work/qf.out")" -eq 5
check "Vim compiler: an error" grep -qF "tests/cli/data/errors.chiso:10:41:e:unknown function 'raito'" "$work/qf.out"
check "Vim compiler: a warning" grep -qF "tests/cli/data/warn.chiso:5:7:w:no band of '1.1' covers" "$work/qf.out"

echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
