// Loads the tree-sitter-go grammar once per process (or worker) and hands out one reusable parser.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';
import { fastPathAgrees, wasmHandles, type WasmHandles } from './flat.js';

/** grammars/ sits at the package root; this file is at src/parse or dist/parse. */
export const GRAMMAR_PATH = fileURLToPath(new URL('../../grammars/tree-sitter-go.wasm', import.meta.url));
/** The npm package and version the committed wasm was taken from (see grammars/README.md). */
export const GRAMMAR_VERSION = 'tree-sitter-go@0.25.0';

let parserPromise: Promise<Parser> | undefined;
/** The wasm module object of this thread (Emscripten fills in the object handed to Parser.init). */
const wasmModule: Record<string, unknown> = {};
let handles: WasmHandles | undefined;

/** The wasm exports src/parse/flat.ts calls directly, once getParser has resolved; undefined if absent. */
export function getWasmHandles(): WasmHandles | undefined {
  return handles;
}

export function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init(wasmModule);
    const lang = await Language.load(readFileSync(GRAMMAR_PATH));
    const parser = new Parser();
    parser.setLanguage(lang);
    // the fast copy of trees relies on how this web-tree-sitter version drives its cursors: it is used only
    // if the exports are there and it copies a sample tree exactly as the public API sees it
    const h = wasmHandles(wasmModule);
    handles = h && fastPathAgrees(parser, h) ? h : undefined;
    return parser;
  })();
  return parserPromise;
}
