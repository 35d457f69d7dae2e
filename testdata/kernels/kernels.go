// Package kernels holds small leak kernels in the shape of real bugs: timeouts, first-result-wins, early error returns.
package kernels

import (
	"context"
	"errors"
	"time"
)

func work(int) error { return nil }

type Conn struct{}

func (Conn) Do() int { return 1 }

func FinishRequest(timeout time.Duration, fn func() error) error {
	ch := make(chan error)
	errCh := make(chan interface{})
	go func() {
		if err := fn(); err != nil {
			errCh <- err // want abandoned-sender
		} else {
			ch <- nil // want abandoned-sender
		}
	}()
	select {
	case r := <-ch:
		return r
	case err := <-errCh:
		return err.(error)
	case <-time.After(timeout):
		return errors.New("timeout")
	}
}

func Query(conns []Conn) int {
	ch := make(chan int)
	for _, c := range conns {
		go func(c Conn) { ch <- c.Do() }(c) // want abandoned-sender
	}
	return <-ch
}

func Process(items []int) error {
	errc := make(chan error)
	for _, it := range items {
		go func(it int) { errc <- work(it) }(it) // want abandoned-sender
	}
	for range items {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func sender(ch chan<- int) { ch <- 1 } // want abandoned-sender

func Named(ctx context.Context) int {
	ch := make(chan int)
	go sender(ch)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func Receiver(cond bool) {
	ch := make(chan int)
	go func() {
		v := <-ch // want abandoned-sender
		_ = v
	}()
	if cond {
		return
	}
	ch <- 1
}

// fixed versions
func QueryFixed(conns []Conn) int {
	ch := make(chan int, len(conns))
	for _, c := range conns {
		go func(c Conn) { ch <- c.Do() }(c)
	}
	return <-ch
}

func ProcessAll(items []int) error {
	errc := make(chan error)
	for _, it := range items {
		go func(it int) { errc <- work(it) }(it)
	}
	var first error
	for range items {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func TimeoutBuffered(timeout time.Duration) error {
	ch := make(chan error, 1)
	go func() { ch <- work(1) }()
	select {
	case err := <-ch:
		return err
	case <-time.After(timeout):
		return errors.New("timeout")
	}
}

func ErrBeforeRecv(fail bool) (int, error) {
	ch := make(chan int)
	go func() { ch <- 1 }() // want abandoned-sender
	if fail {
		return 0, errors.New("fail")
	}
	return <-ch, nil
}

func ClosesAfter() int {
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		select {
		case ch <- 1:
		case <-done:
		}
	}()
	defer close(done)
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

type Server struct{ quit chan struct{} }

func (s *Server) Wait() error {
	errc := make(chan error)
	go func() { errc <- work(2) }() // want abandoned-sender
	select {
	case err := <-errc:
		return err
	case <-s.quit:
		return nil
	}
}

func RangeRecv(n int) int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func RangeBreak(n int) int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i // want abandoned-sender `RangeBreak can return after receiving from ch once`
		}
		close(ch)
	}()
	for v := range ch {
		if v > 3 {
			return v
		}
	}
	return 0
}

// Two senders, two receives: goleash cannot count the iterations against the receives and stays silent.
func TwoOfTwo() int {
	ch := make(chan int)
	for _, name := range []string{"a", "b"} {
		go func(n string) { ch <- len(n) }(name)
	}
	first := <-ch
	second := <-ch
	return first + second
}
