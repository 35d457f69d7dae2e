package lib

import (
	"context"
	"time"
)

// Wait blocks until ctx is done.
func Wait(ctx context.Context) { <-ctx.Done() }

// Spin never looks at ctx and blocks on its channel.
func Spin(ctx context.Context, ch chan int) {
	for v := range ch {
		_ = v
	}
}

// Poll checks ctx.Err.
func Poll(ctx context.Context, ch chan int) {
	for ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
	ch <- 1 // want ctx-unguarded-block `.ch <- 1. can block forever: goroutine running Poll observes ctx.Done\(\) elsewhere`
}

type Runner struct {
	ctx context.Context
	out chan int
}

func NewRunner(ctx context.Context) *Runner { return &Runner{ctx: ctx, out: make(chan int)} }

// Loop observes the field ctx.
func (r *Runner) Loop() {
	for {
		select {
		case <-r.ctx.Done():
			return
		case r.out <- 1:
		}
	}
}

// Push ignores the field ctx.
func (r *Runner) Push() {
	r.out <- 2 // want abandoned-sender `nothing in the module receives from it`
}
