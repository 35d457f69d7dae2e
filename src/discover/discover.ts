// Turns command-line paths into a sorted list of .go files.
// Directories are walked recursively (`dir` and `dir/...` mean the same), skipping what the go tool skips
// (vendor/, testdata/, names starting with '.' or '_') and whatever .gitignore files say. Paths named
// explicitly are always analyzed. Symbolic links are never followed, so a walk cannot leave the tree or loop.
// The walker is a few lines over fs.readdirSync rather than a library such as fdir, because those swallow
// unreadable-directory errors, which goleash must report; .gitignore matching uses the maintained `ignore`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { errorWords } from '../util/errors.js';

export class UsageError extends Error {}

export interface DiscoveredFile {
  /** absolute path */
  abs: string;
  /** named on the command line (analyzed even if generated) */
  explicit: boolean;
}

export interface DiscoverOptions {
  tests: boolean;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** directories and files that could not be read */
  problems: { abs: string; message: string }[];
}

const SKIP_DIRS = new Set(['vendor', 'testdata']);

export function discover(args: string[], cwd: string, opts: DiscoverOptions): Discovery {
  const out = new Map<string, DiscoveredFile>();
  const problems: Discovery['problems'] = [];
  const roots = args.length === 0 ? ['./...'] : args;
  for (const arg of roots) {
    const recursive = arg.endsWith('/...') || arg === '...';
    const p = recursive ? arg.slice(0, -3).replace(/\/$/, '') || '.' : arg;
    const abs = path.resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      throw new UsageError(`${arg}: ${errorWords(e)}`);
    }
    if (st.isFile()) {
      if (!abs.endsWith('.go')) throw new UsageError(`${arg}: not a Go file`);
      out.set(abs, { abs, explicit: true });
      continue;
    }
    if (!st.isDirectory()) throw new UsageError(`${arg}: not a file or directory`);
    const gi = new GitIgnores(abs);
    walk(abs, gi, opts, out, problems);
  }
  const files = [...out.values()].sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
  if (files.length === 0) {
    if (problems.length > 0) throw new UsageError(`${problems[0]!.abs}: ${problems[0]!.message}`);
    throw new UsageError(`no Go files found in ${roots.join(' ')}`);
  }
  return { files, problems };
}

function walk(dir: string, gi: GitIgnores, opts: DiscoverOptions, out: Map<string, DiscoveredFile>, problems: Discovery['problems']): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ abs: dir, message: `cannot read directory: ${errorWords(e)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ig = gi.forDir(dir);
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || e.name.startsWith('.') || e.name.startsWith('_')) continue;
      if (ig(abs, true)) continue;
      walk(abs, gi, opts, out, problems);
    } else if (e.isFile() && e.name.endsWith('.go')) {
      if (!opts.tests && e.name.endsWith('_test.go')) continue;
      if (ig(abs, false)) continue;
      if (!out.has(abs)) out.set(abs, { abs, explicit: false });
    }
  }
}

/** The .gitignore files that apply below a walk root: those of the root's git work tree above it, and nested ones. */
class GitIgnores {
  private cache = new Map<string, Ignore | null>();
  private top: string;

  constructor(root: string) {
    let cur = root;
    let top = root;
    for (;;) {
      if (existsSync(path.join(cur, '.git'))) {
        top = cur;
        break;
      }
      const up = path.dirname(cur);
      if (up === cur) break;
      cur = up;
    }
    this.top = top;
  }

  private load(dir: string): Ignore | null {
    if (this.cache.has(dir)) return this.cache.get(dir)!;
    let ig: Ignore | null = null;
    try {
      const text = readFileSync(path.join(dir, '.gitignore'), 'utf8');
      ig = ignore().add(text);
    } catch {
      ig = null;
    }
    this.cache.set(dir, ig);
    return ig;
  }

  /** A predicate for entries of `dir`. */
  forDir(dir: string): (abs: string, isDir: boolean) => boolean {
    const chain: string[] = [];
    let cur = dir;
    for (;;) {
      chain.push(cur);
      if (cur === this.top) break;
      const up = path.dirname(cur);
      if (up === cur || !cur.startsWith(this.top)) break;
      cur = up;
    }
    const rules = chain.map((d) => ({ d, ig: this.load(d) })).filter((x) => x.ig);
    return (abs, isDir) => {
      for (const { d, ig } of rules) {
        const rel = path.relative(d, abs).split(path.sep).join('/');
        if (rel && ig!.ignores(isDir ? rel + '/' : rel)) return true;
      }
      return false;
    };
  }
}
