// unguarded-stream: a goroutine sends, with a bare send, on an unbuffered channel that its parent returns to its
// caller or hands to code goleash cannot see, while a context is at hand or a caller of the module is seen to stop reading early. The reader is elsewhere: when it stops
// reading (its request was cancelled, it returned early), the send waits forever. Judged on the IR with the
// shared goroutine analysis and the channel-parameter summaries.
import { escapesIn, goroutineOf, litOf, isNestedIn, isVar, mentions, nestedLiterals, varsInTarget, irOf, varInfo, type Goroutine } from '../../analysis/goroutines.js';
import { resolveCallee, summaries } from '../../analysis/summaries.js';
import { feedBound } from '../../analysis/siblings.js';
import { MANY, maxSends } from '../../analysis/leave.js';
import { moduleOnly, RELAYED, streamCallers, type StreamCallSite } from '../../analysis/stream-callers.js';
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

/** A function the goroutine runs that may send on the channel, with the ids it names the channel by; `looped`:
 * it is called from inside a loop, so each of its sends is one per iteration. */
interface Sender {
  fn: FuncIR;
  file: FileFacts;
  ids: VarId[];
  looped: boolean;
}

/**
 * The functions the goroutine runs that can reach the channel: its own function and the literals nested in it,
 * the literals of its parent it calls through a variable (`put := func() {… out <- v …}`, which name the channel
 * by the parent's id), and the functions of the module it hands the channel to (`emit(out, v)`, by their
 * parameter), three calls deep.
 */
