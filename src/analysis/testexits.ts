// Calls that stop or fail a test through a struct field the IR cannot type by itself (`ht.t.Fatalf(...)` where
// ht's type holds a *testing.T in field t, declared in another file): the module index knows the field's type,
// and the API table what the method does. A shared analysis: plain data out (block ids), no verdicts.
import type { Program } from '../index/program.js';
import type { FuncIR } from '../ir/types.js';
import type { FileFacts } from '../parse/types.js';
import { apiEffect } from '../api/table.js';

/** The blocks of `fn` whose calls stop the test or the goroutine (`end`), or fail the test and go on (`fail`),
 * through a method called on a struct field's value. */
export function fieldCallExits(file: FileFacts, fn: FuncIR, program: Program): Map<number, 'end' | 'fail'> {
  const out = new Map<number, 'end' | 'fail'>();
  fn.blocks.forEach((b, i) => {
    for (const o of b.ops) {
      if (o.o !== 'call' || o.fn.k !== 'method' || o.fn.recv.k !== 'field' || !o.fn.recv.owner) continue;
      const owner = o.fn.recv.owner;
      const ft = program.fieldType({ k: 'named', pkg: owner.pkg, name: owner.name }, o.fn.recv.name, file, 0);
      if (ft?.type.k !== 'named') continue;
      const e = apiEffect(ft.type.pkg, `${ft.type.name}.${o.fn.name}`);
      if (!e || ((e.k === 'fatal' || e.k === 'fail') && e.check)) continue;
      if (e.k === 'exit' || e.k === 'fatal') {
        out.set(i, 'end');
        break;
      }
      if (e.k === 'fail' && !out.has(i)) out.set(i, 'fail');
    }
  });
  return out;
}
