package stream

import (
	"context"
	"errors"
	"net/http"
)

// PutCmd's goroutine calls a func literal of its parent that streams on out: the literal's sends are the
// goroutine's, and a buffer of fixed size only delays the block once the reader stops.
var PutCmd = &command{
	Run: func(req *http.Request, res emitter) {
		out := make(chan item, 8)
		res.SetOutput(out)
		put := func(ids []int) error {
			for _, id := range ids {
				if !check(req.Context(), id) {
					return errors.New("bad id")
				}
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which PutCmd.Run hands to code goleash cannot see`
			}
			return nil
		}
		go func() {
			defer close(out)
			_ = put([]int{1, 2, 3})
		}()
	},
}

// Twin: the literal's send selects on the request's ctx as well.
var PutGuardedCmd = &command{
	Run: func(req *http.Request, res emitter) {
		out := make(chan item, 8)
		res.SetOutput(out)
		put := func(ids []int) error {
			for _, id := range ids {
				select {
				case out <- item{id}:
				case <-req.Context().Done():
					return req.Context().Err()
				}
			}
			return nil
		}
		go func() {
			defer close(out)
			_ = put([]int{1, 2, 3})
		}()
	},
}

// Dups copies every key of a stream into a buffered output channel: the buffer fills once the reader stops.
func Dups(ctx context.Context, keys <-chan int, res emitter) {
	out := make(chan item, 128)
	res.SetOutput(out)
	go func() {
		defer close(out)
		for k := range keys {
			if check(ctx, k) {
				out <- item{k} // want unguarded-stream `.out <- item\{k\}. can block forever: this goroutine sends on out, which Dups hands to code goleash cannot see`
			}
		}
	}()
}

// Twin: the buffer holds one slot per element, so no send waits.
func DupsSized(ctx context.Context, ids []int, res emitter) {
	out := make(chan item, len(ids))
	res.SetOutput(out)
	go func() {
		defer close(out)
		for _, id := range ids {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
}

// emit sends one item on out: called from the goroutine's loop, each call is one send of a stream.
func emit(out chan<- item, id int) {
	out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which Forward returns to its caller`
}

// Forward's goroutine hands out to a helper of the module from its loop.
func Forward(ctx context.Context, ids []int) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range ids {
			if check(ctx, id) {
				emit(out, id)
			}
		}
	}()
	return out
}

// emitGuarded sends one item on out, or gives up when ctx is cancelled.
func emitGuarded(ctx context.Context, out chan<- item, id int) bool {
	select {
	case out <- item{id}:
		return true
	case <-ctx.Done():
		return false
	}
}

// Twin: the helper selects on ctx.Done() as well.
func ForwardGuarded(ctx context.Context, ids []int) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range ids {
			if !emitGuarded(ctx, out, id) {
				return
			}
		}
	}()
	return out
}

// emitAll streams the items on out with bare sends.
func emitAll(out chan<- item, ids []int) {
	for _, id := range ids {
		out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which ForwardAll returns to its caller`
	}
}

// ForwardAll's goroutine hands out to a helper of the module that loops over the items.
func ForwardAll(ctx context.Context, ids []int) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		if check(ctx, len(ids)) {
			emitAll(out, ids)
		}
	}()
	return out
}

// Twin: the helper is handed a buffer sized for every item.
func ForwardAllSized(ctx context.Context, ids []int) <-chan item {
	out := make(chan item, len(ids))
	go func() {
		defer close(out)
		if check(ctx, len(ids)) {
			emitAll(out, ids)
		}
	}()
	return out
}
