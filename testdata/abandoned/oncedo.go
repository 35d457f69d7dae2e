package abandoned

import (
	"context"
	"sync"
)

// Warmup runs its load once, in a sync.Once inside the goroutine, and gives up on its context.
func Warmup(ctx context.Context, load func() int) int {
	var once sync.Once
	ready := make(chan int)
	go func() {
		once.Do(func() {
			ready <- load() // want abandoned-sender `.ready <- load\(\). blocks forever: this goroutine sends on ready, which has no buffer, and Warmup can leave on .<-ctx.Done\(\). without receiving from ready`
		})
	}()
	select {
	case v := <-ready:
		return v
	case <-ctx.Done():
		return 0
	}
}

// WarmupSlot, the twin: a buffer of one keeps the value when Warmup has gone.
func WarmupSlot(ctx context.Context, load func() int) int {
	var once sync.Once
	ready := make(chan int, 1)
	go func() {
		once.Do(func() {
			ready <- load()
		})
	}()
	select {
	case v := <-ready:
		return v
	case <-ctx.Done():
		return 0
	}
}

// WarmupWait, the twin: Warmup always receives.
func WarmupWait(load func() int) int {
	var once sync.Once
	ready := make(chan int)
	go func() {
		once.Do(func() {
			ready <- load()
		})
	}()
	return <-ready
}

// WarmupGuarded, the twin: the send in the Once gives up on the same context.
func WarmupGuarded(ctx context.Context, load func() int) int {
	var once sync.Once
	ready := make(chan int)
	go func() {
		once.Do(func() {
			v := load()
			select {
			case ready <- v:
			case <-ctx.Done():
			}
		})
	}()
	select {
	case v := <-ready:
		return v
	case <-ctx.Done():
		return 0
	}
}
