// Proves --fix with the Go toolchain: each tree is copied to a temp dir, fixed, and compiled and vetted before and
// after; and the driven cases of testdata/fix are run under the runtime's goroutine leak profile, on the original
// and on the fixed (golden) copy. Needs `go` on PATH (skips with a message when it is not); not part of npm test.
//
//   npm run fixcheck                      the testdata modules and the leak oracle of testdata/fix
//   npm run fixcheck -- DIR... [--packages]
//                                         other trees; --packages checks only the packages a fix touched
//                                         (for trees too large, or unable, to build whole)
//
// Per tree it reports the fixes applied (by shape), whether `go build` and `go vet` were clean before and after
// (a failure only after the fix is the fix's), and `gofmt -l` over the fixed files. Exit 1 on any failure the
// fixes caused, or when the oracle disagrees.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from './analyze.js';
import { applyFixes } from './fix.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const TESTDATA_MODULES = ['testdata', 'testdata/crosspkg', 'testdata/module', 'testdata/seed', 'testdata/go121'];

function hasGo(): boolean {
  return spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
}

const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' };

function go(args: string[], cwd: string, env: NodeJS.ProcessEnv = GO_ENV): { ok: boolean; out: string } {
  // in a workspace (go.work) -mod=mod is refused; the default mode downloads what go.sum lists all the same
  if (env.GOFLAGS === '-mod=mod' && inWorkspace(cwd)) env = { ...env, GOFLAGS: '' };
  const r = spawnSync('go', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function inWorkspace(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'go.work'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** Directories under `dir` (not `dir` itself) that hold a go.mod: other modules, left to their own run. */
function nestedModules(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (existsSync(path.join(d, e.name, 'go.mod'))) out.push(r);
      walk(path.join(d, e.name), r);
    }
  };
  walk(dir, '');
  return out;
}

/** The directory of the nearest go.mod at or above `dir`, within `top`. */
function moduleOf(dir: string, top: string): string | undefined {
  for (let d = dir; d.startsWith(top); d = path.dirname(d)) {
    if (existsSync(path.join(d, 'go.mod'))) return d;
    if (d === top) break;
  }
  return undefined;
}

function shapeOf(description: string): string {
  if (description.startsWith('give ')) return 'buffer';
  return description.includes(' that returns when ') ? 'select/return' : 'select/falls-through';
}

interface TreeReport {
  tree: string;
  fixes: number;
  shapes: Record<string, number>;
  files: number;
  checked: string;
  buildBefore?: boolean;
  buildAfter?: boolean;
  vetBefore?: boolean;
  vetAfter?: boolean;
  gofmt: string[];
  failures: string[];
  note?: string;
}

/** Packages as `./rel` paths of `mod`, from the fixed files. */
function packagesOf(files: string[], tree: string, mod: string): string[] {
  const pkgs = new Set<string>();
  for (const f of files) {
    const abs = path.join(tree, f);
    if (moduleOf(path.dirname(abs), tree) !== mod) continue;
    const rel = path.relative(mod, path.dirname(abs));
    pkgs.add(rel ? `./${rel.split(path.sep).join('/')}` : '.');
  }
  return [...pkgs].sort();
}

async function checkTree(src: string, packagesOnly: boolean, ownModuleOnly: boolean): Promise<TreeReport> {
  const name = path.relative(ROOT, src).startsWith('..') ? src : path.relative(ROOT, src) || '.';
  const tmp = mkdtempSync(path.join(tmpdir(), 'goleash-fixcheck-'));
  const tree = path.join(tmp, path.basename(src));
  cpSync(src, tree, { recursive: true, filter: (p) => !/[\\/](\.git|node_modules)$/.test(p) });
  const report: TreeReport = { tree: name, fixes: 0, shapes: {}, files: 0, checked: '', gofmt: [], failures: [] };
  try {
    // the testdata modules nest: each is checked on its own, so a run leaves the others' files alone
    const nested = ownModuleOnly ? nestedModules(tree) : [];
    const before = await analyze({ paths: ['.'], cwd: tree, root: tree, exclude: nested.map((d) => `${d}/**`) });
    const fixable = before.findings.filter((f) => f.fix);
    // the modules holding fixed files, and in each the packages
    const files = [...new Set(fixable.flatMap((f) => f.fix!.edits.map((e) => e.file)))];
    const mods = [...new Set(files.map((f) => moduleOf(path.dirname(path.join(tree, f)), tree)).filter((m): m is string => !!m))].sort();
    const targets = new Map<string, string[]>();
    for (const m of mods) targets.set(m, packagesOnly ? packagesOf(files, tree, m) : ['./...']);
    if (!packagesOnly && existsSync(path.join(tree, 'go.mod')) && !targets.has(tree)) targets.set(tree, ['./...']);
    report.checked = [...targets].map(([m, p]) => `${path.relative(tree, m) || '.'}: ${p.length > 3 ? `${p.length} packages` : p.join(' ')}`).join('; ');
    const check = () => {
      let build = true;
      let vet = true;
      const outs: string[] = [];
      for (const [m, pkgs] of targets) {
        const b = go(['build', ...pkgs], m);
        const v = go(['vet', ...pkgs], m);
        build &&= b.ok;
        vet &&= v.ok;
        if (!b.ok) outs.push(`build ${path.relative(tree, m) || '.'}:\n${b.out.trim()}`);
        if (!v.ok) outs.push(`vet ${path.relative(tree, m) || '.'}:\n${v.out.trim()}`);
      }
      return { build, vet, outs };
    };
    const b0 = check();
    report.buildBefore = b0.build;
    report.vetBefore = b0.vet;
    const gofmtBefore = new Set(files.length ? gofmtList(tree, files) : []);
    const fixed = applyFixes(tree, fixable);
    report.fixes = [...fixed.values()].reduce((a, b) => a + b, 0);
    report.files = fixed.size;
    // count the shapes of the fixes offered: an identical fix (one send, two go statements) counts once
    const seen = new Set<string>();
    for (const f of fixable) {
      const k = JSON.stringify(f.fix!.edits);
      if (seen.has(k)) continue;
      seen.add(k);
      const s = shapeOf(f.fix!.description);
      report.shapes[s] = (report.shapes[s] ?? 0) + 1;
    }
    report.gofmt = files.length ? gofmtList(tree, files).filter((f) => !gofmtBefore.has(f)) : [];
    if (report.gofmt.length) report.failures.push(`gofmt -l: ${report.gofmt.join(' ')}`);
    const b1 = check();
    report.buildAfter = b1.build;
    report.vetAfter = b1.vet;
    if ((b0.build && !b1.build) || (b0.vet && !b1.vet)) report.failures.push(...b1.outs);
    if (!b0.build || !b0.vet) report.note = `not clean before the fix:\n${b0.outs.join('\n').split('\n').slice(0, 12).join('\n')}`;
    const after = await analyze({ paths: ['.'], cwd: tree, root: tree, exclude: nested.map((d) => `${d}/**`) });
    // each fixed finding is gone: per key (two sends with the same text share one), fewer are left than before by
    // at least the number fixed; a fix that lost an overlap to another is not applied and may remain
    // (by the semantic key, not the fingerprint, which numbers findings that share a key in order)
    type F = { ruleId: string; semantic: { pkg: string; func: string; target: string } };
    const key = (f: F) => `${f.ruleId}|${f.semantic.pkg}|${f.semantic.func}|${f.semantic.target}`;
    const count = (fs: F[]) => fs.reduce((m, f) => m.set(key(f), (m.get(key(f)) ?? 0) + 1), new Map<string, number>());
    const was = count(before.findings);
    const now = count(after.findings);
    const fixedPer = count(fixable);
    let still = 0;
    for (const [k, n] of fixedPer) still += Math.max(0, (now.get(k) ?? 0) - ((was.get(k) ?? 0) - n));
    if (still > fixable.length - report.fixes) report.failures.push(`${still} fixed findings still reported`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return report;
}

function gofmtList(tree: string, files: string[]): string[] {
  const r = spawnSync('gofmt', ['-l', ...files], { cwd: tree, encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}

/** Leaked goroutines in the debug=2 leak profile, counted by the first function of `pkg` on their stack. */
export function leakedBy(profile: string, pkg: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of profile.split(/\n\s*\n/)) {
    if (!/^goroutine \d+ \[[^\]]*\(leaked\)/m.test(g)) continue;
    const fn = g.split('\n').find((l) => l.startsWith(`${pkg}.`));
    const name = fn ? fn.slice(pkg.length + 1).replace(/\(.*$/, '').replace(/\.func\d+(\.\d+)*$/, '') : '(other)';
    out.set(name, (out.get(name) ?? 0) + 1);
  }
  return out;
}

/** Runs testdata/fix's tests on fix.go and on fix.go.golden under the leak profile. */
function oracle(): { ok: boolean; lines: string[] } {
  const tmp = mkdtempSync(path.join(tmpdir(), 'goleash-oracle-'));
  const lines: string[] = [];
  try {
    cpSync(path.join(ROOT, 'testdata'), path.join(tmp, 'testdata'), { recursive: true });
    const dir = path.join(tmp, 'testdata');
    const run = (label: string, fixed: boolean) => {
      const prof = path.join(tmp, `${label}.prof`);
      const r = go(['test', '-count=1', './fix/'], dir, {
        ...GO_ENV, GOEXPERIMENT: 'goroutineleakprofile', GOLEASH_LEAKPROF: prof, GOLEASH_FIXED: fixed ? '1' : '',
      });
      const text = existsSync(prof) ? readFileSync(prof, 'utf8') : '';
      return { ok: r.ok, out: r.out, text };
    };
    const orig = run('original', false);
    const fixedGo = readFileSync(path.join(dir, 'fix/fix.go.golden'), 'utf8');
    writeFileSync(path.join(dir, 'fix/fix.go'), fixedGo);
    const fixed = run('fixed', true);
    if (!orig.ok || !fixed.ok) return { ok: false, lines: [`go test failed:\n${orig.out}\n${fixed.out}`] };
    if (orig.text.startsWith('unsupported')) return { ok: true, lines: ['oracle skipped: this toolchain has no goroutineleak profile (Go 1.26 with GOEXPERIMENT=goroutineleakprofile)'] };
    const pkg = 'example.com/testdata/fix';
    const a = leakedBy(orig.text, pkg);
    const b = leakedBy(fixed.text, pkg);
    const fns = [...new Set([...a.keys(), ...b.keys()])].sort();
    let ok = fns.length > 0;
    for (const fn of fns) {
      const good = (a.get(fn) ?? 0) > 0 && (b.get(fn) ?? 0) === 0;
      if (!good) ok = false;
      lines.push(`  ${fn.padEnd(14)} leaked: original ${a.get(fn) ?? 0}, fixed ${b.get(fn) ?? 0}${good ? '' : '  <- unexpected'}`);
    }
    return { ok, lines };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function yn(v: boolean | undefined): string {
  return v === undefined ? '-' : v ? 'clean' : 'FAIL';
}

async function main(argv: string[]): Promise<number> {
  if (!hasGo()) {
    process.stdout.write('fixcheck: skipped: `go` is not on PATH (add the Go toolchain, e.g. /usr/local/go/bin)\n');
    return 0;
  }
  process.stdout.write(`fixcheck: ${execFileSync('go', ['version'], { encoding: 'utf8' }).trim()}\n`);
  const packagesOnly = argv.includes('--packages');
  const dirs = argv.filter((a) => !a.startsWith('--'));
  const trees = dirs.length ? dirs.map((d) => path.resolve(d)) : TESTDATA_MODULES.map((d) => path.join(ROOT, d));
  let failed = false;
  for (const t of trees) {
    if (!existsSync(t) || !statSync(t).isDirectory()) {
      process.stdout.write(`${t}: not a directory\n`);
      failed = true;
      continue;
    }
    const started = Date.now();
    const r = await checkTree(t, packagesOnly, !dirs.length);
    const shapes = Object.entries(r.shapes).map(([k, v]) => `${k} ${v}`).join(', ');
    process.stdout.write(
      `${r.tree}: ${r.fixes} fixes applied in ${r.files} files${shapes ? ` (offered: ${shapes})` : ''}; checked ${r.checked || 'nothing'}; ` +
        `build ${yn(r.buildBefore)} -> ${yn(r.buildAfter)}, vet ${yn(r.vetBefore)} -> ${yn(r.vetAfter)}, gofmt ${r.gofmt.length ? 'FAIL' : 'clean'}` +
        ` [${Math.round((Date.now() - started) / 1000)} s]\n`,
    );
    if (r.note) process.stdout.write(`  note: ${r.note.replace(/\n/g, '\n    ')}\n`);
    for (const f of r.failures) process.stdout.write(`  FAILURE: ${f.replace(/\n/g, '\n    ')}\n`);
    if (r.failures.length) failed = true;
  }
  if (!dirs.length) {
    const o = oracle();
    process.stdout.write(`oracle (testdata/fix under GOEXPERIMENT=goroutineleakprofile): ${o.ok ? 'the original leaks, the fixed copy does not' : 'FAIL'}\n`);
    for (const l of o.lines) process.stdout.write(`${l}\n`);
    if (!o.ok) failed = true;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
