// Package stream holds goroutines that send on a channel their parent returns or hands to other code, with and
// without a way out when the reader stops.
package stream

import (
	"context"
	"net/http"
)

type item struct{ n int }

func check(ctx context.Context, n int) bool { return ctx.Err() == nil && n > 0 }

// Verify streams results on the channel it returns: a caller that stops reading (its request was cancelled)
// leaves the goroutine blocked on the send.
func Verify(ctx context.Context, ids []int) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which Verify returns to its caller, with no way out if the reader stops`
			}
		}
	}()
	return out
}

// Twin: each send selects on ctx.Done() as well.
func VerifyGuarded(ctx context.Context, ids []int) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range ids {
			select {
			case out <- item{id}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Twin: a buffer sized for the one result, so the send never waits.
func Once(ctx context.Context, id int) <-chan item {
	out := make(chan item, 1)
	go func() {
		if check(ctx, id) {
			out <- item{id}
		}
		close(out)
	}()
	return out
}

// emitter stands for a framework that reads a command's output channel (code goleash cannot see).
type emitter interface{ SetOutput(ch <-chan item) }

// Serve hands the channel to the framework, which stops reading when the request's ctx is cancelled.
func Serve(req *http.Request, res emitter, ids []int) {
	ctx := req.Context()
	out := make(chan item)
	res.SetOutput((<-chan item)(out))
	go func() {
		defer close(out)
		for _, id := range ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which Serve hands to code goleash cannot see, with no way out if the reader stops`
			}
		}
	}()
}

// Twin: the parent reads the channel itself until it is closed.
func Collect(ctx context.Context, ids []int) []item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range ids {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
	var all []item
	for it := range out {
		all = append(all, it)
	}
	return all
}

// Twin: no context anywhere, so nothing tells the goroutine that its reader has gone; not judged.
func Numbers(ids []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, id := range ids {
			out <- id
		}
	}()
	return out
}

// produce sends each id on out: a helper of the goroutine, with the parent's ctx at hand.
func produce(ctx context.Context, out chan<- item, ids []int) {
	for _, id := range ids {
		if check(ctx, id) {
			out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which Started returns to its caller, with no way out if the reader stops`
		}
	}
	close(out)
}

// Started runs a declared function as the goroutine.
func Started(ctx context.Context, ids []int) <-chan item {
	out := make(chan item)
	go produce(ctx, out, ids)
	return out
}

// command stands for a framework's command table: its Run is a func literal in a package-level variable.
type command struct {
	Run func(req *http.Request, res emitter)
}

// ListCmd's Run is a function of its own: its goroutine is judged like any other.
var ListCmd = &command{
	Run: func(req *http.Request, res emitter) {
		ctx := req.Context()
		out := make(chan item)
		res.SetOutput(out)
		go func() {
			defer close(out)
			for i := 0; check(ctx, i); i++ {
				out <- item{i} // want unguarded-stream `.out <- item\{i\}. can block forever: this goroutine sends on out, which ListCmd.Run hands to code goleash cannot see`
			}
		}()
	},
}

func lookup(ctx context.Context, n int) []int { return []int{n} }

// ServeInline has no ctx variable: it hands req.Context() straight on, and the means to stop are still there.
func ServeInline(req *http.Request, res emitter, n int) {
	found := lookup(req.Context(), n)
	out := make(chan item)
	res.SetOutput(out)
	go func() {
		defer close(out)
		for _, f := range found {
			out <- item{f} // want unguarded-stream `.out <- item\{f\}. can block forever: this goroutine sends on out, which ServeInline hands to code goleash cannot see`
		}
	}()
}

// Twin: one result, sent once: most callers take it on every path, which this rule does not follow.
func OneResult(ctx context.Context, id int) <-chan item {
	out := make(chan item)
	go func() {
		if check(ctx, id) {
			out <- item{id}
		}
		close(out)
	}()
	return out
}

func guess(ctx context.Context, n int) (int, error) { return n, ctx.Err() }

// Twin: the forwarding loop ranges over a channel whose one feeder sends at most once (on exclusive branches),
// so it forwards a single result, not a stream.
func Relay(ctx context.Context, n int) <-chan item {
	in := make(chan item)
	go func() {
		defer close(in)
		v, err := guess(ctx, n)
		if err != nil {
			in <- item{-1}
			return
		}
		switch {
		case v > 0:
			in <- item{v}
		default:
			in <- item{0}
		}
	}()
	out := make(chan item)
	go func() {
		defer close(out)
		for x := range in {
			if x.n < 0 {
				out <- x
				continue
			}
			out <- x
		}
	}()
	return out
}

// The feeder sends in a loop: the forwarder streams, and a reader that stops leaves it blocked.
func RelayAll(ctx context.Context, ns []int) <-chan item {
	in := make(chan item)
	go func() {
		defer close(in)
		for _, n := range ns {
			in <- item{n}
		}
	}()
	out := make(chan item)
	go func() {
		defer close(out)
		for x := range in {
			out <- x // want unguarded-stream `.out <- x. can block forever: this goroutine sends on out, which RelayAll returns to its caller`
		}
	}()
	return out
}

// The forwarder ranges over a channel its caller hands in: its senders are not known, so it streams.
func ForwardParam(ctx context.Context, in <-chan item) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for x := range in {
			if check(ctx, x.n) {
				out <- x // want unguarded-stream `.out <- x. can block forever: this goroutine sends on out, which ForwardParam returns to its caller`
			}
		}
	}()
	return out
}
