package a

import (
	"context"
	"time"
)

// An embedded struct whose method reads the promoted ctx field and blocks without watching it.
type loopBase struct {
	ctx  context.Context
	tick chan struct{}
}

func (b *loopBase) wait() {
	_ = b.ctx.Value("trace")
	<-b.tick
}

func (b *loopBase) waitWatched() {
	select {
	case <-b.ctx.Done():
	case <-b.tick:
	}
}

type ticker struct{ loopBase }

func (t *ticker) Start() {
	go t.wait() // want ctx-done-missing `goroutine running loopBase.wait receives t.ctx but never observes`
	go t.waitWatched()
}

// A derived ctx polled with Err in the loop condition.
func PollDerived(ctx context.Context, out chan<- int) {
	go func() {
		tctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		for tctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
		close(out)
	}()
}
