// npm run bench:lsp -- DIR [--file REL] [--runs N] [--debounce MS] [--profile DIR]: the language server's latency on a big tree.
// A warm server (the workspace read, the file open and analyzed once, a few edits made) gets N edits of one file
// through didChange, alternately a comment line added at the end of the file and removed; each edit is timed from
// the didChange notification to the diagnostics published for it. Prints the median, p90 and the server's RSS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lsp/client.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Resident set size of a process in MiB (Linux /proc), or NaN elsewhere. */
function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function main(): Promise<void> {
  const dir = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
  if (!dir) {
    process.stderr.write('usage: npm run bench:lsp -- DIR [--file REL] [--runs N] [--debounce MS] [--profile DIR]\n');
    process.exit(2);
  }
  const root = path.resolve(dir);
  const rel = arg('file') ?? 'server/etcdserver/server.go';
  const runs = Number(arg('runs') ?? 40);
  const debounce = arg('debounce') ?? '50';
  const abs = path.join(root, rel);
  const uri = pathToFileURL(abs).href;
  const text = readFileSync(abs, 'utf8');

  // --profile DIR: the server's CPU profile (node --cpu-prof) is written to DIR when it exits
  const profile = arg('profile');
  const client = LspClient.start(['--root', root, '--debounce', debounce], undefined, profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profile)] : []);
  const t0 = performance.now();
  await client.initialize(pathToFileURL(root).href);
  const first = client.nextDiagnostics(uri);
  await client.open(uri, text);
  const opened = await first;
  const coldMs = performance.now() - t0;

  const lines = text.split('\n').length;
  const end = { line: lines - 1, character: 0 };
  let version = 1;
  let added = false;
  const edit = async (): Promise<number> => {
    const p = client.nextDiagnostics(uri);
    const start = performance.now();
    version++;
    if (!added) await client.edit(uri, { start: end, end }, '// goleash bench edit\n', version);
    else await client.edit(uri, { start: end, end: { line: lines, character: 0 } }, '', version);
    added = !added;
    await p;
    return performance.now() - start;
  };
  for (let i = 0; i < 6; i++) await edit(); // warm-up: the JIT, lazy bodies filled
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await edit());
  const rss = rssMiB(client.pid);
  await client.stop();

  times.sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  process.stdout.write(
    [
      `goleash lsp on ${root}, editing ${rel} (${lines} lines), debounce ${debounce} ms`,
      `workspace read and first diagnostics: ${fmt(coldMs)} (${opened.diagnostics.length} diagnostics)`,
      `didChange -> publishDiagnostics over ${runs} edits: median ${fmt(quantile(times, 0.5))}, p90 ${fmt(quantile(times, 0.9))}, min ${fmt(times[0]!)}, max ${fmt(times[times.length - 1]!)}`,
      `server RSS: ${rss.toFixed(0)} MiB`,
      '',
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:lsp: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
