// The peers of a channel operation: every operation of the module that can complete it (the receives of a send,
// the sends and closes of a receive, the closes of a range), found by following the channel's identity from the
// operation: the variable it was made into, through assignments, arguments to parameters (down into the functions
// the channel is passed to, and up from a parameter to the call that passed it, along the chain of calls from the
// go statement, or to every call of the module that passes it), a call's result (the channel its callee returns),
// a returned channel (to its callers, src/analysis/stream-callers.ts) and struct fields (`T.f` within the package,
// fieldSites in src/analysis/locks.ts). `open` when the channel can reach code the walk does not follow (stored,
// sent, handed outside the module, a parameter of a function with callers the IR cannot see): then the peers found
// are not all of them.
//
// Each peer says whether it can give up without completing (`leaves`): a select with a default, or another case
// that leads out of its function; a range with a way out of its loop; in the function that starts the goroutine, a
// way from the go statement to a return or a fatal exit that passes no peer; in a function that makes the channel,
// a way from the make to one. And whether it completes any number of operations (`repeats`): a range or a close,
// or an operation inside a loop. Plain data, no verdicts: a rule decides what peers that never give up mean to it.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, TypeName, Val, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { indexOf } from './irindex.js';
import { fieldSites } from './locks.js';
import { isVar, leavesEarly, nestedLiterals, reachableFrom } from './goroutines.js';
import { streamCallers } from './stream-callers.js';
import { resolveCallee } from './summaries.js';
import { codeText } from './source.js';
import { funcFact } from '../parse/lookup.js';

export interface PeerSite {
  kind: 'send' | 'recv' | 'close';
  file: FileFacts;
  fn: FuncIR;
  r: Range;
  leaves: boolean;
  repeats: boolean;
  /** its block in `fn` (-1 for a caller's) */
  b: number;
  /** it gives up by a decision of its own: a select with another way out, a range with an early exit, or a way out
   * from the go statement (in the parent) or from the hand-off of a channel its function makes; not merely a way
   * from its function's entry that skips it */
  gives?: boolean;
  /** a peer known only by what a caller does with a returned channel (it reads it to its close, or stops early) */
  caller?: true;
  /** the call or go op that handed the channel to the function the peer is in, when the walk came down a call */
  via?: Op;
}

export interface Peers {
  sites: PeerSite[];
  open: boolean;
  /** the channel reaches one function by more than one call or go statement, or by one inside a loop: its
   * operations there may run more than once (several goroutines running the same code, say) */
  multi: boolean;
  /** the buffers of the channels the walk met being made (a make into a variable it follows): a constant, or
   * 'dyn' when computed */
  caps: (number | 'dyn')[];
}

/** A call that runs the next function of a chain: the go op in the goroutine's parent first, then the calls down
 * to the function that holds the operation. */
export interface Hop {
  file: FileFacts;
  fn: FuncIR;
  op: Op & { o: 'go' | 'call' | 'defer' };
}

type Root =
  /** `via`: the call or go op that handed the channel to the owner's parameter, when the walk came down a call */
  | { k: 'var'; file: FileFacts; owner: FuncIR; id: VarId; via?: Op }
  | { k: 'field'; file: FileFacts; owner: string; name: string }
  | { k: 'returned'; file: FileFacts; fn: FuncIR }
  | { k: 'result'; file: FileFacts; op: Op & { o: 'call' } }
  | { k: 'param'; file: FileFacts; fn: FuncIR; index: number };

const MAX_ROOTS = 64;

/** The function of the file that declares variable `id` (a literal that captures it names it by the same id). */
function ownerOf(file: FileFacts, id: VarId): FuncIR | undefined {
  return indexOf(file)?.owners.get(id);
}

function paramOf(fn: FuncIR, index: number): VarId | undefined {
  for (const [id, v] of Object.entries(fn.vars)) if (v.kind === 'param' && v.index === index) return id;
  return undefined;
}

function declared(fn: FuncIR): boolean {
  return /^[FM]:/.test(fn.id);
}

/** Where a value names a channel: a root, or 'open' when it cannot be followed. `chain` maps a parameter of a
 * function it runs to the argument its call passes. */
