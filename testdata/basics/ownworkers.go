// Waits for its own workers: a goroutine that wg.Wait()s for goroutines it starts itself (which mark the WaitGroup
// done) waits only as long as they run, and they are judged where they start; a Wait on a WaitGroup handed in is
// judged as before.
package basics

import (
	"context"
	"sync"
)

func ownCopyLoop(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-in:
		}
	}
}

type ownFwd struct{ base context.Context }

func (f *ownFwd) proxy(ctx context.Context, a, b <-chan int) {
	ctx, cancel := context.WithCancel(f.base)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		ownCopyLoop(ctx, a)
	}()
	go func() {
		defer wg.Done()
		ownCopyLoop(ctx, b)
	}()
	wg.Wait()
}

func (f *ownFwd) StartOwnWorkers(ctx context.Context, a, b <-chan int) {
	go f.proxy(ctx, a, b)
}

func waitShared(ctx context.Context, wg *sync.WaitGroup) {
	wg.Wait()
}

func StartWaitShared(ctx context.Context, wg *sync.WaitGroup) {
	go waitShared(ctx, wg) // want ctx-done-missing `goroutine running waitShared receives ctx but never observes ctx.Done\(\); it can block at .wg.Wait\(\).`
}
