// In-source suppressions, on the line of a finding or alone on the line above it:
// - `//goleash:ignore <rule>[,<rule>] <reason>`: goleash's own; the reason is required;
// - `//lint:ignore <check>[,<check>] <reason>` (staticcheck's syntax): honoured when a check is `goleash` (every rule)
//   or a goleash rule id; other checks are staticcheck's and ignored; the reason is required, as staticcheck requires it;
// - `//nolint`, `//nolint:all`, `//nolint:goleash[,other]` (golangci-lint's syntax): the reason (`// why`) is
//   optional, as golangci-lint's nolintlint leaves it by default.
// A directive without a required reason, naming no rule, naming an unknown rule (or `all` in goleash:ignore), or
// matching no finding is reported as a bad-suppression note. A bare //nolint and //nolint:all speak for every
// linter, so they are never reported as unused.
// parseDirectives runs in the parse workers and knows no rule: the names are checked in applySuppressions.
import type { Finding, Rule } from './rules/types.js';
import { rule as badSuppression } from './rules/bad-suppression/index.js';

export interface Directive {
  file: string;
  line: number;
  col: number;
  endCol: number;
  bcol: number;
  endBcol: number;
  /** rule ids as written (unknown ones too; for lint:ignore, staticcheck's checks too), or ['*'] for every goleash rule */
  rules: string[];
  reason: string;
  kind: 'goleash' | 'lint' | 'nolint';
  /** the comment is alone on its line, so it applies to the next line too */
  ownLine: boolean;
  used: boolean;
}

const IGNORE = /\/\/\s*goleash:ignore\b[ \t]*([^\s]*)[ \t]*(.*)$/;
const LINT = /\/\/lint:ignore\b[ \t]*([^\s]*)[ \t]*(.*)$/;
const NOLINT = /\/\/\s*nolint(?::([\w,-]+))?\b(.*)$/;

/** The suppression comments of one file (the text before any body is cut out). */
export function parseDirectives(file: string, text: string): Directive[] {
  if (!text.includes('goleash:ignore') && !text.includes('nolint') && !text.includes('lint:ignore')) return [];
  const out: Directive[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const at = (m: RegExpExecArray) => ({
      file, line: i + 1, col: m.index + 1, endCol: line.length + 1, ...bcols(line, m.index), ownLine: line.slice(0, m.index).trim() === '',
    });
    let m = IGNORE.exec(line);
    if (m) {
      out.push({ ...at(m), rules: m[1] ? m[1].split(',').filter(Boolean) : [], reason: m[2]!.trim(), kind: 'goleash', used: false });
      return;
    }
    m = LINT.exec(line);
    if (m) {
      const checks = m[1] ? m[1].split(',').filter(Boolean) : [];
      out.push({ ...at(m), rules: checks.includes('goleash') ? ['*'] : checks, reason: m[2]!.trim(), kind: 'lint', used: false });
      return;
    }
    m = NOLINT.exec(line);
    if (m) {
      const linters = m[1] ? m[1].split(',') : ['all'];
      if (!linters.includes('all') && !linters.includes('goleash')) return;
      out.push({
        ...at(m), rules: ['*'], reason: m[2]!.replace(/^\s*\/\/\s*/, '').trim(), kind: 'nolint',
        used: linters.includes('all'), // a bare //nolint or //nolint:all is for every linter: never reported as unused
      });
    }
  });
  return out;
}

function bcols(line: string, at: number): { bcol: number; endBcol: number } {
  return { bcol: Buffer.byteLength(line.slice(0, at)) + 1, endBcol: Buffer.byteLength(line) + 1 };
}

function needsReason(d: Directive): boolean {
  return d.kind !== 'nolint';
}

function applies(d: Directive, f: Finding): boolean {
  if (d.file !== f.file) return false;
  const line = f.range.start.line;
  if (d.line !== line && !(d.ownLine && d.line === line - 1)) return false;
  if (needsReason(d) && !d.reason) return false;
  return d.rules.includes('*') || d.rules.includes(f.ruleId);
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function unknownRule(name: string, known: readonly string[]): string {
  if (name === 'all') return 'names all, which //goleash:ignore does not take: name the rules it silences';
  const near = known
    .map((id) => [id, distance(name, id)] as const)
    .filter(([, d]) => d <= 2)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
  return `names an unknown rule ${name}` + (near ? ` (did you mean ${near[0]}?)` : ' (goleash rules lists them)');
}

/** Splits findings into kept and suppressed, and adds bad-suppression notes. */
export function applySuppressions(
  findings: Finding[],
  directives: Directive[],
  enabled: readonly Rule[],
  all: readonly Rule[] = enabled,
): { kept: Finding[]; suppressed: Finding[] } {
  const knownIds = all.map((r) => r.meta.id);
  const known = new Set(knownIds);
  // a //lint:ignore speaks for goleash only through `goleash` or a goleash rule id; the rest are staticcheck's checks
  directives = directives.flatMap((d) => {
    if (d.kind !== 'lint' || d.rules.includes('*')) return [d];
    const ours = d.rules.filter((r) => known.has(r));
    return ours.length === 0 ? [] : [{ ...d, rules: ours }];
  });
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
    const whys: string[] = [];
    if (d.kind === 'goleash' && d.rules.length === 0) whys.push('names no rule');
    else if (needsReason(d) && !d.reason) whys.push('gives no reason, so it does not suppress');
    else {
      if (d.kind === 'goleash') for (const r of d.rules) if (!known.has(r)) whys.push(unknownRule(r, knownIds));
      if (!d.used && (d.rules.includes('*') || d.rules.some((r) => enabledIds.has(r)))) whys.push('matches no finding on this line or the next');
    }
    for (const why of whys) {
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
  }
  return { kept, suppressed };
}
