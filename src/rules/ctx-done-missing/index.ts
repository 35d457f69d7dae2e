// ctx-done-missing: a goroutine that receives or captures a context.Context, never observes its
// cancellation, and can block. When the parent cancels, nothing stops it.
import { goroutineOf, irOf } from '../../analysis/goroutines.js';
import { chainOf, completedByPeers } from '../../analysis/peers.js';
import { signalHandler } from '../../analysis/lifetime.js';
import type { BlockFact } from '../../parse/types.js';
import type { BlockSite, FuncEntry } from '../../index/program.js';
import { wrapInSelect } from '../../analysis/select-fix.js';
import { bufferedForCall, ctxExprForFix, ctxExprInTarget, ctxInputs, fieldSendFits, goTarget, settledByParent, handedOffAtDone, startedAs, startedOncePerProgram, targetName } from '../../analysis/goroutine-syntax.js';
import type { GoStmt, MessagePart, RelatedLocation, Rule } from '../types.js';

export function describeBlock(b: BlockFact): string {
  switch (b.kind) {
    case 'forever':
      return 'loops forever at';
    case 'select-empty':
      return 'blocks forever at';
    default:
      return 'can block at';
  }
}

export const rule: Rule = {
  meta: {
    id: 'ctx-done-missing',
    name: 'CtxDoneMissing',
    level: 'warning',
    precision: 'low',
    title: 'A goroutine receives a context.Context but never observes its cancellation, and can block.',
    description:
      'A goroutine that is handed a context.Context (as an argument, a captured variable or a struct field) but never receives from ctx.Done(), never polls ctx.Err() and never hands the context to code that does, keeps running after the context is cancelled. If it can block (a channel operation, a select without default or timer, a loop that never exits), it leaks: cancel() only signals, it stops nothing.',
    help: [
      'A goroutine that is handed a `context.Context` but never watches it leaks when the parent cancels: `cancel()` only *signals*; it stops nothing. The classic incident: a parent starts `go child(ctx, rc)`, times out, calls `cancel()` and moves on, while `child` blocks forever on `rc <- true` because it never selects on `ctx.Done()`. Goroutine counts and memory climb slowly until traffic rises.',
      'Goroutines are started by `go` statements and by `errgroup.Group.Go` (the finding then points at the `Go` call; a blocked function also blocks `g.Wait()`). goleash follows calls within the analyzed module (same file, other files of the package, other packages, methods, func values, closures, a ctx kept in a struct field). A call outside the module that takes the ctx is assumed to honour it, except calls that only read values from it (loggers, `FromContext` helpers, `ctx.Value`). A goroutine that cannot block (pure computation, `close`, a send into a channel buffered for it, a select with `default` or a timer case) is not reported, nor is an operation its parent provably completes: a send the parent, or another goroutine it starts, drains with a `for range` that never stops early, or a receive the parent, or another goroutine it starts, ends with a `defer close(ch)` (or the parent with a send or close in its own body with no return before it), or a send settled by count: on a channel the parent makes (or a struct field\'s channel of its package, reached through one value and sent on by nothing else, or by nothing else that can reach the value: one the parent makes, `v := &T{…}`, and hands to no code but goroutines running its methods, which only read and write its fields and call methods of the package on it that do the same; the sends of those methods count with the goroutine\'s), every send the parent\'s goroutines can make finds a buffer slot or a receive of the parent on every path to a return, or the path passes a `defer close(ch)` (a late send panics rather than blocks) (two sends against one receive, or a return before the receive with no buffer to hold the send, stay reported). A goroutine\'s one send on its own slot of a slice of fresh channels (`slots = append(slots, make(chan T))`, the slot index being the key of the range loop that starts it) completes when the parent, on every way on, ranges over the slice receiving from each slot with nothing leaving the range early (`for _, c := range slots { <-c }`); stopping at the first failure stays reported. A send on a struct field\'s channel that every `make` of the field buffers for the goroutine\'s sends does not block either, nor does a semaphore\'s release (a receive from a buffered channel that the parent, or the function itself, sent on first: `sem <- struct{}{}` … `<-sem`). A function that waits only for goroutines it starts itself (it receives their results: sent or closed by a func literal it starts, or by a function of the module it starts with the channel as an argument that cannot end without sending on it; selects between their results and a semaphore slot, or `wg.Wait()`s on a WaitGroup it declares that they mark done) is a fan-in: those goroutines are judged where they start. Nor is a handshake with a goroutine the function starts itself: a send on (receive from) a channel the function makes, when on every path a goroutine it started before cannot end without receiving from (sending on) that channel and nothing else competes for it (`go watchdog(ready); dial(); ready <- struct{}{}`), nor a send into a channel the function makes with a constant buffer when no path sends more after a make than it has slots. Nor is a wait handed off at cancellation: a goroutine started only in the body of the `case <-ctx.Done():` arm of a select that also waited for the channel the goroutine blocks on (it takes over the wait the cancelled caller gives up; its ctx is already cancelled), nor a goroutine set up once for the program in a `sync.Once`\'s `Do`, nor the process\'s signal handler (a goroutine that waits only on channels `signal.Notify` feeds: a second-signal handler that forces the exit; not one whose channel a `signal.Stop` silences, which then waits forever). A range over a struct field\'s channel ends when another goroutine the same parent starts on the same object (a literal, or a method on the same variable; before it on every way, or on every way after it) closes that field on every way through it: a `defer close(m.tasks)` in its entry block, or a close every way passes (`<-s.ctx.Done(); close(s.watchCh)`). Nor is an operation its peers surely complete (src/analysis/peers.ts): every operation of the module that can do its other half is known (followed from the channel through variables, arguments to parameters and back up the calls that pass it, a call\'s result, a returned channel\'s callers and a struct field\'s uses in its package; a channel handed where goleash cannot follow keeps the finding), there is at least one, none can give up on it (a select with a default or another case that leads out of its function, a range with a way out of its loop, a way from the go statement, or from the channel\'s make, to a return that skips it), one of them surely runs (in the parent after the go statement, or in a function the parent runs on every way, before that function waits on anything else), and, when the operation can happen more than once (in a loop, in goroutines started in a loop, or through a helper) or other goroutines compete for the same peers, one of them completes any number (a range, a close, a receive in a loop).',
      '**How to fix:** make every blocking operation of the goroutine a `select` with a `case <-ctx.Done(): return` arm, or give result channels a buffer so that the send never waits (`make(chan T, 1)`).',
      '```go\ngo func(ctx context.Context) {\n\tselect {\n\tcase rc <- true:\n\tcase <-ctx.Done():\n\t\treturn\n\t}\n}(ctx)\n```',
      '**Suppress** a reviewed case with a comment on the `go` line or the line above: `//goleash:ignore ctx-done-missing <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'context'],
    since: '0.1.0',
    examples: { bad: 'testdata/seed/seed.go', good: 'testdata/seed/seed.go' },
  },

  check(stmt, program, report) {
    const target = goTarget(stmt, program);
    if (!target) return; // the goroutine runs code we cannot see: nothing to judge
    const inputs = ctxInputs(stmt, target, program);
    if (inputs.length === 0) return;
    // set up once for the life of the program (in a sync.Once's Do): one goroutine, not one per call
    if (startedOncePerProgram(stmt)) return;
    if (inputs.some((i) => program.observes(target, i.key))) return;
    if (target.fact.stops) return; // ended by a stop signal (`case <-stop: return`) instead: cancellable by other means
    // the process's signal handler: it waits only for a signal signal.Notify delivers (src/analysis/lifetime.ts)
    const g = goroutineOf(stmt.file, stmt.fact, program);
    if (g && signalHandler(g, program)) return;
    const buffered = bufferedForCall(stmt, target);
    const settled = settledByParent(stmt, target, program);
    // every peer of the channel goleash can see completes the operation and none can give up on it, and there is no
    // peer it cannot see (src/analysis/peers.ts): nothing abandons it, the context notwithstanding
    const completed = (b: BlockFact, fn: FuncEntry, via: BlockSite['via']): boolean => {
      if (!g || (b.kind !== 'send' && b.kind !== 'recv' && b.kind !== 'select' && b.kind !== 'range-chan')) return false;
      const ir = irOf(fn.file, fn.fact.id);
      const chain = ir ? chainOf({ file: g.file, fn: g.parent, op: g.op }, via.map((v) => ({ file: v.from.file, fnId: v.from.fact.id, at: v.call.range.start }))) : undefined;
      return !!ir && !!chain && completedByPeers(program, fn.file, ir, b.range.start, chain, (!!b.inLoop && !b.once) || !!stmt.fact.loop || via.length > 0);
    };
    const site = program.blockSite(target, (b, fn, via) => (fn === target && buffered(b)) || fieldSendFits(b, fn, program) || settled(b, fn, via) || completed(b, fn, via));
    if (!site) return;
    // the wait the parent gave up when its ctx was cancelled, handed to a goroutine started in the Done case
    if (inputs.every((i) => handedOffAtDone(stmt, target, i, site))) return;
    const ctx = inputs[0]!;
    const tname = targetName(target);
    const related: RelatedLocation[] = [
      { id: 1, file: target.file.path, range: target.fact.nameRange, message: `goroutine runs ${tname}` },
      { id: 2, file: site.fn.file.path, range: site.block.range, message: `can block here: ${site.block.text}` },
    ];
    const message: MessagePart[] = [
      'goroutine running ',
      { text: tname, loc: 1 },
      ` ${ctx.how} ${ctx.name} but never observes ${ctx.name}.Done(); it ${describeBlock(site.block)} `,
      { text: site.block.text, code: true, loc: 2 },
    ];
    if (site.via.length > 0) message.push(` in ${targetName(site.fn)}`);
    message.push(` and leaks once ${ctx.name} is cancelled`);
    const flow =
      site.via.length > 0
        ? [
            { file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
            ...site.via.map((v) => ({ file: v.from.file.path, range: v.call.range, message: `calls ${v.call.text}` })),
            { file: site.fn.file.path, range: site.block.range, message: `blocks at ${site.block.text}` },
          ]
        : undefined;
    const fix = site.via.length === 0 ? wrapInSelect(target, site.block, inputs.map((i) => ctxExprForFix(target, i)).find((e) => e !== undefined)) : undefined;
    report({
      file: stmt.file.path,
      range: stmt.fact.range,
      fix,
      message,
      related,
      flow,
      semantic: { pkg: program.packageOf(stmt.file).dir, func: program.enclosingName(stmt.file, stmt.fact.parent), target: tname },
    });
  },
};
