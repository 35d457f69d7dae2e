package abandon

import (
	"context"
	"testing"

	"example.com/testdata/oracle/leakprof"
)

func TestMain(m *testing.M) { leakprof.Main(m) }

// cancelled is a context the parent finds cancelled when it starts waiting: it leaves on ctx.Done().
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

var servers = []string{"a", "bb", "ccc"}

func TestTimeout(t *testing.T) {
	Timeout(cancelled())
	TimeoutBuffered(cancelled())
	TimeoutSelect(cancelled())
}

func TestTimer(t *testing.T) {
	Timer()
	TimerStop()
}

func TestEarlyReturn(t *testing.T) {
	EarlyReturn(true)
	EarlyReturnBuffered(true)
	EarlyReturnAfter(true)
	EarlyReturnAfter(false)
}

func TestFirst(t *testing.T) {
	FirstWins(servers)
	FirstWinsBuffered(servers)
	AllReceived(servers)
	FirstError([]string{"", "", ""})
	FirstErrorBuffered([]string{"", "", ""})
}

func TestReady(t *testing.T) {
	Ready(true)
	ReadyDeferred(true)
}

func TestOutrun(t *testing.T) {
	Outrun(3)
	OutrunSized(3)
}

func TestLoops(t *testing.T) {
	MovesOn()
	MovesOnDrained()
	Collect(cancelled(), 3)
	CollectRange(2)
	Derived(cancelled())
	FanIn(cancelled())
	Semaphore([]int{1, 2, 3})
}
