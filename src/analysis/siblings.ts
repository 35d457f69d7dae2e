// Handshakes between sibling goroutines: a goroutine's bare send or receive on a channel its parent made is
// completed by another goroutine the same parent starts, when that sibling cannot end without doing the other
// half. A sibling that ranges over the channel until it is closed, reached on every path and never left early,
// takes every send; a sibling that cannot end without receiving from the channel takes a single send; a sibling
// that cannot end without sending on it answers a single receive. For the single cases nothing else of the
// parent's may compete for the same half (another sender for the one receive, another receiver for the one send).
// Plain data in, a yes or no out: the rules decide what it means to them. Names never matter.
import type { Program } from '../index/program.js';
import type { Block, FuncIR, Op, SelectCase, Val, VarId } from '../ir/types.js';
import type { FileFacts } from '../parse/types.js';
import { escapeOps, escapesIn, everyWayPasses, reachableFrom, goOps, insideLoop, irOf, isNestedIn, isVar, leavesEarly, literalMentions, mentions, nestedLiterals, receiverOf, targetOf, type GoOp } from './goroutines.js';
import { MANY, maxSends } from './leave.js';

/** The parent's variable for a channel the syntactic facts key as `fnId:name@line` (see src/parse/facts.ts). */
export function varOfChanKey(parent: FuncIR, key: string): VarId | undefined {
  const m = /:([^:@]+)@(\d+)$/.exec(key);
  if (!m) return undefined;
  const ids = Object.keys(parent.vars).filter((id) => parent.vars[id]!.name === m[1] && id.startsWith(`${m[1]}@${m[2]}:`));
  return ids.length === 1 ? ids[0] : undefined;
}

/** The go statement of `ops` at `go`, the function it runs (resolved, or `known` to the caller) and the names that
 * function has for channel `ch`; undefined when either cannot be found. */
function startedAt(
  ops: GoOp[],
  go: { line: number; col: number },
  file: FileFacts,
  ch: VarId,
  program: Program,
  known?: { fn: FuncIR; file: FileFacts },
): { self: GoOp; target: { fn: FuncIR; file: FileFacts }; names: VarId[] } | undefined {
  const self = ops.find((o) => o.r.start.line === go.line && o.r.start.col === go.col);
  if (!self) return undefined;
  const target = targetOf(self, file, program) ?? known;
  if (!target) return undefined;
  return { self, target, names: namesIn(self, target.fn, file, ch) };
}

/** How a go op's target names the parent's variable `ch`: the same id when its literal captures it, the
 * parameter it is passed to. */
export function namesIn(op: GoOp, target: FuncIR, file: FileFacts, ch: VarId): VarId[] {
  const out: VarId[] = [];
  if (op.fn.k === 'lit' && literalMentions(file, target, ch)) out.push(ch);
  op.args.forEach((a, i) => {
    if (!isVar(a, ch)) return;
    for (const [id, v] of Object.entries(target.vars)) if (v.kind === 'param' && v.index === i) out.push(id);
  });
  return out;
}

/**
 * Every path from the function's entry to its end (a return, the end of the body, an abrupt exit) passes an
 * operation that `hit` accepts (a block op, a select case: only that case's way on counts, or a range header),
 * and nothing on the way can wait on another channel first: no bare send or receive on another channel, no select
 * without a case on `n` or a default, no range over another channel. (A call on the way is not judged.)
 */
function mustPass(fn: FuncIR, n: VarId, op: (o: Op) => boolean, selCase: (c: SelectCase) => boolean, range: (ch: Val) => boolean): boolean {
  const seen = new Set<number>([0]);
  const queue = [0];
  const push = (s: number) => {
    if (!seen.has(s)) seen.add(s), queue.push(s);
  };
  for (let i = 0; i < queue.length; i++) {
    const b: Block = fn.blocks[queue[i]!]!;
    const at = b.ops.findIndex(op);
    const before = at < 0 ? b.ops : b.ops.slice(0, at);
    if (before.some((o) => (o.o === 'send' || o.o === 'recv') && !isVar(o.ch, n))) return false;
    if (at >= 0) continue;
    const t = b.term;
    if (t.t === 'return' || t.t === 'end' || t.t === 'exit') return false;
    if (t.t === 'range') {
      if (range(t.ch)) continue;
      if (!isVar(t.ch, n)) return false;
    }
    if (t.t === 'select') {
      if (t.dflt === undefined && !t.cases.some((c) => isVar(c.ch, n))) return false;
      t.cases.forEach((c, k) => {
        if (!selCase(c)) push(b.succ[k]!);
      });
      if (t.dflt !== undefined) push(t.dflt);
      continue;
    }
    b.succ.forEach(push);
  }
  return true;
}

/** The sibling ranges over `n` until it is closed: the range is reached on every path, nothing leaves it early,
 * and its body waits on no other channel. */
