// Package worker is called from another package of the same module.
package worker

import "context"

type Result struct{ N int }

// Leaky never observes ctx and blocks on out.
func Leaky(ctx context.Context, out chan<- Result) {
	out <- Result{N: 1}
}

// Careful observes ctx.
func Careful(ctx context.Context, out chan<- Result) {
	select {
	case out <- Result{N: 1}:
	case <-ctx.Done():
	}
}

// Pump has methods on a type of this package.
type Pump struct {
	in  chan int
	out chan int
}

func New() *Pump { return &Pump{in: make(chan int), out: make(chan int)} }

func (p *Pump) Run(ctx context.Context) {
	for v := range p.in {
		p.out <- v
	}
}

func (p *Pump) RunCtx(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-p.in:
			select {
			case p.out <- v:
			case <-ctx.Done():
				return
			}
		}
	}
}

// Forward hands ctx to Careful: observed through the call.
func Forward(ctx context.Context, out chan<- Result) {
	Careful(ctx, out)
}
