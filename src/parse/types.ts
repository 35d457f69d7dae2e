// Per-file facts: plain data taken from one walk over a syntax tree. No tree nodes, no closures:
// facts can be computed in a worker, cached, and merged by the module index.

/** 1-based line; `col` in UTF-16 code units (SARIF), `bcol` in UTF-8 bytes (go vet style). Both 1-based. */
export interface Pos {
  line: number;
  col: number;
  bcol: number;
}

/** `a` comes before `b` in the file. */
export function posBefore(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.col < b.col);
}

export interface Range {
  start: Pos;
  end: Pos;
}

/** A type as written, reduced to what call resolution needs. `pkg` is an import path, '' for the file's own package. */
export type TypeRef =
  | { k: 'named'; pkg: string; name: string; ptr?: boolean }
  | { k: 'ctx' } // context.Context
  | { k: 'chan'; dir?: 'send' | 'recv' }
  | { k: 'sync'; name: string } // sync.WaitGroup, sync.Cond (value or pointer)
  | { k: 'result'; callee: CalleeRef } // the first result type of a call, resolved by the index
  | { k: 'field'; of: TypeRef; name: string } // the type of a field, resolved by the index
  | { k: 'func' }
  | { k: 'other' };

/** What a call expression calls, as far as one file can tell. */
export type CalleeRef =
  | { k: 'func'; name: string } // identifier: a package-level func (or func var) of this package
  | { k: 'pkgfunc'; pkg: string; name: string } // imported package's func: pkg is the import path
  | { k: 'method'; recv: TypeRef; name: string } // method call on a value whose type is described by recv
  | { k: 'lit'; id: string } // a func literal of this file
  | { k: 'unknown'; why: string }; // a func value we cannot see, an interface method, a builtin

/** What an argument expression carries that matters to the rules. */
export interface ArgFact {
  /** ctx binding key carried by the expression (ctx, or a ctx derived from it). */
  ctx?: string;
  /** ctx binding key whose Done channel the expression is. */
  done?: string;
  /** the expression is context.Background()/TODO() (never cancelled). */
  background?: boolean;
  /** the expression names a channel made in the caller with a buffer (a number, or 'dyn' for len(x) and the like). */
  chanCap?: number | 'dyn';
  /** the binding key of a channel the expression names (made in the caller, a param, ...). */
  chanKey?: string;
  /** source text, shortened. */
  text: string;
}

/** An argument of a call: what it carries. */
export type CallArgFact = Omit<ArgFact, 'text'>;

export interface CallFact {
  callee: CalleeRef;
  /** what each argument carries (without its text: only a go statement's arguments are named in messages) */
  args: CallArgFact[];
  range: Range;
  text: string;
  /** a deferred call. */
  deferred?: boolean;
  /** a func literal handed to another call (a callback): it may run, so its ctx observations count, but
   * whether it blocks this goroutine is unknown, so its blocking operations do not. */
  callback?: boolean;
  /** a go statement: the spawned function observing a ctx counts as handing it to code that observes it,
   * but the spawned function's blocking does not block this one. */
  spawn?: boolean;
}

export type BlockKind = 'send' | 'recv' | 'select' | 'select-empty' | 'range-chan' | 'forever' | 'wait';

