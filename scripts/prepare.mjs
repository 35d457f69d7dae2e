#!/usr/bin/env node
// npm's `prepare` (npm install in a clone, npm ci, npm pack, and a git install): builds dist/ with TypeScript when
// dist/ is missing or older than src/, and only when TypeScript is installed, so that an install that has dist/
// already (the packed tarball, which ships dist/ and no src/) never needs the compiler.
// `--clean` (npm's `prepack`) removes dist/ first and always builds, so that a tarball holds no file left over from
// an older source tree.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const src = path.join(root, 'src');
const built = path.join(root, 'dist/cli/main.js');

/** The newest modification time of the TypeScript sources and the compiler settings. */
function newestSource(dir) {
  let newest = statSync(path.join(root, 'tsconfig.json')).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

if (!existsSync(src)) process.exit(0); // a packed copy: dist/ is shipped, there is nothing to build from
if (process.argv.includes('--clean')) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const fresh = existsSync(built) && statSync(built).mtimeMs >= newestSource(src);
if (fresh) process.exit(0);
function findTsc() {
  try {
    return createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

let tsc = findTsc();
if (!tsc && !existsSync(built) && process.env.npm_config_global === 'true' && process.env.npm_execpath) {
  // npm/cli#8440: `npm i -g git+…` prepares the clone with an `npm install` that inherits --global, so the dev
  // dependencies go to the global prefix, not into the clone, and tsc is not found. Install them into the clone.
  process.stderr.write('goleash prepare: TypeScript is missing from the clone (npm/cli#8440, a global git install); installing the dev dependencies into it\n');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|prefix|location)$/i.test(k)));
  const r = spawnSync(
    process.execPath,
    [process.env.npm_execpath, 'install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'],
    { cwd: root, stdio: 'inherit', env },
  );
  if (r.status === 0) tsc = findTsc();
}
if (!tsc) {
  if (existsSync(built)) {
    process.stderr.write('goleash prepare: dist/ is older than src/, but TypeScript is not installed to rebuild it; using dist/ as it is\n');
    process.exit(0);
  }
  process.stderr.write(
    'goleash prepare: cannot build dist/: TypeScript (a devDependency) is not installed here. ' +
      'Run `npm install` (with dev dependencies) in the clone, or install from a packed tarball (npm pack), which ships dist/.\n',
  );
  process.exit(1);
}
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
