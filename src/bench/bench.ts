// npm run bench [-- --files N | --path DIR] [--dense] [--runs R] [--smoke]
// Measures goleash against the speed limit of its own design: P = a bare read + web-tree-sitter parse of
// every file on one thread, in the same process and run. Reports the full run (discovery, parse, facts,
// judgement, SARIF) as a ratio of P with --jobs 1 and with all cores, peak RSS, and a scaling table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../analyze.js';
import { discover } from '../discover/discover.js';
import { getParser } from '../parse/parser.js';
import { formatSarif } from '../report/sarif.js';
import { RULES } from '../rules/index.js';
import { rng } from '../util/rng.js';
import { tuneV8 } from '../util/v8flags.js';


const BODIES = [
  (i: number) => `func helper${i}(xs []int) int {
	total := 0
	for _, x := range xs {
		if x%2 == 0 {
			total += x * ${i}
		} else {
			total -= x
		}
	}
	return total
}
`,
  (i: number) => `func (s *Store${i}) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.items[key]
	if !ok {
		return "", false
	}
	return strings.TrimSpace(v), true
}
`,
  (i: number) => `func (s *Store${i}) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-s.events:
			s.mu.Lock()
			s.items[ev] = fmt.Sprint(len(ev))
			s.mu.Unlock()
		}
	}
}
`,
  (i: number) => `func Fetch${i}(ctx context.Context, urls []string) ([]string, error) {
	out := make(chan string, len(urls))
	for _, u := range urls {
		go func(u string) {
			out <- strings.ToUpper(u)
		}(u)
	}
	res := make([]string, 0, len(urls))
	for range urls {
		select {
		case r := <-out:
			res = append(res, r)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return res, nil
}
`,
  (i: number) => `func Leak${i}(ctx context.Context, rc chan bool) {
	go func() {
		time.Sleep(time.Millisecond)
		_ = ctx.Value("trace")
		rc <- true
	}()
}
`,
  (i: number) => `func parse${i}(line string) (map[string]string, error) {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return nil, errors.New("empty line")
	}
	m := make(map[string]string, len(fields))
	for _, f := range fields {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("bad field %q", f)
		}
		m[k] = v
	}
	return m, nil
}
`,
];

/**
 * The goroutine-dense corpus of earlier versions (`--dense`): about a third of its functions start goroutines
 * or select, five times the share in real code. Kept as the stress case.
 */
function generateDense(dir: string, files: number, seed: number): void {
  const r = rng(seed);
  writeFileSync(path.join(dir, 'go.mod'), 'module example.com/bench\n\ngo 1.22\n');
  for (let f = 0; f < files; f++) {
    const pkg = `pkg${Math.floor(f / 10)}`;
    mkdirSync(path.join(dir, pkg), { recursive: true });
    const parts = [
      `package ${pkg}\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"strings"\n\t"sync"\n\t"time"\n)\n\nvar _ = errors.New\nvar _ = time.Second\n`,
      `type Store${f} struct {\n\tmu     sync.Mutex\n\titems  map[string]string\n\tevents chan string\n}\n`,
    ];
    const n = 8 + Math.floor(r() * 10);
    for (let k = 0; k < n; k++) {
      // leaks are rare, as in real code
      let b = Math.floor(r() * BODIES.length);
      if (b === 4 && r() < 0.8) b = 0;
      parts.push(BODIES[b]!(f * 100 + k));
    }
    writeFileSync(path.join(dir, pkg, `file${f}.go`), parts.join('\n'));
  }
}

const WORDS = ['cache', 'entry', 'lease', 'member', 'peer', 'revision', 'snapshot', 'token', 'watcher', 'bucket', 'index', 'shard'];

