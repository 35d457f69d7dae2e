// Stream callers: the call sites of a function returning a channel, and whether each drains it, as plain data.
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import { extractFacts } from '../parse/facts.js';
import { getParser } from '../parse/parser.js';
import { streamCallers } from './stream-callers.js';

const SRC = `package p

import ("context"; "os")

func items(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		out <- 1
	}()
	return out
}

func all(ctx context.Context) (n int) {
	for v := range items(ctx) { // "items" in a comment is not a call
		n += v
	}
	return n
}

func okLoop(ctx context.Context) (n int) {
	ch := items(ctx)
	for {
		v, ok := <-ch
		if !ok {
			return n
		}
		n += v
	}
}

func first(ctx context.Context) int {
	for v := range items(ctx) {
		select {
		case <-ctx.Done():
		default:
			return v
		}
	}
	return 0
}

func someday(ctx context.Context, on bool) (n int) {
	ch := items(ctx)
	if on {
		for range ch {
			n++
		}
	}
	return n
}

func pass(ctx context.Context) <-chan int { return items(ctx) }

func drop(ctx context.Context) {
	items(ctx)
	_ = "items(ctx)"
}

// lister declares a method of the same name: not a call site
type lister interface {
	items(ctx context.Context) <-chan int
}

type proc struct{}

func (proc) Exit() {}

// os.Exit leaves the loop (the API table says it ends the program)
func quits(ctx context.Context) {
	for v := range items(ctx) {
		if v < 0 {
			os.Exit(1)
		}
	}
}

// a method Exit of a type of the module is none of the table's: the loop goes on
func goesOn(ctx context.Context, p proc) {
	for v := range items(ctx) {
		if v < 0 {
			p.Exit()
		}
	}
}

type other struct{}

func (other) items() []int { return nil }

// o.items() is a method of other, not the function items: not a call site
func notCalls(o other) int {
	for _, v := range o.items() {
		return v
	}
	return 0
}
`;

describe('streamCallers', () => {
  it('finds every call site of a stream and says whether it drains the channel', async () => {
    const tree = (await getParser()).parse(SRC)!;
    const facts = extractFacts(tree, SRC, { path: 'p.go', validUtf8: true, generated: false });
    tree.delete();
    const program = new Program('/x', [facts], undefined, undefined, () => SRC);
    const c = streamCallers(program, facts, 'F:items');
    expect(c?.sites.map((s) => `${s.range.start.line}:${s.range.start.col} ${s.caller} ${s.how}: ${s.why}${s.stop ? ` @${s.stop.start.line}:${s.stop.start.col}` : ''}`)).toEqual([
      '15:17 all drains: ranges over the channel until it is closed',
      '22:8 okLoop drains: reads ch with a comma-ok receive until it is closed',
      '33:17 first stops: ranges over the channel, but can leave the loop early (return) @37:4',
      '44:8 someday stops: reads ch in a loop that runs on some paths only @46:13',
      '53:52 pass hands: returns the channel to its own caller @53:52',
      '56:2 drop drops: drops the channel @56:2',
      '71:17 quits stops: ranges over the channel, but can leave the loop early (Exit) @73:7',
      '80:17 goesOn drains: ranges over the channel until it is closed',
    ]);
  });
});

// A method stream: bodies without concurrency are never parsed, so their calls are read as text; the operand's
// declared type (a parameter, a variable made by a composite literal) tells a method of another type apart.
const METHOD_SRC = `package p

type feed struct{}

func (f *feed) Items() <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		out <- 1
	}()
	return out
}

type cache struct{}

func (c *cache) Items() <-chan int { return nil }

// c is a *cache: not a call site of feed.Items
func fromCache(c *cache) int {
	return <-c.Items()
}

// k is made as a cache: not a call site either
func fromLocal() int {
	k := &cache{}
	return <-k.Items()
}

// f is a *feed: a call site that takes one value and stops
func fromFeed(f *feed) int {
	return <-f.Items()
}

type source interface{ Items() <-chan int }

// an interface may hold a *feed: a call site
func fromAny(s source) int {
	return <-s.Items()
}
`;

describe('streamCallers, methods', () => {
  it('tells methods of the same name apart by the operand\'s declared type in bodies read as text', async () => {
    const tree = (await getParser()).parse(METHOD_SRC)!;
    const facts = extractFacts(tree, METHOD_SRC, { path: 'p.go', validUtf8: true, generated: false });
    tree.delete();
    // as goleash sees bodies it never parses: no call facts, only their text
    for (const f of facts.funcs) if (f.name.startsWith('from')) f.calls = [];
    const program = new Program('/x', [facts], undefined, undefined, () => METHOD_SRC);
    const c = streamCallers(program, facts, 'M:feed.Items');
    expect(c?.sites.map((s) => `${s.range.start.line}:${s.range.start.col} ${s.caller} ${s.how}`)).toEqual(['31:13 fromFeed hands', '38:13 fromAny hands']);
  });
});

// An argument that is a string literal (blanked in the code text goleash reads) is an argument all the same.
const STRING_ARG_SRC = `package p

func lines(path, sep string) <-chan string {
	out := make(chan string)
	go func() {
		out <- path
	}()
	return out
}

func firstLine() string {
	for l := range lines("a.txt", "") {
		return l
	}
	return ""
}
`;

describe('streamCallers, string arguments', () => {
  it('counts a blanked string literal as an argument when it matches a call to the function', async () => {
    const tree = (await getParser()).parse(STRING_ARG_SRC)!;
    const facts = extractFacts(tree, STRING_ARG_SRC, { path: 'p.go', validUtf8: true, generated: false });
    tree.delete();
    const program = new Program('/x', [facts], undefined, undefined, () => STRING_ARG_SRC);
    const c = streamCallers(program, facts, 'F:lines');
    expect(c?.sites.map((s) => `${s.range.start.line}:${s.range.start.col} ${s.caller} ${s.how}`)).toEqual(['12:17 firstLine stops']);
  });
});
