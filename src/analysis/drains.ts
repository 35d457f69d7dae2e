// Drain summaries, per channel parameter, to a fixed point across the module: whether a function, handed a channel,
// receives from it until it is closed on every path it can take to its end (it drains it), so that whoever sends on
// the channel is never left waiting once the function has it. Plain data (a level per parameter), no verdicts: the
// rules decide what a drained channel means to them (src/analysis/stream-callers.ts asks it of a stream's callers).
//
// The function drains parameter p when every path from its entry to a return or the end of its body (a path that
// panics or ends the program does not count) passes one of:
//   - a `for … range p` with no way out of the loop other than the close (no break, return, goto or labelled
//     continue out of it, no exit in it), or the comma-ok loop the IR builds as one (`for { v, ok := <-p; if !ok
//     { break } … }`), or a loop whose only way out is the `if !ok` of a comma-ok receive of p (closeOnlyLoop);
//   - a call, or a go statement, that hands p to a function (or func literal) of the module whose parameter drains,
//     or a go statement of a literal that drains p itself (`go func() { for v := range p { … } }()`). A go
//     statement in a loop counts on the paths that run the loop's body: a counted loop with constant bounds
//     (`for i := 0; i < 16; i++`, the IR's `once`) runs it at least once, so its normal exit passes it too.
// A transformer relays: its loop over p sends what it reads on a channel the function returns (`out := make(…); go
// func() { defer close(out); for v := range p { out <- f(v) } }(); return out`). It keeps reading p only while its
// own caller reads `out`: its level is 'relay', and a call of it drains its argument only when what the call returns
// is drained in turn (assigned to a variable the caller drains, handed to a function whose parameter drains,
// ranged over, or returned by a function that then relays itself). Sends in the loop on other channels are not
// followed (whether they block is the concern of the rules that judge those channels).
//
// Recursion is solved by iteration from the top ('yes'), as the loops of one function are: a function met again
// while its own level is being computed contributes what is known of it so far, and whole passes are repeated
// until no level falls. A path counts when it ends; a recursion that never ends (it overflows the stack) passes no
// end, like a loop with no exit.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, VarId } from '../ir/types.js';
import type { FileFacts } from '../parse/types.js';
import { closeOnlyLoop, insideLoop, isVar, leavesEarly } from './goroutines.js';
import { indexOf } from './irindex.js';
import { resolveCallee, summaries, type Callee } from './summaries.js';
import { funcFact } from '../parse/lookup.js';

/** 'yes': drained on every path; 'relay': drained as long as the channel the function returns is drained too. */
export type Drain = 'no' | 'relay' | 'yes';

const RANK: Record<Drain, number> = { no: 0, relay: 1, yes: 2 };
const lo = (a: Drain, b: Drain): Drain => (RANK[a] <= RANK[b] ? a : b);
const hi = (a: Drain, b: Drain): Drain => (RANK[a] >= RANK[b] ? a : b);

type CallOp = Op & { o: 'call' | 'go' | 'defer' };

function paramId(fn: FuncIR, index: number): VarId | undefined {
  for (const [id, v] of Object.entries(fn.vars)) if (v.kind === 'param' && v.index === index) return id;
  return undefined;
}

const key = (op: Op) => `${op.r.start.line}:${op.r.start.col}`;

export class Drains {
  private final = new Map<string, Drain>();
  private approx = new Map<string, Drain>();
  private pass = new Map<string, Drain>();
  private visiting = new Set<string>();
  private changed = false;
  private provisional = false;

  constructor(private readonly program: Program) {}

  /** Whether the function drains its parameter `index` (a channel parameter; 'no' for any other). */
  param(callee: Callee, index: number): Drain {
    const k = `${callee.file.path}#${callee.fn.id}#${index}`;
    const done = this.final.get(k);
    if (done) return done;
    for (let round = 0; round < 64; round++) {
      this.pass.clear();
      this.changed = false;
      this.provisional = false;
      const d = this.compute(callee, index, k);
      if (!this.changed || !this.provisional) {
        for (const [kk, v] of this.pass) this.final.set(kk, v);
        return d;
      }
    }
    return 'no';
  }

