// Abandoned senders from the IR: for a go statement, the channels its goroutine sends on that its parent made,
// and the parent's leave paths (src/analysis/leave.ts) that return with a send not received. A channel the parent
// hands to anything the IR cannot follow (a call, a store, a return, another literal, a defer) has receivers
// goleash cannot count, and is not judged. Names never matter: a channel is identified by its declaration.
import type { Program } from '../index/program.js';
import { methodConvention } from '../api/table.js';
import type { FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, GoFact, Range } from '../parse/types.js';
import { calleeDecl, resolveCallee, summaries, type ChanUse } from './summaries.js';
import { codeText } from './source.js';
import { codeIn, wordCount } from './mentions.js';
import { isExported } from '../parse/syntax.js';
import { streamCallers } from './stream-callers.js';
import { escapeOps, escapesIn, everyWayPasses, irOf, isNestedIn, litOf, literalMentions, mentions, nestedLiterals, reachableFrom, recoversPanics, targetOf, type Via } from './goroutines.js';
import { fieldCallExits } from './testexits.js';
import { serveStop, stopsServer } from './serve.js';
import { shutdownBlocks } from './shutdown.js';
import { callReceives, type RecvOutcome } from './receives.js';
import { groupEffect } from './waitgroup.js';
import { blockingSend, fieldKey, leavePaths, maxSends, MANY, sameVar, type ChanKey, type LeavePath, type Sender } from './leave.js';
import { funcFact } from '../parse/lookup.js';

export interface IrAbandon {
  /** the goroutine's send that blocks, and its text */
  send: Range;
  sendText: string;
  /** the file of the goroutine's function */
  sendFile: string;
  chanName: string;
  cap: number;
  made: Range;
  /** the channel is a struct field's (`made` is then where the parent receives from it) */
  field: boolean;
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

/** A call of the module is looked through unless its callee may receive from the channel, close it or let it go:
 * a helper that only sends on it (or only takes its len) leaves the count of receivers as it was. */
function drains(file: FileFacts, program: Program): Via {
  return { file, program, counts: (u: ChanUse) => u.recvs || u.closes || u.escapes };
}

function receivesIn(fn: FuncIR, ch: ChanKey, orCloses = true): boolean {
  const is = (v: Val) => sameVar(v, ch);
  return fn.blocks.some(
    (b) =>
      b.ops.some((o) => (o.o === 'recv' && is(o.ch)) || (orCloses && o.o === 'close' && is(o.ch))) ||
      (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'recv' && is(c.ch))) ||
      (b.term.t === 'range' && is(b.term.ch)),
  );
}

