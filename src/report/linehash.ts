// GitHub's primaryLocationLineHash (github/codeql-action src/fingerprints.ts), reimplemented:
// a rolling hash (base 37, mod 2^64) over the next 100 non-blank characters from the start of each line.
// Returns the hash string of every line of `text` (index 0 = line 1).
const BLOCK = 100;
const MASK = (1n << 64n) - 1n;
const BASE = 37n;
const FIRST_MOD = (() => {
  let m = 1n;
  for (let i = 0; i < BLOCK; i++) m = (m * BASE) & MASK;
  return m;
})();
const EOF = 65535;

export function lineHashes(text: string): string[] {
  const out: string[] = [];
  const window = new Array<number>(BLOCK).fill(0);
  const lineNumbers = new Array<number>(BLOCK).fill(-1);
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
    hash = (hash * BASE + BigInt(c) - FIRST_MOD * BigInt(begin)) & MASK;
    index = (index + 1) % BLOCK;
  };
  const processChar = (c: number) => {
    if (c === 32 || c === 9 || (prevCR && c === 10)) {
      prevCR = false;
      return;
    }
    if (c === 13) {
      c = 10;
      prevCR = true;
    } else {
      prevCR = false;
    }
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
  processChar(EOF);
  for (let i = 0; i < BLOCK; i++) {
    if (lineNumbers[index] !== -1) outputHash();
    update(0);
  }
  return out;
}
