// Package boot holds a helper's set-up: Handshake runs once for the process, from main only; Serve runs from main and
// from tests, again and again.
package boot

import (
	"context"
	"errors"
)

func greet() error { return errors.New("no peer") }

// Handshake can leave its sender blocked when ctx ends first, but main calls it once and the process then exits or
// goes on without it: one goroutine for the whole process, no leak that grows. Not reported.
func Handshake(ctx context.Context) error {
	errCh := make(chan error)
	go func() {
		errCh <- greet()
	}()
	select {
	case err := <-errCh:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Twin: Serve has the same shape, and the tests call it too: every call can leave one more sender behind.
func Serve(ctx context.Context) int {
	errCh := make(chan error)
	go func() {
		errCh <- greet() // want abandoned-sender `.errCh <- greet\(\). blocks forever: this goroutine sends on errCh, which has no buffer, and Serve can return on .<-ctx.Done\(\). without receiving from errCh`
	}()
	select {
	case err := <-errCh:
		if err != nil {
			return 1
		}
		return 0
	case <-ctx.Done():
		return 2
	}
}
