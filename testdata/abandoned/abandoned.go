// Package abandoned holds senders that their parent can stop waiting for.
package abandoned

import (
	"context"
	"errors"
	"time"
)

type result struct{ v int }

func slowCall() result                             { return result{v: 1} }
func query(server string) result                   { return result{v: len(server)} }
func prepare() error                               { return errors.New("x") }
func withCtx(ctx context.Context, s string) result { return result{v: len(s)} }

// The timeout returns and the sender is left behind.
func Timeout(ctx context.Context) (*result, error) {
	ch := make(chan result)
	go func() {
		ch <- slowCall() // want abandoned-sender `.ch <- slowCall\(\). blocks forever: this goroutine sends on ch, which has no buffer, and Timeout can return on .<-ctx.Done\(\). without receiving from ch`
	}()
	select {
	case r := <-ch:
		return &r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// time.After instead of ctx.
func Timer() *result {
	ch := make(chan result)
	go func() {
		ch <- slowCall() // want abandoned-sender `Timer can return on .<-time.After\(time.Second\).`
	}()
	select {
	case r := <-ch:
		return &r
	case <-time.After(time.Second):
		return nil
	}
}

// The fixed version: a buffer of one.
func TimeoutFixed(ctx context.Context) (*result, error) {
	ch := make(chan result, 1)
	go func() {
		ch <- slowCall()
	}()
	select {
	case r := <-ch:
		return &r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// The fixed version: the sender selects on Done too.
func TimeoutSelect(ctx context.Context) (*result, error) {
	ch := make(chan result)
	go func() {
		select {
		case ch <- slowCall():
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return &r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// An early error return before the receive.
func EarlyReturn() (result, error) {
	ch := make(chan result)
	go func() {
		ch <- slowCall() // want abandoned-sender `EarlyReturn can return before receiving from ch`
	}()
	if err := prepare(); err != nil {
		return result{}, err
	}
	return <-ch, nil
}

// First result wins: one sender per server, one receive.
func FirstWins(servers []string) result {
	ch := make(chan result)
	for _, s := range servers {
		go func(s string) {
			ch <- query(s) // want abandoned-sender `FirstWins starts one sender per loop iteration but receives from ch once`
		}(s)
	}
	return <-ch
}

// Every sender is received from.
func AllReceived(servers []string) []result {
	ch := make(chan result)
	for _, s := range servers {
		go func(s string) {
			ch <- query(s)
		}(s)
	}
	out := make([]result, 0, len(servers))
	for range servers {
		out = append(out, <-ch)
	}
	return out
}

// The receiving loop returns on the first error: the remaining senders are abandoned.
func ErrorStopsReceiving(servers []string) error {
	ch := make(chan error)
	for _, s := range servers {
		go func(s string) {
			ch <- errors.New(s) // want abandoned-sender `ErrorStopsReceiving can return before receiving from ch`
		}(s)
	}
	for range servers {
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

// A named sender handed the channel.
func send(ch chan<- result) {
	ch <- slowCall() // want abandoned-sender `NamedSender can return on .<-ctx.Done\(\).`
}

func NamedSender(ctx context.Context) *result {
	ch := make(chan result)
	go send(ch)
	select {
	case r := <-ch:
		return &r
	case <-ctx.Done():
		return nil
	}
}

// The parent ranges over the channel: drained until it is closed.
func Drained(items []string) int {
	ch := make(chan result)
	go func() {
		defer close(ch)
		for _, it := range items {
			ch <- query(it)
		}
	}()
	n := 0
	for r := range ch {
		n += r.v
	}
	return n
}

// A goroutine that takes ctx, never observes it, and is abandoned: both rules speak, about different places.
func Both(ctx context.Context) *result {
	ch := make(chan result)
	go func() { // want ctx-done-missing `captures ctx`
		ch <- withCtx(context.Background(), "x") // want abandoned-sender `Both can return on`
		_ = ctx.Value("k")
	}()
	select {
	case r := <-ch:
		return &r
	case <-ctx.Done():
		return nil
	}
}

// The receive loop's other case returns once every worker is done: not before the receive.
func Finished(n int, step func() error) error {
	errCh := make(chan error)
	finished := make(chan struct{})
	go func() {
		for i := 0; i < n; i++ {
			if err := step(); err != nil {
				errCh <- err
			}
		}
		close(finished)
	}()
	var first error
	for {
		select {
		case <-finished:
			return first
		case err := <-errCh:
			if first == nil {
				first = err
			}
		}
	}
}

// A timer case with a fallible sender: both sends are abandoned.
func TwoResults(call func() (int, error), d time.Duration) (int, error) {
	timeout := time.After(d)
	resCh := make(chan int)
	errCh := make(chan error)
	go func() {
		r, err := call()
		if err != nil {
			errCh <- err // want abandoned-sender `TwoResults can return on .<-timeout.`
			return
		}
		resCh <- r // want abandoned-sender `TwoResults can return on .<-timeout.`
	}()
	select {
	case r := <-resCh:
		return r, nil
	case err := <-errCh:
		return 0, err
	case <-timeout:
		return 0, errors.New("timeout")
	}
}

// A stop channel instead of a context: the parent leaves on stop.
func Stoppable(stopCh <-chan struct{}) *result {
	ch := make(chan result)
	go func() {
		ch <- slowCall() // want abandoned-sender `Stoppable can return on .<-stopCh.`
	}()
	select {
	case r := <-ch:
		return &r
	case <-stopCh:
		return nil
	}
}

// The parent does not wait at all when the result is not ready yet.
func NoWait() *result {
	ch := make(chan result)
	go func() {
		ch <- slowCall() // want abandoned-sender `NoWait can return on .default.`
	}()
	select {
	case r := <-ch:
		return &r
	default:
		return nil
	}
}
