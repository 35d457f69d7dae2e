// Struct-field channels, one identity per `T.f` within a package: what the package's code does with the channel
// held in field f of type T. Every function and method of the package is read (for a body the first parse left
// out, the field names it hands on or writes: FileFacts.plainFields), so a use anywhere counts: a make into the
// field, a write of anything else into it, a send, a receive (bare, in a select, a range), a close, and every way
// the channel can leave the package's sight (passed to a call that may close it or let it go, copied into a
// variable that does, returned, sent, stored elsewhere). A field other packages can reach (exported, of a type
// outside test files) counts as handed out.
// Plain data, no verdicts: a rule decides what a use means to it.
//
// Uses are matched by the field's name wherever its owner is not known to be another type, so a use through an
// embedding type or a value of unknown type counts too: that can only add uses, which keeps the rules silent.
import type { Package, Program } from '../index/program.js';
import type { FuncIR, Op, TypeName, Val } from '../ir/types.js';
import type { FileFacts, Range } from '../parse/types.js';
import { summaries, type ChanUse } from './summaries.js';
import { getterOf, receiveOnlyGetter } from './getters.js';
import { declaredName, isExported } from '../parse/syntax.js';
import { funcFact } from '../parse/lookup.js';

export interface FieldUse {
  /** the package makes a channel into T.f (`T{f: make(chan X)}`, `x.f = make(chan X)`): where, first found */
  made?: { file: FileFacts; r: Range };
  /** T.f is written with something other than a new channel (a parameter, another field, a call's result) */
  adopted: boolean;
  sends: boolean;
  recvs: boolean;
  closes: boolean;
  /** handed where the package's code is not followed, or reachable from other packages */
  escapes: boolean;
  /** returned by an unexported function of the package (a close of a call's result anywhere in the package
   * counts as closing it; where else its callers take it is not followed) */
  returned: boolean;
  /** the package sends the constant nil on it (a sentinel its receivers may stop on) */
  sendsNil: boolean;
  /** the functions that close it (itself, or by a helper or a variable it is copied into): file path and IR id */
  closers: { path: string; fn: string }[];
  /** the field channels (`T.f` keys, see fieldUseOf) that a select sending on this field also receives from: the
   * senders' way out when the receivers are gone */
  guards: string[];
}

type Uses = Omit<FieldUse, 'made'>;
const none = (): Uses => ({ adopted: false, sends: false, recvs: false, closes: false, escapes: false, returned: false, sendsNil: false, closers: [], guards: [] });

/** A declared function or method no other package can call (a literal may be handed anywhere). */
function unexported(fn: FuncIR): boolean {
  const name = declaredName(fn.id);
  return name !== undefined && !isExported(name);
}

interface PackageFields {
  /** the field names that bodies left out of the parse hand on or write (FileFacts.plainFields) */
  plain: Set<string>;
  /** the field names that unexported functions' bodies left out of the parse return (FileFacts.plainReturned) */
  plainReturned: Set<string>;
  /** some code of the package closes the result of a call (`close(x.ch())`) */
  closesResult?: boolean;
  /** by `T.f` (T the type that declares f): its uses; by `?.f`: the uses of a field f whose owner is not known */
  byName: Map<string, Uses>;
  /** by `T.f` (or `?.f`): where the package makes a channel into it */
  made: Map<string, { file: FileFacts; r: Range }>;
}

const perProgram = new WeakMap<Program, Map<Package, PackageFields>>();

/** The uses of channel field `owner.name` (a type of `file`'s package) across its package; undefined when the
 * field is not known to be a channel. */
export function fieldUse(program: Program, file: FileFacts, owner: TypeName, name: string): FieldUse | undefined {
  if (owner.pkg !== '') return undefined;
  const key = declaring(program.packageOf(file), owner.name, name, 0);
  return key ? fieldUseOf(program, file, key) : undefined;
}

