package fix

import (
	"context"
	"os"
	"sync"
	"testing"

	"example.com/testdata/oracle/leakprof"
)

// npm run fixcheck runs these tests twice with GOEXPERIMENT=goroutineleakprofile: on fix.go as it is (the
// goroutines of the fixable cases leak) and on fix.go.golden with GOLEASH_FIXED=1 (none leaks, and the
// statements after each wrapped operation still run).
func TestMain(m *testing.M) { leakprof.Main(m) }

func fixed() bool { return os.Getenv("GOLEASH_FIXED") == "1" }

// cancelled returns a context that is already cancelled: each parent takes its leaving path at once.
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestTail(t *testing.T) {
	Tail(cancelled(), make(chan int))
	TailInBranch(cancelled(), make(chan int), true)
}

// The consumer takes the first line and gives up: the sender of the last line is left behind unless it can
// still close the channel on cancellation.
func TestStream(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := Stream(ctx, []string{"a", "b"})
	if got := <-ch; got != "a" {
		t.Fatalf("first line: %q", got)
	}
	cancel()
	if fixed() {
		for range ch { // the fixed stream still closes ch: a ranging consumer ends
		}
	}
}

// A consumer that ranges after cancelling must see the channel closed, original or fixed (a fix that returned
// instead of falling through to close(ch) would hang here).
func TestStreamRangeEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := Stream(ctx, []string{"a", "b", "c"})
	cancel()
	for range ch {
	}
}

func TestCounted(t *testing.T) {
	var wg sync.WaitGroup
	Counted(cancelled(), make(chan int), &wg)
	if fixed() {
		wg.Wait() // wg.Done() after the wrapped send still runs
	}
}

func TestFirst(t *testing.T) {
	for i := 0; i < 10; i++ {
		if _, err := First(cancelled()); err == nil {
			t.Log("First received before it saw the cancellation")
		}
	}
}

func TestAll(t *testing.T) {
	if _, err := All(cancelled(), []int{1, 2, 3}); err == nil {
		t.Log("All received before it saw the cancellation")
	}
}
