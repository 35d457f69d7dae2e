// Stream callers: for a function of the module that returns a channel (a stream), its call sites in the module
// and, per call site, whether the caller reads the returned channel until it is closed on every path (it drains
// it), or can stop reading before (a break, return, goto, panic or exit out of its range over it), or hands the
// channel on (returns it, passes it to a call, stores it, drops it). Plain data, no verdicts: a rule decides what
// a stream whose every caller drains means to it.
//
// Lexical, over the text of every file that can call the function (its package's files for an unexported name,
// every file of the module goleash read for an exported one), like src/parse/selectors.ts: bodies the parser
// never sees (blank.ts) and bodies without concurrency of their own (which have no IR) are callers too, and most
// callers of a stream are such bodies (`for x := range s.Items(ctx) { … }`). Every mention of the name, code only
// (comments, strings and runes skipped), that Go's rules let name the function (see mayCall: a package-level
// function bare or through an import of its package, a method on a value; a call the calling function's facts
// resolve to another function, or with another number of arguments or results, is not one) is a call site: a
// mention that is not one of the draining shapes below (a method of another type with the same name called
// through an interface, a method value of a value whose type is known to have the method (a selector that calls
// nothing, through a value of a type goleash does not know, is a field: no call site), a call whose result goes elsewhere) is a call site that does not drain (a method declared by an interface type is not a call site: calls through the
// interface name it too), which keeps a rule on the side of reporting. The shapes:
//
//   for x := range recv.F(args) { body }          (or `for range`, `for x = range`)
//   ch := recv.F(args) … for x := range ch { body }   (ch, err := …: a return between them is the error path)
//   ch := recv.F(args) … for { v, ok := <-ch; if !ok { break or return }; rest }
//
// where the loop is in the block of the call (it runs on every path that goes on after the call), the channel's
// variable is mentioned nowhere else, and the body has no way out of the loop: no break, return, goto or labelled
// continue anywhere in it (even one that only leaves a nested switch, select or loop, or a func literal), and no
// panic, os.Exit, log.Fatal, t.Fatal or runtime.Goexit.
import type { Package, Program } from '../index/program.js';
import { codeText } from './source.js';
import type { FileFacts, FuncFact, Pos, Range } from '../parse/types.js';
import { isExported } from '../parse/syntax.js';
import { apiEffect, methodEffectsByName } from '../api/table.js';
import { drains } from './drains.js';
import { indexOf } from './irindex.js';
import { innermostFunc, lineColAt, mayHaveMethod, selectorOperandType } from './mentions.js';
import { funcFact, innermostAt } from '../parse/lookup.js';

export interface StreamCallSite {
  /** root-relative path of the caller's file */
  file: string;
  /** the mention of the function's name */
  range: Range;
  /** the named function (or method) the call site is in, '' when outside any */
  caller: string;
  /** the caller reads the channel until it is closed on every path that goes on after the call */
  drains: boolean;
  /** how: it drains the channel, stops reading before it is closed on some path, hands it on (returns it,
   * passes it on, stores it, or a mention that is not a call), drops it (never reads it), or a text not understood */
  how: 'drains' | 'stops' | 'hands' | 'drops' | 'unknown';
  /** why, in words (what the caller does with the channel) */
  why: string;
  /** where the caller stops reading or hands the channel on (a break, a return, the call itself) */
  stop?: Range;
  /** the call's results are discarded where it is made: a call statement of its own (`F(x)`, `go F(x)`, `defer
   * F(x)`) or a blank assignment of the channel (`_ = F(x)`, `_, err := F(x)`) */
  discarded?: true;
  /** the caller ranges over the channel in the block of the call and can leave that loop early (a break, a return,
   * a goto out of it): it surely stops reading while the stream may go on */
  early?: true;
  /** the mention surely calls this function: a function named through its package, or a method whose call the
   * caller's facts resolve to it or whose operand's declared type is its receiver's (not a call through an
   * interface, nor one on a value of a type goleash does not know) */
  sure?: true;
  /** for a caller that returns the channel straight to its own callers (a wrapper, followed one level): the first
   * of those that does not drain it (then `drains` is false), with its own file, range and stop */
  through?: StreamCallSite;
}

