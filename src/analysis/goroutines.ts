// Goroutine targets on the IR: for a go statement, the IR of its parent, its go op, the IR of the function it
// runs (a literal of the file, or a declared function of the module), and how the parent's variables are named
// inside it (the same id when captured, the parameter when passed). A shared analysis: rules ask for it.
import type { Program } from '../index/program.js';
import type { Block, FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, GoFact, Range } from '../parse/types.js';
import { indexOf } from './irindex.js';
import { resolveCallee, summaries, type ChanUse } from './summaries.js';

export type GoOp = Op & { o: 'go' };

export interface Goroutine {
  file: FileFacts;
  parent: FuncIR;
  op: GoOp;
  target: FuncIR;
  targetFile: FileFacts;
}

export function irOf(file: FileFacts, id: string): FuncIR | undefined {
  return indexOf(file)?.byId.get(id);
}

/** The declared or evident type of a variable of the file. */
export function varInfo(file: FileFacts, id: VarId): FuncIR['vars'][string] | undefined {
  return indexOf(file)?.vars.get(id);
}

/** The go op of the parent's IR that a go statement fact stands for. */
export function goOpOf(parent: FuncIR, go: GoFact): GoOp | undefined {
  for (const b of parent.blocks) {
    for (const o of b.ops) if (o.o === 'go' && o.r.start.line === go.range.start.line && o.r.start.col === go.range.start.col) return o;
  }
  return undefined;
}

/** The function a go op runs, when the IR has it: a literal of the file, or a declared function or method of the
 * module (a method through the type of its receiver, declared or the result of a call of the module). */
export function targetOf(op: GoOp, file: FileFacts, program: Program): { fn: FuncIR; file: FileFacts } | undefined {
  return resolveCallee(op.fn, file, program);
}

export function goroutineOf(file: FileFacts, go: GoFact, program: Program): Goroutine | undefined {
  const parent = irOf(file, go.parent);
  if (!parent) return undefined;
  const op = goOpOf(parent, go);
  if (!op) return undefined;
  const t = targetOf(op, file, program);
  return t ? { file, parent, op, target: t.fn, targetFile: t.file } : undefined;
}

/** The func literal of the file a go, call or defer op runs: written in place, or held by a variable that only
 * ever holds it (`f := func() {…}; go f()`). It sees its parent's variables by their own ids. */
export function litOf(op: Op & { o: 'go' | 'call' | 'defer' }, file: FileFacts): FuncIR | undefined {
  const ix = indexOf(file);
  if (op.fn.k === 'lit') return ix?.byId.get(op.fn.id);
  if (op.fn.k === 'value' && op.fn.v.k === 'var') {
    const lit = ix?.vars.get(op.fn.v.id)?.lit;
    return lit ? ix?.byId.get(lit) : undefined;
  }
  return undefined;
}

/** The parent variables the goroutine reaches, with the ids it names them by. */
export function varsInTarget(g: Goroutine, id: VarId): VarId[] {
  const out: VarId[] = [];
  if (litOf(g.op, g.file) && literalMentions(g.file, g.target, id)) out.push(id);
  g.op.args.forEach((a, i) => {
    if (a.k !== 'var' || a.id !== id) return;
    for (const [pid, v] of Object.entries(g.target.vars)) if (v.kind === 'param' && v.index === i) out.push(pid);
  });
  return out;
}

/** Every literal of the file nested (at any depth) in the function `parent`. */
export function nestedLiterals(file: FileFacts, parent: string): FuncIR[] {
  const ix = indexOf(file);
  if (!ix) return [];
  const out: FuncIR[] = [];
  const visit = (id: string, depth: number) => {
    if (depth > 50) return;
    for (const c of ix.children.get(id) ?? []) {
      out.push(c);
      visit(c.id, depth + 1);
    }
  };
  visit(parent, 0);
  return out;
}

