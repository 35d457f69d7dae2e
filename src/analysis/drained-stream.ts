// A returned stream that every caller drains: a goroutine's send on a channel its parent makes and returns to its
// caller (and hands nowhere else) finds a reader when the parent has callers in the module and every one reads the
// channel until it is closed (src/analysis/stream-callers.ts, the judgement `unguarded-stream` uses). A caller that
// can stop early, hands the channel on or reads it in a way goleash cannot follow leaves the send judged, and so
// does a stream with no caller in the module (its readers are elsewhere).
import type { Program } from '../index/program.js';
import type { FuncIR, Val, VarId } from '../ir/types.js';
import type { Range } from '../parse/types.js';
import { varsInTarget, type Goroutine } from './goroutines.js';
import { streamCallers } from './stream-callers.js';

const isVar = (v: Val | undefined, id: VarId): boolean => v?.k === 'var' && v.id === id;

/** The parent returns `ch` and does nothing else with it that could read it or hand it on. */
function onlyReturned(parent: FuncIR, g: Goroutine, ch: VarId): boolean {
  let returned = false;
  for (const b of parent.blocks) {
    if (b.term.t === 'range' && isVar(b.term.ch, ch)) return false;
    if (b.term.t === 'select' && b.term.cases.some((c) => isVar(c.ch, ch))) return false;
    for (const o of b.ops) {
      if (o.o === 'escape' && o.v === ch) {
        if (o.how !== 'return') return false;
        returned = true;
      } else if (o.o === 'assign' && isVar(o.src, ch)) return false;
      else if (o.o === 'recv' && isVar(o.ch, ch)) return false;
      else if ((o.o === 'call' || o.o === 'defer') && o.args.some((a) => isVar(a, ch)) && !(o.fn.k === 'builtin' && ['len', 'cap', 'close'].includes(o.fn.name))) return false;
      else if (o.o === 'go' && o !== g.op && o.args.some((a) => isVar(a, ch))) return false;
    }
  }
  return returned;
}

/** The goroutine's send at `r` (in its own body) is on a channel its parent returns to callers that all drain it. */
export function drainedReturnedStream(program: Program, g: Goroutine, r: Range): boolean {
  if (!/^(F|M):/.test(g.parent.id)) return false;
  let sent: VarId | undefined;
  for (const b of g.target.blocks) for (const o of b.ops) if (o.o === 'send' && o.r.start.line === r.start.line && o.r.start.col === r.start.col && o.ch.k === 'var') sent = o.ch.id;
  if (!sent) return false;
  for (const b of g.parent.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'make' || !varsInTarget(g, o.dst).includes(sent)) continue;
      if (!onlyReturned(g.parent, g, o.dst)) return false;
      const callers = streamCallers(program, g.file, g.parent.id);
      return !!callers && callers.sites.length > 0 && callers.sites.every((c) => c.drains);
    }
  }
  return false;
}