function rootOf(file: FileFacts, v: Val, chain: readonly Hop[]): Root | 'open' {
  for (let guard = 0; guard < 16; guard++) {
    if (v.k === 'field') {
      const fname = v.name;
      if (v.owner) return v.owner.pkg === '' ? { k: 'field', file, owner: v.owner.name, name: v.name } : 'open';
      // an owner the IR does not know: the one type of the package that declares a field of that name
      const owner = currentProgram ? ownerType(currentProgram, file, fname, v.base) : undefined;
      return owner ? { k: 'field', file, owner, name: fname } : 'open';
    }
    if (v.k !== 'var') return 'open';
    const owner = ownerOf(file, v.id);
    const info = owner?.vars[v.id];
    if (!owner || !info) return 'open';
    if (info.kind === 'param' && info.index !== undefined) {
      // the call of the chain that runs the owner passes the argument
      let next: Hop | undefined;
      for (const h of chain) {
        const c = resolveCalleeOfHop(h);
        if (c && c.fn === owner && c.file === file) next = h;
      }
      if (!next) return { k: 'param', file, fn: owner, index: info.index };
      const a = next.op.args[info.index];
      if (!a) return 'open';
      file = next.file;
      v = a;
      chain = chain.slice(0, chain.indexOf(next));
      continue;
    }
    if (info.kind !== 'local' || info.recvFrom) return 'open';
    return { k: 'var', file, owner, id: v.id };
  }
  return 'open';
}

// the callee of a hop's op, per program (the language server keeps facts, and so ops, across programs)
const hopCallee = new WeakMap<Program, WeakMap<Hop['op'], { fn: FuncIR; file: FileFacts } | null>>();
let currentProgram: Program | undefined;

function resolveCalleeOfHop(h: Hop): { fn: FuncIR; file: FileFacts } | undefined {
  const program = currentProgram;
  if (!program) return undefined;
  let m = hopCallee.get(program);
  if (!m) hopCallee.set(program, (m = new WeakMap()));
  if (m.has(h.op)) return m.get(h.op) ?? undefined;
  const c = resolveCallee(h.op.fn, h.file, program);
  m.set(h.op, c ?? null);
  return c;
}

/** Every call, go and defer op of the module's IR that runs a function, by `path#id` of the function it runs. */
const callIndex = new WeakMap<Program, Map<string, { file: FileFacts; fn: FuncIR; op: Hop['op'] }[]>>();

function callsOf(program: Program, file: FileFacts, fn: FuncIR): { file: FileFacts; fn: FuncIR; op: Hop['op'] }[] {
  let m = callIndex.get(program);
  if (!m) {
    m = new Map();
    callIndex.set(program, m);
    for (const pkg of program.packages.values()) {
      for (const f of pkg.files) {
        for (const caller of f.ir ?? []) {
          for (const b of caller.blocks) {
            for (const o of b.ops) {
              if ((o.o !== 'call' && o.o !== 'go' && o.o !== 'defer') || o.fn.k === 'builtin' || o.args.length === 0) continue;
              if (!o.args.some((a) => a.k === 'var' || a.k === 'field')) continue;
              const c = resolveCallee(o.fn, f, program);
              if (!c) continue;
              const key = `${c.file.path}#${c.fn.id}`;
              let l = m.get(key);
              if (!l) m.set(key, (l = []));
              l.push({ file: f, fn: caller, op: o });
            }
          }
        }
      }
    }
  }
  return m.get(`${file.path}#${fn.id}`) ?? [];
}

/** From block `from` (the block after the op that starts the wait, or the op's own), whether a way leads to the end
 * of the function (a return, its end, or an exit) without passing a block `passes` accepts. */
function wayOut(fn: FuncIR, from: number[], passes: (b: number) => boolean): boolean {
  const seen = new Set<number>();
  const queue = [...from];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (passes(n)) continue;
    const t = fn.blocks[n]!.term.t;
    if (t === 'return' || t === 'end' || t === 'exit') return true;
    queue.push(...fn.blocks[n]!.succ);
  }
  return false;
}

/**
 * The peers of the channel operation at `r` (a send, a receive, a select case's, or a range's) in `fn` of `file`,
 * the function that the last hop of `chain` runs (the go statement's target when the chain is that one hop).
 */
