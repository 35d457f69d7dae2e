// Settled sends, counted on the IR: for a channel of the parent (a channel it makes, or a struct field's channel of
// its package), every send that the goroutines the parent starts (and the parent itself) can make on it finds a
// buffer slot or a receive of the parent, on every path of the parent to a return, the end of its body, or a stop
// of the test (t.Fatal, runtime.Goexit). Counts are exact along a path, as in the leave paths
// (src/analysis/leave.ts): a goroutine contributes the most sends one run of it can make (maxSends), a loop of
// the parent that receives from the channel and ends normally is taken to have received every send, and a path
// out of the parent after a `defer close(ch)` leaves no send blocked (a send still waiting panics). Anything
// the IR cannot count (the channel handed to a call that may send, a target it cannot see, a literal of the
// parent that sends on it) leaves the sends unsettled. A field's channel is one channel only when every use
// reaches it through the same value (the parent's receiver, captured or the receiver of the started method), and
// only when no other function of the package sends on it and the field never leaves the package's sight.
// A yes or no: the rules decide what it means to them.
import type { Program } from '../index/program.js';
import type { FnRef, FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, GoFact } from '../parse/types.js';
import { declaring, fieldUseOf } from './fields.js';
import { escapesIn, goOpOf, goOps, irOf, isNestedIn, isVar, literalMentions, mentions, nestedLiterals, receiverOf, targetOf } from './goroutines.js';
import { fieldKey, MANY, maxSends, receivingLoops, type ChanKey } from './leave.js';
import { namesIn } from './siblings.js';
import { resolveCallee, type ChanUse } from './summaries.js';
import { declaredName } from '../parse/syntax.js';

/** per parent and channel: the go ops whose sends are all settled (empty: none) */
const cache = new WeakMap<FuncIR, Map<ChanKey, Set<Op>>>();

function isKey(v: Val | undefined, key: ChanKey): boolean {
  if (!v) return false;
  return key.startsWith('field:') ? fieldKey(v) === key : v.k === 'var' && v.id === key;
}

/** The IR uses the channel `key` (a variable or a field of this package's type). */
function uses(fn: FuncIR, key: ChanKey): boolean {
  if (!key.startsWith('field:')) return mentions(fn, key);
  const is = (v: Val | undefined) => isKey(v, key);
  return fn.blocks.some(
    (b) =>
      b.ops.some(
        (o) =>
          ((o.o === 'send' || o.o === 'recv' || o.o === 'close') && is(o.ch)) ||
          ((o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.args.some(is)) ||
          (o.o === 'assign' && is(o.src)) ||
          ((o.o === 'store' || o.o === 'handout') && is(o.field)),
      ) ||
      (b.term.t === 'select' && b.term.cases.some((c) => is(c.ch))) ||
      (b.term.t === 'range' && is(b.term.ch)),
  );
}

/** The function may add sends on the channel the IR does not count, or take receives away from its parent: it
 * receives from it, closes it, hands it to a call that may send on it or let it go, copies or stores it. */
function opaque(fn: FuncIR, key: ChanKey, file: FileFacts, program: Program, receiveOk: boolean): boolean {
  const is = (v: Val | undefined) => isKey(v, key);
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      // a close is no receive: a send after it panics rather than blocks
      if (!receiveOk && o.o === 'recv' && is(o.ch)) return true;
      if (key.startsWith('field:') && (o.o === 'call' || o.o === 'defer' || o.o === 'go') && o.args.some(is) && !(o.fn.k === 'builtin' && (o.fn.name === 'len' || o.fn.name === 'cap' || (receiveOk && o.fn.name === 'close')))) return true;
      if (key.startsWith('field:') && o.o === 'assign' && is(o.src)) return true;
      // a field written or handed out: another channel, or one others may send on
      if ((o.o === 'handout' || (o.o === 'store' && !(receiveOk && o.made))) && is(o.field)) return true;
    }
    if (!receiveOk && b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'recv' && is(c.ch))) return true;
    if (!receiveOk && b.term.t === 'range' && is(b.term.ch)) return true;
  }
  if (key.startsWith('field:')) return false;
  return escapesIn(fn, key, { file, program, counts: (u: ChanUse) => u.sends || u.escapes || (!receiveOk && u.recvs) });
}

/** The buffer of the channel: the smallest cap of the parent's makes of it (a field: of every make in its package);
 * undefined when unknown or computed. */
