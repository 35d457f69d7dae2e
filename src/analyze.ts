// The pipeline: discover -> read -> parse -> facts -> module index -> rules -> fingerprints.
// Reporters only format what this returns.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { discover } from './discover/discover.js';
import { ModuleMap } from './index/module.js';
import { Program } from './index/program.js';
import { processFiles } from './parse/pool.js';
import type { FileFacts, Range } from './parse/types.js';
import { lineHashes } from './report/linehash.js';
import picomatch from 'picomatch';
import { RULES } from './rules/index.js';
import type { Finding, Rule } from './rules/types.js';
import { applySuppressions, type Directive } from './suppress.js';

export interface AnalyzeOptions {
  /** paths as given on the command line (files, directories, dir/... patterns); empty = ./... */
  paths: string[];
  /** the directory paths are reported relative to (the repository root for SARIF); default cwd */
  root?: string;
  cwd?: string;
  tests?: boolean;
  rules?: readonly Rule[];
  /** globs over root-relative paths (config file); files named on the command line are always kept */
  include?: string[];
  exclude?: string[];
  /** --cache DIR: reuse the facts of unchanged files */
  cacheDir?: string;
  /** threads that parse files (default: the number of cores; 1 = no worker threads) */
  jobs?: number;
  /** called as files are parsed, for a progress indicator */
  progress?: (done: number, total: number) => void;
}

export type NotificationId = 'parse-error' | 'invalid-utf8' | 'unreadable' | 'go-mod' | 'truncated' | 'size' | 'outside-root';

export interface Notification {
  id: NotificationId;
  level: 'error' | 'warning' | 'note';
  message: string;
  file?: string;
  range?: Range;
}

export interface AnalysisResult {
  root: string;
  findings: Finding[];
  /** findings silenced by //goleash:ignore or //nolint:goleash comments */
  suppressed: Finding[];
  notifications: Notification[];
  /** files analyzed */
  files: number;
  /** generated files skipped */
  skippedGenerated: number;
  /** true when a file or directory could not be read (the CLI exits 2) */
  ioError: boolean;
  /** files whose facts came from the --cache directory */
  cachedFiles: number;
}

export { isGenerated } from './parse/file.js';

export function relPath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

export async function analyze(opts: AnalyzeOptions): Promise<AnalysisResult> {
  const cwd = opts.cwd ?? process.cwd();
  const root = path.resolve(cwd, opts.root ?? '.');
  const rules = opts.rules ?? RULES;
  const discovered = discover(opts.paths, cwd, { tests: opts.tests ?? true });
  const problems = discovered.problems;
  const inc = opts.include?.length ? picomatch(opts.include, { dot: true }) : null;
  const exc = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : null;
  const files = discovered.files.filter((f) => {
    if (f.explicit) return true;
    const rel = relPath(root, f.abs);
    return (!inc || inc(rel)) && (!exc || !exc(rel));
  });
  const notifications: Notification[] = problems.map((p) => ({
    id: 'unreadable',
    level: 'error',
    message: `${relPath(root, p.abs) || '.'}: ${p.message}`,
  }));
  let ioError = problems.length > 0;
  const facts: FileFacts[] = [];
  const sources = new Map<string, string>();
  let skippedGenerated = 0;
  const directives: Directive[] = [];
  const cacheDir = opts.cacheDir ? path.resolve(cwd, opts.cacheDir) : undefined;
  const jobs = files.map((f) => ({ abs: f.abs, rel: relPath(root, f.abs), explicit: f.explicit, cacheDir }));
  const results = await processFiles(jobs, opts.jobs ?? availableParallelism(), opts.progress);
  let cachedFiles = 0;
  for (const r of results) {
    if (r.cached) cachedFiles++;
    if (r.ioError) ioError = true;
    if (r.generatedSkipped) skippedGenerated++;
    notifications.push(...r.notes);
    directives.push(...r.directives);
    if (r.facts) facts.push(r.facts);
    if (r.facts && r.text !== undefined) sources.set(r.facts.path, r.text);
  }

  const modules = new ModuleMap();
  const dirs = new Set(files.map((f) => path.dirname(f.abs)));
  for (const d of dirs) modules.moduleOf(d);
  modules.loadWork(root);
  for (const p of modules.problems) notifications.push({ id: 'go-mod', level: 'note', message: `${relPath(root, p.file)}: ${p.message}` });
  const program = new Program(root, facts, modules);

  const findings: Finding[] = [];
  for (const file of facts) {
    for (const g of file.gos) {
      for (const rule of rules) {
        rule.check({ file, fact: g }, program, (f) => findings.push({ ...f, ruleId: rule.meta.id, level: rule.meta.level }));
      }
    }
  }
  // one operation reached from several go statements is reported once (the first go statement in order)
  findings.sort(compareFindings);
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const k = `${f.ruleId}|${f.file}|${f.range.start.line}:${f.range.start.col}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const { kept, suppressed } = applySuppressions(unique, directives, rules);
  kept.sort(compareFindings);
  addFingerprints(kept, sources);
  addFingerprints(suppressed, sources);
  notifications.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return { root, findings: kept, suppressed, notifications, files: facts.length, skippedGenerated, ioError, cachedFiles };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.col - b.range.start.col ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(JSON.stringify(a.message), JSON.stringify(b.message))
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** GitHub's primaryLocationLineHash and goleash's own semantic fingerprint (survives line moves). */
function addFingerprints(findings: Finding[], sources: Map<string, string>): void {
  const hashes = new Map<string, string[]>();
  const ordinals = new Map<string, number>();
  for (const f of findings) {
    let h = hashes.get(f.file);
    if (!h) {
      h = lineHashes(sources.get(f.file) ?? '');
      hashes.set(f.file, h);
    }
    f.lineHash = h[f.range.start.line - 1];
    const base = [f.ruleId, f.semantic.pkg, f.semantic.func, f.semantic.target].join('|');
    const n = (ordinals.get(base) ?? 0) + 1;
    ordinals.set(base, n);
    f.fingerprint = createHash('sha256').update(`${base}|${n}`).digest('hex').slice(0, 16);
  }
}
