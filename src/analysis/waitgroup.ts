// WaitGroup counts: a function waits on a sync.WaitGroup it declares inside the loop that starts the goroutines
// marking it done, while the count was added for all of them before the loop (`wg.Add(len(items))`, then
// `for … { go func() { defer wg.Done() … }(); wg.Wait() }`). The first Wait waits for Done calls of goroutines the
// loop has not started yet: with two items or more it never returns. Plain data, no verdict: a rule decides what
// to report. What Add, Done and Wait do comes from the API table (src/api/table.ts); the group is identified by its
// declaration, never by its name, and the name's occurrences in the function's text only rule out a group handed
// on (`helper(&wg)`), whose other Done calls goleash cannot count.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { apiEffect } from '../api/table.js';
import { insideLoop, litOf, nestedLiterals, type Goroutine } from './goroutines.js';
import { waitAfterBy } from './signal.js';
import { codeText } from './source.js';
import { wordCount } from './mentions.js';
import { funcFact } from '../parse/lookup.js';

export interface EarlyWait {
  /** the group's variable */
  wg: VarId;
  name: string;
  /** the Wait inside the loop */
  wait: Range;
  /** an Add before the loop, and its argument as written */
  add: Range;
  count: string;
  /** the loop's header */
  loop: Range;
}

type GroupEffect = 'wg-add' | 'wg-done' | 'wg-wait';

/** What a call or defer op does to the group `wg`, when it calls one of its methods the API table knows. */
export function groupEffect(o: Op, wg: VarId): GroupEffect | undefined {
  if ((o.o !== 'call' && o.o !== 'defer') || o.fn.k !== 'method' || o.fn.recv.k !== 'var' || o.fn.recv.id !== wg) return undefined;
  const e = apiEffect('sync', `WaitGroup.${o.fn.name}`);
  return e?.k === 'wg-add' || e?.k === 'wg-done' || e?.k === 'wg-wait' ? e.k : undefined;
}

/** A count that is surely more than one goroutine's Done for loops of two items or more: `len(x)`, or a constant
 * of 2 or more. A count of one (or one the IR cannot read) is not judged. */
function countsAll(text: string): boolean {
  return /^len\([^()]*\)$/.test(text) || (/^\d+$/.test(text) && Number(text) >= 2);
}

/** How often `name` occurs as a word in the text of lines `from`..`to` of the file (comments and strings blanked). */
function occurrences(program: Program, file: FileFacts, r: Range, name: string): number | undefined {
  const text = codeText(program, file);
  if (text === null) return undefined;
  return wordCount(text.split('\n').slice(r.start.line - 1, r.end.line).join('\n'), name);
}

/** The waits of `fn` on a WaitGroup it declares that come inside the loop starting the goroutines that mark it
 * done, after an Add for all of them before the loop. */
export function earlyGroupWaits(fn: FuncIR, file: FileFacts, program: Program): EarlyWait[] {
  const out: EarlyWait[] = [];
  const fact = funcFact(file, fn.id);
  if (!fact) return out;
  for (const [wg, v] of Object.entries(fn.vars)) {
    if (v.kind !== 'local' || v.type?.k !== 'named' || v.type.pkg !== 'sync' || v.type.name !== 'WaitGroup') continue;
    const adds: { b: number; op: Op & { o: 'call' } }[] = [];
    const waits: { b: number; op: Op }[] = [];
    const doners: FuncIR[] = [];
    let ops = 0;
    let bad = false;
    fn.blocks.forEach((b, bi) => {
      for (const o of b.ops) {
        const e = groupEffect(o, wg);
        if (e) ops++;
        if (e === 'wg-add' && o.o === 'call' && o.args.length === 1) adds.push({ b: bi, op: o });
        else if (e === 'wg-wait' && o.o === 'call') waits.push({ b: bi, op: o });
        else if (e) bad = true; // a Done of the parent itself, a deferred Add or Wait
        if (o.o === 'go') {
          const lit = litOf(o, file);
          if (lit && lit.id !== fn.id && !o.group) doners.push(lit);
        }
      }
    });
    if (bad || adds.length === 0 || waits.length === 0) continue;
    // the goroutines' literals: each marks the group done once, outside any loop of its own, and does nothing else
    // with it; no other literal of the function sees the group
    const goLits = new Set(doners);
    let marking = 0;
    for (const l of nestedLiterals(file, fn.id)) {
      const effects = l.blocks.flatMap((b) => b.ops.map((o) => ({ e: groupEffect(o, wg), b })).filter((x) => x.e));
      if (effects.length === 0) continue;
      if (!goLits.has(l) || effects.length !== 1 || effects[0]!.e !== 'wg-done' || effects[0]!.b.loop !== undefined) {
        bad = true;
        break;
      }
      ops++;
      marking++;
    }
    if (bad || marking === 0) continue;
    // every occurrence of the name in the function's text is the declaration or one of the calls above: the group
    // is not handed on (`&wg`), copied, or shadowed
    const seen = occurrences(program, file, fact.range, v.name);
    if (seen === undefined || seen !== ops + 1) continue;
    for (const w of waits) {
      const h = fn.blocks[w.b]!.loop;
      if (h === undefined) continue;
      const head = fn.blocks[h]!;
      if (head.term.t !== 'loop' && head.term.t !== 'range') continue;
      // no Add inside the loop: the count was made for every iteration before it
      if (adds.some((a) => insideLoop(fn, a.b, h))) continue;
      const before = adds.find((a) => countsAll(a.op.args[0]!.k === 'expr' ? a.op.args[0]!.text : ''));
      if (!before || adds.length !== 1) continue;
      // the loop starts a goroutine that marks the group done
      const starts = fn.blocks.some((b, i) => insideLoop(fn, i, h) && b.ops.some((o) => o.o === 'go' && goLits.has(litOf(o, file)!)));
      if (!starts) continue;
      // every iteration passes a Wait: from the body's entry, no way back to the header avoids one
      const waitBlocks = new Set(waits.map((x) => x.b));
      const body = head.succ[0];
      if (body === undefined) continue;
      const seenB = new Set<number>([body]);
      const queue = [body];
      let skips = false;
      for (let i = 0; i < queue.length && !skips; i++) {
        const b = queue[i]!;
        if (waitBlocks.has(b)) continue;
        for (const s of fn.blocks[b]!.succ) {
          if (s === h) skips = true;
          else if (insideLoop(fn, s, h) && !seenB.has(s)) seenB.add(s), queue.push(s);
        }
      }
      if (skips) continue;
      out.push({ wg, name: v.name, wait: w.op.r, add: before.op.r, count: (before.op.args[0] as { text: string }).text, loop: head.term.r });
      break;
    }
  }
  return out;
}

