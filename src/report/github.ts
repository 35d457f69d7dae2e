// --format github: GitHub Actions workflow commands, one annotation per finding.
import type { AnalysisResult } from '../analyze.js';
import { plainMessage } from '../rules/types.js';

const LEVEL = { error: 'error', warning: 'warning', note: 'notice' } as const;

function esc(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escProp(s: string): string {
  return esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(r: AnalysisResult): string {
  const lines = r.findings.map((f) => {
    const props = [
      `file=${escProp(f.file)}`,
      `line=${f.range.start.line}`,
      `col=${f.range.start.col}`,
      `endLine=${f.range.end.line}`,
      `title=${escProp(`goleash ${f.ruleId}`)}`,
    ].join(',');
    return `::${LEVEL[f.level]} ${props}::${esc(plainMessage(f.message))}`;
  });
  for (const n of r.notifications) {
    const loc = n.file ? ` file=${escProp(n.file)}${n.range ? `,line=${n.range.start.line}` : ''}` : '';
    lines.push(`::${n.level === 'error' ? 'error' : 'warning'}${loc}::${esc(n.message)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
