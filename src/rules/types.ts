// The contract between a rule and the driver: rule metadata (the one source of its docs) and findings.
import type { Range } from '../parse/types.js';
import type { Program } from '../index/program.js';
import type { FileFacts, GoFact } from '../parse/types.js';

export type Level = 'error' | 'warning' | 'note';

export interface RuleMeta {
  /** kebab-case, stable forever; also the file name under src/rules/ */
  id: string;
  /** PascalCase form, different from id (SARIF `name`) */
  name: string;
  level: Level;
  precision: 'very-high' | 'high' | 'medium' | 'low';
  /** one sentence (SARIF shortDescription) */
  title: string;
  /** a paragraph whose first sentence stands alone (SARIF fullDescription) */
  description: string;
  /** markdown: why it matters, how to fix, how to suppress; one line per paragraph */
  help: string;
  tags: string[];
  since: string;
  /** testdata files that show a flagged and a clean case; quoted into `explain` and SARIF help */
  examples: { bad: string; good: string };
}

/** Part of a message: plain text, code, or a link to a related location (1-based id). */
export type MessagePart = string | { text: string; code?: boolean; loc?: number };

export interface Location {
  file: string;
  range: Range;
}

export interface RelatedLocation extends Location {
  id: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  level: Level;
  file: string;
  range: Range;
  message: MessagePart[];
  related: RelatedLocation[];
  /** calls from the go statement to the operation where the goroutine blocks, when they cross functions */
  flow?: (Location & { message: string })[];
  /** inputs of the semantic fingerprint: package dir, enclosing function, goroutine target */
  semantic: { pkg: string; func: string; target: string };
  /** a deterministic, safe edit that removes the finding (applied by --fix, emitted as SARIF fixes) */
  fix?: Fix;
  /** filled in by the driver */
  lineHash?: string;
  fingerprint?: string;
}

export interface Fix {
  description: string;
  /** replacements in original-file coordinates; a zero-length range is an insertion */
  edits: { file: string; range: Range; text: string }[];
}

export interface GoStmt {
  file: FileFacts;
  fact: GoFact;
}

export interface Rule {
  meta: RuleMeta;
  check(stmt: GoStmt, program: Program, report: (f: Omit<Finding, 'ruleId' | 'level'>) => void): void;
}

export function plainMessage(parts: MessagePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.code ? '`' + p.text + '`' : p.text)).join('');
}
