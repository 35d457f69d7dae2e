package signal

import "testing"

func produce() error { return nil }

// Twin: a failed check on the early path makes it a failing test, not a leak (the waiting literal is no test
// itself, so only the failed check keeps it silent).
func TestProducer(t *testing.T) {
	go func() {
		done := make(chan bool)
		go func() {
			if err := produce(); err != nil {
				t.Errorf("produce: %v", err)
				return
			}
			done <- true
		}()
		<-done
	}()
}

// Twin: the test itself waits; if the goroutine returns early the test times out and fails.
func TestWorker(t *testing.T) {
	started := make(chan struct{})
	go func() {
		if err := produce(); err != nil {
			return
		}
		close(started)
	}()
	<-started
}

// The waiting function is a helper the test runs in a goroutine of its own: left behind when the worker returns
// early.
func TestHelperLeaks(t *testing.T) {
	go transfer()
}

func transfer() {
	progressDone := make(chan struct{})
	go func() { // want unsent-signal `this goroutine can return without closing progressDone, and transfer waits on progressDone for it`
		if err := produce(); err != nil {
			return
		}
		close(progressDone)
	}()
	<-progressDone
}
