// The module-wide index: merges the facts of every file, resolves calls to declarations across files and
// packages, and computes memoized per-function summaries ("observes ctx key K", "can block, and where").
// Summaries are least fixed points: on recursion a function in progress counts as neither observing
// nor blocking, which keeps findings on the side of silence.
import path from 'node:path';
import { irOf, isNestedIn, nestedLiterals } from '../analysis/goroutines.js';
import { summaries } from '../analysis/summaries.js';
import { completedByCallback, completedByOwnGoroutines, fitsOwnBuffer, sendsBeforeEveryEnd, varOfChanKey } from '../analysis/siblings.js';
import type { BlockFact, CalleeRef, CallFact, FileFacts, FuncFact, GoFact, TypeFact, TypeRef } from '../parse/types.js';
import { ModuleMap } from './module.js';
import { readSource } from '../parse/file.js';

export interface Package {
  key: string;
  /** directory relative to the root ('' for the root itself) */
  dir: string;
  name: string;
  files: FileFacts[];
  funcs: Map<string, FuncEntry>;
  methods: Map<string, FuncEntry>;
  types: Map<string, { fact: TypeFact; file: FileFacts }>;
  /** names of types that have at least one method declared in this package */
  methodTypes: Set<string>;
  /** `T.f` -> the smallest buffer of the channels made into that struct field (0 when one has none) */
  fieldChanCaps: Map<string, number | 'dyn'>;
}

export interface FuncEntry {
  gid: string;
  /** replaced once, when a body left out of the first parse is filled in */
  fact: FuncFact;
  file: FileFacts;
  pkg: Package;
}

/** The facts of a function whose body the first parse left out (FuncFact.lazy) and of the literals in it,
 * the function's own first; null when they cannot be had. */
export type FillBody = (file: FileFacts, fn: FuncFact) => FuncFact[] | null;

export type Resolved = { k: 'func'; fn: FuncEntry } | { k: 'external'; name: string } | { k: 'unknown' };

/** Drops operations the caller knows cannot block forever; `via` is the chain of calls from the goroutine to `fn`. */
export type BlockSkip = (b: BlockFact, fn: FuncEntry, via: BlockSite['via']) => boolean;

/** One step of the path from a goroutine's function to the operation where it blocks. */
export interface BlockSite {
  block: BlockFact;
  fn: FuncEntry;
  /** calls from the goroutine's function down to `fn`, outermost first. */
  via: { call: CallFact; from: FuncEntry }[];
}

/**
 * Calls that take a ctx only to read values from it (loggers, tracing, metadata): handing ctx to them
 * does not observe cancellation. Every other call outside the module that takes ctx is assumed to honour it.
 */
export const VALUE_READER = /^(\w*FromContext\w*|FromIncomingContext|FromOutgoingContext|Value|WithValue|Ctx|Extract|(Debug|Info|Warn|Warning|Error|Log|Trace|Print)(f|w|ln)?Context)$/;

/** How deep blocking is followed into callees: deeper chains are too often drained by code we cannot see. */
export const MAX_CALL_DEPTH = 3;

export class Program {
  readonly packages = new Map<string, Package>();
  private byGid = new Map<string, FuncEntry>();
  private pkgOfFile = new Map<FileFacts, Package>();
  private observeMemo = new Map<string, boolean>();
  private blockMemo = new Map<string, BlockSite | null>();
  private inProgress = new Set<string>();

  /** bodies filled in so far (see FillBody) */
  filled = 0;

  constructor(
    readonly root: string,
    files: FileFacts[],
    readonly modules: ModuleMap = new ModuleMap(),
    private readonly fill?: FillBody,
    /** the text of a file (default: read from the disk under root) */
    private readonly readText?: (file: FileFacts) => string | null,
  ) {
    for (const f of files) this.add(f);
  }

