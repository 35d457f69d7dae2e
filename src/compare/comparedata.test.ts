import { describe, expect, it } from 'vitest';
import { parseGoker, parseManifest } from '../eval/realdata.js';
import { parseGoroutines } from '../oracle/profile.js';
import { goWindow, goleakAsProfile, goroutineFindings, matchKernels, matchRows, parseGolangci, parseSarif, parseTime, relPath, table } from './comparedata.js';

const SRC = ['package p', '', 'func a() {', '\tgo func() {', '\t\tch <- 1', '\t}()', '}', '', 'func (s *S) b() {', '\tgo s.loop()', '}'].join('\n');

describe('goWindow', () => {
  it('runs from the go line to the line before the next top-level func', () => {
    expect(goWindow(SRC, 4)).toEqual({ from: 4, to: 8 });
  });
  it('runs to the end of the file after the last func, and methods count as funcs', () => {
    expect(goWindow(SRC, 10)).toEqual({ from: 10, to: 11 });
    expect(goWindow(SRC, 2)).toEqual({ from: 2, to: 2 });
  });
});

describe('peer output', () => {
  it('reads gosec SARIF with relative and file:// uris', () => {
    const doc = {
      runs: [
        {
          results: [
            { ruleId: 'G118', locations: [{ physicalLocation: { artifactLocation: { uri: 'pkg/a.go' }, region: { startLine: 5 } } }] },
            { ruleId: 'G118', locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///t/mod/pkg/b.go' }, region: { startLine: 7 } } }] },
            { ruleId: 'G118', locations: [] },
          ],
        },
      ],
    };
    expect(parseSarif(doc, '/t', 'mod')).toEqual([
      { rule: 'G118', file: 'mod/pkg/a.go', line: 5 },
      { rule: 'G118', file: 'mod/pkg/b.go', line: 7 },
    ]);
  });
  it('reads golangci-lint JSON, names lostcancel and sets typecheck apart', () => {
    const doc = {
      Issues: [
        { FromLinter: 'govet', Text: 'lostcancel: the cancel function is not used on all paths', Pos: { Filename: 'a.go', Line: 3 } },
        { FromLinter: 'noctx', Text: 'should rewrite http.NewRequestWithContext', Pos: { Filename: '/t/b.go', Line: 9 } },
        { FromLinter: 'typecheck', Text: 'undefined: x', Pos: { Filename: 'c.go', Line: 1 } },
      ],
    };
    expect(parseGolangci(doc, '/t')).toEqual({
      findings: [
        { rule: 'govet/lostcancel', file: 'a.go', line: 3 },
        { rule: 'noctx', file: 'b.go', line: 9 },
      ],
      buildErrors: 1,
    });
    expect(parseGolangci({ Issues: null }, '/t')).toEqual({ findings: [], buildErrors: 0 });
  });
  it('reads /usr/bin/time -f "%e %M" and paths', () => {
    expect(parseTime('some noise\n12.34 56789\n')).toEqual({ seconds: 12.34, maxRssKb: 56789 });
    expect(parseTime('Command exited with non-zero status 1\n0.50 1000')).toEqual({ seconds: 0.5, maxRssKb: 1000 });
    expect(parseTime('')).toBeUndefined();
    expect(relPath('file:///t/x/y.go', '/t/')).toBe('x/y.go');
  });
});

const PROFILE = `goroutine 7 gp=0xc000 m=nil [chan send (leaked)]:
main.worker()
	/t/k/a_test.go:20 +0x1d
created by k.TestK in goroutine 6
	/t/k/a_test.go:14 +0x25

goroutine 6 gp=0xc001 m=nil [chan receive (leaked)]:
k.TestK(0xc0001)
	/t/k/a_test.go:16 +0x3c
testing.tRunner(0xc0001, 0x1)
	/usr/local/go/src/testing/testing.go:1934 +0xea
created by testing.(*T).Run in goroutine 1
	/usr/local/go/src/testing/testing.go:1997 +0x465

goroutine 5 gp=0xc002 m=nil [chan receive (leaked)]:
k.TestMain.func1()
	/t/k/zz_gen_test.go:9 +0x3c
created by k.TestMain in goroutine 1
	/t/k/zz_gen_test.go:9 +0x25
`;

describe('goroutines as findings', () => {
  it('puts a goroutine on its go statement, the test goroutine on its frame, and drops the generated file', () => {
    expect(goroutineFindings(parseGoroutines(PROFILE), '/t', 'runtime', 'zz_gen_test.go')).toEqual([
      { rule: 'runtime', file: 'k/a_test.go', line: 14 },
      { rule: 'runtime', file: 'k/a_test.go', line: 16 },
    ]);
  });
});

describe('goleak', () => {
  it('reads goleak\'s report as goroutines', () => {
    const text = [
      'found unexpected goroutines:',
      '[Goroutine 6 in state chan receive, with k.(*R).b.func1 on top of the stack:',
      'k.(*R).b.func1()',
      '\t/t/k/a_test.go:62 +0x37',
      'created by k.(*R).b in goroutine 25',
      '\t/t/k/a_test.go:60 +0x107',
      ' Goroutine 5 in state select, with k.T on top of the stack:',
      'k.T(0x1)',
      '\t/t/k/a_test.go:20 +0x37',
      'created by testing.(*T).Run in goroutine 1',
      '\t/usr/local/go/src/testing/testing.go:2101 +0x4c5]',
    ].join('\n');
    const gs = parseGoroutines(goleakAsProfile(text));
    expect(gs.map((g) => [g.id, g.state, g.createdBy?.line])).toEqual([
      [6, 'chan receive', 60],
      [5, 'select', 2101],
    ]);
    expect(goroutineFindings(gs, '/t', 'goleak', 'zz.go')).toEqual([
      { rule: 'goleak', file: 'k/a_test.go', line: 60 },
      { rule: 'goleak', file: 'k/a_test.go', line: 20 },
    ]);
  });
});

describe('matching', () => {
  const goker = parseGoker(
    [
      'kernel\tpath\tline\tlabel\tkind\tkernel_kind\tin_scope\tnote',
      'k1\tk/a_test.go\t14\tleak\tchannel\tchannel\tyes\tx',
      'k1\tk/a_test.go\t30\tclean\tchannel\tchannel\tyes\tx',
      'k2\tk2/b_test.go\t0\tleak\ttest\tchannel\tyes\tx',
      'k2\tk2/b_test.go\t8\tclean\tchannel\tchannel\tyes\tx',
      'k3\tk3/c_test.go\t5\tleak\tlock\tlock\tno\tx',
    ].join('\n'),
  );
  it('finds a kernel on its leak row, a line-0 kernel outside every go window, and counts clean hits', () => {
    const targets = [
      { path: 'k/a_test.go', line: 14, to: 20 },
      { path: 'k/a_test.go', line: 30, to: 35 },
      { path: 'k2/b_test.go', line: 0, to: 0 },
      { path: 'k2/b_test.go', line: 8, to: 12 },
      { path: 'k3/c_test.go', line: 5, to: 5 },
    ];
    expect(matchKernels(goker, targets, [{ rule: 'r', file: 'k/a_test.go', line: 18 }])).toEqual({ found: 1, inScope: 2, alarms: 0, cleanRows: 2, outOfScopeHit: 0 });
    expect(matchKernels(goker, targets, [{ rule: 'r', file: 'k2/b_test.go', line: 10 }])).toEqual({ found: 0, inScope: 2, alarms: 1, cleanRows: 2, outOfScopeHit: 0 });
    expect(matchKernels(goker, targets, [{ rule: 'r', file: 'k2/b_test.go', line: 20 }, { rule: 'r', file: 'k3/c_test.go', line: 5 }])).toEqual({ found: 1, inScope: 2, alarms: 0, cleanRows: 2, outOfScopeHit: 1 });
  });
  it('counts manifest rows hit within their windows', () => {
    const c = 'a'.repeat(40);
    const rows = parseManifest(
      ['repo\tcommit\tfix_commit\tpath\tline\trule\tlabel\tkind\tshape', `o/r\t${c}\t${c}\tx.go\t10\tabandoned-sender\tleak\tchannel\ts`, `o/r\t${c}\t\tx.go\t40\tabandoned-sender\tclean\tchannel\ts`].join('\n'),
    );
    const targets = [
      { path: 'x.go', line: 10, to: 20 },
      { path: 'x.go', line: 40, to: 50 },
    ];
    expect(matchRows(rows, targets, [{ rule: 'r', file: 'x.go', line: 21 }])).toEqual({ leak: 0, clean: 0, leakRows: 1, cleanRows: 1 });
    expect(matchRows(rows, targets, [{ rule: 'r', file: 'x.go', line: 20 }, { rule: 'r', file: 'x.go', line: 40 }])).toEqual({ leak: 1, clean: 1, leakRows: 1, cleanRows: 1 });
  });
  it('prints a markdown table', () => {
    const t = table([{ tool: 'goleash', version: '0.1.0', analyzed: '1/1 trees', findings: 2, realLeaks: '1/2', realClean: '0/3', goker: '1/4', gokerClean: '0/5', seconds: 1.4, peakMb: 100.2 }]);
    expect(t.split('\n')[2]).toBe('| goleash | 0.1.0 | 1/1 trees | 2 | 1/2 | 0/3 | 1/4 | 0/5 | 1 | 100 |');
  });
});
