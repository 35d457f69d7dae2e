package abandoned

import (
	"errors"
	"time"
)

// dial stands for a connection attempt that may fail.
func dial() error { return nil }

// A retry loop that sends its success once and breaks out: at most one send, into a buffer of one.
func RetryOnce(timeout time.Duration) error {
	success := make(chan int, 1)
	go func() {
	loop:
		for {
			if err := dial(); err != nil {
				time.Sleep(time.Millisecond)
				continue
			}
			success <- 1
			break loop
		}
	}()
	select {
	case <-success:
		return nil
	case <-time.After(timeout):
		return errors.New("timeout")
	}
}

// Twin: the loop keeps sending, so the second send waits once the parent has gone.
func RetryForever(timeout time.Duration) error {
	success := make(chan int, 1)
	go func() {
		for {
			if err := dial(); err != nil {
				time.Sleep(time.Millisecond)
				continue
			}
			success <- 1 // want abandoned-sender `success <- 1. blocks forever: this goroutine sends on success, whose buffer of 1 this goroutine.s sends can fill`
		}
	}()
	select {
	case <-success:
		return nil
	case <-time.After(timeout):
		return errors.New("timeout")
	}
}
