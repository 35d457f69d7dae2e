// Leaves out, before parsing, the bodies of declared functions that the fact walk does not read (or, for a
// lazy body, not yet), so that the parser does not spend time on them. A lexical scan (comments, strings, raw
// strings, runes, bracket depth) finds each top-level `func` declaration and its body; a body that `plain`
// accepts is either replaced by spaces, keeping every line break, so every offset, line and column in the file
// stays where it was, or cut out (`{}`), with the cuts recorded so that the tree's offsets can be mapped back.
//
// What is lost is a syntax error inside a body left out, which could not change a finding.

/** Asked for every body found: the text of the signature (from `func` to the body's `{`), of the body, and
 * the offset of the body's `{`. */
export type PlainBody = (signature: string, body: string, open: number) => boolean;

const enum C {
  NL = 10,
  CR = 13,
  SPACE = 32,
  TAB = 9,
  QUOTE = 34,
  APOS = 39,
  BACKTICK = 96,
  SLASH = 47,
  STAR = 42,
  BACKSLASH = 92,
  LPAREN = 40,
  RPAREN = 41,
  LBRACK = 91,
  RBRACK = 93,
  LBRACE = 123,
  RBRACE = 125,
  SEMI = 59,
}

function isIdent(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 0x80;
}

/** Go inserts a semicolon at a line break after an identifier, a number or a closing bracket (and a literal). */
function endsStatement(c: number): boolean {
  return isIdent(c) || c === C.RPAREN || c === C.RBRACK || c === C.RBRACE;
}

/** A comment `s[from, end)` that spans lines counts as a line break. */
function spansLines(s: string, from: number, end: number): boolean {
  const nl = s.indexOf('\n', from);
  return nl >= 0 && nl < end;
}

/** Whether a comment or literal can start with this character (a cheap test before skipLiteral). */
export function opensLiteral(c: number): boolean {
  return c === C.SLASH || c === C.QUOTE || c === C.APOS || c === C.BACKTICK;
}

/** The index just past a comment or literal starting at `i`, or -1 when none starts there. Unterminated: end of text. */
export function skipLiteral(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === C.SLASH) {
    const d = s.charCodeAt(i + 1);
    if (d === C.SLASH) {
      const e = s.indexOf('\n', i + 2);
      return e < 0 ? s.length : e; // the line break itself is not part of the comment
    }
    if (d === C.STAR) {
      const e = s.indexOf('*/', i + 2);
      return e < 0 ? s.length : e + 2;
    }
    return -1;
  }
  if (c === C.BACKTICK) {
    const e = s.indexOf('`', i + 1);
    return e < 0 ? s.length : e + 1;
  }
  if (c === C.QUOTE || c === C.APOS) {
    for (let j = i + 1; j < s.length; j++) {
      const d = s.charCodeAt(j);
      if (d === C.BACKSLASH) j++;
      else if (d === c) return j + 1;
      else if (d === C.NL) return j; // unterminated: stop at the line end
    }
    return s.length;
  }
  return -1;
}

/**
 * Where the body of the declaration whose `func` keyword ends at `i` starts (its `{`), or -1 when it has none
 * (a declaration implemented in assembly) or the text is not understood.
 */
function findBody(s: string, i: number): number {
  let depth = 0;
  /** the last character that is not white space or part of a comment */
  let last = 0;
  // at depth 0, a line break after an identifier, a closing bracket or a literal ends the declaration (Go
  // inserts a semicolon there): it has no body; after `,` or an operator the signature goes on
  const endsHere = () => endsStatement(last) || last === C.QUOTE || last === C.BACKTICK;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    const lit = opensLiteral(c) ? skipLiteral(s, j) : -1;
    if (lit >= 0) {
      if (c === C.SLASH) {
        // a comment is white space, and one that spans lines is a line break
        if (depth === 0 && spansLines(s, j, lit) && endsHere()) return -1;
      } else last = c;
      j = lit - 1;
      continue;
    }
    if (c === C.SPACE || c === C.TAB || c === C.CR) continue;
    if (c === C.NL || c === C.SEMI) {
      if (depth === 0 && (c === C.SEMI || endsHere())) return -1;
      continue;
    }
    if (c === C.LPAREN || c === C.LBRACK) depth++;
    else if (c === C.RPAREN || c === C.RBRACK) {
      if (--depth < 0) return -1;
    } else if (c === C.LBRACE) {
      if (depth === 0) {
        // `struct{` and `interface{` open a type in the signature; any other `{` here opens the body
        const word = s.slice(Math.max(0, j - 12), j).trimEnd();
        if (!/(?:^|[^\w])(struct|interface)$/.test(word)) return j;
      }
      depth++;
    } else if (c === C.RBRACE) {
      if (--depth < 0) return -1;
    }
    last = c;
  }
  return -1;
}

