// Mutexes held across channel operations. Two parts, plain data, no verdicts:
//
// - heldFlow: the sync.Mutex / sync.RWMutex struct fields a function must hold at each of its operations (a must
//   analysis over the IR's CFG: a Lock on every path in, with no Unlock after it; a deferred Unlock releases
//   nothing before the return). A mutex is named by its field and the variable it is reached through (`t.mu` is
//   `mu` of t): two goroutines that reach it through the same object hold the same mutex. A call that may release
//   it (a function of the module that unlocks a field of that name, or code goleash cannot see, other than a
//   method of another package's type) ends the hold, so the holds found are ones the function surely has.
// - fieldSites: every operation of a package on a struct-field channel `x.f` (sends, receives, select cases,
//   ranges, closes, through a local copy of the field too), each with the mutexes its function surely holds
//   there (from its own entry, holding nothing), or `open` when the field is handed where goleash cannot follow it.
//
// What the API table says (src/api/table.ts) decides what Lock, RLock, Unlock and RUnlock do.
import type { FuncEntry, Program } from '../index/program.js';
import type { FuncIR, Op, SelectCase, Term, Val, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { apiEffect } from '../api/table.js';
import { declaring, fieldUse } from './fields.js';
import { indexOf } from './irindex.js';
import { codeText } from './source.js';
import { calleeDecl, resolveCallee } from './summaries.js';
import { codeIn } from './mentions.js';
import { reachableFrom, receiverOf } from './goroutines.js';

/** A mutex held: field `field` of the object variable `base` refers to; `shared`: a read lock. */
export interface Hold {
  base: VarId;
  field: string;
  shared: boolean;
  /** `t.mu` as written, and where it was locked */
  text: string;
  at: Range;
  file: FileFacts;
  /** the IR id of the function that locked it */
  fn: string;
}

/** The holds at a point, by `base|field`. */
export type Held = ReadonlyMap<string, Hold>;

const EMPTY: Held = new Map();
const keyOf = (base: VarId, field: string) => `${base}|${field}`;

/** What a call op does to a mutex field: `t.mu.Lock()` and the like, for a field the index knows is a mutex. */
export function lockOp(op: Op, file: FileFacts, program: Program): { kind: 'lock' | 'unlock'; shared: boolean; base: VarId; field: string; text: string } | undefined {
  if (op.o !== 'call' || op.fn.k !== 'method') return undefined;
  const v = op.fn.recv;
  if (v.k !== 'field' || !v.base || !v.owner || v.owner.pkg !== '') return undefined;
  const ft = program.fieldType({ k: 'named', pkg: '', name: v.owner.name }, v.name, file, 0);
  if (!ft || ft.type.k !== 'named' || ft.type.pkg !== 'sync') return undefined;
  const e = apiEffect('sync', `${ft.type.name}.${op.fn.name}`);
  if (e?.k === 'lock') return { kind: 'lock', shared: e.shared, base: v.base, field: v.name, text: v.text };
  if (e?.k === 'unlock') return { kind: 'unlock', shared: false, base: v.base, field: v.name, text: v.text };
  return undefined;
}

/** Whether a method call's receiver has a type of another package (its code cannot reach this package's
 * unexported mutexes to unlock them: a sync.Cond's Wait gives its lock back before it returns). */
function foreignRecv(v: Val, file: FileFacts, program: Program): boolean {
  if (v.k === 'var') {
    const t = indexOf(file)?.vars.get(v.id)?.type;
    return (t?.k === 'named' && t.pkg !== '') || t?.k === 'ctx' || t?.k === 'chan';
  }
  if (v.k === 'field' && v.owner && v.owner.pkg === '') {
    const ft = program.fieldType({ k: 'named', pkg: '', name: v.owner.name }, v.name, file, 0);
    return !!ft && ((ft.type.k === 'named' && ft.type.pkg !== '') || ft.type.k === 'sync' || ft.type.k === 'ctx');
  }
  return v.k === 'api';
}

/** Whether a call may release a mutex field named `field` (held by its caller): it unlocks one, or calls code
 * that may, or code goleash cannot see. */
function mayUnlock(op: Op & { o: 'call' }, file: FileFacts, program: Program, field: string, depth: number, seen: Set<string>): boolean {
  if (op.fn.k === 'builtin' || op.fn.k === 'pkg') return false;
  const c = resolveCallee(op.fn, file, program);
  if (!c) return !(op.fn.k === 'method' && foreignRecv(op.fn.recv, file, program));
  const id = `${c.file.path}#${c.fn.id}`;
  if (seen.has(id)) return false;
  if (depth > 6) return true;
  seen.add(id);
  for (const b of c.fn.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'call') continue;
      const l = lockOp(o, c.file, program);
      if (l) {
        if (l.kind === 'unlock' && l.field === field) return true;
        continue;
      }
      if (mayUnlock(o, c.file, program, field, depth + 1, seen)) return true;
    }
  }
  return false;
}

