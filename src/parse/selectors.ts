// Which unexported fields and methods a file reads: every `x.name` with a lower-case name in the code (comments,
// strings and runes skipped) that is not the target of an assignment (`x.name = v`). An unexported field can be
// used only by its own package, so the union over a package's files says whether anything there ever reads a
// field again after storing into it (a cancel function kept in `s.cancel` that no code calls or hands on).
// Lexical and over the whole text, so bodies the parser never sees (see blank.ts) count too; a name met in an
// unrelated selector only makes the answer "read", which keeps findings on the side of silence.
import { opensLiteral, skipLiteral } from './blank.js';

function identStart(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 95;
}

function identPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 0x80;
}

function space(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** The sorted lower-case selector names the text reads (see above). */
export function selectorReads(src: string): string[] {
  const out = new Set<string>();
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const c = src.charCodeAt(i);
    if (opensLiteral(c)) {
      const e = skipLiteral(src, i);
      if (e >= 0) {
        i = e - 1;
        continue;
      }
    }
    if (c !== 46 /* . */ || !identStart(src.charCodeAt(i + 1))) continue;
    let j = i + 1;
    while (j < n && identPart(src.charCodeAt(j))) j++;
    const name = src.slice(i + 1, j);
    let k = j;
    while (k < n && space(src.charCodeAt(k))) k++;
    // `x.name = v` stores; `x.name == v` reads
    const assigned = src.charCodeAt(k) === 61 /* = */ && src.charCodeAt(k + 1) !== 61;
    if (!assigned) out.add(name);
    i = j - 1;
  }
  return [...out].sort();
}