export interface StreamCallers {
  name: string;
  sites: StreamCallSite[];
}

/** The position of offset `at` of `text`: line and column, and the column in bytes. */
export function posAt(text: string, at: number): Pos {
  const { line, col } = lineColAt(text, at);
  return { line, col, bcol: Buffer.byteLength(text.slice(at - col + 1, at)) + 1 };
}

export function rangeAt(text: string, from: number, to: number): Range {
  return { start: posAt(text, from), end: posAt(text, to) };
}

/** Where the operand chain of a selector ending at `at` starts (`a.b(x)[i].` before the name), skipping back over
 * names, dots and balanced brackets. */
export function chainStart(s: string, at: number): number {
  let j = at;
  for (let k = 0; k < 50 && s[j - 1] === '.'; k++) {
    j--;
    while (j > 0 && (s[j - 1] === ')' || s[j - 1] === ']')) {
      let depth = 0;
      let i = j - 1;
      for (; i >= 0; i--) {
        const c = s[i];
        if (c === ')' || c === ']' || c === '}') depth++;
        else if (c === '(' || c === '[' || c === '{') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (i < 0) return j;
      j = i;
    }
    while (j > 0 && /[\w]/.test(s[j - 1]!)) j--;
  }
  return j;
}

/** The index just past the bracket that closes the one at `open` ( `(`, `{` or `[` ), or -1. */
export function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/** The `{` (or other bracket) that opens the block holding `at`, or -1. */
function openingBrace(s: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = s[i];
    if (c === ')' || c === '}' || c === ']') depth++;
    else if (c === '(' || c === '{' || c === '[') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The end of the block that holds `at` (the index of its closing `}`), or the end of the text. */
function blockEnd(s: string, at: number): number {
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return s.length;
}

/** A way out of a loop body (or of the stretch between a call and its loop), by the language: a break, return or
 * goto, or a labelled continue. Calls that end the goroutine or the program are told by the API table (callExit). */
const JUMPS = /\b(?:break|return|goto)\b|\bcontinue[ \t]+[A-Za-z_]\w*/g;

/** A call in the text: `panic(`, or `q.name(` with the identifier (if any) just before the dot. */
const CALLS = /(?<![\w.])panic\s*\(|(?:(?<![\w.])([A-Za-z_]\w*)\s*)?\.\s*([A-Za-z_]\w*)\s*\(/g;

/**
 * Whether the call CALLS matched is a way out, by the API table (src/api/table.ts): `panic`, a function of an
 * imported package that ends the goroutine or the program (`os.Exit`, `log.Fatal`, `runtime.Goexit`), or a method of
 * the table's types of that name on a value goleash cannot type here (`t.Fatal`, `logger.Fatal`). In a test file, a
 * call that fails or skips the test (`t.Fatal`, `t.FailNow`, `t.Skip`) ends a failed or skipped test: as for the
 * leave paths (src/analysis/leave.ts), a path through a failed test is nothing worth reporting, so it is no way out.
 */
function callExit(m: RegExpExecArray, imports: FileFacts['imports'], test: boolean): string | undefined {
  if (!m[2]) return 'panic';
  const imp = m[1] ? imports.find((i) => i.name === m[1]) : undefined;
  const effects = imp ? [apiEffect(imp.path, m[2])] : methodEffectsByName(m[2]);
  if (test && effects.some((e) => e?.k === 'fatal')) return undefined;
  return effects.some((e) => e?.k === 'exit' || e?.k === 'fatal') ? m[2] : undefined;
}

/** A statement (`line`, the text from its start) that begins with a call ending the program, by the API table
 * (see callExit): `os.Exit(1)`, `log.Fatal(err)`, `klog.Exitf(…)`, `panic(err)`. Not in a test's sense: a call that
 * only fails the test is no exit here. */
export function startsWithExit(line: string, imports: FileFacts['imports']): boolean {
  const m = LEADING_CALL.exec(line);
  return !!m && callExit(m, imports, false) !== undefined;
}

const LEADING_CALL = new RegExp(`^\\s*(?:${CALLS.source})`);

function firstExit(s: string, from: number, to: number, test: boolean, imports: FileFacts['imports']): { at: number; text: string } | undefined {
  let best: { at: number; text: string } | undefined;
  const j = new RegExp(JUMPS.source, 'g');
  j.lastIndex = from;
  const jm = j.exec(s);
  if (jm && jm.index < to) best = { at: jm.index, text: jm[0] };
  const c = new RegExp(CALLS.source, 'g');
  c.lastIndex = from;
  for (let m = c.exec(s); m && m.index < (best?.at ?? to); m = c.exec(s)) {
    const text = callExit(m, imports, test);
    if (text) return { at: m.index + m[0].lastIndexOf(text), text };
  }
  return best;
}

/** The innermost function of the file around offset-position `p`, named as Program.enclosingName names it. */
function callerAt(file: FileFacts, p: Pos): { name: string; id?: string } {
  let best = innermostAt(file, p.line, p.col);
  const innermost = best;
  for (let i = 0; best && best.kind === 'lit' && best.parent && i < 50; i++) {
    const up = best.parent;
    best = funcFact(file, up);
  }
  if (!best) return { name: '' };
  return { name: best.recv ? `${best.recv.type}.${best.name}` : best.name, ...(innermost === best ? { id: best.id } : {}) };
}

const cache = new WeakMap<Program, Map<string, StreamCallers | undefined>>();

/**
 * The call sites in the module of function `fnId` of `file` (a function or method declaration that returns a
 * channel as result `chanResult`), each with whether it drains the channel. Undefined when the function has no
 * name callers can use (a func literal) or a text could not be read.
 */
export function streamCallers(program: Program, file: FileFacts, fnId: string, follow = true): StreamCallers | undefined {
  let memo = cache.get(program);
  if (!memo) cache.set(program, (memo = new Map()));
  const key = `${file.path}#${fnId}#${follow}`;
  if (memo.has(key)) return memo.get(key);
  const out = compute(program, file, fnId, follow);
  memo.set(key, out);
  return out;
}

function compute(program: Program, file: FileFacts, fnId: string, follow: boolean): StreamCallers | undefined {
  const m = /^(?:F:|M:[^.]*\.)([A-Za-z_]\w*)$/.exec(fnId);
  if (!m) return undefined;
  const name = m[1]!;
  const decl = funcFact(file, fnId);
  if (!decl) return undefined;
  const chanResult = Math.max(0, decl.results.findIndex((t) => t.k === 'chan'));
  const exported = isExported(name);
  const files = exported ? [...program.packages.values()].flatMap((p) => p.files) : program.packageOf(file).files;
  const sites: StreamCallSite[] = [];
  const self = program.packageOf(file);
  const declText = codeText(program, file);
  if (declText === null) return undefined;
  const shape = { params: decl.params.length, variadic: variadicAt(declText, decl), results: decl.results.length };
  const mention = new RegExp(`(?<![\\w])${name}\\b`, 'g');
  for (const f of files) {
    const s = codeText(program, f);
    if (s === null) return undefined;
    if (!s.includes(name)) continue;
    mention.lastIndex = 0;
    for (let mm = mention.exec(s); mm; mm = mention.exec(s)) {
      const at = mm.index;
      const chain = chainStart(s, at);
      const lineStart = s.lastIndexOf('\n', chain - 1) + 1;
      const before = s.slice(lineStart, chain);
      // the declaration itself, or a method of an interface type (`Items(ctx context.Context) <-chan T`): calls
      // through the interface name the method too, and are judged where they are
      if (/\bfunc\s*(?:\([^()]*\)\s*)?$/.test(before)) continue;
      if (chain === at && /^\s*$/.test(before) && /\binterface\s*$/.test(s.slice(Math.max(0, openingBrace(s, at) - 40), Math.max(0, openingBrace(s, at))))) continue;
      const r = rangeAt(s, at, at + name.length);
      // a mention that cannot name this function (another package's function, a method of a type the call
      // resolves to, a call with another number of arguments or results) is no call site of it
      const may = mayCall(program, f, s, chain, at, name, decl, self, shape, r.start);
      if (!may) continue;
      let site = judge(s, before, chain, at, at + name.length, chanResult, /_test\.go$/.test(f.path), f.imports);
      const caller = callerAt(f, r.start);
      // a caller whose body has an IR (it has concurrency of its own): the drain summaries follow the channel
      // through the helpers, transformers and goroutines it hands it to
      if (!site.drains) site = irDrains(program, f, posAt(s, chain), site, follow && !!caller.id);
      const out: StreamCallSite = { file: f.path, range: r, caller: caller.name, ...site, ...(may === 'sure' ? { sure: true as const } : {}) };
      // a wrapper that returns the channel straight from the call (`return s.items(ctx)`, declared to return a
      // channel): its own callers decide
      const returnsChan = !!caller.id && !!funcFact(f, caller.id)?.results.some((t) => t.k === 'chan');
      const wrapper = follow && (site.why === RETURNED || site.why === RELAYED) && returnsChan ? streamCallers(program, f, caller.id!, false) : undefined;
      if (wrapper && wrapper.sites.length > 0) {
        const stops = wrapper.sites.find((w) => !w.drains);
        out.drains = !stops;
        out.how = stops ? stops.how : 'drains';
        out.why = stops ? `${site.why}, and ${stops.caller || 'a caller'} ${stops.why}` : `${site.why}, and every caller of ${caller.name} drains it`;
        if (stops) out.through = stops;
      }
      sites.push(out);
    }
  }
  return { name, sites };
}

const RETURNED = 'returns the channel to its own caller';

/** The verdict on a call site whose calling function has an IR: the call op at `start`, and whether what it returns
 * is drained on every path from there (src/analysis/drains.ts), through the functions and goroutines it is handed
 * to; else the text's verdict stands. */
export const RELAYED = 'passes the channel through a function that reads it only as fast as what it returns is read, and returns that to its own caller';

function irDrains(program: Program, f: FileFacts, start: Pos, text: Verdict, relay: boolean): Verdict {
  const inner = innermostFunc(f, start.line, start.col);
  const fn = inner ? indexOf(f)?.byId.get(inner.id) : undefined;
  if (!fn) return text;
  for (const b of fn.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'call' || o.r.start.line !== start.line || o.r.start.col !== start.col) continue;
      const d = drains(program).result(fn, f, o);
      if (d === 'yes') return { how: 'drains', drains: true, why: 'hands the channel to code that reads it until it is closed' };
      // a wrapper that returns what a transformer of the stream returns: its own callers decide (see compute)
      if (d === 'relay' && relay && o.ret === undefined) return { how: 'hands', drains: false, why: RELAYED, stop: text.stop };
      return text;
    }
  }
  return text;
}

/**
 * Whether only code of the module can call function `fnId` of `file`, by Go's rules of visibility: it is declared in
 * a test file, in package main, in a package under an `internal` directory (which only the module can import), or
 * it is unexported; and, for an exported method, its signature names a type of its own package, so that no
 * interface declared outside the module can hold it (a method like `Read(p []byte) (int, error)` may be called by
 * a library through io.Reader). Calls by reflection are not seen. With no call site in the module, such a function
 * is never called.
 */
export function moduleOnly(program: Program, file: FileFacts, fnId: string): boolean {
  const decl = funcFact(file, fnId);
  if (!decl || (decl.kind !== 'func' && decl.kind !== 'method')) return false;
  const pkg = program.packageOf(file);
  const closed = file.path.endsWith('_test.go') || file.pkg === 'main' || /(?:^|\/)internal(?:\/|$)/.test(pkg.dir);
  if (!isExported(decl.name)) return true;
  if (!closed) return false;
  if (decl.kind === 'func') return true;
  const s = codeText(program, file);
  if (s === null) return false;
  const lines = s.split('\n');
  // the signature: from the name to the line whose last `{` opens the body (gofmt keeps it there)
  let sig = (lines[decl.nameRange.end.line - 1] ?? '').slice(decl.nameRange.end.col - 1);
  for (let l = decl.nameRange.end.line; !/\{\s*$/.test(sig) && l < decl.range.end.line && l < decl.nameRange.end.line + 20; l++) sig += `\n${lines[l] ?? ''}`;
  sig = sig.replace(/\{\s*$/, '');
  return [...sig.matchAll(/(?<![\w.])([A-Za-z_]\w*)/g)].some((m) => pkg.types.has(m[1]!));
}

/** The declaration's last parameter is variadic (`xs ...T`): a call may pass one argument fewer, or more. */
function variadicAt(s: string, decl: FuncFact): boolean {
  const last = decl.params[decl.params.length - 1];
  if (!last?.range) return false;
  const lines = s.split('\n');
  const line = lines[last.range.end.line - 1] ?? '';
  return /^\s*\.\.\./.test(line.slice(last.range.end.col - 1));
}

/** The number of arguments of the call whose `(` is at `open` and ends before `close`; undefined when it cannot be
 * told from the text (a spread `xs...`, or a single argument that is itself a call: it may give several values).
 * `s` (strings blanked) gives the structure, `kept` (the same text with its strings) tells a blanked argument
 * (`f(a, "")`) from none. */
function argCount(s: string, kept: string, open: number, close: number): number | undefined {
  const inner = s.slice(open + 1, close - 1);
  const innerKept = kept.slice(open + 1, close - 1);
  if (/^\s*$/.test(innerKept)) return 0;
  let n = 1;
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0 && /\S/.test(innerKept.slice(i + 1))) n++;
  }
  if (/\.\.\.\s*,?\s*$/.test(inner)) return undefined;
  if (n === 1 && /\)\s*$/.test(inner)) return undefined;
  return n;
}

/**
 * Whether the mention of `name` at `at` (its selector chain starting at `chain`) can be a call or use of the
 * declared function `decl` of package `self`. Go's own rules decide, not the name alone: a package-level function is
 * named bare in its package (or a file that dot-imports it) or as `pkg.F` through an import of its package, never
 * as `x.F` on a value; a method is never named bare, nor as `pkg.F`; a call whose callee the facts of the calling
 * function resolve (a method of a known type) calls only that function, and a call with another number of
 * arguments, or assigned to another number of variables, than the declaration has is not a call of it.
 */
function mayCall(program: Program, f: FileFacts, s: string, chain: number, at: number, name: string, decl: FuncFact, self: Package, shape: { params: number; variadic: boolean; results: number }, pos: Pos): boolean | 'sure' {
  const qual = chain === at ? undefined : /^([A-Za-z_]\w*)\.$/.exec(s.slice(chain, at))?.[1];
  const imp = qual ? f.imports.find((i) => i.name === qual) : undefined;
  // the same declaration, or its twin of the same package in a file for another platform (`_linux.go`)
  const same = (r: ReturnType<Program['resolve']>) =>
    r.k === 'func' && r.fn.pkg === self && r.fn.fact.name === name && (r.fn.fact.recv?.type ?? '') === (decl.recv?.type ?? '');
  if (decl.kind === 'func') {
    if (chain === at) {
      if (!same(program.resolve({ k: 'func', name }, f))) return false;
    } else if (!imp || !same(program.resolve({ k: 'pkgfunc', pkg: imp.path, name }, f))) return false;
  } else if (decl.kind === 'method') {
    if (chain === at || imp) return false;
  }
  const open = /^\s*(?:\[[^\]]*\]\s*)?\(/.exec(s.slice(at + name.length, at + name.length + 200));
  if (!open) {
    if (decl.kind !== 'method' || !decl.recv) return true;
    // a selector that calls nothing (`x.Stream`): a method value only when the operand's type is known to have the
    // method; through a value of a type goleash does not know it is a field (`stream.Stream` of a library's struct)
    const op = selectorOperandType(program, f, s, at, pos.line, pos.col);
    if (op === 'import') return false;
    if (op) return mayHaveMethod(program, op.type, op.file, self, decl.recv.type, name);
    // an operand of unknown type: a plain variable's selector is taken for a field of a library's value; any other
    // operand (`ss[0].Stream`, `get().Stream`) stays a possible method value
    return !/^[A-Za-z_]\w*\.$/.test(s.slice(chain, at));
  }
  const callOpen = at + name.length + open[0].length - 1;
  const callEnd = closing(s, callOpen);
  if (callEnd < 0) return true;
  const n = argCount(s, codeText(program, f, true) ?? s, callOpen, callEnd);
  if (n !== undefined && (shape.variadic ? n < shape.params - 1 : n !== shape.params)) return false;
  // `a, b := F(…)`: as many variables as results
  const lineStart = s.lastIndexOf('\n', chain - 1) + 1;
  const asg = /^\s*(?:var\s+)?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)(?:\s+[^=:]*)?\s*:?=\s*$/.exec(s.slice(lineStart, chain));
  if (asg && asg[1]!.split(',').length !== shape.results) return false;
  if (decl.kind === 'method') {
    // the calling function's facts resolve the call: a method of another type, or of a package outside the module
    const inner = innermostFunc(f, pos.line, pos.col);
    const fact = inner ? program.funcById(f, inner.id)?.fact : undefined;
    const start = posAt(s, chain);
    const call = fact?.calls.find((c) => c.range.start.line === start.line && c.range.start.col === start.col && c.callee.k === 'method' && c.callee.name === name);
    if (call) {
      const r = program.resolve(call.callee, f);
      if (r.k === 'external' || (r.k === 'func' && !same(r))) return false;
      if (same(r)) return 'sure';
    } else if (decl.recv) {
      // a body without facts: the operand's declared type, read from the text (src/analysis/mentions.ts)
      const op = selectorOperandType(program, f, s, at, pos.line, pos.col);
      if (op === 'import' || (op && !mayHaveMethod(program, op.type, op.file, self, decl.recv.type, name))) return false;
      if (op && op.type.k === 'named' && op.type.name === decl.recv.type && program.packageOf(op.file) === self) return 'sure';
    }
    return true;
  }
  return 'sure';
}