function meet(a: Held, b: Held): Held {
  const out = new Map<string, Hold>();
  for (const [k, h] of a) {
    const g = b.get(k);
    if (g && g.shared === h.shared) out.set(k, h);
  }
  return out;
}

function sameHeld(a: Held, b: Held): boolean {
  if (a.size !== b.size) return false;
  for (const [k, h] of a) if (b.get(k)?.shared !== h.shared) return false;
  return true;
}

/** One step of the flow: the holds after op `o`. */
function step(held: Held, o: Op, file: FileFacts, program: Program, fn: FuncIR): Held {
  if (o.o !== 'call') return held;
  const l = lockOp(o, file, program);
  if (l) {
    const out = new Map(held);
    if (l.kind === 'lock') out.set(keyOf(l.base, l.field), { base: l.base, field: l.field, shared: l.shared, text: l.text, at: o.r, file, fn: fn.id });
    else out.delete(keyOf(l.base, l.field));
    return out;
  }
  if (held.size === 0) return held;
  let out: Map<string, Hold> | undefined;
  for (const [k, h] of held) {
    if (!mayUnlock(o, file, program, h.field, 0, new Set())) continue;
    out ??= new Map(held);
    out.delete(k);
  }
  return out ?? held;
}

export interface FlowVisitor {
  /** an op, with the holds just before it */
  op?(o: Op, held: Held, block: number): void;
  /** a block's terminator, with the holds at the end of the block */
  term?(t: Term, held: Held, block: number): void;
}

/** The holds at every operation of `fn` (entered holding `entry`); blocks no path reaches are not visited. */
export function heldFlow(fn: FuncIR, file: FileFacts, program: Program, entry: Held, visit: FlowVisitor): void {
  const into: (Held | undefined)[] = fn.blocks.map(() => undefined);
  into[0] = entry;
  const work = [0];
  const out = (b: number): Held => {
    let h = into[b]!;
    for (const o of fn.blocks[b]!.ops) h = step(h, o, file, program, fn);
    return h;
  };
  let guard = 0;
  while (work.length && guard++ < 10_000) {
    const b = work.shift()!;
    const h = out(b);
    for (const s of fn.blocks[b]!.succ) {
      const prev = into[s];
      const next = prev ? meet(prev, h) : h;
      if (prev && sameHeld(prev, next)) continue;
      into[s] = next;
      if (!work.includes(s)) work.push(s);
    }
  }
  fn.blocks.forEach((blk, b) => {
    let h = into[b];
    if (!h) return;
    for (const o of blk.ops) {
      visit.op?.(o, h, b);
      h = step(h, o, file, program, fn);
    }
    visit.term?.(blk.term, h, b);
  });
}

/** An operation on a field channel somewhere in the package, with what its function surely holds there. */
export interface FieldSite {
  kind: 'send' | 'recv' | 'close';
  /** the variable of the object whose field it is (a local copy's source), when known */
  base?: VarId;
  held: Held;
  r: Range;
  file: FileFacts;
  fn: FuncIR;
  /** where it runs: the block, and the op's index in it (the block's length for a select case or a range) */
  b: number;
  i: number;
  /** a deferred close, which runs as the function returns (what it holds then is not known: `held` is empty) */
  deferred?: true;
  /** set by heldWaits on a site that does not hold the mutex at the operation but can take it on its way there:
   * the Lock (or the call of a method that takes it), in the site's function or in the loop that calls it */
  first?: { r: Range; file: FileFacts; fn: FuncIR };
}

export interface FieldSites {
  /** the field is handed where goleash cannot follow it, written with a channel from elsewhere, or reachable from
   * other packages: its sites are not all known */
  open: boolean;
  /** every channel the package makes into the field is unbuffered (and there is at least one) */
  unbuffered: boolean;
  sites: FieldSite[];
}

const cache = new WeakMap<Program, Map<string, FieldSites>>();

/** Every operation of the package of `file` on the channel field `name` of type `owner`: a use through a value of
 * a type that declares (or embeds) that field, or of a type goleash does not know, which can only add sites. */
