// ctx-unguarded-block: a goroutine watches its ctx.Done() in one place but blocks unguarded in another,
// like the common "fix" that checks Done once and then sends anyway.
import { startedOncePerProcess } from '../../analysis/lifetime.js';
import type { FuncEntry, Program } from '../../index/program.js';
import type { BlockFact } from '../../parse/types.js';
import { irAbandonedSends } from '../../analysis/abandon.js';
import { abandonedReceives, abandonedSends } from '../../analysis/abandon-syntax.js';
import { bufferedForCall, ctxExprForFix, ctxExprInTarget, ctxInputs, goTarget, parentChanKey, settledByParent, startedAs, startedOncePerProgram, targetName } from '../../analysis/goroutine-syntax.js';
import { answeredReply, unseenRequester } from '../../analysis/reply.js';
import { awaitedPromiseSend, drainedReturnedStream } from '../../analysis/drained-stream.js';
import { goroutineOf } from '../../analysis/goroutines.js';
import { abandonedByPeers, completedByPeers } from '../../analysis/peers.js';
import { wrapInSelect } from '../../analysis/select-fix.js';
import type { GoStmt, Rule } from '../types.js';

const KINDS = new Set<BlockFact['kind']>(['send', 'recv', 'select']);

/**
 * Channel operations the parent takes care of, by the parent's key of the channel: it made the channel and
 * receives from it on a path we can see (the operation is drained), or it made it with a computed buffer
 * (`make(chan T, len(jobs))`) and the operation is a send (the buffer is sized for the work), or it stores
 * the channel in an object (a struct, map or field) and the goroutine sends on it only once: a result for that
 * object's owner, like a struct field's channel. A returned channel stays judged (its caller may stop
 * waiting), and so does a stream that sends in a loop (its consumer may stop reading).
 */
function handledByParent(stmt: GoStmt, target: FuncEntry, program: Program): (b: BlockFact, chanKey: string | undefined) => boolean {
  const parent = program.funcById(stmt.file, stmt.fact.parent);
  if (!parent) return () => false;
  return (b, chanKey) => {
    if (!chanKey) return false;
    // the function that made the channel: the parent, or a function the parent literal is nested in (a test body
    // that makes the channel, hands a callback that starts the goroutine, and receives after the call)
    let maker: FuncEntry | undefined = parent;
    for (let i = 0; maker && !maker.fact.chans.some((c) => c.key === chanKey) && maker.fact.kind === 'lit' && maker.fact.parent && i < 20; i++) {
      maker = program.funcById(stmt.file, maker.fact.parent);
    }
    const chan = maker?.fact.chans.find((c) => c.key === chanKey);
    if (!maker || !chan) return false;
    if (b.kind === 'send' && !stmt.fact.loop && maker.fact.chanStored?.includes(chanKey)) {
      const sends = target.fact.blocks.filter((x) => x.kind === 'send' && x.chan === b.chan);
      if (sends.every((x) => x.once || !x.inLoop)) return true;
    }
    return maker.fact.chanOps.some((o) => o.key === chanKey) || (b.kind === 'send' && chan.cap === 'dyn');
  };
}

