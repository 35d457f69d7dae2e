// A worker thread: parses the files it is sent and posts back plain facts (never trees).
// A file that makes the extractor throw costs that file only.
import { parentPort } from 'node:worker_threads';
import { processFileGuarded, type FileJob } from './file.js';
import { getParser } from './parser.js';

const parser = await getParser();
parentPort!.on('message', (msg: { id: number; jobs: FileJob[] }) => {
  parentPort!.postMessage({ id: msg.id, results: msg.jobs.map((job) => processFileGuarded(parser, job)) });
});
