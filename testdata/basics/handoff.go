// A wait handed off at cancellation: the parent waits in a select for an outcome or for its ctx's Done, and in the
// Done case starts a goroutine that takes over the wait for the outcome, with a ctx already cancelled (watching
// it would end the goroutine at once). Beside it, the same goroutine started while the ctx is live, or started
// after the cancellation for new work rather than for the wait the parent gave up.
package basics

import (
	"context"
	"time"
)

type hoOutcome struct{ ok bool }

func hoPublish(key string, o hoOutcome) {}

// waits for the late outcome and publishes it
func hoFinish(ctx context.Context, key string, outcome chan hoOutcome) {
	trace, _ := ctx.Value(key).(string)
	o := <-outcome
	hoPublish(trace+key, o)
}

// the caller's ctx ends first: the rest of the wait is handed to a goroutine that no longer needs it
func HandOffAfterCancel(ctx context.Context, key string, outcome chan hoOutcome) error {
	select {
	case <-ctx.Done():
		go hoFinish(ctx, key, outcome)
		return ctx.Err()
	case o := <-outcome:
		hoPublish(key, o)
		return nil
	}
}

// the same hand-off by a literal that captures the ctx
func HandOffLiteral(ctx context.Context, key string) error {
	outcome := make(chan hoOutcome, 1)
	go hoProduce(outcome)
	select {
	case <-ctx.Done():
		go func() {
			trace, _ := ctx.Value(key).(string)
			hoPublish(trace+key, <-outcome)
		}()
		return ctx.Err()
	case o := <-outcome:
		hoPublish(key, o)
		return nil
	}
}

func hoProduce(outcome chan<- hoOutcome) { outcome <- hoOutcome{ok: true} }

// the same goroutine started while the ctx is live: it outlives the cancellation it never watches
func HandOffTooEarly(ctx context.Context, key string, outcome chan hoOutcome) {
	go hoFinish(ctx, key, outcome) // want ctx-done-missing `goroutine running hoFinish receives ctx but never observes ctx.Done\(\); it can block at .<-outcome.`
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
	}
}

// started on the timer's way only: the ctx may still be live
func HandOffOnTimeout(ctx context.Context, key string, outcome chan hoOutcome) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(time.Second):
		go hoFinish(ctx, key, outcome) // want ctx-done-missing `goroutine running hoFinish receives ctx`
	}
}

// the parent never waited for the outcome: the goroutine's wait is new, not handed off
func HandOffNewWait(ctx context.Context, key string, outcome chan hoOutcome) {
	select {
	case <-ctx.Done():
		go hoFinish(ctx, key, outcome) // want ctx-done-missing `goroutine running hoFinish receives ctx`
	case <-time.After(time.Second):
	}
}
