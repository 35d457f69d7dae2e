// What a mention of a method's name in code can call, by Go's rules, for the lexical analyses that find callers
// over the module's text (src/analysis/callers.ts, src/analysis/stream-callers.ts): most bodies are never parsed, so
// a call `x.Start(…)` is known only as text. A method is named only by a selector; when its operand is a receiver or
// parameter of the function around the mention (and nothing in that function declares another variable of the same
// name), or a field of such a value, its declared type is known from the facts, and a method of another named type
// of the module is not the method looked for — unless the type may hold it: an interface (any value with the method
// may be in it), an embedded field that may promote it, a type goleash cannot resolve. Names are used to find the
// declarations the language binds them to, never to decide anything by what they say.
import type { Package, Program } from '../index/program.js';
import type { FileFacts, FuncFact, Range, TypeRef } from '../parse/types.js';
import { codeText } from './source.js';
import { funcFact, innermostAt } from '../parse/lookup.js';

/** The innermost function (a literal too) of the file around line:col. */
export function innermostFunc(file: FileFacts, line: number, col: number): FuncFact | undefined {
  return innermostAt(file, line, col);
}

/** The offsets where each line of the texts asked about lately starts (the texts are the per-file code texts of
 * src/analysis/source.ts, asked again and again by the walks over callers); a few hundred kept. */
const starts = new Map<string, Int32Array>();

function lineStarts(s: string): Int32Array {
  let idx = starts.get(s);
  if (idx) return idx;
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  idx = new Int32Array(n);
  let k = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) idx[k++] = i + 1;
  if (starts.size >= 256) starts.clear();
  starts.set(s, idx);
  return idx;
}

/** The offset in `s` where line `line` (1-based) starts (past the last line: the last line's start). */
export function offsetOfLine(s: string, line: number): number {
  const idx = lineStarts(s);
  return line <= 1 ? 0 : idx[Math.min(line, idx.length) - 1]!;
}

