package shapes

import (
	"context"
	"sync"
	"time"
)

// Stopped by a separate stop channel selected in every blocking select: cancellable by other means.
type Watcher struct {
	stopc  chan struct{}
	quit   chan struct{}
	events chan int
}

func (w *Watcher) run(ctx context.Context) {
	for {
		select {
		case e := <-w.events:
			_ = e
		case <-w.stopc:
			return
		}
	}
}

// Stop ends both loops of Start.
func (w *Watcher) Stop() {
	close(w.stopc)
	close(w.quit)
}

func (w *Watcher) Start(ctx context.Context) {
	go w.run(ctx)
	go func() {
		for {
			select {
			case <-w.quit:
				return
			case w.events <- 1:
			}
		}
	}()
}

// ctx.Done() handed on as a stop channel to a helper that receives from it.
func until(f func(), period time.Duration, stopCh <-chan struct{}) {
	for {
		select {
		case <-stopCh:
			return
		case <-time.After(period):
			f()
		}
	}
}

func untilNoStop(f func(), period time.Duration, stopCh <-chan struct{}) {
	for {
		f()
		time.Sleep(period)
	}
}

func Periodic(ctx context.Context) {
	go until(func() {}, time.Second, ctx.Done())
	go untilNoStop(func() {}, time.Second, ctx.Done()) // want ctx-done-missing `goroutine running untilNoStop receives ctx but never observes ctx.Done\(\); it loops forever`
}

// ctx handed to an interface method whose implementation is unknown: assumed to observe it.
type Store interface {
	Watch(ctx context.Context, key string) <-chan int
}

func WatchStore(ctx context.Context, s Store, out chan int) {
	go func() {
		for v := range s.Watch(ctx, "k") {
			out <- v
		}
	}()
}

// ctx obtained from a method or a field.
type Conn struct {
	ctx context.Context
	in  chan int
}

func (c *Conn) Ctx() context.Context { return c.ctx }

func handle(ctx context.Context, in chan int) {
	for v := range in {
		_ = v
	}
}

func FromMethod(c *Conn) {
	go handle(c.Ctx(), c.in) // want ctx-done-missing `goroutine running handle receives c.Ctx\(\)`
	go handle(c.ctx, c.in)   // want ctx-done-missing `goroutine running handle receives c.ctx`
}

// ctx received per job from a channel: the goroutine takes it from the job, not from its parent.
type job struct {
	ctx context.Context
	out chan int
}

func PerJob(jobs chan job) {
	go func() {
		for j := range jobs {
			select {
			case j.out <- 1:
			case <-j.ctx.Done():
			}
		}
	}()
}

// errgroup-style: a derived ctx from a group observed by the goroutine.
func Group(ctx context.Context, wg *sync.WaitGroup, in chan int) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-in:
		case <-ctx.Done():
		}
	}()
}

// WaitGroup.Wait blocks: a goroutine that waits and never looks at ctx.
func WaitAll(ctx context.Context, out chan int) {
	var wg sync.WaitGroup
	go func() { // want ctx-done-missing `can block at .wg.Wait\(\).`
		_ = ctx.Value("k")
		wg.Wait()
		close(out)
	}()
}

// A function that hands ctx to a goroutine of its own which closes the channel on cancellation: ranging
// over what it returns ends when ctx is cancelled.
func observe(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for {
			select {
			case <-ctx.Done():
				return
			case ch <- 1:
			}
		}
	}()
	return ch
}

func RangeObserved(ctx context.Context, donec chan struct{}) {
	go func() {
		for v := range observe(ctx) {
			_ = v
		}
		close(donec)
	}()
}
