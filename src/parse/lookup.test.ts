// The indexed lookups answer as a scan of file.funcs would, and follow the array when it grows.
import { describe, expect, it } from 'vitest';
import { extractFacts } from './facts.js';
import { funcFact, funcsAround, innermostAt, outermostAt } from './lookup.js';
import { getParser } from './parser.js';

const SRC = `package p

func A() {
	go func() {
		f := func() {
			_ = 1
		}
		f()
	}()
}

func B() {}
`;

describe('lookup', () => {
  it('finds functions by id and by place, innermost first', async () => {
    const parser = await getParser();
    const tree = parser.parse(SRC)!;
    const file = extractFacts(tree, SRC, { path: 'p.go', validUtf8: true, generated: false });
    tree.delete();
    const scanInner = (line: number, col: number) =>
      file.funcs
        .filter((f) => (f.range.start.line < line || (f.range.start.line === line && f.range.start.col <= col)) && (f.range.end.line > line || (f.range.end.line === line && f.range.end.col >= col)))
        .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.col - a.range.start.col)[0];
    expect(funcFact(file, 'F:A')?.name).toBe('A');
    expect(funcFact(file, 'F:nope')).toBeUndefined();
    // inside the inner literal, the goroutine's literal, A itself, and between functions
    for (const [line, col] of [[6, 4], [8, 3], [10, 2], [11, 1], [12, 8], [1, 1]] as const) {
      expect(innermostAt(file, line, col)?.id).toBe(scanInner(line, col)?.id);
    }
    expect(funcsAround(file, 6, 4).map((f) => f.kind)).toEqual(['lit', 'lit', 'func']);
    expect(outermostAt(file, 6, 4)?.id).toBe('F:A');
    expect(outermostAt(file, 11, 1)).toBeUndefined();
    // a fact appended later (a body filled in) is found, by id and by place
    const extra = { ...file.funcs.find((f) => f.id === 'F:B')!, id: 'F:C', name: 'C' };
    file.funcs.push(extra);
    expect(funcFact(file, 'F:C')).toBe(extra);
    expect(funcsAround(file, 12, 8).map((f) => f.id).sort()).toEqual(['F:B', 'F:C']);
  });
});
