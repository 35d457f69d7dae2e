import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
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
  it('equals a BigInt transcription of the algorithm on every corpus file, CRLF and odd characters included', () => {
    const root = path.resolve(fileURLToPath(import.meta.url), '../../../testdata');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.go'));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const text = readFileSync(path.join(root, f), 'utf8');
      expect(lineHashes(text), f).toEqual(reference(text));
      const odd = text.replace(/\n/g, '\r\n').replace(/e/g, '\u00e9').replace(/x/g, '\uffff');
      expect(lineHashes(odd), f).toEqual(reference(odd));
    }
  });
});

/** The algorithm of github/codeql-action's fingerprints.ts, as directly as JavaScript says it. */
function reference(text: string): string[] {
  const MASK = (1n << 64n) - 1n;
  let firstMod = 1n;
  for (let i = 0; i < 100; i++) firstMod = (firstMod * 37n) & MASK;
  const out: string[] = [];
  const window = new Array<number>(100).fill(0);
  const lineNumbers = new Array<number>(100).fill(-1);
  const counts = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;
  const outputHash = () => {
    const hex = hash.toString(16);
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    out[lineNumbers[index]! - 1] = `${hex}:${n}`;
    lineNumbers[index] = -1;
  };
  const update = (c: number) => {
    const begin = window[index]!;
    window[index] = c;
    hash = (hash * 37n + BigInt(c) - firstMod * BigInt(begin)) & MASK;
    index = (index + 1) % 100;
  };
  const processChar = (c: number) => {
    if (c === 32 || c === 9 || (prevCR && c === 10)) {
      prevCR = false;
      return;
    }
    prevCR = c === 13;
    if (c === 13) c = 10;
    if (lineNumbers[index] !== -1) outputHash();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (c === 10) lineStart = true;
    update(c);
  };
  for (let i = 0; i < text.length; i++) processChar(text.charCodeAt(i));
  processChar(65535);
  for (let i = 0; i < 100; i++) {
    if (lineNumbers[index] !== -1) outputHash();
    update(0);
  }
  return out;
}
