// ctx-done-missing on its example file (the one its docs quote): the exact findings, line, column and message, and no
// other. The same lines carry `// want` markers that the corpus test checks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('ctx-done-missing', () => {
  it('reports exactly these findings on testdata/seed/seed.go', async () => {
    const r = await analyze({ paths: ['testdata/seed/seed.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    expect(got).toEqual([
      "testdata/seed/seed.go:28:2: goroutine running childSeed receives ctx but never observes ctx.Done(); it can block at `rc <- true` and leaks once ctx is cancelled",
    ]);
  });
  it('counts the sends on a field of a value the parent makes and keeps to itself (testdata/drained/sealed.go)', async () => {
    const r = await analyze({ paths: ['testdata/drained/sealed.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    expect(got).toEqual([
      'testdata/drained/sealed.go:50:2: goroutine running job.succeeded receives ctx but never observes ctx.Done(); it can block at `j.result <- nil` and leaks once ctx is cancelled',
      'testdata/drained/sealed.go:59:2: goroutine running job.succeeded receives ctx but never observes ctx.Done(); it can block at `j.result <- nil` and leaks once ctx is cancelled',
      'testdata/drained/sealed.go:65:2: goroutine running job.failed receives ctx but never observes ctx.Done(); it can block at `j.result <- errors.Join(errors.New(j.name), err)` and leaks once ctx is cancelled',
    ]);
  });
  it('counts the sends of the methods a goroutine calls on its own value (testdata/drained/selfcall.go)', async () => {
    const r = await analyze({ paths: ['testdata/drained/selfcall.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 32 (finish sends once on every path, directly or through reportFailure)
    expect(got).toEqual([
      'testdata/drained/selfcall.go:47:2: goroutine running restoreTask.finishLoud receives ctx but never observes ctx.Done(); it can block at `r.done <- err` and leaks once ctx is cancelled',
      'testdata/drained/selfcall.go:55:2: goroutine running restoreTask.finish receives ctx but never observes ctx.Done(); it can block at `r.done <- nil` and leaks once ctx is cancelled',
    ]);
  });
  it('leaves an operation completed by a goroutine its function starts itself (testdata/unguarded/handshake.go)', async () => {
    const r = await analyze({ paths: ['testdata/unguarded/handshake.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 56 (hsOpen's send meets hsWatchdog's receive on every path), 107 (hsStart's receive meets hsRun's report)
    expect(got).toEqual([
      'testdata/unguarded/handshake.go:84:2: goroutine running func literal captures ctx but never observes ctx.Done(); it can block at `ready <- struct{}{}` in hsOpenLate and leaks once ctx is cancelled',
      'testdata/unguarded/handshake.go:132:2: goroutine running func literal captures ctx but never observes ctx.Done(); it can block at `<-listening` in hsStartOrHang and leaks once ctx is cancelled',
    ]);
  });
  it('leaves a wait handed off in the Done case of the select that waited for it (testdata/basics/handoff.go)', async () => {
    const r = await analyze({ paths: ['testdata/basics/handoff.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 27 and 41 (started in the `case <-ctx.Done():` arm of the select that waited for outcome)
    expect(got).toEqual([
      'testdata/basics/handoff.go:56:2: goroutine running hoFinish receives ctx but never observes ctx.Done(); it can block at `<-outcome` and leaks once ctx is cancelled',
      'testdata/basics/handoff.go:69:3: goroutine running hoFinish receives ctx but never observes ctx.Done(); it can block at `<-outcome` and leaks once ctx is cancelled',
      'testdata/basics/handoff.go:77:3: goroutine running hoFinish receives ctx but never observes ctx.Done(); it can block at `<-outcome` and leaks once ctx is cancelled',
    ]);
  });
  it('leaves a goroutine that waits only for its own workers (testdata/basics/ownworkers.go)', async () => {
    const r = await analyze({ paths: ['testdata/basics/ownworkers.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    expect(got).toEqual([
      'testdata/basics/ownworkers.go:48:2: goroutine running waitShared receives ctx but never observes ctx.Done(); it can block at `wg.Wait()` and leaks once ctx is cancelled',
    ]);
  });
  it('leaves a range over a struct field a feeder goroutine of the same parent closes when it ends, or that a sibling method closes on every way once ctx is done (testdata/basics/fieldfeeder.go)', async () => {
    const r = await analyze({ paths: ['testdata/basics/fieldfeeder.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 33 (the feeder started before it defers close(m.tasks))
    expect(got).toEqual([
      'testdata/basics/fieldfeeder.go:56:2: goroutine running func literal receives ctx but never observes ctx.Done(); it can block at `for range m.other` and leaks once ctx is cancelled',
      'testdata/basics/fieldfeeder.go:75:2: goroutine running func literal receives ctx but never observes ctx.Done(); it can block at `for range m.tasks` and leaks once ctx is cancelled',
      'testdata/basics/fieldfeeder.go:114:2: goroutine running watcher.workOther receives w.ctx but never observes w.ctx.Done(); it can block at `for range w.other` and leaks once w.ctx is cancelled',
    ]);
  });
  it('leaves the process\'s signal handler, which waits only on a channel signal.Notify feeds, but not one whose channel signal.Stop silences (testdata/basics/signalwait.go)', async () => {
    const r = await analyze({ paths: ['testdata/basics/signalwait.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 19 (a second-signal handler)
    expect(got).toEqual([
      'testdata/basics/signalwait.go:29:2: goroutine running func literal captures ctx but never observes ctx.Done(); it can block at `<-force` and leaks once ctx is cancelled',
      'testdata/basics/signalwait.go:46:2: goroutine running func literal captures ctx but never observes ctx.Done(); it can block at `<-sigint` and leaks once ctx is cancelled',
    ]);
  });
  it('leaves a send on its own slot of a slice of fresh channels that the parent receives from one by one (testdata/basics/perelement.go)', async () => {
    const r = await analyze({ paths: ['testdata/basics/perelement.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 23 (ApplyAll: slot k per goroutine, every slot received from)
    expect(got).toEqual([
      'testdata/basics/perelement.go:40:3: goroutine running func literal captures ctx but never observes ctx.Done(); it can block at `slots[slot] <- peApply(ctx, item)` and leaks once ctx is cancelled',
      'testdata/basics/perelement.go:60:3: goroutine running func literal captures ctx but never observes ctx.Done(); it can block at `slots[0] <- peApply(ctx, item)` and leaks once ctx is cancelled',
      'testdata/basics/perelement.go:76:3: goroutine running func literal captures ctx but never observes ctx.Done(); it can block at `slots[slot] <- peApply(ctx, w)` and leaks once ctx is cancelled',
    ]);
  });
  it('leaves a wait for a callback the function handed to a call, and reports the closing func kept in a field (testdata/basics/callback.go)', async () => {
    const r = await analyze({ paths: ['testdata/basics/callback.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    expect(got).toEqual([
      'testdata/basics/callback.go:52:2: goroutine running requester.askHooked receives ctx but never observes ctx.Done(); it can block at `<-done` and leaks once ctx is cancelled',
    ]);
  });
  it('leaves a goroutine whose every peer completes its operation and cannot give up, through helpers and fields (testdata/peers/peers.go)', async () => {
    const r = await analyze({ paths: ['testdata/peers/peers.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'ctx-done-missing').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 45 (Gather: collect receives on every way), 76 (RunJob: the parent receives j.done on every way), 167
    // (Pipe: the feeder's deferred close completes the receive), 195 (PipeLit: the same close in a deferred literal)
    expect(got).toEqual([
      'testdata/peers/peers.go:52:2: goroutine running produce receives ctx but never observes ctx.Done(); it can block at `out <- work(ctx)` and leaks once ctx is cancelled',
      'testdata/peers/peers.go:59:2: goroutine running produce receives ctx but never observes ctx.Done(); it can block at `out <- work(ctx)` and leaks once ctx is cancelled',
      'testdata/peers/peers.go:60:2: goroutine running produce receives ctx but never observes ctx.Done(); it can block at `out <- work(ctx)` and leaks once ctx is cancelled',
      'testdata/peers/peers.go:82:2: goroutine running job.run receives ctx but never observes ctx.Done(); it can block at `j.done <- work(ctx)` and leaks once ctx is cancelled',
      'testdata/peers/peers.go:122:2: goroutine running produce receives ctx but never observes ctx.Done(); it can block at `out <- work(ctx)` and leaks once ctx is cancelled',
      'testdata/peers/peers.go:174:2: goroutine running pipe.first receives ctx but never observes ctx.Done(); it can block at `<-p.in` and leaks once ctx is cancelled',
      'testdata/peers/peers.go:210:2: goroutine running takeOne receives ctx but never observes ctx.Done(); it can block at `<-in` and leaks once ctx is cancelled',
    ]);
  });
});
