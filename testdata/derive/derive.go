// Package derive: contexts derived inside the goroutine, and work after a Done receive.
package derive

import (
	"context"
	"time"
)

// Deriving a child ctx (shadowing the parent) observes nothing by itself.
func ShadowedChild(ctx context.Context, ch chan int) {
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .ch <- 1.`
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		_ = ctx
		ch <- 1
	}()
}

// A child under a new name, with a timeout, that is never watched either.
func RenamedChild(ctx context.Context, ch chan int) {
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .<-ch.`
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_ = tctx.Value("k")
		<-ch
	}()
}

// Watching the derived child observes the parent too.
func WatchedChild(ctx context.Context, ch chan int) {
	go func() {
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		select {
		case <-tctx.Done():
		case ch <- 1:
		}
	}()
}

// Waiting for Done and then reporting the shutdown is a protocol with the parent, not judged.
func ReportAfterDone(ctx context.Context, errc chan<- error) {
	go func() {
		<-ctx.Done()
		errc <- ctx.Err()
	}()
}

// A Done receive inside a branch does not make what follows the branch shutdown work.
func DoneInBranch(ctx context.Context, wait bool, out chan<- int) {
	go func() {
		if wait {
			<-ctx.Done()
			return
		}
		out <- 1 // want ctx-unguarded-block `.out <- 1. can block forever`
	}()
}

// Each path sends once into the buffer of one and then closes and returns: no send can block.
func SendCloseReturn(ctx context.Context, poll func() (bool, error)) <-chan error {
	next := make(chan error, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				next <- ctx.Err()
				close(next)
				return
			case <-time.After(time.Second):
				ok, err := poll()
				if err != nil {
					next <- err
					close(next)
					return
				}
				if ok {
					next <- nil
					close(next)
					return
				}
			}
		}
	}()
	return next
}
