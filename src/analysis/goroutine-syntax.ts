// What the rules share about a go statement: the function it runs, the contexts it gets from its parent, and
// which of its channel operations the parent provably completes (buffers, drains, closes).
import type { BlockSite, BlockSkip, FuncEntry, Program } from '../index/program.js';
import { posBefore, type BlockFact, type ChanOpFact, type FileFacts, type FuncFact, type Range } from '../parse/types.js';
import type { GoStmt } from '../rules/types.js';
import { goOpOf, irOf, isVar, reachableFrom, varInfo } from './goroutines.js';
import { apiEffect } from '../api/table.js';
import { maxSends } from './leave.js';
import type { FuncIR, Op, SelectCase, Val, VarId } from '../ir/types.js';
import { startedOnce } from './lifetime.js';
import { sendsSettled } from './settle.js';
import { alwaysStarts, answeredByParent, closedBySiblingField, namesIn, receivedPerElement, settledBySibling, varOfChanKey } from './siblings.js';

export interface CtxInput {
  /** the ctx binding key inside the goroutine's function */
  key: string;
  /** the name the parent knows it by (ctx, c.ctx, ...) */
  name: string;
  how: 'receives' | 'captures';
}

/** The function a go statement runs, when its body is in the analyzed code. */
export function goTarget(stmt: GoStmt, program: Program): FuncEntry | null {
  const r = program.resolve(stmt.fact.callee, stmt.file);
  return r.k === 'func' ? r.fn : null;
}

/** The contexts a goroutine gets from its parent: ctx arguments, captured ctx variables, ctx fields it reads. */
export function ctxInputs(stmt: GoStmt, target: FuncEntry, program: Program): CtxInput[] {
  const out: CtxInput[] = [];
  const g = stmt.fact;
  const params = target.fact.params;
  g.args.forEach((a, i) => {
    if (a.background || (a.ctx && boundToBackground(stmt, a.ctx, program))) return;
    const p = params[Math.min(i, params.length - 1)];
    if (!p) return;
    if (p.type.k !== 'ctx' && a.done === undefined) return;
    const name = (a.ctx && g.ctxNames[a.ctx]) || (a.done && g.ctxNames[a.done]) || a.text.replace(/\.Done\(\)$/, '');
    out.push({ key: p.key, name, how: 'receives' });
  });
  if (target.fact.kind === 'lit') {
    for (const ref of target.fact.refs) {
      const name = g.ctxNames[ref];
      if (name !== undefined) out.push({ key: ref, name, how: 'captures' });
    }
  }
  const pkg = target.pkg;
  for (const ref of target.fact.refs) {
    if (ref.startsWith('field:') && program.isCtxField(ref, pkg)) {
      const field = ref.slice(ref.indexOf('.') + 1);
      // named as the parent sees it (`t.ctx` for `go t.wait()`), else as the method does
      const owner = /^(.+)\.\w+$/.exec(g.calleeText)?.[1] ?? target.fact.recv?.name;
      // a field of a field (`w.mgr.ctx`, its owner unknown to the facts) is named by itself
      out.push({ key: ref, name: owner && !ref.startsWith('field:?.') ? `${owner}.${field}` : field, how: 'receives' });
    }
  }
  return out;
}

/**
 * A ctx parameter of the literal that encloses the go statement, which every go statement or call starting that
 * literal binds to context.Background() or TODO(): never cancelled, so there is no cancellation to miss.
 */
function boundToBackground(stmt: GoStmt, key: string, program: Program): boolean {
  const parent = program.funcById(stmt.file, stmt.fact.parent);
  if (!parent || parent.fact.kind !== 'lit') return false;
  const index = parent.fact.params.findIndex((p) => p.key === key);
  if (index < 0) return false;
  const id = parent.fact.id;
  const sites = [
    ...stmt.file.gos.filter((g) => g.callee.k === 'lit' && g.callee.id === id).map((g) => g.args[index]),
    ...stmt.file.funcs.flatMap((f) => f.calls.filter((c) => c.callee.k === 'lit' && c.callee.id === id).map((c) => c.args[index])),
  ];
  return sites.length > 0 && sites.every((a) => a?.background === true);
}

/** The go statement runs in a func literal handed to a `sync.Once`'s Do (per the API table): it starts one
 * goroutine for the life of the program (a signal handler set up on first use), not one per call, so what it
 * misses of a context is no growing leak. */
