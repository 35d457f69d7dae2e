package stream

import (
	"context"
	"errors"
	"fmt"
)

// Watch reports at most one error: every send on errs in its loop is followed by a return, and the send after the
// loop ends the goroutine too, so the one slot of errs holds it. That is a single result, not a stream.
func Watch(ctx context.Context, events <-chan int) <-chan error {
	errs := make(chan error, 1)
	go func() {
		for e := range events {
			if e < 0 {
				errs <- fmt.Errorf("bad event %d", e)
				return
			}
			if !check(ctx, e) {
				errs <- errors.New("check failed")
				return
			}
		}
		errs <- errors.New("events closed")
	}()
	return errs
}

// WatchAll reports every bad event and goes on: its error sends are a stream, and the one slot of errs fills once
// the reader stops.
func WatchAll(ctx context.Context, events <-chan int) <-chan error {
	errs := make(chan error, 1)
	go func() {
		for e := range events {
			if e < 0 || !check(ctx, e) {
				errs <- fmt.Errorf("bad event %d", e) // want unguarded-stream `.errs <- fmt.Errorf\("bad event %d", e\). can block forever: this goroutine sends on errs, which WatchAll returns to its caller`
			}
		}
		close(errs)
	}()
	return errs
}
