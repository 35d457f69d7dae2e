// Signals a goroutine owes its starter: a channel the parent makes, hands to one goroutine only, and then waits on
// with a bare receive, while the goroutine has a way back to its caller on which it neither sends on the channel
// nor closes it. On that path the parent (or the goroutine the parent runs in) waits forever. Plain data, no
// verdict: a rule decides what to report. Channels are identified by their declaration, never by their names.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { Range } from '../parse/types.js';
import { isNestedIn, isVar, literalMentions, mentions, nestedLiterals, reachableFrom, varsInTarget, type Goroutine } from './goroutines.js';
import { resolveCallee, summaries } from './summaries.js';

export interface OwedSignal {
  /** the parent's variable */
  ch: VarId;
  made: Range;
  /** the parent's bare receive that waits for the goroutine */
  wait: Range;
  /** a return of the goroutine's function reached without a send or close */
  leave: Range;
  /** what the goroutine does on its other paths */
  feed: 'send' | 'close';
}

function where(fn: FuncIR, op: Op): { b: number; i: number } | undefined {
  for (let b = 0; b < fn.blocks.length; b++) {
    const i = fn.blocks[b]!.ops.indexOf(op);
    if (i >= 0) return { b, i };
  }
  return undefined;
}

/** The parent's bare receive from `ch` that every way from the go op to a return passes through (a wait that
 * only some branches reach may be one the goroutine's silent paths never meet). */
function waitAfter(parent: FuncIR, go: Op, ch: VarId): Range | undefined {
  return waitAfterBy(parent, go, (o) => o.o === 'recv' && isVar(o.ch, ch));
}

/** The parent's op matching `isWait` that every way from the go op to a return passes through (see waitAfter). */
export function waitAfterBy(parent: FuncIR, go: Op, isWait: (o: Op) => boolean): Range | undefined {
  const at = where(parent, go);
  if (!at) return undefined;
  const own = parent.blocks[at.b]!.ops.slice(at.i + 1).find(isWait);
  if (own) return own.r;
  let wait: Range | undefined;
  const seen = new Set<number>();
  const queue = [at.b];
  for (let i = 0; i < queue.length; i++) {
    const b = queue[i]!;
    const blk = parent.blocks[b]!;
    if (i > 0) {
      const r = blk.ops.find(isWait);
      if (r) {
        wait ??= r.r;
        continue;
      }
    }
    // a way back to the caller that skips the wait
    if (blk.term.t === 'return' || blk.term.t === 'end') return undefined;
    for (const s of blk.succ) if (!seen.has(s)) seen.add(s), queue.push(s);
  }
  return wait;
}

/** Nothing but the goroutine feeds the channel: the parent neither sends on it, closes it, nor lets it go (a
 * call, a store, a copy, another goroutine or literal). */
function onlyTheGoroutineFeeds(g: Goroutine, ch: VarId): boolean {
  const is = (v: Val) => isVar(v, ch) || (v.k === 'field' && v.base === ch);
  for (const b of g.parent.blocks) {
    for (const o of b.ops) {
      if (o.o === 'send' && is(o.ch)) return false;
      if (o.o === 'close' && is(o.ch)) return false;
      if (o.o === 'escape' && o.v === ch) return false;
      if (o.o === 'assign' && is(o.src)) return false;
      if ((o.o === 'call' || o.o === 'defer') && o.args.some(is) && !(o.fn.k === 'builtin' && (o.fn.name === 'len' || o.fn.name === 'cap'))) return false;
      if ((o.o === 'call' || o.o === 'defer') && o.fn.k === 'value' && is(o.fn.v)) return false;
      if (o.o === 'go' && o !== g.op && (o.args.some(is) || (o.fn.k === 'lit' && g.file.ir?.some((f) => f.id === (o.fn as { id: string }).id && literalMentions(g.file, f, ch))))) return false;
    }
    if (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && is(c.ch))) return false;
  }
  // literals of the parent other than the goroutine's own (and those nested in it)
  const own = g.op.fn.k === 'lit' ? g.op.fn.id : undefined;
  for (const l of nestedLiterals(g.file, g.parent.id)) {
    if (own && (l.id === own || isNestedIn(g.file, l, own))) continue;
    if (mentions(l, ch)) return false;
  }
  return true;
}

/** A way back to the caller on which the goroutine's function neither sends on `ids` nor closes them; undefined
 * when every return feeds the channel, or when the function lets the channel go where goleash cannot follow. */
