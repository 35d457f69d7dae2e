package ctxdone

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

func TestParent(t *testing.T) {
	Parent(cancelled())
}

func TestFeed(t *testing.T) {
	items := []int{1, 2, 3}
	Feed(cancelled(), items)
	FeedClosed(cancelled(), items)
	FeedSelect(cancelled(), items)
}

func TestWaiters(t *testing.T) {
	Await(cancelled())
	AwaitSelect(cancelled())
	CondWait(cancelled())
	GroupWait(cancelled(), 2)
	Either(cancelled())
	EitherDone(cancelled())
}

func TestForever(t *testing.T) {
	Forever(cancelled())
	ForeverDone(cancelled())
	Poll(cancelled())
}

func TestMethods(t *testing.T) {
	Method(cancelled())
	MethodSelect(cancelled())
	MethodValue(cancelled())
	Generic(cancelled())
	GenericSelect(cancelled())
	Handed(cancelled())
}
