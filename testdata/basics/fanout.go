package basics

import (
	"context"
	"sync"
)

// release reads a value from ctx; it does not watch it.
func release(ctx context.Context, r int) {
	_ = ctx.Value("k")
	_ = r
}

// The closer waits for the workers its parent starts, closes the results and drains them: it waits only for a
// fan-out judged where it starts, and its range ends.
func CollectAll(ctx context.Context, items []int, work func(context.Context, int) int) {
	var wg sync.WaitGroup
	results := make(chan int, len(items))
	for _, it := range items {
		wg.Add(1)
		go func(it int) {
			defer wg.Done()
			results <- work(ctx, it)
		}(it)
	}
	go func() {
		wg.Wait()
		close(results)
		for r := range results {
			release(ctx, r)
		}
	}()
}

// Twin: the same closer forgets to close, so its range waits forever once the workers are done.
func CollectNoClose(ctx context.Context, items []int, work func(context.Context, int) int) {
	var wg sync.WaitGroup
	results := make(chan int, len(items))
	for _, it := range items {
		wg.Add(1)
		go func(it int) {
			defer wg.Done()
			results <- work(ctx, it)
		}(it)
	}
	go func() { // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .for range results.`
		wg.Wait()
		for r := range results { // want unclosed-range `range results. never ends: this goroutine ranges over results, which nothing closes`
			release(ctx, r)
		}
	}()
}

// serveErr reads a value from ctx and returns; it does not watch it.
func serveErr(ctx context.Context) error {
	_ = ctx.Value("k")
	return nil
}

// A func the parent defers receives the goroutine's one result: it runs on every way out.
func ServeDeferred(ctx context.Context, check func() bool) bool {
	errc := make(chan error)
	defer func() { <-errc }()
	go func() {
		errc <- serveErr(ctx)
	}()
	return check()
}

// Twin: the receive runs only when check passes; on the other way out the send waits forever.
func ServeMaybe(ctx context.Context, check func() bool) bool {
	errc := make(chan error)
	go func() { // want ctx-done-missing `it can block at .errc <- serveErr\(ctx\).`
		errc <- serveErr(ctx) // want abandoned-sender `errc <- serveErr\(ctx\). blocks forever: this goroutine sends on errc, which has no buffer, and ServeMaybe can return before receiving from errc`
	}()
	if !check() {
		return false
	}
	return <-errc == nil
}

// A func value run as a goroutine with a channel buffered for its one result: each send in its loop is followed
// by return, so it sends once and never waits.
func PollOnce(ctx context.Context, ready func() bool) error {
	poll := func(errc chan error) {
		for {
			if err := serveErr(ctx); err != nil {
				errc <- err
				return
			}
			if ready() {
				errc <- nil
				return
			}
		}
	}
	errc := make(chan error, 1)
	go poll(errc)
	return nil
}

// Twin: the loop sends on every round, so the second send waits on the full buffer forever.
func PollEvery(ctx context.Context, ready func() bool) error {
	poll := func(errc chan error) {
		for {
			if ready() {
				errc <- serveErr(ctx) // want abandoned-sender `errc <- serveErr\(ctx\). blocks forever: this goroutine sends on errc, whose buffer of 1 the sends can fill, and PollEvery can return after receiving from errc once`
			}
		}
	}
	errc := make(chan error, 1)
	go poll(errc) // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .errc <- serveErr\(ctx\).` // want endless-goroutine `no way out of its loop`
	return <-errc
}
