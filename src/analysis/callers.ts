// Who can call a function of the module, transitively, and whether every chain of callers starts at a process root.
// Lexical, like src/analysis/stream-callers.ts: Go lets a function be named only by its name (a call, a method
// value, a func value handed on), and most bodies have no IR (bodies without concurrency are never parsed), so
// every mention of the name in code (comments, strings and runes blanked, src/analysis/source.ts) in a file that
// can name it (its package's files for an unexported name, every file of the module for an exported one) is a
// caller: the declared function the mention is in. A mention in a method of another type with the same name is a
// caller too, which only adds chains: the verdict errs on the side of "not only process roots". Identifiers are
// used to find references, never to decide anything by what they say.
//
// The process roots: `main` and `init`, and any function of package main (nothing imports that package; its
// functions set up the one program it builds), unless marked `//export` for C (cgo: C code calls it as often as
// it likes). A chain that reaches a test (a _test.go file, or a package file that imports "testing": a test
// helper), a function with no caller in the module (exported in a non-internal, non-main package: code outside
// the module may call it; unexported: dead, or called in ways not followed), or a call site inside a loop, is not
// a chain of the process's set-up.
import path from 'node:path';
import type { Program } from '../index/program.js';
import { isExported } from '../parse/syntax.js';
import type { FileFacts, FuncFact } from '../parse/types.js';
import { codeText } from './source.js';

/** How many functions a walk may visit before it gives up (and answers "not only process roots"). */
const MAX_VISITED = 200;

const memo = new WeakMap<Program, Map<string, boolean>>();

/** The declared function (or package-level variable holding func literals) around offset `at` of `file`. */
function enclosing(file: FileFacts, line: number, col: number): FuncFact | undefined {
  const inside = (f: FuncFact) =>
    (f.range.start.line < line || (f.range.start.line === line && f.range.start.col <= col)) &&
    (f.range.end.line > line || (f.range.end.line === line && f.range.end.col >= col));
  let best: FuncFact | undefined;
  for (const f of file.funcs) if (inside(f) && (!best || f.range.start.line < best.range.start.line || (f.range.start.line === best.range.start.line && f.range.start.col < best.range.start.col))) best = f;
  return best;
}

function lineCol(s: string, at: number): { line: number; col: number } {
  let line = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < at; i = s.indexOf('\n', i + 1)) line++;
  return { line, col: at - (s.lastIndexOf('\n', at - 1) + 1) + 1 };
}

/** The mention at `at` is inside a `for` loop that opens after `from` (the start of its function). */
function inLoop(s: string, at: number, from: number): boolean {
  let depth = 0;
  for (let i = at - 1; i >= from; i--) {
    const c = s[i];
    if (c === ')' || c === '}' || c === ']') depth++;
    else if (c === '(' || c === '{' || c === '[') {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (c !== '{') continue;
      const ls = s.lastIndexOf('\n', i - 1) + 1;
      if (/^\s*(?:[A-Za-z_]\w*:\s*)?for\b/.test(s.slice(ls, i))) return true;
    }
  }
  return false;
}

/** A test file, or a package file that imports "testing" (a test helper). */
function testCode(file: FileFacts): boolean {
  return file.path.endsWith('_test.go') || file.imports.some((i) => i.path === 'testing');
}

/** The declaration of `fn` is marked `//export` (cgo): C code calls it. */
function cgoExported(program: Program, file: FileFacts, fn: FuncFact): boolean {
  const text = program.sourceOf(file);
  if (text === null) return true;
  const lines = text.split('\n');
  for (let l = fn.range.start.line - 2; l >= 0 && l >= fn.range.start.line - 6; l--) {
    const t = lines[l]!.trim();
    if (t.startsWith('//export ')) return true;
    if (!t.startsWith('//')) break;
  }
  return false;
}

/**
 * Every chain of in-module callers of function `fnId` of `file` (a declared function or method, or a func literal
 * inside one) starts at a process root, and there is at least one: what it starts runs once for the process.
 */
export function onlyFromProcessRoots(program: Program, file: FileFacts, fnId: string): boolean {
  let m = memo.get(program);
  if (!m) memo.set(program, (m = new Map()));
  const key = `${file.path}#${fnId}`;
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = walk(program, file, fnId)));
  return v;
}

function walk(program: Program, file: FileFacts, fnId: string): boolean {
  let start = file.funcs.find((f) => f.id === fnId);
  for (let i = 0; start && start.kind === 'lit' && start.parent && i < 50; i++) {
    const up = start.parent;
    start = file.funcs.find((f) => f.id === up);
  }
  if (!start) return false;
  // the names to find callers of: declared functions, and package-level variables that hold func literals
  const queue: { file: FileFacts; name: string; fact?: FuncFact }[] = [];
  const seen = new Set<string>();
  const push = (f: FileFacts, fact: FuncFact): boolean => {
    // a root: nothing to follow
    if (f.pkg === 'main') return !cgoExported(program, f, fact);
    if (fact.kind === 'func' && fact.name === 'init' && !fact.recv) return true;
    // a literal of a package-level variable (`var cmd = &Command{Run: func…}`) is named by the variable
    const name = fact.kind === 'lit' && !fact.parent ? fact.name.split('.')[0]! : fact.name;
    if (!/^[A-Za-z_]\w*$/.test(name)) return false;
    const k = `${path.posix.dirname(f.path)}#${f.pkg}#${name}`;
    if (seen.has(k)) return true;
    seen.add(k);
    queue.push({ file: f, name, fact: fact.kind === 'lit' ? undefined : fact });
    return true;
  };
  if (testCode(file)) return false;
  if (!push(file, start)) return false;
  if (queue.length === 0) return true;
  for (let qi = 0; qi < queue.length; qi++) {
    if (qi >= MAX_VISITED) return false;
    const { file: f, name, fact } = queue[qi]!;
    const pkg = program.packageOf(f);
    const exported = isExported(name);
    const files = exported ? [...program.packages.values()].flatMap((p) => p.files) : pkg.files;
    const mention = new RegExp(`(?<![\\w])${name}\\b`, 'g');
    let callers = 0;
    for (const cf of files) {
      const s = codeText(program, cf);
      if (s === null) return false;
      if (!s.includes(name)) continue;
      mention.lastIndex = 0;
      for (let mm = mention.exec(s); mm; mm = mention.exec(s)) {
        const at = mm.index;
        const lineStart = s.lastIndexOf('\n', at - 1) + 1;
        const before = s.slice(lineStart, at);
        // the declaration itself (`func name(`, `func (r T) name(`), or a selector that is not a call's (`x.name`
        // is a call site all the same: methods are named by selectors)
        if (/\bfunc\s*(?:\([^()]*\)\s*)?$/.test(before)) continue;
        const p = lineCol(s, at);
        const enc = enclosing(cf, p.line, p.col);
        if (!enc) continue; // package-level text: a type's method list, a field name, a variable's own declaration
        if (enc.kind === 'var' && fact === undefined && enc.name === name) continue;
        if (testCode(cf)) return false;
        if (fact && enc.id === fact.id && cf === f) continue; // a recursive call
        callers++;
        if (inLoop(s, at, s.lastIndexOf('\n', offsetOf(s, enc.range.start.line)) + 1)) return false;
        if (!push(cf, enc)) return false;
      }
    }
    if (callers === 0) return false;
  }
  return true;
}

function offsetOf(s: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line && at >= 0; l++) at = s.indexOf('\n', at) + 1;
  return Math.max(0, at);
}
