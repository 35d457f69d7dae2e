// Reads, decodes and parses one file and takes its facts: the unit of work of the main thread or a worker.
// The tree is deleted before returning; the result is plain data.
import { readFileSync } from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { parseDirectives, type Directive } from '../suppress.js';
import { extractFacts } from './facts.js';
import type { FileFacts, Range } from './types.js';

export interface FileJob {
  abs: string;
  rel: string;
  explicit: boolean;
}

export interface FileNote {
  id: 'parse-error' | 'invalid-utf8' | 'unreadable';
  level: 'error' | 'warning';
  message: string;
  file: string;
  range?: Range;
}

export interface FileResult {
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
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return { directives: [], ioError: true, notes: [{ id: 'unreadable', level: 'error', message: `${rel}: cannot read file (${code})`, file: rel }] };
  }
  let text: string;
  let validUtf8 = true;
  try {
    text = strictUtf8.decode(buf);
  } catch {
    text = lenientUtf8.decode(buf);
    validUtf8 = false;
  }
  const generated = isGenerated(text);
  if (generated && !job.explicit) return { directives: [], notes: [], generatedSkipped: true };
  const notes: FileNote[] = [];
  if (!validUtf8) notes.push({ id: 'invalid-utf8', level: 'warning', message: `${rel}: invalid UTF-8; bad bytes were read as U+FFFD`, file: rel });
  // a BOM is allowed by Go at the start of a file; the grammar does not know it
  const parseText = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tree = parser.parse(parseText);
  if (!tree) {
    notes.push({ id: 'parse-error', level: 'warning', message: `${rel}: the parser gave up on this file`, file: rel });
    return { directives: [], notes };
  }
  try {
    const facts = extractFacts(tree, parseText, { path: rel, validUtf8, generated });
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
