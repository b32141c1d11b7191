#!/usr/bin/env node
// matchers.js TEXT_OUTPUT GITHUB_OUTPUT — the problem matchers of the VS
// Code extension (editors/vscode/package.json) applied to real `chiso
// check` output: each must find the file, line, column, severity and
// message of every diagnostic. Prints the matches as JSON lines.
'use strict';
const fs = require('fs');
const pkg = JSON.parse(fs.readFileSync('editors/vscode/package.json', 'utf8'));
const [textOut, githubOut] = process.argv.slice(2);
const matchers = Object.fromEntries(pkg.contributes.problemMatchers.map((m) => [m.name, m]));
function apply(name, file) {
  const p = matchers[name].pattern;
  const re = new RegExp(p.regexp);
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = re.exec(line);
    if (!m) continue;
    const out = { matcher: name };
    for (const key of ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message'])
      if (p[key]) out[key] = m[p[key]];
    console.log(JSON.stringify(out));
  }
}
apply('chiso', textOut);
apply('chiso-github', githubOut);