  /**
   * Every way into a function's body goes through here (resolve, funcById): a body the first parse left out
   * is filled in before anyone reads it. If it cannot be, the function counts as opaque, like one with a
   * syntax error: it observes every ctx and blocks nowhere, which keeps findings on the side of silence.
   */
  private withBody(entry: FuncEntry): FuncEntry {
    const lazy = entry.fact;
    if (lazy.lazy === undefined) return entry;
    const facts = this.fill?.(entry.file, lazy) ?? null;
    const [main, ...lits] = facts ?? [{ ...lazy, hasError: true }];
    delete main!.lazy;
    entry.fact = main!;
    this.filled++;
    const funcs = entry.file.funcs;
    const at = funcs.indexOf(lazy);
    if (at >= 0) funcs[at] = main!;
    for (const lit of lits) {
      funcs.push(lit);
      this.byGid.set(`${entry.file.path}#${lit.id}`, { gid: `${entry.file.path}#${lit.id}`, fact: lit, file: entry.file, pkg: entry.pkg });
    }
    return entry;
  }

  private add(file: FileFacts): void {
    const dir = path.posix.dirname(file.path) === '.' ? '' : path.posix.dirname(file.path);
    const key = `${dir}#${file.pkg}`;
    let pkg = this.packages.get(key);
    if (!pkg) {
      pkg = { key, dir, name: file.pkg, files: [], funcs: new Map(), methods: new Map(), types: new Map(), methodTypes: new Set(), fieldChanCaps: new Map() };
      this.packages.set(key, pkg);
    }
    pkg.files.push(file);
    this.pkgOfFile.set(file, pkg);
    this.byImport.clear();
    for (const fn of file.funcs) {
      const entry: FuncEntry = { gid: `${file.path}#${fn.id}`, fact: fn, file, pkg };
      this.byGid.set(entry.gid, entry);
      if (fn.kind === 'func' || fn.kind === 'var') {
        if (!pkg.funcs.has(fn.name)) pkg.funcs.set(fn.name, entry);
      } else if (fn.kind === 'method' && fn.recv) {
        const k = `${fn.recv.type}.${fn.name}`;
        if (!pkg.methods.has(k)) pkg.methods.set(k, entry);
        pkg.methodTypes.add(fn.recv.type);
      }
    }
    for (const t of file.types) if (!pkg.types.has(t.name)) pkg.types.set(t.name, { fact: t, file });
    for (const fc of file.fieldChans ?? []) {
      const had = pkg.fieldChanCaps.get(fc.field);
      const num = (c: number | 'dyn') => (c === 'dyn' ? Infinity : c);
      if (had === undefined || num(fc.cap) < num(had)) pkg.fieldChanCaps.set(fc.field, fc.cap);
    }
  }

  /** The buffer every channel made into struct field `T.f` (of `file`'s package) has at least; undefined when
   * the package makes none there (the channel comes from elsewhere). */
  fieldChanCap(file: FileFacts, field: string): number | 'dyn' | undefined {
    return this.packageOf(file).fieldChanCaps.get(field);
  }

  private texts = new Map<FileFacts, string | null>();

  /** The text of a file, null when it cannot be read: for the lexical analyses (src/analysis/stream-callers.ts). */
  sourceOf(file: FileFacts): string | null {
    let t = this.texts.get(file);
    if (t === undefined) {
      t = this.readText ? this.readText(file) : readSource(path.resolve(this.root, file.path));
      this.texts.set(file, t);
    }
    return t;
  }

  packageOf(file: FileFacts): Package {
    return this.pkgOfFile.get(file)!;
  }

  funcById(file: FileFacts, id: string): FuncEntry | undefined {
    const e = this.byGid.get(`${file.path}#${id}`);
    return e && this.withBody(e);
  }

  /** The func literals that function `parentId` of `file` runs in goroutines of their own (`go func() {…}()`,
   * `g.Go(func() error {…})`), with the statements that start them. */
  startedLiterals(file: FileFacts, parentId: string): { go: GoFact; fn: FuncEntry }[] {
    return file.gos.flatMap((go) => {
      const fn = go.parent === parentId && go.callee.k === 'lit' ? this.funcById(file, go.callee.id) : undefined;
      return fn ? [{ go, fn }] : [];
    });
  }

