// Who a goroutine outlives: whether the function that starts it returns to a caller that keeps a hold on what the
// goroutine holds (a constructor, a method, a test), or sets up the program once (main, init, package main, a
// `once.Do`). A shared analysis for the rules that report goroutines no one can stop.
import type { Program } from '../index/program.js';
import { methodConvention } from '../api/table.js';
import { onlyFromProcessRoots, returnEndsProcess } from './callers.js';
import { notifiedChans, stoppedSignalChans } from './shutdown.js';
import type { FuncIR, Val } from '../ir/types.js';
import type { FileFacts } from '../parse/types.js';
import { canReturn, irOf, literalMentions, litOf, varsInTarget, type Goroutine, nestedLiterals } from './goroutines.js';

export /** The go statement runs inside a func literal handed to `x.Do(f)` (sync.Once, per the API table's method
 * conventions): it starts one goroutine per x, not one per call. */
function startedOnce(file: FileFacts, parent: FuncIR): boolean {
  for (let cur: FuncIR | undefined = parent, i = 0; cur?.parent && i < 50; i++) {
    const outer = irOf(file, cur.parent);
    if (!outer) return false;
    const id = cur.id;
    const handed = outer.blocks.some((b) =>
      b.ops.some((o) => o.o === 'call' && o.fn.k === 'method' && methodConvention(o.fn.name, o.args.length) === 'once' && o.args[0]?.k === 'lit' && o.args[0].id === id),
    );
    if (handed) return true;
    cur = outer;
  }
  return false;
}

export /**
 * The goroutine holds something the caller of its parent has a hold on: the parent is a test (the goroutine
 * outlives the test), a method or a literal in one (the goroutine outlives the receiver), returns something other than an error (a constructor: the goroutine outlives what it
 * returns), or the goroutine uses the parent's receiver or one of its parameters. A goroutine that uses only
 * the parent's own locals and package state is wiring for the life of the program (a signal handler installed by
 * a command's setup) and is not judged.
 */
function holdsCallerState(g: Goroutine, program: Program): boolean {
  if (g.file.path.endsWith('_test.go')) return true;
  // package main builds one program and nothing imports it: its functions are that program's wiring
  if (g.file.pkg === 'main') return false;
  // a method's goroutines belong to the life of its receiver, even when they use only the method's locals
  const outer0 = irOf(g.file, outerId(g.file, g.parent));
  if (outer0 && Object.values(outer0.vars).some((v) => v.kind === 'recv')) return true;
  const fact = program.funcById(g.file, g.parent.id)?.fact;
  if (fact?.results.some((r) => !(r.k === 'named' && r.pkg === '' && r.name === 'error'))) return true;
  const outer = Object.entries(g.parent.vars).filter(([, v]) => v.kind === 'param' || v.kind === 'recv').map(([id]) => id);
  const isOuter = (v: Val | undefined): boolean => !!v && ((v.k === 'var' && outer.includes(v.id)) || (v.k === 'field' && !!v.base && outer.includes(v.base)) || (v.k === 'done' && isOuter(v.ctx)));
  if (g.op.args.some(isOuter) || (g.op.fn.k === 'method' && isOuter(g.op.fn.recv)) || (g.op.fn.k === 'value' && isOuter(g.op.fn.v))) return true;
  return !!litOf(g.op, g.file) && outer.some((id) => literalMentions(g.file, g.target, id));
}

export /** The id of the declared function a literal is nested in (the function itself when it is declared). */
function outerId(file: FileFacts, fn: FuncIR): string {
  let cur: FuncIR | undefined = fn;
  for (let i = 0; cur?.parent && i < 50; i++) cur = irOf(file, cur.parent);
  return cur?.id ?? fn.id;
}

/** The goroutine is started by a function that returns to a caller with a hold on what it holds, and not once
 * for the program (main, init, a `once.Do`): every call of that function leaves one more goroutine behind if the
 * goroutine cannot end. */
export function outlivesCaller(g: Goroutine, program: Program): boolean {
  if (g.parent.id === 'F:main' || outerId(g.file, g.parent).startsWith('F:init') || !canReturn(g.parent)) return false;
  return !startedOnce(g.file, g.parent) && holdsCallerState(g, program);
}

