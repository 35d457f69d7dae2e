package realworld

import (
	"context"
	"sync"
	"time"
)

// A generator that stops on cancellation.
func Gen(ctx context.Context, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			select {
			case out <- n:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// A generator that checks Err between sends but sends bare.
func GenPolling(ctx context.Context, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			if ctx.Err() != nil {
				return
			}
			out <- n // want ctx-unguarded-block `.out <- n. can block forever: goroutine running func literal observes ctx.Done\(\) elsewhere`
		}
	}()
	return out
}

// A stage that receives under Done and forwards bare.
func Stage(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case v, ok := <-in:
				if !ok {
					return
				}
				out <- v * 2 // want ctx-unguarded-block `.out <- v \* 2. can block forever`
			}
		}
	}()
	return out
}

// Fan-in with a WaitGroup; every send selects on Done.
func Merge(ctx context.Context, cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	output := func(c <-chan int) {
		defer wg.Done()
		for v := range c {
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// A helper that sends or gives up: observing through an in-module call.
func trySend(ctx context.Context, ch chan<- int, v int) bool {
	select {
	case ch <- v:
		return true
	case <-ctx.Done():
		return false
	}
}

func Producer(ctx context.Context, ch chan<- int) {
	go func() {
		for i := 0; ; i++ {
			if !trySend(ctx, ch, i) {
				return
			}
		}
	}()
}

// A ticker loop that also selects on Done.
func Poller(ctx context.Context, poll func(context.Context)) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				poll(ctx)
			}
		}
	}()
}

// A ticker loop that never looks at ctx, though it passes it on to a value reader only.
func PollerLeak(ctx context.Context, poll func()) {
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it loops forever at .for range t.C \{ … \}.` // want endless-goroutine `no way out of its loop`
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			_ = ctx.Value("trace")
			poll()
		}
	}()
}

// Retry with back-off, polling Err.
func Retry(ctx context.Context, op func() error) {
	go func() {
		for ctx.Err() == nil {
			if op() == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
}

// A worker handed a helper that waits on ctx in another function.
func waitFor(ctx context.Context) {
	<-ctx.Done()
}

func Cleanup(ctx context.Context, cleanup func()) {
	go func() {
		waitFor(ctx)
		cleanup()
	}()
}
