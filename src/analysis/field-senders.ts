// Senders on a struct field's channel that nobody will receive from: a goroutine sends (a bare send, or a select
// that can only send) on the unbuffered channel of field `T.f`, and every function of the module that receives
// from that field can stop receiving for good (a loop that returns, on a stop signal, a ctx or an error, with no
// receive of the field after it), or none does at all. The field is one identity across the methods of T (see
// leave.ts, fieldKey); it must not get away (handed to a call, copied, returned, stored), which is checked on the
// IR and, for the function bodies the IR does not hold, on the package's text: every mention of `.f` must be one
// the IR accounts for. Names never decide a finding: the text only keeps goleash silent.
// A shared analysis: plain data out, no messages.
import type { Program } from '../index/program.js';
import type { FuncIR, Op, Val } from '../ir/types.js';
import type { FileFacts, GoFact, Range } from '../parse/types.js';
import { goroutineOf } from './goroutines.js';
import { indexOf } from './irindex.js';
import { resolveCallee } from './summaries.js';
import { codeText } from './source.js';
import { blockingSend, fieldKey, type ChanKey } from './leave.js';
import { isExported } from '../parse/syntax.js';

export interface FieldAbandon {
  /** the goroutine's send that blocks, its text, and its file */
  send: Range;
  sendText: string;
  sendFile: string;
  /** the field as the goroutine writes it (`n.status`) */
  fieldText: string;
  /** the receivers and where each can stop for good; empty when nothing receives from the field */
  stops: { file: FileFacts; fn: string; at: Range }[];
}

interface FieldUse {
  file: FileFacts;
  fn: FuncIR;
}

interface PackageFields {
  receivers: Map<ChanKey, FieldUse[]>;
  /** handed to a call, a go statement or a defer (other than len/cap/close), or copied */
  escapes: Set<ChanKey>;
  /** sent on or closed somewhere in the package */
  fed: Set<ChanKey>;
  /** mentions of fields (by name) on values whose type the IR knows, per file */
  mentions: Map<FileFacts, Map<string, number>>;
}

const perPackage = new WeakMap<object, PackageFields>();

function fieldsOf(program: Program, file: FileFacts): PackageFields {
  const pkg = program.packageOf(file);
  let m = perPackage.get(pkg);
  if (m) return m;
  m = { receivers: new Map(), escapes: new Set(), fed: new Set(), mentions: new Map() };
  const out = m;
  for (const f of pkg.files) {
    const counts = new Map<string, number>();
    out.mentions.set(f, counts);
    for (const fn of f.ir ?? []) {
      const seen = (v: Val | undefined): ChanKey | undefined => {
        // a mention of a field whose owner the IR knows is accounted for, whichever type it belongs to
        if (v?.k === 'field' && v.owner) counts.set(v.name, (counts.get(v.name) ?? 0) + 1);
        return v ? fieldKey(v) : undefined;
      };
      const recv = (k: ChanKey | undefined) => {
        if (!k) return;
        const l = out.receivers.get(k) ?? [];
        if (!l.some((u) => u.fn === fn && u.file === f)) l.push({ file: f, fn });
        out.receivers.set(k, l);
      };
      for (const b of fn.blocks) {
        for (const o of b.ops) {
          if (o.o === 'recv') recv(seen(o.ch));
          else if (o.o === 'send' || o.o === 'close') {
            const k = seen(o.ch);
            if (k) out.fed.add(k);
          }
          else if (o.o === 'call' || o.o === 'defer' || o.o === 'go') {
            const harmless = o.fn.k === 'builtin' && (o.fn.name === 'len' || o.fn.name === 'cap' || o.fn.name === 'close');
            for (const a of o.args) {
              const k = seen(a);
              if (k && !harmless) out.escapes.add(k);
              if (k && o.fn.k === 'builtin' && o.fn.name === 'close') out.fed.add(k);
            }
          } else if (o.o === 'assign') {
            const k = seen(o.src);
            if (k) out.escapes.add(k);
          }
        }
        const t = b.term;
        if (t.t === 'select') {
          for (const c of t.cases) {
            if (c.kind === 'recv') recv(seen(c.ch));
            else {
              const k = seen(c.ch);
              if (k) out.fed.add(k);
            }
          }
        }
        if (t.t === 'range') recv(seen(t.ch));
      }
    }
  }
  perPackage.set(pkg, out);
  return out;
}

/** Every mention of the field's name as a selector (`.f`) in the files that can see it is one the IR accounts
 * for: none is in a body the IR does not hold (a getter, a plain call), in an expression whose type the IR does
 * not know, or anywhere goleash cannot follow. Writes of a new channel (`x.f = make(...)`) are not uses. */
