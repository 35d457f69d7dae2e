// bad-suppression on its example file (the one its docs quote): the exact notes, line, column and message, and the
// findings they leave in place. The same lines carry `// want` markers that the corpus test checks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { plainMessage } from '../types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('bad-suppression', () => {
  it('reports exactly these notes on testdata/suppress/suppress.go, and suppresses the rest', async () => {
    const r = await analyze({ paths: ['testdata/suppress/suppress.go'], cwd: ROOT, root: ROOT });
    const at = (f: (typeof r.findings)[number]) => `${f.file}:${f.range.start.line}:${f.range.start.bcol}: ${plainMessage(f.message)} [${f.ruleId}]`;
    expect(r.findings.filter((f) => f.ruleId === 'bad-suppression').map(at)).toEqual([
      'testdata/suppress/suppress.go:31:23: suppression comment names an unknown rule ctx-done-mising (did you mean ctx-done-missing?) [bad-suppression]',
      'testdata/suppress/suppress.go:32:23: suppression comment names all, which //goleash:ignore does not take: name the rules it silences [bad-suppression]',
      'testdata/suppress/suppress.go:33:23: suppression comment matches no finding on this line or the next [bad-suppression]',
    ]);
    expect(r.findings.filter((f) => f.ruleId !== 'bad-suppression').map((f) => f.range.start.line)).toEqual([17, 31, 32]);
    expect(r.suppressed.map((f) => f.range.start.line)).toEqual([14, 15, 16, 23, 24, 25, 26]);
  });
});
