// ctx-done-missing: a goroutine that receives or captures a context.Context, never observes its
// cancellation, and can block. When the parent cancels, nothing stops it.
import type { BlockSite, BlockSkip, FuncEntry, Program } from '../index/program.js';
import type { BlockFact, Range } from '../parse/types.js';
import { wrapInSelect } from './fixes.js';
import type { GoStmt, MessagePart, RelatedLocation, Rule } from './types.js';

export interface CtxInput {
  /** the ctx binding key inside the goroutine's function */
  key: string;
  /** the name the parent knows it by (ctx, c.ctx, ...) */
  name: string;
  how: 'receives' | 'captures';
}

/** The function a go statement runs, when its body is in the analyzed code. */
export function goTarget(stmt: GoStmt, program: Program): FuncEntry | null {
  const r = program.resolve(stmt.fact.callee, stmt.file);
  return r.k === 'func' ? r.fn : null;
}

/** The contexts a goroutine gets from its parent: ctx arguments, captured ctx variables, ctx fields it reads. */
export function ctxInputs(stmt: GoStmt, target: FuncEntry, program: Program): CtxInput[] {
  const out: CtxInput[] = [];
  const g = stmt.fact;
  const params = target.fact.params;
  g.args.forEach((a, i) => {
    if (a.background) return;
    const p = params[Math.min(i, params.length - 1)];
    if (!p) return;
    if (p.type.k !== 'ctx' && a.done === undefined) return;
    const name = (a.ctx && g.ctxNames[a.ctx]) || (a.done && g.ctxNames[a.done]) || a.text.replace(/\.Done\(\)$/, '');
    out.push({ key: p.key, name, how: 'receives' });
  });
  if (target.fact.kind === 'lit') {
    for (const ref of target.fact.refs) {
      const name = g.ctxNames[ref];
      if (name !== undefined) out.push({ key: ref, name, how: 'captures' });
    }
  }
  const pkg = target.pkg;
  for (const ref of target.fact.refs) {
    if (ref.startsWith('field:') && program.isCtxField(ref, pkg)) {
      const field = ref.slice(ref.indexOf('.') + 1);
      // named as the parent sees it (`t.ctx` for `go t.wait()`), else as the method does
      const owner = /^(.+)\.\w+$/.exec(g.calleeText)?.[1] ?? target.fact.recv?.name;
      out.push({ key: ref, name: owner ? `${owner}.${field}` : field, how: 'receives' });
    }
  }
  return out;
}

/** How the goroutine's own code names a ctx input (its param name, the captured name, recv.field). */
export function ctxExprInTarget(target: FuncEntry, input: CtxInput): string {
  return target.fact.params.find((p) => p.key === input.key)?.name ?? input.name;
}

/** A send into a channel the caller made with a buffer, once, cannot block. */
export function bufferedForCall(stmt: GoStmt, target: FuncEntry): (b: BlockFact) => boolean {
  const buffered = new Set<string>();
  stmt.fact.args.forEach((a, i) => {
    const p = target.fact.params[i];
    if (a.chanCap !== undefined && p) buffered.add(p.key);
  });
  return (b) => b.kind === 'send' && !b.inLoop && b.chan !== undefined && buffered.has(b.chan);
}

function posBefore(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.col < b.col);
}

/**
 * Operations on a channel of the parent that the parent provably completes: a send the parent drains with a
 * `for range` that nothing leaves early, a receive or range that the parent ends with a deferred close, or a
 * receive that the parent answers with a send or close of its own body, with no return in between.
 */
export function settledByParent(stmt: GoStmt, target: FuncEntry, program: Program): BlockSkip {
  const parent = program.funcById(stmt.file, stmt.fact.parent);
  if (!parent) return () => false;
  const go = stmt.fact.range;
  // the channel's key in the parent: back through the calls from the goroutine (params to the arguments that
  // fed them), then from the goroutine's params to the go statement's arguments (captured keys stay as they are)
  const parentKey = (b: BlockFact, fn: FuncEntry, via: BlockSite['via']): string | undefined => {
    let key = b.chan;
    let callee = fn;
    for (let j = via.length - 1; j >= 0 && key; j--) {
      const i = callee.fact.params.findIndex((p) => p.key === key);
      key = i >= 0 ? via[j]!.call.args[i]?.chanKey : undefined;
      callee = via[j]!.from;
    }
    if (!key) return undefined;
    const i = target.fact.params.findIndex((p) => p.key === key);
    return i >= 0 ? stmt.fact.args[i]?.chanKey : key;
  };
  return (b, fn, via) => {
    const key = parentKey(b, fn, via);
    if (!key || !parent.fact.chans.some((c) => c.key === key) || parent.fact.chanEscapes?.includes(key)) return false;
    const returnsBefore = (at: Range) => parent.fact.returns.some((r) => posBefore(go.start, r.start) && posBefore(r.start, at.start));
    if (b.kind === 'send') {
      const drain = parent.fact.chanOps.find((o) => o.key === key && o.kind === 'range' && o.top && !o.exits && posBefore(go.start, o.range.start));
      return !!drain && !returnsBefore(drain.range);
    }
    if (b.kind !== 'recv' && b.kind !== 'range-chan') return false;
    const feeds = parent.fact.chanFeeds?.filter((o) => o.key === key) ?? [];
    if (feeds.some((o) => o.kind === 'close' && o.deferred)) return true;
    // a close ends every receiver; one send answers one receive, so not receivers started in a loop
    const answer = feeds.find(
      (o) => o.top && !o.deferred && (o.kind === 'close' || (b.kind === 'recv' && !stmt.fact.loop)) && posBefore(go.start, o.range.start),
    );
    return !!answer && !returnsBefore(answer.range);
  };
}