export function startedOncePerProgram(stmt: GoStmt): boolean {
  const parent = irOf(stmt.file, stmt.fact.parent);
  return !!parent && startedOnce(stmt.file, parent);
}

/** The IR variable a facts key names: `fnId:name@line:col` (a ctx binding), `fnId:name@line` (a channel made
 * there), or `fnId:name` (a parameter of fnId). */
function irVarOfKey(file: FileFacts, key: string): VarId | undefined {
  const m = /^(.*):([^:@]+)(@\d+(?::\d+)?)?$/.exec(key);
  const decl = m ? irOf(file, m[1]!) : undefined;
  if (!m || !decl) return undefined;
  if (!m[3]) return Object.keys(decl.vars).find((v) => decl.vars[v]!.kind === 'param' && decl.vars[v]!.name === m[2]);
  if (m[3].includes(':')) return decl.vars[m[2]! + m[3]] ? m[2]! + m[3] : undefined;
  return varOfChanKey(decl, key);
}

/**
 * A wait handed off at cancellation: the parent waited in a select for the channel the goroutine blocks on, or
 * for the Done of the goroutine's ctx, and starts the goroutine only in the Done case's body (on every path to
 * the go statement): the goroutine takes over the wait the cancelled caller gave up, with a ctx that is already
 * cancelled (watching it would end the goroutine at once). Whether that wait ends is the channel's business, not
 * a missed cancellation.
 */
export function handedOffAtDone(stmt: GoStmt, target: FuncEntry, input: CtxInput, site: BlockSite): boolean {
  const b = site.block;
  if (site.via.length > 0 || site.fn !== target || (b.kind !== 'send' && b.kind !== 'recv')) return false;
  const parent = irOf(stmt.file, stmt.fact.parent);
  const op = parent && goOpOf(parent, stmt.fact);
  const chKey = parentChanKey(stmt, target, b.chan);
  const ch = chKey ? irVarOfKey(stmt.file, chKey) : undefined;
  if (!parent || !op || !ch) return false;
  let ctx: VarId | undefined;
  if (input.how === 'receives') {
    const i = target.fact.params.findIndex((p) => p.key === input.key);
    const arg = i >= 0 ? op.args[i] : undefined;
    ctx = arg?.k === 'var' ? arg.id : undefined;
  } else if (!input.key.startsWith('field:')) ctx = irVarOfKey(stmt.file, input.key);
  const kind = b.kind;
  return !!ctx && onlyAfterDoneCase(parent, op, ctx, (c) => c.kind === kind && isVar(c.ch, ch));
}

/** Every path from the entry of `fn` to `op` takes the `<-ctx.Done()` case of a select that also has a case
 * `waits` accepts. */
function onlyAfterDoneCase(fn: FuncIR, op: Op, ctx: VarId, waits: (c: SelectCase) => boolean): boolean {
  const at = fn.blocks.findIndex((b) => b.ops.includes(op));
  if (at < 0 || !reachableFrom(fn, [0]).has(at)) return false;
  const isDone = (v: Val) => v.k === 'done' && isVar(v.ctx, ctx);
  const seen = new Set<number>([0]);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const b = fn.blocks[queue[i]!]!;
    if (b.ops.includes(op)) return false;
    const t = b.term;
    const handing = t.t === 'select' && t.cases.some(waits);
    b.succ.forEach((s, k) => {
      if (handing && t.t === 'select' && k < t.cases.length && t.cases[k]!.kind === 'recv' && isDone(t.cases[k]!.ch)) return;
      if (!seen.has(s)) seen.add(s), queue.push(s);
    });
  }
  return true;
}

/** How the goroutine's own code names a ctx input (its param name, the captured name, recv.field). */
export function ctxExprInTarget(target: FuncEntry, input: CtxInput): string {
  return target.fact.params.find((p) => p.key === input.key)?.name ?? input.name;
}

/**
 * The ctx expression a fix may write in the target, when goleash is sure of it: a named context.Context parameter
 * of the target, or a context variable a func literal captures by a plain name. Not an unnamed or blank
 * parameter, a parameter that carries a Done channel rather than the context, nor a context read from a struct
 * field (the facts do not say through which variable the goroutine reads it).
 */
