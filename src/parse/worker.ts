// A worker thread: parses the files it is sent and posts back plain facts (never trees).
// A file that makes the extractor throw costs that file only.
import { parentPort } from 'node:worker_threads';
import { processFile, type FileJob, type FileResult } from './file.js';
import { getParser } from './parser.js';

const parser = await getParser();
parentPort!.on('message', (msg: { id: number; jobs: FileJob[] }) => {
  const results: FileResult[] = msg.jobs.map((job) => {
    try {
      return processFile(parser, job);
    } catch (e) {
      return {
        directives: [],
        notes: [{ id: 'parse-error', level: 'warning', message: `${job.rel}: internal error while analyzing this file (${(e as Error).message}); skipped`, file: job.rel }],
      } satisfies FileResult;
    }
  });
  parentPort!.postMessage({ id: msg.id, results });
});
