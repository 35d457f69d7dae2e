// Dropped owners: a function makes an object (`s := &T{stop: make(chan struct{}), …}`), starts a method of it as a
// goroutine (`go s.run()`), and has a way back to its caller on which it lets go of the object: it neither returns
// it nor touches it again (an error return before `return s, nil`). The object was only ever selected from,
// started and returned (the IR's VarInfo.handedBack: never passed, stored, captured or deferred), so once that path
// is taken nothing but the goroutine holds it. When the goroutine's method cannot end without another goroutine
// acting on the object's channels (every way to its end goes through a receive from a channel field the function
// made fresh for the object), it waits forever. Plain data, no verdict: a rule decides what to report.
import type { FuncEntry, Program } from '../index/program.js';
import type { FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, GoFact, Range } from '../parse/types.js';
import { codeIn, innermostFunc, lineColAt, offsetOfLine } from './mentions.js';
import { codeText } from './source.js';
import { importers, onlyFromProcessRoots, qualifiers } from './callers.js';
import { closing, rangeAt } from './stream-callers.js';
import { isExported } from '../parse/syntax.js';
import { canReturn, irOf, literalMentions, nestedLiterals, opMentions as mentionsIn, reachableFrom, receiverOf } from './goroutines.js';
import { calleeDecl, resolveCallee } from './summaries.js';
import { funcFact } from '../parse/lookup.js';

/** A goroutine on an object that only the object's holder can end: where it waits and on which fresh fields. */
export interface OwnerWait {
  /** the object's name in the function that starts the goroutine */
  name: string;
  /** the method the goroutine runs, its file, and where it waits (a select, a receive, a range) */
  target: FuncIR;
  targetFile: FileFacts;
  wait: Range;
  /** the wait as written (`select`, `<-s.stop`, `range s.jobs`) and the fields it waits on */
  waitText: string;
  fields: string[];
  /** where a channel field is made fresh for the object */
  made: Range;
}

export interface DroppedOwner extends OwnerWait {
  /** the object's variable in the starter */
  owner: VarId;
  /** the starter's return that drops the object */
  exit: Range;
}

/** Whether op `o` names variable `o`: goroutines.ts's opMentions, and a store from it or into one of its fields. */
function opMentions(op: Op, id: VarId): boolean {
  const on = (v: Val) => (v.k === 'var' && v.id === id) || (v.k === 'field' && v.base === id);
  return mentionsIn(op, id) || (op.o === 'store' && (on(op.src) || on(op.field)));
}

/** The receiver fields of `fn` (a method) whose receive it waits on, when every way to its end goes through such a
 * wait on one of `fresh` (the fields made fresh for the object), with the first such wait; undefined when a way to
 * the end needs none (a return on an error, a ctx, a timer, a channel from elsewhere). */
function needsOwner(fn: FuncIR, recv: VarId, fresh: Set<string>): { wait: Range; text: string; fields: string[] } | undefined {
  const alias = fieldAliases(fn, recv, fresh);
  const own = (v: Val): string | undefined => (v.k === 'field' && v.base === recv && fresh.has(v.name) ? v.name : v.k === 'var' ? alias.get(v.id) : undefined);
  const fields = new Set<string>();
  let wait: { r: Range; text: string } | undefined;
  const seen = new Set<number>([0]);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const b = fn.blocks[queue[i]!]!;
    const blocked = b.ops.find((o) => o.o === 'recv' && own(o.ch) !== undefined) as (Op & { o: 'recv' }) | undefined;
    if (blocked) {
      fields.add(own(blocked.ch)!);
      wait ??= { r: blocked.r, text: `<-${blocked.ch.k === 'field' ? blocked.ch.text : blocked.ch.k === 'var' ? (fn.vars[blocked.ch.id]?.name ?? '') : ''}` };
      continue;
    }
    const t = b.term;
    if (t.t === 'return' || t.t === 'end') return undefined;
    let next = b.succ;
    if (t.t === 'select' && t.dflt === undefined) {
      const waits = t.cases.map((c) => (c.kind === 'recv' ? own(c.ch) : undefined));
      waits.forEach((f) => f !== undefined && fields.add(f));
      // a send case on such a field waits for a receiver the object's holder would be (it leads on, not out)
      for (const c of t.cases) if (c.kind === 'send' && own(c.ch) !== undefined && waits.some((f) => f !== undefined)) fields.add(own(c.ch)!);
      if (waits.some((f) => f !== undefined)) wait ??= { r: t.r, text: 'select' };
      next = b.succ.filter((_, ci) => ci >= t.cases.length || waits[ci] === undefined);
    } else if (t.t === 'range' && own(t.ch) !== undefined) {
      fields.add(own(t.ch)!);
      wait ??= { r: t.r, text: `range ${t.ch.k === 'field' ? t.ch.text : t.ch.k === 'var' ? (fn.vars[t.ch.id]?.name ?? '') : ''}` };
      next = b.succ.slice(0, 1);
    }
    for (const s of next) if (!seen.has(s)) seen.add(s), queue.push(s);
  }
  return wait && fields.size ? { wait: wait.r, text: wait.text, fields: [...fields].sort() } : undefined;
}

