// A syntax tree copied out of web-tree-sitter into flat arrays, and a small Node-like view over it.
//
// Why: the fact walk asks many questions of many nodes (type, fields, children, text, positions), and each
// question to a web-tree-sitter Node is a call into wasm with its arguments copied through a transfer buffer
// by generic helpers. Measured over etcd, that made the walk cost as much as the parse. Here one cursor walk
// copies each node once (type id, field id, start, end) with direct calls into the wasm exports — no
// per-node marshalling, no Node objects — and the walk then runs in plain JavaScript.
//
// The insides of nodes no rule reads are not copied (see Skip). The direct calls rely on how web-tree-sitter
// 0.27 keeps a cursor in its transfer buffer; fastPathAgrees checks that on a sample at start-up, and the
// public TreeCursor API (slower, same result) is used when it does not hold.
import type { Language, Parser, Tree, TreeCursor } from 'web-tree-sitter';
import { originalOffset, type Cuts } from './blank.js';

/** The wasm exports the flattener calls directly, taken from the module object handed to Parser.init. */
export interface WasmHandles {
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  HEAP32: Int32Array;
}

const REQUIRED: (keyof WasmHandles)[] = [
  '_ts_init', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm', '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm', 'HEAP32',
];

/** The module object if it carries every export the fast path needs; else undefined (the public API is used). */
export function wasmHandles(mod: Record<string, unknown>): WasmHandles | undefined {
  for (const k of REQUIRED) if (typeof mod[k] !== (k === 'HEAP32' ? 'object' : 'function')) return undefined;
  return mod as unknown as WasmHandles;
}

const ERROR_TYPE_ID = 65535;
const F_NAMED = 1;
const F_MISSING = 2;
const F_ERROR = 4;
const F_HAS_ERROR = 8;

const FUNC_DECL = new Set(['function_declaration', 'method_declaration']);

/** Language tables, built once per language. */
interface LangInfo {
  types: string[];
  named: Uint8Array;
  fieldIds: Map<string, number>;
  /** the type id of `block`, the field id of `body`, and the type ids of function and method declarations */
  blockId: number;
  bodyField: number;
  funcIds: Set<number>;
  /** per set of skipped type names: 1 for the type ids in it */
  opaque: WeakMap<ReadonlySet<string>, Uint8Array>;
}
const langInfo = new WeakMap<Language, LangInfo>();

function infoOf(lang: Language): LangInfo {
  let info = langInfo.get(lang);
  if (!info) {
    const types = [...lang.types];
    const named = new Uint8Array(Math.max(types.length, 1));
    for (let i = 0; i < types.length; i++) named[i] = lang.nodeTypeIsNamed(i) ? 1 : 0;
    const fieldIds = new Map<string, number>();
    lang.fields.forEach((f, i) => {
      if (f) fieldIds.set(f, i);
    });
    const funcIds = new Set<number>();
    types.forEach((t, i) => {
      if (FUNC_DECL.has(t)) funcIds.add(i);
    });
    info = { types, named, fieldIds, blockId: types.indexOf('block'), bodyField: fieldIds.get('body') ?? -1, funcIds, opaque: new WeakMap() };
    langInfo.set(lang, info);
  }
  return info;
}

const NONE_OPAQUE = new Uint8Array(0);

function opaqueOf(info: LangInfo, skipped: ReadonlySet<string> | undefined): Uint8Array {
  if (!skipped) return NONE_OPAQUE;
  let table = info.opaque.get(skipped);
  if (!table) {
    table = new Uint8Array(info.types.length);
    info.types.forEach((t, i) => {
      if (skipped.has(t)) table![i] = 1;
    });
    info.opaque.set(skipped, table);
  }
  return table;
}

/** What to leave out of the copy: the children of nodes of these types, and function bodies `body` says no to. */
export interface Skip {
  types?: ReadonlySet<string>;
  body?: (body: { start: number; end: number; declStart: number }) => boolean;
}

/** One file's tree as arrays indexed by node number (0 = root, in document order). */
export class FlatTree {
  readonly n: number;
  private nodes: (FlatNode | undefined)[];
  constructor(
    readonly src: string,
    readonly info: LangInfo,
    readonly type: Uint16Array,
    readonly field: Uint16Array,
    readonly start: Int32Array,
    readonly end: Int32Array,
    readonly parent: Int32Array,
    readonly firstChild: Int32Array,
    readonly nextSibling: Int32Array,
    readonly flags: Uint8Array,
    n: number,
    readonly lineStarts: number[],
  ) {
    this.n = n;
    this.nodes = new Array<FlatNode | undefined>(n);
  }

