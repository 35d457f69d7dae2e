// --format text: one line per finding, `path:line:col: message [rule]`, columns in bytes as go vet prints
// them, followed by indented lines for the related locations.
import type { AnalysisResult } from '../analyze.js';
import { plainMessage } from '../rules/types.js';

export function formatText(r: AnalysisResult, opts: { color?: boolean } = {}): string {
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  for (const f of r.findings) {
    const at = `${f.file}:${f.range.start.line}:${f.range.start.bcol}`;
    lines.push(`${c('1', at)}: ${plainMessage(f.message)} ${c('33', `[${f.ruleId}]`)}`);
    for (const rel of f.related) {
      lines.push(`\t${rel.file}:${rel.range.start.line}:${rel.range.start.bcol}: ${rel.message}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