/** Locals of `fn` that hold one of the receiver's fresh channel fields and nothing else: assigned once from it
 * (`ach := nc.ach`, a snapshot taken under a lock), never reassigned, and used only to receive (a receive, a select
 * case, a range): the field itself under another name. */
function fieldAliases(fn: FuncIR, recv: VarId, fresh: Set<string>): Map<VarId, string> {
  const out = new Map<VarId, string>();
  const writes = new Map<VarId, number>();
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (o.o === 'assign') {
        writes.set(o.dst, (writes.get(o.dst) ?? 0) + 1);
        if (o.src.k === 'field' && o.src.base === recv && fresh.has(o.src.name) && fn.vars[o.dst]?.kind === 'local') out.set(o.dst, o.src.name);
      } else if (o.o === 'make') writes.set(o.dst, (writes.get(o.dst) ?? 0) + 2);
    }
  }
  for (const id of [...out.keys()]) {
    if (writes.get(id) !== 1) out.delete(id);
    else if (fn.blocks.some((b) => b.ops.some((o) => (o.o === 'send' || o.o === 'close') && o.ch.k === 'var' && o.ch.id === id) || b.ops.some((o) => (o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.args.some((a) => a.k === 'var' && a.id === id)) || b.ops.some((o) => (o.o === 'escape' && o.v === id) || (o.o === 'assign' && o.src.k === 'var' && o.src.id === id)) || (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && c.ch.k === 'var' && c.ch.id === id)))) out.delete(id);
  }
  return out;
}

/** The receiver's uses in the goroutine's method let nothing else reach the fields it waits on: it only selects
 * fields (no method call on itself, no goroutine of its own, no field handed to a call, sent, stored or closed). */
