// Once-flags: a send inside a loop that a boolean guards (set to true beside the send, tested before it) runs at
// most once; each sits beside a variant whose flag can be false again.
package abandoned

import (
	"context"
	"errors"
	"time"
)

type fwdReq struct {
	kind    int
	payload string
}

// frp shape: a 1-slot buffer, the send guarded by !got in the if condition, got set before the send
func FirstForward(reqs <-chan fwdReq, timeout time.Duration) (string, error) {
	addrCh := make(chan string, 1)
	go func() {
		got := false
		for r := range reqs {
			if r.kind == 1 && !got {
				got = true
				addrCh <- r.payload
			}
		}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case a := <-addrCh:
		return a, nil
	case <-timer.C:
		return "", errors.New("timeout")
	}
}

// the flag is reset: every matching request sends
func EveryForward(reqs <-chan fwdReq, timeout time.Duration) (string, error) {
	addrCh := make(chan string, 1)
	go func() {
		got := false
		for r := range reqs {
			if r.kind == 2 {
				got = false
			}
			if r.kind == 1 && !got {
				got = true
				addrCh <- r.payload // want abandoned-sender `EveryForward can return on .<-timer.C. without receiving from addrCh`
			}
		}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case a := <-addrCh:
		return a, nil
	case <-timer.C:
		return "", errors.New("timeout")
	}
}

type pickResult struct {
	err error
	url string
}

// netbird shape: a named function, `if has { continue }` before the send
func pickFirst(results chan pickResult, success chan pickResult, n int) {
	var has bool
	for i := 0; i < n; i++ {
		r := <-results
		if r.err != nil {
			continue
		}
		if has {
			continue
		}
		has = true
		success <- r
	}
	close(success)
}

func Pick(ctx context.Context, n int) (string, error) {
	results := make(chan pickResult, n)
	success := make(chan pickResult, 1)
	go pickFirst(results, success, n)
	select {
	case r, ok := <-success:
		if !ok {
			return "", errors.New("none")
		}
		return r.url, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// the flag lives in the loop body: it is false again on every iteration
func pickEvery(results chan pickResult, success chan pickResult, n int) {
	for i := 0; i < n; i++ {
		var has bool
		r := <-results
		if has {
			continue
		}
		has = true
		success <- r // want abandoned-sender `PickAll can return on .<-ctx.Done\(\). without receiving from success`
	}
	close(success)
}

func PickAll(ctx context.Context, n int) (string, error) {
	results := make(chan pickResult, n)
	success := make(chan pickResult, 1)
	go pickEvery(results, success, n)
	select {
	case r, ok := <-success:
		if !ok {
			return "", errors.New("none")
		}
		return r.url, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// restic shape: unbuffered, the send under `if !matched`, matched set after the send
func ListenAddr(ctx context.Context, lines <-chan string) (string, error) {
	addrCh := make(chan string)
	go func() {
		defer close(addrCh)
		matched := false
		for line := range lines {
			if !matched {
				if len(line) > 3 {
					addrCh <- line
					matched = true
				}
			}
		}
	}()
	a, ok := <-addrCh
	if !ok {
		return "", errors.New("closed")
	}
	return a, nil
}

// the flag is set only on another branch: every long line sends
func ListenAddrs(ctx context.Context, lines <-chan string) (string, error) {
	addrCh := make(chan string)
	go func() {
		defer close(addrCh)
		matched := false
		for line := range lines {
			if !matched {
				if len(line) > 3 {
					addrCh <- line // want abandoned-sender `ListenAddrs can return after receiving from addrCh once, fewer than the many sends`
				} else {
					matched = true
				}
			}
		}
	}()
	a, ok := <-addrCh
	if !ok {
		return "", errors.New("closed")
	}
	return a, nil
}

// a counter that only grows guards the send: only the first start reports, into the one slot, and the parent
// takes it
func SuperviseCounted(start func() error, quit <-chan struct{}) error {
	started := make(chan error, 1)
	go func() {
		restarts := 0
		for {
			err := start()
			if restarts == 0 {
				started <- err
			}
			restarts++
			select {
			case <-quit:
				return
			default:
			}
		}
	}()
	return <-started
}

// twin: the counter is reset on a failure, so the send runs again after each: the second fills the slot, the
// third blocks forever
func SuperviseReset(start func() error, quit <-chan struct{}) error {
	started := make(chan error, 1)
	go func() {
		restarts := 0
		for {
			err := start()
			if restarts == 0 {
				started <- err // want abandoned-sender `started <- err. blocks forever: this goroutine sends on started, whose buffer of 1 the sends can fill, and SuperviseReset can return after receiving from started once`
			}
			restarts++
			if err != nil {
				restarts = 0
			}
			select {
			case <-quit:
				return
			default:
			}
		}
	}()
	return <-started
}

// twin: the guarded body jumps back to the loop before the counter grows: it stays zero, every round sends
func SuperviseSkip(start func() error, quit <-chan struct{}) error {
	started := make(chan error, 1)
	go func() {
		restarts := 0
		for {
			err := start()
			if restarts == 0 {
				started <- err // want abandoned-sender `started <- err. blocks forever: this goroutine sends on started, whose buffer of 1 the sends can fill, and SuperviseSkip can return after receiving from started once`
				continue
			}
			restarts++
			select {
			case <-quit:
				return
			default:
			}
		}
	}()
	return <-started
}