export function ctxExprForFix(target: FuncEntry, input: CtxInput): string | undefined {
  const ident = /^[A-Za-z_]\w*$/;
  const p = target.fact.params.find((x) => x.key === input.key);
  if (p) return p.type.k === 'ctx' && !p.key.includes(':#') && p.name !== '_' && ident.test(p.name) ? p.name : undefined;
  if (input.how === 'captures' && target.fact.kind === 'lit' && !input.key.startsWith('field:') && ident.test(input.name) && input.name !== '_') return input.name;
  return undefined;
}

/** A send into a channel the caller made with a buffer, once, cannot block. */
export function bufferedForCall(stmt: GoStmt, target: FuncEntry): (b: BlockFact) => boolean {
  const buffered = new Set<string>();
  stmt.fact.args.forEach((a, i) => {
    const p = target.fact.params[i];
    if (a.chanCap !== undefined && p) buffered.add(p.key);
  });
  // a send in a loop counts when it is followed by return: it happens once; but not when another send on the
  // channel sits in a loop (it can fill the buffer first)
  const looping = new Set(target.fact.blocks.filter((x) => x.kind === 'send' && x.inLoop && !x.once && x.chan !== undefined).map((x) => x.chan!));
  return (b) => b.kind === 'send' && (!b.inLoop || !!b.once) && b.chan !== undefined && buffered.has(b.chan) && !looping.has(b.chan);
}

/**
 * A send on a struct field's channel that every make of the field buffers enough for what this function
 * sends on it: not in a loop, and no more sends on one path than slots (a send followed by `return` ends
 * its path). A computed buffer is taken as sized for the work.
 */
export function fieldSendFits(b: BlockFact, fn: FuncEntry, program: Program): boolean {
  if (b.kind !== 'send' || !b.field || b.inLoop) return false;
  const cap = program.fieldChanCap(fn.file, b.field);
  if (cap === undefined || cap === 0) return false;
  if (cap === 'dyn') return true;
  const sends = fn.fact.blocks.filter((x) => x.kind === 'send' && x.field === b.field);
  if (sends.some((x) => x.inLoop)) return false;
  const plain = sends.filter((x) => !x.once);
  let most = plain.length;
  for (const s of sends) if (s.once) most = Math.max(most, plain.filter((x) => posBefore(x.range.start, s.range.start)).length + 1);
  return most <= cap;
}

/** The parent's key for a channel the goroutine's own function operates on: a captured channel keeps its key,
 * a parameter maps to the channel the go statement passes. */
export function parentChanKey(stmt: GoStmt, target: FuncEntry, key: string | undefined): string | undefined {
  if (!key) return undefined;
  const i = target.fact.params.findIndex((p) => p.key === key);
  return i >= 0 ? stmt.fact.args[i]?.chanKey : key;
}

/**
 * Operations on a channel of the parent that the parent provably completes: a send the parent (or another
 * goroutine it starts) drains with a `for range` that nothing leaves early, a receive or range that the parent
 * (or another goroutine it starts) ends with a deferred close, a receive that gives back a semaphore slot the
 * parent took before the go statement, or a receive that the parent answers with a send or close of its own
 * body, with no return in between.
 */