/**
 * The goroutine is the process's signal handler: every channel operation of its function that can wait is a
 * receive (a plain one, a select case, a range) on a channel registered with os/signal.Notify (a select with a
 * default waits for nothing), by its starter (or the functions
 * the starter is nested in) or by itself. Such a channel receives for as long as the process runs; a goroutine
 * that only waits on it is meant to live as long.
 */
export function signalHandler(g: Goroutine, program?: Program): boolean {
  const ids = new Set<string>(notifiedChans(g.target));
  // a channel handed to signal.Stop (by the starter, the functions it is nested in, or their literals: a deferred
  // cleanup) gets no more signals: a goroutine still waiting on it is stranded, no handler for the process's life
  const stopped = new Set<string>(stoppedSignalChans(g.target));
  for (let cur: FuncIR | undefined = g.parent, i = 0; cur && i < 50; i++) {
    for (const id of notifiedChans(cur)) for (const t of varsInTarget(g, id)) ids.add(t);
    for (const fn of [cur, ...nestedLiterals(g.file, cur.id)]) for (const id of stoppedSignalChans(fn)) for (const t of varsInTarget(g, id)) stopped.add(t);
    cur = cur.parent ? irOf(g.file, cur.parent) : undefined;
  }
  for (const id of stopped) ids.delete(id);
  if (ids.size === 0) return false;
  const on = (v: Val) => v.k === 'var' && ids.has(v.id);
  let waits = 0;
  for (const b of g.target.blocks) {
    for (const o of b.ops) {
      if (o.o === 'send') return false;
      if (o.o === 'recv') {
        if (!on(o.ch)) return false;
        waits++;
      }
    }
    // a select with a default does not wait (`select { case out <- v: default: }` drops what no one takes)
    if (b.term.t === 'select' && b.term.dflt === undefined) {
      if (b.term.cases.some((c) => c.kind !== 'recv' || !on(c.ch))) return false;
      waits++;
    }
    if (b.term.t === 'range') {
      // a range over a struct field the package declares as something other than a channel (a map, a slice) waits
      // for nothing (the IR takes a range over a field for one over a channel)
      const ch = b.term.ch;
      if (ch.k === 'field' && ch.owner?.pkg === '' && program && notAChannel(program, g.targetFile, ch.owner.name, ch.name)) continue;
      if (!on(ch)) return false;
      waits++;
    }
  }
  return waits > 0;
}

/** The goroutine lives as long as the process by design: it is the process's signal handler, or the function
 * that starts it is reached only from the process's set-up (main, init, package main; see src/analysis/callers.ts),
 * never from a test or from code outside the module. */
export function processLifetime(g: Goroutine, program: Program): boolean {
  if (signalHandler(g, program)) return true;
  // started once (not in a loop) by a declared function whose every return ends the process (src/analysis/callers.ts
  // returnEndsProcess: `return x.Run(ctx)` in a command's handler, up to main)
  if (!g.parent.parent && !g.parent.blocks.some((b) => b.loop !== undefined && b.ops.includes(g.op)) && !g.file.path.endsWith('_test.go') && returnEndsProcess(program, g.file, g.parent.id)) return true;
  return !g.file.path.endsWith('_test.go') && onlyFromProcessRoots(program, g.file, outerId(g.file, g.parent));
}

/** The function that holds a `go` statement (`parentId` of `file`, a literal's id too) runs once for the process:
 * it is reached only from `main` or `init` (see onlyFromProcessRoots, strict: a method of package main may be a
 * request handler), never from a test. A goroutine it leaves
 * blocked is one for the whole process, not one more per call: no leak that grows. */
export function startedOncePerProcess(program: Program, file: FileFacts, parentId: string): boolean {
  return !file.path.endsWith('_test.go') && onlyFromProcessRoots(program, file, parentId, true);
}

/** Field `name` of type `owner` (of the package of `file`) is declared with a type that is not a channel. */
function notAChannel(program: Program, file: FileFacts, owner: string, name: string): boolean {
  const t = program.fieldType({ k: 'named', pkg: '', name: owner }, name, file, 0)?.type;
  // a map, a slice, a func or a context (a named type may be a channel type: `type Jobs chan int`)
  return !!t && (t.k === 'other' || t.k === 'func' || t.k === 'ctx' || t.k === 'sync');
}
