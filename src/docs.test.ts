import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeRules, ruleDoc } from './docs.js';
import { RULES } from './rules/index.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');

describe('generated rule docs', () => {
  it('README rules table is up to date (npm run docs)', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(readmeRules());
  });
  it.each(RULES.map((r) => [r.meta.id, r] as const))('docs/rules/%s.md is up to date (npm run docs)', (id, r) => {
    expect(readFileSync(path.join(ROOT, 'docs/rules', `${id}.md`), 'utf8')).toBe(ruleDoc(r));
  });
  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s metadata is complete and within GitHub limits', (_id, r) => {
    expect(r.meta.name).not.toBe(r.meta.id);
    expect(r.meta.title.length).toBeLessThanOrEqual(1024);
    expect(r.meta.description.length).toBeLessThanOrEqual(1024);
    expect(r.meta.tags.length).toBeLessThanOrEqual(10);
    expect(r.meta.help).toContain(`goleash:ignore ${r.meta.id}`);
  });
});