function leaveUnfed(g: Goroutine, ids: VarId[], program: Program): { leave: Range; feed: 'send' | 'close' } | undefined {
  const fn = g.target;
  const is = (v: Val) => ids.some((id) => isVar(v, id));
  // literals of the goroutine's function that see the channel: not followed
  if (nestedLiterals(g.targetFile, fn.id).some((l) => ids.some((id) => mentions(l, id)))) return undefined;
  let feed: 'send' | 'close' | undefined;
  /** what an op does to the channel: feeds it, or lets it go (undefined: neither) */
  const effect = (o: Op): 'feed' | 'lost' | undefined => {
    switch (o.o) {
      case 'send':
        if (!is(o.ch)) return undefined;
        feed ??= 'send';
        return 'feed';
      case 'close':
        if (!is(o.ch)) return undefined;
        feed = 'close';
        return 'feed';
      case 'recv':
        return is(o.ch) ? 'lost' : undefined;
      case 'escape':
        return ids.includes(o.v) ? 'lost' : undefined;
      case 'assign':
        return is(o.src) ? 'lost' : undefined;
      case 'go':
      case 'call':
      case 'defer': {
        if ((o.fn.k === 'value' && is(o.fn.v)) || (o.fn.k === 'method' && is(o.fn.recv))) return 'lost';
        const at = o.args.findIndex(is);
        if (at < 0) return undefined;
        if (o.fn.k === 'builtin') {
          if (o.fn.name === 'close') {
            feed = 'close';
            return 'feed';
          }
          return o.fn.name === 'len' || o.fn.name === 'cap' ? undefined : 'lost';
        }
        if (o.o === 'go') return 'lost';
        const c = resolveCallee(o.fn, g.targetFile, program);
        if (!c) return 'lost';
        const u = summaries(program).param(c, at);
        if (u.escapes || u.recvs) return 'lost';
        if (u.sends || u.closes) {
          feed ??= u.closes ? 'close' : 'send';
          return 'feed';
        }
        return undefined;
      }
    }
    return undefined;
  };
  // every op first: a channel the function lets go, or never feeds, is not judged
  // a feed inside a loop is a stream of values, not one signal: how many the parent takes is not counted here
  let feeds = false;
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      const e = effect(o);
      if (e === 'lost') return undefined;
      if (e === 'feed') {
        if (b.loop !== undefined && !(o.o === 'defer')) return undefined;
        feeds = true;
      }
    }
    const t = b.term;
    if (t.t === 'range' && is(t.ch)) return undefined;
    if (t.t === 'select') {
      for (const c of t.cases) {
        if (!is(c.ch)) continue;
        if (c.kind === 'recv' || b.loop !== undefined) return undefined;
        feeds = true;
        feed ??= 'send';
      }
    }
  }
  if (!feeds || !feed) return undefined;
  // a path from the entry to a return that feeds nothing
  const seen = new Set<string>();
  const queue: { b: number; fed: boolean }[] = [{ b: 0, fed: false }];
  for (let i = 0; i < queue.length; i++) {
    let { b, fed } = queue[i]!;
    const blk = fn.blocks[b]!;
    // a path that fails the test (t.Error, assert.X) is a failing test, not a leak
    if (blk.fails) continue;
    for (const o of blk.ops) if (effect(o) === 'feed') fed = true;
    const t = blk.term;
    if ((t.t === 'return' || t.t === 'end') && !fed) return { leave: t.r, feed };
    if (t.t === 'return' || t.t === 'end' || t.t === 'exit') continue;
    blk.succ.forEach((s, k) => {
      const sendCase = t.t === 'select' && t.cases[k]?.kind === 'send' && is(t.cases[k]!.ch);
      const f = fed || sendCase;
      const key = `${s}|${f}`;
      if (!seen.has(key)) seen.add(key), queue.push({ b: s, fed: f });
    });
  }
  return undefined;
}

/** The channels the parent waits on that only this goroutine feeds, and that it can return without feeding. */
export function owedSignal(g: Goroutine, program: Program): OwedSignal | undefined {
  const goAt = where(g.parent, g.op);
  if (!goAt) return undefined;
  for (const b of g.parent.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'make') continue;
      const ch = o.dst;
      // a goroutine started in a loop the channel was made outside of: several goroutines share it
      if (g.parent.blocks[goAt.b]!.loop !== b.loop) continue;
      const ids = varsInTarget(g, ch);
      if (ids.length === 0) continue;
      const wait = waitAfter(g.parent, g.op, ch);
      if (!wait || !onlyTheGoroutineFeeds(g, ch)) continue;
      // the make reaches the go statement (the goroutine gets this channel, not an older one)
      const from = where(g.parent, o);
      if (!from || !(from.b === goAt.b ? from.i < goAt.i : reachableFrom(g.parent, [from.b]).has(goAt.b))) continue;
      const l = leaveUnfed(g, ids, program);
      if (l) return { ch, made: o.r, wait, leave: l.leave, feed: l.feed };
    }
  }
  return undefined;
}
