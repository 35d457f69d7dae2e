// Drives `goleash lsp` (the built server, dist/cli/main.js) over stdio as an editor does, on copies of
// testdata/seed and testdata/lsp (a goroutine whose function is in another file).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { analyze } from '../analyze.js';
import { discover } from '../discover/discover.js';
import { plainMessage, type Finding } from '../rules/types.js';
import { LspClient } from './client.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCS = 'https://github.com/goleash/goleash/blob/main/docs/rules';

const clients: LspClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) if (c.exitCode === null) c.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of testdata/<name> in a temporary directory, and a server started on it. */
async function serve(name: string, args: string[] = [], capabilities = {}): Promise<{ dir: string; uri: (file: string) => string; client: LspClient }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'goleash-lsp-'));
  dirs.push(dir);
  cpSync(path.join(ROOT, 'testdata', name), dir, { recursive: true });
  const client = LspClient.start(args, dir);
  clients.push(client);
  await client.initialize(pathToFileURL(dir).href, capabilities);
  return { dir, uri: (file) => pathToFileURL(path.join(dir, file)).href, client };
}

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function seedDiagnostics(uri: string): Diagnostic[] {
  return [
    {
      range: range(11, 1, 11, 11),
      severity: 2,
      code: 'abandoned-sender',
      codeDescription: { href: `${DOCS}/abandoned-sender.md` },
      source: 'goleash',
      message: '`rc <- true` blocks forever: this goroutine sends on rc, which has no buffer, and Parent can return on `<-ctx.Done()` without receiving from rc',
      relatedInformation: [
        { location: { uri, range: range(27, 1, 27, 22) }, message: 'go childSeed' },
        { location: { uri, range: range(26, 7, 26, 22) }, message: 'rc is made without a buffer here' },
        { location: { uri, range: range(32, 6, 32, 18) }, message: 'Parent leaves here' },
      ],
    },
    {
      range: range(27, 1, 27, 22),
      severity: 2,
      code: 'ctx-done-missing',
      codeDescription: { href: `${DOCS}/ctx-done-missing.md` },
      source: 'goleash',
      message: 'goroutine running childSeed receives ctx but never observes ctx.Done(); it can block at `rc <- true` and leaks once ctx is cancelled',
      relatedInformation: [
        { location: { uri, range: range(9, 5, 9, 14) }, message: 'goroutine runs childSeed' },
        { location: { uri, range: range(11, 1, 11, 11) }, message: 'can block here: rc <- true' },
      ],
    },
  ];
}

function parentDiagnostic(uri: (f: string) => string, severity = 2): Diagnostic {
  return {
    range: range(8, 1, 8, 17),
    severity,
    code: 'ctx-done-missing',
    codeDescription: { href: `${DOCS}/ctx-done-missing.md` },
    source: 'goleash',
    message: 'goroutine running work receives ctx but never observes ctx.Done(); it can block at `ch <- 1` and leaks once ctx is cancelled',
    relatedInformation: [
      { location: { uri: uri('worker.go'), range: range(5, 5, 5, 9) }, message: 'goroutine runs work' },
      { location: { uri: uri('worker.go'), range: range(6, 1, 6, 8) }, message: 'can block here: ch <- 1' },
    ],
  };
}

const WORKER_FIXED = `package lsp

import "context"

// work sends one value, or gives up when ctx is cancelled.
func work(ctx context.Context, ch chan<- int) {
	select {
	case ch <- 1:
	case <-ctx.Done():
	}
}
`;