function capacityOf(parent: FuncIR, file: FileFacts, key: ChanKey, program: Program): number | undefined {
  if (key.startsWith('field:')) {
    const c = program.fieldChanCap(file, key.slice('field:'.length));
    return typeof c === 'number' ? c : undefined;
  }
  let cap: number | undefined;
  for (const b of parent.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'make' || o.dst !== key) continue;
      if (o.cap === 'dyn') return undefined;
      cap = cap === undefined ? o.cap : Math.min(cap, o.cap);
    }
  }
  return cap;
}

/**
 * Every send on `key` by the goroutines the function `go.parent` starts (and by itself) is taken: by a buffer slot
 * or by a receive of the parent on every path out of it. `key` is the parent's variable, or `field:T.f`.
 */
export function sendsSettled(file: FileFacts, go: GoFact, key: ChanKey, program: Program): boolean {
  const parent = irOf(file, go.parent);
  const op = parent && goOpOf(parent, go);
  if (!parent || !op) return false;
  let perParent = cache.get(parent);
  if (!perParent) cache.set(parent, (perParent = new Map()));
  let v = perParent.get(key);
  if (v === undefined) perParent.set(key, (v = settle(file, parent, key, program)));
  return v.has(op);
}

/** The variables through which `fn` reaches field `key` (the bases of x.f); undefined for a use of unknown base. */
function basesOf(fn: FuncIR, key: ChanKey): Set<VarId> | undefined {
  const out = new Set<VarId>();
  let unknown = false;
  const see = (v: Val | undefined) => {
    if (!isKey(v, key) || v!.k !== 'field') return;
    if (v!.base) out.add(v!.base);
    else unknown = true;
  };
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (o.o === 'send' || o.o === 'recv' || o.o === 'close') see(o.ch);
      else if (o.o === 'store' || o.o === 'handout') see(o.field);
      else if (o.o === 'call' || o.o === 'defer' || o.o === 'go') o.args.forEach(see);
      else if (o.o === 'assign') see(o.src);
    }
    if (b.term.t === 'select') b.term.cases.forEach((c) => see(c.ch));
    if (b.term.t === 'range') see(b.term.ch);
  }
  return unknown ? undefined : out;
}

/** No function of the package but `allowed` (the parent first, then the targets) sends on a field named as
 * `key`'s (whatever its owner), no function but the parent runs a declared target, and the package never hands
 * the field out or writes another channel into it. */
function onlySenders(file: FileFacts, key: ChanKey, program: Program, allowed: FuncIR[]): boolean {
  const u = fieldUseOf(program, file, key.slice('field:'.length));
  if (!u || u.escapes || u.adopted || u.returned) return false;
  const name = key.slice(key.lastIndexOf('.') + 1);
  // the declared targets' names (F:name, M:T.name)
  const declared = new Set(allowed.slice(1).flatMap((f) => declaredName(f.id) ?? []));
  // a field of that name whose owner is unknown, or a type of the package that declares it or embeds it
  const pkg = program.packageOf(file);
  const field = key.slice('field:'.length);
  const named = (v: Val) => v.k === 'field' && v.name === name && (!v.owner || (v.owner.pkg === '' && (declaring(pkg, v.owner.name, name, 0) ?? field) === field));
  for (const f of program.packageOf(file).files) {
    for (const fn of f.ir ?? []) {
      if (allowed.includes(fn)) continue;
      const sends = fn.blocks.some(
        (b) => b.ops.some((o) => o.o === 'send' && named(o.ch)) || (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && named(c.ch))),
      );
      if (sends) return false;
      // another function that runs a declared target (by name, whatever the receiver): its sends are not counted
      if (fn === allowed[0]) continue;
      // (a call the IR resolves to another function does not; one it cannot resolve does, by the target's name)
      const runs = (r: FnRef) => {
        if ((r.k !== 'method' && r.k !== 'func') || !declared.has(r.name)) return false;
        const c = resolveCallee(r, f, program);
        return !c || allowed.includes(c.fn);
      };
      if (fn.blocks.some((b) => b.ops.some((o) => (o.o === 'call' || o.o === 'go' || o.o === 'defer') && (runs(o.fn) || o.args.some((a) => a.k === 'field' && declared.has(a.name)))))) return false;
    }
  }
  return true;
}

