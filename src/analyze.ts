// The pipeline: discover -> read -> parse -> facts -> module index -> rules -> fingerprints.
// Reporters only format what this returns.
import { completeFieldOwners } from './analysis/result-types.js';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { discover } from './discover/discover.js';
import { ModuleMap } from './index/module.js';
import { Program, type FillBody } from './index/program.js';
import { fillLazyBody, readSource, type FileJob } from './parse/file.js';
import { getParser } from './parse/parser.js';
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

export type NotificationId = 'parse-error' | 'invalid-utf8' | 'binary' | 'unreadable' | 'go-mod' | 'truncated' | 'size' | 'outside-root';

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
  /** findings left out of the report by --baseline and by --new-from-rev (the command line fills these in; the
   * suppressed ones are `suppressed`) */
  hidden: { baseline: number; newFromRev: number };
}

/** How many findings the report leaves out, and why: the summary line, JSON `hidden` and SARIF say the same. */
export function hiddenCounts(r: AnalysisResult): { total: number; baseline: number; newFromRev: number; suppressed: number } {
  const { baseline, newFromRev } = r.hidden;
  const suppressed = r.suppressed.length;
  return { total: baseline + newFromRev + suppressed, baseline, newFromRev, suppressed };
}

export { isGenerated } from './parse/file.js';

/** Threads that parse files: --jobs, at most the number of cores (more only costs memory), default all cores. */
export function parseThreads(jobs?: number): number {
  const cores = availableParallelism();
  return Math.max(1, Math.min(jobs ?? cores, cores));
}

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
  const jobs = files.map((f) => ({ abs: f.abs, rel: relPath(root, f.abs), explicit: f.explicit, cacheDir, lazy: true }));
  const results = await processFiles(jobs, parseThreads(opts.jobs), opts.progress);
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
  const deps = await loadDependencies(facts, dirs, modules, root, cacheDir, parseThreads(opts.jobs));
  const { findings: kept, suppressed } = await judge({ root, analyzed: facts, deps, modules, sources, directives, rules });
  notifications.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return { root, findings: kept, suppressed, notifications, files: facts.length, skippedGenerated, ioError, cachedFiles, hidden: { baseline: 0, newFromRev: 0 } };
}

export interface JudgeInput {
  root: string;
  /** the files whose go statements are judged and whose findings are reported, in report order */
  analyzed: FileFacts[];
  /** files read for facts only: calls into them resolve, nothing in them is reported */
  deps: FileFacts[];
  modules: ModuleMap;
  /** texts by root-relative path: lazy bodies are filled from them (else read from disk, and kept here) */
  sources: Map<string, string>;
  directives: Directive[];
  rules: readonly Rule[];
  /** compute the findings' fingerprints (default true; an editor has no use for them) */
  fingerprints?: boolean;
}

/**
 * The rules over facts already in memory: the half of the pipeline after parsing. `analyze` runs it on what it
 * read; the language server runs it on the module's facts with an editor's unsaved buffer in place of its file.
 */
