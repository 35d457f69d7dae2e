// One walk over a file's syntax tree that produces plain FileFacts (see types.ts).
// The walk tracks lexical scopes so that it knows which names hold a context.Context, a ctx.Done()
// channel, a channel made here (with its buffer), a func value, or a value of a known type.
import { selectorReads } from './selectors.js';
import { onceGuarded, outermostLiterals } from './syntax.js';
import type { Tree } from 'web-tree-sitter';
import type { Cuts } from './blank.js';
import { buildFileIR } from '../ir/build.js';
import { apiEffect } from '../api/table.js';
import { flatten, type FlatNode as Node, type FlatTree, type Skip } from './flat.js';
import { getWasmHandles } from './parser.js';
import type {
  ArgFact, BlockFact, CalleeRef, CallArgFact, CallFact, FieldChanFact, ChanOpFact, FileFacts, FuncFact, GoFact, ImportFact, ParamFact,
  ParseErrorFact, Pos, Range, TypeFact, TypeRef,
} from './types.js';

type Binding =
  | { k: 'ctx'; key: string; name: string }
  | { k: 'done'; key: string }
  | { k: 'chan'; cap: number | 'dyn'; key: string; lenOf?: string } // lenOf: X of make(chan T, len(X))
  | { k: 'timer' }
  | { k: 'bg' }
  | { k: 'fn'; callee: CalleeRef }
  /** ctxBound: the value came from a call that was handed this ctx key (a channel it returns closes on cancel) */
  | { k: 'var'; type: TypeRef; ctxBound?: string; fromField?: boolean }
  /** x.f: a ctx if the struct says so (judged by the index through `key`), else a value of `type`. */
  | { k: 'field'; key: string; type: TypeRef; callee?: CalleeRef };

/** What an expression evaluates to, as far as the rules care. */
type Value =
  | Binding
  | { k: 'newctx' } // a ctx from a call such as r.Context(): gets a fresh key when bound
  | { k: 'none' };

const CONTEXT_DERIVERS = new Set([
  'WithCancel', 'WithTimeout', 'WithDeadline', 'WithValue', 'WithCancelCause', 'WithTimeoutCause',
  'WithDeadlineCause',
]);
const BUILTINS = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new',
  'panic', 'print', 'println', 'real', 'recover',
]);
const TIME_PKG = 'time';
/** Calls that return a ctx derived from the ctx they are handed, by name. */
const CTX_DERIVER_NAME = /^(New\w*Context|ContextWith\w+|AppendTo\w*Context)$/; // not WithContext: loggers use that name
/** What lets a body block or watch a ctx by itself: a channel, goroutine, select, endless loop, Done/Err/Wait, or
 * a range over a field (a struct field's channel, which the IR follows across the methods of its type), or over a
 * timer's or ticker's C held deeper (`range p.ticker.C`). */
