// Who can call a function of the module, transitively, and whether every chain of callers starts at a process root.
// Lexical, like src/analysis/stream-callers.ts: Go lets a function be named only by its name (a call, a method
// value, a func value handed on), and most bodies have no IR (bodies without concurrency are never parsed), so the
// mentions of the name in code (comments, strings and runes blanked, src/analysis/source.ts) are its callers: the
// declared function each mention is in. Which mentions can name it, as Go's scoping has it:
//
//   - a package-level function (or a variable holding func literals): bare in its own package's files, `q.name`
//     in a file that imports its package as q (or with a dot import, bare);
//   - a method: a selector `x.name` anywhere in the module (an unexported one only in its package), unless x's
//     declared type is known from the text (a receiver or parameter, a variable declared once with a composite
//     literal or a module function's result, a field of one of those: src/analysis/mentions.ts) and cannot hold
//     the method (another named type of the module with a method of that name, or none and no embedded field
//     that may promote it; a pointer to a type outside the module); an interface may hold the receiver, so a
//     call through one counts. `x.name` not called, on a value of unknown type, is read as a data field of
//     that name when a struct of the module has one, not as a method value handed on;
//   - not a mention that only a field or a variable can be (indexed, an operand of an operator, assigned to, a
//     composite literal's key, the base of a selector), nor a call with another number of arguments than a
//     non-variadic function takes (one argument may be a multi-value call).
//
// An exported method of a package outside `internal` directories is callable from other modules, and whether they
// do cannot be ruled out by its mentions (they do not tell it from other types' methods of the same name): not
// only process roots. The process roots: `init`, and any function of package main (nothing imports that package; its functions set up
// the one program it builds), unless marked `//export` for C (cgo: C code calls it as often as it likes). A chain
// that reaches a test (a _test.go file, or a package file that imports "testing": a test helper), a function with
// no caller in the module (exported: code outside the module may call it; unexported: dead, or called in ways not
// followed), a call site inside a `for` loop, or a mention that hands the function on as a func value (a factory
// registered in `init`, a callback: its holder may call it any number of times), is not a chain of the process's set-up, and neither is a walk
// that visits more than MAX_VISITED functions. Identifiers are used to find references, never to decide anything
// by what they say.
import path from 'node:path';
import type { Program } from '../index/program.js';
import { isExported } from '../parse/syntax.js';
import type { FileFacts, FuncFact } from '../parse/types.js';
import { dataFieldNamed, innermostFunc, lineColAt, mayHaveMethod, offsetOfLine, selectorOperandType } from './mentions.js';
import { chainStart, closing, startsWithExit } from './stream-callers.js';
import { isProcessEntry, isProcessEntryPackage } from '../api/table.js';
import { codeText } from './source.js';
import { funcFact, outermostAt } from '../parse/lookup.js';

/** How many functions a walk may visit before it gives up (and answers "not only process roots"). */
const MAX_VISITED = 200;

const memo = new WeakMap<Program, Map<string, boolean>>();

/** The declared function (or package-level variable holding func literals) around offset `at` of `file`. */
function enclosing(file: FileFacts, line: number, col: number): FuncFact | undefined {
  return outermostAt(file, line, col);
}

/** The whole-word mentions of a name in one file: the file, its code text and the offsets. */
type Mentions = { file: FileFacts; s: string; at: number[] };

/** Where the whole word `name` occurs in the code of `files` (offsets into each file's code text, src/analysis/
 * source.ts), kept per run: the walks from many functions ask for the same names. null: a file cannot be read. */
const occurrences = new WeakMap<Program, Map<string, Mentions[] | null>>();

/** The names of the program's declared functions and package-level variables: the names wordsIn is asked about. */
const namesOf = new WeakMap<Program, Set<string>>();

