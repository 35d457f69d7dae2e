// Package drained: goroutines that ignore their ctx but whose channel operations the parent provably completes.
package drained

import (
	"context"
	"fmt"
	"sync"
)

func compute(v int) int { return v * 2 }

func producer(ctx context.Context, out chan<- int) {
	for i := 0; i < 3; i++ {
		out <- i // want abandoned-sender `ReturnBeforeDrain can return before receiving from out`
	}
	close(out)
}

func Drained(ctx context.Context) int {
	out := make(chan int)
	go producer(ctx, out) // the parent ranges over out until it is closed: every send is received
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

func worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		results <- compute(j)
	}
}

func Pool(ctx context.Context, items []int) []int {
	jobs := make(chan int)
	results := make(chan int, len(items))
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { // the parent closes jobs on its only path: the worker range ends
			defer wg.Done()
			worker(ctx, jobs, results)
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
	close(results)
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

func PoolDeferClose(ctx context.Context, items []int) {
	jobs := make(chan int)
	defer close(jobs)
	go func() {
		for j := range jobs {
			fmt.Println(ctx.Value("k"), j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

func Logger(ctx context.Context, lines <-chan string) {
	go func() { // want ctx-done-missing `it can block at .for range lines.`
		for l := range lines {
			fmt.Println(l, ctx.Value("req"))
		}
	}()
}

// The parent may return before it drains: the producer can be left on its send.
func ReturnBeforeDrain(ctx context.Context, fail bool) int {
	out := make(chan int)
	go producer(ctx, out) // want ctx-done-missing `it can block at .out <- i.`
	if fail {
		return -1
	}
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

// The drain stops at the first large value.
func DrainWithBreak(ctx context.Context) int {
	out := make(chan int)
	go producer(ctx, out) // want ctx-done-missing `it can block at .out <- i.`
	last := 0
	for v := range out {
		if v > 1 {
			break
		}
		last = v
	}
	return last
}

// Drained only on one branch.
func DrainInBranch(ctx context.Context, drain bool) {
	out := make(chan int)
	go producer(ctx, out) // want ctx-done-missing `it can block at .out <- i.`
	if drain {
		for v := range out {
			_ = v
		}
	}
}

// The close happens only on one branch: the worker may range forever.
func CloseInBranch(ctx context.Context, items []int, finish bool) {
	jobs := make(chan int)
	go func() { // want ctx-done-missing `it can block at .for range jobs.`
		for j := range jobs { // want unclosed-range `CloseInBranch can return without closing`
			fmt.Println(ctx.Value("k"), j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	if finish {
		close(jobs)
	}
}
