// The IR builder on small functions: the exact blocks, operations and edges.
import { describe, expect, it } from 'vitest';
import { getParser } from '../parse/parser.js';
import { processFile } from '../parse/file.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FuncIR } from './types.js';

async function irOf(src: string): Promise<FuncIR[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'goleash-ir-'));
  const abs = path.join(dir, 'a.go');
  writeFileSync(abs, src);
  const r = processFile(await getParser(), { abs, rel: 'a.go', explicit: true });
  return r.facts?.ir ?? [];
}

/** One line per block: ops, terminator and successors. */
function show(fn: FuncIR): string[] {
  const v = (x: { k: string; id?: string; text?: string }) => (x.k === 'var' ? x.id! : x.k === 'done' ? 'done' : x.text ?? x.k);
  return fn.blocks.map((b, i) => {
    const ops = b.ops.map((o) => {
      switch (o.o) {
        case 'make':
          return `make ${o.dst} ${o.cap}`;
        case 'send':
        case 'recv':
        case 'close':
          return `${o.o} ${v(o.ch)}`;
        case 'go':
        case 'call':
        case 'defer':
          return `${o.o} ${o.fn.k === 'lit' ? o.fn.id : o.fn.k === 'func' || o.fn.k === 'builtin' ? o.fn.name : o.fn.k === 'pkg' ? o.fn.pkg + '.' + o.fn.name : o.fn.k}`;
        default:
          return o.o;
      }
    });
    const t = b.term.t === 'select' ? `select(${b.term.cases.map((c) => c.kind + ' ' + v(c.ch)).join(', ')}${b.term.dflt !== undefined ? ', default' : ''})` : b.term.t === 'exit' ? `exit ${b.term.how}` : b.term.t;
    return `${i}${b.loop !== undefined ? '@' + b.loop : ''}: ${ops.join('; ')} | ${t} -> ${b.succ.join(',')}`;
  });
}

