import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import { RULES } from '../rules/index.js';
import { fillLazyBody, processFile, readSource } from './file.js';
import { getParser } from './parser.js';
import type { FileFacts, FuncFact } from './types.js';

const byId = (fs: FuncFact[]) => [...fs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('lazy bodies', () => {
  const root = path.resolve(fileURLToPath(import.meta.url), '../../../testdata');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.go')).sort();

  it('once filled in, give every corpus file exactly the facts of a parse without them', async () => {
    const parser = await getParser();
    let lazy = 0;
    for (const f of files) {
      const job = { abs: path.join(root, f), rel: f, explicit: true };
      const full = processFile(parser, job).facts!;
      const first = processFile(parser, { ...job, lazy: true }).facts!;
      const text = readSource(job.abs)!;
      const funcs = first.funcs.flatMap((fn) => {
        if (fn.lazy === undefined) return [fn];
        lazy++;
        const filled = fillLazyBody(parser, text, first, fn);
        expect(filled, `${f} ${fn.id}`).not.toBeNull();
        return filled!;
      });
      // the IR of a filled body joins the file's IR (in another order than a whole parse builds it)
      const irs = (x: FileFacts) => (x.ir ? { ir: [...x.ir].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) } : {});
      expect({ ...first, funcs: byId(funcs), ...irs(first) }, f).toEqual({ ...full, funcs: byId(full.funcs), ...irs(full) });
    }
    expect(lazy).toBeGreaterThan(20);
  });

  it('are filled in when a rule follows a call into one; one that cannot be filled counts as opaque', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'goleash-lazy-'));
    try {
      writeFileSync(
        path.join(dir, 'a.go'),
        `package p

import "context"

type S struct{ ch chan int }

func start(ctx context.Context, s *S) {
	go s.loop(ctx)
}

func (s *S) loop(ctx context.Context) {
	wait(s.ch)
}

func unused(ctx context.Context) {
	wait(nil)
}

func wait(ch chan int) { <-ch }
`,
      );
      const parser = await getParser();
      const facts = processFile(parser, { abs: path.join(dir, 'a.go'), rel: 'a.go', explicit: true, lazy: true }).facts!;
      expect(facts.funcs.filter((f) => f.lazy !== undefined).map((f) => f.id)).toEqual(['M:S.loop', 'F:unused']);
      const judge = (program: Program, file: FileFacts) => {
        const out: string[] = [];
        for (const rule of RULES) rule.check({ file, fact: file.gos[0]! }, program, (f) => out.push(`${rule.meta.id} ${f.range.start.line}:${f.range.start.col}`));
        return out;
      };
      const copy = () => JSON.parse(JSON.stringify(facts)) as FileFacts;
      const filledIn = copy();
      const program = new Program(dir, [filledIn], undefined, (file, fn) => fillLazyBody(parser, readSource(path.join(dir, file.path))!, file, fn));
      expect(judge(program, filledIn)).toEqual(['ctx-done-missing 8:2']);
      // only the body the rule followed into was parsed again
      expect(program.filled).toBe(1);
      expect(filledIn.funcs.find((f) => f.id === 'F:unused')!.lazy).toBeDefined();
      const opaque = copy();
      expect(judge(new Program(dir, [opaque]), opaque)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
