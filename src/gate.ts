// CI gate helpers: baselines (report only findings that are new since a recorded set), --new-from-rev
// (only findings on lines changed since a git revision) and --fail-on (which levels fail the run).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { UsageError } from './discover/discover.js';
import type { Finding } from './rules/types.js';
import { plainMessage } from './rules/types.js';
import type { FailOn } from './config.js';
import { errorWords } from './util/errors.js';
import { VERSION } from './version.js';

export interface Baseline {
  schema: 'goleash/baseline/v1';
  version: string;
  findings: { rule: string; file: string; fingerprint: string; message: string }[];
}

export function baselineOf(findings: Finding[]): string {
  const doc: Baseline = {
    schema: 'goleash/baseline/v1',
    version: VERSION,
    findings: findings.map((f) => ({ rule: f.ruleId, file: f.file, fingerprint: f.fingerprint ?? '', message: plainMessage(f.message) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Drops findings recorded in the baseline file (matched by semantic fingerprint, which survives line moves). */
export function filterBaseline(findings: Finding[], file: string): Finding[] {
  let doc: Baseline;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as Baseline;
  } catch (e) {
    throw new UsageError(`${file}: cannot read baseline (${errorWords(e)})`);
  }
  if (doc?.schema !== 'goleash/baseline/v1' || !Array.isArray(doc.findings)) throw new UsageError(`${file}: not a goleash baseline`);
  const known = new Set(doc.findings.map((f) => `${f.rule}|${f.fingerprint}`));
  return findings.filter((f) => !known.has(`${f.ruleId}|${f.fingerprint}`));
}

/** Lines added or changed since `rev`, per repo-relative path, from `git diff --unified=0`. */
export function changedLines(root: string, rev: string): Map<string, Set<number> | 'all'> {
  let out: string;
  try {
    out = execFileSync('git', ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--relative', rev, '--', '.'], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const msg =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'git is not installed (or not on PATH)'
        : (String((e as { stderr?: string }).stderr ?? (e as Error).message).split('\n').find(Boolean) ?? 'git failed');
    throw new UsageError(`--new-from-rev ${rev}: ${msg}`);
  }
  const changed = new Map<string, Set<number> | 'all'>();
  let current: string | null = null;
  for (const line of out.split('\n')) {
    if (line.startsWith('+++ ')) {
      current = line === '+++ /dev/null' ? null : line.slice(4).replace(/^b\//, '');
      if (current && !changed.has(current)) changed.set(current, new Set());
      continue;
    }
    if (line.startsWith('--- /dev/null') && current === null) continue;
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m && current) {
      const start = Number(m[3]);
      const count = m[4] === undefined ? 1 : Number(m[4]);
      const set = changed.get(current);
      if (set && set !== 'all') for (let i = 0; i < count; i++) set.add(start + i);
    }
  }
  // untracked files are new in their entirety
  try {
    const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '--', '.'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    for (const f of untracked.split('\n').filter(Boolean)) changed.set(f, 'all');
  } catch {
    /* not fatal */
  }
  return changed;
}

export function filterNewFromRev(findings: Finding[], changed: Map<string, Set<number> | 'all'>): Finding[] {
  return findings.filter((f) => {
    const c = changed.get(f.file);
    return c === 'all' || (c !== undefined && c.has(f.range.start.line));
  });
}

const RANK = { error: 3, warning: 2, note: 1 } as const;

export function failsGate(findings: Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const min = RANK[failOn];
  return findings.some((f) => RANK[f.level] >= min);
}