  get rootNode(): FlatNode {
    return this.node(0)!;
  }

  node(i: number): FlatNode | null {
    if (i < 0) return null;
    return (this.nodes[i] ??= new FlatNode(this, i));
  }

  /** The type of node `i` (without making a FlatNode). */
  typeName(i: number): string {
    return this.flags[i]! & F_ERROR ? 'ERROR' : this.info.types[this.type[i]!] ?? 'ERROR';
  }

  isNamed(i: number): boolean {
    return (this.flags[i]! & F_NAMED) !== 0;
  }

  fieldId(name: string): number | undefined {
    return this.info.fieldIds.get(name);
  }

  /** A code-unit offset as a 0-based row and column (code units), as web-tree-sitter reports them. */
  point(index: number): { row: number; column: number } {
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - ls[lo]! };
  }
}

/** The subset of web-tree-sitter's Node that the fact walk uses, over a FlatTree. Identity: one object per node. */
export class FlatNode {
  constructor(private t: FlatTree, readonly id: number) {}

  get type(): string {
    const f = this.t.flags[this.id]!;
    if (f & F_ERROR) return 'ERROR';
    return this.t.info.types[this.t.type[this.id]!] ?? 'ERROR';
  }
  get isNamed(): boolean {
    return (this.t.flags[this.id]! & F_NAMED) !== 0;
  }
  get isMissing(): boolean {
    return (this.t.flags[this.id]! & F_MISSING) !== 0;
  }
  get isError(): boolean {
    return (this.t.flags[this.id]! & F_ERROR) !== 0;
  }
  get hasError(): boolean {
    return (this.t.flags[this.id]! & F_HAS_ERROR) !== 0;
  }
  get startIndex(): number {
    return this.t.start[this.id]!;
  }
  get endIndex(): number {
    return this.t.end[this.id]!;
  }
  get startPosition(): { row: number; column: number } {
    return this.t.point(this.t.start[this.id]!);
  }
  get endPosition(): { row: number; column: number } {
    return this.t.point(this.t.end[this.id]!);
  }
  get text(): string {
    return this.t.src.slice(this.t.start[this.id]!, this.t.end[this.id]!);
  }
  get parent(): FlatNode | null {
    return this.t.node(this.t.parent[this.id]!);
  }
  get children(): FlatNode[] {
    const out: FlatNode[] = [];
    for (let c = this.t.firstChild[this.id]!; c >= 0; c = this.t.nextSibling[c]!) out.push(this.t.node(c)!);
    return out;
  }
  get namedChildren(): FlatNode[] {
    const out: FlatNode[] = [];
    const { flags, nextSibling } = this.t;
    for (let c = this.t.firstChild[this.id]!; c >= 0; c = nextSibling[c]!) if (flags[c]! & F_NAMED) out.push(this.t.node(c)!);
    return out;
  }
  get childCount(): number {
    let k = 0;
    for (let c = this.t.firstChild[this.id]!; c >= 0; c = this.t.nextSibling[c]!) k++;
    return k;
  }
  child(i: number): FlatNode | null {
    let k = 0;
    for (let c = this.t.firstChild[this.id]!; c >= 0; c = this.t.nextSibling[c]!) if (k++ === i) return this.t.node(c);
    return null;
  }
  childForFieldName(name: string): FlatNode | null {
    const id = this.t.fieldId(name);
    if (id === undefined) return null;
    const { field, nextSibling } = this.t;
    for (let c = this.t.firstChild[this.id]!; c >= 0; c = nextSibling[c]!) if (field[c] === id) return this.t.node(c);
    return null;
  }
  childrenForFieldName(name: string): FlatNode[] {
    const id = this.t.fieldId(name);
    const out: FlatNode[] = [];
    if (id === undefined) return out;
    const { field, nextSibling } = this.t;
    for (let c = this.t.firstChild[this.id]!; c >= 0; c = nextSibling[c]!) if (field[c] === id) out.push(this.t.node(c)!);
    return out;
  }
  get nextNamedSibling(): FlatNode | null {
    const { flags, nextSibling } = this.t;
    for (let c = nextSibling[this.id]!; c >= 0; c = nextSibling[c]!) if (flags[c]! & F_NAMED) return this.t.node(c);
    return null;
  }
  /** Descendants (not the node itself) of the given type(s), in document order. */
  descendantsOfType(types: string | string[]): FlatNode[] {
    const want = new Set(typeof types === 'string' ? [types] : types);
    const out: FlatNode[] = [];
    const end = this.subtreeEnd();
    for (let i = this.id + 1; i < end; i++) if (want.has(this.t.typeName(i))) out.push(this.t.node(i)!);
    return out;
  }
  /** Node numbers are in document order, so a subtree is the range [id, subtreeEnd()). */
  subtreeEnd(): number {
    for (let i = this.id; i >= 0; i = this.t.parent[i]!) {
      const s = this.t.nextSibling[i]!;
      if (s >= 0) return s;
    }
    return this.t.n;
  }
}