function funcNames(program: Program): Set<string> {
  let names = namesOf.get(program);
  if (names) return names;
  names = new Set();
  for (const p of program.packages.values()) for (const f of p.files) for (const fn of f.funcs) if (fn.kind !== 'lit') names.add(fn.kind === 'var' ? fn.name.split('.')[0]! : fn.name);
  for (const n of [...names]) if (!/^[A-Za-z_]\w*$/.test(n)) names.delete(n);
  namesOf.set(program, names);
  return names;
}

/** Where each of those names occurs as a whole word in a file's code text, from one pass over it: asking for every
 * name by a scan of the text costs time quadratic in the size of a file. */
const words = new WeakMap<FileFacts, { s: string; names: Set<string>; at: Map<string, number[]> }>();

function wordIndex(program: Program, file: FileFacts, s: string): Map<string, number[]> {
  const names = funcNames(program);
  // kept per file for the program that asked (the language server keeps a file's facts across programs whose
  // function names differ)
  const hit = words.get(file);
  if (hit && hit.s === s && hit.names === names) return hit.at;
  const at = new Map<string, number[]>();
  const word = /\w+/g;
  for (let m = word.exec(s); m; m = word.exec(s)) {
    if (!names.has(m[0])) continue;
    const list = at.get(m[0]);
    if (list) list.push(m.index);
    else at.set(m[0], [m.index]);
  }
  words.set(file, { s, names, at });
  return at;
}

/** For every name of funcNames, the files of the program that mention it (see wordIndex), built once per program;
 * null when a file cannot be read. */
const everyIndex = new WeakMap<Program, Map<string, Mentions[]> | null>();

function everyMention(program: Program): Map<string, Mentions[]> | null {
  const hit = everyIndex.get(program);
  if (hit !== undefined) return hit;
  let out: Map<string, Mentions[]> | null = new Map();
  for (const p of program.packages.values()) {
    for (const cf of p.files) {
      const s = codeText(program, cf);
      if (s === null) {
        out = null;
        break;
      }
      for (const [name, at] of wordIndex(program, cf, s)) {
        const list = out.get(name);
        if (list) list.push({ file: cf, s, at });
        else out.set(name, [{ file: cf, s, at }]);
      }
    }
    if (out === null) break;
  }
  everyIndex.set(program, out);
  return out;
}

function wordsIn(program: Program, files: FileFacts[], scope: string, name: string): Mentions[] | null {
  let m = occurrences.get(program);
  if (!m) occurrences.set(program, (m = new Map()));
  const key = `${scope}|${name}`;
  const hit = m.get(key);
  if (hit !== undefined) return hit;
  const mention = new RegExp(`(?<![\\w])${name}\\b`, 'g');
  const indexed = funcNames(program).has(name);
  // every file of the program: one inverted index, name to the files that mention it
  if (indexed && scope === '*') {
    const all = everyMention(program);
    if (all !== null) {
      const hit2 = all.get(name) ?? [];
      m.set(key, hit2);
      return hit2;
    }
  }
  let out: Mentions[] | null = [];
  for (const cf of files) {
    const s = codeText(program, cf);
    if (s === null) {
      out = null;
      break;
    }
    if (indexed) {
      const at = wordIndex(program, cf, s).get(name);
      if (at) out.push({ file: cf, s, at });
      continue;
    }
    if (!s.includes(name)) continue;
    const at: number[] = [];
    mention.lastIndex = 0;
    for (let mm = mention.exec(s); mm; mm = mention.exec(s)) at.push(mm.index);
    if (at.length) out.push({ file: cf, s, at });
  }
  m.set(key, out);
  return out;
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
export function onlyFromProcessRoots(program: Program, file: FileFacts, fnId: string, strict = false): boolean {
  let m = memo.get(program);
  if (!m) memo.set(program, (m = new Map()));
  const key = `${file.path}#${fnId}#${strict ? 's' : ''}`;
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = walk(program, file, fnId, strict)));
  return v;
}

/** `strict`: only `main` and `init` are roots; the other functions of package main are followed to their callers
 * like any function (a method of package main may be a handler that a server registered through an interface runs
 * once per request, and nothing in the module names it). */
