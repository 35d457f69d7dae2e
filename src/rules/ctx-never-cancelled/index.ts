// ctx-never-cancelled: a goroutine can end only when its context is cancelled (every way out of it goes through
// ctx.Done()), and the function that made the context with context.WithCancel can return without calling the
// cancel function, or threw it away. Nothing will ever cancel the context, and the goroutine waits forever.
// Judged on the IR (src/ir) with the shared goroutine analysis (src/analysis/goroutines.ts).
import { goroutineOf, isVar, literalMentions, nestedLiterals, varsInTarget, escapesIn, type Goroutine } from '../../analysis/goroutines.js';
import { fieldNeverRead, sameField } from '../../analysis/fieldreads.js';
import { lostHandle, type LostHandle } from '../../analysis/handles.js';
import type { FuncIR, Op, Val, VarId } from '../../ir/types.js';
import type { Range } from '../../parse/types.js';
import type { Rule } from '../types.js';

type Derive = Op & { o: 'assign' | 'ctxfield' };
type Field = Val & { k: 'field' };

/** How the goroutine can name the derived ctx: the variables it knows it by, and the struct fields it is kept in. */
interface CtxHandles {
  ids: VarId[];
  fields: Field[];
  /** the fields are the parent's (owner `''` means its package): the target must be of the same package */
  samePkg: boolean;
}

/** A receive from `ctx.Done()` of the ctx: one of its variables, or one of the fields that keep it. */
function isDone(v: Val, h: CtxHandles, extra: readonly VarId[]): boolean {
  if (v.k !== 'done') return false;
  const c = v.ctx;
  if (c.k === 'var') return h.ids.includes(c.id) || extra.includes(c.id);
  return c.k === 'field' && h.samePkg && h.fields.some((f) => sameField(f, c));
}

/** Every way the function can end (return, end of body, abrupt exit) goes through a receive from ctx.Done(). */
function endsOnlyOnDone(fn: FuncIR, h: CtxHandles): boolean {
  // variables of the goroutine that copy a field keeping the ctx (`ctx := s.ctx`)
  const extra = fn.blocks.flatMap((b) => b.ops).flatMap((o) => (o.o === 'assign' && !o.derive && o.src.k === 'field' && h.samePkg && h.fields.some((f) => sameField(f, o.src as Field)) ? [o.dst] : []));
  const done = (v: Val) => isDone(v, h, extra);
  let waits = false;
  const seen = new Set<number>([0]);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const b = fn.blocks[queue[i]!]!;
    if (b.ops.some((o) => o.o === 'recv' && done(o.ch))) {
      waits = true;
      continue;
    }
    const t = b.term;
    if (t.t === 'return' || t.t === 'end' || t.t === 'exit') return false;
    b.succ.forEach((s, k) => {
      if (t.t === 'select' && t.cases[k] && t.cases[k]!.kind === 'recv' && done(t.cases[k]!.ch)) {
        waits = true;
        return;
      }
      if (!seen.has(s)) seen.add(s), queue.push(s);
    });
  }
  return waits;
}

