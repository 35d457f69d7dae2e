// unguarded-stream: a goroutine sends, with a bare send, on an unbuffered channel that its parent returns to its
// caller or hands to code goleash cannot see, while a context is at hand. The reader is elsewhere: when it stops
// reading (its request was cancelled, it returned early), the send waits forever. Judged on the IR with the
// shared goroutine analysis and the channel-parameter summaries.
import { goroutineOf, isNestedIn, isVar, mentions, nestedLiterals, varsInTarget, irOf, varInfo, type Goroutine } from '../../analysis/goroutines.js';
import { resolveCallee, summaries } from '../../analysis/summaries.js';
import { feedBound } from '../../analysis/siblings.js';
import type { FuncIR, Op, Val, VarId } from '../../ir/types.js';
import type { FileFacts, Range } from '../../parse/types.js';
import { methodConvention } from '../../api/table.js';
import type { Rule } from '../types.js';

/** Where the channel leaves the parent: returned, or handed to a call whose callee may let it go. */
interface Exit {
  how: 'return' | 'handed';
  r: Range;
}

function receives(fn: FuncIR, id: VarId): boolean {
  return fn.blocks.some(
    (b) =>
      b.ops.some((o) => o.o === 'recv' && isVar(o.ch, id)) ||
      (b.term.t === 'range' && isVar(b.term.ch, id)) ||
      (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'recv' && isVar(c.ch, id))),
  );
}

/**
 * How the parent lets the channel go, or undefined when it keeps it (or drains it through a helper). A channel
 * stored in a struct, copied or sent elsewhere is not judged: its reader may be the object's owner.
 */
function exitOf(parent: FuncIR, file: FileFacts, ch: VarId, program: Parameters<Rule['check']>[1]): Exit | undefined | 'kept' {
  let exit: Exit | undefined;
  for (const b of parent.blocks) {
    for (const o of b.ops) {
      if (o.o === 'escape' && o.v === ch) {
        if (o.how !== 'return') return 'kept';
        exit ??= { how: 'return', r: o.r };
      } else if (o.o === 'assign' && isVar(o.src, ch)) return 'kept';
      else if (o.o === 'call' || o.o === 'defer') {
        for (const [i, a] of o.args.entries()) {
          if (!isVar(a, ch)) continue;
          if (o.fn.k === 'builtin') {
            if (o.fn.name !== 'len' && o.fn.name !== 'cap') return 'kept';
            continue;
          }
          const c = resolveCallee(o.fn, file, program);
          if (!c) {
            exit ??= { how: 'handed', r: o.r };
            continue;
          }
          const u = summaries(program).param(c, i);
          if (u.recvs || u.closes) return 'kept';
          if (u.escapes) exit ??= { how: 'handed', r: o.r };
        }
      }
    }
  }
  return exit;
}

/** A context is at hand in the goroutine: a ctx variable of the goroutine's function, of its parent, or of a
 * function around the parent. */
function ctxAtHand(g: Goroutine): boolean {
  // a ctx variable, or a call of x.Context() (the method convention of the API table) in the function
  const hasCtx = (fn: FuncIR | undefined) =>
    !!fn &&
    (Object.values(fn.vars).some((v) => v.type?.k === 'ctx') ||
      fn.blocks.some((b) => b.ops.some((o) => o.o === 'call' && o.fn.k === 'method' && o.args.length === 0 && methodConvention(o.fn.name, 0) === 'ctx-of')));
  if (hasCtx(g.target)) return true;
  let fn: FuncIR | undefined = g.parent;
  for (let i = 0; fn && i < 20; i++) {
    if (hasCtx(fn)) return true;
    fn = fn.parent ? irOf(g.file, fn.parent) : undefined;
  }
  return false;
}

/** The goroutine watches a context itself (a Done receive or case, ctx.Err(), context.Cause or AfterFunc): its
 * bare sends are then ctx-unguarded-block's to judge. */
function watchesCtx(g: Goroutine): boolean {
  const isCtx = (v: Val) => v.k === 'var' && varInfo(g.targetFile, v.id)?.type?.k === 'ctx';
  for (const fn of [g.target, ...nestedLiterals(g.targetFile, g.target.id)]) {
    for (const b of fn.blocks) {
      if (b.term.t === 'select' && b.term.cases.some((c) => c.ch.k === 'done')) return true;
      for (const o of b.ops) {
        if (o.o === 'recv' && o.ch.k === 'done') return true;
        if (o.o === 'call' && o.fn.k === 'method' && o.fn.name === 'Err' && isCtx(o.fn.recv)) return true;
        if (o.o === 'call' && o.fn.k === 'pkg' && o.fn.pkg === 'context' && (o.fn.name === 'Cause' || o.fn.name === 'AfterFunc')) return true;
      }
    }
  }
  return false;
}

/**
 * The goroutine's bare sends on the channel inside a loop (its own, and those of the literals it runs): a stream,
 * whose reader may stop before the end. A single result is not judged here: whether its one receive happens
 * depends on callers this rule does not follow (most take it on every path).
 */
