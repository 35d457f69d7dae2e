// npm run compare -- --mirrors DIR [--parallel N] [--tools a,b] [--timeout S] [--count N] [--budget S] [--json FILE] [--keep DIR]
//
// goleash and its peers on the same trees, against the same labels as `npm run eval:real`: the parent commits of
// eval/real/manifest.tsv and GoBench's GoKer blocking kernels (eval/real/goker.tsv). The peers:
//   gosec        -include=G118 -fmt=sarif (context propagation: goroutine without ctx.Done guard, lost cancel)
//   golangci-lint with only contextcheck, containedctx, fatcontext, noctx and govet's lostcancel (a temporary config)
//   runtime      GoKer only: the Go runtime's goroutineleak profile (GOEXPERIMENT=goroutineleakprofile), read as
//                src/oracle/ does, from a TestMain generated into a copy of each kernel package
//   goleak       GoKer only: go.uber.org/goleak's Find after the tests, from a generated TestMain
//   goleash      dist/cli/main.js --format json --root TREE, tests included
// Static peers analyze only the packages that hold a labeled row (go/packages must type-check them, so their
// module's dependencies are downloaded first, untimed, with `go list -deps -test`); goleash analyzes the whole tree.
// Matching is in comparedata.ts: a static finding counts for a labeled `go` statement when it is in the same file
// between the `go` line and the next top-level func; the runtime and goleak count a goroutine started on that line.
// Needs the mirrors, Go and the network (the module proxy), so it is run by hand, never in CI or npm test.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VERSION } from '../version.js';
import { type Finding, type GokerRow, type ManifestRow, parseGoker, parseManifest } from '../eval/realdata.js';
import { CLI, extract, gitDir, GOBENCH, GOKER_DIR, pool, ROOT } from '../eval/trees.js';
import { parseGoroutines } from '../oracle/profile.js';
import {
  type Target,
  type ToolRow,
  goWindow,
  goleakAsProfile,
  goroutineFindings,
  matchKernels,
  matchRows,
  parseGolangci,
  parseSarif,
  parseTime,
  table,
} from './comparedata.js';

// Fastest first: each tool's row is printed to stderr as soon as it is done.
const TOOLS = ['goleash', 'runtime', 'goleak', 'golangci-lint', 'gosec'] as const;
type Tool = (typeof TOOLS)[number];
const PINS = {
  gosec: 'github.com/securego/gosec/v2/cmd/gosec@v2.30.0',
  'golangci-lint': 'github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0',
  goleak: 'go.uber.org/goleak@v1.3.0',
};
const GENERATED = 'zz_goleash_compare_test.go';

interface Args {
  mirrors: string;
  parallel: number;
  tools: Tool[];
  timeout: number;
  count: number;
  json?: string;
  keep?: string;
  /** seconds after the start at which no new tree is started (the rest count as not analyzed) */
  budget?: number;
}

/** The command line, read by node:util's parseArgs (strict: an unknown or incomplete option is an error). */
function readArgs(argv: string[]): Args {
  const num = (x: string | undefined, dflt: number, min: number) => (x === undefined ? dflt : Math.max(min, Number(x) || dflt));
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      mirrors: { type: 'string' },
      parallel: { type: 'string' },
      timeout: { type: 'string' },
      count: { type: 'string' },
      json: { type: 'string' },
      budget: { type: 'string' },
      keep: { type: 'string' },
      tools: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) {
    console.log(`npm run compare -- --mirrors DIR [--parallel N] [--tools ${TOOLS.join(',')}] [--timeout S] [--count N] [--budget S] [--json FILE] [--keep DIR]`);
    process.exit(0);
  }
  if (!v.mirrors) throw new Error('--mirrors DIR is required (the directory of bare git mirrors, e.g. /work/.mirror)');
  let tools: Tool[] = [...TOOLS];
  if (v.tools !== undefined) {
    const ts = v.tools.split(',');
    for (const t of ts) if (!(TOOLS as readonly string[]).includes(t)) throw new Error(`unknown tool ${t} (one of ${TOOLS.join(', ')})`);
    tools = TOOLS.filter((t) => ts.includes(t));
  }
  return {
    mirrors: v.mirrors,
    parallel: num(v.parallel, 2, 1),
    tools,
    timeout: num(v.timeout, 300, 10),
    count: num(v.count, 10, 1),
    json: v.json,
    keep: v.keep,
    budget: v.budget === undefined ? undefined : Math.max(1, Number(v.budget) || 0),
  };
}

