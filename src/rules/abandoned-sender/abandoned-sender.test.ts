// abandoned-sender on its example file (the one its docs quote): the exact findings, line, column and message, and no
// other. The same lines carry `// want` markers that the corpus test checks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

/** abandoned-sender's findings on these paths, as `file:line:col: message`. */
async function findings(paths: string[]): Promise<string[]> {
  const r = await analyze({ paths, cwd: ROOT, root: ROOT });
  return r.findings.filter((f) => f.ruleId === 'abandoned-sender').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
}

describe('abandoned-sender', () => {
  it('reports exactly these findings on testdata/abandoned/abandoned.go', async () => {
    const got = await findings(['testdata/abandoned/abandoned.go']);
    expect(got).toEqual([
      "testdata/abandoned/abandoned.go:21:3: `ch <- slowCall()` blocks forever: this goroutine sends on ch, which has no buffer, and Timeout can return on `<-ctx.Done()` without receiving from ch",
      "testdata/abandoned/abandoned.go:35:3: `ch <- slowCall()` blocks forever: this goroutine sends on ch, which has no buffer, and Timer can return on `<-time.After(time.Second)` without receiving from ch",
      "testdata/abandoned/abandoned.go:80:3: `ch <- slowCall()` blocks forever: this goroutine sends on ch, which has no buffer, and EarlyReturn can return before receiving from ch",
      "testdata/abandoned/abandoned.go:93:4: `ch <- query(s)` blocks forever: this goroutine sends on ch, which has no buffer, and FirstWins starts one sender per loop iteration but receives from ch once",
      "testdata/abandoned/abandoned.go:119:4: `ch <- errors.New(s)` blocks forever: this goroutine sends on ch, which has no buffer, and ErrorStopsReceiving can return before receiving from ch",
      "testdata/abandoned/abandoned.go:132:2: `ch <- slowCall()` blocks forever: this goroutine sends on ch, which has no buffer, and NamedSender can return on `<-ctx.Done()` without receiving from ch",
      "testdata/abandoned/abandoned.go:166:3: `ch <- withCtx(context.Background(), \"x\")` blocks forever: this goroutine sends on ch, which has no buffer, and Both can return on `<-ctx.Done()` without receiving from ch",
      "testdata/abandoned/abandoned.go:210:4: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and TwoResults can return on `<-timeout` without receiving from errCh",
      "testdata/abandoned/abandoned.go:213:3: `resCh <- r` blocks forever: this goroutine sends on resCh, which has no buffer, and TwoResults can return on `<-timeout` without receiving from resCh",
      "testdata/abandoned/abandoned.go:229:3: `ch <- slowCall()` blocks forever: this goroutine sends on ch, which has no buffer, and Stoppable can return on `<-stopCh` without receiving from ch",
      "testdata/abandoned/abandoned.go:243:3: `ch <- slowCall()` blocks forever: this goroutine sends on ch, which has no buffer, and NoWait can return on `default` without receiving from ch",
    ]);
  });
  it('leaves a server goroutine whose parent stops that server on its way out, and reports the true leaks beside it (src/rules/abandoned-sender/testdata/serve)', async () => {
    const got = await findings(['src/rules/abandoned-sender/testdata/serve/serve.go']);
    expect(got).toEqual([
      'src/rules/abandoned-sender/testdata/serve/serve.go:128:3: `errCh <- srv.ListenAndServe()` blocks forever: this goroutine sends on errCh, which has no buffer, and Unconditional can return on `<-ctx.Done()` without receiving from errCh',
      'src/rules/abandoned-sender/testdata/serve/serve.go:143:4: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and NilGuardHTTP can return on `<-ctx.Done()` without receiving from errCh',
      'src/rules/abandoned-sender/testdata/serve/serve.go:159:4: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and NoStop can return on `<-ctx.Done()` without receiving from errCh',
      'src/rules/abandoned-sender/testdata/serve/serve.go:175:4: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and OtherServer can return on `<-ctx.Done()` without receiving from errCh',
      'src/rules/abandoned-sender/testdata/serve/serve.go:191:4: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and StopOnOtherPath can leave on `<-ctx.Done()` without receiving from errCh',
      'src/rules/abandoned-sender/testdata/serve/serve.go:206:3: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and RunNamedOther can return on `<-ctx.Done()` without receiving from errCh',
      'src/rules/abandoned-sender/testdata/serve/serve.go:265:3: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and LogThenSend can return on `<-ctx.Done()` without receiving from errCh',
      'src/rules/abandoned-sender/testdata/serve/serve.go:315:4: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and gateway.RunAdmin can return on `<-ctx.Done()` without receiving from errCh',
    ]);
  });
  it('judges a promise (a channel a function only returns) at the call sites that can leave without receiving (testdata/abandoned/promise.go)', async () => {
    const got = await findings(['testdata/abandoned/promise.go']);
    expect(got).toEqual([
      'testdata/abandoned/promise.go:16:3: `done <- job()` blocks forever: this goroutine sends on done, which has no buffer and which startJob only returns, and WaitJob can leave on `<-ctx.Done()` without receiving from what startJob returns',
      'testdata/abandoned/promise.go:41:3: `out <- key + "!"` blocks forever: this goroutine sends on out, which has no buffer and which lookup only returns, and Resolve can leave on `<-time.After(time.Second)` without receiving from what lookup returns',
      'testdata/abandoned/promise.go:61:3: `body <- []byte(f.base + path)` blocks forever: this goroutine sends on body, which has no buffer and which fetcher.fetch only returns, and fetcher.Page can return without receiving from what fetcher.fetch returns',
    ]);
  });
  it('reports the goroutine of an object its starter drops on a way back, waiting on channels made for that object (testdata/abandoned/owner.go)', async () => {
    const got = await findings(['testdata/abandoned/owner.go']);
    expect(got).toEqual([
      'testdata/abandoned/owner.go:19:3: `select` blocks forever: this goroutine waits for rl.reqs and rl.stop, channels made for the object it runs on, and NewRelay can return without rl (it neither returns rl nor uses it again): nothing else can ever send on or close them',
      'testdata/abandoned/owner.go:83:2: `range b.jobs` blocks forever: this goroutine waits for bt.jobs, channels made for the object it runs on, and NewBatcher can return without bt (it neither returns bt nor uses it again): nothing else can ever send on or close them',
      'testdata/abandoned/owner.go:175:4: `select` blocks forever: this goroutine waits for ct.out and ct.stop, channels made for the object it runs on, and NewCounter can return without ct (it neither returns ct nor uses it again): nothing else can ever send on or close them',
      'testdata/abandoned/owner.go:234:3: `select` blocks forever: this goroutine waits for tr.events and tr.stop, channels made for the object it runs on, and NewTracker can return without tr (it neither returns tr nor uses it again): nothing else can ever send on or close them',
      'testdata/abandoned/owner.go:307:3: `range q` blocks forever: this goroutine waits for d.queue, channels made for the object it runs on, and Dial can return without d (it neither returns d nor uses it again): nothing else can ever send on or close them',
    ]);
  });

  it('takes a receive from the channel a WaitGroup closer closes as the end of the sends of the goroutines that mark the group done after them (testdata/abandoned/closer.go)', async () => {
    const got = await findings(['testdata/abandoned/closer.go']);
    expect(got).toEqual([
      'testdata/abandoned/closer.go:47:5: `errCh <- err` blocks forever: this goroutine sends on errCh, which has no buffer, and CollectFirst starts one sender per loop iteration but receives from errCh once',
    ]);
  });

  it('takes a way out on a signal (a channel of signal.Notify, a context of signal.NotifyContext) as the process ending, not a leave (testdata/abandoned/shutdown.go)', async () => {
    const got = await findings(['testdata/abandoned/shutdown.go']);
    expect(got).toEqual([
      'testdata/abandoned/shutdown.go:33:3: `done <- work()` blocks forever: this goroutine sends on done, which has no buffer, and TimedOut can return on `<-time.After(time.Minute)` without receiving from done',
      'testdata/abandoned/shutdown.go:73:3: `res <- work()` blocks forever: this goroutine sends on res, which has no buffer, and WithDeadline can return on `<-ctx.Done()` without receiving from res',
    ]);
  });

  it('takes a panic the parent recovers from, its own or that of a function it calls, as a return (testdata/abandoned/recovered.go)', async () => {
    const got = await findings(['testdata/abandoned/recovered.go']);
    expect(got).toEqual([
      'testdata/abandoned/recovered.go:11:3: `res <- f()` blocks forever: this goroutine sends on res, which has no buffer, and Guarded can return before receiving from res',
      'testdata/abandoned/recovered.go:69:3: `res <- f()` blocks forever: this goroutine sends on res, which has no buffer, and GuardedCall can return before receiving from res',
    ]);
  });
  it("takes Ginkgo's Fail (dot-imported) as a failing spec, not a leave path (src/rules/abandoned-sender/testdata/spec)", async () => {
    const got = await findings(['src/rules/abandoned-sender/testdata/spec/spec_test.go']);
    // silent: 17 (TestFailsOnTimeout fails the spec on its timeout)
    expect(got).toEqual([
      'src/rules/abandoned-sender/testdata/spec/spec_test.go:33:3: `got <- fetch()` blocks forever: this goroutine sends on got, which has no buffer, and TestLeavesOnTimeout can return on `<-time.After(time.Second)` without receiving from got',
    ]);
  });
  it('follows a send the goroutine makes inside sync.Once.Do, which runs in place at most once (testdata/abandoned/oncedo.go)', async () => {
    const got = await findings(['testdata/abandoned/oncedo.go']);
    expect(got).toEqual([
      'testdata/abandoned/oncedo.go:14:4: `ready <- load()` blocks forever: this goroutine sends on ready, which has no buffer, and Warmup can leave on `<-ctx.Done()` without receiving from ready',
    ]);
  });
  it('judges a return by control flow from the go statement, not by its place in the text (testdata/abandoned/branches.go)', async () => {
    const got = await findings(['testdata/abandoned/branches.go']);
    expect(got).toEqual([
      'testdata/abandoned/branches.go:31:5: `ch <- x` blocks forever: this goroutine sends on ch, which has no buffer, and ExclusiveSenders can return after receiving from ch once, fewer than the many sends of the goroutine it starts',
      'testdata/abandoned/branches.go:52:3: `ch <- e` blocks forever: this goroutine sends on ch, which has no buffer, and SenderThenReturn can return before receiving from ch',
    ]);
  });
  it('counts a send a once-flag (or a counter that only grows, tested for zero) guards as one send (testdata/abandoned/onceflag.go)', async () => {
    const got = await findings(['testdata/abandoned/onceflag.go']);
    expect(got).toEqual([
      "testdata/abandoned/onceflag.go:49:5: `addrCh <- r.payload` blocks forever: this goroutine sends on addrCh, whose buffer of 1 this goroutine's sends can fill, and EveryForward can return on `<-timer.C` without receiving from addrCh",
      "testdata/abandoned/onceflag.go:109:3: `success <- r` blocks forever: this goroutine sends on success, whose buffer of 1 this goroutine's sends can fill, and PickAll can return on `<-ctx.Done()` without receiving from success",
      'testdata/abandoned/onceflag.go:160:6: `addrCh <- line` blocks forever: this goroutine sends on addrCh, which has no buffer, and ListenAddrs can return after receiving from addrCh once, fewer than the many sends of the goroutine it starts',
      'testdata/abandoned/onceflag.go:205:5: `started <- err` blocks forever: this goroutine sends on started, whose buffer of 1 the sends can fill, and SuperviseReset can return after receiving from started once, fewer than the many sends of the goroutine it starts',
      'testdata/abandoned/onceflag.go:229:5: `started <- err` blocks forever: this goroutine sends on started, whose buffer of 1 the sends can fill, and SuperviseSkip can return after receiving from started once, fewer than the many sends of the goroutine it starts',
    ]);
  });
  it('leaves senders whose parent closes the channel on its way out (testdata/abandoned/closeafter.go)', async () => {
    const got = await findings(['testdata/abandoned/closeafter.go']);
    expect(got).toEqual([
      'testdata/abandoned/closeafter.go:38:5: `ch <- s` blocks forever: this goroutine sends on ch, which has no buffer, and FirstReadyOpen can return on `<-time.After(time.Second)` without receiving from ch',
      'testdata/abandoned/closeafter.go:56:5: `ch <- s` blocks forever: this goroutine sends on ch, which has no buffer, and FirstReadySome starts one sender per loop iteration but receives from ch once',
    ]);
  });
  it('counts a send whose if branch falls through to a break as one send (testdata/abandoned/breakafter.go)', async () => {
    const got = await findings(['testdata/abandoned/breakafter.go']);
    expect(got).toEqual([
      "testdata/abandoned/breakafter.go:55:6: `errCh <- err` blocks forever: this goroutine sends on errCh, whose buffer of 2 this goroutine's sends can fill, and ReadBothOn can return on `<-ctx.Done()` without receiving from errCh",
      "testdata/abandoned/breakafter.go:66:6: `errCh <- err` blocks forever: this goroutine sends on errCh, whose buffer of 2 this goroutine's sends can fill, and ReadBothOn can return on `<-ctx.Done()` without receiving from errCh",
    ]);
  });
  it('counts the sends of a loop with constant bounds its body cannot change (testdata/abandoned/counted.go, testdata/go125/counted)', async () => {
    const got = await findings(['testdata/abandoned/counted.go', 'testdata/go125/counted']);
    expect(got).toEqual([
      'testdata/abandoned/counted.go:27:4: `ch <- part(i)` blocks forever: this goroutine sends on ch, which has no buffer, and TwoOfThree can return after receiving from ch 2 times, fewer than the 3 sends of the goroutine it starts',
      'testdata/abandoned/counted.go:40:4: `ch <- part(i)` blocks forever: this goroutine sends on ch, which has no buffer, and Rewinds can return after receiving from ch 2 times, fewer than the many sends of the goroutine it starts',
      'testdata/go125/counted/counted.go:23:4: `ch <- part(i)` blocks forever: this goroutine sends on ch, which has no buffer, and RangeThree can return after receiving from ch 2 times, fewer than the 3 sends of the goroutine it starts',
    ]);
  });
  it('follows a channel into a generic function called with explicit type arguments (testdata/abandoned/generic.go)', async () => {
    const got = await findings(['testdata/abandoned/generic.go']);
    expect(got).toEqual([
      'testdata/abandoned/generic.go:39:3: `src <- 1` blocks forever: this goroutine sends on src, which has no buffer, and Probe can return on `<-ctx.Done()` without receiving from src',
    ]);
  });
  it('leaves a channel made into a variable of an enclosing function to that function (testdata/abandoned/captured.go)', async () => {
    const got = await findings(['testdata/abandoned/captured.go']);
    expect(got).toEqual([
      'testdata/abandoned/captured.go:29:4: `res <- dial()` blocks forever: this goroutine sends on res, which has no buffer, and HookOwnChannel can return before receiving from res',
    ]);
  });
  it('reads a labelled loop with a comment after its label as that label\'s loop (testdata/abandoned/labelcomment.go)', async () => {
    const got = await findings(['testdata/abandoned/labelcomment.go']);
    expect(got).toEqual([
      'testdata/abandoned/labelcomment.go:30:3: `errCh <- upload(progress)` blocks forever: this goroutine sends on errCh, which has no buffer, and UploadFirst can leave on `<-progress` without receiving from errCh',
    ]);
  });
  it('leaves a sender its starter can strand only once for the process (src/rules/abandoned-sender/testdata/once)', async () => {
    const got = await findings(['src/rules/abandoned-sender/testdata/once']);
    expect(got).toEqual([
      'src/rules/abandoned-sender/testdata/once/internal/boot/boot.go:31:3: `errCh <- greet()` blocks forever: this goroutine sends on errCh, which has no buffer, and Serve can return on `<-ctx.Done()` without receiving from errCh',
    ]);
  });
  it('reports an object never closed: a constructor\'s goroutine only its owner can end, dropped by a caller that keeps it but never closes it (testdata/abandoned/unclosed.go)', async () => {
    const got = await findings(['testdata/abandoned/unclosed.go']);
    expect(got).toEqual([
      'testdata/abandoned/unclosed.go:30:3: `select` blocks forever: this goroutine waits for t.quit, channels made for the object newTicker returns, and CountBeats keeps it in tk but never hands it on or calls a method that could send on or close them',
      'testdata/abandoned/unclosed.go:90:4: `select` blocks forever: this goroutine waits for f.done and f.items, channels made for the object openFeed returns, and SumFeed keeps it in f but never hands it on or calls a method that could send on or close them',
    ]);
  });
  it('counts the receives of a helper the parent hands the channel to, through its ways back (testdata/abandoned/helperrecv.go)', async () => {
    const got = await findings(['testdata/abandoned/helperrecv.go']);
    expect(got).toEqual([
      'testdata/abandoned/helperrecv.go:47:4: `reqs <- r` blocks forever: this goroutine sends on reqs, which has no buffer, and server.Serve can leave through server.process, which returns on `<-s.ctx.Done()` without receiving from reqs',
      'testdata/abandoned/helperrecv.go:87:3: `errc <- work()` blocks forever: this goroutine sends on errc, which has no buffer, and RunTimed can leave through waitErr, which returns on `<-time.After(d)` without receiving from errc',
      'testdata/abandoned/helperrecv.go:127:3: `errc <- work()` blocks forever: this goroutine sends on errc, which has no buffer, and RunRelayed can leave through waitErr, which returns on `<-time.After(d)` without receiving from errc',
      'testdata/abandoned/helperrecv.go:178:3: `res <- load()` blocks forever: this goroutine sends on res, which has no buffer and which startLoad only returns, and WaitLoad can leave through waitErr, which returns on `<-time.After(d)` without receiving from what startLoad returns',
      'testdata/abandoned/helperrecv.go:223:3: `ch <- get()` blocks forever: this goroutine sends on ch, which has no buffer, and ReadUntil can leave through readOrCancel, which returns on `<-ctx.Done()` without receiving from ch',
    ]);
  });
  it('counts the sends the goroutine makes through a helper as its own, and reports the helper\'s send (testdata/abandoned/helpersend.go)', async () => {
    const got = await findings(['testdata/abandoned/helpersend.go']);
    expect(got).toEqual([
      'testdata/abandoned/helpersend.go:12:2: `out <- v` blocks forever: this goroutine sends on results, which has no buffer, and FetchVia can leave on `<-ctx.Done()` without receiving from results',
    ]);
  });
  it('takes a way out by a package\'s own Done() for the process ending, and a timeout beside it for a leave (testdata/abandoned/lifetime.go)', async () => {
    const got = await findings(['testdata/abandoned/lifetime.go']);
    expect(got).toEqual([
      'testdata/abandoned/lifetime.go:28:3: `errc <- work()` blocks forever: this goroutine sends on errc, which has no buffer, and UntilShutdownOrTimeout can leave on `<-time.After(time.Second)` without receiving from errc',
    ]);
  });
  it('takes the Done of a ctx the goroutine cancels after its sends for their completion (testdata/abandoned/completion.go)', async () => {
    const got = await findings(['testdata/abandoned/completion.go']);
    expect(got).toEqual([
      'testdata/abandoned/completion.go:10:3: `out <- l` blocks forever: this goroutine sends on out, which has no buffer, and CollectEarly can leave on `<-ctx.Done()` without receiving from out',
    ]);
  });
  it('takes an error return into a command action (an element of a []*cli.Command literal, its type elided) as the process ending (src/rules/abandoned-sender/testdata/tool)', async () => {
    const got = await findings(['src/rules/abandoned-sender/testdata/tool']);
    expect(got).toEqual([
      'src/rules/abandoned-sender/testdata/tool/tool.go:50:3: `done <- fetch()` blocks forever: this goroutine sends on done, which has no buffer, and installOnce can return on `<-time.After(time.Second)` without receiving from done',
    ]);
  });
  it('counts a one-slot buffer against the sends of workers started in a loop, and stays silent for a slot per worker or a parent that takes every result (testdata/abandoned/buffered.go)', async () => {
    const got = await findings(['testdata/abandoned/buffered.go']);
    expect(got).toEqual([
      'testdata/abandoned/buffered.go:17:4: `errCh <- check(p)` blocks forever: this goroutine sends on errCh, whose buffer of 1 the sends can fill, and FirstErrorOneSlot can return after receiving from errCh once, fewer than the sends of the goroutines it starts in a loop',
      'testdata/abandoned/buffered.go:127:3: `errCh <- check(2)` blocks forever: this goroutine sends on errCh, whose buffer of 1 the sends can fill, and TwoOneSlot can leave on `<-ctx.Done()` without receiving from errCh',
    ]);
  });
  it("takes a check of testify's require object (require.New(t), or a suite's s.Require()) that stops the test as a failing test, not a leave (src/rules/abandoned-sender/testdata/assertions)", async () => {
    const got = await findings(['src/rules/abandoned-sender/testdata/assertions']);
    expect(got).toEqual([
      'src/rules/abandoned-sender/testdata/assertions/stream_test.go:49:4: `out <- v` blocks forever: this goroutine sends on out, whose buffer of 1 this goroutine\'s sends can fill, and TestStreamLogsTimeout can return on `<-time.After(time.Second)` without receiving from out',
      'src/rules/abandoned-sender/testdata/assertions/suite_test.go:51:4: `out <- v` blocks forever: this goroutine sends on out, whose buffer of 1 this goroutine\'s sends can fill, and streamSuite.TestLogOnly can return on `<-time.After(time.Second)` without receiving from out',
    ]);
  });
  it('judges an exported action of a command package that another package calls in a loop (src/rules/abandoned-sender/testdata/toolused)', async () => {
    const got = await findings(['src/rules/abandoned-sender/testdata/toolused']);
    expect(got).toEqual([
      'src/rules/abandoned-sender/testdata/toolused/toolused.go:28:3: `done <- pull()` blocks forever: this goroutine sends on done, which has no buffer, and sync can return on `<-time.After(time.Second)` without receiving from done',
    ]);
  });
  it('leaves senders the parent waits for on every way out (a group\'s Wait, a WaitGroup marked done in a defer) (testdata/group/waited.go)', async () => {
    const r = await analyze({ paths: ['testdata/group/waited.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'abandoned-sender').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 22 (blameOne: g.Wait() before the receive), 62 (collectWG: wg.Wait() before the receive)
    expect(got).toEqual([
      'testdata/group/waited.go:40:5: `blamed <- err` blocks forever: this goroutine sends on blamed, whose buffer of 1 the sends can fill, and blameOneEarly can return after receiving from blamed once, fewer than the sends of the goroutines it starts in a loop',
    ]);
  });
  it("counts a field's constant buffer against the senders, as a local's (testdata/abandoned/localfields.go)", async () => {
    const r = await analyze({ paths: ['testdata/abandoned/localfields.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'abandoned-sender').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: StartOne (one report, one slot)
    expect(got).toEqual([
      'testdata/abandoned/localfields.go:71:5: `s.errs <- err` blocks forever: this goroutine sends on s.errs, whose buffer of 1 the sends can fill, and starter.StartAll can leave on `<-ctx.Done()` without receiving from s.errs',
    ]);
  });
  it('knows the fields of a value a constructor of the package makes (testdata/abandoned/ctorfield.go)', async () => {
    const r = await analyze({ paths: ['testdata/abandoned/ctorfield.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'abandoned-sender').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: RespondBuffered (the constructor gives resp a slot)
    expect(got).toEqual([
      'testdata/abandoned/ctorfield.go:34:3: `a.resp <- 1` blocks forever: this goroutine sends on a.resp, a struct field\'s channel made without a buffer, and its receiver asyncResp.next can stop receiving for good',
    ]);
  });
  it('takes a field\'s receiver as stopping for good on a stop signal, a ctx or an error, not on a flag (testdata/abandoned/fieldflag.go)', async () => {
    const r = await analyze({ paths: ['testdata/abandoned/fieldflag.go'], cwd: ROOT, root: ROOT });
    const got = r.findings.filter((f) => f.ruleId === 'abandoned-sender').map((f) => `${f.file}:${f.range.start.line}:${f.range.start.col}: ${plainMessage(f.message)}`);
    // silent: 20 (lockstep.work leaves on a flag feed sets after its last send); 91: a ctx.Err() check is a decision
    expect(got).toEqual([
      'testdata/abandoned/fieldflag.go:54:3: `s.input <- v` blocks forever: this goroutine sends on s.input, a struct field\'s channel made without a buffer, and its receiver stoppable.work can stop receiving for good',
      'testdata/abandoned/fieldflag.go:91:3: `s.input <- v` blocks forever: this goroutine sends on s.input, a struct field\'s channel made without a buffer, and its receiver ctxStop.work can stop receiving for good',
    ]);
  });
});
