// unclosed-range: a goroutine ranges over a channel that its parent made, and nothing closes the channel: not
// the parent, not the goroutine, not any other goroutine or callback that gets it. Once the senders stop, the
// range waits forever. Judged on the IR (src/ir) with the shared goroutine analysis (src/analysis/goroutines.ts).
import { fieldUse, fieldUseOf, neverClosedField, type FieldUse } from '../../analysis/fields.js';
import { outlivesCaller, processLifetime } from '../../analysis/lifetime.js';
import { returnEndsProcess } from '../../analysis/callers.js';
import { canReturn, closeOnlyLoop, escapesIn, goOps, goroutineOf, irOf, isNestedIn, isVar, leavesEarly, litOf, nestedLiterals, targetOf, varsInTarget, type Goroutine } from '../../analysis/goroutines.js';
import type { FuncIR, Op, Val, VarId } from '../../ir/types.js';
import type { FileFacts, Range } from '../../parse/types.js';
import type { ChanUse } from '../../analysis/summaries.js';
import type { Rule } from '../types.js';

/** The parent's variable a target's variable stands for (captured: itself; a parameter: the go op's argument). */
function parentVar(g: Goroutine, id: VarId): VarId | undefined {
  if (g.parent.vars[id] || (litOf(g.op, g.file) && !g.target.vars[id])) return id;
  const p = g.target.vars[id];
  if (p?.kind !== 'param' || p.index === undefined) return undefined;
  const a: Val | undefined = g.op.args[p.index];
  return a?.k === 'var' ? a.id : undefined;
}

function closesIn(fn: FuncIR, id: VarId): boolean {
  return fn.blocks.some((b) =>
    b.ops.some((o) => (o.o === 'close' && isVar(o.ch, id)) || (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && isVar(o.args[0], id))),
  );
}

/**
 * Whether the channel is closed for sure once the parent returns: something other than the parent may close it
 * (or it is handed where goleash cannot see: taken as closed), or the parent closes it on every path from the go
 * statement to a return. Returns the return that leaves it open, if one does, else true (closed or unknown).
 */
function closedOrUnknown(g: Goroutine, ch: VarId, program: Parameters<Rule['check']>[1]): true | { open?: Range } {
  const { parent, file } = g;
  // a call to a function of the module is looked through: it matters only if the callee may close the channel
  // or let it go further
  const via = (f: FileFacts) => ({ file: f, program, counts: (u: ChanUse) => u.closes || u.escapes });
  if (escapesIn(parent, ch, via(file))) return true;
  for (const lit of nestedLiterals(file, parent.id)) if (closesIn(lit, ch) || escapesIn(lit, ch, via(file))) return true;
  for (const op of goOps(parent)) {
    if (!op.args.some((a) => isVar(a, ch))) continue;
    const t = targetOf(op, file, program);
    if (!t) return true;
    const other: Goroutine = { file, parent, op, target: t.fn, targetFile: t.file };
    for (const id of varsInTarget(other, ch)) if (closesIn(t.fn, id) || escapesIn(t.fn, id, via(t.file))) return true;
  }
  if (!closesIn(parent, ch)) return {};
  const open = openExit(parent, g.op, ch);
  return open ? { open } : true;
}

/** A return of the parent reachable through the go op on which the channel is neither closed after the go op
 * nor set to be closed by a defer (abrupt exits such as panic or t.Fatal are not counted). */
function openExit(fn: FuncIR, go: Op, ch: VarId): Range | undefined {
  const closes = (o: Op) => (o.o === 'close' && isVar(o.ch, ch)) || (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && isVar(o.args[0], ch));
  // state: block, the go op has run, the channel is closed (or its close deferred)
  const seen = new Set<string>(['0|false|false']);
  const queue: { b: number; started: boolean; closed: boolean }[] = [{ b: 0, started: false, closed: false }];
  for (let i = 0; i < queue.length; i++) {
    let { started, closed } = queue[i]!;
    const blk = fn.blocks[queue[i]!.b]!;
    for (const o of blk.ops) {
      if (o === go) started = true;
      // a make starts a new channel (a loop makes one per iteration); a close before the go statement ends the
      // range as well as one after (a queue filled and closed before the workers start)
      else if (o.o === 'make' && o.dst === ch) closed = false;
      else if (closes(o)) closed = true;
    }
    const t = blk.term;
    if ((t.t === 'return' || t.t === 'end') && started && !closed) return t.r;
    for (const s of blk.succ) {
      const k = `${s}|${started}|${closed}`;
      if (!seen.has(k)) seen.add(k), queue.push({ b: s, started, closed });
    }
  }
  return undefined;
}

