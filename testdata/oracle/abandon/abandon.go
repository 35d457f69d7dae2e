// Package abandon holds parents that stop receiving from a sender (a timeout, a cancelled ctx, an early error,
// the first of several results), each next to a twin that does not leak. The driver tests in abandon_test.go
// run every parent down its leaving path; npm run oracle checks the labels against the runtime's leak profile.
package abandon

import (
	"context"
	"errors"
	"time"
)

// slow stands for a call that takes longer than the parents below are willing to wait.
func slow() int {
	time.Sleep(20 * time.Millisecond)
	return 1
}

var errPrepare = errors.New("prepare failed")

func prepare(fail bool) error {
	if fail {
		return errPrepare
	}
	return nil
}

// Timeout leaves on ctx.Done() and abandons the sender.
func Timeout(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `Timeout can return on .<-ctx.Done\(\). without receiving from ch`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// TimeoutBuffered is Timeout with a buffer for the one send.
func TimeoutBuffered(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go func() {
		ch <- slow()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// TimeoutSelect is Timeout with a sender that gives up on ctx.Done().
func TimeoutSelect(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		select {
		case ch <- slow():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Timer leaves on a timer.
func Timer() int {
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `Timer can return on .<-time.After\(time.Millisecond\).`
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Millisecond):
		return 0
	}
}

// TimerStop leaves on a timer too, but closes a stop channel the sender watches.
func TimerStop() int {
	ch := make(chan int)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case ch <- slow():
		case <-stop:
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Millisecond):
		return 0
	}
}

// EarlyReturn returns on an error before it receives.
func EarlyReturn(fail bool) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `EarlyReturn can return before receiving from ch`
	}()
	if err := prepare(fail); err != nil {
		return 0, err
	}
	return <-ch, nil
}

// EarlyReturnBuffered is EarlyReturn with a buffer.
func EarlyReturnBuffered(fail bool) (int, error) {
	ch := make(chan int, 1)
	go func() {
		ch <- slow()
	}()
	if err := prepare(fail); err != nil {
		return 0, err
	}
	return <-ch, nil
}

// EarlyReturnAfter checks first and starts the sender only when it will receive.
func EarlyReturnAfter(fail bool) (int, error) {
	if err := prepare(fail); err != nil {
		return 0, err
	}
	ch := make(chan int)
	go func() {
		ch <- slow()
	}()
	return <-ch, nil
}

// FirstWins starts one sender per server and takes the first answer.
func FirstWins(servers []string) int {
	ch := make(chan int)
	for _, s := range servers {
		go func(s string) {
			ch <- len(s) // want abandoned-sender `FirstWins starts one sender per loop iteration but receives from ch once`
		}(s)
	}
	return <-ch
}

// FirstWinsBuffered gives every sender a slot.
func FirstWinsBuffered(servers []string) int {
	ch := make(chan int, len(servers))
	for _, s := range servers {
		go func(s string) {
			ch <- len(s)
		}(s)
	}
	return <-ch
}

// AllReceived receives from every sender.
func AllReceived(servers []string) int {
	ch := make(chan int)
	for _, s := range servers {
		go func(s string) {
			ch <- len(s)
		}(s)
	}
	n := 0
	for range servers {
		n += <-ch
	}
	return n
}

// FirstError stops receiving at the first error: the senders after it are abandoned.
func FirstError(servers []string) error {
	ch := make(chan error)
	for _, s := range servers {
		go func(s string) {
			ch <- check(s) // want abandoned-sender `FirstError`
		}(s)
	}
	for range servers {
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

// FirstErrorBuffered is FirstError with a slot per server.
func FirstErrorBuffered(servers []string) error {
	ch := make(chan error, len(servers))
	for _, s := range servers {
		go func(s string) {
			ch <- check(s)
		}(s)
	}
	for range servers {
		if err := <-ch; err != nil {
			return err
		}
	}
	return nil
}

func check(s string) error {
	if s == "" {
		return errors.New("empty server name")
	}
	return nil
}

// Ready: the mirror image. The goroutine waits for a signal the parent sends only when prepare succeeds.
func Ready(fail bool) error {
	ready := make(chan struct{})
	go func() {
		<-ready // want abandoned-sender `ready`
		slow()
	}()
	if err := prepare(fail); err != nil {
		return err
	}
	close(ready)
	return nil
}

// ReadyDeferred closes the signal on every path.
func ReadyDeferred(fail bool) error {
	ready := make(chan struct{})
	defer close(ready)
	go func() {
		<-ready
		slow()
	}()
	return prepare(fail)
}

// Outrun: a buffer of one slot for a sender in a loop, and a parent that takes one value.
func Outrun(n int) int {
	ch := make(chan int, 1)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i // want abandoned-sender `ch <- i. blocks forever: this goroutine sends on ch, whose buffer of 1 the sends can fill, and Outrun can return after receiving from ch once` (one sender, a loop of sends, one receive)
		}
	}()
	return <-ch
}

// OutrunSized has a slot for every send.
func OutrunSized(n int) int {
	ch := make(chan int, n)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return <-ch
}
