// `goleash lsp`: a language server over stdio. Diagnostics for the open Go files, computed from their unsaved
// text and the module's facts for the rest (workspace.ts); code actions that apply a finding's fix or suppress it.
// Nothing that goes wrong in an analysis ends the server: it is logged, and the last good diagnostics stay.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../rules/types.js';
import { VERSION } from '../version.js';
import { codeActions, toDiagnostic, uriOf } from './convert.js';
import { readSource } from '../parse/file.js';
import { Debouncer } from './debounce.js';
import { Workspace } from './workspace.js';

export interface ServerOptions {
  /** --root; default the client's workspace folder */
  root?: string;
  config?: string;
  tests?: boolean;
  cacheDir?: string;
  /** quiet time after an edit before the analysis runs */
  debounceMs: number;
}

/** What was last published for an open document, and the text and version it was computed from. */
interface Published {
  version: number;
  text: string;
  findings: Finding[];
  json: string;
}

/** Serves over stdio, or over `connection` (a test's, in this process: then the process's own handlers are left alone). */
export function startServer(opts: ServerOptions, connection?: Connection): void {
  const stdio = connection === undefined;
  if (!connection) connection = createConnection(process.stdin, process.stdout);
  serve(opts, connection, stdio);
}

function serve(opts: ServerOptions, connection: Connection, stdio: boolean): void {
  const documents = new TextDocuments(TextDocument);
  // a log line that cannot be sent (the client went away) is dropped: logging never throws
  const send = (f: () => void) => {
    try {
      f();
    } catch {
      /* the connection is closed */
    }
  };
  const log = (m: string) => send(() => connection.console.log(m));
  const error = (m: string) => send(() => connection.console.error(m));
  let ws: Workspace | null = null;
  let ready: Promise<void> = Promise.resolve();
  let snippets = false;
  let watchRegistration = false;
  let stopped = false;

  const published = new Map<string, Published>();
  const dirty = new Set<string>();
  /** documents whose diagnostics are published after the next run even when they did not change */
  const mustPublish = new Set<string>();
  const justOpened = new Set<string>();
  const diskEvents = new Map<string, boolean>(); // rel -> deleted
  let reload = false;
  let running = false;
  let again = false;

  const relOfUri = (uri: string): string | null => {
    if (!ws || !uri.startsWith('file:')) return null;
    return ws.relOf(fileURLToPath(uri));
  };

  async function runOnce(): Promise<void> {
    await ready;
    if (!ws || stopped) return;
    if (reload) {
      reload = false;
      diskEvents.clear();
      log('goleash: reloading the workspace');
      await ws.load();
      for (const d of documents.all()) dirty.add(d.uri);
    }
    for (const [rel, deleted] of diskEvents) await ws.fileChanged(rel, deleted);
    diskEvents.clear();
    const versions = new Map<string, number>();
    for (const uri of [...dirty]) {
      dirty.delete(uri);
      const doc = documents.get(uri);
      const rel = relOfUri(uri);
      if (!doc || rel === null) continue;
      let problem: string | null;
      try {
        problem = await ws.setBufferText(rel, doc.getText());
      } catch (e) {
        problem = `${rel}: internal error while reading this buffer: ${(e as Error).stack ?? String(e)}`;
      }
      if (problem) {
        // the last good diagnostics stay; the next edit that parses brings new ones
        log(`goleash: ${problem}`);
        mustPublish.delete(uri);
        continue;
      }
      versions.set(uri, doc.version);
    }
    const open = new Map<string, string>(); // uri -> rel
    for (const d of documents.all()) {
      const rel = relOfUri(d.uri);
      if (rel !== null) open.set(d.uri, rel);
    }
    const { byFile } = await ws.analyze(open.values());
    for (const [uri, rel] of open) {
      const findings = ws.reports(rel) ? (byFile.get(rel) ?? []) : [];
      const diagnostics: Diagnostic[] = findings.map((f) => toDiagnostic(ws!.root, f));
      const json = JSON.stringify(diagnostics);
      const last = published.get(uri);
      const text = ws.bufferText(rel);
      const version = versions.get(uri) ?? last?.version ?? documents.get(uri)?.version ?? 0;
      if (text === undefined) continue; // no text of it has parsed yet: nothing good to show
      published.set(uri, { version, text: text ?? last?.text ?? '', findings, json });
      if (last?.json === json && !mustPublish.has(uri)) continue;
      mustPublish.delete(uri);
      await connection.sendDiagnostics({ uri, version, diagnostics });
    }
    mustPublish.clear();
  }

  /** Runs the analysis now, or once more after the one under way. */
  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        try {
          await runOnce();
        } catch (e) {
          error(`goleash: analysis failed, the last diagnostics stay: ${(e as Error).stack ?? String(e)}`);
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  }

  const debouncer = new Debouncer(opts.debounceMs, () => void run());

  connection.onInitialize((params: InitializeParams) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    const root = opts.root ?? (folder ? fileURLToPath(folder) : (params.rootPath ?? process.cwd()));
    // a snippet edit travels in a versioned TextDocumentEdit: the client must take both
    const edits = params.capabilities.workspace?.workspaceEdit;
    snippets = edits?.snippetEditSupport === true && edits.documentChanges === true;
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    ws = new Workspace({ root, config: opts.config, tests: opts.tests, cacheDir: opts.cacheDir, log });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'goleash', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    const w = ws!;
    ready = w.load().catch((e: unknown) => error(`goleash: could not read the workspace: ${(e as Error).stack ?? String(e)}`));
    void ready.then(() => log(`goleash ${VERSION}: workspace ${w.root} read`));
    if (watchRegistration) {
      const config = opts.config ? [{ globPattern: path.resolve(opts.config) }] : [];
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.go' }, { globPattern: '**/go.mod' }, { globPattern: '**/go.work' }, { globPattern: '**/.goleash.{yaml,yml,json}' }, ...config],
        })
        .catch((e: unknown) => log(`goleash: no file watching: ${(e as Error).message}`));
    }
    void run();
  });

  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    dirty.add(e.document.uri);
    mustPublish.add(e.document.uri);
    void run();
  });

  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return;
    dirty.add(e.document.uri);
    mustPublish.add(e.document.uri);
    debouncer.poke();
  });

  documents.onDidSave((e) => {
    // the file on disk is now the buffer: other files that call into it see it through the buffer already
    mustPublish.add(e.document.uri);
    if (!debouncer.flush()) void run();
  });

  documents.onDidClose((e) => {
    const rel = relOfUri(e.document.uri);
    if (rel !== null) ws?.closeBuffer(rel);
    published.delete(e.document.uri);
    dirty.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    void run(); // files that call into it now see the file on disk
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (!ws) return;
    for (const c of params.changes) {
      if (!c.uri.startsWith('file:')) continue;
      const abs = fileURLToPath(c.uri);
      const base = path.basename(abs);
      if (ws.isConfig(abs) || base === 'go.mod' || base === 'go.work') {
        reload = true;
        continue;
      }
      const rel = ws.relOf(abs);
      if (rel !== null && rel.endsWith('.go')) diskEvents.set(rel, c.type === FileChangeType.Deleted);
    }
    void run();
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    const last = published.get(params.textDocument.uri);
    // findings of another text than the one in the editor would put edits in the wrong place
    if (!doc || !last || !ws || last.text !== doc.getText()) return [];
    const w = ws;
    const textOf = (file: string): string | undefined => {
      const open = documents.get(uriOf(w.root, file));
      const analyzed = w.bufferText(file);
      if (open) return analyzed !== undefined && open.getText() === analyzed ? analyzed : undefined;
      return analyzed ?? readSource(path.join(w.root, file)) ?? undefined;
    };
    return codeActions({ root: w.root, uri: doc.uri, version: doc.version, text: last.text, textOf, snippets }, last.findings, params.range);
  });

  connection.onShutdown(() => {
    stopped = true;
    debouncer.cancel();
  });

  if (stdio) {
    // an exception outside a request handler is logged; it does not end the server
    process.on('uncaughtException', (e) => error(`goleash: internal error: ${e.stack ?? String(e)}`));
    process.on('unhandledRejection', (e) => error(`goleash: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  }

  documents.listen(connection);
  connection.listen();
}
