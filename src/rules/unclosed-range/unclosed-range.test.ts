// unclosed-range on its own testdata: the exact findings, and nothing else.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('unclosed-range', () => {
  it('reports exactly the ranges over channels nothing closes', async () => {
    const r = await analyze({ paths: ['src/rules/unclosed-range/testdata'], cwd: ROOT, root: ROOT });
    const got = r.findings
      .filter((f) => f.ruleId === 'unclosed-range')
      .map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    expect(got).toEqual([
      'src/rules/unclosed-range/testdata/cmd/importer/main.go:60:4: `range in` never ends: this goroutine ranges over in, which steps.Action can return without closing, so it waits forever once steps.Action stops sending',
      'src/rules/unclosed-range/testdata/commaok.go:14:4: `for { …, ok := <-jobs }` never ends: this goroutine receives from jobs until it is closed, which nothing closes, so it waits forever once CommaOkLoop stops sending',
      'src/rules/unclosed-range/testdata/commaok.go:74:3: `for { …, ok := <-ch }` never ends: this goroutine receives from ch until it is closed, which uploader.upload can return without closing, so it waits forever once uploader.upload stops sending',
      'src/rules/unclosed-range/testdata/commaok.go:138:4: `for { …, ok := <-jobs }` never ends: this goroutine receives from jobs until it is closed, which nothing closes, so it waits forever once Batcher stops sending',
      'src/rules/unclosed-range/testdata/fields.go:21:2: `range c.outbox` never ends: this goroutine ranges over c.outbox, which nothing in its package closes: its senders give up once conn.closed is closed, and it waits forever, outliving NewConn',
      'src/rules/unclosed-range/testdata/pool.go:55:3: `range q` never ends: this goroutine ranges over q, which nothing closes, so it waits forever once startLost stops sending',
      'src/rules/unclosed-range/testdata/unclosed.go:12:3: `range jobs` never ends: this goroutine ranges over jobs, which nothing closes, so it waits forever once Producer stops sending',
      'src/rules/unclosed-range/testdata/unclosed.go:36:2: `range in` never ends: this goroutine ranges over results, which nothing closes, so it waits forever once TwoSenders stops sending',
      'src/rules/unclosed-range/testdata/unclosed.go:132:3: `range jobs` never ends: this goroutine ranges over jobs, which CloseSkippedOnError can return without closing, so it waits forever once CloseSkippedOnError stops sending',
      'src/rules/unclosed-range/testdata/unclosed.go:190:3: `range jobs` never ends: this goroutine ranges over jobs, which nothing closes, so it waits forever once ThroughHelper stops sending',
    ]);
  });

  it('relates a range over a field channel to its go statement and to where the package makes it', async () => {
    const r = await analyze({ paths: ['src/rules/unclosed-range/testdata'], cwd: ROOT, root: ROOT });
    const f = r.findings.find((x) => x.ruleId === 'unclosed-range' && x.file.endsWith('fields.go'))!;
    expect(f.related.map((l) => `${l.id} ${l.range.start.line}:${l.range.start.col} ${l.message}`)).toEqual([
      '1 16:2 the goroutine is started here',
      '2 15:21 c.outbox is made here and never closed',
    ]);
  });

  it('reports a range reached from two parents once, with both go statements', async () => {
    const r = await analyze({ paths: ['src/rules/unclosed-range/testdata'], cwd: ROOT, root: ROOT });
    const f = r.findings.find((x) => x.ruleId === 'unclosed-range' && x.range.start.line === 36)!;
    expect(f.related.map((l) => `${l.id} ${l.range.start.line}:${l.range.start.col} ${l.message}`)).toEqual([
      '1 44:2 the goroutine is started here',
      '2 43:13 results is made here and never closed',
      '3 227:2 the goroutine is also started here',
    ]);
  });
  it("takes a channel in a field of an object that never leaves its function for the function's own (testdata/abandoned/localfields.go)", async () => {
    const r = await analyze({ paths: ['testdata/abandoned/localfields.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'unclosed-range').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: RunConnectionClosed (a deferred close)
    expect(got).toEqual([
      'testdata/abandoned/localfields.go:16:2: `range write` never ends: this goroutine ranges over conn.write, which nothing closes, so it waits forever once RunConnection stops sending',
    ]);
  });
});
