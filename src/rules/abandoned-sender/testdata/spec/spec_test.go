package spec

import (
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
)

func fetch() int { return 1 }

// A spec that fails on its timeout (Ginkgo's Fail, dot-imported): the sender left behind belongs to a failed
// spec, not a leak worth an alarm.
func TestFailsOnTimeout(t *testing.T) {
	got := make(chan int)
	go func() {
		got <- fetch()
	}()
	select {
	case v := <-got:
		if v != 1 {
			t.Errorf("fetch = %d", v)
		}
	case <-time.After(time.Second):
		Fail("timed out")
	}
}

// The twin that leaves on its timeout without failing: the sender is left behind on a passing run.
func TestLeavesOnTimeout(t *testing.T) {
	got := make(chan int)
	go func() {
		got <- fetch() // want abandoned-sender `.got <- fetch\(\). blocks forever: this goroutine sends on got, which has no buffer, and TestLeavesOnTimeout can return on .<-time.After\(time.Second\). without receiving from got`
	}()
	select {
	case v := <-got:
		if v != 1 {
			t.Errorf("fetch = %d", v)
		}
	case <-time.After(time.Second):
		return
	}
}
