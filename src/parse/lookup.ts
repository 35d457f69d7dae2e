// Lookups into a file's functions that the analyses make again and again: by id, and the function around a
// position. A scan of `file.funcs` per question costs time quadratic in the size of a file (one of 13,000 functions
// asks a few per function); these indices answer in constant or logarithmic time. They are kept per `funcs` array
// and follow its changes: a body filled in later replaces its fact in place (same id, same place) and appends the
// literals found in it, so an index is rebuilt when the array has grown.
import type { FileFacts, FuncFact } from './types.js';

interface ById {
  n: number;
  at: Map<string, number>;
}

const byId = new WeakMap<FuncFact[], ById>();

function idIndex(funcs: FuncFact[]): ById {
  let e = byId.get(funcs);
  if (e && e.n === funcs.length) return e;
  const at = new Map<string, number>();
  for (let i = 0; i < funcs.length; i++) if (!at.has(funcs[i]!.id)) at.set(funcs[i]!.id, i);
  e = { n: funcs.length, at };
  byId.set(funcs, e);
  return e;
}

/** The function `id` of `file` (the first one of that id, as `file.funcs.find` would answer). */
export function funcFact(file: FileFacts, id: string): FuncFact | undefined {
  const funcs = file.funcs;
  const i = idIndex(funcs).at.get(id);
  const f = i === undefined ? undefined : funcs[i];
  return f && f.id === id ? f : funcs.find((x) => x.id === id);
}

interface ByPlace {
  n: number;
  /** indices into funcs by start (line, col) ascending, end descending: an enclosing function before what it holds */
  order: number[];
  /** for each position in `order`, the position of the nearest function before it that contains it, or -1 */
  up: Int32Array;
}

const byPlace = new WeakMap<FuncFact[], ByPlace>();

type P = { line: number; col: number };
const cmp = (a: P, b: P) => (a.line !== b.line ? a.line - b.line : a.col - b.col);

function placeIndex(funcs: FuncFact[]): ByPlace {
  let e = byPlace.get(funcs);
  if (e && e.n === funcs.length) return e;
  const order = funcs.map((_, i) => i);
  order.sort((a, b) => cmp(funcs[a]!.range.start, funcs[b]!.range.start) || cmp(funcs[b]!.range.end, funcs[a]!.range.end) || a - b);
  const up = new Int32Array(order.length);
  const stack: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const f = funcs[order[k]!]!;
    while (stack.length > 0 && cmp(funcs[order[stack[stack.length - 1]!]!]!.range.end, f.range.end) < 0) stack.pop();
    up[k] = stack.length > 0 ? stack[stack.length - 1]! : -1;
    stack.push(k);
  }
  e = { n: funcs.length, order, up };
  byPlace.set(funcs, e);
  return e;
}

const contains = (f: FuncFact, p: P) => cmp(f.range.start, p) <= 0 && cmp(p, f.range.end) <= 0;

/** The functions of `file` whose range holds position (line, col), innermost first. */
export function funcsAround(file: FileFacts, line: number, col: number): FuncFact[] {
  const funcs = file.funcs;
  const { order, up } = placeIndex(funcs);
  const p = { line, col };
  // the last function that starts at or before p
  let lo = 0;
  let hi = order.length - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(funcs[order[mid]!]!.range.start, p) <= 0) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const out: FuncFact[] = [];
  for (; k >= 0; k = up[k]!) {
    const f = funcs[order[k]!]!;
    if (contains(f, p)) out.push(f);
  }
  return out;
}

/** The innermost function of `file` around (line, col): of those holding it the one that starts last, the first in
 * `file.funcs` of a tie (as a scan of the array keeping the first best would answer). */
export function innermostAt(file: FileFacts, line: number, col: number): FuncFact | undefined {
  return pick(file, funcsAround(file, line, col), 0);
}

/** The outermost function of `file` around (line, col): the one that starts first, the first of a tie. */
export function outermostAt(file: FileFacts, line: number, col: number): FuncFact | undefined {
  const around = funcsAround(file, line, col);
  return pick(file, around, around.length - 1);
}

function pick(file: FileFacts, around: FuncFact[], at: number): FuncFact | undefined {
  const f = around[at];
  if (!f) return undefined;
  const ties = around.filter((g) => cmp(g.range.start, f.range.start) === 0);
  if (ties.length === 1) return f;
  return file.funcs.find((g) => ties.includes(g));
}
