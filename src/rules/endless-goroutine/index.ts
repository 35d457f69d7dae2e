// endless-goroutine: a goroutine whose function has no way to end (no return, no end of body, no
// runtime.Goexit can be reached) because its loop waits on channels and nothing in it leaves, started by a
// function that returns. Every call of that function leaves one more goroutine behind, holding what it captured.
// Judged on the IR (src/ir) with the shared goroutine analysis; what time.Tick and a Ticker's C are comes from
// the API table (src/api/table.ts).
import { fieldUse, neverClosedField, neverFires } from '../../analysis/fields.js';
import { getterField } from '../../analysis/getters.js';
import { closedBranch, goroutineOf, insideLoop, irOf, okChannels, recoversPanics, varInfo } from '../../analysis/goroutines.js';
import { outlivesCaller, processLifetime } from '../../analysis/lifetime.js';
import { resolveCallee } from '../../analysis/summaries.js';
import { apiEffect } from '../../api/table.js';
import type { Block, FuncIR, Term, Val } from '../../ir/types.js';
import type { Program } from '../../index/program.js';
import type { FileFacts, Range } from '../../parse/types.js';
import type { Rule } from '../types.js';

/** The loop that keeps a function from ending, and what it waits on. */
interface Trap {
  file: FileFacts;
  r: Range;
  /** how the loop is shown in the message */
  text: string;
  why: string;
}

/** A range over a channel that is never closed: time.Tick's, or the C field of a time.Ticker variable. */
function tickerChan(fn: FuncIR, file: FileFacts, v: Val, program?: Program): boolean {
  if (v.k === 'api') return apiEffect(v.pkg, v.name)?.k === 'timer' && v.name === 'Tick';
  if (v.k === 'field' && v.name === 'C' && v.base) {
    const t = varInfo(file, v.base)?.type;
    return t?.k === 'named' && t.pkg === 'time' && t.name === 'Ticker';
  }
  // `x.ticker.C`: the C of a field its struct declares as a time.Ticker (x a variable of a type of this package)
  if (v.k === 'field' && v.name === 'C' && !v.base && program) {
    const parts = v.text.split('.');
    if (parts.length !== 3) return false;
    const x = Object.values(fn.vars).find((i) => i.name === parts[0]);
    const tn = x?.type?.k === 'named' && x.type.pkg === '' ? x.type.name : undefined;
    const decl = tn ? program.packageOf(file).types.get(tn) : undefined;
    const ft = decl?.fact.fields.find((f) => f.name === parts[1])?.type;
    return ft?.k === 'named' && ft.pkg === 'time' && ft.name === 'Ticker';
  }
  if (v.k === 'var') {
    // `tick := time.Tick(d)`: the variable is the ticker's channel
    return fn.blocks.some((b) => b.ops.some((o) => o.o === 'assign' && o.dst === v.id && o.src.k === 'api' && tickerChan(fn, file, o.src)));
  }
  return false;
}

/** The block waits on a channel: a receive or send, a select, or a range over a channel. */
function waitsOnChan(b: Block): boolean {
  return b.ops.some((o) => o.o === 'recv' || o.o === 'send') || b.term.t === 'select' || (b.term.t === 'range' && b.term.ch.k !== 'field');
}

/**
 * Why `fn` can never end, or undefined when it can: no return, end of body, runtime.Goexit or stopped test is
 * reachable from its entry (a panic, os.Exit or log.Fatal ends the program, not just the goroutine, so it is no
 * way out, unless a deferred recover turns a panic into a return), a range over a ticker's channel never reaches
 * its exit, and a call of a module function that itself can never end does not come back. What traps it must be
 * a loop that waits on a channel and cannot be left: busy and sleeping loops, and a loop followed by an exit or
 * a `select {}`, are not judged.
 */
