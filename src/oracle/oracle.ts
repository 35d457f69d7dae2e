// npm run oracle: the Go runtime judges the leak labels of the driven packages under testdata/.
//
// A driven package is one whose TestMain calls leakprof.Main (testdata/oracle/leakprof). Its driver tests run each
// parent down its leaving path and return without waiting for the goroutines; leakprof then writes the runtime's
// `goroutineleak` profile (GOEXPERIMENT=goroutineleakprofile, Go 1.26). Every `// want RULE` or `// missed RULE`
// label of a leak rule must be explained by a leaked goroutine (the label's line is where the goroutine was
// created or one of its frames), and every leaked goroutine by a label. Exits 1 on a contradiction, 0 (after
// saying why) when Go is absent or its runtime has no leak profile.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findGo, goEnv, moduleOf, ROOT, walkDirs, type GoTool } from './gotool.js';
import { judge, labelsOf, leaked, locationsOf, type Goroutine, type Label } from './profile.js';

const GO_STMT = /^\s*(go\s|.*[;{]\s*go\s)/;

interface Driven {
  dir: string;
  module: string;
  files: string[];
}

interface Outcome {
  pkg: string;
  goStmts: number;
  labels: Label[];
  confirmed: number;
  leaked: number;
  contradictions: string[];
  unsupported?: string;
}

/** Directories under testdata/ whose tests call leakprof.Main from TestMain. */
function drivenPackages(): Driven[] {
  const dirs = walkDirs(path.join(ROOT, 'testdata'), (d, names) =>
    names.some((n) => n.endsWith('_test.go') && /\bleakprof\.Main\(/.test(readFileSync(path.join(d, n), 'utf8'))),
  );
  return dirs.flatMap((d) => {
    const dir = realpathSync(d);
    const module = moduleOf(dir);
    if (!module) return [];
    const files = readdirSync(dir)
      .filter((n) => n.endsWith('.go'))
      .sort()
      .map((n) => path.join(dir, n));
    return [{ dir, module, files }];
  });
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd, env });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (out += b.toString()));
    p.on('error', (e) => resolve({ code: -1, out: e.message }));
    p.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

const slash = (p: string): string => p.split(path.sep).join('/');
const REAL_ROOT = slash(realpathSync(ROOT));
/** file:line, relative to the repository when the file is in it (the runtime prints real, absolute paths). */
const inRepo = (file: string): string => (file.startsWith(REAL_ROOT + '/') ? file.slice(REAL_ROOT.length + 1) : file);
const short = (file: string, line: number): string => `${inRepo(slash(file))}:${line}`;

function describe(g: Goroutine, dir: string): string {
  const inPkg = g.frames.find((f) => path.dirname(f.file) === slash(dir)) ?? g.frames[0];
  const at = inPkg ? ` blocked in ${inPkg.func} at ${short(inPkg.file, inPkg.line)}` : '';
  const created = g.createdBy ? `, started at ${short(g.createdBy.file, g.createdBy.line)}` : '';
  return `goroutine ${g.id} [${g.state}]${at}${created}`;
}

