// Channel-parameter summaries, to a fixed point across the module: for each function the IR has and each of its
// parameters, what the function (with its literals, the functions it calls and the goroutines it starts) may do
// with the channel it is handed: send on it, receive from it (a receive, a select case, a range), close it, or
// let it go where goleash cannot follow (stored, returned, sent, copied, passed to code outside the module or to
// a call goleash cannot resolve). Plain data, no verdicts: the rules decide what a use means to them.
//
// A shared analysis: rules reach it through the helpers in goroutines.ts (escapesIn with a `via`), never by
// calling each other. Recursion is solved by iteration: a function met again while its own summary is being
// computed contributes what is known of it so far, and the pass is repeated until no summary grows. The facts
// only grow (false to true), so this ends, after at most one pass per fact.
import type { FuncEntry, Program } from '../index/program.js';
import type { FnRef, FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { CalleeRef, FileFacts, TypeRef } from '../parse/types.js';
import { indexOf } from './irindex.js';

export interface ChanUse {
  sends: boolean;
  recvs: boolean;
  closes: boolean;
  /** handed where the analysis cannot follow it */
  escapes: boolean;
}

export const NO_USE: Readonly<ChanUse> = Object.freeze({ sends: false, recvs: false, closes: false, escapes: false });
const UNKNOWN: Readonly<ChanUse> = Object.freeze({ sends: true, recvs: true, closes: true, escapes: true });

export interface Callee {
  fn: FuncIR;
  file: FileFacts;
}

function join(a: ChanUse, b: ChanUse): ChanUse {
  return { sends: a.sends || b.sends, recvs: a.recvs || b.recvs, closes: a.closes || b.closes, escapes: a.escapes || b.escapes };
}

function same(a: ChanUse, b: ChanUse): boolean {
  return a.sends === b.sends && a.recvs === b.recvs && a.closes === b.closes && a.escapes === b.escapes;
}

/** The function of the module a call or go op runs, when it can be known statically. */
export function resolveCallee(fn: FnRef, file: FileFacts, program: Program): Callee | undefined {
  if (fn.k === 'lit') {
    const ir = indexOf(file)?.byId.get(fn.id);
    return ir ? { fn: ir, file } : undefined;
  }
  // a variable that only ever holds one func literal of the file (`f := func() {…}; f()`) runs that literal
  if (fn.k === 'value' && fn.v.k === 'var') {
    const ix = indexOf(file);
    const lit = ix?.vars.get(fn.v.id)?.lit;
    const ir = lit ? ix?.byId.get(lit) : undefined;
    return ir ? { fn: ir, file } : undefined;
  }
  const d = calleeDecl(fn, file, program);
  const ir = d ? indexOf(d.file)?.byId.get(d.fact.id) : undefined;
  return ir && d ? { fn: ir, file: d.file } : undefined;
}

/** The declared function of the module a call names, with or without an IR of its own (see resolveCallee). */
export function calleeDecl(fn: FnRef, file: FileFacts, program: Program): FuncEntry | undefined {
  const c = fn.k === 'func' || fn.k === 'pkg' || fn.k === 'method' ? calleeRef(fn, file, program, 0) : undefined;
  const r = c ? program.resolve(c.ref, c.file) : undefined;
  return r?.k === 'func' ? r.fn : undefined;
}

/** The index's name for what a call calls, and the file to resolve it in. */
function calleeRef(fn: FnRef & { k: 'func' | 'pkg' | 'method' }, file: FileFacts, program: Program, depth: number): { ref: CalleeRef; file: FileFacts } | undefined {
  if (fn.k === 'func') return { ref: { k: 'func', name: fn.name }, file };
  if (fn.k === 'pkg') return { ref: { k: 'pkgfunc', pkg: fn.pkg, name: fn.name }, file };
  const t = typeOf(fn.recv, file, program, depth + 1);
  return t ? { ref: { k: 'method', recv: t.t, name: fn.name }, file: t.file } : undefined;
}

/** The declared type of a value the IR knows the type of: a named type, or a result of a call of the module
 * (`m, f := newFolder()`, looked up in the callee's declaration). */
function typeOf(v: Val, file: FileFacts, program: Program, depth: number): { t: TypeRef; file: FileFacts } | undefined {
  if (v.k !== 'var' || depth > 8) return undefined;
  const t = indexOf(file)?.vars.get(v.id)?.type;
  if (t?.k === 'named') return { t: { k: 'named', pkg: t.pkg, name: t.name }, file };
  if (t?.k !== 'result') return undefined;
  const c = calleeRef(t.fn, file, program, depth + 1);
  const r = c ? program.resolve(c.ref, c.file) : undefined;
  const res = r?.k === 'func' ? r.fn.fact.results[t.index] : undefined;
  return res && r?.k === 'func' ? { t: res, file: r.fn.file } : undefined;
}

function literalsOf(file: FileFacts, id: string): FuncIR[] {
  return indexOf(file)?.children.get(id) ?? [];
}

function paramId(fn: FuncIR, index: number): VarId | undefined {
  for (const [id, v] of Object.entries(fn.vars)) if (v.kind === 'param' && v.index === index) return id;
  return undefined;
}

export class Summaries {
  private final = new Map<string, ChanUse>();
  private approx = new Map<string, ChanUse>();
  private pass = new Map<string, ChanUse>();
  private visiting = new Set<string>();
  private changed = false;
  private provisional = false;

  constructor(private readonly program: Program) {}

  /** What a module function may do with its parameter `index` (UNKNOWN when it is not a channel parameter). */
  param(callee: Callee, index: number): ChanUse {
    const key = `${callee.file.path}#${callee.fn.id}#${index}`;
    const done = this.final.get(key);
    if (done) return done;
    // iterate whole passes until no summary reached in a pass grows
    for (let round = 0; round < 64; round++) {
      this.pass.clear();
      this.changed = false;
      this.provisional = false;
      const u = this.compute(callee, index, key);
      if (!this.changed || !this.provisional) {
        for (const [k, v] of this.pass) this.final.set(k, v);
        return u;
      }
    }
    return UNKNOWN;
  }

  /** What the callee of a call, defer or go op may do with its argument `arg`; undefined when it cannot be known. */
  argUse(op: Op & { o: 'call' | 'defer' | 'go' }, arg: number, file: FileFacts): ChanUse | undefined {
    const c = resolveCallee(op.fn, file, this.program);
    return c ? this.param(c, arg) : undefined;
  }

  private compute(callee: Callee, index: number, key: string): ChanUse {
    const had = this.pass.get(key);
    if (had) return had;
    if (this.visiting.has(key)) {
      this.provisional = true;
      return this.approx.get(key) ?? NO_USE;
    }
    const p = paramId(callee.fn, index);
    const t = p ? callee.fn.vars[p]!.type : undefined;
    let u: ChanUse;
    if (!p || t?.k !== 'chan') u = UNKNOWN;
    else {
      this.visiting.add(key);
      u = this.useIn(callee.fn, callee.file, p, 0);
      this.visiting.delete(key);
    }
    const before = this.approx.get(key);
    if (!same(before ?? NO_USE, u)) this.changed = true;
    this.approx.set(key, u);
    this.pass.set(key, u);
    return u;
  }

  /**
   * What `fn` (and the literals nested in it, which see the same variable) may do with its variable `id`.
   * Exported for the rules' helpers: the parent's own variable is judged the same way as a parameter.
   */
  useIn(fn: FuncIR, file: FileFacts, id: VarId, depth = 0): ChanUse {
    let u: ChanUse = { ...NO_USE };
    const is = (v: Val | undefined) => !!v && v.k === 'var' && v.id === id;
    const through = (op: Op & { o: 'call' | 'defer' | 'go' }) => {
      op.args.forEach((a, i) => {
        if (!is(a)) return;
        const c = resolveCallee(op.fn, file, this.program);
        if (!c) {
          u.escapes = true;
          return;
        }
        const key = `${c.file.path}#${c.fn.id}#${i}`;
        u = join(u, this.final.get(key) ?? this.compute(c, i, key));
      });
      if (op.fn.k === 'method' && (is(op.fn.recv) || (op.fn.recv.k === 'field' && op.fn.recv.base === id))) u.escapes = true;
      if (op.fn.k === 'value' && is(op.fn.v)) u.escapes = true;
    };
    for (const b of fn.blocks) {
      for (const o of b.ops) {
        switch (o.o) {
          case 'send':
            if (is(o.ch)) u.sends = true;
            break;
          case 'recv':
            if (is(o.ch)) u.recvs = true;
            break;
          case 'close':
            if (is(o.ch)) u.closes = true;
            break;
          case 'escape':
            if (o.v === id) u.escapes = true;
            break;
          case 'assign':
            if (is(o.src) || (o.src.k === 'field' && o.src.base === id)) u.escapes = true;
            break;
          case 'call':
          case 'defer':
            if (o.fn.k === 'builtin') {
              if (o.fn.name === 'close' && o.args.some(is)) u.closes = true;
              else if (o.fn.name !== 'len' && o.fn.name !== 'cap' && o.args.some(is)) u.escapes = true;
            } else through(o);
            break;
          case 'go':
            through(o);
            break;
        }
      }
      const t = b.term;
      if (t.t === 'select') for (const c of t.cases) if (is(c.ch)) u[c.kind === 'send' ? 'sends' : 'recvs'] = true;
      if (t.t === 'range' && is(t.ch)) u.recvs = true;
    }
    if (depth < 50) for (const lit of literalsOf(file, fn.id)) u = join(u, this.useIn(lit, file, id, depth + 1));
    return u;
  }
}

const perProgram = new WeakMap<Program, Summaries>();

/** The summaries of a program (one per Program: the facts do not change under it). */
export function summaries(program: Program): Summaries {
  let s = perProgram.get(program);
  if (!s) perProgram.set(program, (s = new Summaries(program)));
  return s;
}