/** fieldUse by the key `T.f` of the type T of `file`'s package that declares f (as FieldUse.guards name them). */
export function fieldUseOf(program: Program, file: FileFacts, key: string): FieldUse | undefined {
  const dot = key.indexOf('.');
  const tname = key.slice(0, dot);
  const name = key.slice(dot + 1);
  if (tname === '?') return undefined;
  const pkg = program.packageOf(file);
  const ft = program.fieldType({ k: 'named', pkg: '', name: tname }, name, file, 0);
  if (!ft || !program.isChanType(ft.type, ft.file)) return undefined;
  let cache = perProgram.get(program);
  if (!cache) perProgram.set(program, (cache = new Map()));
  let pf = cache.get(pkg);
  if (!pf) cache.set(pkg, (pf = scan(program, pkg)));
  const k = pf.byName.get(key) ?? none();
  const q = pf.byName.get(`?.${name}`) ?? none();
  const u: Uses = {
    adopted: k.adopted || q.adopted, sends: k.sends || q.sends, recvs: k.recvs || q.recvs, closes: k.closes || q.closes,
    escapes: k.escapes || q.escapes, returned: k.returned || q.returned || pf.plainReturned.has(name), sendsNil: k.sendsNil || q.sendsNil,
    closers: [...k.closers, ...q.closers], guards: [...k.guards, ...q.guards],
  };
  // other packages reach an exported field, unless its type is declared in a test file (nothing imports those);
  // a body left out of the parse that hands on a field of this name may hand on this one
  const exported = (isExported(name) && !ft.file.path.endsWith('_test.go')) || pf.plain.has(name) || pf.plain.has(key);
  const made = pf.made.get(key);
  return { ...u, closes: u.closes || (u.returned && !!pf.closesResult), escapes: u.escapes || exported, ...(made ? { made } : {}) };
}

/** A select case or range on this field never fires: nothing sends on it, closes it, hands it on or writes into
 * it a channel from elsewhere (a field the package only makes, or never sets, is such a channel). */
export function neverFires(u: FieldUse): boolean {
  return !u.sends && !u.closes && !u.escapes && !u.adopted && !u.returned;
}

/** Nothing can end a range over the field: no code closes it, and it never gets away or comes from elsewhere. */
export function neverClosedField(u: FieldUse): boolean {
  return !u.closes && !u.escapes && !u.adopted;
}

function scan(program: Program, pkg: Package): PackageFields {
  // a getter left out of the parse that is only ever received from (src/analysis/getters.ts) hands its field to
  // nobody: its callers receive from it
  const getters = pkg.files.flatMap((f) => f.funcs.filter((fn) => (fn.lazyFields?.handed.length || fn.lazyFields?.returned.length) && receiveOnlyGetter(program, f, fn)).map((fn) => ({ f, fn })));
  const out: PackageFields = { byName: new Map(), made: new Map(), plain: new Set(pkg.files.flatMap((f) => [...(f.plainFields ?? []), ...f.funcs.flatMap((fn) => (getters.some((g) => g.fn === fn) ? [] : (fn.lazyFields?.handed ?? [])))])),
    plainReturned: new Set(pkg.files.flatMap((f) => [...(f.plainReturned ?? []), ...f.funcs.flatMap((fn) => (getters.some((g) => g.fn === fn) ? [] : (fn.lazyFields?.returned ?? [])))])),
  };
  const use = (key: string) => {
    let u = out.byName.get(key);
    if (!u) out.byName.set(key, (u = none()));
    return u;
  };
  /** the field `v` may be a field of this package's types (its owner is one of them, or unknown) */
  const ours = (v: Val | undefined): v is Val & { k: 'field' } => !!v && v.k === 'field' && (!v.owner || v.owner.pkg === '');
  const decl = new Map<string, string>();
  /** the key of field `v`: `T.f` for the type T of the package that declares it (through embedded fields), or
   * `?.f` when that cannot be told (a use that may be any field named f) */
  const keyOf = (v: Val & { k: 'field' }): string => {
    if (!v.owner) return `?.${v.name}`;
    const at = `${v.owner.name}.${v.name}`;
    let k = decl.get(at);
    if (k === undefined) decl.set(at, (k = declaring(pkg, v.owner.name, v.name, 0) ?? `?.${v.name}`));
    return k;
  };
  let cur: { path: string; fn: string } = { path: '', fn: '' };
  for (const g of getters) {
    const field = getterOf(program, g.f, g.fn);
    if (field) use(keyOf(field)).recvs = true;
  }
  const add = (key: string, c: Partial<ChanUse>) => {
    const u = use(key);
    if (c.closes && !u.closers.some((x) => x.path === cur.path && x.fn === cur.fn)) u.closers.push(cur);
    u.sends ||= !!c.sends;
    u.recvs ||= !!c.recvs;
    u.closes ||= !!c.closes;
    u.escapes ||= !!c.escapes;
  };
  for (const file of pkg.files) {
    for (const fn of file.ir ?? []) {
      cur = { path: file.path, fn: fn.id };
      for (const b of fn.blocks) {
        for (const o of b.ops) scanOp(program, file, fn, o, ours, keyOf, add, use, out);
        const t = b.term;
        if (t.t === 'select') {
          for (const c of t.cases) if (ours(c.ch)) add(keyOf(c.ch), c.kind === 'send' ? { sends: true } : { recvs: true });
          for (const c of t.cases) {
            if (c.kind !== 'send' || !ours(c.ch)) continue;
            const u = use(keyOf(c.ch));
            if (c.nil) u.sendsNil = true;
            for (const g of t.cases) if (g.kind === 'recv' && ours(g.ch) && !u.guards.includes(keyOf(g.ch))) u.guards.push(keyOf(g.ch));
          }
        }
        if (t.t === 'range' && ours(t.ch)) add(keyOf(t.ch), { recvs: true });
      }
    }
  }
  return out;
}