async function oracle(go: GoTool, pkg: Driven, experiment: boolean, tmp: string): Promise<Outcome> {
  const name = inRepo(slash(pkg.dir));
  const out = path.join(tmp, `${name.replace(/[/\\]/g, '_')}.prof`);
  const env = goEnv({ GOLEASH_LEAKPROF: out, ...(experiment ? { GOEXPERIMENT: 'goroutineleakprofile' } : {}) });
  const target = `./${slash(path.relative(pkg.module, pkg.dir))}`;
  const res = await run(go.go, ['test', '-count=1', target], pkg.module, env);
  const labels = pkg.files.flatMap((f) => labelsOf(slash(f), readFileSync(f, 'utf8')));
  const goStmts = pkg.files
    .filter((f) => !f.endsWith('_test.go'))
    .reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').filter((l) => GO_STMT.test(l)).length, 0);
  const base: Outcome = { pkg: name, goStmts, labels, confirmed: 0, leaked: 0, contradictions: [] };
  let text: string;
  try {
    text = readFileSync(out, 'utf8');
  } catch {
    return { ...base, contradictions: [`the driver tests wrote no profile (go test exit ${res.code}):\n${res.out.trim().replace(/^/gm, '      ')}`] };
  }
  if (text.startsWith('unsupported:')) return { ...base, unsupported: text.trim() };
  const contradictions: string[] = [];
  if (res.code !== 0) contradictions.push(`go test ${target} failed (exit ${res.code}):\n${res.out.trim().replace(/^/gm, '      ')}`);
  const gs = leaked(text);
  const v = judge(labels, gs);
  for (const l of v.unconfirmed) {
    contradictions.push(`${short(l.file, l.line)}: labeled \`${l.kind} ${l.rule}\`, but no leaked goroutine was started on this line or blocked through it`);
  }
  for (const g of v.unexplained) {
    const where = g.createdBy ?? g.frames[0];
    contradictions.push(`${where ? short(where.file, where.line) : '?'}: unlabeled leak: ${describe(g, pkg.dir)}; no label on its go statement or frames (${locationsOf(g).map((l) => short(l.file, l.line)).join(', ')})`);
  }
  return { ...base, confirmed: v.confirmed.length, leaked: gs.length, contradictions };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

async function main(): Promise<number> {
  const go = findGo();
  if ('skip' in go) {
    console.log(`oracle: skipped: ${go.skip}`);
    return 0;
  }
  // Go 1.26 needs the experiment; a toolchain that does not know it (older, or one where it has been retired) runs
  // without it, and leakprof says whether the profile exists.
  const experiment = spawnSync(go.go, ['env', 'GOEXPERIMENT'], { encoding: 'utf8', env: goEnv({ GOEXPERIMENT: 'goroutineleakprofile' }) }).status === 0;
  const pkgs = drivenPackages();
  if (pkgs.length === 0) {
    console.log('oracle: no driven packages under testdata/ (a TestMain that calls leakprof.Main)');
    return 0;
  }
  console.log(`oracle: ${go.version}${experiment ? ', GOEXPERIMENT=goroutineleakprofile' : ''}, ${pkgs.length} driven packages`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'goleash-oracle-'));
  try {
    const outcomes: Outcome[] = new Array(pkgs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < pkgs.length; i = next++) outcomes[i] = await oracle(go, pkgs[i]!, experiment, tmp);
    };
    await Promise.all(Array.from({ length: Math.min(pkgs.length, Math.max(1, os.availableParallelism())) }, worker));
    const unsupported = outcomes.find((o) => o.unsupported);
    if (unsupported) {
      console.log(`oracle: skipped: ${go.version} has no goroutineleak profile (${unsupported.unsupported}); it needs Go 1.26 with GOEXPERIMENT=goroutineleakprofile, or Go 1.27`);
      return 0;
    }
    const rows = [['package', 'go statements', 'leaks labeled', 'confirmed', 'leaked goroutines', 'contradictions']];
    const sum = [0, 0, 0, 0, 0];
    for (const o of outcomes) {
      const nums = [o.goStmts, o.labels.length, o.confirmed, o.leaked, o.contradictions.length];
      nums.forEach((n, i) => (sum[i]! += n));
      rows.push([o.pkg, ...nums.map(String)]);
    }
    rows.push(['total', ...sum.map(String)]);
    console.log(table(rows));
    const missed = outcomes.flatMap((o) => o.labels).filter((l) => l.kind === 'missed').length;
    console.log(`labels: ${sum[1]! - missed} want, ${missed} missed (known misses of goleash the runtime confirms)`);
    const all = outcomes.flatMap((o) => o.contradictions.map((c) => `  ${c}`));
    if (all.length) {
      console.log(`contradictions (${all.length}):\n${all.join('\n')}`);
      return 1;
    }
    console.log('oracle: the runtime confirms every label, and every leak it found is labeled');
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
