// Field channels, one identity per T.f across a package: makes, writes from elsewhere, sends, receives, closes,
// and the ways a field's channel gets away (a call, a copy, a return, a store, an exported field, a body the
// parse left out that hands it on).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import { processFile } from '../parse/file.js';
import { getParser } from '../parse/parser.js';
import { fieldUse, neverClosedField, neverFires } from './fields.js';

const SRC = `package p

type conn struct {
	outbox chan int
	stop   chan struct{}
	in     chan int
	Out    chan int
	handed chan int
	copied chan int
	back   chan int
	shown  chan int
	given  <-chan struct{}
}

type notifier interface{ CloseNotify() <-chan struct{} }

type wrapper struct {
	*conn
}

func newConn(in chan int) *conn {
	c := &conn{outbox: make(chan int), stop: make(chan struct{}), in: in, Out: make(chan int)}
	c.handed = make(chan int)
	c.copied = make(chan int)
	c.back = make(chan int)
	go c.loop()
	return c
}

func (c *conn) loop() {
	for {
		select {
		case v := <-c.outbox:
			_ = v
		case <-c.stop:
			return
		}
	}
}

func (c *conn) send(v int) { c.outbox <- v }

func (w *wrapper) closeIn() { close(w.in) }

func (c *conn) pass(done chan struct{}) {
	hold(c.handed)
	<-done
}

func hold(ch chan int) { go func() { close(ch) }() }

func (c *conn) copy() {
	ch := c.copied
	close(ch)
}

func (c *conn) backCh() chan int { return c.back }

func (c *conn) Shown() chan int { return c.shown }

func newGiven(n notifier) *conn {
	return &conn{given: n.CloseNotify()}
}

func (c *conn) Register(r func(int)) { r(len(c.outbox)) }

func (c *conn) plain(x *conn) {
	x.stop2 = c.stop
}
`;

async function program(lazy = false): Promise<Program> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goleash-fields-'));
  try {
    const abs = path.join(dir, 'p.go');
    fs.writeFileSync(abs, SRC);
    const r = processFile(await getParser(), { abs, rel: 'p.go', explicit: true, lazy });
    return new Program('/x', [r.facts!]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('field channels', () => {
  it('tell what the package does with each T.f', async () => {
    const p = await program();
    const file = [...p.packages.values()][0]!.files[0]!;
    const of = (f: string) => fieldUse(p, file, { pkg: '', name: 'conn' }, f)!;
    // made here, sent on and received from, never closed; len() hands nothing on
    const outbox = of('outbox');
    expect(outbox.made?.r.start.line).toBe(22);
    // len() in a body the parse leaves out reads the channel, it does not hand it on
    expect(outbox).toMatchObject({ sends: true, recvs: true, closes: false, escapes: false, adopted: false });
    expect(neverClosedField(outbox)).toBe(true);
    expect(neverFires(outbox)).toBe(false);
    // written in a body the parse leaves out (x.stop2 = c.stop hands it on): taken as handed on
    expect(of('stop').escapes).toBe(true);
    // set from a parameter, and closed through an embedding type
    expect(of('in')).toMatchObject({ adopted: true, closes: true });
    // exported: other packages reach it
    expect(of('Out').escapes).toBe(true);
    // handed to a helper whose goroutine closes it; copied into a variable that is closed
    expect(of('handed').closes).toBe(true);
    expect(of('copied').closes).toBe(true);
    // returned by an unexported method: kept apart, for the rules to weigh
    expect(of('back')).toMatchObject({ returned: true, escapes: false });
    // not a channel field, or not a field of this type: nothing is claimed
    expect(fieldUse(p, file, { pkg: '', name: 'wrapper' }, 'conn')).toBeUndefined();
    expect(fieldUse(p, file, { pkg: 'other', name: 'conn' }, 'outbox')).toBeUndefined();
  });

  it('read the same from bodies left out of the first parse (lazy) as from parsed ones', async () => {
    for (const lazy of [false, true]) {
      const p = await program(lazy);
      const file = [...p.packages.values()][0]!.files[0]!;
      const of = (f: string) => fieldUse(p, file, { pkg: '', name: 'conn' }, f)!;
      // `return c.back` in an unexported method: returned, not handed on; in an exported one, other packages get it
      expect(of('back'), `lazy=${lazy}`).toMatchObject({ returned: true, escapes: false });
      expect(of('shown').escapes, `lazy=${lazy}`).toBe(true);
      expect(of('outbox'), `lazy=${lazy}`).toMatchObject({ escapes: false });
      // set in a composite literal of a body left out of the parse: taken as set from elsewhere
      expect(of('given').escapes, `lazy=${lazy}`).toBe(true);
    }
  });
});
