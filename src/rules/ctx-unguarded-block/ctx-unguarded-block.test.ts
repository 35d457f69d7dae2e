// ctx-unguarded-block on its example file (the one its docs quote): the exact findings, line, column and message, and no
// other. The same lines carry `// want` markers that the corpus test checks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('ctx-unguarded-block', () => {
  it('reports exactly these findings on testdata/unguarded/unguarded.go', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/unguarded.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    expect(got).toEqual([
      "testdata/unguarded/unguarded.go:18:4: `rc <- true` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it",
      "testdata/unguarded/unguarded.go:31:5: `out <- process(j)` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it",
      "testdata/unguarded/unguarded.go:64:3: `select` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this select has no Done case",
      "testdata/unguarded/unguarded.go:121:4: `out <- v` can block forever: goroutine running loop observes ctx.Done() elsewhere, but this operation is not in a select with it",
      "testdata/unguarded/unguarded.go:220:5: `results <- v` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it",
      "testdata/unguarded/unguarded.go:280:4: `finished <- struct{}{}` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it",
    ]);
  });
  it('leaves the receive from the Done channel the goroutine was handed: that is its watch (testdata/unguarded/stopwait.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/stopwait.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 33 (`<-stopCh` at the end of controller.Run, handed ctx.Done())
    expect(got).toEqual([
      'testdata/unguarded/stopwait.go:47:2: `report <- "ready"` can block forever: goroutine running controller.RunReport observes stopCh (the Done channel it was handed) elsewhere, but this operation is not in a select with it',
    ]);
  });
  it("leaves a guard's one receive that its parent answers on every way on (testdata/unguarded/handshake.go)", async () => {
    const r = await analyze({ paths: ['testdata/unguarded/handshake.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 155 (GuardedDials sends done before every next iteration)
    expect(got).toEqual([
      'testdata/unguarded/handshake.go:178:4: `<-done` can block forever: goroutine running func literal observes dctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it('leaves a goroutine set up once for the program in a sync.Once (testdata/unguarded/once.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/once.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 25 (`<-sig` of the watcher StopContext installs once)
    expect(got).toEqual([
      'testdata/unguarded/once.go:43:3: `<-sig` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it("leaves a goroutine's one send that a func registered with t.Cleanup receives (testdata/unguarded/cleanup.go)", async () => {
    const r = await analyze({ paths: ['testdata/unguarded/cleanup.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 41 (the pinger sends once, and StartPingerStoppedAtCleanup's cleanup receives it)
    expect(got).toEqual([
      'testdata/unguarded/cleanup.go:70:6: `done <- err` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it('leaves the answer on a reply channel every requester made and waits on (testdata/unguarded/request.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/request.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 28 (Close makes errc and receives from it right after the request is taken)
    expect(got).toEqual([
      'testdata/unguarded/request.go:64:4: `reply <- count` can block forever: goroutine running rqServer.serve observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it('leaves the operations on a reply channel whose requester is another module\'s, and judges the module\'s own, direct or through an interface (src/rules/ctx-unguarded-block/testdata/requester)', async () => {
    const r = await analyze({ paths: ['src/rules/ctx-unguarded-block/testdata/requester'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 32 and 34 (the requests come from bloom.Session, another module's)
    const at = (line: number, col: number, op: string) => `src/rules/ctx-unguarded-block/testdata/requester/requester.go:${line}:${col}: \`${op}\` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it`;
    expect(got).toEqual([at(51, 13, '<-request'), at(53, 5, 'request <- task'), at(89, 13, '<-request'), at(91, 5, 'request <- task')]);
  });
  it('leaves the one send of a promise every caller awaits, in place or in a goroutine that cannot end without it (testdata/unguarded/awaited.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/awaited.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 59 (startCheckAwaited's callers both wait for the value)
    expect(got).toEqual([
      'testdata/unguarded/awaited.go:21:3: `errc <- errors.New("checked")` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it('leaves a send on a returned stream that every caller reads to its close (testdata/unguarded/drainedstream.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/drainedstream.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 27 (dsApplyAll, dsWatch's only caller, ranges over the stream with no way out)
    expect(got).toEqual([
      'testdata/unguarded/drainedstream.go:55:5: `ch <- ev` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it('leaves a send into a fresh one-slot channel the goroutine made for it (testdata/unguarded/replyslot.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/replyslot.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 24 and 46 (the first send after each make finds the slot)
    expect(got).toEqual([
      'testdata/unguarded/replyslot.go:48:4: `reply <- env` can block forever: goroutine running rsWorkerTwice observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it('leaves a receive that waits only for workers the goroutine starts itself (testdata/unguarded/fanin.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/fanin.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 42 (`<-results` of loadAll, fed by the loadShard workers it starts with the channel, each of which
    // cannot end without sending); 87 stays: loadShardOrSkip can return without a result
    expect(got).toEqual([
      'testdata/unguarded/fanin.go:59:8: `<-results` can block forever: goroutine running fiLoader.awaitOutside observes ctx.Done() elsewhere, but this operation is not in a select with it',
      'testdata/unguarded/fanin.go:87:8: `<-results` can block forever: goroutine running fiLoader.loadAllSkipping observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it('leaves a bare operation whose other half a sibling goroutine must do (testdata/unguarded/siblings.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/siblings.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    expect(got).toEqual([
      'testdata/unguarded/siblings.go:66:5: `events <- e` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
      'testdata/unguarded/siblings.go:124:6: `tickerDone <- struct{}{}` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
      'testdata/unguarded/siblings.go:155:3: `<-pauseCh` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
      'testdata/unguarded/siblings.go:172:3: `<-pauseCh` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
      'testdata/unguarded/siblings.go:213:5: `c <- e` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
      // 236:5 (`events <- e`, its draining sibling started on one branch only) is abandoned-sender's: the parent
      // never receives and can return with no sibling draining, so the leave paths report it and this rule defers
    ]);
  });
  it('leaves a goroutine whose starter runs once for the process (testdata/unguarded/setup.go, oncecmd)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/setup.go', 'testdata/unguarded/oncecmd'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    expect(got).toEqual([
      'testdata/unguarded/setup.go:32:4: `events <- 1` can block forever: goroutine running func literal observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
  it('leaves an operation whose every peer completes it and cannot give up (testdata/peers/peers.go)', async () => {
    const r = await analyze({ paths: ['testdata/peers/peers.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 100 (Checked: the helper the parent calls on every way receives once); 114 is abandoned-sender's
    expect(got).toEqual([]);
  });
  it('judges an answer on a request\'s reply channel (a struct field) when a requester can give up on it (testdata/reply/reply.go)', async () => {
    const r = await analyze({ paths: ['testdata/reply/reply.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-unguarded-block').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 86 (table.serve: Lookup waits for its answer once the request is taken), 166 (counter.serve: every reply channel has a slot for its answer)
    expect(got).toEqual([
      'testdata/reply/reply.go:43:5: `b.reply <- err` can block forever: goroutine running writer.loop observes w.ctx.Done() elsewhere, but this operation is not in a select with it',
      'testdata/reply/reply.go:126:4: `r.reply <- time.Millisecond` can block forever: goroutine running pinger.serve observes ctx.Done() elsewhere, but this operation is not in a select with it',
    ]);
  });
});
