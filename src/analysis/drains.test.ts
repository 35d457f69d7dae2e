// Drain summaries: whether each function of a small package reads the channel it is handed until it is closed,
// itself, through helpers, transformers and goroutines.
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import { extractFacts } from '../parse/facts.js';
import { getParser } from '../parse/parser.js';
import { irOf } from './goroutines.js';
import { drains } from './drains.js';

const SRC = `package p

func all(in <-chan int) {
	for range in {
	}
}

func okLoop(in <-chan int) {
	for {
		v, ok := <-in
		if !ok {
			return
		}
		_ = v
	}
}

func first(in <-chan int) int {
	for v := range in {
		return v
	}
	return 0
}

func maybe(in <-chan int, skip bool) {
	if skip {
		return
	}
	all(in)
}

func inGoroutine(in <-chan int) {
	go func() {
		for range in {
		}
	}()
}

func viaHelper(in <-chan int) { go all(in) }

func workers(in <-chan int) {
	const n = 8
	for i := 0; i < n; i++ {
		go all(in)
	}
}

func someWorkers(in <-chan int, n int) {
	for i := 0; i < n; i++ {
		go all(in)
	}
}

func double(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			out <- v * 2
		}
	}()
	return out
}

func chain(in <-chan int) <-chan int { return double(double(in)) }

func chained(in <-chan int) {
	go all(chain(in))
}

func chainFirst(in <-chan int) int { return <-chain(in) }

func chainRange(in <-chan int) {
	for range chain(in) {
	}
}

func countdown(in <-chan int, n int) {
	if n == 0 {
		all(in)
		return
	}
	countdown(in, n-1)
}

`;

async function program(): Promise<Program> {
  const tree = (await getParser()).parse(SRC)!;
  try {
    return new Program('/x', [extractFacts(tree, SRC, { path: 'p.go', validUtf8: true, generated: false })]);
  } finally {
    tree.delete();
  }
}

describe('drain summaries', () => {
  it('tell the functions that read a parameter until it is closed on every path', async () => {
    const p = await program();
    const file = [...p.packages.values()][0]!.files[0]!;
    const of = (id: string, i = 0) => drains(p).param({ fn: irOf(file, id)!, file }, i);
    expect(of('F:all')).toBe('yes');
    expect(of('F:okLoop')).toBe('yes');
    // a way out of the loop before the close
    expect(of('F:first')).toBe('no');
    // a path that never reads it
    expect(of('F:maybe')).toBe('no');
    expect(of('F:inGoroutine')).toBe('yes');
    expect(of('F:viaHelper')).toBe('yes');
    // workers started in a loop that runs at least once, or maybe never
    expect(of('F:workers')).toBe('yes');
    expect(of('F:someWorkers')).toBe('no');
    // a transformer reads as fast as its output is read; a chain of them returned relays too
    expect(of('F:double')).toBe('relay');
    expect(of('F:chain')).toBe('relay');
    // the end of the chain drained, or read once
    expect(of('F:chained')).toBe('yes');
    expect(of('F:chainRange')).toBe('yes');
    expect(of('F:chainFirst')).toBe('no');
    // recursion: every path ends in the draining branch
    expect(of('F:countdown')).toBe('yes');
    // not a channel parameter
    expect(of('F:maybe', 1)).toBe('no');
  });
});
