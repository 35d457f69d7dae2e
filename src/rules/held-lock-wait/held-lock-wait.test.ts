// held-lock-wait on its own testdata: the exact findings, with their related locations, and nothing else.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('held-lock-wait', () => {
  it('reports exactly the waits made with a mutex held that every other side of the channel takes first', async () => {
    const r = await analyze({ paths: ['src/rules/held-lock-wait/testdata'], cwd: ROOT, root: ROOT });
    const got = r.findings
      .filter((f) => f.ruleId === 'held-lock-wait')
      .map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)} [${f.related.map((x) => `${x.range.start.line}: ${x.message}`).join('; ')}]`);
    expect(got).toEqual([
      "src/rules/held-lock-wait/testdata/locks.go:18:3: `<-p.wake` blocks forever: this goroutine receives from p.wake, which has no buffer, while it holds p.mu, and every operation that could send on it (in pump.push) takes that mutex first [36: the goroutine is started here; 16: pump.sleep takes p.mu here; it is still held at the wait; 27: pump.push holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/locks.go:82:2: `f.events <- s` blocks forever: this goroutine sends on f.events, which has no buffer, while it holds f.lock, and every operation that could receive from or close it (in feed.next, feed.shutdown) takes that mutex first [105: the goroutine is started here; 80: feed.publish takes f.lock here; it is still held at the wait; 89: feed.next holds the same mutex here; 98: feed.shutdown holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/locks.go:150:2: `l.notes <- n` blocks forever: this goroutine sends on l.notes, which has no buffer, while it holds l.mu, and every operation that could receive from or close it (in ledger.consume) takes that mutex first [164: the goroutine is started here; 165: StartLedger takes l.mu here; it is still held at the wait; 156: ledger.consume holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/locks.go:209:9: `<-g.ticks` blocks forever: this goroutine receives from g.ticks, which has no buffer, while it holds g.mu, and every operation that could send on it (in gauge.tick) takes that mutex first [233: the goroutine is started here; 207: gauge.watch takes g.mu here; it is still held at the wait; 214: gauge.tick holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/locks.go:214:2: `g.ticks <- 1` blocks forever: this goroutine sends on g.ticks, which has no buffer, while it holds g.mu, and every operation that could receive from or close it (in gauge.watch) takes that mutex first [234: the goroutine is started here; 213: gauge.tick takes g.mu here; it is still held at the wait; 209: gauge.watch holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/shapes.go:18:2: `t.reset <- true` blocks forever: this goroutine sends on t.reset, which has no buffer, while it holds t.mu, and every operation that could receive from or close it (in throttle.stop) takes that mutex first [32: the goroutine is started here; 13: throttle.poke takes t.mu here; it is still held at the wait; 24: throttle.stop holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/shapes.go:47:2: `select` blocks forever: this goroutine waits on b.up and b.down, which have no buffer, while it holds b.mu, and every operation that could complete one of its cases (in board.raise, board.lower) takes that mutex first [70: the goroutine is started here; 45: board.wait takes b.mu here; it is still held at the wait; 57: board.raise holds the same mutex here; 63: board.lower holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/shapes.go:57:2: `b.up <- 1` blocks forever: this goroutine sends on b.up, which has no buffer, while it holds b.mu, and every operation that could receive from or close it (in board.wait) takes that mutex first [71: the goroutine is started here; 56: board.raise takes b.mu here; it is still held at the wait; 48: board.wait holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/shapes.go:63:2: `b.down <- 1` blocks forever: this goroutine sends on b.down, which has no buffer, while it holds b.mu, and every operation that could receive from or close it (in board.wait) takes that mutex first [72: the goroutine is started here; 62: board.lower takes b.mu here; it is still held at the wait; 50: board.wait holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/shapes.go:113:2: `range t.votes` blocks forever: this goroutine receives from t.votes, which has no buffer, while it holds t.mu, and every operation that could send on it (in tally.vote) takes that mutex first [127: the goroutine is started here; 111: tally.count takes t.mu here; it is still held at the wait; 121: tally.vote holds the same mutex here]",
      "src/rules/held-lock-wait/testdata/shapes.go:121:2: `t.votes <- v` blocks forever: this goroutine sends on t.votes, which has no buffer, while it holds t.mu, and every operation that could receive from or close it (in tally.count) takes that mutex first [128: the goroutine is started here; 119: tally.vote takes t.mu here; it is still held at the wait; 113: tally.count holds the same mutex here]",
    ]);
  });
});
