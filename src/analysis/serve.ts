// Servers stopped by their parent: a goroutine runs a serve call (the API table's `serve`: http.Server.ListenAndServe,
// grpc.Server.Serve) and sends its error only when the error is not what a stop makes the call return
// (`if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) { errCh <- err }`; for grpc,
// whose Serve returns nil once stopped, `if err != nil`). Once the parent calls a stop method (`Shutdown`, `Close`,
// `Stop`, `GracefulStop`) on the same server value, the call returns that value and those sends never happen. This
// tells, for a goroutine, how many sends remain once its server is stopped, and which of the parent's operations
// stop it. The server is identified as channels are: a variable by its declaration (the goroutine's parameter by
// the argument the go statement passes), a field of this package's type as `field:T.f`. Plain data, no verdict.
import { apiEffect } from '../api/table.js';
import type { Program } from '../index/program.js';
import type { FuncIR, Op, Val, VarId } from '../ir/types.js';
import type { FileFacts, GoFact, Range } from '../parse/types.js';
import { fieldKey, maxSends, type ChanKey } from './leave.js';
import { goOpOf, irOf, litOf, targetOf } from './goroutines.js';
import { indexOf } from './irindex.js';
import { resolveCallee } from './summaries.js';

/** A server value: `var:<id>` or `field:T.f`. */
export type ServerKey = string;

export interface ServeStop {
  /** the server, as the parent names it */
  server: ServerKey;
  /** the receiver's methods that stop it */
  stoppedBy: string[];
  /** the most sends the goroutine makes on the channel once the server is stopped */
  sends: number;
}

function serverKeyOf(v: Val): ServerKey | undefined {
  if (v.k === 'var') return `var:${v.id}`;
  return fieldKey(v);
}

/** The named type of a method call's receiver, when known: a variable's declared type, a field's in the index. */
function recvType(v: Val, file: FileFacts, program: Program): { pkg: string; name: string } | undefined {
  if (v.k === 'var') {
    const t = indexOf(file)?.vars.get(v.id)?.type;
    return t?.k === 'named' ? t : undefined;
  }
  if (v.k === 'field' && v.owner && v.owner.pkg === '') {
    const ft = program.fieldType({ k: 'named', pkg: '', name: v.owner.name }, v.name, file, 0);
    return ft?.type.k === 'named' ? { pkg: ft.type.pkg, name: ft.type.name } : undefined;
  }
  return undefined;
}

/**
 * For the goroutine `go` starts (its function `target`, in `targetFile`), sending on the channel it names `names`:
 * the sends left once the server its serve call serves is stopped, when fewer than `sends` (the count unstopped),
 * with the server as the parent names it. Only sends behind a branch on the serve call's result that excludes what
 * the stop makes it return are left out; one serve call's server per goroutine.
 */
export function serveStop(
  go: Op & { o: 'go' },
  target: FuncIR,
  targetFile: FileFacts,
  program: Program,
  names: ChanKey[],
  /** the most sends unstopped, or how to count them (counted only for a goroutine that serves) */
  sends: number | (() => number),
  dead: (v: Val) => boolean,
): ServeStop | undefined {
  const results = new Map<VarId, string>();
  const serves = new Set<Op>();
  let server: ServerKey | undefined;
  let stoppedBy: string[] = [];
  for (const b of target.blocks) {
    for (const o of b.ops) {
      if (o.o !== 'call' || o.fn.k !== 'method') continue;
      const t = recvType(o.fn.recv, targetFile, program);
      const e = t ? apiEffect(t.pkg, `${t.name}.${o.fn.name}`) : undefined;
      if (e?.k !== 'serve') continue;
      const key = serverKeyOf(o.fn.recv);
      if (!key || (server !== undefined && server !== key)) return undefined;
      server = key;
      serves.add(o);
      stoppedBy = e.stoppedBy;
      const v = o.res?.[0];
      if (v) results.set(v, e.then === 'nil' ? 'nil' : `${e.then.pkg}.${e.then.name}`);
    }
  }
  if (!server || results.size === 0) return undefined;
  // a result variable set by anything else than its serve call holds something else
  for (const b of target.blocks) {
    for (const o of b.ops) if (o.o === 'call' && !serves.has(o) && o.res?.some((v) => v && results.has(v))) return undefined;
  }
  // the goroutine's function with the branches that run only when the serve call returned something else than what
  // the stop makes it return taken out
  const cut: FuncIR = {
    ...target,
    blocks: target.blocks.map((b) => {
      const t = b.term;
      if (t.t !== 'branch' || !t.guards) return b;
      const drop = new Set(t.guards.filter((g) => results.has(g.v) && g.not.includes(results.get(g.v)!)).map((g) => g.to));
      return drop.size ? { ...b, succ: b.succ.filter((_, i) => !drop.has(i)) } : b;
    }),
  };
  const left = Math.max(0, ...names.map((n) => maxSends(cut, n, dead)));
  if (left >= (typeof sends === 'number' ? sends : sends())) return undefined;
  // the server as the parent names it: a captured variable or a field as is, a parameter by the argument passed
  let parentKey: ServerKey | undefined = server;
  if (server.startsWith('var:')) {
    const id = server.slice(4);
    const info = target.vars[id];
    if (info?.kind === 'param' && info.index !== undefined) {
      const a = go.args[info.index];
      parentKey = a ? serverKeyOf(a) : undefined;
    } else if (info) parentKey = undefined; // a server of the goroutine's own
  }
  return parentKey ? { server: parentKey, stoppedBy, sends: left } : undefined;
}

