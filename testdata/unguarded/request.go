// A loop takes reply channels out of a request field and answers each once. Where every requester makes its
// own reply channel and waits on it right after the request is taken, the answer cannot block; where one
// requester may give up on the answer (its select has a Done case), the answer is judged.
package unguarded

import (
	"context"
	"errors"
)

type rqIndexer struct {
	quit chan chan error
	work chan int
}

func newRqIndexer(ctx context.Context) *rqIndexer {
	x := &rqIndexer{quit: make(chan chan error), work: make(chan int)}
	go x.loop(ctx)
	return x
}

func (x *rqIndexer) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case errc := <-x.quit:
			errc <- nil // silent: every requester waits on its own errc
			return
		case n := <-x.work:
			_ = n
		}
	}
}

// Close asks the loop to stop and waits for its answer.
func (x *rqIndexer) Close() error {
	errc := make(chan error)
	x.quit <- errc
	if err := <-errc; err != nil {
		return err
	}
	return nil
}

type rqServer struct {
	stats chan chan int
}

func newRqServer(ctx context.Context) *rqServer {
	s := &rqServer{stats: make(chan chan int)}
	go s.serve(ctx)
	return s
}

func (s *rqServer) serve(ctx context.Context) {
	count := 0
	for {
		select {
		case <-ctx.Done():
			return
		case reply := <-s.stats:
			count++
			reply <- count // want ctx-unguarded-block
		}
	}
}

// Stats gives up on the answer when its own ctx ends, after the request was taken.
func (s *rqServer) Stats(ctx context.Context) (int, error) {
	reply := make(chan int)
	s.stats <- reply
	select {
	case n := <-reply:
		return n, nil
	case <-ctx.Done():
		return 0, errors.New("gave up")
	}
}