export function peersOf(program: Program, file: FileFacts, ch: Val, chain: readonly Hop[]): Peers {
  currentProgram = program;
  const out: Peers = { sites: [], open: false, multi: false, caps: [] };
  const entered = new Map<string, number>();
  const queue: Root[] = [];
  const seen = new Set<string>();
  const parent = chain[0];
  const add = (r: Root | 'open') => {
    if (r === 'open') {
      out.open = true;
      return;
    }
    const key =
      r.k === 'var' ? `v|${r.file.path}|${r.id}` : r.k === 'field' ? `f|${program.packageOf(r.file).key}|${r.owner}.${r.name}` : r.k === 'returned' ? `r|${r.file.path}|${r.fn.id}` : r.k === 'result' ? `c|${r.file.path}|${r.op.r.start.line}:${r.op.r.start.col}` : `p|${r.file.path}|${r.fn.id}|${r.index}`;
    if (seen.has(key)) return;
    if (seen.size >= MAX_ROOTS) {
      out.open = true;
      return;
    }
    seen.add(key);
    queue.push(r);
  };
  add(rootOf(file, ch, chain));
  for (let qi = 0; qi < queue.length; qi++) {
    const root = queue[qi]!;
    switch (root.k) {
      case 'var':
        walkVar(program, root, parent, out, add, entered);
        break;
      case 'field': {
        // the channels the package's code stores into the field from a variable (`&req{reply: ch}`): their own
        // operations are the field's too (the requester's side of a reply channel)
        for (const st of storesInto(program, root.file).get(root.name) ?? []) {
          if (st.owner ? st.owner.pkg !== '' || st.owner.name !== root.owner : false) continue;
          add(rootOf(st.file, { k: 'var', id: st.src }, []));
        }
        const fs = fieldSites(program, root.file, root.owner, root.name);
        if (fs.open) out.open = true;
        for (const s of fs.sites) {
          const blk = s.fn.blocks[s.b]!;
          const t = blk.term;
          if (s.i >= blk.ops.length && t.t === 'range') out.sites.push(siteOf({ kind: 'recv', file: s.file, fn: s.fn, r: s.r, b: s.b, repeats: true }, parent, leavesEarly(s.fn, s.b)));
          else if (s.i >= blk.ops.length && t.t === 'select') {
            const c = t.cases.find((x) => x.r.start.line === s.r.start.line && x.r.start.col === s.r.start.col);
            out.sites.push(siteOf({ kind: s.kind, file: s.file, fn: s.fn, r: s.r, b: s.b, repeats: blk.loop !== undefined }, parent, !!c && selectLeaves(s.fn, s.b, c), undefined, !c));
          } else if (s.kind === 'close' && s.deferred) out.sites.push({ kind: 'close', file: s.file, fn: s.fn, r: s.r, b: s.b, leaves: wayOut(s.fn, [0], (n) => n === s.b), repeats: true });
          else if (s.kind === 'close') out.sites.push(siteOf({ kind: 'close', file: s.file, fn: s.fn, r: s.r, b: s.b, repeats: true }, parent, false));
          else out.sites.push(siteOf({ kind: s.kind, file: s.file, fn: s.fn, r: s.r, b: s.b, repeats: blk.loop !== undefined }, parent, false));
        }
        break;
      }
      case 'returned': {
        const sc = declared(root.fn) ? streamCallers(program, root.file, root.fn.id) : undefined;
        if (!sc) {
          out.open = true;
          break;
        }
        for (const s of sc.sites) {
          if (s.how === 'drains') out.sites.push({ kind: 'recv', file: root.file, fn: root.fn, r: s.range, b: -1, leaves: false, repeats: true, caller: true });
          else if (s.how === 'stops' || s.how === 'drops') out.sites.push({ kind: 'recv', file: root.file, fn: root.fn, r: s.range, b: -1, leaves: true, repeats: true, caller: true });
          else out.open = true;
        }
        break;
      }
      case 'result': {
        const c = resolveCallee(root.op.fn, root.file, program);
        if (!c) {
          out.open = true;
          break;
        }
        let found = false;
        for (const f of [c.fn, ...nestedLiterals(c.file, c.fn.id)]) {
          for (const b of f.blocks) {
            for (const o of b.ops) {
              if (o.o === 'escape' && o.how === 'return' && f === c.fn) (found = true), add(rootOf(c.file, { k: 'var', id: o.v }, []));
              if (o.o === 'handout' && o.how === 'return' && f === c.fn) (found = true), add(rootOf(c.file, o.field, []));
            }
          }
        }
        if (!found) out.open = true;
        break;
      }
      case 'param': {
        // every call of the module that runs the function passes its channel; one that other code can call is open
        const calls = callsOf(program, root.file, root.fn);
        if (calls.length === 0 || !/^[FM]:(?:[^.]*\.)?[a-z_]/.test(root.fn.id)) out.open = true;
        for (const c of calls) {
          const a = c.op.args[root.index];
          if (a) add(rootOf(c.file, a, []));
          else out.open = true;
        }
        break;
      }
    }
  }
  out.sites = out.sites.map(deferredClose);
  return out;
}

