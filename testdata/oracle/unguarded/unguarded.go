// Package unguarded holds goroutines that watch ctx.Done() in one place and block without it in another, each
// next to a twin that watches it everywhere. The parents give up after a few milliseconds (a timeout), while
// the goroutines are past their check and in slow work: they then block on a send nobody receives.
package unguarded

import (
	"context"
	"time"
)

const patience = 2 * time.Millisecond

func slow() int {
	time.Sleep(20 * time.Millisecond)
	return 1
}

// future checks ctx once, then sends without it.
func future(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		select {
		case <-ctx.Done():
			return
		default:
		}
		out <- slow() // want ctx-unguarded-block `out <- slow\(\). can block forever`
	}()
	return out
}

// futureSelect sends in a select with ctx.Done().
func futureSelect(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		select {
		case out <- slow():
		case <-ctx.Done():
		}
	}()
	return out
}

// Future waits for a future and gives up after a short timeout.
func Future(ctx context.Context, guarded bool) int {
	ctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	ch := future(ctx)
	if guarded {
		ch = futureSelect(ctx)
	}
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// numbers checks ctx before each value, then sends without it.
func numbers(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			default:
			}
			out <- slow() // want ctx-unguarded-block `out <- slow\(\). can block forever`
		}
	}()
	return out
}

// numbersSelect sends each value in a select with ctx.Done().
func numbersSelect(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		for {
			select {
			case out <- slow():
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Sum adds numbers until its timeout.
func Sum(ctx context.Context, guarded bool) int {
	ctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	ch := numbers(ctx)
	if guarded {
		ch = numbersSelect(ctx)
	}
	n := 0
	for {
		select {
		case v := <-ch:
			n += v
		case <-ctx.Done():
			return n
		}
	}
}

// Double receives its input in a select with ctx.Done(), then sends the result bare.
func Double(ctx context.Context, v int) int {
	ctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	in, out := make(chan int), make(chan int)
	go func() {
		var x int
		select {
		case x = <-in:
		case <-ctx.Done():
			return
		}
		time.Sleep(20 * time.Millisecond)
		out <- 2 * x // want abandoned-sender `Double can return on .<-ctx.Done\(\).` (ctx-unguarded-block leaves it to abandoned-sender)
	}()
	in <- v
	select {
	case r := <-out:
		return r
	case <-ctx.Done():
		return 0
	}
}

// DoubleSelect guards both.
func DoubleSelect(ctx context.Context, v int) int {
	ctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	in, out := make(chan int), make(chan int)
	go func() {
		var x int
		select {
		case x = <-in:
		case <-ctx.Done():
			return
		}
		time.Sleep(20 * time.Millisecond)
		select {
		case out <- 2 * x:
		case <-ctx.Done():
		}
	}()
	in <- v
	select {
	case r := <-out:
		return r
	case <-ctx.Done():
		return 0
	}
}

// Relay selects between its output and a second channel nobody feeds, without ctx.Done().
func Relay(ctx context.Context) int {
	ctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	out, flush := make(chan int), make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			return
		default:
		}
		v := slow()
		select { // want abandoned-sender `Relay can leave on .<-ctx.Done\(\). without receiving from out`
		case out <- v:
		case <-flush:
		}
	}()
	select {
	case r := <-out:
		return r
	case <-ctx.Done():
		return 0
	}
}

// ErrThenSend checks ctx.Err() once, then sends without it.
func ErrThenSend(ctx context.Context) int {
	ctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	out := make(chan int)
	go func() {
		if ctx.Err() != nil {
			return
		}
		out <- slow() // want abandoned-sender `ErrThenSend can return on .<-ctx.Done\(\).`
	}()
	select {
	case r := <-out:
		return r
	case <-ctx.Done():
		return 0
	}
}

// ErrThenSelect checks ctx.Err() and sends in a select with ctx.Done().
func ErrThenSelect(ctx context.Context) int {
	ctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	out := make(chan int)
	go func() {
		if ctx.Err() != nil {
			return
		}
		v := slow()
		select {
		case out <- v:
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-out:
		return r
	case <-ctx.Done():
		return 0
	}
}

// errFuture checks ctx.Err() once (which counts as watching ctx), then sends on the channel it returns without it.
func errFuture(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		if ctx.Err() != nil {
			return
		}
		out <- slow() // want ctx-unguarded-block `out <- slow\(\). can block forever: goroutine running func literal observes ctx.Done\(\) elsewhere` // want abandoned-sender `.out <- slow\(\). blocks forever: this goroutine sends on out, which has no buffer and which errFuture only returns, and ErrFuture can leave on .<-ctx.Done\(\). without receiving from what errFuture returns`
	}()
	return out
}

// ErrFuture waits for errFuture and gives up after a short timeout.
func ErrFuture(ctx context.Context) int {
	ctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	select {
	case v := <-errFuture(ctx):
		return v
	case <-ctx.Done():
		return 0
	}
}