  /** The name of the named function (or method) that encloses function `id`: literals have no stable name. */
  enclosingName(file: FileFacts, id: string): string {
    let cur = this.funcById(file, id);
    for (let i = 0; cur && cur.fact.kind === 'lit' && cur.fact.parent && i < 50; i++) cur = this.funcById(file, cur.fact.parent);
    if (!cur) return '';
    return cur.fact.recv ? `${cur.fact.recv.type}.${cur.fact.name}` : cur.fact.name;
  }

  /**
   * Whether function `id` (or the function a literal is nested in) is `main` of package main: what it starts
   * lives as long as the program, since main's return ends the process. (init is judged: nothing ends the
   * process after it.)
   */
  processLifetime(file: FileFacts, id: string): boolean {
    let cur = this.funcById(file, id);
    for (let i = 0; cur && cur.fact.kind === 'lit' && cur.fact.parent && i < 50; i++) cur = this.funcById(file, cur.fact.parent);
    if (!cur || cur.fact.kind !== 'func') return false;
    return cur.fact.name === 'main' && file.pkg === 'main';
  }

  /** The package an import path names, when it is one of the analyzed packages of a known module. */
  private byImport = new Map<string, Package | null>();

  packageByImport(importPath: string): Package | null {
    let out = this.byImport.get(importPath);
    if (out !== undefined) return out;
    out = null;
    const abs = this.modules.dirOf(importPath);
    if (abs) {
      const rel = path.relative(this.root, abs).split(path.sep).join('/');
      for (const p of this.packages.values()) if (p.dir === rel && !p.name.endsWith('_test')) out ??= p;
    }
    this.byImport.set(importPath, out);
    return out;
  }

  private inModule(importPath: string): boolean {
    return this.modules.dirOf(importPath) !== null;
  }

  // ---------- resolution ----------

  /** The function a call goes to, its body filled in (see withBody). */
  resolve(ref: CalleeRef, file: FileFacts): Resolved {
    const r = this.resolveDecl(ref, file);
    if (r.k === 'func') this.withBody(r.fn);
    return r;
  }

  /** The function a call goes to, for its signature only: a body left out stays out. */
  private resolveDecl(ref: CalleeRef, file: FileFacts): Resolved {
    const pkg = this.packageOf(file);
    switch (ref.k) {
      case 'lit': {
        const fn = this.funcById(file, ref.id);
        return fn ? { k: 'func', fn } : { k: 'unknown' };
      }
      case 'func': {
        const fn = pkg.funcs.get(ref.name);
        if (fn) return { k: 'func', fn };
        for (const imp of file.imports) {
          if (imp.name !== '.') continue;
          const dot = this.packageByImport(imp.path)?.funcs.get(ref.name);
          if (dot) return { k: 'func', fn: dot };
        }
        return { k: 'unknown' };
      }
      case 'pkgfunc': {
        const target = this.packageByImport(ref.pkg);
        if (!target) return this.inModule(ref.pkg) ? { k: 'unknown' } : { k: 'external', name: ref.name };
        const fn = target.funcs.get(ref.name);
        return fn ? { k: 'func', fn } : { k: 'unknown' };
      }
      case 'method': {
        const t = this.resolveType(ref.recv, file, 0);
        if (!t) return { k: 'unknown' };
        const fn = this.findMethod(t.pkg, t.name, ref.name, 0);
        return fn ? { k: 'func', fn } : { k: 'unknown' };
      }
      default:
        return { k: 'unknown' };
    }
  }

  /** A method of the named type, or one promoted from an embedded field. */
  private findMethod(pkg: Package, typeName: string, name: string, depth: number): FuncEntry | null {
    const m = pkg.methods.get(`${typeName}.${name}`);
    if (m) return m;
    if (depth > 3) return null;
    const t = pkg.types.get(typeName);
    if (!t) return null;
    for (const e of t.fact.embedded) {
      const et = this.resolveType(e, t.file, depth + 1);
      if (!et) continue;
      const hit = this.findMethod(et.pkg, et.name, name, depth + 1);
      if (hit) return hit;
    }
    return null;
  }

