// --format sarif: SARIF 2.1.0 as GitHub code scanning accepts and tracks it (see shared/sarif/GUIDE.md):
// one run, every enabled rule with full help, repo-relative %SRCROOT% URIs, UTF-16 columns, explicit
// levels, GitHub's primaryLocationLineHash plus a semantic fingerprint, related locations linked from the
// message, code flows across calls, parse problems as tool execution notifications. Deterministic output.
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { hiddenCounts, type AnalysisResult, type Notification } from '../analyze.js';
import type { Range } from '../parse/types.js';
import type { Finding, MessagePart, Rule } from '../rules/types.js';
import { batches } from '../util/chunks.js';
import { VERSION } from '../version.js';

export const HOMEPAGE = 'https://github.com/goleash/goleash';
export const SEMANTIC_FINGERPRINT = 'goleash/semantic/v1';
export const MAX_RESULTS = 25_000;
export const MAX_GZIP_BYTES = 10 * 1024 * 1024;

export interface SarifOptions {
  rules: readonly Rule[];
  /** --sarif-category: sets automationDetails.id to "<category>/" */
  category?: string;
  /** GitHub's upload limit, gzipped (tests lower it) */
  maxGzipBytes?: number;
}

/** Where a rule's documentation is read: SARIF helpUri, the language server's codeDescription. */
export function ruleDocUrl(id: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${id}.md`;
}

/**
 * A SARIF document in pieces, `head + results.join('') + tail`, byte for byte what JSON.stringify(log, null, 2) + '\n'
 * gives: each result is stringified on its own, so a report of 25,000 results is written piece by piece and never
 * held as one string (88 MB for the 25,000 results of the truncation test). `oversized` builds the head again
 * with the notification for a document over GitHub's upload limit (see withSizeCheck and formatSarif).
 */
export interface SarifParts {
  head: string;
  results: string[];
  tail: string;
  /** the same document with the `size` notification, for when it is over the limit gzipped */
  oversized(): SarifParts;
  /** characters in the whole document */
  length: number;
}

/** Stands for the results array in the stringified skeleton; JSON.stringify writes the NULs as \u0000. */
const RESULTS = '\u0000goleash-results\u0000';
/** Indentation of a result: log > runs > run > results. */
const RESULT_INDENT = ' '.repeat(8);

export function ruleHelpText(rule: Rule): string {
  return rule.meta.help
    .replace(/```go\n([\s\S]*?)```/g, (_m, code: string) => code.replace(/\n$/, ''))
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\*([^*]+)\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

export function sarifParts(r: AnalysisResult, opts: SarifOptions): SarifParts {
  const rules = [...opts.rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const index = new Map(rules.map((x, i) => [x.meta.id, i]));
  const uri = (file: string) => artifactLocation(r.root, file);
  const phys = (file: string, range: Range) => ({ artifactLocation: uri(file), region: region(range) });

  const severityOrder = { error: 0, warning: 1, note: 2 } as const;
  // GitHub matches results to files of the repository: a finding in a file outside the root is left out
  const outside = r.findings.filter((f) => isOutside(f.file));
  let findings = outside.length > 0 ? r.findings.filter((f) => !isOutside(f.file)) : r.findings;
  const notifications: Notification[] = [...r.notifications];
  if (outside.length > 0) {
    notifications.push({
      id: 'outside-root',
      level: 'warning',
      message: `${outside.length} finding${outside.length === 1 ? '' : 's'} in files outside the root (such as ${outside[0]!.file}) left out: GitHub cannot place them; run goleash from the repository root or pass --root`,
    });
  }
  if (findings.length > MAX_RESULTS) {
    findings = [...findings].sort((a, b) => severityOrder[a.level] - severityOrder[b.level]).slice(0, MAX_RESULTS);
    notifications.push({
      id: 'truncated',
      level: 'warning',
      message: `${r.findings.length} results exceed GitHub's limit of ${MAX_RESULTS} per run; the first ${MAX_RESULTS} by level and path are included`,
    });
  }

  // each result stringified as JSON.stringify(log, null, 2) would write it inside the results array
  const results = findings.map((f, i) => (i === 0 ? '[\n' : ',\n') + RESULT_INDENT + JSON.stringify(result(f), null, 2).replace(/\n/g, '\n' + RESULT_INDENT));
  function result(f: Finding) {
    const out: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? 0,
      level: f.level,
      message: { text: messageText(f.message) },
      locations: [{ physicalLocation: phys(f.file, f.range) }],
    };
    if (f.related.length > 0) {
      out.relatedLocations = f.related.map((x) => ({
        id: x.id,
        message: { text: x.message },
        physicalLocation: phys(x.file, x.range),
      }));
    }
    if (f.flow && f.flow.length > 0) {
      out.codeFlows = [
        {
          threadFlows: [
            {
              locations: f.flow.map((s) => ({
                location: { message: { text: s.message }, physicalLocation: phys(s.file, s.range) },
              })),
            },
          ],
        },
      ];
    }
    if (f.fix) {
      const files = [...new Set(f.fix.edits.map((e) => e.file))].sort();
      out.fixes = [
        {
          description: { text: f.fix.description },
          artifactChanges: files.map((file) => ({
            artifactLocation: uri(file),
            replacements: f.fix!.edits
              .filter((e) => e.file === file)
              .map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.text } })),
          })),
        },
      ];
    }
    const fp: Record<string, string> = {};
    if (f.lineHash) fp.primaryLocationLineHash = f.lineHash;
    if (f.fingerprint) fp[SEMANTIC_FINGERPRINT] = f.fingerprint;
    out.partialFingerprints = fp;
    return out;
  }

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'goleash',
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: HOMEPAGE,
        rules: rules.map((x) => ({
          id: x.meta.id,
          name: x.meta.name,
          shortDescription: { text: x.meta.title },
          fullDescription: { text: x.meta.description },
          help: { text: ruleHelpText(x), markdown: x.meta.help },
          helpUri: ruleDocUrl(x.meta.id),
          defaultConfiguration: { level: x.meta.level },
          properties: {
            tags: x.meta.tags.slice(0, 10),
            precision: x.meta.precision,
            'problem.severity': x.meta.level === 'note' ? 'recommendation' : x.meta.level,
          },
        })),
      },
    },
    invocations: [
      {
        // A run that could not read part of the tree (the CLI exits 2) says so rather than writing no file:
        // with `executionSuccessful: false` GitHub answers the upload with an "unsuccessful execution" processing
        // error and leaves the existing alerts as they are (CodeQL's failed runs rely on this), whereas a report
        // that claimed success would close every alert in the files that were not read, and no report at all
        // would make the upload step fail on a missing file, or upload a stale one left by an earlier run. The
        // unreadable files and directories are the error-level `unreadable` notifications below. Per-file parse
        // problems keep it true: the rest of those files was analyzed (see GUIDE.md 2.7).
        executionSuccessful: !r.ioError,
        toolExecutionNotifications: notifications.map((n) => ({
          descriptor: { id: n.id },
          level: n.level,
          message: { text: n.message },
          ...(n.file
            ? { locations: [{ physicalLocation: n.range ? phys(n.file, n.range) : { artifactLocation: uri(n.file) } }] }
            : {}),
        })),
        // how many findings --baseline, --new-from-rev and suppression comments left out (only when some were)
        ...(hiddenCounts(r).total > 0 ? { properties: { hidden: hiddenCounts(r) } } : {}),
      },
    ],
    originalUriBaseIds: {
      '%SRCROOT%': { description: { text: 'Root of the analyzed repository; every artifact URI is relative to it.' } },
    },
    columnKind: 'utf16CodeUnits',
    results: RESULTS,
  };
  if (opts.category) run.automationDetails = { id: `${opts.category.replace(/\/+$/, '')}/` };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  };
  const split = (): SarifParts => {
    const skeleton = JSON.stringify(log, null, 2) + '\n';
    const at = skeleton.lastIndexOf(JSON.stringify(RESULTS)); // lastIndexOf: only automationDetails follows it
    const head = skeleton.slice(0, at) + (results.length === 0 ? '[]' : '');
    const tail = (results.length === 0 ? '' : '\n' + ' '.repeat(6) + ']') + skeleton.slice(at + JSON.stringify(RESULTS).length);
    let length = head.length + tail.length;
    for (const x of results) length += x.length;
    return { head, results, tail, length, oversized };
  };
  const oversized = (): SarifParts => {
    const inv = (run.invocations as { toolExecutionNotifications: unknown[] }[])[0]!;
    inv.toolExecutionNotifications.push({
      descriptor: { id: 'size' },
      level: 'warning',
      message: { text: `this SARIF file is over GitHub's upload limit of 10 MB gzipped; narrow the paths or use a baseline` },
    });
    const parts = split();
    inv.toolExecutionNotifications.pop();
    return { ...parts, oversized: () => parts };
  };
  return split();
}

