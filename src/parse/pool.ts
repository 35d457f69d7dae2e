// Runs processFile over many files: in this thread (jobs = 1, or few files), or on a small pool of
// worker_threads that each load the grammar once and are fed batches as they finish. A pool of our own
// (about 60 lines) rather than piscina: the work is one function over batches, and a dependency would
// add more surface than it saves.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { processFile, type FileJob, type FileResult } from './file.js';
import { getParser } from './parser.js';

const BATCH = 16;
// below this, starting workers (grammar load and JIT warm-up per thread, about a second) costs more than it saves
const MIN_FILES_FOR_WORKERS = 800;

/** The compiled worker script (under vitest, src/ has no .js, so the built one in dist/ is used). */
function workerScript(): URL | null {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../dist/parse/worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : null;
}

export async function processFiles(jobs: FileJob[], threads: number, progress?: (done: number, total: number) => void): Promise<FileResult[]> {
  const script = workerScript();
  if (threads <= 1 || jobs.length < MIN_FILES_FOR_WORKERS || !script) {
    const parser = await getParser();
    return jobs.map((job, i) => {
      progress?.(i, jobs.length);
      try {
        return processFile(parser, job);
      } catch (e) {
        return { directives: [], notes: [{ id: 'parse-error', level: 'warning', message: `${job.rel}: internal error while analyzing this file (${(e as Error).message}); skipped`, file: job.rel }] };
      }
    });
  }
  const results: FileResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(threads, Math.ceil(jobs.length / BATCH)) }, () => new Worker(script));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let batchStart = 0;
            const feed = () => {
              if (next >= jobs.length) return resolve();
              batchStart = next;
              const batch = jobs.slice(next, next + BATCH);
              next += batch.length;
              w.postMessage({ id: batchStart, jobs: batch });
            };
            w.on('message', (msg: { id: number; results: FileResult[] }) => {
              msg.results.forEach((r, i) => (results[msg.id + i] = r));
              done += msg.results.length;
              progress?.(done, jobs.length);
              feed();
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (code !== 0) reject(new Error(`worker stopped with exit code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