function drainsUntilClosed(fn: FuncIR, n: VarId): boolean {
  const headers = fn.blocks.flatMap((b, i) => (b.term.t === 'range' && isVar(b.term.ch, n) ? [i] : []));
  if (headers.length !== 1 || leavesEarly(fn, headers[0]!)) return false;
  const h = headers[0]!;
  const waits = fn.blocks.some(
    (b, i) =>
      i !== h &&
      insideLoop(fn, i, h) &&
      (b.ops.some((o) => o.o === 'send' || o.o === 'recv') || (b.term.t === 'select' && b.term.dflt === undefined) || b.term.t === 'range'),
  );
  return !waits && mustPass(fn, n, () => false, () => false, (ch) => isVar(ch, n));
}

/** The sibling cannot end without receiving from `n` (a receive, a select case, a range over it). */
function mustReceive(fn: FuncIR, n: VarId): boolean {
  return mustPass(fn, n, (o) => o.o === 'recv' && isVar(o.ch, n), (c) => c.kind === 'recv' && isVar(c.ch, n), (ch) => isVar(ch, n));
}

/**
 * Every way from the function's entry to a return or the end of its body passes a bare send on `n` (or a select
 * case that sends on it, on that case's way on); waits on other channels on the way are not judged (a goroutine
 * that hangs there is its own finding). An abrupt end (panic, os.Exit) does not count as a way out. For a fan-in:
 * a worker that always reports before it ends.
 */
export function sendsBeforeEveryEnd(fn: FuncIR, n: VarId): boolean {
  const seen = new Set<number>([0]);
  const queue = [0];
  const push = (s: number) => {
    if (!seen.has(s)) seen.add(s), queue.push(s);
  };
  for (let i = 0; i < queue.length; i++) {
    const b: Block = fn.blocks[queue[i]!]!;
    if (b.ops.some((o) => o.o === 'send' && isVar(o.ch, n))) continue;
    const t = b.term;
    if (t.t === 'return' || t.t === 'end') return false;
    if (t.t === 'select') {
      t.cases.forEach((c, k) => {
        if (!(c.kind === 'send' && isVar(c.ch, n))) push(b.succ[k]!);
      });
      if (t.dflt !== undefined) push(t.dflt);
      continue;
    }
    b.succ.forEach(push);
  }
  return true;
}

/** The sibling cannot end without a bare send on `n`. */
function mustSend(fn: FuncIR, n: VarId): boolean {
  return mustPass(fn, n, (o) => o.o === 'send' && isVar(o.ch, n), () => false, () => false);
}

/** Every way through the parent to a return or the end of its body starts the goroutine of `op` (a path that
 * ends abruptly does not count): a sibling started on one branch only completes nothing on the others. */
export function alwaysStarts(parent: FuncIR, op: GoOp): boolean {
  const seen = new Set<number>([0]);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const b = parent.blocks[queue[i]!]!;
    if (b.ops.includes(op)) continue;
    if (b.term.t === 'return' || b.term.t === 'end') return false;
    for (const s of b.succ) if (!seen.has(s)) seen.add(s), queue.push(s);
  }
  return true;
}

/** What a function does with `n`: sends (ops or select cases), receives (ops, cases, ranges), or hands it on. */
function uses(fn: FuncIR, n: VarId): { sends: boolean; recvs: boolean; handed: boolean } {
  let sends = false;
  let recvs = false;
  let handed = false;
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (o.o === 'send' && isVar(o.ch, n)) sends = true;
      else if (o.o === 'recv' && isVar(o.ch, n)) recvs = true;
      else if ((o.o === 'call' || o.o === 'defer' || o.o === 'go') && (o.args.some((a) => isVar(a, n)) || (o.fn.k === 'method' && isVar(o.fn.recv, n)))) {
        if (!(o.fn.k === 'builtin' && (o.fn.name === 'len' || o.fn.name === 'cap' || o.fn.name === 'close'))) handed = true;
      } else if (o.o === 'escape' && o.v === n) handed = true;
      else if (o.o === 'assign' && isVar(o.src, n)) handed = true;
    }
    const t = b.term;
    if (t.t === 'select') for (const c of t.cases) if (isVar(c.ch, n)) c.kind === 'send' ? (sends = true) : (recvs = true);
    if (t.t === 'range' && isVar(t.ch, n)) recvs = true;
  }
  return { sends, recvs, handed };
}

/** A single receive of `n` in the function: one receive op, outside any loop, and no select case or range on it. */
function receivesOnce(fn: FuncIR, n: VarId): boolean {
  let count = 0;
  for (const b of fn.blocks) {
    for (const o of b.ops) if (o.o === 'recv' && isVar(o.ch, n)) count += b.loop === undefined ? 1 : 2;
    const t = b.term;
    if (t.t === 'select' && t.cases.some((c) => c.kind === 'recv' && isVar(c.ch, n))) count += 2;
    if (t.t === 'range' && isVar(t.ch, n)) count += 2;
  }
  return count === 1;
}

