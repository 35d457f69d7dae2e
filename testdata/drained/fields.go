package drained

import (
	"context"
	"errors"
)

type stream struct {
	err  chan error
	data []byte
}

func open(name string) ([]byte, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return []byte(name), nil
}

// readFrom reports its one result into a field buffered for it: the send cannot block.
func (s *stream) readFrom(ctx context.Context, name string) {
	_ = ctx.Value("trace")
	b, err := open(name)
	if err != nil {
		s.err <- err
		return
	}
	s.data = b
	s.err <- nil
}

func NewStream(ctx context.Context, name string) *stream {
	s := &stream{err: make(chan error, 1)}
	go s.readFrom(ctx, name)
	return s
}

type server struct {
	errs chan error
}

// serve reports into a field nobody buffered: the send waits for a reader that may be gone.
func (s *server) serve(ctx context.Context, name string) {
	_ = ctx.Value("trace")
	if _, err := open(name); err != nil {
		s.errs <- err // want abandoned-sender `nothing in the module receives from it`
	}
}

func NewServer(ctx context.Context, name string) *server {
	s := &server{}
	s.errs = make(chan error)
	go s.serve(ctx, name) // want ctx-done-missing `it can block at .s.errs <- err.`
	return s
}