/** A Done the goroutine owes its parent's WaitGroup: the parent waits on a group it declares, and the goroutine (a
 * literal of the parent) marks it done with plain calls, not a defer, and has a way back to its caller that calls
 * none of them. */
export interface OwedDone {
  wg: VarId;
  name: string;
  /** the parent's Wait, on every way from the go statement to a return */
  wait: Range;
  /** a return of the goroutine reached without a Done */
  leave: Range;
}

/**
 * The goroutine `g` can return without marking its parent's WaitGroup done, while the parent waits on the group on
 * every way on from the go statement: the count never reaches zero and the Wait never returns. Judged only when the
 * group is the parent's own local, seen by no code but the parent and its literals (every occurrence of its name in
 * the parent's text is the declaration or a call of Add, Done or Wait: not handed on as `&wg`), the goroutine calls
 * Done outside any loop of its own and calls nothing else on the group, and no defer marks it done. A path of the
 * goroutine that panics, exits or fails the test is not a way back.
 */
export function owedDone(g: Goroutine, program: Program): OwedDone | undefined {
  const lit = litOf(g.op, g.file);
  if (!lit || lit !== g.target) return undefined;
  const fact = funcFact(g.file, g.parent.id);
  if (!fact) return undefined;
  for (const [wg, v] of Object.entries(g.parent.vars)) {
    if (v.kind !== 'local' || v.type?.k !== 'named' || v.type.pkg !== 'sync' || v.type.name !== 'WaitGroup') continue;
    // the goroutine's calls on the group: plain Done calls only, none in a loop
    const dones: Op[] = [];
    let bad = false;
    for (const b of g.target.blocks) {
      for (const o of b.ops) {
        const e = groupEffect(o, wg);
        if (!e) continue;
        if (e !== 'wg-done' || o.o !== 'call' || b.loop !== undefined) bad = true;
        else dones.push(o);
      }
    }
    if (bad || dones.length === 0) continue;
    // literals nested in the goroutine that see the group: not followed
    if (nestedLiterals(g.targetFile, g.target.id).some((l) => l.blocks.some((b) => b.ops.some((o) => groupEffect(o, wg))))) continue;
    const wait = waitAfterBy(g.parent, g.op, (o) => o.o === 'call' && groupEffect(o, wg) === 'wg-wait');
    if (!wait) continue;
    // not handed on: every occurrence of the name in the parent's text is its declaration or a method call the IR
    // holds (in the parent or any of its literals)
    let ops = 0;
    for (const fn of [g.parent, ...nestedLiterals(g.file, g.parent.id)]) for (const b of fn.blocks) for (const o of b.ops) if (groupEffect(o, wg)) ops++;
    if (occurrences(program, g.file, fact.range, v.name) !== ops + 1) continue;
    // a way from the goroutine's entry to a return that calls no Done
    const seen = new Set<string>();
    const queue: { b: number; done: boolean }[] = [{ b: 0, done: false }];
    for (let i = 0; i < queue.length; i++) {
      let { b, done } = queue[i]!;
      const blk = g.target.blocks[b]!;
      if (blk.fails) continue;
      if (blk.ops.some((o) => dones.includes(o))) done = true;
      const t = blk.term;
      if ((t.t === 'return' || t.t === 'end') && !done) return { wg, name: v.name, wait, leave: t.r };
      if (t.t === 'return' || t.t === 'end' || t.t === 'exit') continue;
      for (const s of blk.succ) {
        const key = `${s}|${done}`;
        if (!seen.has(key)) seen.add(key), queue.push({ b: s, done });
      }
    }
  }
  return undefined;
}
