package requester

import (
	"context"

	"example.org/bloom"
)

// Task is one retrieval of this module.
type Task struct{ Bits []byte }

// Session hands out retrieval tasks on reply channels; the module implements it (ownSession).
type Session interface {
	Multiplex(batch int, requests chan chan *Task)
}

type ownSession struct{ ctx context.Context }

func (o ownSession) Multiplex(batch int, requests chan chan *Task) { multiplex(o.ctx, requests) }

// ServeUnseen answers the requests of another module's session: it sends a reply channel, sends the task on it and
// waits on the same channel for the answer. The other half of both operations is out of sight.
func ServeUnseen(ctx context.Context, s *bloom.Session) {
	requests := make(chan chan *bloom.Task)
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

// ServeIface answers through an interface the module implements itself (ownSession gives up on ctx): judged as the
// module's own requester.
func ServeIface(ctx context.Context) {
	var s Session = ownSession{ctx: ctx}
	requests := make(chan chan *Task)
	go s.Multiplex(16, requests)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case request := <-requests:
				task := <-request // want ctx-unguarded-block
				task.Bits = []byte{2}
				request <- task // want ctx-unguarded-block
			}
		}
	}()
}
