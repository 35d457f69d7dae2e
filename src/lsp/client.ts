// A minimal language client over stdio, as an editor speaks to `goleash lsp`: used by the tests and by
// `npm run bench:lsp`. It spawns the built server and keeps what the server publishes and logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type FileEvent,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

export const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export class LspClient {
  readonly logs: string[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  /** what the server sent, in order: `log <message>` and `diagnostics <uri>` */
  readonly events: string[] = [];
  private waiters: { uri: string; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private logWaiters: { re: RegExp; resolve: (m: string) => void }[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess | null,
    readonly conn: ProtocolConnection,
  ) {
    this.exited = proc ? new Promise((resolve) => proc.once('exit', (code) => resolve(code))) : Promise.resolve(null);
    conn.onNotification(LogMessageNotification.type, (p: LogMessageParams) => {
      this.logs.push(p.message);
      this.events.push(`log ${p.message}`);
      this.logWaiters = this.logWaiters.filter((w) => !(w.re.test(p.message) && (w.resolve(p.message), true)));
    });
    conn.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.events.push(`diagnostics ${p.uri}`);
      const i = this.waiters.findIndex((w) => w.uri === p.uri);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(p);
    });
    // the server may register file watchers; a client that cannot watch says yes and does nothing
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
  }

  /** Spawns `node [NODE_ARGS] dist/cli/main.js lsp ARGS`. */
  static start(args: string[], cwd?: string, nodeArgs: string[] = []): LspClient {
    const proc = spawn(process.execPath, [...nodeArgs, MAIN, 'lsp', ...args], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    return new LspClient(proc, conn);
  }

  /** A client over a connection of the caller's (a server in this process, for tests). */
  static over(conn: ProtocolConnection): LspClient {
    return new LspClient(null, conn);
  }

  get pid(): number {
    return this.proc!.pid!;
  }

  async initialize(rootUri: string, capabilities: ClientCapabilities = {}): Promise<void> {
    await this.conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, capabilities, workspaceFolders: [{ uri: rootUri, name: 'root' }] });
    await this.conn.sendNotification(InitializedNotification.type, {});
  }

  /** The next diagnostics published for `uri` (call before the notification that causes them). */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, resolve }));
  }

  /** The next message the server logs that matches `re` (call before the notification that causes it). */
  nextLog(re: RegExp): Promise<string> {
    return new Promise((resolve) => this.logWaiters.push({ re, resolve }));
  }

  /** The server's exit code once it has exited, null while it runs. */
  get exitCode(): number | null {
    return this.proc?.exitCode ?? null;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'go', version, text } });
  }

  /** The whole new text (a change without a range). */
  change(uri: string, text: string, version: number): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** A change of one range, as editors send keystrokes. */
  edit(uri: string, range: Range, text: string, version: number): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  save(uri: string): Promise<void> {
    return this.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  watched(changes: FileEvent[]): Promise<void> {
    return this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async codeActions(uri: string, range: Range): Promise<(Command | CodeAction)[]> {
    return (await this.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } })) ?? [];
  }

  /** shutdown, exit; resolves to the server's exit code. */
  async stop(): Promise<number | null> {
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    this.proc?.kill();
  }
}
