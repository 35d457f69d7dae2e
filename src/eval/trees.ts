// Bare git mirrors and the trees extracted from them, shared by `npm run eval:real` and `npm run compare`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root, its built command line, and where GoKer's kernels sit in the gobench mirror. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
export const GOBENCH = 'timmyyuan/gobench';
export const GOKER_DIR = 'gobench/goker/blocking';

export function gitDir(mirrors: string, repo: string): string | undefined {
  const base = path.join(mirrors, repo.replace('/', '+'));
  for (const d of [path.join(base, 'repo'), base, `${base}.git`]) {
    if (existsSync(path.join(d, 'HEAD')) && existsSync(path.join(d, 'objects'))) return d;
  }
  return undefined;
}

export function git(dir: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8') {
  return spawnSync('git', [`--git-dir=${dir}`, ...args], { maxBuffer: 1 << 30, encoding: encoding === 'utf8' ? 'utf8' : undefined });
}

/** Extract `commit` (only `sub` when given) into `dest`; returns how many .go files were skipped as missing. */
export function extract(gd: string, commit: string, dest: string, sub?: string): { skipped: number; mode: string } {
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
  const wanted: { id: string; target: string }[] = [];
  for (const ent of String(ls.stdout).split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(ent);
    if (!m || !(m[2].endsWith('.go') || m[2] === 'go.mod' || m[2].endsWith('/go.mod') || m[2].endsWith('.gitignore'))) continue;
    const target = path.join(dest, m[2]);
    if (!existsSync(target)) wanted.push({ id: m[1], target });
  }
  // one `git cat-file --batch` for all of them (a process per blob takes minutes on a tree of thousands of files):
  // each answer is `<id> blob <size>` then the content and a line break, or `<id> missing`
  const out = spawnSync('git', [`--git-dir=${gd}`, 'cat-file', '--batch'], { input: wanted.map((w) => w.id).join('\n') + '\n', maxBuffer: 1 << 31 >>> 0 });
  const buf = out.stdout as Buffer;
  let at = 0;
  for (const w of wanted) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) {
      skipped++;
      continue;
    }
    const head = buf.subarray(at, nl).toString('utf8').split(' ');
    at = nl + 1;
    if (head[1] !== 'blob') {
      skipped++;
      continue;
    }
    const size = Number(head[2]);
    mkdirSync(path.dirname(w.target), { recursive: true });
    writeFileSync(w.target, buf.subarray(at, at + size));
    at += size + 1;
  }
  return { skipped, mode: 'ls-tree' };
}

export async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