/** Reusable storage: a file's tree is only read until the next file is flattened on this thread. */
let cap = 0;
let T = new Uint16Array(0);
let FI = new Uint16Array(0);
let S = new Int32Array(0);
let E = new Int32Array(0);
let P = new Int32Array(0);
let FC = new Int32Array(0);
let NS = new Int32Array(0);
let LC = new Int32Array(0);
let FL = new Uint8Array(0);

function grow(need: number): void {
  if (need <= cap) return;
  let c = Math.max(cap * 2, 1 << 15);
  while (c < need) c *= 2;
  const g = <A extends Uint16Array | Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
    const b = make(c);
    b.set(a);
    return b;
  };
  T = g(T, (n) => new Uint16Array(n));
  FI = g(FI, (n) => new Uint16Array(n));
  S = g(S, (n) => new Int32Array(n));
  E = g(E, (n) => new Int32Array(n));
  P = g(P, (n) => new Int32Array(n));
  FC = g(FC, (n) => new Int32Array(n));
  NS = g(NS, (n) => new Int32Array(n));
  LC = g(LC, (n) => new Int32Array(n));
  FL = g(FL, (n) => new Uint8Array(n));
  cap = c;
}

interface CursorOps {
  first(): number;
  next(): number;
  up(): number;
  typeId(): number;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  isMissing(): number;
  /** frees the cursor */
  done(): void;
}

/** Direct calls into the wasm exports; the cursor lives in web-tree-sitter's transfer buffer meanwhile. */
function directOps(h: WasmHandles, tree: Tree): CursorOps {
  const cur = tree.rootNode.walk(); // leaves the new cursor in the transfer buffer
  const tp = (tree as unknown as { [0]: number })[0];
  // the module object is a large dictionary: look each export up once, not at every call
  const first = h._ts_tree_cursor_goto_first_child_wasm;
  const next = h._ts_tree_cursor_goto_next_sibling_wasm;
  const up = h._ts_tree_cursor_goto_parent_wasm;
  const typeId = h._ts_tree_cursor_current_node_type_id_wasm;
  const fieldId = h._ts_tree_cursor_current_field_id_wasm;
  const startIndex = h._ts_tree_cursor_start_index_wasm;
  const endIndex = h._ts_tree_cursor_end_index_wasm;
  const isMissing = h._ts_tree_cursor_current_node_is_missing_wasm;
  return {
    first: () => first(tp),
    next: () => next(tp),
    up: () => up(tp),
    typeId: () => typeId(tp),
    fieldId: () => fieldId(tp),
    startIndex: () => startIndex(tp),
    endIndex: () => endIndex(tp),
    isMissing: () => isMissing(tp),
    done: () => {
      // the walk moved the cursor (and may have grown its stack): hand its current state back to the
      // TreeCursor object before it frees it
      const tb = h._ts_init() >> 2;
      const heap = h.HEAP32;
      const c = cur as unknown as number[];
      for (let i = 0; i < 4; i++) c[i] = heap[tb + i]!;
      cur.delete();
    },
  };
}

/** The same walk through the public TreeCursor API (slower): used if the wasm exports are not reachable. */
function publicOps(tree: Tree): CursorOps {
  const c: TreeCursor = tree.walk();
  return {
    first: () => (c.gotoFirstChild() ? 1 : 0),
    next: () => (c.gotoNextSibling() ? 1 : 0),
    up: () => (c.gotoParent() ? 1 : 0),
    typeId: () => c.nodeTypeId,
    fieldId: () => c.currentFieldId,
    startIndex: () => c.startIndex,
    endIndex: () => c.endIndex,
    isMissing: () => (c.currentNode.isMissing ? 1 : 0),
    done: () => c.delete(),
  };
}

