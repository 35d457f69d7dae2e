import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFacts } from '../parse/facts.js';
import { getParser } from '../parse/parser.js';
import type { FileFacts } from '../parse/types.js';
import { ModuleMap } from './module.js';
import { Program } from './program.js';

async function facts(rel: string, src: string): Promise<FileFacts> {
  const tree = (await getParser()).parse(src)!;
  try {
    return extractFacts(tree, src, { path: rel, validUtf8: true, generated: false });
  } finally {
    tree.delete();
  }
}

const LIB = `package lib

import "context"

type Inner struct{ out chan int }

func (i *Inner) Emit(ctx context.Context) { i.out <- 1 }

type Outer struct {
	Inner
	worker *Worker
	ctx    context.Context
}

type Worker struct{}

func (w *Worker) Run(ctx context.Context) {}

func NewWorker() *Worker { return &Worker{} }

type Other struct{}

func (o Other) Run(ctx context.Context) { <-ctx.Done() }

func Gen[T any](ctx context.Context, v T) {}
`;

const APP = `package main

import (
	"context"
	l "example.com/m/lib"
	. "example.com/m/dot"
)

func main() {
	ctx := context.Background()
	w := l.NewWorker()
	w.Run(ctx)
	var o l.Other
	o.Run(ctx)
	var out l.Outer
	out.Emit(ctx)
	out.worker.Run(ctx)
	p := &out
	p.Emit(ctx)
	l.Gen[int](ctx, 1)
	Helper()
	var r interface{ Run(context.Context) }
	r.Run(ctx)
}
`;

describe('module index and type inference', () => {
  let program: Program;
  let app: FileFacts;
  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'goleash-idx-'));
    for (const d of ['lib', 'dot', 'cmd']) mkdirSync(path.join(root, d));
    writeFileSync(path.join(root, 'go.mod'), 'module example.com/m\n');
    const lib = await facts('lib/lib.go', LIB);
    const dot = await facts('dot/dot.go', 'package dot\n\nfunc Helper() {}\n');
    app = await facts('cmd/main.go', APP);
    const modules = new ModuleMap();
    for (const d of ['lib', 'dot', 'cmd']) modules.moduleOf(path.join(root, d));
    program = new Program(root, [lib, dot, app], modules);
  });

  it('resolves each call of main to the right declaration, or to nothing when the type is unknown', () => {
    const main = program.funcById(app, 'F:main')!;
    const resolved = main.fact.calls.map((c) => {
      const r = program.resolve(c.callee, app);
      return `${c.text} -> ${r.k === 'func' ? r.fn.gid : r.k}`;
    });
    expect(resolved).toEqual([
      'context.Background() -> external',
      'l.NewWorker() -> lib/lib.go#F:NewWorker',
      'w.Run(ctx) -> lib/lib.go#M:Worker.Run',
      'o.Run(ctx) -> lib/lib.go#M:Other.Run',
      'out.Emit(ctx) -> lib/lib.go#M:Inner.Emit',
      'out.worker.Run(ctx) -> lib/lib.go#M:Worker.Run',
      'p.Emit(ctx) -> lib/lib.go#M:Inner.Emit',
      'l.Gen[int](ctx, 1) -> lib/lib.go#F:Gen',
      'Helper() -> dot/dot.go#F:Helper',
      'r.Run(ctx) -> unknown',
    ]);
  });

  it('knows context fields and summaries', () => {
    const lib = program.packages.get('lib#lib')!;
    expect(program.isCtxField('field:Outer.ctx', lib)).toBe(true);
    expect(program.isCtxField('field:Outer.worker', lib)).toBe(false);
    const emit = lib.methods.get('Inner.Emit')!;
    expect(program.blockSite(emit)?.block.text).toBe('i.out <- 1');
    expect(program.observes(emit, emit.fact.params[0]!.key)).toBe(false);
    const other = lib.methods.get('Other.Run')!;
    expect(program.observes(other, other.fact.params[0]!.key)).toBe(true);
  });

  it('maps import paths to module directories, go.work included', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'goleash-work-'));
    mkdirSync(path.join(root, 'a'));
    mkdirSync(path.join(root, 'b'));
    writeFileSync(path.join(root, 'a/go.mod'), 'module example.com/a\n');
    writeFileSync(path.join(root, 'b/go.mod'), 'module "example.com/b"\n');
    writeFileSync(path.join(root, 'go.work'), 'go 1.22\n\nuse (\n\t./a\n\t./b // the other one\n)\n');
    const m = new ModuleMap();
    m.loadWork(root);
    expect(m.dirOf('example.com/a/x/y')).toBe(path.join(root, 'a/x/y'));
    expect(m.dirOf('example.com/b')).toBe(path.join(root, 'b'));
    expect(m.dirOf('example.com/c')).toBeNull();
  });
});
