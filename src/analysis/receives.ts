// Receive outcomes: what a call does with a channel handed to it when all the callee does with it is receive. For
// each way the callee can come back to its caller, how many receives it made on the way (MANY: a receiving loop
// that ended normally, a range to the close, a comma-ok receive that saw the close), and the select case or default
// it left by when that was not the channel. The caller's leave paths (src/analysis/leave.ts) then count the
// callee's receives as their own: a helper that waits with a timeout (`func wait(ch) error { select { case err :=
// <-ch: …; case <-time.After(d): … } }`) or a loop that serves requests until its ctx ends returns with sends pending.
// Followed through further calls that also only receive, to any depth (a cycle gives up). Plain data, no verdicts.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, SelectCase, Val, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { nestedLiterals, mentions } from './goroutines.js';
import { MANY, receivingLoops, insideLoopOf } from './leave.js';
import { shutdownBlocks } from './shutdown.js';
import { resolveCallee, summaries, type Callee } from './summaries.js';

export interface RecvOutcome {
  /** receives made on the way back (MANY: as many as were sent) */
  recv: number;
  /** the select case the callee took last that did not receive from the channel */
  via?: SelectCase;
  /** the callee took a select's default */
  viaDefault?: Range;
  /** `via` receives from the callee's parameter of this index (a channel its caller supplies) */
  viaParam?: number;
  /** where the callee (`fn`) returns */
  exit: Range;
  /** the callee that left by `via` / `viaDefault` (the innermost one, through further calls) */
  fn: FuncIR;
  file: FileFacts;
  /** the function the call runs (the first of the chain of calls to `fn`) */
  callee?: Callee;
}

/** The ways back from call op `o`, which hands the caller's channel `ch` to a function of the module that only
 * receives from it; undefined when the call does anything else with it, or goleash cannot follow it. */
export function callReceives(o: Op, ch: VarId, caller: FuncIR, file: FileFacts, program: Program): RecvOutcome[] | undefined {
  const c = o.o === 'call' ? resolveCallee(o.fn, file, program) : undefined;
  const outs = c && outcomesOfCall(o, (v) => v.k === 'var' && v.id === ch, file, program, new Set(), 0);
  if (!outs || o.o !== 'call') return undefined;
  // a way back by a channel the caller supplies: judged when that is the caller's own (its parameter, a field, a
  // ctx, a timer); a channel the caller makes is its own choreography, which goleash does not follow through calls
  if (outs.some((x) => x.viaParam !== undefined && settled(o.args[x.viaParam], caller) === undefined)) return undefined;
  // a way back by the Done of a ctx the caller hands as context.Background() or TODO() never happens
  const never = (x: RecvOutcome) => x.viaParam !== undefined && x.via?.ch.k === 'done' && isEmptyCtx(o.args[x.viaParam]);
  return outs.filter((x) => !never(x)).map((x) => ({ ...x, callee: c }));
}

/** context.Background() or context.TODO(): a ctx that is never cancelled (the API table's names for them). */
function isEmptyCtx(v: Val | undefined): boolean {
  return !!v && v.k === 'api' && v.pkg === 'context' && (v.name === 'Background' || v.name === 'TODO');
}

/** How a channel value a select case waits on is known to its function: a ctx's Done, a timer, a field (`'own'`),
 * the function's parameter of this index, or undefined (a local, an expression: a wait goleash cannot place). */
function settled(v: Val | undefined, fn: FuncIR): 'own' | number | undefined {
  if (!v) return undefined;
  // the Done of a ctx parameter: the caller's ctx (which may be one that is never cancelled)
  if (v.k === 'done' && v.ctx.k === 'var') {
    const info = fn.vars[v.ctx.id];
    if (info?.kind === 'param' && info.index !== undefined) return info.index;
  }
  if (v.k === 'done' || v.k === 'api' || v.k === 'field') return 'own';
  if (v.k === 'var') {
    const info = fn.vars[v.id];
    if (info?.kind === 'param' && info.index !== undefined) return info.index;
    if (info?.type?.k === 'ctx') return 'own';
  }
  return undefined;
}

const memo = new WeakMap<FuncIR, Map<VarId, RecvOutcome[] | null>>();

