import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../analyze.js';
import { RULES } from '../rules/index.js';
import { sarifErrors } from '../test/sarif-validate.js';
import { gzipSync } from 'node:zlib';
import { artifactLocation, formatSarif, formatSarifChunks, messageText, sarifChunks } from './sarif.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');

describe('SARIF writer', () => {
  let corpus: AnalysisResult;
  beforeAll(async () => {
    corpus = await analyze({ paths: ['testdata'], cwd: ROOT, root: ROOT });
  });

  it('writes a corpus report valid against both schemas', () => {
    const doc = JSON.parse(formatSarif(corpus, { rules: RULES }));
    expect(sarifErrors(doc)).toEqual([]);
    expect(doc.runs).toHaveLength(1);
    expect(doc.runs[0].results.length).toBe(corpus.findings.length);
  });

  it('is byte-for-byte deterministic', async () => {
    const again = await analyze({ paths: ['testdata'], cwd: ROOT, root: ROOT });
    expect(formatSarif(again, { rules: RULES })).toBe(formatSarif(corpus, { rules: RULES }));
  });

  it('describes the seed finding exactly', async () => {
    const r = await analyze({ paths: ['testdata/seed'], cwd: ROOT, root: ROOT });
    const run = JSON.parse(formatSarif(r, { rules: RULES })).runs[0];
    expect(run.tool.driver.name).toBe('goleash');
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.automationDetails).toBeUndefined();
    expect(run.results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['abandoned-sender', 'ctx-done-missing']);
    const res = run.results[1];
    expect(res.ruleId).toBe('ctx-done-missing');
    expect(run.tool.driver.rules[res.ruleIndex].id).toBe('ctx-done-missing');
    expect(res.level).toBe('warning');
    expect(res.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'testdata/seed/seed.go', uriBaseId: '%SRCROOT%' },
      region: { startLine: 28, startColumn: 2, endLine: 28, endColumn: 23 },
    });
    expect(res.message.text).toBe(
      'goroutine running [childSeed](1) receives ctx but never observes ctx.Done(); it can block at [rc <- true](2) and leaks once ctx is cancelled',
    );
    expect(res.relatedLocations.map((x: { id: number; physicalLocation: { region: { startLine: number } } }) => [x.id, x.physicalLocation.region.startLine])).toEqual([
      [1, 10],
      [2, 12],
    ]);
    expect(res.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]+:1$/);
    expect(res.partialFingerprints['goleash/semantic/v1']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps results an empty array on a clean tree and sets the category only when asked', async () => {
    const r = await analyze({ paths: ['testdata/basics/named.go'], cwd: ROOT, root: ROOT, rules: [] });
    const doc = JSON.parse(formatSarif(r, { rules: RULES, category: 'goleash' }));
    expect(doc.runs[0].results).toEqual([]);
    expect(doc.runs[0].automationDetails).toEqual({ id: 'goleash/' });
    expect(sarifErrors(doc)).toEqual([]);
  });

  it('truncates deterministically above 25,000 results, with a notification', async () => {
    const f = corpus.findings[0]!;
    const many = { ...corpus, findings: Array.from({ length: 25_003 }, (_, i) => ({ ...f, range: { start: { ...f.range.start, line: i + 1 }, end: { ...f.range.end, line: i + 1 } } })) };
    const parts = await formatSarifChunks(many, { rules: RULES });
    expect(parts.results).toHaveLength(25_000);
    // the pieces: the skeleton around the results, and each result as JSON of its own
    const skeleton = JSON.parse(parts.head + '[' + parts.tail.trimStart());
    expect(skeleton.runs[0].invocations[0].toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id)).toEqual(['truncated']);
    const last = JSON.parse(parts.results[24_999]!.replace(/^,\n/, ''));
    expect(last.locations[0].physicalLocation.region.startLine).toBe(25_000);
    expect(parts.results.every((x, i) => x.startsWith(i === 0 ? '[\n        {\n' : ',\n        {\n'))).toBe(true);
  });

  it('writes in pieces exactly the text JSON.stringify(log, null, 2) gives, and formatSarif the same text', async () => {
    const clean = await analyze({ paths: ['testdata/basics/named.go'], cwd: ROOT, root: ROOT, rules: [] });
    for (const [r, category] of [[corpus, undefined], [corpus, 'a/b'], [clean, undefined], [clean, 'c']] as const) {
      const text = [...sarifChunks(await formatSarifChunks(r, { rules: RULES, category }))].join('');
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
      expect(formatSarif(r, { rules: RULES, category })).toBe(text);
    }
  });

  it('is written by the command line, to stdout and to -o FILE, byte for byte as formatSarif gives it', async () => {
    const want = formatSarif(await analyze({ paths: ['testdata/seed'], cwd: ROOT, root: ROOT }), { rules: RULES, category: 'ci' });
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'goleash-sarif-')), 'r.sarif');
    const bin = path.join(ROOT, 'dist/cli/main.js');
    const piped = spawnSync(process.execPath, [bin, 'testdata/seed', '-f', 'sarif', '--sarif-category', 'ci'], { cwd: ROOT, encoding: 'utf8' });
    expect(piped.stdout).toBe(want);
    spawnSync(process.execPath, [bin, 'testdata/seed', '-f', 'sarif', '--sarif-category', 'ci', '-o', out], { cwd: ROOT });
    expect(readFileSync(out, 'utf8')).toBe(want);
  });

  it('adds the size notification over the upload limit, measured by streaming gzip as by gzipSync', async () => {
    const text = formatSarif(corpus, { rules: RULES });
    const gz = gzipSync(text).length;
    const ids = (t: string) => JSON.parse(t).runs[0].invocations[0].toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id);
    for (const [max, want] of [[gz, []], [gz - 1, ['size']]] as const) {
      const whole = formatSarif(corpus, { rules: RULES, maxGzipBytes: max });
      expect(ids(whole)).toEqual(want);
      expect([...sarifChunks(await formatSarifChunks(corpus, { rules: RULES, maxGzipBytes: max }))].join('')).toBe(whole);
    }
  });

  it('has a validator that rejects what GitHub rejects', () => {
    const bad = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] };
    expect(sarifErrors(bad).length).toBeGreaterThan(0);
    const col0 = JSON.parse(formatSarif(corpus, { rules: RULES }));
    col0.runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0;
    expect(sarifErrors(col0).some((e) => e.startsWith('canonical'))).toBe(true);
    expect(sarifErrors(col0).some((e) => e.startsWith('codeql-action'))).toBe(true);
  });

  it('percent-encodes URIs per segment and escapes brackets in messages', () => {
    expect(artifactLocation('/r', 'a b/ü#1.go')).toEqual({ uri: 'a%20b/%C3%BC%231.go', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/r', '../x.go').uri).toBe('file:///x.go');
    expect(messageText(['at ', { text: 'xs[i] <- v', loc: 2 }])).toBe('at [xs\\[i\\] <- v](2)');
  });
});