function keepsToItself(program: Program, file: FileFacts, fn: FuncIR, recv: VarId, fields: string[], literal: boolean): boolean {
  if (literal) {
    // a literal names the starter's variable: no method call on it, no literal of its own that uses it
    if (nestedLiterals(file, fn.id).some((l) => literalMentions(file, l, recv))) return false;
    if (fn.blocks.some((b) => b.ops.some((o) => (o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.fn.k === 'method' && o.fn.recv.k === 'var' && o.fn.recv.id === recv))) return false;
    if (fn.blocks.some((b) => b.ops.some((o) => (o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.args.some((a) => a.k === 'var' && a.id === recv)))) return false;
  } else {
    const c = fn.vars[recv]?.confined;
    if (!c || c.go) return false;
    // a method it calls on itself must keep its receiver too, and leave those channels alone
    if (c.calls && fn.blocks.some((b) => b.ops.some((o) => o.o === 'call' && o.fn.k === 'method' && o.fn.recv.k === 'var' && o.fn.recv.id === recv && !keepsReceiver(program, file, o, fields, 1)))) return false;
  }
  // a snapshot of a waited-on field into a local that only receives (see fieldAliases) hands it to no one
  const alias = fieldAliases(fn, recv, new Set(fields));
  return !fn.blocks.some((b) => b.ops.some((o) => feedsOrHands(o, recv, fields) && !(o.o === 'assign' && alias.has(o.dst))));
}

/** Op `o` sends on or closes one of the channel fields `fields` of `recv`, or hands one to a call, a store or a copy:
 * someone else may then feed the goroutine waiting on it. */
function feedsOrHands(o: Op, recv: VarId, fields: string[]): boolean {
  const touches = (v: Val | undefined) => !!v && v.k === 'field' && v.base === recv && fields.includes(v.name);
  if ((o.o === 'send' || o.o === 'close') && touches(o.ch)) return true;
  if ((o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.args.some(touches)) return true;
  return (o.o === 'store' || o.o === 'assign') && touches(o.src);
}

/** The object a go statement starts a goroutine on, when that goroutine can end only by another's act on channel
 * fields its starter made fresh for the object (see needsOwner), and the starter hands the object to no one else
 * before (see the conditions below). */
interface Owned {
  op: Op & { o: 'go' };
  bi: number;
  oi: number;
  parent: FuncIR;
  o: VarId;
  info: FuncIR['vars'][string];
  target: FuncIR;
  targetFile: FileFacts;
  need: { wait: Range; text: string; fields: string[] };
  made: Map<string, Range>;
}

function ownedBy(file: FileFacts, go: GoFact, program: Program): Owned[] {
  const parent = irOf(file, go.parent);
  if (!parent) return [];
  const out: Owned[] = [];
  parent.blocks.forEach((blk, bi) => {
    blk.ops.forEach((op, oi) => {
      if (op.o !== 'go' || op.r.start.line !== go.range.start.line || op.r.start.col !== go.range.start.col) return;
      // the goroutine runs a method of the object (`go s.run()`), or a literal of the starter that uses it
      // (`go func() { … <-s.stop … }()`, which names it by the starter's id)
      let o: VarId;
      let t: { fn: FuncIR; file: FileFacts } | undefined;
      let recv: VarId | undefined;
      if (op.fn.k === 'method' && op.fn.recv.k === 'var') {
        o = op.fn.recv.id;
        t = resolveCallee(op.fn, file, program);
        recv = t && receiverOf(t.fn);
      } else if (op.fn.k === 'lit') {
        const lit = irOf(file, op.fn.id);
        const used = lit ? Object.entries(parent.vars).filter(([id, v]) => v.kind === 'local' && v.fresh && literalMentions(file, lit, id)) : [];
        if (!lit || used.length !== 1) return;
        o = used[0]![0];
        t = { fn: lit, file };
        recv = o;
      } else return;
      const info = parent.vars[o];
      if (!t || !recv || !info || info.kind !== 'local' || !info.fresh || !(info.handedBack ?? info.confined)) return;
      // another literal of the starter that names the object (a deferred cleanup, a callback) may act on it later
      const target = t.fn;
      if (nestedLiterals(file, parent.id).some((l) => l.id !== target.id && !nestedLiterals(file, target.id).includes(l) && literalMentions(file, l, o))) return;
      // this goroutine is the only one the starter hands the object to, and before it starts the starter calls no
      // method of it (which might register it somewhere)
      const goes = parent.blocks.flatMap((b) => b.ops).filter((x) => x.o === 'go' && x !== op && (opMentions(x, o) || (x.fn.k === 'lit' && literalMentions(file, irOf(file, x.fn.id) ?? target, o))));
      if (goes.length) return;
      // the channel fields the starter makes fresh for the object
      const made = new Map<string, Range>();
      for (const b of parent.blocks) for (const x of b.ops) if (x.o === 'store' && x.made && x.field.base === o) made.set(x.field.name, x.r);
      if (made.size === 0) return;
      const before = parent.blocks.flatMap((b, i) => (i === bi ? b.ops.slice(0, oi) : reachableFrom(parent, b.succ).has(bi) ? b.ops : []));
      if (before.some((x) => (x.o === 'call' || x.o === 'defer') && opMentions(x, o) && !harmless(program, file, x, o, [...made.keys()]))) return;
      // a goroutine with no way to its end at all is endless-goroutine's: here, one that ends once the object's
      // holder acts on its channels
      if (![...reachableFrom(target, [0])].some((b) => target.blocks[b]!.term.t === 'return' || target.blocks[b]!.term.t === 'end')) return;
      const need = needsOwner(target, recv, new Set(made.keys()));
      if (!need || !keepsToItself(program, file, target, recv, need.fields, op.fn.k === 'lit')) return;
      out.push({ op, bi, oi, parent, o, info, target, targetFile: t.file, need, made });
    });
  });
  return out;
}

/** Every way the function that runs go statement `go` can drop the object whose method the goroutine runs. */
export function droppedOwners(file: FileFacts, go: GoFact, program: Program): DroppedOwner[] {
  const out: DroppedOwner[] = [];
  for (const w of ownedBy(file, go, program)) {
    const exit = droppingReturn(program, file, w.parent, w.bi, w.oi, w.o, w.info.name, w.need.fields);
    if (!exit) continue;
    out.push({ owner: w.o, name: w.info.name, target: w.target, targetFile: w.targetFile, wait: w.need.wait, waitText: w.need.text, fields: w.need.fields, made: w.made.get(w.need.fields[0]!)!, exit });
  }
  return out;
}

/** A return of `fn` reached from op `oi` of block `bi` on a path that does nothing with `o` after it that might
 * reach the goroutine's channels (see harmless) and does not return it (its name, not a selection from it, among the
 * return's words); paths through an exit are not ways back. */
function droppingReturn(program: Program, file: FileFacts, fn: FuncIR, bi: number, oi: number, o: VarId, name: string, fields: string[]): Range | undefined {
  const returns = new RegExp(`(?<![\\w.])${name}(?![\\w.])`);
  const seen = new Set<number>();
  const visit = (b: number, from: number): Range | undefined => {
    const blk = fn.blocks[b]!;
    if (blk.fails) return undefined;
    if (blk.ops.slice(from).some((x) => opMentions(x, o) && !harmless(program, file, x, o, fields))) return undefined;
    const t = blk.term;
    if (t.t === 'return') {
      const text = codeIn(program, file, t.r);
      return text !== null && !returns.test(text) ? t.r : undefined;
    }
    if (t.t === 'end') return t.r;
    if (t.t === 'exit') return undefined;
    if (t.t === 'select' && t.cases.some((c) => (c.ch.k === 'var' && c.ch.id === o) || (c.ch.k === 'field' && c.ch.base === o))) return undefined;
    if (t.t === 'range' && t.ch.k === 'field' && t.ch.base === o) return undefined;
    for (const s of blk.succ) {
      if (seen.has(s)) continue;
      seen.add(s);
      const r = visit(s, 0);
      if (r) return r;
    }
    return undefined;
  };
  return visit(bi, oi + 1);
}

/**
 * An op of the starter that names the object `o` and cannot give anyone else a hold on it or act on its channels
 * (`fields`: the ones the goroutine waits on, or before it starts every channel made for the object): reading or writing a
 * data field (`o.name = n`, `x := o.size`), or calling a method of the module on it that, followed through its own
 * calls on the receiver, keeps its receiver to itself (only selects from it: no goroutine, no func literal that names
 * it, not handed to a call, stored or returned) and sends on or closes none of those channels.
 */
function harmless(program: Program, file: FileFacts, op: Op, o: VarId, fields: string[]): boolean {
  const onO = (v: Val | undefined) => !!v && v.k === 'field' && v.base === o;
  switch (op.o) {
    case 'assign':
      return op.dst !== o && !(op.src.k === 'var' && op.src.id === o);
    case 'store':
      return !(op.src.k === 'var' && op.src.id === o) && !(op.src.k === 'field' && op.src.base === o && op.field.base !== o);
    case 'call':
      // a method of a data field of the object (`o.timer.Stop()`): the field's value holds no way back to the object
      if (op.fn.k === 'method' && op.fn.recv.k === 'field' && op.fn.recv.base === o && !fields.includes(op.fn.recv.name)) return !op.args.some((a) => (a.k === 'var' && a.id === o) || onO(a));
      if (op.fn.k !== 'method' || op.fn.recv.k !== 'var' || op.fn.recv.id !== o) return false;
      if (op.args.some((a) => (a.k === 'var' && a.id === o) || onO(a))) return false;
      return keepsReceiver(program, file, op, fields, 0);
    default:
      return false;
  }
}

/** The method a call op runs keeps its receiver to itself and leaves channel fields `fields` alone (no send, close
 * or hand-off of them), followed through its calls on its receiver (a few deep); a method without an IR has no channel operation,
 * goroutine or close, and is read as text: its receiver only ever selected from, no func literal. */
function keepsReceiver(program: Program, file: FileFacts, op: Op & { o: 'call' }, fields: string[], depth: number): boolean {
  if (depth > 3 || op.fn.k !== 'method') return false;
  const c = resolveCallee(op.fn, file, program);
  return methodKeeps(program, c, c ? undefined : calleeDecl(op.fn, file, program), fields, depth);
}

/** keepsReceiver for a method already resolved: `c` with its IR, or `d`, its declaration, when it has none. */
function methodKeeps(program: Program, c: { fn: FuncIR; file: FileFacts } | undefined, d: FuncEntry | undefined, fields: string[], depth: number): boolean {
  if (c) {
    const recv = receiverOf(c.fn);
    const info = recv ? c.fn.vars[recv] : undefined;
    // (a goroutine it starts is looked at below: one on a method of the receiver, or a literal that names it; a func
    // value held in a field, `go r.callback(x)`, gets no hold on the receiver from the call)
    if (!recv || !info?.confined) return false;
    if (nestedLiterals(c.file, c.fn.id).some((l) => literalMentions(c.file, l, recv))) return false;
    for (const b of c.fn.blocks) {
      for (const x of b.ops) {
        if (feedsOrHands(x, recv, fields) || (x.o === 'handout' && x.field.base === recv && fields.includes(x.field.name))) return false;
        // a goroutine on a method of the receiver (not on a func value held in a field, `go r.callback(x)`)
        if (x.o === 'go' && x.fn.k === 'method' && x.fn.recv.k === 'var' && x.fn.recv.id === recv && (isMethod(program, c.file, info.type, x.fn.name) || x.args.some((a) => a.k === 'var' && a.id === recv))) return false;
        if (x.o === 'defer' && x.fn.k === 'method' && x.fn.recv.k === 'var' && x.fn.recv.id === recv) return false;
        if (x.o === 'call' && x.fn.k === 'method' && x.fn.recv.k === 'var' && x.fn.recv.id === recv && !keepsReceiver(program, c.file, x, fields, depth + 1)) return false;
      }
    }
    return true;
  }
  return !!d && textKeeps(program, d, fields, depth > 0);
}

/** Method `d`, read as text (it has no IR: no channel operation, goroutine or close of its own), keeps its receiver
 * to itself: every mention of the receiver past the signature selects a data field (none of `fields`, the channels)
 * or calls a method, and there is no func literal. A method it calls on the receiver is read the same way when it has
 * no IR either, and may call none itself (`leaf`: one level of text is all that is read). */
function textKeeps(program: Program, d: FuncEntry, fields: string[], leaf: boolean): boolean {
  const r = d.fact.recv?.name;
  if (!r || !/^[A-Za-z_]\w*$/.test(r)) return false;
  const body = codeIn(program, d.file, d.fact.range);
  if (body === null) return false;
  const inner = body.slice(body.indexOf('{'));
  if (/\bfunc\s*\(/.test(inner)) return false;
  for (const m of inner.matchAll(new RegExp(`(?<![\\w.])${r}(?![\\w])`, 'g'))) {
    const sel = /^\s*\.\s*([A-Za-z_]\w*)\s*(\()?/.exec(inner.slice(m.index! + r.length));
    if (!sel || fields.includes(sel[1]!)) return false;
    if (!sel[2]) continue;
    if (leaf || !d.fact.recv) return false;
    const callee = program.resolve({ k: 'method', recv: { k: 'named', pkg: '', name: d.fact.recv.type }, name: sel[1]! }, d.file);
    if (callee.k !== 'func' || callee.fn.file.ir?.some((f) => f.id === callee.fn.fact.id) || !textKeeps(program, callee.fn, fields, true)) return false;
  }
  return true;
}

/** An object a constructor returns with a goroutine that needs its owner (see ownedBy), that a caller of the
 * constructor keeps in a variable and drops: it only ever calls methods on it that keep their receiver and send on or
 * close none of the goroutine's channels (a data field read or written is harmless too), never hands it on, and
 * then returns. Nothing can end the goroutine after that. */
export interface UnclosedOwner extends OwnerWait {
  /** the constructor's name */
  ctor: string;
  /** the caller's file, the call, the variable it keeps the object in, and the caller's name */
  call: { file: FileFacts; range: Range; v: string; caller: string };
}

/** The index among `fn`'s results of the object `name` it returns (the same at every return that names it). */
function resultIndex(program: Program, file: FileFacts, fn: FuncIR, name: string): number | undefined {
  let idx: number | undefined;
  for (const b of fn.blocks) {
    if (b.term.t !== 'return') continue;
    const text = codeIn(program, file, b.term.r);
    if (text === null) return undefined;
    const parts = splitTop(text.replace(/^\s*return\b/, ''));
    const i = parts.findIndex((p) => p.trim() === name || p.trim() === `&${name}`);
    if (i < 0) continue;
    if (idx !== undefined && idx !== i) return undefined;
    idx = i;
  }
  return idx;
}

/** `text` split at its top-level commas. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

/** Constructors whose callers drop what they return, for the goroutine started by `go` (see UnclosedOwner). */
export function unclosedOwners(file: FileFacts, go: GoFact, program: Program): UnclosedOwner[] {
  const out: UnclosedOwner[] = [];
  for (const w of ownedBy(file, go, program)) {
    if (!w.info.handedBack || w.info.type?.k !== 'named' || w.info.type.pkg !== '') continue;
    const typeName = w.info.type.name;
    const decl = funcFact(file, w.parent.id);
    if (!decl || decl.kind !== 'func' || decl.recv || !/^[A-Za-z_]\w*$/.test(decl.name)) continue;
    // the constructor itself does nothing else with the object that could reach its channels
    const fields = w.need.fields;
    if (w.parent.blocks.some((b) => b.ops.some((x) => x !== w.op && (x.o === 'call' || x.o === 'defer' || x.o === 'go') && opMentions(x, w.o) && !harmless(program, file, x, w.o, [...w.made.keys()])))) continue;
    const idx = resultIndex(program, file, w.parent, w.info.name);
    if (idx === undefined) continue;
    const call = droppingCaller(program, file, decl.name, decl.results.length, idx, typeName, fields);
    if (call) out.push({ name: w.info.name, target: w.target, targetFile: w.targetFile, wait: w.need.wait, waitText: w.need.text, fields, made: w.made.get(fields[0]!)!, ctor: decl.name, call });
  }
  return out;
}

/** The first call of constructor `ctor` (declared in `file`, `results` results, the object at `idx`) whose caller
 * keeps the object in a variable and drops it (see UnclosedOwner). Read from the code text of every file that can
 * call it: callers mostly have no IR (no concurrency of their own). */
function droppingCaller(program: Program, file: FileFacts, ctor: string, results: number, idx: number, typeName: string, fields: string[]): UnclosedOwner['call'] | undefined {
  const pkg = program.packageOf(file);
  const files = isExported(ctor) ? importers(program, pkg) : pkg.files;
  const call = new RegExp(`([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*:?=\\s*(?:([A-Za-z_]\\w*)\\s*\\.\\s*)?${ctor}\\s*\\(`, 'g');
  for (const cf of files) {
    const s = codeText(program, cf);
    if (s === null || !s.includes(ctor)) continue;
    const own = program.packageOf(cf) === pkg;
    const quals = own ? undefined : qualifiers(program, cf, pkg);
    call.lastIndex = 0;
    for (let m = call.exec(s); m; m = call.exec(s)) {
      if (own ? m[2] !== undefined : !(m[2] !== undefined && quals!.has(m[2]))) continue;
      // a statement of its own: `v := ctor(…)` or `v, err = q.ctor(…)`, the whole right-hand side
      if (!/(?:^|[\n;{])\s*$/.test(s.slice(Math.max(0, m.index - 200), m.index))) continue;
      const lhs = m[1]!.split(',').map((x) => x.trim());
      if (lhs.length !== results) continue;
      const close = closing(s, m.index + m[0].length - 1) - 1;
      if (close < 0 || !/^[ \t]*(?:\n|;|\}|$)/.test(s.slice(close + 1))) continue;
      const v = lhs[idx]!;
      const p = lineColAt(s, m.index);
      const fn = innermostFunc(cf, p.line, p.col);
      if (!fn || (cf === file && fn.name === ctor)) continue;
      if (testless(cf) && onlyFromProcessRoots(program, cf, fn.id, true)) continue;
      // a caller that never returns (it serves with the object in an endless loop) never drops it
      const callerIr = irOf(cf, fn.id);
      if (callerIr && !canReturn(callerIr)) continue;
      const end = offsetOfLine(s, fn.range.end.line) + fn.range.end.col - 1;
      if (v !== '_' && !keptToItself(program, file, cf, s, close + 1, end, fn.id, v, typeName, fields)) continue;
      return { file: cf, range: rangeAt(s, m.index, close + 1), v, caller: callerName(program, cf, fn.id) };
    }
  }
  return undefined;
}

function testless(cf: FileFacts): boolean {
  return !cf.path.endsWith('_test.go');
}

/** Every mention of `v` in `s` between `from` and `to` (the rest of the caller `fnId`) is a method call that keeps
 * its receiver and leaves `fields` alone, or a data field of it (not one of `fields`), in the caller itself (not in a
 * func literal, which may run later). */
function keptToItself(program: Program, ctorFile: FileFacts, cf: FileFacts, s: string, from: number, to: number, fnId: string, v: string, typeName: string, fields: string[]): boolean {
  const word = new RegExp(`(?<![\\w.])${v}(?![\\w])`, 'g');
  word.lastIndex = from;
  for (let m = word.exec(s); m && m.index < to; m = word.exec(s)) {
    const p = lineColAt(s, m.index);
    if (innermostFunc(cf, p.line, p.col)?.id !== fnId) return false;
    const sel = /^\s*\.\s*([A-Za-z_]\w*)\s*(\()?/.exec(s.slice(m.index + v.length, m.index + v.length + 200));
    if (!sel) return false;
    if (fields.includes(sel[1]!)) return false;
    const r = program.resolve({ k: 'method', recv: { k: 'named', pkg: '', name: typeName }, name: sel[1]! }, ctorFile);
    // a data field, read or written; a method value (`v.onUpdate` handed on) gives its holder the object
    if (!sel[2]) {
      if (r.k === 'func') return false;
      continue;
    }
    if (r.k !== 'func') return false;
    const ir = irOf(r.fn.file, r.fn.fact.id);
    if (!methodKeeps(program, ir ? { fn: ir, file: r.fn.file } : undefined, ir ? undefined : r.fn, fields, 0)) return false;
  }
  return true;
}

/** `name` is a method of the receiver's type `t` (not a func value held in a field of that name). Unknown types
 * answer yes. */
function isMethod(program: Program, file: FileFacts, t: FuncIR['vars'][string]['type'], name: string): boolean {
  if (t?.k !== 'named' || t.pkg !== '') return true;
  return program.resolve({ k: 'method', recv: { k: 'named', pkg: '', name: t.name }, name }, file).k !== 'unknown';
}

/** The name of the function a call is in, for a message: a literal at package level (`var _ = Describe(…, func() {…})`)
 * has none of its own. */
function callerName(program: Program, file: FileFacts, id: string): string {
  const n = program.enclosingName(file, id);
  return n && n !== '_' ? n : 'a func literal';
}