function outcomesOfCall(o: Op, is: (v: Val) => boolean, file: FileFacts, program: Program, visiting: Set<string>, depth: number): RecvOutcome[] | undefined {
  if (o.o !== 'call' || o.fn.k === 'builtin' || o.fn.k === 'lit' || depth > 12) return undefined;
  if (o.fn.k === 'method' && is(o.fn.recv)) return undefined;
  const at = o.args.map((a, i) => (is(a) ? i : -1)).filter((i) => i >= 0);
  if (at.length !== 1) return undefined;
  const c = resolveCallee(o.fn, file, program);
  if (!c) return undefined;
  const u = summaries(program).param(c, at[0]!);
  if (u.sends || u.closes || u.escapes || !u.recvs) return undefined;
  const p = Object.entries(c.fn.vars).find(([, v]) => v.kind === 'param' && v.index === at[0])?.[0];
  if (!p) return undefined;
  return outcomesIn(c, p, program, visiting, depth + 1);
}

function outcomesIn(c: Callee, p: VarId, program: Program, visiting: Set<string>, depth: number): RecvOutcome[] | undefined {
  let m = memo.get(c.fn);
  if (!m) memo.set(c.fn, (m = new Map()));
  if (m.has(p)) return m.get(p) ?? undefined;
  const key = `${c.file.path}#${c.fn.id}#${p}`;
  if (visiting.has(key)) return undefined;
  visiting.add(key);
  const out = explore(c, p, program, visiting, depth);
  visiting.delete(key);
  m.set(p, out ?? null);
  return out;
}

