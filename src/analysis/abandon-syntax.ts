// The syntactic model's abandonment (the first one goleash had): a goroutine sends on a channel made by its
// parent, the channel has no room for the send, and the parent can leave without receiving (a Done, timer or
// stop case, an early return, one receive for a loop of senders); and the mirror image, a goroutine waiting on a
// channel its parent can return before feeding. Positions in the parent's facts stand in for control flow; the
// IR's leave paths (abandon.ts) judge what this cannot. A shared analysis: abandoned-sender reports it,
// ctx-unguarded-block leaves these operations to it.
import type { FuncEntry, Program } from '../index/program.js';
import { posBefore, type BlockFact, type ChanFact, type ChanOpFact, type FuncFact, type Range } from '../parse/types.js';
import type { GoStmt } from '../rules/types.js';
import { goTarget, parentChanKey } from './goroutine-syntax.js';
import { everyWayPasses, irOf, returnsAfterGo } from './goroutines.js';
import { varOfChanKey } from './siblings.js';
import { sendEndedByStop } from './serve.js';
import { signalledAt } from './shutdown.js';
import type { Op, Val } from '../ir/types.js';

export interface Abandon {
  send: BlockFact;
  chan: ChanFact;
  parent: FuncEntry;
  how: 'select' | 'return' | 'loop';
  /** the select case does not return: the parent moves on past the select (or its loop) without receiving */
  falls?: boolean;
  /** where the parent leaves: the Done/timer case, the early return, or the single receive */
  at: Range;
  text: string;
}

/** `a` starts before `b` starts. */
function before(a: Range, b: Range): boolean {
  return posBefore(a.start, b.start);
}

function within(inner: Range, outer: Range): boolean {
  return !posBefore(inner.start, outer.start) && !posBefore(outer.end, inner.start);
}

/** How the parent can leave without receiving what the goroutine sends on `ops`' channel, if it can. */
function leavePath(stmt: GoStmt, parent: FuncEntry, ops: ChanOpFact[]): Omit<Abandon, 'send' | 'chan' | 'parent'> | null {
  if (ops.length === 0) return null; // no receive we can see
  const go = stmt.fact.range;
  const returns = returnsAfter(stmt, parent);
  const drain = ops.find((o) => o.kind === 'range');
  if (drain) {
    // drained until closed, unless the parent returns between the go statement and the range
    const ret = before(go, drain.range) ? returns.find((r) => before(go, r) && before(r, drain.range)) : undefined;
    return ret ? { how: 'return', at: ret, text: 'return' } : null;
  }
  const sel = ops.find((o) => o.leave);
  const leave = sel?.leave;
  if (leave) {
    // a receive of its own after the leaving case starts (a drain in the case body, `<-errch`, or, when the
    // case moves on, one after the select) takes the send: only the select's own cases do not count
    const ownCase = (o: ChanOpFact) => !!o.select && !!sel.select && sameRange(o.select, sel.select);
    const later = ops.some((o) => !ownCase(o) && posBefore(leave.range.start, o.range.start));
    if (!later) return { how: 'select', at: leave.range, text: leave.text, falls: !!leave.after };
  }
  const after = ops.filter((o) => before(go, o.range));
  const first = after.sort((a, b) => (before(a.range, b.range) ? -1 : 1))[0];
  if (first) {
    // a return that holds the receive (`return <-ch`) receives; one that ends before it abandons
    // returns in another case of the receive's select, or in the loop that receives, are not "before" it
    const ret = returns.find(
      (r) =>
        before(go, r) &&
        !posBefore(first.range.start, r.end) &&
        !(first.select && within(r, first.select)) &&
        !(first.loop && within(r, first.loop)),
    );
    if (ret) return { how: 'return', at: ret, text: 'return' };
  }
  // one sender per iteration and a single receive: with two receives or more goleash cannot count the
  // iterations against them (a loop over a two-element list, say), so it stays silent
  if (stmt.fact.loop && ops.length === 1 && !ops[0]!.loop) {
    return { how: 'loop', at: ops[0]!.range, text: 'receive' };
  }
  if (stmt.fact.loop) {
    // the receiving loop returns early: the senders not yet received from are abandoned
    for (const o of ops) {
      if (!o.loop || sameRange(o.loop, stmt.fact.loop)) continue;
      const ret = returns.find((r) => before(o.range, r) && within(r, o.loop!));
      if (ret) return { how: 'return', at: ret, text: 'return' };
    }
  }
  return null;
}

