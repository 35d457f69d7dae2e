package core

import (
	"context"
	"time"
)

// The goroutine's send is guarded by a stop channel that nothing ever closes: the guard never fires.
func StopNeverClosed(d time.Duration) int {
	ch := make(chan int)
	stop := make(chan struct{})
	go func() {
		select { // want abandoned-sender `StopNeverClosed can leave on .<-time.After\(d\). without receiving from ch`
		case ch <- value():
		case <-stop:
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		return 0
	}
}

// Twin: the parent closes the stop channel on its way out.
func StopClosedOnExit(d time.Duration) int {
	ch := make(chan int)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case ch <- value():
		case <-stop:
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		return 0
	}
}

// Twin: the guard is the parent's ctx, which its caller cancels.
func GuardedByCtx(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- value():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// A ctx redeclared by a tracing call with := is still the ctx the goroutine is handed.
type span struct{}

func (*span) End() {}

func startSpan(ctx context.Context, name string) (context.Context, *span) { return ctx, &span{} }

func produce(ctx context.Context, out chan<- int) {
	out <- value()
}

func Traced(ctx context.Context, out chan int) {
	ctx, sp := startSpan(ctx, "traced")
	defer sp.End()
	go produce(ctx, out) // want ctx-done-missing `never observes`
}
