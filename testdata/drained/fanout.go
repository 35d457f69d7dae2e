package drained

import (
	"context"
	"sync"
)

type store interface {
	Delete(ctx context.Context, key string) error
}

// releaseAll fans out one call per store and waits for them: the wait is as long as the slowest call.
func releaseAll(ctx context.Context, stores []store, key string) {
	var wg sync.WaitGroup
	for _, s := range stores {
		wg.Add(1)
		go func(s store) {
			defer wg.Done()
			_ = s.Delete(ctx, key)
		}(s)
	}
	wg.Wait()
}

// Releasing in the background: the goroutine's only wait is the helper's fan-out, which is not a leak of
// its own (the calls it waits for are judged where they are started).
func ReleaseAsync(ctx context.Context, stores []store, key string) {
	go func() {
		_ = ctx.Value("trace")
		releaseAll(context.Background(), stores, key)
	}()
}
