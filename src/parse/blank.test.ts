import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mutate } from '../fuzz.js';
import { rng } from '../util/rng.js';
import { blankPlainBodies, originalOffset, type Cuts } from './blank.js';
import { extractFacts, plainBody } from './facts.js';
import { getParser } from './parser.js';

const SRC = `package p

import "context"

// Plain has braces in strings, runes, comments and raw strings: { } { }
func Plain(m map[string]int) int {
	s := "}{" + \`}
{\` + string('{') // }
	/* } */
	return m[s]
}

func (r *recv) Method(x struct{ A int }) interface{ M() } {
	return nil
}

func Generic[T interface{ ~int }](xs []T) T { var z T; return z }

func asm(x int) int

func asmToo(x int) int // implemented in assembly.
var table = map[string]int{
	"a": 1,
}

func Uses(ctx context.Context) { _ = ctx }

func Sends(ch chan int) { ch <- 1 }

func Loops(q []int) {
	for {
		_ = q
	}
}

func Field(s *recv) int {
	n := 0
	for _, x := range s.items {
		n += x
	}
	return n
}

var f = func() int {
	return 1
}

type recv struct{ items []int }
`;

function bodyOf(text: string, name: string): string {
  const at = text.indexOf(`${name}`);
  const open = text.indexOf('{\n', at) >= 0 && text.indexOf('{\n', at) < text.indexOf('\n}', at) ? text.indexOf('{\n', at) : text.indexOf('{', at);
  return text.slice(open, text.indexOf('\n}', at) + 2);
}

describe('blankPlainBodies', () => {
  const out = blankPlainBodies(SRC, plainBody);

  it('keeps the length and every line break, so offsets, lines and columns stay put', () => {
    expect(out.length).toBe(SRC.length);
    for (let i = 0; i < SRC.length; i++) if (SRC[i] === '\n') expect(out[i]).toBe('\n');
  });

  it('blanks plain bodies, braces in literals and comments included, and keeps the braces of the body', () => {
    const plain = bodyOf(out, 'func Plain');
    expect(plain.startsWith('{')).toBe(true);
    expect(plain.endsWith('\n}')).toBe(true);
    expect(plain.slice(1, -1).trim()).toBe('');
    expect(out).toMatch(/func \(r \*recv\) Method\(x struct\{ A int \}\) interface\{ M\(\) \} \{\n {11}\n\}/);
    expect(out).toMatch(/func Generic\[T interface\{ ~int \}\]\(xs \[\]T\) T \{ {19}\}/);
  });

  it('keeps bodies that mention a context, a channel, a loop forever or a range over a field, and func literals', () => {
    for (const kept of ['func Uses(ctx context.Context) { _ = ctx }', 'func Sends(ch chan int) { ch <- 1 }', 'for {\n\t\t_ = q', 'range s.items', 'var f = func() int {\n\treturn 1\n}', 'type recv struct{ items []int }', 'func asm(x int) int\n', '{\n\t"a": 1,\n}']) {
      expect(out).toContain(kept);
    }
  });

  it('gives a tree without errors that declares the same functions at the same places', async () => {
    const parser = await getParser();
    const a = parser.parse(SRC)!;
    const b = parser.parse(out)!;
    try {
      expect(a.rootNode.hasError).toBe(false);
      expect(b.rootNode.hasError).toBe(false);
      const decls = (t: typeof a) =>
        t.rootNode.namedChildren.map((c) => `${c!.type}@${c!.startIndex}-${c!.endIndex}:${c!.childForFieldName('name')?.text ?? ''}`);
      expect(decls(b)).toEqual(decls(a));
    } finally {
      a.delete();
      b.delete();
    }
  });

  it('returns the text itself when nothing is plain, and survives unterminated input', () => {
    expect(blankPlainBodies(SRC, () => false)).toBe(SRC);
    for (const bad of ['func f() {', 'func f() { "', 'func f() { `', 'func', 'func f(', '}}}func f() {}']) {
      expect(blankPlainBodies(bad, plainBody).length).toBe(bad.length);
    }
  });
});

describe('blankPlainBodies over the corpus', () => {
  const root = path.resolve(fileURLToPath(import.meta.url), '../../../testdata');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.go')).sort();
  const texts = files.map((f) => readFileSync(path.join(root, f), 'utf8'));

  it('leaves every corpus file with the same top-level declarations, at the same places, and no syntax error', async () => {
    const parser = await getParser();
    let blankedFiles = 0;
    for (const [i, src] of texts.entries()) {
      const out = blankPlainBodies(src, plainBody);
      if (out !== src) blankedFiles++;
      const a = parser.parse(src)!;
      const b = parser.parse(out)!;
      try {
        const decls = (t: typeof a) => t.rootNode.namedChildren.map((c) => `${c!.type}@${c!.startIndex}-${c!.endIndex}`);
        expect(b.rootNode.hasError, files[i]).toBe(a.rootNode.hasError);
        expect(decls(b), files[i]).toEqual(decls(a));
      } finally {
        a.delete();
        b.delete();
      }
    }
    expect(blankedFiles).toBeGreaterThan(5);
  });

  it('cuts the same bodies out instead, mapping every offset of the shorter text back, with the same facts', async () => {
    const parser = await getParser();
    let cutFiles = 0;
    for (const [i, src] of texts.entries()) {
      const cuts: Cuts = { at: [], shift: [] };
      const out = blankPlainBodies(src, plainBody, cuts);
      if (cuts.at.length > 0) cutFiles++;
      expect(out.length + (cuts.shift.at(-1) ?? 0), files[i]).toBe(src.length);
      for (let c = 0; c < out.length; c++) if (out[c] !== src[originalOffset(cuts, c)]) expect.fail(`${files[i]}: offset ${c} maps wrong`);
      // each cut leaves `{}` where the body was
      for (const at of cuts.at) expect(out.slice(at - 1, at + 1)).toBe('{}');
      const spaced = parser.parse(blankPlainBodies(src, plainBody))!;
      const cut = parser.parse(out)!;
      try {
        const opts = { path: files[i]!, validUtf8: true, generated: false };
        expect(extractFacts(cut, src, { ...opts, cuts }), files[i]).toEqual(extractFacts(spaced, src, opts));
      } finally {
        spaced.delete();
        cut.delete();
      }
    }
    expect(cutFiles).toBeGreaterThan(5);
  });

  it('keeps length and line breaks, and changes only the insides of braces, on mutated input (seeded)', () => {
    const r = rng(20261125);
    const inputs = texts.map((t) => Buffer.from(t));
    const blank = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';
    for (let k = 0; k < 400; k++) {
      const src = mutate(inputs, r).data.toString('utf8');
      const out = blankPlainBodies(src, plainBody);
      expect(out.length).toBe(src.length);
      for (let i = 0; i < src.length; i++) {
        if (out[i] === src[i]) continue;
        expect(src[i]).not.toBe('\n');
        expect(out[i]).toBe(' ');
        // the blanked stretch around this character (changed or white space) lies between `{` and `}`
        let a = i;
        while (a > 0 && (out[a - 1] !== src[a - 1] || blank(src[a - 1]))) a--;
        let b = i;
        while (b < src.length && (out[b] !== src[b] || blank(src[b]))) b++;
        expect(src[a - 1]).toBe('{');
        expect(src[b]).toBe('}');
        i = b;
      }
    }
  });
});