/**
 * The parent closes the channel (`key`) on every way out after `at` (a receive statement or select case of the
 * parent, where it leaves the goroutines behind): a deferred close, or a close on every path from there to a
 * return or the end of the body. Followed on the parent's IR; false when it is missing.
 */
function closesAfter(stmt: GoStmt, parent: FuncEntry, key: string, at: Range): boolean {
  const ir = irOf(stmt.file, parent.fact.id);
  const ch = ir ? varOfChanKey(ir, key) : undefined;
  if (!ir || !ch) return false;
  const isCh = (v: Val | undefined) => !!v && v.k === 'var' && v.id === ch;
  const closing = (o: Op) => (o.o === 'close' && isCh(o.ch)) || (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && isCh(o.args[0]));
  if (ir.blocks.some((b) => b.ops.some((o) => o.o === 'defer' && closing(o)))) return true;
  const same = (r: Range) => r.start.line === at.start.line && r.start.col === at.start.col;
  // where control goes on after the receive (or select case) at `at`
  const starts: number[] = [];
  let found = false;
  let open = false;
  ir.blocks.forEach((b) => {
    const k = b.ops.findIndex((o) => o.o === 'recv' && same(o.r));
    if (k >= 0) {
      found = true;
      if (!b.ops.slice(k + 1).some(closing)) {
        if (b.term.t === 'return' || b.term.t === 'end') open = true;
        starts.push(...b.succ);
      }
    }
    if (b.term.t === 'select') {
      b.term.cases.forEach((c, j) => {
        if (same(c.r)) (found = true), starts.push(b.succ[j]!);
      });
    }
  });
  if (!found || open) return false;
  return everyWayPasses(ir, starts, (blk) => blk.ops.some(closing));
}

/** The parent's returns that control can reach after the go statement (all of them when the IR is missing): a
 * return on another branch than the go statement's leaves before the goroutine exists. */
function returnsAfter(stmt: GoStmt, parent: FuncEntry): Range[] {
  const ir = irOf(stmt.file, parent.fact.id);
  const reach = ir ? returnsAfterGo(ir, stmt.fact.range.start) : undefined;
  return reach ? parent.fact.returns.filter((r) => reach.has(`${r.start.line}:${r.start.col}`)) : parent.fact.returns;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.col === b.start.col && a.end.line === b.end.line && a.end.col === b.end.col;
}

/** Buffers above this many slots are taken as queues sized for the work. */
const MAX_JUDGED_BUFFER = 8;

/**
 * The send can wait for a receiver: the channel has no buffer, or a constant buffer that this goroutine's sends
 * overrun. In a func literal the facts already counted its sends against the buffer (a send left as a blocking
 * operation is one the buffer does not cover); in a named function only a send in a loop is. A buffer of
 * computed size (`len(x)`) or of more than MAX_JUDGED_BUFFER slots, or goroutines started in a loop: not judged.
 */
function overruns(stmt: GoStmt, target: FuncEntry, b: BlockFact, chan: ChanFact): boolean {
  if (chan.cap === 0) return true;
  // a computed size, or a large constant one, is a queue sized for the work: not judged
  if (chan.cap === 'dyn' || chan.cap > MAX_JUDGED_BUFFER || stmt.fact.loop) return false;
  if (!target.fact.params.some((p) => p.key === b.chan)) return true;
  // a named function's sends on its parameter were not counted against the buffer (they may sit on
  // exclusive branches): only a send in a loop is sure to outrun a constant buffer, and then every send on that
  // channel can find the buffer full, a send that happens once (after the loop) too
  const looping = (x: BlockFact) => x.kind === 'send' && x.inLoop === true && !x.once;
  return looping(b) || (b.kind === 'send' && target.fact.blocks.some((x) => x.chan === b.chan && looping(x)));
}