/** Statements of a body that mentions no channel, goroutine or context (`k` varies the constants). */
const PLAIN_STMTS = [
  (k: number, w: string) => `if len(name) > ${k % 40 + 8} {\n\t\tname = name[:${k % 40 + 8}]\n\t}`,
  (k: number, w: string) => `for i, p := range parts {\n\t\tif strings.HasPrefix(p, "${w}") {\n\t\t\ttotal += i * ${k % 7 + 1}\n\t\t\tcontinue\n\t\t}\n\t\ttotal -= len(p)\n\t}`,
  (k: number, w: string) => `key := fmt.Sprintf("%s/${w}/%d", name, total+${k})\n\tparts = append(parts, key)`,
  (k: number, w: string) => `switch {\n\tcase total > ${k * 3}:\n\t\ttotal %= ${k % 13 + 2}\n\tcase total < 0:\n\t\ttotal = -total\n\tdefault:\n\t\ttotal++\n\t}`,
  (k: number, w: string) => `// normalise the ${w} name before it is used as a key\n\tname = strings.ToLower(strings.TrimSpace(name))`,
  (k: number, w: string) => `if total == ${k} {\n\t\treturn total, fmt.Errorf("${w} %q: %w", name, errNotFound)\n\t}`,
  (k: number, w: string) => `m := make(map[string]int, len(parts))\n\tfor _, p := range parts {\n\t\tm[p]++\n\t}\n\ttotal += len(m)`,
];

/** Statements of a body that hands a ctx on, or ranges over a field, but cannot block or watch it itself. */
const CTX_STMTS = [
  (k: number, w: string) => `v, err := s.backend.Get(ctx, "${w}/"+name)\n\tif err != nil {\n\t\treturn total, fmt.Errorf("get ${w} %q: %w", name, err)\n\t}\n\ttotal += len(v)`,
  (k: number, w: string) => `if err := s.backend.Put(ctx, name, strings.Join(parts, ",")); err != nil {\n\t\treturn total, err\n\t}`,
  (k: number, w: string) => `for key, v := range s.items {\n\t\tif strings.Contains(key, "${w}") {\n\t\t\ttotal += len(v)\n\t\t}\n\t}`,
  (k: number, w: string) => `logger.Debug(ctx, "${w} loaded", "name", name, "total", total)`,
];

