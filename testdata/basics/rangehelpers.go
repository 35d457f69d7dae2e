package basics

import "context"

// Helpers that mention no channel, context or goroutine and block only by ranging over a channel that is
// a struct field or comes from a call: goleash must still read their bodies.

type feed struct {
	events chan string
	names  []string
}

func (f *feed) updates() chan string { return f.events }

// drain blocks until f.events is closed.
func (f *feed) drain() int {
	n := 0
	for e := range f.events {
		n += len(e)
	}
	return n
}

// follow blocks until the channel updates returns is closed.
func (f *feed) follow() int {
	n := 0
	for e := range f.updates() {
		n += len(e)
	}
	return n
}

// count ranges over a slice and a map: it cannot block.
func (f *feed) count(m map[string]int) int {
	n := 0
	for _, s := range f.names {
		n += m[s]
	}
	for k := range m {
		n += len(k)
	}
	return n
}

func StartFeeds(ctx context.Context, f *feed, out chan int) {
	go func() { // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .for range f.events. in feed.drain` // want endless-goroutine `nothing in its package closes`
		_ = ctx.Value("trace")
		_ = f.drain()
	}()
	go func() { // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .for range f.updates\(\). in feed.follow`
		_ = ctx.Value("trace")
		_ = f.follow()
	}()
	go func() {
		_ = ctx.Value("trace")
		_ = f.count(nil)
		close(out)
	}()
}
