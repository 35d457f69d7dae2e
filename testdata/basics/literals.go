package basics

import (
	"context"
	stdctx "context"
	"fmt"
	"time"
)

func work(int) int { return 1 }

// A func literal that receives ctx as a parameter and blocks on a send.
func LiteralParam(ctx context.Context, out chan int) {
	go func(ctx context.Context) { // want ctx-done-missing `goroutine running func literal receives ctx but never observes ctx.Done\(\); it can block at .out <- 1.`
		out <- 1
	}(ctx)
}

// A func literal that captures ctx and blocks on a receive.
func LiteralCapture(ctx context.Context, in chan int) {
	go func() { // want ctx-done-missing `func literal captures ctx but never observes ctx.Done\(\); it can block at .<-in.`
		v := <-in
		fmt.Println(v, ctx.Value("k"))
	}()
}

// The literal renames the parameter and observes it under the new name.
func LiteralRenamed(ctx context.Context, out chan int) {
	go func(c context.Context) {
		select {
		case out <- 1:
		case <-c.Done():
		}
	}(ctx)
}

// The context package imported under another name.
func AliasImport(ctx stdctx.Context, out chan int) {
	go func(c stdctx.Context) { // want ctx-done-missing `receives ctx but never observes`
		out <- 2
	}(ctx)
	go func(c stdctx.Context) {
		for {
			select {
			case out <- 3:
			case <-c.Done():
				return
			}
		}
	}(ctx)
}

// done := ctx.Done() then a receive from done observes ctx.
func DoneVariable(ctx context.Context, in chan int) {
	done := ctx.Done()
	go func() {
		for {
			select {
			case v := <-in:
				_ = work(v)
			case <-done:
				return
			}
		}
	}()
}

// A bare receive from ctx.Done() and then cleanup.
func BareDone(ctx context.Context, out chan int) {
	go func() {
		<-ctx.Done()
		close(out)
	}()
}

// Polling ctx.Err() in the loop condition.
func ErrPolling(ctx context.Context, in chan int) {
	go func() {
		for ctx.Err() == nil {
			v := <-in // want ctx-unguarded-block `.<-in. can block forever`
			_ = work(v)
		}
	}()
}

// A ctx derived with WithTimeout is observed: that observes the parent too.
func DerivedObserved(ctx context.Context, out chan int) {
	go func() {
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		select {
		case out <- 1:
		case <-tctx.Done():
		}
	}()
}

// A derived ctx that nobody observes.
func DerivedIgnored(ctx context.Context, out chan int) {
	tctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { // want ctx-done-missing `captures tctx but never observes tctx.Done\(\)`
		fmt.Println(tctx.Value("k"))
		out <- 1
	}()
}
