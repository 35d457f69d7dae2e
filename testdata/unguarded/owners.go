package unguarded

import (
	"context"
	"sync"
)

type stats struct{ n int }

// A scheduler that answers its waiters: the waiter channels belong to the scheduler, which makes them.
type scheduler struct {
	mu      sync.Mutex
	waiters []chan stats
	ready   chan struct{}
	ended   chan struct{}
	trigger chan struct{}
}

func (s *scheduler) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.trigger:
		}
		s.mu.Lock()
		for _, w := range s.waiters {
			w <- stats{n: 1}
		}
		s.waiters = nil
		s.mu.Unlock()
	}
}

func (s *scheduler) Start(ctx context.Context) {
	go s.run(ctx)
}

// Waiting on the handle's own lifecycle channels, then on ctx: the first select belongs to the handle.
func (s *scheduler) Watch(ctx context.Context, kill func()) {
	go func() {
		select {
		case <-s.ended:
			return
		case <-s.ready:
		}
		select {
		case <-ctx.Done():
			kill()
		case <-s.ended:
		}
	}()
}

// The same goroutine with a local result channel: the bare send is reported.
func (s *scheduler) Report(ctx context.Context, out chan<- stats) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.trigger:
				out <- stats{n: 2} // want ctx-unguarded-block `.out <- stats\{n: 2\}. can block forever`
			}
		}
	}()
}

// Workers wait for a start signal the parent always gives: the receive is settled by close(start).
func StartTogether(ctx context.Context, n int, work func() bool) {
	start := make(chan bool)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for work() {
				select {
				case <-ctx.Done():
					return
				default:
				}
			}
		}()
	}
	close(start)
	wg.Wait()
}

// The parent sizes the buffer for every message: the bare send in the dispatch loop cannot block.
func Dispatch(ctx context.Context, recvd <-chan int, total int) <-chan int {
	delivered := make(chan int, total)
	go func() {
		for m := range recvd {
			select {
			case <-ctx.Done():
				return
			default:
			}
			delivered <- m
		}
	}()
	return delivered
}

// Receiving from a channel the goroutine has closed itself returns at once.
func ClosedByItself(ctx context.Context, ch chan int) {
	go func() {
		close(ch)
		select {
		case <-ctx.Done():
			return
		default:
		}
		v := <-ch
		_ = v
		for range ch {
		}
	}()
}
