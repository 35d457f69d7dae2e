// unguarded-stream on its own testdata: the exact findings, and nothing else.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('unguarded-stream', () => {
  it('reports exactly the bare sends on channels the parent returns or hands off, unless every caller in the module drains the stream', async () => {
    const r = await analyze({ paths: ['src/rules/unguarded-stream/testdata'], cwd: ROOT, root: ROOT });
    const got = r.findings
      .filter((f) => f.ruleId === 'unguarded-stream')
      .map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)} | ${f.related.map((l) => `${l.range.start.line}:${l.range.start.col} ${l.message}`).join('; ')}`);
    expect(got).toEqual([
      'src/rules/unguarded-stream/testdata/callers.go:99:5: `out <- item{id}` can block forever: this goroutine sends on out, which catalog.matches returns to its caller, with no way out if the reader stops (catalog.has can stop reading early) | 95:2 the goroutine is started here; 94:9 out is made here without a buffer; 103:9 catalog.matches returns out here; 111:3 catalog.has calls catalog.matches and ranges over the channel, but can leave the loop early (break)',
      'src/rules/unguarded-stream/testdata/callers.go:123:5: `out <- item{id}` can block forever: this goroutine sends on out, which catalog.verified returns to its caller, with no way out if the reader stops (catalog.verifyAll can stop reading early) | 119:2 the goroutine is started here; 118:9 out is made here without a buffer; 127:9 catalog.verified returns out here; 134:4 catalog.verifyAll calls catalog.verified and ranges over the channel, but can leave the loop early (return)',
      'src/rules/unguarded-stream/testdata/callers.go:147:5: `out <- item{id}` can block forever: this goroutine sends on out, which catalog.Entries returns to its caller, with no way out if the reader stops | 143:2 the goroutine is started here; 142:9 out is made here without a buffer; 151:9 catalog.Entries returns out here',
      'src/rules/unguarded-stream/testdata/callers.go:161:5: `out <- item{id}` can block forever: this goroutine sends on out, which catalog.snapshot returns to its caller, with no way out if the reader stops (catalog.Publish hands it on) | 157:2 the goroutine is started here; 156:9 out is made here without a buffer; 165:9 catalog.snapshot returns out here; 170:19 catalog.Publish calls catalog.snapshot and hands the channel on',
      'src/rules/unguarded-stream/testdata/callers.go:208:5: `out <- item{id}` can block forever: this goroutine sends on out, which catalog.recent returns to its caller, with no way out if the reader stops (catalog.latest can stop reading early) | 204:2 the goroutine is started here; 203:9 out is made here without a buffer; 212:9 catalog.recent returns out here; 223:3 catalog.latest calls catalog.newest, which returns the channel of catalog.recent, and ranges over the channel, but can leave the loop early (return)',
      'src/rules/unguarded-stream/testdata/closure.go:20:5: `out <- item{id}` can block forever: this goroutine sends on out, which PutCmd.Run hands to code goleash cannot see, with no way out if the reader stops | 24:3 the goroutine is started here; 13:10 out is made here with a buffer of 8, which the stream fills; 14:3 PutCmd.Run hands out on here',
      'src/rules/unguarded-stream/testdata/closure.go:61:5: `out <- item{k}` can block forever: this goroutine sends on out, which Dups hands to code goleash cannot see, with no way out if the reader stops | 57:2 the goroutine is started here; 55:9 out is made here with a buffer of 128, which the stream fills; 56:2 Dups hands out on here',
      'src/rules/unguarded-stream/testdata/closure.go:83:2: `out <- item{id}` can block forever: this goroutine sends on out, which Forward returns to its caller, with no way out if the reader stops | 89:2 the goroutine is started here; 88:9 out is made here without a buffer; 97:9 Forward returns out here',
      'src/rules/unguarded-stream/testdata/closure.go:127:3: `out <- item{id}` can block forever: this goroutine sends on out, which ForwardAll returns to its caller, with no way out if the reader stops | 134:2 the goroutine is started here; 133:9 out is made here without a buffer; 140:9 ForwardAll returns out here',
      'src/rules/unguarded-stream/testdata/single.go:36:5: `errs <- fmt.Errorf("bad event %d", e)` can block forever: this goroutine sends on errs, which WatchAll returns to its caller, with no way out if the reader stops | 33:2 the goroutine is started here; 32:10 errs is made here with a buffer of 1, which the stream fills; 41:9 WatchAll returns errs here',
      'src/rules/unguarded-stream/testdata/stream.go:22:5: `out <- item{id}` can block forever: this goroutine sends on out, which Verify returns to its caller, with no way out if the reader stops | 18:2 the goroutine is started here; 17:9 out is made here without a buffer; 26:9 Verify returns out here',
      'src/rules/unguarded-stream/testdata/stream.go:69:5: `out <- item{id}` can block forever: this goroutine sends on out, which Serve hands to code goleash cannot see, with no way out if the reader stops | 65:2 the goroutine is started here; 63:9 out is made here without a buffer; 64:2 Serve hands out on here',
      'src/rules/unguarded-stream/testdata/stream.go:109:4: `out <- item{id}` can block forever: this goroutine sends on out, which Started returns to its caller, with no way out if the reader stops | 118:2 the goroutine is started here; 117:9 out is made here without a buffer; 119:9 Started returns out here',
      'src/rules/unguarded-stream/testdata/stream.go:136:5: `out <- item{i}` can block forever: this goroutine sends on out, which ListCmd.Run hands to code goleash cannot see, with no way out if the reader stops | 133:3 the goroutine is started here; 131:10 out is made here without a buffer; 132:3 ListCmd.Run hands out on here',
      'src/rules/unguarded-stream/testdata/stream.go:152:4: `out <- item{f}` can block forever: this goroutine sends on out, which ServeInline hands to code goleash cannot see, with no way out if the reader stops | 149:2 the goroutine is started here; 147:9 out is made here without a buffer; 148:2 ServeInline hands out on here',
      'src/rules/unguarded-stream/testdata/stream.go:216:4: `out <- x` can block forever: this goroutine sends on out, which RelayAll returns to its caller, with no way out if the reader stops | 213:2 the goroutine is started here; 212:9 out is made here without a buffer; 219:9 RelayAll returns out here',
      'src/rules/unguarded-stream/testdata/stream.go:229:5: `out <- x` can block forever: this goroutine sends on out, which ForwardParam returns to its caller, with no way out if the reader stops | 225:2 the goroutine is started here; 224:9 out is made here without a buffer; 233:9 ForwardParam returns out here',
    ]);
  });
});
