// Runs processFile over many files: in this thread (jobs = 1, or few files), or in this thread plus a small
// pool of worker_threads that each load the grammar once and are fed batches as they finish. A pool of our own
// (about 60 lines) rather than piscina: the work is one function over batches, and a dependency would
// add more surface than it saves.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { processFileGuarded, type FileJob, type FileResult } from './file.js';
import { getParser } from './parser.js';

const BATCH = 16;
const MAIN_BATCH = 4;
// below this, starting workers (grammar load and JIT warm-up per thread) costs more than it saves
export const MIN_FILES_FOR_WORKERS = 250;

/** The compiled worker script (under vitest, src/ has no .js, so the built one in dist/ is used). */
function workerScript(): URL | null {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../dist/parse/worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : null;
}

/**
 * Workers outlive one processFiles call: the dependency rounds of a run, and every run of a long-lived
 * process (the benchmark, an editor integration), reuse threads whose grammar is loaded and whose code is
 * compiled. An idle worker is unref'd, so it never keeps the process alive.
 */
const idle: Worker[] = [];

function takeWorker(script: URL): Worker {
  const w = idle.pop() ?? new Worker(script);
  w.ref();
  return w;
}

function releaseWorker(w: Worker): void {
  w.removeAllListeners('message');
  w.removeAllListeners('error');
  w.removeAllListeners('exit');
  w.on('error', () => undefined); // a worker that fails while idle is simply not reused
  w.once('exit', () => {
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
  });
  w.unref();
  idle.push(w);
}

export async function processFiles(jobs: FileJob[], threads: number, progress?: (done: number, total: number) => void): Promise<FileResult[]> {
  const script = workerScript();
  if (threads <= 1 || jobs.length < MIN_FILES_FOR_WORKERS || !script) {
    const parser = await getParser();
    return jobs.map((job, i) => {
      progress?.(i, jobs.length);
      return processFileGuarded(parser, job);
    });
  }
  const results: FileResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const parser = await getParser();
  // the main thread is one of the `threads`: it parses too, between handling the workers' messages, so no
  // core sits idle and its results need no copying between threads
  const workers = Array.from({ length: Math.min(threads - 1, Math.ceil(jobs.length / BATCH)) }, () => takeWorker(script));
  const failed = new Set<Worker>();
  try {
    const fromWorkers = Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            // two batches in flight: the worker starts the next while the main thread, busy with its own
            // files, has not yet handled the reply to the last
            let inFlight = 0;
            const feed = () => {
              if (next >= jobs.length) {
                if (inFlight === 0) resolve();
                return;
              }
              const batchStart = next;
              const batch = jobs.slice(next, next + BATCH);
              next += batch.length;
              inFlight++;
              w.postMessage({ id: batchStart, jobs: batch });
            };
            w.on('message', (msg: { id: number; results: FileResult[] }) => {
              inFlight--;
              msg.results.forEach((r, i) => (results[msg.id + i] = r));
              done += msg.results.length;
              progress?.(done, jobs.length);
              feed();
            });
            w.on('error', (e) => {
              failed.add(w);
              reject(e);
            });
            w.on('exit', (code) => {
              failed.add(w);
              if (inFlight > 0 || code !== 0) reject(new Error(`worker stopped with exit code ${code}`));
            });
            feed();
            feed();
          }),
      ),
    );
    // a worker can fail while this thread is still parsing: the failure is thrown by the await below, and
    // must not count as an unhandled rejection meanwhile (which would end the process with a stack trace)
    fromWorkers.catch(() => undefined);
    // small batches on the main thread keep the workers' replies from waiting long
    while (next < jobs.length) {
      const end = Math.min(next + MAIN_BATCH, jobs.length);
      done += end - next;
      for (; next < end; next++) results[next] = processFileGuarded(parser, jobs[next]!);
      progress?.(done, jobs.length);
      await new Promise<void>((r) => setImmediate(r));
    }
    await fromWorkers;
  } catch (e) {
    // a failed run leaves no worker in an unknown state behind
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  for (const w of workers) if (!failed.has(w)) releaseWorker(w);
  return results;
}
