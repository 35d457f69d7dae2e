import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIN_FILES_FOR_WORKERS, processFiles } from './pool.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');

describe('processFiles', () => {
  it('gives the same results, in order, on the main thread plus a worker as on one thread', async () => {
    // enough files for the worker path (250 and more): the labeled corpus, copied as often as that takes
    const dir = mkdtempSync(path.join(tmpdir(), 'goleash-pool-'));
    const perCopy = (readdirSync(path.join(ROOT, 'testdata'), { recursive: true }) as string[]).filter((f) => f.endsWith('.go')).length;
    for (let i = 0; i < Math.ceil(MIN_FILES_FOR_WORKERS / perCopy); i++) cpSync(path.join(ROOT, 'testdata'), path.join(dir, `copy${i}`), { recursive: true });
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.go')).sort();
    expect(files.length).toBeGreaterThanOrEqual(MIN_FILES_FOR_WORKERS);
    const jobs = files.map((rel) => ({ abs: path.join(dir, rel), rel, explicit: false }));
    const seen: number[] = [];
    const two = await processFiles(jobs, 2, (done) => seen.push(done));
    const one = await processFiles(jobs, 1);
    expect(two.map((r) => r.facts?.path)).toEqual(files);
    expect(two).toEqual(one);
    expect(Math.max(...seen)).toBe(files.length);
  });
});
