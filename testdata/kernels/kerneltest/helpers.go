// Package kerneltest holds test helpers outside _test.go files: they import testing.
package kerneltest

import (
	"testing"
	"time"
)

func one() int { return 1 }

// The timeout fails the test: a sender left behind by a failing test is not reported, in a helper file too.
func WaitOne(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- one() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Fatal("timed out")
	}
}

// The timeout only logs: the sender is abandoned.
func WaitOneLogging(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- one() }() // want abandoned-sender `can move on after .<-time.After\(time.Second\). without receiving from ch`
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Log("slow")
	}
}