/** The goroutine, channel and select parts of the few functions that have them; the last two leak. */
const STRONG_CORES = [
  (k: number) => `for {
		select {
		case <-ctx.Done():
			return total, ctx.Err()
		case ev := <-s.events:
			s.mu.Lock()
			s.items[ev] = name
			s.mu.Unlock()
			total++
		}
		if total > ${k % 50 + 10} {
			break
		}
	}`,
  (k: number) => `out := make(chan int, len(parts))
	for _, p := range parts {
		go func(p string) {
			out <- len(p) + ${k % 9}
		}(p)
	}
	for range parts {
		select {
		case n := <-out:
			total += n
		case <-ctx.Done():
			return total, ctx.Err()
		}
	}`,
  (k: number) => `rc := make(chan int)
	go func() {
		time.Sleep(${k % 5 + 1} * time.Millisecond)
		rc <- len(name)
	}()
	select {
	case n := <-rc:
		total += n
	case <-ctx.Done():
		return total, ctx.Err()
	}`,
  (k: number) => `done := make(chan bool)
	go func() {
		_ = ctx.Value("trace-${k % 7}")
		done <- true
	}()`,
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function statements(r: () => number, pool: readonly ((k: number, w: string) => string)[], n: number, k: number): string {
  const out: string[] = [];
  for (let j = 0; j < n; j++) out.push('\t' + pick(r, pool)(k + j, pick(r, WORDS)));
  return out.join('\n');
}

function docComment(r: () => number, name: string): string {
  if (r() < 0.3) return '';
  const lines = [`// ${name} looks up the ${pick(r, WORDS)} for name and folds it into the running total.`];
  for (let j = Math.floor(r() * 3); j > 0; j--) lines.push(`// The ${pick(r, WORDS)} is normalised first; an unknown ${pick(r, WORDS)} is reported as errNotFound.`);
  return lines.join('\n') + '\n';
}

/**
 * A module shaped like real Go code, as measured over 42 open-source repositories (40,143 files, 11 M lines):
 * of every function, 69 % are plain (no channel, goroutine, select or context), 24 % hand a ctx on without
 * blocking or watching it, 7 % start goroutines, select or use channels; a third of the text lies outside
 * function bodies, half of that comments (a license header, doc comments, types). Leaks are rare.
 */
export function generateCorpus(dir: string, files: number, seed = 1, dense = false): void {
  if (dense) return generateDense(dir, files, seed);
  const r = rng(seed);
  writeFileSync(path.join(dir, 'go.mod'), 'module example.com/bench\n\ngo 1.22\n');
  for (let f = 0; f < files; f++) {
    const pkg = `pkg${Math.floor(f / 10)}`;
    mkdirSync(path.join(dir, pkg), { recursive: true });
    const parts = [
      `// Copyright 2026 The Bench Authors. All rights reserved.\n//\n// This file is generated by goleash's benchmark to resemble ordinary Go code: a license header,\n// documented types and functions, helpers, and a few goroutines.\n\n` +
        `package ${pkg}\n\nimport (\n\t"context"\n\t"errors"\n\t"fmt"\n\t"strings"\n\t"sync"\n\t"time"\n)\n\nvar _ = time.Second\n\n` +
        `// errNotFound is returned when a ${pick(r, WORDS)} is unknown.\nvar errNotFound = errors.New("not found")\n`,
      `// Store${f} keeps the ${pick(r, WORDS)} entries of one ${pick(r, WORDS)}.\ntype Store${f} struct {\n\t// mu guards items.\n\tmu sync.Mutex\n\t// items maps a name to its value.\n\titems map[string]string\n\t// events carries names to run.\n\tevents chan string\n\t// backend is where entries live.\n\tbackend Backend\n}\n`,
      `// Backend is a remote store.\ntype Backend interface {\n\tGet(ctx context.Context, key string) (string, error)\n\tPut(ctx context.Context, key, value string) error\n}\n`,
    ];
    const n = 8 + Math.floor(r() * 10);
    for (let k = 0; k < n; k++) {
      const id = f * 100 + k;
      const kind = r();
      if (kind < 0.69) {
        const name = `helper${id}`;
        parts.push(`${docComment(r, name)}func ${name}(name string, parts []string) (int, error) {\n\ttotal := 0\n${statements(r, PLAIN_STMTS, 2 + Math.floor(r() * 6), id)}\n\treturn total, nil\n}\n`);
      } else if (kind < 0.93) {
        const name = `Load${id}`;
        const body = [statements(r, CTX_STMTS, 1 + Math.floor(r() * 4), id), statements(r, PLAIN_STMTS, 4 + Math.floor(r() * 12), id)];
        if (r() < 0.5) body.reverse();
        parts.push(`${docComment(r, name)}func (s *Store${f}) ${name}(ctx context.Context, name string, parts []string) (int, error) {\n\ttotal := 0\n${body.join('\n')}\n\treturn total, nil\n}\n`);
      } else {
        const name = `Serve${id}`;
        const x = r();
        const core = STRONG_CORES[x < 0.42 ? 0 : x < 0.84 ? 1 : x < 0.92 ? 2 : 3]!(id);
        const before = statements(r, PLAIN_STMTS, 4 + Math.floor(r() * 10), id);
        const after = statements(r, [...PLAIN_STMTS, ...CTX_STMTS], 3 + Math.floor(r() * 10), id);
        parts.push(`${docComment(r, name)}func (s *Store${f}) ${name}(ctx context.Context, name string, parts []string) (int, error) {
	total := 0
${before}
	${core}
${after}
	return total, nil
}
`);
      }
    }
    writeFileSync(path.join(dir, pkg, `file${f}.go`), parts.join('\n'));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown> | unknown, runs: number): Promise<number> {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

export interface BenchRow {
  files: number;
  mb: number;
  parseMs: number;
  full1Ms: number;
  fullNMs: number;
  /** full run, --jobs 1, with a warm --cache */
  cachedMs: number;
  findings: number;
  /** each in a new process: bare read + parse, and the command line with --jobs 1 and with all cores */
  cold: { parseMs: number; cli1Ms: number; cliNMs: number };
}

const BUILT = (rel: string) => fileURLToPath(new URL(`../../dist/${rel}`, import.meta.url));

/** Wall time of a new Node process running `script` (from dist/), which must exit 0 or 1. */
function spawnMs(script: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BUILT(script), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${script} exited with ${r.status}: ${r.stderr.toString().trim()}`);
  return ms;
}

/** What a CI job sees: nothing is warm, every thread loads the grammar and compiles its code. */
async function measureCold(dir: string, runs: number, jobs: number): Promise<BenchRow['cold']> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'goleash-bench-out-')), 'report.sarif');
  const cli = (j: number) => () => spawnMs('cli/main.js', [dir, '--jobs', String(j), '--format', 'sarif', '--output', out]);
  try {
    const parseMs = await time(() => spawnMs('bench/bare.js', [dir]), runs);
    const cli1Ms = await time(cli(1), runs);
    return { parseMs, cli1Ms, cliNMs: jobs > 1 ? await time(cli(jobs), runs) : cli1Ms };
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

export async function measure(dir: string, runs: number, jobs: number): Promise<BenchRow> {
  const { files } = discover([dir], dir, { tests: true });
  const parser = await getParser();
  let bytes = 0;
  const bareParse = () => {
    bytes = 0;
    for (const f of files) {
      const text = readFileSync(f.abs, 'utf8');
      bytes += Buffer.byteLength(text);
      parser.parse(text)?.delete();
    }
  };
  let findings = 0;
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'goleash-bench-cache-'));
  const full = (j: number, cache?: string) => async () => {
    const r = await analyze({ paths: [dir], cwd: dir, root: dir, jobs: j, cacheDir: cache });
    formatSarif(r, { rules: RULES });
    findings = r.findings.length;
  };
  // warm-up: JIT and the grammar, once each
  bareParse();
  await full(1)();
  const parseMs = await time(bareParse, runs);
  const full1Ms = await time(full(1), runs);
  const fullNMs = jobs > 1 ? await time(full(jobs), runs) : full1Ms;
  await full(1, cacheDir)(); // fill the cache
  const cachedMs = await time(full(1, cacheDir), runs);
  rmSync(cacheDir, { recursive: true, force: true });
  const cold = await measureCold(dir, runs, jobs);
  return { files: files.length, mb: bytes / 1e6, parseMs, full1Ms, fullNMs, cachedMs, findings, cold };
}

export async function runBench(argv: string[], log: (s: string) => void = console.log): Promise<BenchRow[]> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  const dense = argv.includes('--dense');
  const runs = Number(arg('runs') ?? (smoke ? 1 : 3));
  const jobs = availableParallelism();
  const rows: BenchRow[] = [];
  log(`goleash bench: ${jobs} cores, node ${process.version}, medians of ${runs} run(s) after warm-up`);
  log('P = bare read + parse of every file on one thread; full = discovery + parse + facts + judgement + SARIF');
  log('');
  log('files     MB   parse MB/s   P ms   full --jobs 1   ratio   full --jobs ' + jobs + '   ratio   warm --cache   ratio   findings');
  const print = (r: BenchRow) =>
    log(
      `${String(r.files).padStart(5)} ${r.mb.toFixed(1).padStart(6)} ${(r.mb / (r.parseMs / 1000)).toFixed(1).padStart(12)} ${r.parseMs.toFixed(0).padStart(6)} ` +
        `${r.full1Ms.toFixed(0).padStart(15)} ${(r.full1Ms / r.parseMs).toFixed(2).padStart(7)} ${r.fullNMs.toFixed(0).padStart(15)} ${(r.fullNMs / r.parseMs).toFixed(2).padStart(7)} ` +
        `${r.cachedMs.toFixed(0).padStart(14)} ${(r.cachedMs / r.parseMs).toFixed(2).padStart(7)} ${String(r.findings).padStart(10)}`,
    );
  const given = arg('path');
  if (given) {
    const r = await measure(path.resolve(given), runs, jobs);
    rows.push(r);
    print(r);
  } else {
    const base = Number(arg('files') ?? (smoke ? 20 : 500));
    for (const k of smoke ? [1, 2] : [1, 2, 4]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'goleash-bench-'));
      try {
        generateCorpus(dir, base * k, 1, dense);
        const r = await measure(dir, runs, jobs);
        rows.push(r);
        print(r);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  log('');
  log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this process)`);
  log('');
  log('cold: a new process each run, as a CI job starts; bare = read + parse of every file, nothing else');
  log(`files   bare ms   cli --jobs 1   ratio   cli --jobs ${jobs}   ratio`);
  for (const r of rows) {
    const c = r.cold;
    log(
      `${String(r.files).padStart(5)} ${c.parseMs.toFixed(0).padStart(9)} ${c.cli1Ms.toFixed(0).padStart(14)} ${(c.cli1Ms / c.parseMs).toFixed(2).padStart(7)} ` +
        `${c.cliNMs.toFixed(0).padStart(14)} ${(c.cliNMs / c.parseMs).toFixed(2).padStart(7)}`,
    );
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  tuneV8(); // as the command line does
  await runBench(process.argv.slice(2));
}
