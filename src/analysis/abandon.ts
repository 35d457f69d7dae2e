// Abandoned senders from the IR: for a go statement, the channels its goroutine sends on that its parent made,
// and the parent's leave paths (src/analysis/leave.ts) that return with a send not received. A channel the parent
// hands to anything the IR cannot follow (a call, a store, a return, another literal, a defer) has receivers
// goleash cannot count, and is not judged. Names never matter: a channel is identified by its declaration.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, GoFact, Range } from '../parse/types.js';
import { escapesIn, irOf, isNestedIn, literalMentions, mentions, nestedLiterals, targetOf } from './goroutines.js';
import { leavePaths, maxSends, type LeavePath, type Sender } from './leave.js';

export interface IrAbandon {
  /** the goroutine's send that blocks, and its text */
  send: Range;
  sendText: string;
  /** the file of the goroutine's function */
  sendFile: string;
  chanName: string;
  cap: number;
  made: Range;
  path: LeavePath;
  parent: FuncIR;
}

/** How the target names the channel the parent knows as `ch`: the same id when captured, a parameter when passed. */
function chanInTarget(op: Op & { o: 'go' }, target: FuncIR, ch: VarId, captured: boolean): VarId[] {
  const out: VarId[] = [];
  if (captured) out.push(ch);
  op.args.forEach((a, i) => {
    if (a.k !== 'var' || a.id !== ch) return;
    for (const [id, v] of Object.entries(target.vars)) if (v.kind === 'param' && v.index === i) out.push(id);
  });
  return out;
}

function receivesIn(fn: FuncIR, ch: VarId): boolean {
  const is = (v: Val) => v.k === 'var' && v.id === ch;
  return fn.blocks.some(
    (b) =>
      b.ops.some((o) => (o.o === 'recv' && is(o.ch)) || (o.o === 'close' && is(o.ch))) ||
      (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'recv' && is(c.ch))) ||
      (b.term.t === 'range' && is(b.term.ch)),
  );
}

/** The goroutine's unguarded sends on `ch` (a send statement, or a select whose only case sends). */
function sendSites(fn: FuncIR, ch: VarId): { r: Range; text: string }[] {
  const is = (v: Val) => v.k === 'var' && v.id === ch;
  const out: { r: Range; text: string }[] = [];
  for (const b of fn.blocks) {
    for (const o of b.ops) if (o.o === 'send' && is(o.ch)) out.push(o);
    const t = b.term;
    if (t.t === 'select' && t.cases.length === 1 && t.dflt === undefined && t.cases[0]!.kind === 'send' && is(t.cases[0]!.ch)) out.push(t.cases[0]!);
  }
  return out;
}

const cache = new WeakMap<FuncIR, Map<string, IrAbandon[]>>();

/** Sends of the goroutine started by `go` that its parent can abandon, found on the IR. */
export function irAbandonedSends(file: FileFacts, go: GoFact, program: Program): IrAbandon[] {
  const parent = irOf(file, go.parent);
  if (!parent) return [];
  let perParent = cache.get(parent);
  if (!perParent) cache.set(parent, (perParent = analyzeParent(file, parent, program)));
  return perParent.get(`${go.range.start.line}:${go.range.start.col}`) ?? [];
}

function analyzeParent(file: FileFacts, parent: FuncIR, program: Program): Map<string, IrAbandon[]> {
  const out = new Map<string, IrAbandon[]>();
  const gos: (Op & { o: 'go' })[] = [];
  const makes = new Map<VarId, Op & { o: 'make' }>();
  for (const b of parent.blocks) {
    for (const o of b.ops) {
      if (o.o === 'go') gos.push(o);
      else if (o.o === 'make') makes.set(o.dst, makes.has(o.dst) ? { ...o, cap: -1 as unknown as number } : o);
    }
  }
  if (gos.length === 0) return out;
  const literals = nestedLiterals(file, parent.id);
  for (const [ch, make] of makes) {
    // unbuffered channels only, for now: a buffer's slots against counts of senders is judged by the
    // rule's syntactic model until the IR counts semaphores and sized queues
    if (make.cap !== 0) continue;
    // the parent must keep the channel to itself and its goroutines
    if (escapesIn(parent, ch) || closes(parent, ch)) continue;
    const senders: (Sender & { target: FuncIR; targetFile: FileFacts; names: VarId[] })[] = [];
    const involved = new Set<FuncIR>();
    let unknown = false;
    for (const op of gos) {
      const passed = op.args.some((a) => a.k === 'var' && a.id === ch);
      const captured = op.fn.k === 'lit' && !!irOf(file, op.fn.id) && literalMentions(file, irOf(file, op.fn.id)!, ch);
      if (!passed && !captured) continue;
      const t = targetOf(op, file, program);
      if (!t) {
        unknown = true;
        break;
      }
      involved.add(t.fn);
      const names = chanInTarget(op, t.fn, ch, captured);
      if (names.length === 0 || names.some((n) => receivesIn(t.fn, n) || escapesIn(t.fn, n))) {
        unknown = true;
        break;
      }
      // a literal nested in the goroutine that uses the channel: its sends are not followed
      if (captured && nestedLiterals(file, t.fn.id).some((l) => mentions(l, ch))) {
        unknown = true;
        break;
      }
      const sends = Math.max(0, ...names.map((n) => maxSends(t.fn, n)));
      if (sends > 0) senders.push({ op, sends, target: t.fn, targetFile: t.file, names, looped: inLoop(parent, op), signals: signalsOf(t.fn, names) });
    }
    if (unknown || senders.length === 0) continue;
    // any other literal of the parent that uses the channel (a sibling goroutine, a callback, a deferred func)
    if (literals.some((l) => !involved.has(l) && !senders.some((s) => isNestedIn(file, l, s.target.id)) && mentions(l, ch))) continue;
    const paths = leavePaths(parent, ch, make.cap, senders);
    for (const s of senders) {
      const path = paths.get(s.op);
      if (!path) continue;
      const site = s.names.flatMap((n) => sendSites(s.target, n))[0];
      if (!site) continue;
      const key = `${s.op.r.start.line}:${s.op.r.start.col}`;
      const list = out.get(key) ?? [];
      list.push({ send: site.r, sendText: site.text, sendFile: s.targetFile.path, chanName: varName(parent, ch), cap: make.cap, made: make.r, path, parent });
      out.set(key, list);
    }
  }
  return out;
}

function varName(fn: FuncIR, id: VarId): string {
  return fn.vars[id]?.name ?? id.slice(0, id.indexOf('@'));
}

function inLoop(fn: FuncIR, op: Op): boolean {
  return fn.blocks.some((b) => b.loop !== undefined && b.ops.includes(op));
}

/** Channels a goroutine closes or sends on, other than the ones it sends its results on (`names`). */
function signalsOf(fn: FuncIR, names: VarId[]): VarId[] {
  const out: VarId[] = [];
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if ((o.o === 'close' || o.o === 'send') && o.ch.k === 'var' && !names.includes(o.ch.id)) out.push(o.ch.id);
      if (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && o.args[0]?.k === 'var') out.push(o.args[0].id);
    }
  }
  return out;
}

function closes(fn: FuncIR, ch: VarId): boolean {
  return fn.blocks.some((b) => b.ops.some((o) => (o.o === 'close' && o.ch.k === 'var' && o.ch.id === ch) || (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && o.args.some((a) => a.k === 'var' && a.id === ch))));
}
