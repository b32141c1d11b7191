#!/usr/bin/env node
// highlight.js CHISO NODE_MODULES VIMSCRIPT_OUT FILE... — checks the
// TextMate grammar of editors/vscode with the engine VS Code uses
// (vscode-textmate + vscode-oniguruma): every token chiso's own lexer finds
// in FILE... (`chiso lsp --tokens`) must get the matching scope (keywords
// in both languages, with and without diacritics, strings, comments,
// percents like 99,9%, dates, metric paths, names), and every keyword of
// the table must be highlighted as one alone and not inside a metric path.
// It also writes a Vim script that asks Vim's syntax file the same
// questions (run by editors_test.sh when Vim is there).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [chiso, modules, vimOut, ...files] = process.argv.slice(2);
const vsctm = require(path.join(modules, 'vscode-textmate'));
const oniguruma = require(path.join(modules, 'vscode-oniguruma'));

const expected = {
  keyword: /^(storage\.type|keyword\.other|keyword\.control|keyword\.control\.import|keyword\.operator\.logical|constant\.language)\.chiso$/,
  string: /^string\.quoted\.double\.chiso$/,
  comment: /^comment\.line\.number-sign\.chiso$/,
  percent: /^constant\.numeric\.percent\.chiso$/,
  date: /^constant\.numeric\.date\.chiso$/,
  number: /^constant\.(numeric|other\.node-id)\.chiso$/,
  'node-id': /^constant\.other\.node-id\.chiso$/,
  path: /^variable\.other\.metric\.chiso$/,
  name: /^(variable\.other|support\.function|support\.constant\.policy)\.chiso$/,
  operator: /^keyword\.operator\.(arrow|comparison|arithmetic)\.chiso$/,
  punctuation: /^punctuation\.[a-z.]+\.chiso$/,
};
const vimExpected = {
  keyword: /^chiso(Structure|Include|Conditional|Logical|Boolean|Keyword)$/,
  string: /^chisoString$/,
  comment: /^chisoComment$/,
  percent: /^chisoPercent$/,
  date: /^chisoDate$/,
  number: /^chiso(Number|NodeId)$/,
  'node-id': /^chisoNodeId$/,
  path: /^chiso(Path|Key)$/,
  name: /^chiso(Name|Function|Policy)$/,
  operator: /^chisoOperator$/,
  punctuation: /^$/,
};

let failures = 0, checked = 0;
function fail(msg) {
  failures++;
  if (failures <= 30) console.log('FAIL: ' + msg);
}

async function main() {
  const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(
      fs.readFileSync('editors/vscode/syntaxes/chiso.tmLanguage.json', 'utf8'), 'chiso.tmLanguage.json'),
  });
  const grammar = await registry.loadGrammar('source.chiso');

  const scopesOf = (text) => {
    let stack = vsctm.INITIAL;
    return text.split('\n').map((line) => {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      return r.tokens;
    });
  };
  const scopeAt = (lines, line, index) => {
    const toks = lines[line] || [];
    const t = toks.find((k) => k.startIndex <= index && index < k.endIndex);
    return t ? t.scopes[t.scopes.length - 1] : '(none)';
  };

  const vim = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const tm = scopesOf(text);
    const tokens = JSON.parse(execFileSync(chiso, ['lsp', '--tokens', file], { encoding: 'utf8' }));
    if (tokens.length === 0) fail(`${file}: no tokens`);
    vim.push(`edit ${file}`);
    for (const t of tokens) {
      const cps = Array.from(lines[t.line - 1] || '').slice(0, t.column - 1).join('');
      const scope = scopeAt(tm, t.line - 1, cps.length);
      checked++;
      if (!expected[t.class].test(scope))
        fail(`${file}:${t.line}:${t.column}: ${t.class} '${t.text}' has scope ${scope}`);
      const bytecol = Buffer.byteLength(cps) + 1;
      vim.push(`call add(g:out, '${file}:${t.line}:${t.column}\t${t.class}\t' . synIDattr(synID(${t.line}, ${bytecol}, 1), 'name'))`);
    }
  }

  // every spelling of every keyword: one alone; not a segment of a path
  const table = JSON.parse(execFileSync(chiso, ['lsp', '--keywords'], { encoding: 'utf8' }));
  for (const k of table.keywords) {
    for (const w of [k.en, k.vi, k.ascii]) {
      const line = `  ${w} x`;
      const s = scopeAt(scopesOf(line), 0, 2);
      checked++;
      if (!expected.keyword.test(s)) fail(`keyword '${w}' has scope ${s}`);
      const inPath = `x.${w} + ${w}.x`;
      const tm = scopesOf(inPath);
      for (const at of [2, inPath.indexOf('+') + 2]) {
        const p = scopeAt(tm, 0, at);
        checked++;
        if (!expected.path.test(p)) fail(`'${w}' in a metric path (${inPath}) has scope ${p}`);
      }
    }
  }
  vim.push(`call writefile(g:out, '${vimOut}.result')`);
  fs.writeFileSync(vimOut, ['let g:out = []', ...vim, 'qall!', ''].join('\n'));
  fs.writeFileSync(vimOut + '.expected', JSON.stringify(Object.fromEntries(
    Object.entries(vimExpected).map(([k, v]) => [k, v.source]))));
  console.log(`textmate: ${checked} tokens checked, ${failures} wrong`);
  process.exit(failures ? 1 : 0);
}
main().catch((e) => { console.error(e); process.exit(2); });
