// Package peers holds goroutines handed a ctx they do not watch, blocked on channels whose other half is done by
// code elsewhere: in a helper the parent calls, through a struct field. When every peer goleash can see completes the
// operation and none can give up on it, the goroutine cannot be left behind (silent); when a peer can give up (a
// timeout, a stop channel, an early return), it can (reported).
package peers

import (
	"context"
	"errors"
	"time"
)

type key struct{}

// work reads a value of ctx and nothing else: it does not watch cancellation.
func work(ctx context.Context) int {
	if v, ok := ctx.Value(key{}).(int); ok {
		return v
	}
	return 0
}

func produce(ctx context.Context, out chan<- int) {
	out <- work(ctx) // want abandoned-sender `.out <- work\(ctx\). blocks forever: this goroutine sends on ch, which has no buffer, and GatherOrTimeout can leave through collectOrTimeout`
}

// collect receives once, whatever happens: a peer that cannot give up.
func collect(in <-chan int) int {
	return <-in
}

// collectOrTimeout gives up after a second.
func collectOrTimeout(in <-chan int) (int, error) {
	select {
	case v := <-in:
		return v, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

// Gather hands the channel to a helper that receives from it on every way: the producer always finds its receiver.
func Gather(ctx context.Context) int {
	ch := make(chan int)
	go produce(ctx, ch)
	return collect(ch)
}

// GatherOrTimeout: the helper can time out and return, and the producer then waits forever.
func GatherOrTimeout(ctx context.Context) (int, error) {
	ch := make(chan int)
	go produce(ctx, ch) // want ctx-done-missing `goroutine running produce receives ctx but never observes ctx.Done\(\); it can block at .out <- work\(ctx\). and leaks once ctx is cancelled`
	return collectOrTimeout(ch)
}

// Twice: two producers against the helper's one receive: one of them (either) waits forever.
func Twice(ctx context.Context) int {
	ch := make(chan int)
	go produce(ctx, ch) // want ctx-done-missing `goroutine running produce receives ctx`
	go produce(ctx, ch) // want ctx-done-missing `goroutine running produce receives ctx`
	return collect(ch)
}

type job struct {
	done chan int
}

func (j *job) run(ctx context.Context) {
	j.done <- work(ctx)
}

// RunJob: the parent receives the job's result from its field on every way on.
func RunJob(ctx context.Context) int {
	j := &job{done: make(chan int)}
	go j.run(ctx)
	return <-j.done
}

// RunJobOrStop: the parent can leave on stop, and the job's send then waits forever.
func RunJobOrStop(ctx context.Context, stop <-chan struct{}) int {
	j := &job{done: make(chan int)}
	go j.run(ctx) // want ctx-done-missing `goroutine running job.run receives ctx but never observes ctx.Done\(\); it can block at .j.done <- work\(ctx\).`
	select {
	case v := <-j.done:
		return v
	case <-stop:
		return -1
	}
}

// Checked watches ctx once, then sends bare; the helper receives on every way: it cannot block forever.
func Checked(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		select {
		case <-ctx.Done():
			return
		default:
		}
		ch <- work(ctx)
	}()
	return collect(ch)
}

// CheckedOrTimeout: the same goroutine, but the helper can give up (abandoned-sender's: the parent's way out).
func CheckedOrTimeout(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		select {
		case <-ctx.Done():
			return
		default:
		}
		ch <- work(ctx) // want abandoned-sender `.ch <- work\(ctx\). blocks forever: this goroutine sends on ch, which has no buffer, and CheckedOrTimeout can leave through collectOrTimeout`
	}()
	return collectOrTimeout(ch)
}

// Late: the helper receives only after waiting on another channel, which may never deliver.
func Late(ctx context.Context, ready <-chan struct{}) int {
	ch := make(chan int)
	go produce(ctx, ch) // want ctx-done-missing `goroutine running produce receives ctx`
	return afterReady(ready, ch)
}

func afterReady(ready <-chan struct{}, in <-chan int) int {
	<-ready
	return <-in
}

type pipe struct {
	in chan int
}

// feed sends until ctx is done, and closes in on every way out.
func (p *pipe) feed(ctx context.Context, vals []int) {
	defer close(p.in)
	for _, v := range vals {
		select {
		case p.in <- v:
		case <-ctx.Done():
			return
		}
	}
}

// feedOpen is feed without the close.
func (p *pipe) feedOpen(ctx context.Context, vals []int) {
	for _, v := range vals {
		select {
		case p.in <- v:
		case <-ctx.Done():
			return
		}
	}
}

func (p *pipe) first(ctx context.Context) int {
	v := <-p.in
	return v + work(ctx)
}

// Pipe: the feeder's deferred close completes the first receive, whatever its sends do.
func Pipe(ctx context.Context, vals []int) {
	p := &pipe{in: make(chan int)}
	go p.feed(ctx, vals)
	go p.first(ctx)
}

// PipeOpen: the feeder can leave on ctx without a send or a close: the receive waits forever.
func PipeOpen(ctx context.Context, vals []int) {
	p := &pipe{in: make(chan int)}
	go p.feedOpen(ctx, vals)
	go p.first(ctx) // want ctx-done-missing `goroutine running pipe.first receives ctx but never observes ctx.Done\(\); it can block at .<-p.in.`
}

// feedLit closes in a deferred func literal, the common form.
func (p *pipe) feedLit(ctx context.Context, vals []int) {
	defer func() {
		close(p.in)
	}()
	for _, v := range vals {
		select {
		case p.in <- v:
		case <-ctx.Done():
			return
		}
	}
}

// PipeLit: the close in the deferred literal completes the receive, as `defer close(p.in)` does.
func PipeLit(ctx context.Context, vals []int) {
	p := &pipe{in: make(chan int)}
	go p.feedLit(ctx, vals)
	go p.first(ctx)
}

func deliver(out chan<- int, v int) {
	out <- v
}

func takeOne(ctx context.Context, in <-chan int) int {
	return <-in + work(ctx)
}

// FeedOther: the helper the parent always calls feeds another channel; the call that feeds ch runs on one branch.
func FeedOther(ctx context.Context, flag bool) {
	ch := make(chan int)
	other := make(chan int, 1)
	go takeOne(ctx, ch) // want ctx-done-missing `goroutine running takeOne receives ctx but never observes ctx.Done\(\); it can block at .<-in.`
	deliver(other, 1)
	if flag {
		deliver(ch, 1)
	}
}
