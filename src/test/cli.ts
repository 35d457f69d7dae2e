// Helpers for the tests that spawn the built CLI (src/cli/main.test.ts, src/cli/main-root.test.ts): npm test builds
// dist/ first, and each run is a new process, as a user would start it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const BIN = path.join(ROOT, 'dist/cli/main.js');

/** Runs the CLI with `args` in `cwd` (as another user when `as` is given), without colour. */
export function run(args: string[], cwd = ROOT, as?: { uid: number; gid: number }) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...as });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A new module in a temporary directory, with these files (paths relative to it). */
export function tmpModule(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'goleash-'));
  writeFileSync(path.join(dir, 'go.mod'), 'module example.com/t\n\ngo 1.22\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A goroutine that receives a ctx and never observes it: one ctx-done-missing finding. */
export const LEAK = `package t

import "context"

func Leak(ctx context.Context, ch chan int) {
	go func() {
		_ = ctx.Value("k")
		ch <- 1
	}()
}
`;