const STRONG = /<-|\bgo\s|\bselect\b|for\s*\{|\.Done\(\)|\.Err\(\)|\.Wait\(\)|AfterFunc|\bchan\b|\bclose\(|\brange\s+[A-Za-z_]\w*\.\w+\s*\{|\brange\s+[A-Za-z_][\w.]*\.C\s*\{/;
/** What makes a function body worth walking (see funcBody): STRONG, or a ctx mentioned, or a `range` over more
 * than a plain name (in a body that mentions no channel, a plain name is a slice, a map or a string, or a
 * channel from a call: not followed). */
const INTERESTING = new RegExp(`${STRONG.source}|\\brange\\s+(?![A-Za-z_]\\w*\\s*\\{)|\\bctx\\b|[cC]ontext`);
const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Whether the body of a declared function can matter to no rule: it mentions no channel, goroutine, select,
 * loop forever, context or Wait, and the signature has no ctx or channel parameter. Such bodies are blanked
 * before parsing (blank.ts) and never walked.
 */
export function plainBody(signature: string, body: string): boolean {
  return !INTERESTING.test(body) && !SIGNATURE_MATTERS.test(signature);
}

/**
 * Whether a body that is not plain matters only when a rule follows a call into it: it mentions a ctx, or
 * ranges over a field or a call, or has a ctx or channel parameter, but holds none of the operations that let a
 * function block or watch a ctx by itself (and so no go statement, channel or select of its own). Such a body
 * is left out of the first parse and filled in when the index resolves a call to it (see fillLazyBody).
 */
export function lazyBody(body: string): boolean {
  return !STRONG.test(body);
}

/** Nodes whose insides the walk never reads (only their text, if anything). */
const OPAQUE = new Set(['interpreted_string_literal', 'raw_string_literal', 'rune_literal', 'const_declaration', 'comment']);
/** A signature without these words has no context.Context or channel parameter (see funcBody). */
const SIGNATURE_MATTERS = /Context|chan/;
/** Node types `visit` handles itself; every other node is only descended through. */
const HANDLED = new Set([
  'ERROR', 'block', 'func_literal', 'short_var_declaration', 'assignment_statement', 'var_declaration', 'send_statement',
  'unary_expression', 'call_expression', 'go_statement', 'defer_statement', 'return_statement', 'break_statement',
  'goto_statement', 'if_statement', 'expression_switch_statement', 'type_switch_statement', 'expression_case', 'type_case',
  'default_case', 'labeled_statement', 'for_statement', 'select_statement', 'composite_literal',
]);
/** Nodes with nothing inside that matters. */
const LEAVES = new Set([
  'identifier', 'field_identifier', 'type_identifier', 'package_identifier', 'label_name', 'blank_identifier',
  'int_literal', 'float_literal', 'imaginary_literal', 'rune_literal', 'interpreted_string_literal', 'raw_string_literal',
  'true', 'false', 'nil', 'iota', 'comment', 'qualified_type', 'pointer_type', 'slice_type', 'array_type', 'map_type',
  'channel_type', 'function_type', 'interface_type', 'struct_type', 'generic_type', 'type_arguments', 'import_declaration',
  'package_clause', 'const_declaration', 'type_declaration',
]);
const MAX_TEXT = 60;
/** Calls that end the program or the goroutine abruptly. */
const ABORTS = /\bpanic\(|\bos\.Exit\(|\blog\.(Fatal|Panic)\w*\(|\bruntime\.Goexit\(/;
/** In test code (see isTestCode): calls that fail the test (testing.T/B, a testify suite's s.T(), require and assert). */
const TEST_FAILS = /(?:\b(?:t|b|tb|tt|s|suite)|\.T\(\))\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\(|\b(?:require|assert)\.\w+\(/;
/** What file.ts renames `new` to when its argument is an expression (Go 1.26 `new(expr)`); same length. */
export const NEW_EXPR_CALLEE = 'neW';

/** `x.Go(f)` on a value of this type runs f in a goroutine of its own (errgroup.Group, sync.WaitGroup: see the API table). */
function spawns(t: TypeRef): boolean {
  const named = t.k === 'named' ? t : t.k === 'sync' ? { pkg: 'sync', name: t.name } : undefined;
  return !!named && apiEffect(named.pkg, `${named.name}.Go`)?.k === 'spawn';
}

/** `stmt` is a statement of a function body itself, not nested in another statement. */
function atTopLevel(stmt: Node | null | undefined): boolean {
  const body = stmt?.parent?.type === 'statement_list' ? stmt.parent.parent : stmt?.parent;
  const owner = body?.type === 'block' ? body.parent?.type : undefined;
  return owner === 'func_literal' || owner === 'function_declaration' || owner === 'method_declaration';
}

/** The function has closed the channel `key` before this point (not in a defer): operations on it return. */
function closedEarlier(fact: FuncFact, key: string): boolean {
  return !!fact.chanFeeds?.some((f) => f.key === key && f.kind === 'close' && !f.deferred);
}

const SIMPLE_STMT = new Set(['expression_statement', 'assignment_statement', 'short_var_declaration', 'inc_statement', 'dec_statement', 'comment']);

/** The `return` or `break` that follows `n` in its block after simple statements only (no channel operation, no
 * go), if one does. A branch of an if, or a case of a switch or select, that ends without one goes on to the
 * statements after the if or switch, which are scanned the same way (`if err != nil { errc <- err }; break`,
 * `switch { case a: errc <- x; default: errc <- y }; return`). */
function jumpAfter(n: Node, depth = 0): Node | undefined {
  let s = n.nextNamedSibling;
  for (let i = 0; s && i < 8; s = s.nextNamedSibling, i++) {
    if (s.type === 'return_statement' || s.type === 'break_statement') return s;
    if (!SIMPLE_STMT.has(s.type) || s.text.includes('<-')) return undefined;
  }
  if (s || depth >= 4) return undefined;
  // off the end of its statement list: out of an if's branch (or an else-if), or out of a case of a switch or
  // select (Go's cases do not fall through; a `fallthrough` is no simple statement), to the statement after it
  const list = n.parent;
  const up =
    list?.type === 'if_statement'
      ? list
      : list?.type === 'statement_list' && list.parent?.type === 'block' && list.parent.parent?.type === 'if_statement'
        ? list.parent.parent
        : list?.type === 'statement_list' && list.parent && OP_CASES.has(list.parent.type) && list.parent.parent && SWITCHES.has(list.parent.parent.type)
          ? list.parent.parent
          : undefined;
  return up ? jumpAfter(up, depth + 1) : undefined;
}

/** The statements after `n` in its block are simple ones and then a return. */
function followedByReturn(n: Node): boolean {
  return jumpAfter(n)?.type === 'return_statement';
}

const OP_CASES = new Set(['communication_case', 'default_case', 'expression_case', 'type_case']);
const SWITCHES = new Set(['expression_switch_statement', 'type_switch_statement', 'select_statement']);
const FUNCS = new Set(['func_literal', 'function_declaration', 'method_declaration']);

/**
 * A statement after a channel operation that is safe to run whether or not the operation happened: it reads no
 * value the operation produced and does not wait for its peer (`close(ch)`, `wg.Done()`, `mu.Unlock()`).
 */
function runsWithoutOp(n: Node): boolean {
  if (n.type !== 'expression_statement') return false;
  const call = n.namedChildren[0];
  if (call?.type !== 'call_expression') return false;
  const f = call.childForFieldName('function');
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  if (f?.type === 'identifier' && f.text === 'close') return args.length === 1 && /^[\w.]+$/.test(args[0]!.text);
  return f?.type === 'selector_expression' && args.length === 0 && /^[\w.]+\.(Done|Unlock|RUnlock)$/.test(f.text);
}

/**
 * What the goroutine runs after the statement `stmt` (see BlockFact.then): nothing but returns and the end of its
 * function ('none'), or only statements that are safe without the operation and then the end or a return
 * ('safe'); undefined for anything else: another statement, a loop around it (the loop's next iteration follows),
 * a label, a `fallthrough` or `break`, a return that computes something.
 */
export function afterOp(stmt: Node): 'none' | 'safe' | undefined {
  let safe = false;
  let s: Node = stmt;
  for (let depth = 0; depth < 64; depth++) {
    for (let n = s.nextNamedSibling; n; n = n.nextNamedSibling) {
      if (n.type === 'comment' || n.type === 'empty_statement') continue;
      if (n.type === 'return_statement') return /^return\b[^(<]*$/.test(n.text.replace(/\s+/g, ' ')) ? (safe ? 'safe' : 'none') : undefined;
      if (!runsWithoutOp(n)) return undefined;
      safe = true;
    }
    const list = s.parent;
    if (list?.type !== 'statement_list') return undefined;
    const holder = list.parent;
    if (!holder) return undefined;
    if (OP_CASES.has(holder.type)) {
      // the end of a case body goes on after the switch or select
      const sw = holder.parent;
      if (!sw || !/^(select|expression_switch|type_switch)_statement$/.test(sw.type)) return undefined;
      s = sw;
      continue;
    }
    if (holder.type !== 'block') return undefined;
    const owner = holder.parent;
    if (!owner) return undefined;
    if (FUNCS.has(owner.type)) return safe ? 'safe' : 'none';
    if (owner.type === 'statement_list') {
      s = holder; // a bare { } block
      continue;
    }
    if (owner.type !== 'if_statement') return undefined; // a loop body, or something unknown
    let top: Node = owner;
    while (top.parent?.type === 'if_statement') top = top.parent; // else if
    s = top;
  }
  return undefined;
}

export interface ExtractOptions {
  path: string;
  validUtf8: boolean;
  generated: boolean;
  /** offsets of the `{` of bodies already found plain (and blanked before parsing): not tested again */
  plainBodies?: ReadonlySet<number>;
  /** offsets of the `{` of bodies blanked before parsing until a rule needs them (see lazyBody) */
  lazyBodies?: ReadonlySet<number>;
  /** the tree was parsed from `source` with these bodies cut out (see blankPlainBodies) */
  cuts?: Cuts;
}

interface FuncState {
  fact: FuncFact;
  /** breakable statements, innermost last: loops record whether something leaves them. */
  breakables: { kind: 'loop' | 'other'; label?: string; exits: boolean }[];
  loopDepth: number;
  /** inside the body of a select case that received from ctx.Done() */
  inDoneCase: number;
  /** a `<-ctx.Done()` statement at the top level of the body has run: what follows is shutdown work */
  afterDoneStmt?: boolean;
  /** enclosing loops (ranges, innermost last) and, for range loops, what they range over */
  loops: { range: Range; over?: string }[];
  /** sends per channel key, to decide whether a buffer covers them. */
  sends: Map<string, number>;
  /** buffered channels of this function it has sent on so far (a semaphore it acquired) */
  acquired?: Set<string>;
  observes: Set<string>;
  refs: Set<string>;
}

/** `handles`: the wasm exports for the fast copy of the tree (undefined: the public cursor API, slower). */
export function extractFacts(tree: Tree, source: string, opts: ExtractOptions, handles = getWasmHandles()): FileFacts {
  // a declared function's body is copied only if the fact walk could look inside it (see funcBody)
  // (not in a tree with syntax errors: the error inside a skipped body would go unreported). Nor are the
  // insides of literals and constant declarations, which no rule looks into.
  const memo = new Map<number, boolean>();
  for (const at of opts.plainBodies ?? []) memo.set(at, false);
  for (const at of opts.lazyBodies ?? []) memo.set(at, false);
  const interesting = (start: number, end: number): boolean => {
    let v = memo.get(start);
    if (v === undefined) memo.set(start, (v = INTERESTING.test(source.slice(start, end))));
    return v;
  };
  const skip: Skip | undefined = tree.rootNode.hasError
    ? undefined
    : {
        types: OPAQUE,
        body: ({ start, end, declStart }) =>
          !!opts.plainBodies?.has(start) || !!opts.lazyBodies?.has(start) || (!interesting(start, end) && !SIGNATURE_MATTERS.test(source.slice(declStart, start))),
      };
  const flat = flatten(tree, source, tree.language, handles, skip, opts.cuts);
  return new Extractor(source, opts, flat, interesting).run(flat.rootNode);
}

class Extractor {
  private lineStarts: number[];
  private imports = new Map<string, string>(); // local name -> import path
  private scopes: Map<string, Binding>[] = [];
  private fn: FuncState | undefined;
  private funcs: FuncFact[] = [];
  private gos: GoFact[] = [];
  private types: TypeFact[] = [];
  private errors: ParseErrorFact[] = [];
  private importFacts: ImportFact[] = [];
  private fieldChans: FieldChanFact[] = [];
  private testCode: boolean | undefined;
  private pkg = '';

  /** the source is ASCII: byte columns are code-unit columns */
  private ascii: boolean;

  constructor(
    private src: string,
    private opts: ExtractOptions,
    private flat: FlatTree,
    /** whether the text between two offsets (a function body) is worth walking; memoized by the caller */
    private interesting: (start: number, end: number) => boolean,
  ) {
    this.lineStarts = flat.lineStarts;
    this.ascii = !NON_ASCII.test(src);
  }

  run(root: Node): FileFacts {
    if (root.hasError) this.collectErrors(root);
    for (const top of root.namedChildren) {
      if (!top) continue;
      switch (top.type) {
        case 'package_clause':
          this.pkg = top.namedChildren[0]?.text ?? '';
          break;
        case 'import_declaration':
          this.importDecl(top);
          break;
      }
    }
    this.scopes = [new Map()];
    for (const top of root.namedChildren) {
      if (!top) continue;
      switch (top.type) {
        case 'function_declaration':
        case 'method_declaration':
          this.funcDecl(top);
          break;
        case 'type_declaration':
          this.typeDecl(top);
          break;
        case 'var_declaration':
          this.topVarDecl(top);
          break;
      }
    }
    const ir = buildFileIR(root, { range: (n, end) => this.range(n, end), imports: this.imports, dotImports: this.importFacts.filter((i) => i.name === '.').map((i) => i.path) });
    const reads = selectorReads(this.src);
    return {
      path: this.opts.path,
      pkg: this.pkg,
      imports: this.importFacts,
      funcs: this.funcs,
      ...(ir.length > 0 ? { ir } : {}),
      types: this.types,
      gos: this.gos,
      errors: this.errors,
      ...(this.fieldChans.length > 0 ? { fieldChans: this.fieldChans } : {}),
      ...(reads.length > 0 ? { selectorReads: reads } : {}),
      validUtf8: this.opts.validUtf8,
      generated: this.opts.generated,
    };
  }

  // ---------- positions and text ----------

  private pos(p: { row: number; column: number }): Pos {
    const col = p.column + 1;
    if (this.ascii) return { line: p.row + 1, col, bcol: col };
    const lineStart = this.lineStarts[p.row] ?? 0;
    let bcol = 1;
    const end = Math.min(lineStart + p.column, this.src.length);
    for (let i = lineStart; i < end; i++) {
      const c = this.src.charCodeAt(i);
      if (c < 0x80) bcol += 1;
      else if (c < 0x800) bcol += 2;
      else if (c >= 0xd800 && c <= 0xdbff) { bcol += 4; i++; }
      else bcol += 3;
    }
    return { line: p.row + 1, col, bcol };
  }

  private range(n: Node, end?: Node): Range {
    return { start: this.pos(n.startPosition), end: this.pos((end ?? n).endPosition) };
  }

  private short(n: Node): string {
    return shorten(n.text);
  }

  private collectErrors(n: Node): void {
    if (this.errors.length >= 20) return;
    if (n.isError || n.isMissing) {
      const r = this.range(n);
      // control characters (from a binary or mis-encoded file) are escaped so that no terminal acts on them
      const tok = shorten(n.isMissing ? n.type : n.text.split('\n')[0] ?? '', 30).replace(
        /[\u0000-\u001f\u007f-\u009f]/g,
        (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`,
      );
      this.errors.push({
        range: r,
        message: n.isMissing ? `syntax error: missing ${tok}` : `syntax error: unexpected ${tok || 'input'}`,
      });
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) this.collectErrors(c);
  }

  // ---------- declarations ----------

  private importDecl(n: Node): void {
    const specs = n.descendantsOfType('import_spec');
    for (const s of specs) {
      if (!s) continue;
      const pathNode = s.childForFieldName('path');
      if (!pathNode) continue;
      const path = pathNode.text.replace(/^["`]|["`]$/g, '');
      const nameNode = s.childForFieldName('name');
      const name = nameNode ? nameNode.text : lastElem(path);
      this.importFacts.push({ name, path });
      if (name !== '_' && name !== '.') this.imports.set(name, path);
    }
  }

  private typeDecl(n: Node): void {
    for (const spec of n.namedChildren) {
      if (!spec || spec.type !== 'type_spec') continue;
      const name = spec.childForFieldName('name')?.text;
      const t = spec.childForFieldName('type');
      if (!name || !t) continue;
      const fact: TypeFact = { name, fields: [], embedded: [], range: this.range(spec) };
      if (t.type === 'struct_type') {
        for (const fd of t.descendantsOfType('field_declaration')) {
          if (!fd || fd.parent?.parent?.id !== t.id) continue;
          const ft = fd.childForFieldName('type');
          if (!ft) continue;
          const names = fd.childrenForFieldName('name').filter((x): x is Node => !!x);
          const tr = this.parseType(ft);
          if (names.length === 0) fact.embedded.push(tr);
          for (const nm of names) fact.fields.push({ name: nm.text, type: tr });
        }
      } else {
        fact.embedded.push(this.parseType(t));
      }
      this.types.push(fact);
    }
  }

  private topVarDecl(n: Node): void {
    for (const spec of n.descendantsOfType('var_spec')) {
      if (!spec) continue;
      const names = spec.childrenForFieldName('name').filter((x): x is Node => !!x);
      const values = spec.childForFieldName('value')?.namedChildren ?? [];
      names.forEach((nm, i) => {
        const v = values[i];
        if (v && v.type === 'func_literal') {
          this.funcBody(v, { id: `V:${nm.text}`, kind: 'var', name: nm.text, nameNode: nm });
        } else if (v) {
          // func literals inside the value (`var Cmd = &Command{Run: func(req, res) {...}}`): functions of their
          // own, named by the variable and the field that holds them
          for (const lit of outermostLiterals(v)) {
            const key = lit.parent?.type === 'literal_element' && lit.parent.parent?.type === 'keyed_element' ? lit.parent.parent.namedChildren[0]?.text : undefined;
            this.funcBody(lit, { id: `L:${lit.startPosition.row + 1}:${lit.startPosition.column + 1}`, kind: 'lit', name: key ? `${nm.text}.${key}` : nm.text, nameNode: lit });
          }
        }
      });
    }
  }

  private funcDecl(n: Node): void {
    const nameNode = n.childForFieldName('name');
    if (!nameNode) return;
    const name = nameNode.text;
    const recvList = n.childForFieldName('receiver');
    if (recvList) {
      const decl = recvList.namedChildren.find((c) => c?.type === 'parameter_declaration');
      const tnode = decl?.childForFieldName('type');
      const base = tnode ? baseTypeName(tnode) : '';
      const rname = decl?.childForFieldName('name')?.text ?? '_';
      this.funcBody(n, { id: `M:${base}.${name}`, kind: 'method', name, nameNode, recv: { name: rname, type: base } });
    } else {
      // a file may declare several init functions (nothing calls them): each gets an id of its own
      const id = name === 'init' ? `F:init@${nameNode.startPosition.row + 1}` : `F:${name}`;
      this.funcBody(n, { id, kind: 'func', name, nameNode });
    }
  }

  /** Walks one function (declaration or literal) with its own FuncState; returns its fact. */
  private funcBody(
    n: Node,
    d: { id: string; kind: FuncFact['kind']; name: string; nameNode: Node; recv?: { name: string; type: string } },
  ): FuncFact {
    const fact: FuncFact = {
      id: d.id,
      kind: d.kind,
      name: d.name,
      range: this.range(n),
      nameRange: this.range(d.nameNode),
      params: [],
      results: [],
      observes: [],
      refs: [],
      blocks: [],
      calls: [],
      chans: [],
      chanOps: [],
      returns: [],
      hasError: n.hasError,
    };
    if (this.fn) fact.parent = this.fn.fact.id;
    const saved = this.fn;
    const state: FuncState = { fact, breakables: [], loopDepth: 0, inDoneCase: 0, loops: [], sends: new Map(), observes: new Set(), refs: new Set() };
    this.fn = state;
    this.funcs.push(fact);
    const scope = new Map<string, Binding>();
    this.scopes.push(scope);
    if (d.recv) {
      const key = `${d.id}:${d.recv.name}`;
      fact.recv = { name: d.recv.name, type: d.recv.type, key };
      scope.set(d.recv.name, { k: 'var', type: { k: 'named', pkg: '', name: d.recv.type } });
    }
    const params = n.childForFieldName('parameters');
    if (params) {
      let i = 0;
      for (const pd of params.namedChildren) {
        if (!pd || (pd.type !== 'parameter_declaration' && pd.type !== 'variadic_parameter_declaration')) continue;
        const tnode = pd.childForFieldName('type');
        const type = tnode ? this.parseType(tnode) : ({ k: 'other' } as TypeRef);
        const names = pd.childrenForFieldName('name').filter((x): x is Node => !!x);
        if (names.length === 0) {
          fact.params.push({ name: `_${i}`, key: `${d.id}:#${i}`, type, range: tnode ? this.range(tnode) : undefined });
          i++;
          continue;
        }
        for (const nm of names) {
          const p: ParamFact = { name: nm.text, key: `${d.id}:${nm.text}`, type, range: this.range(nm) };
          fact.params.push(p);
          scope.set(nm.text, this.bindingForType(type, p.key, nm.text));
          i++;
        }
      }
    }
    const results = n.childForFieldName('result');
    if (results) {
      if (results.type === 'parameter_list') {
        for (const pd of results.namedChildren) {
          const t = pd?.childForFieldName('type');
          if (!pd || !t) continue;
          const cnt = Math.max(1, pd.childrenForFieldName('name').length);
          for (let j = 0; j < cnt; j++) fact.results.push(this.parseType(t));
        }
      } else {
        fact.results.push(this.parseType(results));
      }
    }
    const body = n.childForFieldName('body');
    // A declared function whose text mentions no channel, goroutine, select, loop, context or Wait can neither
    // block nor observe a ctx by itself: its body is not walked (a third of the code in large repositories).
    if (body && d.kind !== 'lit' && this.opts.lazyBodies?.has(body.startIndex)) fact.lazy = body.startIndex;
    const plain =
      fact.lazy !== undefined ||
      (d.kind !== 'lit' && !fact.params.some((p) => p.type.k === 'ctx' || p.type.k === 'chan') && body && !this.interesting(body.startIndex, body.endIndex));
    if (body && !plain) this.visit(body);
    this.scopes.pop();
    fact.observes = [...state.observes].sort();
    fact.refs = [...state.refs].sort();
    this.fn = saved;
    return fact;
  }

  private bindingForType(t: TypeRef, key: string, name: string): Binding {
    if (t.k === 'ctx') return { k: 'ctx', key, name };
    if (t.k === 'chan') return { k: 'chan', cap: 0, key };
    return { k: 'var', type: t };
  }

  // ---------- types ----------

  /** The type new(x) points to, when x was parsed as an expression: a named type, or the type of a variable. */
  private newExprType(n: Node): TypeRef {
    if (n.type === 'identifier') {
      const b = this.lookup(n.text);
      if (!b) return { k: 'named', pkg: '', name: n.text };
      return b.k === 'var' && b.type.k === 'named' && !b.type.ptr ? { ...b.type, ptr: true } : { k: 'other' };
    }
    if (n.type === 'selector_expression') {
      const operand = n.childForFieldName('operand');
      const path = operand?.type === 'identifier' ? this.isImport(operand.text) : undefined;
      const name = n.childForFieldName('field')?.text ?? '';
      if (path) return path === 'context' && name === 'Context' ? { k: 'ctx' } : { k: 'named', pkg: path, name };
    }
    return { k: 'other' };
  }

  private parseType(n: Node): TypeRef {
    switch (n.type) {
      case 'type_identifier':
        return { k: 'named', pkg: '', name: n.text };
      case 'pointer_type': {
        const inner = n.namedChildren[0];
        const t = inner ? this.parseType(inner) : ({ k: 'other' } as TypeRef);
        return t.k === 'named' ? { ...t, ptr: true } : t;
      }
      case 'qualified_type': {
        const pkgName = n.childForFieldName('package')?.text ?? '';
        const name = n.childForFieldName('name')?.text ?? '';
        const path = this.imports.get(pkgName) ?? pkgName;
        if (path === 'context' && name === 'Context') return { k: 'ctx' };
        if (path === 'sync' && (name === 'WaitGroup' || name === 'Cond')) return { k: 'sync', name };
        return { k: 'named', pkg: path, name };
      }
      case 'generic_type': {
        const t = n.childForFieldName('type');
        return t ? this.parseType(t) : { k: 'other' };
      }
      case 'parenthesized_type': {
        const inner = n.namedChildren[0];
        return inner ? this.parseType(inner) : { k: 'other' };
      }
      case 'channel_type': {
        const txt = n.text;
        return { k: 'chan', dir: txt.startsWith('<-') ? 'recv' : /^chan\s*<-/.test(txt) ? 'send' : undefined };
      }
      case 'function_type':
        return { k: 'func' };
      default:
        return { k: 'other' };
    }
  }

  // ---------- scopes ----------

  private lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = this.scopes[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  }

  private bind(name: string, v: Value, at: Node, define: boolean): void {
    if (name === '_') return;
    let b: Binding | undefined;
    const key = () => `${this.fn?.fact.id ?? 'pkg'}:${name}@${at.startPosition.row + 1}:${at.startPosition.column + 1}`;
    switch (v.k) {
      case 'none':
        b = undefined;
        break;
      case 'newctx':
        b = { k: 'ctx', key: key(), name };
        break;
      case 'ctx':
        b = { k: 'ctx', key: v.key, name };
        break;
      default:
        b = v;
    }
    const scope = define ? this.scopes[this.scopes.length - 1]! : this.findScope(name);
    if (b) scope.set(name, b);
    else scope.set(name, { k: 'var', type: { k: 'other' } });
  }

  private findScope(name: string): Map<string, Binding> {
    for (let i = this.scopes.length - 1; i >= 0; i--) if (this.scopes[i]!.has(name)) return this.scopes[i]!;
    return this.scopes[this.scopes.length - 1]!;
  }

  private withScope(f: () => void): void {
    this.scopes.push(new Map());
    try {
      f();
    } finally {
      this.scopes.pop();
    }
  }

  private isImport(name: string): string | undefined {
    const path = this.imports.get(name);
    if (path === undefined) return undefined;
    return this.lookup(name) ? undefined : path;
  }

  // ---------- expressions ----------

  /** Classifies an expression without visiting it. */
  private classify(n: Node): Value {
    switch (n.type) {
      case 'identifier': {
        const b = this.lookup(n.text);
        if (b) {
          if ((b.k === 'ctx' || b.k === 'done' || b.k === 'field') && this.fn) this.fn.refs.add(b.key);
          return b;
        }
        return { k: 'fn', callee: { k: 'func', name: n.text } };
      }
      case 'parenthesized_expression': {
        const inner = n.namedChildren[0];
        return inner ? this.classify(inner) : { k: 'none' };
      }
      case 'unary_expression': {
        const op = n.childForFieldName('operator')?.type;
        const operand = n.childForFieldName('operand');
        if (op === '&' && operand) return this.classify(operand);
        return { k: 'none' };
      }
      case 'composite_literal': {
        const t = n.childForFieldName('type');
        return t ? { k: 'var', type: this.parseType(t) } : { k: 'none' };
      }
      case 'selector_expression': {
        const operand = n.childForFieldName('operand');
        const field = n.childForFieldName('field')?.text ?? '';
        if (!operand) return { k: 'none' };
        if (operand.type === 'identifier') {
          const path = this.isImport(operand.text);
          if (path !== undefined) return { k: 'fn', callee: { k: 'pkgfunc', pkg: path, name: field } };
        }
        const ov = this.classify(operand);
        if (ov.k === 'var' || ov.k === 'field') {
          const base = typeBase(ov.type);
          if (field === 'C') return { k: 'timer' }; // time.Timer.C, time.Ticker.C
          const key = `field:${base ?? '?'}.${field}`;
          if (this.fn) this.fn.refs.add(key);
          return { k: 'field', key, type: { k: 'field', of: ov.type, name: field } };
        }
        if (ov.k === 'ctx') return { k: 'none' };
        if (field === 'C') return { k: 'timer' };
        return { k: 'none' };
      }
      case 'call_expression':
        return this.classifyCall(n);
      case 'func_literal':
        return { k: 'none' };
      default:
        return { k: 'none' };
    }
  }

  private classifyCall(n: Node): Value {
    const f = unparen(n.childForFieldName('function'));
    const args = argNodes(n);
    if (!f) return { k: 'none' };
    let operandValue: Value | undefined;
    if (f.type === 'identifier') {
      const name = f.text;
      if (!this.lookup(name)) {
        if (name === 'make' && args[0]?.type === 'channel_type') {
          const capNode = args[1];
          if (!capNode) return { k: 'chan', cap: 0, key: '' };
          if (capNode.type === 'int_literal') {
            const v = Number(capNode.text.replace(/_/g, ''));
            return { k: 'chan', cap: Number.isFinite(v) ? v : 'dyn', key: '' };
          }
          const sizedBy = capNode.type === 'call_expression' && capNode.childForFieldName('function')?.text === 'len' ? argNodes(capNode)[0]?.text : undefined;
          return { k: 'chan', cap: 'dyn', key: '', lenOf: sizedBy };
        }
        if (name === 'new' && args[0]) return { k: 'var', type: this.parseType(args[0]) };
        if (name === NEW_EXPR_CALLEE && args[0]) return { k: 'var', type: this.newExprType(args[0]) };
        if (BUILTINS.has(name)) return { k: 'none' };
      }
    }
    if (f.type === 'selector_expression') {
      const operand = f.childForFieldName('operand');
      const field = f.childForFieldName('field')?.text ?? '';
      if (operand?.type === 'identifier') {
        const path = this.isImport(operand.text);
        if (path === 'context') {
          if (field === 'Background' || field === 'TODO' || field === 'WithoutCancel') return { k: 'bg' };
          if (CONTEXT_DERIVERS.has(field) && args[0]) {
            const parent = this.classify(args[0]);
            if (parent.k === 'ctx' || (parent.k === 'field' && parent.type.k === 'ctx')) return { k: 'ctx', key: parent.key, name: '' };
            if (parent.k === 'bg') return { k: 'newctx' };
            return { k: 'newctx' };
          }
        }
        if (path === TIME_PKG && (field === 'After' || field === 'Tick')) return { k: 'timer' };
        if (path === 'os/signal' && field === 'NotifyContext' && args[0]) {
          const parent = this.classify(args[0]);
          if (parent.k === 'ctx') return { k: 'ctx', key: parent.key, name: '' };
          return { k: 'newctx' };
        }
      }
      if (operand) {
        operandValue = this.classify(operand);
        const ov = operandValue;
        if ((ov.k === 'ctx' || (ov.k === 'field' && ov.type.k !== 'other')) && field === 'Done' && args.length === 0) {
          return { k: 'done', key: ov.key };
        }
        if (ov.k === 'field' && field === 'Done' && args.length === 0) return { k: 'done', key: ov.key };
        if ((field === 'Context' || field === 'Ctx') && args.length === 0) return { k: 'newctx' };
      }
    }
    // the operand is classified once: in a chain `a.b().c().d()` classifying it again would take time
    // exponential in the chain's length
    const callee = this.calleeOf(f, operandValue);
    let ctxBound: string | undefined;
    for (const a of args) {
      const av = this.classify(a);
      if (av.k === 'ctx' || (av.k === 'field' && av.type.k === 'field')) ctxBound = av.key;
    }
    if (callee.k === 'unknown') return ctxBound ? { k: 'var', type: { k: 'other' }, ctxBound } : { k: 'none' };
    return ctxBound ? { k: 'var', type: { k: 'result', callee }, ctxBound } : { k: 'var', type: { k: 'result', callee } };
  }

  /** What a call's function expression refers to; `operandValue`: the selector's operand, already classified. */
  private calleeOf(f: Node, operandValue?: Value): CalleeRef {
    switch (f.type) {
      case 'identifier': {
        const b = this.lookup(f.text);
        if (b) return b.k === 'fn' ? b.callee : b.k === 'field' && b.callee ? b.callee : { k: 'unknown', why: 'func value' };
        if (BUILTINS.has(f.text)) return { k: 'unknown', why: 'builtin' };
        return { k: 'func', name: f.text };
      }
      case 'selector_expression': {
        const operand = f.childForFieldName('operand');
        const name = f.childForFieldName('field')?.text ?? '';
        if (!operand) return { k: 'unknown', why: 'selector' };
        if (operand.type === 'identifier') {
          const path = this.isImport(operand.text);
          if (path !== undefined) return { k: 'pkgfunc', pkg: path, name };
        }
        const ov = operandValue ?? this.classify(operand);
        if (ov.k === 'var') return { k: 'method', recv: ov.type, name };
        if (ov.k === 'field') return { k: 'method', recv: ov.type, name };
        return { k: 'unknown', why: 'method of unknown type' };
      }
      case 'index_expression': {
        const operand = f.childForFieldName('operand');
        return operand ? this.calleeOf(operand) : { k: 'unknown', why: 'index' };
      }
      case 'generic_type': {
        const t = f.childForFieldName('type');
        if (t && t.type === 'type_identifier') return this.calleeOfName(t.text);
        if (t && t.type === 'qualified_type') {
          const pkgName = t.childForFieldName('package')?.text ?? '';
          const path = this.imports.get(pkgName);
          if (path) return { k: 'pkgfunc', pkg: path, name: t.childForFieldName('name')?.text ?? '' };
        }
        return { k: 'unknown', why: 'generic' };
      }
      case 'parenthesized_expression': {
        const inner = f.namedChildren[0];
        return inner ? this.calleeOf(inner) : { k: 'unknown', why: 'paren' };
      }
      default:
        return { k: 'unknown', why: f.type };
    }
  }

  private calleeOfName(name: string): CalleeRef {
    const b = this.lookup(name);
    if (b) return b.k === 'fn' ? b.callee : { k: 'unknown', why: 'func value' };
    return { k: 'func', name };
  }

  /** What an argument of a go statement carries, and its text (named in messages). */
  private argFact(n: Node): ArgFact {
    return { ...this.callArg(n), text: this.short(n) };
  }

  /** What an argument of a call carries. */
  private callArg(n: Node): CallArgFact {
    const v = this.classify(n);
    if (v.k === 'ctx') return { ctx: v.key };
    if (v.k === 'field') return { ctx: v.key };
    if (v.k === 'done') return { done: v.key };
    if (v.k === 'bg') return { background: true };
    if (v.k === 'chan') return v.cap !== 0 ? { chanCap: v.cap, chanKey: v.key } : { chanKey: v.key };
    return {};
  }

  // ---------- the walk ----------

  /** Visits the named children of `n`, descending through the nodes that need no handling of their own. */
  private visitAll(n: Node | null | undefined): void {
    if (n) this.walkChildren(n.id);
  }

  private walkChildren(i: number): void {
    const flat = this.flat;
    const { firstChild, nextSibling } = flat;
    for (let c = firstChild[i]!; c >= 0; c = nextSibling[c]!) {
      if (!flat.isNamed(c)) continue;
      const t = flat.typeName(c);
      if (LEAVES.has(t)) continue;
      if (HANDLED.has(t)) this.visit(flat.node(c)!);
      else this.walkChildren(c);
    }
  }

  private visit(n: Node): void {
    switch (n.type) {
      case 'ERROR':
        if (this.fn) this.fn.fact.hasError = true;
        return;
      case 'comment':
        return;
      case 'block':
        this.withScope(() => this.visitAll(n));
        return;
      case 'func_literal':
        this.literal(n, 'callback');
        return;
      case 'short_var_declaration':
        this.assign(n, true);
        return;
      case 'assignment_statement':
        this.assign(n, false);
        return;
      case 'var_declaration':
        for (const spec of n.descendantsOfType('var_spec')) if (spec) this.varSpec(spec);
        return;
      case 'send_statement':
        this.send(n);
        return;
      case 'unary_expression': {
        const op = n.childForFieldName('operator')?.type;
        const operand = n.childForFieldName('operand');
        if (op === '<-' && operand) {
          this.receive(n, operand);
          return;
        }
        this.visitAll(n);
        return;
      }
      case 'call_expression':
        this.call(n, false);
        return;
      case 'type_conversion_expression':
        this.visitAll(n);
        return;
      case 'go_statement':
        this.goStmt(n);
        return;
      case 'defer_statement': {
        const c = n.namedChildren[0];
        if (c && c.type === 'call_expression') this.call(c, true);
        else this.visitAll(n);
        return;
      }
      case 'return_statement':
        this.visitAll(n);
        for (const r of n.namedChildren[0]?.type === 'expression_list' ? n.namedChildren[0].namedChildren : n.namedChildren) this.handsOut(r, false);
        this.fn?.fact.returns.push(this.range(n));
        this.markExit('all');
        return;
      case 'break_statement': {
        const label = n.namedChildren[0]?.text;
        this.markBreak(label);
        return;
      }
      case 'goto_statement':
        this.markExit('all');
        return;
      case 'if_statement':
        this.withScope(() => this.ifStmt(n));
        return;
      case 'expression_switch_statement':
      case 'type_switch_statement':
        this.withScope(() => {
          if (!this.fn) return this.visitAll(n);
          this.fn.breakables.push({ kind: 'other', exits: false });
          try {
            const cases = n.namedChildren.filter((c): c is Node => !!c && CASES.has(c.type));
            for (const c of n.namedChildren) if (c && !CASES.has(c.type)) this.visit(c);
            this.branches((branch) => {
              for (const c of cases) branch(() => this.visit(c), c);
            }, !cases.some((c) => c.type === 'default_case'));
          } finally {
            this.fn.breakables.pop();
          }
        });
        return;
      case 'expression_case':
      case 'type_case':
      case 'default_case':
        this.withScope(() => this.visitAll(n));
        return;
      case 'labeled_statement': {
        const label = n.childForFieldName('label')?.text ?? n.namedChildren[0]?.text;
        const stmt = n.namedChildren.find((c) => c && c.type !== 'label_name' && c.type !== 'comment');
        if (stmt && stmt.type === 'for_statement') this.forStmt(stmt, label);
        else if (stmt) this.visit(stmt);
        return;
      }
      case 'for_statement':
        this.forStmt(n, undefined);
        return;
      case 'select_statement':
        this.select(n);
        return;
      case 'composite_literal':
        this.compositeLiteral(n);
        this.visitAll(n);
        return;
      default:
        this.visitAll(n);
    }
  }

  /**
   * Alternative branches (if/else, the cases of a switch or select) are separate paths: each starts from the
   * sends made before it, a branch that ends in return does not reach the code after it, and the code after
   * sees the most sends of any branch that falls through. So two sends on exclusive paths fit a buffer of one.
   */
  private branches(visitBranches: (branch: (visit: () => void, node: Node) => void) => void, fallsThrough: boolean): void {
    const st = this.fn;
    if (!st) return visitBranches((v) => v());
    const before = new Map(st.sends);
    const after: Map<string, number>[] = fallsThrough ? [before] : [];
    visitBranches((visit, node) => {
      st.sends = new Map(before);
      visit();
      // a branch without buffered sends adds nothing to the merge: skip the (tree-walking) return check
      if (st.sends.size > 0 && !endsInReturn(node)) after.push(st.sends);
    });
    const merged = new Map<string, number>();
    for (const m of after) for (const [k, v] of m) merged.set(k, Math.max(merged.get(k) ?? 0, v));
    st.sends = merged;
  }

  private ifStmt(n: Node): void {
    const cons = n.childForFieldName('consequence');
    const alt = n.childForFieldName('alternative');
    if (!this.fn || !cons) return this.visitAll(n);
    for (const c of n.namedChildren) if (c && c.id !== cons.id && c.id !== alt?.id) this.visit(c); // init, condition
    this.branches((branch) => {
      branch(() => this.visit(cons), cons);
      if (alt) branch(() => this.visit(alt), alt);
    }, !alt);
  }

  private literal(n: Node, how: 'callback' | 'invoked' | 'go'): FuncFact {
    const id = `L:${n.startPosition.row + 1}:${n.startPosition.column + 1}`;
    const parent = this.fn;
    const fact = this.funcBody(n, { id, kind: 'lit', name: 'func literal', nameNode: n });
    if (parent && how !== 'go') {
      // A literal that runs in (or is handed on by) this function: its observations count for the parent.
      for (const k of fact.observes) parent.observes.add(k);
      for (const k of fact.refs) parent.refs.add(k);
      if (how === 'callback') {
        parent.fact.calls.push({ callee: { k: 'lit', id }, args: [], range: this.range(n), text: 'func literal', callback: true });
      }
    }
    return fact;
  }

  private assign(n: Node, define: boolean): void {
    const left = n.childForFieldName('left')?.namedChildren.filter((x): x is Node => !!x) ?? [];
    const right = n.childForFieldName('right')?.namedChildren.filter((x): x is Node => !!x) ?? [];
    const op = n.children.find((c) => c && !c.isNamed && /=/.test(c.type))?.type ?? '=';
    // visit the right-hand side first: calls, receives and literals in it run here.
    const values: Value[] = right.map((r) => this.valueOf(r));
    if (op !== '=' && op !== ':=') return;
    if (right.length === 1 && left.length > 1) {
      const r = right[0]!;
      const v = values[0]!;
      // multi-value forms
      if (r.type === 'call_expression') {
        const f = unparen(r.childForFieldName('function'));
        const pkgFn = f?.type === 'selector_expression' ? f : null;
        const pkgName = pkgFn?.childForFieldName('operand')?.text ?? '';
        const fnName = pkgFn?.childForFieldName('field')?.text ?? '';
        const path = pkgFn && pkgFn.childForFieldName('operand')?.type === 'identifier' ? this.isImport(pkgName) : undefined;
        if (path && /errgroup$/.test(path) && fnName === 'WithContext') {
          const a0 = argNodes(r)[0];
          const parent = a0 ? this.classify(a0) : ({ k: 'none' } as Value);
          this.bindLeft(left[0]!, { k: 'var', type: { k: 'named', pkg: path, name: 'Group' } }, define);
          this.bindLeft(left[1]!, parent.k === 'ctx' ? parent : { k: 'newctx' }, define);
          for (const l of left.slice(2)) this.bindLeft(l, { k: 'none' }, define);
          return;
        }
      }
      this.bindLeft(left[0]!, v, define);
      // eventStream, errC := svc.Subscribe(ctx, ...): every result of a call handed ctx is tied to it
      const rest: Value = v.k === 'var' && v.ctxBound ? { k: 'var', type: { k: 'other' }, ctxBound: v.ctxBound } : { k: 'none' };
      for (const l of left.slice(1)) this.bindLeft(l, rest, define);
      return;
    }
    left.forEach((l, i) => this.bindLeft(l, values[i] ?? { k: 'none' }, define, right[i]));
  }

  private bindLeft(l: Node, v: Value, define: boolean, rhs?: Node): void {
    if (l.type === 'identifier') {
      // a value from a call handed a ctx, named like a ctx constructor (metadata.NewOutgoingContext(ctx, md),
      // trace.ContextWithSpan(ctx, s)), is that ctx, derived
      if (v.k === 'var' && v.ctxBound && rhs && CTX_DERIVER_NAME.test(calledName(rhs))) v = { k: 'ctx', key: v.ctxBound, name: l.text };
      // a variable of type context.Context stays one when reassigned: keep what we know of it
      const old = define ? undefined : this.lookup(l.text);
      // (`if ctx == nil { ctx = context.Background() }` too: a reassignment under a condition leaves the ctx the
      // caller handed in on the other path, so what is observed of it still counts)
      const conditional = !atTopLevel(l.parent?.parent);
      if (old && old.k === 'ctx' && v.k !== 'ctx' && (v.k !== 'bg' || conditional)) v = v.k === 'var' && v.ctxBound ? { k: 'ctx', key: v.ctxBound, name: l.text } : old;
      if (v.k === 'chan') {
        v = { ...v, key: `${this.fn?.fact.id ?? 'pkg'}:${l.text}@${l.startPosition.row + 1}` };
        if (rhs && rhs.type === 'call_expression' && this.fn) {
          const al = rhs.childForFieldName('arguments');
          const close = al?.child(al.childCount - 1);
          this.fn.fact.chans.push({
            key: v.key, name: l.text, cap: v.cap, range: this.range(rhs),
            insertAt: close && close.type === ')' ? this.pos(close.startPosition) : undefined,
          });
        }
      }
      this.bind(l.text, v, l, define);
    } else {
      this.visit(l);
      // x.ch = ch, m[k] = ch, *p = ch: the channel is stored where others can reach it
      if (rhs) this.handsOut(rhs, true);
      // x.ch = make(chan T, n): the buffer of T.ch
      if (v.k === 'chan' && rhs && l.type === 'selector_expression') {
        const lv = this.classify(l);
        if (lv.k === 'field' && !lv.key.startsWith('field:?.')) this.fieldChan(lv.key.slice('field:'.length), rhs);
      }
    }
  }

  /** Visits an expression (its calls and channel ops run here) and returns its classification. */
  private valueOf(r: Node): Value {
    if (r.type === 'func_literal') {
      const fact = this.literal(r, 'callback');
      // the literal is stored, not run here: undo the callback call record; calls through the name add it back.
      const calls = this.fn?.fact.calls;
      if (calls && calls.length && (calls[calls.length - 1]!.callee as { id?: string }).id === fact.id) calls.pop();
      return { k: 'fn', callee: { k: 'lit', id: fact.id } };
    }
    if (r.type === 'selector_expression') {
      // x := s.f is either a field read or a method value (f := s.run); keep both readings.
      const v = this.classify(r);
      this.visit(r);
      const operand = r.childForFieldName('operand');
      if (v.k === 'field' && operand) {
        const ov = this.classify(operand);
        if (ov.k === 'var' || ov.k === 'field') {
          return { ...v, callee: { k: 'method', recv: ov.type, name: r.childForFieldName('field')?.text ?? '' } };
        }
      }
      return v;
    }
    const v = this.classify(r);
    this.visit(r);
    return v;
  }

  private varSpec(spec: Node): void {
    const names = spec.childrenForFieldName('name').filter((x): x is Node => !!x);
    const tnode = spec.childForFieldName('type');
    const values = spec.childForFieldName('value')?.namedChildren.filter((x): x is Node => !!x) ?? [];
    const vals = values.map((v) => this.valueOf(v));
    names.forEach((nm, i) => {
      let v: Value = vals[i] ?? { k: 'none' };
      if (tnode && v.k === 'none') {
        const t = this.parseType(tnode);
        v = t.k === 'ctx' ? { k: 'newctx' } : t.k === 'chan' ? { k: 'chan', cap: 0, key: '' } : { k: 'var', type: t };
      }
      this.bindLeft(nm, v, true, values[i]);
    });
  }

  /** A channel of this function that is returned, or stored (in a struct, slice, map or field, or sent on a
   * channel): others may send, receive or close it. */
  private handsOut(n: Node | null | undefined, stored: boolean): void {
    const e = unparen(n);
    if (e?.type !== 'identifier' || !this.fn) return;
    const b = this.lookup(e.text);
    if (b?.k !== 'chan' || !b.key) return;
    (this.fn.fact.chanEscapes ??= []).push(b.key);
    if (stored) (this.fn.fact.chanStored ??= []).push(b.key);
  }

  /** `T{ch: make(chan X, n)}` for a struct type T of this package: the buffer of T.ch. */
  private compositeLiteral(n: Node): void {
    // a channel stored in a struct, slice or map literal is handed out
    for (const el of n.childForFieldName('body')?.namedChildren ?? []) {
      const value = el.type === 'keyed_element' ? el.childForFieldName('value') : el;
      this.handsOut(value?.type === 'literal_element' ? value.namedChildren[0] : value, true);
    }
    const t = n.childForFieldName('type');
    const type = t?.type === 'generic_type' ? t.childForFieldName('type') : t;
    if (type?.type !== 'type_identifier') return;
    for (const el of n.childForFieldName('body')?.namedChildren ?? []) {
      if (el.type !== 'keyed_element') continue;
      const key = el.childForFieldName('key')?.namedChildren[0];
      const value = el.childForFieldName('value')?.namedChildren[0];
      if (key?.type === 'identifier' && value) this.fieldChan(`${type.text}.${key.text}`, value);
    }
  }

  /** Records the buffer of a channel made into field `field` (`T.f`) by `value`, when it is a make(chan ...). */
  private fieldChan(field: string, value: Node): void {
    if (value.type !== 'call_expression') return;
    const v = this.classifyCall(value);
    if (v.k === 'chan') this.fieldChans.push({ field, cap: v.cap });
  }

  private send(n: Node): void {
    const ch = n.childForFieldName('channel');
    const val = n.childForFieldName('value');
    if (val) this.visit(val);
    this.handsOut(val, true); // a channel sent on a channel
    if (!ch) return;
    const cv = this.classify(ch);
    this.visit(ch);
    if (cv.k === 'chan' && cv.key && this.fn) {
      (this.fn.fact.chanFeeds ??= []).push({ key: cv.key, kind: 'send', range: this.range(n), top: atTopLevel(n) || undefined });
    }
    this.acquire(cv);
    // one send per element of what the buffer was sized by (`make(chan T, len(xs))`, `for _, x := range xs`)
    const loop = this.fn?.loops[this.fn.loops.length - 1];
    if (cv.k === 'chan' && cv.lenOf && this.fn?.loopDepth === 1 && loop?.over === cv.lenOf) {
      const perItem = `${cv.key}@${loop.range.start.line}:${loop.range.start.col}`;
      const sent = (this.fn.sends.get(perItem) ?? 0) + 1;
      this.fn.sends.set(perItem, sent);
      if (sent === 1) return;
    }
    // a send followed by return (perhaps after a close or an assignment) happens once, even inside a loop; so does
    // one followed by a break out of the function's outermost loop, and one a once-flag guards
    const terminal = followedByReturn(n) || this.breaksOutermostLoop(n) || (!!this.fn && this.fn.loopDepth > 0 && onceGuarded(n));
    if (cv.k === 'chan' && cv.cap !== 0 && this.fn && (this.fn.loopDepth === 0 || terminal)) {
      // buffered for this send: one send per slot (a len(x)-sized buffer counts as one slot per goroutine)
      const sent = (this.fn.sends.get(cv.key) ?? 0) + 1;
      this.fn.sends.set(cv.key, sent);
      if (sent <= (cv.cap === 'dyn' ? 1 : cv.cap)) return;
    }
    this.block('send', n);
    this.tagChan(cv, ch);
    if (terminal) this.fn!.fact.blocks[this.fn!.fact.blocks.length - 1]!.once = true;
  }

  /** The statements after `n` end in a `break` that leaves the function's outermost loop: by its label, or a bare
   * break when that loop is the innermost breakable around `n` (not a select or switch, which a bare break ends). */
  private breaksOutermostLoop(n: Node): boolean {
    const st = this.fn;
    if (!st || st.loopDepth !== 1) return false;
    const jump = jumpAfter(n);
    if (jump?.type !== 'break_statement') return false;
    const outer = st.breakables.find((b) => b.kind === 'loop');
    const label = jump.namedChildren[0]?.text;
    return label ? label === outer?.label : st.breakables[st.breakables.length - 1] === outer;
  }

  /** A _test.go file, or a file of test helpers (it imports testing or testify); imports are read before any body. */
  private isTestCode(): boolean {
    return (this.testCode ??=
      this.opts.path.endsWith('_test.go') || this.importFacts.some((i) => i.path === 'testing' || i.path.startsWith('github.com/stretchr/testify/')));
  }

  /** Receiving from a channel parameter: a caller that hands this parameter a `ctx.Done()` has it observed. */
  private receivesFromParam(v: Value): void {
    const st = this.fn;
    if (v.k === 'chan' && st && st.fact.params.some((p) => p.key === v.key)) st.observes.add(v.key);
  }

  private receive(n: Node, operand: Node): void {
    const v = this.classify(operand);
    this.visit(operand);
    this.receivesFromParam(v);
    if (v.k === 'done') {
      this.fn?.observes.add(v.key);
      if (this.fn && n.parent?.type === 'expression_statement' && atTopLevel(n.parent)) this.fn.afterDoneStmt = true;
      return;
    }
    if (v.k === 'timer') return;
    // a channel from a call that was handed ctx (a watch) closes when ctx is cancelled
    if (v.k === 'var' && v.ctxBound) return;
    if (v.k === 'chan' && this.fn) {
      this.fn.fact.chanOps.push({ key: v.key, kind: 'recv', range: this.range(n), loop: this.fn.loops[this.fn.loops.length - 1]?.range });
      // a receive from a channel this function has already closed returns at once; one from a buffered
      // channel it has already sent on releases the slot it took (a semaphore: `sem <- x` ... `<-sem`)
      if (closedEarlier(this.fn.fact, v.key) || this.fn.acquired?.has(v.key)) return;
    }
    this.block('recv', n);
    this.tagChan(v, operand);
  }

  /** A send on a channel this function made with a buffer takes a slot that a later receive gives back. */
  private acquire(v: Value): void {
    if (v.k !== 'chan' || !v.key || !this.fn) return;
    const made = this.fn.fact.chans.find((c) => c.key === v.key);
    if (made && made.cap !== 0) (this.fn.acquired ??= new Set()).add(v.key);
  }

  /** What a context.AfterFunc callback does on cancellation: close channels (by name), Close() things, or more. */
  private afterFunc(fact: FuncFact, callback: Node | undefined): void {
    const af = (fact.afterFunc ??= { opaque: false, closes: [] });
    const body = callback?.type === 'func_literal' ? callback.childForFieldName('body')?.text : undefined;
    if (body === undefined) {
      af.opaque = true;
      return;
    }
    for (const m of body.matchAll(/\bclose\(\s*(\w+)\s*\)/g)) af.closes.push(m[1]!);
    const rest = body.replace(/\bclose\(\s*\w+\s*\)|\b[\w.]+\.Close\(\)/g, '');
    if (/[\w)\]]\s*\(/.test(rest)) af.opaque = true;
  }

  /** Records which channel the last block operates on (for buffers the index can see at the go statement). */
  private tagChan(v: Value, chanExpr: Node): void {
    const b = this.fn?.fact.blocks[this.fn.fact.blocks.length - 1];
    if (!b) return;
    if (v.k === 'chan') b.chan = v.key;
    const t = unparen(chanExpr)?.type;
    if (t === 'identifier') b.chanName = unparen(chanExpr)!.text;
    if (t === 'selector_expression' || t === 'index_expression' || (v.k === 'var' && v.fromField)) b.onField = true;
    if (v.k === 'field' && t === 'selector_expression' && !v.key.startsWith('field:?.')) b.field = v.key.slice('field:'.length);
    if (this.fn!.loopDepth > 0) b.inLoop = true;
  }

  private block(kind: BlockFact['kind'], n: Node, end?: Node, text?: string): void {
    if (!this.fn) return;
    const b: BlockFact = { kind, text: text ?? this.short(n), range: this.range(n, end) };
    if (this.fn.inDoneCase > 0 || this.fn.afterDoneStmt) b.afterDone = true;
    // a send or receive that is a statement of its own, on one line, can be wrapped in a select by --fix
    const stmt = kind === 'send' ? n : kind === 'recv' && n.parent?.type === 'expression_statement' ? n.parent : null;
    if (stmt && stmt.startPosition.row === stmt.endPosition.row && stmt.parent?.type === 'statement_list') {
      const lineStart = this.lineStarts[stmt.startPosition.row] ?? 0;
      const indent = this.src.slice(lineStart, lineStart + stmt.startPosition.column);
      if (/^[ \t]*$/.test(indent)) b.stmt = { src: stmt.text, indent };
    }
    if (stmt && stmt.parent?.type === 'statement_list') {
      const then = afterOp(stmt);
      if (then) b.then = then;
    }
    this.fn.fact.blocks.push(b);
  }

  private call(n: Node, deferred: boolean): void {
    const f = unparen(n.childForFieldName('function'));
    const args = argNodes(n);
    if (!f) return this.visitAll(n);
    // immediately invoked or deferred literal: its body runs here
    if (f.type === 'func_literal') {
      for (const a of args) this.visit(a);
      const fact = this.literal(f, 'invoked');
      this.fn?.fact.calls.push({
        callee: { k: 'lit', id: fact.id }, args: args.map((a) => this.callArg(a)), range: this.range(n),
        text: this.short(n), deferred,
      });
      // `defer func() { close(ch) }()`: an unconditional close in a deferred literal is a deferred close here
      if (deferred && this.fn) {
        for (const c of fact.chanFeeds ?? []) {
          if (c.kind === 'close' && c.top && !c.deferred) (this.fn.fact.chanFeeds ??= []).push({ ...c, deferred: true, top: undefined });
        }
      }
      return;
    }
    // ctx methods
    if (f.type === 'selector_expression') {
      const operand = f.childForFieldName('operand');
      const field = f.childForFieldName('field')?.text ?? '';
      if (operand) {
        const ov = this.classify(operand);
        const isCtx = ov.k === 'ctx' || (ov.k === 'field' && ov.type.k === 'field');
        if (isCtx && (field === 'Err' || field === 'Done') && args.length === 0) {
          if (field === 'Err' && this.fn) this.fn.observes.add((ov as { key: string }).key);
          this.visit(operand);
          return;
        }
        if (ov.k === 'ctx' && (field === 'Value' || field === 'Deadline')) {
          this.visitAll(n);
          return;
        }
        // g.Go(f) on an errgroup.Group runs f in a goroutine: judged like `go f()`
        if (field === 'Go' && args.length === 1 && ov.k === 'var' && spawns(ov.type)) {
          const fnArg = unparen(args[0]);
          if (fnArg && (fnArg.type === 'func_literal' || fnArg.type === 'identifier' || fnArg.type === 'selector_expression')) {
            this.visit(operand);
            this.spawn(n, fnArg, [], true);
            return;
          }
        }
        if ((ov.k === 'var' || ov.k === 'field') && field === 'Wait' && args.length === 0) {
          const t = ov.k === 'var' ? ov.type : undefined;
          if (t && t.k === 'sync') this.block('wait', n);
        }
      }
      if (operand?.type === 'identifier') {
        const path = this.isImport(operand.text);
        if (path === 'context' && (field === 'Cause' || field === 'AfterFunc') && args[0]) {
          const a = this.classify(args[0]);
          if (a.k === 'ctx' && this.fn) this.fn.observes.add(a.key);
          if (field === 'AfterFunc' && this.fn) this.afterFunc(this.fn.fact, args[1]);
        }
        if ((path === 'os' && field === 'Exit') || (path === 'log' && /^(Fatal|Panic)/.test(field))) this.markExit('all');
        if (path === 'runtime' && field === 'Goexit') this.markExit('all');
      }
      if (/^(Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow)$/.test(field)) this.markExit('all');
    }
    if (f.type === 'identifier' && f.text === 'panic' && !this.lookup('panic')) this.markExit('all');
    if (f.type === 'identifier' && f.text === 'close' && args[0] && !this.lookup('close') && this.fn) {
      const cv = this.classify(args[0]);
      if (cv.k === 'chan' && cv.key) {
        const top = atTopLevel(deferred ? n.parent : n.parent?.type === 'expression_statement' ? n.parent : null);
        (this.fn.fact.chanFeeds ??= []).push({ key: cv.key, kind: 'close', range: this.range(n), deferred: deferred || undefined, top: top || undefined });
      }
    }
    // visit the function expression's operand (e.g. a call in a selector chain) and the arguments
    if (f.type === 'selector_expression') {
      const operand = f.childForFieldName('operand');
      if (operand) this.visit(operand);
    } else if (f.type !== 'identifier') {
      this.visit(f);
    }
    const argFacts = args.map((a) => this.callArg(a));
    for (const a of args) this.visit(a);
    const callee = this.calleeOf(f);
    if (callee.k === 'unknown' && callee.why === 'builtin') return;
    for (const a of argFacts) if (a.chanKey && this.fn) (this.fn.fact.chanEscapes ??= []).push(a.chanKey);
    this.fn?.fact.calls.push({ callee, args: argFacts, range: this.range(n), text: this.short(n), deferred });
  }

  private goStmt(n: Node): void {
    let c = n.namedChildren.find((x) => x && x.type !== 'comment');
    if (!c || !this.fn) return this.visitAll(n);
    if (n.hasError) {
      this.fn.fact.hasError = true;
      return;
    }
    c = unparen(c) ?? c;
    let fnNode: Node | null = null;
    let args: Node[] = [];
    if (c.type === 'call_expression') {
      fnNode = unparen(c.childForFieldName('function'));
      args = argNodes(c);
    } else if (c.type === 'type_conversion_expression') {
      fnNode = c.childForFieldName('type');
      const op = c.childForFieldName('operand');
      args = op ? [op] : [];
    }
    if (!fnNode) return this.visitAll(n);
    this.spawn(n, fnNode, args, false);
  }

  /**
   * A goroutine started at `n`, running `fnNode(args...)`: a go statement, or a function handed to an
   * errgroup.Group's Go method (`group`), which runs it in a goroutine of its own.
   */
  private spawn(n: Node, fnNode: Node, args: Node[], group: boolean): void {
    if (!this.fn) return;
    const ctxNames: Record<string, string> = {};
    for (const scope of this.scopes) for (const [name, b] of scope) if (b.k === 'ctx') ctxNames[b.key] = name;
    const argFacts = args.map((a) => this.argFact(a));
    for (const a of args) this.visit(a);
    let callee: CalleeRef;
    if (fnNode.type === 'func_literal') {
      const fact = this.literal(fnNode, 'go');
      callee = { k: 'lit', id: fact.id };
    } else {
      callee = this.calleeOf(fnNode);
      if (fnNode.type === 'selector_expression') {
        const operand = fnNode.childForFieldName('operand');
        if (operand) this.visit(operand);
      }
    }
    this.fn.fact.calls.push({ callee, args: argFacts, range: this.range(n), text: this.short(n), spawn: true });
    this.gos.push({
      range: this.range(n),
      text: this.short(n),
      callee,
      args: argFacts,
      calleeText: fnNode.type === 'func_literal' ? 'func literal' : shorten(fnNode.text, 40),
      parent: this.fn.fact.id,
      ctxNames,
      loop: this.fn.loops[this.fn.loops.length - 1]?.range,
      loopRangeOver: this.fn.loops[this.fn.loops.length - 1]?.over,
      group: group || undefined,
    });
  }

  private forStmt(n: Node, label: string | undefined): void {
    if (!this.fn) return this.visitAll(n);
    const st = this.fn;
    const body = n.childForFieldName('body');
    const header = n.namedChildren.filter((c): c is Node => !!c && c.id !== body?.id && c.type !== 'comment');
    const entry = { kind: 'loop' as const, label, exits: false };
    let rangeOverTicker = false;
    this.withScope(() => {
      let rangeOverChan: Node | null = null;
      let rangeIfChan: TypeRef | undefined;
      let rangeChanKey: string | undefined;
      let rangeOp: ChanOpFact | undefined;
      for (const h of header) {
        if (h.type === 'range_clause') {
          const right = h.childForFieldName('right');
          if (right) {
            const v = this.classify(right);
            this.visit(right);
            if (v.k === 'chan' || (v.k === 'var' && v.type.k === 'chan')) rangeOverChan = h;
            if (v.k === 'chan') rangeChanKey = v.key;
            else if (v.k === 'var' && v.ctxBound) {
              /* ranging over a watch that closes on cancel */
            } else if (v.k === 'field' || (v.k === 'var' && (v.type.k === 'result' || v.type.k === 'field'))) {
              rangeOverChan = h;
              rangeIfChan = v.type;
            }
            if (v.k === 'done') st.observes.add(v.key);
            if (v.k === 'timer') rangeOverTicker = true; // for range ticker.C never ends by itself
          }
          const left = h.childForFieldName('left');
          // the elements of a struct field's collection (`for _, w := range s.waiters`) are the owner's channels
          const rt = unparen(right)?.type;
          const elem: Value = rt === 'selector_expression' || rt === 'index_expression' ? { k: 'var', type: { k: 'other' }, fromField: true } : { k: 'none' };
          for (const l of left?.namedChildren ?? []) if (l && l.type === 'identifier') this.bind(l.text, elem, l, true);
        } else {
          this.visit(h);
        }
      }
      // ranging over a channel this function has already closed ends with its buffer
      const closedHere = !!rangeChanKey && closedEarlier(st.fact, rangeChanKey);
      if (rangeOverChan) {
        if (!closedHere) {
          this.block('range-chan', n, rangeOverChan, `for range ${shorten(rangeOverChan.childForFieldName('right')?.text ?? '', 40)}`);
          const b = st.fact.blocks[st.fact.blocks.length - 1]!;
          if (rangeIfChan) b.ifChan = rangeIfChan;
          if (rangeChanKey) b.chan = rangeChanKey;
        }
        if (rangeChanKey) {
          rangeOp = { key: rangeChanKey, kind: 'range', range: this.range(n, rangeOverChan), loop: st.loops[st.loops.length - 1]?.range };
          if (atTopLevel(n)) rangeOp.top = true;
          st.fact.chanOps.push(rangeOp);
        }
      }
      const rangeClause = header.find((h) => h.type === 'range_clause');
      st.loops.push({ range: this.range(n), over: rangeClause?.childForFieldName('right')?.text });
      st.breakables.push(entry);
      st.loopDepth++;
      try {
        if (body) this.visit(body);
      } finally {
        st.loopDepth--;
        st.breakables.pop();
        st.loops.pop();
      }
      if (rangeOp && entry.exits) rangeOp.exits = true;
    });
    if ((header.length === 0 || rangeOverTicker) && !entry.exits) {
      // `for { ... }` that nothing leaves: the goroutine never ends
      const end = body ?? n;
      st.fact.blocks.push({
        kind: 'forever',
        text: rangeOverTicker ? `for range ${shorten(header[0]?.childForFieldName('right')?.text ?? '', 30)} { … }` : 'for { … }',
        range: { start: this.pos(n.startPosition), end: this.pos(end.startPosition) },
      });
    }
  }

  private markExit(_: 'all'): void {
    if (!this.fn) return;
    for (const b of this.fn.breakables) b.exits = true;
  }

  private markBreak(label: string | undefined): void {
    if (!this.fn) return;
    const bs = this.fn.breakables;
    if (label) {
      for (let i = bs.length - 1; i >= 0; i--) if (bs[i]!.label === label) { bs[i]!.exits = true; return; }
      return;
    }
    const b = bs[bs.length - 1];
    if (b) b.exits = true;
  }

  private select(n: Node): void {
    const st = this.fn;
    const cases = n.namedChildren.filter((c): c is Node => !!c && (c.type === 'communication_case' || c.type === 'default_case'));
    let hasDefault = false;
    let hasTimer = false;
    let hasStop = false;
    const guards: string[] = [];
    const kinds: { cs: Node; kind: 'done' | 'timer' | 'stop' | 'recv' | 'send' | 'default'; chanKey?: string; local?: boolean; watch?: boolean }[] = [];
    // a select whose every case waits on a struct-field (or container) channel belongs to a long-lived object
    let allOnField = cases.length > 0;
    const noteChan = (chan: Node | null | undefined, v: Value | undefined) => {
      const t = unparen(chan)?.type;
      if (!(t === 'selector_expression' || t === 'index_expression' || (v?.k === 'var' && v.fromField))) allOnField = false;
    };
    const recvCase = (cs: Node, chan: Node, valueless: boolean) => {
      const v = this.classify(chan);
      noteChan(chan, v);
      this.visit(chan);
      this.receivesFromParam(v);
      if (v.k === 'done' || (v.k === 'var' && v.ctxBound)) {
        // a channel from a call handed ctx (a watch, a subscription) closes when ctx is cancelled
        const key = v.k === 'done' ? v.key : v.ctxBound!;
        guards.push(key);
        kinds.push({ cs, kind: 'done', ...(v.k === 'done' ? {} : { watch: true }) });
      } else if (v.k === 'timer') {
        hasTimer = true;
        kinds.push({ cs, kind: 'timer' });
      } else if (
        valueless &&
        !(v.k === 'chan' && st?.fact.chans.some((c) => c.key === v.key)) &&
        (returnsIn(cs) || (v.k === 'chan' && !!st?.fact.params.some((p) => p.key === v.key)))
      ) {
        // `case <-x: return`, or `case <-x:` on a channel parameter (a caller may hand in ctx.Done()): a signal
        // whose value is not wanted ends the wait: a stop channel, known by its use, never by its name (a
        // channel made right here is the function's own: judged by its leave paths on the IR)
        hasStop = true;
        kinds.push({ cs, kind: 'stop', local: false });
      } else kinds.push({ cs, kind: 'recv', chanKey: v.k === 'chan' ? v.key : undefined });
    };
    for (const cs of cases) {
      if (cs.type === 'default_case') {
        allOnField = false;
        hasDefault = true;
        kinds.push({ cs, kind: 'default' });
        continue;
      }
      const comm = cs.childForFieldName('communication');
      if (!comm) continue;
      if (comm.type === 'receive_statement') {
        const right = comm.childForFieldName('right');
        const chan = right?.type === 'unary_expression' ? right.childForFieldName('operand') : right;
        if (chan) recvCase(cs, chan, !comm.childForFieldName('left'));
      } else if (comm.type === 'send_statement') {
        const val = comm.childForFieldName('value');
        const ch = comm.childForFieldName('channel');
        if (val) this.visit(val);
        if (ch) this.visit(ch);
        const cv = ch ? this.classify(ch) : undefined;
        noteChan(ch, cv);
        if (cv) this.acquire(cv);
        kinds.push({ cs, kind: 'send', chanKey: cv?.k === 'chan' ? cv.key : undefined });
      } else {
        // a bare receive expression as the communication
        const chan = comm.type === 'unary_expression' ? comm.childForFieldName('operand') : null;
        if (chan) recvCase(cs, chan, true);
      }
    }
    if (st) {
      // receives from channels of this function, and the case that leaves instead (for abandoned-sender)
      // a case that fails the test or ends the program leaves a sender behind only when something already
      // went wrong: not a leak worth an alarm
      const aborts = (cs: Node) => ABORTS.test(cs.text) || (this.isTestCode() && TEST_FAILS.test(cs.text));
      let leaveCase: (typeof kinds)[number] | undefined = kinds.find(
        (k) =>
          (k.kind === 'done' || k.kind === 'timer' || (k.kind === 'stop' && !k.local) || k.kind === 'default') &&
          returnsIn(k.cs) &&
          !aborts(k.cs),
      );
      // a Done, timer or stop case that does not return still leaves when it falls out of a select that is in
      // no loop, or breaks out of the loop around the select by its label: the receive is not done again
      // unless the function receives once more after that point (judged by abandoned-sender)
      let after: Pos | undefined;
      if (!leaveCase) {
        const loop = st.breakables.filter((b) => b.kind === 'loop').pop();
        const loopRange = st.loops[st.loops.length - 1]?.range;
        leaveCase = kinds.find((k) => {
          if (!(k.kind === 'done' || k.kind === 'timer' || (k.kind === 'stop' && !k.local)) || aborts(k.cs)) return false;
          if (!loopRange) return true;
          return !!loop?.label && k.cs.descendantsOfType('break_statement').some((b) => b?.namedChildren[0]?.text === loop.label);
        });
        if (leaveCase) after = loopRange ? loopRange.end : this.pos(n.endPosition);
      }
      for (const k of kinds) {
        if (k.kind !== 'recv' || !k.chanKey) continue;
        st.fact.chanOps.push({
          key: k.chanKey,
          kind: 'recv',
          range: this.range(k.cs.childForFieldName('communication') ?? k.cs),
          loop: st.loops[st.loops.length - 1]?.range,
          select: this.range(n),
          leave: leaveCase
            ? {
                kind: leaveCase.kind as 'done' | 'timer' | 'stop' | 'default',
                range: this.range(leaveCase.cs.childForFieldName('communication') ?? leaveCase.cs.child(0) ?? leaveCase.cs),
                text: leaveCase.kind === 'default' ? 'default' : shorten(leaveCase.cs.childForFieldName('communication')?.text ?? '', 40),
                after,
              }
            : undefined,
        });
      }
    }
    if (st) for (const g of guards) st.observes.add(g);
    if (st && hasStop) st.fact.stops = true;
    const blocking = !hasDefault && !hasTimer && !hasStop && guards.length === 0;
    if (blocking) {
      const kw = n.child(0);
      this.block(cases.length === 0 ? 'select-empty' : 'select', n, kw ?? undefined, cases.length === 0 ? 'select {}' : 'select');
      const b = st?.fact.blocks[st.fact.blocks.length - 1];
      if (allOnField && b) b.onField = true;
      // the channels of its cases, when every one is a channel of a known binding
      if (b && cases.length > 0 && kinds.every((k) => (k.kind === 'recv' || k.kind === 'send') && k.chanKey)) {
        b.cases = kinds.map((k) => ({ kind: k.kind as 'recv' | 'send', chan: k.chanKey! }));
      }
    }
    if (!st) return this.visitAll(n);
    st.breakables.push({ kind: 'other', exits: false });
    try {
      this.branches((branch) => {
        for (const cs of cases) {
          branch(
            () =>
              this.withScope(() => {
                const comm = cs.childForFieldName('communication');
                if (comm?.type === 'receive_statement') {
                  const left = comm.childForFieldName('left');
                  for (const l of left?.namedChildren ?? []) if (l && l.type === 'identifier') this.bind(l.text, { k: 'none' }, l, true);
                }
                // the body of a Done case runs once the ctx is cancelled (a send there reports the shutdown);
                // the body of a case on a watch channel runs for every value it delivers
                const isDone = kinds.some((k) => k.cs.id === cs.id && k.kind === 'done' && !k.watch);
                if (isDone) st.inDoneCase++;
                try {
                  for (const c of cs.namedChildren) if (c && c.id !== comm?.id) this.visit(c);
                } finally {
                  if (isDone) st.inDoneCase--;
                }
              }),
            cs,
          );
        }
      }, false);
    } finally {
      st.breakables.pop();
    }
  }
}

// ---------- helpers ----------

export function shorten(s: string, max = MAX_TEXT): string {
  // a long text (a call with a func literal argument) is shortened from its head: the collapsed head agrees
  // with the collapsed whole except, at most, in its last character
  if (s.length > max * 4) {
    const head = s.slice(0, max * 4).replace(/\s+/g, ' ').trimStart();
    if (head.length > max + 1) return head.slice(0, max - 1) + '…';
  }
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

function lastElem(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? path;
  // gopkg.in/yaml.v3 -> yaml, github.com/x/y/v2 -> y
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  last = last.replace(/\.v\d+$/, '');
  return last.replace(/^go-/, '').replace(/-go$/, '').replace(/[.-]/g, '_');
}

function unparen(n: Node | null | undefined): Node | null {
  let cur = n ?? null;
  while (cur && cur.type === 'parenthesized_expression') cur = cur.namedChildren[0] ?? null;
  return cur;
}

function argNodes(call: Node): Node[] {
  const al = call.childForFieldName('arguments');
  if (!al) return [];
  return al.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

function baseTypeName(t: Node): string {
  let cur: Node | null = t;
  while (cur && (cur.type === 'pointer_type' || cur.type === 'parenthesized_type')) cur = cur.namedChildren[0] ?? null;
  if (cur && cur.type === 'generic_type') cur = cur.childForFieldName('type');
  return cur?.text ?? '';
}

function typeBase(t: TypeRef): string | undefined {
  return t.k === 'named' ? t.name : undefined;
}

const CASES = new Set(['expression_case', 'type_case', 'default_case']);

/** Whether the last statement of a block or case body is a return. */
function endsInReturn(n: Node): boolean {
  const list = n.type === 'statement_list' ? n : n.namedChildren.find((x) => x?.type === 'statement_list');
  const stmts = list?.namedChildren.filter((x) => x && x.type !== 'comment') ?? [];
  return stmts[stmts.length - 1]?.type === 'return_statement';
}

/** Whether a return statement of this function (not of a nested func literal) sits inside `n`. */
function returnsIn(n: Node): boolean {
  for (const r of n.descendantsOfType('return_statement')) {
    let p = r?.parent ?? null;
    let nested = false;
    while (p && p.id !== n.id) {
      if (p.type === 'func_literal') {
        nested = true;
        break;
      }
      p = p.parent;
    }
    if (!nested) return true;
  }
  return false;
}

/** The name of the function a call expression calls (last identifier of its function expression). */
function calledName(n: Node): string {
  if (n.type !== 'call_expression') return '';
  const f = n.childForFieldName('function');
  return f ? lastIdent(f) : '';
}

function lastIdent(n: Node): string {
  if (n.type === 'selector_expression') return n.childForFieldName('field')?.text ?? '';
  if (n.type === 'call_expression') {
    const f = n.childForFieldName('function');
    return f ? lastIdent(f) : '';
  }
  return n.text;
}
