// Loads the tree-sitter-go grammar once per process (or worker) and hands out one reusable parser.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';

/** grammars/ sits at the package root; this file is at src/parse or dist/parse. */
export const GRAMMAR_PATH = fileURLToPath(new URL('../../grammars/tree-sitter-go.wasm', import.meta.url));
/** The npm package and version the committed wasm was taken from (see grammars/README.md). */
export const GRAMMAR_VERSION = 'tree-sitter-go@0.25.0';

let parserPromise: Promise<Parser> | undefined;

export function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const lang = await Language.load(readFileSync(GRAMMAR_PATH));
    const parser = new Parser();
    parser.setLanguage(lang);
    return parser;
  })();
  return parserPromise;
}
