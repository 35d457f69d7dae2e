// GitHub's primaryLocationLineHash (github/codeql-action src/fingerprints.ts), reimplemented:
// a rolling hash (base 37, mod 2^64) over the next 100 non-blank characters from the start of each line.
// Returns the hash string of every line of `text` (index 0 = line 1).
// The 64-bit hash is kept as two 32-bit halves in plain numbers (BigInt per character was most of the cost
// of reporting many findings).
const BLOCK = 100;
const TWO32 = 4294967296;
const BASE = 37;
/** BASE^BLOCK mod 2^64, as [high, low] halves */
const [FIRST_MOD_HI, FIRST_MOD_LO] = (() => {
  let hi = 0;
  let lo = 1;
  for (let i = 0; i < BLOCK; i++) {
    const l = lo * BASE;
    hi = (hi * BASE + Math.floor(l / TWO32)) >>> 0;
    lo = l >>> 0;
  }
  return [hi, lo];
})();
const EOF = 65535;

export function lineHashes(text: string): string[] {
  const out: string[] = [];
  const window = new Array<number>(BLOCK).fill(0);
  const lineNumbers = new Array<number>(BLOCK).fill(-1);
  const counts = new Map<string, number>();
  let hi = 0;
  let lo = 0;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const outputHash = () => {
    const hex = hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    out[lineNumbers[index]! - 1] = `${hex}:${n}`;
    lineNumbers[index] = -1;
  };
  const update = (c: number) => {
    const begin = window[index]!;
    window[index] = c;
    // hash = hash * BASE + c - BASE^BLOCK * begin (mod 2^64); every product stays below 2^53
    const l = lo * BASE + c;
    const h = hi * BASE + Math.floor(l / TWO32);
    const dl = FIRST_MOD_LO * begin;
    const dh = FIRST_MOD_HI * begin + Math.floor(dl / TWO32);
    const nl = (l >>> 0) - (dl >>> 0);
    lo = nl < 0 ? nl + TWO32 : nl;
    hi = ((h >>> 0) - (dh >>> 0) - (nl < 0 ? 1 : 0)) >>> 0;
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
