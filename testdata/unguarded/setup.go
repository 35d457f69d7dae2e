package unguarded

import (
	"context"
	"time"
)

// SetupWatch starts a watcher that observes ctx in its select but sends its events bare. Only the command in
// oncecmd calls it, once for the process: the one goroutine it may leave blocked is no leak that grows.
func SetupWatch(ctx context.Context, events chan<- int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
			events <- 1
		}
	}()
}

// Twin: the command calls Watch once per event channel, in a loop: every call may leave one more sender behind.
func Watch(ctx context.Context, events chan<- int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
			events <- 1 // want ctx-unguarded-block `.events <- 1. can block forever: goroutine running func literal observes ctx.Done\(\) elsewhere, but this operation is not in a select with it`
		}
	}()
}