export function settledByParent(stmt: GoStmt, target: FuncEntry, program: Program): BlockSkip {
  const parent = program.funcById(stmt.file, stmt.fact.parent);
  if (!parent) return () => false;
  const go = stmt.fact.range;
  // the channel's key in the parent: back through the calls from the goroutine (params to the arguments that
  // fed them), then from the goroutine's params to the go statement's arguments (captured keys stay as they are)
  const parentKey = (b: BlockFact, fn: FuncEntry, via: BlockSite['via']): string | undefined => {
    let key = b.chan;
    let callee = fn;
    for (let j = via.length - 1; j >= 0 && key; j--) {
      const i = callee.fact.params.findIndex((p) => p.key === key);
      // a literal's captured channel keeps its key (`defer func() { <-sem }()`)
      key = i >= 0 ? via[j]!.call.args[i]?.chanKey : callee.fact.kind === 'lit' ? key : undefined;
      callee = via[j]!.from;
    }
    return parentChanKey(stmt, target, key);
  };
  // the other goroutines the parent starts (found once, when first needed), each with how it names a channel of
  // the parent: a literal by the parent's key (captured), any function by the parameter an argument feeds
  let others: { fact: FuncFact; keyOf: (key: string) => string[] }[] | undefined;
  const siblings = () =>
    (others ??= stmt.file.gos.flatMap((g) => {
      if (g === stmt.fact || g.parent !== stmt.fact.parent) return [];
      // a sibling started on some paths only settles nothing on the others
      const pir = irOf(stmt.file, stmt.fact.parent);
      const op = pir ? goOpOf(pir, g) : undefined;
      if (pir && op && !alwaysStarts(pir, op)) return [];
      const r = program.resolve(g.callee, stmt.file);
      if (r.k !== 'func') return [];
      const fact = r.fn.fact;
      const keyOf = (key: string) => [
        ...(g.callee.k === 'lit' ? [key] : []),
        ...g.args.flatMap((a, i) => (a.chanKey === key && fact.params[i] ? [fact.params[i]!.key] : [])),
      ];
      return [{ fact, keyOf }];
    }));
  // a range over the channel until it is closed, at the top of its function, that nothing leaves early
  const drainsAll = (o: ChanOpFact, key: string) => o.key === key && o.kind === 'range' && !!o.top && !o.exits;
  return (b, fn, via) => {
    const key = parentKey(b, fn, via);
    // counted on the IR: every send the parent's goroutines can make on the channel finds a buffer slot or a
    // receive of the parent on every path out of it (a channel the parent makes, or a struct field's channel of
    // its package), see src/analysis/settle.ts
    if (b.kind === 'send' && via.length === 0 && fn.fact === target.fact) {
      const ir = irOf(stmt.file, stmt.fact.parent);
      const id = b.field ? (program.packageOf(fn.file) === program.packageOf(stmt.file) ? `field:${b.field}` : undefined) : ir && key ? varOfChanKey(ir, key) : undefined;
      if (id && sendsSettled(stmt.file, stmt.fact, id, program)) return true;
    }
    // a send on its own element of a slice of fresh channels that the parent then receives from one by one
    if (b.kind === 'send' && b.onField && via.length === 0 && fn.fact === target.fact) {
      const ir = irOf(stmt.file, stmt.fact.parent);
      const op = ir && goOpOf(ir, stmt.fact);
      const own = irOf(target.file, target.fact.id);
      const send = own?.blocks.flatMap((x) => x.ops).find((o): o is Op & { o: 'send' } => o.o === 'send' && o.r.start.line === b.range.start.line && o.r.start.col === b.range.start.col);
      if (ir && op && own && send && op.fn.k === 'lit' && receivedPerElement(ir, op, own, send)) return true;
    }
    // a range over a struct field's channel that another goroutine of the parent closes when it ends
    if (b.kind === 'range-chan' && via.length === 0 && fn.fact === target.fact) {
      const ir = irOf(stmt.file, stmt.fact.parent);
      const own = irOf(target.file, target.fact.id);
      if (ir && own && target.file === stmt.file && closedBySiblingField(stmt.file, ir, stmt.fact.range.start, own, b.range.start, program)) return true;
    }
    const made = key ? parent.fact.chans.find((c) => c.key === key) : undefined;
    if (!key || !made) return false;
    // a sibling goroutine does the other half: it drains the channel until closed, or cannot end without
    // receiving this goroutine's one send (or without sending the one value this goroutine receives)
    if ((b.kind === 'send' || b.kind === 'recv') && via.length === 0 && fn.fact === target.fact) {
      const ir = irOf(stmt.file, stmt.fact.parent);
      const id = ir ? varOfChanKey(ir, key) : undefined;
      const own = irOf(target.file, target.fact.id);
      if (ir && id && settledBySibling(stmt.file, ir, stmt.fact.range.start, id, b.kind, program, own && { fn: own, file: target.file })) return true;
      // the goroutine's one receive, answered by the parent's send (or close) on every way on from the go statement
      if (b.kind === 'recv' && ir && id && answeredByParent(stmt.file, ir, stmt.fact.range.start, id, program, own && { fn: own, file: target.file })) return true;
    }
    // a channel handed to a call or stored may be drained or fed by others: only a close settles it then
    const escapes = !!parent.fact.chanEscapes?.includes(key);
    const returnsBefore = (at: Range) => parent.fact.returns.some((r) => posBefore(go.start, r.start) && posBefore(r.start, at.start));
    if (b.kind === 'send') {
      if (escapes) return false;
      // another goroutine of the parent that drains it: every send on it is received
      if (siblings().some((f) => f.keyOf(key).some((k) => f.fact.chanOps.some((o) => drainsAll(o, k))))) return true;
      // one send, and a func the parent defers receives from the channel: it runs on every way out
      if (!b.inLoop && parent.fact.calls.some((c) => c.deferred && c.callee.k === 'lit' && program.funcById(stmt.file, c.callee.id)?.fact.chanOps.some((o) => o.key === key && o.kind === 'recv'))) {
        return true;
      }
      // the goroutine sends at most once, and a func the test hands to its Cleanup (per the API table) receives
      // from the channel: it runs when the test ends, registered on every way to the go statement
      if (via.length === 0 && fn.fact === target.fact && !stmt.fact.loop && receivedAtTestEnd(stmt, target, key, program)) return true;
      const drain = parent.fact.chanOps.find((o) => drainsAll(o, key) && posBefore(go.start, o.range.start));
      return !!drain && !returnsBefore(drain.range);
    }
    if (b.kind !== 'recv' && b.kind !== 'range-chan') return false;
    const feeds = parent.fact.chanFeeds?.filter((o) => o.key === key) ?? [];
    if (feeds.some((o) => o.kind === 'close' && o.deferred)) return true;
    // a semaphore: the parent takes a slot of a buffered channel before starting the goroutine, which gives it
    // back with one receive (`sem <- struct{}{}; go func() { defer func() { <-sem }() ... }()`)
    if (b.kind === 'recv' && !b.inLoop && made.cap !== 0 && feeds.some((o) => o.kind === 'send' && posBefore(o.range.start, go.start))) {
      return true;
    }
    // another goroutine of the parent that closes the channel when it ends (`defer close(ch)`): if that
    // goroutine can hang, it is its own finding
    if (siblings().some((f) => f.keyOf(key).some((k) => f.fact.chanFeeds?.some((o) => o.key === k && o.kind === 'close' && o.deferred)))) return true;
    // a close ends every receiver; one send answers one receive, so not receivers started in a loop
    const answer = feeds.find(
      (o) => o.top && !o.deferred && (o.kind === 'close' || (b.kind === 'recv' && !stmt.fact.loop && !escapes)) && posBefore(go.start, o.range.start),
    );
    return !!answer && !returnsBefore(answer.range);
  };
}