describe('IR builder', () => {
  it('builds a select with a timer case, the literal it starts, and captures by declaration', async () => {
    const ir = await irOf(`package a

import "time"

func f() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return 0
	}
}
`);
    expect(ir.map((f) => f.id)).toEqual(['L:7:5', 'F:f']);
    expect(ir[0]!.parent).toBe('F:f');
    expect(show(ir[0]!)).toEqual(['0: send ch@6:2 | end -> ', '1:  | jump -> ']);
    expect(show(ir[1]!)).toEqual([
      '0: make ch@6:2 0; go L:7:5; call time.After | select(recv ch@6:2, recv time.After(time.Second)) -> 2,4',
      '1:  | end -> ',
      '2:  | return -> ',
      '3:  | jump -> 1',
      '4:  | return -> ',
      '5:  | jump -> 1',
      '6:  | jump -> ',
    ]);
  });

  it('follows Go scoping: := redeclares only new names, an inner block shadows', async () => {
    const ir = await irOf(`package a

func g(ch chan int) {
	x, ch := 1, make(chan int)
	_ = x
	{
		ch := make(chan int, 2)
		ch <- 1
	}
	ch <- 2
}
`);
    const f = ir.find((x) => x.id === 'F:g')!;
    const ops = f.blocks.flatMap((b) => b.ops).map((o) => (o.o === 'make' ? `make ${o.dst} ${o.cap}` : o.o === 'send' ? `send ${o.ch.k === 'var' ? o.ch.id : ''}` : o.o));
    expect(ops).toEqual(['make ch@3:8 0', 'make ch@7:3 2', 'send ch@7:3', 'send ch@3:8']);
    expect(f.vars['ch@3:8']).toEqual({ name: 'ch', kind: 'param', index: 0, type: { k: 'chan' } });
  });

  it('gives loops a header with a body and a normal exit, and ranges over channels their own terminator', async () => {
    const ir = await irOf(`package a

import "testing"

func h(t *testing.T, in chan int) {
	for i := 0; i < 2; i++ {
		if i == 1 {
			break
		}
		<-in
	}
	for v := range in {
		_ = v
	}
	t.Fatal("x")
}
`);
    expect(show(ir[0]!)).toEqual([
      '0:  | jump -> 1',
      '1@1:  | loop -> 2,3',
      '2@1:  | branch -> 5,7',
      // the first loop's exit is empty: it becomes the header of the range
      '3@3:  | range -> 8,9',
      '4@1:  | jump -> 1',
      '5@1:  | jump -> 3',
      '6@1:  | jump -> 7', // unreachable, after break
      '7@1: recv in@5:22 | jump -> 4',
      '8@3:  | jump -> 3',
      '9: call method | exit fatal -> ',
      '10:  | end -> ',
      '11:  | jump -> ',
    ]);
  });

  it('takes errgroup.Group.Go for a go statement and a default for a select arm', async () => {
    const ir = await irOf(`package a

import "golang.org/x/sync/errgroup"

func k() {
	var g errgroup.Group
	ch := make(chan int)
	g.Go(func() error { ch <- 1; return nil })
	select {
	case <-ch:
	default:
	}
	_ = g.Wait()
}
`);
    const f = ir.find((x) => x.id === 'F:k')!;
    expect(show(f)[0]).toBe('0: make ch@7:2 0; go L:8:7 | select(recv ch@7:2, default) -> 2,3');
    expect(f.blocks[0]!.ops[1]).toMatchObject({ o: 'go', group: true });
  });

  it('ends a path at a call chain that starts by ending the program (zerolog), and at a logger of the API table', async () => {
    const ir = await irOf(`package a

import (
	"github.com/rs/zerolog/log"
	"github.com/sirupsen/logrus"
)

func f(ch chan error, other chan error) {
	select {
	case <-ch:
		log.Fatal().Err(nil).Msg("x")
	case err := <-other:
		logrus.Fatalf("%v", err)
	}
}
`);
    expect(show(ir[0]!)).toEqual([
      '0:  | select(recv ch@8:8, recv other@8:23) -> 2,4',
      '1:  | end -> ',
      '2: call github.com/rs/zerolog/log.Fatal; call method; call method | exit abort -> ',
      '3:  | jump -> 1',
      '4: call github.com/sirupsen/logrus.Fatalf | exit abort -> ',
      '5:  | jump -> 1',
      '6:  | jump -> ',
    ]);
  });
  it('builds a comma-ok receive loop as a range whose exit runs the if !ok body, and names ok variables', async () => {
    const ir = await irOf(`package a

func f(in chan int, out chan int) int {
	for {
		v, ok := <-in
		if !ok {
			out <- 0
			break
		}
		out <- v
	}
	w, ok := <-in
	select {
	case x, ok2 := <-in:
		_ = ok2
		return x
	default:
	}
	_ = ok
	return w
}
`);
    const f = ir[0]!;
    expect(show(f)).toEqual([
      // the loop is the entry: its body, then the if !ok body (block 3) on the way out
      '0@0:  | range -> 1,3',
      '1@0: send out@3:21 | jump -> 0',
      '2: recv in@3:8 | select(recv in@3:8, default) -> 6,8',
      '3: send out@3:21 | jump -> 2',
      '4:  | jump -> 2',
      '5:  | return -> ',
      '6:  | return -> ',
      '7:  | jump -> 5',
      '8:  | jump -> 5',
      '9:  | end -> ',
      '10:  | jump -> ',
    ]);
    expect(f.blocks[0]!.term).toMatchObject({ t: 'range', okLoop: true, ch: { k: 'var', id: 'in@3:8' } });
    expect(f.blocks[2]!.ops[0]).toMatchObject({ o: 'recv', ok: 'ok@12:5' });
    const sel = f.blocks[2]!.term;
    expect(sel.t === 'select' && sel.cases[0]!.ok).toBe('ok2@14:10');
  });

  it('keeps a comma-ok loop whose if !ok body does more than leave an ordinary loop', async () => {
    const ir = await irOf(`package a

func f(in chan int) {
	for {
		v, ok := <-in
		if !ok {
			continue
		}
		_ = v
	}
}
`);
    expect(ir[0]!.blocks.some((b) => b.term.t === 'range')).toBe(false);
  });

  it('records a ctx and its cancel function stored into struct fields, and the field a variable is stored into', async () => {
    const ir = await irOf(`package a

import "context"

type S struct {
	ctx    context.Context
	cancel context.CancelFunc
	stop   context.CancelFunc
}

func (s *S) start(parent context.Context) *S {
	s.ctx, s.cancel = context.WithCancel(parent)
	var ctx context.Context
	ctx, s.stop = context.WithCancel(parent)
	c2, cancel := context.WithCancel(ctx)
	t := &S{ctx: c2, cancel: cancel}
	go func() { <-s.ctx.Done() }()
	return t
}
`);
    const fn = ir.find((f) => f.id === 'M:S.start')!;
    const ops = fn.blocks.flatMap((b) => b.ops);
    const field = (v: { k: string; name?: string; owner?: { name: string } } | undefined) => (v && v.k === 'field' ? `${v.owner?.name ?? '?'}.${v.name}` : undefined);
    expect(ops.filter((o) => o.o === 'ctxfield').map((o) => o.o === 'ctxfield' && [field(o.field), field(o.cancelField), o.derive])).toEqual([['S.ctx', 'S.cancel', 'WithCancel']]);
    expect(ops.filter((o) => o.o === 'assign' && o.derive).map((o) => o.o === 'assign' && [o.dst.split('@')[0], field(o.cancelField) ?? o.cancel?.split('@')[0]])).toEqual([
      ['ctx', 'S.stop'],
      ['c2', 'cancel'],
    ]);
    // (the key ctx also names a variable: kept as a use, since a named type's literal may be a map's)
    expect(ops.filter((o) => o.o === 'escape').map((o) => o.o === 'escape' && [o.v.split('@')[0], o.how, field(o.into)])).toEqual([
      ['ctx', 'store', undefined],
      ['c2', 'store', 'S.ctx'],
      ['cancel', 'store', 'S.cancel'],
    ]);
  });

  it('counts the iterations of a loop with constant bounds only while its body cannot change them', async () => {
    const src = `package p

func f(in chan int, stop bool) {
	for i := 0; i < 2; i++ {
		in <- i
	}
	for i := 1; i <= 3; i++ {
		in <- i
	}
	for i := 0; i < 2; i++ {
		if stop {
			i--
		}
		in <- i
	}
	for i := 0; i < 2; i++ {
		p := &i
		in <- *p
	}
	for i := 0; i < 100; i++ {
		in <- i
	}
	for i := 0; i < 2; i += 1 {
		in <- i
	}
}
`;
    const fn = (await irOf(src)).find((x) => x.id === 'F:f')!;
    const loops = fn.blocks.flatMap((b) => (b.term.t === 'loop' ? [`${b.term.r.start.line}:${b.term.times ?? '-'}`] : []));
    expect(loops).toEqual(['4:2', '7:3', '10:-', '16:-', '20:-', '23:-']);
  });

  it('marks counted loops that run at least once, and where a call of the module hands its result', async () => {
    const src = `package p

const width = 3

func f(in chan int, n int) (chan int, error) {
	const k = 4
	for i := 0; i < k; i++ {
		go g(in)
	}
	for i := 0; i < n; i++ {
		go g(in)
	}
	for range width {
		go g(in)
	}
	for i := 5; i < k; i++ {
		go g(in)
	}
	out, err := h(in)
	for v := range h2(h(out)) {
		_ = v
	}
	return h(in), err
}

func g(c chan int)                   {}
func h(c chan int) (chan int, error) { return c, nil }
func h2(c chan int) chan int         { return c }
`;
    const fn = (await irOf(src)).find((x) => x.id === 'F:f')!;
    const loops = fn.blocks.flatMap((b) => (b.term.t === 'loop' ? [`${b.term.r.start.line}:${b.term.once ? 'once' : '-'}${b.term.times ? ' x' + b.term.times : ''}${b.term.call ? ' over ' + b.term.call : ''}`] : []));
    expect(loops).toEqual(['7:once x4', '10:-', '13:once x3', '16:-', '20:- over 20:17']);
    const calls = fn.blocks.flatMap((b) => b.ops.flatMap((o) => (o.o === 'call' ? [`${o.r.start.line}:${o.r.start.col} ${o.fn.k === 'func' ? o.fn.name : ''} ${JSON.stringify(o.args.map((a) => (a.k === 'expr' ? a.call : a.k)))} res=${JSON.stringify(o.res ?? null)} ret=${o.ret ?? '-'}`] : [])));
    expect(calls).toEqual([
      '19:14 h ["var"] res=["out@19:2","err@19:7"] ret=-',
      '20:20 h ["var"] res=null ret=-',
      '20:17 h2 ["20:20"] res=null ret=-',
      '23:9 h ["var"] res=null ret=0',
    ]);
  });

  it('marks a call whose results its statement discards as dropped, and no other call', async () => {
    const ir = await irOf(`package p
func mk() chan int { c := make(chan int); go func() { c <- 1 }(); return c }
func use(done chan struct{}) {
	mk()
	_ = len(mk())
	x := mk()
	go mk()
	defer mk()
	<-x
	close(done)
}
`);
    const fn = ir.find((f) => f.id === 'F:use')!;
    const calls = fn.blocks.flatMap((b) => b.ops).filter((o) => o.o === 'call' && o.fn.k === 'func');
    expect(calls.map((o) => o.o === 'call' && [o.r.start.line, !!o.dropped])).toEqual([
      [4, true],
      [5, false],
      [6, false],
    ]);
  });
  it('marks a slice that only gets fresh channels, its indexed send, and the variables of a range over it', async () => {
    const ir = await irOf(`package a

func f(xs []int) {
	chs := make([]chan int, 0, len(xs))
	other := []chan int{}
	for i, x := range xs {
		chs = append(chs, make(chan int))
		other = append(other, make(chan int))
		go func(k, v int) { chs[k] <- v }(i, x)
	}
	other[0] = nil
	for _, ch := range chs {
		<-ch
	}
}
`);
    const f = ir.find((x) => x.id === 'F:f')!;
    expect(f.vars['chs@4:2']?.chanSlice).toBe(true);
    expect(f.vars['other@5:2']?.chanSlice).toBeUndefined(); // also written by index
    const loops = f.blocks.flatMap((b) => (b.term.t === 'loop' ? [b.term] : []));
    expect(loops.map((t) => t.t === 'loop' && [t.over, t.key, t.value])).toEqual([
      ['xs@3:8', 'i@6:6', 'x@6:9'],
      ['chs@4:2', undefined, 'ch@12:9'],
    ]);
    const lit = ir.find((x) => x.id.startsWith('L:'))!;
    const send = lit.blocks.flatMap((b) => b.ops).find((o) => o.o === 'send');
    expect(send?.o === 'send' && send.ch).toEqual({ k: 'expr', text: 'chs[k]', elem: { of: 'chs@4:2', at: 'k@9:11' } });
  });
  it('keeps a receiver confined when it only calls methods on itself, and names them', async () => {
    const ir = await irOf(`package a

type T struct{ ch chan int }

func (t *T) help() { t.ch <- 1 }

func (t *T) run() {
	t.help()
	t.ch <- 2
}

func (t *T) later() {
	defer t.help()
	t.ch <- 3
}
`);
    const recv = (id: string) => Object.values(ir.find((x) => x.id === id)!.vars).find((v) => v.kind === 'recv');
    expect(recv('M:T.run')?.confined).toEqual({ go: false, bare: ['ch'], calls: ['help'] });
    expect(recv('M:T.help')?.confined).toEqual({ go: false, bare: ['ch'] });
    expect(recv('M:T.later')?.confined).toBeUndefined(); // a deferred call hands the value on
  });
  it('records what an if tells of an error variable each way: nil, a sentinel of an import, errors.Is', async () => {
    const ir = await irOf(`package a

import (
	"errors"
	"net/http"
)

func f(srv *http.Server, ch chan error) {
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		ch <- err
	}
	if err := srv.ListenAndServe(); err == nil || err == http.ErrServerClosed {
		return
	} else {
		ch <- err
	}
	if err := srv.ListenAndServe(); errors.Is(err, http.ErrServerClosed) && err != nil {
		ch <- err
	}
}
`);
    const f = ir.find((x) => x.id === 'F:f')!;
    const guards = f.blocks.flatMap((b) => (b.term.t === 'branch' && b.term.guards ? b.term.guards.map((g) => `${g.v} ${g.to}: ${g.not.join(' ')}`) : []));
    expect(guards).toEqual(['err@9:5 0: nil net/http.ErrServerClosed', 'err@12:5 1: nil net/http.ErrServerClosed', 'err@17:5 0: nil']);
    const call = f.blocks.flatMap((b) => b.ops).find((o) => o.o === 'call');
    expect(call && call.o === 'call' ? call.res : undefined).toEqual(['err@9:5']);
  });

  it("takes gomega's Expect(…).To(…) as a check that stops the spec, dot-imported or not, and Ginkgo's Fail as a stop", async () => {
    const ir = await irOf(`package a

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/gomega"
	. "github.com/onsi/gomega"
)

func TestA(t *testing.T) {
	ch := make(chan error)
	err := <-ch
	Expect(err).ToNot(HaveOccurred())
	gomega.Expect(err).To(gomega.Succeed())
	Fail("x")
}
`);
    expect(show(ir[0]!)).toEqual([
      // each check branches to a stop (its matcher fails) or on
      '0: make ch@12:2 0; recv ch@12:2; call github.com/onsi/gomega.Expect; call github.com/onsi/gomega.HaveOccurred; call method | branch -> 1,2',
      '1:  | exit fatal -> ',
      '2: call github.com/onsi/gomega.Expect; call github.com/onsi/gomega.Succeed; call method | branch -> 3,4',
      '3:  | exit fatal -> ',
      '4: call github.com/onsi/ginkgo/v2.Fail | exit fatal -> ',
      '5:  | end -> ',
      '6:  | jump -> ',
    ]);
  });

  it('takes a nil check of an error known to be non-nil (inside `if err != nil`) as failing for sure', async () => {
    const ir = await irOf(`package a

import (
	"testing"

	"github.com/stretchr/testify/require"
	. "github.com/onsi/gomega"
)

func TestB(t *testing.T, read func() error) {
	ch := make(chan error)
	err := <-ch
	if err != nil {
		require.NoError(t, err)
	}
	if err != nil {
		Expect(err).ToNot(HaveOccurred())
	} else {
		Expect(err).To(Succeed())
	}
	require.NoError(t, read())
}
`);
    expect(show(ir[0]!)).toEqual([
      '0: make ch@11:2 0; recv ch@11:2 | branch -> 1,3',
      // require.NoError(t, err) where err != nil: a stop, no way on
      '1: call github.com/stretchr/testify/require.NoError | exit fatal -> ',
      '2:  | jump -> 3',
      '3:  | branch -> 4,6',
      '4: call github.com/onsi/gomega.Expect; call github.com/onsi/gomega.HaveOccurred; call method | exit fatal -> ',
      '5:  | jump -> 9',
      // on the else branch err is nil: the check may pass
      '6: call github.com/onsi/gomega.Expect; call github.com/onsi/gomega.Succeed; call method | branch -> 7,8',
      '7:  | exit fatal -> ',
      '8:  | jump -> 9',
      // a check of another value: it may pass
      '9: call value; call github.com/stretchr/testify/require.NoError | branch -> 10,11',
      '10:  | exit fatal -> ',
      '11:  | end -> ',
      '12:  | jump -> ',
    ]);
  });

  it('forgets that an error is non-nil once it is assigned again, in a nested branch too', async () => {
    const ir = await irOf(`package a

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestC(t *testing.T, retry func() error, ok bool) {
	ch := make(chan error)
	err := <-ch
	if err != nil {
		if ok {
			err = retry()
		}
		require.NoError(t, err)
	}
}
`);
    expect(show(ir[0]!)).toEqual([
      '0: make ch@10:2 0; recv ch@10:2 | branch -> 1,6',
      '1:  | branch -> 2,3',
      '2: call value | jump -> 3',
      // err may be nil again after the retry: the check may pass
      '3: call github.com/stretchr/testify/require.NoError | branch -> 4,5',
      '4:  | exit fatal -> ',
      '5:  | jump -> 6',
      '6:  | end -> ',
      '7:  | jump -> ',
    ]);
  });
  it('turns a channel in a field of an object that never leaves its function into a variable of its own', async () => {
    const fns = await irOf(`package p

type conn struct {
	write chan []byte
	id    int
}

func run() {
	c := &conn{write: make(chan []byte, 2), id: 1}
	go func() {
		for range c.write {
		}
	}()
	c.write <- nil
	close(c.write)
}

func kept() *conn {
	c := &conn{write: make(chan []byte)}
	c.write <- nil
	return c
}
`);
    const run = fns.find((f) => f.id === 'F:run')!;
    expect(show(run)[0]).toBe('0: make c.write@9:20 2; go L:10:5; send c.write@9:20; close c.write@9:20 | end -> ');
    const lit = fns.find((f) => f.id === 'L:10:5')!;
    expect(lit.blocks.some((b) => b.term.t === 'range' && b.term.ch.k === 'var' && b.term.ch.id === 'c.write@9:20')).toBe(true);
    // returned: the object reaches the caller, and its field stays a field
    const kept = fns.find((f) => f.id === 'F:kept')!;
    expect(show(kept)[0]).toBe('0: store; send c.write | return -> ');
  });
});