/**
 * The goroutine started at `go` (a go op of `parent`) sends on (`kind: 'send'`) or receives from (`'recv'`) the
 * parent's channel `ch`, and a sibling goroutine of the parent completes it: see the head of this file.
 */
export function settledBySibling(
  file: FileFacts,
  parent: FuncIR,
  go: { line: number; col: number },
  ch: VarId,
  kind: 'send' | 'recv',
  program: Program,
  /** the goroutine's function when the caller knows it (a literal held in a variable, `go f(…)`) */
  known?: { fn: FuncIR; file: FileFacts },
): boolean {
  const ops = goOps(parent);
  const started = startedAt(ops, go, file, ch, program, known);
  if (!started) return false;
  const { self, target: selfT, names: selfNames } = started;
  if (selfNames.length === 0) return false;
  const selfBlock = parent.blocks.findIndex((b) => b.ops.includes(self));
  const selfLooped = parent.blocks[selfBlock]?.loop !== undefined;
  // the single cases: this goroutine sends at most once (or receives once), and only one of it runs
  const once =
    !selfLooped &&
    (kind === 'send' ? selfNames.every((n) => maxSends(selfT.fn, n) <= 1) : selfNames.length === 1 && receivesOnce(selfT.fn, selfNames[0]!));
  const counterparts: FuncIR[] = [];
  let drained = false;
  for (const op of ops) {
    if (op === self || !alwaysStarts(parent, op)) continue;
    const t = targetOf(op, file, program);
    if (!t) continue;
    const names = namesIn(op, t.fn, file, ch);
    if (names.length === 0) continue;
    if (kind === 'send' && names.some((n) => drainsUntilClosed(t.fn, n))) drained = true;
    if (once && names.some((n) => (kind === 'send' ? mustReceive(t.fn, n) : mustSend(t.fn, n)))) counterparts.push(t.fn);
  }
  if (drained) return true;
  if (!once || counterparts.length === 0) return false;
  // nothing else of the parent's competes for the other half: no other sender for the one receive, no other
  // receiver-free sender for the one send; the channel is not handed anywhere goleash does not follow
  const mine = (fn: FuncIR) => fn === selfT.fn || isNestedIn(file, fn, selfT.fn.id) || counterparts.some((c) => fn === c || isNestedIn(file, fn, c.id));
  const parentUse = uses(parent, ch);
  if (parentUse.handed && parent.blocks.some((b) => b.ops.some((o) => (o.o === 'call' || o.o === 'defer') && o.args.some((a) => isVar(a, ch)) && !(o.fn.k === 'builtin')))) return false;
  if (parent.blocks.some((b) => b.ops.some((o) => (o.o === 'escape' && o.v === ch) || (o.o === 'assign' && isVar(o.src, ch))))) return false;
  // go ops handing the channel to targets other than this goroutine and its counterparts
  for (const op of ops) {
    if (op === self || !op.args.some((a) => isVar(a, ch))) continue;
    const t = targetOf(op, file, program);
    if (!t || !counterparts.includes(t.fn)) return false;
  }
  if (kind === 'send' ? parentUse.sends : parentUse.recvs) return false;
  for (const l of nestedLiterals(file, parent.id)) {
    if (mine(l)) continue;
    const u = uses(l, ch);
    if (u.handed || (kind === 'send' ? u.sends : u.recvs)) return false;
  }
  // the counterpart itself does not compete (a sender that also sends answers only itself, and vice versa)
  return counterparts.some((c) => !uses(c, ch).handed && (kind === 'send' ? !uses(c, ch).sends : true));
}

/**
 * The most values the parent's channel `ch` can carry over one run of the parent: the sum of the most sends of
 * the goroutines it starts that send on it. MANY when the parent itself sends on it or lets it go, when a go op
 * that reaches it sits in a loop or runs a function goleash does not know, or when another literal of the parent
 * (not a goroutine's) uses it, or the channel is not one the parent makes. A range over such a channel runs its body at most that many times.
 */
