// Leave paths: from the entry of a function that starts goroutines sending on a channel it made, every path to
// a return (or the end of the body) is explored with counts: the sends started by the goroutines on the path
// and the receives the function performs. A path that returns with more sends started than the buffer plus the
// receives leaves a sender blocked forever. Counts are exact along a path (loops are unrolled until the counts
// saturate); a loop whose body receives from the channel and that ends normally (its condition fails, or the
// channel is closed under a range) is taken to have received every send, since goleash cannot count its
// iterations. A path through an abrupt exit (panic, os.Exit, t.Fatal) or a failed test (t.Error) leaves nothing
// worth reporting. Plain data in, plain data out: no verdict about rules.
import type { Block, FuncIR, Op, SelectCase, Term, Val, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';

/** Counts saturate here: MANY sends or receives are "as many as needed". */
export const MANY = 8;

export interface Sender {
  /** the go op (an element of some block's ops), or a call op of a function that starts the goroutine and returns
   * the channel (a promise: the function's caller is then the one that must receive) */
  op: (Op & { o: 'go' }) | (Op & { o: 'call' });
  /** sends one goroutine started there makes on the channel, at most (MANY: a send in a loop) */
  sends: number;
  /** the go op sits in a loop of the function: it starts an unknown number of goroutines */
  looped?: boolean;
  /** for a looped go op, the most times the loops around it run when their bounds are constants (IR `times`,
   * multiplied): it starts at most that many goroutines */
  loopTimes?: number;
  /** channels the goroutine closes or sends on after its sends: a receive from one of them means the
   * goroutine's sends have completed */
  signals?: VarId[];
  /** the goroutine serves a server and sends only while the server is not stopped (src/analysis/serve.ts): `sends`,
   * the most it sends once `by` says an operation of the parent stopped it (`call`: from there on, for a goroutine
   * already started; `defer`: on the way out, whenever registered) */
  stop?: { sends: number; by: (o: Op) => 'call' | 'defer' | undefined };
}

export interface LeavePath {
  /** the go ops whose goroutines were started on the path */
  started: Op[];
  sends: number;
  received: number;
  /** where the function leaves */
  exit: Range;
  /** the last select case the path took that did not receive from the channel (a ctx.Done(), a timer, ...) */
  via?: SelectCase;
  /** the path took a select's default */
  viaDefault?: Range;
  /** `via`/`viaDefault` was taken inside a function the path called with the channel (src/analysis/receives.ts) */
  through?: { call: Op; fn: FuncIR; file: FileFacts; exit: Range; callee?: { fn: FuncIR; file: FileFacts } };
}

/** What a call does with the channel, when the callee only receives from it: its ways back (see RecvOutcome in
 * src/analysis/receives.ts; kept structural here so that leave.ts needs no program). */
export interface CallOutcome {
  recv: number;
  via?: SelectCase;
  viaDefault?: Range;
  exit: Range;
  fn: FuncIR;
  file: FileFacts;
  callee?: { fn: FuncIR; file: FileFacts };
}

/**
 * A channel's identity: a variable id, `field:T.f` for the channel in field f of this package's type T (the
 * same channel in every method of T and in every literal that reaches it through a value of type T), or
 * `call:line:col` for the channel a call op of the function returns where it is used straight (`<-f(x)`), or
 * `done:id` for the Done channel of the ctx variable `id`.
 */
export type ChanKey = VarId;

export function fieldKey(v: Val): ChanKey | undefined {
  return v.k === 'field' && v.owner && v.owner.pkg === '' ? `field:${v.owner.name}.${v.name}` : undefined;
}

/** Whether value `v` is the channel `key` names (see ChanKey). */
export function sameVar(v: Val, key: ChanKey): boolean {
  if (key.startsWith('field:')) return fieldKey(v) === key;
  if (key.startsWith('call:')) return v.k === 'expr' && v.call !== undefined && `call:${v.call}` === key;
  // `done:ctx`: the Done channel of ctx variable `ctx` (a completion signal: see signalsOf in abandon.ts)
  if (key.startsWith('done:')) return v.k === 'done' && v.ctx.k === 'var' && `done:${v.ctx.id}` === key;
  return v.k === 'var' && v.id === key;
}

/** Whether block `b`'s ops receive from `ch` (receive expressions only; select cases are edges). */
function recvs(b: Block, ch: VarId): number {
  let n = 0;
  for (const o of b.ops) if (o.o === 'recv' && sameVar(o.ch, ch)) n++;
  return n;
}

/** The loops (header block ids) whose bodies receive from ch: by op, select case, or a nested range. */
export function receivingLoops(fn: FuncIR, ch: VarId, stops: ReadonlyMap<number, 'end' | 'fail'>, anyCase = false, also: VarId[] = [], calls?: { has(o: Op): boolean }): Set<number> {
  const isCh = (v: Val) => sameVar(v, ch) || also.some((a) => sameVar(v, a));
  const out = new Set<number>();
  const header = (i: number): number | undefined => fn.blocks[i]!.loop;
  fn.blocks.forEach((b, i) => {
    // where the function goes on after receiving: the block's successors, or the receiving cases' bodies
    const from: number[] = [];
    // a call that hands the channel to a function that receives from it (src/analysis/receives.ts) receives too
    if (b.ops.some((o) => (o.o === 'recv' && isCh(o.ch)) || calls?.has(o))) from.push(...b.succ);
    if (b.term.t === 'select') b.term.cases.forEach((c, ci) => c.kind === 'recv' && isCh(c.ch) && from.push(b.succ[ci]!));
    if (b.term.t === 'range' && isCh(b.term.ch)) from.push(i);
    if (from.length === 0) return;
    // this block's loop and every loop around it, when the loop goes on after the receive (a receive whose case
    // only ever fails the test or exits drains nothing on a path that leaves)
    for (let h = header(i), k = 0; h !== undefined && k < 50; k++) {
      if (anyCase || reaches(fn, from, h, stops)) out.add(h);
      const outer = enclosingLoop(fn, h);
      if (outer === h) break;
      h = outer;
    }
  });
  return out;
}

/** From blocks `from`, the loop header `h` is reached again (staying inside its loop, not through a failed test). */
function reaches(fn: FuncIR, from: number[], h: number, stops: ReadonlyMap<number, 'end' | 'fail'>): boolean {
  const seen = new Set<number>();
  const queue = [...from];
  for (let q = 0; q < queue.length; q++) {
    const j = queue[q]!;
    if (j === h) return true;
    if (seen.has(j) || fn.blocks[j]!.fails || stops.has(j) || !insideLoopOf(fn, j, h)) continue;
    seen.add(j);
    queue.push(...fn.blocks[j]!.succ);
  }
  return false;
}

export function insideLoopOf(fn: FuncIR, b: number, h: number): boolean {
  for (let l = fn.blocks[b]!.loop, i = 0; l !== undefined && i < 100; i++) {
    if (l === h) return true;
    l = fn.blocks[l]!.outer;
  }
  return false;
}

/** The loop around loop header `h` (the header's own `loop` is itself; look at a predecessor outside it). */
function enclosingLoop(fn: FuncIR, h: number): number | undefined {
  for (let i = 0; i < fn.blocks.length; i++) {
    const b = fn.blocks[i]!;
    if (b.succ.includes(h) && b.loop !== h) return b.loop;
  }
  return undefined;
}

/** A path with a leak, or null. At most one path per sender is returned (the first found, fewest steps). */
export function leavePaths(
  fn: FuncIR,
  ch: VarId,
  cap: number,
  senders: Sender[],
  stops: ReadonlyMap<number, 'end' | 'fail'> = new Map(),
  /** operations after which the channel's receivers cannot be counted (it is returned, stored, handed to a call
   * or to a goroutine that may receive, closed): a path through one says nothing */
  lost: ReadonlySet<Op> = new Set(),
  /** the function defers a recover: a panic returns from it like a return (src/analysis/goroutines.ts recoversPanics) */
  panicReturns = false,
  /** with `panicReturns`: the calls that may panic (a callee with a panic of its own), each then a way out too */
  panics: (o: Op) => boolean = () => false,
  /** calls that hand the channel to a function that only receives from it: the ways back from each */
  calls: ReadonlyMap<Op, CallOutcome[]> = new Map(),
): Map<Op, LeavePath> {
  const found = new Map<Op, LeavePath>();
  if (senders.length === 0 || senders.length > 16) return found;
  const idx = new Map<Op, number>(senders.map((s, i) => [s.op, i]));
  const loops = receivingLoops(fn, ch, stops, false, [], calls);
  // loops whose bodies receive from ch (or from a sender's signal) in any way, even a case that fails the test:
  // leaving one without an iteration is not taken as a path (goleash cannot count iterations; a loop that
  // receives is written to run)
  const anyRecv = receivingLoops(fn, ch, stops, true, senders.flatMap((x) => x.signals ?? []), calls);
  // a block whose ops let the channel get away, and the loops around it: a path through such a loop may have
  // handed the channel on in an iteration goleash cannot count (a receiver started per worker)
  const lostAt = new Set<number>();
  fn.blocks.forEach((b, i) => {
    if (!b.ops.some((o) => lost.has(o))) return;
    lostAt.add(i);
    for (let h = b.loop, k = 0; h !== undefined && k < 50; k++) {
      lostAt.add(h);
      h = fn.blocks[h]!.outer;
    }
  });
  interface State {
    b: number;
    sends: number;
    recv: number;
    mask: number;
    /** senders the function has synchronised with (received a signal they give after their sends) */
    synced: number;
    /** the sender started last on the path (the one a single receive leaves behind, as the runtime schedules) */
    last: number;
    via?: SelectCase;
    viaDefault?: Range;
    /** the block the path came from */
    prev?: number;
    /** senders whose server the path stops (see Sender.stop) */
    stopped: number;
    /** the op of block `b` to go on from (after a call whose ways back forked the path) */
    oi?: number;
    through?: LeavePath['through'];
  }
  const seen = new Set<string>();
  const queue: State[] = [{ b: 0, sends: 0, recv: 0, mask: 0, synced: 0, last: -1, stopped: 0 }];
  /** a receive from `v` synchronises with these senders */
  const syncs = (v: Val, mask: number, synced: number): number => {
    let out = 0;
    senders.forEach((x, i) => {
      if (mask & (1 << i) && !(synced & (1 << i)) && x.signals?.some((id) => sameVar(v, id))) out |= 1 << i;
    });
    return out;
  };
  const sendsOf = (m: number): number => senders.reduce((n, x, i) => (m & (1 << i) ? n + x.sends : n), 0);
  const sat = (n: number) => Math.min(n, MANY);
  let from = 0;
  const push = (s0: State) => {
    const s: State = { ...s0, prev: from };
    const entering = anyRecv.has(s.b) && fn.blocks[s.b]!.loop === s.b && !insideLoopOf(fn, from, s.b) ? 'e' : '';
    const k = `${s.b}|${s.oi ?? 0}|${s.sends}|${s.recv}|${s.mask}|${s.synced}|${s.last}|${s.stopped}|${s.via ? s.via.r.start.line + ':' + s.via.r.start.col : ''}|${s.viaDefault ? 'd' : ''}|${entering}`;
    if (seen.has(k) || seen.size > 20000) return;
    seen.add(k);
    queue.push(s);
  };
  /** The path leaves the function at `exit` with these counts: record the senders it leaves behind. */
  const leaveAt = (exitR: Range, s: State, sends: number, recv: number, mask: number, synced: number, last: number, stopped: number, looped: boolean): void => {
    // a stopped server's goroutine sends only what it sends once stopped (counted for a goroutine started once)
    if (sends < MANY) {
      senders.forEach((x, i) => {
        if (x.stop && !x.looped && mask & stopped & (1 << i)) sends = Math.max(0, sends - (x.sends - x.stop.sends));
      });
    }
    // goroutines started in a loop against a buffer of several slots: the iterations are not counted, and a
    // semaphore may bound how many run at once, so the slots may hold every send
    if (looped && cap > 1) return;
    const inMask = senders.filter((_, i) => mask & (1 << i));
    // a goroutine's own few sends against a buffer: the count is the most of any way through it, and ways the
    // program cannot take (two branches on one flag) add up; only a loop's sends (or a loop's goroutines, or
    // several goroutines) outrun it
    if (cap > 0 && sends < MANY && !looped && inMask.length === 1) return;
    // goroutines started by loops of constant bounds against a buffer: at most that many, each its sends
    if (cap > 0 && looped && inMask.every((x) => !x.looped || x.loopTimes !== undefined)) {
      const most = inMask.reduce((k, x) => k + (x.looped ? x.loopTimes! : 1) * x.sends, 0);
      if (most < MANY && most - cap <= recv) return;
    }
    // goroutines started in a loop: goleash cannot count the iterations, so only a function that received at
    // most once from them is sure to leave one behind
    if (sends < MANY && sends - cap > recv && (!looped || recv <= 1)) {
      for (let i = 0; i < senders.length; i++) {
        // of several senders, the one started last is reported (unless it synchronised: then any other)
        if (!(mask & (1 << i)) || synced & (1 << i) || found.has(senders[i]!.op)) continue;
        if (i !== last && !(synced & (1 << last))) continue;
        found.set(senders[i]!.op, {
          started: senders.filter((_, j) => mask & (1 << j)).map((x) => x.op),
          sends,
          received: recv,
          exit: exitR,
          ...(s.via ? { via: s.via } : {}),
          ...(s.viaDefault ? { viaDefault: s.viaDefault } : {}),
          ...(s.through ? { through: s.through } : {}),
        });
      }
    } else if (sends >= MANY && recv < MANY && recv < sends - cap && (!looped || recv <= 1) && cap <= 1) {
      // many senders (a loop starts them) against a count of receives: only a path that received none at
      // all, or left a receiving loop early, is sure to abandon one; with a buffer of one slot at most (more
      // slots than that may hold all the sends of the loop's few iterations)
      for (let i = 0; i < senders.length; i++) {
        if (!(mask & (1 << i)) || synced & (1 << i) || found.has(senders[i]!.op)) continue;
        found.set(senders[i]!.op, { started: [senders[i]!.op], sends, received: recv, exit: exitR, ...(s.via ? { via: s.via } : {}), ...(s.viaDefault ? { viaDefault: s.viaDefault } : {}), ...(s.through ? { through: s.through } : {}) });
      }
    }
  };
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    from = s.b;
    const b = fn.blocks[s.b]!;
    if (b.fails || stops.has(s.b) || lostAt.has(s.b)) continue;
    let { sends, recv, mask, synced, last, stopped } = s;
    let forked = false;
    for (let oi = s.oi ?? 0; oi < b.ops.length && !forked; oi++) {
      const o = b.ops[oi]!;
      const outs = calls.get(o);
      if (outs) {
        // the callee's ways back, each a path of its own from the next op on
        for (const x of outs) {
          // the callee's way back is where the path left, unless it had left by a case of its own before the call
          const left = x.via || x.viaDefault || (x.recv < MANY && !s.via && !s.viaDefault);
          const keep = { ...(s.via ? { via: s.via } : {}), ...(s.viaDefault ? { viaDefault: s.viaDefault } : {}), ...(s.through ? { through: s.through } : {}) };
          push({ b: s.b, oi: oi + 1, sends, recv: sat(recv + x.recv), mask, synced, last, stopped, ...(left ? { ...(x.via ? { via: x.via } : {}), ...(x.viaDefault ? { viaDefault: x.viaDefault } : {}), through: { call: o, fn: x.fn, file: x.file, exit: x.exit, ...(x.callee ? { callee: x.callee } : {}) } } : keep) });
        }
        forked = true;
        continue;
      }
      // a call that panics returns from a function that recovers, with what was received so far
      if (panicReturns && o.o === 'call' && panics(o)) leaveAt(o.r, s, sends, recv, mask, synced, last, stopped, senders.some((x, i) => x.looped && mask & (1 << i)));
      if (o.o === 'call' || o.o === 'defer') {
        senders.forEach((x, i) => {
          const how = x.stop?.by(o);
          if (how === 'defer' || (how === 'call' && mask & (1 << i))) stopped |= 1 << i;
        });
      }
      if (o.o === 'go' || o.o === 'call') {
        const i = idx.get(o);
        if (i !== undefined) {
          sends = sat(sends + senders[i]!.sends);
          mask |= 1 << i;
          last = i;
        }
      } else if (o.o === 'recv' && sameVar(o.ch, ch)) recv = sat(recv + 1);
      else if (o.o === 'make' && cap > 0 && sameVar({ k: 'var', id: o.dst }, ch)) {
        // a fresh buffered channel (made again on the next round of a loop): what was sent on the one before went
        // into its own slots, and counts no more against this one
        sends = 0;
        recv = 0;
      } else if (o.o === 'recv') {
        const m = syncs(o.ch, mask, synced);
        if (m) {
          synced |= m;
          recv = sat(recv + sendsOf(m));
        }
      }
    }
    if (forked) continue;
    const looped = senders.some((x, i) => x.looped && mask & (1 << i));
    const t: Term = b.term;
    if (t.t === 'return' || t.t === 'end' || (panicReturns && t.t === 'exit' && t.how === 'panic')) {
      leaveAt(t.r, s, sends, recv, mask, synced, last, stopped, looped);
      continue;
    }
    if (t.t === 'exit') continue;
    if (t.t === 'select') {
      t.cases.forEach((c, i) => {
        const to = b.succ[i]!;
        const m = c.kind === 'recv' ? syncs(c.ch, mask, synced) : 0;
        if (c.kind === 'recv' && sameVar(c.ch, ch)) push({ b: to, sends, recv: sat(recv + 1), mask, synced, last, stopped, ...(s.via ? { via: s.via } : {}), ...(s.through ? { through: s.through } : {}) });
        else if (m) push({ b: to, sends, recv: sat(recv + sendsOf(m)), mask, synced: synced | m, last, stopped, ...(s.via ? { via: s.via } : {}), ...(s.through ? { through: s.through } : {}) });
        else push({ b: to, sends, recv, mask, synced, last, stopped, via: c });
      });
      if (t.dflt !== undefined) push({ b: t.dflt, sends, recv, mask, synced, last, stopped, ...(s.via ? { via: s.via } : {}), ...(s.through ? { through: s.through } : {}), viaDefault: t.r });
      continue;
    }
    if (t.t === 'range' || t.t === 'loop') {
      const ranging = t.t === 'range' && sameVar(t.ch, ch);
      push({ b: b.succ[0]!, sends, recv: ranging ? sat(recv + 1) : recv, mask, synced, last, stopped, ...(s.via ? { via: s.via } : {}), ...(s.through ? { through: s.through } : {}), ...(s.viaDefault ? { viaDefault: s.viaDefault } : {}) });
      // a loop that receives is left normally only after an iteration
      const entered = anyRecv.has(s.b) && s.prev !== undefined && !insideLoopOf(fn, s.prev, s.b) && s.prev !== s.b;
      if (b.succ[1] !== undefined && !entered) {
        // the loop ends normally: one that receives from ch is taken to have received every send
        const drained = ranging || loops.has(s.b);
        push({ b: b.succ[1], sends, recv: drained ? MANY : recv, mask, synced, last, stopped, ...(s.via ? { via: s.via } : {}), ...(s.through ? { through: s.through } : {}), ...(s.viaDefault ? { viaDefault: s.viaDefault } : {}) });
      }
      continue;
    }
    for (const to of b.succ) push({ b: to, sends, recv, mask, synced, last, stopped, ...(s.via ? { via: s.via } : {}), ...(s.through ? { through: s.through } : {}), ...(s.viaDefault ? { viaDefault: s.viaDefault } : {}) });
  }
  return found;
}

