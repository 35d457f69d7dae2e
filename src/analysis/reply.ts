// Request and reply: a goroutine that takes a reply channel out of a request channel (`errc := <-s.quit`, the
// channel's elements are channels) and answers on it (`errc <- nil`). The answer cannot block when every request
// the package sends on that field carries a channel its sender made itself (`errc := make(chan error)`) and, once
// the request is taken (a bare send, or the send case of a select), the sender receives from that channel on every
// way on before it can return. A sender that can return first, wait in a select with another way out, or a reply
// channel of unknown origin, leaves the answer judged. The field must not leave the package's sight.
// Plain data in, a yes or no out; shared by the rules that judge a goroutine's blocking operations.
import type { Program } from '../index/program.js';
import type { Block, FnRef, FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { fieldUse } from './fields.js';
import { indexOf } from './irindex.js';
import { resolveCallee } from './summaries.js';

const same = (a: Range, b: Range): boolean => a.start.line === b.start.line && a.start.col === b.start.col;
const isVar = (v: Val | undefined, id: VarId): boolean => v?.k === 'var' && v.id === id;

/** The channel variable of `fn`'s operation at `r`: a send (a send op or a select's send case), or with `sendsOnly`
 * false also a receive, a receive case or a range; the last one there when several share the place. */
function chanVarAt(fn: FuncIR, r: Range, sendsOnly: boolean): VarId | undefined {
  let ch: VarId | undefined;
  for (const b of fn.blocks) {
    for (const o of b.ops) if ((o.o === 'send' || (!sendsOnly && o.o === 'recv')) && same(o.r, r) && o.ch.k === 'var') ch = o.ch.id;
    if (b.term.t === 'select') for (const c of b.term.cases) if ((c.kind === 'send' || !sendsOnly) && same(c.r, r) && c.ch.k === 'var') ch = c.ch.id;
    if (!sendsOnly && b.term.t === 'range' && same(b.term.r, r) && b.term.ch.k === 'var') ch = b.term.ch.id;
  }
  return ch;
}

/** From op `from` of block `start` on, every way reaches a receive from `reply` (or an op `also` accepts in its
 * stead) before a return of `fn`. */
export function receivesBeforeReturn(fn: FuncIR, start: number, from: number, reply: VarId, also?: (o: Op) => boolean): boolean {
  const seen = new Set<number>();
  const walk = (bi: number, first: number): boolean => {
    if (first === 0) {
      if (seen.has(bi)) return true; // a loop back: no return on this way
      seen.add(bi);
    }
    const b: Block | undefined = fn.blocks[bi];
    if (!b) return false;
    for (let i = first; i < b.ops.length; i++) {
      const o = b.ops[i]!;
      if ((o.o === 'recv' && isVar(o.ch, reply)) || also?.(o)) return true;
    }
    const t = b.term;
    if (t.t === 'return' || t.t === 'end') return false;
    if (t.t === 'exit') return true;
    if (t.t === 'range' && isVar(t.ch, reply)) return true;
    if (t.t === 'select') {
      return b.succ.every((s) => {
        const c = t.cases.find((x) => x.to === s);
        if (c && c.kind === 'recv' && isVar(c.ch, reply)) return true;
        return walk(s, 0);
      });
    }
    if (b.succ.length === 0) return false;
    return b.succ.every((s) => walk(s, 0));
  };
  return walk(start, from);
}

/**
 * The send at `r` in function `fnId` of `file` answers a request: its channel is a variable received from a struct
 * field's channel, sent on once in the function, and every request sent on that field waits for the answer.
 */
export function answeredReply(program: Program, file: FileFacts, fnId: string, r: Range): boolean {
  const ix = indexOf(file);
  const fn = ix?.byId.get(fnId);
  if (!ix || !fn) return false;
  const reply = chanVarAt(fn, r, true);
  let sends = 0;
  if (!reply) return false;
  for (const b of fn.blocks) {
    for (const o of b.ops) if (o.o === 'send' && isVar(o.ch, reply)) sends++;
    if (b.term.t === 'select') for (const c of b.term.cases) if (c.kind === 'send' && isVar(c.ch, reply)) sends++;
  }
  if (sends !== 1) return false;
  const from = ix.vars.get(reply)?.recvFrom;
  if (from?.k !== 'field' || !from.owner) return false;
  const use = fieldUse(program, file, from.owner, from.name);
  if (!use || use.escapes || use.adopted || use.returned) return false;
  const onField = (v: Val): boolean => v.k === 'field' && v.name === from.name && (!v.owner || v.owner.name === from.owner!.name);
  let requests = 0;
  for (const f of program.packageOf(file).files) {
    for (const g of f.ir ?? []) {
      const made = new Set<VarId>();
      for (const b of g.blocks) for (const o of b.ops) if (o.o === 'make') made.add(o.dst);
      for (let bi = 0; bi < g.blocks.length; bi++) {
        const b = g.blocks[bi]!;
        for (let i = 0; i < b.ops.length; i++) {
          const o = b.ops[i]!;
          if (o.o !== 'send' || !onField(o.ch)) continue;
          requests++;
          if (!o.v || !made.has(o.v.id) || !receivesBeforeReturn(g, bi, i + 1, o.v.id)) return false;
        }
        if (b.term.t === 'select') {
          for (const c of b.term.cases) {
            if (c.kind !== 'send' || !onField(c.ch)) continue;
            requests++;
            if (!c.v || !made.has(c.v.id) || !receivesBeforeReturn(g, c.to, 0, c.v.id)) return false;
          }
        }
      }
    }
  }
  return requests > 0;
}

/**
 * The operation at `r` in function `fnId` of `file` is on a reply channel (a variable received from a channel of
 * channels, `request := <-requests`) whose requests no code of the file sends: the channel of channels is a variable
 * handed only to code goleash cannot see (`go session.Multiplex(16, 0, requests)`, a function of another module), which
 * sends each request and talks on it. The requester, the other half of every operation on the reply channel, is out of sight: not judged.
 */
export function unseenRequester(program: Program, file: FileFacts, fnId: string, r: Range): boolean {
  const ix = indexOf(file);
  const fn = ix?.byId.get(fnId);
  if (!ix || !fn) return false;
  const ch = chanVarAt(fn, r, false);
  const from = ch ? ix.vars.get(ch)?.recvFrom : undefined;
  if (from?.k !== 'var') return false;
  const requests = from.id;
  // the channel of channels: made in the file, never sent on by it nor copied, stored or sent away, and handed to
  // a function of another module (not the standard library's, which keeps no channel to talk on)
  let made = false;
  let handed = false;
  const isReq = (v: Val | undefined) => isVar(v, requests);
  for (const g of file.ir ?? []) {
    for (const b of g.blocks) {
      for (const o of b.ops) {
        if (o.o === 'make' && o.dst === requests) made = true;
        if (o.o === 'send' && (isReq(o.ch) || isReq(o.v))) return false;
        if ((o.o === 'escape' && o.v === requests) || ((o.o === 'assign' || o.o === 'store') && isReq(o.src))) return false;
        if ((o.o === 'call' || o.o === 'go' || o.o === 'defer') && o.args.some(isReq)) {
          // handed to a function of the module: its sends are the requests, in sight (judged as usual)
          if (resolveCallee(o.fn, file, program)) return false;
          const other = foreignCallee(program, file, g, o.fn);
          if (other === undefined) return false;
          if (other) handed = true;
        }
      }
      if (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && (isReq(c.ch) || isReq(c.v)))) return false;
    }
  }
  return made && handed;
}

/** Whether call target `f` (of function `g` in `file`) is code of another module: true for a function of an imported
 * package outside the module and the standard library, or a method on a value whose type is such a package's;
 * false for the standard library (fmt, log: nothing there talks on the channel); undefined when it may be the
 * module's own code (an interface the module's types may implement, a func value). */
function foreignCallee(program: Program, file: FileFacts, g: FuncIR, f: FnRef): boolean | undefined {
  const outside = (pkg: string) => !program.packageByImport(pkg) && pkg.split('/')[0]!.includes('.');
  const std = (pkg: string) => !pkg.split('/')[0]!.includes('.');
  if (f.k === 'pkg') return std(f.pkg) ? false : outside(f.pkg) ? true : undefined;
  if (f.k === 'method' && f.recv.k === 'var') {
    const t = g.vars[f.recv.id]?.type;
    if (t?.k === 'named' && t.pkg !== '') return std(t.pkg) ? false : outside(t.pkg) ? true : undefined;
  }
  return undefined;
}