type Verdict = Pick<StreamCallSite, 'drains' | 'how' | 'why' | 'stop' | 'discarded' | 'early'>;

/** One mention: `start` of the whole selector chain, `end` just past the name. */
function judge(s: string, before: string, start: number, at: number, end: number, chanResult: number, test: boolean, imports: FileFacts['imports']): Verdict {
  const here = rangeAt(s, at, end);
  const open = /^\s*(?:\[[^\]]*\]\s*)?\(/.exec(s.slice(end, end + 200));
  if (!open) return { how: 'hands', drains: false, why: 'names the function without calling it', stop: here };
  const callEnd = closing(s, end + open[0].length - 1);
  if (callEnd < 0) return { how: 'unknown', drains: false, why: 'a call goleash cannot read', stop: here };
  // for … range F(…) {
  if (/^\s*(?:[A-Za-z_]\w*:\s*)?for\s+(?:[\w\s,]*:?=\s*)?range\s+$/.test(before)) {
    const brace = /^\s*\{/.exec(s.slice(callEnd, callEnd + 50));
    if (!brace) return { how: 'unknown', drains: false, why: 'a range goleash cannot read', stop: here };
    return loopBody(s, callEnd + brace[0].length - 1, 'ranges over the channel', test, imports);
  }
  // ch := F(…) / ch, err := F(…) / ch = F(…)
  const asg = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*:?=\s*$/.exec(before) ?? /^\s*var\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)(?:\s+[^=]*)?=\s*$/.exec(before);
  if (asg) {
    const names = asg[1]!.split(',').map((x) => x.trim());
    const v = names[chanResult] ?? names[0]!;
    if (v === '_') return { how: 'drops', drains: false, why: 'drops the channel', stop: here, discarded: true };
    return assigned(s, v, names.length > 1, start, callEnd, here, test, imports);
  }
  if (/\breturn\s+(?:[^;{}]*,\s*)?$/.test(before)) return { how: 'hands', drains: false, why: RETURNED, stop: here };
  if (/^\s*(?:go\s+|defer\s+)?$/.test(before) && /^\s*(?:\n|;|\})/.test(s.slice(callEnd, callEnd + 20))) return { how: 'drops', drains: false, why: 'drops the channel', stop: here, discarded: true };
  return { how: 'hands', drains: false, why: 'hands the channel on', stop: here };
}

