package rules

import (
	"context"
	"testing"

	"example.com/testdata/oracle/leakprof"
)

func TestMain(m *testing.M) { leakprof.Main(m) }

func TestConsume(t *testing.T) {
	Consume([]int{1, 2})
	ConsumeClosed([]int{1, 2})
}

func TestWatch(t *testing.T) {
	_ = Watch(context.Background(), true)
	_ = WatchDeferred(context.Background(), true)
}

// The reader takes one value and stops reading; for the guarded stream it cancels as it leaves.
func TestStream(t *testing.T) {
	<-Stream(context.Background(), 3)
	ctx, cancel := context.WithCancel(context.Background())
	<-StreamGuarded(ctx, 3)
	cancel()
}

func TestPump(t *testing.T) {
	p := NewPump()
	p.in <- 1
	q := NewStoppablePump()
	q.in <- 1
	q.Close()
}

func TestConsumeOk(t *testing.T) {
	ConsumeOk([]int{1, 2})
	ConsumeOkClosed([]int{1, 2})
	BatchOk([]int{1, 2})
	BatchOkClosed([]int{1, 2})
}

// The reader takes one value and stops reading; for the guarded stream it cancels as it leaves.
func TestStreamVia(t *testing.T) {
	<-StreamVia(context.Background(), 6)
	ctx, cancel := context.WithCancel(context.Background())
	<-StreamViaGuarded(ctx, 6)
	cancel()
}

func TestTicker(t *testing.T) {
	tk := NewTicker()
	tk.in <- 1
}

func TestConn(t *testing.T) {
	c := NewConn()
	c.Send(1)
	c.Close()
	d := NewClosingConn()
	d.Send(1)
	d.Close()
}
