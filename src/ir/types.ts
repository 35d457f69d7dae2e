// The concurrency IR: per function, a control-flow graph over the operations that decide whether a goroutine
// can block forever (channel makes, sends, receives, selects, ranges, closes, go statements, calls, exits).
// Plain data, no verdicts: built once per file in the fact walk (src/ir/build.ts), cached with the facts, and
// read by the shared analyses under src/analysis/. Bump IR_VERSION when the shape changes.
import type { Range } from '../parse/types.js';

export const IR_VERSION = 27;

/**
 * A variable: `name@line:col` of its declaration, unique within a file. A func literal that uses a variable of
 * its enclosing function names it by the same id, so captures need no mapping.
 */
export type VarId = string;

/** A named type as written: `pkg` is an import path, '' for the file's own package. */
export interface TypeName {
  pkg: string;
  name: string;
}

export interface VarInfo {
  name: string;
  kind: 'param' | 'result' | 'recv' | 'local';
  /** index among the function's parameters (params only) */
  index?: number;
  /** the func literal (its id) the variable holds: assigned a literal of the file once, and nothing else
   * (`f := func() {…}`, or `var f func()` then `f = func() {…}`); a call `f()` runs that literal */
  lit?: string;
  /** the declared or evident type: a channel, a context, or a named type (fields are looked up by it) */
  type?:
    | { k: 'chan'; dir?: 'send' | 'recv' }
    | { k: 'ctx' }
    | { k: 'cancel' }
    | ({ k: 'named' } & TypeName)
    /** result `index` of a call to a function of the module (`m, f := newFolder()`): its declared type is looked
     * up in the module index when it matters (a method called on the variable) */
    | { k: 'result'; fn: FnRef & { k: 'func' | 'pkg' | 'method' }; index: number };
  /** a local declared with a composite literal (`x := &T{…}`, `x := T{…}`): a value made here */
  fresh?: true;
  /** a receiver or local that reaches no other code but its own methods: every use of it in its function (literals
   * in it included) selects from it (`x.f`, read or written; not `&x.f`), starts a method of it as a goroutine
   * (`go x.m(…)`: `go`), or calls a method on it (`x.m(…)`, not deferred: `calls`, their names, present when there
   * is one; the method then holds the value too, and an analysis that relies on confinement must follow it).
   * `bare`: the names selected as a plain value (a field, or a method value, which hands the value on: the
   * analyses tell them apart by the type's declared fields) */
  confined?: { go: boolean; bare: string[]; calls?: string[] };
  /** a local that would be `confined` but for being returned as one of its function's results (`return x`,
   * `return x, nil`): its caller may keep it, and then it reaches the caller's code too */
  handedBack?: { go: boolean; bare: string[]; calls?: string[] };
  /** a local slice of channels declared empty (`make([]chan T, 0, n)`, `[]chan T{}`, `var s []chan T`) that only
   * ever gets fresh channels, by one `s = append(s, make(chan T…))`, and is otherwise only indexed for one send
   * (`s[i] <- v`), ranged over or measured (len, cap): every identifier of its name in the function is one of those */
  chanSlice?: true;
  /** a local declared by a receive (`v := <-ch`, `case v := <-ch:`): the channel it was received from; with a
   * channel of channels, the reply channel a requester sent */
  recvFrom?: Val;
}

/** A value as far as the analyses care. */
export type Val =
  | { k: 'var'; id: VarId }
  /** x.f; `owner` is the named type of x when the IR knows it (then `T.f` identifies the field across methods) */
  | { k: 'field'; owner?: TypeName; base?: VarId; name: string; text: string }
  /** ctx.Done() */
  | { k: 'done'; ctx: Val }
  /** a value from a known API call (see src/api/table.ts): time.After(d), a derived ctx, ... */
  | { k: 'api'; pkg: string; name: string; text: string }
  /** a func literal of this file */
  | { k: 'lit'; id: string }
  | { k: 'nil' }
  /** any other expression; `call`: it is the result of the call op of this function whose range starts at
   * `line:col` (a call of the module or a method: `f(g(x))`, `for v := range f(x)`); `elem`: the expression is
   * `s[i]`, an element of the variable s (`at`: the index, when a variable) */
  | { k: 'expr'; text: string; call?: string; elem?: { of: VarId; at?: VarId } };

