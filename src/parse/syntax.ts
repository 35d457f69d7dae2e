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

const FUNC_NODES = new Set(['func_literal', 'function_declaration', 'method_declaration']);
const JUMPS = new Set(['continue_statement', 'break_statement', 'return_statement', 'goto_statement']);
const PLAIN = new Set(['expression_statement', 'assignment_statement', 'short_var_declaration', 'inc_statement', 'dec_statement', 'var_declaration']);

/** `x = true` with a single identifier on the left: the identifier. */
function setsTrue(n: Node): string | undefined {
  if (n.type !== 'assignment_statement') return undefined;
  const l = n.childForFieldName('left')?.namedChildren ?? [];
  const r = n.childForFieldName('right')?.namedChildren ?? [];
  return l.length === 1 && r.length === 1 && l[0]!.type === 'identifier' && r[0]!.type === 'true' ? l[0]!.text : undefined;
}

/** The condition holds only while `v` is false: `!v`, or a `&&` chain with `!v` in it. */
function requiresFalse(c: Node | null, v: string): boolean {
  if (!c) return false;
  if (c.type === 'parenthesized_expression') return requiresFalse(c.namedChildren[0] ?? null, v);
  if (c.type === 'unary_expression') {
    const o = c.childForFieldName('operand');
    return c.text.startsWith('!') && o?.type === 'identifier' && o.text === v;
  }
  if (c.type === 'binary_expression' && c.children.some((x) => x.type === '&&')) {
    return requiresFalse(c.childForFieldName('left'), v) || requiresFalse(c.childForFieldName('right'), v);
  }
  return false;
}

/** `if v { …; continue }` (or break, return): the rest of its statement list runs only while `v` is false. */
function skipsWhenTrue(n: Node, v: string): boolean {
  if (n.type !== 'if_statement' || n.childForFieldName('initializer') || n.childForFieldName('alternative')) return false;
  let c = n.childForFieldName('condition');
  while (c?.type === 'parenthesized_expression') c = c.namedChildren[0] ?? null;
  if (c?.type !== 'identifier' || c.text !== v) return false;
  const body = n.childForFieldName('consequence')?.namedChildren[0];
  const last = body?.type === 'statement_list' ? body.namedChildren[body.namedChildren.length - 1] : undefined;
  return !!last && JUMPS.has(last.type);
}

/** Every declaration of `v` in the function `fn` (short variable declarations and var specs). */
function declarationsOf(fn: Node, v: string): Node[] {
  const out: Node[] = [];
  for (const d of fn.descendantsOfType(['short_var_declaration', 'var_spec'])) {
    const names = d.type === 'var_spec' ? d.childrenForFieldName('name') : (d.childForFieldName('left')?.namedChildren ?? []);
    if (names.some((x) => x.type === 'identifier' && x.text === v)) out.push(d);
  }
  return out;
}

/** Statements `stmts[from..to)` are plain (no block of their own) and none can jump. */
function plainRun(stmts: Node[], from: number, to: number): boolean {
  return stmts.slice(from, to).every((y) => PLAIN.has(y.type) && y.descendantsOfType([...JUMPS]).length === 0);
}

/** Variable `v` is declared once in `fn`, outside every loop of it (one variable for the whole call, not one per
 * round). */
function declaredOnceOutsideLoops(fn: Node, v: string): boolean {
  const decls = declarationsOf(fn, v);
  if (decls.length !== 1) return false;
  for (let p = decls[0]!.parent; p && p.startIndex !== fn.startIndex; p = p.parent) if (p.type === 'for_statement') return false;
  return true;
}

/**
 * The statement `s`, inside a loop, runs at most once per run of its function: a once-flag guards it. A local
 * boolean `v`, declared once in the function outside every loop and only ever assigned `true`, is set in the
 * statement list of `s` (before it, or after it with only plain statements in between), and `s` runs only while
 * `v` is false: an enclosing `if !v` (or `if … && !v`) inside the loop, or an earlier `if v { …; continue }` (or
 * break, return) in a statement list around it inside the loop. The flag is followed by the variable's identity
 * in its function, never by its name's meaning.
 */