function explore(c: Callee, p: VarId, program: Program, visiting: Set<string>, depth: number): RecvOutcome[] | undefined {
  const { fn, file } = c;
  // a literal of the callee that sees the channel (a goroutine receiving, a callback) makes its receives uncountable
  if (nestedLiterals(file, fn.id).some((l) => mentions(l, p))) return undefined;
  const is = (v: Val) => v.k === 'var' && v.id === p;
  const stops = shutdownBlocks(file, fn);
  const pcalls = new Set<Op>(fn.blocks.flatMap((b) => b.ops.filter((o) => o.o === 'call' && o.args.some(is))));
  const loops = receivingLoops(fn, p, stops, false, [], pcalls);
  const anyRecv = receivingLoops(fn, p, stops, true, [], pcalls);
  // ok variables of comma-ok receives from the channel: the branch that tests them false has seen the close
  const oks = new Set<VarId>();
  for (const b of fn.blocks) {
    for (const o of b.ops) if (o.o === 'recv' && o.ok && is(o.ch)) oks.add(o.ok);
    if (b.term.t === 'select') for (const sc of b.term.cases) if (sc.kind === 'recv' && sc.ok && is(sc.ch)) oks.add(sc.ok);
  }
  const sat = (n: number) => Math.min(n, MANY);
  interface S {
    b: number;
    oi: number;
    recv: number;
    via?: SelectCase;
    viaDefault?: Range;
    from?: RecvOutcome;
    exit?: Range;
    viaParam?: number;
    /** the path left by a case goleash cannot place (see settled) */
    unsure?: boolean;
    prev: number;
  }
  const out = new Map<string, RecvOutcome>();
  const seen = new Set<string>();
  const queue: S[] = [];
  const push = (s: S) => {
    const entering = anyRecv.has(s.b) && fn.blocks[s.b]!.loop === s.b && (s.prev < 0 || !insideLoopOf(fn, s.prev, s.b)) ? 'e' : '';
    const k = `${s.b}|${s.oi}|${s.recv}|${s.via ? s.via.r.start.line + ':' + s.via.r.start.col : ''}|${s.viaDefault ? 'd' : ''}|${s.viaParam ?? ''}|${s.unsure ? 'u' : ''}|${entering}`;
    if (seen.has(k)) return;
    seen.add(k);
    queue.push(s);
  };
  let bail = false;
  const leave = (s: S, exit: Range) => {
    if (s.unsure && s.recv < MANY) bail = true;
    const base: RecvOutcome = s.from && s.recv < MANY ? { ...s.from, recv: s.recv } : { recv: s.recv, ...(s.via ? { via: s.via } : {}), ...(s.viaDefault ? { viaDefault: s.viaDefault } : {}), exit, fn, file };
    const o: RecvOutcome = { ...base };
    delete o.viaParam;
    if (s.viaParam !== undefined && s.recv < MANY) o.viaParam = s.viaParam;
    const k = `${o.recv}|${o.via ? o.via.r.start.line + ':' + o.via.r.start.col : ''}|${o.viaDefault ? 'd' : ''}|${o.viaParam ?? ''}|${o.file.path}`;
    if (!out.has(k)) out.set(k, o);
  };
  push({ b: 0, oi: 0, recv: 0, prev: -1 });
  for (let qi = 0; qi < queue.length; qi++) {
    if (queue.length > 4000) return undefined;
    const s = queue[qi]!;
    const b = fn.blocks[s.b]!;
    if (b.fails || stops.has(s.b)) continue;
    let { recv } = s;
    let forked = false;
    for (let oi = s.oi; oi < b.ops.length && !forked; oi++) {
      const o = b.ops[oi]!;
      if (o.o === 'recv' && is(o.ch)) recv = sat(recv + 1);
      else if (o.o === 'call' && o.args.some(is)) {
        const inner = outcomesOfCall(o, is, file, program, visiting, depth);
        if (!inner) return undefined;
        for (const x of inner) {
          // the inner function's way back names where the path left, unless this one leaves by a case of its own
          const left = x.via || x.viaDefault || (!s.via && !s.viaDefault);
          // a way back by a channel this function supplies: its own parameter, or one it can place
          const place = x.viaParam !== undefined ? settled(o.args[x.viaParam], fn) : 'own';
          const how: Partial<S> = place === undefined ? { unsure: true, viaParam: undefined } : typeof place === 'number' ? { viaParam: place, unsure: false } : { viaParam: undefined, unsure: false };
          push({ ...s, oi: oi + 1, recv: sat(recv + x.recv), prev: s.b, ...(left ? { via: x.via, viaDefault: x.viaDefault, from: x, ...how } : {}) });
        }
        forked = true;
      }
    }
    if (forked) continue;
    const t = b.term;
    const next = (to: number, ext: Partial<S> = {}) =>
      push({ b: to, oi: 0, recv, prev: s.b, ...(s.via ? { via: s.via } : {}), ...(s.viaDefault ? { viaDefault: s.viaDefault } : {}), ...(s.from ? { from: s.from } : {}), ...(s.viaParam !== undefined ? { viaParam: s.viaParam } : {}), ...(s.unsure ? { unsure: true } : {}), ...ext });
    if (t.t === 'return' || t.t === 'end') {
      leave({ ...s, recv }, t.r);
      continue;
    }
    if (t.t === 'exit') continue;
    if (t.t === 'select') {
      t.cases.forEach((sc, i) => {
        if (sc.kind === 'recv' && is(sc.ch)) next(b.succ[i]!, { recv: sat(recv + 1) });
        else {
          const place = sc.kind === 'recv' ? settled(sc.ch, fn) : undefined;
          push({ b: b.succ[i]!, oi: 0, recv, prev: s.b, via: sc, ...(place === undefined ? { unsure: true } : typeof place === 'number' ? { viaParam: place } : {}) });
        }
      });
      if (t.dflt !== undefined) push({ b: t.dflt, oi: 0, recv, prev: s.b, ...(s.via ? { via: s.via } : {}), viaDefault: t.r, ...(s.viaParam !== undefined ? { viaParam: s.viaParam } : {}), ...(s.unsure ? { unsure: true } : {}) });
      continue;
    }
    if (t.t === 'branch' && t.okTest && oks.has(t.okTest.ok)) {
      b.succ.forEach((to, i) => next(to, i === t.okTest!.closed ? { recv: MANY } : {}));
      continue;
    }
    if (t.t === 'range' || t.t === 'loop') {
      const ranging = t.t === 'range' && is(t.ch);
      next(b.succ[0]!, { recv: ranging ? sat(recv + 1) : recv });
      const entered = anyRecv.has(s.b) && s.prev >= 0 && !insideLoopOf(fn, s.prev, s.b) && s.prev !== s.b;
      if (b.succ[1] !== undefined && !entered) next(b.succ[1], { recv: ranging || loops.has(s.b) ? MANY : recv });
      continue;
    }
    for (const to of b.succ) next(to);
  }
  return bail ? undefined : [...out.values()];
}