export interface BlockFact {
  kind: BlockKind;
  text: string;
  range: Range;
  /** for sends and receives on a named channel: the binding key of the channel (a param key for params). */
  chan?: string;
  /** the channel expression when it is a plain name */
  chanName?: string;
  /** the channel is held in a struct field or a container (x.f, chans[i]): often buffered or drained by its owner. */
  onField?: boolean;
  /** the operation is in the body of a select case that received from ctx.Done(), or follows a top-level
   * `<-ctx.Done()` statement of its function: the goroutine is already
   * shutting down and reports back (a protocol ctx-unguarded-block does not judge). */
  afterDone?: boolean;
  /** the operation sits inside a loop of its function. */
  inLoop?: boolean;
  /** a send followed by a return: it happens at most once, even inside a loop */
  once?: boolean;
  /** for a blocking select whose every case sends on or receives from a named channel: those channels */
  cases?: { kind: 'send' | 'recv'; chan: string }[];
  /** the operation is a whole one-line statement: its source and the indentation of its line (for --fix) */
  stmt?: { src: string; indent: string };
  /** for a send or receive statement: what its function runs after it. 'none': nothing (the end of the function or
   * a return follow, on every path); 'safe': only statements that need nothing from the operation (`close(ch)`,
   * `wg.Done()`, `mu.Unlock()`), then the end or a return. Absent: anything else, or a loop around it (--fix). */
  then?: 'none' | 'safe';
  /** for `range x` where x's type is not known here: the index keeps the block only if this is a channel type. */
  ifChan?: TypeRef;
  /** for an operation on a struct field (`s.ch`) of a type of this package: `T.ch` (see FileFacts.fieldChans) */
  field?: string;
}

/** A channel made into a struct field of a type of this package: `T{ch: make(chan X, n)}` or `x.ch = make(...)`. */
export interface FieldChanFact {
  /** `T.ch` */
  field: string;
  cap: number | 'dyn';
}

/** A channel made in a function: `name := make(chan T[, cap])`. */
export interface ChanFact {
  key: string;
  name: string;
  cap: number | 'dyn';
  /** the make(...) call */
  range: Range;
  /** where a buffer size would be inserted: just before the closing parenthesis of make(chan T) */
  insertAt?: Pos;
}

/** A send on or a close of a channel, in the function that made it (the other side of a receiving goroutine). */
export interface ChanFeedFact {
  key: string;
  kind: 'send' | 'close';
  range: Range;
  deferred?: boolean;
  /** a statement of the function body itself (not inside an if, a loop, a select or a switch) */
  top?: boolean;
}

/** A receive from (or range over) a channel, in the function that made it. */
export interface ChanOpFact {
  key: string;
  kind: 'recv' | 'range';
  range: Range;
  /** the innermost loop around the operation, if any */
  loop?: Range;
  /** for a range: the loop can stop (return, break, goto, panic) before the channel is closed */
  exits?: boolean;
  /** for a range: a statement of the function body itself (not inside an if, a loop, a select or a switch) */
  top?: boolean;
  /** the select statement the receive is a case of */
  select?: Range;
  /** for a receive in a select: a case that leaves instead (ctx.Done(), a timer, a stop channel, default) and returns */
  leave?: {
    kind: 'done' | 'timer' | 'stop' | 'default';
    range: Range;
    text: string;
    /** the case does not return but leaves the select (and its loop) at this position: it abandons the
     * sender only if the function does not receive from the channel again after it */
    after?: Pos;
  };
}

export interface ParamFact {
  name: string;
  key: string;
  type: TypeRef;
  /** the declaration (the name, or the type of an unnamed parameter) */
  range?: Range;
}

export interface GoFact {
  range: Range;
  /** the `go` keyword up to the end of the call, as written (shortened). */
  text: string;
  callee: CalleeRef;
  args: ArgFact[];
  /** for `go x.m(...)`: the ctx-ish field keys reachable through x are judged by the index. */
  calleeText: string;
  /** the enclosing function's id (a FuncFact of the same file), '' at package level. */
  parent: string;
  /** ctx keys of the parent's scope visible at the go statement, with their names (for literals' captures). */
  ctxNames: Record<string, string>;
  /** the innermost loop of the parent around the go statement */
  loop?: Range;
  /** for a go statement in `for ... range x`: the text of x (a fix can size a buffer with len(x)) */
  loopRangeOver?: string;
  /** started by errgroup.Group.Go (`g.Go(func() error { ... })`), not by a go statement: the parent waits
   * for it with g.Wait() */
  group?: boolean;
}