describe('vendored SARIF test data', () => {
  const shared = path.resolve(ROOT, '../shared/sarif');
  it.skipIf(!existsSync(shared))('is byte-identical to ../shared/sarif', () => {
    for (const f of ['sarif-schema-2.1.0.json', 'sarif-schema-2.1.0.codeql-action.json', 'primary-location-line-hash-vectors.json']) {
      expect(readFileSync(path.join(ROOT, 'testdata/sarif', f)).equals(readFileSync(path.join(shared, f))), f).toBe(true);
    }
  });
});

describe('abandoned-sender related locations', () => {
  it('say whether the channel has a buffer', async () => {
    const r = await analyze({ paths: ['testdata/kernels'], cwd: ROOT, root: ROOT });
    const made = (line: number) =>
      r.findings.find((f) => f.ruleId === 'abandoned-sender' && f.file === 'testdata/kernels/buffered.go' && f.range.start.line === line)!.related[1]!.message;
    expect(made(13)).toBe('ch is made with a buffer of 1 here');
    const unbuffered = r.findings.find((f) => f.ruleId === 'abandoned-sender' && f.file === 'testdata/kernels/kernels.go' && f.range.start.line === 21)!;
    expect(unbuffered.related[1]!.message).toBe('errCh is made without a buffer here');
  });
});
