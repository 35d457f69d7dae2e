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

// refEmitter streams ids on the channel it is given.
type refEmitter struct{ out chan<- int }

func (r refEmitter) emitAll(ids []int) error {
	for _, id := range ids {
		if id < 0 {
			return errors.New("negative id")
		}
		r.out <- id
	}
	return nil
}

// Emit hands out to an emitter that streams on it: its own error send, followed by a return, is one send of many.
func Emit(ctx context.Context, batches [][]int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		em := refEmitter{out: out}
		for _, b := range batches {
			if !check(ctx, len(b)) {
				return
			}
			if err := em.emitAll(b); err != nil {
				out <- -1 // want unguarded-stream `.out <- -1. can block forever: this goroutine sends on out, which Emit returns to its caller`
				return
			}
		}
	}()
	return out
}
