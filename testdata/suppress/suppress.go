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

// Other linters' syntax: staticcheck's //lint:ignore and golangci-lint's //nolint.
func StartOthers(ctx context.Context, jobs chan int) {
	//lint:ignore goleash the pool closes jobs on shutdown, which ends the worker
	go worker(ctx, jobs)
	go worker(ctx, jobs) //lint:ignore SA4006,ctx-done-missing jobs is closed by Stop
	go worker(ctx, jobs) //nolint:all
	go worker(ctx, jobs) //nolint:goleash
}

// Suppressions that do not suppress: each is a bad-suppression note, and the finding stays.
func StartTypos(ctx context.Context, jobs chan int) {
	go worker(ctx, jobs) //goleash:ignore ctx-done-mising closed by Stop // want bad-suppression `unknown rule ctx-done-mising \(did you mean ctx-done-missing\?\)` // want ctx-done-missing `goroutine running worker`
	go worker(ctx, jobs) //goleash:ignore all closed by Stop // want bad-suppression `names all` // want ctx-done-missing `goroutine running worker`
	close(jobs)          //lint:ignore goleash stale // want bad-suppression `matches no finding`
}
