package stream

import (
	"context"
	"errors"
)

// catalog hands out streams of its entries; the callers below read them.
type catalog struct{ ids []int }

// entries streams the catalog's entries. Every caller in the module reads the channel until it is closed, so the
// goroutine always finishes: not reported.
func (c *catalog) entries(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range c.ids {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
	return out
}

// total ranges over the stream straight from the call, with no way out of the loop.
func (c *catalog) total(ctx context.Context) int {
	n := 0
	for it := range c.entries(ctx) {
		n += it.n
	}
	return n
}

// largest keeps the stream in a variable and ranges over it to the end; a continue stays in the loop.
func (c *catalog) largest(ctx context.Context) int {
	best := 0
	all := c.entries(ctx)
	for it := range all {
		if it.n <= best {
			continue
		}
		best = it.n
	}
	return best
}

// count reads the stream with a comma-ok receive until it is closed.
func (c *catalog) count(ctx context.Context) int {
	n := 0
	ch := c.entries(ctx)
	for {
		_, ok := <-ch
		if !ok {
			break
		}
		n++
	}
	return n
}

// pages streams pages after a check that can fail: the error comes back before the goroutine starts.
func (c *catalog) pages(ctx context.Context, size int) (<-chan item, error) {
	if size <= 0 {
		return nil, errors.New("bad size")
	}
	out := make(chan item)
	go func() {
		defer close(out)
		for i := 0; i < len(c.ids); i += size {
			if check(ctx, i+1) {
				out <- item{i}
			}
		}
	}()
	return out, nil
}

// pageCount returns on the error, and otherwise ranges over every page: not reported.
func (c *catalog) pageCount(ctx context.Context, size int) (int, error) {
	ch, err := c.pages(ctx, size)
	if err != nil {
		return 0, err
	}
	n := 0
	for range ch {
		n++
	}
	return n, nil
}

// matches streams the entries that match; its one caller stops at the first match.
func (c *catalog) matches(ctx context.Context, want int) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range c.ids {
			if id == want && check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which catalog.matches returns to its caller, with no way out if the reader stops \(catalog.has can stop reading early\)`
			}
		}
	}()
	return out
}

// has breaks out of the range at the first match, leaving the goroutine blocked on its next send.
func (c *catalog) has(ctx context.Context, want int) bool {
	found := false
	for range c.matches(ctx, want) {
		found = true
		break
	}
	return found
}

// verified streams the entries as they are verified; its one caller returns on the first bad entry.
func (c *catalog) verified(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range c.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which catalog.verified returns to its caller, with no way out if the reader stops \(catalog.verifyAll can stop reading early\)`
			}
		}
	}()
	return out
}

// verifyAll returns from inside the range on an error.
func (c *catalog) verifyAll(ctx context.Context) error {
	for it := range c.verified(ctx) {
		if it.n > 100 {
			return errors.New("entry out of range")
		}
	}
	return nil
}

// Entries is exported and nothing in the module calls it: its readers are elsewhere, reported as before.
func (c *catalog) Entries(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range c.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which catalog.Entries returns to its caller, with no way out if the reader stops$`
			}
		}
	}()
	return out
}

// snapshot streams the entries; its only caller hands the channel on to code that is not followed.
func (c *catalog) snapshot(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range c.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which catalog.snapshot returns to its caller, with no way out if the reader stops \(catalog.Publish hands it on\)`
			}
		}
	}()
	return out
}

// Publish hands the stream to a sink, which may stop reading at any time.
func (c *catalog) Publish(ctx context.Context, sink emitter) {
	sink.SetOutput(c.snapshot(ctx))
}

// window streams the entries of a window; nothing reads it directly: two wrappers return it to their callers.
func (c *catalog) window(ctx context.Context, from int) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range c.ids[from:] {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
	return out
}

// tail returns the window's channel straight to its callers, and every one of them drains it: not reported.
func (c *catalog) tail(ctx context.Context) <-chan item {
	return c.window(ctx, len(c.ids)/2)
}

// tailSum drains the wrapper's channel.
func (c *catalog) tailSum(ctx context.Context) int {
	n := 0
	for it := range c.tail(ctx) {
		n += it.n
	}
	return n
}

// recent streams the recent entries; its wrapper's one caller stops at the first entry.
func (c *catalog) recent(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range c.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which catalog.recent returns to its caller, with no way out if the reader stops \(catalog.latest can stop reading early\)`
			}
		}
	}()
	return out
}

// newest returns the stream straight to its caller.
func (c *catalog) newest(ctx context.Context) <-chan item {
	return c.recent(ctx)
}

// latest returns from inside the range at the first entry.
func (c *catalog) latest(ctx context.Context) (item, bool) {
	for it := range c.newest(ctx) {
		return it, true
	}
	return item{}, false
}