export function onceGuarded(s: Node): boolean {
  let loop: Node | null = null;
  let fn: Node | null = null;
  for (let p = s.parent; p; p = p.parent) {
    if (FUNC_NODES.has(p.type)) {
      fn = p;
      break;
    }
    if (p.type === 'for_statement') loop ??= p;
  }
  const list = s.parent;
  if (!loop || !fn || list?.type !== 'statement_list') return false;
  const stmts = list.namedChildren;
  const at = stmts.findIndex((x) => x.startIndex === s.startIndex);
  if (at < 0) return false;
  const flags = new Set<string>();
  stmts.forEach((x, i) => {
    const v = setsTrue(x);
    if (!v || i === at) return;
    if (i < at || plainRun(stmts, at + 1, i)) flags.add(v);
  });
  for (const v of flags) {
    // declared once, outside every loop of the function, and never set to anything but true
    if (!declaredOnceOutsideLoops(fn, v)) continue;
    const assigns = fn.descendantsOfType('assignment_statement').filter((a) => (a.childForFieldName('left')?.namedChildren ?? []).some((x) => x.type === 'identifier' && x.text === v));
    if (assigns.some((a) => setsTrue(a) !== v)) continue;
    // s runs only while v is false
    let guarded = false;
    for (let child: Node = s, p = s.parent; p && !guarded && p.startIndex !== loop.startIndex; child = p, p = p.parent) {
      if (p.type === 'if_statement' && p.childForFieldName('consequence')?.startIndex === child.startIndex && requiresFalse(p.childForFieldName('condition'), v)) guarded = true;
      if (p.type === 'statement_list') {
        for (const x of p.namedChildren) {
          if (x.startIndex >= child.startIndex) break;
          if (skipsWhenTrue(x, v)) guarded = true;
        }
      }
    }
    if (guarded) return true;
  }
  return counterGuarded(s, loop, fn);
}

/** `v++`, or `v += N` with a positive integer literal N: the counter it increments. */
function increments(n: Node): string | undefined {
  if (n.type === 'inc_statement') {
    const x = n.namedChildren[0];
    return x?.type === 'identifier' ? x.text : undefined;
  }
  if (n.type !== 'assignment_statement' || n.childForFieldName('operator')?.text !== '+=') return undefined;
  const l = n.childForFieldName('left')?.namedChildren ?? [];
  const r = n.childForFieldName('right')?.namedChildren ?? [];
  return l.length === 1 && r.length === 1 && l[0]!.type === 'identifier' && r[0]!.type === 'int_literal' && Number(r[0]!.text) > 0 ? l[0]!.text : undefined;
}

/**
 * The other once-guard: a counter that only grows. Statement `s` runs in the consequence of `if v == 0` (inside the
 * loop), and the statement list holding that if increments v right after it (`if restarts == 0 { started <- nil };
 * restarts++`), with nothing between that can jump; v is declared once, outside every loop, and never written but
 * by `v++` or `v += N` (N > 0). Once v has grown, the consequence never runs again.
 */
function counterGuarded(s: Node, loop: Node, fn: Node): boolean {
  for (let child: Node = s, p = s.parent; p && p.startIndex !== loop.startIndex; child = p, p = p.parent) {
    if (p.type !== 'if_statement' || p.childForFieldName('consequence')?.startIndex !== child.startIndex) continue;
    const c = p.childForFieldName('condition');
    const m = c?.type === 'binary_expression' ? /^([A-Za-z_]\w*)\s*==\s*0$|^0\s*==\s*([A-Za-z_]\w*)$/.exec(c.text) : null;
    const v = m ? (m[1] ?? m[2]) : undefined;
    const list = p.parent;
    if (!v || list?.type !== 'statement_list') continue;
    // nothing in the if (its body or its else) may jump past the increment
    if (p.descendantsOfType([...JUMPS]).length > 0) continue;
    // nor may anything reach the counter through a pointer (`&v`)
    if (fn.descendantsOfType('unary_expression').some((u) => u.text.replace(/\s+/g, '') === `&${v}`)) continue;
    const stmts = list.namedChildren;
    const at = stmts.findIndex((x) => x.startIndex === p.startIndex);
    const inc = stmts.findIndex((x, i) => i > at && increments(x) === v);
    if (inc < 0 || !plainRun(stmts, at + 1, inc) || !declaredOnceOutsideLoops(fn, v)) continue;
    const writes = fn.descendantsOfType(['assignment_statement', 'inc_statement', 'dec_statement']).filter((a) =>
      a.type === 'assignment_statement' ? (a.childForFieldName('left')?.namedChildren ?? []).some((x) => x.type === 'identifier' && x.text === v) : a.namedChildren[0]?.text === v,
    );
    if (writes.every((a) => increments(a) === v)) return true;
  }
  return false;
}

/** Go's rule: an identifier is exported when it starts with an upper-case letter (Unicode class Lu). */
export function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

/** The declared name of a function or method by its id (`F:name`, `M:Type.name`); undefined for a literal. */
export function declaredName(id: string): string | undefined {
  return /^[FM]:/.test(id) ? id.slice(id.lastIndexOf('.') + 1).replace(/^[FM]:/, '') : undefined;
}
