import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Tree } from 'web-tree-sitter';
import { flatten, type FlatTree, type WasmHandles } from './flat.js';
import { getParser, getWasmHandles } from './parser.js';

const TESTDATA = path.resolve(fileURLToPath(import.meta.url), '../../../testdata');

const BROKEN = [
  'package p\nfunc f() { x := }\n',
  'package p\nfunc f( {\n',
  'package p\nfunc f() { go g(\n}\n',
  'package p\nvar x = [3]int{1, 2\n',
  'package p\nfunc f() { s := "ü\u00e9\u{1F600}"; _ = s }\n',
  '',
];

/** Every node as web-tree-sitter's own cursor sees it, in document order. */
function viaPublicApi(tree: Tree): string[] {
  const rows: string[] = [];
  const c = tree.walk();
  try {
    for (;;) {
      const n = c.currentNode;
      rows.push(
        [n.type, n.startIndex, n.endIndex, n.startPosition.row, n.startPosition.column, n.endPosition.row, n.endPosition.column,
          c.currentFieldName ?? '-', n.isNamed, n.hasError, n.isMissing, n.childCount, n.parent?.startIndex ?? -1].join('|'),
      );
      if (c.gotoFirstChild()) continue;
      while (!c.gotoNextSibling()) if (!c.gotoParent()) return rows;
    }
  } finally {
    c.delete();
  }
}

function viaFlat(t: FlatTree, fieldNames: (string | null)[]): string[] {
  const rows: string[] = [];
  for (let i = 0; i < t.n; i++) {
    const n = t.node(i)!;
    const s = n.startPosition;
    const e = n.endPosition;
    const field = n.parent ? fieldNames[t.field[i]!] ?? '-' : '-';
    rows.push([n.type, n.startIndex, n.endIndex, s.row, s.column, e.row, e.column, field, n.isNamed, n.hasError, n.isMissing, n.childCount, n.parent?.startIndex ?? -1].join('|'));
  }
  return rows;
}

function goFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.go')).map((f) => path.join(dir, f)).sort();
}

describe('flatten', () => {
  it('uses the direct wasm calls with the pinned web-tree-sitter (a new version that breaks them shows here)', async () => {
    await getParser();
    expect(getWasmHandles()).toBeDefined();
  });

  it('copies every node of every corpus file, and of broken input, exactly as web-tree-sitter reports it', async () => {
    const parser = await getParser();
    const handles = getWasmHandles();
    const fieldNames = parser.language!.fields;
    const sources = [...goFiles(TESTDATA).map((f) => readFileSync(f, 'utf8')), ...BROKEN];
    let nodes = 0;
    for (const via of [handles, undefined] as (WasmHandles | undefined)[]) {
      for (const src of sources) {
        const tree = parser.parse(src)!;
        try {
          const want = viaPublicApi(tree);
          expect(viaFlat(flatten(tree, src, parser.language!, via), fieldNames)).toEqual(want);
          nodes += want.length;
        } finally {
          tree.delete();
        }
      }
    }
    expect(nodes).toBeGreaterThan(50_000);
  });

  it('leaves out the insides of skipped nodes and bodies, keeping their offsets', async () => {
    const parser = await getParser();
    const src = 'package p\n\nconst c = 1 + 2\n\nfunc f() int {\n\treturn g(1)\n}\n\nfunc h() { go g(2) }\n';
    const tree = parser.parse(src)!;
    try {
      const t = flatten(tree, src, parser.language!, getWasmHandles(), {
        types: new Set(['const_declaration']),
        body: ({ start }) => src.slice(start).startsWith('{\n\treturn'),
      });
      const kinds = t.rootNode.namedChildren.map((n) => `${n.type}:${n.namedChildren.length}`);
      expect(kinds).toEqual(['package_clause:1', 'const_declaration:0', 'function_declaration:4', 'function_declaration:3']);
      const [fBody, hBody] = t.rootNode.namedChildren.slice(2).map((d) => d.childForFieldName('body')!);
      expect(fBody!.childCount).toBe(0);
      expect(fBody!.text).toBe('{\n\treturn g(1)\n}');
      expect(hBody!.descendantsOfType('go_statement').map((g) => g.text)).toEqual(['go g(2)']);
    } finally {
      tree.delete();
    }
  });
});
