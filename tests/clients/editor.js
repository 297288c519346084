// Drives yaml-language-server (npm) over stdio LSP for the `editor` suite (tests/clients/editor.rs):
// opens each document of CONFIG with the schema given, asks for completion at each position asked
// and waits for its diagnostics. Prints one JSON line per document:
// {"name", "completions": [[label, ...] per position], "diagnostics": [{line, message}, ...]}.
// Usage: node editor.js CONFIG.json, CONFIG being {"schema": PATH, "documents": [{"name",
// "path", "text", "positions": [[line, character], ...]}]}.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const modules = path.join(__dirname, 'node', 'node_modules');
const rpc = require(path.join(modules, 'vscode-jsonrpc', 'node'));

(async () => {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const server = spawn(process.execPath, [
    path.join(modules, 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio',
  ], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  const diagnostics = new Map();
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    const w = waiting.get(p.uri);
    if (w) w(p.diagnostics);
  });
  // The server asks for its settings; these are what an editor's `yaml.*` settings give it.
  const settings = {
    yaml: {
      validate: true, completion: true, hover: true, format: { enable: false },
      schemas: { [config.schema]: config.documents.map((d) => d.path) },
      schemaStore: { enable: false },
    },
  };
  conn.onRequest('workspace/configuration', (p) => p.items.map((i) => {
    const section = i.section || '';
    return section.split('.').filter(Boolean).reduce((o, k) => (o ? o[k] : undefined), settings) ?? null;
  }));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: 'file://' + path.dirname(config.documents[0].path),
    capabilities: {
      textDocument: { completion: { completionItem: { snippetSupport: true } },
        publishDiagnostics: {} },
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
    },
  });
  conn.sendNotification('initialized', {});
  conn.sendNotification('workspace/didChangeConfiguration', { settings });
  for (const d of config.documents) {
    const uri = 'file://' + d.path;
    const settled = new Promise((resolve) => {
      // The last publication wins: the server may publish before the schema is loaded.
      let timer = null;
      waiting.set(uri, () => {
        clearTimeout(timer);
        timer = setTimeout(resolve, 1500);
      });
    });
    conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: d.text },
    });
    // Completion once the schema is in: diagnostics are published after it is.
    await Promise.race([settled, new Promise((r) => setTimeout(r, 20000))]);
    const completions = [];
    for (const [line, character] of d.positions) {
      const r = await conn.sendRequest('textDocument/completion', {
        textDocument: { uri }, position: { line, character },
      });
      const items = Array.isArray(r) ? r : (r ? r.items : []);
      completions.push(items.map((i) => i.label).sort());
    }
    const found = (diagnostics.get(uri) || []).map((x) => ({ line: x.range.start.line, message: x.message }));
    console.log(JSON.stringify({ name: d.name, completions, diagnostics: found }));
  }
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  server.kill();
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