export function feedBound(file: FileFacts, parent: FuncIR, ch: VarId, program: Program): number {
  // only a channel the parent makes (once) and keeps: one from elsewhere has senders goleash cannot count
  const makes = parent.blocks.flatMap((b) => b.ops.filter((o) => o.o === 'make' && o.dst === ch));
  const assigned = parent.blocks.some((b) => b.ops.some((o) => o.o === 'assign' && o.dst === ch));
  if (makes.length !== 1 || assigned || parent.vars[ch]?.kind !== 'local') return MANY;
  if (escapesIn(parent, ch) || uses(parent, ch).sends) return MANY;
  let total = 0;
  const started: FuncIR[] = [];
  for (const op of goOps(parent)) {
    const t = targetOf(op, file, program);
    if (!t) {
      if (op.args.some((a) => isVar(a, ch)) || (op.fn.k === 'lit')) return MANY;
      continue;
    }
    started.push(t.fn);
    const names = namesIn(op, t.fn, file, ch);
    if (names.length === 0) continue;
    const looped = parent.blocks.some((b) => b.loop !== undefined && b.ops.includes(op));
    if (looped || names.some((n) => escapesIn(t.fn, n)) || nestedLiterals(t.file, t.fn.id).some((l) => names.some((n) => mentions(l, n)))) return MANY;
    total += Math.max(0, ...names.map((n) => maxSends(t.fn, n)));
    if (total >= MANY) return MANY;
  }
  for (const l of nestedLiterals(file, parent.id)) {
    if (started.some((f) => f === l || isNestedIn(file, l, f.id))) continue;
    if (mentions(l, ch)) return MANY;
  }
  return total;
}

/**
 * The function's own send on (receive from) a channel it makes is completed by goroutines it starts itself: on
 * every path, each of its sends (receives) on `ch` since the channel was made finds a buffer slot, or a goroutine
 * started earlier on the path that cannot end without receiving from (sending on) `ch` (a handshake with a
 * watcher it just started: `go check(done); …; done <- struct{}{}`). Nothing may compete for that half: no
 * goroutine the function starts sends on (receives from) the channel or hands it on, no other literal of the
 * function uses it, and it goes nowhere else (returned, stored, handed to a call). A close answers every later
 * operation (a receive ends, a send panics rather than blocks). Names never matter.
 */
export function completedByOwnGoroutines(file: FileFacts, fn: FuncIR, ch: VarId, kind: 'send' | 'recv', program: Program): boolean {
  if (fn.vars[ch]?.kind !== 'local') return false;
  const makes = fn.blocks.flatMap((b) => b.ops.filter((o) => o.o === 'make' && o.dst === ch));
  if (makes.length === 0 || fn.blocks.some((b) => b.ops.some((o) => o.o === 'assign' && o.dst === ch))) return false;
  if (escapeOps(fn, ch).some((o) => o.o !== 'go')) return false;
  const partners = new Set<Op>();
  const started: string[] = [];
  for (const op of goOps(fn)) {
    const lit = op.fn.k === 'lit' ? irOf(file, op.fn.id) : undefined;
    if (lit) started.push(lit.id);
    if (!op.args.some((a) => isVar(a, ch)) && !(lit && literalMentions(file, lit, ch))) continue;
    const t = targetOf(op, file, program);
    if (!t) return false;
    const names = namesIn(op, t.fn, file, ch);
    if (names.length === 0) return false;
    for (const n of names) {
      const u = uses(t.fn, n);
      if (u.handed || (kind === 'send' ? u.sends : u.recvs)) return false;
      if (nestedLiterals(t.file, t.fn.id).some((l) => mentions(l, n))) return false;
    }
    if (names.some((n) => (kind === 'send' ? mustReceive(t.fn, n) : mustSend(t.fn, n)))) partners.add(op);
  }
  if (partners.size === 0) return false;
  for (const l of nestedLiterals(file, fn.id)) {
    if (started.some((id) => l.id === id || isNestedIn(file, l, id))) continue;
    if (mentions(l, ch)) return false;
  }
  // c: the operations of this kind the function can still make without waiting (buffer slots and partners
  // started, less those made); CLOSED once the function closed the channel
  const CLOSED = -1;
  const seen = new Set<string>();
  const queue: { b: number; c: number }[] = [];
  const push = (b: number, c: number): boolean => {
    if (c !== CLOSED && (c < 0 || c > MANY)) return false;
    const k = `${b}|${c}`;
    if (!seen.has(k)) seen.add(k), queue.push({ b, c });
    return true;
  };
  const mine = (o: Op) => o.o === kind && isVar(o.ch, ch);
  push(0, 0);
  for (let qi = 0; qi < queue.length; qi++) {
    if (seen.size > 5000) return false;
    const s = queue[qi]!;
    const b = fn.blocks[s.b]!;
    let c = s.c;
    for (const o of b.ops) {
      if (o.o === 'make' && o.dst === ch) c = kind === 'send' && typeof o.cap === 'number' ? Math.min(o.cap, MANY) : 0;
      else if (o.o === 'close' && isVar(o.ch, ch)) c = CLOSED;
      else if (c !== CLOSED && o.o === 'go' && partners.has(o)) c++;
      else if (c !== CLOSED && mine(o)) c--;
      if (c !== CLOSED && (c < 0 || c > MANY)) return false;
    }
    const t = b.term;
    if (t.t === 'range' && isVar(t.ch, ch) && kind === 'recv' && c !== CLOSED) return false;
    if (t.t === 'select') {
      let ok = true;
      t.cases.forEach((cs, i) => {
        ok = push(b.succ[i]!, c !== CLOSED && cs.kind === kind && isVar(cs.ch, ch) ? c - 1 : c) && ok;
      });
      if (t.dflt !== undefined) ok = push(t.dflt, c) && ok;
      if (!ok) return false;
      continue;
    }
    for (const to of b.succ) if (!push(to, c)) return false;
  }
  return true;
}