/** The goroutine's unguarded sends on `ch` (a send statement, or a select whose only case sends). */
function sendSites(fn: FuncIR, ch: ChanKey, dead: (v: Val) => boolean): { r: Range; text: string }[] {
  const is = (v: Val) => sameVar(v, ch);
  const out: { r: Range; text: string }[] = [];
  for (const b of fn.blocks) {
    for (const o of b.ops) if (o.o === 'send' && is(o.ch)) out.push(o);
    const t = b.term;
    // a select that can only send blocks at the select (as a goroutine dump shows it)
    if (t.t === 'select' && blockingSend(t, ch, dead)) out.push(...t.cases.filter((c) => c.kind === 'send' && is(c.ch)).map((c) => ({ r: t.r, text: c.text })));
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

interface Candidate {
  key: ChanKey;
  cap: number;
  /** where the channel is made (a local make), or where the parent receives from it (a field) */
  made: Range;
  name: string;
  field: boolean;
}

function analyzeParent(file: FileFacts, parent: FuncIR, program: Program): Map<string, IrAbandon[]> {
  const out = new Map<string, IrAbandon[]>();
  const gos: (Op & { o: 'go' })[] = [];
  const makes = new Map<VarId, Op & { o: 'make' }>();
  const fields = new Map<ChanKey, { r: Range; text: string }>();
  for (const b of parent.blocks) {
    for (const o of b.ops) {
      if (o.o === 'go') gos.push(o);
      else if (o.o === 'make') makes.set(o.dst, makes.has(o.dst) ? { ...o, cap: -1 as unknown as number } : o);
      else if (o.o === 'recv') {
        const k = fieldKey(o.ch);
        if (k && !fields.has(k)) fields.set(k, { r: o.r, text: o.ch.k === 'field' ? o.ch.text : k });
      }
    }
    if (b.term.t === 'select') {
      for (const c of b.term.cases) {
        const k = c.kind === 'recv' ? fieldKey(c.ch) : undefined;
        if (k && !fields.has(k)) fields.set(k, { r: c.r, text: c.ch.k === 'field' ? c.ch.text : k });
      }
    }
  }
  if (gos.length === 0) return out;
  const candidates: Candidate[] = [];
  // unbuffered channels, and channels with a constant buffer the parent does not send on itself: a buffer's slots
  // count against the senders' sends (leave.ts)
  // a channel made into a variable of an enclosing function (captured: `ch = make(…)` in a literal) is shared with
  // the rest of that function and its other literals, which goleash does not count here
  for (const [ch, make] of makes) {
    if (!parent.vars[ch]) continue;
    if (make.cap === 0) candidates.push({ key: ch, cap: 0, made: make.r, name: varName(parent, ch), field: false });
    // a constant buffer, counted against the sends: not one the parent sends on itself (a semaphore, a queue it
    // fills), nor one sized by a computation (`make(chan T, len(jobs))`, taken as sized for the work)
    else if (typeof make.cap === 'number' && make.cap > 0 && !sendsOn(parent, ch)) candidates.push({ key: ch, cap: make.cap, made: make.r, name: varName(parent, ch), field: false });
  }
  for (const [k, at] of fields) {
    const cap = program.fieldChanCap(file, k.slice('field:'.length));
    if (cap === 0) candidates.push({ key: k, cap: 0, made: at.r, name: at.text, field: true });
    // a constant buffer, counted against the senders' sends as for a local: not a field the parent sends on itself
    else if (typeof cap === 'number' && cap > 0 && !sendsOn(parent, k)) candidates.push({ key: k, cap, made: at.r, name: at.text, field: true });
  }
  const literals = nestedLiterals(file, parent.id);
  const deadChans = deadChannels(file, parent, makes, gos, program);
  // a way out through a signal's arrival ends with the process (src/analysis/shutdown.ts): not a leave path
  const stops = new Map([...fieldCallExits(file, parent, program), ...shutdownBlocks(file, parent)]);
  for (const c of candidates) {
    const ch = c.key;
    // the parent must keep the channel to itself and its goroutines
    // a local channel may get away on some paths only: those paths are not judged (`lost`)
    if (c.field && (fieldEscapes(parent, ch) || fieldUsedElsewhere(file, parent, ch, program))) continue;
    if (c.field && closes(parent, ch)) continue;
    // a call that hands the channel to a function that only receives from it counts that function's receives
    // (src/analysis/receives.ts); any other hand-off makes the paths through it uncountable
    const recvCalls = new Map<Op, RecvOutcome[]>();
    const lost = new Set<Op>(
      c.field
        ? []
        : [...escapeOps(parent, ch, drains(file, program)), ...closeOps(parent, ch)].filter((o) => {
            const outs = o.o === 'call' ? callReceives(o, ch, parent, file, program) : undefined;
            if (outs) recvCalls.set(o, outs);
            return !outs;
          }),
    );
    const senders: (Sender & { target: FuncIR; targetFile: FileFacts; names: ChanKey[]; dead: (v: Val) => boolean; inPlace: FuncIR[] })[] = [];
    const involved = new Set<FuncIR>();
    let unknown = false;
    for (const op of gos) {
      const lit = litOf(op, file);
      const passed = op.args.some((a) => (c.field ? fieldKey(a) === ch : a.k === 'var' && a.id === ch));
      const captured = !!lit && literalMentionsKey(file, lit, ch);
      const t = targetOf(op, file, program);
      if (c.field && passed) {
        unknown = true;
        break;
      }
      if (!passed && !captured && !(c.field && t && mentionsKey(t.fn, ch))) {
        // an unknown target may still reach a field through its receiver
        if (c.field && !t && op.fn.k === 'method') unknown = true;
        if (unknown) break;
        continue;
      }
      // a goroutine that may receive (or hand the channel on): the paths that start it are not judged
      if (!t) {
        if (c.field) {
          unknown = true;
          break;
        }
        lost.add(op);
        continue;
      }
      involved.add(t.fn);
      const names = c.field ? [ch] : chanInTarget(op, t.fn, ch, captured);
      // literals nested in the goroutine that use the channel
      const inPlace = nestedLiterals(t.file, t.fn.id).filter((l) => mentionsKey(l, ch));
      if (
        names.length === 0 ||
        names.some((n) => receivesIn(t.fn, n, !closesAfterSends(t.fn, n)) || (c.field ? fieldEscapes(t.fn, n) : escapesIn(t.fn, n, drains(t.file, program)))) ||
        // a literal nested in the goroutine that uses the channel: its sends are not followed, unless the goroutine
        // runs it once in place (`once.Do(func() { ch <- v })`) and it only sends
        inPlace.some((l) => !onceInPlace(t.file, t.fn, l, names, program))
      ) {
        if (c.field) {
          unknown = true;
          break;
        }
        lost.add(op);
        continue;
      }
      const dead = deadIn(op, t.fn, deadChans);
      // sends in a helper of the module the goroutine hands the channel to (`report(errc, err)`) count as its own;
      // a helper with a literal of its own that sees the channel (a goroutine it starts) makes them uncountable
      if (!c.field && names.some((n) => t.fn.blocks.some((b) => b.ops.some((o) => helperHasLiteral(o, n, t.file, program))))) {
        lost.add(op);
        continue;
      }
      const through = c.field ? undefined : helperSends(t.file, program, 0);
      const sends = Math.min(MANY, Math.max(0, ...names.map((n) => maxSends(t.fn, n, dead, false, through && ((o) => through(o, n))))) + inPlace.reduce((k, l) => k + Math.max(0, ...names.map((n) => maxSends(l, n, dead))), 0));
      // a goroutine that sends only while its server serves: the parent's stop of that server ends those sends
      const st = sends > 0 ? serveStop(op, t.fn, t.file, program, names, sends, dead) : undefined;
      const stop = st ? { sends: st.sends, by: (o: Op) => stopsServer(o, st, file, program) } : undefined;
      const looped = inLoop(parent, op);
      const loopTimes = looped ? constantTrips(parent, op) : undefined;
      if (sends > 0) senders.push({ op, sends, target: t.fn, targetFile: t.file, names, dead, looped, ...(loopTimes !== undefined ? { loopTimes } : {}), signals: signalsOf(t.fn, names, file, parent), inPlace, ...(stop ? { stop } : {}) });
    }
    if (unknown || senders.length === 0) continue;
    // any other literal of the parent that uses the channel (a sibling goroutine, a callback, a deferred func)
    if (literals.some((l) => !involved.has(l) && !senders.some((s) => isNestedIn(file, l, s.target.id)) && mentionsKey(l, ch))) continue;
    const paths = leavePaths(parent, ch, c.cap, senders, stops, lost, recoversPanics(parent, file), panicsIn(file, program), recvCalls);
    for (const s of senders) {
      const path = paths.get(s.op);
      if (!path) continue;
      // the parent waits for the goroutine on every way out (a group's Wait): it cannot leave it behind; a send that
      // blocks holds the parent in its Wait too (a hang, not a leak)
      if (s.op.o === 'go' && waitedOnEveryWay(parent, s.op, s.target, file)) continue;
      // the send that blocks: the first, or with a buffer the one past its slots (of sends in the order written)
      const sites = [s.target, ...s.inPlace].flatMap((fn) => s.names.flatMap((n) => sendSites(fn, n, s.dead)));
      const own = sites[Math.min(c.cap, Math.max(0, sites.length - 1))];
      const site = own ? { ...own, file: s.targetFile.path } : c.field ? undefined : s.names.map((n) => helperSite(s.target, s.targetFile, n, program, 0)).find((x) => x);
      if (!site) continue;
      const key = `${s.op.r.start.line}:${s.op.r.start.col}`;
      const list = out.get(key) ?? [];
      list.push({ send: site.r, sendText: site.text, sendFile: site.file, chanName: c.name, cap: c.cap, made: c.made, field: c.field, path, parent });
      out.set(key, list);
    }
  }
  return out;
}

/** Literal `lit`, nested in the goroutine's function `fn`, runs in place, at most once: its only use is as the
 * argument of `x.Do(lit)` (sync.Once, the API table's method convention) in `fn` itself, and it only sends on the
 * channel (`names`): no receive, close or hand-off, no literal of its own that sees it. */
function onceInPlace(file: FileFacts, fn: FuncIR, lit: FuncIR, names: ChanKey[], program: Program): boolean {
  if (lit.parent !== fn.id) return false;
  const handed = fn.blocks.some((b) => b.ops.some((o) => o.o === 'call' && o.fn.k === 'method' && methodConvention(o.fn.name, o.args.length) === 'once' && o.args[0]?.k === 'lit' && o.args[0].id === lit.id));
  if (!handed) return false;
  if (fn.blocks.some((b) => b.ops.some((o) => (o.o === 'go' || o.o === 'defer' || (o.o === 'call' && !(o.fn.k === 'method' && methodConvention(o.fn.name, o.args.length) === 'once'))) && (o.fn.k === 'lit' ? o.fn.id === lit.id : o.args.some((a) => a.k === 'lit' && a.id === lit.id))))) return false;
  if (nestedLiterals(file, lit.id).some((l) => names.some((n) => mentionsKey(l, n)))) return false;
  return !names.some((n) => receivesIn(lit, n) || escapesIn(lit, n, drains(file, program)));
}

/** The calls of `file`'s functions that may panic: the callee, a declared function of the module, panics itself
 * (an explicit `panic(` in its body: in its IR, or in its code text when it has none). One level deep: a panic
 * further down is not seen. */
function panicsIn(file: FileFacts, program: Program): (o: Op) => boolean {
  return (o) => {
    if (o.o !== 'call' || o.fn.k === 'lit' || o.fn.k === 'builtin' || o.fn.k === 'value' || o.fn.k === 'unknown') return false;
    const d = calleeDecl(o.fn, file, program);
    if (!d) return false;
    const ir = irOf(d.file, d.fact.id);
    if (ir) return ir.blocks.some((b) => b.term.t === 'exit' && b.term.how === 'panic');
    const body = codeIn(program, d.file, d.fact.range);
    return body !== null && /(?<![\w.])panic\s*\(/.test(body);
  };
}

/** The goroutine closes the channel it sends on only once it has sent: every close follows its sends (a close in
 * a block after which no send on the channel is reachable). Its close ends no receive of the parent's early. */
function closesAfterSends(fn: FuncIR, ch: ChanKey): boolean {
  const is = (v: Val) => sameVar(v, ch);
  const sendsIn = (b: number) => fn.blocks[b]!.ops.some((o) => o.o === 'send' && is(o.ch)) || (fn.blocks[b]!.term.t === 'select' && fn.blocks[b]!.term.cases.some((c) => c.kind === 'send' && is(c.ch)));
  let any = false;
  for (let i = 0; i < fn.blocks.length; i++) {
    const b = fn.blocks[i]!;
    // a deferred close runs after everything else
    if (b.ops.some((o) => o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && o.args.some(is))) any = true;
    const at = b.ops.findIndex((o) => o.o === 'close' && is(o.ch));
    if (at < 0) continue;
    any = true;
    if (b.ops.slice(at + 1).some((o) => o.o === 'send' && is(o.ch))) return false;
    // no send reachable after the close
    for (const j of reachableFrom(fn, b.succ)) if (sendsIn(j)) return false;
  }
  return any;
}

function mentionsKey(fn: FuncIR, key: ChanKey): boolean {
  if (!key.startsWith('field:')) return mentions(fn, key);
  const is = (v: Val | undefined) => !!v && fieldKey(v) === key;
  return fn.blocks.some(
    (b) =>
      b.ops.some((o) => ((o.o === 'send' || o.o === 'recv' || o.o === 'close') && is(o.ch)) || ((o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.args.some(is)) || (o.o === 'assign' && is(o.src))) ||
      (b.term.t === 'select' && b.term.cases.some((c) => is(c.ch))) ||
      (b.term.t === 'range' && is(b.term.ch)),
  );
}

function literalMentionsKey(file: FileFacts, lit: FuncIR, key: ChanKey): boolean {
  if (!key.startsWith('field:')) return literalMentions(file, lit, key);
  return mentionsKey(lit, key) || nestedLiterals(file, lit.id).some((l) => mentionsKey(l, key));
}

/** The field's channel is handed to a call, a go statement or a defer, or copied into a variable. */
function fieldEscapes(fn: FuncIR, key: ChanKey): boolean {
  const is = (v: Val) => fieldKey(v) === key;
  return fn.blocks.some((b) =>
    b.ops.some((o) => ((o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.args.some(is) && !(o.fn.k === 'builtin' && (o.fn.name === 'len' || o.fn.name === 'cap'))) || (o.o === 'assign' && is(o.src))),
  );
}

/** A function of the package other than the parent and its literals receives from, ranges over, closes or hands
 * on the field's channel: it may drain the sender (a long-lived consumer), so the parent's paths say nothing. */
function fieldUsedElsewhere(file: FileFacts, parent: FuncIR, key: ChanKey, program: Program): boolean {
  const users = fieldUsers(program, file).get(key) ?? [];
  return users.some((u) => !(u.file === file && (u.fn === parent || isNestedIn(file, u.fn, parent.id))));
}

const usersByPackage = new WeakMap<object, Map<ChanKey, { file: FileFacts; fn: FuncIR }[]>>();

/** Per package: the functions that receive from, range over, close or hand on each field channel. */
function fieldUsers(program: Program, file: FileFacts): Map<ChanKey, { file: FileFacts; fn: FuncIR }[]> {
  const pkg = program.packageOf(file);
  let m = usersByPackage.get(pkg);
  if (m) return m;
  m = new Map();
  const add = (k: ChanKey | undefined, f: FileFacts, fn: FuncIR) => {
    if (!k) return;
    const l = m!.get(k) ?? [];
    if (!l.some((x) => x.fn === fn)) l.push({ file: f, fn });
    m!.set(k, l);
  };
  for (const f of pkg.files) {
    for (const fn of f.ir ?? []) {
      for (const b of fn.blocks) {
        for (const o of b.ops) {
          if (o.o === 'recv' || o.o === 'close') add(fieldKey(o.ch), f, fn);
          else if (o.o === 'call' || o.o === 'defer') for (const a of o.args) add(fieldKey(a), f, fn);
          else if (o.o === 'assign') add(fieldKey(o.src), f, fn);
        }
        if (b.term.t === 'select') for (const c of b.term.cases) if (c.kind === 'recv') add(fieldKey(c.ch), f, fn);
        if (b.term.t === 'range') add(fieldKey(b.term.ch), f, fn);
      }
    }
  }
  usersByPackage.set(pkg, m);
  return m;
}

function varName(fn: FuncIR, id: VarId): string {
  return fn.vars[id]?.name ?? id.slice(0, id.indexOf('@'));
}

function inLoop(fn: FuncIR, op: Op): boolean {
  return fn.blocks.some((b) => b.loop !== undefined && b.ops.includes(op));
}

/** The most times op `op` of `fn` runs when every loop around it has constant bounds (the IR's `times` on each loop
 * header, multiplied); undefined when some loop around it does not. */
function constantTrips(fn: FuncIR, op: Op): number | undefined {
  const b = fn.blocks.find((x) => x.ops.includes(op));
  let n = 1;
  for (let h = b?.loop, k = 0; h !== undefined && k < 20; h = fn.blocks[h]!.outer, k++) {
    const t = fn.blocks[h]!.term;
    if (t.t !== 'loop' || t.times === undefined) return undefined;
    n *= t.times;
  }
  return n;
}

/** Channels a goroutine closes or sends on once its sends on `names` are over (no send on them can follow):
 * receiving from one of them means the goroutine has made its sends. */
function signalsOf(fn: FuncIR, names: ChanKey[], file: FileFacts, parent: FuncIR): ChanKey[] {
  const out: ChanKey[] = [];
  const keyOf = (v: Val | undefined): ChanKey | undefined => (!v ? undefined : v.k === 'var' ? v.id : fieldKey(v));
  // a send, or a call handing the channel to a helper (which may send on it)
  const sendOp = (o: Op) => (o.o === 'send' && names.some((n) => sameVar(o.ch, n))) || (o.o === 'call' && o.args.some((a) => names.some((n) => sameVar(a, n))));
  const sends = (i: number) => {
    const b = fn.blocks[i]!;
    return b.ops.some(sendOp) || (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && names.some((n) => sameVar(c.ch, n))));
  };
  /** no send on `names` after op `at` of block `i` */
  const last = (i: number, at: number): boolean => {
    if (fn.blocks[i]!.ops.slice(at + 1).some(sendOp)) return false;
    const b = fn.blocks[i]!;
    if (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && names.some((n) => sameVar(c.ch, n)))) return false;
    for (const j of reachableFrom(fn, b.succ)) if (sends(j)) return false;
    return true;
  };
  fn.blocks.forEach((b, i) => {
    b.ops.forEach((o, at) => {
      const deferred = o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close';
      const k = o.o === 'close' || o.o === 'send' ? keyOf(o.ch) : deferred ? keyOf(o.args[0]) : undefined;
      if (k && !names.includes(k) && (deferred || last(i, at))) out.push(k);
      // a WaitGroup the goroutine marks done once its sends are over (`defer wg.Done()`): a closer of the parent
      // that waits for the group and then closes a channel (`go func() { wg.Wait(); close(done) }()`) signals
      // through that channel that this goroutine has made its sends
      if ((o.o === 'defer' || (o.o === 'call' && last(i, at))) && o.fn.k === 'method' && o.fn.recv.k === 'var' && groupEffect(o, o.fn.recv.id) === 'wg-done') {
        out.push(...closerSignals(file, parent, o.fn.recv.id));
      }
      // the cancel of a ctx the parent derived, called by this goroutine only, once its sends are over: the ctx's
      // Done says they are (`go func() { feed(ch); cancel() }()`, the parent leaving on `<-ctx.Done()`)
      if ((o.o === 'defer' || (o.o === 'call' && last(i, at))) && o.fn.k === 'value' && o.fn.v.k === 'var') {
        const ctx = completionCtx(file, parent, fn, o.fn.v.id);
        if (ctx) out.push(`done:${ctx}`);
      }
    });
  });
  return out;
}

/** The ctx whose cancel function is `cancel` (derived by the parent: `ctx, cancel := context.WithCancel(…)`), when
 * only the goroutine `fn` calls it (the parent at most defers it, which runs after it leaves; no other literal of
 * the parent names it). */
function completionCtx(file: FileFacts, parent: FuncIR, fn: FuncIR, cancel: VarId): VarId | undefined {
  let ctx: VarId | undefined;
  for (const b of parent.blocks) {
    for (const o of b.ops) {
      if (o.o === 'assign' && o.cancel === cancel && o.derive) ctx = o.dst;
      if ((o.o === 'call' || o.o === 'go') && ((o.fn.k === 'value' && o.fn.v.k === 'var' && o.fn.v.id === cancel) || o.args.some((a) => a.k === 'var' && a.id === cancel))) return undefined;
      if (o.o === 'defer' && o.args.some((a) => a.k === 'var' && a.id === cancel)) return undefined;
    }
  }
  if (!ctx) return undefined;
  if (nestedLiterals(file, parent.id).some((l) => l.id !== fn.id && !isNestedIn(file, l, fn.id) && mentions(l, cancel))) return undefined;
  return ctx;
}

/** The channels that a literal the parent starts as a goroutine closes (or sends on) after it waits for group `wg`
 * in the same block (`go func() { wg.Wait(); close(done) }()`), or closes in a defer. */
function closerSignals(file: FileFacts, parent: FuncIR, wg: VarId): ChanKey[] {
  const out: ChanKey[] = [];
  for (const b of parent.blocks) {
    for (const g of b.ops) {
      if (g.o !== 'go' || g.fn.k !== 'lit') continue;
      const lit = irOf(file, g.fn.id);
      if (!lit) continue;
      const waits = (o: Op) => o.o === 'call' && groupEffect(o, wg) === 'wg-wait';
      for (const lb of lit.blocks) {
        const w = lb.ops.findIndex(waits);
        if (w < 0) continue;
        for (const o of lb.ops.slice(w + 1)) if ((o.o === 'close' || o.o === 'send') && o.ch.k === 'var') out.push(o.ch.id);
        for (const x of lit.blocks) for (const o of x.ops) if (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && o.args[0]?.k === 'var') out.push(o.args[0].id);
      }
    }
  }
  return out;
}

function closes(fn: FuncIR, ch: ChanKey): boolean {
  return closeOps(fn, ch).length > 0;
}

function closeOps(fn: FuncIR, ch: ChanKey): Op[] {
  return fn.blocks.flatMap((b) => b.ops.filter((o) => (o.o === 'close' && sameVar(o.ch, ch)) || (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && o.args.some((a) => sameVar(a, ch)))));
}

/**
 * The channels the parent makes that never become ready to receive from: nothing sends on them or closes them
 * (not the parent, not its literals, not the functions its go statements run), and they are not handed on. A
 * select case waiting on one never fires: a "stop channel" nobody closes guards nothing.
 */
function deadChannels(file: FileFacts, parent: FuncIR, makes: Map<VarId, Op & { o: 'make' }>, gos: (Op & { o: 'go' })[], program: Program): Set<VarId> {
  const out = new Set<VarId>();
  const feeds = (fn: FuncIR, id: VarId) =>
    fn.blocks.some(
      (b) =>
        b.ops.some((o) => ((o.o === 'send' || o.o === 'close') && sameVar(o.ch, id)) || (o.o === 'defer' && o.fn.k === 'builtin' && o.args.some((a) => sameVar(a, id)))) ||
        (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && sameVar(c.ch, id))),
    );
  for (const id of makes.keys()) {
    const via = { file, program, counts: (u: ChanUse) => u.sends || u.closes || u.escapes };
    if (escapesIn(parent, id, via) || feeds(parent, id)) continue;
    if (nestedLiterals(file, parent.id).some((l) => feeds(l, id) || escapesIn(l, id, via))) continue;
    let fed = false;
    for (const op of gos) {
      if (!op.args.some((a) => sameVar(a, id))) continue;
      const t = targetOf(op, file, program);
      if (!t) {
        fed = true;
        break;
      }
      for (const p of chanInTarget(op, t.fn, id, false)) if (feeds(t.fn, p) || escapesIn(t.fn, p, { ...via, file: t.file })) fed = true;
    }
    if (!fed) out.add(id);
  }
  return out;
}

/** Whether a value, as the go op's target names it, is one of the parent's dead channels. */
function deadIn(op: Op & { o: 'go' }, target: FuncIR, dead: Set<VarId>): (v: Val) => boolean {
  return (v) => {
    if (v.k !== 'var') return false;
    if (dead.has(v.id)) return true;
    const p = target.vars[v.id];
    if (p?.kind !== 'param' || p.index === undefined) return false;
    const a = op.args[p.index];
    return a?.k === 'var' && dead.has(a.id);
  };
}

/** A send of a goroutine on a channel its parent returns, to a caller that drops the parent's results. */
export interface DroppedAbandon {
  send: Range;
  sendText: string;
  sendFile: string;
  chanName: string;
  made: Range;
  /** the call that drops the channel: its file, range and the function it is in */
  drop: { file: string; range: Range; caller: string };
}

/** The call sites of `parent` (a function or method of the module) that drop its results: a call statement of its
 * own (`F(x)`, `go F(x)`, `defer F(x)`) or `_ = F(x)`. From the IR of every function of the package (a method or
 * function resolved by its receiver's type) and, for a package-level function, from the text of the package's
 * files (bodies without an IR of their own too): a plain call of its name, not a selector of another value. */
function droppingCalls(file: FileFacts, parent: FuncIR, program: Program): DroppedAbandon['drop'][] {
  const out: DroppedAbandon['drop'][] = [];
  const pkg = program.packageOf(file);
  for (const f of pkg.files) {
    for (const fn of f.ir ?? []) {
      for (const b of fn.blocks) {
        for (const o of b.ops) {
          if (o.o !== 'call' || !o.dropped || o.fn.k === 'builtin' || o.fn.k === 'lit') continue;
          const c = resolveCallee(o.fn, f, program);
          if (c?.fn === parent) out.push({ file: f.path, range: o.r, caller: program.enclosingName(f, fn.id) });
        }
      }
    }
  }
  if (out.length > 0 || !parent.id.startsWith('F:')) return out;
  const sites = streamCallers(program, file, parent.id, false)?.sites ?? [];
  for (const s of sites) {
    // only a call whose results are discarded where it is made: a variable nothing reads in the call's block may
    // still be read elsewhere
    if (!s.discarded) continue;
    const f = pkg.files.find((x) => x.path === s.file);
    const text = f ? codeText(program, f) : null;
    if (!f || text === null) continue;
    // the mention is a plain name, not `x.F` (another package's or another value's F)
    const line = text.split('\n')[s.range.start.line - 1] ?? '';
    const before = line.slice(0, s.range.start.col - 1);
    if (/[.\w]\s*$/.test(before)) continue;
    out.push({ file: s.file, range: s.range, caller: s.caller });
  }
  return out;
}

/** A goroutine's send on an unbuffered channel its parent makes and only returns (a promise): the parent keeps the
 * channel to itself and this goroutine (it neither receives from it, closes it, nor lets it go other than by its
 * returns), and the goroutine sends on it and never receives from it or hands it on. */
interface Promise {
  parent: FuncIR;
  send: { r: Range; text: string };
  sendFile: string;
  chanName: string;
  made: Range;
  /** the most sends the goroutine makes on the channel (MANY: a send in a loop) */
  sends: number;
  /** the index of the channel among the parent's results */
  result: number;
}

function returnedPromises(file: FileFacts, go: GoFact, program: Program): Promise[] {
  const parent = irOf(file, go.parent);
  if (!parent || !(parent.id.startsWith('F:') || parent.id.startsWith('M:'))) return [];
  const decl = funcFact(file, parent.id);
  if (!decl || decl.results.filter((t) => t.k === 'chan').length !== 1) return [];
  const result = decl.results.findIndex((t) => t.k === 'chan');
  const op = parent.blocks.flatMap((b) => b.ops).find((o): o is Op & { o: 'go' } => o.o === 'go' && o.r.start.line === go.range.start.line && o.r.start.col === go.range.start.col);
  if (!op || op.group) return [];
  const t = targetOf(op, file, program);
  if (!t) return [];
  const lit = litOf(op, file);
  const out: Promise[] = [];
  for (const b of parent.blocks) {
    for (const mk of b.ops) {
      if (mk.o !== 'make' || mk.cap !== 0) continue;
      const ch = mk.dst;
      const is = (v: Val) => (v.k === 'var' && v.id === ch) || (v.k === 'field' && v.base === ch);
      // every use of the channel in the parent: its make, this go statement, and returns
      let returned = false;
      let other = false;
      for (const bb of parent.blocks) {
        for (const o of bb.ops) {
          if (o === mk || o === op) continue;
          if (o.o === 'escape' && o.v === ch) {
            if (o.how === 'return') returned = true;
            else other = true;
          } else if ((o.o === 'send' || o.o === 'recv' || o.o === 'close') && is(o.ch)) other = true;
          else if ((o.o === 'go' || o.o === 'call' || o.o === 'defer') && (o.args.some(is) || (o.fn.k === 'value' && is(o.fn.v)) || (o.fn.k === 'method' && is(o.fn.recv)))) other = true;
          else if (o.o === 'assign' && (is(o.src) || o.dst === ch)) other = true;
          else if (o.o === 'make' && o.dst === ch) other = true;
        }
        const term = bb.term;
        if ((term.t === 'select' && term.cases.some((c) => is(c.ch))) || (term.t === 'range' && is(term.ch))) other = true;
      }
      if (!returned || other) continue;
      const captured = !!lit && literalMentions(file, lit, ch);
      // no other literal of the parent sees the channel
      if (nestedLiterals(file, parent.id).some((l) => l !== lit && !(lit && isNestedIn(file, l, lit.id)) && mentions(l, ch))) continue;
      if (lit && nestedLiterals(file, lit.id).some((l) => mentions(l, ch))) continue;
      const names = chanInTarget(op, t.fn, ch, captured);
      if (names.length === 0) continue;
      if (names.some((n) => receivesIn(t.fn, n, false) || escapesIn(t.fn, n, drains(t.file, program)))) continue;
      const site = names.flatMap((n) => sendSites(t.fn, n, () => false))[0];
      if (!site) continue;
      const sends = Math.max(0, ...names.map((n) => maxSends(t.fn, n)));
      out.push({ parent, send: site, sendFile: t.file.path, chanName: varName(parent, ch), made: mk.r, sends, result });
    }
  }
  return out;
}

/**
 * Sends of the goroutine started by `go` on an unbuffered channel its parent makes and only returns (see
 * returnedPromises), when a call of the parent in its package drops what it returns. After that call nothing holds
 * the channel but the goroutine: its send blocks forever.
 */
export function droppedReturnSends(file: FileFacts, go: GoFact, program: Program): DroppedAbandon[] {
  const out: DroppedAbandon[] = [];
  for (const p of returnedPromises(file, go, program)) {
    const drop = droppingCalls(file, p.parent, program)[0];
    if (drop) out.push({ send: p.send.r, sendText: p.send.text, sendFile: p.sendFile, chanName: p.chanName, made: p.made, drop });
  }
  return out;
}

/** A send of a goroutine on a channel its parent only returns (a promise), to a caller that can leave without
 * receiving from the channel it got. */
export interface PromiseAbandon {
  send: Range;
  sendText: string;
  sendFile: string;
  chanName: string;
  made: Range;
  /** the call of the parent: its file, range and the function it is in */
  call: { file: string; range: Range; caller: string };
  /** the caller's leave path (in the caller's file) */
  path: LeavePath;
}

/**
 * Sends of the goroutine started by `go` on an unbuffered channel its parent makes and only returns (a promise, see
 * returnedPromises), when a call of the parent in the module (its package for an unexported name) keeps the channel
 * (`ch := F(x)`, or `<-F(x)` straight) and has a leave path (src/analysis/leave.ts) that returns with the goroutine's
 * sends not received: on a ctx.Done() or timer case of a select, a default, or a return before the receive. A caller
 * that hands the channel on (returns it, passes it to a call or a goroutine, stores it, closes it, lets a literal
 * see it) is judged only on the paths where it keeps it. The sends counted are the goroutine's (a send in a loop: a
 * stream, which its callers drain rather than receive once; not judged here).
 */
export function abandonedPromises(file: FileFacts, go: GoFact, program: Program): PromiseAbandon[] {
  const out: PromiseAbandon[] = [];
  for (const p of returnedPromises(file, go, program)) {
    if (p.sends <= 0 || p.sends >= MANY) continue;
    for (const c of promiseCalls(file, p.parent, program)) {
      const path = promiseLeave(c.file, c.fn, c.op, p.result, p.sends, program);
      if (path) out.push({ send: p.send.r, sendText: p.send.text, sendFile: p.sendFile, chanName: p.chanName, made: p.made, call: { file: c.file.path, range: c.op.r, caller: program.enclosingName(c.file, c.fn.id) }, path });
    }
  }
  return out;
}

/** The call ops of the module's IR that call `parent`: in its package for an unexported name, in every package for an
 * exported one (resolved by the callee's receiver type or import, see resolveCallee). */
function promiseCalls(file: FileFacts, parent: FuncIR, program: Program): { file: FileFacts; fn: FuncIR; op: Op & { o: 'call' } }[] {
  const name = parent.id.slice(parent.id.lastIndexOf(parent.id.startsWith('M:') ? '.' : ':') + 1);
  const own = program.packageOf(file);
  const exported = isExported(name);
  return (callsByName(program).get(name) ?? []).filter((c) => c.fn !== parent && (exported || program.packageOf(c.file) === own) && resolveCallee(c.op.fn, c.file, program)?.fn === parent);
}

type CallSite = { file: FileFacts; fn: FuncIR; op: Op & { o: 'call' } };
const callIndex = new WeakMap<Program, Map<string, CallSite[]>>();

/** Per run: the module's call ops that keep what they return (not dropped, not returned straight), by the name they
 * call (a function, a package's function, a method), built once over every function's IR. */
function callsByName(program: Program): Map<string, CallSite[]> {
  let m = callIndex.get(program);
  if (m) return m;
  m = new Map();
  for (const pkg of program.packages.values()) {
    for (const f of pkg.files) {
      for (const fn of f.ir ?? []) {
        for (const b of fn.blocks) {
          for (const o of b.ops) {
            if (o.o !== 'call' || o.dropped || o.ret !== undefined) continue;
            if (!(o.fn.k === 'func' || o.fn.k === 'pkg' || o.fn.k === 'method')) continue;
            const l = m.get(o.fn.name) ?? [];
            l.push({ file: f, fn, op: o });
            m.set(o.fn.name, l);
          }
        }
      }
    }
  }
  callIndex.set(program, m);
  return m;
}

/** Every mention of variable `v`'s name in the text of `fn` is its declaration or an operation of `fn`'s IR on it. */
function allUsesSeen(file: FileFacts, fn: FuncIR, v: VarId, program: Program): boolean {
  const fact = funcFact(file, fn.id);
  const text = fact ? codeIn(program, file, fact.range) : null;
  if (text === null) return false;
  const is = (x: Val | undefined) => !!x && ((x.k === 'var' && x.id === v) || (x.k === 'field' && x.base === v));
  let uses = 0;
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if ((o.o === 'send' || o.o === 'recv' || o.o === 'close') && is(o.ch)) uses++;
      else if ((o.o === 'call' || o.o === 'go' || o.o === 'defer') && (o.args.some(is) || (o.fn.k === 'method' && is(o.fn.recv)) || (o.fn.k === 'value' && is(o.fn.v)))) uses++;
      else if (o.o === 'escape' && o.v === v) uses++;
      else if (o.o === 'assign' && (is(o.src) || o.dst === v)) uses++;
    }
    const t = b.term;
    if (t.t === 'select') uses += t.cases.filter((c) => is(c.ch)).length;
    if (t.t === 'range' && is(t.ch)) uses++;
  }
  return wordCount(text, varName(fn, v)) === uses + 1;
}