/** Every send of the goroutine that its parent can abandon. Shared with ctx-unguarded-block, which defers to it. */
export function abandonedSends(stmt: GoStmt, program: Program): Abandon[] {
  const target = goTarget(stmt, program);
  if (!target) return [];
  const parent = program.funcById(stmt.file, stmt.fact.parent);
  if (!parent || parent.fact.hasError || target.fact.hasError) return [];
  const out: Abandon[] = [];
  const parentIr = irOf(stmt.file, parent.fact.id);
  for (const b of target.fact.blocks) {
    if (b.kind !== 'send') continue;
    const key = parentChanKey(stmt, target, b.chan);
    if (!key) continue;
    const chan = parent.fact.chans.find((c) => c.key === key);
    // a buffer the parent also sends into: its free slots cannot be counted
    if (chan && chan.cap !== 0 && parent.fact.chanFeeds?.some((f) => f.key === key && f.kind === 'send')) continue;
    if (!chan || !overruns(stmt, target, b, chan) || parent.fact.chanEscapes?.includes(key) || usedElsewhere(stmt, parent, target, key, 'drain')) continue;
    // a send that a stop of the goroutine's server ends: the IR follows the stop along the parent's paths
    if (sendEndedByStop(stmt.file, stmt.fact, program, b.range)) continue;
    const path = leavePath(stmt, parent, parent.fact.chanOps.filter((o) => o.key === key));
    // a way out on a signal's arrival ends with the process (src/analysis/shutdown.ts)
    if (path?.how === 'select' && parentIr && signalledAt(stmt.file, parentIr, path.at)) continue;
    // a parent that closes the channel on its way out leaves the sender to panic on the closed channel, not to
    // block on it forever
    if (path && !closesAfter(stmt, parent, key, path.at)) out.push({ send: b, chan, parent, ...path });
  }
  return out;
}

/** A literal nested in `parent` (at any depth), other than the goroutine's, also uses the channel `key`:
 * another goroutine or callback may feed it (`side: 'feed'`) or drain it (`side: 'drain'`). */
function usedElsewhere(stmt: GoStmt, parent: FuncEntry, target: FuncEntry, key: string, side: 'feed' | 'drain'): boolean {
  // the literals of the file by the function they are nested in, once per file (a file of thousands of
  // functions must not cost a scan of them all per go statement)
  let kids = literalsByParent.get(stmt.file.funcs);
  if (!kids) {
    kids = new Map();
    for (const f of stmt.file.funcs) if (f.kind === 'lit' && f.parent) kids.set(f.parent, [...(kids.get(f.parent) ?? []), f]);
    literalsByParent.set(stmt.file.funcs, kids);
  }
  const uses = (f: FuncFact) => (side === 'feed' ? f.chanFeeds?.some((o) => o.key === key) : f.chanOps.some((o) => o.key === key));
  const visit = (id: string, depth: number): boolean =>
    depth < 50 && (kids!.get(id) ?? []).some((f) => (f !== target.fact && uses(f)) || visit(f.id, depth + 1));
  return visit(parent.fact.id, 0);
}

const literalsByParent = new WeakMap<FuncFact[], Map<string, FuncFact[]>>();

export interface AbandonedReceive {
  recv: BlockFact;
  chan: ChanFact;
  parent: FuncEntry;
  /** the parent's return that comes before its first send or close */
  at: Range;
}

/**
 * Every receive of the goroutine that its parent can abandon: the goroutine waits on a channel made by the
 * parent, the parent itself is the one that sends on it or closes it (the channel is not handed on), and it
 * can return between the go statement and its first send or close (no deferred close).
 */
export function abandonedReceives(stmt: GoStmt, program: Program): AbandonedReceive[] {
  const target = goTarget(stmt, program);
  if (!target || stmt.fact.loop) return [];
  const parent = program.funcById(stmt.file, stmt.fact.parent);
  if (!parent || parent.fact.hasError || target.fact.hasError) return [];
  const out: AbandonedReceive[] = [];
  for (const b of target.fact.blocks) {
    if (b.kind !== 'recv' || b.inLoop || b.onField) continue;
    const key = parentChanKey(stmt, target, b.chan);
    if (!key || parent.fact.chanEscapes?.includes(key)) continue;
    const chan = parent.fact.chans.find((c) => c.key === key);
    if (!chan) continue;
    const feeds = (parent.fact.chanFeeds ?? []).filter((o) => o.key === key);
    if (feeds.length === 0 || feeds.some((o) => o.deferred) || usedElsewhere(stmt, parent, target, key, 'feed')) continue;
    const go = stmt.fact.range;
    const returns = returnsAfter(stmt, parent);
    const first = feeds.filter((o) => before(go, o.range)).sort((x, y) => (before(x.range, y.range) ? -1 : 1))[0];
    if (!first) continue;
    const ret = returns.find((r) => before(go, r) && !posBefore(first.range.start, r.end));
    if (ret) out.push({ recv: b, chan, parent, at: ret });
  }
  return out;
}