/** The most receives from `n` one run of `fn` can make: by op, select case or range (a range counts MANY). */
function maxReceives(fn: FuncIR, n: VarId): number {
  let best = 0;
  const seen = new Map<number, number>([[0, 0]]);
  const queue: { b: number; k: number }[] = [{ b: 0, k: 0 }];
  for (let qi = 0; qi < queue.length; qi++) {
    const { b, k: k0 } = queue[qi]!;
    const blk = fn.blocks[b]!;
    let k = k0;
    for (const o of blk.ops) if (o.o === 'recv' && isVar(o.ch, n)) k = Math.min(k + 1, MANY);
    if (blk.term.t === 'range' && isVar(blk.term.ch, n)) k = MANY;
    best = Math.max(best, k);
    const go = (to: number, v: number) => {
      if ((seen.get(to) ?? -1) >= v) return;
      seen.set(to, v);
      queue.push({ b: to, k: v });
    };
    const t = blk.term;
    if (t.t === 'select') {
      t.cases.forEach((c, i) => go(blk.succ[i]!, c.kind === 'recv' && isVar(c.ch, n) ? Math.min(k + 1, MANY) : k));
      if (t.dflt !== undefined) go(t.dflt, k);
    } else for (const to of blk.succ) go(to, k);
  }
  return best;
}

/**
 * A goroutine's single receive from its parent's channel `ch`, answered by the parent: the goroutine receives from
 * it at most once on any path, and every way on from the go statement passes the parent's send on `ch` (or its
 * close) before the parent can end, start the goroutine again or make the channel anew, with no wait on another
 * channel first. Nothing competes for the sends: no other goroutine of the parent receives from the channel, the
 * parent does not receive from it itself, and it goes nowhere else.
 */
export function answeredByParent(
  file: FileFacts,
  parent: FuncIR,
  go: { line: number; col: number },
  ch: VarId,
  program: Program,
  known?: { fn: FuncIR; file: FileFacts },
): boolean {
  const ops = goOps(parent);
  const at = startedAt(ops, go, file, ch, program, known);
  if (!at) return false;
  const { self, target: selfT, names } = at;
  if (names.length !== 1 || maxReceives(selfT.fn, names[0]!) !== 1) return false;
  if (parent.vars[ch]?.kind !== 'local' || !parent.blocks.some((b) => b.ops.some((o) => o.o === 'make' && o.dst === ch))) return false;
  if (parent.blocks.some((b) => b.ops.some((o) => o.o === 'assign' && o.dst === ch))) return false;
  if (escapeOps(parent, ch).some((o) => o.o !== 'go') || uses(parent, ch).recvs) return false;
  const started: string[] = [];
  for (const op of ops) {
    const lit = op.fn.k === 'lit' ? irOf(file, op.fn.id) : undefined;
    if (lit) started.push(lit.id);
    if (op === self) continue;
    if (!op.args.some((a) => isVar(a, ch)) && !(lit && literalMentions(file, lit, ch))) continue;
    const t = targetOf(op, file, program);
    if (!t) return false;
    for (const n of namesIn(op, t.fn, file, ch)) {
      const u = uses(t.fn, n);
      if (u.handed || u.recvs) return false;
    }
  }
  for (const l of nestedLiterals(file, parent.id)) {
    if (started.some((id) => l.id === id || isNestedIn(file, l, id))) continue;
    if (mentions(l, ch)) return false;
  }
  // from just after the go op, every path meets the parent's send or close first
  const start = parent.blocks.findIndex((b) => b.ops.includes(self));
  const seen = new Set<number>();
  const queue: { b: number; from: number }[] = [{ b: start, from: parent.blocks[start]!.ops.indexOf(self) + 1 }];
  for (let qi = 0; qi < queue.length; qi++) {
    const { b, from } = queue[qi]!;
    const blk = parent.blocks[b]!;
    let answered = false;
    for (const o of blk.ops.slice(from)) {
      if ((o.o === 'send' || o.o === 'close') && isVar(o.ch, ch)) {
        answered = true;
        break;
      }
      if (o === self || (o.o === 'make' && o.dst === ch)) return false;
      if ((o.o === 'send' || o.o === 'recv') && !isVar(o.ch, ch)) return false;
    }
    if (answered) continue;
    const t = blk.term;
    if (t.t === 'return' || t.t === 'end' || t.t === 'exit') return false;
    if (t.t === 'range') return false;
    if (t.t === 'select' && t.dflt === undefined) return false;
    for (const to of blk.succ) {
      if (!seen.has(to)) seen.add(to), queue.push({ b: to, from: 0 });
    }
  }
  return true;
}

