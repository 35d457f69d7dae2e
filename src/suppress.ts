// In-source suppressions: `//goleash:ignore <rule>[,<rule>] <reason>` or `//nolint:goleash` on the line of a
// finding or on the line above. Suppressions without a reason (goleash:ignore) or that match nothing are
// reported as bad-suppression notes.
import type { Finding, Rule } from './rules/types.js';
import { rule as badSuppression } from './rules/bad-suppression/index.js';

export interface Directive {
  file: string;
  line: number;
  col: number;
  endCol: number;
  bcol: number;
  endBcol: number;
  /** rule ids, or ['*'] for a bare //nolint or //nolint:goleash */
  rules: string[];
  reason: string;
  kind: 'goleash' | 'nolint';
  /** the comment is alone on its line, so it applies to the next line too */
  ownLine: boolean;
  used: boolean;
}

const IGNORE = /\/\/\s*goleash:ignore\b[ \t]*([^\s]*)[ \t]*(.*)$/;
const NOLINT = /\/\/\s*nolint(?::([\w,-]+))?\b(.*)$/;

export function parseDirectives(file: string, text: string): Directive[] {
  if (!text.includes('goleash:ignore') && !text.includes('nolint')) return [];
  const out: Directive[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    let m = IGNORE.exec(line);
    if (m) {
      const at = m.index;
      out.push({
        file, line: i + 1, col: at + 1, endCol: line.length + 1, ...bcols(line, at),
        rules: m[1] ? m[1].split(',').filter(Boolean) : [],
        reason: m[2]!.trim(), kind: 'goleash', ownLine: line.slice(0, at).trim() === '', used: false,
      });
      return;
    }
    m = NOLINT.exec(line);
    if (m) {
      const linters = m[1] ? m[1].split(',') : ['*'];
      if (!linters.includes('*') && !linters.includes('goleash')) return;
      const at = m.index;
      out.push({
        file, line: i + 1, col: at + 1, endCol: line.length + 1, ...bcols(line, at), rules: ['*'],
        reason: m[2]!.replace(/^\s*\/\/\s*/, '').trim(), kind: 'nolint', ownLine: line.slice(0, at).trim() === '',
        used: !m[1], // a bare //nolint is for every linter: never reported as unused
      });
    }
  });
  return out;
}

function bcols(line: string, at: number): { bcol: number; endBcol: number } {
  return { bcol: Buffer.byteLength(line.slice(0, at)) + 1, endBcol: Buffer.byteLength(line) + 1 };
}

function applies(d: Directive, f: Finding): boolean {
  if (d.file !== f.file) return false;
  const line = f.range.start.line;
  if (d.line !== line && !(d.ownLine && d.line === line - 1)) return false;
  if (d.kind === 'goleash' && !d.reason) return false;
  return d.rules.includes('*') || d.rules.includes(f.ruleId);
}

/** Splits findings into kept and suppressed, and adds bad-suppression notes. */
export function applySuppressions(
  findings: Finding[],
  directives: Directive[],
  enabled: readonly Rule[],
): { kept: Finding[]; suppressed: Finding[] } {
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const d = directives.find((x) => applies(x, f));
    if (d) {
      d.used = true;
      suppressed.push(f);
    } else kept.push(f);
  }
  if (!enabled.some((r) => r.meta.id === badSuppression.meta.id)) return { kept, suppressed };
  const enabledIds = new Set(enabled.map((r) => r.meta.id));
  for (const d of directives) {
    let why = '';
    if (d.kind === 'goleash' && d.rules.length === 0) why = 'names no rule';
    else if (d.kind === 'goleash' && !d.reason) why = 'gives no reason, so it does not suppress';
    else if (!d.used && (d.rules.includes('*') || d.rules.some((r) => enabledIds.has(r)))) why = 'matches no finding on this line or the next';
    if (!why) continue;
    kept.push({
      ruleId: badSuppression.meta.id,
      level: badSuppression.meta.level,
      file: d.file,
      range: { start: { line: d.line, col: d.col, bcol: d.bcol }, end: { line: d.line, col: d.endCol, bcol: d.endBcol } },
      message: [`suppression comment ${why}`],
      related: [],
      semantic: { pkg: d.file, func: '', target: `${d.kind}:${d.rules.join(',')}` },
    });
  }
  return { kept, suppressed };
}
