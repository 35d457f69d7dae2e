// --format json: a stable document (schema "goleash/findings/v1", see README) of findings and notifications.
import { hiddenCounts, type AnalysisResult } from '../analyze.js';
import { plainMessage } from '../rules/types.js';
import { VERSION } from '../version.js';

export function formatJson(r: AnalysisResult): string {
  const doc = {
    schema: 'goleash/findings/v1',
    version: VERSION,
    findings: r.findings.map((f) => ({
      rule: f.ruleId,
      level: f.level,
      file: f.file,
      line: f.range.start.line,
      column: f.range.start.bcol,
      endLine: f.range.end.line,
      endColumn: f.range.end.bcol,
      message: plainMessage(f.message),
      related: f.related.map((x) => ({ file: x.file, line: x.range.start.line, column: x.range.start.bcol, message: x.message })),
      fingerprint: f.fingerprint,
    })),
    notifications: r.notifications.map((n) => ({
      id: n.id,
      level: n.level,
      message: n.message,
      ...(n.file ? { file: n.file } : {}),
      ...(n.range ? { line: n.range.start.line, column: n.range.start.bcol } : {}),
    })),
    // findings left out of `findings`: by --baseline, by --new-from-rev, by suppression comments
    hidden: hiddenCounts(r),
    files: r.files,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
