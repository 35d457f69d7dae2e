// The IR of a file, indexed: functions by id, the literals nested in each, every variable's declared type. One
// index per IR list (a filled lazy body replaces the file's list, and so gets a new index). Shared by the
// analyses of this folder.
import type { FuncIR, VarId } from '../ir/types.js';
import type { FileFacts } from '../parse/types.js';

export interface IrIndex {
  byId: Map<string, FuncIR>;
  /** the literals directly nested in each function */
  children: Map<string, FuncIR[]>;
  /** every variable's declared type, by id */
  vars: Map<VarId, FuncIR['vars'][string]>;
  /** the function that declares each variable (a literal that captures it names it by the same id) */
  owners: Map<VarId, FuncIR>;
}

const indexes = new WeakMap<FuncIR[], IrIndex>();

export function indexOf(file: FileFacts): IrIndex | undefined {
  const list = file.ir;
  if (!list) return undefined;
  let ix = indexes.get(list);
  if (!ix) {
    ix = { byId: new Map(), children: new Map(), vars: new Map(), owners: new Map() };
    for (const f of list) {
      ix.byId.set(f.id, f);
      if (f.parent) ix.children.set(f.parent, [...(ix.children.get(f.parent) ?? []), f]);
      for (const [id, v] of Object.entries(f.vars)) ix.vars.set(id, v), ix.owners.set(id, f);
    }
    indexes.set(list, ix);
  }
  return ix;
}
