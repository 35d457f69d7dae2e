// Mutation fuzzing of the analyzer: takes the labeled testdata files, breaks them (byte flips, truncation,
// token deletion and duplication, splices of two files), and checks that goleash neither throws nor writes
// SARIF that fails the schemas. `npm run fuzz -- --iterations N [--seed S]` for a local soak; the test suite
// runs a short seeded round (src/fuzz.test.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from './analyze.js';
import { discover } from './discover/discover.js';
import { formatSarif } from './report/sarif.js';
import { RULES } from './rules/index.js';
import { rng } from './util/rng.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');


export function mutate(inputs: Buffer[], r: () => number): { name: string; data: Buffer } {
  const pick = () => inputs[Math.floor(r() * inputs.length)]!;
  const src = Buffer.from(pick());
  const at = () => Math.floor(r() * Math.max(1, src.length));
  switch (Math.floor(r() * 6)) {
    case 0: {
      for (let i = 0; i < 1 + Math.floor(r() * 8); i++) src[at()] = Math.floor(r() * 256);
      return { name: 'byte flips', data: src };
    }
    case 1:
      return { name: 'truncation', data: src.subarray(0, at()) };
    case 2: {
      const text = src.toString('latin1');
      const tokens = text.split(/(\s+)/);
      const i = Math.floor(r() * tokens.length);
      tokens.splice(i, 1 + Math.floor(r() * 3));
      return { name: 'token deletion', data: Buffer.from(tokens.join(''), 'latin1') };
    }
    case 3: {
      const text = src.toString('latin1');
      const tokens = text.split(/(\s+)/);
      const i = Math.floor(r() * tokens.length);
      tokens.splice(i, 0, ...tokens.slice(i, i + 1 + Math.floor(r() * 6)));
      return { name: 'token duplication', data: Buffer.from(tokens.join(''), 'latin1') };
    }
    case 4: {
      const other = pick();
      const a = at();
      const b = Math.floor(r() * other.length);
      return { name: 'splice', data: Buffer.concat([src.subarray(0, a), other.subarray(b)]) };
    }
    default: {
      // unbalanced braces and a stray BOM / CRLF
      const text = src.toString('utf8').replace(/\n/g, r() < 0.5 ? '\r\n' : '\n');
      const cut = at();
      return { name: 'braces', data: Buffer.from('\uFEFF' + text.slice(0, cut) + '{{(' + text.slice(cut)) };
    }
  }
}

export interface FuzzFailure {
  iteration: number;
  mutation: string;
  error: string;
}

/** Runs `iterations` mutated files through the analyzer and the SARIF writer; `check` validates SARIF. */
export async function fuzz(iterations: number, seed: number, check: (sarif: unknown) => string[]): Promise<FuzzFailure[]> {
  const r = rng(seed);
  const inputs = discover(['testdata'], ROOT, { tests: true }).files.map((f) => readFileSync(f.abs));
  const failures: FuzzFailure[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'goleash-fuzz-'));
  try {
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/fuzz\n');
    for (let i = 0; i < iterations; i++) {
      // let the event loop turn between rounds: analyze() on one small module never waits on I/O, so without this
      // the whole run is one synchronous stretch, and a test runner's worker cannot answer its runner meanwhile
      await new Promise<void>((resolve) => setImmediate(resolve));
      // two mutated files per round, so that cross-file resolution sees broken facts too
      const a = mutate(inputs, r);
      const b = mutate(inputs, r);
      writeFileSync(path.join(dir, 'a.go'), a.data);
      writeFileSync(path.join(dir, 'b.go'), b.data);
      try {
        const res = await analyze({ paths: ['.'], cwd: dir, root: dir, jobs: 1 });
        const errors = check(JSON.parse(formatSarif(res, { rules: RULES })));
        if (errors.length) failures.push({ iteration: i, mutation: `${a.name} + ${b.name}`, error: errors.slice(0, 3).join('; ') });
      } catch (e) {
        failures.push({ iteration: i, mutation: `${a.name} + ${b.name}`, error: (e as Error).stack ?? String(e) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return failures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (n: string, d: number) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 ? Number(process.argv[i + 1]) : d;
  };
  const iterations = arg('iterations', 500);
  const seed = arg('seed', Date.now() % 100000);
  const { sarifErrors } = await import('./test/sarif-validate.js').catch(() => ({ sarifErrors: () => [] as string[] }));
  const failures = await fuzz(iterations, seed, sarifErrors as (s: unknown) => string[]);
  console.log(`fuzz: ${iterations} iterations, seed ${seed}, ${failures.length} failures`);
  for (const f of failures.slice(0, 10)) console.log(`  #${f.iteration} (${f.mutation}): ${f.error}`);
  process.exit(failures.length ? 1 : 0);
}