/** The package never hands field `key` out nor adopts a channel from elsewhere into it. */
function fieldStaysInPackage(file: FileFacts, key: ChanKey, program: Program): boolean {
  const u = fieldUseOf(program, file, key.slice('field:'.length));
  return !!u && !u.escapes && !u.adopted && !u.returned;
}

/**
 * The value whose field `key` the parent uses is one it makes itself (`v := &T{…}`) and that reaches no other code:
 * the parent only selects its fields and starts methods of it as goroutines, and each of those methods only selects
 * fields of its receiver (a selected name that is not a declared field is a method value, which hands the value
 * on). Then no other function can send on this value's field, whatever other functions of the package do on
 * other values of the type.
 */
function sealed(parent: FuncIR, file: FileFacts, key: ChanKey, base: VarId, program: Program): boolean {
  const v = parent.vars[base];
  if (!v?.fresh || !v.confined || v.confined.calls) return false;
  const pkg = program.packageOf(file);
  const field = key.slice('field:'.length);
  const owner = field.slice(0, field.lastIndexOf('.'));
  const fields = (bare: string[]) => bare.every((n) => declaring(pkg, owner, n, 0) !== undefined);
  if (!fields(v.confined.bare)) return false;
  for (const op of goOps(parent)) {
    if (op.fn.k !== 'method' || !isVar(op.fn.recv, base)) continue;
    const t = targetOf(op, file, program);
    if (!t || program.packageOf(t.file) !== pkg) return false;
    if (!recvConfined(t.fn, t.file, program, fields, 0)) return false;
  }
  return true;
}

/** The method's receiver only selects declared fields and calls methods of the package on itself (not as
 * goroutines), whose receivers do the same, a few calls deep. */
function recvConfined(fn: FuncIR, file: FileFacts, program: Program, fields: (bare: string[]) => boolean, depth: number): boolean {
  const recv = Object.values(fn.vars).find((x) => x.kind === 'recv');
  if (!recv?.confined || recv.confined.go || !fields(recv.confined.bare)) return false;
  if (!recv.confined.calls) return true;
  const callees = selfCalls(fn, file, program);
  if (!callees || depth >= 3) return false;
  return [...callees.values()].every((c) => recvConfined(c.fn, c.file, program, fields, depth + 1));
}

/**
 * The methods of its package that `fn` calls on its own receiver (`r.m(…)`), by call op; undefined when one of its
 * receiver's method calls does not resolve to a method of the package.
 */
function selfCalls(fn: FuncIR, file: FileFacts, program: Program): Map<Op, { fn: FuncIR; file: FileFacts }> | undefined {
  const out = new Map<Op, { fn: FuncIR; file: FileFacts }>();
  const rid = receiverOf(fn);
  const names = rid ? fn.vars[rid]!.confined?.calls ?? [] : [];
  const found = new Set<string>();
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'call' || o.fn.k !== 'method' || !rid || !isVar(o.fn.recv, rid)) continue;
      const c = resolveCallee(o.fn, file, program);
      if (!c || program.packageOf(c.file) !== program.packageOf(file)) return undefined;
      out.set(o, c);
      found.add(o.fn.name);
    }
  }
  return names.every((n) => found.has(n)) ? out : undefined;
}

/** `fn` and the methods it calls on its receiver, transitively (a few calls deep): the code one run of a method
 * goroutine runs on its value. Undefined when a call on the receiver does not resolve. */
function selfClosure(fn: FuncIR, file: FileFacts, program: Program): { fn: FuncIR; file: FileFacts; calls: Map<Op, { fn: FuncIR; file: FileFacts }> }[] | undefined {
  const out: { fn: FuncIR; file: FileFacts; calls: Map<Op, { fn: FuncIR; file: FileFacts }> }[] = [];
  const queue = [{ fn, file, depth: 0 }];
  for (let i = 0; i < queue.length; i++) {
    const q = queue[i]!;
    if (out.some((x) => x.fn === q.fn)) continue;
    const calls = selfCalls(q.fn, q.file, program);
    if (!calls || (calls.size > 0 && q.depth >= 3)) return undefined;
    out.push({ fn: q.fn, file: q.file, calls });
    for (const c of calls.values()) queue.push({ ...c, depth: q.depth + 1 });
  }
  return out;
}

/** The most sends on field `key` one run of `fn` makes, sends in the methods it calls on its receiver included
 * (a recursion counts as many). */
