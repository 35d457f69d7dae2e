package peers

import (
	"context"
	"testing"
	"time"

	"example.com/testdata/oracle/leakprof"
)

func TestMain(m *testing.M) { leakprof.Main(m) }

func TestHelpers(t *testing.T) {
	ctx := context.Background()
	Gather(ctx)
	GatherOrTimeout(ctx)
	RunJob(ctx)
	stop := make(chan struct{})
	close(stop)
	RunJobOrStop(ctx, stop)
}

// The requester gives up while the loop works: its ctx is cancelled after `patience`.
func TestReplies(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	w := &writer{ctx: ctx, reqs: make(chan *writeReq)}
	w.Start()
	c := &counter{ctx: ctx, reqs: make(chan countReq)}
	c.Start()
	time.AfterFunc(patience, cancel)
	done := make(chan struct{}, 2)
	go func() { _ = w.Append(1); done <- struct{}{} }()
	go func() { _, _ = c.Add(1); done <- struct{}{} }()
	<-done
	<-done
	time.Sleep(50 * time.Millisecond)
}
