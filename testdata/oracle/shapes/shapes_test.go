package shapes

import (
	"context"
	"testing"

	"example.com/testdata/oracle/leakprof"
)

func TestMain(m *testing.M) { leakprof.Main(m) }

func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestStopChannels(t *testing.T) {
	Watch(true)
	WatchDeferred(true)
	Serve(context.Background(), make(chan int))
	ctx, cancel := context.WithCancel(context.Background())
	ServeDone(ctx, make(chan int))
	cancel()
	Stop(true)
	StopDeferred(true)
}

func TestFields(t *testing.T) {
	f := &fetcher{results: make(chan int)}
	f.Fetch(cancelled())
	g := &fetcher{results: make(chan int)}
	g.FetchSelect(cancelled())
}

func TestBranches(t *testing.T) {
	Maybe(false)
	MaybeBuffered(false)
	Two()
	TwoReceived()
	stop := make(chan struct{})
	close(stop)
	Arms(context.Background(), stop)
	ArmsDrained(context.Background(), stop)
}

func TestTicker(t *testing.T) {
	Tick(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	TickDone(ctx)
	cancel()
}

func TestIndirect(t *testing.T) {
	Helper(cancelled())
	HelperBuffered(cancelled())
	Later(cancelled())
	Iface(cancelled())
}

func TestPolls(t *testing.T) {
	NonBlocking()
	NonBlockingBuffered()
	Slots()
	SlotsEnough()
}

func TestRecovered(t *testing.T) {
	Recovered(true)
	RecoveredBuffered(true)
}

func TestLocks(t *testing.T) {
	Once(cancelled())
	Locked(cancelled())
	LockedBuffered(cancelled())
}

func TestDetached(t *testing.T) {
	Detached()
	DetachedCancelled().cancel()
}
