// Package suppress shows reviewed leaks silenced in the source.
package suppress

import "context"

func worker(ctx context.Context, jobs chan int) {
	for j := range jobs {
		_ = j
	}
}

func Start(ctx context.Context, jobs chan int) {
	//goleash:ignore ctx-done-missing the pool closes jobs on shutdown, which ends the worker
	go worker(ctx, jobs)
	go worker(ctx, jobs) //goleash:ignore ctx-done-missing jobs is closed by Stop
	go worker(ctx, jobs) //nolint:goleash // closed by Stop
	go worker(ctx, jobs) // want ctx-done-missing `goroutine running worker receives ctx`
}
