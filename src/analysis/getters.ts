// Getters of channel fields: a method whose whole body returns one field of its receiver
// (`func (s *Stopper) ShouldStop() <-chan struct{} { return s.stop }`, with an `if s == nil { return nil }` before
// it too). A call of it is that field, as far as the channel goes: `case <-s.stopper.ShouldStop(): return` waits on
// `Stopper.stop`. And when no other package can call the getter (unexported, or a method of a type declared in a
// test file) and every mention of its name in the package is received from at once (`<-x.ShouldStop()`, bare or
// as a select case), returning the field hands it to nobody: its callers only receive from it.
import type { Program } from '../index/program.js';
import type { FuncIR, Val } from '../ir/types.js';
import type { FileFacts, FuncFact } from '../parse/types.js';
import { isExported } from '../parse/syntax.js';
import { codeText } from './source.js';
import { chainStart } from './stream-callers.js';

type Field = Val & { k: 'field' };

/** The receiver field that method `fn` of `file` returns, when returning it is all the method does. Lexical, on
 * the code of its body, so a body left out of the first parse is judged too. */
export function getterOf(program: Program, file: FileFacts, fn: FuncFact): Field | undefined {
  if (fn.kind !== 'method' || !fn.recv || fn.params.length !== 0 || fn.results.length !== 1) return undefined;
  const t = fn.recv.type;
  const s = codeText(program, file);
  if (s === null) return undefined;
  const lines = s.split('\n');
  const { start, end } = fn.range;
  const text = [lines[start.line - 1]!.slice(start.col - 1), ...lines.slice(start.line, end.line - 1), ...(end.line > start.line ? [lines[end.line - 1]!.slice(0, end.col - 1)] : [])].join('\n');
  const body = /\{([^{}]*(?:\{[^{}]*\}[^{}]*)?)\}\s*$/.exec(text)?.[1];
  if (body === undefined) return undefined;
  const r = fn.recv.name.replace(/[^\w]/g, '');
  const m = new RegExp(`^\\s*(?:if\\s+${r}\\s*==\\s*nil\\s*\\{\\s*return\\s+nil\\s*\\}\\s*)?return\\s+${r}\\.([A-Za-z_]\\w*)\\s*$`).exec(body);
  if (!m || !r) return undefined;
  return { k: 'field', owner: { pkg: '', name: t }, name: m[1]!, text: `${r}.${m[1]}` };
}

/** The field a channel value of `fn` is, when it is the result of a call of a getter of the same package. */
export function getterField(program: Program, file: FileFacts, fn: FuncIR, v: Val): Field | undefined {
  if (v.k !== 'expr' || !v.call) return undefined;
  const fact = program.funcById(file, fn.id)?.fact;
  const call = fact?.calls.find((c) => `${c.range.start.line}:${c.range.start.col}` === v.call && c.callee.k === 'method');
  if (!call) return undefined;
  const r = program.resolve(call.callee, file);
  if (r.k !== 'func' || r.fn.pkg !== program.packageOf(file)) return undefined;
  return getterOf(program, r.fn.file, r.fn.fact);
}

const memo = new WeakMap<Program, Map<string, boolean>>();

/** Getter `fn` of `file` (see getterOf) is only ever received from: no other package can call it, and every
 * mention of its name in its package's code is `<-x.Name()` or its declaration. */
export function receiveOnlyGetter(program: Program, file: FileFacts, fn: FuncFact): boolean {
  let m = memo.get(program);
  if (!m) memo.set(program, (m = new Map()));
  const key = `${file.path}#${fn.id}`;
  let r = m.get(key);
  if (r === undefined) m.set(key, (r = compute(program, file, fn)));
  return r;
}

function compute(program: Program, file: FileFacts, fn: FuncFact): boolean {
  const f = getterOf(program, file, fn);
  const name = fn.name;
  if (!f || !f.owner) return false;
  const pkg = program.packageOf(file);
  const tfile = pkg.types.get(f.owner.name)?.file;
  if (!tfile) return false;
  if (isExported(name) && !tfile.path.endsWith('_test.go')) return false;
  const mention = new RegExp(`(?<![\\w])${name}\\b`, 'g');
  for (const pf of pkg.files) {
    const s = codeText(program, pf);
    if (s === null) return false;
    mention.lastIndex = 0;
    for (let mm = mention.exec(s); mm; mm = mention.exec(s)) {
      const at = mm.index;
      const lineStart = s.lastIndexOf('\n', at - 1) + 1;
      // the declaration of a method of this name (of any type: one of another type only denies)
      if (/\bfunc\s*\([^()]*\)\s*$/.test(s.slice(lineStart, at))) continue;
      if (s[at - 1] !== '.' || !/^\(\s*\)/.test(s.slice(at + name.length))) return false;
      const before = s.slice(Math.max(0, chainStart(s, at) - 20), chainStart(s, at));
      if (!/<-\s*$/.test(before)) return false;
    }
  }
  return true;
}
