// The data side of `npm run compare`: reading what each peer writes (gosec SARIF, golangci-lint JSON, the runtime's
// goroutine profiles, `/usr/bin/time` lines), the window by which a static finding is matched to a labeled `go`
// statement, and the table. Pure functions, so that the test can run them on inline data.
import type { Goroutine } from '../oracle/profile.js';
import type { Finding, GokerRow, ManifestRow } from '../eval/realdata.js';

/**
 * The lines a static peer may report a labeled `go` statement on: from the `go` line to the line before the next
 * top-level `func` (a line that starts with `func`), or to the end of the file. This approximates the body of the
 * goroutine's enclosing function after the `go` statement, which holds a `go func(){…}()` literal and the blocking
 * operation of most rows; a peer that reports on the callee of `go worker()` elsewhere in the file is not matched.
 */
export function goWindow(text: string, line: number): { from: number; to: number } {
  const lines = text.split('\n');
  let to = lines.length;
  for (let i = line; i < lines.length; i++) {
    if (/^func[\s(]/.test(lines[i])) {
      to = i; // 0-based index i is line i+1: the window ends on the line before it
      break;
    }
  }
  return { from: line, to: Math.max(line, to) };
}

/** A path as a peer prints it, made relative to the tree (forward slashes). */
export function relPath(file: string, root: string): string {
  let f = file.replace(/^file:\/\//, '').replace(/\\/g, '/');
  const r = root.replace(/\\/g, '/').replace(/\/$/, '');
  if (f.startsWith(r + '/')) f = f.slice(r.length + 1);
  return f.replace(/^\.\//, '');
}

interface SarifDoc {
  runs?: { results?: { ruleId?: string; locations?: { physicalLocation?: { artifactLocation?: { uri?: string; uriBaseId?: string }; region?: { startLine?: number } } }[] }[] }[];
}

/** gosec -fmt=sarif: one finding per result, on its first location. `prefix` is the module dir inside the tree. */
export function parseSarif(doc: SarifDoc, root: string, prefix = ''): Finding[] {
  const out: Finding[] = [];
  for (const run of doc.runs ?? []) {
    for (const r of run.results ?? []) {
      const loc = r.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation?.uri;
      if (!uri) continue;
      const abs = uri.startsWith('file://') || uri.startsWith('/');
      const file = abs ? relPath(uri, root) : join(prefix, uri);
      out.push({ rule: r.ruleId ?? '?', file, line: loc?.region?.startLine ?? 0 });
    }
  }
  return out;
}

interface GolangciDoc {
  Issues?: { FromLinter?: string; Text?: string; Pos?: { Filename?: string; Line?: number } }[] | null;
}

/** golangci-lint --output.json.path: one finding per issue, linter name as the rule. `typecheck` issues are build
 * errors, returned apart. `prefix` is the module dir inside the tree (golangci-lint prints paths relative to it). */
export function parseGolangci(doc: GolangciDoc, root: string, prefix = ''): { findings: Finding[]; buildErrors: number } {
  const findings: Finding[] = [];
  let buildErrors = 0;
  for (const i of doc.Issues ?? []) {
    if (i.FromLinter === 'typecheck') {
      buildErrors++;
      continue;
    }
    const f = i.Pos?.Filename ?? '';
    const file = f.startsWith('/') ? relPath(f, root) : join(prefix, f);
    let rule = i.FromLinter ?? '?';
    if (rule === 'govet' && /^lostcancel:|cancel function/.test(i.Text ?? '')) rule = 'govet/lostcancel';
    findings.push({ rule, file, line: i.Pos?.Line ?? 0 });
  }
  return { findings, buildErrors };
}

function join(prefix: string, file: string): string {
  const f = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return prefix && prefix !== '.' ? `${prefix.replace(/\/$/, '')}/${f}` : f;
}

/** `/usr/bin/time -f '%e %M'` writes "seconds maxrss-kB" as its last line. */
export function parseTime(text: string): { seconds: number; maxRssKb: number } | undefined {
  const last = text.trim().split('\n').pop() ?? '';
  const m = /^(\d+(?:\.\d+)?) (\d+)$/.exec(last.trim());
  return m ? { seconds: Number(m[1]), maxRssKb: Number(m[2]) } : undefined;
}

/**
 * Goroutines of a runtime profile (or of goleak's report) as findings in the tree: on the `go` statement that
 * started it when that is in the tree, else on its innermost frame in the tree (the test goroutine itself, which
 * the testing package starts). Goroutines with neither are dropped. `file` of the generated TestMain is dropped too.
 */
export function goroutineFindings(gs: Goroutine[], root: string, rule: string, generated: string): Finding[] {
  const r = root.replace(/\\/g, '/').replace(/\/$/, '') + '/';
  const inTree = (f: string) => (f.startsWith(r) ? f.slice(r.length) : undefined);
  const out: Finding[] = [];
  for (const g of gs) {
    const created = g.createdBy && inTree(g.createdBy.file);
    if (created) {
      if (!created.endsWith(generated)) out.push({ rule, file: created, line: g.createdBy!.line });
      continue;
    }
    const frame = g.frames.find((f) => inTree(f.file) && !f.file.endsWith(generated));
    if (frame) out.push({ rule, file: inTree(frame.file)!, line: frame.line });
  }
  return out;
}

/** A labeled row with the window a static peer's finding must fall in (exact tools use from = to = line). */
export interface Target {
  path: string;
  line: number;
  to: number;
}

export const inWindow = (f: Finding, t: Target): boolean => f.file === t.path && f.line >= t.line && f.line <= t.to;

/** Rows of the real-leak manifest that some finding hits. */
export function matchRows(rows: ManifestRow[], targets: Target[], findings: Finding[]): { leak: number; clean: number; leakRows: number; cleanRows: number } {
  let leak = 0;
  let clean = 0;
  rows.forEach((r, i) => {
    if (!findings.some((f) => inWindow(f, targets[i]))) return;
    if (r.label === 'leak') leak++;
    else clean++;
  });
  return { leak, clean, leakRows: rows.filter((r) => r.label === 'leak').length, cleanRows: rows.filter((r) => r.label === 'clean').length };
}

/**
 * GoKer: a kernel is found when a finding hits one of its leak rows; a row with line 0 (only the test goroutine
 * blocks) is hit by a finding in the kernel's file outside every `go` row's window. A clean row hit is a false alarm.
 */
export function matchKernels(rows: GokerRow[], targets: Target[], findings: Finding[]): { found: number; inScope: number; alarms: number; cleanRows: number; outOfScopeHit: number } {
  const hit = rows.map((r, i) => {
    if (r.line > 0) return findings.some((f) => inWindow(f, targets[i]));
    const goTargets = targets.filter((t, j) => rows[j].path === r.path && rows[j].line > 0);
    return findings.some((f) => f.file === r.path && !goTargets.some((t) => inWindow(f, t)));
  });
  const kernels = [...new Set(rows.map((r) => r.kernel))];
  const of = (k: string) => rows.map((r, i) => ({ r, hit: hit[i] })).filter((x) => x.r.kernel === k);
  const inScope = kernels.filter((k) => of(k)[0].r.inScope);
  return {
    found: inScope.filter((k) => of(k).some((x) => x.r.label === 'leak' && x.hit)).length,
    inScope: inScope.length,
    alarms: inScope.flatMap(of).filter((x) => x.r.label === 'clean' && x.hit).length,
    cleanRows: inScope.flatMap(of).filter((x) => x.r.label === 'clean').length,
    outOfScopeHit: kernels.filter((k) => !of(k)[0].r.inScope && of(k).some((x) => x.hit)).length,
  };
}

export interface ToolRow {
  tool: string;
  version: string;
  /** e.g. "40/40 trees" or "skipped: …" */
  analyzed: string;
  findings: number | string;
  realLeaks: string;
  realClean: string;
  goker: string;
  gokerClean: string;
  seconds: number;
  peakMb: number;
}

export function table(rows: ToolRow[]): string {
  const head = ['tool', 'version', 'analyzed', 'findings', 'real leaks found', 'real clean flagged', 'GoKer kernels found', 'GoKer clean flagged', 'wall s', 'peak MB'];
  const cells = rows.map((r) => [r.tool, r.version, r.analyzed, String(r.findings), r.realLeaks, r.realClean, r.goker, r.gokerClean, r.seconds.toFixed(0), String(Math.round(r.peakMb))]);
  const md = [head, head.map(() => '---'), ...cells].map((c) => `| ${c.join(' | ')} |`);
  return md.join('\n');
}

/**
 * goleak's error text ("found unexpected goroutines:\n[Goroutine 6 in state chan receive, with F on top of the
 * stack:\nframes… Goroutine 7 in state …]") as the runtime's debug=2 text, for parseGoroutines.
 */
export function goleakAsProfile(text: string): string {
  return text
    .split('\n')
    .map((l) => {
      const m = /^\s*\[?\s*Goroutine (\d+) in state (.*?), with .* on top of the stack:\s*$/.exec(l);
      return m ? `\ngoroutine ${m[1]} [${m[2]}]:` : l.replace(/^(\t.*:\d+(?: \+0x[0-9a-f]+)?)\]$/, '$1');
    })
    .join('\n');
}
