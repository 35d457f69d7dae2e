// Shared autofix: wrap a bare send or receive statement in a select that also waits for ctx.Done().
import type { FuncEntry } from '../index/program.js';
import type { BlockFact } from '../parse/types.js';
import type { Fix } from './types.js';

/**
 * `ch <- v` becomes `select { case ch <- v: case <-ctx.Done(): return }`, laid out with tabs like gofmt.
 * Only for a one-line statement in a function that returns nothing, with a ctx expression valid there.
 */
export function wrapInSelect(fn: FuncEntry, b: BlockFact, ctxExpr: string): Fix | undefined {
  if (!b.stmt || (b.kind !== 'send' && b.kind !== 'recv')) return undefined;
  if (fn.fact.results.length > 0) return undefined;
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(ctxExpr)) return undefined;
  const { src, indent } = b.stmt;
  const text = [
    'select {',
    `${indent}case ${src}:`,
    `${indent}case <-${ctxExpr}.Done():`,
    `${indent}\treturn`,
    `${indent}}`,
  ].join('\n');
  const start = b.range.start;
  return {
    description: `wrap ${src} in a select that returns when ${ctxExpr} is cancelled`,
    edits: [
      {
        file: fn.file.path,
        range: { start, end: { line: start.line, col: start.col + src.length, bcol: start.bcol + Buffer.byteLength(src) } },
        text,
      },
    ],
  };
}
