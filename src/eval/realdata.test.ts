import { describe, expect, it } from 'vitest';
import {
  findingsAt,
  mapLine,
  matchGoker,
  parseGoker,
  parseManifest,
  summarizeGoker,
  summarizeReal,
  type Finding,
} from './realdata.js';

const C1 = 'a'.repeat(40);
const C2 = 'b'.repeat(40);
const MANIFEST = [
  'repo\tcommit\tfix_commit\tpath\tline\trule\tlabel\tkind\tshape',
  `o/r\t${C1}\t${C2}\tx/a.go\t10\tabandoned-sender\tleak\tchannel\tsender abandoned on timeout`,
  `o/r\t${C1}\t${C2}\tx/b.go\t5\tno-stop-signal\tleak\tchannel\tloop without a stop channel`,
  `o/r\t${C1}\t\tx/a.go\t30\tnone\tclean\tchannel\tbuffered for its one send`,
  `o/r\t${C1}\t\tx/a.go\t40\tnone\tclean\tcontext\tselects on ctx.Done`,
].join('\n');

describe('eval:real manifest and matcher', () => {
  it('parses the manifest and rejects malformed rows', () => {
    const rows = parseManifest(MANIFEST);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ repo: 'o/r', line: 10, label: 'leak', fixCommit: C2 });
    expect(rows[2].fixCommit).toBe('');
    expect(() => parseManifest(MANIFEST.replace('\tleak\tchannel\tsender', '\tleaky\tchannel\tsender'))).toThrow(/label/);
    expect(() => parseManifest(MANIFEST.replace(`${C2}\tx/a.go`, `\tx/a.go`))).toThrow(/fix_commit/);
    expect(() => parseManifest('repo\tcommit\n1\t2\t3')).toThrow(/cells/);
  });

  it('matches a finding on the go line or with the go line among its related locations', () => {
    const findings: Finding[] = [
      { rule: 'ctx-done-missing', file: 'x/a.go', line: 10 },
      { rule: 'abandoned-sender', file: 'x/a.go', line: 44, related: [{ file: 'x/a.go', line: 40 }] },
      { rule: 'abandoned-sender', file: 'x/b.go', line: 40, related: [{ file: 'x/a.go', line: 5 }] },
    ];
    expect(findingsAt(findings, 'x/a.go', { from: 10, to: 10 }).map((f) => f.rule)).toEqual(['ctx-done-missing']);
    expect(findingsAt(findings, 'x/a.go', { from: 40, to: 40 }).map((f) => f.line)).toEqual([44]);
    // a related location in another file does not count for x/b.go:5
    expect(findingsAt(findings, 'x/b.go', { from: 5, to: 5 })).toEqual([]);
  });

  it('maps a line across a -U0 diff', () => {
    const diff = ['@@ -3,0 +4,2 @@', '+a', '+b', '@@ -8,2 +10 @@', '-c', '-d', '+e', '@@ -20 +20,0 @@', '-f'].join('\n');
    expect(mapLine(diff, 2)).toEqual({ from: 2, to: 2, changed: false });
    expect(mapLine(diff, 5)).toEqual({ from: 7, to: 7, changed: false });
    expect(mapLine(diff, 9)).toEqual({ from: 10, to: 10, changed: true });
    expect(mapLine(diff, 12)).toEqual({ from: 13, to: 13, changed: false });
    expect(mapLine(diff, 20)).toMatchObject({ changed: true, from: 21, to: 20 });
    expect(mapLine(diff, 25)).toEqual({ from: 25, to: 25, changed: false });
  });

  it('summarizes recall, gone-after-fix and precision', () => {
    const rows = parseManifest(MANIFEST);
    const { summary, text } = summarizeReal([
      { row: rows[0], atCommit: ['abandoned-sender'], atFix: [] },
      { row: rows[1], atCommit: [], atFix: [] },
      { row: rows[2], atCommit: ['abandoned-sender'] },
      { row: rows[3], atCommit: [] },
    ]);
    expect(summary).toMatchObject({ leakRows: 2, leakFixes: 1, found: 1, goneAfterFix: 1, cleanRows: 2, cleanFlagged: 1 });
    expect(text).toContain('Recall at the parent: 1/2');
    expect(text).toMatch(/abandoned-sender\s+1\s+1\s+50%/);
  });

  it('scores GoKer kernels, with line 0 rows matched by unclaimed findings', () => {
    const goker = parseGoker(
      [
        'kernel\tpath\tline\tlabel\tkind\tkernel_kind\tin_scope\tnote',
        'k_1\tk/1.go\t20\tleak\tchannel\tchannel\tyes\tsend abandoned',
        'k_1\tk/1.go\t30\tclean\tselect\tchannel\tyes\treturns on stop',
        'k_2\tk/2.go\t0\tleak\tchannel\tchannel\tyes\ttest goroutine blocks',
        'k_2\tk/2.go\t9\tclean\tchannel\tchannel\tyes\thelper',
        'k_3\tk/3.go\t7\tleak\tlock\tlock\tno\tdouble lock',
      ].join('\n'),
    );
    const res = matchGoker(goker, [
      { rule: 'abandoned-sender', file: 'k/1.go', line: 22, related: [{ file: 'k/1.go', line: 30 }] },
      { rule: 'ctx-done-missing', file: 'k/2.go', line: 15 },
    ]);
    expect(res.map((r) => r.matched.length)).toEqual([0, 1, 1, 0, 0]);
    const { summary, text } = summarizeGoker(res);
    expect(summary).toEqual({ kernels: 3, inScope: 2, lockOrCondOnly: 1, found: 1, falseAlarms: 1 });
    expect(text).toContain('Out of scope: 1 kernels (lock-only 1, cond-only 0)');
  });
});
