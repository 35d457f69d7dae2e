// selectorReads: the lower-case selector names a file reads, skipping comments, strings and assignment targets.
import { describe, expect, it } from 'vitest';
import { selectorReads } from './selectors.js';

describe('selectorReads', () => {
  it('lists fields and methods read, not those only assigned, and nothing from comments or strings', () => {
    const src = [
      'package p',
      'func (s *S) f() {',
      '\ts.ctx, s.cancel = context.WithCancel(s.parent)',
      '\ts.stop = nil',
      '\tif s.done == nil { s.run() }',
      '\t// s.quit()',
      '\tfmt.Println("s.abort()", `s.kill`, s.Exported)',
      '}',
    ].join('\n');
    expect(selectorReads(src)).toEqual(['ctx', 'done', 'parent', 'run']);
  });
});
