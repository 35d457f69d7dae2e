// Shared autofix: wrap a bare send or receive statement in a select that also waits for ctx.Done(), in a way
// that keeps everything the goroutine does after the operation.
import type { FuncEntry } from '../index/program.js';
import type { BlockFact } from '../parse/types.js';
import type { Fix } from '../rules/types.js';

/**
 * `ch <- v` becomes a select on the operation and `<-ctx.Done()`, laid out with tabs like gofmt. What the Done
 * case does depends on what the function runs after the operation (BlockFact.then, computed by the parser):
 * - nothing (the operation is the last thing it does on every path, in a function that returns nothing): the
 *   case returns, which runs the same deferred calls the end of the function would;
 * - only statements that need nothing from the operation (`close(ch)`, `wg.Done()`, `mu.Unlock()`) and then the
 *   end or a return: the case is empty, so control falls through to those statements, which still run;
 * - anything else, or a loop around the operation: no fix (goleash cannot show that running the rest without
 *   the operation keeps the behaviour, nor that returning without it does).
 * Only for a one-line statement and a ctx expression that is a plain name or selector.
 */
export function wrapInSelect(fn: FuncEntry, b: BlockFact, ctxExpr: string | undefined): Fix | undefined {
  if (!b.stmt || (b.kind !== 'send' && b.kind !== 'recv') || !b.then || !ctxExpr) return undefined;
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(ctxExpr)) return undefined;
  const returns = b.then === 'none' && fn.fact.results.length === 0;
  const { src, indent } = b.stmt;
  const text = ['select {', `${indent}case ${src}:`, `${indent}case <-${ctxExpr}.Done():`, ...(returns ? [`${indent}\treturn`] : []), `${indent}}`].join('\n');
  const start = b.range.start;
  return {
    description: returns
      ? `wrap ${src} in a select that returns when ${ctxExpr} is cancelled (nothing follows it)`
      : `wrap ${src} in a select that goes on to the statements after it when ${ctxExpr} is cancelled`,
    edits: [
      {
        file: fn.file.path,
        range: { start, end: { line: start.line, col: start.col + src.length, bcol: start.bcol + Buffer.byteLength(src) } },
        text,
      },
    ],
  };
}
