// A test helper: a goroutine's one result received by a func the helper registers with t.Cleanup: the cleanup runs when the test
// ends, however it ends, so the send is taken (its timeout fails the test). Beside it, a goroutine that can send twice (the cleanup takes one).
package unguarded

import (
	"context"
	"errors"
	"testing"
	"time"
)

func clPing(n int) error {
	if n > 3 {
		return errors.New("too many")
	}
	return nil
}

func StartPingerStoppedAtCleanup(t *testing.T, parent context.Context) {
	done := make(chan error)
	ctx, cancel := context.WithCancel(parent)
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(time.Second):
			t.Error("the pinger did not stop")
		}
	})
	go func() {
		for {
			select {
			case <-ctx.Done():
				done <- nil
				return
			case <-time.After(10 * time.Millisecond):
				if err := clPing(1); err != nil {
					done <- err
					return
				}
			}
		}
	}()
}

func StartPingerReportingEveryError(t *testing.T, parent context.Context) {
	done := make(chan error)
	ctx, cancel := context.WithCancel(parent)
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(time.Second):
			t.Error("the pinger did not stop")
		}
	})
	go func() {
		for n := 0; ; n++ {
			select {
			case <-ctx.Done():
				return
			case <-time.After(10 * time.Millisecond):
				if err := clPing(n); err != nil {
					done <- err // want ctx-unguarded-block `.done <- err. can block forever`
				}
			}
		}
	}()
}