  /**
   * Whether what the call `op` of `fn` returns (its channel result) is drained from there on: assigned to a
   * variable drained on every path after the call, handed to a call or go statement that drains it, ranged over
   * with no way out, or (`relay`) returned straight by `top`, the function being summarized.
   */
  result(fn: FuncIR, file: FileFacts, op: Op & { o: 'call' }, top: FuncIR = fn): Drain {
    if (op.ret !== undefined) return fn === top ? 'relay' : 'no';
    if (op.res) {
      const c = resolveCallee(op.fn, file, this.program);
      const decl = c ? funcFact(c.file, c.fn.id) : undefined;
      const ci = decl ? Math.max(0, decl.results.findIndex((t) => t.k === 'chan')) : 0;
      const v = op.res[ci];
      if (!v) return 'no';
      const at = this.where(fn, op);
      return at ? this.flow(fn, file, v, top, at) : 'no';
    }
    // the result is used as a value right where it is made: an argument of another call, or a range's channel
    const k = key(op);
    for (const [bi, b] of fn.blocks.entries()) {
      for (const o of b.ops) {
        if (o.o !== 'call' && o.o !== 'go') continue;
        const j = o.args.findIndex((a) => a.k === 'expr' && a.call === k);
        if (j >= 0) return this.handoff(fn, file, o, j, top);
      }
      const t = b.term;
      // (a range over a call's result is a plain loop in the IR, which does not know the result's type: here it is
      // the callee's channel result)
      if ((t.t === 'range' && t.ch.k === 'expr' && t.ch.call === k) || (t.t === 'loop' && t.call === k)) return leavesEarly(fn, bi) ? 'no' : this.loopLevel(fn, file, bi, top);
    }
    return 'no';
  }

  private compute(callee: Callee, index: number, k: string): Drain {
    const had = this.pass.get(k);
    if (had) return had;
    if (this.visiting.has(k)) {
      this.provisional = true;
      return this.approx.get(k) ?? 'yes';
    }
    const p = paramId(callee.fn, index);
    let d: Drain = 'no';
    if (p && callee.fn.vars[p]!.type?.k === 'chan') {
      this.visiting.add(k);
      d = this.flow(callee.fn, callee.file, p, callee.fn, { block: 0, op: 0 });
      this.visiting.delete(k);
    }
    if ((this.approx.get(k) ?? 'yes') !== d) this.changed = true;
    this.approx.set(k, d);
    this.pass.set(k, d);
    return d;
  }

  private where(fn: FuncIR, op: Op): { block: number; op: number } | undefined {
    for (const [bi, b] of fn.blocks.entries()) {
      const i = b.ops.indexOf(op);
      if (i >= 0) return { block: bi, op: i + 1 };
    }
    return undefined;
  }

  /** What handing the channel to argument `j` of call or go op `o` does for it. */
  private handoff(fn: FuncIR, file: FileFacts, o: CallOp, j: number, top: FuncIR): Drain {
    if (o.o === 'defer') return 'no';
    const c = resolveCallee(o.fn, file, this.program);
    if (!c) return 'no';
    // (outside a pass, from result() called by a rule: a fixed point of its own)
    const d = this.visiting.size === 0 ? this.param(c, j) : this.compute(c, j, `${c.file.path}#${c.fn.id}#${j}`);
    if (d === 'yes') return 'yes';
    // a relay drains only while its result is: what a go statement returns is lost
    if (d === 'relay' && o.o === 'call') return this.result(fn, file, o, top);
    return 'no';
  }