/** Whether op `o` of the parent stops `stop`'s server: a call of a stop method on it, or a defer of one (or of a
 * func literal that calls one); a call (or defer) of a function of the module that does so itself, one level deep,
 * on the same field or on the parameter the server is passed as. `'defer'` for a deferred stop, which runs on every
 * way out. */
export function stopsServer(o: Op, stop: ServeStop, file: FileFacts, program: Program): 'call' | 'defer' | undefined {
  const direct = (x: Op, key: ServerKey = stop.server): boolean =>
    (x.o === 'call' || x.o === 'defer') && x.fn.k === 'method' && stop.stoppedBy.includes(x.fn.name) && serverKeyOf(x.fn.recv) === key;
  if (o.o !== 'call' && o.o !== 'defer') return undefined;
  const how = o.o === 'call' ? 'call' : 'defer';
  if (direct(o)) return how;
  const lit = o.o === 'defer' ? litOf(o, file) : undefined;
  if (lit) return lit.blocks.some((b) => b.ops.some((x) => x.o === 'call' && direct(x))) ? 'defer' : undefined;
  const callee = o.fn.k === 'func' || o.fn.k === 'method' ? resolveCallee(o.fn, file, program) : undefined;
  if (!callee) return undefined;
  // the server as the callee names it: the same field, or the parameter it is passed as
  const keys: ServerKey[] = stop.server.startsWith('field:') ? [stop.server] : [];
  o.args.forEach((a, i) => {
    if (serverKeyOf(a) !== stop.server) return;
    for (const [id, v] of Object.entries(callee.fn.vars)) if (v.kind === 'param' && v.index === i) keys.push(`var:${id}`);
  });
  return callee.fn.blocks.some((b) => b.ops.some((x) => x.o === 'call' && keys.some((k) => direct(x, k)))) ? how : undefined;
}

/** Whether the parent stops the server anywhere (an op or a deferred call of it). */
export function stopsServerAnywhere(parent: FuncIR, stop: ServeStop, file: FileFacts, program: Program): boolean {
  return parent.blocks.some((b) => b.ops.some((o) => stopsServer(o, stop, file, program) !== undefined));
}

/**
 * The send at `send` of the goroutine `go` starts is one it makes only while its server serves, and the parent
 * stops that server on some way (the IR's leave paths then judge whether every way that leaves stops it). For the
 * syntactic model, which cannot follow the stop along the parent's paths and leaves such sends to the IR.
 */
export function sendEndedByStop(file: FileFacts, go: GoFact, program: Program, send: Range): boolean {
  const parent = irOf(file, go.parent);
  const op = parent ? goOpOf(parent, go) : undefined;
  const t = op ? targetOf(op, file, program) : undefined;
  if (!parent || !op || !t) return false;
  let ch: Val | undefined;
  for (const b of t.fn.blocks) for (const o of b.ops) if (o.o === 'send' && o.r.start.line === send.start.line && o.r.start.col === send.start.col) ch = o.ch;
  const name = ch?.k === 'var' ? ch.id : ch ? fieldKey(ch) : undefined;
  if (!name) return false;
  const st = serveStop(op, t.fn, t.file, program, [name], () => maxSends(t.fn, name), () => false);
  return !!st && st.sends === 0 && stopsServerAnywhere(parent, st, file, program);
}
