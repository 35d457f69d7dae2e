package d

import (
	"context"
	"testing"
)

func TestTwo(t *testing.T) {
	ctx := context.Background()
	ch := make(chan int, 2)
	go func() {
		_ = ctx
		ch <- 1
		ch <- 2
	}()
	<-ch
}

func TestLeak(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan int)
	go func(ctx context.Context) { // want ctx-done-missing
		ch <- 1 // want abandoned-sender `TestLeak can return before receiving from ch`
	}(ctx)
}
