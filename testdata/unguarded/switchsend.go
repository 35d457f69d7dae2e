package unguarded

import (
	"context"
	"errors"
	"time"
)

var errPoll = errors.New("poll failed")

// pollOnce stands in for a call that fails now and then.
func pollOnce(ctx context.Context, n int) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if n%7 == 6 {
		return errPoll
	}
	return nil
}

// WatchPolls reports the first failure on a one-slot channel: each send sits in a case of a switch that is
// followed by a return, so the goroutine sends once at most and the slot holds it.
func WatchPolls(ctx context.Context) <-chan error {
	errs := make(chan error, 1)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if err := pollOnce(ctx, n); err != nil {
				switch {
				case errors.Is(err, context.Canceled):
					errs <- context.Canceled
				default:
					errs <- err
				}
				return
			}
		}
	}()
	return errs
}

// WatchPollsOn is the twin that goes on polling after a failure: its sends outrun the one slot.
func WatchPollsOn(ctx context.Context) <-chan error {
	errs := make(chan error, 1)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if err := pollOnce(ctx, n); err != nil {
				switch {
				case errors.Is(err, context.Canceled):
					errs <- context.Canceled // want ctx-unguarded-block `.errs <- context.Canceled. can block forever`
				default:
					errs <- err // want ctx-unguarded-block `.errs <- err. can block forever`
				}
			}
		}
	}()
	return errs
}
