// Finding the Go toolchain and the testdata modules, for `npm run vet` and `npm run oracle`. goleash itself never
// needs Go: these scripts check the labeled corpus with it when it is there, and say why they skipped when not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (dist/oracle/ or src/oracle/ -> ../..). */
export const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');

export interface GoTool {
  go: string;
  gofmt: string;
  /** `go version` output, e.g. "go version go1.26.8 linux/amd64" */
  version: string;
  goroot: string;
}

/** The environment every go command of these scripts runs with: no toolchain switch, no download. */
export function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off', ...extra };
}

/** The go command on PATH, or the reason there is none. */
export function findGo(): GoTool | { skip: string } {
  const v = spawnSync('go', ['version'], { encoding: 'utf8', env: goEnv() });
  if (v.error) return { skip: `go is not on PATH (${(v.error as NodeJS.ErrnoException).code ?? v.error.message})` };
  if (v.status !== 0) return { skip: `\`go version\` failed: ${(v.stderr || v.stdout).trim()}` };
  const r = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: goEnv() });
  const goroot = r.status === 0 ? r.stdout.trim() : '';
  const inRoot = path.join(goroot, 'bin', process.platform === 'win32' ? 'gofmt.exe' : 'gofmt');
  const gofmt = goroot && existsSync(inRoot) ? inRoot : 'gofmt';
  return { go: 'go', gofmt, version: v.stdout.trim(), goroot };
}

/** Directories under `dir` (walked recursively, skipping dot, underscore and node_modules directories) that hold a file
 * for which `pick` says yes. */
export function walkDirs(dir: string, pick: (dir: string, names: string[]) => boolean): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    const entries = readdirSync(d, { withFileTypes: true });
    if (pick(d, entries.filter((e) => e.isFile()).map((e) => e.name))) out.push(d);
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_') && e.name !== 'node_modules') visit(path.join(d, e.name));
    }
  };
  visit(dir);
  return out.sort();
}

/** Every Go module under testdata/ and under a rule's folder (src/rules/<id>/testdata), as absolute paths. */
export function testdataModules(): string[] {
  const mods = (dir: string) => (existsSync(dir) ? walkDirs(dir, (_d, names) => names.includes('go.mod')) : []);
  return [...mods(path.join(ROOT, 'testdata')), ...mods(path.join(ROOT, 'src/rules'))].sort();
}

/** Extra `go vet` flags a module asks for in a `vetflags` file (one per line), e.g. `-lostcancel=false` where the
 * labeled leak is the lost cancel itself. */
export function vetFlags(mod: string): string[] {
  const f = path.join(mod, 'vetflags');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('-')) : [];
}

/** The nearest directory at or above `dir` that holds a go.mod. */
export function moduleOf(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'go.mod'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

export function rel(p: string): string {
  return path.relative(ROOT, p).split(path.sep).join('/') || '.';
}
