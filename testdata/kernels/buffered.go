package kernels

import (
	"context"
	"time"
)

// A buffer of one does not cover a sender that loops: the second send waits once the parent has gone.
func BufferedOverrun(ctx context.Context, xs []int) int {
	ch := make(chan int, 1)
	go func() {
		for _, x := range xs {
			ch <- x // want abandoned-sender `whose buffer of 1 this goroutine's sends can fill`
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Two sends into a buffer of two never wait.
func BufferedCovered(ctx context.Context) int {
	ch := make(chan int, 2)
	go func() {
		ch <- 1
		ch <- 2
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func pump(ch chan<- int, xs []int) {
	for _, x := range xs {
		ch <- x // want abandoned-sender `whose buffer of 1`
	}
}

func reportOnce(ch chan<- error, do func() error) {
	for {
		if err := do(); err != nil {
			ch <- err
			return
		}
	}
}

// A named sender in a loop overruns the buffer; one that sends once and returns does not.
func BufferedNamed(xs []int, do func() error) int {
	ch := make(chan int, 1)
	go pump(ch, xs)
	errc := make(chan error, 1)
	go reportOnce(errc, do)
	select {
	case v := <-ch:
		return v
	case <-errc:
		return -1
	case <-time.After(time.Second):
		return 0
	}
}

// A large queue is taken as sized for the work.
func LargeQueue(ctx context.Context, xs []int) int {
	ch := make(chan int, 64)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}