  /** The declared named type a TypeRef stands for, or null when it cannot be known (interface, builtin, external). */
  resolveType(t: TypeRef, file: FileFacts, depth: number): { pkg: Package; name: string; fact?: TypeFact; file?: FileFacts } | null {
    if (depth > 8) return null;
    switch (t.k) {
      case 'named': {
        const pkg = t.pkg === '' ? this.packageOf(file) : this.packageByImport(t.pkg);
        if (!pkg) return null;
        const decl = pkg.types.get(t.name);
        if (!decl && !pkg.methodTypes.has(t.name)) return null;
        return { pkg, name: t.name, fact: decl?.fact, file: decl?.file };
      }
      case 'result': {
        const r = this.resolveDecl(t.callee, file);
        if (r.k !== 'func') return null;
        const res = r.fn.fact.results[0];
        return res ? this.resolveType(res, r.fn.file, depth + 1) : null;
      }
      case 'field': {
        const ft = this.fieldType(t.of, t.name, file, depth + 1);
        return ft ? this.resolveType(ft.type, ft.file, depth + 1) : null;
      }
      default:
        return null;
    }
  }

  /** The declared type of field `name` of the struct type `of` (promoted fields included). */
  fieldType(of: TypeRef, name: string, file: FileFacts, depth: number): { type: TypeRef; file: FileFacts } | null {
    const st = this.resolveType(of, file, depth);
    if (!st || !st.fact || !st.file) return null;
    const f = st.fact.fields.find((x) => x.name === name);
    if (f) return { type: f.type, file: st.file };
    for (const e of st.fact.embedded) {
      const hit = this.fieldType(e, name, st.file, depth + 1);
      if (hit) return hit;
    }
    return null;
  }

  /** Whether a type, as far as the index can resolve it, is a channel type. */
  isChanType(t: TypeRef, file: FileFacts, depth = 0): boolean {
    if (depth > 8) return false;
    switch (t.k) {
      case 'chan':
        return true;
      case 'field': {
        const ft = this.fieldType(t.of, t.name, file, depth + 1);
        return ft ? this.isChanType(ft.type, ft.file, depth + 1) : false;
      }
      case 'result': {
        const r = this.resolveDecl(t.callee, file);
        const res = r.k === 'func' ? r.fn.fact.results[0] : undefined;
        return res && r.k === 'func' ? this.isChanType(res, r.fn.file, depth + 1) : false;
      }
      case 'named': {
        const d = this.resolveType(t, file, depth + 1);
        const under = d?.fact && d.fact.fields.length === 0 && d.fact.embedded.length === 1 ? d.fact.embedded[0] : undefined;
        return under && d?.file ? this.isChanType(under, d.file, depth + 1) : false;
      }
      default:
        return false;
    }
  }

  /** Whether `field:T.f` (T a type of `pkg`) names a context.Context field. */
  isCtxField(key: string, pkg: Package): boolean {
    const m = /^field:([^.]+)\.(.+)$/.exec(key);
    if (!m) return false;
    if (m[1] === '?') {
      // a field of a value whose type the facts do not know (`w.mgr.ctx`): a ctx when every type of the package
      // that declares a field of that name declares it a context.Context
      const name = m[2]!;
      const owners = [...pkg.types.values()].filter((t) => t.fact.fields.some((f) => f.name === name));
      return owners.length > 0 && owners.every((t) => t.fact.fields.find((f) => f.name === name)?.type.k === 'ctx');
    }
    const t = pkg.types.get(m[1]!);
    if (!t) return false;
    const ft = this.fieldType({ k: 'named', pkg: '', name: m[1]! }, m[2]!, t.file, 0);
    return ft?.type.k === 'ctx';
  }

  // ---------- summaries ----------

  /** Does `fn` (or anything it hands the ctx to) observe the cancellation of ctx binding `key`? */
  observes(fn: FuncEntry, key: string): boolean {
    const memoKey = `${fn.gid}|${key}`;
    const hit = this.observeMemo.get(memoKey);
    if (hit !== undefined) return hit;
    if (this.inProgress.has(memoKey)) return false;
    this.inProgress.add(memoKey);
    let result = false;
    try {
      result = this.computeObserves(fn, key);
    } finally {
      this.inProgress.delete(memoKey);
    }
    this.observeMemo.set(memoKey, result);
    return result;
  }

