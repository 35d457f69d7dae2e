// Package tricky holds cases that look like leaks and are not, and the reverse.
package tricky

import (
	"context"
	"log"
	"time"
)

// The goroutine shadows ctx with its own: it captures nothing from its parent.
func Shadowed(ctx context.Context, out chan int) {
	_ = ctx
	go func() {
		ctx := context.Background()
		_ = ctx
		out <- 1
	}()
}

// ctx handed to a func value whose body is unknown: assumed to observe it.
func FuncValue(ctx context.Context, f func(context.Context), out chan int) {
	go func() {
		f(ctx)
		out <- 1
	}()
}

// Recursion that ends in a Done receive observes ctx.
func countdown(ctx context.Context, n int) {
	if n == 0 {
		<-ctx.Done()
		return
	}
	countdown(ctx, n-1)
}

func StartCountdown(ctx context.Context) {
	go countdown(ctx, 3)
}

// Mutual recursion that never observes ctx and blocks.
func ping(ctx context.Context, c chan int) {
	v := <-c
	pong(ctx, c, v)
}

func pong(ctx context.Context, c chan int, v int) {
	c <- v
	ping(ctx, c)
}

func StartPingPong(ctx context.Context, c chan int) {
	go ping(ctx, c) // want ctx-done-missing `goroutine running ping receives ctx but never observes ctx.Done\(\); it can block at .<-c.`
}

// A labeled break leaves the loop: not forever. It still never observes ctx, but cannot block.
func Labeled(ctx context.Context, xs []int) {
	go func(ctx context.Context) {
		i := 0
	loop:
		for {
			i++
			if i > len(xs) {
				break loop
			}
		}
	}(ctx)
}

// break inside a select leaves the select, not the loop: forever.
func BreakSelect(ctx context.Context, tick <-chan time.Time) {
	go func(ctx context.Context) { // want ctx-done-missing `it loops forever` // want endless-goroutine `no way out of its loop`
		for {
			select {
			case <-time.After(time.Second):
				break
			}
		}
	}(ctx)
}

// A loop that panics or returns on error exits.
func Exits(ctx context.Context, step func() error) {
	go func(ctx context.Context) {
		for {
			if err := step(); err != nil {
				log.Fatal(err)
			}
		}
	}(ctx)
	go func(ctx context.Context) {
		for {
			if err := step(); err != nil {
				panic(err)
			}
		}
	}(ctx)
}

// Stopped by a quit channel in every blocking select.
func Quit(ctx context.Context, in <-chan int, quit <-chan struct{}) {
	go func(ctx context.Context) {
		for {
			select {
			case <-quit:
				return
			case v := <-in:
				_ = v
			}
		}
	}(ctx)
}

// time.Tick in a select with a Done case.
func Tick(ctx context.Context, f func()) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.Tick(time.Second):
				f()
			}
		}
	}()
}

// An unnamed ctx parameter cannot be observed: the goroutine never looks at it.
func Unnamed(ctx context.Context, out chan int) {
	go func(context.Context) { // want ctx-done-missing `receives ctx but never observes`
		out <- 1
	}(ctx)
}

// A ctx param named c.
func Named(c context.Context, out chan int) {
	go func() { // want ctx-done-missing `captures c but never observes c.Done\(\)`
		_ = c.Value("k")
		out <- 1
	}()
	go func() {
		select {
		case out <- 1:
		case <-c.Done():
		}
	}()
}

// A goroutine started from a goroutine: each judged on its own.
func TwoLevels(ctx context.Context, a, b chan int) {
	go func() {
		select {
		case <-ctx.Done():
			return
		case v := <-a:
			go func() { // want ctx-done-missing `captures ctx`
				_ = ctx.Value("k")
				b <- v
			}()
		}
	}()
}

// A method value on a value that satisfies an interface: unknown body, not judged.
type Runner interface{ Run(context.Context) }

func Interface(ctx context.Context, rs []Runner) {
	for _, r := range rs {
		go r.Run(ctx)
	}
}

// Goroutines with no context at all.
func Plain(in <-chan int, out chan<- int) {
	go func() {
		for v := range in {
			out <- v
		}
		close(out)
	}()
	go func() {
		select {}
	}()
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
}

// Deadline and timeout derivations observed by the goroutine.
func Derived(ctx context.Context, out chan int) {
	go func() {
		dctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second))
		defer cancel()
		select {
		case out <- 1:
		case <-dctx.Done():
		}
	}()
	vctx := context.WithValue(ctx, "k", "v")
	go func() {
		select {
		case out <- 2:
		case <-vctx.Done():
		}
	}()
}
