// Builds the concurrency IR (src/ir/types.ts) of a file's functions from the flat syntax tree, in the fact walk.
// Go scoping is followed (blocks, if/for/switch/select initializers, `:=` declaring only names new to the scope),
// so every use of a variable names its declaration, in nested func literals too.
import { onceGuarded, outermostLiterals } from '../parse/syntax.js';
import { apiEffect, methodConvention, type ApiEffect } from '../api/table.js';
import type { FlatNode as Node } from '../parse/flat.js';
import type { Range } from '../parse/types.js';
import type { Block, FnRef, FuncIR, Op, SelectCase, Term, TypeName, Val, VarId, VarInfo } from './types.js';

export interface IrEnv {
  range(n: Node, end?: Node): Range;
  /** local import name -> import path */
  imports: ReadonlyMap<string, string>;
  /** the import paths of the file's dot imports (`import . "github.com/onsi/gomega"`): a bare name not declared
   * locally may be one of theirs (a package-level declaration of the same name would not compile) */
  dotImports?: readonly string[];
}

const BUILTINS = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new',
  'panic', 'print', 'println', 'real', 'recover',
]);
/** A body holds one of these, or it has no concurrency of its own worth a graph. */
export const CONCURRENT = /<-|\bgo\s|\bselect\b|\bchan\b|\.Go\(/;
/** A body that may close a channel. */
const CLOSES = /\bclose\(/;
/** A range over a field: a struct field's channel, maybe; or a timer's or ticker's C held deeper (`p.ticker.C`). */
const RANGE_FIELD = /\brange\s+[A-Za-z_]\w*\.\w+\s*\{|\brange\s+[A-Za-z_][\w.]*\.C\s*\{/;

/** The IR of every function declaration of the file whose body holds concurrency, with its nested literals. */
export function buildFileIR(root: Node, env: IrEnv): FuncIR[] {
  const out: FuncIR[] = [];
  const vars = new Map<VarId, VarInfo>();
  for (const top of root.namedChildren) {
    if (top.type === 'var_declaration') {
      // func literals in package-level variables (`var Cmd = &Command{Run: func(req, res) {...}}`): functions
      // of their own, with no enclosing function
      // (named as the fact walk names them: V:name for a variable that is a func literal, else L:line:col)
      for (const spec of top.descendantsOfType('var_spec')) {
        if (!spec) continue;
        const names = spec.childrenForFieldName('name');
        const values = spec.childForFieldName('value')?.namedChildren ?? [];
        values.forEach((v, i) => {
          if (!v) return;
          const lits = v.type === 'func_literal' ? [v] : outermostLiterals(v);
          for (const lit of lits) {
            if (!CONCURRENT.test(lit.text)) continue;
            const id = lit === v && names[i] ? `V:${names[i]!.text}` : `L:${lit.startPosition.row + 1}:${lit.startPosition.column + 1}`;
            new FnBuilder(env, out, vars, id, undefined, [new Map()]).build(lit);
          }
        });
      }
      continue;
    }
    if (top.type !== 'function_declaration' && top.type !== 'method_declaration') continue;
    const body = top.childForFieldName('body');
    const nameNode = top.childForFieldName('name');
    if (!body || !nameNode || body.namedChildren.length === 0) continue;
    // a body with concurrency of its own, or one handed a channel (its use of the parameter is summarized for
    // its callers: src/analysis/summaries.ts)
    const signature = top.text.slice(0, body.startIndex - top.startIndex);
    // (a body that closes a channel is built too: whether anything closes a channel field is a package-wide question)
    if (!CONCURRENT.test(body.text) && !/\bchan\b/.test(signature) && !RANGE_FIELD.test(body.text) && !CLOSES.test(body.text)) continue;
    const name = nameNode.text;
    let id: string;
    if (top.type === 'method_declaration') {
      const decl = top.childForFieldName('receiver')?.namedChildren.find((c) => c.type === 'parameter_declaration');
      const t = decl?.childForFieldName('type');
      id = `M:${t ? baseTypeName(t) : ''}.${name}`;
    } else {
      id = name === 'init' ? `F:init@${nameNode.startPosition.row + 1}` : `F:${name}`;
    }
    const start = out.length;
    new FnBuilder(env, out, vars, id, undefined, [new Map()]).build(top);
    localFields(out.slice(start));
  }
  return out;
}

/**
 * Channels in the fields of a local object that never leaves its function are local channels: for a variable
 * declared with a composite literal (`conn := &connection{write: make(chan []byte)}`, VarInfo.fresh) that its
 * function and literals only select fields from (VarInfo.confined, with no method called or started on it, which
 * would see the fields through its receiver), a field written once, with a new channel, becomes a variable of its
 * own (`conn.write@line:col`): the store is its make, and every `conn.write` in the function and its literals names
 * it. The analyses then judge it as they judge a channel the function makes.
 */
function localFields(fns: FuncIR[]): void {
  for (const fn of fns) {
    for (const [id, info] of Object.entries(fn.vars)) {
      if (info.kind !== 'local' || !info.fresh || !info.confined || info.confined.go || (info.confined.calls?.length ?? 0) > 0) continue;
      const stores = new Map<string, { fn: FuncIR; b: number; i: number; op: Op & { o: 'store' } }[]>();
      for (const f of fns) {
        f.blocks.forEach((blk, b) =>
          blk.ops.forEach((o, i) => {
            if (o.o !== 'store' || o.field.base !== id) return;
            const l = stores.get(o.field.name) ?? [];
            l.push({ fn: f, b, i, op: o });
            stores.set(o.field.name, l);
          }),
        );
      }
      for (const [name, l] of stores) {
        const only = l.length === 1 ? l[0]! : undefined;
        if (!only || !only.op.made || only.op.cap === undefined) continue;
        const syn: VarId = `${info.name}.${name}@${only.op.r.start.line}:${only.op.r.start.col}`;
        fn.vars[syn] = { name: `${info.name}.${name}`, kind: 'local', type: { k: 'chan' } };
        only.fn.blocks[only.b]!.ops[only.i] = { o: 'make', dst: syn, cap: only.op.cap, r: only.op.r };
        const is = (v: unknown): boolean => {
          const x = v as Val | undefined;
          return !!x && x.k === 'field' && x.base === id && x.name === name;
        };
        const rewrite = (v: unknown): unknown => {
          if (is(v)) return { k: 'var', id: syn };
          if (Array.isArray(v)) return v.map(rewrite);
          if (v && typeof v === 'object') {
            let changed = false;
            const o: Record<string, unknown> = {};
            for (const [k, x] of Object.entries(v)) {
              const y = k === 'r' ? x : rewrite(x);
              if (y !== x) changed = true;
              o[k] = y;
            }
            return changed ? o : v;
          }
          return v;
        };
        for (const f of fns) {
          for (const blk of f.blocks) {
            blk.ops = blk.ops.map((o) => {
              // a hand-out of the field is now an escape of the channel's variable
              if (o.o === 'handout' && is(o.field)) return { o: 'escape', v: syn, how: o.how, r: o.r };
              return rewrite(o) as Op;
            });
            blk.term = rewrite(blk.term) as Term;
          }
          for (const [vid, vi] of Object.entries(f.vars)) if (vi.recvFrom && is(vi.recvFrom)) f.vars[vid] = { ...vi, recvFrom: { k: 'var', id: syn } };
        }
      }
    }
  }
}

/** Per file (keyed by its variable table): the ok variables of comma-ok receives. */
const okVars = new WeakMap<Map<VarId, VarInfo>, Set<VarId>>();

/** Per file (keyed by its variable table): how many times each variable is assigned. */
const assignCounts = new WeakMap<Map<VarId, VarInfo>, Map<VarId, number>>();

interface Jump {
  label?: string;
  brk: number;
  cont?: number;
}

class FnBuilder {
  private blocks: Block[] = [];
  private cur = 0;
  private vars: Record<VarId, VarInfo> = {};
  /** error variables known to be non-nil where the builder is (inside the branch of an `if err != nil`) */
  /** the error variables known non-nil here (inside `if err != nil`), each with the assignment count when it became
   * known: an assignment to it since (`err = retry()`) ends the knowledge */
  private nonNil: { v: VarId; since: number }[] = [];
  /** the assignment count at the last assignment to each variable */
  private assignedAt = new Map<VarId, number>();
  private assignments = 0;
  private jumps: Jump[] = [];
  private labels = new Map<string, number>();
  private loop: number | undefined;
  private paramIndex = 0;
  /** the declaring identifier of each receiver and local (see confine) */
  private declNodes = new Map<VarId, Node>();
  /** the receive an expression emitted last (a comma-ok assignment names its ok variable on it) */
  private lastRecv: (Op & { o: 'recv' }) | undefined;

  constructor(
    private env: IrEnv,
    private out: FuncIR[],
    /** every variable of the file declared so far (captures are looked up here) */
    private all: Map<VarId, VarInfo>,
    private id: string,
    private parent: string | undefined,
    private scopes: Map<string, VarId>[],
  ) {}

  build(fn: Node): void {
    this.cur = this.newBlock();
    this.scopes.push(new Map());
    const recv = fn.childForFieldName('receiver');
    if (recv) this.params(recv, 'recv');
    const params = fn.childForFieldName('parameters');
    if (params) this.params(params, 'param');
    const result = fn.childForFieldName('result');
    if (result?.type === 'parameter_list') this.params(result, 'result');
    const body = fn.childForFieldName('body');
    if (body) this.stmts(body);
    this.scopes.pop();
    this.confine(fn);
    this.term({ t: 'end', r: this.env.range(body ?? fn) }, []);
    this.out.push({ id: this.id, ...(this.parent ? { parent: this.parent } : {}), blocks: this.blocks, vars: this.vars });
  }

  /**
   * Marks the receivers and locals whose value reaches no other code (VarInfo.confined), and the locals declared
   * with a composite literal (VarInfo.fresh). Every identifier of the name in the function counts as a use (one of
   * an inner scope that shadows it too: that can only deny).
   */
  private confine(fn: Node): void {
    if (this.declNodes.size === 0) return;
    const byName = new Map<string, Node[]>();
    for (const n of fn.descendantsOfType('identifier')) {
      if (!n) continue;
      const l = byName.get(n.text);
      if (l) l.push(n);
      else byName.set(n.text, [n]);
    }
    for (const [id, decl] of this.declNodes) {
      const v = this.vars[id];
      if (!v) continue;
      let go = false;
      let returned = false;
      const bare = new Set<string>();
      const calls = new Set<string>();
      const ok = (byName.get(v.name) ?? []).every((n) => {
        if (n.startIndex === decl.startIndex) return true;
        if (n.parent?.type === 'expression_list' && n.parent.parent?.type === 'return_statement') {
          // `return x` / `return x, err`: handed back to the caller, the one use besides selections
          returned = true;
          return true;
        }
        const sel = n.parent;
        if (sel?.type !== 'selector_expression' || sel.childForFieldName('operand')?.startIndex !== n.startIndex) return false;
        const up = sel.parent;
        if (up?.type === 'call_expression' && up.childForFieldName('function')?.startIndex === sel.startIndex) {
          // `go x.m(…)`, or a plain call `x.m(…)` (a statement or a value; not deferred): the method runs on x
          if (up.parent?.type === 'go_statement') {
            go = true;
            return true;
          }
          if (up.parent?.type === 'defer_statement') return false;
          const m = sel.childForFieldName('field');
          if (!m) return false;
          calls.add(m.text);
          return true;
        }
        if (up?.type === 'unary_expression' && up.childForFieldName('operator')?.type === '&') return false;
        const plain = !(up?.type === 'selector_expression' && up.childForFieldName('operand')?.startIndex === sel.startIndex) && !(up?.type === 'index_expression' && up.childForFieldName('operand')?.startIndex === sel.startIndex);
        const f = sel.childForFieldName('field');
        if (plain && f) bare.add(f.text);
        return true;
      });
      const c = { go, bare: [...bare].sort(), ...(calls.size > 0 ? { calls: [...calls].sort() } : {}) };
      if (ok && !returned) v.confined = c;
      else if (ok && v.kind === 'local') v.handedBack = c;
      if (v.kind === 'local' && freshValue(decl)) v.fresh = true;
      if (v.kind === 'local' && chanSliceUses(decl, byName.get(v.name) ?? [])) v.chanSlice = true;
    }
  }

  // ---------- blocks ----------

  private newBlock(): number {
    this.blocks.push({ ops: [], term: { t: 'jump' }, succ: [], ...(this.loop !== undefined ? { loop: this.loop } : {}) });
    return this.blocks.length - 1;
  }

  private emit(op: Op): void {
    this.blocks[this.cur]!.ops.push(op);
  }

  /**
   * The loop of this clause runs its body at least once, by constants: `for i := A; i < B; i++` (or `<=`, `B > i`)
   * with A and B integer literals or constants declared in a scope around the loop, A below B; `for range N` with
   * N such a constant above 0.
   */
  private runsOnce(clause: Node): boolean {
    if (clause.type === 'range_clause') {
      const right = clause.childForFieldName('right');
      const n = right ? this.constInt(right) : undefined;
      return n !== undefined && n > 0;
    }
    const init = clause.childForFieldName('initializer');
    const cond = unparen(clause.childForFieldName('condition'));
    const update = clause.childForFieldName('update');
    if (init?.type !== 'short_var_declaration' || cond?.type !== 'binary_expression' || update?.type !== 'inc_statement') return false;
    const l = init.childForFieldName('left')?.namedChildren ?? [];
    const r = init.childForFieldName('right')?.namedChildren ?? [];
    if (l.length !== 1 || r.length !== 1 || l[0]!.type !== 'identifier') return false;
    const v = l[0]!.text;
    const a = this.constInt(r[0]!);
    if (update.namedChildren[0]?.text !== v || a === undefined) return false;
    const op = cond.childForFieldName('operator')?.type;
    const x = unparen(cond.childForFieldName('left'));
    const y = unparen(cond.childForFieldName('right'));
    if (!x || !y) return false;
    const bound = x.text === v ? y : y.text === v ? x : undefined;
    const b = bound ? this.constInt(bound) : undefined;
    if (b === undefined) return false;
    if (x.text === v) return op === '<' ? a < b : op === '<=' ? a <= b : false;
    return op === '>' ? b > a : op === '>=' ? b >= a : false;
  }

  /**
   * How many times the loop of this clause runs its body at most, by constants, when no statement of the body can
   * change the count: `for i := A; i < B; i++` (or `<=`, `B > i`, `B >= i`) with A and B as runsOnce takes them,
   * and `i` neither assigned, incremented nor addressed in the body; `for range N` / `for i := range N`. At most
   * MAX_TIMES (a count beyond is "many" to the analyses); undefined otherwise.
   */
  private iterations(clause: Node, body: Node | null): number | undefined {
    const MAX_TIMES = 8;
    const within = (k: number) => (k > 0 && k <= MAX_TIMES ? k : undefined);
    const untouched = (v: string) =>
      !body || !new RegExp(`(?<![\\w.])${v}\\s*(?:[-+*/%&|^]|<<|>>)?=(?!=)|(?<![\\w.])${v}\\s*(?:\\+\\+|--)|&\\s*${v}(?![\\w])`).test(body.text);
    if (clause.type === 'range_clause') {
      const right = clause.childForFieldName('right');
      // `range N`, or a slice or array literal of N elements written out (`range []string{"a", "b"}`)
      const lit = right ? unparen(right) : null;
      const body0 = lit?.type === 'composite_literal' && /^(slice_type|array_type)$/.test(lit.childForFieldName('type')?.type ?? '') ? lit.childForFieldName('body') : null;
      const n = body0 ? (body0.namedChildren.some((c) => c.type === 'keyed_element') ? undefined : body0.namedChildren.filter((c) => c.type !== 'comment').length) : right ? this.constInt(right) : undefined;
      const left = clause.childForFieldName('left')?.namedChildren ?? [];
      if (left.some((l) => l.type !== 'identifier' || !untouched(l.text))) return undefined;
      return n === undefined ? undefined : within(n);
    }
    const init = clause.childForFieldName('initializer');
    const cond = unparen(clause.childForFieldName('condition'));
    const update = clause.childForFieldName('update');
    if (init?.type !== 'short_var_declaration' || cond?.type !== 'binary_expression' || update?.type !== 'inc_statement') return undefined;
    const l = init.childForFieldName('left')?.namedChildren ?? [];
    const r = init.childForFieldName('right')?.namedChildren ?? [];
    if (l.length !== 1 || r.length !== 1 || l[0]!.type !== 'identifier') return undefined;
    const v = l[0]!.text;
    const a = this.constInt(r[0]!);
    if (update.namedChildren[0]?.text !== v || a === undefined || !untouched(v)) return undefined;
    const op = cond.childForFieldName('operator')?.type;
    const x = unparen(cond.childForFieldName('left'));
    const y = unparen(cond.childForFieldName('right'));
    if (!x || !y) return undefined;
    const bound = x.text === v ? y : y.text === v ? x : undefined;
    const b = bound ? this.constInt(bound) : undefined;
    if (b === undefined) return undefined;
    const strict = x.text === v ? op === '<' : op === '>';
    const loose = x.text === v ? op === '<=' : op === '>=';
    return strict ? within(b - a) : loose ? within(b - a + 1) : undefined;
  }

  /** The value of an integer literal, or of an identifier that no variable in scope holds and that a constant
   * declaration of a block around `e` (or of the file) gives an integer literal. */
  private constInt(e: Node): number | undefined {
    const x = unparen(e);
    if (!x) return undefined;
    if (x.type === 'int_literal') return this.constInt0(x.text);
    if (x.type !== 'identifier' || this.lookup(x.text)) return undefined;
    for (let up = x.parent; up; up = up.parent) {
      for (const d of up.namedChildren) {
        if (d.type !== 'const_declaration' || (up.type !== 'source_file' && d.startIndex > x.startIndex)) continue;
        // (the fact walk keeps a constant declaration's text only: `const n = 16`, `const ( … \n n int = 16 … )`)
        const m = new RegExp(`(?:^const\\s*\\(?|[\\n;(])\\s*${x.text}(?:\\s+[A-Za-z_][\\w.]*)?\\s*=\\s*([0-9][0-9_]*)\\s*(?=$|[\\n;)]|//)`).exec(d.text);
        if (m) return this.constInt0(m[1]!);
      }
    }
    return undefined;
  }

  private constInt0(text: string): number | undefined {
    const n = Number(text.replace(/_/g, ''));
    return /^(?:0|[1-9][0-9_]*)$/.test(text) && Number.isSafeInteger(n) ? n : undefined;
  }

  /** The call op just emitted for the call expression `e` (in the current block), if `e` is one. */
  private callOpOf(e: Node): (Op & { o: 'call' }) | undefined {
    const x = unparen(e);
    if (x?.type !== 'call_expression') return undefined;
    const at = this.env.range(x).start;
    const ops = this.blocks[this.cur]!.ops;
    for (let i = ops.length - 1; i >= 0; i--) {
      const o = ops[i]!;
      if (o.o === 'call' && o.r.start.line === at.line && o.r.start.col === at.col) return o;
    }
    return undefined;
  }

  /** Ends the current block; what follows goes to a new (unreachable until something jumps to it) block. */
  private term(t: Term, succ: number[]): void {
    const b = this.blocks[this.cur]!;
    b.term = t;
    b.succ = succ;
    this.cur = this.newBlock();
  }

  /** A check that stops (`fatal`) or fails (`fail`) the test only when it does not hold (require.X, assert.X): a
   * branch between the failing path and the one that goes on. */
  private check(k: 'fatal' | 'fail', e: Node): void {
    const head = this.cur;
    const bad = this.newBlock();
    const join = this.newBlock();
    const h = this.blocks[head]!;
    h.term = { t: 'branch' };
    h.succ = [bad, join];
    const b = this.blocks[bad]!;
    if (k === 'fatal') b.term = { t: 'exit', how: 'fatal', r: this.env.range(e) };
    else {
      b.fails = true;
      b.succ = [join];
    }
    this.cur = join;
  }

  private jumpTo(to: number): void {
    const b = this.blocks[this.cur]!;
    b.term = { t: 'jump' };
    b.succ = [to];
  }

  // ---------- scopes ----------

  private withScope(f: () => void): void {
    this.scopes.push(new Map());
    try {
      f();
    } finally {
      this.scopes.pop();
    }
  }

  private declare(n: Node, info: Omit<VarInfo, 'name'>): VarId | undefined {
    const name = n.text;
    if (name === '_') return undefined;
    const id = `${name}@${n.startPosition.row + 1}:${n.startPosition.column + 1}`;
    const v: VarInfo = { name, ...info };
    if (info.kind === 'local' || info.kind === 'recv') this.declNodes.set(id, n);
    this.vars[id] = v;
    this.all.set(id, v);
    this.scopes[this.scopes.length - 1]!.set(name, id);
    return id;
  }

  /** A variable of that name is in scope. */
  lookupName(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  private lookup(name: string): VarId | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const id = this.scopes[i]!.get(name);
      if (id) return id;
    }
    return undefined;
  }

  private info(id: VarId): VarInfo | undefined {
    return this.all.get(id);
  }

  private params(list: Node, kind: 'param' | 'result' | 'recv'): void {
    for (const d of list.namedChildren) {
      if (d.type !== 'parameter_declaration' && d.type !== 'variadic_parameter_declaration') continue;
      const t = d.childForFieldName('type');
      const type = t ? this.typeOf(t) : undefined;
      const names = d.childrenForFieldName('name');
      if (names.length === 0 && kind === 'param') this.paramIndex++;
      for (const nm of names) {
        this.declare(nm, { kind, ...(kind === 'param' ? { index: this.paramIndex++ } : {}), ...(type ? { type } : {}) });
      }
    }
  }

  private typeOf(t: Node): VarInfo['type'] {
    switch (t.type) {
      case 'channel_type': {
        const s = t.text;
        return { k: 'chan', ...(s.startsWith('<-') ? { dir: 'recv' as const } : /^chan\s*<-/.test(s) ? { dir: 'send' as const } : {}) };
      }
      case 'pointer_type':
      case 'parenthesized_type':
        return t.namedChildren[0] ? this.typeOf(t.namedChildren[0]) : undefined;
      case 'generic_type':
        return t.childForFieldName('type') ? this.typeOf(t.childForFieldName('type')!) : undefined;
      case 'type_identifier':
        return { k: 'named', pkg: '', name: t.text };
      case 'qualified_type': {
        const pkg = this.env.imports.get(t.childForFieldName('package')?.text ?? '');
        const name = t.childForFieldName('name')?.text ?? '';
        if (pkg === 'context' && name === 'Context') return { k: 'ctx' };
        return pkg !== undefined ? { k: 'named', pkg, name } : undefined;
      }
    }
    return undefined;
  }

  // ---------- statements ----------

  private stmts(n: Node): void {
    for (const c of n.namedChildren) this.stmt(c);
  }

  private stmt(n: Node, label?: string): void {
    switch (n.type) {
      case 'block':
        this.withScope(() => this.stmts(n));
        return;
      case 'statement_list':
        this.stmts(n);
        return;
      case 'comment':
      case 'empty_statement':
      case 'const_declaration':
      case 'type_declaration':
        return;
      case 'expression_statement': {
        const e = n.namedChildren[0];
        if (!e) return;
        const effect = this.expr(e);
        // a call whose results the statement discards: what it returns reaches nobody
        if (e.type === 'call_expression') {
          const ops = this.blocks[this.cur]!.ops;
          const last = ops[ops.length - 1];
          const r = this.env.range(e);
          if (last?.o === 'call' && last.r.start.line === r.start.line && last.r.start.col === r.start.col && last.r.end.line === r.end.line && last.r.end.col === r.end.col) last.dropped = true;
        }
        if (effect?.k === 'exit') this.term({ t: 'exit', how: effect.how, r: this.env.range(e) }, []);
        // a check that fails for sure (a nil check of an error known to be non-nil here) stops or fails as a plain call does
        else if ((effect?.k === 'fatal' || effect?.k === 'fail') && effect.check && !this.failsForSure(e, effect)) this.check(effect.k, e);
        else if (effect?.k === 'fatal') this.term({ t: 'exit', how: 'fatal', r: this.env.range(e) }, []);
        else if (effect?.k === 'fail') this.blocks[this.cur]!.fails = true;
        return;
      }
      case 'send_statement': {
        const ch = n.childForFieldName('channel');
        const value = n.childForFieldName('value');
        if (ch) this.expr(ch);
        if (value) {
          this.expr(value);
          this.escapes(value, 'send');
        }
        const sent = value ? this.val(value) : undefined;
        if (ch) this.emit({ o: 'send', ch: this.val(ch), r: this.env.range(n), text: short(n.text), ...(onceGuarded(n) ? { once: true as const } : {}), ...(unparen(value)?.type === 'nil' ? { nil: true } : {}), ...(sent?.k === 'var' ? { v: sent } : {}) });
        return;
      }
      case 'short_var_declaration':
        this.assign(n, true);
        return;
      case 'assignment_statement':
        this.assign(n, false);
        return;
      case 'var_declaration':
        for (const s of n.descendantsOfType('var_spec')) this.varSpec(s);
        return;
      case 'inc_statement':
      case 'dec_statement':
        for (const c of n.namedChildren) this.expr(c);
        return;
      case 'return_statement': {
        const results = n.namedChildren[0]?.type === 'expression_list' ? n.namedChildren[0].namedChildren : n.namedChildren;
        results.forEach((e, i) => {
          this.expr(e);
          this.escapes(e, 'return');
          const call = this.callOpOf(e);
          if (call) call.ret = i;
        });
        this.term({ t: 'return', r: this.env.range(n) }, []);
        return;
      }
      case 'go_statement':
        this.goStmt(n);
        return;
      case 'defer_statement':
        this.deferStmt(n);
        return;
      case 'if_statement':
        this.withScope(() => this.ifStmt(n));
        return;
      case 'for_statement':
        this.withScope(() => this.forStmt(n, label));
        return;
      case 'expression_switch_statement':
      case 'type_switch_statement':
        this.withScope(() => this.switchStmt(n, label));
        return;
      case 'select_statement':
        this.selectStmt(n, label);
        return;
      case 'labeled_statement': {
        const name = n.childForFieldName('label')?.text ?? '';
        const at = this.labelBlock(name);
        this.jumpTo(at);
        this.cur = at;
        // (a comment may sit between the label and its statement: `loop: // why\n for {…}`)
        const inner = n.namedChildren.find((c) => c.type !== 'label_name' && c.type !== 'comment');
        if (inner) this.stmt(inner, name);
        return;
      }
      case 'break_statement': {
        const l = n.namedChildren.find((c) => c.type === 'label_name')?.text;
        const j = l ? this.jumps.find((x) => x.label === l) : this.jumps[this.jumps.length - 1];
        this.term({ t: 'jump' }, j ? [j.brk] : []);
        return;
      }
      case 'continue_statement': {
        const l = n.namedChildren.find((c) => c.type === 'label_name')?.text;
        const j = [...this.jumps].reverse().find((x) => x.cont !== undefined && (!l || x.label === l));
        this.term({ t: 'jump' }, j?.cont !== undefined ? [j.cont] : []);
        return;
      }
      case 'goto_statement': {
        const l = n.namedChildren.find((c) => c.type === 'label_name')?.text ?? '';
        this.term({ t: 'jump' }, [this.labelBlock(l)]);
        return;
      }
      case 'fallthrough_statement':
        // handled by switchStmt: the case body's end jumps into the next case
        return;
      default:
        for (const c of n.namedChildren) this.expr(c);
    }
  }

  private labelBlock(name: string): number {
    let b = this.labels.get(name);
    if (b === undefined) this.labels.set(name, (b = this.newBlock()));
    return b;
  }

  private ifStmt(n: Node): void {
    const init = n.childForFieldName('initializer');
    if (init) this.stmt(init);
    const cond = n.childForFieldName('condition');
    if (cond) this.expr(cond);
    // what the condition tells of an error variable, each way (resolved here, in the scope of the if's initializer)
    const guards: { v: VarId; not: string[]; to: number }[] = [];
    for (const [truth, to] of [[true, 0], [false, 1]] as const) {
      const g = cond ? this.errGuard(cond, truth) : undefined;
      if (g) guards.push({ ...g, to });
    }
    const head = this.cur;
    const then = this.newBlock();
    this.cur = then;
    const cons = n.childForFieldName('consequence');
    const known = (to: number) => guards.filter((g) => g.to === to && g.not.includes('nil')).map((g) => ({ v: g.v, since: this.assignments }));
    const outer = this.nonNil;
    this.nonNil = [...outer, ...known(0)];
    if (cons) this.stmt(cons);
    this.nonNil = outer;
    const thenEnd = this.cur;
    const alt = n.childForFieldName('alternative');
    let elseStart: number | undefined;
    let elseEnd: number | undefined;
    if (alt) {
      elseStart = this.newBlock();
      this.cur = elseStart;
      this.nonNil = [...outer, ...known(1)];
      this.stmt(alt);
      this.nonNil = outer;
      elseEnd = this.cur;
    }
    const join = this.newBlock();
    const h = this.blocks[head]!;
    const ok = cond ? okTestOf(cond) : undefined;
    const okVar0 = ok ? this.lookup(ok.name) : undefined;
    // only the ok variable of a comma-ok receive
    const okVar = okVar0 && okVars.get(this.all)?.has(okVar0) ? okVar0 : undefined;
    h.term = { t: 'branch', ...(ok && okVar ? { okTest: { ok: okVar, closed: ok.closed } } : {}), ...(guards.length ? { guards } : {}) };
    h.succ = [then, elseStart ?? join];
    this.link(thenEnd, join);
    if (elseEnd !== undefined) this.link(elseEnd, join);
    this.cur = join;
  }

  /** Falls from the end of block `from` into `to`, unless `from` already ends in a jump or exit. */
  private link(from: number, to: number): void {
    const b = this.blocks[from]!;
    if (b.term.t === 'jump' && b.succ.length === 0) b.succ = [to];
  }

  private forStmt(n: Node, label: string | undefined): void {
    const clause = n.namedChildren.find((c) => c.type === 'for_clause' || c.type === 'range_clause');
    const body = n.childForFieldName('body');
    const cond = n.namedChildren.find((c) => c !== clause && c !== body && c.type !== 'comment');
    const okLoop = !clause && !cond && body ? okLoopShape(body, label) : undefined;
    if (okLoop) {
      this.okLoopStmt(n, label, okLoop);
      return;
    }
    let rangeCh: Val | undefined;
    let rangeCall: string | undefined;
    let hasExit = !!cond;
    let update: Node | null = null;
    if (clause?.type === 'for_clause') {
      const init = clause.childForFieldName('initializer');
      if (init) this.stmt(init);
      const c = clause.childForFieldName('condition');
      hasExit = !!c;
      update = clause.childForFieldName('update');
      if (c) {
        // the condition is evaluated in the header
        const head0 = this.newBlock();
        this.jumpTo(head0);
        this.cur = head0;
        this.expr(c);
      }
    } else if (clause?.type === 'range_clause') {
      const right = clause.childForFieldName('right');
      if (right) {
        this.expr(right);
        const v = this.val(right);
        // a field may hold a channel or a slice: the range term names it, and analyses match it only against
        // fields they know hold channels
        // a ticker's channel from the API table (`for range time.Tick(d)`) is a channel too
        if (this.isChan(v) || v.k === 'field' || (v.k === 'api' && apiEffect(v.pkg, v.name)?.k === 'timer')) rangeCh = v;
        else if (v.k === 'expr' && v.call) rangeCall = v.call;
      }
      hasExit = true;
    } else if (cond) {
      const head0 = this.newBlock();
      this.jumpTo(head0);
      this.cur = head0;
      this.expr(cond);
    }
    const { head, outer, bodyStart, exit } = this.openLoop();
    this.loop = head;
    let cont = head;
    if (update) {
      cont = this.newBlock();
      const save = this.cur;
      this.cur = cont;
      this.stmt(update);
      this.jumpTo(head);
      this.cur = save;
    }
    const h = this.blocks[head]!;
    h.term = rangeCh
      ? { t: 'range', ch: rangeCh, r: this.env.range(n, clause ?? undefined) }
      : (() => {
          const times = clause ? this.iterations(clause, n.childForFieldName('body')) : undefined;
          return {
            t: 'loop' as const,
            r: this.env.range(n, clause ?? undefined),
            ...(clause && this.runsOnce(clause) ? { once: true as const } : {}),
            ...(times !== undefined ? { times } : {}),
            ...(rangeCall ? { call: rangeCall } : {}),
          };
        })();
    h.succ = hasExit ? [bodyStart, exit] : [bodyStart];
    if (clause?.type === 'range_clause') {
      const left = clause.childForFieldName('left');
      const define = clause.children.some((c) => c.type === ':=');
      this.cur = bodyStart;
      if (left && define) {
        const ids = left.namedChildren.map((l) => (l.type === 'identifier' ? this.declare(l, { kind: 'local' }) : undefined));
        const right = clause.childForFieldName('right');
        const over = right ? this.val(right) : undefined;
        if (h.term.t === 'loop' && over?.k === 'var') {
          h.term.over = over.id;
          if (ids[0]) h.term.key = ids[0];
          if (ids[1]) h.term.value = ids[1];
        }
      }
    }
    this.cur = bodyStart;
    this.jumps.push({ label, brk: exit, cont });
    if (body) this.stmt(body);
    this.jumps.pop();
    this.link(this.cur, cont);
    this.loop = outer;
    this.cur = exit;
  }

  /** A loop's header block (the current block when it is still empty), the first block of its body (inside the
   * loop) and its exit (outside); `this.loop` is left at the enclosing loop. */
  private openLoop(): { head: number; outer: number | undefined; bodyStart: number; exit: number } {
    const head = this.blocks[this.cur]!.ops.length === 0 && this.blocks[this.cur]!.succ.length === 0 ? this.cur : this.newBlockAfter();
    const outer = this.loop;
    this.loop = head;
    this.blocks[head]!.loop = head;
    if (outer !== undefined) this.blocks[head]!.outer = outer;
    const bodyStart = this.newBlock();
    this.loop = outer;
    const exit = this.newBlock();
    return { head, outer, bodyStart, exit };
  }

  /**
   * `for { v, ok := <-ch; if !ok { …; break or return }; … }`: the same loop as `for v := range ch { … }`, built
   * as one (a range term whose exit runs the `if !ok` body outside the loop), so every analysis that knows a
   * range ends when its channel is closed knows this loop does too.
   */
  private okLoopStmt(n: Node, label: string | undefined, s: OkLoop): void {
    this.expr(s.operand);
    const ch = this.val(s.operand);
    const { head, outer, bodyStart, exit } = this.openLoop();
    const closed = this.newBlock();
    const h = this.blocks[head]!;
    // (where it waits: the receive)
    h.term = { t: 'range', ch, r: this.env.range(s.recv), okLoop: true };
    h.succ = [bodyStart, closed];
    this.jumps.push({ label, brk: exit, cont: head });
    // the `if !ok` body runs once, when the channel is closed: after the loop, not in it
    this.cur = closed;
    this.withScope(() => this.stmts(s.closed));
    this.link(this.cur, exit);
    this.loop = head;
    this.cur = bodyStart;
    this.withScope(() => {
      for (const l of s.left) {
        if (l.type !== 'identifier') continue;
        if (s.define) this.declare(l, { kind: 'local' });
      }
      for (const st of s.rest) this.stmt(st);
    });
    this.jumps.pop();
    this.link(this.cur, head);
    this.loop = outer;
    this.cur = exit;
  }

  /** A fresh block the current one falls into. */
  private newBlockAfter(): number {
    const b = this.newBlock();
    this.jumpTo(b);
    this.cur = b;
    return b;
  }

  private switchStmt(n: Node, label: string | undefined): void {
    const init = n.childForFieldName('initializer');
    if (init) this.stmt(init);
    const value = n.childForFieldName('value');
    if (value) this.expr(value);
    const alias = n.childForFieldName('alias');
    const head = this.cur;
    const cases = n.namedChildren.filter((c) => c.type === 'expression_case' || c.type === 'type_case' || c.type === 'default_case');
    const join = this.newBlock();
    const starts = cases.map(() => this.newBlock());
    this.jumps.push({ label, brk: join });
    cases.forEach((c, i) => {
      this.cur = starts[i]!;
      this.withScope(() => {
        if (alias) for (const a of alias.type === 'expression_list' ? alias.namedChildren : [alias]) if (a.type === 'identifier') this.declare(a, { kind: 'local' });
        const vals = c.childForFieldName('value');
        if (vals && c.type === 'expression_case') this.expr(vals);
        let falls = false;
        for (const s of c.namedChildren) {
          if (s === vals || s.type === 'type_identifier' || s.type === 'qualified_type') continue;
          if (s.type === 'fallthrough_statement') falls = true;
          if (s.type === 'statement_list') {
            for (const x of s.namedChildren) if (x.type === 'fallthrough_statement') falls = true;
          }
          this.stmt(s);
        }
        this.link(this.cur, falls && starts[i + 1] !== undefined ? starts[i + 1]! : join);
      });
    });
    this.jumps.pop();
    const h = this.blocks[head]!;
    h.term = { t: 'branch' };
    h.succ = cases.some((c) => c.type === 'default_case') ? starts : [...starts, join];
    this.cur = join;
  }

  private selectStmt(n: Node, label: string | undefined): void {
    const clauses = n.namedChildren.filter((c) => c.type === 'communication_case' || c.type === 'default_case');
    const cases: SelectCase[] = [];
    let dflt: number | undefined;
    // the channel and value expressions of every case are evaluated on entry
    const comms = clauses.map((c) => (c.type === 'communication_case' ? c.childForFieldName('communication') : null));
    for (const comm of comms) {
      if (!comm) continue;
      if (comm.type === 'send_statement') {
        const ch = comm.childForFieldName('channel');
        const value = comm.childForFieldName('value');
        if (ch) this.expr(ch);
        if (value) {
          this.expr(value);
          this.escapes(value, 'send');
        }
      } else {
        const op = recvOperand(comm.type === 'receive_statement' ? comm.childForFieldName('right') : comm.namedChildren[0] ?? null);
        if (op) this.expr(op);
      }
    }
    const head = this.cur;
    const join = this.newBlock();
    this.jumps.push({ label, brk: join });
    const succ: number[] = [];
    clauses.forEach((c, i) => {
      const start = this.newBlock();
      this.cur = start;
      const comm = comms[i];
      this.withScope(() => {
        if (c.type === 'default_case') dflt = start;
        else if (comm?.type === 'send_statement') {
          const ch = comm.childForFieldName('channel');
          const nil = unparen(comm.childForFieldName('value'))?.type === 'nil';
          const valNode = comm.childForFieldName('value');
          const sent = valNode ? this.val(valNode) : undefined;
          cases.push({ kind: 'send', ch: ch ? this.val(ch) : { k: 'expr', text: '' }, r: this.env.range(comm), text: short(comm.text), to: start, ...(nil ? { nil } : {}), ...(sent?.k === 'var' ? { v: sent } : {}) });
        } else if (comm) {
          const op = recvOperand(comm.type === 'receive_statement' ? comm.childForFieldName('right') : comm.namedChildren[0] ?? null);
          cases.push({ kind: 'recv', ch: op ? this.val(op) : { k: 'expr', text: '' }, r: this.env.range(comm), text: short(op ? '<-' + op.text : comm.text), to: start });
          const left = comm.type === 'receive_statement' ? comm.childForFieldName('left') : null;
          const define = comm.children.some((x) => x.type === ':=');
          if (left && define) {
            left.namedChildren.forEach((l, j) => {
              if (l.type !== 'identifier') return;
              const id = this.declare(l, { kind: 'local' });
              if (id && j === 0 && op) this.vars[id]!.recvFrom = this.val(op);
            });
          }
          const okNode = left?.namedChildren[1];
          const ok = okNode?.type === 'identifier' ? (define ? this.scopes[this.scopes.length - 1]!.get(okNode.text) : this.lookup(okNode.text)) : undefined;
          if (ok) {
            cases[cases.length - 1]!.ok = ok;
            this.markOk(ok);
          }
        }
        for (const s of c.namedChildren) if (s !== comm) this.stmt(s);
      });
      this.link(this.cur, join);
      succ.push(start);
    });
    this.jumps.pop();
    const h = this.blocks[head]!;
    const ordered = [...cases.map((c) => c.to), ...(dflt !== undefined ? [dflt] : [])];
    h.term = { t: 'select', r: this.env.range(n), cases, ...(dflt !== undefined ? { dflt } : {}) };
    h.succ = ordered;
    this.cur = join;
  }

  private goStmt(n: Node): void {
    const call = n.namedChildren.find((c) => c.type === 'call_expression');
    if (!call) return;
    const f = call.childForFieldName('function');
    const args = argNodes(call);
    for (const a of args) this.expr(a);
    const fn = f ? this.fnRef(f) : { k: 'unknown' as const, text: '' };
    if (f && f.type !== 'func_literal' && f.type === 'selector_expression') {
      const operand = f.childForFieldName('operand');
      if (operand) this.expr(operand);
    }
    this.emit({ o: 'go', fn, args: args.map((a) => this.val(a)), r: this.env.range(n) });
  }

  private deferStmt(n: Node): void {
    const call = n.namedChildren.find((c) => c.type === 'call_expression');
    if (!call) return;
    const f = call.childForFieldName('function');
    const args = argNodes(call);
    for (const a of args) this.expr(a);
    const fn = f ? this.fnRef(f) : { k: 'unknown' as const, text: '' };
    this.emit({ o: 'defer', fn, args: args.map((a) => this.val(a)), r: this.env.range(n) });
  }

  // ---------- assignments ----------

  private assign(n: Node, define: boolean): void {
    const left = n.childForFieldName('left')?.namedChildren ?? [];
    const right = n.childForFieldName('right')?.namedChildren ?? [];
    const op = n.children.find((c) => !c.isNamed && /=$/.test(c.type))?.type ?? '=';
    this.lastRecv = undefined;
    for (const r of right) this.expr(r);
    const recv = right.length === 1 && isRecv(right[0]!) ? (this.lastRecv as (Op & { o: 'recv' }) | undefined) : undefined;
    const r = this.env.range(n);
    // ctx, cancel := context.WithCancel(parent) and other calls with several results
    if (right.length === 1 && left.length > 1) {
      const src = this.val(right[0]!);
      const ids = left.map((l) => this.target(l, define, undefined));
      for (const id of ids) if (id) this.bind(id, undefined);
      const call = this.callOpOf(right[0]!);
      if (call) call.res = ids.map((id) => id ?? null);
      // v, ok := <-ch: a receive that observes the close
      if (recv && left.length === 2 && ids[1]) {
        recv.ok = ids[1];
        this.markOk(ids[1]);
      }
      const res = this.resultOf(right[0]!);
      if (res) ids.forEach((id, index) => id && !this.info(id)?.type && this.setType(id, { k: 'result', fn: res, index }));
      if (src.k === 'api' && (src.pkg === 'context' || src.name.startsWith('With'))) {
        const eff = apiEffect(src.pkg, src.name);
        const fieldOf = (l: Node | undefined) => {
          const v = l && unparen(l)?.type === 'selector_expression' ? this.val(l) : undefined;
          return v?.k === 'field' ? v : undefined;
        };
        const cancelField = eff?.k === 'derive' && eff.cancel ? fieldOf(left[1]) : undefined;
        const ctxField = eff?.k === 'derive' && !ids[0] ? fieldOf(left[0]) : undefined;
        if (eff?.k === 'derive' && ctxField) {
          if (ids[1]) this.setType(ids[1], { k: 'cancel' });
          const call = unparen(right[0]!);
          const parentArg = call?.type === 'call_expression' ? argNodes(call)[eff.arg] : undefined;
          this.emit({
            o: 'ctxfield', field: ctxField, src: parentArg ? this.val(parentArg) : src, derive: src.name, r,
            ...(ids[1] ? { cancel: ids[1] } : {}), ...(cancelField ? { cancelField } : {}),
            ...(eff.cancel && !ids[1] && left[1]?.text === '_' ? { lostCancel: true } : {}), ...(eff.timed ? { timed: true } : {}),
          });
        }
        if (eff?.k === 'derive' && ids[0]) {
          this.setType(ids[0], { k: 'ctx' });
          if (ids[1]) this.setType(ids[1], { k: 'cancel' });
          const call = unparen(right[0]!);
          const parentArg = call?.type === 'call_expression' ? argNodes(call)[eff.arg] : undefined;
          this.emit({
            o: 'assign', dst: ids[0], src: parentArg ? this.val(parentArg) : src, derive: src.name, r,
            ...(ids[1] ? { cancel: ids[1] } : {}), ...(eff.cancel && !ids[1] && left[1]?.text === '_' ? { lostCancel: true } : {}), ...(eff.timed ? { timed: true } : {}),
            ...(cancelField ? { cancelField } : {}),
          });
        }
      }
      return;
    }
    left.forEach((l, i) => {
      const rhs = right[i];
      const type = rhs ? this.typeOfExpr(rhs) : undefined;
      const id = this.target(l, define, type);
      if (!rhs || op !== '=' && op !== ':=') {
        if (id) this.bind(id, undefined);
        return;
      }
      const made = makeChan(rhs);
      if (made && id) {
        this.bind(id, undefined);
        this.emit({ o: 'make', dst: id, ...made, r: this.env.range(rhs) });
        return;
      }
      const v = this.val(rhs);
      if (id) this.bind(id, v);
      // `s = append(s, ch)`: ch goes into a slice (a field's slice is handled with the other stores below)
      if (id && isAppend(unparen(rhs), this)) this.escapes(rhs, 'store');
      // `v := <-ch`: the channel the value came from (a reply channel taken from a request channel)
      if (id && define && i === 0 && isRecv(rhs) && this.declNodes.get(id)?.startIndex === l.startIndex) {
        const from = recvOperand(rhs);
        if (from) this.vars[id]!.recvFrom = this.val(from);
      }
      const call = right.length === left.length ? this.callOpOf(rhs) : undefined;
      if (call) call.res = [id ?? null];
      if (id && define && this.declNodes.get(id)?.startIndex === l.startIndex) this.adoptStores(id, rhs);
      if (id && (v.k === 'var' || v.k === 'done' || v.k === 'field' || (v.k === 'api' && type?.k === 'ctx'))) {
        if (v.k !== 'var' || this.isChanOrCtx(v)) this.emit({ o: 'assign', dst: id, src: v, r });
        else if (v.k === 'var') this.emit({ o: 'assign', dst: id, src: v, r });
      }
      if (!id) {
        const into = unparen(l)?.type === 'selector_expression' ? this.val(l) : undefined;
        this.escapes(rhs, 'store', into?.k === 'field' ? into : undefined);
        if (unparen(l)?.type === 'selector_expression') this.store(unparen(l)!, rhs);
      }
    });
  }

  private markOk(id: VarId): void {
    let m = okVars.get(this.all);
    if (!m) okVars.set(this.all, (m = new Set()));
    m.add(id);
  }

  /** Records an assignment to a variable: one that is only ever assigned a func literal of the file names it
   * (`lit`); a second assignment, or one of anything else, takes the name back. */
  private bind(id: VarId, v: Val | undefined): void {
    let m = assignCounts.get(this.all);
    if (!m) assignCounts.set(this.all, (m = new Map()));
    const n = (m.get(id) ?? 0) + 1;
    m.set(id, n);
    const info = this.info(id);
    if (!info) return;
    if (n === 1 && v?.k === 'lit') info.lit = v.id;
    else delete info.lit;
  }

  /** `x := &T{f: v}` declares x: the literal's writes of T's fields (just emitted, base-less) are writes of x's. */
  private adoptStores(id: VarId, rhs: Node): void {
    let e = unparen(rhs);
    if (e?.type === 'unary_expression' && e.childForFieldName('operator')?.type === '&') e = unparen(e.childForFieldName('operand'));
    if (e?.type !== 'composite_literal') return;
    const at = new Set<string>();
    for (const el of e.childForFieldName('body')?.namedChildren ?? []) {
      if (el?.type !== 'keyed_element') continue;
      const value = unparen(el.childForFieldName('value')?.namedChildren[0]);
      if (!value) continue;
      const r = this.env.range(value);
      at.add(`${r.start.line}:${r.start.col}`);
    }
    if (at.size === 0) return;
    const ops = this.blocks[this.cur]!.ops;
    for (let i = 0; i < ops.length; i++) {
      const o = ops[i]!;
      if (o.o !== 'store' || o.field.base || !at.has(`${o.r.start.line}:${o.r.start.col}`)) continue;
      ops[i] = { ...o, field: { ...o.field, base: id } };
    }
  }

  private setType(id: VarId, type: VarInfo['type']): void {
    const v = this.info(id);
    if (v && type) v.type = type;
  }

  /** The variable an assignment's left side names (declared by `:=` when new to the scope); undefined for a
   * field, an index or `_`. */
  private target(l: Node, define: boolean, type: VarInfo['type']): VarId | undefined {
    if (l.type !== 'identifier') {
      this.expr(l);
      return undefined;
    }
    if (define && !this.scopes[this.scopes.length - 1]!.has(l.text)) return this.declare(l, { kind: 'local', ...(type ? { type } : {}) });
    const id = this.lookup(l.text);
    if (id) this.assignedAt.set(id, ++this.assignments);
    if (id && type && !this.info(id)?.type) this.setType(id, type);
    return id;
  }

  private varSpec(s: Node): void {
    const t = s.childForFieldName('type');
    const type = t ? this.typeOf(t) : undefined;
    const names = s.childrenForFieldName('name');
    const values = s.childForFieldName('value')?.namedChildren ?? [];
    for (const v of values) this.expr(v);
    names.forEach((nm, i) => {
      const rhs = values[i];
      const id = this.declare(nm, { kind: 'local', ...(type ? { type } : rhs ? pick(this.typeOfExpr(rhs)) : {}) });
      const made = rhs ? makeChan(rhs) : undefined;
      if (rhs && id) this.bind(id, made ? undefined : this.val(rhs));
      const call = rhs && values.length === names.length ? this.callOpOf(rhs) : undefined;
      if (call) call.res = [id ?? null];

      if (rhs && id && values.length === names.length) this.adoptStores(id, rhs);
      if (made && id) this.emit({ o: 'make', dst: id, ...made, r: this.env.range(rhs!) });
      else if (rhs && id) {
        const v = this.val(rhs);
        if (v.k === 'var' || v.k === 'done' || v.k === 'field') this.emit({ o: 'assign', dst: id, src: v, r: this.env.range(s) });
      }
    });
  }

  private typeOfExpr(e: Node): VarInfo['type'] {
    const x = unparen(e);
    if (!x) return undefined;
    if (makeChan(x)) return { k: 'chan' };
    if (x.type === 'composite_literal') {
      const t = x.childForFieldName('type');
      return t ? this.typeOf(t) : undefined;
    }
    if (x.type === 'unary_expression' && x.childForFieldName('operator')?.type !== '<-' && x.text.startsWith('&')) {
      const o = x.childForFieldName('operand');
      return o ? this.typeOfExpr(o) : undefined;
    }
    const v = this.val(x);
    if (v.k === 'var') return this.info(v.id)?.type;
    if (v.k === 'done') return { k: 'chan', dir: 'recv' };
    if (v.k === 'api') {
      const eff = apiEffect(v.pkg, v.name);
      if (eff?.k === 'derive' || eff?.k === 'background') return { k: 'ctx' };
      if (eff?.k === 'timer-chan') return { k: 'chan', dir: 'recv' };
      if (eff?.k === 'timer') return { k: 'named', pkg: 'time', name: v.name === 'NewTimer' ? 'Timer' : 'Ticker' };
    }
    if (x.type === 'call_expression') {
      const f = unparen(x.childForFieldName('function'));
      const name = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : undefined;
      if (name && methodConvention(name, argNodes(x).length) === 'ctx-of') return { k: 'ctx' };
    }
    const res = this.resultOf(x);
    return res ? { k: 'result', fn: res, index: 0 } : undefined;
  }

  /** What a call expression calls, when it is a function or method the module index may know (not a func value,
   * a literal or a builtin). */
  private resultOf(e: Node): (FnRef & { k: 'func' | 'pkg' | 'method' }) | undefined {
    const x = unparen(e);
    if (x?.type !== 'call_expression') return undefined;
    const f = unparen(x.childForFieldName('function'));
    if (f?.type !== 'identifier' && f?.type !== 'selector_expression') return undefined;
    const fn = this.fnRef(f);
    return fn.k === 'func' || fn.k === 'pkg' || fn.k === 'method' ? fn : undefined;
  }

  private isChan(v: Val): boolean {
    if (v.k === 'done') return true;
    if (v.k === 'var') return this.info(v.id)?.type?.k === 'chan';
    return false;
  }

  private isChanOrCtx(v: Val): boolean {
    if (v.k !== 'var') return false;
    const t = this.info(v.id)?.type?.k;
    return t === 'chan' || t === 'ctx' || t === 'cancel';
  }

  /** A write into struct field `dst` (a selector, or `T.f` of a composite literal) of `rhs`; constants, func and
   * composite literals are not recorded (they hold no channel the field could share). */
  private store(dst: Node | Val & { k: 'field' }, rhs: Node): void {
    const x = unparen(rhs);
    if (!x || NOT_STORED.has(x.type)) return;
    const field = 'type' in dst ? this.val(dst) : dst;
    if (field.k !== 'field') return;
    const m = makeChan(x);
    this.emit({ o: 'store', field, src: this.val(x), ...(m ? { made: true, cap: m.cap } : {}), r: this.env.range(x) });
  }

  /** A channel or ctx variable written into something the IR does not follow; `into`: the struct field it is
   * stored in (`x.f = v`); `owner`: the named type of the composite literal being walked (`T{f: v}`). */
  private escapes(e: Node, how: 'return' | 'store' | 'send', into?: Val & { k: 'field' }, owner?: TypeName): void {
    const x = unparen(e);
    if (!x) return;
    if (x.type === 'selector_expression') {
      const v = this.val(x);
      if (v.k === 'field') this.emit({ o: 'handout', field: v, how, r: this.env.range(x) });
      return;
    }
    if (x.type === 'identifier') {
      const id = this.lookup(x.text);
      if (id && this.isChanOrCtx({ k: 'var', id })) this.emit({ o: 'escape', v: id, how, r: this.env.range(x), ...(into ? { into } : {}) });
      return;
    }
    if (x.type === 'keyed_element' && owner) {
      // T{f: v}: v goes into field f (a key that names the value's own variable, `cancel: cancel`, is the field)
      const [key, value] = x.namedChildren;
      const k = key?.type === 'literal_element' ? key.namedChildren[0] : key;
      const v = value?.type === 'literal_element' ? value.namedChildren[0] : value;
      if (k?.type === 'identifier' || k?.type === 'field_identifier') {
        const field = { k: 'field' as const, owner, name: k.text, text: k.text };
        const inner = how === 'return' ? 'store' : how;
        if (!(k.type === 'identifier' && v && unparen(v)?.text === k.text)) this.escapes(key!, inner);
        if (value) this.escapes(value, inner, field);
        return;
      }
    }
    if (x.type === 'composite_literal' || x.type === 'expression_list' || x.type === 'literal_value' || x.type === 'keyed_element' || x.type === 'literal_element') {
      let nested: TypeName | undefined = x.type === 'literal_value' ? owner : undefined;
      if (x.type === 'composite_literal') {
        const t = x.childForFieldName('type');
        const tt = t ? this.typeOf(t) : undefined;
        if (tt?.k === 'named') nested = { pkg: tt.pkg, name: tt.name };
      }
      for (const c of x.namedChildren) this.escapes(c, how === 'return' ? 'store' : how, x.type === 'literal_element' ? into : undefined, nested);
    }
    if (x.type === 'unary_expression' && x.text.startsWith('&')) {
      const o = x.childForFieldName('operand');
      if (o) this.escapes(o, 'store');
    }
    // append(s, v…): the values go into the slice's elements, wherever the slice is kept
    if (isAppend(x, this)) for (const a of argNodes(x).slice(1)) this.escapes(a, 'store');
  }

  // ---------- expressions ----------

  /** Walks an expression for the operations it performs, in evaluation order; returns a call's API effect. */
  private expr(n: Node): ApiEffect | undefined {
    switch (n.type) {
      case 'identifier':
      case 'int_literal':
      case 'float_literal':
      case 'interpreted_string_literal':
      case 'raw_string_literal':
      case 'rune_literal':
      case 'true':
      case 'false':
      case 'nil':
      case 'comment':
      case 'field_identifier':
      case 'type_identifier':
      case 'qualified_type':
      case 'channel_type':
      case 'function_type':
      case 'struct_type':
      case 'interface_type':
        return undefined;
      case 'unary_expression': {
        const operand = n.childForFieldName('operand');
        if (operand) this.expr(operand);
        if (n.childForFieldName('operator')?.type === '<-' || n.text.startsWith('<-')) {
          if (operand) {
            const op: Op & { o: 'recv' } = { o: 'recv', ch: this.val(operand), r: this.env.range(n) };
            this.emit(op);
            this.lastRecv = op;
          }
        }
        return undefined;
      }
      case 'call_expression':
        return this.call(n);
      case 'type_conversion_expression': {
        // `F[T](x)`: tree-sitter-go reads a call with explicit type arguments and one argument as a conversion to a
        // generic type; a call of a function of that name is what it is whenever one exists (a conversion of a
        // value to a generic type hands the value on as well)
        const t = n.childForFieldName('type');
        const operand = n.childForFieldName('operand');
        if (t?.type !== 'generic_type' || !operand) {
          for (const c of n.namedChildren) this.expr(c);
          return undefined;
        }
        this.expr(operand);
        this.emit({ o: 'call', fn: this.fnRef(t), args: [this.val(operand)], r: this.env.range(n) });
        return undefined;
      }
      case 'func_literal':
        this.literal(n);
        return undefined;
      case 'composite_literal': {
        const body = n.childForFieldName('body');
        if (body) {
          this.expr(body);
          const t = n.childForFieldName('type');
          const tt = t ? this.typeOf(t) : undefined;
          this.escapes(body, 'store', undefined, tt?.k === 'named' ? { pkg: tt.pkg, name: tt.name } : undefined);
          // T{f: v}: a write into T.f
          const owner = tt;
          if (owner?.k === 'named') {
            for (const el of body.namedChildren) {
              if (el.type !== 'keyed_element') continue;
              const key = el.childForFieldName('key')?.namedChildren[0];
              const value = el.childForFieldName('value')?.namedChildren[0];
              if (key?.type !== 'identifier' || !value) continue;
              const typeName = { pkg: owner.pkg, name: owner.name };
              this.store({ k: 'field', owner: typeName, name: key.text, text: `${t!.text}.${key.text}`.slice(0, 60) }, value);
            }
          }
        }
        return undefined;
      }
      default:
        for (const c of n.namedChildren) this.expr(c);
        return undefined;
    }
  }

  private literal(n: Node): string {
    const id = `L:${n.startPosition.row + 1}:${n.startPosition.column + 1}`;
    const b = new FnBuilder(this.env, this.out, this.all, id, this.id, [...this.scopes]);
    b.build(n);
    return id;
  }

  private call(n: Node): ApiEffect | undefined {
    const f = n.childForFieldName('function');
    const args = argNodes(n);
    if (!f) return undefined;
    const fn0 = unparen(f);
    // the operand of a method call is evaluated first (once: chains a.b().c() recurse through it); a chain that
    // starts with a call that ends the program ends it (zerolog's log.Fatal().Err(err).Msg(...))
    let chained: ApiEffect | undefined;
    if (fn0?.type === 'selector_expression') {
      const operand = fn0.childForFieldName('operand');
      if (operand && !(operand.type === 'identifier' && this.isImport(operand.text))) chained = this.expr(operand);
      if (chained?.k !== 'exit') chained = undefined;
    } else if (fn0 && fn0.type !== 'identifier' && fn0.type !== 'func_literal') {
      this.expr(fn0);
    }
    const fn = this.fnRef(f);
    if (fn.k === 'builtin' && fn.name === 'make') return undefined;
    for (const a of args) this.expr(a);
    const r = this.env.range(n);
    if (fn.k === 'builtin') {
      if (fn.name === 'close' && args[0]) this.emit({ o: 'close', ch: this.val(args[0]), r });
      if (fn.name === 'panic') return apiEffect('builtin', 'panic');
      // a deferred func that recovers turns a panic into a return of the function that deferred it
      if (fn.name === 'recover') this.emit({ o: 'call', fn, args: [], r });
      return undefined;
    }
    const vals = args.map((a) => this.val(a));
    const effect = this.effectOf(fn);
    if (effect?.k === 'spawn' && vals[effect.arg]) {
      const a = vals[effect.arg]!;
      const target: FnRef = a.k === 'lit' ? { k: 'lit', id: a.id } : { k: 'value', v: a };
      this.emit({ o: 'go', fn: target, args: [], r, group: true, ...(fn.k === 'method' ? { waiter: { v: fn.recv, name: effect.waitedBy } } : {}) });
      return effect;
    }
    this.emit({ o: 'call', fn, args: vals, r });
    return effect ?? chained;
  }

  /** When condition `c` evaluates to `truth`, the one error variable it tests is none of these values: `'nil'` or a
   * package-level variable `path.Name` (see the branch term's `guards`). */
  private errGuard(c: Node, truth: boolean): { v: VarId; not: string[] } | undefined {
    const x = unparen(c);
    if (!x) return undefined;
    if (x.type === 'unary_expression' && x.childForFieldName('operator')?.type === '!') {
      const o = x.childForFieldName('operand');
      return o ? this.errGuard(o, !truth) : undefined;
    }
    if (x.type === 'binary_expression') {
      const op = x.childForFieldName('operator')?.type;
      const a = x.childForFieldName('left');
      const b = x.childForFieldName('right');
      if (!a || !b) return undefined;
      // `p && q` true: both hold; `p || q` false: neither holds
      if ((op === '&&' && truth) || (op === '||' && !truth)) {
        const ga = this.errGuard(a, truth);
        const gb = this.errGuard(b, truth);
        if (ga && gb) return ga.v === gb.v ? { v: ga.v, not: [...new Set([...ga.not, ...gb.not])] } : undefined;
        return ga ?? gb;
      }
      // `v != k` true, `v == k` false: v is not k
      if ((op === '!=' && truth) || (op === '==' && !truth)) {
        const [v, k] = this.errVar(a) ? [a, b] : [b, a];
        const id = this.errVar(v);
        const val = this.sentinel(k);
        return id && val ? { v: id, not: [val] } : undefined;
      }
      return undefined;
    }
    if (x.type === 'call_expression' && !truth) {
      // errors.Is(v, pkg.E) false: v is not pkg.E
      const f = x.childForFieldName('function');
      const args = x.childForFieldName('arguments')?.namedChildren.filter((n) => n.type !== 'comment') ?? [];
      const fn = unparen(f)?.type === 'selector_expression' ? this.fnRef(f!) : undefined;
      const e = fn?.k === 'pkg' ? apiEffect(fn.pkg, fn.name) : undefined;
      if (e?.k !== 'error-is' || !args[e.err] || !args[e.target]) return undefined;
      const id = this.errVar(args[e.err]!);
      const val = this.sentinel(args[e.target]!);
      return id && val && val !== 'nil' ? { v: id, not: [val] } : undefined;
    }
    return undefined;
  }

  /** A variable of the function (an identifier that names one). */
  private errVar(n: Node): VarId | undefined {
    const x = unparen(n);
    return x?.type === 'identifier' ? this.lookup(x.text) : undefined;
  }

  /** `nil`, or a package-level variable: `pkg.Name` of an import, or a bare name no local declares. */
  private sentinel(n: Node): string | undefined {
    const x = unparen(n);
    if (!x) return undefined;
    if (x.type === 'nil') return 'nil';
    if (x.type === 'identifier') return x.text !== 'nil' && this.lookup(x.text) === undefined ? `.${x.text}` : undefined;
    if (x.type === 'selector_expression') {
      const operand = x.childForFieldName('operand');
      const field = x.childForFieldName('field')?.text;
      if (operand?.type === 'identifier' && field && this.isImport(operand.text)) return `${this.env.imports.get(operand.text)!}.${field}`;
    }
    return undefined;
  }

  private effectOf(fn: FnRef): ApiEffect | undefined {
    if (fn.k === 'pkg') return apiEffect(fn.pkg, fn.name);
    if (fn.k === 'method') {
      const t = this.typeOfVal(fn.recv);
      if (t) return apiEffect(t.pkg, `${t.name}.${fn.name}`);
    }
    return undefined;
  }

  private typeOfVal(v: Val): TypeName | undefined {
    if (v.k === 'var') {
      const t = this.info(v.id)?.type;
      // the result of an API function whose result type the table gives (`r := require.New(t)`: an Assertions)
      if (t?.k === 'result' && t.fn.k === 'pkg' && t.index === 0) {
        const e = apiEffect(t.fn.pkg, t.fn.name);
        if (e?.k === 'returns') return { pkg: t.fn.pkg, name: e.type };
      }
      return t?.k === 'named' ? t : undefined;
    }
    // testify suites: s.T() returns the test's *testing.T
    if (v.k === 'expr' && /\.T\(\)$/.test(v.text)) return { pkg: 'testing', name: 'T' };
    // and, in a file of testify suites (it imports the suite package), a method of Suite called without arguments on
    // a suite (`s.Require()`) returns what the API table says it does
    const method = v.k === 'expr' ? /\.([A-Za-z_]\w*)\(\)$/.exec(v.text)?.[1] : undefined;
    if (method) {
      for (const p of this.env.imports.values()) {
        const e = apiEffect(p, `Suite.${method}`);
        if (e?.k === 'returns' && e.pkg && /(^|\/)testify\/suite$/.test(p)) return { pkg: e.pkg, name: e.type };
      }
    }
    // a call of an API function whose result type the table gives (gomega.Expect returns an Assertion)
    if (v.k === 'api') {
      const e = apiEffect(v.pkg, v.name);
      if (e?.k === 'returns') return { pkg: v.pkg, name: e.type };
    }
    return undefined;
  }

  /** The check `e` tests that an error variable is nil (testify's NoError, argument `noError`; gomega's
   * `Expect(err).ToNot(HaveOccurred())`, `.To(Succeed())`…, by the API table's matchers), and that variable is known
   * to be non-nil where the check is: it fails for sure. */
  private failsForSure(e: Node, effect: { noError?: number; negated?: boolean }): boolean {
    if (this.nonNil.length === 0 || e.type !== 'call_expression') return false;
    const args = argNodes(e);
    if (effect.noError !== undefined) {
      const v = args[effect.noError] ? this.errVar(args[effect.noError]!) : undefined;
      return !!v && this.knownNonNil(v);
    }
    const f = unparen(e.childForFieldName('function'));
    const expect = f?.type === 'selector_expression' ? unparen(f.childForFieldName('operand')) : undefined;
    const matcher = args[0] ? unparen(args[0]) : undefined;
    if (!expect || expect.type !== 'call_expression' || matcher?.type !== 'call_expression') return false;
    const m = this.apiOf(matcher.childForFieldName('function'));
    const me = m ? apiEffect(m.pkg, m.name) : undefined;
    if (me?.k !== 'matcher') return false;
    if (effect.negated ? me.holdsWhen !== 'non-nil' : me.holdsWhen !== 'nil') return false;
    const x = this.apiOf(expect.childForFieldName('function'));
    const xe = x ? apiEffect(x.pkg, x.name) : undefined;
    const checked = argNodes(expect)[0];
    const v = xe?.k === 'returns' && checked ? this.errVar(checked) : undefined;
    return !!v && this.knownNonNil(v);
  }

  /** `v` is known non-nil here: tested so by an enclosing if, and not assigned since. */
  private knownNonNil(v: VarId): boolean {
    return this.nonNil.some((n) => n.v === v && (this.assignedAt.get(v) ?? 0) <= n.since);
  }

  /** The package function a call's function node names: `pkg.F` through an import, or `F` of a dot import. */
  private apiOf(f: Node | null): { pkg: string; name: string } | undefined {
    const x = f ? unparen(f) : undefined;
    if (x?.type !== 'identifier' && x?.type !== 'selector_expression') return undefined;
    const r = this.fnRef(x);
    return r.k === 'pkg' ? r : undefined;
  }

  /** The dot import a bare name not declared locally comes from, when the API table knows it there. */
  private dotImportOf(name: string): string | undefined {
    if (!this.env.dotImports?.length || this.lookup(name) !== undefined) return undefined;
    return this.env.dotImports.find((p) => apiEffect(p, name) !== undefined);
  }

  private isImport(name: string): boolean {
    return this.env.imports.has(name) && this.lookup(name) === undefined;
  }

  private fnRef(f: Node): FnRef {
    const x = unparen(f);
    if (!x) return { k: 'unknown', text: f.text };
    switch (x.type) {
      case 'identifier':
      case 'type_identifier': {
        const id = this.lookup(x.text);
        if (id) return { k: 'value', v: { k: 'var', id } };
        if (BUILTINS.has(x.text)) return { k: 'builtin', name: x.text };
        const dot = this.dotImportOf(x.text);
        if (dot) return { k: 'pkg', pkg: dot, name: x.text };
        return { k: 'func', name: x.text };
      }
      case 'qualified_type': {
        // pkg.F[T] read by the grammar as a generic type
        const q = x.childForFieldName('package')?.text ?? '';
        const name = x.childForFieldName('name')?.text ?? '';
        if (this.isImport(q)) return { k: 'pkg', pkg: this.env.imports.get(q)!, name };
        return { k: 'unknown', text: x.text.slice(0, 60) };
      }
      case 'selector_expression': {
        const operand = x.childForFieldName('operand');
        const field = x.childForFieldName('field')?.text ?? '';
        if (operand?.type === 'identifier' && this.isImport(operand.text)) return { k: 'pkg', pkg: this.env.imports.get(operand.text)!, name: field };
        return { k: 'method', recv: operand ? this.val(operand) : { k: 'expr', text: '' }, name: field };
      }
      case 'func_literal':
        return { k: 'lit', id: this.literal(x) };
      case 'generic_type':
      case 'index_expression': {
        const inner = x.childForFieldName('type') ?? x.childForFieldName('operand');
        return inner ? this.fnRef(inner) : { k: 'unknown', text: x.text };
      }
    }
    return { k: 'unknown', text: x.text.slice(0, 60) };
  }

  /** What an expression denotes (no operations are emitted). */
  private val(e: Node): Val {
    const x = unparen(e);
    if (!x) return { k: 'expr', text: e.text.slice(0, 60) };
    switch (x.type) {
      case 'identifier': {
        const id = this.lookup(x.text);
        return id ? { k: 'var', id } : { k: 'expr', text: x.text };
      }
      case 'nil':
        return { k: 'nil' };
      case 'func_literal':
        return { k: 'lit', id: `L:${x.startPosition.row + 1}:${x.startPosition.column + 1}` };
      case 'type_conversion_expression': {
        // (<-chan T)(ch): the same channel, seen through a narrower type
        let t = x.childForFieldName('type');
        while (t?.type === 'parenthesized_type') t = t.namedChildren[0] ?? null;
        const operand = x.childForFieldName('operand');
        if (t?.type === 'channel_type' && operand) return this.val(operand);
        return { k: 'expr', text: x.text.slice(0, 60) };
      }
      case 'selector_expression': {
        const operand = x.childForFieldName('operand');
        const name = x.childForFieldName('field')?.text ?? '';
        if (operand?.type === 'identifier' && this.isImport(operand.text)) return { k: 'api', pkg: this.env.imports.get(operand.text)!, name, text: x.text.slice(0, 60) };
        const base = operand ? this.val(operand) : undefined;
        const owner = base ? this.typeOfVal(base) : undefined;
        return { k: 'field', name, text: x.text.slice(0, 60), ...(owner ? { owner } : {}), ...(base?.k === 'var' ? { base: base.id } : {}) };
      }
      case 'call_expression': {
        const f = unparen(x.childForFieldName('function'));
        const args = argNodes(x);
        if (f?.type === 'selector_expression') {
          const operand = f.childForFieldName('operand');
          const name = f.childForFieldName('field')?.text ?? '';
          if (operand?.type === 'identifier' && this.isImport(operand.text)) return { k: 'api', pkg: this.env.imports.get(operand.text)!, name, text: x.text.slice(0, 60) };
          if (methodConvention(name, args.length) === 'ctx-done' && operand) return { k: 'done', ctx: this.val(operand) };
        }
        const dot = f?.type === 'identifier' ? this.dotImportOf(f.text) : undefined;
        if (dot && f) return { k: 'api', pkg: dot, name: f.text, text: x.text.slice(0, 60) };
        const at = this.env.range(x).start;
        return { k: 'expr', text: x.text.slice(0, 60), call: `${at.line}:${at.col}` };
      }
      case 'index_expression': {
        const operand = unparen(x.childForFieldName('operand'));
        const index = unparen(x.childForFieldName('index'));
        const of = operand?.type === 'identifier' ? this.lookup(operand.text) : undefined;
        const at = index?.type === 'identifier' ? this.lookup(index.text) : undefined;
        return { k: 'expr', text: x.text.slice(0, 60), ...(of ? { elem: { of, ...(at ? { at } : {}) } } : {}) };
      }
    }
    return { k: 'expr', text: x.text.slice(0, 60) };
  }
}

/** Values a field write is not recorded for (see FnBuilder.store). */
const NOT_STORED = new Set([
  'int_literal', 'float_literal', 'imaginary_literal', 'rune_literal', 'interpreted_string_literal', 'raw_string_literal',
  'true', 'false', 'nil', 'iota', 'func_literal', 'composite_literal', 'binary_expression',
]);

/** The identifier is declared with a composite literal: `x := &T{…}`, `x := T{…}`, `var x = T{…}`. */
function freshValue(decl: Node): boolean {
  const list = decl.parent;
  let values: Node | null | undefined;
  let names: Node[] = [];
  if (list?.type === 'expression_list' && list.parent?.type === 'short_var_declaration' && list.parent.childForFieldName('left')?.startIndex === list.startIndex) {
    names = list.namedChildren.filter((c): c is Node => !!c);
    values = list.parent.childForFieldName('right');
  } else if (list?.type === 'var_spec') {
    names = list.childrenForFieldName('name').filter((c): c is Node => !!c);
    values = list.childForFieldName('value');
  } else return false;
  const i = names.findIndex((c) => c.startIndex === decl.startIndex);
  const vals = values?.namedChildren ?? [];
  if (i < 0 || vals.length !== names.length) return false;
  let e = unparen(vals[i]);
  if (e?.type === 'unary_expression' && e.childForFieldName('operator')?.type === '&') e = unparen(e.childForFieldName('operand'));
  return e?.type === 'composite_literal';
}

/** The slice of channels declared at `decl` starts empty, and every other identifier of its name in the function
 * is one of: the two of one `s = append(s, make(chan T…))`, `range s`, `len(s)`/`cap(s)`, the operand of the one
 * send `s[i] <- v` (see VarInfo.chanSlice). */
function chanSliceUses(decl: Node, uses: Node[]): boolean {
  if (!emptyChanSlice(decl)) return false;
  let appends = 0;
  let sends = 0;
  for (const n of uses) {
    if (n.startIndex === decl.startIndex) continue;
    const up = n.parent;
    if (!up) return false;
    if (up.type === 'range_clause' && up.childForFieldName('right')?.startIndex === n.startIndex) continue;
    if (up.type === 'argument_list') {
      const call = up.parent;
      const f = call?.childForFieldName('function');
      const args = up.namedChildren;
      if (f?.type === 'identifier' && (f.text === 'len' || f.text === 'cap') && args.length === 1) continue;
      // the first argument of `s = append(s, make(chan T…))`
      if (f?.type === 'identifier' && f.text === 'append' && args.length === 2 && args[0]?.startIndex === n.startIndex && makeChan(args[1]!)) {
        const list = call!.parent;
        const st = list?.parent;
        if (list?.type === 'expression_list' && list.namedChildren.length === 1 && st?.type === 'assignment_statement' && st.childForFieldName('right')?.startIndex === list.startIndex) {
          const left = st.childForFieldName('left')?.namedChildren ?? [];
          if (left.length === 1 && left[0]?.type === 'identifier' && left[0].text === n.text && st.children.some((c) => c.type === '=')) continue;
        }
      }
      return false;
    }
    // the left side of that append statement
    if (up.type === 'expression_list' && up.parent?.type === 'assignment_statement' && up.parent.childForFieldName('left')?.startIndex === up.startIndex) {
      const right = up.parent.childForFieldName('right')?.namedChildren ?? [];
      const call = right.length === 1 ? unparen(right[0]) : undefined;
      const f = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
      const args = call ? argNodes(call) : [];
      if (up.namedChildren.length === 1 && f?.type === 'identifier' && f.text === 'append' && args.length === 2 && args[0]?.text === n.text && makeChan(args[1]!)) {
        appends++;
        continue;
      }
      return false;
    }
    if (up.type === 'index_expression' && up.childForFieldName('operand')?.startIndex === n.startIndex && up.parent?.type === 'send_statement' && up.parent.childForFieldName('channel')?.startIndex === up.startIndex) {
      sends++;
      continue;
    }
    return false;
  }
  return appends === 1 && sends === 1;
}

/** `s := make([]chan T, 0[, n])`, `s := []chan T{}`, `var s []chan T` (no value). */
function emptyChanSlice(decl: Node): boolean {
  const list = decl.parent;
  let value: Node | null | undefined;
  let type: Node | null | undefined;
  if (list?.type === 'expression_list' && list.parent?.type === 'short_var_declaration' && list.namedChildren.length === 1) {
    const vals = list.parent.childForFieldName('right')?.namedChildren ?? [];
    if (vals.length !== 1) return false;
    value = unparen(vals[0]);
  } else if (list?.type === 'var_spec' && list.childrenForFieldName('name').length === 1) {
    type = list.childForFieldName('type');
    value = list.childForFieldName('value')?.namedChildren[0];
    if (!value) return type?.type === 'slice_type' && type.childForFieldName('element')?.type === 'channel_type';
    if (type) return false;
    value = unparen(value);
  } else return false;
  if (!value) return false;
  const chanSliceType = (t: Node | null | undefined) => t?.type === 'slice_type' && t.childForFieldName('element')?.type === 'channel_type';
  if (value.type === 'composite_literal') return chanSliceType(value.childForFieldName('type')) && (value.childForFieldName('body')?.namedChildren.length ?? 0) === 0;
  if (value.type === 'call_expression' && value.childForFieldName('function')?.text === 'make') {
    const args = value.childForFieldName('arguments')?.namedChildren ?? [];
    return chanSliceType(args[0]) && args.length >= 2 && args[1]?.text === '0';
  }
  return false;
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? one.slice(0, 59) + '…' : one;
}

function pick(t: VarInfo['type']): { type?: VarInfo['type'] } {
  return t ? { type: t } : {};
}

function unparen(n: Node | null | undefined): Node | null {
  let x = n ?? null;
  while (x?.type === 'parenthesized_expression') x = x.namedChildren[0] ?? null;
  return x;
}

function argNodes(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return list ? list.namedChildren.filter((c) => c.type !== 'comment') : [];
}

/** A receive expression `<-ch`. */
function isRecv(e: Node): boolean {
  const x = unparen(e);
  return x?.type === 'unary_expression' && (x.childForFieldName('operator')?.type === '<-' || x.text.startsWith('<-'));
}

/** The statements of a block, statement lists flattened, comments left out. */
function blockStmts(b: Node): Node[] {
  const out: Node[] = [];
  for (const c of b.namedChildren) {
    if (c.type === 'statement_list') out.push(...blockStmts(c));
    else if (c.type !== 'comment' && c.type !== 'empty_statement') out.push(c);
  }
  return out;
}

interface OkLoop {
  /** the comma-ok receive statement */
  recv: Node;
  left: Node[];
  define: boolean;
  /** the channel */
  operand: Node;
  /** the statements run when the channel is closed (the `if !ok` body, ending in break or return) */
  closed: Node;
  /** the rest of the loop body */
  rest: Node[];
}

/** `for { v, ok := <-ch; if !ok { …; break or return }; … }` (or `v, ok = <-ch`): the loop's parts. The `if !ok`
 * body must end in a `return` or a `break` of this loop and hold no other jump. */
function okLoopShape(body: Node, label: string | undefined): OkLoop | undefined {
  const st = blockStmts(body);
  const [s0, s1] = st;
  if (!s0 || !s1) return undefined;
  if (s0.type !== 'short_var_declaration' && s0.type !== 'assignment_statement') return undefined;
  const op = s0.children.find((c) => !c.isNamed && /=$/.test(c.type))?.type;
  if (op !== ':=' && op !== '=') return undefined;
  const left = s0.childForFieldName('left')?.namedChildren ?? [];
  const right = s0.childForFieldName('right')?.namedChildren ?? [];
  if (left.length !== 2 || right.length !== 1 || !isRecv(right[0]!)) return undefined;
  const ok = left[1]!;
  if (ok.type !== 'identifier' || ok.text === '_' || left[0]!.type !== 'identifier') return undefined;
  const operand = unparen(right[0]!)!.childForFieldName('operand');
  if (!operand) return undefined;
  if (s1.type !== 'if_statement' || s1.childForFieldName('initializer') || s1.childForFieldName('alternative')) return undefined;
  if (!testsNotOk(s1.childForFieldName('condition'), ok.text)) return undefined;
  const cons = s1.childForFieldName('consequence');
  if (!cons) return undefined;
  const inner = blockStmts(cons);
  const last = inner[inner.length - 1];
  if (!last) return undefined;
  const lastLabel = last.namedChildren.find((c) => c.type === 'label_name')?.text;
  if (!(last.type === 'return_statement' || (last.type === 'break_statement' && (!lastLabel || lastLabel === label)))) return undefined;
  const jumps = ['return_statement', 'break_statement', 'continue_statement', 'goto_statement'];
  if (jumps.reduce((k, t) => k + cons.descendantsOfType(t).length, 0) !== 1) return undefined;
  return { recv: s0, left, define: op === ':=', operand, closed: cons, rest: st.slice(2) };
}

/** An if's condition that tests one variable's truth: `!ok`, `ok == false` (the then branch, 0, runs when it is
 * false) or `ok`, `ok == true` (the other, 1). */
function okTestOf(c: Node): { name: string; closed: number } | undefined {
  const x = unparen(c);
  if (x?.type === 'identifier') return { name: x.text, closed: 1 };
  if (x?.type === 'unary_expression' && x.childForFieldName('operator')?.type === '!') {
    const o = unparen(x.childForFieldName('operand'));
    return o?.type === 'identifier' ? { name: o.text, closed: 0 } : undefined;
  }
  if (x?.type === 'binary_expression' && x.childForFieldName('operator')?.type === '==') {
    const a = x.childForFieldName('left');
    const b = x.childForFieldName('right');
    const [v, k] = a?.type === 'identifier' && (b?.type === 'true' || b?.type === 'false') ? [a, b] : b?.type === 'identifier' && (a?.type === 'true' || a?.type === 'false') ? [b, a] : [];
    return v && k ? { name: v.text, closed: k.type === 'false' ? 0 : 1 } : undefined;
  }
  return undefined;
}

/** The condition is `!ok` or `ok == false`. */
function testsNotOk(c: Node | null, ok: string): boolean {
  const x = unparen(c);
  if (!x) return false;
  if (x.type === 'unary_expression' && x.childForFieldName('operator')?.type === '!') {
    return unparen(x.childForFieldName('operand'))?.type === 'identifier' && unparen(x.childForFieldName('operand'))!.text === ok;
  }
  if (x.type === 'binary_expression' && x.childForFieldName('operator')?.type === '==') {
    const a = x.childForFieldName('left')?.text;
    const b = x.childForFieldName('right')?.text;
    return (a === ok && b === 'false') || (a === 'false' && b === ok);
  }
  return false;
}

/** The channel operand of a select case's receive (`<-ch`, `v := <-ch`, `v, ok = <-ch`). */
function recvOperand(n: Node | null): Node | null {
  const x = unparen(n);
  if (x?.type === 'unary_expression') return x.childForFieldName('operand');
  return null;
}

/** `make(chan T[, cap])`: its buffer (a constant, or 'dyn' for anything computed). */
function makeChan(e: Node): { cap: number | 'dyn'; lenOf?: string } | undefined {
  const x = unparen(e);
  if (x?.type !== 'call_expression' || x.childForFieldName('function')?.text !== 'make') return undefined;
  const args = argNodes(x);
  if (args[0]?.type !== 'channel_type') return undefined;
  const c = args[1];
  if (!c) return { cap: 0 };
  if (c.type === 'int_literal') {
    const v = Number(c.text.replace(/_/g, ''));
    return { cap: Number.isFinite(v) ? v : 'dyn' };
  }
  const len = /^len\((.+)\)$/.exec(c.text);
  return { cap: 'dyn', ...(len ? { lenOf: len[1] } : {}) };
}

function baseTypeName(t: Node): string {
  let x: Node | null = t;
  while (x && (x.type === 'pointer_type' || x.type === 'parenthesized_type')) x = x.namedChildren[0] ?? null;
  if (x?.type === 'generic_type') x = x.childForFieldName('type');
  return x?.text ?? '';
}

/** A call of the builtin append (not a variable or function of that name in scope). */
function isAppend(x: Node | null | undefined, b: { lookupName(name: string): boolean }): x is Node {
  if (x?.type !== 'call_expression') return false;
  const f = unparen(x.childForFieldName('function'));
  return f?.type === 'identifier' && f.text === 'append' && !b.lookupName('append');
}
