// unsent-signal on its own testdata: the exact findings, and nothing else.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('unsent-signal', () => {
  it('reports exactly the goroutines that can return without the signal their parent waits for', async () => {
    const r = await analyze({ paths: ['src/rules/unsent-signal/testdata'], cwd: ROOT, root: ROOT });
    const got = r.findings
      .filter((f) => f.ruleId === 'unsent-signal')
      .map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)} [${f.related.map((x) => `${x.range.start.line}: ${x.message}`).join('; ')}]`);
    expect(got).toEqual([
      'src/rules/unsent-signal/testdata/deadwait.go:25:2: this goroutine waits on ack, and nothing sends on or closes ack: not this goroutine, nor any goroutine or call it hands the channel to, so the wait never ends [25: the goroutine is started here; 21: it waits on ack here; 19: ack is made here; nothing feeds it]',
      'src/rules/unsent-signal/testdata/signal.go:19:2: this goroutine can return without closing done, and Confirm waits on done for it: the wait never ends [19: the goroutine is started here; 26: the goroutine returns here without closing done; 20: Confirm waits on done here]',
      'src/rules/unsent-signal/testdata/signal.go:53:3: this goroutine can return without sending on res, and Watch waits on res for it: the wait never ends [53: the goroutine is started here; 58: the goroutine returns here without sending on res; 61: Watch waits on res here]',
      'src/rules/unsent-signal/testdata/signal_test.go:43:2: this goroutine can return without closing progressDone, and transfer waits on progressDone for it: the wait never ends [43: the goroutine is started here; 45: the goroutine returns here without closing progressDone; 49: transfer waits on progressDone here]',
      'src/rules/unsent-signal/testdata/waitloop.go:29:2: this goroutine waits on pending inside the loop that starts the goroutines marking it done, and `pending.Add(len(w.shards))` counted all of them before the loop: the first Wait waits for goroutines not started yet [29: the goroutine is started here; 24: it waits on pending here, in every iteration; 19: the loop that starts the goroutines; 18: pending counts every goroutine of the loop here]',
      'src/rules/unsent-signal/testdata/waitloop.go:47:2: this goroutine waits on wg inside the loop that starts the goroutines marking it done, and `wg.Add(2)` counted all of them before the loop: the first Wait waits for goroutines not started yet [47: the goroutine is started here; 42: it waits on wg here, in every iteration; 36: the loop that starts the goroutines; 35: wg counts every goroutine of the loop here]',
      'src/rules/unsent-signal/testdata/wgdone.go:24:3: this goroutine can return without calling wg.Done(), and SumAll waits on wg: the wait never ends [24: the goroutine is started here; 26: the goroutine returns here without calling wg.Done(); 34: SumAll waits on wg here]',
    ]);
  });
});
