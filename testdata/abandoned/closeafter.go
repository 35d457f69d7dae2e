package abandoned

import (
	"errors"
	"time"
)

type readyStore struct{ n int }

func (s *readyStore) waitReady() error { return nil }

// the first ready store wins; the parent closes the channel after the receive, so the later senders panic
// instead of blocking forever
func FirstReady(stores ...*readyStore) (*readyStore, error) {
	ch := make(chan *readyStore)
	for _, s := range stores {
		go func(s *readyStore) {
			if err := s.waitReady(); err == nil {
				ch <- s
			}
		}(s)
	}
	select {
	case s := <-ch:
		close(ch)
		return s, nil
	case <-time.After(time.Second):
		panic("timeout")
	}
}

// the same without the close: the later senders block forever
func FirstReadyOpen(stores ...*readyStore) (*readyStore, error) {
	ch := make(chan *readyStore)
	for _, s := range stores {
		go func(s *readyStore) {
			if err := s.waitReady(); err == nil {
				ch <- s // want abandoned-sender `FirstReadyOpen can return on .<-time.After\(time.Second\). without receiving from ch`
			}
		}(s)
	}
	select {
	case s := <-ch:
		return s, nil
	case <-time.After(time.Second):
		return nil, errors.New("timeout")
	}
}

// closed on one path only: the early return leaves them blocked
func FirstReadySome(ok bool, stores ...*readyStore) (*readyStore, error) {
	ch := make(chan *readyStore)
	for _, s := range stores {
		go func(s *readyStore) {
			if err := s.waitReady(); err == nil {
				ch <- s // want abandoned-sender `FirstReadySome starts one sender per loop iteration but receives from ch once`
			}
		}(s)
	}
	s := <-ch
	if !ok {
		return nil, errors.New("no")
	}
	close(ch)
	return s, nil
}