export interface FuncFact {
  /** unique within the file: F:name (F:init@line), M:Recv.name, L:line:col (literal). */
  id: string;
  kind: 'func' | 'method' | 'lit' | 'var';
  name: string;
  recv?: { name: string; type: string; key: string };
  range: Range;
  nameRange: Range;
  params: ParamFact[];
  results: TypeRef[];
  /** ctx keys observed directly (Done received, Err/Cause polled, AfterFunc). Includes nested non-go literals. */
  observes: string[];
  /** ctx keys (and field keys) referenced at all, including nested non-go literals. */
  refs: string[];
  blocks: BlockFact[];
  calls: CallFact[];
  /** channels made here, receives from them, return statements (for abandoned-sender) */
  chans: ChanFact[];
  chanOps: ChanOpFact[];
  /** sends on and closes of channels made here */
  chanFeeds?: ChanFeedFact[];
  /** channels made here that are handed to a call (not a go statement) or stored: others may use them */
  chanEscapes?: string[];
  /** of those, channels stored in a struct, slice, map or field, or sent on a channel: they belong to that holder */
  chanStored?: string[];
  returns: Range[];
  /** receives from a channel named like a stop signal (stopc, quit, closing...): cancellable by other means. */
  stops?: boolean;
  /** registers context.AfterFunc callbacks: `opaque` when one does more than close channels or call Close(),
   * else the names of the channels they close (operations on those are unblocked by cancellation). */
  afterFunc?: { opaque: boolean; closes: string[] };
  /** the body holds a syntax error: the index treats the function as opaque (assumed to observe). */
  hasError: boolean;
  /** enclosing function id for literals. */
  parent?: string;
  /** the body was left out of the first parse (see lazyBody): its offset of `{`. Only the signature is known
   * until the index fills the body in (Program.fill); then this is gone. */
  lazy?: number;
  /** for a lazy body: the field names (`x.f`) it hands on or writes, and those it returns (`return x.f`, in an
   * unexported function), as FileFacts.plainFields and plainReturned say for plain bodies; gone with `lazy` */
  lazyFields?: { handed: string[]; returned: string[] };
}

export interface TypeFact {
  name: string;
  fields: { name: string; type: TypeRef }[];
  embedded: TypeRef[];
  range: Range;
}

export interface ImportFact {
  name: string; // the local name (alias or last path element)
  path: string;
}

export interface ParseErrorFact {
  range: Range;
  message: string;
}

export interface FileFacts {
  /** the concurrency IR of the functions whose bodies hold goroutines or channels (see src/ir/types.ts) */
  ir?: import('../ir/types.js').FuncIR[];
  /** path relative to the analysis root, '/'-separated. */
  path: string;
  pkg: string;
  imports: ImportFact[];
  funcs: FuncFact[];
  types: TypeFact[];
  gos: GoFact[];
  errors: ParseErrorFact[];
  /** channels made into struct fields, with their buffers */
  fieldChans?: FieldChanFact[];
  /** the lower-case selector names the file reads other than as an assignment's target (src/parse/selectors.ts) */
  selectorReads?: string[];
  /** the field names (`x.f`) that plain bodies (left out of every parse) hand on (a call's
   * argument, a value stored, assigned or returned) or write (`x.f = v`, as f; `T{f: v}`, as T.f); sorted. Their uses are never in the IR,
   * so src/analysis/fields.ts takes such a field as handed where it cannot follow (lazy bodies: FuncFact.lazyFields). */
  plainFields?: string[];
  /** the field names that unexported functions' plain bodies return (`return x.f`); sorted */
  plainReturned?: string[];
  /** whether the text was valid UTF-8 (invalid bytes were replaced before parsing). */
  validUtf8: boolean;
  /** whether the file has a `// Code generated ... DO NOT EDIT.` header. */
  generated: boolean;
}