  /** A loop over the channel with no way out but its close: 'relay' when its body sends on a channel that `top`
   * returns (it reads only as fast as that one is read), else 'yes'. */
  private loopLevel(fn: FuncIR, file: FileFacts, h: number, top: FuncIR): Drain {
    const returned = new Set<VarId>();
    for (const b of top.blocks) for (const o of b.ops) if (o.o === 'escape' && o.how === 'return') returned.add(o.v);
    if (returned.size === 0) return 'yes';
    const out = (v: { k: string; id?: string }) => v.k === 'var' && returned.has(v.id!);
    for (const [bi, b] of fn.blocks.entries()) {
      if (!insideLoop(fn, bi, h)) continue;
      for (const o of b.ops) {
        if (o.o === 'send' && out(o.ch)) return 'relay';
        if ((o.o === 'call' || o.o === 'go') && o.fn.k !== 'builtin') {
          for (const [j, a] of o.args.entries()) {
            if (!out(a)) continue;
            const c = resolveCallee(o.fn, file, this.program);
            if (!c || summaries(this.program).param(c, j).sends) return 'relay';
          }
        }
      }
      if (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'send' && out(c.ch))) return 'relay';
    }
    return 'yes';
  }

  /** What the ops of block `bi` (from op `from` on) and its terminator do for variable `id`. */
  private gen(fn: FuncIR, file: FileFacts, bi: number, from: number, id: VarId, top: FuncIR): Drain {
    const b = fn.blocks[bi]!;
    let d: Drain = 'no';
    for (const o of b.ops.slice(from)) {
      if (o.o !== 'call' && o.o !== 'go') continue;
      for (const [j, a] of o.args.entries()) if (isVar(a, id)) d = hi(d, this.handoff(fn, file, o, j, top));
      // a literal the function runs (a goroutine, or called in place) that sees the variable by capture
      const lit = o.fn.k === 'lit' ? o.fn.id : o.fn.k === 'value' && o.fn.v.k === 'var' ? indexOf(file)?.vars.get(o.fn.v.id)?.lit : undefined;
      const ir = lit ? indexOf(file)?.byId.get(lit) : undefined;
      if (ir && ir !== fn && ir.parent !== undefined) d = hi(d, this.flow(ir, file, id, top, { block: 0, op: 0 }));
    }
    const t = b.term;
    const over = (t.t === 'range' && isVar(t.ch, id)) || (t.t === 'loop' && closeOnlyLoop(fn, bi)?.ch.id === id);
    if (over && !(t.t === 'range' && leavesEarly(fn, bi))) d = hi(d, this.loopLevel(fn, file, bi, top));
    return d;
  }

  /**
   * The least level at which every path of `fn` from `at` (a block and the first op to look at) to a return or
   * the end of the body drains variable `id`: a must-dataflow over the CFG.
   */
  private flow(fn: FuncIR, file: FileFacts, id: VarId, top: FuncIR, at: { block: number; op: number }): Drain {
    const blocks = fn.blocks;
    const reach = new Set<number>([at.block]);
    const queue = [at.block];
    for (let i = 0; i < queue.length; i++) for (const s of blocks[queue[i]!]!.succ) if (!reach.has(s)) reach.add(s), queue.push(s);
    const gens = new Map<number, Drain>();
    for (const bi of reach) gens.set(bi, this.gen(fn, file, bi, bi === at.block ? at.op : 0, id, top));
    // the start block's ops before `at` are not on the way; a path back into it starts over
    const preds = new Map<number, number[]>();
    for (const bi of reach) for (const s of blocks[bi]!.succ) if (reach.has(s)) preds.set(s, [...(preds.get(s) ?? []), bi]);
    const out = new Map<number, Drain>();
    for (const bi of reach) out.set(bi, 'yes');
    const edge = (p: number, s: number): Drain => {
      const pb = blocks[p]!;
      // the normal exit of a loop whose body runs at least once is taken after the body has run
      if (pb.term.t === 'loop' && pb.term.once && pb.succ[1] === s && pb.succ[0] !== s) {
        let back: Drain = 'yes';
        for (const q of preds.get(p) ?? []) if (insideLoop(fn, q, p) && q !== p) back = lo(back, out.get(q)!);
        return hi(gens.get(p)!, back);
      }
      return out.get(p)!;
    };
    for (let round = 0, changed = true; changed && round < 1000; round++) {
      changed = false;
      for (const bi of reach) {
        let inn: Drain = 'yes';
        if (bi === at.block) inn = 'no';
        else for (const p of preds.get(bi) ?? []) inn = lo(inn, edge(p, bi));
        const o = hi(inn, gens.get(bi)!);
        if (o !== out.get(bi)) out.set(bi, o), (changed = true);
      }
    }
    let d: Drain = 'yes';
    for (const bi of reach) {
      const t = blocks[bi]!.term;
      if (t.t === 'return' || t.t === 'end' || (t.t === 'exit' && t.how === 'goexit')) d = lo(d, out.get(bi)!);
    }
    return d;
  }
}

const perProgram = new WeakMap<Program, Drains>();

/** The drain summaries of a program (one per Program). */
export function drains(program: Program): Drains {
  let s = perProgram.get(program);
  if (!s) perProgram.set(program, (s = new Drains(program)));
  return s;
}
