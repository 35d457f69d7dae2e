// Small helpers over the flat syntax tree, shared by the fact walk (facts.ts) and the IR builder (src/ir).
import type { FlatNode as Node } from './flat.js';

/** The func literals under `n` that no other literal under `n` encloses. */
export function outermostLiterals(n: Node): Node[] {
  const out: Node[] = [];
  const visit = (x: Node) => {
    for (const c of x.namedChildren) {
      if (!c) continue;
      if (c.type === 'func_literal') out.push(c);
      else visit(c);
    }
  };
  visit(n);
  return out;
}
