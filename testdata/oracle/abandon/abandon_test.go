package abandon

import (
	"context"
	"testing"
	"time"

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

func TestHandoff(t *testing.T) {
	Handoff(true)
	HandoffBuffered(true)
	HandoffAlways(true)
	HandoffAlways(false)
	stop := make(chan struct{})
	close(stop)
	Probe(stop)
	ProbeDrained(stop)
	Monitor(stop, 2)
	MonitorDrained(stop, 2)
}

// stopSoon is closed a few milliseconds from now: after a probe has started, before it answers.
func stopSoon() <-chan struct{} {
	stop := make(chan struct{})
	go func() {
		time.Sleep(5 * time.Millisecond)
		close(stop)
	}()
	return stop
}

func TestFields(t *testing.T) {
	n := newNode()
	go n.run()
	close(n.stop)
	time.Sleep(5 * time.Millisecond)
	go n.Status()
	q := newQuietNode()
	go q.run()
	close(q.stop)
	time.Sleep(5 * time.Millisecond)
	go q.Status()
	rep := newReporter()
	go rep.report()
	r := newReadReporter()
	go r.report()
	r.Next()
	time.Sleep(5 * time.Millisecond)
}

func TestSelfSend(t *testing.T) {
	go func() { <-waitErr(true) }()
	go func() { <-waitErrBuffered(true) }()
	go func() { <-waitErrLater(true) }()
	time.Sleep(5 * time.Millisecond)
}

func TestMonitorTick(t *testing.T) {
	MonitorTick(stopSoon())
	MonitorTickDrained(stopSoon())
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

func TestOwner(t *testing.T) {
	fail := func() error { return errDial }
	if _, err := OpenPipe(fail); err == nil {
		t.Fatal("OpenPipe: no error")
	}
	if _, err := OpenPipeClosed(fail); err == nil {
		t.Fatal("OpenPipeClosed: no error")
	}
}

func TestHelper(t *testing.T) {
	HelperTimeout(cancelled())
	HelperTimeoutBuffered(cancelled())
	HelperEarlyError([]int{-1, 2, 3})
	HelperDrained([]int{-1, 2, 3})
	HelperSendTimeout(cancelled())
	HelperSendBuffered(cancelled())
}

func TestUnclosed(t *testing.T) {
	PulseOnce()
	PulseHalted()
}

func TestPool(t *testing.T) {
	p := newPool()
	go p.manage()
	close(p.stop)
	time.Sleep(5 * time.Millisecond)
	p.Run(1, func() {})
	q := newQuietPool()
	go q.manage()
	close(q.stop)
	time.Sleep(5 * time.Millisecond)
	q.Run(1, func() {})
	time.Sleep(5 * time.Millisecond)
}
