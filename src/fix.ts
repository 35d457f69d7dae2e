// --fix: applies the findings' deterministic fixes to the files, each file rewritten atomically.
// Overlapping edits in one file are skipped (the first in report order wins), and so are edits to a line whose
// trailing comment gofmt aligns with its neighbours'; a re-run reports what is left.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pos } from './parse/types.js';
import type { Finding } from './rules/types.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

function offsetOf(lineStarts: number[], p: Pos): number {
  return (lineStarts[p.line - 1] ?? 0) + p.col - 1;
}

/** The line has code and then a `//` comment (string and rune literals are skipped). */
export function trailingComment(line: string): boolean {
  const code = line.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'/g, '""');
  const at = code.indexOf('//');
  return at > 0 && code.slice(0, at).trim() !== '' && !code.slice(0, at).includes('/*');
}

/**
 * gofmt aligns the trailing comments of consecutive lines: an edit that changes the length of such a line (or
 * splits it) would leave its neighbours' padding wrong. goleash does not re-pad; it leaves that fix alone.
 */
function breaksCommentAlignment(lines: string[], line: number): boolean {
  const l = lines[line - 1];
  if (l === undefined || !trailingComment(l)) return false;
  return [lines[line - 2], lines[line]].some((n) => n !== undefined && trailingComment(n));
}

/** Why --fix leaves a finding's fix alone in a text split into `lines`, or undefined when it applies it. */
export function fixSkipReason(lines: string[], f: Finding): string | undefined {
  if (!f.fix) return 'it has no fix';
  if (new Set(f.fix.edits.map((e) => e.file)).size !== 1) return 'its edits span several files';
  if (f.fix.edits.some((e) => breaksCommentAlignment(lines, e.range.start.line) || breaksCommentAlignment(lines, e.range.end.line))) {
    return 'its line ends in a comment that gofmt aligns with the next or previous line';
  }
  return undefined;
}

/** Applies the fixes; returns how many findings were fixed, per file. */
export function applyFixes(root: string, findings: Finding[], onSkip?: (f: Finding, why: string) => void): Map<string, number> {
  const byFile = new Map<string, { finding: Finding; edits: Finding['fix'] }[]>();
  for (const f of findings) {
    if (!f.fix) continue;
    const files = new Set(f.fix.edits.map((e) => e.file));
    if (files.size !== 1) continue;
    const file = [...files][0]!;
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push({ finding: f, edits: f.fix });
  }
  const fixed = new Map<string, number>();
  for (const [file, list] of byFile) {
    const abs = path.resolve(root, file);
    const text = readFileSync(abs, 'utf8');
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const taken: Edit[] = [];
    let n = 0;
    const lines = text.split('\n');
    for (const { finding, edits } of list) {
      const why = fixSkipReason(lines, finding);
      if (why) {
        onSkip?.(finding, why);
        continue;
      }
      const es = edits!.edits.map((e) => ({ start: offsetOf(lineStarts, e.range.start), end: offsetOf(lineStarts, e.range.end), text: e.text }));
      // one fix per location: an identical fix (same send reached from two go statements) is applied once
      const overlaps = es.some((e) => taken.some((t) => e.start < t.end && t.start < e.end) || taken.some((t) => t.start === e.start && t.end === e.end));
      if (overlaps) continue;
      taken.push(...es);
      n++;
    }
    if (n === 0) continue;
    taken.sort((a, b) => b.start - a.start);
    let out = text;
    for (const e of taken) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    const tmp = `${abs}.goleash-fix.tmp`;
    writeFileSync(tmp, out);
    renameSync(tmp, abs);
    fixed.set(file, n);
  }
  return fixed;
}

/** Suppressed findings before a fix that are gone after it: their suppressions now match nothing. Matched by the
 * semantic key and counted (a fingerprint numbers the findings that share a key in order, so it shifts when one goes). */
export function settledSuppressed(before: Finding[], after: Finding[]): Finding[] {
  const key = (f: Finding) => `${f.ruleId}|${f.semantic.pkg}|${f.semantic.func}|${f.semantic.target}`;
  const left = new Map<string, number>();
  for (const f of after) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  return before.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) left.set(key(f), n - 1);
    return n === 0;
  });
}