/** A close in a func literal its function defers (`defer func() { …; close(ch) }()`) runs as that function returns,
 * like `defer close(ch)`: the site is the defer, in the function, given up only when a way from its entry skips the
 * defer or the literal can end without the close. */
function deferredClose(s: PeerSite): PeerSite {
  if (s.kind !== 'close' || !s.fn.parent || /^[FMV]:/.test(s.fn.id)) return s;
  const outer = indexOf(s.file)?.byId.get(s.fn.parent);
  if (!outer) return s;
  for (let bi = 0; bi < outer.blocks.length; bi++) {
    for (const o of outer.blocks[bi]!.ops) {
      if (o.o !== 'defer' || o.fn.k !== 'lit' || o.fn.id !== s.fn.id) continue;
      const skips = wayOut(outer, [0], (n) => n === bi) || (s.b >= 0 && wayOut(s.fn, [0], (n) => n === s.b));
      return { ...s, fn: outer, b: bi, r: o.r, leaves: skips, gives: skips };
    }
  }
  return s;
}

const stores = new WeakMap<Program, Map<string, Map<string, { file: FileFacts; src: VarId; owner?: TypeName }[]>>>();

/** Per package: the variables its code stores into each field name (`x.f = v`, `T{f: v}`), with the field's owner
 * type when the IR knows it. Built once per program and package. */
function storesInto(program: Program, file: FileFacts): Map<string, { file: FileFacts; src: VarId; owner?: TypeName }[]> {
  const pkg = program.packageOf(file);
  let perPkg = stores.get(program);
  if (!perPkg) stores.set(program, (perPkg = new Map()));
  let m = perPkg.get(pkg.key);
  if (m) return m;
  m = new Map();
  perPkg.set(pkg.key, m);
  for (const f of pkg.files) {
    for (const fn of f.ir ?? []) {
      for (const b of fn.blocks) {
        for (const o of b.ops) {
          const into = o.o === 'store' ? o.field : o.o === 'escape' ? o.into : undefined;
          const src = o.o === 'store' ? (o.src.k === 'var' ? o.src.id : undefined) : o.o === 'escape' ? o.v : undefined;
          if (!into || src === undefined) continue;
          const l = m.get(into.name) ?? [];
          l.push({ file: f, src, ...(into.owner ? { owner: into.owner } : {}) });
          m.set(into.name, l);
        }
      }
    }
  }
  return m;
}

/** A select case gives up its wait when the select has a default, or another case's body leads out of the function. */
function selectLeaves(fn: FuncIR, b: number, c: { to: number }): boolean {
  const t = fn.blocks[b]!.term;
  if (t.t !== 'select') return true;
  if (t.dflt !== undefined) return true;
  return t.cases.some((o) => o !== c && o.to !== c.to && wayOut(fn, [o.to], (n) => n === b));
}

/** A plain operation gives up when, from where its function starts the wait (the go statement in the goroutine's
 * parent, or the make of the channel in the function that makes it), a way leads out without passing it. */
/** Where a function starts waiting on a channel it makes: once it hands the channel (or a request carrying it) to
 * its peers: a send on another channel (a plain send, or a select's send case taken), or a call or go statement it
 * passes the channel to; without such a hand-off, once it makes it. `here`: blocks where the start is itself. */
interface Starts {
  from: number[];
  here: Set<number>;
}

