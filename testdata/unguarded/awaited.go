// A promise every caller awaits: the goroutine watches ctx while it waits and then sends its one result with a bare
// send on the channel its function returns; both callers wait for that value on every way (one in place, one in a
// goroutine it starts that cannot end without it), so the send always finds its receiver. A caller that can give up
// first keeps the finding (future in testdata/oracle/unguarded, and WaitOrGiveUp below).
package unguarded

import (
	"context"
	"errors"
	"time"
)

func startCheck(ctx context.Context) <-chan error {
	errc := make(chan error)
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Millisecond):
		}
		errc <- errors.New("checked") // want ctx-unguarded-block `errc <- errors.New\("checked"\). can block forever` // want abandoned-sender `WaitOrGiveUp can leave on .<-time.After\(time.Second\).`
	}()
	return errc
}

// CheckNow waits for the one value.
func CheckNow(ctx context.Context) error {
	errc := startCheck(ctx)
	return <-errc
}

// CheckAsync hands the wait to a goroutine that cannot end without the value.
func CheckAsync(ctx context.Context, report func(error)) {
	errc := startCheck(ctx)
	go func() {
		report(<-errc)
	}()
}

// WaitOrGiveUp can leave on its own timeout: the goroutine's send then waits forever.
func WaitOrGiveUp(ctx context.Context) error {
	errc := startCheck(ctx)
	select {
	case err := <-errc:
		return err
	case <-time.After(time.Second):
		return errors.New("gave up")
	}
}

func startCheckAwaited(ctx context.Context) <-chan error {
	errc := make(chan error)
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Millisecond):
		}
		errc <- errors.New("checked")
	}()
	return errc
}

// CheckAwaited and CheckAwaitedAsync are the only callers of startCheckAwaited: both await its value.
func CheckAwaited(ctx context.Context) error {
	errc := startCheckAwaited(ctx)
	return <-errc
}

func CheckAwaitedAsync(ctx context.Context, report func(error)) {
	errc := startCheckAwaited(ctx)
	go func() {
		report(<-errc)
	}()
}
