package drained

import (
	"context"
	"errors"
)

// job reports how it ended on one unbuffered field, from whichever of its callbacks runs; the package has several
// senders on the field, but each job value is its own.
type job struct {
	name   string
	result chan error
}

func (j *job) succeeded(ctx context.Context) {
	_ = ctx.Value("trace")
	j.result <- nil
}

func (j *job) failed(ctx context.Context, err error) {
	_ = ctx.Value("trace")
	j.result <- errors.Join(errors.New(j.name), err)
}

// Wait receives the job's result, for the code that runs the callbacks elsewhere.
func (j *job) Wait(ctx context.Context) error {
	select {
	case err := <-j.result:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// RunJob makes its own job, starts one callback on it and receives its one result: nothing else can reach this
// value's channel, so the send always finds its receive.
func RunJob(ctx context.Context, name string, err error) error {
	j := &job{name: name, result: make(chan error)}
	if err != nil {
		go j.failed(ctx, err)
	} else {
		go j.succeeded(ctx)
	}
	return <-j.result
}

// runJobEarly returns before receiving when the name is empty: the callback's send is left waiting.
func runJobEarly(ctx context.Context, name string) error {
	j := &job{name: name, result: make(chan error)}
	go j.succeeded(ctx) // want ctx-done-missing `it can block at .j.result <- nil.`
	if name == "" {
		return nil
	}
	return <-j.result
}

// startSucceeded starts a callback on a job it does not own, and waits for nothing.
func startSucceeded(ctx context.Context, j *job) {
	go j.succeeded(ctx) // want ctx-done-missing `it can block at .j.result <- nil.`
}

// runJobShared hands its job to a helper that starts another callback on it: two sends for one receive.
func runJobShared(ctx context.Context, name string, err error) error {
	j := &job{name: name, result: make(chan error)}
	go j.failed(ctx, err) // want ctx-done-missing `it can block at .j.result <- errors.Join`
	startSucceeded(ctx, j)
	return <-j.result
}