export function isNestedIn(file: FileFacts, fn: FuncIR, outer: string): boolean {
  const ix = indexOf(file);
  let p = fn.parent;
  for (let i = 0; p && i < 50; i++) {
    if (p === outer) return true;
    p = ix?.byId.get(p)?.parent;
  }
  return false;
}

/** A literal uses `id` (itself or through a literal nested in it). */
export function literalMentions(file: FileFacts, lit: FuncIR, id: VarId): boolean {
  return mentions(lit, id) || nestedLiterals(file, lit.id).some((l) => mentions(l, id));
}

export function isVar(v: Val | undefined, id: VarId): boolean {
  return !!v && v.k === 'var' && v.id === id;
}

/** The receiver variable of a method's IR, if it has one. */
export function receiverOf(fn: FuncIR): VarId | undefined {
  return Object.keys(fn.vars).find((id) => fn.vars[id]!.kind === 'recv');
}

/** Whether op `o` names variable `id` (itself, a field reached through it, the Done of a ctx it holds): an operand, an
 * argument, an escape, an assignment, a make. */
export function opMentions(o: Op, id: VarId): boolean {
  const inVal = (v: Val | undefined): boolean => !!v && ((v.k === 'var' && v.id === id) || (v.k === 'done' && inVal(v.ctx)) || (v.k === 'field' && v.base === id));
  switch (o.o) {
    case 'send':
    case 'recv':
    case 'close':
      return inVal(o.ch);
    case 'go':
    case 'call':
    case 'defer':
      return o.args.some(inVal) || (o.fn.k === 'value' && inVal(o.fn.v)) || (o.fn.k === 'method' && inVal(o.fn.recv));
    case 'escape':
      return o.v === id;
    case 'assign':
      return o.dst === id || o.cancel === id || inVal(o.src);
    case 'make':
      return o.dst === id;
    default:
      return false;
  }
}

/** The IR mentions variable `id` anywhere: an operand, an argument, a select case, a range, an assignment. */
export function mentions(fn: FuncIR, id: VarId): boolean {
  const inVal = (v: Val | undefined): boolean => !!v && ((v.k === 'var' && v.id === id) || (v.k === 'done' && inVal(v.ctx)) || (v.k === 'field' && v.base === id));
  for (const b of fn.blocks) {
    if (b.ops.some((o) => opMentions(o, id))) return true;
    const t = b.term;
    if (t.t === 'select' && t.cases.some((c) => inVal(c.ch))) return true;
    if (t.t === 'range' && inVal(t.ch)) return true;
  }
  return false;
}

/** How escapesIn looks through calls: the callee's summary (src/analysis/summaries.ts) of the parameter the
 * variable is passed to, and whether that use counts as the variable getting away (a rule's question). */
export interface Via {
  file: FileFacts;
  program: Program;
  counts: (u: ChanUse) => boolean;
}

/** The function hands `id` to something the IR does not follow: a call, a method call on it, a store, a
 * return, a copy into another variable, a go statement whose target is not known. With `via`, a call to a
 * function of the module is looked through: it counts only when the callee's use of the parameter does. An escape op
 * that `ignore` accepts does not count. */
export function escapesIn(fn: FuncIR, id: VarId, via?: Via, ignore?: (o: Op) => boolean): boolean {
  return escapeOps(fn, id, via, ignore).length > 0;
}

/** The operations of `fn` by which `id` gets away (see escapesIn), in block order. */
export function escapeOps(fn: FuncIR, id: VarId, via?: Via, ignore?: (o: Op) => boolean): Op[] {
  const is = (v: Val) => (v.k === 'var' && v.id === id) || (v.k === 'field' && v.base === id);
  const passed = (o: Op & { o: 'call' | 'defer' | 'go' }) =>
    o.args.some((a, i) => {
      if (!is(a)) return false;
      if (!via || a.k !== 'var') return true;
      const u = summaries(via.program).argUse(o, i, via.file);
      return !u || via.counts(u);
    });
  const out: Op[] = [];
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (
        (o.o === 'escape' && o.v === id && !ignore?.(o)) ||
        (o.o === 'assign' && is(o.src)) ||
        ((o.o === 'call' || o.o === 'defer') && !(o.fn.k === 'builtin' && (o.fn.name === 'len' || o.fn.name === 'cap' || o.fn.name === 'close')) && passed(o)) ||
        ((o.o === 'call' || o.o === 'defer') && o.fn.k === 'method' && is(o.fn.recv)) ||
        (o.o === 'go' && o.fn.k !== 'lit' && o.fn.k !== 'func' && passed(o))
      )
        out.push(o);
    }
  }
  return out;
}

