package drained

import (
	"context"
	"sync"
)

type bench struct {
	threads int
}

// runAll bounds its goroutines with a semaphore: each takes a slot before it starts and gives it back with
// one receive, which cannot block.
func (b *bench) runAll(ctx context.Context, keys []int) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, b.threads)
	for _, k := range keys {
		sem <- struct{}{}
		wg.Add(1)
		go func(k int) {
			defer func() {
				<-sem
				wg.Done()
			}()
			_ = ctx.Value(k)
		}(k)
	}
	wg.Wait()
}

// runLate starts the goroutine before taking the slot it gives back: its receive can wait forever.
func (b *bench) runLate(ctx context.Context, keys []int) {
	sem := make(chan struct{}, b.threads)
	for _, k := range keys {
		go func(k int) { // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .<-sem.`
			_ = ctx.Value(k)
			<-sem
		}(k)
	}
	sem <- struct{}{}
}

type itemFeed struct{ items chan int }

// dispatch takes a slot in a select case and gives it back in that case's body when the source is done.
func dispatch(ctx context.Context, source *itemFeed, workers int, work func(int)) {
	pool := make(chan struct{}, workers)
	for {
		select {
		case <-ctx.Done():
			return
		case pool <- struct{}{}:
			item, ok := <-source.items
			if !ok {
				<-pool
				return
			}
			go func() {
				defer func() { <-pool }()
				work(item)
			}()
		}
	}
}

// Dispatching in the background: the itemFeed is closed by its owner, and every other wait is the semaphore.
func StartDispatch(ctx context.Context, source *itemFeed, work func(int)) {
	go dispatch(ctx, source, 4, work)
}

type reader struct {
	read func(part int) error
}

// readParts collects one result from each goroutine it starts, waiting for a slot or a result in between:
// it waits only for its own goroutines, which are judged where they start. (It ignores ctx.)
func (r *reader) readParts(ctx context.Context, parts int) error {
	errs := make(chan error, 4)
	slots := make(chan struct{}, 4)
	waits := 0
	for i := 0; i < parts; i++ {
	WAIT:
		for {
			select {
			case slots <- struct{}{}:
				break WAIT
			case err := <-errs:
				waits--
				if err != nil {
					return err
				}
			}
		}
		go func(i int) {
			errs <- r.read(i)
			<-slots
		}(i)
		waits++
	}
	var first error
	for ; waits > 0; waits-- {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// ReadAsync runs readParts in the background with the reader's context.
func (r *reader) ReadAsync(ctx context.Context, parts int, done func(error)) {
	go func() {
		done(r.readParts(ctx, parts))
	}()
}

// readOwn waits on a channel of its own that nothing sends on: a real wait, reported.
func readOwn(ctx context.Context, parts int) int {
	results := make(chan int)
	n := 0
	for i := 0; i < parts; i++ {
		n += <-results
	}
	return n
}

// CountAsync runs readOwn in the background.
func CountAsync(ctx context.Context, parts int, out func(int)) {
	go func() { // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .<-results. in readOwn`
		out(readOwn(ctx, parts))
	}()
}
