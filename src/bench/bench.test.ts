// CI runs only a tiny smoke size of the benchmark: it must run end to end and report sane numbers.
import { describe, expect, it } from 'vitest';
import { runBench } from './bench.js';

describe('npm run bench (smoke)', () => {
  it('generates a corpus, measures parse and full runs, and finds the seeded leaks', async () => {
    const lines: string[] = [];
    const rows = await runBench(['--smoke'], (s) => lines.push(s));
    expect(rows.map((r) => r.files)).toEqual([20, 40]);
    for (const r of rows) {
      expect(r.parseMs).toBeGreaterThan(0);
      expect(r.full1Ms).toBeGreaterThan(0);
      expect(r.findings).toBeGreaterThan(0);
      expect(r.cold.parseMs).toBeGreaterThan(0);
      expect(r.cold.cli1Ms).toBeGreaterThan(0);
      expect(r.cold.cliNMs).toBeGreaterThan(0);
    }
    expect(rows[1]!.mb).toBeGreaterThan(rows[0]!.mb);
    expect(lines.join('\n')).toMatch(/peak RSS \d+ MB/);
    expect(lines.join('\n')).toMatch(/cold: a new process/);
  });
});