/** The function can come back to its caller (a return, or the end of its body, is reachable). */
export function canReturn(fn: FuncIR): boolean {
  const seen = new Set<number>([0]);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const b = fn.blocks[queue[i]!]!;
    if (b.term.t === 'return' || b.term.t === 'end') return true;
    for (const s of b.succ) if (!seen.has(s)) seen.add(s), queue.push(s);
  }
  return false;
}

/** The go ops of a function, in block order. */
export function goOps(fn: FuncIR): GoOp[] {
  const out: GoOp[] = [];
  for (const b of fn.blocks) for (const o of b.ops) if (o.o === 'go') out.push(o);
  return out;
}

/** Block `b` lies inside the loop whose header is `h` (at any depth). */
export function insideLoop(fn: FuncIR, b: number, h: number): boolean {
  for (let l = fn.blocks[b]!.loop, i = 0; l !== undefined && i < 100; i++) {
    if (l === h) return true;
    l = fn.blocks[l]!.outer;
  }
  return false;
}

/** The loop with header `h` can be left other than by its header's normal exit: a return, an abrupt exit, or a
 * jump (break, goto, labelled continue) out of its body. */
export function leavesEarly(fn: FuncIR, h: number): boolean {
  return fn.blocks.some(
    (b, i) =>
      i !== h &&
      insideLoop(fn, i, h) &&
      (b.term.t === 'return' || b.term.t === 'exit' || b.succ.some((s) => s !== h && !insideLoop(fn, s, h))),
  );
}

/** The channels the function's comma-ok receives observe the close of: ok variable -> channel. */
export function okChannels(fn: FuncIR): Map<VarId, Val> {
  const m = new Map<VarId, Val>();
  for (const b of fn.blocks) {
    for (const o of b.ops) if (o.o === 'recv' && o.ok) m.set(o.ok, o.ch);
    if (b.term.t === 'select') for (const c of b.term.cases) if (c.ok) m.set(c.ok, c.ch);
  }
  return m;
}

/** A branch on the ok variable of a comma-ok receive (`if !ok`): the channel, and the successor taken once the
 * channel is closed. */
export function closedBranch(b: Block, oks: Map<VarId, Val>): { ch: Val; to: number } | undefined {
  const t = b.term;
  if (t.t !== 'branch' || !t.okTest) return undefined;
  const ch = oks.get(t.okTest.ok);
  const to = b.succ[t.okTest.closed];
  if (!ch || to === undefined || b.succ.filter((s) => s === to).length > 1) return undefined;
  return { ch, to };
}

/**
 * The loop with header `h` waits for a channel to be closed, like a range over it: it receives from the channel
 * with comma-ok, and nothing leaves it (no return, exit or jump out, no normal exit) except on the way its `if
 * !ok` takes once the channel is closed: `for { select { case v, ok := <-ch: if !ok { return } …; case <-tick.C: … } }`.
 * Returns the channel (a variable) and where the loop waits for it (the select, or the receive).
 */
