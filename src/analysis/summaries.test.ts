// Channel-parameter summaries: what each function of a small package may do with the channel it is handed,
// through helpers, recursion, mutual recursion, literals and code goleash cannot see.
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import { extractFacts } from '../parse/facts.js';
import { getParser } from '../parse/parser.js';
import { irOf } from './goroutines.js';
import { summaries, type ChanUse } from './summaries.js';

const SRC = `package p

func feed(out chan<- int, items []int) {
	for _, it := range items {
		out <- it
	}
}

func feedAll(out chan<- int, batches [][]int) {
	if len(batches) == 0 {
		return
	}
	feed(out, batches[0])
	feedAll(out, batches[1:])
}

func ping(ch chan int, n int) {
	if n > 0 {
		pong(ch, n-1)
	}
}

func pong(ch chan int, n int) {
	ping(ch, n)
	close(ch)
}

func drain(in <-chan int) {
	go func() {
		for range in {
		}
	}()
}

func keep(ch chan int, sink func(chan int)) { sink(ch) }

var global chan int

func store(ch chan int) { global = ch }

func opaque(v interface{}) {}

func wrap(ch chan int) { opaque(ch) }
`;

async function program(): Promise<Program> {
  const tree = (await getParser()).parse(SRC)!;
  try {
    return new Program('/x', [extractFacts(tree, SRC, { path: 'p.go', validUtf8: true, generated: false })]);
  } finally {
    tree.delete();
  }
}

const use = (s: string): ChanUse => ({ sends: s.includes('s'), recvs: s.includes('r'), closes: s.includes('c'), escapes: s.includes('e') });

describe('channel-parameter summaries', () => {
  it('reach a fixed point through helpers, recursion and literals', async () => {
    const p = await program();
    const file = [...p.packages.values()][0]!.files[0]!;
    const of = (id: string, i = 0) => summaries(p).param({ fn: irOf(file, id)!, file }, i);
    expect(of('F:feed')).toEqual(use('s'));
    expect(of('F:feedAll')).toEqual(use('s'));
    // mutual recursion: ping learns from pong that the channel gets closed
    expect(of('F:ping')).toEqual(use('c'));
    expect(of('F:pong')).toEqual(use('c'));
    // a goroutine started with a literal that ranges over the parameter
    expect(of('F:drain')).toEqual(use('r'));
    // handed to a func value, stored in a global, passed as interface{}: unknown from there on
    expect(of('F:keep')).toEqual(use('e'));
    expect(of('F:store')).toEqual(use('e'));
    expect(of('F:wrap').escapes).toBe(true);
    // not a channel parameter: nothing is claimed
    expect(of('F:feed', 1)).toEqual(use('srce'));
  });
});