function startsIn(fn: FuncIR, id: VarId): Starts | undefined {
  const makes: number[] = [];
  fn.blocks.forEach((blk, bi) => {
    if (blk.ops.some((o) => o.o === 'make' && o.dst === id)) makes.push(bi);
  });
  if (makes.length === 0) return undefined;
  const after = reachableFrom(fn, makes);
  const from: number[] = [];
  const here = new Set<number>();
  for (const bi of after) {
    const blk = fn.blocks[bi]!;
    const hands = blk.ops.some(
      (o) => (o.o === 'send' && !isVar(o.ch, id)) || ((o.o === 'call' || o.o === 'go') && o.fn.k !== 'builtin' && o.args.some((a) => isVar(a, id))),
    );
    if (hands) here.add(bi), from.push(...blk.succ);
    const t = blk.term;
    if (t.t === 'select') for (const c of t.cases) if (c.kind === 'send' && !isVar(c.ch, id)) from.push(c.to);
  }
  if (from.length === 0 && here.size === 0) {
    for (const m of makes) here.add(m), from.push(...fn.blocks[m]!.succ);
  }
  return { from, here };
}

/** A plain operation gives up when, from where its function starts the wait (the go statement in the goroutine's
 * parent; the hand-off of a channel the function makes, see startsIn; else the function's entry), a way leads out
 * without passing it. */
function plainLeaves(fn: FuncIR, b: number, file: FileFacts, parent: Hop | undefined, starts?: Starts): boolean {
  const from: number[] = [];
  if (parent && parent.fn === fn && parent.file === file) {
    const gb = fn.blocks.findIndex((blk) => blk.ops.includes(parent.op));
    if (gb >= 0) {
      if (gb === b) return false;
      from.push(...fn.blocks[gb]!.succ);
    }
  } else if (starts) {
    if (starts.here.has(b)) return false;
    from.push(...starts.from);
  } else {
    // elsewhere, from the function's entry: a function that can return without the operation may give up on it
    from.push(0);
  }
  return wayOut(fn, from, (n) => n === b);
}

/** A peer site whose giving up comes from its own shape (`intrinsic`: a select's other way out, a range's early exit;
 * `forced`: a site the walk cannot place, taken as giving up) or from a way out of its function that skips it
 * (plainLeaves, from `starts`). Only a way out from where the wait starts (the go statement in the parent, the
 * hand-off of a channel the function makes) is a decision of the peer's own (`gives`); one from the function's entry
 * is not. */
function siteOf(
  base: Omit<PeerSite, 'leaves' | 'gives'>,
  parent: Hop | undefined,
  intrinsic: boolean,
  starts?: Starts,
  forced = false,
): PeerSite {
  const plain = plainLeaves(base.fn, base.b, base.file, parent, starts);
  return { ...base, leaves: forced || intrinsic || plain, gives: intrinsic || ((isParent(base.fn, base.file, parent) || !!starts) && plain) };
}

function walkVar(program: Program, root: Root & { k: 'var' }, parent: Hop | undefined, out: Peers, add: (r: Root | 'open') => void, entered: Map<string, number>): void {
  const before = out.sites.length;
  walkVarSites(program, root, parent, out, add, entered);
  if (root.via) for (let i = before; i < out.sites.length; i++) out.sites[i] = { ...out.sites[i]!, via: root.via };
}