/** What a call or go statement runs. */
export type FnRef =
  | { k: 'lit'; id: string }
  /** a package-level function of this package */
  | { k: 'func'; name: string }
  /** a function of an imported package */
  | { k: 'pkg'; pkg: string; name: string }
  /** a method called on a value */
  | { k: 'method'; recv: Val; name: string }
  /** a function held in a variable or field */
  | { k: 'value'; v: Val }
  | { k: 'builtin'; name: string }
  | { k: 'unknown'; text: string };

export type Op =
  /** `dst := make(chan T, cap)`; `lenOf` is X of make(chan T, len(X)) */
  | { o: 'make'; dst: VarId; cap: number | 'dyn'; lenOf?: string; r: Range }
  /** `once`: a once-flag guards the send (see onceGuarded in src/parse/syntax.ts): it runs at most once per run of
   * its function, even inside a loop */
  /** `nil`: the value sent is the constant nil (a sentinel, as a rule may read it) */
  /** `v`: the value sent, when it is a variable (a reply channel sent with a request) */
  | { o: 'send'; ch: Val; r: Range; text: string; once?: true; nil?: boolean; v?: Val & { k: 'var' } }
  /** `<-ch`; `ok`: the variable of a comma-ok receive (`v, ok := <-ch`), which observes the close */
  | { o: 'recv'; ch: Val; r: Range; ok?: VarId }
  | { o: 'close'; ch: Val; r: Range }
  /** a go statement (or errgroup's g.Go(f), `group`); `loop`: inside a loop of its function. `waiter`: for a
   * group's Go, the group and the method of it that returns only once every function it ran has returned (the API
   * table's `waitedBy`: `g.Wait()`) */
  | { o: 'go'; fn: FnRef; args: Val[]; r: Range; group?: boolean; waiter?: { v: Val; name: string } }
  /** `dropped`: a statement of its own (`f(x)`), so its results, if any, reach nobody; `res`: the variables the
   * call's results are assigned to (`v := f(x)`, `v, err = f(x)`; null for `_` or a non-variable); `ret`: the call is
   * returned straight, as the function's result `ret` (`return f(x)`) */
  | { o: 'call'; fn: FnRef; args: Val[]; r: Range; dropped?: true; res?: (VarId | null)[]; ret?: number }
  | { o: 'defer'; fn: FnRef; args: Val[]; r: Range }
  /** a struct field is written: `x.f = v`, or `T{f: v}` for a named type T (`made`: v is `make(chan …)`, with its
   * buffer `cap`) */
  | { o: 'store'; field: Val & { k: 'field' }; src: Val; made?: boolean; cap?: number | 'dyn'; r: Range }
  /** a struct field's value leaves the IR's sight: returned, stored (in a struct, slice, map or field), or sent
   * on a channel */
  | { o: 'handout'; field: Val & { k: 'field' }; how: 'return' | 'store' | 'send'; r: Range }
  /** a channel or ctx variable leaves the IR's sight: returned, stored (field, slice, map, struct), sent on a
   * channel, or copied into another variable */
  | {
      o: 'escape'; v: VarId; how: 'return' | 'store' | 'send' | 'copy'; r: Range;
      /** stored into this struct field (`x.f = v`, `T{f: v}`) */
      into?: Val & { k: 'field' };
    }
  /** `dst = src` / `dst := src` for a variable that holds a channel or a ctx (ctx, cancel := context.WithX(parent)) */
  | {
      o: 'assign'; dst: VarId; src: Val; r: Range;
      /** `ctx, cancel := context.WithX(src)`: the API's name, the cancel function's variable, or `lostCancel` when
       * it is assigned to `_`; `timed`: a deadline cancels the ctx by itself */
      derive?: string; cancel?: VarId; lostCancel?: boolean; timed?: boolean;
      /** `ctx, x.cancel := context.WithX(src)`: the cancel function goes straight into a struct field */
      cancelField?: Val & { k: 'field' };
    }
  /** `x.ctx, x.cancel = context.WithX(src)`: a derived ctx stored straight into a struct field; the cancel function
   * into a variable (`cancel`), a field (`cancelField`), or `_` (`lostCancel`) */
  | {
      o: 'ctxfield'; field: Val & { k: 'field' }; src: Val; derive: string; r: Range;
      cancel?: VarId; cancelField?: Val & { k: 'field' }; lostCancel?: boolean; timed?: boolean;
    };

