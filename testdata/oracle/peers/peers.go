// Package peers drives the peers of a channel operation (src/analysis/peers.ts) under the runtime's leak profile:
// goroutines handed a ctx they do not watch whose other half is done by a helper the parent calls or through a
// struct field, and request loops that answer on the reply channel a request carries.
package peers

import (
	"context"
	"errors"
	"time"
)

// patience is how long a parent waits; slow work takes far longer.
var patience = 5 * time.Millisecond

var errClosed = errors.New("closed")

type key struct{}

func slow(ctx context.Context) int {
	time.Sleep(20 * time.Millisecond)
	if v, ok := ctx.Value(key{}).(int); ok {
		return v
	}
	return 0
}

func produce(ctx context.Context, out chan<- int) {
	out <- slow(ctx) // want abandoned-sender `.out <- slow\(ctx\). blocks forever`
}

func collect(in <-chan int) int {
	return <-in
}

func collectOrTimeout(in <-chan int) (int, error) {
	select {
	case v := <-in:
		return v, nil
	case <-time.After(patience):
		return 0, errors.New("timeout")
	}
}

// Gather: the helper receives on every way.
func Gather(ctx context.Context) int {
	ch := make(chan int)
	go produce(ctx, ch)
	return collect(ch)
}

// GatherOrTimeout: the helper gives up.
func GatherOrTimeout(ctx context.Context) (int, error) {
	ch := make(chan int)
	go produce(ctx, ch) // want ctx-done-missing `goroutine running produce receives ctx`
	return collectOrTimeout(ch)
}

type job struct {
	done chan int
}

func (j *job) run(ctx context.Context) {
	j.done <- slow(ctx)
}

// RunJob: the parent receives the result from the field on every way.
func RunJob(ctx context.Context) int {
	j := &job{done: make(chan int)}
	go j.run(ctx)
	return <-j.done
}

// RunJobOrStop: the parent leaves on stop.
func RunJobOrStop(ctx context.Context, stop <-chan struct{}) int {
	j := &job{done: make(chan int)}
	go j.run(ctx) // want ctx-done-missing `goroutine running job.run receives ctx`
	select {
	case v := <-j.done:
		return v
	case <-stop:
		return -1
	}
}

type writeReq struct {
	data  int
	reply chan error
}

type writer struct {
	ctx  context.Context
	reqs chan *writeReq
}

func (w *writer) Start() {
	go w.loop()
}

func (w *writer) loop() {
	for {
		select {
		case r := <-w.reqs:
			batch := []*writeReq{r}
			time.Sleep(20 * time.Millisecond)
			for _, b := range batch {
				b.reply <- nil // want ctx-unguarded-block `.b.reply <- nil. can block forever`
			}
		case <-w.ctx.Done():
			return
		}
	}
}

// Append gives up on its answer when the writer's ctx is done.
func (w *writer) Append(d int) error {
	ch := make(chan error)
	select {
	case w.reqs <- &writeReq{data: d, reply: ch}:
	case <-w.ctx.Done():
		return errClosed
	}
	select {
	case err := <-ch:
		return err
	case <-w.ctx.Done():
		return errClosed
	}
}

type countReq struct {
	n     int
	reply chan int
}

type counter struct {
	ctx  context.Context
	reqs chan countReq
}

func (c *counter) Start() {
	go c.serve()
}

// serve answers with a bare send into a reply channel that has a slot for it.
func (c *counter) serve() {
	total := 0
	for {
		select {
		case r := <-c.reqs:
			total += r.n
			time.Sleep(20 * time.Millisecond)
			r.reply <- total
		case <-c.ctx.Done():
			return
		}
	}
}

// Add gives up when the counter's ctx is done; the answer then waits in its buffer.
func (c *counter) Add(n int) (int, error) {
	ch := make(chan int, 1)
	select {
	case c.reqs <- countReq{n: n, reply: ch}:
	case <-c.ctx.Done():
		return 0, errClosed
	}
	select {
	case v := <-ch:
		return v, nil
	case <-c.ctx.Done():
		return 0, errClosed
	}
}
