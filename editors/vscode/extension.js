// extension.js — starts `chiso lsp` for *.chiso files (errors as you type,
// hover, go to definition, completion, outline, format on save). The
// highlighting is the TextMate grammar in syntaxes/; see docs/editors.md.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('chiso').get('path') || 'chiso';
  client = new LanguageClient('chiso', 'chiso',
    { command, args: ['lsp'] },
    { documentSelector: [{ scheme: 'file', language: 'chiso' }] });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