/** The goroutine sends at most once on the parent's channel `key` (facts key), and the parent registers, on
 * every way from its entry to the go statement, a func literal with the test's Cleanup that receives from it. */
function receivedAtTestEnd(stmt: GoStmt, target: FuncEntry, key: string, program: Program): boolean {
  const ir = irOf(stmt.file, stmt.fact.parent);
  const op = ir && goOpOf(ir, stmt.fact);
  const ch = ir && varOfChanKey(ir, key);
  const own = irOf(target.file, target.fact.id);
  if (!ir || !op || !ch || !own) return false;
  const names = namesIn(op, own, stmt.file, ch);
  if (names.length === 0 || names.some((n) => maxSends(own, n, undefined, true) > 1)) return false;
  const cleanups = new Set<Op>();
  for (const b of ir.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'call' || o.fn.k !== 'method' || o.fn.recv.k !== 'var') continue;
      const t = varInfo(stmt.file, o.fn.recv.id)?.type;
      const eff = t?.k === 'named' ? apiEffect(t.pkg, `${t.name}.${o.fn.name}`) : undefined;
      const arg = eff?.k === 'at-end' ? o.args[eff.arg] : undefined;
      if (arg?.k !== 'lit') continue;
      if (program.funcById(stmt.file, arg.id)?.fact.chanOps.some((c) => c.key === key && c.kind === 'recv')) cleanups.add(o);
    }
  }
  if (cleanups.size === 0) return false;
  // every way from the entry to the go statement registers one first
  const seen = new Set<number>([0]);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const b = ir.blocks[queue[i]!]!;
    const at = b.ops.findIndex((o) => o === op || cleanups.has(o));
    if (at >= 0) {
      if (b.ops[at] === op) return false;
      continue;
    }
    for (const s of b.succ) if (!seen.has(s)) seen.add(s), queue.push(s);
  }
  return true;
}

/** How the goroutine was started, for a related location: `go f` or, for an errgroup, `Go(f)`. */
export function startedAs(stmt: GoStmt): string {
  return stmt.fact.group ? `Go(${stmt.fact.calleeText})` : `go ${stmt.fact.calleeText}`;
}

export function targetName(target: FuncEntry): string {
  const f = target.fact;
  if (f.kind === 'lit') return 'func literal';
  if (f.kind === 'method' && f.recv) return `${f.recv.type}.${f.name}`;
  return f.name;
}
