// Go's naming rules that the lexical analyses share: exported identifiers and the declared name of a function id.
import { describe, expect, it } from 'vitest';
import { declaredName, isExported } from './syntax.js';

describe('Go names', () => {
  it('tells exported identifiers by their first letter (Unicode upper case), as Go does', () => {
    expect(['Run', 'X', 'Ärger'].map(isExported)).toEqual([true, true, true]);
    expect(['run', '_Run', 'äpfel', '9'].map(isExported)).toEqual([false, false, false, false]);
  });
  it('reads the declared name of a function or method id, and none for a literal', () => {
    expect(declaredName('F:main')).toBe('main');
    expect(declaredName('M:feed.updates')).toBe('updates');
    expect(declaredName('L:12:3')).toBeUndefined();
  });
});
