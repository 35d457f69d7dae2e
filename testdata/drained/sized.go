package drained

import "context"

// queueAll fills a queue sized by its input, one send per element: no send can block.
func queueAll(ctx context.Context, jobs []int) chan int {
	queue := make(chan int, len(jobs))
	for _, j := range jobs {
		select {
		case <-stopNow:
			close(queue)
			return queue
		default:
			queue <- j
		}
	}
	close(queue)
	return queue
}

var stopNow = make(chan struct{})

// QueueAsync builds the queue in the background.
func QueueAsync(ctx context.Context, jobs []int, got func(chan int)) {
	go func() {
		_ = ctx.Value("trace")
		got(queueAll(ctx, jobs))
	}()
}

// queueTwice sends two values per element into a queue sized for one: the second half can block.
func queueTwice(ctx context.Context, jobs []int) chan int {
	queue := make(chan int, len(jobs))
	for _, j := range jobs {
		queue <- j
		queue <- -j
	}
	close(queue)
	return queue
}

// QueueTwiceAsync builds the doubled queue in the background.
func QueueTwiceAsync(ctx context.Context, jobs []int, got func(chan int)) {
	go func() { // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .queue <- -j. in queueTwice`
		_ = ctx.Value("trace")
		got(queueTwice(ctx, jobs))
	}()
}
