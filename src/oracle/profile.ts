import { RULES } from '../rules/index.js';
// The Go runtime's goroutine leak profile (debug=2 text) and the labels it is checked against.

export interface Loc {
  /** absolute path as the runtime prints it (forward slashes) */
  file: string;
  line: number;
}

export interface Frame extends Loc {
  func: string;
}

export interface Goroutine {
  id: number;
  /** the wait reason in brackets, e.g. "chan send (leaked)" */
  state: string;
  leaked: boolean;
  frames: Frame[];
  /** where the `go` statement that started it is, when the runtime knows */
  createdBy?: Frame;
}

const HEADER = /^goroutine (\d+) (?:gp=\S+ m=\S+ (?:mp.id=\S+ )?)?\[(.*)\]:$/;
const LOCATION = /^\t(.+):(\d+)(?: \+0x[0-9a-f]+)?$/;

/** Parses the debug=2 text of a goroutine or goroutineleak profile (blocks separated by blank lines). */
export function parseGoroutines(text: string): Goroutine[] {
  const out: Goroutine[] = [];
  let cur: Goroutine | undefined;
  let pendingFunc: string | undefined;
  let pendingCreated = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const h = HEADER.exec(line);
    if (h) {
      cur = { id: Number(h[1]), state: h[2]!, leaked: /\(leaked\)/.test(h[2]!), frames: [] };
      out.push(cur);
      pendingFunc = undefined;
      continue;
    }
    if (!cur) continue;
    if (line === '') {
      cur = undefined;
      continue;
    }
    const l = LOCATION.exec(line);
    if (l && pendingFunc !== undefined) {
      const frame = { func: pendingFunc, file: l[1]!, line: Number(l[2]) };
      if (pendingCreated) cur.createdBy = frame;
      else cur.frames.push(frame);
      pendingFunc = undefined;
      continue;
    }
    if (line.startsWith('\t')) continue; // e.g. "...additional frames elided..."
    const c = /^created by (\S+)(?: in goroutine \d+)?$/.exec(line);
    if (c) {
      pendingFunc = c[1]!;
      pendingCreated = true;
    } else {
      pendingFunc = line.replace(/\((?:[^()]|\([^()]*\))*\)$/, ''); // drop the argument list, keep `(*T).M`
      pendingCreated = false;
    }
  }
  return out;
}

export function leaked(text: string): Goroutine[] {
  return parseGoroutines(text).filter((g) => g.leaked);
}

/** The rules that report goroutine leaks (their metadata's `goroutine-leak` tag): every rule but bad-suppression. */
export const LEAK_RULES: readonly string[] = RULES.filter((r) => r.meta.tags.includes('goroutine-leak')).map((r) => r.meta.id);

export interface Label extends Loc {
  rule: string;
  kind: 'want' | 'missed';
}

const LABEL = /\/\/\s*(want|missed)\s+([a-z-]+)/g;

/** The leak labels of one file: `// want RULE` and `// missed RULE` markers of the leak rules. */
export function labelsOf(file: string, text: string): Label[] {
  const out: Label[] = [];
  text.split('\n').forEach((t, i) => {
    for (const m of t.matchAll(LABEL)) {
      if (LEAK_RULES.includes(m[2]!)) out.push({ file, line: i + 1, rule: m[2]!, kind: m[1] as 'want' | 'missed' });
    }
  });
  return out;
}

export interface Verdict {
  /** labels some leaked goroutine explains */
  confirmed: Label[];
  /** labels no leaked goroutine explains: the runtime says this line does not leak */
  unconfirmed: Label[];
  /** leaked goroutines that no label explains */
  unexplained: Goroutine[];
}

const key = (l: Loc): string => `${l.file}:${l.line}`;

/** Every location a label may sit on for goroutine `g`: the `go` statement that started it and every frame. */
export function locationsOf(g: Goroutine): Loc[] {
  return g.createdBy ? [g.createdBy, ...g.frames] : g.frames;
}

/**
 * Matches labels against leaked goroutines: a label on F:L is confirmed when some leaked goroutine has F:L as its
 * created-by location or in one of its frames; a leaked goroutine is explained when one of those locations has a
 * label. Files are compared as given: pass absolute paths with forward slashes on both sides.
 */
export function judge(labels: Label[], goroutines: Goroutine[]): Verdict {
  const labelled = new Set(labels.map(key));
  const seen = new Set<string>();
  const unexplained: Goroutine[] = [];
  for (const g of goroutines) {
    if (!g.leaked) continue;
    const locs = locationsOf(g).map(key);
    for (const k of locs) seen.add(k);
    if (!locs.some((k) => labelled.has(k))) unexplained.push(g);
  }
  return {
    confirmed: labels.filter((l) => seen.has(key(l))),
    unconfirmed: labels.filter((l) => !seen.has(key(l))),
    unexplained,
  };
}