/** The line (1-based) and column (1-based, in UTF-16 units) of offset `at` of `s`. */
export function lineColAt(s: string, at: number): { line: number; col: number } {
  const idx = lineStarts(s);
  let lo = 0;
  let hi = idx.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (idx[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: at - idx[lo]! + 1 };
}

/** The body of `fn` in the code text (from its `{` to its end). */
function bodyOf(s: string, fn: FuncFact): string {
  const from = offsetOfLine(s, fn.range.start.line) + fn.range.start.col - 1;
  const to = offsetOfLine(s, fn.range.end.line) + fn.range.end.col - 1;
  const open = s.indexOf('{', offsetOfLine(s, fn.nameRange.end.line) + fn.nameRange.end.col - 1);
  return s.slice(open < 0 || open > to ? from : open, to);
}

/** The places the function's body declares a variable `name`: `name :=` (alone or in a list, in a range, a type
 * switch or a select case), `var name`, or a parameter of a func literal or func type in it. Each with what the
 * declaration gives it when that can be read: the index of `name` in the list on the left and the text on the
 * right of `:=` or `=`, or the type written after `var name`. */
function declarations(s: string, fn: FuncFact, name: string): { index: number; rhs?: string; type?: string }[] {
  const body = bodyOf(s, fn);
  const out: { index: number; rhs?: string; type?: string }[] = [];
  const id = '[A-Za-z_]\\w*';
  const list = new RegExp(`(?<![\\w.])(${id}(?:\\s*,\\s*${id})*)\\s*:=`, 'g');
  for (let m = list.exec(body); m; m = list.exec(body)) {
    const names = m[1]!.split(',').map((x) => x.trim());
    const i = names.indexOf(name);
    if (i >= 0) out.push({ index: i, rhs: body.slice(m.index + m[0].length, m.index + m[0].length + 300) });
  }
  const vars = new RegExp(`\\bvar\\s+((?:${id}\\s*,\\s*)*)${name}\\b([^\\n]*)`, 'g');
  for (let m = vars.exec(body); m; m = vars.exec(body)) {
    const index = m[1] ? m[1].split(',').length - 1 : 0;
    const rest = m[2]!;
    const eq = rest.indexOf('=');
    out.push(eq >= 0 ? { index, rhs: rest.slice(eq + 1) } : { index, type: rest.trim() });
  }
  if (new RegExp(`\\bfunc\\s*\\([^)]*(?<![\\w.])${name}\\b`).test(body)) out.push({ index: -1 });
  return out;
}

/** The type a declaration gives its variable, when the text says it plainly: `var x T`, `x := T{…}`, `x := &T{…}`
 * (T or q.T), or `x, y := F(…)` / `q.F(…)` with F a function of the module (its declared result at x's index). */
function declaredType(program: Program, file: FileFacts, d: { index: number; rhs?: string; type?: string }): { type: TypeRef; file: FileFacts } | undefined {
  const named = (q: string | undefined, n: string): TypeRef | undefined => {
    if (!q) return { k: 'named', pkg: '', name: n };
    const imp = file.imports.find((i) => i.name === q);
    return imp ? { k: 'named', pkg: imp.path, name: n } : undefined;
  };
  if (d.type !== undefined) {
    const m = /^\*?\s*(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\s*$/.exec(d.type);
    const t = m ? named(m[1], m[2]!) : undefined;
    return t ? { type: t, file } : undefined;
  }
  if (d.rhs === undefined || d.index < 0) return undefined;
  const lit = /^\s*&?\s*(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\s*\{/.exec(d.rhs);
  if (lit && d.index === 0) {
    const t = named(lit[1], lit[2]!);
    return t ? { type: t, file } : undefined;
  }
  const call = /^\s*(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\s*\(/.exec(d.rhs);
  if (!call) return undefined;
  const imp = call[1] ? file.imports.find((i) => i.name === call[1]) : undefined;
  if (call[1] && !imp) return undefined;
  const r = program.resolve(imp ? { k: 'pkgfunc', pkg: imp.path, name: call[2]! } : { k: 'func', name: call[2]! }, file);
  if (r.k !== 'func' || r.fn.fact.kind !== 'func') return undefined;
  const res = r.fn.fact.results[d.index];
  return res ? { type: res, file: r.fn.file } : undefined;
}

/**
 * The declared type of the operand of a selector `x.` or `x.f.` that ends at offset `at` of the code text `s` of
 * `file` (`at` is where the selected name starts), or undefined when it cannot be told: x must be a receiver or a
 * parameter of a function around the mention (a literal's own parameters first), declared nowhere else in it;
 * `f` a field of x's struct type of the module. With the file the type is written in (a type of its own package is
 * named without a package). `'import'` when x names an imported package (a package's function,
 * not a method).
 */
export function selectorOperandType(program: Program, file: FileFacts, s: string, at: number, line: number, col: number): { type: TypeRef; file: FileFacts } | 'import' | undefined {
  const pre = s.slice(Math.max(0, at - 300), at);
  const m = /(?<![\w.)\]}])([A-Za-z_]\w*)\s*\.\s*(?:([A-Za-z_]\w*)\s*\.\s*)?$/.exec(pre);
  if (!m) return undefined;
  const x = m[1]!;
  const f = m[2];
  let found: { type: TypeRef; file: FileFacts } | undefined;
  for (let fn = innermostFunc(file, line, col), i = 0; fn && i < 50; i++) {
    const p = fn.params.find((q) => q.name === x);
    const own = p ? p.type : fn.recv && fn.recv.name === x ? ({ k: 'named', pkg: '', name: fn.recv.type } as TypeRef) : undefined;
    const decls = declarations(s, fn, x);
    if (own) {
      if (decls.length > 0) return undefined;
      found = { type: own, file };
      break;
    }
    if (decls.length > 1) return undefined;
    if (decls.length === 1) {
      found = declaredType(program, file, decls[0]!);
      if (!found) return undefined;
      break;
    }
    const up = fn.parent;
    fn = up ? funcFact(file, up) : undefined;
  }
  if (!found) {
    // not a variable of the function: an imported package's name (a package-level variable of that name would
    // shadow the import in its own file only; the import is what Go binds in this file)
    if (!f && file.imports.some((i) => i.name === x)) return 'import';
    return undefined;
  }
  if (!f) return found;
  return program.fieldType(found.type, f, found.file, 0) ?? undefined;
}

/**
 * Whether a value of type `t` (read in `file`) may have method `method` of the module's type `target` of package
 * `pkg` as its method `method`: it is that type, or may hold it (an interface or a type goleash cannot resolve in
 * the module), or may promote it from an embedded field. A named type of the module that declares a method of that
 * name itself, and one whose method set cannot include it, do not.
 */
export function mayHaveMethod(program: Program, t: TypeRef, file: FileFacts, pkg: Package, target: string, method: string, depth = 0): boolean {
  if (depth > 6) return true;
  if (t.k === 'func' || t.k === 'chan' || t.k === 'ctx' || t.k === 'sync') return false;
  if (t.k !== 'named') return true;
  const r = program.resolveType(t, file, 0);
  // a pointer to a named type is no interface: a type outside the module then has none of the module's methods
  if (!r && t.ptr && t.pkg !== '' && !program.packageByImport(t.pkg)) return false;
  // an interface, a type outside the module (which may be an interface that holds any value), or not found
  if (!r) return true;
  if (r.pkg === pkg && stripGeneric(r.name) === stripGeneric(target)) return true;
  if (r.pkg.methods.has(`${r.name}.${method}`)) return false;
  if (!r.fact || !r.file) return true;
  for (const e of r.fact.embedded) if (mayHaveMethod(program, e, r.file, pkg, target, method, depth + 1)) return true;
  return false;
}

/** The code text (comments and strings blanked) of range `r` of `file`, or null when the file cannot be read. */
export function codeIn(program: Program, file: FileFacts, r: Range): string | null {
  const s = codeText(program, file);
  if (s === null) return null;
  return s.slice(offsetOfLine(s, r.start.line) + r.start.col - 1, offsetOfLine(s, r.end.line) + r.end.col - 1);
}

/** How often `name` occurs in `text` as a word of its own, not selected from a value (`x.name`). */
export function wordCount(text: string, name: string): number {
  const esc = name.replace(/[^\w]/g, '');
  return (text.match(new RegExp(`(?<![\\w.])${esc}(?!\\w)`, 'g')) ?? []).length;
}

function stripGeneric(name: string): string {
  const i = name.indexOf('[');
  return i < 0 ? name : name.slice(0, i);
}

const fieldNames = new WeakMap<Program, Set<string>>();

/** Some struct type of the module has a field of this name that is not of a func type: `x.name` not followed by a
 * call may read that field rather than take a method value. */
export function dataFieldNamed(program: Program, name: string): boolean {
  let set = fieldNames.get(program);
  if (!set) {
    set = new Set();
    for (const p of program.packages.values()) for (const t of p.types.values()) for (const f of t.fact.fields) if (f.type.k !== 'func') set.add(f.name);
    fieldNames.set(program, set);
  }
  return set.has(name);
}
