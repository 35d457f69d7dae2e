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
