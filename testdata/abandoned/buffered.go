package abandoned

import (
	"context"
	"errors"
	"time"
)

var errNegative = errors.New("negative part")

// A buffer of one slot for a worker per part, and a parent that returns on the first error: the slot holds one
// more result, and every other worker still to send blocks forever.
func FirstErrorOneSlot(parts []int) error {
	errCh := make(chan error, 1)
	for _, p := range parts {
		go func(p int) {
			errCh <- check(p) // want abandoned-sender `errCh <- check\(p\). blocks forever: this goroutine sends on errCh, whose buffer of 1 the sends can fill, and FirstErrorOneSlot can return after receiving from errCh once, fewer than the sends of the goroutines it starts in a loop`
		}(p)
	}
	for range parts {
		if err := <-errCh; err != nil {
			return err
		}
	}
	return nil
}

// Twin: a slot per part holds every result, whenever the parent stops receiving.
func FirstErrorSized(parts []int) error {
	errCh := make(chan error, len(parts))
	for _, p := range parts {
		go func(p int) {
			errCh <- check(p)
		}(p)
	}
	for range parts {
		if err := <-errCh; err != nil {
			return err
		}
	}
	return nil
}

// Twin: the parent receives every result before it looks at any.
func AllResults(parts []int) error {
	errCh := make(chan error, 1)
	for _, p := range parts {
		go func(p int) {
			errCh <- check(p)
		}(p)
	}
	var first error
	for range parts {
		if err := <-errCh; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func check(p int) error {
	if p < 0 {
		return errNegative
	}
	return nil
}

// Twin: a fresh one-slot channel per round; each round's goroutine sends once, into its own channel's slot.
func RetryRounds(tries int) error {
	for i := 0; i < tries; i++ {
		errCh := make(chan error, 1)
		go func(i int) {
			errCh <- check(i)
		}(i)
		select {
		case <-time.After(time.Second):
			continue
		case err := <-errCh:
			if err == nil {
				return nil
			}
		}
	}
	return errNegative
}

// Twin: of the sends on the branches of one flag only two can run, into one slot and one receive.
func FlagSends(lines []string) error {
	ready := make(chan error, 1)
	go func() {
		listening := false
		for _, l := range lines {
			if !listening && l == "ready" {
				listening = true
				ready <- nil
			}
		}
		if !listening {
			ready <- errNegative
		}
		if listening {
			ready <- check(len(lines))
		}
	}()
	return <-ready
}

// Twin: two workers from a loop of two rounds, one slot, one receive: one value in the slot, one received.
func PairOneSlot() error {
	errCh := make(chan error, 1)
	for _, p := range []int{1, 2} {
		go func(p int) {
			errCh <- check(p)
		}(p)
	}
	return <-errCh
}

// Two goroutines started once each, one slot, and a parent that can leave on ctx.Done() without receiving: one
// send fills the slot, the other blocks forever.
func TwoOneSlot(ctx context.Context) error {
	errCh := make(chan error, 1)
	go func() {
		errCh <- check(1)
	}()
	go func() {
		errCh <- check(2) // want abandoned-sender `errCh <- check\(2\). blocks forever: this goroutine sends on errCh, whose buffer of 1 the sends can fill, and TwoOneSlot can leave on .<-ctx.Done\(\). without receiving from errCh`
	}()
	select {
	case err := <-errCh:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
