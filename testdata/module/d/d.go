package d

import (
	"context"
	"time"

	"example.com/module/worker"
)

type holder struct{ w *worker.Worker }

type svc struct {
	h    holder
	pool *worker.Pool[string]
}

func (s *svc) D1(ctx context.Context) {
	go s.h.w.Run(ctx) // want ctx-done-missing
	go s.h.w.Serve(ctx)
	go s.pool.Pump(ctx, "x") // want ctx-done-missing
	go s.pool.PumpSafe(ctx, "x")
}

func D2(ctx context.Context) {
	w := worker.New()
	go w.Run(ctx) // want ctx-done-missing // want endless-goroutine `nothing in its package closes`
	go w.Serve(ctx)
	var w2 worker.Worker
	go w2.Run(ctx) // want ctx-done-missing // want endless-goroutine `nothing in its package closes`
}

var handler = func(ctx context.Context, ch chan int) { ch <- 1 }

func named(ctx context.Context, ch chan int) { <-ch }

func D3(ctx context.Context, ch chan int) {
	go handler(ctx, ch) // want ctx-done-missing
	f := named
	go f(ctx, ch) // want ctx-done-missing
}

func D4(ctx context.Context, ch chan int) {
	go func() { // want ctx-done-missing
		_ = ctx
		func() {
			ch <- 1
		}()
	}()
	go func() { // want ctx-done-missing
		_ = ctx
		defer func() { ch <- 2 }()
	}()
}

type Watcher interface {
	Watch(ctx context.Context) <-chan int
}

func D5(ctx context.Context, w Watcher, out chan int) {
	go func() {
		for v := range w.Watch(ctx) {
			_ = v
		}
	}()
}

type request struct {
	ctx  context.Context
	resp chan int
}

func D6(reqs chan request) {
	go func() {
		for r := range reqs {
			select {
			case r.resp <- 1:
			case <-r.ctx.Done():
			}
		}
	}()
}

func D7(ctx context.Context, in chan int) {
	go func() {
		_ = ctx
		select {
		case v := <-in:
			_ = v
		case <-time.After(time.Second):
		}
	}()
	go func() { // want ctx-done-missing // want endless-goroutine `no way out of its loop`
		_ = ctx
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
			}
		}
	}()
	go func() { // want ctx-done-missing // want endless-goroutine `no way out of its loop`
		_ = ctx
		for {
			select {
			case v := <-in:
				_ = v
			case <-time.After(time.Second):
			}
		}
	}()
}

func D8(ctx context.Context, in chan int) {
	go func() {
		for {
			if ctx.Err() != nil {
				return
			}
			v := <-in // want ctx-unguarded-block
			_ = v
		}
	}()
}

type job struct{ ctx context.Context }

func D9(j job, ch chan int) {
	go func(j job) {
		<-j.ctx.Done()
		ch <- 1
	}(j)
	go func(j job) { // want ctx-done-missing
		_ = j.ctx
		ch <- 1
	}(j)
}

func D10(ctx context.Context, items []int) {
	ch := make(chan int, 1)
	go func() { // want ctx-done-missing
		_ = ctx
		for _, it := range items {
			ch <- it // want abandoned-sender `ch <- it. blocks forever: this goroutine sends on ch, whose buffer of 1 the sends can fill`
		}
	}()
}

func D11(ctx context.Context, workers []func() int) []int {
	res := make(chan int, len(workers))
	for _, w := range workers {
		w := w
		go func() {
			_ = ctx
			res <- w()
		}()
	}
	var out []int
	for range workers {
		out = append(out, <-res)
	}
	return out
}
