// The data side of `npm run eval:real`: the manifest and GoKer tables (TSV with a header row), the rule by
// which a goleash finding is matched to a labeled `go` statement, the line map from a leaking commit to its
// fix, and the figures printed from the matches. Pure functions, so that the test can run them on inline data.

export type Label = 'leak' | 'clean';

export interface ManifestRow {
  repo: string;
  commit: string;
  fixCommit: string;
  path: string;
  line: number;
  rule: string;
  label: Label;
  kind: string;
  shape: string;
}

export interface GokerRow {
  kernel: string;
  path: string;
  /** 0: no `go` statement blocks, only the test goroutine itself. */
  line: number;
  label: Label;
  kind: string;
  kernelKind: string;
  inScope: boolean;
  note: string;
}

/** One finding as `--format json` writes it (only the fields the matcher reads). */
export interface Finding {
  rule: string;
  file: string;
  line: number;
  related?: { file: string; line: number }[];
}

export function parseTsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length === 0) return [];
  const header = lines[0].split('\t');
  return lines.slice(1).map((l, i) => {
    const cells = l.split('\t');
    if (cells.length !== header.length) {
      throw new Error(`row ${i + 2}: ${cells.length} cells, header has ${header.length}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, cells[j]]));
  });
}

function label(v: string, where: string): Label {
  if (v !== 'leak' && v !== 'clean') throw new Error(`${where}: label must be leak or clean, got "${v}"`);
  return v;
}

function lineNo(v: string, where: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${where}: bad line "${v}"`);
  return n;
}

export function parseManifest(text: string): ManifestRow[] {
  return parseTsv(text).map((r, i) => {
    const where = `manifest row ${i + 2}`;
    const row: ManifestRow = {
      repo: r.repo,
      commit: r.commit,
      fixCommit: r.fix_commit ?? '',
      path: r.path,
      line: lineNo(r.line, where),
      rule: r.rule,
      label: label(r.label, where),
      kind: r.kind,
      shape: r.shape,
    };
    if (!/^[\w.-]+\/[\w.-]+$/.test(row.repo)) throw new Error(`${where}: repo must be owner/name`);
    if (!/^[0-9a-f]{7,40}$/.test(row.commit)) throw new Error(`${where}: bad commit`);
    if (row.label === 'leak' && !/^[0-9a-f]{7,40}$/.test(row.fixCommit)) throw new Error(`${where}: a leak row needs fix_commit`);
    if (row.line === 0) throw new Error(`${where}: line must be the go statement's`);
    return row;
  });
}

export function parseGoker(text: string): GokerRow[] {
  return parseTsv(text).map((r, i) => {
    const where = `goker row ${i + 2}`;
    return {
      kernel: r.kernel,
      path: r.path,
      line: lineNo(r.line, where),
      label: label(r.label, where),
      kind: r.kind,
      kernelKind: r.kernel_kind,
      inScope: r.in_scope === 'yes',
      note: r.note ?? '',
    };
  });
}

/**
 * The matching rule, kept simple on purpose: a finding belongs to the `go` statement at `path:line` when it is
 * reported on that line, or when one of its related locations is that line. goleash reports ctx-done-missing
 * on the `go` statement and abandoned-sender / ctx-unguarded-block on the blocking operation with the `go`
 * statement among the related locations, so both shapes are caught; a finding that names neither is not.
 * `lines` widens the target to a range (used after a fix, where the statement may have been rewritten).
 */
export function findingsAt(findings: Finding[], path: string, lines: { from: number; to: number }): Finding[] {
  const inRange = (file: string, line: number) => file === path && line >= lines.from && line <= lines.to;
  return findings.filter((f) => inRange(f.file, f.line) || (f.related ?? []).some((r) => inRange(r.file, r.line)));
}

/**
 * Where line `line` of the old side of a unified diff (`git diff -U0 old new -- path`) ended up. `changed`
 * when the line itself was rewritten or deleted: `from..to` is then the new side of its hunk (may be empty,
 * to < from, when the hunk only deletes).
 */
export function mapLine(diff: string, line: number): { from: number; to: number; changed: boolean } {
  let shift = 0;
  for (const m of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)) {
    const os = Number(m[1]);
    const oc = m[2] === undefined ? 1 : Number(m[2]);
    const ns = Number(m[3]);
    const nc = m[4] === undefined ? 1 : Number(m[4]);
    // -U0: a pure insertion (oc = 0) goes after old line os; a pure deletion (nc = 0) after new line ns.
    const oldEnd = oc === 0 ? os : os + oc - 1;
    const newEnd = nc === 0 ? ns : ns + nc - 1;
    if (oc > 0 && line >= os && line <= oldEnd) {
      return { from: nc === 0 ? ns + 1 : ns, to: newEnd, changed: true };
    }
    if (line > oldEnd) shift = newEnd - oldEnd;
  }
  return { from: line + shift, to: line + shift, changed: false };
}

// ---------- results and figures ----------

export interface RowResult {
  row: ManifestRow;
  /** goleash rules that matched the row at its commit. */
  atCommit: string[];
  /** For leak rows: rules that still match the same place at fix_commit (undefined when not measured). */
  atFix?: string[];
  error?: string;
}

export interface GokerResult {
  row: GokerRow;
  matched: string[];
}

function pct(n: number, d: number): string {
  return d === 0 ? '   -' : `${((100 * n) / d).toFixed(0).padStart(3)}%`;
}

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [fmt(head), w.map((n) => '-'.repeat(n)).join('  '), ...cells.slice(1).map(fmt)].join('\n');
}

