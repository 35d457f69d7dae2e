// An exception in an analysis does not end the server: the server runs in this process, over in-memory streams,
// and the workspace's analysis is made to throw once (the one fault no Go input is known to cause).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, ShutdownRequest, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { LspClient } from './client.js';
import { startServer } from './server.js';
import { Workspace } from './workspace.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('goleash lsp, an analysis that throws', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is logged, publishes nothing, and the next edit is analyzed as usual', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'goleash-fault-'));
    const up = new PassThrough();
    const down = new PassThrough();
    try {
      cpSync(path.join(ROOT, 'testdata/lsp'), dir, { recursive: true });
      startServer({ debounceMs: 0 }, createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)));
      const client = LspClient.over(createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up)));
      await client.initialize(pathToFileURL(dir).href);
      const uri = pathToFileURL(path.join(dir, 'parent.go')).href;
      const text = readFileSync(path.join(dir, 'parent.go'), 'utf8');

      const analyze = Workspace.prototype.analyze;
      let thrown = false;
      vi.spyOn(Workspace.prototype, 'analyze').mockImplementation(function (this: Workspace, files) {
        const list = [...files];
        // the first analysis of parent.go throws
        if (!thrown && list.includes('parent.go')) {
          thrown = true;
          throw new Error('boom');
        }
        return analyze.call(this, list);
      });
      const logged = client.nextLog(/analysis failed/);
      await client.open(uri, text);
      expect((await logged).split('\n')[0]).toBe('goleash: analysis failed, the last diagnostics stay: Error: boom');
      // nothing was published for it before the failure
      const failedAt = client.events.findIndex((e) => e.startsWith('log goleash: analysis failed'));
      expect(client.events.slice(0, failedAt).filter((e) => e.startsWith('diagnostics'))).toEqual([]);

      const p = client.nextDiagnostics(uri);
      await client.change(uri, text, 2);
      expect((await p).diagnostics.map((d) => [d.range.start.line, d.code])).toEqual([[8, 'ctx-done-missing']]);
      // shutdown without exit: exit would end this process
      await client.conn.sendRequest(ShutdownRequest.type);
      client.conn.dispose();
    } finally {
      up.end();
      down.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
