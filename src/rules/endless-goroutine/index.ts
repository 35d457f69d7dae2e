// endless-goroutine: a goroutine whose function has no way to end (no return, no end of body, no
// runtime.Goexit can be reached) because its loop waits on channels and nothing in it leaves, started by a
// function that returns. Every call of that function leaves one more goroutine behind, holding what it captured.
// Judged on the IR (src/ir) with the shared goroutine analysis; what time.Tick and a Ticker's C are comes from
// the API table (src/api/table.ts).
import { goroutineOf, insideLoop, irOf } from '../../analysis/goroutines.js';
import { resolveCallee } from '../../analysis/summaries.js';
import { apiEffect } from '../../api/table.js';
import type { Block, FuncIR, Val } from '../../ir/types.js';
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
function tickerChan(fn: FuncIR, file: FileFacts, v: Val): boolean {
  if (v.k === 'api') return apiEffect(v.pkg, v.name)?.k === 'timer' && v.name === 'Tick';
  if (v.k === 'field' && v.name === 'C' && v.base) {
    const t = fn.vars[v.base]?.type ?? varType(file, fn, v.base);
    return t?.k === 'named' && t.pkg === 'time' && t.name === 'Ticker';
  }
  if (v.k === 'var') {
    // `tick := time.Tick(d)`: the variable is the ticker's channel
    return fn.blocks.some((b) => b.ops.some((o) => o.o === 'assign' && o.dst === v.id && o.src.k === 'api' && tickerChan(fn, file, o.src)));
  }
  return false;
}

function varType(file: FileFacts, fn: FuncIR, id: string) {
  // a captured variable is declared by an enclosing function of the file
  for (let p = fn.parent, i = 0; p && i < 50; i++) {
    const f = irOf(file, p);
    if (!f) return undefined;
    if (f.vars[id]) return f.vars[id]!.type;
    p = f.parent;
  }
  return undefined;
}

/** The block waits on a channel: a receive or send, a select, or a range over a channel. */
function waitsOnChan(b: Block): boolean {
  return b.ops.some((o) => o.o === 'recv' || o.o === 'send') || b.term.t === 'select' || (b.term.t === 'range' && b.term.ch.k !== 'field');
}

/**
 * Why `fn` can never end, or undefined when it can: no return, end of body, runtime.Goexit or stopped test is
 * reachable from its entry (a panic, os.Exit or log.Fatal ends the program, not just the goroutine, so it is no
 * way out), a range over a ticker's channel never reaches its exit, and a call of a module function that itself
 * can never end does not come back. The loop that traps it must wait on a channel: busy and sleeping loops are
 * not judged.
 */
function trapOf(fn: FuncIR, file: FileFacts, program: Program, stack: Set<string>): Trap | undefined {
  const key = `${file.path}#${fn.id}`;
  if (stack.has(key) || stack.size > 4) return undefined;
  stack.add(key);
  try {
    const seen = new Set<number>([0]);
    const queue = [0];
    let via: Trap | undefined;
    for (let i = 0; i < queue.length; i++) {
      const b = fn.blocks[queue[i]!]!;
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
      if (stops) continue;
      const t = b.term;
      if (t.t === 'return' || t.t === 'end' || (t.t === 'exit' && (t.how === 'goexit' || t.how === 'fatal'))) return undefined;
      const succ = t.t === 'range' && tickerChan(fn, file, t.ch) ? b.succ.slice(0, 1) : b.succ;
      for (const s of succ) if (!seen.has(s)) seen.add(s), queue.push(s);
    }
    // the loop that holds it: the first reached loop header whose body waits on a channel
    for (const h of queue) {
      const hb = fn.blocks[h]!;
      if (hb.term.t !== 'loop' && hb.term.t !== 'range') continue;
      const body = queue.filter((x) => insideLoop(fn, x, h));
      const ticker = hb.term.t === 'range' && tickerChan(fn, file, hb.term.ch);
      if (!ticker && !body.some((x) => waitsOnChan(fn.blocks[x]!))) continue;
      if (ticker && hb.term.t === 'range') return { file, r: hb.term.r, text: `for range ${chanText(hb.term.ch)}`, why: "a ticker's channel is never closed" };
      const sel = body.some((x) => fn.blocks[x]!.term.t === 'select');
      return { file, r: hb.term.r, text: sel ? 'for { select … }' : 'for { … }', why: sel ? 'no case returns or breaks' : 'nothing in it returns or breaks' };
    }
    return via;
  } finally {
    stack.delete(key);
  }
}

function chanText(v: Val): string {
  return v.k === 'field' || v.k === 'api' || v.k === 'expr' ? v.text : v.k === 'var' ? v.id.slice(0, v.id.indexOf('@')) : 'ch';
}

/** The id of the declared function a literal is nested in (the function itself when it is declared). */
function outerId(file: FileFacts, fn: FuncIR): string {
  let cur: FuncIR | undefined = fn;
  for (let i = 0; cur?.parent && i < 50; i++) cur = irOf(file, cur.parent);
  return cur?.id ?? fn.id;
}

/** The function can come back to its caller (a return, or the end of its body, is reachable). */
function canReturn(fn: FuncIR): boolean {
  const seen = new Set<number>([0]);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const b = fn.blocks[queue[i]!]!;
    if (b.term.t === 'return' || b.term.t === 'end') return true;
    for (const s of b.succ) if (!seen.has(s)) seen.add(s), queue.push(s);
  }
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'endless-goroutine',
    name: 'EndlessGoroutine',
    level: 'warning',
    precision: 'medium',
    title: 'A goroutine loops on channel operations with no way out, started by a function that returns, so every call leaves one behind.',
    description:
      'A goroutine runs a loop that waits on channels (a receive, a send, a select, a range over a ticker\'s channel) and nothing in it returns, breaks out or calls runtime.Goexit, while the function that starts it returns to its caller. The goroutine can never end: each call of that function leaves one more goroutine behind, with everything it captured.',
    help: [
      'A constructor or a `Start` method that starts a background loop hands its caller no way to stop it: `go func() { for { select { case m := <-w.markCh: … } } }()`, `for range ticker.C { … }` (a ticker\'s channel is never closed, even by `Stop`), `for { sig := <-signals; … }`. The loop outlives the object it serves; every test, every reload, every second client leaves one more goroutine and keeps its memory reachable.',
      'goleash reports the `go` statement when the function it runs (a func literal, or a function or method of the module) cannot reach a `return`, the end of its body, `runtime.Goexit` or a test stop (`t.FailNow`), following calls of module functions that cannot end either, and the loop that traps it waits on a channel. A `panic`, `os.Exit` or `log.Fatal` is no way out: it ends the program, not the goroutine, so a loop whose only exits are those is reported. A range over an ordinary channel ends when it is closed and is left to `unclosed-range`; a `select` with a case that returns or breaks out, and a receive checked with `v, ok := <-ch; if !ok { return }`, have a way out. Loops without a channel operation (busy work, a sleep loop) are not judged. Goroutines started by `main` or `init`, or by a function that never returns itself, live as long as the program and are not reported.',
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
    const pid = g.parent.id;
    if (pid === 'F:main' || outerId(g.file, g.parent).startsWith('F:init') || !canReturn(g.parent)) return;
    const trap = trapOf(g.target, g.targetFile, program, new Set());
    if (!trap) return;
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
