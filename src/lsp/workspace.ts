// The language server's model of one workspace: the facts of every file of the module kept in memory (read once,
// through the --cache directory when there is one, and again for a file a watch event names), the config, and the
// editor's open buffers, whose text replaces their file's. analyze() runs the rules (analyze.ts's judge) over it:
// the findings are those `goleash <root>` reports, computed from the buffers as they are.
import path from 'node:path';
import picomatch from 'picomatch';
import { judge, parseThreads, relPath } from '../analyze.js';
import { configuredRules, loadConfig, type Config } from '../config.js';
import { discover } from '../discover/discover.js';
import { ModuleMap } from '../index/module.js';
import { processText, type FileJob, type FileResult } from '../parse/file.js';
import { getParser } from '../parse/parser.js';
import { processFiles } from '../parse/pool.js';
import type { FileFacts } from '../parse/types.js';
import type { Finding, Rule } from '../rules/types.js';
import type { Directive } from '../suppress.js';

export interface WorkspaceOptions {
  root: string;
  /** --config FILE; default .goleash.yaml, .goleash.yml or .goleash.json in the root */
  config?: string;
  /** --tests; default `tests` in the config, else true */
  tests?: boolean;
  /** --cache DIR */
  cacheDir?: string;
  log: (message: string) => void;
}

interface FileState {
  facts?: FileFacts;
  directives: Directive[];
  /** the text read, when a finding could point into the file (lazy bodies are filled from it) */
  text?: string;
  /** see Workspace.importDirs */
  importDirs?: string[];
}

interface Buffer {
  text: string;
  state: FileState;
}

export interface Analysis {
  /** findings by root-relative path, for the open files */
  byFile: Map<string, Finding[]>;
  /** files whose go statements were judged, and their package directories */
  judged: number;
  judgedPackages: number;
}

export class Workspace {
  readonly root: string;
  private cfg: Config = {};
  private rules: Rule[] = configuredRules({});
  private tests = true;
  private filter: (rel: string) => boolean = () => true;
  private modules = new ModuleMap();
  /** every file of the workspace as it is on disk, by root-relative path */
  private disk = new Map<string, FileState>();
  /** files that `goleash <root>` would analyze (discovered, not excluded by the config) */
  private analyzed = new Set<string>();
  /** open buffers by root-relative path: their last text that parsed */
  private buffers = new Map<string, Buffer>();

  constructor(private readonly opts: WorkspaceOptions) {
    this.root = path.resolve(opts.root);
  }

  /** Reads the config (a broken one is logged, and the last good one kept) and every file of the workspace. */
  async load(): Promise<void> {
    try {
      this.cfg = loadConfig(this.root, this.opts.config);
      this.rules = configuredRules(this.cfg);
    } catch (e) {
      this.opts.log(`goleash: config not reloaded, the previous one stays in force: ${(e as Error).message}`);
    }
    this.tests = this.opts.tests ?? this.cfg.tests ?? true;
    const inc = this.cfg.include?.length ? picomatch(this.cfg.include, { dot: true }) : null;
    const exc = this.cfg.exclude?.length ? picomatch(this.cfg.exclude, { dot: true }) : null;
    this.filter = (rel) => (!inc || inc(rel)) && (!exc || !exc(rel));
    let files: string[] = [];
    try {
      files = discover([this.root], this.root, { tests: this.tests }).files.map((f) => f.abs);
    } catch (e) {
      this.opts.log(`goleash: ${(e as Error).message}`);
    }
    const jobs: FileJob[] = files.map((abs) => ({ abs, rel: relPath(this.root, abs), explicit: false, cacheDir: this.opts.cacheDir, lazy: true }));
    const results = await processFiles(jobs, parseThreads());
    this.disk.clear();
    this.analyzed.clear();
    jobs.forEach((j, i) => {
      this.disk.set(j.rel, stateOf(results[i]!));
      if (this.filter(j.rel)) this.analyzed.add(j.rel);
    });
    this.modules = new ModuleMap();
    for (const d of new Set(files.map((f) => path.dirname(f)))) this.modules.moduleOf(d);
    this.modules.loadWork(this.root);
  }

  /** The root-relative path of a file in the workspace, or null for one outside it. */
  relOf(abs: string): string | null {
    const rel = relPath(this.root, abs);
    return rel === '' || rel.startsWith('../') || path.isAbsolute(rel) ? null : rel;
  }

  /** Whether a file's findings are reported: as `goleash <root>` would (walked, tests setting, include/exclude). */
  reports(rel: string): boolean {
    if (this.analyzed.has(rel)) return true;
    // a file not on disk (yet) is judged by the walk's rules on names (its .gitignore is not read)
    return !this.disk.has(rel) && this.walkable(rel) && this.filter(rel);
  }

  /** The walk's rules on names: a .go file, not under vendor/, testdata/, .x or _x, not a test with tests off. */
  private walkable(rel: string): boolean {
    if (!rel.endsWith('.go') || (!this.tests && rel.endsWith('_test.go'))) return false;
    return !rel.split('/').slice(0, -1).some((p) => p === 'vendor' || p === 'testdata' || p.startsWith('.') || p.startsWith('_'));
  }

