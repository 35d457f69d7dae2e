// Shutdown: the receives that complete only once the process is asked to stop. A channel registered with
// os/signal.Notify, and the Done() of a context made by os/signal.NotifyContext (the API table's `signal` and
// `signal-ctx` entries), by the function or by one it is nested in (a literal names its enclosing function's
// variables by the same ids), or copied from one of those; and a package's Done() function of another package (global
// state, no receiver: the process's own lifetime). A way out of a function that goes through such a
// receive is the process going down (Ctrl-C in a command, SIGTERM to a daemon): a goroutine left behind on it goes
// with the process and is not one more per call. Plain data: the blocks where such a way starts.
import { apiEffect } from '../api/table.js';
import type { FuncIR, Val, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { irOf } from './goroutines.js';

/** The channel variables that `fn` registers for the process's signals (os/signal.Notify, per the API table). */
/** The channels `fn` hands to signal.Stop (a call or a defer): they get no more signals from then on. */
export function stoppedSignalChans(fn: FuncIR): VarId[] {
  const out: VarId[] = [];
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if ((o.o !== 'call' && o.o !== 'defer') || o.fn.k !== 'pkg') continue;
      const e = apiEffect(o.fn.pkg, o.fn.name);
      const a = e?.k === 'signal-stop' ? o.args[e.arg] : undefined;
      if (a?.k === 'var') out.push(a.id);
    }
  }
  return out;
}

export function notifiedChans(fn: FuncIR): VarId[] {
  const out: VarId[] = [];
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'call' || o.fn.k !== 'pkg') continue;
      const e = apiEffect(o.fn.pkg, o.fn.name);
      const a = e?.k === 'signal' ? o.args[e.arg] : undefined;
      if (a?.k === 'var') out.push(a.id);
    }
  }
  return out;
}

const memo = new WeakMap<FuncIR, { chans: Set<VarId>; ctxs: Set<VarId> }>();

/** The variables of `fn` (and of the functions it is nested in) that hold a signal channel or a signal context. */
function signalVars(file: FileFacts, fn: FuncIR): { chans: Set<VarId>; ctxs: Set<VarId> } {
  const hit = memo.get(fn);
  if (hit) return hit;
  const chain: FuncIR[] = [];
  for (let cur: FuncIR | undefined = fn, i = 0; cur && i < 50; i++) {
    chain.push(cur);
    cur = cur.parent ? irOf(file, cur.parent) : undefined;
  }
  const chans = new Set<VarId>(chain.flatMap(notifiedChans));
  const ctxs = new Set<VarId>();
  for (const cur of chain) {
    for (const b of cur.blocks) {
      for (const o of b.ops) {
        const r = o.o === 'call' && o.fn.k === 'pkg' && apiEffect(o.fn.pkg, o.fn.name)?.k === 'signal-ctx' ? o.res?.[0] : undefined;
        if (r) ctxs.add(r);
      }
    }
  }
  // plain copies (`ctx = sigCtx`), not derivations: a context derived with a deadline or a cancel of its own ends
  // on other ways too
  for (const cur of chain) {
    for (const b of cur.blocks) {
      for (const o of b.ops) {
        if (o.o === 'assign' && !o.derive && o.src.k === 'var' && ctxs.has(o.src.id)) ctxs.add(o.dst);
      }
    }
  }
  const out = { chans, ctxs };
  memo.set(fn, out);
  return out;
}

/** Whether a receive from `v` completes only when the process is signalled, or stops as a whole: a package's own
 * Done() function of another package (`<-lifecycle.Done()`: no receiver, so global state, the process's). */
function signalled(v: Val, s: { chans: Set<VarId>; ctxs: Set<VarId> }): boolean {
  if (v.k === 'var') return s.chans.has(v.id);
  if (v.k === 'api' && v.name === 'Done' && /\.Done\(\s*\)$/.test(v.text) && !apiEffect(v.pkg, v.name)) return true;
  return v.k === 'done' && v.ctx?.k === 'var' && s.ctxs.has(v.ctx.id);
}

/**
 * The blocks of `fn` that are reached only once the process is signalled: the body of a select case that
 * receives from a signal channel or a signal context's Done, and a block whose ops wait on one (`<-sigs`). Each as
 * `end`: a path through it ends with the process.
 */
export function shutdownBlocks(file: FileFacts, fn: FuncIR): Map<number, 'end'> {
  const out = new Map<number, 'end'>();
  const s = signalVars(file, fn);
  fn.blocks.forEach((b, i) => {
    if (b.ops.some((o) => o.o === 'recv' && signalled(o.ch, s))) out.set(i, 'end');
    if (b.term.t === 'select') {
      b.term.cases.forEach((c, ci) => {
        if (c.kind === 'recv' && signalled(c.ch, s)) out.set(b.succ[ci]!, 'end');
      });
    }
  });
  return out;
}

/** Whether the select case or receive of `fn` that starts where `r` starts waits for the process to be signalled
 * (for analyses that name a way out by its range). */
export function signalledAt(file: FileFacts, fn: FuncIR, r: Range): boolean {
  const s = signalVars(file, fn);
  const at = (x: Range) => x.start.line === r.start.line && x.start.col === r.start.col;
  return fn.blocks.some(
    (b) =>
      b.ops.some((o) => o.o === 'recv' && at(o.r) && signalled(o.ch, s)) ||
      (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'recv' && at(c.r) && signalled(c.ch, s))),
  );
}