export interface RealSummary {
  leakRows: number;
  leakFixes: number;
  repos: number;
  found: number;
  goneAfterFix: number;
  measuredAtFix: number;
  cleanRows: number;
  cleanFlagged: number;
  errors: number;
}

export function summarizeReal(results: RowResult[]): { summary: RealSummary; text: string } {
  const ok = results.filter((r) => !r.error);
  const leaks = ok.filter((r) => r.row.label === 'leak');
  const clean = ok.filter((r) => r.row.label === 'clean');
  const found = leaks.filter((r) => r.atCommit.length > 0);
  const measured = found.filter((r) => r.atFix !== undefined);
  const gone = measured.filter((r) => r.atFix!.length === 0);
  const flagged = clean.filter((r) => r.atCommit.length > 0);
  const summary: RealSummary = {
    leakRows: leaks.length,
    leakFixes: new Set(leaks.map((r) => `${r.row.repo} ${r.row.fixCommit}`)).size,
    repos: new Set(ok.map((r) => r.row.repo)).size,
    found: found.length,
    goneAfterFix: gone.length,
    measuredAtFix: measured.length,
    cleanRows: clean.length,
    cleanFlagged: flagged.length,
    errors: results.length - ok.length,
  };

  const out: string[] = [];
  // By the shape the manifest names (an existing rule, or the kind no rule covers yet).
  const shapes = [...new Set(leaks.map((r) => r.row.rule))].sort();
  out.push('Real leak fixes, by the rule (or uncovered shape) each row names:');
  out.push(
    table(
      ['expected rule / shape', 'leaks', 'found', 'recall', 'gone after fix'],
      [
        ...shapes.map((s) => {
          const rs = leaks.filter((r) => r.row.rule === s);
          const f = rs.filter((r) => r.atCommit.length > 0);
          const g = f.filter((r) => r.atFix !== undefined && r.atFix.length === 0);
          return [s, rs.length, f.length, pct(f.length, rs.length), f.length ? `${g.length}/${f.length}` : '-'];
        }),
        ['all', leaks.length, found.length, pct(found.length, leaks.length), found.length ? `${gone.length}/${measured.length}` : '-'],
      ],
    ),
  );
  // By the goleash rule that reported: true positives on leak rows, false alarms on clean rows.
  const ruleIds = [...new Set(ok.flatMap((r) => r.atCommit))].sort();
  out.push('');
  out.push('By goleash rule (a finding matched to a leak row is a true positive, to a clean row a false alarm):');
  out.push(
    table(
      ['goleash rule', 'leak rows hit', 'clean rows hit', 'precision'],
      [
        ...ruleIds.map((id) => {
          const tp = leaks.filter((r) => r.atCommit.includes(id)).length;
          const fp = clean.filter((r) => r.atCommit.includes(id)).length;
          return [id, tp, fp, pct(tp, tp + fp)];
        }),
        ['any rule', found.length, flagged.length, pct(found.length, found.length + flagged.length)],
      ],
    ),
  );
  out.push('');
  out.push(
    `Recall at the parent: ${found.length}/${leaks.length} (${pct(found.length, leaks.length).trim()}); ` +
      `gone after the fix: ${gone.length}/${measured.length} of those found; ` +
      `clean rows flagged: ${flagged.length}/${clean.length} ` +
      `(precision ${pct(found.length, found.length + flagged.length).trim()}).`,
  );
  if (summary.errors) out.push(`Rows not measured (tree or run failed): ${summary.errors}.`);
  return { summary, text: out.join('\n') };
}