export function fieldSites(program: Program, file: FileFacts, owner: string, name: string): FieldSites {
  const pkg = program.packageOf(file);
  let m = cache.get(program);
  if (!m) cache.set(program, (m = new Map()));
  const key = `${pkg.key}|${owner}.${name}`;
  let fs = m.get(key);
  if (fs) return fs;
  fs = { open: false, unbuffered: false, sites: [] };
  m.set(key, fs);
  const u = fieldUse(program, file, { pkg: '', name: owner }, name);
  if (!u || u.escapes || u.returned) fs.open = true;
  const decl = declaring(pkg, owner, name, 0);
  const sameField = (t: string) => (declaring(pkg, t, name, 0) ?? decl) === decl;
  const caps = pkg.files.flatMap((f) => (f.fieldChans ?? []).filter((c) => c.field.endsWith(`.${name}`) && sameField(c.field.slice(0, -name.length - 1))).map((c) => c.cap));
  fs.unbuffered = caps.length > 0 && caps.every((c) => c === 0);
  const isF = (v: Val | undefined): v is Val & { k: 'field' } =>
    !!v && v.k === 'field' && v.name === name && (!decl || !v.owner || v.owner.pkg !== '' || sameField(v.owner.name));
  // bodies left out of the first parse hold no channel operation (see lazyBody) but may range over the field
  // through a longer selector (`for v := range x.y.f {`): fill in those of the files that have such a range. What
  // they hand on or write of the field is on their facts (FuncFact.lazyFields) until then.
  const ranges = new RegExp(`\\brange\\s+[^{\\n]*\\.\\s*${name}\\s*\\{`);
  for (const f of pkg.files) {
    if (!f.funcs.some((ff) => ff.lazy !== undefined)) continue;
    const text = codeText(program, f);
    if (text !== null && !ranges.test(text)) {
      for (const ff of f.funcs) if (ff.lazy !== undefined && (ff.lazyFields?.handed.includes(name) || ff.lazyFields?.returned.includes(name))) fs.open = true;
      continue;
    }
    for (const ff of f.funcs) if (ff.lazy !== undefined) program.funcById(f, ff.id);
  }
  for (const f of pkg.files) {
    for (const fn of f.ir ?? []) {
      // local copies of the field (`c := x.f`): their operations are the field's
      const alias = new Map<VarId, VarId | undefined>();
      for (const b of fn.blocks) for (const o of b.ops) if (o.o === 'assign' && isF(o.src)) alias.set(o.dst, o.src.base);
      const chanOf = (v: Val): { base?: VarId } | undefined => (isF(v) ? { base: v.base } : v.k === 'var' && alias.has(v.id) ? { base: alias.get(v.id) } : undefined);
      const mentions = (v: Val) => isF(v) || (v.k === 'var' && alias.has(v.id));
      heldFlow(fn, f, program, EMPTY, {
        op(o, held, b) {
          const i = fn.blocks[b]!.ops.indexOf(o);
          const add = (kind: FieldSite['kind'], ch: Val, r: Range) => {
            const c = chanOf(ch);
            if (c) fs!.sites.push({ kind, base: c.base, held, r, file: f, fn, b, i });
          };
          switch (o.o) {
            case 'send':
            case 'recv':
            case 'close':
              add(o.o, o.ch, o.r);
              return;
            case 'store':
              if (mentions(o.src)) fs!.open = true;
              if (isF(o.field) && !o.made && o.src.k !== 'nil') fs!.open = true;
              return;
            case 'handout':
              if (isF(o.field)) fs!.open = true;
              return;
            case 'escape':
              if (alias.has(o.v)) fs!.open = true;
              return;
            case 'call':
            case 'defer':
            case 'go':
              if (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && o.args[0]) {
                const c = chanOf(o.args[0]);
                if (c) fs!.sites.push({ kind: 'close', base: c.base, held: EMPTY, r: o.r, file: f, fn, b, i, deferred: true });
                return;
              }
              if (o.fn.k === 'builtin' && ['len', 'cap', 'close'].includes(o.fn.name)) return;
              if (o.args.some(mentions)) fs!.open = true;
              return;
            default:
              return;
          }
        },
        term(t, held, b) {
          const i = fn.blocks[b]!.ops.length;
          if (t.t === 'select') for (const c of t.cases) {
            const ch = chanOf(c.ch);
            if (ch) fs!.sites.push({ kind: c.kind, base: ch.base, held, r: c.r, file: f, fn, b, i });
          }
          if (t.t === 'range') {
            const ch = chanOf(t.ch);
            if (ch) fs!.sites.push({ kind: 'recv', base: ch.base, held, r: t.r, file: f, fn, b, i });
          }
        },
      });
    }
  }
  return fs;
}

/** A blocking channel operation a goroutine runs while holding a mutex that every operation able to complete it
 * must hold too. */
