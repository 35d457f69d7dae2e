// Reads, decodes and parses one file and takes its facts: the unit of work of the main thread or a worker.
// The tree is deleted before returning; the result is plain data.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { parseDirectives, type Directive } from '../suppress.js';
import { blankPlainBodies, type Cuts } from './blank.js';
import { extractFacts, lazyBody, NEW_EXPR_CALLEE, plainBody } from './facts.js';
import { GRAMMAR_VERSION } from './parser.js';
import { posBefore, type FileFacts, type FuncFact, type Range } from './types.js';
import { errorWords } from '../util/errors.js';
import { VERSION } from '../version.js';
import { IR_VERSION } from '../ir/types.js';
import { isExported } from './syntax.js';

/** Bump when the shape of FileFacts changes: cached facts of another shape are never read. */
export const FACTS_VERSION = 27;

/** A field value handed on (`f(x.f)`, `y = x.f`, `T{a: x.f}`, `return x.f`): a selector followed by the end of an
 * argument, element, statement or line (not a call, an index, a further selector or a comparison), and not the
 * operand of `len` or `cap`. */
const HANDED_FIELD = /(?<!\b(?:len|cap)\([\w.]*)\.([A-Za-z_]\w*)[ \t]*(?=[,)};\n])/g;
/** A field written (`x.f = v`): what is written may be a channel from elsewhere. */
const WRITTEN_FIELD = /\.([A-Za-z_]\w*)[ \t]*=(?!=)/g;
/** A composite literal of a named type: `T{` (or `pkg.T{`), the type name right before the brace. */
const COMPOSITE = /\b([A-Za-z_]\w*)\{/g;
const NOT_A_TYPE = new Set(['struct', 'interface', 'func', 'map', 'chan', 'else', 'select', 'switch', 'for', 'if', 'range', 'go', 'defer', 'return', 'case', 'default']);

/** The fields a body sets in composite literals of named types (`T{f: v}`, `&T{…, f: v}`), as `T.f`: the keys at
 * the literal's own level whose value is not a number or string constant. Strings and comments are not told
 * apart from code: a brace inside one can only add names. */
function keyedFields(body: string, into: Set<string>): void {
  for (const m of body.matchAll(COMPOSITE)) {
    const type = m[1]!;
    if (NOT_A_TYPE.has(type)) continue;
    let depth = 1;
    let expectKey = true;
    for (let i = m.index + m[0].length; i < body.length && depth > 0; i++) {
      const c = body[i]!;
      if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === '}' || c === ')' || c === ']') depth--;
      else if (depth === 1 && c === ',') expectKey = true;
      else if (depth === 1 && expectKey && /[A-Za-z_]/.test(c)) {
        const k = /^([A-Za-z_]\w*)[ \t]*:(?!=)[ \t]*(?![\d"'`-])/.exec(body.slice(i, i + 200));
        if (k) into.add(`${type}.${k[1]}`);
        expectKey = false;
      } else if (depth === 1 && !/\s/.test(c)) expectKey = false;
    }
  }
}

/** A field returned as the whole result (`return x.f`, at the end of its statement). */
const RETURNED_FIELD = /\breturn[ \t]+[A-Za-z_][\w.]*\.([A-Za-z_]\w*)[ \t]*(?=[;}\n])/g;
/** The name of the function or method a signature declares. */
const FUNC_NAME = /^\s*func\s*(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/;

/** The field names a body left out of the parse hands on or writes (`x.f = v` as f, `T{f: v}` as T.f: FileFacts.plainFields), and those that the
 * body of an unexported function returns (FileFacts.plainReturned: its callers are the package's own code, as
 * for a parsed body's `return x.f`). */
function handedFields(signature: string, body: string, into: Set<string>, returned: Set<string>): void {
  let rest = body;
  const fname = FUNC_NAME.exec(signature)?.[1];
  if (fname !== undefined && !isExported(fname)) {
    for (const m of body.matchAll(RETURNED_FIELD)) returned.add(m[1]!);
    rest = body.replace(RETURNED_FIELD, '');
  }
  for (const m of rest.matchAll(HANDED_FIELD)) into.add(m[1]!);
  for (const m of rest.matchAll(WRITTEN_FIELD)) into.add(m[1]!);
  keyedFields(rest, into);
}

export interface FileJob {
  abs: string;
  rel: string;
  explicit: boolean;
  /** --cache DIR: facts keyed by the file's content, its path, goleash's and the grammar's version */
  cacheDir?: string;
  /** leave out the bodies that matter only when a call is followed into them (see lazyBody, fillLazyBody) */
  lazy?: boolean;
}

export interface FileNote {
  id: 'parse-error' | 'invalid-utf8' | 'binary' | 'unreadable';
  level: 'error' | 'warning';
  message: string;
  file: string;
  range?: Range;
}

export interface FileResult {
  /** served from the --cache directory */
  cached?: boolean;
  facts?: FileFacts;
  /** the text, kept only when a finding could point into the file (it has go statements or blocking operations) */
  text?: string;
  directives: Directive[];
  notes: FileNote[];
  generatedSkipped?: boolean;
  ioError?: boolean;
}

const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.\r?$/m;

export function isGenerated(text: string): boolean {
  // the marker counts only before the package clause
  const pkgAt = text.search(/^package\s/m);
  const head = pkgAt >= 0 ? text.slice(0, pkgAt) : text.slice(0, 4096);
  return GENERATED.test(head);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export function processFile(parser: Parser, job: FileJob): FileResult {
  const { rel } = job;
  let buf: Buffer;
  try {
    buf = readFileSync(job.abs);
  } catch (e) {
    return { directives: [], ioError: true, notes: [{ id: 'unreadable', level: 'error', message: `${rel}: cannot read file: ${errorWords(e)}`, file: rel }] };
  }
  // Go source never holds a NUL byte (the compiler rejects it): this is a binary file with a .go name, skipped
  // with one note, and none of its bytes are parsed or printed
  if (buf.includes(0)) {
    return { directives: [], notes: [{ id: 'binary', level: 'warning', message: `${rel}: binary file (it contains NUL bytes), not Go source; skipped`, file: rel }] };
  }
  let cacheFile: string | undefined;
  if (job.cacheDir) {
    const key = createHash('sha256')
      .update(`${VERSION}|${GRAMMAR_VERSION}|${FACTS_VERSION}.${IR_VERSION}|${rel}|${job.explicit}|${!!job.lazy}|`)
      .update(buf)
      .digest('hex');
    cacheFile = path.join(job.cacheDir, key.slice(0, 2), `${key.slice(2)}.json`);
    try {
      const hit = JSON.parse(readFileSync(cacheFile, 'utf8')) as FileResult & { keepText?: boolean };
      if (hit.keepText) hit.text = decode(buf).text;
      delete hit.keepText;
      return { ...hit, cached: true };
    } catch {
      /* a miss, or an unreadable entry: analyze the file */
    }
  }
  const result = analyzeBuffer(parser, job, buf);
  if (cacheFile) {
    try {
      mkdirSync(path.dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify({ ...result, text: undefined, keepText: result.text !== undefined }));
      renameSync(tmp, cacheFile);
    } catch {
      /* the cache is an optimisation: a cache that cannot be written is not an error */
    }
  }
  return result;
}

/**
 * One file's facts from text held in memory (an editor's unsaved buffer): as processFile reads them from disk,
 * without the cache (the text is not the file's content).
 */
export function processText(parser: Parser, job: FileJob, text: string): FileResult {
  const buf = Buffer.from(text, 'utf8');
  if (buf.includes(0)) {
    return { directives: [], notes: [{ id: 'binary', level: 'warning', message: `${job.rel}: binary file (it contains NUL bytes), not Go source; skipped`, file: job.rel }] };
  }
  return analyzeBuffer(parser, job, buf);
}

/** processFile, but a file that makes the extractor throw costs that file only (reported, then skipped). */
export function processFileGuarded(parser: Parser, job: FileJob): FileResult {
  try {
    return processFile(parser, job);
  } catch (e) {
    return {
      directives: [],
      notes: [{ id: 'parse-error', level: 'warning', message: `${job.rel}: internal error while analyzing this file (${(e as Error).message}); skipped`, file: job.rel }],
    };
  }
}

/** A file's text as the first parse read it (invalid UTF-8 decoded leniently), or null when it cannot be read. */
export function readSource(abs: string): string | null {
  try {
    return decode(readFileSync(abs)).text;
  } catch {
    return null;
  }
}

/** A BOM is allowed by Go at the start of a file; the grammar does not know it: a space of the same length. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

function decode(buf: Buffer): { text: string; validUtf8: boolean } {
  try {
    return { text: strictUtf8.decode(buf), validUtf8: true };
  } catch {
    return { text: lenientUtf8.decode(buf), validUtf8: false };
  }
}

const NEW_CALL = /(?<![\w.])new\(/;
const NEW_CALLS =
  /(?<![\w.])new\((?!\s*(?:\[[^\]\n]*\][\w.*[\]]*\s*\)|map\s*\[[^\]\n]*\][\w.*[\]]*\s*\)|chan\b|<-|func\s*\(|struct\s*\{|interface\s*\{))/g;

/** `new(` → `NEW_EXPR_CALLEE(` unless its argument is a type literal (`[]T)`, `map[K]V)`, `chan`, `func(`, `struct{`…);
 * `new([4]byte{1, 2})` is an expression (a composite literal) and is renamed. */
export function renameNewExprCalls(text: string): string {
  return text.replace(NEW_CALLS, `${NEW_EXPR_CALLEE}(`);
}

function countErrors(n: Node, limit = 50): number {
  if (n.isError || n.isMissing) return 1;
  if (!n.hasError) return 0;
  let count = 0;
  for (const c of n.children) {
    if (c) count += countErrors(c, limit - count);
    if (count >= limit) break;
  }
  return count;
}

/**
 * Go 1.26's new(expr) is a syntax error to tree-sitter-go 0.25.0, and its error recovery can swallow the
 * whole function around it. Such a text is parsed once more with those calls renamed (same length, so every
 * position stays put); the second tree is kept when it has fewer errors.
 */
function withNewExprRetry(parser: Parser, tree: Tree | null, text: string): { tree: Tree | null; text: string } {
  if (!tree?.rootNode.hasError || !NEW_CALL.test(text)) return { tree, text };
  const renamed = renameNewExprCalls(text);
  const retry = renamed === text ? null : parser.parse(renamed);
  if (retry && countErrors(retry.rootNode) < countErrors(tree.rootNode)) {
    tree.delete();
    return { tree: retry, text: renamed };
  }
  retry?.delete();
  return { tree, text };
}

function analyzeBuffer(parser: Parser, job: FileJob, buf: Buffer): FileResult {
  const { rel } = job;
  const { text, validUtf8 } = decode(buf);
  const generated = isGenerated(text);
  if (generated && !job.explicit) return { directives: [], notes: [], generatedSkipped: true };
  const notes: FileNote[] = [];
  if (!validUtf8) notes.push({ id: 'invalid-utf8', level: 'warning', message: `${rel}: invalid UTF-8; bad bytes were read as U+FFFD`, file: rel });
  let parseText = withoutBom(text);
  // bodies no rule reads, and (for a lazy job) bodies that matter only if a rule follows a call into them,
  // are cut out before parsing; if the rest of the file has a syntax error, the file is parsed again whole, so
  // that errors are reported (and recovered from) as they are in the real text
  const plainBodies = new Set<number>();
  const lazyBodies = new Set<number>();
  const plainFields = new Set<string>();
  const plainReturned = new Set<string>();
  /** by a lazy body's offset: the fields it hands on or returns (kept on its FuncFact until it is filled in) */
  const lazyFields = new Map<number, { handed: string[]; returned: string[] }>();
  let cuts: Cuts | undefined = { at: [], shift: [] };
  const blanked = blankPlainBodies(
    parseText,
    (signature, body, open) => {
      if (plainBody(signature, body)) {
        handedFields(signature, body, plainFields, plainReturned);
        return plainBodies.add(open), true;
      }
      if (job.lazy && lazyBody(body)) {
        const handed = new Set<string>();
        const returned = new Set<string>();
        handedFields(signature, body, handed, returned);
        if (handed.size + returned.size > 0) lazyFields.set(open, { handed: [...handed].sort(), returned: [...returned].sort() });
        return lazyBodies.add(open), true;
      }
      return false;
    },
    cuts,
  );
  let tree = parser.parse(blanked);
  if (blanked !== parseText && tree?.rootNode.hasError && NEW_CALL.test(blanked)) {
    // Go 1.26's new(expr) is the common cause: the blanked text with those calls renamed (same length, so the cuts
    // stay put) is kept when it parses cleanly, which spares the whole-file parse below and the walk of every body
    const renamed = renameNewExprCalls(blanked);
    const retry = renamed === blanked ? null : parser.parse(renamed);
    if (retry && !retry.rootNode.hasError) {
      tree.delete();
      tree = retry;
      parseText = renameNewExprCalls(parseText);
    } else retry?.delete();
  }
  if (blanked !== parseText && tree?.rootNode.hasError) {
    tree.delete();
    tree = parser.parse(parseText);
    cuts = undefined;
    lazyBodies.clear(); // now in the tree, and walked as usual
  }
  ({ tree, text: parseText } = withNewExprRetry(parser, tree, parseText));
  if (!tree) {
    notes.push({ id: 'parse-error', level: 'warning', message: `${rel}: the parser gave up on this file`, file: rel });
    return { directives: [], notes };
  }
  try {
    const facts = extractFacts(tree, parseText, { path: rel, validUtf8, generated, plainBodies, lazyBodies, cuts });
    if (plainFields.size > 0) facts.plainFields = [...plainFields].sort();
    if (plainReturned.size > 0) facts.plainReturned = [...plainReturned].sort();
    for (const fn of facts.funcs) {
      const lf = fn.lazy === undefined ? undefined : lazyFields.get(fn.lazy);
      if (lf) fn.lazyFields = lf;
    }
    if (facts.errors.length > 0) {
      const e = facts.errors[0]!;
      notes.push({
        id: 'parse-error',
        level: 'warning',
        message: `${rel}:${e.range.start.line}:${e.range.start.bcol}: ${e.message}${facts.errors.length > 1 ? ` (and ${facts.errors.length - 1} more)` : ''}; the rest of the file is analyzed`,
        file: rel,
        range: e.range,
      });
    }
    if (!facts.pkg && facts.errors.length === 0) {
      notes.push({ id: 'parse-error', level: 'warning', message: `${rel}:1:1: syntax error: no package clause`, file: rel, range: { start: { line: 1, col: 1, bcol: 1 }, end: { line: 1, col: 1, bcol: 1 } } });
    }
    const directives = parseDirectives(rel, text);
    const mayReport = facts.gos.length > 0 || facts.funcs.some((f) => f.blocks.length > 0) || directives.length > 0;
    return { facts, text: mayReport ? text : undefined, directives, notes };
  } finally {
    tree.delete();
  }
}

/**
 * The facts of a function whose body the first parse left out (FuncFact.lazy), and of the literals in it: the
 * file is parsed again with every other function body cut out, so only its declarations and this body cost
 * parsing time, and every offset (so every id and position) is what the first parse had. Null when the file
 * no longer reads as it did (changed or gone meanwhile).
 */
export function fillLazyBody(parser: Parser, text: string, facts: FileFacts, fn: FuncFact): FuncFact[] | null {
  const open = fn.lazy;
  if (open === undefined) return null;
  const src = withoutBom(text);
  if (src.charCodeAt(open) !== 123 /* { */) return null;
  let found = false;
  const others = (_signature: string, _body: string, at: number) => {
    if (at === open) found = true;
    return at !== open;
  };
  let cuts: Cuts | undefined = { at: [], shift: [] };
  let source = src;
  let tree = parser.parse(blankPlainBodies(src, others, cuts));
  if (!found) {
    tree?.delete();
    return null;
  }
  if (tree?.rootNode.hasError) {
    // as in the first parse of a file: blanked in place, and with new(expr) renamed if that reads better
    tree.delete();
    const blanked = blankPlainBodies(src, others);
    ({ tree, text: source } = withNewExprRetry(parser, parser.parse(blanked), blanked));
    cuts = undefined;
  }
  if (!tree) return null;
  try {
    const filled = extractFacts(tree, source, { path: facts.path, validUtf8: facts.validUtf8, generated: facts.generated, cuts });
    // matched by place as well as by id
    const at = (f: FuncFact) => `${f.id}@${f.range.start.line}:${f.range.start.col}`;
    const main = filled.funcs.find((f) => at(f) === at(fn));
    if (!main) return null;
    // the literals inside it, at any depth
    const within = (f: FuncFact) => !posBefore(f.range.start, main.range.start) && !posBefore(main.range.end, f.range.end);
    const lits = filled.funcs.filter((f) => f.kind === 'lit' && within(f));
    // the IR of the body and its literals joins the file's (a range over a channel parameter has one)
    const ids = new Set([main.id, ...lits.map((l) => l.id)]);
    const ir = filled.ir?.filter((x) => ids.has(x.id)) ?? [];
    if (ir.length > 0) facts.ir = [...(facts.ir ?? []).filter((x) => !ids.has(x.id)), ...ir];
    return [main, ...lits];
  } finally {
    tree.delete();
  }
}