  /** A watch event: the file is read again from disk (or forgotten when deleted). */
  async fileChanged(rel: string, deleted: boolean): Promise<void> {
    if (deleted) {
      this.disk.delete(rel);
      this.analyzed.delete(rel);
      return;
    }
    if (!this.disk.has(rel) && !this.walkable(rel)) return;
    const [r] = await processFiles([{ abs: path.join(this.root, rel), rel, explicit: false, cacheDir: this.opts.cacheDir, lazy: true }], 1);
    this.disk.set(rel, stateOf(r!));
    this.modules.moduleOf(path.dirname(path.join(this.root, rel)));
    if (this.walkable(rel) && this.filter(rel)) this.analyzed.add(rel);
  }

  /**
   * An open buffer's text. Returns an error message, and keeps the buffer's last text that parsed, when this one
   * has a syntax error: findings computed from a broken tree would come and go while one types.
   */
  setBuffer(rel: string, text: string, parse: (job: FileJob, text: string) => FileResult): string | null {
    const r = parse({ abs: path.join(this.root, rel), rel, explicit: false, lazy: true }, text);
    const broken = r.notes.find((n) => n.id === 'parse-error' || n.id === 'binary');
    if (broken) return broken.message;
    this.buffers.set(rel, { text, state: stateOf(r, text) });
    this.modules.moduleOf(path.dirname(path.join(this.root, rel)));
    return null;
  }

  async setBufferText(rel: string, text: string): Promise<string | null> {
    const parser = await getParser();
    return this.setBuffer(rel, text, (job, t) => processText(parser, job, t));
  }

  closeBuffer(rel: string): void {
    this.buffers.delete(rel);
  }

  /** The text analyze() used for an open buffer (its last text that parsed). */
  bufferText(rel: string): string | undefined {
    return this.buffers.get(rel)?.text;
  }

  /** The package directories (root-relative) a file imports from the workspace's modules; computed once per text. */
  private importDirs(s: FileState): string[] {
    if (s.importDirs) return s.importDirs;
    const dirs = new Set<string>();
    for (const imp of s.facts?.imports ?? []) {
      const abs = this.modules.dirOf(imp.path);
      if (abs) dirs.add(relPath(this.root, abs) || '.');
    }
    return (s.importDirs = [...dirs]);
  }

  /**
   * The findings in `files`, with the open buffers in place of their files. A finding in file X comes from a go
   * statement whose goroutine reaches X's code: one in X's package or in a package that imports it, directly or
   * not. Only those go statements are judged; every other file is read for its facts, as the CLI reads a
   * dependency. The findings are those `goleash <root>` reports in `files`.
   */
  async analyze(files: Iterable<string>): Promise<Analysis> {
    const state = (rel: string): FileState | undefined => this.buffers.get(rel)?.state ?? this.disk.get(rel);
    const sorted = [...new Set([...this.disk.keys(), ...this.buffers.keys()])].sort();
    const wanted = [...files];
    // package directories that reach the wanted files' packages through imports
    const importers = new Map<string, string[]>();
    for (const rel of sorted) {
      const s = state(rel)!;
      const dir = path.posix.dirname(rel);
      for (const d of this.importDirs(s)) {
        if (!importers.has(d)) importers.set(d, []);
        importers.get(d)!.push(dir);
      }
    }
    const reach = new Set(wanted.map((rel) => path.posix.dirname(rel)));
    const todo = [...reach];
    while (todo.length > 0) {
      for (const d of importers.get(todo.pop()!) ?? []) {
        if (!reach.has(d)) {
          reach.add(d);
          todo.push(d);
        }
      }
    }
    const analyzed: FileFacts[] = [];
    const deps: FileFacts[] = [];
    const directives: Directive[] = [];
    const sources = new Map<string, string>();
    for (const rel of sorted) {
      const s = state(rel)!;
      if (s.text !== undefined) sources.set(rel, s.text);
      if (!s.facts) continue;
      if (this.reports(rel) && reach.has(path.posix.dirname(rel))) {
        analyzed.push(s.facts);
        // applySuppressions marks the directives it uses: each run gets copies
        for (const d of s.directives) directives.push({ ...d });
      } else if (!rel.endsWith('_test.go')) {
        deps.push(s.facts);
      }
    }
    const { findings } = await judge({ root: this.root, analyzed, deps, modules: this.modules, sources, directives, rules: this.rules, fingerprints: false });
    const byFile = new Map<string, Finding[]>();
    for (const rel of wanted) byFile.set(rel, []);
    for (const f of findings) byFile.get(f.file)?.push(f);
    return { byFile, judged: analyzed.length, judgedPackages: new Set(analyzed.map((f) => path.posix.dirname(f.path))).size };
  }

  /** Whether a path names the config file (a change reloads the workspace). */
  isConfig(abs: string): boolean {
    if (this.opts.config) return path.resolve(this.opts.config) === abs;
    return path.dirname(abs) === this.root && ['.goleash.yaml', '.goleash.yml', '.goleash.json'].includes(path.basename(abs));
  }
}

function stateOf(r: FileResult, text?: string): FileState {
  return { facts: r.facts, directives: r.directives, text: r.facts ? (text ?? r.text) : undefined };
}