export interface HeldWait {
  /** the operation (a send, a receive, a range, or a select whose every case is such) */
  r: Range;
  file: FileFacts;
  fn: FuncIR;
  kind: 'send' | 'recv';
  /** the channel as written, and the operation */
  ch: string;
  code: string;
  hold: Hold;
  /** the operations that could complete it, each under the same mutex */
  others: FieldSite[];
}

/** The other sides of `kind` on the field channel `ch` when each must hold the mutex `h` (through the object
 * the channel belongs to) in a way that excludes `h`, at the operation or on its way there (see takesFirst);
 * undefined when one need not, or the field is not fully known. A receive is completed by a send or a close, so
 * both must. */
function lockedOthers(ch: Val, kind: 'send' | 'recv', h: Hold, file: FileFacts, program: Program): FieldSite[] | undefined {
  if (ch.k !== 'field' || ch.base !== h.base || !ch.owner || ch.owner.pkg !== '') return undefined;
  const fs = fieldSites(program, file, ch.owner.name, ch.name);
  if (fs.open || !fs.unbuffered) return undefined;
  // a receive is completed by a send or a close: each must be held to the mutex like the sends
  const others = fs.sites.filter((s) => (kind === 'send' ? s.kind !== 'send' : s.kind !== 'recv'));
  // a receive with no send, or a send with neither a receive nor a close, waits for nobody: not a matter of the
  // mutex
  if (!others.length) return undefined;
  const out: FieldSite[] = [];
  for (const s of others) {
    const g = s.base ? s.held.get(keyOf(s.base, h.field)) : undefined;
    if (g && !(g.shared && h.shared)) {
      out.push(s);
      continue;
    }
    // not held at the operation, but taken on the way to it: while the goroutine waits with the mutex, the other
    // side can be short of its Lock, and then it waits for the mutex instead of reaching the channel
    const first = g ? undefined : takesFirst(s, h, program);
    if (!first) return undefined;
    out.push({ ...s, first });
  }
  return out;
}

/** A Lock of mutex field `field` of the object `base` in `fn`, or a call of a method of the module on that object
 * that takes it (followed a few calls deep), with its block and index. */
function lockSites(fn: FuncIR, file: FileFacts, program: Program, base: VarId, field: string, exclusive: boolean, depth: number): { b: number; i: number; r: Range }[] {
  const out: { b: number; i: number; r: Range }[] = [];
  if (depth > 3) return out;
  fn.blocks.forEach((blk, b) =>
    blk.ops.forEach((o, i) => {
      const l = lockOp(o, file, program);
      if (l?.kind === 'lock' && l.base === base && l.field === field && (exclusive || !l.shared)) {
        out.push({ b, i, r: o.r });
        return;
      }
      if (o.o !== 'call' || o.fn.k !== 'method' || o.fn.recv.k !== 'var' || o.fn.recv.id !== base) return;
      const c = resolveCallee(o.fn, file, program);
      const recv = c && receiverOf(c.fn);
      if (c && recv && lockSites(c.fn, c.file, program, recv, field, exclusive, depth + 1).length) out.push({ b, i, r: o.r });
      // a method without channel operations has no IR: its text says whether it locks the field on its receiver
      if (!c && textLocks(program, calleeDecl(o.fn, file, program), field, exclusive)) out.push({ b, i, r: o.r });
    }),
  );
  return out;
}

/** The body of method `d` (code text: comments and strings blanked) calls `Lock` (or, unless only write locks
 * count, `RLock`) on the field `field` of its receiver. */
function textLocks(program: Program, d: FuncEntry | undefined, field: string, exclusive: boolean): boolean {
  const recv = d?.fact.recv?.name;
  if (!d || !recv || !/^[A-Za-z_]\w*$/.test(recv)) return false;
  const body = codeIn(program, d.file, d.fact.range);
  return body !== null && new RegExp(`\\b${recv}\\s*\\.\\s*${field}\\s*\\.\\s*(${exclusive ? 'R?' : ''}Lock)\\s*\\(`).test(body);
}

/**
 * Whether the function of site `s` can take the mutex of hold `h` (the same field of the site's object, in a way
 * that excludes `h`: a read lock against a read lock does not) on its way to the site's operation: a Lock that can
 * run before it (earlier in its block, or in a block from which the operation can be reached, a loop's back edge
 * included; anywhere in the function for a deferred close), or anywhere in the function when a function of the
 * package calls it on a variable inside a loop (the next iteration reaches the operation after the Lock).
 */