/**
 * The function's sends on a channel it makes itself always find a buffer slot: every make of `ch` in the function
 * has a constant buffer, and on every path no more sends follow a make than it has slots (a fresh one-slot reply
 * channel per request, sent once: `r := make(chan T, 1); out <- r; …; r <- v`). As for a buffered argument, what
 * the receiving side does with the channel is not counted; no goroutine or other literal of the function may use
 * it, nor may it be assigned another channel. With `at`, only the send there is judged (the others still use up
 * slots).
 */
export function fitsOwnBuffer(file: FileFacts, fn: FuncIR, ch: VarId, at?: { line: number; col: number }): boolean {
  // the send judged (every send on ch when `at` is not given)
  const judged = (r: { start: { line: number; col: number } }) => !at || (r.start.line === at.line && r.start.col === at.col);
  if (fn.vars[ch]?.kind !== 'local') return false;
  const makes = fn.blocks.flatMap((b) => b.ops.filter((o) => o.o === 'make' && o.dst === ch));
  if (makes.length === 0 || makes.some((o) => o.o !== 'make' || typeof o.cap !== 'number' || o.cap < 1)) return false;
  if (fn.blocks.some((b) => b.ops.some((o) => o.o === 'assign' && o.dst === ch))) return false;
  if (nestedLiterals(file, fn.id).some((l) => mentions(l, ch))) return false;
  if (goOps(fn).some((o) => o.args.some((a) => isVar(a, ch)))) return false;
  // c: the slots left since the last make (-1 before any); a send with none left may block
  const seen = new Set<string>();
  const queue: { b: number; c: number }[] = [];
  const push = (b: number, c: number): boolean => {
    if (c < -1) return false;
    const k = `${b}|${c}`;
    if (!seen.has(k)) seen.add(k), queue.push({ b, c });
    return true;
  };
  push(0, -1);
  for (let qi = 0; qi < queue.length; qi++) {
    if (seen.size > 5000) return false;
    const s = queue[qi]!;
    const b = fn.blocks[s.b]!;
    let c = s.c;
    for (const o of b.ops) {
      if (o.o === 'make' && o.dst === ch) c = Math.min(o.cap as number, MANY);
      else if (o.o === 'send' && isVar(o.ch, ch)) {
        if (c < 1 && judged(o.r)) return false;
        c = Math.max(c - 1, -1);
      }
    }
    const t = b.term;
    if (t.t === 'select') {
      let ok = true;
      t.cases.forEach((cs, i) => {
        const sends = cs.kind === 'send' && isVar(cs.ch, ch);
        if (sends && c < 1 && judged(cs.r)) ok = false;
        ok = push(b.succ[i]!, sends ? Math.max(c - 1, -1) : c) && ok;
      });
      if (t.dflt !== undefined) ok = push(t.dflt, c) && ok;
      if (!ok) return false;
      continue;
    }
    for (const to of b.succ) if (!push(to, c)) return false;
  }
  return true;
}

/**
 * The goroutine's send `send` on an element `s[i]` of a slice of channels of the parent (VarInfo.chanSlice: fresh
 * channels only, and this the one send on any of its elements) meets a receive of the parent: the goroutine
 * sends once (the send is in no loop of it), `i` is the goroutine's parameter fed the key of the range loop that
 * starts it once per iteration (distinct keys: no two goroutines share an element), that loop is in no other loop,
 * and on every way on from the go statement the parent reaches a range over `s`, in no loop, whose every iteration
 * receives from its element (`for _, ch := range s { <-ch }`) and which nothing leaves early. Settlement by count,
 * one element at a time.
 */