/** A leave path of `fn` from the call `op` that returns with the sends of the promise it got (result `result`) not
 * received, or undefined. */
function promiseLeave(file: FileFacts, fn: FuncIR, op: Op & { o: 'call' }, result: number, sends: number, program: Program): LeavePath | undefined {
  const v = op.res?.[result];
  let key: ChanKey;
  const lost = new Set<Op>();
  const recvCalls = new Map<Op, RecvOutcome[]>();
  if (v) {
    key = v;
    // the variable is declared by this call (`ch := F(x)`): one declared before it (`var ch chan T`, then assigned
    // in a branch) may still be nil on paths the IR does not tell apart (`if ch == nil { return }`)
    if (Number(v.slice(v.lastIndexOf('@') + 1).split(':')[0]) !== op.r.start.line) return undefined;
    // a literal of the caller that sees the channel (a goroutine that drains it, a callback): not judged
    if (nestedLiterals(file, fn.id).some((l) => mentions(l, v))) return undefined;
    // the variable is written elsewhere too (a channel from another call or a make): its receives are not this call's
    if (fn.blocks.some((b) => b.ops.some((o) => o !== op && ((o.o === 'call' && o.res?.includes(v)) || (o.o === 'make' && o.dst === v) || (o.o === 'assign' && o.dst === v))))) return undefined;
    // a helper that only receives from it counts its ways back (src/analysis/receives.ts)
    for (const o of [...escapeOps(fn, v, drains(file, program)), ...closeOps(fn, v)]) {
      const outs = o.o === 'call' ? callReceives(o, v, fn, file, program) : undefined;
      if (outs) recvCalls.set(o, outs);
      else lost.add(o);
    }
    // the IR records the uses of a variable it knows to be a channel; one that holds a call's result may be used in
    // ways it does not record (`s = append(s, ch)`): every mention of the name in the function's text must be the
    // declaration or a use the IR holds
    if (!allUsesSeen(file, fn, v, program)) return undefined;
  } else if (op.res === undefined || op.res.every((x) => x === null)) {
    // used straight: only a receive from it (`<-F(x)`, `case r := <-F(x):`, `for r := range F(x)`) is followed
    key = `call:${op.r.start.line}:${op.r.start.col}`;
    if (!receivesIn(fn, key, false)) return undefined;
  } else return undefined;
  const stops = new Map([...fieldCallExits(file, fn, program), ...shutdownBlocks(file, fn)]);
  return leavePaths(fn, key, 0, [{ op, sends }], stops, lost, recoversPanics(fn, file), panicsIn(file, program), recvCalls).get(op);
}