/** A path of the parent from the derivation through the go op to a return, on which cancel is never called. */
function lostOn(parent: FuncIR, derive: Derive, go: Op, cancelling: ReadonlySet<string>): Range | undefined {
  const cancel = derive.cancel;
  const calls = (o: Op) =>
    !!cancel && (o.o === 'call' || o.o === 'defer') && o.fn.k === 'value' && isVar(o.fn.v, cancel);
  // a deferred (or called) func literal that calls cancel
  const deferredLit = (o: Op) => (o.o === 'defer' || o.o === 'call') && o.fn.k === 'lit' && cancelling.has(o.fn.id);
  const start = parent.blocks.findIndex((b) => b.ops.includes(derive));
  if (start < 0) return undefined;
  // state: block, go op passed, cancel called
  const seen = new Set<string>();
  const queue: { b: number; from: number; started: boolean; called: boolean }[] = [{ b: start, from: parent.blocks[start]!.ops.indexOf(derive) + 1, started: false, called: false }];
  for (let i = 0; i < queue.length; i++) {
    let { b, from, started, called } = queue[i]!;
    const blk = parent.blocks[b]!;
    for (const o of blk.ops.slice(from)) {
      if (o === derive) {
        // derived again (a loop): a new ctx
        started = false;
        called = false;
      }
      if (o === go) started = true;
      if (calls(o) || deferredLit(o)) called = true;
    }
    const t = blk.term;
    if ((t.t === 'return' || t.t === 'end') && started && !called) return t.r;
    if (t.t === 'return' || t.t === 'end' || t.t === 'exit') continue;
    for (const s of blk.succ) {
      const k = `${s}|${started}|${called}`;
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push({ b: s, from: 0, started, called });
    }
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'ctx-never-cancelled',
    name: 'CtxNeverCancelled',
    level: 'warning',
    precision: 'high',
    title: 'A goroutine ends only when its context is cancelled, and the cancel function is lost or not called on some path.',
    description:
      'A goroutine can end only by receiving from ctx.Done() (every return of it goes through that receive), and the function that started it made ctx with context.WithCancel and can return without calling the cancel function, or discarded it (`ctx, _ := context.WithCancel(parent)`, or a struct field that nothing reads). Unless the parent context is cancelled, nothing ever cancels ctx, and the goroutine waits forever.',
    help: [
      'A watcher goroutine is usually written to stop on cancellation: `go func() { <-ctx.Done(); cleanup() }()`, or a `for { select { case <-ctx.Done(): return; case <-tick.C: … } }` loop. That is correct only if somebody cancels the context. When the function that made it with `context.WithCancel` returns on an error path before `cancel()`, or throws the cancel function away, the context lives as long as its parent, often `context.Background()`: the goroutine, and everything it holds, is never released. `go vet`\'s lostcancel check finds the lost cancel; this rule says which goroutine it strands.',
      'goleash reports the `go` statement when every way out of the goroutine goes through a receive from `ctx.Done()` of a context made in its parent by `context.WithCancel` or `context.WithCancelCause`, and the parent has a path from there to a return on which the cancel function is not called (directly or by a `defer`), or the cancel function is assigned to `_`. A cancel function handed elsewhere (stored in a struct, returned, passed to a call, used by another func literal) may be called by code goleash does not follow, so it is not reported, with one exception: a cancel function stored in an unexported struct field (`s.cancel = cancel`, `s.ctx, s.cancel = context.WithCancel(…)`, `&T{cancel: cancel}`) that no code of the package ever reads again (calls, passes on, copies or compares; comments and strings do not count) is lost as surely as one assigned to `_`; so is one stored in a field of a value the function makes (`l := &T{cancel: cancel}`) and uses only to select its fields and start the goroutine on (`go l.run()`, a method that itself only selects fields of its receiver other than the cancel function), when the function returns without handing the value on, or returns it to a call of its package that drops the result (`p.acquire(ctx)` or `acquire(ctx)` as a statement of its own, or `_ = p.acquire(ctx)`; the dropping call is linked). The context may be kept in a struct field too: the goroutine then waits on `s.ctx.Done()` (or a copy of `s.ctx`) of the field the parent stored it in. A context with a deadline (`WithTimeout`, `WithDeadline`) is cancelled by its timer and is not reported.',
      '**How to fix:** `defer cancel()` right after `context.WithCancel`, so every path cancels; or, when the goroutine must outlive the function, hand the cancel function to whoever ends its life (a `Close` or `Stop` method that calls `s.cancel()`).',
      '```go\nctx, cancel := context.WithCancel(parent)\ndefer cancel() // every return ends the watcher\ngo watch(ctx)\n```',
      '**Suppress** a reviewed case on the line of the `go` statement or the line above: `//goleash:ignore ctx-never-cancelled <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'context'],
    since: '0.2.0',
    examples: { bad: 'src/rules/ctx-never-cancelled/testdata/cancel.go', good: 'src/rules/ctx-never-cancelled/testdata/cancel.go' },
  },

  check(stmt, program, report) {
    const g: Goroutine | undefined = goroutineOf(stmt.file, stmt.fact, program);
    if (!g) return;
    const ops = g.parent.blocks.flatMap((b) => b.ops);
    const derives = ops.filter(
      (o): o is Derive =>
        ((o.o === 'assign' && o.derive !== undefined) || o.o === 'ctxfield') && !o.timed && (o.cancel !== undefined || !!o.lostCancel || o.cancelField !== undefined),
    );
    const samePkg = program.packageOf(g.targetFile) === program.packageOf(g.file);
    // a store into an unexported field that no code of the package reads again is no way out for what is stored
    const deadStore = (o: Op) => o.o === 'escape' && o.how === 'store' && !!o.into && fieldNeverRead(program, g.file, o.into);
    // a store of the cancel function into a field of a value of the parent that nobody can reach once the parent
    // is done with it (src/analysis/handles.ts): every store of it into that field goes to such a value
    const lost: { h?: LostHandle; base?: VarId } = {};
    const lostStore = (cancel: VarId) => (o: Op) => {
      if (o.o !== 'escape' || o.how !== 'store' || !o.into) return false;
      const into = o.into;
      const stores = ops.filter((x): x is Op & { o: 'store' } => x.o === 'store' && x.src.k === 'var' && x.src.id === cancel && x.field.name === into.name);
      if (stores.length === 0) return false;
      const hs = stores.map((x) => (x.field.base ? lostHandle(g.file, g.parent, g.op, g.target, x.field.base, into.name, program) : undefined));
      if (hs.some((h) => !h)) return false;
      lost.h = hs.find((h) => h!.drop) ?? hs[0];
      lost.base = stores[0]!.field.base;
      return true;
    };
    for (const d of derives) {
      const ctxVar = d.o === 'assign' ? d.dst : undefined;
      const fields: Field[] = d.o === 'ctxfield' ? [d.field] : ops.flatMap((o) => (o.o === 'escape' && o.v === ctxVar && o.into ? [o.into] : []));
      const h: CtxHandles = { ids: ctxVar ? varsInTarget(g, ctxVar) : [], fields, samePkg };
      if ((h.ids.length === 0 && h.fields.length === 0) || !endsOnlyOnDone(g.target, h)) continue;
      let at: Range | undefined;
      let kept: Field | undefined;
      if (d.lostCancel) at = d.r;
      else if (d.cancelField) {
        // the cancel function goes straight into a field that nothing reads
        if (!fieldNeverRead(program, g.file, d.cancelField)) continue;
        at = d.r;
        kept = d.cancelField;
      } else {
        const cancel = d.cancel!;
        // a cancel function that leaves the parent, or that a literal calls other than one the parent defers or
        // calls itself (a goroutine or a callback may call it at any time)
        delete lost.h;
        const lostIn = lostStore(cancel);
        if (escapesIn(g.parent, cancel, undefined, (o) => deadStore(o) || lostIn(o))) continue;
        // a cancel kept in a variable of an enclosing function (or a package variable) outlives this call: a later
        // call may cancel it
        if (!g.parent.vars[cancel]) continue;
        const ran = new Set(ops.flatMap((o) => ((o.o === 'defer' || o.o === 'call') && o.fn.k === 'lit' ? [o.fn.id] : [])));
        const users = nestedLiterals(g.file, g.parent.id).filter((l) => l.parent === g.parent.id && literalMentions(g.file, l, cancel));
        if (users.some((l) => !ran.has(l.id))) continue;
        at = lostOn(g.parent, d, g.op, new Set(users.map((l) => l.id)));
      }
      if (!at) continue;
      const ctxName = d.o === 'ctxfield' ? d.field.text : (g.parent.vars[d.dst]?.name ?? 'ctx');
      const pname = program.enclosingName(stmt.file, stmt.fact.parent);
      const cancelName = d.cancel ? (g.parent.vars[d.cancel]?.name ?? 'cancel') : undefined;
      report({
        file: stmt.file.path,
        range: stmt.fact.range,
        message: [
          { text: 'this goroutine', loc: 1 },
          ` ends only when ${ctxName} is cancelled, and `,
          ...(kept
            ? [{ text: `the cancel function of ${ctxName}`, loc: 2 }, ` is kept in field ${kept.name}, which no code of the package calls`]
            : cancelName && lost.h
              ? [
                  `${pname} keeps ${cancelName} only in ${g.parent.vars[lost.base!]?.name ?? 'a value'}, which `,
                  ...(lost.h.drop
                    ? [`it returns and `, { text: `${lost.h.drop.caller || 'a caller'} drops`, loc: 3 }]
                    : [`no code can reach once it `, { text: 'returns', loc: 2 }]),
                ]
            : cancelName
              ? [`${pname} can `, { text: 'return', loc: 2 }, ` without calling ${cancelName}`]
              : [{ text: `the cancel function of ${ctxName}`, loc: 2 }, ' is discarded']),
          ': nothing cancels it, and the goroutine waits forever',
        ],
        related: [
          { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
          {
            id: 2, file: stmt.file.path, range: at,
            message: kept ? `the cancel function is stored in ${kept.text} here` : cancelName ? `${pname} returns here without calling ${cancelName}` : 'the cancel function is discarded here',
          },
          ...(lost.h?.drop ? [{ id: 3, file: lost.h.drop.file, range: lost.h.drop.range, message: `${pname} is called here and its results dropped` }] : []),
        ],
        semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `cancel|${ctxName}` },
      });
      return;
    }
  },
};
