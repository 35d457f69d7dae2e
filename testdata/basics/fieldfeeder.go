// A feeder goroutine closes the queue it fills, a struct field, when it ends (`defer close(m.tasks)`): the workers
// that range over that field end with it, whatever their ctx does. A queue of another object, or one the feeder does
// not close, leaves them waiting.
package basics

import (
	"context"
	"sync"
)

type feedKey struct{}

type feedManager struct {
	ctx   context.Context
	tasks chan int
	other chan int
}

func feedWork(ctx context.Context, t int) error { return ctx.Err() }

// RunFed: the feeder closes m.tasks when it ends; the workers range over the same field of the same m.
func (m *feedManager) RunFed(items []int) {
	ctx := context.WithValue(m.ctx, feedKey{}, 1)
	_ = feedWork(ctx, 0)
	m.tasks = make(chan int, 4)
	go func() {
		defer close(m.tasks)
		for _, it := range items {
			m.tasks <- it
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range m.tasks {
				ctx := context.WithValue(m.ctx, feedKey{}, t)
				_ = feedWork(ctx, t)
			}
		}()
	}
	wg.Wait()
}

// RunUnfed: the feeder fills m.other but closes nothing: the workers wait on it forever.
func (m *feedManager) RunUnfed(items []int) {
	ctx := context.WithValue(m.ctx, feedKey{}, 1)
	_ = feedWork(ctx, 0)
	m.other = make(chan int, 4)
	go func() {
		for _, it := range items {
			m.other <- it
		}
	}()
	go func() { // want ctx-done-missing `goroutine running func literal receives ctx but never observes ctx.Done\(\); it can block at .for range m.other.` // want endless-goroutine `nothing in its package closes m.other`
		for t := range m.other {
			ctx := context.WithValue(m.ctx, feedKey{}, t)
			_ = feedWork(ctx, t)
		}
	}()
}

// RunMaybeFed: the feeder closes m.tasks only when it owns it: on the other branch the workers wait forever.
func (m *feedManager) RunMaybeFed(items []int, owner bool) {
	m.tasks = make(chan int, 4)
	go func() {
		if owner {
			defer close(m.tasks)
		}
		for _, it := range items {
			m.tasks <- it
		}
	}()
	go func() { // want ctx-done-missing `goroutine running func literal receives ctx but never observes ctx.Done\(\); it can block at .for range m.tasks.`
		for t := range m.tasks {
			ctx := context.WithValue(m.ctx, feedKey{}, t)
			_ = feedWork(ctx, t)
		}
	}()
}

// watcher: a long-lived object whose workers range over its queue, which a third goroutine closes once the
// object's ctx is done.
type watcher struct {
	ctx   context.Context
	queue chan int
	other chan int
}

func newWatcher(ctx context.Context) *watcher {
	return &watcher{ctx: ctx, queue: make(chan int), other: make(chan int)}
}

// Start: the closer waits for ctx and then closes queue, on every way through it: the worker's range ends with ctx.
func (w *watcher) Start() {
	go w.work()
	go w.closeOnDone()
}

func (w *watcher) work() {
	for v := range w.queue {
		_ = feedWork(context.WithValue(w.ctx, feedKey{}, v), v)
	}
}

func (w *watcher) closeOnDone() {
	<-w.ctx.Done()
	close(w.queue)
}

// StartMaybe: this closer can leave on other without closing other's worker queue: the worker can wait forever.
func (w *watcher) StartMaybe(stop <-chan struct{}) {
	go w.workOther() // want ctx-done-missing `goroutine running watcher.workOther receives w.ctx but never observes w.ctx.Done\(\); it can block at .for range w.other.`
	go w.closeOtherOrStop(stop)
}

func (w *watcher) workOther() {
	for v := range w.other {
		_ = feedWork(context.WithValue(w.ctx, feedKey{}, v), v)
	}
}

func (w *watcher) closeOtherOrStop(stop <-chan struct{}) {
	select {
	case <-w.ctx.Done():
		close(w.other)
	case <-stop:
	}
}
