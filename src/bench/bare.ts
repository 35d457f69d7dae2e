// For `npm run bench`: a new process that reads and parses every file under DIR once with web-tree-sitter,
// and nothing else — the cold counterpart of P, to set a cold command-line run against.
import { readFileSync } from 'node:fs';
import { discover } from '../discover/discover.js';
import { getParser } from '../parse/parser.js';

const dir = process.argv[2]!;
const { files } = discover([dir], dir, { tests: true });
const parser = await getParser();
for (const f of files) parser.parse(readFileSync(f.abs, 'utf8'))?.delete();