function maxSendsWithSelf(fn: FuncIR, key: ChanKey, closure: { fn: FuncIR; calls: Map<Op, { fn: FuncIR }> }[], stack: FuncIR[] = []): number {
  if (stack.includes(fn)) return MANY;
  const calls = closure.find((x) => x.fn === fn)?.calls;
  if (!calls || calls.size === 0) return maxSends(fn, key, undefined, true);
  const per = new Map<Op, number>();
  for (const [o, c] of calls) per.set(o, maxSendsWithSelf(c.fn, key, closure, [...stack, fn]));
  return maxSends(fn, key, undefined, true, (o) => per.get(o) ?? 0);
}

function settle(file: FileFacts, parent: FuncIR, key: ChanKey, program: Program): Set<Op> {
  const none = new Set<Op>();
  const field = key.startsWith('field:');
  const cap = capacityOf(parent, file, key, program);
  if (cap === undefined) return none;
  if (opaque(parent, key, file, program, true)) return none;
  // a field: the parent reaches it through one value, the one its goroutines use
  let base: VarId | undefined;
  if (field) {
    const bs = basesOf(parent, key);
    if (!bs || bs.size !== 1) return none;
    base = [...bs][0]!;
  }
  // the goroutines that use the channel, with the most sends one of them makes
  const senders = new Map<Op, number>();
  const targets: FuncIR[] = [];
  for (const op of goOps(parent)) {
    const lit = op.fn.k === 'lit' ? irOf(file, op.fn.id) : undefined;
    const passed = op.args.some((a) => isKey(a, key));
    const t = targetOf(op, file, program);
    if (field && passed) return none;
    const captured = !!lit && (field ? uses(lit, key) || nestedLiterals(file, lit.id).some((l) => uses(l, key)) : literalMentions(file, lit, key));
    if (!t) {
      // an unknown target may reach a field's channel through its receiver
      if (passed || captured || (field && op.fn.k === 'method')) return none;
      continue;
    }
    // a method goroutine on the value runs the methods it calls on its receiver too (sealed: only on this value)
    const closure = field && !lit && op.fn.k === 'method' ? selfClosure(t.fn, t.file, program) : [{ fn: t.fn, file: t.file, calls: new Map() }];
    if (!closure) return none;
    if (!passed && !captured && !(field && closure.some((c) => uses(c.fn, key)))) continue;
    const names = field ? [key] : namesIn(op, t.fn, file, key);
    if (names.length === 0) return none;
    for (const c of closure) {
      if (names.some((n) => opaque(c.fn, n, c.file, program, false))) return none;
      if (nestedLiterals(c.file, c.fn.id).some((l) => names.some((n) => uses(l, n)))) return none;
    }
    if (field) {
      // the same value's field: a literal captures the parent's, a method runs on it (and on it the methods it calls)
      for (const c of closure) {
        const bs = basesOf(c.fn, key);
        if (!bs || bs.size > 1) return none;
        const own =
          c.fn === t.fn
            ? lit ? base : op.fn.k === 'method' && isVar(op.fn.recv, base!) ? receiverOf(t.fn) : undefined
            : receiverOf(c.fn);
        if (!own || (bs.size === 1 && !bs.has(own))) return none;
      }
    }
    // the parent running one of those methods itself: its sends would not be counted
    if (closure.length > 1 && [parent, ...nestedLiterals(file, parent.id)].some((f) => f.blocks.some((b) => b.ops.some((o) => (o.o === 'call' || o.o === 'defer') && o.fn.k === 'method' && closure.some((c) => c.fn !== t.fn && resolveCallee(o.fn, file, program)?.fn === c.fn))))) return none;
    targets.push(...closure.map((c) => c.fn));
    // every send, a select's that may give up too (it may take a receive meant for a bare one)
    senders.set(op, closure.length > 1 ? maxSendsWithSelf(t.fn, key, closure) : Math.max(0, ...names.map((n) => maxSends(t.fn, n, undefined, true))));
  }
  if (senders.size === 0) return none;
  if (field && !(sealed(parent, file, key, base!, program) ? fieldStaysInPackage(file, key, program) : onlySenders(file, key, program, [parent, ...targets]))) return none;
  // any other literal of the parent that may send on the channel (a callback, a deferred func, a goroutine nested
  // in a literal): its sends are not counted
  for (const l of nestedLiterals(file, parent.id)) {
    if (targets.includes(l) || targets.some((t) => isNestedIn(file, l, t.id)) || !uses(l, key)) continue;
    if (l.blocks.some((b) => b.ops.some((o) => o.o === 'send' && isKey(o.ch, key)) || (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && isKey(c.ch, key))))) return none;
    if (opaque(l, key, file, program, true)) return none;
    if (goOps(l).length > 0) return none;
  }
  return everyPathTakes(parent, key, cap, senders) ? new Set(senders.keys()) : none;
}

