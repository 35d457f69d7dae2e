import { describe, expect, it } from 'vitest';
import type { Finding } from './rules/types.js';
import { RULES } from './rules/index.js';
import { applySuppressions, parseDirectives } from './suppress.js';

function finding(line: number): Finding {
  const pos = { line, col: 2, bcol: 2 };
  return { ruleId: 'ctx-done-missing', level: 'warning', file: 'a.go', range: { start: pos, end: pos }, message: ['m'], related: [], semantic: { pkg: '', func: '', target: '' } };
}

const SRC = [
  'package a', //                                                   1
  '//goleash:ignore ctx-done-missing reviewed: closed by Stop', //   2 applies to line 3
  'go a()', //                                                       3
  'go b() //goleash:ignore ctx-done-missing', //                     4 no reason: does not suppress
  'go c() //nolint:goleash', //                                      5
  'go d() //goleash:ignore ctx-done-missing stale', //               6 nothing on this line
  'go e() //nolint:errcheck', //                                     7 another linter: ignored
  'x := 1 //goleash:ignore ctx-done-missing not alone', //           8 trailing: does not reach line 9
  'go f()', //                                                       9
].join('\n');

describe('suppressions', () => {
  it('suppresses on the line and the line above, and reports bad ones as notes', () => {
    const ds = parseDirectives('a.go', SRC);
    expect(ds.map((d) => [d.line, d.kind, d.rules.join(','), d.reason, d.ownLine])).toEqual([
      [2, 'goleash', 'ctx-done-missing', 'reviewed: closed by Stop', true],
      [4, 'goleash', 'ctx-done-missing', '', false],
      [5, 'nolint', '*', '', false],
      [6, 'goleash', 'ctx-done-missing', 'stale', false],
      [8, 'goleash', 'ctx-done-missing', 'not alone', false],
    ]);
    const { kept, suppressed } = applySuppressions([finding(3), finding(4), finding(5), finding(9)], ds, RULES);
    expect(suppressed.map((f) => f.range.start.line)).toEqual([3, 5]);
    expect(kept.map((f) => [f.ruleId, f.range.start.line, f.message.join('')])).toEqual([
      ['ctx-done-missing', 4, 'm'],
      ['ctx-done-missing', 9, 'm'],
      ['bad-suppression', 4, 'suppression comment gives no reason, so it does not suppress'],
      ['bad-suppression', 6, 'suppression comment matches no finding on this line or the next'],
      ['bad-suppression', 8, 'suppression comment matches no finding on this line or the next'],
    ]);
  });
});

describe('suppressions in the syntax of other linters, and rules that do not exist', () => {
  const src = [
    'package a', //                                                            1
    '//lint:ignore goleash reviewed: Stop closes jobs', //                     2 staticcheck syntax, all goleash rules
    'go a()', //                                                               3
    'go b() //lint:ignore SA1000,ctx-done-missing reviewed', //                4 a comma list with a goleash rule id
    'go c() //lint:ignore SA1000 not ours', //                                 5 staticcheck's own check: ignored
    'go d() //lint:ignore goleash', //                                         6 no reason: staticcheck requires one
    'go e() //nolint:all', //                                                  7 every linter, no reason needed
    'go f() //nolint:errcheck,goleash // reviewed', //                         8
    'go g() //goleash:ignore ctx-done-mising typo in the rule id', //          9 unknown rule: does not suppress
    'go h() //goleash:ignore all reviewed', //                                 10 all is not a rule id
    'go i() //goleash:ignore ctx-done-missing,no-such-rule reviewed', //       11 suppresses, and reports the unknown name
    'x := 1 //nolint:all', //                                                  12 unused, never reported
  ].join('\n');

  it('honours //lint:ignore and //nolint:all, and reports unknown rule names with a suggestion', () => {
    const ds = parseDirectives('a.go', src);
    expect(ds.map((d) => [d.line, d.kind, d.rules.join(','), d.reason])).toEqual([
      [2, 'lint', '*', 'reviewed: Stop closes jobs'],
      [4, 'lint', 'SA1000,ctx-done-missing', 'reviewed'],
      [5, 'lint', 'SA1000', 'not ours'],
      [6, 'lint', '*', ''],
      [7, 'nolint', '*', ''],
      [8, 'nolint', '*', 'reviewed'],
      [9, 'goleash', 'ctx-done-mising', 'typo in the rule id'],
      [10, 'goleash', 'all', 'reviewed'],
      [11, 'goleash', 'ctx-done-missing,no-such-rule', 'reviewed'],
      [12, 'nolint', '*', ''],
    ]);
    const { kept, suppressed } = applySuppressions([3, 4, 5, 6, 7, 8, 9, 10, 11].map(finding), ds, RULES);
    expect(suppressed.map((f) => f.range.start.line)).toEqual([3, 4, 7, 8, 11]);
    expect(kept.map((f) => [f.ruleId, f.range.start.line, f.range.start.col, f.message.join('')])).toEqual([
      ['ctx-done-missing', 5, 2, 'm'],
      ['ctx-done-missing', 6, 2, 'm'],
      ['ctx-done-missing', 9, 2, 'm'],
      ['ctx-done-missing', 10, 2, 'm'],
      ['bad-suppression', 6, 8, 'suppression comment gives no reason, so it does not suppress'],
      ['bad-suppression', 9, 8, 'suppression comment names an unknown rule ctx-done-mising (did you mean ctx-done-missing?)'],
      ['bad-suppression', 10, 8, 'suppression comment names all, which //goleash:ignore does not take: name the rules it silences'],
      ['bad-suppression', 11, 8, 'suppression comment names an unknown rule no-such-rule (goleash rules lists them)'],
    ]);
  });

  it('does not report a rule switched off in the config as unknown, nor a suppression of it as unused', () => {
    const ds = parseDirectives('a.go', 'package a\ngo a() //goleash:ignore unclosed-range reviewed\n');
    const enabled = RULES.filter((r) => r.meta.id !== 'unclosed-range');
    expect(applySuppressions([], ds, enabled, RULES).kept).toEqual([]);
  });
});
