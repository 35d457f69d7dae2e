package core

import (
	"context"
	"time"
)

// A channel kept in a struct field is the same channel in every method of the type.
type fetcher struct {
	results chan int
	errs    chan error
}

func newFetcher() *fetcher {
	return &fetcher{results: make(chan int), errs: make(chan error, 1)}
}

func (f *fetcher) fetch() {
	f.results <- value() // want abandoned-sender `Wait can leave on .<-ctx.Done\(\). without receiving from f.results`
}

// The field's channel is unbuffered, and Wait returns on ctx.Done() without draining it.
func (f *fetcher) Wait(ctx context.Context) int {
	go f.fetch()
	select {
	case v := <-f.results:
		return v
	case <-ctx.Done():
		return 0
	}
}

func (f *fetcher) report() {
	f.errs <- work()
}

// Twin: the field's channel has a buffer for the one send.
func (f *fetcher) WaitErr(ctx context.Context) error {
	go f.report()
	select {
	case err := <-f.errs:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A literal reaches the field through the captured receiver.
type poller struct {
	out chan string
}

func (p *poller) Poll(d time.Duration) string {
	p.out = make(chan string)
	go func() {
		p.out <- "ready" // want abandoned-sender `Poll can leave on .<-time.After\(d\). without receiving from p.out`
	}()
	select {
	case s := <-p.out:
		return s
	case <-time.After(d):
		return ""
	}
}

// Twin: another method of the type drains the field's channel, so Poll's paths say nothing.
type drained struct {
	out chan string
}

func (d *drained) Poll(timeout time.Duration) string {
	d.out = make(chan string)
	go func() {
		d.out <- "ready"
	}()
	select {
	case s := <-d.out:
		return s
	case <-time.After(timeout):
		return ""
	}
}

func (d *drained) Drain() {
	for range d.out {
	}
}
