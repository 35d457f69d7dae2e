// The peers of a channel operation: which operations of a small package can do its other half, and whether each can
// give up on it, followed through a helper's parameter, a struct field, a reply channel stored into a request.
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import type { FuncIR, Op } from '../ir/types.js';
import { extractFacts } from '../parse/facts.js';
import { getParser } from '../parse/parser.js';
import { irOf } from './goroutines.js';
import { completedByPeers, peersOf, type Hop } from './peers.js';

const SRC = `package p

import "time"

func produce(out chan<- int) {
	out <- 1
}

func collect(in <-chan int) int {
	return <-in
}

func collectOrTimeout(in <-chan int) int {
	select {
	case v := <-in:
		return v
	case <-time.After(time.Second):
		return -1
	}
}

func Gather() int {
	ch := make(chan int)
	go produce(ch)
	return collect(ch)
}

func GatherOrTimeout() int {
	ch := make(chan int)
	go produce(ch)
	return collectOrTimeout(ch)
}

func Twice() int {
	ch := make(chan int)
	go produce(ch)
	go produce(ch)
	return collect(ch)
}

type req struct {
	reply chan int
}

type server struct {
	reqs chan req
	stop chan struct{}
}

func (s *server) serve() {
	for {
		select {
		case r := <-s.reqs:
			r.reply <- 1
		case <-s.stop:
			return
		}
	}
}

func (s *server) Ask() int {
	ch := make(chan int)
	s.reqs <- req{reply: ch}
	select {
	case v := <-ch:
		return v
	case <-s.stop:
		return -1
	}
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

function goOps(fn: FuncIR): (Op & { o: 'go' })[] {
  return fn.blocks.flatMap((b) => b.ops.filter((o): o is Op & { o: 'go' } => o.o === 'go'));
}

function sendOf(fn: FuncIR): Op & { o: 'send' } {
  return fn.blocks.flatMap((b) => b.ops.filter((o): o is Op & { o: 'send' } => o.o === 'send'))[0]!;
}

describe('peers', () => {
  it('follow a channel into the helpers it is handed to, and say which can give up', async () => {
    const p = await program();
    const file = [...p.packages.values()][0]!.files[0]!;
    const produce = irOf(file, 'F:produce')!;
    const send = sendOf(produce);
    const chain = (parent: string, i = 0): Hop[] => {
      const fn = irOf(file, parent)!;
      return [{ file, fn, op: goOps(fn)[i]! }];
    };
    const gather = peersOf(p, file, send.ch, chain('F:Gather'));
    expect(gather.open).toBe(false);
    // the receive in collect (line 10), which cannot give up; and the send itself
    expect(gather.sites.map((s) => `${s.kind} ${s.r.start.line} ${s.leaves}`).sort()).toEqual(['recv 10 false', 'send 6 false']);
    expect(completedByPeers(p, file, produce, send.r.start, chain('F:Gather'), false)).toBe(true);
    // collectOrTimeout's select can take its timer case and return
    const timeout = peersOf(p, file, send.ch, chain('F:GatherOrTimeout'));
    expect(timeout.sites.filter((s) => s.kind === 'recv').map((s) => `${s.r.start.line} ${s.leaves}`)).toEqual(['15 true']);
    expect(completedByPeers(p, file, produce, send.r.start, chain('F:GatherOrTimeout'), false)).toBe(false);
    // two goroutines run the send against one receive
    const twice = peersOf(p, file, send.ch, chain('F:Twice'));
    expect(twice.multi).toBe(true);
    expect(completedByPeers(p, file, produce, send.r.start, chain('F:Twice'), false)).toBe(false);
  });

  it('take the channels stored into a field as the field\'s, with the requester waiting from its hand-off', async () => {
    const p = await program();
    const file = [...p.packages.values()][0]!.files[0]!;
    const serve = irOf(file, 'M:server.serve')!;
    const send = sendOf(serve);
    const peers = peersOf(p, file, send.ch, []);
    // Ask's select on its reply channel can leave on s.stop
    expect(peers.sites.filter((s) => s.kind === 'recv').map((s) => `${s.r.start.line} ${s.leaves} ${s.gives}`)).toEqual(['65 true true']);
    expect(peers.caps).toEqual([0]);
  });
});