/** A bare receive of a function on a channel it makes and that nothing ever sends on or closes (see
 * deadChannels): once reached, it waits forever. */
export interface DeadWait {
  chanName: string;
  made: Range;
  wait: Range;
}

/** The bare receives (a receive, or a range over the channel) of `fn` on channels it makes that nothing can feed:
 * not `fn`, not its literals, not the goroutines it hands them to, and they go nowhere else. */
export function deadWaits(file: FileFacts, fn: FuncIR, program: Program): DeadWait[] {
  const makes = new Map<VarId, Op & { o: 'make' }>();
  const gos: (Op & { o: 'go' })[] = [];
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (o.o === 'go') gos.push(o);
      else if (o.o === 'make') makes.set(o.dst, makes.has(o.dst) ? { ...o, cap: -1 as unknown as number } : o);
    }
  }
  if (makes.size === 0) return [];
  const dead = deadChannels(file, fn, makes, gos, program);
  const out: DeadWait[] = [];
  for (const id of dead) {
    const mk = makes.get(id)!;
    // made once: a second make may be fed elsewhere
    if (mk.cap === -1) continue;
    for (const b of fn.blocks) {
      const at = b.ops.find((o) => o.o === 'recv' && sameVar(o.ch, id));
      const r = at?.r ?? (b.term.t === 'range' && sameVar(b.term.ch, id) ? b.term.r : undefined);
      if (!r) continue;
      out.push({ chanName: varName(fn, id), made: mk.r, wait: r });
      break;
    }
  }
  return out;
}