function walkVarSites(program: Program, root: Root & { k: 'var' }, parent: Hop | undefined, out: Peers, add: (r: Root | 'open') => void, entered: Map<string, number>): void {
  const { file, id } = root;
  const fns = [root.owner, ...nestedLiterals(file, root.owner.id)];
  for (const fn of fns) {
    const makes = startsIn(fn, id);
    for (const blk of fn.blocks) for (const o of blk.ops) if (o.o === 'make' && o.dst === id) out.caps.push(o.cap);
    fn.blocks.forEach((blk, bi) => {
      for (const o of blk.ops) {
        switch (o.o) {
          case 'send':
          case 'recv':
            if (isVar(o.ch, id)) out.sites.push(siteOf({ kind: o.o, file, fn, r: o.r, b: bi, repeats: blk.loop !== undefined }, parent, false, makes));
            break;
          case 'close':
            if (isVar(o.ch, id)) out.sites.push(siteOf({ kind: 'close', file, fn, r: o.r, b: bi, repeats: true }, parent, false, makes));
            break;
          case 'assign':
            if (o.derive) break;
            if (isVar(o.src, id)) add(rootOf(file, { k: 'var', id: o.dst }, []));
            else if (o.dst === id) add(rootOf(file, o.src, []));
            break;
          case 'escape':
            if (o.v !== id) break;
            if (o.how === 'return' && declared(fn)) add({ k: 'returned', file, fn });
            else if (o.how === 'store' && o.into) add(rootOf(file, o.into, []));
            else out.open = true;
            break;
          case 'call':
          case 'defer':
          case 'go': {
            if (o.o === 'call' && o.res?.includes(id)) add({ k: 'result', file, op: o });
            if (!o.args.some((a) => isVar(a, id)) && !(o.fn.k === 'method' && isVar(o.fn.recv, id))) break;
            if (o.fn.k === 'builtin') {
              if (o.fn.name === 'close') out.sites.push({ kind: 'close', file, fn, r: o.r, b: bi, leaves: o.o === 'defer' ? wayOut(fn, [0], (n) => n === bi) : plainLeaves(fn, bi, file, parent, makes), repeats: true });
              else if (o.fn.name !== 'len' && o.fn.name !== 'cap') out.open = true;
              break;
            }
            if (o.fn.k === 'method' && isVar(o.fn.recv, id)) {
              out.open = true;
              break;
            }
            const c = resolveCallee(o.fn, file, program);
            if (!c) {
              out.open = true;
              break;
            }
            o.args.forEach((a, i) => {
              if (!isVar(a, id)) return;
              // a literal run in place or as a goroutine sees the variable itself when it captures it; as an argument,
              // its parameter is the channel's other name
              const p = paramOf(c.fn, i);
              if (!p) return void (out.open = true);
              const k = `${c.file.path}|${p}`;
              entered.set(k, (entered.get(k) ?? 0) + 1);
              if ((entered.get(k) ?? 0) > 1 || blk.loop !== undefined) out.multi = true;
              add({ k: 'var', file: c.file, owner: c.fn, id: p, via: o });
            });
            break;
          }
          default:
            break;
        }
      }
      const t = blk.term;
      if (t.t === 'select') {
        for (const c of t.cases) if (isVar(c.ch, id)) out.sites.push(siteOf({ kind: c.kind, file, fn, r: c.r, b: bi, repeats: blk.loop !== undefined }, parent, selectLeaves(fn, bi, c), makes));
      } else if (t.t === 'range' && isVar(t.ch, id)) {
        out.sites.push(siteOf({ kind: 'recv', file, fn, r: t.r, b: bi, repeats: true }, parent, leavesEarly(fn, bi), makes));
      }
    });
  }
}

/** The IR of the channel operation of `fn` that starts at `at` (a send, a receive, a select, a range): the channels
 * it waits on, with the kind of peer each needs. */
export function waitsAt(fn: FuncIR, at: { line: number; col: number }): { ch: Val; need: 'recv' | 'send' | 'close' }[] | undefined {
  const here = (r: Range) => r.start.line === at.line && r.start.col === at.col;
  for (const blk of fn.blocks) {
    for (const o of blk.ops) {
      if (o.o === 'send' && here(o.r)) return [{ ch: o.ch, need: 'recv' }];
      if (o.o === 'recv' && here(o.r)) return [{ ch: o.ch, need: 'send' }];
    }
    const t = blk.term;
    if (t.t === 'select' && here(t.r) && t.dflt === undefined) return t.cases.map((c) => ({ ch: c.ch, need: c.kind === 'send' ? 'recv' : 'send' }));
    if (t.t === 'range' && here(t.r)) return [{ ch: t.ch, need: 'close' }];
  }
  return undefined;
}

/**
 * Whether the peers of a wait surely complete it: every peer of the channel is known, there is at least one, none
 * can give up, and when the wait can happen more than once (`many`: in a loop, or in goroutines started in a loop)
 * some peer completes any number of them. A wait on a select is completed when one of its cases is.
 */