function scanOp(
  program: Program,
  file: FileFacts,
  fn: FuncIR,
  o: Op,
  ours: (v: Val | undefined) => v is Val & { k: 'field' },
  keyOf: (v: Val & { k: 'field' }) => string,
  add: (key: string, c: Partial<ChanUse>) => void,
  use: (key: string) => Uses,
  out: PackageFields,
): void {
  switch (o.o) {
    case 'send':
      if (ours(o.ch)) add(keyOf(o.ch), { sends: true });
      if (ours(o.ch) && o.nil) use(keyOf(o.ch)).sendsNil = true;
      return;
    case 'recv':
      if (ours(o.ch)) add(keyOf(o.ch), { recvs: true });
      return;
    case 'close':
      if (ours(o.ch)) add(keyOf(o.ch), { closes: true });
      else if (o.ch.k === 'expr' && o.ch.text.endsWith(')')) out.closesResult = true;
      return;
    case 'handout':
      // returned by an unexported function of the package: its callers are the package's code, whose closes of
      // a call's result are counted below (closesResult)
      if (ours(o.field)) {
        // a getter only ever received from (src/analysis/getters.ts): its callers receive from the field
        const fact = o.how === 'return' ? funcFact(file, fn.id) : undefined;
        if (fact && receiveOnlyGetter(program, file, fact)) add(keyOf(o.field), { recvs: true });
        else if (o.how === 'return' && unexported(fn)) use(keyOf(o.field)).returned = true;
        else add(keyOf(o.field), { escapes: true });
      }
      return;
    case 'store':
      if (ours(o.src)) add(keyOf(o.src), { escapes: true });
      if (!ours(o.field)) return;
      if (o.made) {
        const k = keyOf(o.field);
        if (!out.made.has(k)) out.made.set(k, { file, r: o.r });
      } else if (!o.made) use(keyOf(o.field)).adopted = true;
      return;
    case 'assign':
      // copied into a variable: what the function does with the variable is what it does with the field
      if (ours(o.src)) add(keyOf(o.src), summaries(program).useIn(fn, file, o.dst));
      return;
    case 'call':
    case 'defer':
    case 'go':
      o.args.forEach((a, i) => {
        if (!ours(a)) return;
        if (o.fn.k === 'builtin') {
          if (o.fn.name === 'close') add(keyOf(a), { closes: true });
          else if (o.fn.name !== 'len' && o.fn.name !== 'cap') add(keyOf(a), { escapes: true });
          return;
        }
        // a function of the module is looked through: what it does with its parameter
        add(keyOf(a), summaries(program).argUse(o, i, file) ?? { escapes: true });
      });
      return;
  }
}

/** The type of the package that declares field `name` of type `owner`: the type itself, or the one an embedded
 * field brings it from; undefined when it cannot be told. */
export function declaring(pkg: Package, owner: string, name: string, depth: number): string | undefined {
  const t = depth > 8 ? undefined : pkg.types.get(owner)?.fact;
  if (!t) return undefined;
  if (t.fields.some((f) => f.name === name)) return `${owner}.${name}`;
  for (const e of t.embedded) {
    if (e.k !== 'named' || e.pkg !== '') continue;
    const hit = declaring(pkg, e.name, name, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}
