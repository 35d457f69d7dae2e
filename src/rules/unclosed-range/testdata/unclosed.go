// Package unclosed: consumers that range over a channel, with and without a close.
package unclosed

import "context"

func handle(int) {}

// The producer sends and returns without closing: the consumer waits forever.
func Producer(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want unclosed-range `range jobs. never ends: this goroutine ranges over jobs, which nothing closes, so it waits forever once Producer stops sending`
			handle(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// Twin: the producer closes the channel when it is done.
func ProducerCloses(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			handle(j)
		}
	}()
	defer close(jobs)
	for _, it := range items {
		jobs <- it
	}
}

func consume(in <-chan int) {
	for v := range in { // want unclosed-range `range in. never ends: this goroutine ranges over results`
		handle(v)
	}
}

// A named consumer gets the channel as a parameter; two senders, nobody closes.
func TwoSenders() {
	results := make(chan int)
	go consume(results)
	go func() { results <- 1 }()
	results <- 2
}

// Twin: the senders are counted by a WaitGroup-like channel and the last one closes.
func TwoSendersClosed() {
	results := make(chan int)
	go consume(results)
	done := make(chan struct{})
	go func() {
		results <- 1
		done <- struct{}{}
	}()
	results <- 2
	<-done
	close(results)
}

// Twin: a sender goroutine closes the channel it feeds.
func SenderCloses() {
	out := make(chan int)
	go consume(out)
	go func() {
		defer close(out)
		out <- 1
	}()
}

// Twin: the channel is handed to a call that may close it.
func HandedOn(register func(chan<- int)) {
	ch := make(chan int)
	go consume(ch)
	register(ch)
}

// Twin: the consumer selects on ctx.Done() instead of ranging.
func Selects(ctx context.Context) {
	jobs := make(chan int)
	go func() {
		for {
			select {
			case j := <-jobs:
				handle(j)
			case <-ctx.Done():
				return
			}
		}
	}()
	jobs <- 1
}

// Twin: a parent that never returns keeps the consumer's channel alive on purpose.
func Forever(next func() int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			handle(j)
		}
	}()
	for {
		jobs <- next()
	}
}

// Twin: the consumer takes the first value and leaves the range by itself.
func FirstOnly(items []int) int {
	vals := make(chan int)
	first := make(chan int, 1)
	go func() {
		for v := range vals {
			first <- v
			break
		}
	}()
	for _, it := range items {
		select {
		case vals <- it:
		default:
		}
	}
	return <-first
}

// An error return skips the close: the consumer waits forever on that path.
func CloseSkippedOnError(items []int, check func(int) error) error {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want unclosed-range `range jobs. never ends: this goroutine ranges over jobs, which CloseSkippedOnError can return without closing`
			handle(j)
		}
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

// Twin: the close is deferred, so every return closes.
func CloseDeferred(items []int, check func(int) error) error {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			handle(j)
		}
	}()
	defer close(jobs)
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	return nil
}

// feed sends the items on out and leaves it open: it only sends.
func feed(out chan<- int, items []int) {
	for _, it := range items {
		out <- it
	}
}

// feedAll hands out on to feed, then to itself for the rest: recursion that never closes.
func feedAll(out chan<- int, batches [][]int) {
	if len(batches) == 0 {
		return
	}
	feed(out, batches[0])
	feedAll(out, batches[1:])
}

// feedAndClose sends the items, then closes out.
func feedAndClose(out chan<- int, items []int) {
	feed(out, items)
	close(out)
}

// A helper of the module that only sends on the channel does not close it: the range never ends.
func ThroughHelper(batches [][]int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want unclosed-range `range jobs. never ends: this goroutine ranges over jobs, which nothing closes, so it waits forever once ThroughHelper stops sending`
			handle(j)
		}
	}()
	feedAll(jobs, batches)
}

// Twin: the helper closes the channel after its sends.
func ThroughClosingHelper(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			handle(j)
		}
	}()
	feedAndClose(jobs, items)
}

type pool struct{ sink func(chan int) }

// keep hands the channel to a func value goleash cannot see.
func (p *pool) keep(ch chan int) { p.sink(ch) }

// Twin: a method of the module hands the channel on to code goleash cannot see.
func ThroughOpaqueMethod(p *pool) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			handle(j)
		}
	}()
	p.keep(jobs)
}

// A second parent leaves the same consumer ranging: one finding at the range, both go statements related.
func AnotherProducer(items []int) {
	ch := make(chan int)
	go consume(ch)
	for _, it := range items {
		ch <- it
	}
}

// Twin: the queue is filled and closed before the workers start; their ranges end once it is drained.
func PrefilledQueue(items []int) {
	jobs := make(chan int, len(items))
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	for i := 0; i < 2; i++ {
		go func() {
			for j := range jobs {
				handle(j)
			}
		}()
	}
}