function trapOf(fn: FuncIR, file: FileFacts, program: Program, stack: Set<string>): Trap | undefined {
  const key = `${file.path}#${fn.id}`;
  if (stack.has(key) || stack.size > 4 || recoversPanics(fn, file)) return undefined;
  stack.add(key);
  try {
    // the successors of each reached block under the rules above; undefined for a block whose call never returns
    const succOf = new Map<number, number[]>();
    const oks = okChannels(fn);
    let via: Trap | undefined;
    // selects with a case that never fires (deadCase), by block
    const dead = new Map<number, Val>();
    const queue = [0];
    const seen = new Set<number>([0]);
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i]!;
      const b = fn.blocks[n]!;
      let stops = false;
      for (const o of b.ops) {
        if (o.o !== 'call') continue;
        const c = o.fn.k === 'func' || o.fn.k === 'method' || o.fn.k === 'pkg' ? resolveCallee(o.fn, file, program) : undefined;
        const t = c ? trapOf(c.fn, c.file, program, stack) : undefined;
        if (t) {
          via ??= t;
          stops = true;
          break;
        }
      }
      if (stops) {
        succOf.set(n, []);
        continue;
      }
      const t = b.term;
      if (t.t === 'return' || t.t === 'end' || (t.t === 'exit' && (t.how === 'goexit' || t.how === 'fatal'))) return undefined;
      // a range, or a comma-ok receive's `if !ok`, over a channel that is never closed never takes its way out
      const closedIf = closedBranch(b, oks);
      const succ =
        t.t === 'range' && neverClosed(fn, file, t.ch, program)
          ? b.succ.slice(0, 1)
          : closedIf && neverClosed(fn, file, closedIf.ch, program)
            ? b.succ.filter((s) => s !== closedIf.to)
            : t.t === 'select'
              ? b.succ.filter((_, i) => {
                  const c = i < t.cases.length ? t.cases[i]! : undefined;
                  if (!c || c.kind !== 'recv' || !deadCase(fn, file, c.ch, program)) return true;
                  dead.set(n, c.ch);
                  return false;
                })
              : b.succ;
      succOf.set(n, succ);
      for (const s of succ) if (!seen.has(s)) seen.add(s), queue.push(s);
    }
    // the loop that holds it: the first reached loop header whose body waits on a channel and that no path leaves
    for (const h of queue) {
      const hb = fn.blocks[h]!;
      if (hb.term.t !== 'loop' && hb.term.t !== 'range') continue;
      const inLoop = [h];
      const mark = new Set<number>([h]);
      let leaves = false;
      for (let i = 0; i < inLoop.length && !leaves; i++) {
        for (const s of succOf.get(inLoop[i]!) ?? []) {
          if (!insideLoop(fn, s, h)) leaves = true;
          else if (!mark.has(s)) mark.add(s), inLoop.push(s);
        }
      }
      if (leaves) continue;
      const ticker = hb.term.t === 'range' && tickerChan(fn, file, hb.term.ch, program);
      const field = hb.term.t === 'range' && !ticker && unclosedField(file, hb.term.ch, program);
      if (!ticker && !field && !inLoop.some((x) => waitsOnChan(fn.blocks[x]!))) continue;
      const over = (t: Term & { t: 'range' }) => (t.okLoop ? `for { …, ok := <-${chanText(t.ch)} }` : `for range ${chanText(t.ch)}`);
      if (ticker && hb.term.t === 'range') return { file, r: hb.term.r, text: over(hb.term), why: "a ticker's channel is never closed" };
      if (field && hb.term.t === 'range') return { file, r: hb.term.r, text: over(hb.term), why: `nothing in its package closes ${chanText(hb.term.ch)}` };
      const sel = inLoop.some((x) => fn.blocks[x]!.term.t === 'select');
      const stop = inLoop.map((x) => dead.get(x)).find((v) => v);
      const why = stop
        ? `its way out waits on ${chanText(stop)}, which nothing in its package closes or sends on`
        : sel ? 'no case returns or breaks' : 'nothing in it returns or breaks';
      return { file, r: hb.term.r, text: sel ? 'for { select … }' : 'for { … }', why };
    }
    return via;
  } finally {
    stack.delete(key);
  }
}

/** A range over this channel never reaches its exit: a ticker's channel, or a field nothing can close. */
function neverClosed(fn: FuncIR, file: FileFacts, v: Val, program: Program): boolean {
  return tickerChan(fn, file, v, program) || unclosedField(file, v, program);
}

/**
 * A range over a channel field that nothing can close: a field of a type of the goroutine's package that no other
 * package can reach, which no function of the package closes, hands on (see src/analysis/fields.ts), or sets to a
 * channel from elsewhere.
 */
function unclosedField(file: FileFacts, v: Val, program: Program): boolean {
  if (v.k !== 'field' || !v.owner) return false;
  const u = fieldUse(program, file, v.owner, v.name);
  return !!u && neverClosedField(u);
}

/** A receive case of a select that can never fire: on a field channel that nothing of its package sends on,
 * closes, hands on or sets to a channel from elsewhere (so a `case <-s.stop: return` that nothing closes is no way
 * out). */
function deadCase(fn: FuncIR, file: FileFacts, v: Val, program: Program): boolean {
  // a call of a getter of the field (`case <-s.stopper.ShouldStop(): return`) waits on the field
  const f = v.k === 'field' ? v : getterField(program, file, fn, v);
  if (!f || !f.owner) return false;
  const u = fieldUse(program, file, f.owner, f.name);
  return !!u && neverFires(u);
}

function chanText(v: Val): string {
  return v.k === 'field' || v.k === 'api' || v.k === 'expr' ? v.text : v.k === 'var' ? v.id.slice(0, v.id.indexOf('@')) : 'ch';
}

