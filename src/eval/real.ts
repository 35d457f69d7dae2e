// npm run eval:real -- --mirrors DIR [--json FILE] [--keep DIR] [--parallel N] [--no-goker] [--no-fix]
//
// The real-world evaluation of issue 13: goleash on the trees of real goroutine-leak fixes and on GoKer.
// eval/real/manifest.tsv lists leaking `go` statements at the parent of a fix (and clean ones from the same
// trees); eval/real/goker.tsv labels every `go` statement of GoBench's GoKer blocking kernels. DIR holds bare
// git mirrors as the fetch tool leaves them: DIR/<owner>+<name>/repo (or DIR/<owner>+<name> itself a git dir).
// Each needed commit is extracted with `git archive` (falling back to `git ls-tree` + `git cat-file` per .go
// file when a snapshot lacks some blobs), goleash runs on it with --root and --format json (tests included,
// which is the default), and its findings are matched to the rows (see findingsAt in realdata.ts).
// Not part of `npm test`: it needs the mirrors. No fetched code is kept unless --keep names a directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import {
  type Finding,
  type GokerResult,
  type RowResult,
  findingsAt,
  mapLine,
  matchGoker,
  parseGoker,
  parseManifest,
  summarizeGoker,
  summarizeReal,
} from './realdata.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const GOBENCH = 'timmyyuan/gobench';
const GOKER_DIR = 'gobench/goker/blocking';

interface Args {
  mirrors: string;
  json?: string;
  keep?: string;
  parallel: number;
  goker: boolean;
  fix: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { mirrors: '', parallel: 3, goker: true, fix: true };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--mirrors') a.mirrors = v();
    else if (k === '--json') a.json = v();
    else if (k === '--keep') a.keep = v();
    else if (k === '--parallel') a.parallel = Math.max(1, Number(v()) || 1);
    else if (k === '--no-goker') a.goker = false;
    else if (k === '--no-fix') a.fix = false;
    else if (k === '-h' || k === '--help') {
      console.log('npm run eval:real -- --mirrors DIR [--json FILE] [--keep DIR] [--parallel N] [--no-goker] [--no-fix]');
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  if (!a.mirrors) throw new Error('--mirrors DIR is required (the directory of bare git mirrors, e.g. /work/.mirror)');
  return a;
}

function gitDir(mirrors: string, repo: string): string | undefined {
  const base = path.join(mirrors, repo.replace('/', '+'));
  for (const d of [path.join(base, 'repo'), base, `${base}.git`]) {
    if (existsSync(path.join(d, 'HEAD')) && existsSync(path.join(d, 'objects'))) return d;
  }
  return undefined;
}

function git(dir: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8') {
  return spawnSync('git', [`--git-dir=${dir}`, ...args], { maxBuffer: 1 << 30, encoding: encoding === 'utf8' ? 'utf8' : undefined });
}

/** Extract `commit` (only `sub` when given) into `dest`; returns how many .go files were skipped as missing. */
function extract(gd: string, commit: string, dest: string, sub?: string): { skipped: number; mode: string } {
  mkdirSync(dest, { recursive: true });
  const full = spawnSync('bash', ['-c', 'set -o pipefail; git --git-dir="$1" archive "$2" $3 | tar -x -C "$4"', 'bash', gd, commit, sub ?? '', dest], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (full.status === 0) return { skipped: 0, mode: 'archive' };
  // A snapshot may lack some blobs (large files): write the .go files one by one, skipping missing ones.
  const ls = git(gd, ['ls-tree', '-r', '-z', commit, ...(sub ? ['--', sub] : [])]);
  if (ls.status !== 0) throw new Error(`git ls-tree ${commit}: ${String(ls.stderr).trim()}`);
  let skipped = 0;
  for (const ent of String(ls.stdout).split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(ent);
    if (!m || !(m[2].endsWith('.go') || m[2] === 'go.mod' || m[2].endsWith('/go.mod') || m[2].endsWith('.gitignore'))) continue;
    const target = path.join(dest, m[2]);
    if (existsSync(target)) continue;
    const blob = spawnSync('git', [`--git-dir=${gd}`, 'cat-file', 'blob', m[1]], { maxBuffer: 1 << 28 });
    if (blob.status !== 0) {
      skipped++;
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, blob.stdout);
  }
  return { skipped, mode: 'ls-tree' };
}

function runGoleash(tree: string): Promise<Finding[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, '.', '--root', '.', '--format', 'json', '--fail-on', 'never', '--tests'], { cwd: tree });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => err.push(d));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`goleash exited ${code}: ${Buffer.concat(err).toString().slice(0, 500)}`));
      try {
        const doc = JSON.parse(Buffer.concat(out).toString()) as { findings: Finding[] };
        resolve(doc.findings);
      } catch (e) {
        reject(e);
      }
    });
  });
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