function sendersOf(g: Goroutine, ch: VarId, names: VarId[], program: Parameters<Rule['check']>[1]): Sender[] {
  const out: Sender[] = [g.target, ...nestedLiterals(g.targetFile, g.target.id)].map((fn) => ({ fn, file: g.targetFile, ids: names, looped: false }));
  const seen = new Set(out.map((e) => `${e.file.path}#${e.fn.id}`));
  const depth = new Map<Sender, number>(out.map((e) => [e, 0]));
  const add = (fns: FuncIR[], file: FileFacts, ids: VarId[], looped: boolean, d: number) => {
    for (const fn of fns) {
      const key = `${file.path}#${fn.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const s: Sender = { fn, file, ids, looped };
      depth.set(s, d);
      out.push(s);
    }
  };
  for (let i = 0; i < out.length && out.length < 40; i++) {
    const e = out[i]!;
    const d = depth.get(e) ?? 0;
    if (d >= 3) continue;
    for (const b of e.fn.blocks) {
      for (const o of b.ops) {
        if (o.o !== 'call' && o.o !== 'defer') continue;
        const looped = e.looped || b.loop !== undefined;
        // a literal of the parent called through a variable: it names the parent's channel by its own id
        const lit = g.targetFile === g.file && e.file === g.file ? litOf(o, e.file) : undefined;
        if (lit) {
          add([lit, ...nestedLiterals(e.file, lit.id)], e.file, [...new Set([ch, ...e.ids])], looped, d + 1);
          continue;
        }
        o.args.forEach((a, idx) => {
          if (a.k !== 'var' || !e.ids.includes(a.id)) return;
          const c = resolveCallee(o.fn, e.file, program);
          if (!c) return;
          const p = Object.entries(c.fn.vars).find(([, v]) => v.kind === 'param' && v.index === idx)?.[0];
          if (!p || c.fn.vars[p]!.type?.k !== 'chan') return;
          add([c.fn, ...nestedLiterals(c.file, c.fn.id)], c.file, [p], looped, d + 1);
        });
      }
    }
  }
  return out;
}

/** A context is at hand in the goroutine: a ctx variable of a function it runs, of its parent, or of a function
 * around the parent. */
function ctxAtHand(g: Goroutine, senders: Sender[]): boolean {
  // a ctx variable, or a call of x.Context() (the method convention of the API table) in the function
  const hasCtx = (fn: FuncIR | undefined) =>
    !!fn &&
    (Object.values(fn.vars).some((v) => v.type?.k === 'ctx') ||
      fn.blocks.some((b) => b.ops.some((o) => o.o === 'call' && o.fn.k === 'method' && o.args.length === 0 && methodConvention(o.fn.name, 0) === 'ctx-of')));
  if (senders.some((e) => hasCtx(e.fn))) return true;
  let fn: FuncIR | undefined = g.parent;
  for (let i = 0; fn && i < 20; i++) {
    if (hasCtx(fn)) return true;
    fn = fn.parent ? irOf(g.file, fn.parent) : undefined;
  }
  return false;
}

/** The goroutine watches a context itself (a Done receive or case, ctx.Err(), context.Cause or AfterFunc), in a
 * function it runs: its bare sends are then ctx-unguarded-block's to judge. */
function watchesCtx(senders: Sender[]): boolean {
  for (const { fn, file } of senders) {
    const isCtx = (v: Val) => v.k === 'var' && varInfo(file, v.id)?.type?.k === 'ctx';
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
 * The goroutine's bare sends on the channel inside a loop, or in a function it calls from a loop: a stream, whose
 * reader may stop before the end. A single result is not judged here: whether its one receive happens depends on
 * callers this rule does not follow (most take it on every path).
 */
function bareSends(g: Goroutine, senders: Sender[], program: Parameters<Rule['check']>[1]): { s: Op & { o: 'send' }; file: FileFacts }[] {
  const out: { s: Op & { o: 'send' }; file: FileFacts }[] = [];
  for (const e of senders) {
    for (const b of e.fn.blocks) {
      if (b.loop === undefined && !e.looped) continue;
      if (b.loop !== undefined) {
        // a loop that ranges over a channel of the parent carrying at most one value (its goroutines send it once)
        // runs its body at most once: its sends are a single result, not a stream
        const h = e.fn.blocks[b.loop]!;
        if (h.term.t === 'range' && h.outer === undefined && h.term.ch.k === 'var' && g.parent.vars[h.term.ch.id] && g.file === e.file) {
          if (feedBound(g.file, g.parent, h.term.ch.id, program) <= 1) continue;
        }
      }
      for (const o of b.ops) if (o.o === 'send' && e.ids.some((n) => isVar(o.ch, n))) out.push({ s: o, file: e.file });
    }
  }
  return out;
}

/** The most sends on the channel one run of the goroutine can make, counted along paths (MANY for a send on a
 * cycle, or when a sender hands the channel on); a sender function called from a loop of the goroutine sends once
 * per iteration. */
function mostSends(senders: Sender[]): number {
  let n = 0;
  for (const e of senders) {
    // a channel the sender hands on (a struct it builds, a call, a copy) may be sent on there too: not counted
    if (e.ids.some((id) => escapesIn(e.fn, id))) return MANY;
    const most = Math.max(0, ...e.ids.map((id) => maxSends(e.fn, id)));
    n = Math.min(n + (e.looped && most > 0 ? MANY : most), MANY);
  }
  return n;
}

/** The related location of the first caller that does not drain the stream: where it stops reading or hands the
 * channel on (for a wrapper that returns the channel, where its own caller does). */
function stopRelated(c: StreamCallSite, pname: string): { id: number; file: string; range: Range; message: string } {
  const who = c.caller || 'a caller';
  if (c.through) {
    const t = c.through;
    const what = c.why.startsWith(RELAYED) ? 'a channel fed from that' : 'the channel';
    return { id: 4, file: t.file, range: t.stop ?? t.range, message: `${t.caller || 'a caller'} calls ${who}, which returns ${what} of ${pname}, and ${t.why}` };
  }
  return { id: 4, file: c.file, range: c.stop ?? c.range, message: `${who} calls ${pname} and ${c.why}` };
}

export const rule: Rule = {
  meta: {
    id: 'unguarded-stream',
    name: 'UnguardedStream',
    level: 'warning',
    precision: 'medium',
    title: 'A goroutine sends on a channel its parent returns or hands off, with no way out if the reader stops.',
    description:
      'A goroutine sends with a bare send on an unbuffered channel that the function starting it returns to its caller or hands to code goleash cannot see, while a context is at hand (with none, when a caller of the module is seen to stop reading early). The reader is somewhere else: when it stops reading (its request was cancelled, it returned early), the send waits forever and the goroutine leaks.',
    help: [
      'A function that returns a channel and fills it from a goroutine is a stream: `out := make(chan T); go func() { defer close(out); for … { out <- v } }(); return out`. The function cannot know how long its caller will read. A caller that stops early (its context was cancelled, it found what it wanted, it returned on an error) leaves the goroutine blocked on `out <- v` forever, with everything it holds. The same goes for a channel handed to a framework (`res.SetOutput(out)`) that stops reading when the request ends.',
      'goleash reports a send inside a loop (a stream) when the channel is made by the goroutine\'s parent without a buffer or with a buffer of fixed size (a stream fills it), the parent returns it or passes it to a call goleash cannot follow (or whose callee lets it go), the parent does not receive from it itself (directly or through a helper of the module), and a `context.Context` is at hand in the goroutine or its parent: the means to stop were there but not used. Sends in a func literal of the parent that the goroutine calls through a variable (`put := func(…) { … out <- v … }`), or in a function of the module it hands the channel to (`emit(out, v)`), count as the goroutine\'s; a send in a function called from the goroutine\'s loop is one per iteration. A channel stored in a struct, copied or sent elsewhere, a channel buffered by a size computed at run time, a single result (its one receive depends on callers this rule does not follow; so is a send in a loop that ranges over a channel of the parent whose goroutines send at most one value on it, a forwarder of one result, and sends that, counted along the paths of the goroutine, never outnumber the buffer, such as error sends in a loop each followed by a return into a channel of one slot), and a goroutine with no context anywhere in reach are not judged, unless the parent returns the stream and a caller of the module that surely calls it (a function by its name, a method on a value of its type, not through an interface) is seen to stop reading it early (a `break` or `return` out of its range over it, in the block of the call; a loop on some paths only, or a read elsewhere, is not evidence enough): then the leak needs no context to be certain.',
      'A stream that a function of the module returns is judged by its callers in the module (src/analysis/stream-callers.ts): when it has at least one and every one reads the channel until it is closed (`for x := range s.Items(ctx) { … }`, or `ch := s.Items(ctx)` then such a range, or a comma-ok loop `for { v, ok := <-ch; if !ok { break }; … }`, in the block of the call, with no `break`, `return`, `goto`, labelled `continue`, `panic`, `os.Exit` or `log.Fatal` anywhere in the loop; in a test file, a `t.Fatal`, `t.FailNow` or `t.Skip` ends a failed or skipped test and does not count), the goroutine always finishes and nothing is reported; with `ch, err := s.Items(ctx)`, a return between the call and the loop is taken as the error path, before the stream starts. A caller that returns the channel straight from the call (`return s.items(ctx)`, a wrapper) drains it when the wrapper has callers in the module and every one drains it (followed one level). A caller whose body goleash parses (one with concurrency of its own) and whose text is none of these shapes is judged by the drain summaries (src/analysis/drains.ts): it drains the stream when every path after the call hands the channel to a function, func literal or goroutine of the module that ranges over it until it is closed, with no way out of the loop (workers started in a loop with constant bounds that runs at least once, `for i := 0; i < 4; i++ { go work(ch) }`, count; a loop that may run zero times does not), or through transformers (functions that range over it to feed a channel they return, `return scaled(distinct(in))`) whose own output is drained in turn; a wrapper that returns a transformer\'s output is judged by its own callers. A caller that can leave the loop early, reads the channel on some paths only, or hands it on (returns it from a wrapper nothing drains, passes it to a call, stores it, or names the function without calling it) keeps the finding, and the first such caller is named as a related location. Callers are found by the function\'s name in the text of every file of its package (of the module, for an exported name), bodies goleash does not parse included, keeping only the mentions Go lets name it: a package-level function bare in its package or as `pkg.F` through an import of its package, a method only as `x.F` on a value; a call that the calling function\'s facts resolve to a method of another type or to code outside the module, and a call with another number of arguments, or assigned to another number of variables, than the declaration has, are not its callers. A method of another type with the same name that goleash cannot resolve (a call through an interface) still counts as a caller that does not drain. A function with no caller in the module is reported as before when code outside the module may call it (an exported API: its readers are elsewhere); when nothing outside can (it is unexported, or declared in a test file, in package main or in a package under an `internal` directory, and, for an exported method, its signature names a type of its package, so no interface declared elsewhere can hold it), it never runs and is not reported.',
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
    if (pid === 'F:main' || pid.startsWith('F:init')) return;
    for (const b of g.parent.blocks) {
      for (const make of b.ops) {
        // a buffer of fixed size does not hold a stream (sends in a loop) either: once it is full, the send waits;
        // a buffer sized at run time may be sized for the stream (`make(chan T, len(xs))`)
        if (make.o !== 'make' || make.cap === 'dyn') continue;
        const ch = make.dst;
        if (receives(g.parent, ch)) continue;
        const exit = exitOf(g.parent, g.file, ch, program);
        if (!exit || exit === 'kept') continue;
        const senders = sendersOf(g, ch, varsInTarget(g, ch), program);
        if (!senders.some((e) => e.ids.some((n) => mentions(e.fn, n))) || senders.some((e) => e.ids.some((n) => receives(e.fn, n)))) continue;
        if (watchesCtx(senders)) continue;
        // without a context in reach, only a stream a caller of the module is seen to stop reading early is judged
        const noCtx = !ctxAtHand(g, senders);
        if (noCtx && exit.how !== 'return') continue;
        // any other function of the parent that uses the channel (another goroutine, a callback) may be its reader
        const runs = new Set(senders.map((e) => e.fn));
        const others = nestedLiterals(g.file, pid).filter((l) => l !== g.target && !isNestedIn(g.file, l, g.target.id) && !runs.has(l));
        if (others.some((l) => mentions(l, ch))) continue;
        if (g.parent.blocks.some((x) => x.ops.some((o) => o.o === 'go' && o !== g.op && (o.args.some((a: Val) => isVar(a, ch)))))) continue;
        const sends = bareSends(g, senders, program);
        if (sends.length === 0) continue;
        // counted along paths, the senders make at most as many sends as the buffer holds (one, for no buffer): each
        // send in the loop is followed by a return, say; that is a single result, not a stream
        const most = mostSends(senders);
        if (most < MANY && most <= Math.max(make.cap, 1)) continue;
        // a stream returned by a function of the module: when it has callers in the module and every one reads the
        // channel until it is closed, the goroutine always finishes; else the first caller that can stop is named
        let stopper: StreamCallSite | undefined;
        if (exit.how === 'return') {
          const callers = streamCallers(program, g.file, pid);
          if (callers && callers.sites.length > 0) {
            stopper = callers.sites.find((c) => !c.drains);
            if (!stopper) continue;
          } else if (callers && moduleOnly(program, g.file, pid)) continue; // no code can call it: it never runs
          if (noCtx) {
            stopper = callers?.sites.find((c) => (c.through ?? c).early && c.sure && (!c.through || c.through.sure));
            if (!stopper) continue;
          }
        }
        const name = g.parent.vars[ch]?.name ?? ch.slice(0, ch.indexOf('@'));
        const pname = program.enclosingName(stmt.file, stmt.fact.parent);
        for (const { s, file } of sends) {
          report({
            file: file.path,
            range: s.r,
            message: [
              { text: s.text, code: true },
              ' can block forever: ',
              { text: 'this goroutine', loc: 1 },
              ` sends on ${name}, which ${pname} `,
              exit.how === 'return' ? { text: 'returns to its caller', loc: 3 } : { text: 'hands to code goleash cannot see', loc: 3 },
              ', with no way out if the reader stops',
              ...(stopper ? [' (', { text: `${stopper.through?.caller || stopper.caller || 'a caller'} ${stopper.how === 'stops' ? 'can stop reading early' : stopper.how === 'drops' ? 'never reads it' : stopper.how === 'hands' ? 'hands it on' : 'reads it in a way goleash cannot follow'}`, loc: 4 }, ')'] : []),
            ],
            related: [
              { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
              { id: 2, file: stmt.file.path, range: make.r, message: make.cap === 0 ? `${name} is made here without a buffer` : `${name} is made here with a buffer of ${make.cap}, which the stream fills` },
              { id: 3, file: stmt.file.path, range: exit.r, message: exit.how === 'return' ? `${pname} returns ${name} here` : `${pname} hands ${name} on here` },
              ...(stopper ? [stopRelated(stopper, pname)] : []),
            ],
            semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `stream|${name}|${s.text}` },
          });
        }
      }
    }
  },
};