/** Explore every path of `fn` from its entry with counts of sends started and receives made. */
function everyPathTakes(fn: FuncIR, key: ChanKey, cap: number, senders: Map<Op, number>): boolean {
  const loops = receivingLoops(fn, key, new Map());
  const sat = (n: number) => Math.min(n, MANY);
  const over = (sends: number, recv: number) => (sends >= MANY ? recv < MANY : sends > cap + recv);
  const seen = new Set<string>();
  // `closed`: the path has passed a `defer close(ch)`: on the way out a send still waiting panics, it does not block
  const queue: { b: number; sends: number; recv: number; closed: boolean }[] = [];
  let closed = false;
  const push = (b: number, sends: number, recv: number) => {
    const k = `${b}|${sends}|${recv}|${closed ? 'c' : ''}`;
    if (seen.has(k)) return;
    seen.add(k);
    queue.push({ b, sends, recv, closed });
  };
  // the blocks from which the function can still end: a path that loops forever past them never takes a send
  const ends = new Set<number>();
  fn.blocks.forEach((b, i) => (b.term.t === 'return' || b.term.t === 'end' || b.term.t === 'exit') && ends.add(i));
  for (let grew = true; grew; ) {
    grew = false;
    fn.blocks.forEach((b, i) => {
      if (!ends.has(i) && b.succ.some((j) => ends.has(j))) grew = !!ends.add(i);
    });
  }
  push(0, 0, 0);
  for (let qi = 0; qi < queue.length; qi++) {
    if (seen.size > 20000) return false;
    const s = queue[qi]!;
    const b = fn.blocks[s.b]!;
    let { sends, recv } = s;
    closed = s.closed;
    for (const o of b.ops) {
      if (o.o === 'defer' && o.fn.k === 'builtin' && o.fn.name === 'close' && isKey(o.args[0], key)) closed = true;
      if (o.o === 'go') {
        const n = senders.get(o);
        if (n !== undefined) sends = sat(sends + n);
      } else if (o.o === 'send' && isKey(o.ch, key)) sends = sat(sends + 1);
      else if (o.o === 'recv' && isKey(o.ch, key)) recv = sat(recv + 1);
      else if ((o.o === 'make' && o.dst === key) || (o.o === 'store' && o.made && isKey(o.field, key))) {
        // a fresh channel: the old one's sends must have found their way
        if (over(sends, recv)) return false;
        sends = 0;
        recv = 0;
      }
    }
    const t = b.term;
    if (!ends.has(s.b) && over(sends, recv)) return false;
    if (t.t === 'return' || t.t === 'end') {
      if (!closed && over(sends, recv)) return false;
      continue;
    }
    if (t.t === 'exit') {
      // a panic or os.Exit ends the process; t.Fatal and runtime.Goexit leave the goroutines behind (and run the
      // deferred close)
      if ((t.how === 'fatal' || t.how === 'goexit') && !closed && over(sends, recv)) return false;
      continue;
    }
    if (t.t === 'select') {
      t.cases.forEach((c, i) => {
        const to = b.succ[i]!;
        if (c.kind === 'recv' && isKey(c.ch, key)) push(to, sends, sat(recv + 1));
        else if (c.kind === 'send' && isKey(c.ch, key)) push(to, sat(sends + 1), recv);
        else push(to, sends, recv);
      });
      if (t.dflt !== undefined) push(t.dflt, sends, recv);
      continue;
    }
    if (t.t === 'range' || t.t === 'loop') {
      const ranging = t.t === 'range' && isKey(t.ch, key);
      push(b.succ[0]!, sends, ranging ? sat(recv + 1) : recv);
      if (b.succ[1] !== undefined) push(b.succ[1], sends, ranging || loops.has(s.b) ? MANY : recv);
      continue;
    }
    for (const to of b.succ) push(to, sends, recv);
  }
  return true;
}
