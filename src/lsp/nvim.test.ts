// A real editor: headless Neovim (0.7, the version Debian ships, and later) attaches `goleash lsp` to a Go file
// with its built-in client and reads back the diagnostics. Skipped, with a message, where nvim is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN } from './client.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function nvimVersion(): string | null {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
  } catch {
    return null;
  }
}

const version = nvimVersion();
if (!version) process.stdout.write('nvim.test.ts: skipped: nvim is not installed (apt-get install neovim)\n');

describe.skipIf(!version)(`Neovim (${version ?? 'absent'})`, () => {
  it('shows the findings of testdata/lsp on parent.go, and clears them when the buffer is fixed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'goleash-nvim-'));
    try {
      cpSync(path.join(ROOT, 'testdata/lsp'), dir, { recursive: true });
      const out = path.join(dir, 'out.txt');
      const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${path.join(ROOT, 'src/lsp/nvim.test.lua')}`], {
        cwd: dir,
        env: { ...process.env, GOLEASH_NODE: process.execPath, GOLEASH_MAIN: MAIN, GOLEASH_ROOT: dir, GOLEASH_FILE: path.join(dir, 'parent.go'), GOLEASH_OUT: out },
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(readFileSync(out, 'utf8').split('\n')).toEqual([
        '8:1-8:17 severity=2 source=goleash code=ctx-done-missing goroutine running work receives ctx but never observes ctx.Done(); it can block at `ch <- 1` and leaks once ctx is cancelled',
        'cleared',
        '',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
