// endless-goroutine on its own testdata: the exact findings, and nothing else.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('endless-goroutine', () => {
  it('reports exactly the goroutines whose channel loop has no way out', async () => {
    const r = await analyze({ paths: ['src/rules/endless-goroutine/testdata'], cwd: ROOT, root: ROOT });
    const got = r.findings
      .filter((f) => f.ruleId === 'endless-goroutine')
      .map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)} | ${f.related.map((l) => `${l.id} ${l.range.start.line}:${l.range.start.col} ${l.message}`).join('; ')}`);
    expect(got).toEqual([
      "src/rules/endless-goroutine/testdata/endless.go:23:2: `for { select … }` never ends: this goroutine started by NewWatermark has no way out of its loop (no case returns or breaks), so it outlives NewWatermark and everything it holds | 1 28:2 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:56:2: `for { … }` never ends: this goroutine started by StartRenewal has no way out of its loop (nothing in it returns or breaks), so it outlives StartRenewal and everything it holds | 1 57:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:88:2: `for range ticker.C` never ends: this goroutine started by NewClient has no way out of its loop (a ticker's channel is never closed), so it outlives NewClient and everything it holds | 1 89:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:117:2: `for range time.Tick(time.Second)` never ends: this goroutine started by NewTickClient has no way out of its loop (a ticker's channel is never closed), so it outlives NewTickClient and everything it holds | 1 118:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:137:2: `for { … }` never ends: this goroutine started by Server.Start has no way out of its loop (nothing in it returns or breaks), so it outlives Server.Start and everything it holds | 1 138:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:164:2: `for { select … }` never ends: this goroutine started by StartThroughHelper has no way out of its loop (no case returns or breaks), so it outlives StartThroughHelper and everything it holds | 1 28:2 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:184:2: `for { select … }` never ends: this goroutine started by StartPanicking has no way out of its loop (no case returns or breaks), so it outlives StartPanicking and everything it holds | 1 185:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:228:2: `for { … }` never ends: this goroutine started by StartGenerator has no way out of its loop (nothing in it returns or breaks), so it outlives StartGenerator and everything it holds | 1 229:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:289:2: `for range ticker.C` never ends: this goroutine started by Registry.StartPush has no way out of its loop (a ticker's channel is never closed), so it outlives Registry.StartPush and everything it holds | 1 290:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:320:2: `for range q.items` never ends: this goroutine started by NewQueue has no way out of its loop (nothing in its package closes q.items), so it outlives NewQueue and everything it holds | 1 325:2 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:374:2: `for { …, ok := <-q.pending }` never ends: this goroutine started by NewPollQueue has no way out of its loop (nothing in its package closes q.pending), so it outlives NewPollQueue and everything it holds | 1 380:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:428:2: `for { select … }` never ends: this goroutine started by NewPump has no way out of its loop (its way out waits on p.stop, which nothing in its package closes or sends on), so it outlives NewPump and everything it holds | 1 433:2 the loop that never ends",
      "src/rules/endless-goroutine/testdata/endless.go:534:2: `for range m.ticker.C` never ends: this goroutine started by NewMeter has no way out of its loop (a ticker's channel is never closed), so it outlives NewMeter and everything it holds | 1 540:2 the loop that never ends",
      "src/rules/endless-goroutine/testdata/getter/getter.go:25:2: `for { select … }` never ends: this goroutine started by NewMailbox has no way out of its loop (its way out waits on m.halt.wait(), which nothing in its package closes or sends on), so it outlives NewMailbox and everything it holds | 1 30:2 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:48:2: `for { select … }` never ends: this goroutine started by NewSampler has no way out of its loop (no case returns or breaks), so it outlives NewSampler and everything it holds | 1 51:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:71:2: `for { … }` never ends: this goroutine started by NewProbe has no way out of its loop (nothing in it returns or breaks), so it outlives NewProbe and everything it holds | 1 72:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:92:2: `for { … }` never ends: this goroutine started by Serve has no way out of its loop (nothing in it returns or breaks), so it outlives Serve and everything it holds | 1 93:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:104:2: `for { … }` never ends: this goroutine started by newRecorder has no way out of its loop (nothing in it returns or breaks), so it outlives newRecorder and everything it holds | 1 105:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:157:2: `for range t.relayed` never ends: this goroutine started by SignalTable.StartRelay has no way out of its loop (nothing in its package closes t.relayed), so it outlives SignalTable.StartRelay and everything it holds | 1 161:2 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:179:2: `for range q.jobs` never ends: this goroutine started by NamedQueue.Start has no way out of its loop (nothing in its package closes q.jobs), so it outlives NamedQueue.Start and everything it holds | 1 181:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:194:2: `for { … }` never ends: this goroutine started by RelayHangups has no way out of its loop (nothing in it returns or breaks), so it outlives RelayHangups and everything it holds | 1 195:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:212:2: `for { select … }` never ends: this goroutine started by Beacon.Run has no way out of its loop (its way out waits on b.acks, which nothing in its package closes or sends on), so it outlives Beacon.Run and everything it holds | 1 214:3 the loop that never ends",
      "src/rules/endless-goroutine/testdata/svc/svc.go:237:2: `for { select … }` never ends: this goroutine started by NewBackend has no way out of its loop (its way out waits on b.writes, which nothing in its package closes or sends on), so it outlives NewBackend and everything it holds | 1 243:2 the loop that never ends",
    ]);
  });

  it('leaves alone the goroutines that live as long as the process by design', async () => {
    // svc.NewFlusher and internal/ping's Pinger.Launch are reached only from cmd/flushd's main (through setup; the
    // `Launch` of ping's test file are a field and a method with two parameters); svc.InstallReload's goroutine
    // waits only on a channel registered with os/signal.Notify: all were reported before callers.ts and
    // signalHandler
    const r = await analyze({ paths: ['src/rules/endless-goroutine/testdata'], cwd: ROOT, root: ROOT });
    const lines = r.findings.filter((f) => f.ruleId === 'endless-goroutine' && f.file.endsWith('svc/svc.go')).map((f) => f.range.start.line);
    expect(lines).not.toContain(22);
    expect(lines).not.toContain(122);
    expect(r.findings.filter((f) => f.ruleId === 'endless-goroutine' && f.file.endsWith('ping/ping.go'))).toEqual([]);
  });
});