interface TreeRun {
  repo: string;
  commit: string;
  findings?: Finding[];
  error?: string;
  skipped?: number;
  mode?: string;
  seconds?: number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} not found: run npm run build first`);
  const manifest = parseManifest(readFileSync(path.join(ROOT, 'eval', 'real', 'manifest.tsv'), 'utf8'));
  const work = args.keep ? path.resolve(args.keep) : mkdtempSync(path.join(tmpdir(), 'goleash-eval-'));
  const started = Date.now();

  // Every (repo, commit) to analyze: the commits of all rows, and the fix commits of leak rows.
  const runs = new Map<string, TreeRun>();
  const want = (repo: string, commit: string) => {
    const k = `${repo}@${commit}`;
    if (!runs.has(k)) runs.set(k, { repo, commit });
  };
  for (const r of manifest) {
    want(r.repo, r.commit);
    if (args.fix && r.label === 'leak') want(r.repo, r.fixCommit);
  }

  let done = 0;
  await pool([...runs.values()], args.parallel, async (run) => {
    const t0 = Date.now();
    try {
      const gd = gitDir(args.mirrors, run.repo);
      if (!gd) throw new Error(`no mirror of ${run.repo} under ${args.mirrors}`);
      const tree = path.join(work, run.repo.replace('/', '+'), run.commit);
      if (!(args.keep && existsSync(tree) && statSync(tree).isDirectory())) {
        const x = extract(gd, run.commit, tree);
        run.skipped = x.skipped;
        run.mode = x.mode;
      }
      run.findings = await runGoleash(tree);
      if (!args.keep) rmSync(tree, { recursive: true, force: true });
    } catch (e) {
      run.error = (e as Error).message;
    }
    run.seconds = (Date.now() - t0) / 1000;
    done++;
    process.stderr.write(`\r[eval:real] trees ${done}/${runs.size}`);
  });
  process.stderr.write('\n');

  const results: RowResult[] = manifest.map((row) => {
    const at = runs.get(`${row.repo}@${row.commit}`)!;
    if (at.error || !at.findings) return { row, atCommit: [], error: at.error ?? 'no findings' };
    const res: RowResult = {
      row,
      atCommit: [...new Set(findingsAt(at.findings, row.path, { from: row.line, to: row.line }).map((f) => f.rule))],
    };
    if (args.fix && row.label === 'leak') {
      const fx = runs.get(`${row.repo}@${row.fixCommit}`)!;
      const gd = gitDir(args.mirrors, row.repo)!;
      const diff = git(gd, ['diff', '-U0', row.commit, row.fixCommit, '--', row.path]);
      if (!fx.error && fx.findings && diff.status === 0) {
        const place = mapLine(String(diff.stdout), row.line);
        res.atFix = [...new Set(findingsAt(fx.findings, row.path, place).map((f) => f.rule))];
      }
    }
    return res;
  });

  let gokerResults: GokerResult[] | undefined;
  let gokerText = '';
  let gokerSummary;
  if (args.goker) {
    const gokerRows = parseGoker(readFileSync(path.join(ROOT, 'eval', 'real', 'goker.tsv'), 'utf8'));
    const gd = gitDir(args.mirrors, GOBENCH);
    if (!gd) {
      gokerText = `GoKer: no mirror of ${GOBENCH} under ${args.mirrors} (fetch github:${GOBENCH}); skipped.`;
    } else {
      const tree = path.join(work, GOBENCH.replace('/', '+'), 'HEAD');
      if (!(args.keep && existsSync(path.join(tree, GOKER_DIR)))) extract(gd, 'HEAD', tree, GOKER_DIR);
      const findings = await runGoleash(tree);
      if (!args.keep) rmSync(tree, { recursive: true, force: true });
      gokerResults = matchGoker(gokerRows, findings);
      const g = summarizeGoker(gokerResults);
      gokerText = g.text;
      gokerSummary = g.summary;
    }
  }
  if (!args.keep) rmSync(work, { recursive: true, force: true });

  const real = summarizeReal(results);
  const s = real.summary;
  const lines = [
    `goleash ${VERSION} · real-leak evaluation · ${new Date().toISOString().slice(0, 10)} · ${((Date.now() - started) / 1000).toFixed(0)} s`,
    `Manifest: ${s.leakRows} leaking go statements from ${s.leakFixes} fixes, ${s.cleanRows} clean go statements, ${s.repos} repositories.`,
    '',
    real.text,
    '',
    gokerText,
  ];
  const failed = [...runs.values()].filter((r) => r.error);
  if (failed.length) lines.push('', ...failed.map((r) => `tree failed: ${r.repo}@${r.commit.slice(0, 12)}: ${r.error}`));
  const skipped = [...runs.values()].filter((r) => r.skipped);
  if (skipped.length) lines.push('', ...skipped.map((r) => `partial tree: ${r.repo}@${r.commit.slice(0, 12)}: ${r.skipped} .go blobs missing from the snapshot`));
  console.log(lines.join('\n'));

  if (args.json) {
    writeFileSync(
      args.json,
      JSON.stringify(
        {
          version: VERSION,
          date: new Date().toISOString(),
          summary: s,
          goker: gokerSummary,
          rows: results.map((r) => ({ ...r.row, atCommit: r.atCommit, atFix: r.atFix, error: r.error })),
          gokerRows: gokerResults?.map((r) => ({ ...r.row, matched: r.matched })),
          trees: [...runs.values()].map(({ findings, ...t }) => ({ ...t, findings: findings?.length })),
        },
        null,
        2,
      ) + '\n',
    );
  }
}

main().catch((e: Error) => {
  console.error(`eval:real: ${e.message}`);
  process.exit(2);
});