/**
 * The senders of field channel `u` stop when the owner shuts down while the goroutine ranging over it does not:
 * some select that sends on it also waits on a stop field that code other than the goroutine's function closes
 * (`case c.outbox <- m: case <-c.closed:`, with `close(c.closed)` in Close), and no nil is ever sent on it (a
 * sentinel the range may stop on). Returns the stop field.
 */
function sendersStop(g: Goroutine, u: FieldUse, program: Parameters<Rule['check']>[1]): string | undefined {
  if (u.sendsNil) return undefined;
  const own = (c: { path: string; fn: string }) => {
    if (c.path !== g.targetFile.path) return false;
    if (c.fn === g.target.id) return true;
    const fn = irOf(g.targetFile, c.fn);
    return !!fn && isNestedIn(g.targetFile, fn, g.target.id);
  };
  return u.guards.find((k) => {
    const s = fieldUseOf(program, g.targetFile, k);
    return !!s && s.closers.some((c) => !own(c));
  });
}

/**
 * Ranges over a struct-field channel of the goroutine's package that the package makes and nothing of it closes,
 * hands on (returns included) or sets to a channel from elsewhere (src/analysis/fields.ts), in a goroutine whose
 * starter returns to a caller with a hold on it (src/analysis/lifetime.ts), while the senders have a stop channel
 * of their own that the range does not watch (sendersStop). Only a range the goroutine can also leave by itself (a
 * return or break after some value) is reported here: one it cannot leave at all traps its goroutine, which is
 * endless-goroutine's to report.
 */
function fieldRanges(g: Goroutine, stmt: Parameters<Rule['check']>[0], program: Parameters<Rule['check']>[1], report: Parameters<Rule['check']>[2]): void {
  let lives: boolean | undefined;
  for (const [i, b] of g.target.blocks.entries()) {
    const t = b.term;
    if (t.t !== 'range' || t.ch.k !== 'field' || !t.ch.owner || !leavesEarly(g.target, i)) continue;
    const u = fieldUse(program, g.targetFile, t.ch.owner, t.ch.name);
    if (!u?.made || !neverClosedField(u) || u.returned) continue;
    const stop = sendersStop(g, u, program);
    if (!stop) continue;
    if ((lives ??= outlivesCaller(g, program) && !processLifetime(g, program)) === false) return;
    const pname = program.enclosingName(stmt.file, stmt.fact.parent);
    const name = t.ch.text;
    report({
      file: g.targetFile.path,
      range: t.r,
      message: [
        { text: `range ${name}`, code: true },
        ' never ends: ',
        { text: 'this goroutine', loc: 1 },
        ' ranges over ',
        { text: name, loc: 2 },
        `, which nothing in its package closes: its senders give up once ${stop} is closed, and it waits forever, outliving ${pname}`,
      ],
      related: [
        { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
        { id: 2, file: u.made.file.path, range: u.made.r, message: `${name} is made here and never closed` },
      ],
      semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `range|${t.ch.owner.name}.${t.ch.name}` },
    });
  }
}

/** Some make of `ch` in `fn` runs in a loop: a channel per iteration, which the next iteration may leave open. */
function madeInLoop(fn: FuncIR, ch: VarId): boolean {
  return fn.blocks.some((b) => b.loop !== undefined && b.ops.some((o) => o.o === 'make' && o.dst === ch));
}

