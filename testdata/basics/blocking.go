package basics

import (
	"context"
	"net/http"
	"time"
)

// Handing ctx to a call outside the module: assumed to honour it.
func External(ctx context.Context, url string, out chan *http.Response) {
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, _ := http.DefaultClient.Do(req)
		out <- resp
	}()
}

// Pure computation cannot block: no leak.
func PureCompute(ctx context.Context, xs []int) {
	go func(ctx context.Context) {
		s := 0
		for _, x := range xs {
			s += x
		}
		_ = s
	}(ctx)
}

// close never blocks.
func CloseOnly(ctx context.Context, ch chan int) {
	go func(ctx context.Context) {
		close(ch)
	}(ctx)
}

// select {} blocks forever.
func SelectForever(ctx context.Context) {
	go func(ctx context.Context) { // want ctx-done-missing `it blocks forever at .select \{\}.`
		select {}
	}(ctx)
}

// A loop that never exits keeps the goroutine alive forever.
func InfiniteLoop(ctx context.Context) {
	go func(ctx context.Context) { // want ctx-done-missing `it loops forever at .for \{ … \}.`
		for {
			time.Sleep(time.Second)
		}
	}(ctx)
}

// A select without a Done case.
func SelectNoDone(ctx context.Context, a, b chan int) {
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .select.`
		select {
		case v := <-a:
			b <- v
		case v := <-b:
			a <- v
		}
		_ = ctx
	}()
}

// A select with default cannot block.
func SelectDefault(ctx context.Context, out chan int) {
	go func(ctx context.Context) {
		select {
		case out <- 1:
		default:
		}
	}(ctx)
}

// A one-shot select bounded by a timer ends.
func SelectTimer(ctx context.Context, out chan int) {
	go func(ctx context.Context) {
		select {
		case out <- 1:
		case <-time.After(time.Second):
		}
	}(ctx)
}

// A loop around a ticker that never exits lives forever.
func TickerLoop(ctx context.Context, out chan int) {
	go func(ctx context.Context) { // want ctx-done-missing `loops forever` // want endless-goroutine `no way out of its loop`
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_ = work(1)
			}
		}
	}(ctx)
}

// A nested go statement is judged on its own: the outer goroutine cannot block,
// the inner one can.
func Nested(ctx context.Context, out chan int) {
	go func() {
		go func() { // want ctx-done-missing `captures ctx`
			_ = ctx.Value("k")
			out <- 1
		}()
		_ = ctx.Value("k")
	}()
}

// Goroutines that take no context are not this rule's business.
func NoContext(out chan int) {
	go func() {
		out <- 1
	}()
	go func() {
		select {}
	}()
}

// context.Background() is never cancelled: out of scope.
func Background(out chan int) {
	go func(ctx context.Context) {
		out <- 1
	}(context.Background())
}

// A send into a channel buffered for it cannot block.
func Buffered(ctx context.Context) chan int {
	ch := make(chan int, 1)
	go func() {
		_ = ctx.Value("k")
		ch <- 1
	}()
	return ch
}