  private computeObserves(fn: FuncEntry, key: string): boolean {
    const f = fn.fact;
    if (f.hasError) return true; // opaque: a syntax error may hide the observation
    if (f.observes.includes(key)) return true;
    const isShared = key.startsWith('field:') || !key.startsWith(f.id + ':');
    for (const call of f.calls) {
      const carrying: number[] = [];
      call.args.forEach((a, i) => {
        if (a.ctx === key || a.done === key) carrying.push(i);
      });
      if (carrying.length === 0 && !isShared && call.callee.k !== 'lit') continue;
      const r = this.resolve(call.callee, fn.file);
      if (r.k === 'func') {
        const c = r.fn;
        for (const i of carrying) {
          const p = c.fact.params[Math.min(i, c.fact.params.length - 1)];
          if (p && this.observes(c, p.key)) return true;
        }
        // fields and captured variables keep their key across the call
        if ((key.startsWith('field:') || c.fact.kind === 'lit') && this.observes(c, key)) return true;
      } else if (carrying.length > 0) {
        // context.With*(ctx) derives a ctx with the same key; AfterFunc and Cause are recorded by the facts
        if (call.callee.k === 'pkgfunc' && call.callee.pkg === 'context') continue;
        const name = r.k === 'external' ? r.name : calleeName(call.callee);
        if (!VALUE_READER.test(name)) return true;
      }
    }
    return false;
  }

  /**
   * Where `fn` can block forever, directly or in an in-module callee; null when it cannot.
   * `skip` drops operations the caller knows cannot block (a send into a channel buffered for it); with a
   * skip nothing is memoized, since the answer depends on the go statement.
   */
  blockSite(fn: FuncEntry, skip?: BlockSkip, depth = 0, via: BlockSite['via'] = []): BlockSite | null {
    const memoKey = `block|${fn.gid}|${depth}`;
    if (!skip) {
      const hit = this.blockMemo.get(memoKey);
      if (hit !== undefined) return hit;
    }
    if (this.inProgress.has(memoKey)) return null;
    this.inProgress.add(memoKey);
    let result: BlockSite | null = null;
    try {
      result = this.computeBlock(fn, skip, depth, via);
    } finally {
      this.inProgress.delete(memoKey);
    }
    if (!skip) this.blockMemo.set(memoKey, result);
    return result;
  }

  /**
   * An operation that waits only for goroutines this function starts, which are judged where they start: a
   * receive from a channel of this function that they send on or close (collecting their results,
   * `for n > 0 { <-errs }`), or a select whose every case is such a receive or a send that takes a slot of a
   * buffered channel of this function that they give back (`case sem <- 1:`).
   */
  fanIn(fn: FuncEntry, b: BlockFact): boolean {
    const cases = b.kind === 'select' ? b.cases : (b.kind === 'recv' || b.kind === 'range-chan') && b.chan ? [{ kind: 'recv' as const, chan: b.chan }] : undefined;
    if (!cases) return false;
    const workers = this.startedLiterals(fn.file, fn.fact.id).map((s) => s.fn.fact);
    return cases.every((c) => {
      const own = fn.fact.chans.find((x) => x.key === c.chan);
      if (!own) return false;
      // a receive of their results; a send that takes a slot of a buffered channel they give back
      return c.kind === 'recv'
        ? workers.some((w) => w.chanFeeds?.some((o) => o.key === c.chan)) || this.feedsByArgument(fn, c.chan)
        : own.cap !== 0 && workers.some((w) => w.chanOps.some((o) => o.key === c.chan && o.kind === 'recv'));
    });
  }