export const rule: Rule = {
  meta: {
    id: 'unclosed-range',
    name: 'UnclosedRange',
    level: 'warning',
    precision: 'high',
    title: 'A goroutine ranges over a channel that nothing closes, or that its parent can return without closing, so it waits forever once the sends stop.',
    description:
      'A goroutine runs `for v := range ch` over a channel made by the function that started it (or over a struct field\'s channel its package makes), and no code that can reach the channel closes it: not that function, not the goroutine, not another goroutine or callback. A range over a channel ends only when the channel is closed, so once the last value is sent the goroutine blocks forever, after its parent has returned.',
    help: [
      'A consumer goroutine that ranges over a channel is the other half of a producer: `go func() { for j := range jobs { handle(j) } }()`. The range ends only when `jobs` is closed. If the producer sends its values and returns without `close(jobs)`, the consumer waits on an empty channel for the life of the process, and everything it holds stays alive.',
      'goleash reports the range when the channel is made by the goroutine\'s parent (captured or passed as an argument), the parent can return, and nothing that can reach the channel closes it (the parent, the goroutine, any other goroutine the parent starts with it, any func literal of the parent), or only the parent closes it and some path from the `go` statement to a `return` skips the close (an error return before `close(jobs)`); a deferred close covers every path. A channel handed to a call, stored in a struct, slice or map, returned, or copied into another variable may be closed by code goleash does not follow, so it is not reported. Goroutines started by `main` or `init` live as long as the program and are not reported either.',
      'A struct field\'s channel is one identity `T.f` across its package. A goroutine started by a function that returns to a caller with a hold on it (a constructor, a method such as `Start`, a per-connection setup; not `main`, `init` or package `main`\'s wiring) that ranges over `c.outbox` is reported when its package makes that channel (`&conn{outbox: make(chan []byte)}`), no other package can reach the field, and no function of the package closes it, hands it on (to a call that may close it or let it go, into a variable that does, by a return, a store or a send) or sets it to a channel from elsewhere (a parameter), while its senders have a way out the range does not watch: a `select` that sends on the field also waits on a stop field closed by code other than the goroutine (`case c.outbox <- m: case <-c.closed:` with `close(c.closed)` in `Close`). The range may have a way out after some value (a `return` on a failed write): once the connection is closed and the senders give up, it waits forever all the same. A field on which the package sends `nil` (a sentinel the range may stop on) is not reported. A range over such a field with no way out at all is `endless-goroutine`\'s to report.',
      '**How to fix:** close the channel when the last send is done, in the one place that knows it: `defer close(jobs)` in the producer, or `wg.Wait(); close(results)` after the senders when there are several. Alternatively, give the consumer a way out: `select` on `ctx.Done()` inside a `for` loop instead of the range.',
      '```go\njobs := make(chan job)\ngo func() {\n\tfor j := range jobs {\n\t\thandle(j)\n\t}\n}()\ndefer close(jobs) // ends the consumer\'s range\nfor _, j := range list {\n\tjobs <- j\n}\n```',
      '**Suppress** a reviewed case on the line of the range or the line above: `//goleash:ignore unclosed-range <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'channel'],
    since: '0.2.0',
    examples: { bad: 'src/rules/unclosed-range/testdata/unclosed.go', good: 'src/rules/unclosed-range/testdata/unclosed.go' },
  },

  check(stmt, program, report) {
    const g = goroutineOf(stmt.file, stmt.fact, program);
    if (!g) return;
    const pid = g.parent.id;
    if (pid === 'F:main' || pid.startsWith('F:init') || !canReturn(g.parent)) return;
    fieldRanges(g, stmt, program, report);
    const made = new Map<VarId, Range>();
    for (const b of g.parent.blocks) for (const o of b.ops) if (o.o === 'make') made.set(o.dst, o.r);
    for (const [i, b] of g.target.blocks.entries()) {
      const t = b.term;
      // a range the goroutine can leave by itself (break, return) does not wait for the close; nor does a loop
      // unless its one way out is a comma-ok receive's `if !ok` (the same loop as a range, written out)
      let over: VarId | undefined;
      let okLoop = false;
      let at: Range | undefined;
      if (t.t === 'range') {
        if (t.ch.k !== 'var' || leavesEarly(g.target, i)) continue;
        over = t.ch.id;
        okLoop = !!t.okLoop;
        at = t.r;
      } else if (t.t === 'loop') {
        const c = closeOnlyLoop(g.target, i);
        over = c?.ch.id;
        okLoop = true;
        at = c?.r;
      }
      if (!over || !at) continue;
      const ch = parentVar(g, over);
      if (!ch || !made.has(ch)) continue;
      const closed = closedOrUnknown(g, ch, program);
      if (closed === true) continue;
      // made once (not in a loop) by a function whose every return ends the process (a command's handler, up to
      // main): the range waits only once the process is over
      if (!madeInLoop(g.parent, ch) && returnEndsProcess(program, stmt.file, pid)) continue;
      const name = g.parent.vars[ch]?.name ?? ch.slice(0, ch.indexOf('@'));
      const pname = program.enclosingName(stmt.file, stmt.fact.parent);
      report({
        file: g.targetFile.path,
        range: at,
        message: [
          // a comma-ok loop (`for { v, ok := <-ch; if !ok { return } … }`) is the same range, written out
          { text: okLoop ? `for { …, ok := <-${g.target.vars[over]?.name ?? name} }` : `range ${g.target.vars[over]?.name ?? name}`, code: true },
          ' never ends: ',
          { text: 'this goroutine', loc: 1 },
          okLoop ? ' receives from ' : ' ranges over ',
          { text: name, loc: 2 },
          ...(okLoop ? [' until it is closed'] : []),
          ...(closed.open
            ? [`, which ${pname} can `, { text: 'return', loc: 3 }, ` without closing, so it waits forever once ${pname} stops sending`]
            : [`, which nothing closes, so it waits forever once ${pname} stops sending`]),
        ],
        related: [
          { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
          { id: 2, file: stmt.file.path, range: made.get(ch)!, message: closed.open ? `${name} is made here` : `${name} is made here and never closed` },
          ...(closed.open ? [{ id: 3, file: stmt.file.path, range: closed.open, message: `${pname} returns here with ${name} open` }] : []),
        ],
        semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `range|${name}` },
      });
    }
  },
};
