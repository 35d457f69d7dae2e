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

// underFixcheck is true when npm run fixcheck runs these tests (it sets GOLEASH_FIXED, empty or 1): the cases
// --fix leaves alone are driven for npm run oracle only, since fixcheck expects every leak it sees to be fixed.
func underFixcheck() bool {
	_, ok := os.LookupEnv("GOLEASH_FIXED")
	return ok
}

// The cases --fix does not rewrite still leak, and the runtime says so.
func TestNotFixed(t *testing.T) {
	if underFixcheck() {
		t.Skip("not rewritten by --fix")
	}
	MoreAfter(cancelled(), make(chan int))
	Loop(cancelled(), make(chan int), []int{1, 2})
	Gate(cancelled(), make(chan struct{}))
	// Handoff's select may take the send when both cases are ready; one of twenty calls leaving on ctx.Done()
	// is enough for the label (each call has at least an even chance).
	for i := 0; i < 20; i++ {
		Handoff(cancelled())
	}
}
