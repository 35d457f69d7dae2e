package abandoned

import (
	"context"
	"errors"
	"time"
)

func setup(fail bool) error {
	if fail {
		return errors.New("setup failed")
	}
	return nil
}

func run() {}

// The goroutine waits for a start signal that the parent never gives when setup fails.
func StartSignal(fail bool) error {
	ready := make(chan struct{})
	go func() {
		<-ready // want abandoned-sender `.<-ready. blocks forever: this goroutine receives from ready, and StartSignal can return before it sends on or closes ready`
		run()
	}()
	if err := setup(fail); err != nil {
		return err
	}
	close(ready)
	return nil
}

// A worker handed its single job by value; the parent bails out on a cancelled ctx first.
func SingleJob(ctx context.Context, job int) error {
	jobs := make(chan int)
	go func() {
		j := <-jobs // want abandoned-sender `receives from jobs, and SingleJob can return before`
		_ = j
	}()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	jobs <- job
	return nil
}

// A deferred close releases the goroutine on every path.
func DeferredClose(fail bool) error {
	ready := make(chan struct{})
	defer close(ready)
	go func() {
		<-ready
		run()
	}()
	return setup(fail)
}

// Sent on every path before returning.
func SendFirst(fail bool) error {
	ch := make(chan int)
	go func() {
		v := <-ch
		_ = v
	}()
	if fail {
		ch <- 0
		return errors.New("fail")
	}
	ch <- 1
	return nil
}

// The channel is handed to another function, which may feed it: not judged.
func Handed(fail bool, feed func(chan<- int)) error {
	ch := make(chan int)
	go func() {
		v := <-ch
		_ = v
	}()
	feed(ch)
	if fail {
		return errors.New("fail")
	}
	ch <- 1
	return nil
}

// Another goroutine of the parent also feeds the channel: not judged.
func FedByAnother(fail bool) error {
	ch := make(chan int)
	go func() {
		v := <-ch
		_ = v
	}()
	go func() { ch <- 2 }()
	if fail {
		return errors.New("fail")
	}
	ch <- 1
	return nil
}

// On timeout the parent hands the result to a goroutine that drains it: the sender is not abandoned.
func DrainOnTimeout(timeout time.Duration, dial func() (int, error)) (int, error) {
	type res struct {
		v   int
		err error
	}
	results := make(chan res)
	go func() {
		v, err := dial()
		results <- res{v, err}
	}()
	select {
	case r := <-results:
		return r.v, r.err
	case <-time.After(timeout):
		go func() {
			r := <-results
			_ = r
		}()
		return 0, errors.New("timeout")
	}
}

// The channel is handed to a helper after the timeout, which may drain it: not judged.
func HandedAfterTimeout(timeout time.Duration, drain func(<-chan int)) int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v
	case <-time.After(timeout):
		drain(ch)
		return 0
	}
}
