// Sends settled by count (src/analysis/settle.ts): per go statement and channel, a yes or no that every send the
// parent's goroutines can make finds a buffer slot or a receive of the parent on every path out of it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import { processFile } from '../parse/file.js';
import { getParser } from '../parse/parser.js';
import type { FileFacts } from '../parse/types.js';
import { irOf } from './goroutines.js';
import { sendsSettled } from './settle.js';

const SRC = `package p

func work() int { return 1 }

func both() (int, int) {
	ch := make(chan int)
	go func() { ch <- work() }()
	go func() { ch <- work() }()
	return <-ch, <-ch
}

func short() int {
	ch := make(chan int)
	go func() { ch <- work() }()
	go func() { ch <- work() }()
	return <-ch
}

func early(skip bool) int {
	ch := make(chan int)
	go func() { ch <- work() }()
	if skip {
		return 0
	}
	return <-ch
}

func earlyBuffered(skip bool) int {
	ch := make(chan int, 1)
	go func() { ch <- work() }()
	if skip {
		return 0
	}
	return <-ch
}

func twiceIntoOne() {
	ch := make(chan int, 1)
	go func() {
		ch <- work()
		ch <- work()
	}()
}

func oneIntoOne() {
	ch := make(chan int, 1)
	go func() {
		ch <- work()
	}()
}

func loopSends() int {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
	return <-ch
}

func loopDrained() int {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
		close(ch)
	}()
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

func handed(f func(chan int)) int {
	ch := make(chan int)
	go func() { ch <- work() }()
	f(ch)
	return <-ch
}

func parentSendsToo() {
	ch := make(chan int, 1)
	go func() { ch <- work() }()
	ch <- 0
}

func parentSendsAndTakes() int {
	ch := make(chan int, 1)
	go func() { ch <- work() }()
	ch <- 0
	return <-ch
}

func forever(other chan int) {
	ch := make(chan int)
	go func() { ch <- work() }()
	for {
		<-other
	}
}

func sender(ch chan int) { ch <- work() }

func passed() int {
	ch := make(chan int)
	go sender(ch)
	return <-ch
}

func deferClosed(fail bool) int {
	ch := make(chan int)
	defer close(ch)
	go func() { ch <- work() }()
	if fail {
		return 0
	}
	return <-ch
}

func closedAfter(fail bool) int {
	ch := make(chan int)
	go func() { ch <- work() }()
	if fail {
		return 0
	}
	defer close(ch)
	return <-ch
}

type box struct {
	out chan int
}

func newBox() *box { return &box{out: make(chan int)} }

func (b *box) fill() { b.out <- work() }

func (b *box) take() int {
	go b.fill()
	return <-b.out
}

type shared struct {
	out chan int
}

func newShared() *shared { return &shared{out: make(chan int)} }

func (s *shared) fill() { s.out <- work() }

func (s *shared) take() int {
	go s.fill()
	return <-s.out
}

func (s *shared) startOnly() { go s.fill() }
`;

async function load(): Promise<{ p: Program; file: FileFacts }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goleash-settle-'));
  try {
    const abs = path.join(dir, 'p.go');
    fs.writeFileSync(abs, SRC);
    const r = processFile(await getParser(), { abs, rel: 'p.go', explicit: true });
    const p = new Program('/x', [r.facts!]);
    return { p, file: [...p.packages.values()][0]!.files[0]! };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('sends settled by count', () => {
  it('answers per go statement of each function, counting sends against receives on every path', async () => {
    const { p, file } = await load();
    /** for each go statement of `fn` (in order): is every send on its channel `ch` settled */
    const settled = (fn: string, ch: string): boolean[] =>
      file.gos
        .filter((g) => g.parent === fn)
        .map((g) => {
          const ir = irOf(file, fn)!;
          const key = ch.startsWith('field:') ? ch : Object.keys(ir.vars).find((id) => ir.vars[id]!.name === ch)!;
          return sendsSettled(file, g, key, p);
        });
    // two sends, two receives on the one path
    expect(settled('F:both', 'ch')).toEqual([true, true]);
    // two sends, one receive: neither goroutine is sure to be the one received
    expect(settled('F:short', 'ch')).toEqual([false, false]);
    // a return before the receive, without a buffer / with a buffer that holds the one send
    expect(settled('F:early', 'ch')).toEqual([false]);
    expect(settled('F:earlyBuffered', 'ch')).toEqual([true]);
    // a buffer of one: one send fits, two do not
    expect(settled('F:oneIntoOne', 'ch')).toEqual([true]);
    expect(settled('F:twiceIntoOne', 'ch')).toEqual([false]);
    // sends in a loop against one receive; against a range that drains the channel
    expect(settled('F:loopSends', 'ch')).toEqual([false]);
    expect(settled('F:loopDrained', 'ch')).toEqual([true]);
    // handed to a call that may send or receive: not counted
    expect(settled('F:handed', 'ch')).toEqual([false]);
    // the parent's own send takes the buffer slot the goroutine needs; with a receive after it, both fit
    expect(settled('F:parentSendsToo', 'ch')).toEqual([false]);
    expect(settled('F:parentSendsAndTakes', 'ch')).toEqual([true]);
    // the parent never returns and never receives: the send waits forever
    expect(settled('F:forever', 'ch')).toEqual([false]);
    // a deferred close on the path out: a send still waiting panics instead of blocking; a close deferred only
    // after the early return does not help that return
    expect(settled('F:deferClosed', 'ch')).toEqual([true]);
    expect(settled('F:closedAfter', 'ch')).toEqual([false]);
    // passed as an argument: counted through the parameter
    expect(settled('F:passed', 'ch')).toEqual([true]);
    // a field's channel: the method the parent starts on its own receiver sends once, the parent receives once
    expect(settled('M:box.take', 'field:box.out')).toEqual([true]);
    // the same, but another method also starts the sender without receiving: its sends are not counted
    expect(settled('M:shared.take', 'field:shared.out')).toEqual([false]);
  });
});
