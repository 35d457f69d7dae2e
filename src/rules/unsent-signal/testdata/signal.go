// Package signal: functions that wait for a signal from the goroutine they start, with and without a signal on
// every way out of the goroutine.
package signal

import (
	"context"
	"errors"
)

type Result struct{ N int }

func step() error { return nil }

func finish() {}

// The worker closes done only at the end; an error path returns first, and the caller waits forever.
func Confirm() {
	done := make(chan struct{})
	go confirm(done) // want unsent-signal `this goroutine can return without closing done, and Confirm waits on done for it: the wait never ends`
	<-done
	finish()
}

func confirm(done chan struct{}) {
	if err := step(); err != nil {
		return
	}
	finish()
	close(done)
}

// Twin: the worker closes done in a defer, on every way out.
func ConfirmDeferred() {
	done := make(chan struct{})
	go confirmDeferred(done)
	<-done
	finish()
}

func confirmDeferred(done chan struct{}) {
	defer close(done)
	if err := step(); err != nil {
		return
	}
	finish()
}

// A watcher goroutine waits for the result of the goroutine it starts itself (lnd's funding manager): the
// result is sent only when the work succeeds, and a select case that returns on cancellation skips it.
func Watch(ctx context.Context, work <-chan Result) {
	go func() {
		res := make(chan Result)
		go func() { // want unsent-signal `this goroutine can return without sending on res, and Watch waits on res for it`
			select {
			case r := <-work:
				res <- r
			case <-ctx.Done():
				return
			}
		}()
		r := <-res
		_ = r
	}()
}

// Twin: the result goroutine sends on every path (an error result instead of a bare return).
func WatchAlways(ctx context.Context, work <-chan Result) error {
	res := make(chan error)
	go func() {
		select {
		case <-work:
			res <- nil
		case <-ctx.Done():
			res <- ctx.Err()
		}
	}()
	return <-res
}

// Twin: the parent selects on the result and the context, so it can stop waiting.
func WatchOrCancel(ctx context.Context, work <-chan Result) error {
	res := make(chan Result, 1)
	go func() {
		select {
		case r := <-work:
			res <- r
		case <-ctx.Done():
		}
	}()
	select {
	case <-res:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Twin: the parent closes the channel too when the goroutine fails to start its work: somebody else feeds it.
func Handoff(fail bool) {
	done := make(chan struct{})
	go func() {
		if err := step(); err != nil {
			return
		}
		close(done)
	}()
	if fail {
		close(done)
	}
	<-done
}

// Twin: every path of the helper the goroutine hands the channel to sends the result.
func Helper() error {
	errc := make(chan error)
	go run(errc)
	return <-errc
}

func run(errc chan error) {
	if err := step(); err != nil {
		errc <- err
		return
	}
	errc <- errors.New("done")
}

// Twin: the goroutine sends in a loop, a stream whose receives this rule does not count (a loop that runs zero
// times would skip every send, but the parent's loop takes exactly as many).
func Stream(n int) {
	vals := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			vals <- i
		}
	}()
	for i := 0; i < n; i++ {
		<-vals
	}
}

// Twin: the parent waits on errc only when the goroutine reports no winner, which is the only path on which it
// sends the error (netbird's race dialer): the wait is not on every way back to the caller.
func Race(results <-chan error) error {
	winner := make(chan int, 1)
	errc := make(chan error, 1)
	go func() {
		if err := <-results; err != nil {
			close(winner)
			errc <- err
			return
		}
		winner <- 1
	}()
	if _, ok := <-winner; !ok {
		return <-errc
	}
	return nil
}
