package abandoned

import (
	"context"
	"errors"
)

// Channels in the fields of an object that never leaves its function are that function's channels.

type connection struct {
	write chan []byte
	id    int
}

func writeAll(write chan []byte) {
	for b := range write { // want unclosed-range `.range write. never ends: this goroutine ranges over conn.write, which nothing closes`
		_ = b
	}
}

func handshake(ok bool) error {
	if !ok {
		return errors.New("eof")
	}
	return nil
}

// RunConnection: the writer ranges over the connection's channel, which nothing closes.
func RunConnection(ok bool) error {
	conn := &connection{write: make(chan []byte), id: 1}
	go writeAll(conn.write)
	conn.write <- []byte("hello")
	if err := handshake(ok); err != nil {
		return err
	}
	conn.write <- []byte("msg")
	return nil
}

// RunConnectionClosed: the twin closes it on every way out.
func RunConnectionClosed(ok bool) error {
	conn := &connection{write: make(chan []byte), id: 2}
	defer close(conn.write)
	go writeAll(conn.write)
	conn.write <- []byte("hello")
	if err := handshake(ok); err != nil {
		return err
	}
	conn.write <- []byte("msg")
	return nil
}

// starter keeps its error channel in a field of the value it is started on.
type starter struct {
	errs chan error
}

func (s *starter) failing(n int) error {
	if n > 1 {
		return errors.New("fail")
	}
	return nil
}

// StartAll: goroutines in a loop report on a one-slot field channel; the parent takes one report or leaves on ctx.
func (s *starter) StartAll(ctx context.Context, n int) error {
	s.errs = make(chan error, 1)
	for i := 0; i < n; i++ {
		go func(i int) {
			if err := s.failing(i); err != nil {
				s.errs <- err // want abandoned-sender `.s.errs <- err. blocks forever: this goroutine sends on s.errs, whose buffer of 1 the sends can fill, and starter.StartAll can leave on .<-ctx.Done\(\). without receiving from s.errs`
			}
		}(i)
	}
	select {
	case err := <-s.errs:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// single is the twin's type: a field of its own (another function receiving from starter.errs could drain it).
type single struct {
	errs chan error
}

// StartOne: the twin starts one goroutine, whose one report fits the slot.
func (s *single) StartOne(ctx context.Context) error {
	s.errs = make(chan error, 1)
	go func() {
		if err := handshake(false); err != nil {
			s.errs <- err
		}
	}()
	select {
	case err := <-s.errs:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
