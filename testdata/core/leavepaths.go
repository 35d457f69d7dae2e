// Package core holds the shapes the IR's leave paths judge: an unbuffered channel made by the parent, senders
// it starts, and every way the parent can return with a send not received. Each leak has a correct twin.
package core

import (
	"context"
	"errors"
	"time"
)

func work() error { return nil }

func value() int { return 1 }

// The channel's name says nothing: a timeout abandons the sender whatever it is called.
func TimeoutNamedDone(d time.Duration) error {
	done := make(chan error)
	go func() { done <- work() }() // want abandoned-sender `can return on .<-time.After\(d\). without receiving from done`
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return errors.New("timeout")
	}
}

// Twin: one slot of buffer lets the send complete.
func TimeoutNamedDoneBuffered(d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- work() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return errors.New("timeout")
	}
}

// An early return on one branch, the receive on the other.
func EarlyReturnThen(skip bool) int {
	ch := make(chan int)
	go func() { ch <- value() }() // want abandoned-sender `EarlyReturnThen can return before receiving from ch`
	if skip {
		return 0
	}
	return <-ch
}

// The receive inside the branch, the return after it: the other branch leaves.
func EarlyReturnElse(wait bool) int {
	ch := make(chan int)
	go func() { ch <- value() }() // want abandoned-sender `EarlyReturnElse can return before receiving from ch`
	if wait {
		return <-ch
	}
	return 0
}

// Twin: both branches receive.
func BothBranchesReceive(wait bool) int {
	ch := make(chan int)
	go func() { ch <- value() }()
	if wait {
		return <-ch
	}
	v := <-ch
	return v + 1
}

// Two senders, and the parent returns on the first error: the second sender is left behind.
func TwoSendersFirstError() error {
	errs := make(chan error)
	for i := 0; i < 2; i++ {
		go func() { errs <- work() }() // want abandoned-sender `TwoSendersFirstError can return before receiving from errs`
	}
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// Twin: every result is received before the first error is returned.
func TwoSendersAllReceived() error {
	errs := make(chan error)
	for i := 0; i < 2; i++ {
		go func() { errs <- work() }()
	}
	var first error
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Two go statements, one receive.
func TwoStatementsOneReceive() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	go func() { ch <- 2 }() // want abandoned-sender `return after receiving from ch once, fewer than the 2 sends`
	return <-ch
}

// Twin: two receives.
func TwoStatementsTwoReceives() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	go func() { ch <- 2 }()
	return <-ch + <-ch
}

// The ctx.Done() arm returns without draining; the stop arm drains.
func DrainOnSomeArms(ctx context.Context, stop <-chan struct{}) int {
	ch := make(chan int)
	go func() { ch <- value() }() // want abandoned-sender `can leave on .<-ctx.Done\(\). without receiving from ch`
	select {
	case v := <-ch:
		return v
	case <-stop:
		return <-ch
	case <-ctx.Done():
		return 0
	}
}

// Twin: every arm drains.
func DrainOnEveryArm(ctx context.Context, stop <-chan struct{}) int {
	ch := make(chan int)
	go func() { ch <- value() }()
	select {
	case v := <-ch:
		return v
	case <-stop:
		return <-ch
	case <-ctx.Done():
		<-ch
		return 0
	}
}

// A non-blocking poll: the default arm returns at once.
func Poll() int {
	ch := make(chan int)
	go func() { ch <- value() }() // want abandoned-sender `Poll can return on .default. without receiving from ch`
	select {
	case v := <-ch:
		return v
	default:
		return -1
	}
}

// Twin: the goroutine's send gives up too.
func PollBothSides() int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- value():
		default:
		}
	}()
	select {
	case v := <-ch:
		return v
	default:
		return -1
	}
}

// A stop channel the goroutine closes after its sends: receiving from it means the sends are done.
func SignalAfterSends(n int) []int {
	out := make(chan int)
	finished := make(chan struct{})
	go func() {
		for i := 0; i < n; i++ {
			out <- i
		}
		close(finished)
	}()
	var got []int
	for {
		select {
		case v := <-out:
			got = append(got, v)
		case <-finished:
			return got
		}
	}
}

// A failing test is not a leave path worth reporting; os.Exit and panic end everything.
func PanicsInstead(bad bool) int {
	ch := make(chan int)
	go func() { ch <- value() }()
	if bad {
		panic("bad input")
	}
	return <-ch
}

// A helper gets the channel as a parameter and sends once.
func send(ch chan<- int, v int) { ch <- v } // want abandoned-sender `HelperSender can return on .<-time.After\(time.Second\).`

func HelperSender() int {
	ch := make(chan int)
	go send(ch, 1)
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// Twin: the helper's channel is buffered by the parent.
func HelperSenderBuffered() int {
	ch := make(chan int, 1)
	go send(ch, 1)
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// Twin: a send followed by return inside an endless loop happens once, and the parent receives once.
func SendOnceFromLoop(next func() (int, error)) {
	finished := make(chan struct{})
	go func() {
		for {
			if _, err := next(); err != nil {
				finished <- struct{}{}
				return
			}
		}
	}()
	<-finished
}