export async function judge(input: JudgeInput): Promise<{ findings: Finding[]; suppressed: Finding[] }> {
  const { root, analyzed: facts, deps, modules, sources, directives, rules } = input;
  const program = new Program(root, [...facts, ...deps], modules, await bodyFiller(root, sources), (f) => sources.get(f.path) ?? readSource(path.resolve(root, f.path)));
  // selections from values made by constructors of the module get the owner type the constructor declares
  completeFieldOwners(program, [...facts, ...deps]);
  const findings: Finding[] = [];
  const startedBy = new Map<Finding, { file: string; range: Range }>();
  for (const file of facts) {
    for (const g of file.gos) {
      // goroutines started by main live as long as the program: when main returns the process ends
      if (program.processLifetime(file, g.parent)) continue;
      for (const rule of rules) {
        rule.check({ file, fact: g }, program, (f) => {
          const finding = { ...f, ruleId: rule.meta.id, level: rule.meta.level };
          findings.push(finding);
          startedBy.set(finding, { file: file.path, range: g.range });
        });
      }
    }
  }
  // one operation reached from several go statements is reported once (the first go statement in order), with
  // the other go statements as related locations; only the analyzed files are reported on, not an operation
  // inside a package loaded as a dependency
  const analyzed = new Set(facts.map((f) => f.path));
  // of the go statements that reach one operation, the first in file order is the one named in the message
  const goOrder = (a: Finding, b: Finding) => {
    const x = startedBy.get(a);
    const y = startedBy.get(b);
    return !x || !y ? 0 : cmp(x.file, y.file) || x.range.start.line - y.range.start.line || x.range.start.col - y.range.start.col;
  };
  findings.sort((a, b) => cmp(a.file, b.file) || a.range.start.line - b.range.start.line || a.range.start.col - b.range.start.col || cmp(a.ruleId, b.ruleId) || goOrder(a, b) || compareFindings(a, b));
  const seen = new Map<string, Finding>();
  const unique = findings.filter((f) => {
    if (!analyzed.has(f.file)) return false;
    const k = `${f.ruleId}|${f.file}|${f.range.start.line}:${f.range.start.col}`;
    const first = seen.get(k);
    if (!first) {
      seen.set(k, f);
      return true;
    }
    const go = startedBy.get(f);
    const at = (l: { file: string; range: Range }) => go && l.file === go.file && l.range.start.line === go.range.start.line && l.range.start.col === go.range.start.col;
    if (go && !at(startedBy.get(first)!) && !first.related.some(at)) {
      first.related.push({ id: Math.max(0, ...first.related.map((r) => r.id)) + 1, file: go.file, range: go.range, message: 'the goroutine is also started here' });
    }
    return false;
  });
  const { kept, suppressed } = applySuppressions(unique, directives, rules, RULES);
  kept.sort(compareFindings);
  if (input.fingerprints !== false) {
    addFingerprints(kept, sources);
    addFingerprints(suppressed, sources);
  }
  return { findings: kept, suppressed };
}

/** How many rounds of imports of imports are loaded: calls are followed three deep, so three suffice. */
const DEPENDENCY_ROUNDS = 3;

/**
 * The packages of the module that the analyzed files import but that were not asked for (`goleash ./cmd/...`),
 * and the other files of a named file's package: their non-test files are parsed for facts only, so that
 * calls into them resolve as in a whole-module run. Their go statements are not judged, nothing is reported.
 */
async function loadDependencies(
  analyzed: FileFacts[],
  dirs: Set<string>,
  modules: ModuleMap,
  root: string,
  cacheDir: string | undefined,
  threads: number,
): Promise<FileFacts[]> {
  const out: FileFacts[] = [];
  const seen = new Set(dirs);
  const have = new Set(analyzed.map((f) => f.path));
  const goFiles = (dir: string): string[] => {
    try {
      return readdirSync(dir).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).sort();
    } catch {
      return []; // not there or unreadable: calls into it stay unresolved, as before
    }
  };
  let frontier = analyzed;
  for (let round = 0; round < DEPENDENCY_ROUNDS && frontier.length > 0; round++) {
    const jobs: FileJob[] = [];
    // first the rest of each named file's own package (`goleash cmd/server/main.go`)
    if (round === 0) {
      for (const dir of dirs) {
        for (const n of goFiles(dir)) {
          const rel = relPath(root, path.join(dir, n));
          if (!have.has(rel)) jobs.push({ abs: path.join(dir, n), rel, explicit: false, cacheDir, lazy: true });
        }
      }
    }
    for (const f of frontier) {
      for (const imp of f.imports) {
        const dir = modules.dirOf(imp.path);
        if (!dir || seen.has(dir)) continue;
        seen.add(dir);
        for (const n of goFiles(dir)) jobs.push({ abs: path.join(dir, n), rel: relPath(root, path.join(dir, n)), explicit: false, cacheDir, lazy: true });
      }
    }
    if (jobs.length === 0) break;
    frontier = (await processFiles(jobs, threads)).flatMap((r) => (r.facts ? [r.facts] : []));
    out.push(...frontier);
  }
  return out;
}

/**
 * Fills in, on this thread, a body the first parse left out, when a rule follows a call into it (Program.fill).
 * The text read is kept for reporting: a finding may now point into the file.
 */
async function bodyFiller(root: string, sources: Map<string, string>): Promise<FillBody> {
  const parser = await getParser();
  return (file, fn) => {
    let text = sources.get(file.path);
    if (text === undefined) {
      const read = readSource(path.resolve(root, file.path));
      if (read === null) return null;
      sources.set(file.path, (text = read));
    }
    return fillLazyBody(parser, text, file, fn);
  };
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