/** The document's pieces in order (join them for the whole text). */
export function* sarifChunks(p: SarifParts): Generator<string> {
  yield p.head;
  yield* p.results;
  yield p.tail;
}

/** The SARIF report as one string; GitHub rejects uploads over 10 MB gzipped, which only a large document can be. */
export function formatSarif(r: AnalysisResult, opts: SarifOptions): string {
  const max = opts.maxGzipBytes ?? MAX_GZIP_BYTES;
  let p = sarifParts(r, opts);
  let text = [...sarifChunks(p)].join('');
  if (p.length > max && gzipSync(text).length > max) {
    p = p.oversized();
    text = [...sarifChunks(p)].join('');
  }
  return text;
}

/** The same as formatSarif, in pieces: the size over GitHub's limit is measured by streaming gzip, not on one string. */
export async function formatSarifChunks(r: AnalysisResult, opts: SarifOptions): Promise<SarifParts> {
  const max = opts.maxGzipBytes ?? MAX_GZIP_BYTES;
  const p = sarifParts(r, opts);
  return p.length > max && (await gzippedSize(sarifChunks(p))) > max ? p.oversized() : p;
}

/** Bytes of the gzip of the chunks' UTF-8 text (the same as gzipSync's: one stream, no flushes in between). */
async function gzippedSize(chunks: Iterable<string>): Promise<number> {
  let n = 0;
  await pipeline(
    Readable.from(batches(chunks)),
    createGzip(),
    new Writable({
      write(b: Buffer, _enc, done) {
        n += b.length;
        done();
      },
    }),
  );
  return n;
}

function region(r: Range) {
  return { startLine: r.start.line, startColumn: r.start.col, endLine: r.end.line, endColumn: r.end.col };
}

/** A report path that lies outside the root (GitHub cannot place it). */
export function isOutside(file: string): boolean {
  return file.startsWith('../') || file === '..' || path.isAbsolute(file);
}

/** Repo-relative, '/'-separated, percent-encoded per segment; files outside the root (notifications, related
 * locations) get a file:// URI. */
export function artifactLocation(root: string, file: string): { uri: string; uriBaseId?: string } {
  if (isOutside(file)) {
    return { uri: pathToFileURL(path.resolve(root, file)).href };
  }
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function escapeLinkText(s: string): string {
  return s.replace(/[[\]\\]/g, (c) => '\\' + c);
}

/** Plain text with related locations linked as `[text](id)`; GitHub renders only these links. */
export function messageText(parts: MessagePart[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return escapeLinkText(p);
      const t = escapeLinkText(p.text);
      return p.loc ? `[${t}](${p.loc})` : p.code ? '`' + t + '`' : t;
    })
    .join('');
}
