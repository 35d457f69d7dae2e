package worker

import "context"

type Worker struct {
	in  chan int
	out chan int
}

func New() *Worker { return &Worker{in: make(chan int), out: make(chan int)} }

// Run ignores ctx and blocks receiving.
func (w *Worker) Run(ctx context.Context) {
	for v := range w.in {
		_ = v
	}
}

// Serve watches ctx.
func (w *Worker) Serve(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-w.in:
			_ = v
		}
	}
}

type Pool[T any] struct{ items chan T }

func (p *Pool[T]) Pump(ctx context.Context, v T) {
	p.items <- v
}

func (p *Pool[T]) PumpSafe(ctx context.Context, v T) {
	select {
	case p.items <- v:
	case <-ctx.Done():
	}
}
