// Sends nobody can receive: a function makes an unbuffered channel and sends on it (a bare send, or a select that
// can only send) before anything else can hold it: no goroutine, literal, call, store or return has had it on the
// way from the make to the send. The sender is the channel's only holder, so the send blocks forever. A shared
// analysis: plain data out (the sends), no verdicts about rules.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { escapeOps, nestedLiterals, literalMentions } from './goroutines.js';
import { blockingSend } from './leave.js';
import { resolveCallee } from './summaries.js';

export interface SelfSend {
  send: Range;
  sendText: string;
  file: FileFacts;
  fn: FuncIR;
  chanName: string;
  made: Range;
}

const cache = new WeakMap<FuncIR, SelfSend[]>();

/** The sends of `fn` on channels only `fn` can hold at that point (see the head comment). */
export function selfBlockedSends(fn: FuncIR, file: FileFacts, program: Program): SelfSend[] {
  const hit = cache.get(fn);
  if (hit) return hit;
  const out: SelfSend[] = [];
  cache.set(fn, out);
  const makes = new Map<VarId, (Op & { o: 'make' })[]>();
  for (const b of fn.blocks) for (const o of b.ops) if (o.o === 'make') makes.set(o.dst, [...(makes.get(o.dst) ?? []), o]);
  const lits = nestedLiterals(file, fn.id);
  for (const [ch, ms] of makes) {
    if (ms.length !== 1 || ms[0]!.cap !== 0) continue;
    // a literal that mentions the channel may run any time: not judged
    if (lits.some((l) => literalMentions(file, l, ch))) continue;
    const is = (v: Val) => v.k === 'var' && v.id === ch;
    const lost = new Set<Op>(escapeOps(fn, ch, { file, program, counts: () => true }));
    for (const b of fn.blocks) for (const o of b.ops) if ((o.o === 'go' || o.o === 'call' || o.o === 'defer') && (o.args.some(is) || (o.fn.k === 'value' && is(o.fn.v)))) lost.add(o);
    // from the make, forward, until something else can hold the channel
    const make = ms[0]!;
    const start = fn.blocks.findIndex((b) => b.ops.includes(make));
    const seen = new Set<number>();
    const queue: { b: number; from: number }[] = [{ b: start, from: fn.blocks[start]!.ops.indexOf(make) + 1 }];
    let found: { r: Range; text: string } | undefined;
    for (let q = 0; q < queue.length && !found; q++) {
      const { b, from } = queue[q]!;
      const blk = fn.blocks[b]!;
      let stop = false;
      for (const o of blk.ops.slice(from)) {
        if (lost.has(o) || (o.o === 'make' && o.dst === ch)) {
          stop = true;
          break;
        }
        if (o.o === 'send' && is(o.ch)) {
          found = { r: o.r, text: o.text };
          break;
        }
      }
      if (stop || found) continue;
      const t = blk.term;
      if (t.t === 'select' && blockingSend(t, ch, () => false)) {
        found = { r: t.r, text: t.cases.find((c) => c.kind === 'send' && is(c.ch))!.text };
        break;
      }
      for (const s of blk.succ) {
        if (seen.has(s)) continue;
        seen.add(s);
        queue.push({ b: s, from: 0 });
      }
    }
    if (found) out.push({ send: found.r, sendText: found.text, file, fn, chanName: fn.vars[ch]?.name ?? ch, made: make.r });
  }
  return out;
}

/** The self-blocked sends a goroutine reaches: in its own function or a function of the module it calls. */
export function goroutineSelfSends(target: FuncIR, file: FileFacts, program: Program): SelfSend[] {
  const out = [...selfBlockedSends(target, file, program)];
  for (const b of target.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'call') continue;
      const c = resolveCallee(o.fn, file, program);
      if (c && c.fn !== target) out.push(...selfBlockedSends(c.fn, c.file, program));
    }
  }
  return out;
}
