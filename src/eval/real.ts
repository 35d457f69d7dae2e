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
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { CLI, extract, git, gitDir, GOBENCH, GOKER_DIR, pool, ROOT } from './trees.js';


interface Args {
  mirrors: string;
  json?: string;
  keep?: string;
  parallel: number;
  goker: boolean;
  fix: boolean;
}

/** The command line, read by node:util's parseArgs (Node's own option parser: strict, so an unknown or
 * incomplete option is an error rather than a silent default). */
function readArgs(argv: string[]): Args {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      mirrors: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'string' },
      parallel: { type: 'string' },
      'no-goker': { type: 'boolean' },
      'no-fix': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) {
    console.log('npm run eval:real -- --mirrors DIR [--json FILE] [--keep DIR] [--parallel N] [--no-goker] [--no-fix]');
    process.exit(0);
  }
  if (!v.mirrors) throw new Error('--mirrors DIR is required (the directory of bare git mirrors, e.g. /work/.mirror)');
  return {
    mirrors: v.mirrors,
    json: v.json,
    keep: v.keep,
    parallel: v.parallel === undefined ? 3 : Math.max(1, Number(v.parallel) || 1),
    goker: !v['no-goker'],
    fix: !v['no-fix'],
  };
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
  const args = readArgs(process.argv.slice(2));
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
