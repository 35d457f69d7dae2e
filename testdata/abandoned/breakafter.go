// A send on an if branch that falls through to a break out of the loop runs once per goroutine; each case sits
// beside a variant whose loop goes on after the send.
package abandoned

import (
	"context"
	"errors"
)

type errRing struct{ n int }

func (r *errRing) readRing() (int, error) { return r.n, nil }

// each reader reports at most one error and then leaves its loop: a buffer of 2 holds both
func ReadBoth(ctx context.Context, a, b *errRing) error {
	errCh := make(chan error, 2)
	go func() {
		for ctx.Err() == nil {
			_, err := a.readRing()
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					errCh <- err
				}
				break
			}
		}
	}()
	go func() {
		for ctx.Err() == nil {
			_, err := b.readRing()
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					errCh <- err
				}
				break
			}
		}
	}()
	select {
	case err := <-errCh:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// the readers keep reading after an error: their sends can fill the buffer
func ReadBothOn(ctx context.Context, a, b *errRing) error {
	errCh := make(chan error, 2)
	go func() {
		for ctx.Err() == nil {
			_, err := a.readRing()
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					errCh <- err // want abandoned-sender `ReadBothOn can return on .<-ctx.Done\(\). without receiving from errCh`
				}
				continue
			}
		}
	}()
	go func() {
		for ctx.Err() == nil {
			_, err := b.readRing()
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					errCh <- err // want abandoned-sender `ReadBothOn can return on .<-ctx.Done\(\). without receiving from errCh`
				}
				continue
			}
		}
	}()
	select {
	case err := <-errCh:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