export function describeBlock(b: BlockFact): string {
  switch (b.kind) {
    case 'forever':
      return 'loops forever at';
    case 'select-empty':
      return 'blocks forever at';
    default:
      return 'can block at';
  }
}

export function targetName(target: FuncEntry): string {
  const f = target.fact;
  if (f.kind === 'lit') return 'func literal';
  if (f.kind === 'method' && f.recv) return `${f.recv.type}.${f.name}`;
  return f.name;
}

export const rule: Rule = {
  meta: {
    id: 'ctx-done-missing',
    name: 'CtxDoneMissing',
    level: 'warning',
    precision: 'high',
    title: 'A goroutine receives a context.Context but never observes its cancellation, and can block.',
    description:
      'A goroutine that is handed a context.Context (as an argument, a captured variable or a struct field) but never receives from ctx.Done(), never polls ctx.Err() and never hands the context to code that does, keeps running after the context is cancelled. If it can block (a channel operation, a select without default or timer, a loop that never exits), it leaks: cancel() only signals, it stops nothing.',
    help: [
      'A goroutine that is handed a `context.Context` but never watches it leaks when the parent cancels: `cancel()` only *signals*; it stops nothing. The classic incident: a parent starts `go child(ctx, rc)`, times out, calls `cancel()` and moves on, while `child` blocks forever on `rc <- true` because it never selects on `ctx.Done()`. Goroutine counts and memory climb slowly until traffic rises.',
      'goleash follows calls within the analyzed module (same file, other files of the package, other packages, methods, func values, closures, a ctx kept in a struct field). A call outside the module that takes the ctx is assumed to honour it, except calls that only read values from it (loggers, `FromContext` helpers, `ctx.Value`). A goroutine that cannot block (pure computation, `close`, a send into a channel buffered for it, a select with `default` or a timer case) is not reported, nor is an operation its parent provably completes: a send the parent drains with a `for range` that never stops early, or a receive the parent ends with a `defer close(ch)` (or a send or close in its own body with no return before it).',
      '**How to fix:** make every blocking operation of the goroutine a `select` with a `case <-ctx.Done(): return` arm, or give result channels a buffer so that the send never waits (`make(chan T, 1)`).',
      '```go\ngo func(ctx context.Context) {\n\tselect {\n\tcase rc <- true:\n\tcase <-ctx.Done():\n\t\treturn\n\t}\n}(ctx)\n```',
      '**Suppress** a reviewed case with a comment on the `go` line or the line above: `//goleash:ignore ctx-done-missing <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'context'],
    since: '0.1.0',
    examples: { bad: 'testdata/seed/seed.go', good: 'testdata/seed/seed.go' },
  },

  check(stmt, program, report) {
    const target = goTarget(stmt, program);
    if (!target) return; // the goroutine runs code we cannot see: nothing to judge
    const inputs = ctxInputs(stmt, target, program);
    if (inputs.length === 0) return;
    if (inputs.some((i) => program.observes(target, i.key))) return;
    if (target.fact.stops) return; // stopped by a stop/quit/closing channel instead: cancellable by other means
    const buffered = bufferedForCall(stmt, target);
    const settled = settledByParent(stmt, target, program);
    const site = program.blockSite(target, (b, fn, via) => (fn === target && buffered(b)) || settled(b, fn, via));
    if (!site) return;
    const ctx = inputs[0]!;
    const tname = targetName(target);
    const related: RelatedLocation[] = [
      { id: 1, file: target.file.path, range: target.fact.nameRange, message: `goroutine runs ${tname}` },
      { id: 2, file: site.fn.file.path, range: site.block.range, message: `can block here: ${site.block.text}` },
    ];
    const message: MessagePart[] = [
      'goroutine running ',
      { text: tname, loc: 1 },
      ` ${ctx.how} ${ctx.name} but never observes ${ctx.name}.Done(); it ${describeBlock(site.block)} `,
      { text: site.block.text, code: true, loc: 2 },
    ];
    if (site.via.length > 0) message.push(` in ${targetName(site.fn)}`);
    message.push(` and leaks once ${ctx.name} is cancelled`);
    const flow =
      site.via.length > 0
        ? [
            { file: stmt.file.path, range: stmt.fact.range, message: `go ${stmt.fact.calleeText}` },
            ...site.via.map((v) => ({ file: v.from.file.path, range: v.call.range, message: `calls ${v.call.text}` })),
            { file: site.fn.file.path, range: site.block.range, message: `blocks at ${site.block.text}` },
          ]
        : undefined;
    const fix = site.via.length === 0 ? wrapInSelect(target, site.block, ctxExprInTarget(target, ctx)) : undefined;
    report({
      file: stmt.file.path,
      range: stmt.fact.range,
      fix,
      message,
      related,
      flow,
      semantic: { pkg: program.packageOf(stmt.file).dir, func: program.enclosingName(stmt.file, stmt.fact.parent), target: tname },
    });
  },
};