describe('goleash lsp', () => {
  it('publishes the findings of testdata/seed as the CLI reports them, offers fixes and suppressions, and clears them when the buffer is fixed', async () => {
    const { dir, uri, client } = await serve('seed', [], { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } });
    const seed = uri('seed.go');
    const text = readFileSync(path.join(dir, 'seed.go'), 'utf8');
    const opened = client.nextDiagnostics(seed);
    await client.open(seed, text);
    expect(await opened).toEqual({ uri: seed, version: 1, diagnostics: seedDiagnostics(seed) });

    // on the send: the buffer fix --fix applies, and a suppression with the reason as a snippet placeholder
    const actions = await client.codeActions(seed, range(11, 0, 11, 0));
    expect(actions).toEqual([
      {
        title: 'goleash: give rc a buffer of 1 so that every send completes without a receiver',
        kind: 'quickfix',
        diagnostics: [seedDiagnostics(seed)[0]],
        isPreferred: true,
        edit: { changes: { [seed]: [{ range: range(26, 21, 26, 21), newText: ', 1' }] } },
      },
      {
        title: 'goleash: suppress abandoned-sender on this line (//goleash:ignore)',
        kind: 'quickfix',
        diagnostics: [seedDiagnostics(seed)[0]],
        edit: {
          documentChanges: [
            { textDocument: { uri: seed, version: 1 }, edits: [{ range: range(11, 0, 11, 0), snippet: { kind: 'snippet', value: '\t//goleash:ignore abandoned-sender ${1:reason}\n' } }] },
          ],
        },
      },
    ]);

    // the suppression as a client without snippets inserts it, and the finding goes
    const suppressed = text.replace('\trc <- true //', '\t//goleash:ignore abandoned-sender TODO reason\n\trc <- true //');
    let next = client.nextDiagnostics(seed);
    await client.change(seed, suppressed, 2);
    expect(await next).toEqual({ uri: seed, version: 2, diagnostics: [{ ...seedDiagnostics(seed)[1]!, range: range(28, 1, 28, 22), relatedInformation: [
      { location: { uri: seed, range: range(9, 5, 9, 14) }, message: 'goroutine runs childSeed' },
      { location: { uri: seed, range: range(12, 1, 12, 11) }, message: 'can block here: rc <- true' },
    ] }] });

    // the leak fixed in the buffer (not saved): the send selects on ctx.Done()
    const fixed = text.replace(/\trc <- true \/\/ want[^\n]*/, '\tselect {\n\tcase rc <- true:\n\tcase <-ctx.Done():\n\t}');
    next = client.nextDiagnostics(seed);
    await client.change(seed, fixed, 3);
    expect(await next).toEqual({ uri: seed, version: 3, diagnostics: [] });
    expect(await client.codeActions(seed, range(11, 0, 11, 0))).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('offers a fix in the callee\'s file, and inserts TODO reason for a client without snippet edits', async () => {
    const { dir, uri, client } = await serve('lsp');
    const parent = uri('parent.go');
    const opened = client.nextDiagnostics(parent);
    await client.open(parent, readFileSync(path.join(dir, 'parent.go'), 'utf8'));
    expect((await opened).diagnostics).toEqual([parentDiagnostic(uri)]);
    // the fix is in the goroutine's function, in worker.go
    expect(await client.codeActions(parent, range(8, 5, 8, 5))).toEqual([
      {
        title: 'goleash: wrap ch <- 1 in a select that returns when ctx is cancelled (nothing follows it)',
        kind: 'quickfix',
        diagnostics: [parentDiagnostic(uri)],
        isPreferred: true,
        edit: { changes: { [uri('worker.go')]: [{ range: range(6, 1, 6, 8), newText: 'select {\n\tcase ch <- 1:\n\tcase <-ctx.Done():\n\t\treturn\n\t}' }] } },
      },
      {
        title: 'goleash: suppress ctx-done-missing on this line (//goleash:ignore)',
        kind: 'quickfix',
        diagnostics: [parentDiagnostic(uri)],
        edit: { changes: { [parent]: [{ range: range(8, 0, 8, 0), newText: '\t//goleash:ignore ctx-done-missing TODO reason\n' }] } },
      },
    ]);
    expect(await client.stop()).toBe(0);
  });

  it('refreshes a file when the callee in another file changes: in a buffer, on closing it, and on disk', async () => {
    const { dir, uri, client } = await serve('lsp');
    const parent = uri('parent.go');
    const worker = uri('worker.go');
    let p = client.nextDiagnostics(parent);
    await client.open(parent, readFileSync(path.join(dir, 'parent.go'), 'utf8'));
    expect(await p).toEqual({ uri: parent, version: 1, diagnostics: [parentDiagnostic(uri)] });

    // the callee's buffer now observes ctx: parent.go, unchanged, is published again without the finding
    const w = client.nextDiagnostics(worker);
    await client.open(worker, readFileSync(path.join(dir, 'worker.go'), 'utf8'));
    expect(await w).toEqual({ uri: worker, version: 1, diagnostics: [] });
    p = client.nextDiagnostics(parent);
    await client.change(worker, WORKER_FIXED, 2);
    expect(await p).toEqual({ uri: parent, version: 1, diagnostics: [] });

    // closed without saving: the file on disk counts again
    p = client.nextDiagnostics(parent);
    await client.close(worker);
    expect(await p).toEqual({ uri: parent, version: 1, diagnostics: [parentDiagnostic(uri)] });

    // written by another program: the watch event brings it in
    writeFileSync(path.join(dir, 'worker.go'), WORKER_FIXED);
    p = client.nextDiagnostics(parent);
    await client.watched([{ uri: worker, type: FileChangeType.Changed }]);
    expect(await p).toEqual({ uri: parent, version: 1, diagnostics: [] });

    // a save publishes the saved file's diagnostics again, at once
    p = client.nextDiagnostics(parent);
    await client.save(parent);
    expect(await p).toEqual({ uri: parent, version: 1, diagnostics: [] });
    expect(await client.stop()).toBe(0);
  });

  it('survives a syntax error: logs it, keeps the last diagnostics, and goes on with the next edit', async () => {
    const { dir, uri, client } = await serve('lsp');
    const parent = uri('parent.go');
    const text = readFileSync(path.join(dir, 'parent.go'), 'utf8');
    const p = client.nextDiagnostics(parent);
    await client.open(parent, text);
    expect((await p).diagnostics).toEqual([parentDiagnostic(uri)]);

    const logged = client.nextLog(/syntax error|parse/);
    await client.change(parent, text.replace('func Start(ctx context.Context) {', 'func Start(ctx context.Context {'), 2);
    expect(await logged).toMatch(/^goleash: parent\.go:7:\d+: /);
    expect(client.exitCode).toBe(null);
    // the findings of the last text that parsed stay, and the code actions that go with that text are withheld
    expect(await client.codeActions(parent, range(8, 0, 8, 0))).toEqual([]);
    expect(client.published.filter((x) => x.uri === parent)).toHaveLength(1);

    const again = client.nextDiagnostics(parent);
    await client.change(parent, text.replace('\tgo work(ctx, ch)', '\tgo work(context.Background(), ch)'), 3);
    expect(await again).toEqual({ uri: parent, version: 3, diagnostics: [] });
    expect(await client.stop()).toBe(0);
  });

  it('reads the config file, and again when it changes; --tests=false leaves _test.go files alone', async () => {
    const { dir, uri, client } = await serve('lsp', ['--tests=false']);
    const parent = uri('parent.go');
    let p = client.nextDiagnostics(parent);
    await client.open(parent, readFileSync(path.join(dir, 'parent.go'), 'utf8'));
    expect((await p).diagnostics).toEqual([parentDiagnostic(uri)]);

    writeFileSync(path.join(dir, '.goleash.yaml'), 'rules:\n  ctx-done-missing: error\n');
    p = client.nextDiagnostics(parent);
    await client.watched([{ uri: uri('.goleash.yaml'), type: FileChangeType.Created }]);
    expect(await p).toEqual({ uri: parent, version: 1, diagnostics: [parentDiagnostic(uri, 1)] });

    // a broken config is logged and the last good one stays
    writeFileSync(path.join(dir, '.goleash.yaml'), 'rules:\n  no-such-rule: error\n');
    const logged = client.nextLog(/config/);
    await client.watched([{ uri: uri('.goleash.yaml'), type: FileChangeType.Changed }]);
    expect(await logged).toBe('goleash: config not reloaded, the previous one stays in force: .goleash.yaml: unknown rule "no-such-rule" (see goleash rules)');

    const test = uri('parent_test.go');
    const t = client.nextDiagnostics(test);
    await client.open(test, 'package lsp\n\nimport "context"\n\nfunc helper(ctx context.Context) {\n\tch := make(chan int)\n\tgo work(ctx, ch)\n}\n');
    expect(await t).toEqual({ uri: test, version: 1, diagnostics: [] });
    expect(await client.stop()).toBe(0);
  });
});

describe('goleash lsp on the whole corpus', () => {
  it('publishes for each file, opened one after another, exactly the findings `goleash testdata` reports in it', async () => {
    const corpus = path.join(ROOT, 'testdata');
    const cli = await analyze({ paths: ['.'], cwd: corpus, root: corpus });
    const byFile = new Map<string, Finding[]>();
    for (const f of cli.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    expect(byFile.size).toBeGreaterThan(20);
    const client = LspClient.start(['--root', corpus]);
    clients.push(client);
    await client.initialize(pathToFileURL(corpus).href);
    // every file the CLI analyzed, those without findings too
    const files = discover(['.'], corpus, { tests: true }).files.map((f) => path.relative(corpus, f.abs).split(path.sep).join('/'));
    expect(files.length).toBe(cli.files);
    for (const file of files) {
      const findings = byFile.get(file) ?? [];
      const uri = pathToFileURL(path.join(corpus, file)).href;
      const p = client.nextDiagnostics(uri);
      await client.open(uri, readFileSync(path.join(corpus, file), 'utf8'));
      const got = (await p).diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`);
      expect(got, file).toEqual(findings.map((f) => `${f.range.start.line}:${f.range.start.col} ${f.ruleId} ${plainMessage(f.message)}`));
    }
    expect(await client.stop()).toBe(0);
  });
});
