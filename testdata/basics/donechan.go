package basics

import (
	"context"
	"errors"
)

type pipe struct{ clients chan int }

var errCanceled = errors.New("canceled")

// accept waits for a client or for `until`, a channel its caller hands it.
func (p *pipe) accept(until <-chan struct{}) (int, error) {
	select {
	case <-until:
		return 0, errCanceled
	case c := <-p.clients:
		return c, nil
	}
}

// Handing ctx.Done() to a helper that selects on it observes ctx.
func AcceptOne(ctx context.Context, p *pipe, results []int) {
	go func() {
		n, err := p.accept(ctx.Done())
		if err == nil {
			results[0] = n
		}
	}()
}

// Handing the helper a channel that is not ctx's: ctx is captured and never observed.
func AcceptOneIgnoring(ctx context.Context, p *pipe, stopc chan struct{}, out chan int) {
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .out <- n.`
		_ = ctx.Value("trace")
		n, _ := p.accept(stopc)
		out <- n
	}()
}
