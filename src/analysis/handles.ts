// Lost handles: a value a function makes (`v := &T{…}`) to hold what its goroutine's life depends on (a cancel
// function stored in v's field), which no code can reach once the function is done with it. The function only
// selects v's fields and starts a method of v as a goroutine (VarInfo.confined), or does that and returns v
// (VarInfo.handedBack) to a caller of its package that drops the result (`db.begin(ctx)` as a statement of its
// own, or `_ = db.begin(ctx)`). Either way nothing is left to call what v holds.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, VarId } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { codeText } from './source.js';

/** A call of the parent that drops its results: where it is and the function it is in. */
export interface DropSite {
  file: string;
  range: Range;
  caller: string;
}

/** How the handle is lost: with the parent's return (`drop` undefined), or with a caller dropping it. */
export interface LostHandle {
  drop?: DropSite;
}

/**
 * Whether the value `base` of `parent`, which field `field` of is written, is a lost handle for the goroutine
 * started by `go` (see the file comment). The goroutine, when it runs a method of v, must itself only select
 * fields of its receiver other than `field` and call no method on it: it cannot reach `field` either.
 */
export function lostHandle(file: FileFacts, parent: FuncIR, go: Op & { o: 'go' }, target: FuncIR, base: VarId, field: string, program: Program): LostHandle | undefined {
  const info = parent.vars[base];
  if (!info || info.kind !== 'local' || !info.fresh) return undefined;
  const c = info.confined ?? info.handedBack;
  if (!c || c.calls || c.bare.includes(field)) return undefined;
  if (go.fn.k === 'method') {
    if (go.fn.recv.k !== 'var' || go.fn.recv.id !== base) return undefined;
    const recv = Object.values(target.vars).find((v) => v.kind === 'recv');
    const rc = recv?.confined;
    if (!rc || rc.calls || rc.go || rc.bare.includes(field)) return undefined;
  } else if (go.fn.k !== 'lit') return undefined;
  if (info.confined) return {};
  const drop = droppingResultCalls(file, parent, program)[0];
  return drop ? { drop } : undefined;
}

/** The calls of function or method `parent` in its package whose results are dropped: a call statement of its own
 * or `_ = f(…)`, in any function whose facts resolve the call to this very function. */
export function droppingResultCalls(file: FileFacts, parent: FuncIR, program: Program): DropSite[] {
  const m = /^(F|M):(?:[^.]*\.)?([A-Za-z_]\w*)$/.exec(parent.id);
  if (!m) return [];
  const method = m[1] === 'M';
  const name = m[2]!;
  const out: DropSite[] = [];
  const seen = new Set<string>();
  for (const f of program.packageOf(file).files) {
    const text = codeText(program, f);
    if (text === null || !text.includes(`${method ? '.' : ''}${name}(`)) continue;
    const lines = text.split('\n');
    // fill in the bodies the first parse left out
    for (const fn of [...f.funcs]) if (fn.kind !== 'lit' && fn.lazy !== undefined) program.funcById(f, fn.id);
    for (const fn of f.funcs) {
      for (const call of fn.calls) {
        if (call.callee.k !== (method ? 'method' : 'func') || call.callee.name !== name || call.deferred || call.spawn) continue;
        const key = `${call.range.start.line}:${call.range.start.col}`;
        if (seen.has(`${f.path}#${key}`)) continue;
        const r = program.resolve(call.callee, f);
        if (r.k !== 'func' || r.fn.file !== file || r.fn.fact.id !== parent.id) continue;
        const before = (lines[call.range.start.line - 1] ?? '').slice(0, call.range.start.col - 1);
        const after = (lines[call.range.end.line - 1] ?? '').slice(call.range.end.col - 1);
        if (!/^\s*(?:_\s*=\s*)?$/.test(before) || !/^\s*(?:;|\}|$)/.test(after)) continue;
        seen.add(`${f.path}#${key}`);
        out.push({ file: f.path, range: call.range, caller: program.enclosingName(f, fn.id) });
      }
    }
    // a package-level function called from a body the parse left out (no calls of its own in the facts): a line
    // that is the call and nothing else (`f(x)` or `_ = f(x)`, the name not a selector's), inside a declared function
    if (method) continue;
    lines.forEach((line, i) => {
      const mm = new RegExp(`^(\\s*(?:_\\s*=\\s*)?)${name}\\(`).exec(line);
      if (!mm) return;
      const col = mm[1]!.length + 1;
      if (seen.has(`${f.path}#${i + 1}:${col}`)) return;
      let depth = 0;
      let end = -1;
      for (let j = mm[0].length - 1; j < line.length; j++) {
        if (line[j] === '(') depth++;
        else if (line[j] === ')' && --depth === 0) {
          end = j + 1;
          break;
        }
      }
      if (end < 0 || !/^\s*;?\s*$/.test(line.slice(end))) return;
      const at = { line: i + 1, col, bcol: Buffer.byteLength(line.slice(0, col - 1)) + 1 };
      const inner = f.funcs.filter((x) => x.kind !== 'var' && (x.range.start.line < at.line || (x.range.start.line === at.line && x.range.start.col <= col)) && (x.range.end.line > at.line || (x.range.end.line === at.line && x.range.end.col >= col)));
      const fn = inner.sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.col - a.range.start.col)[0];
      if (!fn || (fn.kind !== 'func' && fn.kind !== 'method' && fn.kind !== 'lit')) return;
      seen.add(`${f.path}#${i + 1}:${col}`);
      out.push({ file: f.path, range: { start: at, end: { line: i + 1, col: end + 1, bcol: Buffer.byteLength(line.slice(0, end)) + 1 } }, caller: program.enclosingName(f, fn.id) });
    });
  }
  return out;
}
