package unguarded

import "context"

// Session hands out retrieval tasks on reply channels; its implementation is another module's.
type Session interface {
	Multiplex(batch int, requests chan chan *Task)
}

// Task is one retrieval.
type Task struct{ Bits []byte }

// ServeUnseen answers the requests of a session goleash cannot see: the session sends a reply channel, sends the
// task on it and waits on the same channel for the answer. The other half of both operations is out of sight.
func ServeUnseen(ctx context.Context, s Session) {
	requests := make(chan chan *Task)
	go s.Multiplex(16, requests)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case request := <-requests:
				task := <-request
				task.Bits = []byte{1}
				request <- task
			}
		}
	}()
}

// ServeOwn answers the module's own requester, which gives up when ctx ends: both operations on its reply channel
// can wait forever.
func ServeOwn(ctx context.Context) {
	requests := make(chan chan *Task)
	go multiplex(ctx, requests)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case request := <-requests:
				task := <-request // want ctx-unguarded-block
				task.Bits = []byte{1}
				request <- task // want ctx-unguarded-block
			}
		}
	}()
}

func multiplex(ctx context.Context, requests chan chan *Task) {
	request := make(chan *Task)
	select {
	case requests <- request:
	case <-ctx.Done():
		return
	}
	select {
	case request <- &Task{}:
	case <-ctx.Done():
		return
	}
	select {
	case <-request:
	case <-ctx.Done():
	}
}
