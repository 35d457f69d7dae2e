// A returned stream that every caller drains: a goroutine's send on a channel its parent makes and returns to its
// caller (and hands nowhere else) finds a reader when the parent has callers in the module and every one reads the
// channel until it is closed (src/analysis/stream-callers.ts, the judgement `unguarded-stream` uses). A caller that
// can stop early, hands the channel on or reads it in a way goleash cannot follow leaves the send judged, and so
// does a stream with no caller in the module (its readers are elsewhere).
import type { Program } from '../index/program.js';
import type { FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { funcFact } from '../parse/lookup.js';
import { resolveCallee } from './summaries.js';
import { irOf, varsInTarget, type Goroutine } from './goroutines.js';
import { streamCallers } from './stream-callers.js';
import { maxSends } from './leave.js';
import { receivesBeforeReturn } from './reply.js';

const isVar = (v: Val | undefined, id: VarId): boolean => v?.k === 'var' && v.id === id;

/** The parent returns `ch` and does nothing else with it that could read it or hand it on. */
function onlyReturned(parent: FuncIR, g: Goroutine, ch: VarId): boolean {
  let returned = false;
  for (const b of parent.blocks) {
    if (b.term.t === 'range' && isVar(b.term.ch, ch)) return false;
    if (b.term.t === 'select' && b.term.cases.some((c) => isVar(c.ch, ch))) return false;
    for (const o of b.ops) {
      if (o.o === 'escape' && o.v === ch) {
        if (o.how !== 'return') return false;
        returned = true;
      } else if (o.o === 'assign' && isVar(o.src, ch)) return false;
      else if (o.o === 'recv' && isVar(o.ch, ch)) return false;
      else if ((o.o === 'call' || o.o === 'defer') && o.args.some((a) => isVar(a, ch)) && !(o.fn.k === 'builtin' && ['len', 'cap', 'close'].includes(o.fn.name))) return false;
      else if (o.o === 'go' && o !== g.op && o.args.some((a) => isVar(a, ch))) return false;
    }
  }
  return returned;
}

/** The goroutine's send at `r` (in its own body, on a variable) and the `make` of its parent (a declared function)
 * that made that channel; undefined when either is not there. */
function returnedMake(g: Goroutine, r: Range): { sent: VarId; made: Op & { o: 'make' } } | undefined {
  if (!/^(F|M):/.test(g.parent.id)) return undefined;
  let sent: VarId | undefined;
  for (const b of g.target.blocks) for (const o of b.ops) if (o.o === 'send' && o.r.start.line === r.start.line && o.r.start.col === r.start.col && o.ch.k === 'var') sent = o.ch.id;
  if (!sent) return undefined;
  const made = g.parent.blocks.flatMap((b) => b.ops).find((o): o is Op & { o: 'make' } => o.o === 'make' && varsInTarget(g, o.dst).includes(sent));
  return made ? { sent, made } : undefined;
}

/** The goroutine's send at `r` (in its own body) is on a channel its parent returns to callers that all drain it. */
export function drainedReturnedStream(program: Program, g: Goroutine, r: Range): boolean {
  const m = returnedMake(g, r);
  if (!m || !onlyReturned(g.parent, g, m.made.dst)) return false;
  const callers = streamCallers(program, g.file, g.parent.id);
  return !!callers && callers.sites.length > 0 && callers.sites.every((c) => c.drains);
}

/**
 * The goroutine's send at `r` is on a promise: a channel its parent makes and only returns, on which the goroutine
 * sends at most once per run (every send followed by its end). Returns the parent's `make` of it.
 */
function promiseMake(g: Goroutine, r: Range): (Op & { o: 'make' }) | undefined {
  const m = returnedMake(g, r);
  return m && maxSends(g.target, m.sent) <= 1 && onlyReturned(g.parent, g, m.made.dst) ? m.made : undefined;
}

/** From op `from` of block `start` of `fn` on, every way reaches a receive from `v` before a return, or starts a
 * goroutine running a literal that cannot end without receiving from it (`g.Go(func() error { return <-errc })`). */
function awaitsOnEveryWay(file: FileFacts, fn: FuncIR, start: number, from: number, v: VarId): boolean {
  const receiver = (o: Op): boolean => {
    if (o.o !== 'go' || o.fn.k !== 'lit') return false;
    const lit = irOf(file, o.fn.id);
    return !!lit && awaitsOnEveryWay(file, lit, 0, 0, v);
  };
  return receivesBeforeReturn(fn, start, from, v, receiver);
}

/**
 * The goroutine's send at `r` is on a promise (see promiseMake) that every caller of the parent awaits: each
 * call site in the module (read as text, stream-callers.ts) is a call op of a function with an IR, and from it every
 * way receives the value (directly, or in a goroutine it starts that cannot end without receiving it) before it
 * can return. The one send then always finds its receiver.
 */
export function awaitedPromiseSend(program: Program, g: Goroutine, r: Range): boolean {
  const made = promiseMake(g, r);
  if (!made) return false;
  // which result the channel is: a named result by its place among the results, or the one channel result
  const results = Object.entries(g.parent.vars).filter(([, v]) => v.kind === 'result');
  let index = results.findIndex(([id]) => id === made.dst);
  if (index < 0) {
    const decl = funcFact(g.file, g.parent.id);
    const chans = decl ? decl.results.map((t, i) => (t.k === 'chan' ? i : -1)).filter((i) => i >= 0) : [];
    if (chans.length !== 1) return false;
    index = chans[0]!;
  }
  const callers = streamCallers(program, g.file, g.parent.id);
  if (!callers || callers.sites.length === 0) return false;
  const files = new Map([...program.packages.values()].flatMap((p) => p.files).map((f) => [f.path, f] as const));
  for (const site of callers.sites) {
    const cf = files.get(site.file);
    if (!cf) return false;
    let ok = false;
    for (const fn of cf.ir ?? []) {
      fn.blocks.forEach((b, bi) =>
        b.ops.forEach((o, oi) => {
          if (ok || o.o !== 'call' || o.r.start.line > site.range.start.line || o.r.end.line < site.range.start.line) return;
          const c = resolveCallee(o.fn, cf, program);
          const v = o.res?.[index];
          if (c?.fn === g.parent && v && awaitsOnEveryWay(cf, fn, bi, oi + 1, v)) ok = true;
        }),
      );
    }
    if (!ok) return false;
  }
  return true;
}
