package shapes

import (
	"context"
	"time"
)

type result struct{ v int }

func compute(ctx context.Context, i int) result { return result{v: i} }
func fetch(i int) result                        { return result{v: i} }

// Result channels sized for the workers: one send each never blocks.
func SizedForWorkers(ctx context.Context, items []int) []result {
	out := make(chan result, len(items))
	for _, it := range items {
		go func(it int) {
			_ = ctx.Value("trace")
			out <- fetch(it)
		}(it)
	}
	res := make([]result, 0, len(items))
	for range items {
		res = append(res, <-out)
	}
	return res
}

// A buffer of one for the single send.
func BufferOne(ctx context.Context) result {
	ch := make(chan result, 1)
	go func() {
		_ = ctx.Value("trace")
		ch <- fetch(1)
	}()
	return <-ch
}

// A named worker handed a buffered channel sends once: no block.
func worker(ctx context.Context, out chan<- result, i int) {
	_ = ctx.Value("trace")
	out <- fetch(i) // want abandoned-sender `NamedWorkersUnbuffered can return before receiving from out`
}

func NamedWorkers(ctx context.Context, n int) {
	out := make(chan result, n)
	for i := 0; i < n; i++ {
		go worker(ctx, out, i)
	}
}

// The same worker with an unbuffered channel can block.
func NamedWorkersUnbuffered(ctx context.Context, n int) {
	out := make(chan result)
	for i := 0; i < n; i++ {
		go worker(ctx, out, i) // want ctx-done-missing `goroutine running worker receives ctx .* at .out <- fetch\(i\).`
	}
}

// Sends in a loop exceed any fixed buffer.
func LoopSends(ctx context.Context) {
	out := make(chan int, 1)
	go func() { // want ctx-done-missing `captures ctx`
		_ = ctx.Value("trace")
		for i := 0; i < 10; i++ {
			out <- i // want abandoned-sender `out <- i. blocks forever: this goroutine sends on out, whose buffer of 1 the sends can fill`
		}
	}()
}

// ctx handed to compute (in this package) that does not observe it, then a send.
func ComputeThenSend(ctx context.Context, out chan result) {
	go func() { // want ctx-done-missing `captures ctx`
		out <- compute(ctx, 1)
	}()
}

// The goroutine makes its own Background context: it takes no context from its parent.
func OwnBackground(out chan int) {
	go func() {
		ctx := context.Background()
		_ = ctx
		out <- 1
	}()
}

// A one-shot select bounded by a timer ends.
func OneShotTimer(ctx context.Context, out chan int) {
	go func() {
		_ = ctx.Value("k")
		timer := time.NewTimer(time.Second)
		defer timer.Stop()
		select {
		case out <- 1:
		case <-timer.C:
		}
	}()
}
