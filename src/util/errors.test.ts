import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorWords, isSystemError } from './errors.js';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('errorWords', () => {
  it('says a system error in words, never as its code', () => {
    const e = thrown(() => readFileSync('/no/such/file'));
    expect(isSystemError(e)).toBe(true);
    expect(errorWords(e)).toBe('no such file or directory');
    expect(errorWords(Object.assign(new Error('x'), { code: 'EACCES', errno: -13, syscall: 'open' }))).toBe('permission denied');
    expect(errorWords(Object.assign(new Error('x'), { code: 'ELOOP', errno: -40, syscall: 'stat' }))).toBe('symbolic link loop');
    // codes without a wording of our own get libuv's
    expect(errorWords(Object.assign(new Error('x'), { code: 'EXDEV', errno: -18, syscall: 'rename' }))).toBe('cross-device link not permitted');
  });

  it("keeps a parser's message (its code is not a system error)", () => {
    const e = Object.assign(new Error('Flow sequence must end with a ]\nmore'), { code: 'BAD_INDENT' });
    expect(isSystemError(e)).toBe(false);
    expect(errorWords(e)).toBe('Flow sequence must end with a ]');
  });
});