export function receivedPerElement(parent: FuncIR, op: GoOp, own: FuncIR, send: Op & { o: 'send' }): boolean {
  const elem = send.ch.k === 'expr' ? send.ch.elem : undefined;
  if (!elem?.at || !parent.vars[elem.of]?.chanSlice) return false;
  // one send per run of the goroutine
  if (own.blocks.some((b) => b.loop !== undefined && b.ops.includes(send))) return false;
  const p = own.vars[elem.at];
  if (p?.kind !== 'param' || p.index === undefined) return false;
  const fed = op.args[p.index];
  const at = parent.blocks.findIndex((b) => b.ops.includes(op));
  const h = at >= 0 ? parent.blocks[at]!.loop : undefined;
  const head = h !== undefined ? parent.blocks[h] : undefined;
  if (h === undefined || !head || head.outer !== undefined || head.term.t !== 'loop' || !head.term.key || !isVar(fed ?? { k: 'nil' }, head.term.key)) return false;
  // the receiving range
  const ranges = parent.blocks.flatMap((b, i) => (b.term.t === 'loop' && b.term.over === elem.of && b.term.value && b.loop === i && b.outer === undefined ? [i] : []));
  if (ranges.length !== 1) return false;
  const r = ranges[0]!;
  const rt = parent.blocks[r]!.term;
  if (rt.t !== 'loop' || !rt.value || leavesEarly(parent, r)) return false;
  const v = rt.value;
  // every way through the body back to the header receives from the element first
  const body = parent.blocks[r]!.succ[0];
  if (body === undefined) return false;
  const seen = new Set<number>([body]);
  const queue = [body];
  for (let i = 0; i < queue.length; i++) {
    const b = parent.blocks[queue[i]!]!;
    if (b.ops.some((o) => o.o === 'recv' && isVar(o.ch, v))) continue;
    if (b.ops.some((o) => o.o === 'assign' && o.dst === v)) return false;
    for (const s of b.succ) {
      if (s === r) return false;
      if (!seen.has(s)) seen.add(s), queue.push(s);
    }
  }
  // every way on from the go statement reaches the range before a return or the end
  const from = new Set<number>();
  const q2 = [...parent.blocks[at]!.succ];
  for (let i = 0; i < q2.length; i++) {
    const s = q2[i]!;
    if (s === r || from.has(s)) continue;
    from.add(s);
    const t = parent.blocks[s]!.term.t;
    if (t === 'return' || t === 'end') return false;
    q2.push(...parent.blocks[s]!.succ);
  }
  return true;
}

/**
 * A receive of `fn` on channel `ch` it makes is the end of a handshake with a callback: every literal of `fn` that
 * names the channel only closes it or sends on it (nothing else: no receive, no hand-off, no goroutine of its own),
 * and each such literal is handed to a call of `fn` as an argument, straight or through a variable that holds only
 * it (`br.do(ctx, req, func(…) { close(done) })`, `wait := func(…) { …; close(done) }; b.do(ctx, req, wait)`), never
 * started as a goroutine or deferred; the channel itself goes nowhere else. The callee's protocol is to call back:
 * the wait is for that call, not for a context goleash could point at. Names never matter.
 */
export function completedByCallback(file: FileFacts, fn: FuncIR, ch: VarId): boolean {
  if (fn.vars[ch]?.kind !== 'local') return false;
  if (!fn.blocks.some((b) => b.ops.some((o) => o.o === 'make' && o.dst === ch))) return false;
  if (fn.blocks.some((b) => b.ops.some((o) => (o.o === 'assign' && (o.dst === ch || isVar(o.src, ch))) || (o.o === 'escape' && o.v === ch) || ((o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.args.some((a) => isVar(a, ch)))))) return false;
  const users = nestedLiterals(file, fn.id).filter((l) => mentions(l, ch));
  if (users.length === 0) return false;
  // the literals handed to calls, as arguments or through a variable holding one
  const handed = new Set<string>();
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (o.o === 'go' || o.o === 'defer') {
        if (o.fn.k === 'lit') return false;
        for (const a of o.args) if (a.k === 'lit' || (a.k === 'var' && fn.vars[a.id]?.lit)) return false;
        continue;
      }
      if (o.o !== 'call') continue;
      for (const a of o.args) {
        if (a.k === 'lit') handed.add(a.id);
        else if (a.k === 'var' && fn.vars[a.id]?.lit) handed.add(fn.vars[a.id]!.lit!);
      }
    }
  }
  for (const l of users) {
    if (l.parent !== fn.id || !handed.has(l.id)) return false;
    if (nestedLiterals(file, l.id).length > 0) return false;
    const u = uses(l, ch);
    if (u.recvs || u.handed) return false;
    if (l.blocks.some((b) => (b.term.t === 'select' && b.term.cases.some((c) => isVar(c.ch, ch))) || (b.term.t === 'range' && isVar(b.term.ch, ch)))) return false;
    if (!l.blocks.some((b) => b.ops.some((o) => (o.o === 'close' || o.o === 'send') && isVar(o.ch, ch)))) return false;
  }
  return true;
}

/**
 * The goroutine's range at `at` (in `own`) is over a struct field's channel reached through a variable of the parent
 * (`for t := range m.tasks` in a literal, or `range s.watchCh` in a method started on that variable, `go s.worker()`),
 * and another goroutine the parent starts before it on every way there closes that same field of the same variable
 * when it ends: a `defer close(m.tasks)` in its entry block, or a close every way through it passes
 * (`<-s.ctx.Done(); close(s.watchCh)`). The range ends once that goroutine does; if it can hang, that is its own
 * finding.
 */
