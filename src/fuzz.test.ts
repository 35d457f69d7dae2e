// A short seeded fuzz round (120 mutated files; `npm run fuzz -- --iterations N` runs longer) on every test run, plus a CLI exit-code check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fuzz, mutate } from './fuzz.js';
import { sarifErrors } from './test/sarif-validate.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');

describe('fuzz', () => {
  it('never throws and always writes valid SARIF on mutated testdata (seeded)', async () => {
    const failures = await fuzz(120, 20261125, sarifErrors);
    expect(failures).toEqual([]);
  });

  it('exits 0 or 1 from the CLI on mutated files', () => {
    let seed = 7;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const inputs = [Buffer.from('package a\n\nimport "context"\n\nfunc F(ctx context.Context, c chan int) {\n\tgo func() { c <- 1; _ = ctx }()\n}\n')];
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(path.join(tmpdir(), 'goleash-fz-'));
      writeFileSync(path.join(dir, 'a.go'), mutate(inputs, r).data);
      const out = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), '--format', 'sarif'], { cwd: dir, encoding: 'utf8' });
      expect([0, 1]).toContain(out.status);
      expect(sarifErrors(JSON.parse(out.stdout))).toEqual([]);
    }
  });
});
