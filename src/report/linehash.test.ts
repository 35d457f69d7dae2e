import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineHashes } from './linehash.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../testdata/sarif/primary-location-line-hash-vectors.json', import.meta.url), 'utf8'),
) as { vectors: { text: string; expected: string[] }[] };

describe('primaryLocationLineHash', () => {
  it.each(vectors.vectors.map((v, i) => [i, v] as const))('matches vector %i', (_i, v) => {
    expect(lineHashes(v.text)).toEqual(v.expected);
  });
  it('is unchanged by indentation and CRLF line ends', () => {
    const lf = lineHashes('package a\n\nfunc f() {\n\tgo g()\n}\n');
    const crlf = lineHashes('package a\r\n\r\n  func f() {\r\n    go g()\r\n}\r\n');
    expect(crlf).toEqual(lf);
  });
  it('hashes a BOM and non-ASCII text as UTF-16 code units, last line without newline', () => {
    const h = lineHashes('\uFEFFpackage é\n// 😀\ngo f()');
    expect(h).toHaveLength(3);
    for (const x of h) expect(x).toMatch(/^[0-9a-f]+:1$/);
  });
});
