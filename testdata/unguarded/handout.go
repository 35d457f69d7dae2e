package unguarded

import "context"

// A stream whose watcher hands its one result to whoever holds the stream: the parent stores the channel in
// a struct, which owns it like a struct field's channel; the receiver is code goleash does not follow.
type stream struct {
	Finished chan error
	events   chan int
}

func watchStream(ctx context.Context, events chan int) *stream {
	finished := make(chan error)
	go func() { // the result is sent once, on a channel handed out: not judged
		for {
			select {
			case e := <-events:
				if e < 0 {
					finished <- nil
					return
				}
			case <-ctx.Done():
				finished <- ctx.Err()
				return
			}
		}
	}()
	return &stream{Finished: finished, events: events}
}

// futureOf returns the channel itself; the goroutine sends its one value after checking Done once. A caller
// that waits on the channel and on ctx, and leaves on cancellation, abandons the send.
func futureOf(ctx context.Context, compute func() int) <-chan int {
	out := make(chan int)
	go func() {
		select {
		case <-ctx.Done():
			return
		default:
		}
		out <- compute() // want ctx-unguarded-block `out <- compute\(\). can block forever`
	}()
	return out
}

// A stream stored in a struct that sends its error once but its values in a loop: its consumer may stop
// reading, so both sends are judged.
func watchValues(ctx context.Context, read func() (int, error)) *stream {
	values := make(chan int)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			default:
			}
			v, err := read()
			if err != nil {
				values <- -1 // want ctx-unguarded-block `values <- -1. can block forever`
				return
			}
			values <- v // want ctx-unguarded-block `values <- v. can block forever`
		}
	}()
	return &stream{events: values}
}

// A generator checks Done and then sends without it, in a loop: once its consumer stops reading and
// cancels, the goroutine blocks forever on the next send.
func numbers(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			default:
			}
			out <- i // want ctx-unguarded-block `out <- i. can block forever: goroutine running func literal observes ctx.Done\(\) elsewhere`
		}
	}()
	return out
}

// The same generator, storing its channel in a map: still a loop of sends.
func register(ctx context.Context, streams map[string]chan int) {
	out := make(chan int)
	streams["n"] = out
	go func() {
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			default:
			}
			out <- i // want ctx-unguarded-block `out <- i. can block forever`
		}
	}()
}
