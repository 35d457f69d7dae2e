import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { extractFacts } from './facts.js';
import { renameNewExprCalls, processFile } from './file.js';
import { getParser } from './parser.js';

async function facts(src: string) {
  const p = await getParser();
  const tree = p.parse(src)!;
  try {
    return { hasError: tree.rootNode.hasError, facts: extractFacts(tree, src, { path: 'a.go', validUtf8: true, generated: false }) };
  } finally {
    tree.delete();
  }
}

describe('tree-sitter-go grammar', () => {
  it('loads once and is reused', async () => {
    expect(await getParser()).toBe(await getParser());
  });

  it('reads a fluent method chain of 300 calls (each operand is classified once, not once per use)', () => {
    // e2e test DSLs chain dozens of calls (Given(t).Path(p).When().Sync().Then().Expect(...)...); classifying each
    // operand twice per level once made a 30-call chain in argo-cd take forever. A loop that never ends cannot
    // be stopped inside this process, so the built extractor runs in a child process, stopped after 5 minutes: a
    // limit that only catches the endless case (it takes about a second), like the test timeout in vitest.config.ts.
    const chain = Array.from({ length: 300 }, (_, i) => `Step${i}(ch)`).join('.\n\t\t');
    const src = `package x\n\nimport "context"\n\nfunc TestFlow(ctx context.Context, ch chan int) {\n\tGiven(ctx).\n\t\t${chain}\n\tgo func() { ch <- 1 }()\n}\n`;
    const dist = fileURLToPath(new URL('../../dist/parse/', import.meta.url));
    const script = `
      const { getParser } = await import(${JSON.stringify(dist + 'parser.js')});
      const { extractFacts } = await import(${JSON.stringify(dist + 'facts.js')});
      const src = ${JSON.stringify(src)};
      const tree = (await getParser()).parse(src);
      const f = extractFacts(tree, src, { path: 'a.go', validUtf8: true, generated: false });
      const flow = f.funcs.find((x) => x.id === 'F:TestFlow');
      console.log(tree.rootNode.hasError, flow.calls.filter((c) => c.callee.k === 'method' && /^Step/.test(c.callee.name)).length, f.gos.length);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 300_000, encoding: 'utf8' });
    expect(r.error?.message, 'the extractor did not finish within 5 minutes').toBeUndefined();
    expect(r.stdout.trim()).toBe('false 300 1');
  });

  it('parses current Go: generics, generic receivers, range over int, min/max', async () => {
    const src = `package x

type Set[T comparable] struct{ m map[T]struct{} }

func (s *Set[T]) Add(v T) { s.m[v] = struct{}{} }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func F() int {
	n := 0
	for i := range 10 {
		n += min(i, 3) + max(i, 1)
	}
	for range 3 {
	}
	return n
}
`;
    const r = await facts(src);
    expect(r.hasError).toBe(false);
    expect(r.facts.funcs.map((f) => f.id)).toEqual(['M:Set.Add', 'F:Map', 'F:F']);
    expect(r.facts.errors).toEqual([]);
  });

  it('reports syntax errors with positions and keeps the sound parts', async () => {
    const r = await facts('package x\n\nfunc A() {}\n\nfunc B( {\n');
    expect(r.facts.errors.length).toBeGreaterThan(0);
    expect(r.facts.errors[0]!.range.start.line).toBe(5);
    expect(r.facts.funcs.map((f) => f.id)).toContain('F:A');
  });
});

describe('facts', () => {
  it('records go statements, ctx params, observations, blocking operations with UTF-16 and byte columns', async () => {
    const src = `package x

import c "context"

func W(ctx c.Context, ch chan int) {
	s := "é"; ch <- len(s)
	<-ctx.Done()
}

func P(ctx c.Context, ch chan int) {
	go W(ctx, ch)
}
`;
    const { facts: f } = await facts(src);
    const w = f.funcs.find((x) => x.id === 'F:W')!;
    expect(w.params.map((p) => [p.name, p.type.k])).toEqual([
      ['ctx', 'ctx'],
      ['ch', 'chan'],
    ]);
    expect(w.observes).toEqual(['F:W:ctx']);
    expect(w.blocks.map((b) => [b.kind, b.text, b.range.start.line, b.range.start.col, b.range.start.bcol])).toEqual([
      ['send', 'ch <- len(s)', 6, 12, 13],
    ]);
    expect(f.gos).toHaveLength(1);
    expect(f.gos[0]!.callee).toEqual({ k: 'func', name: 'W' });
    expect(f.gos[0]!.args.map((a) => a.ctx ?? a.text)).toEqual(['F:P:ctx', 'ch']);
    expect(f.gos[0]!.range.start).toEqual({ line: 11, col: 2, bcol: 2 });
  });
});

describe('Go 1.26 new(expr)', () => {
  it('is parsed again with the call renamed, so the function around it keeps its facts and no error is reported', async () => {
    const src = `package x

import "context"

type T struct{ n *int }

func Leak(ctx context.Context, ch chan int) {
	t := T{n: new(int64(500))}
	_ = new(*t.n)
	p := new([]int)
	_ = p
	go func() {
		_ = ctx
		ch <- 1
	}()
}
`;
    const dir = mkdtempSync(path.join(tmpdir(), 'goleash-new-'));
    writeFileSync(path.join(dir, 'a.go'), src);
    const p = await getParser();
    expect(p.parse(src)!.rootNode.hasError).toBe(true);
    const r = processFile(p, { abs: path.join(dir, 'a.go'), rel: 'a.go', explicit: true });
    expect(r.notes).toEqual([]);
    expect(r.facts!.funcs.map((f) => f.id)).toContain('F:Leak');
    expect(r.facts!.gos.map((g) => [g.range.start.line, g.range.start.col])).toEqual([[12, 2]]);
  });

  it('keeps the bodies left out of the parse: the cut text is parsed again renamed, not the whole file', async () => {
    const src = `package x

import "context"

func id(n int64) *int64 {
	for i := 0; i < 3; i++ {
		n += int64(i)
	}
	return new(n + 1)
}

func Leak(ctx context.Context, ch chan int) {
	_ = new(int64(500))
	go func() {
		_ = ctx
		ch <- 1
	}()
}
`;
    const dir = mkdtempSync(path.join(tmpdir(), 'goleash-new-'));
    writeFileSync(path.join(dir, 'a.go'), src);
    const p = await getParser();
    const parsed: number[] = [];
    const parse = p.parse.bind(p);
    const spy = vi.spyOn(p, 'parse').mockImplementation((text, ...rest) => {
      parsed.push(String(text).length);
      return parse(text, ...rest);
    });
    try {
      const r = processFile(p, { abs: path.join(dir, 'a.go'), rel: 'a.go', explicit: false, lazy: true });
      expect(r.notes).toEqual([]);
      expect(r.facts!.gos.map((g) => [g.range.start.line, g.range.start.col])).toEqual([[14, 2]]);
      // twice, both times without the body of id: as written (an error), then with new(expr) renamed
      expect(parsed).toHaveLength(2);
      expect(parsed.every((n) => n < src.length)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('renames only calls whose argument is not a type literal, keeping every offset', () => {
    const src = 'a := new(int64(5)); b := new([]int); c := x.new(1); d := new(map[string]int); e := renew(1); f := new([4]byte{1, 2}); g := new([][]*T)';
    const out = renameNewExprCalls(src);
    expect(out.length).toBe(src.length);
    expect(out).toBe('a := neW(int64(5)); b := new([]int); c := x.new(1); d := new(map[string]int); e := renew(1); f := neW([4]byte{1, 2}); g := new([][]*T)');
  });
});
