// Selects whose Done or timer case does not return but moves on past the select (or its loop).
package kernels

import (
	"context"
	"errors"
	"time"
)

func one() int { return 1 }

// The Done case falls out of the select and the function ends: the sender is abandoned.
func FallThroughEnd(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		ch <- one() // want abandoned-sender
	}()
	v := 0
	select {
	case v = <-ch:
	case <-ctx.Done():
	}
	return v
}

// The timeout case breaks out of the loop.
func BreakOnTimeout() []int {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i // want abandoned-sender
		}
		close(ch)
	}()
	var out []int
loop:
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				break loop
			}
			out = append(out, v)
		case <-time.After(time.Second):
			break loop
		}
	}
	return out
}

// The error is stored and the function goes on to return: abandoned.
func ErrSet(ctx context.Context) error {
	errc := make(chan error)
	go func() { errc <- errors.New("x") }() // want abandoned-sender
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		err = ctx.Err()
	}
	return err
}

// Fine: the Done case falls through to a second receive.
func ReceiveAfter(ctx context.Context) int {
	ch := make(chan int)
	go func() { ch <- one() }()
	select {
	case <-ctx.Done():
	case <-time.After(time.Millisecond):
	}
	return <-ch
}

// The Done case drains the sender before moving on: nothing is abandoned.
func DrainInDoneCase(ctx context.Context, handshake func() error, closeConn func()) (err error) {
	errch := make(chan error)
	go func() {
		defer close(errch)
		errch <- handshake()
	}()
	select {
	case <-ctx.Done():
		closeConn()
		<-errch
		err = ctx.Err()
	case err = <-errch:
	}
	return
}