export const rule: Rule = {
  meta: {
    id: 'ctx-unguarded-block',
    name: 'CtxUnguardedBlock',
    level: 'warning',
    precision: 'low',
    title: 'A goroutine observes ctx.Done() in one place but blocks without it in another.',
    description:
      'A goroutine that selects on ctx.Done() somewhere still leaks if another of its channel operations can block without a Done case: a bare send or receive, or a select with neither a ctx.Done() case nor default or a timer. Checking Done once and then sending does not help: the send can wait forever after the context is cancelled.',
    help: [
      'The usual "fix" for a goroutine leak checks the context once and then blocks anyway:',
      '```go\nselect {\ncase <-ctx.Done():\n\treturn\ndefault:\n\trc <- true // still blocks forever if nobody receives\n}\n```',
      'Done is checked once, then the send waits with no way out. The same happens in a worker loop that selects on `ctx.Done()` to receive a job and then sends the result with a bare `out <- r`. goleash reports the blocking operation, linked to the `go` statement and to the place where the goroutine does watch its context.',
      'Not reported: a receive from (or range over) the Done channel the goroutine was handed (`<-stopCh` in `Run(stopCh <-chan struct{})` started as `go c.Run(ctx.Done())`: that is how it watches its context), operations that cannot block (a send into a channel buffered for it, a select with `default` or a timer case), an operation on a channel that a `context.AfterFunc` callback of the goroutine closes, any operation of a goroutine whose AfterFunc callback does more than close channels or call `Close()` (it may unblock anything), a receive from a channel returned by a call that was handed the context (a watch that closes on cancellation), a select case that receives a stop signal (`case <-stop: return`, a value-less receive that ends the goroutine, or one from a channel parameter its caller may hand `ctx.Done()`; known by its use, never by its name), a send in the body of the `case <-ctx.Done():` arm itself or after a `<-ctx.Done()` statement (the goroutine is reporting its shutdown, a protocol between it and its parent), operations on channels held in struct fields (often buffered or drained by their owner, which goleash cannot see), unless an operation of the package that can complete it may give up on it: a requester that hands over a request carrying a reply channel it made and then waits for the answer in a select that can leave (on its ctx, a timer), so that the answer `req.reply <- v` can come to nobody (the field\'s peers, src/analysis/peers.ts; a field read through a value whose type the IR does not know is the field of the one type of the package that declares it, or of the one named where the value is), a goroutine that never observes its context (that is `ctx-done-missing`), a send or receive that `abandoned-sender` already reports, a send on a channel that the parent made and receives from on every path goleash can see (it is drained), an operation whose other half a sibling goroutine (started by the same parent) must do: it ranges over the channel until it is closed and never leaves early, or, for a goroutine that sends once (receives once), it cannot end without receiving from (sending on) the channel and waits on nothing else first, with no other sender (receiver) of the parent to compete, a send on a channel the parent made with a computed buffer size (`make(chan T, len(jobs))`, taken as sized for the work), a send that happens once on a channel the parent stores in an object (a struct, map or field), a result for that object\'s owner like a struct field\'s channel (a returned channel stays judged, as does a stream that sends in a loop), a receive from a channel the parent closes with a `defer` or unconditionally with no return before (a start signal such as `close(start)`), a single receive (at most one on any path) that the parent answers with a send or close on every way on from the go statement, before it can return, go round to start the goroutine again or wait on another channel (a guard per iteration: `go guard(done); dial(); done <- struct{}{}`), and a send or receive on a channel the goroutine makes itself whose other half a goroutine it starts must do (see `ctx-done-missing`), a send into a channel the goroutine makes itself with a constant buffer when no path sends more after a make than it has slots (a fresh one-slot reply channel per request), a goroutine set up once for the program in a `sync.Once`\'s `Do` (one goroutine, not one per call), a receive of a fan-in: from a channel the goroutine makes and hands to goroutines it starts itself, which send on or close it (a literal, or a function of the module given the channel as an argument that cannot end without sending on it: `go w.load(ctx, part, results)`), which are judged where they start, a send on a channel the parent makes and only returns, when the parent has callers in the module and every one reads the channel until it is closed (`src/analysis/stream-callers.ts`, as for `unguarded-stream`; a caller that can stop early keeps the finding), the one send of a goroutine that sends at most once on a channel the parent makes and only returns (a promise), when every call site in the module awaits the value on every way on, in place or in a goroutine it starts that cannot end without it (`src/analysis/drained-stream.ts`), an answer on a reply channel taken out of a request field (`errc := <-x.quit` … `errc <- nil`, sent once) when every request the package sends on that field carries a channel its sender made and receives from on every way on before it can return (`src/analysis/reply.ts`), an operation on a reply channel received from a channel of channels that only code goleash cannot see sends on (`request := <-requests` with `requests` handed to another module\'s function: the requester, the other half of both operations, is out of sight; src/analysis/reply.ts), and a goroutine\'s send, at most one per run, on a channel that a func the parent registers with the test\'s `t.Cleanup` (before the go statement, on every way to it) receives from: it runs when the test ends. Nor is an operation (the last check) its peers surely complete (src/analysis/peers.ts): every operation of the module that can do its other half is known (followed from the channel through variables, arguments to parameters and back up the calls that pass it, a call\'s result, a returned channel\'s callers and a struct field\'s uses in its package; a channel handed where goleash cannot follow keeps the finding), there is at least one, none can give up on it (a select with a default or another case that leads out of its function, a range with a way out of its loop, a way from the go statement, or from the channel\'s make, to a return that skips it), one of them surely runs (in the parent after the go statement, or in a function the parent runs on every way, before that function waits on anything else), and, when the operation can happen more than once (in a loop, in goroutines started in a loop, or through a helper) or other goroutines compete for the same peers, one of them completes any number (a range, a close, a receive in a loop).',
      'A goroutine whose starter runs once for the process (reached only from its set-up: `main`, `init` or package `main`, never from a test, a loop, a func value or code outside the module; see src/analysis/callers.ts) is not reported: what it can leave blocked is one goroutine for the whole process, not a leak that grows.',
      '**How to fix:** make the operation itself a select with a Done case:',
      '```go\nselect {\ncase rc <- true:\ncase <-ctx.Done():\n\treturn\n}\n```',
      '**Suppress** a reviewed case on the line of the operation or the line above: `//goleash:ignore ctx-unguarded-block <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'context'],
    since: '0.1.0',
    examples: { bad: 'testdata/unguarded/unguarded.go', good: 'testdata/unguarded/unguarded.go' },
  },

  check(stmt, program, report) {
    // a goroutine its starter can leave behind only once for the process is no leak that grows
    if (startedOncePerProcess(program, stmt.file, stmt.fact.parent)) return;
    const target = goTarget(stmt, program);
    // an AfterFunc callback that does more than close things may unblock anything: the goroutine is not judged
    if (!target || target.fact.hasError || target.fact.afterFunc?.opaque) return;
    const closedOnCancel = new Set(target.fact.afterFunc?.closes);
    const inputs = ctxInputs(stmt, target, program);
    // the goroutine watches Done (or polls Err) itself, in its own body
    const watched = inputs.find((i) => target.fact.observes.includes(i.key));
    if (!watched) return;
    // set up once for the life of the program (in a sync.Once's Do): one goroutine, not one per call
    if (startedOncePerProgram(stmt)) return;
    const buffered = bufferedForCall(stmt, target);
    const settled = settledByParent(stmt, target, program);
    const handled = handledByParent(stmt, target, program);
    const abandoned = new Set<BlockFact>([
      ...abandonedSends(stmt, program).map((a) => a.send),
      ...abandonedReceives(stmt, program).map((a) => a.recv),
    ]);
    // the sends the IR's leave paths find abandoned are abandoned-sender's (the shared analysis, by place)
    const g = goroutineOf(stmt.file, stmt.fact, program);
    const leftBehind = new Set(irAbandonedSends(stmt.file, stmt.fact, program).map((a) => `${a.sendFile}:${a.send.start.line}:${a.send.start.col}`));
    for (const b of target.fact.blocks) {
      // channels of long-lived objects (struct fields) are often buffered or drained by their owner: not judged
      if (!KINDS.has(b.kind) || b.afterDone || buffered(b) || abandoned.has(b)) continue;
      // a channel of a long-lived object (a struct field) is judged only when a peer of it can give up on the
      // operation: a requester that leaves without waiting for its answer (src/analysis/peers.ts)
      if (b.onField && !(g && g.targetFile === target.file && abandonedByPeers(program, target.file, g.target, b.range.start, [{ file: g.file, fn: g.parent, op: g.op }]))) continue;
      // a receive from (or range over) the Done channel the goroutine was handed is how it watches its context
      if ((b.kind === 'recv' || b.kind === 'range-chan') && b.chan !== undefined && inputs.some((i) => i.key === b.chan)) continue;
      if (leftBehind.has(`${target.file.path}:${b.range.start.line}:${b.range.start.col}`)) continue;
      if (b.chanName && closedOnCancel.has(b.chanName)) continue; // closed by an AfterFunc callback on cancel
      if (settled(b, target, []) || handled(b, parentChanKey(stmt, target, b.chan))) continue;
      // a handshake with a goroutine it starts itself, which must do the other half
      if (program.completedByOwn(target, b)) continue;
      // a fan-in: it waits only for the results of goroutines it starts itself, which are judged where they start
      if (program.fanIn(target, b)) continue;
      // the answer to a request whose sender made the reply channel and waits on it (src/analysis/reply.ts)
      if (b.kind === 'send' && answeredReply(program, target.file, target.fact.id, b.range)) continue;
      // an operation on a reply channel whose requester is code goleash cannot see (src/analysis/reply.ts)
      if (unseenRequester(program, target.file, target.fact.id, b.range)) continue;
      // a send on a stream the parent returns to callers that all read it to its close (src/analysis/drained-stream.ts)
      if (b.kind === 'send' && g && g.targetFile === target.file && drainedReturnedStream(program, g, b.range)) continue;
      // the goroutine's one value on a channel its parent only returns (a promise) that every caller awaits
      if (b.kind === 'send' && g && g.targetFile === target.file && awaitedPromiseSend(program, g, b.range)) continue;
      // every peer of the channel goleash can see completes the operation and none can give up on it, and there is
      // no peer it cannot see (src/analysis/peers.ts): nothing abandons it, the context notwithstanding
      if (g && g.targetFile === target.file && completedByPeers(program, target.file, g.target, b.range.start, [{ file: g.file, fn: g.parent, op: g.op }], (!!b.inLoop && !b.once) || !!stmt.fact.loop)) continue;
      const tname = targetName(target);
      const ctxParam = target.fact.params.find((p) => p.key === watched.key);
      report({
        file: target.file.path,
        range: b.range,
        fix: wrapInSelect(target, b, ctxExprForFix(target, watched)),
        message: [
          { text: b.text, code: true },
          ` can block forever: `,
          { text: `goroutine running ${tname}`, loc: 1 },
          ` observes `,
          ctxParam?.range ? { text: ctxParam.name, loc: 2 } : ctxExprInTarget(target, watched),
          `${ctxParam?.type.k === 'chan' ? ' (the Done channel it was handed)' : '.Done()'} elsewhere, but this ${b.kind === 'select' ? 'select has no Done case' : 'operation is not in a select with it'}`,
        ],
        related: [
          { id: 1, file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
          ...(ctxParam?.range ? [{ id: 2, file: target.file.path, range: ctxParam.range, message: `the context: ${ctxParam.name}` }] : []),
        ],
        semantic: { pkg: program.packageOf(stmt.file).dir, func: program.enclosingName(stmt.file, stmt.fact.parent), target: `${tname}|${b.text}` },
      });
    }
  },
};