function bareSends(g: Goroutine, names: VarId[], program: Parameters<Rule['check']>[1]): (Op & { o: 'send' })[] {
  const out: (Op & { o: 'send' })[] = [];
  const fns = [g.target, ...nestedLiterals(g.targetFile, g.target.id)];
  for (const fn of fns) {
    for (const b of fn.blocks) {
      if (b.loop === undefined) continue;
      // a loop that ranges over a channel of the parent carrying at most one value (its goroutines send it once)
      // runs its body at most once: its sends are a single result, not a stream
      const h = fn.blocks[b.loop]!;
      if (h.term.t === 'range' && h.outer === undefined && h.term.ch.k === 'var' && g.parent.vars[h.term.ch.id] && g.file === g.targetFile) {
        if (feedBound(g.file, g.parent, h.term.ch.id, program) <= 1) continue;
      }
      for (const o of b.ops) if (o.o === 'send' && names.some((n) => isVar(o.ch, n))) out.push(o);
    }
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'unguarded-stream',
    name: 'UnguardedStream',
    level: 'warning',
    precision: 'medium',
    title: 'A goroutine sends on a channel its parent returns or hands off, with no way out if the reader stops.',
    description:
      'A goroutine sends with a bare send on an unbuffered channel that the function starting it returns to its caller or hands to code goleash cannot see, while a context is at hand. The reader is somewhere else: when it stops reading (its request was cancelled, it returned early), the send waits forever and the goroutine leaks.',
    help: [
      'A function that returns a channel and fills it from a goroutine is a stream: `out := make(chan T); go func() { defer close(out); for … { out <- v } }(); return out`. The function cannot know how long its caller will read. A caller that stops early (its context was cancelled, it found what it wanted, it returned on an error) leaves the goroutine blocked on `out <- v` forever, with everything it holds. The same goes for a channel handed to a framework (`res.SetOutput(out)`) that stops reading when the request ends.',
      'goleash reports a send inside a loop (a stream) when the channel is made by the goroutine\'s parent without a buffer, the parent returns it or passes it to a call goleash cannot follow (or whose callee lets it go), the parent does not receive from it itself (directly or through a helper of the module), and a `context.Context` is at hand in the goroutine or its parent: the means to stop were there but not used. A channel stored in a struct, copied or sent elsewhere, a buffered channel, a single result (its one receive depends on callers this rule does not follow; so is a send in a loop that ranges over a channel of the parent whose goroutines send at most one value on it, a forwarder of one result), and a goroutine with no context anywhere in reach are not judged.',
      '**How to fix:** make each send a select with the context:',
      '```go\nselect {\ncase out <- v:\ncase <-ctx.Done():\n\treturn\n}\n```',
      'or, for a single result, buffer the channel for it (`make(chan T, 1)`).',
      '**Suppress** a reviewed case on the line of the send or the line above: `//goleash:ignore unguarded-stream <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'channel', 'context'],
    since: '0.2.0',
    examples: { bad: 'src/rules/unguarded-stream/testdata/stream.go', good: 'src/rules/unguarded-stream/testdata/stream.go' },
  },

  check(stmt, program, report) {
    const g = goroutineOf(stmt.file, stmt.fact, program);
    if (!g) return;
    const pid = g.parent.id;
    if (pid === 'F:main' || pid.startsWith('F:init') || !ctxAtHand(g) || watchesCtx(g)) return;
    for (const b of g.parent.blocks) {
      for (const make of b.ops) {
        if (make.o !== 'make' || make.cap !== 0) continue;
        const ch = make.dst;
        if (receives(g.parent, ch)) continue;
        const exit = exitOf(g.parent, g.file, ch, program);
        if (!exit || exit === 'kept') continue;
        const names = varsInTarget(g, ch);
        if (names.length === 0 || names.some((n) => receives(g.target, n))) continue;
        // any other function of the parent that uses the channel (another goroutine, a callback) may be its reader
        const others = nestedLiterals(g.file, pid).filter((l) => l !== g.target && !isNestedIn(g.file, l, g.target.id));
        if (others.some((l) => mentions(l, ch))) continue;
        if (g.parent.blocks.some((x) => x.ops.some((o) => o.o === 'go' && o !== g.op && (o.args.some((a: Val) => isVar(a, ch)))))) continue;
        const name = g.parent.vars[ch]?.name ?? ch.slice(0, ch.indexOf('@'));
        const pname = program.enclosingName(stmt.file, stmt.fact.parent);
        for (const s of bareSends(g, names, program)) {
          report({
            file: g.targetFile.path,
            range: s.r,
            message: [
              { text: s.text, code: true },
              ' can block forever: ',
              { text: 'this goroutine', loc: 1 },
              ` sends on ${name}, which ${pname} `,
              exit.how === 'return' ? { text: 'returns to its caller', loc: 3 } : { text: 'hands to code goleash cannot see', loc: 3 },
              ', with no way out if the reader stops',
            ],
            related: [
              { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
              { id: 2, file: stmt.file.path, range: make.r, message: `${name} is made here without a buffer` },
              { id: 3, file: stmt.file.path, range: exit.r, message: exit.how === 'return' ? `${pname} returns ${name} here` : `${pname} hands ${name} on here` },
            ],
            semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `stream|${name}|${s.text}` },
          });
        }
      }
    }
  },
};