/**
 * Copies `tree` into a FlatTree. A node whose children are skipped (see Skip) is kept as a childless node
 * with its real offsets: the cursor steps over its subtree, which is where the time goes.
 */
export function flatten(tree: Tree, src: string, lang: Language, handles: WasmHandles | undefined, skip?: Skip, cuts?: Cuts): FlatTree {
  const info = infoOf(lang);
  const { named, bodyField, blockId, funcIds } = info;
  const opaque = opaqueOf(info, skip?.types);
  const skipBody = skip?.body;
  const ops = handles ? directOps(handles, tree) : publicOps(tree);
  // the tree was parsed from a text with bodies cut out: its offsets are mapped back to `src`
  const cut = cuts && cuts.at.length > 0 ? cuts : undefined;
  let n = 0;
  let parent = -1;
  try {
    for (;;) {
      if (n >= cap) grow(n + 1);
      const me = n++;
      const tid = ops.typeId();
      const fid = ops.fieldId();
      T[me] = tid;
      FI[me] = fid;
      P[me] = parent;
      FC[me] = -1;
      NS[me] = -1;
      LC[me] = -1;
      FL[me] = tid === ERROR_TYPE_ID ? F_NAMED | F_ERROR | F_HAS_ERROR : named[tid] ? F_NAMED : 0;
      if (parent >= 0) {
        const last = LC[parent]!;
        if (last < 0) FC[parent] = me;
        else NS[last] = me;
        LC[parent] = me;
      }
      if (cut) {
        S[me] = originalOffset(cut, ops.startIndex());
        E[me] = originalOffset(cut, ops.endIndex());
      } else {
        S[me] = ops.startIndex();
        E[me] = ops.endIndex();
      }
      const skipped = tid < opaque.length && opaque[tid] === 1 ||
        (!!skipBody && tid === blockId && fid === bodyField && parent >= 0 && funcIds.has(T[parent]!) &&
          skipBody({ start: S[me]!, end: E[me]!, declStart: S[parent]! }));
      if (!skipped && ops.first()) {
        parent = me;
        continue;
      }
      if (S[me] === E[me] && ops.isMissing()) FL[me]! |= F_MISSING | F_HAS_ERROR;
      // climb: finish every parent whose children are all copied
      let cur = me;
      for (;;) {
        if (ops.next()) break;
        if (!ops.up()) {
          cur = -1;
          break;
        }
        const p = parent;
        for (let c = FC[p]!; c >= 0; c = NS[c]!) if (FL[c]! & F_HAS_ERROR) FL[p]! |= F_HAS_ERROR;
        cur = p;
        parent = P[p]!;
      }
      if (cur < 0) break;
    }
  } finally {
    ops.done();
  }
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return new FlatTree(src, info, T, FI, S, E, P, FC, NS, FL, n, lineStarts);
}

const SAMPLE = `package p

import "context"

// T has a comment.
type T struct{ c chan int }

func (t *T) run(ctx context.Context) error {
	select {
	case v := <-t.c:
		_ = v
	case <-ctx.Done():
		return ctx.Err()
	}
	go func() { t.c <- len("x") }()
	return nil
}
`;

/** Whether the direct-call copy of a sample tree equals the copy made through the public cursor API. */
export function fastPathAgrees(parser: Parser, h: WasmHandles): boolean {
  const tree = parser.parse(SAMPLE);
  if (!tree || !parser.language) return false;
  try {
    const snapshot = (t: FlatTree): string => {
      const rows: string[] = [];
      for (let i = 0; i < t.n; i++) rows.push(`${t.typeName(i)}|${t.field[i]}|${t.start[i]}|${t.end[i]}|${t.parent[i]}|${t.flags[i]}`);
      return rows.join('\n');
    };
    const slow = snapshot(flatten(tree, SAMPLE, parser.language, undefined));
    const fast = snapshot(flatten(tree, SAMPLE, parser.language, h));
    return fast === slow && slow.split('\n').length > 50;
  } catch {
    return false;
  } finally {
    tree.delete();
  }
}