function walk(program: Program, file: FileFacts, fnId: string, strict: boolean): boolean {
  const start = declaredAround(file, fnId);
  if (!start) return false;
  // the names to find callers of: declared functions, and package-level variables that hold func literals
  const queue: { file: FileFacts; name: string; fact?: FuncFact }[] = [];
  const seen = new Set<string>();
  const push = (f: FileFacts, fact: FuncFact): boolean => {
    // a root: nothing to follow
    if (f.pkg === 'main' && (!strict || (fact.kind === 'func' && !fact.recv && fact.name === 'main'))) return !cgoExported(program, f, fact);
    if (fact.kind === 'func' && fact.name === 'init' && !fact.recv) return true;
    // a literal of a package-level variable (`var cmd = &Command{Run: func…}`) is named by the variable
    const name = fact.kind === 'lit' && !fact.parent ? fact.name.split('.')[0]! : fact.name;
    if (!/^[A-Za-z_]\w*$/.test(name)) return false;
    // an exported method of a package other modules can import: its callers cannot be told by name (any `x.Name`
    // of the module may or may not be it), so whether code outside the module calls it cannot be ruled out
    // A package that defines a command-line framework's commands (it imports cobra or urfave/cli: the API table's
    // PROCESS_ENTRIES) is the program's command code, not a library other modules build on
    if (fact.recv && isExported(name) && f.pkg !== 'main' && !internalDir(program.packageOf(f).dir) && !commandPackage(program.packageOf(f))) return false;
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
    const method = !!fact?.recv;
    // a method may be named through any value of the module; an exported function only in its package and in
    // the files that import it
    const found = !exported
      ? wordsIn(program, pkg.files, pkg.key, name)
      : method
        ? wordsIn(program, [...program.packages.values()].flatMap((p) => p.files), '*', name)
        : wordsIn(program, importers(program, pkg), `${pkg.key}+`, name);
    if (found === null) return false;
    // a package-level function or variable is named bare in its own package, and as `q.name` elsewhere, where q
    // is the name the file imports its package by; a method by a selector on any value of its type, anywhere
    // how many arguments a call of it takes (undefined: variadic, or not known)
    const arity = fact ? arityOf(program, f, fact) : undefined;
    let callers = 0;
    for (const { file: cf, s, at: ats } of found) {
      const own = program.packageOf(cf) === pkg;
      const quals = method || own ? undefined : qualifiers(program, cf, pkg);
      if (quals && quals.size === 0) continue;
      for (const at of ats) {
        const lineStart = s.lastIndexOf('\n', at - 1) + 1;
        const before = s.slice(lineStart, at);
        // a selector may break its line after the dot (`x.\n\tName()`)
        const pre = s.slice(Math.max(0, at - 200), at);
        // a selector or name that cannot be the function: an index, an operand, a field's key or target (a
        // variable's name is used every way)
        const use = useAt(s, at + name.length, codeText(program, cf, true) ?? s);
        if (use === 'field' && fact) continue;
        if (method && !/\.\s*$/.test(pre)) continue; // a method is only ever named by a selector
        if (typeof use === 'number' && arity !== undefined && use !== arity && !(use === 1 && arity > 1)) continue;
        if (!method) {
          const q = /([A-Za-z_]\w*)\s*\.\s*$/.exec(pre);
          if (own ? /\.\s*$/.test(pre) : !(q && quals!.has(q[1]!)) && !(quals!.has('.') && !/\.\s*$/.test(pre))) continue;
        }
        // the declaration itself (`func name(`, `func (r T) name(`), or a selector that is not a call's (`x.name`
        // is a call site all the same: methods are named by selectors)
        if (/\bfunc\s*(?:\([^()]*\)\s*)?$/.test(before)) continue;
        const p = lineColAt(s, at);
        // a selector whose operand's type is known (a receiver, a parameter, a field of one): a method of another
        // type of the module, which cannot hold this one, is not this method; a package's name is no value
        if (method && fact?.recv) {
          const op = selectorOperandType(program, cf, s, at, p.line, p.col);
          if (op === 'import' || (op && !mayHaveMethod(program, op.type, op.file, pkg, fact.recv.type, name))) continue;
          // a type of package main can be named in no other package: its values reach one only as interface values,
          // and a call through an interface there is on an operand whose declared type is known (a parameter, a
          // receiver's field); on any other operand of another package, `x.name` is another type's method
          if (!op && pkg.name === 'main' && program.packageOf(cf) !== pkg) continue;
          // `x.name` not called, on a value of a type not known here, where a struct of the module has a data field
          // of that name: read as that field, not a method value handed on
          if (!op && use === 'value' && dataFieldNamed(program, name)) continue;
        }
        const enc = enclosing(cf, p.line, p.col);
        if (!enc) continue; // package-level text: a type's method list, a field name, a variable's own declaration
        if (enc.kind === 'var' && fact === undefined && enc.name === name) continue;
        if (testCode(cf)) return false;
        if (fact && enc.id === fact.id && cf === f) continue; // a recursive call
        // the handler of a command-line framework's command (`cmd.RunE = c.run`, `&cobra.Command{RunE: func… {
        // o.Run() }}`): the framework calls it once, for the command the process runs (the API table's
        // PROCESS_ENTRIES), a root like main
        if (processEntry(program, cf, s, use === 'value' ? chainStart(s, at) : undefined, p.line, p.col)) {
          callers++;
          continue;
        }
        // handed on as a func value (a factory registered in a map or a struct, a callback): whoever holds it may
        // call it any number of times, from anywhere, so this is no chain of the process's set-up
        if (use === 'value' && fact) return false;
        callers++;
        if (inLoop(s, at, s.lastIndexOf('\n', offsetOfLine(s, enc.range.start.line)) + 1)) return false;
        if (!push(cf, enc)) return false;
      }
    }
    if (callers === 0) return false;
  }
  return true;
}