export interface GokerSummary {
  kernels: number;
  inScope: number;
  lockOrCondOnly: number;
  found: number;
  falseAlarms: number;
}

/**
 * A kernel is found when any of its leak rows is matched. A leak row with line 0 (only the test goroutine
 * blocks) is matched by a finding in the kernel's file that no `go` statement row of the kernel claims.
 */
export function matchGoker(rows: GokerRow[], findings: Finding[]): GokerResult[] {
  const byFile = new Map<string, GokerRow[]>();
  for (const r of rows) byFile.set(r.path, [...(byFile.get(r.path) ?? []), r]);
  return rows.map((row) => {
    if (row.line > 0) {
      return { row, matched: findingsAt(findings, row.path, { from: row.line, to: row.line }).map((f) => f.rule) };
    }
    const goLines = (byFile.get(row.path) ?? []).filter((r) => r.line > 0);
    const unclaimed = findings.filter(
      (f) => f.file === row.path && !goLines.some((g) => findingsAt([f], row.path, { from: g.line, to: g.line }).length),
    );
    return { row, matched: unclaimed.map((f) => f.rule) };
  });
}

export function summarizeGoker(results: GokerResult[]): { summary: GokerSummary; text: string } {
  const kernels = [...new Set(results.map((r) => r.row.kernel))];
  const kernelOf = (k: string) => results.filter((r) => r.row.kernel === k);
  const inScope = kernels.filter((k) => kernelOf(k)[0].row.inScope);
  const outScope = kernels.filter((k) => !kernelOf(k)[0].row.inScope);
  const isFound = (k: string) => kernelOf(k).some((r) => r.row.label === 'leak' && r.matched.length > 0);
  const alarms = (k: string) => kernelOf(k).filter((r) => r.row.label === 'clean' && r.matched.length > 0).length;
  const kinds = [...new Set(inScope.map((k) => kernelOf(k)[0].row.kernelKind))].sort();
  const rowsFor = (ks: string[]) => {
    const f = ks.filter(isFound).length;
    const cleanRows = ks.flatMap(kernelOf).filter((r) => r.row.label === 'clean').length;
    return [ks.length, f, ks.length - f, pct(f, ks.length), `${ks.map(alarms).reduce((a, b) => a + b, 0)}/${cleanRows}`];
  };
  const out: string[] = [];
  out.push('GoKer blocking kernels (gobench/goker/blocking), in scope = not lock-only or cond-only:');
  out.push(
    table(
      ['kernel kind', 'kernels', 'found', 'missed', 'recall', 'false alarms / clean go stmts'],
      [...kinds.map((kd) => [kd, ...rowsFor(inScope.filter((k) => kernelOf(k)[0].row.kernelKind === kd))]), ['all in scope', ...rowsFor(inScope)]],
    ),
  );
  const leakRows = results.filter((r) => r.row.inScope && r.row.label === 'leak');
  const rowKinds = [...new Set(leakRows.map((r) => r.row.kind))].sort();
  out.push('');
  out.push('In-scope leaking go statements, by what the goroutine blocks on:');
  out.push(
    table(
      ['blocks on', 'go stmts', 'found'],
      rowKinds.map((kd) => {
        const rs = leakRows.filter((r) => r.row.kind === kd);
        return [kd, rs.length, rs.filter((r) => r.matched.length > 0).length];
      }),
    ),
  );
  const outFound = outScope.filter((k) => kernelOf(k).some((r) => r.matched.length > 0)).length;
  out.push('');
  out.push(
    `Out of scope: ${outScope.length} kernels (lock-only ${outScope.filter((k) => kernelOf(k)[0].row.kernelKind === 'lock').length}, ` +
      `cond-only ${outScope.filter((k) => kernelOf(k)[0].row.kernelKind === 'cond').length}); goleash reported in ${outFound} of them.`,
  );
  const summary: GokerSummary = {
    kernels: kernels.length,
    inScope: inScope.length,
    lockOrCondOnly: outScope.length,
    found: inScope.filter(isFound).length,
    falseAlarms: inScope.map(alarms).reduce((a, b) => a + b, 0),
  };
  return { summary, text: out.join('\n') };
}
