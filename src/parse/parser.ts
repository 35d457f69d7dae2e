// Loads the tree-sitter-go grammar once per process (or worker) and hands out one reusable parser.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Language, Node, Parser } from 'web-tree-sitter';
import { wasmHandles, type WasmHandles } from './flat.js';

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
    handles = wasmHandles(wasmModule);
    const lang = await Language.load(readFileSync(GRAMMAR_PATH));
    const parser = new Parser();
    parser.setLanguage(lang);
    memoizeNodeLookups(lang);
    return parser;
  })();
  return parserPromise;
}

/**
 * The fact walk asks the same node for its type and its fields several times, and web-tree-sitter answers
 * each question with a call into wasm (and a linear search of the field names for childForFieldName).
 * Nodes are immutable while their tree lives, so the answers are kept on the node object (measured: about 5 %
 * off the walk over etcd). Installed once per thread, on the Node class of the pinned web-tree-sitter version.
 */
function memoizeNodeLookups(lang: Language): void {
  type Memo = Node & { _type?: string; _fields?: Map<number, Node | null> };
  const proto = Node.prototype as Memo;
  const typeGetter = Object.getOwnPropertyDescriptor(Node.prototype, 'type')?.get;
  if (!typeGetter || Object.prototype.hasOwnProperty.call(proto, '_memoized')) return;
  Object.defineProperty(proto, '_memoized', { value: true });
  Object.defineProperty(proto, 'type', {
    configurable: true,
    get(this: Memo): string {
      return (this._type ??= typeGetter.call(this) as string);
    },
  });
  const fieldIds = new Map<string, number>();
  lang.fields.forEach((f, i) => {
    if (f) fieldIds.set(f, i);
  });
  proto.childForFieldName = function (this: Memo, name: string): Node | null {
    const id = fieldIds.get(name);
    if (id === undefined) return null;
    const memo = (this._fields ??= new Map());
    let child = memo.get(id);
    if (child === undefined) {
      child = this.childForFieldId(id);
      memo.set(id, child);
    }
    return child;
  };
}