  /** A go statement of `fn` hands the channel `key` (made by fn) as an argument to a function of the module that
   * sends on it on every way to a return or the end of its body, and lets it go nowhere else: a worker started with
   * the channel for its result (`go w.load(ctx, part, results)`; if it hangs before, that is its own finding, where
   * it starts). One that can return without sending leaves the receive waiting: that stays reported. */
  private feedsByArgument(fn: FuncEntry, key: string): boolean {
    const s = summaries(this);
    return fn.file.gos.some((g) => {
      if (g.parent !== fn.fact.id || g.callee.k === 'lit' || !g.args.some((a) => a.chanKey === key)) return false;
      const r = this.resolve(g.callee, fn.file);
      const t = r.k === 'func' ? irOf(r.fn.file, r.fn.fact.id) : undefined;
      if (r.k !== 'func' || !t) return false;
      return g.args.every((a, k) => {
        if (a.chanKey !== key) return true;
        const p = Object.keys(t.vars).find((v) => t.vars[v]!.kind === 'param' && t.vars[v]!.index === k);
        return !!p && !s.param({ fn: t, file: r.fn.file }, k).escapes && sendsBeforeEveryEnd(t, p);
      });
    });
  }

  /** A bare send on (receive from) a channel the function makes, whose other half goroutines it starts itself
   * must do on every path (see completedByOwnGoroutines in src/analysis/siblings.ts): a handshake, not a wait; or
   * a send that always finds a slot of the buffer the function gave the channel (fitsOwnBuffer). */
  completedByOwn(fn: FuncEntry, b: BlockFact): boolean {
    if ((b.kind !== 'send' && b.kind !== 'recv') || !b.chan) return false;
    const ir = irOf(fn.file, fn.fact.id);
    const id = ir && varOfChanKey(ir, b.chan);
    return !!id && (completedByOwnGoroutines(fn.file, ir, id, b.kind, this) || (b.kind === 'send' && fitsOwnBuffer(fn.file, ir, id, b.range.start)) || (b.kind === 'recv' && completedByCallback(fn.file, ir, id)));
  }

  /** `wg.Wait()` in a func literal, on a sync.WaitGroup declared by its enclosing function, which another
   * literal of that function marks done: the goroutines it waits for are judged where they start. */
  private waitsForOwnFanOut(fn: FuncEntry, b: BlockFact): boolean {
    if (b.kind === 'wait' && this.waitsForOwnWorkers(fn, b)) return true;
    if (b.kind !== 'wait' || fn.fact.kind !== 'lit' || !fn.fact.parent) return false;
    const name = /^(\w+)\.Wait\(\)$/.exec(b.text)?.[1];
    const parent = name ? irOf(fn.file, fn.fact.parent) : undefined;
    if (!parent) return false;
    const wgs = Object.entries(parent.vars).filter(([, v]) => v.name === name && v.kind === 'local' && v.type?.k === 'named' && v.type.pkg === 'sync' && v.type.name === 'WaitGroup').map(([id]) => id);
    return nestedLiterals(fn.file, parent.id).some(
      (l) => l.id !== fn.fact.id && l.blocks.some((x) => x.ops.some((o) => (o.o === 'call' || o.o === 'defer') && o.fn.k === 'method' && o.fn.name === 'Done' && o.fn.recv.k === 'var' && wgs.includes(o.fn.recv.id))),
    );
  }

  /** `wg.Wait()` on a sync.WaitGroup the function declares itself, which goroutines it starts (func literals) mark
   * done: it waits for its own workers, which are judged where they start. */
  private waitsForOwnWorkers(fn: FuncEntry, b: BlockFact): boolean {
    const name = /^(\w+)\.Wait\(\)$/.exec(b.text)?.[1];
    const ir = name ? irOf(fn.file, fn.fact.id) : undefined;
    if (!ir) return false;
    const wgs = Object.entries(ir.vars).filter(([, v]) => v.name === name && v.kind === 'local' && v.type?.k === 'named' && v.type.pkg === 'sync' && v.type.name === 'WaitGroup').map(([id]) => id);
    if (wgs.length === 0) return false;
    const started = new Set<string>();
    for (const blk of ir.blocks) for (const o of blk.ops) if (o.o === 'go' && o.fn.k === 'lit') started.add(o.fn.id);
    return nestedLiterals(fn.file, ir.id).some(
      (l) =>
        (started.has(l.id) || [...started].some((id) => isNestedIn(fn.file, l, id))) &&
        l.blocks.some((x) => x.ops.some((o) => (o.o === 'call' || o.o === 'defer') && o.fn.k === 'method' && o.fn.name === 'Done' && o.fn.recv.k === 'var' && wgs.includes(o.fn.recv.id))),
    );
  }

