// Field owners through constructors: the IR names a struct field's channel `T.f` when it knows the type T of the
// value the field is selected from (a declaration, a composite literal, a receiver). A value that is the result of
// a call of the module (`a := newAsyncResponse()`) has a type only the module index knows: the callee's declared
// result. Once the program is built, this pass gives such selections (`a.respChan`) the owner the callee declares,
// when it is a type of the selecting file's own package, so that every analysis of field channels (fields.ts,
// field-senders.ts, peers.ts, abandon.ts) sees one identity `T.f` whichever way the value was made.
//
// It fills in what the per-file IR could not know and changes nothing it did know (an owner is only ever added,
// never replaced). A change of the callee's declared result in another file is seen when this file's facts are
// built again.
import type { Program } from '../index/program.js';
import type { FuncIR, TypeName, Val, VarId } from '../ir/types.js';
import type { FileFacts } from '../parse/types.js';
import { calleeDecl } from './summaries.js';
import { indexOf } from './irindex.js';

const done = new WeakMap<Program, WeakSet<FuncIR[]>>();

/** Gives the selections from call results in `files` the owner type the callee declares (see the head comment). */
export function completeFieldOwners(program: Program, files: readonly FileFacts[]): void {
  let seen = done.get(program);
  if (!seen) done.set(program, (seen = new WeakSet()));
  for (const file of files) {
    const list = file.ir;
    if (!list || seen.has(list)) continue;
    seen.add(list);
    const pkg = program.packageOf(file);
    const owners = new Map<VarId, TypeName | null>();
    const ownerOf = (id: VarId, fn: FuncIR): TypeName | undefined => {
      if (owners.has(id)) return owners.get(id) ?? undefined;
      let t: TypeName | undefined;
      const info = fn.vars[id] ?? indexOf(file)?.vars.get(id);
      if (info?.type?.k === 'result') {
        const d = calleeDecl(info.type.fn, file, program);
        const res = d?.fact.results[info.type.index];
        if (d && res?.k === 'named' && res.pkg === '' && d.pkg === pkg && pkg.types.has(res.name)) t = { pkg: '', name: res.name };
      }
      owners.set(id, t ?? null);
      return t;
    };
    const fill = (v: unknown, fn: FuncIR): void => {
      if (Array.isArray(v)) {
        for (const x of v) fill(x, fn);
        return;
      }
      if (!v || typeof v !== 'object') return;
      const x = v as Val;
      if (x.k === 'field' && !x.owner && x.base) {
        const o = ownerOf(x.base, fn);
        if (o) (x as Val & { k: 'field' }).owner = o;
        return;
      }
      for (const [k, y] of Object.entries(v)) if (k !== 'r' && y && typeof y === 'object') fill(y, fn);
    };
    for (const fn of list) {
      for (const b of fn.blocks) {
        fill(b.ops, fn);
        fill(b.term, fn);
      }
    }
  }
}