export const rule: Rule = {
  meta: {
    id: 'endless-goroutine',
    name: 'EndlessGoroutine',
    level: 'warning',
    precision: 'medium',
    title: 'A goroutine loops on channel operations with no way out, started by a function that returns, so every call leaves one behind.',
    description:
      'A goroutine runs a loop that waits on channels (a receive, a send, a select, a range over a ticker\'s channel or over a channel field nothing closes) and nothing in it returns, breaks out or calls runtime.Goexit (a select case on a stop field that nothing closes or sends on is no way out), while the function that starts it returns to its caller. The goroutine can never end: each call of that function leaves one more goroutine behind, with everything it captured.',
    help: [
      'A constructor or a `Start` method that starts a background loop hands its caller no way to stop it: `go func() { for { select { case m := <-w.markCh: … } } }()`, `for range ticker.C { … }` (a ticker\'s channel is never closed, even by `Stop`), `for { sig := <-signals; … }`. The loop outlives the object it serves; every test, every reload, every second client leaves one more goroutine and keeps its memory reachable.',
      'goleash reports the `go` statement when the function it runs (a func literal, or a function or method of the module) cannot reach a `return`, the end of its body, `runtime.Goexit` or a test stop (`t.FailNow`), following calls of module functions that cannot end either, and the loop that traps it waits on a channel. A `panic`, `os.Exit` or `log.Fatal` is no way out: it ends the program, not the goroutine, so a loop whose only exits are those is reported, unless a deferred `recover` turns a panic (a send on a channel that `Close` closed) into a return. A range over a channel field that no other package can reach (unexported, or of a type declared in a test file) and that no function of its package closes, hands on (passes to code that may close it or let it go, copies, returns, stores, sends) or sets to a channel from elsewhere never ends either; and a `select` case that receives from such a field that nothing sends on either (`case <-s.stop: return` with no `close(s.stop)` anywhere) never fires, so it is no way out; so does one that receives from a getter of such a field (`case <-s.stopper.ShouldStop(): return`, a method whose whole body returns a field of its receiver, after an `if s == nil { return nil }` too), when no other package can call the getter and every call of it in the package is received from at once. A range over any other channel may end when it is closed and is left to `unclosed-range`; a `select` with a case that returns or breaks out, and a receive checked with `v, ok := <-ch; if !ok { return }`, have a way out, unless the channel is one of those never closed (the comma-ok loop is then the same as a range over it). Loops without a channel operation (busy work, a sleep loop) are not judged. Goroutines started by `main` or `init`, by a function that never returns itself, or inside a func literal handed to `once.Do` live as long as the program, or are started once, and are not reported. Nor is a goroutine that holds nothing its starter\'s caller has a hold on: outside tests, goleash reports only when the starter is a method (the goroutine belongs to the life of its receiver), returns something other than an `error` (a constructor), or the goroutine uses the starter\'s parameters; a goroutine that uses only the starter\'s own locals and package state is program wiring (a signal handler installed by a command\'s setup). For the same reason goroutines started by the functions of package `main` (outside its tests) are not reported: nothing imports that package, its functions set up the one program it builds. Nor are goroutines that live as long as the process by design: those whose starter is reached only from the process\'s set-up (goleash follows who can name the starter across the module, transitively: every chain must lead to `main`, `init` or package `main`, and none to a test, a test helper package, a call inside a loop, or a function nothing in the module calls, or an exported method of a package other modules can import: code outside the module may call those as often as it likes), and signal handlers (a goroutine whose only waits are receives on a channel registered with `os/signal.Notify`).',
      '**How to fix:** give the loop a way out and the owner a way to take it: a `done` channel (or a `context.Context`) closed by `Close`/`Stop`, with `case <-done: return` in the select; replace `for range ticker.C` by a select on `ticker.C` and `done`, and `defer ticker.Stop()`.',
      '```go\nfor {\n\tselect {\n\tcase m := <-w.markCh:\n\t\tw.last = m\n\tcase <-w.closer: // closed by Close\n\t\treturn\n\t}\n}\n```',
      '**Suppress** a goroutine that is meant to live as long as the process on the line of its `go` statement or the line above: `//goleash:ignore endless-goroutine <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'channel'],
    since: '0.2.0',
    examples: { bad: 'src/rules/endless-goroutine/testdata/endless.go', good: 'src/rules/endless-goroutine/testdata/endless.go' },
  },

  check(stmt, program, report) {
    const g = goroutineOf(stmt.file, stmt.fact, program);
    if (!g || g.op.group) return;
    if (!outlivesCaller(g, program)) return;
    const trap = trapOf(g.target, g.targetFile, program, new Set());
    if (!trap || processLifetime(g, program)) return;
    const pname = program.enclosingName(stmt.file, stmt.fact.parent);
    report({
      file: stmt.file.path,
      range: stmt.fact.range,
      message: [
        { text: trap.text, code: true, loc: 1 },
        ' never ends: this goroutine',
        ` started by ${pname} has no way out of its loop (${trap.why}), so it outlives ${pname} and everything it holds`,
      ],
      related: [{ id: 1, file: trap.file.path, range: trap.r, message: 'the loop that never ends' }],
      semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `endless|${trap.text}` },
    });
  },
};