/** The module function a call op hands channel `n` (a variable of the calling function) to, as its parameter
 * `p`, when that function only sends on it (no receive, close or hand-off: the summaries' ChanUse). */
function sendingHelper(o: Op, n: ChanKey, file: FileFacts, program: Program): { fn: FuncIR; file: FileFacts; p: VarId } | undefined {
  if (o.o !== 'call' || o.fn.k === 'builtin') return undefined;
  const at = o.args.findIndex((a) => a.k === 'var' && a.id === n);
  if (at < 0 || o.args.some((a, i) => i !== at && a.k === 'var' && a.id === n)) return undefined;
  const c = resolveCallee(o.fn, file, program);
  if (!c) return undefined;
  const u = summaries(program).param(c, at);
  if (!u.sends || u.recvs || u.closes || u.escapes) return undefined;
  const p = Object.entries(c.fn.vars).find(([, v]) => v.kind === 'param' && v.index === at)?.[0];
  return p ? { fn: c.fn, file: c.file, p } : undefined;
}

/** Call op `o` hands `n` to a helper that only sends on it and has a func literal that sees it (a goroutine of its
 * own, a callback): its sends cannot be counted along the paths of one function. */
function helperHasLiteral(o: Op, n: ChanKey, file: FileFacts, program: Program): boolean {
  const h = sendingHelper(o, n, file, program);
  return !!h && nestedLiterals(h.file, h.fn.id).some((l) => mentions(l, h.p));
}