// ---------- running a command, timed ----------

interface Ran {
  code: number;
  out: string;
  err: string;
  seconds: number;
  maxRssKb: number;
  timedOut: boolean;
}

const HAVE_TIME = existsSync('/usr/bin/time');

function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout: number, tmp: string): Promise<Ran> {
  const tf = path.join(tmp, `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const argv = ['timeout', '-k', '10', String(timeout), cmd, ...args];
  const [c, ...a] = HAVE_TIME ? ['/usr/bin/time', '-f', '%e %M', '-o', tf, ...argv] : argv;
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(c, a, { cwd, env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => err.push(d));
    p.on('error', (e) => resolve({ code: -1, out: '', err: e.message, seconds: 0, maxRssKb: 0, timedOut: false }));
    p.on('close', (code) => {
      let t = { seconds: (Date.now() - t0) / 1000, maxRssKb: 0 };
      if (HAVE_TIME && existsSync(tf)) {
        t = parseTime(readFileSync(tf, 'utf8')) ?? t;
        rmSync(tf, { force: true });
      }
      resolve({ code: code ?? -1, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString(), ...t, timedOut: code === 124 || code === 137 });
    });
  });
}

function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOWORK: 'off', ...extra };
}

function gobin(): string {
  const r = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  return path.join((r.stdout || path.join(process.env.HOME ?? '', 'go')).trim().split(path.delimiter)[0], 'bin');
}

/** The peer's binary: on PATH, in GOPATH/bin, or installed there now at the pinned version. */
function binary(name: 'gosec' | 'golangci-lint'): string | { skip: string } {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim();
  const inBin = path.join(gobin(), name);
  if (existsSync(inBin)) return inBin;
  process.stderr.write(`[compare] go install ${PINS[name]}\n`);
  const r = spawnSync('go', ['install', PINS[name]], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } });
  if (r.status !== 0 || !existsSync(inBin)) return { skip: `go install ${PINS[name]} failed: ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}` };
  return inBin;
}

/** The module version a Go binary was built from (`go install` leaves "dev" in gosec's own -version). */
function modVersion(bin: string): string {
  const r = spawnSync('go', ['version', '-m', bin], { encoding: 'utf8' });
  return /^\tmod\t\S+\t(\S+)/m.exec(r.stdout ?? '')?.[1] ?? '?';
}

// ---------- trees ----------

interface Tree {
  key: string;
  dir: string;
  /** module dir (relative to the tree, '.' for the root) -> package patterns relative to it */
  modules: Map<string, string[]>;
  /** package dirs (relative to the tree) whose findings are counted */
  pkgDirs: Set<string>;
  goker: boolean;
}

function moduleDir(tree: string, dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(tree, d, 'go.mod'))) return d;
    if (d === '.' || d === '' || d === path.dirname(d)) return undefined;
  }
}

function planTree(key: string, dir: string, paths: string[], goker: boolean): Tree {
  const modules = new Map<string, string[]>();
  const pkgDirs = new Set<string>();
  for (const p of paths) {
    const d = path.posix.dirname(p);
    pkgDirs.add(d);
    const m = moduleDir(dir, d) ?? '.';
    const rel = path.posix.relative(m === '.' ? '' : m, d) || '.';
    const pat = goker ? `./${rel}/...` : `./${rel}`;
    const list = modules.get(m) ?? [];
    if (!list.includes(pat)) list.push(pat);
    modules.set(m, list);
  }
  return { key, dir, modules, pkgDirs, goker };
}

const inPkgs = (t: Tree, f: Finding) => t.goker || t.pkgDirs.has(path.posix.dirname(f.file));

// ---------- one static tool over the trees ----------

interface TreeOutcome {
  key: string;
  findings: Finding[];
  ok: boolean;
  note?: string;
  seconds: number;
  maxRssKb: number;
}

type RunTree = (t: Tree) => Promise<TreeOutcome>;
let DEADLINE = 0;

async function overTrees(trees: Tree[], n: number, label: string, fn: RunTree): Promise<{ outcomes: TreeOutcome[]; elapsed: number }> {
  const outcomes: TreeOutcome[] = [];
  const t0 = Date.now();
  let done = 0;
  await pool(trees, n, async (t) => {
    try {
      if (DEADLINE && Date.now() > DEADLINE) throw new Error('not started: the --budget was spent');
      outcomes.push(await fn(t));
    } catch (e) {
      outcomes.push({ key: t.key, findings: [], ok: false, note: (e as Error).message.slice(0, 200), seconds: 0, maxRssKb: 0 });
    }
    process.stderr.write(`\r[compare] ${label} ${++done}/${trees.length}   `);
  });
  process.stderr.write('\n');
  return { outcomes, elapsed: (Date.now() - t0) / 1000 };
}

function why(r: Ran): string {
  if (r.timedOut) return 'timed out';
  const text = `${r.err}\n${r.out}`.trim().split('\n').filter((l) => l.trim());
  return `exit ${r.code}: ${text.slice(0, 2).join(' / ').slice(0, 200)}`;
}

// ---------- main ----------

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} not found: run npm run build first`);
  const started = Date.now();
  if (args.budget) DEADLINE = started + args.budget * 1000;
  const manifest = parseManifest(readFileSync(path.join(ROOT, 'eval', 'real', 'manifest.tsv'), 'utf8'));
  const gokerRows = parseGoker(readFileSync(path.join(ROOT, 'eval', 'real', 'goker.tsv'), 'utf8'));
  const work = realpathSync(args.keep ? (mkdirSync(args.keep, { recursive: true }), path.resolve(args.keep)) : mkdtempSync(path.join(tmpdir(), 'goleash-compare-')));
  const tmp = path.join(work, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  const goVersion = go.status === 0 ? go.stdout.trim().replace(/^go version /, '') : undefined;

  // Trees: the parent commit of every manifest row, and GoKer at HEAD with a go.mod of its own.
  const byTree = new Map<string, ManifestRow[]>();
  for (const r of manifest) byTree.set(`${r.repo}@${r.commit}`, [...(byTree.get(`${r.repo}@${r.commit}`) ?? []), r]);
  const trees: Tree[] = [];
  const failedTrees: string[] = [];
  await pool([...byTree.keys()], args.parallel, async (key) => {
    const [repo, commit] = key.split('@');
    const dir = path.join(work, repo.replace('/', '+'), commit);
    try {
      const gd = gitDir(args.mirrors, repo);
      if (!gd) throw new Error(`no mirror of ${repo}`);
      if (!existsSync(dir)) extract(gd, commit, dir);
      trees.push(planTree(key, dir, byTree.get(key)!.map((r) => r.path), false));
    } catch (e) {
      failedTrees.push(`${key}: ${(e as Error).message}`);
    }
  });
  trees.sort((a, b) => a.key.localeCompare(b.key));
  let gokerTree: Tree | undefined;
  const gd = gitDir(args.mirrors, GOBENCH);
  if (gd) {
    const dir = path.join(work, 'gobench');
    if (!existsSync(path.join(dir, GOKER_DIR))) extract(gd, 'HEAD', dir, GOKER_DIR);
    // GoKer kernels import only the standard library; a go.mod of their own keeps GoBench's 2020 requirements out.
    // go 1.20 keeps the loop-variable semantics the kernels were written for.
    writeFileSync(path.join(dir, 'go.mod'), 'module github.com/timmyyuan/gobench\n\ngo 1.20\n');
    gokerTree = planTree('GoKer', dir, [`${GOKER_DIR}/x.go`], true);
  } else failedTrees.push(`GoKer: no mirror of ${GOBENCH}`);
  const allTrees = gokerTree ? [...trees, gokerTree] : trees;
  process.stderr.write(`[compare] ${trees.length} manifest trees${gokerTree ? ' + GoKer' : ''} extracted\n`);

  // Labeled rows with their windows (static tools) and exact targets (runtime, goleak).
  const text = (dir: string, p: string) => {
    try {
      return readFileSync(path.join(dir, p), 'utf8');
    } catch {
      return '';
    }
  };
  const treeOf = new Map(trees.map((t) => [t.key, t]));
  const realRows = manifest.filter((r) => treeOf.has(`${r.repo}@${r.commit}`));
  const realWin: Target[] = realRows.map((r) => ({ path: r.path, ...spread(goWindow(text(treeOf.get(`${r.repo}@${r.commit}`)!.dir, r.path), r.line)) }));
  const gokerWin: Target[] = gokerRows.map((r) => ({ path: r.path, ...spread(r.line ? goWindow(gokerTree ? text(gokerTree.dir, r.path) : '', r.line) : { from: 0, to: 0 }) }));
  const gokerExact: Target[] = gokerRows.map((r) => ({ path: r.path, line: r.line, to: r.line }));

  const results: ToolRow[] = [];
  const notes: string[] = [];
  const perTree: Record<string, TreeOutcome[]> = {};

  const staticRow = (tool: string, version: string, outcomes: TreeOutcome[], elapsed: number): ToolRow => {
    const ok = outcomes.filter((o) => o.ok);
    const findingsOf = (key: string) => ok.find((o) => o.key === key)?.findings ?? [];
    const real = matchRows(realRows, realWin, realRows.flatMap((r, i) => findingsOf(`${r.repo}@${r.commit}`).filter((f) => f.file === realWin[i].path)));
    const gk = matchKernels(gokerRows, gokerWin, findingsOf('GoKer'));
    const byReason = new Map<string, string[]>();
    for (const o of outcomes.filter((x) => !x.ok)) byReason.set(o.note ?? '?', [...(byReason.get(o.note ?? '?') ?? []), o.key]);
    for (const [reason, keys] of byReason) notes.push(`${tool}: not analyzed (${keys.length}): ${reason}: ${keys.sort().map((k) => k.replace(/@(\w{8})\w*/, '@$1')).join(', ')}`);
    for (const o of outcomes.filter((x) => x.ok && x.note)) notes.push(`${tool}: ${o.key}: ${o.note}`);
    perTree[tool] = outcomes;
    return {
      tool,
      version,
      analyzed: `${ok.length}/${allTrees.length} trees`,
      findings: ok.reduce((n, o) => n + o.findings.length, 0),
      realLeaks: `${real.leak}/${real.leakRows}`,
      realClean: `${real.clean}/${real.cleanRows}`,
      goker: `${gk.found}/${gk.inScope}`,
      gokerClean: `${gk.alarms}/${gk.cleanRows}`,
      seconds: elapsed,
      peakMb: Math.max(0, ...outcomes.map((o) => o.maxRssKb)) / 1024,
    };
  };
  const skipped = (tool: string, version: string, why: string) => {
    notes.push(`${tool}: skipped: ${why}`);
    results.push({ tool, version, analyzed: 'skipped', findings: '-', realLeaks: '-', realClean: '-', goker: '-', gokerClean: '-', seconds: 0, peakMb: 0 });
  };

  // Static peers need the modules of the packages they load: download them first, untimed.
  const peers = args.tools.filter((t) => t === 'gosec' || t === 'golangci-lint');
  const prepared = new Map<string, string | undefined>();
  if (peers.length && goVersion) {
    await overTrees(allTrees, args.parallel, 'go list -deps (module download, untimed)', async (t) => {
      const errs: string[] = [];
      for (const [m, pats] of t.modules) {
        const r = await timed('go', ['list', '-e', '-deps', '-test', ...pats], path.join(t.dir, m), goEnv(), args.timeout, tmp);
        if (r.code !== 0) errs.push(`${m}: ${why(r)}`);
      }
      prepared.set(t.key, errs.length ? errs.join('; ') : undefined);
      return { key: t.key, findings: [], ok: true, seconds: 0, maxRssKb: 0 };
    });
  }

  let printed = 0;
  const progress = () => {
    for (; printed < results.length; printed++) process.stderr.write(`[compare] done: ${table([results[printed]]).split('\n')[2]}\n`);
  };
  for (const tool of args.tools) {
    progress();
    if (tool === 'goleash') {
      const { outcomes, elapsed } = await overTrees(allTrees, args.parallel, 'goleash', async (t) => {
        const r = await timed(process.execPath, [CLI, '.', '--root', '.', '--format', 'json', '--fail-on', 'never', '--tests'], t.dir, process.env, args.timeout, tmp);
        if (r.code !== 0) return { key: t.key, findings: [], ok: false, note: why(r), seconds: r.seconds, maxRssKb: r.maxRssKb };
        const doc = JSON.parse(r.out) as { findings: Finding[] };
        return { key: t.key, findings: doc.findings.filter((f) => inPkgs(t, f)), ok: true, seconds: r.seconds, maxRssKb: r.maxRssKb };
      });
      results.push(staticRow('goleash', VERSION, outcomes, elapsed));
    } else if (tool === 'gosec' || tool === 'golangci-lint') {
      if (!goVersion) {
        skipped(tool, '-', 'go is not on PATH');
        continue;
      }
      const bin = binary(tool);
      if (typeof bin !== 'string') {
        skipped(tool, '-', bin.skip);
        continue;
      }
      let version: string;
      let runOne: (t: Tree, m: string, pats: string[], out: string) => Promise<{ r: Ran; findings?: Finding[]; error?: string }>;
      if (tool === 'gosec') {
        version = modVersion(bin);
        const rules = spawnSync(bin, ['-h'], { encoding: 'utf8' });
        if (!/G118/.test(`${rules.stdout}${rules.stderr}`)) {
          skipped(tool, version, `gosec ${version} has no G118 rule`);
          continue;
        }
        runOne = async (t, m, pats, out) => {
          // No -tests: with it gosec loads a package's files as command-line-arguments and its test files fail to
          // type-check against test helpers (checked on sarama). No -quiet: it writes no file when nothing is found.
          const r = await timed(bin, ['-include=G118', '-fmt=sarif', `-out=${out}`, '-no-fail', ...pats], path.join(t.dir, m), goEnv(), args.timeout, tmp);
          if (r.code !== 0) return { r };
          // G118 runs on SSA, which gosec skips for a package with type errors: that package is not analyzed.
          const skippedSsa = (r.err + r.out).match(/skipping SSA analysis/g)?.length ?? 0;
          if (skippedSsa) return { r, error: `type errors: gosec skipped SSA (so G118) for ${skippedSsa} package(s)` };
          const doc = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8') || '{}') : {};
          return { r, findings: parseSarif(doc, t.dir, m) };
        };
      } else {
        version = modVersion(bin);
        const cfg = path.join(tmp, 'golangci.yml');
        writeFileSync(
          cfg,
          [
            'version: "2"',
            'run:',
            '  tests: true',
            '  relative-path-mode: wd',
            'linters:',
            '  default: none',
            '  enable: [contextcheck, containedctx, fatcontext, noctx, govet]',
            '  settings:',
            '    govet:',
            '      disable-all: true',
            '      enable: [lostcancel]',
            'issues:',
            '  max-issues-per-linter: 0',
            '  max-same-issues: 0',
            '',
          ].join('\n'),
        );
        runOne = async (t, m, pats, out) => {
          const r = await timed(
            bin,
            ['run', '-c', cfg, '--allow-parallel-runners', '--output.json.path', out, '--output.text.path', 'stderr', '--issues-exit-code', '0', ...pats],
            path.join(t.dir, m),
            goEnv(),
            args.timeout,
            tmp,
          );
          if (!existsSync(out) || r.code !== 0) return { r };
          const p = parseGolangci(JSON.parse(readFileSync(out, 'utf8') || '{}'), t.dir, m);
          if (p.buildErrors) return { r, error: `type errors: ${p.buildErrors} typecheck issues` };
          return { r, findings: p.findings };
        };
      }
      const { outcomes, elapsed } = await overTrees(allTrees, args.parallel, tool, async (t) => {
        const all: Finding[] = [];
        let seconds = 0;
        let rss = 0;
        let i = 0;
        for (const [m, pats] of t.modules) {
          const out = path.join(tmp, `${tool}-${t.key.replace(/[^\w.-]/g, '_')}-${i++}.json`);
          rmSync(out, { force: true });
          const { r, findings, error } = await runOne(t, m, pats, out);
          seconds += r.seconds;
          rss = Math.max(rss, r.maxRssKb);
          if (!findings) {
            const pre = prepared.get(t.key);
            const noMod = pre && /go\.mod file not found/.test(pre) ? 'no go.mod (the commit predates modules)' : undefined;
            const reason = noMod ?? `${error ?? why(r)}${pre ? ` (module download: ${pre.slice(0, 150)})` : ''}`;
            return { key: t.key, findings: [], ok: false, note: reason, seconds, maxRssKb: rss };
          }
          all.push(...findings);
        }
        return { key: t.key, findings: all, ok: true, seconds, maxRssKb: rss };
      });
      results.push(staticRow(tool, version, outcomes, elapsed));
    } else {
      // The runtime and goleak: GoKer only, a generated TestMain in a copy of every kernel package.
      if (!goVersion) {
        skipped(tool, '-', 'go is not on PATH');
        continue;
      }
      if (!gokerTree) {
        skipped(tool, goVersion, `no mirror of ${GOBENCH}`);
        continue;
      }
      const row = await dynamic(tool, gokerTree.dir, path.join(work, `gobench-${tool}`), args, tmp, goVersion, gokerRows, gokerExact, notes);
      results.push(row);
    }
  }

  progress();
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    `goleash ${VERSION} and peers · ${date} · ${goVersion ?? 'no go'} · ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
    `Labels: eval/real/manifest.tsv at the parent commits (${realRows.filter((r) => r.label === 'leak').length} leak, ${realRows.filter((r) => r.label === 'clean').length} clean go statements, ${trees.length} trees) and eval/real/goker.tsv (GoKer, in-scope kernels).`,
    '',
    table(results),
    '',
    ...notes.map((n) => `- ${n}`),
    ...failedTrees.map((f) => `- tree not extracted: ${f}`),
  ];
  console.log(lines.join('\n'));
  if (args.json) writeFileSync(args.json, JSON.stringify({ version: VERSION, date: new Date().toISOString(), go: goVersion, results, notes, perTree }, null, 2) + '\n');
}

function spread(w: { from: number; to: number }): { line: number; to: number } {
  return { line: w.from, to: w.to };
}

/** The TestMain written into each kernel package: run the tests for at most a few seconds (many kernels hang in
 * their test goroutine), let the goroutines settle, then write what the tool sees to a file in the package dir. */
function testMain(pkg: string, tool: 'runtime' | 'goleak', deadlineMs: number): string {
  const wait = `	done := make(chan struct{}, 1)
	go func() { m.Run(); done <- struct{}{} }()
	code := 0
	select {
	case <-done:
	case <-time.After(${deadlineMs} * time.Millisecond):
		code = 2 // the tests hang (os.Exit(0) would make the testing package panic)
	}
`;
  if (tool === 'runtime') {
    return `package ${pkg}

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
${wait}	for i := 0; i < 20; i++ {
		runtime.Gosched()
		time.Sleep(5 * time.Millisecond)
	}
	f, err := os.Create("goleash-compare.out")
	if err != nil {
		os.Exit(3)
	}
	if p := pprof.Lookup("goroutineleak"); p == nil {
		f.WriteString("unsupported: this toolchain has no goroutineleak profile\\n")
	} else {
		p.WriteTo(f, 2)
	}
	f.Close()
	os.Exit(code)
}
`;
  }
  return `package ${pkg}

