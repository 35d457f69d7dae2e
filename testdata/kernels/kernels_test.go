package kernels

import (
	"testing"
	"time"
)

// The timeout fails the test: a sender left behind by a failing test is not reported.
func TestTimeoutFails(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- one() }()
	select {
	case v := <-ch:
		if v != 1 {
			t.Errorf("got %d", v)
		}
	case <-time.After(time.Second):
		t.Fatal("timed out")
	}
}

// The timeout only logs and the test goes on: the sender is abandoned.
func TestTimeoutLogs(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- one() }() // want abandoned-sender `can move on after .<-time.After\(time.Second\). without receiving from ch`
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Log("slow")
	}
}

type suiteT struct{ t *testing.T }

func (s *suiteT) T() *testing.T { return s.t }

// A testify-style suite fails the test through s.T(): the sender is not reported.
func (s *suiteT) TestSuiteTimeoutFails() {
	ch := make(chan int)
	go func() { ch <- one() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		s.T().Fatal("timed out")
	}
}
