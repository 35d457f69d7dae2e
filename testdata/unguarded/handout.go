package unguarded

import "context"

// A stream whose watcher hands its one result to whoever holds the stream: the parent returns the channel
// inside a struct, and the receiver is code goleash does not follow.
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

// futureOf returns the channel itself; the goroutine sends its one value after checking Done.
func futureOf(ctx context.Context, compute func() int) <-chan int {
	out := make(chan int)
	go func() {
		select {
		case <-ctx.Done():
			return
		default:
		}
		out <- compute()
	}()
	return out
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