/** The index of the `}` that closes the block opened at `open`, or -1. */
function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (opensLiteral(c)) {
      const lit = skipLiteral(s, j);
      if (lit >= 0) {
        j = lit - 1;
        continue;
      }
    }
    if (c === C.LBRACE) depth++;
    else if (c === C.RBRACE && --depth === 0) return j;
  }
  return -1;
}

/** `s[from, to)` with every character but line breaks replaced by a space. */
function blankRange(s: string, from: number, to: number): string {
  return s
    .slice(from, to)
    .split('\n')
    .map((line) => ' '.repeat(line.length))
    .join('\n');
}

/**
 * Where a text was shortened by cutting out the insides of bodies: the text from `at[i]` on (in the shortened
 * text) stood `shift[i]` code units further in the original. `at` ascends.
 */
export interface Cuts {
  at: number[];
  shift: number[];
}

/** The offset in the original text of offset `c` of a text shortened by `cuts`. */
export function originalOffset(cuts: Cuts, c: number): number {
  const { at, shift } = cuts;
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! <= c) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? c : c + shift[lo - 1]!;
}

/**
 * `src` with the bodies of top-level function and method declarations that `plain` accepts blanked, or `src`
 * itself when nothing was blanked. Only the text between a body's braces changes. With `cuts`, a body's
 * insides are cut out instead (`{}`: the parser need not even skip white space), and where is recorded.
 */
export function blankPlainBodies(src: string, plain: PlainBody, cuts?: Cuts): string {
  const parts: string[] = [];
  let copied = 0;
  /** code units cut out so far */
  let removed = 0;
  let depth = 0;
  // Go ends a statement at a line break after an identifier, a literal or a closing bracket: a `func` at
  // depth 0 after such a break (or after `;`, or at the start) begins a declaration; after `=` it is a literal
  let ended = true;
  let broke = true;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === C.NL || c === C.SEMI) {
      broke = true;
      if (c === C.SEMI) ended = true;
      continue;
    }
    if (c === C.SPACE || c === C.TAB || c === C.CR) continue;
    const lit = opensLiteral(c) ? skipLiteral(src, i) : -1;
    if (lit >= 0) {
      if (c !== C.SLASH) {
        ended = true;
        broke = false;
      } else if (spansLines(src, i, lit)) broke = true;
      i = lit - 1;
      continue;
    }
    if (
      depth === 0 && ended && broke && c === 102 /* f */ && src.startsWith('func', i) && !isIdent(src.charCodeAt(i + 4))
    ) {
      const open = findBody(src, i + 4);
      const close = open >= 0 ? matchBrace(src, open) : -1;
      if (close > open) {
        if (close - open > 2 && plain(src.slice(i, open), src.slice(open, close + 1), open)) {
          if (cuts) {
            parts.push(src.slice(copied, open + 1));
            cuts.at.push(open + 1 - removed);
            removed += close - open - 1;
            cuts.shift.push(removed);
          } else parts.push(src.slice(copied, open + 1), blankRange(src, open + 1, close));
          copied = close;
        }
        i = close;
        ended = true;
        broke = false;
        continue;
      }
    }
    if (c === C.LPAREN || c === C.LBRACK || c === C.LBRACE) depth++;
    else if (c === C.RPAREN || c === C.RBRACK || c === C.RBRACE) depth = Math.max(0, depth - 1);
    if (isIdent(c)) {
      // the rest of the identifier or number
      while (i + 1 < src.length && isIdent(src.charCodeAt(i + 1))) i++;
      ended = true;
    } else ended = endsStatement(c);
    broke = false;
  }
  if (copied === 0) return src;
  parts.push(src.slice(copied));
  return parts.join('');
}