  /** A `for range ch` that the function reaches only after closing ch itself (`wg.Wait(); close(ch); for v :=
   * range ch`), directly or through a helper of the module that closes it: the range drains and ends. Followed
   * on the IR, along the straight line from the function's entry. */
  private rangesOverClosed(fn: FuncEntry, b: BlockFact): boolean {
    if (b.kind !== 'range-chan') return false;
    const ir = irOf(fn.file, fn.fact.id);
    if (!ir) return false;
    const closed = new Set<string>();
    const seen = new Set<number>();
    for (let i = 0; !seen.has(i); ) {
      seen.add(i);
      const blk = ir.blocks[i]!;
      for (const o of blk.ops) {
        if (o.o === 'close' && o.ch.k === 'var') closed.add(o.ch.id);
        if (o.o === 'call') {
          o.args.forEach((a, k) => {
            if (a.k === 'var' && summaries(this).argUse(o, k, fn.file)?.closes) closed.add(a.id);
          });
        }
      }
      const t = blk.term;
      if (t.t === 'range' && t.r.start.line === b.range.start.line && t.r.start.col === b.range.start.col) return t.ch.k === 'var' && closed.has(t.ch.id);
      if (blk.succ.length !== 1 || (t.t !== 'jump' && t.t !== 'loop')) return false;
      i = blk.succ[0]!;
    }
    return false;
  }

  private computeBlock(fn: FuncEntry, skip: BlockSkip | undefined, depth: number, via: BlockSite['via']): BlockSite | null {
    const f = fn.fact;
    if (f.hasError) return null;
    const direct = f.blocks.filter(
      (b) =>
        (!skip || !skip(b, fn, via)) &&
        !this.fanIn(fn, b) &&
        !this.completedByOwn(fn, b) &&
        (!b.ifChan || this.isChanType(b.ifChan, fn.file)) &&
        // in callees, a channel of a long-lived object (a struct field) is usually drained by its owner's loop,
        // and a WaitGroup.Wait waits for a fan-out the callee started (those goroutines are judged on their own)
        (depth === 0 || (!b.onField && b.kind !== 'wait')) &&
        // a func literal that waits on a WaitGroup of its enclosing function, which other goroutines of that
        // function mark done (the closer after wg.Wait()), waits for a fan-out judged where it starts
        !this.waitsForOwnFanOut(fn, b) &&
        !this.rangesOverClosed(fn, b),
    );
    const first = direct.find((b) => b.kind !== 'forever');
    if (first) return { block: first, fn, via: [] };
    if (depth >= MAX_CALL_DEPTH) return null;
    for (const call of f.calls) {
      if (call.callback || call.spawn) continue;
      const r = this.resolve(call.callee, fn.file);
      if (r.k !== 'func') continue;
      // the caller's skip can only concern the callee when a channel goes along (or the callee captures one)
      const passOn = skip && (call.callee.k === 'lit' || call.args.some((a) => a.chanKey !== undefined)) ? skip : undefined;
      const site = this.blockSite(r.fn, passOn, depth + 1, passOn ? [...via, { call, from: fn }] : []);
      if (site) return { ...site, via: [{ call, from: fn }, ...site.via] };
    }
    const forever = direct.find((b) => b.kind === 'forever');
    return forever ? { block: forever, fn, via: [] } : null;
  }
}

export function calleeName(ref: CalleeRef): string {
  switch (ref.k) {
    case 'func':
    case 'pkgfunc':
    case 'method':
      return ref.name;
    case 'lit':
      return 'func literal';
    default:
      return '';
  }
}