export function closedBySiblingField(file: FileFacts, parent: FuncIR, go: { line: number; col: number }, own: FuncIR, at: { line: number; col: number }, program: Program): boolean {
  const term = own.blocks.map((b) => b.term).find((t) => t.t === 'range' && t.r.start.line === at.line && t.r.start.col === at.col);
  const ch = term?.t === 'range' ? term.ch : undefined;
  if (ch?.k !== 'field' || !ch.base) return false;
  const self = goOps(parent).find((o) => o.r.start.line === go.line && o.r.start.col === go.col);
  if (!self) return false;
  // the variable of the parent the field is reached through: the literal names it by the parent's id; a method
  // started on a variable of the parent names it by its receiver
  const baseIn = (op: GoOp, fn: FuncIR): ((id: VarId) => VarId | undefined) | undefined => {
    if (op.fn.k === 'lit' && fn.parent === parent.id) return (id) => id;
    if (op.fn.k === 'method' && op.fn.recv.k === 'var') {
      const recv = receiverOf(fn);
      const outer = op.fn.recv.id;
      return recv ? (id) => (id === outer ? recv : undefined) : undefined;
    }
    return undefined;
  };
  const ownMap = baseIn(self, own);
  // the parent's variable: for a literal the base itself, for a method the variable it is started on
  const parentBase = self.fn.k === 'lit' ? ch.base : self.fn.k === 'method' && self.fn.recv.k === 'var' && receiverOf(own) === ch.base ? self.fn.recv.id : undefined;
  if (!ownMap || !parentBase) return false;
  for (const op of goOps(parent)) {
    if (op === self || !(startedBefore(parent, op, self) || startedAfter(parent, self, op))) continue;
    const t = targetOf(op, file, program);
    const map = t && baseIn(op, t.fn);
    const base = map?.(parentBase);
    if (!t || !base) continue;
    const same = (v: Val | undefined) => v?.k === 'field' && v.name === ch.name && v.base === base && v.owner?.name === ch.owner?.name;
    const deferred = !!t.fn.blocks[0]?.ops.some((o) => o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && same(o.args[0]));
    if (!deferred && !closesOnEveryEnd(t.fn, same)) continue;
    // no field of that variable made again afterwards by the parent or the feeder (a close of another channel)
    const remade = t.fn.blocks.some((b) => b.ops.some((o) => o.o === 'store' && o.field.name === ch.name && o.field.base === base));
    if (remade || remadeAfter(parent, op, ch.name, parentBase)) continue;
    return true;
  }
  return false;
}

/** Every way from `fn`'s entry to a return or its end passes a close of the channel `same` accepts (a way that
 * ends abruptly, a panic or an exit, is none). */
function closesOnEveryEnd(fn: FuncIR, same: (v: Val | undefined) => boolean): boolean {
  const closes = (b: FuncIR['blocks'][number]) => b.ops.some((o) => o.o === 'close' && same(o.ch));
  return [...reachableFrom(fn, [0])].some((b) => closes(fn.blocks[b]!)) && everyWayPasses(fn, [0], closes);
}

/** Every way from the parent's entry to go op `self` passes go op `first` before it. */
function startedBefore(parent: FuncIR, first: GoOp, self: GoOp): boolean {
  const seen = new Set<number>([0]);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const b = parent.blocks[queue[i]!]!;
    const a = b.ops.indexOf(first);
    const z = b.ops.indexOf(self);
    if (z >= 0 && (a < 0 || z < a)) return false;
    if (a >= 0) continue;
    for (const s of b.succ) if (!seen.has(s)) seen.add(s), queue.push(s);
  }
  return true;
}

/** A store into field `name` of variable `base` that can run after go op `go` in `fn` (the field made again). */
function remadeAfter(fn: FuncIR, go: GoOp, name: string, base: string): boolean {
  const bi = fn.blocks.findIndex((b) => b.ops.includes(go));
  if (bi < 0) return true;
  const isStore = (o: Op) => o.o === 'store' && o.field.name === name && o.field.base === base;
  if (fn.blocks[bi]!.ops.slice(fn.blocks[bi]!.ops.indexOf(go) + 1).some(isStore)) return true;
  const seen = new Set<number>();
  const queue = [...fn.blocks[bi]!.succ];
  for (let i = 0; i < queue.length; i++) {
    const b = queue[i]!;
    if (seen.has(b)) continue;
    seen.add(b);
    if (fn.blocks[b]!.ops.some(isStore)) return true;
    queue.push(...fn.blocks[b]!.succ);
  }
  return false;
}

/** Every way from go op `self` on to a return or the end of the parent passes go op `then` (the parent cannot leave
 * without starting it). */
function startedAfter(parent: FuncIR, self: GoOp, then: GoOp): boolean {
  const bi = parent.blocks.findIndex((b) => b.ops.includes(self));
  if (bi < 0) return false;
  const first = parent.blocks[bi]!;
  if (first.ops.indexOf(then) > first.ops.indexOf(self)) return true;
  if (first.term.t === 'return' || first.term.t === 'end') return false;
  return everyWayPasses(parent, first.succ, (blk) => blk.ops.includes(then));
}