/** A loop body from `{` at `open`: it drains when nothing in it leaves the loop. */
function loopBody(s: string, open: number, what: string, test: boolean, imports: FileFacts['imports']): Verdict {
  const close = closing(s, open);
  if (close < 0) return { how: 'unknown', drains: false, why: 'a loop goleash cannot read' };
  const exit = firstExit(s, open, close, test, imports);
  if (exit) return { how: 'stops', drains: false, early: true, why: `${what}, but can leave the loop early (${exit.text})`, stop: rangeAt(s, exit.at, exit.at + exit.text.length) };
  return { how: 'drains', drains: true, why: `${what} until it is closed` };
}

/** `v` holds the channel from the call ending at `callEnd`: the one use of `v` in the rest of the block must be
 * a loop over it that drains it, in the block of the call. */
function assigned(s: string, v: string, withErr: boolean, start: number, callEnd: number, here: Range, test: boolean, imports: FileFacts['imports']): Verdict {
  const end = blockEnd(s, callEnd);
  const use = new RegExp(`(?<![\\w.])${v}\\b`, 'g');
  use.lastIndex = callEnd;
  const uses: number[] = [];
  for (let u = use.exec(s); u && u.index < end; u = use.exec(s)) uses.push(u.index);
  if (uses.length === 0) return { how: 'drops', drains: false, why: `never reads ${v}`, stop: here };
  const lineStart = (i: number) => s.lastIndexOf('\n', i - 1) + 1;
  const first = uses[0]!;
  // the loop: `for … range v {`, or `for {` whose first statement is `x, ok := <-v` and whose next is `if !ok {…}`
  let loop: { open: number; head: number; okBody?: { from: number; to: number }; rest: number } | undefined;
  const line = s.slice(lineStart(first), first);
  if (uses.length === 1 && /^\s*(?:[A-Za-z_]\w*:\s*)?for\s+(?:[\w\s,]*:?=\s*)?range\s+$/.test(line)) {
    const brace = /^\s*\{/.exec(s.slice(first + v.length, first + v.length + 20));
    if (brace) loop = { open: first + v.length + brace[0].length - 1, head: lineStart(first), rest: first + v.length + brace[0].length };
  } else {
    const forOpen = s.lastIndexOf('for', first);
    const ok = forOpen >= 0 ? /^for\s*\{\s*[A-Za-z_]\w*\s*,\s*([A-Za-z_]\w*)\s*:?=\s*<-\s*$/.exec(s.slice(forOpen, first)) : null;
    if (uses.length === 1 && ok) {
      const after = s.slice(first + v.length);
      const test = new RegExp(`^\\s*(?:\\n|;)\\s*if\\s+(?:!\\s*${ok[1]}|${ok[1]}\\s*==\\s*false)\\s*\\{`).exec(after);
      if (test) {
        const ifOpen = first + v.length + test[0].length - 1;
        const ifClose = closing(s, ifOpen);
        if (ifClose > 0) loop = { open: forOpen + s.slice(forOpen).indexOf('{'), head: forOpen, okBody: { from: ifOpen, to: ifClose }, rest: ifClose };
      }
    }
  }
  if (!loop) return { how: 'hands', drains: false, why: `hands ${v} on or reads it otherwise`, stop: rangeAt(s, first, first + v.length) };
  // the loop is in the block of the call: no bracket opened between them is still open
  if (blockEnd(s, callEnd) !== blockEnd(s, loop.head)) return { how: 'stops', drains: false, why: `reads ${v} in a loop that runs on some paths only`, stop: rangeAt(s, first, first + v.length) };
  // between the call and the loop: no way out (with an error result, a return is the error path)
  let gap = firstExit(s, callEnd, loop.head, test, imports);
  while (gap && withErr && gap.text === 'return') gap = firstExit(s, gap.at + 6, loop.head, test, imports);
  if (gap) return { how: 'stops', drains: false, why: `can leave before it reads ${v} (${gap.text})`, stop: rangeAt(s, gap.at, gap.at + gap.text.length) };
  const close = closing(s, loop.open);
  if (close < 0) return { how: 'unknown', drains: false, why: 'a loop goleash cannot read' };
  const exit = firstExit(s, loop.rest, close - 1, test, imports);
  const what = loop.okBody ? `reads ${v} with a comma-ok receive` : `ranges over ${v}`;
  if (exit) return { how: 'stops', drains: false, early: true, why: `${what}, but can leave the loop early (${exit.text})`, stop: rangeAt(s, exit.at, exit.at + exit.text.length) };
  return { how: 'drains', drains: true, why: `${what} until it is closed` };
}
