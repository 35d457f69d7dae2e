package tricky

import (
	"context"
	"errors"
	"net/http"
)

type mdKey struct{}

// NewOutgoingContext derives a ctx the way grpc's metadata package does.
func NewOutgoingContext(ctx context.Context, md string) context.Context {
	return context.WithValue(ctx, mdKey{}, md)
}

// A captured ctx reassigned from a deriving call, then handed to a call outside the module.
func Reassigned(ctx context.Context, url string) error {
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errCh := make(chan error, 1)
	go func() {
		rctx = NewOutgoingContext(rctx, "k")
		req, err := http.NewRequestWithContext(rctx, http.MethodGet, url, nil)
		if err != nil {
			errCh <- err
			return
		}
		_, err = http.DefaultClient.Do(req)
		errCh <- err
	}()
	return <-errCh
}

// Two sends on exclusive paths fit a buffer of one.
func ExclusivePaths(ctx context.Context, fail bool) error {
	errCh := make(chan error, 1)
	go func() {
		_ = ctx.Value("k")
		if fail {
			errCh <- errors.New("failed")
			return
		}
		errCh <- nil
	}()
	return <-errCh
}

// Two sends on one path overflow a buffer of one once the caller stops waiting.
func SamePath(ctx context.Context) error {
	errCh := make(chan error, 1)
	go func() { // want ctx-done-missing `can block at .errCh <- nil.`
		_ = ctx.Value("k")
		errCh <- errors.New("first")
		errCh <- nil // want abandoned-sender `SamePath can return on .<-ctx.Done\(\). without receiving from errCh`
	}()
	select {
	case err := <-errCh:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
