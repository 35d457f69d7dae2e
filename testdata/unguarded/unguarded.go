// Package unguarded holds goroutines that watch ctx.Done() in one place and block in another.
package unguarded

import (
	"context"
	"time"
)

func process(j int) int { return j * 2 }

// The usual "fix": Done is checked once, then the send can wait forever.
func CheckOnce(ctx context.Context, rc chan bool) {
	go func(ctx context.Context) {
		select {
		case <-ctx.Done():
			return
		default:
			rc <- true // want ctx-unguarded-block `.rc <- true. can block forever: goroutine running func literal observes ctx.Done\(\) elsewhere, but this operation is not in a select with it`
		}
	}(ctx)
}

// A worker loop that receives jobs under Done and sends results bare.
func Worker(ctx context.Context, jobs <-chan int, out chan<- int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case j := <-jobs:
				out <- process(j) // want ctx-unguarded-block `.out <- process\(j\). can block forever`
			}
		}
	}()
}

// Fixed: every blocking operation is a select with Done.
func WorkerFixed(ctx context.Context, jobs <-chan int, out chan<- int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case j := <-jobs:
				select {
				case out <- process(j):
				case <-ctx.Done():
					return
				}
			}
		}
	}()
}

// A second select without a Done case.
func SecondSelect(ctx context.Context, a, b chan int) {
	go func() {
		select {
		case <-ctx.Done():
			return
		case v := <-a:
			_ = v
		}
		select { // want ctx-unguarded-block `.select. can block forever: .* but this select has no Done case`
		case v := <-a:
			_ = v
		case b <- 1:
		}
	}()
}

// A select with a timer or default cannot block forever.
func Bounded(ctx context.Context, out chan int) {
	go func() {
		if ctx.Err() != nil {
			return
		}
		select {
		case out <- 1:
		case <-time.After(time.Second):
		}
		select {
		case out <- 2:
		default:
		}
	}()
}

// A send into a channel buffered for it.
func BufferedResult(ctx context.Context) chan int {
	res := make(chan int, 1)
	go func() {
		if ctx.Err() != nil {
			return
		}
		res <- 1
	}()
	return res
}

// The parent made the channel and receives from it on every path: drained.
func Drained(ctx context.Context) int {
	res := make(chan int)
	go func() {
		if ctx.Err() != nil {
			close(res)
			return
		}
		res <- 1
	}()
	return <-res
}

// A named worker: the finding points into the worker, once, however many go statements start it.
func loop(ctx context.Context, in <-chan int, out chan<- int) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-in:
			out <- v // want ctx-unguarded-block `goroutine running loop observes ctx.Done\(\) elsewhere`
		}
	}
}

func StartLoops(ctx context.Context, in <-chan int, out chan<- int) {
	go loop(ctx, in, out)
	go loop(ctx, in, out)
}

// Reporting back from the Done case itself is the goroutine's shutdown protocol: not judged.
func ReportOnCancel(ctx context.Context, done chan<- int) {
	go func() {
		for n := 0; ; n++ {
			select {
			case <-ctx.Done():
				done <- n
				return
			default:
				time.Sleep(time.Millisecond)
			}
		}
	}()
}

type event struct{ n int }

// subscribe returns channels that close when ctx is cancelled.
func subscribe(ctx context.Context) (<-chan event, <-chan error) {
	evc := make(chan event)
	errc := make(chan error, 1)
	go func() {
		defer close(evc)
		<-ctx.Done()
		errc <- ctx.Err()
	}()
	return evc, errc
}

// Receiving from a subscription handed ctx is guarded by it.
func Subscription(ctx context.Context, out chan<- int) {
	go func() {
		if ctx.Err() != nil {
			return
		}
		evc, errc := subscribe(ctx)
		for {
			select {
			case ev := <-evc:
				_ = ev
			case err := <-errc:
				_ = err
				return
			}
		}
	}()
}

// Sends followed by return happen once, even in a loop: a buffer of one holds the one that happens.
func ErrOnce(ctx context.Context, next func() (int, error)) <-chan error {
	errs := make(chan error, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				errs <- ctx.Err()
				return
			default:
				if _, err := next(); err != nil {
					errs <- err
					return
				}
			}
		}
	}()
	return errs
}

// watchCtx hands ctx to a subscription; its channel closes when ctx is cancelled (a watch).
func watchCtx(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		<-ctx.Done()
	}()
	return ch
}

// A case on a watch channel runs for every value, not once the ctx is cancelled: a bare send in its body still
// blocks when the reader of results has gone.
func Forward(ctx context.Context, results chan<- int) {
	go func() {
		sub := watchCtx(ctx)
		for {
			select {
			case v, ok := <-sub:
				if !ok {
					return
				}
				results <- v // want ctx-unguarded-block `.results <- v. can block forever`
			case <-ctx.Done():
				return
			}
		}
	}()
}

// Twin: the send in the watch case selects on Done as well.
func ForwardGuarded(ctx context.Context, results chan<- int) {
	go func() {
		sub := watchCtx(ctx)
		for {
			select {
			case v, ok := <-sub:
				if !ok {
					return
				}
				select {
				case results <- v:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
}

// runHandler calls the handler it is given, as a middleware would.
func runHandler(ctx context.Context, h func(context.Context) error) error { return h(ctx) }

// The function that made the channel receives from it after the call: the handler's goroutine, though started
// by the callback, always has its reader.
func HandlerReports(ctx context.Context) error {
	finished := make(chan struct{})
	err := runHandler(ctx, func(ctx context.Context) error {
		go func() {
			select {
			case <-ctx.Done():
			case <-time.After(time.Millisecond):
			}
			finished <- struct{}{}
		}()
		return nil
	})
	<-finished
	return err
}

// Twin: the maker never receives from it, so the send waits forever.
func HandlerForgets(ctx context.Context) error {
	finished := make(chan struct{})
	return runHandler(ctx, func(ctx context.Context) error {
		go func() {
			select {
			case <-ctx.Done():
			case <-time.After(time.Millisecond):
			}
			finished <- struct{}{} // want ctx-unguarded-block `finished <- struct\{\}\{\}. can block forever`
		}()
		return nil
	})
}