/** For maxSends: the most sends a call op makes on channel `n` through a helper that only sends on it (followed a
 * few calls deep; a literal of the helper that sees the channel makes it uncountable: MANY). */
function helperSends(file: FileFacts, program: Program, depth: number): (o: Op, n: ChanKey) => number {
  return (o, n) => {
    const h = depth < 4 ? sendingHelper(o, n, file, program) : undefined;
    if (!h) return 0;
    if (nestedLiterals(h.file, h.fn.id).some((l) => mentions(l, h.p))) return MANY;
    const inner = helperSends(h.file, program, depth + 1);
    return maxSends(h.fn, h.p, () => false, false, (x) => inner(x, h.p));
  };
}

/** The first unguarded send on `n` in a helper the function hands it to (see helperSends), with its file. */
function helperSite(fn: FuncIR, file: FileFacts, n: ChanKey, program: Program, depth: number): { r: Range; text: string; file: string } | undefined {
  if (depth >= 4) return undefined;
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      const h = sendingHelper(o, n, file, program);
      if (!h) continue;
      const own = sendSites(h.fn, h.p, () => false)[0];
      if (own) return { ...own, file: h.file.path };
      const deeper = helperSite(h.fn, h.file, h.p, program, depth + 1);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

/** `fn` sends on `ch` itself (an op or a select case), or hands it to a defer. */
function sendsOn(fn: FuncIR, ch: VarId): boolean {
  return fn.blocks.some((b) => b.ops.some((o) => o.o === 'send' && sameVar(o.ch, ch)) || (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && sameVar(c.ch, ch))));
}

