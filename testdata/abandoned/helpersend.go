package abandoned

import (
	"context"
	"time"
)

// The goroutine's send is made by a helper it hands the channel to: the helper's sends count as its own.

// deliver sends one result.
func deliver(out chan<- int, v int) {
	out <- v // want abandoned-sender `.out <- v. blocks forever: this goroutine sends on results, which has no buffer, and FetchVia can leave on .<-ctx.Done\(\). without receiving from results`
}

// FetchVia leaves on ctx.Done() with the helper's send pending.
func FetchVia(ctx context.Context, get func() int) (int, error) {
	results := make(chan int)
	go func() {
		deliver(results, get())
	}()
	select {
	case v := <-results:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// deliverAll sends every value through deliver.
func deliverAll(out chan<- int, vs []int) {
	for _, v := range vs {
		deliver(out, v)
	}
}

// FetchFirstVia, silent twin of the helper's sends: a buffer holds the one send when the parent times out.
func FetchFirstVia(get func() int) int {
	results := make(chan int, 1)
	go func() {
		deliver(results, get())
	}()
	select {
	case v := <-results:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// SumVia, silent: the parent receives until the helper's producer closes the channel.
func SumVia(vs []int) int {
	out := make(chan int)
	go func() {
		defer close(out)
		deliverAll(out, vs)
	}()
	n := 0
	for v := range out {
		n += v
	}
	return n
}
