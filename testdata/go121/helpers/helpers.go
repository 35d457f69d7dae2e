// Package helpers: goroutines that hand their ctx to helpers of the same package, or only read values from it.
package helpers

import (
	"context"
	"log/slog"
	"time"
)

func readID(ctx context.Context) string {
	v, _ := ctx.Value("id").(string)
	return v
}

func waitDone(ctx context.Context) { <-ctx.Done() }

func relay(ctx context.Context) { waitDone(ctx) }

func recurse(ctx context.Context, n int) {
	if n == 0 {
		return
	}
	recurse(ctx, n-1)
}

func H1(ctx context.Context, ch chan int) {
	go func() { // want ctx-done-missing
		_ = readID(ctx)
		ch <- 1
	}()
	go func() {
		relay(ctx)
		ch <- 1
	}()
	go func() { // want ctx-done-missing
		recurse(ctx, 3)
		ch <- 1
	}()
	go func() { // want ctx-done-missing
		slog.InfoContext(ctx, "start")
		ch <- 1
	}()
	go func() { // want ctx-done-missing
		if _, ok := ctx.Deadline(); ok {
			ch <- 1
		}
	}()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			default:
			}
			time.Sleep(time.Millisecond)
		}
	}()
	go func() {
		for {
			if err := ctx.Err(); err != nil {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
}
