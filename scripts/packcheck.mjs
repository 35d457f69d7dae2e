#!/usr/bin/env node
// npm run packcheck: the package as a user installs it. `npm pack` (which builds dist/ afresh), then the tarball
// installed globally into a temporary prefix (`npm i -g --prefix TMP goleash-X.tgz`, dependencies from the registry
// or npm's cache), then that installed `goleash` run: --version, and the bundled seed example from the repository
// (exit code 1, its two findings, the summary); and `npx --package TARBALL goleash --version`. With --git, the
// committed HEAD is also installed from git+file:// (with --install-links, see README) and run the same way.
// --keep keeps the temporary directory. Exits 1 with the reason on the first thing that differs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tmp = mkdtempSync(path.join(tmpdir(), 'goleash-packcheck-'));
const keep = process.argv.includes('--keep');
// a child npm must not take this run's npm settings (npm run sets npm_config_*), only its own flags
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function fail(message) {
  process.stderr.write(`packcheck: FAIL: ${message}\n`);
  if (!keep) rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) fail(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  return r;
}

function step(what) {
  process.stdout.write(`packcheck: ${what}\n`);
}

// 1. the tarball, and what is in it
const pack = sh(npm, ['pack', '--json', '--pack-destination', tmp], { cwd: root });
if (pack.status !== 0) fail(`npm pack exited ${pack.status}:\n${pack.stderr}`);
const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0];
const files = info.files.map((f) => f.path);
const tarball = path.join(tmp, info.filename);
step(`packed ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} kB`);
for (const need of ['package.json', 'README.md', pkg.bin.goleash, 'dist/analyze.js', 'dist/parse/worker.js', 'grammars/tree-sitter-go.wasm']) {
  if (!files.includes(need)) fail(`the tarball lacks ${need}`);
}
const stray = files.filter((f) => /^(src|testdata|eval|node_modules)\//.test(f) || f.endsWith('.map') || f.endsWith('.test.js'));
if (stray.length > 0) fail(`the tarball holds files a user does not need: ${stray.slice(0, 5).join(', ')}`);

// 2. a global install of it into a temporary prefix, and the installed command
install('tarball', path.join(tmp, 'prefix'), tarball, []);

// 3. npx from the tarball, without installing
const npx = sh(npm, ['exec', '--yes', '--prefer-offline', '--package', tarball, '--', 'goleash', '--version'], { cwd: tmp });
if (npx.status !== 0 || npx.stdout !== `${pkg.version}\n`) fail(`npx --package ${info.filename} goleash --version: exit ${npx.status}, ${JSON.stringify(npx.stdout + npx.stderr)}`);
step(`npx --package ${info.filename} goleash --version: ${pkg.version}`);

// 4. with --git: the committed HEAD from git (npm clones it, runs prepare there, packs and installs that)
if (process.argv.includes('--git')) {
  const head = sh('git', ['rev-parse', 'HEAD'], { cwd: root }).stdout.trim();
  install('git', path.join(tmp, 'git-prefix'), `git+file://${root}#${head}`, ['--install-links']);
}

function install(what, prefix, spec, flags) {
  const inst = sh(npm, ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', ...flags, spec], { cwd: tmp });
  if (inst.status !== 0) fail(`npm install -g --prefix ${prefix} ${flags.join(' ')} ${spec} exited ${inst.status}:\n${inst.stderr}`);
  const bin = process.platform === 'win32' ? path.join(prefix, 'goleash.cmd') : path.join(prefix, 'bin', 'goleash');
  step(`${what}: installed ${bin}`);
  const version = sh(bin, ['--version'], { cwd: tmp });
  if (version.status !== 0 || version.stdout !== `${pkg.version}\n`) fail(`${what}: goleash --version: exit ${version.status}, ${JSON.stringify(version.stdout + version.stderr)}`);
  step(`${what}: goleash --version: ${pkg.version}`);
  const seed = sh(bin, ['testdata/seed'], { cwd: root, env: { ...env, NO_COLOR: '1' } });
  const findings = seed.stdout.split('\n').filter((l) => l && !l.startsWith('\t'));
  const want = [
    /^testdata\/seed\/seed\.go:12:2: `rc <- true` blocks forever: .* \[abandoned-sender\]$/,
    /^testdata\/seed\/seed\.go:28:2: goroutine running childSeed receives ctx but never observes ctx\.Done\(\); .* \[ctx-done-missing\]$/,
  ];
  if (seed.status !== 1) fail(`${what}: goleash testdata/seed exited ${seed.status}, not 1:\n${seed.stderr}`);
  if (findings.length !== want.length || !want.every((re, i) => re.test(findings[i]))) fail(`${what}: goleash testdata/seed reported:\n${seed.stdout}`);
  if (seed.stderr !== 'goleash: 2 findings in 1 file\n') fail(`${what}: goleash testdata/seed printed on stderr: ${JSON.stringify(seed.stderr)}`);
  step(`${what}: goleash testdata/seed: exit 1, the 2 findings of the seed`);
}

if (keep) step(`kept ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
step('ok');