function takesFirst(s: FieldSite, h: Hold, program: Program): FieldSite['first'] {
  if (!s.base) return undefined;
  // against a read lock held, only a write lock waits; against a write lock, any
  const locks = lockSites(s.fn, s.file, program, s.base, h.field, !h.shared, 0);
  if (!locks.length) return undefined;
  const at = (l: { r: Range }) => ({ r: l.r, file: s.file, fn: s.fn });
  const before = locks.find((l) => s.deferred || (l.b === s.b && l.i < s.i) || reachableFrom(s.fn, s.fn.blocks[l.b]!.succ).has(s.b));
  if (before) return at(before);
  // the function is called in a loop, on the object: a Lock anywhere in it comes before the next operation
  const recv = receiverOf(s.fn);
  if (recv !== s.base) return undefined;
  for (const f of program.packageOf(s.file).files) {
    for (const caller of f.ir ?? []) {
      for (const blk of caller.blocks) {
        if (blk.loop === undefined) continue;
        for (const o of blk.ops) {
          if (o.o !== 'call' || o.fn.k !== 'method' || o.fn.recv.k !== 'var') continue;
          const c = resolveCallee(o.fn, f, program);
          if (c?.fn === s.fn) return at(locks[0]!);
        }
      }
    }
  }
  return undefined;
}

/** The waits a goroutine running `start` makes while holding a mutex every other side of the channel needs,
 * following the calls into functions of the module (a method called on the object whose mutex is held keeps
 * holding it through its receiver; a func literal sees its parent's variables by their own ids). */
export function heldWaits(start: FuncIR, file: FileFacts, program: Program): HeldWait[] {
  const found: HeldWait[] = [];
  const seen = new Set<string>();
  const walk = (fn: FuncIR, f: FileFacts, entry: Held, depth: number) => {
    const sig = `${f.path}#${fn.id}|${[...entry.keys()].sort().join(',')}`;
    if (seen.has(sig) || depth > 6) return;
    seen.add(sig);
    const judge = (ch: Val, kind: 'send' | 'recv', held: Held, text: string, code: string, r: Range): HeldWait | undefined => {
      for (const h of held.values()) {
        const others = lockedOthers(ch, kind, h, f, program);
        if (others) return { r, file: f, fn, kind, ch: text, code, hold: h, others };
      }
      return undefined;
    };
    heldFlow(fn, f, program, entry, {
      op(o, held) {
        if ((o.o === 'send' || o.o === 'recv') && held.size && o.ch.k === 'field') {
          const w = judge(o.ch, o.o, held, o.ch.text, o.o === 'send' ? o.text : `<-${o.ch.text}`, o.r);
          if (w) found.push(w);
        }
        if (o.o !== 'call') return;
        const c = resolveCallee(o.fn, f, program);
        if (!c) return;
        walk(c.fn, c.file, carry(held, o, fn, c.fn), depth + 1);
      },
      term(t, held) {
        if (!held.size) return;
        if (t.t === 'range' && t.ch.k === 'field') {
          const w = judge(t.ch, 'recv', held, t.ch.text, `range ${t.ch.text}`, t.r);
          if (w) found.push(w);
        }
        if (t.t === 'select' && t.dflt === undefined && t.cases.length) {
          // every case must be stuck under one and the same mutex
          for (const h of held.values()) {
            const each = t.cases.map((c: SelectCase) => (c.ch.k === 'field' ? lockedOthers(c.ch, c.kind, h, f, program) : undefined));
            if (each.every((x) => x)) {
              const c0 = t.cases[0]!;
              const chans = [...new Set(t.cases.map((c) => (c.ch.k === 'field' ? c.ch.text : c.text)))];
              found.push({ r: t.r, file: f, fn, kind: c0.kind, ch: chans.join(' and '), code: 'select', hold: h, others: each.flat() as FieldSite[] });
              break;
            }
          }
        }
      },
    });
  };
  walk(start, file, EMPTY, 0);
  return found;
}

/** The holds a callee starts with: a literal keeps its parent's (same variable ids); a method called on the
 * object `x` keeps the holds reached through x, through its own receiver; anything else starts with none. */
function carry(held: Held, o: Op & { o: 'call' }, caller: FuncIR, callee: FuncIR): Held {
  if (!held.size) return EMPTY;
  if (callee.parent !== undefined && callee.parent === caller.id) return held;
  if (o.fn.k !== 'method' || o.fn.recv.k !== 'var') return EMPTY;
  const from = o.fn.recv.id;
  const recv = receiverOf(callee);
  if (!recv) return EMPTY;
  const out = new Map<string, Hold>();
  for (const h of held.values()) if (h.base === from) out.set(keyOf(recv, h.field), { ...h, base: recv });
  return out;
}