function mentionsAccounted(program: Program, file: FileFacts, key: ChanKey, fields: PackageFields): boolean {
  const name = key.slice(key.lastIndexOf('.') + 1);
  const exported = isExported(name);
  const files = exported ? [...program.packages.values()].flatMap((p) => p.files) : program.packageOf(file).files;
  const re = new RegExp(`\\.${name}\\b(?!\\s*=\\s*make\\()(?!\\s*\\()`, 'g');
  for (const f of files) {
    // comments blanked; a mention in a string literal still counts (it keeps the finding on the side of silence)
    const text = codeText(program, f, true);
    if (text === null) return false;
    const n = text.match(re)?.length ?? 0;
    if (n === 0) continue;
    if (exported && program.packageOf(f) !== program.packageOf(file)) return false;
    if (n > (fields.mentions.get(f)?.get(name) ?? 0)) return false;
  }
  return true;
}

/** Where `fn`, which receives from `key` in a loop, can stop receiving for good: a way out of the loop (a return,
 * or a jump past it; not the end of a range over the field, nor a panic) after which no receive from the field
 * is reachable. Undefined when it cannot, or when it receives outside a loop (its callers decide how often). */
function stopsReceiving(fn: FuncIR, key: ChanKey, ctxCheck: (o: Op) => boolean = () => false): Range | undefined {
  const is = (v: Val) => fieldKey(v) === key;
  const receives = (i: number): boolean => {
    const b = fn.blocks[i]!;
    return (
      b.ops.some((o) => o.o === 'recv' && is(o.ch)) ||
      (b.term.t === 'select' && b.term.cases.some((c) => c.kind === 'recv' && is(c.ch))) ||
      (b.term.t === 'range' && is(b.term.ch))
    );
  };
  const loops = new Set<number>();
  for (let i = 0; i < fn.blocks.length; i++) {
    if (!receives(i)) continue;
    const h = fn.blocks[i]!.loop;
    if (h === undefined) return undefined;
    loops.add(h);
  }
  const inside = (b: number, h: number): boolean => {
    for (let l = fn.blocks[b]!.loop, k = 0; l !== undefined && k < 100; k++) {
      if (l === h) return true;
      l = fn.blocks[l]!.outer;
    }
    return false;
  };
  /** from block `from`, no receive from the field is reachable, and the function returns */
  const quiet = (from: number): boolean => {
    const seen = new Set<number>();
    const queue = [from];
    let returns = false;
    for (let q = 0; q < queue.length; q++) {
      const j = queue[q]!;
      if (seen.has(j)) continue;
      seen.add(j);
      if (receives(j)) return false;
      const t = fn.blocks[j]!.term.t;
      if (t === 'return' || t === 'end') returns = true;
      queue.push(...fn.blocks[j]!.succ);
    }
    return returns;
  };
  // a way out reached from the loop's head without a receive from the field on the way (a leave right after
  // receiving from the field took that send), decided by a stop signal, a ctx or an error: a select's case on another
  // channel, a branch on an error variable (the IR's guards), on a comma-ok receive's ok, or on a check of a context
  // (`if s.ctx.Err() != nil`); not a plain flag or a test of the value received, which the sender may set
  // itself before it stops sending
  for (const h of loops) {
    const seen = new Set<string>();
    const queue: [number, boolean][] = [[h, false]];
    for (let q = 0; q < queue.length; q++) {
      const [j, decided] = queue[q]!;
      if (seen.has(`${j}:${decided}`)) continue;
      seen.add(`${j}:${decided}`);
      const b = fn.blocks[j]!;
      if (b.fails || b.ops.some((o) => o.o === 'recv' && is(o.ch))) continue;
      const t = b.term;
      if (t.t === 'return') {
        if (decided) return t.r;
        continue;
      }
      for (let si = 0; si < b.succ.length; si++) {
        const s = b.succ[si]!;
        if (t.t === 'select' && t.cases[si]?.kind === 'recv' && is(t.cases[si]!.ch)) continue;
        if (j === h && (t.t === 'range' || t.t === 'loop')) {
          // the body of a range over the field starts with a receive; its normal end means the field was
          // closed (a send then panics); a counted loop's normal end is not taken as a stop
          if (si === 1 || (t.t === 'range' && is(t.ch))) continue;
        }
        const by =
          decided ||
          (t.t === 'select' && si < t.cases.length) ||
          (t.t === 'branch' && (t.guards?.some((g) => g.to === si) || t.okTest !== undefined || b.ops.some(ctxCheck))) ||
          (t.t === 'range' && si === 1);
        if (s !== h && !inside(s, h)) {
          if (by && quiet(s)) return t.t === 'select' && si < t.cases.length ? t.cases[si]!.r : 'r' in t ? t.r : b.ops[0]?.r;
          continue;
        }
        queue.push([s, by]);
      }
    }
  }
  return undefined;
}

const cache = new WeakMap<GoFact, FieldAbandon[]>();

