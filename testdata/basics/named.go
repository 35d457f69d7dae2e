package basics

import "context"

// named functions in the same package and in another file

func leakyWorker(ctx context.Context, jobs <-chan int) {
	for j := range jobs {
		_ = work(j)
	}
}

func goodWorker(ctx context.Context, jobs <-chan int) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			_ = work(j)
		}
	}
}

// delegates hands ctx to goodWorker, which observes it
func delegates(ctx context.Context, jobs <-chan int) {
	goodWorker(ctx, jobs)
}

func StartWorkers(ctx context.Context, jobs chan int) {
	go leakyWorker(ctx, jobs) // want ctx-done-missing `goroutine running leakyWorker receives ctx but never observes ctx.Done\(\); it can block at .for range jobs.`
	go goodWorker(ctx, jobs)
	go delegates(ctx, jobs)
	go helperInOtherFile(ctx, jobs) // want ctx-done-missing `goroutine running helperInOtherFile receives ctx .* at .<-jobs. in blockingHelper`
}