import (
	"os"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	opt := goleak.IgnoreCurrent()
${wait}	out := ""
	if err := goleak.Find(opt); err != nil {
		out = err.Error()
	}
	os.WriteFile("goleash-compare.out", []byte(out+"\\n"), 0o644)
	os.Exit(code)
}
`;
}

async function dynamic(
  tool: 'runtime' | 'goleak',
  src: string,
  dir: string,
  args: Args,
  tmp: string,
  goVersion: string,
  rows: GokerRow[],
  exact: Target[],
  notes: string[],
): Promise<ToolRow> {
  rmSync(dir, { recursive: true, force: true });
  cpSync(src, dir, { recursive: true });
  const kernels: string[] = [];
  const walk = (d: string) => {
    const names = readdirSync(d, { withFileTypes: true });
    const tests = names.filter((n) => n.isFile() && n.name.endsWith('_test.go'));
    if (tests.length) {
      const m = /^package\s+(\w+)/m.exec(readFileSync(path.join(d, tests[0].name), 'utf8'));
      if (m) {
        writeFileSync(path.join(d, GENERATED), testMain(m[1], tool, 3000));
        kernels.push(d);
      }
    }
    for (const n of names) if (n.isDirectory()) walk(path.join(d, n.name));
  };
  walk(path.join(dir, GOKER_DIR));
  let version = goVersion;
  const env = goEnv(tool === 'runtime' ? { GOEXPERIMENT: 'goroutineleakprofile' } : {});
  if (tool === 'runtime') {
    const e = spawnSync('go', ['env', 'GOEXPERIMENT'], { encoding: 'utf8', env });
    if (e.status !== 0) return skip(tool, goVersion, `${goVersion} does not know GOEXPERIMENT=goroutineleakprofile`, notes);
    version = `${goVersion} goroutineleakprofile`;
  } else {
    const got = spawnSync('go', ['get', PINS.goleak], { cwd: dir, encoding: 'utf8', env: goEnv() });
    if (got.status !== 0) return skip(tool, '-', `go get ${PINS.goleak} failed: ${got.stderr.trim().split('\n').pop()}`, notes);
    version = PINS.goleak.split('@')[1];
  }
  process.stderr.write(`[compare] ${tool}: go test -count=${args.count} on ${kernels.length} GoKer kernels\n`);
  const t0 = Date.now();
  const r = await timed('go', ['test', '-vet=off', `-count=${args.count}`, `-p=${args.parallel}`, '-timeout=120s', `./${GOKER_DIR}/...`], dir, env, Math.max(args.timeout, 900), tmp);
  const elapsed = (Date.now() - t0) / 1000;
  const findings: Finding[] = [];
  let missing = 0;
  for (const k of kernels) {
    const f = path.join(k, 'goleash-compare.out');
    if (!existsSync(f)) {
      missing++;
      continue;
    }
    const textOut = readFileSync(f, 'utf8');
    if (textOut.startsWith('unsupported:')) return skip(tool, version, textOut.trim(), notes);
    const gs = tool === 'goleak' ? parseGoroutines(goleakAsProfile(textOut)) : parseGoroutines(textOut).filter((g) => g.leaked);
    findings.push(...goroutineFindings(gs, dir, tool, GENERATED));
  }
  if (missing) notes.push(`${tool}: ${missing} of ${kernels.length} kernel packages wrote nothing (build failure or crash; go test exit ${r.code})`);
  const gk = matchKernels(rows, exact, findings);
  // Over --count runs a leaking statement leaks many goroutines: count each place once.
  const places = new Set(findings.map((f) => `${f.file}:${f.line}`)).size;
  return {
    tool,
    version,
    analyzed: `${kernels.length - missing}/${kernels.length} GoKer pkgs`,
    findings: places,
    realLeaks: '-',
    realClean: '-',
    goker: `${gk.found}/${gk.inScope}`,
    gokerClean: `${gk.alarms}/${gk.cleanRows}`,
    seconds: elapsed,
    peakMb: r.maxRssKb / 1024,
  };
}

function skip(tool: string, version: string, why: string, notes: string[]): ToolRow {
  notes.push(`${tool}: skipped: ${why}`);
  return { tool, version, analyzed: 'skipped', findings: '-', realLeaks: '-', realClean: '-', goker: '-', gokerClean: '-', seconds: 0, peakMb: 0 };
}

main().catch((e: Error) => {
  console.error(`compare: ${e.message}`);
  process.exit(2);
});