/** The parent cannot return while the goroutine of `op` runs: every way from the go op to a return passes a wait for
 * it. The group's wait the API table names for a group's Go (`g.Go(f)` … `g.Wait()`), or, for a literal that marks a
 * WaitGroup of the parent done in a defer of its entry block (`defer wg.Done()`), that WaitGroup's Wait. */
function waitedOnEveryWay(parent: FuncIR, op: Op & { o: 'go' }, target: FuncIR, file: FileFacts): boolean {
  let isWait: ((o: Op) => boolean) | undefined;
  if (op.waiter) {
    const w = op.waiter;
    isWait = (o) => o.o === 'call' && o.fn.k === 'method' && o.fn.name === w.name && sameVal(o.fn.recv, w.v);
  } else if (op.fn.k === 'lit' && target.parent !== undefined) {
    const done = target.blocks[0]?.ops.find((o) => o.o === 'defer' && o.fn.k === 'method' && o.fn.recv.k === 'var' && groupEffect(o, o.fn.recv.id) === 'wg-done');
    const wg = done && done.o === 'defer' && done.fn.k === 'method' && done.fn.recv.k === 'var' ? done.fn.recv.id : undefined;
    if (wg && parent.vars[wg]) isWait = (o) => o.o === 'call' && groupEffect(o, wg) === 'wg-wait';
  }
  if (!isWait) return false;
  const gb = parent.blocks.findIndex((b) => b.ops.includes(op));
  if (gb < 0) return false;
  const blk = parent.blocks[gb]!;
  if (blk.ops.slice(blk.ops.indexOf(op) + 1).some(isWait)) return true;
  return everyWayPasses(parent, blk.succ, (b) => b.ops.some(isWait!));
}

function sameVal(a: Val, b: Val): boolean {
  if (a.k === 'var' && b.k === 'var') return a.id === b.id;
  if (a.k === 'field' && b.k === 'field') return a.text === b.text && a.base === b.base;
  return false;
}
