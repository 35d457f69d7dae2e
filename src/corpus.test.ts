// Runs every rule over every labeled file under testdata/ and checks that exactly the `// want` markers
// are reported (rule, line, column, message), then prints precision and recall per rule.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from './analyze.js';
import { discover } from './discover/discover.js';
import { RULES } from './rules/index.js';
import { plainMessage } from './rules/types.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const MARKER = /\/\/\s*want\s+([a-z-]+)(?:\s+`([^`]*)`)?/g;
/** A leak goleash does not report yet (a known miss): counted against recall, and the line must stay silent
 * for that rule, so a change that starts finding it has to turn the marker into `want`. */
const MISSED = /\/\/\s*missed\s+([a-z-]+)(?:\s+`([^`]*)`)?/g;

/** testdata/ and the testdata folder of every rule that has one (src/rules/<id>/testdata). */
export function corpusRoots(): string[] {
  const rules = readdirSync(path.join(ROOT, 'src/rules'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(ROOT, 'src/rules', d.name, 'testdata')))
    .map((d) => `src/rules/${d.name}/testdata`)
    .sort();
  return ['testdata', ...rules];
}

interface Want {
  file: string;
  line: number;
  rule: string;
  re?: RegExp;
}

function wants(): { wants: Want[]; missed: Want[]; goStmts: number } {
  const out: Want[] = [];
  const missed: Want[] = [];
  let goStmts = 0;
  const { files } = discover(corpusRoots(), ROOT, { tests: true });
  for (const f of files) {
    const rel = path.relative(ROOT, f.abs).split(path.sep).join('/');
    readFileSync(f.abs, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (/^\s*(go\s|.*[;{]\s*go\s)/.test(text)) goStmts++;
        for (const m of text.matchAll(MARKER)) out.push({ file: rel, line: i + 1, rule: m[1]!, re: m[2] ? new RegExp(m[2]) : undefined });
        for (const m of text.matchAll(MISSED)) missed.push({ file: rel, line: i + 1, rule: m[1]! });
      });
  }
  return { wants: out, missed, goStmts };
}

describe('labeled corpus', () => {
  let result: AnalysisResult;
  let labels: ReturnType<typeof wants>;
  beforeAll(async () => {
    result = await analyze({ paths: corpusRoots(), cwd: ROOT, root: ROOT });
    labels = wants();
  });

  it('reports exactly the marked go statements, at the go keyword (or errgroup Go call), with the marked message', () => {
    const problems: string[] = [];
    const stats = new Map<string, { tp: number; fp: number; fn: number }>(RULES.map((r) => [r.meta.id, { tp: 0, fp: 0, fn: 0 }]));
    const matched = new Set<number>();
    for (const w of labels.wants) {
      const s = stats.get(w.rule);
      if (!s) {
        problems.push(`${w.file}:${w.line}: marker names unknown rule ${w.rule}`);
        continue;
      }
      const idx = result.findings.findIndex((f, i) => !matched.has(i) && f.file === w.file && f.range.start.line === w.line && f.ruleId === w.rule);
      if (idx < 0) {
        s.fn++;
        problems.push(`${w.file}:${w.line}: expected ${w.rule}, got nothing`);
        continue;
      }
      matched.add(idx);
      const f = result.findings[idx]!;
      const msg = plainMessage(f.message);
      const lineText = readFileSync(path.join(ROOT, f.file), 'utf8').split('\n')[f.range.start.line - 1] ?? '';
      // at the go keyword, or at the errgroup call that starts the goroutine (`g.Go(`)
      const at = lineText.slice(f.range.start.col - 1);
      if (f.ruleId === 'ctx-done-missing' && !at.startsWith('go') && !/^[\w.]+\.Go\(/.test(at)) {
        problems.push(`${w.file}:${w.line}: column ${f.range.start.col} is not the go keyword`);
      }
      if (w.re && !w.re.test(msg)) {
        s.fn++;
        problems.push(`${w.file}:${w.line}: message ${JSON.stringify(msg)} does not match /${w.re.source}/`);
        continue;
      }
      s.tp++;
    }
    for (const w of labels.missed) {
      const s = stats.get(w.rule);
      if (!s) {
        problems.push(`${w.file}:${w.line}: missed-marker names unknown rule ${w.rule}`);
        continue;
      }
      s.fn++;
      const idx = result.findings.findIndex((f, i) => !matched.has(i) && f.file === w.file && f.range.start.line === w.line && f.ruleId === w.rule);
      if (idx >= 0) {
        matched.add(idx);
        problems.push(`${w.file}:${w.line}: ${w.rule} is now reported: turn its \`missed\` marker into \`want\``);
      }
    }
    result.findings.forEach((f, i) => {
      if (matched.has(i)) return;
      const s = stats.get(f.ruleId);
      if (s) s.fp++;
      problems.push(`${f.file}:${f.range.start.line}: unexpected ${f.ruleId}: ${plainMessage(f.message)}`);
    });
    const lines = [`corpus: ${labels.goStmts} go statements in ${result.files} files, ${labels.wants.length} markers, ${labels.missed.length} known misses`];
    for (const [rule, s] of stats) {
      const p = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
      const r = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
      lines.push(`  ${rule}: precision ${p.toFixed(3)} recall ${r.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}${labels.missed.some((m) => m.rule === rule) ? `, of which ${labels.missed.filter((m) => m.rule === rule).length} known misses` : ''})`);
    }
    console.log(lines.join('\n'));
    expect(problems).toEqual([]);
  });

  it('analyzes every corpus file without notifications other than the deliberate ones', () => {
    const unexpected = result.notifications.filter((n) => !(n.file ?? '').includes('/robustness/'));
    expect(unexpected).toEqual([]);
  });
});
