package shapes

import (
	"context"
	"testing"
)

// Goroutines in tests that send twice into a channel of capacity two cannot block.
func TestTwoSends(t *testing.T) {
	ctx := context.Background()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan int, 2)
	go func() {
		_ = ctx.Value("k")
		ch <- 1
		ch <- 2
	}()
	<-ch
	<-ch
}

// Leaks in tests are real leaks.
func TestLeak(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan int)
	go func() { // want ctx-done-missing `captures ctx`
		_ = ctx.Value("k")
		ch <- 1 // want abandoned-sender `TestLeak can return before receiving from ch`
	}()
}

// A third send into a channel of capacity two can block: the test stops waiting once its ctx ends.
func TestThreeSends(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan int, 2)
	go func() { // want ctx-done-missing `can block at .ch <- 3.`
		_ = ctx.Value("k")
		ch <- 1
		ch <- 2
		ch <- 3 // want abandoned-sender `TestThreeSends can move on after .<-ctx.Done\(\). without receiving from ch`
	}()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}