/**
 * The most sends on `ch` one run of `fn` can make, not counting sends that are a case of a select with other
 * cases or a default (those can give up): MANY for a send in a loop. `ch` is the channel variable as `fn` names
 * it (captured: the parent's id; a parameter: the parameter's id). `anyCase`: a select that may send on `ch` counts
 * too (the most sends, not the most that can block). `calls`: how many sends a call op adds (a method of the same
 * value that sends on the same field), when the caller follows calls.
 */
export function maxSends(fn: FuncIR, ch: VarId, dead: (v: Val) => boolean = () => false, anyCase = false, calls?: (o: Op) => number): number {
  // exact counts along paths, loops unrolled until the count saturates: a send on a cycle reaches MANY, a send
  // followed by a return in a loop's body counts once, and so does a send a once-flag guards (`once`: counted the
  // first time a path passes it)
  const onceSites: Op[] = [];
  for (const b of fn.blocks) for (const o of b.ops) if (o.o === 'send' && o.once && sameVar(o.ch, ch) && onceSites.length < 30) onceSites.push(o);
  let best = 0;
  const seen = new Map<string, number>([['0|0|', 0]]);
  // `it`: for each loop with a known number of iterations (`times`) the path is in, the times its header was reached
  const queue: { b: number; n: number; m: number; it: string; prev: number }[] = [{ b: 0, n: 0, m: 0, it: '', prev: -1 }];
  for (let qi = 0; qi < queue.length; qi++) {
    const { b, n: n0, m: m0, prev } = queue[qi]!;
    let it = queue[qi]!.it;
    const blk = fn.blocks[b]!;
    let n = n0;
    let m = m0;
    for (const o of blk.ops) {
      // a call that sends too (`calls`: the most sends it makes on `ch`, a method run on the same value)
      if (calls && o.o === 'call') n = Math.min(n + calls(o), MANY);
      if (o.o !== 'send' || !sameVar(o.ch, ch)) continue;
      const k = onceSites.indexOf(o);
      if (k >= 0) {
        if (m & (1 << k)) continue;
        m |= 1 << k;
      }
      n = Math.min(n + 1, MANY);
    }
    const t = blk.term;
    if (t.t === 'select' && (anyCase ? t.cases.some((c) => c.kind === 'send' && sameVar(c.ch, ch)) : blockingSend(t, ch, dead))) n = Math.min(n + 1, MANY);
    best = Math.max(best, n);
    let succ = blk.succ;
    if (t.t === 'loop' && t.times !== undefined) {
      // a loop run a known number of times: its body at most `times` times, then the exit (entered afresh from
      // outside the loop, the count starts over)
      const counts = new Map<number, number>(it ? it.split(',').map((x) => x.split(':').map(Number) as [number, number]) : []);
      const k = prev >= 0 && insideLoopOf(fn, prev, b) && prev !== b ? (counts.get(b) ?? 0) + 1 : 1;
      counts.set(b, k);
      it = [...counts].sort((x, y) => x[0] - y[0]).map(([h, c]) => `${h}:${c}`).join(',');
      succ = k <= t.times ? blk.succ.slice(0, 1) : blk.succ.slice(1, 2);
    }
    for (const to of succ) {
      const key = `${to}|${m}|${it}`;
      if ((seen.get(key) ?? -1) >= n) continue;
      seen.set(key, n);
      queue.push({ b: to, n, m, it, prev: b });
    }
  }
  return best;
}

/** A select that can only send on `ch`: no default, and every other case receives from a channel that never
 * becomes ready (`dead`: nothing sends on it or closes it). */
export function blockingSend(t: Term & { t: 'select' }, ch: ChanKey, dead: (v: Val) => boolean): boolean {
  if (t.dflt !== undefined) return false;
  const sends = t.cases.filter((c) => c.kind === 'send' && sameVar(c.ch, ch));
  return sends.length > 0 && t.cases.every((c) => sends.includes(c) || (c.kind === 'recv' && dead(c.ch)));
}
