package abandoned

import "context"

// queue drains the channel it is made with, in a goroutine of its own.
type queue[T any] struct{ in chan T }

func newQueue[T any](in chan T) *queue[T] {
	q := &queue[T]{in: in}
	go q.run()
	return q
}

func (q *queue[T]) run() {
	for range q.in {
	}
}

// depth only measures the channel: a call of it receives nothing.
func depth[T any](in chan T) int { return len(in) }

// The channel goes to a generic constructor called with explicit type arguments, whose goroutine receives: the
// senders' other side is there, not in Feed.
func Feed(items []int) *queue[int] {
	src := make(chan int)
	q := newQueue[int](src)
	go func() {
		for _, it := range items {
			src <- it
		}
	}()
	return q
}

// Twin: a generic helper that only measures the channel receives nothing; Probe can leave on ctx.Done().
func Probe(ctx context.Context) int {
	src := make(chan int)
	go func() {
		src <- 1 // want abandoned-sender `.src <- 1. blocks forever: this goroutine sends on src, which has no buffer, and Probe can return on .<-ctx.Done\(\). without receiving from src`
	}()
	n := depth[int](src)
	select {
	case v := <-src:
		return n + v
	case <-ctx.Done():
		return n
	}
}