export function completedByPeers(program: Program, file: FileFacts, fn: FuncIR, at: { line: number; col: number }, chain: readonly Hop[], many: boolean): boolean {
  const waits = waitsAt(fn, at);
  if (!waits || waits.length === 0) return false;
  return waits.some((w) => {
    if (w.ch.k === 'done' || w.ch.k === 'api' || w.ch.k === 'nil') return false;
    const p = peersOf(program, file, w.ch, chain);
    if (p.open) return false;
    // a receive is completed by a send or a close; a range only by a close; a send only by a receive
    const useful = p.sites.filter((s) => (w.need === 'close' ? s.kind === 'close' : w.need === 'send' ? s.kind === 'send' || s.kind === 'close' : s.kind === 'recv'));
    const own = useful.filter((s) => !(s.fn === fn && s.file === file));
    // a close that surely runs and cannot be skipped completes every receive, whatever the senders do
    if (w.need !== 'recv' && own.some((s) => s.kind === 'close' && !s.leaves && ranByParent(program, chain[0], s))) return true;
    if (own.length === 0 || own.some((s) => s.leaves)) return false;
    // and one of them surely runs: in the goroutine's parent, or in a function the parent runs on every way, or
    // at every call site of a function that returns the channel
    const sure = own.filter((s) => s.caller || ranByParent(program, chain[0], s));
    if (sure.length === 0) return false;
    // other operations of the same kind compete for the peers: one receive cannot answer two senders
    const rival = w.need === 'recv' ? 'send' : w.need === 'send' ? 'recv' : undefined;
    const rivals = rival !== undefined && p.sites.some((s) => s.kind === rival && !(s.fn === fn && s.file === file && s.r.start.line === at.line && s.r.start.col === at.col));
    return !(many || rivals || p.multi) || sure.some((s) => s.repeats);
  });
}

/** The chain from a goroutine's go op down a list of calls (each `{ file, fnId, at }`: the call at `at` in the function
 * `fnId` of `file`), as hops; undefined when a call has no op in its function's IR. */
export function chainOf(goHop: Hop, calls: readonly { file: FileFacts; fnId: string; at: { line: number; col: number } }[]): Hop[] | undefined {
  const out: Hop[] = [goHop];
  for (const c of calls) {
    const fn = indexOf(c.file)?.byId.get(c.fnId);
    if (!fn) return undefined;
    let op: Hop['op'] | undefined;
    for (const b of fn.blocks) for (const o of b.ops) if ((o.o === 'call' || o.o === 'defer' || o.o === 'go') && o.r.start.line === c.at.line && o.r.start.col === c.at.col) op = o;
    if (!op) return undefined;
    out.push({ file: c.file, fn, op });
  }
  return out;
}

/** The peer runs whenever the goroutine's parent does: it is in the parent itself (after the go statement, on every
 * way on from it: its `leaves` says so), or in a function the parent calls, defers or starts on every way through it. */
function ranByParent(program: Program, parent: Hop | undefined, s: PeerSite): boolean {
  if (!parent) return false;
  if (s.fn === parent.fn && s.file === parent.file) return true;
  const p = parent.fn;
  for (let bi = 0; bi < p.blocks.length; bi++) {
    for (const o of p.blocks[bi]!.ops) {
      if ((o.o !== 'call' && o.o !== 'go' && o.o !== 'defer') || o.fn.k === 'builtin') continue;
      // the call that handed the channel to the peer's function, when the walk came down one (another call of the
      // same function passes another channel)
      if (s.via && o !== s.via) continue;
      const c = resolveCallee(o.fn, parent.file, program);
      if (!c || c.fn !== s.fn || c.file !== s.file) continue;
      if (!wayOut(p, [0], (n) => n === bi)) return !waitsBefore(s.fn, s.b, s.r);
    }
  }
  return false;
}

/** Whether `fn` can wait on something else before the operation at `r` in block `b`: a blocking channel operation
 * (a send, a receive, a select without default, a range over a channel) on a way from its entry to it. */