export function closeOnlyLoop(fn: FuncIR, h: number): { ch: Val & { k: 'var' }; r: Range } | undefined {
  const oks = okChannels(fn);
  let ch: (Val & { k: 'var' }) | undefined;
  let at: Range | undefined;
  for (const [i, b] of fn.blocks.entries()) {
    if (!insideLoop(fn, i, h)) continue;
    const t = b.term;
    const seen: [Val, Range][] = [
      ...b.ops.flatMap((o): [Val, Range][] => (o.o === 'recv' && o.ok ? [[o.ch, o.r]] : [])),
      ...(t.t === 'select' ? t.cases.flatMap((c): [Val, Range][] => (c.ok ? [[c.ch, t.r]] : [])) : []),
    ];
    for (const [v, r] of seen) {
      if (v.k !== 'var' || (ch && ch.id !== v.id)) return undefined;
      ch = v;
      at ??= r;
    }
  }
  if (!ch || !at) return undefined;
  const mark = new Set<number>([h]);
  const queue = [h];
  for (let i = 0; i < queue.length; i++) {
    const b = fn.blocks[queue[i]!]!;
    if (b.term.t === 'return' || b.term.t === 'exit' || b.term.t === 'end') return undefined;
    const closed = closedBranch(b, oks);
    for (const s of b.succ) {
      if (closed && isVar(closed.ch, ch.id) && s === closed.to) continue;
      if (!insideLoop(fn, s, h)) return undefined;
      if (!mark.has(s)) mark.add(s), queue.push(s);
    }
  }
  return { ch, r: at };
}

/**
 * The returns of `fn` that control can reach after the go statement at `go` starts its goroutine (as
 * `line:col` of the return statement), or undefined when the IR has no such go op. A return on a branch the
 * go statement is not on (the other arm of an if, an error return before a sibling go statement) is not among
 * them: position in the text is not control flow.
 */
export function returnsAfterGo(fn: FuncIR, go: { line: number; col: number }): Set<string> | undefined {
  const start = fn.blocks.findIndex((b) => b.ops.some((o) => o.o === 'go' && o.r.start.line === go.line && o.r.start.col === go.col));
  if (start < 0) return undefined;
  const out = new Set<string>();
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const b = fn.blocks[queue[i]!]!;
    if (b.term.t === 'return') out.add(`${b.term.r.start.line}:${b.term.r.start.col}`);
    for (const s of b.succ) if (!seen.has(s)) seen.add(s), queue.push(s);
  }
  return out;
}

/** From blocks `starts` of `fn`, no way reaches a return or the end of the body without passing a block `passes`
 * accepts (the ways stop there); ways that end abruptly (a panic, an exit) are none. */
export function everyWayPasses(fn: FuncIR, starts: readonly number[], passes: (b: FuncIR['blocks'][number]) => boolean): boolean {
  const seen = new Set<number>();
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    if (seen.has(n)) continue;
    seen.add(n);
    const blk = fn.blocks[n]!;
    if (passes(blk)) continue;
    if (blk.term.t === 'return' || blk.term.t === 'end') return false;
    queue.push(...blk.succ);
  }
  return true;
}

/** The blocks of `fn` reachable from the blocks `from` (those included), along the CFG's successors. */
export function reachableFrom(fn: FuncIR, from: readonly number[]): Set<number> {
  const seen = new Set<number>(from);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) for (const s of fn.blocks[queue[i]!]!.succ) if (!seen.has(s)) seen.add(s), queue.push(s);
  return seen;
}

/** A func `fn` defers recovers from panics (a deferred literal that calls recover, or `defer recover()`): a panic of
 * `fn` (a send on a closed channel, an explicit panic) then returns from it to its caller like a return. */
export function recoversPanics(fn: FuncIR, file: FileFacts): boolean {
  const callsRecover = (f: FuncIR) => f.blocks.some((b) => b.ops.some((o) => o.o === 'call' && o.fn.k === 'builtin' && o.fn.name === 'recover'));
  return fn.blocks.some((b) =>
    b.ops.some((o) => {
      if (o.o !== 'defer') return false;
      if (o.fn.k === 'builtin') return o.fn.name === 'recover';
      const lit = o.fn.k === 'lit' ? irOf(file, o.fn.id) : undefined;
      return !!lit && callsRecover(lit);
    }),
  );
}