/** The goroutine's sends on struct fields' channels that nobody will receive from (see the head comment). */
export function fieldAbandonedSends(file: FileFacts, go: GoFact, program: Program): FieldAbandon[] {
  const hit = cache.get(go);
  if (hit) return hit;
  const out: FieldAbandon[] = [];
  cache.set(go, out);
  const g = goroutineOf(file, go, program);
  if (!g) return out;
  const tf = g.targetFile;
  const fields = fieldsOf(program, tf);
  const sites: { key: ChanKey; r: Range; text: string; field: string; file: FileFacts }[] = [];
  // the goroutine's function, and the methods of its package it calls (a few calls deep): a send in
  // `w.removeTask()` is the goroutine's send as much as one written in its body
  const senders: { fn: FuncIR; file: FileFacts; depth: number }[] = [{ fn: g.target, file: tf, depth: 0 }];
  for (let i = 0; i < senders.length && senders.length < 12; i++) {
    const { fn, file: ff, depth } = senders[i]!;
    if (depth >= 3) continue;
    for (const b of fn.blocks) {
      for (const o of b.ops) {
        if (o.o !== 'call' || o.fn.k !== 'method') continue;
        const c = resolveCallee(o.fn, ff, program);
        if (c && program.packageOf(c.file) === program.packageOf(tf) && !senders.some((x) => x.fn === c.fn)) senders.push({ ...c, depth: depth + 1 });
      }
    }
  }
  for (const { fn, file: ff } of senders) {
    /** the block lies in the body of a range over a field's channel nothing in the package sends on or closes:
     * it never runs (the goroutine blocks at the range, which other rules judge) */
    const unreachable = (i: number): boolean => {
      for (let h = fn.blocks[i]!.loop, k = 0; h !== undefined && k < 50; k++) {
        const t = fn.blocks[h]!.term;
        const key = t.t === 'range' ? fieldKey(t.ch) : undefined;
        if (key && !fields.fed.has(key)) return true;
        h = fn.blocks[h]!.outer;
      }
      return false;
    };
    for (const [bi, b] of fn.blocks.entries()) {
      if (unreachable(bi)) continue;
      for (const o of b.ops) {
        const k = o.o === 'send' ? fieldKey(o.ch) : undefined;
        if (k && o.o === 'send' && o.ch.k === 'field') sites.push({ key: k, r: o.r, text: o.text, field: o.ch.text, file: ff });
      }
      const t = b.term;
      if (t.t !== 'select') continue;
      for (const c of t.cases) {
        const k = c.kind === 'send' ? fieldKey(c.ch) : undefined;
        if (k && c.ch.k === 'field' && blockingSend(t, k, () => false)) sites.push({ key: k, r: t.r, text: c.text, field: c.ch.text, file: ff });
      }
    }
  }
  const judged = new Map<ChanKey, FieldAbandon['stops'] | null>();
  for (const s of sites) {
    let stops = judged.get(s.key);
    if (stops === undefined) {
      stops = judge(program, tf, senders.map((x) => x.fn), s.key, fields);
      judged.set(s.key, stops);
    }
    if (stops) out.push({ send: s.r, sendText: s.text, sendFile: s.file.path, fieldText: s.field, stops });
  }
  return out;
}

function judge(program: Program, file: FileFacts, sender: FuncIR[], key: ChanKey, fields: PackageFields): FieldAbandon['stops'] | null {
  const field = key.slice('field:'.length);
  // every channel made into the field is unbuffered, and the package makes one
  const caps = program.packageOf(file).files.flatMap((f) => (f.fieldChans ?? []).filter((c) => c.field === field).map((c) => c.cap));
  if (caps.length === 0 || caps.some((c) => c !== 0)) return null;
  if (fields.escapes.has(key) || !mentionsAccounted(program, file, key, fields)) return null;
  const receivers = fields.receivers.get(key) ?? [];
  const stops: FieldAbandon['stops'] = [];
  for (const r of receivers) {
    if (sender.includes(r.fn)) return null;
    // `x.Err()` on a context: a variable declared one, or a field the package declares one
    const ctxCheck = (o: Op): boolean =>
      o.o === 'call' && o.fn.k === 'method' && o.fn.name === 'Err' &&
      ((o.fn.recv.k === 'var' && indexOf(r.file)?.vars.get(o.fn.recv.id)?.type?.k === 'ctx') ||
        (o.fn.recv.k === 'field' && !!o.fn.recv.owner && o.fn.recv.owner.pkg === '' && program.fieldType({ k: 'named', pkg: '', name: o.fn.recv.owner.name }, o.fn.recv.name, r.file, 0)?.type.k === 'ctx'));
    const at = stopsReceiving(r.fn, key, ctxCheck);
    if (!at) return null;
    stops.push({ file: r.file, fn: r.fn.id, at });
  }
  return stops;
}