export interface SelectCase {
  kind: 'send' | 'recv';
  ch: Val;
  r: Range;
  /** the case's communication as written (shortened) */
  text: string;
  /** the block that runs the case's body */
  to: number;
  /** a comma-ok receive case (`case v, ok := <-ch:`): its ok variable */
  ok?: VarId;
  /** a send case whose value is the constant nil */
  nil?: boolean;
  /** a send case's value, when it is a variable */
  v?: Val & { k: 'var' };
}

/** How a block ends. Successors are in `Block.succ`. */
export type Term =
  /** one successor (or none for unreachable code after a jump) */
  | { t: 'jump' }
  /** an if or switch: any successor. `okTest`: an if on the ok variable of a comma-ok receive (`if !ok`, `if ok`,
   * `if ok == false`): succ[closed] is the way taken once the channel is closed */
  | {
      t: 'branch'; okTest?: { ok: VarId; closed: number };
      /** succ[to] is taken only when the error variable `v` is none of `not`: `'nil'`, or a package-level variable
       * written `pkg.Name` (the import path, a dot, the name; '' for the file's own package). From `v != nil`,
       * `v != pkg.E`, `!errors.Is(v, pkg.E)` (the API table's `error-is`) joined by `&&` on the then branch, and the
       * negations (`v == nil`, `errors.Is(…)`, joined by `||`) on the else branch */
      guards?: { v: VarId; not: string[]; to: number }[];
    }
  /** a for loop's header: succ[0] the body; succ[1], when present, the normal exit (the condition is false, or
   * a range over a slice, map, number or func ends) */
  /** `once`: the body runs at least once before the normal exit can be taken (`for i := 0; i < N; i++` with constant
   * bounds, N > 0; `for range N` with a constant N > 0) */
  /** `call`: a `for … range f(x)` over the result of the call op at `line:col` whose type the IR does not know (a
   * slice, a map, or a channel: the callee's declared result tells) */
  | {
      t: 'loop'; r: Range; once?: true; call?: string;
      /** the body runs at most this many times (constant bounds the body cannot change, see iterations in
       * src/ir/build.ts; 1 to 8) */
      times?: number;
      /** `for k, v := range x` over a variable x (not a channel): the key and value variables it declares */
      over?: VarId; key?: VarId; value?: VarId;
    }
  /** `for … range ch`: succ[0] the body (one receive per iteration), succ[1] the exit once ch is closed. `okLoop`:
   * written as `for { v, ok := <-ch; if !ok { break or return }; … }`, the same loop (succ[1] then runs the
   * `if !ok` body, and `r` is the receive's) */
  | { t: 'range'; ch: Val; r: Range; okLoop?: boolean }
  /** succ: the cases' blocks in order, then the default's if there is one */
  | { t: 'select'; r: Range; cases: SelectCase[]; dflt?: number }
  | { t: 'return'; r: Range }
  /** falls off the end of the body */
  | { t: 'end'; r: Range }
  /** ends the goroutine abruptly (panic, os.Exit, log.Fatal, runtime.Goexit) or stops the test (`fatal`) */
  | { t: 'exit'; how: 'panic' | 'abort' | 'goexit' | 'fatal'; r: Range };

export interface Block {
  ops: Op[];
  term: Term;
  succ: number[];
  /** the innermost loop (its header block) this block belongs to; a header belongs to its own loop */
  loop?: number;
  /** for a loop header: the header of the loop around it */
  outer?: number;
  /** a call that fails the test without stopping it (t.Error, assert.X) runs in this block */
  fails?: boolean;
}

export interface FuncIR {
  /** the FuncFact id (F:name, M:Type.name, L:line:col) */
  id: string;
  /** the enclosing function's id, for literals */
  parent?: string;
  /** blocks[0] is the entry */
  blocks: Block[];
  /** the variables this function declares (params and results first) */
  vars: Record<VarId, VarInfo>;
}