/**
 * The mention is a handler of a command-line framework (the API table's PROCESS_ENTRIES): a func value stored at
 * offset `valueAt` (a method value or a function's name) into such a field, or a call inside a func literal stored
 * there (`valueAt` undefined: the innermost literal around line:col is the value). The field is a key of a
 * composite literal of the entry's type (`&cobra.Command{RunE: …}`, the type as the file imports it), or assigned
 * (`cmd.RunE = …`) for the fields whose name tells them without the type.
 */
function processEntry(program: Program, cf: FileFacts, s: string, valueAt: number | undefined, line: number, col: number, far = false): boolean {
  const frameworks = cf.imports.filter((i) => isProcessEntryPackage(i.path));
  if (frameworks.length === 0) return false;
  let at = valueAt;
  if (at === undefined) {
    const lit = innermostFunc(cf, line, col);
    if (!lit || lit.kind !== 'lit') return false;
    at = offsetOfLine(s, lit.range.start.line) + lit.range.start.col - 1;
  }
  // `far`: a command's literal may hold long fields before the handler (a usage text, an example); the walk to
  // process roots looks at the few lines before it only (a handler deep in a long literal is not taken for a root
  // there: what its command leaves blocked may outlive the handler while the process goes on)
  const before = s.slice(Math.max(0, at - (far ? 20000 : 300)), at);
  const assigned = /\.\s*([A-Za-z_]\w*)\s*=\s*$/.exec(before);
  if (assigned) return frameworks.some((i) => isProcessEntry(i.path, undefined, assigned[1]!));
  const key = /(?:^|[{,\s])([A-Za-z_]\w*)\s*:\s*$/.exec(before);
  if (!key) return false;
  // the composite literal the key is in: the unmatched `{` before it, and the type written before that
  const i = unmatchedOpen(before, before.length - key[0].length);
  if (i < 0 || before[i] !== '{') return false;
  let typ = /([A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)\s*$/.exec(before.slice(0, i));
  // an element of a slice literal with its type elided (`[]*cli.Command{{Name: …, Action: run}}`): the type is the
  // slice's element type, written before the `{` that opens the list
  if (!typ && /[{,]\s*$/.test(before.slice(0, i))) {
    const j = unmatchedOpen(before, i - 1);
    if (j >= 0 && before[j] === '{') typ = /\[\]\s*\*?\s*([A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)\s*$/.exec(before.slice(0, j));
  }
  if (!typ) return false;
  // the file's name for the package (its alias, or the package name the import path gives: cli for …/cli/v2)
  return frameworks.some((imp) => imp.name === typ[1] && isProcessEntry(imp.path, typ[2]!, key[1]!));
}

/** The offset of the innermost bracket (`{`, `(` or `[`) left open at offset `from` of `s`, scanning back; -1 if none. */
function unmatchedOpen(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i >= 0; i--) {
    const c = s[i];
    if (c === '}' || c === ')' || c === ']') depth++;
    else if (c === '{' || c === '(' || c === '[') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** What follows a mention ending at `end`: a call with this many arguments (as written), 'field' for a use only a
 * field or a variable can have (indexed, an operand of a binary operator, assigned to, a key, a selector's base),
 * 'value' otherwise (handed on as a func value). `s` is the code text (comments, strings and runes blanked) that
 * gives the structure; `kept` the same text with its strings and runes, at the same offsets, which tells a blanked
 * argument (`f(a, "")`) from none (a trailing comma). */
function useAt(s: string, end: number, kept: string): number | 'field' | 'value' {
  let i = end;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  const c = s[i];
  if (c === '(') {
    let depth = 0;
    let commas = 0;
    let any = false;
    for (let j = i; j < s.length; j++) {
      const d = s[j]!;
      if (d === '(' || d === '[' || d === '{') depth++;
      else if (d === ')' || d === ']' || d === '}') {
        depth--;
        if (depth === 0) return any ? commas + 1 - (/,\s*$/.test(kept.slice(i + 1, j)) ? 1 : 0) : 0;
      } else if (depth === 1 && d === ',') commas++;
      else if (depth === 1 && !/\s/.test(kept[j]!)) any = true;
    }
    return 'value';
  }
  if (c === '[' || c === ']' || c === '.') return 'field';
  if (c === ':' && s[i + 1] !== '=') return 'field';
  if (c === '=' && s[i + 1] !== '=') return 'field';
  if (c !== undefined && '+-*/%<>!&|^='.includes(c)) return 'field';
  return 'value';
}

/** The number of parameters of `fn`, or undefined when it is variadic. */
function arityOf(program: Program, file: FileFacts, fn: FuncFact): number | undefined {
  const s = codeText(program, file);
  if (s === null) return undefined;
  const from = offsetOfLine(s, fn.nameRange.end.line) + fn.nameRange.end.col - 1;
  const brace = s.indexOf('{', from);
  if (s.slice(from, brace < 0 ? from + 400 : brace).includes('...')) return undefined;
  return fn.params.length;
}

/** A directory under an `internal` one: only its module can import its packages. */
/** Some file of the package (not a test) imports a command-line framework whose handlers the API table knows. */
function commandPackage(pkg: ReturnType<Program['packageOf']>): boolean {
  return pkg.files.some((f) => !f.path.endsWith('_test.go') && f.imports.some((i) => isProcessEntryPackage(i.path)));
}

function internalDir(dir: string): boolean {
  return /(?:^|\/)internal(?:\/|$)/.test(dir);
}

const importing = new WeakMap<Program, Map<string, FileFacts[]>>();

/** The files of package `pkg` and those that import it. */
export function importers(program: Program, pkg: ReturnType<Program['packageOf']>): FileFacts[] {
  let m = importing.get(program);
  if (!m) importing.set(program, (m = new Map()));
  let out = m.get(pkg.key);
  if (!out) {
    out = [...program.packages.values()].flatMap((p) => (p === pkg ? p.files : p.files.filter((cf) => qualifiers(program, cf, pkg).size > 0)));
    m.set(pkg.key, out);
  }
  return out;
}

/** The names file `cf` imports package `pkg` by ('.' for a dot import); empty when it does not import it. An
 * import path no known module places names the package when it ends with the package's directory. */
export function qualifiers(program: Program, cf: FileFacts, pkg: ReturnType<Program['packageOf']>): Set<string> {
  const out = new Set<string>();
  for (const imp of cf.imports) {
    if (imp.name === '_') continue;
    // without a go.mod that places the import path, a path that ends with the package's directory
    const known = program.packageByImport(imp.path);
    if (known ? known !== pkg : !(pkg.dir !== '' && (imp.path === pkg.dir || imp.path.endsWith(`/${pkg.dir}`)))) continue;
    out.add(imp.name);
    out.add(pkg.name);
  }
  return out;
}

/**
 * Function `fnId` of `file` (a declared function) is a command's handler itself: every mention of its name in its
 * package is the value of a command-line framework's handler field (the API table's PROCESS_ENTRIES: `RunE: run` in
 * a command's literal, at package level or in a function; `cmd.RunE = run`), and there is at least one. Returning
 * from it returns from the framework's Execute to main, which ends the process: what its way back leaves blocked
 * goes with the process.
 */
export function processEntryHandler(program: Program, file: FileFacts, fnId: string): boolean {
  const fact = funcFact(file, fnId);
  if (!fact || fact.kind !== 'func' || fact.recv || testCode(file) || !/^[A-Za-z_]\w*$/.test(fact.name)) return false;
  const pkg = program.packageOf(file);
  // an exported function of a library may be called by other modules; of a package that defines the commands
  // (commandPackage), it is the program's command code
  if (isExported(fact.name) && pkg.name !== 'main' && !commandPackage(pkg)) return false;
  // an exported one is named by its importers too (`tool.Install(c)` in a loop elsewhere): every mention there
  // must be a handler's value as well
  const exported = isExported(fact.name) && pkg.name !== 'main';
  const found = exported ? wordsIn(program, importers(program, pkg), `${pkg.key}+`, fact.name) : wordsIn(program, pkg.files, pkg.key, fact.name);
  if (found === null) return false;
  let entries = 0;
  for (const { file: cf, s, at: ats } of found) {
    for (const at of ats) {
      const lineStart = s.lastIndexOf('\n', at - 1) + 1;
      if (/\bfunc\s*$/.test(s.slice(lineStart, at))) continue; // the declaration
      // a selector: another thing of that name, or, in an importer, the function itself (`tool.Install`)
      const pre = s.slice(Math.max(0, at - 50), at);
      if (/\.\s*$/.test(pre)) {
        const q = /([A-Za-z_]\w*)\s*\.\s*$/.exec(pre);
        if (!exported || program.packageOf(cf) === pkg || !q || !qualifiers(program, cf, pkg).has(q[1]!)) continue;
      }
      const p = lineColAt(s, at);
      if (useAt(s, at + fact.name.length, codeText(program, cf, true) ?? s) !== 'value' || testCode(cf) || !processEntry(program, cf, s, chainStart(s, at), p.line, p.col, true)) return false;
      entries++;
    }
  }
  return entries > 0;
}

/** Literal `lit` of `file` is the value of a command-line framework's handler field (see processEntry): Execute or
 * Run calls it once and returns what it returns to main, which ends the process. */
function literalEntry(program: Program, file: FileFacts, lit: FuncFact): boolean {
  if (testCode(file)) return false;
  const s = codeText(program, file);
  return s !== null && processEntry(program, file, s, undefined, lit.range.start.line, lit.range.start.col, true);
}

const exitMemo = new WeakMap<Program, Map<string, boolean>>();

/**
 * An error that function `fnId` of `file` returns ends the process: it is `main`, a command's handler itself (see
 * processEntryHandler), or every mention of its name in the module is a call whose error goes straight on to such a
 * function's return or to a fatal exit: `return f(…)`; `if err := f(…); err != nil {` with a `return` or fatal call
 * first in its block; `err := f(…)` (or `x, err = f(…)`) followed by `if err != nil {` and such a first statement;
 * `f(…)` followed by `os.Exit(` or a fatal logger's call. Read from the code text, like the walks above; a method is
 * followed by its selector calls anywhere in the module, a function in its package and its importers. A test, a
 * func value handed on, a call in a loop or any other use ends the search: not such a function.
 */
export function errorEndsProcess(program: Program, file: FileFacts, fnId: string, depth = 0): boolean {
  return endsProcess(program, file, fnId, depth, false);
}

/** Any return of function `fnId` ends the process: as errorEndsProcess, but only calls that return what the function
 * returns (`return f(…)`, up to a command's handler or main) or are followed by an exit count, not the checks of an
 * error (which end the process on an error return only). */
export function returnEndsProcess(program: Program, file: FileFacts, fnId: string): boolean {
  return endsProcess(program, file, fnId, 0, true);
}

function endsProcess(program: Program, file: FileFacts, fnId: string, depth: number, any: boolean): boolean {
  let m = exitMemo.get(program);
  if (!m) exitMemo.set(program, (m = new Map()));
  const key = `${file.path}#${fnId}#${any ? 'a' : 'e'}`;
  const hit = m.get(key);
  if (hit !== undefined) return hit;
  m.set(key, false); // a cycle answers no
  const v = errorEnds(program, file, fnId, depth, any);
  m.set(key, v);
  return v;
}

function errorEnds(program: Program, file: FileFacts, fnId: string, depth: number, any: boolean): boolean {
  const fact = funcFact(file, fnId);
  // a literal that is a command's handler itself (`Action: func(c *cli.Context) error {…}` in a command's literal)
  if (fact?.kind === 'lit') return literalEntry(program, file, fact);
  if (!fact || (fact.kind !== 'func' && fact.kind !== 'method') || testCode(file) || !/^[A-Za-z_]\w*$/.test(fact.name)) return false;
  if (file.pkg === 'main' && !fact.recv && fact.name === 'main') return true;
  if (processEntryHandler(program, file, fnId)) return true;
  if (depth >= 8) return false;
  const pkg = program.packageOf(file);
  const method = !!fact.recv;
  const exported = isExported(fact.name);
  const files = method ? [...program.packages.values()].flatMap((p) => p.files) : exported ? importers(program, pkg) : pkg.files;
  const found = wordsIn(program, files, method ? '*' : exported ? `${pkg.key}+` : pkg.key, fact.name);
  if (found === null) return false;
  let calls = 0;
  for (const { file: cf, s, at: ats } of found) {
    for (const at of ats) {
      const lineStart = s.lastIndexOf('\n', at - 1) + 1;
      const before = s.slice(lineStart, at);
      if (/\bfunc\s*(?:\([^()]*\)\s*)?$/.test(before)) continue; // the declaration
      if (method !== /\.\s*$/.test(before) && !(!method && program.packageOf(cf) !== pkg)) return false;
      if (testCode(cf)) return false;
      const open = s.indexOf('(', at + fact.name.length);
      const called = open >= 0 && s.slice(at + fact.name.length, open).trim() === '';
      const p = lineColAt(s, at);
      if (method && fact.recv) {
        // another type's method or a data field of that name (see the walk above): not a mention of this method
        const op = selectorOperandType(program, cf, s, at, p.line, p.col);
        if (op === 'import' || (op && !mayHaveMethod(program, op.type, op.file, pkg, fact.recv.type, fact.name))) continue;
        if (!op && !called && dataFieldNamed(program, fact.name)) continue;
      }
      if (!called) return false; // not a call: a value handed on
      const close = closing(s, open) - 1;
      if (close < 0) return false;
      const enc = innermostFunc(cf, p.line, p.col);
      if (!enc || (enc.kind !== 'func' && enc.kind !== 'lit')) return false;
      if (inLoop(s, at, offsetOfLine(s, enc.range.start.line))) return false;
      // a func literal: only a command's handler (`RunE: func(…) error { return f(…) }`) ends the process on return;
      // a literal without facts of its own (no concurrency in it) is found in the text: the innermost unmatched `{`
      // that opens a `func(…)` literal
      const litAt = enc.kind === 'lit' ? undefined : literalStart(s, at, offsetOfLine(s, enc.range.start.line) + enc.range.start.col);
      const litHandler = !testCode(cf) && (enc.kind === 'lit' ? processEntry(program, cf, s, undefined, p.line, p.col, true) : litAt !== undefined && processEntry(program, cf, s, litAt, p.line, p.col, true));
      if ((enc.kind === 'lit' || litAt !== undefined) && !litHandler) return false;
      // what comes before the call's whole operand chain (`return newX(ctx).Run(ctx)`: `return `)
      const head = s.slice(lineStart, Math.max(lineStart, chainStart(s, at)));
      const rest = s.slice(close + 1, close + 400);
      const nextLines = rest.split('\n');
      const after = (k: number) => nextLines.slice(k).find((l) => l.trim() !== '') ?? '';
      // how the error goes on: to the caller's own return, or to an exit right there
      let how: 'return' | 'exit' | undefined;
      // a `return`, or a call that ends the program by the API table (`os.Exit`, `log.Fatal`, `klog.Exitf`, `panic`)
      const first = (l: string): 'return' | 'exit' | undefined => (/^\s*return\b/.test(l) ? 'return' : startsWithExit(l, cf.imports) ? 'exit' : undefined);
      if (/^\s*return\s+(?:[^;{}]*,\s*)?$/.test(head) && /^\s*(?:\n|$)/.test(rest)) how = 'return';
      else if (any) how = undefined;
      else if (/^\s*if\s+(?:[\w\s,]*\s*:?=\s*)?$/.test(head) && /^\s*;\s*\w+\s*!=\s*nil\s*\{\s*\n/.test(rest)) how = first(after(1));
      else if (/^\s*(?:[\w]+\s*,\s*)*\w+\s*:?=\s*$/.test(head) && /^\s*\n\s*if\s+\w+\s*!=\s*nil\s*\{\s*\n/.test(rest)) how = first(after(2));
      if (!how && /^\s*$/.test(head) && /^[ \t]*\n/.test(rest) && startsWithExit(after(1), cf.imports)) how = 'exit';
      if (!how) return false;
      // to the caller's return: that caller's error must end the process in turn
      if (how === 'return' && !litHandler && !endsProcess(program, cf, enc.id, depth + 1, any)) return false;
      calls++;
    }
  }
  return calls > 0;
}

/** The offset of the `func` keyword of the innermost func literal around offset `at` whose body opens after `from`
 * (the enclosing declared function's start), read from the code text; undefined when `at` is in no literal. */
function literalStart(s: string, at: number, from: number): number | undefined {
  let depth = 0;
  for (let i = at - 1; i > from; i--) {
    const c = s[i];
    if (c === '}' || c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') {
      if (depth > 0) depth--;
    } else if (c === '{') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const m = /\bfunc\s*\([^()]*\)\s*(?:\([^()]*\)|[\w.*\[\]]+)?\s*$/.exec(s.slice(Math.max(from, i - 400), i));
      if (m) return Math.max(from, i - 400) + m.index;
    }
  }
  return undefined;
}

/** The declared function (or package-level variable's literal) that function `id` of `file` is, or is nested in. */
export function declaredAround(file: FileFacts, id: string): FuncFact | undefined {
  let f = funcFact(file, id);
  for (let i = 0; f && f.kind === 'lit' && f.parent && i < 50; i++) {
    const up = f.parent;
    f = funcFact(file, up);
  }
  return f;
}
