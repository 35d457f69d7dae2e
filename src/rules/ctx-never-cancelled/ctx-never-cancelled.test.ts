// ctx-never-cancelled on its own testdata: the exact findings, and nothing else.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('ctx-never-cancelled', () => {
  it('reports exactly the goroutines whose only way out is a cancel that never comes', async () => {
    const r = await analyze({ paths: ['src/rules/ctx-never-cancelled/testdata'], cwd: ROOT, root: ROOT });
    const got = r.findings
      .filter((f) => f.ruleId === 'ctx-never-cancelled')
      .map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)} [${f.related.map((x) => `${x.range.start.line}: ${x.message}`).join('; ')}]`);
    expect(got).toEqual([
      'src/rules/ctx-never-cancelled/testdata/cancel.go:17:2: this goroutine ends only when ctx is cancelled, and ErrorBeforeCancel can return without calling cancel: nothing cancels it, and the goroutine waits forever [17: the goroutine is started here; 22: ErrorBeforeCancel returns here without calling cancel]',
      'src/rules/ctx-never-cancelled/testdata/cancel.go:55:2: this goroutine ends only when ctx is cancelled, and the cancel function of ctx is discarded: nothing cancels it, and the goroutine waits forever [55: the goroutine is started here; 54: the cancel function is discarded here]',
      'src/rules/ctx-never-cancelled/testdata/fieldleak/fieldleak.go:26:2: this goroutine ends only when s.ctx is cancelled, and the cancel function of s.ctx is kept in field cancel, which no code of the package calls: nothing cancels it, and the goroutine waits forever [26: the goroutine is started here; 25: the cancel function is stored in s.cancel here]',
      'src/rules/ctx-never-cancelled/testdata/fieldleak/fieldleak.go:50:2: this goroutine ends only when ctx is cancelled, and the cancel function of ctx is kept in field stop, which no code of the package calls: nothing cancels it, and the goroutine waits forever [50: the goroutine is started here; 49: the cancel function is stored in rs.stop here]',
      'src/rules/ctx-never-cancelled/testdata/fieldleak/fieldleak.go:68:2: this goroutine ends only when ctx is cancelled, and Watcher.Start can return without calling cancel: nothing cancels it, and the goroutine waits forever [68: the goroutine is started here; 76: Watcher.Start returns here without calling cancel]',
      'src/rules/ctx-never-cancelled/testdata/fieldleak/fieldleak.go:88:2: this goroutine ends only when ctx is cancelled, and Open can return without calling cancel: nothing cancels it, and the goroutine waits forever [88: the goroutine is started here; 89: Open returns here without calling cancel]',
      'src/rules/ctx-never-cancelled/testdata/fieldleak/fieldleak.go:105:2: this goroutine ends only when p.ctx is cancelled, and the cancel function of p.ctx is discarded: nothing cancels it, and the goroutine waits forever [105: the goroutine is started here; 104: the cancel function is discarded here]',
      'src/rules/ctx-never-cancelled/testdata/handle/handle.go:27:2: this goroutine ends only when ctx is cancelled, and Pool.acquire keeps release only in l, which it returns and Pool.Ping drops: nothing cancels it, and the goroutine waits forever [27: the goroutine is started here; 28: Pool.acquire returns here without calling release; 33: Pool.acquire is called here and its results dropped]',
      'src/rules/ctx-never-cancelled/testdata/handle/handle.go:54:2: this goroutine ends only when ctx is cancelled, and Borrow keeps release only in l, which no code can reach once it returns: nothing cancels it, and the goroutine waits forever [54: the goroutine is started here; 55: Borrow returns here without calling release]',
      'src/rules/ctx-never-cancelled/testdata/handle/handle.go:89:2: this goroutine ends only when ctx is cancelled, and openLease keeps release only in l, which it returns and Sweep drops: nothing cancels it, and the goroutine waits forever [89: the goroutine is started here; 90: openLease returns here without calling release; 94: openLease is called here and its results dropped]',
    ]);
  });
});