function waitsBefore(fn: FuncIR, b: number, r: Range): boolean {
  if (b < 0) return false;
  const reach = new Set<number>();
  const q = [0];
  for (let i = 0; i < q.length; i++) {
    const n = q[i]!;
    if (reach.has(n) || n === b) continue;
    reach.add(n);
    q.push(...fn.blocks[n]!.succ);
  }
  const before = (x: Range) => x.start.line < r.start.line || (x.start.line === r.start.line && x.start.col < r.start.col);
  const blocking = (n: number, only?: boolean) => {
    const blk = fn.blocks[n]!;
    if (blk.ops.some((o) => (o.o === 'send' || o.o === 'recv') && (!only || before(o.r)))) return true;
    if (only) return false;
    return (blk.term.t === 'select' && blk.term.dflt === undefined) || blk.term.t === 'range';
  };
  // the blocks on a way from the entry to b (reached from the entry without passing b), and b's own ops before it
  for (const n of reach) if (blocking(n)) return true;
  return blocking(b, true);
}

/**
 * Whether a peer of the wait at `at` can give up on it: some operation that can do its other half may leave without
 * doing it (a select with another way out, a range with an early exit, a way to a return that skips it). Evidence
 * that the wait can be abandoned, for a channel held in a struct field, where the peers goleash finds need not be all.
 */
export function abandonedByPeers(program: Program, file: FileFacts, fn: FuncIR, at: { line: number; col: number }, chain: readonly Hop[]): PeerSite | undefined {
  const waits = waitsAt(fn, at);
  if (!waits || waits.length === 0) return undefined;
  let hit: PeerSite | undefined;
  for (const w of waits) {
    if (w.ch.k !== 'field') return undefined;
    const p = peersOf(program, file, w.ch, chain);
    // a send blocks on a long-lived field's channel before its buffer is full only when it has none: every channel the
    // package makes into the field (or stores into it from a variable it made) must be unbuffered (goleash does not
    // count sends against a field's buffer)
    if (w.need === 'recv') {
      const root = rootOf(file, w.ch, chain);
      const direct = root !== 'open' && root.k === 'field' ? program.fieldChanCap(file, `${root.owner}.${root.name}`) : undefined;
      const caps = [...p.caps, ...(direct === undefined ? [] : [direct])];
      if (caps.length === 0 || caps.some((c) => c !== 0)) return undefined;
    }
    const useful = p.sites.filter((s) => !s.caller && (w.need === 'close' ? s.kind === 'close' : w.need === 'send' ? s.kind === 'send' || s.kind === 'close' : s.kind === 'recv'));
    const gives = useful.find((s) => s.gives && !(s.fn === fn && s.file === file));
    // every case of a select must be one a peer can abandon
    if (!gives) return undefined;
    hit ??= gives;
  }
  return hit;
}

/** The type of the package that declares field `name`, for a selector whose operand's type the IR does not know:
 * the one type that declares it, or, of several, the one named in the function that holds the operand (`batch :=
 * []*writeReq{r}`), or else in the declaration of that function's receiver type (`reqs chan lookupReq`). */
function ownerType(program: Program, file: FileFacts, name: string, base: VarId | undefined): string | undefined {
  const pkg = program.packageOf(file);
  const all = [...pkg.types.values()].filter((t) => t.fact.fields.some((f) => f.name === name));
  if (all.length <= 1) return all[0]?.fact.name;
  const fn = base ? ownerOf(file, base) : undefined;
  if (!fn) return undefined;
  let decl = funcFact(file, fn.id);
  for (let i = 0; decl && decl.kind === 'lit' && decl.parent && i < 20; i++) decl = funcFact(file, decl.parent);
  const text = codeText(program, file);
  if (!decl || text === null) return undefined;
  const lines = text.split('\n');
  const slice = (r: Range) => lines.slice(r.start.line - 1, r.end.line).join('\n');
  const named = (t: string, where: string) => new RegExp(`(?<![\\w.])${t}(?!\\w)`).test(where);
  const inFn = all.filter((t) => named(t.fact.name, slice(decl!.range)));
  if (inFn.length === 1) return inFn[0]!.fact.name;
  const recv = decl.recv ? pkg.types.get(decl.recv.type) : undefined;
  if (!recv) return undefined;
  const rtext = codeText(program, recv.file)?.split('\n').slice(recv.fact.range.start.line - 1, recv.fact.range.end.line).join('\n');
  const inRecv = rtext ? all.filter((t) => named(t.fact.name, rtext)) : [];
  return inRecv.length === 1 ? inRecv[0]!.fact.name : undefined;
}

function isParent(fn: FuncIR, file: FileFacts, parent: Hop | undefined): boolean {
  return !!parent && parent.fn === fn && parent.file === file;
}
