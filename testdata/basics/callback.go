package basics

import "context"

// A goroutine handed a ctx waits for a callback it handed to a call: the wait ends when the callee calls back,
// which is the callee's protocol, not the ctx's.

type requester struct {
	pending []func(int)
	hook    func()
}

// do queues the request; its callback runs when the answer arrives.
func (r *requester) do(ctx context.Context, n int, cb func(int)) {
	_ = ctx
	r.pending = append(r.pending, cb)
	cb(n)
}

// ask waits for its callback, which closes the channel.
func (r *requester) ask(ctx context.Context, n int) int {
	var got int
	done := make(chan struct{})
	wait := func(v int) {
		got = v
		close(done)
	}
	r.do(ctx, n, wait)
	<-done
	return got
}

// AskAll, silent: each wait is answered by its callback.
func AskAll(ctx context.Context, r *requester, ns []int) {
	go func() {
		for _, n := range ns {
			r.ask(ctx, n)
		}
	}()
}

// askHooked keeps the closing func in a field instead of handing it to a call: nothing says it will run.
func (r *requester) askHooked(ctx context.Context) {
	done := make(chan struct{})
	r.hook = func() { close(done) }
	_ = ctx
	<-done
}

// AskHooked, the twin: it can wait forever once ctx is cancelled.
func AskHooked(ctx context.Context, r *requester) {
	go r.askHooked(ctx) // want ctx-done-missing `goroutine running requester.askHooked receives ctx but never observes ctx.Done\(\); it can block at .<-done.`
}
