// Package cancel: goroutines that end only on ctx.Done(), with and without a cancel on every path.
package cancel

import (
	"context"
	"errors"
	"time"
)

func cleanup() {}

func setup() error { return nil }

// An error path returns before cancel: the watcher waits forever.
func ErrorBeforeCancel(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	go func() { // want ctx-never-cancelled `this goroutine ends only when ctx is cancelled, and ErrorBeforeCancel can return without calling cancel`
		<-ctx.Done()
		cleanup()
	}()
	if err := setup(); err != nil {
		return err
	}
	cancel()
	return nil
}

// Twin: defer cancel() covers every path.
func DeferCancel(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		<-ctx.Done()
		cleanup()
	}()
	return setup()
}

func tick(ctx context.Context, d time.Duration) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			cleanup()
		}
	}
}

// The cancel function is thrown away.
func Discarded() {
	ctx, _ := context.WithCancel(context.Background())
	go tick(ctx, time.Second) // want ctx-never-cancelled `the cancel function of ctx is discarded`
}

// Twin: the cancel function is returned to the caller, who ends the ticker.
func Returned() context.CancelFunc {
	ctx, cancel := context.WithCancel(context.Background())
	go tick(ctx, time.Second)
	return cancel
}

// Twin: a deadline cancels the context by itself.
func Deadline() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	go tick(ctx, time.Second)
	_ = cancel
}

// Twin: the goroutine can also end when its work is done.
func WorkOrCancel(parent context.Context, work <-chan int) error {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		select {
		case <-ctx.Done():
		case <-work:
		}
	}()
	if err := setup(); err != nil {
		return errors.New("setup")
	}
	cancel()
	return nil
}

// Twin: cancel in a deferred func literal.
func DeferredLiteral(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer func() {
		cancel()
		cleanup()
	}()
	go tick(ctx, time.Second)
	return setup()
}

// Twin: the cancel is kept in a variable of the enclosing function; a later call of the closure cancels it.
func Reboost(ctx context.Context, tick <-chan time.Time) func(on bool) {
	var stop context.CancelFunc = func() {}
	return func(on bool) {
		stop()
		if !on {
			return
		}
		var loopCtx context.Context
		loopCtx, stop = context.WithCancel(ctx)
		go func() {
			for {
				select {
				case <-loopCtx.Done():
					return
				case <-tick:
				}
			}
		}()
	}
}
